/* cmd_appendix.c - glossar appendix --format F FILE...: the glossary
 * appendix for the concepts the files mention, through the extractor
 * (ex_extract_path) and the shared glossary walk of exports/. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "../exports/exports.h"
#include "../extract/extract.h"
#include "cli.h"

static const char help[] =
	"usage: glossar appendix --format F [options] FILE...\n"
	"\n"
	"Writes the glossary appendix for the concepts that the files mention\n"
	"(stdin when no FILE or '-'): preferred label, abbreviations, definition and\n"
	"source with its link. Concepts without an approved definition are listed on\n"
	"stderr and shown as 'Definition in Prüfung'.\n"
	"\n"
	"When they mention no concept, the appendix is empty (exit 1); a file that\n"
	"cannot be read is reported and the appendix covers the others (exit 2).\n"
	"\n"
	"Formats:\n"
	"  md       Markdown: a definition list (Pandoc, PHP Markdown Extra, MkDocs\n"
	"           def_list), or --md-style table|headings\n"
	"  html     a standalone HTML page with schema.org DefinedTermSet JSON-LD\n"
	"  latex    a glossary for the glossaries package, to \\input before\n"
	"           \\makeglossaries (docs/appendix.md has a complete document)\n"
	"  docbook  a DocBook 5 <glossary>\n"
	"  mkdocs   abbreviation lines for Python-Markdown's abbr extension\n"
	"  docx     a Word document (Office Open XML; binary, use -o)\n"
	"  odt      a Writer document (OpenDocument Text; binary, use -o)\n"
	"  asciidoc an AsciiDoc [glossary] section (Asciidoctor)\n"
	"  rst      a Sphinx glossary:: directive, ready for :term: references\n"
	"\n"
	"  -f, --format F        output format (required)\n"
	"  -o, --output FILE     write to FILE instead of stdout\n"
	"      --order alpha|first-use\n"
	"                        German dictionary order, DIN 5007-1 (default), or the\n"
	"                        order in which the files first mention the concepts\n"
	"      --approved-only   leave out concepts without an approved definition\n"
	"      --strict          exit 1 when a mentioned concept lacks an approved definition\n"
	"      --fuzzy           also find speech-recognition variants (passed to the extractor)\n"
	"      --title TEXT      the heading (default: Glossar, in English Glossary)\n"
	"      --lang de|en      the glossary's language: its words, and the English\n"
	"                        labels and definitions where concepts have them\n"
	"                        (else the German ones, marked as German); default de\n"
	"      --md-style deflist|table|headings\n"
	"                        the form of the Markdown appendix (default: deflist)\n"
	"      --first-use       say where the files first use each concept: page (PDF),\n"
	"                        section (heading path) or line, and the file when several\n"
	"\n"
	"examples:\n"
	"  glossar appendix --format latex -o glossar.tex bericht.md\n"
	"  glossar appendix --format html --order first-use --approved-only bericht.md\n"
	"  glossar appendix --format mkdocs docs/*.md >includes/abbreviations.md\n"
	"  glossar appendix --format docx --first-use -o glossar.docx bericht.docx\n"
	"  glossar appendix --format odt -o glossar.odt bericht.pdf\n"
	"  glossar appendix --format html --lang en -o glossary.html report.md\n";

/* The concepts mentioned, each once, in the order of first use, with where
 * that first use is ("Seite 3, Abschnitt Einleitung"). */
struct seen {
	struct strv keys;
	struct strv where;
	int many_files;
	int en; /* the words in English */
};

static int collect(const struct ex_mention *m, void *ctx)
{
	struct seen *s = ctx;
	if (strv_contains(&s->keys, m->concept))
		return 0;
	char where[1024];
	int n = 0;
	const char *doc = strcmp(m->doc, "-") ? m->doc : "stdin";
	const char *base = strrchr(doc, '/') ? strrchr(doc, '/') + 1 : doc;
	if (s->many_files)
		n = snprintf(where, sizeof where, "%s, ", base);
	if (m->page)
		n += snprintf(where + n, sizeof where - (size_t)n, "%s %ld", s->en ? "page" : "Seite",
		              m->page);
	if (m->section)
		n += snprintf(where + n, sizeof where - (size_t)n, "%s%s %s", m->page ? ", " : "",
		              s->en ? "section" : "Abschnitt", m->section);
	if (!m->page && !m->section)
		snprintf(where + n, sizeof where - (size_t)n, "%s %ld", s->en ? "line" : "Zeile", m->line);
	return strv_push(&s->keys, m->concept) < 0 || strv_push(&s->where, where) < 0;
}

int cmd_appendix(struct cli *cli, int argc, char **argv)
{
	enum { OPT_ORDER = 256, OPT_APPROVED, OPT_STRICT, OPT_FUZZY, OPT_TITLE, OPT_MD_STYLE, OPT_FIRST_USE,
	       OPT_LANG };
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "order", required_argument, NULL, OPT_ORDER },
		{ "approved-only", no_argument, NULL, OPT_APPROVED },
		{ "strict", no_argument, NULL, OPT_STRICT },
		{ "fuzzy", no_argument, NULL, OPT_FUZZY },
		{ "title", required_argument, NULL, OPT_TITLE },
		{ "md-style", required_argument, NULL, OPT_MD_STYLE },
		{ "first-use", no_argument, NULL, OPT_FIRST_USE },
		{ "lang", required_argument, NULL, OPT_LANG },
		{ NULL, 0, NULL, 0 },
	};
	const char *format = NULL, *output = NULL, *title = NULL;
	enum gl_order order = GL_ORDER_ALPHA;
	int approved_only = 0, strict = 0, first_use = 0, c;
	int md_style = GL_MD_DEFLIST, lang = GL_LANG_DE;
	int warnings = 0;
	struct ex_options xo = { 0 };
	xo.warnings = &warnings;
	optind = 0;
	while ((c = getopt_long(argc, argv, "hf:o:", opts, NULL)) != -1) {
		switch (c) {
		case 'h': return cli_help(help);
		case 'f': format = optarg; break;
		case 'o': output = optarg; break;
		case OPT_ORDER:
			if (!strcmp(optarg, "alpha"))
				order = GL_ORDER_ALPHA;
			else if (!strcmp(optarg, "first-use"))
				order = GL_ORDER_FIRST_USE;
			else
				return cli_usage_error("appendix", "unknown order '%s' (alpha, first-use)", optarg);
			break;
		case OPT_APPROVED: approved_only = 1; break;
		case OPT_STRICT: strict = 1; break;
		case OPT_FUZZY: xo.fuzzy = 1; break;
		case OPT_TITLE: title = optarg; break;
		case OPT_MD_STYLE:
			if ((md_style = gl_md_style_parse(optarg)) < 0)
				return cli_usage_error("appendix", "unknown --md-style '%s' (deflist, table, headings)",
				                       optarg);
			break;
		case OPT_FIRST_USE: first_use = 1; break;
		case OPT_LANG:
			if ((lang = gl_lang_parse(optarg)) < 0)
				return cli_usage_error("appendix", "unknown --lang '%s' (de, en)", optarg);
			break;
		default: return cli_option_error("appendix", argv, "hf:o:", opts);
		}
	}
	if (!format)
		return cli_usage_error("appendix", "--format is required");
	int fmt = gl_format_parse(format);
	if (fmt < 0)
		return cli_usage_error("appendix", "unknown format '%s' (md, html, latex, docbook, mkdocs, docx, odt, asciidoc, rst)",
		                       format);

	struct kb *kb;
	if (cli_open_kb_readonly(cli, &kb) < 0)
		return EXIT_INPUT;
	struct err err = { "", 0, "" };
	struct kb_vocab v = { NULL, 0 };
	struct seen seen = { { NULL, 0 }, { NULL, 0 }, 0, lang == GL_LANG_EN };
	struct strv keys = { NULL, 0 }; /* seen.keys once the files are read */
	struct gl_list list = { NULL, 0, (enum gl_lang)lang };
	struct gz *gz = NULL;
	FILE *out = NULL;
	int rc = kb_vocab_load(kb, &v, &err);
	if (rc == 0 && !(gz = cli_load_gazetteer(kb, &err)))
		rc = -1;
	kb_close(kb);
	static char *const stdin_only[] = { "-", NULL };
	char *const *files = optind < argc ? argv + optind : stdin_only;
	/* A file that cannot be read is reported and skipped: the appendix
	 * covers the others (exit 2). With none readable, nothing is written. */
	int n_read = 0, n_unread = 0;
	seen.many_files = files[0] && files[1];
	for (size_t i = 0; rc == 0 && files[i]; i++) {
		struct err ferr = { "", 0, "" };
		if (ex_extract_path(gz, files[i], &xo, collect, &seen, &ferr) < 0) {
			cli_fail(&ferr);
			n_unread++;
		} else {
			n_read++;
		}
	}
	keys = seen.keys;
	/* No key: an empty list (gl_select reads NULL keys as "every concept"). */
	if (rc == 0 && keys.n)
		rc = gl_select(&v, (const char *const *)keys.v, keys.n, order, approved_only,
		               (enum gl_lang)lang, &list, &err);
	/* where each entry is first used: the list holds the concepts of keys */
	for (size_t i = 0; rc == 0 && first_use && i < list.n; i++)
		for (size_t j = 0; j < keys.n; j++)
			if (!strcmp(keys.v[j], list.items[i].concept->key)) {
				list.items[i].first_use = seen.where.v[j];
				break;
			}

	/* Editors see what still needs review, whether it is shown or left out. */
	size_t n_pending = 0;
	for (size_t i = 0; rc == 0 && i < keys.n; i++) {
		const struct kb_concept *k = kb_vocab_find(&v, keys.v[i]);
		if (k && !gl_is_approved(k)) {
			if (n_pending++ == 0)
				fprintf(stderr, "glossar appendix: no approved definition%s:\n",
				        approved_only ? " (left out)" : " (shown as awaiting review)");
			fprintf(stderr, "  %s (%s, %s)\n", k->key, k->pref_label, k->status);
		}
	}
	if (rc == 0 && n_read && keys.n == 0)
		fprintf(stderr, "glossar appendix: the files mention no concept of the knowledge base\n");
	if (rc == 0 && n_read && !(out = cli_output(output, &err)))
		rc = -1;
	if (rc == 0 && out) {
		struct gl_options go = { title, (enum gl_md_style)md_style };
		rc = gl_write(out, &list, (enum gl_format)fmt, &go, &err);
	}
	if (out && cli_output_close(out, output, rc < 0 && !ferror(out) ? NULL : &err) < 0)
		rc = -1;
	size_t n_mentioned = keys.n;
	gl_list_free(&list);
	strv_free(&keys);
	strv_free(&seen.where);
	gz_free(gz);
	kb_vocab_free(&v);
	if (rc < 0)
		return cli_fail(&err);
	if (warnings || n_unread) /* bad input was reported and skipped; the appendix covers the rest */
		return EXIT_INPUT;
	if (n_mentioned == 0) /* an empty appendix: nothing was found where something was required */
		return EXIT_CHECK;
	return strict && n_pending ? EXIT_CHECK : EXIT_OK;
}
