/* gl_write.c - the one walk over the selected, sorted concepts that every
 * human-readable glossary format shares (cmark's render.c in small). */
#include <string.h>

#include "gl_writer.h"
#include "zipwrite.h"

const struct gl_text *gl_text(enum gl_lang lang)
{
	static const struct gl_text de = {
		"de", "de-DE", "Glossar", "Definition in Prüfung", "Veralteter Begriff", "ersetzt durch",
		"Quelle", "Auch", "Zuerst verwendet", "Begriff", "Abkürzung", "Definition",
	};
	static const struct gl_text en = {
		"en", "en-GB", "Glossary", "Definition under review", "Deprecated term", "replaced by",
		"Source", "Also", "First used", "Term", "Abbreviation", "Definition",
	};
	return lang == GL_LANG_EN ? &en : &de;
}

int gl_item_make(const struct gl_entry *e, enum gl_lang lang, struct buf *id, struct buf *url,
                 struct buf *note, struct gl_item *it)
{
	const struct kb_concept *c = e->concept;
	const struct gl_text *t = gl_text(lang);
	buf_reset(id);
	buf_reset(url);
	buf_reset(note);
	/* A deprecated concept says so (and what replaces it) rather than "in review". */
	if (!e->has_approved_definition) {
		int rc = !strcmp(c->status, "deprecated")
		                 ? buf_puts(note, t->deprecated) ||
		                           (e->replaced_by_label &&
		                            buf_printf(note, ", %s %s", t->replaced, e->replaced_by_label))
		                 : buf_puts(note, t->pending);
		if (rc || buf_putc(note, '.'))
			return -1;
	}
	/* Only web links become links; spaces and quotes in them are percent-encoded. */
	if (esc_ident(id, c->key) || (esc_is_link(c->source_url) && esc_iri(url, c->source_url)))
		return -1;
	it->key = c->key;
	it->id = buf_cstr(id);
	it->label = e->label;
	it->label_lang = strcmp(e->label_lang, t->lang) ? e->label_lang : NULL;
	it->abbreviations = &c->abbreviations;
	it->definition = e->definition;
	it->definition_lang =
		e->definition && strcmp(e->definition_lang, t->lang) ? e->definition_lang : NULL;
	it->note = it->definition ? NULL : buf_cstr(note);
	it->source = c->source;
	it->url = buf_cstr(url);
	it->first_use = e->first_use;
	it->text = t;
	return 0;
}

static const struct gl_writer *writer_for(enum gl_format f)
{
	switch (f) {
	case GL_MD: return &gl_writer_md;
	case GL_HTML: return &gl_writer_html;
	case GL_LATEX: return &gl_writer_latex;
	case GL_DOCBOOK: return &gl_writer_docbook;
	case GL_MKDOCS: return &gl_writer_mkdocs;
	case GL_DOCX: return &gl_writer_docx;
	case GL_ODT: return &gl_writer_odt;
	case GL_ASCIIDOC: return &gl_writer_asciidoc;
	case GL_RST: return &gl_writer_rst;
	}
	return NULL;
}

static int flush(FILE *out, struct buf *b)
{
	if (b->len && fwrite(b->data, 1, b->len, out) != b->len)
		return -1;
	buf_reset(b);
	return 0;
}

int gl_write(FILE *out, const struct gl_list *l, enum gl_format f,
             const struct gl_options *opt, struct err *err)
{
	const struct gl_writer *w = writer_for(f);
	if (!w)
		return err_set(err, NULL, 0, "unknown glossary format");
	/* DOCX and ODT are zip files: without libzip, say so before any work */
	if ((f == GL_DOCX || f == GL_ODT) && zw_load(f == GL_DOCX ? "DOCX" : "ODT", err) < 0)
		return -1;
	struct buf b = BUF_INIT, id = BUF_INIT, url = BUF_INIT, note = BUF_INIT;
	const struct gl_text *t = gl_text(l->lang);
	struct gl_ctx ctx = { &b, opt && opt->title ? opt->title : t->glossary, l, t, 0,
	                      opt ? opt->md_style : GL_MD_DEFLIST, NULL };
	int rc = w->begin(&ctx);
	for (size_t i = 0; i < l->n && rc == 0; i++) {
		struct gl_item it;
		ctx.index = i;
		rc = gl_item_make(&l->items[i], l->lang, &id, &url, &note, &it) || w->entry(&ctx, &it);
		if (rc == 0 && b.len > 65536)
			rc = flush(out, &b);
	}
	/* end also releases the writer's state, so it runs even after an error. */
	if (w->end(&ctx))
		rc = -1;
	if (rc == 0)
		rc = flush(out, &b);
	buf_free(&b);
	buf_free(&id);
	buf_free(&url);
	buf_free(&note);
	if (rc)
		return err_set(err, NULL, 0, "cannot write the glossary (out of memory or output error)");
	return 0;
}
