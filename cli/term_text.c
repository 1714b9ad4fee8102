/* term_text.c - a concept as JSON, as text for a person, and as the
 * "field: value" text that term edit opens (see term.h). */
#include "term.h"

#include "../common/json.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* ---- text for a terminal ---- */

/* Code points a terminal would act on rather than show: C0 and C1 controls
 * (ESC starts colour and cursor sequences), DEL, line and paragraph
 * separators, and the bidirectional overrides that reorder what is shown. */
static int acts_on_terminal(utf8proc_int32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0x2028 || cp == 0x2029 ||
	       (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

int term_display_escape(struct buf *b, const char *s)
{
	size_t len = strlen(s);
	size_t i = 0;
	while (i < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
		                                      (utf8proc_ssize_t)(len - i), &cp);
		int rc;
		if (k <= 0) {
			rc = buf_printf(b, "\\x%02x", (unsigned char)s[i]);
			k = 1;
		} else if (!acts_on_terminal(cp)) {
			rc = buf_append(b, s + i, (size_t)k);
		} else if (cp == '\n' || cp == '\r' || cp == '\t') {
			rc = buf_printf(b, "\\%c", cp == '\n' ? 'n' : cp == '\r' ? 'r' : 't');
		} else {
			rc = cp < 0x100 ? buf_printf(b, "\\x%02x", (unsigned)cp)
			                : buf_printf(b, "\\u%04x", (unsigned)cp);
		}
		if (rc < 0)
			return -1;
		i += (size_t)k;
	}
	return 0;
}

static int json_field(struct buf *b, const char *name, const char *value)
{
	return buf_printf(b, ",\"%s\":", name) < 0 || json_str(b, value) < 0 ? -1 : 0;
}

static int json_list(struct buf *b, const char *name, const struct strv *sv)
{
	if (buf_printf(b, ",\"%s\":[", name) < 0)
		return -1;
	for (size_t i = 0; i < sv->n; i++)
		if ((i && buf_putc(b, ',') < 0) || json_str(b, sv->v[i]) < 0)
			return -1;
	return buf_putc(b, ']');
}

int term_concept_json(struct buf *b, const struct kb_concept *c)
{
	if (buf_puts(b, "{\"key\":") < 0 || json_str(b, c->key) < 0 ||
	    json_field(b, "type", c->type) < 0 || json_field(b, "pref_label", c->pref_label) < 0 ||
	    json_list(b, "abbreviations", &c->abbreviations) < 0 ||
	    json_list(b, "alt_labels", &c->alt_labels) < 0 ||
	    json_list(b, "hidden_labels", &c->hidden_labels) < 0 ||
	    json_field(b, "definition", c->definition) < 0 || json_field(b, "source", c->source) < 0 ||
	    json_field(b, "source_url", c->source_url) < 0 ||
	    json_list(b, "broader", &c->broader) < 0 || json_list(b, "related", &c->related) < 0 ||
	    json_field(b, "status", c->status) < 0 || json_list(b, "match", &c->match) < 0 ||
	    json_field(b, "replaced_by", c->replaced_by) < 0 ||
	    json_list(b, "exact_match", &c->exact_match) < 0 ||
	    json_list(b, "close_match", &c->close_match) < 0 ||
	    json_field(b, "pref_label_en", c->pref_label_en ? c->pref_label_en : "") < 0 ||
	    json_list(b, "alt_labels_en", &c->alt_labels_en) < 0 ||
	    json_field(b, "definition_en", c->definition_en ? c->definition_en : "") < 0)
		return -1;
	return buf_putc(b, '}');
}

static int text_line(struct buf *b, const char *name, const char *value)
{
	if (!value || !*value)
		return 0;
	return buf_printf(b, "  %-15s ", name) < 0 || term_display_escape(b, value) < 0 ||
	       buf_putc(b, '\n') < 0 ? -1 : 0;
}

static int text_list(struct buf *b, const char *name, const struct strv *sv)
{
	if (!sv || sv->n == 0)
		return 0;
	if (buf_printf(b, "  %-15s ", name) < 0)
		return -1;
	for (size_t i = 0; i < sv->n; i++)
		if ((i && buf_puts(b, ", ") < 0) || term_display_escape(b, sv->v[i]) < 0)
			return -1;
	return buf_putc(b, '\n');
}

int term_concept_text(struct buf *b, const struct kb_concept *c, const struct strv *narrower,
                      const struct strv *related)
{
	struct buf src = BUF_INIT;
	int bad = 0;
	if (*c->source && *c->source_url)
		bad = buf_printf(&src, "%s <%s>", c->source, c->source_url) < 0;
	else
		bad = buf_puts(&src, *c->source ? c->source : c->source_url) < 0;
	bad = bad || term_display_escape(b, c->pref_label) < 0 ||
	      buf_printf(b, " (%s)\n", c->key) < 0 ||
	      text_line(b, "type:", c->type) < 0 || text_line(b, "status:", c->status) < 0 ||
	      text_line(b, "replaced by:", c->replaced_by) < 0 ||
	      text_list(b, "abbreviations:", &c->abbreviations) < 0 ||
	      text_list(b, "alt labels:", &c->alt_labels) < 0 ||
	      text_list(b, "hidden labels:", &c->hidden_labels) < 0 ||
	      text_line(b, "definition:", c->definition) < 0 ||
	      text_line(b, "source:", buf_cstr(&src)) < 0 ||
	      text_list(b, "broader:", &c->broader) < 0 || text_list(b, "narrower:", narrower) < 0 ||
	      text_list(b, "related:", related ? related : &c->related) < 0 ||
	      text_list(b, "match:", &c->match) < 0 ||
	      text_list(b, "exact match:", &c->exact_match) < 0 ||
	      text_list(b, "close match:", &c->close_match) < 0 ||
	      text_line(b, "English:", c->pref_label_en) < 0 ||
	      text_list(b, "English alt:", &c->alt_labels_en) < 0 ||
	      text_line(b, "English def.:", c->definition_en) < 0 ||
	      text_line(b, "modified:", c->modified) < 0;
	buf_free(&src);
	return bad ? -1 : 0;
}

/* ---- term edit ---- */

static const char *const edit_fields[] = {
	"key", "type", "pref_label", "abbreviations", "alt_labels", "hidden_labels", "definition",
	"source", "source_url", "broader", "related", "status", "match", "replaced_by",
	"exact_match", "close_match", "pref_label_en", "alt_labels_en", "definition_en", NULL,
};

static int edit_list(struct buf *b, const char *name, const struct strv *sv)
{
	if (buf_printf(b, "%s:", name) < 0)
		return -1;
	for (size_t i = 0; i < sv->n; i++)
		if (buf_puts(b, i ? " | " : " ") < 0 || buf_puts(b, sv->v[i]) < 0)
			return -1;
	return buf_putc(b, '\n');
}

static int edit_line(struct buf *b, const char *name, const char *value)
{
	return buf_printf(b, "%s:%s%s\n", name, value && *value ? " " : "", value ? value : "");
}

int term_edit_format(struct buf *b, const struct kb_concept *c)
{
	if (buf_puts(b, "# glossar term edit: one field per line as \"field: value\"; lists are\n"
	                "# separated by \" | \". Lines starting with # are ignored. The key cannot\n"
	                "# change (use term merge). Save unchanged or empty to change nothing.\n") < 0)
		return -1;
	return edit_line(b, "key", c->key) < 0 || edit_line(b, "type", c->type) < 0 ||
	       edit_line(b, "pref_label", c->pref_label) < 0 ||
	       edit_list(b, "abbreviations", &c->abbreviations) < 0 ||
	       edit_list(b, "alt_labels", &c->alt_labels) < 0 ||
	       edit_list(b, "hidden_labels", &c->hidden_labels) < 0 ||
	       edit_line(b, "definition", c->definition) < 0 || edit_line(b, "source", c->source) < 0 ||
	       edit_line(b, "source_url", c->source_url) < 0 ||
	       edit_list(b, "broader", &c->broader) < 0 || edit_list(b, "related", &c->related) < 0 ||
	       edit_line(b, "status", c->status) < 0 || edit_list(b, "match", &c->match) < 0 ||
	       edit_line(b, "replaced_by", c->replaced_by) < 0 ||
	       edit_list(b, "exact_match", &c->exact_match) < 0 ||
	       edit_list(b, "close_match", &c->close_match) < 0 ||
	       edit_line(b, "pref_label_en", c->pref_label_en) < 0 ||
	       edit_list(b, "alt_labels_en", &c->alt_labels_en) < 0 ||
	       edit_line(b, "definition_en", c->definition_en) < 0
	           ? -1 : 0;
}

static char *trim_dup(const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	return strndup(s, n);
}

static int split_list(const char *s, struct strv *sv)
{
	while (*s) {
		const char *bar = strchr(s, '|');
		size_t n = bar ? (size_t)(bar - s) : strlen(s);
		char *one = trim_dup(s, n);
		if (!one || (*one && !strv_contains(sv, one) && strv_push(sv, one) < 0)) {
			free(one);
			return -1;
		}
		free(one);
		s += n + (bar ? 1 : 0);
	}
	return 0;
}

int term_edit_parse(const char *text, const char *path, struct kb_concept *out,
                    struct err *err)
{
	kb_concept_init(out);
	int seen[20] = { 0 }, any = 0;
	long line_no = 0;
	for (const char *s = text; *s;) {
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) : strlen(s);
		line_no++;
		char *line = trim_dup(s, n);
		s += n + (nl ? 1 : 0);
		if (!line) {
			kb_concept_free(out);
			return err_set(err, path, line_no, "out of memory");
		}
		if (!*line || *line == '#') {
			free(line);
			continue;
		}
		char *colon = strchr(line, ':');
		int f = -1;
		if (colon) {
			*colon = '\0';
			for (int i = 0; edit_fields[i]; i++)
				if (!strcmp(edit_fields[i], line))
					f = i;
		}
		if (f < 0 || seen[f]) {
			err_set(err, path, line_no, !colon ? "expected \"field: value\""
			                          : f < 0 ? "unknown field '%s'" : "field '%s' given twice",
			        line);
			free(line);
			kb_concept_free(out);
			return -1;
		}
		seen[f] = 1;
		any = 1;
		char *value = trim_dup(colon + 1, strlen(colon + 1));
		int bad = !value;
		if (!bad) {
			char **str[] = { &out->key, &out->type, &out->pref_label, NULL, NULL, NULL,
			                 &out->definition, &out->source, &out->source_url, NULL, NULL,
			                 &out->status, NULL, &out->replaced_by, NULL, NULL,
			                 &out->pref_label_en, NULL, &out->definition_en };
			struct strv *lists[] = { NULL, NULL, NULL, &out->abbreviations, &out->alt_labels,
			                         &out->hidden_labels, NULL, NULL, NULL, &out->broader,
			                         &out->related, NULL, &out->match, NULL,
			                         &out->exact_match, &out->close_match, NULL,
			                         &out->alt_labels_en, NULL };
			if (str[f]) {
				*str[f] = value;
				value = NULL;
			} else {
				bad = split_list(value, lists[f]) < 0;
			}
		}
		free(value);
		free(line);
		if (bad) {
			kb_concept_free(out);
			return err_set(err, path, line_no, "out of memory");
		}
		if (f == 1 && !kb_is_type(out->type)) {
			err_set(err, path, line_no, "unknown type '%s'", out->type);
			kb_concept_free(out);
			return -1;
		}
		if (f == 11 && !kb_is_status(out->status)) {
			err_set(err, path, line_no, "unknown status '%s'", out->status);
			kb_concept_free(out);
			return -1;
		}
		if (f == 12)
			for (size_t i = 0; i < out->match.n; i++) {
				int known = 0;
				for (int k = 0; kb_match_flags[k]; k++)
					known |= !strcmp(kb_match_flags[k], out->match.v[i]);
				if (!known) {
					err_set(err, path, line_no, "unknown match flag '%s'", out->match.v[i]);
					kb_concept_free(out);
					return -1;
				}
			}
		if (f == 2 && !*out->pref_label) {
			err_set(err, path, line_no, "the preferred label cannot be empty");
			kb_concept_free(out);
			return -1;
		}
	}
	if (!any)
		return 0;
	char **all[] = { &out->key, &out->type, &out->pref_label, &out->definition, &out->source,
	                 &out->source_url, &out->status, &out->replaced_by };
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		if (!*all[i] && !(*all[i] = strdup(""))) {
			kb_concept_free(out);
			return err_set(err, path, 0, "out of memory");
		}
	if (!*out->pref_label) {
		kb_concept_free(out);
		return err_set(err, path, 0, "the preferred label (pref_label) is missing");
	}
	return 1;
}

/* ---- change summaries ---- */

static int diff_str(struct buf *b, const char *name, const char *x, const char *y, int quote)
{
	x = x ? x : "";
	y = y ? y : "";
	if (!strcmp(x, y))
		return 0;
	if (b->len && buf_puts(b, "; ") < 0)
		return -1;
	if (quote == 2)
		return buf_printf(b, "%s '%s' -> '%s'", name, x, y);
	if (!quote)
		return buf_printf(b, "%s %s -> %s", name, *x ? x : "(none)", *y ? y : "(none)");
	return buf_printf(b, "%s %s", name, !*x ? "set" : !*y ? "removed" : "changed");
}

static int diff_list(struct buf *b, const char *name, const struct strv *x, const struct strv *y)
{
	for (size_t i = 0; i < y->n; i++)
		if (!strv_contains(x, y->v[i]) &&
		    ((b->len && buf_puts(b, "; ") < 0) || buf_printf(b, "+%s '%s'", name, y->v[i]) < 0))
			return -1;
	for (size_t i = 0; i < x->n; i++)
		if (!strv_contains(y, x->v[i]) &&
		    ((b->len && buf_puts(b, "; ") < 0) || buf_printf(b, "-%s '%s'", name, x->v[i]) < 0))
			return -1;
	return 0;
}

int term_change_summary(struct buf *b, const struct kb_concept *x, const struct kb_concept *y)
{
	if (!x && !y)
		return 0;
	if (!x)
		return buf_printf(b, "created '%s' (%s, %s)", y->pref_label, y->type, y->status);
	if (!y)
		return buf_printf(b, "removed '%s'", x->pref_label);
	struct buf d = BUF_INIT;
	int bad = diff_str(&d, "status", x->status, y->status, 0) < 0 ||
	          diff_str(&d, "type", x->type, y->type, 0) < 0 ||
	          diff_str(&d, "pref_label", x->pref_label, y->pref_label, 2) < 0 ||
	          diff_list(&d, "abbrev", &x->abbreviations, &y->abbreviations) < 0 ||
	          diff_list(&d, "alt", &x->alt_labels, &y->alt_labels) < 0 ||
	          diff_list(&d, "hidden", &x->hidden_labels, &y->hidden_labels) < 0 ||
	          diff_str(&d, "definition", x->definition, y->definition, 1) < 0 ||
	          diff_str(&d, "source", x->source, y->source, 1) < 0 ||
	          diff_str(&d, "source_url", x->source_url, y->source_url, 0) < 0 ||
	          diff_list(&d, "broader", &x->broader, &y->broader) < 0 ||
	          diff_list(&d, "related", &x->related, &y->related) < 0 ||
	          diff_list(&d, "match", &x->match, &y->match) < 0 ||
	          diff_str(&d, "replaced_by", x->replaced_by, y->replaced_by, 0) < 0 ||
	          diff_list(&d, "exact_match", &x->exact_match, &y->exact_match) < 0 ||
	          diff_list(&d, "close_match", &x->close_match, &y->close_match) < 0 ||
	          diff_str(&d, "pref_label_en", x->pref_label_en, y->pref_label_en, 2) < 0 ||
	          diff_list(&d, "alt_en", &x->alt_labels_en, &y->alt_labels_en) < 0 ||
	          diff_str(&d, "definition_en", x->definition_en, y->definition_en, 1) < 0;
	if (!bad)
		bad = buf_puts(b, d.len ? buf_cstr(&d) : "no visible change") < 0;
	buf_free(&d);
	return bad ? -1 : 0;
}
