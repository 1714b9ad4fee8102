/* zipread.h - reading parts of a zip container (DOCX, ODT) held in memory,
 * with libzip and the limits a container from outside needs: no entry name
 * that climbs out (../, absolute), a cap on the expanded size of all parts
 * read and on each part's compression ratio. Internal to extract/. */
#ifndef GLOSSAR_ZIPREAD_H
#define GLOSSAR_ZIPREAD_H

#include <stddef.h>

#include "../common/err.h"

/* Limits: the expanded bytes of all parts read together, and the ratio of a
 * part's expanded to its compressed size (only checked above ZR_RATIO_FLOOR
 * bytes, since tiny parts compress well by nature). */
#define ZR_MAX_EXPANDED (256u << 20)
#define ZR_MAX_RATIO 200
#define ZR_RATIO_FLOOR (1u << 20)
#define ZR_MAX_ENTRIES 20000

struct zr;

/* Opens the zip in data[0, len) (not copied: it must outlive the zr). path
 * names the file in messages; kind ("DOCX", "ODT") says what was expected. */
struct zr *zr_open(const char *path, const char *kind, const char *data, size_t len,
                   struct err *err);
void zr_close(struct zr *z);
/* 1 when the archive has an entry of that name. */
int zr_has(struct zr *z, const char *name);
/* Reads one part into a malloc'd, NUL-terminated buffer. */
int zr_read(struct zr *z, const char *name, char **out, size_t *len, struct err *err);
/* The number of entries and the name of entry i. */
size_t zr_count(struct zr *z);
const char *zr_name(struct zr *z, size_t i);

#endif
