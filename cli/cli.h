/* cli.h - the command-line front end: one file per command group,
 * argument parsing and messages only. */
#ifndef GLOSSAR_CLI_H
#define GLOSSAR_CLI_H

#include "../common/err.h"
#include "../kb/kb.h"

#define GLOSSAR_VERSION "0.1.0"

struct cli {
	const char *db_path; /* --db, else $GLOSSAR_DB, else ./glossar.db */
};

/* Each command gets argv with argv[0] = its own name; returns the exit status. */
int cmd_import(struct cli *cli, int argc, char **argv);
int cmd_export(struct cli *cli, int argc, char **argv);
int cmd_extract(struct cli *cli, int argc, char **argv);
int cmd_compile(struct cli *cli, int argc, char **argv);
int cmd_appendix(struct cli *cli, int argc, char **argv);
int cmd_discover(struct cli *cli, int argc, char **argv);
int cmd_candidates(struct cli *cli, int argc, char **argv);
int cmd_term(struct cli *cli, int argc, char **argv);
int cmd_lint(struct cli *cli, int argc, char **argv);
int cmd_kb(struct cli *cli, int argc, char **argv);
int cmd_scheme(struct cli *cli, int argc, char **argv);
int cmd_release(struct cli *cli, int argc, char **argv);
int cmd_diff(struct cli *cli, int argc, char **argv);
int cmd_user(struct cli *cli, int argc, char **argv);
int cmd_serve(struct cli *cli, int argc, char **argv);

/* The gazetteer of every label of every concept in the KB (cmd_extract.c). */
struct gz;
struct gz *cli_load_gazetteer(struct kb *kb, struct err *err);

/* -j N (cli/jobs.c): threads for extract and discover. The default is the
 * number of online cores; a value is a number from 1 to CLI_MAX_JOBS
 * (cli_parse_jobs returns 0 otherwise). */
enum { CLI_MAX_JOBS = 256 };
int cli_default_jobs(void);
int cli_parse_jobs(const char *value);

/* Prints err as "file:line: message" and returns EXIT_INPUT. */
int cli_fail(const struct err *err);
/* Prints "glossar CMD: message" and the hint to use --help; returns EXIT_INPUT. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Opens the KB for a command that writes (creating it); prints the error and
 * returns -1 on failure. */
int cli_open_kb(struct cli *cli, struct kb **kb);
/* Opens an existing KB for a command that only reads (never creating it) and
 * says on stderr when it holds no concepts; prints the error and returns -1
 * on failure. */
int cli_open_kb_readonly(struct cli *cli, struct kb **kb);
/* True when stderr is a terminal: only then is progress shown. */
int cli_show_progress(void);
/* After getopt_long returned '?' (opterr is 0): one message saying what was
 * wrong, that option needs a value, takes none, is ambiguous, or is unknown
 * (naming the nearest known one); returns EXIT_INPUT. argv and shorts are
 * those given to getopt_long. */
struct option;
int cli_option_error(const char *cmd, char **argv, const char *shorts, const struct option *opts);
/* The name in names[0..n) nearest to word, when close enough to be a typo; else NULL. */
const char *cli_nearest(const char *word, const char *const *names, size_t n);
/* Writes help text to stdout and returns 0 (for --help). */
int cli_help(const char *text);
/* Opens -o FILE for writing (a temporary file beside it, cli/output.c), or
 * stdout when path is NULL or "-". */
FILE *cli_output(const char *path, struct err *err);
/* Closes what cli_output opened, reporting write errors (a full disk); FILE
 * is replaced only now. With err NULL (the command failed) FILE is kept as
 * it was and -1 returned. */
int cli_output_close(FILE *f, const char *path, struct err *err);

#endif
