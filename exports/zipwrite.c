/* zipwrite.c - zip containers in memory (zipwrite.h), on libzip. */
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "zipwrite.h"

/* 2020-01-01 00:00:00 UTC: a fixed time keeps the output deterministic */
#define ZW_MTIME 1577836800

struct zw {
	zip_source_t *src; /* the archive's own bytes */
	zip_t *zip;
	int failed;
};

struct zw *zw_new(void)
{
	struct zw *z = calloc(1, sizeof *z);
	if (!z)
		return NULL;
	zip_error_t ze;
	zip_error_init(&ze);
	z->src = zip_source_buffer_create(NULL, 0, 0, &ze);
	if (z->src) {
		zip_source_keep(z->src); /* outlives zip_close, to be read back */
		z->zip = zip_open_from_source(z->src, ZIP_TRUNCATE, &ze);
	}
	zip_error_fini(&ze);
	if (!z->zip) {
		if (z->src)
			zip_source_free(z->src);
		free(z);
		return NULL;
	}
	return z;
}

int zw_add(struct zw *z, const char *name, const void *data, size_t len, int is_stored)
{
	if (z->failed)
		return -1;
	/* libzip takes over (and frees) only a buffer with data in it */
	void *copy = len ? malloc(len) : NULL;
	if (len && !copy) {
		z->failed = 1;
		return -1;
	}
	if (len)
		memcpy(copy, data, len);
	zip_source_t *s = zip_source_buffer(z->zip, copy, len, len > 0);
	if (!s) {
		free(copy);
		z->failed = 1;
		return -1;
	}
	zip_int64_t idx = zip_file_add(z->zip, name, s, ZIP_FL_ENC_UTF_8);
	if (idx < 0) {
		zip_source_free(s);
		z->failed = 1;
		return -1;
	}
	if (zip_set_file_compression(z->zip, (zip_uint64_t)idx,
	                             is_stored ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 9) < 0 ||
	    zip_file_set_mtime(z->zip, (zip_uint64_t)idx, ZW_MTIME, 0) < 0)
		z->failed = 1;
	return z->failed ? -1 : 0;
}

int zw_finish(struct zw *z, struct buf *out)
{
	int rc = z->failed ? -1 : 0;
	if (rc == 0 && zip_close(z->zip) < 0)
		rc = -1;
	if (rc < 0)
		zip_discard(z->zip);
	zip_stat_t st;
	if (rc == 0 && (zip_source_open(z->src) < 0))
		rc = -1;
	if (rc == 0) {
		zip_stat_init(&st);
		if (zip_source_stat(z->src, &st) < 0 || !(st.valid & ZIP_STAT_SIZE) ||
		    buf_grow(out, (size_t)st.size + 1) < 0) {
			rc = -1;
		} else {
			zip_int64_t n = zip_source_read(z->src, out->data + out->len, st.size);
			if (n < 0 || (zip_uint64_t)n != st.size)
				rc = -1;
			else
				out->len += (size_t)n;
			out->data[out->len] = 0;
		}
		zip_source_close(z->src);
	}
	zip_source_free(z->src);
	free(z);
	return rc;
}
