/* read_pdf.c - the PDF reader, on poppler-glib: the text of each page in
 * reading order (poppler's text layout, which follows columns), pages
 * separated by a blank line, and the page of every offset in the docmap.
 * A word hyphenated at a line end stays "Wort-\nteil" in the text; the
 * normaliser joins it as it does for plain text. line/col of a mention are
 * those of the extracted text. An encrypted or damaged PDF is refused with
 * poppler's reason.
 *
 * poppler-glib is opened with the first PDF (../common/solib.h), not
 * linked: it and the libraries it pulls in would cost every run of glossar
 * about 10 ms to load. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <poppler.h>

#include "../common/solib.h"
#include "docmap.h"
#include "documents.h"

#ifndef POPPLER_SONAME
#define POPPLER_SONAME "libpoppler-glib.so.8"
#endif

/* the GLib functions come from poppler-glib's own dependencies */
#define PP_FUNCS(F)                                                                        \
	F(g_bytes_new_static) F(g_bytes_unref) F(poppler_document_new_from_bytes)              \
	F(poppler_document_get_n_pages) F(poppler_document_get_page) F(poppler_page_get_text)  \
	F(poppler_error_quark) F(g_error_free) F(g_free) F(g_object_unref)
static struct {
	PP_FUNCS(SOLIB_SLOT)
} pp;
#define PP_SYM(f) { #f, &pp.f },
static const struct solib_sym pp_syms[] = { PP_FUNCS(PP_SYM) };
static struct solib pp_lib = SOLIB_INIT("poppler-glib", POPPLER_SONAME, "libpoppler-glib8", pp_syms);

int rd_pdf(const char *path, char *data, size_t len, struct ex_text *out, struct err *err)
{
	const char *name = strcmp(path, "-") ? path : "<stdin>";
	if (len < 5 || memcmp(data, "%PDF-", 5) != 0) {
		/* poppler would search further; a file that does not start so is no PDF */
		const char *p = len >= 1024 ? memmem(data, 1024, "%PDF-", 5) : memmem(data, len, "%PDF-", 5);
		if (!p) {
			free(data);
			return err_set(err, name, 0, "not a PDF file (no %%PDF- header)");
		}
	}
	if (solib_load(&pp_lib, "read PDF files", name, err) < 0) {
		free(data);
		return -1;
	}
	GBytes *bytes = pp.g_bytes_new_static(data, len);
	GError *gerr = NULL;
	PopplerDocument *doc = pp.poppler_document_new_from_bytes(bytes, NULL, &gerr);
	if (!doc) {
		int encrypted = gerr && gerr->domain == pp.poppler_error_quark() &&
		                gerr->code == POPPLER_ERROR_ENCRYPTED;
		if (encrypted)
			err_set(err, name, 0, "encrypted PDF: cannot read it without the password");
		else
			err_set(err, name, 0, "damaged PDF: %s", gerr ? gerr->message : "cannot open");
		if (gerr)
			pp.g_error_free(gerr);
		pp.g_bytes_unref(bytes);
		free(data);
		return -1;
	}
	int n_pages = pp.poppler_document_get_n_pages(doc);
	struct buf text = BUF_INIT;
	struct dm_doc *d = dm_new();
	int rc = d ? 0 : -1;
	if (n_pages <= 0)
		rc = err_set(err, name, 0, "damaged PDF: no pages");
	for (int i = 0; i < n_pages && rc == 0; i++) {
		PopplerPage *page = pp.poppler_document_get_page(doc, i);
		if (!page) {
			rc = err_set(err, name, 0, "damaged PDF: page %d cannot be read", i + 1);
			break;
		}
		char *t = pp.poppler_page_get_text(page);
		if (i > 0 && (dm_par_break(&text) < 0))
			rc = -1;
		if (rc == 0 && dm_page_add(d, text.len, i + 1) < 0)
			rc = -1;
		if (rc == 0 && t) {
			/* form feeds and NULs are no text */
			for (char *p = t; *p; p++)
				if (*p == '\f')
					*p = '\n';
			if (buf_puts(&text, t) < 0)
				rc = -1;
		}
		pp.g_free(t);
		pp.g_object_unref(page);
		if (rc < 0 && !err->msg[0])
			err_set(err, name, 0, "out of memory");
	}
	pp.g_object_unref(doc);
	pp.g_bytes_unref(bytes);
	free(data);
	if (rc == 0 && !text.data && buf_putc(&text, 0) == 0)
		text.len = 0;
	if (rc < 0 || !text.data) {
		if (rc == 0)
			err_set(err, name, 0, "out of memory");
		buf_free(&text);
		dm_free(d);
		return -1;
	}
	size_t tl = text.len;
	return rd_document_finish(path, buf_detach(&text), tl, d, out, err);
}
