/* output.c - -o FILE for every command that writes a result: the file is
 * replaced only when the whole result was written (common/afile.h), so a
 * full disk or a size limit never destroys the previous version. */
#include <errno.h>
#include <string.h>

#include "../common/afile.h"
#include "cli.h"

/* The files open through cli_output; a command opens one or two. */
static struct afile open_files[4];

FILE *cli_output(const char *path, struct err *err)
{
	if (!path || !strcmp(path, "-"))
		return stdout;
	for (size_t i = 0; i < sizeof open_files / sizeof open_files[0]; i++)
		if (!open_files[i].f)
			return afile_open(&open_files[i], path, err) < 0 ? NULL : open_files[i].f;
	err_set(err, path, 0, "too many output files");
	return NULL;
}

int cli_output_close(FILE *f, const char *path, struct err *err)
{
	if (f == stdout) {
		/* A write that already failed left its reason in errno. */
		int e = errno, bad = ferror(f);
		if (!bad) {
			errno = 0;
			bad = fflush(f) != 0;
			e = errno;
		}
		if (bad)
			return err_set(err, "<stdout>", 0, "cannot write: %s", strerror(e ? e : EIO));
		return 0;
	}
	for (size_t i = 0; i < sizeof open_files / sizeof open_files[0]; i++) {
		if (open_files[i].f != f)
			continue;
		if (!err) { /* the command failed: keep the old file */
			afile_abort(&open_files[i]);
			return -1;
		}
		return afile_commit(&open_files[i], path, err);
	}
	return err_set(err, path, 0, "not an output file");
}
