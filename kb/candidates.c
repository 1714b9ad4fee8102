/* candidates.c - the editors' review queue (kb.h, "candidates").
 *
 * A candidate is keyed by (kind, surface, expansion); candidate_evidence
 * holds what each document gave (first line, context, count). Recording a
 * document replaces its evidence, and the candidate's count, doc, line and
 * context are recomputed from all evidence, so discover can run again and
 * again over the same files without doubling anything. Accepting writes
 * concepts through kb_concept_put, so the history records every change. */
#include "kb_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "../common/buf.h"
#include "../extract/norm.h"

static int sql_fail(struct kb *kb, struct err *err, const char *what)
{
	return err_set(err, kb_path(kb), 0, "%s: %s", what, sqlite3_errmsg(kb_sqlite(kb)));
}

static char *dup_col(sqlite3_stmt *st, int col)
{
	const unsigned char *s = sqlite3_column_text(st, col);
	return strdup(s ? (const char *)s : "");
}

void kb_candidate_free(struct kb_candidate *c)
{
	if (!c)
		return;
	free(c->kind);
	free(c->surface);
	free(c->expansion);
	free(c->url);
	free(c->doc);
	free(c->context);
	free(c->status);
	memset(c, 0, sizeof *c);
}

/* ---- recording ---- */

enum { W_DOC_FORGET, W_CAND_UPSERT, W_EVIDENCE, W_RECOUNT, W_PRUNE, W_COUNT };

struct kb_cands {
	struct kb *kb;
	sqlite3_stmt *st[W_COUNT];
};

static const char *const writer_sql[W_COUNT] = {
	[W_DOC_FORGET] = "DELETE FROM candidate_evidence WHERE doc = ?1",
	[W_CAND_UPSERT] = "INSERT INTO candidate (kind, surface, expansion, url, doc, line, context,"
	                  " count, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 0, ?8)"
	                  " ON CONFLICT (kind, surface, expansion) DO UPDATE SET url = ?4"
	                  " RETURNING id",
	[W_EVIDENCE] = "INSERT INTO candidate_evidence (candidate_id, doc, line, context, count)"
	               " VALUES (?1, ?2, ?3, ?4, 1)"
	               " ON CONFLICT (candidate_id, doc) DO UPDATE SET count = count + 1",
	/* first evidence: the earliest document path, then line */
	[W_RECOUNT] = "UPDATE candidate SET"
	              " count = coalesce((SELECT sum(count) FROM candidate_evidence e"
	              "   WHERE e.candidate_id = candidate.id), 0),"
	              " doc = coalesce((SELECT doc FROM candidate_evidence e WHERE e.candidate_id ="
	              "   candidate.id ORDER BY doc, line LIMIT 1), doc),"
	              " line = coalesce((SELECT line FROM candidate_evidence e WHERE e.candidate_id ="
	              "   candidate.id ORDER BY doc, line LIMIT 1), line),"
	              " context = coalesce((SELECT context FROM candidate_evidence e WHERE"
	              "   e.candidate_id = candidate.id ORDER BY doc, line LIMIT 1), context)",
	[W_PRUNE] = "DELETE FROM candidate WHERE status = 'pending' AND NOT EXISTS"
	            " (SELECT 1 FROM candidate_evidence e WHERE e.candidate_id = candidate.id)",
};

struct kb_cands *kb_cands_new(struct kb *kb, struct err *err)
{
	struct kb_cands *w = calloc(1, sizeof *w);
	if (!w) {
		err_set(err, kb_path(kb), 0, "out of memory");
		return NULL;
	}
	w->kb = kb;
	for (int i = 0; i < W_COUNT; i++)
		if (sqlite3_prepare_v2(kb_sqlite(kb), writer_sql[i], -1, &w->st[i], NULL) != SQLITE_OK) {
			sql_fail(kb, err, "cannot prepare a statement");
			kb_cands_free(w);
			return NULL;
		}
	return w;
}

void kb_cands_free(struct kb_cands *w)
{
	if (!w)
		return;
	for (int i = 0; i < W_COUNT; i++)
		sqlite3_finalize(w->st[i]);
	free(w);
}

static sqlite3_stmt *ready(struct kb_cands *w, int i)
{
	sqlite3_reset(w->st[i]);
	sqlite3_clear_bindings(w->st[i]);
	return w->st[i];
}

int kb_cands_doc_begin(struct kb_cands *w, const char *doc, struct err *err)
{
	sqlite3_stmt *st = ready(w, W_DOC_FORGET);
	sqlite3_bind_text(st, 1, doc, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) != SQLITE_DONE)
		return sql_fail(w->kb, err, "cannot forget the document's candidates");
	return 0;
}

long long kb_cands_add(struct kb_cands *w, const char *kind, const char *surface,
                       const char *expansion, const char *url, const char *doc, long line,
                       const char *context, struct err *err)
{
	char now[32];
	kb_now(now);
	sqlite3_stmt *st = ready(w, W_CAND_UPSERT);
	sqlite3_bind_text(st, 1, kind, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, surface, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, expansion ? expansion : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, url ? url : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, doc, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 6, line);
	sqlite3_bind_text(st, 7, context ? context : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 8, now, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) != SQLITE_ROW)
		return sql_fail(w->kb, err, "cannot store a candidate");
	long long id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	st = ready(w, W_EVIDENCE);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, doc, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, line);
	sqlite3_bind_text(st, 4, context ? context : "", -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) != SQLITE_DONE)
		return sql_fail(w->kb, err, "cannot store a candidate's evidence");
	return id;
}

int kb_cands_finish(struct kb_cands *w, struct err *err)
{
	sqlite3_stmt *st = ready(w, W_RECOUNT);
	if (sqlite3_step(st) != SQLITE_DONE)
		return sql_fail(w->kb, err, "cannot count candidates");
	st = ready(w, W_PRUNE);
	if (sqlite3_step(st) != SQLITE_DONE)
		return sql_fail(w->kb, err, "cannot remove stale candidates");
	return 0;
}

/* ---- reading ---- */

#define CANDIDATE_COLUMNS "id, kind, surface, expansion, url, doc, line, context, count, status"

static int row_to_candidate(sqlite3_stmt *st, struct kb_candidate *c)
{
	memset(c, 0, sizeof *c);
	c->id = sqlite3_column_int64(st, 0);
	c->kind = dup_col(st, 1);
	c->surface = dup_col(st, 2);
	c->expansion = dup_col(st, 3);
	c->url = dup_col(st, 4);
	c->doc = dup_col(st, 5);
	c->line = (long)sqlite3_column_int64(st, 6);
	c->context = dup_col(st, 7);
	c->count = (long)sqlite3_column_int64(st, 8);
	c->status = dup_col(st, 9);
	if (!c->kind || !c->surface || !c->expansion || !c->url || !c->doc || !c->context ||
	    !c->status) {
		kb_candidate_free(c);
		return -1;
	}
	return 0;
}

int kb_candidate_list(struct kb *kb, const char *kind, const char *status,
                      kb_candidate_fn fn, void *ctx, struct err *err)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(kb_sqlite(kb),
	                       "SELECT " CANDIDATE_COLUMNS " FROM candidate"
	                       " WHERE (?1 IS NULL OR kind = ?1) AND (?2 IS NULL OR status = ?2)"
	                       " ORDER BY id", -1, &st, NULL) != SQLITE_OK)
		return sql_fail(kb, err, "cannot read candidates");
	if (kind)
		sqlite3_bind_text(st, 1, kind, -1, SQLITE_TRANSIENT);
	if (status)
		sqlite3_bind_text(st, 2, status, -1, SQLITE_TRANSIENT);
	int rc, stop = 0;
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct kb_candidate c;
		if (row_to_candidate(st, &c) < 0) {
			sqlite3_finalize(st);
			return err_set(err, kb_path(kb), 0, "out of memory");
		}
		stop = fn(&c, ctx);
		kb_candidate_free(&c);
	}
	if (!stop && rc != SQLITE_DONE) {
		sql_fail(kb, err, "cannot read candidates");
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}

int kb_candidate_get(struct kb *kb, long long id, struct kb_candidate *out, struct err *err)
{
	sqlite3_stmt *st;
	memset(out, 0, sizeof *out);
	if (sqlite3_prepare_v2(kb_sqlite(kb), "SELECT " CANDIDATE_COLUMNS " FROM candidate WHERE id = ?1",
	                       -1, &st, NULL) != SQLITE_OK)
		return sql_fail(kb, err, "cannot read a candidate");
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st), found = 0;
	if (rc == SQLITE_ROW) {
		if (row_to_candidate(st, out) < 0) {
			sqlite3_finalize(st);
			return err_set(err, kb_path(kb), 0, "out of memory");
		}
		found = 1;
	} else if (rc != SQLITE_DONE) {
		sql_fail(kb, err, "cannot read a candidate");
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return found;
}

/* ---- accepting ---- */

int kb_key_from_label(const char *label, char *out, size_t out_size)
{
	struct buf n = BUF_INIT;
	if (out_size < 2 || norm_text(label, strlen(label), &n) < 0) {
		buf_free(&n);
		return -1;
	}
	size_t k = 0;
	int dash = 0;
	for (size_t i = 0; i < n.len && k + 1 < out_size; i++) {
		char c = n.data[i];
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (dash && k > 0)
				out[k++] = '-';
			dash = 0;
			if (k + 1 < out_size)
				out[k++] = c;
		} else if ((unsigned char)c < 0x80 || (unsigned char)c >= 0xC0) {
			dash = 1; /* a separator, or a letter with no ASCII form */
		}
	}
	out[k] = '\0';
	buf_free(&n);
	return k ? 0 : -1;
}

/* The key of the concept that has a (not hidden) label with text's match
 * key; "" when none, or more than one concept has it. */
static int concept_by_label(struct kb *kb, const char *text, char key[256], struct err *err)
{
	key[0] = '\0';
	struct buf mk = BUF_INIT;
	if (norm_key(text, strlen(text), &mk) < 0) {
		buf_free(&mk);
		return 0;
	}
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(kb_sqlite(kb),
	                       "SELECT DISTINCT c.key FROM label l JOIN concept c ON c.id = l.concept_id"
	                       " WHERE l.match_key = ?1 AND l.kind <> 'hidden' ORDER BY c.key LIMIT 2",
	                       -1, &st, NULL) != SQLITE_OK) {
		buf_free(&mk);
		return sql_fail(kb, err, "cannot look up a label");
	}
	sqlite3_bind_text(st, 1, buf_cstr(&mk), -1, SQLITE_TRANSIENT);
	int n = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n++ == 0)
			snprintf(key, 256, "%s", (const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	buf_free(&mk);
	if (rc != SQLITE_DONE)
		return sql_fail(kb, err, "cannot look up a label");
	if (n > 1)
		key[0] = '\0';
	return 0;
}

static int has_label(const struct kb_concept *c, const char *text)
{
	return !strcmp(c->pref_label, text) || strv_contains(&c->abbreviations, text) ||
	       strv_contains(&c->alt_labels, text) || strv_contains(&c->hidden_labels, text);
}

static int set_str(char **slot, const char *s)
{
	char *copy = strdup(s);
	if (!copy)
		return -1;
	free(*slot);
	*slot = copy;
	return 0;
}

/* A new draft concept. */
static int new_concept(struct kb_concept *c, const char *key, const char *pref)
{
	kb_concept_init(c);
	if (set_str(&c->key, key) || set_str(&c->type, "concept") || set_str(&c->pref_label, pref) ||
	    set_str(&c->definition, "") || set_str(&c->source, "") || set_str(&c->source_url, "") ||
	    set_str(&c->status, "draft") || set_str(&c->replaced_by, ""))
		return -1;
	return 0;
}

static int set_status(struct kb *kb, long long id, const char *status, struct err *err)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(kb_sqlite(kb), "UPDATE candidate SET status = ?2 WHERE id = ?1", -1, &st,
	                       NULL) != SQLITE_OK)
		return sql_fail(kb, err, "cannot update the candidate");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, status, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : sql_fail(kb, err, "cannot update the candidate");
}

/* A name an editor gives: valid UTF-8, no control characters, not only
 * white space. */
static int valid_name(const char *s)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_ssize_t n = (utf8proc_ssize_t)strlen(s);
	int visible = 0;
	while (n > 0) {
		utf8proc_int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate(p, n, &c);
		if (k <= 0 || c < 0x20 || c == 0x7F || utf8proc_category(c) == UTF8PROC_CATEGORY_CC)
			return 0;
		visible |= c != ' ';
		p += k;
		n -= k;
	}
	return visible;
}

/* The work of accept, inside the transaction. */
static int accept(struct kb *kb, const struct kb_candidate *cand, const char *as_key,
                  const char *name, char msg[512], struct err *err)
{
	char action[64];
	snprintf(action, sizeof action, "candidates accept %lld", cand->id);
	const char *path = kb_path(kb);
	char key[256] = "";
	struct kb_concept c;
	kb_concept_init(&c);
	int rc = -1, found = 0;

	if (as_key && !kb_is_valid_key(as_key))
		return err_set(err, path, 0, "invalid key '%s' (use a-z, 0-9 and -)", as_key);

	if (!strcmp(cand->kind, "citation")) {
		snprintf(msg, 512, "accepted citation %s", cand->surface);
		return 0;
	}
	if (!strcmp(cand->kind, "variant")) {
		const char *target = as_key ? as_key : cand->expansion;
		if ((found = kb_concept_get(kb, target, &c, err)) < 0)
			return -1;
		if (!found)
			return err_set(err, path, 0, "candidate %lld: no concept '%s'", cand->id, target);
		if (!has_label(&c, cand->surface) && strv_push(&c.hidden_labels, cand->surface) < 0)
			goto oom;
		if (kb_concept_put(kb, &c, action, err) < 0)
			goto out;
		snprintf(msg, 512, "%s: hidden label '%s' added", c.key, cand->surface);
		rc = 0;
		goto out;
	}
	if (!strcmp(cand->kind, "definition")) {
		if (as_key)
			snprintf(key, sizeof key, "%s", as_key);
		else if (concept_by_label(kb, cand->surface, key, err) < 0)
			return -1;
		if (*key && (found = kb_concept_get(kb, key, &c, err)) < 0)
			return -1;
		if (found && c.definition && *c.definition) {
			err_set(err, path, 0,
			        "candidate %lld: %s already has a definition; edit it with 'glossar term define'",
			        cand->id, c.key);
			goto out;
		}
		if (!found) {
			kb_concept_free(&c);
			if (!*key && kb_key_from_label(cand->surface, key, sizeof key) < 0)
				return err_set(err, path, 0, "candidate %lld: no key from '%s'; use --as KEY",
				               cand->id, cand->surface);
			if (new_concept(&c, key, cand->surface) < 0)
				goto oom;
		}
		if (set_str(&c.definition, cand->expansion) || set_str(&c.source, cand->doc))
			goto oom;
		if (kb_concept_put(kb, &c, action, err) < 0)
			goto out;
		snprintf(msg, 512, "%s: definition %s from %s", c.key,
		         found ? "set" : "added with a new draft concept",
		         cand->doc);
		rc = 0;
		goto out;
	}
	/* abbreviation and acronym */
	const char *long_form = !strcmp(cand->kind, "abbreviation") ? cand->expansion : "";
	if (name && *name)
		long_form = name;
	if (as_key)
		snprintf(key, sizeof key, "%s", as_key);
	else {
		if (*long_form && concept_by_label(kb, long_form, key, err) < 0)
			return -1;
		if (!*key && concept_by_label(kb, cand->surface, key, err) < 0)
			return -1;
	}
	/* The short form another concept shows would become ambiguous. */
	char other[256] = "";
	if (concept_by_label(kb, cand->surface, other, err) < 0)
		return -1;
	if (*key && *other && strcmp(other, key))
		return err_set(err, path, 0,
		               "candidate %lld: '%s' is a label of %s already; accept it with --as %s "
		               "or reject it", cand->id, cand->surface, other, other);
	if (*key && (found = kb_concept_get(kb, key, &c, err)) < 0)
		return -1;
	if (!found) {
		kb_concept_free(&c);
		if (!*key && kb_key_from_label(*long_form ? long_form : cand->surface, key, sizeof key) < 0)
			return err_set(err, path, 0, "candidate %lld: no key from '%s'; use --as KEY",
			               cand->id, *long_form ? long_form : cand->surface);
		if (new_concept(&c, key, *long_form ? long_form : cand->surface) < 0)
			goto oom;
		if (*long_form && strv_push(&c.abbreviations, cand->surface) < 0)
			goto oom;
	} else {
		if (!has_label(&c, cand->surface) && strv_push(&c.abbreviations, cand->surface) < 0)
			goto oom;
		if (*long_form && !has_label(&c, long_form) && strv_push(&c.alt_labels, long_form) < 0)
			goto oom;
	}
	int put = kb_concept_put(kb, &c, action, err);
	if (put < 0)
		goto out;
	snprintf(msg, 512, "%s: %s", c.key,
	         put == KB_ADDED ? "draft concept added" : put == KB_UPDATED ? "labels added"
	                                                                       : "already had these labels");
	rc = 0;
	goto out;
oom:
	err_set(err, path, 0, "out of memory");
out:
	kb_concept_free(&c);
	return rc;
}

/* Starts the transaction of an editor's decision and loads the candidate;
 * on failure nothing is left open. */
static int begin_with_candidate(struct kb *kb, long long id, struct kb_candidate *cand,
                                struct err *err)
{
	if (kb_begin(kb, err) < 0)
		return -1;
	int found = kb_candidate_get(kb, id, cand, err);
	if (found <= 0) {
		kb_rollback(kb);
		if (found == 0)
			err_set(err, kb_path(kb), 0, "no candidate %lld", id);
		return -1;
	}
	return 0;
}

int kb_candidate_accept(struct kb *kb, long long id, const char *as_key, const char *name,
                        char msg[512], struct err *err)
{
	/* the editor's name, without the spaces around it */
	char trimmed[301] = "";
	if (name) {
		while (*name == ' ')
			name++;
		size_t n = strlen(name);
		while (n && name[n - 1] == ' ')
			n--;
		if (n >= sizeof trimmed)
			return err_set(err, kb_path(kb), 0,
			               "candidate %lld: a name of at most 300 bytes, please", id);
		memcpy(trimmed, name, n);
		trimmed[n] = '\0';
		if (n && !valid_name(trimmed))
			return err_set(err, kb_path(kb), 0,
			               "candidate %lld: the name must be one line of UTF-8 text", id);
		name = trimmed;
	}
	struct kb_candidate cand;
	if (begin_with_candidate(kb, id, &cand, err) < 0)
		return -1;
	int rc = 0;
	if (!strcmp(cand.status, "accepted")) {
		snprintf(msg, 512, "candidate %lld was accepted before", id);
	} else {
		rc = accept(kb, &cand, as_key, name, msg, err);
		if (rc == 0)
			rc = set_status(kb, id, "accepted", err);
	}
	kb_candidate_free(&cand);
	if (rc < 0) {
		kb_rollback(kb);
		return -1;
	}
	return kb_commit(kb, err);
}

int kb_candidate_reject(struct kb *kb, long long id, struct err *err)
{
	struct kb_candidate cand;
	if (begin_with_candidate(kb, id, &cand, err) < 0)
		return -1;
	int rc = 0;
	if (!strcmp(cand.status, "accepted"))
		rc = err_set(err, kb_path(kb), 0,
		             "candidate %lld was accepted; undo its change with 'glossar term undo'", id);
	else
		rc = set_status(kb, id, "rejected", err);
	kb_candidate_free(&cand);
	if (rc < 0) {
		kb_rollback(kb);
		return -1;
	}
	return kb_commit(kb, err);
}
