/* docbook.c - the glossary as a DocBook 5 <glossary> (namespace
 * http://docbook.org/ns/docbook), written with libxml2's xmlTextWriter:
 * glossentry with xml:id, glossterm, the first abbreviation as acronym
 * (DocBook allows one), glossdef with the definition and the source link. */
#include <stdlib.h>

#include <libxml/xmlwriter.h>

#include "gl_writer.h"

#define DB_NS "http://docbook.org/ns/docbook"
#define XLINK_NS "http://www.w3.org/1999/xlink"

struct db_state {
	xmlBufferPtr xbuf;
	xmlTextWriterPtr w;
	struct buf clean;
};

/* Text without the control characters XML cannot hold. */
static const xmlChar *db_text(struct db_state *st, const char *s)
{
	buf_reset(&st->clean);
	if (esc_xml_chars(&st->clean, s))
		return NULL;
	return (const xmlChar *)buf_cstr(&st->clean);
}

static int db_element(struct db_state *st, const char *name, const char *text)
{
	const xmlChar *t = db_text(st, text);
	return t && xmlTextWriterWriteElement(st->w, BAD_CAST name, t) >= 0 ? 0 : -1;
}

/* Moves what the writer produced into the walk's buffer. */
static int db_drain(struct gl_ctx *ctx)
{
	struct db_state *st = ctx->state;
	if (xmlTextWriterFlush(st->w) < 0)
		return -1;
	int rc = buf_append(ctx->out, xmlBufferContent(st->xbuf), (size_t)xmlBufferLength(st->xbuf));
	xmlBufferEmpty(st->xbuf);
	return rc;
}

static int db_begin(struct gl_ctx *ctx)
{
	struct db_state *st = calloc(1, sizeof *st);
	if (!st)
		return -1;
	ctx->state = st;
	if (!(st->xbuf = xmlBufferCreate()) || !(st->w = xmlNewTextWriterMemory(st->xbuf, 0)))
		return -1;
	/* No automatic indentation: it would put white space into mixed content
	 * (<para>Quelle: <link>); entries are separated by hand instead. */
	int rc = xmlTextWriterStartDocument(st->w, "1.0", "UTF-8", NULL) < 0 ||
	         xmlTextWriterStartElementNS(st->w, NULL, BAD_CAST "glossary", BAD_CAST DB_NS) < 0 ||
	         xmlTextWriterWriteAttributeNS(st->w, BAD_CAST "xmlns", BAD_CAST "xlink", NULL,
	                                       BAD_CAST XLINK_NS) < 0 ||
	         xmlTextWriterWriteAttribute(st->w, BAD_CAST "version", BAD_CAST "5.0") < 0 ||
	         xmlTextWriterWriteAttribute(st->w, BAD_CAST "xml:lang", BAD_CAST ctx->text->lang) < 0 ||
	         xmlTextWriterWriteString(st->w, BAD_CAST "\n") < 0 ||
	         db_element(st, "title", ctx->title) < 0 ||
	         xmlTextWriterWriteString(st->w, BAD_CAST "\n") < 0;
	return rc ? -1 : db_drain(ctx);
}

static int db_entry(struct gl_ctx *ctx, const struct gl_item *it)
{
	struct db_state *st = ctx->state;
	xmlTextWriterPtr w = st->w;
	int rc = xmlTextWriterStartElement(w, BAD_CAST "glossentry") < 0 ||
	         xmlTextWriterWriteAttribute(w, BAD_CAST "xml:id", BAD_CAST it->id) < 0 ||
	         db_element(st, "glossterm", it->label) < 0;
	if (it->abbreviations->n)
		rc = rc || db_element(st, "acronym", it->abbreviations->v[0]) < 0;
	rc = rc || xmlTextWriterStartElement(w, BAD_CAST "glossdef") < 0;
	if (!it->definition) {
		rc = rc || xmlTextWriterStartElement(w, BAD_CAST "para") < 0 ||
		     db_element(st, "emphasis", it->note) < 0 ||
		     xmlTextWriterEndElement(w) < 0;
	} else {
		rc = rc || db_element(st, "para", it->definition) < 0;
		if (it->abbreviations->n > 1) {
			struct buf also = BUF_INIT;
			int r2 = buf_printf(&also, "%s: ", it->text->also);
			for (size_t i = 1; i < it->abbreviations->n && r2 == 0; i++)
				r2 = (i > 1 ? buf_puts(&also, ", ") : 0) ||
				     buf_puts(&also, it->abbreviations->v[i]);
			rc = rc || r2 || db_element(st, "para", buf_cstr(&also)) < 0;
			buf_free(&also);
		}
		if (it->source[0] || it->url[0]) {
			const char *name = it->source[0] ? it->source : it->url;
			rc = rc || xmlTextWriterStartElement(w, BAD_CAST "para") < 0 ||
			     xmlTextWriterWriteFormatString(w, "%s: ", it->text->source) < 0;
			if (it->url[0]) {
				const xmlChar *url = db_text(st, it->url);
				rc = rc || !url || xmlTextWriterStartElement(w, BAD_CAST "link") < 0 ||
				     xmlTextWriterWriteAttribute(w, BAD_CAST "xlink:href", url) < 0;
			}
			const xmlChar *t = rc ? NULL : db_text(st, name);
			rc = rc || !t || xmlTextWriterWriteString(w, t) < 0;
			if (it->url[0])
				rc = rc || xmlTextWriterEndElement(w) < 0;
			rc = rc || xmlTextWriterEndElement(w) < 0;
		}
	}
	if (it->first_use) {
		struct buf fu = BUF_INIT;
		rc = rc || buf_printf(&fu, "%s: ", it->text->first_use) || buf_puts(&fu, it->first_use) ||
		     db_element(st, "para", buf_cstr(&fu)) < 0;
		buf_free(&fu);
	}
	rc = rc || xmlTextWriterEndElement(w) < 0 || xmlTextWriterEndElement(w) < 0 ||
	     xmlTextWriterWriteString(w, BAD_CAST "\n") < 0;
	return rc ? -1 : db_drain(ctx);
}

static int db_end(struct gl_ctx *ctx)
{
	struct db_state *st = ctx->state;
	int rc = -1;
	if (st && st->w && xmlTextWriterEndDocument(st->w) >= 0)
		rc = db_drain(ctx);
	if (st) {
		if (st->w)
			xmlFreeTextWriter(st->w);
		if (st->xbuf)
			xmlBufferFree(st->xbuf);
		buf_free(&st->clean);
		free(st);
	}
	ctx->state = NULL;
	return rc;
}

const struct gl_writer gl_writer_docbook = { db_begin, db_entry, db_end };
