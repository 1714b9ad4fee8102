/* kb_internal.h - what the files of kb/ share and nobody else sees. */
#ifndef GLOSSAR_KB_INTERNAL_H
#define GLOSSAR_KB_INTERNAL_H

#include <stdio.h>
#include <sqlite3.h>

#include "kb.h"

/* Slots of prepared statements, reused for the life of the handle. */
enum kb_stmt_slot {
	ST_SNAPSHOT,
	ST_CONCEPT_UPSERT,
	ST_CONCEPT_ID,
	ST_CONCEPT_TOUCH,
	ST_LABELS_DELETE,
	ST_LABEL_INSERT,
	ST_DEFINITION_DELETE,
	ST_DEFINITION_INSERT,
	ST_RELATIONS_DELETE,
	ST_RELATION_INSERT,
	ST_CHANGE_INSERT,
	ST_CONCEPT_DELETE,
	ST_BATCH_NEXT,
	ST_CONCEPT_RESERVE,
	ST_MAPPINGS_DELETE,
	ST_MAPPING_INSERT,
	ST_TRANSLATIONS_DELETE,
	ST_TRANSLATION_INSERT,
	ST_SLOT_COUNT = 64 /* room for the other modules of kb/ */
};

/* Slots of the curation modules (search.c, history.c), kept apart from the
 * list above so that other modules can add theirs without clashing. */
enum kb_curation_slot {
	ST_CUR_FTS_SOURCE = 48,
	ST_CUR_FTS_DELETE,
	ST_CUR_FTS_INSERT,
	ST_CUR_FTS_FORGET,
};

/* Slots of the accounts and review modules (users.c, review.c). */
enum kb_user_slot {
	ST_USR_SESSION_GET = 32,
	ST_USR_SESSION_TOUCH,
	ST_USR_VERSION,
};
/* The server's view (mentions.c). */
enum kb_serve_slot { ST_DATA_VERSION = 60 };

struct kb {
	sqlite3 *db;
	char *path;
	int readonly;
	long long batch; /* of the open transaction's changes; 0 until the first */
	long long undoes; /* while kb_undo writes: the change being reverted, else 0 */
	struct strv written; /* keys kb_concept_put wrote in the open transaction */
	char bad_key[256];   /* the concept the last refused commit concerned, or "" */
	char *actor;      /* who the history records (kb_set_actor), NULL: kb_editor() */
	long session_idle_s, session_max_s; /* session expiry (kb/users.c) */
	sqlite3_stmt *stmts[ST_SLOT_COUNT];
};

/* Prepares sql once into slot; later calls reset and return it. NULL on error. */
sqlite3_stmt *kb_stmt(struct kb *kb, int slot, const char *sql, struct err *err);
int kb_schema_version(void);
/* Reads one line (with its '\n') into *buf, at most max bytes: returns its
 * length, 0 at the end of the file, -1 on a read error, -2 when the line is
 * longer than max (so /dev/zero is refused, not read into memory). */
long kb_read_line(FILE *f, char **buf, size_t *cap, size_t max);

/* The concept's whole state as JSON (malloc'd); *found is 1, or 0 when
 * absent, or -1 on error (both with NULL returned). */
char *kb_concept_snapshot(struct kb *kb, const char *key, int *found, struct err *err);
/* Appends one entry to the history; returns its id, or -1. */
long long kb_change_record(struct kb *kb, const char *action, const char *entity,
                           const char *before, const char *after, long long undoes,
                           struct err *err);
/* kb_concept_put for a concept that kb_concept_reserve created in this
 * transaction: recorded as added, with no state before. */
int kb_concept_put_new(struct kb *kb, const struct kb_concept *c, const char *action,
                       struct err *err);
/* Inserts a bare concept row so relations can point at it before it is
 * written; returns 1 when it was created, 0 when it existed, -1 on error. */
int kb_concept_reserve(struct kb *kb, const char *key, const char *type, struct err *err);
/* Drops a concept from the search index (before it is deleted). */
int kb_search_forget(struct kb *kb, const char *key, struct err *err);
/* The vocabulary's rules (lint.c) on the concepts written in the open
 * transaction (kb->written), the rest of the vocabulary as it now stands:
 * 0 when none breaks a rule, else -1 with the first error ("KEY: message")
 * and kb->bad_key set. kb_commit calls it. */
int kb_validate_written(struct kb *kb, struct err *err);
/* The current UTC time as ISO 8601 ("2026-11-29T10:00:00Z"). */
void kb_now(char out[32]);

#endif
