/* pending.c - commands whose module has not landed yet. Each is weak, so the
 * real command in its own file replaces it; this file goes once all have landed. */
#include <stdio.h>

#include "cli.h"

#define PENDING(fn, name)                                                              \
	__attribute__((weak)) int fn(struct cli *cli, int argc, char **argv)           \
	{                                                                              \
		(void)cli; (void)argc; (void)argv;                                     \
		fprintf(stderr, "glossar: '%s' is not available in this build yet\n", name); \
		return EXIT_INPUT;                                                     \
	}

PENDING(cmd_extract, "extract")
PENDING(cmd_compile, "compile")
PENDING(cmd_appendix, "appendix")
PENDING(cmd_discover, "discover")
PENDING(cmd_candidates, "candidates")
PENDING(cmd_term, "term")
PENDING(cmd_lint, "lint")
PENDING(cmd_kb, "kb")
