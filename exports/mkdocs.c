/* mkdocs.c - the abbreviations snippet that Python-Markdown's abbr extension
 * (and MkDocs' pymdownx.snippets auto-append) reads: one line per
 * abbreviation, "*[OZG]: Onlinezugangsgesetz". The syntax cannot hold ']'
 * in the abbreviation nor a line break anywhere: such abbreviations are
 * left out, line breaks in the expansion become spaces. */
#include <string.h>

#include "gl_writer.h"

static int mk_begin(struct gl_ctx *ctx)
{
	(void)ctx;
	return 0;
}

static int mk_entry(struct gl_ctx *ctx, const struct gl_item *it)
{
	int rc = 0;
	for (size_t i = 0; i < it->abbreviations->n && rc == 0; i++) {
		const char *a = it->abbreviations->v[i];
		if (!a[0] || strpbrk(a, "]\r\n"))
			continue;
		rc = buf_printf(ctx->out, "*[%s]: ", a);
		for (const char *p = it->label; *p && rc == 0; p++)
			rc = buf_putc(ctx->out, *p == '\r' || *p == '\n' ? ' ' : *p);
		rc = rc || buf_putc(ctx->out, '\n');
	}
	return rc;
}

static int mk_end(struct gl_ctx *ctx)
{
	(void)ctx;
	return 0;
}

const struct gl_writer gl_writer_mkdocs = { mk_begin, mk_entry, mk_end };
