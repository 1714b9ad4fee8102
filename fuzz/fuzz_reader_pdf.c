/* fuzz_reader_pdf.c - the PDF path on any bytes: poppler opens what it can,
 * the reader must refuse the rest cleanly and map pages for what it reads.
 * Inputs are capped: poppler itself is not what is fuzzed here. */
#include "fuzz_common.h"

/* poppler and GLib keep caches for the life of the process */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "detect_leaks=0";
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 65536)
		return 0;
	fuzz_reader(data, size, "pdf");
	return 0;
}
