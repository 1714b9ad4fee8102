/* kb.h - the knowledge base: concepts, labels, definitions, relations,
 * documents, mentions, candidates and the change history in one SQLite file.
 * The schema and its migrations are documented in schema.c. */
#ifndef GLOSSAR_KB_H
#define GLOSSAR_KB_H

#include <stddef.h>
#include <stdio.h>

#include "../common/err.h"

struct kb;

/* A list of strings, owned by whoever owns the list. */
struct strv {
	char **v;
	size_t n;
};

int strv_push(struct strv *sv, const char *s);
void strv_free(struct strv *sv);
int strv_contains(const struct strv *sv, const char *s);

/* One concept as glossary.csv describes it (all strings owned, "" when empty). */
struct gz_label;

struct kb_concept {
	char *key, *type, *pref_label;
	struct strv abbreviations, alt_labels, hidden_labels;
	char *definition, *source, *source_url;
	struct strv broader, related; /* as declared on this concept */
	char *status;
	struct strv match;            /* flags: case, compound, context, hidden-context */
	char *replaced_by;            /* key, "" unless deprecated in favour of another */
	char *modified;               /* ISO 8601 UTC time of the last change */
	char *created;                /* ISO 8601 UTC time it was added (NULL when unknown) */
	struct strv exact_match, close_match; /* mappings: absolute http(s) IRIs of concepts
	                                       * in other vocabularies (Wikidata, EuroVoc, ...) */
	char *pref_label_en, *definition_en;  /* English; NULL or "" when none */
	struct strv alt_labels_en;
};

/* The vocabulary: every concept, sorted by key, with the inverse relations
 * (narrower, and related links declared on the other side) resolved. */
struct kb_vocab {
	struct kb_concept *items;
	size_t n;
};

/* The vocabularies of glossary.csv. */
extern const char *const kb_types[];    /* NULL-terminated */
extern const char *const kb_statuses[]; /* NULL-terminated */
extern const char *const kb_match_flags[];
int kb_is_type(const char *s);
int kb_is_status(const char *s);
int kb_is_match_flag(const char *s);
int kb_is_valid_key(const char *s);

/* Opens the KB at path for a command that writes, creating it when the file
 * does not exist (or is empty) and migrating an older schema. Refused: an
 * empty path, ":memory:" and other names that are no file, and an SQLite
 * file of another program (left untouched). */
int kb_open(struct kb **out, const char *path, struct err *err);
/* Opens an existing KB for a command that only reads: never creates it (no
 * file or an empty one: "no knowledge base at PATH"), opens it read-only
 * (a read-only file or directory works, WAL mode included, and leaves no
 * -wal/-shm files where the reader may not or should not own them). */
int kb_open_readonly(struct kb **out, const char *path, struct err *err);
/* The number of concepts, or -1. */
long long kb_concept_count(struct kb *kb, struct err *err);
void kb_close(struct kb *kb);
const char *kb_path(const struct kb *kb);

/* Transactions: kb_begin takes the write lock at once (BEGIN IMMEDIATE, retried while busy). */
int kb_begin(struct kb *kb, struct err *err);
int kb_commit(struct kb *kb, struct err *err);
void kb_rollback(struct kb *kb);

void kb_concept_init(struct kb_concept *c);
void kb_concept_free(struct kb_concept *c);

/* Loads every concept. */
int kb_vocab_load(struct kb *kb, struct kb_vocab *out, struct err *err);
void kb_vocab_free(struct kb_vocab *v);
const struct kb_concept *kb_vocab_find(const struct kb_vocab *v, const char *key);
/* Concepts that name key as broader (the narrower ones), and that declare key related. */
int kb_vocab_narrower(const struct kb_vocab *v, const char *key, struct strv *out);
int kb_vocab_related_all(const struct kb_vocab *v, const struct kb_concept *c, struct strv *out);

/* The gazetteer's labels of v (extract.h): every label with its concept's
 * match flags; contexts[i] the context terms of label i when it needs one
 * (match `context` or `hidden-context`); spoken acronyms flagged when their
 * title-case form is not in the word list (common/wordlist.h). */
struct kb_gz_labels {
	struct gz_label *labels;
	const char **contexts;
	size_t n;
	char **terms; /* owned: one list per concept with a context */
	size_t n_terms;
};
int kb_gz_labels_build(const struct kb_vocab *v, struct kb_gz_labels *g, struct err *err);
void kb_gz_labels_free(struct kb_gz_labels *g);

/* Loads one concept; returns 1 found, 0 not found, -1 error. */
int kb_concept_get(struct kb *kb, const char *key, struct kb_concept *out, struct err *err);

enum kb_put_result { KB_UNCHANGED = 0, KB_ADDED = 1, KB_UPDATED = 2 };

/* Writes a whole concept (fields, labels, definition, relations) and records
 * the change in the history with the concept's state before and after, as
 * JSON. Must run inside a transaction. action names what the editor did
 * ("import", "term add", ...). Relations to keys that do not exist are an error.
 * Returns a kb_put_result, or -1 with err filled. */
int kb_concept_put(struct kb *kb, const struct kb_concept *c, const char *action,
                   struct err *err);
/* The rules a concept's own fields obey (kb/lint.c): labels one line of
 * text that is not empty once normalised, no control character XML 1.0
 * forbids and no Unicode noncharacter anywhere, an absolute http(s) source
 * URL, an approved concept with a sourced definition, no link to itself.
 * kb_concept_put applies it; the rules between concepts (shared labels,
 * broader cycles) are applied by kb_commit to everything the transaction
 * wrote, so a refused write leaves the KB as it was. Returns 0, or -1 with
 * "KEY: reason" in err. */
int kb_concept_check(const struct kb_concept *c, struct err *err);
/* Removes a concept, recording its last state. Returns 1 removed, 0 absent, -1 error. */
int kb_concept_delete(struct kb *kb, const char *key, const char *action, struct err *err);

/* The editor recorded in the history: $GLOSSAR_USER, else the login name. */
const char *kb_editor(void);

/* glossary.csv import (kb/import_csv.c): validates the whole file first,
 * then writes it in one transaction; on any error nothing is written.
 * With stats NULL the file is only checked. */
struct kb_import_stats {
	long added, updated, unchanged;
};
int kb_import_csv(struct kb *kb, const char *path, struct kb_import_stats *stats,
                  struct err *err);
/* The same from an open stream; path names it in messages. */
int kb_import_csv_stream(struct kb *kb, FILE *f, const char *path,
                         struct kb_import_stats *stats, struct err *err);
/* For a CSV saved otherwise, e.g. by Excel with German settings (';',
 * windows-1252): delimiter 0 means ',', encoding NULL means UTF-8 (any iconv
 * name, the file converted before it is read; lines keep their numbers).
 * Without them such a file is refused with a message that says which
 * option it needs. */
struct kb_csv_options {
	char delimiter;
	const char *encoding;
};
int kb_import_csv_opts(struct kb *kb, const char *path, const struct kb_csv_options *opts,
                       struct kb_import_stats *stats, struct err *err);

/* TBX-Basic import (kb/import_tbx.c): a TBX v3 file (ISO 30042:2019, DCA
 * style) read into concepts with the CSV import's rules, checks and single
 * transaction; on any error nothing is written and err holds FILE:LINE. A
 * DTD (and so any entity) is refused; no network. subject_type maps a
 * subjectField's text to a type (NULL: unknown, read as concept); see
 * docs/outputs.md for the mapping. stats NULL: only checked. kb NULL: the
 * file is only parsed (for the fuzzer). */
typedef const char *(*kb_subject_type_fn)(const char *subject_field);
int kb_import_tbx(struct kb *kb, const char *path, kb_subject_type_fn subject_type,
                  struct kb_import_stats *stats, struct err *err);
int kb_import_tbx_mem(struct kb *kb, const char *data, size_t len, const char *path,
                      kb_subject_type_fn subject_type, struct kb_import_stats *stats,
                      struct err *err);

/* The columns of glossary.csv, in order: the thirteen of DESIGN.md, then
 * replaced_by (the key that replaces a deprecated concept), then the
 * mappings exact_match and close_match, then the English pref_label_en,
 * alt_labels_en and definition_en; an export writes each group only when
 * some concept uses it,
 * so the round trip keeps them and a file without them stays as it was. */
extern const char *const kb_csv_columns[];
enum { KB_CSV_NCOLUMNS = 19, KB_CSV_NCOLUMNS_BASE = 13, KB_CSV_COL_REPLACED_BY = 13,
       KB_CSV_COL_EXACT_MATCH = 14, KB_CSV_COL_CLOSE_MATCH = 15, KB_CSV_COL_PREF_LABEL_EN = 16,
       KB_CSV_COL_ALT_LABELS_EN = 17, KB_CSV_COL_DEFINITION_EN = 18 };
/* What import accepts (docs/limits.md): longer is refused with FILE:LINE.
 * A line (and a CSV record, quoted line breaks included), one label, one
 * definition. */
enum {
	KB_MAX_LINE_BYTES = 1 << 20,
	KB_MAX_LABEL_BYTES = 500,
	KB_MAX_DEFINITION_BYTES = 10000
};

/* ==== the scheme's metadata and releases (kb/scheme.c, kb/release.c) ==== */

/* The fields `glossar scheme set` takes; has_lang: a German and an English value. */
struct kb_scheme_field {
	const char *name;
	int has_lang;
	const char *help;
};
extern const struct kb_scheme_field kb_scheme_fields[]; /* ends with a NULL name */

/* The metadata; NULL where unset. */
struct kb_scheme {
	char *title, *title_en, *description, *description_en;
	char *publisher, *publisher_en, *publisher_uri;
	char *creator, *creator_en, *creator_uri;
	char *license, *base_uri, *version, *issued;
	int failed;
};
/* Checks a value for a field (IRIs absolute http(s), base URI ending in '/',
 * issued a date, no control characters); lang NULL or "" is German. */
int kb_scheme_check(const char *name, const char *lang, const char *value, struct err *err);
/* Sets (value "" unsets) one field; must not run inside another transaction. */
int kb_scheme_set(struct kb *kb, const char *name, const char *lang, const char *value,
                  struct err *err);
typedef int (*kb_scheme_fn)(const char *name, const char *lang, const char *value, void *ctx);
int kb_scheme_list(struct kb *kb, kb_scheme_fn fn, void *ctx, struct err *err);
int kb_scheme_load(struct kb *kb, struct kb_scheme *out, struct err *err);
void kb_scheme_free(struct kb_scheme *s);

struct kb_release {
	const char *tag, *created, *note;
	long long n_concepts;
};
typedef int (*kb_release_fn)(const struct kb_release *r, void *ctx);
int kb_release_tag_is_valid(const char *tag);
/* Records every concept's state under tag, in one transaction; a tag is never reused. */
int kb_release_create(struct kb *kb, const char *tag, const char *note, long *n_concepts,
                      struct err *err);
/* Lists the releases, oldest first; returns how many, or -1. */
int kb_release_list(struct kb *kb, kb_release_fn fn, void *ctx, struct err *err);
/* The latest release's tag into out: 1 found, 0 none, -1 error. */
int kb_release_latest(struct kb *kb, char *out, size_t n, struct err *err);
/* The vocabulary as the release recorded it, with each concept's created and
 * modified times from the history up to the release. */
int kb_release_vocab(struct kb *kb, const char *tag, struct kb_vocab *out, struct err *err);

/* ==== candidates and law entities (kb/candidates.c, kb/entities.c) ==== */

/* One entry of the editors' review queue. */
struct kb_candidate {
	long long id;
	char *kind;      /* abbreviation, acronym, variant, definition, citation */
	char *surface;   /* as found: the short form, the acronym, the term, the citation */
	char *expansion; /* long form; concept key (variant); sentence (definition);
	                  * "slug unit" or "law unit" (citation); "" for an acronym */
	char *url;       /* a citation's page on gesetze-im-internet.de, or "" */
	char *doc;       /* first evidence: document, line and context */
	long line;
	char *context;
	long count;      /* occurrences over all documents */
	char *status;    /* pending, accepted, rejected */
};
void kb_candidate_free(struct kb_candidate *c);

/* Records what discovery found in documents. Inside a transaction:
 * kb_cands_doc_begin forgets what the document gave before, kb_cands_add
 * counts one finding, kb_cands_finish recounts every candidate from the
 * evidence of all documents (so running discover again changes nothing) and
 * removes pending candidates no document holds any more. Status is kept:
 * rejected stays rejected. */
struct kb_cands;
struct kb_cands *kb_cands_new(struct kb *kb, struct err *err);
void kb_cands_free(struct kb_cands *w);
int kb_cands_doc_begin(struct kb_cands *w, const char *doc, struct err *err);
/* Returns the candidate's id, or -1. */
long long kb_cands_add(struct kb_cands *w, const char *kind, const char *surface,
                       const char *expansion, const char *url, const char *doc, long line,
                       const char *context, struct err *err);
int kb_cands_finish(struct kb_cands *w, struct err *err);

/* Lists candidates in id order; kind and status may be NULL (any). fn returns
 * non-zero to stop. ids, when not NULL, restricts the list to those ids. */
typedef int (*kb_candidate_fn)(const struct kb_candidate *c, void *ctx);
int kb_candidate_list(struct kb *kb, const char *kind, const char *status,
                      kb_candidate_fn fn, void *ctx, struct err *err);
/* 1 found, 0 not found, -1 error. */
int kb_candidate_get(struct kb *kb, long long id, struct kb_candidate *out, struct err *err);

/* Accepts a candidate in one transaction, through kb_concept_put (history
 * action "candidates accept ID"): an abbreviation adds its labels to the
 * concept that has the long or short form as a label (or as_key), else
 * creates a draft concept keyed by the long form (refused when another
 * concept shows the short form: it would be ambiguous); an acronym likewise
 * without a long form; a variant adds a hidden label to its concept; a
 * definition sets the definition (source: the document) of the concept
 * named by the term (or as_key) when it has none, and creates a draft
 * concept when there is none; a citation is only marked accepted. name, if
 * not NULL or empty, replaces an abbreviation's long form (or names an
 * acronym's concept): the editor's correction of what discover offered.
 * Returns 0 and a message of what was done in msg, or -1 with err filled
 * (nothing changed). */
int kb_candidate_accept(struct kb *kb, long long id, const char *as_key, const char *name,
                        char msg[512], struct err *err);
int kb_candidate_reject(struct kb *kb, long long id, struct err *err);
/* The key a long form gives: lower-case ASCII transliteration, hyphens
 * ("Föderale IT-Kooperation" -> "foederale-it-kooperation"). */
int kb_key_from_label(const char *label, char *out, size_t out_size);

/* Federal laws as entities (kb/entities.c): a TSV "id<TAB>label" with a
 * header; id is the law's slug on gesetze-im-internet.de, several rows per
 * id (title, abbreviation). Each law becomes concept law-<slug> (type law,
 * status draft, pref_label the title, abbreviations, source_url the law's
 * page). Labels that another concept already displays are left out; a law
 * whose title another concept displays is that concept and is skipped.
 * Validated first, written in one transaction; idempotent. */
struct kb_entities_stats {
	long added, updated, unchanged, known;
};
int kb_import_entities(struct kb *kb, const char *path, struct kb_entities_stats *stats,
                       struct err *err);
/* ==== end of candidates and law entities ==== */

/* ==== curation: history, undo, search, lint, maintenance
 * (kb/history.c, kb/curate.c, kb/search.c, kb/lint.c, kb/maint.c) ==== */

/* One entry of the change log. */
struct kb_change {
	long long id, batch, undoes; /* undoes: 0 unless this change reverted another */
	const char *at, *editor, *action, *entity;
	const char *before, *after;  /* the concept as JSON, NULL when absent */
};
typedef int (*kb_change_fn)(const struct kb_change *ch, void *ctx);
/* Lists the changes of one concept (key NULL: all), oldest first; fn returns
 * non-zero to stop. */
int kb_history(struct kb *kb, const char *key, kb_change_fn fn, void *ctx, struct err *err);
/* The changes of one batch (what one command did), oldest first. */
int kb_history_batch(struct kb *kb, long long batch, kb_change_fn fn, void *ctx, struct err *err);
/* Reads a history snapshot (JSON) back into a concept. */
int kb_concept_from_json(struct kb *kb, const char *json, struct kb_concept *out,
                         struct err *err);

/* Undo: KB_UNDO_LATEST reverts the latest batch not yet undone (undo changes
 * themselves are skipped, so repeated undos walk back through the history),
 * KB_UNDO_BATCH one batch, KB_UNDO_CHANGE one change (an undo's id redoes).
 * Every concept concerned must still be as the change left it, unless force.
 * Runs in its own transaction; the reversal is recorded with undoes set.
 * Returns the number of concepts restored (0: nothing to undo), or -1;
 * batch_out gets the batch that records the undo. */
enum kb_undo_scope { KB_UNDO_LATEST, KB_UNDO_BATCH, KB_UNDO_CHANGE };
int kb_undo(struct kb *kb, enum kb_undo_scope scope, long long id, int force,
            long long *batch_out, struct err *err);

/* The review workflow: draft -> review -> approved -> deprecated. Returns 0
 * when the concept c may move from status `from` to c->status, else -1 with
 * the reason (approving needs a definition, a source and an http(s) URL). */
int kb_status_check(const char *from, const struct kb_concept *c, struct err *err);
/* True for an http:// or https:// URL with a host. */
int kb_url_is_valid(const char *url);
/* A mapping (exact_match, close_match): such a URL that is also an IRI as it
 * is (none of { } | ^ ` and backslash), so every RDF syntax can write it unchanged. */
int kb_mapping_is_valid(const char *iri);
/* Merges concept key into concept into, in the open transaction: labels of
 * key become alt labels of into (hidden stay hidden), its definition moves
 * when into has none, relations pointing at key point at into, mentions move;
 * key stays as a deprecated concept with replaced_by = into. */
int kb_concept_merge(struct kb *kb, const char *key, const char *into, struct err *err);

/* Full-text search (FTS5) over labels and definitions, normalised like the
 * extractor (ä = ae = a). Each word of query is a prefix; ranked by bm25.
 * fn gets key, preferred label and a snippet; returns the number of hits or -1. */
typedef int (*kb_search_fn)(const char *key, const char *pref_label, const char *snippet,
                            void *ctx);
int kb_search(struct kb *kb, const char *query, int limit, kb_search_fn fn, void *ctx,
              struct err *err);
/* Rewrites the index entry of one concept (kb/concept.c calls it on every write). */
int kb_search_sync(struct kb *kb, const char *key, struct err *err);
/* Rebuilds the whole index. */
int kb_search_rebuild(struct kb *kb, struct err *err);

/* Quality checks in the spirit of qSKOS (kb/lint.c). */
enum kb_severity { KB_WARNING, KB_ERROR };
typedef int (*kb_lint_fn)(const char *key, enum kb_severity sev, const char *check,
                          const char *message, void *ctx);
/* Returns the number of errors (warnings not counted), or -1. */
/* The rules of kb_concept_check, each finding given to fn; returns the
 * number of errors (so a form can show each next to its field). */
int kb_concept_check_each(const struct kb_concept *c, kb_lint_fn fn, void *ctx);
int kb_lint(struct kb *kb, kb_lint_fn fn, void *ctx, struct err *err);
/* lint's ordinary-word check (warnings "ordinary-word"): every label that
 * the word list wl (common/wordlist.h) holds, as docs/term-commands.md
 * says, unless its concept's match flags guard or accept it. Returns the
 * number of findings, or -1. */
struct wordlist;
int kb_lint_words(struct kb *kb, const struct wordlist *wl, kb_lint_fn fn, void *ctx,
                  struct err *err);

/* kb/maint.c: an online backup to path (SQLite backup API); and the integrity
 * check, which calls fn with each problem and returns their number, or -1. */
int kb_backup(struct kb *kb, const char *path, struct err *err);
typedef int (*kb_problem_fn)(const char *problem, void *ctx);
int kb_check(struct kb *kb, kb_problem_fn fn, void *ctx, struct err *err);
/* ==== end of curation ==== */

/* ==== editing in the browser: accounts, sessions, comments, the review
 * workflow, concept versions and field-level diffs
 * (kb/users.c, kb/review.c, kb/diff.c) ==== */

/* Who the history records for the changes made through this handle from now
 * on (a logged-in user of the server); NULL goes back to kb_editor(). */
int kb_set_actor(struct kb *kb, const char *name, struct err *err);
const char *kb_actor(const struct kb *kb);

/* Roles, from least to most: an editor edits and sends to review, a reviewer
 * also approves and rejects (never their own change), an admin also manages
 * accounts. The command line is the local admin. */
enum kb_role { KB_ROLE_EDITOR = 1, KB_ROLE_REVIEWER, KB_ROLE_ADMIN };
enum kb_cap { KB_CAP_EDIT, KB_CAP_REVIEW, KB_CAP_ADMIN };
const char *kb_role_name(enum kb_role role);
/* The role named s, or 0 when s names none. */
enum kb_role kb_role_parse(const char *s);
int kb_role_can(enum kb_role role, enum kb_cap cap);

/* Refusals other than bad input, so that the server can answer 403 or 409. */
enum { KB_E_STALE = -2, KB_E_FORBIDDEN = -3 };

/* An account as anyone outside kb/ sees it: never the password hash. */
struct kb_user {
	long long id;
	char name[65];
	enum kb_role role;
	int is_disabled;
	char created[32];
};

/* Names: 1 to 64 of [A-Za-z0-9._-], starting with a letter or digit.
 * Passwords: 8 to 1024 bytes. */
int kb_user_name_is_valid(const char *name);
int kb_user_add(struct kb *kb, const char *name, enum kb_role role, const char *password,
                struct err *err);
/* A new password also ends every session of the account. */
int kb_user_passwd(struct kb *kb, const char *name, const char *password, struct err *err);
/* Disabling ends every session of the account at once; enabling lets it log in again. */
int kb_user_set_disabled(struct kb *kb, const char *name, int is_disabled, struct err *err);
/* 1 found, 0 not found, -1 error. */
int kb_user_get(struct kb *kb, const char *name, struct kb_user *out, struct err *err);
typedef int (*kb_user_fn)(const struct kb_user *u, void *ctx);
int kb_user_list(struct kb *kb, kb_user_fn fn, void *ctx, struct err *err);

/* A logged-in session. id is the cookie value: the KB keeps only its hash. */
struct kb_session {
	char id[64];
	char csrf[64];   /* the form token of this session */
	struct kb_user user;
	long long created, last_seen; /* Unix seconds */
};
/* Defaults: a session ends after 30 minutes without a request and 12 hours
 * after login, whichever comes first. */
enum { KB_SESSION_IDLE_S = 1800, KB_SESSION_MAX_S = 43200 };
void kb_session_set_limits(struct kb *kb, long idle_s, long max_s);

/* Failed logins are slowed down: after KB_LOGIN_FREE_ACCOUNT failures of one
 * account (KB_LOGIN_FREE_ADDRESS from one address) within
 * KB_LOGIN_WINDOW_S, each further attempt must wait 2^(failures - free)
 * seconds (at most KB_LOGIN_MAX_WAIT_S) after the last failure. */
enum {
	KB_LOGIN_FREE_ACCOUNT = 5, KB_LOGIN_FREE_ADDRESS = 20,
	KB_LOGIN_WINDOW_S = 900, KB_LOGIN_MAX_WAIT_S = 900,
};
enum kb_login_result { KB_LOGIN_OK = 0, KB_LOGIN_BAD = 1, KB_LOGIN_THROTTLED = 2 };
/* Checks name and password (Argon2id, libsodium) and on success starts a new
 * session (a fresh random id: no session fixation). A disabled or unknown
 * account and a wrong password give the same KB_LOGIN_BAD, after the same
 * work. KB_LOGIN_THROTTLED sets *wait_s and checks nothing. now: Unix seconds
 * (kb_time_now()). Returns a kb_login_result, or -1. */
int kb_login(struct kb *kb, const char *name, const char *password, const char *address,
             long long now, struct kb_session *out, long *wait_s, struct err *err);
/* Looks a session up by its cookie value: 1 valid (out filled, last_seen
 * moved on), 0 unknown, expired, or its account disabled; -1 error. */
int kb_session_get(struct kb *kb, const char *id, long long now, struct kb_session *out,
                   struct err *err);
/* Logout: forgets the session (no error when it is unknown). */
int kb_session_end(struct kb *kb, const char *id, struct err *err);
/* True when token is the session's CSRF token (constant-time compare). */
int kb_csrf_ok(const struct kb_session *s, const char *token);
long long kb_time_now(void);

/* Comments: a thread per concept. */
struct kb_comment {
	long long id;
	const char *concept, *author, *at, *text;
};
typedef int (*kb_comment_fn)(const struct kb_comment *c, void *ctx);
/* Adds a comment by author to an existing concept; returns its id, or -1.
 * Text: 1 to 10000 bytes of UTF-8. Runs in the caller's transaction when one
 * is open, else in its own. */
long long kb_comment_add(struct kb *kb, const char *key, const char *author, const char *text,
                         struct err *err);
int kb_comment_list(struct kb *kb, const char *key, kb_comment_fn fn, void *ctx,
                    struct err *err);

/* The concept's version: the id of its latest change in the history (0 when
 * it has none, -1 on error). A form carries it; a save against another
 * version is refused (no lost update). */
long long kb_concept_version(struct kb *kb, const char *key, struct err *err);
/* The concept's state at a version (the after-state of that change, as JSON,
 * malloc'd); NULL with *found 0 when the change is not this concept's. */
char *kb_concept_state_at(struct kb *kb, const char *key, long long version, int *found,
                          struct err *err);

/* Saves an edit made in the browser, in its own transaction, when the concept
 * is still at version `seen` (0: a new concept, which must not exist yet).
 * The status is kept, except that an approved concept goes back to review:
 * every change is seen by a second person before it counts as approved.
 * When lint is not NULL, the lint checks (kb_lint) run on the result before
 * the commit and lint gets the findings about this concept; an error among
 * them refuses the save.
 * Returns a kb_put_result, KB_E_STALE (nothing written; *current_out, when
 * not NULL, gets the version now stored), or -1 (bad input or a lint error,
 * nothing written). */
int kb_concept_save(struct kb *kb, const struct kb_concept *c, long long seen,
                    const char *action, long long *current_out, kb_lint_fn lint,
                    void *lint_ctx, struct err *err);

/* The review workflow, each step in its own transaction and recorded in the
 * history under the acting user's name (kb_set_actor is set to user->name).
 * submit: draft -> review, by anyone who may edit.
 * approve: review -> approved, by a reviewer or admin who made no change to
 *   the concept's content since it was last approved (four eyes), and only at
 *   version `seen` (what the reviewer looked at; < 0 skips that check).
 * reject: review -> draft, with a comment (required).
 * A comment, when not NULL or "", joins the concept's thread.
 * Returns 0, KB_E_FORBIDDEN (role or four eyes), KB_E_STALE, or -1. */
int kb_review_submit(struct kb *kb, const char *key, const struct kb_user *user,
                     const char *comment, struct err *err);
int kb_review_approve(struct kb *kb, const char *key, const struct kb_user *user,
                      long long seen, const char *comment, struct err *err);
int kb_review_reject(struct kb *kb, const char *key, const struct kb_user *user,
                     long long seen, const char *comment, struct err *err);
/* 1 when name changed the concept's content (anything but its status) since
 * it was last approved, 0 when not, -1 on error. */
int kb_review_is_author(struct kb *kb, const char *key, const char *name, struct err *err);
/* The concept as it was last approved (JSON, malloc'd), or NULL with *found 0. */
char *kb_review_last_approved(struct kb *kb, const char *key, int *found, struct err *err);

/* The review lists: a user's drafts (draft concepts they changed since the
 * last approval), the concepts awaiting their review (in review, not changed
 * by them), and the recently approved ones (newest first). */
enum kb_review_list { KB_LIST_MY_DRAFTS, KB_LIST_AWAITING_REVIEW, KB_LIST_RECENTLY_APPROVED };
struct kb_review_item {
	const char *key, *pref_label, *status;
	const char *at, *who; /* of the latest change (approval for the third list) */
	long long version;
};
typedef int (*kb_review_item_fn)(const struct kb_review_item *it, void *ctx);
int kb_review_list(struct kb *kb, enum kb_review_list which, const char *user, int limit,
                   kb_review_item_fn fn, void *ctx, struct err *err);

/* Field-level differences between two states of a concept, in the column
 * order of glossary.csv; field names are the column names. A single-valued
 * field that differs gives KB_DIFF_CHANGED with both values; a multi-valued
 * one gives KB_DIFF_ADDED (after) and KB_DIFF_REMOVED (before) per value.
 * NULL stands for an absent concept. Returns the number of differences. */
enum kb_diff_op { KB_DIFF_CHANGED, KB_DIFF_ADDED, KB_DIFF_REMOVED };
struct kb_field_diff {
	const char *field;
	enum kb_diff_op op;
	const char *before, *after; /* NULL where the op has none */
};
typedef int (*kb_diff_fn)(const struct kb_field_diff *d, void *ctx);
int kb_concept_diff(const struct kb_concept *a, const struct kb_concept *b, kb_diff_fn fn,
                    void *ctx);
/* The same for two history snapshots (JSON; NULL for absent); -1 on error. */
int kb_snapshot_diff(struct kb *kb, const char *before, const char *after, kb_diff_fn fn,
                     void *ctx, struct err *err);
/* ==== end of editing in the browser ==== */

/* For modules of kb/ and for tests: the underlying handle. */
struct sqlite3 *kb_sqlite(struct kb *kb);


/* ==== documents and mentions (kb/mentions.c) ==== */

/* One mention as stored (the extractor's record). */
struct kb_mention {
	const char *concept;   /* concept key */
	size_t start, end;
	long line, col;
	const char *surface;   /* surface_len bytes */
	size_t surface_len;
	const char *label, *method;
	double score;
};

/* Records documents and their mentions, inside a transaction:
 * kb_mentions_doc records (or updates) a document and forgets its earlier
 * mentions; kb_mentions_add adds one to the current document. */
struct kb_mentions;
struct kb_mentions *kb_mentions_new(struct kb *kb, struct err *err);
void kb_mentions_free(struct kb_mentions *w);
int kb_mentions_doc(struct kb_mentions *w, const char *path, long long size, const char *hash,
                    const char *format, struct err *err);
int kb_mentions_add(struct kb_mentions *w, const struct kb_mention *m, struct err *err);
/* Sets the current document's size and hash once it has been read (the
 * document is read once: the version is known only at its end). */
int kb_mentions_doc_version(struct kb_mentions *w, long long size, const char *hash,
                            struct err *err);
/* Mentions stored for the document at path (all documents when NULL), or -1. */
long long kb_mention_count(struct kb *kb, const char *path, struct err *err);

/* Per concept and document, the number of stored mentions, ordered by
 * concept key, then count descending. fn returns non-zero to stop. */
typedef int (*kb_mention_count_fn)(const char *key, const char *doc, long long count, void *ctx);
int kb_mention_counts(struct kb *kb, kb_mention_count_fn fn, void *ctx, struct err *err);

/* ==== readers that keep a view (glossar serve, kb/mentions.c) ==== */
/* A read transaction, so several loads see one state of the KB. */
int kb_read_begin(struct kb *kb, struct err *err);
void kb_read_end(struct kb *kb);
/* Changes when another connection committed since the last call
 * (PRAGMA data_version); -1 on error. */
long long kb_data_version(struct kb *kb);
/* The time of the KB's last change (concepts, history, documents) as
 * ISO 8601 UTC in out, "" when it has none. */
int kb_last_change(struct kb *kb, char out[32], struct err *err);

#endif
