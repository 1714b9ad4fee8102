/* appendix_md.c - the glossary as Markdown, in one of three forms
 * (gl_options.md_style, docs/appendix.md): a definition list (Pandoc, PHP
 * Markdown Extra, Python-Markdown's def_list), a pipe table (GFM), or a
 * heading per entry. Every entry carries the anchor <a id="KEY"></a>.
 * Text passes esc_md; text that opens a block also md_block_start, so data
 * never turns into a list, a heading or a second definition. */
#include <string.h>

#include "gl_writer.h"

static int md_begin(struct gl_ctx *ctx)
{
	return buf_puts(ctx->out, "# ") || esc_md(ctx->out, ctx->title) || buf_puts(ctx->out, "\n");
}

/* A link destination in <...>: CommonMark forbids only < > and line breaks
 * there; space and the rest are percent-encoded to be safe everywhere, and
 * '|' so that a table cell cannot end inside a link. */
static int md_url(struct buf *b, const char *url)
{
	int rc = buf_putc(b, '<');
	for (const unsigned char *p = (const unsigned char *)url; *p && rc == 0; p++)
		rc = *p <= ' ' || *p == '<' || *p == '>' || *p == '\\' || *p == '|' || *p == 0x7f
		             ? buf_printf(b, "%%%02X", *p)
		             : buf_putc(b, *p);
	return rc || buf_putc(b, '>');
}

/* Text at the start of a block: leading white space (an indented code
 * block) is dropped, and a list, definition or heading marker is escaped -
 * with a backslash where CommonMark and Python-Markdown both honour it,
 * else as a character reference. esc_md already covers # > * ` and |. */
static int md_block_start(struct buf *b, const char *s)
{
	s += strspn(s, " \t\r\n");
	int rc = 0;
	size_t digits = strspn(s, "0123456789");
	if (digits && (s[digits] == '.' || s[digits] == ')')) {
		rc = buf_append(b, s, digits) || buf_putc(b, '\\') || buf_putc(b, s[digits]);
		s += digits + 1;
	} else if (*s == '-' || *s == '+') {
		rc = buf_putc(b, '\\') || buf_putc(b, *s++);
	} else if (*s == ':' || *s == '=') {
		rc = buf_printf(b, "&#%d;", *s++);
	}
	return rc || esc_md(b, s);
}

/* "Label (ABK, ABK2)" */
static int md_term(struct buf *b, const struct gl_item *it)
{
	int rc = esc_md(b, it->label);
	for (size_t i = 0; i < it->abbreviations->n && rc == 0; i++)
		rc = buf_puts(b, i ? ", " : " (") || esc_md(b, it->abbreviations->v[i]);
	if (it->abbreviations->n && rc == 0)
		rc = buf_putc(b, ')');
	return rc;
}

/* The source as a link, or its name. */
static int md_source(struct buf *b, const struct gl_item *it)
{
	if (!it->url[0])
		return esc_md(b, it->source);
	return buf_putc(b, '[') || esc_md(b, it->source[0] ? it->source : it->url) ||
	       buf_puts(b, "](") || md_url(b, it->url) || buf_putc(b, ')');
}

static int has_source(const struct gl_item *it)
{
	return it->definition && (it->source[0] || it->url[0]);
}

static int md_note(struct buf *b, const struct gl_item *it)
{
	return buf_putc(b, '*') || esc_md(b, it->note) || buf_putc(b, '*');
}

static int md_entry_headings(struct buf *b, const struct gl_item *it)
{
	int rc = buf_printf(b, "\n<a id=\"%s\"></a>\n\n## ", it->id) || md_term(b, it) ||
	         buf_puts(b, "\n\n");
	rc = rc || (it->definition ? md_block_start(b, it->definition) : md_note(b, it)) ||
	     buf_putc(b, '\n');
	if (has_source(it))
		rc = rc || buf_printf(b, "\n%s: ", it->text->source) || md_source(b, it) || buf_putc(b, '\n');
	if (it->first_use)
		rc = rc || buf_printf(b, "\n%s: ", it->text->first_use) || esc_md(b, it->first_use) ||
		     buf_putc(b, '\n');
	return rc;
}

/* Term on one line, ":   " and the definition; the source continues the
 * definition's paragraph on an indented line, which every processor (with
 * definition lists or without) keeps in that paragraph. */
static int md_entry_deflist(struct buf *b, const struct gl_item *it)
{
	int rc = buf_printf(b, "\n<a id=\"%s\"></a>", it->id) || md_term(b, it) ||
	         buf_puts(b, "\n:   ") ||
	         (it->definition ? md_block_start(b, it->definition) : md_note(b, it)) ||
	         buf_putc(b, '\n');
	if (has_source(it))
		rc = rc || buf_printf(b, "    %s: ", it->text->source) || md_source(b, it) || buf_putc(b, '\n');
	if (it->first_use)
		rc = rc || buf_printf(b, "    %s: ", it->text->first_use) || esc_md(b, it->first_use) ||
		     buf_putc(b, '\n');
	return rc;
}

static int md_entry_table(struct gl_ctx *ctx, const struct gl_item *it)
{
	struct buf *b = ctx->out;
	const struct gl_text *t = ctx->text;
	int rc = ctx->index == 0 ? buf_printf(b, "\n| %s | %s | %s | %s |\n|---|---|---|---|\n", t->term,
	                                      t->abbreviation, t->definition, t->source) : 0;
	rc = rc || buf_printf(b, "| <a id=\"%s\"></a>", it->id) || esc_md(b, it->label) ||
	     buf_puts(b, " | ");
	for (size_t i = 0; i < it->abbreviations->n && rc == 0; i++)
		rc = (i ? buf_puts(b, ", ") : 0) || esc_md(b, it->abbreviations->v[i]);
	rc = rc || buf_puts(b, " | ") ||
	     (it->definition ? esc_md(b, it->definition) : md_note(b, it)) || buf_puts(b, " | ");
	if (has_source(it))
		rc = rc || md_source(b, it);
	if (it->first_use)
		rc = rc || buf_printf(b, " (%s: ", it->text->first_use) || esc_md(b, it->first_use) || buf_putc(b, ')');
	return rc || buf_puts(b, " |\n");
}

static int md_entry(struct gl_ctx *ctx, const struct gl_item *it)
{
	switch (ctx->md_style) {
	case GL_MD_HEADINGS: return md_entry_headings(ctx->out, it);
	case GL_MD_TABLE: return md_entry_table(ctx, it);
	case GL_MD_DEFLIST: break;
	}
	return md_entry_deflist(ctx->out, it);
}

static int md_end(struct gl_ctx *ctx)
{
	(void)ctx;
	return 0;
}

const struct gl_writer gl_writer_md = { md_begin, md_entry, md_end };
