/* api.c - the API for portals: a subset of the Skosmos REST API (same
 * paths under rest/v1/, same JSON-LD shapes; docs/serve.md lists the subset
 * and the deviations), whole-vocabulary dumps in every export format,
 * autocomplete suggestions, and term tagging: POST api/extract (mention
 * records) and POST api/appendix (the glossary appendix), the reader chosen
 * by Content-Type. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "srv.h"

#define SKOS_NS "http://www.w3.org/2004/02/skos/core#"

static void json_begin(struct req *r)
{
	buf_reset(&r->out);
	r->status = 200;
	r->ctype = "application/json; charset=utf-8";
	r->is_cacheable = 1;
}

/* ---- dumps ---- */

static const struct {
	const char *ext, *ctype;
} dumps[] = {
	{ "ttl", "text/turtle; charset=utf-8" },
	{ "rdf", "application/rdf+xml; charset=utf-8" },
	{ "jsonld", "application/ld+json; charset=utf-8" },
	{ "csv", "text/csv; charset=utf-8" },
	{ "tbx", "application/x-tbx+xml; charset=utf-8" },
	{ "md", "text/markdown; charset=utf-8" },
	{ "html", "text/html; charset=utf-8" },
	{ "latex", "application/x-latex; charset=utf-8" },
	{ "docbook", "application/docbook+xml; charset=utf-8" },
	{ "mkdocs", "text/markdown; charset=utf-8" },
	{ "dot", "text/vnd.graphviz; charset=utf-8" },
	{ "svg", "image/svg+xml" },
};

/* Writes the whole vocabulary in format ext to r->out. */
static int write_dump(struct req *r, const char *ext, struct err *err)
{
	struct snap *sn = r->snap;
	if (!strcmp(ext, "ttl") || !strcmp(ext, "rdf") || !strcmp(ext, "jsonld"))
		return skos_graph_write(&r->out, sn->graph,
		                        ext[0] == 't' ? SKOS_TTL : ext[0] == 'r' ? SKOS_RDFXML : SKOS_JSONLD,
		                        NULL) < 0
		           ? err_set(err, NULL, 0, "out of memory")
		           : 0;
	if (!strcmp(ext, "dot") || !strcmp(ext, "svg"))
		return svg_scheme(r->srv, sn, NULL, !strcmp(ext, "svg"), &r->out, err);
	char *mem = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&mem, &len);
	if (!f)
		return err_set(err, NULL, 0, "out of memory");
	int rc;
	if (!strcmp(ext, "csv")) {
		rc = csv_write_vocab(f, &sn->v, err);
	} else if (!strcmp(ext, "tbx")) {
		rc = tbx_write(f, &sn->v, err);
	} else {
		struct gl_list l = { NULL, 0, GL_LANG_DE };
		rc = gl_select(&sn->v, NULL, 0, GL_ORDER_ALPHA, 0, GL_LANG_DE, &l, err);
		struct gl_options go = { .title = sn->title };
		if (rc == 0)
			rc = gl_write(f, &l, (enum gl_format)gl_format_parse(ext), &go, err);
		gl_list_free(&l);
	}
	if (fclose(f) != 0 && rc == 0)
		rc = err_set(err, NULL, 0, "out of memory");
	if (rc == 0 && buf_append(&r->out, mem, len) < 0)
		rc = err_set(err, NULL, 0, "out of memory");
	free(mem);
	return rc;
}

void h_dump(struct req *r)
{
	const char *ext = r->path + strlen("export.");
	for (size_t i = 0; i < sizeof dumps / sizeof dumps[0]; i++)
		if (!strcmp(ext, dumps[i].ext)) {
			struct err err = { "", 0, "" };
			if (write_dump(r, ext, &err) < 0) {
				srv_error(r, 500, err.msg);
				return;
			}
			r->status = 200;
			r->ctype = dumps[i].ctype;
			r->is_cacheable = 1;
			r->variant = dumps[i].ext;
			return;
		}
	h_not_found(r);
}

/* The DCAT-AP description at BASE dataset, the compact JSON-LD's @context
 * at BASE context.jsonld: what `export --format dcat|jsonld-context` write. */
static void scheme_doc(struct req *r, enum skos_syntax syntax, const char *ctype)
{
	struct err err = { "", 0, "" };
	char *mem = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&mem, &len);
	int rc = f ? skos_write(f, &r->snap->v, syntax, &r->srv->skos, &err)
	           : err_set(&err, NULL, 0, "out of memory");
	if (f && fclose(f) != 0 && rc == 0)
		rc = err_set(&err, NULL, 0, "out of memory");
	if (rc == 0 && buf_append(&r->out, mem, len) < 0)
		rc = err_set(&err, NULL, 0, "out of memory");
	free(mem);
	if (rc < 0) {
		srv_error(r, 500, err.msg);
		return;
	}
	r->status = 200;
	r->ctype = ctype;
	r->is_cacheable = 1;
}

void h_dataset(struct req *r)
{
	scheme_doc(r, SKOS_DCAT, "text/turtle; charset=utf-8");
}

void h_context(struct req *r)
{
	scheme_doc(r, SKOS_JSONLD_CONTEXT, "application/ld+json; charset=utf-8");
}

/* ---- autocomplete ---- */

void h_suggest(struct req *r)
{
	const char *q = req_param(r, "q");
	struct hit hits[10];
	long n = q ? srv_search(r->snap, q, hits, 10) : 0;
	json_begin(r);
	r->variant = NULL;
	r->is_cacheable = 0;
	pg_printf(&r->out, "[");
	long k = 0;
	for (long i = 0; i < n; i++) {
		if (hits[i].kind == HIT_DEFINITION)
			continue;
		const struct kb_concept *c = &r->snap->v.items[hits[i].concept];
		pg_printf(&r->out, "%s{\"key\": \"%j\", \"label\": \"%j\", \"uri\": \"%j%j\"}",
		          k++ ? ", " : "", c->key, c->pref_label, r->srv->base_uri, c->key);
	}
	pg_printf(&r->out, "]\n");
}

/* ---- Skosmos REST API subset ---- */

/* The concept a uri= parameter names, or -1. */
static long concept_of_uri(struct req *r, const char *uri)
{
	size_t n = strlen(r->srv->base_uri);
	if (!uri || strncmp(uri, r->srv->base_uri, n))
		return -1;
	return kb_is_valid_key(uri + n) ? snap_find(r->snap, uri + n) : -1;
}

static int has_children(const struct snap *sn, size_t i)
{
	return sn->cv[i].narrower.n > 0;
}

static void sk_relation(struct req *r, const char *prop)
{
	const char *uri = req_param(r, "uri");
	if (!uri) {
		srv_error_json(r, 400, "uri parameter missing");
		return;
	}
	long i = concept_of_uri(r, uri);
	if (i < 0) {
		struct buf m = BUF_INIT;
		buf_printf(&m, "Could not find concept <%s>", uri);
		srv_error_json(r, 404, buf_cstr(&m));
		buf_free(&m);
		return;
	}
	const struct snap *sn = r->snap;
	const struct strv *keys = !strcmp(prop, "broader") ? &sn->v.items[i].broader
	                        : !strcmp(prop, "narrower") ? &sn->cv[i].narrower : &sn->cv[i].related;
	json_begin(r);
	pg_printf(&r->out, "{\"@context\": {\"skos\": \"" SKOS_NS "\", \"uri\": \"@id\", \"type\": \"@type\", "
	                   "\"prefLabel\": \"skos:prefLabel\", \"%s\": \"skos:%s\", \"@language\": \"de\"}, "
	                   "\"uri\": \"%j\", \"%s\": [",
	          prop, prop, uri, prop);
	long k = 0;
	for (size_t j = 0; j < keys->n; j++) {
		long o = snap_find(sn, keys->v[j]);
		if (o >= 0)
			pg_printf(&r->out, "%s{\"uri\": \"%j%j\", \"prefLabel\": \"%j\"}", k++ ? ", " : "",
			          r->srv->base_uri, keys->v[j], sn->v.items[o].pref_label);
	}
	pg_printf(&r->out, "]}\n");
}

static void sk_label(struct req *r)
{
	const char *uri = req_param(r, "uri");
	if (!uri) {
		srv_error_json(r, 400, "uri parameter missing");
		return;
	}
	long i = concept_of_uri(r, uri);
	if (i < 0) {
		srv_error_json(r, 404, "Could not find concept");
		return;
	}
	const struct kb_concept *c = &r->snap->v.items[i];
	json_begin(r);
	pg_printf(&r->out, "{\"@context\": {\"skos\": \"" SKOS_NS "\", \"uri\": \"@id\", \"type\": \"@type\", "
	                   "\"prefLabel\": \"skos:prefLabel\", \"altLabel\": \"skos:altLabel\", "
	                   "\"hiddenLabel\": \"skos:hiddenLabel\", \"@language\": \"de\"}, "
	                   "\"uri\": \"%j\", \"prefLabel\": \"%j\"",
	          uri, c->pref_label);
	if (c->abbreviations.n + c->alt_labels.n) {
		pg_printf(&r->out, ", \"altLabel\": [");
		size_t k = 0;
		for (size_t j = 0; j < c->abbreviations.n; j++)
			pg_printf(&r->out, "%s\"%j\"", k++ ? ", " : "", c->abbreviations.v[j]);
		for (size_t j = 0; j < c->alt_labels.n; j++)
			pg_printf(&r->out, "%s\"%j\"", k++ ? ", " : "", c->alt_labels.v[j]);
		pg_printf(&r->out, "]");
	}
	pg_printf(&r->out, "}\n");
}

static void sk_search(struct req *r)
{
	const char *query = req_param(r, "query");
	if (!query || !*query) {
		srv_error_json(r, 400, "query parameter missing");
		return;
	}
	const char *vocab = req_param(r, "vocab");
	const char *maxp = req_param(r, "maxhits"), *offp = req_param(r, "offset");
	long maxhits = maxp ? strtol(maxp, NULL, 10) : 100, offset = offp ? strtol(offp, NULL, 10) : 0;
	if (maxhits <= 0 || maxhits > 1000 || offset < 0) {
		srv_error_json(r, 400, "maxhits or offset parameter is invalid");
		return;
	}
	/* Skosmos's wildcards: our search matches prefixes and near misses anyway */
	struct buf q = BUF_INIT;
	for (const char *p = query; *p; p++)
		if (*p != '*')
			buf_putc(&q, *p);
	size_t cap = (size_t)(maxhits + offset);
	struct hit *hits = calloc(cap, sizeof *hits);
	long n = 0;
	int other_vocab = vocab && *vocab && !strstr(vocab, r->srv->vocab_id);
	if (hits && !other_vocab)
		n = srv_search(r->snap, buf_cstr(&q), hits, cap);
	buf_free(&q);
	json_begin(r);
	pg_printf(&r->out,
	          "{\"@context\": {\"skos\": \"" SKOS_NS "\", \"isothes\": \"http://purl.org/iso25964/skos-thes#\", "
	          "\"onki\": \"http://schema.onki.fi/onki#\", \"uri\": \"@id\", \"type\": \"@type\", "
	          "\"results\": {\"@id\": \"onki:results\", \"@container\": \"@list\"}, "
	          "\"prefLabel\": \"skos:prefLabel\", \"altLabel\": \"skos:altLabel\", "
	          "\"hiddenLabel\": \"skos:hiddenLabel\", \"@language\": \"de\"}, \"uri\": \"\", \"results\": [");
	long k = 0;
	for (long i = offset; i < n; i++) {
		if (hits[i].kind == HIT_DEFINITION)
			continue;
		const struct kb_concept *c = &r->snap->v.items[hits[i].concept];
		pg_printf(&r->out, "%s{\"uri\": \"%j%j\", \"type\": [\"skos:Concept\"], \"prefLabel\": \"%j\"",
		          k++ ? ", " : "", r->srv->base_uri, c->key, c->pref_label);
		if (hits[i].label && hits[i].label_kind != GZ_PREF && hits[i].label_kind != GZ_HIDDEN)
			pg_printf(&r->out, ", \"altLabel\": \"%j\"", hits[i].label);
		pg_printf(&r->out, ", \"lang\": \"de\", \"vocab\": \"%j\", \"localname\": \"%j\"}",
		          r->srv->vocab_id, c->key);
	}
	pg_printf(&r->out, "]}\n");
	free(hits);
	r->is_cacheable = 0;
}

static void sk_top(struct req *r)
{
	const struct snap *sn = r->snap;
	json_begin(r);
	pg_printf(&r->out, "{\"@context\": {\"skos\": \"" SKOS_NS "\", \"uri\": \"@id\", \"type\": \"@type\", "
	                   "\"onki\": \"http://schema.onki.fi/onki#\", \"topconcepts\": \"skos:hasTopConcept\", "
	                   "\"notation\": \"skos:notation\", \"label\": \"skos:prefLabel\", \"@language\": \"de\"}, "
	                   "\"uri\": \"%j\", \"topconcepts\": [",
	          r->srv->base_uri);
	long k = 0;
	for (size_t a = 0; a < sn->v.n; a++) {
		size_t i = sn->alpha[a];
		const struct kb_concept *c = &sn->v.items[i];
		int is_top = 1;
		for (size_t j = 0; j < c->broader.n; j++)
			if (snap_find(sn, c->broader.v[j]) >= 0)
				is_top = 0;
		if (!is_top)
			continue;
		pg_printf(&r->out, "%s{\"uri\": \"%j%j\", \"label\": \"%j\", \"hasChildren\": %s, "
		                   "\"topConceptOf\": \"%j\"}",
		          k++ ? ", " : "", r->srv->base_uri, c->key, c->pref_label,
		          has_children(sn, i) ? "true" : "false", r->srv->base_uri);
	}
	pg_printf(&r->out, "]}\n");
}

static void sk_index(struct req *r, const char *letter)
{
	const struct snap *sn = r->snap;
	json_begin(r);
	if (!letter || !*letter) {
		pg_printf(&r->out, "{\"@context\": {\"skos\": \"" SKOS_NS "\", \"uri\": \"@id\", \"type\": \"@type\", "
		                   "\"indexLetters\": {\"@id\": \"skosmos:indexLetters\", \"@container\": \"@list\", "
		                   "\"@language\": \"de\"}}, \"uri\": \"\", \"indexLetters\": [");
		char seen[40] = "";
		for (size_t a = 0; a < sn->v.n; a++) {
			char l[2];
			srv_index_letter(sn->v.items[sn->alpha[a]].pref_label, l);
			if (!strchr(seen, l[0]) && strlen(seen) < sizeof seen - 1) {
				pg_printf(&r->out, "%s\"%j\"", seen[0] ? ", " : "", l);
				size_t sl = strlen(seen);
				seen[sl] = l[0];
				seen[sl + 1] = '\0';
			}
		}
		pg_printf(&r->out, "]}\n");
		return;
	}
	/* a letter, or "0-9"/"!*" as Skosmos names the rest: ours is "#" */
	char want = (char)(letter[0] >= 'a' && letter[0] <= 'z' ? letter[0] - 32 : letter[0]);
	if (!((want >= 'A' && want <= 'Z') && !letter[1]))
		want = '#';
	pg_printf(&r->out, "{\"@context\": {\"skos\": \"" SKOS_NS "\", \"uri\": \"@id\", \"type\": \"@type\", "
	                   "\"indexConcepts\": {\"@id\": \"skosmos:indexConcepts\", \"@container\": \"@list\"}}, "
	                   "\"uri\": \"\", \"indexConcepts\": [");
	long k = 0;
	for (size_t a = 0; a < sn->v.n; a++) {
		const struct kb_concept *c = &sn->v.items[sn->alpha[a]];
		char l[2];
		srv_index_letter(c->pref_label, l);
		if (l[0] == want)
			pg_printf(&r->out, "%s{\"uri\": \"%j%j\", \"localname\": \"%j\", \"prefLabel\": \"%j\", "
			                   "\"lang\": \"de\"}",
			          k++ ? ", " : "", r->srv->base_uri, c->key, c->key, c->pref_label);
		for (int alt = 0; alt < 2; alt++) {
			const struct strv *sv = alt ? &c->alt_labels : &c->abbreviations;
			for (size_t j = 0; j < sv->n; j++) {
				srv_index_letter(sv->v[j], l);
				if (l[0] == want)
					pg_printf(&r->out, "%s{\"uri\": \"%j%j\", \"localname\": \"%j\", "
					                   "\"prefLabel\": \"%j\", \"altLabel\": \"%j\", \"lang\": \"de\"}",
					          k++ ? ", " : "", r->srv->base_uri, c->key, c->key, c->pref_label,
					          sv->v[j]);
			}
		}
	}
	pg_printf(&r->out, "]}\n");
}

static void sk_data(struct req *r)
{
	const char *uri = req_param(r, "uri"), *fmt = req_param(r, "format");
	enum repr p;
	if (fmt) {
		p = srv_repr_parse(fmt);
		if (p == REPR_NONE || p == REPR_HTML) {
			srv_error_json(r, 406, "Unsupported format. Supported MIME types are: "
			                       "application/rdf+xml text/turtle application/ld+json application/json");
			return;
		}
	} else {
		/* Skosmos prefers RDF/XML when any type will do */
		const char *accept = req_header(r, "Accept");
		r->vary_accept = 1;
		p = !accept || strstr(accept, "*/*") ? REPR_RDFXML : srv_negotiate(accept);
		if (p == REPR_NONE || p == REPR_HTML)
			p = REPR_RDFXML;
	}
	const char *ct = srv_repr_type(p);
	if (!uri) {
		/* the whole vocabulary (Skosmos redirects to a download URL) */
		buf_reset(&r->out);
		if (skos_graph_write(&r->out, r->snap->graph,
		                     p == REPR_TTL ? SKOS_TTL : p == REPR_RDFXML ? SKOS_RDFXML : SKOS_JSONLD,
		                     NULL) < 0) {
			srv_error_json(r, 500, "out of memory");
			return;
		}
	} else {
		long i = concept_of_uri(r, uri);
		if (i < 0) {
			srv_error_json(r, 404, "no concept found with given uri");
			return;
		}
		const char *data;
		size_t len;
		if (rdf_concept(r->snap, (size_t)i, p, &data, &len) < 0) {
			srv_error_json(r, 500, "out of memory");
			return;
		}
		r->out_ref = data;
		r->out_ref_len = len;
	}
	r->status = 200;
	r->ctype = ct;
	r->is_cacheable = 1;
	r->variant = p == REPR_TTL ? "ttl" : p == REPR_RDFXML ? "rdf" : "jsonld";
}

static void sk_vocabularies(struct req *r)
{
	json_begin(r);
	pg_printf(&r->out, "{\"@context\": {\"rdfs\": \"http://www.w3.org/2000/01/rdf-schema#\", "
	                   "\"onki\": \"http://schema.onki.fi/onki#\", \"title\": {\"@id\": \"rdfs:label\", "
	                   "\"@language\": \"de\"}, \"vocabularies\": \"onki:hasVocabulary\", "
	                   "\"id\": \"onki:vocabularyIdentifier\", \"uri\": \"@id\", "
	                   "\"@base\": \"%j%jrest/v1/vocabularies\"}, \"uri\": \"\", \"vocabularies\": "
	                   "[{\"uri\": \"%j\", \"id\": \"%j\", \"title\": \"%j\"}]}\n",
	          r->srv->base_uri, "", r->srv->vocab_id, r->srv->vocab_id, r->snap->title);
}

static void sk_vocabulary(struct req *r)
{
	json_begin(r);
	pg_printf(&r->out, "{\"@context\": {\"rdfs\": \"http://www.w3.org/2000/01/rdf-schema#\", "
	                   "\"skos\": \"" SKOS_NS "\", \"onki\": \"http://schema.onki.fi/onki#\", "
	                   "\"dct\": \"http://purl.org/dc/terms/\", \"uri\": \"@id\", \"type\": \"@type\", "
	                   "\"conceptschemes\": \"onki:hasConceptScheme\", \"id\": \"onki:vocabularyIdentifier\", "
	                   "\"defaultLanguage\": \"onki:defaultLanguage\", \"languages\": \"onki:language\", "
	                   "\"label\": \"rdfs:label\", \"prefLabel\": \"skos:prefLabel\", \"title\": \"dct:title\", "
	                   "\"@language\": \"de\"}, \"uri\": \"\", \"id\": \"%j\", \"title\": \"%j\", "
	                   "\"defaultLanguage\": \"de\", \"languages\": [\"de\"], \"conceptschemes\": "
	                   "[{\"uri\": \"%j\", \"type\": \"skos:ConceptScheme\", \"title\": \"%j\"}]}\n",
	          r->srv->vocab_id, r->snap->title, r->srv->base_uri, r->snap->title);
}

void h_skosmos(struct req *r)
{
	const char *rest = r->path + strlen("rest/v1/");
	if (!strcmp(rest, "vocabularies")) {
		sk_vocabularies(r);
		return;
	}
	if (!strcmp(rest, "search")) {
		sk_search(r);
		return;
	}
	size_t n = strlen(r->srv->vocab_id);
	if (strncmp(rest, r->srv->vocab_id, n) || (rest[n] != '/' && rest[n] != '\0')) {
		srv_error_json(r, 404, "Vocabulary id not found");
		return;
	}
	const char *op = rest[n] ? rest + n + 1 : "";
	if (!*op)
		sk_vocabulary(r);
	else if (!strcmp(op, "search"))
		sk_search(r);
	else if (!strcmp(op, "label"))
		sk_label(r);
	else if (!strcmp(op, "data"))
		sk_data(r);
	else if (!strcmp(op, "broader") || !strcmp(op, "narrower") || !strcmp(op, "related"))
		sk_relation(r, op);
	else if (!strcmp(op, "topConcepts"))
		sk_top(r);
	else if (!strcmp(op, "index") || !strcmp(op, "index/"))
		sk_index(r, NULL);
	else if (!strncmp(op, "index/", 6) && !strchr(op + 6, '/'))
		sk_index(r, op + 6);
	else
		srv_error_json(r, 404, "Unknown method of the REST API");
	if (r->status == 200 && r->is_cacheable && !r->variant)
		r->variant = "api";
}

/* ---- term tagging ---- */

/* The reader for a request body's Content-Type, or NULL (415). */
static const char *body_format(struct req *r)
{
	const char *ct = req_header(r, "Content-Type");
	if (!ct)
		return NULL;
	static const struct {
		const char *type, *format;
	} types[] = {
		{ "text/plain", "txt" },       { "text/markdown", "md" },   { "text/x-markdown", "md" },
		{ "text/html", "html" },       { "application/xhtml+xml", "xml" },
		{ "application/xml", "xml" },  { "text/xml", "xml" },
	};
	size_t n = strcspn(ct, "; \t");
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
		if (strlen(types[i].type) == n && !strncasecmp(ct, types[i].type, n)) {
			/* the server reads UTF-8; HTML may declare its charset in the document */
			const char *cs = strcasestr(ct, "charset=");
			if (cs && strncasecmp(cs + 8, "utf-8", 5) && strncasecmp(cs + 8, "\"utf-8\"", 7) &&
			    strcmp(types[i].format, "html"))
				return NULL;
			return types[i].format;
		}
	return NULL;
}

struct tag_ctx {
	struct req *r;
	long n;
	int jsonl;
	struct strv keys;
	int failed;
};

static int on_tag(const struct ex_mention *m, void *ctx)
{
	struct tag_ctx *t = ctx;
	struct buf surface = BUF_INIT;
	if (buf_append(&surface, m->surface, m->surface_len) < 0) {
		t->failed = 1;
		return 1;
	}
	char score[32];
	if (m->score >= 1.0)
		snprintf(score, sizeof score, "1.0");
	else
		snprintf(score, sizeof score, "%.2f", m->score);
	int rc = pg_printf(&t->r->out,
	                   "%s{\"doc\": \"%j\", \"line\": %ld, \"col\": %ld, \"start\": %zu, \"end\": %zu, "
	                   "\"surface\": \"%j\", \"concept\": \"%j\", \"label\": \"%j\", \"method\": \"%j\", "
	                   "\"score\": %s%s%j%s}",
	                   t->jsonl ? "" : t->n ? ",\n " : "", m->doc, m->line, m->col, m->start, m->end,
	                   buf_cstr(&surface), m->concept, m->label, m->method, score,
	                   m->rule ? ", \"rule\": \"" : "", m->rule ? m->rule : "",
	                   m->rule ? "\"" : "");
	if (t->jsonl)
		rc = rc || buf_putc(&t->r->out, '\n');
	buf_free(&surface);
	t->n++;
	if (rc)
		t->failed = 1;
	return rc;
}

static int on_key(const struct ex_mention *m, void *ctx)
{
	struct tag_ctx *t = ctx;
	if (!strv_contains(&t->keys, m->concept) && strv_push(&t->keys, m->concept) < 0) {
		t->failed = 1;
		return 1;
	}
	return 0;
}

static void quiet_warn(const struct err *w, void *ctx)
{
	(void)w;
	(void)ctx;
}

static int run_extract(struct req *r, ex_mention_fn fn, struct tag_ctx *t, int *warnings)
{
	const char *format = body_format(r);
	if (!format) {
		srv_error_json(r, 415, "Content-Type must be text/plain, text/markdown, text/html or "
		                       "application/xml (UTF-8)");
		return -1;
	}
	struct ex_options xo = { 0 };
	const char *fz = req_param(r, "fuzzy");
	xo.fuzzy = fz && (!strcmp(fz, "1") || !strcmp(fz, "true"));
	xo.warn = quiet_warn;
	xo.warnings = warnings;
	const char *name = req_param(r, "doc");
	struct err err = { "", 0, "" };
	if (ex_extract_mem(r->snap->gz, name && *name ? name : "-", format, buf_cstr(&r->body),
	                   r->body.len, &xo, fn, t, &err) < 0 ||
	    t->failed) {
		srv_error_json(r, 400, err.msg[0] ? err.msg : "the document cannot be read");
		return -1;
	}
	return 0;
}

void h_api_extract(struct req *r)
{
	const char *f = req_param(r, "format");
	struct tag_ctx t = { r, 0, f && !strcmp(f, "jsonl"), { NULL, 0 }, 0 };
	int warnings = 0;
	buf_reset(&r->out);
	if (!t.jsonl)
		buf_puts(&r->out, "[");
	if (run_extract(r, on_tag, &t, &warnings) < 0)
		return;
	if (!t.jsonl)
		buf_puts(&r->out, "]\n");
	r->status = 200;
	r->ctype = t.jsonl ? "application/x-ndjson; charset=utf-8" : "application/json; charset=utf-8";
	if (warnings)
		req_add_header(r, "Warning", "199 glossar \"the document had problems (invalid UTF-8 skipped, or empty)\"");
}

void h_api_appendix(struct req *r)
{
	const char *f = req_param(r, "format");
	int fmt = gl_format_parse(f ? f : "md");
	if (fmt < 0) {
		srv_error_json(r, 400, "format must be md, html, latex, docbook or mkdocs");
		return;
	}
	const char *order = req_param(r, "order");
	const char *lang_name = req_param(r, "lang");
	int lang = gl_lang_parse(lang_name ? lang_name : "de");
	if (lang < 0) {
		srv_error_json(r, 400, "lang must be de or en");
		return;
	}
	struct tag_ctx t = { r, 0, 0, { NULL, 0 }, 0 };
	int warnings = 0;
	if (run_extract(r, on_key, &t, &warnings) < 0) {
		strv_free(&t.keys);
		return;
	}
	struct err err = { "", 0, "" };
	struct gl_list l = { NULL, 0, (enum gl_lang)lang };
	const char *approved = req_param(r, "approved-only");
	int rc = gl_select(&r->snap->v, (const char *const *)t.keys.v, t.keys.n,
	                   order && !strcmp(order, "first-use") ? GL_ORDER_FIRST_USE : GL_ORDER_ALPHA,
	                   approved && !strcmp(approved, "1"), (enum gl_lang)lang, &l, &err);
	char *mem = NULL;
	size_t len = 0;
	FILE *out = rc == 0 ? open_memstream(&mem, &len) : NULL;
	if (rc == 0 && !out)
		rc = err_set(&err, NULL, 0, "out of memory");
	if (rc == 0) {
		struct gl_options go = { .title = req_param(r, "title") };
		rc = gl_write(out, &l, (enum gl_format)fmt, &go, &err);
	}
	if (out && fclose(out) != 0 && rc == 0)
		rc = err_set(&err, NULL, 0, "out of memory");
	gl_list_free(&l);
	strv_free(&t.keys);
	if (rc < 0) {
		free(mem);
		srv_error_json(r, 500, err.msg);
		return;
	}
	buf_reset(&r->out);
	buf_append(&r->out, mem, len);
	free(mem);
	static const char *const types[] = {
		[GL_MD] = "text/markdown; charset=utf-8", [GL_HTML] = "text/html; charset=utf-8",
		[GL_LATEX] = "application/x-latex; charset=utf-8",
		[GL_DOCBOOK] = "application/docbook+xml; charset=utf-8",
		[GL_MKDOCS] = "text/markdown; charset=utf-8",
	};
	r->status = 200;
	r->ctype = types[fmt];
}
