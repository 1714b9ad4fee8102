/* fuzz_reader_xml.c - the xml reader and the matcher behind it on any bytes. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_reader(data, size, "xml");
	return 0;
}
