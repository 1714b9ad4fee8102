/* lint.c - quality checks on the vocabulary, in the spirit of qSKOS.
 *
 * Errors: a label shared by two concepts (displayed by both, or hidden on one
 * and displayed on the other; labels compare by norm_key, as the gazetteer
 * matches them), duplicate preferred labels, empty labels, approved concepts
 * without definition source, malformed source URLs, broader links to
 * themselves or in a cycle, a replacement that does not exist. Warnings: no
 * definition, a deprecated concept without replacement, a hidden label two
 * concepts share, a concept both broader and related to another.
 * related is symmetric in the model (exports resolve the inverse), so a link
 * declared on one side only is no finding. A deprecated concept's labels that
 * its replacement also carries are expected (term merge leaves them so). */
#include "kb_internal.h"

#include <stdlib.h>
#include <string.h>

#include "../common/buf.h"
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

struct lint {
	kb_lint_fn fn;
	void *ctx;
	int errors;
	int stop;
};

static void report(struct lint *l, const char *key, enum kb_severity sev, const char *check,
                   const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static void report(struct lint *l, const char *key, enum kb_severity sev, const char *check,
                   const char *fmt, ...)
{
	if (l->stop)
		return;
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (sev == KB_ERROR)
		l->errors++;
	if (l->fn(key, sev, check, msg, l->ctx))
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
				if (is_blank(texts[t]) || norm_key(texts[t], strlen(texts[t]), &k) < 0 ||
				    k.len == 0) {
					buf_free(&k);
					report(l, c->key, KB_ERROR, "empty-label", "empty %s label '%s'",
					       kind, texts[t]);
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
	if (rc == 0)
		qsort(labs, n, sizeof *labs, cmp_lab);
	for (size_t a = 0; a < n && rc == 0; a++) {
		for (size_t b = a + 1; b < n && !strcmp(labs[a].key, labs[b].key); b++) {
			if (labs[a].concept == labs[b].concept)
				continue;
			const struct kb_concept *ca = &v->items[labs[a].concept];
			const struct kb_concept *cb = &v->items[labs[b].concept];
			if (is_replacement(ca, cb))
				continue;
			/* Report on the concept that sorts first, naming the other. */
			const struct lab *x = &labs[a], *y = &labs[b];
			if (labs[a].concept > labs[b].concept) {
				x = &labs[b];
				y = &labs[a];
			}
			const struct kb_concept *cx = &v->items[x->concept], *cy = &v->items[y->concept];
			int hx = !strcmp(x->kind, "hidden"), hy = !strcmp(y->kind, "hidden");
			if (!strcmp(x->kind, "pref") && !strcmp(y->kind, "pref"))
				report(l, cx->key, KB_ERROR, "duplicate-pref-label",
				       "preferred label '%s' is also the preferred label of %s", x->text,
				       cy->key);
			else if (hx && hy)
				report(l, cx->key, KB_WARNING, "shared-hidden-label",
				       "hidden label '%s' is also a hidden label of %s", x->text, cy->key);
			else if (hx || hy)
				report(l, cx->key, KB_ERROR, "hidden-label-displayed",
				       "label '%s' (%s) is a label of %s (%s): a hidden label must not be "
				       "displayed by another concept", x->text, kind_name(x->kind), cy->key,
				       kind_name(y->kind));
			else
				report(l, cx->key, KB_ERROR, "shared-label",
				       "label '%s' (%s) is also a label of %s (%s)", x->text,
				       kind_name(x->kind), cy->key, kind_name(y->kind));
		}
	}
	for (size_t i = 0; i < n; i++)
		free(labs[i].key);
	free(labs);
	return rc;
}

/* Colours for the cycle search over broader links. */
enum { WHITE, GREY, BLACK };

static void walk_broader(const struct kb_vocab *v, size_t i, unsigned char *colour,
                         struct lint *l)
{
	colour[i] = GREY;
	const struct kb_concept *c = &v->items[i];
	for (size_t b = 0; b < c->broader.n; b++) {
		const struct kb_concept *t = kb_vocab_find(v, c->broader.v[b]);
		if (!t)
			continue;
		size_t j = (size_t)(t - v->items);
		if (colour[j] == GREY)
			report(l, c->key, KB_ERROR, "broader-cycle",
			       "broader link to %s closes a cycle", t->key);
		else if (colour[j] == WHITE)
			walk_broader(v, j, colour, l);
	}
	colour[i] = BLACK;
}

int kb_lint(struct kb *kb, kb_lint_fn fn, void *ctx, struct err *err)
{
	struct kb_vocab v;
	if (kb_vocab_load(kb, &v, err) < 0)
		return -1;
	struct lint l = { fn, ctx, 0, 0 };
	if (check_labels(&v, &l) < 0) {
		kb_vocab_free(&v);
		return err_set(err, kb->path, 0, "out of memory");
	}
	for (size_t i = 0; i < v.n; i++) {
		const struct kb_concept *c = &v.items[i];
		int deprecated = !strcmp(c->status, "deprecated");
		if (!*c->definition && !deprecated)
			report(&l, c->key, KB_WARNING, "no-definition", "no definition");
		if (!strcmp(c->status, "approved") && (!*c->source || !*c->source_url))
			report(&l, c->key, KB_ERROR, "approved-without-source",
			       "approved, but the definition has no source %s",
			       !*c->source && !*c->source_url ? "(title and URL)"
			       : !*c->source                  ? "title" : "URL");
		if (!strcmp(c->status, "approved") && !*c->definition)
			report(&l, c->key, KB_ERROR, "approved-without-definition",
			       "approved, but has no definition");
		if (*c->source_url && !kb_url_is_valid(c->source_url))
			report(&l, c->key, KB_ERROR, "malformed-url",
			       "malformed source URL '%s' (http or https with a host)", c->source_url);
		if (deprecated && !*c->replaced_by)
			report(&l, c->key, KB_WARNING, "deprecated-without-replacement",
			       "deprecated without a replacement (replaced_by)");
		if (*c->replaced_by) {
			const struct kb_concept *r = kb_vocab_find(&v, c->replaced_by);
			if (!r)
				report(&l, c->key, KB_ERROR, "broken-replacement",
				       "replaced by unknown concept '%s'", c->replaced_by);
			else if (!deprecated)
				report(&l, c->key, KB_ERROR, "replacement-not-deprecated",
				       "has a replacement (%s) but is %s", c->replaced_by, c->status);
			else if (!strcmp(r->status, "deprecated"))
				report(&l, c->key, KB_WARNING, "replacement-deprecated",
				       "replaced by %s, which is deprecated too", r->key);
		}
		for (size_t b = 0; b < c->broader.n; b++) {
			if (!strcmp(c->broader.v[b], c->key))
				report(&l, c->key, KB_ERROR, "broader-self", "broader than itself");
			else if (!kb_vocab_find(&v, c->broader.v[b]))
				report(&l, c->key, KB_ERROR, "broken-broader",
				       "broader names unknown concept '%s'", c->broader.v[b]);
			if (strv_contains(&c->related, c->broader.v[b]))
				report(&l, c->key, KB_WARNING, "broader-and-related",
				       "%s is both broader and related", c->broader.v[b]);
		}
		for (size_t r = 0; r < c->related.n; r++)
			if (!strcmp(c->related.v[r], c->key))
				report(&l, c->key, KB_ERROR, "related-self", "related to itself");
	}
	unsigned char *colour = calloc(v.n ? v.n : 1, 1);
	if (!colour) {
		kb_vocab_free(&v);
		return err_set(err, kb->path, 0, "out of memory");
	}
	for (size_t i = 0; i < v.n; i++)
		if (colour[i] == WHITE)
			walk_broader(&v, i, colour, &l);
	free(colour);
	kb_vocab_free(&v);
	return l.errors;
}
