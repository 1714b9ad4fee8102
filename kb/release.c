/* release.c - releases of the vocabulary: `glossar release TAG` keeps every
 * concept's state as a JSON snapshot (the same form the history keeps), so
 * that a release can be exported again as it was and compared with another
 * release or with the knowledge base as it is now. */
#include "kb_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static int sql_fail(struct kb *kb, struct err *err, const char *what)
{
	return err_set(err, kb->path, 0, "%s: %s", what, sqlite3_errmsg(kb->db));
}

int kb_release_tag_is_valid(const char *tag)
{
	size_t n = strlen(tag);
	if (n == 0 || n > 64 || !isalnum((unsigned char)tag[0]))
		return 0;
	for (const char *p = tag; *p; p++)
		if (!isalnum((unsigned char)*p) && !strchr("._-", *p))
			return 0;
	return 1;
}

/* The release's id, 0 when there is none, -1 on error. */
static sqlite3_int64 release_id(struct kb *kb, const char *tag, struct err *err)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(kb->db, "SELECT id FROM release WHERE tag = ?1", -1, &st, NULL) != SQLITE_OK)
		return sql_fail(kb, err, "cannot read releases");
	sqlite3_bind_text(st, 1, tag, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_int64 id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sql_fail(kb, err, "cannot read releases");
	return id;
}

int kb_release_create(struct kb *kb, const char *tag, const char *note, long *n_concepts,
                      struct err *err)
{
	if (!kb_release_tag_is_valid(tag))
		return err_set(err, "", 0, "release tag '%s': letters, digits, '.', '_' and '-', "
		               "starting with a letter or digit, at most 64", tag);
	if (kb_begin(kb, err) < 0)
		return -1;
	sqlite3_int64 exists = release_id(kb, tag, err);
	if (exists != 0) {
		kb_rollback(kb);
		return exists < 0 ? -1 : err_set(err, "", 0, "release '%s' exists already (tags are never reused)", tag);
	}
	char now[32];
	kb_now(now);
	sqlite3_stmt *st = NULL, *keys = NULL, *ins = NULL;
	int rc = sqlite3_prepare_v2(kb->db,
	                            "INSERT INTO release(tag, created, note, last_change)"
	                            " VALUES (?1, ?2, ?3, (SELECT coalesce(max(id), 0) FROM change))",
	                            -1, &st, NULL) != SQLITE_OK;
	if (!rc) {
		sqlite3_bind_text(st, 1, tag, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, now, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, note ? note : "", -1, SQLITE_STATIC);
		rc = sqlite3_step(st) != SQLITE_DONE;
	}
	sqlite3_int64 id = sqlite3_last_insert_rowid(kb->db);
	rc = rc || sqlite3_prepare_v2(kb->db, "SELECT key FROM concept ORDER BY key", -1, &keys, NULL) != SQLITE_OK ||
	     sqlite3_prepare_v2(kb->db, "INSERT INTO release_concept(release_id, key, snapshot)"
	                        " VALUES (?1, ?2, ?3)", -1, &ins, NULL) != SQLITE_OK;
	long n = 0;
	int step = SQLITE_DONE;
	while (!rc && (step = sqlite3_step(keys)) == SQLITE_ROW) {
		int found;
		const char *key = (const char *)sqlite3_column_text(keys, 0);
		char *json = kb_concept_snapshot(kb, key, &found, err);
		if (!json) {
			rc = 2;
			break;
		}
		sqlite3_reset(ins);
		sqlite3_bind_int64(ins, 1, id);
		sqlite3_bind_text(ins, 2, key, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ins, 3, json, -1, SQLITE_TRANSIENT);
		rc = sqlite3_step(ins) != SQLITE_DONE;
		free(json);
		n++;
	}
	if (!rc && step != SQLITE_DONE)
		rc = 1;
	if (rc == 1)
		sql_fail(kb, err, "cannot record the release");
	sqlite3_finalize(st);
	sqlite3_finalize(keys);
	sqlite3_finalize(ins);
	if (rc) {
		kb_rollback(kb);
		return -1;
	}
	if (n_concepts)
		*n_concepts = n;
	return kb_commit(kb, err);
}

int kb_release_list(struct kb *kb, kb_release_fn fn, void *ctx, struct err *err)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(kb->db,
	                       "SELECT r.tag, r.created, r.note,"
	                       " (SELECT count(*) FROM release_concept c WHERE c.release_id = r.id)"
	                       " FROM release r ORDER BY r.id", -1, &st, NULL) != SQLITE_OK)
		return sql_fail(kb, err, "cannot read releases");
	int rc, stop = 0, n = 0;
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct kb_release r = { (const char *)sqlite3_column_text(st, 0),
			                (const char *)sqlite3_column_text(st, 1),
			                (const char *)sqlite3_column_text(st, 2),
			                sqlite3_column_int64(st, 3) };
		n++;
		if (fn)
			stop = fn(&r, ctx);
	}
	sqlite3_finalize(st);
	if (!stop && rc != SQLITE_DONE)
		return sql_fail(kb, err, "cannot read releases");
	return n;
}

/* Fills the latest release's tag into out (size n); 0 none, 1 found, -1 error. */
int kb_release_latest(struct kb *kb, char *out, size_t n, struct err *err)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(kb->db, "SELECT tag FROM release ORDER BY id DESC LIMIT 1", -1, &st,
	                       NULL) != SQLITE_OK)
		return sql_fail(kb, err, "cannot read releases");
	int rc = sqlite3_step(st), found = rc == SQLITE_ROW;
	if (found)
		snprintf(out, n, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	if (!found && rc != SQLITE_DONE)
		return sql_fail(kb, err, "cannot read releases");
	return found;
}

static int cmp_key(const void *a, const void *b)
{
	return strcmp(((const struct kb_concept *)a)->key, ((const struct kb_concept *)b)->key);
}

int kb_release_vocab(struct kb *kb, const char *tag, struct kb_vocab *out, struct err *err)
{
	memset(out, 0, sizeof *out);
	sqlite3_int64 id = release_id(kb, tag, err);
	if (id <= 0)
		return id < 0 ? -1 : err_set(err, "", 0, "no release '%s' (see glossar release --list)", tag);
	/* A concept's created and modified times as they were at the release. */
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(kb->db,
	                       "SELECT c.key, c.snapshot,"
	                       " (SELECT min(h.at) FROM change h WHERE h.entity = c.key AND h.id <= r.last_change),"
	                       " (SELECT max(h.at) FROM change h WHERE h.entity = c.key AND h.id <= r.last_change)"
	                       " FROM release_concept c JOIN release r ON r.id = c.release_id"
	                       " WHERE c.release_id = ?1 ORDER BY c.key", -1, &st, NULL) != SQLITE_OK)
		return sql_fail(kb, err, "cannot read the release");
	sqlite3_bind_int64(st, 1, id);
	size_t cap = 0;
	int rc = 0, step;
	while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
		if (out->n == cap) {
			size_t ncap = cap ? 2 * cap : 64;
			struct kb_concept *items = realloc(out->items, ncap * sizeof *items);
			if (!items) {
				rc = err_set(err, kb->path, 0, "out of memory");
				break;
			}
			out->items = items;
			cap = ncap;
		}
		struct kb_concept *c = &out->items[out->n];
		if (kb_concept_from_json(kb, (const char *)sqlite3_column_text(st, 1), c, err) < 0) {
			rc = -1;
			break;
		}
		out->n++;
		const char *created = (const char *)sqlite3_column_text(st, 2);
		const char *modified = (const char *)sqlite3_column_text(st, 3);
		free(c->created);
		free(c->modified);
		c->created = strdup(created ? created : "");
		c->modified = strdup(modified ? modified : "");
		if (!c->created || !c->modified)
			rc = err_set(err, kb->path, 0, "out of memory");
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = sql_fail(kb, err, "cannot read the release");
	sqlite3_finalize(st);
	if (rc < 0) {
		kb_vocab_free(out);
		return -1;
	}
	qsort(out->items, out->n, sizeof *out->items, cmp_key);
	return 0;
}
