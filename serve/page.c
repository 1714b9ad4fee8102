/* page.c - the page writer (Fossil's habit: escaping lives in the
 * formatter, %h for HTML, %u for URLs, %j for JSON strings), the page
 * template (header with the search form, footer) and the two static assets:
 * the style sheet and the small script that adds autocomplete. Pages work
 * without the script; the CSP forbids inline script and style. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "../exports/escape.h"
#include "srv.h"

int pg_urlencode(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		int c = *p;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_' || c == '.' || c == '~') {
			if (buf_putc(b, c) < 0)
				return -1;
		} else if (buf_putc(b, '%') < 0 || buf_putc(b, hex[c >> 4]) < 0 ||
		           buf_putc(b, hex[c & 15]) < 0) {
			return -1;
		}
	}
	return 0;
}

int pg_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = 0;
	for (const char *p = fmt; *p && rc == 0; p++) {
		const char *pct = strchr(p, '%');
		size_t n = pct ? (size_t)(pct - p) : strlen(p);
		if (n)
			rc = buf_append(b, p, n);
		if (!pct || rc)
			break;
		p = pct + 1;
		switch (*p) {
		case 's': rc = buf_puts(b, va_arg(ap, const char *)); break;
		case 'h': {
			const char *s = va_arg(ap, const char *);
			rc = esc_html(b, s ? s : "");
			break;
		}
		case 'u': {
			const char *s = va_arg(ap, const char *);
			rc = pg_urlencode(b, s ? s : "");
			break;
		}
		case 'j': {
			const char *s = va_arg(ap, const char *);
			rc = esc_json(b, s ? s : "");
			break;
		}
		case 'd': rc = buf_printf(b, "%d", va_arg(ap, int)); break;
		case 'z':
			p++; /* %zu */
			rc = buf_printf(b, "%zu", va_arg(ap, size_t));
			break;
		case 'l':
			if (p[1] == 'l') {
				p += 2; /* %lld */
				rc = buf_printf(b, "%lld", va_arg(ap, long long));
			} else {
				p++; /* %ld */
				rc = buf_printf(b, "%ld", va_arg(ap, long));
			}
			break;
		case '%': rc = buf_putc(b, '%'); break;
		default: rc = -1; /* a format this writer does not know is a bug */
		}
		if (!*p)
			break;
	}
	va_end(ap);
	return rc;
}

int pg_begin(struct req *r, const char *title)
{
	const char *m = r->srv->mount;
	const char *q = r->path && !strcmp(r->path, "search") ? req_param(r, "q") : NULL;
	return pg_printf(&r->out,
		"<!DOCTYPE html>\n<html lang=\"de\">\n<head>\n<meta charset=\"utf-8\">\n"
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		"<title>%h – %h</title>\n"
		"<link rel=\"stylesheet\" href=\"%hstatic/style.css\">\n"
		"<script src=\"%hstatic/app.js\" defer></script>\n"
		"</head>\n<body>\n"
		"<a class=\"skip\" href=\"#inhalt\">Zum Inhalt springen</a>\n"
		"<header>\n<p class=\"site\"><a href=\"%h\">%h</a></p>\n"
		"<form role=\"search\" action=\"%hsearch\" method=\"get\">\n"
		"<label for=\"q\">Begriff suchen</label>\n"
		"<input id=\"q\" name=\"q\" type=\"search\" value=\"%h\" autocomplete=\"off\" "
		"list=\"vorschlaege\" data-suggest=\"%hapi/suggest\">\n"
		"<datalist id=\"vorschlaege\"></datalist>\n"
		"<button type=\"submit\">Suchen</button>\n</form>\n</header>\n"
		"<main id=\"inhalt\">\n",
		title, r->snap ? r->snap->title : "Glossar", m, m, m,
		r->snap ? r->snap->title : "Glossar", m, q ? q : "", m);
}

int pg_end(struct req *r)
{
	const char *m = r->srv->mount;
	int rc = pg_printf(&r->out,
		"</main>\n<footer>\n<p>Daten: <a href=\"%hexport.ttl\">Turtle</a> · "
		"<a href=\"%hexport.rdf\">RDF/XML</a> · <a href=\"%hexport.jsonld\">JSON-LD</a> · "
		"<a href=\"%hexport.csv\">CSV</a> · <a href=\"%hexport.tbx\">TBX</a> · "
		"API: <a href=\"%hrest/v1/%u/topConcepts\">Skosmos-REST</a></p>\n"
		"</footer>\n</body>\n</html>\n",
		m, m, m, m, m, m, r->srv->vocab_id);
	r->status = 200;
	r->ctype = "text/html; charset=utf-8";
	return rc;
}

static const char style_css[] =
	":root{--fg:#1b1b1b;--bg:#fff;--link:#0b4f9c;--muted:#555;--line:#d0d7de}\n"
	"body{font:16px/1.5 system-ui,sans-serif;color:var(--fg);background:var(--bg);margin:0}\n"
	"header,main,footer{max-width:60rem;margin:0 auto;padding:0 1rem}\n"
	"header{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;justify-content:space-between;"
	"border-bottom:1px solid var(--line)}\n"
	".site a{font-weight:bold;text-decoration:none}\n"
	"a{color:var(--link)}a:focus,button:focus,input:focus{outline:3px solid #f0a500;outline-offset:2px}\n"
	".skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem}\n"
	"form label{position:absolute;left:-999px}\n"
	"input[type=search]{font:inherit;padding:.3rem;width:16rem}button{font:inherit}\n"
	"dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem}\n"
	"dl.facts dt{font-weight:bold}dl.facts dd{margin:0}\n"
	".status{display:inline-block;padding:0 .4rem;border:1px solid var(--line);border-radius:.3rem}\n"
	".deprecated{background:#fff3cd;border:1px solid #e0c060;padding:.5rem 1rem}\n"
	"nav.az ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.4rem}\n"
	"nav.az a{display:inline-block;min-width:1.6rem;text-align:center;border:1px solid var(--line)}\n"
	"table{border-collapse:collapse}td,th{border-bottom:1px solid var(--line);padding:.2rem .6rem;"
	"text-align:left}\n"
	"figure img{max-width:100%;height:auto}\n"
	"footer{border-top:1px solid var(--line);margin-top:2rem;color:var(--muted);font-size:.9rem}\n";

/* Autocomplete as progressive enhancement: fills the datalist from
 * api/suggest; without it the form simply submits. No HTML is built from
 * answers: option values are set as properties. */
static const char app_js[] =
	"'use strict';\n"
	"(function () {\n"
	"  var input = document.getElementById('q');\n"
	"  var list = document.getElementById('vorschlaege');\n"
	"  if (!input || !list || !window.fetch) return;\n"
	"  var timer = null;\n"
	"  input.addEventListener('input', function () {\n"
	"    clearTimeout(timer);\n"
	"    var q = input.value;\n"
	"    if (q.length < 2) return;\n"
	"    timer = setTimeout(function () {\n"
	"      fetch(input.getAttribute('data-suggest') + '?q=' + encodeURIComponent(q))\n"
	"        .then(function (r) { return r.ok ? r.json() : []; })\n"
	"        .then(function (items) {\n"
	"          while (list.firstChild) list.removeChild(list.firstChild);\n"
	"          items.forEach(function (it) {\n"
	"            var o = document.createElement('option');\n"
	"            o.value = it.label;\n"
	"            list.appendChild(o);\n"
	"          });\n"
	"        }).catch(function () {});\n"
	"    }, 150);\n"
	"  });\n"
	"})();\n";

void h_style(struct req *r)
{
	r->status = 200;
	r->ctype = "text/css; charset=utf-8";
	r->out_ref = style_css;
	r->out_ref_len = sizeof style_css - 1;
	r->is_cacheable = 1;
	r->variant = "css";
}

void h_script(struct req *r)
{
	r->status = 200;
	r->ctype = "text/javascript; charset=utf-8";
	r->out_ref = app_js;
	r->out_ref_len = sizeof app_js - 1;
	r->is_cacheable = 1;
	r->variant = "js";
}
