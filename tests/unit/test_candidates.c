/* test_candidates.c - the candidate queue in the knowledge base: recording
 * with per-document evidence (re-runs recount), accept of each kind through
 * kb_concept_put with history, reject, and keys from long forms. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../kb/kb.h"
#include "test.h"

static char db_path[256];
static struct kb *kb;
static struct err err;

static long long query_int(const char *sql)
{
	sqlite3_stmt *st;
	long long v = -1;
	if (sqlite3_prepare_v2(kb_sqlite(kb), sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void setup(void)
{
	snprintf(db_path, sizeof db_path, "/tmp/glossar-test-cand-%d.db", (int)getpid());
	unlink(db_path);
	CHECK(kb_open(&kb, db_path, &err) == 0);
	struct kb_concept c;
	kb_concept_init(&c);
	c.key = strdup("dataport");
	c.type = strdup("organisation");
	c.pref_label = strdup("Dataport");
	c.status = strdup("draft");
	c.definition = strdup("");
	c.source = strdup("");
	c.source_url = strdup("");
	c.replaced_by = strdup("");
	CHECK(kb_begin(kb, &err) == 0);
	CHECK(kb_concept_put(kb, &c, "test", &err) == KB_ADDED);
	CHECK(kb_commit(kb, &err) == 0);
	kb_concept_free(&c);
}

static long long record_doc(const char *doc, int times)
{
	long long id = -1;
	CHECK(kb_begin(kb, &err) == 0);
	struct kb_cands *w = kb_cands_new(kb, &err);
	CHECK(w != NULL);
	CHECK(kb_cands_doc_begin(w, doc, &err) == 0);
	for (int i = 0; i < times; i++)
		id = kb_cands_add(w, "variant", "Datapod", "dataport", "", doc, 10 + i, "das ist Datapod", &err);
	CHECK(kb_cands_finish(w, &err) == 0);
	kb_cands_free(w);
	CHECK(kb_commit(kb, &err) == 0);
	return id;
}

static void test_rerun_recounts_instead_of_adding(void)
{
	long long id = record_doc("a.txt", 3);
	CHECK(id > 0);
	CHECK(query_int("SELECT count FROM candidate") == 3);
	CHECK(record_doc("a.txt", 3) == id);
	CHECK(query_int("SELECT count FROM candidate") == 3);
	record_doc("b.txt", 2);
	CHECK(query_int("SELECT count(*) FROM candidate") == 1);
	CHECK(query_int("SELECT count FROM candidate") == 5);
	CHECK(query_int("SELECT line FROM candidate") == 10);
	struct kb_candidate c;
	CHECK(kb_candidate_get(kb, id, &c, &err) == 1);
	CHECK_STR(c.doc, "a.txt");
	CHECK_STR(c.status, "pending");
	kb_candidate_free(&c);
	CHECK(kb_candidate_get(kb, 999, &c, &err) == 0);
}

static void test_accept_variant_adds_hidden_label_with_history(void)
{
	long long id = query_int("SELECT id FROM candidate WHERE kind = 'variant'");
	char msg[512];
	CHECK(kb_candidate_accept(kb, id, NULL, NULL, msg, &err) == 0);
	CHECK_STR(msg, "dataport: hidden label 'Datapod' added");
	struct kb_concept c;
	CHECK(kb_concept_get(kb, "dataport", &c, &err) == 1);
	CHECK(c.hidden_labels.n == 1 && !strcmp(c.hidden_labels.v[0], "Datapod"));
	kb_concept_free(&c);
	char sql[128];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM change WHERE action = 'candidates accept %lld'", id);
	CHECK(query_int(sql) == 1);
	CHECK(query_int("SELECT count(*) FROM candidate WHERE status = 'accepted'") == 1);
	/* a rejected accepted candidate is refused */
	CHECK(kb_candidate_reject(kb, id, &err) < 0);
	CHECK(strstr(err.msg, "was accepted") != NULL);
}

static void test_accept_abbreviation_joins_existing_concept(void)
{
	CHECK(kb_begin(kb, &err) == 0);
	struct kb_cands *w = kb_cands_new(kb, &err);
	CHECK(kb_cands_doc_begin(w, "c.txt", &err) == 0);
	long long id = kb_cands_add(w, "abbreviation", "DP", "Dataport", "", "c.txt", 1, "", &err);
	long long bad = kb_cands_add(w, "abbreviation", "ÄÖ", "", "", "c.txt", 2, "", &err);
	CHECK(kb_cands_finish(w, &err) == 0);
	kb_cands_free(w);
	CHECK(kb_commit(kb, &err) == 0);
	char msg[512];
	CHECK(kb_candidate_accept(kb, id, NULL, NULL, msg, &err) == 0);
	CHECK_STR(msg, "dataport: labels added");
	struct kb_concept c;
	CHECK(kb_concept_get(kb, "dataport", &c, &err) == 1);
	CHECK(c.abbreviations.n == 1 && !strcmp(c.abbreviations.v[0], "DP"));
	kb_concept_free(&c);
	/* a short form another concept shows is refused, not made ambiguous */
	CHECK(kb_begin(kb, &err) == 0);
	w = kb_cands_new(kb, &err);
	CHECK(kb_cands_doc_begin(w, "d.txt", &err) == 0);
	long long clash = kb_cands_add(w, "abbreviation", "DP", "Datenportal", "", "d.txt", 1, "", &err);
	CHECK(kb_cands_finish(w, &err) == 0);
	kb_cands_free(w);
	CHECK(kb_commit(kb, &err) == 0);
	CHECK(kb_candidate_accept(kb, clash, "datenportal", NULL, msg, &err) < 0);
	CHECK(strstr(err.msg, "'DP' is a label of dataport already") != NULL);
	/* nothing changes when the accept fails */
	long long changes = query_int("SELECT count(*) FROM change");
	CHECK(kb_candidate_accept(kb, bad, "Not A Key", NULL, msg, &err) < 0);
	CHECK(query_int("SELECT count(*) FROM change") == changes);
	CHECK(query_int("SELECT count(*) FROM candidate WHERE status = 'pending'") == 2);
}

static void test_keys_from_long_forms(void)
{
	char key[64];
	CHECK(kb_key_from_label("Föderale IT-Kooperation", key, sizeof key) == 0);
	CHECK_STR(key, "foederale-it-kooperation");
	CHECK(kb_key_from_label("Straße & Weg (neu)", key, sizeof key) == 0);
	CHECK_STR(key, "strasse-weg-neu");
	CHECK(kb_key_from_label("—", key, sizeof key) < 0);
}

int main(void)
{
	setup();
	RUN(test_rerun_recounts_instead_of_adding);
	RUN(test_accept_variant_adds_hidden_label_with_history);
	RUN(test_accept_abbreviation_joins_existing_concept);
	RUN(test_keys_from_long_forms);
	kb_close(kb);
	unlink(db_path);
	char side[300];
	snprintf(side, sizeof side, "%s-wal", db_path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", db_path);
	unlink(side);
	TEST_END();
}
