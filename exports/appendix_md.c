/* appendix_md.c - the glossary as CommonMark: a heading per entry with its
 * abbreviations, the definition, and the source as a link. */
#include "gl_writer.h"

static int md_begin(struct gl_ctx *ctx)
{
	return buf_puts(ctx->out, "# ") || esc_md(ctx->out, ctx->title) || buf_puts(ctx->out, "\n");
}

/* A link destination in <...>: CommonMark forbids only < > and line breaks
 * there; space and the rest are percent-encoded to be safe everywhere. */
static int md_url(struct buf *b, const char *url)
{
	int rc = buf_putc(b, '<');
	for (const unsigned char *p = (const unsigned char *)url; *p && rc == 0; p++)
		rc = *p <= ' ' || *p == '<' || *p == '>' || *p == '\\' || *p == 0x7f
		             ? buf_printf(b, "%%%02X", *p)
		             : buf_putc(b, *p);
	return rc || buf_putc(b, '>');
}

static int md_entry(struct gl_ctx *ctx, const struct gl_item *it)
{
	struct buf *b = ctx->out;
	/* The explicit anchor gives every renderer the same, stable target. */
	int rc = buf_printf(b, "\n<a id=\"%s\"></a>\n\n## ", it->id) || esc_md(b, it->label);
	for (size_t i = 0; i < it->abbreviations->n && rc == 0; i++)
		rc = buf_puts(b, i ? ", " : " (") || esc_md(b, it->abbreviations->v[i]);
	if (it->abbreviations->n && rc == 0)
		rc = buf_putc(b, ')');
	rc = rc || buf_puts(b, "\n\n");
	if (it->definition)
		rc = rc || esc_md(b, it->definition) || buf_putc(b, '\n');
	else
		rc = rc || buf_putc(b, '*') || esc_md(b, it->note) || buf_puts(b, "*\n");
	if (it->definition && (it->source[0] || it->url[0])) {
		rc = rc || buf_puts(b, "\n" GL_SOURCE ": ");
		if (it->url[0])
			rc = rc || buf_putc(b, '[') ||
			     esc_md(b, it->source[0] ? it->source : it->url) || buf_puts(b, "](") ||
			     md_url(b, it->url) || buf_putc(b, ')');
		else
			rc = rc || esc_md(b, it->source);
		rc = rc || buf_putc(b, '\n');
	}
	if (it->first_use)
		rc = rc || buf_puts(b, "\n" GL_FIRST_USE ": ") || esc_md(b, it->first_use) ||
		     buf_putc(b, '\n');
	return rc;
}

static int md_end(struct gl_ctx *ctx)
{
	(void)ctx;
	return 0;
}

const struct gl_writer gl_writer_md = { md_begin, md_entry, md_end };
