/* lint.c - the vocabulary's rules, in the spirit of qSKOS: one set of checks
 * that `glossar lint` reports in full and that every write obeys.
 *
 * Errors: a label shared by two concepts (displayed by both, or hidden on one
 * and displayed on the other; labels compare by norm_key, as the gazetteer
 * matches them), duplicate preferred labels, labels that are empty once
 * normalised (only dashes, soft hyphens or invisible characters), labels with
 * a line break or a control character, text with a control character XML 1.0
 * forbids or a Unicode noncharacter, approved concepts without a sourced
 * definition, source URLs that are not absolute http(s), broader links to
 * themselves or in a cycle, a replacement that does not exist. Warnings: no
 * definition, a deprecated concept without replacement, a hidden label two
 * concepts share, a concept both broader and related to another.
 * related is symmetric in the model (exports resolve the inverse), so a link
 * declared on one side only is no finding. A deprecated concept's labels that
 * its replacement also carries are expected (term merge leaves them so).
 *
 * Writes: kb_concept_put checks the concept's own fields at once
 * (kb_concept_check) and notes its key; kb_commit then runs the checks over
 * the whole vocabulary as the transaction left it, focused on the concepts
 * written, and refuses the transaction on the first error that concerns one
 * of them. So every way in (import, term commands, candidates accept, undo)
 * obeys the same rules, and a file that moves a label between two concepts
 * is judged by its end state, not row by row. */
#include "kb_internal.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "../common/buf.h"
#include "../common/wordlist.h"
#include "../extract/norm.h"

struct lab {
	char *key;   /* norm_key */
	const char *text, *kind;
	size_t concept;
};

static int cmp_lab(const void *a, const void *b)
{
	const struct lab *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c ? c : (x->concept > y->concept) - (x->concept < y->concept);
}

static int is_blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return 0;
	return 1;
}

/* A finding goes to fn; with focus set, only findings that concern a focused
 * concept count (the write being checked), and the first error is kept. */
struct lint {
	const struct kb_vocab *v;   /* NULL when one concept is checked alone */
	const unsigned char *focus; /* per item of v, or NULL: everything */
	kb_lint_fn fn;
	void *ctx;
	int errors;
	int stop;
};

static int focused(const struct lint *l, const struct kb_concept *c)
{
	if (!l->focus)
		return 1;
	if (!c || !l->v || c < l->v->items || c >= l->v->items + l->v->n)
		return 0;
	return l->focus[c - l->v->items];
}

static void report(struct lint *l, const struct kb_concept *c, const struct kb_concept *other,
                   enum kb_severity sev, const char *check, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
static void report(struct lint *l, const struct kb_concept *c, const struct kb_concept *other,
                   enum kb_severity sev, const char *check, const char *fmt, ...)
{
	if (l->stop || (l->focus && !focused(l, c) && !focused(l, other)))
		return;
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (sev == KB_ERROR)
		l->errors++;
	if (l->fn(c->key, sev, check, msg, l->ctx))
		l->stop = 1;
}

static int is_replacement(const struct kb_concept *a, const struct kb_concept *b)
{
	return (!strcmp(a->status, "deprecated") && !strcmp(a->replaced_by, b->key)) ||
	       (!strcmp(b->status, "deprecated") && !strcmp(b->replaced_by, a->key));
}

static const char *kind_name(const char *kind)
{
	return !strcmp(kind, "pref") ? "preferred" : !strcmp(kind, "abbrev") ? "abbreviation" : kind;
}

/* ---- one concept's own fields ---- */

static int is_noncharacter(utf8proc_int32_t cp)
{
	return (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
}

static int is_line_break(utf8proc_int32_t cp)
{
	return cp == '\n' || cp == '\r' || cp == 0x85 || cp == 0x2028 || cp == 0x2029;
}

enum { TEXT_OK, TEXT_BAD_UTF8, TEXT_BREAK, TEXT_CONTROL, TEXT_NONCHAR };

/* What is wrong with s, if anything, and the code point concerned. Any text:
 * valid UTF-8, no noncharacter, no C0 control but tab and line breaks (XML
 * 1.0 forbids the others). A label is one line of plain text: no line break,
 * no tab, DEL or C1 control either. */
static int check_text(const char *s, int is_label, utf8proc_int32_t *cp_out)
{
	size_t len = strlen(s);
	utf8proc_ssize_t i = 0;
	while ((size_t)i < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
		                                      (utf8proc_ssize_t)(len - (size_t)i), &cp);
		if (k <= 0)
			return TEXT_BAD_UTF8;
		i += k;
		*cp_out = cp;
		if (is_noncharacter(cp))
			return TEXT_NONCHAR;
		if (is_label && is_line_break(cp))
			return TEXT_BREAK;
		if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
		    (is_label && (cp == '\t' || (cp >= 0x7F && cp < 0xA0))))
			return TEXT_CONTROL;
	}
	return TEXT_OK;
}

static void check_field(struct lint *l, const struct kb_concept *c, const char *what,
                        const char *s, int is_label)
{
	utf8proc_int32_t cp = 0;
	switch (check_text(s, is_label, &cp)) {
	case TEXT_BAD_UTF8:
		report(l, c, NULL, KB_ERROR, "invalid-utf8", "%s is not valid UTF-8", what);
		break;
	case TEXT_BREAK:
		report(l, c, NULL, KB_ERROR, "label-line-break", "%s contains a line break", what);
		break;
	case TEXT_CONTROL:
		report(l, c, NULL, KB_ERROR, "control-character",
		       "%s contains the control character U+%04X", what, (unsigned)cp);
		break;
	case TEXT_NONCHAR:
		report(l, c, NULL, KB_ERROR, "noncharacter",
		       "%s contains the Unicode noncharacter U+%04X", what, (unsigned)cp);
		break;
	}
}

/* The checks that need nothing but the concept itself. */
static void check_concept(struct lint *l, const struct kb_concept *c)
{
	const struct { const char *kind; const struct strv *sv; } groups[] = {
		{ "abbrev", &c->abbreviations }, { "alt", &c->alt_labels },
		{ "hidden", &c->hidden_labels },
	};
	const char *one[1] = { c->pref_label };
	for (int g = -1; g < 3; g++) {
		char *const *texts = g < 0 ? (char *const *)one : groups[g].sv->v;
		size_t count = g < 0 ? 1 : groups[g].sv->n;
		const char *kind = kind_name(g < 0 ? "pref" : groups[g].kind);
		for (size_t t = 0; t < count; t++) {
			char what[256];
			snprintf(what, sizeof what, "%s label '%.200s'", kind, texts[t]);
			utf8proc_int32_t cp;
			if (strlen(texts[t]) > KB_MAX_LABEL_BYTES) {
				report(l, c, NULL, KB_ERROR, "label-too-long",
				       "%s label longer than %d bytes", kind, KB_MAX_LABEL_BYTES);
				continue;
			}
			if (check_text(texts[t], 1, &cp) != TEXT_OK) {
				check_field(l, c, what, texts[t], 1);
				continue;
			}
			struct buf k = BUF_INIT;
			if (is_blank(texts[t]) || norm_key(texts[t], strlen(texts[t]), &k) < 0 ||
			    k.len == 0)
				report(l, c, NULL, KB_ERROR, "empty-label",
				       "empty %s label '%s' (nothing is left once dashes, soft hyphens, "
				       "spaces and invisible characters are taken away)", kind, texts[t]);
			buf_free(&k);
		}
	}
	/* Callers building a concept may leave fields NULL: read them as "". */
	const char *definition = c->definition ? c->definition : "";
	const char *source = c->source ? c->source : "";
	const char *url = c->source_url ? c->source_url : "";
	const char *status = c->status && *c->status ? c->status : "draft";
	const char *replaced_by = c->replaced_by ? c->replaced_by : "";
	if (strlen(definition) > KB_MAX_DEFINITION_BYTES)
		report(l, c, NULL, KB_ERROR, "definition-too-long",
		       "the definition is longer than %d bytes", KB_MAX_DEFINITION_BYTES);
	check_field(l, c, "the definition", definition, 0);
	check_field(l, c, "the source", source, 0);
	check_field(l, c, "the source URL", url, 1);
	int approved = !strcmp(status, "approved");
	if (approved && (!*source || !*url))
		report(l, c, NULL, KB_ERROR, "approved-without-source",
		       "approved, but the definition has no source %s",
		       !*source && !*url ? "(title and URL)" : !*source ? "title" : "URL");
	if (approved && !*definition)
		report(l, c, NULL, KB_ERROR, "approved-without-definition",
		       "approved, but has no definition");
	if (*url && !kb_url_is_valid(url))
		report(l, c, NULL, KB_ERROR, "malformed-url",
		       "malformed source URL '%s' (an absolute http or https URL with a host)", url);
	/* English labels obey the rules of labels, the definition those of text. */
	const char *en_pref = c->pref_label_en ? c->pref_label_en : "";
	for (size_t t = 0; t <= c->alt_labels_en.n; t++) {
		const char *text = t == 0 ? en_pref : c->alt_labels_en.v[t - 1];
		if (t == 0 && !*text)
			continue;
		char what[256];
		snprintf(what, sizeof what, "English %s label '%.200s'", t ? "alternative" : "preferred",
		         text);
		utf8proc_int32_t cp;
		struct buf k = BUF_INIT;
		if (check_text(text, 1, &cp) != TEXT_OK)
			check_field(l, c, what, text, 1);
		else if (is_blank(text) || norm_key(text, strlen(text), &k) < 0 || k.len == 0)
			report(l, c, NULL, KB_ERROR, "empty-label", "empty %s (nothing is left once dashes, "
			       "soft hyphens, spaces and invisible characters are taken away)", what);
		buf_free(&k);
	}
	check_field(l, c, "the English definition", c->definition_en ? c->definition_en : "", 0);
	if (!*en_pref && (c->alt_labels_en.n || (c->definition_en && *c->definition_en)))
		report(l, c, NULL, KB_ERROR, "english-without-pref-label",
		       "has English alternative labels or an English definition but no "
		       "pref_label_en");
	/* Mappings name concepts of other vocabularies on the web (Wikidata,
	 * EuroVoc, IATE, LeiKa/FIM): an absolute http(s) IRI, nothing else, so
	 * that every RDF syntax writes it as an IRI as it is. */
	const struct { const char *name; const struct strv *sv; } maps[] = {
		{ "exact_match", &c->exact_match }, { "close_match", &c->close_match },
	};
	for (int m = 0; m < 2; m++)
		for (size_t i = 0; i < maps[m].sv->n; i++) {
			const char *iri = maps[m].sv->v[i];
			utf8proc_int32_t cp;
			if (check_text(iri, 1, &cp) != TEXT_OK) {
				char what[64];
				snprintf(what, sizeof what, "an %s", maps[m].name);
				check_field(l, c, what, iri, 1);
			} else if (!kb_mapping_is_valid(iri))
				report(l, c, NULL, KB_ERROR, "malformed-mapping",
				       "%s '%.300s' is not an absolute http(s) IRI (e.g. "
				       "http://www.wikidata.org/entity/Q123)", maps[m].name, iri);
			for (int o = 0; o < m; o++)
				if (strv_contains(maps[o].sv, iri))
					report(l, c, NULL, KB_ERROR, "mapping-exact-and-close",
					       "'%.300s' is both an exact_match and a close_match", iri);
		}
	if (*replaced_by && strcmp(status, "deprecated"))
		report(l, c, NULL, KB_ERROR, "replacement-not-deprecated",
		       "has a replacement (%s) but is %s", replaced_by, status);
	if (*replaced_by && !strcmp(replaced_by, c->key))
		report(l, c, NULL, KB_ERROR, "replaced-by-itself", "replaced by itself");
	for (size_t b = 0; b < c->broader.n; b++)
		if (!strcmp(c->broader.v[b], c->key))
			report(l, c, NULL, KB_ERROR, "broader-self", "broader than itself");
	for (size_t r = 0; r < c->related.n; r++)
		if (!strcmp(c->related.v[r], c->key))
			report(l, c, NULL, KB_ERROR, "related-self", "related to itself");
}

struct first_error {
	char key[256];
	char msg[1024];
	int found;
};

static int keep_first_error(const char *key, enum kb_severity sev, const char *check,
                            const char *message, void *ctx)
{
	(void)check;
	struct first_error *f = ctx;
	if (sev != KB_ERROR)
		return 0;
	snprintf(f->key, sizeof f->key, "%s", key);
	snprintf(f->msg, sizeof f->msg, "%s", message);
	f->found = 1;
	return 1;
}

int kb_concept_check_each(const struct kb_concept *c, kb_lint_fn fn, void *ctx)
{
	struct lint l = { NULL, NULL, fn, ctx, 0, 0 };
	check_concept(&l, c);
	return l.errors;
}

int kb_concept_check(const struct kb_concept *c, struct err *err)
{
	struct first_error f = { "", "", 0 };
	struct lint l = { NULL, NULL, keep_first_error, &f, 0, 0 };
	check_concept(&l, c);
	if (f.found)
		return err_set(err, "", 0, "%s: %s", f.key, f.msg);
	return 0;
}

/* ---- the vocabulary as a whole ---- */

static int check_labels(const struct kb_vocab *v, struct lint *l)
{
	struct lab *labs = NULL;
	size_t n = 0, cap = 0;
	int rc = 0;
	for (size_t i = 0; i < v->n && rc == 0; i++) {
		const struct kb_concept *c = &v->items[i];
		const struct { const char *kind; const struct strv *sv; } groups[] = {
			{ "abbrev", &c->abbreviations }, { "alt", &c->alt_labels },
			{ "hidden", &c->hidden_labels },
		};
		const char *one[1] = { c->pref_label };
		for (int g = -1; g < 3 && rc == 0; g++) {
			char *const *texts = g < 0 ? (char *const *)one : groups[g].sv->v;
			size_t count = g < 0 ? 1 : groups[g].sv->n;
			const char *kind = g < 0 ? "pref" : groups[g].kind;
			for (size_t t = 0; t < count; t++) {
				struct buf k = BUF_INIT;
				if (norm_key(texts[t], strlen(texts[t]), &k) < 0 || k.len == 0) {
					buf_free(&k); /* check_concept reports it */
					continue;
				}
				if (n == cap) {
					size_t ncap = cap ? cap * 2 : 256;
					struct lab *more = realloc(labs, ncap * sizeof *labs);
					if (!more) {
						buf_free(&k);
						rc = -1;
						break;
					}
					labs = more;
					cap = ncap;
				}
				labs[n++] = (struct lab){ buf_detach(&k), texts[t], kind, i };
			}
		}
	}
	if (rc == 0 && n)
		qsort(labs, n, sizeof *labs, cmp_lab);
	for (size_t a = 0; a < n && rc == 0; a++) {
		for (size_t b = a + 1; b < n && !strcmp(labs[a].key, labs[b].key); b++) {
			if (labs[a].concept == labs[b].concept)
				continue;
			const struct kb_concept *ca = &v->items[labs[a].concept];
			const struct kb_concept *cb = &v->items[labs[b].concept];
			if (is_replacement(ca, cb))
				continue;
			/* Report on the concept that sorts first, naming the other; when a
			 * write is checked, on the concept written. */
			const struct lab *x = &labs[a], *y = &labs[b];
			if ((labs[a].concept > labs[b].concept && focused(l, cb)) ||
			    (!focused(l, ca) && focused(l, cb))) {
				x = &labs[b];
				y = &labs[a];
			}
			const struct kb_concept *cx = &v->items[x->concept], *cy = &v->items[y->concept];
			int hx = !strcmp(x->kind, "hidden"), hy = !strcmp(y->kind, "hidden");
			if (!strcmp(x->kind, "pref") && !strcmp(y->kind, "pref"))
				report(l, cx, cy, KB_ERROR, "duplicate-pref-label",
				       "preferred label '%s' is also the preferred label of %s", x->text,
				       cy->key);
			else if (hx && hy)
				report(l, cx, cy, KB_WARNING, "shared-hidden-label",
				       "hidden label '%s' is also a hidden label of %s", x->text, cy->key);
			else if (hx || hy)
				report(l, cx, cy, KB_ERROR, "hidden-label-displayed",
				       "label '%s' (%s) is a label of %s (%s): a hidden label must not be "
				       "displayed by another concept", x->text, kind_name(x->kind), cy->key,
				       kind_name(y->kind));
			else
				report(l, cx, cy, KB_ERROR, "shared-label",
				       "label '%s' (%s) is also a label of %s (%s)", x->text,
				       kind_name(x->kind), cy->key, kind_name(y->kind));
		}
	}
	for (size_t i = 0; i < n; i++)
		free(labs[i].key);
	free(labs);
	return rc;
}

/* Broader cycles: a depth-first walk with an explicit stack (a ring of
 * 200,000 concepts must not overflow the C stack); a link to a concept still
 * on the path closes a cycle, reported with the path when it concerns the
 * concepts in focus. */
enum { WHITE, GREY, BLACK };

struct frame {
	size_t item, next; /* the concept, and its next broader link to follow */
};

static int check_cycles(const struct kb_vocab *v, struct lint *l)
{
	unsigned char *colour = calloc(v->n ? v->n : 1, 1);
	struct frame *stack = malloc((v->n ? v->n : 1) * sizeof *stack);
	if (!colour || !stack) {
		free(colour);
		free(stack);
		return -1;
	}
	for (size_t root = 0; root < v->n && !l->stop; root++) {
		if (colour[root] != WHITE)
			continue;
		size_t depth = 0;
		stack[depth++] = (struct frame){ root, 0 };
		colour[root] = GREY;
		while (depth && !l->stop) {
			struct frame *f = &stack[depth - 1];
			const struct kb_concept *c = &v->items[f->item];
			if (f->next == c->broader.n) {
				colour[f->item] = BLACK;
				depth--;
				continue;
			}
			const struct kb_concept *t = kb_vocab_find(v, c->broader.v[f->next++]);
			if (!t || t == c)
				continue;
			size_t j = (size_t)(t - v->items);
			if (colour[j] == WHITE) {
				colour[j] = GREY;
				stack[depth++] = (struct frame){ j, 0 };
				continue;
			}
			if (colour[j] != GREY)
				continue;
			/* The cycle is the path from t to c, then back to t. */
			size_t from = depth;
			while (from && stack[from - 1].item != j)
				from--;
			from = from ? from - 1 : 0;
			size_t len = depth - from, first = 0;
			if (l->focus) {
				while (first < len && !focused(l, &v->items[stack[from + first].item]))
					first++;
				if (first == len)
					continue;
			}
			/* The cycle from its first concept in focus (or from t) round to it again. */
			char path[2048] = "";
			size_t used = 0;
			for (size_t s = 0; s <= len && used + 260 < sizeof path; s++) {
				if (len > 8 && s == 4) {
					used += (size_t)snprintf(path + used, sizeof path - used,
					                         "... (%zu more) -> ", len - 5);
					s = len - 2;
					continue;
				}
				const char *k = v->items[stack[from + (first + s) % len].item].key;
				used += (size_t)snprintf(path + used, sizeof path - used, "%s%s", k,
				                         s < len ? " -> " : "");
			}
			if (l->focus)
				report(l, &v->items[stack[from + first].item], NULL, KB_ERROR, "broader-cycle",
				       "broader links would form a cycle (%s)", path);
			else
				report(l, c, NULL, KB_ERROR, "broader-cycle",
				       "broader link to %s closes a cycle (%s)", t->key, path);
		}
	}
	free(colour);
	free(stack);
	return 0;
}

static int lint_vocab(const struct kb_vocab *v, struct lint *l)
{
	if (check_labels(v, l) < 0)
		return -1;
	for (size_t i = 0; i < v->n && !l->stop; i++) {
		const struct kb_concept *c = &v->items[i];
		check_concept(l, c);
		int deprecated = !strcmp(c->status, "deprecated");
		if (!*c->definition && !deprecated)
			report(l, c, NULL, KB_WARNING, "no-definition", "no definition");
		if (deprecated && !*c->replaced_by)
			report(l, c, NULL, KB_WARNING, "deprecated-without-replacement",
			       "deprecated without a replacement (replaced_by)");
		if (*c->replaced_by && strcmp(c->replaced_by, c->key)) {
			const struct kb_concept *r = kb_vocab_find(v, c->replaced_by);
			if (!r)
				report(l, c, NULL, KB_ERROR, "broken-replacement",
				       "replaced by unknown concept '%s'", c->replaced_by);
			else if (deprecated && !strcmp(r->status, "deprecated"))
				report(l, c, r, KB_WARNING, "replacement-deprecated",
				       "replaced by %s, which is deprecated too", r->key);
		}
		for (size_t b = 0; b < c->broader.n; b++) {
			if (strcmp(c->broader.v[b], c->key) && !kb_vocab_find(v, c->broader.v[b]))
				report(l, c, NULL, KB_ERROR, "broken-broader",
				       "broader names unknown concept '%s'", c->broader.v[b]);
			if (strv_contains(&c->related, c->broader.v[b]))
				report(l, c, NULL, KB_WARNING, "broader-and-related",
				       "%s is both broader and related", c->broader.v[b]);
		}
	}
	return check_cycles(v, l);
}

int kb_lint(struct kb *kb, kb_lint_fn fn, void *ctx, struct err *err)
{
	struct kb_vocab v;
	if (kb_vocab_load(kb, &v, err) < 0)
		return -1;
	struct lint l = { &v, NULL, fn, ctx, 0, 0 };
	int rc = lint_vocab(&v, &l);
	kb_vocab_free(&v);
	if (rc < 0)
		return err_set(err, kb->path, 0, "out of memory");
	return l.errors;
}

/* ---- labels that are ordinary words ---- */

/* An acronym to the gazetteer (at least two capitals, not fewer than
 * lower-case letters) matches only with its capitals. */
static int needs_capitals(const char *s)
{
	int upper = 0, lower = 0;
	for (; *s; s++) {
		upper += *s >= 'A' && *s <= 'Z';
		lower += *s >= 'a' && *s <= 'z';
	}
	return upper >= 2 && upper >= lower;
}

int kb_lint_words(struct kb *kb, const struct wordlist *wl, kb_lint_fn fn, void *ctx,
                  struct err *err)
{
	struct kb_vocab v;
	if (kb_vocab_load(kb, &v, err) < 0)
		return -1;
	int found = 0, stop = 0;
	for (size_t i = 0; i < v.n && !stop; i++) {
		const struct kb_concept *c = &v.items[i];
		if (strv_contains(&c->match, "ordinary-word") || strv_contains(&c->match, "context"))
			continue;
		int is_case = strv_contains(&c->match, "case");
		const struct { const char *kind; const struct strv *sv; } groups[] = {
			{ "abbrev", &c->abbreviations }, { "alt", &c->alt_labels },
			{ "hidden", &c->hidden_labels },
		};
		const char *one[1] = { c->pref_label };
		for (int g = -1; g < 3 && !stop; g++) {
			if (g == 2 && strv_contains(&c->match, "hidden-context"))
				continue;
			char *const *texts = g < 0 ? (char *const *)one : groups[g].sv->v;
			size_t count = g < 0 ? 1 : groups[g].sv->n;
			const char *kind = kind_name(g < 0 ? "pref" : groups[g].kind);
			for (size_t t = 0; t < count && !stop; t++) {
				const char *s = texts[t];
				if (strpbrk(s, " \t")) /* a phrase, not a word */
					continue;
				/* as the gazetteer matches it: as written (case, an acronym's
				 * capitals) or in any case */
				int hit = is_case || needs_capitals(s) ? wl_has(wl, s, strlen(s))
				                                       : wl_has_any_case(wl, s);
				if (!hit)
					continue;
				found++;
				char msg[600];
				snprintf(msg, sizeof msg,
				         "%s label '%.200s' is an ordinary German word (match flag "
				         "context or hidden-context, or ordinary-word to accept it)",
				         kind, s);
				stop = fn(c->key, KB_WARNING, "ordinary-word", msg, ctx) != 0;
			}
		}
	}
	kb_vocab_free(&v);
	return found;
}

/* ---- writes ---- */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int kb_validate_written(struct kb *kb, struct err *err)
{
	kb->bad_key[0] = '\0';
	if (kb->written.n == 0)
		return 0;
	struct kb_vocab v;
	if (kb_vocab_load(kb, &v, err) < 0)
		return -1;
	unsigned char *focus = calloc(v.n ? v.n : 1, 1);
	if (!focus) {
		kb_vocab_free(&v);
		return err_set(err, kb->path, 0, "out of memory");
	}
	qsort(kb->written.v, kb->written.n, sizeof *kb->written.v, cmp_str);
	for (size_t i = 0; i < kb->written.n; i++) {
		const struct kb_concept *c = kb_vocab_find(&v, kb->written.v[i]);
		if (c)
			focus[c - v.items] = 1;
	}
	struct first_error f = { "", "", 0 };
	struct lint l = { &v, focus, keep_first_error, &f, 0, 0 };
	int rc = lint_vocab(&v, &l);
	free(focus);
	kb_vocab_free(&v);
	if (rc < 0)
		return err_set(err, kb->path, 0, "out of memory");
	if (!f.found)
		return 0;
	snprintf(kb->bad_key, sizeof kb->bad_key, "%s", f.key);
	return err_set(err, "", 0, "%s: %s", f.key, f.msg);
}
