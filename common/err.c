/* err.c - error values (see err.h). */
#include "err.h"

#include <stdarg.h>
#include <stdlib.h>
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

/* Messages quote input (labels, file names): a control character in them
 * is written as \n or \xNN, so one error is one line and the terminal never
 * acts on an ESC sequence from a CSV file. C1 controls (U+0080-U+009F,
 * bytes C2 80-9F) likewise. */
static void put_escaped(const char *s, FILE *out)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '\n')
			fputs("\\n", out);
		else if (*p < 0x20 || *p == 0x7F)
			fprintf(out, "\\x%02x", *p);
		else if (*p == 0xC2 && p[1] >= 0x80 && p[1] < 0xA0)
			fprintf(out, "\\u%04x", p[1]), p++;
		else
			fputc(*p, out);
	}
}

void err_print(const struct err *err, FILE *out)
{
	if (err->file[0]) {
		put_escaped(err->file, out);
		if (err->line > 0)
			fprintf(out, ":%ld", err->line);
		fputs(": ", out);
	} else {
		fputs("glossar: ", out);
	}
	put_escaped(err->msg, out);
	fputc('\n', out);
}

void err_list_add(const struct err *w, void *ctx)
{
	struct err_list *l = ctx;
	struct err *v = realloc(l->v, (l->n + 1) * sizeof *v);
	if (!v)
		return;
	l->v = v;
	l->v[l->n++] = *w;
}

void err_list_free(struct err_list *l)
{
	free(l->v);
	l->v = NULL;
	l->n = 0;
}
