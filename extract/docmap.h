/* docmap.h - what a document reader knows beyond the text (internal to
 * extract/): the page each stretch of text stands on (PDF), the heading
 * path it stands under (DOCX, ODT, LaTeX, Markdown), and explicit
 * references to glossary entries (LaTeX \gls{key}). Offsets are into the
 * reader's text (ex_text.data). */
#ifndef GLOSSAR_DOCMAP_H
#define GLOSSAR_DOCMAP_H

#include <stddef.h>

#include "../common/buf.h"
#include "../common/err.h"

struct dm_page { size_t off; long page; };
struct dm_section { size_t off; char *path; }; /* path "" before the first heading */
struct dm_ref { size_t start, end; char *key; int is_short; };

#define DM_MAX_LEVEL 9

struct dm_doc {
	struct dm_page *pages;
	size_t n_pages, cap_pages;
	struct dm_section *sections;
	size_t n_sections, cap_sections;
	struct dm_ref *refs;
	size_t n_refs, cap_refs;
	char *titles[DM_MAX_LEVEL]; /* the open headings, for the path */
};

struct dm_doc *dm_new(void);
void dm_free(struct dm_doc *d);
/* From off on, the text stands on page (1-based). */
int dm_page_add(struct dm_doc *d, size_t off, long page);
/* A heading of level (1 = top) whose text starts at off: it and the text
 * after it stand under the path of the open headings ("A > B > C"). */
int dm_heading(struct dm_doc *d, size_t off, int level, const char *title, size_t title_len);
/* From off on, the text stands under this fixed path (e.g. "Fußnoten"). */
int dm_section_set(struct dm_doc *d, size_t off, const char *path);
int dm_ref_add(struct dm_doc *d, size_t start, size_t end, const char *key, size_t key_len,
               int is_short);
/* 0 / NULL when the document has none. */
long dm_page_at(const struct dm_doc *d, size_t off);
const char *dm_section_at(const struct dm_doc *d, size_t off);

/* Markdown: the ATX and setext headings of s (not yet blanked), as sections. */
int dm_markdown_headings(struct dm_doc *d, const char *s, size_t len);
/* The same for a stream, chunk by chunk (extract): s holds input bytes from
 * offset base on, normally whole lines; the state carries fences, a cut
 * line and the setext candidate over. Zero it first, free it with
 * dm_md_lines_free. Front matter counts when it closes in the first chunk. */
struct dm_md_lines {
	int started, in_fence, mid_line, has_prev;
	char *prev; /* the candidate line, copied at a chunk's end */
	size_t prev_len, prev_off;
};
int dm_markdown_headings_lines(struct dm_doc *d, struct dm_md_lines *st, const char *s,
                               size_t len, size_t base);
void dm_md_lines_free(struct dm_md_lines *st);

struct _xmlDoc;
/* HTML: the headings h1-h6 of doc as sections, each found again in the
 * walked text (in document order, from where the last one stood); a new
 * dm_doc, or NULL when memory ran out. */
struct dm_doc *dm_html_headings(struct _xmlDoc *doc, const struct buf *text);

/* An XML part parsed the safe way (no network, no entity substitution, no
 * DTD loading; a part that declares a DTD at all is refused, since no
 * OOXML or ODF part has one). name is "doc.docx:word/document.xml". */
struct _xmlDoc *dm_xml_parse(const char *name, const char *data, size_t len, struct err *err);

/* Ends a paragraph: "\n\n" unless the text already ends in one. */
int dm_par_break(struct buf *b);

#endif
