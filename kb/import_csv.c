/* import_csv.c - glossary.csv into the knowledge base (DESIGN.md, "glossary.csv").
 *
 * The whole file is parsed (libcsv) and validated before anything is
 * written; then every row is merged in one transaction. Any error refuses
 * the file with FILE:LINE and leaves the KB as it was. */
#include "kb_internal.h"

#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "../common/buf.h"
#include "../common/encoding.h"
#include "import.h"

struct parse {
	const char *path;
	char delimiter;   /* ',' unless told otherwise */
	int converted;    /* read through iconv from another encoding */
	int wrong_delimiter; /* the header told that another delimiter is needed */
	struct err *err;
	int failed;
	long line;        /* line being fed to the parser */
	long record_line; /* line where the current record started */
	int in_record;
	int is_header;
	int col_of[KB_CSV_NCOLUMNS]; /* header position of each known column, -1 absent */
	size_t n_header;
	struct strv fields;          /* the current record */
	struct row *rows;
	size_t n_rows, cap_rows;
	size_t *record_bytes; /* bytes fed since the last record ended */
};

static int fail(struct parse *p, long line, const char *fmt, const char *a, const char *b)
{
	if (!p->failed) {
		char msg[900];
		snprintf(msg, sizeof msg, fmt, a ? a : "", b ? b : "");
		err_set(p->err, p->path, line, "%s", msg);
		p->failed = 1;
	}
	return -1;
}

static int valid_utf8(const char *s, size_t len)
{
	utf8proc_ssize_t i = 0;
	while ((size_t)i < len) {
		utf8proc_int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
		                                      (utf8proc_ssize_t)(len - (size_t)i), &c);
		if (k <= 0)
			return 0;
		i += k;
	}
	return 1;
}

static char *trimmed(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	return strndup(s, n);
}

static void on_field(void *data, size_t len, void *ctx)
{
	struct parse *p = ctx;
	if (p->failed)
		return;
	if (!p->in_record) {
		p->in_record = 1;
		p->record_line = p->line;
	}
	if (!valid_utf8(data ? data : "", len)) {
		const char *enc = enc_guess(data, len);
		char hint[300];
		snprintf(hint, sizeof hint, " (looks like %s, as Excel saves a CSV: import with "
		         "--encoding %s, or convert with iconv -f %s -t utf-8)", enc, enc, enc);
		fail(p, p->line, "invalid UTF-8 in a field%s%s", hint, NULL);
		return;
	}
	if (memchr(data ? data : "", '\0', len)) {
		fail(p, p->line, "NUL byte in a field", NULL, NULL);
		return;
	}
	char *raw = strndup(data ? data : "", len);
	char *field = raw ? trimmed(raw) : NULL;
	free(raw);
	if (!field || strv_push(&p->fields, field) < 0)
		fail(p, p->line, "out of memory", NULL, NULL);
	free(field);
}

/* Splits a multi-valued field on '|' into sv, dropping empty values. */
static int split_values(struct parse *p, const char *column, const char *s, struct strv *sv)
{
	while (*s) {
		const char *bar = strchr(s, '|');
		size_t n = bar ? (size_t)(bar - s) : strlen(s);
		char *raw = strndup(s, n);
		char *one = raw ? trimmed(raw) : NULL;
		free(raw);
		if (!one)
			return fail(p, p->record_line, "out of memory", NULL, NULL);
		if (*one) {
			if (strv_contains(sv, one)) {
				fail(p, p->record_line, "%s lists '%s' twice", column, one);
				free(one);
				return -1;
			}
			if (strv_push(sv, one) < 0) {
				free(one);
				return fail(p, p->record_line, "out of memory", NULL, NULL);
			}
		}
		free(one);
		s += n + (bar ? 1 : 0);
	}
	return 0;
}

static const char *field_of(struct parse *p, int column)
{
	int at = p->col_of[column];
	return at < 0 ? "" : p->fields.v[at];
}

static int header(struct parse *p)
{
	for (int c = 0; c < KB_CSV_NCOLUMNS; c++)
		p->col_of[c] = -1;
	for (size_t i = 0; i < p->fields.n; i++) {
		const char *name = p->fields.v[i];
		int known = -1;
		for (int c = 0; c < KB_CSV_NCOLUMNS; c++)
			if (strcmp(name, kb_csv_columns[c]) == 0)
				known = c;
		if (known < 0 && i == 0 && p->fields.n == 1) {
			/* One column named "key;type;..." : another delimiter, Excel's ';' most often. */
			static const char seps[] = ";\t|:";
			for (const char *d = seps; *d; d++) {
				size_t k = strlen(kb_csv_columns[0]);
				if (!strncmp(name, kb_csv_columns[0], k) && name[k] == *d) {
					char opt[16];
					snprintf(opt, sizeof opt, *d == '\t' ? "tab" : "'%c'", *d);
					p->wrong_delimiter = 1;
					return fail(p, p->record_line,
					            "the header is separated by %s, not ',' (a CSV saved by Excel "
					            "with German settings?): import it with --delimiter %s", opt, opt);
				}
			}
		}
		if (known < 0)
			return fail(p, p->record_line,
			            "unknown column '%s' (columns: key, type, pref_label, abbreviations, "
			            "alt_labels, hidden_labels, definition, source, source_url, broader, "
			            "related, status, match, replaced_by, exact_match, close_match, "
			            "pref_label_en, alt_labels_en, definition_en)%s", name, NULL);
		if (p->col_of[known] >= 0)
			return fail(p, p->record_line, "column '%s' appears twice%s", name, NULL);
		p->col_of[known] = (int)i;
	}
	const char *required[] = { "key", "type", "pref_label" };
	for (int r = 0; r < 3; r++)
		if (p->col_of[r] < 0)
			return fail(p, p->record_line, "the header has no '%s' column%s", required[r], NULL);
	p->n_header = p->fields.n;
	return 0;
}

static int has_line_break(const char *s)
{
	return strchr(s, '\n') || strchr(s, '\r');
}

static int row_check(struct parse *p, struct row *r);

static int data_row(struct parse *p)
{
	char count[64];
	if (p->fields.n != p->n_header) {
		snprintf(count, sizeof count, "%zu fields, the header has %zu", p->fields.n, p->n_header);
		return fail(p, p->record_line, "wrong number of fields: %s%s", count, NULL);
	}
	if (p->n_rows == p->cap_rows) {
		size_t cap = p->cap_rows ? p->cap_rows * 2 : 256;
		struct row *rows = realloc(p->rows, cap * sizeof *rows);
		if (!rows)
			return fail(p, p->record_line, "out of memory", NULL, NULL);
		p->rows = rows;
		p->cap_rows = cap;
	}
	struct row *r = &p->rows[p->n_rows++];
	r->line = p->record_line;
	struct kb_concept *c = &r->c;
	kb_concept_init(c);
	enum { KEY, TYPE, PREF, ABBR, ALT, HIDDEN, DEF, SRC, URL, BROADER, RELATED, STATUS, MATCH,
	       REPLACED_BY, EXACT_MATCH, CLOSE_MATCH, PREF_EN, ALT_EN, DEF_EN };
	c->key = strdup(field_of(p, KEY));
	c->type = strdup(field_of(p, TYPE));
	c->pref_label = strdup(field_of(p, PREF));
	c->definition = strdup(field_of(p, DEF));
	c->source = strdup(field_of(p, SRC));
	c->source_url = strdup(field_of(p, URL));
	c->status = strdup(*field_of(p, STATUS) ? field_of(p, STATUS) : "draft");
	c->replaced_by = strdup(field_of(p, REPLACED_BY));
	if (!c->key || !c->type || !c->pref_label || !c->definition || !c->source ||
	    !c->source_url || !c->status || !c->replaced_by)
		return fail(p, p->record_line, "out of memory", NULL, NULL);
	if (split_values(p, "abbreviations", field_of(p, ABBR), &c->abbreviations) < 0 ||
	    split_values(p, "alt_labels", field_of(p, ALT), &c->alt_labels) < 0 ||
	    split_values(p, "hidden_labels", field_of(p, HIDDEN), &c->hidden_labels) < 0 ||
	    split_values(p, "broader", field_of(p, BROADER), &c->broader) < 0 ||
	    split_values(p, "related", field_of(p, RELATED), &c->related) < 0 ||
	    split_values(p, "match", field_of(p, MATCH), &c->match) < 0 ||
	    split_values(p, "exact_match", field_of(p, EXACT_MATCH), &c->exact_match) < 0 ||
	    split_values(p, "close_match", field_of(p, CLOSE_MATCH), &c->close_match) < 0 ||
	    split_values(p, "alt_labels_en", field_of(p, ALT_EN), &c->alt_labels_en) < 0)
		return -1;
	if (!(c->pref_label_en = strdup(field_of(p, PREF_EN))) ||
	    !(c->definition_en = strdup(field_of(p, DEF_EN))))
		return fail(p, p->record_line, "out of memory", NULL, NULL);
	return row_check(p, r);
}

/* The rules a row obeys before anything is written, whatever file it came
 * from (glossary.csv, TBX). */
static int row_check(struct parse *p, struct row *r)
{
	struct kb_concept *c = &r->c;
	if (!kb_is_valid_key(c->key))
		return fail(p, r->line, "invalid key '%s': use lower-case letters, digits and '-'%s",
		            c->key, NULL);
	if (!kb_is_type(c->type))
		return fail(p, r->line, "unknown type '%s' (types: organisation, body, law, programme, "
		            "principle, service, register, standard, process, role, place, person, "
		            "concept)%s", c->type, NULL);
	if (!kb_is_status(c->status))
		return fail(p, r->line, "unknown status '%s' (draft, review, approved, deprecated)%s",
		            c->status, NULL);
	if (!*c->pref_label)
		return fail(p, r->line, "%s: pref_label is empty%s", c->key, NULL);
	char lim[32];
	snprintf(lim, sizeof lim, "%d", KB_MAX_DEFINITION_BYTES);
	if (strlen(c->definition) > KB_MAX_DEFINITION_BYTES ||
	    (c->definition_en && strlen(c->definition_en) > KB_MAX_DEFINITION_BYTES))
		return fail(p, r->line, "%s: the definition is longer than %s bytes", c->key, lim);
	const struct strv *labels[] = { &c->abbreviations, &c->alt_labels, &c->hidden_labels,
	                                &c->alt_labels_en };
	snprintf(lim, sizeof lim, "%d", KB_MAX_LABEL_BYTES);
	int too_long = strlen(c->pref_label) > KB_MAX_LABEL_BYTES ||
	               (c->pref_label_en && strlen(c->pref_label_en) > KB_MAX_LABEL_BYTES);
	for (int g = 0; g < 4; g++)
		for (size_t i = 0; i < labels[g]->n; i++)
			too_long |= strlen(labels[g]->v[i]) > KB_MAX_LABEL_BYTES;
	if (too_long)
		return fail(p, r->line, "%s: a label is longer than %s bytes", c->key, lim);
	if (has_line_break(c->pref_label) || (c->pref_label_en && has_line_break(c->pref_label_en)))
		return fail(p, r->line, "%s: a label contains a line break%s", c->key, NULL);
	for (int g = 0; g < 4; g++)
		for (size_t i = 0; i < labels[g]->n; i++)
			if (has_line_break(labels[g]->v[i]))
				return fail(p, r->line, "%s: a label contains a line break%s", c->key, NULL);
	for (size_t i = 0; i < c->match.n; i++) {
		const char *f = c->match.v[i];
		if (!kb_is_match_flag(f))
			return fail(p, r->line,
			            "unknown match flag '%s' (case, compound, context, hidden-context, ordinary-word)%s", f,
			            NULL);
	}
	struct err rule = { "", 0, "" };
	if (kb_concept_check(c, &rule) < 0)
		return fail(p, r->line, "%s%s", rule.msg, NULL);
	if (*c->replaced_by) {
		if (!kb_is_valid_key(c->replaced_by) || !strcmp(c->replaced_by, c->key))
			return fail(p, r->line, "invalid replaced_by '%s'%s", c->replaced_by, NULL);
		if (strcmp(c->status, "deprecated"))
			return fail(p, r->line, "%s has replaced_by but is not deprecated%s", c->key, NULL);
	}
	const struct strv *rels[] = { &c->broader, &c->related };
	for (int g = 0; g < 2; g++)
		for (size_t i = 0; i < rels[g]->n; i++) {
			if (!kb_is_valid_key(rels[g]->v[i]))
				return fail(p, r->line, "invalid key '%s' in %s", rels[g]->v[i],
				            g ? "related" : "broader");
			if (!strcmp(rels[g]->v[i], c->key))
				return fail(p, r->line, "%s is %s to itself", c->key,
				            g ? "related" : "broader");
		}
	return 0;
}

static void on_record(int terminator, void *ctx)
{
	(void)terminator;
	struct parse *p = ctx;
	if (!p->failed) {
		if (p->is_header) {
			header(p);
			p->is_header = 0;
		} else {
			data_row(p);
		}
	}
	strv_free(&p->fields);
	p->in_record = 0;
	if (p->record_bytes)
		*p->record_bytes = 0;
}

static void parse_free(struct parse *p)
{
	for (size_t i = 0; i < p->n_rows; i++)
		kb_concept_free(&p->rows[i].c);
	free(p->rows);
	strv_free(&p->fields);
}

static int cmp_row_key(const void *a, const void *b)
{
	const struct row *x = *(const struct row *const *)a, *y = *(const struct row *const *)b;
	int d = strcmp(x->c.key, y->c.key);
	return d ? d : (x->line > y->line) - (x->line < y->line);
}

/* Keys unique within the file; relations point at a key of the file or the KB. */
static int check_keys(struct parse *p, struct kb *kb)
{
	struct row **by_key = malloc((p->n_rows ? p->n_rows : 1) * sizeof *by_key);
	if (!by_key)
		return fail(p, 0, "out of memory", NULL, NULL);
	for (size_t i = 0; i < p->n_rows; i++)
		by_key[i] = &p->rows[i];
	qsort(by_key, p->n_rows, sizeof *by_key, cmp_row_key);
	for (size_t i = 1; i < p->n_rows; i++)
		if (!strcmp(by_key[i]->c.key, by_key[i - 1]->c.key)) {
			char first[32];
			snprintf(first, sizeof first, "%ld", by_key[i - 1]->line);
			fail(p, by_key[i]->line, "duplicate key '%s' (first on line %s)", by_key[i]->c.key,
			     first);
			free(by_key);
			return -1;
		}
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(kb->db, "SELECT 1 FROM concept WHERE key = ?1", -1, &st, NULL) !=
	    SQLITE_OK) {
		free(by_key);
		return fail(p, 0, "cannot read the knowledge base: %s", sqlite3_errmsg(kb->db), NULL);
	}
	int rc = 0;
	for (size_t i = 0; i < p->n_rows && rc == 0; i++) {
		const struct kb_concept *c = &p->rows[i].c;
		struct strv replaced = { (char **)&c->replaced_by, *c->replaced_by ? 1 : 0 };
		const struct strv *rels[] = { &c->broader, &c->related, &replaced };
		static const char *const rel_names[] = { "broader", "related", "replaced_by" };
		for (int g = 0; g < 3 && rc == 0; g++)
			for (size_t j = 0; j < rels[g]->n && rc == 0; j++) {
				const char *key = rels[g]->v[j];
				int in_file = 0;
				size_t lo = 0, hi = p->n_rows;
				while (lo < hi) {
					size_t mid = (lo + hi) / 2;
					int d = strcmp(by_key[mid]->c.key, key);
					if (d == 0) {
						in_file = 1;
						break;
					}
					if (d < 0)
						lo = mid + 1;
					else
						hi = mid;
				}
				if (in_file)
					continue;
				sqlite3_reset(st);
				sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
				if (sqlite3_step(st) == SQLITE_ROW)
					continue;
				rc = fail(p, p->rows[i].line, "%s names unknown concept '%s'",
				          rel_names[g], key);
			}
	}
	sqlite3_finalize(st);
	free(by_key);
	return rc;
}

long kb_read_line(FILE *f, char **buf, size_t *cap, size_t max)
{
	size_t n = 0;
	int c;
	while ((c = getc_unlocked(f)) != EOF) {
		if (n >= max)
			return -2;
		if (n + 2 > *cap) {
			size_t ncap = *cap ? 2 * *cap : 4096;
			char *nb = realloc(*buf, ncap);
			if (!nb)
				return -1;
			*buf = nb;
			*cap = ncap;
		}
		(*buf)[n++] = (char)c;
		if (c == '\n')
			break;
	}
	if (c == EOF && ferror(f))
		return -1;
	if (*buf)
		(*buf)[n] = '\0';
	return (long)n;
}

static int parse_file(struct parse *p, FILE *f)
{
	struct csv_parser csv;
	if (csv_init(&csv, CSV_STRICT | CSV_STRICT_FINI) != 0)
		return fail(p, 0, "out of memory", NULL, NULL);
	/* libcsv grows a field by its block size: the default (128 bytes) makes
	 * a long field quadratic */
	csv_set_blk_size(&csv, 64 << 10);
	csv_set_delim(&csv, (unsigned char)(p->delimiter ? p->delimiter : ','));
	char *line = NULL;
	size_t cap = 0;
	long n = 0;
	int rc = 0, any_byte = 0;
	size_t record_bytes = 0;
	p->line = 0;
	p->is_header = 1;
	p->record_bytes = &record_bytes;
	while (!p->failed && (n = kb_read_line(f, &line, &cap, KB_MAX_LINE_BYTES)) > 0) {
		p->line++;
		record_bytes += (size_t)n;
		if (record_bytes > KB_MAX_LINE_BYTES) {
			char lim[32];
			snprintf(lim, sizeof lim, "%d", KB_MAX_LINE_BYTES >> 20);
			fail(p, p->line, "a record longer than %s MB (a quote left open?)%s", lim, NULL);
			break;
		}
		char *data = line;
		if (p->line == 1 && n >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3)) {
			data += 3;
			n -= 3;
		}
		if (p->line == 1 && !p->converted && (memchr(data, '\0', (size_t)n) ||
		    (n >= 2 && ((unsigned char)data[0] == 0xFF || (unsigned char)data[0] == 0xFE)))) {
			const char *enc = enc_guess(data, (size_t)n);
			fail(p, 1, "the file is not UTF-8 but looks like %s (Excel's \"Unicode text\"): "
			     "import it with --encoding %s", enc, enc);
			break;
		}
		if (n > 0)
			any_byte = 1;
		if (csv_parse(&csv, data, (size_t)n, on_field, on_record, p) != (size_t)n) {
			fail(p, p->line, "%s%s",
			     csv_error(&csv) == CSV_EPARSE ? "malformed quoting" : csv_strerror(csv_error(&csv)),
			     NULL);
			rc = -1;
		}
	}
	if (n == -2 && !p->failed) {
		char lim[32];
		snprintf(lim, sizeof lim, "%d", KB_MAX_LINE_BYTES >> 20);
		fail(p, p->line + 1, "a line longer than %s MB%s", lim, NULL);
	}
	/* Say at once when the rest of such a file needs --encoding too. */
	if (p->wrong_delimiter && !p->converted) {
		while ((n = kb_read_line(f, &line, &cap, KB_MAX_LINE_BYTES)) > 0)
			if (!valid_utf8(line, (size_t)n)) {
				const char *enc = enc_guess(line, (size_t)n);
				size_t len = strlen(p->err->msg);
				snprintf(p->err->msg + len, sizeof p->err->msg - len,
				         " --encoding %s (the file is not UTF-8 but looks like %s)", enc, enc);
				break;
			}
	}
	if (ferror(f) && !p->failed)
		fail(p, 0, "cannot read: %s%s", strerror(errno), NULL);
	if (!p->failed && csv_fini(&csv, on_field, on_record, p) != 0)
		fail(p, p->record_line ? p->record_line : p->line,
		     "unterminated quoted field (the quote opened here is never closed)%s", NULL, NULL);
	csv_free(&csv);
	free(line);
	if (!p->failed && !any_byte)
		fail(p, 0, "the file is empty (expected a header row: key,type,pref_label,...)%s",
		     NULL, NULL);
	else if (!p->failed && p->is_header)
		fail(p, 0, "the file has no header row%s", NULL, NULL);
	return p->failed ? -1 : rc;
}

static int import_stream(struct kb *kb, FILE *f, const char *path,
                         const struct kb_csv_options *opts, int converted,
                         struct kb_import_stats *stats, struct err *err);
static int import_parsed(struct kb *kb, struct parse *pp, const char *path, int dry_run,
                         struct kb_import_stats *stats, struct err *err);

static int is_utf8_name(const char *enc)
{
	return !enc || !strcasecmp(enc, "utf-8") || !strcasecmp(enc, "utf8");
}

int kb_import_csv_opts(struct kb *kb, const char *path, const struct kb_csv_options *opts,
                       struct kb_import_stats *stats, struct err *err)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	if (!f)
		return err_set(err, path, 0, "cannot open: %s", strerror(errno));
	if (!opts || is_utf8_name(opts->encoding)) {
		int rc = import_stream(kb, f, path, opts, 0, stats, err);
		if (f != stdin)
			fclose(f);
		return rc;
	}
	/* Another encoding: converted to UTF-8 while it is read. */
	struct enc_stream *es;
	FILE *conv = enc_stream_open(f, opts->encoding, &es);
	int rc;
	if (!conv)
		rc = errno == EINVAL
		             ? err_set(err, path, 0, "unknown encoding '%s' (see iconv -l)", opts->encoding)
		             : err_set(err, path, 0, "out of memory");
	else
		rc = import_stream(kb, conv, path, opts, 1, stats, err);
	/* The parser stopped at the read error: say what it was. */
	if (rc < 0 && enc_stream_bad_line(es))
		err_set(err, path, enc_stream_bad_line(es), "not valid %s", opts->encoding);
	if (conv)
		fclose(conv);
	if (f != stdin)
		fclose(f);
	return rc;
}

int kb_import_csv(struct kb *kb, const char *path, struct kb_import_stats *stats,
                  struct err *err)
{
	return kb_import_csv_opts(kb, path, NULL, stats, err);
}

int kb_import_csv_stream(struct kb *kb, FILE *f, const char *path,
                         struct kb_import_stats *stats, struct err *err)
{
	return import_stream(kb, f, path, NULL, 0, stats, err);
}

static int import_stream(struct kb *kb, FILE *f, const char *path,
                         const struct kb_csv_options *opts, int converted,
                         struct kb_import_stats *stats, struct err *err)
{
	struct kb_import_stats unused;
	int dry_run = stats == NULL;
	if (dry_run)
		stats = &unused;
	memset(stats, 0, sizeof *stats);
	struct parse p;
	memset(&p, 0, sizeof p);
	p.path = path;
	p.err = err;
	p.delimiter = opts && opts->delimiter ? opts->delimiter : ',';
	p.converted = converted;
	int rc = parse_file(&p, f);
	if (rc < 0) {
		parse_free(&p);
		return rc;
	}
	return import_parsed(kb, &p, path, dry_run, stats, err);
}

int kb_import_rows(struct kb *kb, const char *path, struct row *rows, size_t n_rows,
                   struct kb_import_stats *stats, struct err *err)
{
	struct kb_import_stats unused;
	int dry_run = stats == NULL;
	if (dry_run)
		stats = &unused;
	memset(stats, 0, sizeof *stats);
	struct parse p;
	memset(&p, 0, sizeof p);
	p.path = path;
	p.err = err;
	p.rows = rows;
	p.n_rows = p.cap_rows = n_rows;
	for (size_t i = 0; i < n_rows; i++)
		if (row_check(&p, &rows[i]) < 0) {
			parse_free(&p);
			return -1;
		}
	return import_parsed(kb, &p, path, dry_run, stats, err);
}

/* Checks the keys of the parsed rows and writes them in one transaction;
 * frees the rows. */
static int import_parsed(struct kb *kb, struct parse *pp, const char *path, int dry_run,
                         struct kb_import_stats *stats, struct err *err)
{
	struct parse p = *pp;
	int rc = check_keys(&p, kb);
	if (rc < 0) {
		parse_free(&p);
		return rc;
	}

	char action[600];
	snprintf(action, sizeof action, "import %s", path);
	if (kb_begin(kb, err) < 0) {
		parse_free(&p);
		return -1;
	}
	/* Rows may point at rows further down: reserve every new key first. */
	char *is_new = calloc(p.n_rows ? p.n_rows : 1, 1);
	if (!is_new)
		rc = err_set(err, path, 0, "out of memory");
	for (size_t i = 0; i < p.n_rows && rc == 0; i++) {
		int created = kb_concept_reserve(kb, p.rows[i].c.key, p.rows[i].c.type, err);
		if (created < 0)
			rc = -1;
		else
			is_new[i] = (char)created;
	}
	for (size_t i = 0; i < p.n_rows && rc == 0; i++) {
		struct kb_concept *c = &p.rows[i].c;
		int r = is_new[i] ? kb_concept_put_new(kb, c, action, err)
		                  : kb_concept_put(kb, c, action, err);
		if (r < 0) {
			/* A row's problem names the row; the KB's own (disk full, read-only) names the KB. */
			if (strcmp(err->file, kb->path) != 0) {
				err->line = p.rows[i].line;
				snprintf(err->file, sizeof err->file, "%s", path);
			}
			rc = -1;
		} else if (r == KB_ADDED)
			stats->added++;
		else if (r == KB_UPDATED)
			stats->updated++;
		else
			stats->unchanged++;
	}
	free(is_new);
	/* The rules between concepts (shared labels, broader cycles) judge the
	 * file's end state; a dry run checks them and rolls back. */
	if (rc == 0)
		rc = dry_run ? kb_validate_written(kb, err) : kb_commit(kb, err);
	if (rc < 0 && kb->bad_key[0])
		for (size_t i = 0; i < p.n_rows; i++)
			if (!strcmp(p.rows[i].c.key, kb->bad_key)) {
				err->line = p.rows[i].line;
				snprintf(err->file, sizeof err->file, "%s", path);
				break;
			}
	parse_free(&p);
	if (rc < 0 || dry_run) {
		kb_rollback(kb);
		if (dry_run && rc == 0)
			memset(stats, 0, sizeof *stats);
		return rc;
	}
	return 0;
}
