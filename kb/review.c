/* review.c - the four-eyes review workflow, comment threads, concept
 * versions (no lost update) and the review lists.
 *
 * A concept's version is the id of its latest change: every write goes
 * through kb_concept_put, which records one, so two editors who loaded the
 * same version cannot both save. Four eyes: whoever changed a concept's
 * content (anything but its status) since it was last approved may not
 * approve it; the history (change.editor) is the record of who that was, so
 * the rule holds for changes made on the command line too. */
#include "kb_internal.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

static int sql_fail(struct kb *kb, struct err *err, const char *what)
{
	return err_set(err, kb->path, 0, "%s: %s", what, sqlite3_errmsg(kb->db));
}

/* The id of the latest change that left concept ?1 approved (0: never). */
#define LAST_APPROVAL(entity)                                                             \
	"coalesce((SELECT max(a.id) FROM change a WHERE a.entity = " entity                  \
	" AND json_extract(a.after, '$.status') = 'approved'), 0)"

/* True when ?2 changed concept `entity`'s content since its last approval. */
#define AUTHOR_SINCE_APPROVAL(entity, user)                                               \
	"EXISTS (SELECT 1 FROM change w WHERE w.entity = " entity " AND w.editor = " user      \
	" AND w.id > " LAST_APPROVAL(entity)                                                  \
	" AND (w.before IS NULL OR w.after IS NULL"                                            \
	"  OR json_remove(w.before, '$.status') IS NOT json_remove(w.after, '$.status')))"

long long kb_concept_version(struct kb *kb, const char *key, struct err *err)
{
	sqlite3_stmt *st = kb_stmt(kb, ST_USR_VERSION,
		"SELECT coalesce(max(id), 0) FROM change WHERE entity = ?1", err);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	long long v = -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	else
		sql_fail(kb, err, "cannot read the history");
	sqlite3_reset(st);
	return v;
}

/* The first text column of a one-row query with key (and an optional number). */
static char *query_text(struct kb *kb, const char *sql, const char *key, long long num,
                        int *found, struct err *err)
{
	*found = -1;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(kb->db, sql, -1, &st, NULL) != SQLITE_OK) {
		sql_fail(kb, err, "cannot read the history");
		return NULL;
	}
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	if (sqlite3_bind_parameter_count(st) > 1)
		sqlite3_bind_int64(st, 2, num);
	int rc = sqlite3_step(st);
	char *out = NULL;
	if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
		out = strdup((const char *)sqlite3_column_text(st, 0));
		if (!out)
			err_set(err, kb->path, 0, "out of memory");
		else
			*found = 1;
	} else if (rc == SQLITE_ROW || rc == SQLITE_DONE) {
		*found = 0;
	} else {
		sql_fail(kb, err, "cannot read the history");
	}
	sqlite3_finalize(st);
	return out;
}

char *kb_concept_state_at(struct kb *kb, const char *key, long long version, int *found,
                          struct err *err)
{
	return query_text(kb, "SELECT after FROM change WHERE entity = ?1 AND id = ?2", key,
	                  version, found, err);
}

char *kb_review_last_approved(struct kb *kb, const char *key, int *found, struct err *err)
{
	return query_text(kb, "SELECT after FROM change WHERE id = " LAST_APPROVAL("?1"), key, 0,
	                  found, err);
}

int kb_review_is_author(struct kb *kb, const char *key, const char *name, struct err *err)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(kb->db, "SELECT " AUTHOR_SINCE_APPROVAL("?1", "?2"), -1, &st,
	                       NULL) != SQLITE_OK)
		return sql_fail(kb, err, "cannot read the history");
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	int is_author = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) != 0 : -1;
	sqlite3_finalize(st);
	if (is_author < 0)
		return sql_fail(kb, err, "cannot read the history");
	return is_author;
}

/* ---- comments ---- */

static int is_utf8(const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		utf8proc_int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
		                                      (utf8proc_ssize_t)(n - i), &c);
		if (k <= 0)
			return 0;
		i += (size_t)k;
	}
	return 1;
}

/* Inserts a comment in the open transaction; returns its id or -1. */
static long long comment_insert(struct kb *kb, const char *key, const char *author,
                                const char *text, struct err *err)
{
	size_t n = strlen(text);
	size_t lead = strspn(text, " \t\r\n");
	if (lead == n)
		return err_set(err, kb->path, 0, "the comment is empty");
	if (n > 10000)
		return err_set(err, kb->path, 0, "the comment is too long (at most 10000 bytes)");
	if (!is_utf8(text))
		return err_set(err, kb->path, 0, "the comment is not valid UTF-8");
	int found;
	char *snap = kb_concept_snapshot(kb, key, &found, err);
	free(snap);
	if (found < 0)
		return -1;
	if (found == 0)
		return err_set(err, kb->path, 0, "no concept '%s'", key);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(kb->db,
	        "INSERT INTO comment (concept, author, at, text) VALUES (?1, ?2, ?3, ?4)", -1, &st,
	        NULL) != SQLITE_OK)
		return sql_fail(kb, err, "cannot store the comment");
	char now[32];
	kb_now(now);
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, author, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, text, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sql_fail(kb, err, "cannot store the comment");
	return sqlite3_last_insert_rowid(kb->db);
}

long long kb_comment_add(struct kb *kb, const char *key, const char *author, const char *text,
                         struct err *err)
{
	int own = sqlite3_get_autocommit(kb->db);
	if (own && kb_begin(kb, err) < 0)
		return -1;
	long long id = comment_insert(kb, key, author, text, err);
	if (own) {
		if (id < 0)
			kb_rollback(kb);
		else if (kb_commit(kb, err) < 0)
			return -1;
	}
	return id;
}

int kb_comment_list(struct kb *kb, const char *key, kb_comment_fn fn, void *ctx,
                    struct err *err)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(kb->db,
	        "SELECT id, concept, author, at, text FROM comment WHERE concept = ?1 ORDER BY id",
	        -1, &st, NULL) != SQLITE_OK)
		return sql_fail(kb, err, "cannot read the comments");
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct kb_comment c = {
			sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1),
			(const char *)sqlite3_column_text(st, 2), (const char *)sqlite3_column_text(st, 3),
			(const char *)sqlite3_column_text(st, 4),
		};
		if (fn(&c, ctx)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : sql_fail(kb, err, "cannot read the comments");
}

/* ---- saving with a version check ---- */

static int set_str(char **dst, const char *s)
{
	char *copy = strdup(s ? s : "");
	if (!copy)
		return -1;
	free(*dst);
	*dst = copy;
	return 0;
}

static int strv_copy(struct strv *dst, const struct strv *src)
{
	for (size_t i = 0; i < src->n; i++)
		if (strv_push(dst, src->v[i]) < 0)
			return -1;
	return 0;
}

/* A deep copy, so the caller's concept stays as given. */
static int concept_copy(struct kb_concept *dst, const struct kb_concept *src)
{
	kb_concept_init(dst);
	if (set_str(&dst->key, src->key) || set_str(&dst->type, src->type) ||
	    set_str(&dst->pref_label, src->pref_label) || set_str(&dst->definition, src->definition) ||
	    set_str(&dst->source, src->source) || set_str(&dst->source_url, src->source_url) ||
	    set_str(&dst->status, src->status) || set_str(&dst->replaced_by, src->replaced_by) ||
	    strv_copy(&dst->abbreviations, &src->abbreviations) ||
	    strv_copy(&dst->alt_labels, &src->alt_labels) ||
	    strv_copy(&dst->hidden_labels, &src->hidden_labels) ||
	    strv_copy(&dst->broader, &src->broader) || strv_copy(&dst->related, &src->related) ||
	    strv_copy(&dst->match, &src->match) ||
	    strv_copy(&dst->exact_match, &src->exact_match) ||
	    strv_copy(&dst->close_match, &src->close_match) ||
	    strv_copy(&dst->alt_labels_en, &src->alt_labels_en) ||
	    set_str(&dst->pref_label_en, src->pref_label_en) ||
	    set_str(&dst->definition_en, src->definition_en)) {
		kb_concept_free(dst);
		return -1;
	}
	return 0;
}

/* The browser's form has no mappings and no English fields: a save keeps
 * the stored ones. */
static int keep_mappings(struct kb_concept *w, const struct kb_concept *now)
{
	strv_free(&w->exact_match);
	strv_free(&w->close_match);
	strv_free(&w->alt_labels_en);
	return set_str(&w->pref_label_en, now ? now->pref_label_en : "") ||
	       set_str(&w->definition_en, now ? now->definition_en : "") ||
	       (now && (strv_copy(&w->exact_match, &now->exact_match) ||
	                strv_copy(&w->close_match, &now->close_match) ||
	                strv_copy(&w->alt_labels_en, &now->alt_labels_en)));
}

struct lint_filter {
	const char *key;
	kb_lint_fn fn;
	void *ctx;
	int errors;
	char first[512];
};

static int lint_one(const char *key, enum kb_severity sev, const char *check,
                    const char *message, void *ctx)
{
	struct lint_filter *f = ctx;
	if (strcmp(key, f->key))
		return 0;
	if (sev == KB_ERROR && f->errors++ == 0)
		snprintf(f->first, sizeof f->first, "%s: %s (%s)", key, message, check);
	return f->fn(key, sev, check, message, f->ctx);
}

/* The concept's own errors before the write: its warnings come with kb_lint after it. */
static int lint_errors_only(const char *key, enum kb_severity sev, const char *check,
                            const char *message, void *ctx)
{
	return sev == KB_ERROR ? lint_one(key, sev, check, message, ctx) : 0;
}

int kb_concept_save(struct kb *kb, const struct kb_concept *c, long long seen,
                    const char *action, long long *current_out, kb_lint_fn lint,
                    void *lint_ctx, struct err *err)
{
	if (current_out)
		*current_out = 0;
	if (!c->key || !kb_is_valid_key(c->key))
		return err_set(err, kb->path, 0, "invalid key '%s' (a-z, 0-9 and -)",
		               c->key ? c->key : "");
	struct kb_concept w;
	if (concept_copy(&w, c) < 0)
		return err_set(err, kb->path, 0, "out of memory");
	if (kb_begin(kb, err) < 0) {
		kb_concept_free(&w);
		return -1;
	}
	struct kb_concept now;
	int found = kb_concept_get(kb, w.key, &now, err);
	long long version = found < 0 ? -1 : kb_concept_version(kb, w.key, err);
	int rc = 0;
	if (found < 0 || version < 0) {
		rc = -1;
	} else if ((found == 0 && seen != 0) || (found == 1 && (seen == 0 || version != seen))) {
		if (current_out)
			*current_out = version;
		if (found == 1 && seen == 0)
			err_set(err, kb->path, 0, "a concept with the key '%s' exists already", w.key);
		else
			err_set(err, kb->path, 0, "%s was changed by someone else meanwhile", w.key);
		rc = KB_E_STALE;
	} else if (set_str(&w.status, found ? now.status : "draft") ||
	           set_str(&w.replaced_by, found ? now.replaced_by : "") ||
	           keep_mappings(&w, found ? &now : NULL)) {
		rc = err_set(err, kb->path, 0, "out of memory");
	} else if (found && kb_concept_diff(&now, &w, NULL, NULL) == 0) {
		rc = KB_UNCHANGED; /* so an unchanged save does not demote an approved concept */
	} else {
		/* The status is the workflow's: kept, but an approved concept that
		 * changes needs a second pair of eyes again. */
		const char *from = w.status;
		char *was = strdup(from);
		if (!was || (!strcmp(was, "approved") && set_str(&w.status, "review")))
			rc = err_set(err, kb->path, 0, "out of memory");
		if (rc == 0 && kb_status_check(was, &w, err) < 0)
			rc = -1;
		struct lint_filter f = { w.key, lint, lint_ctx, 0, "" };
		/* The concept's own rules first, each finding to the caller, so a
		 * refused save names the field; then the write and the rules between
		 * concepts. */
		if (rc == 0 && lint && kb_concept_check_each(&w, lint_errors_only, &f) > 0)
			rc = err_set(err, kb->path, 0, "%s", f.first);
		if (rc == 0)
			rc = kb_concept_put(kb, &w, action, err);
		free(was);
		f.errors = 0;
		if (rc >= 0 && lint && kb_lint(kb, lint_one, &f, err) < 0)
			rc = -1;
		else if (rc >= 0 && f.errors)
			rc = err_set(err, kb->path, 0, "%s", f.first);
	}
	if (found == 1)
		kb_concept_free(&now);
	kb_concept_free(&w);
	if (rc < 0) {
		kb_rollback(kb);
		return rc;
	}
	if (kb_commit(kb, err) < 0)
		return -1;
	return rc;
}

/* ---- the workflow ---- */

static int review_event(struct kb *kb, const char *key, const char *action, const char *actor,
                        long long comment_id, struct err *err)
{
	long long change_id = kb_concept_version(kb, key, err);
	if (change_id < 0)
		return -1;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(kb->db,
	        "INSERT INTO review (concept, action, actor, at, comment_id, change_id)"
	        " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", -1, &st, NULL) != SQLITE_OK)
		return sql_fail(kb, err, "cannot record the review");
	char now[32];
	kb_now(now);
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, action, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, actor, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, now, -1, SQLITE_TRANSIENT);
	if (comment_id > 0)
		sqlite3_bind_int64(st, 5, comment_id);
	if (change_id > 0)
		sqlite3_bind_int64(st, 6, change_id);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : sql_fail(kb, err, "cannot record the review");
}

enum step { STEP_SUBMIT, STEP_APPROVE, STEP_REJECT };

static int workflow(struct kb *kb, enum step step, const char *key, const struct kb_user *user,
                    long long seen, const char *comment, struct err *err)
{
	static const char *const names[] = { "submit", "approve", "reject" };
	static const char *const from_status[] = { "draft", "review", "review" };
	static const char *const to_status[] = { "review", "approved", "draft" };
	int has_comment = comment && comment[strspn(comment, " \t\r\n")];
	if (!kb_role_can(user->role, step == STEP_SUBMIT ? KB_CAP_EDIT : KB_CAP_REVIEW))
		return err_set(err, kb->path, 0, "%s: the role %s may not %s", user->name,
		               kb_role_name(user->role), names[step]), KB_E_FORBIDDEN;
	if (step == STEP_REJECT && !has_comment)
		return err_set(err, kb->path, 0, "%s: a rejection needs a comment saying why", key);
	char *saved_actor = kb->actor ? strdup(kb->actor) : NULL;
	if (kb->actor && !saved_actor)
		return err_set(err, kb->path, 0, "out of memory");
	if (kb_begin(kb, err) < 0) {
		free(saved_actor);
		return -1;
	}
	struct kb_concept c;
	int found = kb_concept_get(kb, key, &c, err);
	int rc = found < 0 ? -1 : 0;
	if (found == 0)
		rc = err_set(err, kb->path, 0, "no concept '%s'", key);
	long long version = rc == 0 ? kb_concept_version(kb, key, err) : -1;
	if (rc == 0 && version < 0)
		rc = -1;
	if (rc == 0 && strcmp(c.status, from_status[step]))
		rc = err_set(err, kb->path, 0, "%s: is %s, not %s; cannot %s it", key, c.status,
		             from_status[step], names[step]);
	if (rc == 0 && seen >= 0 && version != seen) {
		err_set(err, kb->path, 0, "%s was changed meanwhile (version %lld, you saw %lld)",
		        key, version, seen);
		rc = KB_E_STALE;
	}
	if (rc == 0 && step == STEP_APPROVE) {
		int is_author = kb_review_is_author(kb, key, user->name, err);
		if (is_author < 0)
			rc = -1;
		else if (is_author) {
			err_set(err, kb->path, 0, "%s: %s changed this concept since its last approval; "
			        "another reviewer must approve it (four eyes)", key, user->name);
			rc = KB_E_FORBIDDEN;
		}
	}
	long long comment_id = 0;
	if (rc == 0 && (rc = kb_set_actor(kb, user->name, err)) == 0) {
		char action[32];
		snprintf(action, sizeof action, "review %s", names[step]);
		if (set_str(&c.status, to_status[step]) < 0)
			rc = err_set(err, kb->path, 0, "out of memory");
		else if (kb_status_check(from_status[step], &c, err) < 0 ||
		         kb_concept_put(kb, &c, action, err) < 0)
			rc = -1;
		if (rc == 0 && has_comment &&
		    (comment_id = comment_insert(kb, key, user->name, comment, err)) < 0)
			rc = -1;
		if (rc == 0)
			rc = review_event(kb, key, names[step], user->name, comment_id, err);
	}
	if (found == 1)
		kb_concept_free(&c);
	free(kb->actor);
	kb->actor = saved_actor;
	if (rc < 0) {
		kb_rollback(kb);
		return rc;
	}
	return kb_commit(kb, err);
}

int kb_review_submit(struct kb *kb, const char *key, const struct kb_user *user,
                     const char *comment, struct err *err)
{
	return workflow(kb, STEP_SUBMIT, key, user, -1, comment, err);
}

int kb_review_approve(struct kb *kb, const char *key, const struct kb_user *user,
                      long long seen, const char *comment, struct err *err)
{
	return workflow(kb, STEP_APPROVE, key, user, seen, comment, err);
}

int kb_review_reject(struct kb *kb, const char *key, const struct kb_user *user,
                     long long seen, const char *comment, struct err *err)
{
	return workflow(kb, STEP_REJECT, key, user, seen, comment, err);
}

/* ---- the lists ---- */

#define ITEM_COLUMNS                                                                      \
	"SELECT c.key, coalesce((SELECT text FROM label WHERE concept_id = c.id"              \
	"  AND kind = 'pref'), ''), c.status, h.at, h.editor, h.id"

int kb_review_list(struct kb *kb, enum kb_review_list which, const char *user, int limit,
                   kb_review_item_fn fn, void *ctx, struct err *err)
{
	static const char *const sql[] = {
		[KB_LIST_MY_DRAFTS] = ITEM_COLUMNS
		" FROM concept c JOIN change h ON h.id = (SELECT max(id) FROM change"
		"  WHERE entity = c.key)"
		" WHERE c.status = 'draft' AND " AUTHOR_SINCE_APPROVAL("c.key", "?1")
		" ORDER BY h.id DESC LIMIT ?2",
		[KB_LIST_AWAITING_REVIEW] = ITEM_COLUMNS
		" FROM concept c JOIN change h ON h.id = (SELECT max(id) FROM change"
		"  WHERE entity = c.key)"
		" WHERE c.status = 'review' AND NOT " AUTHOR_SINCE_APPROVAL("c.key", "?1")
		" ORDER BY h.id LIMIT ?2",
		/* The change that approved it, for concepts still approved. */
		[KB_LIST_RECENTLY_APPROVED] = ITEM_COLUMNS
		" FROM concept c JOIN change h ON h.id = " LAST_APPROVAL("c.key")
		" WHERE c.status = 'approved' AND ?1 IS NOT NULL"
		" AND (h.before IS NULL OR json_extract(h.before, '$.status') IS NOT 'approved'"
		"  OR h.id = (SELECT max(id) FROM change WHERE entity = c.key))"
		" ORDER BY h.id DESC LIMIT ?2",
	};
	if ((int)which < 0 || which > KB_LIST_RECENTLY_APPROVED)
		return err_set(err, kb->path, 0, "unknown review list");
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(kb->db, sql[which], -1, &st, NULL) != SQLITE_OK)
		return sql_fail(kb, err, "cannot read the review lists");
	sqlite3_bind_text(st, 1, user ? user : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 2, limit > 0 ? limit : -1);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct kb_review_item it = {
			(const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
			(const char *)sqlite3_column_text(st, 2), (const char *)sqlite3_column_text(st, 3),
			(const char *)sqlite3_column_text(st, 4), sqlite3_column_int64(st, 5),
		};
		if (fn(&it, ctx)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : sql_fail(kb, err, "cannot read the review lists");
}
