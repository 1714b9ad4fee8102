/* appendix_latex.c - the glossary as a file for \input in the preamble of a
 * document that loads the glossaries package (docs/appendix.md has a
 * complete one): one glossary of its own, type "glossar", whose heading is
 * the title; \newacronym for a concept with abbreviations, written in the
 * long-short-desc style (long form and abbreviation on first use and in the
 * list, then the abbreviation), \newglossaryentry for the rest.
 * Every field passes esc_latex, so no text can become a command. The sort
 * key is the DIN 5007-1 position, as digits, so makeindex and xindy keep our
 * German order without reading any text. */
#include "gl_writer.h"

static int tex_begin(struct gl_ctx *ctx)
{
	/* \newglossary must come before \makeglossaries, hence \input first;
	 * without hyperref the links are their text. */
	return buf_puts(ctx->out,
	                "% Glossary written by glossar: \\input this file in the preamble after\n"
	                "% \\usepackage{hyperref} and \\usepackage[nomain,nopostdot]{glossaries},\n"
	                "% then \\makeglossaries; \\printglossaries in the text. See docs/appendix.md.\n"
	                "\\providecommand*{\\href}[2]{#2}\n"
	                "\\ifglossaryexists{glossar}{}{\\newglossary*{glossar}{") ||
	       esc_latex(ctx->out, ctx->title) ||
	       buf_puts(ctx->out, "}}\n\\setacronymstyle{long-short-desc}\n");
}

static int tex_description(struct buf *b, const struct gl_item *it)
{
	if (!it->definition)
		return buf_puts(b, "\\emph{") || esc_latex(b, it->note) || buf_putc(b, '}') ||
		       (it->first_use && (buf_printf(b, " %s: ", it->text->first_use) ||
		                          esc_latex(b, it->first_use)));
	int rc = esc_latex(b, it->definition);
	for (size_t i = 1; i < it->abbreviations->n && rc == 0; i++)
		rc = (i == 1 ? buf_printf(b, " %s: ", it->text->also) : buf_puts(b, ", ")) ||
		     esc_latex(b, it->abbreviations->v[i]);
	if ((it->source[0] || it->url[0]) && rc == 0) {
		rc = buf_printf(b, " %s: ", it->text->source);
		if (it->url[0])
			rc = rc || buf_puts(b, "\\href{") || esc_latex_url(b, it->url) ||
			     buf_puts(b, "}{") || esc_latex(b, it->source[0] ? it->source : it->url) ||
			     buf_putc(b, '}');
		else
			rc = rc || esc_latex(b, it->source);
	}
	if (it->first_use && rc == 0)
		rc = buf_printf(b, " %s: ", it->text->first_use) || esc_latex(b, it->first_use);
	return rc;
}

static int tex_entry(struct gl_ctx *ctx, const struct gl_item *it)
{
	struct buf *b = ctx->out;
	/* The position in the walk is the sort key: the walk already sorted. */
	size_t n = ctx->index + 1;
	int rc;
	if (it->abbreviations->n)
		rc = buf_printf(b, "\\newacronym[type=glossar,sort={%06zu},description={", n) ||
		     tex_description(b, it) || buf_printf(b, "}]{%s}{", it->id) ||
		     esc_latex(b, it->abbreviations->v[0]) || buf_puts(b, "}{") ||
		     esc_latex(b, it->label) || buf_puts(b, "}\n");
	else
		rc = buf_printf(b, "\\newglossaryentry{%s}{name={", it->id) ||
		     esc_latex(b, it->label) || buf_puts(b, "},description={") ||
		     tex_description(b, it) || buf_printf(b, "},sort={%06zu},type=glossar}\n", n);
	return rc;
}

static int tex_end(struct gl_ctx *ctx)
{
	(void)ctx;
	return 0;
}

const struct gl_writer gl_writer_latex = { tex_begin, tex_entry, tex_end };
