/* baseform.c - the base form of a declined long form (discover.h):
 * "des Nationalen Once-Only-Technical-Systems (NOOTS)" gives "Nationales
 * Once-Only-Technical-System", "der Föderalen IT-Kooperation" gives
 * "Föderale IT-Kooperation", the form a glossary names a concept by.
 *
 * German declines the front of a name (the adjectives and the head noun
 * before the first function word); the article before the name tells the
 * case. Nominative without an article takes strong adjective endings: -er
 * (masculine), -e (feminine, plural), -es (neuter). Where the case leaves
 * the gender open (des, dem, im, vom, zum, den), the head noun's last part
 * decides by its ending or a short list of the field's nouns; where that
 * is not known, or the name is not of this shape, there is no base form and
 * the caller keeps the name as written. */

#include <string.h>

#include "abbrev_forms.h"
#include "discover.h"

#define MAX_BF_WORDS 24

struct bf_word {
	const char *s;
	size_t n;
};

static int is_function_word(const char *s, size_t n)
{
	static const char *const fw[] = {
		"der", "die", "das", "des", "dem", "den", "und", "oder", "sowie", "f\xc3\xbcr",
		"\xc3\xbc" "ber", "zur", "zum", "zu", "von", "vom", "in", "im", "am", "an", "auf", "bei",
		"mit", "nach", "aus", "als", "gegen", "durch", "unter", "vor", "ohne", "um", "bis",
		"of", "and", "the", "for", "on", "to", NULL,
	};
	return ab_word_in(s, n, fw);
}

/* 'm', 'n' or 'f' by the noun's last letters (lower case), 0 if not known.
 * The longest matching ending wins: "Register" is neuter, "Server" not. */
static char gender_of(const char *s, size_t n)
{
	static const struct {
		const char *end;
		char g;
	} ends[] = {
		/* neuter */
		{ "amt", 'n' }, { "system", 'n' }, { "gesetz", 'n' }, { "portal", 'n' },
		{ "zentrum", 'n' }, { "ministerium", 'n' }, { "institut", 'n' }, { "verfahren", 'n' },
		{ "netz", 'n' }, { "netzwerk", 'n' }, { "werk", 'n' }, { "konto", 'n' },
		{ "register", 'n' }, { "programm", 'n' }, { "projekt", 'n' }, { "b\xc3\xbcro", 'n' },
		{ "gremium", 'n' }, { "kollegium", 'n' }, { "forum", 'n' }, { "labor", 'n' },
		{ "modell", 'n' }, { "postfach", 'n' }, { "wesen", 'n' }, { "recht", 'n' },
		{ "abkommen", 'n' }, { "gericht", 'n' }, { "land", 'n' }, { "haus", 'n' },
		{ "verzeichnis", 'n' }, { "buch", 'n' }, { "protokoll", 'n' }, { "siegel", 'n' },
		{ "zertifikat", 'n' }, { "konzept", 'n' }, { "angebot", 'n' }, { "gateway", 'n' },
		{ "framework", 'n' }, { "modul", 'n' }, { "paket", 'n' }, { "ment", 'n' },
		{ "chen", 'n' }, { "lein", 'n' }, { "um", 'n' },
		/* masculine */
		{ "rat", 'm' }, { "dienst", 'm' }, { "bund", 'm' }, { "ausschuss", 'm' },
		{ "stack", 'm' }, { "standard", 'm' }, { "vertrag", 'm' }, { "plan", 'm' },
		{ "markt", 'm' }, { "kreis", 'm' }, { "verband", 'm' }, { "hof", 'm' }, { "tag", 'm' },
		{ "staat", 'm' }, { "betrieb", 'm' }, { "ismus", 'm' }, { "ling", 'm' },
		{ "katalog", 'm' }, { "prozess", 'm' }, { "bereich", 'm' }, { "raum", 'm' },
		{ "zugang", 'm' }, { "speicher", 'm' }, { "verkehr", 'm' }, { "schl\xc3\xbcssel", 'm' },
		{ "leister", 'm' }, { "server", 'm' }, { "client", 'm' }, { "browser", 'm' },
		{ "beirat", 'm' }, { "senat", 'm' }, { "landtag", 'm' }, { "bundestag", 'm' },
		/* feminine */
		{ "ung", 'f' }, { "heit", 'f' }, { "keit", 'f' }, { "schaft", 'f' }, { "ion", 'f' },
		{ "t\xc3\xa4t", 'f' }, { "ik", 'f' }, { "ie", 'f' }, { "ur", 'f' }, { "enz", 'f' },
		{ "anz", 'f' }, { "ei", 'f' }, { "cloud", 'f' }, { "form", 'f' }, { "agenda", 'f' },
		{ "stelle", 'f' }, { "beh\xc3\xb6rde", 'f' }, { "anstalt", 'f' }, { "initiative", 'f' },
	};
	char low[64];
	if (n >= sizeof low)
		return 0;
	for (size_t i = 0; i < n; i++)
		low[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a' : s[i]);
	char g = 0;
	size_t best = 0;
	for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++) {
		size_t k = strlen(ends[i].end);
		if (k > best && ab_ends_with(low, n, ends[i].end)) {
			best = k;
			g = ends[i].g;
		}
	}
	return g;
}

/* The last part of a hyphenated compound ("Systems" of
 * "Once-Only-Technical-Systems"). */
static struct bf_word last_part(struct bf_word w)
{
	const char *h = NULL;
	for (size_t i = 0; i < w.n; i++)
		if (w.s[i] == '-')
			h = w.s + i + 1;
	return h ? (struct bf_word){ h, (size_t)(w.s + w.n - h) } : w;
}

/* The genitive singular ending of a masculine or neuter noun: "es" after
 * t, d, s, ß, z, x, g, h, k ("Amtes", "Gesetzes", "Tages"), else "s"; 0
 * if the word has none. */
static size_t genitive_ending(struct bf_word w)
{
	if (ab_ends_with(w.s, w.n, "es") && w.n > 4 && strchr("tdszxghk", w.s[w.n - 3]))
		return 2;
	if (ab_ends_with(w.s, w.n, "\xc3\x9f" "es"))
		return 2;
	return w.n > 3 && w.s[w.n - 1] == 's' ? 1 : 0;
}

/* A capitalised adjective before the head noun ("Nationalen", "Föderale"):
 * at least five letters, ending in -e, -en, -em, -er or -es, not after a
 * c (English "Practice Statement"). Returns the ending's length, 0 if it
 * is none. */
static size_t adjective_ending(struct bf_word w)
{
	if (w.n < 5 || !(w.s[0] >= 'A' && w.s[0] <= 'Z') || memchr(w.s, '-', w.n))
		return 0;
	size_t k = 0;
	if (ab_ends_with(w.s, w.n, "en") || ab_ends_with(w.s, w.n, "em") ||
	    ab_ends_with(w.s, w.n, "er") || ab_ends_with(w.s, w.n, "es"))
		k = 2;
	else if (w.s[w.n - 1] == 'e')
		k = 1;
	return k && w.s[w.n - k - 1] != 'c' ? k : 0;
}

int dc_base_form(const char *article, const char *name, struct buf *out)
{
	struct bf_word w[MAX_BF_WORDS];
	size_t nw = 0;
	for (const char *p = name; *p;) {
		while (*p == ' ')
			p++;
		const char *e = p;
		while (*e && *e != ' ')
			e++;
		if (e == p)
			break;
		if (nw == MAX_BF_WORDS)
			return 0;
		w[nw++] = (struct bf_word){ p, (size_t)(e - p) };
		p = e;
	}
	/* the head: the last word before the first function word */
	size_t head = 0;
	while (head + 1 < nw && !is_function_word(w[head + 1].s, w[head + 1].n))
		head++;
	if (!nw || is_function_word(w[0].s, w[0].n) || !(w[head].s[0] >= 'A' && w[head].s[0] <= 'Z'))
		return 0;
	size_t adj_end[MAX_BF_WORDS];
	int adj_en = 1, adj_e = 1; /* every adjective ends in -en; in -e */
	for (size_t i = 0; i < head; i++) {
		adj_end[i] = adjective_ending(w[i]);
		if (!adj_end[i])
			return 0;
		adj_en &= ab_ends_with(w[i].s, w[i].n, "en");
		adj_e &= adj_end[i] == 1;
	}
	struct bf_word hp = last_part(w[head]);
	size_t strip = 0;    /* letters to cut from the head noun */
	const char *ending;  /* the adjectives' nominative ending */
	char g;
	if (!strcmp(article, "des") || !strcmp(article, "eines")) {
		/* the gender also checks the cut: "Gebäudes" gives no known "Gebäud" */
		strip = genitive_ending(hp);
		g = strip ? gender_of(hp.s, hp.n - strip) : 0;
		if ((g != 'm' && g != 'n') || (head && !adj_en))
			return 0;
		ending = g == 'm' ? "er" : "es";
	} else if (!strcmp(article, "dem") || !strcmp(article, "einem") || !strcmp(article, "im") ||
	           !strcmp(article, "am") || !strcmp(article, "vom") || !strcmp(article, "zum") ||
	           !strcmp(article, "beim")) {
		g = gender_of(hp.s, hp.n);
		if (!head || (g != 'm' && g != 'n') || !adj_en)
			return 0;
		ending = g == 'm' ? "er" : "es";
	} else if (!strcmp(article, "der") || !strcmp(article, "einer") || !strcmp(article, "zur")) {
		/* -en: genitive or dative feminine, or genitive plural, both -e;
		 * -e after "der": nominative masculine ("der Deutsche Bundestag") */
		if (head && adj_en)
			ending = "e";
		else if (head && adj_e && !strcmp(article, "der") && gender_of(hp.s, hp.n) == 'm')
			ending = "er";
		else
			return 0;
	} else if (!strcmp(article, "die")) {
		if (!head || (!adj_en && !adj_e))
			return 0;
		ending = "e";
	} else if (!strcmp(article, "das")) {
		if (!head || !adj_e || gender_of(hp.s, hp.n) == 'f' || gender_of(hp.s, hp.n) == 'm')
			return 0;
		ending = "es";
	} else {
		return 0;
	}
	for (size_t i = 0; i < nw; i++) {
		if (i && buf_putc(out, ' ') < 0)
			return -1;
		size_t n = w[i].n;
		if (i < head) {
			if (buf_append(out, w[i].s, n - adj_end[i]) < 0 || buf_puts(out, ending) < 0)
				return -1;
		} else if (i == head) {
			if (buf_append(out, w[i].s, n - strip) < 0)
				return -1;
		} else if (buf_append(out, w[i].s, n) < 0) {
			return -1;
		}
	}
	return 1;
}
