/* cmd_import.c - glossar import FILE.csv, import --format tbx FILE.tbx */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "../exports/exports.h"
#include "cli.h"

/* A TBX subjectField back to its type: the German name glossar's TBX export
 * writes, the English one, or the type itself. */
static const char *subject_type(const char *subject)
{
	const struct gl_type_names *n;
	for (size_t i = 0; (n = gl_type_names_at(i)); i++)
		if (!strcmp(subject, n->de) || !strcmp(subject, n->en) || !strcmp(subject, n->type))
			return n->type;
	return NULL;
}

static const char help[] =
	"usage: glossar import [--dry-run] [--delimiter C] [--encoding ENC] FILE.csv\n"
	"       glossar import [--dry-run] --format tbx FILE.tbx\n"
	"       glossar import [--dry-run] --entities FILE.tsv\n"
	"\n"
	"Merges a glossary CSV (columns: key,type,pref_label,abbreviations,alt_labels,\n"
	"hidden_labels,definition,source,source_url,broader,related,status,match) into\n"
	"the knowledge base in one transaction and prints how many concepts were\n"
	"added, updated and unchanged. The whole file is checked first: on any error\n"
	"nothing is written, the error is printed as FILE:LINE: message, exit 2.\n"
	"Concepts absent from the file are kept. FILE may be - for stdin.\n"
	"\n"
	"  --dry-run   check the file, change nothing\n"
	"  --format F  csv (the default) or tbx: a TBX-Basic file (TBX v3) as glossar's\n"
	"              export --format tbx writes it or a terminology tool exports it;\n"
	"              new concepts come in as draft (deprecated when their preferred\n"
	"              term is), concepts the KB holds keep what TBX does not carry\n"
	"              (hidden labels, match flags, mappings, status); a DTD is refused\n"
	"  --delimiter C   the field separator: ';' for a CSV that Excel saved with\n"
	"              German settings, 'tab' for tab-separated; default ','\n"
	"  --encoding ENC  the file's encoding, e.g. windows-1252 (Excel's plain \"CSV\")\n"
	"              or UTF-16 (\"Unicode text\"); converted with iconv; default UTF-8\n"
	"  --entities  FILE.tsv holds federal laws (id<TAB>label, a header line; the id\n"
	"              is the law's slug on gesetze-im-internet.de, one row for the\n"
	"              title and one for the abbreviation); each becomes the draft\n"
	"              concept law-<slug> of type law; labels another concept shows\n"
	"              are left out, laws the KB knows already are counted as known\n"
	"\n"
	"example:\n"
	"  glossar import glossary.csv\n"
	"  added 172, updated 0, unchanged 0\n"
	"  glossar import --delimiter ';' --encoding windows-1252 excel.csv\n"
	"  glossar import --format tbx terminologie.tbx\n"
	"  glossar import --entities gazetteer-laws.tsv\n"
	"  added 6614, updated 0, unchanged 0, known 2\n";

int cmd_import(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "entities", no_argument, NULL, 'e' },
		{ "delimiter", required_argument, NULL, 'd' },
		{ "encoding", required_argument, NULL, 'E' },
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	int dry_run = 0, entities = 0, is_tbx = 0, c;
	struct kb_csv_options copts = { ',', NULL };
	optind = 0;
	while ((c = getopt_long(argc, argv, "hn", opts, NULL)) != -1) {
		if (c == 'h')
			return cli_help(help);
		if (c == 'n')
			dry_run = 1;
		else if (c == 'e')
			entities = 1;
		else if (c == 'd') {
			if (!strcmp(optarg, "tab") || !strcmp(optarg, "\\t"))
				copts.delimiter = '\t';
			else if (strlen(optarg) == 1 && optarg[0] != '"' && optarg[0] != '\n' &&
			         optarg[0] != '\r')
				copts.delimiter = optarg[0];
			else
				return cli_usage_error("import", "--delimiter takes one character (or tab), "
				                       "not '%s'", optarg);
		} else if (c == 'E')
			copts.encoding = optarg;
		else if (c == 'f') {
			if (strcmp(optarg, "csv") && strcmp(optarg, "tbx"))
				return cli_usage_error("import", "unknown format '%s' (csv, tbx)", optarg);
			is_tbx = !strcmp(optarg, "tbx");
		} else
			return cli_option_error("import", argv, "hn", opts);
	}
	if (argc - optind != 1)
		return cli_usage_error("import", entities ? "expected one TSV file"
		                                 : is_tbx ? "expected one TBX file" : "expected one CSV file");
	if ((entities || is_tbx) && (copts.delimiter != ',' || copts.encoding))
		return cli_usage_error("import", "--delimiter and --encoding are for CSV files");
	if (entities && is_tbx)
		return cli_usage_error("import", "--entities reads a TSV file, not TBX");
	const char *path = argv[optind];
	struct kb *kb;
	if (cli_open_kb(cli, &kb) < 0)
		return EXIT_INPUT;
	struct err err = { "", 0, "" };
	if (entities) {
		struct kb_entities_stats es;
		int erc = kb_import_entities(kb, path, dry_run ? NULL : &es, &err);
		kb_close(kb);
		if (erc < 0)
			return cli_fail(&err);
		if (dry_run)
			printf("%s: ok\n", path);
		else
			printf("added %ld, updated %ld, unchanged %ld, known %ld\n", es.added, es.updated,
			       es.unchanged, es.known);
		return EXIT_OK;
	}
	struct kb_import_stats stats;
	int rc = is_tbx ? kb_import_tbx(kb, path, subject_type, dry_run ? NULL : &stats, &err)
	                : kb_import_csv_opts(kb, path, &copts, dry_run ? NULL : &stats, &err);
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
