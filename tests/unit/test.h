/* test.h - the small unit-test harness: table-driven checks, and a last line
 * "N passed, N failed, N skipped" that CI reads. */
#ifndef GLOSSAR_TEST_H
#define GLOSSAR_TEST_H

#include <stdio.h>
#include <string.h>

static int test_passed, test_failed, test_skipped, test_current_failed;

/* A test, or part of one, that cannot run here (a file of ../shared missing):
 * one visible line on stdout, counted in the summary. */
#define SKIP(name, why)                                                                 \
	do {                                                                            \
		test_skipped++;                                                         \
		printf("skipped: %s (%s)\n", (name), (why));                           \
	} while (0)

#define CHECK(cond)                                                                     \
	do {                                                                            \
		if (!(cond)) {                                                          \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
			test_current_failed = 1;                                        \
		}                                                                       \
	} while (0)

#define CHECK_STR(got, want)                                                            \
	do {                                                                            \
		const char *got_ = (got), *want_ = (want);                              \
		if (!got_ || strcmp(got_, want_) != 0) {                                \
			fprintf(stderr, "%s:%d: got \"%s\", want \"%s\"\n", __FILE__, __LINE__, \
			        got_ ? got_ : "(null)", want_);                         \
			test_current_failed = 1;                                        \
		}                                                                       \
	} while (0)

#define RUN(test)                                                                       \
	do {                                                                            \
		test_current_failed = 0;                                                \
		test();                                                                 \
		if (test_current_failed) {                                              \
			test_failed++;                                                  \
			fprintf(stderr, "FAIL %s\n", #test);                            \
		} else {                                                                \
			test_passed++;                                                  \
		}                                                                       \
	} while (0)

#define TEST_END()                                                                      \
	do {                                                                            \
		printf("%d passed, %d failed, %d skipped\n", test_passed, test_failed,  \
		       test_skipped);                                                   \
		return test_failed != 0;                                                \
	} while (0)

#endif
