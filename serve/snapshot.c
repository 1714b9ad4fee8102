/* snapshot.c - what requests read: the vocabulary, its inverse relations,
 * the A-Z order, the search labels, the gazetteer and the SKOS graph, loaded
 * in one read transaction and shared by reference count. Each request asks
 * SQLite whether another connection committed since (PRAGMA data_version),
 * so a change made with `glossar term ...` shows on the next request; since
 * that takes file locks, it is asked only when the KB's or its WAL's size or
 * modification time changed, or a second has passed. The
 * ETag is a hash of the content, so it survives a restart and changes
 * exactly when the vocabulary or the stored mentions do. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "../extract/norm.h"
#include "srv.h"

long snap_find(const struct snap *sn, const char *key)
{
	const struct kb_concept *c = kb_vocab_find(&sn->v, key);
	return c ? (long)(c - sn->v.items) : -1;
}

static void cv_free(struct concept_view *cv)
{
	strv_free(&cv->narrower);
	strv_free(&cv->related);
	for (size_t i = 0; i < cv->n_docs; i++)
		free(cv->docs[i].path);
	free(cv->docs);
	free(cv->def_norm);
}

void snap_free(struct snap *sn)
{
	if (!sn)
		return;
	for (size_t i = 0; sn->cv && i < sn->v.n; i++)
		cv_free(&sn->cv[i]);
	for (size_t i = 0; sn->cache && i < sn->v.n * C_KINDS; i++)
		free(sn->cache[i].data);
	for (size_t i = 0; i < sn->n_labels; i++)
		free(sn->labels[i].norm);
	free(sn->labels);
	free(sn->cache);
	free(sn->cv);
	free(sn->alpha);
	free(sn->start_page.data);
	free(sn->chart.data);
	gz_free(sn->gz);
	skos_graph_free(sn->graph);
	kb_vocab_free(&sn->v);
	pthread_mutex_destroy(&sn->cache_lock);
	free(sn);
}

struct count_ctx {
	struct snap *sn;
	int failed;
	struct strv docs; /* distinct documents */
};

static int on_count(const char *key, const char *doc, long long count, void *ctx)
{
	struct count_ctx *c = ctx;
	long i = snap_find(c->sn, key);
	if (i < 0)
		return 0;
	struct concept_view *cv = &c->sn->cv[i];
	struct doc_count *d = realloc(cv->docs, (cv->n_docs + 1) * sizeof *d);
	if (!d || !(d[cv->n_docs].path = strdup(doc))) {
		if (d)
			cv->docs = d;
		c->failed = 1;
		return 1;
	}
	cv->docs = d;
	d[cv->n_docs++].count = count;
	cv->mentions += count;
	if (!strv_contains(&c->docs, doc) && strv_push(&c->docs, doc) < 0) {
		c->failed = 1;
		return 1;
	}
	return 0;
}

static const struct snap *sort_snap; /* qsort has no context; loads are serialised */

static int by_label(const void *a, const void *b)
{
	const struct kb_concept *x = &sort_snap->v.items[*(const size_t *)a];
	const struct kb_concept *y = &sort_snap->v.items[*(const size_t *)b];
	int c = gl_collate(x->pref_label, y->pref_label);
	return c ? c : strcmp(x->key, y->key);
}

static int noop_mention(const struct ex_mention *m, void *ctx)
{
	(void)m;
	(void)ctx;
	return 0;
}

static int build_gazetteer(struct snap *sn, struct err *err)
{
	struct kb_gz_labels g;
	if (kb_gz_labels_build(&sn->v, &g, err) < 0)
		return -1;
	const struct gz_label *gl = g.labels;
	size_t k = g.n;
	sn->labels = calloc(k ? k : 1, sizeof *sn->labels);
	if (!sn->labels) {
		kb_gz_labels_free(&g);
		return err_set(err, NULL, 0, "out of memory");
	}
	for (size_t j = 0; j < k; j++) {
		struct buf nb = BUF_INIT;
		if (norm_key(gl[j].text, strlen(gl[j].text), &nb) < 0 || !nb.data) {
			buf_free(&nb);
			continue;
		}
		long ci = snap_find(sn, gl[j].concept);
		sn->labels[sn->n_labels++] =
			(struct search_label){ gl[j].text, buf_detach(&nb), (size_t)ci, gl[j].kind };
	}
	sn->gz = gz_compile_ctx(gl, g.contexts, k, err);
	kb_gz_labels_free(&g);
	if (!sn->gz)
		return -1;
	/* Build the fuzzy index now: later requests share it from many threads. */
	struct ex_options xo = { 0 };
	xo.fuzzy = 1;
	xo.warn = NULL;
	int warnings = 0;
	xo.warnings = &warnings;
	return ex_extract_mem(sn->gz, "-", "txt", "warm up", 7, &xo, noop_mention, NULL, err);
}

static int build_relations(struct snap *sn)
{
	for (size_t i = 0; i < sn->v.n; i++) {
		const struct kb_concept *c = &sn->v.items[i];
		for (size_t j = 0; j < c->broader.n; j++) {
			long o = snap_find(sn, c->broader.v[j]);
			if (o >= 0 && !strv_contains(&sn->cv[o].narrower, c->key) &&
			    strv_push(&sn->cv[o].narrower, c->key) < 0)
				return -1;
		}
		for (size_t j = 0; j < c->related.n; j++) {
			long o = snap_find(sn, c->related.v[j]);
			if (o < 0)
				continue;
			if (!strv_contains(&sn->cv[i].related, c->related.v[j]) &&
			    strv_push(&sn->cv[i].related, c->related.v[j]) < 0)
				return -1;
			if (!strv_contains(&sn->cv[o].related, c->key) &&
			    strv_push(&sn->cv[o].related, c->key) < 0)
				return -1;
		}
	}
	return 0;
}

static uint64_t fnv(uint64_t h, const void *data, size_t n)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= 1099511628211ull;
	}
	return h;
}

static int make_etag(struct srv *s, struct snap *sn, struct err *err)
{
	char *mem = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&mem, &len);
	if (!f)
		return err_set(err, NULL, 0, "out of memory");
	int rc = csv_write_vocab(f, &sn->v, err);
	if (fclose(f) != 0 && rc == 0)
		rc = err_set(err, NULL, 0, "out of memory");
	if (rc < 0) {
		free(mem);
		return -1;
	}
	uint64_t h = fnv(14695981039346656037ull, mem, len);
	free(mem);
	for (size_t i = 0; i < sn->v.n; i++) {
		/* modified is not in the CSV but is in the RDF */
		const char *m = sn->v.items[i].modified ? sn->v.items[i].modified : "";
		h = fnv(h, m, strlen(m) + 1);
		for (size_t j = 0; j < sn->cv[i].n_docs; j++) {
			h = fnv(h, sn->cv[i].docs[j].path, strlen(sn->cv[i].docs[j].path) + 1);
			h = fnv(h, &sn->cv[i].docs[j].count, sizeof sn->cv[i].docs[j].count);
		}
	}
	h = fnv(h, s->base_uri, strlen(s->base_uri) + 1);
	h = fnv(h, sn->title, strlen(sn->title) + 1);
	snprintf(sn->etag, sizeof sn->etag, "\"g%016llx", (unsigned long long)h);
	return 0;
}

struct snap *snap_load(struct srv *s, struct err *err)
{
	struct snap *sn = calloc(1, sizeof *sn);
	if (!sn) {
		err_set(err, NULL, 0, "out of memory");
		return NULL;
	}
	pthread_mutex_init(&sn->cache_lock, NULL);
	snprintf(sn->title, sizeof sn->title, "%s",
	         s->skos.title ? s->skos.title : "Glossar Verwaltungsdigitalisierung");
	char changed[32] = "";
	if (kb_read_begin(s->kb, err) < 0)
		goto fail;
	int rc = kb_vocab_load(s->kb, &sn->v, err);
	if (rc == 0) {
		sn->cv = calloc(sn->v.n ? sn->v.n : 1, sizeof *sn->cv);
		sn->cache = calloc(sn->v.n ? sn->v.n * C_KINDS : 1, sizeof *sn->cache);
		if (!sn->cv || !sn->cache)
			rc = err_set(err, NULL, 0, "out of memory");
	}
	struct count_ctx cc = { sn, 0, { NULL, 0 } };
	if (rc == 0 && (kb_mention_counts(s->kb, on_count, &cc, err) < 0 ||
	                (cc.failed && err_set(err, NULL, 0, "out of memory") < 0)))
		rc = -1;
	if (rc == 0)
		rc = kb_last_change(s->kb, changed, err);
	kb_read_end(s->kb);
	sn->n_documents = (long long)cc.docs.n;
	strv_free(&cc.docs);
	if (rc < 0)
		goto fail;
	sn->alpha = malloc((sn->v.n ? sn->v.n : 1) * sizeof *sn->alpha);
	if (!sn->alpha || build_relations(sn) < 0) {
		err_set(err, NULL, 0, "out of memory");
		goto fail;
	}
	for (size_t i = 0; i < sn->v.n; i++) {
		sn->alpha[i] = i;
		const char *d = sn->v.items[i].definition;
		struct buf nb = BUF_INIT;
		if (d && *d && norm_text(d, strlen(d), &nb) == 0)
			sn->cv[i].def_norm = buf_detach(&nb);
		buf_free(&nb);
	}
	sort_snap = sn;
	qsort(sn->alpha, sn->v.n, sizeof *sn->alpha, by_label);
	if (build_gazetteer(sn, err) < 0)
		goto fail;
	if (!(sn->graph = skos_graph_new(&sn->v, &s->skos, err)))
		goto fail;
	if (make_etag(s, sn, err) < 0)
		goto fail;
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	if (changed[0] && strptime(changed, "%Y-%m-%dT%H:%M:%S", &tm)) {
		sn->last_modified = timegm(&tm);
		strftime(sn->last_modified_http, sizeof sn->last_modified_http,
		         "%a, %d %b %Y %H:%M:%S GMT", &tm);
	}
	sn->refs = 1;
	return sn;
fail:
	snap_free(sn);
	return NULL;
}

/* A signature of the KB file and its WAL: every commit changes the WAL's
 * size or modification time (nanoseconds), a rollback-journal commit the
 * file's. */
static unsigned long long file_sig(const char *path)
{
	unsigned long long h = 14695981039346656037ull;
	char wal[4096];
	snprintf(wal, sizeof wal, "%s-wal", path);
	const char *paths[2] = { path, wal };
	for (int i = 0; i < 2; i++) {
		struct stat st;
		unsigned long long v[5] = { 0, 0, 0, 0, 0 };
		if (stat(paths[i], &st) == 0) {
			v[0] = (unsigned long long)st.st_ino;
			v[1] = (unsigned long long)st.st_size;
			v[2] = (unsigned long long)st.st_mtim.tv_sec;
			v[3] = (unsigned long long)st.st_mtim.tv_nsec;
			v[4] = (unsigned long long)st.st_ctim.tv_nsec;
		}
		for (int k = 0; k < 5; k++)
			h = (h ^ v[k]) * 1099511628211ull;
	}
	return h;
}

struct snap *snap_acquire(struct srv *s, struct err *err)
{
	unsigned long long sig = file_sig(kb_path(s->kb));
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC_COARSE, &now);
	pthread_mutex_lock(&s->lock);
	int must_ask = !s->cur || sig != s->file_sig || now.tv_sec != s->checked.tv_sec;
	long long dv = s->data_version;
	if (must_ask) {
		dv = kb_data_version(s->kb);
		s->file_sig = sig;
		s->checked = now;
	}
	if (!s->cur || dv != s->data_version) {
		struct snap *sn = snap_load(s, err);
		if (sn) {
			struct snap *old = s->cur;
			s->cur = sn;
			if (old && __atomic_sub_fetch(&old->refs, 1, __ATOMIC_ACQ_REL) == 0)
				snap_free(old);
			s->data_version = dv;
		} else if (s->cur) {
			/* keep serving what was last read; the next request tries again */
			fprintf(stderr, "glossar serve: reload failed: %s\n", err->msg);
		}
	}
	struct snap *sn = s->cur;
	if (sn)
		__atomic_add_fetch(&sn->refs, 1, __ATOMIC_RELAXED);
	pthread_mutex_unlock(&s->lock);
	return sn;
}

/* s->cur holds a reference of its own, dropped under the lock when it is
 * replaced, so a snapshot that acquire can still see never reaches 0 here. */
void snap_release(struct srv *s, struct snap *sn)
{
	(void)s;
	if (__atomic_sub_fetch(&sn->refs, 1, __ATOMIC_ACQ_REL) == 0)
		snap_free(sn);
}

int snap_cached(struct snap *sn, size_t i, enum cache_kind kind, cache_make_fn make, void *ctx,
                const char **data, size_t *len)
{
	struct cached *c = &sn->cache[i * C_KINDS + kind];
	/* filled once, len before data: a reader that sees data sees its len */
	char *ready = __atomic_load_n(&c->data, __ATOMIC_ACQUIRE);
	if (ready) {
		*data = ready;
		*len = c->len;
		return 0;
	}
	struct buf b = BUF_INIT;
	if (make(sn, i, &b, ctx) < 0 || buf_putc(&b, '\0') < 0) {
		buf_free(&b);
		return -1;
	}
	size_t n = b.len - 1;
	char *made = buf_detach(&b);
	pthread_mutex_lock(&sn->cache_lock);
	if (c->data) {
		free(made); /* another thread made it meanwhile */
	} else {
		c->len = n;
		__atomic_store_n(&c->data, made, __ATOMIC_RELEASE);
	}
	*data = c->data;
	*len = c->len;
	pthread_mutex_unlock(&sn->cache_lock);
	return 0;
}
