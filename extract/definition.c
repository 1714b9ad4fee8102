/* definition.c - German sentences and definition sentences (discover.h).
 *
 * The splitter knows that a full stop after an abbreviation (z. B., Art.,
 * Abs., Nr., ...), after a number ("1. Januar", "§ 3 Abs. 1") or after an
 * initial ends no sentence, and that a list after "sind" in a law ("sind\n\n
 * 1. ...") continues it. The definition finder reads each sentence as words
 * and tries the patterns of German definitions, from law style ("X im Sinne
 * dieses Gesetzes ist ...") to prose ("Unter X versteht man ...", "X ist
 * eine ...", "X bezeichnet ...", "X, also ..."). */
#include "discover.h"

#include <string.h>

#include "dc_text.h"

/* Words after which a full stop is part of the word (compared case-sensitively,
 * without the stop). Single letters are handled apart (z. B., d. h., u. a.). */
static const char *const abbreviations[] = {
	"Abs", "Art", "Nr", "Nrn", "bzw", "ggf", "vgl", "ff", "Dr", "Prof", "etc", "usw", "ca",
	"Hrsg", "Jh", "Mio", "Mrd", "insb", "bspw", "evtl", "sog", "lit", "Buchst", "Kap",
	"Ziff", "Anm", "ebd", "St", "Str", "Tel", "Bd", "Aufl", "Rn", "Rdnr", "zzgl", "inkl",
	"bzgl", "gem", "allg", "Verf", "Vorb", "Dipl", "Ing", "Abschn", "Anh", "Art", "Bl",
	"BGBl", "ABl", "GVBl", "Nov", "Dez", "Jan", "Feb", "Okt", "Sept", "Aug", "geb", "gez",
	"Std", "Min", "Sek", "max", "min", "zit", "zB", "dh", "ua", "uvm", "Co", NULL,
};

static int is_abbreviation(const char *s, size_t n)
{
	if (n == 1 && dc_is_letter((unsigned char)s[0]))
		return 1; /* "z. B.", "d. h.", "S. 29", "J. Bizer" */
	for (size_t i = 0; abbreviations[i]; i++)
		if (strlen(abbreviations[i]) == n && !memcmp(abbreviations[i], s, n))
			return 1;
	return 0;
}

/* The word (letters, digits) that ends at text[end - 1]. */
static size_t word_back(const char *text, size_t end)
{
	size_t i = end;
	while (i > 0) {
		size_t p = dc_prev(text, i), n;
		int32_t c = dc_cp(text, end, p, &n);
		if (!dc_is_letter(c) && !dc_is_digit(c))
			break;
		i = p;
	}
	return i;
}

static int is_list_marker(const char *text, size_t len, size_t i)
{
	size_t j = i;
	while (j < len && text[j] >= '0' && text[j] <= '9')
		j++;
	if (j > i && j < len && (text[j] == '.' || text[j] == ')'))
		return 1;
	if (i + 1 < len && text[i] >= 'a' && text[i] <= 'z' && text[i + 1] == ')')
		return 1;
	return i < len && (text[i] == '-' || text[i] == '*');
}

/* Whether the full stop (or ! ?) at i ends a sentence. */
static int ends_sentence(const char *text, size_t len, size_t i)
{
	size_t j = i + 1;
	/* closing quotes and parentheses belong to the sentence */
	while (j < len) {
		size_t n;
		int32_t c = dc_cp(text, len, j, &n);
		if (c == ')' || c == '"' || c == 0x201C || c == 0x201D || c == 0x2019 || c == 0xBB)
			j += n;
		else
			break;
	}
	if (j < len) {
		size_t n;
		if (!dc_is_space(dc_cp(text, len, j, &n)))
			return 0; /* "S.2", "4.5.2016", "www.x.de" */
	}
	if (text[i] != '.')
		return 1;
	size_t w = word_back(text, i);
	if (w < i) {
		if (is_abbreviation(text + w, i - w))
			return 0;
		int digits = 1;
		for (size_t k = w; k < i; k++)
			digits &= text[k] >= '0' && text[k] <= '9';
		if (digits)
			return 0; /* "1. Januar", "5. den", list numbers */
	}
	/* The next word: a lower-case start continues ("usw. und"). */
	while (j < len) {
		size_t n;
		int32_t c = dc_cp(text, len, j, &n);
		if (!dc_is_space(c))
			return !(dc_is_letter(c) && !dc_is_upper(c));
		j += n;
	}
	return 1;
}

int dc_sentence_scan(const char *text, size_t len, dc_token_fn fn, void *ctx)
{
	size_t i = 0, start = 0;
	int heading = 0, any = 0;
	size_t last_char = 0; /* offset of the last non-space character */
	while (i < len) {
		size_t n;
		int32_t c = dc_cp(text, len, i, &n);
		int cut = 0;
		size_t cut_at = i + n, next = i + n;
		if (!any && !dc_is_space(c)) {
			start = i;
			any = 1;
			heading = c == '#';
		}
		if (c == '\n' && any) {
			if (heading) {
				cut = 1;
				cut_at = i;
			} else {
				/* a blank line ends the sentence, except before a list that
				 * continues it ("sind\n\n1.  ...") */
				size_t j = i + 1, k;
				int blank = 0;
				while (j < len && dc_is_space(dc_cp(text, len, j, &k))) {
					blank |= text[j] == '\n';
					j += k;
				}
				if (blank) {
					char prev = text[last_char];
					int continues = is_list_marker(text, len, j) && prev != '.' &&
					                prev != '!' && prev != '?';
					if (!continues) {
						cut = 1;
						cut_at = i;
					}
				}
			}
		} else if ((c == '.' || c == '!' || c == '?') && any && ends_sentence(text, len, i)) {
			cut = 1;
			/* include closing quotes and parentheses */
			while (cut_at < len) {
				size_t k;
				int32_t d = dc_cp(text, len, cut_at, &k);
				if (d == ')' || d == '"' || d == 0x201C || d == 0x201D || d == 0xBB)
					cut_at += k;
				else
					break;
			}
			next = cut_at;
		}
		if (!dc_is_space(c))
			last_char = i;
		if (cut) {
			struct dc_span s = { start, cut_at };
			while (s.end > s.start && dc_is_space((unsigned char)text[s.end - 1]))
				s.end--;
			if (s.end > s.start) {
				int rc = fn(text, s, ctx);
				if (rc)
					return rc;
			}
			any = 0;
			heading = 0;
			i = next;
			continue;
		}
		i += n;
	}
	if (any) {
		struct dc_span s = { start, len };
		while (s.end > s.start && dc_is_space((unsigned char)text[s.end - 1]))
			s.end--;
		if (s.end > s.start)
			return fn(text, s, ctx);
	}
	return 0;
}

/* ---- definition sentences ---- */

enum { MAX_WORDS = 160 };

struct words {
	struct dc_span w[MAX_WORDS]; /* without surrounding punctuation and quotes */
	int comma_after[MAX_WORDS]; /* a comma, colon or semicolon follows */
	size_t n;
};

static int is_quote_or_punct(int32_t c)
{
	return c == ',' || c == '.' || c == ';' || c == ':' || c == '!' || c == '?' || c == '"' ||
	       c == '(' || c == ')' || c == 0x201E || c == 0x201C || c == 0x201D || c == 0xBB ||
	       c == 0xAB || c == 0x2018 || c == 0x2019 || c == '*' || c == '_';
}

static void split_words(const char *text, struct dc_span s, struct words *out)
{
	out->n = 0;
	size_t i = s.start;
	while (i < s.end && out->n < MAX_WORDS) {
		size_t n;
		while (i < s.end && dc_is_space(dc_cp(text, s.end, i, &n)))
			i += n;
		if (i >= s.end)
			break;
		size_t ws = i;
		while (i < s.end && !dc_is_space(dc_cp(text, s.end, i, &n)))
			i += n;
		size_t a = ws, b = i;
		while (a < b && is_quote_or_punct(dc_cp(text, b, a, &n)))
			a += n;
		int comma = 0;
		while (b > a) {
			size_t p = dc_prev(text, b);
			if (p < a)
				break; /* stray continuation bytes */
			int32_t c = dc_cp(text, b, p, &n);
			if (!is_quote_or_punct(c) || (c == '.' && b - a <= 4 && p > a))
				break; /* keep "Abs." whole */
			comma |= c == ',' || c == ':' || c == ';';
			b = p;
		}
		if (a == b)
			continue;
		out->w[out->n].start = a;
		out->w[out->n].end = b;
		out->comma_after[out->n] = comma;
		out->n++;
	}
}

static int is(const char *text, const struct words *w, size_t k, const char *s)
{
	if (k >= w->n)
		return 0;
	size_t n = strlen(s);
	return w->w[k].end - w->w[k].start == n && !memcmp(text + w->w[k].start, s, n);
}

static int is_any(const char *text, const struct words *w, size_t k, const char *const *list)
{
	for (; *list; list++)
		if (is(text, w, k, *list))
			return 1;
	return 0;
}

static const char *const articles[] = { "Der", "Die", "Das", "Ein", "Eine", "der", "die", "das",
	                                "ein", "eine", "einen", "den", "dem", NULL };
static const char *const function_words[] = {
	"und", "oder", "für", "über", "zur", "zum", "zu", "von", "vom", "in", "im", "der", "des",
	"die", "das", "dem", "den", NULL,
};
static const char *const not_terms[] = {
	"Es", "Er", "Sie", "Das", "Dies", "Dieses", "Diese", "Dieser", "Was", "Wer", "Wir", "Ich",
	"Du", "Ihr", "Man", "Ja", "Also", "Genau", "Okay", "Nein", "Und", "Aber", "Doch", "Hier",
	"Da", "Dann", "So", "Jetzt", "Heute", "Ziel", "Frage", "Problem", "Grund", "Folge", "Idee",
	"Weg", "Beispiel", "Thema", "Punkt", "Sache", NULL,
};

static const char *const prepositions[] = {
	"Im", "In", "Bei", "Mit", "Für", "Gegen", "Auf", "Nach", "Von", "Vom", "Zu", "Zum", "Zur",
	"Unter", "Über", "Aus", "Dem", "Den", "Des", "Dabei", "Dazu", "Hierbei", "Hierzu",
	"Zuständig", "Natürlich", "Insofern", "Deshalb", "Daher", "Damit", "Dann", "Auch", "Nur",
	"Allerdings", "Jedoch", "Außerdem", "Zudem", NULL,
};

/* "... ist der Anzeige beizufügen", "... sind zu bestimmen": an obligation. */
static int is_to_infinitive(const char *text, const struct words *w)
{
	if (w->n < 2)
		return 0;
	if (is(text, w, w->n - 2, "zu"))
		return 1;
	const char *s = text + w->w[w->n - 1].start;
	size_t n = w->w[w->n - 1].end - w->w[w->n - 1].start;
	return n > 5 && !memcmp(s + n - 2, "en", 2) && memmem(s + 1, n - 3, "zu", 2) != NULL;
}

/* Whether word k stood in quotes in the text ("„Portalverbund“"). */
static int quoted(const char *text, const struct words *w, size_t k)
{
	size_t p = w->w[k].start;
	if (p == 0)
		return 0;
	size_t q = dc_prev(text, p), n;
	int32_t c = dc_cp(text, p, q, &n);
	return c == '"' || c == 0x201E || c == 0x201C || c == 0xAB || c == 0xBB;
}

/* A paragraph or list marker at the start: "(3)", "1.", "a)". */
static size_t skip_marker(const char *text, const struct words *w, size_t k)
{
	while (k < w->n) {
		const char *s = text + w->w[k].start;
		size_t n = w->w[k].end - w->w[k].start;
		int digits = n > 0;
		for (size_t i = 0; i < n; i++)
			digits &= (s[i] >= '0' && s[i] <= '9') || (i > 0 && s[i] >= 'a' && s[i] <= 'z');
		if (digits || (n == 1 && s[0] == '#') || (n >= 1 && s[0] == '#'))
			k++;
		else
			break;
	}
	return k;
}

/* A capitalised word, or a lower-case one with an adjective's ending. */
static int adjective_or_noun(const char *text, const struct words *w, size_t k)
{
	size_t n;
	if (is_any(text, w, k, articles) || is_any(text, w, k, function_words))
		return 0;
	const char *s = text + w->w[k].start;
	size_t len = w->w[k].end - w->w[k].start;
	if (dc_is_upper(dc_cp(s, len, 0, &n)))
		return 1;
	static const char *const endings[] = { "e", "en", "er", "es", "em", NULL };
	for (size_t i = 0; endings[i]; i++) {
		size_t m = strlen(endings[i]);
		if (len > m + 3 && !memcmp(s + len - m, endings[i], m))
			return 1;
	}
	return 0;
}

/* Whether words [a, b) make a plausible term: 1..5 words, the last one
 * capitalised (a German noun) or quoted, no verb-like stop word first. */
static int plausible(const char *text, const struct words *w, size_t a, size_t b)
{
	if (b <= a || b - a > 5)
		return 0;
	if (b - a == 1 && is_any(text, w, a, not_terms))
		return 0;
	size_t n;
	int32_t first_last = dc_cp(text, w->w[b - 1].end, w->w[b - 1].start, &n);
	if (!dc_is_upper(first_last))
		return 0;
	for (size_t k = a; k < b; k++) {
		if (w->comma_after[k] && k + 1 < b)
			return 0;
		int32_t c = dc_cp(text, w->w[k].end, w->w[k].start, &n);
		if (!dc_is_letter(c))
			return 0;
		if (k > a && k + 1 < b && !dc_is_upper(c) && !is_any(text, w, k, function_words) &&
		    !adjective_or_noun(text, w, k))
			return 0; /* "Das Land sich einmischt"; "Anbieter digitaler Dienste" is fine */
	}
	return 1;
}

struct def_scan {
	dc_definition_fn fn;
	void *ctx;
	dc_known_fn known; /* may be NULL */
	void *known_ctx;
};

static int report(const char *text, struct dc_span sentence, const struct words *w, size_t a,
                  size_t b, const char *pattern, const struct def_scan *ds)
{
	while (a < b && is_any(text, w, a, articles))
		a++;
	if (b <= a)
		return 0;
	struct dc_span term = { w->w[a].start, w->w[b - 1].end };
	/* a known concept's label needs no plausible shape ("eID-Karte") */
	if (!plausible(text, w, a, b) &&
	    !(ds->known && b - a <= 8 && ds->known(text + term.start, term.end - term.start, ds->known_ctx)))
		return 0;
	struct dc_definition d = { sentence, term, pattern };
	return ds->fn(text, &d, ds->ctx);
}

static int im_sinne(const char *text, const struct words *w, size_t k, const char *im)
{
	static const char *const objects[] = { "Gesetzes", "Gesetzes,", "Verordnung", "Abschnitts",
	                                       "Vertrages", "Teils", "Paragraphen", NULL };
	return is(text, w, k, im) && is(text, w, k + 1, "Sinne") &&
	       (is(text, w, k + 2, "dieses") || is(text, w, k + 2, "dieser")) &&
	       is_any(text, w, k + 3, objects);
}

static int one_sentence(const char *text, struct dc_span s, void *ctx)
{
	struct def_scan *ds = ctx;
	static __thread struct words w;
	split_words(text, s, &w);
	size_t k0 = skip_marker(text, &w, 0);
	if (k0 >= w.n)
		return 0;
	static const char *const copulas[] = { "ist", "sind", "bedeutet", "bedeuten", "umfasst",
	                                       "umfassen", "bezeichnet", "bezeichnen", NULL };

	/* "Im Sinne dieses Gesetzes ist/sind 1. X ..." : each listed term */
	if (im_sinne(text, &w, k0, "Im")) {
		size_t k = k0 + 4;
		if (is_any(text, &w, k, copulas)) {
			int rc = 0;
			for (size_t j = k + 1; j + 1 < w.n && !rc; j++) {
				const char *t = text + w.w[j].start;
				size_t n = w.w[j].end - w.w[j].start;
				if (!(n >= 1 && t[0] >= '0' && t[0] <= '9'))
					continue;
				/* only list numbers: "1." */
				if (text[w.w[j].end - 1] != '.' && (w.w[j].end >= s.end || text[w.w[j].end] != '.'))
					continue;
				/* the term: the noun phrase up to the next article, comma or colon */
				size_t a = j + 1, b = a;
				while (b < w.n && b - a < 5 && !is_any(text, &w, b, articles)) {
					b++;
					if (w.comma_after[b - 1])
						break;
				}
				rc = report(text, s, &w, a, b, "Im Sinne ... 1.", ds);
			}
			return rc;
		}
	}
	/* "X im Sinne dieses Gesetzes ist/sind ..." */
	for (size_t k = k0 + 1; k < w.n && k <= k0 + 6; k++)
		if (im_sinne(text, &w, k, "im") && is_any(text, &w, k + 4, copulas))
			return report(text, s, &w, k0, k, "im Sinne", ds);
	/* "Unter X versteht man ...", "Unter X ist ... zu verstehen" */
	if (is(text, &w, k0, "Unter"))
		for (size_t k = k0 + 2; k < w.n && k <= k0 + 7; k++)
			if ((is(text, &w, k, "versteht") && is(text, &w, k + 1, "man")) ||
			    ((is(text, &w, k, "ist") || is(text, &w, k, "sind")) &&
			     is(text, &w, w.n - 2, "zu") && is(text, &w, w.n - 1, "verstehen")))
				return report(text, s, &w, k0 + 1, k, "versteht man", ds);
	/* "... versteht man unter X eine/ein/die ..." */
	for (size_t k = k0; k + 2 < w.n; k++)
		if (is(text, &w, k, "versteht") && is(text, &w, k + 1, "man") &&
		    is(text, &w, k + 2, "unter")) {
			size_t a = k + 3, b = a;
			while (b < w.n && b - a < 5 && !is_any(text, &w, b, articles))
				b++;
			return report(text, s, &w, a, b, "versteht man", ds);
		}
	/* "Als X bezeichnet man ..." */
	if (is(text, &w, k0, "Als"))
		for (size_t k = k0 + 2; k + 1 < w.n && k <= k0 + 6; k++)
			if ((is(text, &w, k, "bezeichnet") || is(text, &w, k, "bezeichnen")) &&
			    is(text, &w, k + 1, "man"))
				return report(text, s, &w, k0 + 1, k, "bezeichnet", ds);
	/* "X ist ein/eine/der/die/das ...", "X bezeichnet ..." at the start */
	for (size_t k = k0 + 1; k < w.n && k <= k0 + 6; k++) {
		if (w.comma_after[k - 1])
			break;
		if ((is(text, &w, k, "ist") || is(text, &w, k, "sind")) && is_any(text, &w, k + 1, articles) &&
		    !is(text, &w, k + 1, "den") && !is(text, &w, k + 1, "dem") &&
		    !(is(text, &w, k, "sind") && is(text, &w, k + 1, "der"))) {
			/* "Die Beschlüsse ... sind der richterlichen Erörterung entzogen": dative */
			/* "Dem Antrag ist ... beizufügen", "Dabei ist ...": no definitions */
			if (is_any(text, &w, k0, prepositions) || is_to_infinitive(text, &w))
				return 0;
			int indefinite = is(text, &w, k + 1, "ein") || is(text, &w, k + 1, "eine");
			if (!indefinite && !is_any(text, &w, k0, articles) && !quoted(text, &w, k0))
				return 0;
			return report(text, s, &w, k0, k, "ist ein", ds);
		}
		if (is(text, &w, k, "bezeichnet") || is(text, &w, k, "bezeichnen"))
			return report(text, s, &w, k0, k, "bezeichnet", ds);
		if (is_any(text, &w, k, copulas))
			break;
	}
	/* "X, also ..." : the noun phrase before the comma */
	for (size_t k = k0; k + 2 < w.n; k++)
		if (w.comma_after[k] && is(text, &w, k + 1, "also")) {
			size_t n;
			if (!is_any(text, &w, k + 2, articles) &&
			    !dc_is_upper(dc_cp(text, w.w[k + 2].end, w.w[k + 2].start, &n)))
				break; /* "also mit der", "also zwei Drittel": a rephrasing, no definition */
			size_t a = k;
			while (a > k0 && k - a < 2 && !w.comma_after[a - 1] && adjective_or_noun(text, &w, a - 1))
				a--;
			if (w.w[k].end - w.w[k].start >= 5)
				return report(text, s, &w, a, k + 1, "also", ds);
			break;
		}
	return 0;
}

int dc_definition_scan(const char *text, size_t len, dc_definition_fn fn, void *ctx)
{
	return dc_definition_scan_known(text, len, NULL, NULL, fn, ctx);
}

int dc_definition_scan_known(const char *text, size_t len, dc_known_fn known, void *known_ctx,
                             dc_definition_fn fn, void *ctx)
{
	struct def_scan ds = { fn, ctx, known, known_ctx };
	return dc_sentence_scan(text, len, one_sentence, &ds);
}
