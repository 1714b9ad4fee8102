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

/* A character beyond ASCII in LaTeX text: what pdflatex cannot typeset and
 * no reader sees - controls, format characters (bidi overrides, zero-width
 * characters), private use and noncharacters - is dropped; line and
 * paragraph separators are spaces; the soft hyphen stays a hyphenation point. */
static int latex_non_ascii(struct buf *b, const unsigned char *p, utf8proc_ssize_t n,
                           utf8proc_int32_t cp)
{
	if (cp == 0xad)
		return buf_puts(b, "\\-");
	/* Common in German text, unknown to pdflatex's utf8 input. */
	if (cp == 0x202f || cp == 0x2007) /* narrow and figure no-break space */
		return buf_puts(b, "\\,");
	if (cp == 0x2212)
		return buf_puts(b, "\\textminus{}");
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_CC: case UTF8PROC_CATEGORY_CF: case UTF8PROC_CATEGORY_CS:
	case UTF8PROC_CATEGORY_CO: case UTF8PROC_CATEGORY_CN:
		return 0;
	case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP:
		return buf_putc(b, ' ');
	case UTF8PROC_CATEGORY_ZS: /* en, em, thin space...: a space; U+00A0 pdflatex knows */
		return cp == 0xa0 ? buf_append(b, p, (size_t)n) : buf_putc(b, ' ');
	default:
		return buf_append(b, p, (size_t)n);
	}
}

int esc_latex(struct buf *b, const char *s)
{
	int rc = 0;
	for (const char *p = s; *p && rc == 0; p++) {
		if ((unsigned char)*p >= 0x80) {
			utf8proc_int32_t cp;
			utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)p, -1, &cp);
			if (n < 1) /* not UTF-8: the byte is dropped */
				continue;
			rc = latex_non_ascii(b, (const unsigned char *)p, n, cp);
			p += n - 1;
			continue;
		}
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
		default:
			/* Other C0 controls and DEL stop pdflatex and show nothing. */
			if ((unsigned char)*p >= 0x20 && *p != 0x7f)
				rc = buf_putc(b, *p);
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
		         *p == '~' || *p == '"' || *p == '<' || *p == '>' || *p >= 0x7f)
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

int esc_is_http_iri(const char *iri)
{
	const char *host = !strncmp(iri, "https://", 8) ? iri + 8
	                 : !strncmp(iri, "http://", 7)  ? iri + 7 : NULL;
	/* Not "http://", "http:///x" or "http://:80/": a host comes first. */
	return host && *host && !strchr("/?#:@", *host);
}

int esc_ident(struct buf *b, const char *key)
{
	if (!isalpha((unsigned char)key[0]) && buf_putc(b, '_'))
		return -1;
	return buf_puts(b, key);
}
