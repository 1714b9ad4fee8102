/* norm.h - the text normaliser shared by the gazetteer, the knowledge base's
 * match keys and search: the matching rules of DESIGN.md on a string. */
#ifndef GLOSSAR_NORM_H
#define GLOSSAR_NORM_H

#include <stddef.h>

#include "../common/buf.h"

/* Appends the normalised form of s to out: NFC, case folded (utf8proc),
 * ä/ö/ü as ae/oe/ue and ß as ss, every dash or hyphen (U+2010-U+2015,
 * U+2212, U+2011) as '-', soft hyphens and zero-width characters (U+200B-U+200D,
 * U+2060, U+FEFF) removed, runs of white space as one
 * ' ', leading and trailing white space dropped. Returns 0, or -1 on invalid
 * UTF-8 or when memory ran out. */
int norm_text(const char *s, size_t len_bytes, struct buf *out);

/* The match key: norm_text without hyphens and spaces, since hyphen, space
 * and nothing are the same between the parts of a label
 * ("Deutschland-Stack" = "Deutschland Stack" = "Deutschlandstack"). */
int norm_key(const char *s, size_t len_bytes, struct buf *out);

#endif
