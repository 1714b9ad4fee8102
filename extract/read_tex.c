/* read_tex.c - the LaTeX reader: the prose of a .tex file, with offsets
 * into the file. The markup is dropped in place: every line break stays
 * where it was and every word starts at its own offset, so line, column and
 * the start of a mention are those of the .tex. Markup inside a word
 * (\-, \"a, the braces of \textbf{OZG}-Umsetzung) is squeezed out and the
 * word's end moves up; the blanks are made up at the next white space.
 *
 * Skipped: comments, the preamble, math, verbatim and other non-prose
 * environments, and the arguments of commands that carry no prose (\label,
 * \cite, \includegraphics, \usepackage, ...). Read: the arguments of
 * sectioning commands (which give the section path), emphasis and other
 * text commands, and unknown commands' arguments. \gls{key}, \acrshort{key}
 * and their kin stay in the text as written and are references to the entry
 * key (method "gls"), matched to a concept by the extractor. */
#include <stdlib.h>
#include <string.h>

#include "docmap.h"
#include "documents.h"

struct tx {
	const char *src; /* the file as read */
	char *dst;       /* the text, same length */
	size_t len, r, w; /* read and write positions, w <= r */
	struct dm_doc *dm;
	int failed;
};

/* Group modes: what a {...} holds. */
enum { G_KEEP, G_HEADING };

struct group {
	int mode, level;
	size_t start; /* dst offset where a heading's text starts */
};

#define MAX_GROUPS 256

static const char *const sectioning[] = { "part", "chapter", "section", "subsection",
	"subsubsection", "paragraph", "subparagraph", NULL };
/* arguments that are not prose: every brace group right after the name */
static const char *const skip_args[] = { "label", "ref", "eqref", "pageref", "autoref",
	"cref", "Cref", "nameref", "cite", "citep", "citet", "citeauthor", "citeyear",
	"autocite", "parencite", "textcite", "footcite", "nocite", "includegraphics", "input",
	"include", "usepackage", "documentclass", "bibliography", "bibliographystyle",
	"newcommand", "renewcommand", "providecommand", "newenvironment", "renewenvironment",
	"setlength", "addtolength", "setcounter", "addtocounter", "vspace", "hspace", "url",
	"hypersetup", "newglossaryentry", "newacronym", "printglossary", "pagestyle",
	"thispagestyle", "pagenumbering", "color", "definecolor", "selectlanguage",
	"addbibresource", "graphicspath", "DeclareMathOperator", "def", "let", "verb",
	"hyphenation", "geometry", "fontsize", "linespread", "rule", "raisebox", NULL };
/* commands whose first argument is not prose but whose second is */
static const char *const skip_first[] = { "href", "textcolor", "foreignlanguage",
	"colorbox", NULL };
/* references to glossary entries; is_short for the acronym forms */
static const char *const gls_long[] = { "gls", "Gls", "GLS", "glspl", "Glspl", "GLSpl",
	"glstext", "Glstext", "glsfirst", "glsname", "acrlong", "Acrlong", "acrfull",
	"Acrfull", "acl", "acf", "ac", "Ac", NULL };
static const char *const gls_short[] = { "acrshort", "Acrshort", "ACRshort", "acrshortpl",
	"glsentryshort", "acs", "acsp", NULL };
/* environments whose content is no prose */
static const char *const skip_envs[] = { "verbatim", "verbatim*", "Verbatim", "lstlisting",
	"minted", "comment", "equation", "equation*", "align", "align*", "alignat",
	"alignat*", "gather", "gather*", "multline", "multline*", "eqnarray", "eqnarray*",
	"math", "displaymath", "tikzpicture", "filecontents", "filecontents*", NULL };

static int in_list(const char *name, size_t n, const char *const *list)
{
	for (; *list; list++)
		if (strlen(*list) == n && !memcmp(*list, name, n))
			return 1;
	return 0;
}

static int list_index(const char *name, size_t n, const char *const *list)
{
	for (int i = 0; list[i]; i++)
		if (strlen(list[i]) == n && !memcmp(list[i], name, n))
			return i;
	return -1;
}

static int is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Catches the text up with the file: blanks up to the read position. */
static void sync(struct tx *t)
{
	if (t->w < t->r) {
		memset(t->dst + t->w, ' ', t->r - t->w);
		t->w = t->r;
	}
}

static int at_word_start(const struct tx *t)
{
	return t->w == 0 || is_space(t->dst[t->w - 1]);
}

/* Drops markup src[r, r + n): squeezed inside a word, blanked before one. */
static void drop(struct tx *t, size_t n)
{
	int start = at_word_start(t);
	t->r += n;
	if (start)
		sync(t);
}

static void put(struct tx *t, const char *s, size_t n)
{
	/* never overtakes the read position: every replacement is shorter */
	memcpy(t->dst + t->w, s, n);
	t->w += n;
}

/* The matching close brace of the group opening at src[i] ('{'), or len. */
static size_t group_end(const struct tx *t, size_t i)
{
	int depth = 0;
	for (; i < t->len; i++) {
		char c = t->src[i];
		if (c == '\\' && i + 1 < t->len) {
			i++;
		} else if (c == '{') {
			depth++;
		} else if (c == '}') {
			if (--depth == 0)
				return i;
		}
	}
	return t->len;
}

/* After a command name: skips white space and [optional] arguments;
 * returns the position of the next '{' or SIZE_MAX-like len when none. */
static size_t next_arg(const struct tx *t, size_t i)
{
	for (;;) {
		size_t j = i;
		while (j < t->len && (t->src[j] == ' ' || t->src[j] == '\t' || t->src[j] == '*'))
			j++;
		if (j < t->len && t->src[j] == '[') {
			while (j < t->len && t->src[j] != ']' && t->src[j] != '\n')
				j++;
			if (j < t->len && t->src[j] == ']') {
				i = j + 1;
				continue;
			}
			return t->len;
		}
		return j < t->len && t->src[j] == '{' ? j : t->len;
	}
}

/* Blanks src[r, to) whole, keeping line breaks. */
static void skip_to(struct tx *t, size_t to)
{
	int start = at_word_start(t);
	if (!start)
		sync(t);
	for (size_t i = t->r; i < to; i++)
		t->dst[i] = t->src[i] == '\n' ? '\n' : ' ';
	t->r = t->w = to;
}

static const char *find(const struct tx *t, size_t from, const char *needle)
{
	return from < t->len ? memmem(t->src + from, t->len - from, needle, strlen(needle)) : NULL;
}

/* \"a and friends, and babel's "a: the UTF-8 letter, or NULL. */
static const char *umlaut(char c)
{
	switch (c) {
	case 'a': return "ä";
	case 'o': return "ö";
	case 'u': return "ü";
	case 'A': return "Ä";
	case 'O': return "Ö";
	case 'U': return "Ü";
	case 's': return "ß";
	default: return NULL;
	}
}

static void command(struct tx *t, struct group *groups, int *n_groups)
{
	size_t at = t->r, i = at + 1;
	if (i >= t->len) {
		drop(t, 1);
		return;
	}
	char c = t->src[i];
	if (!is_letter(c)) {
		/* control symbols */
		if (strchr("%&_#${}", c)) {
			t->r += 2;
			put(t, &c, 1);
		} else if (c == '"' && i + 1 < t->len && umlaut(t->src[i + 1]) && t->src[i + 1] != 's') {
			t->r += 3;
			put(t, umlaut(t->src[i + 1]), 2);
		} else if (c == '\\' || c == ' ' || c == ',' || c == ';' || c == ':') {
			t->r += 2;
			sync(t);
			if (t->w > 0)
				t->dst[t->w - 1] = ' ';
		} else if (c == '(' || c == '[') {
			const char *e = find(t, i + 1, c == '(' ? "\\)" : "\\]");
			skip_to(t, e ? (size_t)(e - t->src) + 2 : t->len);
		} else {
			drop(t, 2); /* \- \/ \@ \! and accents we do not spell */
		}
		return;
	}
	size_t e = i;
	while (e < t->len && is_letter(t->src[e]))
		e++;
	const char *name = t->src + i;
	size_t n = e - i;
	if (e < t->len && t->src[e] == '*')
		e++;
	int lv = list_index(name, n, sectioning);
	int is_short = in_list(name, n, gls_short);
	if (n == 2 && !memcmp(name, "ss", 2)) {
		t->r = e;
		if (e + 1 < t->len && t->src[e] == '{' && t->src[e + 1] == '}')
			t->r += 2;
		else if (e < t->len && t->src[e] == ' ')
			t->r++;
		put(t, "ß", 2);
		return;
	}
	if (is_short || in_list(name, n, gls_long)) {
		size_t a = next_arg(t, e);
		if (a < t->len) {
			size_t ae = group_end(t, a);
			if (ae < t->len) {
				/* kept as written: it is the mention's surface */
				sync(t);
				if (dm_ref_add(t->dm, at, ae + 1, t->src + a + 1, ae - a - 1, is_short) < 0)
					t->failed = 1;
				t->r = t->w = ae + 1;
				return;
			}
		}
	}
	if ((n == 5 && !memcmp(name, "begin", 5)) || (n == 3 && !memcmp(name, "end", 3))) {
		size_t a = next_arg(t, e);
		size_t ae = a < t->len ? group_end(t, a) : t->len;
		if (ae < t->len) {
			const char *env = t->src + a + 1;
			size_t el = ae - a - 1;
			if (n == 5 && in_list(env, el, skip_envs)) {
				char close[64];
				snprintf(close, sizeof close, "\\end{%.*s}", (int)(el < 40 ? el : 40), env);
				const char *c2 = find(t, ae + 1, close);
				skip_to(t, c2 ? (size_t)(c2 - t->src) + strlen(close) : t->len);
				return;
			}
			size_t to = ae + 1;
			/* the column specification of a table is no prose */
			int specs = n == 5 ? (el == 8 && !memcmp(env, "tabularx", 8) ? 2
			                      : (el == 7 && !memcmp(env, "tabular", 7)) ||
			                                (el == 9 && !memcmp(env, "longtable", 9))
			                              ? 1 : 0)
			                   : 0;
			for (int k = 0; k < specs; k++) {
				size_t s = next_arg(t, to);
				if (s >= t->len)
					break;
				size_t se = group_end(t, s);
				to = se < t->len ? se + 1 : t->len;
			}
			skip_to(t, to);
			return;
		}
	}
	if (in_list(name, n, skip_args) || (n == 4 && !memcmp(name, "verb", 4))) {
		if (n == 4 && !memcmp(name, "verb", 4) && e < t->len) {
			char delim = t->src[e];
			const char *c2 = memchr(t->src + e + 1, delim, t->len - e - 1);
			skip_to(t, c2 ? (size_t)(c2 - t->src) + 1 : t->len);
			return;
		}
		size_t to = e;
		for (;;) {
			size_t a = next_arg(t, to);
			if (a >= t->len)
				break;
			size_t ae = group_end(t, a);
			to = ae < t->len ? ae + 1 : t->len;
		}
		skip_to(t, to);
		return;
	}
	if (in_list(name, n, skip_first)) {
		size_t a = next_arg(t, e);
		if (a < t->len) {
			size_t ae = group_end(t, a);
			skip_to(t, ae < t->len ? ae + 1 : t->len);
			return;
		}
	}
	/* the name (and optional arguments) go; a brace group after it is read */
	size_t a = next_arg(t, e);
	if (lv >= 0 && a < t->len && *n_groups < MAX_GROUPS) {
		skip_to(t, a + 1);
		groups[(*n_groups)++] = (struct group){ G_HEADING, lv + 1, t->w };
		return;
	}
	size_t to = a < t->len ? a : e;
	if (a >= t->len && e < t->len && t->src[e] == ' ' && at_word_start(t))
		to = e + 1; /* "\LaTeX ist": the space ends the name */
	drop(t, to - t->r);
}

int rd_tex(const char *path, char *data, size_t len, struct ex_text *out, struct err *err)
{
	const char *name = strcmp(path, "-") ? path : "<stdin>";
	struct tx t = { data, NULL, len, 0, 0, dm_new(), 0 };
	char *copy = malloc(len + 1);
	if (!copy || !t.dm) {
		free(copy);
		dm_free(t.dm);
		free(data);
		return err_set(err, name, 0, "out of memory");
	}
	/* the text is written into a copy of the file, read from the file */
	memcpy(copy, data, len);
	copy[len] = 0;
	t.dst = copy;
	struct group groups[MAX_GROUPS];
	int n_groups = 0;
	/* the preamble and what follows \end{document} are no prose */
	const char *begin = find(&t, 0, "\\begin{document}");
	if (begin)
		skip_to(&t, (size_t)(begin - data) + strlen("\\begin{document}"));
	const char *end_doc = find(&t, t.r, "\\end{document}");
	size_t stop = end_doc ? (size_t)(end_doc - data) : len;
	while (t.r < stop && !t.failed) {
		char c = data[t.r];
		if (c == '%') {
			const char *nl = memchr(data + t.r, '\n', stop - t.r);
			skip_to(&t, nl ? (size_t)(nl - data) : stop);
		} else if (c == '\\') {
			command(&t, groups, &n_groups);
		} else if (c == '$') {
			int dbl = t.r + 1 < stop && data[t.r + 1] == '$';
			const char *e = find(&t, t.r + 1 + dbl, dbl ? "$$" : "$");
			skip_to(&t, e && (size_t)(e - data) < stop ? (size_t)(e - data) + 1 + dbl : stop);
		} else if (c == '{') {
			if (n_groups < MAX_GROUPS)
				groups[n_groups++] = (struct group){ G_KEEP, 0, 0 };
			drop(&t, 1);
		} else if (c == '}') {
			if (n_groups > 0 && groups[--n_groups].mode == G_HEADING) {
				struct group *g = &groups[n_groups];
				if (dm_heading(t.dm, g->start, g->level, t.dst + g->start, t.w - g->start) < 0)
					t.failed = 1;
			}
			drop(&t, 1);
		} else if (c == '~' || c == '&') {
			t.r++;
			sync(&t);
			t.dst[t.w - 1] = ' ';
		} else if (c == '"' && t.r + 1 < stop && umlaut(data[t.r + 1])) {
			t.r += 2; /* babel's "a */
			put(&t, umlaut(data[t.r - 1]), 2);
		} else if (c == '"' && t.r + 1 < stop && strchr("-=~|\"", data[t.r + 1])) {
			int hyph = data[t.r + 1] == '=' || data[t.r + 1] == '~';
			t.r += 2;
			if (hyph)
				put(&t, "-", 1);
		} else if (is_space(c)) {
			sync(&t);
			t.dst[t.w++] = c;
			t.r++;
		} else {
			t.dst[t.w++] = c;
			t.r++;
		}
	}
	if (t.r < len)
		skip_to(&t, len);
	sync(&t);
	free(data);
	if (t.failed) {
		free(copy);
		dm_free(t.dm);
		return err_set(err, name, 0, "out of memory");
	}
	return rd_document_finish(path, copy, len, t.dm, out, err);
}
