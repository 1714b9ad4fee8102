/* discover.h - discovery on plain UTF-8 text: abbreviation definitions
 * (abbrev.c, abbrev_forms.c), unknown acronyms (acronym.c), German sentences
 * and definition sentences (definition.c) and legal citations (citation.c).
 *
 * Every finder works on (text, len) as a reader produced it and reports
 * byte spans into that text through a callback, so the caller maps them back
 * to file and line (ex_text_position) and decides what to store. None of
 * them allocates per match; none reads outside [text, text + len). */
#ifndef GLOSSAR_DISCOVER_H
#define GLOSSAR_DISCOVER_H

#include <stddef.h>

#include "../common/buf.h"

struct dc_span {
	size_t start, end; /* byte offsets, end exclusive */
};

/* Appends text[s.start, s.end) with runs of white space as one space, a word
 * split by a hyphen at a line end joined again ("Online-\n Dienste" stays
 * hyphenated, "Verwal-\ntung" joins), trimmed. Returns 0 or -1 (memory). */
int dc_clean(const char *text, struct dc_span s, struct buf *out);

/* ---- abbreviation definitions (abbrev.c, abbrev_forms.c) ---- */

/* One definition of a short form by a long form found in the text. */
struct dc_abbrev {
	struct dc_span short_form; /* "DMK", "BSIG 2009" */
	struct dc_span long_form;  /* "Digitalministerkonferenz" */
	const char *pattern;       /* "long (short)", "short (long)", "short, long", "kurz",
	                            * "long, short", "short – long", "long oder short",
	                            * "long (name – short)", "law (short)" */
};
/* Return non-zero to stop the scan. */
typedef int (*dc_abbrev_fn)(const char *text, const struct dc_abbrev *a, void *ctx);
/* Finds every abbreviation definition, in text order. Returns 0, or the
 * callback's non-zero value. */
int dc_abbrev_scan(const char *text, size_t len, dc_abbrev_fn fn, void *ctx);
/* Whether the long form explains the short form's letters (the matching
 * rule of the scan, for a pair given whole): 1 yes, 0 no. */
int dc_abbrev_explains(const char *short_form, size_t short_len, const char *long_form,
                       size_t long_len);

/* Whether a and b are one name up to German inflection endings on their
 * words ("Nationalen Once-Only-Technical-Systems" and "Nationales
 * Once-Only-Technical-System"): after norm_text, the same words in the same
 * order (split at spaces and hyphens), each pair equal or one stem of at
 * least three letters with an ending (e, n, s, en, er, es, em, ns, ens, ern)
 * on either side, and at least one pair different. 1 yes, 0 no. */
int dc_is_inflected_variant(const char *a, const char *b);

/* The base form of a name declined after article (lower case: "des",
 * "der", "dem", "im", "die", "das", ...), as a glossary names it: "des" +
 * "Nationalen Once-Only-Technical-Systems" gives "Nationales
 * Once-Only-Technical-System", "der" + "Föderalen IT-Kooperation" gives
 * "Föderale IT-Kooperation" (baseform.c). Appends it to out and returns 1;
 * 0 where the case or the head noun's gender is not certain enough (out
 * unchanged: keep the name as written); -1 out of memory. */
int dc_base_form(const char *article, const char *name, struct buf *out);

/* ---- unknown acronyms (acronym.c) ---- */

/* Whether s looks like an acronym: at least two capitals, half of its letters
 * capitals or at most five letters, 2..12 bytes ("BMDS", "XÖV", "EfA", "IDNrG"). */
int dc_is_acronym(const char *s, size_t len);
/* Whether the German stop list holds s: roman numerals, units, currency and
 * country codes, and all-caps words that are no terms of the field. */
int dc_acronym_is_stopword(const char *s, size_t len);
/* Calls fn for each acronym token that is not a stop word: the parts of
 * hyphenated compounds count alone ("OZG-Umsetzung" gives "OZG"), a plural
 * or genitive "s" after capitals is dropped ("NRWs" gives "NRW"). */
typedef int (*dc_token_fn)(const char *text, struct dc_span token, void *ctx);
int dc_acronym_scan(const char *text, size_t len, dc_token_fn fn, void *ctx);

/* ---- sentences and definition sentences (definition.c) ---- */

/* Calls fn for each sentence, in order. Sentence ends are '.', '!', '?'
 * followed by white space and a capital, a digit or an opening quote, and
 * blank lines and Markdown headings; a full stop after a known German
 * abbreviation (z. B., Art., Abs., Nr., bzw., d. h., ggf., u. a., vgl., S.,
 * ff., Dr., ...), after an ordinal or number ("1. Januar", "§ 3 Abs. 1") or
 * after a single capital initial ends nothing. */
int dc_sentence_scan(const char *text, size_t len, dc_token_fn fn, void *ctx);

struct dc_definition {
	struct dc_span sentence; /* the whole sentence */
	struct dc_span term;     /* the term it defines, without article or quotes */
	const char *pattern;     /* "ist ein", "versteht man", "bezeichnet", "also",
	                          * "im Sinne", "Im Sinne ... 1." */
};
typedef int (*dc_definition_fn)(const char *text, const struct dc_definition *d, void *ctx);
/* Finds definition sentences whose term is a plausible term (a noun phrase
 * of at most five words that starts with a capital or a quote). */
int dc_definition_scan(const char *text, size_t len, dc_definition_fn fn, void *ctx);
/* The same, also taking a term of any shape (up to eight words) that known
 * says is a label of the knowledge base. */
typedef int (*dc_known_fn)(const char *s, size_t len, void *ctx);
int dc_definition_scan_known(const char *text, size_t len, dc_known_fn known, void *known_ctx,
                             dc_definition_fn fn, void *ctx);

/* ---- legal citations (citation.c) ---- */

struct dc_citation {
	struct dc_span span;     /* the whole citation, "§ 1 Abs. 1 OZG" */
	struct dc_span law;      /* the law as written ("OZG", "des Onlinezugangsgesetzes") */
	int is_article;          /* Art./Artikel rather than § */
	char number[16];         /* "1", "91c" */
	char number_to[16];      /* the end of a range ("5" in "§§ 3 bis 5"), or "" */
	int has_ff;              /* "ff." or "f." follows */
	char paragraph[16];      /* Abs./Absatz, or "" */
	char sentence[16];       /* Satz, or "" */
	char item[16];           /* Nr./Nummer, or "" */
};
typedef int (*dc_citation_fn)(const char *text, const struct dc_citation *c, void *ctx);
/* Finds citations of a § or an article. A citation without a law after it
 * ("nach § 3 Abs. 2") has an empty law span. */
int dc_citation_scan(const char *text, size_t len, dc_citation_fn fn, void *ctx);

/* Laws by abbreviation and title, to resolve the law of a citation. */
struct dc_laws;
struct dc_laws *dc_laws_new(void);
void dc_laws_free(struct dc_laws *laws);
/* Adds a label (abbreviation or title) of the law with this slug
 * (gesetze-im-internet.de). Returns 0 or -1 (memory, invalid UTF-8). */
int dc_laws_add(struct dc_laws *laws, const char *label, const char *slug);
/* The slug of the law named by text[s] ("GG", "Grundgesetz", "des
 * Grundgesetzes", "Onlinezugangsgesetzes"), or NULL. */
const char *dc_laws_resolve(struct dc_laws *laws, const char *text, struct dc_span s);
/* Appends the citation's page on gesetze-im-internet.de for the law with
 * this slug: .../<slug>/__<n>.html or .../<slug>/art_<n>.html (ranges and
 * ff. link the first unit). Returns 0 or -1. */
int dc_citation_url(const struct dc_citation *c, const char *slug, struct buf *out);
/* Appends "§ 1 Abs. 1 Satz 2 Nr. 3" (the unit, without the law). */
int dc_citation_unit(const struct dc_citation *c, struct buf *out);

#endif
