/* search.c - search that forgives misspellings: the query through the
 * extractor's normaliser (case, umlauts, hyphens and spaces folded), then
 * compared with every label, hidden ones included (they are matched, never
 * shown): equal, a prefix, inside, or a few edits away (Damerau-Levenshtein,
 * more edits for longer words); the extractor with --fuzzy also runs over
 * the query, so labels inside a longer query and speech-recognition variants
 * count; definitions last. Exact hits first. */
#include <stdlib.h>
#include <string.h>

#include "../extract/norm.h"
#include "srv.h"

struct acc {
	struct hit *best; /* per concept, score < 0 when none */
	const struct snap *sn;
};

static void offer(struct acc *a, size_t concept, double score, enum hit_kind kind,
                  const char *label, enum gz_label_kind lk)
{
	struct hit *h = &a->best[concept];
	if (h->score >= 0 && h->score <= score)
		return;
	*h = (struct hit){ concept, score, kind, lk == GZ_HIDDEN ? NULL : label, lk };
}

static int on_mention(const struct ex_mention *m, void *ctx)
{
	struct acc *a = ctx;
	long i = snap_find(a->sn, m->concept);
	if (i < 0)
		return 0;
	int is_fuzzy = !strcmp(m->method, "fuzzy");
	/* which label kind matched: hidden labels stay hidden */
	enum gz_label_kind lk = GZ_HIDDEN;
	const struct kb_concept *c = &a->sn->v.items[i];
	if (!strcmp(m->label, c->pref_label))
		lk = GZ_PREF;
	else if (strv_contains(&c->abbreviations, m->label))
		lk = GZ_ABBREV;
	else if (strv_contains(&c->alt_labels, m->label))
		lk = GZ_ALT;
	offer(a, (size_t)i, is_fuzzy ? 35 : 25, is_fuzzy ? HIT_FUZZY : HIT_INSIDE, m->label, lk);
	return 0;
}

static __thread const struct snap *tl_snap;

static int by_score(const void *x, const void *y)
{
	const struct hit *a = x, *b = y;
	if (a->score != b->score)
		return a->score < b->score ? -1 : 1;
	return gl_collate(tl_snap->v.items[a->concept].pref_label,
	                  tl_snap->v.items[b->concept].pref_label);
}

long srv_search(const struct snap *sn, const char *q, struct hit *hits, size_t max)
{
	struct buf key = BUF_INIT, text = BUF_INIT;
	if (!q || norm_key(q, strlen(q), &key) < 0 || norm_text(q, strlen(q), &text) < 0 ||
	    key.len == 0) {
		buf_free(&key);
		buf_free(&text);
		return 0;
	}
	struct acc a = { calloc(sn->v.n ? sn->v.n : 1, sizeof *a.best), sn };
	if (!a.best) {
		buf_free(&key);
		buf_free(&text);
		return -1;
	}
	for (size_t i = 0; i < sn->v.n; i++)
		a.best[i].score = -1;
	const char *qk = key.data;
	size_t qn = key.len;
	int limit = qn < 4 ? 0 : qn < 7 ? 1 : qn < 12 ? 2 : 3;
	static const double kind_penalty[] = { [GZ_PREF] = 0, [GZ_ALT] = 0.2, [GZ_ABBREV] = 0.1,
	                                       [GZ_HIDDEN] = 0.3 };
	for (size_t j = 0; j < sn->n_labels; j++) {
		const struct search_label *l = &sn->labels[j];
		size_t ln = strlen(l->norm);
		double pen = kind_penalty[l->kind];
		if (ln == qn && !memcmp(l->norm, qk, qn)) {
			offer(&a, l->concept, 0 + pen, HIT_EXACT, l->text, l->kind);
		} else if (qn >= 2 && ln > qn && !memcmp(l->norm, qk, qn)) {
			offer(&a, l->concept, 10 + pen + (double)(ln - qn) / 100, HIT_PREFIX, l->text, l->kind);
		} else if (qn >= 3 && ln > qn && strstr(l->norm, qk)) {
			offer(&a, l->concept, 20 + pen, HIT_INSIDE, l->text, l->kind);
		} else if (limit) {
			int d = ex_osa_distance(qk, qn, l->norm, ln, limit);
			if (d <= limit)
				offer(&a, l->concept, 30 + d + pen, HIT_FUZZY, l->text, l->kind);
		}
	}
	struct ex_options xo = { 0 };
	int warnings = 0;
	xo.fuzzy = 1;
	xo.warnings = &warnings;
	xo.warn = NULL;
	struct err err;
	/* problems are impossible here (valid UTF-8, not empty); a failure only
	 * means fewer hits */
	if (text.len)
		ex_extract_mem(sn->gz, "query", "txt", q, strlen(q), &xo, on_mention, &a, &err);
	if (text.len >= 4)
		for (size_t i = 0; i < sn->v.n; i++)
			if (sn->cv[i].def_norm && strstr(sn->cv[i].def_norm, text.data))
				offer(&a, i, 50, HIT_DEFINITION, NULL, GZ_PREF);
	size_t n = 0;
	for (size_t i = 0; i < sn->v.n; i++)
		if (a.best[i].score >= 0)
			a.best[n++] = a.best[i];
	tl_snap = sn;
	qsort(a.best, n, sizeof *a.best, by_score);
	if (n > max)
		n = max;
	memcpy(hits, a.best, n * sizeof *hits);
	free(a.best);
	buf_free(&key);
	buf_free(&text);
	return (long)n;
}
