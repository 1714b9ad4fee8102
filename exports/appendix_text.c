/* appendix_text.c - the glossary for the two other documentation
 * ecosystems authors write in: AsciiDoc (a [glossary] section with a
 * labeled list, for Asciidoctor) and reStructuredText (a Sphinx
 * `glossary::` directive, so `:term:` roles resolve: the preferred label and
 * each short form is a term of the entry). Each has its own escaper: user
 * text never forms markup (AsciiDoc: numeric character references for the
 * formatting characters; reST: backslash escapes). */
#include <string.h>

#include "gl_writer.h"

/* ---- AsciiDoc ---- */

static int adoc_esc(struct buf *b, const char *s)
{
	int rc = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p && rc == 0; p++) {
		unsigned char c = *p;
		if (c == '\n' || c == '\r' || c == '\t')
			rc = buf_putc(b, ' ');
		else if (c < 0x20 || c == 0x7f)
			continue;
		else if (strchr("*_`#^~+[]{}\\<>:|", c))
			rc = buf_printf(b, "&#%d;", c);
		else
			rc = buf_putc(b, c);
	}
	return rc;
}

static int adoc_begin(struct gl_ctx *ctx)
{
	return buf_puts(ctx->out, "[glossary]\n== ") || adoc_esc(ctx->out, ctx->title) ||
	       buf_puts(ctx->out, "\n\n[glossary]\n");
}

static int adoc_entry(struct gl_ctx *ctx, const struct gl_item *it)
{
	struct buf *b = ctx->out;
	int rc = buf_printf(b, "[[%s]]", it->id) || adoc_esc(b, it->label);
	for (size_t i = 0; i < it->abbreviations->n && rc == 0; i++)
		rc = buf_puts(b, i ? ", " : " (") || adoc_esc(b, it->abbreviations->v[i]);
	if (it->abbreviations->n && rc == 0)
		rc = buf_putc(b, ')');
	rc = rc || buf_puts(b, ":: ");
	if (it->definition)
		rc = rc || adoc_esc(b, it->definition);
	else
		rc = rc || buf_putc(b, '_') || adoc_esc(b, it->note) || buf_putc(b, '_');
	rc = rc || buf_putc(b, '\n');
	if (it->definition && (it->source[0] || it->url[0])) {
		rc = rc || buf_printf(b, "+\n%s: ", it->text->source);
		if (it->url[0])
			/* link: macro with the target as written (esc_iri made it safe: no
			 * space, no [ or ]) and the text escaped */
			rc = rc || buf_printf(b, "link:++%s++[", it->url) ||
			     adoc_esc(b, it->source[0] ? it->source : it->url) || buf_putc(b, ']');
		else
			rc = rc || adoc_esc(b, it->source);
		rc = rc || buf_putc(b, '\n');
	}
	if (it->first_use)
		rc = rc || buf_printf(b, "+\n%s: ", it->text->first_use) || adoc_esc(b, it->first_use) ||
		     buf_putc(b, '\n');
	return rc;
}

static int noop_end(struct gl_ctx *ctx)
{
	(void)ctx;
	return 0;
}

/* ---- reStructuredText ---- */

static int rst_esc(struct buf *b, const char *s)
{
	int rc = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p && rc == 0; p++) {
		unsigned char c = *p;
		if (c == '\n' || c == '\r' || c == '\t')
			rc = buf_putc(b, ' ');
		else if (c < 0x20 || c == 0x7f)
			continue;
		else if (strchr("\\*_`|[]<>:", c))
			rc = buf_putc(b, '\\') || buf_putc(b, c);
		else
			rc = buf_putc(b, c);
	}
	return rc;
}

static size_t count_cps(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static int rst_begin(struct gl_ctx *ctx)
{
	struct buf *b = ctx->out;
	size_t start = b->len;
	int rc = rst_esc(b, ctx->title);
	size_t n = rc ? 0 : count_cps(b->data + start);
	rc = rc || buf_putc(b, '\n');
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = buf_putc(b, '=');
	return rc || buf_puts(b, "\n\n.. glossary::\n");
}

/* A term line: not starting with a character that would make it markup */
static int rst_term(struct buf *b, const char *s)
{
	int rc = buf_puts(b, "\n   ");
	if (rc == 0 && strchr("-+#=.:!", s[0]) && s[0])
		rc = buf_putc(b, '\\');
	return rc || rst_esc(b, s);
}

static int rst_entry(struct gl_ctx *ctx, const struct gl_item *it)
{
	struct buf *b = ctx->out;
	int rc = rst_term(b, it->label);
	for (size_t i = 0; i < it->abbreviations->n && rc == 0; i++)
		rc = rst_term(b, it->abbreviations->v[i]);
	rc = rc || buf_puts(b, "\n      ");
	if (it->definition)
		rc = rc || rst_esc(b, it->definition);
	else
		rc = rc || buf_putc(b, '*') || rst_esc(b, it->note) || buf_putc(b, '*');
	rc = rc || buf_putc(b, '\n');
	if (it->definition && (it->source[0] || it->url[0])) {
		rc = rc || buf_printf(b, "\n      %s: ", it->text->source);
		if (it->url[0]) {
			/* an anonymous hyperlink: `text <url>`__ */
			rc = rc || buf_putc(b, '`') || rst_esc(b, it->source[0] ? it->source : it->url) ||
			     buf_puts(b, " <");
			for (const char *p = it->url; *p && rc == 0; p++)
				rc = *p == '>' || *p == '`' || *p == '\\' ? buf_printf(b, "%%%02X", *p)
				                                          : buf_putc(b, *p);
			rc = rc || buf_puts(b, ">`__");
		} else {
			rc = rc || rst_esc(b, it->source);
		}
		rc = rc || buf_putc(b, '\n');
	}
	if (it->first_use)
		rc = rc || buf_printf(b, "\n      %s: ", it->text->first_use) || rst_esc(b, it->first_use) ||
		     buf_putc(b, '\n');
	return rc;
}

const struct gl_writer gl_writer_asciidoc = { adoc_begin, adoc_entry, noop_end };
const struct gl_writer gl_writer_rst = { rst_begin, rst_entry, noop_end };
