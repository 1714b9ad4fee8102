/* test_editing.c - accounts, sessions, login throttling, comments, the
 * four-eyes review workflow, concept versions and field-level diffs
 * (kb/users.c, kb/review.c, kb/diff.c). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "../../kb/kb.h"
#include "test.h"

static char dir[] = "/tmp/glossar-editing.XXXXXX";
static int db_no;

static struct kb *fresh_kb(void)
{
	char path[128];
	snprintf(path, sizeof path, "%s/kb%d.db", dir, ++db_no);
	struct kb *kb = NULL;
	struct err err;
	if (kb_open(&kb, path, &err) < 0) {
		fprintf(stderr, "%s\n", err.msg);
		return NULL;
	}
	return kb;
}

static struct kb_user user_of(struct kb *kb, const char *name)
{
	struct kb_user u;
	memset(&u, 0, sizeof u);
	struct err err;
	CHECK(kb_user_get(kb, name, &u, &err) == 1);
	return u;
}

/* A concept with a definition and a source, ready for approval. */
static void make_concept(struct kb_concept *c, const char *key, const char *label)
{
	kb_concept_init(c);
	c->key = strdup(key);
	c->type = strdup("concept");
	c->pref_label = strdup(label);
	c->definition = strdup("Eine Definition.");
	c->source = strdup("Quelle");
	c->source_url = strdup("https://example.org/");
	c->status = strdup("draft");
	c->replaced_by = strdup("");
}

static void test_roles_and_capabilities(void)
{
	CHECK(kb_role_parse("editor") == KB_ROLE_EDITOR);
	CHECK(kb_role_parse("reviewer") == KB_ROLE_REVIEWER);
	CHECK(kb_role_parse("admin") == KB_ROLE_ADMIN);
	CHECK(kb_role_parse("root") == 0);
	CHECK(kb_role_parse("") == 0);
	CHECK(kb_role_can(KB_ROLE_EDITOR, KB_CAP_EDIT));
	CHECK(!kb_role_can(KB_ROLE_EDITOR, KB_CAP_REVIEW));
	CHECK(!kb_role_can(KB_ROLE_EDITOR, KB_CAP_ADMIN));
	CHECK(kb_role_can(KB_ROLE_REVIEWER, KB_CAP_REVIEW));
	CHECK(!kb_role_can(KB_ROLE_REVIEWER, KB_CAP_ADMIN));
	CHECK(kb_role_can(KB_ROLE_ADMIN, KB_CAP_ADMIN));
	CHECK(!kb_role_can(0, KB_CAP_EDIT));
}

static void test_user_names_validated(void)
{
	static const struct { const char *name; int ok; } cases[] = {
		{ "alice", 1 }, { "A.Schmidt-2", 1 }, { "x_y", 1 }, { "", 0 }, { "-x", 0 },
		{ "a b", 0 }, { "<script>", 0 }, { "müller", 0 }, { "a/b", 0 },
		{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 1 },
		{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 0 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		if (kb_user_name_is_valid(cases[i].name) != cases[i].ok) {
			fprintf(stderr, "name '%s': want %d\n", cases[i].name, cases[i].ok);
			CHECK(0);
		}
}

static int count_users(const struct kb_user *u, void *ctx)
{
	(void)u;
	++*(int *)ctx;
	return 0;
}

static void test_user_add_stores_argon2id_hash_only(void)
{
	struct kb *kb = fresh_kb();
	struct err err;
	CHECK(kb_user_add(kb, "alice", KB_ROLE_EDITOR, "geheim-123", &err) == 0);
	CHECK(kb_user_add(kb, "alice", KB_ROLE_ADMIN, "geheim-456", &err) < 0);
	CHECK(strstr(err.msg, "exists already") != NULL);
	CHECK(kb_user_add(kb, "bob", KB_ROLE_REVIEWER, "kurz", &err) < 0);
	CHECK(strstr(err.msg, "too short") != NULL);
	CHECK(kb_user_add(kb, "bad name", KB_ROLE_EDITOR, "geheim-123", &err) < 0);
	CHECK(kb_user_add(kb, "carol", (enum kb_role)9, "geheim-123", &err) < 0);
	struct kb_user u = user_of(kb, "alice");
	CHECK_STR(kb_role_name(u.role), "editor");
	CHECK(!u.is_disabled);
	int n = 0;
	CHECK(kb_user_list(kb, count_users, &n, &err) == 0);
	CHECK(n == 1);
	sqlite3_stmt *st;
	CHECK(sqlite3_prepare_v2(kb_sqlite(kb), "SELECT hash FROM account WHERE name = 'alice'", -1,
	                         &st, NULL) == SQLITE_OK);
	CHECK(sqlite3_step(st) == SQLITE_ROW);
	const char *hash = (const char *)sqlite3_column_text(st, 0);
	CHECK(hash && !strncmp(hash, "$argon2id$", 10));
	CHECK(hash && !strstr(hash, "geheim"));
	sqlite3_finalize(st);
	/* Every account change is in the admin log with who did it. */
	kb_set_actor(kb, "root-test", &err);
	CHECK(kb_user_set_disabled(kb, "alice", 1, &err) == 0);
	CHECK(sqlite3_prepare_v2(kb_sqlite(kb),
	                         "SELECT group_concat(actor || ':' || action || ':' || target, ',')"
	                         " FROM admin_log", -1, &st, NULL) == SQLITE_OK);
	CHECK(sqlite3_step(st) == SQLITE_ROW);
	const char *log = (const char *)sqlite3_column_text(st, 0);
	CHECK(log && strstr(log, "root-test:user disable:alice"));
	sqlite3_finalize(st);
	CHECK(kb_user_set_disabled(kb, "nobody", 1, &err) < 0);
	kb_close(kb);
}

static void test_login_session_and_csrf(void)
{
	struct kb *kb = fresh_kb();
	struct err err;
	CHECK(kb_user_add(kb, "alice", KB_ROLE_EDITOR, "geheim-123", &err) == 0);
	struct kb_session s1, s2, got;
	long wait;
	long long t = 1000000;
	CHECK(kb_login(kb, "alice", "geheim-123", "10.0.0.1", t, &s1, &wait, &err) == KB_LOGIN_OK);
	CHECK(strlen(s1.id) == 43 && strlen(s1.csrf) == 43);
	CHECK_STR(s1.user.name, "alice");
	/* A new id at every login: a planted id is never taken over. */
	CHECK(kb_login(kb, "alice", "geheim-123", "10.0.0.1", t, &s2, &wait, &err) == KB_LOGIN_OK);
	CHECK(strcmp(s1.id, s2.id) != 0);
	CHECK(strcmp(s1.csrf, s2.csrf) != 0);
	CHECK(kb_session_get(kb, s1.id, t + 1, &got, &err) == 1);
	CHECK_STR(got.user.name, "alice");
	CHECK_STR(got.csrf, s1.csrf);
	CHECK(kb_csrf_ok(&got, s1.csrf));
	CHECK(!kb_csrf_ok(&got, s2.csrf));
	CHECK(!kb_csrf_ok(&got, ""));
	CHECK(!kb_csrf_ok(&got, NULL));
	char shorter[64];
	snprintf(shorter, sizeof shorter, "%.42s", s1.csrf);
	CHECK(!kb_csrf_ok(&got, shorter));
	/* Only the hash of the id is stored. */
	sqlite3_stmt *st;
	CHECK(sqlite3_prepare_v2(kb_sqlite(kb), "SELECT count(*) FROM session WHERE id_hash = ?1",
	                         -1, &st, NULL) == SQLITE_OK);
	sqlite3_bind_text(st, 1, s1.id, -1, SQLITE_STATIC);
	CHECK(sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == 0);
	sqlite3_finalize(st);
	CHECK(kb_session_get(kb, "nonsense", t, &got, &err) == 0);
	CHECK(kb_session_get(kb, "", t, &got, &err) == 0);
	char forged[64];
	snprintf(forged, sizeof forged, "%s", s1.id);
	forged[0] = forged[0] == 'A' ? 'B' : 'A';
	CHECK(kb_session_get(kb, forged, t, &got, &err) == 0);
	/* Logout ends this session only. */
	CHECK(kb_session_end(kb, s1.id, &err) == 0);
	CHECK(kb_session_get(kb, s1.id, t + 2, &got, &err) == 0);
	CHECK(kb_session_get(kb, s2.id, t + 2, &got, &err) == 1);
	CHECK(kb_session_end(kb, s1.id, &err) == 0);
	/* Wrong password, unknown and disabled accounts: the same answer. */
	CHECK(kb_login(kb, "alice", "falsch-123", "10.0.0.1", t, &s1, &wait, &err) == KB_LOGIN_BAD);
	CHECK(s1.id[0] == '\0');
	CHECK(kb_login(kb, "nobody", "geheim-123", "10.0.0.1", t, &s1, &wait, &err) == KB_LOGIN_BAD);
	kb_close(kb);
}

static void test_session_idle_and_absolute_expiry(void)
{
	struct kb *kb = fresh_kb();
	struct err err;
	kb_session_set_limits(kb, 100, 1000);
	CHECK(kb_user_add(kb, "alice", KB_ROLE_EDITOR, "geheim-123", &err) == 0);
	struct kb_session s, got;
	long wait;
	long long t = 5000000;
	CHECK(kb_login(kb, "alice", "geheim-123", "", t, &s, &wait, &err) == KB_LOGIN_OK);
	CHECK(kb_session_get(kb, s.id, t + 99, &got, &err) == 1);
	/* Each request moves the idle limit on ... */
	long long at = t + 99;
	for (int i = 0; i < 9; i++) {
		at += 90;
		CHECK(kb_session_get(kb, s.id, at, &got, &err) == 1);
	}
	/* ... but not the absolute one. */
	CHECK(at == t + 909);
	CHECK(kb_session_get(kb, s.id, t + 999, &got, &err) == 1);
	CHECK(kb_session_get(kb, s.id, t + 1000, &got, &err) == 0);
	struct kb_session s2;
	CHECK(kb_login(kb, "alice", "geheim-123", "", t, &s2, &wait, &err) == KB_LOGIN_OK);
	CHECK(kb_session_get(kb, s2.id, t + 100, &got, &err) == 0); /* idle */
	kb_close(kb);
}

static void test_disable_and_passwd_end_sessions_at_once(void)
{
	struct kb *kb = fresh_kb();
	struct err err;
	CHECK(kb_user_add(kb, "alice", KB_ROLE_EDITOR, "geheim-123", &err) == 0);
	struct kb_session s, got;
	long wait;
	long long t = kb_time_now();
	CHECK(kb_login(kb, "alice", "geheim-123", "", t, &s, &wait, &err) == KB_LOGIN_OK);
	CHECK(kb_user_set_disabled(kb, "alice", 1, &err) == 0);
	CHECK(kb_session_get(kb, s.id, t, &got, &err) == 0);
	CHECK(kb_login(kb, "alice", "geheim-123", "", t, &s, &wait, &err) == KB_LOGIN_BAD);
	CHECK(kb_user_set_disabled(kb, "alice", 0, &err) == 0);
	CHECK(kb_login(kb, "alice", "geheim-123", "", t, &s, &wait, &err) == KB_LOGIN_OK);
	CHECK(kb_user_passwd(kb, "alice", "neues-geheimnis", &err) == 0);
	CHECK(kb_session_get(kb, s.id, t, &got, &err) == 0);
	CHECK(kb_login(kb, "alice", "geheim-123", "", t, &s, &wait, &err) == KB_LOGIN_BAD);
	CHECK(kb_login(kb, "alice", "neues-geheimnis", "", t, &s, &wait, &err) == KB_LOGIN_OK);
	CHECK(kb_user_passwd(kb, "alice", "kurz", &err) < 0);
	CHECK(kb_user_passwd(kb, "nobody", "lang-genug-1", &err) < 0);
	kb_close(kb);
}

static void test_failed_logins_throttled_per_account_and_address(void)
{
	struct kb *kb = fresh_kb();
	struct err err;
	CHECK(kb_user_add(kb, "alice", KB_ROLE_EDITOR, "geheim-123", &err) == 0);
	CHECK(kb_user_add(kb, "bob", KB_ROLE_EDITOR, "geheim-456", &err) == 0);
	struct kb_session s;
	long wait = 0;
	long long t = 7000000;
	for (int i = 0; i < KB_LOGIN_FREE_ACCOUNT; i++)
		CHECK(kb_login(kb, "alice", "falsch", "10.0.0.1", t, &s, &wait, &err) == KB_LOGIN_BAD);
	/* The right password does not help while throttled; other addresses neither
	 * (the account is what is being guessed). */
	CHECK(kb_login(kb, "alice", "geheim-123", "10.0.0.1", t, &s, &wait, &err) ==
	      KB_LOGIN_THROTTLED);
	CHECK(wait == 1);
	CHECK(kb_login(kb, "alice", "geheim-123", "10.0.0.2", t, &s, &wait, &err) ==
	      KB_LOGIN_THROTTLED);
	CHECK(s.id[0] == '\0');
	/* Other accounts are not slowed down. */
	CHECK(kb_login(kb, "bob", "geheim-456", "10.0.0.1", t, &s, &wait, &err) == KB_LOGIN_OK);
	/* After the wait, one more failure doubles it. */
	CHECK(kb_login(kb, "alice", "falsch", "10.0.0.1", t + 1, &s, &wait, &err) == KB_LOGIN_BAD);
	CHECK(kb_login(kb, "alice", "geheim-123", "10.0.0.1", t + 1, &s, &wait, &err) ==
	      KB_LOGIN_THROTTLED);
	CHECK(wait == 2);
	CHECK(kb_login(kb, "alice", "geheim-123", "10.0.0.1", t + 3, &s, &wait, &err) ==
	      KB_LOGIN_OK);
	/* Success clears the account's count. */
	CHECK(kb_login(kb, "alice", "falsch", "10.0.0.1", t + 3, &s, &wait, &err) == KB_LOGIN_BAD);
	CHECK(kb_login(kb, "alice", "geheim-123", "10.0.0.1", t + 3, &s, &wait, &err) ==
	      KB_LOGIN_OK);
	/* Per address: many names guessed from one address. The earlier failures
	 * are written directly, to keep the test fast (each real one costs an
	 * Argon2id verification); the check reads them like any other. */
	sqlite3_stmt *st;
	CHECK(sqlite3_prepare_v2(kb_sqlite(kb),
	                         "INSERT INTO login_failure (scope, subject, at)"
	                         " VALUES ('address', '10.9.9.9', ?1)", -1, &st, NULL) == SQLITE_OK);
	for (int i = 0; i < KB_LOGIN_FREE_ADDRESS - 1; i++) {
		sqlite3_bind_int64(st, 1, t + 10);
		CHECK(sqlite3_step(st) == SQLITE_DONE);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	CHECK(kb_login(kb, "carol", "x", "10.9.9.9", t + 10, &s, &wait, &err) == KB_LOGIN_BAD);
	CHECK(kb_login(kb, "bob", "geheim-456", "10.9.9.9", t + 10, &s, &wait, &err) ==
	      KB_LOGIN_THROTTLED);
	CHECK(kb_login(kb, "bob", "geheim-456", "10.0.0.7", t + 10, &s, &wait, &err) ==
	      KB_LOGIN_OK);
	/* Failures older than the window no longer count. */
	CHECK(kb_login(kb, "bob", "geheim-456", "10.9.9.9", t + 11 + KB_LOGIN_WINDOW_S, &s, &wait,
	               &err) == KB_LOGIN_OK);
	kb_close(kb);
}

struct history_names {
	char last_editor[64], last_action[64];
	int n;
};

static int last_change(const struct kb_change *ch, void *ctx)
{
	struct history_names *h = ctx;
	snprintf(h->last_editor, sizeof h->last_editor, "%s", ch->editor);
	snprintf(h->last_action, sizeof h->last_action, "%s", ch->action);
	h->n++;
	return 0;
}

static void test_save_refuses_stale_version(void)
{
	struct kb *kb = fresh_kb();
	struct err err;
	struct kb_concept c;
	make_concept(&c, "ozg", "Onlinezugangsgesetz");
	long long cur = -1;
	kb_set_actor(kb, "alice", &err);
	CHECK(kb_concept_save(kb, &c, 0, "web edit", &cur, NULL, NULL, &err) == KB_ADDED);
	long long v1 = kb_concept_version(kb, "ozg", &err);
	CHECK(v1 > 0);
	/* Creating it again (another editor's form for a new concept) is stale. */
	CHECK(kb_concept_save(kb, &c, 0, "web edit", &cur, NULL, NULL, &err) == KB_E_STALE);
	CHECK(cur == v1);
	/* Bob saves first ... */
	kb_set_actor(kb, "bob", &err);
	free(c.definition);
	c.definition = strdup("Bobs Definition.");
	CHECK(kb_concept_save(kb, &c, v1, "web edit", &cur, NULL, NULL, &err) == KB_UPDATED);
	long long v2 = kb_concept_version(kb, "ozg", &err);
	CHECK(v2 > v1);
	/* ... then Alice, from the same version: refused, nothing written. */
	kb_set_actor(kb, "alice", &err);
	free(c.definition);
	c.definition = strdup("Alices Definition.");
	CHECK(kb_concept_save(kb, &c, v1, "web edit", &cur, NULL, NULL, &err) == KB_E_STALE);
	CHECK(cur == v2);
	CHECK(kb_concept_version(kb, "ozg", &err) == v2);
	struct kb_concept now;
	CHECK(kb_concept_get(kb, "ozg", &now, &err) == 1);
	CHECK_STR(now.definition, "Bobs Definition.");
	kb_concept_free(&now);
	/* The state she saw is still there, for the diff she is shown. */
	int found;
	char *seen = kb_concept_state_at(kb, "ozg", v1, &found, &err);
	CHECK(found == 1 && seen && strstr(seen, "Eine Definition."));
	free(seen);
	CHECK(kb_concept_state_at(kb, "other", v1, &found, &err) == NULL && found == 0);
	/* The history names each editor. */
	struct history_names h = { "", "", 0 };
	CHECK(kb_history(kb, "ozg", last_change, &h, &err) == 0);
	CHECK(h.n == 2);
	CHECK_STR(h.last_editor, "bob");
	CHECK_STR(h.last_action, "web edit");
	/* Bad input is refused and changes nothing. */
	free(c.source_url);
	c.source_url = strdup("javascript:alert(1)");
	CHECK(kb_concept_save(kb, &c, v2, "web edit", &cur, NULL, NULL, &err) == -1);
	CHECK(kb_concept_version(kb, "ozg", &err) == v2);
	free(c.key);
	c.key = strdup("Bad Key");
	CHECK(kb_concept_save(kb, &c, 0, "web edit", &cur, NULL, NULL, &err) == -1);
	kb_concept_free(&c);
	kb_close(kb);
}

static int count_lint(const char *key, enum kb_severity sev, const char *check,
                      const char *message, void *ctx)
{
	(void)key;
	(void)check;
	(void)message;
	((int *)ctx)[sev == KB_ERROR]++;
	return 0;
}

/* The browser's form has no mapping field: a save keeps what is stored. */
static void test_save_keeps_mappings(void)
{
	struct kb *kb = fresh_kb();
	struct err err;
	struct kb_concept c;
	make_concept(&c, "ozg", "Onlinezugangsgesetz");
	strv_push(&c.exact_match, "http://www.wikidata.org/entity/Q29014813");
	CHECK(kb_begin(kb, &err) == 0);
	CHECK(kb_concept_put(kb, &c, "import", &err) == KB_ADDED);
	CHECK(kb_commit(kb, &err) == 0);
	long long v1 = kb_concept_version(kb, "ozg", &err);
	strv_free(&c.exact_match);
	free(c.definition);
	c.definition = strdup("Neu.");
	long long cur = -1;
	CHECK(kb_concept_save(kb, &c, v1, "web edit", &cur, NULL, NULL, &err) == KB_UPDATED);
	struct kb_concept now;
	CHECK(kb_concept_get(kb, "ozg", &now, &err) == 1);
	CHECK_STR(now.definition, "Neu.");
	CHECK(now.exact_match.n == 1);
	if (now.exact_match.n == 1)
		CHECK_STR(now.exact_match.v[0], "http://www.wikidata.org/entity/Q29014813");
	kb_concept_free(&now);
	kb_concept_free(&c);
	kb_close(kb);
}

static void test_save_runs_lint_of_the_concept(void)
{
	struct kb *kb = fresh_kb();
	struct err err;
	struct kb_concept c;
	make_concept(&c, "dvdv", "DVDV");
	free(c.definition);
	c.definition = strdup("");
	int counts[2] = { 0, 0 };
	CHECK(kb_concept_save(kb, &c, 0, "web edit", NULL, count_lint, counts, &err) == KB_ADDED);
	CHECK(counts[0] == 1 && counts[1] == 0); /* no-definition is a warning */
	long long v = kb_concept_version(kb, "dvdv", &err);
	strv_push(&c.broader, "dvdv"); /* broader than itself: an error */
	counts[0] = counts[1] = 0;
	CHECK(kb_concept_save(kb, &c, v, "web edit", NULL, count_lint, counts, &err) == -1);
	CHECK(counts[1] >= 1);
	CHECK(strstr(err.msg, "broader") != NULL);
	CHECK(kb_concept_version(kb, "dvdv", &err) == v);
	kb_concept_free(&c);
	kb_close(kb);
}

static void test_review_cycle_with_four_eyes(void)
{
	struct kb *kb = fresh_kb();
	struct err err;
	CHECK(kb_user_add(kb, "alice", KB_ROLE_EDITOR, "geheim-123", &err) == 0);
	CHECK(kb_user_add(kb, "bob", KB_ROLE_REVIEWER, "geheim-123", &err) == 0);
	CHECK(kb_user_add(kb, "carol", KB_ROLE_REVIEWER, "geheim-123", &err) == 0);
	struct kb_user alice = user_of(kb, "alice"), bob = user_of(kb, "bob"),
	               carol = user_of(kb, "carol");
	struct kb_concept c;
	make_concept(&c, "fitko", "FITKO");
	kb_set_actor(kb, "alice", &err);
	CHECK(kb_concept_save(kb, &c, 0, "web edit", NULL, NULL, NULL, &err) == KB_ADDED);
	/* Approving a draft is refused: it must be sent to review first. */
	CHECK(kb_review_approve(kb, "fitko", &bob, -1, NULL, &err) == -1);
	CHECK(kb_review_submit(kb, "fitko", &alice, "Bitte prüfen", &err) == 0);
	CHECK(kb_review_submit(kb, "fitko", &alice, NULL, &err) == -1); /* already in review */
	long long v = kb_concept_version(kb, "fitko", &err);
	/* An editor cannot approve. */
	CHECK(kb_review_approve(kb, "fitko", &alice, v, NULL, &err) == KB_E_FORBIDDEN);
	/* A reviewer who made the change cannot approve it: carol edits ... */
	kb_set_actor(kb, "carol", &err);
	free(c.definition);
	c.definition = strdup("Die Föderale IT-Kooperation.");
	CHECK(kb_concept_save(kb, &c, v, "web edit", NULL, NULL, NULL, &err) == KB_UPDATED);
	long long v2 = kb_concept_version(kb, "fitko", &err);
	CHECK(kb_review_is_author(kb, "fitko", "carol", &err) == 1);
	CHECK(kb_review_is_author(kb, "fitko", "alice", &err) == 1);
	CHECK(kb_review_is_author(kb, "fitko", "bob", &err) == 0);
	CHECK(kb_review_approve(kb, "fitko", &carol, v2, NULL, &err) == KB_E_FORBIDDEN);
	CHECK(strstr(err.msg, "four eyes") != NULL);
	/* ... bob approves what he saw, not an older version. */
	CHECK(kb_review_approve(kb, "fitko", &bob, v, NULL, &err) == KB_E_STALE);
	CHECK(kb_review_reject(kb, "fitko", &bob, v2, "", &err) == -1); /* needs a comment */
	CHECK(kb_review_approve(kb, "fitko", &bob, v2, "Passt.", &err) == 0);
	struct kb_concept now;
	CHECK(kb_concept_get(kb, "fitko", &now, &err) == 1);
	CHECK_STR(now.status, "approved");
	kb_concept_free(&now);
	struct history_names h = { "", "", 0 };
	CHECK(kb_history(kb, "fitko", last_change, &h, &err) == 0);
	CHECK_STR(h.last_editor, "bob");
	CHECK_STR(h.last_action, "review approve");
	/* After approval the slate is clean: carol may approve alice's next change. */
	CHECK(kb_review_is_author(kb, "fitko", "carol", &err) == 0);
	/* Editing an approved concept sends it back to review. */
	kb_set_actor(kb, "alice", &err);
	long long v3 = kb_concept_version(kb, "fitko", &err);
	CHECK(kb_concept_save(kb, &c, v3, "web edit", NULL, NULL, NULL, &err) == KB_UNCHANGED);
	CHECK(kb_concept_version(kb, "fitko", &err) == v3);
	strv_push(&c.alt_labels, "Föderale IT-Kooperation");
	CHECK(kb_concept_save(kb, &c, v3, "web edit", NULL, NULL, NULL, &err) == KB_UPDATED);
	CHECK(kb_concept_get(kb, "fitko", &now, &err) == 1);
	CHECK_STR(now.status, "review");
	kb_concept_free(&now);
	/* The diff since the last approved state shows the new label. */
	int found;
	char *approved = kb_review_last_approved(kb, "fitko", &found, &err);
	CHECK(found == 1 && approved);
	CHECK(strstr(approved, "\"approved\"") != NULL);
	free(approved);
	/* Rejected with a comment: back to draft, comment in the thread. */
	long long v4 = kb_concept_version(kb, "fitko", &err);
	CHECK(kb_review_reject(kb, "fitko", &carol, v4, "Das Label ist falsch geschrieben.", &err) ==
	      0);
	CHECK(kb_concept_get(kb, "fitko", &now, &err) == 1);
	CHECK_STR(now.status, "draft");
	kb_concept_free(&now);
	/* Rejecting does not make carol an author. */
	CHECK(kb_review_is_author(kb, "fitko", "carol", &err) == 0);
	kb_set_actor(kb, NULL, &err);
	kb_concept_free(&c);
	kb_close(kb);
}

struct names {
	char all[512];
};

static int collect_item(const struct kb_review_item *it, void *ctx)
{
	struct names *n = ctx;
	size_t len = strlen(n->all);
	snprintf(n->all + len, sizeof n->all - len, "%s%s", len ? "," : "", it->key);
	return 0;
}

static void list_of(struct kb *kb, enum kb_review_list which, const char *user, struct names *n)
{
	struct err err;
	n->all[0] = '\0';
	CHECK(kb_review_list(kb, which, user, 50, collect_item, n, &err) == 0);
}

static void test_review_lists(void)
{
	struct kb *kb = fresh_kb();
	struct err err;
	CHECK(kb_user_add(kb, "alice", KB_ROLE_EDITOR, "geheim-123", &err) == 0);
	CHECK(kb_user_add(kb, "bob", KB_ROLE_REVIEWER, "geheim-123", &err) == 0);
	struct kb_user alice = user_of(kb, "alice"), bob = user_of(kb, "bob");
	static const char *const keys[] = { "a-draft", "b-review", "c-approved" };
	kb_set_actor(kb, "alice", &err);
	for (int i = 0; i < 3; i++) {
		struct kb_concept c;
		make_concept(&c, keys[i], keys[i]);
		CHECK(kb_concept_save(kb, &c, 0, "web edit", NULL, NULL, NULL, &err) == KB_ADDED);
		kb_concept_free(&c);
	}
	CHECK(kb_review_submit(kb, "b-review", &alice, NULL, &err) == 0);
	CHECK(kb_review_submit(kb, "c-approved", &alice, NULL, &err) == 0);
	CHECK(kb_review_approve(kb, "c-approved", &bob, -1, NULL, &err) == 0);
	struct names n;
	list_of(kb, KB_LIST_MY_DRAFTS, "alice", &n);
	CHECK_STR(n.all, "a-draft");
	list_of(kb, KB_LIST_MY_DRAFTS, "bob", &n);
	CHECK_STR(n.all, "");
	list_of(kb, KB_LIST_AWAITING_REVIEW, "bob", &n);
	CHECK_STR(n.all, "b-review");
	list_of(kb, KB_LIST_AWAITING_REVIEW, "alice", &n); /* her own change */
	CHECK_STR(n.all, "");
	list_of(kb, KB_LIST_RECENTLY_APPROVED, "alice", &n);
	CHECK_STR(n.all, "c-approved");
	kb_close(kb);
}

struct thread {
	int n;
	char text[256], author[64];
};

static int collect_comment(const struct kb_comment *c, void *ctx)
{
	struct thread *t = ctx;
	t->n++;
	snprintf(t->text, sizeof t->text, "%s", c->text);
	snprintf(t->author, sizeof t->author, "%s", c->author);
	return 0;
}

static void test_comment_threads(void)
{
	struct kb *kb = fresh_kb();
	struct err err;
	struct kb_concept c;
	make_concept(&c, "efa", "Einer für Alle");
	CHECK(kb_concept_save(kb, &c, 0, "web edit", NULL, NULL, NULL, &err) == KB_ADDED);
	kb_concept_free(&c);
	CHECK(kb_comment_add(kb, "efa", "alice", "Quelle prüfen <b>bitte</b>", &err) > 0);
	CHECK(kb_comment_add(kb, "efa", "bob", "Erledigt.", &err) > 0);
	CHECK(kb_comment_add(kb, "efa", "bob", "  \n ", &err) == -1);
	CHECK(kb_comment_add(kb, "nope", "bob", "Hallo", &err) == -1);
	CHECK(kb_comment_add(kb, "efa", "bob", "bad \xff byte", &err) == -1);
	struct thread t = { 0, "", "" };
	CHECK(kb_comment_list(kb, "efa", collect_comment, &t, &err) == 0);
	CHECK(t.n == 2);
	CHECK_STR(t.text, "Erledigt.");
	CHECK_STR(t.author, "bob");
	kb_close(kb);
}

struct diffs {
	char text[1024];
};

static int collect_diff(const struct kb_field_diff *d, void *ctx)
{
	struct diffs *x = ctx;
	size_t len = strlen(x->text);
	const char *op = d->op == KB_DIFF_CHANGED ? "~" : d->op == KB_DIFF_ADDED ? "+" : "-";
	snprintf(x->text + len, sizeof x->text - len, "%s%s%s[%s>%s]", len ? " " : "", op, d->field,
	         d->before ? d->before : "NULL", d->after ? d->after : "NULL");
	return 0;
}

static void test_field_level_diff(void)
{
	struct kb_concept a, b;
	make_concept(&a, "ozg", "Onlinezugangsgesetz");
	make_concept(&b, "ozg", "Onlinezugangsgesetz");
	struct diffs d = { "" };
	CHECK(kb_concept_diff(&a, &b, collect_diff, &d) == 0);
	strv_push(&a.abbreviations, "OZG");
	strv_push(&a.alt_labels, "Alt1");
	strv_push(&a.alt_labels, "Alt2");
	strv_push(&b.alt_labels, "Alt2"); /* order moves are no change */
	strv_push(&b.alt_labels, "Alt1");
	strv_push(&b.alt_labels, "Alt3");
	free(b.definition);
	b.definition = strdup("Neu.");
	free(b.status);
	b.status = strdup("review");
	strv_push(&b.related, "efa");
	CHECK(kb_concept_diff(&a, &b, collect_diff, &d) == 5);
	CHECK_STR(d.text, "-abbreviations[OZG>NULL] +alt_labels[NULL>Alt3] "
	                  "~definition[Eine Definition.>Neu.] +related[NULL>efa] "
	                  "~status[draft>review]");
	/* Against an absent concept every value is new. */
	d.text[0] = '\0';
	CHECK(kb_concept_diff(NULL, &a, collect_diff, &d) == 10);
	CHECK(strncmp(d.text, "~key[NULL>ozg] ~type[NULL>concept] ", 35) == 0);
	kb_concept_free(&a);
	kb_concept_free(&b);
}

static void test_snapshot_diff_of_history(void)
{
	struct kb *kb = fresh_kb();
	struct err err;
	struct kb_concept c;
	make_concept(&c, "xoev", "XÖV");
	CHECK(kb_concept_save(kb, &c, 0, "web edit", NULL, NULL, NULL, &err) == KB_ADDED);
	long long v1 = kb_concept_version(kb, "xoev", &err);
	strv_push(&c.hidden_labels, "Xoef");
	free(c.source);
	c.source = strdup("XÖV-Rahmenwerk <&>");
	CHECK(kb_concept_save(kb, &c, v1, "web edit", NULL, NULL, NULL, &err) == KB_UPDATED);
	long long v2 = kb_concept_version(kb, "xoev", &err);
	int found;
	char *s1 = kb_concept_state_at(kb, "xoev", v1, &found, &err);
	char *s2 = kb_concept_state_at(kb, "xoev", v2, &found, &err);
	struct diffs d = { "" };
	CHECK(kb_snapshot_diff(kb, s1, s2, collect_diff, &d, &err) == 2);
	CHECK_STR(d.text, "+hidden_labels[NULL>Xoef] ~source[Quelle>XÖV-Rahmenwerk <&>]");
	CHECK(kb_snapshot_diff(kb, "{not json", s2, collect_diff, &d, &err) == -1);
	free(s1);
	free(s2);
	kb_concept_free(&c);
	kb_close(kb);
}

int main(void)
{
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 2;
	}
	RUN(test_roles_and_capabilities);
	RUN(test_user_names_validated);
	RUN(test_user_add_stores_argon2id_hash_only);
	RUN(test_login_session_and_csrf);
	RUN(test_session_idle_and_absolute_expiry);
	RUN(test_disable_and_passwd_end_sessions_at_once);
	RUN(test_failed_logins_throttled_per_account_and_address);
	RUN(test_save_refuses_stale_version);
	RUN(test_save_runs_lint_of_the_concept);
	RUN(test_save_keeps_mappings);
	RUN(test_review_cycle_with_four_eyes);
	RUN(test_review_lists);
	RUN(test_comment_threads);
	RUN(test_field_level_diff);
	RUN(test_snapshot_diff_of_history);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	TEST_END();
}
