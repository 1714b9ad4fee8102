/* srv.h - the server's pieces shared inside serve/: the snapshot of the
 * knowledge base that requests read, the request and its response, the
 * routing table and the page writer. Internal to serve/.
 *
 * Adding a route (e.g. an authenticated one): write a handler
 * `void h(struct req *r)` that fills r->status, r->ctype and r->out (or
 * calls srv_error), and add a line to the table in routes.c. Handlers of
 * pages build their HTML with pg_begin / pg_printf / pg_end (page.c), whose
 * %h conversion escapes for HTML, so the safe form is the short one. */
#ifndef GLOSSAR_SRV_H
#define GLOSSAR_SRV_H

#include <pthread.h>
#include <stddef.h>
#include <time.h>

#include "../common/buf.h"
#include "../exports/exports.h"
#include "../extract/extract.h"
#include "../kb/kb.h"
#include "serve.h"

/* ---- the snapshot: an immutable view of the KB, rebuilt when it changes ---- */

struct doc_count {
	char *path;
	long long count;
};

/* Per concept, in the order of snap->v.items. */
struct concept_view {
	struct strv narrower, related; /* keys, resolved in both directions */
	struct doc_count *docs;        /* "found in" */
	size_t n_docs;
	long long mentions;            /* over all documents */
	char *def_norm;                /* the definition normalised, for search */
};

/* A label as search compares it. */
struct search_label {
	const char *text;   /* as written (owned by the vocabulary) */
	char *norm;         /* norm_key */
	size_t concept;     /* index into snap->v.items */
	enum gz_label_kind kind;
};

/* Representations cached per concept. */
enum cache_kind { C_HTML, C_TTL, C_JSONLD, C_RDFXML, C_SVG, C_KINDS };

struct cached {
	char *data;
	size_t len;
};

struct snap {
	int refs;                     /* atomic; srv->cur holds one */
	struct kb_vocab v;
	struct concept_view *cv;
	size_t *alpha;                /* concept indexes in DIN 5007 order of pref_label */
	struct search_label *labels;
	size_t n_labels;
	struct gz *gz;                /* every label, fuzzy index built */
	struct skos_graph *graph;
	char etag[48];                /* "\"<hash>\"" without the closing quote's variant */
	time_t last_modified;
	char last_modified_http[40];
	char title[256];
	long long n_documents;
	pthread_mutex_t cache_lock;
	struct cached *cache;         /* v.n * C_KINDS */
	struct cached start_page, chart;
};

struct srv {
	struct serve_options opt;
	char *base_uri;               /* ends in '/' */
	char *mount;                  /* the base URI's path, begins and ends in '/' */
	size_t mount_len;
	const char *vocab_id;
	struct kb *kb;                /* read-only, under lock */
	struct kb *wkb;               /* read-write for editing (edit.c), under wlock; NULL: off */
	pthread_mutex_t wlock;
	long long data_version;
	unsigned long long file_sig;  /* stat of the KB and its WAL at the last check */
	struct timespec checked;      /* when data_version was last asked */
	pthread_mutex_t lock;
	struct snap *cur;
	struct skos_options skos;     /* filled from the scheme's metadata where options give none */
	struct kb_scheme scheme;      /* the scheme's metadata as the server started */
};

/* Takes a reference to the current snapshot, reloading it first when the KB
 * changed. NULL when the KB cannot be read (err filled). */
struct snap *snap_acquire(struct srv *s, struct err *err);
void snap_release(struct srv *s, struct snap *sn);
/* Loads a snapshot; NULL with err filled. */
struct snap *snap_load(struct srv *s, struct err *err);
void snap_free(struct snap *sn);
/* Index of the concept with key, or -1. */
long snap_find(const struct snap *sn, const char *key);
/* The cached bytes of kind for concept i, built by make on first use. */
typedef int (*cache_make_fn)(struct snap *sn, size_t i, struct buf *out, void *ctx);
int snap_cached(struct snap *sn, size_t i, enum cache_kind kind, cache_make_fn make, void *ctx,
                const char **data, size_t *len);

/* ---- requests ---- */

struct param {
	char *name, *value;
};

struct header {
	const char *name;
	char *value;
};

struct req {
	struct srv *srv;
	struct MHD_Connection *con;
	const char *method;
	int is_head, is_post;
	char *raw_uri;                /* as received */
	char *path;                   /* decoded, below the mount ("" for the start page) */
	struct param *params;
	size_t n_params;
	struct snap *snap;
	struct buf body;              /* POST body */
	int body_refused;             /* above the limit: 413 */
	int dispatched;
	/* the response */
	int status;
	const char *ctype;
	struct buf out;
	const char *out_ref;          /* instead of out: bytes that outlive the request */
	size_t out_ref_len;
	const char *variant;          /* distinguishes representations in the ETag */
	int is_cacheable;             /* ETag, Last-Modified, 304 */
	int vary_accept;
	struct header extra[6];
	size_t n_extra;
};

/* The value of query parameter name, or NULL. */
const char *req_param(const struct req *r, const char *name);
/* A request header, or NULL. */
const char *req_header(const struct req *r, const char *name);
/* Adds a response header (value copied). */
int req_add_header(struct req *r, const char *name, const char *value);
/* An error answer: an HTML page or, for the API (is_json), a JSON object. */
void srv_error(struct req *r, int status, const char *message);
void srv_error_json(struct req *r, int status, const char *message);

/* ---- routing ---- */

enum route_flags {
	R_PREFIX = 1 << 0,  /* path starts with the pattern (the rest is the handler's) */
	R_POST = 1 << 1,    /* POST, not GET/HEAD */
};

typedef void (*route_fn)(struct req *r);

struct route {
	const char *path;     /* below the mount */
	unsigned flags;
	route_fn fn;
};

extern const struct route srv_routes[];
extern const size_t srv_n_routes;
/* Concept URIs: BASE + key, with a suffix (.ttl .jsonld .rdf .html .svg). */
void h_concept(struct req *r);
/* The names that routes take at the mount's top level: a concept with such a
 * key is shadowed (serve warns at start). */
int srv_is_reserved(const char *key);

/* ---- handlers (pages.c, api.c, rdf.c, svg.c) ---- */

void h_start(struct req *r);
void h_search(struct req *r);
void h_style(struct req *r);
void h_script(struct req *r);
void h_chart(struct req *r);
void h_dump(struct req *r);
void h_dataset(struct req *r);
void h_context(struct req *r);
void h_suggest(struct req *r);
void h_skosmos(struct req *r);
void h_api_extract(struct req *r);
void h_api_appendix(struct req *r);
void h_not_found(struct req *r);

/* ---- the page writer (page.c) ---- */

/* printf for pages: %s as is (only for trusted literals), %h HTML-escaped,
 * %u percent-encoded for a URL path segment or query value, %j escaped for
 * the inside of a JSON string (safe in <script>), %d %ld %lld %zu numbers,
 * %% a percent sign. Returns 0, or -1 when memory ran out. */
int pg_printf(struct buf *b, const char *fmt, ...);
/* A concept's type and status in the pages' language ("law" -> "Rechtsnorm",
 * "review" -> "in Prüfung"); the code itself if it has no name (pages.c). */
const char *srv_type_de(const char *type);
/* The name of code in a table of {code, name} pairs; code itself if none. */
const char *srv_name_of(const char *const (*names)[2], size_t n, const char *code);
const char *srv_status_de(const char *status);
/* <!doctype html> ... <main>: the header with the title and the search form. */
int pg_begin(struct req *r, const char *title);
/* </main>, the footer, </html>; sets status 200 and the HTML content type. */
int pg_end(struct req *r);
/* Appends s percent-encoded (unreserved characters stay). */
int pg_urlencode(struct buf *b, const char *s);

/* ---- search (search.c) ---- */

enum hit_kind { HIT_EXACT, HIT_PREFIX, HIT_INSIDE, HIT_FUZZY, HIT_DEFINITION };

struct hit {
	size_t concept;
	double score;              /* lower is better */
	enum hit_kind kind;
	const char *label;         /* the label that matched, NULL for a hidden one */
	enum gz_label_kind label_kind;
};

/* Up to max hits for q, best first; returns their number, -1 when memory ran out. */
long srv_search(const struct snap *sn, const char *q, struct hit *hits, size_t max);

/* ---- rdf.c: content negotiation ---- */

enum repr { REPR_HTML, REPR_TTL, REPR_JSONLD, REPR_RDFXML, REPR_NONE };
/* The representation an Accept header asks for among those offered; REPR_NONE
 * when none is acceptable. */
enum repr srv_negotiate(const char *accept);
/* From ?format= or a suffix ("ttl", "turtle", "jsonld", "rdf", "rdfxml",
 * "html", or a media type); REPR_NONE when unknown. */
enum repr srv_repr_parse(const char *name);
const char *srv_repr_type(enum repr p);
/* The concept's triples (exactly its part of the whole export). */
int rdf_concept(struct snap *sn, size_t i, enum repr p, const char **data, size_t *len);

/* ---- svg.c ---- */
int svg_neighbourhood(struct srv *s, struct snap *sn, size_t i, struct buf *out);
int svg_chart(struct srv *s, struct snap *sn, struct buf *out);
int svg_scheme(struct srv *s, struct snap *sn, const char *root, int as_svg, struct buf *out,
               struct err *err);

/* ---- edit.c: editing for logged-in users ---- */
void h_login(struct req *r);
void h_logout(struct req *r);
void h_edit_css(struct req *r);
void h_edit_desk(struct req *r);
void h_edit_concept(struct req *r);
void h_edit_save(struct req *r);
void h_edit_review(struct req *r);
void h_edit_submit(struct req *r);
void h_edit_approve(struct req *r);
void h_edit_reject(struct req *r);
void h_edit_comment(struct req *r);
void h_edit_history(struct req *r);
void h_edit_undo(struct req *r);
void h_edit_candidates(struct req *r);
void h_edit_cand_accept(struct req *r);
void h_edit_cand_reject(struct req *r);
void h_edit_candidate(struct req *r);
void h_edit_upload(struct req *r);
void h_edit_upload_csv(struct req *r);
void h_edit_upload_document(struct req *r);

/* The first letter of a label in the A-Z index: "A".."Z", or "#". */
void srv_index_letter(const char *label, char out[2]);

#endif
