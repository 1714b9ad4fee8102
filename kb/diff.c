/* diff.c - field-level differences between two states of a concept.
 *
 * The history stores whole states (JSON); editors want to read "definition
 * changed from ... to ...", "alt_labels: + Onlinezugangsgesetz". Fields are
 * the columns of glossary.csv in their order; multi-valued fields compare as
 * sets (a value that only moved is no change). */
#include "kb_internal.h"

#include <stdlib.h>
#include <string.h>

static const char *str_or_empty(const char *s)
{
	return s ? s : "";
}

static int scalar(const char *field, const char *a, const char *b, int a_absent, int b_absent,
                  kb_diff_fn fn, void *ctx, int *n)
{
	if (!strcmp(str_or_empty(a), str_or_empty(b)))
		return 0;
	struct kb_field_diff d = { field, KB_DIFF_CHANGED, a_absent ? NULL : str_or_empty(a),
		                   b_absent ? NULL : str_or_empty(b) };
	(*n)++;
	return fn ? fn(&d, ctx) : 0;
}

static int list(const char *field, const struct strv *a, const struct strv *b, kb_diff_fn fn,
                void *ctx, int *n)
{
	static const struct strv none = { NULL, 0 };
	if (!a)
		a = &none;
	if (!b)
		b = &none;
	for (size_t i = 0; i < a->n; i++)
		if (!strv_contains(b, a->v[i])) {
			struct kb_field_diff d = { field, KB_DIFF_REMOVED, a->v[i], NULL };
			(*n)++;
			if (fn && fn(&d, ctx))
				return 1;
		}
	for (size_t i = 0; i < b->n; i++)
		if (!strv_contains(a, b->v[i])) {
			struct kb_field_diff d = { field, KB_DIFF_ADDED, NULL, b->v[i] };
			(*n)++;
			if (fn && fn(&d, ctx))
				return 1;
		}
	return 0;
}

int kb_concept_diff(const struct kb_concept *a, const struct kb_concept *b, kb_diff_fn fn,
                    void *ctx)
{
	int n = 0, na = a == NULL, nb = b == NULL;
#define S(f) scalar(#f, a ? a->f : NULL, b ? b->f : NULL, na, nb, fn, ctx, &n)
#define L(f) list(#f, a ? &a->f : NULL, b ? &b->f : NULL, fn, ctx, &n)
	(void)(S(key) || S(type) || S(pref_label) || L(abbreviations) || L(alt_labels) ||
	       L(hidden_labels) || S(definition) || S(source) || S(source_url) || L(broader) ||
	       L(related) || S(status) || L(match) || S(replaced_by) || L(exact_match) ||
	       L(close_match) || S(pref_label_en) || L(alt_labels_en) || S(definition_en));
#undef S
#undef L
	return n;
}

int kb_snapshot_diff(struct kb *kb, const char *before, const char *after, kb_diff_fn fn,
                     void *ctx, struct err *err)
{
	struct kb_concept a, b;
	kb_concept_init(&a);
	kb_concept_init(&b);
	if (before && kb_concept_from_json(kb, before, &a, err) < 0)
		return -1;
	if (after && kb_concept_from_json(kb, after, &b, err) < 0) {
		kb_concept_free(&a);
		return -1;
	}
	int n = kb_concept_diff(before ? &a : NULL, after ? &b : NULL, fn, ctx);
	kb_concept_free(&a);
	kb_concept_free(&b);
	return n;
}
