/* cmd_export.c - glossar export --format F [-o FILE]: the whole vocabulary. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "../exports/exports.h"
#include "cli.h"

static const char help[] =
	"usage: glossar export --format F [-o FILE]\n"
	"\n"
	"Writes the whole vocabulary. Formats:\n"
	"  csv     glossary.csv, the round-trip format that 'glossar import' reads back\n"
	"\n"
	"  -f, --format F   output format (required)\n"
	"  -o, --output FILE  write to FILE instead of stdout\n"
	"\n"
	"example:\n"
	"  glossar export --format csv -o glossary.csv\n";

int cmd_export(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	const char *format = NULL, *output = NULL;
	int c;
	optind = 0;
	while ((c = getopt_long(argc, argv, "hf:o:", opts, NULL)) != -1) {
		switch (c) {
		case 'h': return cli_help(help);
		case 'f': format = optarg; break;
		case 'o': output = optarg; break;
		default: return cli_usage_error("export", "unknown option");
		}
	}
	if (!format)
		return cli_usage_error("export", "--format is required");
	if (optind != argc)
		return cli_usage_error("export", "unexpected argument '%s'", argv[optind]);
	if (strcmp(format, "csv"))
		return cli_usage_error("export", "unknown format '%s'", format);
	struct kb *kb;
	if (cli_open_kb(cli, &kb) < 0)
		return EXIT_INPUT;
	struct err err = { "", 0, "" };
	struct kb_vocab v;
	int rc = kb_vocab_load(kb, &v, &err);
	kb_close(kb);
	if (rc < 0)
		return cli_fail(&err);
	FILE *out = cli_output(output, &err);
	if (!out) {
		kb_vocab_free(&v);
		return cli_fail(&err);
	}
	rc = csv_write_vocab(out, &v, &err);
	if (cli_output_close(out, output, rc < 0 ? NULL : &err) < 0)
		rc = -1;
	kb_vocab_free(&v);
	return rc < 0 ? cli_fail(&err) : EXIT_OK;
}
