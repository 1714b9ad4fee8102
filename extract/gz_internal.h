/* gz_internal.h - the gazetteer's pieces shared inside extract/: the
 * streaming normaliser that turns input bytes into match bytes with flags
 * and an offset map, and the matcher over one block of normalised text. */
#ifndef GLOSSAR_GZ_INTERNAL_H
#define GLOSSAR_GZ_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "extract.h"

/* Flags of one normalised byte. */
enum {
	NZ_WORD = 1 << 0,  /* part of a letter or digit */
	NZ_UP = 1 << 1,    /* its letter was upper case in the input */
	NZ_SPACE = 1 << 2, /* white space came before it */
	NZ_HYPH = 1 << 3,  /* a hyphen joined it to the word before */
	NZ_SOFT = 1 << 4,  /* a hyphen at a line end came before it: the word goes on */
	NZ_CONT = 1 << 5,  /* not the first byte its code point produced */
};
#define NZ_SEP (NZ_SPACE | NZ_HYPH | NZ_SOFT)

/* Normalised text of one block: byte i came from input bytes [off[i], cpend[i]). */
struct nz {
	unsigned char *b, *fl;
	uint32_t *off, *cpend;
	size_t n, cap;
	size_t first_invalid; /* input offset of the first invalid UTF-8 byte, or SIZE_MAX */
};

/* Whether the SSE2 paths of the normaliser and the word-start scan are
 * taken: where the compiler targets SSE2, unless the environment sets
 * GLOSSAR_NO_SIMD (the tests compare both paths). */
int gz_simd_enabled(void);

/* malloc for a large array touched right away (the normaliser's, the
 * walk's, a thread's block): from 1 MB on it starts at a 2 MB boundary
 * and asks for transparent huge pages, since on a virtual machine a fault
 * per 4 KB page cost more than the work done in it. Freed with free. */
void *gz_huge_alloc(size_t len);

void nz_init(struct nz *z);
void nz_free(struct nz *z);
/* Normalises s[0, len); offsets are relative to s. Returns 0 or -1 (memory). */
int nz_run(struct nz *z, const char *s, size_t len);

/* One accepted match, in input offsets of the block. */
struct gz_hit {
	size_t start, end;
	uint32_t entry; /* index into the gazetteer's label entries */
	const char *method;
	double score;   /* 1 except for fuzzy matches */
};

/* Appends h to a growable hit list; 0, or -1 when memory ran out. */
int gz_hit_push(struct gz_hit **hits, size_t *n, size_t *cap, struct gz_hit h);

/* Label entry accessors. */
size_t gz_entry_count(const struct gz *gz);
const char *gz_entry_concept(const struct gz *gz, uint32_t e);
const char *gz_entry_label(const struct gz *gz, uint32_t e);
/* GZ_E_* flags of an entry, and its context terms: normalised keys, each
 * NUL-terminated, the list ended by an empty one ("" when none). */
enum { GZ_E_CASE = 1, GZ_E_COMPOUND = 2, GZ_E_ACRONYM = 4, GZ_E_CONTEXT = 8, GZ_E_SPOKEN = 16 };
unsigned gz_entry_flags(const struct gz *gz, uint32_t e);
const char *gz_entry_context(const struct gz *gz, uint32_t e);

/* Fuzzy matching (fuzzy.c): an index of the long labels built on first
 * use, and a pass over a matched block that adds near misses between the
 * exact hits (hits[0, n_exact) sorted), keeping the array sorted. */
struct gz_fuzzy;
const struct gz_fuzzy *gz_fuzzy_get(const struct gz *gz); /* NULL when memory ran out */
struct gz_fuzzy *gz_fuzzy_new(const struct gz *gz);
void gz_fuzzy_free(struct gz_fuzzy *fz);
int gz_fuzzy_block(const struct gz_fuzzy *fz, const struct nz *z, const char *s, size_t from,
                   size_t limit, struct gz_hit **hits, size_t *n_hits, size_t *cap_hits);

/* Finds the leftmost-longest matches in the normalised block, appending
 * them to *hits (growable array). Matches starting at input offset < from
 * or >= limit are skipped. Returns 0 or -1 (memory). */
int gz_match_block(const struct gz *gz, const struct nz *z, const char *s, size_t from,
                   size_t limit, struct gz_hit **hits, size_t *n_hits, size_t *cap_hits);

#endif
