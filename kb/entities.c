/* entities.c - federal laws as entities of the knowledge base (kb.h,
 * kb_import_entities).
 *
 * Input: TSV "id<TAB>label" with the header line "id<TAB>label"; the id is
 * the law's slug on gesetze-im-internet.de ([a-z0-9_-]), each law has one or
 * more rows: its long title and its official abbreviation. The whole file is
 * checked first (FILE:LINE: message on the first bad line), then every law
 * is written in one transaction through kb_concept_put (history action
 * "import --entities"):
 *   key          law-<slug> with '_' as '-' (the "law-" prefix keeps law
 *                keys apart from the glossary's keys)
 *   pref_label   the longest label (the title); the others are abbreviations,
 *                and "AMG" besides "AMG 1976" when no other law has "AMG"
 *   source_url   https://www.gesetze-im-internet.de/<slug>/
 *   type law, status draft, no definition.
 * Labels another concept already displays (pref, alt, abbreviation; same
 * match key) are left out, so the gazetteer stays unambiguous; a law whose
 * title another concept displays (the glossary's "ozg" holds the title of
 * the OZG) is that concept already and is counted as known. A key taken by
 * a concept that is not this law (another source) is skipped and counted. */
#include "kb_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "../common/buf.h"
#include "../extract/norm.h"

struct law_row {
	char *slug, *label;
	long line;
	size_t order;
};

struct rows {
	struct law_row *v;
	size_t n, cap;
};

static void rows_free(struct rows *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].slug);
		free(r->v[i].label);
	}
	free(r->v);
}

static int valid_utf8(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		utf8proc_int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
		                                      (utf8proc_ssize_t)(len - i), &c);
		if (k <= 0)
			return 0;
		i += (size_t)k;
	}
	return 1;
}

static int valid_slug(const char *s)
{
	if (!*s || strlen(s) > 150)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_' || *s == '-'))
			return 0;
	return 1;
}

static int read_rows(const char *path, struct rows *r, struct err *err)
{
	int is_stdin = !strcmp(path, "-");
	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	if (!f)
		return err_set(err, path, 0, "cannot read: %s", strerror(errno));
	if (is_stdin)
		path = "<stdin>";
	char *line = NULL;
	size_t cap = 0;
	long n;
	long line_no = 0;
	int rc = 0;
	while ((n = kb_read_line(f, &line, &cap, KB_MAX_LINE_BYTES)) > 0) {
		line_no++;
		/* A NUL would end the label early in C: refuse it rather than cut. */
		if (memchr(line, '\0', (size_t)n)) {
			rc = err_set(err, path, line_no, "NUL byte in the line");
			break;
		}
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (line_no == 1) {
			const char *h = line;
			if (!strncmp(h, "\xef\xbb\xbf", 3))
				h += 3;
			if (strcmp(h, "id\tlabel")) {
				rc = err_set(err, path, 1, "expected the header 'id<TAB>label'");
				break;
			}
			continue;
		}
		if (n == 0)
			continue;
		if (!valid_utf8(line, (size_t)n)) {
			rc = err_set(err, path, line_no, "invalid UTF-8");
			break;
		}
		char *tab = strchr(line, '\t');
		if (!tab || strchr(tab + 1, '\t')) {
			rc = err_set(err, path, line_no, "expected two fields: id<TAB>label");
			break;
		}
		*tab = '\0';
		const char *label = tab + 1;
		if (!valid_slug(line)) {
			rc = err_set(err, path, line_no, "invalid law id '%.100s' (use a-z, 0-9, _ and -)", line);
			break;
		}
		while (*label == ' ')
			label++;
		if (!*label) {
			rc = err_set(err, path, line_no, "empty label");
			break;
		}
		if (strlen(label) > KB_MAX_LABEL_BYTES) {
			rc = err_set(err, path, line_no, "a label longer than %d bytes", KB_MAX_LABEL_BYTES);
			break;
		}
		if (r->n == r->cap) {
			size_t ncap = r->cap ? r->cap * 2 : 1024;
			struct law_row *v = realloc(r->v, ncap * sizeof *v);
			if (!v) {
				rc = err_set(err, path, line_no, "out of memory");
				break;
			}
			r->v = v;
			r->cap = ncap;
		}
		struct law_row *row = &r->v[r->n];
		row->slug = strdup(line);
		row->label = strdup(label);
		row->line = line_no;
		row->order = r->n;
		if (!row->slug || !row->label) {
			free(row->slug);
			free(row->label);
			rc = err_set(err, path, line_no, "out of memory");
			break;
		}
		r->n++;
	}
	if (rc == 0 && n == -2)
		rc = err_set(err, path, line_no + 1, "a line longer than %d MB", KB_MAX_LINE_BYTES >> 20);
	if (rc == 0 && ferror(f))
		rc = err_set(err, path, 0, "cannot read: %s", strerror(errno));
	if (rc == 0 && line_no == 0)
		rc = err_set(err, path, 0, "the file is empty");
	free(line);
	if (!is_stdin)
		fclose(f);
	return rc;
}

/* "AMG 1976" is cited as "AMG": the bare abbreviation of a law whose
 * official one carries a year, when no other law of the file has it (with or
 * without a year). */
struct bare {
	char *text;
	int is_bare; /* from "X 1976"; else an abbreviation as written */
};

struct bares {
	struct bare *v;
	size_t n;
};

static int cmp_bare(const void *a, const void *b)
{
	return strcmp(((const struct bare *)a)->text, ((const struct bare *)b)->text);
}

/* The length of the bare form of an abbreviation with a year, or 0. */
static size_t bare_len(const char *label)
{
	size_t n = strlen(label);
	if (n < 7 || n > 30 || label[n - 5] != ' ')
		return 0;
	for (size_t i = n - 4; i < n; i++)
		if (label[i] < '0' || label[i] > '9')
			return 0;
	if (memchr(label, ' ', n - 5))
		return 0;
	return n - 5;
}

static int bares_build(const struct rows *r, struct bares *b)
{
	b->v = calloc(r->n ? r->n : 1, sizeof *b->v);
	b->n = 0;
	if (!b->v)
		return -1;
	for (size_t i = 0; i < r->n; i++) {
		const char *l = r->v[i].label;
		size_t n = bare_len(l);
		if (!n && (strchr(l, ' ') || strlen(l) > 30))
			continue; /* a title */
		char *t = n ? strndup(l, n) : strdup(l);
		if (!t)
			return -1;
		b->v[b->n].text = t;
		b->v[b->n].is_bare = n > 0;
		b->n++;
	}
	if (b->n)
		qsort(b->v, b->n, sizeof *b->v, cmp_bare);
	return 0;
}

static void bares_free(struct bares *b)
{
	for (size_t i = 0; i < b->n; i++)
		free(b->v[i].text);
	free(b->v);
}

/* Whether the bare form of label is this law's alone. */
static int bare_is_unique(const struct bares *b, const char *bare)
{
	struct bare key = { (char *)bare, 0 };
	struct bare *hit = b->n ? bsearch(&key, b->v, b->n, sizeof *b->v, cmp_bare) : NULL;
	if (!hit)
		return 0;
	size_t i = (size_t)(hit - b->v), count = 0;
	while (i > 0 && !strcmp(b->v[i - 1].text, bare))
		i--;
	int all_bare = 1;
	for (; i < b->n && !strcmp(b->v[i].text, bare); i++, count++)
		all_bare &= b->v[i].is_bare;
	return count == 1 && all_bare;
}

static int cmp_row(const void *a, const void *b)
{
	const struct law_row *x = a, *y = b;
	int c = strcmp(x->slug, y->slug);
	if (c)
		return c;
	return x->order < y->order ? -1 : x->order > y->order;
}

static int set(char **slot, const char *s)
{
	free(*slot);
	*slot = strdup(s);
	return *slot ? 0 : -1;
}

static int starts_with(const char *s, const char *prefix)
{
	return s && !strncmp(s, prefix, strlen(prefix));
}

/* The concept (other than key) that displays text, with its type and source
 * URL; *found 0 when none. */
static int shown_by(struct kb *kb, sqlite3_stmt *st, const char *text, const char *key,
                    int *found, char type[32], char url[512], struct err *err)
{
	struct buf mk = BUF_INIT;
	*found = 0;
	if (norm_key(text, strlen(text), &mk) < 0) {
		buf_free(&mk);
		return err_set(err, kb->path, 0, "label is not valid UTF-8: %s", text);
	}
	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, buf_cstr(&mk), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, key, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	buf_free(&mk);
	if (rc == SQLITE_ROW) {
		*found = 1;
		snprintf(type, 32, "%s", (const char *)sqlite3_column_text(st, 0));
		snprintf(url, 512, "%s", (const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return err_set(err, kb->path, 0, "cannot look up a label: %s", sqlite3_errmsg(kb->db));
	return 0;
}

static int copy_all(struct strv *to, const struct strv *from)
{
	for (size_t i = 0; i < from->n; i++)
		if (!strv_contains(to, from->v[i]) && strv_push(to, from->v[i]) < 0)
			return -1;
	return 0;
}

/* One law: rows r[0..n) share the slug; cur is its concept as the KB held
 * it before this import (NULL when new). */
static int put_law(struct kb *kb, sqlite3_stmt *shown, const struct law_row *r, size_t n,
                   const struct kb_vocab *vocab, const struct bares *bares,
                   struct kb_entities_stats *stats, struct err *err)
{
	char key[200];
	snprintf(key, sizeof key, "law-%s", r[0].slug);
	for (char *p = key; *p; p++)
		if (*p == '_')
			*p = '-';
	char url[256];
	snprintf(url, sizeof url, "https://www.gesetze-im-internet.de/%s/", r[0].slug);

	/* A concept under this key that is another thing: leave it alone. */
	const struct kb_concept *cur = kb_vocab_find(vocab, key);
	if (cur && strcmp(cur->source_url ? cur->source_url : "", url) != 0) {
		stats->known++;
		return 0;
	}
	size_t title = 0;
	for (size_t i = 1; i < n; i++)
		if (strlen(r[i].label) > strlen(r[title].label))
			title = i;
	int found;
	char type[32], other_url[512];
	if (shown_by(kb, shown, r[title].label, key, &found, type, other_url, err) < 0)
		return -1;
	/* The glossary's own concept of this law (its page, or a law by that title). */
	if (found && (starts_with(other_url, url) ||
	              (!strcmp(type, "law") && !starts_with(other_url, "https://www.gesetze-im-internet.de/")))) {
		stats->known++;
		return 0;
	}
	struct kb_concept c;
	kb_concept_init(&c);
	int rc = -1;
	if (set(&c.key, key) || set(&c.type, "law") || set(&c.pref_label, r[title].label) ||
	    set(&c.definition, "") || set(&c.source, "") || set(&c.source_url, url) ||
	    set(&c.status, "draft") || set(&c.replaced_by, ""))
		goto oom;
	for (size_t i = 0; i < n; i++) {
		int taken;
		if (i == title || strv_contains(&c.abbreviations, r[i].label) ||
		    !strcmp(r[i].label, r[title].label))
			continue;
		if (shown_by(kb, shown, r[i].label, key, &taken, type, other_url, err) < 0)
			goto out;
		if (!taken && strv_push(&c.abbreviations, r[i].label) < 0)
			goto oom;
	}
	/* Another law has the same (often shortened) title: tell them apart. */
	if (found) {
		struct buf pref = BUF_INIT;
		if (buf_printf(&pref, "%s (%s)", r[title].label,
		               c.abbreviations.n ? c.abbreviations.v[0] : r[0].slug) < 0) {
			buf_free(&pref);
			goto oom;
		}
		free(c.pref_label);
		c.pref_label = buf_detach(&pref);
	}
	/* "AMG" for "AMG 1976", after the disambiguation, which uses the official one */
	for (size_t i = 0, n_official = c.abbreviations.n; i < n_official; i++) {
		size_t bl = bare_len(c.abbreviations.v[i]);
		char bare[32];
		int taken;
		if (!bl || bl >= sizeof bare)
			continue;
		memcpy(bare, c.abbreviations.v[i], bl);
		bare[bl] = '\0';
		if (!bare_is_unique(bares, bare) || strv_contains(&c.abbreviations, bare))
			continue;
		if (shown_by(kb, shown, bare, key, &taken, type, other_url, err) < 0)
			goto out;
		if (!taken && strv_push(&c.abbreviations, bare) < 0)
			goto oom;
	}
	/* An editor's status, definition, labels and relations on the entity survive. */
	if (cur) {
		if (set(&c.status, cur->status) || set(&c.definition, cur->definition) ||
		    set(&c.source, cur->source) || copy_all(&c.alt_labels, &cur->alt_labels) ||
		    copy_all(&c.hidden_labels, &cur->hidden_labels) ||
		    copy_all(&c.broader, &cur->broader) || copy_all(&c.related, &cur->related) ||
		    copy_all(&c.abbreviations, &cur->abbreviations))
			goto oom;
	}
	int put = kb_concept_put(kb, &c, "import --entities", err);
	if (put < 0) {
		err->line = r[0].line;
		goto out;
	}
	if (put == KB_ADDED)
		stats->added++;
	else if (put == KB_UPDATED)
		stats->updated++;
	else
		stats->unchanged++;
	rc = 0;
	goto out;
oom:
	err_set(err, kb->path, r[0].line, "out of memory");
out:
	kb_concept_free(&c);
	return rc;
}

int kb_import_entities(struct kb *kb, const char *path, struct kb_entities_stats *stats,
                       struct err *err)
{
	struct rows r = { NULL, 0, 0 };
	struct kb_entities_stats local = { 0, 0, 0, 0 };
	if (read_rows(path, &r, err) < 0) {
		rows_free(&r);
		return -1;
	}
	if (r.n)
		qsort(r.v, r.n, sizeof *r.v, cmp_row);
	if (!stats) {
		rows_free(&r);
		return 0;
	}
	sqlite3_stmt *shown = NULL;
	if (kb_begin(kb, err) < 0) {
		rows_free(&r);
		return -1;
	}
	/* The KB as it was, read once: the state of each law before this import. */
	struct kb_vocab vocab;
	if (kb_vocab_load(kb, &vocab, err) < 0) {
		kb_rollback(kb);
		rows_free(&r);
		return -1;
	}
	struct bares bares = { NULL, 0 };
	if (bares_build(&r, &bares) < 0) {
		bares_free(&bares);
		kb_vocab_free(&vocab);
		kb_rollback(kb);
		rows_free(&r);
		return err_set(err, path, 0, "out of memory");
	}
	int rc = 0;
	if (sqlite3_prepare_v2(kb->db,
	                       "SELECT c.type, coalesce((SELECT d.source_url FROM definition d"
	                       "  WHERE d.concept_id = c.id AND d.is_primary), '')"
	                       " FROM label l JOIN concept c ON c.id = l.concept_id"
	                       " WHERE l.match_key = ?1 AND l.kind <> 'hidden' AND c.key <> ?2"
	                       " ORDER BY c.key LIMIT 1",
	                       -1, &shown, NULL) != SQLITE_OK)
		rc = err_set(err, kb->path, 0, "cannot prepare a statement: %s", sqlite3_errmsg(kb->db));
	for (size_t i = 0; rc == 0 && i < r.n;) {
		size_t j = i + 1;
		while (j < r.n && !strcmp(r.v[j].slug, r.v[i].slug))
			j++;
		if (put_law(kb, shown, r.v + i, j - i, &vocab, &bares, &local, err) < 0) {
			if (!err->file[0] || strcmp(err->file, path))
				snprintf(err->file, sizeof err->file, "%s", path);
			rc = -1;
		}
		i = j;
	}
	sqlite3_finalize(shown);
	bares_free(&bares);
	kb_vocab_free(&vocab);
	rows_free(&r);
	if (rc < 0) {
		kb_rollback(kb);
		return -1;
	}
	if (kb_commit(kb, err) < 0)
		return -1;
	*stats = local;
	return 0;
}
