/* csv.c - the vocabulary as glossary.csv, the format kb_import_csv reads back
 * to the same knowledge base (export -> import -> export is byte-identical). */
#include <string.h>

#include "../common/buf.h"
#include "exports.h"

/* RFC 4180: quote a field holding a comma, a quote, a line break, or space at an end. */
static int put_field(struct buf *b, const char *s)
{
	size_t n = strlen(s);
	int quote = strpbrk(s, ",\"\r\n") != NULL ||
	            (n && (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t'));
	if (!quote)
		return buf_append(b, s, n);
	int rc = buf_putc(b, '"');
	for (const char *p = s; *p && rc == 0; p++)
		rc = *p == '"' ? buf_puts(b, "\"\"") : buf_putc(b, *p);
	return rc ? rc : buf_putc(b, '"');
}

static int put_list(struct buf *b, const struct strv *sv)
{
	struct buf joined = BUF_INIT;
	int rc = 0;
	for (size_t i = 0; i < sv->n && rc == 0; i++)
		rc = (i ? buf_putc(&joined, '|') : 0) || buf_puts(&joined, sv->v[i]);
	if (rc == 0)
		rc = put_field(b, buf_cstr(&joined));
	buf_free(&joined);
	return rc;
}

int csv_write_vocab(FILE *out, const struct kb_vocab *v, struct err *err)
{
	struct buf b = BUF_INIT;
	int rc = 0, has_replaced_by = 0, has_mappings = 0, has_english = 0;
	for (size_t i = 0; i < v->n; i++) {
		if (v->items[i].replaced_by && *v->items[i].replaced_by)
			has_replaced_by = 1;
		if (v->items[i].exact_match.n || v->items[i].close_match.n)
			has_mappings = 1;
		const struct kb_concept *k = &v->items[i];
		if ((k->pref_label_en && *k->pref_label_en) || k->alt_labels_en.n ||
		    (k->definition_en && *k->definition_en))
			has_english = 1;
	}
	/* The optional columns only when used: a file without them stays as it was. */
	for (int c = 0; c < KB_CSV_NCOLUMNS && rc == 0; c++) {
		if ((c == KB_CSV_COL_REPLACED_BY && !has_replaced_by) ||
		    ((c == KB_CSV_COL_EXACT_MATCH || c == KB_CSV_COL_CLOSE_MATCH) && !has_mappings) ||
		    (c >= KB_CSV_COL_PREF_LABEL_EN && !has_english))
			continue;
		rc = (c ? buf_putc(&b, ',') : 0) || buf_puts(&b, kb_csv_columns[c]);
	}
	rc = rc || buf_putc(&b, '\n');
	for (size_t i = 0; i < v->n && rc == 0; i++) {
		const struct kb_concept *k = &v->items[i];
		rc = put_field(&b, k->key) || buf_putc(&b, ',') ||
		     put_field(&b, k->type) || buf_putc(&b, ',') ||
		     put_field(&b, k->pref_label) || buf_putc(&b, ',') ||
		     put_list(&b, &k->abbreviations) || buf_putc(&b, ',') ||
		     put_list(&b, &k->alt_labels) || buf_putc(&b, ',') ||
		     put_list(&b, &k->hidden_labels) || buf_putc(&b, ',') ||
		     put_field(&b, k->definition) || buf_putc(&b, ',') ||
		     put_field(&b, k->source) || buf_putc(&b, ',') ||
		     put_field(&b, k->source_url) || buf_putc(&b, ',') ||
		     put_list(&b, &k->broader) || buf_putc(&b, ',') ||
		     put_list(&b, &k->related) || buf_putc(&b, ',') ||
		     put_field(&b, k->status) || buf_putc(&b, ',') ||
		     put_list(&b, &k->match) ||
		     (has_replaced_by && (buf_putc(&b, ',') || put_field(&b, k->replaced_by))) ||
		     (has_mappings && (buf_putc(&b, ',') || put_list(&b, &k->exact_match) ||
		                       buf_putc(&b, ',') || put_list(&b, &k->close_match))) ||
		     (has_english && (buf_putc(&b, ',') ||
		                      put_field(&b, k->pref_label_en ? k->pref_label_en : "") ||
		                      buf_putc(&b, ',') || put_list(&b, &k->alt_labels_en) ||
		                      buf_putc(&b, ',') ||
		                      put_field(&b, k->definition_en ? k->definition_en : ""))) ||
		     buf_putc(&b, '\n');
		/* Write as we go so a large vocabulary needs no second copy. */
		if (rc == 0 && b.len > 65536) {
			if (fwrite(b.data, 1, b.len, out) != b.len)
				rc = -1;
			buf_reset(&b);
		}
	}
	if (rc == 0 && b.len && fwrite(b.data, 1, b.len, out) != b.len)
		rc = -1;
	buf_free(&b);
	if (rc)
		return err_set(err, NULL, 0, "cannot write the CSV output");
	return 0;
}
