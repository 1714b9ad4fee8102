/* zipwrite.c - zip containers in memory (zipwrite.h), on libzip (opened on
 * first use: every call goes through zl). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/ziplib.h"
#include "zipwrite.h"

/* 2020-01-01 00:00:00 UTC: a fixed time keeps the output deterministic */
#define ZW_MTIME 1577836800

struct zw {
	zip_source_t *src; /* the archive's own bytes */
	zip_t *zip;
	int failed;
};

int zw_load(const char *kind, struct err *err)
{
	char what[64];
	snprintf(what, sizeof what, "write %s files", kind);
	return ziplib_load(what, NULL, err);
}

struct zw *zw_new(void)
{
	if (ziplib_load("write zip files", NULL, NULL) < 0)
		return NULL;
	struct zw *z = calloc(1, sizeof *z);
	if (!z)
		return NULL;
	zip_error_t ze;
	zl.zip_error_init(&ze);
	z->src = zl.zip_source_buffer_create(NULL, 0, 0, &ze);
	if (z->src) {
		zl.zip_source_keep(z->src); /* outlives zip_close, to be read back */
		z->zip = zl.zip_open_from_source(z->src, ZIP_TRUNCATE, &ze);
	}
	zl.zip_error_fini(&ze);
	if (!z->zip) {
		if (z->src)
			zl.zip_source_free(z->src);
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
	zip_source_t *s = zl.zip_source_buffer(z->zip, copy, len, len > 0);
	if (!s) {
		free(copy);
		z->failed = 1;
		return -1;
	}
	zip_int64_t idx = zl.zip_file_add(z->zip, name, s, ZIP_FL_ENC_UTF_8);
	if (idx < 0) {
		zl.zip_source_free(s);
		z->failed = 1;
		return -1;
	}
	if (zl.zip_set_file_compression(z->zip, (zip_uint64_t)idx,
	                                is_stored ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 9) < 0 ||
	    zl.zip_file_set_mtime(z->zip, (zip_uint64_t)idx, ZW_MTIME, 0) < 0)
		z->failed = 1;
	return z->failed ? -1 : 0;
}

int zw_finish(struct zw *z, struct buf *out)
{
	int rc = z->failed ? -1 : 0;
	if (rc == 0 && zl.zip_close(z->zip) < 0)
		rc = -1;
	if (rc < 0)
		zl.zip_discard(z->zip);
	zip_stat_t st;
	if (rc == 0 && (zl.zip_source_open(z->src) < 0))
		rc = -1;
	if (rc == 0) {
		zl.zip_stat_init(&st);
		if (zl.zip_source_stat(z->src, &st) < 0 || !(st.valid & ZIP_STAT_SIZE) ||
		    buf_grow(out, (size_t)st.size + 1) < 0) {
			rc = -1;
		} else {
			zip_int64_t n = zl.zip_source_read(z->src, out->data + out->len, st.size);
			if (n < 0 || (zip_uint64_t)n != st.size)
				rc = -1;
			else
				out->len += (size_t)n;
			out->data[out->len] = 0;
		}
		zl.zip_source_close(z->src);
	}
	zl.zip_source_free(z->src);
	free(z);
	return rc;
}
