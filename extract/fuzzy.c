/* fuzzy.c - near misses of speech recognition (`extract --fuzzy`).
 *
 * A token of the text (a word, a hyphenated compound, its first part, or a
 * word joined with the next one for wrong splits) that no exact match
 * covers is compared with the labels of 6 or more letters:
 *   - Damerau-Levenshtein distance <= 1 for 6-9 letters, <= 2 from 10;
 *   - or equal "sound" forms: German devoicing (d/t, b/p, g/k), w = v,
 *     c = k, ph = f, th = t, ie = i, h after a vowel, vocalic r before a
 *     consonant, double letters ("Datapod" = "Dataport");
 *   - or, for labels of 8 or more letters, Kölner Phonetik codes that are
 *     equal or one deletion apart, with the same first letter and sound
 *     forms at most 3 edits apart ("EU-Vollet" = "EUDI-Wallet").
 * Candidates come from a hash index of each label's sound form, its
 * one-letter deletions and its phonetic code (with the first two
 * letters), so a token costs a few lookups, not a scan of the
 * vocabulary: an open-addressing table of (fingerprint, label), 12 bytes a
 * form, behind a bit set of 1 byte a form that answers most probes from the
 * cache. The labels' forms live in one string arena.
 *
 * Precision on clean text (docs/matching.md): tokens shorter than 5
 * letters, words of the word list (Debian's wngerman), numbers that differ
 * and another known word in a label's place are never fuzzy matches; two
 * words joined match by edits after their first letters only. Tokens repeat:
 * a per-block memo answers a token seen before. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/wordlist.h"
#include "gz_internal.h"

enum { FZ_MAX = 64, FZ_MIN_LABEL = 6, FZ_MIN_TOKEN = 5 };

enum { SEED_SOUND = 0x51, SEED_CODE = 0x77 };

/* One form of one label: the high half of the form's hash, the label + 1. */
struct fz_post {
	uint32_t fp, entry;
};

struct gz_fuzzy {
	const struct gz *gz;
	uint32_t *key, *snd, *code; /* per entry, offsets into strs; 0 when the label is too short */
	char *strs;                 /* the forms, NUL-terminated; strs[0] is unused */
	size_t strs_len, strs_cap;
	unsigned char *head;        /* per entry: length of the part before a first space or hyphen */
	unsigned char *key_len;     /* per entry: strlen of its key */
	struct fz_post *post;       /* open addressing, linear probing; entry 0 = empty */
	size_t slots;               /* 4/3 of the forms: not a power of two, to save memory */
	uint64_t *bloom;            /* one bit a form, 8 bits a form: most probes stop here */
	unsigned bloom_shift;       /* 64 - log2(bits) */
	uint64_t *pre;              /* bit set of labels' first 4 to 8 letters (joined_prefix) */
	size_t pre_mask;            /* bits - 1 */
	const uint64_t *dict;       /* the word list's set (fz_words), or NULL */
	size_t dict_mask;
};

#define FZ_KEY(fz, e) ((fz)->strs + (fz)->key[e])
#define FZ_SND(fz, e) ((fz)->strs + (fz)->snd[e])
#define FZ_CODE(fz, e) ((fz)->strs + (fz)->code[e])

/* Frequent words that sit one letter away from some label. */
static const char *const common_words[] = {
	"aber", "allen", "andere", "anderen", "damit", "danach", "daten", "dabei", "deren",
	"dieser", "dieses", "diesen", "einem", "einen", "einer", "eines", "gegen", "haben",
	"hatte", "immer", "insbesondere", "jeweils", "koennen", "keine", "nicht", "nach",
	"ohne", "oder", "sein", "seine", "seiner", "sich", "sind", "soweit", "sowie",
	"ueber", "unter", "werden", "wurde", "wenn", "zwischen", "worden", "wieder",
	"bereits", "welche", "welcher", "gesetz", "gesetzes", "absatz", "artikel",
	"vorschrift", "vorschriften", "verordnung", "satzes", "nummer", "buchstabe", "dessen",
	"diese", "dieser", "durch", "einer", "fuer", "unsere", "unserer", "unseren", "haben",
	"werden", "koennte", "muessen", "sollen", "sollte", "wollen", "machen", "gemacht",
	"eigentlich", "natuerlich", "wirklich", "einfach", "vielleicht", "schon", "gerade", NULL
};

/* The word list: a text that is an ordinary German word is no misspelling
 * of a label ("Seebad" is not "See-BAV"). Debian's wngerman, read into a
 * set of 64-bit hashes of the words in the matcher's form (lower case,
 * ä = ae, ß = ss); the file lint reads (wl_default_path: $GLOSSAR_WORDLIST
 * or wngerman's); without it, no word is known. */

static uint64_t fz_hash(const char *s, size_t n)
{
	uint64_t h = 0x9E3779B97F4A7C15ull ^ n;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001B3ull;
	h ^= h >> 29;
	h *= 0xBF58476D1CE4E5B9ull;
	h ^= h >> 32;
	return h ? h : 1;
}

static void dict_put(uint64_t *set, size_t mask, uint64_t h)
{
	size_t i = (size_t)h & mask;
	while (set[i] && set[i] != h)
		i = (i + 1) & mask;
	set[i] = h;
}

static int dict_has(const struct gz_fuzzy *fz, const char *s, size_t n)
{
	if (!fz->dict)
		return 0;
	uint64_t h = fz_hash(s, n);
	for (size_t i = (size_t)h & fz->dict_mask; fz->dict[i]; i = (i + 1) & fz->dict_mask)
		if (fz->dict[i] == h)
			return 1;
	return 0;
}

/* One line of the word list in the matcher's form; 0 when it has other
 * letters than a-z, umlauts and ß (a few loan words: they stay unknown). */
static size_t word_key(const unsigned char *w, size_t n, char *out, size_t cap)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned c = w[i];
		const char *two = NULL;
		if (c == 0xC3 && i + 1 < n) {
			unsigned d = w[++i];
			two = d == 0xA4 || d == 0x84 ? "ae" : d == 0xB6 || d == 0x96 ? "oe"
			    : d == 0xBC || d == 0x9C ? "ue" : d == 0x9F ? "ss" : NULL;
			if (!two)
				return 0;
		} else if (c >= 'A' && c <= 'Z') {
			c |= 0x20;
		} else if (!(c >= 'a' && c <= 'z')) {
			return 0;
		}
		if (o + 2 >= cap)
			return 0;
		if (two) {
			out[o++] = two[0];
			out[o++] = two[1];
		} else {
			out[o++] = (char)c;
		}
	}
	return o;
}

/* The set is read once a process and shared, read-only, by every index. */
static struct {
	uint64_t *set;
	size_t mask;
} fz_words;
static pthread_once_t fz_words_once = PTHREAD_ONCE_INIT;

/* Reads the word list; a missing or unreadable file (or no memory) leaves
 * the set empty. */
static void fz_load_words(void)
{
	FILE *f = fopen(wl_default_path(), "rb");
	if (!f)
		return;
	/* two passes over the file: count the lines, then put the words */
	size_t lines = 0;
	int c;
	while ((c = getc(f)) != EOF)
		lines += c == '\n';
	size_t slots = 1024;
	while (slots < lines + lines / 3)
		slots *= 2;
	uint64_t *set = calloc(slots, sizeof *set);
	char *line = NULL;
	size_t cap = 0;
	ssize_t got;
	if (!set || fseek(f, 0, SEEK_SET) != 0) {
		free(set);
		fclose(f);
		return;
	}
	char key[FZ_MAX * 2];
	while ((got = getline(&line, &cap, f)) > 0) {
		size_t e = (size_t)got;
		while (e && (line[e - 1] == '\n' || line[e - 1] == '\r'))
			e--;
		size_t n = word_key((const unsigned char *)line, e, key, sizeof key);
		if (n)
			dict_put(set, slots - 1, fz_hash(key, n));
	}
	free(line);
	fclose(f);
	fz_words.set = set;
	fz_words.mask = slots - 1;
}

/* Two words joined ("Register Modernisierung", "Bürgerlichen Gesetzbuchs")
 * are a label only where they start as it does: with their first word but
 * its last two letters (an ending), at least 4 and at most 8 letters. A bit
 * set of the labels' beginnings of 4 to 8 letters turns most pairs of words
 * away before any lookup. */
static size_t joined_prefix(size_t first_word)
{
	size_t p = first_word > 2 ? first_word - 2 : 0;
	return p < 4 ? 4 : p > 8 ? 8 : p;
}

static size_t pre_bit(const struct gz_fuzzy *fz, const char *k, size_t p)
{
	uint64_t v = 0;
	memcpy(&v, k, p);
	v = (v ^ p) * 0x9E3779B97F4A7C15ull;
	return (size_t)(v >> 20) & fz->pre_mask;
}

static int pre_has(const struct gz_fuzzy *fz, const char *k, size_t p)
{
	size_t b = pre_bit(fz, k, p);
	return (int)(fz->pre[b >> 6] >> (b & 63)) & 1;
}

/* Polynomial hashes of s and of each of its one-character deletions,
 * out[0] the whole, out[1 + i] without s[i]: O(n) for all of them. */
#define FZ_BASE 1099511628211ull
static void hash_dels(const char *s, size_t n, uint64_t seed, uint64_t *out)
{
	uint64_t pre[FZ_MAX * 2 + 8], suf[FZ_MAX * 2 + 8], pw[FZ_MAX * 2 + 8];
	pre[0] = 0;
	pw[0] = 1;
	for (size_t i = 0; i < n; i++) {
		pre[i + 1] = pre[i] * FZ_BASE + (unsigned char)s[i] + 1;
		pw[i + 1] = pw[i] * FZ_BASE;
	}
	suf[n] = 0;
	for (size_t i = n; i-- > 0;)
		suf[i] = suf[i + 1] + ((unsigned char)s[i] + 1) * pw[n - 1 - i];
	uint64_t mix = seed * 0x9E3779B97F4A7C15ull;
	out[0] = (pre[n] ^ mix ^ n) | 1;
	for (size_t i = 0; i < n; i++)
		out[1 + i] = ((pre[i] * pw[n - 1 - i] + suf[i + 1]) ^ mix ^ (n - 1)) | 1;
}

/* hash_dels' out[0] alone. */
static uint64_t hash_whole(const char *s, size_t n, uint64_t seed)
{
	uint64_t pre = 0;
	for (size_t i = 0; i < n; i++)
		pre = pre * FZ_BASE + (unsigned char)s[i] + 1;
	return (pre ^ (seed * 0x9E3779B97F4A7C15ull) ^ n) | 1;
}

static int is_vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

/* The sound form of a key (lower case, umlauts transcribed): out has room for n + 1. */
static size_t sound(const char *k, size_t n, char *out)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		char c = k[i], next = i + 1 < n ? k[i + 1] : 0;
		char prev = o ? out[o - 1] : 0;
		if (c == 'p' && next == 'h') {
			c = 'f';
			i++;
		} else if (c == 't' && next == 'h') {
			i++;
		} else if (c == 'c' && next == 'h') {
			c = 'x';
			i++;
		} else if (c == 'c' || c == 'g' || c == 'q') {
			c = 'k';
		} else if (c == 'd') {
			c = 't';
		} else if (c == 'b') {
			c = 'p';
		} else if (c == 'w') {
			c = 'v';
		} else if (c == 'y') {
			c = 'i';
		} else if (c == 'z') {
			c = 's';
		}
		if (c == 'e' && prev == 'i')
			continue; /* ie = i */
		if (c == 'h' && is_vowel(prev))
			continue;
		if (c == 'r' && is_vowel(prev) && (!next || !is_vowel(next)))
			continue; /* vocalic r */
		if (c == prev)
			continue;
		out[o++] = c;
	}
	out[o] = 0;
	return o;
}

/* Kölner Phonetik of a key; out has room for 2n + 1. */
static size_t koelner(const char *k, size_t n, char *out)
{
	char raw[2 * FZ_MAX + 2];
	size_t r = 0;
	for (size_t i = 0; i < n && r + 2 < sizeof raw; i++) {
		char c = k[i], prev = i ? k[i - 1] : 0, next = i + 1 < n ? k[i + 1] : 0;
		switch (c) {
		case 'a': case 'e': case 'i': case 'j': case 'o': case 'u': case 'y': raw[r++] = '0'; break;
		case 'h': break;
		case 'b': raw[r++] = '1'; break;
		case 'p': raw[r++] = next == 'h' ? '3' : '1'; break;
		case 'd': case 't': raw[r++] = (next == 'c' || next == 's' || next == 'z') ? '8' : '2'; break;
		case 'f': case 'v': case 'w': raw[r++] = '3'; break;
		case 'g': case 'k': case 'q': raw[r++] = '4'; break;
		case 'c':
			if (i == 0)
				raw[r++] = strchr("ahkloqrux", next ? next : '#') ? '4' : '8';
			else
				raw[r++] = (strchr("ahkoqux", next ? next : '#') && prev != 's' && prev != 'z') ? '4' : '8';
			break;
		case 'x':
			if (prev == 'c' || prev == 'k' || prev == 'q') {
				raw[r++] = '8';
			} else {
				raw[r++] = '4';
				raw[r++] = '8';
			}
			break;
		case 'l': raw[r++] = '5'; break;
		case 'm': case 'n': raw[r++] = '6'; break;
		case 'r': raw[r++] = '7'; break;
		case 's': case 'z': raw[r++] = '8'; break;
		default: break;
		}
	}
	size_t o = 0;
	for (size_t i = 0; i < r; i++) {
		if (o && out[o - 1] == raw[i])
			continue;
		if (raw[i] == '0' && i > 0)
			continue;
		out[o++] = raw[i];
	}
	/* a zero dropped between equal codes may leave a pair: collapse again */
	size_t w = 0;
	for (size_t i = 0; i < o; i++)
		if (!w || out[w - 1] != out[i])
			out[w++] = out[i];
	out[w] = 0;
	return w;
}

int ex_osa_distance(const char *a, size_t n, const char *b, size_t m, int limit)
{
	if (n > EX_OSA_MAX || m > EX_OSA_MAX)
		return limit + 1;
	if ((n > m ? n - m : m - n) > (size_t)limit)
		return limit + 1;
	static __thread int d[EX_OSA_MAX + 1][EX_OSA_MAX + 1];
	for (size_t i = 0; i <= n; i++)
		d[i][0] = (int)i;
	for (size_t j = 0; j <= m; j++)
		d[0][j] = (int)j;
	for (size_t i = 1; i <= n; i++) {
		int row_min = limit + 1;
		for (size_t j = 1; j <= m; j++) {
			int cost = a[i - 1] != b[j - 1];
			int v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < v)
				v = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
			if (v < row_min)
				row_min = v;
		}
		if (row_min > limit)
			return limit + 1;
	}
	return d[n][m];
}

/* The matcher compares tokens of at most FZ_MAX bytes. */
static int dl_distance(const char *a, size_t n, const char *b, size_t m, int limit)
{
	return n > FZ_MAX || m > FZ_MAX ? limit + 1 : ex_osa_distance(a, n, b, m, limit);
}

static size_t slot_of(const struct gz_fuzzy *fz, uint64_t h)
{
	return (size_t)(((h >> 1) & 0xFFFFFFFFu) * fz->slots >> 32); /* bit 0 is always set */
}

static size_t slot_next(const struct gz_fuzzy *fz, size_t at)
{
	return at + 1 == fz->slots ? 0 : at + 1;
}

/* The table is large and each probe a cache miss; the bit set in front of
 * it is 8 bits a form and stays in the cache: a probe that finds its bit
 * clear (most do) costs no miss. */
static size_t bloom_of(const struct gz_fuzzy *fz, uint64_t h)
{
	return (size_t)((h * 0xD6E8FEB86659FD93ull) >> fz->bloom_shift);
}

static int bloom_has(const struct gz_fuzzy *fz, size_t b)
{
	return (int)(fz->bloom[b >> 6] >> (b & 63)) & 1;
}

/* A phonetic code as indexed: with the key's first two letters, which the
 * phonetic rule wants equal, so that a short code (many words share one)
 * does not bring a crowd of candidates. (Not the last letter, which the
 * rule wants too: edits find "Deutschlands Tech" by its code.) out: room
 * for nc + 2. */
static size_t code_ext(const char *code, size_t nc, const char *key, char *out)
{
	memcpy(out, code, nc);
	out[nc] = key[0];
	out[nc + 1] = key[1];
	return nc + 2;
}

/* The hashes under which entry e is found: its sound form and each of its
 * one-letter deletions; for labels of 8 letters or more the phonetic code
 * (and its deletions from 5 sounds). Returns how many went to out. */
static size_t entry_hashes(const struct gz_fuzzy *fz, uint32_t e, uint64_t *out)
{
	const char *snd = FZ_SND(fz, e), *code = FZ_CODE(fz, e);
	size_t ns = strlen(snd), nc = strlen(code), n = 0;
	hash_dels(snd, ns, SEED_SOUND, out);
	n = ns + 1;
	if (fz->key_len[e] >= 8 && nc >= 4) {
		char ext[2 * FZ_MAX + 8];
		size_t ne = code_ext(code, nc, FZ_KEY(fz, e), ext);
		hash_dels(ext, ne, SEED_CODE, out + n);
		n += nc >= 5 ? nc + 1 : 1;
	}
	return n;
}

/* Builds the table of every indexed entry's forms: one probe finds a form's
 * labels in one or two cache lines, also in a vocabulary of 300,000. */
static int fz_build_index(struct gz_fuzzy *fz, size_t n_entries)
{
	uint64_t h[FZ_MAX * 4 + 4];
	size_t total = 0;
	for (size_t e = 0; e < n_entries; e++)
		if (fz->key[e])
			total += entry_hashes(fz, (uint32_t)e, h);
	if (total >= UINT32_MAX / 2 || n_entries >= UINT32_MAX)
		return -1;
	fz->slots = total + total / 3 + 64;
	if (!(fz->post = calloc(fz->slots, sizeof *fz->post)))
		return -1;
	unsigned log2 = 16;
	while (((size_t)1 << log2) < total * 8)
		log2++;
	fz->bloom_shift = 64 - log2;
	if (!(fz->bloom = calloc(((size_t)1 << log2) / 64, sizeof *fz->bloom)))
		return -1;
	size_t bits = 1 << 16;
	while (bits < n_entries * 5 * 16)
		bits *= 2;
	fz->pre_mask = bits - 1;
	if (!(fz->pre = calloc(bits / 64, sizeof *fz->pre)))
		return -1;
	for (size_t e = 0; e < n_entries; e++)
		if (fz->key[e] && fz->key_len[e] >= 8)
			for (size_t p = 4; p <= 8; p++) {
				size_t b = pre_bit(fz, FZ_KEY(fz, e), p);
				fz->pre[b >> 6] |= 1ull << (b & 63);
			}
	for (size_t e = 0; e < n_entries; e++)
		if (fz->key[e]) {
			size_t k = entry_hashes(fz, (uint32_t)e, h);
			for (size_t i = 0; i < k; i++) {
				size_t at = slot_of(fz, h[i]);
				while (fz->post[at].entry)
					at = slot_next(fz, at);
				fz->post[at] = (struct fz_post){ (uint32_t)(h[i] >> 32), (uint32_t)e + 1 };
				size_t b = bloom_of(fz, h[i]);
				fz->bloom[b >> 6] |= 1ull << (b & 63);
			}
		}
	return 0;
}

/* Appends s to the string arena; returns its offset or 0 when memory ran out. */
static uint32_t fz_str(struct gz_fuzzy *fz, const char *s, size_t n)
{
	if (fz->strs_len + n + 1 > fz->strs_cap) {
		size_t cap = fz->strs_cap ? fz->strs_cap : 1 << 16;
		while (cap < fz->strs_len + n + 1)
			cap *= 2;
		if (cap > UINT32_MAX)
			return 0;
		char *ns = realloc(fz->strs, cap);
		if (!ns)
			return 0;
		fz->strs = ns;
		fz->strs_cap = cap;
	}
	if (!fz->strs_len)
		fz->strs[fz->strs_len++] = 0; /* offset 0 means none */
	uint32_t at = (uint32_t)fz->strs_len;
	memcpy(fz->strs + at, s, n);
	fz->strs[at + n] = 0;
	fz->strs_len += n + 1;
	return at;
}

/* Which labels take part: words, not abbreviations. A label with a part in
 * mixed case ("BetrAVG", "WalfÜbk") is an abbreviation, whose near misses
 * are ordinary words; so is a label that ends in or has inside a part of
 * capitals ("See-BAV", "De-Mail-G"), whose letters are no words to
 * misspell. A part of capitals at the start ("IT-Planungsrat") is allowed
 * and sets *acronym_head: speech recognition often gets its letters wrong. */
static int is_fuzzy_label(const char *label, int *acronym_head)
{
	int has_word = 0, first = 1;
	*acronym_head = 0;
	const unsigned char *p = (const unsigned char *)label;
	while (*p) {
		while (*p && (*p == ' ' || *p == '-' || *p == '.' || *p == '/'))
			p++;
		if (!*p)
			break;
		int upper = 0, lower = 0, inner_upper = 0, len = 0;
		for (; *p && *p != ' ' && *p != '-' && *p != '/'; p++, len++) {
			int up = *p >= 'A' && *p <= 'Z', low = *p >= 'a' && *p <= 'z';
			if (*p == 0xC3 && p[1] >= 0x80 && p[1] <= 0xBF) {
				/* Latin-1 letters: U+00C0-U+00DE capitals (but ×), the rest small */
				up = p[1] <= 0x9E && p[1] != 0x97;
				low = !up;
				p++;
			} else if (*p >= 0xC0) {
				low = 1; /* other letters: of a word */
			}
			if (up) {
				upper++;
				if (len)
					inner_upper = 1;
			} else if (low) {
				lower++;
			}
		}
		if (lower && inner_upper)
			return 0;
		if (lower)
			has_word = 1;
		else if (first && upper)
			*acronym_head = 1;
		else if (upper)
			return 0;
		first = 0;
	}
	return has_word;
}

void gz_fuzzy_free(struct gz_fuzzy *fz)
{
	if (!fz)
		return;
	free(fz->key);
	free(fz->snd);
	free(fz->code);
	free(fz->strs);
	free(fz->head);
	free(fz->key_len);
	free(fz->post);
	free(fz->pre);
	free(fz->bloom);
	free(fz);
}

struct gz_fuzzy *gz_fuzzy_new(const struct gz *gz)
{
	struct gz_fuzzy *fz = calloc(1, sizeof *fz);
	if (!fz)
		return NULL;
	fz->gz = gz;
	size_t n = gz_entry_count(gz);
	fz->key = calloc(n + 1, sizeof *fz->key);
	fz->snd = calloc(n + 1, sizeof *fz->snd);
	fz->code = calloc(n + 1, sizeof *fz->code);
	fz->head = calloc(n + 1, 1);
	fz->key_len = calloc(n + 1, 1);
	struct nz z;
	nz_init(&z);
	if (!fz->key || !fz->snd || !fz->code || !fz->head || !fz->key_len)
		goto fail;
	for (size_t e = 0; e < n; e++) {
		const char *label = gz_entry_label(gz, (uint32_t)e);
		int acronym_head;
		if (!is_fuzzy_label(label, &acronym_head))
			continue;
		if (nz_run(&z, label, strlen(label)) < 0)
			goto fail;
		if (z.n < FZ_MIN_LABEL || z.n > FZ_MAX)
			continue;
		char snd[FZ_MAX + 1], code[2 * FZ_MAX + 1];
		size_t ns = sound((const char *)z.b, z.n, snd);
		size_t nc = koelner((const char *)z.b, z.n, code);
		for (size_t j = 1; j < z.n && j < 127; j++)
			if (z.fl[j] & NZ_SEP) {
				fz->head[e] = (unsigned char)j;
				break;
			}
		if (acronym_head)
			fz->head[e] |= 0x80;
		fz->key_len[e] = (unsigned char)z.n;
		if (!(fz->key[e] = fz_str(fz, (const char *)z.b, z.n)) ||
		    !(fz->snd[e] = fz_str(fz, snd, ns)) || !(fz->code[e] = fz_str(fz, code, nc)))
			goto fail;
	}
	nz_free(&z);
	if (fz_build_index(fz, n) < 0) {
		gz_fuzzy_free(fz);
		return NULL;
	}
	pthread_once(&fz_words_once, fz_load_words);
	fz->dict = fz_words.set;
	fz->dict_mask = fz_words.mask;
	return fz;
fail:
	nz_free(&z);
	gz_fuzzy_free(fz);
	return NULL;
}

static uint64_t common_mask[26];
static unsigned char common_len[sizeof common_words / sizeof *common_words];

static void common_lengths(void)
{
	for (size_t i = 0; common_words[i]; i++) {
		size_t n = strlen(common_words[i]);
		common_len[i] = (unsigned char)n;
		common_mask[common_words[i][0] - 'a'] |= 1ull << n;
	}
}

static int is_common(const char *t, size_t n)
{
	/* called for most pairs of words: a mask of the lengths each first
	 * letter has in the list turns most away at once */
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, common_lengths);
	unsigned c = (unsigned char)t[0] - 'a';
	if (c >= 26 || n >= 64 || !((common_mask[c] >> n) & 1))
		return 0;
	for (size_t i = 0; common_words[i]; i++)
		if (common_len[i] == n && common_words[i][0] == t[0] && !memcmp(common_words[i], t, n))
			return 1;
	return 0;
}

/* Whether t and k have the same digits in the same order: a number that
 * differs names another thing ("Rentenanpassungsgesetz 1982" is not the
 * one of 1987). */
static int same_digits(const char *t, size_t n, const char *k, size_t L)
{
	size_t i = 0, j = 0;
	for (;;) {
		while (i < n && !(t[i] >= '0' && t[i] <= '9'))
			i++;
		while (j < L && !(k[j] >= '0' && k[j] <= '9'))
			j++;
		if (i == n || j == L)
			return i == n && j == L;
		if (t[i++] != k[j++])
			return 0;
	}
}

/* Whether the changed part of token t (n letters, then an ending up to
 * n_full) against label k, aligned with p equal letters before it and s
 * after, lies in a word of the word list where the label has another word
 * of the list. Two words that differ only in their last letters are one
 * word inflected ("Bürgerlichen" for Bürgerliches, "gesetzt" for gesetz). */
static int swap_at(const struct gz_fuzzy *fz, const char *t, size_t n, size_t n_full,
                   const char *k, size_t L, size_t p, size_t s)
{
	/* the token's words [a, b) around its changed part [p, n - s), and the
	 * label's [a, lb) in their place; an ending belongs to no label word */
	size_t a_min = p > 24 ? p - 24 : 0, b_max = n - s + 24 < n_full ? n - s + 24 : n_full;
	for (size_t a = p + 1; a-- > a_min;)
		for (size_t b = n - s; b <= b_max; b++) {
			size_t lb = b <= n ? b + L - n : L;
			if (b < a + 3 || lb < a + 3)
				continue;
			if (!dict_has(fz, t + a, b - a) || !dict_has(fz, k + a, lb - a))
				continue;
			size_t cp = 0, longer = b - a > lb - a ? b - a : lb - a;
			while (a + cp < b && a + cp < lb && t[a + cp] == k[a + cp])
				cp++;
			if (cp >= 4 && cp + 3 >= longer)
				continue; /* an ending */
			return 1;
		}
	return 0;
}

/* Whether token and label differ by a word of the word list put in place of
 * another: another thing, not a misspelling ("Bundeswaldgesetz" for
 * Bundeswahlgesetz, "Zollordnung" for Zollverordnung, "Fischgesetz" for
 * Fleischgesetz). Where a letter repeats the changed part can be put in two
 * places ("Seeschiffahrtstraßen" lacks the s before or after the t): a swap
 * only if it is one in both. Runs only for accepted candidates. */
static int other_word(const struct gz_fuzzy *fz, const char *t, size_t n, size_t n_full,
                      const char *k, size_t L)
{
	if (!fz->dict)
		return 0;
	size_t m = n < L ? n : L, p = 0, s = 0;
	while (p < m && t[p] == k[p])
		p++;
	while (s < m - p && t[n - 1 - s] == k[L - 1 - s])
		s++;
	if (!swap_at(fz, t, n, n_full, k, L, p, s))
		return 0;
	s = p = 0;
	while (s < m && t[n - 1 - s] == k[L - 1 - s])
		s++;
	while (p < m - s && t[p] == k[p])
		p++;
	return swap_at(fz, t, n, n_full, k, L, p, s);
}

/* Whether t is two words of the word list, each of 3 letters or more
 * ("Prozessordnungen"): a compound of known words, no sound-alike. */
static int two_words(const struct gz_fuzzy *fz, const char *t, size_t n)
{
	for (size_t k = 3; k + 3 <= n; k++)
		if (dict_has(fz, t, k) && dict_has(fz, t + k, n - k))
			return 1;
	return 0;
}

/* The best label for token t, or -1; *score set. */
static long fz_lookup(const struct gz_fuzzy *fz, const char *t, size_t n, size_t n_full, size_t joined,
                      double *score)
{
	if (n < FZ_MIN_TOKEN || n > FZ_MAX)
		return -1;
	char st[FZ_MAX + 1], ct[2 * FZ_MAX + 8];
	size_t ns = sound(t, n, st);
	uint64_t hs[FZ_MAX * 2 + 8], hc[FZ_MAX * 2 + 8];
	hash_dels(st, ns, SEED_SOUND, hs);
	size_t nc = 0;
	int use_code = n >= 7;
	if (use_code) {
		nc = koelner(t, n, ct);
		use_code = nc >= 4;
		if (use_code) {
			char ext[2 * FZ_MAX + 8];
			hc[0] = hash_whole(ext, code_ext(ct, nc, t, ext), SEED_CODE);
		}
	}
	uint32_t cand[32];
	size_t n_cand = 0;
	/* candidates: the sound form and its deletions, and the phonetic code.
	 * Each probe is a cache miss or two in a large index: issue them all
	 * first (prefetch), so they overlap, then read. */
	uint64_t hq[FZ_MAX + 2];
	size_t nq = 0;
	for (size_t q = 0; q <= ns; q++)
		hq[nq++] = hs[q];
	if (use_code)
		hq[nq++] = hc[0];
	size_t bq[FZ_MAX + 2];
	for (size_t q = 0; q < nq; q++) {
		bq[q] = bloom_of(fz, hq[q]);
		__builtin_prefetch(&fz->bloom[bq[q] >> 6]);
	}
	size_t kept = 0;
	for (size_t q = 0; q < nq; q++)
		if (bloom_has(fz, bq[q])) {
			hq[kept++] = hq[q];
			__builtin_prefetch(&fz->post[slot_of(fz, hq[q])]);
		}
	nq = kept;
	for (size_t q = 0; q < nq && n_cand < 32; q++) {
		uint32_t fp = (uint32_t)(hq[q] >> 32);
		for (size_t at = slot_of(fz, hq[q]); fz->post[at].entry && n_cand < 32;
		     at = slot_next(fz, at)) {
			if (fz->post[at].fp != fp)
				continue;
			uint32_t e = fz->post[at].entry - 1;
			size_t k = 0;
			while (k < n_cand && cand[k] != e)
				k++;
			if (k == n_cand)
				cand[n_cand++] = e;
		}
	}
	if (!n_cand || is_common(t, n))
		return -1;
	for (size_t k = 0; k < n_cand; k++) { /* the candidates' forms: overlap the misses */
		__builtin_prefetch(&fz->key[cand[k]]);
		__builtin_prefetch(&fz->key_len[cand[k]]);
	}
	for (size_t k = 0; k < n_cand; k++)
		__builtin_prefetch(FZ_KEY(fz, cand[k]));
	if (!use_code)
		nc = koelner(t, n, ct);
	long best = -1;
	double best_score = 0;
	for (size_t k = 0; k < n_cand; k++) {
		uint32_t e = cand[k];
		const char *key = FZ_KEY(fz, e);
		size_t L = fz->key_len[e];
		double sc = 0;
		/* a word that is the label without its first part ("Stack" for
		 * "D-Stack") is another word, not a misspelling */
		size_t head = fz->head[e] & 0x7f;
		int acronym_head = fz->head[e] >> 7;
		if (head && n == L - head && !memcmp(t, key + head, n))
			continue;
		if (!same_digits(t, n, key, L) || (joined && (L < joined || memcmp(t, key, joined))))
			continue;
		int d = dl_distance(t, n, key, L, 2);
		/* the first letter is kept, except after a head in capitals; two
		 * words joined differ from the label by edits only, after their
		 * first letters (joined_prefix) */
		if (d == 0 && joined) {
			sc = 0.9; /* a label split where it has no break: "Register Modernisierung" */
		} else if (d > 0 && ((L <= 9 && d <= 1) || (L >= 10 && d <= 2)) &&
		    (acronym_head || t[0] == key[0])) {
			sc = 0.95 - 0.05 * d;
		} else if (joined) {
			continue;
		} else if (d > 0 && !strcmp(st, FZ_SND(fz, e))) {
			sc = 0.8;
		} else if (d > 0 && L >= 8 && t[0] == key[0] && t[1] == key[1] &&
		           t[n - 1] == key[L - 1]) {
			/* phonetic: codes equal, or the token's lacks one sound */
			const char *kc = FZ_CODE(fz, e);
			size_t lk = strlen(kc);
			int close = !strcmp(kc, ct) || (nc + 1 == lk && dl_distance(ct, nc, kc, lk, 1) <= 1);
			if (close && dl_distance(st, ns, FZ_SND(fz, e), strlen(FZ_SND(fz, e)), 3) <= 3 &&
			    !two_words(fz, t, n_full) && !two_words(fz, t, n))
				sc = 0.7;
		}
		if (sc > 0 && d > 0 && other_word(fz, t, n, n_full, key, L))
			continue;
		if (sc > best_score || (sc == best_score && sc > 0 && e < (uint32_t)best)) {
			best = e;
			best_score = sc;
		}
	}
	*score = best_score;
	return best;
}

/* Results of earlier tokens of the block: law text and transcripts repeat
 * their words, and most tokens find nothing. Direct-mapped by the token's
 * hash; a lookup depends on the token alone, so the output does not. */
enum { FZ_MEMO = 1 << 13 };
struct fz_memo {
	uint64_t key;
	int32_t best;
	double score;
};

/* The best label for token t (joined: two words joined, the length of the
 * beginning they must share with the label; 0 for a word, a compound or its
 * first part), trying it without an inflection ending when it finds none;
 * -1 when none. A word of the word list is no misspelling. */
static long fz_resolve(const struct gz_fuzzy *fz, struct fz_memo *memo, const char *t, size_t n,
                       size_t joined, double *score)
{
	if (n < FZ_MIN_TOKEN || n > FZ_MAX)
		return -1;
	uint64_t key = fz_hash(t, n) ^ ((uint64_t)joined << 40);
	struct fz_memo *m = &memo[key & (FZ_MEMO - 1)];
	if (m->key == key) {
		*score = m->score;
		return m->best;
	}
	long best = -1;
	if (joined || !dict_has(fz, t, n)) {
		best = fz_lookup(fz, t, n, n, joined, score);
		static const char *const endings[] = { "ern", "en", "er", "es", "ns", "e", "n", "s" };
		for (size_t k = 0; best < 0 && k < sizeof endings / sizeof endings[0]; k++) {
			size_t L = strlen(endings[k]);
			if (n > L + FZ_MIN_LABEL && !memcmp(t + n - L, endings[k], L))
				best = fz_lookup(fz, t, n - L, n, joined, score);
		}
	}
	m->key = key;
	m->best = (int32_t)best;
	m->score = best >= 0 ? *score : 0;
	return best;
}

int gz_fuzzy_block(const struct gz_fuzzy *fz, const struct nz *z, const char *s, size_t from,
                   size_t limit, struct gz_hit **hits, size_t *n_hits, size_t *cap_hits)
{
	struct gz_hit *fh = NULL;
	size_t n_fh = 0, cap_fh = 0, n_drop = 0;
	size_t n_exact = *n_hits, x = 0; /* exact hits, sorted by start */
	const unsigned char *fl = z->fl;
	struct fz_memo *memo = calloc(FZ_MEMO, sizeof *memo);
	if (!memo)
		return -1;
	size_t i = 0;
	while (i < z->n) {
		unsigned f = fl[i];
		int is_start = (f & NZ_WORD) && !(f & NZ_CONT) &&
		               (i == 0 || (f & NZ_SPACE) || !(fl[i - 1] & NZ_WORD));
		if (!is_start) {
			i++;
			continue;
		}
		/* the token: word bytes joined by hyphens; its first part; the next word */
		size_t j = i + 1, first_end = 0;
		while (j < z->n && (fl[j] & NZ_WORD) && !(fl[j] & NZ_SPACE)) {
			if ((fl[j] & NZ_HYPH) && !first_end)
				first_end = j;
			j++;
		}
		size_t j2 = 0;
		if (j < z->n && (fl[j] & NZ_WORD) && (fl[j] & NZ_SPACE)) {
			j2 = j + 1;
			while (j2 < z->n && (fl[j2] & NZ_WORD) && !(fl[j2] & (NZ_SPACE | NZ_HYPH)))
				j2++;
		}
		size_t start = z->off[i];
		if (start >= limit)
			break;
		size_t tok_end = z->cpend[j - 1];
		while (x < n_exact && (*hits)[x].end <= start)
			x++;
		int covered = x < n_exact && (*hits)[x].start < tok_end;
		/* a compound whose first part matched exactly ("IT" in "IT-Planugsrat")
		 * may still be a misspelt label that starts with that part */
		int head_only = covered && first_end && (*hits)[x].start == start &&
		                !strcmp((*hits)[x].method, "compound") &&
		                (*hits)[x].end <= z->cpend[first_end - 1] &&
		                (x + 1 >= n_exact || (*hits)[x + 1].start >= tok_end);
		if (start < from || (covered && !head_only)) {
			i = j;
			continue;
		}
		size_t ends[3] = { j, j2, first_end };
		size_t next = j;
		for (int q = 0; q < (head_only ? 1 : 3); q++) {
			size_t e = ends[q];
			if (!e || e - i > FZ_MAX)
				continue;
			size_t span_end = z->cpend[e - 1];
			/* a joined word must not run into an exact hit, and both of
			 * its words are real words of 4 letters or more */
			if (q == 1 && ((x < n_exact && (*hits)[x].start < span_end) || j - i < 4 ||
			               e - j < 4 || !pre_has(fz, (const char *)z->b + i, joined_prefix(j - i)) ||
			               is_common((const char *)z->b + i, j - i) ||
			               is_common((const char *)z->b + j, e - j)))
				continue;
			double score;
			long best = fz_resolve(fz, memo, (const char *)z->b + i, e - i,
			                       q == 1 ? joined_prefix(j - i) : 0, &score);
			if (best >= 0 && head_only) {
				/* the label must start with the part that matched */
				size_t hl = first_end - i;
				if (fz->key_len[best] <= hl || memcmp(FZ_KEY(fz, best), z->b + i, hl))
					best = -1;
			}
			if (best >= 0) {
				if (gz_hit_push(&fh, &n_fh, &cap_fh,
				         (struct gz_hit){ start, span_end, (uint32_t)best, "fuzzy", score }) < 0) {
					free(fh);
					free(memo);
					return -1;
				}
				if (head_only) {
					(*hits)[x].method = NULL; /* the compound gives way */
					n_drop++;
				}
				if (q == 1)
					next = e;
				break;
			}
		}
		i = next;
	}
	(void)s;
	free(memo);
	if (n_fh) {
		/* merge the two sorted lists, without the compounds that gave way */
		size_t total = n_exact - n_drop + n_fh;
		struct gz_hit *merged = malloc(total * sizeof *merged);
		if (!merged) {
			free(fh);
			return -1;
		}
		size_t a = 0, b = 0, o = 0;
		while (a < n_exact || b < n_fh) {
			if (a < n_exact && !(*hits)[a].method) {
				a++;
				continue;
			}
			merged[o++] = (b >= n_fh || (a < n_exact && (*hits)[a].start <= fh[b].start))
			                      ? (*hits)[a++] : fh[b++];
		}
		free(*hits);
		*hits = merged;
		*n_hits = total;
		*cap_hits = total;
	}
	free(fh);
	return 0;
}
