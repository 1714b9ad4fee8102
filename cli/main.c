/* main.c - glossar [--db PATH] COMMAND [options] [files]: global options and dispatch. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const char usage[] =
	"usage: glossar [--db PATH] COMMAND [options] [files]\n"
	"\n"
	"Glossaries and an entity knowledge base for German public-sector digitalisation.\n"
	"\n"
	"commands:\n"
	"  import FILE.csv         merge a glossary CSV into the knowledge base\n"
	"  extract [FILE...]       every mention of every concept, as JSON Lines or TSV\n"
	"  compile -o FILE         write the gazetteer for extract --gazetteer\n"
	"  appendix --format F FILE...  the glossary appendix for the concepts the files mention\n"
	"  export --format F       the whole vocabulary (csv, md, html, latex, tbx, ttl, rdfxml, jsonld)\n"
	"  discover FILE...        store and list candidates: new acronyms, variants, definitions, citations\n"
	"  candidates list|accept|reject  the editors' review queue\n"
	"  term SUBCOMMAND         editors' commands: add, show, edit, alias, define, relate, status, ...\n"
	"  lint                    quality checks on the knowledge base\n"
	"  kb backup|check         backup and integrity check of the knowledge base\n"
	"  user add|list|passwd|disable  accounts for editing in the browser\n"
	"  serve                   the read-only HTTP server: concept pages, search, Skosmos API\n"
	"\n"
	"options:\n"
	"  --db PATH   the knowledge base (default: $GLOSSAR_DB, else ./glossar.db)\n"
	"  --version   print the version\n"
	"  --help      this text; COMMAND --help for each command\n"
	"\n"
	"exit status: 0 success, 1 a check failed or nothing was found, 2 bad usage or input\n";

static const struct {
	const char *name;
	int (*run)(struct cli *, int, char **);
} commands[] = {
	{ "import", cmd_import },         { "extract", cmd_extract },
	{ "compile", cmd_compile },       { "appendix", cmd_appendix },
	{ "export", cmd_export },         { "discover", cmd_discover },
	{ "candidates", cmd_candidates }, { "term", cmd_term },
	{ "lint", cmd_lint },             { "kb", cmd_kb },
	{ "user", cmd_user },
	{ "serve", cmd_serve },
};

int cli_fail(const struct err *err)
{
	err_print(err, stderr);
	return EXIT_INPUT;
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "glossar %s: ", cmd);
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n(see 'glossar %s --help')\n", cmd);
	va_end(ap);
	return EXIT_INPUT;
}

int cli_help(const char *text)
{
	fputs(text, stdout);
	return EXIT_OK;
}

int cli_show_progress(void)
{
	return isatty(STDERR_FILENO);
}

int cli_open_kb(struct cli *cli, struct kb **kb)
{
	struct err err = { "", 0, "" };
	if (kb_open(kb, cli->db_path, &err) < 0) {
		cli_fail(&err);
		return -1;
	}
	return 0;
}

int cli_open_kb_readonly(struct cli *cli, struct kb **kb)
{
	struct err err = { "", 0, "" };
	if (kb_open_readonly(kb, cli->db_path, &err) < 0) {
		cli_fail(&err);
		return -1;
	}
	return 0;
}

FILE *cli_output(const char *path, struct err *err)
{
	if (!path || !strcmp(path, "-"))
		return stdout;
	FILE *f = fopen(path, "wb");
	if (!f)
		err_set(err, path, 0, "cannot write: %s", strerror(errno));
	return f;
}

int cli_output_close(FILE *f, const char *path, struct err *err)
{
	int bad = fflush(f) != 0 || ferror(f);
	int saved = errno;
	if (f != stdout)
		bad |= fclose(f) != 0;
	if (bad)
		return err_set(err, path && strcmp(path, "-") ? path : "<stdout>", 0,
		               "cannot write: %s", strerror(saved ? saved : EIO));
	return 0;
}

int main(int argc, char **argv)
{
	struct cli cli = { getenv("GLOSSAR_DB") };
	if (!cli.db_path || !*cli.db_path)
		cli.db_path = "glossar.db";
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--version")) {
			printf("glossar %s\n", GLOSSAR_VERSION);
			return EXIT_OK;
		} else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			return cli_help(usage);
		} else if (!strcmp(argv[i], "--db") && i + 1 < argc) {
			cli.db_path = argv[++i];
		} else if (!strncmp(argv[i], "--db=", 5)) {
			cli.db_path = argv[i] + 5;
		} else {
			fprintf(stderr, "glossar: unknown option '%s'\n%s", argv[i], usage);
			return EXIT_INPUT;
		}
	}
	if (i == argc) {
		fputs(usage, stderr);
		return EXIT_INPUT;
	}
	for (size_t c = 0; c < sizeof commands / sizeof commands[0]; c++)
		if (!strcmp(argv[i], commands[c].name)) {
			int rc = commands[c].run(&cli, argc - i, argv + i);
			if (fflush(stdout) != 0 && rc == EXIT_OK) {
				fprintf(stderr, "glossar: cannot write the output: %s\n", strerror(errno));
				rc = EXIT_INPUT;
			}
			return rc;
		}
	fprintf(stderr, "glossar: unknown command '%s'\n%s", argv[i], usage);
	return EXIT_INPUT;
}
