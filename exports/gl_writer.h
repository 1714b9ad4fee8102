/* gl_writer.h - the contract between the shared glossary walk (gl_write.c)
 * and the writer of each format: the walk prepares each entry's parts,
 * the writer only says how to write them in its format. Internal to exports/. */
#ifndef GLOSSAR_GL_WRITER_H
#define GLOSSAR_GL_WRITER_H

#include "../common/buf.h"
#include "escape.h"
#include "exports.h"

/* The words a glossary writes around the entries, per language. */
struct gl_text {
	const char *lang;       /* BCP 47: "de", "en" */
	const char *locale;     /* for office documents: "de-DE" */
	const char *glossary;   /* the default heading */
	const char *pending;    /* shown instead of a definition not approved yet */
	const char *deprecated, *replaced, *source, *also, *first_use;
	const char *term, *abbreviation, *definition; /* table headings */
};

const struct gl_text *gl_text(enum gl_lang lang);

/* One entry as every format shows it. */
struct gl_item {
	const char *key;
	const char *id;                    /* esc_ident of the key */
	const char *label;                 /* preferred label in the glossary's language, or German */
	const char *label_lang;            /* NULL when in the glossary's language, else "de" */
	const struct strv *abbreviations;
	const char *definition;            /* NULL while awaiting review or deprecated */
	const char *definition_lang;       /* like label_lang */
	const char *note;                  /* shown instead of a definition (plain text), else NULL */
	const char *source;                /* "" when none */
	const char *url;                   /* a link (esc_is_link, esc_iri), or "" */
	const char *first_use;             /* "Seite 3, Abschnitt Einleitung", or NULL */
	const struct gl_text *text;        /* the words of the glossary's language */
};

struct gl_ctx {
	struct buf *out;                   /* what the writer writes; the walk flushes it */
	const char *title;
	const struct gl_list *list;
	const struct gl_text *text;        /* the words of the list's language */
	size_t index;                      /* of the entry being written */
	enum gl_md_style md_style;
	void *state;                       /* the writer's own */
};

struct gl_writer {
	int (*begin)(struct gl_ctx *ctx);
	int (*entry)(struct gl_ctx *ctx, const struct gl_item *it);
	int (*end)(struct gl_ctx *ctx);
};

/* Fills it for entry e of a list in lang; id, url and note are buffers owned
 * by the caller. */
int gl_item_make(const struct gl_entry *e, enum gl_lang lang, struct buf *id, struct buf *url,
                 struct buf *note, struct gl_item *it);

extern const struct gl_writer gl_writer_md, gl_writer_html, gl_writer_latex,
	gl_writer_docbook, gl_writer_mkdocs, gl_writer_docx, gl_writer_odt, gl_writer_asciidoc,
	gl_writer_rst;

/* schema.org DefinedTermSet JSON-LD of the list (used by the HTML writer). */
int gl_jsonld_defined_terms(struct buf *b, const char *title, const struct gl_list *l);

#endif
