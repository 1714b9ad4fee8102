/* skos_jsonld.c - the SKOS graph as JSON-LD 1.1 in expanded form: full IRIs
 * as keys and no remote @context, so any JSON-LD processor reads it offline
 * and the triples are exactly those of the Turtle and RDF/XML outputs. */
#include <string.h>

#include "escape.h"
#include "skos_graph.h"

static int json_iri(struct buf *b, const struct rdf_graph *g, enum rdf_ns ns, const char *local)
{
	struct buf iri = BUF_INIT;
	int rc = esc_iri(&iri, rdf_ns_iri(g, ns)) || buf_puts(&iri, local) ||
	         esc_json(b, buf_cstr(&iri));
	buf_free(&iri);
	return rc;
}

static int json_object(struct buf *b, const struct rdf_graph *g, const struct rdf_triple *t)
{
	struct buf iri = BUF_INIT;
	int rc;
	switch (t->kind) {
	case OBJ_IRI:
		rc = esc_iri(&iri, t->object) || buf_puts(b, "{\"@id\": \"") ||
		     esc_json(b, buf_cstr(&iri)) || buf_puts(b, "\"}");
		break;
	case OBJ_LANG:
		rc = buf_puts(b, "{\"@value\": \"") || esc_json(b, t->object) ||
		     buf_printf(b, "\", \"@language\": \"%s\"}", t->lang);
		break;
	case OBJ_PLAIN:
		rc = buf_puts(b, "{\"@value\": \"") || esc_json(b, t->object) || buf_puts(b, "\"}");
		break;
	default:
		rc = buf_puts(b, "{\"@value\": \"") || esc_json(b, t->object) ||
		     buf_puts(b, "\", \"@type\": \"") || json_iri(b, g, NS_XSD, t->datatype_local) ||
		     buf_puts(b, "\"}");
	}
	buf_free(&iri);
	return rc;
}

int skos_write_jsonld(struct buf *b, const struct rdf_graph *g)
{
	struct buf iri = BUF_INIT;
	int rc = buf_puts(b, "[");
	for (size_t i = 0; i < g->n && rc == 0; i++) {
		const struct rdf_triple *t = &g->t[i], *prev = i ? &g->t[i - 1] : NULL;
		int same_s = prev && !strcmp(prev->subject, t->subject);
		int same_p = same_s && prev->pred.ns == t->pred.ns && !strcmp(prev->pred.local, t->pred.local);
		if (same_p) {
			rc = buf_puts(b, ",\n      ");
		} else {
			if (same_s)
				rc = buf_puts(b, "],\n");
			else {
				buf_reset(&iri);
				rc = (prev ? buf_puts(b, "]\n  },") : 0) || buf_puts(b, "\n  {\n    \"@id\": \"") ||
				     esc_iri(&iri, t->subject) || esc_json(b, buf_cstr(&iri)) ||
				     buf_puts(b, "\",\n");
			}
			rc = rc || buf_puts(b, "    \"") || json_iri(b, g, t->pred.ns, t->pred.local) ||
			     buf_puts(b, "\": [\n      ");
		}
		rc = rc || json_object(b, g, t);
	}
	buf_free(&iri);
	return rc || buf_puts(b, g->n ? "]\n  }\n]\n" : "]\n");
}

/* ---- compact form ----
 * One object {"@context": ..., "@graph": [...]} whose context names every
 * predicate glossar writes with a short term, makes @base the base URI (a
 * concept's @id is its key) and German the default language; the same context
 * is written alone by skos_write_jsonld_context for publishing beside the
 * vocabulary. A predicate or an object the table does not cover is written
 * with a compact IRI key and expanded values, so nothing is ever lost. */

enum term_kind { T_IRI, T_LANG, T_PLAIN, T_TYPED };

static const struct term {
	const char *name;
	enum rdf_ns ns;
	const char *local;
	enum term_kind kind;
	const char *datatype; /* T_TYPED: xsd local name */
} terms[] = {
	{ "title", NS_DCT, "title", T_LANG, NULL },
	{ "license", NS_DCT, "license", T_IRI, NULL },
	{ "description", NS_DCT, "description", T_LANG, NULL },
	{ "publisher", NS_DCT, "publisher", T_IRI, NULL },
	{ "creator", NS_DCT, "creator", T_IRI, NULL },
	{ "issued", NS_DCT, "issued", T_TYPED, "date" },
	{ "created", NS_DCT, "created", T_TYPED, "dateTime" },
	{ "modified", NS_DCT, "modified", T_TYPED, "dateTime" },
	{ "versionInfo", NS_OWL, "versionInfo", T_PLAIN, NULL },
	{ "versionIRI", NS_OWL, "versionIRI", T_IRI, NULL },
	{ "name", NS_FOAF, "name", T_LANG, NULL },
	{ "hasTopConcept", NS_SKOS, "hasTopConcept", T_IRI, NULL },
	{ "inScheme", NS_SKOS, "inScheme", T_IRI, NULL },
	{ "topConceptOf", NS_SKOS, "topConceptOf", T_IRI, NULL },
	{ "prefLabel", NS_SKOS, "prefLabel", T_LANG, NULL },
	{ "altLabel", NS_SKOS, "altLabel", T_LANG, NULL },
	{ "hiddenLabel", NS_SKOS, "hiddenLabel", T_LANG, NULL },
	{ "definition", NS_SKOS, "definition", T_LANG, NULL },
	{ "source", NS_DCT, "source", T_IRI, NULL },
	{ "bibliographicCitation", NS_DCT, "bibliographicCitation", T_LANG, NULL },
	{ "broader", NS_SKOS, "broader", T_IRI, NULL },
	{ "narrower", NS_SKOS, "narrower", T_IRI, NULL },
	{ "related", NS_SKOS, "related", T_IRI, NULL },
	{ "exactMatch", NS_SKOS, "exactMatch", T_IRI, NULL },
	{ "closeMatch", NS_SKOS, "closeMatch", T_IRI, NULL },
	{ "label", NS_RDFS, "label", T_LANG, NULL },
	{ "subClassOf", NS_RDFS, "subClassOf", T_IRI, NULL },
	{ "isDefinedBy", NS_RDFS, "isDefinedBy", T_IRI, NULL },
	{ "member", NS_SKOS, "member", T_IRI, NULL },
	{ "status", NS_VOCAB, "status", T_PLAIN, NULL },
	{ "deprecated", NS_OWL, "deprecated", T_TYPED, "boolean" },
	{ "isReplacedBy", NS_DCT, "isReplacedBy", T_IRI, NULL },
};

static const struct term *term_of(const struct rdf_triple *t)
{
	static const enum rdf_obj_kind kind_of[] = { [T_IRI] = OBJ_IRI, [T_LANG] = OBJ_LANG,
		                                     [T_PLAIN] = OBJ_PLAIN, [T_TYPED] = OBJ_TYPED };
	for (size_t i = 0; i < sizeof terms / sizeof terms[0]; i++)
		if (terms[i].ns == t->pred.ns && !strcmp(terms[i].local, t->pred.local))
			return kind_of[terms[i].kind] == t->kind &&
			       (t->kind != OBJ_TYPED || !strcmp(terms[i].datatype, t->datatype_local))
			       ? &terms[i] : NULL;
	return NULL;
}

static int context_body(struct buf *b, const struct rdf_graph *g, const char *base,
                        const char *indent)
{
	int rc = buf_printf(b, "{\n%s  \"@base\": \"", indent) || esc_json(b, base) ||
	         buf_printf(b, "\",\n%s  \"@language\": \"de\"", indent);
	for (int ns = 0; ns < NS_COUNT && rc == 0; ns++)
		rc = buf_printf(b, ",\n%s  \"%s\": \"", indent, rdf_namespaces[ns].prefix) ||
		     esc_json(b, rdf_ns_iri(g, (enum rdf_ns)ns)) || buf_puts(b, "\"");
	for (size_t i = 0; i < sizeof terms / sizeof terms[0] && rc == 0; i++) {
		const struct term *t = &terms[i];
		rc = buf_printf(b, ",\n%s  \"%s\": {\"@id\": \"%s:%s\"", indent, t->name,
		                rdf_namespaces[t->ns].prefix, t->local);
		if (rc == 0 && t->kind == T_IRI)
			rc = buf_puts(b, ", \"@type\": \"@id\"");
		else if (rc == 0 && t->kind == T_PLAIN)
			rc = buf_puts(b, ", \"@language\": null");
		else if (rc == 0 && t->kind == T_TYPED)
			rc = buf_printf(b, ", \"@type\": \"xsd:%s\"", t->datatype);
		rc = rc || buf_puts(b, "}");
	}
	return rc || buf_printf(b, "\n%s}", indent);
}

/* The base is the scheme's IRI: the subject of its rdf:type skos:ConceptScheme. */
static const char *graph_base(const struct rdf_graph *g)
{
	return g->n ? g->t[0].subject : "";
}

int skos_write_jsonld_context(struct buf *b, const struct rdf_graph *g)
{
	struct buf base = BUF_INIT;
	int rc = esc_iri(&base, graph_base(g)) ||
	         buf_puts(b, "{\n  \"@context\": ") ||
	         context_body(b, g, buf_cstr(&base), "  ") || buf_puts(b, "\n}\n");
	buf_free(&base);
	return rc;
}

/* An IRI relative to the base when it lies below it (a concept's key). */
static int compact_iri(struct buf *b, const char *base, const char *iri)
{
	struct buf e = BUF_INIT;
	size_t n = strlen(base);
	int rc = esc_iri(&e, iri);
	const char *s = buf_cstr(&e);
	if (rc == 0 && n && !strncmp(s, base, n) && s[n] && !strchr(s + n, ':') &&
	    !strchr(s + n, '/') && !strchr(s + n, '#') && !strchr(s + n, '?'))
		s += n;
	rc = rc || esc_json(b, s);
	buf_free(&e);
	return rc;
}

static int compact_value(struct buf *b, const struct rdf_graph *g, const char *base,
                         const struct rdf_triple *t, const struct term *term)
{
	if (!term || (term->kind == T_LANG && strcmp(t->lang, "de")))
		return json_object(b, g, t);
	if (term->kind == T_IRI)
		return buf_putc(b, '"') || compact_iri(b, base, t->object) || buf_putc(b, '"');
	return buf_putc(b, '"') || esc_json(b, t->object) || buf_putc(b, '"');
}

/* A class IRI as prefix:local when a namespace of the context holds it. */
static int compact_type(struct buf *b, const struct rdf_graph *g, const char *iri)
{
	for (int ns = 0; ns < NS_COUNT; ns++) {
		const char *n = rdf_ns_iri(g, (enum rdf_ns)ns);
		size_t len = n ? strlen(n) : 0;
		if (len && !strncmp(iri, n, len) && iri[len] && !strpbrk(iri + len, ":/#?"))
			return buf_printf(b, "%s:", rdf_namespaces[ns].prefix) || esc_json(b, iri + len);
	}
	struct buf e = BUF_INIT;
	int rc = esc_iri(&e, iri) || esc_json(b, buf_cstr(&e));
	buf_free(&e);
	return rc;
}

static int same_key(const struct rdf_triple *a, const struct rdf_triple *b)
{
	return !strcmp(a->subject, b->subject) && a->pred.ns == b->pred.ns &&
	       !strcmp(a->pred.local, b->pred.local) && term_of(a) == term_of(b);
}

int skos_write_jsonld_compact(struct buf *b, const struct rdf_graph *g)
{
	struct buf base = BUF_INIT;
	int rc = esc_iri(&base, graph_base(g)) || buf_puts(b, "{\n  \"@context\": ") ||
	         context_body(b, g, buf_cstr(&base), "  ") || buf_puts(b, ",\n  \"@graph\": [");
	for (size_t i = 0; i < g->n && rc == 0;) {
		const char *subject = g->t[i].subject;
		rc = buf_puts(b, i ? ",\n    {\n      \"@id\": \"" : "\n    {\n      \"@id\": \"") ||
		     compact_iri(b, buf_cstr(&base), subject) || buf_puts(b, "\"");
		while (i < g->n && rc == 0 && !strcmp(g->t[i].subject, subject)) {
			const struct rdf_triple *t = &g->t[i];
			const struct term *term = term_of(t);
			size_t n = 1;
			while (i + n < g->n && same_key(t, &g->t[i + n]))
				n++;
			int is_type = t->pred.ns == NS_RDF && !strcmp(t->pred.local, "type") && t->kind == OBJ_IRI;
			if (is_type)
				rc = buf_puts(b, ",\n      \"@type\": ");
			else if (term)
				rc = buf_printf(b, ",\n      \"%s\": ", term->name);
			else
				rc = buf_printf(b, ",\n      \"%s:%s\": ", rdf_namespaces[t->pred.ns].prefix,
				                t->pred.local);
			rc = rc || (n > 1 && buf_putc(b, '['));
			for (size_t k = 0; k < n && rc == 0; k++) {
				const struct rdf_triple *tk = &g->t[i + k];
				rc = (k && buf_puts(b, ", "));
				if (rc == 0 && is_type)
					rc = buf_putc(b, '"') || compact_type(b, g, tk->object) || buf_putc(b, '"');
				else if (rc == 0)
					rc = compact_value(b, g, buf_cstr(&base), tk, term);
			}
			rc = rc || (n > 1 && buf_putc(b, ']'));
			i += n;
		}
		rc = rc || buf_puts(b, "\n    }");
	}
	buf_free(&base);
	return rc || buf_puts(b, "\n  ]\n}\n");
}
