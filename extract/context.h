/* context.h - the filter after matching: a mention of a label flagged
 * `context` is kept only where its paragraph also names one of the
 * concept's context terms, and every kept mention learns which restricting
 * rule let it through (case, context, spoken). Works on the hits of one
 * block, so extract --gazetteer and every reader get it. */
#ifndef GLOSSAR_CONTEXT_H
#define GLOSSAR_CONTEXT_H

#include <stddef.h>

#include "../common/buf.h"
#include "gz_internal.h"

/* How far a context term may stand from the mention, in bytes, either
 * side, within its paragraph. */
enum { CTX_WINDOW = 2000 };

struct ctx_state {
	char tail[CTX_WINDOW]; /* the input bytes just before the block */
	size_t tail_len;
	size_t tail_base;      /* input offset of tail[0] */
	struct nz z;           /* scratch: a window normalised */
	struct buf win;
	const char **rules;    /* per hit after ctx_filter */
	size_t cap_rules;
};

void ctx_init(struct ctx_state *cs);
void ctx_free(struct ctx_state *cs);

/* Filters hits[0, *n) (input offsets, ascending) of a block whose byte 0
 * is input offset base and whose bytes [0, end) are final: drops the
 * restricted ones without context, fills cs->rules. Returns 0 or -1 (memory). */
int ctx_filter(struct ctx_state *cs, const struct gz *gz, struct gz_hit *hits, size_t *n,
               const char *data, size_t base, size_t end);

/* The same before the fuzzy pass, on hits still in block offsets: drops
 * the restricted exact hits without context, so that they leave their
 * span to the fuzzy matcher. */
int ctx_drop(struct ctx_state *cs, const struct gz *gz, struct gz_hit *hits, size_t *n,
             const char *data, size_t base, size_t end);

/* Keeps the CTX_WINDOW bytes before cut (the next block's start). */
void ctx_keep_tail(struct ctx_state *cs, const char *data, size_t base, size_t cut);

#endif
