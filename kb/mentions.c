/* mentions.c - documents and the mentions the extractor found in them.
 * Recording a document again replaces its mentions, so re-extracting a
 * changed document leaves exactly its current mentions. */
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
