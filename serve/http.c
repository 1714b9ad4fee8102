/* http.c - the HTTP core of glossar serve on libmicrohttpd: the daemon
 * (thread pool, connection limit and timeout), the request's path and query
 * decoded and checked (no encoded slash, NUL, dot segment or invalid UTF-8),
 * POST bodies up to a limit (413 before reading more), dispatch through the
 * routing table (routes.c), the headers every answer carries (CSP, nosniff,
 * CORS for GET), ETag/Last-Modified and 304, and a clean stop on SIGTERM. */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "../exports/escape.h"
#include "mhd.h"
#include "srv.h"

static const char csp[] =
	"default-src 'none'; style-src 'self'; img-src 'self'; script-src 'self'; "
	"connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

void serve_options_init(struct serve_options *o)
{
	memset(o, 0, sizeof *o);
	o->listen = "127.0.0.1:8080";
	o->threads = 4;
	o->max_connections = 256;
	o->timeout_s = 15;
	o->max_body = 10u << 20;
}

/* ---- request helpers ---- */

const char *req_param(const struct req *r, const char *name)
{
	for (size_t i = 0; i < r->n_params; i++)
		if (!strcmp(r->params[i].name, name))
			return r->params[i].value;
	return NULL;
}

const char *req_header(const struct req *r, const char *name)
{
	return mhd.MHD_lookup_connection_value(r->con, MHD_HEADER_KIND, name);
}

int req_add_header(struct req *r, const char *name, const char *value)
{
	if (r->n_extra == sizeof r->extra / sizeof r->extra[0])
		return -1;
	char *v = strdup(value);
	if (!v)
		return -1;
	r->extra[r->n_extra++] = (struct header){ name, v };
	return 0;
}

static void out_reset(struct req *r)
{
	buf_reset(&r->out);
	r->out_ref = NULL;
	r->out_ref_len = 0;
	r->is_cacheable = 0;
}

void srv_error_json(struct req *r, int status, const char *message)
{
	out_reset(r);
	r->status = status;
	r->ctype = "application/json; charset=utf-8";
	pg_printf(&r->out, "{\"status\": %d, \"message\": \"%j\"}\n", status, message);
}

static const char *status_title(int status)
{
	switch (status) {
	case 400: return "Ungültige Anfrage";
	case 404: return "Nicht gefunden";
	case 405: return "Methode nicht erlaubt";
	case 406: return "Kein passendes Format";
	case 413: return "Anfrage zu groß";
	case 415: return "Format nicht unterstützt";
	case 503: return "Nicht verfügbar";
	default: return "Fehler";
	}
}

void srv_error(struct req *r, int status, const char *message)
{
	out_reset(r);
	if (r->path && (!strncmp(r->path, "api/", 4) || !strncmp(r->path, "rest/", 5))) {
		srv_error_json(r, status, message);
		return;
	}
	pg_begin(r, status_title(status));
	pg_printf(&r->out, "<h1>%h</h1>\n<p>%h</p>\n", status_title(status), message);
	pg_end(r);
	r->status = status;
}

/* ---- decoding ---- */

static int hexval(int c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
	     : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Strict UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF. */
static int utf8_valid(const unsigned char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned c = s[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		size_t len = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3
		           : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
		if (!len || i + len > n)
			return 0;
		for (size_t k = 1; k < len; k++)
			if ((s[i + k] & 0xC0) != 0x80)
				return 0;
		if ((c == 0xE0 && s[i + 1] < 0xA0) || (c == 0xED && s[i + 1] > 0x9F) ||
		    (c == 0xF0 && s[i + 1] < 0x90) || (c == 0xF4 && s[i + 1] > 0x8F))
			return 0;
		i += len;
	}
	return 1;
}

/* Percent-decodes s[0..n) into a new string. in_query: '+' is a space. An
 * encoded slash in a path, a NUL, a bad escape or invalid UTF-8 fail. */
static char *decode(const char *s, size_t n, int in_query)
{
	char *out = malloc(n + 1);
	if (!out)
		return NULL;
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		int c = (unsigned char)s[i];
		if (c == '%') {
			if (i + 2 >= n)
				goto bad;
			int hi = hexval((unsigned char)s[i + 1]), lo = hexval((unsigned char)s[i + 2]);
			if (hi < 0 || lo < 0)
				goto bad;
			c = hi << 4 | lo;
			if (c == '/' && !in_query)
				goto bad;
			i += 2;
		} else if (c == '+' && in_query) {
			c = ' ';
		}
		if (c == 0)
			goto bad;
		out[k++] = (char)c;
	}
	out[k] = '\0';
	if (!utf8_valid((const unsigned char *)out, k))
		goto bad;
	return out;
bad:
	free(out);
	errno = EINVAL;
	return NULL;
}

/* Splits the raw URI into the path below the mount and the parameters.
 * Returns 0, 404 (outside the mount) or 400. */
static int parse_uri(struct req *r)
{
	const char *u = r->raw_uri;
	if (!u || u[0] != '/')
		return 400;
	const char *q = strchr(u, '?');
	size_t path_len = q ? (size_t)(q - u) : strlen(u);
	const char *frag = memchr(u, '#', path_len);
	if (frag)
		return 400;
	const struct srv *s = r->srv;
	/* the mount without its last '/' is the start page too */
	if (path_len == s->mount_len - 1 && !strncmp(u, s->mount, path_len))
		r->path = strdup("");
	else if (path_len >= s->mount_len && !strncmp(u, s->mount, s->mount_len))
		r->path = decode(u + s->mount_len, path_len - s->mount_len, 0);
	else
		return 404;
	if (!r->path)
		return 400;
	/* no dot segments, no empty segments, no backslashes */
	for (const char *p = r->path; *p;) {
		const char *e = strchr(p, '/');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if ((n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.') ||
		    (n == 0 && e) || memchr(p, '\\', n))
			return 400;
		p += n + (e ? 1 : 0);
	}
	if (!q)
		return 0;
	for (const char *p = q + 1; *p;) {
		const char *e = strchr(p, '&');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (n) {
			const char *eq = memchr(p, '=', n);
			size_t nn = eq ? (size_t)(eq - p) : n;
			if (r->n_params == 32)
				return 400;
			struct param *np = realloc(r->params, (r->n_params + 1) * sizeof *np);
			if (!np)
				return 400;
			r->params = np;
			char *name = decode(p, nn, 1);
			char *value = eq ? decode(eq + 1, n - nn - 1, 1) : strdup("");
			if (!name || !value) {
				free(name);
				free(value);
				return 400;
			}
			r->params[r->n_params++] = (struct param){ name, value };
		}
		p += n + (e ? 1 : 0);
	}
	return 0;
}

/* ---- conditional requests ---- */

static int etag_matches(const char *header, const char *etag)
{
	/* a list of entity tags, weak comparison (W/ ignored), or "*" */
	size_t n = strlen(etag);
	for (const char *p = header; *p;) {
		while (*p == ' ' || *p == ',' || *p == '\t')
			p++;
		if (*p == '*')
			return 1;
		if (!strncmp(p, "W/", 2))
			p += 2;
		if (!strncmp(p, etag, n) && (p[n] == '\0' || p[n] == ',' || p[n] == ' '))
			return 1;
		while (*p && *p != ',')
			p++;
	}
	return 0;
}

static int not_modified(struct req *r, const char *etag)
{
	const char *inm = req_header(r, MHD_HTTP_HEADER_IF_NONE_MATCH);
	if (inm)
		return etag_matches(inm, etag);
	const char *ims = req_header(r, MHD_HTTP_HEADER_IF_MODIFIED_SINCE);
	if (ims && r->snap->last_modified) {
		struct tm tm;
		memset(&tm, 0, sizeof tm);
		const char *end = strptime(ims, "%a, %d %b %Y %H:%M:%S GMT", &tm);
		if (end && !*end)
			return timegm(&tm) >= r->snap->last_modified;
	}
	return 0;
}

/* ---- answering ---- */

static enum MHD_Result answer(struct req *r)
{
	char etag[80] = "";
	int status = r->status ? r->status : 500;
	if (r->is_cacheable && status == 200 && r->snap) {
		snprintf(etag, sizeof etag, "%s%s%s\"", r->snap->etag, r->variant ? "-" : "",
		         r->variant ? r->variant : "");
		if (not_modified(r, etag)) {
			status = MHD_HTTP_NOT_MODIFIED;
			out_reset(r);
			r->is_cacheable = 1;
		}
	}
	const char *data = r->out_ref ? r->out_ref : buf_cstr(&r->out);
	size_t len = r->out_ref ? r->out_ref_len : r->out.len;
	if (status == MHD_HTTP_NOT_MODIFIED)
		len = 0;
	struct MHD_Response *resp =
		mhd.MHD_create_response_from_buffer(len, (void *)data, MHD_RESPMEM_MUST_COPY);
	if (!resp)
		return MHD_NO;
	if (status != MHD_HTTP_NOT_MODIFIED && r->ctype)
		mhd.MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, r->ctype);
	mhd.MHD_add_response_header(resp, "Content-Security-Policy", csp);
	mhd.MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	mhd.MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
	if (!r->is_post)
		mhd.MHD_add_response_header(resp, "Access-Control-Allow-Origin", "*");
	if (r->vary_accept)
		mhd.MHD_add_response_header(resp, MHD_HTTP_HEADER_VARY, "Accept");
	if (etag[0]) {
		mhd.MHD_add_response_header(resp, MHD_HTTP_HEADER_ETAG, etag);
		if (r->snap->last_modified_http[0])
			mhd.MHD_add_response_header(resp, MHD_HTTP_HEADER_LAST_MODIFIED,
			                            r->snap->last_modified_http);
		mhd.MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-cache");
	}
	for (size_t i = 0; i < r->n_extra; i++)
		mhd.MHD_add_response_header(resp, r->extra[i].name, r->extra[i].value);
	enum MHD_Result rc = mhd.MHD_queue_response(r->con, (unsigned)status, resp);
	mhd.MHD_destroy_response(resp);
	return rc;
}

static void dispatch(struct req *r)
{
	struct err err = { "", 0, "" };
	r->snap = snap_acquire(r->srv, &err);
	if (!r->snap) {
		srv_error(r, 503, "Die Wissensbasis kann gerade nicht gelesen werden.");
		return;
	}
	const struct route *method_mismatch = NULL;
	for (size_t i = 0; i < srv_n_routes; i++) {
		const struct route *rt = &srv_routes[i];
		size_t n = strlen(rt->path);
		int hit = rt->flags & R_PREFIX ? !strncmp(r->path, rt->path, n)
		                               : !strcmp(r->path, rt->path);
		if (!hit)
			continue;
		int wants_post = (rt->flags & R_POST) != 0;
		if (wants_post != r->is_post) {
			/* a later route may take the same path with the other method */
			method_mismatch = rt;
			continue;
		}
		rt->fn(r);
		return;
	}
	if (method_mismatch) {
		int wants_post = (method_mismatch->flags & R_POST) != 0;
		req_add_header(r, MHD_HTTP_HEADER_ALLOW, wants_post ? "POST" : "GET, HEAD");
		srv_error(r, 405, wants_post ? "Diese Adresse nimmt nur POST an."
		                             : "Diese Adresse nimmt nur GET und HEAD an.");
		return;
	}
	if (r->is_post) {
		req_add_header(r, MHD_HTTP_HEADER_ALLOW, "GET, HEAD");
		srv_error(r, 405, "Diese Adresse nimmt nur GET und HEAD an.");
		return;
	}
	h_concept(r);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *con, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_data_size,
                                  void **con_cls)
{
	(void)cls;
	(void)url;
	(void)version;
	struct req *r = *con_cls;
	if (!r)
		return MHD_NO;
	if (!r->method) {
		r->con = con;
		r->method = method;
		r->is_head = !strcmp(method, MHD_HTTP_METHOD_HEAD);
		r->is_post = !strcmp(method, MHD_HTTP_METHOD_POST);
		int bad = parse_uri(r);
		if (bad) {
			r->path = r->path ? r->path : strdup("");
			srv_error(r, bad, bad == 404 ? "Diese Adresse gibt es hier nicht."
			                             : "Die Adresse ist ungültig (Kodierung oder Pfad).");
			return answer(r);
		}
		if (!strcmp(method, MHD_HTTP_METHOD_OPTIONS)) {
			r->status = 204;
			req_add_header(r, "Access-Control-Allow-Methods", "GET, HEAD");
			req_add_header(r, "Access-Control-Allow-Headers", "Accept, If-None-Match");
			req_add_header(r, MHD_HTTP_HEADER_ALLOW, "GET, HEAD, POST, OPTIONS");
			return answer(r);
		}
		if (!r->is_post && !r->is_head && strcmp(method, MHD_HTTP_METHOD_GET)) {
			req_add_header(r, MHD_HTTP_HEADER_ALLOW, "GET, HEAD, POST, OPTIONS");
			srv_error(r, 405, "Diese Methode wird nicht unterstützt.");
			return answer(r);
		}
		if (!r->is_post)
			return MHD_YES; /* answered on the next call, when the request is complete */
		const char *cl = req_header(r, MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (cl && strtoull(cl, NULL, 10) > r->srv->opt.max_body) {
			r->body_refused = 1;
			srv_error(r, 413, "Der Inhalt ist größer als erlaubt.");
			return answer(r);
		}
		return MHD_YES;
	}
	if (*upload_data_size) {
		if (r->body_refused) {
			*upload_data_size = 0;
			return MHD_YES;
		}
		if (r->body.len + *upload_data_size > r->srv->opt.max_body) {
			/* a body without a length that grew too large */
			r->body_refused = 1;
			*upload_data_size = 0;
			srv_error(r, 413, "Der Inhalt ist größer als erlaubt.");
			return answer(r);
		}
		if (buf_append(&r->body, upload_data, *upload_data_size) < 0)
			return MHD_NO;
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (r->dispatched || r->body_refused)
		return MHD_YES;
	r->dispatched = 1;
	dispatch(r);
	return answer(r);
}

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *con)
{
	(void)con;
	struct req *r = calloc(1, sizeof *r);
	if (!r)
		return NULL;
	r->srv = cls;
	r->raw_uri = strdup(uri ? uri : "");
	return r;
}

static void on_completed(void *cls, struct MHD_Connection *con, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
	(void)con;
	(void)toe;
	struct srv *s = cls;
	struct req *r = *con_cls;
	if (!r)
		return;
	if (r->snap)
		snap_release(s, r->snap);
	for (size_t i = 0; i < r->n_params; i++) {
		free(r->params[i].name);
		free(r->params[i].value);
	}
	for (size_t i = 0; i < r->n_extra; i++)
		free(r->extra[i].value);
	free(r->params);
	free(r->raw_uri);
	free(r->path);
	buf_free(&r->body);
	buf_free(&r->out);
	free(r);
	*con_cls = NULL;
}

/* ---- start and stop ---- */

static int parse_listen(const char *listen, struct sockaddr_storage *ss, socklen_t *len,
                        char *host, size_t host_size, struct err *err)
{
	const char *colon = strrchr(listen, ':');
	if (!colon || !colon[1])
		return err_set(err, NULL, 0, "--listen '%s': ADDR:PORT expected", listen);
	char *end;
	long port = strtol(colon + 1, &end, 10);
	if (*end || port < 0 || port > 65535)
		return err_set(err, NULL, 0, "--listen '%s': bad port", listen);
	size_t n = (size_t)(colon - listen);
	if (n >= 2 && listen[0] == '[' && listen[n - 1] == ']') {
		listen++;
		n -= 2;
	}
	if (n == 0 || n >= host_size)
		return err_set(err, NULL, 0, "--listen '%s': bad address", listen);
	memcpy(host, listen, n);
	host[n] = '\0';
	struct addrinfo hints, *ai;
	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_NUMERICSERV;
	char ps[8];
	snprintf(ps, sizeof ps, "%ld", port);
	int gai = getaddrinfo(host, ps, &hints, &ai);
	if (gai)
		return err_set(err, NULL, 0, "--listen '%s': %s", listen, gai_strerror(gai));
	memcpy(ss, ai->ai_addr, ai->ai_addrlen);
	*len = ai->ai_addrlen;
	freeaddrinfo(ai);
	return 0;
}

static int srv_init(struct srv *s, const struct serve_options *o, struct err *err)
{
	memset(s, 0, sizeof *s);
	s->opt = *o;
	s->vocab_id = o->vocab_id ? o->vocab_id : "glossar";
	pthread_mutex_init(&s->lock, NULL);
	pthread_mutex_init(&s->wlock, NULL);
	/* Editing needs a writable file; a published read-only copy is served
	 * without it. Opening for writing first also migrates an older KB. */
	if (!o->read_only && access(o->db_path, W_OK) == 0 &&
	    kb_open(&s->wkb, o->db_path, err) < 0)
		return -1;
	if (kb_open_readonly(&s->kb, o->db_path, err) < 0)
		return -1;
	/* The scheme's metadata (glossar scheme set): base URI, licence, title. */
	if (kb_scheme_load(s->kb, &s->scheme, err) < 0) {
		kb_close(s->kb);
		return -1;
	}
	return 0;
}

static int srv_set_base(struct srv *s, const char *base, struct err *err)
{
	if (!skos_base_is_valid(base))
		return err_set(err, NULL, 0, "invalid --base-uri '%s': an absolute IRI ending in '/'",
		               base);
	s->base_uri = strdup(base);
	/* the mount point is the base's path: after "scheme://authority" */
	const char *p = strstr(base, "://");
	p = p ? strchr(p + 3, '/') : strchr(base, '/');
	s->mount = strdup(p ? p : "/");
	if (!s->base_uri || !s->mount)
		return err_set(err, NULL, 0, "out of memory");
	s->mount_len = strlen(s->mount);
	s->skos.base_uri = s->base_uri;
	s->skos.title = s->opt.title;
	skos_options_from_scheme(&s->skos, &s->scheme);
	if (!s->skos.license)
		s->skos.license = SKOS_DEFAULT_LICENSE;
	return 0;
}

static void srv_fini(struct srv *s)
{
	if (s->cur)
		snap_release(s, s->cur);
	kb_close(s->kb);
	kb_scheme_free(&s->scheme);
	kb_close(s->wkb);
	pthread_mutex_destroy(&s->wlock);
	free(s->base_uri);
	free(s->mount);
	pthread_mutex_destroy(&s->lock);
}

int serve_run(const struct serve_options *o, struct err *err)
{
	struct sockaddr_storage ss;
	socklen_t ss_len;
	char host[256];
	if (parse_listen(o->listen, &ss, &ss_len, host, sizeof host, err) < 0 || mhd_load(err) < 0)
		return -1;
	struct srv s;
	if (srv_init(&s, o, err) < 0) {
		srv_fini(&s);
		return -1;
	}
	/* Signals go to the main thread's sigwait, never to a worker. */
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO;
	if (ss.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	struct MHD_OptionItem ops[] = {
		{ MHD_OPTION_SOCK_ADDR, 0, &ss },
		{ MHD_OPTION_URI_LOG_CALLBACK, (intptr_t)on_uri, &s },
		{ MHD_OPTION_NOTIFY_COMPLETED, (intptr_t)on_completed, &s },
		{ MHD_OPTION_CONNECTION_LIMIT, o->max_connections, NULL },
		{ MHD_OPTION_CONNECTION_TIMEOUT, o->timeout_s, NULL },
		{ MHD_OPTION_LISTENING_ADDRESS_REUSE, 1, NULL },
		/* request headers up to 16 kB; the pool is cleared per request, so
		 * a smaller one is faster */
		{ MHD_OPTION_CONNECTION_MEMORY_LIMIT, 16384, NULL },
		{ MHD_OPTION_END, 0, NULL },
	};
	struct MHD_OptionItem pool[] = {
		{ MHD_OPTION_THREAD_POOL_SIZE, o->threads, NULL },
		{ MHD_OPTION_END, 0, NULL },
	};
	struct MHD_Daemon *d = mhd.MHD_start_daemon(
		flags, 0, NULL, NULL, on_request, &s, MHD_OPTION_ARRAY, ops,
		o->threads > 1 ? MHD_OPTION_ARRAY : MHD_OPTION_END, pool, MHD_OPTION_END);
	if (!d) {
		srv_fini(&s);
		return err_set(err, NULL, 0, "cannot listen on %s: %s", o->listen,
		               errno ? strerror(errno) : "libmicrohttpd refused to start");
	}
	const union MHD_DaemonInfo *info = mhd.MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	unsigned port = info ? info->port : 0;
	char base[600];
	if (o->base_uri)
		snprintf(base, sizeof base, "%s", o->base_uri);
	else if (s.scheme.base_uri)
		snprintf(base, sizeof base, "%s", s.scheme.base_uri);
	else
		snprintf(base, sizeof base, ss.ss_family == AF_INET6 ? "http://[%s]:%u/" : "http://%s:%u/",
		         host, port);
	int rc = srv_set_base(&s, base, err);
	struct snap *first = rc ? NULL : snap_acquire(&s, err);
	if (!first) {
		mhd.MHD_stop_daemon(d);
		srv_fini(&s);
		return -1;
	}
	for (size_t i = 0; i < first->v.n; i++)
		if (srv_is_reserved(first->v.items[i].key))
			fprintf(stderr, "glossar serve: concept '%s' is shadowed by the route of that name\n",
			        first->v.items[i].key);
	snap_release(&s, first);
	if (!o->quiet) {
		fprintf(stderr, "glossar serve: listening on %s:%u, base %s (%u threads)\n", host, port,
		        s.base_uri, o->threads);
		fflush(stderr);
	}
	int sig = 0;
	sigwait(&set, &sig);
	mhd.MHD_stop_daemon(d);
	srv_fini(&s);
	if (!o->quiet)
		fprintf(stderr, "glossar serve: stopped (%s)\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
	return 0;
}
