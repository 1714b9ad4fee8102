/* afile.c - see afile.h: write beside, fsync, rename. */
#include "afile.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void afile_free(struct afile *a)
{
	free(a->target);
	free(a->tmp);
	a->f = NULL;
	a->target = a->tmp = NULL;
}

/* The directory part of path ("." when none), in a new string. */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	return strndup(path, (size_t)(slash - path));
}

int afile_open(struct afile *a, const char *path, struct err *err)
{
	memset(a, 0, sizeof *a);
	struct stat st;
	int exists = stat(path, &st) == 0;
	if (exists && !S_ISREG(st.st_mode)) {
		/* Nothing to replace: a device or a FIFO is written as it is. */
		if (!(a->f = fopen(path, "wb")))
			return err_set(err, path, 0, "cannot write: %s", strerror(errno));
		return 0;
	}
	/* A symlink stays a symlink: its target is replaced. */
	char *real = exists ? realpath(path, NULL) : NULL;
	a->target = real ? real : strdup(path);
	char *dir = a->target ? dir_of(a->target) : NULL;
	const char *base = a->target ? strrchr(a->target, '/') : NULL;
	base = base ? base + 1 : a->target;
	if (!dir || !(a->tmp = malloc(strlen(dir) + strlen(base) + 16))) {
		free(dir);
		afile_free(a);
		return err_set(err, path, 0, "out of memory");
	}
	sprintf(a->tmp, "%s/.%s.tmp-XXXXXX", dir, base);
	free(dir);
	int fd = mkstemp(a->tmp);
	if (fd < 0) {
		int e = errno;
		afile_free(a);
		return err_set(err, path, 0, "cannot write a temporary file beside it: %s", strerror(e));
	}
	if (exists) {
		/* The owner is kept where that is allowed (root); the mode always. */
		if (fchown(fd, st.st_uid, st.st_gid) != 0) {
		}
		fchmod(fd, st.st_mode & 07777);
	} else {
		mode_t mask = umask(0);
		umask(mask);
		fchmod(fd, 0666 & ~mask);
	}
	if (!(a->f = fdopen(fd, "wb"))) {
		int e = errno;
		close(fd);
		unlink(a->tmp);
		afile_free(a);
		return err_set(err, path, 0, "cannot write: %s", strerror(e));
	}
	return 0;
}

void afile_abort(struct afile *a)
{
	if (a->f)
		fclose(a->f);
	if (a->tmp)
		unlink(a->tmp);
	afile_free(a);
}

/* So that the rename itself survives a crash. */
static void sync_dir(const char *file)
{
	char *dir = dir_of(file);
	int fd = dir ? open(dir, O_RDONLY | O_DIRECTORY) : -1;
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

int afile_commit(struct afile *a, const char *path, struct err *err)
{
	/* A write that already failed left its reason in errno (ENOSPC, EFBIG). */
	int e = errno;
	int bad = ferror(a->f);
	if (!bad) {
		errno = 0;
		bad = fflush(a->f) != 0;
		e = errno;
	}
	if (!bad && a->tmp && fsync(fileno(a->f)) != 0 && errno != EINVAL) {
		bad = 1;
		e = errno;
	}
	if (fclose(a->f) != 0 && !bad) {
		bad = 1;
		e = errno;
	}
	a->f = NULL;
	if (!bad && a->tmp && rename(a->tmp, a->target) != 0) {
		bad = 1;
		e = errno;
	}
	if (bad) {
		int had_tmp = a->tmp != NULL;
		if (had_tmp)
			unlink(a->tmp);
		afile_free(a);
		return err_set(err, path, 0, "cannot write: %s%s", strerror(e ? e : EIO),
		               had_tmp ? " (nothing was replaced)" : "");
	}
	if (a->tmp)
		sync_dir(a->target);
	afile_free(a);
	return 0;
}
