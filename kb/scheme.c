/* scheme.c - the concept scheme's own metadata (title, publisher, licence,
 * base URI, version, ...), kept in the knowledge base so that every export
 * and the server describe the scheme alike; and releases: the vocabulary as
 * it was when a tag was given, one concept snapshot per row, so that any two
 * releases (or a release and now) can be compared and each release stays
 * addressable. */
#include "kb_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "../common/buf.h"

const struct kb_scheme_field kb_scheme_fields[] = {
	{ "title", 1, "the scheme's title (dct:title)" },
	{ "description", 1, "what the vocabulary covers (dct:description)" },
	{ "publisher", 1, "the publishing body's name (foaf:name of dct:publisher)" },
	{ "publisher-uri", 0, "the publishing body's IRI (dct:publisher)" },
	{ "creator", 1, "who made it (foaf:name of dct:creator)" },
	{ "creator-uri", 0, "the creator's IRI (dct:creator)" },
	{ "license", 0, "the licence's IRI (dct:license)" },
	{ "base-uri", 0, "concept IRI = base URI + key (ends in /)" },
	{ "version", 0, "the version (owl:versionInfo)" },
	{ "issued", 0, "the date of first publication, YYYY-MM-DD (dct:issued)" },
	{ NULL, 0, NULL },
};

static const struct kb_scheme_field *field_of(const char *name)
{
	for (const struct kb_scheme_field *f = kb_scheme_fields; f->name; f++)
		if (!strcmp(f->name, name))
			return f;
	return NULL;
}

static int sql_fail(struct kb *kb, struct err *err, const char *what)
{
	return err_set(err, kb->path, 0, "%s: %s", what, sqlite3_errmsg(kb->db));
}

static int is_date(const char *s)
{
	static const char shape[] = "dddd-dd-dd";
	for (size_t i = 0; i < sizeof shape - 1; i++)
		if (shape[i] == 'd' ? !isdigit((unsigned char)s[i]) : s[i] != '-')
			return 0;
	int month = atoi(s + 5), day = atoi(s + 8);
	return s[10] == '\0' && month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

static int has_control(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p < 0x20 && *p != '\t') || *p == 0x7f)
			return 1;
	return 0;
}

int kb_scheme_check(const char *name, const char *lang, const char *value, struct err *err)
{
	const struct kb_scheme_field *f = field_of(name);
	if (!f)
		return err_set(err, "", 0, "unknown scheme field '%s' (see glossar scheme --help)", name);
	if (lang && *lang && strcmp(lang, "de") && strcmp(lang, "en"))
		return err_set(err, "", 0, "language '%s': de or en", lang);
	if (lang && !strcmp(lang, "en") && !f->has_lang)
		return err_set(err, "", 0, "%s has no language", name);
	if (!*value)
		return 0; /* unsets */
	if (has_control(value))
		return err_set(err, "", 0, "%s: control characters or line breaks are not allowed", name);
	if ((!strcmp(name, "license") || !strcmp(name, "publisher-uri") ||
	     !strcmp(name, "creator-uri") || !strcmp(name, "base-uri")) && !kb_url_is_valid(value))
		return err_set(err, "", 0, "%s: '%s' is not an absolute http(s) IRI", name, value);
	if (!strcmp(name, "base-uri") && value[strlen(value) - 1] != '/')
		return err_set(err, "", 0, "base-uri: '%s' must end in '/'", value);
	if (!strcmp(name, "issued") && !is_date(value))
		return err_set(err, "", 0, "issued: '%s' is not a date YYYY-MM-DD", value);
	return 0;
}

int kb_scheme_set(struct kb *kb, const char *name, const char *lang, const char *value,
                  struct err *err)
{
	if (kb_scheme_check(name, lang, value, err) < 0)
		return -1;
	const char *l = lang && !strcmp(lang, "en") ? "en" : "";
	sqlite3_stmt *st;
	const char *sql = *value
		? "INSERT INTO scheme_meta(name, lang, value) VALUES (?1, ?2, ?3)"
		  " ON CONFLICT(name, lang) DO UPDATE SET value = excluded.value"
		: "DELETE FROM scheme_meta WHERE name = ?1 AND lang = ?2";
	if (sqlite3_prepare_v2(kb->db, sql, -1, &st, NULL) != SQLITE_OK)
		return sql_fail(kb, err, "cannot set the scheme metadata");
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, l, -1, SQLITE_STATIC);
	if (*value)
		sqlite3_bind_text(st, 3, value, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : sql_fail(kb, err, "cannot set the scheme metadata");
	sqlite3_finalize(st);
	return rc;
}

int kb_scheme_list(struct kb *kb, kb_scheme_fn fn, void *ctx, struct err *err)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(kb->db, "SELECT name, lang, value FROM scheme_meta ORDER BY name, lang",
	                       -1, &st, NULL) != SQLITE_OK)
		return sql_fail(kb, err, "cannot read the scheme metadata");
	int rc, stop = 0;
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW)
		stop = fn((const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
		          (const char *)sqlite3_column_text(st, 2), ctx);
	sqlite3_finalize(st);
	if (!stop && rc != SQLITE_DONE)
		return sql_fail(kb, err, "cannot read the scheme metadata");
	return 0;
}

static int collect(const char *name, const char *lang, const char *value, void *ctx)
{
	struct kb_scheme *s = ctx;
	int en = !strcmp(lang, "en");
	char **slot = !strcmp(name, "title") ? (en ? &s->title_en : &s->title)
	            : !strcmp(name, "description") ? (en ? &s->description_en : &s->description)
	            : !strcmp(name, "publisher") ? (en ? &s->publisher_en : &s->publisher)
	            : !strcmp(name, "creator") ? (en ? &s->creator_en : &s->creator)
	            : !strcmp(name, "publisher-uri") ? &s->publisher_uri
	            : !strcmp(name, "creator-uri") ? &s->creator_uri
	            : !strcmp(name, "license") ? &s->license
	            : !strcmp(name, "base-uri") ? &s->base_uri
	            : !strcmp(name, "version") ? &s->version
	            : !strcmp(name, "issued") ? &s->issued : NULL;
	if (slot) {
		free(*slot);
		if (!(*slot = strdup(value)))
			s->failed = 1;
	}
	return s->failed;
}

int kb_scheme_load(struct kb *kb, struct kb_scheme *out, struct err *err)
{
	memset(out, 0, sizeof *out);
	if (kb_scheme_list(kb, collect, out, err) < 0 || out->failed) {
		kb_scheme_free(out);
		return out->failed ? err_set(err, kb->path, 0, "out of memory") : -1;
	}
	return 0;
}

void kb_scheme_free(struct kb_scheme *s)
{
	char **all[] = { &s->title, &s->title_en, &s->description, &s->description_en,
		         &s->publisher, &s->publisher_en, &s->publisher_uri, &s->creator,
		         &s->creator_en, &s->creator_uri, &s->license, &s->base_uri, &s->version,
		         &s->issued };
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
		free(*all[i]);
		*all[i] = NULL;
	}
}
