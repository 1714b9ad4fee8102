/* read_docx.c - the DOCX reader (Office Open XML, ECMA-376): the text of
 * word/document.xml, then footnotes, endnotes, headers and footers; comments
 * are left out. Inserted text (w:ins) counts, deleted and moved-away text
 * (w:del, w:moveFrom) does not; a field contributes its visible result, not
 * its instruction; a soft hyphen vanishes and a non-breaking hyphen is a
 * hyphen. Each paragraph (also in tables and text boxes) ends with a blank
 * line, so paragraphs never run into one word. Headings (paragraph styles
 * named "heading N" or with an outline level) give the section path.
 * line/col of a mention are those of the extracted text. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "docmap.h"
#include "documents.h"
#include "zipread.h"

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define MC_NS "http://schemas.openxmlformats.org/markup-compatibility/2006"

static int is_ns(xmlNodePtr n, const char *ns, const char *name)
{
	/* the local name first: it differs far more often than the namespace */
	return n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name) && n->ns &&
	       n->ns->href && !strcmp((const char *)n->ns->href, ns);
}

static int is_w(xmlNodePtr n, const char *name)
{
	return is_ns(n, W_NS, name);
}

static char *w_attr(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetNsProp(n, (const xmlChar *)name, (const xmlChar *)W_NS);
	return (char *)v;
}

static xmlNodePtr w_child(xmlNodePtr n, const char *name)
{
	for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
		if (is_w(c, name))
			return c;
	return NULL;
}

/* ---- styles: which paragraph styles are headings ---- */

struct style {
	char *id, *based_on;
	int level; /* 1..9, 0 not a heading, -1 not known (ask based_on) */
};

struct styles {
	struct style *v;
	size_t n;
};

static void styles_free(struct styles *s)
{
	for (size_t i = 0; i < s->n; i++) {
		xmlFree(s->v[i].id);
		xmlFree(s->v[i].based_on);
	}
	free(s->v);
}

static int level_of_name(const char *name)
{
	/* built-in names are English in styles.xml whatever the UI language */
	if (!strncasecmp(name, "heading ", 8) && name[8] >= '1' && name[8] <= '9' && !name[9])
		return name[8] - '0';
	return -1;
}

static void styles_load(xmlDocPtr doc, struct styles *s)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	size_t cap = 0;
	for (xmlNodePtr c = root ? root->children : NULL; c; c = c->next) {
		if (!is_w(c, "style"))
			continue;
		char *type = w_attr(c, "type");
		int is_par = type && !strcmp(type, "paragraph");
		xmlFree(type);
		if (!is_par)
			continue;
		if (s->n == cap) {
			size_t nc = cap ? 2 * cap : 64;
			struct style *nv = realloc(s->v, nc * sizeof *nv);
			if (!nv)
				return;
			s->v = nv;
			cap = nc;
		}
		struct style *st = &s->v[s->n++];
		st->id = w_attr(c, "styleId");
		st->based_on = NULL;
		st->level = -1;
		xmlNodePtr name = w_child(c, "name"), based = w_child(c, "basedOn");
		xmlNodePtr ol = w_child(w_child(c, "pPr"), "outlineLvl");
		if (based)
			st->based_on = w_attr(based, "val");
		if (ol) {
			char *v = w_attr(ol, "val");
			int lv = v ? atoi(v) : 9;
			st->level = lv >= 0 && lv < 9 ? lv + 1 : 0;
			xmlFree(v);
		} else if (name) {
			char *v = w_attr(name, "val");
			if (v)
				st->level = level_of_name(v);
			xmlFree(v);
		}
	}
}

static int style_level(const struct styles *s, const char *id)
{
	for (int hop = 0; id && hop < 10; hop++) {
		const struct style *found = NULL;
		for (size_t i = 0; i < s->n && !found; i++)
			if (s->v[i].id && !strcmp(s->v[i].id, id))
				found = &s->v[i];
		if (!found)
			break;
		if (found->level >= 0)
			return found->level;
		id = found->based_on;
	}
	/* no styles.xml: the ids Word and pandoc give the built-in headings */
	if (id && !strncasecmp(id, "Heading", 7) && id[7] >= '1' && id[7] <= '9' && !id[8])
		return id[7] - '0';
	return 0;
}

/* ---- the walk ---- */

struct dx {
	struct buf text;
	struct dm_doc *dm;
	const struct styles *styles;
	int failed;
};

/* The heading level of a paragraph: its own outline level, else its style's. */
static int par_level(struct dx *x, xmlNodePtr p)
{
	xmlNodePtr ppr = w_child(p, "pPr");
	xmlNodePtr ol = w_child(ppr, "outlineLvl");
	if (ol) {
		char *v = w_attr(ol, "val");
		int lv = v ? atoi(v) : 9;
		xmlFree(v);
		return lv >= 0 && lv < 9 ? lv + 1 : 0;
	}
	xmlNodePtr ps = w_child(ppr, "pStyle");
	if (!ps)
		return 0;
	char *id = w_attr(ps, "val");
	int lv = style_level(x->styles, id);
	xmlFree(id);
	return lv;
}

/* Elements whose content is never document text. */
static int is_skipped(xmlNodePtr n)
{
	static const char *const w_skip[] = { "pPr", "rPr", "del", "moveFrom", "delText",
		"instrText", "delInstrText", "sectPr", "tblPr", "trPr", "tcPr", "tblGrid",
		"commentReference", "annotationRef", NULL };
	if (n->type != XML_ELEMENT_NODE || !n->ns || !n->ns->href)
		return 0;
	if (!strcmp((const char *)n->ns->href, MC_NS))
		return !strcmp((const char *)n->name, "Fallback"); /* the Choice says the same */
	if (strcmp((const char *)n->ns->href, W_NS))
		return 0;
	for (const char *const *s = w_skip; *s; s++)
		if (!strcmp((const char *)n->name, *s))
			return 1;
	return 0;
}

static void put(struct dx *x, const char *s)
{
	if (buf_puts(&x->text, s) < 0)
		x->failed = 1;
}

#define MAX_PAR_DEPTH 32

/* Walks root's subtree without recursion (parts may nest deeply). */
static void walk(struct dx *x, xmlNodePtr root, int headings)
{
	size_t par_start[MAX_PAR_DEPTH];
	int par_lv[MAX_PAR_DEPTH];
	int depth = 0; /* open paragraphs */
	xmlNodePtr n = root->children;
	while (n && !x->failed) {
		int descend = 0;
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			if (n->parent && is_w(n->parent, "t") && n->content)
				put(x, (const char *)n->content);
		} else if (n->type == XML_ELEMENT_NODE && !is_skipped(n)) {
			if (is_w(n, "tab"))
				put(x, "\t");
			else if (is_w(n, "br") || is_w(n, "cr"))
				put(x, "\n");
			else if (is_w(n, "noBreakHyphen"))
				put(x, "-");
			/* w:softHyphen: an optional break, nothing in the text */
			if (is_w(n, "p")) {
				if (depth < MAX_PAR_DEPTH) {
					par_start[depth] = x->text.len;
					par_lv[depth] = headings ? par_level(x, n) : 0;
				}
				depth++;
			}
			descend = n->children != NULL;
			if (!descend && is_w(n, "p")) {
				depth--;
				if (dm_par_break(&x->text) < 0)
					x->failed = 1;
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
			if (is_w(n, "p")) {
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

/* Footnotes and endnotes: every note but the separators. */
static void walk_notes(struct dx *x, xmlNodePtr root, const char *name)
{
	for (xmlNodePtr c = root->children; c && !x->failed; c = c->next) {
		if (!is_w(c, name))
			continue;
		char *type = w_attr(c, "type");
		int is_separator = type && strcmp(type, "normal") != 0;
		xmlFree(type);
		if (!is_separator)
			walk(x, c, 0);
	}
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Reads and walks one part; missing optional parts are skipped. */
static int read_part(struct dx *x, struct zr *z, const char *path, const char *part,
                     const char *section, const char *notes, struct err *err)
{
	char *data;
	size_t len;
	if (zr_read(z, part, &data, &len, err) < 0)
		return -1;
	char name[700];
	snprintf(name, sizeof name, "%s:%s", path, part);
	xmlDocPtr doc = dm_xml_parse(name, data, len, err);
	free(data);
	if (!doc)
		return -1;
	xmlNodePtr root = xmlDocGetRootElement(doc);
	if (root) {
		if (section && (dm_par_break(&x->text) < 0 ||
		                dm_section_set(x->dm, x->text.len, section) < 0))
			x->failed = 1;
		if (notes)
			walk_notes(x, root, notes);
		else
			walk(x, root, section == NULL);
	}
	xmlFreeDoc(doc);
	if (x->failed)
		return err_set(err, path, 0, "out of memory");
	return 0;
}

int rd_docx(const char *path, char *data, size_t len, struct ex_text *out, struct err *err)
{
	const char *name = strcmp(path, "-") ? path : "<stdin>";
	struct zr *z = zr_open(name, "DOCX", data, len, err);
	if (!z) {
		free(data);
		return -1;
	}
	struct styles styles = { NULL, 0 };
	struct dx x = { BUF_INIT, dm_new(), &styles, 0 };
	int rc = 0;
	if (!x.dm)
		rc = err_set(err, name, 0, "out of memory");
	else if (!zr_has(z, "word/document.xml"))
		rc = err_set(err, name, 0,
		             zr_has(z, "content.xml") ? "no word/document.xml: an OpenDocument file, "
		                                        "read it as .odt"
		                                      : "no word/document.xml: not a Word document");
	if (rc == 0 && zr_has(z, "word/styles.xml")) {
		char *sd;
		size_t sl;
		char sname[700];
		snprintf(sname, sizeof sname, "%s:word/styles.xml", name);
		xmlDocPtr sdoc = NULL;
		if (zr_read(z, "word/styles.xml", &sd, &sl, err) < 0) {
			rc = -1;
		} else {
			sdoc = dm_xml_parse(sname, sd, sl, err);
			free(sd);
			rc = sdoc ? 0 : -1;
		}
		if (sdoc) {
			styles_load(sdoc, &styles);
			xmlFreeDoc(sdoc);
		}
	}
	if (rc == 0)
		rc = read_part(&x, z, name, "word/document.xml", NULL, NULL, err);
	if (rc == 0 && zr_has(z, "word/footnotes.xml"))
		rc = read_part(&x, z, name, "word/footnotes.xml", "Fußnoten", "footnote", err);
	if (rc == 0 && zr_has(z, "word/endnotes.xml"))
		rc = read_part(&x, z, name, "word/endnotes.xml", "Endnoten", "endnote", err);
	/* headers, then footers, each in name order */
	for (int pass = 0; pass < 2 && rc == 0; pass++) {
		const char *prefix = pass ? "word/footer" : "word/header";
		size_t n = zr_count(z), k = 0;
		const char **names = calloc(n ? n : 1, sizeof *names);
		if (!names) {
			rc = err_set(err, name, 0, "out of memory");
			break;
		}
		for (size_t i = 0; i < n; i++) {
			const char *en = zr_name(z, i);
			size_t el = en ? strlen(en) : 0;
			if (en && !strncmp(en, prefix, strlen(prefix)) && el > 4 &&
			    !strcmp(en + el - 4, ".xml") && !strchr(en + strlen(prefix), '/'))
				names[k++] = en;
		}
		qsort(names, k, sizeof *names, cmp_str);
		for (size_t i = 0; i < k && rc == 0; i++)
			rc = read_part(&x, z, name, names[i], pass ? "Fußzeile" : "Kopfzeile", NULL, err);
		free(names);
	}
	styles_free(&styles);
	zr_close(z);
	free(data);
	if (rc == 0 && !x.failed && !x.text.data && buf_putc(&x.text, 0) == 0)
		x.text.len = 0;
	if (rc < 0 || x.failed || !x.text.data) {
		if (rc == 0)
			err_set(err, name, 0, "out of memory");
		buf_free(&x.text);
		dm_free(x.dm);
		return -1;
	}
	size_t tl = x.text.len;
	return rd_document_finish(path, buf_detach(&x.text), tl, x.dm, out, err);
}
