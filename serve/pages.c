/* pages.c - the HTML pages: the start page (title, counts per type and
 * status, A-Z index in DIN 5007 order, the most-mentioned concepts), the
 * concept page at BASE + key (with content negotiation to its RDF), the
 * search page and the 404 page that suggests what was meant. German,
 * semantic, usable without JavaScript. */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "../exports/escape.h"
#include "srv.h"

static const char *const type_names[][2] = {
	{ "organisation", "Organisation" }, { "body", "Gremium" }, { "law", "Rechtsnorm" },
	{ "programme", "Programm" }, { "principle", "Prinzip" }, { "service", "Dienst" },
	{ "register", "Register" }, { "standard", "Standard" }, { "process", "Verfahren" },
	{ "role", "Rolle" }, { "place", "Ort" }, { "person", "Person" }, { "concept", "Begriff" },
};

static const char *const status_names[][2] = {
	{ "draft", "Entwurf" }, { "review", "in Prüfung" }, { "approved", "freigegeben" },
	{ "deprecated", "veraltet" },
};

const char *srv_name_of(const char *const (*names)[2], size_t n, const char *code)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(code, names[i][0]))
			return names[i][1];
	return code;
}

const char *srv_type_de(const char *t)
{
	return srv_name_of(type_names, sizeof type_names / sizeof type_names[0], t);
}

const char *srv_status_de(const char *t)
{
	return srv_name_of(status_names, sizeof status_names / sizeof status_names[0], t);
}

void srv_index_letter(const char *label, char out[2])
{
	out[0] = '#';
	out[1] = '\0';
	utf8proc_int32_t cp;
	utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)label, -1, &cp);
	if (n <= 0)
		return;
	if (cp == 0xDF || cp == 0x1E9E) { /* ß */
		out[0] = 'S';
		return;
	}
	utf8proc_int32_t dec[8];
	int last = 0;
	utf8proc_ssize_t k = utf8proc_decompose_char(cp, dec, 8, UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK |
	                                                 UTF8PROC_CASEFOLD, &last);
	if (k >= 1 && dec[0] >= 'a' && dec[0] <= 'z')
		out[0] = (char)(dec[0] - 'a' + 'A');
}

/* ---- the start page ---- */

static void count_rows(struct req *r, const char *caption, const char *const (*names)[2],
                       size_t n_names, int by_type)
{
	const struct snap *sn = r->snap;
	pg_printf(&r->out, "<table>\n<caption>%h</caption>\n<thead><tr><th scope=\"col\">%h</th>"
	                   "<th scope=\"col\">Anzahl</th></tr></thead>\n<tbody>\n",
	          caption, by_type ? "Typ" : "Status");
	for (size_t k = 0; k < n_names; k++) {
		long n = 0;
		for (size_t i = 0; i < sn->v.n; i++)
			if (!strcmp(by_type ? sn->v.items[i].type : sn->v.items[i].status, names[k][0]))
				n++;
		if (n)
			pg_printf(&r->out, "<tr><td>%h</td><td>%ld</td></tr>\n", names[k][1], n);
	}
	pg_printf(&r->out, "</tbody>\n</table>\n");
}

void h_start(struct req *r)
{
	const struct snap *sn = r->snap;
	const char *m = r->srv->mount;
	pg_begin(r, "Übersicht");
	pg_printf(&r->out, "<h1>%h</h1>\n<p>%zu Begriffe", sn->title, sn->v.n);
	if (sn->n_documents)
		pg_printf(&r->out, " · %lld Dokumente ausgewertet", sn->n_documents);
	pg_printf(&r->out, ".</p>\n<section aria-labelledby=\"zahlen\">\n<h2 id=\"zahlen\">Bestand</h2>\n");
	count_rows(r, "Begriffe nach Typ", type_names, sizeof type_names / sizeof type_names[0], 1);
	count_rows(r, "Begriffe nach Status", status_names,
	           sizeof status_names / sizeof status_names[0], 0);
	pg_printf(&r->out, "</section>\n");
	int has_mentions = 0;
	for (size_t i = 0; i < sn->v.n; i++)
		has_mentions |= sn->cv[i].mentions > 0;
	if (has_mentions)
		pg_printf(&r->out,
		          "<section aria-labelledby=\"haeufig\">\n<h2 id=\"haeufig\">Am häufigsten genannt</h2>\n"
		          "<figure><img src=\"%hchart.svg\" alt=\"Balkendiagramm der am häufigsten "
		          "genannten Begriffe in den gespeicherten Dokumenten\"></figure>\n</section>\n",
		          m);
	/* A-Z: letters in DIN 5007 order, as the concepts are sorted */
	char letters[40][2];
	size_t n_letters = 0;
	for (size_t k = 0; k < sn->v.n; k++) {
		char l[2];
		srv_index_letter(sn->v.items[sn->alpha[k]].pref_label, l);
		int seen = 0;
		for (size_t j = 0; j < n_letters; j++)
			seen |= letters[j][0] == l[0];
		if (!seen && n_letters < 40)
			memcpy(letters[n_letters++], l, 2);
	}
	pg_printf(&r->out, "<section aria-labelledby=\"az\">\n<h2 id=\"az\">Begriffe von A bis Z</h2>\n"
	                   "<nav class=\"az\" aria-label=\"Alphabetischer Index\"><ul>\n");
	for (size_t j = 0; j < n_letters; j++)
		pg_printf(&r->out, "<li><a href=\"#buchstabe-%s\">%s</a></li>\n",
		          letters[j][0] == '#' ? "sonst" : letters[j], letters[j]);
	pg_printf(&r->out, "</ul></nav>\n");
	for (size_t j = 0; j < n_letters; j++) {
		pg_printf(&r->out, "<h3 id=\"buchstabe-%s\">%s</h3>\n<ul>\n",
		          letters[j][0] == '#' ? "sonst" : letters[j], letters[j]);
		for (size_t k = 0; k < sn->v.n; k++) {
			const struct kb_concept *c = &sn->v.items[sn->alpha[k]];
			char l[2];
			srv_index_letter(c->pref_label, l);
			if (l[0] != letters[j][0])
				continue;
			pg_printf(&r->out, "<li><a href=\"%h%u\">%h</a>", m, c->key, c->pref_label);
			if (c->abbreviations.n)
				pg_printf(&r->out, " (%h)", c->abbreviations.v[0]);
			if (!strcmp(c->status, "deprecated"))
				pg_printf(&r->out, " <span class=\"status\">veraltet</span>");
			pg_printf(&r->out, "</li>\n");
		}
		pg_printf(&r->out, "</ul>\n");
	}
	pg_printf(&r->out, "</section>\n");
	/* the whole vocabulary as a schema.org DefinedTermSet */
	pg_printf(&r->out, "<script type=\"application/ld+json\">{\"@context\": \"https://schema.org\", "
	                   "\"@type\": \"DefinedTermSet\", \"@id\": \"%j\", \"name\": \"%j\", "
	                   "\"hasDefinedTerm\": [",
	          r->srv->base_uri, sn->title);
	for (size_t k = 0; k < sn->v.n; k++) {
		const struct kb_concept *c = &sn->v.items[sn->alpha[k]];
		pg_printf(&r->out, "%s{\"@type\": \"DefinedTerm\", \"@id\": \"%j%j\", \"name\": \"%j\", "
		                   "\"termCode\": \"%j\"}",
		          k ? ", " : "", r->srv->base_uri, c->key, c->pref_label, c->key);
	}
	pg_printf(&r->out, "]}</script>\n");
	pg_end(r);
	r->is_cacheable = 1;
	r->variant = "start";
}

/* ---- the concept page ---- */

static void concept_links(struct req *r, const char *heading, const struct strv *keys)
{
	const struct snap *sn = r->snap;
	size_t n = 0;
	for (size_t i = 0; i < keys->n; i++)
		n += snap_find(sn, keys->v[i]) >= 0;
	if (!n)
		return;
	pg_printf(&r->out, "<dt>%h</dt>\n<dd><ul>\n", heading);
	for (size_t i = 0; i < keys->n; i++) {
		long o = snap_find(sn, keys->v[i]);
		if (o >= 0)
			pg_printf(&r->out, "<li><a href=\"%h%u\" rel=\"%h\">%h</a></li>\n", r->srv->mount,
			          keys->v[i], heading[0] == 'O' ? "up" : heading[0] == 'U' ? "down" : "related",
			          sn->v.items[o].pref_label);
	}
	pg_printf(&r->out, "</ul></dd>\n");
}

static void label_list(struct req *r, const char *heading, const struct strv *labels)
{
	if (!labels->n)
		return;
	pg_printf(&r->out, "<dt>%h</dt>\n<dd>", heading);
	for (size_t i = 0; i < labels->n; i++)
		pg_printf(&r->out, "%s%h", i ? ", " : "", labels->v[i]);
	pg_printf(&r->out, "</dd>\n");
}

/* schema.org DefinedTerm as JSON-LD; %j escapes < > & so it cannot end the element. */
static void defined_term(struct req *r, const struct kb_concept *c, const char *iri)
{
	struct buf *b = &r->out;
	pg_printf(b, "<script type=\"application/ld+json\">{\"@context\": \"https://schema.org\", "
	             "\"@type\": \"DefinedTerm\", \"@id\": \"%j\", \"url\": \"%j\", \"name\": \"%j\"",
	          iri, iri, c->pref_label);
	if (c->abbreviations.n || c->alt_labels.n) {
		pg_printf(b, ", \"alternateName\": [");
		size_t k = 0;
		for (size_t i = 0; i < c->abbreviations.n; i++)
			pg_printf(b, "%s\"%j\"", k++ ? ", " : "", c->abbreviations.v[i]);
		for (size_t i = 0; i < c->alt_labels.n; i++)
			pg_printf(b, "%s\"%j\"", k++ ? ", " : "", c->alt_labels.v[i]);
		pg_printf(b, "]");
	}
	if (gl_is_approved(c))
		pg_printf(b, ", \"description\": \"%j\"", c->definition);
	pg_printf(b, ", \"termCode\": \"%j\", \"inDefinedTermSet\": {\"@type\": \"DefinedTermSet\", "
	             "\"@id\": \"%j\", \"name\": \"%j\"}}</script>\n",
	          c->key, r->srv->base_uri, r->snap->title);
}

static int make_concept_html(struct snap *sn, size_t i, struct buf *out, void *ctx)
{
	struct req *r = ctx;
	struct buf saved = r->out;
	r->out = *out;
	const struct kb_concept *c = &sn->v.items[i];
	const struct concept_view *cv = &sn->cv[i];
	const char *m = r->srv->mount;
	struct buf iri = BUF_INIT;
	buf_puts(&iri, r->srv->base_uri);
	buf_puts(&iri, c->key);
	pg_begin(r, c->pref_label);
	pg_printf(&r->out, "<article>\n<h1>%h", c->pref_label);
	if (c->abbreviations.n)
		pg_printf(&r->out, " <small>(%h)</small>", c->abbreviations.v[0]);
	pg_printf(&r->out, "</h1>\n");
	if (!strcmp(c->status, "deprecated")) {
		long to = c->replaced_by && c->replaced_by[0] ? snap_find(sn, c->replaced_by) : -1;
		pg_printf(&r->out, "<p class=\"deprecated\" role=\"note\"><strong>Veralteter Begriff.</strong>");
		if (to >= 0)
			pg_printf(&r->out, " Ersetzt durch <a href=\"%h%u\" rel=\"successor-version\">%h</a>.",
			          m, c->replaced_by, sn->v.items[to].pref_label);
		pg_printf(&r->out, "</p>\n");
	}
	if (c->definition[0]) {
		pg_printf(&r->out, "<section aria-labelledby=\"def\">\n<h2 id=\"def\">Definition</h2>\n");
		if (!gl_is_approved(c))
			pg_printf(&r->out, "<p><em>Definition in Prüfung</em></p>\n");
		pg_printf(&r->out, "<p>%h</p>\n", c->definition);
		if (c->source[0] || c->source_url[0]) {
			pg_printf(&r->out, "<p>Quelle: ");
			if (esc_is_link(c->source_url))
				pg_printf(&r->out, "<a href=\"%h\" rel=\"noopener\">%h</a>", c->source_url,
				          c->source[0] ? c->source : c->source_url);
			else
				pg_printf(&r->out, "%h", c->source);
			pg_printf(&r->out, "</p>\n");
		}
		pg_printf(&r->out, "</section>\n");
	}
	pg_printf(&r->out, "<section aria-labelledby=\"angaben\">\n<h2 id=\"angaben\">Angaben</h2>\n"
	                   "<dl class=\"facts\">\n");
	label_list(r, "Abkürzungen", &c->abbreviations);
	label_list(r, "Andere Bezeichnungen", &c->alt_labels);
	pg_printf(&r->out, "<dt>Typ</dt><dd>%h</dd>\n<dt>Status</dt><dd><span class=\"status\">%h</span></dd>\n",
	          srv_type_de(c->type), srv_status_de(c->status));
	concept_links(r, "Oberbegriffe", &c->broader);
	concept_links(r, "Unterbegriffe", &cv->narrower);
	concept_links(r, "Verwandte Begriffe", &cv->related);
	pg_printf(&r->out, "<dt>URI</dt><dd><code>%h</code></dd>\n</dl>\n</section>\n", buf_cstr(&iri));
	if (c->broader.n || cv->narrower.n || cv->related.n)
		pg_printf(&r->out,
		          "<section aria-labelledby=\"umfeld\">\n<h2 id=\"umfeld\">Begriffsumfeld</h2>\n"
		          "<figure><img src=\"%h%u.svg\" alt=\"Grafik: %h mit Ober-, Unter- und verwandten "
		          "Begriffen\"><figcaption>Ober-, Unter- und verwandte Begriffe (zwei Schritte)"
		          "</figcaption></figure>\n</section>\n",
		          m, c->key, c->pref_label);
	if (cv->n_docs) {
		pg_printf(&r->out, "<section aria-labelledby=\"fundstellen\">\n<h2 id=\"fundstellen\">"
		                   "Gefunden in</h2>\n<table>\n<thead><tr><th scope=\"col\">Dokument</th>"
		                   "<th scope=\"col\">Nennungen</th></tr></thead>\n<tbody>\n");
		for (size_t k = 0; k < cv->n_docs; k++)
			pg_printf(&r->out, "<tr><td>%h</td><td>%lld</td></tr>\n", cv->docs[k].path,
			          cv->docs[k].count);
		pg_printf(&r->out, "</tbody>\n</table>\n</section>\n");
	}
	pg_printf(&r->out, "<p>Maschinenlesbar: <a href=\"%h%u.ttl\" type=\"text/turtle\">Turtle</a> · "
	                   "<a href=\"%h%u.jsonld\" type=\"application/ld+json\">JSON-LD</a> · "
	                   "<a href=\"%h%u.rdf\" type=\"application/rdf+xml\">RDF/XML</a></p>\n</article>\n",
	          m, c->key, m, c->key, m, c->key);
	defined_term(r, c, buf_cstr(&iri));
	buf_free(&iri);
	int rc = pg_end(r);
	*out = r->out;
	r->out = saved;
	return rc;
}

void h_not_found(struct req *r)
{
	const struct snap *sn = r->snap;
	/* the last path segment without a suffix, hyphens as spaces */
	const char *seg = strrchr(r->path, '/');
	seg = seg ? seg + 1 : r->path;
	char q[200];
	snprintf(q, sizeof q, "%s", seg);
	char *dot = strchr(q, '.');
	if (dot)
		*dot = '\0';
	for (char *p = q; *p; p++)
		if (*p == '-' || *p == '_')
			*p = ' ';
	struct hit hits[5];
	long n = srv_search(sn, q, hits, 5);
	pg_begin(r, "Nicht gefunden");
	pg_printf(&r->out, "<h1>Nicht gefunden</h1>\n<p>Unter dieser Adresse gibt es keinen Begriff.</p>\n");
	long shown = 0;
	for (long i = 0; i < n; i++) {
		if (hits[i].kind == HIT_DEFINITION)
			continue;
		const struct kb_concept *c = &sn->v.items[hits[i].concept];
		if (!shown++)
			pg_printf(&r->out, "<p>Meinten Sie:</p>\n<ul class=\"did-you-mean\">\n");
		pg_printf(&r->out, "<li><a href=\"%h%u\">%h</a></li>\n", r->srv->mount, c->key,
		          c->pref_label);
	}
	if (shown)
		pg_printf(&r->out, "</ul>\n");
	pg_printf(&r->out, "<p><a href=\"%h\">Zur Übersicht</a></p>\n", r->srv->mount);
	pg_end(r);
	r->status = 404;
}

static int make_svg(struct snap *sn, size_t i, struct buf *out, void *ctx)
{
	return svg_neighbourhood(ctx, sn, i, out);
}

/* Concept URIs: KEY, KEY.ttl, KEY.jsonld, KEY.rdf, KEY.html, KEY.svg. */
void h_concept(struct req *r)
{
	char key[256];
	const char *dot = strchr(r->path, '.');
	size_t n = dot ? (size_t)(dot - r->path) : strlen(r->path);
	if (n == 0 || n >= sizeof key || strchr(r->path, '/')) {
		h_not_found(r);
		return;
	}
	memcpy(key, r->path, n);
	key[n] = '\0';
	long i = kb_is_valid_key(key) ? snap_find(r->snap, key) : -1;
	if (i < 0) {
		h_not_found(r);
		return;
	}
	const char *fmt = req_param(r, "format");
	enum repr p;
	if (dot && !strcmp(dot, ".svg")) {
		const char *data;
		size_t len;
		if (snap_cached(r->snap, (size_t)i, C_SVG, make_svg, r->srv, &data, &len) < 0) {
			srv_error(r, 500, "Die Grafik konnte nicht erzeugt werden.");
			return;
		}
		r->status = 200;
		r->ctype = "image/svg+xml";
		r->out_ref = data;
		r->out_ref_len = len;
		r->is_cacheable = 1;
		r->variant = "svg";
		return;
	}
	if (dot) {
		p = srv_repr_parse(dot + 1);
		if (p == REPR_NONE || !strcmp(dot + 1, "json") || !strcmp(dot + 1, "turtle")) {
			h_not_found(r);
			return;
		}
	} else if (fmt) {
		p = srv_repr_parse(fmt);
		if (p == REPR_NONE) {
			srv_error(r, 400, "Unbekanntes Format (html, ttl, jsonld, rdfxml).");
			return;
		}
	} else {
		r->vary_accept = 1;
		p = srv_negotiate(req_header(r, "Accept"));
		if (p == REPR_NONE) {
			srv_error(r, 406, "Dieser Begriff ist als text/html, text/turtle, "
			                  "application/ld+json und application/rdf+xml erhältlich.");
			r->vary_accept = 1;
			return;
		}
	}
	const char *data;
	size_t len;
	int rc = p == REPR_HTML ? snap_cached(r->snap, (size_t)i, C_HTML, make_concept_html, r, &data,
	                                      &len)
	                        : rdf_concept(r->snap, (size_t)i, p, &data, &len);
	if (rc < 0) {
		srv_error(r, 500, "Die Seite konnte nicht erzeugt werden.");
		return;
	}
	r->status = 200;
	r->ctype = srv_repr_type(p);
	r->out_ref = data;
	r->out_ref_len = len;
	r->is_cacheable = 1;
	r->variant = p == REPR_HTML ? "html" : p == REPR_TTL ? "ttl" : p == REPR_JSONLD ? "jsonld" : "rdf";
	if (p != REPR_HTML) {
		char link[600];
		snprintf(link, sizeof link, "<%s%s>; rel=\"alternate\"; type=\"text/html\"",
		         r->srv->mount, key);
		req_add_header(r, "Link", link);
	}
}

/* ---- search ---- */

void h_search(struct req *r)
{
	const struct snap *sn = r->snap;
	const char *q = req_param(r, "q");
	pg_begin(r, q && *q ? "Suche" : "Suche");
	pg_printf(&r->out, "<h1>Suche</h1>\n");
	if (!q || !*q) {
		pg_printf(&r->out, "<p>Bitte einen Begriff eingeben.</p>\n");
		pg_end(r);
		return;
	}
	struct hit hits[50];
	long n = srv_search(sn, q, hits, 50);
	if (n < 0) {
		srv_error(r, 500, "Die Suche ist fehlgeschlagen.");
		return;
	}
	pg_printf(&r->out, "<p role=\"status\">%ld Treffer für „%h“</p>\n", n, q);
	if (n)
		pg_printf(&r->out, "<ol class=\"hits\">\n");
	for (long i = 0; i < n; i++) {
		const struct kb_concept *c = &sn->v.items[hits[i].concept];
		pg_printf(&r->out, "<li><a href=\"%h%u\">%h</a> <small>%h</small>", r->srv->mount, c->key,
		          c->pref_label, srv_type_de(c->type));
		/* hidden labels are matched, never shown */
		if (hits[i].label && strcmp(hits[i].label, c->pref_label))
			pg_printf(&r->out, " <small>– gefunden als „%h“</small>", hits[i].label);
		if (hits[i].kind == HIT_EXACT)
			pg_printf(&r->out, " <small>(exakt)</small>");
		pg_printf(&r->out, "</li>\n");
	}
	if (n)
		pg_printf(&r->out, "</ol>\n");
	pg_end(r);
	r->vary_accept = 0;
}
