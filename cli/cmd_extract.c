/* cmd_extract.c - `glossar extract` (every mention, JSON Lines or TSV),
 * `glossar compile` (the gazetteer as a file for extract --gazetteer), and
 * cli_load_gazetteer, which other commands use to match the KB's labels. */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../common/buf.h"
#include "../extract/extract.h"
#include "cli.h"

/* Plain-text files of twice this size or more are matched in parts on
 * several threads. */
#define PART_MIN_BYTES ((size_t)4 << 20)

static const char extract_help[] =
	"usage: glossar extract [options] [FILE...]\n"
	"\n"
	"Finds every mention of every concept of the knowledge base in the files\n"
	"(stdin when there is none or FILE is -) and prints one record per mention,\n"
	"in document order, as JSON Lines (default) or TSV with a header. Records\n"
	"carry \"page\" (PDF) and \"section\" (the heading path) where the document\n"
	"has them (docs/mention-record.md).\n"
	"\n"
	"options:\n"
	"  --format jsonl|tsv       output format (default jsonl)\n"
	"  --format txt|md|html|xml|docx|odt|pdf|tex\n"
	"                           read every input with this reader (also --input-format);\n"
	"                           else by extension: .txt .md .markdown .html .htm .xhtml .xml\n"
	"                           .docx .odt .pdf .tex .latex\n"
	"  --gazetteer FILE         use a gazetteer written by 'glossar compile', not the KB\n"
	"  --store                  record the documents and their mentions in the KB\n"
	"                           (a document extracted again has its mentions replaced)\n"
	"  --stats                  print files, bytes, mentions and MB/s to stderr\n"
	"  --fuzzy                  also find speech-recognition variants of labels of 6 or\n"
	"                           more letters (edit distance, sound-alike, Koelner\n"
	"                           Phonetik): method \"fuzzy\", score below 1\n"
	"  -j N, --jobs N           threads (default: the number of cores): files in\n"
	"                           parallel, a large text file in parts; the output is\n"
	"                           the same as with -j 1, in the same order\n"
	"\n"
	"exit status: 0 (also when nothing was found); 2 bad usage, or input that\n"
	"could not be read or had problems (invalid UTF-8, an empty file: reported with\n"
	"file and line, the rest is still extracted, and --store stores nothing)\n"
	"\n"
	"examples:\n"
	"  glossar extract report.md\n"
	"  glossar extract --format tsv page.html notes.txt\n"
	"  cat transcript.txt | glossar extract --stats\n"
	"  glossar extract --fuzzy transcript.txt\n"
	"  glossar compile -o vocab.gz && glossar extract --gazetteer vocab.gz corpus.txt\n"
	"  glossar extract --store docs/*.md\n"
	"  glossar extract -j 1 corpus.txt         (one thread)\n";

static const char compile_help[] =
	"usage: glossar compile -o FILE [--labels-tsv FILE]\n"
	"\n"
	"Compiles every label of every concept of the knowledge base (preferred,\n"
	"alternative, abbreviation, hidden) into one automaton and writes it to\n"
	"FILE, which 'glossar extract --gazetteer FILE' maps and uses without the KB.\n"
	"With --labels-tsv the labels come from a file of 'concept<TAB>label' lines\n"
	"instead (used by the benchmark).\n"
	"\n"
	"examples:\n"
	"  glossar compile -o vocab.gz\n"
	"  glossar compile --labels-tsv gazetteer-laws.tsv -o laws.gz\n";

struct gz *cli_load_gazetteer(struct kb *kb, struct err *err)
{
	struct kb_vocab v = { NULL, 0 };
	if (kb_vocab_load(kb, &v, err) < 0)
		return NULL;
	struct kb_gz_labels g;
	struct gz *gz = NULL;
	if (kb_gz_labels_build(&v, &g, err) == 0)
		gz = gz_compile_ctx(g.labels, g.contexts, g.n, err);
	kb_gz_labels_free(&g);
	kb_vocab_free(&v);
	return gz;
}

/* Reads "concept<TAB>label" lines (the benchmark's gazetteer format). */
static struct gz *load_labels_tsv(const char *path, struct err *err)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		err_set(err, path, 0, "cannot read: %s", strerror(errno));
		return NULL;
	}
	struct buf text = BUF_INIT;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		if (buf_append(&text, chunk, n) < 0)
			break;
	int bad = ferror(f) || n > 0;
	fclose(f);
	if (bad || !text.data) {
		buf_free(&text);
		err_set(err, path, 0, bad ? "cannot read the file" : "no labels");
		return NULL;
	}
	size_t cap = 1024, k = 0;
	struct gz_label *labels = malloc(cap * sizeof *labels);
	long line_no = 0;
	char *p = text.data, *end = text.data + text.len;
	struct gz *gz = NULL;
	while (labels && p < end) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		char *e = nl ? nl : end;
		line_no++;
		*e = 0;
		if (e > p && e[-1] == '\r')
			e[-1] = 0;
		char *tab = strchr(p, '\t');
		if (line_no == 1 && !strcmp(p, "id\tlabel")) {
			/* the header */
		} else if (*p && tab) {
			*tab = 0;
			if (k == cap) {
				struct gz_label *nlb = realloc(labels, 2 * cap * sizeof *labels);
				if (!nlb)
					break;
				labels = nlb;
				cap *= 2;
			}
			labels[k++] = (struct gz_label){ tab + 1, p, GZ_PREF, 0 };
		} else if (*p) {
			err_set(err, path, line_no, "expected concept<TAB>label");
			free(labels);
			buf_free(&text);
			return NULL;
		}
		p = nl ? nl + 1 : end;
	}
	if (labels && p >= end)
		gz = gz_compile(labels, k, err);
	else
		err_set(err, path, 0, "out of memory");
	free(labels);
	buf_free(&text);
	return gz;
}

/* ---- output ---- */

struct out {
	struct buf b;
	int is_tsv;
	int failed;
	long long mentions;
	struct kb_mentions *store;
	struct err *err;
	/* the record's start up to the line number, `{"doc":"...","line":`,
	 * made once per document (doc_raw is the path it was made for) */
	struct buf doc_raw, doc_json;
	int is_job; /* a worker's records: kept until the main thread writes them */
};

static void flush_out(struct out *o)
{
	if (o->b.len && fwrite(o->b.data, 1, o->b.len, stdout) != o->b.len)
		o->failed = 1;
	o->b.len = 0;
}

static const char hex[] = "0123456789abcdef";

/* Appends s for a TSV field: tabs and line breaks become spaces. */
static void tsv_str(struct buf *b, const char *s, size_t len)
{
	if (buf_grow(b, len + 1) < 0)
		return;
	char *o = b->data + b->len;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		*o++ = (c == '\t' || c == '\n' || c == '\r') ? ' ' : c;
	}
	b->len = (size_t)(o - b->data);
	b->data[b->len] = 0;
}

static void put_score(struct buf *b, double score)
{
	if (score >= 1.0)
		buf_puts(b, "1.0");
	else
		buf_printf(b, "%.2f", score);
}

/* Whether byte c goes into a JSON string as it is. */
static inline int json_plain(unsigned char c)
{
	return c >= 0x20 && c != '"' && c != '\\';
}

/* Writes s escaped as the inside of a JSON string at o (room for 6 bytes
 * a byte), as json_str does; returns the end. */
static char *json_put(char *o, const char *s, size_t len)
{
	size_t i = 0;
	/* eight bytes at a time while none of them needs escaping */
	const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
	while (i + 8 <= len) {
		uint64_t x, q, bs;
		memcpy(&x, s + i, 8);
		q = x ^ (ones * '"');
		bs = x ^ (ones * '\\');
		/* a byte below 0x20, or a zero byte in q or bs (quote, backslash);
		 * bytes >= 0x80 (UTF-8) are plain: the highs mask keeps them out */
		uint64_t special = ((x - ones * 0x20) & ~x) | ((q - ones) & ~q) | ((bs - ones) & ~bs);
		if (special & highs)
			break;
		memcpy(o, s + i, 8);
		o += 8;
		i += 8;
	}
	for (; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (json_plain(c)) {
			*o++ = (char)c;
		} else if (c == '"' || c == '\\') {
			*o++ = '\\';
			*o++ = (char)c;
		} else if (c == '\n') {
			*o++ = '\\';
			*o++ = 'n';
		} else if (c == '\t') {
			*o++ = '\\';
			*o++ = 't';
		} else {
			memcpy(o, "\\u00", 4);
			o[4] = hex[c >> 4];
			o[5] = hex[c & 15];
			o += 6;
		}
	}
	return o;
}

/* Writes v in decimal at o (room for 20 bytes); returns the end. */
static char *num_put(char *o, unsigned long long v)
{
	static const char pairs[201] = "00010203040506070809101112131415161718192021222324"
	                               "25262728293031323334353637383940414243444546474849"
	                               "50515253545556575859606162636465666768697071727374"
	                               "75767778798081828384858687888990919293949596979899";
	char tmp[24];
	char *t = tmp + sizeof tmp;
	while (v > UINT32_MAX) {
		unsigned r = (unsigned)(v % 100);
		v /= 100;
		t -= 2;
		memcpy(t, pairs + 2 * r, 2);
	}
	uint32_t v32 = (uint32_t)v; /* the usual case: cheaper division */
	while (v32 >= 100) {
		unsigned r = v32 % 100;
		v32 /= 100;
		t -= 2;
		memcpy(t, pairs + 2 * r, 2);
	}
	if (v32 >= 10) {
		t -= 2;
		memcpy(t, pairs + 2 * v32, 2);
	} else {
		*--t = (char)('0' + v32);
	}
	size_t n = (size_t)(tmp + sizeof tmp - t);
	memcpy(o, t, n);
	return o + n;
}

/* The same two writers appending to a buffer. */
static void json_str(struct buf *b, const char *s, size_t len)
{
	if (buf_grow(b, len * 6) < 0)
		return;
	b->len = (size_t)(json_put(b->data + b->len, s, len) - b->data);
	b->data[b->len] = 0;
}

static void put_num(struct buf *b, unsigned long long v)
{
	if (buf_grow(b, 20) < 0)
		return;
	b->len = (size_t)(num_put(b->data + b->len, v) - b->data);
	b->data[b->len] = 0;
}

#define PUT_LIT(o, lit) (memcpy((o), (lit), sizeof(lit) - 1), (o) + sizeof(lit) - 1)

/* One JSON Lines record, written straight into the buffer after one
 * reservation: the same bytes as the field-by-field buf_* calls made,
 * without a length check and a strlen per field. */
static void json_record(struct out *o, const struct ex_mention *m)
{
	struct buf *b = &o->b;
	if (!o->doc_raw.data || strcmp(o->doc_raw.data, m->doc) != 0) {
		size_t dl = strlen(m->doc);
		o->doc_raw.len = 0;
		o->doc_json.len = 0;
		if (buf_append(&o->doc_raw, m->doc, dl) < 0 ||
		    buf_puts(&o->doc_json, "{\"doc\":\"") < 0) {
			o->failed = 1;
			return;
		}
		json_str(&o->doc_json, m->doc, dl);
		if (buf_puts(&o->doc_json, "\",\"line\":") < 0) {
			o->failed = 1;
			return;
		}
	}
	size_t cl = strlen(m->concept), ll = strlen(m->label), ml = strlen(m->method);
	size_t need = o->doc_json.len + 6 * (m->surface_len + cl + ll) + ml + 4 * 24 + 96;
	if (buf_grow(b, need) < 0) {
		o->failed = 1;
		return;
	}
	char *p = b->data + b->len;
	memcpy(p, o->doc_json.data, o->doc_json.len);
	p += o->doc_json.len;
	p = num_put(p, (unsigned long long)m->line);
	p = PUT_LIT(p, ",\"col\":");
	p = num_put(p, (unsigned long long)m->col);
	p = PUT_LIT(p, ",\"start\":");
	p = num_put(p, m->start);
	p = PUT_LIT(p, ",\"end\":");
	p = num_put(p, m->end);
	p = PUT_LIT(p, ",\"surface\":\"");
	p = json_put(p, m->surface, m->surface_len);
	p = PUT_LIT(p, "\",\"concept\":\"");
	p = json_put(p, m->concept, cl);
	p = PUT_LIT(p, "\",\"label\":\"");
	p = json_put(p, m->label, ll);
	p = PUT_LIT(p, "\",\"method\":\"");
	memcpy(p, m->method, ml);
	p += ml;
	p = PUT_LIT(p, "\",\"score\":");
	if (m->score >= 1.0 && !m->page && !m->section && !m->rule) { /* put_score's "1.0", without a call */
		p = PUT_LIT(p, "1.0}\n");
		b->len = (size_t)(p - b->data);
		b->data[b->len] = 0;
		return;
	}
	b->len = (size_t)(p - b->data);
	b->data[b->len] = 0;
	put_score(b, m->score);
	/* the optional fields, where the format has them (docs/mention-record.md) */
	if (m->page) {
		buf_puts(b, ",\"page\":");
		put_num(b, (unsigned long long)m->page);
	}
	if (m->section) {
		buf_puts(b, ",\"section\":\"");
		json_str(b, m->section, strlen(m->section));
		buf_putc(b, '"');
	}
	if (m->rule) { /* one of a few fixed names: no escaping needed */
		buf_puts(b, ",\"rule\":\"");
		buf_puts(b, m->rule);
		buf_putc(b, '"');
	}
	buf_puts(b, "}\n");
}

static int on_mention(const struct ex_mention *m, void *ctx)
{
	struct out *o = ctx;
	struct buf *b = &o->b;
	o->mentions++;
	if (o->store) {
		struct kb_mention km = { m->concept, m->start, m->end, m->line, m->col, m->surface,
			                 m->surface_len, m->label, m->method, m->score };
		if (kb_mentions_add(o->store, &km, o->err) < 0) {
			o->failed = 2;
			return 1;
		}
		return 0;
	}
	if (o->is_tsv) {
		tsv_str(b, m->doc, strlen(m->doc));
		buf_putc(b, '\t');
		put_num(b, (unsigned long long)m->line);
		buf_putc(b, '\t');
		put_num(b, (unsigned long long)m->col);
		buf_putc(b, '\t');
		put_num(b, m->start);
		buf_putc(b, '\t');
		put_num(b, m->end);
		buf_putc(b, '\t');
		tsv_str(b, m->surface, m->surface_len);
		buf_putc(b, '\t');
		tsv_str(b, m->concept, strlen(m->concept));
		buf_putc(b, '\t');
		tsv_str(b, m->label, strlen(m->label));
		buf_putc(b, '\t');
		buf_puts(b, m->method);
		buf_putc(b, '\t');
		put_score(b, m->score);
		buf_putc(b, '\t');
		if (m->page)
			put_num(b, (unsigned long long)m->page);
		buf_putc(b, '\t');
		if (m->section)
			tsv_str(b, m->section, strlen(m->section));
		buf_putc(b, '\n');
	} else {
		json_record(o, m);
	}
	if (b->len >= (1 << 20) && !o->is_job)
		flush_out(o);
	return o->failed;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* What --store left in the KB: the documents named (one each, however
 * often named) and the mentions each now has. */
static int stored_counts(struct kb *kb, char **files, int n_files, long long *n_mentions,
                         int *n_docs, struct err *err)
{
	char **sorted = malloc((size_t)n_files * sizeof *sorted);
	if (!sorted)
		return err_set(err, "", 0, "out of memory");
	memcpy(sorted, files, (size_t)n_files * sizeof *sorted);
	qsort(sorted, (size_t)n_files, sizeof *sorted, cmp_str);
	*n_mentions = 0;
	*n_docs = 0;
	for (int i = 0; i < n_files; i++) {
		if (i && !strcmp(sorted[i], sorted[i - 1]))
			continue;
		long long n = kb_mention_count(kb, sorted[i], err);
		if (n < 0) {
			free(sorted);
			return -1;
		}
		*n_mentions += n;
		++*n_docs;
	}
	free(sorted);
	return 0;
}

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int extract_run(struct cli *cli, char **files, int n_files, const char *out_format,
                       const char *in_format, const char *gz_path, int store, int stats,
                       int fuzzy, int threads);

/* ---- -j N: files, and parts of large text files, on threads ----
 *
 * Workers take jobs (a file, or a part of a large plain-text file) in
 * order and keep what they find: the records formatted, or with --store
 * the mentions, and the warnings. The main thread takes the jobs' results
 * in the same order and does what a single pass does with them: writes
 * the records, stores the mentions (SQLite only here, one transaction),
 * prints the warnings. So the output is byte for byte that of -j 1.
 * Workers share the gazetteer read-only; the fuzzy index is built before
 * they start. */

/* A mention kept for --store, or until a part learns where it starts:
 * its surface in the job's arena; concept, label, method and rule point
 * into the gazetteer or are literals. */
struct kept {
	const char *concept, *label, *method, *rule;
	size_t start, end, surface_off, surface_len;
	long line, col;
	double score;
};

/* What a worker hands over while its job runs: records, or mentions to store. */
struct batch {
	struct buf text;
	struct kept *kept;
	size_t n_kept;
	struct buf arena;
	size_t first, n; /* the job's mentions [first, first + n), in text or kept */
	size_t spill_off, spill_len; /* or its text is in the job's spill file */
	struct batch *next;
};

/* A part's first run marks where its first MARKS blocks end, for the
 * main thread if it runs the part again (take_job). */
enum { MARKS = 8 };

struct par;

struct job {
	struct par *par;
	int file;             /* index into the files */
	int part, n_parts;    /* n_parts 1: the whole file */
	struct ex_part range; /* with parts */
	/* results */
	int is_done, rc;
	struct err err;
	struct out o;         /* the records (not with --store) */
	struct kept *kept;    /* with --store */
	size_t n_kept, cap_kept;
	struct buf arena;
	size_t bytes;
	uint64_t fnv;
	struct err_list warns; /* warnings, printed by the main thread */
	int warn_count;       /* what opt->warnings counted */
	/* Parts: a part counts its lines as it matches; one that starts before
	 * the parts before it have run does not know its first line and
	 * column: it runs from line 1, column 1 (rel) and its positions are
	 * shifted once it learns them (at_known: first_line, range.col). Its
	 * records are kept unformatted until then; the worker that learns it
	 * first formats them. */
	long lines, tail_cps; /* what the part adds to the next one's line and column */
	int has_lines;        /* it has run: lines and tail_cps are set */
	int at_known, rel, shifting, kept_done;
	/* Run again by the main thread with the skip carried in: after each of
	 * its first MARKS blocks the first run notes what it carries into the
	 * next block and the mentions it has found so far, its records before
	 * in batches of their own. Where the run again carries the same after
	 * the same block, the rest of the first run is what the single pass
	 * finds: its mentions from there on are kept, those before dropped. */
	struct { size_t carry, seen; } mark[MARKS];
	int n_marks;
	size_t seen;          /* mentions of the run so far */
	size_t batched, n_buf; /* of them: handed over; formatted in o.b, not yet */
	int resync;           /* being run again: its batches wait (bounded) */
	int count_failed;     /* could not count where it starts: it waits */
	/* A job ahead with a queue's worth of records waiting writes the rest
	 * to a file of its own (deleted already) rather than wait: records
	 * are dense with a vocabulary of common words */
	int spill_fd;         /* + 1: 0 when none */
	int spill_failed;     /* could not: it waits */
	size_t spill_size;
	size_t drop_below;    /* its mentions before this are thrown away */
	long first_line;
	size_t last_end;      /* parts: the skip a next part must start with */
	struct batch *q_head, *q_tail; /* handed over, not yet taken */
	size_t q_bytes;
};

struct par {
	const struct gz *gz;
	char **files;
	int n_files;
	const char *in_format;
	int fuzzy, store, threads;
	struct out *o;
	struct kb *kb;
	/* the pool */
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct job *jobs;
	size_t n_jobs, next, emitted, ahead;
	int stop;
	pthread_mutex_t pdf_mu; /* poppler is read by one thread at a time */
	size_t part_min;        /* the smallest part */
	struct ex_scratch *rerun; /* the main thread's buffers for parts it runs again */
};

/* A job's output waiting for the main thread is bounded: a worker ahead
 * of it waits; the job being written streams. */
enum { BATCH_BYTES = 1 << 20, BATCH_KEPT = 8192, QUEUE_BYTES = 4 << 20 };

static void batch_free(struct batch *b)
{
	while (b) {
		struct batch *next = b->next;
		buf_free(&b->text);
		free(b->kept);
		buf_free(&b->arena);
		free(b);
		b = next;
	}
}

static int job_flush(struct job *jb);
static int job_learn(struct job *jb);

/* A position of a part that ran from line 1, column 1, where it is. */
static void job_shift(const struct job *jb, long *line, long *col)
{
	if (*line == 1)
		*col += jb->range.col - 1;
	*line += jb->first_line - 1;
}

static int job_mention(const struct ex_mention *m, void *ctx)
{
	struct job *jb = ctx;
	jb->seen++;
	if (jb->o.is_job == 1 && (!jb->rel || jb->shifting)) {
		struct ex_mention shifted;
		if (jb->rel) {
			shifted = *m;
			job_shift(jb, &shifted.line, &shifted.col);
			m = &shifted;
		}
		jb->n_buf++;
		if (on_mention(m, &jb->o))
			return 1;
		return jb->o.b.len >= BATCH_BYTES ? job_flush(jb) : 0;
	}
	/* --store, or a part that does not know yet where it starts: kept */
	if (jb->n_kept == jb->cap_kept) {
		size_t cap = jb->cap_kept ? 2 * jb->cap_kept : 256;
		struct kept *k = realloc(jb->kept, cap * sizeof *k);
		if (!k)
			return err_set(&jb->err, m->doc, 0, "out of memory"), jb->o.failed = 2, 1;
		jb->kept = k;
		jb->cap_kept = cap;
	}
	struct kept *k = &jb->kept[jb->n_kept++];
	*k = (struct kept){ m->concept, m->label, m->method, m->rule, m->start, m->end,
		            jb->arena.len, m->surface_len, m->line, m->col, m->score };
	if (buf_append(&jb->arena, m->surface, m->surface_len) < 0) {
		err_set(&jb->err, m->doc, 0, "out of memory");
		jb->o.failed = 2;
		return 1;
	}
	if (jb->o.is_job == 1) /* now and then: has it learnt where it starts? */
		return jb->n_kept % 1024 == 0 ? job_learn(jb) : 0;
	jb->o.mentions++;
	return jb->n_kept >= BATCH_KEPT ? job_flush(jb) : 0;
}

static void job_free(struct job *jb)
{
	if (jb->spill_fd)
		close(jb->spill_fd - 1);
	jb->spill_fd = 0;
	jb->spill_size = 0;
	batch_free(jb->q_head);
	jb->q_head = jb->q_tail = NULL;
	jb->q_bytes = 0;
	buf_free(&jb->o.b);
	buf_free(&jb->o.doc_raw);
	buf_free(&jb->o.doc_json);
	free(jb->kept);
	buf_free(&jb->arena);
	err_list_free(&jb->warns);
	jb->kept = NULL;
	jb->n_kept = jb->cap_kept = 0;
}

/* Writes batch b's text to the end of jb's spill file instead; 1 when
 * done. */
static int job_spill(struct job *jb, struct batch *b)
{
	if (!jb->spill_fd) {
		const char *dir = getenv("TMPDIR");
		char path[4096];
		snprintf(path, sizeof path, "%s/glossar-XXXXXX", dir && *dir ? dir : "/tmp");
		int fd = mkstemp(path);
		if (fd < 0)
			return 0;
		unlink(path);
		jb->spill_fd = fd + 1;
	}
	for (size_t done = 0; done < b->text.len;) {
		ssize_t w = pwrite(jb->spill_fd - 1, b->text.data + done, b->text.len - done,
		                   (off_t)(jb->spill_size + done));
		if (w <= 0)
			return 0;
		done += (size_t)w;
	}
	b->spill_off = jb->spill_size;
	b->spill_len = b->text.len;
	jb->spill_size += b->text.len;
	buf_free(&b->text);
	return 1;
}

/* Hands what the job has found so far to the main thread: records, or
 * with --store the mentions kept. */
static int job_flush(struct job *jb)
{
	if (jb->o.is_job == 1 && jb->n_kept)
		return 0; /* kept until the part learns where it starts */
	if (!jb->o.b.len && !jb->n_kept)
		return 0;
	struct batch *b = calloc(1, sizeof *b);
	if (!b) {
		err_set(&jb->err, "", 0, "out of memory");
		jb->o.failed = 2;
		return 1;
	}
	b->text = jb->o.b;
	b->kept = jb->kept;
	b->n_kept = jb->n_kept;
	b->arena = jb->arena;
	b->first = jb->batched;
	b->n = jb->n_buf + jb->n_kept;
	jb->batched += b->n;
	jb->n_buf = 0;
	jb->o.b = (struct buf)BUF_INIT;
	jb->arena = (struct buf)BUF_INIT;
	jb->kept = NULL;
	jb->n_kept = jb->cap_kept = 0;
	size_t size = b->text.len + b->arena.len + b->n_kept * sizeof *b->kept;
	struct par *p = jb->par;
	pthread_mutex_lock(&p->mu);
	/* A full queue waits for the main thread, which takes the batches of
	 * the job being written as they come; a job ahead rather writes them
	 * to a file of its own, as the main thread may be busy for long. The
	 * job being written waits too, so that memory stays bounded even where
	 * the workers keep both cores to themselves (real-time scheduling). */
	while (jb->q_bytes >= QUEUE_BYTES && !p->stop) {
		int ahead = jb != &p->jobs[p->emitted] || jb->resync;
		if (ahead && !b->n_kept && !jb->resync && !jb->spill_failed) {
			pthread_mutex_unlock(&p->mu);
			int spilt = job_spill(jb, b);
			pthread_mutex_lock(&p->mu);
			if (spilt) {
				size = 0;
				break;
			}
			jb->spill_failed = 1;
		}
		pthread_cond_wait(&p->cv, &p->mu);
	}
	if (b->first + b->n <= jb->drop_below) { /* run again: not queued */
		pthread_mutex_unlock(&p->mu);
		batch_free(b);
		return 0;
	}
	if (jb->q_tail)
		jb->q_tail->next = b;
	else
		jb->q_head = b;
	jb->q_tail = b;
	jb->q_bytes += size;
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
	return 0;
}

static int is_pdf(const struct par *p, const char *path)
{
	return !strcmp(p->in_format ? p->in_format : ex_format_for(path), "pdf");
}

/* Whether a block of the part's first run ends before its mention i:
 * a batch must not hold mentions of both sides. Read by the worker that
 * notes the marks, or after the part has run. */
static int at_mark(const struct job *jb, size_t i)
{
	for (int k = 0; k < jb->n_marks; k++)
		if (jb->mark[k].seen == i)
			return 1;
	return 0;
}

/* A part's first run, after each block: its first MARKS blocks are marked. */
static int job_block(size_t carry, void *ctx)
{
	struct job *jb = ctx;
	if (jb->n_marks == MARKS)
		return 0;
	if (job_flush(jb)) /* unless kept: then job_format_kept cuts there */
		return 1;
	struct par *p = jb->par;
	pthread_mutex_lock(&p->mu);
	jb->mark[jb->n_marks].carry = carry;
	jb->mark[jb->n_marks].seen = jb->seen;
	jb->n_marks++;
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
	return 0;
}

/* Formats the records a part kept while it did not know where it starts,
 * now that it does, and goes on formatting them as they come. */
static int job_format_kept(struct job *jb)
{
	struct kept *v = jb->kept;
	size_t n = jb->n_kept;
	struct buf arena = jb->arena;
	jb->kept = NULL;
	jb->n_kept = jb->cap_kept = 0;
	jb->arena = (struct buf)BUF_INIT;
	jb->shifting = 1;
	int stop = 0;
	for (size_t k = 0; k < n && !stop; k++) {
		const struct kept *q = &v[k];
		struct ex_mention m = { jb->par->files[jb->file], q->line, q->col, q->start, q->end,
			                arena.data + q->surface_off, q->surface_len, q->concept,
			                q->label, q->method, q->score, 0, NULL, q->rule };
		job_shift(jb, &m.line, &m.col);
		if (jb->n_buf && at_mark(jb, jb->batched + jb->n_buf) && job_flush(jb))
			break;
		jb->n_buf++;
		stop = on_mention(&m, &jb->o) || (jb->o.b.len >= BATCH_BYTES && job_flush(jb));
	}
	free(v);
	buf_free(&arena);
	return stop;
}

/* A part's worker, now and then while it keeps its records: formats them
 * once the part knows where it starts; waits for that while a queue's
 * worth of them is kept. Non-zero: stop. */
static int job_learn(struct job *jb)
{
	struct par *p = jb->par;
	pthread_mutex_lock(&p->mu);
	if (!jb->at_known && !p->stop && !jb->count_failed &&
	    jb->n_kept * sizeof *jb->kept + jb->arena.len >= QUEUE_BYTES) {
		/* dense: rather than wait for the parts before to run, count the
		 * lines from the last part that knows where it starts (the first
		 * does) to this one's start, as they would */
		const struct job *q = jb - 1;
		while (!q->at_known)
			q--;
		size_t from = q->range.start;
		long line = q->first_line, col = q->range.col, n_lines, tail_cps;
		pthread_mutex_unlock(&p->mu);
		struct err e;
		int rc = ex_count_lines(p->files[jb->file], from, jb->range.start, &n_lines,
		                        &tail_cps, &e);
		pthread_mutex_lock(&p->mu);
		if (rc < 0)
			jb->count_failed = 1; /* then it waits */
		else if (!jb->at_known) {
			jb->first_line = line + n_lines;
			jb->range.col = ex_next_col(col, n_lines, tail_cps);
			jb->at_known = 1;
		}
	}
	while (!jb->at_known && !p->stop &&
	       jb->n_kept * sizeof *jb->kept + jb->arena.len >= QUEUE_BYTES)
		pthread_cond_wait(&p->cv, &p->mu);
	int known = jb->at_known, stop = p->stop;
	pthread_mutex_unlock(&p->mu);
	if (stop)
		return 1;
	return known ? job_format_kept(jb) : 0;
}

/* Under p->mu, after a part of jb's file has run: the parts whose parts
 * before have all run learn where they start. Returns one that has run
 * with its records kept, for the caller to format (taken), or NULL. */
static struct job *learn_starts(struct par *p, struct job *jb)
{
	struct job *first = jb - jb->part, *take = NULL;
	long line = 1, col = 1;
	for (struct job *q = first; q < first + jb->n_parts; q++) {
		if (!q->at_known) {
			q->first_line = line;
			q->range.col = col;
			q->at_known = 1;
		}
		if (q->kept_done && !take) {
			q->kept_done = 0;
			take = q;
		}
		if (!q->has_lines)
			break;
		line += q->lines;
		col = ex_next_col(col, q->lines, q->tail_cps);
	}
	pthread_cond_broadcast(&p->cv);
	return take;
}

/* A job's extraction options: warnings and counts go to the job; fnv, if
 * not NULL, hashes the file (--store of a whole file). */
static struct ex_options job_options(struct par *p, struct job *jb, uint64_t *fnv)
{
	return (struct ex_options){ p->fuzzy, p->in_format, err_list_add, &jb->bytes,
		                    &jb->warn_count, fnv, &jb->warns };
}

static void job_run(struct par *p, struct job *jb, struct ex_scratch *scratch)
{
	const char *path = p->files[jb->file];
	jb->o.is_job = p->store ? 2 : 1;
	jb->fnv = EX_FNV_INIT;
	if (jb->n_parts == 1) {
		struct ex_options opt = job_options(p, jb, p->store ? &jb->fnv : NULL);
		int pdf = is_pdf(p, path);
		if (pdf)
			pthread_mutex_lock(&p->pdf_mu);
		jb->rc = ex_extract_path(p->gz, path, &opt, job_mention, jb, &jb->err);
		if (pdf)
			pthread_mutex_unlock(&p->pdf_mu);
		return;
	}
	/* a part: from where it starts when the parts before have run, else
	 * from line 1, column 1, shifted later */
	pthread_mutex_lock(&p->mu);
	struct ex_part range = jb->range;
	long first_line = jb->first_line;
	jb->rel = !jb->at_known;
	pthread_mutex_unlock(&p->mu);
	if (jb->rel) {
		range.col = 1;
		first_line = 1;
	}
	struct ex_options opt = job_options(p, jb, NULL);
	jb->rc = ex_extract_part(p->gz, path, &opt, &range, first_line, range.start, &jb->last_end,
	                         &jb->lines, &jb->tail_cps, scratch, job_mention, job_block, jb,
	                         &jb->err);
}

/* A job has run: its records are handed over; a part's counts tell the
 * parts after it where they start, and the records of those that ran
 * before they knew are formatted here. */
static void job_finish(struct par *p, struct job *jb)
{
	job_flush(jb);
	pthread_mutex_lock(&p->mu);
	if (jb->n_parts > 1) {
		jb->has_lines = 1;
		if (jb->o.is_job == 1 && jb->rel && !jb->shifting)
			jb->kept_done = 1;
		else
			jb->is_done = 1;
		struct job *q;
		while ((q = learn_starts(p, jb))) {
			pthread_mutex_unlock(&p->mu);
			if (q->rc == 0)
				job_format_kept(q);
			job_flush(q);
			pthread_mutex_lock(&p->mu);
			q->is_done = 1;
		}
	} else {
		jb->is_done = 1;
	}
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
}

static void *worker(void *arg)
{
	struct par *p = arg;
	struct ex_scratch *scratch = ex_scratch_new(); /* NULL: each part allocates */
	pthread_mutex_lock(&p->mu);
	for (;;) {
		while (!p->stop && p->next < p->n_jobs && p->next >= p->emitted + p->ahead)
			pthread_cond_wait(&p->cv, &p->mu);
		if (p->stop || p->next >= p->n_jobs)
			break;
		struct job *jb = &p->jobs[p->next++];
		pthread_mutex_unlock(&p->mu);
		job_run(p, jb, scratch);
		job_finish(p, jb);
		pthread_mutex_lock(&p->mu);
	}
	pthread_mutex_unlock(&p->mu);
	ex_scratch_free(scratch);
	return NULL;
}

/* The jobs: one per file, or one per part of a large plain-text file. */
static int make_jobs(struct par *p, struct err *err)
{
	size_t cap = (size_t)p->n_files + 16;
	p->jobs = calloc(cap, sizeof *p->jobs);
	if (!p->jobs)
		return err_set(err, "", 0, "out of memory");
	for (int f = 0; f < p->n_files; f++) {
		const char *path = p->files[f];
		const char *fmt = p->in_format ? p->in_format : ex_format_for(path);
		struct ex_part *parts = NULL;
		size_t n_parts = 1;
		struct stat sb;
		if (strcmp(path, "-") && !strcmp(fmt, "txt") && stat(path, &sb) == 0 &&
		    S_ISREG(sb.st_mode) && (size_t)sb.st_size >= p->part_min * 2) {
			/* parts that shrink towards the end, for an even share there */
			if (ex_text_parts(path, p->part_min, 2 * p->threads, &parts, &n_parts, err) < 0)
				n_parts = 1; /* unreadable: the job says so in its turn */
		}
		if (p->n_jobs + n_parts > cap) {
			cap = 2 * (p->n_jobs + n_parts);
			struct job *v = realloc(p->jobs, cap * sizeof *v);
			if (!v) {
				free(parts);
				return err_set(err, "", 0, "out of memory");
			}
			p->jobs = v;
		}
		for (size_t k = 0; k < n_parts; k++) {
			struct job *jb = &p->jobs[p->n_jobs++];
			memset(jb, 0, sizeof *jb);
			jb->par = p;
			jb->file = f;
			jb->part = (int)k;
			jb->n_parts = (int)n_parts;
			if (parts)
				jb->range = parts[k];
			if (k == 0) { /* the first part knows where it starts */
				jb->at_known = 1;
				jb->first_line = 1;
				jb->range.col = 1;
			}
			jb->o.is_tsv = p->o->is_tsv;
			jb->o.err = &jb->err;
		}
		free(parts);
	}
	return 0;
}

/* Writes a batch of job jb's records, or stores its mentions; 0 or -1. */
static int take_batch(struct par *p, const struct job *jb, const struct batch *b,
                      struct err *err)
{
	struct out *o = p->o;
	for (size_t k = 0; k < b->n_kept; k++) {
		const struct kept *m = &b->kept[k];
		struct kb_mention km = { m->concept, m->start, m->end, m->line, m->col,
			                 b->arena.data + m->surface_off, m->surface_len,
			                 m->label, m->method, m->score };
		if (jb->rel)
			job_shift(jb, &km.line, &km.col);
		if (kb_mentions_add(o->store, &km, err) < 0)
			return -1;
	}
	if (b->text.len) {
		flush_out(o);
		if (fwrite(b->text.data, 1, b->text.len, stdout) != b->text.len)
			o->failed = 1;
	}
	if (b->spill_len) { /* read back through o's buffer */
		flush_out(o);
		for (size_t done = 0; done < b->spill_len;) {
			size_t want = b->spill_len - done < BATCH_BYTES ? b->spill_len - done : BATCH_BYTES;
			if (buf_grow(&o->b, want) < 0)
				return err_set(err, p->files[jb->file], 0, "out of memory");
			ssize_t got = pread(jb->spill_fd - 1, o->b.data, want, (off_t)(b->spill_off + done));
			if (got <= 0)
				return err_set(err, p->files[jb->file], 0, "cannot read back records: %s",
				               got < 0 ? strerror(errno) : "short file");
			o->b.len = (size_t)got;
			flush_out(o);
			done += (size_t)got;
		}
	}
	return 0;
}

/* The main thread running part jb again with the skip carried in. */
struct rerun {
	struct par *p;
	struct job *jb;
	int block;    /* blocks run so far */
	int resynced;
};

/* After each block run again: once it carries what the first run carried
 * after the same block, the run stops and the first run's mentions from
 * there on are kept. While the first run has not reached that block, its
 * batches hold mentions of blocks run again here: they are thrown away. */
static int rerun_block(size_t carry, void *ctx)
{
	struct rerun *rr = ctx;
	struct par *p = rr->p;
	struct job *jb = rr->jb;
	int i = rr->block++;
	if (i > MARKS)
		return 0;
	pthread_mutex_lock(&p->mu);
	if (i == MARKS) { /* no agreement in the blocks marked: the whole part again */
		jb->drop_below = SIZE_MAX;
		jb->resync = 0;
		pthread_cond_broadcast(&p->cv);
		pthread_mutex_unlock(&p->mu);
		return 0;
	}
	while (jb->n_marks <= i && !jb->is_done && !p->stop) {
		struct batch *b = jb->q_head;
		jb->q_head = jb->q_tail = NULL;
		jb->q_bytes = 0;
		pthread_cond_broadcast(&p->cv);
		if (b) {
			pthread_mutex_unlock(&p->mu);
			batch_free(b);
			pthread_mutex_lock(&p->mu);
		} else {
			pthread_cond_wait(&p->cv, &p->mu);
		}
	}
	int stop = 0;
	if (jb->n_marks > i && jb->mark[i].carry == carry) {
		jb->drop_below = jb->mark[i].seen;
		jb->resync = 0;
		rr->resynced = stop = 1;
	} else if (jb->n_marks <= i) { /* the first run stopped early */
		jb->drop_below = SIZE_MAX;
		jb->resync = 0;
	}
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
	return stop;
}

static int rerun_mention(const struct ex_mention *m, void *ctx)
{
	return on_mention(m, ((struct rerun *)ctx)->p->o);
}

/* Runs part jb again from its start with the skip carried in, writing
 * its records (or storing its mentions) as the single pass does, until
 * it agrees with the first run (*resynced) or to the part's end (then
 * *last_end is what it carries into the next part). Its warnings are the
 * first run's, which finds the same bytes. 0 or -1. */
static int rerun_part(struct par *p, struct job *jb, size_t skip, size_t *last_end,
                      int *resynced, struct err *err)
{
	struct rerun rr = { p, jb, 0, 0 };
	pthread_mutex_lock(&p->mu);
	jb->resync = 1;
	struct ex_part range = jb->range; /* it knows where it starts */
	long first_line = jb->first_line;
	pthread_mutex_unlock(&p->mu);
	struct err_list warns = { 0 };
	int n_warn = 0;
	size_t n_bytes = 0;
	struct ex_options opt = { p->fuzzy, p->in_format, err_list_add, &n_bytes, &n_warn, NULL,
		                  &warns };
	long lines, tail_cps; /* known already */
	if (!p->rerun) /* NULL: the part allocates its own */
		p->rerun = ex_scratch_new();
	int rc = ex_extract_part(p->gz, p->files[jb->file], &opt, &range, first_line, skip,
	                         last_end, &lines, &tail_cps, p->rerun, rerun_mention, rerun_block,
	                         &rr, err);
	err_list_free(&warns);
	pthread_mutex_lock(&p->mu);
	if (!rr.resynced) /* every mention of the first run is the rerun's */
		jb->drop_below = SIZE_MAX;
	jb->resync = 0;
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
	*resynced = rr.resynced;
	if (p->o->failed == 2)
		return -1; /* the knowledge base said why, in err */
	return rc;
}

/* Does with job jb's results what the single pass does as it goes,
 * taking its batches while it runs. */
static int take_job(struct par *p, struct job *jb, size_t *bytes, int *warnings,
                    int *file_warned, size_t *carry, uint64_t *file_fnv, struct err *err)
{
	const char *path = p->files[jb->file];
	struct out *o = p->o;
	int rc = 0;
	if (jb->part == 0) {
		*file_warned = 0;
		*carry = 0;
		if (p->store) {
			const char *fmt = p->in_format ? p->in_format : ex_format_for(path);
			size_t size;
			if (kb_mentions_doc(o->store, path, 0, "", fmt, err) < 0 ||
			    (jb->n_parts > 1 && ex_file_fnv(path, file_fnv, &size, err) < 0))
				rc = -1;
		}
	}
	/* a match of the part before that runs past this part's start: what
	 * the single pass skips here depends on it, so this part runs again,
	 * here, with that skip (rare with names and titles, the rule with a
	 * vocabulary of common word pairs), its records written as it goes,
	 * as the single pass writes them, until it carries into a block what
	 * the first run carried there: from there on the first run's records
	 * are the single pass's */
	int rerun = 0, resynced = 0;
	size_t rerun_end = 0;
	if (rc == 0 && jb->part > 0 && *carry > jb->range.start) {
		rerun = 1;
		if (rerun_part(p, jb, *carry, &rerun_end, &resynced, err) < 0)
			rc = -1;
	}
	/* the batches, as they come */
	for (;;) {
		pthread_mutex_lock(&p->mu);
		while (!jb->q_head && !jb->is_done)
			pthread_cond_wait(&p->cv, &p->mu);
		struct batch *b = jb->q_head;
		jb->q_head = jb->q_tail = NULL;
		jb->q_bytes = 0;
		pthread_cond_broadcast(&p->cv);
		pthread_mutex_unlock(&p->mu);
		if (!b)
			break;
		for (struct batch *q = b; q && rc == 0; q = q->next)
			if (q->first + q->n > jb->drop_below && take_batch(p, jb, q, err) < 0)
				rc = -1;
		batch_free(b);
	}
	if (rc < 0)
		return -1;
	*carry = rerun && !resynced ? rerun_end : jb->last_end;
	/* warnings: a file's parts warn as the single pass does, once */
	if (jb->n_parts == 1) {
		for (size_t w = 0; w < jb->warns.n; w++)
			err_print(&jb->warns.v[w], stderr);
		*warnings += jb->warn_count;
	} else if (!*file_warned && jb->warn_count) {
		if (jb->warns.n) {
			struct err w = jb->warns.v[0];
			if (jb->rel && w.line > 0) {
				long col = 1;
				job_shift(jb, &w.line, &col);
			}
			err_print(&w, stderr);
		}
		*warnings += 1;
		*file_warned = 1;
	}
	*bytes += jb->bytes;
	/* run again: the rerun's mentions are counted already */
	if (!rerun)
		o->mentions += jb->o.mentions;
	else if (resynced && jb->o.mentions > (long long)jb->drop_below)
		o->mentions += jb->o.mentions - (long long)jb->drop_below;
	if (jb->o.failed == 1)
		o->failed = 1;
	if (jb->rc < 0 || jb->o.failed == 2) {
		*err = jb->err;
		return -1;
	}
	if (p->store && jb->part == jb->n_parts - 1) {
		uint64_t fnv = jb->n_parts > 1 ? *file_fnv : jb->fnv;
		size_t size = jb->bytes;
		for (struct job *q = jb - jb->part; q < jb; q++)
			size += q->bytes;
		char hash[17];
		snprintf(hash, sizeof hash, "%016llx", (unsigned long long)fnv);
		if (kb_mentions_doc_version(o->store, (long long)size, hash, err) < 0)
			return -1;
	}
	return 0;
}

enum { PAR_SINGLE = -1 };

static int par_run(struct par *p, size_t *bytes, int *warnings, struct err *err)
{
	if (ex_threads_init(p->gz, p->fuzzy, err) < 0)
		return cli_fail(err);
	/* the tests make parts small to have many seams */
	const char *pm = getenv("GLOSSAR_PART_BYTES");
	p->part_min = pm && atol(pm) > 0 ? (size_t)atol(pm) : PART_MIN_BYTES;
	if (make_jobs(p, err) < 0) {
		free(p->jobs);
		return cli_fail(err);
	}
	if (p->n_jobs == 1) { /* one file in one piece: the single pass, streaming */
		free(p->jobs);
		return PAR_SINGLE;
	}
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
	pthread_mutex_init(&p->pdf_mu, NULL);
	p->ahead = (size_t)p->threads + 2;
	int n_threads = p->threads;
	if ((size_t)n_threads > p->n_jobs)
		n_threads = (int)p->n_jobs;
	pthread_t *tid = calloc((size_t)n_threads + 1, sizeof *tid);
	int started = 0;
	while (tid && started < n_threads && pthread_create(&tid[started], NULL, worker, p) == 0)
		started++;
	int rc = EXIT_OK;
	if (started == 0) {
		free(tid);
		free(p->jobs);
		return cli_fail(&(struct err){ "", 0, "cannot start threads" });
	}
	int file_warned = 0;
	size_t carry = 0;
	uint64_t file_fnv = EX_FNV_INIT;
	for (size_t j = 0; j < p->n_jobs && rc == EXIT_OK; j++) {
		struct job *jb = &p->jobs[j];
		if (take_job(p, jb, bytes, warnings, &file_warned, &carry, &file_fnv, err) < 0) {
			rc = cli_fail(err);
			break; /* the workers stop below; their jobs are freed then */
		}
		job_free(jb);
		if (cli_show_progress() && p->n_files > 1 && jb->part == jb->n_parts - 1)
			fprintf(stderr, "\r%d/%d files", jb->file + 1, p->n_files);
		pthread_mutex_lock(&p->mu);
		p->emitted = j + 1;
		pthread_cond_broadcast(&p->cv);
		pthread_mutex_unlock(&p->mu);
	}
	pthread_mutex_lock(&p->mu);
	p->stop = 1;
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
	for (int t = 0; t < started; t++)
		pthread_join(tid[t], NULL);
	for (size_t j = 0; j < p->n_jobs; j++)
		job_free(&p->jobs[j]);
	ex_scratch_free(p->rerun);
	free(tid);
	free(p->jobs);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->cv);
	pthread_mutex_destroy(&p->pdf_mu);
	return rc;
}


/* Options with a value come first ("--" marks where those without begin). */
static const char *const extract_opts[] = { "--format", "--input-format", "--gazetteer", "-j", "--jobs", "--",
                                            "--store", "--stats", "--fuzzy", "--help", NULL };
static const char *const compile_opts[] = { "-o", "--labels-tsv", "--", "--help", NULL };

/* One message for an option that lacks its value or is unknown. */
static int bad_option(const char *cmd, const char *a, const char *const *opts)
{
	size_t n = 0;
	int takes_value = 1;
	for (; opts[n]; n++) {
		if (!strcmp(opts[n], "--"))
			takes_value = 0;
		else if (takes_value && !strcmp(opts[n], a))
			return cli_usage_error(cmd, "option '%s' requires a value", a);
	}
	const char *near = cli_nearest(a, (const char *const *)opts, n);
	if (near && strcmp(near, "--"))
		return cli_usage_error(cmd, "unknown option '%s' (did you mean '%s'?)", a, near);
	return cli_usage_error(cmd, "unknown option '%s'", a);
}

int cmd_extract(struct cli *cli, int argc, char **argv)
{
	const char *out_format = "jsonl", *in_format = NULL, *gz_path = NULL;
	int store = 0, stats = 0, fuzzy = 0, threads = cli_default_jobs();
	/* options may stand before and after the files; "--" ends them */
	char **files = calloc((size_t)argc + 1, sizeof *files);
	int n_files = 0, only_files = 0;
	if (!files)
		return cli_usage_error("extract", "out of memory");
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (only_files || a[0] != '-' || !a[1]) {
			files[n_files++] = argv[i];
			continue;
		}
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			free(files);
			return cli_help(extract_help);
		}
		if (!strcmp(a, "--")) {
			only_files = 1;
		} else if ((!strcmp(a, "--format") || !strcmp(a, "--input-format")) && i + 1 < argc) {
			const char *v = argv[++i];
			if (!strcmp(a, "--format") && (!strcmp(v, "jsonl") || !strcmp(v, "tsv")))
				out_format = v;
			else if (ex_format_valid(v))
				in_format = v;
			else {
				free(files);
				return cli_usage_error("extract", "unknown format '%s'", v);
			}
		} else if (!strcmp(a, "--gazetteer") && i + 1 < argc) {
			gz_path = argv[++i];
		} else if (!strcmp(a, "--store")) {
			store = 1;
		} else if (!strcmp(a, "--stats")) {
			stats = 1;
		} else if (!strcmp(a, "--fuzzy")) {
			fuzzy = 1;
		} else if (!strncmp(a, "-j", 2) || !strcmp(a, "--jobs") || !strncmp(a, "--jobs=", 7)) {
			/* -j N, -jN, --jobs N, --jobs=N */
			const char *v = NULL;
			if (!strncmp(a, "--jobs=", 7))
				v = a + 7;
			else if (!strncmp(a, "-j", 2) && a[2])
				v = a + 2;
			else if (i + 1 < argc)
				v = argv[++i];
			if (!v) {
				free(files);
				return cli_usage_error("extract", "option '%s' requires a value", a);
			}
			if ((threads = cli_parse_jobs(v)) < 1) {
				free(files);
				return cli_usage_error("extract", "-j wants a number of threads from 1 to %d, not '%s'",
				                       CLI_MAX_JOBS, v);
			}
		} else {
			free(files);
			return bad_option("extract", a, extract_opts);
		}
	}
	if (n_files == 0)
		files[n_files++] = "-";
	int rc = extract_run(cli, files, n_files, out_format, in_format, gz_path, store, stats, fuzzy,
	                     threads);
	free(files);
	return rc;
}

static int extract_run(struct cli *cli, char **files, int n_files, const char *out_format,
                       const char *in_format, const char *gz_path, int store, int stats,
                       int fuzzy, int threads)
{
	if (store && gz_path)
		return cli_usage_error("extract", "--store needs the knowledge base, not --gazetteer");
	int n_files_given = n_files;
	/* stdin named twice is read twice, one after the other: no threads */
	for (int f = 0, n_stdin = 0; f < n_files; f++)
		if (!strcmp(files[f], "-") && ++n_stdin > 1)
			threads = 1;

	struct err err = { "", 0, "" };
	struct kb *kb = NULL;
	struct gz *gz = NULL;
	int rc = EXIT_OK;
	if (gz_path) {
		gz = gz_load(gz_path, &err);
	} else {
		if ((store ? cli_open_kb(cli, &kb) : cli_open_kb_readonly(cli, &kb)) < 0)
			return EXIT_INPUT;
		gz = cli_load_gazetteer(kb, &err);
	}
	if (!gz) {
		kb_close(kb);
		return cli_fail(&err);
	}
	struct out o = { BUF_INIT, !strcmp(out_format, "tsv"), 0, 0, NULL, &err, BUF_INIT, BUF_INIT, 0 };
	if (store) {
		if (kb_begin(kb, &err) < 0 || !(o.store = kb_mentions_new(kb, &err))) {
			rc = cli_fail(&err);
			goto done;
		}
	}
	if (o.is_tsv && !store)
		buf_puts(&o.b, "doc\tline\tcol\tstart\tend\tsurface\tconcept\tlabel\tmethod\tscore\tpage\tsection\n");
	size_t bytes = 0;
	double t0 = now_seconds();
	int warnings = 0;
	struct ex_options opt = { fuzzy, in_format, NULL, &bytes, &warnings, NULL, NULL };
	if (threads > 1) {
		struct par p = { .gz = gz, .files = files, .n_files = n_files, .in_format = in_format,
			         .fuzzy = fuzzy, .store = store, .threads = threads, .o = &o, .kb = kb };
		rc = par_run(&p, &bytes, &warnings, &err);
		if (rc == PAR_SINGLE)
			rc = EXIT_OK;
		else
			n_files = 0; /* done: the loop below has nothing left */
	}
	for (int f = 0; f < n_files && rc == EXIT_OK; f++) {
		const char *path = files[f];
		/* --store: the document first, its version (size, hash) once it has
		 * been read: each file is read once (a FIFO, <(...), stdin) */
		uint64_t fnv = EX_FNV_INIT;
		size_t bytes_before = bytes;
		opt.fnv = store ? &fnv : NULL;
		if (store) {
			const char *fmt = in_format ? in_format : ex_format_for(path);
			if (kb_mentions_doc(o.store, path, 0, "", fmt, &err) < 0) {
				rc = cli_fail(&err);
				break;
			}
		}
		if (ex_extract_path(gz, path, &opt, on_mention, &o, &err) < 0 || o.failed == 2) {
			rc = cli_fail(&err);
			break;
		}
		if (store) {
			char hash[17];
			snprintf(hash, sizeof hash, "%016llx", (unsigned long long)fnv);
			if (kb_mentions_doc_version(o.store, (long long)(bytes - bytes_before), hash,
			                            &err) < 0) {
				rc = cli_fail(&err);
				break;
			}
		}
		if (cli_show_progress() && n_files > 1)
			fprintf(stderr, "\r%d/%d files", f + 1, n_files);
	}
	n_files = n_files_given;
	if (cli_show_progress() && n_files > 1)
		fputc('\n', stderr);
	flush_out(&o);
	double secs = now_seconds() - t0;
	if (o.failed == 1 && rc == EXIT_OK) {
		fprintf(stderr, "glossar extract: cannot write the output: %s\n", strerror(errno));
		rc = EXIT_INPUT;
	}
	/* Bad input (invalid UTF-8, an empty file) was reported and skipped: the
	 * rest is extracted, but the run says so, and stores nothing. */
	if (warnings && rc == EXIT_OK) {
		rc = EXIT_INPUT;
		if (store)
			fprintf(stderr, "glossar extract: nothing stored, the input has problems\n");
	}
	if (store) {
		if (rc == EXIT_OK && kb_commit(kb, &err) < 0)
			rc = cli_fail(&err);
		else if (rc != EXIT_OK)
			kb_rollback(kb);
		else {
			long long n_stored = 0;
			int n_docs = 0;
			if (stored_counts(kb, files, n_files, &n_stored, &n_docs, &err) < 0)
				rc = cli_fail(&err);
			else
				printf("stored %lld mentions from %d documents\n", n_stored, n_docs);
		}
	}
	if (stats)
		fprintf(stderr, "files %d, bytes %zu, mentions %lld, %.1f MB/s\n", n_files, bytes,
		        o.mentions, secs > 0 ? (double)bytes / 1e6 / secs : 0.0);
done:
	kb_mentions_free(o.store);
	buf_free(&o.b);
	buf_free(&o.doc_raw);
	buf_free(&o.doc_json);
	gz_free(gz);
	kb_close(kb);
	return rc;
}

int cmd_compile(struct cli *cli, int argc, char **argv)
{
	const char *out_path = NULL, *tsv = NULL;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--help") || !strcmp(a, "-h"))
			return cli_help(compile_help);
		if (!strcmp(a, "-o") && i + 1 < argc)
			out_path = argv[++i];
		else if (!strcmp(a, "--labels-tsv") && i + 1 < argc)
			tsv = argv[++i];
		else if (a[0] == '-')
			return bad_option("compile", a, compile_opts);
		else
			return cli_usage_error("compile", "unexpected argument '%s'", a);
	}
	if (!out_path)
		return cli_usage_error("compile", "-o FILE is required");
	struct err err = { "", 0, "" };
	struct kb *kb = NULL;
	struct gz *gz;
	double t0 = now_seconds();
	if (tsv) {
		gz = load_labels_tsv(tsv, &err);
	} else {
		if (cli_open_kb_readonly(cli, &kb) < 0)
			return EXIT_INPUT;
		gz = cli_load_gazetteer(kb, &err);
		kb_close(kb);
	}
	if (!gz)
		return cli_fail(&err);
	double secs = now_seconds() - t0;
	int rc = gz_save(gz, out_path, &err) < 0 ? cli_fail(&err) : EXIT_OK;
	if (rc == EXIT_OK)
		fprintf(stderr, "compiled %zu labels in %.3f s\n", gz_label_count(gz), secs);
	gz_free(gz);
	return rc;
}
