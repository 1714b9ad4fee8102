/* appendix_html.c - the glossary as a standalone, accessible HTML page: a
 * <dl> with <dfn> and <abbr title>, an anchor per entry, and the same
 * entries as schema.org DefinedTermSet JSON-LD in the head. Text in another
 * language than the page's (a German label in an English glossary) carries
 * its own lang, so that screen readers pronounce it right. */
#include "gl_writer.h"

/* A JSON-LD string, as a value object when its language is not the set's. */
static int json_text(struct buf *b, const char *s, const char *lang)
{
	if (!lang)
		return buf_putc(b, '"') || esc_json(b, s) || buf_putc(b, '"');
	return buf_puts(b, "{\"@value\": \"") || esc_json(b, s) ||
	       buf_printf(b, "\", \"@language\": \"%s\"}", lang);
}

/* An element's opening tag, with lang when the text is in another language. */
static int open_tag(struct buf *b, const char *tag, const char *lang)
{
	return lang ? buf_printf(b, "<%s lang=\"%s\">", tag, lang) : buf_printf(b, "<%s>", tag);
}

int gl_jsonld_defined_terms(struct buf *b, const char *title, const struct gl_list *l)
{
	struct buf id = BUF_INIT, url = BUF_INIT, note = BUF_INIT;
	int rc = buf_puts(b, "{\n  \"@context\": \"https://schema.org\",\n"
	                     "  \"@type\": \"DefinedTermSet\",\n  \"name\": \"") ||
	         esc_json(b, title) ||
	         buf_printf(b, "\",\n  \"inLanguage\": \"%s\",\n  \"hasDefinedTerm\": [",
	                    gl_lang_tag(l->lang));
	for (size_t i = 0; i < l->n && rc == 0; i++) {
		struct gl_item it;
		rc = gl_item_make(&l->items[i], l->lang, &id, &url, &note, &it) ||
		     buf_puts(b, i ? ",\n    {" : "\n    {") ||
		     buf_puts(b, "\"@type\": \"DefinedTerm\", \"@id\": \"#") || esc_json(b, it.id) ||
		     buf_puts(b, "\", \"termCode\": \"") || esc_json(b, it.key) ||
		     buf_puts(b, "\", \"name\": ") || json_text(b, it.label, it.label_lang);
		for (size_t a = 0; a < it.abbreviations->n && rc == 0; a++)
			rc = buf_puts(b, a ? ", \"" : ", \"alternateName\": [\"") ||
			     esc_json(b, it.abbreviations->v[a]) || buf_putc(b, '"');
		if (it.abbreviations->n)
			rc = rc || buf_putc(b, ']');
		if (it.definition)
			rc = rc || buf_puts(b, ", \"description\": ") ||
			     json_text(b, it.definition, it.definition_lang);
		if (it.definition && it.url[0])
			rc = rc || buf_puts(b, ", \"subjectOf\": {\"@type\": \"CreativeWork\", \"url\": \"") ||
			     esc_json(b, it.url) || buf_puts(b, "\", \"name\": \"") ||
			     esc_json(b, it.source[0] ? it.source : it.url) || buf_puts(b, "\"}");
		rc = rc || buf_putc(b, '}');
	}
	buf_free(&id);
	buf_free(&url);
	buf_free(&note);
	return rc || buf_puts(b, l->n ? "\n  ]\n}\n" : "]\n}\n");
}

static int html_begin(struct gl_ctx *ctx)
{
	struct buf *b = ctx->out;
	return buf_printf(b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n",
	                  ctx->text->lang) ||
	       buf_puts(b, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	                   "<title>") ||
	       esc_html(b, ctx->title) ||
	       buf_puts(b, "</title>\n<script type=\"application/ld+json\">\n") ||
	       gl_jsonld_defined_terms(b, ctx->title, ctx->list) ||
	       buf_puts(b, "</script>\n</head>\n<body>\n<main>\n<h1>") || esc_html(b, ctx->title) ||
	       buf_puts(b, "</h1>\n<dl>\n");
}

static int html_entry(struct gl_ctx *ctx, const struct gl_item *it)
{
	struct buf *b = ctx->out;
	int rc = buf_puts(b, "<dt id=\"") || esc_html(b, it->id) || buf_puts(b, "\">") ||
	         open_tag(b, "dfn", it->label_lang) || esc_html(b, it->label) || buf_puts(b, "</dfn>");
	for (size_t i = 0; i < it->abbreviations->n && rc == 0; i++)
		rc = buf_puts(b, i ? ", " : " (") || buf_puts(b, "<abbr title=\"") ||
		     esc_html(b, it->label) || buf_puts(b, "\">") ||
		     esc_html(b, it->abbreviations->v[i]) || buf_puts(b, "</abbr>");
	if (it->abbreviations->n)
		rc = rc || buf_putc(b, ')');
	rc = rc || buf_puts(b, "</dt>\n<dd>");
	if (!it->definition) {
		rc = rc || buf_puts(b, "<p><em>") || esc_html(b, it->note) || buf_puts(b, "</em></p>");
		if (it->first_use)
			rc = rc || buf_printf(b, "<p>%s: ", ctx->text->first_use) ||
			     esc_html(b, it->first_use) || buf_puts(b, "</p>");
		return rc || buf_puts(b, "</dd>\n");
	}
	rc = rc || open_tag(b, "p", it->definition_lang) || esc_html(b, it->definition) ||
	     buf_puts(b, "</p>");
	if (it->source[0] || it->url[0]) {
		rc = rc || buf_printf(b, "<p>%s: ", ctx->text->source);
		if (it->url[0])
			rc = rc || buf_puts(b, "<a href=\"") || esc_html(b, it->url) ||
			     buf_puts(b, "\">") || esc_html(b, it->source[0] ? it->source : it->url) ||
			     buf_puts(b, "</a>");
		else
			rc = rc || esc_html(b, it->source);
		rc = rc || buf_puts(b, "</p>");
	}
	if (it->first_use)
		rc = rc || buf_printf(b, "<p>%s: ", ctx->text->first_use) || esc_html(b, it->first_use) ||
		     buf_puts(b, "</p>");
	return rc || buf_puts(b, "</dd>\n");
}

static int html_end(struct gl_ctx *ctx)
{
	return buf_puts(ctx->out, "</dl>\n</main>\n</body>\n</html>\n");
}

const struct gl_writer gl_writer_html = { html_begin, html_entry, html_end };
