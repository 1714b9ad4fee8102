/* fuzz_reader_html.c - the html reader and the matcher behind it on any bytes. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_reader(data, size, "html");
	return 0;
}
