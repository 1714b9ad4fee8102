/* encoding.c - guessing and converting text encodings (see encoding.h). */
#include "encoding.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

const char *enc_guess(const char *data, size_t len)
{
	const unsigned char *u = (const unsigned char *)data;
	/* With a byte order mark, iconv's "UTF-16" reads the order from it. */
	if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
		return "UTF-16";
	/* ASCII text in UTF-16 has a NUL in every other byte. */
	size_t even = 0, odd = 0, n = len < 4096 ? len : 4096;
	for (size_t i = 0; i < n; i++)
		if (!u[i]) {
			if (i % 2)
				odd++;
			else
				even++;
		}
	if (n >= 4 && odd * 3 > n)
		return "UTF-16LE";
	if (n >= 4 && even * 3 > n)
		return "UTF-16BE";
	return "windows-1252";
}

int enc_to_utf8(const char *from, const char *data, size_t len, struct buf *out,
                size_t *bad_at)
{
	*bad_at = 0;
	iconv_t cd = iconv_open("UTF-8", from);
	if (cd == (iconv_t)-1)
		return -2;
	char *in = (char *)data;
	size_t left = len;
	int rc = 0;
	while (left > 0 && rc == 0) {
		if (buf_grow(out, left * 4 + 16) < 0) {
			rc = -1;
			break;
		}
		char *dst = out->data + out->len;
		size_t room = out->cap - out->len - 1;
		size_t r = iconv(cd, &in, &left, &dst, &room);
		out->len = (size_t)(dst - out->data);
		out->data[out->len] = '\0';
		if (r == (size_t)-1 && errno != E2BIG) {
			*bad_at = (size_t)(in - data);
			rc = -1;
		}
	}
	iconv_close(cd);
	return rc;
}

struct enc_stream {
	FILE *in;
	iconv_t cd;
	char buf[65536]; /* input not converted yet: buf[0..len) */
	size_t len;
	int eof;
	long line;     /* of the converted text so far */
	long bad_line; /* where invalid input was, else 0 */
};

static ssize_t es_read(void *cookie, char *out, size_t size)
{
	struct enc_stream *es = cookie;
	char *dst = out;
	size_t room = size;
	while (room == size && !es->bad_line) {
		if (es->len == 0 && !es->eof) {
			es->len = fread(es->buf, 1, sizeof es->buf, es->in);
			if (es->len == 0) {
				if (ferror(es->in))
					return -1;
				es->eof = 1;
			}
		}
		if (es->len == 0) { /* the end: the state's last bytes (UTF-7, ISO-2022) */
			iconv(es->cd, NULL, NULL, &dst, &room);
			break;
		}
		char *src = es->buf;
		size_t r = iconv(es->cd, &src, &es->len, &dst, &room);
		int e = errno;
		memmove(es->buf, src, es->len);
		if (r != (size_t)-1 || e == E2BIG)
			continue;
		if (e == EINVAL && !es->eof && es->len < sizeof es->buf) {
			/* a character cut by the buffer's end: read the rest of it */
			size_t n = fread(es->buf + es->len, 1, sizeof es->buf - es->len, es->in);
			if (n == 0)
				es->eof = 1;
			es->len += n;
			continue;
		}
		es->bad_line = -1; /* the line is counted below */
	}
	for (char *p = out; p < dst; p++)
		es->line += *p == '\n';
	if (es->bad_line == -1)
		es->bad_line = es->line;
	if (dst > out)
		return dst - out;
	if (es->bad_line) {
		errno = EILSEQ;
		return -1;
	}
	return 0;
}

static int es_close(void *cookie)
{
	struct enc_stream *es = cookie;
	iconv_close(es->cd);
	free(es);
	return 0;
}

FILE *enc_stream_open(FILE *in, const char *from, struct enc_stream **out)
{
	*out = NULL;
	struct enc_stream *es = malloc(sizeof *es);
	if (!es)
		return NULL;
	if ((es->cd = iconv_open("UTF-8", from)) == (iconv_t)-1) {
		free(es);
		errno = EINVAL;
		return NULL;
	}
	es->in = in;
	es->len = 0;
	es->eof = 0;
	es->line = 1;
	es->bad_line = 0;
	cookie_io_functions_t io = { es_read, NULL, NULL, es_close };
	FILE *f = fopencookie(es, "r", io);
	if (!f) {
		es_close(es);
		errno = ENOMEM;
		return NULL;
	}
	*out = es;
	return f;
}

long enc_stream_bad_line(const struct enc_stream *es)
{
	return es ? es->bad_line : 0;
}
