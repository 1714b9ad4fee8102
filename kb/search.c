/* search.c - full-text search over labels and definitions (FTS5).
 *
 * Table concept_fts (schema.c, version 3) holds one row per concept with
 * rowid = concept.id. Column raw has the labels and the definition as
 * written; its tokenizer drops diacritics, so "Konnexitat" finds
 * "Konnexität". Column folded has the same text through norm_text (ä as ae,
 * ß as ss), so "Konnexitaet" finds it too, plus each label's norm_key, so
 * "Deutschlandstack" finds "Deutschland-Stack". Queries are normalised with
 * norm_text, each word a prefix.
 *
 * Typos: after the full-text hits, concepts one of whose labels is within a
 * small edit distance of the query (optimal string alignment over code
 * points of the norm_key forms, so "IT-Planugsrat" is one edit from
 * "IT-Planungsrat"; a long query may also be a mistyped start of a label)
 * follow, closest first. Exact hits always rank first. */
#include "kb_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "../common/buf.h"
#include "../extract/norm.h"

static int sql_fail(struct kb *kb, struct err *err, const char *what)
{
	return err_set(err, kb->path, 0, "%s: %s", what, sqlite3_errmsg(kb->db));
}

/* Appends norm_text (and, for labels, norm_key) of each \x1f-separated part. */
static int fold_parts(const char *s, int with_key, struct buf *out)
{
	while (s && *s) {
		const char *sep = strchr(s, '\x1f');
		size_t n = sep ? (size_t)(sep - s) : strlen(s);
		/* Text that is not valid UTF-8 stays out of the folded column only. */
		if (buf_putc(out, ' ') < 0)
			return -1;
		size_t mark = out->len;
		if (norm_text(s, n, out) < 0)
			out->len = mark;
		if (with_key) {
			if (buf_putc(out, ' ') < 0)
				return -1;
			mark = out->len;
			if (norm_key(s, n, out) < 0)
				out->len = mark;
		}
		if (out->data)
			out->data[out->len] = '\0';
		s += n + (sep ? 1 : 0);
	}
	return 0;
}

int kb_search_forget(struct kb *kb, const char *key, struct err *err)
{
	/* The id first: FTS5 deletes by a plain rowid fast, by a subquery with a scan. */
	sqlite3_stmt *q = kb_stmt(kb, ST_CUR_FTS_FORGET, "SELECT id FROM concept WHERE key = ?1", err);
	if (!q)
		return -1;
	sqlite3_bind_text(q, 1, key, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return sql_fail(kb, err, "cannot update the search index");
	sqlite3_int64 id = sqlite3_column_int64(q, 0);
	sqlite3_reset(q);
	sqlite3_stmt *st = kb_stmt(kb, ST_CUR_FTS_DELETE, "DELETE FROM concept_fts WHERE rowid = ?1",
	                           err);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_DONE)
		return sql_fail(kb, err, "cannot update the search index");
	return 0;
}

int kb_search_sync(struct kb *kb, const char *key, struct err *err)
{
	sqlite3_stmt *src = kb_stmt(kb, ST_CUR_FTS_SOURCE,
		"SELECT c.id,"
		" (SELECT text FROM label WHERE concept_id = c.id AND kind = 'pref'),"
		" (SELECT group_concat(text, char(31)) FROM"
		"   (SELECT text FROM label WHERE concept_id = c.id ORDER BY position)),"
		" (SELECT group_concat(text, char(31)) FROM definition WHERE concept_id = c.id)"
		" FROM concept c WHERE c.key = ?1", err);
	if (!src)
		return -1;
	sqlite3_bind_text(src, 1, key, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(src);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return sql_fail(kb, err, "cannot read a concept for the search index");
	sqlite3_int64 id = sqlite3_column_int64(src, 0);
	const char *pref = (const char *)sqlite3_column_text(src, 1);
	const char *labels = (const char *)sqlite3_column_text(src, 2);
	const char *defs = (const char *)sqlite3_column_text(src, 3);
	struct buf raw = BUF_INIT, folded = BUF_INIT;
	int bad = 0;
	/* raw: the parts separated by newlines (the unit separator is no token break). */
	for (const char *p = labels ? labels : ""; *p && !bad; p++)
		bad = buf_putc(&raw, *p == '\x1f' ? '\n' : *p) < 0;
	if (!bad && defs && *defs) {
		bad = buf_putc(&raw, '\n') < 0;
		for (const char *p = defs; *p && !bad; p++)
			bad = buf_putc(&raw, *p == '\x1f' ? '\n' : *p) < 0;
	}
	if (!bad)
		bad = fold_parts(labels, 1, &folded) < 0 || fold_parts(defs, 0, &folded) < 0;
	char *pref_copy = bad ? NULL : strdup(pref ? pref : "");
	sqlite3_reset(src);
	if (bad || !pref_copy) {
		buf_free(&raw);
		buf_free(&folded);
		return err_set(err, kb->path, 0, "out of memory");
	}
	rc = -1;
	sqlite3_stmt *del = kb_stmt(kb, ST_CUR_FTS_DELETE,
		"DELETE FROM concept_fts WHERE rowid = ?1", err);
	if (del) {
		sqlite3_bind_int64(del, 1, id);
		if (sqlite3_step(del) != SQLITE_DONE)
			sql_fail(kb, err, "cannot update the search index");
		else {
			sqlite3_stmt *ins = kb_stmt(kb, ST_CUR_FTS_INSERT,
				"INSERT INTO concept_fts (rowid, key, pref, raw, folded)"
				" VALUES (?1, ?2, ?3, ?4, ?5)", err);
			if (ins) {
				sqlite3_bind_int64(ins, 1, id);
				sqlite3_bind_text(ins, 2, key, -1, SQLITE_TRANSIENT);
				sqlite3_bind_text(ins, 3, pref_copy, -1, SQLITE_TRANSIENT);
				sqlite3_bind_text(ins, 4, buf_cstr(&raw), -1, SQLITE_TRANSIENT);
				sqlite3_bind_text(ins, 5, buf_cstr(&folded), -1, SQLITE_TRANSIENT);
				rc = sqlite3_step(ins) == SQLITE_DONE
				         ? 0 : sql_fail(kb, err, "cannot update the search index");
			}
		}
	}
	free(pref_copy);
	buf_free(&raw);
	buf_free(&folded);
	return rc;
}

int kb_search_rebuild(struct kb *kb, struct err *err)
{
	if (sqlite3_exec(kb->db, "DELETE FROM concept_fts", NULL, NULL, NULL) != SQLITE_OK)
		return sql_fail(kb, err, "cannot rebuild the search index");
	struct strv keys = { NULL, 0 };
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(kb->db, "SELECT key FROM concept ORDER BY id", -1, &st, NULL) !=
	    SQLITE_OK)
		return sql_fail(kb, err, "cannot rebuild the search index");
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (strv_push(&keys, (const char *)sqlite3_column_text(st, 0)) < 0) {
			sqlite3_finalize(st);
			strv_free(&keys);
			return err_set(err, kb->path, 0, "out of memory");
		}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		strv_free(&keys);
		return sql_fail(kb, err, "cannot rebuild the search index");
	}
	for (size_t i = 0; i < keys.n; i++)
		if (kb_search_sync(kb, keys.v[i], err) < 0) {
			strv_free(&keys);
			return -1;
		}
	strv_free(&keys);
	return 0;
}

/* Builds the FTS5 query: each word normalised, quoted, as a prefix; words
 * without a letter or digit are left out. */
static int build_query(const char *query, struct buf *out)
{
	const char *s = query;
	while (*s) {
		while (*s && isspace((unsigned char)*s))
			s++;
		const char *w = s;
		while (*s && !isspace((unsigned char)*s))
			s++;
		if (s == w)
			break;
		struct buf n = BUF_INIT;
		if (norm_text(w, (size_t)(s - w), &n) < 0) {
			buf_free(&n);
			return -1;
		}
		int has_alnum = 0;
		for (const char *p = buf_cstr(&n); *p; p++)
			if (isalnum((unsigned char)*p) || (unsigned char)*p >= 0x80)
				has_alnum = 1;
		int bad = 0;
		if (has_alnum) {
			bad = (out->len && buf_putc(out, ' ') < 0) || buf_putc(out, '"') < 0;
			for (const char *p = buf_cstr(&n); *p && !bad; p++)
				bad = (*p == '"' && buf_putc(out, '"') < 0) || buf_putc(out, *p) < 0;
			bad = bad || buf_puts(out, "\"*") < 0;
		}
		buf_free(&n);
		if (bad)
			return -1;
	}
	return 0;
}

static int is_token_byte(unsigned char c)
{
	return isalnum(c) || c >= 0x80;
}

/* The query's words, normalised, each '\0'-terminated in one buffer. */
static int query_words(const char *query, struct buf *out, size_t *n_words)
{
	*n_words = 0;
	for (const char *s = query; *s;) {
		while (*s && isspace((unsigned char)*s))
			s++;
		const char *w = s;
		while (*s && !isspace((unsigned char)*s))
			s++;
		if (s == w)
			break;
		struct buf n = BUF_INIT;
		if (norm_text(w, (size_t)(s - w), &n) < 0) {
			buf_free(&n);
			continue;
		}
		/* "IT-Dienstleister" marks the tokens "IT" and "Dienstleister" */
		for (size_t i = 0; i < n.len;) {
			while (i < n.len && !is_token_byte((unsigned char)n.data[i]))
				i++;
			size_t a = i;
			while (i < n.len && is_token_byte((unsigned char)n.data[i]))
				i++;
			if (i > a) {
				if (buf_append(out, n.data + a, i - a) < 0 || buf_putc(out, '\0') < 0) {
					buf_free(&n);
					return -1;
				}
				++*n_words;
			}
		}
		buf_free(&n);
	}
	return 0;
}

enum { SNIPPET_TOKENS = 12, SNIPPET_BEFORE = 2 };

/* The next token of text from *i: [*a, *i); 0 at the end. */
static int next_token(const char *text, size_t *i, size_t *a)
{
	while (text[*i] && !is_token_byte((unsigned char)text[*i]))
		++*i;
	if (!text[*i])
		return 0;
	*a = *i;
	while (text[*i] && is_token_byte((unsigned char)text[*i]))
		++*i;
	return 1;
}

/* Whether the token starts with one of the query's words (normalised). */
static int token_hits(const char *tok, size_t len, const char *words, size_t n_words,
                      struct buf *t)
{
	t->len = 0;
	if (norm_text(tok, len, t) < 0)
		return 0;
	for (size_t k = 0; k < n_words; k++, words += strlen(words) + 1)
		if (t->len >= strlen(words) && !memcmp(t->data, words, strlen(words)))
			return 1;
	return 0;
}

/* The snippet FTS5's snippet() gave, made in one pass (FTS5 compares every
 * hit with every other: quadratic in a long field): SNIPPET_TOKENS tokens
 * from shortly before the first token that starts with a query word (the
 * text's start when none does), those tokens in [ ], "…" where text is
 * left out, control characters as spaces. */
static int make_snippet(const char *text, const char *words, size_t n_words, struct buf *out)
{
	struct buf t = BUF_INIT;
	size_t recent[SNIPPET_BEFORE + 1] = { 0 }; /* starts of the last tokens */
	size_t i = 0, a, n = 0, start = 0;
	while (next_token(text, &i, &a)) {
		recent[n % (SNIPPET_BEFORE + 1)] = a;
		n++;
		if (token_hits(text + a, i - a, words, n_words, &t)) {
			start = n > SNIPPET_BEFORE ? recent[n % (SNIPPET_BEFORE + 1)] : recent[0];
			break;
		}
	}
	int bad = 0, first = 1;
	size_t prev_end = start;
	i = start;
	for (int k = 0; k < SNIPPET_TOKENS && !bad && next_token(text, &i, &a); k++) {
		if (first && a > 0)
			bad = buf_puts(out, "…") < 0;
		for (size_t j = first ? a : prev_end; j < a && !bad; j++)
			bad = buf_putc(out, (unsigned char)text[j] < 0x20 ? ' ' : text[j]) < 0;
		int is_hit = token_hits(text + a, i - a, words, n_words, &t);
		bad = bad || (is_hit && buf_putc(out, '[') < 0) || buf_append(out, text + a, i - a) < 0 ||
		      (is_hit && buf_putc(out, ']') < 0);
		prev_end = i;
		first = 0;
	}
	if (!bad && !first && next_token(text, &i, &a))
		bad = buf_puts(out, "…") < 0;
	buf_free(&t);
	return bad ? -1 : 0;
}

/* ---- typo tolerance ---- */

enum { FUZZY_MAX_CP = 128 };

/* Code points of s into out (at most FUZZY_MAX_CP); returns their number, or
 * -1 when s is longer or not valid UTF-8. */
static int decode(const char *s, utf8proc_int32_t *out)
{
	size_t len = strlen(s);
	int n = 0;
	utf8proc_ssize_t i = 0;
	while ((size_t)i < len) {
		utf8proc_int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
		                                      (utf8proc_ssize_t)(len - (size_t)i), &c);
		if (k <= 0 || n == FUZZY_MAX_CP)
			return -1;
		out[n++] = c;
		i += k;
	}
	return n;
}

/* The edit distance (insert, delete, substitute, swap two neighbours) from
 * q to t, or to the closest start of t when prefix is set; max + 1 as soon
 * as it must exceed max. */
static int osa_distance(const utf8proc_int32_t *q, int n, const utf8proc_int32_t *t, int m,
                        int prefix, int max)
{
	if (!prefix && abs(n - m) > max)
		return max + 1;
	int rows[3][FUZZY_MAX_CP + 1];
	int *pp = rows[0], *prev = rows[1], *cur = rows[2];
	/* Rows run over t, columns over q: the last column is the distance from all of q. */
	for (int i = 0; i <= n; i++)
		prev[i] = i;
	int best = prefix ? prev[n] : max + 1;
	for (int j = 1; j <= m; j++) {
		cur[0] = j;
		int row_min = cur[0];
		for (int i = 1; i <= n; i++) {
			int cost = q[i - 1] == t[j - 1] ? 0 : 1;
			int d = prev[i - 1] + cost;
			if (prev[i] + 1 < d)
				d = prev[i] + 1;
			if (cur[i - 1] + 1 < d)
				d = cur[i - 1] + 1;
			if (i > 1 && j > 1 && q[i - 1] == t[j - 2] && q[i - 2] == t[j - 1] &&
			    pp[i - 2] + 1 < d)
				d = pp[i - 2] + 1;
			cur[i] = d;
			if (d < row_min)
				row_min = d;
		}
		if (prefix && cur[n] < best)
			best = cur[n];
		if (row_min > max)
			return prefix && best <= max ? best : max + 1;
		int *tmp = pp;
		pp = prev;
		prev = cur;
		cur = tmp;
	}
	return prefix ? best : prev[n];
}

struct near {
	char *key, *pref, *label;
	int dist;
};

static int cmp_near(const void *a, const void *b)
{
	const struct near *x = a, *y = b;
	return x->dist != y->dist ? x->dist - y->dist : strcmp(x->key, y->key);
}

/* Calls fn for concepts not in seen whose labels come within the query's
 * allowance; returns the number of hits, or -1. */
static int fuzzy_hits(struct kb *kb, const char *query, int limit, const struct strv *seen,
                      kb_search_fn fn, void *ctx, struct err *err)
{
	struct buf k = BUF_INIT;
	utf8proc_int32_t q[FUZZY_MAX_CP], t[FUZZY_MAX_CP];
	int n = norm_key(query, strlen(query), &k) < 0 ? -1 : decode(buf_cstr(&k), q);
	buf_free(&k);
	if (n < 4)
		return 0; /* too short: every other acronym would be one edit away */
	int max = n <= 7 ? 1 : 2, prefix = n >= 8;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(kb->db,
	        "SELECT c.key, (SELECT text FROM label WHERE concept_id = c.id AND kind = 'pref'),"
	        " l.text, l.match_key FROM label l JOIN concept c ON c.id = l.concept_id"
	        " ORDER BY c.key, l.position", -1, &st, NULL) != SQLITE_OK)
		return sql_fail(kb, err, "cannot search");
	struct near *found = NULL;
	size_t nfound = 0, cap = 0;
	int rc, bad = 0;
	while (!bad && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *key = (const char *)sqlite3_column_text(st, 0);
		const char *mk = (const char *)sqlite3_column_text(st, 3);
		int m = mk ? decode(mk, t) : -1;
		if (m <= 0 || strv_contains(seen, key))
			continue;
		int d = osa_distance(q, n, t, m, prefix && m > n, max);
		if (d > max)
			continue;
		if (nfound && !strcmp(found[nfound - 1].key, key)) { /* rows come by key */
			if (d < found[nfound - 1].dist) {
				free(found[nfound - 1].label);
				found[nfound - 1].label = strdup((const char *)sqlite3_column_text(st, 2));
				found[nfound - 1].dist = d;
				bad = !found[nfound - 1].label;
			}
			continue;
		}
		if (nfound == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			struct near *more = realloc(found, ncap * sizeof *more);
			if (!more) {
				bad = 1;
				break;
			}
			found = more;
			cap = ncap;
		}
		const char *pref = (const char *)sqlite3_column_text(st, 1);
		struct near *h = &found[nfound++];
		h->key = strdup(key);
		h->pref = strdup(pref ? pref : "");
		h->label = strdup((const char *)sqlite3_column_text(st, 2));
		h->dist = d;
		bad = !h->key || !h->pref || !h->label;
	}
	sqlite3_finalize(st);
	int hits = 0;
	if (!bad && rc != SQLITE_DONE && rc != SQLITE_ROW)
		hits = sql_fail(kb, err, "cannot search");
	else if (bad)
		hits = err_set(err, kb->path, 0, "out of memory");
	else if (nfound)
		qsort(found, nfound, sizeof *found, cmp_near);
	for (size_t i = 0; i < nfound && hits >= 0 && (limit <= 0 || hits < limit); i++) {
		struct buf snip = BUF_INIT;
		if (buf_printf(&snip, "~[%s] (close to the query)", found[i].label) < 0) {
			buf_free(&snip);
			hits = err_set(err, kb->path, 0, "out of memory");
			break;
		}
		hits++;
		int stop = fn(found[i].key, found[i].pref, buf_cstr(&snip), ctx);
		buf_free(&snip);
		if (stop)
			break;
	}
	for (size_t i = 0; i < nfound; i++) {
		free(found[i].key);
		free(found[i].pref);
		free(found[i].label);
	}
	free(found);
	return hits;
}

/* Passes exact hits on and remembers their keys. */
struct exact_ctx {
	kb_search_fn fn;
	void *ctx;
	struct strv seen;
	int failed, stopped;
};

static int pass_exact(const char *key, const char *pref, const char *snippet, void *ctx_)
{
	struct exact_ctx *e = ctx_;
	if (strv_push(&e->seen, key) < 0) {
		e->failed = 1;
		return 1;
	}
	if (e->fn(key, pref, snippet, e->ctx))
		e->stopped = 1;
	return e->stopped;
}

static int exact_search(struct kb *kb, const char *query, int limit, kb_search_fn fn, void *ctx,
                        struct err *err);

int kb_search(struct kb *kb, const char *query, int limit, kb_search_fn fn, void *ctx,
              struct err *err)
{
	struct exact_ctx e = { fn, ctx, { NULL, 0 }, 0, 0 };
	int hits = exact_search(kb, query, limit, pass_exact, &e, err);
	if (hits >= 0 && e.failed)
		hits = err_set(err, kb->path, 0, "out of memory");
	if (hits >= 0 && !e.stopped && (limit <= 0 || hits < limit)) {
		int more = fuzzy_hits(kb, query, limit > 0 ? limit - hits : 0, &e.seen, fn, ctx, err);
		hits = more < 0 ? -1 : hits + more;
	}
	strv_free(&e.seen);
	return hits;
}

static int exact_search(struct kb *kb, const char *query, int limit, kb_search_fn fn, void *ctx,
                        struct err *err)
{
	struct buf q = BUF_INIT;
	if (build_query(query, &q) < 0) {
		buf_free(&q);
		return err_set(err, "", 0, "the query is not valid UTF-8");
	}
	if (q.len == 0) {
		buf_free(&q);
		return err_set(err, "", 0, "the query has no word to search for");
	}
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(kb->db,
	        "SELECT key, pref, raw"
	        " FROM concept_fts WHERE concept_fts MATCH ?1"
	        /* a concept the query names (a label equal to it, then one it begins)
	         * before those whose text merely mentions it */
	        " ORDER BY NOT EXISTS (SELECT 1 FROM label WHERE concept_id = concept_fts.rowid"
	        "   AND match_key = ?3),"
	        " NOT EXISTS (SELECT 1 FROM label WHERE concept_id = concept_fts.rowid"
	        "   AND substr(match_key, 1, length(?3)) = ?3),"
	        " bm25(concept_fts, 0, 0, 2.0, 1.0), key LIMIT ?2",
	        -1, &st, NULL) != SQLITE_OK) {
		buf_free(&q);
		return sql_fail(kb, err, "cannot search");
	}
	struct buf qkey = BUF_INIT;
	if (norm_key(query, strlen(query), &qkey) < 0 || buf_puts(&qkey, "") < 0) {
		buf_free(&q);
		buf_free(&qkey);
		sqlite3_finalize(st);
		return err_set(err, "", 0, "the query is not valid UTF-8");
	}
	sqlite3_bind_text(st, 1, buf_cstr(&q), -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 2, limit > 0 ? limit : -1);
	sqlite3_bind_text(st, 3, buf_cstr(&qkey), -1, SQLITE_TRANSIENT);
	buf_free(&q);
	buf_free(&qkey);
	struct buf words = BUF_INIT, snip = BUF_INIT;
	size_t n_words = 0;
	if (query_words(query, &words, &n_words) < 0) {
		sqlite3_finalize(st);
		buf_free(&words);
		return err_set(err, "", 0, "out of memory");
	}
	int rc, hits = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		hits++;
		const char *raw = (const char *)sqlite3_column_text(st, 2);
		snip.len = 0;
		if (make_snippet(raw ? raw : "", words.data ? words.data : "", n_words, &snip) < 0) {
			rc = SQLITE_NOMEM;
			break;
		}
		if (fn((const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
		       buf_cstr(&snip), ctx))
			break;
	}
	buf_free(&words);
	buf_free(&snip);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		sql_fail(kb, err, "cannot search");
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return hits;
}
