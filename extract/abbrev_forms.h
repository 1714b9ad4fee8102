/* abbrev_forms.h - the forms of an abbreviation definition, shared by the
 * rules of abbrev.c and their matching in abbrev_forms.c: the short form,
 * the long form's letters and the text helpers both use. Internal to
 * extract/; discover.h is the contract. */
#ifndef GLOSSAR_ABBREV_FORMS_H
#define GLOSSAR_ABBREV_FORMS_H

#include <stddef.h>
#include <stdint.h>

#include "discover.h"

enum { MAX_WORDS = 25, MAX_CHARS = 1024, MAX_SHORT = 10 };

struct word {
	size_t start, end;
};

/* ---- text helpers ---- */

/* Characters that end a long form's window. */
int ab_is_boundary(int32_t c);
/* Whether s[0..n) is one of the words of the NULL-ended list. */
int ab_word_in(const char *s, size_t n, const char *const *list);
/* Articles, prepositions and conjunctions, German and English, also
 * capitalised at a sentence start. */
int ab_is_function_word(const char *s, size_t n);
/* Collects up to max words that end at or before `end`, right to left, stopping
 * at a boundary character, a blank line or a free-standing dash. Returns the
 * count; w[0] is the word nearest to end. */
size_t ab_words_before(const char *text, size_t end, struct word *w, size_t max);
/* Words after `start`, left to right, with the same stops. */
size_t ab_words_after(const char *text, size_t len, size_t start, struct word *w, size_t max);
/* The start of the white space that ends at i (i when there is none). */
size_t ab_skip_space_back(const char *text, size_t i);
/* The token (letters, digits, '&', hyphens inside) starting at i: its end. */
size_t ab_token_end(const char *text, size_t len, size_t i);
/* The start of the token that ends at `end`. */
size_t ab_token_start(const char *text, size_t end);
/* Whether the word w stands at text[i], no letter or digit after it. */
int ab_word_is(const char *text, size_t len, size_t i, const char *w);
/* The start of the line that holds `at`. */
size_t ab_line_start(const char *text, size_t at);
/* Whether only blanks and list markup (-, *, a), 1.) stand before `at` on its line. */
int ab_first_on_line(const char *text, size_t at);
int ab_ends_with(const char *s, size_t n, const char *suffix);
/* An adjective ending: "Aktueller", "Nationalen", "Deutsche". */
int ab_adjective_like(const char *s, size_t n);

/* ---- the short form ---- */

struct sf {
	char req[MAX_SHORT + 1]; /* folded letters that must match, in order */
	size_t n_req;
	size_t n_chars;          /* letters and digits */
	char last;               /* folded last letter: 'g' Gesetz, 'v' Verordnung */
	int last_upper;
	char parts[4][MAX_SHORT + 1]; /* hyphen parts, folded */
	size_t n_parts;
	int has_word_part;       /* a part with lower-case letters ("Rat" of "IT-Rat") */
	int is_stopword;         /* EU, EG, ...: defined only letter by letter */
	int is_roman;            /* CD, DM, MD: also a roman numeral */
	int spoken;              /* a quoted title-case form ("„Fitko“"): every letter counts */
};

/* The length of the year that ends s (" 2009", " - 1989"); 0 if none. */
size_t ab_year_tail(const char *text, struct dc_span s);
/* Whether text[s] is a short form; fills sf. A trailing year is allowed. */
int ab_short_form(const char *text, struct dc_span s, struct sf *sf);
/* Whether text[s] is a short form; a quoted one may be a spoken form
 * ("„Fitko“"). */
int ab_short_or_spoken(const char *text, struct dc_span s, int quoted, struct sf *sf);
/* The short form that starts at i, with a year if one follows ("BSIG 2009",
 * "KVLG - 1989"). */
struct dc_span ab_short_at(const char *text, size_t len, size_t i);

/* ---- the long form's letters ---- */

struct lchars {
	char c[MAX_CHARS];
	unsigned char is_start[MAX_CHARS]; /* first letter of a word */
	unsigned char is_part[MAX_CHARS];  /* first letter after a hyphen or slash */
	unsigned char matched[MAX_CHARS];
	size_t word[MAX_CHARS];            /* index into the words, left to right */
	size_t at[MAX_CHARS];              /* byte offset */
	size_t n;
};

/* Lays out the letters of words w[0..nw) (left to right). */
void ab_layout(const char *text, const struct word *w, size_t nw, struct lchars *lc);
/* Matches sf->req[from..to) right to left, each before position *pos; the
 * first one (from == 0) at a word start, or with part set at a part start
 * too. Marks what matched. */
int ab_match_back(const struct sf *sf, size_t from, size_t to, struct lchars *lc, size_t *pos,
                  int part);
/* Every content word from word `first` on has a matched letter (one may not
 * when there are three or more). */
int ab_content_covered(const char *text, const struct word *w, size_t first, size_t nw,
                       const struct lchars *lc);
/* A letter that likely starts a part of a German compound ("Aus|druck"). */
int ab_compound_start(const struct lchars *lc, size_t i);
/* The law rule (a final G or V for a leading "Gesetz" or "Verordnung", or
 * the "-gesetz" of a compound) on words w, left to right: the first word of
 * the long form, or -1. */
long ab_match_law(const char *text, const struct word *w, size_t nw, const struct sf *sf,
                  struct lchars *lc);
/* Designations of words ("IT-Rat"): the first word of the long form, or -1. */
long ab_match_parts(const char *text, const struct word *w, size_t nw, const struct sf *sf,
                    struct lchars *lc);

/* The long form that ends at `end` for the short form sf, if any: 1 and
 * *lf, or 0. */
int ab_long_before(const char *text, size_t end, const struct sf *sf, struct dc_span *lf);
enum { STRICT = 2 };
/* The long form that starts at `start` (after the short form), left to right:
 * it ends with the word that gives the short form's last letter. whole: the
 * span is the long form (inside parentheses); STRICT: every letter at the
 * start of a content word or part. */
int ab_long_after(const char *text, size_t len, size_t start, const struct sf *sf, int whole,
                  struct dc_span *lf);

#endif
