/* extract.h - the extraction stage: readers, gazetteer and the mention
 * records of DESIGN.md. The CLI builds a gazetteer from the knowledge
 * base's labels (or maps a compiled one) and runs it over documents. */
#ifndef GLOSSAR_EXTRACT_H
#define GLOSSAR_EXTRACT_H

#include <stddef.h>
#include <stdint.h>

#include "../common/err.h"

enum gz_label_kind { GZ_PREF, GZ_ALT, GZ_ABBREV, GZ_HIDDEN };

/* Per-concept match flags (the `match` column of glossary.csv). */
enum {
	GZ_FLAG_CASE = 1 << 0,     /* match case-sensitively */
	GZ_FLAG_COMPOUND = 1 << 1, /* also inside closed compounds */
	/* Per label: */
	GZ_FLAG_CONTEXT = 1 << 2,  /* kept only with a context term nearby (docs/matching.md) */
	GZ_FLAG_SPOKEN = 1 << 3,   /* an acronym spoken as a word whose title-case form
	                            * ("Fitko" for FITKO) is no ordinary word: it matches too */
};

struct gz_label {
	const char *text;    /* the label as written */
	const char *concept; /* concept key */
	enum gz_label_kind kind;
	unsigned flags;      /* GZ_FLAG_* */
};

struct gz;

/* Compiles one automaton from every label. Strings are copied. */
struct gz *gz_compile(const struct gz_label *labels, size_t n_labels, struct err *err);
/* The same with the context terms of each label flagged GZ_FLAG_CONTEXT:
 * contexts[i] holds label i's terms, one per line (NULL or "": none, so the
 * label never matches). Labels of one concept should share the pointer. */
struct gz *gz_compile_ctx(const struct gz_label *labels, const char *const *contexts,
                          size_t n_labels, struct err *err);
void gz_free(struct gz *gz);
/* Writes the compiled automaton to path, and maps one back (read-only,
 * validated: magic, version, every count and offset). */
int gz_save(const struct gz *gz, const char *path, struct err *err);
struct gz *gz_load(const char *path, struct err *err);
size_t gz_label_count(const struct gz *gz);
size_t gz_max_key(const struct gz *gz);

/* One mention (DESIGN.md, "Mention record"). Pointers are valid during the callback only. */
struct ex_mention {
	const char *doc;      /* the path as given, "-" for stdin */
	long line, col;       /* 1-based, into the input file */
	size_t start, end;    /* byte offsets (input file for text/Markdown, extracted text for HTML/XML) */
	const char *surface;  /* the text as it stands, surface_len bytes */
	size_t surface_len;
	const char *concept;  /* concept key */
	const char *label;    /* the label that matched */
	const char *method;   /* exact, normalized, inflected, compound, fuzzy, gls */
	double score;
	long page;            /* 1-based page (PDF), 0 when the format has none */
	const char *section;  /* heading path "A > B", NULL when none */
	const char *rule;     /* the restricting rule that let it through: "case",
	                       * "context", "spoken" (joined by "+"), or NULL */
};

/* Return non-zero to stop the run. */
typedef int (*ex_mention_fn)(const struct ex_mention *m, void *ctx);

struct ex_options {
	int fuzzy;          /* also report speech-recognition variants */
	const char *format; /* "txt", "md", "html", "xml", "docx", "odt", "pdf", "tex",
	                     * or NULL to decide by file name */
	/* Called for a problem that does not stop the run (invalid UTF-8, once
	 * per file); NULL prints it to stderr. */
	void (*warn)(const struct err *w, void *ctx);
	size_t *bytes_read; /* when not NULL, input bytes read are added to it */
	int *warnings;      /* when not NULL, counts those problems, so the caller can exit 2 */
	/* when not NULL, the FNV-1a hash of the input bytes is carried on in it
	 * (start with EX_FNV_INIT): the document's version, read in the same pass */
	uint64_t *fnv;
	void *warn_ctx;     /* passed to warn */
};

#define EX_FNV_INIT 1469598103934665603ull

/* The optimal-string-alignment (Damerau-Levenshtein) distance of two byte
 * strings of at most EX_OSA_MAX bytes; limit + 1 as soon as it must exceed
 * limit, or when a string is longer. The fuzzy matcher's and the server's
 * search's measure of a typo. */
enum { EX_OSA_MAX = 96 };
int ex_osa_distance(const char *a, size_t n, const char *b, size_t m, int limit);

/* Whether an acronym label is spoken as a word (FITKO, NOOTS, EfA) rather
 * than letter by letter (OZG, BSI): its letters form German syllables
 * (docs/matching.md). Such a label's title-case form ("Fitko") matches
 * too when it is no ordinary word (GZ_FLAG_SPOKEN, set by the caller). */
int ex_acronym_is_spoken(const char *label);

/* The reader for a file name: "txt", "md", "html", "xml", "docx", "odt",
 * "pdf" or "tex" (txt when unknown).
 * ex_format_valid tells whether a --format value is one of them. */
const char *ex_format_for(const char *path);
int ex_format_valid(const char *format);

/* Extracts every mention of path ("-" for stdin), in document order.
 * Returns 0, or -1 with err filled (file and line where known). */
int ex_extract_path(const struct gz *gz, const char *path, const struct ex_options *opt,
                    ex_mention_fn fn, void *ctx, struct err *err);

/* Before threads share gz: builds what matching builds on first use (the
 * fuzzy index, with fuzzy), initialises libxml2 and the time zone once.
 * 0, or -1. */
int ex_threads_init(const struct gz *gz, int fuzzy, struct err *err);

/* A large plain-text file matched on several threads: its parts start
 * where the blocks of a single pass start, so each part yields exactly the
 * mentions a single pass finds starting in it; the line and column a part
 * starts on come from the counts of the parts before it (ex_extract_part). */
struct ex_scratch;

struct ex_part {
	size_t start, end; /* input offsets; the last part ends at the file's size */
	long col;          /* the column (code points, 1-based) of start; 0 until known */
};

/* Splits the regular file path (read as plain text) into parts: each the
 * rest of the file divided by shares, and part_bytes or more, so parts
 * shrink towards the end and threads finish together. *n_parts is 1 (the
 * whole file) when it cannot be split. *parts is malloc'd. Returns 0, or
 * -1 with err filled. */
int ex_text_parts(const char *path, size_t part_bytes, int shares, struct ex_part **parts,
                  size_t *n_parts, struct err *err);

/* The column the part after one starts on: from the column that one
 * starts on and its counts. */
long ex_next_col(long col, long n_lines, long tail_cps);

/* The line feeds in [from, to) of path and the code points after the
 * last of them (all of them when there is none), counted as
 * ex_extract_part counts a part's: for a part that would rather count
 * where it starts than wait for the parts before it. 0, or -1 with err. */
int ex_count_lines(const char *path, size_t from, size_t to, long *n_lines, long *tail_cps,
                   struct err *err);

/* The FNV-1a hash (from EX_FNV_INIT) and size of a file's bytes, as
 * ex_extract_path computes them with opt->fnv and opt->bytes_read. */
int ex_file_fnv(const char *path, uint64_t *fnv, size_t *size, struct err *err);

/* Called after each block of a part with what it carries into the next
 * block (the end of its last match, or the next block's start, whichever
 * is later): two runs of a part that carry the same after the same block
 * find the same from there on. Non-zero stops the run there. */
typedef int (*ex_block_fn)(size_t carry, void *ctx);

/* Extracts the mentions starting in part p of path (plain text), as
 * ex_extract_path does for the whole file: line numbers from first_line
 * (1 + the line feeds before p->start), columns on that line from p->col;
 * matches starting before skip_to are skipped (a single pass carries the
 * end of the previous part's last match, when it lies past p->start).
 * *last_end is set to what a single pass would carry into the next part:
 * the next part's results are right when it is <= that part's start.
 * *n_lines and *tail_cps to the line feeds in [p->start, p->end) and the
 * code points after the last of them (all of them when there is none),
 * counted in the same pass (0 for the part that ends the file): what the
 * part adds to the line and column of the next. A caller that does not
 * know yet where the part starts runs it from line 1, column 1 and shifts
 * the positions afterwards. on_block, when not NULL, gets ctx too. opt->bytes_read counts the part's bytes;
 * opt->fnv is not used. */
int ex_extract_part(const struct gz *gz, const char *path, const struct ex_options *opt,
                    const struct ex_part *p, long first_line, size_t skip_to, size_t *last_end,
                    long *n_lines, long *tail_cps, struct ex_scratch *scratch,
                    ex_mention_fn fn, ex_block_fn on_block, void *ctx, struct err *err);

/* Buffers a thread keeps from one part to the next (the block and the
 * normaliser's arrays: allocated and touched once, not per part); NULL
 * for ex_extract_part allocates them for the call. */
struct ex_scratch *ex_scratch_new(void);
void ex_scratch_free(struct ex_scratch *s);

/* The same on a document in memory (the server's posted bodies): name
 * stands for the path in records and messages, format is "txt", "md",
 * "html" or "xml". data is not changed. */
int ex_extract_mem(const struct gz *gz, const char *name, const char *format, const char *data,
                   size_t len, const struct ex_options *opt, ex_mention_fn fn, void *ctx,
                   struct err *err);

/* A whole document's text as a reader extracts it (for discovery and the
 * appendix; extraction itself streams). Markup is dropped; for text and
 * Markdown the offsets are those of the input file. */
struct ex_text {
	char *data;       /* valid UTF-8, NUL-terminated */
	size_t len;
	const char *path; /* as given */
	void *map;        /* reader's private map back to line and column */
	long invalid_line; /* line of the first invalid UTF-8 byte (read as '?'), 0 if none */
	const char *likely_encoding; /* with invalid_line: what the bytes probably are */
	void *doc;        /* pages, sections, entry references (extract/docmap.h), or NULL */
};

int ex_text_read(const char *path, const char *format, struct ex_text *out, struct err *err);
void ex_text_free(struct ex_text *t);
/* Line and column (1-based) in the input file of byte offset in t->data. */
void ex_text_position(const struct ex_text *t, size_t offset, long *line, long *col);
/* The page (0 when none) and heading path (NULL when none) of offset. */
long ex_text_page(const struct ex_text *t, size_t offset);
const char *ex_text_section(const struct ex_text *t, size_t offset);

#endif
