/* json.h - a JSON string for the command line's JSON Lines and JSON output. */
#ifndef GLOSSAR_JSON_H
#define GLOSSAR_JSON_H

#include "buf.h"

/* Appends s (NULL as "") as a quoted JSON string: " and \ escaped, line
 * breaks and tabs as \n \r \t, other control characters as \u00XX.
 * Returns 0, or -1 when memory ran out. */
int json_str(struct buf *b, const char *s);

#endif
