/* context.c - see context.h. The window of a mention is its paragraph (a
 * blank line ends one; the readers turn HTML blocks and DOCX, ODT and PDF
 * paragraphs into blank lines), at most CTX_WINDOW bytes either side. Only
 * mentions that need a context cost anything: their window is normalised
 * as the gazetteer normalises text, and each term's key is looked for at
 * the word starts outside the mention itself. */
#include "context.h"

#include <stdlib.h>
#include <string.h>

void ctx_init(struct ctx_state *cs)
{
	memset(cs, 0, sizeof *cs);
	nz_init(&cs->z);
}

void ctx_free(struct ctx_state *cs)
{
	nz_free(&cs->z);
	buf_free(&cs->win);
	free(cs->rules);
	cs->rules = NULL;
	cs->cap_rules = 0;
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* The start of the paragraph holding d[p], not before lo; *broke when a
 * blank line ends the search, not lo. */
static size_t para_start(const char *d, size_t lo, size_t p, int *broke)
{
	int nl = 0;
	for (size_t q = p; q > lo; q--) {
		char c = d[q - 1];
		if (c == '\n') {
			if (nl) {
				*broke = 1;
				return q;
			}
			nl = 1;
		} else if (!is_blank(c)) {
			nl = 0;
		}
	}
	*broke = 0;
	return lo;
}

static size_t para_end(const char *d, size_t p, size_t hi)
{
	int nl = 0;
	for (size_t q = p; q < hi; q++) {
		if (d[q] == '\n') {
			if (nl)
				return q;
			nl = 1;
		} else if (!is_blank(d[q])) {
			nl = 0;
		}
	}
	return hi;
}

/* Whether a term of the list stands in the normalised window outside the
 * window bytes [ms, me) (the mention). A key of fewer than four bytes
 * must be a whole word; a longer one may go on (Steuer: Steuererklärung). */
static int has_term(const struct nz *z, const char *terms, size_t ms, size_t me)
{
	for (size_t i = 0; i < z->n; i++) {
		unsigned f = z->fl[i];
		if ((f & NZ_CONT) || !(f & NZ_WORD))
			continue;
		if (i > 0 && (z->fl[i - 1] & NZ_WORD) && !(f & (NZ_SPACE | NZ_HYPH)))
			continue; /* inside a word */
		if (z->off[i] >= ms && z->off[i] < me)
			continue;
		for (const char *t = terms; *t; t += strlen(t) + 1) {
			size_t k = strlen(t), j = 0;
			if (i + k > z->n)
				continue;
			for (; j < k; j++) {
				char c = t[j];
				if (c >= 'A' && c <= 'Z') { /* an acronym's capital */
					if (z->b[i + j] != (unsigned char)(c + 32) || !(z->fl[i + j] & NZ_UP))
						break;
				} else if (z->b[i + j] != (unsigned char)c)
					break;
			}
			if (j < k)
				continue;
			if (z->off[i + k - 1] >= ms && z->off[i + k - 1] < me)
				continue;
			size_t e = i + k;
			int at_end = e >= z->n || !(z->fl[e] & NZ_WORD) || (z->fl[e] & (NZ_SPACE | NZ_HYPH));
			if (e < z->n && (z->fl[e] & NZ_CONT))
				continue; /* ends inside a character */
			if (k >= 4 || at_end)
				return 1;
		}
	}
	return 0;
}

static int in_context(struct ctx_state *cs, const char *terms, const char *data, size_t base,
                      size_t end, size_t hs, size_t he)
{
	if (!*terms)
		return 0;
	/* hs, he: block offsets of the mention */
	size_t lo = hs > CTX_WINDOW ? hs - CTX_WINDOW : 0;
	int broke;
	size_t ws = para_start(data, lo, hs, &broke);
	size_t hi = he + CTX_WINDOW < end ? he + CTX_WINDOW : end;
	size_t we = para_end(data, he, hi);
	cs->win.len = 0;
	size_t from_tail = 0;
	if (!broke && lo == 0 && cs->tail_len && cs->tail_base + cs->tail_len == base) {
		/* the paragraph began in the block before */
		size_t want = CTX_WINDOW - hs < cs->tail_len ? CTX_WINDOW - hs : cs->tail_len;
		size_t t0 = cs->tail_len - want;
		size_t ts = para_start(cs->tail, t0, cs->tail_len, &broke);
		from_tail = cs->tail_len - ts;
		if (buf_append(&cs->win, cs->tail + ts, from_tail) < 0)
			return -1;
	}
	if (buf_append(&cs->win, data + ws, we - ws) < 0 || nz_run(&cs->z, cs->win.data, cs->win.len) < 0)
		return -1;
	size_t ms = from_tail + (hs - ws), me = from_tail + (he - ws);
	return has_term(&cs->z, terms, ms, me);
}

/* Capital letters (ASCII and Latin-1 ones: enough to tell "Fitko" from "FITKO"). */
static int capitals(const char *s, size_t n)
{
	int k = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 'A' && c <= 'Z')
			k++;
		else if (c == 0xC3 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
		         (unsigned char)s[i + 1] <= 0x9E)
			k++;
	}
	return k;
}

/* hits[i].start - hit_base is the block offset of hit i. */
static int filter(struct ctx_state *cs, const struct gz *gz, struct gz_hit *hits, size_t *n,
                  const char *data, size_t base, size_t end, size_t hit_base, int set_rules)
{
	if (set_rules && *n > cs->cap_rules) {
		size_t cap = cs->cap_rules ? cs->cap_rules : 64;
		while (cap < *n)
			cap *= 2;
		const char **r = realloc(cs->rules, cap * sizeof *r);
		if (!r)
			return -1;
		cs->rules = r;
		cs->cap_rules = cap;
	}
	size_t k = 0;
	for (size_t i = 0; i < *n; i++) {
		struct gz_hit *h = &hits[i];
		const char *rule = NULL;
		if (strcmp(h->method, "gls")) {
			unsigned f = gz_entry_flags(gz, h->entry);
			int fuzzy = !strcmp(h->method, "fuzzy");
			int is_case = (f & GZ_E_CASE) && !fuzzy;
			int spoken = (f & GZ_E_SPOKEN) && !fuzzy && !is_case &&
			             capitals(data + (h->start - hit_base), h->end - h->start) < 2;
			int ctx = 0;
			if (f & GZ_E_CONTEXT) {
				ctx = in_context(cs, gz_entry_context(gz, h->entry), data, base, end,
				                 h->start - hit_base, h->end - hit_base);
				if (ctx < 0)
					return -1;
				if (!ctx)
					continue;
			}
			rule = is_case ? (ctx ? "case+context" : "case")
			       : ctx ? (spoken ? "context+spoken" : "context")
			       : spoken ? "spoken" : NULL;
		}
		if (set_rules)
			cs->rules[k] = rule;
		hits[k++] = *h;
	}
	*n = k;
	return 0;
}

int ctx_filter(struct ctx_state *cs, const struct gz *gz, struct gz_hit *hits, size_t *n,
               const char *data, size_t base, size_t end)
{
	return filter(cs, gz, hits, n, data, base, end, base, 1);
}

int ctx_drop(struct ctx_state *cs, const struct gz *gz, struct gz_hit *hits, size_t *n,
             const char *data, size_t base, size_t end)
{
	return filter(cs, gz, hits, n, data, base, end, 0, 0);
}

void ctx_keep_tail(struct ctx_state *cs, const char *data, size_t base, size_t cut)
{
	size_t keep = cut < CTX_WINDOW ? cut : CTX_WINDOW;
	memcpy(cs->tail, data + cut - keep, keep);
	cs->tail_len = keep;
	cs->tail_base = base + cut - keep;
}
