/* fuzz_citation.c - libFuzzer harness for the legal-citation parser and law
 * resolution: any bytes, no crash, spans inside the input, URLs well formed. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../extract/discover.h"

static size_t input_len;
static struct dc_laws *laws;

static int on_citation(const char *text, const struct dc_citation *c, void *ctx)
{
	(void)ctx;
	if (c->span.end > input_len || c->law.end > input_len || c->span.start >= c->span.end)
		abort();
	struct buf b = BUF_INIT;
	dc_citation_unit(c, &b);
	const char *slug = dc_laws_resolve(laws, text, c->law);
	if (slug && dc_citation_url(c, slug, &b) < 0)
		abort();
	buf_free(&b);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!laws) {
		laws = dc_laws_new();
		dc_laws_add(laws, "Grundgesetz für die Bundesrepublik Deutschland", "gg");
		dc_laws_add(laws, "GG", "gg");
		dc_laws_add(laws, "OZG", "ozg");
		dc_laws_add(laws, "Onlinezugangsgesetz", "ozg");
	}
	char *text = malloc(size ? size : 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	input_len = size;
	dc_citation_scan(text, size, on_citation, NULL);
	free(text);
	return 0;
}
