/* concept.c - reading and writing whole concepts, with their history.
 *
 * Every write goes through kb_concept_put or kb_concept_delete, which take
 * the concept's state before and after as JSON and record both in the change
 * table; that one mechanism gives history and undo for every kind of edit. */
#include "kb_internal.h"

#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../common/buf.h"
#include "../extract/norm.h"

const char *const kb_types[] = {
	"organisation", "body", "law", "programme", "principle", "service", "register",
	"standard", "process", "role", "place", "person", "concept", NULL,
};
const char *const kb_statuses[] = { "draft", "review", "approved", "deprecated", NULL };
const char *const kb_match_flags[] = { "case", "compound", "context", "hidden-context",
                                        "ordinary-word", NULL };
const char *const kb_csv_columns[] = {
	"key", "type", "pref_label", "abbreviations", "alt_labels", "hidden_labels",
	"definition", "source", "source_url", "broader", "related", "status", "match",
	"replaced_by", "exact_match", "close_match", "pref_label_en", "alt_labels_en",
	"definition_en", NULL,
};

static int in_list(const char *const *list, const char *s)
{
	for (; *list; list++)
		if (strcmp(*list, s) == 0)
			return 1;
	return 0;
}

int kb_is_type(const char *s) { return in_list(kb_types, s); }
int kb_is_status(const char *s) { return in_list(kb_statuses, s); }
int kb_is_match_flag(const char *s) { return in_list(kb_match_flags, s); }

int kb_is_valid_key(const char *s)
{
	if (!*s || strlen(s) > 200)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
			return 0;
	return 1;
}

int strv_push(struct strv *sv, const char *s)
{
	char *copy = strdup(s);
	char **v = realloc(sv->v, (sv->n + 1) * sizeof *v);
	if (!copy || !v) {
		free(copy);
		if (v)
			sv->v = v;
		return -1;
	}
	sv->v = v;
	sv->v[sv->n++] = copy;
	return 0;
}

void strv_free(struct strv *sv)
{
	for (size_t i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	sv->v = NULL;
	sv->n = 0;
}

int strv_contains(const struct strv *sv, const char *s)
{
	for (size_t i = 0; i < sv->n; i++)
		if (strcmp(sv->v[i], s) == 0)
			return 1;
	return 0;
}

void kb_concept_init(struct kb_concept *c)
{
	memset(c, 0, sizeof *c);
}

void kb_concept_free(struct kb_concept *c)
{
	if (!c)
		return;
	free(c->key);
	free(c->type);
	free(c->pref_label);
	free(c->definition);
	free(c->source);
	free(c->source_url);
	free(c->status);
	free(c->replaced_by);
	free(c->modified);
	free(c->created);
	strv_free(&c->abbreviations);
	strv_free(&c->alt_labels);
	strv_free(&c->hidden_labels);
	strv_free(&c->broader);
	strv_free(&c->related);
	strv_free(&c->match);
	strv_free(&c->exact_match);
	strv_free(&c->close_match);
	free(c->pref_label_en);
	free(c->definition_en);
	strv_free(&c->alt_labels_en);
	memset(c, 0, sizeof *c);
}

void kb_now(char out[32])
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

const char *kb_editor(void)
{
	const char *user = getenv("GLOSSAR_USER");
	if (user && *user)
		return user;
	struct passwd *pw = getpwuid(getuid());
	if (pw && pw->pw_name && *pw->pw_name)
		return pw->pw_name;
	user = getenv("USER");
	return user && *user ? user : "unknown";
}

static int sql_fail(struct kb *kb, struct err *err, const char *what)
{
	return err_set(err, kb->path, 0, "%s: %s", what, sqlite3_errmsg(kb->db));
}

static char *dup_col(sqlite3_stmt *st, int col)
{
	const unsigned char *s = sqlite3_column_text(st, col);
	return strdup(s ? (const char *)s : "");
}

/* Splits "a|b" flags into sv. */
static int split_flags(const char *s, struct strv *sv)
{
	while (*s) {
		const char *bar = strchr(s, '|');
		size_t n = bar ? (size_t)(bar - s) : strlen(s);
		if (n) {
			char *one = strndup(s, n);
			if (!one || strv_push(sv, one) < 0) {
				free(one);
				return -1;
			}
			free(one);
		}
		s += n + (bar ? 1 : 0);
	}
	return 0;
}

/* ---- snapshots and history ---- */

char *kb_concept_snapshot(struct kb *kb, const char *key, int *found, struct err *err)
{
	*found = -1;
	sqlite3_stmt *st = kb_stmt(kb, ST_SNAPSHOT,
		"SELECT json_patch(json_patch(json_object("
		" 'key', c.key, 'type', c.type, 'status', c.status,"
		" 'match', c.match_flags, 'replaced_by', c.replaced_by,"
		" 'labels', (SELECT json_group_array(json_array(kind, text)) FROM"
		"   (SELECT kind, text FROM label WHERE concept_id = c.id ORDER BY position)),"
		" 'definitions', (SELECT json_group_array(json_object('text', text, 'source', source,"
		"   'source_url', source_url, 'lang', lang, 'primary', is_primary)) FROM"
		"   (SELECT * FROM definition WHERE concept_id = c.id ORDER BY is_primary DESC, id)),"
		" 'relations', (SELECT json_group_array(json_array(kind, key)) FROM"
		"   (SELECT r.kind, t.key FROM relation r JOIN concept t ON t.id = r.target_id"
		"    WHERE r.concept_id = c.id ORDER BY r.kind, r.position))),"
		/* Mappings only when there are some: the snapshots of concepts without
		 * any stay byte for byte what the history (and undo) holds from before. */
		" CASE WHEN EXISTS (SELECT 1 FROM mapping WHERE concept_id = c.id)"
		"  THEN json_object('mappings', (SELECT json_group_array(json_array(kind, iri)) FROM"
		"   (SELECT kind, iri FROM mapping WHERE concept_id = c.id ORDER BY kind, position)))"
		"  ELSE '{}' END),"
		" CASE WHEN EXISTS (SELECT 1 FROM translation WHERE concept_id = c.id)"
		"  THEN json_object('translations', (SELECT json_group_array(json_array(lang, kind, text))"
		"   FROM (SELECT lang, kind, text FROM translation WHERE concept_id = c.id"
		"    ORDER BY lang, kind, position)))"
		"  ELSE '{}' END)"
		" FROM concept c WHERE c.key = ?1", err);
	if (!st)
		return NULL;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		*found = 0;
		return NULL;
	}
	if (rc != SQLITE_ROW) {
		sql_fail(kb, err, "cannot read a concept");
		return NULL;
	}
	char *json = dup_col(st, 0);
	sqlite3_reset(st);
	if (!json) {
		err_set(err, kb->path, 0, "out of memory");
		return NULL;
	}
	*found = 1;
	return json;
}

long long kb_change_record(struct kb *kb, const char *action, const char *entity,
                           const char *before, const char *after, long long undoes,
                           struct err *err)
{
	if (kb->batch == 0) {
		sqlite3_stmt *b = kb_stmt(kb, ST_BATCH_NEXT,
			"SELECT coalesce(max(batch), 0) + 1 FROM change", err);
		if (!b)
			return -1;
		if (sqlite3_step(b) != SQLITE_ROW)
			return sql_fail(kb, err, "cannot number the change");
		kb->batch = sqlite3_column_int64(b, 0);
		sqlite3_reset(b);
	}
	sqlite3_stmt *st = kb_stmt(kb, ST_CHANGE_INSERT,
		"INSERT INTO change (at, editor, action, entity, before, after, undoes, batch)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", err);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 8, kb->batch);
	char now[32];
	kb_now(now);
	sqlite3_bind_text(st, 1, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, kb->actor ? kb->actor : kb_editor(), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, action, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, entity, -1, SQLITE_TRANSIENT);
	if (before)
		sqlite3_bind_text(st, 5, before, -1, SQLITE_TRANSIENT);
	if (after)
		sqlite3_bind_text(st, 6, after, -1, SQLITE_TRANSIENT);
	if (undoes > 0)
		sqlite3_bind_int64(st, 7, undoes);
	if (sqlite3_step(st) != SQLITE_DONE)
		return sql_fail(kb, err, "cannot record the change");
	return sqlite3_last_insert_rowid(kb->db);
}

/* ---- writing ---- */

static int put_label(struct kb *kb, sqlite3_int64 id, const char *kind, const char *text,
                     int position, struct err *err)
{
	struct buf key = BUF_INIT;
	if (norm_key(text, strlen(text), &key) < 0) {
		buf_free(&key);
		return err_set(err, kb->path, 0, "label is not valid UTF-8: %s", text);
	}
	sqlite3_stmt *st = kb_stmt(kb, ST_LABEL_INSERT,
		"INSERT OR IGNORE INTO label (concept_id, kind, text, match_key, position)"
		" VALUES (?1, ?2, ?3, ?4, ?5)", err);
	int rc = -1;
	if (st) {
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, text, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 4, buf_cstr(&key), -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 5, position);
		rc = sqlite3_step(st) == SQLITE_DONE ? 0 : sql_fail(kb, err, "cannot store a label");
	}
	buf_free(&key);
	return rc;
}

static int put_relations(struct kb *kb, sqlite3_int64 id, const char *kind,
                         const struct strv *targets, struct err *err)
{
	for (size_t i = 0; i < targets->n; i++) {
		sqlite3_stmt *st = kb_stmt(kb, ST_RELATION_INSERT,
			"INSERT OR IGNORE INTO relation (concept_id, kind, target_id, position)"
			" SELECT ?1, ?2, id, ?4 FROM concept WHERE key = ?3", err);
		if (!st)
			return -1;
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, targets->v[i], -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 4, (int)i);
		if (sqlite3_step(st) != SQLITE_DONE)
			return sql_fail(kb, err, "cannot store a relation");
		if (sqlite3_changes(kb->db) == 0) {
			/* Either unknown, or listed twice (ignored); tell which. */
			sqlite3_stmt *q = kb_stmt(kb, ST_CONCEPT_ID,
				"SELECT id FROM concept WHERE key = ?1", err);
			if (!q)
				return -1;
			sqlite3_bind_text(q, 1, targets->v[i], -1, SQLITE_TRANSIENT);
			int found = sqlite3_step(q) == SQLITE_ROW;
			sqlite3_reset(q);
			if (!found)
				return err_set(err, kb->path, 0, "%s names unknown concept '%s'", kind,
				               targets->v[i]);
		}
	}
	return 0;
}

static int join_flags(const struct strv *sv, struct buf *out)
{
	for (size_t i = 0; i < sv->n; i++)
		if ((i && buf_putc(out, '|') < 0) || buf_puts(out, sv->v[i]) < 0)
			return -1;
	return 0;
}

static int write_concept(struct kb *kb, const struct kb_concept *c, const char *now,
                         struct err *err)
{
	struct buf flags = BUF_INIT;
	if (join_flags(&c->match, &flags) < 0)
		return err_set(err, kb->path, 0, "out of memory");
	sqlite3_stmt *st = kb_stmt(kb, ST_CONCEPT_UPSERT,
		"INSERT INTO concept (key, type, status, match_flags, replaced_by, created, modified)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)"
		" ON CONFLICT (key) DO UPDATE SET type = ?2, status = ?3, match_flags = ?4,"
		" replaced_by = ?5 RETURNING id", err);
	if (!st) {
		buf_free(&flags);
		return -1;
	}
	sqlite3_bind_text(st, 1, c->key, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, c->type, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, c->status && *c->status ? c->status : "draft", -1,
	                  SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, buf_cstr(&flags), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, c->replaced_by ? c->replaced_by : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 6, now, -1, SQLITE_TRANSIENT);
	buf_free(&flags);
	if (sqlite3_step(st) != SQLITE_ROW)
		return sql_fail(kb, err, "cannot store the concept");
	sqlite3_int64 id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);

	sqlite3_stmt *del;
	if (!(del = kb_stmt(kb, ST_LABELS_DELETE, "DELETE FROM label WHERE concept_id = ?1", err)))
		return -1;
	sqlite3_bind_int64(del, 1, id);
	if (sqlite3_step(del) != SQLITE_DONE)
		return sql_fail(kb, err, "cannot replace labels");
	int pos = 0;
	if (put_label(kb, id, "pref", c->pref_label, pos++, err) < 0)
		return -1;
	const struct { const char *kind; const struct strv *sv; } groups[] = {
		{ "abbrev", &c->abbreviations }, { "alt", &c->alt_labels }, { "hidden", &c->hidden_labels },
	};
	for (size_t g = 0; g < 3; g++)
		for (size_t i = 0; i < groups[g].sv->n; i++)
			if (put_label(kb, id, groups[g].kind, groups[g].sv->v[i], pos++, err) < 0)
				return -1;

	if (!(del = kb_stmt(kb, ST_DEFINITION_DELETE,
	                    "DELETE FROM definition WHERE concept_id = ?1 AND is_primary", err)))
		return -1;
	sqlite3_bind_int64(del, 1, id);
	if (sqlite3_step(del) != SQLITE_DONE)
		return sql_fail(kb, err, "cannot replace the definition");
	if ((c->definition && *c->definition) || (c->source && *c->source) ||
	    (c->source_url && *c->source_url)) {
		sqlite3_stmt *ins = kb_stmt(kb, ST_DEFINITION_INSERT,
			"INSERT INTO definition (concept_id, text, source, source_url, is_primary)"
			" VALUES (?1, ?2, ?3, ?4, 1)", err);
		if (!ins)
			return -1;
		sqlite3_bind_int64(ins, 1, id);
		sqlite3_bind_text(ins, 2, c->definition ? c->definition : "", -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ins, 3, c->source ? c->source : "", -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ins, 4, c->source_url ? c->source_url : "", -1, SQLITE_TRANSIENT);
		if (sqlite3_step(ins) != SQLITE_DONE)
			return sql_fail(kb, err, "cannot store the definition");
	}

	if (!(del = kb_stmt(kb, ST_RELATIONS_DELETE, "DELETE FROM relation WHERE concept_id = ?1",
	                    err)))
		return -1;
	sqlite3_bind_int64(del, 1, id);
	if (sqlite3_step(del) != SQLITE_DONE)
		return sql_fail(kb, err, "cannot replace relations");
	if (put_relations(kb, id, "broader", &c->broader, err) < 0 ||
	    put_relations(kb, id, "related", &c->related, err) < 0)
		return -1;

	if (!(del = kb_stmt(kb, ST_MAPPINGS_DELETE, "DELETE FROM mapping WHERE concept_id = ?1",
	                    err)))
		return -1;
	sqlite3_bind_int64(del, 1, id);
	if (sqlite3_step(del) != SQLITE_DONE)
		return sql_fail(kb, err, "cannot replace mappings");
	const struct { const char *kind; const struct strv *sv; } maps[] = {
		{ "close", &c->close_match }, { "exact", &c->exact_match },
	};
	for (size_t m = 0; m < 2; m++)
		for (size_t i = 0; i < maps[m].sv->n; i++) {
			sqlite3_stmt *ins = kb_stmt(kb, ST_MAPPING_INSERT,
				"INSERT OR IGNORE INTO mapping (concept_id, kind, iri, position)"
				" VALUES (?1, ?2, ?3, ?4)", err);
			if (!ins)
				return -1;
			sqlite3_bind_int64(ins, 1, id);
			sqlite3_bind_text(ins, 2, maps[m].kind, -1, SQLITE_STATIC);
			sqlite3_bind_text(ins, 3, maps[m].sv->v[i], -1, SQLITE_TRANSIENT);
			sqlite3_bind_int(ins, 4, (int)i);
			if (sqlite3_step(ins) != SQLITE_DONE)
				return sql_fail(kb, err, "cannot store a mapping");
		}

	if (!(del = kb_stmt(kb, ST_TRANSLATIONS_DELETE,
	                    "DELETE FROM translation WHERE concept_id = ?1", err)))
		return -1;
	sqlite3_bind_int64(del, 1, id);
	if (sqlite3_step(del) != SQLITE_DONE)
		return sql_fail(kb, err, "cannot replace the English labels");
	const char *one_pref[1] = { c->pref_label_en }, *one_def[1] = { c->definition_en };
	const struct { const char *kind; const char *const *v; size_t n; } en[] = {
		{ "alt", (const char *const *)c->alt_labels_en.v, c->alt_labels_en.n },
		{ "definition", one_def, c->definition_en && *c->definition_en },
		{ "pref", one_pref, c->pref_label_en && *c->pref_label_en },
	};
	for (size_t g = 0; g < 3; g++)
		for (size_t i = 0; i < en[g].n; i++) {
			sqlite3_stmt *ins = kb_stmt(kb, ST_TRANSLATION_INSERT,
				"INSERT OR IGNORE INTO translation (concept_id, lang, kind, text, position)"
				" VALUES (?1, 'en', ?2, ?3, ?4)", err);
			if (!ins)
				return -1;
			sqlite3_bind_int64(ins, 1, id);
			sqlite3_bind_text(ins, 2, en[g].kind, -1, SQLITE_STATIC);
			sqlite3_bind_text(ins, 3, en[g].v[i], -1, SQLITE_TRANSIENT);
			sqlite3_bind_int(ins, 4, (int)i);
			if (sqlite3_step(ins) != SQLITE_DONE)
				return sql_fail(kb, err, "cannot store an English label");
		}
	return 0;
}

static int put(struct kb *kb, const struct kb_concept *c, const char *action, int is_new,
               struct err *err)
{
	if (!kb_is_valid_key(c->key))
		return err_set(err, kb->path, 0, "invalid key '%s' (use a-z, 0-9 and -)", c->key);
	if (!c->type || !kb_is_type(c->type))
		return err_set(err, kb->path, 0, "%s: unknown type '%s'", c->key,
		               c->type ? c->type : "");
	if (!c->pref_label || !*c->pref_label)
		return err_set(err, kb->path, 0, "%s: a preferred label is required", c->key);
	if (c->status && *c->status && !kb_is_status(c->status))
		return err_set(err, "", 0, "%s: unknown status '%s'", c->key,
		               c->status ? c->status : "");
	if (kb_concept_check(c, err) < 0)
		return -1;
	/* SQLite rolls a transaction back by itself on some I/O errors (a full
	 * disk); the savepoint below would then start and commit a transaction of
	 * its own, and the rest of a refused import would land row by row. */
	if (sqlite3_get_autocommit(kb->db))
		return err_set(err, kb->path, 0, "cannot store the concept: the transaction was "
		               "rolled back (%s)", sqlite3_errmsg(kb->db));
	int existed;
	char *before = kb_concept_snapshot(kb, c->key, &existed, err);
	if (existed < 0)
		return -1;
	if (is_new) {
		free(before);
		before = NULL;
		existed = 0;
	}
	if (sqlite3_exec(kb->db, "SAVEPOINT put", NULL, NULL, NULL) != SQLITE_OK) {
		free(before);
		return sql_fail(kb, err, "cannot start a savepoint");
	}
	char now[32];
	kb_now(now);
	int rc = write_concept(kb, c, now, err);
	if (rc == 0)
		rc = kb_search_sync(kb, c->key, err); /* same savepoint: index and data agree */
	int found;
	char *after = rc < 0 ? NULL : kb_concept_snapshot(kb, c->key, &found, err);
	if (rc == 0 && !after)
		rc = -1;
	if (rc == 0 && before && strcmp(before, after) == 0) {
		sqlite3_exec(kb->db, "ROLLBACK TO put; RELEASE put", NULL, NULL, NULL);
		free(before);
		free(after);
		return KB_UNCHANGED;
	}
	if (rc == 0) {
		sqlite3_stmt *st = kb_stmt(kb, ST_CONCEPT_TOUCH,
			"UPDATE concept SET modified = ?2 WHERE key = ?1", err);
		if (!st)
			rc = -1;
		else {
			sqlite3_bind_text(st, 1, c->key, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(st, 2, now, -1, SQLITE_TRANSIENT);
			if (sqlite3_step(st) != SQLITE_DONE)
				rc = sql_fail(kb, err, "cannot store the concept");
		}
	}
	if (rc == 0 && kb_change_record(kb, action, c->key, before, after, kb->undoes, err) < 0)
		rc = -1;
	free(before);
	free(after);
	if (rc < 0) {
		sqlite3_exec(kb->db, "ROLLBACK TO put; RELEASE put", NULL, NULL, NULL);
		return -1;
	}
	if (sqlite3_exec(kb->db, "RELEASE put", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_get_autocommit(kb->db))
		return sql_fail(kb, err, "cannot store the concept");
	if (strv_push(&kb->written, c->key) < 0)
		return err_set(err, kb->path, 0, "out of memory");
	return existed ? KB_UPDATED : KB_ADDED;
}

int kb_concept_put(struct kb *kb, const struct kb_concept *c, const char *action,
                   struct err *err)
{
	return put(kb, c, action, 0, err);
}

int kb_concept_put_new(struct kb *kb, const struct kb_concept *c, const char *action,
                       struct err *err)
{
	return put(kb, c, action, 1, err);
}

int kb_concept_reserve(struct kb *kb, const char *key, const char *type, struct err *err)
{
	sqlite3_stmt *st = kb_stmt(kb, ST_CONCEPT_RESERVE,
		"INSERT INTO concept (key, type, status, created, modified)"
		" VALUES (?1, ?2, 'draft', ?3, ?3) ON CONFLICT (key) DO NOTHING", err);
	if (!st)
		return -1;
	char now[32];
	kb_now(now);
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, type, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, now, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) != SQLITE_DONE)
		return sql_fail(kb, err, "cannot store the concept");
	return sqlite3_changes(kb->db) > 0;
}

int kb_concept_delete(struct kb *kb, const char *key, const char *action, struct err *err)
{
	int existed;
	char *before = kb_concept_snapshot(kb, key, &existed, err);
	if (existed <= 0)
		return existed;
	if (kb_search_forget(kb, key, err) < 0) {
		free(before);
		return -1;
	}
	sqlite3_stmt *st = kb_stmt(kb, ST_CONCEPT_DELETE, "DELETE FROM concept WHERE key = ?1", err);
	int rc = -1;
	if (st) {
		sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(st) != SQLITE_DONE)
			sql_fail(kb, err, "cannot remove the concept");
		else if (kb_change_record(kb, action, key, before, NULL, kb->undoes, err) >= 0)
			rc = 1;
	}
	free(before);
	return rc;
}

/* ---- reading ---- */

static int load_concepts(struct kb *kb, const char *where_key, struct kb_vocab *out,
                         struct err *err)
{
	/* One query per table keeps this simple; the vocabulary is read once per command. */
	sqlite3 *db = kb->db;
	sqlite3_stmt *st = NULL;
	const char *sql_concepts =
		"SELECT c.id, c.key, c.type, c.status, c.match_flags, c.replaced_by, c.modified,"
		" d.text, d.source, d.source_url, c.created"
		" FROM concept c LEFT JOIN definition d ON d.concept_id = c.id AND d.is_primary"
		" WHERE ?1 IS NULL OR c.key = ?1 ORDER BY c.key";
	if (sqlite3_prepare_v2(db, sql_concepts, -1, &st, NULL) != SQLITE_OK)
		return sql_fail(kb, err, "cannot read concepts");
	if (where_key)
		sqlite3_bind_text(st, 1, where_key, -1, SQLITE_TRANSIENT);
	size_t cap = 0;
	sqlite3_int64 *ids = NULL;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (out->n == cap) {
			size_t ncap = cap ? cap * 2 : 64;
			struct kb_concept *items = realloc(out->items, ncap * sizeof *items);
			sqlite3_int64 *nids = items ? realloc(ids, ncap * sizeof *nids) : NULL;
			if (items)
				out->items = items;
			if (!items || !nids) {
				sqlite3_finalize(st);
				free(ids);
				return err_set(err, kb->path, 0, "out of memory");
			}
			ids = nids;
			cap = ncap;
		}
		struct kb_concept *c = &out->items[out->n];
		kb_concept_init(c);
		ids[out->n++] = sqlite3_column_int64(st, 0);
		c->key = dup_col(st, 1);
		c->type = dup_col(st, 2);
		c->status = dup_col(st, 3);
		const char *flags = (const char *)sqlite3_column_text(st, 4);
		split_flags(flags ? flags : "", &c->match);
		c->replaced_by = dup_col(st, 5);
		c->modified = dup_col(st, 6);
		c->definition = dup_col(st, 7);
		c->source = dup_col(st, 8);
		c->source_url = dup_col(st, 9);
		c->created = dup_col(st, 10);
		c->pref_label = strdup("");
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(ids);
		return sql_fail(kb, err, "cannot read concepts");
	}

	/* Labels and relations, joined back by concept id. */
	const char *sql_labels =
		"SELECT l.concept_id, l.kind, l.text FROM label l JOIN concept c ON c.id = l.concept_id"
		" WHERE ?1 IS NULL OR c.key = ?1 ORDER BY c.key, l.position";
	const char *sql_relations =
		"SELECT r.concept_id, r.kind, t.key FROM relation r"
		" JOIN concept c ON c.id = r.concept_id JOIN concept t ON t.id = r.target_id"
		" WHERE ?1 IS NULL OR c.key = ?1 ORDER BY c.key, r.kind, r.position";
	const char *sql_mappings =
		"SELECT m.concept_id, m.kind, m.iri FROM mapping m JOIN concept c ON c.id = m.concept_id"
		" WHERE ?1 IS NULL OR c.key = ?1 ORDER BY c.key, m.kind, m.position";
	const char *sql_translations =
		"SELECT t.concept_id, t.kind, t.text FROM translation t JOIN concept c ON c.id = t.concept_id"
		" WHERE t.lang = 'en' AND (?1 IS NULL OR c.key = ?1) ORDER BY c.key, t.kind, t.position";
	const char *sqls[4] = { sql_labels, sql_relations, sql_mappings, sql_translations };
	for (int q = 0; q < 4; q++) {
		if (sqlite3_prepare_v2(db, sqls[q], -1, &st, NULL) != SQLITE_OK) {
			free(ids);
			return sql_fail(kb, err, "cannot read labels");
		}
		if (where_key)
			sqlite3_bind_text(st, 1, where_key, -1, SQLITE_TRANSIENT);
		size_t at = 0;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			sqlite3_int64 id = sqlite3_column_int64(st, 0);
			/* Rows come in key order, like items: walk forward. */
			while (at < out->n && ids[at] != id)
				at++;
			if (at == out->n)
				break;
			struct kb_concept *c = &out->items[at];
			const char *kind = (const char *)sqlite3_column_text(st, 1);
			const char *text = (const char *)sqlite3_column_text(st, 2);
			int bad = 0;
			if (q == 0 && !strcmp(kind, "pref")) {
				free(c->pref_label);
				bad = !(c->pref_label = strdup(text));
			} else if (q == 0) {
				struct strv *sv = !strcmp(kind, "abbrev") ? &c->abbreviations
				                : !strcmp(kind, "alt")    ? &c->alt_labels
				                                          : &c->hidden_labels;
				bad = strv_push(sv, text) < 0;
			} else if (q == 1) {
				bad = strv_push(!strcmp(kind, "broader") ? &c->broader : &c->related, text) < 0;
			} else if (q == 2) {
				bad = strv_push(!strcmp(kind, "exact") ? &c->exact_match : &c->close_match,
				                text) < 0;
			} else if (!strcmp(kind, "alt")) {
				bad = strv_push(&c->alt_labels_en, text) < 0;
			} else {
				char **dst = !strcmp(kind, "pref") ? &c->pref_label_en : &c->definition_en;
				free(*dst);
				bad = !(*dst = strdup(text));
			}
			if (bad) {
				sqlite3_finalize(st);
				free(ids);
				return err_set(err, kb->path, 0, "out of memory");
			}
		}
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE) {
			free(ids);
			return sql_fail(kb, err, "cannot read labels");
		}
	}
	free(ids);
	return 0;
}

int kb_vocab_load(struct kb *kb, struct kb_vocab *out, struct err *err)
{
	out->items = NULL;
	out->n = 0;
	if (load_concepts(kb, NULL, out, err) < 0) {
		kb_vocab_free(out);
		return -1;
	}
	return 0;
}

void kb_vocab_free(struct kb_vocab *v)
{
	for (size_t i = 0; i < v->n; i++)
		kb_concept_free(&v->items[i]);
	free(v->items);
	v->items = NULL;
	v->n = 0;
}

static int cmp_key(const void *a, const void *b)
{
	return strcmp((const char *)a, ((const struct kb_concept *)b)->key);
}

const struct kb_concept *kb_vocab_find(const struct kb_vocab *v, const char *key)
{
	return v->n ? bsearch(key, v->items, v->n, sizeof *v->items, cmp_key) : NULL;
}

int kb_vocab_narrower(const struct kb_vocab *v, const char *key, struct strv *out)
{
	for (size_t i = 0; i < v->n; i++)
		if (strv_contains(&v->items[i].broader, key) && strv_push(out, v->items[i].key) < 0)
			return -1;
	return 0;
}

int kb_vocab_related_all(const struct kb_vocab *v, const struct kb_concept *c, struct strv *out)
{
	for (size_t i = 0; i < c->related.n; i++)
		if (!strv_contains(out, c->related.v[i]) && strv_push(out, c->related.v[i]) < 0)
			return -1;
	for (size_t i = 0; i < v->n; i++)
		if (strv_contains(&v->items[i].related, c->key) && !strv_contains(out, v->items[i].key) &&
		    strv_push(out, v->items[i].key) < 0)
			return -1;
	return 0;
}

int kb_concept_get(struct kb *kb, const char *key, struct kb_concept *out, struct err *err)
{
	struct kb_vocab v = { NULL, 0 };
	kb_concept_init(out);
	if (load_concepts(kb, key, &v, err) < 0) {
		kb_vocab_free(&v);
		return -1;
	}
	if (v.n == 0) {
		kb_vocab_free(&v);
		return 0;
	}
	*out = v.items[0];
	free(v.items);
	return 1;
}
