/* norm.c - string normaliser on utf8proc (see norm.h). */
#include "norm.h"

#include <stdlib.h>
#include <utf8proc.h>

static int is_dash(utf8proc_int32_t c)
{
	return c == '-' || (c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0x2011;
}

static int is_invisible(utf8proc_int32_t c)
{
	return (c >= 0x200B && c <= 0x200D) || c == 0x2060 || c == 0xFEFF;
}

static int is_space(utf8proc_int32_t c)
{
	if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
		return 1;
	utf8proc_category_t cat = utf8proc_category(c);
	return cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL ||
	       cat == UTF8PROC_CATEGORY_ZP;
}

static int put_cp(struct buf *out, utf8proc_int32_t c)
{
	utf8proc_uint8_t tmp[4];
	utf8proc_ssize_t n = utf8proc_encode_char(c, tmp);
	return buf_append(out, tmp, (size_t)n);
}

static int normalise(const char *s, size_t len, struct buf *out, int keep_separators)
{
	utf8proc_uint8_t *folded = NULL;
	utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
	                                  &folded,
	                                  UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
	if (n < 0)
		return -1;
	int rc = 0, pending_space = 0, at_start = 1;
	utf8proc_ssize_t i = 0;
	while (i < n && rc == 0) {
		utf8proc_int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate(folded + i, n - i, &c);
		if (k <= 0) {
			rc = -1;
			break;
		}
		i += k;
		/* soft hyphen; zero-width space, non-joiner, joiner, word joiner, BOM:
		 * invisible inside a word, so a label is the same with or without them */
		if (c == 0xAD || is_invisible(c))
			continue;
		if (is_space(c)) {
			pending_space = !at_start;
			continue;
		}
		if (is_dash(c)) {
			pending_space = 0;
			if (keep_separators)
				rc = buf_putc(out, '-');
			at_start = 0;
			continue;
		}
		if (pending_space && keep_separators &&
		    !(out->len && out->data[out->len - 1] == '-'))
			rc = buf_putc(out, ' ');
		pending_space = 0;
		at_start = 0;
		if (rc)
			break;
		switch (c) {
		case 0xE4: rc = buf_puts(out, "ae"); break;
		case 0xF6: rc = buf_puts(out, "oe"); break;
		case 0xFC: rc = buf_puts(out, "ue"); break;
		case 0xDF: rc = buf_puts(out, "ss"); break;
		default: rc = put_cp(out, c); break;
		}
	}
	free(folded);
	return rc;
}

int norm_text(const char *s, size_t len_bytes, struct buf *out)
{
	return normalise(s, len_bytes, out, 1);
}

int norm_key(const char *s, size_t len_bytes, struct buf *out)
{
	return normalise(s, len_bytes, out, 0);
}
