/* serve.h - glossar serve: the read-only vocabulary server (HTTP contract of
 * DESIGN.md) on libmicrohttpd. The CLI fills the options and calls
 * serve_run, which returns when SIGTERM or SIGINT arrives. */
#ifndef GLOSSAR_SERVE_H
#define GLOSSAR_SERVE_H

#include <stddef.h>

#include "../common/err.h"

struct serve_options {
	const char *db_path;   /* the knowledge base, opened read-only */
	const char *listen;    /* "ADDR:PORT" (IPv4 or [IPv6]) */
	const char *base_uri;  /* concept IRI = base + key; NULL: http://LISTEN/ */
	const char *title;     /* the scheme's title, NULL for the export's default */
	const char *vocab_id;  /* the Skosmos vocabulary id, "glossar" when NULL */
	unsigned threads;      /* worker threads (libmicrohttpd thread pool) */
	unsigned max_connections;
	unsigned timeout_s;    /* idle connection timeout */
	size_t max_body;       /* POST bodies above this get 413 */
	int quiet;             /* no start-up line on stderr */
	int read_only;         /* no editing even when the KB file is writable */
	int secure_cookies;    /* the session cookie gets Secure (served behind TLS) */
};

void serve_options_init(struct serve_options *o);

/* Runs the server until SIGTERM/SIGINT. Returns 0, or -1 with err filled
 * (bad options, the KB cannot be read, the address is taken). */
int serve_run(const struct serve_options *o, struct err *err);

#endif
