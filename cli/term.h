/* term.h - what the curation commands (cmd_term.c, cmd_lint.c) share: the
 * concept as JSON, as readable text, and as the editable "field: value" text
 * of term edit. */
#ifndef GLOSSAR_TERM_H
#define GLOSSAR_TERM_H

#include "../common/buf.h"
#include "../common/err.h"
#include "../kb/kb.h"


/* The concept as one JSON object, without its modification time (so that
 * equal states print equal bytes). */
int term_concept_json(struct buf *b, const struct kb_concept *c);
/* The concept for a person to read; narrower and related are the resolved
 * lists (inverse links included), either may be NULL. */
int term_concept_text(struct buf *b, const struct kb_concept *c, const struct strv *narrower,
                      const struct strv *related);
/* The text term edit opens, and its parser: fills out (initialised here)
 * from text; returns 1 when the text holds fields, 0 when it is empty (only
 * comments and blank lines), -1 with FILE:LINE in err when malformed. */
int term_edit_format(struct buf *b, const struct kb_concept *c);
int term_edit_parse(const char *text, const char *path, struct kb_concept *out,
                    struct err *err);
/* Appends s for a terminal: control characters (ESC, line breaks, C1),
 * line separators and bidirectional overrides as \n, \x1b, \u202e; invalid
 * UTF-8 bytes as \xNN; everything else as it is. */
int term_display_escape(struct buf *b, const char *s);
/* A one-line summary of what changed between two states (either may be NULL). */
int term_change_summary(struct buf *b, const struct kb_concept *before,
                        const struct kb_concept *after);

#endif
