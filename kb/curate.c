/* curate.c - the editors' rules: the review workflow, source URLs, and
 * merging one concept into another.
 *
 * Workflow: draft -> review -> approved -> deprecated. Forward steps may skip
 * (draft -> approved) as long as the approval rule holds; going back is
 * allowed one step into review or draft (approved -> review, review -> draft)
 * and a deprecated concept comes back only through review. Approving needs a
 * definition, a source title and an http(s) URL with a host. */
#include "kb_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

int kb_mapping_is_valid(const char *iri)
{
	if (!kb_url_is_valid(iri))
		return 0;
	/* What an IRI cannot hold as it is (RFC 3987): Turtle and N-Triples refuse it. */
	for (const unsigned char *p = (const unsigned char *)iri; *p; p++)
		if (strchr("{}|^`\\", *p))
			return 0;
	return 1;
}

int kb_url_is_valid(const char *url)
{
	const char *host;
	if (!strncmp(url, "https://", 8))
		host = url + 8;
	else if (!strncmp(url, "http://", 7))
		host = url + 7;
	else
		return 0;
	for (const char *p = url; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f || *p == '"' || *p == '<' || *p == '>')
			return 0;
	size_t n = strcspn(host, "/?#");
	const char *colon = memchr(host, ':', n);
	size_t host_len = colon ? (size_t)(colon - host) : n;
	if (host_len == 0 || host[0] == '.' || host[0] == '-' || host[host_len - 1] == '.')
		return 0;
	for (size_t i = 0; i < host_len; i++) {
		unsigned char ch = (unsigned char)host[i];
		if (!(isalnum(ch) || ch == '.' || ch == '-' || ch >= 0x80))
			return 0;
		if (ch == '.' && i + 1 < host_len && host[i + 1] == '.')
			return 0;
	}
	if (colon) {
		if (colon + 1 == host + n)
			return 0;
		for (const char *p = colon + 1; p < host + n; p++)
			if (!isdigit((unsigned char)*p))
				return 0;
	}
	return 1;
}

static int status_rank(const char *s)
{
	for (int i = 0; kb_statuses[i]; i++)
		if (!strcmp(kb_statuses[i], s))
			return i;
	return -1;
}

int kb_status_check(const char *from, const struct kb_concept *c, struct err *err)
{
	const char *to = c->status && *c->status ? c->status : "draft";
	int f = from && *from ? status_rank(from) : 0, t = status_rank(to);
	if (t < 0)
		return err_set(err, "", 0, "%s: unknown status '%s' (draft, review, approved, "
		               "deprecated)", c->key, to);
	enum { DRAFT, REVIEW, APPROVED, DEPRECATED };
	int allowed = f == t || t > f || (f == APPROVED && t == REVIEW) ||
	              (f == REVIEW && t == DRAFT) || (f == DEPRECATED && t == REVIEW);
	if (!allowed)
		return err_set(err, "", 0, "%s: cannot go from %s to %s (back from approved "
		               "only to review, from deprecated only to review)", c->key, from, to);
	if (t == APPROVED) {
		/* An approved concept keeps its sourced definition through later edits. */
		const char *what = f == APPROVED ? "an approved concept needs" : "approving needs";
		if (!c->definition || !*c->definition)
			return err_set(err, "", 0, "%s: %s a definition (glossar term define)", c->key,
			               what);
		if (!c->source || !*c->source || !c->source_url || !*c->source_url)
			return err_set(err, "", 0, "%s: %s a definition with its source (title and "
			               "URL)", c->key, what);
	}
	if (c->source_url && *c->source_url && !kb_url_is_valid(c->source_url))
		return err_set(err, "", 0, "%s: malformed source URL '%s' (http or https with a "
		               "host)", c->key, c->source_url);
	if (c->replaced_by && *c->replaced_by) {
		if (t != DEPRECATED)
			return err_set(err, "", 0, "%s: only a deprecated concept has a replacement",
			               c->key);
		if (!strcmp(c->replaced_by, c->key))
			return err_set(err, "", 0, "%s: a concept cannot replace itself", c->key);
	}
	return 0;
}

/* Adds s to sv unless c already has it as a label. */
static int add_label(struct kb_concept *c, struct strv *sv, const char *s)
{
	if (!strcmp(c->pref_label, s) || strv_contains(&c->abbreviations, s) ||
	    strv_contains(&c->alt_labels, s) || strv_contains(&c->hidden_labels, s))
		return 0;
	return strv_push(sv, s);
}

/* Replaces from by to in sv (dropping it when to is already there or is self). */
static int rewire(struct strv *sv, const char *from, const char *to, const char *self)
{
	struct strv out = { NULL, 0 };
	for (size_t i = 0; i < sv->n; i++) {
		const char *k = !strcmp(sv->v[i], from) ? to : sv->v[i];
		if (strcmp(k, self) && !strv_contains(&out, k) && strv_push(&out, k) < 0) {
			strv_free(&out);
			return -1;
		}
	}
	strv_free(sv);
	*sv = out;
	return 0;
}

static int replace_str(char **dst, const char *s)
{
	char *copy = strdup(s);
	if (!copy)
		return -1;
	free(*dst);
	*dst = copy;
	return 0;
}

int kb_concept_merge(struct kb *kb, const char *key, const char *into, struct err *err)
{
	if (!strcmp(key, into))
		return err_set(err, "", 0, "cannot merge %s into itself", key);
	struct kb_vocab v;
	if (kb_vocab_load(kb, &v, err) < 0)
		return -1;
	struct kb_concept *src = (struct kb_concept *)kb_vocab_find(&v, key);
	struct kb_concept *dst = (struct kb_concept *)kb_vocab_find(&v, into);
	int rc = 0;
	if (!src || !dst)
		rc = err_set(err, "", 0, "no concept '%s'", !src ? key : into);
	else if (!strcmp(dst->status, "deprecated"))
		rc = err_set(err, "", 0, "%s is deprecated; merge into its replacement", into);
	else if (!strcmp(src->status, "deprecated") && *src->replaced_by)
		rc = err_set(err, "", 0, "%s is already replaced by %s", key, src->replaced_by);
	int oom = 0;
	if (rc == 0) {
		/* Displayed labels become alt labels (abbreviations stay abbreviations, so
		 * they keep matching as acronyms); misspellings stay hidden. */
		oom |= add_label(dst, &dst->alt_labels, src->pref_label) < 0;
		for (size_t i = 0; i < src->alt_labels.n; i++)
			oom |= add_label(dst, &dst->alt_labels, src->alt_labels.v[i]) < 0;
		for (size_t i = 0; i < src->abbreviations.n; i++)
			oom |= add_label(dst, &dst->abbreviations, src->abbreviations.v[i]) < 0;
		for (size_t i = 0; i < src->hidden_labels.n; i++)
			oom |= add_label(dst, &dst->hidden_labels, src->hidden_labels.v[i]) < 0;
		if (!*dst->definition && *src->definition) {
			oom |= replace_str(&dst->definition, src->definition) < 0 ||
			       replace_str(&dst->source, src->source) < 0 ||
			       replace_str(&dst->source_url, src->source_url) < 0;
			oom |= replace_str(&src->definition, "") < 0 || replace_str(&src->source, "") < 0 ||
			       replace_str(&src->source_url, "") < 0;
		}
		for (size_t i = 0; i < src->broader.n; i++)
			if (!strv_contains(&dst->broader, src->broader.v[i]))
				oom |= strv_push(&dst->broader, src->broader.v[i]) < 0;
		for (size_t i = 0; i < src->related.n; i++)
			if (!strv_contains(&dst->related, src->related.v[i]))
				oom |= strv_push(&dst->related, src->related.v[i]) < 0;
		oom |= rewire(&dst->broader, key, into, into) < 0 ||
		       rewire(&dst->related, key, into, into) < 0;
		if (oom)
			rc = err_set(err, kb->path, 0, "out of memory");
	}
	if (rc == 0 && kb_concept_put(kb, dst, "term merge", err) < 0)
		rc = -1;
	/* Relations elsewhere that named key now name into. */
	for (size_t i = 0; i < v.n && rc == 0; i++) {
		struct kb_concept *o = &v.items[i];
		if (o == src || o == dst ||
		    (!strv_contains(&o->broader, key) && !strv_contains(&o->related, key)))
			continue;
		if (rewire(&o->broader, key, into, o->key) < 0 ||
		    rewire(&o->related, key, into, o->key) < 0)
			rc = err_set(err, kb->path, 0, "out of memory");
		else if (kb_concept_put(kb, o, "term merge", err) < 0)
			rc = -1;
	}
	if (rc == 0) {
		/* key keeps only its preferred label, so that no label is claimed twice. */
		strv_free(&src->alt_labels);
		strv_free(&src->abbreviations);
		strv_free(&src->hidden_labels);
		strv_free(&src->broader);
		strv_free(&src->related);
		if (replace_str(&src->status, "deprecated") < 0 ||
		    replace_str(&src->replaced_by, into) < 0)
			rc = err_set(err, kb->path, 0, "out of memory");
		else if (kb_concept_put(kb, src, "term merge", err) < 0)
			rc = -1;
	}
	if (rc == 0) {
		sqlite3_stmt *st;
		if (sqlite3_prepare_v2(kb->db,
		        "UPDATE mention SET concept_id = (SELECT id FROM concept WHERE key = ?2)"
		        " WHERE concept_id = (SELECT id FROM concept WHERE key = ?1)",
		        -1, &st, NULL) != SQLITE_OK)
			rc = err_set(err, kb->path, 0, "cannot move mentions: %s", sqlite3_errmsg(kb->db));
		else {
			sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(st, 2, into, -1, SQLITE_TRANSIENT);
			if (sqlite3_step(st) != SQLITE_DONE)
				rc = err_set(err, kb->path, 0, "cannot move mentions: %s",
				             sqlite3_errmsg(kb->db));
			sqlite3_finalize(st);
		}
	}
	kb_vocab_free(&v);
	return rc;
}
