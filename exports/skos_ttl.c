/* skos_ttl.c - the SKOS graph as Turtle (W3C RDF 1.1 Turtle): prefixes for
 * the vocabularies, full IRIs for concepts, one block per subject. */
#include <string.h>

#include "escape.h"
#include "skos_graph.h"

static int ttl_object(struct buf *b, const struct rdf_graph *g, const struct rdf_triple *t)
{
	switch (t->kind) {
	case OBJ_IRI: {
		/* Classes (skos:Concept, gv:Law) read better as prefixed names. */
		if (t->pred.ns == NS_RDF && !strcmp(t->pred.local, "type"))
			for (int ns = 0; ns < NS_COUNT; ns++) {
				const char *iri = rdf_ns_iri(g, (enum rdf_ns)ns);
				size_t n = strlen(iri);
				if (!strncmp(t->object, iri, n) && t->object[n] &&
				    strspn(t->object + n, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") ==
				            strlen(t->object + n))
					return buf_printf(b, "%s:%s", rdf_namespaces[ns].prefix, t->object + n);
			}
		return buf_putc(b, '<') || esc_iri(b, t->object) || buf_putc(b, '>');
	}
	case OBJ_LANG:
		return buf_putc(b, '"') || esc_ttl(b, t->object) || buf_printf(b, "\"@%s", t->lang);
	case OBJ_PLAIN:
		return buf_putc(b, '"') || esc_ttl(b, t->object) || buf_putc(b, '"');
	case OBJ_TYPED:
		return buf_putc(b, '"') || esc_ttl(b, t->object) ||
		       buf_printf(b, "\"^^xsd:%s", t->datatype_local);
	}
	return -1;
}

int skos_write_ttl(struct buf *b, const struct rdf_graph *g)
{
	int rc = 0;
	for (int ns = 0; ns < NS_COUNT && rc == 0; ns++)
		rc = buf_printf(b, "@prefix %s: <", rdf_namespaces[ns].prefix) ||
		     esc_iri(b, rdf_ns_iri(g, ns)) || buf_puts(b, "> .\n");
	for (size_t i = 0; i < g->n && rc == 0; i++) {
		const struct rdf_triple *t = &g->t[i], *prev = i ? &g->t[i - 1] : NULL;
		int same_s = prev && !strcmp(prev->subject, t->subject);
		int same_p = same_s && prev->pred.ns == t->pred.ns && !strcmp(prev->pred.local, t->pred.local);
		if (same_p)
			rc = buf_puts(b, ",\n        ");
		else if (same_s)
			rc = buf_puts(b, " ;\n    ");
		else
			rc = (prev ? buf_puts(b, " .\n") : 0) || buf_puts(b, "\n<") ||
			     esc_iri(b, t->subject) || buf_puts(b, ">\n    ");
		if (!same_p)
			rc = rc || (t->pred.ns == NS_RDF && !strcmp(t->pred.local, "type")
			                    ? buf_putc(b, 'a')
			                    : buf_printf(b, "%s:%s", rdf_namespaces[t->pred.ns].prefix,
			                                 t->pred.local));
		rc = rc || buf_putc(b, ' ') || ttl_object(b, g, t);
	}
	return rc || (g->n ? buf_puts(b, " .\n") : 0);
}
