/* mentions.c - documents and the mentions the extractor found in them.
 * Recording a document again replaces its mentions, so re-extracting a
 * changed document leaves exactly its current mentions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kb_internal.h"

enum { M_DOC_UPSERT, M_FORGET, M_CONCEPT, M_INSERT, M_VERSION, M_COUNT };

static const char *const mention_sql[M_COUNT] = {
	[M_DOC_UPSERT] = "INSERT INTO document (path, size, hash, format, extracted)"
	                 " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (path) DO UPDATE SET"
	                 " size = ?2, hash = ?3, format = ?4, extracted = ?5 RETURNING id",
	[M_FORGET] = "DELETE FROM mention WHERE document_id = ?1",
	[M_CONCEPT] = "SELECT id FROM concept WHERE key = ?1",
	[M_INSERT] = "INSERT INTO mention (document_id, concept_id, start, end, line, col,"
	             " surface, label, method, score) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
	[M_VERSION] = "UPDATE document SET size = ?2, hash = ?3 WHERE id = ?1",
};

struct kb_mentions {
	struct kb *kb;
	sqlite3_stmt *st[M_COUNT];
	long long doc_id;
	char *last_concept; /* a one-entry cache: mentions of one concept come in runs */
	long long last_concept_id;
};

static int db_fail(struct kb *kb, struct err *err)
{
	return err_set(err, kb_path(kb), 0, "database error: %s", sqlite3_errmsg(kb_sqlite(kb)));
}

struct kb_mentions *kb_mentions_new(struct kb *kb, struct err *err)
{
	struct kb_mentions *w = calloc(1, sizeof *w);
	if (!w) {
		err_set(err, kb_path(kb), 0, "out of memory");
		return NULL;
	}
	w->kb = kb;
	for (int i = 0; i < M_COUNT; i++)
		if (sqlite3_prepare_v2(kb_sqlite(kb), mention_sql[i], -1, &w->st[i], NULL) != SQLITE_OK) {
			db_fail(kb, err);
			kb_mentions_free(w);
			return NULL;
		}
	return w;
}

void kb_mentions_free(struct kb_mentions *w)
{
	if (!w)
		return;
	for (int i = 0; i < M_COUNT; i++)
		sqlite3_finalize(w->st[i]);
	free(w->last_concept);
	free(w);
}

int kb_mentions_doc(struct kb_mentions *w, const char *path, long long size, const char *hash,
                    const char *format, struct err *err)
{
	char now[32];
	kb_now(now);
	sqlite3_stmt *s = w->st[M_DOC_UPSERT];
	sqlite3_reset(s);
	if (sqlite3_bind_text(s, 1, path, -1, SQLITE_TRANSIENT) != SQLITE_OK ||
	    sqlite3_bind_int64(s, 2, size) != SQLITE_OK ||
	    sqlite3_bind_text(s, 3, hash, -1, SQLITE_TRANSIENT) != SQLITE_OK ||
	    sqlite3_bind_text(s, 4, format, -1, SQLITE_TRANSIENT) != SQLITE_OK ||
	    sqlite3_bind_text(s, 5, now, -1, SQLITE_TRANSIENT) != SQLITE_OK ||
	    sqlite3_step(s) != SQLITE_ROW)
		return db_fail(w->kb, err);
	w->doc_id = sqlite3_column_int64(s, 0);
	if (sqlite3_step(s) != SQLITE_DONE)
		return db_fail(w->kb, err);
	sqlite3_reset(s);
	s = w->st[M_FORGET];
	sqlite3_reset(s);
	if (sqlite3_bind_int64(s, 1, w->doc_id) != SQLITE_OK || sqlite3_step(s) != SQLITE_DONE)
		return db_fail(w->kb, err);
	return 0;
}

int kb_mentions_doc_version(struct kb_mentions *w, long long size, const char *hash,
                            struct err *err)
{
	sqlite3_stmt *s = w->st[M_VERSION];
	sqlite3_reset(s);
	if (sqlite3_bind_int64(s, 1, w->doc_id) != SQLITE_OK ||
	    sqlite3_bind_int64(s, 2, size) != SQLITE_OK ||
	    sqlite3_bind_text(s, 3, hash, -1, SQLITE_TRANSIENT) != SQLITE_OK ||
	    sqlite3_step(s) != SQLITE_DONE)
		return db_fail(w->kb, err);
	return 0;
}

int kb_mentions_add(struct kb_mentions *w, const struct kb_mention *m, struct err *err)
{
	if (!w->last_concept || strcmp(w->last_concept, m->concept)) {
		sqlite3_stmt *s = w->st[M_CONCEPT];
		sqlite3_reset(s);
		if (sqlite3_bind_text(s, 1, m->concept, -1, SQLITE_TRANSIENT) != SQLITE_OK)
			return db_fail(w->kb, err);
		int rc = sqlite3_step(s);
		if (rc == SQLITE_DONE)
			return err_set(err, kb_path(w->kb), 0,
			               "concept '%s' is not in the knowledge base", m->concept);
		if (rc != SQLITE_ROW)
			return db_fail(w->kb, err);
		char *copy = strdup(m->concept);
		if (!copy)
			return err_set(err, kb_path(w->kb), 0, "out of memory");
		free(w->last_concept);
		w->last_concept = copy;
		w->last_concept_id = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
	}
	sqlite3_stmt *s = w->st[M_INSERT];
	sqlite3_reset(s);
	if (sqlite3_bind_int64(s, 1, w->doc_id) != SQLITE_OK ||
	    sqlite3_bind_int64(s, 2, w->last_concept_id) != SQLITE_OK ||
	    sqlite3_bind_int64(s, 3, (long long)m->start) != SQLITE_OK ||
	    sqlite3_bind_int64(s, 4, (long long)m->end) != SQLITE_OK ||
	    sqlite3_bind_int64(s, 5, m->line) != SQLITE_OK ||
	    sqlite3_bind_int64(s, 6, m->col) != SQLITE_OK ||
	    sqlite3_bind_text(s, 7, m->surface, (int)m->surface_len, SQLITE_TRANSIENT) != SQLITE_OK ||
	    sqlite3_bind_text(s, 8, m->label, -1, SQLITE_TRANSIENT) != SQLITE_OK ||
	    sqlite3_bind_text(s, 9, m->method, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_double(s, 10, m->score) != SQLITE_OK || sqlite3_step(s) != SQLITE_DONE)
		return db_fail(w->kb, err);
	return 0;
}

long long kb_mention_count(struct kb *kb, const char *path, struct err *err)
{
	sqlite3_stmt *s;
	const char *sql = path ? "SELECT count(*) FROM mention JOIN document d ON d.id = document_id"
	                         " WHERE d.path = ?1"
	                       : "SELECT count(*) FROM mention";
	if (sqlite3_prepare_v2(kb_sqlite(kb), sql, -1, &s, NULL) != SQLITE_OK)
		return db_fail(kb, err);
	long long n = -1;
	if ((!path || sqlite3_bind_text(s, 1, path, -1, SQLITE_TRANSIENT) == SQLITE_OK) &&
	    sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	else
		db_fail(kb, err);
	sqlite3_finalize(s);
	return n;
}

int kb_mention_counts(struct kb *kb, kb_mention_count_fn fn, void *ctx, struct err *err)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(kb_sqlite(kb),
	                       "SELECT c.key, d.path, count(*) AS n FROM mention m"
	                       " JOIN concept c ON c.id = m.concept_id"
	                       " JOIN document d ON d.id = m.document_id"
	                       " GROUP BY m.concept_id, m.document_id ORDER BY c.key, n DESC, d.path",
	                       -1, &st, NULL) != SQLITE_OK)
		return db_fail(kb, err);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (fn((const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
		       sqlite3_column_int64(st, 2), ctx))
			break;
	int bad = rc != SQLITE_ROW && rc != SQLITE_DONE;
	if (bad)
		db_fail(kb, err);
	sqlite3_finalize(st);
	return bad ? -1 : 0;
}

int kb_read_begin(struct kb *kb, struct err *err)
{
	if (sqlite3_exec(kb_sqlite(kb), "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(kb, err);
	return 0;
}

void kb_read_end(struct kb *kb)
{
	sqlite3_exec(kb_sqlite(kb), "COMMIT", NULL, NULL, NULL);
}

long long kb_data_version(struct kb *kb)
{
	sqlite3_stmt *st = kb_stmt(kb, ST_DATA_VERSION, "PRAGMA data_version", NULL);
	if (!st)
		return -1;
	long long v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	sqlite3_reset(st);
	return v;
}

int kb_last_change(struct kb *kb, char out[32], struct err *err)
{
	sqlite3_stmt *st;
	out[0] = '\0';
	if (sqlite3_prepare_v2(kb_sqlite(kb),
	                       "SELECT max(t) FROM (SELECT max(modified) AS t FROM concept"
	                       " UNION ALL SELECT max(at) FROM change"
	                       " UNION ALL SELECT max(extracted) FROM document)",
	                       -1, &st, NULL) != SQLITE_OK)
		return db_fail(kb, err);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(out, 32, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return db_fail(kb, err);
	return 0;
}
