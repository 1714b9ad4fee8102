/* vocab_view.c - a view of the vocabulary that holds only some concepts,
 * for export --approved-only: every writer (CSV, SKOS, TBX) takes the view
 * as it takes the whole vocabulary. Links to concepts outside the view
 * (broader, related, replaced_by) are dropped, so nothing points at a
 * concept the export does not hold and the CSV imports on its own. */
#include <stdlib.h>

#include "exports.h"

/* The keys of keys that name a concept in view; the strings stay borrowed. */
static int keep_keys(const struct kb_vocab *view, const struct strv *keys, struct strv *out)
{
	out->v = NULL;
	out->n = 0;
	if (!keys->n)
		return 0;
	if (!(out->v = calloc(keys->n, sizeof *out->v)))
		return -1;
	for (size_t i = 0; i < keys->n; i++)
		if (kb_vocab_find(view, keys->v[i]))
			out->v[out->n++] = keys->v[i];
	return 0;
}

static char no_key[1];

int vocab_view_approved(const struct kb_vocab *v, struct kb_vocab *view, struct err *err)
{
	view->n = 0;
	view->items = calloc(v->n ? v->n : 1, sizeof *view->items);
	if (!view->items)
		return err_set(err, NULL, 0, "out of memory");
	/* v is sorted by key, so the view is too and kb_vocab_find works on it. */
	for (size_t i = 0; i < v->n; i++)
		if (gl_is_approved(&v->items[i]))
			view->items[view->n++] = v->items[i];
	for (size_t i = 0; i < view->n; i++) {
		struct kb_concept *c = &view->items[i];
		struct strv broader, related;
		int rc = keep_keys(view, &c->broader, &broader);
		if (rc == 0 && keep_keys(view, &c->related, &related) < 0) {
			free(broader.v);
			rc = -1;
		}
		if (rc < 0) {
			/* The concepts before i own their lists; the rest still borrow v's. */
			view->n = i;
			vocab_view_free(view);
			return err_set(err, NULL, 0, "out of memory");
		}
		c->broader = broader;
		c->related = related;
		if (c->replaced_by && c->replaced_by[0] && !kb_vocab_find(view, c->replaced_by))
			c->replaced_by = no_key;
	}
	return 0;
}

void vocab_view_free(struct kb_vocab *view)
{
	if (!view)
		return;
	for (size_t i = 0; i < view->n; i++) {
		free(view->items[i].broader.v);
		free(view->items[i].related.v);
	}
	free(view->items);
	view->items = NULL;
	view->n = 0;
}
