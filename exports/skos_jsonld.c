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
		     buf_puts(b, "\", \"@language\": \"de\"}");
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
