/* escape.c - one escaping function per output format and context (escape.h).
 * Every string from the knowledge base passes through one of these on its
 * way into HTML, LaTeX, Markdown, JSON, Turtle or XML. */
#include <ctype.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "escape.h"

/* XML 1.0's Char production: tab, line feed, carriage return, and the rest
 * of Unicode but C0 controls, surrogates, U+FFFE and U+FFFF. */
static int is_xml_char(utf8proc_int32_t cp)
{
	return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
	       (cp >= 0xE000 && cp <= 0xFFFD) || cp >= 0x10000;
}

/* The code point at p: its length in bytes (an invalid UTF-8 byte counts as
 * one) and whether XML can hold it. */
static size_t xml_char_at(const unsigned char *p, int *is_xml)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t k = utf8proc_iterate(p, -1, &cp);
	if (k <= 0) {
		*is_xml = 0;
		return 1;
	}
	*is_xml = is_xml_char(cp);
	return (size_t)k;
}

int esc_html(struct buf *b, const char *s)
{
	int rc = 0;
	for (const char *p = s; *p && rc == 0; p++) {
		switch (*p) {
		case '&': rc = buf_puts(b, "&amp;"); break;
		case '<': rc = buf_puts(b, "&lt;"); break;
		case '>': rc = buf_puts(b, "&gt;"); break;
		case '"': rc = buf_puts(b, "&quot;"); break;
		case '\'': rc = buf_puts(b, "&#39;"); break;
		default: {
			/* what XML 1.0 forbids is no HTML character either: dropped */
			int ok = 1;
			size_t k = (unsigned char)*p < 0x20 || (unsigned char)*p >= 0x80
			               ? xml_char_at((const unsigned char *)p, &ok) : 1;
			if (ok)
				rc = buf_append(b, p, k);
			p += k - 1;
		}
		}
	}
	return rc;
}

int esc_latex(struct buf *b, const char *s)
{
	int rc = 0;
	for (const char *p = s; *p && rc == 0; p++) {
		switch (*p) {
		case '#': case '$': case '%': case '&': case '_': case '{': case '}':
			rc = buf_putc(b, '\\') || buf_putc(b, *p);
			break;
		case '\\': rc = buf_puts(b, "\\textbackslash{}"); break;
		case '~': rc = buf_puts(b, "\\textasciitilde{}"); break;
		case '^': rc = buf_puts(b, "\\textasciicircum{}"); break;
		/* Braced, brackets cannot end an optional argument. */
		case '[': rc = buf_puts(b, "{[}"); break;
		case ']': rc = buf_puts(b, "{]}"); break;
		/* '"' is a shorthand under babel's ngerman; | < > are not text in OT1. */
		case '"': rc = buf_puts(b, "\\textquotedbl{}"); break;
		case '|': rc = buf_puts(b, "\\textbar{}"); break;
		case '<': rc = buf_puts(b, "\\textless{}"); break;
		case '>': rc = buf_puts(b, "\\textgreater{}"); break;
		/* A blank line would end the paragraph inside an argument. */
		case '\r': case '\n': case '\t': rc = buf_putc(b, ' '); break;
		default: rc = buf_putc(b, *p);
		}
	}
	return rc;
}

int esc_latex_url(struct buf *b, const char *url)
{
	int rc = 0;
	for (const unsigned char *p = (const unsigned char *)url; *p && rc == 0; p++) {
		if (*p == '%' || *p == '#')
			rc = buf_putc(b, '\\') || buf_putc(b, *p);
		else if (*p <= ' ' || *p == '\\' || *p == '{' || *p == '}' || *p == '^' ||
		         *p == '~' || *p == '"' || *p == '<' || *p == '>' || *p == 0x7f)
			rc = buf_printf(b, "\\%%%02X", *p);
		else
			rc = buf_putc(b, *p);
	}
	return rc;
}

int esc_md(struct buf *b, const char *s)
{
	/* Backslash escapes only where CommonMark and Python-Markdown (MkDocs)
	 * both honour them; the rest as character references, which both decode. */
	int rc = 0;
	for (const char *p = s; *p && rc == 0; p++) {
		switch (*p) {
		case '\r': case '\n': case '\t': rc = buf_putc(b, ' '); break;
		case '<': rc = buf_puts(b, "&lt;"); break;
		case '&': rc = buf_puts(b, "&amp;"); break;
		case '|': rc = buf_puts(b, "&#124;"); break;
		case '~': rc = buf_puts(b, "&#126;"); break;
		case '^': rc = buf_puts(b, "&#94;"); break;
		default:
			if (strchr("\\`*_{}[]()>#!", *p))
				rc = buf_putc(b, '\\') || buf_putc(b, *p);
			else
				rc = buf_putc(b, *p);
		}
	}
	return rc;
}

int esc_json(struct buf *b, const char *s)
{
	int rc = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p && rc == 0; p++) {
		switch (*p) {
		case '"': rc = buf_puts(b, "\\\""); break;
		case '\\': rc = buf_puts(b, "\\\\"); break;
		case '\n': rc = buf_puts(b, "\\n"); break;
		case '\r': rc = buf_puts(b, "\\r"); break;
		case '\t': rc = buf_puts(b, "\\t"); break;
		/* So that neither </script> nor <!-- can end or hide a script element. */
		case '<': case '>': case '&': rc = buf_printf(b, "\\u%04x", *p); break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				rc = buf_printf(b, "\\u%04x", *p);
			else if (p[0] == 0xe2 && p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9)) {
				/* U+2028/U+2029 end a line in JavaScript. */
				rc = buf_printf(b, "\\u%04x", p[2] == 0xa8 ? 0x2028 : 0x2029);
				p += 2;
			} else
				rc = buf_putc(b, *p);
		}
	}
	return rc;
}

int esc_ttl(struct buf *b, const char *s)
{
	int rc = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p && rc == 0; p++) {
		switch (*p) {
		case '"': rc = buf_puts(b, "\\\""); break;
		case '\\': rc = buf_puts(b, "\\\\"); break;
		case '\n': rc = buf_puts(b, "\\n"); break;
		case '\r': rc = buf_puts(b, "\\r"); break;
		case '\t': rc = buf_puts(b, "\\t"); break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				rc = buf_printf(b, "\\u%04X", *p);
			else
				rc = buf_putc(b, *p);
		}
	}
	return rc;
}

int esc_iri(struct buf *b, const char *s)
{
	int rc = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p && rc == 0; p++) {
		int ok = 1;
		size_t k = *p >= 0x80 ? xml_char_at(p, &ok) : 1;
		if (*p <= ' ' || *p == 0x7f || strchr("<>\"{}|^`\\", *p))
			rc = buf_printf(b, "%%%02X", *p);
		else if (!ok) /* no IRI character, and no XML one: percent-encoded */
			for (size_t i = 0; i < k && rc == 0; i++)
				rc = buf_printf(b, "%%%02X", p[i]);
		else
			rc = buf_append(b, p, k);
		p += k - 1;
	}
	return rc;
}

int esc_xml_chars(struct buf *b, const char *s)
{
	int rc = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p && rc == 0; p++) {
		int ok = 1;
		size_t k = *p < 0x20 || *p >= 0x80 ? xml_char_at(p, &ok) : 1;
		if (ok)
			rc = buf_append(b, p, k);
		p += k - 1;
	}
	return rc;
}

int esc_is_link(const char *url)
{
	static const char *const schemes[] = { "http://", "https://", "ftp://", "mailto:", NULL };
	for (int i = 0; schemes[i]; i++) {
		size_t n = strlen(schemes[i]);
		if (!strncasecmp(url, schemes[i], n) && url[n])
			return 1;
	}
	return 0;
}

int esc_ident(struct buf *b, const char *key)
{
	if (!isalpha((unsigned char)key[0]) && buf_putc(b, '_'))
		return -1;
	return buf_puts(b, key);
}
