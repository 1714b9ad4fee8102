/* maint.c - keeping the knowledge base file safe: an online backup through
 * SQLite's backup API (consistent even while editors write), and the
 * integrity check (integrity_check, foreign_key_check, the search index). */
#include "kb_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A failed write (a full disk) can leave SQLite's journal beside the file. */
static void remove_with_journal(const char *path)
{
	static const char *const sides[] = { "-journal", "-wal", "-shm" };
	char side[4200];
	unlink(path);
	for (size_t i = 0; i < sizeof sides / sizeof sides[0]; i++)
		if (snprintf(side, sizeof side, "%s%s", path, sides[i]) < (int)sizeof side)
			unlink(side);
}

int kb_backup(struct kb *kb, const char *path, struct err *err)
{
	/* Written beside the target and renamed, so that a failed backup never
	 * leaves a half-written file under the name the editor asked for. */
	char tmp[4096];
	if (snprintf(tmp, sizeof tmp, "%s.tmp-%ld", path, (long)getpid()) >= (int)sizeof tmp)
		return err_set(err, path, 0, "path too long");
	sqlite3 *dst;
	if (sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
	    SQLITE_OK) {
		err_set(err, path, 0, "cannot write the backup: %s",
		        dst ? sqlite3_errmsg(dst) : "out of memory");
		sqlite3_close(dst);
		remove_with_journal(tmp);
		return -1;
	}
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", kb->db, "main");
	int rc = SQLITE_ERROR;
	if (b) {
		for (int tries = 0;; tries++) {
			rc = sqlite3_backup_step(b, -1);
			if ((rc != SQLITE_BUSY && rc != SQLITE_LOCKED) || tries > 200)
				break;
			sqlite3_sleep(50);
		}
		sqlite3_backup_finish(b);
	}
	int ok = rc == SQLITE_DONE;
	if (!ok)
		err_set(err, path, 0, "cannot write the backup: %s", sqlite3_errmsg(dst));
	/* One self-contained file: no WAL beside it. */
	if (ok && sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK) {
		ok = 0;
		err_set(err, path, 0, "cannot write the backup: %s", sqlite3_errmsg(dst));
	}
	if (sqlite3_close(dst) != SQLITE_OK && ok) {
		ok = 0;
		err_set(err, path, 0, "cannot close the backup");
	}
	if (ok && rename(tmp, path) != 0) {
		ok = 0;
		err_set(err, path, 0, "cannot write the backup");
	}
	if (!ok) {
		remove_with_journal(tmp);
		return -1;
	}
	return 0;
}

static int run_check(struct kb *kb, const char *sql, int ncols, const char *prefix,
                     kb_problem_fn fn, void *ctx, int *problems, struct err *err)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(kb->db, sql, -1, &st, NULL) != SQLITE_OK)
		return err_set(err, kb->path, 0, "cannot check: %s", sqlite3_errmsg(kb->db));
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char line[1024];
		int len = snprintf(line, sizeof line, "%s", prefix);
		for (int i = 0; i < ncols && len < (int)sizeof line; i++) {
			const unsigned char *s = sqlite3_column_text(st, i);
			len += snprintf(line + len, sizeof line - (size_t)len, "%s%s", i ? " " : "",
			                s ? (const char *)s : "NULL");
		}
		if (ncols == 1 && !strcmp(line + strlen(prefix), "ok"))
			continue;
		(*problems)++;
		if (fn(line, ctx))
			break;
	}
	int bad = rc != SQLITE_ROW && rc != SQLITE_DONE;
	sqlite3_finalize(st);
	if (bad && rc == SQLITE_CORRUPT_VTAB) {
		(*problems)++;
		fn("search index: corrupt (rebuild it with 'glossar kb reindex')", ctx);
		return 0;
	}
	if (bad) {
		/* A damaged file may not even answer the check: that is the finding. */
		char line[1024];
		snprintf(line, sizeof line, "%s%s", prefix, sqlite3_errmsg(kb->db));
		(*problems)++;
		fn(line, ctx);
	}
	return 0;
}

int kb_check(struct kb *kb, kb_problem_fn fn, void *ctx, struct err *err)
{
	int problems = 0;
	if (run_check(kb, "PRAGMA integrity_check", 1, "integrity: ", fn, ctx, &problems, err) < 0 ||
	    run_check(kb, "PRAGMA foreign_key_check", 4, "foreign key: ", fn, ctx, &problems,
	              err) < 0 ||
	    run_check(kb,
	              "SELECT 'concept', key, 'is missing from the search index' FROM concept"
	              " WHERE id NOT IN (SELECT rowid FROM concept_fts)"
	              " UNION ALL SELECT 'search index row', rowid, 'names no concept'"
	              " FROM concept_fts WHERE rowid NOT IN (SELECT id FROM concept)",
	              3, "search index: ", fn, ctx, &problems, err) < 0)
		return -1;
	return problems;
}
