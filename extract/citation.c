/* citation.c - legal citations and their laws (discover.h).
 *
 * Grammar (white space, including line breaks and no-break spaces, between
 * any two parts):
 *   citation = unit number [range | "ff." | "f."] {detail} [law]
 *   unit     = "§" | "§§" | "Art." | "Artikel" | "Artikeln"
 *   number   = digits [letter]                       ("91c", "3a")
 *   range    = ("bis" | "-" | "–") number
 *   detail   = ("Abs." | "Absatz") number | "Satz" number | ("Nr." | "Nummer") number
 *              | "Halbsatz" | "Buchstabe" letter      (kept only in the span)
 *   law      = ["des" | "der"] (abbreviation | title word)
 *            | "dieses Gesetzes"                      (no law: the document's own)
 * An abbreviation has two capitals (GG, OZG, EGovG, BSIG); a title word ends
 * in -gesetz(es), -ordnung, -vertrag(es) or names the Grundgesetz. The law is
 * resolved through dc_laws: labels of law entities by their normalised key,
 * also with a genitive ending removed ("des Grundgesetzes"). */
#include "discover.h"

#include <stdlib.h>
#include <string.h>

#include "dc_text.h"
#include "norm.h"

/* Whether the word w (exact bytes) starts at i and ends there. */
static int word_at(const char *text, size_t len, size_t i, const char *w, size_t *end)
{
	size_t n = strlen(w);
	if (i + n > len || memcmp(text + i, w, n))
		return 0;
	if (i + n < len && w[n - 1] != '.') {
		size_t k;
		int32_t c = dc_cp(text, len, i + n, &k);
		if (dc_is_letter(c) || dc_is_digit(c))
			return 0;
	}
	*end = i + n;
	return 1;
}

/* digits [letter]; copies into out. */
static int number_at(const char *text, size_t len, size_t i, char out[16], size_t *end)
{
	size_t j = i;
	while (j < len && text[j] >= '0' && text[j] <= '9' && j - i < 6)
		j++;
	if (j == i)
		return 0;
	if (j < len && text[j] >= 'a' && text[j] <= 'z' &&
	    (j + 1 == len || !dc_is_letter((unsigned char)text[j + 1])))
		j++;
	if (j < len && (dc_is_letter((unsigned char)text[j]) || dc_is_digit((unsigned char)text[j])))
		return 0;
	memcpy(out, text + i, j - i);
	out[j - i] = '\0';
	*end = j;
	return 1;
}

static int ends_with(const char *s, size_t n, const char *suffix)
{
	size_t m = strlen(suffix);
	return n >= m && !memcmp(s + n - m, suffix, m);
}

/* The word at i (letters, digits, inner hyphens). */
static size_t word_end(const char *text, size_t len, size_t i)
{
	size_t j = i;
	while (j < len) {
		size_t n;
		int32_t c = dc_cp(text, len, j, &n);
		if (dc_is_letter(c) || dc_is_digit(c) || (c == '-' && j > i && j + 1 < len &&
		                                          dc_is_letter((unsigned char)text[j + 1])))
			j += n;
		else
			break;
	}
	return j;
}

static int is_law_word(const char *s, size_t n)
{
	/* "der Verordnung", "des Gesetzes": a law named before, not here */
	static const char *const bare[] = { "Gesetz", "Gesetzes", "Verordnung", "Vertrag",
		"Vertrages", "Vertrags", "Abkommen", "Abkommens", "Rechtsverordnung", NULL };
	for (size_t i = 0; bare[i]; i++)
		if (strlen(bare[i]) == n && !memcmp(bare[i], s, n))
			return 0;
	static const char *const suffixes[] = { "gesetz", "gesetzes", "Gesetz", "Gesetzes",
		"gesetzbuch", "gesetzbuchs", "gesetzbuches", "ordnung", "verordnung", "vertrag",
		"vertrages", "vertrags", "abkommen", "abkommens", "statut", "statuts", NULL };
	for (size_t i = 0; suffixes[i]; i++)
		if (ends_with(s, n, suffixes[i]) && n > strlen(suffixes[i]))
			return 1;
	return 0;
}

static int is_law_abbreviation(const char *s, size_t n)
{
	if (n < 2 || n > 16)
		return 0;
	size_t upper = 0;
	for (size_t i = 0; i < n; i++)
		upper += s[i] >= 'A' && s[i] <= 'Z';
	return upper >= 2 && s[0] >= 'A' && s[0] <= 'Z';
}

/* Parses a citation starting at the unit at i; returns its end or 0. */
static size_t parse(const char *text, size_t len, size_t i, struct dc_citation *c)
{
	memset(c, 0, sizeof *c);
	size_t j;
	if (word_at(text, len, i, "\xc2\xa7\xc2\xa7", &j) || word_at(text, len, i, "\xc2\xa7", &j)) {
		c->is_article = 0;
	} else if (word_at(text, len, i, "Art.", &j) || word_at(text, len, i, "Artikel", &j) ||
	           word_at(text, len, i, "Artikeln", &j)) {
		c->is_article = 1;
	} else {
		return 0;
	}
	j = dc_skip_space(text, len, j);
	if (!number_at(text, len, j, c->number, &j))
		return 0;
	size_t end = j;
	/* range, ff. */
	size_t k = dc_skip_space(text, len, j), e;
	if (word_at(text, len, k, "ff.", &e) || word_at(text, len, k, "f.", &e)) {
		c->has_ff = 1;
		end = e;
	} else if (word_at(text, len, k, "bis", &e) || word_at(text, len, k, "-", &e) ||
	           word_at(text, len, k, "\xe2\x80\x93", &e)) {
		size_t m = dc_skip_space(text, len, e);
		if (number_at(text, len, m, c->number_to, &e))
			end = e;
	}
	/* details */
	for (;;) {
		k = dc_skip_space(text, len, end);
		char *slot = NULL;
		if (word_at(text, len, k, "Abs.", &e) || word_at(text, len, k, "Absatz", &e) ||
		    word_at(text, len, k, "Absätze", &e))
			slot = c->paragraph;
		else if (word_at(text, len, k, "Satz", &e) || word_at(text, len, k, "S.", &e))
			slot = c->sentence;
		else if (word_at(text, len, k, "Nr.", &e) || word_at(text, len, k, "Nummer", &e))
			slot = c->item;
		else if (word_at(text, len, k, "Buchstabe", &e) || word_at(text, len, k, "Buchst.", &e) ||
		         word_at(text, len, k, "lit.", &e)) {
			size_t m = dc_skip_space(text, len, e);
			if (m < len && text[m] >= 'a' && text[m] <= 'z') {
				end = m + 1;
				continue;
			}
			break;
		} else if (word_at(text, len, k, "Halbsatz", &e)) {
			end = e;
			continue;
		} else if ((word_at(text, len, k, "erster", &e) || word_at(text, len, k, "zweiter", &e)) &&
		           word_at(text, len, dc_skip_space(text, len, e), "Halbsatz", &e)) {
			end = e;
			continue;
		}
		if (!slot)
			break;
		char tmp[16];
		size_t m = dc_skip_space(text, len, e);
		if (!number_at(text, len, m, tmp, &e))
			break;
		/* "S." after a page-less unit is Satz; "BGBl. I S. 1324" never reaches here. */
		memcpy(slot, tmp, sizeof tmp);
		end = e;
	}
	/* the law */
	k = dc_skip_space(text, len, end);
	size_t law_start = k;
	if (word_at(text, len, k, "dieses", &e) || word_at(text, len, k, "dieser", &e)) {
		c->span.end = end;
		return end;
	}
	if (word_at(text, len, k, "des", &e) || word_at(text, len, k, "der", &e))
		k = dc_skip_space(text, len, e);
	size_t we = word_end(text, len, k);
	if (we > k && (is_law_abbreviation(text + k, we - k) || is_law_word(text + k, we - k))) {
		/* "BSIG 2009", "Nr. 3 GG" */
		c->law.start = law_start;
		c->law.end = we;
		if (we + 5 <= len && text[we] == ' ') {
			int year = 1;
			for (size_t y = we + 1; y < we + 5; y++)
				year &= text[y] >= '0' && text[y] <= '9';
			if (year && is_law_abbreviation(text + k, we - k) &&
			    (we + 5 == len || !dc_is_digit((unsigned char)text[we + 5])))
				c->law.end = we + 5;
		}
		end = c->law.end;
	}
	return end;
}

int dc_citation_scan(const char *text, size_t len, dc_citation_fn fn, void *ctx)
{
	size_t i = 0;
	while (i < len) {
		unsigned char b = (unsigned char)text[i];
		if (b == 0xC2 || b == 'A') {
			int boundary = i == 0 || !dc_is_letter((unsigned char)text[i - 1]);
			struct dc_citation c;
			size_t end = boundary ? parse(text, len, i, &c) : 0;
			if (end) {
				c.span.start = i;
				c.span.end = end;
				int rc = fn(text, &c, ctx);
				if (rc)
					return rc;
				i = end;
				continue;
			}
		}
		i++;
	}
	return 0;
}

int dc_citation_unit(const struct dc_citation *c, struct buf *out)
{
	int rc = buf_puts(out, c->is_article ? "Art. " : "\xc2\xa7 ");
	rc |= buf_puts(out, c->number);
	if (*c->number_to)
		rc |= buf_printf(out, " bis %s", c->number_to);
	if (c->has_ff)
		rc |= buf_puts(out, " ff.");
	if (*c->paragraph)
		rc |= buf_printf(out, " Abs. %s", c->paragraph);
	if (*c->sentence)
		rc |= buf_printf(out, " Satz %s", c->sentence);
	if (*c->item)
		rc |= buf_printf(out, " Nr. %s", c->item);
	return rc ? -1 : 0;
}

int dc_citation_url(const struct dc_citation *c, const char *slug, struct buf *out)
{
	/* Slugs are [a-z0-9_-]; anything else is no slug of gesetze-im-internet.de. */
	for (const char *p = slug; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_' || *p == '-'))
			return -1;
	return buf_printf(out, "https://www.gesetze-im-internet.de/%s/%s%s.html", slug,
	                  c->is_article ? "art_" : "__", c->number);
}

/* ---- laws ---- */

struct law_entry {
	char *key;  /* norm_key of the label */
	char *slug;
};

struct dc_laws {
	struct law_entry *v;
	size_t n, cap;
	int sorted;
};

struct dc_laws *dc_laws_new(void)
{
	return calloc(1, sizeof(struct dc_laws));
}

void dc_laws_free(struct dc_laws *laws)
{
	if (!laws)
		return;
	for (size_t i = 0; i < laws->n; i++) {
		free(laws->v[i].key);
		free(laws->v[i].slug);
	}
	free(laws->v);
	free(laws);
}

static int add_key(struct dc_laws *laws, const char *key, const char *slug)
{
	if (!*key)
		return 0;
	if (laws->n == laws->cap) {
		size_t cap = laws->cap ? laws->cap * 2 : 256;
		struct law_entry *v = realloc(laws->v, cap * sizeof *v);
		if (!v)
			return -1;
		laws->v = v;
		laws->cap = cap;
	}
	char *k = strdup(key), *s = strdup(slug);
	if (!k || !s) {
		free(k);
		free(s);
		return -1;
	}
	laws->v[laws->n].key = k;
	laws->v[laws->n].slug = s;
	laws->n++;
	laws->sorted = 0;
	return 0;
}

int dc_laws_add(struct dc_laws *laws, const char *label, const char *slug)
{
	struct buf key = BUF_INIT;
	if (norm_key(label, strlen(label), &key) < 0) {
		buf_free(&key);
		return -1;
	}
	int rc = add_key(laws, buf_cstr(&key), slug);
	/* "Grundgesetz für die Bundesrepublik Deutschland" is cited as "Grundgesetz". */
	const char *space = strchr(label, ' ');
	if (rc == 0 && space && is_law_word(label, (size_t)(space - label)) &&
	    strncmp(label, "Gesetz ", 7)) {
		buf_reset(&key);
		if (norm_key(label, (size_t)(space - label), &key) == 0)
			rc = add_key(laws, buf_cstr(&key), slug);
	}
	buf_free(&key);
	return rc;
}

static int cmp_entry(const void *a, const void *b)
{
	const struct law_entry *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c ? c : strcmp(x->slug, y->slug);
}

static const char *find(const struct dc_laws *laws, const char *key)
{
	size_t lo = 0, hi = laws->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(laws->v[mid].key, key);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < laws->n && !strcmp(laws->v[lo].key, key)) {
		/* a label of two different laws resolves to neither */
		if (lo + 1 < laws->n && !strcmp(laws->v[lo + 1].key, key) &&
		    strcmp(laws->v[lo + 1].slug, laws->v[lo].slug))
			return NULL;
		return laws->v[lo].slug;
	}
	return NULL;
}

const char *dc_laws_resolve(struct dc_laws *laws, const char *text, struct dc_span s)
{
	if (!laws || s.end <= s.start)
		return NULL;
	if (!laws->sorted) {
		/* Sorting on first use keeps dc_laws_add cheap. */
		if (laws->n) /* qsort must not see the NULL of an empty list */
			qsort(laws->v, laws->n, sizeof *laws->v, cmp_entry);
		laws->sorted = 1;
	}
	size_t start = s.start;
	/* "des Grundgesetzes", "der Abgabenordnung" */
	if (s.end - start > 4 && (!memcmp(text + start, "des", 3) || !memcmp(text + start, "der", 3)) &&
	    dc_is_space((unsigned char)text[start + 3]))
		start += 4;
	while (start < s.end && dc_is_space((unsigned char)text[start]))
		start++;
	struct buf key = BUF_INIT;
	const char *slug = NULL;
	if (norm_key(text + start, s.end - start, &key) == 0) {
		slug = find(laws, buf_cstr(&key));
		/* genitive: -es, -s */
		for (size_t cut = 1; !slug && cut <= 2 && key.len > cut + 2; cut++) {
			if (key.data[key.len - 1] != 's')
				break;
			if (cut == 2 && key.data[key.len - 2] != 'e')
				break;
			char save = key.data[key.len - cut];
			key.data[key.len - cut] = '\0';
			slug = find(laws, key.data);
			key.data[key.len - cut] = save;
		}
	}
	buf_free(&key);
	return slug;
}
