/* fuzz_exports.c - libFuzzer harness for the export writers: the input,
 * split at NUL bytes, fills one concept's fields; every format is written
 * and checked for what escaping promises: the XML outputs (DocBook, TBX,
 * RDF/XML) are well-formed, the HTML page has only its JSON-LD script, and
 * the LaTeX holds no command the writer did not put there. */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <utf8proc.h>

#include "../exports/exports.h"

/* As the importer checks it (utf8proc): no overlong forms, no surrogates. */
static int is_valid_utf8(const char *s)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_ssize_t len = (utf8proc_ssize_t)strlen(s);
	while (len > 0) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate(p, len, &cp);
		if (n <= 0)
			return 0;
		p += n;
		len -= n;
	}
	return 1;
}

static char *render(int kind, const struct kb_vocab *v, const struct gl_list *l, size_t *len)
{
	char *data = NULL;
	FILE *f = open_memstream(&data, len);
	if (!f)
		return NULL;
	struct err err;
	struct skos_options so = { .base_uri = SKOS_DEFAULT_BASE, .license = SKOS_DEFAULT_LICENSE };
	int rc = kind < 5 ? gl_write(f, l, (enum gl_format)kind, NULL, &err)
	         : kind < 8 ? skos_write(f, v, (enum skos_syntax)(kind - 5), &so, &err)
	                    : tbx_write(f, v, &err);
	fclose(f);
	if (rc) {
		free(data);
		return NULL;
	}
	return data;
}

static void check_xml(const char *data, size_t len)
{
	xmlDocPtr doc = xmlReadMemory(data, (int)len, "fuzz.xml", NULL, XML_PARSE_NONET | XML_PARSE_NOERROR |
	                                                             XML_PARSE_NOWARNING);
	if (!doc)
		abort();
	xmlFreeDoc(doc);
}

static void check_latex(const char *data)
{
	static const char *const ours[] = { "newacronym", "newglossaryentry", "emph", "href",
		"textbackslash", "textasciitilde", "textasciicircum", "textquotedbl", "textbar",
		"textless", "textgreater", "textminus", "providecommand", "ifglossaryexists",
		"newglossary", "setacronymstyle", "usepackage", "input", "makeglossaries",
		"printglossaries", NULL };
	for (const char *p = data; (p = strchr(p, '\\')); p++) {
		if (p > data && p[-1] == '%')
			continue;
		const char *q = p + 1;
		if (!isalpha((unsigned char)*q))
			continue; /* \% \# \{ ... */
		size_t n = 0;
		while (isalpha((unsigned char)q[n]))
			n++;
		int known = 0;
		for (int i = 0; ours[i]; i++)
			known |= strlen(ours[i]) == n && !strncmp(ours[i], q, n);
		/* \input, \usepackage and the glossaries steps only in the comment lines of the header. */
		const char *line = p;
		while (line > data && line[-1] != '\n')
			line--;
		int comment_only = !strncmp(q, "input", 5) || !strncmp(q, "usepackage", 10) ||
		                   !strncmp(q, "makeglossaries", 14) || !strncmp(q, "printglossaries", 15);
		if (!known || (comment_only && *line != '%'))
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy = malloc(size + 1);
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	copy[size] = '\0';
	char *f[8];
	size_t n = 0;
	for (char *p = copy; n < 8; n++) {
		f[n] = p;
		size_t k = strlen(p);
		p = (size_t)(p + k - copy) < size ? p + k + 1 : copy + size;
	}
	for (size_t i = 0; i < 8; i++)
		if (!is_valid_utf8(f[i])) { /* the importer refuses invalid UTF-8 */
			free(copy);
			return 0;
		}
	char *abbr[] = { f[1] }, *alt[] = { f[2] };
	struct kb_concept c = { .key = "k", .type = "concept", .pref_label = f[0],
		.abbreviations = { abbr, f[1][0] ? 1 : 0 }, .alt_labels = { alt, f[2][0] ? 1 : 0 },
		.definition = f[3], .source = f[4], .source_url = f[5],
		.status = f[6][0] == 'a' ? "approved" : "draft", .replaced_by = "",
		.modified = "2026-01-01T00:00:00Z" };
	struct kb_vocab v = { &c, 1 };
	struct gl_list l;
	struct err err;
	if (gl_select(&v, NULL, 0, GL_ORDER_ALPHA, 0, GL_LANG_DE, &l, &err) == 0) {
		for (int kind = 0; kind < 9; kind++) {
			size_t len = 0;
			char *out = render(kind, &v, &l, &len);
			if (!out)
				continue;
			if (kind == GL_DOCBOOK || kind == 6 || kind == 8)
				check_xml(out, len);
			if (kind == GL_LATEX)
				check_latex(out);
			if (kind == GL_HTML) {
				const char *s1 = strstr(out, "<script"), *e1 = strstr(out, "</script");
				if (!s1 || !e1 || strstr(s1 + 1, "<script") || strstr(e1 + 1, "</script") ||
				    strstr(out, "<!--"))
					abort();
			}
			free(out);
		}
		gl_list_free(&l);
	}
	free(copy);
	return 0;
}
