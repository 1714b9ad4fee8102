/* synonyms.c - the vocabulary as search-engine synonym sets: one rule per
 * concept that joins its preferred label, abbreviations, alternative and
 * hidden labels as equivalent synonyms, so that a portal's search finds a
 * concept by any of its names and by the misspellings the extractor knows.
 *
 * Solr: synonyms.txt as Lucene's SolrSynonymParser reads it - one rule a
 * line, terms separated by ",", '#' at a line start a comment, and a
 * backslash escaping the next character ("\," "\=>" "\\"). Elasticsearch:
 * the body of PUT _synonyms/<set> - {"synonyms_set":[{"id":..,"synonyms":..}]}
 * where each rule is in the same Solr syntax.
 * Deprecated concepts are left out: their names live on in the concept that
 * replaced them. A concept with one name only has no synonyms. */
#include <string.h>

#include "../common/json.h"
#include "exports.h"

/* Appends term escaped for the Solr syntax. Leading and trailing white space
 * is trimmed by the parser and labels hold none. */
static int solr_term(struct buf *b, const char *term)
{
	for (const char *p = term; *p; p++) {
		int special = *p == ',' || *p == '\\' || (*p == '=' && p[1] == '>') ||
		              (p == term && *p == '#');
		if ((special && buf_putc(b, '\\') < 0) || buf_putc(b, *p) < 0)
			return -1;
	}
	return 0;
}

/* The i-th name of c: preferred label, abbreviations, alternative labels,
 * hidden labels; NULL past the last. */
static const char *name_at(const struct kb_concept *c, size_t i)
{
	const struct strv *lists[] = { &c->abbreviations, &c->alt_labels, &c->hidden_labels };
	if (i == 0)
		return c->pref_label;
	i--;
	for (size_t l = 0; l < 3; l++) {
		if (i < lists[l]->n)
			return lists[l]->v[i];
		i -= lists[l]->n;
	}
	return NULL;
}

/* The rule of c in Solr syntax into b, each name once; *n_terms names. */
static int solr_rule(struct buf *b, const struct kb_concept *c, size_t *n_terms)
{
	const char *s;
	size_t n = 0;
	for (size_t i = 0; (s = name_at(c, i)); i++) {
		size_t j = 0;
		while (j < i && strcmp(name_at(c, j), s))
			j++;
		if (!*s || j < i)
			continue;
		if ((n++ && buf_puts(b, ", ") < 0) || solr_term(b, s) < 0)
			return -1;
	}
	*n_terms = n;
	return 0;
}

int synonyms_write(FILE *out, const struct kb_vocab *v, enum synonyms_format f,
                   int approved_only, struct err *err)
{
	struct buf rule = BUF_INIT, line = BUF_INIT;
	int rc = 0, first = 1;
	if (f == SYN_SOLR)
		fputs("# glossar: one line per concept, its names as equivalent synonyms\n", out);
	else
		fputs("{\"synonyms_set\":[", out);
	for (size_t i = 0; i < v->n && rc == 0; i++) {
		const struct kb_concept *c = &v->items[i];
		size_t n_terms;
		if (!strcmp(c->status, "deprecated") || (approved_only && !gl_is_approved(c)))
			continue;
		buf_reset(&rule);
		if (solr_rule(&rule, c, &n_terms) < 0) {
			rc = -1;
			break;
		}
		if (n_terms < 2)
			continue;
		buf_reset(&line);
		if (f == SYN_SOLR) {
			rc = buf_puts(&line, buf_cstr(&rule)) || buf_putc(&line, '\n');
		} else {
			rc = buf_puts(&line, first ? "\n{\"id\":" : ",\n{\"id\":") ||
			     json_str(&line, c->key) || buf_puts(&line, ",\"synonyms\":") ||
			     json_str(&line, buf_cstr(&rule)) || buf_putc(&line, '}');
		}
		if (rc == 0 && fwrite(line.data, 1, line.len, out) != line.len)
			rc = -1;
		first = 0;
	}
	if (rc == 0 && f == SYN_ES)
		fputs("\n]}\n", out);
	buf_free(&rule);
	buf_free(&line);
	if (rc < 0)
		err_set(err, "", 0, "out of memory or write error while writing synonyms");
	return rc < 0 ? -1 : 0;
}
