/* cmd_serve.c - glossar serve: options and messages; the server is serve/. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../serve/serve.h"
#include "cli.h"

static const char help[] =
	"usage: glossar [--db PATH] serve [--listen ADDR:PORT] [--base-uri URI] [options]\n"
	"\n"
	"Serves the knowledge base read-only over HTTP: concept pages at their URIs\n"
	"(BASE + key; HTML, or Turtle, JSON-LD and RDF/XML by content negotiation),\n"
	"search, whole-vocabulary dumps, a Skosmos-compatible REST API under rest/v1/,\n"
	"and term tagging (POST api/extract, api/appendix). A change made with\n"
	"'glossar term ...' shows on the next request. SIGTERM or Ctrl-C stops it.\n"
	"\n"
	"  --listen ADDR:PORT   address to listen on (default 127.0.0.1:8080; port 0 picks one)\n"
	"  --base-uri URI       concept IRI = URI + key; its path is the mount point\n"
	"                       (default http://ADDR:PORT/)\n"
	"  --title TEXT         the vocabulary's title (default: Glossar Verwaltungsdigitalisierung)\n"
	"  --vocab-id ID        the Skosmos vocabulary id (default glossar)\n"
	"  --threads N          worker threads (default 4)\n"
	"  --max-connections N  connections at once (default 256)\n"
	"  --timeout SECONDS    idle connections are closed after this (default 15)\n"
	"  --max-body BYTES     larger POST bodies get 413 (default 10485760, 10 MB)\n"
	"  --quiet              no start and stop lines on stderr\n"
	"  --read-only          no editing, even when the knowledge base is writable\n"
	"  --secure-cookies     mark the session cookie Secure (when served behind TLS)\n"
	"\n"
	"Editing: logged-in users (glossar user add) edit, review and approve at\n"
	"BASE/edit/ (login at BASE/login); see docs/editing.md.\n"
	"\n"
	"examples:\n"
	"  glossar serve\n"
	"  glossar serve --listen 127.0.0.1:8080 --base-uri https://daten.example.de/glossar/\n"
	"  curl -H 'Accept: text/turtle' http://127.0.0.1:8080/ozg\n"
	"  curl --data-binary @bericht.md -H 'Content-Type: text/markdown' \\\n"
	"       http://127.0.0.1:8080/api/extract\n";

static int parse_uint(const char *s, unsigned long max, unsigned long *out)
{
	char *end;
	unsigned long v = strtoul(s, &end, 10);
	if (!*s || *end || v == 0 || v > max || s[0] == '-')
		return -1;
	*out = v;
	return 0;
}

int cmd_serve(struct cli *cli, int argc, char **argv)
{
	enum { OPT_LISTEN = 256, OPT_BASE, OPT_TITLE, OPT_VOCAB, OPT_THREADS, OPT_MAXCONN,
	       OPT_TIMEOUT, OPT_MAXBODY, OPT_QUIET, OPT_READONLY, OPT_SECURE };
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "listen", required_argument, NULL, OPT_LISTEN },
		{ "base-uri", required_argument, NULL, OPT_BASE },
		{ "title", required_argument, NULL, OPT_TITLE },
		{ "vocab-id", required_argument, NULL, OPT_VOCAB },
		{ "threads", required_argument, NULL, OPT_THREADS },
		{ "max-connections", required_argument, NULL, OPT_MAXCONN },
		{ "timeout", required_argument, NULL, OPT_TIMEOUT },
		{ "max-body", required_argument, NULL, OPT_MAXBODY },
		{ "quiet", no_argument, NULL, OPT_QUIET },
		{ "read-only", no_argument, NULL, OPT_READONLY },
		{ "secure-cookies", no_argument, NULL, OPT_SECURE },
		{ NULL, 0, NULL, 0 },
	};
	struct serve_options o;
	serve_options_init(&o);
	o.db_path = cli->db_path;
	unsigned long v;
	int c;
	optind = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'h': return cli_help(help);
		case OPT_LISTEN: o.listen = optarg; break;
		case OPT_BASE: o.base_uri = optarg; break;
		case OPT_TITLE: o.title = optarg; break;
		case OPT_VOCAB:
			if (!kb_is_valid_key(optarg))
				return cli_usage_error("serve", "--vocab-id '%s': letters, digits and '-'", optarg);
			o.vocab_id = optarg;
			break;
		case OPT_THREADS:
			if (parse_uint(optarg, 256, &v) < 0)
				return cli_usage_error("serve", "--threads '%s': a number from 1 to 256", optarg);
			o.threads = (unsigned)v;
			break;
		case OPT_MAXCONN:
			if (parse_uint(optarg, 100000, &v) < 0)
				return cli_usage_error("serve", "--max-connections '%s': a number from 1 to 100000", optarg);
			o.max_connections = (unsigned)v;
			break;
		case OPT_TIMEOUT:
			if (parse_uint(optarg, 86400, &v) < 0)
				return cli_usage_error("serve", "--timeout '%s': seconds, 1 to 86400", optarg);
			o.timeout_s = (unsigned)v;
			break;
		case OPT_MAXBODY:
			if (parse_uint(optarg, 1ul << 31, &v) < 0)
				return cli_usage_error("serve", "--max-body '%s': bytes, 1 to 2147483648", optarg);
			o.max_body = v;
			break;
		case OPT_QUIET: o.quiet = 1; break;
		case OPT_READONLY: o.read_only = 1; break;
		case OPT_SECURE: o.secure_cookies = 1; break;
		default: return cli_usage_error("serve", "unknown option");
		}
	}
	if (optind != argc)
		return cli_usage_error("serve", "unexpected argument '%s'", argv[optind]);
	if (!*o.db_path)
		return cli_usage_error("serve", "an empty --db path");
	struct err err = { "", 0, "" };
	if (serve_run(&o, &err) < 0)
		return cli_fail(&err);
	return EXIT_OK;
}
