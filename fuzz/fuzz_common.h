/* fuzz_common.h - helpers of the libFuzzer harnesses: a small gazetteer and
 * a document written to a temporary file for the path-based readers. */
#ifndef GLOSSAR_FUZZ_COMMON_H
#define GLOSSAR_FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../extract/extract.h"

static struct gz *fuzz_gazetteer(void)
{
	static struct gz *gz;
	static const struct gz_label labels[] = {
		{ "OZG", "ozg", GZ_ABBREV, 0 },
		{ "EfA", "efa", GZ_ABBREV, 0 },
		{ "IT-Planungsrat", "it-planungsrat", GZ_PREF, 0 },
		{ "Deutschland-Stack", "deutschland-stack", GZ_PREF, 0 },
		{ "Registermodernisierung", "registermodernisierung", GZ_PREF, GZ_FLAG_COMPOUND },
		{ "Einer für Alle", "efa", GZ_PREF, 0 },
		{ "BayDiG", "baydig", GZ_ABBREV, GZ_FLAG_CASE },
	};
	struct err err;
	if (!gz)
		gz = gz_compile(labels, sizeof labels / sizeof labels[0], &err);
	return gz;
}

static int fuzz_count(const struct ex_mention *m, void *ctx)
{
	/* touch every byte the record points at */
	size_t *n = ctx;
	for (size_t i = 0; i < m->surface_len; i++)
		*n += (unsigned char)m->surface[i];
	*n += strlen(m->concept) + strlen(m->label) + strlen(m->method);
	return 0;
}

static void fuzz_quiet(const struct err *w, void *ctx)
{
	(void)w;
	(void)ctx;
}

/* Writes data to a temporary file named with the extension ext. */
static const char *fuzz_file(const uint8_t *data, size_t size, const char *ext)
{
	static char path[64];
	snprintf(path, sizeof path, "/tmp/glossar-fuzz-%d.%s", (int)getpid(), ext);
	FILE *f = fopen(path, "wb");
	if (!f)
		abort();
	if (size && fwrite(data, 1, size, f) != size)
		abort();
	fclose(f);
	return path;
}

/* Runs one reader over the document, then checks the text it gave. */
static void fuzz_reader(const uint8_t *data, size_t size, const char *format)
{
	const char *path = fuzz_file(data, size, format);
	/* odd sizes also run the fuzzy matcher */
	struct ex_options opt = { (int)(size & 1), format, fuzz_quiet, NULL, NULL, NULL };
	size_t n = 0;
	struct err err;
	ex_extract_path(fuzz_gazetteer(), path, &opt, fuzz_count, &n, &err);
	struct ex_text t;
	if (ex_text_read(path, format, &t, &err) == 0) {
		if (t.data[t.len] != 0)
			abort();
		long line, col;
		for (size_t off = 0; off <= t.len; off += 1 + t.len / 16) {
			ex_text_position(&t, off, &line, &col);
			if (line < 1 || col < 1 || ex_text_page(&t, off) < 0)
				abort();
			const char *sec = ex_text_section(&t, off);
			if (sec && !sec[0])
				abort();
		}
		ex_text_free(&t);
	}
	unlink(path);
}

#endif
