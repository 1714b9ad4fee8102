/* buf.h - a growable byte buffer, the one used wherever output is built. */
#ifndef GLOSSAR_BUF_H
#define GLOSSAR_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *data; /* always NUL-terminated once anything was added */
	size_t len, cap;
};

#define BUF_INIT { NULL, 0, 0 }

/* All return 0, or -1 when memory ran out (the buffer is then unchanged). */
int buf_grow(struct buf *b, size_t extra);
int buf_append(struct buf *b, const void *data, size_t len);
int buf_puts(struct buf *b, const char *s);
int buf_putc(struct buf *b, int c);
int buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int buf_vprintf(struct buf *b, const char *fmt, va_list ap);

/* "" when nothing was added yet; never NULL. */
const char *buf_cstr(const struct buf *b);
void buf_reset(struct buf *b);
void buf_free(struct buf *b);
/* Hands the data to the caller (malloc'd, NUL-terminated) and empties the buffer. */
char *buf_detach(struct buf *b);

#endif
