/* test_spoken.c - which acronyms are spoken as words (their title-case form
 * may match), the word list's lookups, and the context filter's terms in a
 * compiled gazetteer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../common/wordlist.h"
#include "../../extract/extract.h"
#include "test.h"

/* label, spoken (1) or read letter by letter (0) */
static const struct { const char *label; int spoken; } acronyms[] = {
	{ "FITKO", 1 }, { "NOOTS", 1 }, { "EfA", 1 }, { "ELSTER", 1 }, { "KONSENS", 1 },
	{ "KoSIT", 1 }, { "OSCI", 1 }, { "BAföG", 1 }, { "ZenDiS", 1 }, { "VITACO", 1 },
	{ "OZG", 0 },   /* coda zg */
	{ "BSI", 0 },   /* onset bs */
	{ "BMI", 0 },   /* onset bm */
	{ "DVDV", 0 },  { "EGovG", 0 }, { "AKDB", 0 }, { "DSGVO", 0 }, { "NEGZ", 0 },
	{ "IT", 0 },    /* two letters */
	{ "EU", 0 },    { "KI", 0 },
	{ "D21", 0 },   /* not letters only */
	{ "Komm.ONE", 0 }, { "GAIA-X", 0 },
};

static void test_spoken_acronyms(void)
{
	for (size_t i = 0; i < sizeof acronyms / sizeof acronyms[0]; i++)
		if (ex_acronym_is_spoken(acronyms[i].label) != acronyms[i].spoken) {
			fprintf(stderr, "%s: want spoken=%d\n", acronyms[i].label, acronyms[i].spoken);
			test_current_failed = 1;
		}
}

static void test_word_list_lookups(void)
{
	char path[] = "/tmp/glossar-words-XXXXXX";
	int fd = mkstemp(path);
	CHECK(fd >= 0);
	FILE *f = fdopen(fd, "w");
	fputs("Elster\nKonsens\nbald\nÄrger\r\nADAC\n", f);
	fclose(f);
	struct err e;
	int missing = -1;
	struct wordlist *wl = wl_open(path, &missing, &e);
	CHECK(wl && missing == 0 && wl_count(wl) == 5);
	CHECK(wl_has(wl, "Elster", 6));
	CHECK(!wl_has(wl, "elster", 6));
	CHECK(wl_has_any_case(wl, "ELSTER"));   /* capitals find the noun */
	CHECK(wl_has_any_case(wl, "elster"));
	CHECK(wl_has_any_case(wl, "BALD"));
	CHECK(wl_has_any_case(wl, "ÄRGER"));    /* a CR line end is no part of the word */
	CHECK(wl_has_any_case(wl, "Adac"));
	CHECK(!wl_has_any_case(wl, "Fitko"));
	wl_free(wl);
	const char *ask[] = { "Fitko", "Konsens", "Elste", "Ärger" };
	unsigned char found[4];
	CHECK(wl_scan(path, ask, 4, found) == 0);
	CHECK(!found[0] && found[1] && !found[2] && found[3]);
	unlink(path);
	CHECK(wl_open(path, &missing, &e) == NULL && missing == 1);
	CHECK(wl_scan(path, ask, 4, found) < 0);
}

/* A compiled gazetteer keeps the flags and the context terms through a
 * save and a load (the file is the same bytes). */
static int count(const struct ex_mention *m, void *ctx)
{
	(void)m;
	++*(int *)ctx;
	return 0;
}

static void test_context_survives_save_and_load(void)
{
	const struct gz_label labels[] = {
		{ "Elster", "elster", GZ_HIDDEN, GZ_FLAG_CONTEXT },
		{ "FITKO", "fitko", GZ_ABBREV, GZ_FLAG_SPOKEN },
		{ "BundID", "bundid", GZ_PREF, 0 },
	};
	const char *ctx[] = { "BundID\nSteuererklärung", NULL, NULL };
	struct err e;
	struct gz *gz = gz_compile_ctx(labels, ctx, 3, &e);
	CHECK(gz != NULL);
	char path[] = "/tmp/glossar-gz-XXXXXX";
	int fd = mkstemp(path);
	close(fd);
	CHECK(gz && gz_save(gz, path, &e) == 0);
	struct gz *back = gz_load(path, &e);
	CHECK(back != NULL);
	const char *texts[][2] = {
		{ "Eine Elster am Fluss.", "0" },
		{ "Die Steuererklärungen gehen über Elster.", "1" },
		{ "Die Fitko und die FITKO.", "2" },
	};
	for (size_t i = 0; back && i < 3; i++) {
		int n = 0;
		CHECK(ex_extract_mem(back, "t", "txt", texts[i][0], strlen(texts[i][0]), NULL, count,
		                     &n, &e) == 0);
		if (n != atoi(texts[i][1])) {
			fprintf(stderr, "'%s': %d mentions\n", texts[i][0], n);
			test_current_failed = 1;
		}
	}
	gz_free(back);
	gz_free(gz);
	unlink(path);
}

int main(void)
{
	RUN(test_spoken_acronyms);
	RUN(test_word_list_lookups);
	RUN(test_context_survives_save_and_load);
	TEST_END();
}
