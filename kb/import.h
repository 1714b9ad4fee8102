/* import.h - what the importers of kb/ share (import_csv.c, import_tbx.c):
 * a file becomes a list of rows, one concept each with the line it came
 * from, which the same checks and the same one transaction write. */
#ifndef GLOSSAR_KB_IMPORT_H
#define GLOSSAR_KB_IMPORT_H

#include "kb_internal.h"

struct row {
	long line;
	struct kb_concept c;
};

/* The CSV import's rules on each row (key, type, status, labels, the
 * concept's own rules), then keys unique and relations resolved, then one
 * transaction; any error refuses the whole file with path:line and leaves
 * the KB as it was. Takes ownership of rows (malloc'd, freed here). stats
 * NULL: only checked. */
int kb_import_rows(struct kb *kb, const char *path, struct row *rows, size_t n_rows,
                   struct kb_import_stats *stats, struct err *err);

#endif
