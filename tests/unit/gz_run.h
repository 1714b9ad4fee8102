/* gz_run.h - for the matcher's unit tests: every hit of a text as
 * "surface|concept|method;", the form their tables compare. */
#ifndef GLOSSAR_GZ_RUN_H
#define GLOSSAR_GZ_RUN_H

#include <stdlib.h>
#include <string.h>

#include "../../common/buf.h"
#include "../../extract/gz_internal.h"

static void gz_run(const struct gz *gz, const char *text, struct buf *out)
{
	struct nz z;
	nz_init(&z);
	struct gz_hit *hits = NULL;
	size_t n = 0, cap = 0;
	buf_reset(out);
	buf_puts(out, "");
	if (nz_run(&z, text, strlen(text)) == 0 &&
	    gz_match_block(gz, &z, text, 0, strlen(text), &hits, &n, &cap) == 0)
		for (size_t i = 0; i < n; i++)
			buf_printf(out, "%.*s|%s|%s;", (int)(hits[i].end - hits[i].start),
			           text + hits[i].start, gz_entry_concept(gz, hits[i].entry),
			           hits[i].method);
	free(hits);
	nz_free(&z);
}

#endif
