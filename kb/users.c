/* users.c - accounts, logins and sessions for editing in the browser.
 *
 * Every piece of cryptography is libsodium's: passwords are Argon2id strings
 * (crypto_pwhash_str, interactive limits), session ids and CSRF tokens are 32
 * random bytes (randombytes_buf) in URL-safe base64, the KB stores only a
 * BLAKE2b hash of a session id (crypto_generichash), and tokens are compared
 * in constant time (sodium_memcmp). Nothing here is ever written by an
 * export; the hashes and session ids never leave this file's functions
 * (struct kb_user has no hash, struct kb_session has the id only for the
 * cookie of the client that logged in). */
#include "kb_internal.h"

#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int sql_fail(struct kb *kb, struct err *err, const char *what)
{
	return err_set(err, kb->path, 0, "%s: %s", what, sqlite3_errmsg(kb->db));
}

static int crypto_ready(struct kb *kb, struct err *err)
{
	if (sodium_init() < 0)
		return err_set(err, kb->path, 0, "cannot initialise libsodium");
	return 0;
}

long long kb_time_now(void)
{
	return (long long)time(NULL);
}

int kb_set_actor(struct kb *kb, const char *name, struct err *err)
{
	char *copy = NULL;
	if (name && !(copy = strdup(name)))
		return err_set(err, kb->path, 0, "out of memory");
	free(kb->actor);
	kb->actor = copy;
	return 0;
}

const char *kb_actor(const struct kb *kb)
{
	return kb->actor ? kb->actor : kb_editor();
}

/* ---- roles ---- */

static const char *const role_names[] = { NULL, "editor", "reviewer", "admin" };

const char *kb_role_name(enum kb_role role)
{
	return role >= KB_ROLE_EDITOR && role <= KB_ROLE_ADMIN ? role_names[role] : "none";
}

enum kb_role kb_role_parse(const char *s)
{
	for (int r = KB_ROLE_EDITOR; s && r <= KB_ROLE_ADMIN; r++)
		if (!strcmp(s, role_names[r]))
			return (enum kb_role)r;
	return 0;
}

int kb_role_can(enum kb_role role, enum kb_cap cap)
{
	switch (cap) {
	case KB_CAP_EDIT: return role >= KB_ROLE_EDITOR && role <= KB_ROLE_ADMIN;
	case KB_CAP_REVIEW: return role == KB_ROLE_REVIEWER || role == KB_ROLE_ADMIN;
	case KB_CAP_ADMIN: return role == KB_ROLE_ADMIN;
	}
	return 0;
}

/* ---- accounts ---- */

int kb_user_name_is_valid(const char *name)
{
	size_t n = strlen(name);
	if (n == 0 || n > 64 || name[0] == '.' || name[0] == '-' || name[0] == '_')
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = name[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '.' || c == '_' || c == '-'))
			return 0;
	}
	return 1;
}

static int password_check(struct kb *kb, const char *password, struct err *err)
{
	size_t n = strlen(password);
	if (n < 8)
		return err_set(err, kb->path, 0, "the password is too short (at least 8 characters)");
	if (n > 1024)
		return err_set(err, kb->path, 0, "the password is too long (at most 1024 bytes)");
	return 0;
}

static int hash_password(struct kb *kb, const char *password, char out[crypto_pwhash_STRBYTES],
                         struct err *err)
{
	if (crypto_ready(kb, err) < 0)
		return -1;
	if (crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return err_set(err, kb->path, 0, "cannot hash the password (out of memory)");
	return 0;
}

/* Records an account change in admin_log, inside the open transaction. */
static int admin_log(struct kb *kb, const char *action, const char *target, struct err *err)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(kb->db,
	        "INSERT INTO admin_log (at, actor, action, target) VALUES (?1, ?2, ?3, ?4)", -1,
	        &st, NULL) != SQLITE_OK)
		return sql_fail(kb, err, "cannot record the account change");
	char now[32];
	kb_now(now);
	sqlite3_bind_text(st, 1, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, kb_actor(kb), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, action, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, target, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : sql_fail(kb, err, "cannot record the account change");
	sqlite3_finalize(st);
	return rc;
}

/* Runs the statements of sql (NULL-terminated; each binds params ?1..?n) in
 * one transaction with an admin_log entry; returns the number of rows the
 * first one changed (0: nothing written), or -1. */
static int account_write(struct kb *kb, const char *const *sql, const char *const *params,
                         int n, const char *log_action, const char *target, struct err *err)
{
	if (kb_begin(kb, err) < 0)
		return -1;
	int changed = -1;
	for (int q = 0; sql[q] && (q == 0 || changed > 0); q++) {
		sqlite3_stmt *st;
		if (sqlite3_prepare_v2(kb->db, sql[q], -1, &st, NULL) != SQLITE_OK) {
			sql_fail(kb, err, "cannot change the account");
			kb_rollback(kb);
			return -1;
		}
		for (int i = 0; i < n && i < sqlite3_bind_parameter_count(st); i++)
			sqlite3_bind_text(st, i + 1, params[i], -1, SQLITE_TRANSIENT);
		int rc = sqlite3_step(st);
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE) {
			if ((rc & 0xff) == SQLITE_CONSTRAINT)
				err_set(err, kb->path, 0, "an account named '%s' exists already", target);
			else
				sql_fail(kb, err, "cannot change the account");
			kb_rollback(kb);
			return -1;
		}
		if (q == 0)
			changed = sqlite3_changes(kb->db);
	}
	if (changed <= 0) {
		kb_rollback(kb);
		return 0;
	}
	if (admin_log(kb, log_action, target, err) < 0 || kb_commit(kb, err) < 0) {
		kb_rollback(kb);
		return -1;
	}
	return changed;
}

int kb_user_add(struct kb *kb, const char *name, enum kb_role role, const char *password,
                struct err *err)
{
	if (!kb_user_name_is_valid(name))
		return err_set(err, kb->path, 0,
		               "invalid account name '%s' (1 to 64 of A-Z a-z 0-9 . _ -)", name);
	if (!kb_role_parse(kb_role_name(role)))
		return err_set(err, kb->path, 0, "unknown role (editor, reviewer, admin)");
	if (password_check(kb, password, err) < 0)
		return -1;
	char hash[crypto_pwhash_STRBYTES];
	if (hash_password(kb, password, hash, err) < 0)
		return -1;
	char now[32];
	kb_now(now);
	const char *params[] = { name, kb_role_name(role), hash, now };
	static const char *const sql[] = {
		"INSERT INTO account (name, role, hash, created, modified) VALUES (?1, ?2, ?3, ?4, ?4)",
		NULL,
	};
	int rc = account_write(kb, sql, params, 4, "user add", name, err);
	sodium_memzero(hash, sizeof hash);
	return rc < 0 ? -1 : 0;
}

static const char end_sessions[] =
	"DELETE FROM session WHERE account_id = (SELECT id FROM account WHERE name = ?1)";

int kb_user_passwd(struct kb *kb, const char *name, const char *password, struct err *err)
{
	if (password_check(kb, password, err) < 0)
		return -1;
	char hash[crypto_pwhash_STRBYTES];
	if (hash_password(kb, password, hash, err) < 0)
		return -1;
	char now[32];
	kb_now(now);
	const char *params[] = { name, hash, now };
	static const char *const sql[] = {
		"UPDATE account SET hash = ?2, modified = ?3 WHERE name = ?1", end_sessions, NULL,
	};
	int rc = account_write(kb, sql, params, 3, "user passwd", name, err);
	sodium_memzero(hash, sizeof hash);
	if (rc == 0)
		return err_set(err, kb->path, 0, "no account named '%s'", name);
	return rc < 0 ? -1 : 0;
}

int kb_user_set_disabled(struct kb *kb, const char *name, int is_disabled, struct err *err)
{
	char now[32];
	kb_now(now);
	const char *params[] = { name, is_disabled ? "1" : "0", now };
	static const char *const disable[] = {
		"UPDATE account SET disabled = 1, modified = ?3 WHERE name = ?1 AND ?2 = '1'",
		end_sessions, NULL,
	};
	static const char *const enable[] = {
		"UPDATE account SET disabled = 0, modified = ?3 WHERE name = ?1 AND ?2 = '0'", NULL,
	};
	struct kb_user u;
	int found = kb_user_get(kb, name, &u, err);
	if (found < 0)
		return -1;
	if (found == 0)
		return err_set(err, kb->path, 0, "no account named '%s'", name);
	int rc = account_write(kb, is_disabled ? disable : enable, params, 3,
	                       is_disabled ? "user disable" : "user enable", name, err);
	return rc < 0 ? -1 : 0;
}

static void user_from_row(sqlite3_stmt *st, int col, struct kb_user *u)
{
	memset(u, 0, sizeof *u);
	u->id = sqlite3_column_int64(st, col);
	const unsigned char *s = sqlite3_column_text(st, col + 1);
	snprintf(u->name, sizeof u->name, "%s", s ? (const char *)s : "");
	u->role = kb_role_parse((const char *)sqlite3_column_text(st, col + 2));
	u->is_disabled = sqlite3_column_int(st, col + 3) != 0;
	s = sqlite3_column_text(st, col + 4);
	snprintf(u->created, sizeof u->created, "%s", s ? (const char *)s : "");
}

int kb_user_get(struct kb *kb, const char *name, struct kb_user *out, struct err *err)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(kb->db,
	        "SELECT id, name, role, disabled, created FROM account WHERE name = ?1", -1, &st,
	        NULL) != SQLITE_OK)
		return sql_fail(kb, err, "cannot read the accounts");
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st), found = 0;
	if (rc == SQLITE_ROW) {
		user_from_row(st, 0, out);
		found = 1;
	} else if (rc != SQLITE_DONE) {
		found = sql_fail(kb, err, "cannot read the accounts");
	}
	sqlite3_finalize(st);
	return found;
}

int kb_user_list(struct kb *kb, kb_user_fn fn, void *ctx, struct err *err)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(kb->db,
	        "SELECT id, name, role, disabled, created FROM account ORDER BY name", -1, &st,
	        NULL) != SQLITE_OK)
		return sql_fail(kb, err, "cannot read the accounts");
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct kb_user u;
		user_from_row(st, 0, &u);
		if (fn(&u, ctx)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : sql_fail(kb, err, "cannot read the accounts");
}

/* ---- sessions ---- */

void kb_session_set_limits(struct kb *kb, long idle_s, long max_s)
{
	kb->session_idle_s = idle_s;
	kb->session_max_s = max_s;
}

static long idle_limit(const struct kb *kb)
{
	return kb->session_idle_s > 0 ? kb->session_idle_s : KB_SESSION_IDLE_S;
}

static long max_limit(const struct kb *kb)
{
	return kb->session_max_s > 0 ? kb->session_max_s : KB_SESSION_MAX_S;
}

/* 32 random bytes as URL-safe base64 without padding (43 characters). */
static void random_token(char out[64])
{
	unsigned char raw[32];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(out, 64, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof raw);
}

/* The stored form of a session id: BLAKE2b-256 in hex. */
static void id_hash(const char *id, char out[65])
{
	unsigned char h[32];
	crypto_generichash(h, sizeof h, (const unsigned char *)id, strlen(id), NULL, 0);
	sodium_bin2hex(out, 65, h, sizeof h);
}

static int session_start(struct kb *kb, const struct kb_user *u, const char *address,
                         long long now, struct kb_session *out, struct err *err)
{
	memset(out, 0, sizeof *out);
	random_token(out->id);
	random_token(out->csrf);
	out->user = *u;
	out->created = out->last_seen = now;
	char hash[65];
	id_hash(out->id, hash);
	sqlite3_stmt *st;
	/* Expired sessions go when a new one comes: the table stays small. */
	if (sqlite3_prepare_v2(kb->db,
	        "DELETE FROM session WHERE last_seen <= ?1 - ?2 OR created <= ?1 - ?3", -1, &st,
	        NULL) != SQLITE_OK)
		return sql_fail(kb, err, "cannot start the session");
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int64(st, 2, idle_limit(kb));
	sqlite3_bind_int64(st, 3, max_limit(kb));
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sql_fail(kb, err, "cannot start the session");
	if (sqlite3_prepare_v2(kb->db,
	        "INSERT INTO session (id_hash, account_id, csrf, address, created, last_seen)"
	        " VALUES (?1, ?2, ?3, ?4, ?5, ?5)", -1, &st, NULL) != SQLITE_OK)
		return sql_fail(kb, err, "cannot start the session");
	sqlite3_bind_text(st, 1, hash, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, u->id);
	sqlite3_bind_text(st, 3, out->csrf, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, address ? address : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 5, now);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : sql_fail(kb, err, "cannot start the session");
}

/* Failures of one subject in the window, and the time of the latest. */
static int failures(struct kb *kb, const char *scope, const char *subject, long long now,
                    long *count, long long *last, struct err *err)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(kb->db,
	        "SELECT count(*), coalesce(max(at), 0) FROM login_failure"
	        " WHERE scope = ?1 AND subject = ?2 AND at > ?3", -1, &st, NULL) != SQLITE_OK)
		return sql_fail(kb, err, "cannot read the login failures");
	sqlite3_bind_text(st, 1, scope, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, subject, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, now - KB_LOGIN_WINDOW_S);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*count = sqlite3_column_int(st, 0);
		*last = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : sql_fail(kb, err, "cannot read the login failures");
}

/* Seconds still to wait after n failures, the last at `last`. */
static long wait_for(long n, long free_n, long long last, long long now)
{
	if (n < free_n)
		return 0;
	long delay = KB_LOGIN_MAX_WAIT_S;
	if (n - free_n < 10)
		delay = 1L << (n - free_n);
	if (delay > KB_LOGIN_MAX_WAIT_S)
		delay = KB_LOGIN_MAX_WAIT_S;
	long long left = last + delay - now;
	return left > 0 ? (long)left : 0;
}

static int record_failure(struct kb *kb, const char *name, const char *address, long long now,
                          struct err *err)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(kb->db,
	        "INSERT INTO login_failure (scope, subject, at) VALUES ('account', ?1, ?3),"
	        " ('address', ?2, ?3)", -1, &st, NULL) != SQLITE_OK)
		return sql_fail(kb, err, "cannot record the login failure");
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, address ? address : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, now);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sql_fail(kb, err, "cannot record the login failure");
	/* Old failures no longer count; drop them. */
	if (sqlite3_prepare_v2(kb->db, "DELETE FROM login_failure WHERE at <= ?1", -1, &st,
	                       NULL) != SQLITE_OK)
		return sql_fail(kb, err, "cannot record the login failure");
	sqlite3_bind_int64(st, 1, now - KB_LOGIN_WINDOW_S);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : sql_fail(kb, err, "cannot record the login failure");
}

/* A hash to verify against when the account does not exist, so that an
 * unknown name costs the same time as a wrong password. Made once. */
static char dummy[crypto_pwhash_STRBYTES];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void dummy_make(void)
{
	char pw[64];
	random_token(pw);
	if (crypto_pwhash_str(dummy, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		dummy[0] = '\0'; /* verify then fails at once: only timing suffers */
}

int kb_login(struct kb *kb, const char *name, const char *password, const char *address,
             long long now, struct kb_session *out, long *wait_s, struct err *err)
{
	memset(out, 0, sizeof *out);
	if (wait_s)
		*wait_s = 0;
	if (crypto_ready(kb, err) < 0)
		return -1;
	if (!address)
		address = "";
	/* Reading the throttle and the hash needs no lock; the write comes after
	 * the slow hash check, so other editors are not held up by it. */
	long n_acc = 0, n_addr = 0;
	long long last_acc = 0, last_addr = 0;
	if (failures(kb, "account", name, now, &n_acc, &last_acc, err) < 0 ||
	    failures(kb, "address", address, now, &n_addr, &last_addr, err) < 0)
		return -1;
	long w1 = wait_for(n_acc, KB_LOGIN_FREE_ACCOUNT, last_acc, now);
	long w2 = wait_for(n_addr, KB_LOGIN_FREE_ADDRESS, last_addr, now);
	if (w1 || w2) {
		if (wait_s)
			*wait_s = w1 > w2 ? w1 : w2;
		return KB_LOGIN_THROTTLED;
	}
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(kb->db,
	        "SELECT id, name, role, disabled, created, hash FROM account WHERE name = ?1", -1,
	        &st, NULL) != SQLITE_OK)
		return sql_fail(kb, err, "cannot read the accounts");
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	struct kb_user u;
	char hash[crypto_pwhash_STRBYTES] = "";
	int rc = sqlite3_step(st), found = 0;
	if (rc == SQLITE_ROW) {
		user_from_row(st, 0, &u);
		const unsigned char *h = sqlite3_column_text(st, 5);
		snprintf(hash, sizeof hash, "%s", h ? (const char *)h : "");
		found = 1;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sql_fail(kb, err, "cannot read the accounts");
	if (!found) {
		pthread_once(&dummy_once, dummy_make);
		memcpy(hash, dummy, sizeof hash);
	}
	int is_good = crypto_pwhash_str_verify(hash, password, strlen(password)) == 0 && found &&
	              !u.is_disabled;
	int needs_rehash = is_good && crypto_pwhash_str_needs_rehash(
		hash, crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0;
	sodium_memzero(hash, sizeof hash);
	if (kb_begin(kb, err) < 0)
		return -1;
	int result = KB_LOGIN_BAD;
	if (!is_good) {
		rc = record_failure(kb, name, address, now, err);
	} else {
		/* The account may have been disabled while the hash was checked. */
		struct kb_user again;
		int got = kb_user_get(kb, name, &again, err);
		rc = got < 0 ? -1 : 0;
		if (got == 1 && !again.is_disabled && again.id == u.id) {
			rc = session_start(kb, &again, address, now, out, err);
			result = KB_LOGIN_OK;
		}
		if (rc == 0 && result == KB_LOGIN_OK &&
		    sqlite3_prepare_v2(kb->db, "DELETE FROM login_failure WHERE scope = 'account'"
		                       " AND subject = ?1", -1, &st, NULL) == SQLITE_OK) {
			sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
			if (sqlite3_step(st) != SQLITE_DONE)
				rc = sql_fail(kb, err, "cannot clear the login failures");
			sqlite3_finalize(st);
		}
	}
	if (rc < 0) {
		kb_rollback(kb);
		memset(out, 0, sizeof *out);
		return -1;
	}
	if (kb_commit(kb, err) < 0) {
		memset(out, 0, sizeof *out);
		return -1;
	}
	/* Hashes made under older limits are renewed while the password is at hand. */
	if (needs_rehash) {
		struct err ignored;
		char fresh[crypto_pwhash_STRBYTES];
		static const char *const sql[] = { "UPDATE account SET hash = ?2 WHERE name = ?1", NULL };
		if (hash_password(kb, password, fresh, &ignored) == 0) {
			const char *params[] = { name, fresh };
			account_write(kb, sql, params, 2, "password rehashed", name, &ignored);
			sodium_memzero(fresh, sizeof fresh);
		}
	}
	return result;
}

int kb_session_get(struct kb *kb, const char *id, long long now, struct kb_session *out,
                   struct err *err)
{
	memset(out, 0, sizeof *out);
	if (!id || strlen(id) != 43)
		return 0;
	if (crypto_ready(kb, err) < 0)
		return -1;
	char hash[65];
	id_hash(id, hash);
	sqlite3_stmt *st = kb_stmt(kb, ST_USR_SESSION_GET,
		"SELECT a.id, a.name, a.role, a.disabled, a.created, s.csrf, s.created, s.last_seen"
		" FROM session s JOIN account a ON a.id = s.account_id WHERE s.id_hash = ?1", err);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, hash, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return sql_fail(kb, err, "cannot read the session");
	user_from_row(st, 0, &out->user);
	const unsigned char *csrf = sqlite3_column_text(st, 5);
	snprintf(out->csrf, sizeof out->csrf, "%s", csrf ? (const char *)csrf : "");
	out->created = sqlite3_column_int64(st, 6);
	out->last_seen = sqlite3_column_int64(st, 7);
	sqlite3_reset(st);
	if (out->user.is_disabled || now - out->last_seen >= idle_limit(kb) ||
	    now - out->created >= max_limit(kb) || now < out->created) {
		memset(out, 0, sizeof *out);
		return 0;
	}
	snprintf(out->id, sizeof out->id, "%s", id);
	/* Touch at most once a minute (or a quarter of the idle limit): most
	 * requests of a logged-in user then write nothing. */
	long step = idle_limit(kb) / 4 < 60 ? idle_limit(kb) / 4 : 60;
	if (now - out->last_seen >= step) {
		st = kb_stmt(kb, ST_USR_SESSION_TOUCH,
		             "UPDATE session SET last_seen = ?2 WHERE id_hash = ?1", err);
		if (!st)
			return -1;
		sqlite3_bind_text(st, 1, hash, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 2, now);
		if (sqlite3_step(st) != SQLITE_DONE)
			return sql_fail(kb, err, "cannot renew the session");
		sqlite3_reset(st);
		out->last_seen = now;
	}
	return 1;
}

int kb_session_end(struct kb *kb, const char *id, struct err *err)
{
	if (!id || !*id)
		return 0;
	if (crypto_ready(kb, err) < 0)
		return -1;
	char hash[65];
	id_hash(id, hash);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(kb->db, "DELETE FROM session WHERE id_hash = ?1", -1, &st, NULL) !=
	    SQLITE_OK)
		return sql_fail(kb, err, "cannot end the session");
	sqlite3_bind_text(st, 1, hash, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : sql_fail(kb, err, "cannot end the session");
}

int kb_csrf_ok(const struct kb_session *s, const char *token)
{
	size_t n = strlen(s->csrf);
	if (!token || n == 0 || strlen(token) != n)
		return 0;
	return sodium_memcmp(s->csrf, token, n) == 0;
}
