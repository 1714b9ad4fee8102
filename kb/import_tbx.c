/* import_tbx.c - a TBX-Basic file (ISO 30042:2019, DCA style, as
 * `export --format tbx` writes it and terminology tools exchange it) into
 * the knowledge base, through the CSV import's rows, checks and single
 * transaction (import.h): any error refuses the file with FILE:LINE.
 *
 * The XML is parsed by libxml2 with no network, no entity substitution and
 * no DTD loading; a file that declares a DTD at all is refused, so no entity
 * of any kind (external, or an expansion bomb) is ever read. What maps to
 * what is documented in docs/outputs.md ("Importing TBX"). */
#include "import.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "../common/buf.h"

#define TBX_NS "urn:iso:std:iso:30042:ed-2"
enum { TBX_MAX_BYTES = 64 << 20 };

/* The prefixes of the crossReference refs glossar writes (exports/tbx.c). */
static const char *const prefix_broader = "Oberbegriff:";
static const char *const prefix_narrower = "Unterbegriff:";

struct reader {
	const char *path;
	struct err *err;
	kb_subject_type_fn subject_type;
	struct row *rows;
	size_t n, cap;
	struct strv *narrower; /* per row: keys the file names as narrower */
};

static int fail(struct reader *r, long line, const char *fmt, const char *a, const char *b)
{
	err_set(r->err, r->path, line, fmt, a ? a : "", b ? b : "");
	return -1;
}

static void reader_free(struct reader *r)
{
	for (size_t i = 0; i < r->n; i++) {
		kb_concept_free(&r->rows[i].c);
		strv_free(&r->narrower[i]);
	}
	free(r->rows);
	free(r->narrower);
	r->rows = NULL;
	r->narrower = NULL;
	r->n = r->cap = 0;
}

static int is_el(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

static int has_type(xmlNodePtr n, const char *type)
{
	xmlChar *t = xmlGetProp(n, BAD_CAST "type");
	int same = t && !strcmp((const char *)t, type);
	xmlFree(t);
	return same;
}

static long line_of(xmlNodePtr n)
{
	long line = xmlGetLineNo(n);
	return line > 0 ? line : 0;
}

/* The element's text, trimmed as the CSV import trims a field; NULL when
 * memory ran out. */
static char *text_of(xmlNodePtr n)
{
	xmlChar *x = xmlNodeGetContent(n);
	const char *s = x ? (const char *)x : "";
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	size_t len = strlen(s);
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n' ||
	               s[len - 1] == '\r'))
		len--;
	char *out = strndup(s, len);
	xmlFree(x);
	return out;
}

static int set_text(char **dst, xmlNodePtr n)
{
	free(*dst);
	return (*dst = text_of(n)) ? 0 : -1;
}

static int set_str(char **dst, const char *s)
{
	free(*dst);
	return (*dst = strdup(s ? s : "")) ? 0 : -1;
}

/* A conceptEntry id as a key: glossar writes KEY, or _KEY when the key does
 * not start with a letter (an XML id must); other tools' ids are lower-cased
 * with '_' and '.' as '-'. 0 when no key can be made. */
static int key_of_id(const char *id, char *out, size_t size)
{
	if (id[0] == '_' && id[1] && !(id[1] >= 'a' && id[1] <= 'z') && kb_is_valid_key(id + 1)) {
		snprintf(out, size, "%s", id + 1);
		return 1;
	}
	size_t n = strlen(id);
	if (n == 0 || n >= size)
		return 0;
	for (size_t i = 0; i <= n; i++) {
		char ch = id[i];
		out[i] = ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch == '_' || ch == '.' ? '-' : ch;
	}
	return kb_is_valid_key(out);
}

static int key_attr(struct reader *r, xmlNodePtr n, const char *attr, char *key, size_t size)
{
	xmlChar *id = xmlGetProp(n, BAD_CAST attr);
	int rc = 0;
	if (!id || !*id)
		rc = fail(r, line_of(n), "<%s> without %s", (const char *)n->name, attr);
	else if (!key_of_id((const char *)id, key, size))
		rc = fail(r, line_of(n), "%s '%s' cannot be a key (letters, digits and '-')", attr,
		          (const char *)id);
	xmlFree(id);
	return rc;
}

static int is_lang(xmlNodePtr n, const char *want)
{
	xmlChar *lang = xmlNodeGetLang(n);
	size_t k = strlen(want);
	int is = lang && !strncmp((const char *)lang, want, k) && (!lang[k] || lang[k] == '-');
	xmlFree(lang);
	return is;
}

struct term {
	char *text;
	char type[32], status[32];
	long line;
};

static int read_term_sec(xmlNodePtr sec, struct term *t)
{
	memset(t, 0, sizeof *t);
	t->line = line_of(sec);
	for (xmlNodePtr k = sec->children; k; k = k->next) {
		if (is_el(k, "term")) {
			if (set_text(&t->text, k) < 0)
				return -1;
		} else if (is_el(k, "termNote") && (has_type(k, "termType") ||
		                                    has_type(k, "administrativeStatus"))) {
			char *v = text_of(k);
			if (!v)
				return -1;
			snprintf(has_type(k, "termType") ? t->type : t->status, sizeof t->type, "%s", v);
			free(v);
		}
	}
	return 0;
}

/* The definition, its source and the source URL, wherever TBX-Basic puts them. */
static int read_definition(xmlNodePtr parent, struct kb_concept *c, char **xref_text)
{
	for (xmlNodePtr k = parent->children; k; k = k->next) {
		int rc = 0;
		if (is_el(k, "descripGrp"))
			rc = read_definition(k, c, xref_text);
		else if (is_el(k, "descrip") && has_type(k, "definition") && !*c->definition)
			rc = set_text(&c->definition, k);
		else if (is_el(k, "admin") && has_type(k, "source") && !*c->source)
			rc = set_text(&c->source, k);
		else if (is_el(k, "xref") && has_type(k, "externalCrossReference") && !*c->source_url) {
			xmlChar *target = xmlGetProp(k, BAD_CAST "target");
			rc = set_str(&c->source_url, target ? (const char *)target : "") ||
			     set_text(xref_text, k);
			xmlFree(target);
		}
		if (rc)
			return -1;
	}
	return 0;
}

static int add_label(struct reader *r, struct strv *sv, const struct term *t, const char *key)
{
	if (strv_contains(sv, t->text))
		return fail(r, t->line, "%s: the term '%s' is given twice", key, t->text);
	return strv_push(sv, t->text) < 0 ? fail(r, t->line, "out of memory", NULL, NULL) : 0;
}

/* The preferred term: the one marked preferred, else the first full form,
 * else the first. */
static size_t preferred(const struct term *terms, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(terms[i].status, "preferredTerm-admn-sts"))
			return i;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(terms[i].type, "fullForm"))
			return i;
	return 0;
}

/* An English langSec: pref_label_en, alt_labels_en, definition_en. */
static int english(struct reader *r, xmlNodePtr sec, struct kb_concept *c)
{
	struct kb_concept d;
	kb_concept_init(&d);
	char *xref = NULL;
	struct term *terms = NULL;
	size_t n = 0;
	int rc = set_str(&d.definition, "") || set_str(&d.source, "") || set_str(&d.source_url, "") ||
	         read_definition(sec, &d, &xref) ? fail(r, line_of(sec), "out of memory", NULL, NULL) : 0;
	for (xmlNodePtr s = sec->children; s && rc == 0; s = s->next) {
		if (!is_el(s, "termSec"))
			continue;
		struct term *more = realloc(terms, (n + 1) * sizeof *terms);
		if (!more) {
			rc = fail(r, line_of(s), "out of memory", NULL, NULL);
			break;
		}
		terms = more;
		if (read_term_sec(s, &terms[n++]) < 0)
			rc = fail(r, line_of(s), "out of memory", NULL, NULL);
		else if (!terms[n - 1].text || !*terms[n - 1].text)
			rc = fail(r, line_of(s), "%s: a termSec without a term", c->key, NULL);
	}
	if (rc == 0 && n && !(c->pref_label_en && *c->pref_label_en)) {
		size_t pref = preferred(terms, n);
		rc = set_str(&c->pref_label_en, terms[pref].text) ? fail(r, terms[pref].line, "out of memory", NULL, NULL) : 0;
		for (size_t i = 0; i < n && rc == 0; i++)
			if (i != pref) {
				if (!strcmp(terms[i].text, c->pref_label_en))
					rc = fail(r, terms[i].line, "%s: the term '%s' is given twice", c->key, terms[i].text);
				else
					rc = add_label(r, &c->alt_labels_en, &terms[i], c->key);
			}
	}
	if (rc == 0 && d.definition[0] && !(c->definition_en && *c->definition_en) &&
	    set_str(&c->definition_en, d.definition))
		rc = fail(r, line_of(sec), "out of memory", NULL, NULL);
	for (size_t i = 0; i < n; i++)
		free(terms[i].text);
	free(terms);
	free(xref);
	kb_concept_free(&d);
	return rc;
}

static int concept_entry(struct reader *r, xmlNodePtr entry)
{
	char key[256], target[256];
	if (key_attr(r, entry, "id", key, sizeof key) < 0)
		return -1;
	if (r->n == r->cap) {
		size_t cap = r->cap ? 2 * r->cap : 64;
		struct row *rows = realloc(r->rows, cap * sizeof *rows);
		if (rows)
			r->rows = rows;
		struct strv *nar = rows ? realloc(r->narrower, cap * sizeof *nar) : NULL;
		if (!rows || !nar)
			return fail(r, line_of(entry), "out of memory", NULL, NULL);
		r->narrower = nar;
		r->cap = cap;
	}
	struct row *row = &r->rows[r->n];
	struct strv *narrower = &r->narrower[r->n];
	narrower->v = NULL;
	narrower->n = 0;
	row->line = line_of(entry);
	struct kb_concept *c = &row->c;
	kb_concept_init(c);
	r->n++;
	char *subject = NULL, *xref_text = NULL;
	struct term *terms = NULL;
	size_t n_terms = 0;
	int rc = set_str(&c->key, key) || set_str(&c->definition, "") || set_str(&c->source, "") ||
	         set_str(&c->source_url, "") || set_str(&c->replaced_by, "")
	         ? fail(r, row->line, "out of memory", NULL, NULL) : 0;
	for (xmlNodePtr k = entry->children; k && rc == 0; k = k->next) {
		if (is_el(k, "descrip") && has_type(k, "subjectField")) {
			if (!subject && !(subject = text_of(k)))
				rc = fail(r, line_of(k), "out of memory", NULL, NULL);
		} else if (is_el(k, "ref") && has_type(k, "crossReference")) {
			if (key_attr(r, k, "target", target, sizeof target) < 0) {
				rc = -1;
				break;
			}
			char *text = text_of(k);
			if (!text) {
				rc = fail(r, line_of(k), "out of memory", NULL, NULL);
				break;
			}
			struct strv *to = !strncmp(text, prefix_broader, strlen(prefix_broader)) ? &c->broader
			                : !strncmp(text, prefix_narrower, strlen(prefix_narrower)) ? narrower
			                : &c->related;
			free(text);
			if (!strv_contains(to, target) && strv_push(to, target) < 0)
				rc = fail(r, line_of(k), "out of memory", NULL, NULL);
		} else if (is_el(k, "langSec") && is_lang(k, "en")) {
			rc = english(r, k, c);
		} else if (is_el(k, "langSec") && is_lang(k, "de")) {
			if (read_definition(k, c, &xref_text) < 0) {
				rc = fail(r, line_of(k), "out of memory", NULL, NULL);
				break;
			}
			for (xmlNodePtr s = k->children; s && rc == 0; s = s->next) {
				if (!is_el(s, "termSec"))
					continue;
				struct term *more = realloc(terms, (n_terms + 1) * sizeof *terms);
				if (!more) {
					rc = fail(r, line_of(s), "out of memory", NULL, NULL);
					break;
				}
				terms = more;
				if (read_term_sec(s, &terms[n_terms]) < 0)
					rc = fail(r, line_of(s), "out of memory", NULL, NULL);
				n_terms++;
				if (rc == 0 && (!terms[n_terms - 1].text || !*terms[n_terms - 1].text))
					rc = fail(r, line_of(s), "%s: a termSec without a term", key, NULL);
			}
		}
	}
	/* The preferred term: the one marked preferred, else the first full form,
	 * else the first. A deprecated preferred term deprecates the concept. */
	size_t pref = preferred(terms, n_terms);
	if (rc == 0 && n_terms == 0)
		rc = fail(r, row->line, "%s: no term in a German langSec (xml:lang=\"de\")", key, NULL);
	int deprecated = rc == 0 && !strcmp(terms[pref].status, "deprecatedTerm-admn-sts");
	if (rc == 0 && (set_str(&c->pref_label, terms[pref].text) ||
	                set_str(&c->status, deprecated ? "deprecated" : "draft")))
		rc = fail(r, row->line, "out of memory", NULL, NULL);
	for (size_t i = 0; i < n_terms && rc == 0; i++) {
		const struct term *t = &terms[i];
		if (i == pref)
			continue;
		if (!strcmp(t->text, c->pref_label))
			rc = fail(r, t->line, "%s: the term '%s' is given twice", key, t->text);
		else if (!deprecated && !strcmp(t->status, "deprecatedTerm-admn-sts"))
			rc = add_label(r, &c->hidden_labels, t, key); /* recognised, never shown */
		else if (!strcmp(t->type, "acronym") || !strcmp(t->type, "abbreviation") ||
		         !strcmp(t->type, "shortForm"))
			rc = add_label(r, &c->abbreviations, t, key);
		else
			rc = add_label(r, &c->alt_labels, t, key);
	}
	/* glossar writes the source's title as the xref's text when it has no definition. */
	if (rc == 0 && !*c->source && xref_text && *xref_text && strcmp(xref_text, c->source_url) &&
	    set_str(&c->source, xref_text))
		rc = fail(r, row->line, "out of memory", NULL, NULL);
	const char *type = subject && *subject && r->subject_type ? r->subject_type(subject) : NULL;
	if (rc == 0 && set_str(&c->type, type ? type : "concept"))
		rc = fail(r, row->line, "out of memory", NULL, NULL);
	for (size_t i = 0; i < n_terms; i++)
		free(terms[i].text);
	free(terms);
	free(subject);
	free(xref_text);
	return rc;
}

/* The line of the DOCTYPE, for the message. */
static long doctype_line(const char *data, size_t len)
{
	long line = 1;
	for (size_t i = 0; i + 9 <= len; i++) {
		if (data[i] == '\n')
			line++;
		else if (!memcmp(data + i, "<!DOCTYPE", 9))
			return line;
	}
	return 0;
}

static int read_doc(struct reader *r, const char *data, size_t len)
{
	if (len > TBX_MAX_BYTES)
		return fail(r, 0, "the file is larger than 64 MB%s", NULL, NULL);
	if (len == 0)
		return fail(r, 0, "the file is empty (expected a TBX document)%s", NULL, NULL);
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	if (!ctxt)
		return fail(r, 0, "out of memory", NULL, NULL);
	/* no XML_PARSE_NOENT, no XML_PARSE_DTDLOAD, no XML_PARSE_HUGE */
	xmlDocPtr doc = xmlCtxtReadMemory(ctxt, data, (int)len, r->path, NULL,
	                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
	                                  XML_PARSE_BIG_LINES);
	int rc = 0;
	if (!doc) {
		xmlErrorPtr e = xmlCtxtGetLastError(ctxt);
		char msg[512] = "cannot parse";
		long line = 0;
		if (e && e->message) {
			snprintf(msg, sizeof msg, "%s", e->message);
			size_t k = strlen(msg);
			while (k && (msg[k - 1] == '\n' || msg[k - 1] == ' '))
				msg[--k] = 0;
			line = e->line;
		}
		rc = fail(r, line, "not well-formed XML: %s%s", msg, NULL);
	} else if (doc->intSubset || doc->extSubset) {
		rc = fail(r, doctype_line(data, len), "the file declares a DTD (<!DOCTYPE>): refused, "
		          "entities are never read%s", NULL, NULL);
	}
	xmlNodePtr root = rc == 0 ? xmlDocGetRootElement(doc) : NULL;
	if (rc == 0 && (!root || !is_el(root, "tbx") || !root->ns ||
	                strcmp((const char *)root->ns->href, TBX_NS)))
		rc = fail(r, root ? line_of(root) : 1, "not a TBX document: the root element must be "
		          "<tbx xmlns=\"" TBX_NS "\"> (TBX v3, ISO 30042:2019)%s", NULL, NULL);
	xmlNodePtr body = NULL;
	for (xmlNodePtr t = root ? root->children : NULL; rc == 0 && t; t = t->next)
		if (is_el(t, "text"))
			for (xmlNodePtr b = t->children; b; b = b->next)
				if (is_el(b, "body"))
					body = b;
	for (xmlNodePtr e = body ? body->children : NULL; rc == 0 && e; e = e->next)
		if (is_el(e, "conceptEntry"))
			rc = concept_entry(r, e);
	if (rc == 0 && r->n == 0)
		rc = fail(r, root ? line_of(root) : 0, "no conceptEntry in <text><body>%s", NULL, NULL);
	if (doc)
		xmlFreeDoc(doc);
	xmlFreeParserCtxt(ctxt);
	return rc;
}

static struct row *row_of(struct reader *r, const char *key)
{
	for (size_t i = 0; i < r->n; i++)
		if (!strcmp(r->rows[i].c.key, key))
			return &r->rows[i];
	return NULL;
}

/* A narrower link another tool wrote only on the wider concept's side
 * becomes the narrower concept's broader (glossar writes both sides). */
static int resolve_narrower(struct reader *r)
{
	for (size_t i = 0; i < r->n; i++)
		for (size_t j = 0; j < r->narrower[i].n; j++) {
			struct row *o = row_of(r, r->narrower[i].v[j]);
			const char *wide = r->rows[i].c.key;
			if (o && !strv_contains(&o->c.broader, wide) && strv_push(&o->c.broader, wide) < 0)
				return fail(r, r->rows[i].line, "out of memory", NULL, NULL);
		}
	return 0;
}

static int copy_list(struct strv *dst, const struct strv *src)
{
	for (size_t i = 0; i < src->n; i++)
		if (!strv_contains(dst, src->v[i]) && strv_push(dst, src->v[i]) < 0)
			return -1;
	return 0;
}

/* What TBX does not carry is kept from a concept the KB holds already:
 * hidden labels, match flags, mappings, the replacement, its English
 * labels when the file has no English term for it, and the status
 * (approved goes back to review when the content changes, as in the
 * browser; deprecated follows the file). A related link the KB has on the
 * other side only is not declared a second time. */
static int merge_existing(struct reader *r, struct kb *kb, struct err *err)
{
	for (size_t i = 0; i < r->n; i++) {
		struct kb_concept *c = &r->rows[i].c, now;
		int found = kb_concept_get(kb, c->key, &now, err);
		if (found < 0)
			return -1;
		if (!found)
			continue;
		int bad = copy_list(&c->hidden_labels, &now.hidden_labels) ||
		          copy_list(&c->match, &now.match) ||
		          copy_list(&c->exact_match, &now.exact_match) ||
		          copy_list(&c->close_match, &now.close_match);
		if (!bad && !(c->pref_label_en && *c->pref_label_en))
			bad = set_str(&c->pref_label_en, now.pref_label_en) ||
			      set_str(&c->definition_en, now.definition_en) ||
			      copy_list(&c->alt_labels_en, &now.alt_labels_en);
		int deprecated = !strcmp(c->status, "deprecated");
		if (!bad && deprecated && !strcmp(now.status, "deprecated"))
			bad = set_str(&c->replaced_by, now.replaced_by);
		for (size_t k = 0; !bad && k < c->related.n;) {
			struct kb_concept other;
			int has = strv_contains(&now.related, c->related.v[k]) ? 0
			        : kb_concept_get(kb, c->related.v[k], &other, err);
			if (has < 0) {
				kb_concept_free(&now);
				return -1;
			}
			int other_side = has && strv_contains(&other.related, c->key);
			if (has)
				kb_concept_free(&other);
			if (other_side) {
				free(c->related.v[k]);
				memmove(&c->related.v[k], &c->related.v[k + 1],
				        (c->related.n - k - 1) * sizeof *c->related.v);
				c->related.n--;
			} else {
				k++;
			}
		}
		if (!bad && !deprecated) {
			const char *keep = !strcmp(now.status, "deprecated") ? "draft" : now.status;
			bad = set_str(&c->status, keep);
			if (!bad && !strcmp(keep, "approved") && kb_concept_diff(&now, c, NULL, NULL) > 0)
				bad = set_str(&c->status, "review");
		}
		kb_concept_free(&now);
		if (bad)
			return fail(r, r->rows[i].line, "out of memory", NULL, NULL);
	}
	return 0;
}

static int read_all(const char *path, struct buf *out, struct err *err)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	if (!f)
		return err_set(err, path, 0, "cannot open: %s", strerror(errno));
	char chunk[65536];
	size_t n;
	int rc = 0;
	while (rc == 0 && (n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (out->len + n > TBX_MAX_BYTES)
			rc = err_set(err, path, 0, "the file is larger than 64 MB");
		else if (buf_append(out, chunk, n) < 0)
			rc = err_set(err, path, 0, "out of memory");
	}
	if (rc == 0 && ferror(f))
		rc = err_set(err, path, 0, "cannot read: %s", strerror(errno));
	if (f != stdin)
		fclose(f);
	return rc;
}

int kb_import_tbx_mem(struct kb *kb, const char *data, size_t len, const char *path,
                      kb_subject_type_fn subject_type, struct kb_import_stats *stats,
                      struct err *err)
{
	struct reader r;
	memset(&r, 0, sizeof r);
	r.path = path;
	r.err = err;
	r.subject_type = subject_type;
	int rc = read_doc(&r, data, len);
	if (rc == 0)
		rc = resolve_narrower(&r);
	if (rc == 0 && kb)
		rc = merge_existing(&r, kb, err);
	if (rc < 0 || !kb) {
		reader_free(&r);
		return rc;
	}
	for (size_t i = 0; i < r.n; i++)
		strv_free(&r.narrower[i]);
	free(r.narrower);
	/* The rows go to the CSV import's checks and transaction, which frees them. */
	return kb_import_rows(kb, path, r.rows, r.n, stats, err);
}

int kb_import_tbx(struct kb *kb, const char *path, kb_subject_type_fn subject_type,
                  struct kb_import_stats *stats, struct err *err)
{
	struct buf data = BUF_INIT;
	int rc = read_all(path, &data, err);
	if (rc == 0)
		rc = kb_import_tbx_mem(kb, data.data ? data.data : "", data.len, path, subject_type,
		                       stats, err);
	buf_free(&data);
	return rc;
}
