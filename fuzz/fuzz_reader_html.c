/* fuzz_reader_html.c - the html reader and the matcher behind it on any
 * bytes, then deep nesting described by the bytes: elements the bytes choose,
 * nested as deep as the first two bytes say, with OZG at the bottom and EfA
 * after it. Either both are found, or the reader refuses the document with
 * a line: nothing is dropped silently. */
#include "fuzz_common.h"

static const char *const names[] = { "div", "span", "section", "b", "i", "em", "blockquote",
	                             "article", "font", "ul" };

static int count_one(const struct ex_mention *m, void *ctx)
{
	(void)m;
	++*(size_t *)ctx;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_reader(data, size, "html");
	if (size < 3)
		return 0;
	size_t depth = 200 + (((size_t)data[0] << 8) | data[1]) % 6000;
	char *doc = malloc(64 + depth * 30);
	if (!doc)
		return 0;
	size_t len = (size_t)sprintf(doc, "<html><body>\n");
	for (size_t i = 0; i < depth; i++)
		len += (size_t)sprintf(doc + len, "<%s>", names[data[2 + i % (size - 2)] % 10]);
	len += (size_t)sprintf(doc + len, "OZG");
	for (size_t i = depth; i-- > 0;)
		len += (size_t)sprintf(doc + len, "</%s>", names[data[2 + i % (size - 2)] % 10]);
	len += (size_t)sprintf(doc + len, "\n<p>EfA</p></body></html>\n");
	const char *path = fuzz_file((const uint8_t *)doc, len, "html");
	struct ex_options opt = { 0, "html", fuzz_quiet, NULL, NULL, NULL, NULL };
	size_t got = 0;
	struct err err;
	int rc = ex_extract_path(fuzz_gazetteer(), path, &opt, count_one, &got, &err);
	if ((rc == 0 && got != 2) || (rc < 0 && err.line < 1)) {
		fprintf(stderr, "deep html, depth %zu: rc %d, %zu mentions, line %ld\n", depth, rc, got,
		        err.line);
		abort();
	}
	unlink(path);
	free(doc);
	return 0;
}
