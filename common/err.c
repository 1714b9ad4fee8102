/* err.c - error values (see err.h). */
#include "err.h"

#include <stdarg.h>
#include <string.h>

int err_set(struct err *err, const char *file, long line, const char *fmt, ...)
{
	if (!err)
		return -1;
	snprintf(err->file, sizeof err->file, "%s", file ? file : "");
	err->line = line;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	return -1;
}

void err_print(const struct err *err, FILE *out)
{
	if (err->file[0] && err->line > 0)
		fprintf(out, "%s:%ld: %s\n", err->file, err->line, err->msg);
	else if (err->file[0])
		fprintf(out, "%s: %s\n", err->file, err->msg);
	else
		fprintf(out, "glossar: %s\n", err->msg);
}
