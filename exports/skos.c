/* skos.c - the vocabulary as one SKOS concept scheme (W3C SKOS Reference),
 * built as a list of triples that the Turtle, RDF/XML and JSON-LD writers
 * serialise. Which properties carry what is documented in README.md
 * ("Linked data"): concept IRI = base + key, the scheme IRI is the base,
 * glossar's own properties <base>vocab#type and <base>vocab#status. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "skos_graph.h"

const struct rdf_ns_decl rdf_namespaces[NS_COUNT] = {
	[NS_RDF] = { "rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#" },
	[NS_SKOS] = { "skos", "http://www.w3.org/2004/02/skos/core#" },
	[NS_DCT] = { "dct", "http://purl.org/dc/terms/" },
	[NS_OWL] = { "owl", "http://www.w3.org/2002/07/owl#" },
	[NS_XSD] = { "xsd", "http://www.w3.org/2001/XMLSchema#" },
	[NS_VOCAB] = { "gv", NULL },
};

const char *rdf_ns_iri(const struct rdf_graph *g, enum rdf_ns ns)
{
	return ns == NS_VOCAB ? g->vocab_ns : rdf_namespaces[ns].iri;
}

/* An absolute IRI: a scheme, then a ':' (RFC 3987). */
static int has_scheme(const char *s)
{
	if (!isalpha((unsigned char)*s))
		return 0;
	while (isalnum((unsigned char)*s) || *s == '+' || *s == '-' || *s == '.')
		s++;
	return *s == ':' && s[1];
}

int skos_base_is_valid(const char *base)
{
	size_t n = strlen(base);
	/* Concepts and <base>vocab# hang below it, so it must end in '/'. */
	if (!has_scheme(base) || base[n - 1] != '/')
		return 0;
	for (const unsigned char *p = (const unsigned char *)base; *p; p++)
		if (*p <= ' ' || *p == 0x7f || strchr("<>\"{}|^`\\", *p))
			return 0;
	return 1;
}

static char *own(struct rdf_graph *g, char *s)
{
	if (!s)
		return NULL;
	if (g->n_owned == g->cap_owned) {
		size_t cap = g->cap_owned ? 2 * g->cap_owned : 256;
		char **o = realloc(g->owned, cap * sizeof *o);
		if (!o) {
			free(s);
			return NULL;
		}
		g->owned = o;
		g->cap_owned = cap;
	}
	return g->owned[g->n_owned++] = s;
}

static const char *concat(struct rdf_graph *g, const char *a, const char *b)
{
	struct buf t = BUF_INIT;
	if (buf_puts(&t, a) || buf_puts(&t, b)) {
		buf_free(&t);
		return NULL;
	}
	return own(g, buf_detach(&t));
}

static int add(struct rdf_graph *g, const char *s, enum rdf_ns ns, const char *local,
               enum rdf_obj_kind kind, const char *o, const char *dt)
{
	if (!s || !o)
		return -1;
	if (kind != OBJ_IRI) {
		/* XML 1.0 cannot hold C0 controls other than tab and line breaks; they
		 * leave every syntax alike, so the three carry the same graph. */
		for (const unsigned char *p = (const unsigned char *)o; *p; p++)
			if ((*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') || *p == 0x7f) {
				struct buf t = BUF_INIT;
				for (const unsigned char *q = (const unsigned char *)o; *q; q++)
					if (!((*q < 0x20 && *q != '\t' && *q != '\n' && *q != '\r') || *q == 0x7f) &&
					    buf_putc(&t, *q)) {
						buf_free(&t);
						return -1;
					}
				if (!(o = own(g, buf_detach(&t))))
					return -1;
				break;
			}
	}
	if (g->n == g->cap) {
		size_t cap = g->cap ? 2 * g->cap : 1024;
		struct rdf_triple *t = realloc(g->t, cap * sizeof *t);
		if (!t)
			return -1;
		g->t = t;
		g->cap = cap;
	}
	g->t[g->n++] = (struct rdf_triple){ s, { ns, local }, kind, o, dt };
	return 0;
}

static int add_iri(struct rdf_graph *g, const char *s, enum rdf_ns ns, const char *local,
                   const char *o)
{
	return add(g, s, ns, local, OBJ_IRI, o, NULL);
}

static int add_de(struct rdf_graph *g, const char *s, enum rdf_ns ns, const char *local,
                  const char *o)
{
	return add(g, s, ns, local, OBJ_LANG, o, NULL);
}

static int add_keys(struct rdf_graph *g, const struct kb_vocab *v, const char *s,
                    const char *local, const struct strv *keys, const char *base)
{
	int rc = 0;
	for (size_t i = 0; i < keys->n && rc == 0; i++)
		if (kb_vocab_find(v, keys->v[i]))
			rc = add_iri(g, s, NS_SKOS, local, concat(g, base, keys->v[i]));
	return rc;
}

/* SKOS wants the labels of one concept disjoint: a label already given is skipped. */
static int add_labels(struct rdf_graph *g, const char *s, const char *local,
                      const struct strv *labels, struct strv *seen)
{
	int rc = 0;
	for (size_t i = 0; i < labels->n && rc == 0; i++) {
		if (!labels->v[i][0] || strv_contains(seen, labels->v[i]))
			continue;
		rc = strv_push(seen, labels->v[i]) < 0 || add_de(g, s, NS_SKOS, local, labels->v[i]);
	}
	return rc;
}

/* The relations declared on the other side, per concept: built in one pass
 * so that a large vocabulary costs n log n, not n squared. Lists come out in
 * key order, as kb_vocab_narrower and kb_vocab_related_all give them. */
struct inverse {
	struct strv narrower, related;
};

static struct inverse *inverse_build(const struct kb_vocab *v)
{
	struct inverse *inv = calloc(v->n ? v->n : 1, sizeof *inv);
	for (size_t i = 0; inv && i < v->n; i++) {
		const struct kb_concept *c = &v->items[i];
		for (int which = 0; which < 2; which++) {
			const struct strv *keys = which ? &c->related : &c->broader;
			for (size_t j = 0; j < keys->n; j++) {
				const struct kb_concept *o = kb_vocab_find(v, keys->v[j]);
				if (!o)
					continue;
				struct strv *list = which ? &inv[o - v->items].related : &inv[o - v->items].narrower;
				if (!strv_contains(list, c->key) && strv_push(list, c->key) < 0) {
					for (size_t k = 0; k < v->n; k++) {
						strv_free(&inv[k].narrower);
						strv_free(&inv[k].related);
					}
					free(inv);
					return NULL;
				}
			}
		}
	}
	return inv;
}

static void inverse_free(struct inverse *inv, size_t n)
{
	for (size_t k = 0; inv && k < n; k++) {
		strv_free(&inv[k].narrower);
		strv_free(&inv[k].related);
	}
	free(inv);
}

static int add_concept(struct rdf_graph *g, const struct kb_vocab *v, const struct kb_concept *c,
                       const struct inverse *inv, const char *scheme, const char *base)
{
	const char *s = concat(g, base, c->key);
	struct strv seen = { NULL, 0 }, related = { NULL, 0 };
	int is_top = 1;
	for (size_t i = 0; i < c->broader.n; i++)
		if (kb_vocab_find(v, c->broader.v[i]))
			is_top = 0;
	int rc = !s || add_iri(g, s, NS_RDF, "type", concat(g, rdf_namespaces[NS_SKOS].iri, "Concept")) ||
	         add_iri(g, s, NS_SKOS, "inScheme", scheme) ||
	         (is_top && add_iri(g, s, NS_SKOS, "topConceptOf", scheme)) ||
	         strv_push(&seen, c->pref_label) < 0 ||
	         add_de(g, s, NS_SKOS, "prefLabel", c->pref_label) ||
	         add_labels(g, s, "altLabel", &c->abbreviations, &seen) ||
	         add_labels(g, s, "altLabel", &c->alt_labels, &seen) ||
	         add_labels(g, s, "hiddenLabel", &c->hidden_labels, &seen);
	if (rc == 0 && c->definition[0])
		rc = add_de(g, s, NS_SKOS, "definition", c->definition);
	if (rc == 0 && has_scheme(c->source_url)) {
		struct buf iri = BUF_INIT;
		rc = esc_iri(&iri, c->source_url) ||
		     add_iri(g, s, NS_DCT, "source", own(g, buf_detach(&iri)));
		buf_free(&iri);
	}
	if (rc == 0 && c->source[0])
		rc = add_de(g, s, NS_DCT, "bibliographicCitation", c->source);
	for (int side = 0; side < 2 && rc == 0; side++) {
		const struct strv *keys = side ? &inv->related : &c->related;
		for (size_t i = 0; i < keys->n && rc == 0; i++)
			if (!strv_contains(&related, keys->v[i]))
				rc = strv_push(&related, keys->v[i]) < 0;
	}
	rc = rc || add_keys(g, v, s, "broader", &c->broader, base) ||
	     add_keys(g, v, s, "narrower", &inv->narrower, base) ||
	     add_keys(g, v, s, "related", &related, base) ||
	     add(g, s, NS_VOCAB, "type", OBJ_PLAIN, c->type, NULL) ||
	     add(g, s, NS_VOCAB, "status", OBJ_PLAIN, c->status, NULL);
	if (rc == 0 && !strcmp(c->status, "deprecated"))
		rc = add(g, s, NS_OWL, "deprecated", OBJ_TYPED, "true", "boolean");
	if (rc == 0 && c->replaced_by && c->replaced_by[0] && kb_vocab_find(v, c->replaced_by))
		rc = add_iri(g, s, NS_DCT, "isReplacedBy", concat(g, base, c->replaced_by));
	if (rc == 0 && c->modified && c->modified[0])
		rc = add(g, s, NS_DCT, "modified", OBJ_TYPED, c->modified, "dateTime");
	strv_free(&seen);
	strv_free(&related);
	return rc;
}

int rdf_graph_build(struct rdf_graph *g, const struct kb_vocab *v,
                    const struct skos_options *opt, struct err *err)
{
	memset(g, 0, sizeof *g);
	const char *base = opt && opt->base_uri ? opt->base_uri : SKOS_DEFAULT_BASE;
	const char *license = opt && opt->license ? opt->license : SKOS_DEFAULT_LICENSE;
	const char *title = opt && opt->title ? opt->title : "Glossar Verwaltungsdigitalisierung";
	if (!skos_base_is_valid(base))
		return err_set(err, NULL, 0, "invalid base URI '%s' (an absolute IRI ending in /)",
		               base);
	if (!has_scheme(license))
		return err_set(err, NULL, 0, "invalid license IRI '%s'", license);
	struct buf lic = BUF_INIT;
	const char *license_iri = esc_iri(&lic, license) ? NULL : own(g, buf_detach(&lic));
	buf_free(&lic);
	g->vocab_ns = (char *)concat(g, base, "vocab#");
	const char *scheme = base;
	/* The scheme changed when its last concept did: no clock in the output. */
	const char *modified = "";
	for (size_t i = 0; i < v->n; i++)
		if (v->items[i].modified && strcmp(v->items[i].modified, modified) > 0)
			modified = v->items[i].modified;
	int rc = !g->vocab_ns ||
	         add_iri(g, scheme, NS_RDF, "type", concat(g, rdf_namespaces[NS_SKOS].iri, "ConceptScheme")) ||
	         add_de(g, scheme, NS_DCT, "title", title) ||
	         add_iri(g, scheme, NS_DCT, "license", license_iri) ||
	         (modified[0] && add(g, scheme, NS_DCT, "modified", OBJ_TYPED, modified, "dateTime"));
	for (size_t i = 0; i < v->n && rc == 0; i++) {
		int is_top = 1;
		for (size_t j = 0; j < v->items[i].broader.n; j++)
			if (kb_vocab_find(v, v->items[i].broader.v[j]))
				is_top = 0;
		if (is_top)
			rc = add_iri(g, scheme, NS_SKOS, "hasTopConcept", concat(g, base, v->items[i].key));
	}
	struct inverse *inv = rc ? NULL : inverse_build(v);
	if (!inv)
		rc = -1;
	for (size_t i = 0; i < v->n && rc == 0; i++)
		rc = add_concept(g, v, &v->items[i], &inv[i], scheme, base);
	inverse_free(inv, v->n);
	if (rc) {
		rdf_graph_free(g);
		return err_set(err, NULL, 0, "out of memory while building the SKOS graph");
	}
	return 0;
}

void rdf_graph_free(struct rdf_graph *g)
{
	if (!g)
		return;
	for (size_t i = 0; i < g->n_owned; i++)
		free(g->owned[i]);
	free(g->owned);
	free(g->t);
	memset(g, 0, sizeof *g);
}

int skos_write(FILE *out, const struct kb_vocab *v, enum skos_syntax syntax,
               const struct skos_options *opt, struct err *err)
{
	struct rdf_graph g;
	if (rdf_graph_build(&g, v, opt, err) < 0)
		return -1;
	struct buf b = BUF_INIT;
	int rc = syntax == SKOS_TTL      ? skos_write_ttl(&b, &g)
	         : syntax == SKOS_RDFXML ? skos_write_rdfxml(&b, &g)
	                                 : skos_write_jsonld(&b, &g);
	if (rc == 0 && b.len && fwrite(b.data, 1, b.len, out) != b.len)
		rc = -1;
	buf_free(&b);
	rdf_graph_free(&g);
	if (rc)
		return err_set(err, NULL, 0, "cannot write the SKOS output");
	return 0;
}

struct skos_graph {
	struct rdf_graph g;
	char *base;
};

const char *skos_graph_base(const struct skos_graph *sg)
{
	return sg->base;
}

struct skos_graph *skos_graph_new(const struct kb_vocab *v, const struct skos_options *opt,
                                  struct err *err)
{
	struct skos_graph *sg = malloc(sizeof *sg);
	if (!sg) {
		err_set(err, NULL, 0, "out of memory");
		return NULL;
	}
	sg->base = strdup(opt && opt->base_uri ? opt->base_uri : SKOS_DEFAULT_BASE);
	if (!sg->base || rdf_graph_build(&sg->g, v, opt, err) < 0) {
		if (!sg->base)
			err_set(err, NULL, 0, "out of memory");
		free(sg->base);
		free(sg);
		return NULL;
	}
	return sg;
}

void skos_graph_free(struct skos_graph *sg)
{
	if (!sg)
		return;
	rdf_graph_free(&sg->g);
	free(sg->base);
	free(sg);
}

long skos_graph_write(struct buf *b, const struct skos_graph *sg, enum skos_syntax syntax,
                      const char *subject)
{
	const struct rdf_graph *g = &sg->g;
	struct rdf_graph sub = *g;
	if (subject) {
		/* Triples are grouped by subject: the concept's run is one slice. */
		size_t i = 0;
		while (i < g->n && strcmp(g->t[i].subject, subject))
			i++;
		size_t j = i;
		while (j < g->n && !strcmp(g->t[j].subject, subject))
			j++;
		sub.t = g->t + i;
		sub.n = j - i;
	}
	int rc = syntax == SKOS_TTL      ? skos_write_ttl(b, &sub)
	         : syntax == SKOS_RDFXML ? skos_write_rdfxml(b, &sub)
	                                 : skos_write_jsonld(b, &sub);
	return rc ? -1 : (long)sub.n;
}
