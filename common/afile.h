/* afile.h - replacing a file without ever destroying the old one: the new
 * content goes to a temporary file in the same directory, is flushed to
 * disk, and is renamed over the target only when every write succeeded.
 * A failure (a full disk, a size limit) leaves the old file as it was and
 * no temporary file behind. */
#ifndef GLOSSAR_AFILE_H
#define GLOSSAR_AFILE_H

#include <stdio.h>

#include "err.h"

struct afile {
	FILE *f;      /* write here */
	char *target; /* the file replaced (a symlink's target) */
	char *tmp;    /* the temporary file; NULL when written in place (a device, a FIFO) */
};

/* Opens a temporary file beside path, with the mode path has (or would get).
 * A path that is not a regular file (/dev/null, a FIFO) is written in place. */
int afile_open(struct afile *a, const char *path, struct err *err);
/* Flushes, syncs and renames over the target; on failure removes the
 * temporary file, fills err naming path and returns -1. Frees a either way. */
int afile_commit(struct afile *a, const char *path, struct err *err);
/* Closes and removes the temporary file; the target is untouched. */
void afile_abort(struct afile *a);

#endif
