/* fuzz_reader_md.c - the md reader and the matcher behind it on any bytes. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_reader(data, size, "md");
	return 0;
}
