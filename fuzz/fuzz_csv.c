/* fuzz_csv.c - libFuzzer harness for the glossary.csv importer: any bytes
 * are parsed and validated; valid files are merged into a KB in a temporary
 * file (kb_open refuses ":memory:", which would keep nothing). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "../kb/kb.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct kb *kb;
	static int opened;
	struct err err;
	if (!opened) {
		opened = 1;
		char path[] = "/tmp/glossar-fuzz-csv.XXXXXX";
		int fd = mkstemp(path);
		if (fd >= 0) {
			close(fd);
			unlink(path); /* kb_open creates it anew */
			if (kb_open(&kb, path, &err) < 0)
				kb = NULL;
		}
	}
	if (!kb)
		return 0;
	/* fmemopen wants size > 0; /dev/null reads as the empty file. */
	FILE *f = size ? fmemopen((void *)data, size, "rb") : fopen("/dev/null", "rb");
	if (!f)
		return 0;
	struct kb_import_stats stats;
	kb_import_csv_stream(kb, f, "fuzz.csv", &stats, &err);
	fclose(f);
	return 0;
}
