/* reader.c - whole-document readers: plain text, Markdown (markup blanked
 * with spaces so offsets stay file offsets), HTML (libxml2's HTML parser with
 * recovery, read from its SAX events without a tree) and generic XML (a tree;
 * no network, no DTD loading, no entity substitution), each with its map back
 * to line and column of the input. Limits: docs/limits.md.
 *
 * HTML and XML declare their encoding (<meta charset>, http-equiv
 * Content-Type, <?xml encoding?>, a byte order mark): a document in another
 * encoding than UTF-8 is converted with iconv before it is parsed. Lines stay
 * where they were and columns count characters, so positions still point
 * into the input file. Undeclared bytes that are not UTF-8 are reported with
 * the encoding they most likely are in. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>

#include "../common/buf.h"
#include "../common/encoding.h"
#include "docmap.h"
#include "documents.h"
#include "extract.h"
#include "reader.h"

/* ---- formats ---- */

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && !strcasecmp(s + n - k, suffix);
}

const char *ex_format_for(const char *path)
{
	if (ends_with(path, ".md") || ends_with(path, ".markdown"))
		return "md";
	if (ends_with(path, ".html") || ends_with(path, ".htm") || ends_with(path, ".xhtml"))
		return "html";
	if (ends_with(path, ".xml"))
		return "xml";
	if (ends_with(path, ".docx"))
		return "docx";
	if (ends_with(path, ".odt"))
		return "odt";
	if (ends_with(path, ".pdf"))
		return "pdf";
	if (ends_with(path, ".tex") || ends_with(path, ".latex"))
		return "tex";
	return "txt";
}

int ex_format_valid(const char *format)
{
	return format && (!strcmp(format, "txt") || !strcmp(format, "md") ||
	                  !strcmp(format, "html") || !strcmp(format, "xml") ||
	                  rd_is_document(format));
}

/* ---- loading ---- */

int rd_load(const char *path, char **out, size_t *len, struct err *err)
{
	int is_stdin = !strcmp(path, "-");
	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	if (!f)
		return err_set(err, path, 0, "cannot read: %s", strerror(errno));
	struct buf b = BUF_INIT;
	char chunk[65536];
	size_t n;
	int rc = 0;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (b.len + n > RD_MAX_DOCUMENT) {
			rc = err_set(err, is_stdin ? "<stdin>" : path, 0,
			             "larger than %d MB, the limit for a whole document",
			             RD_MAX_DOCUMENT >> 20);
			break;
		}
		if (buf_append(&b, chunk, n) < 0) {
			rc = err_set(err, path, 0, "out of memory");
			break;
		}
	}
	if (!rc && ferror(f))
		rc = err_set(err, is_stdin ? "<stdin>" : path, 0, "cannot read: %s", strerror(errno));
	if (!is_stdin)
		fclose(f);
	if (rc) {
		buf_free(&b);
		return -1;
	}
	if (!b.data && buf_putc(&b, 0) == 0)
		b.len = 0;
	if (!b.data)
		return err_set(err, path, 0, "out of memory");
	*len = b.len;
	*out = buf_detach(&b);
	return 0;
}

/* Makes s valid UTF-8 in place without moving a byte: an invalid byte and NUL
 * become '?' and ' ', a BOM three spaces. Returns the offset of the first
 * invalid byte, or SIZE_MAX. */
size_t rd_sanitize_guess(char *s, size_t len, const char **likely)
{
	/* Guess from the bytes as they were, before they are replaced. */
	*likely = NULL;
	const char *guess = enc_guess(s, len);
	size_t at = rd_sanitize(s, len);
	if (at != SIZE_MAX)
		*likely = guess;
	return at;
}

size_t rd_sanitize(char *s, size_t len)
{
	size_t first = SIZE_MAX;
	const unsigned char *u = (const unsigned char *)s;
	if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
		memset(s, ' ', 3);
	size_t i = 0;
	while (i < len) {
		if (u[i] < 0x80) {
			if (!u[i])
				s[i] = ' ';
			i++;
			continue;
		}
		utf8proc_int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate(u + i, (utf8proc_ssize_t)(len - i), &c);
		if (k <= 0) {
			if (first == SIZE_MAX)
				first = i;
			s[i++] = '?';
		} else {
			i += (size_t)k;
		}
	}
	return first;
}

long rd_line_of(const char *s, size_t offset)
{
	long line = 1;
	for (const char *p = s; (p = memchr(p, '\n', (size_t)(s + offset - p))) != NULL; p++)
		line++;
	return line;
}

/* ---- Markdown ---- */

static int is_alnum_byte(unsigned char c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c >= 0x80;
}

/* Raw HTML whose content a browser does not show, as the HTML reader skips
 * it: <script>, <style>, <template> and comments. Returns its kind or 0. */
enum { RAW_NONE, RAW_SCRIPT, RAW_STYLE, RAW_TEMPLATE, RAW_COMMENT };
static const char *const raw_close[] = { "", "</script", "</style", "</template", "-->" };

static int raw_open(const char *r, const char *e)
{
	static const char *const names[] = { "", "script", "style", "template" };
	if (e - r >= 4 && !memcmp(r, "<!--", 4))
		return RAW_COMMENT;
	for (int k = RAW_SCRIPT; k <= RAW_TEMPLATE; k++) {
		size_t n = strlen(names[k]);
		if ((size_t)(e - r) >= n + 1 && !strncasecmp(r + 1, names[k], n) &&
		    ((size_t)(e - r) == n + 1 || strchr(" \t>/", r[1 + n])))
			return k;
	}
	return RAW_NONE;
}

/* Blanks from r to the end of raw content kind (through its closing tag)
 * or to e; returns where the blanking stopped. */
static char *raw_blank(char *r, char *e, int *in_raw)
{
	const char *close = raw_close[*in_raw];
	size_t n = strlen(close);
	char *q = r;
	for (; q + n <= e; q++)
		if (!strncasecmp(q, close, n))
			break;
	if (q + n > e) {
		memset(r, ' ', (size_t)(e - r));
		return e;
	}
	char *gt = *in_raw == RAW_COMMENT ? q + n - 1 : memchr(q, '>', (size_t)(e - q));
	char *end = gt ? gt + 1 : e;
	memset(r, ' ', (size_t)(end - r));
	*in_raw = RAW_NONE; /* "</script" with its '>' on a later line counts as closed */
	return end;
}

/* Blanks the markup of one line [p, e). */
static void md_blank_line(char *p, char *e, int *in_fence, int *in_raw)
{
	if (*in_raw) {
		char *r = raw_blank(p, e, in_raw);
		if (*in_raw || r == e)
			return;
		memset(p, ' ', (size_t)(r - p));
	}
	char *q = p;
	while (q < e && (*q == ' ' || *q == '\t'))
		q++;
	if (e - q >= 3 && (!strncmp(q, "```", 3) || !strncmp(q, "~~~", 3))) {
		memset(p, ' ', (size_t)(e - p));
		*in_fence = !*in_fence;
		return;
	}
	if (*in_fence)
		return;
	/* a reference definition "[id]: url" or a table rule "|---|:--|" */
	if (q < e && *q == '[') {
		char *r = memchr(q, ']', (size_t)(e - q));
		if (r && r + 1 < e && r[1] == ':') {
			memset(p, ' ', (size_t)(e - p));
			return;
		}
	}
	int only_rule = q < e;
	for (char *r = q; r < e; r++)
		if (!strchr("|:- \t=*_", *r))
			only_rule = 0;
	if (only_rule) {
		memset(p, ' ', (size_t)(e - p));
		return;
	}
	/* block markers at the line start: headings, quotes, list items */
	for (;;) {
		if (q < e && *q == '>') {
			*q++ = ' ';
		} else if (q < e && *q == '#') {
			while (q < e && *q == '#')
				*q++ = ' ';
		} else if (q + 1 < e && strchr("-*+", *q) && q[1] == ' ') {
			*q = ' ';
			q += 2;
		} else {
			char *r = q;
			while (r < e && *r >= '0' && *r <= '9')
				r++;
			if (r > q && r + 1 < e && (*r == '.' || *r == ')') && r[1] == ' ') {
				memset(q, ' ', (size_t)(r + 1 - q));
				q = r + 2;
			} else {
				break;
			}
		}
		while (q < e && (*q == ' ' || *q == '\t'))
			q++;
	}
	/* inline markup */
	for (char *r = q; r < e; r++) {
		unsigned char c = (unsigned char)*r;
		unsigned char prev = r > p ? (unsigned char)r[-1] : ' ';
		unsigned char next = r + 1 < e ? (unsigned char)r[1] : ' ';
		if (c == '\\' && r + 1 < e && strchr("\\`*_{}[]()#+-.!|<>", next)) {
			*r++ = ' ';
		} else if (c == '`' || c == '|' || (c == '~' && next == '~')) {
			*r = ' ';
			if (c == '~')
				*++r = ' ';
		} else if ((c == '*' || c == '_') && !(is_alnum_byte(prev) && is_alnum_byte(next))) {
			*r = ' ';
		} else if (c == '!' && next == '[') {
			*r = ' ';
		} else if (c == '[') {
			*r = ' ';
		} else if (c == ']' && next == '(') {
			char *close = memchr(r, ')', (size_t)(e - r));
			if (close) {
				memset(r, ' ', (size_t)(close + 1 - r));
				r = close;
			} else {
				*r = ' ';
			}
		} else if (c == ']') {
			*r = ' ';
		} else if (c == '<' && (*in_raw = raw_open(r, e)) != RAW_NONE) {
			/* blank the opening tag, then the content up to the closing one */
			char *gt = *in_raw == RAW_COMMENT ? r + 3 : memchr(r, '>', (size_t)(e - r));
			if (!gt) {
				memset(r, ' ', (size_t)(e - r));
				return; /* the tag goes on: so does the raw content */
			}
			memset(r, ' ', (size_t)(gt + 1 - r));
			r = raw_blank(gt + 1, e, in_raw) - 1;
			if (*in_raw)
				return;
		} else if (c == '<' && (next == '/' || next == '!' || ((next | 0x20) >= 'a' && (next | 0x20) <= 'z'))) {
			char *close = memchr(r, '>', (size_t)(e - r));
			if (close) {
				/* an autolink <https://...> or a tag: markup either way */
				memset(r, ' ', (size_t)(close + 1 - r));
				r = close;
			}
		}
	}
}

void rd_markdown_blank_lines(char *s, size_t len, struct rd_md_state *st)
{
	char *p = s, *end = s + len;
	while (p < end) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		char *e = nl ? nl : end;
		md_blank_line(p, e, &st->in_fence, &st->in_raw);
		p = nl ? nl + 1 : end;
	}
}

void rd_markdown_blank(char *s, size_t len)
{
	struct rd_md_state st = { 0, RAW_NONE };
	rd_markdown_blank_lines(s, len, &st);
}

/* ---- the map for whole texts ---- */

/* Text and Markdown: line starts of the text itself. HTML and XML: segments
 * of the extracted text, each with the input line and column it starts at. */
struct seg {
	size_t text_off;
	long line, col;
};

struct rd_map {
	int is_markup;
	size_t *line_start; /* text: offset of each line's first byte */
	size_t n_lines;
	struct seg *segs;
	size_t n_segs, cap_segs;
};

static void map_free(struct rd_map *m)
{
	if (!m)
		return;
	free(m->line_start);
	free(m->segs);
	free(m);
}

static int line_starts(const char *s, size_t len, size_t **out, size_t *n_out)
{
	size_t n = 1;
	for (const char *p = s; (p = memchr(p, '\n', (size_t)(s + len - p))) != NULL; p++)
		n++;
	size_t *ls = malloc(n * sizeof *ls);
	if (!ls)
		return -1;
	size_t k = 0;
	ls[k++] = 0;
	for (const char *p = s; (p = memchr(p, '\n', (size_t)(s + len - p))) != NULL; p++)
		ls[k++] = (size_t)(p + 1 - s);
	*out = ls;
	*n_out = n;
	return 0;
}

static long cps_between(const char *s, size_t a, size_t b)
{
	long n = 0;
	for (size_t i = a; i < b; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

void ex_text_position(const struct ex_text *t, size_t offset, long *line, long *col)
{
	const struct rd_map *m = t->map;
	if (offset > t->len)
		offset = t->len;
	*line = 1;
	*col = 1;
	if (!m)
		return;
	if (!m->is_markup) {
		size_t lo = 0, hi = m->n_lines;
		while (hi - lo > 1) {
			size_t mid = (lo + hi) / 2;
			if (m->line_start[mid] <= offset)
				lo = mid;
			else
				hi = mid;
		}
		*line = (long)lo + 1;
		*col = cps_between(t->data, m->line_start[lo], offset) + 1;
		return;
	}
	if (!m->n_segs)
		return;
	size_t lo = 0, hi = m->n_segs;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (m->segs[mid].text_off <= offset)
			lo = mid;
		else
			hi = mid;
	}
	const struct seg *sg = &m->segs[lo];
	size_t from = sg->text_off <= offset ? sg->text_off : offset;
	long l = sg->line;
	size_t last_nl = SIZE_MAX;
	for (size_t i = from; i < offset; i++)
		if (t->data[i] == '\n') {
			l++;
			last_nl = i;
		}
	*line = l;
	*col = last_nl == SIZE_MAX ? sg->col + cps_between(t->data, from, offset)
	                           : cps_between(t->data, last_nl + 1, offset) + 1;
}

/* ex_text_position for ascending offsets, in time linear in the text: the
 * cursor moves on from where the last call left it. */
void rd_position_next(const struct ex_text *t, struct rd_pos *c, size_t offset, long *line,
                      long *col)
{
	const struct rd_map *m = t->map;
	if (offset > t->len)
		offset = t->len;
	if (!m || (m->is_markup && !m->n_segs) || (!m->is_markup && !m->n_lines)) {
		ex_text_position(t, offset, line, col);
		return;
	}
	if (!m->is_markup) { /* a text's own lines (documents' extracted text) */
		if (!c->is_set || offset < c->off) {
			size_t lo = 0, hi = m->n_lines;
			while (hi - lo > 1) {
				size_t mid = (lo + hi) / 2;
				if (m->line_start[mid] <= offset)
					lo = mid;
				else
					hi = mid;
			}
			c->off = m->line_start[lo];
			c->line = (long)lo + 1;
			c->col = 1;
			c->is_set = 1;
		}
	} else if (!c->is_set || offset < c->off) {
		size_t lo = 0, hi = m->n_segs;
		while (hi - lo > 1) {
			size_t mid = (lo + hi) / 2;
			if (m->segs[mid].text_off <= offset)
				lo = mid;
			else
				hi = mid;
		}
		c->seg = lo;
		c->off = m->segs[lo].text_off <= offset ? m->segs[lo].text_off : offset;
		c->line = m->segs[lo].line;
		c->col = m->segs[lo].col;
		c->is_set = 1;
	}
	while (m->is_markup && c->seg + 1 < m->n_segs && m->segs[c->seg + 1].text_off <= offset) {
		const struct seg *sg = &m->segs[++c->seg];
		c->off = sg->text_off;
		c->line = sg->line;
		c->col = sg->col;
	}
	const char *p = t->data + c->off, *e = t->data + offset, *last_nl = NULL;
	for (const char *q = p; (q = memchr(q, '\n', (size_t)(e - q))) != NULL; q++) {
		c->line++;
		last_nl = q;
	}
	if (last_nl)
		c->col = 1 + cps_between(t->data, (size_t)(last_nl + 1 - t->data), offset);
	else
		c->col += cps_between(t->data, c->off, offset);
	c->off = offset;
	*line = c->line;
	*col = c->col;
}

void ex_text_free(struct ex_text *t)
{
	if (!t)
		return;
	free(t->data);
	map_free(t->map);
	dm_free(t->doc);
	t->data = NULL;
	t->map = NULL;
	t->doc = NULL;
	t->len = 0;
}

/* ---- HTML and XML ---- */

struct walk {
	struct buf text;
	struct rd_map *map;
	const char *src; /* the input, for columns */
	size_t src_len;
	size_t *src_lines; /* line starts of the input */
	size_t n_src_lines;
	size_t src_pos; /* where the last piece of text was found */
	size_t miss_budget; /* bytes failed searches may still scan: keeps them linear */
	size_t cur_pos;     /* a cursor over the input: line and column of cur_pos */
	long cur_line, cur_col;
	int failed;
};

static int add_seg(struct walk *w, long line, long col)
{
	struct rd_map *m = w->map;
	if (m->n_segs == m->cap_segs) {
		size_t nc = m->cap_segs ? 2 * m->cap_segs : 256;
		struct seg *ns = realloc(m->segs, nc * sizeof *ns);
		if (!ns)
			return -1;
		m->segs = ns;
		m->cap_segs = nc;
	}
	m->segs[m->n_segs++] = (struct seg){ w->text.len, line, col };
	return 0;
}

/* Appends a piece of document text that starts near input line `line`:
 * finds where its first word stands in the input for the column. */
static void add_text(struct walk *w, const char *s, long line)
{
	size_t len = strlen(s);
	if (!len)
		return;
	size_t lead = 0;
	while (lead < len && strchr(" \t\r\n", s[lead]))
		lead++;
	if (buf_append(&w->text, s, lead) < 0) {
		w->failed = 1;
		return;
	}
	if (lead == len)
		return;
	long col = 1;
	size_t at = lead;
	if (line >= 1 && (size_t)line <= w->n_src_lines) {
		/* probe with the first run of plain characters (entities differ) */
		while (at < len && strchr(" \t\r\n&<;", s[at]))
			at++;
		while (at < len && s[at] == '&') { /* skip an entity's own text */
			while (at < len && s[at] != ' ' && s[at] != ';')
				at++;
			while (at < len && strchr(" \t\r\n;", s[at]))
				at++;
		}
		size_t probe = 0;
		while (at + probe < len && probe < 16 && !strchr(" \t\r\n&<", s[at + probe]))
			probe++;
		/* text comes in document order: search from the last piece found
		 * to the end of the line libxml2 reports */
		size_t from = w->src_pos;
		size_t to = (size_t)line < w->n_src_lines ? w->src_lines[line] : w->src_len;
		if (to < from)
			to = from;
		const char *hit = probe && w->miss_budget ? memmem(w->src + from, to - from, s + at, probe)
		                                          : NULL;
		if (hit) {
			size_t pos = (size_t)(hit - w->src);
			w->src_pos = pos + probe;
			/* the cursor moves forward only: linear in the input */
			const char *p = w->src + w->cur_pos, *e = hit, *last_nl = NULL;
			for (const char *q = p; (q = memchr(q, '\n', (size_t)(e - q))) != NULL; q++) {
				w->cur_line++;
				last_nl = q;
			}
			if (last_nl)
				w->cur_col = 1 + cps_between(w->src, (size_t)(last_nl + 1 - w->src), pos);
			else
				w->cur_col += cps_between(w->src, w->cur_pos, pos);
			w->cur_pos = pos;
			line = w->cur_line;
			col = w->cur_col;
		} else if (probe && w->miss_budget) {
			w->miss_budget = to - from < w->miss_budget ? w->miss_budget - (to - from) : 0;
		}
	} else if (line < 1) {
		line = 1;
	}
	/* the segment starts at the probe: entities before it map to the one before */
	if (buf_append(&w->text, s + lead, at - lead) < 0 || add_seg(w, line, col) < 0 ||
	    buf_append(&w->text, s + at, len - at) < 0)
		w->failed = 1;
}

static void add_break(struct walk *w, const char *brk)
{
	size_t n = w->text.len;
	if (n >= 2 && w->text.data[n - 1] == '\n' && w->text.data[n - 2] == '\n')
		return;
	if (n == 0)
		return;
	if (buf_puts(&w->text, brk) < 0)
		w->failed = 1;
}

static int name_in(const xmlChar *name, const char *const *list)
{
	for (; *list; list++)
		if (!strcasecmp((const char *)name, *list))
			return 1;
	return 0;
}

static const char *const html_skip[] = { "script", "style", "template", NULL };
static const char *const html_block[] = {
	"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "table", "tr", "td",
	"th", "br", "hr", "section", "article", "header", "footer", "nav", "aside", "main",
	"blockquote", "pre", "dl", "dt", "dd", "figure", "figcaption", "title", "form",
	"address", "caption", "body", "head", "html", "option", "button", "label", "summary",
	"details", "tbody", "thead", "tfoot", NULL
};

/* XML elements that are inline markup inside running text: their
 * boundaries do not separate words (<emphasis>O</emphasis>ZG is "OZG").
 * DocBook, XHTML and TEI inline elements; every other element's start and
 * end separate words. Names compare without namespace and case. */
static const char *const xml_inline[] = {
	/* DocBook */
	"abbrev", "acronym", "application", "citation", "citetitle", "classname", "code",
	"command", "computeroutput", "email", "emphasis", "filename", "firstname", "firstterm",
	"foreignphrase", "function", "glossterm", "guilabel", "guimenu", "keycap", "link",
	"literal", "olink", "option", "orgname", "personname", "phrase", "productname", "quote",
	"replaceable", "subscript", "superscript", "surname", "systemitem", "trademark",
	"ulink", "userinput", "varname", "wordasword", "xref",
	/* XHTML (and HTML read as XML) */
	"a", "abbr", "b", "bdi", "bdo", "big", "cite", "data", "del", "dfn", "em", "font", "i",
	"ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup",
	"time", "tt", "u", "var", "wbr",
	/* TEI */
	"add", "choice", "corr", "date", "emph", "expan", "foreign", "gloss", "hi", "measure", "mentioned", "name", "num", "orgname", "orig", "persname", "placename", "ref",
	"reg", "rs", "seg", "sic", "socalled", "supplied", "term", "title", "unclear", NULL
};

/* Markers kept in an element's _private (libxml2 leaves it to the
 * application): whether its content is mixed, i.e. has text of its own. */
static char mixed_yes, mixed_no;

static int is_mixed(xmlNodePtr parent)
{
	if (parent->_private == &mixed_yes || parent->_private == &mixed_no)
		return parent->_private == &mixed_yes;
	int mixed = 0;
	for (xmlNodePtr c = parent->children; c && !mixed; c = c->next)
		if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
			for (const xmlChar *q = c->content; *q && !mixed; q++)
				mixed = !strchr(" \t\r\n", *q);
	parent->_private = mixed ? &mixed_yes : &mixed_no;
	return mixed;
}

/* An XML element is inline when it is an inline element standing in running
 * text (its parent has text of its own); the same names among elements
 * only (<glossterm>X</glossterm><acronym>Y</acronym>) are structure. */
static int xml_is_inline(xmlNodePtr node)
{
	return node->parent && node->parent->type == XML_ELEMENT_NODE && is_mixed(node->parent) &&
	       name_in(node->name, xml_inline);
}

/* Separates words: a line break unless the text already ends in white space. */
static void add_sep(struct walk *w)
{
	size_t n = w->text.len;
	if (n == 0 || strchr(" \t\r\n", w->text.data[n - 1]))
		return;
	if (buf_putc(&w->text, '\n') < 0)
		w->failed = 1;
}

/* In XML, an element holding elements is structure: its end ends a sentence. */
static int has_element_child(xmlNodePtr node)
{
	for (xmlNodePtr c = node->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return 1;
	return 0;
}

/* Walks an XML tree without recursion (documents may nest deeply). */
static void walk_tree(struct walk *w, xmlNodePtr root)
{
	xmlNodePtr node = root->children;
	while (node && !w->failed) {
		int descend = 0;
		if (node->type == XML_ELEMENT_NODE) {
			if (!xml_is_inline(node))
				add_sep(w);
			descend = node->children != NULL;
		} else if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
			if (node->content)
				add_text(w, (const char *)node->content, xmlGetLineNo(node));
		}
		/* entity references are not followed: no substitution, no expansion */
		if (descend) {
			node = node->children;
			continue;
		}
		if (node->type == XML_ELEMENT_NODE && !xml_is_inline(node))
			add_sep(w); /* the end of an empty element */
		while (node && node != root && !node->next) {
			node = node->parent;
			if (node == root)
				break;
			if (node && node->type == XML_ELEMENT_NODE && node != root) {
				if (has_element_child(node))
					add_break(w, "\n");
				else if (!xml_is_inline(node))
					add_sep(w);
			}
		}
		if (!node || node == root)
			break;
		node = node->next;
	}
}

/* libxml2 (2.9) checks each attribute against all before it: quadratic
 * in the attributes of one element (100,000 take 47 s). A linear pre-scan
 * refuses an element with more than RD_MAX_ATTRS; returns its line or 0. */
static long too_many_attrs(const char *s, size_t len, int is_html)
{
	long line = 1;
	size_t i = 0;
#define SKIP_TO(pat) /* past the next pat, counting lines */                               \
	do {                                                                                \
		const char *hit_ = memmem(s + i, len - i, pat, sizeof(pat) - 1);             \
		size_t to_ = hit_ ? (size_t)(hit_ - s) + sizeof(pat) - 1 : len;             \
		for (const char *q_ = s + i; (q_ = memchr(q_, '\n', (size_t)(s + to_ - q_))); q_++) \
			line++;                                                             \
		i = to_;                                                                    \
	} while (0)
	while (i < len) {
		const char *lt = memchr(s + i, '<', len - i);
		if (!lt)
			break;
		for (const char *q = s + i; (q = memchr(q, '\n', (size_t)(lt - q))); q++)
			line++;
		i = (size_t)(lt - s);
		if (len - i >= 4 && !memcmp(s + i, "<!--", 4)) {
			SKIP_TO("-->");
			continue;
		}
		if (len - i >= 9 && !memcmp(s + i, "<![CDATA[", 9)) {
			SKIP_TO("]]>");
			continue;
		}
		unsigned char c = i + 1 < len ? (unsigned char)s[i + 1] : 0;
		if (!((c | 0x20) >= 'a' && (c | 0x20) <= 'z') && c != '_' && c < 0x80) {
			i++;
			continue;
		}
		long tag_line = line;
		size_t name = i + 1;
		while (i < len && !strchr(" \t\r\n/>", s[i]))
			i++;
		int is_raw = is_html && ((i - name == 6 && !strncasecmp(s + name, "script", 6)) ||
		                         (i - name == 5 && !strncasecmp(s + name, "style", 5)));
		long n_attrs = 0;
		int after_eq = 0;
		while (i < len && s[i] != '>') {
			char ch = s[i];
			if (ch == '"' || ch == '\'') {
				const char *close = memchr(s + i + 1, ch, len - i - 1);
				size_t to = close ? (size_t)(close - s) + 1 : len;
				for (const char *q = s + i; (q = memchr(q, '\n', (size_t)(s + to - q))); q++)
					line++;
				i = to;
				after_eq = 0;
			} else if (strchr(" \t\r\n/", ch)) {
				line += ch == '\n';
				i++;
			} else if (ch == '=') {
				after_eq = 1;
				i++;
			} else {
				if (!after_eq && ++n_attrs > RD_MAX_ATTRS)
					return tag_line;
				while (i < len && !strchr(" \t\r\n=/>", s[i]))
					i++;
				after_eq = 0;
			}
		}
		if (is_raw) /* script text is not markup */
			for (;;) {
				SKIP_TO("</");
				if (i >= len || !strncasecmp(s + i, "script", 6) || !strncasecmp(s + i, "style", 5))
					break;
			}
	}
#undef SKIP_TO
	return 0;
}

/* ---- HTML through SAX events: no tree, so memory stays near the text ---- */

struct sax_html {
	struct walk *w;
	htmlParserCtxtPtr ctxt;
	long depth, skip_depth; /* skip_depth: the depth of an open <script> etc., or 0 */
	struct buf pending;     /* text of one run, as one text node of the tree had it */
	long pending_line;
	long too_deep_line;
	/* h1-h6 give the sections (docmap.c): the open heading's depth (0 when
	 * none), level, where its text starts and its text runs */
	struct dm_doc *doc;
	long h_depth;
	int h_level;
	size_t h_start;
	struct buf h_title;
};

static long sh_line(const struct sax_html *h)
{
	return h->ctxt->input ? h->ctxt->input->line : 0;
}

/* A heading's title as the tree's content had it (its text runs, no
 * attributes); dm_heading keeps 200 bytes, so a bounded prefix suffices. */
enum { H_TITLE_MAX = 1 << 16 };

static void sh_flush(struct sax_html *h)
{
	if (!h->pending.len)
		return;
	add_text(h->w, h->pending.data, h->pending_line);
	if (h->h_depth && h->h_title.len < H_TITLE_MAX) {
		size_t n = H_TITLE_MAX - h->h_title.len;
		if (buf_append(&h->h_title, h->pending.data, h->pending.len < n ? h->pending.len : n) < 0)
			h->w->failed = 1;
	}
	h->pending.len = 0;
}

static int is_heading(const xmlChar *name)
{
	return (name[0] == 'h' || name[0] == 'H') && name[1] >= '1' && name[1] <= '6' && !name[2];
}

static void sh_attr(struct sax_html *h, const xmlChar **atts, const char *attr)
{
	for (size_t i = 0; atts && atts[i]; i += 2)
		if (!strcasecmp((const char *)atts[i], attr) && atts[i + 1]) {
			add_break(h->w, "\n\n");
			add_text(h->w, (const char *)atts[i + 1], sh_line(h));
			add_break(h->w, "\n\n");
			return;
		}
}

static void sh_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
	struct sax_html *h = ctx;
	if (++h->depth > RD_MAX_DEPTH) {
		if (!h->too_deep_line)
			h->too_deep_line = sh_line(h);
		xmlStopParser(h->ctxt);
		return;
	}
	if (h->skip_depth)
		return;
	sh_flush(h);
	if (name_in(name, html_skip)) {
		h->skip_depth = h->depth;
		return;
	}
	if (name_in(name, html_block))
		add_break(h->w, "\n\n");
	sh_attr(h, atts, "title");
	sh_attr(h, atts, "alt");
	if (!h->h_depth && is_heading(name)) { /* a heading inside one is its text */
		h->h_depth = h->depth;
		h->h_level = name[1] - '0';
		h->h_start = h->w->text.len;
		h->h_title.len = 0;
	}
}

static void sh_end(void *ctx, const xmlChar *name)
{
	struct sax_html *h = ctx;
	long depth = h->depth--;
	if (h->skip_depth) {
		if (depth <= h->skip_depth)
			h->skip_depth = 0;
		return;
	}
	sh_flush(h);
	if (h->h_depth && depth <= h->h_depth) {
		h->h_depth = 0;
		if (dm_heading(h->doc, h->h_start, h->h_level, h->h_title.data ? h->h_title.data : "",
		               h->h_title.len) < 0)
			h->w->failed = 1;
	}
	if (name_in(name, html_block))
		add_break(h->w, "\n\n");
}

static void sh_chars(void *ctx, const xmlChar *ch, int len)
{
	struct sax_html *h = ctx;
	if (h->skip_depth || len <= 0)
		return;
	if (!h->pending.len)
		h->pending_line = sh_line(h);
	if (buf_append(&h->pending, (const char *)ch, (size_t)len) < 0)
		h->w->failed = 1;
}

/* A comment or a processing instruction ends a run of text, as it ends a
 * text node in the tree. */
static void sh_comment(void *ctx, const xmlChar *value)
{
	(void)value;
	sh_flush(ctx);
}

static void sh_pi(void *ctx, const xmlChar *target, const xmlChar *data)
{
	(void)target;
	(void)data;
	sh_flush(ctx);
}

static void sh_blank(void *ctx, const xmlChar *ch, int len)
{
	(void)ctx;
	(void)ch;
	(void)len;
}

static int read_html(const char *name, const char *src, size_t len, struct ex_text *out,
                     struct err *err)
{
	htmlSAXHandler sax;
	memset(&sax, 0, sizeof sax);
	sax.startElement = sh_start;
	sax.endElement = sh_end;
	sax.characters = sh_chars;
	sax.cdataBlock = sh_chars;
	sax.comment = sh_comment;
	sax.processingInstruction = sh_pi;
	sax.ignorableWhitespace = sh_blank;
	struct walk w = { BUF_INIT, NULL, src, len, NULL, 0, 0, 4 * len + (1 << 20), 0, 1, 1, 0 };
	struct sax_html h = { &w, NULL, 0, 0, BUF_INIT, 0, 0, dm_new(), 0, 0, 0, BUF_INIT };
	if (!h.doc)
		return err_set(err, name, 0, "out of memory");
	htmlParserCtxtPtr ctxt = htmlCreateMemoryParserCtxt(src, (int)len);
	if (!ctxt) {
		dm_free(h.doc);
		return err_set(err, name, 0, "out of memory");
	}
	h.ctxt = ctxt;
	htmlSAXHandlerPtr old_sax = ctxt->sax;
	ctxt->sax = &sax;
	ctxt->userData = &h;
	/* UTF-8, or converted to it (to_utf8): a declared charset must not make
	 * libxml2 decode it again */
	htmlCtxtUseOptions(ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	                                 HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC);
	xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
	w.map = calloc(1, sizeof *w.map);
	if (!w.map || line_starts(src, len, &w.src_lines, &w.n_src_lines) < 0) {
		w.failed = 1;
	} else {
		w.map->is_markup = 1;
		htmlParseDocument(ctxt);
		sh_flush(&h);
	}
	int halted = ctxt->disableSAX && !h.too_deep_line;
	long halt_line = sh_line(&h);
	ctxt->sax = old_sax;
	htmlFreeParserCtxt(ctxt);
	buf_free(&h.pending);
	buf_free(&h.h_title);
	free(w.src_lines);
	int rc = 0;
	if (h.too_deep_line)
		rc = err_set(err, name, h.too_deep_line,
		             "elements nested deeper than %d levels, the rest is not read", RD_MAX_DEPTH);
	else if (halted)
		rc = err_set(err, name, halt_line, "the HTML parser stopped, the rest is not read");
	else if (!w.failed && !w.text.data && buf_putc(&w.text, 0) == 0)
		w.text.len = 0;
	if (!rc && (w.failed || !w.text.data))
		rc = err_set(err, name, 0, "out of memory");
	if (rc) {
		buf_free(&w.text);
		map_free(w.map);
		dm_free(h.doc);
		return -1;
	}
	rd_sanitize(w.text.data, w.text.len);
	out->len = w.text.len;
	out->data = buf_detach(&w.text);
	out->map = w.map;
	out->doc = h.doc;
	return 0;
}

static int read_markup(const char *path, const char *src, size_t len, int is_html,
                       struct ex_text *out, struct err *err)
{
	const char *name = strcmp(path, "-") ? path : "<stdin>";
	if (len > INT32_MAX)
		return err_set(err, name, 0, "too large");
	long attrs_line = too_many_attrs(src, len, is_html);
	if (attrs_line)
		return err_set(err, name, attrs_line, "an element with more than %d attributes",
		               RD_MAX_ATTRS);
	if (is_html)
		return read_html(name, src, len, out, err);
	/* libxml2 (2.9) refuses more than 256 levels: allow RD_MAX_DEPTH */
	if (xmlParserMaxDepth < RD_MAX_DEPTH)
		xmlParserMaxDepth = RD_MAX_DEPTH;
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	if (!ctxt)
		return err_set(err, name, 0, "out of memory");
	/* no XML_PARSE_NOENT, no XML_PARSE_DTDLOAD, no XML_PARSE_HUGE. Either
	 * UTF-8 or converted to it (to_utf8): an encoding declared in the
	 * document must not make libxml2 decode it again. */
	xmlDocPtr doc = xmlCtxtReadMemory(ctxt, src, (int)len, name, "UTF-8",
	                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
	                                          XML_PARSE_BIG_LINES);
	if (!doc) {
		xmlErrorPtr e = xmlCtxtGetLastError(ctxt);
		if (e && e->message) {
			char msg[512];
			snprintf(msg, sizeof msg, "%s", e->message);
			size_t k = strlen(msg);
			while (k && (msg[k - 1] == '\n' || msg[k - 1] == ' '))
				msg[--k] = 0;
			if (strstr(msg, "Excessive depth"))
				err_set(err, name, e->line, "elements nested deeper than %d levels",
				        RD_MAX_DEPTH);
			else
				err_set(err, name, e->line, "not well-formed XML: %s", msg);
		} else {
			err_set(err, name, 0, "cannot parse as XML");
		}
		xmlFreeParserCtxt(ctxt);
		return -1;
	}
	struct walk w = { BUF_INIT, NULL, src, len, NULL, 0, 0, 4 * len + (1 << 20), 0, 1, 1, 0 };
	w.map = calloc(1, sizeof *w.map);
	if (!w.map || line_starts(src, len, &w.src_lines, &w.n_src_lines) < 0) {
		w.failed = 1;
	} else {
		w.map->is_markup = 1;
		walk_tree(&w, (xmlNodePtr)doc);
	}
	xmlFreeDoc(doc);
	xmlFreeParserCtxt(ctxt);
	free(w.src_lines);
	if (!w.failed && !w.text.data && buf_putc(&w.text, 0) == 0)
		w.text.len = 0;
	if (w.failed || !w.text.data) {
		buf_free(&w.text);
		map_free(w.map);
		return err_set(err, name, 0, "out of memory");
	}
	/* libxml2 hands out UTF-8; sanitise anyway so the contract holds */
	rd_sanitize(w.text.data, w.text.len);
	out->len = w.text.len;
	out->data = buf_detach(&w.text);
	out->map = w.map;
	return 0;
}

/* ---- declared encodings ---- */

static int ci_prefix(const char *s, const char *end, const char *word)
{
	size_t n = strlen(word);
	return (size_t)(end - s) >= n && !strncasecmp(s, word, n);
}

/* Copies the encoding name that starts at p (after optional quotes and
 * space) into out. */
static void take_name(const char *p, const char *end, char *out, size_t out_size)
{
	while (p < end && (*p == ' ' || *p == '"' || *p == '\'' || *p == '='))
		p++;
	size_t n = 0;
	while (p < end && n + 1 < out_size &&
	       ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
	        *p == '-' || *p == '_' || *p == '.' || *p == ':'))
		out[n++] = *p++;
	out[n] = '\0';
}

/* The encoding a document declares, into out ("" when none): a byte order
 * mark, the XML declaration, or (HTML) a <meta> with charset, looked for in
 * the first 64 KB as a browser's prescan would. */
static void declared_encoding(const char *s, size_t len, int is_html, char *out, size_t out_size)
{
	const unsigned char *u = (const unsigned char *)s;
	out[0] = '\0';
	if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
		snprintf(out, out_size, "UTF-8");
		return;
	}
	if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
		snprintf(out, out_size, "UTF-16");
		return;
	}
	const char *end = s + (len < 65536 ? len : 65536);
	if (ci_prefix(s, end, "<?xml")) {
		const char *close = memmem(s, (size_t)(end - s), "?>", 2);
		const char *enc = close ? memmem(s, (size_t)(close - s), "encoding", 8) : NULL;
		if (enc) {
			take_name(enc + 8, close, out, out_size);
			return;
		}
	}
	if (!is_html)
		return;
	for (const char *p = s; p < end; p++) {
		if (*p != '<' || !ci_prefix(p, end, "<meta"))
			continue;
		const char *gt = memchr(p, '>', (size_t)(end - p));
		const char *tag_end = gt ? gt : end;
		for (const char *q = p; q < tag_end; q++)
			if (ci_prefix(q, tag_end, "charset")) {
				const char *v = q + 7;
				while (v < tag_end && *v == ' ')
					v++;
				if (v < tag_end && *v == '=') {
					take_name(v, tag_end, out, out_size);
					if (out[0])
						return;
				}
			}
		p = tag_end - 1;
	}
}

/* Converts data (taken over) to UTF-8 when it declares another encoding. */
static int to_utf8(const char *name, int is_html, char **data, size_t *len, struct err *err)
{
	char enc[64];
	declared_encoding(*data, *len, is_html, enc, sizeof enc);
	if (!enc[0] || !strcasecmp(enc, "utf-8") || !strcasecmp(enc, "utf8"))
		return 0;
	/* Browsers read latin-1 and ASCII as windows-1252, and Word relies on it
	 * for its typographic quotes; so do we for HTML. */
	if (is_html && (!strcasecmp(enc, "iso-8859-1") || !strcasecmp(enc, "latin1") ||
	                !strcasecmp(enc, "us-ascii") || !strcasecmp(enc, "ascii")))
		snprintf(enc, sizeof enc, "windows-1252");
	struct buf conv = BUF_INIT;
	size_t bad_at;
	int rc = enc_to_utf8(enc, *data, *len, &conv, &bad_at);
	if (rc == -2) {
		buf_free(&conv);
		return err_set(err, name, 0, "declares the encoding '%s', which iconv does not know",
		               enc);
	}
	if (rc < 0) {
		long line = rd_line_of(*data, bad_at < *len ? bad_at : *len);
		buf_free(&conv);
		return err_set(err, name, line, "not valid %s, although the document declares it "
		               "(convert it with iconv -f %s -t utf-8 and correct the declaration)",
		               enc, enc);
	}
	if (!conv.data && buf_puts(&conv, "") < 0)
		return err_set(err, name, 0, "out of memory");
	free(*data);
	*len = conv.len;
	*data = buf_detach(&conv);
	return 0;
}

int rd_read_loaded(const char *path, const char *format, char *data, size_t len,
                   struct ex_text *out, size_t *first_invalid, struct err *err)
{
	out->path = path;
	out->data = NULL;
	out->map = NULL;
	out->doc = NULL;
	out->len = 0;
	out->likely_encoding = NULL;
	if (rd_is_document(format)) { /* binary containers: not sanitised as text */
		*first_invalid = SIZE_MAX;
		out->invalid_line = 0;
		return rd_document(path, format, data, len, out, err);
	}
	int is_markup = !strcmp(format, "html") || !strcmp(format, "xml");
	if (is_markup && to_utf8(strcmp(path, "-") ? path : "<stdin>", !strcmp(format, "html"),
	                         &data, &len, err) < 0) {
		free(data);
		return -1;
	}
	*first_invalid = rd_sanitize_guess(data, len, &out->likely_encoding);
	/* sanitising keeps every line break, so the line is still right */
	long invalid_line = *first_invalid != SIZE_MAX ? rd_line_of(data, *first_invalid) : 0;
	if (!strcmp(format, "html") || !strcmp(format, "xml")) {
		int rc = read_markup(path, data, len, !strcmp(format, "html"), out, err);
		free(data);
		out->invalid_line = invalid_line;
		return rc;
	}
	out->invalid_line = invalid_line;
	struct dm_doc *d = NULL;
	if (!strcmp(format, "md")) {
		/* headings give the sections, before their markup is blanked */
		if (!(d = dm_new()) || dm_markdown_headings(d, data, len) < 0) {
			dm_free(d);
			free(data);
			return err_set(err, path, 0, "out of memory");
		}
		rd_markdown_blank(data, len);
	}
	struct rd_map *m = calloc(1, sizeof *m);
	if (!m || line_starts(data, len, &m->line_start, &m->n_lines) < 0) {
		free(m);
		free(data);
		dm_free(d);
		return err_set(err, path, 0, "out of memory");
	}
	out->data = data;
	out->len = len;
	out->map = m;
	out->doc = d;
	return 0;
}

int ex_text_read(const char *path, const char *format, struct ex_text *out, struct err *err)
{
	char *data;
	size_t len, bad;
	if (!format)
		format = ex_format_for(path);
	if (!ex_format_valid(format))
		return err_set(err, path, 0, "unknown format '%s'", format);
	if (rd_load(path, &data, &len, err) < 0)
		return -1;
	if (len == 0) {
		free(data);
		return err_set(err, strcmp(path, "-") ? path : "<stdin>", 0, "empty file, nothing to read");
	}
	return rd_read_loaded(path, format, data, len, out, &bad, err);
}
