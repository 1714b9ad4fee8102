/* reader.h - the readers' helpers shared inside extract/. */
#ifndef GLOSSAR_READER_H
#define GLOSSAR_READER_H

#include <stddef.h>

#include "extract.h"

/* Whole-document readers refuse larger inputs; text streams without a limit. */
#define RD_MAX_DOCUMENT (256 << 20)
/* HTML and XML: deeper nesting is refused with file and line (docs/limits.md). */
#define RD_MAX_DEPTH 4096
/* HTML and XML: attributes on one element (libxml2 checks them pairwise). */
#define RD_MAX_ATTRS 256

/* Reads a whole file ("-" for stdin) into a malloc'd, NUL-terminated buffer. */
int rd_load(const char *path, char **out, size_t *len, struct err *err);
/* Makes s valid UTF-8 in place, keeping every offset; returns the offset of
 * the first invalid byte or SIZE_MAX. */
size_t rd_sanitize(char *s, size_t len);
/* The same, and *likely names the encoding the invalid bytes probably are in
 * (NULL when all was valid). */
size_t rd_sanitize_guess(char *s, size_t len, const char **likely);
/* Blanks Markdown markup with spaces in place. */
void rd_markdown_blank(char *s, size_t len);
/* The same for a stream: whole lines (the end of s ends a line), with the
 * state carried from one call to the next (zero it first). */
struct rd_md_state {
	int in_fence, in_raw;
};
void rd_markdown_blank_lines(char *s, size_t len, struct rd_md_state *st);
/* The 1-based line of offset in s. */
long rd_line_of(const char *s, size_t offset);
/* A position cursor for rd_position_next: zero it before the first call. */
struct rd_pos {
	int is_set;
	size_t seg, off;
	long line, col;
};
/* ex_text_position for ascending offsets, linear over the whole text. */
void rd_position_next(const struct ex_text *t, struct rd_pos *c, size_t offset, long *line,
                      long *col);
/* Turns loaded bytes (taken over, freed) into the document's text. */
int rd_read_loaded(const char *path, const char *format, char *data, size_t len,
                   struct ex_text *out, size_t *first_invalid, struct err *err);

#endif
