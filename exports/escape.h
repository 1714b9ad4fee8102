/* escape.h - the escapers of the export formats (cmark's houdini files play
 * this part): each appends s to b written safely for one format and one
 * context. Internal to exports/ and its unit tests. All return 0, or -1
 * when memory ran out. */
#ifndef GLOSSAR_ESCAPE_H
#define GLOSSAR_ESCAPE_H

#include "../common/buf.h"

/* HTML text and attribute values: & < > " ' as character references. */
int esc_html(struct buf *b, const char *s);
/* LaTeX text inside a braced argument: # $ % & ~ _ ^ \ { } [ ] " | < > and
 * line breaks written as harmless text, so \input or \write18 stay letters;
 * controls, format characters (U+202E, zero-width), private use and
 * noncharacters dropped, U+2028/U+2029 as spaces, the soft hyphen as \-. */
int esc_latex(struct buf *b, const char *s);
/* A URL inside \href{...}: percent-encoded where LaTeX would read a command,
 * and every byte beyond ASCII. */
int esc_latex_url(struct buf *b, const char *url);
/* Markdown inline text, for CommonMark and Python-Markdown alike: \ ` * _
 * { } [ ] ( ) > # ! backslash-escaped, < & | ~ ^ as character references;
 * line breaks become spaces. */
int esc_md(struct buf *b, const char *s);
/* The inside of a JSON string: " \ and control characters escaped, and
 * < > & U+2028 U+2029 as \uXXXX so the JSON can sit inside <script>. */
int esc_json(struct buf *b, const char *s);
/* The inside of a Turtle "..." string (ECHAR and UCHAR escapes). */
int esc_ttl(struct buf *b, const char *s);
/* An IRI as RDF allows it: characters outside IRIREF (controls, space,
 * < > " { } | ^ ` \) percent-encoded. */
int esc_iri(struct buf *b, const char *s);
/* The text of an XML node: what XML 1.0 cannot hold (C0 controls other than
 * tab, line feed and carriage return, U+FFFE, U+FFFF, invalid UTF-8) dropped.
 * esc_html drops the same; esc_iri percent-encodes it. */
int esc_xml_chars(struct buf *b, const char *s);

/* True for an absolute http, https, ftp or mailto URL: only these become links,
 * never javascript: or data: URLs. */
int esc_is_link(const char *url);
/* True for an absolute http or https IRI with a host: the only IRIs the SKOS
 * export writes (sources, base, licence). */
int esc_is_http_iri(const char *iri);
/* An identifier safe as xml:id, HTML id and LaTeX label: the key when it
 * starts with a letter, else "_" and the key. */
int esc_ident(struct buf *b, const char *key);

#endif
