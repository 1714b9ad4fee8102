/* zipwrite.h - a zip container built in memory with libzip, for the DOCX
 * and ODT writers. Deterministic: entries in the order added, one fixed
 * modification time, so the same KB gives the same bytes. Internal to exports/. */
#ifndef GLOSSAR_ZIPWRITE_H
#define GLOSSAR_ZIPWRITE_H

#include <stddef.h>

#include "../common/buf.h"
#include "../common/err.h"

struct zw;

/* 0 when libzip can be opened (it is opened on first use, common/ziplib.h);
 * else -1 and err says "cannot write KIND files: libzip cannot be loaded". */
int zw_load(const char *kind, struct err *err);
/* NULL when out of memory or without libzip. */
struct zw *zw_new(void);
/* Adds a part; data is copied. is_stored keeps it uncompressed (ODF's mimetype). */
int zw_add(struct zw *z, const char *name, const void *data, size_t len, int is_stored);
/* Writes the archive to out and frees z (also on error). */
int zw_finish(struct zw *z, struct buf *out);

#endif
