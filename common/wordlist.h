/* wordlist.h - a list of ordinary words (Debian's wngerman,
 * /usr/share/dict/ngerman: one word a line, nouns capitalised), read once
 * into a hash set over the mapped file. Used by lint (labels that are
 * ordinary words) and by the gazetteer's builder (title-case forms of
 * spoken acronyms that are ordinary words do not match). */
#ifndef GLOSSAR_WORDLIST_H
#define GLOSSAR_WORDLIST_H

#include <stddef.h>

#include "buf.h"
#include "err.h"

#define WL_DEFAULT_PATH "/usr/share/dict/ngerman"

struct wordlist;

/* The list at path, or (path NULL) at $GLOSSAR_WORDLIST, else
 * WL_DEFAULT_PATH. NULL with err filled when it cannot be read (a missing
 * file is ENOENT in *missing, so callers can say so and go on). */
struct wordlist *wl_open(const char *path, int *missing, struct err *err);
void wl_free(struct wordlist *wl);
/* The path wl_open(NULL, ...) reads. */
const char *wl_default_path(void);
size_t wl_count(const struct wordlist *wl);

/* One pass over the list at path (NULL as for wl_open) for a few words:
 * found[i] = 1 when words[i] is in it, as written. Cheaper than wl_open
 * when only a handful of words are asked about (the gazetteer's builder).
 * Returns 0, or -1 when the list cannot be read. */
int wl_scan(const char *path, const char *const *words, size_t n, unsigned char *found);

/* Whether the list holds s (len bytes) exactly as written. */
int wl_has(const struct wordlist *wl, const char *s, size_t len);
/* Whether the list holds s in any of its usual spellings: as written, all
 * lower case, lower case with a capital first letter, or all capitals
 * (so "ELSTER" and "elster" find "Elster"). */
int wl_has_any_case(const struct wordlist *wl, const char *s);

/* s (UTF-8) into out with every letter in lower case, in lower case but the
 * first letter, or in capitals. Returns 0, or -1 on invalid UTF-8 or no
 * memory. */
enum wl_case { WL_LOWER, WL_TITLE, WL_UPPER };
int wl_recase(const char *s, enum wl_case how, struct buf *out);

#endif
