/* extract.c - ex_extract_path: runs the gazetteer over a document. Plain
 * text streams in blocks (memory bounded by the block, not the input): each
 * block is normalised and matched; matches may start only before the cut,
 * a word start at least OVERLAP bytes before the block's end, and the bytes
 * from the cut on are carried into the next block. Markdown streams the same
 * way, its markup blanked line by line as the lines arrive. HTML and XML are
 * read whole (up to RD_MAX_DOCUMENT) and their text is matched in the same
 * blocks, so the normaliser's memory stays that of one block; line and
 * column come from a cursor that only moves forward. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>

#include <libxml/parser.h>
#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#endif

#include "../common/encoding.h"
#include "context.h"
#include "docmap.h"
#include "gz_internal.h"
#include "reader.h"

enum { BLOCK = 1 << 20, OVERLAP = 1 << 16 };

/* Line and column (code points) of an advancing position in the input. */
struct cursor {
	size_t pos; /* input offset */
	long line, col;
};

static long count_cps(const unsigned char *p, const unsigned char *e)
{
	long n = 0;
	/* eight bytes at a time: each byte but a continuation byte (10xxxxxx) */
	const uint64_t highs = 0x8080808080808080ull, ones = 0x0101010101010101ull;
	for (; e - p >= 8; p += 8) {
		uint64_t x;
		memcpy(&x, p, 8);
		uint64_t cont = x & ~(x << 1) & highs;
		n += 8 - (long)(((cont >> 7) * ones) >> 56);
	}
	for (; p < e; p++)
		n += (*p & 0xC0) != 0x80;
	return n;
}

/* The line feeds in [p, e): sixteen bytes a step with SSE2 (a byte counter
 * per lane, summed before it can overflow), else eight in a 64-bit word. */
static size_t count_newlines(const unsigned char *p, const unsigned char *e)
{
	size_t n = 0;
#if defined(__SSE2__) && defined(__GNUC__)
	const __m128i nl = _mm_set1_epi8('\n');
	while (e - p >= 16) {
		__m128i acc = _mm_setzero_si128();
		for (int k = 0; k < 255 && e - p >= 16; k++, p += 16)
			acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)p), nl));
		__m128i sums = _mm_sad_epu8(acc, _mm_setzero_si128());
		n += (size_t)_mm_cvtsi128_si32(sums) + (size_t)_mm_cvtsi128_si32(_mm_srli_si128(sums, 8));
	}
#else
	const uint64_t ones = 0x0101010101010101ull, nls = ones * '\n';
	for (; e - p >= 8; p += 8) {
		uint64_t x;
		memcpy(&x, p, 8);
		x ^= nls; /* a zero byte where a line feed was */
		uint64_t zero = ~(((x & ~(ones << 7)) + ~(ones << 7)) | x) & (ones << 7);
		n += (size_t)((zero >> 7) * ones >> 56);
	}
#endif
	for (; p < e; p++)
		n += *p == '\n';
	return n;
}

static void cursor_advance(struct cursor *c, const char *data, size_t base, size_t to)
{
	const unsigned char *p = (const unsigned char *)data + (c->pos - base);
	const unsigned char *e = (const unsigned char *)data + (to - base);
	size_t lines = count_newlines(p, e);
	if (lines) {
		const unsigned char *last_nl = memrchr(p, '\n', (size_t)(e - p));
		c->line += (long)lines;
		c->col = 1 + count_cps(last_nl + 1, e);
	} else {
		c->col += count_cps(p, e);
	}
	c->pos = to;
}

static void warn(const struct ex_options *opt, const char *path, long line, const char *msg)
{
	struct err w;
	err_set(&w, strcmp(path, "-") ? path : "<stdin>", line, "%s", msg);
	if (opt && opt->warnings)
		++*opt->warnings;
	if (opt && opt->warn)
		opt->warn(&w, opt->warn_ctx);
	else
		err_print(&w, stderr);
}

struct run {
	const struct gz *gz;
	const char *path;
	ex_mention_fn fn;
	void *ctx;
	struct nz z;
	struct gz_hit *hits;
	size_t n_hits, cap_hits;
	int stopped;
	const struct gz_fuzzy *fz; /* with --fuzzy */
	struct ctx_state cf;       /* the context filter's state */
};

/* Where a block's bytes come from: a file, or a text already in memory. */
struct source {
	FILE *f;
	const char *mem; /* when f is NULL */
	size_t mem_len, mem_pos;
	int is_input;            /* the bytes are the input's: count, hash, warn when empty */
	const struct ex_text *t; /* a reader's text: positions, pages, sections from its maps */
	struct rd_pos pos;
	size_t next_ref;         /* t's entry references (\gls) not yet added */
	int is_md;               /* Markdown streamed: markup blanked line by line */
	struct rd_md_state md;
	struct dm_doc *md_doc;   /* its headings, found as the lines arrive */
	struct dm_md_lines md_lines;
	/* a part of a file (ex_extract_part): where the first block starts,
	 * its line and column, the skip carried in, and where to stop */
	size_t base, skip_to, stop_at;
	long line, col;
	size_t last_end;         /* out: the skip a next block would carry */
	long end_line, end_col;  /* out, with stop_at: line and column of stop_at */
	char *block;             /* BLOCK + OVERLAP + 1 bytes to use, or NULL */
	ex_block_fn on_block;    /* a part: after each block, or NULL */
};

/* Emits the hits of a block whose byte 0 is input offset base. With a
 * reader's text positions come from its map, else from the cursor. */
static void emit_hits(struct run *r, const char *data, size_t base, struct cursor *cur,
                      struct source *src)
{
	for (size_t k = 0; k < r->n_hits && !r->stopped; k++) {
		const struct gz_hit *h = &r->hits[k];
		struct ex_mention m;
		m.doc = r->path;
		if (src->t) {
			rd_position_next(src->t, &src->pos, h->start, &m.line, &m.col);
			m.page = ex_text_page(src->t, h->start);
			m.section = ex_text_section(src->t, h->start);
		} else {
			cursor_advance(cur, data, base, h->start);
			m.line = cur->line;
			m.col = cur->col;
			m.page = 0;
			m.section = dm_section_at(src->md_doc, h->start);
		}
		m.start = h->start;
		m.end = h->end;
		m.surface = data + (h->start - base);
		m.surface_len = h->end - h->start;
		m.concept = gz_entry_concept(r->gz, h->entry);
		m.label = gz_entry_label(r->gz, h->entry);
		m.method = h->method;
		m.score = h->score;
		m.rule = r->cf.rules ? r->cf.rules[k] : NULL;
		if (r->fn(&m, r->ctx))
			r->stopped = 1;
	}
	r->n_hits = 0;
}

static void fnv_add(uint64_t *h, const char *p, size_t n)
{
	uint64_t x = *h;
	for (size_t i = 0; i < n; i++)
		x = (x ^ (unsigned char)p[i]) * 1099511628211ull;
	*h = x;
}

static size_t source_read(struct source *src, char *to, size_t n)
{
	if (src->f)
		return fread(to, 1, n, src->f);
	if (n > src->mem_len - src->mem_pos)
		n = src->mem_len - src->mem_pos;
	if (n == 0)
		return 0;
	memcpy(to, src->mem + src->mem_pos, n);
	src->mem_pos += n;
	return n;
}

static int cmp_hit(const void *a, const void *b)
{
	const struct gz_hit *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start;
}

/* A document's explicit references to entries (LaTeX \gls{key}) become
 * mentions of that concept, when the key is one; the label is the concept's
 * first label of the wanted kind (an abbreviation for \acrshort). Called
 * per block with the block's hits: adds the references that start before
 * `until` (from *next on, in document order). */
static int add_refs(struct run *r, const struct dm_doc *d, size_t *next, size_t until)
{
	if (!d || !d->n_refs)
		return 0;
	size_t first = *next;
	size_t n_entries = gz_entry_count(r->gz);
	for (; *next < d->n_refs && d->refs[*next].start < until; ++*next) {
		const struct dm_ref *ref = &d->refs[*next];
		uint32_t found = UINT32_MAX;
		for (size_t e = 0; e < n_entries; e++) {
			if (strcmp(gz_entry_concept(r->gz, (uint32_t)e), ref->key))
				continue;
			if (found == UINT32_MAX)
				found = (uint32_t)e;
			/* short forms are written in capitals (OZG, EfA) */
			const char *l = gz_entry_label(r->gz, (uint32_t)e);
			int is_short = strlen(l) <= 8 && l[0] >= 'A' && l[0] <= 'Z' && l[1] >= 'A' &&
			               l[1] <= 'Z';
			if (is_short == ref->is_short) {
				found = (uint32_t)e;
				break;
			}
		}
		if (found == UINT32_MAX)
			continue;
		struct gz_hit h = { ref->start, ref->end, found, "gls", 1.0 };
		if (gz_hit_push(&r->hits, &r->n_hits, &r->cap_hits, h) < 0)
			return -1;
	}
	if (r->n_hits > 1)
		qsort(r->hits, r->n_hits, sizeof *r->hits, cmp_hit);
	/* a label inside a reference (\gls{registermodernisierung}) is the
	 * reference, known key or not: only the references near this block's
	 * hits are looked at (hits and references both ascend) */
	size_t j = first, k = 0;
	while (j > 0 && r->n_hits && d->refs[j - 1].end > r->hits[0].start)
		j--;
	for (size_t i = 0; i < r->n_hits; i++) {
		const struct gz_hit *h = &r->hits[i];
		int inside = 0;
		if (strcmp(h->method, "gls")) {
			while (j < d->n_refs && d->refs[j].end <= h->start)
				j++;
			for (size_t q = j; q < d->n_refs && !inside && d->refs[q].start < h->end; q++)
				inside = h->start < d->refs[q].end && h->end > d->refs[q].start;
		}
		if (!inside)
			r->hits[k++] = *h;
	}
	r->n_hits = k;
	return 0;
}

static int stream_text(struct run *r, struct source *src, const struct ex_options *opt,
                       struct err *err)
{
	const char *name = strcmp(r->path, "-") ? r->path : "<stdin>";
	size_t cap = BLOCK + OVERLAP;
	char *data = src->block ? src->block : malloc(cap + 1);
	if (!data)
		return err_set(err, name, 0, "out of memory");
	size_t len = 0, base = src->base, skip_to = src->skip_to, blanked = 0;
	struct cursor cur = { src->base, src->line ? src->line : 1, src->col ? src->col : 1 };
	if (skip_to < base)
		skip_to = base;
	int reported = 0, at_eof = 0, rc = 0;
	while (!r->stopped) {
		while (len < cap && !at_eof) {
			size_t n = source_read(src, data + len, cap - len);
			if (opt && opt->bytes_read && src->is_input)
				*opt->bytes_read += n;
			if (opt && opt->fnv && src->is_input)
				fnv_add(opt->fnv, data + len, n);
			len += n;
			if (n == 0) {
				if (src->f && ferror(src->f)) {
					rc = err_set(err, name, 0, "cannot read: %s", strerror(errno));
					goto out;
				}
				at_eof = 1;
			}
		}
		/* Markdown: blank the new whole lines; the block ends after the
		 * last of them (a line longer than half a block is cut). Their
		 * headings are the sections, taken before the markup goes. */
		size_t end = len;
		if (src->is_md) {
			if (!at_eof) {
				char *nl = memrchr(data + blanked, '\n', len - blanked);
				if (nl && (size_t)(nl + 1 - data) > len / 2)
					end = (size_t)(nl + 1 - data);
			}
			if (dm_markdown_headings_lines(src->md_doc, &src->md_lines, data + blanked,
			                               end - blanked, base + blanked) < 0) {
				rc = err_set(err, name, 0, "out of memory");
				goto out;
			}
			rd_markdown_blank_lines(data + blanked, end - blanked, &src->md);
			blanked = end;
		}
		size_t cut = end;
		if (!at_eof || end < len) {
			/* cut at a word start after white space, OVERLAP before the end */
			size_t p = end - OVERLAP;
			while (p < end && !strchr(" \t\r\n", data[p]))
				p++;
			while (p < end && strchr(" \t\r\n", data[p]))
				p++;
			if (p >= end) { /* no white space: cut at a character start */
				p = end - OVERLAP;
				while (p > 0 && ((unsigned char)data[p] & 0xC0) == 0x80)
					p--;
			}
			cut = p;
		}
		if (nz_run(&r->z, data, end) < 0 ||
		    gz_match_block(r->gz, &r->z, data, skip_to - base, cut, &r->hits, &r->n_hits,
		                   &r->cap_hits) < 0 ||
		    (r->fz && ctx_drop(&r->cf, r->gz, r->hits, &r->n_hits, data, base, end) < 0) ||
		    (r->fz && gz_fuzzy_block(r->fz, &r->z, data, skip_to - base, cut, &r->hits,
		                             &r->n_hits, &r->cap_hits) < 0)) {
			rc = err_set(err, name, 0, "out of memory");
			goto out;
		}
		if (!reported && r->z.first_invalid != SIZE_MAX && r->z.first_invalid < cut) {
			struct cursor c2 = cur;
			cursor_advance(&c2, data, base, base + r->z.first_invalid);
			char msg[256];
			const char *enc = enc_guess(data + r->z.first_invalid, len - r->z.first_invalid);
			snprintf(msg, sizeof msg, "invalid UTF-8 (looks like %s; convert with iconv -f %s "
			         "-t utf-8), the bytes are skipped", enc, enc);
			warn(opt, r->path, c2.line, msg);
			reported = 1;
		}
		/* hits are block-relative: shift them to input offsets */
		for (size_t k = 0; k < r->n_hits; k++) {
			r->hits[k].start += base;
			r->hits[k].end += base;
		}
		if (src->t && add_refs(r, src->t->doc, &src->next_ref, base + cut) < 0) {
			rc = err_set(err, name, 0, "out of memory");
			goto out;
		}
		if (r->n_hits)
			skip_to = r->hits[r->n_hits - 1].end;
		if (ctx_filter(&r->cf, r->gz, r->hits, &r->n_hits, data, base, end) < 0) {
			rc = err_set(err, name, 0, "out of memory");
			goto out;
		}
		struct cursor at_block = cur;
		emit_hits(r, data, base, &cur, src);
		src->last_end = skip_to;
		if (src->on_block && !r->stopped &&
		    src->on_block(skip_to > base + cut ? skip_to : base + cut, r->ctx)) {
			r->stopped = 1;
			break;
		}
		if (src->stop_at && base + cut >= src->stop_at) {
			/* the part's own line feeds, counted in this pass: stop_at lies
			 * in this block, normally at its cut (no hit starts after it) */
			if (cur.pos > src->stop_at)
				cur = at_block;
			cursor_advance(&cur, data, base, src->stop_at);
			src->end_line = cur.line;
			src->end_col = cur.col;
			break;
		}
		if (at_eof && cut == len) {
			if (base + len == 0 && src->is_input)
				warn(opt, r->path, 0, "empty file, nothing to extract");
			break;
		}
		cursor_advance(&cur, data, base, base + cut);
		ctx_keep_tail(&r->cf, data, base, cut);
		memmove(data, data + cut, len - cut);
		len -= cut;
		base += cut;
		blanked -= cut;
		if (skip_to < base)
			skip_to = base;
	}
out:
	if (data != src->block)
		free(data);
	return rc;
}

/* A loaded document (taken over, freed): its reader's text is matched in
 * the same blocks as a stream, positions from the reader's map. */
static int match_loaded(struct run *r, const char *format, char *data, size_t len,
                        const struct ex_options *opt, struct err *err)
{
	struct ex_text t;
	size_t bad;
	if (opt && opt->bytes_read)
		*opt->bytes_read += len;
	if (opt && opt->fnv)
		fnv_add(opt->fnv, data, len);
	if (len == 0) {
		free(data);
		warn(opt, r->path, 0, "empty file, nothing to extract");
		return 0;
	}
	if (rd_read_loaded(r->path, format, data, len, &t, &bad, err) < 0)
		return -1;
	if (t.invalid_line) {
		char msg[300];
		const char *enc = t.likely_encoding ? t.likely_encoding : "windows-1252";
		snprintf(msg, sizeof msg, "invalid UTF-8 (looks like %s; convert with iconv -f %s "
		         "-t utf-8%s), the bytes are skipped", enc, enc,
		         !strcmp(format, "html") ? ", or declare it: <meta charset=\"...\">"
		         : !strcmp(format, "xml") ? ", or declare it: <?xml encoding=\"...\"?>" : "");
		warn(opt, r->path, t.invalid_line, msg);
	}
	struct source src = { 0 };
	src.mem = t.data;
	src.mem_len = t.len;
	src.t = &t;
	int rc = stream_text(r, &src, opt, err);
	ex_text_free(&t);
	return rc;
}

/* Plain text and Markdown stream from src (f or mem set, is_input too). */
static int match_stream(struct run *r, struct source *src, const char *format,
                        const struct ex_options *opt, struct err *err)
{
	/* Markdown's markup is blanked line by line; its offsets are the input's */
	src->is_md = !strcmp(format, "md");
	if (src->is_md && !(src->md_doc = dm_new()))
		return err_set(err, strcmp(r->path, "-") ? r->path : "<stdin>", 0, "out of memory");
	int rc = stream_text(r, src, opt, err);
	dm_md_lines_free(&src->md_lines);
	dm_free(src->md_doc);
	return rc;
}

int ex_extract_path(const struct gz *gz, const char *path, const struct ex_options *opt,
                    ex_mention_fn fn, void *ctx, struct err *err)
{
	const char *format = opt && opt->format ? opt->format : ex_format_for(path);
	const char *name = strcmp(path, "-") ? path : "<stdin>";
	if (!ex_format_valid(format))
		return err_set(err, name, 0, "unknown format '%s'", format);
	struct run r = { .gz = gz, .path = path, .fn = fn, .ctx = ctx };
	nz_init(&r.z);
	if (opt && opt->fuzzy && !(r.fz = gz_fuzzy_get(gz)))
		return err_set(err, name, 0, "out of memory building the fuzzy index");
	ctx_init(&r.cf);
	int rc = 0;
	if (!strcmp(format, "txt") || !strcmp(format, "md")) {
		struct source src = { 0 };
		src.is_input = 1;
		int is_stdin = !strcmp(path, "-");
		src.f = is_stdin ? stdin : fopen(path, "rb");
		if (!src.f) {
			nz_free(&r.z);
			return err_set(err, name, 0, "cannot read: %s", strerror(errno));
		}
		rc = match_stream(&r, &src, format, opt, err);
		if (!is_stdin)
			fclose(src.f);
	} else {
		char *data;
		size_t len;
		if (rd_load(path, &data, &len, err) < 0) {
			/* extract streams text of any size: say how */
			if (err && strstr(err->msg, "the limit for a whole document"))
				snprintf(err->msg + strlen(err->msg), sizeof err->msg - strlen(err->msg),
				         " (extract reads it as plain text with --format txt)");
			nz_free(&r.z);
			return -1;
		}
		rc = match_loaded(&r, format, data, len, opt, err);
	}
	nz_free(&r.z);
	ctx_free(&r.cf);
	free(r.hits);
	return rc;
}

int ex_extract_mem(const struct gz *gz, const char *name, const char *format, const char *data,
                   size_t len, const struct ex_options *opt, ex_mention_fn fn, void *ctx,
                   struct err *err)
{
	if (!ex_format_valid(format))
		return err_set(err, name, 0, "unknown format '%s'", format);
	struct run r = { .gz = gz, .path = name, .fn = fn, .ctx = ctx };
	if (opt && opt->fuzzy && !(r.fz = gz_fuzzy_get(gz)))
		return err_set(err, name, 0, "out of memory building the fuzzy index");
	nz_init(&r.z);
	ctx_init(&r.cf);
	int rc;
	if (!strcmp(format, "txt") || !strcmp(format, "md")) {
		/* the same blocks as a file: data is copied block by block */
		struct source src = { 0 };
		src.is_input = 1;
		src.mem = data;
		src.mem_len = len;
		rc = match_stream(&r, &src, format, opt, err);
	} else {
		char *copy = malloc(len + 1);
		if (!copy)
			rc = err_set(err, name, 0, "out of memory");
		else {
			memcpy(copy, data, len);
			copy[len] = '\0';
			rc = match_loaded(&r, format, copy, len, opt, err);
		}
	}
	nz_free(&r.z);
	ctx_free(&r.cf);
	free(r.hits);
	return rc;
}

/* ---- parts of a large plain-text file, for several threads ---- */

int ex_threads_init(const struct gz *gz, int fuzzy, struct err *err)
{
	xmlInitParser();
	/* libzip converts DOS times with mktime: the time zone read once here,
	 * not first by two threads at once */
	tzset();
	if (fuzzy && !gz_fuzzy_get(gz))
		return err_set(err, "", 0, "out of memory building the fuzzy index");
	return 0;
}

static int is_blank_byte(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Reads [at, at + n) of f into buf; the bytes read (fewer at the end). */
static size_t read_at(FILE *f, size_t at, char *buf, size_t n)
{
	if (fseeko(f, (off_t)at, SEEK_SET) < 0)
		return 0;
	return fread(buf, 1, n, f);
}

int ex_text_parts(const char *path, size_t part_bytes, int shares, struct ex_part **parts,
                  size_t *n_parts, struct err *err)
{
	enum { BACK = 4096 }; /* bytes read before a block's nominal end */
	*parts = NULL;
	*n_parts = 0;
	FILE *f = fopen(path, "rb");
	if (!f)
		return err_set(err, path, 0, "cannot read: %s", strerror(errno));
	struct stat sb;
	size_t cap_parts = 16, n = 0;
	struct ex_part *v = malloc(cap_parts * sizeof *v);
	char *w = malloc(BACK + OVERLAP);
	if (!v || !w || fstat(fileno(f), &sb) < 0) {
		free(v);
		free(w);
		fclose(f);
		return err_set(err, path, 0, "out of memory");
	}
	if (shares < 1)
		shares = 1;
	size_t size = S_ISREG(sb.st_mode) ? (size_t)sb.st_size : 0;
	v[n++] = (struct ex_part){ 0, size, 1 };
	size_t want = size / (size_t)shares > part_bytes ? size / (size_t)shares : part_bytes;
	/* Follow the blocks stream_text cuts (plain text: every block but the
	 * last holds BLOCK + OVERLAP bytes, cut at the first word start after
	 * white space from BLOCK on); any such cut can start a part. */
	size_t base = 0, cap = BLOCK + OVERLAP;
	while (S_ISREG(sb.st_mode) && size - base >= cap) {
		size_t from = base + BLOCK - BACK; /* BLOCK > BACK: never before base */
		size_t got = read_at(f, from, w, BACK + OVERLAP);
		if (got < BACK + OVERLAP)
			break; /* the file changed: one part */
		const char *e = w + BACK; /* data[end - OVERLAP] of stream_text */
		size_t p = 0;
		while (p < OVERLAP && !is_blank_byte((unsigned char)e[p]))
			p++;
		while (p < OVERLAP && is_blank_byte((unsigned char)e[p]))
			p++;
		if (p >= OVERLAP) {
			/* no white space: a character start, as stream_text backs up */
			long q = 0;
			while (BLOCK + q > 0 && ((unsigned char)e[q] & 0xC0) == 0x80) {
				q--;
				if (q < -(long)BACK + 1)
					break;
			}
			if (((unsigned char)e[q] & 0xC0) == 0x80)
				break; /* too long a run to follow here: stop splitting */
			base = base + BLOCK - (size_t)(-q);
			continue;
		}
		size_t cut = base + BLOCK + p;
		if (cut - v[n - 1].start >= want) {
			if (n == cap_parts) {
				struct ex_part *nv = realloc(v, 2 * cap_parts * sizeof *v);
				if (!nv) {
					free(v);
					free(w);
					fclose(f);
					return err_set(err, path, 0, "out of memory");
				}
				v = nv;
				cap_parts *= 2;
			}
			v[n - 1].end = cut;
			v[n++] = (struct ex_part){ cut, size, 0 };
			want = (size - cut) / (size_t)shares;
			if (want < part_bytes)
				want = part_bytes;
		}
		base = cut;
	}
	free(w);
	fclose(f);
	/* a last part much smaller than the others joins the one before */
	if (n > 1 && v[n - 1].end - v[n - 1].start < part_bytes / 4) {
		v[n - 2].end = v[n - 1].end;
		n--;
	}
	*parts = v;
	*n_parts = n;
	return 0;
}

long ex_next_col(long col, long n_lines, long tail_cps)
{
	return n_lines ? 1 + tail_cps : col + tail_cps;
}

int ex_count_lines(const char *path, size_t from, size_t to, long *n_lines, long *tail_cps,
                   struct err *err)
{
	*n_lines = 0;
	*tail_cps = 0;
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return err_set(err, path, 0, "cannot read: %s", strerror(errno));
	enum { CHUNK = 1 << 20 };
	unsigned char *buf = malloc(CHUNK);
	int rc = 0;
	if (!buf)
		rc = err_set(err, path, 0, "out of memory");
	while (rc == 0 && from < to) {
		size_t want = to - from < CHUNK ? to - from : CHUNK;
		ssize_t got = pread(fd, buf, want, (off_t)from);
		if (got <= 0) {
			rc = err_set(err, path, 0, "cannot read: %s", got < 0 ? strerror(errno)
			             : "the file changed");
			break;
		}
		const unsigned char *e = buf + got;
		size_t lines = count_newlines(buf, e);
		if (lines) {
			const unsigned char *last_nl = memrchr(buf, '\n', (size_t)got);
			*n_lines += (long)lines;
			*tail_cps = count_cps(last_nl + 1, e);
		} else {
			*tail_cps += count_cps(buf, e);
		}
		from += (size_t)got;
	}
	free(buf);
	close(fd);
	return rc;
}

int ex_file_fnv(const char *path, uint64_t *fnv, size_t *size, struct err *err)
{
	*fnv = EX_FNV_INIT;
	*size = 0;
	FILE *f = fopen(path, "rb");
	if (!f)
		return err_set(err, path, 0, "cannot read: %s", strerror(errno));
	enum { CHUNK = 1 << 18 };
	char *buf = malloc(CHUNK);
	if (!buf) {
		fclose(f);
		return err_set(err, path, 0, "out of memory");
	}
	size_t got;
	while ((got = fread(buf, 1, CHUNK, f)) > 0) {
		fnv_add(fnv, buf, got);
		*size += got;
	}
	int rc = ferror(f) ? err_set(err, path, 0, "cannot read: %s", strerror(errno)) : 0;
	free(buf);
	fclose(f);
	return rc;
}

struct ex_scratch {
	struct nz z;
	char *block;
};

struct ex_scratch *ex_scratch_new(void)
{
	struct ex_scratch *s = calloc(1, sizeof *s);
	if (s)
		nz_init(&s->z);
	return s;
}

void ex_scratch_free(struct ex_scratch *s)
{
	if (!s)
		return;
	nz_free(&s->z);
	free(s->block);
	free(s);
}

int ex_extract_part(const struct gz *gz, const char *path, const struct ex_options *opt,
                    const struct ex_part *p, long first_line, size_t skip_to, size_t *last_end,
                    long *n_lines, long *tail_cps, struct ex_scratch *scratch,
                    ex_mention_fn fn, ex_block_fn on_block, void *ctx, struct err *err)
{
	struct run r = { .gz = gz, .path = path, .fn = fn, .ctx = ctx };
	*last_end = 0;
	*n_lines = 0;
	*tail_cps = 0;
	if (opt && opt->fuzzy && !(r.fz = gz_fuzzy_get(gz)))
		return err_set(err, path, 0, "out of memory building the fuzzy index");
	struct source src = { 0 };
	src.f = fopen(path, "rb");
	if (!src.f)
		return err_set(err, path, 0, "cannot read: %s", strerror(errno));
	if (p->start && fseeko(src.f, (off_t)p->start, SEEK_SET) < 0) {
		fclose(src.f);
		return err_set(err, path, 0, "cannot read: %s", strerror(errno));
	}
	src.base = p->start;
	src.skip_to = skip_to;
	src.on_block = on_block;
	src.line = first_line;
	src.col = p->col;
	src.end_line = first_line;
	src.end_col = p->col;
	struct stat sb;
	/* the last part runs to the end of the file, the others stop at their end */
	src.stop_at = (fstat(fileno(src.f), &sb) == 0 && (size_t)sb.st_size > p->end) ? p->end : 0;
	nz_init(&r.z);
	ctx_init(&r.cf);
	/* the context filter looks back before the part, as the single pass does */
	if (p->start) {
		size_t keep = p->start < CTX_WINDOW ? p->start : CTX_WINDOW;
		ssize_t got = pread(fileno(src.f), r.cf.tail, keep, (off_t)(p->start - keep));
		r.cf.tail_len = got > 0 ? (size_t)got : 0;
		r.cf.tail_base = p->start - keep;
	}
	if (scratch) {
		if (!scratch->block) /* a thread's, for every part it takes */
			scratch->block = gz_huge_alloc(BLOCK + OVERLAP + 1);
		src.block = scratch->block; /* NULL: stream_text allocates */
		r.z = scratch->z;
	}
	int rc = stream_text(&r, &src, opt, err);
	if (scratch)
		scratch->z = r.z; /* kept, with its buffers, for the next part */
	else
		nz_free(&r.z);
	ctx_free(&r.cf);
	free(r.hits);
	fclose(src.f);
	*last_end = src.last_end;
	if (src.stop_at && rc == 0 && !r.stopped) {
		*n_lines = src.end_line - first_line;
		*tail_cps = *n_lines ? src.end_col - 1 : src.end_col - p->col;
	}
	if (opt && opt->bytes_read)
		*opt->bytes_read += p->end - p->start;
	return rc;
}
