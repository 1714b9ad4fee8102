/* documents.c - dispatch to the document readers (documents.h). */
#include <stdlib.h>
#include <string.h>

#include "docmap.h"
#include "documents.h"
#include "reader.h"

int rd_is_document(const char *format)
{
	return format && (!strcmp(format, "docx") || !strcmp(format, "odt") ||
	                  !strcmp(format, "pdf") || !strcmp(format, "tex"));
}

int rd_document(const char *path, const char *format, char *data, size_t len,
                struct ex_text *out, struct err *err)
{
	if (!strcmp(format, "docx"))
		return rd_docx(path, data, len, out, err);
	if (!strcmp(format, "odt"))
		return rd_odt(path, data, len, out, err);
	if (!strcmp(format, "pdf"))
		return rd_pdf(path, data, len, out, err);
	if (!strcmp(format, "tex"))
		return rd_tex(path, data, len, out, err);
	free(data);
	return err_set(err, path, 0, "unknown format '%s'", format);
}

int rd_document_finish(const char *path, char *text, size_t len, struct dm_doc *d,
                       struct ex_text *out, struct err *err)
{
	size_t bad;
	/* the text map: line and column of the extracted text */
	if (rd_read_loaded(path, "txt", text, len, out, &bad, err) < 0) {
		dm_free(d);
		return -1;
	}
	out->doc = d;
	return 0;
}
