/* spoken.c - which acronyms are spoken as a word (FITKO "Fitko", NOOTS,
 * EfA "Efa", ELSTER) rather than letter by letter (OZG, BSI, BMI, DVDV):
 * German phonotactics, simplified. A spoken acronym is letters only, three
 * or more, with a vowel; the consonants before its first vowel form a
 * German word onset, those after its last vowel a word coda, and every run
 * of consonants between vowels splits into a coda and an onset. OZG ends
 * in "zg", BSI starts with "bs", BMI with "bm": read as letters. */
#include "extract.h"

#include <string.h>

static int is_vowel(char c)
{
	return strchr("aeiouy\x01\x02\x03", c) != NULL && c;
}

static int in_list(const char *const *list, const char *s, size_t n)
{
	if (n <= 1)
		return 1;
	for (; *list; list++)
		if (strlen(*list) == n && !memcmp(*list, s, n))
			return 1;
	return 0;
}

static const char *const onsets[] = {
	"bl", "br", "ch", "chr", "dr", "fl", "fr", "gl", "gn", "gr", "kl", "kn", "kr", "kw", "pf",
	"pfl", "pfr", "ph", "pl", "pr", "ps", "qu", "sch", "schl", "schm", "schn", "schr", "schw",
	"sk", "sl", "sm", "sn", "sp", "sph", "spl", "spr", "st", "str", "sw", "sz", "th", "tr",
	"ts", "tsch", "tw", "wr", "zw", NULL,
};

static const char *const codas[] = {
	"ch", "chs", "cht", "ck", "ckt", "ff", "ft", "gs", "gt", "ks", "kt", "lb", "lch", "ld",
	"lds", "lf", "lk", "ll", "lm", "ln", "lp", "ls", "lt", "mb", "mm", "mp", "mpf", "ms", "mt",
	"nd", "nds", "nf", "ng", "ngs", "nk", "nkt", "nn", "ns", "nst", "nt", "nz", "nzt", "pf",
	"ps", "pt", "rb", "rch", "rd", "rf", "rg", "rk", "rl", "rm", "rn", "rp", "rr", "rs", "rst",
	"rt", "rts", "rz", "sch", "sk", "sp", "ss", "st", "ts", "tsch", "tt", "tz", NULL,
};

int ex_acronym_is_spoken(const char *label)
{
	char w[64];
	size_t n = 0;
	/* lower case; ä ö ü as vowels of their own (\1 \2 \3) */
	for (const unsigned char *p = (const unsigned char *)label; *p; p++) {
		if (n + 1 >= sizeof w)
			return 0;
		if (*p >= 'A' && *p <= 'Z')
			w[n++] = (char)(*p | 0x20);
		else if (*p >= 'a' && *p <= 'z')
			w[n++] = (char)*p;
		else if (*p == 0xC3 && p[1]) {
			unsigned c = p[1] | 0x20; /* Ä 84 ä a4, Ö 96 ö b6, Ü 9c ü bc */
			if (c != 0xa4 && c != 0xb6 && c != 0xbc)
				return 0;
			w[n++] = c == 0xa4 ? '\1' : c == 0xb6 ? '\2' : '\3';
			p++;
		} else
			return 0;
	}
	if (n < 3)
		return 0;
	size_t first = 0, last = n;
	while (first < n && !is_vowel(w[first]))
		first++;
	if (first == n || !in_list(onsets, w, first))
		return 0;
	while (last > 0 && !is_vowel(w[last - 1]))
		last--;
	if (!in_list(codas, w + last, n - last))
		return 0;
	for (size_t i = first; i < last;) {
		if (is_vowel(w[i])) {
			i++;
			continue;
		}
		size_t j = i;
		while (j < last && !is_vowel(w[j]))
			j++;
		int fits = 0;
		for (size_t cut = i; cut <= j && !fits; cut++)
			fits = in_list(codas, w + i, cut - i) && in_list(onsets, w + cut, j - cut);
		if (!fits)
			return 0;
		i = j;
	}
	return 1;
}
