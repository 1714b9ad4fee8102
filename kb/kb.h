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
struct kb_concept {
	char *key, *type, *pref_label;
	struct strv abbreviations, alt_labels, hidden_labels;
	char *definition, *source, *source_url;
	struct strv broader, related; /* as declared on this concept */
	char *status;
	struct strv match;            /* flags: case, compound */
	char *replaced_by;            /* key, "" unless deprecated in favour of another */
	char *modified;               /* ISO 8601 UTC time of the last change */
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
int kb_is_valid_key(const char *s);

/* Opens (creating and migrating as needed) the KB at path. */
int kb_open(struct kb **out, const char *path, struct err *err);
/* Opens an existing KB read-only; fails when the file does not exist. */
int kb_open_readonly(struct kb **out, const char *path, struct err *err);
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

/* The columns of glossary.csv, in order: the thirteen of DESIGN.md, then
 * replaced_by (the key that replaces a deprecated concept), which an export
 * writes only when some concept has one, so the round trip keeps it. */
extern const char *const kb_csv_columns[];
enum { KB_CSV_NCOLUMNS = 14, KB_CSV_NCOLUMNS_BASE = 13 };
/* What import accepts (docs/limits.md): longer is refused with FILE:LINE.
 * A line (and a CSV record, quoted line breaks included), one label, one
 * definition. */
enum {
	KB_MAX_LINE_BYTES = 1 << 20,
	KB_MAX_LABEL_BYTES = 500,
	KB_MAX_DEFINITION_BYTES = 10000
};

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
 * concept when there is none; a citation is only marked accepted.
 * Returns 0 and a message of what was done in msg, or -1 with err filled
 * (nothing changed). */
int kb_candidate_accept(struct kb *kb, long long id, const char *as_key, char msg[512],
                        struct err *err);
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
int kb_lint(struct kb *kb, kb_lint_fn fn, void *ctx, struct err *err);

/* kb/maint.c: an online backup to path (SQLite backup API); and the integrity
 * check, which calls fn with each problem and returns their number, or -1. */
int kb_backup(struct kb *kb, const char *path, struct err *err);
typedef int (*kb_problem_fn)(const char *problem, void *ctx);
int kb_check(struct kb *kb, kb_problem_fn fn, void *ctx, struct err *err);
/* ==== end of curation ==== */

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

#endif
