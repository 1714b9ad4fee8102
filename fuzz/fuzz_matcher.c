/* fuzz_matcher.c - the gazetteer: labels from the first lines of the input,
 * matched over the rest; the compiled form round-trips and a mangled
 * compiled file is refused or matches without reading out of bounds. */
#include "../extract/gz_internal.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy = malloc(size + 1);
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	copy[size] = 0;
	/* up to 8 labels, one a line, then the text after an empty line */
	struct gz_label labels[8];
	size_t n = 0;
	char *p = copy, *text = copy + size;
	while (n < 8 && p < copy + size) {
		char *nl = memchr(p, '\n', (size_t)(copy + size - p));
		if (!nl)
			break;
		*nl = 0;
		if (nl == p) {
			text = nl + 1;
			break;
		}
		labels[n] = (struct gz_label){ p, n % 2 ? "a" : "b", GZ_PREF,
			                       (unsigned)((unsigned char)*p % 4) };
		n++;
		p = nl + 1;
		text = p;
	}
	size_t text_len = strlen(text);
	struct err err;
	struct gz *gz = gz_compile(labels, n, &err);
	if (gz) {
		struct nz z;
		nz_init(&z);
		struct gz_hit *hits = NULL;
		size_t nh = 0, cap = 0;
		const struct gz_fuzzy *fz = gz_fuzzy_get(gz);
		if (nz_run(&z, text, text_len) == 0 &&
		    gz_match_block(gz, &z, text, 0, text_len, &hits, &nh, &cap) == 0 &&
		    (!fz || gz_fuzzy_block(fz, &z, text, 0, text_len, &hits, &nh, &cap) == 0))
			for (size_t i = 0; i < nh; i++)
				if (hits[i].end > text_len || hits[i].start >= hits[i].end ||
				    (i && hits[i].start < hits[i - 1].start))
					abort();
		free(hits);
		nz_free(&z);
		gz_free(gz);
	}
	/* the input as a compiled gazetteer: refused or safe */
	const char *path = fuzz_file(data, size, "gz");
	struct gz *m = gz_load(path, &err);
	if (m) {
		size_t cnt = 0;
		struct ex_options opt = { 0, "txt", fuzz_quiet, NULL, NULL, NULL, NULL };
		ex_extract_path(m, path, &opt, fuzz_count, &cnt, &err);
		gz_free(m);
	}
	unlink(path);
	free(copy);
	return 0;
}
