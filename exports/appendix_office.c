/* appendix_office.c - the glossary as a Word document (DOCX, Office Open
 * XML) and as a Writer document (ODT, OpenDocument Text): a "Glossar"
 * heading, then per entry a heading with the term and its short forms, the
 * definition (or the note in italics), the source as a hyperlink and, with
 * --first-use, where the documents first use it. The XML parts are written
 * with xmlTextWriter and zipped with libzip (zipwrite.h); the fixed parts
 * hold no user text. Both are whole files: nothing is written before the end. */
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "gl_writer.h"
#include "zipwrite.h"

/* Where the styles name the document's language (docDefaults, default-style). */
#define LANG_MARK "@LANG@"

/* "Quelle: " in buffer lead (64 bytes). */
static const char *lead_in(const char *word, char *lead)
{
	snprintf(lead, 64, "%s: ", word);
	return lead;
}

/* Adds a styles part with the document's language (a locale "de-DE") in
 * place of LANG_MARK: Word's value, or ODF's fo:language and fo:country. */
static int add_styles(struct zw *z, const char *name, const char *tmpl, const char *locale, int odf)
{
	const char *mark = strstr(tmpl, LANG_MARK);
	struct buf b = BUF_INIT;
	int rc = !mark || buf_append(&b, tmpl, (size_t)(mark - tmpl)) < 0 ||
	         (odf ? buf_printf(&b, "fo:language=\"%.2s\" fo:country=\"%s\"", locale, locale + 3)
	              : buf_puts(&b, locale)) ||
	         buf_puts(&b, mark + strlen(LANG_MARK)) ||
	         zw_add(z, name, b.data, b.len, 0) < 0;
	buf_free(&b);
	return rc ? -1 : 0;
}

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define R_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define REL_NS "http://schemas.openxmlformats.org/package/2006/relationships"
#define REL_LINK "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
#define REL_STYLES "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"

struct of_state {
	xmlBufferPtr xbuf, rbuf;  /* the document part, and (DOCX) its relationships */
	xmlTextWriterPtr w, r;
	struct buf clean, text;
	int n_links;
	int is_odt;
};

static const xmlChar *of_text(struct of_state *st, const char *s)
{
	buf_reset(&st->clean);
	if (esc_xml_chars(&st->clean, s))
		return NULL;
	return (const xmlChar *)buf_cstr(&st->clean);
}

static int of_new(struct gl_ctx *ctx, int is_odt)
{
	struct of_state *st = calloc(1, sizeof *st);
	if (!st)
		return -1;
	ctx->state = st;
	st->is_odt = is_odt;
	if (!(st->xbuf = xmlBufferCreate()) || !(st->w = xmlNewTextWriterMemory(st->xbuf, 0)))
		return -1;
	if (!is_odt &&
	    (!(st->rbuf = xmlBufferCreate()) || !(st->r = xmlNewTextWriterMemory(st->rbuf, 0))))
		return -1;
	return 0;
}

static void of_free(struct gl_ctx *ctx)
{
	struct of_state *st = ctx->state;
	if (!st)
		return;
	if (st->w)
		xmlFreeTextWriter(st->w);
	if (st->r)
		xmlFreeTextWriter(st->r);
	if (st->xbuf)
		xmlBufferFree(st->xbuf);
	if (st->rbuf)
		xmlBufferFree(st->rbuf);
	buf_free(&st->clean);
	buf_free(&st->text);
	free(st);
	ctx->state = NULL;
}

/* "Term (A, B)" */
static const char *heading_text(struct of_state *st, const struct gl_item *it)
{
	buf_reset(&st->text);
	int rc = buf_puts(&st->text, it->label);
	for (size_t i = 0; i < it->abbreviations->n && rc == 0; i++)
		rc = buf_puts(&st->text, i ? ", " : " (") || buf_puts(&st->text, it->abbreviations->v[i]);
	if (it->abbreviations->n && rc == 0)
		rc = buf_putc(&st->text, ')');
	return rc ? NULL : buf_cstr(&st->text);
}

/* ---- DOCX ---- */

static int dx_para_start(xmlTextWriterPtr w, const char *style)
{
	int rc = xmlTextWriterStartElement(w, BAD_CAST "w:p") < 0;
	if (style)
		rc = rc || xmlTextWriterStartElement(w, BAD_CAST "w:pPr") < 0 ||
		     xmlTextWriterStartElement(w, BAD_CAST "w:pStyle") < 0 ||
		     xmlTextWriterWriteAttribute(w, BAD_CAST "w:val", BAD_CAST style) < 0 ||
		     xmlTextWriterEndElement(w) < 0 || xmlTextWriterEndElement(w) < 0;
	return rc ? -1 : 0;
}

/* One run; rstyle "i" for italics, a style id for a character style, or NULL. */
static int dx_run(struct of_state *st, const char *text, const char *rstyle)
{
	xmlTextWriterPtr w = st->w;
	const xmlChar *t = of_text(st, text);
	int rc = !t || xmlTextWriterStartElement(w, BAD_CAST "w:r") < 0;
	if (rstyle) {
		rc = rc || xmlTextWriterStartElement(w, BAD_CAST "w:rPr") < 0;
		if (!strcmp(rstyle, "i"))
			rc = rc || xmlTextWriterWriteElement(w, BAD_CAST "w:i", NULL) < 0;
		else
			rc = rc || xmlTextWriterStartElement(w, BAD_CAST "w:rStyle") < 0 ||
			     xmlTextWriterWriteAttribute(w, BAD_CAST "w:val", BAD_CAST rstyle) < 0 ||
			     xmlTextWriterEndElement(w) < 0;
		rc = rc || xmlTextWriterEndElement(w) < 0;
	}
	rc = rc || xmlTextWriterStartElement(w, BAD_CAST "w:t") < 0 ||
	     xmlTextWriterWriteAttribute(w, BAD_CAST "xml:space", BAD_CAST "preserve") < 0 ||
	     xmlTextWriterWriteString(w, t) < 0 || xmlTextWriterEndElement(w) < 0 ||
	     xmlTextWriterEndElement(w) < 0;
	return rc ? -1 : 0;
}

static int dx_para(struct of_state *st, const char *style, const char *text, const char *rstyle)
{
	return dx_para_start(st->w, style) || dx_run(st, text, rstyle) ||
	       xmlTextWriterEndElement(st->w) < 0 ? -1 : 0;
}

static int dx_begin(struct gl_ctx *ctx)
{
	if (of_new(ctx, 0) < 0)
		return -1;
	struct of_state *st = ctx->state;
	xmlTextWriterPtr w = st->w, r = st->r;
	int rc = xmlTextWriterStartDocument(w, "1.0", "UTF-8", "yes") < 0 ||
	         xmlTextWriterStartElement(w, BAD_CAST "w:document") < 0 ||
	         xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns:w", BAD_CAST W_NS) < 0 ||
	         xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns:r", BAD_CAST R_NS) < 0 ||
	         xmlTextWriterStartElement(w, BAD_CAST "w:body") < 0 ||
	         dx_para(st, "Heading1", ctx->title, NULL) < 0;
	rc = rc || xmlTextWriterStartDocument(r, "1.0", "UTF-8", "yes") < 0 ||
	     xmlTextWriterStartElement(r, BAD_CAST "Relationships") < 0 ||
	     xmlTextWriterWriteAttribute(r, BAD_CAST "xmlns", BAD_CAST REL_NS) < 0 ||
	     xmlTextWriterStartElement(r, BAD_CAST "Relationship") < 0 ||
	     xmlTextWriterWriteAttribute(r, BAD_CAST "Id", BAD_CAST "rIdStyles") < 0 ||
	     xmlTextWriterWriteAttribute(r, BAD_CAST "Type", BAD_CAST REL_STYLES) < 0 ||
	     xmlTextWriterWriteAttribute(r, BAD_CAST "Target", BAD_CAST "styles.xml") < 0 ||
	     xmlTextWriterEndElement(r) < 0;
	return rc ? -1 : 0;
}

static int dx_entry(struct gl_ctx *ctx, const struct gl_item *it)
{
	struct of_state *st = ctx->state;
	xmlTextWriterPtr w = st->w;
	const char *head = heading_text(st, it);
	char lead[64];
	int rc = !head || dx_para(st, "Heading2", head, NULL) < 0;
	if (it->definition)
		rc = rc || dx_para(st, NULL, it->definition, NULL) < 0;
	else
		rc = rc || dx_para(st, NULL, it->note, "i") < 0;
	if (it->definition && (it->source[0] || it->url[0])) {
		rc = rc || dx_para_start(w, NULL) < 0 ||
		     dx_run(st, lead_in(it->text->source, lead), NULL) < 0;
		const char *name = it->source[0] ? it->source : it->url;
		if (it->url[0]) {
			char id[32];
			snprintf(id, sizeof id, "rIdLink%d", ++st->n_links);
			const xmlChar *url = rc ? NULL : of_text(st, it->url);
			rc = rc || !url || xmlTextWriterStartElement(st->r, BAD_CAST "Relationship") < 0 ||
			     xmlTextWriterWriteAttribute(st->r, BAD_CAST "Id", BAD_CAST id) < 0 ||
			     xmlTextWriterWriteAttribute(st->r, BAD_CAST "Type", BAD_CAST REL_LINK) < 0 ||
			     xmlTextWriterWriteAttribute(st->r, BAD_CAST "Target", url) < 0 ||
			     xmlTextWriterWriteAttribute(st->r, BAD_CAST "TargetMode", BAD_CAST "External") < 0 ||
			     xmlTextWriterEndElement(st->r) < 0;
			rc = rc || xmlTextWriterStartElement(w, BAD_CAST "w:hyperlink") < 0 ||
			     xmlTextWriterWriteAttribute(w, BAD_CAST "r:id", BAD_CAST id) < 0 ||
			     dx_run(st, name, "Hyperlink") < 0 || xmlTextWriterEndElement(w) < 0;
		} else {
			rc = rc || dx_run(st, name, NULL) < 0;
		}
		rc = rc || xmlTextWriterEndElement(w) < 0;
	}
	if (it->first_use) {
		rc = rc || dx_para_start(w, NULL) < 0 ||
		     dx_run(st, lead_in(it->text->first_use, lead), NULL) < 0 ||
		     dx_run(st, it->first_use, NULL) < 0 || xmlTextWriterEndElement(w) < 0;
	}
	return rc ? -1 : 0;
}

static const char dx_content_types[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
	"<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
	"<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
	"<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
	"<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
	"</Types>\n";

static const char dx_rels[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>"
	"</Relationships>\n";

/* The built-in style names ("heading 1") are what Word, LibreOffice and
 * pandoc recognise as headings. */
static const char dx_styles[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
	"<w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val=\"" LANG_MARK "\"/></w:rPr></w:rPrDefault>"
	"<w:pPrDefault><w:pPr><w:spacing w:after=\"120\"/></w:pPr></w:pPrDefault></w:docDefaults>"
	"<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/>"
	"<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>"
	"<w:pPr><w:keepNext/><w:spacing w:before=\"360\" w:after=\"120\"/><w:outlineLvl w:val=\"0\"/></w:pPr>"
	"<w:rPr><w:b/><w:sz w:val=\"32\"/></w:rPr></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/>"
	"<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>"
	"<w:pPr><w:keepNext/><w:spacing w:before=\"240\" w:after=\"60\"/><w:outlineLvl w:val=\"1\"/></w:pPr>"
	"<w:rPr><w:b/><w:sz w:val=\"26\"/></w:rPr></w:style>"
	"<w:style w:type=\"character\" w:styleId=\"Hyperlink\"><w:name w:val=\"Hyperlink\"/>"
	"<w:rPr><w:color w:val=\"0563C1\"/><w:u w:val=\"single\"/></w:rPr></w:style>"
	"</w:styles>\n";

static int of_zip_out(struct gl_ctx *ctx, struct zw *z)
{
	return z ? zw_finish(z, ctx->out) : -1;
}

static int dx_end(struct gl_ctx *ctx)
{
	struct of_state *st = ctx->state;
	int rc = -1;
	if (st && st->w && st->r &&
	    xmlTextWriterStartElement(st->w, BAD_CAST "w:sectPr") >= 0 &&
	    xmlTextWriterEndElement(st->w) >= 0 && xmlTextWriterEndDocument(st->w) >= 0 &&
	    xmlTextWriterEndDocument(st->r) >= 0 && xmlTextWriterFlush(st->w) >= 0 &&
	    xmlTextWriterFlush(st->r) >= 0) {
		struct zw *z = zw_new();
		rc = !z || zw_add(z, "[Content_Types].xml", dx_content_types,
		                  sizeof dx_content_types - 1, 0) < 0 ||
		     zw_add(z, "_rels/.rels", dx_rels, sizeof dx_rels - 1, 0) < 0 ||
		     zw_add(z, "word/document.xml", xmlBufferContent(st->xbuf),
		            (size_t)xmlBufferLength(st->xbuf), 0) < 0 ||
		     zw_add(z, "word/_rels/document.xml.rels", xmlBufferContent(st->rbuf),
		            (size_t)xmlBufferLength(st->rbuf), 0) < 0 ||
		     add_styles(z, "word/styles.xml", dx_styles, ctx->text->locale, 0) < 0;
		if (of_zip_out(ctx, z) < 0)
			rc = -1;
	}
	of_free(ctx);
	return rc ? -1 : 0;
}

/* ---- ODT ---- */

#define ODF_OFFICE "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define ODF_TEXT "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define ODF_STYLE "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
#define ODF_FO "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
#define XLINK "http://www.w3.org/1999/xlink"

static int od_text(struct of_state *st, const char *s)
{
	const xmlChar *t = of_text(st, s);
	return t && xmlTextWriterWriteString(st->w, t) >= 0 ? 0 : -1;
}

static int od_heading(struct of_state *st, int level, const char *text)
{
	xmlTextWriterPtr w = st->w;
	return xmlTextWriterStartElement(w, BAD_CAST "text:h") < 0 ||
	       xmlTextWriterWriteAttribute(w, BAD_CAST "text:style-name",
	                                   BAD_CAST(level == 1 ? "Heading_20_1" : "Heading_20_2")) < 0 ||
	       xmlTextWriterWriteFormatAttribute(w, BAD_CAST "text:outline-level", "%d", level) < 0 ||
	       od_text(st, text) < 0 || xmlTextWriterEndElement(w) < 0 ? -1 : 0;
}

static int od_para_start(xmlTextWriterPtr w)
{
	return xmlTextWriterStartElement(w, BAD_CAST "text:p") < 0 ||
	       xmlTextWriterWriteAttribute(w, BAD_CAST "text:style-name", BAD_CAST "Text_20_body") < 0
	               ? -1 : 0;
}

static int od_begin(struct gl_ctx *ctx)
{
	if (of_new(ctx, 1) < 0)
		return -1;
	struct of_state *st = ctx->state;
	xmlTextWriterPtr w = st->w;
	int rc = xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL) < 0 ||
	         xmlTextWriterStartElement(w, BAD_CAST "office:document-content") < 0 ||
	         xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns:office", BAD_CAST ODF_OFFICE) < 0 ||
	         xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns:text", BAD_CAST ODF_TEXT) < 0 ||
	         xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns:style", BAD_CAST ODF_STYLE) < 0 ||
	         xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns:fo", BAD_CAST ODF_FO) < 0 ||
	         xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns:xlink", BAD_CAST XLINK) < 0 ||
	         xmlTextWriterWriteAttribute(w, BAD_CAST "office:version", BAD_CAST "1.3") < 0 ||
	         /* the italics of a note */
	         xmlTextWriterStartElement(w, BAD_CAST "office:automatic-styles") < 0 ||
	         xmlTextWriterStartElement(w, BAD_CAST "style:style") < 0 ||
	         xmlTextWriterWriteAttribute(w, BAD_CAST "style:name", BAD_CAST "Kursiv") < 0 ||
	         xmlTextWriterWriteAttribute(w, BAD_CAST "style:family", BAD_CAST "text") < 0 ||
	         xmlTextWriterStartElement(w, BAD_CAST "style:text-properties") < 0 ||
	         xmlTextWriterWriteAttribute(w, BAD_CAST "fo:font-style", BAD_CAST "italic") < 0 ||
	         xmlTextWriterEndElement(w) < 0 || xmlTextWriterEndElement(w) < 0 ||
	         xmlTextWriterEndElement(w) < 0 ||
	         xmlTextWriterStartElement(w, BAD_CAST "office:body") < 0 ||
	         xmlTextWriterStartElement(w, BAD_CAST "office:text") < 0 ||
	         od_heading(st, 1, ctx->title) < 0;
	return rc ? -1 : 0;
}

static int od_entry(struct gl_ctx *ctx, const struct gl_item *it)
{
	struct of_state *st = ctx->state;
	xmlTextWriterPtr w = st->w;
	const char *head = heading_text(st, it);
	char lead[64];
	int rc = !head || od_heading(st, 2, head) < 0 || od_para_start(w) < 0;
	if (it->definition) {
		rc = rc || od_text(st, it->definition) < 0;
	} else {
		rc = rc || xmlTextWriterStartElement(w, BAD_CAST "text:span") < 0 ||
		     xmlTextWriterWriteAttribute(w, BAD_CAST "text:style-name", BAD_CAST "Kursiv") < 0 ||
		     od_text(st, it->note) < 0 || xmlTextWriterEndElement(w) < 0;
	}
	rc = rc || xmlTextWriterEndElement(w) < 0;
	if (it->definition && (it->source[0] || it->url[0])) {
		const char *name = it->source[0] ? it->source : it->url;
		rc = rc || od_para_start(w) < 0 || od_text(st, lead_in(it->text->source, lead)) < 0;
		if (it->url[0]) {
			const xmlChar *url = rc ? NULL : of_text(st, it->url);
			rc = rc || !url || xmlTextWriterStartElement(w, BAD_CAST "text:a") < 0 ||
			     xmlTextWriterWriteAttribute(w, BAD_CAST "xlink:type", BAD_CAST "simple") < 0 ||
			     xmlTextWriterWriteAttribute(w, BAD_CAST "xlink:href", url) < 0 ||
			     od_text(st, name) < 0 || xmlTextWriterEndElement(w) < 0;
		} else {
			rc = rc || od_text(st, name) < 0;
		}
		rc = rc || xmlTextWriterEndElement(w) < 0;
	}
	if (it->first_use)
		rc = rc || od_para_start(w) < 0 || od_text(st, lead_in(it->text->first_use, lead)) < 0 ||
		     od_text(st, it->first_use) < 0 || xmlTextWriterEndElement(w) < 0;
	return rc ? -1 : 0;
}

static const char od_mimetype[] = "application/vnd.oasis.opendocument.text";

static const char od_manifest[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.3\">"
	"<manifest:file-entry manifest:full-path=\"/\" manifest:version=\"1.3\" manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>"
	"<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>"
	"<manifest:file-entry manifest:full-path=\"styles.xml\" manifest:media-type=\"text/xml\"/>"
	"</manifest:manifest>\n";

static const char od_styles[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<office:document-styles xmlns:office=\"" ODF_OFFICE "\" xmlns:style=\"" ODF_STYLE "\""
	" xmlns:fo=\"" ODF_FO "\" office:version=\"1.3\"><office:styles>"
	"<style:default-style style:family=\"paragraph\"><style:text-properties " LANG_MARK "/></style:default-style>"
	"<style:style style:name=\"Text_20_body\" style:display-name=\"Text body\" style:family=\"paragraph\">"
	"<style:paragraph-properties fo:margin-bottom=\"0.2cm\"/></style:style>"
	"<style:style style:name=\"Heading_20_1\" style:display-name=\"Heading 1\" style:family=\"paragraph\" style:default-outline-level=\"1\">"
	"<style:paragraph-properties fo:margin-top=\"0.6cm\" fo:margin-bottom=\"0.2cm\" fo:keep-with-next=\"always\"/>"
	"<style:text-properties fo:font-size=\"16pt\" fo:font-weight=\"bold\"/></style:style>"
	"<style:style style:name=\"Heading_20_2\" style:display-name=\"Heading 2\" style:family=\"paragraph\" style:default-outline-level=\"2\">"
	"<style:paragraph-properties fo:margin-top=\"0.4cm\" fo:margin-bottom=\"0.1cm\" fo:keep-with-next=\"always\"/>"
	"<style:text-properties fo:font-size=\"13pt\" fo:font-weight=\"bold\"/></style:style>"
	"</office:styles></office:document-styles>\n";

static int od_end(struct gl_ctx *ctx)
{
	struct of_state *st = ctx->state;
	int rc = -1;
	if (st && st->w && xmlTextWriterEndDocument(st->w) >= 0 && xmlTextWriterFlush(st->w) >= 0) {
		struct zw *z = zw_new();
		/* ODF: the mimetype first and uncompressed, so file(1) knows it */
		rc = !z || zw_add(z, "mimetype", od_mimetype, sizeof od_mimetype - 1, 1) < 0 ||
		     zw_add(z, "content.xml", xmlBufferContent(st->xbuf),
		            (size_t)xmlBufferLength(st->xbuf), 0) < 0 ||
		     add_styles(z, "styles.xml", od_styles, ctx->text->locale, 1) < 0 ||
		     zw_add(z, "META-INF/manifest.xml", od_manifest, sizeof od_manifest - 1, 0) < 0;
		if (of_zip_out(ctx, z) < 0)
			rc = -1;
	}
	of_free(ctx);
	return rc ? -1 : 0;
}

const struct gl_writer gl_writer_docx = { dx_begin, dx_entry, dx_end };
const struct gl_writer gl_writer_odt = { od_begin, od_entry, od_end };
