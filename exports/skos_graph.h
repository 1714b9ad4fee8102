/* skos_graph.h - the SKOS concept scheme as a list of triples, built once
 * (skos.c) and written by each RDF syntax (skos_ttl.c, skos_rdfxml.c,
 * skos_jsonld.c), so the three carry the same graph. Internal to exports/. */
#ifndef GLOSSAR_SKOS_GRAPH_H
#define GLOSSAR_SKOS_GRAPH_H

#include <stddef.h>

#include "../common/buf.h"
#include "exports.h"

/* Namespaces; NS_VOCAB is <base>vocab# for glossar's own properties. */
enum rdf_ns { NS_RDF, NS_RDFS, NS_SKOS, NS_DCT, NS_OWL, NS_XSD, NS_FOAF, NS_DCAT, NS_VOCAB, NS_COUNT };

struct rdf_ns_decl {
	const char *prefix;
	const char *iri; /* NULL for NS_VOCAB: it depends on the base */
};
extern const struct rdf_ns_decl rdf_namespaces[NS_COUNT];

struct rdf_pred {
	enum rdf_ns ns;
	const char *local;
};

enum rdf_obj_kind { OBJ_IRI, OBJ_LANG, OBJ_PLAIN, OBJ_TYPED };

struct rdf_triple {
	const char *subject;       /* IRI */
	struct rdf_pred pred;
	enum rdf_obj_kind kind;
	const char *object;        /* IRI or lexical form */
	const char *datatype_local; /* OBJ_TYPED: local name in xsd: */
	const char *lang;           /* OBJ_LANG: the language tag, "de" or "en" */
};

/* Triples in a fixed order: the scheme first, then each concept in key
 * order, then the class vocabulary and one collection per type, grouped by
 * subject, with each subject's predicates together. */
struct rdf_graph {
	struct rdf_triple *t;
	size_t n, cap;
	char *vocab_ns;            /* <base>vocab# */
	char **owned;
	size_t n_owned, cap_owned;
};

int rdf_graph_build(struct rdf_graph *g, const struct kb_vocab *v,
                    const struct skos_options *opt, struct err *err);
/* Only the DCAT-AP dataset description (and the agents it names). */
int rdf_graph_build_dcat(struct rdf_graph *g, const struct kb_vocab *v,
                         const struct skos_options *opt, struct err *err);
void rdf_graph_free(struct rdf_graph *g);
const char *rdf_ns_iri(const struct rdf_graph *g, enum rdf_ns ns);

int skos_write_ttl(struct buf *b, const struct rdf_graph *g);
int skos_write_rdfxml(struct buf *b, const struct rdf_graph *g);
int skos_write_jsonld(struct buf *b, const struct rdf_graph *g);
int skos_write_jsonld_compact(struct buf *b, const struct rdf_graph *g);
int skos_write_jsonld_context(struct buf *b, const struct rdf_graph *g);

#endif
