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
	"  md, html, latex, docbook, mkdocs, docx, odt, asciidoc, rst\n"
	"           the glossary for people, as 'glossar appendix' writes it, over every\n"
	"           concept (German dictionary order; unapproved definitions shown as\n"
	"           'Definition in Prüfung' unless --approved-only)\n"
	"  ttl, rdfxml, jsonld\n"
	"           one SKOS concept scheme (Turtle, RDF/XML, JSON-LD): the same triples\n"
	"  dcat     the DCAT-AP dataset description alone (Turtle), for data catalogues\n"
	"  jsonld-context\n"
	"           the @context of the compact JSON-LD alone, to publish at\n"
	"           BASE-URI/context.jsonld\n"
	"  tbx      TBX-Basic (ISO 30042) for terminology tools\n"
	"  solr-synonyms, elasticsearch-synonyms\n"
	"           every concept's names as one synonym rule: Solr synonyms.txt, or\n"
	"           the body of Elasticsearch's PUT _synonyms/SET\n"
	"  dot, svg the concept graph (broader edges up, related dashed) as Graphviz DOT,\n"
	"           or as SVG laid out by Graphviz; --root KEY for one subtree\n"
	"\n"
	"  -f, --format F       output format (required)\n"
	"  -o, --output FILE    write to FILE instead of stdout; FILE is replaced only when\n"
	"                       the whole export was written\n"
	"      --base-uri URI   SKOS: concept IRI = URI + key, an http(s) IRI ending in '/'\n"
	"                       (default: 'glossar scheme set base-uri', else\n"
	"                       " SKOS_DEFAULT_BASE ")\n"
	"      --license URI    SKOS: dct:license of the scheme, an http(s) IRI (default:\n"
	"                       the scheme's, else " SKOS_DEFAULT_LICENSE ")\n"
	"      --dcat           ttl, rdfxml, jsonld: add the DCAT-AP dataset description\n"
	"      --release TAG    the vocabulary as release TAG recorded it (glossar release)\n"
	"      --title TEXT     the title of the glossary or concept scheme\n"
	"      --jsonld expanded|compact\n"
	"                       jsonld: full IRIs and no context (default), or short\n"
	"                       terms under an inline @context; the same triples\n"
	"      --md-style deflist|table|headings\n"
	"                       md: the form of the glossary (default: deflist)\n"
	"      --lang de|en     md, html, latex, docbook, mkdocs, docx, odt, asciidoc,\n"
	"                       rst: the glossary's language, English labels and\n"
	"                       definitions where concepts have them (default: de)\n"
	"      --approved-only  only concepts with status approved and a definition, in\n"
	"                       every format; links to the others are left out\n"
	"      --root KEY       dot/svg: only KEY and its narrower concepts, transitively\n"
	"\n"
	"examples:\n"
	"  glossar export --format csv -o glossary.csv\n"
	"  glossar export --format ttl --base-uri https://daten.example.de/glossar/ -o glossar.ttl\n"
	"  glossar export --format tbx -o glossar.tbx\n"
	"  glossar export --format solr-synonyms -o synonyms.txt\n"
	"  glossar export --format html --approved-only -o glossar.html\n"
	"  glossar export --format svg --root registermodernisierung -o register.svg\n";

int cmd_export(struct cli *cli, int argc, char **argv)
{
	enum { OPT_BASE = 256, OPT_LICENSE, OPT_TITLE, OPT_APPROVED, OPT_JSONLD, OPT_DCAT, OPT_RELEASE,
	       OPT_MD_STYLE, OPT_ROOT, OPT_LANG };
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "base-uri", required_argument, NULL, OPT_BASE },
		{ "license", required_argument, NULL, OPT_LICENSE },
		{ "title", required_argument, NULL, OPT_TITLE },
		{ "md-style", required_argument, NULL, OPT_MD_STYLE },
		{ "approved-only", no_argument, NULL, OPT_APPROVED },
		{ "jsonld", required_argument, NULL, OPT_JSONLD },
		{ "dcat", no_argument, NULL, OPT_DCAT },
		{ "release", required_argument, NULL, OPT_RELEASE },
		{ "root", required_argument, NULL, OPT_ROOT },
		{ "lang", required_argument, NULL, OPT_LANG },
		{ NULL, 0, NULL, 0 },
	};
	const char *format = NULL, *output = NULL, *title = NULL, *jsonld = "expanded", *root = NULL;
	struct skos_options so;
	memset(&so, 0, sizeof so);
	int approved_only = 0, c;
	int md_style = GL_MD_DEFLIST, lang = -1;
	optind = 0;
	while ((c = getopt_long(argc, argv, "hf:o:", opts, NULL)) != -1) {
		switch (c) {
		case 'h': return cli_help(help);
		case 'f': format = optarg; break;
		case 'o': output = optarg; break;
		case OPT_BASE: so.base_uri = optarg; break;
		case OPT_LICENSE: so.license = optarg; break;
		case OPT_TITLE: title = optarg; break;
		case OPT_MD_STYLE:
			if ((md_style = gl_md_style_parse(optarg)) < 0)
				return cli_usage_error("export", "unknown --md-style '%s' (deflist, table, headings)",
				                       optarg);
			break;
		case OPT_APPROVED: approved_only = 1; break;
		case OPT_JSONLD: jsonld = optarg; break;
		case OPT_DCAT: so.with_dcat = 1; break;
		case OPT_RELEASE: so.release = optarg; break;
		case OPT_ROOT: root = optarg; break;
		case OPT_LANG:
			if ((lang = gl_lang_parse(optarg)) < 0)
				return cli_usage_error("export", "unknown --lang '%s' (de, en)", optarg);
			break;
		default: return cli_option_error("export", argv, "hf:o:", opts);
		}
	}
	if (!format)
		return cli_usage_error("export", "--format is required");
	if (optind != argc)
		return cli_usage_error("export", "unexpected argument '%s'", argv[optind]);
	int gl = gl_format_parse(format);
	int skos = !strcmp(format, "ttl") ? SKOS_TTL : !strcmp(format, "rdfxml") ? SKOS_RDFXML
	         : !strcmp(format, "jsonld") ? SKOS_JSONLD
	         : !strcmp(format, "jsonld-context") ? SKOS_JSONLD_CONTEXT
	         : !strcmp(format, "dcat") ? SKOS_DCAT : -1;
	if (strcmp(jsonld, "expanded") && strcmp(jsonld, "compact"))
		return cli_usage_error("export", "--jsonld is expanded or compact, not '%s'", jsonld);
	if (skos == SKOS_JSONLD && !strcmp(jsonld, "compact"))
		skos = SKOS_JSONLD_COMPACT;
	int syn = !strcmp(format, "solr-synonyms") ? SYN_SOLR
	        : !strcmp(format, "elasticsearch-synonyms") ? SYN_ES : -1;
	int graph = !strcmp(format, "dot") ? 0 : !strcmp(format, "svg") ? 1 : -1;
	if (gl < 0 && skos < 0 && syn < 0 && graph < 0 && strcmp(format, "csv") && strcmp(format, "tbx"))
		return cli_usage_error("export", "unknown format '%s'", format);
	if (root && graph < 0)
		return cli_usage_error("export", "--root is for --format dot and svg");
	/* Linked data carries both languages at once; the choice is for people's glossaries. */
	if (lang >= 0 && gl < 0)
		return cli_usage_error("export", "--lang is for the glossary formats (md, html, latex, "
		                       "docbook, mkdocs, docx, odt, asciidoc, rst)");
	if (lang < 0)
		lang = GL_LANG_DE;
	/* Checked whatever the format, so a bad value never goes unnoticed. */
	if (so.base_uri && !skos_base_is_valid(so.base_uri))
		return cli_usage_error("export", "invalid --base-uri '%s': an absolute http(s) IRI ending in '/'",
		                       so.base_uri);
	if (so.license && !skos_iri_is_valid(so.license))
		return cli_usage_error("export", "invalid --license '%s': an absolute http(s) IRI",
		                       so.license);
	so.title = title;
	struct kb *kb;
	if (cli_open_kb_readonly(cli, &kb) < 0)
		return EXIT_INPUT;
	struct err err = { "", 0, "" };
	struct kb_vocab v;
	struct kb_scheme scheme;
	int rc = kb_scheme_load(kb, &scheme, &err);
	if (rc == 0) {
		rc = so.release ? kb_release_vocab(kb, so.release, &v, &err) : kb_vocab_load(kb, &v, &err);
		if (rc < 0)
			kb_scheme_free(&scheme);
	}
	kb_close(kb);
	if (rc < 0)
		return cli_fail(&err);
	/* The scheme's metadata, where the command line gives none; then the defaults. */
	skos_options_from_scheme(&so, &scheme);
	if (!so.base_uri)
		so.base_uri = SKOS_DEFAULT_BASE;
	if (!so.license)
		so.license = SKOS_DEFAULT_LICENSE;
	if (!title)
		title = lang == GL_LANG_EN && scheme.title_en && scheme.title_en[0] ? scheme.title_en
		                                                                    : so.title;
	/* --approved-only: every format writes from the same view. */
	struct kb_vocab view = { NULL, 0 };
	const struct kb_vocab *vocab = &v;
	if (approved_only) {
		rc = vocab_view_approved(&v, &view, &err);
		vocab = &view;
	}
	struct gl_list list = { NULL, 0, (enum gl_lang)lang };
	if (rc == 0 && gl >= 0)
		rc = gl_select(vocab, NULL, 0, GL_ORDER_ALPHA, 0, (enum gl_lang)lang, &list, &err);
	struct buf pic = BUF_INIT;
	if (rc == 0 && graph >= 0) {
		struct graph_options gro = { root, 0, graph, NULL };
		rc = graph_write(&pic, vocab, &gro, &err);
	}
	FILE *out = NULL;
	if (rc == 0 && !(out = cli_output(output, &err)))
		rc = -1;
	struct gl_options go = { title, (enum gl_md_style)md_style };
	if (rc == 0 && graph >= 0)
		rc = pic.len && fwrite(pic.data, 1, pic.len, out) != pic.len ? -1 : 0;
	else if (rc == 0)
		rc = gl >= 0                   ? gl_write(out, &list, (enum gl_format)gl, &go, &err)
		     : skos >= 0               ? skos_write(out, vocab, (enum skos_syntax)skos, &so, &err)
		     : syn >= 0                ? synonyms_write(out, vocab, (enum synonyms_format)syn, 0, &err)
		     : !strcmp(format, "tbx") ? tbx_write(out, vocab, &err)
		                              : csv_write_vocab(out, vocab, &err);
	if (out && cli_output_close(out, output, rc < 0 && !ferror(out) ? NULL : &err) < 0)
		rc = -1;
	gl_list_free(&list);
	vocab_view_free(&view);
	kb_vocab_free(&v);
	kb_scheme_free(&scheme);
	buf_free(&pic);
	return rc < 0 ? cli_fail(&err) : EXIT_OK;
}
