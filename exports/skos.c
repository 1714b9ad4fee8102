/* skos.c - the vocabulary as one SKOS concept scheme (W3C SKOS Reference),
 * built as a list of triples that the Turtle, RDF/XML and JSON-LD writers
 * serialise. Which properties carry what is documented in docs/outputs.md
 * ("Linked data"): concept IRI = base + key, the scheme IRI is the base,
 * glossar's own property <base>vocab#status, the type as a class of the
 * small class vocabulary <base>vocab# (each a subclass of skos:Concept), and
 * one skos:Collection per type at <base>collection/TYPE. */
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "skos_graph.h"

const struct rdf_ns_decl rdf_namespaces[NS_COUNT] = {
	[NS_RDF] = { "rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#" },
	[NS_RDFS] = { "rdfs", "http://www.w3.org/2000/01/rdf-schema#" },
	[NS_SKOS] = { "skos", "http://www.w3.org/2004/02/skos/core#" },
	[NS_DCT] = { "dct", "http://purl.org/dc/terms/" },
	[NS_OWL] = { "owl", "http://www.w3.org/2002/07/owl#" },
	[NS_XSD] = { "xsd", "http://www.w3.org/2001/XMLSchema#" },
	[NS_FOAF] = { "foaf", "http://xmlns.com/foaf/0.1/" },
	[NS_DCAT] = { "dcat", "http://www.w3.org/ns/dcat#" },
	[NS_VOCAB] = { "gv", NULL },
};

const char *rdf_ns_iri(const struct rdf_graph *g, enum rdf_ns ns)
{
	return ns == NS_VOCAB ? g->vocab_ns : rdf_namespaces[ns].iri;
}

int skos_iri_is_valid(const char *iri)
{
	if (!esc_is_http_iri(iri))
		return 0;
	for (const unsigned char *p = (const unsigned char *)iri; *p; p++)
		if (*p <= ' ' || *p == 0x7f || strchr("<>\"{}|^`\\", *p))
			return 0;
	return 1;
}

int skos_base_is_valid(const char *base)
{
	/* Concepts and <base>vocab# hang below it, so it must end in '/'. */
	size_t n = strlen(base);
	return skos_iri_is_valid(base) && base[n - 1] == '/';
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
		/* What XML 1.0 cannot hold (C0 controls, U+FFFE, U+FFFF) and DEL leave
		 * every syntax alike, so the three carry the same graph. */
		struct buf t = BUF_INIT;
		if (esc_xml_chars(&t, o)) {
			buf_free(&t);
			return -1;
		}
		size_t n = 0;
		for (size_t i = 0; i < t.len; i++)
			if (t.data[i] != 0x7f)
				t.data[n++] = t.data[i];
		if (t.data)
			t.data[n] = '\0';
		t.len = n;
		if (n == strlen(o) && !strcmp(buf_cstr(&t), o))
			buf_free(&t);
		else if (!(o = own(g, t.data ? buf_detach(&t) : strdup(""))))
			return -1;
	}
	if (g->n == g->cap) {
		size_t cap = g->cap ? 2 * g->cap : 1024;
		struct rdf_triple *t = realloc(g->t, cap * sizeof *t);
		if (!t)
			return -1;
		g->t = t;
		g->cap = cap;
	}
	g->t[g->n++] = (struct rdf_triple){ s, { ns, local }, kind, o, dt, kind == OBJ_LANG ? "de" : NULL };
	return 0;
}

static int add_lang(struct rdf_graph *g, const char *s, enum rdf_ns ns, const char *local,
                    const char *o, const char *lang)
{
	if (add(g, s, ns, local, OBJ_LANG, o, NULL) < 0)
		return -1;
	g->t[g->n - 1].lang = lang;
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

/* Mappings to concepts of other vocabularies. Validation lets only absolute
 * http(s) IRIs in; one that came in otherwise is left out rather than written
 * as something that is no IRI. */
static int add_mappings(struct rdf_graph *g, const char *s, const char *local,
                        const struct strv *iris)
{
	int rc = 0;
	for (size_t i = 0; i < iris->n && rc == 0; i++) {
		if (!skos_iri_is_valid(iris->v[i]))
			continue;
		struct buf iri = BUF_INIT;
		rc = esc_iri(&iri, iris->v[i]) || add_iri(g, s, NS_SKOS, local, own(g, buf_detach(&iri)));
		buf_free(&iri);
	}
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
	const struct gl_type_names *tn = gl_type_names(c->type);
	/* English beside German, each predicate's values together (the compact
	 * JSON-LD writes one key per run); one prefLabel per language (SKOS S14),
	 * the labels of one language disjoint. */
	struct strv seen_en = { NULL, 0 };
	const char *pref_en = c->pref_label_en && c->pref_label_en[0] ? c->pref_label_en : NULL;
	int rc = !s || add_iri(g, s, NS_RDF, "type", concat(g, rdf_namespaces[NS_SKOS].iri, "Concept")) ||
	         (tn && add_iri(g, s, NS_RDF, "type", concat(g, g->vocab_ns, tn->class_local))) ||
	         add_iri(g, s, NS_SKOS, "inScheme", scheme) ||
	         (is_top && add_iri(g, s, NS_SKOS, "topConceptOf", scheme)) ||
	         strv_push(&seen, c->pref_label) < 0 ||
	         add_de(g, s, NS_SKOS, "prefLabel", c->pref_label) ||
	         (pref_en && (strv_push(&seen_en, pref_en) < 0 ||
	                      add_lang(g, s, NS_SKOS, "prefLabel", pref_en, "en"))) ||
	         add_labels(g, s, "altLabel", &c->abbreviations, &seen) ||
	         add_labels(g, s, "altLabel", &c->alt_labels, &seen);
	for (size_t i = 0; i < c->alt_labels_en.n && rc == 0; i++)
		if (c->alt_labels_en.v[i][0] && !strv_contains(&seen_en, c->alt_labels_en.v[i]))
			rc = strv_push(&seen_en, c->alt_labels_en.v[i]) < 0 ||
			     add_lang(g, s, NS_SKOS, "altLabel", c->alt_labels_en.v[i], "en");
	rc = rc || add_labels(g, s, "hiddenLabel", &c->hidden_labels, &seen);
	if (rc == 0 && c->definition[0])
		rc = add_de(g, s, NS_SKOS, "definition", c->definition);
	if (rc == 0 && c->definition_en && c->definition_en[0])
		rc = add_lang(g, s, NS_SKOS, "definition", c->definition_en, "en");
	strv_free(&seen_en);
	/* Only web IRIs: never javascript:, data:, file: or a relative reference. */
	if (rc == 0 && esc_is_http_iri(c->source_url)) {
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
	     add_mappings(g, s, "exactMatch", &c->exact_match) ||
	     add_mappings(g, s, "closeMatch", &c->close_match) ||
	     add(g, s, NS_VOCAB, "status", OBJ_PLAIN, c->status, NULL);
	if (rc == 0 && !strcmp(c->status, "deprecated"))
		rc = add(g, s, NS_OWL, "deprecated", OBJ_TYPED, "true", "boolean");
	if (rc == 0 && c->replaced_by && c->replaced_by[0] && kb_vocab_find(v, c->replaced_by))
		rc = add_iri(g, s, NS_DCT, "isReplacedBy", concat(g, base, c->replaced_by));
	if (rc == 0 && c->created && c->created[0])
		rc = add(g, s, NS_DCT, "created", OBJ_TYPED, c->created, "dateTime");
	if (rc == 0 && c->modified && c->modified[0])
		rc = add(g, s, NS_DCT, "modified", OBJ_TYPED, c->modified, "dateTime");
	strv_free(&seen);
	strv_free(&related);
	return rc;
}

/* The class vocabulary <base>vocab (one class per type, a subclass of
 * skos:Concept) and one skos:Collection per type with its concepts as
 * members; types no concept has are left out. */
static int add_types(struct rdf_graph *g, const struct kb_vocab *v, const char *base)
{
	const char *vocab = concat(g, base, "vocab");
	int rc = !vocab ||
	         add_iri(g, vocab, NS_RDF, "type", concat(g, rdf_namespaces[NS_OWL].iri, "Ontology")) ||
	         add_lang(g, vocab, NS_RDFS, "label", "Begriffsarten des Glossars", "de") ||
	         add_lang(g, vocab, NS_RDFS, "label", "Concept types of the glossary", "en");
	const struct gl_type_names *tn;
	for (size_t i = 0; rc == 0 && (tn = gl_type_names_at(i)); i++) {
		size_t first = 0;
		while (first < v->n && strcmp(v->items[first].type, tn->type))
			first++;
		if (first == v->n)
			continue;
		const char *cls = concat(g, g->vocab_ns, tn->class_local);
		rc = !cls || add_iri(g, cls, NS_RDF, "type", concat(g, rdf_namespaces[NS_OWL].iri, "Class")) ||
		     add_lang(g, cls, NS_RDFS, "label", tn->de, "de") ||
		     add_lang(g, cls, NS_RDFS, "label", tn->en, "en") ||
		     add_iri(g, cls, NS_RDFS, "subClassOf", concat(g, rdf_namespaces[NS_SKOS].iri, "Concept")) ||
		     add_iri(g, cls, NS_RDFS, "isDefinedBy", vocab);
	}
	for (size_t i = 0; rc == 0 && (tn = gl_type_names_at(i)); i++) {
		const char *col = NULL;
		for (size_t k = 0; k < v->n && rc == 0; k++) {
			if (strcmp(v->items[k].type, tn->type))
				continue;
			if (!col) {
				struct buf path = BUF_INIT;
				rc = buf_printf(&path, "collection/%s", tn->type);
				col = rc ? NULL : concat(g, base, buf_cstr(&path));
				buf_free(&path);
				rc = rc || !col ||
				     add_iri(g, col, NS_RDF, "type", concat(g, rdf_namespaces[NS_SKOS].iri, "Collection")) ||
				     add_lang(g, col, NS_SKOS, "prefLabel", tn->de_plural, "de") ||
				     add_lang(g, col, NS_SKOS, "prefLabel", tn->en_plural, "en");
			}
			rc = rc || add_iri(g, col, NS_SKOS, "member", concat(g, base, v->items[k].key));
		}
	}
	return rc;
}

void skos_options_from_scheme(struct skos_options *o, const struct kb_scheme *s)
{
#define FILL(field, from) if (!o->field && s->from && s->from[0]) o->field = s->from
	FILL(title, title);
	FILL(title_en, title_en);
	FILL(description, description);
	FILL(description_en, description_en);
	FILL(publisher, publisher);
	FILL(publisher_en, publisher_en);
	FILL(publisher_uri, publisher_uri);
	FILL(creator, creator);
	FILL(creator_en, creator_en);
	FILL(creator_uri, creator_uri);
	FILL(version, version);
	FILL(issued, issued);
	FILL(base_uri, base_uri);
	FILL(license, license);
#undef FILL
}

/* What the scheme and the dataset share: the checked base and licence, the
 * latest change of any concept. */
struct meta {
	const char *base, *license_iri, *title, *modified;
	struct skos_options o; /* the options, all NULL when none were given */
};

static int meta_init(struct rdf_graph *g, const struct kb_vocab *v, const struct skos_options *opt,
                     struct meta *m, struct err *err)
{
	memset(g, 0, sizeof *g);
	memset(&m->o, 0, sizeof m->o);
	if (opt)
		m->o = *opt;
	m->base = opt && opt->base_uri ? opt->base_uri : SKOS_DEFAULT_BASE;
	const char *license = opt && opt->license ? opt->license : SKOS_DEFAULT_LICENSE;
	m->title = opt && opt->title ? opt->title : "Glossar Verwaltungsdigitalisierung";
	if (!skos_base_is_valid(m->base))
		return err_set(err, NULL, 0, "invalid base URI '%s' (an absolute http(s) IRI ending in /)",
		               m->base);
	if (!skos_iri_is_valid(license))
		return err_set(err, NULL, 0, "invalid license IRI '%s' (an absolute http(s) IRI)", license);
	struct buf lic = BUF_INIT;
	m->license_iri = esc_iri(&lic, license) ? NULL : own(g, buf_detach(&lic));
	buf_free(&lic);
	g->vocab_ns = (char *)concat(g, m->base, "vocab#");
	/* The scheme changed when its last concept did: no clock in the output. */
	m->modified = "";
	for (size_t i = 0; i < v->n; i++)
		if (v->items[i].modified && strcmp(v->items[i].modified, m->modified) > 0)
			m->modified = v->items[i].modified;
	return g->vocab_ns && m->license_iri ? 0 : err_set(err, NULL, 0, "out of memory");
}

/* A literal in German and, when given, in English. */
static int add_de_en(struct rdf_graph *g, const char *s, enum rdf_ns ns, const char *local,
                     const char *de, const char *en)
{
	return (de && add_lang(g, s, ns, local, de, "de")) || (en && add_lang(g, s, ns, local, en, "en"));
}

/* Title, description, publisher, creator, licence, dates and version of the
 * scheme or the dataset s. */
static int add_meta(struct rdf_graph *g, const char *s, const struct meta *m)
{
	const char *pub = m->o.publisher_uri, *cre = m->o.creator_uri;
	const char *version = m->o.release ? m->o.release : m->o.version;
	return add_de_en(g, s, NS_DCT, "title", m->title, m->o.title_en) ||
	       add_de_en(g, s, NS_DCT, "description", m->o.description, m->o.description_en) ||
	       (pub && add_iri(g, s, NS_DCT, "publisher", pub)) ||
	       (cre && add_iri(g, s, NS_DCT, "creator", cre)) ||
	       add_iri(g, s, NS_DCT, "license", m->license_iri) ||
	       (m->o.issued && add(g, s, NS_DCT, "issued", OBJ_TYPED, m->o.issued, "date")) ||
	       (m->modified[0] && add(g, s, NS_DCT, "modified", OBJ_TYPED, m->modified, "dateTime")) ||
	       (version && add(g, s, NS_OWL, "versionInfo", OBJ_PLAIN, version, NULL));
}

/* The agents named as publisher and creator, with their names. */
static int add_agents(struct rdf_graph *g, const struct meta *m)
{
	const char *pub = m->o.publisher_uri, *cre = m->o.creator_uri;
	int rc = pub && (add_iri(g, pub, NS_RDF, "type", concat(g, rdf_namespaces[NS_FOAF].iri, "Agent")) ||
	                 add_de_en(g, pub, NS_FOAF, "name", m->o.publisher ? m->o.publisher : pub,
	                           m->o.publisher_en));
	if (rc == 0 && cre && !(pub && !strcmp(pub, cre)))
		rc = add_iri(g, cre, NS_RDF, "type", concat(g, rdf_namespaces[NS_FOAF].iri, "Agent")) ||
		     add_de_en(g, cre, NS_FOAF, "name", m->o.creator ? m->o.creator : cre,
		               m->o.creator_en);
	return rc;
}

/* The DCAT-AP description: the vocabulary as a dcat:Dataset with one
 * dcat:Distribution per download that glossar serve offers under the base
 * URI (export.ttl, export.rdf, ...). */
static int add_dcat(struct rdf_graph *g, const struct meta *m)
{
	static const struct {
		const char *ext, *title, *media, *format;
	} dist[] = {
		{ "ttl", "SKOS als Turtle", "text/turtle", "RDF_TURTLE" },
		{ "rdf", "SKOS als RDF/XML", "application/rdf+xml", "RDF_XML" },
		{ "jsonld", "SKOS als JSON-LD", "application/ld+json", "JSON_LD" },
		{ "csv", "glossary.csv", "text/csv", "CSV" },
		{ "tbx", "TBX-Basic", "application/xml", "XML" },
	};
	const char *ds = concat(g, m->base, "dataset");
	int rc = !ds || add_iri(g, ds, NS_RDF, "type", concat(g, rdf_namespaces[NS_DCAT].iri, "Dataset")) ||
	         add_meta(g, ds, m) ||
	         add_iri(g, ds, NS_DCAT, "landingPage", m->base) ||
	         add_iri(g, ds, NS_DCAT, "theme",
	                 "http://publications.europa.eu/resource/authority/data-theme/GOVE") ||
	         add_iri(g, ds, NS_DCT, "language",
	                 "http://publications.europa.eu/resource/authority/language/DEU") ||
	         add_lang(g, ds, NS_DCAT, "keyword", "Verwaltungsdigitalisierung", "de") ||
	         add_lang(g, ds, NS_DCAT, "keyword", "Glossar", "de") ||
	         add_lang(g, ds, NS_DCAT, "keyword", "Normdaten", "de") ||
	         add_iri(g, ds, NS_DCT, "conformsTo", "http://www.w3.org/2004/02/skos/core");
	for (size_t i = 0; i < sizeof dist / sizeof dist[0] && rc == 0; i++) {
		struct buf b = BUF_INIT;
		rc = buf_printf(&b, "dataset/%s", dist[i].ext) < 0;
		const char *d = rc ? NULL : concat(g, m->base, buf_cstr(&b));
		buf_free(&b);
		rc = rc || add_iri(g, ds, NS_DCAT, "distribution", d);
	}
	for (size_t i = 0; i < sizeof dist / sizeof dist[0] && rc == 0; i++) {
		struct buf b = BUF_INIT;
		rc = buf_printf(&b, "dataset/%s", dist[i].ext) < 0;
		const char *d = rc ? NULL : concat(g, m->base, buf_cstr(&b));
		buf_reset(&b);
		rc = rc || buf_printf(&b, "export.%s", dist[i].ext) < 0;
		const char *url = rc ? NULL : concat(g, m->base, buf_cstr(&b));
		buf_free(&b);
		rc = rc || add_iri(g, d, NS_RDF, "type", concat(g, rdf_namespaces[NS_DCAT].iri, "Distribution")) ||
		     add_lang(g, d, NS_DCT, "title", dist[i].title, "de") ||
		     add_iri(g, d, NS_DCAT, "accessURL", url) ||
		     add_iri(g, d, NS_DCAT, "downloadURL", url) ||
		     add_iri(g, d, NS_DCAT, "mediaType",
		             concat(g, "https://www.iana.org/assignments/media-types/", dist[i].media)) ||
		     add_iri(g, d, NS_DCT, "format",
		             concat(g, "http://publications.europa.eu/resource/authority/file-type/", dist[i].format)) ||
		     add_iri(g, d, NS_DCT, "license", m->license_iri);
	}
	return rc;
}

int rdf_graph_build(struct rdf_graph *g, const struct kb_vocab *v,
                    const struct skos_options *opt, struct err *err)
{
	struct meta m;
	if (meta_init(g, v, opt, &m, err) < 0) {
		rdf_graph_free(g);
		return -1;
	}
	const char *base = m.base, *scheme = base;
	const char *release = m.o.release;
	int rc = add_iri(g, scheme, NS_RDF, "type", concat(g, rdf_namespaces[NS_SKOS].iri, "ConceptScheme")) ||
	         add_meta(g, scheme, &m) ||
	         (release && add_iri(g, scheme, NS_OWL, "versionIRI",
	                             concat(g, concat(g, base, "v/"), release)));
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
	rc = rc || add_types(g, v, base) || add_agents(g, &m) || (opt && opt->with_dcat && add_dcat(g, &m));
	if (rc) {
		rdf_graph_free(g);
		return err_set(err, NULL, 0, "out of memory while building the SKOS graph");
	}
	return 0;
}

int rdf_graph_build_dcat(struct rdf_graph *g, const struct kb_vocab *v,
                         const struct skos_options *opt, struct err *err)
{
	struct meta m;
	if (meta_init(g, v, opt, &m, err) < 0 || add_dcat(g, &m) || add_agents(g, &m)) {
		rdf_graph_free(g);
		return err->msg[0] ? -1 : err_set(err, NULL, 0, "out of memory while building the DCAT description");
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
	if ((syntax == SKOS_DCAT ? rdf_graph_build_dcat(&g, v, opt, err) : rdf_graph_build(&g, v, opt, err)) < 0)
		return -1;
	struct buf b = BUF_INIT;
	int rc = syntax == SKOS_TTL || syntax == SKOS_DCAT ? skos_write_ttl(&b, &g)
	         : syntax == SKOS_RDFXML         ? skos_write_rdfxml(&b, &g)
	         : syntax == SKOS_JSONLD_COMPACT ? skos_write_jsonld_compact(&b, &g)
	         : syntax == SKOS_JSONLD_CONTEXT ? skos_write_jsonld_context(&b, &g)
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
