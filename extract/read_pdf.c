/* read_pdf.c - the PDF reader, on poppler-glib: the text of each page in
 * reading order (poppler's text layout, which follows columns), pages
 * separated by a blank line, and the page of every offset in the docmap.
 * A word hyphenated at a line end stays "Wort-\nteil" in the text; the
 * normaliser joins it as it does for plain text. line/col of a mention are
 * those of the extracted text. An encrypted or damaged PDF is refused with
 * poppler's reason.
 *
 * poppler-glib is opened with the first PDF, not linked: it and the
 * libraries it pulls in would cost every run of glossar about 10 ms to
 * load. */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <poppler.h>

#include "docmap.h"
#include "documents.h"

#ifndef POPPLER_SONAME
#define POPPLER_SONAME "libpoppler-glib.so.8"
#endif

static struct {
	GBytes *(*bytes_new_static)(gconstpointer, gsize);
	void (*bytes_unref)(GBytes *);
	PopplerDocument *(*document_new_from_bytes)(GBytes *, const char *, GError **);
	int (*document_get_n_pages)(PopplerDocument *);
	PopplerPage *(*document_get_page)(PopplerDocument *, int);
	char *(*page_get_text)(PopplerPage *);
	GQuark (*error_quark)(void);
	void (*error_free)(GError *);
	void (*free)(gpointer);
	void (*object_unref)(gpointer);
} pp;
static char pp_why[256]; /* empty once every symbol is there */
static pthread_once_t pp_once = PTHREAD_ONCE_INIT;

static void pp_open(void)
{
	void *h = dlopen(POPPLER_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		snprintf(pp_why, sizeof pp_why, "%s", dlerror());
		return;
	}
	/* the GLib functions come from poppler-glib's own dependencies */
	static const char *const names[] = {
		"g_bytes_new_static", "g_bytes_unref", "poppler_document_new_from_bytes",
		"poppler_document_get_n_pages", "poppler_document_get_page", "poppler_page_get_text",
		"poppler_error_quark", "g_error_free", "g_free", "g_object_unref",
	};
	void **slots[] = {
		(void **)&pp.bytes_new_static, (void **)&pp.bytes_unref,
		(void **)&pp.document_new_from_bytes, (void **)&pp.document_get_n_pages,
		(void **)&pp.document_get_page, (void **)&pp.page_get_text, (void **)&pp.error_quark,
		(void **)&pp.error_free, (void **)&pp.free, (void **)&pp.object_unref,
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		void *f = dlsym(h, names[i]);
		if (!f) {
			snprintf(pp_why, sizeof pp_why, "%s has no %s", POPPLER_SONAME, names[i]);
			return;
		}
		memcpy(slots[i], &f, sizeof f); /* POSIX: a function pointer fits a void * */
	}
}

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
	pthread_once(&pp_once, pp_open);
	if (pp_why[0]) {
		free(data);
		return err_set(err, name, 0, "cannot read PDF files: poppler-glib cannot be loaded (%s); "
		               "install libpoppler-glib8", pp_why);
	}
	GBytes *bytes = pp.bytes_new_static(data, len);
	GError *gerr = NULL;
	PopplerDocument *doc = pp.document_new_from_bytes(bytes, NULL, &gerr);
	if (!doc) {
		int encrypted = gerr && gerr->domain == pp.error_quark() &&
		                gerr->code == POPPLER_ERROR_ENCRYPTED;
		if (encrypted)
			err_set(err, name, 0, "encrypted PDF: cannot read it without the password");
		else
			err_set(err, name, 0, "damaged PDF: %s", gerr ? gerr->message : "cannot open");
		if (gerr)
			pp.error_free(gerr);
		pp.bytes_unref(bytes);
		free(data);
		return -1;
	}
	int n_pages = pp.document_get_n_pages(doc);
	struct buf text = BUF_INIT;
	struct dm_doc *d = dm_new();
	int rc = d ? 0 : -1;
	if (n_pages <= 0)
		rc = err_set(err, name, 0, "damaged PDF: no pages");
	for (int i = 0; i < n_pages && rc == 0; i++) {
		PopplerPage *page = pp.document_get_page(doc, i);
		if (!page) {
			rc = err_set(err, name, 0, "damaged PDF: page %d cannot be read", i + 1);
			break;
		}
		char *t = pp.page_get_text(page);
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
		pp.free(t);
		pp.object_unref(page);
		if (rc < 0 && !err->msg[0])
			err_set(err, name, 0, "out of memory");
	}
	pp.object_unref(doc);
	pp.bytes_unref(bytes);
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
