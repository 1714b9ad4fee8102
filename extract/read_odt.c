/* read_odt.c - the ODT reader (OpenDocument Text, ISO/IEC 26300): the text
 * of content.xml. Paragraphs and headings (also in tables, lists, frames)
 * end with a blank line; white space inside a paragraph collapses as ODF
 * says, text:s/text:tab/text:line-break give theirs. Tracked changes: the
 * deleted text lives in text:tracked-changes and is left out, inserted text
 * stands in the body and counts. Comments (office:annotation) are left
 * out; footnotes and endnotes are read after the body under the sections
 * "Fußnoten" and "Endnoten", so they do not split a sentence. text:h with
 * its outline level gives the section path. line/col of a mention are
 * those of the extracted text. */
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "docmap.h"
#include "documents.h"
#include "zipread.h"

#define TEXT_NS "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define OFFICE_NS "urn:oasis:names:tc:opendocument:xmlns:office:1.0"

static int is_ns(xmlNodePtr n, const char *ns, const char *name)
{
	/* the local name first: it differs far more often than the namespace */
	return n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name) && n->ns &&
	       n->ns->href && !strcmp((const char *)n->ns->href, ns);
}

static int is_text(xmlNodePtr n, const char *name)
{
	return is_ns(n, TEXT_NS, name);
}

static int is_par(xmlNodePtr n)
{
	return is_text(n, "p") || is_text(n, "h");
}

struct ox {
	struct buf text;
	struct dm_doc *dm;
	xmlNodePtr *notes; /* footnotes and endnotes met in the body */
	size_t n_notes, cap_notes;
	int failed;
};

static int is_skipped(xmlNodePtr n)
{
	static const char *const text_skip[] = { "tracked-changes", "note-citation",
		"sequence-decls", "variable-decls", "user-field-decls", "dde-connection-decls",
		"alphabetical-index-mark", "toc-mark", "user-index-mark", "bookmark-ref", NULL };
	if (n->type != XML_ELEMENT_NODE || !n->ns || !n->ns->href)
		return 0;
	const char *ns = (const char *)n->ns->href, *name = (const char *)n->name;
	if (!strcmp(ns, OFFICE_NS))
		return !strcmp(name, "annotation") || !strcmp(name, "forms");
	if (strcmp(ns, TEXT_NS))
		return 0;
	for (const char *const *s = text_skip; *s; s++)
		if (!strcmp(name, *s))
			return 1;
	return 0;
}

/* Paragraph text as ODF lays it out: white space runs are one space. */
static void put_text(struct ox *x, const char *s)
{
	for (; *s && !x->failed; s++) {
		char c = *s;
		if (c == '\n' || c == '\r' || c == '\t')
			c = ' ';
		if (c == ' ' && x->text.len &&
		    (x->text.data[x->text.len - 1] == ' ' || x->text.data[x->text.len - 1] == '\n'))
			continue;
		if (buf_putc(&x->text, c) < 0)
			x->failed = 1;
	}
}

static void put_raw(struct ox *x, const char *s)
{
	if (buf_puts(&x->text, s) < 0)
		x->failed = 1;
}

static long attr_long(xmlNodePtr n, const char *name, long dflt)
{
	xmlChar *v = xmlGetNsProp(n, (const xmlChar *)name, (const xmlChar *)TEXT_NS);
	long r = v ? atol((const char *)v) : dflt;
	xmlFree(v);
	return r;
}

#define MAX_PAR_DEPTH 32

static void walk(struct ox *x, xmlNodePtr root, int collect_notes)
{
	size_t par_start[MAX_PAR_DEPTH];
	int par_lv[MAX_PAR_DEPTH];
	int depth = 0;
	xmlNodePtr n = root->children;
	while (n && !x->failed) {
		int descend = 0;
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			if (depth > 0 && n->content)
				put_text(x, (const char *)n->content);
		} else if (n->type == XML_ELEMENT_NODE && !is_skipped(n)) {
			if (is_text(n, "note") && collect_notes) {
				/* read after the body; a space keeps the words apart */
				if (x->n_notes == x->cap_notes) {
					size_t nc = x->cap_notes ? 2 * x->cap_notes : 16;
					xmlNodePtr *nv = realloc(x->notes, nc * sizeof *nv);
					if (!nv) {
						x->failed = 1;
						break;
					}
					x->notes = nv;
					x->cap_notes = nc;
				}
				x->notes[x->n_notes++] = n;
				put_text(x, " ");
			} else if (is_text(n, "s")) {
				long k = attr_long(n, "c", 1);
				for (long i = 0; i < k && i < 1000; i++)
					put_raw(x, " ");
			} else if (is_text(n, "tab")) {
				put_raw(x, "\t");
			} else if (is_text(n, "line-break")) {
				put_raw(x, "\n");
			} else {
				if (is_par(n)) {
					if (depth < MAX_PAR_DEPTH) {
						par_start[depth] = x->text.len;
						par_lv[depth] = is_text(n, "h") ? (int)attr_long(n, "outline-level", 1) : 0;
					}
					depth++;
				}
				descend = n->children != NULL;
				if (!descend && is_par(n)) {
					depth--;
					if (dm_par_break(&x->text) < 0)
						x->failed = 1;
				}
			}
		}
		if (descend) {
			n = n->children;
			continue;
		}
		while (n != root && !n->next) {
			n = n->parent;
			if (n == root)
				break;
			if (is_par(n)) {
				depth--;
				if (depth < MAX_PAR_DEPTH && par_lv[depth] > 0 &&
				    dm_heading(x->dm, par_start[depth], par_lv[depth],
				               x->text.data ? x->text.data + par_start[depth] : "",
				               x->text.len - par_start[depth]) < 0)
					x->failed = 1;
				if (dm_par_break(&x->text) < 0)
					x->failed = 1;
			}
		}
		if (n == root)
			break;
		n = n->next;
	}
}

int rd_odt(const char *path, char *data, size_t len, struct ex_text *out, struct err *err)
{
	const char *name = strcmp(path, "-") ? path : "<stdin>";
	struct zr *z = zr_open(name, "ODT", data, len, err);
	if (!z) {
		free(data);
		return -1;
	}
	struct ox x = { BUF_INIT, dm_new(), NULL, 0, 0, 0 };
	xmlDocPtr doc = NULL;
	char *part = NULL;
	size_t part_len = 0;
	int rc = 0;
	if (!x.dm)
		rc = err_set(err, name, 0, "out of memory");
	else if (!zr_has(z, "content.xml"))
		rc = err_set(err, name, 0,
		             zr_has(z, "word/document.xml") ? "no content.xml: a Word document, "
		                                              "read it as .docx"
		                                            : "no content.xml: not an OpenDocument file");
	else if (zr_read(z, "content.xml", &part, &part_len, err) < 0)
		rc = -1;
	if (rc == 0) {
		char pname[700];
		snprintf(pname, sizeof pname, "%s:content.xml", name);
		if (!(doc = dm_xml_parse(pname, part, part_len, err)))
			rc = -1;
	}
	free(part);
	if (rc == 0) {
		xmlNodePtr root = xmlDocGetRootElement(doc);
		if (root)
			walk(&x, root, 1);
		/* the notes, each a paragraph of its own (notes in notes stay inline) */
		for (size_t i = 0; i < x.n_notes && !x.failed; i++) {
			xmlChar *cls = xmlGetNsProp(x.notes[i], (const xmlChar *)"note-class",
			                            (const xmlChar *)TEXT_NS);
			int is_end = cls && !strcmp((const char *)cls, "endnote");
			xmlFree(cls);
			if (dm_par_break(&x.text) < 0 ||
			    dm_section_set(x.dm, x.text.len, is_end ? "Endnoten" : "Fußnoten") < 0)
				x.failed = 1;
			for (xmlNodePtr c = x.notes[i]->children; c && !x.failed; c = c->next)
				if (is_text(c, "note-body"))
					walk(&x, c, 0);
		}
		if (x.failed)
			rc = err_set(err, name, 0, "out of memory");
	}
	xmlFreeDoc(doc);
	free(x.notes);
	zr_close(z);
	free(data);
	if (rc == 0 && !x.text.data && buf_putc(&x.text, 0) == 0)
		x.text.len = 0;
	if (rc < 0 || !x.text.data) {
		if (rc == 0)
			err_set(err, name, 0, "out of memory");
		buf_free(&x.text);
		dm_free(x.dm);
		return -1;
	}
	size_t tl = x.text.len;
	return rd_document_finish(path, buf_detach(&x.text), tl, x.dm, out, err);
}
