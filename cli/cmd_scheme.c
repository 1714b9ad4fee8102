/* cmd_scheme.c - the concept scheme as a whole: its metadata (glossar scheme
 * show|set), its releases (glossar release TAG) and what changed between
 * them (glossar diff [TAG1] [TAG2]). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "../exports/exports.h"
#include "cli.h"

static const char scheme_help[] =
	"usage: glossar scheme show\n"
	"       glossar scheme set FIELD VALUE [--lang en]\n"
	"\n"
	"The concept scheme's metadata, kept in the knowledge base and used by every\n"
	"export (SKOS, DCAT) and by glossar serve; a command-line option of export\n"
	"overrides it. An empty VALUE unsets the field. Fields:\n"
	"  title, description, publisher, creator   text; --lang en sets the English one\n"
	"  publisher-uri, creator-uri               the agent's IRI (http or https)\n"
	"  license                                  the licence's IRI\n"
	"  base-uri                                 concept IRI = base URI + key; ends in /\n"
	"  version                                  owl:versionInfo\n"
	"  issued                                   date of first publication, YYYY-MM-DD\n"
	"\n"
	"examples:\n"
	"  glossar scheme set title 'Glossar Verwaltungsdigitalisierung'\n"
	"  glossar scheme set title 'Glossary of public-sector digitalisation' --lang en\n"
	"  glossar scheme set base-uri https://daten.example.de/glossar/\n"
	"  glossar scheme set license https://www.govdata.de/dl-de/by-2-0\n"
	"  glossar scheme show\n";

static int print_field(const char *name, const char *lang, const char *value, void *ctx)
{
	(void)ctx;
	char label[64];
	snprintf(label, sizeof label, "%s%s%s", name, *lang ? "@" : "", lang);
	/* Values hold no control characters (kb_scheme_check), so they print as they are. */
	printf("%-18s %s\n", label, value);
	return 0;
}

int cmd_scheme(struct cli *cli, int argc, char **argv)
{
	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))
		return argc < 2 ? cli_usage_error("scheme", "show or set?") : cli_help(scheme_help);
	struct err err = { "", 0, "" };
	struct kb *kb;
	if (!strcmp(argv[1], "show")) {
		if (argc != 2)
			return cli_usage_error("scheme", "show takes no argument");
		if (cli_open_kb_readonly(cli, &kb) < 0)
			return EXIT_INPUT;
		int rc = kb_scheme_list(kb, print_field, NULL, &err);
		kb_close(kb);
		return rc < 0 ? cli_fail(&err) : EXIT_OK;
	}
	if (strcmp(argv[1], "set"))
		return cli_usage_error("scheme", "unknown subcommand '%s'", argv[1]);
	const char *lang = NULL, *args[2];
	int n = 0;
	for (int i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--lang") && i + 1 < argc)
			lang = argv[++i];
		else if (!strncmp(argv[i], "--lang=", 7))
			lang = argv[i] + 7;
		else if (argv[i][0] == '-' && argv[i][1])
			return cli_usage_error("scheme", "unknown option '%s'", argv[i]);
		else if (n < 2)
			args[n++] = argv[i];
		else
			return cli_usage_error("scheme", "set takes FIELD and VALUE");
	}
	if (n != 2)
		return cli_usage_error("scheme", "set takes FIELD and VALUE");
	if (kb_scheme_check(args[0], lang, args[1], &err) < 0)
		return cli_usage_error("scheme", "%s", err.msg);
	if (cli_open_kb(cli, &kb) < 0)
		return EXIT_INPUT;
	int rc = kb_scheme_set(kb, args[0], lang, args[1], &err);
	kb_close(kb);
	if (rc < 0)
		return cli_fail(&err);
	printf("%s%s%s: %s\n", args[0], lang && !strcmp(lang, "en") ? "@" : "",
	       lang && !strcmp(lang, "en") ? "en" : "", *args[1] ? "set" : "unset");
	return EXIT_OK;
}

static const char release_help[] =
	"usage: glossar release TAG [--note TEXT]\n"
	"       glossar release --list\n"
	"\n"
	"Records the vocabulary as it is now as release TAG (letters, digits, '.', '_',\n"
	"'-'; a tag is never reused). A release can be exported again as it was\n"
	"(glossar export --release TAG, with owl:versionIRI BASE-URI/v/TAG) and compared\n"
	"with another release or with now (glossar diff).\n"
	"\n"
	"examples:\n"
	"  glossar release 2026.1 --note 'Erste Veröffentlichung'\n"
	"  glossar release --list\n";

static int print_release(const struct kb_release *r, void *ctx)
{
	(void)ctx;
	printf("%-16s %s  %5lld concepts  %s\n", r->tag, r->created, r->n_concepts, r->note);
	return 0;
}

int cmd_release(struct cli *cli, int argc, char **argv)
{
	const char *tag = NULL, *note = "";
	int list = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return cli_help(release_help);
		else if (!strcmp(argv[i], "--list"))
			list = 1;
		else if (!strcmp(argv[i], "--note") && i + 1 < argc)
			note = argv[++i];
		else if (argv[i][0] == '-' && argv[i][1])
			return cli_usage_error("release", "unknown option '%s'", argv[i]);
		else if (!tag)
			tag = argv[i];
		else
			return cli_usage_error("release", "one TAG only");
	}
	if (list == !!tag)
		return cli_usage_error("release", list ? "--list takes no TAG" : "TAG or --list is required");
	struct err err = { "", 0, "" };
	struct kb *kb;
	if (list) {
		if (cli_open_kb_readonly(cli, &kb) < 0)
			return EXIT_INPUT;
		int n = kb_release_list(kb, print_release, NULL, &err);
		kb_close(kb);
		if (n < 0)
			return cli_fail(&err);
		if (n == 0)
			fprintf(stderr, "glossar: no release yet (glossar release TAG makes one)\n");
		return EXIT_OK;
	}
	if (!kb_release_tag_is_valid(tag))
		return cli_usage_error("release", "tag '%s': letters, digits, '.', '_' and '-', "
		                       "starting with a letter or digit, at most 64", tag);
	if (cli_open_kb(cli, &kb) < 0)
		return EXIT_INPUT;
	long n;
	int rc = kb_release_create(kb, tag, note, &n, &err);
	kb_close(kb);
	if (rc < 0)
		return cli_fail(&err);
	printf("release %s: %ld concepts\n", tag, n);
	return EXIT_OK;
}

static const char diff_help[] =
	"usage: glossar diff [TAG1 [TAG2]] [--format md|html|json] [-o FILE]\n"
	"\n"
	"What changed between two releases: new, changed (field by field, before and\n"
	"after), deprecated (with the replacement) and deleted concepts. With one TAG,\n"
	"from that release to now; with none, from the latest release to now.\n"
	"Exit status 0 also when nothing changed.\n"
	"\n"
	"examples:\n"
	"  glossar diff\n"
	"  glossar diff 2026.1 2026.2 --format html -o aenderungen.html\n";

int cmd_diff(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	const char *format = "md", *output = NULL;
	int c;
	optind = 0;
	while ((c = getopt_long(argc, argv, "hf:o:", opts, NULL)) != -1) {
		switch (c) {
		case 'h': return cli_help(diff_help);
		case 'f': format = optarg; break;
		case 'o': output = optarg; break;
		default: return cli_option_error("diff", argv, "hf:o:", opts);
		}
	}
	enum diff_format fmt = !strcmp(format, "md") ? DIFF_MD : !strcmp(format, "html") ? DIFF_HTML
	                     : !strcmp(format, "json") ? DIFF_JSON : (enum diff_format)-1;
	if ((int)fmt < 0)
		return cli_usage_error("diff", "unknown format '%s' (md, html or json)", format);
	if (argc - optind > 2)
		return cli_usage_error("diff", "at most two release tags");
	struct err err = { "", 0, "" };
	struct kb *kb;
	if (cli_open_kb_readonly(cli, &kb) < 0)
		return EXIT_INPUT;
	char latest[80];
	const char *from = optind < argc ? argv[optind] : NULL;
	const char *to = optind + 1 < argc ? argv[optind + 1] : NULL;
	int rc = 0;
	if (!from) {
		rc = kb_release_latest(kb, latest, sizeof latest, &err);
		if (rc == 0) {
			kb_close(kb);
			fprintf(stderr, "glossar diff: no release yet to compare with (glossar release TAG)\n");
			return EXIT_INPUT;
		}
		from = latest;
	}
	struct kb_vocab old, cur;
	memset(&cur, 0, sizeof cur);
	rc = rc < 0 ? -1 : kb_release_vocab(kb, from, &old, &err);
	if (rc == 0 && (to ? kb_release_vocab(kb, to, &cur, &err) : kb_vocab_load(kb, &cur, &err)) < 0) {
		kb_vocab_free(&old);
		rc = -1;
	}
	kb_close(kb);
	if (rc < 0)
		return cli_fail(&err);
	FILE *out = cli_output(output, &err);
	if (out) {
		size_t n;
		rc = diff_write(out, &old, &cur, from, to ? to : "jetzt", fmt, &n, &err);
		if (cli_output_close(out, output, rc < 0 ? NULL : &err) < 0)
			rc = -1;
	} else {
		rc = -1;
	}
	kb_vocab_free(&old);
	kb_vocab_free(&cur);
	return rc < 0 ? cli_fail(&err) : EXIT_OK;
}
