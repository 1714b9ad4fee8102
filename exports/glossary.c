/* glossary.c - which concepts a glossary holds and in which order: the
 * selection and the German dictionary order (DIN 5007-1) that every
 * human-readable format shares. */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "exports.h"

int gl_is_approved(const struct kb_concept *c)
{
	return !strcmp(c->status, "approved") && c->definition[0] != '\0';
}

/* DIN 5007-1 ("Wörterbuch"): umlauts as their base letter, ß as ss, case
 * ignored. Decomposition, stripping of marks and case folding give exactly
 * that (casefold maps ß to ss). NULL when the label is not valid UTF-8. */
static char *din_key(const char *s)
{
	utf8proc_uint8_t *out = NULL;
	utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &out,
	                                  UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPAT |
	                                  UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK |
	                                  UTF8PROC_CASEFOLD);
	return n < 0 ? NULL : (char *)out;
}

int gl_collate(const char *a, const char *b)
{
	char *ka = din_key(a), *kb = din_key(b);
	int r = ka && kb ? strcmp(ka, kb) : 0;
	free(ka);
	free(kb);
	return r ? r : strcmp(a, b);
}

struct sortable {
	struct gl_entry e;
	char *din;
};

static int cmp_sortable(const void *pa, const void *pb)
{
	const struct sortable *a = pa, *b = pb;
	int r = strcmp(a->din ? a->din : "", b->din ? b->din : "");
	if (!r)
		r = strcmp(a->e.label, b->e.label);
	/* Keys are unique: the order is total, so the output is deterministic. */
	return r ? r : strcmp(a->e.concept->key, b->e.concept->key);
}

int gl_lang_parse(const char *name)
{
	return !strcmp(name, "de") ? GL_LANG_DE : !strcmp(name, "en") ? GL_LANG_EN : -1;
}

const char *gl_lang_tag(enum gl_lang lang)
{
	return lang == GL_LANG_EN ? "en" : "de";
}

/* The label c shows in lang: the English one where there is one. */
static const char *shown_label(const struct kb_concept *c, enum gl_lang lang)
{
	return lang == GL_LANG_EN && c->pref_label_en && c->pref_label_en[0] ? c->pref_label_en
	                                                                     : c->pref_label;
}

static void set_shown(struct gl_entry *e, enum gl_lang lang)
{
	const struct kb_concept *c = e->concept;
	e->label = shown_label(c, lang);
	e->label_lang = e->label == c->pref_label ? "de" : "en";
	e->definition = NULL;
	e->definition_lang = NULL;
	if (e->has_approved_definition) {
		int en = lang == GL_LANG_EN && c->definition_en && c->definition_en[0];
		e->definition = en ? c->definition_en : c->definition;
		e->definition_lang = en ? "en" : "de";
	}
}

int gl_select(const struct kb_vocab *v, const char *const *keys, size_t n_keys,
              enum gl_order order, int approved_only, enum gl_lang lang, struct gl_list *out,
              struct err *err)
{
	size_t cap = keys ? n_keys : v->n;
	struct sortable *s = calloc(cap ? cap : 1, sizeof *s);
	out->items = NULL;
	out->n = 0;
	out->lang = lang;
	if (!s)
		return err_set(err, NULL, 0, "out of memory");
	size_t n = 0;
	for (size_t i = 0; i < cap; i++) {
		const struct kb_concept *c = keys ? kb_vocab_find(v, keys[i]) : &v->items[i];
		if (!c || (approved_only && !gl_is_approved(c)))
			continue;
		s[n].e.concept = c;
		s[n].e.has_approved_definition = gl_is_approved(c);
		const struct kb_concept *r = c->replaced_by && c->replaced_by[0]
		                                     ? kb_vocab_find(v, c->replaced_by) : NULL;
		s[n].e.replaced_by_label = r ? shown_label(r, lang) : NULL;
		set_shown(&s[n].e, lang);
		if (order == GL_ORDER_ALPHA && !(s[n].din = din_key(s[n].e.label))) {
			for (size_t j = 0; j < n; j++)
				free(s[j].din);
			free(s);
			return err_set(err, NULL, 0, "concept '%s': label is not valid UTF-8", c->key);
		}
		n++;
	}
	if (order == GL_ORDER_ALPHA)
		qsort(s, n, sizeof *s, cmp_sortable);
	out->items = calloc(n ? n : 1, sizeof *out->items);
	if (!out->items) {
		for (size_t j = 0; j < n; j++)
			free(s[j].din);
		free(s);
		return err_set(err, NULL, 0, "out of memory");
	}
	for (size_t i = 0; i < n; i++) {
		out->items[i] = s[i].e;
		free(s[i].din);
	}
	out->n = n;
	free(s);
	return 0;
}

void gl_list_free(struct gl_list *l)
{
	if (!l)
		return;
	free(l->items);
	l->items = NULL;
	l->n = 0;
}

int gl_format_parse(const char *name)
{
	static const char *const names[] = { "md", "html", "latex", "docbook", "mkdocs",
	                                     "docx", "odt", "asciidoc", "rst" };
	for (int i = 0; i < (int)(sizeof names / sizeof names[0]); i++)
		if (!strcmp(name, names[i]))
			return i;
	return -1;
}

int gl_md_style_parse(const char *name)
{
	static const char *const names[] = { "deflist", "table", "headings" };
	for (int i = 0; i < (int)(sizeof names / sizeof names[0]); i++)
		if (!strcmp(name, names[i]))
			return i;
	return -1;
}
