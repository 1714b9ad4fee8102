/* documents.h - the readers of authors' documents (internal to extract/):
 * DOCX, ODT, PDF and LaTeX. Each takes the loaded file (and frees it),
 * and fills out with the text, the line map of that text (text formats) or
 * of the .tex file itself, and a dm_doc (docmap.h) with pages, sections and
 * entry references. Messages name the file and, where known, the part and
 * line ("a.docx:word/document.xml:3: ..."). */
#ifndef GLOSSAR_DOCUMENTS_H
#define GLOSSAR_DOCUMENTS_H

#include <stddef.h>

#include "extract.h"

/* 1 for "docx", "odt", "pdf", "tex". */
int rd_is_document(const char *format);
int rd_document(const char *path, const char *format, char *data, size_t len,
                struct ex_text *out, struct err *err);

int rd_docx(const char *path, char *data, size_t len, struct ex_text *out, struct err *err);
int rd_odt(const char *path, char *data, size_t len, struct ex_text *out, struct err *err);
int rd_pdf(const char *path, char *data, size_t len, struct ex_text *out, struct err *err);
int rd_tex(const char *path, char *data, size_t len, struct ex_text *out, struct err *err);

/* Hands text (a malloc'd buffer, taken over) and d (taken over) to out with
 * the line map of the text; shared by the readers. */
struct dm_doc;
int rd_document_finish(const char *path, char *text, size_t len, struct dm_doc *d,
                       struct ex_text *out, struct err *err);

#endif
