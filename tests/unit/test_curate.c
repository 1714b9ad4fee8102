/* test_curate.c - the editors' rules (kb/curate.c), history snapshots
 * (kb/history.c) and search normalisation (kb/search.c), table-driven. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../kb/kb.h"
#include "test.h"

static void test_url_validation_accepts_http_with_host(void)
{
	static const struct { const char *url; int ok; } cases[] = {
		{ "https://www.gesetze-im-internet.de/ozg/__1.html", 1 },
		{ "http://example.org", 1 },
		{ "https://example.org:8443/a?b=c#d", 1 },
		{ "https://müller.de/", 1 },
		{ "ftp://example.org/", 0 },
		{ "https:///nohost", 0 },
		{ "https://", 0 },
		{ "www.example.org", 0 },
		{ "https://exa mple.org/", 0 },
		{ "https://example.org:/", 0 },
		{ "https://example.org:80x/", 0 },
		{ "https://.example.org/", 0 },
		{ "https://example..org/", 0 },
		{ "https://<script>/", 0 },
		{ "", 0 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		if (kb_url_is_valid(cases[i].url) != cases[i].ok) {
			fprintf(stderr, "url %s: want %d\n", cases[i].url, cases[i].ok);
			CHECK(0);
		}
}

static void test_workflow_transitions(void)
{
	static const struct { const char *from, *to; int with_source, ok; } cases[] = {
		{ "draft", "review", 0, 1 },      { "review", "approved", 1, 1 },
		{ "draft", "approved", 1, 1 },    { "review", "approved", 0, 0 },
		{ "approved", "review", 1, 1 },   { "approved", "draft", 1, 0 },
		{ "review", "draft", 0, 1 },      { "approved", "deprecated", 1, 1 },
		{ "deprecated", "review", 0, 1 }, { "deprecated", "approved", 1, 0 },
		{ "deprecated", "draft", 0, 0 },  { "draft", "deprecated", 0, 1 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct kb_concept c;
		kb_concept_init(&c);
		c.key = "x";
		c.status = (char *)cases[i].to;
		c.definition = cases[i].with_source ? "Eine Definition." : "";
		c.source = cases[i].with_source ? "Quelle" : "";
		c.source_url = cases[i].with_source ? "https://example.org/" : "";
		c.replaced_by = "";
		struct err err;
		int got = kb_status_check(cases[i].from, &c, &err) == 0;
		if (got != cases[i].ok) {
			fprintf(stderr, "%s -> %s (source %d): want %d\n", cases[i].from, cases[i].to,
			        cases[i].with_source, cases[i].ok);
			CHECK(0);
		}
	}
}

static int count_hits(const char *key, const char *pref, const char *snippet, void *ctx)
{
	(void)pref;
	(void)snippet;
	if (!strcmp(key, "konnex"))
		++*(int *)ctx;
	return 0;
}

static int keep_after(const struct kb_change *ch, void *ctx)
{
	char **out = ctx;
	free(*out);
	*out = ch->after ? strdup(ch->after) : NULL;
	return 0;
}

static void test_snapshot_round_trip_and_search(void)
{
	char path[] = "/tmp/glossar-test-curate-XXXXXX";
	int fd = mkstemp(path);
	CHECK(fd >= 0);
	close(fd);
	unlink(path);
	struct kb *kb;
	struct err err;
	CHECK(kb_open(&kb, path, &err) == 0);
	struct kb_concept c;
	kb_concept_init(&c);
	c.key = strdup("konnex");
	c.type = strdup("principle");
	c.pref_label = strdup("Konnexitätsprinzip");
	c.definition = strdup("Wer bestellt, bezahlt.");
	c.source = strdup("");
	c.source_url = strdup("");
	c.status = strdup("draft");
	c.replaced_by = strdup("");
	strv_push(&c.abbreviations, "KP");
	strv_push(&c.hidden_labels, "Konnexitäts Prinzip");
	strv_push(&c.match, "compound");
	CHECK(kb_begin(kb, &err) == 0);
	CHECK(kb_concept_put(kb, &c, "test", &err) == KB_ADDED);
	CHECK(kb_commit(kb, &err) == 0);

	/* The history's after-state reads back to the concept that was written. */
	char *after = NULL;
	CHECK(kb_history(kb, "konnex", keep_after, &after, &err) == 0);
	CHECK(after != NULL);
	struct kb_concept back;
	if (after && kb_concept_from_json(kb, after, &back, &err) == 0) {
		CHECK_STR(back.key, "konnex");
		CHECK_STR(back.type, "principle");
		CHECK_STR(back.pref_label, "Konnexitätsprinzip");
		CHECK_STR(back.definition, "Wer bestellt, bezahlt.");
		CHECK_STR(back.status, "draft");
		CHECK(back.abbreviations.n == 1 && !strcmp(back.abbreviations.v[0], "KP"));
		CHECK(back.hidden_labels.n == 1 &&
		      !strcmp(back.hidden_labels.v[0], "Konnexitäts Prinzip"));
		CHECK(back.match.n == 1 && !strcmp(back.match.v[0], "compound"));
		kb_concept_free(&back);
	} else {
		CHECK(0);
	}
	free(after);
	kb_concept_free(&c);
	static const char *const queries[] = { "Konnexität", "Konnexitaet", "Konnexitat", "konnex",
	                                       "KONNEXITÄTSPRINZIP", "bestellt", "Konnexitätsprinzip" };
	for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
		int hits = 0;
		CHECK(kb_search(kb, queries[i], 10, count_hits, &hits, &err) >= 0);
		if (hits != 1) {
			fprintf(stderr, "query %s: %d hits\n", queries[i], hits);
			CHECK(0);
		}
	}
	/* One typo away: found as a close match; a word far from every label: nothing. */
	int hits = 0;
	CHECK(kb_search(kb, "Konnexitüt", 10, count_hits, &hits, &err) == 1);
	CHECK(hits == 1);
	hits = 0;
	CHECK(kb_search(kb, "Zuständigkeit", 10, count_hits, &hits, &err) == 0);
	CHECK(hits == 0);
	kb_close(kb);
	unlink(path);
	char side[256];
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
}

int main(void)
{
	RUN(test_url_validation_accepts_http_with_host);
	RUN(test_workflow_transitions);
	RUN(test_snapshot_round_trip_and_search);
	TEST_END();
}
