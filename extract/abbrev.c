/* abbrev.c - abbreviation definitions in German text (discover.h): the
 * rules that find a short form and its long form in the text, the scan
 * (dc_abbrev_scan) and dc_abbrev_explains. What a short form is and how a
 * long form spells it is abbrev_forms.c's.
 *
 * The scan stops at a parenthesis (at_paren), at a cue outside one (at_cue)
 * and at a short form outside one (at_list, at_apposition, at_article,
 * at_dash, at_copula); every pair goes out through emit. The rules, by the
 * round that brought them (each function's comment has the details):
 *   - first: "long (short)" and "short (long)", quotes around either form;
 *     German cues besides parentheses: "die DMK, die Digitalministerkonferenz",
 *     "ALD, also der Arbeitsgemeinschaft der Landesdienstleister",
 *     "Föderale IT-Kooperation – kurz FITKO –", "(kurz: FITKO)", "(im Folgenden
 *     „HS“ genannt)", ", im Folgenden: OZG,", "die Föderale IT-Kooperation, die
 *     FITKO,", "„Content Delivery Network“ oder „CDN“", the short form first
 *     with a dash or colon ("NOOTS – Nationales Once-Only-Technical-System")
 *     and a law's short title with its abbreviation ("(BSI-Gesetz – BSIG)");
 *   - then: a law's abbreviation that reorders its title ("Gesetz gegen
 *     Doping im Sport (AntiDopG)", law_title_before); a place after a comma
 *     is skipped ("Deutsches Bergbau-Museum, Bochum (DBM)");
 *   - round three: a document's title (heading_title); codes in a list
 *     (code_in_list); "„IMDG-Code“ ist der ..." (at_copula); a quoted long
 *     form (quoted_long_before); a name after a cue (cue_name_before); a
 *     Greek letter after a substance ("Darbepoetin alfa"); "XY-Z"
 *     (suffix_letter_before);
 *   - round four: a chemical formula whose long form names a compound is
 *     no pair (emit); a definition list's head (at_list); an English long
 *     form's capitalised words (foreign_start); a treaty or committee under
 *     its foreign name (treaty_before);
 *   - round five: a code after a quoted name it translates
 *     (translated_quote_before); quotes delimit a long form (quote_start);
 *     a definition's head (defined_entry, at_copula); a unit of a parent
 *     body (unit_line_before);
 *   - round six: a law's short title beside its abbreviation before the long
 *     title ("(Strahlenschutzverordnung – StrlSchV)"); the name before
 *     "(HL – Heading Line)" (noun_phrase_before); "VO" for a leading
 *     "Verordnung" (vo_before); a quoted title holding its short form
 *     (quoted_title_before). */

#include "discover.h"

#include <string.h>

#include "abbrev_forms.h"
#include "dc_text.h"

/* Whether text[s] reads as chemical element symbols with digits ("BaO",
 * "K2O", "CO2", "Fe2O3") and has a lower-case letter or a digit. */
static int formula_shape(const char *text, struct dc_span s)
{
	static const char *const el[] = { "H", "He", "Li", "Be", "B", "C", "N", "O", "F",
		"Ne", "Na", "Mg", "Al", "Si", "P", "S", "Cl", "Ar", "K", "Ca", "Sc", "Ti", "V", "Cr",
		"Mn", "Fe", "Co", "Ni", "Cu", "Zn", "Ga", "Ge", "As", "Se", "Br", "Kr", "Rb", "Sr",
		"Y", "Zr", "Nb", "Mo", "Tc", "Ru", "Rh", "Pd", "Ag", "Cd", "In", "Sn", "Sb", "Te",
		"I", "Xe", "Cs", "Ba", "La", "Ce", "Pr", "Nd", "Pm", "Sm", "Eu", "Gd", "Tb", "Dy",
		"Ho", "Er", "Tm", "Yb", "Lu", "Hf", "Ta", "W", "Re", "Os", "Ir", "Pt", "Au", "Hg",
		"Tl", "Pb", "Bi", "Po", "At", "Rn", "Fr", "Ra", "Ac", "Th", "Pa", "U", "Np", "Pu", NULL };
	int mixed = 0;
	size_t i = s.start;
	while (i < s.end) {
		const char *t = text + i;
		if (*t >= '0' && *t <= '9') {
			mixed = 1;
			i++;
			continue;
		}
		size_t got = 0;
		for (size_t k = 0; el[k]; k++) {
			size_t n = strlen(el[k]);
			if (n > got && i + n <= s.end && !memcmp(t, el[k], n) &&
			    !(n == 1 && i + 1 < s.end && t[1] >= 'a' && t[1] <= 'z'))
				got = n;
		}
		if (!got)
			return 0;
		mixed |= got == 2;
		i += got;
	}
	return mixed;
}

/* Whether a long form names an inorganic compound: its last word ends in
 * the name of an anion ("Bariumoxyd", "Schwefelhexafluorid"). */
static int compound_name(const char *text, struct dc_span lf)
{
	static const char *const anions[] = { "oxid", "oxyd", "chlorid", "fluorid", "bromid",
		"jodid", "iodid", "sulfid", "sulfat", "sulfit", "nitrat", "nitrit", "nitrid",
		"carbonat", "karbonat", "phosphat", "silikat", "silicat", "hydroxid", "hydrid",
		"cyanid", "carbid", "chromat", "borat", NULL };
	for (size_t k = 0; anions[k]; k++)
		if (ab_ends_with(text + lf.start, lf.end - lf.start, anions[k]))
			return 1;
	return 0;
}

/* Every pair goes out here. A chemical formula is no short form ("Bariumoxyd
 * (BaO)", "Zinkoxyd (ZnO)"): its symbols alone would also take law
 * abbreviations (FeV, EuWO, InsO), so the long form must name a compound. */
static int emit(const char *text, dc_abbrev_fn fn, void *ctx, struct dc_span sf,
                struct dc_span lf, const char *pattern)
{
	if (formula_shape(text, sf) && compound_name(text, lf))
		return 0;
	struct dc_abbrev a = { sf, lf, pattern };
	return fn(text, &a, ctx);
}

static int is_open_quote(int32_t c)
{
	return c == '"' || c == 0x201E || c == 0x201C || c == 0xBB || c == 0x201A || c == 0x2018;
}

static int is_close_quote(int32_t c)
{
	return c == '"' || c == 0x201C || c == 0x201D || c == 0xAB || c == 0x2018 || c == 0x2019;
}

/* Before a long form's end: a closing quote ("„Nationales
 * Once-Only-Technical-System“ – kurz: NOOTS –") and a legal form
 * ("Verband Deutscher Eisenbahner-Sportvereine e.V. (VDES)") are no part of it. */
static size_t long_end(const char *text, size_t end)
{
	end = ab_skip_space_back(text, end);
	if (end > 0) {
		size_t p = dc_prev(text, end), n;
		if (is_close_quote(dc_cp(text, end, p, &n)))
			end = ab_skip_space_back(text, p);
	}
	static const char *const forms[] = { "e.V.", "e. V.", "a.G.", "a. G.", "e.G.", "GmbH",
	                                     "gGmbH", "mbH", "A\xc3\xb6R", NULL };
	for (size_t k = 0; forms[k]; k++) {
		size_t n = strlen(forms[k]);
		if (end > n && !memcmp(text + end - n, forms[k], n) && text[end - n - 1] == ' ')
			return ab_skip_space_back(text, end - n);
	}
	return end;
}

/* The official abbreviation of a law right after its title, whose letters
 * need not be in order ("Gesetz gegen Doping im Sport (AntiDopG)", "Gesetz
 * zur Zusammenführung und Neugliederung der Bundeseisenbahnen (BEZNG)"): a
 * final G (V) and a title from the nearest "Gesetz" ("Verordnung") on, of at
 * least two more words, whose word and part initials hold at least half of
 * the short form's other capitals. */
static int law_title_before(const char *text, size_t end, const struct sf *sf, struct dc_span *lf)
{
	if (sf->spoken || !sf->last_upper || (sf->last != 'g' && sf->last != 'v'))
		return 0;
	const char *lead = sf->last == 'g' ? "Gesetz" : "Verordnung";
	size_t lead_len = strlen(lead);
	/* law titles run long: "Verordnung über die Durchführung der
	 * veterinärrechtlichen Kontrollen ... aus Drittländern (LMEV)" has 26 words */
	enum { TITLE_WORDS = 48 };
	struct word rev[TITLE_WORDS];
	size_t nw = ab_words_before(text, end, rev, TITLE_WORDS);
	for (size_t k = 2; k < nw; k++) {
		const char *s = text + rev[k].start;
		size_t n = rev[k].end - rev[k].start;
		if (!(n == lead_len && !memcmp(s, lead, n)))
			continue;
		/* the capitals of the short form but its last, against the title's initials */
		static __thread struct lchars lc;
		struct word w[TITLE_WORDS];
		for (size_t j = 0; j < k; j++)
			w[j] = rev[k - 1 - j];
		ab_layout(text, w, k, &lc);
		size_t caps = 0, found = 0;
		for (size_t r = 0; r + 1 < sf->n_req; r++) {
			caps++;
			for (size_t i = 0; i < lc.n; i++)
				if (lc.is_part[i] && lc.c[i] == sf->req[r]) {
					found++;
					break;
				}
		}
		if (caps == 0 || found * 2 < caps)
			return 0;
		lf->start = rev[k].start;
		lf->end = rev[0].end;
		return 1;
	}
	return 0;
}

/* A short form "XY-Z" whose last part is one capital: the initial of the
 * long form's last word, a place or body ("-H" for Hessen, "-L" for Länder),
 * while XY is spelled by the first word alone, a compound followed by a
 * function word: "Tarifvertrag für den Öffentlichen Dienst des Landes Hessen
 * (TV-H)" (IT-Staatsvertrag § 12). */
static int suffix_letter_before(const char *text, size_t end, const struct sf *sf,
                                struct dc_span *lf)
{
	if (sf->spoken || sf->is_stopword || sf->n_parts != 2 || strlen(sf->parts[1]) != 1 ||
	    strlen(sf->parts[0]) < 2 || sf->n_chars != strlen(sf->parts[0]) + 1)
		return 0;
	struct word rev[MAX_WORDS];
	size_t nw = ab_words_before(text, end, rev, 12);
	if (nw < 3)
		return 0;
	size_t n;
	int32_t c = dc_cp(text, rev[0].end, rev[0].start, &n);
	if (!dc_is_upper(c) || dc_fold(c) != sf->parts[1][0] ||
	    ab_is_function_word(text + rev[0].start, rev[0].end - rev[0].start))
		return 0;
	for (size_t k = 2; k < nw; k++) {
		const struct word *fw = &rev[k];
		c = dc_cp(text, fw->end, fw->start, &n);
		if (!dc_is_upper(c) || dc_fold(c) != sf->parts[0][0] ||
		    ab_is_function_word(text + fw->start, fw->end - fw->start))
			continue;
		if (!ab_is_function_word(text + rev[k - 1].start, rev[k - 1].end - rev[k - 1].start))
			return 0;
		/* the rest of XY inside the first word, in order */
		size_t j = 1;
		for (size_t i = fw->start + n; i < fw->end && sf->parts[0][j]; i += n) {
			int32_t d = dc_cp(text, fw->end, i, &n);
			if (dc_fold(d) == sf->parts[0][j])
				j++;
		}
		if (sf->parts[0][j])
			return 0;
		lf->start = fw->start;
		lf->end = rev[0].end;
		return 1;
	}
	return 0;
}

/* After a cue ("im Folgenden", "kurz"), a name whose words' initials are the
 * short form, one after the other, and a phrase after it up to the
 * parenthesis that starts with a preposition or article: "dem weltweiten
 * Harmonisierten System zur Bezeichnung und Codierung der Waren (im
 * Folgenden „HS“)" (Lebensmitteleinfuhr-Verordnung, Anlage 1). The nearest
 * such name wins. */
static int cue_name_before(const char *text, size_t end, const struct sf *sf, struct dc_span *lf)
{
	struct word rev[MAX_WORDS];
	size_t nw = ab_words_before(text, end, rev, MAX_WORDS);
	if (sf->spoken || sf->n_req < 2 || sf->n_chars != sf->n_req)
		return 0;
	/* rev[k] is the k-th word before the parenthesis; the name is rev[k]
	 * (first letter) down to rev[k - n + 1], then a function word */
	for (size_t k = sf->n_req; k < nw; k++) {
		size_t last = k + 1 - sf->n_req;
		const struct word *after = &rev[last - 1];
		if (!ab_is_function_word(text + after->start, after->end - after->start))
			continue;
		int ok = 1;
		for (size_t j = 0; j < sf->n_req && ok; j++) {
			const struct word *wj = &rev[k - j];
			size_t n;
			int32_t c = dc_cp(text, wj->end, wj->start, &n);
			ok = dc_is_upper(c) && dc_fold(c) == sf->req[j] &&
			     !ab_is_function_word(text + wj->start, wj->end - wj->start);
		}
		if (!ok)
			continue;
		lf->start = rev[k].start;
		lf->end = rev[0].end;
		return 1;
	}
	return 0;
}

/* The quoted name right before the parenthesis at `open`: its first and
 * last byte inside the quotes, and where its opening quote stands. */
static int quoted_before(const char *text, size_t open, size_t *start, size_t *end, size_t *quote)
{
	size_t e = ab_skip_space_back(text, open), n;
	if (e == 0)
		return 0;
	size_t q = dc_prev(text, e);
	int32_t close = dc_cp(text, e, q, &n);
	if (!is_close_quote(close))
		return 0;
	size_t b = q;
	while (b > 0 && q - b < 300) {
		size_t p = dc_prev(text, b);
		int32_t c = dc_cp(text, b, p, &n);
		/* „…“, “…”, ‚…‘, »…« */
		if (c == 0x201E || c == 0x201A || c == 0xBB || (c == 0x201C && close == 0x201D) ||
		    (c == 0x2018 && close == 0x2019)) {
			*quote = p;
			break;
		}
		if (is_open_quote(c) || is_close_quote(c) || c == '(' || c == ')' || c == '.' || c == ';')
			return 0;
		b = p;
	}
	if (b == 0 || q - b >= 300)
		return 0;
	*start = b;
	*end = q;
	return 1;
}

/* A long form in quotes right before the parenthesis: the quotes give its
 * extent, so only the letters are checked - every one in order, the first
 * at the start of the quoted name, and half of its content words giving one
 * ("“Kooperationsausschuss von Bund und Ländern für automatisierte
 * Datenverarbeitung” (KoopA ADV)", IT-Staatsvertrag). */
static int quoted_long_before(const char *text, size_t open, const struct sf *sf,
                              struct dc_span *lf)
{
	size_t b, q, quote;
	if (sf->spoken || sf->is_stopword || !quoted_before(text, open, &b, &q, &quote))
		return 0;
	struct word w[MAX_WORDS];
	size_t nw = ab_words_after(text, q, b, w, MAX_WORDS);
	if (nw < 2 || w[nw - 1].end != q || w[0].start != dc_skip_space(text, q, b))
		return 0;
	static __thread struct lchars lc;
	ab_layout(text, w, nw, &lc);
	size_t pos = lc.n;
	if (!ab_match_back(sf, 0, sf->n_req, &lc, &pos, 0) || lc.word[pos] != 0)
		return 0;
	size_t content = 0, covered = 0;
	for (size_t k = 0; k < nw; k++) {
		if (ab_is_function_word(text + w[k].start, w[k].end - w[k].start))
			continue;
		content++;
		for (size_t i = 0; i < lc.n; i++)
			if (lc.word[i] == k && lc.matched[i]) {
				covered++;
				break;
			}
	}
	if (covered * 2 < content)
		return 0;
	lf->start = w[0].start;
	lf->end = q;
	return 1;
}

static int title_line(const char *text, size_t len, size_t open, size_t close, size_t *title);
static int dash_long(const char *text, size_t len, struct dc_span s, const struct sf *sf,
                     struct dc_span *out);

/* The end of the line (or text) after the parenthesis closing at `close`,
 * or 0 when anything but blanks stands between. */
static size_t line_end_after(const char *text, size_t len, size_t close)
{
	size_t after = close + 1;
	while (after < len && (text[after] == ' ' || text[after] == '\t' || text[after] == '\r'))
		after++;
	return after < len && text[after] != '\n' ? 0 : after;
}

/* A code of capitals after a quoted name whose letters it does not take,
 * the code of another language: "die Befugnis „Platzverkehrskontrolle“
 * (TWR)" (FSPersAV § 47). The name must open its phrase (not "zweibasige
 * „Treibstoffe“ (EMCDB)", a part of the name), stand outside a title line
 * (a law's title quotes a body's name), and the code must not be a mark
 * glossed again in parentheses ("„Programm“ (DEF) (program):"). A code
 * whose first letter starts the name, or whose letters all start its words
 * in another order, is left to the rules with letters. */
static int translated_quote_before(const char *text, size_t len, size_t open, size_t close,
                                   struct dc_span s, const struct sf *sf, struct dc_span *lf)
{
	size_t b, q, quote, n;
	if (sf->spoken || sf->is_stopword || sf->is_roman || s.end - s.start > 6 ||
	    !quoted_before(text, open, &b, &q, &quote))
		return 0;
	for (size_t k = s.start; k < s.end; k++)
		if (!((text[k] >= 'A' && text[k] <= 'Z') || (text[k] == '-' && k > s.start)))
			return 0;
	b = dc_skip_space(text, q, b);
	q = ab_skip_space_back(text, q);
	int32_t c = b < q ? dc_cp(text, q, b, &n) : 0;
	if (!dc_is_upper(c) || dc_fold(c) == sf->req[0])
		return 0;
	struct word w[MAX_WORDS];
	size_t nw = ab_words_after(text, q, b, w, MAX_WORDS);
	if (nw == 0 || nw > 8 || w[nw - 1].end != q)
		return 0;
	/* every letter an initial of the name, out of order: a reordered short
	 * form ("„Vorschriften über die Beförderung“ (BV)"), no translation */
	size_t initials = 0;
	for (size_t j = 0; j < sf->n_req; j++)
		for (size_t k = 0; k < nw; k++)
			if (!ab_is_function_word(text + w[k].start, w[k].end - w[k].start) &&
			    dc_fold(dc_cp(text, w[k].end, w[k].start, &n)) == sf->req[j]) {
				initials++;
				break;
			}
	if (initials == sf->n_req)
		return 0;
	/* glossed again: "(DEF) (program)" */
	size_t a = dc_skip_space(text, len, close + 1);
	if (a < len && text[a] == '(')
		return 0;
	size_t title;
	if (title_line(text, len, open, close, &title))
		return 0;
	/* the name opens its phrase: a line's start, an article or preposition,
	 * or a noun ("die Erlaubnis „…“") before it */
	if (!ab_first_on_line(text, quote)) {
		size_t pe = ab_skip_space_back(text, quote), ps = ab_token_start(text, pe);
		if (ps >= pe)
			return 0;
		int32_t pc = dc_cp(text, pe, ps, &n);
		if (!dc_is_upper(pc) && !ab_is_function_word(text + ps, pe - ps))
			return 0;
	}
	lf->start = b;
	lf->end = q;
	return 1;
}

/* A line that holds only a title and its abbreviation, the abbreviation
 * built from parts of the title's words in any order ("Organisationserlass
 * der Bundeskanzlerin (BKOrgErl 2009)"): the short form has two or more
 * parts of several letters (Org, Erl), each part is found at a word, part
 * or compound-part start (parts of three letters anywhere in a word), each
 * capital alone at such a start, and half of them at word starts. */
static int title_line_before(const char *text, size_t len, size_t open, size_t close,
                             struct dc_span s, struct dc_span *lf)
{
	if (!line_end_after(text, len, close))
		return 0;
	size_t ls = ab_line_start(text, open);
	while (ls < open && (text[ls] == '#' || text[ls] == ' ' || text[ls] == '\t'))
		ls++;
	size_t te = ab_skip_space_back(text, open);
	if (ls >= te || text[ls] < 'A' || text[ls] > 'Z')
		return 0;
	for (size_t k = ls; k < te; k++)
		if (text[k] == '(' || text[k] == ')' || text[k] == ':' || text[k] == ';')
			return 0;
	/* the short form's parts, without a year */
	size_t se = s.end - ab_year_tail(text, s);
	char chunk[MAX_SHORT][MAX_SHORT + 1];
	size_t n_chunks = 0, long_chunks = 0;
	memset(chunk, 0, sizeof chunk);
	for (size_t i = s.start; i < se;) {
		size_t n;
		int32_t c = dc_cp(text, se, i, &n);
		char f = dc_fold(c);
		if (!f || !dc_is_letter(c))
			return 0;
		if (dc_is_upper(c) || i == s.start) {
			if (n_chunks == MAX_SHORT)
				return 0;
			n_chunks++;
		}
		size_t l = strlen(chunk[n_chunks - 1]);
		if (l < MAX_SHORT)
			chunk[n_chunks - 1][l] = f;
		i += n;
	}
	for (size_t k = 0; k < n_chunks; k++)
		long_chunks += strlen(chunk[k]) >= 2;
	if (long_chunks < 2)
		return 0;
	struct word w[MAX_WORDS];
	size_t nw = ab_words_after(text, te, ls, w, MAX_WORDS);
	if (nw < 3 || w[nw - 1].end != te)
		return 0;
	static __thread struct lchars lc;
	ab_layout(text, w, nw, &lc);
	size_t starts = 0;
	for (size_t k = 0; k < n_chunks; k++) {
		size_t cl = strlen(chunk[k]), p;
		for (p = 0; p < lc.n; p++) {
			if (lc.matched[p] || !(lc.is_part[p] || ab_compound_start(&lc, p) || cl >= 3))
				continue;
			size_t j = 0;
			while (j < cl && p + j < lc.n && !lc.matched[p + j] && lc.c[p + j] == chunk[k][j] &&
			       lc.word[p + j] == lc.word[p] && (j == 0 || !lc.is_part[p + j]))
				j++;
			if (j == cl)
				break;
		}
		if (p == lc.n)
			return 0;
		for (size_t j = 0; j < cl; j++)
			lc.matched[p + j] = 1;
		starts += lc.is_start[p];
	}
	if (starts * 2 < n_chunks)
		return 0;
	lf->start = ls;
	lf->end = te;
	return 1;
}

/* A unit's name on a line of its own, its short form the parent body's and
 * the unit's initial ("Radiocommunication Sector (ITU-R)", "Secteur des
 * radiocommunications (UIT-R)", MarkenG§8Bek97 Anlage 2): the parent's short
 * form was defined in parentheses shortly before, and the part after the
 * hyphen is spelled by word starts of the line. */
static int unit_line_before(const char *text, size_t len, size_t open, size_t close,
                            struct dc_span s, const struct sf *sf, struct dc_span *lf)
{
	size_t pl = strlen(sf->parts[0]), ul = strlen(sf->parts[1]);
	if (sf->spoken || sf->n_parts != 2 || pl < 2 || ul < 1 || ul > 2 || s.start + pl >= s.end)
		return 0;
	for (size_t k = s.start; k < s.start + pl; k++)
		if (text[k] < 'A' || text[k] > 'Z')
			return 0;
	if (!line_end_after(text, len, close))
		return 0;
	size_t ls = ab_line_start(text, open);
	ls = dc_skip_space(text, open, ls);
	size_t te = ab_skip_space_back(text, open);
	if (ls >= te || !ab_first_on_line(text, ls) || text[ls] < 'A' || text[ls] > 'Z')
		return 0;
	for (size_t k = ls; k < te; k++)
		if (strchr("():;,.", text[k]))
			return 0;
	struct word w[MAX_WORDS];
	size_t nw = ab_words_after(text, te, ls, w, MAX_WORDS);
	if (nw < 2 || nw > 8 || w[nw - 1].end != te)
		return 0;
	size_t j = 0, n;
	for (size_t k = 0; k < nw && j < ul; k++)
		if (dc_fold(dc_cp(text, w[k].end, w[k].start, &n)) == sf->parts[1][j])
			j++;
	if (j < ul)
		return 0;
	/* "(ITU)" shortly before */
	size_t from = ls > 4000 ? ls - 4000 : 0;
	for (size_t k = from; k + pl + 2 <= ls; k++)
		if (text[k] == '(' && text[k + pl + 1] == ')' && !memcmp(text + k + 1, text + s.start, pl)) {
			lf->start = ls;
			lf->end = te;
			return 1;
		}
	return 0;
}

/* Whether the parenthesis open..close ends the document's title line: a
 * "# " heading, or the text's first line with a blank line after it (a
 * Markdown reader blanks the "#"); *title: where the title starts. */
static int title_line(const char *text, size_t len, size_t open, size_t close, size_t *title)
{
	size_t after = line_end_after(text, len, close);
	if (!after)
		return 0;
	size_t ls = ab_line_start(text, open);
	size_t start = dc_skip_space(text, open, 0);
	if (open - ls >= 3 && text[ls] == '#' && text[ls + 1] == ' ') {
		*title = dc_skip_space(text, open, ls + 1);
		return 1;
	}
	if (start < ls || start >= open)
		return 0;
	/* the first line: a blank line follows */
	size_t j = after < len ? after + 1 : len;
	while (j < len && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r'))
		j++;
	if (j >= len || text[j] != '\n')
		return 0;
	*title = start;
	return 1;
}

/* A document's title: a top-level Markdown heading "# Title (SHORT)", or the
 * text's first line so followed by a blank line (a Markdown reader blanks the
 * "#"), and nothing after the parenthesis. German laws and ordinances open so,
 * and their official abbreviation may take letters from outside the title
 * ("Gesetz zum Schutz vor gefährlichen Stoffen (ChemG)"), reorder them
 * ("Verordnung über die bauliche Nutzung der Grundstücke (BauNVO)") or run
 * take a number ("ÄApprOÄndV 4"); the whole heading before the parenthesis
 * is the long form. The short form: up to three tokens in 32 bytes, the first
 * of at most 10 characters, a capital with another capital in it. The title:
 * three words or more, with the short form's first letter at a word or part
 * start, or led by "Gesetz" ("Verordnung") for a short form ending in G (V).
 * "# Leistung (MW)" is no pair. */
static int heading_title(const char *text, size_t len, size_t open, size_t close,
                         struct dc_span in, struct dc_span *lf)
{
	size_t n, ls;
	if (!title_line(text, len, open, close, &ls))
		return 0;
	/* the short form */
	if (in.end - in.start > 32 || !dc_is_upper(dc_cp(text, in.end, in.start, &n)))
		return 0;
	size_t tokens = 1, caps = 0, chars = 0, digits = 0;
	char first = dc_fold(dc_cp(text, in.end, in.start, &n)), last = 0;
	int last_upper = 0;
	for (size_t i = in.start; i < in.end; i += n) {
		int32_t c = dc_cp(text, in.end, i, &n);
		if (c == ' ') {
			if (++tokens > 3 || text[i + 1] == ' ')
				return 0;
			continue;
		}
		if (tokens == 1 && ++chars > MAX_SHORT)
			return 0;
		if (tokens == 1)
			digits += dc_is_digit(c);
		if (dc_is_letter(c)) {
			if (tokens == 1) {
				caps += dc_is_upper(c);
				last = dc_fold(c);
				last_upper = dc_is_upper(c);
			}
		} else if (!dc_is_digit(c) && !dc_is_dash(c) && c != '/' && c != '.') {
			return 0;
		}
	}
	if (caps < 2 || !first || digits > chars - digits)
		return 0; /* "GII090932" is a code, no abbreviation */
	size_t te = ab_skip_space_back(text, open);
	if (ls >= te || !dc_is_upper(dc_cp(text, te, ls, &n)))
		return 0;
	size_t spaces = 0;
	for (size_t k = ls; k < te; k++)
		spaces += text[k] == ' ';
	struct word w[MAX_WORDS];
	size_t nw = ab_words_after(text, te, ls, w, MAX_WORDS);
	if (spaces < 2 || nw == 0)
		return 0;
	int lead = 0;
	if (last_upper && (last == 'g' || last == 'v'))
		lead = ab_word_is(text, te, ls, last == 'g' ? "Gesetz" : "Verordnung");
	static __thread struct lchars lc;
	ab_layout(text, w, nw, &lc);
	int initial = 0;
	for (size_t i = 0; i < lc.n && !initial; i++)
		initial = lc.c[i] == first && (lc.is_part[i] || ab_compound_start(&lc, i));
	if (!lead && !initial)
		return 0;
	lf->start = ls;
	lf->end = te;
	return 1;
}

/* ---- codes in a list: "reinen Wohngebieten (WR)", "Bayern (BY), Berlin (BE)" ---- */

struct code_item {
	size_t np, open, close; /* the noun phrase's start, the parentheses */
};

/* Whether the parenthesis at `open` holds a code of 2 to 4 capitals (A-Z)
 * after a noun phrase of up to three lower-case adjectives and a noun that
 * stands alone ("in Kleinsiedlungsgebieten (WS)", "urbanen Gebieten (MU)",
 * "Bayern (BY),"): after a line start, a list mark, a comma or semicolon or
 * a function word; the code is followed by a line end, a comma, semicolon or
 * full stop, or "und"/"oder"/"sowie" - not "Nr." or a number as after
 * "Verordnung (EU)". */
static int code_item(const char *text, size_t len, size_t open, struct code_item *it)
{
	size_t c = open + 1;
	while (c < len && text[c] >= 'A' && text[c] <= 'Z')
		c++;
	if (c - open - 1 < 2 || c - open - 1 > 4 || c >= len || text[c] != ')')
		return 0;
	it->open = open;
	it->close = c;
	size_t a = c + 1;
	while (a < len && (text[a] == ' ' || text[a] == '\t' || text[a] == '\r'))
		a++;
	if (!(a >= len || text[a] == '\n' || text[a] == ',' || text[a] == ';' ||
	      (text[a] == '.' && !(a + 1 < len && text[a + 1] >= '0' && text[a + 1] <= '9')) ||
	      ab_word_is(text, len, a, "und") || ab_word_is(text, len, a, "oder") ||
	      ab_word_is(text, len, a, "sowie")))
		return 0;
	/* the noun, then adjectives, on the same line */
	size_t e = open, n;
	while (e > 0 && (text[e - 1] == ' ' || text[e - 1] == '\t'))
		e--;
	size_t ws = ab_token_start(text, e);
	if (ws == e || e - ws < 3 || !dc_is_upper(dc_cp(text, e, ws, &n)) ||
	    ab_is_function_word(text + ws, e - ws))
		return 0;
	size_t lower = 0;
	for (size_t k = ws; k < e; k += n) {
		int32_t ch = dc_cp(text, e, k, &n);
		if (!dc_is_letter(ch) && !dc_is_dash(ch))
			return 0;
		lower += dc_is_letter(ch) && !dc_is_upper(ch);
	}
	if (lower < 2)
		return 0;
	size_t np = ws;
	for (int k = 0; k < 4; k++) {
		size_t b = np;
		while (b > 0 && (text[b - 1] == ' ' || text[b - 1] == '\t'))
			b--;
		size_t ps = ab_token_start(text, b);
		if (ps == b || b == np) {
			np = b == np ? np : np;
			break;
		}
		int adjective = k < 3 && !dc_is_upper(dc_cp(text, b, ps, &n)) &&
		                !ab_is_function_word(text + ps, b - ps) && ab_adjective_like(text + ps, b - ps);
		for (size_t q = ps; adjective && q < b; q += n)
			adjective = dc_is_letter(dc_cp(text, b, q, &n));
		if (adjective) {
			np = ps;
			continue;
		}
		/* what stands before the phrase */
		if (!ab_is_function_word(text + ps, b - ps))
			return 0;
		break;
	}
	/* or punctuation and list marks */
	size_t b = np;
	while (b > 0 && (text[b - 1] == ' ' || text[b - 1] == '\t'))
		b--;
	if (b > 0 && b == np) {
		/* no blank before: the phrase starts the text */
	} else if (b > 0 && !strchr("\n,;*|-#", text[b - 1]) && !(b > 0 && dc_is_letter(text[b - 1]))) {
		if (!ab_first_on_line(text, b))
			return 0;
	}
	it->np = np;
	return 1;
}

/* Whether text[a, b) may stand between two items of a list: blanks, list and
 * table marks, numbers, function words and at most two other words (a cell
 * of the table without a code), no parenthesis, no sentence's end. */
static int code_gap(const char *text, size_t a, size_t b)
{
	if (b < a || b - a > 200)
		return 0;
	size_t words = 0;
	for (size_t i = a; i < b;) {
		size_t n;
		int32_t c = dc_cp(text, b, i, &n);
		if (dc_is_letter(c)) {
			size_t e = ab_token_end(text, b, i);
			if (!ab_is_function_word(text + i, e - i) && ++words > 2)
				return 0;
			i = e > i ? e : i + n;
			continue;
		}
		if (c == '.' && !(i > a && text[i - 1] >= '0' && text[i - 1] <= '9'))
			return 0;
		if (!(dc_is_space(c) || dc_is_digit(c) || dc_is_dash(c) || strchr(",;.*|#+:/", (int)c)))
			return 0;
		i += n;
	}
	return 1;
}

/* The items of the list around the one at `open`; returns their count (0
 * if `open` is none). */
static size_t code_run(const char *text, size_t len, size_t open, struct code_item *items,
                       size_t max)
{
	struct code_item it;
	if (!code_item(text, len, open, &it))
		return 0;
	size_t n = 0;
	/* back to the first item */
	struct code_item back[16];
	size_t nb = 0;
	struct code_item cur = it;
	while (nb < 16) {
		size_t j = cur.np, k = 0;
		while (j > 0 && k < 200 && text[j - 1] != ')') {
			j--;
			k++;
		}
		if (j == 0 || text[j - 1] != ')')
			break;
		size_t o = j - 1;
		while (o > 0 && j - o < 7 && text[o] != '(')
			o--;
		struct code_item prev;
		if (text[o] != '(' || !code_item(text, len, o, &prev) || prev.close != j - 1 ||
		    !code_gap(text, prev.close + 1, cur.np))
			break;
		back[nb++] = prev;
		cur = prev;
	}
	while (nb > 0 && n < max)
		items[n++] = back[--nb];
	if (n < max)
		items[n++] = it;
	cur = it;
	while (n < max) {
		size_t j = cur.close + 1, k = 0;
		while (j < len && k < 260 && text[j] != '(' && text[j] != ')') {
			j++;
			k++;
		}
		struct code_item next;
		if (j >= len || text[j] != '(' || !code_item(text, len, j, &next) ||
		    !code_gap(text, cur.close + 1, next.np))
			break;
		items[n++] = next;
		cur = next;
	}
	return n;
}

/* A code in a list whose codes are in part explained by their letters
 * ("Mischgebieten (MI)", "Gewerbegebieten (GE)") and in part not
 * ("Dorfgebieten (MD)", "reinen Wohngebieten (WR)"; BauNVO § 17): three
 * items or more, all codes different, two or more and at least a quarter of
 * them with their letters in order in their noun phrase. The long form is the noun phrase
 * before the parenthesis, or the longer long form of the letters. */
static int code_in_list(const char *text, size_t len, size_t open, struct dc_span *sf_span,
                        struct dc_span *lf)
{
	enum { MAX_ITEMS = 40 };
	struct code_item items[MAX_ITEMS];
	size_t n = code_run(text, len, open, items, MAX_ITEMS);
	if (n < 3)
		return 0;
	size_t explained = 0, self = n;
	for (size_t k = 0; k < n; k++) {
		size_t cl = items[k].close - items[k].open - 1;
		for (size_t j = 0; j < k; j++)
			if (items[j].close - items[j].open - 1 == cl &&
			    !memcmp(text + items[j].open + 1, text + items[k].open + 1, cl))
				return 0;
		if (items[k].open == open)
			self = k;
		/* the code's letters in order in its noun phrase, the first at a
		 * word start ("Mischgebieten (MI)", though MI reads as a numeral) */
		struct sf sf;
		struct dc_span s = { items[k].open + 1, items[k].close };
		struct word w[8];
		size_t nw = ab_words_after(text, ab_skip_space_back(text, items[k].open), items[k].np, w, 8);
		if (nw && ab_short_form(text, s, &sf)) {
			static __thread struct lchars lc;
			ab_layout(text, w, nw, &lc);
			size_t pos = lc.n;
			explained += ab_match_back(&sf, 0, sf.n_req, &lc, &pos, 0);
		}
	}
	if (self == n || explained < 2 || explained * 4 < n)
		return 0;
	sf_span->start = open + 1;
	sf_span->end = items[self].close;
	struct sf sf;
	struct dc_span l;
	if (ab_short_form(text, *sf_span, &sf) && ab_long_before(text, long_end(text, open), &sf, &l) &&
	    l.start < items[self].np) {
		*lf = l;
		return 1;
	}
	lf->start = items[self].np;
	lf->end = ab_skip_space_back(text, open);
	return 1;
}

/* A treaty under its foreign name: "Europäischen Übereinkommen vom 26. Mai
 * 2000 über die internationale Beförderung von gefährlichen Gütern auf
 * Binnenwasserstraßen (ADN)" (Accord européen ...), "Übereinkommens über den
 * internationalen Eisenbahnverkehr (COTIF)"; also a committee, "Europäischen
 * Ausschuss für die Ausarbeitung von Standards im Bereich der
 * Binnenschifffahrt (CESNI)" (Comité). The short form is 3 to 6 capitals
 * starting with the A or C of the noun's translation (Accord, Agreement,
 * Convention; Comité, Committee: only C), not ending in G or V (a law about
 * the treaty: "(CSCG)"); the long form runs from the nearest "Übereinkommen"
 * or "Abkommen" (with a capitalised adjective before it) to the parenthesis,
 * a date or "von 1974" then "über", "zur" or "zum", without a comma or other
 * boundary in between (a full stop only after a digit). */
static int treaty_before(const char *text, size_t open, const struct sf *sf, struct dc_span *lf)
{
	if (sf->is_stopword || sf->n_req < 3 || sf->n_req > 6 || sf->n_req != sf->n_chars ||
	    sf->n_parts != 1 || (sf->req[0] != 'a' && sf->req[0] != 'c') || sf->last == 'g' ||
	    sf->last == 'v')
		return 0;
	size_t end = long_end(text, open), i = end, noun = 0;
	int found = 0;
	/* the last two: a committee (Comité, Committee), its letter C, then "für" */
	static const char *const nouns[] = { "\xc3\x9c" "bereinkommen", "\xc3\x9c" "bereinkommens",
	                                     "Abkommen", "Abkommens", "Ausschuss", "Ausschusses", NULL };
	int committee = 0;
	while (i > 0 && end - i < 400) {
		size_t p = dc_prev(text, i), n;
		int32_t c = dc_cp(text, end, p, &n);
		if (c == '.' && p > 0 && text[p - 1] >= '0' && text[p - 1] <= '9') {
			i = p;
			continue;
		}
		if (ab_is_boundary(c) || (dc_is_dash(c) && (p == 0 || text[p - 1] == ' ')))
			break;
		if (c == '\n' && p > 0 && text[p - 1] == '\n')
			break;
		i = p;
		if (p == 0 || !dc_is_letter(dc_cp(text, end, dc_prev(text, p), &n)))
			for (size_t k = 0; nouns[k]; k++)
				if (ab_word_is(text, end, p, nouns[k])) {
					noun = p;
					found = 1;
					committee = k >= 4;
				}
		if (found)
			break;
	}
	if (!found)
		return 0;
	size_t after = dc_skip_space(text, end, ab_token_end(text, end, noun));
	if (committee && (sf->req[0] != 'c' || !ab_word_is(text, end, after, "f\xc3\xbcr")))
		return 0;
	/* what follows the noun: "vom 26. Mai 2000 über", "von 1974 zum", "über" */
	size_t j = dc_skip_space(text, end, ab_token_end(text, end, noun));
	if (ab_word_is(text, end, j, "vom") || ab_word_is(text, end, j, "von")) {
		/* a date or year: "26. Mai 2000", "1974", "1973/78" */
		j = dc_skip_space(text, end, j + 3);
		for (int k = 0; k < 3 && j < end; k++) {
			size_t te = ab_token_end(text, end, j);
			if (te == j || !((text[j] >= '0' && text[j] <= '9') || (k == 1 && dc_is_upper(text[j]))))
				break;
			while (te < end && (text[te] == '.' || text[te] == '/' ||
			                    (text[te] >= '0' && text[te] <= '9')))
				te++;
			j = dc_skip_space(text, end, te);
		}
	}
	if (!committee && !(ab_word_is(text, end, j, "\xc3\xbc" "ber") ||
	                    ab_word_is(text, end, j, "zur") || ab_word_is(text, end, j, "zum")))
		return 0;
	size_t words = 0;
	for (size_t k = noun; k < end; k++)
		words += text[k] == ' ' || text[k] == '\n';
	if (words > MAX_WORDS)
		return 0;
	lf->start = noun;
	lf->end = end;
	/* "Europäischen Übereinkommen", "Internationales Übereinkommen" */
	size_t b = ab_skip_space_back(text, noun);
	if (b < noun && b > 0) {
		size_t ts = ab_token_start(text, b), n;
		if (ts < b && dc_is_upper(dc_cp(text, b, ts, &n)) && ab_adjective_like(text + ts, b - ts) &&
		    !ab_is_function_word(text + ts, b - ts))
			lf->start = ts;
	}
	return 1;
}

/* An English name is capitalised word by word: its long form takes the
 * capitalised words right before the match ("Russian Maritime Register of
 * Shipping (RS)", not "Register of Shipping"). Only for a long form with an
 * English function word; up to three words of ASCII letters in title case,
 * no German function word, nothing between them but spaces. */
static void foreign_start(const char *text, struct dc_span *lf)
{
	static const char *const en[] = { "of", "for", "and", "the", "on", NULL };
	int english = 0;
	for (size_t i = lf->start; i < lf->end && !english; i++)
		if (i > lf->start && text[i - 1] == ' ')
			for (size_t k = 0; en[k] && !english; k++)
				english = ab_word_is(text, lf->end, i, en[k]);
	if (!english)
		return;
	for (int k = 0; k < 3; k++) {
		size_t b = ab_skip_space_back(text, lf->start);
		if (b == lf->start || b == 0)
			return;
		size_t ts = ab_token_start(text, b);
		if (ts + 2 > b || !(text[ts] >= 'A' && text[ts] <= 'Z'))
			return;
		for (size_t j = ts + 1; j < b; j++)
			if (!(text[j] >= 'a' && text[j] <= 'z'))
				return;
		if (ab_is_function_word(text + ts, b - ts))
			return;
		lf->start = ts;
	}
}

/* The head of a definition: "14. MEMU (Mobile Einheit zur Herstellung von
 * explosiven Stoffen oder Gegenständen mit Explosivstoff) ist die ...",
 * "16. OTIF (Organisation Intergouvernementale pour les transports
 * internationaux ferroviaires) ist die ..." (GGVSEB § 2): the short form
 * opens its line, the name in parentheses is what the entry defines, and a
 * copula follows. The name may translate a foreign short form, so only its
 * first letter is matched, and it has two words or more. */
static int defined_entry(const char *text, size_t len, size_t short_start, size_t in,
                         size_t in_end, size_t close, const struct sf *sf)
{
	size_t n;
	if (sf->spoken || sf->is_stopword || sf->is_roman || !ab_first_on_line(text, short_start))
		return 0;
	int32_t c = dc_cp(text, in_end, in, &n);
	if (!dc_is_upper(c) || dc_fold(c) != sf->req[0])
		return 0;
	struct word w[MAX_WORDS];
	size_t nw = ab_words_after(text, in_end, in, w, MAX_WORDS);
	if (nw < 2 || w[nw - 1].end != in_end)
		return 0;
	size_t a = dc_skip_space(text, len, close + 1);
	static const char *const copulas[] = { "ist", "sind", "bezeichnet", "bedeutet", NULL };
	for (size_t k = 0; copulas[k]; k++)
		if (ab_word_is(text, len, a, copulas[k]))
			return 1;
	return 0;
}

/* The noun before `open` with up to three lower-case adjectives before it
 * ("elektronische Peillinie", "variabler Entfernungsmessring"): the name a
 * parenthesis glosses. What stands before it must end a phrase: a
 * punctuation mark, a line's start, "wie", "und", "oder", or a determiner
 * after a local preposition ("in seinem Luftfahrthandbuch") - not "für die"
 * of a longer name ("Indikator für die durchschnittliche Exposition"). */
static int noun_phrase_before(const char *text, size_t open, struct dc_span sf_text,
                              struct dc_span *np)
{
	static const char *const joins[] = { "wie", "und", "oder", "sowie", "bzw", NULL };
	static const char *const dets[] = { "der", "die", "das", "dem", "den", "des", "ein", "eine",
		"einem", "einer", "seinem", "seiner", "seine", "ihrem", "ihrer", "ihre", NULL };
	static const char *const preps[] = { "in", "im", "mit", "auf", "bei", "aus", "durch", NULL };
	size_t e = ab_skip_space_back(text, open), n;
	size_t ts = ab_token_start(text, e);
	if (ts >= e || !dc_is_upper(dc_cp(text, e, ts, &n)) || ab_is_function_word(text + ts, e - ts))
		return 0;
	struct sf other;
	if (ab_short_form(text, (struct dc_span){ ts, e }, &other))
		return 0;
	/* "ATC-Freigabe (ATC – ...)": a compound of the short form */
	size_t sl = sf_text.end - sf_text.start;
	for (size_t k = ts; k + sl <= e; k++)
		if (!memcmp(text + k, text + sf_text.start, sl))
			return 0;
	np->start = ts;
	np->end = e;
	for (;;) {
		size_t b = ab_skip_space_back(text, np->start), as = ab_token_start(text, b);
		if (b == np->start || as >= b || dc_is_upper(dc_cp(text, b, as, &n)) || b - as < 5 ||
		    ab_word_in(text + as, b - as, dets) || ab_is_function_word(text + as, b - as) ||
		    !ab_adjective_like(text + as, b - as))
			break;
		np->start = as;
	}
	size_t b = ab_skip_space_back(text, np->start), as = ab_token_start(text, b);
	if (b == 0 || as >= b)
		return 1; /* the text's start, a punctuation or list mark */
	if (ab_word_in(text + as, b - as, joins))
		return 1;
	if (ab_word_in(text + as, b - as, dets)) {
		size_t pb = ab_skip_space_back(text, as), ps = ab_token_start(text, pb);
		return ps < pb && ab_word_in(text + ps, pb - ps, preps);
	}
	return 0;
}

/* "VO" leading a short form is the word "Verordnung" leading its long form,
 * the other letters spelled after it: "Verordnung vom 21. Juli 1988 über die
 * Gewährleistung des sicheren Transports gefährlicher Güter (VOTG)"
 * (EinigVtr Anlage II). */
static int vo_before(const char *text, size_t end, struct dc_span s, const struct sf *sf,
                     struct dc_span *lf)
{
	if (sf->spoken || sf->n_req < 4 || s.end - s.start < 4 || memcmp(text + s.start, "VO", 2) ||
	    !(text[s.start + 2] >= 'A' && text[s.start + 2] <= 'Z'))
		return 0;
	struct sf rest = *sf;
	memmove(rest.req, rest.req + 2, rest.n_req - 1);
	rest.n_req -= 2;
	rest.n_chars -= 2;
	rest.n_parts = 1;
	rest.has_word_part = 0;
	if (!ab_long_before(text, end, &rest, lf))
		return 0;
	struct word rev[12];
	size_t nw = ab_words_before(text, lf->start, rev, 12);
	for (size_t k = 0; k < nw; k++)
		if (ab_word_is(text, rev[k].end, rev[k].start, "Verordnung")) {
			lf->start = rev[k].start;
			return 1;
		}
	return 0;
}

/* A quoted title with its short form inside the quotes: „Lufttüchtigkeits-
 * forderungen für Luftschiffe der Kategorie Normal und Zubringer (LFLS)“
 * (LuftGerPV). The quotes give the extent, so words after the last spelled
 * one (a category, an edition) belong to the title; every letter must be
 * spelled in order, the first at the title's start. */
static int quoted_title_before(const char *text, size_t len, size_t open, size_t close,
                               const struct sf *sf, struct dc_span *lf)
{
	size_t n;
	if (sf->spoken || sf->is_stopword || sf->is_roman || close + 1 >= len ||
	    !is_close_quote(dc_cp(text, len, close + 1, &n)))
		return 0;
	size_t e = ab_skip_space_back(text, open), b = e;
	while (b > 0 && e - b < 300) {
		size_t p = dc_prev(text, b);
		int32_t c = dc_cp(text, b, p, &n);
		if (is_open_quote(c))
			break;
		if (is_close_quote(c) || c == '(' || c == ')' || c == '.' || c == ';' || c == ':')
			return 0;
		b = p;
	}
	if (b == 0 || e - b >= 300)
		return 0;
	b = dc_skip_space(text, e, b);
	struct word w[MAX_WORDS];
	size_t nw = ab_words_after(text, e, b, w, MAX_WORDS);
	if (nw < 2 || w[nw - 1].end != e || w[0].start != b)
		return 0;
	static __thread struct lchars lc;
	ab_layout(text, w, nw, &lc);
	size_t pos = lc.n;
	if (!ab_match_back(sf, 0, sf->n_req, &lc, &pos, 0) || lc.word[pos] != 0 || lc.at[pos] != b)
		return 0;
	lf->start = b;
	lf->end = e;
	return 1;
}

/* Quotes delimit a name: a long form that ends at a closing quote starts
 * at its opening one ("die Befugnis „Nutzung von Radar zur
 * Luftverkehrskontrolle“ (RAD-S)", not "Radar zur ..."). */
static void quote_start(const char *text, size_t open, struct dc_span *lf)
{
	size_t b, q, quote;
	if (quoted_before(text, open, &b, &q, &quote) && ab_skip_space_back(text, q) == lf->end &&
	    lf->start > b)
		lf->start = dc_skip_space(text, q, b);
}

/* At '(' i: "long (short)", "long (kurz: short)", "long (im Folgenden „short“
 * genannt)" or "short (long)", "„short“ (long)". */
static int at_paren(const char *text, size_t len, size_t i, dc_abbrev_fn fn, void *ctx)
{
	size_t close = i + 1;
	while (close < len && close - i < 200 && text[close] != ')' && text[close] != '(')
		close++;
	if (close >= len || text[close] != ')')
		return 0;
	size_t in = dc_skip_space(text, len, i + 1);
	size_t in_end = ab_skip_space_back(text, close);
	if (in >= in_end)
		return 0;
	struct sf sf;
	const char *pattern = "long (short)";
	/* "(kurz: FITKO)", "(im Folgenden: OZG)", "(nachfolgend „BSI“)" */
	static const char *const cues[] = { "kurz", "Kurz", "abgek\xc3\xbcrzt", "im Folgenden",
	                                    "nachfolgend", "Nachfolgend", "fortan", NULL };
	for (size_t k = 0; cues[k]; k++)
		if (ab_word_is(text, len, in, cues[k])) {
			in += strlen(cues[k]);
			if (in < in_end && text[in] == ':')
				in++;
			in = dc_skip_space(text, len, in);
			if (in >= in_end)
				return 0; /* "(kurz\r)": nothing after the cue */
			pattern = "kurz";
			/* "(im Folgenden „HS“ genannt)" */
			static const char *const verbs[] = { " genannt", " bezeichnet", NULL };
			for (size_t v = 0; verbs[v]; v++) {
				size_t n = strlen(verbs[v]);
				if (in_end - in > n && !memcmp(text + in_end - n, verbs[v], n)) {
					in_end = ab_skip_space_back(text, in_end - n);
					break;
				}
			}
			break;
		}
	/* "(Onlinezugangsgesetz – OZG)", "(BSI-Gesetz - BSIG)": a law's short title
	 * and its abbreviation; the abbreviation stands for the title before */
	if (pattern[0] == 'l') {
		size_t d = in_end;
		while (d > in) {
			size_t pd = dc_prev(text, d), dn;
			if (dc_is_dash(dc_cp(text, in_end, pd, &dn)) && pd > in && text[pd - 1] == ' ' &&
			    d < in_end && text[d] == ' ')
				break;
			d = pd;
		}
		if (d > in) {
			size_t dash = dc_prev(text, d);
			struct dc_span s = { dc_skip_space(text, in_end, d), in_end };
			struct dc_span lf;
			if (s.start < s.end && ab_short_at(text, in_end, s.start).end == in_end &&
			    ab_short_form(text, s, &sf)) {
				/* the name beside it first ("(Strahlenschutzverordnung –
				 * StrlSchV)"), unless it holds a short form itself
				 * ("BSI-Gesetz"): then the title before */
				size_t name_end = ab_skip_space_back(text, dash);
				int acronym = 0;
				for (size_t k = in; k + 1 < name_end && !acronym; k++)
					acronym = text[k] >= 'A' && text[k] <= 'Z' && text[k + 1] >= 'A' &&
					          text[k + 1] <= 'Z';
				if ((!acronym && ab_long_after(text, name_end, in, &sf, 1, &lf) &&
				     lf.end == name_end) ||
				    ab_long_before(text, long_end(text, i), &sf, &lf) ||
				    law_title_before(text, long_end(text, i), &sf, &lf) ||
				    (ab_long_after(text, name_end, in, &sf, 1, &lf) && lf.end == name_end))
					return emit(text, fn, ctx, s, lf, "long (name \xe2\x80\x93 short)");
				return 0;
			}
		}
	}
	/* "Vorauslinie (HL – Heading Line)": the gloss spells the short form,
	 * the name before it translates it (BinSchPersV Anlage 13) */
	if (pattern[0] == 'l') {
		struct dc_span s0 = ab_short_at(text, in_end, in), gloss, np;
		if (s0.end < in_end && ab_short_form(text, s0, &sf) && !sf.spoken &&
		    dash_long(text, in_end, s0, &sf, &gloss) && gloss.end == in_end &&
		    noun_phrase_before(text, i, s0, &np))
			return emit(text, fn, ctx, s0, np, "name (short \xe2\x80\x93 long)");
	}
	/* quotes around the short form (or around a long form after a short one) */
	size_t qn = 0;
	int quoted = 0;
	int32_t q = in < in_end ? dc_cp(text, in_end, in, &qn) : 0;
	if (is_open_quote(q)) {
		size_t p = dc_prev(text, in_end), pn;
		int32_t e = dc_cp(text, in_end, p, &pn);
		if (p > in && is_close_quote(e)) {
			in += qn;
			in_end = p;
			quoted = 1;
		}
	}
	struct dc_span s = ab_short_at(text, in_end, in);
	struct dc_span lf;
	/* "(KoopA ADV)", "(TVA-H BBiG)": two tokens of two capitals or more each
	 * (not "SGB V") */
	if (s.end < in_end && text[s.end] == ' ' && s.end + 1 < in_end) {
		struct dc_span t2 = { s.end + 1, ab_token_end(text, in_end, s.end + 1) };
		size_t caps1 = 0, caps2 = 0, cn;
		for (size_t k = s.start; k < s.end; k += cn)
			caps1 += dc_is_upper(dc_cp(text, s.end, k, &cn));
		for (size_t k = t2.start; k < t2.end; k += cn)
			caps2 += dc_is_upper(dc_cp(text, t2.end, k, &cn));
		if (t2.end == in_end && caps1 >= 2 && caps2 >= 2 && dc_is_upper(text[t2.start]))
			s.end = in_end;
	}
	/* a document's title: before the other rules, which may take a shorter
	 * part of it */
	if (!quoted && pattern[0] == 'l') {
		struct dc_span whole = { in, in_end };
		if (heading_title(text, len, i, close, whole, &lf))
			return emit(text, fn, ctx, whole, lf, "title (short)");
	}
	if (!quoted && pattern[0] == 'l') {
		struct dc_span code;
		if (code_in_list(text, len, i, &code, &lf))
			return emit(text, fn, ctx, code, lf, "list of codes");
	}
	if (s.end == in_end && ab_short_or_spoken(text, s, quoted, &sf)) {
		if (ab_long_before(text, long_end(text, i), &sf, &lf)) {
			foreign_start(text, &lf);
			quote_start(text, i, &lf);
			return emit(text, fn, ctx, s, lf, pattern);
		}
		if (law_title_before(text, long_end(text, i), &sf, &lf))
			return emit(text, fn, ctx, s, lf, "law (short)");
		if (pattern[0] == 'l' && !quoted && vo_before(text, long_end(text, i), s, &sf, &lf))
			return emit(text, fn, ctx, s, lf, "VO long (short)");
		if (pattern[0] == 'l' && !quoted && quoted_title_before(text, len, i, close, &sf, &lf))
			return emit(text, fn, ctx, s, lf, "\xe2\x80\x9etitle (short)\xe2\x80\x9c");
		if (pattern[0] == 'l' && !quoted && suffix_letter_before(text, long_end(text, i), &sf, &lf))
			return emit(text, fn, ctx, s, lf, "long (short-Z)");
		if (pattern[0] == 'k' && cue_name_before(text, long_end(text, i), &sf, &lf))
			return emit(text, fn, ctx, s, lf, "name phrase (kurz)");
		if (!quoted && quoted_long_before(text, i, &sf, &lf))
			return emit(text, fn, ctx, s, lf, "\xe2\x80\x9elong\xe2\x80\x9c (short)");
		if (!quoted && pattern[0] == 'l' && translated_quote_before(text, len, i, close, s, &sf, &lf))
			return emit(text, fn, ctx, s, lf, "\xe2\x80\x9ename\xe2\x80\x9c (code)");
		if (!quoted && !sf.spoken && pattern[0] == 'l' && title_line_before(text, len, i, close, s, &lf))
			return emit(text, fn, ctx, s, lf, "title line (short)");
		if (!quoted && pattern[0] == 'l' && unit_line_before(text, len, i, close, s, &sf, &lf))
			return emit(text, fn, ctx, s, lf, "unit line (parent-unit)");
		/* "Deutsches Bergbau-Museum, Bochum (DBM)": a place after a comma */
		size_t e = long_end(text, i), ws = ab_token_start(text, e), pn;
		if (ws < e && dc_is_upper(dc_cp(text, e, ws, &pn))) {
			int letters = 1;
			for (size_t k = ws; k < e; k += pn)
				letters &= dc_is_letter(dc_cp(text, e, k, &pn));
			size_t c = ab_skip_space_back(text, ws);
			if (letters && c < ws && c > 0 && text[c - 1] == ',' &&
			    ab_long_before(text, long_end(text, c - 1), &sf, &lf))
				return emit(text, fn, ctx, s, lf, "long, place (short)");
		}
		/* "Erythropoetin human (EPO)": a lower-case qualifier after a name
		 * that gives every letter of the short form on its own, the name
		 * first on its line (an entry of a list of substances) */
		if (ws < e && !dc_is_upper(dc_cp(text, e, ws, &pn)) && !sf.is_stopword &&
		    !ab_is_function_word(text + ws, e - ws) && e - ws >= 3) {
			int letters = 1;
			for (size_t k = ws; k < e; k += pn)
				letters &= dc_is_letter(dc_cp(text, e, k, &pn)) && !dc_is_upper(dc_cp(text, e, k, &pn));
			size_t c = ab_skip_space_back(text, ws);
			if (letters && c < ws && c > 0 && dc_is_letter(dc_cp(text, c, dc_prev(text, c), &pn)) &&
			    ab_long_before(text, c, &sf, &lf) && lf.start == ab_token_start(text, c) &&
			    dc_is_upper(dc_cp(text, c, lf.start, &pn)) && ab_first_on_line(text, lf.start)) {
				/* a Greek letter is part of a substance's name ("Darbepoetin
				 * alfa", "Interferon beta"), "human" is not */
				static const char *const greek[] = { "alfa", "alpha", "beta", "gamma",
					"delta", "epsilon", "zeta", "theta", "kappa", "lambda", "omega", NULL };
				if (ab_word_in(text + ws, e - ws, greek))
					lf.end = e;
				return emit(text, fn, ctx, s, lf, "long qualifier (short)");
			}
		}
		if (pattern[0] == 'l' && !quoted && treaty_before(text, i, &sf, &lf))
			return emit(text, fn, ctx, s, lf, "treaty (short)");
		return 0;
	}
	/* "ENISA (Agentur der Europäischen Union für Cybersicherheit)",
	 * "„FITKO“ (Föderale IT-Kooperation)" */
	size_t before = ab_skip_space_back(text, i);
	if (before == i || before == 0)
		return 0; /* "X(" is no pattern of prose */
	int short_quoted = 0;
	size_t p = dc_prev(text, before), pn;
	if (is_close_quote(dc_cp(text, before, p, &pn))) {
		before = p;
		short_quoted = 1;
	}
	size_t ts = ab_token_start(text, before);
	if (short_quoted) {
		/* the opening quote right before the token */
		if (ts == 0 || ts == before)
			return 0;
		size_t o = dc_prev(text, ts), on;
		if (!is_open_quote(dc_cp(text, ts, o, &on)))
			return 0;
	}
	s.start = ts;
	s.end = before;
	if (ts < before && ab_short_or_spoken(text, s, short_quoted, &sf) && !sf.is_roman &&
	    in_end - in > s.end - s.start + 2) {
		struct dc_span inner = { in, in_end };
		if (ab_long_after(text, in_end, inner.start, &sf, 1, &lf) && lf.end == in_end)
			return emit(text, fn, ctx, s, lf, "short (long)");
		if (defined_entry(text, len, ts, in, in_end, close, &sf))
			return emit(text, fn, ctx, s, inner, "short (long) ist");
	}
	return 0;
}

/* At a short form followed by ", die/der/das/also ...". */
static int at_apposition(const char *text, size_t len, struct dc_span s, const struct sf *sf,
                         dc_abbrev_fn fn, void *ctx)
{
	size_t i = s.end;
	if (i >= len || text[i] != ',')
		return 0;
	i = dc_skip_space(text, len, i + 1);
	static const char *const cues[] = { "also", "d. h.", "das hei\xc3\x9ft", "die", "der",
	                                    "das", NULL };
	for (size_t k = 0; cues[k]; k++)
		if (ab_word_is(text, len, i, cues[k])) {
			struct dc_span lf;
			if (ab_long_after(text, len, i + strlen(cues[k]), sf, 0, &lf))
				return emit(text, fn, ctx, s, lf, "short, long");
			return 0;
		}
	return 0;
}

/* Whether a short form ends an apposition: punctuation or the end follows. */
static int apposition_ends(const char *text, size_t len, size_t i)
{
	size_t j = dc_skip_space(text, len, i), n;
	if (j >= len)
		return 1;
	int32_t c = dc_cp(text, len, j, &n);
	return c == ',' || c == ';' || c == '.' || c == ')' || c == ':' || c == '!' || c == '?' ||
	       (dc_is_dash(c) && j > i);
}

/* At a short form after ", die/der/das/des/dem/den": "die Föderale
 * IT-Kooperation, die FITKO, koordiniert". */
static int at_article(const char *text, size_t len, struct dc_span s, const struct sf *sf,
                      dc_abbrev_fn fn, void *ctx)
{
	if (sf->is_stopword || !apposition_ends(text, len, s.end))
		return 0;
	size_t b = ab_skip_space_back(text, s.start);
	if (b == s.start || b < 4)
		return 0;
	static const char *const articles[] = { "die", "der", "das", "des", "dem", "den", NULL };
	for (size_t k = 0; articles[k]; k++) {
		size_t a = b - 3;
		if (memcmp(text + a, articles[k], 3) || (a > 0 && dc_is_letter(text[a - 1])))
			continue;
		size_t c = ab_skip_space_back(text, a);
		if (c == a || c == 0 || text[c - 1] != ',')
			return 0;
		struct dc_span lf;
		if (ab_long_before(text, long_end(text, c - 1), sf, &lf))
			return emit(text, fn, ctx, s, lf, "long, short");
		return 0;
	}
	return 0;
}

/* At a quoted short form defined by "ist der/die/das" or "sind die" and its
 * long form, every letter at the start of a content word or part of it:
 * "„IMDG-Code“ ist der International Maritime Dangerous Goods Code, der"
 * (GGVSee § 2); not "„BCH-Code“ ist der Code für den Bau ..." (its first
 * word does not give the B). */
static int at_copula(const char *text, size_t len, struct dc_span s, const struct sf *sf,
                     dc_abbrev_fn fn, void *ctx)
{
	size_t n = 0;
	if (sf->is_stopword || s.end >= len)
		return 0;
	/* quoted, or the head of an entry of a definition list ("18. GGVSee ist
	 * die Gefahrgutverordnung See in der Fassung ...", GGVSEB § 2) */
	int quoted = s.start > 0 && is_open_quote(dc_cp(text, s.start, dc_prev(text, s.start), &n)) &&
	             is_close_quote(dc_cp(text, len, s.end, &n));
	if (!quoted) {
		n = 0;
		if (!ab_first_on_line(text, s.start) || s.start == 0 || text[s.start - 1] != ' ')
			return 0;
	}
	size_t i = dc_skip_space(text, len, s.end + n);
	static const char *const cues[] = { "ist der", "ist die", "ist das", "sind die", NULL };
	for (size_t k = 0; cues[k]; k++) {
		size_t m = strlen(cues[k]);
		if (i + m < len && !memcmp(text + i, cues[k], m) && text[i + m] == ' ') {
			struct dc_span lf;
			if (ab_long_after(text, len, i + m, sf, quoted ? STRICT : 0, &lf))
				return emit(text, fn, ctx, s, lf,
				            quoted ? "\xe2\x80\x9eshort\xe2\x80\x9c ist long" : "short ist long");
			return 0;
		}
	}
	return 0;
}

/* A short form followed by a free-standing dash or a colon and its long
 * form: "NOOTS – Nationales Once-Only-Technical-System". */
static int dash_long(const char *text, size_t len, struct dc_span s, const struct sf *sf,
                     struct dc_span *out)
{
	if (sf->is_stopword || s.end >= len)
		return 0;
	size_t i = s.end, n;
	if (text[i] == ':') {
		i++;
	} else {
		size_t j = dc_skip_space(text, len, i);
		if (j == i || j >= len || !dc_is_dash(dc_cp(text, len, j, &n)))
			return 0;
		i = j + n;
		if (i >= len || !dc_is_space(dc_cp(text, len, i, &n)))
			return 0;
	}
	i = dc_skip_space(text, len, i);
	/* a name: it starts with a capital */
	if (i >= len || !dc_is_upper(dc_cp(text, len, i, &n)))
		return 0;
	/* "Art. 18 BayDiG - BayDiG Wiki": the long form starts with a word,
	 * not with another short form */
	struct sf other;
	struct dc_span fw = { i, ab_token_end(text, len, i) };
	if (ab_short_form(text, fw, &other))
		return 0;
	/* nor is the short form the end of a longer designation ("LfU HE:") */
	size_t b = ab_skip_space_back(text, s.start);
	if (b < s.start && b > 0) {
		struct dc_span pw = { ab_token_start(text, b), b };
		if (pw.start < pw.end && ab_short_form(text, pw, &other))
			return 0;
	}
	struct dc_span lf;
	if (!ab_long_after(text, len, i, sf, 0, &lf) || lf.start != i)
		return 0;
	/* A gloss in a list may run on to the end of its item: "AKT –
	 * Automatischer Kassentresor mit Echtheitsprüfung; R-AKT – ..." (up to
	 * three more words, a function word first, before ';', ')', a dash or
	 * the line's end) */
	size_t e = lf.end;
	for (int k = 0; k <= 3; k++) {
		size_t j = e, m;
		while (j < len && (text[j] == ' ' || text[j] == '\t'))
			j++;
		int32_t c = j < len ? dc_cp(text, len, j, &m) : 0;
		if (k > 0 && (j >= len || c == ';' || c == ')' || c == '\n' ||
		              (dc_is_dash(c) && j + m < len && dc_is_space(dc_cp(text, len, j + m, &m))))) {
			lf.end = e;
			break;
		}
		size_t we = ab_token_end(text, len, j);
		if (k == 3 || we == j || (k == 0 && !ab_is_function_word(text + j, we - j)) ||
		    (k > 0 && !ab_is_function_word(text + j, we - j) && !dc_is_upper(c)))
			break;
		e = we;
	}
	*out = lf;
	return 1;
}

static int at_dash(const char *text, size_t len, struct dc_span s, const struct sf *sf,
                   dc_abbrev_fn fn, void *ctx)
{
	struct dc_span lf;
	if (!dash_long(text, len, s, sf, &lf))
		return 0;
	return emit(text, fn, ctx, s, lf, "short \xe2\x80\x93 long");
}

/* At the head of an entry of a definition list: a short form of capitals
 * and a colon alone on its line (after a list mark, if any), its long form the name
 * that opens the next line ("2.  ES-TRIN:\n\n    Europäischer Standard der
 * technischen Vorschriften für Binnenschiffe in der Ausgabe 2019/1, der",
 * BinSchUO § 2). The name may be a translation, so its letters are not
 * matched; it ends before a parenthesis, a comma, a semicolon, a full stop
 * (not one after a digit, "26. Mai"), a version clause ("in der Ausgabe",
 * "in der jeweils geltenden Fassung") or "und" before a second name that
 * refers back to the first ("... durch Schiffe und Protokoll von 1978 zu
 * diesem Übereinkommen"). Not "PCB-Altholz:" (lower-case letters) nor
 * "VOC-Gehalt:\n die ..." (an article opens the definition). */
static int at_list(const char *text, size_t len, struct dc_span s, const struct sf *sf,
                   dc_abbrev_fn fn, void *ctx, int *hit)
{
	if (sf->is_stopword || s.end >= len || text[s.end] != ':')
		return 0;
	size_t n;
	for (size_t k = s.start; k < s.end; k += n) {
		int32_t c = dc_cp(text, s.end, k, &n);
		if (!(dc_is_upper(c) || dc_is_dash(c)))
			return 0;
	}
	/* first on its line, after a list mark if any ("2.", "13.", "a)"; the
	 * Markdown reader drops them) */
	if (!ab_first_on_line(text, s.start))
		return 0;
	/* nothing else on its line */
	size_t i = s.end + 1;
	while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r'))
		i++;
	if (i < len && text[i] != '\n')
		return 0;
	i = dc_skip_space(text, len, i);
	if (i >= len || !dc_is_upper(dc_cp(text, len, i, &n)))
		return 0;
	size_t we = ab_token_end(text, len, i);
	struct sf other;
	if (we == i || ab_is_function_word(text + i, we - i) ||
	    ab_short_form(text, (struct dc_span){ i, we }, &other))
		return 0;
	size_t end = i, words = 0, j = i;
	while (j < len) {
		int32_t c = dc_cp(text, len, j, &n);
		if (c == '\n') {
			size_t k = j + 1;
			while (k < len && (text[k] == ' ' || text[k] == '\t' || text[k] == '\r'))
				k++;
			if (k >= len || text[k] == '\n')
				break; /* a blank line ends the entry */
		}
		if (c == '.' && j > 0 && text[j - 1] >= '0' && text[j - 1] <= '9') {
			j += n;
			continue;
		}
		if (ab_is_boundary(c) || (dc_is_dash(c) && j > 0 && text[j - 1] == ' '))
			break;
		if (dc_is_space(c) || !(dc_is_letter(c) || dc_is_digit(c))) {
			j += n;
			continue;
		}
		size_t e = ab_token_end(text, len, j);
		if (e == j)
			e = j + n;
		size_t d = dc_skip_space(text, len, j + 2);
		if (ab_word_is(text, len, j, "in") && ab_word_is(text, len, d, "der")) {
			size_t v = dc_skip_space(text, len, d + 3);
			if (ab_word_is(text, len, v, "Fassung") || ab_word_is(text, len, v, "jeweils") ||
			    ab_word_is(text, len, v, "Ausgabe"))
				break;
		}
		if (ab_word_is(text, len, j, "und") || ab_word_is(text, len, j, "sowie")) {
			/* a second name that refers back: "zu diesem Übereinkommen" */
			size_t k = j;
			int back = 0;
			while (k < len && !ab_is_boundary((unsigned char)text[k]) && k - j < 200) {
				if ((k == 0 || text[k - 1] == ' ' || text[k - 1] == '\n') &&
				    (ab_word_is(text, len, k, "diesem") || ab_word_is(text, len, k, "dieser") ||
				     ab_word_is(text, len, k, "diesen") || ab_word_is(text, len, k, "dieses")))
					back = 1;
				k++;
			}
			if (back)
				break;
		}
		if (++words > MAX_WORDS)
			return 0;
		end = e;
		j = e;
	}
	/* the name ends with a content word */
	size_t ls = ab_token_start(text, end);
	if (end == i || ab_is_function_word(text + ls, end - ls))
		return 0;
	*hit = 1;
	return emit(text, fn, ctx, s, (struct dc_span){ i, end }, "short: long (list)");
}

/* Cues of a short form outside parentheses. */
static const char *const cue_words[] = { "kurz", "Kurz", "im Folgenden", "nachfolgend",
                                         "abgek\xc3\xbcrzt", "oder", NULL };

/* At a cue outside parentheses: "Föderale IT-Kooperation – kurz FITKO –",
 * "Onlinezugangsgesetz, im Folgenden: OZG,", "„Nationales
 * Once-Only-Technical-System“ – kurz: NOOTS –". */
static int at_cue(const char *text, size_t len, size_t i, const char *cue, dc_abbrev_fn fn,
                  void *ctx)
{
	size_t j = i + strlen(cue);
	if (j < len && text[j] == ':')
		j++;
	j = dc_skip_space(text, len, j);
	size_t qn;
	int quoted = j < len && is_open_quote(dc_cp(text, len, j, &qn));
	if (quoted)
		j += qn;
	struct dc_span s = ab_short_at(text, len, j);
	struct sf sf;
	if (s.end == s.start)
		return 0;
	if (quoted) {
		size_t en;
		if (s.end >= len || !is_close_quote(dc_cp(text, len, s.end, &en)))
			return 0;
	}
	if (!ab_short_or_spoken(text, s, quoted, &sf))
		return 0;
	/* The long form ends before the separator in front of the cue; after
	 * "oder" only between quotes: "„Content Delivery Network“ oder „CDN“". */
	size_t b = ab_skip_space_back(text, i);
	if (b == 0)
		return 0;
	size_t p = dc_prev(text, b), n;
	int32_t c = dc_cp(text, b, p, &n);
	if (!strcmp(cue, "oder") ? !(quoted && is_close_quote(c)) : !(dc_is_dash(c) || c == ','))
		return 0;
	if (!strcmp(cue, "oder"))
		p = b;
	struct dc_span lf;
	if (ab_long_before(text, long_end(text, p), &sf, &lf))
		return emit(text, fn, ctx, s, lf, strcmp(cue, "oder") ? "kurz" : "long oder short");
	return 0;
}

int dc_abbrev_scan(const char *text, size_t len, dc_abbrev_fn fn, void *ctx)
{
	size_t i = 0;
	while (i < len) {
		size_t n;
		int32_t c = dc_cp(text, len, i, &n);
		int rc = 0;
		size_t pn;
		int word_start = i == 0 || !dc_is_letter(dc_cp(text, len, dc_prev(text, i), &pn));
		const char *cue = NULL;
		for (size_t k = 0; word_start && !cue && cue_words[k]; k++)
			if ((unsigned char)text[i] == (unsigned char)cue_words[k][0] &&
			    ab_word_is(text, len, i, cue_words[k]))
				cue = cue_words[k];
		if (c == '(') {
			rc = at_paren(text, len, i, fn, ctx);
		} else if (cue) {
			size_t before = ab_skip_space_back(text, i);
			/* "(kurz: X)" is handled at its parenthesis */
			if (!(before > 0 && text[before - 1] == '('))
				rc = at_cue(text, len, i, cue, fn, ctx);
			n = strlen(cue);
		} else if (dc_is_upper(c) && word_start) {
			struct dc_span s = ab_short_at(text, len, i);
			struct sf sf;
			if (ab_short_form(text, s, &sf)) {
				int hit = 0;
				rc = at_list(text, len, s, &sf, fn, ctx, &hit);
				if (!rc && !hit)
					rc = at_apposition(text, len, s, &sf, fn, ctx);
				if (!rc && !hit)
					rc = at_article(text, len, s, &sf, fn, ctx);
				if (!rc && !hit)
					rc = at_dash(text, len, s, &sf, fn, ctx);
				if (!rc && !hit)
					rc = at_copula(text, len, s, &sf, fn, ctx);
			}
			n = s.end > i ? s.end - i : 1;
		}
		if (rc)
			return rc;
		i += n;
	}
	return 0;
}

int dc_abbrev_explains(const char *short_form_text, size_t short_len, const char *long_form,
                       size_t long_len)
{
	struct sf sf;
	struct dc_span s = { 0, short_len };
	if (!ab_short_form(short_form_text, s, &sf))
		return 0;
	struct word w[MAX_WORDS];
	size_t nw = ab_words_after(long_form, long_len, 0, w, MAX_WORDS);
	if (nw == 0)
		return 0;
	static __thread struct lchars lc;
	long first = ab_match_law(long_form, w, nw, &sf, &lc);
	if (first == 0)
		return 1;
	first = ab_match_parts(long_form, w, nw, &sf, &lc);
	if (first < 0) {
		ab_layout(long_form, w, nw, &lc);
		size_t pos = lc.n;
		if (!ab_match_back(&sf, 0, sf.n_req, &lc, &pos, 0))
			return 0;
		first = (long)lc.word[pos];
	}
	return first == 0 && ab_content_covered(long_form, w, 0, nw, &lc);
}
