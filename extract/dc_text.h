/* dc_text.h - small UTF-8 helpers shared by the discovery finders
 * (abbrev.c, abbrev_forms.c, acronym.c, definition.c, citation.c); internal
 * to extract/. */
#ifndef GLOSSAR_DC_TEXT_H
#define GLOSSAR_DC_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include <utf8proc.h>

/* The code point at text[i] (U+FFFD for a bad byte) and its length in bytes (>= 1). */
static inline int32_t dc_cp(const char *text, size_t len, size_t i, size_t *n)
{
	utf8proc_int32_t c;
	utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)text + i,
	                                      (utf8proc_ssize_t)(len - i), &c);
	if (k <= 0) {
		*n = 1;
		return 0xFFFD;
	}
	*n = (size_t)k;
	return c;
}

/* The start of the code point that ends at text[i - 1]. */
static inline size_t dc_prev(const char *text, size_t i)
{
	size_t k = i;
	while (k > 0 && i - k < 4 && ((unsigned char)text[k - 1] & 0xC0) == 0x80)
		k--;
	return k > 0 ? k - 1 : 0;
}

static inline int dc_is_letter(int32_t c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	utf8proc_category_t cat = utf8proc_category(c);
	return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
}

static inline int dc_is_upper(int32_t c)
{
	if (c < 0x80)
		return c >= 'A' && c <= 'Z';
	return utf8proc_category(c) == UTF8PROC_CATEGORY_LU;
}

static inline int dc_is_digit(int32_t c)
{
	return c >= '0' && c <= '9';
}

static inline int dc_is_space(int32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' ||
	       c == 0xA0 || c == 0x202F || c == 0x2009 || c == 0x200B;
}

/* The first offset from i on that is not white space. */
static inline size_t dc_skip_space(const char *text, size_t len, size_t i)
{
	while (i < len) {
		size_t n;
		if (!dc_is_space(dc_cp(text, len, i, &n)))
			break;
		i += n;
	}
	return i;
}

static inline int dc_is_dash(int32_t c)
{
	return c == '-' || (c >= 0x2010 && c <= 0x2015) || c == 0x2212;
}

/* A letter or digit folded to one lower-case ASCII byte for letter matching
 * (Ä -> a, ß -> s), 0 for anything else. */
static inline char dc_fold(int32_t c)
{
	if (c >= 'A' && c <= 'Z')
		return (char)(c - 'A' + 'a');
	if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
		return (char)c;
	switch (c) {
	case 0xC4: case 0xE4: return 'a';
	case 0xD6: case 0xF6: return 'o';
	case 0xDC: case 0xFC: return 'u';
	case 0xDF: return 's';
	case 0xC9: case 0xE9: case 0xC8: case 0xE8: return 'e';
	}
	return 0;
}

#endif
