/* rdf.c - content negotiation (Accept with q-values, suffixes, ?format=)
 * and one concept's RDF: the triples whose subject is the concept's IRI,
 * taken from the same graph the whole export is written from, so the page's
 * Turtle, JSON-LD and RDF/XML are exactly that concept's part of it. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "srv.h"

static const struct {
	const char *type;
	enum repr repr;
} media[] = {
	{ "text/html", REPR_HTML },
	{ "application/xhtml+xml", REPR_HTML },
	{ "text/turtle", REPR_TTL },
	{ "application/x-turtle", REPR_TTL },
	{ "application/ld+json", REPR_JSONLD },
	{ "application/json", REPR_JSONLD },
	{ "application/rdf+xml", REPR_RDFXML },
};

const char *srv_repr_type(enum repr p)
{
	switch (p) {
	case REPR_TTL: return "text/turtle; charset=utf-8";
	case REPR_JSONLD: return "application/ld+json; charset=utf-8";
	case REPR_RDFXML: return "application/rdf+xml; charset=utf-8";
	default: return "text/html; charset=utf-8";
	}
}

enum repr srv_repr_parse(const char *name)
{
	static const struct {
		const char *name;
		enum repr repr;
	} names[] = {
		{ "html", REPR_HTML }, { "ttl", REPR_TTL }, { "turtle", REPR_TTL },
		{ "jsonld", REPR_JSONLD }, { "json-ld", REPR_JSONLD }, { "json", REPR_JSONLD },
		{ "rdf", REPR_RDFXML }, { "rdfxml", REPR_RDFXML }, { "xml", REPR_RDFXML },
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (!strcmp(name, names[i].name))
			return names[i].repr;
	for (size_t i = 0; i < sizeof media / sizeof media[0]; i++)
		if (!strcasecmp(name, media[i].type))
			return media[i].repr;
	return REPR_NONE;
}

/* q of one media range ("type/sub;q=0.5"), and the range in type[]. */
static double parse_range(const char *s, size_t n, char *type, size_t type_size)
{
	size_t k = 0, i = 0;
	while (i < n && isspace((unsigned char)s[i]))
		i++;
	while (i < n && s[i] != ';' && !isspace((unsigned char)s[i]) && k + 1 < type_size)
		type[k++] = (char)tolower((unsigned char)s[i++]);
	type[k] = '\0';
	double q = 1.0;
	for (; i < n; i++)
		if (s[i] == ';') {
			size_t j = i + 1;
			while (j < n && isspace((unsigned char)s[j]))
				j++;
			if (j + 1 < n && s[j] == 'q' && s[j + 1] == '=')
				q = strtod(s + j + 2, NULL);
		}
	return q < 0 ? 0 : q > 1 ? 1 : q;
}

enum repr srv_negotiate(const char *accept)
{
	if (!accept || !*accept)
		return REPR_HTML;
	/* per representation: the q of the most specific range that covers it */
	double q[4] = { -1, -1, -1, -1 };
	int spec[4] = { -1, -1, -1, -1 };
	for (const char *p = accept; *p;) {
		const char *e = strchr(p, ',');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		char type[96];
		double rq = parse_range(p, n, type, sizeof type);
		for (size_t m = 0; m < sizeof media / sizeof media[0]; m++) {
			const char *t = media[m].type;
			int s = -1;
			if (!strcmp(type, t))
				s = 2;
			else if (!strcmp(type, "*/*"))
				s = 0;
			else {
				size_t tl = strlen(type);
				if (tl > 2 && !strcmp(type + tl - 2, "/*") && !strncmp(type, t, tl - 1))
					s = 1;
			}
			enum repr rp = media[m].repr;
			if (s > spec[rp] || (s == spec[rp] && s >= 0 && rq > q[rp])) {
				spec[rp] = s;
				q[rp] = rq;
			}
		}
		p += n + (e ? 1 : 0);
	}
	enum repr best = REPR_NONE;
	double best_q = 0;
	for (int rp = 0; rp < 4; rp++) /* ties go to the order HTML, Turtle, JSON-LD, RDF/XML */
		if (q[rp] > best_q) {
			best_q = q[rp];
			best = (enum repr)rp;
		}
	return best;
}

struct rdf_ctx {
	enum repr p;
};

static int make_rdf(struct snap *sn, size_t i, struct buf *out, void *ctx)
{
	const struct rdf_ctx *c = ctx;
	enum skos_syntax syn = c->p == REPR_TTL ? SKOS_TTL : c->p == REPR_RDFXML ? SKOS_RDFXML
	                                                                          : SKOS_JSONLD;
	struct buf iri = BUF_INIT;
	/* the IRI as the graph holds it: base + key (keys need no escaping) */
	int rc = buf_puts(&iri, skos_graph_base(sn->graph)) || buf_puts(&iri, sn->v.items[i].key);
	long n = rc ? -1 : skos_graph_write(out, sn->graph, syn, buf_cstr(&iri));
	buf_free(&iri);
	return n < 0 ? -1 : 0;
}

int rdf_concept(struct snap *sn, size_t i, enum repr p, const char **data, size_t *len)
{
	struct rdf_ctx c = { p };
	enum cache_kind k = p == REPR_TTL ? C_TTL : p == REPR_RDFXML ? C_RDFXML : C_JSONLD;
	return snap_cached(sn, i, k, make_rdf, &c, data, len);
}
