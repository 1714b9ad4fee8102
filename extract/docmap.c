/* docmap.c - pages, heading paths and entry references of a document
 * (docmap.h), and the helpers the container readers share. */
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "docmap.h"

struct dm_doc *dm_new(void)
{
	return calloc(1, sizeof(struct dm_doc));
}

void dm_free(struct dm_doc *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n_sections; i++)
		free(d->sections[i].path);
	for (size_t i = 0; i < d->n_refs; i++)
		free(d->refs[i].key);
	for (int i = 0; i < DM_MAX_LEVEL; i++)
		free(d->titles[i]);
	free(d->pages);
	free(d->sections);
	free(d->refs);
	free(d);
}

static int grow(void **v, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return 0;
	size_t nc = *cap ? 2 * *cap : 16;
	void *nv = realloc(*v, nc * size);
	if (!nv)
		return -1;
	*v = nv;
	*cap = nc;
	return 0;
}

int dm_page_add(struct dm_doc *d, size_t off, long page)
{
	if (grow((void **)&d->pages, &d->cap_pages, d->n_pages, sizeof *d->pages) < 0)
		return -1;
	d->pages[d->n_pages++] = (struct dm_page){ off, page };
	return 0;
}

int dm_section_set(struct dm_doc *d, size_t off, const char *path)
{
	char *p = strdup(path);
	if (!p || grow((void **)&d->sections, &d->cap_sections, d->n_sections,
	               sizeof *d->sections) < 0) {
		free(p);
		return -1;
	}
	/* a later section at the same offset replaces the earlier one */
	if (d->n_sections && d->sections[d->n_sections - 1].off == off) {
		free(d->sections[d->n_sections - 1].path);
		d->sections[d->n_sections - 1].path = p;
		return 0;
	}
	d->sections[d->n_sections++] = (struct dm_section){ off, p };
	return 0;
}

/* The heading's text on one line, white space collapsed, at most 200 bytes
 * (cut at a character boundary). */
static char *clean_title(const char *s, size_t len)
{
	char *t = malloc(len + 1);
	if (!t)
		return NULL;
	size_t k = 0;
	int space = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			space = k > 0;
			continue;
		}
		if (space)
			t[k++] = ' ';
		space = 0;
		t[k++] = (char)c;
	}
	if (k > 200) {
		k = 200;
		while (k > 0 && ((unsigned char)t[k] & 0xC0) == 0x80)
			k--;
	}
	t[k] = 0;
	return t;
}

int dm_heading(struct dm_doc *d, size_t off, int level, const char *title, size_t title_len)
{
	if (level < 1)
		level = 1;
	if (level > DM_MAX_LEVEL)
		level = DM_MAX_LEVEL;
	char *t = clean_title(title, title_len);
	if (!t)
		return -1;
	if (!t[0]) { /* an empty heading opens no section */
		free(t);
		return 0;
	}
	for (int i = level - 1; i < DM_MAX_LEVEL; i++) {
		free(d->titles[i]);
		d->titles[i] = NULL;
	}
	d->titles[level - 1] = t;
	struct buf path = BUF_INIT;
	int rc = 0;
	for (int i = 0; i < level && rc == 0; i++)
		if (d->titles[i])
			rc = (path.len && buf_puts(&path, " > ")) || buf_puts(&path, d->titles[i]);
	if (rc == 0)
		rc = dm_section_set(d, off, buf_cstr(&path));
	buf_free(&path);
	return rc ? -1 : 0;
}

int dm_ref_add(struct dm_doc *d, size_t start, size_t end, const char *key, size_t key_len,
               int is_short)
{
	char *k = strndup(key, key_len);
	if (!k || grow((void **)&d->refs, &d->cap_refs, d->n_refs, sizeof *d->refs) < 0) {
		free(k);
		return -1;
	}
	d->refs[d->n_refs++] = (struct dm_ref){ start, end, k, is_short };
	return 0;
}

long dm_page_at(const struct dm_doc *d, size_t off)
{
	if (!d || !d->n_pages || d->pages[0].off > off)
		return 0;
	size_t lo = 0, hi = d->n_pages;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (d->pages[mid].off <= off)
			lo = mid;
		else
			hi = mid;
	}
	return d->pages[lo].page;
}

const char *dm_section_at(const struct dm_doc *d, size_t off)
{
	if (!d || !d->n_sections || d->sections[0].off > off)
		return NULL;
	size_t lo = 0, hi = d->n_sections;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (d->sections[mid].off <= off)
			lo = mid;
		else
			hi = mid;
	}
	return d->sections[lo].path[0] ? d->sections[lo].path : NULL;
}

/* ---- Markdown headings ---- */

#include "reader.h"

/* A heading's text without its inline markup (**, `, links); streamed
 * Markdown is not sanitised yet, so its bytes are made valid UTF-8 here. */
static int md_heading(struct dm_doc *d, size_t off, int level, const char *s, size_t len)
{
	char *t = strndup(s, len);
	if (!t)
		return -1;
	rd_sanitize(t, strlen(t));
	rd_markdown_blank(t, strlen(t));
	int rc = dm_heading(d, off, level, t, strlen(t));
	free(t);
	return rc;
}

/* Where the text after YAML front matter (pandoc, MkDocs) starts: 0 when
 * there is none, or when its closing line is not in s. */
static size_t md_front_matter(const char *s, size_t len)
{
	const char *end = s + len;
	if (len < 4 || strncmp(s, "---", 3) || (s[3] != '\n' && s[3] != '\r'))
		return 0;
	const char *q = s + 4;
	while (q < end) {
		const char *nl = memchr(q, '\n', (size_t)(end - q));
		const char *e = nl ? nl : end;
		if (e - q >= 3 && (!strncmp(q, "---", 3) || !strncmp(q, "...", 3)))
			return nl ? (size_t)(nl + 1 - s) : len;
		q = nl ? nl + 1 : end;
	}
	return 0;
}

int dm_markdown_headings_lines(struct dm_doc *d, struct dm_md_lines *st, const char *s,
                               size_t len, size_t base)
{
	const char *p = s, *end = s + len;
	/* the line a setext underline would make a heading: in s, or kept from
	 * the chunk before */
	const char *prev = st->has_prev ? st->prev : NULL;
	size_t prev_len = st->prev_len, prev_off = st->prev_off;
	if (!st->started) {
		st->started = 1;
		p += md_front_matter(s, len);
	}
	if (st->mid_line) { /* the rest of a line cut at the chunk before */
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		p = nl ? nl + 1 : end;
		st->mid_line = !nl;
		prev = NULL;
	}
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end;
		const char *q = p;
		while (q < e && q - p < 4 && *q == ' ')
			q++;
		if (e - q >= 3 && (!strncmp(q, "```", 3) || !strncmp(q, "~~~", 3))) {
			st->in_fence = !st->in_fence;
			prev = NULL;
		} else if (!st->in_fence && q < e && *q == '#') {
			int level = 0;
			while (q < e && *q == '#')
				q++, level++;
			if (level <= 6 && (q == e || *q == ' ' || *q == '\t')) {
				const char *te = e;
				while (te > q && (te[-1] == ' ' || te[-1] == '\t' || te[-1] == '\r'))
					te--;
				while (te > q && te[-1] == '#') /* closing sequence */
					te--;
				if (md_heading(d, base + (size_t)(p - s), level, q, (size_t)(te - q)) < 0)
					return -1;
			}
			prev = NULL;
		} else if (!st->in_fence && prev && q < e && (*q == '=' || *q == '-')) {
			/* a setext underline: the line before is the heading */
			const char *r = q;
			while (r < e && *r == *q)
				r++;
			while (r < e && (*r == ' ' || *r == '\t' || *r == '\r'))
				r++;
			if (r == e && (*q == '=' || q + 1 < e)) {
				if (md_heading(d, prev_off, *q == '=' ? 1 : 2, prev, prev_len) < 0)
					return -1;
				prev = NULL;
			} else {
				prev = p;
				prev_len = (size_t)(e - p);
				prev_off = base + (size_t)(p - s);
			}
		} else {
			int blank = 1;
			for (const char *r = p; r < e; r++)
				if (*r != ' ' && *r != '\t' && *r != '\r')
					blank = 0;
			/* only a one-line paragraph can be a setext heading here */
			prev = blank || st->in_fence ? NULL : p;
			prev_len = (size_t)(e - p);
			prev_off = base + (size_t)(p - s);
		}
		if (!nl && len) /* s ends inside a line: its rest comes first next time */
			st->mid_line = 1;
		p = nl ? nl + 1 : end;
	}
	/* keep the candidate line for the next chunk (its bytes go away) */
	if (prev && prev != st->prev && !st->mid_line) {
		char *c = malloc(prev_len ? prev_len : 1);
		if (!c)
			return -1;
		memcpy(c, prev, prev_len);
		free(st->prev);
		st->prev = c;
	}
	st->has_prev = prev != NULL && !st->mid_line;
	st->prev_len = prev_len;
	st->prev_off = prev_off;
	return 0;
}

void dm_md_lines_free(struct dm_md_lines *st)
{
	free(st->prev);
	st->prev = NULL;
	st->has_prev = 0;
}

int dm_markdown_headings(struct dm_doc *d, const char *s, size_t len)
{
	struct dm_md_lines st = { 0 };
	int rc = dm_markdown_headings_lines(d, &st, s, len, 0);
	dm_md_lines_free(&st);
	return rc;
}

/* ---- XML parts ---- */

struct _xmlDoc *dm_xml_parse(const char *name, const char *data, size_t len, struct err *err)
{
	if (len > 0x7fffffff) {
		err_set(err, name, 0, "part too large");
		return NULL;
	}
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	if (!ctxt) {
		err_set(err, name, 0, "out of memory");
		return NULL;
	}
	/* no XML_PARSE_NOENT, no XML_PARSE_DTDLOAD; XML_PARSE_HUGE stays off */
	xmlDocPtr doc = xmlCtxtReadMemory(ctxt, data, (int)len, name, NULL,
	                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc) {
		const xmlError *e = xmlCtxtGetLastError(ctxt);
		char msg[512] = "cannot parse";
		long line = 0;
		if (e && e->message) {
			snprintf(msg, sizeof msg, "%s", e->message);
			size_t k = strlen(msg);
			while (k && (msg[k - 1] == '\n' || msg[k - 1] == ' '))
				msg[--k] = 0;
			line = e->line;
		}
		err_set(err, name, line, "not well-formed XML: %s", msg);
	} else if (doc->intSubset || doc->extSubset) {
		err_set(err, name, doc->intSubset ? xmlGetLineNo((xmlNodePtr)doc->intSubset) : 0,
		        "the part declares a DTD (entities are never expanded nor fetched): refused");
		xmlFreeDoc(doc);
		doc = NULL;
	}
	xmlFreeParserCtxt(ctxt);
	return doc;
}

int dm_par_break(struct buf *b)
{
	/* drop trailing blanks of the paragraph, then one blank line */
	while (b->len && (b->data[b->len - 1] == ' ' || b->data[b->len - 1] == '\t'))
		b->data[--b->len] = 0;
	if (b->len == 0)
		return 0;
	if (b->len >= 2 && b->data[b->len - 1] == '\n' && b->data[b->len - 2] == '\n')
		return 0;
	return buf_puts(b, b->data[b->len - 1] == '\n' ? "\n" : "\n\n");
}

/* ---- the public side (extract.h) ---- */

#include "extract.h"

long ex_text_page(const struct ex_text *t, size_t offset)
{
	return dm_page_at(t->doc, offset);
}

const char *ex_text_section(const struct ex_text *t, size_t offset)
{
	return dm_section_at(t->doc, offset);
}

/* ---- HTML headings ---- */

struct dm_doc *dm_html_headings(struct _xmlDoc *doc, const struct buf *text)
{
	struct dm_doc *d = dm_new();
	if (!d)
		return NULL;
	const char *t = text->data ? text->data : "";
	size_t from = 0;
	xmlNodePtr root = (xmlNodePtr)doc, n = root->children;
	while (n) {
		int descend = n->children != NULL;
		if (n->type == XML_ELEMENT_NODE) {
			const char *name = (const char *)n->name;
			if ((name[0] == 'h' || name[0] == 'H') && name[1] >= '1' && name[1] <= '6' &&
			    !name[2]) {
				descend = 0;
				xmlChar *c = xmlNodeGetContent(n);
				const char *s = c ? (const char *)c : "";
				while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
					s++;
				size_t probe = strcspn(s, "\t\r\n");
				if (probe > 32)
					probe = 32;
				while (probe > 0 && ((unsigned char)s[probe] & 0xC0) == 0x80)
					probe--;
				const char *hit = probe && from < text->len
				                          ? memmem(t + from, text->len - from, s, probe) : NULL;
				int rc = 0;
				if (hit) {
					from = (size_t)(hit - t) + probe;
					rc = dm_heading(d, (size_t)(hit - t), name[1] - '0', s, strlen(s));
				}
				xmlFree(c);
				if (rc < 0) {
					dm_free(d);
					return NULL;
				}
			} else if (!strcmp(name, "script") || !strcmp(name, "style") ||
			           !strcmp(name, "template")) {
				descend = 0;
			}
		} else {
			descend = 0;
		}
		if (descend) {
			n = n->children;
			continue;
		}
		while (n && n != root && !n->next)
			n = n->parent;
		if (!n || n == root)
			break;
		n = n->next;
	}
	return d;
}
