/* test_escape.c - every export format's escaper on hostile strings, the
 * link and identifier rules, and the German dictionary order. */
#include "../../exports/escape.h"
#include "../../exports/exports.h"
#include "test.h"

typedef int (*escaper)(struct buf *, const char *);

static const char *run(escaper f, const char *in)
{
	static struct buf b = BUF_INIT;
	buf_reset(&b);
	if (f(&b, in) != 0)
		return NULL;
	return buf_cstr(&b);
}

static void test_html_escapes_markup_and_quotes(void)
{
	CHECK_STR(run(esc_html, "</script><img src=x onerror=\"a('1')\">&amp;"),
	          "&lt;/script&gt;&lt;img src=x onerror=&quot;a(&#39;1&#39;)&quot;&gt;&amp;amp;");
	CHECK_STR(run(esc_html, "]]> ä ß"), "]]&gt; ä ß");
}

static void test_latex_makes_commands_harmless(void)
{
	CHECK_STR(run(esc_latex, "\\input{/etc/passwd}"), "\\textbackslash{}input\\{/etc/passwd\\}");
	CHECK_STR(run(esc_latex, "\\write18{rm -rf}"), "\\textbackslash{}write18\\{rm -rf\\}");
	CHECK_STR(run(esc_latex, "# $ % & ~ _ ^"),
	          "\\# \\$ \\% \\& \\textasciitilde{} \\_ \\textasciicircum{}");
	CHECK_STR(run(esc_latex, "[opt]"), "{[}opt{]}");
	CHECK_STR(run(esc_latex, "\"\"\" a|b <c>"),
	          "\\textquotedbl{}\\textquotedbl{}\\textquotedbl{} a\\textbar{}b \\textless{}c\\textgreater{}");
	CHECK_STR(run(esc_latex, "eins\n\nzwei"), "eins  zwei");
	/* No backslash survives that is not one of ours. */
	const char *s = run(esc_latex, "\\\\\\");
	CHECK_STR(s, "\\textbackslash{}\\textbackslash{}\\textbackslash{}");
}

static void test_latex_drops_invisible_controls(void)
{
	/* C0 and C1 controls, DEL, bidi overrides and zero-width characters stop
	 * pdflatex ("not set up for use with LaTeX") or hide text: dropped. */
	CHECK_STR(run(esc_latex, "a\x01" "b\x1b" "Xc\x7f"), "abXc");
	CHECK_STR(run(esc_latex, "a\xc2\x85" "b\xc2\x9f" "c"), "abc");
	CHECK_STR(run(esc_latex, "evil\xe2\x80\xae" "txt.exe"), "eviltxt.exe");
	CHECK_STR(run(esc_latex, "a\xe2\x80\x8b" "b\xe2\x80\x8d" "c\xe2\x81\xa6" "d\xef\xbb\xbf" "e"),
	          "abcde");
	/* Line and paragraph separators are white space. */
	CHECK_STR(run(esc_latex, "eins\xe2\x80\xa8" "zwei\xe2\x80\xa9" "drei"), "eins zwei drei");
	/* Noncharacters carry nothing. */
	CHECK_STR(run(esc_latex, "a\xef\xbf\xbe" "b\xef\xbf\xbf" "c"), "abc");
	/* Spaces pdflatex does not know: thin no-break as \, the others plain. */
	CHECK_STR(run(esc_latex, "z.\xe2\x80\xaf" "B. a\xe2\x80\x89" "b\xc2\xa0" "c"), "z.\\,B. a b\xc2\xa0" "c");
	CHECK_STR(run(esc_latex, "5 \xe2\x88\x92" "3"), "5 \\textminus{}3");
	/* The soft hyphen stays a hyphenation point; text and umlauts stay. */
	CHECK_STR(run(esc_latex, "Verwal\xc2\xad" "tung \xc3\xa4\xc3\x9f \xc2\xa7 1"),
	          "Verwal\\-tung \xc3\xa4\xc3\x9f \xc2\xa7 1");
}

static void test_latex_url_escapes_hash_and_percent(void)
{
	CHECK_STR(run(esc_latex_url, "https://x.de/a%20b#c"), "https://x.de/a\\%20b\\#c");
	CHECK_STR(run(esc_latex_url, "https://x.de/{a}\\b c"), "https://x.de/\\%7Ba\\%7D\\%5Cb\\%20c");
	/* Bytes beyond ASCII (U+202E here) percent-encoded, as an IRI becomes a URI. */
	CHECK_STR(run(esc_latex_url, "https://x.de/\xe2\x80\xae" "\x01"), "https://x.de/\\%E2\\%80\\%AE\\%01");
}

static void test_md_escapes_markup_and_joins_lines(void)
{
	CHECK_STR(run(esc_md, "*a* _b_ [c](d) <e> `f` #g \\h !i |j &k ~~l~~ ^m"),
	          "\\*a\\* \\_b\\_ \\[c\\]\\(d\\) &lt;e\\> \\`f\\` \\#g \\\\h \\!i &#124;j &amp;k "
	          "&#126;&#126;l&#126;&#126; &#94;m");
	CHECK_STR(run(esc_md, "</script><img src=x onerror=alert(1)>"),
	          "&lt;/script\\>&lt;img src=x onerror=alert\\(1\\)\\>");
	CHECK_STR(run(esc_md, "eins\nzwei\r\ndrei"), "eins zwei  drei");
	CHECK_STR(run(esc_md, "Straße 1. Ä-Ö"), "Straße 1. Ä-Ö");
}

static void test_json_escapes_script_end_and_comment(void)
{
	CHECK_STR(run(esc_json, "</script><!--"), "\\u003c/script\\u003e\\u003c!--");
	CHECK_STR(run(esc_json, "\"\\\n\t\x01&"), "\\\"\\\\\\n\\t\\u0001\\u0026");
	CHECK_STR(run(esc_json, "a\xE2\x80\xA8" "b"), "a\\u2028b");
	CHECK_STR(run(esc_json, "ä"), "ä");
}

static void test_turtle_escapes_quotes_and_controls(void)
{
	CHECK_STR(run(esc_ttl, "\"\"\"x\"\"\""), "\\\"\\\"\\\"x\\\"\\\"\\\"");
	CHECK_STR(run(esc_ttl, "a\\b\nc\rd\te\x01"), "a\\\\b\\nc\\rd\\te\\u0001");
	CHECK_STR(run(esc_ttl, "<>&%#{} ä"), "<>&%#{} ä");
}

static void test_iri_percent_encodes_forbidden(void)
{
	CHECK_STR(run(esc_iri, "https://x.de/a b<c>\"d\"{e}|f^g`h\\i"),
	          "https://x.de/a%20b%3Cc%3E%22d%22%7Be%7D%7Cf%5Eg%60h%5Ci");
	CHECK_STR(run(esc_iri, "https://x.de/ä?x=1&y=2#z"), "https://x.de/ä?x=1&y=2#z");
}

static void test_xml_chars_drops_controls(void)
{
	CHECK_STR(run(esc_xml_chars, "a\x01" "b\x1f" "c\td\ne"), "abc\td\ne");
}

static void test_only_web_urls_are_links(void)
{
	CHECK(esc_is_link("https://www.gesetze-im-internet.de/ozg/"));
	CHECK(esc_is_link("HTTP://x.de"));
	CHECK(esc_is_link("mailto:a@b.de"));
	CHECK(!esc_is_link("javascript:alert(1)"));
	CHECK(!esc_is_link("data:text/html,<script>"));
	CHECK(!esc_is_link("https://"));
	CHECK(!esc_is_link(""));
	CHECK(!esc_is_link("/relative"));
}

static void test_ident_starts_with_a_letter(void)
{
	CHECK_STR(run(esc_ident, "ozg"), "ozg");
	CHECK_STR(run(esc_ident, "91c-gg"), "_91c-gg");
}

static void test_din_5007_order(void)
{
	CHECK(gl_collate("Äpfel", "Apfelsaft") < 0);   /* ä as a: "apfel" < "apfelsaft" */
	CHECK(gl_collate("Apfel", "Äpfel") != 0);      /* ties broken, never equal */
	CHECK(gl_collate("Straße", "Strasse") != 0);
	CHECK(gl_collate("Straße", "Strassen") < 0);   /* ß as ss */
	CHECK(gl_collate("Ozg", "OZG") != 0);
	CHECK(gl_collate("behörde", "Bund") < 0);      /* case ignored */
	CHECK(gl_collate("Öffentlich", "Online") < 0); /* ö as o: "of" < "on" */
	CHECK(gl_collate("Zweck", "Übersicht") > 0);   /* not after z as in byte order */
}

static void test_skos_base_must_be_absolute_http_and_end_in_slash(void)
{
	CHECK(skos_base_is_valid("https://example.org/glossar/"));
	CHECK(skos_base_is_valid("http://example.org/"));
	CHECK(!skos_base_is_valid("urn:x:glossar/"));
	CHECK(!skos_base_is_valid("javascript:alert(1)/"));
	CHECK(!skos_base_is_valid("file:///etc/"));
	CHECK(!skos_base_is_valid("https:///"));
	CHECK(!skos_base_is_valid("https://:80/"));
	CHECK(!skos_base_is_valid("https://example.org/glossar"));
	CHECK(!skos_base_is_valid("https://example.org/glossar#"));
	CHECK(!skos_base_is_valid("glossar/"));
	CHECK(!skos_base_is_valid("https://example.org/a b/"));
	CHECK(!skos_base_is_valid("https://example.org/<x>/"));
}

static void test_skos_iris_are_http_with_a_host(void)
{
	CHECK(esc_is_http_iri("https://www.gesetze-im-internet.de/ozg/"));
	CHECK(esc_is_http_iri("http://x.example"));
	CHECK(!esc_is_http_iri("javascript:alert(1)"));
	CHECK(!esc_is_http_iri("data:text/html,x"));
	CHECK(!esc_is_http_iri("vbscript:x"));
	CHECK(!esc_is_http_iri("file:///etc/passwd"));
	CHECK(!esc_is_http_iri("ftp://example.org/"));
	CHECK(!esc_is_http_iri("http:"));
	CHECK(!esc_is_http_iri("https://"));
	CHECK(!esc_is_http_iri("http:/x"));
	CHECK(!esc_is_http_iri("//example.org/"));
	CHECK(skos_iri_is_valid("https://creativecommons.org/licenses/by/4.0/"));
	CHECK(!skos_iri_is_valid("https://example.org/a b"));
	CHECK(!skos_iri_is_valid("javascript:alert(1)"));
}

int main(void)
{
	RUN(test_html_escapes_markup_and_quotes);
	RUN(test_latex_makes_commands_harmless);
	RUN(test_latex_drops_invisible_controls);
	RUN(test_latex_url_escapes_hash_and_percent);
	RUN(test_md_escapes_markup_and_joins_lines);
	RUN(test_json_escapes_script_end_and_comment);
	RUN(test_turtle_escapes_quotes_and_controls);
	RUN(test_iri_percent_encodes_forbidden);
	RUN(test_xml_chars_drops_controls);
	RUN(test_only_web_urls_are_links);
	RUN(test_ident_starts_with_a_letter);
	RUN(test_din_5007_order);
	RUN(test_skos_base_must_be_absolute_http_and_end_in_slash);
	RUN(test_skos_iris_are_http_with_a_host);
	TEST_END();
}
