/* wordlist.c - the ordinary-word list as a hash set: the file is mapped and
 * the set holds each line's offset and length, so loading is one pass over
 * the file and no word is copied. */
#include "wordlist.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>

#include "buf.h"

struct wordlist {
	const char *data;
	size_t len;
	uint32_t *slot_off, *slot_len; /* len 0: empty slot */
	size_t mask, count;
};

static uint64_t hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h;
}

const char *wl_default_path(void)
{
	const char *p = getenv("GLOSSAR_WORDLIST");
	return p && *p ? p : WL_DEFAULT_PATH;
}

struct wordlist *wl_open(const char *path, int *missing, struct err *err)
{
	if (!path)
		path = wl_default_path();
	if (missing)
		*missing = 0;
	int fd = open(path, O_RDONLY);
	if (fd < 0) {
		if (missing)
			*missing = errno == ENOENT;
		err_set(err, path, 0, "cannot read the word list: %s", strerror(errno));
		return NULL;
	}
	struct stat sb;
	if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode) || sb.st_size == 0 ||
	    (uint64_t)sb.st_size >= UINT32_MAX) {
		close(fd);
		err_set(err, path, 0, "not a word list (one word a line)");
		return NULL;
	}
	size_t len = (size_t)sb.st_size;
	void *map = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	struct wordlist *wl = map == MAP_FAILED ? NULL : calloc(1, sizeof *wl);
	if (!wl) {
		if (map != MAP_FAILED)
			munmap(map, len);
		err_set(err, path, 0, "cannot map the word list");
		return NULL;
	}
	wl->data = map;
	wl->len = len;
	size_t lines = 1;
	for (const char *p = wl->data; (p = memchr(p, '\n', len - (size_t)(p - wl->data))); p++)
		lines++;
	size_t cap = 16;
	while (cap < 2 * lines)
		cap *= 2;
	wl->mask = cap - 1;
	wl->slot_off = calloc(cap, sizeof *wl->slot_off);
	wl->slot_len = calloc(cap, sizeof *wl->slot_len);
	if (!wl->slot_off || !wl->slot_len) {
		wl_free(wl);
		err_set(err, path, 0, "out of memory reading the word list");
		return NULL;
	}
	const char *p = wl->data, *end = wl->data + len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end;
		size_t n = (size_t)(e - p);
		if (n && p[n - 1] == '\r')
			n--;
		if (n && !wl_has(wl, p, n)) {
			size_t s = hash(p, n) & wl->mask;
			while (wl->slot_len[s])
				s = (s + 1) & wl->mask;
			wl->slot_off[s] = (uint32_t)(p - wl->data);
			wl->slot_len[s] = (uint32_t)n;
			wl->count++;
		}
		p = nl ? nl + 1 : end;
	}
	return wl;
}

int wl_scan(const char *path, const char *const *words, size_t n, unsigned char *found)
{
	int missing;
	memset(found, 0, n);
	if (!path)
		path = wl_default_path();
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	/* the few words in a small table, probed with each line's hash */
	size_t cap = 16;
	while (cap < 4 * n)
		cap *= 2;
	size_t *slot = malloc(cap * sizeof *slot);
	if (!slot) {
		fclose(f);
		return -1;
	}
	for (size_t s = 0; s < cap; s++)
		slot[s] = SIZE_MAX;
	for (size_t i = 0; i < n; i++) {
		size_t s = hash(words[i], strlen(words[i])) & (cap - 1);
		while (slot[s] != SIZE_MAX)
			s = (s + 1) & (cap - 1);
		slot[s] = i;
	}
	/* most lines have a length no asked word has: not even hashed */
	uint64_t lens = 0;
	for (size_t i = 0; i < n; i++)
		lens |= 1ull << (strlen(words[i]) < 63 ? strlen(words[i]) : 63);
	int fd = fileno(f);
	struct stat sb;
	const char *data = NULL;
	size_t len = 0;
	if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > 0) {
		len = (size_t)sb.st_size;
		void *map = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
		data = map == MAP_FAILED ? NULL : map;
	}
	missing = !data;
	for (const char *p = data, *end = data + len; p && p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end;
		size_t l = (size_t)(e - p);
		if (l && p[l - 1] == '\r')
			l--;
		if (lens >> (l < 63 ? l : 63) & 1)
			for (size_t s = hash(p, l) & (cap - 1); slot[s] != SIZE_MAX; s = (s + 1) & (cap - 1))
				if (strlen(words[slot[s]]) == l && !memcmp(words[slot[s]], p, l))
					found[slot[s]] = 1;
		p = nl ? nl + 1 : end;
	}
	if (data)
		munmap((void *)data, len);
	fclose(f);
	free(slot);
	return missing ? -1 : 0;
}

void wl_free(struct wordlist *wl)
{
	if (!wl)
		return;
	if (wl->data)
		munmap((void *)wl->data, wl->len);
	free(wl->slot_off);
	free(wl->slot_len);
	free(wl);
}

size_t wl_count(const struct wordlist *wl)
{
	return wl ? wl->count : 0;
}

int wl_has(const struct wordlist *wl, const char *s, size_t len)
{
	if (!wl || !len || len >= UINT32_MAX)
		return 0;
	for (size_t i = hash(s, len) & wl->mask; wl->slot_len[i]; i = (i + 1) & wl->mask)
		if (wl->slot_len[i] == len && !memcmp(wl->data + wl->slot_off[i], s, len))
			return 1;
	return 0;
}

int wl_recase(const char *s, enum wl_case how, struct buf *out)
{
	size_t len = strlen(s);
	utf8proc_ssize_t i = 0;
	int first = 1;
	out->len = 0;
	while ((size_t)i < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
		                                      (utf8proc_ssize_t)(len - (size_t)i), &cp);
		if (k <= 0)
			return -1;
		i += k;
		int up = how == WL_UPPER || (how == WL_TITLE && first);
		if (utf8proc_category(cp) >= UTF8PROC_CATEGORY_LU &&
		    utf8proc_category(cp) <= UTF8PROC_CATEGORY_LO)
			first = 0;
		utf8proc_int32_t c = up ? utf8proc_toupper(cp) : utf8proc_tolower(cp);
		utf8proc_uint8_t enc[4];
		utf8proc_ssize_t ne = utf8proc_encode_char(c, enc);
		if (buf_append(out, enc, (size_t)ne) < 0)
			return -1;
	}
	return 0;
}

int wl_has_any_case(const struct wordlist *wl, const char *s)
{
	if (!wl)
		return 0;
	if (wl_has(wl, s, strlen(s)))
		return 1;
	struct buf b = BUF_INIT;
	int found = 0;
	for (int how = WL_LOWER; how <= WL_UPPER && !found; how++)
		found = wl_recase(s, (enum wl_case)how, &b) == 0 && wl_has(wl, b.data ? b.data : "", b.len);
	buf_free(&b);
	return found;
}
