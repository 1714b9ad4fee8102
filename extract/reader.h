/* reader.h - the readers' helpers shared inside extract/. */
#ifndef GLOSSAR_READER_H
#define GLOSSAR_READER_H

#include <stddef.h>

#include "extract.h"

/* Whole-document readers refuse larger inputs; text streams without a limit. */
#define RD_MAX_DOCUMENT (256 << 20)

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
/* The 1-based line of offset in s. */
long rd_line_of(const char *s, size_t offset);
/* Turns loaded bytes (taken over, freed) into the document's text. */
int rd_read_loaded(const char *path, const char *format, char *data, size_t len,
                   struct ex_text *out, size_t *first_invalid, struct err *err);

#endif
