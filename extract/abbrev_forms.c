/* abbrev_forms.c - the forms of an abbreviation definition (abbrev_forms.h):
 * what a short form is, which words its long form may take by their
 * letters, and the text helpers the rules of abbrev.c share. Also
 * dc_clean and dc_is_inflected_variant (discover.h).
 *
 * Schwartz & Hearst's algorithm (2003): a short form in parentheses after
 * its long form, or the other way round; the long form is the shortest run
 * of words before it whose letters, read right to left, take every letter
 * of the short form in order, the first letter at the start of a word.
 * Adapted to German:
 *   - letters may fall inside closed compounds (Digital·minister·konferenz
 *     -> DMK); lower-case letters of the short form may be skipped (EfA,
 *     IDNrG, EGovG) but capitals and digits may not;
 *   - every content word of the long form must give at least one letter
 *     (one may stay unmatched in long forms of three or more content
 *     words), which keeps "Verordnung (EU)" and "Jagdwesen (ohne ...)" out;
 *   - law titles: a final G (V) stands for a leading "Gesetz" ("Verordnung"):
 *     "Gesetz zur Verbesserung des Onlinezugangs ... (OZG)", or for the
 *     "-gesetz" of a compound ("Grundgesetz für die Bundesrepublik
 *     Deutschland (GG)"); such long forms may run to 25 words, and an
 *     ordinal before "Gesetz" belongs to them (match_law, long_before);
 *   - designations made of words: "Rat der IT-Beauftragten der
 *     Bundesregierung (IT-Rat)" (match_parts);
 *   - in quotes a title-case spoken acronym counts as a short form with
 *     every letter required ("„Fitko“ (Föderale IT-Kooperation)");
 *   - of the matches before a short form, the one with most letters at word
 *     or part starts wins over the shortest ("Paneuropäisches Privates
 *     Pensionsprodukt (PEPP)", match_most_starts);
 *   - a long form after the short form prefers letters at word starts, so
 *     "AKDB, die Anstalt für Kommunale Datenverarbeitung in Bayern" runs to
 *     "Bayern", not to the b of "Datenverarbeitung" (match_forward);
 *   - parentheses inside a chemical name's word stay in it
 *     ("Di(2-ethylhexyl)phthalat (DEHP)", words_before).
 * A short form is one token of 2 to 10 bytes with at least two capitals (a
 * third of its letters), optionally followed by a year ("BSIG 2009", "KVLG -
 * 1989"), or in parentheses two such tokens ("KoopA ADV", "TVA-H BBiG"). */

#include "abbrev_forms.h"

#include <string.h>

#include "dc_text.h"
#include "norm.h"

/* ---- text helpers ---- */

int dc_clean(const char *text, struct dc_span s, struct buf *out)
{
	size_t i = s.start;
	int space = 0, any = 0;
	while (i < s.end) {
		size_t n;
		int32_t c = dc_cp(text, s.end, i, &n);
		if (dc_is_space(c)) {
			/* "Verwal-\ntung" joins; "Online-\nDienste" (capital next) keeps its hyphen. */
			if (any && out->len && out->data[out->len - 1] == '-' && memchr(text + i, '\n', 1)) {
				size_t j = i;
				while (j < s.end && dc_is_space(dc_cp(text, s.end, j, &n)))
					j += n;
				if (j < s.end) {
					int32_t next = dc_cp(text, s.end, j, &n);
					if (dc_is_letter(next) && !dc_is_upper(next))
						out->data[--out->len] = '\0';
					i = j;
					continue;
				}
			}
			space = 1;
			i += n;
			continue;
		}
		if (space && any && buf_putc(out, ' ') < 0)
			return -1;
		space = 0;
		if (buf_append(out, text + i, n) < 0)
			return -1;
		any = 1;
		i += n;
	}
	return 0;
}

/* Characters that end a long form's window. */
int ab_is_boundary(int32_t c)
{
	switch (c) {
	case '.': case ',': case ';': case ':': case '!': case '?': case '(': case ')':
	case '[': case ']': case '{': case '}': case '"': case '|': case '#': case '*':
	case '<': case '>': case '=': case '_': case '`':
	case 0x201E: case 0x201C: case 0x201D: case 0x00BB: case 0x00AB: case 0x2018: case 0x2019:
		return 1;
	}
	return 0;
}

int ab_word_in(const char *s, size_t n, const char *const *list)
{
	for (size_t k = 0; list[k]; k++)
		if (strlen(list[k]) == n && !memcmp(s, list[k], n))
			return 1;
	return 0;
}

int ab_is_function_word(const char *s, size_t n)
{
	static const char *const words[] = {
		"der", "die", "das", "des", "dem", "den", "ein", "eine", "einer", "eines", "einem",
		"einen", "und", "oder", "sowie", "f\xc3\xbcr", "\xc3\xbc" "ber", "zur", "zum", "zu",
		"von", "vom", "in", "im", "am", "an", "auf", "bei", "mit", "nach", "aus", "als",
		"gegen", "durch", "unter", "the", "of", "and", "for", "on", "to", NULL,
	};
	if (ab_word_in(s, n, words))
		return 1;
	/* Capitalised at a sentence start. */
	if (n >= 2 && s[0] >= 'A' && s[0] <= 'Z') {
		char low[8];
		if (n >= sizeof low)
			return 0;
		memcpy(low, s, n);
		low[0] = (char)(low[0] - 'A' + 'a');
		return ab_word_in(low, n, words);
	}
	return 0;
}

/* Collects up to max words that end at or before `end`, right to left, stopping
 * at a boundary character, a blank line or a free-standing dash. Returns the
 * count; w[0] is the word nearest to end. */
size_t ab_words_before(const char *text, size_t end, struct word *w, size_t max)
{
	size_t k = 0, i = end;
	while (k < max) {
		int newlines = 0;
		while (i > 0) {
			size_t p = dc_prev(text, i), n;
			int32_t c = dc_cp(text, i, p, &n);
			if (!dc_is_space(c))
				break;
			newlines += c == '\n';
			i = p;
		}
		if (i == 0 || newlines >= 2)
			break;
		size_t we = i;
		while (i > 0) {
			size_t p = dc_prev(text, i), n;
			int32_t c = dc_cp(text, we, p, &n);
			/* a chemical name's locants: "Di(2-ethylhexyl)phthalat (DEHP)", the
			 * parentheses inside the word, letters or digits on both sides */
			if ((c == '(' || c == ')') && p > 0 && i < we) {
				size_t q = dc_prev(text, p), qn, m;
				int32_t a = dc_cp(text, p, q, &qn), b = dc_cp(text, we, i, &m);
				if ((dc_is_letter(a) || dc_is_digit(a)) && (dc_is_letter(b) || dc_is_digit(b))) {
					i = p;
					continue;
				}
			}
			if (dc_is_space(c) || ab_is_boundary(c))
				break;
			i = p;
		}
		if (i == we)
			break; /* a boundary character */
		/* A word of dashes only ("–") separates. */
		int all_dash = 1;
		for (size_t j = i; j < we;) {
			size_t n;
			if (!dc_is_dash(dc_cp(text, we, j, &n)))
				all_dash = 0;
			j += n;
		}
		if (all_dash)
			break;
		w[k].start = i;
		w[k].end = we;
		k++;
	}
	return k;
}

/* Words after `start`, left to right, with the same stops. */
size_t ab_words_after(const char *text, size_t len, size_t start, struct word *w, size_t max)
{
	size_t k = 0, i = start;
	while (k < max) {
		int newlines = 0;
		size_t n;
		while (i < len) {
			int32_t c = dc_cp(text, len, i, &n);
			if (!dc_is_space(c))
				break;
			newlines += c == '\n';
			i += n;
		}
		if (i >= len || newlines >= 2)
			break;
		size_t ws = i;
		while (i < len) {
			int32_t c = dc_cp(text, len, i, &n);
			if (dc_is_space(c) || ab_is_boundary(c))
				break;
			i += n;
		}
		if (i == ws)
			break;
		w[k].start = ws;
		w[k].end = i;
		k++;
	}
	return k;
}

size_t ab_skip_space_back(const char *text, size_t i)
{
	while (i > 0) {
		size_t p = dc_prev(text, i), n;
		if (!dc_is_space(dc_cp(text, i, p, &n)))
			break;
		i = p;
	}
	return i;
}

/* The token (letters, digits, hyphens inside) starting at i. */
size_t ab_token_end(const char *text, size_t len, size_t i)
{
	size_t j = i;
	while (j < len) {
		size_t n, m;
		int32_t c = dc_cp(text, len, j, &n);
		if (dc_is_letter(c) || dc_is_digit(c) || c == '&') {
			j += n;
			continue;
		}
		/* a hyphen inside the token: "IT-Rat" */
		if (dc_is_dash(c) && j > i && j + n < len) {
			int32_t next = dc_cp(text, len, j + n, &m);
			if (dc_is_letter(next) || dc_is_digit(next)) {
				j += n;
				continue;
			}
		}
		break;
	}
	return j;
}

size_t ab_token_start(const char *text, size_t end)
{
	size_t i = end;
	while (i > 0) {
		size_t p = dc_prev(text, i), n;
		int32_t c = dc_cp(text, end, p, &n);
		if (!(dc_is_letter(c) || dc_is_digit(c) || c == '&' || (dc_is_dash(c) && p > 0)))
			break;
		i = p;
	}
	while (i < end && text[i] == '-')
		i++;
	return i;
}

int ab_word_is(const char *text, size_t len, size_t i, const char *w)
{
	size_t n = strlen(w);
	if (i + n > len || memcmp(text + i, w, n))
		return 0;
	if (i + n == len)
		return 1;
	size_t k;
	int32_t c = dc_cp(text, len, i + n, &k);
	return !dc_is_letter(c) && !dc_is_digit(c);
}

size_t ab_line_start(const char *text, size_t at)
{
	while (at > 0 && text[at - 1] != '\n')
		at--;
	return at;
}

/* Whether only blanks and list markup (-, *, a), 1.) stand before `at` on its line. */
int ab_first_on_line(const char *text, size_t at)
{
	for (size_t i = ab_line_start(text, at); i < at; i++)
		if (!strchr(" \t*-.)", text[i]) && !(text[i] >= '0' && text[i] <= '9') &&
		    !(text[i] >= 'a' && text[i] <= 'z' && i + 1 < at && text[i + 1] == ')'))
			return 0;
	return 1;
}

int ab_ends_with(const char *s, size_t n, const char *suffix)
{
	size_t m = strlen(suffix);
	return n >= m && !memcmp(s + n - m, suffix, m);
}

/* An adjective ending: "Aktueller", "Nationalen", "Deutsche". */
int ab_adjective_like(const char *s, size_t n)
{
	return ab_ends_with(s, n, "e") || ab_ends_with(s, n, "er") || ab_ends_with(s, n, "es") ||
	       ab_ends_with(s, n, "en") || ab_ends_with(s, n, "em");
}

/* ---- the short form ---- */

static int is_roman(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strchr("IVXLCDM", s[i]))
			return 0;
	return 1;
}

/* The length of the year that follows a short form at text[at] (" 2009",
 * " - 1989", " – 1989"), four digits and no more before len; 0 if none. */
static size_t year_len(const char *text, size_t len, size_t at)
{
	size_t d = 0;
	if (at + 3 <= len && !memcmp(text + at, " - ", 3))
		d = 2;
	else if (at + 5 <= len && !memcmp(text + at, " \xe2\x80\x93 ", 5))
		d = 4;
	if (at + d + 5 > len || text[at + d] != ' ')
		return 0;
	for (size_t k = at + d + 1; k < at + d + 5; k++)
		if (!(text[k] >= '0' && text[k] <= '9'))
			return 0;
	if (at + d + 5 < len && text[at + d + 5] >= '0' && text[at + d + 5] <= '9')
		return 0;
	return d + 5;
}

/* The length of the year that ends s: the longest of " – 1989", " - 1989"
 * and " 1989"; 0 if none. */
size_t ab_year_tail(const char *text, struct dc_span s)
{
	for (size_t y = 9; y >= 5; y -= 2)
		if (s.end - s.start > y && year_len(text, s.end, s.end - y) == y)
			return y;
	return 0;
}

/* Whether text[s] is a short form; fills sf. A trailing year is allowed. */
int ab_short_form(const char *text, struct dc_span s, struct sf *sf)
{
	memset(sf, 0, sizeof *sf);
	/* "BSIG 2009", "KVLG - 1989": the year takes no part in matching */
	size_t end = s.end - ab_year_tail(text, s);
	size_t len = end - s.start;
	if (len < 2 || len > MAX_SHORT)
		return 0;
	size_t upper = 0, letters = 0, i = s.start, part_len = 0;
	int part_lower = 0;
	while (i < end) {
		size_t n;
		int32_t c = dc_cp(text, end, i, &n);
		/* "KoopA ADV", "TVA-H BBiG": two tokens (at_paren checks the second) */
		if ((dc_is_dash(c) || c == ' ') && i > s.start) {
			if (sf->n_parts < 4)
				sf->parts[sf->n_parts][part_len] = '\0';
			sf->has_word_part |= part_lower && part_len >= 2;
			sf->n_parts++;
			part_len = 0;
			part_lower = 0;
			i += n;
			continue;
		}
		char f = dc_fold(c);
		/* "PPARδ": a lower-case letter beyond ASCII counts, but is not matched */
		if (!f && c != '&' && !(i > s.start && dc_is_letter(c) && !dc_is_upper(c)))
			return 0;
		if (i == s.start && !dc_is_letter(c))
			return 0;
		if (dc_is_letter(c)) {
			letters++;
			if (dc_is_upper(c))
				upper++;
			else
				part_lower = 1;
		}
		if (f) {
			sf->n_chars++;
			if (i == s.start || dc_is_upper(c) || dc_is_digit(c))
				sf->req[sf->n_req++] = f;
			sf->last = f;
			sf->last_upper = dc_is_upper(c);
			if (sf->n_parts < 4 && part_len < MAX_SHORT)
				sf->parts[sf->n_parts][part_len++] = f;
		}
		i += n;
	}
	if (sf->n_parts < 4)
		sf->parts[sf->n_parts][part_len] = '\0';
	sf->has_word_part |= part_lower && part_len >= 2;
	sf->n_parts++;
	if (sf->n_parts > 4)
		return 0;
	/* stop-listed (EWG, DM) and roman (CD, DM) forms only after a long
	 * form whose word and part initials give them (long_before) */
	sf->is_roman = is_roman(text + s.start, len);
	sf->is_stopword = sf->is_roman || dc_acronym_is_stopword(text + s.start, len);
	return upper >= 2 && upper * 3 >= letters && sf->n_req >= 2;
}

/* A quoted short form in title case, as press texts write spoken acronyms
 * ("„Fitko“ (Föderale IT-Kooperation)"): 3 to 10 letters, every one of them
 * required. The long form must then give at least two of them at word or
 * part starts (spoken_ok), so that "(im Folgenden „Bund“)" after
 * "Bundesrepublik" is no pair. */
static int spoken_form(const char *text, struct dc_span s, struct sf *sf)
{
	memset(sf, 0, sizeof *sf);
	for (size_t i = s.start; i < s.end;) {
		size_t n;
		int32_t c = dc_cp(text, s.end, i, &n);
		char f = dc_fold(c);
		if (!f || !dc_is_letter(c) || (i == s.start) != dc_is_upper(c) || sf->n_req == MAX_SHORT)
			return 0;
		sf->req[sf->n_req] = f;
		sf->parts[0][sf->n_req] = f;
		sf->n_req++;
		sf->last = f;
		i += n;
	}
	sf->n_chars = sf->n_req;
	sf->n_parts = 1;
	sf->spoken = 1;
	return sf->n_req >= 3 && !dc_acronym_is_stopword(text + s.start, s.end - s.start);
}

/* Whether text[s] is a short form; a quoted one may be a spoken form. */
int ab_short_or_spoken(const char *text, struct dc_span s, int quoted, struct sf *sf)
{
	return ab_short_form(text, s, sf) || (quoted && spoken_form(text, s, sf));
}

/* The short form that starts at i, with a year if one follows ("BSIG 2009",
 * "KVLG - 1989"). */
struct dc_span ab_short_at(const char *text, size_t len, size_t i)
{
	struct dc_span s = { i, ab_token_end(text, len, i) };
	s.end += year_len(text, len, s.end);
	return s;
}

/* ---- the long form's letters ---- */

/* Lays out the letters of words w[0..nw) (left to right). */
void ab_layout(const char *text, const struct word *w, size_t nw, struct lchars *lc)
{
	lc->n = 0;
	for (size_t k = 0; k < nw; k++) {
		int first = 1, after_sep = 0;
		for (size_t i = w[k].start; i < w[k].end && lc->n < MAX_CHARS;) {
			size_t n;
			int32_t c = dc_cp(text, w[k].end, i, &n);
			char f = dc_fold(c);
			if (f || dc_is_letter(c)) {
				lc->c[lc->n] = f;
				lc->is_start[lc->n] = (unsigned char)first;
				lc->is_part[lc->n] = (unsigned char)(first || after_sep);
				lc->matched[lc->n] = 0;
				lc->word[lc->n] = k;
				lc->at[lc->n] = i;
				lc->n++;
				first = 0;
				after_sep = 0;
			} else {
				after_sep = dc_is_dash(c) || c == '/';
			}
			i += n;
		}
	}
}

/* Matches sf->req[from..to) right to left, each before position *pos; the
 * first one (from == 0) at a word start, or with part set at a part start
 * too ("Bundes-Klimaschutzgesetz (KSG)"). Marks what matched. */
int ab_match_back(const struct sf *sf, size_t from, size_t to, struct lchars *lc, size_t *pos,
                  int part)
{
	for (size_t k = to; k-- > from;) {
		size_t p = *pos;
		for (;;) {
			if (p == 0)
				return 0;
			p--;
			if (lc->c[p] == sf->req[k] && (k != 0 || (part ? lc->is_part[p] : lc->is_start[p])))
				break;
		}
		lc->matched[p] = 1;
		*pos = p;
	}
	return 1;
}

/* Every content word from word `first` on has a matched letter (one may not
 * when there are three or more). */
int ab_content_covered(const char *text, const struct word *w, size_t first, size_t nw,
                       const struct lchars *lc)
{
	size_t content = 0, unmatched = 0;
	for (size_t k = first; k < nw; k++) {
		if (ab_is_function_word(text + w[k].start, w[k].end - w[k].start))
			continue;
		content++;
		int any = 0;
		for (size_t i = 0; i < lc->n; i++)
			if (lc->word[i] == k && lc->matched[i])
				any = 1;
		unmatched += !any;
	}
	return unmatched == 0 || (content >= 3 && unmatched <= 1);
}

/* The law rule: a final G (V) is "Gesetz" ("Verordnung") leading the title,
 * or the "-gesetz" of a compound. w is left to right. Returns the first word
 * of the long form, or -1. */
long ab_match_law(const char *text, const struct word *w, size_t nw, const struct sf *sf,
                  struct lchars *lc)
{
	if (!sf->last_upper || (sf->last != 'g' && sf->last != 'v') || sf->n_req < 2)
		return -1;
	const char *lead = sf->last == 'g' ? "Gesetz" : "Verordnung";
	const char *suffix = sf->last == 'g' ? "gesetz" : "verordnung";
	size_t lead_len = strlen(lead);
	for (size_t k = 0; k < nw; k++) {
		const char *s = text + w[k].start;
		size_t n = w[k].end - w[k].start;
		int is_lead = n >= lead_len && !memcmp(s, lead, lead_len) &&
		              (n == lead_len || (n == lead_len + 2 && !memcmp(s + lead_len, "es", 2)));
		int is_compound = !is_lead && (ab_ends_with(s, n, suffix) || ab_ends_with(s, n, "Gesetz"));
		if (is_lead && k + 1 < nw) {
			ab_layout(text, w + k + 1, nw - k - 1, lc);
			size_t pos = lc->n;
			if (ab_match_back(sf, 0, sf->n_req - 1, lc, &pos, 0))
				return (long)k;
		} else if (is_compound) {
			/* The final letter at the compound's "gesetz", the rest before it. */
			ab_layout(text, w, nw, lc);
			size_t pos = 0;
			while (pos < lc->n && lc->word[pos] != k)
				pos++;
			size_t word_end = pos;
			while (word_end < lc->n && lc->word[word_end] == k)
				word_end++;
			size_t suffix_len = strlen(suffix);
			if (word_end - pos < suffix_len)
				continue;
			size_t g = word_end - suffix_len;
			lc->matched[g] = 1;
			size_t at = g;
			if (ab_match_back(sf, 0, sf->n_req - 1, lc, &at, 0))
				return (long)lc->word[at];
		}
	}
	return -1;
}

/* Designations of words: every hyphen part of the short form is a word or
 * hyphen part of the long form ("IT-Rat" in "Rat der IT-Beauftragten ..."). */
long ab_match_parts(const char *text, const struct word *w, size_t nw, const struct sf *sf,
                    struct lchars *lc)
{
	if (!sf->has_word_part || sf->n_parts < 2)
		return -1;
	ab_layout(text, w, nw, lc);
	long first = -1;
	for (size_t p = 0; p < sf->n_parts; p++) {
		size_t plen = strlen(sf->parts[p]);
		long found = -1;
		for (size_t i = lc->n; i-- > 0;) {
			if (!lc->is_part[i] || i + plen > lc->n)
				continue;
			size_t j = 0;
			while (j < plen && lc->c[i + j] == sf->parts[p][j] && lc->word[i + j] == lc->word[i])
				j++;
			/* the part ends there: at the word's end or before a hyphen */
			if (j == plen && (i + j == lc->n || lc->is_part[i + j] ||
			                  lc->word[i + j] != lc->word[i])) {
				for (j = 0; j < plen; j++)
					lc->matched[i + j] = 1;
				found = (long)lc->word[i];
				break;
			}
		}
		if (found < 0)
			return -1;
		if (first < 0 || found < first)
			first = found;
	}
	return first;
}

/* Matched letters at word or part starts: a spoken form needs two. */
static int spoken_ok(const struct sf *sf, const struct lchars *lc)
{
	if (!sf->spoken)
		return 1;
	size_t starts = 0;
	for (size_t i = 0; i < lc->n; i++)
		starts += lc->matched[i] && lc->is_part[i];
	return starts >= 2;
}

/* Whether the letter at byte `at` of word w follows a hyphen inside a word
 * that starts with a capital ("Bundes-Klimaschutzgesetz", not
 * "2,4,6-Tribromphenol" or "Alpha-Aktivität/Gebinde"). */
static int after_hyphen(const char *text, const struct word *w, size_t at)
{
	size_t n;
	if (at <= w->start || !dc_is_upper(dc_cp(text, w->end, w->start, &n)))
		return 0;
	return dc_is_dash(dc_cp(text, at, dc_prev(text, at), &n));
}

/* The shortest match of sf's letters in words w[0..nw), right to left, the
 * first letter at a word start, or else at a part start after a hyphen
 * ("Bundes-Klimaschutzgesetz (KSG)", not "2009/119/EG und (EU)"); *pos: the
 * first letter. */
static int match_letters(const char *text, const struct word *w, size_t nw, const struct sf *sf,
                         struct lchars *lc, size_t *pos)
{
	ab_layout(text, w, nw, lc);
	*pos = lc->n;
	if (ab_match_back(sf, 0, sf->n_req, lc, pos, 0))
		return 1;
	ab_layout(text, w, nw, lc);
	*pos = lc->n;
	return !sf->is_stopword && ab_match_back(sf, 0, sf->n_req, lc, pos, 1) &&
	       after_hyphen(text, &w[lc->word[*pos]], lc->at[*pos]);
}

/* "Paneuropäisches Privates Pensionsprodukt (PEPP)", "Europäischen
 * Landwirtschaftsfonds für die Entwicklung des ländlichen Raums (ELER)": the
 * shortest match (Schwartz & Hearst) takes letters inside compounds and stops
 * at "Privates" or "Entwicklung"; a longer long form whose words give more of
 * the letters at word or part starts is the name. Given the shortest match
 * from `pos`, moves the match to the first letter with the most such letters
 * (ties: the nearest) when that is more and every content word still gives a
 * letter; returns the new position of the first letter. */
static size_t match_most_starts(const char *text, const struct word *w, size_t nw,
                                const struct sf *sf, struct lchars *lc, size_t pos)
{
	enum { NONE = -1000 };
	static __thread short best[MAX_SHORT][MAX_CHARS];
	size_t n = sf->n_req;
	if (n < 2 || n > MAX_SHORT)
		return pos;
	/* best[k][p]: most part starts when req[k] is at p and the rest after it */
	for (size_t k = n; k-- > 0;) {
		int after = NONE;
		for (size_t p = lc->n; p-- > 0;) {
			int here = NONE;
			if (lc->c[p] == sf->req[k] && (k == n - 1 || after > NONE))
				here = lc->is_part[p] + (k == n - 1 ? 0 : after);
			if (k + 1 < n && best[k + 1][p] > after)
				after = best[k + 1][p];
			best[k][p] = (short)here;
		}
	}
	size_t top = pos;
	for (size_t p = 0; p < lc->n; p++)
		if (lc->is_start[p] && best[0][p] > NONE && best[0][p] >= best[0][top] &&
		    (best[0][p] > best[0][top] || p > top))
			top = p;
	if (top == pos || best[0][top] <= best[0][pos])
		return pos;
	unsigned char keep[MAX_CHARS];
	memcpy(keep, lc->matched, lc->n);
	memset(lc->matched, 0, lc->n);
	size_t p = top;
	lc->matched[p] = 1;
	for (size_t k = 1; k < n; k++) {
		int want = best[k - 1][p] - lc->is_part[p];
		size_t q = p + 1;
		while (q < lc->n && best[k][q] != want)
			q++;
		if (q == lc->n) {
			memcpy(lc->matched, keep, lc->n);
			return pos;
		}
		lc->matched[q] = 1;
		p = q;
	}
	if (!ab_content_covered(text, w, lc->word[top], nw, lc)) {
		memcpy(lc->matched, keep, lc->n);
		return pos;
	}
	return top;
}

/* A letter that likely starts a part of a German compound ("Aus|druck",
 * "Wohnungs|gesellschaften"): a consonant after at least three letters of
 * its word, with at least four letters from it to the word's end (not the
 * "-is" of "Verzeichnis" nor the "-g" of "Einstufung"). */
int ab_compound_start(const struct lchars *lc, size_t i)
{
	if (!lc->c[i] || strchr("aeiouy", lc->c[i]) || (lc->c[i] >= '0' && lc->c[i] <= '9'))
		return 0;
	size_t before = 0, from = 0;
	for (size_t j = i; j-- > 0 && lc->word[j] == lc->word[i] && !lc->is_part[j + 1];)
		before++;
	for (size_t j = i; j < lc->n && lc->word[j] == lc->word[i] && (j == i || !lc->is_part[j]); j++)
		from++;
	return before >= 3 && from >= 4;
}

/* An ordinal number word: "Erste", "Zweiten", "Dreizehnte",
 * "Zweihundertachtundvierzigste". */
static int is_ordinal(const char *s, size_t n)
{
	static const char *const stems[] = { "Erst", "Zweit", "Dritt", "Drei", "Viert", "Vier",
		"F\xc3\xbcnf", "Sechs", "Sieb", "Acht", "Neun", "Zehn", "Elf", "Zw\xc3\xb6lf",
		"Zwanzig", "Hundert", "Zwei", NULL };
	if (!(ab_ends_with(s, n, "te") || ab_ends_with(s, n, "ten") || ab_ends_with(s, n, "ter") ||
	      ab_ends_with(s, n, "tes") || ab_ends_with(s, n, "tem")))
		return 0;
	for (size_t i = 0; stems[i]; i++)
		if (n > strlen(stems[i]) && !memcmp(s, stems[i], strlen(stems[i])))
			return 1;
	return 0;
}

/* The long form that ends at `end` for the short form sf, if any. */
int ab_long_before(const char *text, size_t end, const struct sf *sf, struct dc_span *lf)
{
	struct word rev[MAX_WORDS], w[MAX_WORDS];
	size_t nw = ab_words_before(text, end, rev, MAX_WORDS);
	if (nw == 0)
		return 0;
	for (size_t k = 0; k < nw; k++)
		w[k] = rev[nw - 1 - k];
	static __thread struct lchars lc;
	long first = sf->spoken ? -1 : ab_match_law(text, w, nw, sf, &lc);
	/* "dem Zweiten Gesetz über die Krankenversicherung der Landwirte (KVLG -
	 * 1989)": an ordinal before "Gesetz" is part of the title */
	if (first > 0 && is_ordinal(text + w[first - 1].start, w[first - 1].end - w[first - 1].start))
		first--;
	if (first < 0) {
		/* Schwartz & Hearst's window: min(|A| + 5, 2|A|) words. */
		size_t limit = sf->n_chars + 5 < 2 * sf->n_chars ? sf->n_chars + 5 : 2 * sf->n_chars;
		size_t skip = nw > limit ? nw - limit : 0;
		first = sf->spoken ? -1 : ab_match_parts(text, w + skip, nw - skip, sf, &lc);
		if (first < 0) {
			size_t pos;
			if (!match_letters(text, w + skip, nw - skip, sf, &lc, &pos))
				return 0;
			pos = match_most_starts(text, w + skip, nw - skip, sf, &lc, pos);
			first = (long)lc.word[pos];
			/* "Aktueller Ausdruck (AD)": the shortest long form is one word
			 * that gives every letter, and the adjective right before it
			 * starts with the first one; the adjective is part of the name */
			size_t last = nw - skip - 1;
			if ((size_t)first == last && first > 0 && sf->n_req >= 2 && lc.is_start[pos]) {
				const struct word *prev = &w[skip + last - 1];
				size_t pn = prev->end - prev->start, q;
				int32_t c = dc_cp(text, prev->end, prev->start, &q);
				if (dc_fold(c) == sf->req[0] && !ab_is_function_word(text + prev->start, pn) &&
				    ab_adjective_like(text + prev->start, pn)) {
					lc.matched[pos] = 0;
					for (size_t i = 0; i < lc.n; i++)
						if (lc.word[i] == last - 1) {
							lc.matched[i] = 1;
							break;
						}
					first--;
				}
			}
		}
		if (!ab_content_covered(text, w + skip, (size_t)first, nw - skip, &lc) || !spoken_ok(sf, &lc))
			return 0;
		/* "auf der Straße (ADR)": a long form starts with a content word */
		const struct word *fw = &w[skip + (size_t)first];
		if (text[fw->start] >= 'a' && text[fw->start] <= 'z' &&
		    ab_is_function_word(text + fw->start, fw->end - fw->start))
			return 0; /* "Einer für Alle (EfA)" is fine */
		/* "Verordnung (EU)", "und e der Verordnung (EU)": a short form of the
		 * stop list needs every letter at the start of a word or part */
		if (sf->is_stopword) {
			/* "Deutsches Museum (DM)": the M of "Museum", not its last m */
			ab_layout(text, w + skip, nw - skip, &lc);
			size_t at = lc.n;
			for (size_t k = sf->n_req; k-- > 0;) {
				while (at > 0 && !(lc.c[at - 1] == sf->req[k] &&
				                   (k == 0 ? lc.is_start[at - 1]
				                           : lc.is_part[at - 1] || ab_compound_start(&lc, at - 1))))
					at--;
				if (at == 0)
					return 0;
				lc.matched[--at] = 1;
			}
			first = (long)lc.word[at];
			if (!ab_content_covered(text, w + skip, (size_t)first, nw - skip, &lc))
				return 0;
			size_t last = 0;
			for (size_t i = 0; i < lc.n; i++)
				if (lc.matched[i]) {
					if (!lc.is_part[i] && !ab_compound_start(&lc, i))
						return 0;
					last = i;
				}
			/* the long form's last word gives the final letter */
			if (lc.word[last] != nw - skip - 1)
				return 0;
		}
		first += (long)skip;
	}
	/* "§ 3 Absatz 1 Satz 1 der Klärschlammverordnung (AbfKlärV)": a citation
	 * is no long form */
	static const char *const citation_words[] = { "Absatz", "Satz", "Nummer", "Artikel",
		"Anlage", "Buchstabe", "Abschnitt", "Teil", "Kapitel", "Paragraph", NULL };
	for (size_t i = 0; citation_words[i]; i++) {
		size_t n = strlen(citation_words[i]);
		if (w[first].end - w[first].start == n && !memcmp(text + w[first].start, citation_words[i], n))
			return 0;
	}
	lf->start = w[first].start;
	lf->end = w[nw - 1].end;
	/* "Frühsommermeningoenzephalitis-(FSME)-Virus" */
	while (lf->end > lf->start + 1 && text[lf->end - 1] == '-')
		lf->end--;
	return 1;
}

/* Matches sf's letters left to right from the first word's start; with
 * starts set, every letter after the first at the start of a content word
 * or part ("AKDB, die Anstalt für Kommunale Datenverarbeitung in Bayern"),
 * else the nearest ones. Returns the index past the last match, or 0. */
static size_t match_forward(const struct sf *sf, struct lchars *lc, const unsigned char *content,
                            int starts)
{
	size_t pos = 0;
	for (size_t k = 0; k < sf->n_req; k++) {
		while (pos < lc->n &&
		       !(lc->c[pos] == sf->req[k] &&
		         (k == 0 ? lc->is_start[pos]
		                 : !starts || (lc->is_part[pos] && content[lc->word[pos]]))))
			pos++;
		if (pos == lc->n || (k == 0 && lc->word[pos] != 0))
			return 0;
		lc->matched[pos++] = 1;
	}
	return pos;
}

/* The long form that starts at `start` (after the short form), left to right:
 * it ends with the word that gives the short form's last letter. whole: the
 * span is the long form (inside parentheses); STRICT: every letter at the
 * start of a content word or part. */
int ab_long_after(const char *text, size_t len, size_t start, const struct sf *sf,
                  int whole, struct dc_span *lf)
{
	struct word w[MAX_WORDS];
	size_t nw = ab_words_after(text, len, start, w, MAX_WORDS);
	size_t first = 0;
	while (first < nw && ab_is_function_word(text + w[first].start, w[first].end - w[first].start))
		first++;
	if (first == nw)
		return 0;
	static __thread struct lchars lc;
	if (whole == 1) {
		/* "ENISA (Agentur ...)": the parentheses hold the long form; use the
		 * rules of a long form before a short form on it. */
		struct sf tmp = *sf;
		long f = sf->spoken ? -1 : ab_match_law(text, w + first, nw - first, &tmp, &lc);
		if (f < 0) {
			f = sf->spoken ? -1 : ab_match_parts(text, w + first, nw - first, sf, &lc);
			if (f < 0) {
				size_t pos;
				if (!match_letters(text, w + first, nw - first, sf, &lc, &pos))
					return 0;
				f = (long)lc.word[pos];
			}
			if (f != 0 || !ab_content_covered(text, w + first, 0, nw - first, &lc) ||
			    !spoken_ok(sf, &lc))
				return 0;
		} else if (f != 0) {
			return 0;
		}
		lf->start = w[first].start;
		lf->end = w[nw - 1].end;
		return 1;
	}
	size_t limit = sf->n_chars + 5 < 2 * sf->n_chars ? sf->n_chars + 5 : 2 * sf->n_chars;
	if (nw - first > limit)
		nw = first + limit;
	unsigned char content[MAX_WORDS];
	for (size_t k = first; k < nw; k++)
		content[k - first] = !ab_is_function_word(text + w[k].start, w[k].end - w[k].start);
	ab_layout(text, w + first, nw - first, &lc);
	size_t pos = match_forward(sf, &lc, content, 1);
	if (!pos && whole != STRICT) {
		ab_layout(text, w + first, nw - first, &lc);
		pos = match_forward(sf, &lc, content, 0);
	}
	if (!pos)
		return 0;
	size_t last_word = lc.word[pos - 1];
	if (!ab_content_covered(text, w + first, 0, last_word + 1, &lc) || !spoken_ok(sf, &lc))
		return 0;
	/* "LfU HE: Hessische Landesanstalt für Umwelt": a name does not end in
	 * the adjective of a noun that follows */
	const struct word *lw = &w[first + last_word];
	size_t un;
	if (first + last_word + 1 < nw && dc_is_upper(dc_cp(text, lw->end, lw->start, &un)) &&
	    ab_adjective_like(text + lw->start, lw->end - lw->start) &&
	    dc_is_upper(dc_cp(text, w[first + last_word + 1].end, w[first + last_word + 1].start, &un)))
		return 0;
	lf->start = w[first].start;
	lf->end = w[first + last_word].end;
	return 1;
}

/* ---- inflected variants ---- */

static int is_ending(const char *s, size_t n)
{
	static const char *const endings[] = { "", "e", "n", "s", "en", "er", "es", "em", "ns",
		                                   "ens", "ern", NULL };
	return ab_word_in(s, n, endings);
}

/* The next word of s from *at (split at ' ' and '-'): start and length. */
static int next_word(const char *s, size_t *at, const char **w, size_t *n)
{
	while (s[*at] == ' ' || s[*at] == '-')
		(*at)++;
	if (!s[*at])
		return 0;
	*w = s + *at;
	while (s[*at] && s[*at] != ' ' && s[*at] != '-')
		(*at)++;
	*n = (size_t)(s + *at - *w);
	return 1;
}

int dc_is_inflected_variant(const char *a, const char *b)
{
	struct buf na = BUF_INIT, nb = BUF_INIT;
	int same_words = 0, differs = 0;
	if (norm_text(a, strlen(a), &na) == 0 && norm_text(b, strlen(b), &nb) == 0 && na.len &&
	    nb.len) {
		const char *sa = buf_cstr(&na), *sb = buf_cstr(&nb);
		size_t ia = 0, ib = 0;
		same_words = 1;
		for (;;) {
			const char *wa, *wb;
			size_t la, lb;
			int ha = next_word(sa, &ia, &wa, &la), hb = next_word(sb, &ib, &wb, &lb);
			if (!ha || !hb) {
				same_words = !ha && !hb;
				break;
			}
			if (la == lb && !memcmp(wa, wb, la))
				continue;
			size_t p = 0;
			while (p < la && p < lb && wa[p] == wb[p])
				p++;
			/* "nationalen"/"nationales": the stem "national" with "en" and "es" */
			size_t stem = p;
			while (stem > 0 && !(is_ending(wa + stem, la - stem) && is_ending(wb + stem, lb - stem)))
				stem--;
			if (stem < 3 || !is_ending(wa + stem, la - stem) || !is_ending(wb + stem, lb - stem)) {
				same_words = 0;
				break;
			}
			differs = 1;
		}
	}
	buf_free(&na);
	buf_free(&nb);
	return same_words && differs;
}
