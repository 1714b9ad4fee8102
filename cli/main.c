/* main.c - glossar [--db PATH] COMMAND [options] [files]: global options and dispatch. */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
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
	"                          (md, html, latex, docbook, mkdocs)\n"
	"  export --format F       the whole vocabulary (csv, md, html, latex, docbook, mkdocs,\n"
	"                          tbx, ttl, rdfxml, jsonld, jsonld-context, dcat,\n"
	"                          solr-synonyms, elasticsearch-synonyms)\n"
	"  discover FILE...        store and list candidates: new acronyms, variants, definitions, citations\n"
	"  candidates list|accept|reject  the editors' review queue\n"
	"  term SUBCOMMAND         editors' commands: add, show, edit, alias, define, relate, status, ...\n"
	"  lint                    quality checks on the knowledge base\n"
	"  kb backup|check         backup and integrity check of the knowledge base\n"
	"  scheme show|set         the concept scheme's title, publisher, licence, base URI, ...\n"
	"  release TAG             record the vocabulary as a release\n"
	"  diff [TAG1 [TAG2]]      what changed between two releases, or since the last\n"
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
	{ "scheme", cmd_scheme },         { "release", cmd_release },
	{ "diff", cmd_diff },
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

/* Optimal string alignment distance (edits, with swapped neighbours as one):
 * "exprot" is one step from "export". Long strings count as far. */
static size_t edit_distance(const char *a, const char *b)
{
	enum { MAX = 48 };
	size_t n = strlen(a), m = strlen(b);
	if (n >= MAX || m >= MAX)
		return MAX;
	size_t d[MAX + 1][MAX + 1];
	for (size_t i = 0; i <= n; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= m; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= n; i++)
		for (size_t j = 1; j <= m; j++) {
			size_t cost = a[i - 1] != b[j - 1];
			size_t best = d[i - 1][j - 1] + cost;
			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	return d[n][m];
}

const char *cli_nearest(const char *word, const char *const *names, size_t n)
{
	const char *best = NULL;
	size_t best_d = (size_t)-1;
	for (size_t i = 0; i < n; i++) {
		size_t dist = edit_distance(word, names[i]);
		if (dist < best_d) {
			best_d = dist;
			best = names[i];
		}
	}
	/* close enough to be a typo: two edits, or a third of a long word */
	size_t len = strlen(word), limit = len > 6 ? len / 3 : 2;
	return best && best_d <= limit && best_d < len ? best : NULL;
}

int cli_option_error(const char *cmd, char **argv, const char *shorts,
                     const struct option *opts)
{
	const char *arg = optind > 0 ? argv[optind - 1] : "";
	if (!strncmp(arg, "--", 2)) {
		const char *name = arg + 2;
		size_t len = strcspn(name, "=");
		const struct option *hit = NULL;
		const char *names[64];
		size_t n_names = 0, n_prefix = 0;
		for (const struct option *o = opts; o->name; o++) {
			if (strlen(o->name) == len && !strncmp(o->name, name, len)) {
				hit = o;
				n_prefix = 1;
				break;
			}
			if (!strncmp(o->name, name, len) && len > 0) {
				hit = o;
				n_prefix++;
			}
		}
		if (hit && n_prefix == 1) {
			if (hit->has_arg == required_argument && !name[len])
				return cli_usage_error(cmd, "option '--%s' requires a value", hit->name);
			if (hit->has_arg == no_argument && name[len] == '=')
				return cli_usage_error(cmd, "option '--%s' takes no value", hit->name);
		}
		if (n_prefix > 1)
			return cli_usage_error(cmd, "option '%.*s' is ambiguous", (int)(len + 2), arg);
		for (const struct option *o = opts; o->name && n_names < 64; o++)
			names[n_names++] = o->name;
		char word[64];
		snprintf(word, sizeof word, "%.*s", (int)(len < 63 ? len : 63), name);
		const char *near = cli_nearest(word, names, n_names);
		if (near)
			return cli_usage_error(cmd, "unknown option '%.*s' (did you mean '--%s'?)",
			                       (int)(len + 2), arg, near);
		return cli_usage_error(cmd, "unknown option '%.*s'", (int)(len + 2), arg);
	}
	const char *at = optopt ? strchr(shorts, optopt) : NULL;
	if (at && at[1] == ':')
		return cli_usage_error(cmd, "option '-%c' requires a value", optopt);
	if (optopt)
		return cli_usage_error(cmd, "unknown option '-%c'", optopt);
	return cli_usage_error(cmd, "unknown option '%s'", arg);
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
	/* an empty result from an empty KB must not look like a finding */
	long long n = kb_concept_count(*kb, &err);
	if (n < 0) {
		cli_fail(&err);
		kb_close(*kb);
		*kb = NULL;
		return -1;
	}
	if (n == 0)
		fprintf(stderr, "glossar: the knowledge base %s holds no concepts yet; add some with: "
		                "glossar import glossary.csv\n", cli->db_path);
	return 0;
}

int main(int argc, char **argv)
{
	/* Past a file size limit (ulimit -f), a write fails with EFBIG and is
	 * reported, instead of the signal killing the program without a word. */
	signal(SIGXFSZ, SIG_IGN);
	struct cli cli = { getenv("GLOSSAR_DB") };
	if (!cli.db_path || !*cli.db_path)
		cli.db_path = "glossar.db";
	/* the commands say what is wrong with an option, once (see cli_option_error) */
	opterr = 0;
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--version")) {
			printf("glossar %s\n", GLOSSAR_VERSION);
			return EXIT_OK;
		} else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			return cli_help(usage);
		} else if (!strcmp(argv[i], "--db")) {
			if (i + 1 == argc) {
				fprintf(stderr, "glossar: option '--db' requires a path\n"
				                "(see 'glossar --help')\n");
				return EXIT_INPUT;
			}
			cli.db_path = argv[++i];
		} else if (!strncmp(argv[i], "--db=", 5)) {
			cli.db_path = argv[i] + 5;
		} else {
			static const char *const globals[] = { "--db", "--help", "--version" };
			const char *near = cli_nearest(argv[i], globals, 3);
			fprintf(stderr, "glossar: unknown option '%s'", argv[i]);
			if (near)
				fprintf(stderr, " (did you mean '%s'?)", near);
			fputs("\n(see 'glossar --help')\n", stderr);
			return EXIT_INPUT;
		}
		/* SQLite would open an empty name as a private temporary database and
		 * lose everything written to it */
		if (!*cli.db_path) {
			fprintf(stderr, "glossar: option '--db' requires a path; an empty one names no file\n");
			return EXIT_INPUT;
		}
	}
	if (i == argc) {
		fputs(usage, stderr);
		return EXIT_INPUT;
	}
	const char *names[sizeof commands / sizeof commands[0]];
	for (size_t c = 0; c < sizeof commands / sizeof commands[0]; c++) {
		names[c] = commands[c].name;
		if (!strcmp(argv[i], commands[c].name)) {
			int rc = commands[c].run(&cli, argc - i, argv + i);
			if (fflush(stdout) != 0 && rc == EXIT_OK) {
				fprintf(stderr, "glossar: cannot write the output: %s\n", strerror(errno));
				rc = EXIT_INPUT;
			}
			return rc;
		}
	}
	const char *near = cli_nearest(argv[i], names, sizeof names / sizeof names[0]);
	fprintf(stderr, "glossar: unknown command '%s'", argv[i]);
	if (near)
		fprintf(stderr, " (did you mean '%s'?)", near);
	fputs("\n(see 'glossar --help' for the commands)\n", stderr);
	return EXIT_INPUT;
}
