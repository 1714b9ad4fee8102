/* exports.h - writers of the vocabulary and of glossary appendices.
 * Exports read the knowledge base's vocabulary; they never call the extractor. */
#ifndef GLOSSAR_EXPORTS_H
#define GLOSSAR_EXPORTS_H

#include <stdio.h>

#include "../common/err.h"
#include "../kb/kb.h"

/* glossary.csv (DESIGN.md): the round-trip format read by kb_import_csv.
 * Deterministic: concepts sorted by key, fields quoted only where needed. */
int csv_write_vocab(FILE *out, const struct kb_vocab *v, struct err *err);

#endif
