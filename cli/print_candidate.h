/* print_candidate.h - printing candidates, shared by cmd_discover.c and
 * cmd_candidates.c (internal to cli/). */
#ifndef GLOSSAR_PRINT_CANDIDATE_H
#define GLOSSAR_PRINT_CANDIDATE_H

#include "../kb/kb.h"

struct cand_printer {
	int jsonl; /* JSON Lines, else a text table with a header */
	long n;    /* rows printed so far */
};

/* A kb_candidate_fn: prints c to stdout; non-zero when writing failed. */
int cli_print_candidate(const struct kb_candidate *c, void *ctx);
/* "text" or "jsonl" for --format; prints the usage error and returns
 * EXIT_INPUT for anything else. */
int cli_parse_list_format(const char *cmd, const char *f, int *jsonl);

#endif
