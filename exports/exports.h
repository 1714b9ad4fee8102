/* exports.h - writers of the vocabulary and of glossary appendices.
 * Exports read the knowledge base's vocabulary; they never call the extractor.
 *
 * Human-readable glossaries (appendix and export in md, html, latex, docbook,
 * mkdocs) share one walk: gl_select picks and sorts the concepts, gl_write
 * walks them and each format supplies only how to write its parts.
 * Linked data (SKOS in ttl, rdfxml, jsonld) is one graph built once and
 * serialised three ways; TBX-Basic and CSV have writers of their own. */
#ifndef GLOSSAR_EXPORTS_H
#define GLOSSAR_EXPORTS_H

#include <stdio.h>

#include "../common/buf.h"
#include "../common/err.h"
#include "../kb/kb.h"

/* glossary.csv (DESIGN.md): the round-trip format read by kb_import_csv.
 * Deterministic: concepts sorted by key, fields quoted only where needed. */
int csv_write_vocab(FILE *out, const struct kb_vocab *v, struct err *err);

/* A view of v with only the concepts that gl_is_approved accepts, in v's
 * order; their broader, related and replaced_by keep only keys inside the
 * view. Strings are borrowed from v: free the view (vocab_view_free) before v. */
int vocab_view_approved(const struct kb_vocab *v, struct kb_vocab *view, struct err *err);
void vocab_view_free(struct kb_vocab *view);

/* ---- glossaries for people ---- */

enum gl_order {
	GL_ORDER_ALPHA,     /* German dictionary order, DIN 5007-1 */
	GL_ORDER_FIRST_USE, /* the order of the keys as given */
};

/* The language of a glossary for people: its headings and notes, and the
 * labels and definitions it shows (docs/appendix.md, "Languages"). */
enum gl_lang { GL_LANG_DE, GL_LANG_EN };

/* Parses "de" or "en"; -1 when unknown. */
int gl_lang_parse(const char *name);

/* The BCP 47 tag of lang: "de" or "en". */
const char *gl_lang_tag(enum gl_lang lang);

struct gl_entry {
	const struct kb_concept *concept;
	int has_approved_definition; /* status approved and a definition */
	/* What the glossary shows, in its language where the concept has it, else
	 * in German; the tags say which ("de" or "en"). */
	const char *label, *label_lang;
	const char *definition, *definition_lang; /* NULL when none is approved */
	const char *replaced_by_label; /* deprecated: the replacing concept's label, or NULL */
	const char *first_use; /* where the documents first mention it ("Seite 3, Abschnitt
	                        * Einleitung"), set by the caller for --first-use, else NULL */
};

struct gl_list {
	struct gl_entry *items;
	size_t n;
	enum gl_lang lang;
};

/* True when c's definition may be shown: status approved, definition not empty. */
int gl_is_approved(const struct kb_concept *c);

/* Selects concepts from v: the n_keys keys given (in first-use order; unknown
 * keys are skipped), or every concept when keys is NULL. approved_only drops
 * those without an approved definition. Labels and definitions in lang,
 * sorted by order (alphabetically by the label shown). */
int gl_select(const struct kb_vocab *v, const char *const *keys, size_t n_keys,
              enum gl_order order, int approved_only, enum gl_lang lang, struct gl_list *out,
              struct err *err);
void gl_list_free(struct gl_list *l);

/* DIN 5007-1 comparison of two labels: case-insensitive, ä as a, ö as o,
 * ü as u, ß as ss, other accents ignored; ties broken by the labels' bytes. */
int gl_collate(const char *a, const char *b);

enum gl_format { GL_MD, GL_HTML, GL_LATEX, GL_DOCBOOK, GL_MKDOCS, GL_DOCX, GL_ODT,
	GL_ASCIIDOC, GL_RST };

/* Parses "md", "html", "latex", "docbook", "mkdocs", "docx", "odt", "asciidoc",
 * "rst"; -1 when unknown. docx and odt are zip containers (binary). */
int gl_format_parse(const char *name);

/* The form of the Markdown glossary (docs/appendix.md). */
enum gl_md_style {
	GL_MD_DEFLIST,  /* "Term\n:   Definition": Pandoc, PHP Markdown Extra, def_list */
	GL_MD_TABLE,    /* a pipe table (GFM) */
	GL_MD_HEADINGS, /* a "##" heading per entry */
};

/* Parses "deflist", "table", "headings"; -1 when unknown. */
int gl_md_style_parse(const char *name);

struct gl_options {
	const char *title; /* the glossary's heading, "Glossar" ("Glossary") when NULL */
	enum gl_md_style md_style;
};

/* Writes the entries of l in format f. Concepts without an approved
 * definition appear as awaiting review ("Definition in Prüfung"). */
int gl_write(FILE *out, const struct gl_list *l, enum gl_format f,
             const struct gl_options *opt, struct err *err);

/* The names of a concept type (kb_types): its class in the linked-data
 * class vocabulary, German and English, singular and plural. */
struct gl_type_names {
	const char *type, *class_local, *de, *en, *de_plural, *en_plural;
};
/* NULL for a type the table does not know. */
const struct gl_type_names *gl_type_names(const char *type);
/* The i-th entry, in the order of kb_types; NULL past the last. */
const struct gl_type_names *gl_type_names_at(size_t i);

/* ---- linked data ---- */

#define SKOS_DEFAULT_BASE "https://example.org/glossar/"
#define SKOS_DEFAULT_LICENSE "https://creativecommons.org/licenses/by/4.0/"

/* JSON-LD: expanded (full IRIs, no context), compact (a @context naming
 * every term, @base the base URI), or the @context document alone. */
enum skos_syntax { SKOS_TTL, SKOS_RDFXML, SKOS_JSONLD, SKOS_JSONLD_COMPACT, SKOS_JSONLD_CONTEXT,
                   SKOS_DCAT /* the DCAT-AP dataset description alone, as Turtle */ };

struct skos_options {
	const char *base_uri; /* concept IRI = base_uri + key; the scheme is base_uri */
	const char *title;    /* dct:title of the scheme */
	const char *license;  /* dct:license of the scheme */
	/* The scheme's metadata (glossar scheme set); NULL leaves a triple out. */
	const char *title_en, *description, *description_en;
	const char *publisher, *publisher_en, *publisher_uri; /* an agent needs its IRI */
	const char *creator, *creator_en, *creator_uri;
	const char *version; /* owl:versionInfo */
	const char *issued;  /* dct:issued, YYYY-MM-DD */
	const char *release; /* a release's tag: owl:versionIRI base + "v/" + tag */
	int with_dcat;       /* add the DCAT-AP dataset description */
};

/* Fills the metadata fields of o from the knowledge base's scheme metadata
 * where o leaves them NULL (command-line options win). */
void skos_options_from_scheme(struct skos_options *o, const struct kb_scheme *s);

/* True when iri is an absolute http(s) IRI with a host and without spaces
 * or characters IRIs forbid (for --license). */
int skos_iri_is_valid(const char *iri);
/* True when base is such an IRI usable as a namespace: ending in '/'. */
int skos_base_is_valid(const char *base);

/* The vocabulary as one SKOS concept scheme in the given syntax; the three
 * syntaxes carry the same triples. */
int skos_write(FILE *out, const struct kb_vocab *v, enum skos_syntax syntax,
               const struct skos_options *opt, struct err *err);

/* The SKOS graph built once and written many times (glossar serve): the
 * whole scheme, or only the triples whose subject is one IRI (a concept's
 * page), which is then exactly that concept's part of the whole export. */
struct skos_graph;
struct skos_graph *skos_graph_new(const struct kb_vocab *v, const struct skos_options *opt,
                                  struct err *err);
void skos_graph_free(struct skos_graph *g);
/* The base URI the graph's concept IRIs start with. */
const char *skos_graph_base(const struct skos_graph *g);
/* Appends the triples with subject `subject` (every triple when NULL) to b.
 * Returns the number of triples written, or -1 when memory ran out. */
long skos_graph_write(struct buf *b, const struct skos_graph *g, enum skos_syntax syntax,
                      const char *subject);

/* ---- pictures (graph.c, Graphviz) ---- */

struct graph_options {
	const char *root;      /* NULL: the whole scheme; else this concept and */
	int steps;             /* 0: its subtree (narrower, transitively); N: what lies
	                        * N steps away along broader, narrower and related */
	int svg;               /* 0: DOT text; 1: SVG rendered by libgvc */
	const char *link_base; /* when set, nodes link to link_base + key */
};

/* broader edges point up (solid), related ones are dashed and undirected. */
int graph_write(struct buf *out, const struct kb_vocab *v, const struct graph_options *opt,
                struct err *err);

/* ---- terminology exchange ---- */

/* TBX-Basic (ISO 30042:2019, DCA style): one conceptEntry per concept. */
int tbx_write(FILE *out, const struct kb_vocab *v, struct err *err);
/* The text before the label in a crossReference: broader, narrower, related. */
extern const char *const tbx_relation_prefix[3];

/* ---- what changed between two releases ---- */

enum diff_format { DIFF_MD, DIFF_HTML, DIFF_JSON };

/* The differences from old to cur (both sorted by key): new, changed (each
 * field that differs, before and after), deprecated (with the replacement)
 * and deleted concepts. from and to name the two states in the heading. */
int diff_write(FILE *out, const struct kb_vocab *old, const struct kb_vocab *cur,
               const char *from, const char *to, enum diff_format fmt, size_t *n_changes,
               struct err *err);

/* ---- search-engine synonyms ---- */

enum synonyms_format { SYN_SOLR, SYN_ES };

/* Every concept's names (preferred, short, alternative and hidden labels) as
 * one synonym rule: Solr synonyms.txt, or the Elasticsearch synonyms-set body.
 * Deprecated concepts, and with approved_only unapproved ones, are left out. */
int synonyms_write(FILE *out, const struct kb_vocab *v, enum synonyms_format f,
                   int approved_only, struct err *err);

#endif
