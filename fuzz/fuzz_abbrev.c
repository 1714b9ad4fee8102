/* fuzz_abbrev.c - libFuzzer harness for the abbreviation finder and the
 * other text finders of discover.h (acronyms, sentences, definitions, the
 * base form of a long form):
 * any bytes, no crash, no read outside the input, spans inside it. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../extract/discover.h"

static size_t input_len;

static int on_abbrev(const char *text, const struct dc_abbrev *a, void *ctx)
{
	(void)ctx;
	if (a->short_form.end > input_len || a->long_form.end > input_len ||
	    a->short_form.start > a->short_form.end || a->long_form.start > a->long_form.end)
		abort();
	struct buf b = BUF_INIT;
	dc_clean(text, a->long_form, &b);
	/* the base form discover offers, after each kind of article */
	static const char *const articles[] = { "des", "der", "im", "die", "das", "" };
	for (size_t i = 0; i < sizeof articles / sizeof articles[0]; i++) {
		struct buf base = BUF_INIT;
		dc_base_form(articles[i], buf_cstr(&b), &base);
		buf_free(&base);
	}
	buf_free(&b);
	return 0;
}

static int on_span(const char *text, struct dc_span s, void *ctx)
{
	(void)text;
	(void)ctx;
	if (s.end > input_len || s.start > s.end)
		abort();
	return 0;
}

static int on_definition(const char *text, const struct dc_definition *d, void *ctx)
{
	(void)text;
	(void)ctx;
	if (d->term.end > input_len || d->sentence.end > input_len)
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* The finders read (text, len) and never past it: no terminator given. */
	char *text = malloc(size ? size : 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	input_len = size;
	dc_abbrev_scan(text, size, on_abbrev, NULL);
	dc_acronym_scan(text, size, on_span, NULL);
	dc_definition_scan(text, size, on_definition, NULL);
	if (size > 1)
		dc_abbrev_explains(text, size / 2, text + size / 2, size - size / 2);
	free(text);
	return 0;
}
