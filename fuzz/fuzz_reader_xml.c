/* fuzz_reader_xml.c - the xml reader and the matcher behind it on any bytes,
 * then the element-boundary rule on a document the bytes describe: sibling
 * elements (inline names among them) without text of their own, each holding
 * one word; every label word must come out as its own mention. */
#include "fuzz_common.h"

static const char *const names[] = { "item", "emphasis", "acronym", "b", "span", "para",
	                             "hi", "term", "x:link", "glossterm" };
static const char *const words[] = { "OZG", "EfA", "Text", "", "IT-Planungsrat" };

static int count_one(const struct ex_mention *m, void *ctx)
{
	(void)m;
	++*(size_t *)ctx;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_reader(data, size, "xml");
	if (size > 2000)
		return 0;
	char *doc = malloc(64 + size * 64);
	if (!doc)
		return 0;
	size_t len = (size_t)sprintf(doc, "<doc xmlns:x=\"urn:x\">");
	size_t want = 0;
	for (size_t i = 0; i < size; i++) {
		const char *name = names[data[i] % (sizeof names / sizeof *names)];
		size_t w = (size_t)(data[i] >> 4) % (sizeof words / sizeof *words);
		want += w == 0 || w == 1 || w == 4;
		len += (size_t)sprintf(doc + len, "<%s>%s</%s>", name, words[w], name);
	}
	len += (size_t)sprintf(doc + len, "</doc>");
	const char *path = fuzz_file((const uint8_t *)doc, len, "xml");
	struct ex_options opt = { 0, "xml", fuzz_quiet, NULL, NULL, NULL, NULL };
	size_t got = 0;
	struct err err;
	if (ex_extract_path(fuzz_gazetteer(), path, &opt, count_one, &got, &err) < 0 || got != want) {
		fprintf(stderr, "element boundaries: want %zu mentions, got %zu in %.*s\n", want, got,
		        (int)(len < 400 ? len : 400), doc);
		abort();
	}
	unlink(path);
	free(doc);
	return 0;
}
