/* cmd_export.c - glossar export --format F [-o FILE]: the whole vocabulary
 * as glossary.csv, a glossary for people (md, html, latex, docbook, mkdocs),
 * SKOS linked data (ttl, rdfxml, jsonld) or TBX-Basic. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "../exports/exports.h"
#include "cli.h"

static const char help[] =
	"usage: glossar export --format F [--base-uri URI] [-o FILE]\n"
	"\n"
	"Writes the whole vocabulary. Formats:\n"
	"  csv      glossary.csv, the round-trip format that 'glossar import' reads back\n"
	"  md, html, latex, docbook, mkdocs\n"
	"           the glossary for people, as 'glossar appendix' writes it, over every\n"
	"           concept (German dictionary order; unapproved definitions shown as\n"
	"           'Definition in Prüfung' unless --approved-only)\n"
	"  ttl, rdfxml, jsonld\n"
	"           one SKOS concept scheme (Turtle, RDF/XML, JSON-LD): the same triples\n"
	"  tbx      TBX-Basic (ISO 30042) for terminology tools\n"
	"  dot, svg the concept graph (broader edges up, related dashed) as Graphviz DOT,\n"
	"           or as SVG laid out by Graphviz; --root KEY for one subtree\n"
	"\n"
	"  -f, --format F       output format (required)\n"
	"  -o, --output FILE    write to FILE instead of stdout\n"
	"      --base-uri URI   SKOS: concept IRI = URI + key (default " SKOS_DEFAULT_BASE ")\n"
	"      --license URI    SKOS: dct:license of the scheme (default " SKOS_DEFAULT_LICENSE ")\n"
	"      --title TEXT     the title of the glossary or concept scheme\n"
	"      --approved-only  md/html/latex/docbook/mkdocs: only approved definitions\n"
	"      --root KEY       dot/svg: only KEY and its narrower concepts, transitively\n"
	"\n"
	"examples:\n"
	"  glossar export --format csv -o glossary.csv\n"
	"  glossar export --format ttl --base-uri https://daten.example.de/glossar/ -o glossar.ttl\n"
	"  glossar export --format tbx -o glossar.tbx\n"
	"  glossar export --format html --approved-only -o glossar.html\n"
	"  glossar export --format svg --root registermodernisierung -o register.svg\n";

int cmd_export(struct cli *cli, int argc, char **argv)
{
	enum { OPT_BASE = 256, OPT_LICENSE, OPT_TITLE, OPT_APPROVED, OPT_ROOT };
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "base-uri", required_argument, NULL, OPT_BASE },
		{ "license", required_argument, NULL, OPT_LICENSE },
		{ "title", required_argument, NULL, OPT_TITLE },
		{ "approved-only", no_argument, NULL, OPT_APPROVED },
		{ "root", required_argument, NULL, OPT_ROOT },
		{ NULL, 0, NULL, 0 },
	};
	const char *format = NULL, *output = NULL, *title = NULL, *root = NULL;
	struct skos_options so = { SKOS_DEFAULT_BASE, NULL, SKOS_DEFAULT_LICENSE };
	int approved_only = 0, c;
	optind = 0;
	while ((c = getopt_long(argc, argv, "hf:o:", opts, NULL)) != -1) {
		switch (c) {
		case 'h': return cli_help(help);
		case 'f': format = optarg; break;
		case 'o': output = optarg; break;
		case OPT_BASE: so.base_uri = optarg; break;
		case OPT_LICENSE: so.license = optarg; break;
		case OPT_TITLE: title = optarg; break;
		case OPT_APPROVED: approved_only = 1; break;
		case OPT_ROOT: root = optarg; break;
		default: return cli_usage_error("export", "unknown option");
		}
	}
	if (!format)
		return cli_usage_error("export", "--format is required");
	if (optind != argc)
		return cli_usage_error("export", "unexpected argument '%s'", argv[optind]);
	int gl = gl_format_parse(format);
	int skos = !strcmp(format, "ttl") ? SKOS_TTL : !strcmp(format, "rdfxml") ? SKOS_RDFXML
	         : !strcmp(format, "jsonld") ? SKOS_JSONLD : -1;
	int graph = !strcmp(format, "dot") ? 0 : !strcmp(format, "svg") ? 1 : -1;
	if (gl < 0 && skos < 0 && graph < 0 && strcmp(format, "csv") && strcmp(format, "tbx"))
		return cli_usage_error("export", "unknown format '%s'", format);
	if (root && graph < 0)
		return cli_usage_error("export", "--root is for --format dot and svg");
	if (skos >= 0 && !skos_base_is_valid(so.base_uri))
		return cli_usage_error("export", "invalid --base-uri '%s': an absolute IRI ending in '/'",
		                       so.base_uri);
	so.title = title;
	struct kb *kb;
	if (cli_open_kb(cli, &kb) < 0)
		return EXIT_INPUT;
	struct err err = { "", 0, "" };
	struct kb_vocab v;
	int rc = kb_vocab_load(kb, &v, &err);
	kb_close(kb);
	if (rc < 0)
		return cli_fail(&err);
	struct gl_list list = { NULL, 0 };
	if (gl >= 0 && gl_select(&v, NULL, 0, GL_ORDER_ALPHA, approved_only, &list, &err) < 0) {
		kb_vocab_free(&v);
		return cli_fail(&err);
	}
	struct buf pic = BUF_INIT;
	if (graph >= 0) {
		struct graph_options go = { root, 0, graph, NULL };
		if (graph_write(&pic, &v, &go, &err) < 0) {
			kb_vocab_free(&v);
			buf_free(&pic);
			return cli_fail(&err);
		}
	}
	FILE *out = cli_output(output, &err);
	if (!out) {
		gl_list_free(&list);
		kb_vocab_free(&v);
		return cli_fail(&err);
	}
	if (graph >= 0) {
		if (pic.len && fwrite(pic.data, 1, pic.len, out) != pic.len)
			rc = err_set(&err, output, 0, "cannot write");
	} else if (gl >= 0) {
		struct gl_options go = { title };
		rc = gl_write(out, &list, (enum gl_format)gl, &go, &err);
	} else if (skos >= 0) {
		rc = skos_write(out, &v, (enum skos_syntax)skos, &so, &err);
	} else if (!strcmp(format, "tbx")) {
		rc = tbx_write(out, &v, &err);
	} else {
		rc = csv_write_vocab(out, &v, &err);
	}
	if (cli_output_close(out, output, rc < 0 ? NULL : &err) < 0)
		rc = -1;
	gl_list_free(&list);
	kb_vocab_free(&v);
	buf_free(&pic);
	return rc < 0 ? cli_fail(&err) : EXIT_OK;
}
