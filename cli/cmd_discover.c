/* cmd_discover.c - glossar discover FILE... and glossar candidates
 * list|accept|reject: the discovery stage and the editors' review queue.
 *
 * discover runs the finders of extract/discover.h over each document and
 * records what the knowledge base does not know yet as candidates (kb.h):
 *   abbreviation  short form with its long form ("DMK" = "Digitalministerkonferenz")
 *   acronym       an acronym no label of the KB matches, with its count
 *   definition    a definition sentence for a term (expansion: the sentence)
 *   citation      a § or article of a named law (expansion: "slug unit" when the
 *                 law resolves through the law entities, with its URL)
 * All documents are recorded in one transaction; a bad file (missing, not
 * UTF-8) leaves the KB as it was. Running it again over the same files
 * recounts and adds nothing. The review queue is in cmd_candidates.c. */
#include <getopt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/buf.h"
#include "../extract/discover.h"
#include "../extract/extract.h"
#include "../extract/norm.h"
#include "cli.h"
#include "print_candidate.h"

static const char discover_help[] =
	"usage: glossar discover [--format text|jsonl] [--fuzzy] [-j N] FILE...\n"
	"\n"
	"Finds what the knowledge base does not know yet and stores it as candidates\n"
	"for review (glossar candidates): abbreviation definitions (\"Digitalminister-\n"
	"konferenz (DMK)\", \"die DMK, die Digitalministerkonferenz\", \"– kurz FITKO –\"),\n"
	"unknown acronyms with their count, definition sentences (\"X ist ein ...\",\n"
	"\"Unter X versteht man ...\", \"X im Sinne dieses Gesetzes ist ...\") and legal\n"
	"citations (\"Art. 91c GG\", \"§ 2 Absatz 3 des Onlinezugangsgesetzes\") with\n"
	"their page on gesetze-im-internet.de once the laws are imported\n"
	"(glossar import --entities). Each candidate keeps its first evidence\n"
	"(document, line, context) and its count over all documents; running discover\n"
	"again on the same files adds nothing, rejected candidates stay rejected.\n"
	"Lists the candidates found in these files.\n"
	"\n"
	"  --format F  text (default) or jsonl\n"
	"  --fuzzy     also speech-recognition variants of known terms (\"Datapod\" for\n"
	"              Dataport), from the extractor's fuzzy matching; files only\n"
	"  -j N, --jobs N  threads (default: the number of cores): documents in\n"
	"              parallel; candidates, their order and the output are those of -j 1\n"
	"\n"
	"examples:\n"
	"  glossar discover report.md transcript.txt\n"
	"  glossar discover --format jsonl law.md | jq -r 'select(.kind==\"citation\") | .url'\n";

/* ---- documents ---- */

struct doc {
	const char *path;
	char *text;       /* the text the finders read: the reader's, markup dropped */
	size_t len;
	struct ex_text t; /* the reader's text and its map back to the input */
};

static void doc_free(struct doc *d)
{
	ex_text_free(&d->t);
}

/* Every input goes through the extraction stage's readers (stdin as plain
 * text): Markdown markup blanked, HTML and XML as text, positions mapped
 * back to the input. Discovery writes to the KB, so invalid UTF-8 refuses the
 * document instead of being skipped. */
static int doc_read(struct doc *d, const char *path, struct err *err)
{
	memset(d, 0, sizeof *d);
	d->path = path;
	if (ex_text_read(path, strcmp(path, "-") ? NULL : "txt", &d->t, err) < 0)
		return -1;
	d->text = d->t.data;
	d->len = d->t.len;
	if (d->t.invalid_line) {
		const char *enc = d->t.likely_encoding ? d->t.likely_encoding : "windows-1252";
		return err_set(err, strcmp(path, "-") ? path : "<stdin>", d->t.invalid_line,
		               "invalid UTF-8 (looks like %s; convert with iconv -f %s -t utf-8)",
		               enc, enc);
	}
	return 0;
}

static long doc_line(const struct doc *d, size_t offset)
{
	long line, col;
	ex_text_position(&d->t, offset, &line, &col);
	return line;
}

/* Up to 80 bytes either side of the span, on character boundaries, cleaned. */
static int context_of(const struct doc *d, struct dc_span s, struct buf *out)
{
	struct dc_span c = { s.start > 80 ? s.start - 80 : 0, s.end + 80 < d->len ? s.end + 80 : d->len };
	while (c.start > 0 && ((unsigned char)d->text[c.start] & 0xC0) == 0x80)
		c.start--;
	while (c.end < d->len && ((unsigned char)d->text[c.end] & 0xC0) == 0x80)
		c.end++;
	return dc_clean(d->text, c, out);
}

/* ---- what the KB knows ---- */

struct known_label {
	char *key;     /* match key of a label */
	size_t concept; /* index into vocab */
};

struct known {
	struct known_label *labels; /* sorted by key */
	size_t n, cap;
	struct strv parts;          /* match keys of the parts of hyphenated or spaced
	                             * labels ("fit" of FIT-Connect), sorted */
	struct kb_vocab vocab;
	struct dc_laws *laws;
};

static int cmp_label(const void *a, const void *b)
{
	const struct known_label *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c ? c : (x->concept > y->concept) - (x->concept < y->concept);
}

static int add_key(struct known *k, const char *label, size_t concept)
{
	struct buf mk = BUF_INIT;
	if (norm_key(label, strlen(label), &mk) < 0 || !mk.len) {
		buf_free(&mk);
		return 0;
	}
	if (k->n == k->cap) {
		size_t cap = k->cap ? k->cap * 2 : 1024;
		struct known_label *v = realloc(k->labels, cap * sizeof *v);
		if (!v) {
			buf_free(&mk);
			return -1;
		}
		k->labels = v;
		k->cap = cap;
	}
	k->labels[k->n].key = buf_detach(&mk);
	k->labels[k->n].concept = concept;
	if (!k->labels[k->n].key)
		return -1;
	k->n++;
	return 0;
}

/* The first entry with this match key, or k->n. */
static size_t find_key(const struct known *k, const char *key)
{
	size_t lo = 0, hi = k->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (strcmp(k->labels[mid].key, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < k->n && !strcmp(k->labels[lo].key, key) ? lo : k->n;
}

static int is_known(const struct known *k, const char *text, size_t len)
{
	struct buf mk = BUF_INIT;
	int found = 0;
	if (norm_key(text, len, &mk) == 0 && mk.len)
		found = find_key(k, buf_cstr(&mk)) < k->n;
	buf_free(&mk);
	return found;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The parts of a label with more than one (split at hyphens, spaces, slashes). */
static int add_parts(struct known *k, const char *label)
{
	if (!strpbrk(label, "- /"))
		return 0;
	for (const char *p = label; *p;) {
		size_t n = strcspn(p, "- /");
		struct buf mk = BUF_INIT;
		int bad = n && norm_key(p, n, &mk) == 0 && mk.len && strv_push(&k->parts, buf_cstr(&mk)) < 0;
		buf_free(&mk);
		if (bad)
			return -1;
		p += n + (p[n] ? 1 : 0);
	}
	return 0;
}

static int is_part_of_label(const struct known *k, const char *text, size_t len)
{
	struct buf mk = BUF_INIT;
	int found = 0;
	if (k->parts.n && norm_key(text, len, &mk) == 0 && mk.len) {
		const char *key = buf_cstr(&mk);
		found = bsearch(&key, k->parts.v, k->parts.n, sizeof *k->parts.v, cmp_str) != NULL;
	}
	buf_free(&mk);
	return found;
}

static int known_term(const char *s, size_t len, void *ctx)
{
	return is_known(ctx, s, len);
}

static const char gii[] = "https://www.gesetze-im-internet.de/";

static int known_load(struct kb *kb, struct known *k, struct err *err)
{
	memset(k, 0, sizeof *k);
	if (kb_vocab_load(kb, &k->vocab, err) < 0)
		return -1;
	k->laws = dc_laws_new();
	if (!k->laws)
		return err_set(err, kb_path(kb), 0, "out of memory");
	for (size_t i = 0; i < k->vocab.n; i++) {
		const struct kb_concept *c = &k->vocab.items[i];
		const struct strv *groups[] = { &c->abbreviations, &c->alt_labels, &c->hidden_labels };
		if (add_key(k, c->pref_label, i) < 0 || add_parts(k, c->pref_label) < 0)
			return err_set(err, kb_path(kb), 0, "out of memory");
		for (size_t g = 0; g < 3; g++)
			for (size_t j = 0; j < groups[g]->n; j++)
				if (add_key(k, groups[g]->v[j], i) < 0 || add_parts(k, groups[g]->v[j]) < 0)
					return err_set(err, kb_path(kb), 0, "out of memory");
		/* a law: its labels name it in citations */
		if (c->source_url && !strncmp(c->source_url, gii, sizeof gii - 1)) {
			const char *slug = c->source_url + sizeof gii - 1;
			size_t n = strcspn(slug, "/");
			char s[160];
			if (n == 0 || n >= sizeof s)
				continue;
			memcpy(s, slug, n);
			s[n] = '\0';
			if (dc_laws_add(k->laws, c->pref_label, s) < 0)
				return err_set(err, kb_path(kb), 0, "out of memory");
			for (size_t g = 0; g < 2; g++)
				for (size_t j = 0; j < groups[g]->n; j++)
					if (dc_laws_add(k->laws, groups[g]->v[j], s) < 0)
						return err_set(err, kb_path(kb), 0, "out of memory");
		}
	}
	if (k->n)
		qsort(k->labels, k->n, sizeof *k->labels, cmp_label);
	if (k->parts.n)
		qsort(k->parts.v, k->parts.n, sizeof *k->parts.v, cmp_str);
	return 0;
}

/* A displayed label of a concept that long_form inflects ("Nationalen
 * Once-Only-Technical-Systems" for "Nationales Once-Only-Technical-System"):
 * of the concept with the short form when there is one, else of any. Returns
 * the concept's index and sets *label, or returns vocab.n. */
static size_t inflected_label_of(const struct known *k, const char *short_form,
                                 const char *long_form, const char **label)
{
	struct buf sk = BUF_INIT;
	size_t first = k->n;
	if (norm_key(short_form, strlen(short_form), &sk) == 0 && sk.len)
		first = find_key(k, buf_cstr(&sk));
	for (size_t i = 0; i < k->vocab.n; i++) {
		int has_short = 0;
		for (size_t j = first; j < k->n && !strcmp(k->labels[j].key, buf_cstr(&sk)); j++)
			has_short |= k->labels[j].concept == i;
		if (first < k->n && !has_short)
			continue;
		const struct kb_concept *c = &k->vocab.items[i];
		if (dc_is_inflected_variant(long_form, c->pref_label)) {
			*label = c->pref_label;
			buf_free(&sk);
			return i;
		}
		for (size_t j = 0; j < c->alt_labels.n; j++)
			if (dc_is_inflected_variant(long_form, c->alt_labels.v[j])) {
				*label = c->alt_labels.v[j];
				buf_free(&sk);
				return i;
			}
	}
	buf_free(&sk);
	return k->vocab.n;
}

static void known_free(struct known *k)
{
	for (size_t i = 0; i < k->n; i++)
		free(k->labels[i].key);
	free(k->labels);
	strv_free(&k->parts);
	kb_vocab_free(&k->vocab);
	dc_laws_free(k->laws);
}

/* Whether one concept has both labels (the pair is nothing new). */
static int pair_known(const struct known *k, const char *a, const char *b)
{
	struct buf ka = BUF_INIT, kb2 = BUF_INIT;
	int found = 0;
	if (norm_key(a, strlen(a), &ka) == 0 && norm_key(b, strlen(b), &kb2) == 0 && ka.len &&
	    kb2.len) {
		size_t i = find_key(k, buf_cstr(&ka)), j0 = find_key(k, buf_cstr(&kb2));
		for (; !found && i < k->n && !strcmp(k->labels[i].key, buf_cstr(&ka)); i++)
			for (size_t j = j0; !found && j < k->n && !strcmp(k->labels[j].key, buf_cstr(&kb2)); j++)
				found = k->labels[i].concept == k->labels[j].concept;
	}
	buf_free(&ka);
	buf_free(&kb2);
	return found;
}

/* ---- discover ---- */

struct ids {
	long long *v;
	size_t n, cap;
};

static int ids_add(struct ids *ids, long long id)
{
	for (size_t i = 0; i < ids->n; i++)
		if (ids->v[i] == id)
			return 0;
	if (ids->n == ids->cap) {
		size_t cap = ids->cap ? ids->cap * 2 : 64;
		long long *v = realloc(ids->v, cap * sizeof *v);
		if (!v)
			return -1;
		ids->v = v;
		ids->cap = cap;
	}
	ids->v[ids->n++] = id;
	return 0;
}

/* A candidate found in a document, kept until the main thread records it
 * (the finders run on threads with -j; SQLite only on the main thread). */
struct rec {
	const char *kind;
	char *surface, *expansion, *url, *context;
	long line;
};

/* One document's run of the finders: what they found, or the error. */
struct run {
	struct known *known;
	const struct doc *doc;
	const char *path;
	struct strv shorts; /* short forms defined in this document */
	struct rec *recs;
	size_t n_recs, cap_recs;
	struct err *err;
	int failed;
	struct err_list warns; /* messages of the extraction (--fuzzy), printed in order */
};

static void recs_free(struct run *r)
{
	for (size_t i = 0; i < r->n_recs; i++) {
		free(r->recs[i].surface);
		free(r->recs[i].expansion);
		free(r->recs[i].url);
		free(r->recs[i].context);
	}
	free(r->recs);
	r->recs = NULL;
	r->n_recs = r->cap_recs = 0;
}

static int record(struct run *r, const char *kind, const char *surface, const char *expansion,
                  const char *url, struct dc_span where, const char *context)
{
	struct buf ctx = BUF_INIT;
	if (!context) {
		if (context_of(r->doc, where, &ctx) < 0)
			goto oom;
		context = buf_cstr(&ctx);
	}
	if (r->n_recs == r->cap_recs) {
		size_t cap = r->cap_recs ? 2 * r->cap_recs : 64;
		struct rec *v = realloc(r->recs, cap * sizeof *v);
		if (!v)
			goto oom;
		r->recs = v;
		r->cap_recs = cap;
	}
	struct rec *rc = &r->recs[r->n_recs];
	rc->kind = kind;
	rc->line = doc_line(r->doc, where.start);
	rc->surface = strdup(surface);
	rc->expansion = strdup(expansion ? expansion : "");
	rc->url = url ? strdup(url) : NULL;
	rc->context = strdup(context);
	r->n_recs++;
	buf_free(&ctx);
	if (!rc->surface || !rc->expansion || (url && !rc->url) || !rc->context) {
		err_set(r->err, r->doc->path, 0, "out of memory");
		r->failed = 1;
		return 1;
	}
	return 0;
oom:
	buf_free(&ctx);
	err_set(r->err, r->doc->path, 0, "out of memory");
	r->failed = 1;
	return 1;
}

/* Records a document's candidates in the KB, in the order found. */
static int recs_store(struct run *r, struct kb_cands *w, struct ids *ids, struct err *err)
{
	if (kb_cands_doc_begin(w, r->path, err) < 0)
		return -1;
	for (size_t i = 0; i < r->n_recs; i++) {
		const struct rec *c = &r->recs[i];
		long long id = kb_cands_add(w, c->kind, c->surface, c->expansion, c->url, r->path,
		                            c->line, c->context, err);
		if (id < 0)
			return -1;
		if (ids_add(ids, id) < 0)
			return err_set(err, r->path, 0, "out of memory");
	}
	return 0;
}

/* The lower-case word right before text[at] ("des" of "des Nationalen
 * ...-Systems"), "" if there is none of at most 5 ASCII letters. */
static void word_before(const char *text, size_t at, char out[8])
{
	size_t e = at;
	while (e > 0 && (text[e - 1] == ' ' || text[e - 1] == '\n' || text[e - 1] == '\t'))
		e--;
	size_t b = e;
	while (b > 0 && ((text[b - 1] >= 'a' && text[b - 1] <= 'z') ||
	                 (text[b - 1] >= 'A' && text[b - 1] <= 'Z')))
		b--;
	out[0] = '\0';
	if (e - b < 2 || e - b > 5 || (b > 0 && (unsigned char)text[b - 1] >= 0x80))
		return;
	for (size_t i = b; i < e; i++)
		out[i - b] = (char)(text[i] >= 'A' && text[i] <= 'Z' ? text[i] - 'A' + 'a' : text[i]);
	out[e - b] = '\0';
}

static int on_abbrev(const char *text, const struct dc_abbrev *a, void *ctx)
{
	struct run *r = ctx;
	struct buf s = BUF_INIT, l = BUF_INIT;
	int rc = 0;
	if (dc_clean(text, a->short_form, &s) < 0 || dc_clean(text, a->long_form, &l) < 0) {
		err_set(r->err, r->doc->path, 0, "out of memory");
		r->failed = rc = 1;
	} else {
		if (!strv_contains(&r->shorts, buf_cstr(&s)) && strv_push(&r->shorts, buf_cstr(&s)) < 0) {
			err_set(r->err, r->doc->path, 0, "out of memory");
			r->failed = rc = 1;
		} else if (!is_known(r->known, buf_cstr(&s), s.len) &&
		           is_part_of_label(r->known, buf_cstr(&s), s.len)) {
			/* "EU Digital Identity (EUDI)" beside the label EUDI-Wallet: a part
			 * of a known label is no new short form */
		} else if (!pair_known(r->known, buf_cstr(&s), buf_cstr(&l))) {
			struct dc_span where = { a->long_form.start < a->short_form.start ? a->long_form.start
			                                                                    : a->short_form.start,
			                         a->long_form.end > a->short_form.end ? a->long_form.end
			                                                              : a->short_form.end };
			const char *label = NULL;
			size_t ci = inflected_label_of(r->known, buf_cstr(&s), buf_cstr(&l), &label);
			if (ci == r->known->vocab.n) {
				/* a new concept is named in the base form ("des Nationalen
				 * ...-Systems" offers "Nationales ...-System") */
				char article[8];
				struct buf base = BUF_INIT;
				word_before(text, a->long_form.start, article);
				int b = dc_base_form(article, buf_cstr(&l), &base);
				if (b < 0) {
					err_set(r->err, r->doc->path, 0, "out of memory");
					r->failed = rc = 1;
				} else {
					rc = record(r, "abbreviation", buf_cstr(&s), b ? buf_cstr(&base) : buf_cstr(&l),
					            NULL, where, NULL);
				}
				buf_free(&base);
			}
			else if (is_known(r->known, buf_cstr(&s), s.len))
				/* The concept is known and this is its name inflected ("des Nationalen
				 * ...-Systems"): at most a spelling to match, never one to show. */
				rc = record(r, "variant", buf_cstr(&l), r->known->vocab.items[ci].key, NULL,
				            where, NULL);
			else
				/* a new short form of a known concept: offered with the label as written */
				rc = record(r, "abbreviation", buf_cstr(&s), label, NULL, where, NULL);
		}
	}
	buf_free(&s);
	buf_free(&l);
	return rc;
}

static int on_acronym(const char *text, struct dc_span t, void *ctx)
{
	struct run *r = ctx;
	/* a known label, or a part of one ("FIT" of FIT-Connect, "EUDI" of EUDI-Wallet) */
	if (is_known(r->known, text + t.start, t.end - t.start) ||
	    is_part_of_label(r->known, text + t.start, t.end - t.start))
		return 0;
	char *s = strndup(text + t.start, t.end - t.start);
	if (!s) {
		err_set(r->err, r->doc->path, 0, "out of memory");
		r->failed = 1;
		return 1;
	}
	int rc = 0;
	/* defined in this document: the abbreviation candidate covers it */
	if (!strv_contains(&r->shorts, s))
		rc = record(r, "acronym", s, "", NULL, t, NULL);
	free(s);
	return rc;
}

static int on_definition(const char *text, const struct dc_definition *d, void *ctx)
{
	struct run *r = ctx;
	struct buf term = BUF_INIT, sentence = BUF_INIT;
	int rc = 0;
	if (dc_clean(text, d->term, &term) < 0 || dc_clean(text, d->sentence, &sentence) < 0) {
		err_set(r->err, r->doc->path, 0, "out of memory");
		r->failed = rc = 1;
	} else if (sentence.len <= 2000) {
		rc = record(r, "definition", buf_cstr(&term), buf_cstr(&sentence), NULL, d->sentence,
		            buf_cstr(&sentence));
	}
	buf_free(&term);
	buf_free(&sentence);
	return rc;
}

static int on_citation(const char *text, const struct dc_citation *c, void *ctx)
{
	struct run *r = ctx;
	if (c->law.end <= c->law.start)
		return 0; /* "nach § 3 Abs. 2": the document's own law, or unknown */
	struct buf surface = BUF_INIT, law = BUF_INIT, unit = BUF_INIT, exp = BUF_INIT, url = BUF_INIT;
	int rc = 0;
	const char *slug = dc_laws_resolve(r->known->laws, text, c->law);
	struct dc_span law_name = c->law;
	if (law_name.end - law_name.start > 4 && (!memcmp(text + law_name.start, "des", 3) ||
	                                          !memcmp(text + law_name.start, "der", 3)) &&
	    strchr(" \t\r\n", text[law_name.start + 3]))
		law_name.start += 4;
	if (dc_clean(text, c->span, &surface) < 0 || dc_clean(text, law_name, &law) < 0 ||
	    dc_citation_unit(c, &unit) < 0 ||
	    buf_printf(&exp, "%s %s", slug ? slug : buf_cstr(&law), buf_cstr(&unit)) < 0) {
		err_set(r->err, r->doc->path, 0, "out of memory");
		r->failed = rc = 1;
	} else {
		/* a slug that is no slug of gesetze-im-internet.de gets no URL */
		if (slug && dc_citation_url(c, slug, &url) < 0)
			buf_reset(&url);
		rc = record(r, "citation", buf_cstr(&surface), buf_cstr(&exp), buf_cstr(&url), c->span,
		            NULL);
	}
	buf_free(&surface);
	buf_free(&law);
	buf_free(&unit);
	buf_free(&exp);
	buf_free(&url);
	return rc;
}

/* A speech-recognition variant of a known term ("Datapod" for Dataport). */
static int on_mention(const struct ex_mention *m, void *ctx)
{
	struct run *r = ctx;
	if (strcmp(m->method, "fuzzy") || m->end > r->doc->len || m->start > m->end)
		return 0;
	char *surface = strndup(m->surface, m->surface_len);
	if (!surface) {
		err_set(r->err, r->doc->path, 0, "out of memory");
		r->failed = 1;
		return 1;
	}
	struct dc_span where = { m->start, m->end };
	int rc = record(r, "variant", surface, m->concept, NULL, where, NULL);
	free(surface);
	return rc;
}

/* Runs the finders over one document; its candidates stay in r->recs. */
static int process_doc(struct run *r, const char *path, const struct gz *gz)
{
	struct doc d;
	r->path = path;
	if (doc_read(&d, path, r->err) < 0) {
		doc_free(&d);
		return -1;
	}
	r->doc = &d;
	strv_free(&r->shorts);
	struct ex_options xopt;
	memset(&xopt, 0, sizeof xopt);
	xopt.fuzzy = 1;
	xopt.warn = err_list_add;
	xopt.warn_ctx = &r->warns;
	int rc = 0;
	if (dc_abbrev_scan(d.text, d.len, on_abbrev, r) || r->failed ||
	    dc_acronym_scan(d.text, d.len, on_acronym, r) || r->failed ||
	    dc_definition_scan_known(d.text, d.len, known_term, r->known, on_definition, r) ||
	    r->failed ||
	    dc_citation_scan(d.text, d.len, on_citation, r) || r->failed ||
	    (gz && (ex_extract_path(gz, d.path, &xopt, on_mention, r, r->err) < 0 || r->failed)))
		rc = -1;
	doc_free(&d);
	r->doc = NULL;
	return rc;
}

/* -j N: documents on threads, taken by the main thread in order. */
struct djob {
	struct run r;
	struct err err;
	int rc, is_done;
};

struct dpar {
	struct djob *jobs;
	char **files;
	size_t n_jobs, next, emitted, ahead;
	const struct gz *gz;
	int stop;
	pthread_mutex_t mu, pdf_mu;
	pthread_cond_t cv;
};

static void *dworker(void *arg)
{
	struct dpar *p = arg;
	pthread_mutex_lock(&p->mu);
	for (;;) {
		while (!p->stop && p->next < p->n_jobs && p->next >= p->emitted + p->ahead)
			pthread_cond_wait(&p->cv, &p->mu);
		if (p->stop || p->next >= p->n_jobs)
			break;
		size_t j = p->next++;
		struct djob *jb = &p->jobs[j];
		pthread_mutex_unlock(&p->mu);
		/* poppler is read by one thread at a time */
		int pdf = !strcmp(ex_format_for(p->files[j]), "pdf");
		if (pdf)
			pthread_mutex_lock(&p->pdf_mu);
		jb->rc = process_doc(&jb->r, p->files[j], p->gz);
		if (pdf)
			pthread_mutex_unlock(&p->pdf_mu);
		pthread_mutex_lock(&p->mu);
		jb->is_done = 1;
		pthread_cond_broadcast(&p->cv);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

static void run_free(struct run *r)
{
	recs_free(r);
	strv_free(&r->shorts);
	err_list_free(&r->warns);
}

/* Takes a finished document: its messages, then its candidates into the KB. */
static int take_doc(struct run *r, int rc, struct kb_cands *w, struct ids *ids, struct err *err)
{
	for (size_t i = 0; i < r->warns.n; i++)
		err_print(&r->warns.v[i], stderr);
	if (rc < 0) {
		if (r->err != err)
			*err = *r->err;
		return -1;
	}
	return recs_store(r, w, ids, err);
}

static int discover_files(char **files, int n, const struct gz *gz, struct known *known,
                          struct kb_cands *w, struct ids *ids, int threads, struct err *err)
{
	if (threads <= 1 || n <= 1) {
		int rc = 0;
		for (int i = 0; rc == 0 && i < n; i++) {
			if (cli_show_progress())
				fprintf(stderr, "\r%d/%d %s\033[K", i + 1, n, files[i]);
			struct run r;
			memset(&r, 0, sizeof r);
			r.known = known;
			r.err = err;
			rc = take_doc(&r, process_doc(&r, files[i], gz), w, ids, err);
			run_free(&r);
		}
		return rc;
	}
	if (ex_threads_init(gz, gz != NULL, err) < 0)
		return -1;
	/* the laws sort themselves on first use: before the threads */
	dc_laws_resolve(known->laws, "x", (struct dc_span){ 0, 1 });
	struct dpar p;
	memset(&p, 0, sizeof p);
	p.jobs = calloc((size_t)n, sizeof *p.jobs);
	if (!p.jobs)
		return err_set(err, "", 0, "out of memory");
	p.files = files;
	p.n_jobs = (size_t)n;
	p.gz = gz;
	p.ahead = 2 * (size_t)threads + 2;
	for (int i = 0; i < n; i++) {
		p.jobs[i].r.known = known;
		p.jobs[i].r.err = &p.jobs[i].err;
	}
	pthread_mutex_init(&p.mu, NULL);
	pthread_mutex_init(&p.pdf_mu, NULL);
	pthread_cond_init(&p.cv, NULL);
	if (threads > n)
		threads = n;
	pthread_t *tid = calloc((size_t)threads, sizeof *tid);
	int started = 0;
	while (tid && started < threads && pthread_create(&tid[started], NULL, dworker, &p) == 0)
		started++;
	int rc = started ? 0 : err_set(err, "", 0, "cannot start threads");
	for (size_t j = 0; rc == 0 && j < p.n_jobs; j++) {
		struct djob *jb = &p.jobs[j];
		pthread_mutex_lock(&p.mu);
		while (!jb->is_done)
			pthread_cond_wait(&p.cv, &p.mu);
		pthread_mutex_unlock(&p.mu);
		if (cli_show_progress())
			fprintf(stderr, "\r%zu/%d %s\033[K", j + 1, n, files[j]);
		rc = take_doc(&jb->r, jb->rc, w, ids, err);
		run_free(&jb->r);
		pthread_mutex_lock(&p.mu);
		p.emitted = j + 1;
		pthread_cond_broadcast(&p.cv);
		pthread_mutex_unlock(&p.mu);
	}
	pthread_mutex_lock(&p.mu);
	p.stop = 1;
	pthread_cond_broadcast(&p.cv);
	pthread_mutex_unlock(&p.mu);
	for (int t = 0; t < started; t++)
		pthread_join(tid[t], NULL);
	for (size_t j = 0; j < p.n_jobs; j++)
		run_free(&p.jobs[j].r);
	free(tid);
	free(p.jobs);
	pthread_mutex_destroy(&p.mu);
	pthread_mutex_destroy(&p.pdf_mu);
	pthread_cond_destroy(&p.cv);
	return rc;
}

int cmd_discover(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "format", required_argument, NULL, 'f' },
		{ "fuzzy", no_argument, NULL, 'z' },
		{ "jobs", required_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	int jsonl = 0, fuzzy = 0, c, threads = cli_default_jobs();
	optind = 0;
	while ((c = getopt_long(argc, argv, "hf:j:", opts, NULL)) != -1) {
		if (c == 'h')
			return cli_help(discover_help);
		else if (c == 'f') {
			if (cli_parse_list_format("discover", optarg, &jsonl))
				return EXIT_INPUT;
		} else if (c == 'z')
			fuzzy = 1;
		else if (c == 'j') {
			if ((threads = cli_parse_jobs(optarg)) < 1)
				return cli_usage_error("discover", "-j wants a number of threads from 1 to %d, not '%s'",
				                       CLI_MAX_JOBS, optarg);
		} else
			return cli_option_error("discover", argv, "hf:j:", opts);
	}
	if (optind == argc)
		return cli_usage_error("discover", "expected one or more files");
	for (int i = optind, n_stdin = 0; i < argc; i++)
		if (!strcmp(argv[i], "-")) {
			if (fuzzy)
				return cli_usage_error("discover", "--fuzzy reads files twice; stdin cannot be one");
			if (++n_stdin > 1)
				threads = 1; /* read twice, one after the other */
		}
	struct kb *kb;
	if (cli_open_kb(cli, &kb) < 0)
		return EXIT_INPUT;
	struct err err = { "", 0, "" };
	struct known known;
	struct kb_cands *w = NULL;
	struct ids ids = { NULL, 0, 0 };
	int rc = known_load(kb, &known, &err);
	if (rc == 0 && kb_begin(kb, &err) < 0)
		rc = -1;
	if (rc == 0 && !(w = kb_cands_new(kb, &err)))
		rc = -1;
	struct gz *gz = NULL;
	if (rc == 0 && fuzzy && !(gz = cli_load_gazetteer(kb, &err)))
		rc = -1;
	if (rc == 0)
		rc = discover_files(argv + optind, argc - optind, gz, &known, w, &ids, threads, &err);
	if (cli_show_progress())
		fputs("\r\033[K", stderr);
	if (rc == 0 && kb_cands_finish(w, &err) < 0)
		rc = -1;
	kb_cands_free(w);
	gz_free(gz);
	known_free(&known);
	if (rc == 0 && kb_commit(kb, &err) < 0)
		rc = -1;
	if (rc < 0) {
		kb_rollback(kb);
		kb_close(kb);
		free(ids.v);
		return cli_fail(&err);
	}
	struct cand_printer p = { jsonl, 0 };
	for (size_t i = 0; i < ids.n && rc == 0; i++) {
		struct kb_candidate cand;
		int found = kb_candidate_get(kb, ids.v[i], &cand, &err);
		if (found < 0)
			rc = -1;
		else if (found) {
			if (cli_print_candidate(&cand, &p))
				rc = -1;
			kb_candidate_free(&cand);
		}
	}
	free(ids.v);
	kb_close(kb);
	if (rc < 0)
		return err.msg[0] ? cli_fail(&err) : EXIT_INPUT;
	return EXIT_OK;
}
