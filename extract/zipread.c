/* zipread.c - zip parts with limits (zipread.h), on libzip (opened with the
 * first zip file: every call goes through zl). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/ziplib.h"
#include "zipread.h"

struct zr {
	zip_t *zip;
	const char *path;
	size_t expanded; /* bytes of all parts read so far */
};

/* A name that would land outside a folder it is unpacked into. */
static int name_is_unsafe(const char *n)
{
	if (n[0] == '/' || n[0] == '\\' || (n[0] && n[1] == ':'))
		return 1;
	for (const char *p = n; *p; ) {
		size_t k = strcspn(p, "/\\");
		if (k == 2 && p[0] == '.' && p[1] == '.')
			return 1;
		p += k;
		if (*p)
			p++;
	}
	return 0;
}

struct zr *zr_open(const char *path, const char *kind, const char *data, size_t len,
                   struct err *err)
{
	static const unsigned char ole2[8] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };
	if (len >= 8 && !memcmp(data, ole2, 8)) {
		err_set(err, path, 0,
		        "an OLE2 compound file (a legacy .doc/.xls or an encrypted %s), not a %s zip: "
		        "save it as %s first", kind, kind, !strcmp(kind, "ODT") ? ".odt" : ".docx");
		return NULL;
	}
	if (len < 4 || memcmp(data, "PK", 2) != 0) {
		err_set(err, path, 0, "not a zip archive, so not a %s file", kind);
		return NULL;
	}
	char what[64];
	snprintf(what, sizeof what, "read %s files", kind);
	if (ziplib_load(what, path, err) < 0)
		return NULL;
	zip_error_t ze;
	zl.zip_error_init(&ze);
	zip_source_t *src = zl.zip_source_buffer_create(data, len, 0, &ze);
	zip_t *zip = src ? zl.zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze) : NULL;
	if (!zip) {
		err_set(err, path, 0, "damaged zip archive: %s", zl.zip_error_strerror(&ze));
		if (src)
			zl.zip_source_free(src);
		zl.zip_error_fini(&ze);
		return NULL;
	}
	zl.zip_error_fini(&ze);
	zip_int64_t n = zl.zip_get_num_entries(zip, 0);
	if (n < 0 || n > ZR_MAX_ENTRIES) {
		err_set(err, path, 0, "zip archive with %lld entries (limit %d): refused", (long long)n,
		        ZR_MAX_ENTRIES);
		zl.zip_close(zip);
		return NULL;
	}
	for (zip_int64_t i = 0; i < n; i++) {
		const char *name = zl.zip_get_name(zip, (zip_uint64_t)i, ZIP_FL_ENC_GUESS);
		if (!name || name_is_unsafe(name)) {
			err_set(err, path, 0, "zip entry name '%s' points outside the archive: refused",
			        name ? name : "?");
			zl.zip_discard(zip);
			return NULL;
		}
	}
	struct zr *z = calloc(1, sizeof *z);
	if (!z) {
		zl.zip_discard(zip);
		err_set(err, path, 0, "out of memory");
		return NULL;
	}
	z->zip = zip;
	z->path = path;
	return z;
}

void zr_close(struct zr *z)
{
	if (!z)
		return;
	zl.zip_discard(z->zip);
	free(z);
}

int zr_has(struct zr *z, const char *name)
{
	return zl.zip_name_locate(z->zip, name, 0) >= 0;
}

size_t zr_count(struct zr *z)
{
	zip_int64_t n = zl.zip_get_num_entries(z->zip, 0);
	return n < 0 ? 0 : (size_t)n;
}

const char *zr_name(struct zr *z, size_t i)
{
	return zl.zip_get_name(z->zip, (zip_uint64_t)i, ZIP_FL_ENC_GUESS);
}

int zr_read(struct zr *z, const char *name, char **out, size_t *len, struct err *err)
{
	char where[600];
	snprintf(where, sizeof where, "%s:%s", z->path, name);
	zip_stat_t st;
	zl.zip_stat_init(&st);
	zip_int64_t idx = zl.zip_name_locate(z->zip, name, 0);
	if (idx < 0 || zl.zip_stat_index(z->zip, (zip_uint64_t)idx, 0, &st) < 0)
		return err_set(err, z->path, 0, "the archive has no %s", name);
	if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
		return err_set(err, where, 0, "the part is encrypted: refused");
	if (!(st.valid & ZIP_STAT_SIZE) || !(st.valid & ZIP_STAT_COMP_SIZE))
		return err_set(err, where, 0, "the zip entry has no size");
	if (st.size > ZR_MAX_EXPANDED - z->expanded)
		return err_set(err, where, 0,
		               "expands to %llu bytes, past the limit of %u MB for all parts: refused "
		               "(a zip bomb?)", (unsigned long long)st.size, ZR_MAX_EXPANDED >> 20);
	if (st.size > ZR_RATIO_FLOOR &&
	    (st.comp_size == 0 || st.size / st.comp_size > ZR_MAX_RATIO))
		return err_set(err, where, 0,
		               "compression ratio %llu:1 passes the limit of %d:1: refused (a zip bomb?)",
		               (unsigned long long)(st.comp_size ? st.size / st.comp_size : st.size),
		               ZR_MAX_RATIO);
	zip_file_t *f = zl.zip_fopen_index(z->zip, (zip_uint64_t)idx, 0);
	if (!f)
		return err_set(err, where, 0, "cannot open the part: %s", zl.zip_strerror(z->zip));
	/* the sizes in the header may lie: never read more than it declared */
	size_t cap = (size_t)st.size;
	char *data = malloc(cap + 1);
	if (!data) {
		zl.zip_fclose(f);
		return err_set(err, where, 0, "out of memory");
	}
	size_t got = 0;
	for (;;) {
		zip_int64_t k = zl.zip_fread(f, data + got, cap - got);
		if (k < 0) {
			err_set(err, where, 0, "damaged part: %s", zl.zip_file_strerror(f));
			zl.zip_fclose(f);
			free(data);
			return -1;
		}
		if (k == 0)
			break;
		got += (size_t)k;
		if (got == cap) {
			char extra;
			if (zl.zip_fread(f, &extra, 1) != 0) {
				err_set(err, where, 0, "the part is longer than its zip entry says: refused");
				zl.zip_fclose(f);
				free(data);
				return -1;
			}
			break;
		}
	}
	if (zl.zip_fclose(f) != 0) {
		free(data);
		return err_set(err, where, 0, "damaged part (checksum or length mismatch)");
	}
	data[got] = 0;
	z->expanded += got;
	*out = data;
	*len = got;
	return 0;
}
