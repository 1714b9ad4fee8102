/* fuzz_reader_tex.c - the LaTeX reader (in-place markup dropping, \gls
 * references) and the matcher behind it on any bytes. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_reader(data, size, "tex");
	return 0;
}
