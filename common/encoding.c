/* encoding.c - guessing and converting text encodings (see encoding.h). */
#include "encoding.h"

#include <errno.h>
#include <iconv.h>
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
