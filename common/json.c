/* json.c - JSON strings (see json.h). */
#include "json.h"

int json_str(struct buf *b, const char *s)
{
	if (buf_putc(b, '"') < 0)
		return -1;
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		int rc;
		switch (*p) {
		case '"': rc = buf_puts(b, "\\\""); break;
		case '\\': rc = buf_puts(b, "\\\\"); break;
		case '\n': rc = buf_puts(b, "\\n"); break;
		case '\r': rc = buf_puts(b, "\\r"); break;
		case '\t': rc = buf_puts(b, "\\t"); break;
		default:
			rc = *p < 0x20 || *p == 0x7f ? buf_printf(b, "\\u%04x", *p) : buf_putc(b, *p);
		}
		if (rc < 0)
			return -1;
	}
	return buf_putc(b, '"');
}
