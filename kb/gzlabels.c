/* gzlabels.c - the gazetteer's labels of a vocabulary: every label with its
 * concept's `match` flags, the context terms of the labels that need one
 * (`context`: all of a concept's labels, `hidden-context`: its hidden
 * labels), and the spoken-acronym flag where the title-case form is no
 * ordinary word. The one builder behind `extract`, `compile` and `serve`. */
#include "kb.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "../common/buf.h"
#include "../common/wordlist.h"
#include "../extract/extract.h"

/* Appends the displayed labels (preferred, alternative, abbreviations) of c. */
static int add_shown(struct buf *b, const struct kb_concept *c)
{
	if (buf_puts(b, c->pref_label) < 0 || buf_putc(b, '\n') < 0)
		return -1;
	const struct strv *lists[] = { &c->alt_labels, &c->abbreviations };
	for (int l = 0; l < 2; l++)
		for (size_t j = 0; j < lists[l]->n; j++)
			if (buf_puts(b, lists[l]->v[j]) < 0 || buf_putc(b, '\n') < 0)
				return -1;
	return 0;
}

/* A concept's context terms: the displayed labels of its broader, narrower
 * and related concepts (either side), and with hidden_only its own. */
static char *context_terms(const struct kb_vocab *v, const struct kb_concept *c, int hidden_only)
{
	struct strv keys = { NULL, 0 };
	struct buf b = BUF_INIT;
	int bad = kb_vocab_related_all(v, c, &keys) < 0 || kb_vocab_narrower(v, c->key, &keys) < 0;
	for (size_t i = 0; i < c->broader.n && !bad; i++)
		bad = strv_push(&keys, c->broader.v[i]) < 0;
	for (size_t i = 0; i < keys.n && !bad; i++) {
		const struct kb_concept *o = kb_vocab_find(v, keys.v[i]);
		if (o && o != c)
			bad = add_shown(&b, o) < 0;
	}
	if (!bad && hidden_only)
		bad = add_shown(&b, c) < 0;
	strv_free(&keys);
	if (bad || buf_putc(&b, 0) < 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}

/* Whether label is an acronym to the gazetteer (it needs its capitals)
 * spoken as a word: a candidate for its title-case form. */
static int is_spoken(const char *label)
{
	int upper = 0, lower = 0;
	for (const char *p = label; *p; p++) {
		upper += *p >= 'A' && *p <= 'Z';
		lower += *p >= 'a' && *p <= 'z';
	}
	return upper >= 2 && upper >= lower && ex_acronym_is_spoken(label);
}

/* Flags the spoken acronyms whose title-case form the word list does not
 * hold; without the list none (no form is then known to be safe). */
static int flag_spoken(struct kb_gz_labels *g)
{
	size_t n = 0;
	for (size_t i = 0; i < g->n; i++)
		n += !(g->labels[i].flags & GZ_FLAG_CASE) && is_spoken(g->labels[i].text);
	if (!n)
		return 0;
	size_t *which = malloc(n * sizeof *which);
	char **forms = calloc(n, sizeof *forms);
	unsigned char *found = malloc(n);
	int rc = which && forms && found ? 0 : -1;
	size_t k = 0;
	for (size_t i = 0; i < g->n && rc == 0; i++) {
		if ((g->labels[i].flags & GZ_FLAG_CASE) || !is_spoken(g->labels[i].text))
			continue;
		struct buf t = BUF_INIT;
		if (wl_recase(g->labels[i].text, WL_TITLE, &t) < 0 || !t.data)
			rc = -1;
		which[k] = i;
		forms[k++] = buf_detach(&t);
	}
	if (rc == 0 && wl_scan(NULL, (const char *const *)forms, k, found) == 0)
		for (size_t j = 0; j < k; j++)
			if (!found[j])
				g->labels[which[j]].flags |= GZ_FLAG_SPOKEN;
	for (size_t j = 0; j < k; j++)
		free(forms[j]);
	free(which);
	free(forms);
	free(found);
	return rc;
}

void kb_gz_labels_free(struct kb_gz_labels *g)
{
	for (size_t i = 0; i < g->n_terms; i++)
		free(g->terms[i]);
	free(g->terms);
	free(g->labels);
	free(g->contexts);
	memset(g, 0, sizeof *g);
}

int kb_gz_labels_build(const struct kb_vocab *v, struct kb_gz_labels *g, struct err *err)
{
	memset(g, 0, sizeof *g);
	size_t n = 0;
	for (size_t i = 0; i < v->n; i++) {
		const struct kb_concept *c = &v->items[i];
		n += 1 + c->abbreviations.n + c->alt_labels.n + c->hidden_labels.n;
	}
	g->labels = calloc(n ? n : 1, sizeof *g->labels);
	g->contexts = calloc(n ? n : 1, sizeof *g->contexts);
	g->terms = calloc(v->n ? v->n : 1, sizeof *g->terms);
	if (!g->labels || !g->contexts || !g->terms)
		goto oom;
	size_t k = 0;
	for (size_t i = 0; i < v->n; i++) {
		const struct kb_concept *c = &v->items[i];
		unsigned flags = (strv_contains(&c->match, "case") ? GZ_FLAG_CASE : 0) |
		                 (strv_contains(&c->match, "compound") ? GZ_FLAG_COMPOUND : 0);
		int all = strv_contains(&c->match, "context");
		int hidden = all || strv_contains(&c->match, "hidden-context");
		const char *terms = NULL;
		if (hidden) {
			if (!(terms = g->terms[g->n_terms] = context_terms(v, c, !all)))
				goto oom;
			g->n_terms++;
		}
		const struct { const struct strv *sv; enum gz_label_kind kind; } groups[] = {
			{ NULL, GZ_PREF }, { &c->alt_labels, GZ_ALT }, { &c->abbreviations, GZ_ABBREV },
			{ &c->hidden_labels, GZ_HIDDEN },
		};
		for (int q = 0; q < 4; q++) {
			size_t count = groups[q].sv ? groups[q].sv->n : 1;
			for (size_t j = 0; j < count; j++) {
				const char *text = groups[q].sv ? groups[q].sv->v[j] : c->pref_label;
				unsigned f = flags;
				if (all || (hidden && groups[q].kind == GZ_HIDDEN)) {
					f |= GZ_FLAG_CONTEXT;
					g->contexts[k] = terms;
				}
				g->labels[k++] = (struct gz_label){ text, c->key, groups[q].kind, f };
			}
		}
	}
	g->n = k;
	if (flag_spoken(g) == 0)
		return 0;
oom:
	kb_gz_labels_free(g);
	return err_set(err, "", 0, "out of memory");
}
