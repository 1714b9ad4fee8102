/* diff.c - what changed between two states of the vocabulary (two releases,
 * or a release and now): new, changed (field by field), deprecated (with
 * the replacement) and deleted concepts, as Markdown, HTML or JSON. Both
 * vocabularies are sorted by key, so one merge walk finds every difference. */
#include <stdlib.h>
#include <string.h>

#include "../common/json.h"
#include "escape.h"
#include "exports.h"

enum { D_NEW, D_CHANGED, D_DEPRECATED, D_DELETED, D_KINDS };

static const char *const heading[D_KINDS] = { "Neu", "Geändert", "Veraltet", "Gelöscht" };
static const char *const json_name[D_KINDS] = { "new", "changed", "deprecated", "deleted" };

/* A field of glossary.csv as the diff shows it: one string or a list. */
struct field {
	const char *name;
	const char *(*str)(const struct kb_concept *);
	const struct strv *(*list)(const struct kb_concept *);
};

#define STR(f) static const char *f##_of(const struct kb_concept *c) { return c->f ? c->f : ""; }
#define LIST(f) static const struct strv *f##_of(const struct kb_concept *c) { return &c->f; }
STR(type) STR(pref_label) STR(definition) STR(source) STR(source_url) STR(status) STR(replaced_by)
STR(pref_label_en) STR(definition_en)
LIST(abbreviations) LIST(alt_labels) LIST(hidden_labels) LIST(broader) LIST(related) LIST(match)
LIST(exact_match) LIST(close_match) LIST(alt_labels_en)

static const struct field fields[] = {
	{ "type", type_of, NULL },
	{ "pref_label", pref_label_of, NULL },
	{ "abbreviations", NULL, abbreviations_of },
	{ "alt_labels", NULL, alt_labels_of },
	{ "hidden_labels", NULL, hidden_labels_of },
	{ "definition", definition_of, NULL },
	{ "source", source_of, NULL },
	{ "source_url", source_url_of, NULL },
	{ "broader", NULL, broader_of },
	{ "related", NULL, related_of },
	{ "status", status_of, NULL },
	{ "match", NULL, match_of },
	{ "replaced_by", replaced_by_of, NULL },
	{ "exact_match", NULL, exact_match_of },
	{ "close_match", NULL, close_match_of },
	{ "pref_label_en", pref_label_en_of, NULL },
	{ "alt_labels_en", NULL, alt_labels_en_of },
	{ "definition_en", definition_en_of, NULL },
};
enum { N_FIELDS = sizeof fields / sizeof fields[0] };

static int list_equal(const struct strv *a, const struct strv *b)
{
	if (a->n != b->n)
		return 0;
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->v[i], b->v[i]))
			return 0;
	return 1;
}

static int field_differs(const struct field *f, const struct kb_concept *a, const struct kb_concept *b)
{
	return f->str ? strcmp(f->str(a), f->str(b)) != 0 : !list_equal(f->list(a), f->list(b));
}

struct change {
	int kind;
	const struct kb_concept *old, *cur;
};

/* One entry per difference, in key order. */
static int compare(const struct kb_vocab *old, const struct kb_vocab *cur, struct change **out,
                   size_t *n_out)
{
	size_t cap = old->n + cur->n + 1, n = 0, i = 0, j = 0;
	struct change *ch = malloc(cap * sizeof *ch);
	if (!ch)
		return -1;
	while (i < old->n || j < cur->n) {
		int cmp = i == old->n ? 1 : j == cur->n ? -1 : strcmp(old->items[i].key, cur->items[j].key);
		if (cmp < 0) {
			ch[n++] = (struct change){ D_DELETED, &old->items[i++], NULL };
		} else if (cmp > 0) {
			ch[n++] = (struct change){ D_NEW, NULL, &cur->items[j++] };
		} else {
			const struct kb_concept *a = &old->items[i++], *b = &cur->items[j++];
			int differs = 0;
			for (size_t f = 0; f < N_FIELDS && !differs; f++)
				differs = field_differs(&fields[f], a, b);
			if (differs)
				ch[n++] = (struct change){
					strcmp(a->status, "deprecated") && !strcmp(b->status, "deprecated")
						? D_DEPRECATED : D_CHANGED, a, b };
		}
	}
	*out = ch;
	*n_out = n;
	return 0;
}

static const struct kb_concept *shown(const struct change *c)
{
	return c->cur ? c->cur : c->old;
}

/* ---- Markdown ---- */

static int md_list(struct buf *b, const struct strv *l)
{
	int rc = 0;
	for (size_t i = 0; i < l->n && rc == 0; i++)
		rc = (i && buf_puts(b, ", ")) || esc_md(b, l->v[i]);
	return rc || (!l->n && buf_puts(b, "–"));
}

static int md_value(struct buf *b, const struct field *f, const struct kb_concept *c)
{
	if (f->list)
		return md_list(b, f->list(c));
	return *f->str(c) ? buf_puts(b, "„") || esc_md(b, f->str(c)) || buf_puts(b, "“") : buf_puts(b, "–");
}

static int md_entry(struct buf *b, const struct change *c, const struct kb_vocab *cur)
{
	const struct kb_concept *k = shown(c);
	int rc = buf_puts(b, "- **") || esc_md(b, k->pref_label) || buf_puts(b, "** (`") ||
	         buf_puts(b, k->key) || buf_puts(b, "`)");
	if (rc == 0 && c->kind == D_DEPRECATED && c->cur->replaced_by && *c->cur->replaced_by) {
		const struct kb_concept *r = kb_vocab_find(cur, c->cur->replaced_by);
		rc = buf_puts(b, ", ersetzt durch **") || esc_md(b, r ? r->pref_label : c->cur->replaced_by) ||
		     buf_puts(b, "** (`") || buf_puts(b, c->cur->replaced_by) || buf_puts(b, "`)");
	}
	rc = rc || buf_putc(b, '\n');
	for (size_t f = 0; c->old && c->cur && f < N_FIELDS && rc == 0; f++)
		if (field_differs(&fields[f], c->old, c->cur))
			rc = buf_printf(b, "  - `%s`: ", fields[f].name) || md_value(b, &fields[f], c->old) ||
			     buf_puts(b, " → ") || md_value(b, &fields[f], c->cur) || buf_putc(b, '\n');
	return rc;
}

/* ---- HTML ---- */

static int html_value(struct buf *b, const struct field *f, const struct kb_concept *c)
{
	int rc = 0;
	if (f->list) {
		const struct strv *l = f->list(c);
		for (size_t i = 0; i < l->n && rc == 0; i++)
			rc = (i && buf_puts(b, ", ")) || esc_html(b, l->v[i]);
		return rc || (!l->n && buf_puts(b, "–"));
	}
	return *f->str(c) ? esc_html(b, f->str(c)) : buf_puts(b, "–");
}

static int html_entry(struct buf *b, const struct change *c, const struct kb_vocab *cur)
{
	const struct kb_concept *k = shown(c);
	int rc = buf_puts(b, "<li><strong>") || esc_html(b, k->pref_label) ||
	         buf_puts(b, "</strong> (<code>") || esc_html(b, k->key) || buf_puts(b, "</code>)");
	if (rc == 0 && c->kind == D_DEPRECATED && c->cur->replaced_by && *c->cur->replaced_by) {
		const struct kb_concept *r = kb_vocab_find(cur, c->cur->replaced_by);
		rc = buf_puts(b, ", ersetzt durch <strong>") ||
		     esc_html(b, r ? r->pref_label : c->cur->replaced_by) || buf_puts(b, "</strong>");
	}
	if (rc == 0 && c->old && c->cur) {
		rc = buf_puts(b, "\n<table>\n<thead><tr><th>Feld</th><th>vorher</th><th>nachher</th></tr></thead>\n<tbody>\n");
		for (size_t f = 0; f < N_FIELDS && rc == 0; f++)
			if (field_differs(&fields[f], c->old, c->cur))
				rc = buf_printf(b, "<tr><td><code>%s</code></td><td>", fields[f].name) ||
				     html_value(b, &fields[f], c->old) || buf_puts(b, "</td><td>") ||
				     html_value(b, &fields[f], c->cur) || buf_puts(b, "</td></tr>\n");
		rc = rc || buf_puts(b, "</tbody>\n</table>\n");
	}
	return rc || buf_puts(b, "</li>\n");
}

/* ---- JSON ---- */

static int json_value(struct buf *b, const struct field *f, const struct kb_concept *c)
{
	if (!f->list)
		return json_str(b, f->str(c));
	const struct strv *l = f->list(c);
	int rc = buf_putc(b, '[');
	for (size_t i = 0; i < l->n && rc == 0; i++)
		rc = (i && buf_putc(b, ',')) || json_str(b, l->v[i]);
	return rc || buf_putc(b, ']');
}

static int json_entry(struct buf *b, const struct change *c)
{
	const struct kb_concept *k = shown(c);
	int rc = buf_puts(b, "{\"key\":") || json_str(b, k->key) || buf_puts(b, ",\"pref_label\":") ||
	         json_str(b, k->pref_label);
	if (rc == 0 && c->kind == D_DEPRECATED)
		rc = buf_puts(b, ",\"replaced_by\":") || json_str(b, c->cur->replaced_by ? c->cur->replaced_by : "");
	if (rc == 0 && c->old && c->cur) {
		int first = 1;
		rc = buf_puts(b, ",\"fields\":{");
		for (size_t f = 0; f < N_FIELDS && rc == 0; f++)
			if (field_differs(&fields[f], c->old, c->cur)) {
				rc = (!first && buf_putc(b, ',')) || json_str(b, fields[f].name) ||
				     buf_puts(b, ":{\"old\":") || json_value(b, &fields[f], c->old) ||
				     buf_puts(b, ",\"new\":") || json_value(b, &fields[f], c->cur) || buf_putc(b, '}');
				first = 0;
			}
		rc = rc || buf_putc(b, '}');
	}
	return rc || buf_putc(b, '}');
}

int diff_write(FILE *out, const struct kb_vocab *old, const struct kb_vocab *cur,
               const char *from, const char *to, enum diff_format fmt, size_t *n_changes,
               struct err *err)
{
	struct change *ch;
	size_t n;
	if (compare(old, cur, &ch, &n) < 0)
		return err_set(err, NULL, 0, "out of memory");
	struct buf b = BUF_INIT;
	int rc = 0;
	if (fmt == DIFF_JSON) {
		rc = buf_puts(&b, "{\"from\":") || json_str(&b, from) || buf_puts(&b, ",\"to\":") ||
		     json_str(&b, to);
		for (int k = 0; k < D_KINDS && rc == 0; k++) {
			int first = 1;
			rc = buf_printf(&b, ",\n\"%s\":[", json_name[k]);
			for (size_t i = 0; i < n && rc == 0; i++)
				if (ch[i].kind == k) {
					rc = buf_puts(&b, first ? "\n" : ",\n") || json_entry(&b, &ch[i]);
					first = 0;
				}
			rc = rc || buf_putc(&b, ']');
		}
		rc = rc || buf_puts(&b, "}\n");
	} else {
		int html = fmt == DIFF_HTML;
		rc = html ? buf_puts(&b, "<!DOCTYPE html>\n<html lang=\"de\">\n<head>\n<meta charset=\"utf-8\">\n"
		                         "<title>Änderungen</title>\n</head>\n<body>\n<main>\n<h1>Änderungen von ") ||
		            esc_html(&b, from) || buf_puts(&b, " bis ") || esc_html(&b, to) || buf_puts(&b, "</h1>\n")
		          : buf_puts(&b, "# Änderungen von ") || esc_md(&b, from) || buf_puts(&b, " bis ") ||
		            esc_md(&b, to) || buf_puts(&b, "\n");
		for (int k = 0; k < D_KINDS && rc == 0; k++) {
			size_t count = 0;
			for (size_t i = 0; i < n; i++)
				count += ch[i].kind == k;
			rc = html ? buf_printf(&b, "<h2>%s (%zu)</h2>\n", heading[k], count)
			          : buf_printf(&b, "\n## %s (%zu)\n\n", heading[k], count);
			if (rc == 0 && count == 0)
				rc = buf_puts(&b, html ? "<p>keine</p>\n" : "keine\n");
			rc = rc || (count && html && buf_puts(&b, "<ul>\n"));
			for (size_t i = 0; i < n && rc == 0; i++)
				if (ch[i].kind == k)
					rc = html ? html_entry(&b, &ch[i], cur) : md_entry(&b, &ch[i], cur);
			rc = rc || (count && html && buf_puts(&b, "</ul>\n"));
		}
		rc = rc || (html && buf_puts(&b, "</main>\n</body>\n</html>\n"));
	}
	if (rc == 0 && b.len && fwrite(b.data, 1, b.len, out) != b.len)
		rc = -1;
	buf_free(&b);
	free(ch);
	if (n_changes)
		*n_changes = n;
	return rc ? err_set(err, NULL, 0, "cannot write the diff") : 0;
}
