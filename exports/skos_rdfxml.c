/* skos_rdfxml.c - the SKOS graph as RDF/XML (W3C RDF 1.1 XML Syntax),
 * written with libxml2's xmlTextWriter: one rdf:Description per subject. */
#include <string.h>

#include <libxml/xmlwriter.h>

#include "escape.h"
#include "skos_graph.h"

static int put_iri_attr(xmlTextWriterPtr w, const char *name, const char *iri, struct buf *tmp)
{
	buf_reset(tmp);
	return esc_iri(tmp, iri) ||
	       xmlTextWriterWriteAttribute(w, BAD_CAST name, BAD_CAST buf_cstr(tmp)) < 0;
}

int skos_write_rdfxml(struct buf *b, const struct rdf_graph *g)
{
	xmlBufferPtr xbuf = xmlBufferCreate();
	xmlTextWriterPtr w = xbuf ? xmlNewTextWriterMemory(xbuf, 0) : NULL;
	struct buf tmp = BUF_INIT, name = BUF_INIT;
	int rc = !w;
	if (w) {
		xmlTextWriterSetIndent(w, 1);
		xmlTextWriterSetIndentString(w, BAD_CAST "  ");
	}
	rc = rc || xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL) < 0 ||
	     xmlTextWriterStartElement(w, BAD_CAST "rdf:RDF") < 0;
	for (int ns = 0; ns < NS_COUNT && rc == 0; ns++) {
		buf_reset(&name);
		rc = buf_printf(&name, "xmlns:%s", rdf_namespaces[ns].prefix) ||
		     put_iri_attr(w, buf_cstr(&name), rdf_ns_iri(g, ns), &tmp);
	}
	for (size_t i = 0; i < g->n && rc == 0; i++) {
		const struct rdf_triple *t = &g->t[i];
		if (!i || strcmp(g->t[i - 1].subject, t->subject))
			rc = (i && xmlTextWriterEndElement(w) < 0) ||
			     xmlTextWriterStartElement(w, BAD_CAST "rdf:Description") < 0 ||
			     put_iri_attr(w, "rdf:about", t->subject, &tmp);
		buf_reset(&name);
		rc = rc || buf_printf(&name, "%s:%s", rdf_namespaces[t->pred.ns].prefix, t->pred.local) ||
		     xmlTextWriterStartElement(w, BAD_CAST buf_cstr(&name)) < 0;
		switch (t->kind) {
		case OBJ_IRI:
			rc = rc || put_iri_attr(w, "rdf:resource", t->object, &tmp);
			break;
		case OBJ_LANG:
			rc = rc || xmlTextWriterWriteAttribute(w, BAD_CAST "xml:lang", BAD_CAST t->lang) < 0;
			break;
		case OBJ_TYPED:
			buf_reset(&name);
			rc = rc || buf_printf(&name, "%s%s", rdf_namespaces[NS_XSD].iri, t->datatype_local) ||
			     xmlTextWriterWriteAttribute(w, BAD_CAST "rdf:datatype",
			                                 BAD_CAST buf_cstr(&name)) < 0;
			break;
		case OBJ_PLAIN:
			break;
		}
		if (t->kind != OBJ_IRI) {
			buf_reset(&tmp);
			rc = rc || esc_xml_chars(&tmp, t->object) ||
			     xmlTextWriterWriteString(w, BAD_CAST buf_cstr(&tmp)) < 0;
		}
		rc = rc || xmlTextWriterEndElement(w) < 0;
	}
	rc = rc || xmlTextWriterEndDocument(w) < 0 || xmlTextWriterFlush(w) < 0 ||
	     buf_append(b, xmlBufferContent(xbuf), (size_t)xmlBufferLength(xbuf));
	if (w)
		xmlFreeTextWriter(w);
	if (xbuf)
		xmlBufferFree(xbuf);
	buf_free(&tmp);
	buf_free(&name);
	return rc ? -1 : 0;
}
