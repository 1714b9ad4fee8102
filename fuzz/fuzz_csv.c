/* fuzz_csv.c - libFuzzer harness for the glossary.csv importer: any bytes
 * are parsed and validated; valid files are merged into an in-memory KB. */
#include <stdint.h>
#include <stdio.h>

#include "../kb/kb.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct kb *kb;
	struct err err;
	if (!kb && kb_open(&kb, ":memory:", &err) < 0)
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
