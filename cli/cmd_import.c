/* cmd_import.c - glossar import FILE.csv */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char help[] =
	"usage: glossar import [--dry-run] FILE.csv\n"
	"\n"
	"Merges a glossary CSV (columns: key,type,pref_label,abbreviations,alt_labels,\n"
	"hidden_labels,definition,source,source_url,broader,related,status,match) into\n"
	"the knowledge base in one transaction and prints how many concepts were\n"
	"added, updated and unchanged. The whole file is checked first: on any error\n"
	"nothing is written, the error is printed as FILE:LINE: message, exit 2.\n"
	"Concepts absent from the file are kept. FILE may be - for stdin.\n"
	"\n"
	"  --dry-run   check the file, change nothing\n"
	"\n"
	"example:\n"
	"  glossar import glossary.csv\n"
	"  added 172, updated 0, unchanged 0\n";

int cmd_import(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	int dry_run = 0, c;
	optind = 0;
	while ((c = getopt_long(argc, argv, "hn", opts, NULL)) != -1) {
		if (c == 'h')
			return cli_help(help);
		if (c == 'n')
			dry_run = 1;
		else
			return cli_usage_error("import", "unknown option");
	}
	if (argc - optind != 1)
		return cli_usage_error("import", "expected one CSV file");
	const char *path = argv[optind];
	struct kb *kb;
	if (cli_open_kb(cli, &kb) < 0)
		return EXIT_INPUT;
	struct err err = { "", 0, "" };
	struct kb_import_stats stats;
	int rc = kb_import_csv(kb, path, dry_run ? NULL : &stats, &err);
	kb_close(kb);
	if (rc < 0)
		return cli_fail(&err);
	if (dry_run)
		printf("%s: ok\n", path);
	else
		printf("added %ld, updated %ld, unchanged %ld\n", stats.added, stats.updated,
		       stats.unchanged);
	return EXIT_OK;
}
