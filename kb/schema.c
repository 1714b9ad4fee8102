/* schema.c - opening the knowledge base, its schema and migrations.
 *
 * The schema version lives in PRAGMA user_version; migrations[i] takes a KB
 * from version i to i + 1 and runs in the same transaction as the version
 * bump. A KB from a newer glossar is refused, never touched.
 *
 * Tables (version 1):
 *   concept(id, key UNIQUE, type, status, match_flags, replaced_by, created, modified)
 *   label(concept_id, kind pref|alt|abbrev|hidden, text, match_key, position)
 *       match_key is norm_key(text): case folded, ä=ae, no hyphens or spaces
 *   definition(concept_id, text, source, source_url, lang, is_primary)
 *   relation(concept_id, kind broader|related, target_id, position)
 *   document(path UNIQUE, size, hash, format, extracted)  mention(document_id, concept_id, ...)
 *   candidate(kind, surface, expansion, doc, line, context, count, status)
 *   change(at, editor, action, entity, before, after, undoes, batch): the history;
 *       before/after are the concept's whole state as JSON (NULL when absent);
 *       the changes one command made in one transaction share a batch number.
 * Version 2:
 *   candidate gains url (a citation's page on gesetze-im-internet.de);
 *   candidate_evidence(candidate_id, doc, line, context, count): what each
 *       document gave; candidate.count, doc, line, context are recounted from it.
 * Version 3:
 *   concept_fts: FTS5 index, one row per concept (rowid = concept.id): key and
 *       pref (not indexed, for display), raw (labels and definition as written;
 *       the tokenizer drops diacritics, so ä matches a) and folded (their
 *       norm_text forms, ä as ae, plus the labels' norm_key forms, so
 *       "Deutschlandstack" finds "Deutschland-Stack"). Kept in sync by
 *       kb_concept_put/delete in the same transaction; rebuilt on migration.
 *   indexes change(batch) and change(undoes), for undo.
 * Version 4 (editing in the browser; kb/users.c, kb/review.c):
 *   account(name UNIQUE, role editor|reviewer|admin, hash, disabled, created,
 *       modified): hash is libsodium's Argon2id string (crypto_pwhash_str);
 *   session(id_hash, account_id, csrf, address, created, last_seen): only a
 *       BLAKE2b hash of the session id is kept, so a copy of the file does not
 *       log anyone in; times are Unix seconds;
 *   login_failure(scope account|address, subject, at): for slowing down guessing;
 *   comment(concept, author, at, text): a thread per concept key;
 *   review(concept, action submit|approve|reject, actor, at, comment_id,
 *       change_id): the workflow's events;
 *   admin_log(at, actor, action, target): who changed which account.
 *   None of these is read by an export; kb backup copies them with the rest.
 * Version 5 (the scheme and its releases; kb/scheme.c, kb/release.c):
 *   scheme_meta(name, lang, value): the concept scheme's title, description,
 *       publisher, licence, base URI, version, ... (lang '' or 'en');
 *   release(tag UNIQUE, created, note, last_change): a tag given to the
 *       vocabulary; last_change is the newest change id it includes;
 *   release_concept(release_id, key, snapshot): every concept's state then,
 *       as the JSON the history keeps.
 * Version 6 (mappings):
 *   mapping(concept_id, kind exact|close, iri, position): the concept's
 *       exact_match and close_match IRIs; a snapshot carries them as
 *       "mappings": [[kind, iri], ...] only when there are some.
 * Version 7 (a second language):
 *   translation(concept_id, lang 'en', kind pref|alt|definition, text,
 *       position): pref_label_en, alt_labels_en, definition_en; kept apart
 *       from label, so the gazetteer matches German labels only; a snapshot
 *       carries them as "translations": [[lang, kind, text], ...] only when
 *       there are some.
 */
#include "kb_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../common/buf.h"

static const char *const migrations[] = {
	/* 0 -> 1 */
	"CREATE TABLE concept ("
	"  id INTEGER PRIMARY KEY,"
	"  key TEXT NOT NULL UNIQUE,"
	"  type TEXT NOT NULL,"
	"  status TEXT NOT NULL CHECK (status IN ('draft','review','approved','deprecated')),"
	"  match_flags TEXT NOT NULL DEFAULT '',"
	"  replaced_by TEXT NOT NULL DEFAULT '',"
	"  created TEXT NOT NULL,"
	"  modified TEXT NOT NULL);"
	"CREATE TABLE label ("
	"  id INTEGER PRIMARY KEY,"
	"  concept_id INTEGER NOT NULL REFERENCES concept(id) ON DELETE CASCADE,"
	"  kind TEXT NOT NULL CHECK (kind IN ('pref','alt','abbrev','hidden')),"
	"  text TEXT NOT NULL CHECK (text <> ''),"
	"  match_key TEXT NOT NULL,"
	"  position INTEGER NOT NULL,"
	"  UNIQUE (concept_id, kind, text));"
	"CREATE INDEX label_concept ON label(concept_id);"
	"CREATE INDEX label_match_key ON label(match_key);"
	"CREATE TABLE definition ("
	"  id INTEGER PRIMARY KEY,"
	"  concept_id INTEGER NOT NULL REFERENCES concept(id) ON DELETE CASCADE,"
	"  text TEXT NOT NULL,"
	"  source TEXT NOT NULL DEFAULT '',"
	"  source_url TEXT NOT NULL DEFAULT '',"
	"  lang TEXT NOT NULL DEFAULT 'de',"
	"  is_primary INTEGER NOT NULL DEFAULT 1);"
	"CREATE INDEX definition_concept ON definition(concept_id);"
	"CREATE TABLE relation ("
	"  concept_id INTEGER NOT NULL REFERENCES concept(id) ON DELETE CASCADE,"
	"  kind TEXT NOT NULL CHECK (kind IN ('broader','related')),"
	"  target_id INTEGER NOT NULL REFERENCES concept(id) ON DELETE CASCADE,"
	"  position INTEGER NOT NULL,"
	"  PRIMARY KEY (concept_id, kind, target_id));"
	"CREATE INDEX relation_target ON relation(target_id);"
	"CREATE TABLE document ("
	"  id INTEGER PRIMARY KEY,"
	"  path TEXT NOT NULL UNIQUE,"
	"  size INTEGER NOT NULL,"
	"  hash TEXT NOT NULL,"
	"  format TEXT NOT NULL,"
	"  extracted TEXT NOT NULL);"
	"CREATE TABLE mention ("
	"  id INTEGER PRIMARY KEY,"
	"  document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,"
	"  concept_id INTEGER NOT NULL REFERENCES concept(id) ON DELETE CASCADE,"
	"  start INTEGER NOT NULL, end INTEGER NOT NULL,"
	"  line INTEGER NOT NULL, col INTEGER NOT NULL,"
	"  surface TEXT NOT NULL, label TEXT NOT NULL,"
	"  method TEXT NOT NULL, score REAL NOT NULL);"
	"CREATE INDEX mention_document ON mention(document_id);"
	"CREATE INDEX mention_concept ON mention(concept_id);"
	"CREATE TABLE candidate ("
	"  id INTEGER PRIMARY KEY,"
	"  kind TEXT NOT NULL CHECK (kind IN ('abbreviation','acronym','variant','definition','citation')),"
	"  surface TEXT NOT NULL,"
	"  expansion TEXT NOT NULL DEFAULT '',"
	"  doc TEXT NOT NULL DEFAULT '',"
	"  line INTEGER NOT NULL DEFAULT 0,"
	"  context TEXT NOT NULL DEFAULT '',"
	"  count INTEGER NOT NULL DEFAULT 1,"
	"  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','accepted','rejected')),"
	"  created TEXT NOT NULL,"
	"  UNIQUE (kind, surface, expansion));"
	"CREATE TABLE change ("
	"  id INTEGER PRIMARY KEY,"
	"  at TEXT NOT NULL,"
	"  editor TEXT NOT NULL,"
	"  action TEXT NOT NULL,"
	"  entity TEXT NOT NULL,"
	"  before TEXT,"
	"  after TEXT,"
	"  undoes INTEGER REFERENCES change(id),"
	"  batch INTEGER NOT NULL);"
	"CREATE INDEX change_entity ON change(entity);",
	/* 1 -> 2: discovery's evidence per document, so that running discover
	 * again recounts instead of adding; a citation's URL. */
	"ALTER TABLE candidate ADD COLUMN url TEXT NOT NULL DEFAULT '';"
	"CREATE TABLE candidate_evidence ("
	"  candidate_id INTEGER NOT NULL REFERENCES candidate(id) ON DELETE CASCADE,"
	"  doc TEXT NOT NULL,"
	"  line INTEGER NOT NULL,"
	"  context TEXT NOT NULL,"
	"  count INTEGER NOT NULL,"
	"  PRIMARY KEY (candidate_id, doc));"
	"CREATE INDEX candidate_evidence_doc ON candidate_evidence(doc);",
	/* 2 -> 3: full-text search for editors (kb/search.c). */
	"CREATE VIRTUAL TABLE concept_fts USING fts5(key UNINDEXED, pref UNINDEXED, raw, folded,"
	" tokenize = 'unicode61 remove_diacritics 2');"
	/* undo looks changes up by batch and by what they reverted */
	"CREATE INDEX change_batch ON change(batch);"
	"CREATE INDEX change_undoes ON change(undoes);",
	/* 3 -> 4: accounts, sessions, comments and the review workflow. */
	"CREATE TABLE account ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE,"
	"  role TEXT NOT NULL CHECK (role IN ('editor','reviewer','admin')),"
	"  hash TEXT NOT NULL,"
	"  disabled INTEGER NOT NULL DEFAULT 0,"
	"  created TEXT NOT NULL,"
	"  modified TEXT NOT NULL);"
	"CREATE TABLE session ("
	"  id_hash TEXT PRIMARY KEY,"
	"  account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,"
	"  csrf TEXT NOT NULL,"
	"  address TEXT NOT NULL DEFAULT '',"
	"  created INTEGER NOT NULL,"
	"  last_seen INTEGER NOT NULL);"
	"CREATE INDEX session_account ON session(account_id);"
	"CREATE TABLE login_failure ("
	"  scope TEXT NOT NULL CHECK (scope IN ('account','address')),"
	"  subject TEXT NOT NULL,"
	"  at INTEGER NOT NULL);"
	"CREATE INDEX login_failure_subject ON login_failure(scope, subject, at);"
	"CREATE TABLE comment ("
	"  id INTEGER PRIMARY KEY,"
	"  concept TEXT NOT NULL,"
	"  author TEXT NOT NULL,"
	"  at TEXT NOT NULL,"
	"  text TEXT NOT NULL CHECK (text <> ''));"
	"CREATE INDEX comment_concept ON comment(concept);"
	"CREATE TABLE review ("
	"  id INTEGER PRIMARY KEY,"
	"  concept TEXT NOT NULL,"
	"  action TEXT NOT NULL CHECK (action IN ('submit','approve','reject')),"
	"  actor TEXT NOT NULL,"
	"  at TEXT NOT NULL,"
	"  comment_id INTEGER REFERENCES comment(id),"
	"  change_id INTEGER REFERENCES change(id));"
	"CREATE INDEX review_concept ON review(concept);"
	"CREATE TABLE admin_log ("
	"  id INTEGER PRIMARY KEY,"
	"  at TEXT NOT NULL,"
	"  actor TEXT NOT NULL,"
	"  action TEXT NOT NULL,"
	"  target TEXT NOT NULL);",
	/* 4 -> 5: the scheme's metadata (kb/scheme.c) and releases (kb/release.c) */
	"CREATE TABLE scheme_meta ("
	"  name TEXT NOT NULL,"
	"  lang TEXT NOT NULL DEFAULT '',"
	"  value TEXT NOT NULL,"
	"  PRIMARY KEY (name, lang));"
	"CREATE TABLE release ("
	"  id INTEGER PRIMARY KEY,"
	"  tag TEXT NOT NULL UNIQUE,"
	"  created TEXT NOT NULL,"
	"  note TEXT NOT NULL DEFAULT '',"
	"  last_change INTEGER NOT NULL);"
	"CREATE TABLE release_concept ("
	"  release_id INTEGER NOT NULL REFERENCES release(id) ON DELETE CASCADE,"
	"  key TEXT NOT NULL,"
	"  snapshot TEXT NOT NULL,"
	"  PRIMARY KEY (release_id, key));",
	/* 5 -> 6: mappings to other vocabularies (skos:exactMatch, skos:closeMatch) */
	"CREATE TABLE mapping ("
	"  concept_id INTEGER NOT NULL REFERENCES concept(id) ON DELETE CASCADE,"
	"  kind TEXT NOT NULL CHECK (kind IN ('exact','close')),"
	"  iri TEXT NOT NULL CHECK (iri <> ''),"
	"  position INTEGER NOT NULL,"
	"  UNIQUE (concept_id, kind, iri));"
	"CREATE INDEX mapping_concept ON mapping(concept_id);",
	/* 6 -> 7: labels and definitions in another language (English) */
	"CREATE TABLE translation ("
	"  concept_id INTEGER NOT NULL REFERENCES concept(id) ON DELETE CASCADE,"
	"  lang TEXT NOT NULL CHECK (lang <> ''),"
	"  kind TEXT NOT NULL CHECK (kind IN ('pref','alt','definition')),"
	"  text TEXT NOT NULL CHECK (text <> ''),"
	"  position INTEGER NOT NULL,"
	"  UNIQUE (concept_id, lang, kind, text));"
	"CREATE INDEX translation_concept ON translation(concept_id);",
};

enum { SCHEMA_VERSION = sizeof migrations / sizeof migrations[0] };

int kb_schema_version(void)
{
	return SCHEMA_VERSION;
}

static int sql_fail(struct kb *kb, struct err *err, const char *what)
{
	return err_set(err, kb->path, 0, "%s: %s", what, sqlite3_errmsg(kb->db));
}

static int user_version(struct kb *kb, int *out, struct err *err)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(kb->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
		return sql_fail(kb, err, "cannot read the schema version");
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(st);
		return sql_fail(kb, err, "cannot read the schema version");
	}
	*out = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return 0;
}

static int migrate(struct kb *kb, struct err *err)
{
	int version;
	if (user_version(kb, &version, err) < 0)
		return -1;
	if (version > SCHEMA_VERSION)
		return err_set(err, kb->path, 0,
		               "knowledge base has schema version %d, newer than this glossar "
		               "understands (%d); use a newer glossar",
		               version, SCHEMA_VERSION);
	if (version == SCHEMA_VERSION)
		return 0;
	if (kb->readonly)
		return 0; /* kb_open_readonly decides */
	if (kb_begin(kb, err) < 0)
		return -1;
	/* Another process may have migrated while we waited for the lock. */
	if (user_version(kb, &version, err) < 0) {
		kb_rollback(kb);
		return -1;
	}
	for (int v = version; v < SCHEMA_VERSION; v++) {
		if (sqlite3_exec(kb->db, migrations[v], NULL, NULL, NULL) != SQLITE_OK) {
			sql_fail(kb, err, "cannot migrate the schema");
			kb_rollback(kb);
			return -1;
		}
	}
	/* The search index is filled in C (it needs the normaliser); rebuilding it
	 * on every migration is cheap and keeps it right whatever came before. */
	if (kb_search_rebuild(kb, err) < 0) {
		kb_rollback(kb);
		return -1;
	}
	char pragma[64];
	snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", SCHEMA_VERSION);
	if (sqlite3_exec(kb->db, pragma, NULL, NULL, NULL) != SQLITE_OK) {
		sql_fail(kb, err, "cannot set the schema version");
		kb_rollback(kb);
		return -1;
	}
	return kb_commit(kb, err);
}

/* What an opened SQLite file holds. */
enum kb_kind { KIND_GLOSSAR, KIND_EMPTY, KIND_FOREIGN };

/* A glossar KB has a schema version and glossar's own tables; an SQLite file
 * with neither holds nothing yet; anything else belongs to another program
 * and is never touched. Reads only. */
static int identify(struct kb *kb, enum kb_kind *kind, struct err *err)
{
	int version;
	sqlite3_stmt *st;
	if (user_version(kb, &version, err) < 0)
		return -1;
	if (sqlite3_prepare_v2(kb->db,
	                       "SELECT count(*), coalesce(sum(name IN ('concept','label','change')), 0)"
	                       " FROM sqlite_master WHERE type = 'table'",
	                       -1, &st, NULL) != SQLITE_OK)
		return sql_fail(kb, err, "cannot read the schema");
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return sql_fail(kb, err, "cannot read the schema");
	}
	int tables = sqlite3_column_int(st, 0), ours = sqlite3_column_int(st, 1);
	sqlite3_finalize(st);
	if (version == 0 && tables == 0)
		*kind = KIND_EMPTY;
	else if (version >= 1 && ours == 3)
		*kind = KIND_GLOSSAR;
	else
		*kind = KIND_FOREIGN;
	return 0;
}

/* The message for a reading command that finds no knowledge base. */
static int no_kb(struct err *err, const char *path)
{
	return err_set(err, "", 0,
	               "no knowledge base at %s \xe2\x80\x94 create one with: glossar import glossary.csv",
	               path);
}

/* Refuses names that are not a file: "" (SQLite's private temporary database),
 * ":memory:" and URI names, and paths that exist but are no regular file. */
static int check_name(const char *path, struct stat *sb, int *exists, struct err *err)
{
	if (!*path)
		return err_set(err, "", 0, "an empty path names no knowledge base; give a file name");
	if (path[0] == ':' || !strncmp(path, "file:", 5))
		return err_set(err, path, 0, "not a file name; a knowledge base is a file (give ./%s for a file of that name)",
		               path);
	*exists = stat(path, sb) == 0;
	if (!*exists && errno != ENOENT)
		return err_set(err, path, 0, "cannot open the knowledge base: %s", strerror(errno));
	if (*exists && !S_ISREG(sb->st_mode))
		return err_set(err, path, 0, "not a knowledge base: %s",
		               S_ISDIR(sb->st_mode) ? "a directory" : "not a regular file");
	return 0;
}

/* Bytes 18 and 19 of an SQLite header are 2 in WAL mode. */
static int is_wal_file(const char *path)
{
	unsigned char h[20];
	FILE *f = fopen(path, "rb");
	if (!f)
		return 0;
	size_t n = fread(h, 1, sizeof h, f);
	fclose(f);
	return n == sizeof h && !memcmp(h, "SQLite format 3", 16) && h[18] == 2 && h[19] == 2;
}

/* How a command that only reads opens the file.
 * - Its owner, who may write it and its directory, opens it for writing with
 *   query_only on: SQLite refuses every write, and the last connection still
 *   cleans up the -wal and -shm files as usual.
 * - Anyone else opens it read-only. A WAL reader normally creates PATH-shm
 *   and PATH-wal; it must not where it cannot (a read-only directory) or
 *   where they would belong to it in someone else's place (locking the owner
 *   out of the -shm). Where a -shm exists, a writer has it open and SQLite
 *   reads through it. Where neither a -shm nor a non-empty -wal exists, no
 *   connection is open and the main file holds every committed change: it is
 *   read as immutable, with no side files and no locks. A -wal without its
 *   -shm (a copy made while a writer had it open) holds changes that
 *   immutable would miss: refused. */
enum read_mode { READ_OWNER, READ_PLAIN, READ_IMMUTABLE, READ_REFUSED };

static enum read_mode read_mode(const char *path, const struct stat *sb)
{
	char side[4200];
	struct stat wal;
	char *copy = strdup(path);
	if (!copy)
		return READ_REFUSED;
	char *slash = strrchr(copy, '/');
	const char *dir = slash ? (slash == copy ? "/" : (*slash = '\0', copy)) : ".";
	int is_owner = sb->st_uid == geteuid() && access(path, W_OK) == 0 && access(dir, W_OK) == 0;
	free(copy);
	if (is_owner)
		return READ_OWNER;
	snprintf(side, sizeof side, "%s-shm", path);
	if (access(side, F_OK) == 0 || !is_wal_file(path))
		return READ_PLAIN;
	snprintf(side, sizeof side, "%s-wal", path);
	return stat(side, &wal) == 0 && wal.st_size > 0 ? READ_REFUSED : READ_IMMUTABLE;
}

static int open_db(struct kb **out, const char *path, int readonly, struct err *err)
{
	*out = NULL;
	struct stat sb;
	int exists = 0;
	if (check_name(path, &sb, &exists, err) < 0)
		return -1;
	if (readonly && !exists)
		return no_kb(err, path);
	struct kb *kb = calloc(1, sizeof *kb);
	if (!kb)
		return err_set(err, path, 0, "out of memory");
	kb->path = strdup(path);
	kb->readonly = readonly;
	if (!kb->path) {
		free(kb);
		return err_set(err, path, 0, "out of memory");
	}
	int rc;
	enum read_mode mode = readonly ? read_mode(path, &sb) : READ_OWNER;
	if (mode == READ_REFUSED) {
		err_set(err, path, 0, "cannot read: its -wal file holds changes, and reading them needs "
		                      "a -shm file that this user may not create here; have its owner "
		                      "checkpoint it (sqlite3 FILE 'PRAGMA wal_checkpoint(TRUNCATE)')");
		kb_close(kb);
		return -1;
	}
	if (mode == READ_IMMUTABLE) {
		/* a URI path needs %, ? and # escaped */
		struct buf u = BUF_INIT;
		buf_puts(&u, "file:");
		for (const char *c = path; *c; c++) {
			if (*c == '%' || *c == '?' || *c == '#')
				buf_printf(&u, "%%%02X", (unsigned char)*c);
			else
				buf_putc(&u, *c);
		}
		buf_puts(&u, "?immutable=1");
		rc = sqlite3_open_v2(buf_cstr(&u), &kb->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
		buf_free(&u);
	} else {
		int flags = !readonly            ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
		          : mode == READ_OWNER   ? SQLITE_OPEN_READWRITE
		                                 : SQLITE_OPEN_READONLY;
		rc = sqlite3_open_v2(path, &kb->db, flags, NULL);
	}
	if (rc != SQLITE_OK) {
		err_set(err, path, 0, "cannot open the knowledge base: %s",
		        kb->db ? sqlite3_errmsg(kb->db) : "out of memory");
		kb_close(kb);
		return -1;
	}
	sqlite3_extended_result_codes(kb->db, 1);
	sqlite3_busy_timeout(kb->db, 10000);
	/* Look before writing anything: another program's database stays as it was. */
	enum kb_kind kind = KIND_FOREIGN;
	if (identify(kb, &kind, err) < 0) {
		if ((sqlite3_errcode(kb->db) & 0xff) == SQLITE_NOTADB)
			err_set(err, path, 0, "not a glossar knowledge base (not an SQLite database); "
			                      "left untouched");
		kb_close(kb);
		return -1;
	}
	if (kind == KIND_FOREIGN) {
		err_set(err, path, 0, "not a glossar knowledge base (an SQLite database of another "
		                      "program); left untouched");
		kb_close(kb);
		return -1;
	}
	if (kind == KIND_EMPTY && readonly) {
		kb_close(kb);
		return no_kb(err, path);
	}
	/* WAL lets readers work while an editor writes; NORMAL sync is safe in WAL. */
	const char *setup = readonly ? "PRAGMA foreign_keys = ON; PRAGMA query_only = ON;"
	                             : "PRAGMA foreign_keys = ON;"
	                               "PRAGMA journal_mode = WAL;"
	                               "PRAGMA synchronous = NORMAL;";
	char *msg = NULL;
	if (sqlite3_exec(kb->db, setup, NULL, NULL, &msg) != SQLITE_OK) {
		err_set(err, path, 0, "cannot open the knowledge base: %s",
		        msg ? msg : sqlite3_errmsg(kb->db));
		sqlite3_free(msg);
		kb_close(kb);
		return -1;
	}
	if (migrate(kb, err) < 0) {
		kb_close(kb);
		return -1;
	}
	*out = kb;
	return 0;
}

int kb_open(struct kb **out, const char *path, struct err *err)
{
	return open_db(out, path, 0, err);
}

int kb_open_readonly(struct kb **out, const char *path, struct err *err)
{
	int rc = open_db(out, path, 1, err), version;
	if (rc < 0)
		return rc;
	if (user_version(*out, &version, err) < 0) {
		kb_close(*out);
		*out = NULL;
		return -1;
	}
	if (version == SCHEMA_VERSION)
		return 0;
	/* An older schema is migrated once by whoever may write the file (the
	 * migration changes no content); a reader without that right is told so. */
	kb_close(*out);
	*out = NULL;
	if (access(path, W_OK) != 0)
		return err_set(err, path, 0,
		               "knowledge base has an older schema and needs migrating, which needs "
		               "write access; run a command that writes to it as its owner first");
	struct kb *rw;
	if (open_db(&rw, path, 0, err) < 0)
		return -1;
	kb_close(rw);
	return open_db(out, path, 1, err);
}

long long kb_concept_count(struct kb *kb, struct err *err)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(kb->db, "SELECT count(*) FROM concept", -1, &st, NULL) != SQLITE_OK)
		return sql_fail(kb, err, "cannot count the concepts");
	long long n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	sqlite3_finalize(st);
	return n < 0 ? sql_fail(kb, err, "cannot count the concepts") : n;
}

void kb_close(struct kb *kb)
{
	if (!kb)
		return;
	for (size_t i = 0; i < sizeof kb->stmts / sizeof kb->stmts[0]; i++)
		sqlite3_finalize(kb->stmts[i]);
	sqlite3_close(kb->db);
	strv_free(&kb->written);
	free(kb->actor);
	free(kb->path);
	free(kb);
}

const char *kb_path(const struct kb *kb)
{
	return kb->path;
}

struct sqlite3 *kb_sqlite(struct kb *kb)
{
	return kb->db;
}

sqlite3_stmt *kb_stmt(struct kb *kb, int slot, const char *sql, struct err *err)
{
	sqlite3_stmt **st = &kb->stmts[slot];
	if (*st) {
		sqlite3_reset(*st);
		sqlite3_clear_bindings(*st);
		return *st;
	}
	if (sqlite3_prepare_v2(kb->db, sql, -1, st, NULL) != SQLITE_OK) {
		sql_fail(kb, err, "cannot prepare a statement");
		*st = NULL;
	}
	return *st;
}

int kb_begin(struct kb *kb, struct err *err)
{
	/* busy_timeout covers most waits; BEGIN IMMEDIATE can still report BUSY
	 * at once when a WAL snapshot is stale, so retry a while. */
	for (int attempt = 0;; attempt++) {
		int rc = sqlite3_exec(kb->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
		if (rc == SQLITE_OK) {
			kb->batch = 0;
			strv_free(&kb->written);
			return 0;
		}
		if ((rc & 0xff) != SQLITE_BUSY || attempt >= 200)
			return sql_fail(kb, err, "cannot start a transaction");
		usleep(50000);
	}
}

int kb_commit(struct kb *kb, struct err *err)
{
	/* Every write obeys the rules lint checks: judged on the end state. */
	if (kb_validate_written(kb, err) < 0) {
		kb_rollback(kb);
		return -1;
	}
	strv_free(&kb->written);
	if (sqlite3_exec(kb->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		sql_fail(kb, err, "cannot commit");
		kb_rollback(kb);
		return -1;
	}
	return 0;
}

void kb_rollback(struct kb *kb)
{
	strv_free(&kb->written);
	if (!sqlite3_get_autocommit(kb->db))
		sqlite3_exec(kb->db, "ROLLBACK", NULL, NULL, NULL);
}
