/* history.c - the change log and undo.
 *
 * kb_concept_put/delete record every write as one change with the concept's
 * whole state before and after (JSON). Undo restores the before-state of a
 * change through the same put/delete, so the undo is itself a recorded change
 * (with undoes = the reverted change) and undoing an undo redoes. Before it
 * writes anything, undo checks that each concept is still as the change left
 * it; a concept edited since is refused unless forced, so no later edit is
 * overwritten by surprise. */
#include "kb_internal.h"

#include <stdlib.h>
#include <string.h>

static int sql_fail(struct kb *kb, struct err *err, const char *what)
{
	return err_set(err, kb->path, 0, "%s: %s", what, sqlite3_errmsg(kb->db));
}

static const char *col_text(sqlite3_stmt *st, int col)
{
	const unsigned char *s = sqlite3_column_text(st, col);
	return s ? (const char *)s : NULL;
}

static int history(struct kb *kb, const char *key, long long batch, kb_change_fn fn, void *ctx,
                   struct err *err)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(kb->db,
	        "SELECT id, batch, coalesce(undoes, 0), at, editor, action, entity, before, after"
	        " FROM change WHERE (?1 IS NULL OR entity = ?1) AND (?2 IS NULL OR batch = ?2)"
	        " ORDER BY id",
	        -1, &st, NULL) != SQLITE_OK)
		return sql_fail(kb, err, "cannot read the history");
	if (key)
		sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	if (batch > 0)
		sqlite3_bind_int64(st, 2, batch);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct kb_change ch = {
			sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
			sqlite3_column_int64(st, 2), col_text(st, 3), col_text(st, 4),
			col_text(st, 5), col_text(st, 6), col_text(st, 7), col_text(st, 8),
		};
		if (fn(&ch, ctx)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sql_fail(kb, err, "cannot read the history");
	return 0;
}

int kb_history(struct kb *kb, const char *key, kb_change_fn fn, void *ctx, struct err *err)
{
	return history(kb, key, 0, fn, ctx, err);
}

int kb_history_batch(struct kb *kb, long long batch, kb_change_fn fn, void *ctx, struct err *err)
{
	return history(kb, NULL, batch, fn, ctx, err);
}

static int set_str(char **dst, const char *s)
{
	free(*dst);
	*dst = strdup(s ? s : "");
	return *dst ? 0 : -1;
}

int kb_concept_from_json(struct kb *kb, const char *json, struct kb_concept *out,
                         struct err *err)
{
	kb_concept_init(out);
	static const char *const sql[] = {
		"SELECT json_extract(?1, '$.key'), json_extract(?1, '$.type'),"
		" json_extract(?1, '$.status'), json_extract(?1, '$.match'),"
		" json_extract(?1, '$.replaced_by')",
		"SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]')"
		" FROM json_each(?1, '$.labels') ORDER BY key",
		"SELECT json_extract(value, '$.text'), json_extract(value, '$.source'),"
		" json_extract(value, '$.source_url') FROM json_each(?1, '$.definitions')"
		" WHERE json_extract(value, '$.primary') ORDER BY key LIMIT 1",
		"SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]')"
		" FROM json_each(?1, '$.relations') ORDER BY key",
		"SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]')"
		" FROM json_each(?1, '$.mappings') ORDER BY key",
		"SELECT json_extract(value, '$[1]'), json_extract(value, '$[2]')"
		" FROM json_each(?1, '$.translations') WHERE json_extract(value, '$[0]') = 'en'"
		" ORDER BY key",
	};
	int bad = 0;
	for (int q = 0; q < 6 && !bad; q++) {
		sqlite3_stmt *st;
		if (sqlite3_prepare_v2(kb->db, sql[q], -1, &st, NULL) != SQLITE_OK) {
			kb_concept_free(out);
			return sql_fail(kb, err, "cannot read a history snapshot");
		}
		sqlite3_bind_text(st, 1, json, -1, SQLITE_TRANSIENT);
		int rc;
		while (!bad && (rc = sqlite3_step(st)) == SQLITE_ROW) {
			const char *a = col_text(st, 0), *b = col_text(st, 1);
			if (q == 0) {
				bad = set_str(&out->key, a) || set_str(&out->type, b) ||
				      set_str(&out->status, col_text(st, 2)) ||
				      set_str(&out->replaced_by, col_text(st, 4));
				for (const char *f = col_text(st, 3); f && *f && !bad;) {
					const char *bar = strchr(f, '|');
					size_t n = bar ? (size_t)(bar - f) : strlen(f);
					char *one = strndup(f, n);
					bad = !one || strv_push(&out->match, one) < 0;
					free(one);
					f += n + (bar ? 1 : 0);
				}
			} else if (q == 1 && a && b) {
				if (!strcmp(a, "pref"))
					bad = set_str(&out->pref_label, b);
				else
					bad = strv_push(!strcmp(a, "abbrev") ? &out->abbreviations
					                : !strcmp(a, "alt") ? &out->alt_labels
					                                    : &out->hidden_labels, b) < 0;
			} else if (q == 2) {
				bad = set_str(&out->definition, a) || set_str(&out->source, b) ||
				      set_str(&out->source_url, col_text(st, 2));
			} else if (q == 3 && a && b) {
				bad = strv_push(!strcmp(a, "broader") ? &out->broader : &out->related, b) < 0;
			} else if (q == 4 && a && b) {
				bad = strv_push(!strcmp(a, "exact") ? &out->exact_match : &out->close_match,
				                b) < 0;
			} else if (q == 5 && a && b) {
				if (!strcmp(a, "alt"))
					bad = strv_push(&out->alt_labels_en, b) < 0;
				else
					bad = set_str(!strcmp(a, "pref") ? &out->pref_label_en : &out->definition_en, b);
			}
		}
		if (!bad && rc != SQLITE_DONE) {
			sqlite3_finalize(st);
			kb_concept_free(out);
			return sql_fail(kb, err, "cannot read a history snapshot");
		}
		sqlite3_finalize(st);
	}
	if (!bad && (!out->pref_label || !out->definition))
		bad = (!out->pref_label && set_str(&out->pref_label, "")) ||
		      (!out->definition && (set_str(&out->definition, "") || set_str(&out->source, "") ||
		                            set_str(&out->source_url, "")));
	if (bad || !out->key || !*out->key) {
		kb_concept_free(out);
		return err_set(err, kb->path, 0, bad ? "out of memory" : "malformed history snapshot");
	}
	return 0;
}

/* What undo does to one concept: from the state `expect` (the last change's
 * after) back to `target` (the first change's before). */
struct step {
	char *entity, *expect, *target;
	long long first_id, last_id;
};

static void steps_free(struct step *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(s[i].entity);
		free(s[i].expect);
		free(s[i].target);
	}
	free(s);
}

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

/* The batch that a plain "undo" reverts: the latest one that is no undo
 * itself and has no change reverted by an undo that still stands. */
static long long latest_batch(struct kb *kb, struct err *err)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(kb->db,
	        "SELECT coalesce(max(c.batch), 0) FROM change c WHERE NOT EXISTS"
	        " (SELECT 1 FROM change x WHERE x.batch = c.batch AND x.undoes IS NOT NULL)"
	        " AND NOT EXISTS (SELECT 1 FROM change x JOIN change u ON u.undoes = x.id"
	        "   WHERE x.batch = c.batch"
	        "   AND NOT EXISTS (SELECT 1 FROM change r WHERE r.undoes = u.id))",
	        -1, &st, NULL) != SQLITE_OK)
		return sql_fail(kb, err, "cannot read the history");
	long long batch = -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		batch = sqlite3_column_int64(st, 0);
	else
		sql_fail(kb, err, "cannot read the history");
	sqlite3_finalize(st);
	return batch;
}

static int cmp_first(const void *a, const void *b)
{
	const struct step *x = a, *y = b;
	return (x->first_id > y->first_id) - (x->first_id < y->first_id);
}

/* Loads the changes to revert, one step per concept, in order of first change. */
static int load_steps(struct kb *kb, enum kb_undo_scope scope, long long id,
                      struct step **out, size_t *n_out, struct err *err)
{
	*out = NULL;
	*n_out = 0;
	sqlite3_stmt *st;
	const char *sql = scope == KB_UNDO_CHANGE
		? "SELECT id, entity, before, after FROM change WHERE id = ?1"
		: "SELECT id, entity, before, after FROM change WHERE batch = ?1 ORDER BY entity, id";
	if (sqlite3_prepare_v2(kb->db, sql, -1, &st, NULL) != SQLITE_OK)
		return sql_fail(kb, err, "cannot read the history");
	sqlite3_bind_int64(st, 1, id);
	struct step *steps = NULL;
	size_t n = 0, cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long cid = sqlite3_column_int64(st, 0);
		const char *entity = col_text(st, 1);
		/* Rows come grouped by entity: a new step whenever the entity changes. */
		size_t i = n && !strcmp(steps[n - 1].entity, entity) ? n - 1 : n;
		if (i == n) {
			if (n == cap) {
				size_t ncap = cap ? 2 * cap : 64;
				struct step *more = realloc(steps, ncap * sizeof *steps);
				if (!more)
					goto oom;
				steps = more;
				cap = ncap;
			}
			memset(&steps[n], 0, sizeof *steps);
			steps[n].first_id = cid;
			if (!(steps[n].entity = strdup(entity)))
				goto oom;
			const char *before = col_text(st, 2);
			if (before && !(steps[n].target = strdup(before)))
				goto oom;
			n++;
		}
		free(steps[i].expect);
		steps[i].last_id = cid;
		const char *after = col_text(st, 3);
		steps[i].expect = dup_or_null(after);
		if (after && !steps[i].expect)
			goto oom;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		steps_free(steps, n);
		return sql_fail(kb, err, "cannot read the history");
	}
	if (n > 1) /* qsort's array must not be NULL, even when empty */
		qsort(steps, n, sizeof *steps, cmp_first);
	*out = steps;
	*n_out = n;
	return 0;
oom:
	sqlite3_finalize(st);
	steps_free(steps, n);
	return err_set(err, kb->path, 0, "out of memory");
}

static int cmp_strp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Keys of concepts, other than those in `going` (sorted), whose relations
 * name key. */
static int referrer(struct kb *kb, const char *key, char **going_keys, size_t n_going,
                    char **who, struct err *err)
{
	*who = NULL;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(kb->db,
	        "SELECT s.key FROM relation r JOIN concept s ON s.id = r.concept_id"
	        " JOIN concept t ON t.id = r.target_id WHERE t.key = ?1 ORDER BY s.key",
	        -1, &st, NULL) != SQLITE_OK)
		return sql_fail(kb, err, "cannot read relations");
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	int rc;
	while (!*who && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *src = col_text(st, 0);
		int going = n_going && bsearch(&src, going_keys, n_going, sizeof *going_keys, cmp_strp);
		if (!going && !(*who = strdup(src))) {
			sqlite3_finalize(st);
			return err_set(err, kb->path, 0, "out of memory");
		}
	}
	sqlite3_finalize(st);
	return 0;
}

static int apply_steps(struct kb *kb, struct step *steps, size_t n, int force,
                       struct err *err)
{
	/* First check every concept, so that nothing is written on a refusal. */
	for (size_t i = 0; i < n && !force; i++) {
		int found;
		char *now = kb_concept_snapshot(kb, steps[i].entity, &found, err);
		if (found < 0)
			return -1;
		int same = steps[i].expect ? now && !strcmp(now, steps[i].expect) : !now;
		free(now);
		if (!same)
			return err_set(err, kb->path, 0,
			               "%s changed since change %lld; not undone (see 'glossar term "
			               "history %s'; --force undoes it anyway)",
			               steps[i].entity, steps[i].last_id, steps[i].entity);
	}
	/* Concepts that come back are reserved first, so that relations among
	 * them can be written in any order. */
	struct kb_concept *cs = calloc(n ? n : 1, sizeof *cs);
	int *is_new = calloc(n ? n : 1, sizeof *is_new);
	int rc = 0;
	if (!cs || !is_new)
		rc = err_set(err, kb->path, 0, "out of memory");
	for (size_t i = 0; i < n && rc == 0; i++) {
		if (!steps[i].target)
			continue;
		rc = kb_concept_from_json(kb, steps[i].target, &cs[i], err);
		if (rc == 0) {
			int r = kb_concept_reserve(kb, cs[i].key, cs[i].type, err);
			if (r < 0)
				rc = -1;
			is_new[i] = r == 1;
		}
	}
	for (size_t i = 0; i < n && rc == 0; i++) {
		if (!steps[i].target)
			continue;
		kb->undoes = steps[i].last_id;
		int r = is_new[i] ? kb_concept_put_new(kb, &cs[i], "undo", err)
		                  : kb_concept_put(kb, &cs[i], "undo", err);
		if (r < 0)
			rc = -1;
	}
	/* Concepts to remove are snapshotted together first: removing one drops
	 * the relations others in the set have to it, and the history must keep
	 * each as it was. */
	char **gone = calloc(n ? n : 1, sizeof *gone);
	if (!gone && rc == 0)
		rc = err_set(err, kb->path, 0, "out of memory");
	for (size_t i = 0; i < n && rc == 0; i++) {
		int found;
		if (!steps[i].target) {
			gone[i] = kb_concept_snapshot(kb, steps[i].entity, &found, err);
			if (found < 0)
				rc = -1;
		}
	}
	/* the keys going, sorted: a referrer among them is no obstacle */
	char **going_keys = calloc(n ? n : 1, sizeof *going_keys);
	size_t n_going = 0;
	if (!going_keys && rc == 0)
		rc = err_set(err, kb->path, 0, "out of memory");
	for (size_t i = 0; going_keys && i < n; i++)
		if (!steps[i].target)
			going_keys[n_going++] = steps[i].entity;
	if (n_going)
		qsort(going_keys, n_going, sizeof *going_keys, cmp_strp);
	for (size_t i = 0; i < n && rc == 0; i++) {
		if (steps[i].target || !gone[i])
			continue;
		char *who;
		if (referrer(kb, steps[i].entity, going_keys, n_going, &who, err) < 0) {
			rc = -1;
			break;
		}
		if (who) {
			rc = err_set(err, kb->path, 0,
			             "cannot undo the creation of %s: %s refers to it; remove that "
			             "relation first", steps[i].entity, who);
			free(who);
			break;
		}
		sqlite3_stmt *st;
		if (kb_search_forget(kb, steps[i].entity, err) < 0) {
			rc = -1;
		} else if (sqlite3_prepare_v2(kb->db, "DELETE FROM concept WHERE key = ?1", -1, &st,
		                              NULL) != SQLITE_OK) {
			rc = sql_fail(kb, err, "cannot remove a concept");
		} else {
			sqlite3_bind_text(st, 1, steps[i].entity, -1, SQLITE_TRANSIENT);
			if (sqlite3_step(st) != SQLITE_DONE)
				rc = sql_fail(kb, err, "cannot remove a concept");
			sqlite3_finalize(st);
			if (rc == 0 && kb_change_record(kb, "undo", steps[i].entity, gone[i], NULL,
			                                steps[i].last_id, err) < 0)
				rc = -1;
		}
	}
	free(going_keys);
	for (size_t i = 0; gone && i < n; i++)
		free(gone[i]);
	free(gone);
	kb->undoes = 0;
	for (size_t i = 0; cs && i < n; i++)
		kb_concept_free(&cs[i]);
	free(cs);
	free(is_new);
	return rc;
}

int kb_undo(struct kb *kb, enum kb_undo_scope scope, long long id, int force,
            long long *batch_out, struct err *err)
{
	if (batch_out)
		*batch_out = 0;
	if (kb_begin(kb, err) < 0)
		return -1;
	if (scope == KB_UNDO_LATEST) {
		id = latest_batch(kb, err);
		if (id < 0) {
			kb_rollback(kb);
			return -1;
		}
		if (id == 0) {
			kb_rollback(kb);
			return 0;
		}
	}
	struct step *steps;
	size_t n;
	if (load_steps(kb, scope, id, &steps, &n, err) < 0) {
		kb_rollback(kb);
		return -1;
	}
	if (n == 0) {
		kb_rollback(kb);
		return err_set(err, kb->path, 0, "no %s %lld in the history",
		               scope == KB_UNDO_CHANGE ? "change" : "batch", id);
	}
	int rc = apply_steps(kb, steps, n, force, err);
	steps_free(steps, n);
	if (rc < 0) {
		kb->undoes = 0;
		kb_rollback(kb);
		return -1;
	}
	if (batch_out)
		*batch_out = kb->batch;
	if (kb_commit(kb, err) < 0)
		return -1;
	return (int)n;
}
