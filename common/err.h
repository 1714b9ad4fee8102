/* err.h - an error with a message and the file and line it concerns,
 * filled by the layer that knows what went wrong, printed once by the CLI. */
#ifndef GLOSSAR_ERR_H
#define GLOSSAR_ERR_H

#include <stddef.h>
#include <stdio.h>

/* Exit statuses of the command line contract. */
enum { EXIT_OK = 0, EXIT_CHECK = 1, EXIT_INPUT = 2 };

struct err {
	char file[512]; /* "" when no file is concerned */
	long line;      /* 0 when there is no line */
	char msg[1024];
};

/* Fills err (which may be NULL) and returns -1, so callers can `return err_set(...)`. */
int err_set(struct err *err, const char *file, long line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Prints "file:line: message", "file: message" or "glossar: message". */
void err_print(const struct err *err, FILE *out);

/* Messages kept to be printed later, in order (a worker thread's warnings,
 * printed by the main thread). */
struct err_list {
	struct err *v;
	size_t n;
};
/* Appends *w to the err_list ctx: an ex_options warn callback. A message
 * that finds no memory is dropped (the warning count still has it). */
void err_list_add(const struct err *w, void *ctx);
void err_list_free(struct err_list *l);

#endif
