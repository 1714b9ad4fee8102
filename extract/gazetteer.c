/* gazetteer.c - the label automaton: a byte trie over normalised label keys,
 * laid out as flat arrays in one blob so that a compiled gazetteer is the
 * same bytes in memory and on disk (gz_save, gz_load maps it), and the
 * matcher that walks it from every word start of a normalised block.
 *
 * Matching rules (DESIGN.md, docs/matching.md): keys are case folded with
 * ä/ö/ü/ß as ae/oe/ue/ss and without spaces and hyphens; the text may split
 * a label only where the label has a space or hyphen (or at a line-end
 * hyphen) or a CamelCase capital after two lower-case letters (then the
 * text has the capital: "Bayern-Portal"); a match starts at a word start and
 * ends at a word end, before a hyphen (a hyphenated compound), before one
 * inflection ending, or inside a closed compound when the concept allows
 * it. Inside a multi-word label the words before its first function word
 * decline ("des Bundesamtes für Sicherheit in der ..."): the walk may skip
 * one ending at such a word's end (inflect_branch), and the label checks it
 * is one of its own inflectable words (entry_fits). Acronym labels need the
 * input's capitals; labels flagged `case` need the input's case exactly.
 * Where matches overlap the leftmost, then the longest wins; a span that
 * matches labels of several concepts is reported once per concept, in key
 * order. */
#include "gz_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>
#if defined(__SSE2__) && defined(__GNUC__)
#define GZ_SSE2 1
#include <emmintrin.h>
#endif

#include "../common/afile.h"
#include "../common/buf.h"

#define GZ_MAGIC "GLOSGZ\0\1"
#define GZ_VERSION 4u /* 3: N_STEM nodes and S_* separator bits (inflection inside labels, CamelCase); 4: context terms, spoken acronyms */
#define GZ_ENDIAN 0x01020304u

enum { E_CASE = 1, E_COMPOUND = 2, E_ACRONYM = 4, E_CONTEXT = 8, E_SPOKEN = 16 };
_Static_assert((int)E_CONTEXT == (int)GZ_E_CONTEXT && (int)E_SPOKEN == (int)GZ_E_SPOKEN &&
               (int)E_ACRONYM == (int)GZ_E_ACRONYM && (int)E_CASE == (int)GZ_E_CASE,
               "entry flags as gz_internal.h names them");

struct gz_header {
	char magic[8];
	uint32_t version, endian;
	uint32_t n_nodes, n_edges, n_entries, pool_len;
	uint32_t max_key, reserved; /* reserved: 0 (version 1 had a hash table here) */
	uint64_t total;
};

struct gz_node {
	uint32_t edge_start;
	uint16_t n_edges, flags; /* N_SPLIT: some label has a space or hyphen before this byte */
	uint32_t out_start, n_out;
};

/* N_STEM: some label has an inflectable word whose stem ends at this node
 * (the word itself, or it without its own ending), followed by a space. */
enum { N_SPLIT = 1, N_STEM = 2 };
#define C_OUT (1u << 31)   /* the child ends a label */
#define C_SPLIT (1u << 30) /* the child has N_SPLIT */
#define C_STEM (1u << 29)  /* the child has N_STEM */
#define C_NODE(c) ((c) & 0xffffffu)
#define W_OFF(w) ((w) & 0x1fffffffu) /* record offset of a walk word */

/* A label's separator mask, one byte per key byte (the byte before which
 * the label has a break): S_SPLIT the text may split here; S_INFL a space
 * after an inflectable word, whose own ending has S_OWN(m) bytes; S_CAMEL
 * a CamelCase capital the text may split before (then only before a
 * capital). */
enum { S_SPLIT = 1, S_INFL = 2, S_CAMEL = 4 };
#define S_OWN(m) (((unsigned)(m) >> 3) & 3u)

struct gz_entry {
	uint32_t concept, label, sep, up; /* pool offsets; sep and up have keylen bytes */
	uint32_t keylen, kind, flags, context; /* context: pool offset of the terms, 0 none */
};

struct gz {
	void *blob;
	size_t blob_len;
	int is_mapped;
	const struct gz_header *h;
	const struct gz_node *nodes;
	const unsigned char *edge_byte;
	const uint32_t *edge_child;
	const struct gz_entry *entries;
	const char *pool;
	/* The walk: every reachable node as one record in depth-first order,
	 * so that a label's chain of nodes lies in consecutive memory and a
	 * step touches one or two cache lines (a hash probe was a cache miss
	 * per byte with a large vocabulary). Record at offset r: walk[r] the
	 * node's number of edges n, walk[r + 1] and walk[r + 2] its out_start
	 * and n_out (the labels ending there), then the n edge bytes
	 * (sorted, packed four to a word), then the n walk words of the
	 * children: record offset | C_OUT | C_SPLIT. Built by gz_bind. */
	uint32_t *walk;
	uint32_t root[256]; /* walk word of the root's child per byte, 0 when none */
	uint32_t *root2;    /* walk word two bytes down, [b0 << 8 | b1]: hot, in cache */
	/* The word-start filter: one bit per hash of every key's first four
	 * bytes and of every key of three bytes (as four with a 0 byte: no
	 * normalised byte is 0). Four bytes of text that hit neither, after a
	 * first byte and a first two that end no label, start no match: most
	 * word starts are dismissed without a walk. Built by build_walk. */
	uint64_t *pre;
	unsigned pre_shift;
	struct gz_fuzzy *fuzzy; /* built on first use by gz_fuzzy_get */
};

static inline uint32_t child_word(const struct gz_node *nodes, uint32_t c)
{
	return c | (nodes[c].n_out ? C_OUT : 0) | ((nodes[c].flags & N_SPLIT) ? C_SPLIT : 0) |
	       ((nodes[c].flags & N_STEM) ? C_STEM : 0);
}

/* ---- the streaming normaliser ---- */

void nz_init(struct nz *z)
{
	memset(z, 0, sizeof *z);
	z->first_invalid = SIZE_MAX;
}

void nz_free(struct nz *z)
{
	free(z->b);
	free(z->fl);
	free(z->off);
	free(z->cpend);
	nz_init(z);
}

void *gz_huge_alloc(size_t len)
{
	enum { HUGE = 2 << 20 };
	if (len < HUGE / 2)
		return malloc(len);
	len = (len + HUGE - 1) & ~(size_t)(HUGE - 1);
	void *p = aligned_alloc(HUGE, len);
	if (p)
		madvise(p, len, MADV_HUGEPAGE); /* a hint: without it, 4 KB pages */
	return p;
}

/* Room for need bytes; what the arrays held is not kept (nz_run starts
 * anew), so they are allocated afresh rather than copied. */
static int nz_reserve(struct nz *z, size_t need)
{
	if (need <= z->cap)
		return 0;
	size_t cap = z->cap ? z->cap : 4096;
	while (cap < need)
		cap *= 2;
	nz_free(z);
	z->b = gz_huge_alloc(cap);
	z->fl = gz_huge_alloc(cap);
	z->off = gz_huge_alloc(cap * sizeof *z->off);
	z->cpend = gz_huge_alloc(cap * sizeof *z->cpend);
	if (!z->b || !z->fl || !z->off || !z->cpend) {
		nz_free(z);
		return -1;
	}
	z->cap = cap;
	return 0;
}

static int is_dash(int32_t c)
{
	return c == '-' || (c >= 0x2010 && c <= 0x2015) || c == 0x2212;
}

/* Separator state between two emitted characters. */
struct sep_state {
	int space; /* white space before any hyphen */
	int hyph;  /* 0 none, 1 hyphen, 2 hyphen then a line break, 3 hyphen then blanks */
};

static unsigned sep_flags(struct sep_state *st, int is_lower_letter)
{
	unsigned f = 0;
	if (st->space || st->hyph == 3)
		f = NZ_SPACE;
	else if (st->hyph == 1)
		f = NZ_HYPH;
	else if (st->hyph == 2)
		f = is_lower_letter ? NZ_SOFT : NZ_HYPH;
	st->space = 0;
	st->hyph = 0;
	return f;
}

static void sep_space(struct sep_state *st, int is_newline)
{
	if (st->hyph == 1 || st->hyph == 3)
		st->hyph = is_newline ? 2 : 3;
	else if (!st->hyph)
		st->space = 1;
}

static void sep_hyphen(struct sep_state *st)
{
	if (st->hyph) /* "--" or "- -": a dash between words, like a space */
		st->space = 1;
	else
		st->hyph = 1;
}

/* The ASCII fast path's table: the normalised byte (bits 0-7), its
 * flags (bits 8-13), white space that is not emitted (bit 14), and the
 * hyphen, which leaves the fast path for the separator state (bit 15). */
enum { NZA_FLAGS = 0x3f, NZA_SPACE_BIT = 14 };
#define NZA_SP (1u << NZA_SPACE_BIT)
#define NZA_EXIT (1u << 15)
#define NZA_L(c) ((c) | NZ_WORD << 8)
#define NZA_U(c) (((c) | 0x20) | (NZ_WORD | NZ_UP) << 8)
static const uint16_t nz_ascii[128] = {
	NZA_SP, 1, 2, 3, 4, 5, 6, 7,
	8, NZA_SP, NZA_SP, NZA_SP, NZA_SP, NZA_SP, 14, 15,
	16, 17, 18, 19, 20, 21, 22, 23,
	24, 25, 26, 27, 28, 29, 30, 31,
	NZA_SP, '!', '"', '#', '$', '%', '&', '\'',
	'(', ')', '*', '+', ',', NZA_EXIT, '.', '/',
	NZA_L('0'), NZA_L('1'), NZA_L('2'), NZA_L('3'), NZA_L('4'), NZA_L('5'), NZA_L('6'), NZA_L('7'),
	NZA_L('8'), NZA_L('9'), ':', ';', '<', '=', '>', '?',
	'@', NZA_U('A'), NZA_U('B'), NZA_U('C'), NZA_U('D'), NZA_U('E'), NZA_U('F'), NZA_U('G'),
	NZA_U('H'), NZA_U('I'), NZA_U('J'), NZA_U('K'), NZA_U('L'), NZA_U('M'), NZA_U('N'), NZA_U('O'),
	NZA_U('P'), NZA_U('Q'), NZA_U('R'), NZA_U('S'), NZA_U('T'), NZA_U('U'), NZA_U('V'), NZA_U('W'),
	NZA_U('X'), NZA_U('Y'), NZA_U('Z'), '[', '\\', ']', '^', '_',
	'`', NZA_L('a'), NZA_L('b'), NZA_L('c'), NZA_L('d'), NZA_L('e'), NZA_L('f'), NZA_L('g'),
	NZA_L('h'), NZA_L('i'), NZA_L('j'), NZA_L('k'), NZA_L('l'), NZA_L('m'), NZA_L('n'), NZA_L('o'),
	NZA_L('p'), NZA_L('q'), NZA_L('r'), NZA_L('s'), NZA_L('t'), NZA_L('u'), NZA_L('v'), NZA_L('w'),
	NZA_L('x'), NZA_L('y'), NZA_L('z'), '{', '|', '}', '~', 127,
};

#define EMIT(byte, flags, from, to)                                                    \
	do {                                                                           \
		z->b[z->n] = (unsigned char)(byte);                                    \
		z->fl[z->n] = (unsigned char)(flags);                                  \
		z->off[z->n] = (uint32_t)(from);                                       \
		z->cpend[z->n] = (uint32_t)(to);                                       \
		z->n++;                                                                \
	} while (0)

int gz_simd_enabled(void)
{
#ifdef GZ_SSE2
	const char *e = getenv("GLOSSAR_NO_SIMD");
	return !(e && *e && strcmp(e, "0"));
#else
	return 0;
#endif
}

#ifdef GZ_SSE2
/* The ASCII fast path sixteen bytes at a time: each step copies one run of
 * non-space bytes (a word, punctuation) with its flags and offsets in
 * whole vectors and skips the white space after it; the vectors' bytes past
 * the run are overwritten later (the buffers have room for them). Stops
 * at a hyphen or a byte >= 0x80, or where fewer than 16 bytes are left;
 * the scalar loop goes on from there, with the same results. */
static void nz_ascii_sse2(const unsigned char *u, size_t len, size_t *pi, struct nz *z,
                          size_t *pn, unsigned *ppending)
{
	size_t i = *pi, n = *pn;
	unsigned pending = *ppending;
	const __m128i k_word = _mm_set1_epi8(NZ_WORD), k_up = _mm_set1_epi8(NZ_UP);
	const __m128i k_case = _mm_set1_epi8(0x20), k_dash = _mm_set1_epi8('-');
	const __m128i k_sp = _mm_set1_epi8(' '), k_zero = _mm_setzero_si128();
	const __m128i k_ramp = _mm_set_epi32(3, 2, 1, 0), k_four = _mm_set1_epi32(4);
	const __m128i k_one = _mm_set1_epi32(1);
	while (i + 16 <= len) {
		__m128i x = _mm_loadu_si128((const __m128i *)(u + i));
		/* bytes >= 0x80 are negative: every compare below is false for them */
		__m128i up = _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8('A' - 1)),
		                           _mm_cmplt_epi8(x, _mm_set1_epi8('Z' + 1)));
		__m128i lo = _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8('a' - 1)),
		                           _mm_cmplt_epi8(x, _mm_set1_epi8('z' + 1)));
		__m128i dg = _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8('0' - 1)),
		                           _mm_cmplt_epi8(x, _mm_set1_epi8('9' + 1)));
		/* white space: ' ', \t \n \v \f \r (9-13), NUL */
		__m128i sp = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, k_sp), _mm_cmpeq_epi8(x, k_zero)),
		                          _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8(8)),
		                                        _mm_cmplt_epi8(x, _mm_set1_epi8(14))));
		unsigned special = (unsigned)_mm_movemask_epi8(x) |
		                   (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, k_dash));
		unsigned spaces = (unsigned)_mm_movemask_epi8(sp);
		if (special & 1)
			break;
		/* the run up to the first space or special byte (16 when none) */
		unsigned m = (unsigned)__builtin_ctz(special | spaces | 0x10000u);
		if (m) {
			__m128i word = _mm_or_si128(_mm_or_si128(up, lo), dg);
			__m128i fl = _mm_or_si128(_mm_and_si128(word, k_word), _mm_and_si128(up, k_up));
			_mm_storeu_si128((__m128i *)(z->b + n), _mm_or_si128(x, _mm_and_si128(up, k_case)));
			_mm_storeu_si128((__m128i *)(z->fl + n), fl);
			z->fl[n] |= (unsigned char)pending;
			__m128i o = _mm_add_epi32(_mm_set1_epi32((int)i), k_ramp);
			for (int q = 0; q < 4; q++) {
				_mm_storeu_si128((__m128i *)(z->off + n + 4 * q), o);
				_mm_storeu_si128((__m128i *)(z->cpend + n + 4 * q), _mm_add_epi32(o, k_one));
				o = _mm_add_epi32(o, k_four);
			}
			n += m;
			i += m;
			pending = 0;
		}
		/* the white space after it, within these 16 bytes */
		unsigned k = (unsigned)__builtin_ctz(~(spaces >> m));
		if (k > 16 - m)
			k = 16 - m;
		if (k) {
			i += k;
			pending = NZ_SPACE;
		}
		if (m + k < 16 && ((special >> (m + k)) & 1))
			break;
	}
	*pi = i;
	*pn = n;
	*ppending = pending;
}
#endif

int nz_run(struct nz *z, const char *s, size_t len)
{
	z->n = 0;
	z->first_invalid = SIZE_MAX;
	if (len > UINT32_MAX - 16)
		return -1;
	/* A code point of k bytes yields at most 3 folded code points of 4 bytes. */
	if (nz_reserve(z, len * 3 + 16) < 0)
		return -1;
	const unsigned char *u = (const unsigned char *)s;
	int use_simd = gz_simd_enabled();
	(void)use_simd;
	struct sep_state st = { 1, 0 };
	size_t i = 0;
	unsigned char *ob = z->b, *ofl = z->fl;
	uint32_t *ooff = z->off, *oend = z->cpend;
	while (i < len) {
		unsigned c = u[i];
		if (!st.hyph && c < 0x80 && c != '-') {
			/* The hot path: ASCII without hyphens, no branch per byte.
			 * Every byte is written at n; white space does not move n,
			 * so the next byte overwrites it. */
			size_t n = z->n;
			unsigned pending = st.space ? NZ_SPACE : 0;
#ifdef GZ_SSE2
			if (use_simd)
				nz_ascii_sse2(u, len, &i, z, &n, &pending);
#endif
			while (i < len) {
				c = u[i];
				if (c >= 0x80)
					break;
				unsigned t = nz_ascii[c];
				if (t & NZA_EXIT)
					break;
				unsigned is_space = (t >> NZA_SPACE_BIT) & 1;
				ob[n] = (unsigned char)t;
				ofl[n] = (unsigned char)((t >> 8 & NZA_FLAGS) | pending);
				ooff[n] = (uint32_t)i;
				oend[n] = (uint32_t)(i + 1);
				n += 1 - is_space;
				pending = is_space * NZ_SPACE;
				i++;
			}
			z->n = n;
			st.space = pending != 0;
			continue;
		}
		if (c < 0x80) {
			if (c >= 'A' && c <= 'Z') {
				EMIT(c | 0x20, NZ_WORD | NZ_UP | sep_flags(&st, 0), i, i + 1);
			} else if (c >= 'a' && c <= 'z') {
				EMIT(c, NZ_WORD | sep_flags(&st, 1), i, i + 1);
			} else if (c >= '0' && c <= '9') {
				EMIT(c, NZ_WORD | sep_flags(&st, 0), i, i + 1);
			} else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' ||
			           c == 0) {
				sep_space(&st, 0);
			} else if (c == '\n') {
				sep_space(&st, 1);
			} else if (c == '-') {
				sep_hyphen(&st);
			} else {
				EMIT(c, sep_flags(&st, 0), i, i + 1);
			}
			i++;
			continue;
		}
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate(u + i, (utf8proc_ssize_t)(len - i), &cp);
		if (k <= 0) {
			if (z->first_invalid == SIZE_MAX)
				z->first_invalid = i;
			EMIT('?', sep_flags(&st, 0), i, i + 1);
			i++;
			continue;
		}
		size_t end = i + (size_t)k;
		if (cp == 0xAD) { /* soft hyphen: nothing */
		} else if (is_dash(cp) || cp == 0x2011) {
			sep_hyphen(&st);
		} else if (cp == 0x85 || cp == 0x2028 || cp == 0x2029) {
			sep_space(&st, 1);
		} else if (cp == 0xFEFF || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060) {
			/* BOM, zero-width space, non-joiner, joiner, word joiner: nothing, as in norm.c */
		} else {
			utf8proc_category_t cat = utf8proc_category(cp);
			if (cat == UTF8PROC_CATEGORY_ZS) {
				sep_space(&st, 0);
			} else if (cp == 0xE4 || cp == 0xC4 || cp == 0xF6 || cp == 0xD6 ||
			           cp == 0xFC || cp == 0xDC) {
				unsigned up = (cp == 0xC4 || cp == 0xD6 || cp == 0xDC) ? NZ_UP : 0;
				int base = (cp == 0xE4 || cp == 0xC4) ? 'a' : (cp == 0xF6 || cp == 0xD6) ? 'o' : 'u';
				EMIT(base, NZ_WORD | up | sep_flags(&st, !up), i, end);
				EMIT('e', NZ_WORD | NZ_CONT, i, end);
			} else if (cp == 0xDF || cp == 0x1E9E) {
				EMIT('s', NZ_WORD | (cp == 0x1E9E ? NZ_UP : 0) | sep_flags(&st, cp == 0xDF), i, end);
				EMIT('s', NZ_WORD | NZ_CONT, i, end);
			} else if (cp == 0x308 && z->n && (z->fl[z->n - 1] & NZ_WORD) &&
			           (z->b[z->n - 1] == 'a' || z->b[z->n - 1] == 'o' ||
			            z->b[z->n - 1] == 'u')) {
				/* a decomposed umlaut: the e of ae, oe, ue */
				z->cpend[z->n - 1] = (uint32_t)end;
				EMIT('e', NZ_WORD | NZ_CONT, z->off[z->n - 1], end);
			} else if (cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_ME) {
				/* other combining marks belong to the letter before */
				if (z->n)
					z->cpend[z->n - 1] = (uint32_t)end;
			} else {
				int is_word = cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_NO;
				int is_upper = cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
				utf8proc_int32_t fold[8];
				utf8proc_ssize_t nf = utf8proc_decompose_char(cp, fold, 8, UTF8PROC_CASEFOLD, NULL);
				if (nf <= 0 || nf > 3) {
					fold[0] = cp;
					nf = 1;
				}
				unsigned f0 = (is_word ? NZ_WORD : 0) | (is_upper ? NZ_UP : 0) |
				              sep_flags(&st, cat == UTF8PROC_CATEGORY_LL);
				for (utf8proc_ssize_t q = 0; q < nf; q++) {
					utf8proc_uint8_t enc[4];
					utf8proc_ssize_t ne = utf8proc_encode_char(fold[q], enc);
					for (utf8proc_ssize_t r = 0; r < ne; r++) {
						EMIT(enc[r], (q == 0 && r == 0) ? f0 : ((f0 & (NZ_WORD | NZ_UP)) | NZ_CONT), i, end);
					}
				}
			}
		}
		i = end;
	}
	/* four 0 bytes after the text: the scan reads a start's next four */
	memset(z->b + z->n, 0, 4);
	return 0;
}

/* ---- compiling ---- */

struct bnode {
	uint32_t first_child, next_sibling, first_entry;
	unsigned char byte, may_split, stem;
};

struct bentry {
	uint32_t node, concept, label, sep, up, keylen, kind, flags, next, context;
};

static int is_acronym(const char *s)
{
	int upper = 0, lower = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p >= 'A' && *p <= 'Z')
			upper++;
		else if (*p >= 'a' && *p <= 'z')
			lower++;
	}
	return upper >= 2 && upper >= lower;
}

static int pool_add(struct buf *pool, const void *s, size_t len, uint32_t *off)
{
	if (pool->len > UINT32_MAX - len - 1)
		return -1;
	*off = (uint32_t)pool->len;
	if (buf_append(pool, s, len) < 0 || buf_putc(pool, 0) < 0)
		return -1;
	return 0;
}

static int cmp_entry(const void *a, const void *b, void *pool)
{
	const struct bentry *x = a, *y = b;
	if (x->node != y->node)
		return x->node < y->node ? -1 : 1;
	int c = strcmp((const char *)pool + x->concept, (const char *)pool + y->concept);
	if (c)
		return c;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return strcmp((const char *)pool + x->label, (const char *)pool + y->label);
}

/* Words that never inflect inside a label, normalised: articles,
 * prepositions, conjunctions (and their English kin in English labels).
 * Inflection stops at the first of them: in "Bundesamt für Sicherheit in
 * der Informationstechnik" only "Bundesamt" declines. */
static const char *const function_words[] = {
	"der", "die", "das", "des", "dem", "den", "ein", "eine", "einer", "eines", "einem",
	"einen", "und", "oder", "sowie", "fuer", "von", "vom", "zu", "zum", "zur", "in", "im",
	"an", "am", "auf", "aus", "bei", "beim", "mit", "nach", "ueber", "unter", "vor", "gegen",
	"ohne", "durch", "um", "bis", "seit", "wegen", "gemaess", "als", "wie", "ins", "ans",
	"of", "and", "the", "for", "on", "to", "a",
};

static int is_function_word(const unsigned char *w, size_t len)
{
	for (size_t q = 0; q < sizeof function_words / sizeof function_words[0]; q++)
		if (strlen(function_words[q]) == len && !memcmp(function_words[q], w, len))
			return 1;
	return 0;
}

/* The label's own endings an inflectable word may lose ("Bayerisches" →
 * "Bayerischen"), longer first, and the endings the text may give it. */
static const char *const own_endings[] = { "em", "en", "er", "es", "e" };
/* The endings the text may give an inflectable word inside a label:
 * -e -em -en -er -es -n -s. */
static int is_inner_ending(const unsigned char *b, size_t len)
{
	if (len == 1)
		return b[0] == 'e' || b[0] == 'n' || b[0] == 's';
	return len == 2 && b[0] == 'e' && (b[1] == 'm' || b[1] == 'n' || b[1] == 'r' || b[1] == 's');
}

/* Fills the separator mask of a normalised label (S_* bits): breaks as
 * written, CamelCase capitals after two lower-case letters at least and
 * the inflectable words: those before the first function word that are
 * letters only (their last part if hyphenated), at least three of them,
 * with at most one capital; the break after such a word gets S_INFL and
 * the length of the word's own ending, if any (S_OWN). */
static void label_mask(const struct nz *z, unsigned char *sep)
{
	size_t n = z->n;
	for (size_t j = 0; j < n; j++) {
		sep[j] = (z->fl[j] & NZ_SEP) ? S_SPLIT : 0;
		if (j > 0 && (z->fl[j] & NZ_UP) && !(z->fl[j] & (NZ_SEP | NZ_CONT))) {
			/* the lower-case letters right before: two at least, so
			 * that EfA or eID never split */
			size_t lower = 0, k = j;
			while (k > 0) {
				k--;
				unsigned f = z->fl[k];
				if (!(f & NZ_WORD) || (f & NZ_UP) || (z->b[k] >= '0' && z->b[k] <= '9'))
					break;
				if (!(f & NZ_CONT))
					lower++;
				if (f & NZ_SEP)
					break;
			}
			if (lower >= 2)
				sep[j] = S_SPLIT | S_CAMEL;
		}
	}
	/* the words, split at spaces only: a hyphenated compound is one word
	 * and declines at its end */
	size_t ws = 0;
	for (size_t j = 1; j <= n; j++) {
		if (j < n && !(z->fl[j] & NZ_SPACE))
			continue;
		size_t we = j; /* the word is [ws, we) */
		if (is_function_word(z->b + ws, we - ws))
			return;
		if (we == n)
			return; /* the last word: end_kind's endings */
		size_t part = we - 1; /* the last part of a hyphenated word */
		while (part > ws && !(z->fl[part] & NZ_HYPH))
			part--;
		int ok = 1, caps = 0;
		size_t letters = 0;
		for (size_t k = part; k < we; k++) {
			if (!(z->fl[k] & NZ_WORD) || (z->b[k] >= '0' && z->b[k] <= '9'))
				ok = 0;
			if (z->fl[k] & NZ_UP)
				caps++;
			if (!(z->fl[k] & NZ_CONT))
				letters++;
		}
		if (ok && caps <= 1 && letters >= 3) {
			unsigned own = 0;
			for (size_t q = 0; q < sizeof own_endings / sizeof own_endings[0]; q++) {
				size_t L = strlen(own_endings[q]);
				if (we - part >= L + 4 && !memcmp(z->b + we - L, own_endings[q], L)) {
					size_t k = we - L;
					while (k < we && !(z->fl[k] & NZ_CONT))
						k++;
					if (k == we) {
						own = (unsigned)L;
						break;
					}
				}
			}
			sep[we] |= (unsigned char)(S_INFL | own << 3);
		}
		ws = we;
	}
}

/* The normalised keys of the context terms (one per line) into the pool,
 * each NUL-terminated, the list ended by an empty one. An acronym term
 * keeps its capitals as ASCII capitals (a key has none otherwise), so
 * that it is found only in capitals, as the gazetteer matches it. */
static int add_context(struct buf *pool, struct nz *z, const char *terms, uint32_t *off)
{
	if (pool->len > UINT32_MAX / 2)
		return -1;
	*off = (uint32_t)pool->len;
	for (const char *p = terms; *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		if (n && nz_run(z, p, n) < 0)
			return -1;
		char term[1001];
		if (n && z->n && z->n <= 1000) {
			memcpy(term, p, n < 1000 ? n : 1000);
			term[n < 1000 ? n : 1000] = 0;
			int acronym = is_acronym(term);
			size_t at = pool->len;
			if (buf_append(pool, z->b, z->n) < 0 || buf_putc(pool, 0) < 0)
				return -1;
			for (size_t j = 0; acronym && j < z->n; j++)
				if ((z->fl[j] & NZ_UP) && pool->data[at + j] >= 'a' && pool->data[at + j] <= 'z')
					pool->data[at + j] = (char)(pool->data[at + j] - 32);
		}
		p += n + (nl != NULL);
	}
	return buf_putc(pool, 0);
}

static int gz_bind(struct gz *gz, struct err *err, const char *what);
static int build_walk(struct gz *gz, struct err *err, const char *what);

struct gz_node;
static inline uint32_t child_word(const struct gz_node *nodes, uint32_t c);


/* Levels laid out breadth-first: every word start visits these records, so
 * they lie together (a few hundred KB with 13,000 law titles, in L2). */
enum { WALK_BFS = 6 };

/* Sorts each node's list of children by byte. */
static void sort_children(struct bnode *nodes, size_t n_nodes)
{
	for (size_t v = 0; v < n_nodes; v++) {
		uint32_t sorted = 0;
		for (uint32_t c = nodes[v].first_child, next; c; c = next) {
			next = nodes[c].next_sibling;
			uint32_t *at = &sorted;
			while (*at && nodes[*at].byte < nodes[c].byte)
				at = &nodes[*at].next_sibling;
			nodes[c].next_sibling = *at;
			*at = c;
		}
		nodes[v].first_child = sorted;
	}
}

/* The nodes in the order build_walk lays out their records: the top
 * WALK_BFS levels breadth-first, then each subtree below them
 * depth-first, children by byte. order[k] is the k-th node, nn[v] the
 * place of node v. Sorts the children. */
static int walk_order(struct bnode *nodes, size_t n_nodes, uint32_t **order_out, uint32_t **nn_out)
{
	uint32_t *order = malloc(n_nodes * sizeof *order);
	uint32_t *nn = malloc(n_nodes * sizeof *nn);
	uint32_t *stack = malloc(n_nodes * sizeof *stack);
	if (!order || !nn || !stack) {
		free(order);
		free(nn);
		free(stack);
		return -1;
	}
	sort_children(nodes, n_nodes);
	size_t n = 0, qh = 0, level_end = 1;
	unsigned level = 0;
	order[n++] = 0;
	while (qh < n) {
		if (qh == level_end) {
			level++;
			level_end = n;
		}
		if (level == WALK_BFS)
			break;
		for (uint32_t c = nodes[order[qh++]].first_child; c; c = nodes[c].next_sibling)
			order[n++] = c;
	}
	for (size_t q = qh, end = n; q < end; q++) {
		size_t sp = 0;
		for (uint32_t c = nodes[order[q]].first_child; c || sp;) {
			if (!c) {
				c = stack[--sp];
				continue;
			}
			order[n++] = c;
			if (nodes[c].next_sibling)
				stack[sp++] = nodes[c].next_sibling;
			c = nodes[c].first_child;
		}
	}
	free(stack);
	for (size_t k = 0; k < n; k++)
		nn[order[k]] = (uint32_t)k;
	*order_out = order;
	*nn_out = nn;
	return 0;
}

struct gz *gz_compile(const struct gz_label *labels, size_t n_labels, struct err *err)
{
	return gz_compile_ctx(labels, NULL, n_labels, err);
}

struct gz *gz_compile_ctx(const struct gz_label *labels, const char *const *contexts,
                          size_t n_labels, struct err *err)
{
	struct bnode *nodes = NULL;
	struct bentry *ents = NULL;
	size_t n_nodes = 1, cap_nodes = 1024, n_ents = 0;
	uint32_t root_child[256] = { 0 };
	struct buf pool = BUF_INIT;
	struct nz z;
	nz_init(&z);
	struct gz *gz = NULL;
	size_t max_key = 0;
	const char *last_ctx = NULL; /* labels of one concept share their terms */
	uint32_t last_ctx_off = 0;

	nodes = calloc(cap_nodes, sizeof *nodes);
	ents = calloc(n_labels ? n_labels : 1, sizeof *ents);
	if (!nodes || !ents || buf_putc(&pool, 0) < 0)
		goto oom;
	for (size_t li = 0; li < n_labels; li++) {
		const char *text = labels[li].text;
		if (!text || !labels[li].concept)
			continue;
		if (nz_run(&z, text, strlen(text)) < 0)
			goto oom;
		if (z.n == 0 || z.n > 1000)
			continue; /* nothing to match, or not a label */
		unsigned char sepm[1000];
		uint32_t path[1000]; /* path[j]: the node after key byte j */
		label_mask(&z, sepm);
		uint32_t node = 0;
		for (size_t j = 0; j < z.n; j++) {
			unsigned char byte = z.b[j];
			uint32_t child = 0;
			if (node == 0) {
				child = root_child[byte];
			} else {
				for (uint32_t c = nodes[node].first_child; c; c = nodes[c].next_sibling)
					if (nodes[c].byte == byte) {
						child = c;
						break;
					}
			}
			if (!child) {
				if (n_nodes == cap_nodes) {
					struct bnode *nn = realloc(nodes, 2 * cap_nodes * sizeof *nodes);
					if (!nn)
						goto oom;
					nodes = nn;
					cap_nodes *= 2;
				}
				if (n_nodes >= UINT32_MAX)
					goto oom;
				child = (uint32_t)n_nodes++;
				memset(&nodes[child], 0, sizeof nodes[child]);
				nodes[child].byte = byte;
				if (node == 0) {
					root_child[byte] = child;
				} else {
					nodes[child].next_sibling = nodes[node].first_child;
					nodes[node].first_child = child;
				}
			}
			if (sepm[j])
				nodes[child].may_split = 1;
			node = child;
			path[j] = child;
		}
		for (size_t j = 1; j < z.n; j++)
			if (sepm[j] & S_INFL) {
				nodes[path[j - 1]].stem = 1;
				if (S_OWN(sepm[j]))
					nodes[path[j - 1 - S_OWN(sepm[j])]].stem = 1;
			}
		struct bentry *e = &ents[n_ents];
		memset(e, 0, sizeof *e);
		e->node = node;
		e->keylen = (uint32_t)z.n;
		e->kind = labels[li].kind;
		e->flags = ((labels[li].flags & GZ_FLAG_CASE) ? E_CASE : 0) |
		           ((labels[li].flags & GZ_FLAG_COMPOUND) ? E_COMPOUND : 0) |
		           (is_acronym(text) ? E_ACRONYM : 0) |
		           ((labels[li].flags & GZ_FLAG_CONTEXT) ? E_CONTEXT : 0) |
		           ((labels[li].flags & GZ_FLAG_SPOKEN) && is_acronym(text) ? E_SPOKEN : 0);
		if (pool_add(&pool, labels[li].concept, strlen(labels[li].concept), &e->concept) < 0 ||
		    pool_add(&pool, text, strlen(text), &e->label) < 0)
			goto oom;
		/* The separator and capital masks, one byte per key byte. */
		size_t at = pool.len;
		if (buf_grow(&pool, 2 * z.n + 2) < 0)
			goto oom;
		for (size_t j = 0; j < z.n; j++)
			pool.data[at + j] = sepm[j];
		for (size_t j = 0; j < z.n; j++)
			pool.data[at + z.n + j] = (z.fl[j] & NZ_UP) ? 1 : 0;
		pool.len += 2 * z.n;
		pool.data[pool.len] = 0;
		e->sep = (uint32_t)at;
		e->up = (uint32_t)(at + z.n);
		if (z.n > max_key)
			max_key = z.n;
		n_ents++;
		if (e->flags & E_CONTEXT) {
			const char *terms = contexts && contexts[li] ? contexts[li] : "";
			if (terms != last_ctx && add_context(&pool, &z, terms, &last_ctx_off) < 0)
				goto oom;
			last_ctx = terms;
			e->context = last_ctx_off;
		}
	}
	for (unsigned byte = 0; byte < 256; byte++)
		if (root_child[byte]) {
			nodes[root_child[byte]].next_sibling = nodes[0].first_child;
			nodes[0].first_child = root_child[byte];
		}
	if (buf_putc(&pool, 0) < 0) /* the pool ends with a NUL: checked on load */
		goto oom;
	qsort_r(ents, n_ents, sizeof *ents, cmp_entry, pool.data);
	/* Nodes numbered in the order build_walk lays out their records, so
	 * that loading reads the node and edge arrays front to back (the
	 * labels keep their order). */
	uint32_t *order = NULL, *nn = NULL;
	if (walk_order(nodes, n_nodes, &order, &nn) < 0)
		goto oom;

	/* Lay out the blob. */
	size_t n_edges = n_nodes - 1;
	size_t off_nodes = sizeof(struct gz_header);
	size_t off_eb = off_nodes + n_nodes * sizeof(struct gz_node);
	size_t off_ec = off_eb + ((n_edges + 3) & ~(size_t)3);
	if (n_nodes >= (1u << 24) - 1)
		goto oom; /* node ids must fit the hash keys */
	size_t off_ent = off_ec + n_edges * sizeof(uint32_t);
	size_t off_pool = off_ent + n_ents * sizeof(struct gz_entry);
	size_t total = off_pool + pool.len;
	gz = calloc(1, sizeof *gz);
	char *blob = calloc(1, total);
	if (!gz || !blob) {
		free(blob);
		free(order);
		free(nn);
		goto oom;
	}
	gz->blob = blob;
	gz->blob_len = total;
	struct gz_header *h = (struct gz_header *)blob;
	memcpy(h->magic, GZ_MAGIC, 8);
	h->version = GZ_VERSION;
	h->endian = GZ_ENDIAN;
	h->n_nodes = (uint32_t)n_nodes;
	h->n_edges = (uint32_t)n_edges;
	h->n_entries = (uint32_t)n_ents;
	h->pool_len = (uint32_t)pool.len;
	h->max_key = (uint32_t)max_key;
	h->total = total;
	struct gz_node *fn = (struct gz_node *)(blob + off_nodes);
	unsigned char *eb = (unsigned char *)(blob + off_eb);
	uint32_t *ec = (uint32_t *)(blob + off_ec);
	struct gz_entry *fe = (struct gz_entry *)(blob + off_ent);
	size_t edge = 0;
	for (size_t k = 0; k < n_nodes; k++) {
		uint32_t v = order[k]; /* its children are sorted by byte */
		fn[k].edge_start = (uint32_t)edge;
		size_t first = edge;
		for (uint32_t c = nodes[v].first_child; c; c = nodes[c].next_sibling) {
			eb[edge] = nodes[c].byte;
			ec[edge++] = nn[c];
		}
		fn[k].n_edges = (uint16_t)(edge - first);
		fn[k].flags = (uint16_t)((nodes[v].may_split ? N_SPLIT : 0) | (nodes[v].stem ? N_STEM : 0));
	}
	free(order);
	for (size_t q = 0; q < n_ents; q++) {
		struct gz_node *v = &fn[nn[ents[q].node]];
		if (!v->n_out)
			v->out_start = (uint32_t)q;
		v->n_out++;
		fe[q] = (struct gz_entry){ ents[q].concept, ents[q].label, ents[q].sep, ents[q].up,
			                   ents[q].keylen, ents[q].kind, ents[q].flags,
			                   ents[q].context };
	}
	free(nn);
	memcpy(blob + off_pool, pool.data, pool.len);
	free(nodes);
	free(ents);
	buf_free(&pool);
	nz_free(&z);
	if (gz_bind(gz, err, "gazetteer") < 0) {
		gz_free(gz);
		return NULL;
	}
	return gz;
oom:
	free(nodes);
	free(ents);
	buf_free(&pool);
	nz_free(&z);
	free(gz);
	err_set(err, "", 0, "out of memory compiling the gazetteer");
	return NULL;
}

void gz_free(struct gz *gz)
{
	if (!gz)
		return;
	free(gz->root2);
	free(gz->pre);
	free(gz->walk);
	gz_fuzzy_free(gz->fuzzy);
	if (gz->is_mapped)
		munmap(gz->blob, gz->blob_len);
	else
		free(gz->blob);
	free(gz);
}

/* Checks every count, offset and index of the blob against its size, so a
 * corrupt file is an error and the matcher never reads outside it. */
static int gz_bind(struct gz *gz, struct err *err, const char *what)
{
	const char *blob = gz->blob;
	size_t len = gz->blob_len;
	if (len < sizeof(struct gz_header) || memcmp(blob, GZ_MAGIC, 8) != 0)
		return err_set(err, what, 0, "not a compiled glossar gazetteer");
	const struct gz_header *h = (const struct gz_header *)blob;
	if (h->endian != GZ_ENDIAN)
		return err_set(err, what, 0, "compiled gazetteer of another byte order");
	if (h->version != GZ_VERSION)
		return err_set(err, what, 0, "compiled gazetteer version %u, this glossar reads %u",
		               (unsigned)h->version, GZ_VERSION);
	uint64_t off_nodes = sizeof(struct gz_header);
	uint64_t off_eb = off_nodes + (uint64_t)h->n_nodes * sizeof(struct gz_node);
	uint64_t off_ec = off_eb + (((uint64_t)h->n_edges + 3) & ~(uint64_t)3);
	uint64_t off_ent = off_ec + (uint64_t)h->n_edges * 4;
	uint64_t off_pool = off_ent + (uint64_t)h->n_entries * sizeof(struct gz_entry);
	uint64_t total = off_pool + h->pool_len;
	if (h->n_nodes < 1 || h->total != total || total != len || h->pool_len < 1 ||
	    h->reserved != 0 || h->n_edges != h->n_nodes - 1 ||
	    h->n_nodes >= (1u << 24) - 1)
		return err_set(err, what, 0, "corrupt compiled gazetteer: sizes do not add up");
	gz->h = h;
	gz->nodes = (const struct gz_node *)(blob + off_nodes);
	gz->edge_byte = (const unsigned char *)(blob + off_eb);
	gz->edge_child = (const uint32_t *)(blob + off_ec);
	gz->entries = (const struct gz_entry *)(blob + off_ent);
	gz->pool = blob + off_pool;
	if (gz->pool[h->pool_len - 1] != 0)
		return err_set(err, what, 0, "corrupt compiled gazetteer: string pool");
	for (uint32_t v = 0; v < h->n_nodes; v++) {
		const struct gz_node *n = &gz->nodes[v];
		if ((uint64_t)n->edge_start + n->n_edges > h->n_edges ||
		    (uint64_t)n->out_start + n->n_out > h->n_entries || n->n_edges > 256)
			return err_set(err, what, 0, "corrupt compiled gazetteer: node %u", (unsigned)v);
	}
	for (uint32_t q = 0; q < h->n_edges; q++)
		if (gz->edge_child[q] == 0 || gz->edge_child[q] >= h->n_nodes)
			return err_set(err, what, 0, "corrupt compiled gazetteer: edge %u", (unsigned)q);
	for (uint32_t q = 0; q < h->n_entries; q++) {
		const struct gz_entry *e = &gz->entries[q];
		if (e->concept >= h->pool_len || e->label >= h->pool_len || e->keylen > 1000 ||
		    (uint64_t)e->sep + e->keylen > h->pool_len ||
		    (uint64_t)e->up + e->keylen > h->pool_len)
			return err_set(err, what, 0, "corrupt compiled gazetteer: label %u", (unsigned)q);
		/* the context terms end with an empty one inside the pool */
		const char *p = gz->pool + e->context, *end = gz->pool + h->pool_len;
		if (e->context >= h->pool_len || (e->context && !(e->flags & E_CONTEXT)))
			return err_set(err, what, 0, "corrupt compiled gazetteer: label %u", (unsigned)q);
		while (e->context && p < end && *p)
			p += strnlen(p, (size_t)(end - p)) + 1;
		if (p >= end)
			return err_set(err, what, 0, "corrupt compiled gazetteer: context of label %u",
			               (unsigned)q);
	}
	return build_walk(gz, err, what);
}

/* A node with up to WALK_LIST edges lists its edge bytes (packed, four
 * to a word); one with more has a 256-bit map of them and, per 32-bit word
 * of the map, the number of bits set in the words before (8 bytes), so
 * that a step is a bit test and one popcount, not a binary search. */
enum { WALK_LIST = 8 };

/* Bits set in x, inline (without -mpopcnt __builtin_popcount is a call). */
static inline uint32_t popcount32(uint32_t x)
{
	x = x - ((x >> 1) & 0x55555555u);
	x = (x & 0x33333333u) + ((x >> 2) & 0x33333333u);
	x = (x + (x >> 4)) & 0x0f0f0f0fu;
	return (x * 0x01010101u) >> 24;
}

/* The index among a mapped node's children of the one for byte b
 * (whose bit is set in map). */
static inline uint32_t walk_rank(const uint32_t *map, unsigned b)
{
	const unsigned char *before = (const unsigned char *)(map + 8);
	uint32_t below = map[b >> 5] & ((1u << (b & 31)) - 1);
	return before[b >> 5] + popcount32(below);
}

/* Words between a record's header and its children. */
static inline uint32_t walk_keys(uint32_t n)
{
	return n <= WALK_LIST ? (n + 3) / 4 : 10;
}

/* Record size in words of a node with n edges. */
static inline uint64_t walk_size(uint32_t n)
{
	return 3 + walk_keys(n) + (uint64_t)n;
}

static inline uint32_t gz_next(const struct gz *gz, uint32_t cw, unsigned char byte);

static inline uint32_t pre_hash(uint32_t key, unsigned shift)
{
	return (uint32_t)(key * 0x9E3779B1u) >> shift;
}

/* The bits of the prefilter (struct gz) for the keys below node v at depth
 * (bytes key[0, depth) so far); counts them in *n when bits is NULL. */
static void pre_add(const struct gz *gz, uint32_t v, unsigned depth, unsigned char key[4],
                    uint64_t *bits, size_t *n)
{
	const struct gz_node *nd = &gz->nodes[v];
	/* three bytes that end a key, or a stem that may decline ("Amt" in
	 * "Amtes für"): the text's fourth byte need not be the key's */
	if (depth == 3 && (nd->n_out || (nd->flags & N_STEM))) {
		uint32_t k = 0;
		key[3] = 0;
		memcpy(&k, key, 4);
		if (bits) {
			uint32_t h = pre_hash(k, gz->pre_shift);
			bits[h >> 6] |= 1ull << (h & 63);
		}
		++*n;
	}
	for (uint32_t q = 0; q < nd->n_edges; q++) {
		key[depth] = gz->edge_byte[nd->edge_start + q];
		if (depth < 3) {
			pre_add(gz, gz->edge_child[nd->edge_start + q], depth + 1, key, bits, n);
			continue;
		}
		uint32_t k;
		memcpy(&k, key, 4);
		if (bits) {
			uint32_t h = pre_hash(k, gz->pre_shift);
			bits[h >> 6] |= 1ull << (h & 63);
		}
		++*n;
	}
}

/* Sizes the prefilter at about 16 bits per entry (few false hits), within
 * 4 KB and 1 MB, and fills it. The tree was checked by build_walk. */
static int build_prefilter(struct gz *gz)
{
	unsigned char key[4] = { 0 };
	size_t n = 0;
	free(gz->pre);
	gz->pre = NULL;
	pre_add(gz, 0, 0, key, NULL, &n);
	unsigned log2 = 15;
	while (log2 < 23 && ((size_t)1 << log2) < 16 * n)
		log2++;
	gz->pre_shift = 32 - log2;
	gz->pre = calloc((size_t)1 << (log2 - 6), sizeof *gz->pre);
	if (!gz->pre)
		return -1;
	n = 0;
	pre_add(gz, 0, 0, key, gz->pre, &n);
	return 0;
}


/* Lays out the walk records (see struct gz): the top WALK_BFS levels
 * breadth-first, then each subtree below them in depth-first preorder, a
 * node's first child right after it; and the root tables from them. A
 * node reached twice (a corrupt file with a cycle) is an error. */
static int build_walk(struct gz *gz, struct err *err, const char *what)
{
	const struct gz_node *nodes = gz->nodes;
	uint32_t n_nodes = gz->h->n_nodes;
	/* a node's record offset, the depth-first stack, the breadth-first queue */
	uint32_t *off = gz_huge_alloc(3 * (size_t)n_nodes * sizeof *off);
	uint32_t *stack = off + n_nodes, *queue = off + 2 * (size_t)n_nodes;
	free(gz->walk);
	gz->walk = NULL;
	free(gz->root2);
	gz->root2 = NULL;
	if (!off)
		return err_set(err, what, 0, "out of memory");
	for (uint32_t v = 0; v < n_nodes; v++)
		off[v] = UINT32_MAX;
	int bad = 0;
	/* breadth-first: a node's offset is given when its parent is taken */
	off[0] = 0;
	uint64_t total = walk_size(nodes[0].n_edges);
	size_t qh = 0, qt = 0, level_end = 1;
	unsigned level = 0;
	queue[qt++] = 0;
	while (qh < qt && !bad) {
		if (qh == level_end) {
			level++;
			level_end = qt;
		}
		if (level == WALK_BFS)
			break;
		const struct gz_node *nd = &nodes[queue[qh++]];
		for (uint32_t k = 0; k < nd->n_edges; k++) {
			uint32_t c = gz->edge_child[nd->edge_start + k];
			if (off[c] != UINT32_MAX || qt >= n_nodes) {
				bad = 1;
				break;
			}
			off[c] = (uint32_t)total;
			total += walk_size(nodes[c].n_edges);
			if (total >= (1u << 29)) { /* W_OFF */
				bad = 1;
				break;
			}
			queue[qt++] = c;
		}
	}
	/* depth-first below the last of those levels, one subtree after another */
	for (size_t q = qh; q < qt && !bad; q++) {
		size_t sp = 0;
		const struct gz_node *fr = &nodes[queue[q]];
		for (uint32_t k = fr->n_edges; k-- > 0;)
			stack[sp++] = gz->edge_child[fr->edge_start + k];
		while (sp && !bad) {
			uint32_t v = stack[--sp];
			if (off[v] != UINT32_MAX) {
				bad = 1;
				break;
			}
			off[v] = (uint32_t)total;
			total += walk_size(nodes[v].n_edges);
			if (total >= (1u << 29)) { /* W_OFF */
				bad = 1;
				break;
			}
			const struct gz_node *nd = &nodes[v];
			for (uint32_t k = nd->n_edges; k-- > 0;) {
				if (sp >= n_nodes) {
					bad = 1;
					break;
				}
				stack[sp++] = gz->edge_child[nd->edge_start + k];
			}
		}
	}
	if (bad) {
		free(off);
		return err_set(err, what, 0, "corrupt compiled gazetteer: not a tree");
	}
	uint32_t *w = gz_huge_alloc((size_t)total * sizeof *w);
	if (w)
		memset(w, 0, (size_t)total * sizeof *w);
	gz->root2 = calloc(65536, sizeof *gz->root2);
	if (!w || !gz->root2) {
		free(w);
		free(off);
		return err_set(err, what, 0, "out of memory");
	}
	for (uint32_t v = 0; v < n_nodes; v++) {
		if (off[v] == UINT32_MAX)
			continue; /* unreachable */
		const struct gz_node *nd = &nodes[v];
		uint32_t r = off[v], n = nd->n_edges;
		w[r] = n;
		w[r + 1] = nd->out_start;
		w[r + 2] = nd->n_out;
		unsigned char *eb = (unsigned char *)(w + r + 3);
		uint32_t *ch = w + r + 3 + walk_keys(n);
		if (n > WALK_LIST) {
			uint32_t *map = w + r + 3;
			unsigned char *before = (unsigned char *)(map + 8);
			for (uint32_t k = 0; k < n; k++) {
				unsigned b = gz->edge_byte[nd->edge_start + k];
				map[b >> 5] |= 1u << (b & 31);
			}
			unsigned cum = 0;
			for (int q = 0; q < 8; q++) {
				before[q] = (unsigned char)cum;
				cum += popcount32(map[q]);
			}
		}
		for (uint32_t k = 0; k < n; k++) {
			uint32_t c = gz->edge_child[nd->edge_start + k];
			unsigned b = gz->edge_byte[nd->edge_start + k];
			uint32_t at = k;
			if (n > WALK_LIST) /* by rank: right even if a corrupt file's edges are unsorted */
				at = walk_rank(w + r + 3, b);
			else
				eb[k] = (unsigned char)b;
			ch[at] = off[c] | (child_word(nodes, c) & (C_OUT | C_SPLIT | C_STEM));
		}
	}
	free(off);
	gz->walk = w;
	/* the root is record 0 */
	for (unsigned b0 = 0; b0 < 256; b0++)
		gz->root[b0] = gz_next(gz, 0, (unsigned char)b0);
	for (unsigned b0 = 0; b0 < 256; b0++)
		if (gz->root[b0])
			for (unsigned b1 = 0; b1 < 256; b1++)
				gz->root2[b0 << 8 | b1] = gz_next(gz, gz->root[b0], (unsigned char)b1);
	if (build_prefilter(gz) < 0)
		return err_set(err, what, 0, "out of memory");
	return 0;
}

int gz_save(const struct gz *gz, const char *path, struct err *err)
{
	/* Beside and renamed: a failed write never cuts the gazetteer in use. */
	struct afile a;
	if (afile_open(&a, path, err) < 0)
		return -1;
	/* A short write leaves the stream in error; commit reports it and keeps the old file. */
	fwrite(gz->blob, 1, gz->blob_len, a.f);
	return afile_commit(&a, path, err);
}

struct gz *gz_load(const char *path, struct err *err)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0) {
		err_set(err, path, 0, "cannot open: %s", strerror(errno));
		return NULL;
	}
	struct stat sb;
	if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode) || sb.st_size < (off_t)sizeof(struct gz_header)) {
		close(fd);
		err_set(err, path, 0, "not a compiled glossar gazetteer");
		return NULL;
	}
	void *map = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (map == MAP_FAILED) {
		err_set(err, path, 0, "cannot map: %s", strerror(errno));
		return NULL;
	}
	struct gz *gz = calloc(1, sizeof *gz);
	if (!gz) {
		munmap(map, (size_t)sb.st_size);
		err_set(err, path, 0, "out of memory");
		return NULL;
	}
	gz->blob = map;
	gz->blob_len = (size_t)sb.st_size;
	gz->is_mapped = 1;
	if (gz_bind(gz, err, path) < 0) {
		gz_free(gz);
		return NULL;
	}
	return gz;
}

size_t gz_label_count(const struct gz *gz)
{
	return gz->h->n_entries;
}

size_t gz_max_key(const struct gz *gz)
{
	return gz->h->max_key;
}

/* The fuzzy index, built on first use: a cache inside the otherwise
 * read-only gazetteer (so one gazetteer serves one thread at a time). */
const struct gz_fuzzy *gz_fuzzy_get(const struct gz *gz)
{
	struct gz *m = (struct gz *)gz;
	if (!m->fuzzy)
		m->fuzzy = gz_fuzzy_new(gz);
	return m->fuzzy;
}

size_t gz_entry_count(const struct gz *gz)
{
	return gz->h->n_entries;
}

const char *gz_entry_concept(const struct gz *gz, uint32_t e)
{
	return gz->pool + gz->entries[e].concept;
}

const char *gz_entry_label(const struct gz *gz, uint32_t e)
{
	return gz->pool + gz->entries[e].label;
}

unsigned gz_entry_flags(const struct gz *gz, uint32_t e)
{
	return gz->entries[e].flags;
}

const char *gz_entry_context(const struct gz *gz, uint32_t e)
{
	return gz->pool + gz->entries[e].context;
}

/* ---- matching ---- */

/* The walk word (see struct gz) of the child of record cw for byte, or 0. */
static inline uint32_t gz_next(const struct gz *gz, uint32_t cw, unsigned char byte)
{
	const uint32_t *r = gz->walk + W_OFF(cw);
	uint32_t n = r[0];
	const uint32_t *ch = r + 3 + walk_keys(n);
	if (n <= WALK_LIST) {
		const unsigned char *eb = (const unsigned char *)(r + 3);
		for (uint32_t k = 0; k < n; k++)
			if (eb[k] == byte)
				return ch[k];
		return 0;
	}
	if (!(r[3 + (byte >> 5)] >> (byte & 31) & 1))
		return 0;
	return ch[walk_rank(r + 3, byte)];
}

static inline int is_word_end(const struct nz *z, size_t e)
{
	return e >= z->n || !(z->fl[e] & NZ_WORD) || (z->fl[e] & (NZ_SPACE | NZ_HYPH));
}

/* Endings in the order tried: longer first. */
static const char *const endings[] = { "ern", "en", "er", "es", "ns", "e", "n", "s" };

/* How the span [i, e) may end: 0 a word end, 1 before a hyphen of a
 * compound, 2 inflected (*ext bytes more), 3 inside a closed compound, -1 not at all. */
static int end_kind(const struct nz *z, size_t i, size_t e, size_t *ext)
{
	*ext = 0;
	if (e >= z->n)
		return 0;
	unsigned f = z->fl[e];
	if (f & NZ_CONT)
		return -1;
	if (!(f & NZ_WORD) || (f & NZ_SPACE))
		return 0;
	if (!(z->fl[e - 1] & NZ_WORD))
		return 0;
	if (f & NZ_HYPH)
		return 1;
	for (size_t q = 0; q < sizeof endings / sizeof endings[0]; q++) {
		size_t L = strlen(endings[q]);
		if (e + L > z->n)
			continue;
		size_t r = 0;
		for (; r < L; r++) {
			unsigned g = z->fl[e + r];
			if (z->b[e + r] != (unsigned char)endings[q][r] || !(g & NZ_WORD) ||
			    (g & (NZ_SPACE | NZ_HYPH | NZ_CONT)) || (r && (g & NZ_SOFT)))
				break;
		}
		if (r == L && is_word_end(z, e + L)) {
			*ext = L;
			return 2;
		}
	}
	(void)i;
	return 3;
}

/* A spoken acronym's title-case form: a capital, then no capital. */
static int is_title_case(const struct nz *z, size_t i, size_t depth)
{
	if (!(z->fl[i] & NZ_UP))
		return 0;
	for (size_t j = 1; j < depth; j++)
		if ((z->fl[i + j] & NZ_UP) && !(z->fl[i + j] & NZ_CONT))
			return 0;
	return 1;
}

/* An inflection inside a match: the label's word stem ends at key byte
 * kpos, the label goes on with kl bytes of its own ending (not in the
 * text), the text with tl bytes of its ending, then both break. */
struct gz_gap {
	uint32_t kpos;
	unsigned char kl, tl;
};
enum { MAXG = 4 };

static int entry_fits_gaps(const struct gz *gz, const struct gz_entry *en, const struct nz *z,
                           size_t i, size_t depth, const struct gz_gap *gaps, int ng);

/* Whether label entry en fits the text [i, i + tlen) that walked depth
 * key bytes with the ng inflections gaps: its breaks, capitals, and that
 * each inflection is at one of its inflectable words. */
static inline int entry_fits(const struct gz *gz, const struct gz_entry *en, const struct nz *z,
                             size_t i, size_t depth, const struct gz_gap *gaps, int ng)
{
	if (en->keylen != depth)
		return 0;
	if (ng)
		return entry_fits_gaps(gz, en, z, i, depth, gaps, ng);
	const unsigned char *sep = (const unsigned char *)gz->pool + en->sep;
	const char *up = gz->pool + en->up;
	for (size_t j = 1; j < depth; j++) {
		unsigned f = z->fl[i + j];
		if ((f & (NZ_SPACE | NZ_HYPH)) && (!sep[j] || ((sep[j] & S_CAMEL) && !(f & NZ_UP))))
			return 0;
	}
	if (en->flags & E_CASE) {
		for (size_t j = 0; j < depth; j++)
			if (!!(z->fl[i + j] & NZ_UP) != !!up[j])
				return 0;
	} else if (en->flags & E_ACRONYM) {
		size_t j = 0;
		for (; j < depth; j++)
			if (up[j] && !(z->fl[i + j] & NZ_UP))
				break;
		if (j < depth && !((en->flags & E_SPOKEN) && is_title_case(z, i, depth)))
			return 0;
	}
	return 1;
}

/* entry_fits with inflection gaps: the text's bytes are the key's,
 * shifted by each gap. */
static __attribute__((noinline)) int
entry_fits_gaps(const struct gz *gz, const struct gz_entry *en, const struct nz *z, size_t i,
                size_t depth, const struct gz_gap *gaps, int ng)
{
	const unsigned char *sep = (const unsigned char *)gz->pool + en->sep;
	const char *up = gz->pool + en->up;
	size_t t = i;
	int g = 0;
	for (size_t k = 0; k < depth; k++, t++) {
		if (g < ng && k == gaps[g].kpos) {
			size_t p = k + gaps[g].kl;
			if (p >= depth || !(sep[p] & S_INFL) || (gaps[g].kl && gaps[g].kl != S_OWN(sep[p])))
				return 0;
			t += gaps[g].tl;
			k = p;
			g++;
		}
		unsigned f = z->fl[t];
		if (k && (f & (NZ_SPACE | NZ_HYPH)) && (!sep[k] || ((sep[k] & S_CAMEL) && !(f & NZ_UP))))
			return 0;
		if ((en->flags & E_CASE) ? !!(f & NZ_UP) != !!up[k]
		                         : ((en->flags & E_ACRONYM) && up[k] && !(f & NZ_UP)))
			return 0;
	}
	return g == ng;
}

int gz_hit_push(struct gz_hit **hits, size_t *n, size_t *cap, struct gz_hit h)
{
	if (*n == *cap) {
		size_t nc = *cap ? 2 * *cap : 64;
		struct gz_hit *nh = realloc(*hits, nc * sizeof *nh);
		if (!nh)
			return -1;
		*hits = nh;
		*cap = nc;
	}
	(*hits)[(*n)++] = h;
	return 0;
}

/* Tries the labels ending at the node of walk record rec for the text
 * span [i, i + tlen) that walked depth key bytes with ng inflection gaps:
 * appends one hit per concept whose label fits. Returns hits added, or -1. */
static inline __attribute__((always_inline)) int
try_node(const struct gz *gz, const struct nz *z, const char *s, size_t i,
                    size_t tlen, size_t depth, const struct gz_gap *gaps, int ng, uint32_t rec,
                    struct gz_hit **hits, size_t *n_hits, size_t *cap_hits)
{
	size_t ext;
	int kind = end_kind(z, i, i + tlen, &ext);
	if (kind < 0)
		return 0;
	/* the walk record has the node's labels: no trip to gz->nodes */
	const struct { uint32_t out_start, n_out; } vv = { gz->walk[rec + 1], gz->walk[rec + 2] },
	                                             *v = &vv;
	int added = 0;
	size_t start = z->off[i];
	size_t end = z->cpend[i + tlen + ext - 1];
	for (uint32_t q = 0; q < v->n_out;) {
		/* entries of one concept are adjacent: pick the best fitting one */
		uint32_t first = v->out_start + q;
		uint32_t concept_off = gz->entries[first].concept;
		const char *concept = gz->pool + concept_off;
		uint32_t best = UINT32_MAX;
		const char *method = NULL;
		/* equal pool offsets are equal keys: strcmp only to tell */
		for (; q < v->n_out && (gz->entries[v->out_start + q].concept == concept_off ||
		                        !strcmp(gz->pool + gz->entries[v->out_start + q].concept, concept));
		     q++) {
			uint32_t ei = v->out_start + q;
			const struct gz_entry *en = &gz->entries[ei];
			if (kind == 3 && !(en->flags & E_COMPOUND))
				continue;
			if (!entry_fits(gz, en, z, i, depth, gaps, ng))
				continue;
			const char *m;
			if (kind == 1 || kind == 3)
				m = "compound";
			else if (kind == 2 || ng)
				m = "inflected";
			else {
				const char *label = gz->pool + en->label;
				size_t ll = strlen(label);
				m = (ll == end - start && !memcmp(label, s + start, ll)) ? "exact" : "normalized";
			}
			if (best == UINT32_MAX || (!strcmp(m, "exact") && strcmp(method, "exact"))) {
				best = ei;
				method = m;
			}
		}
		if (best != UINT32_MAX) {
			size_t hend = (kind == 2) ? end : z->cpend[i + tlen - 1];
			if (gz_hit_push(hits, n_hits, cap_hits, (struct gz_hit){ start, hend, best, method, 1.0 }) < 0)
				return -1;
			added++;
		}
	}
	return added;
}

/* The number of trailing 0 bits of m (not 0). */
static inline unsigned ctz32(unsigned m)
{
#ifdef __GNUC__
	return (unsigned)__builtin_ctz(m);
#else
	unsigned k = 0;
	while (!(m & 1)) {
		m >>= 1;
		k++;
	}
	return k;
#endif
}

/* Whether a mention may start at normalised byte i: not inside a code
 * point's bytes, and never inside a word. */
static inline int may_start(const unsigned char *fl, size_t i)
{
	unsigned f = fl[i];
	if (f & NZ_CONT)
		return 0;
	return !((f & NZ_WORD) && i > 0 && !(f & (NZ_SPACE | NZ_HYPH)) && (fl[i - 1] & NZ_WORD));
}

/* Whether a walk from word start i can find anything: the root tables for
 * labels of one or two bytes, else the prefilter (struct gz) on the next
 * four bytes. No branch: the scan asks it of every word start. nz_run
 * leaves four 0 bytes after the text, so b[i, i + 4) is always readable,
 * and a 0 there stands for the end (no key has one). Whoever lets the walk
 * accept bytes other than a key's (inside a label) must widen this. */
static inline unsigned may_match(const struct gz *gz, const unsigned char *b, size_t i)
{
	uint32_t cw = gz->root[b[i]];
	uint32_t k4, k3;
	memcpy(&k4, b + i, 4);
	k3 = k4;
	((unsigned char *)&k3)[3] = 0;
	uint32_t h4 = pre_hash(k4, gz->pre_shift), h3 = pre_hash(k3, gz->pre_shift);
	unsigned hit = (unsigned)(cw >> 31) | (unsigned)(gz->root2[b[i] << 8 | b[i + 1]] >> 31) |
	               (unsigned)((gz->pre[h4 >> 6] >> (h4 & 63)) & 1) |
	               (unsigned)((gz->pre[h3 >> 6] >> (h3 & 63)) & 1);
	return hit & (cw != 0);
}

/* The word starts among the 16 (SSE2) or 8 flag bytes from i (i > 0, all
 * below n), as a bit mask: not a continuation byte, and not a word byte
 * without a separator after a word byte. */
#ifdef GZ_SSE2
enum { SCAN_STEP = 16 };
static inline unsigned starts_mask(const unsigned char *fl, size_t i)
{
	__m128i x = _mm_loadu_si128((const __m128i *)(fl + i));
	__m128i p = _mm_loadu_si128((const __m128i *)(fl + i - 1)); /* the bytes before */
	__m128i one = _mm_set1_epi8(NZ_WORD), cont = _mm_set1_epi8(NZ_CONT);
	__m128i sep = _mm_set1_epi8(NZ_SPACE | NZ_HYPH);
	__m128i is_cont = _mm_cmpeq_epi8(_mm_and_si128(x, cont), cont);
	__m128i words = _mm_cmpeq_epi8(_mm_and_si128(_mm_and_si128(x, p), one), one);
	__m128i no_sep = _mm_cmpeq_epi8(_mm_and_si128(x, sep), _mm_setzero_si128());
	__m128i inside = _mm_or_si128(is_cont, _mm_and_si128(words, no_sep));
	return ~(unsigned)_mm_movemask_epi8(inside) & 0xffffu;
}
#endif

static inline unsigned starts_mask8(const unsigned char *fl, size_t i)
{
	_Static_assert(NZ_WORD == 1 && NZ_SPACE == 4 && NZ_HYPH == 8 && NZ_CONT == 32,
	               "the bit tricks below assume these flag bits");
	unsigned m = 0;
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	const uint64_t low = 0x0101010101010101ull;
	uint64_t x, p;
	memcpy(&x, fl + i, 8);
	memcpy(&p, fl + i - 1, 8);
	/* bit 0 of each byte: a continuation byte, or a word byte without a
	 * separator after a word byte */
	uint64_t starts = ~((x >> 5) | (x & p & ~(x >> 2) & ~(x >> 3))) & low;
	/* gather bit 0 of the eight bytes into eight bits: bit 8k moves to 56 + k */
	m = (unsigned)((starts * 0x0102040810204080ull) >> 56);
#else
	for (unsigned k = 0; k < 8; k++)
		m |= (unsigned)may_start(fl, i + k) << k;
#endif
	return m;
}

/* Word starts that may match, found a batch at a time: the scan and
 * may_match have no branch per start, so the loads of many starts overlap;
 * only the few that pass are walked. */
enum { BATCH = 256 };

struct scan {
	size_t i;     /* next flag byte to look at */
	int use_simd;
};

/* Appends to cand (room for BATCH) the next word starts that may match,
 * below n; returns how many (0: the block is done). */
static size_t scan_batch(const struct gz *gz, const struct nz *z, struct scan *sc, uint32_t *cand)
{
	const unsigned char *b = z->b, *fl = z->fl;
	size_t n = z->n, i = sc->i, nc = 0;
	if (i == 0 && n > 0) {
		if (may_start(fl, 0) && may_match(gz, b, 0))
			cand[nc++] = 0;
		i = 1;
	}
	while (nc + 16 <= BATCH && i < n) {
		unsigned m;
		size_t step;
#ifdef GZ_SSE2
		if (sc->use_simd && i + SCAN_STEP <= n) {
			m = starts_mask(fl, i);
			step = SCAN_STEP;
		} else
#endif
		if (i + 8 <= n) {
			m = starts_mask8(fl, i);
			step = 8;
		} else {
			m = may_start(fl, i);
			step = 1;
		}
		while (m) {
			size_t p = i + ctz32(m);
			m &= m - 1;
			cand[nc] = (uint32_t)p;
			nc += may_match(gz, b, p);
		}
		i += step;
	}
	sc->i = i;
	return nc;
}

/* Walks that took an inflection inside a label, and the label ends they
 * reached: few, and only from nodes marked N_STEM. */
struct gz_alt {
	uint32_t cw, j, depth;
	int ng;
	struct gz_gap g[MAXG];
};
struct gz_altcand {
	uint32_t rec, tlen, depth;
	int ng;
	struct gz_gap g[MAXG];
};
enum { MAXA = 16, MAXAC = 32 };
struct gz_alts {
	size_t n_stack, n_cand;
	struct gz_alt stack[MAXA];
	struct gz_altcand cand[MAXAC];
};

/* The walk is at stem node cw (depth key bytes, ng gaps g so far), the
 * text at byte j inside a word. If the text word ends after an inner
 * ending and a space, pushes the walks that go on from the stem after the
 * label's own ending (or none): "Bundesamt|es für", "Bayerisch|en Digital". */
static __attribute__((noinline)) void inflect_branch(const struct gz *gz, const struct nz *z,
                                                     uint32_t cw, size_t j, size_t depth,
                                                     const struct gz_gap *g, int ng,
                                                     struct gz_alts *a)
{
	if (ng >= MAXG || a->n_stack >= MAXA)
		return;
	size_t L = 0;
	for (;;) {
		if (j + L >= z->n)
			return;
		unsigned f = z->fl[j + L];
		if (L && (f & NZ_SPACE))
			break;
		if (L == 2 || !(f & NZ_WORD) || (f & (NZ_SEP | NZ_CONT)))
			return;
		L++;
	}
	if (!is_inner_ending(z->b + j, L))
		return;
	static const char *const own[] = { "", "e", "em", "en", "er", "es" };
	static const unsigned char own_len[] = { 0, 1, 2, 2, 2, 2 };
	for (size_t q = 0; q < sizeof own / sizeof own[0] && a->n_stack < MAXA; q++) {
		size_t kl = own_len[q];
		if (kl == L && !memcmp(own[q], z->b + j, L))
			continue; /* the text as the label has it: the plain walk */
		uint32_t t = cw;
		for (size_t r = 0; r < kl && t; r++)
			t = gz_next(gz, t, (unsigned char)own[q][r]);
		if (!t)
			continue;
		struct gz_alt *p = &a->stack[a->n_stack++];
		p->cw = t;
		p->j = (uint32_t)(j + L);
		p->depth = (uint32_t)(depth + kl);
		p->ng = ng + 1;
		if (ng)
			memcpy(p->g, g, (size_t)ng * sizeof *g);
		p->g[ng] = (struct gz_gap){ (uint32_t)depth, (unsigned char)kl, (unsigned char)L };
	}
}

/* Whether the text word goes on at byte j (j < n) and ends one or two
 * bytes later at a space: the cheap test before inflect_branch. */
static inline int ends_soon(const unsigned char *fl, size_t n, size_t j)
{
	if (fl[j] & NZ_SEP || j + 1 >= n)
		return 0;
	return (fl[j + 1] & NZ_SPACE) || (j + 2 < n && (fl[j + 2] & NZ_SPACE));
}

/* Runs the pushed walks from word start i, collecting their label ends. */
static void walk_alts(const struct gz *gz, const struct nz *z, size_t i, struct gz_alts *a)
{
	const unsigned char *b = z->b, *fl = z->fl;
	size_t n = z->n;
	while (a->n_stack) {
		struct gz_alt p = a->stack[--a->n_stack];
		uint32_t cw = p.cw;
		size_t j = p.j, depth = p.depth;
		for (int first = 1;; first = 0) {
			if (!first) { /* a walk goes on at least past the break after the gap */
				if ((cw & C_OUT) && a->n_cand < MAXAC) {
					struct gz_altcand *c = &a->cand[a->n_cand++];
					c->rec = W_OFF(cw);
					c->tlen = (uint32_t)(j - i);
					c->depth = (uint32_t)depth;
					c->ng = p.ng;
					memcpy(c->g, p.g, (size_t)p.ng * sizeof *p.g);
				}
				if ((cw & C_STEM) && j < n && ends_soon(fl, n, j))
					inflect_branch(gz, z, cw, j, depth, p.g, p.ng, a);
			}
			if (j >= n)
				break;
			cw = gz_next(gz, cw, b[j]);
			if (!cw || ((fl[j] & (NZ_SPACE | NZ_HYPH)) && !(cw & C_SPLIT)))
				break;
			j++;
			depth++;
		}
	}
}

/* Tries the ends of the plain walk (depths cand_depth[0, nc), growing) and
 * of the inflected walks, longest text first, the plain walk first among
 * equals, until one yields hits. Returns hits added, or -1. */
static int try_all(const struct gz *gz, const struct nz *z, const char *s, size_t i,
                   const uint32_t *cand_node, const size_t *cand_depth, size_t nc,
                   struct gz_alts *a, struct gz_hit **hits, size_t *n_hits, size_t *cap_hits)
{
	/* the inflected ends by text length, longest first */
	for (size_t x = 1; x < a->n_cand; x++)
		for (size_t y = x; y > 0 && a->cand[y - 1].tlen < a->cand[y].tlen; y--) {
			struct gz_altcand t = a->cand[y];
			a->cand[y] = a->cand[y - 1];
			a->cand[y - 1] = t;
		}
	size_t ia = 0;
	while (nc > 0 || ia < a->n_cand) {
		int r;
		if (nc > 0 && (ia == a->n_cand || cand_depth[nc - 1] >= a->cand[ia].tlen)) {
			nc--;
			r = try_node(gz, z, s, i, cand_depth[nc], cand_depth[nc], NULL, 0, cand_node[nc],
			             hits, n_hits, cap_hits);
		} else {
			const struct gz_altcand *c = &a->cand[ia++];
			r = try_node(gz, z, s, i, c->tlen, c->depth, c->g, c->ng, c->rec, hits, n_hits,
			             cap_hits);
		}
		if (r)
			return r;
	}
	return 0;
}

int gz_match_block(const struct gz *gz, const struct nz *z, const char *s, size_t from,
                   size_t limit, struct gz_hit **hits, size_t *n_hits, size_t *cap_hits)
{
	struct gz_alts alts;
	enum { MAXC = 64 };
	uint32_t cand_node[MAXC];
	size_t cand_depth[MAXC];
	uint32_t cand[BATCH];
	size_t n = z->n;
	const unsigned char *b = z->b, *fl = z->fl;
	size_t skip_to = from;
	struct scan sc = { 0, gz_simd_enabled() };
	size_t n_cand;
	while ((n_cand = scan_batch(gz, z, &sc, cand)) > 0) {
		for (size_t q = 0; q < n_cand; q++) {
			size_t i = cand[q];
			size_t start = z->off[i];
			if (start < skip_to)
				continue;
			if (start >= limit)
				return 0;
			uint32_t cw = gz->root[b[i]];
			size_t nc = 0;
			size_t j = i + 1;
			alts.n_stack = alts.n_cand = 0;
			for (;;) {
				if (cw & C_OUT) {
					if (nc == MAXC) {
						memmove(cand_node, cand_node + 1, (MAXC - 1) * sizeof *cand_node);
						memmove(cand_depth, cand_depth + 1, (MAXC - 1) * sizeof *cand_depth);
						nc--;
					}
					cand_node[nc] = W_OFF(cw);
					cand_depth[nc++] = j - i;
				}
				if (j >= n)
					break;
				if ((cw & C_STEM) && ends_soon(fl, n, j))
					inflect_branch(gz, z, cw, j, j - i, NULL, 0, &alts);
				cw = j == i + 1 ? gz->root2[b[i] << 8 | b[j]] : gz_next(gz, cw, b[j]);
				/* the text splits here: go on only if some label splits here too */
				if (!cw || ((fl[j] & (NZ_SPACE | NZ_HYPH)) && !(cw & C_SPLIT)))
					break;
				j++;
			}
			if (alts.n_stack) {
				walk_alts(gz, z, i, &alts);
				size_t before = *n_hits;
				int r = try_all(gz, z, s, i, cand_node, cand_depth, nc, &alts, hits, n_hits,
				                cap_hits);
				if (r < 0)
					return -1;
				if (r > 0)
					skip_to = (*hits)[before].end;
				continue;
			}
			while (nc > 0) {
				nc--;
				size_t before = *n_hits;
				int r = try_node(gz, z, s, i, cand_depth[nc], cand_depth[nc], NULL, 0,
				                 cand_node[nc], hits, n_hits, cap_hits);
				if (r < 0)
					return -1;
				if (r > 0) {
					skip_to = (*hits)[before].end;
					break;
				}
			}
		}
	}
	return 0;
}
