/* fuzz_reader_odt.c - the ODT reader on any bytes: a zip as it is, any
 * other input as content.xml of a zip built around it. */
#include "../exports/zipwrite.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size >= 2 && data[0] == 'P' && data[1] == 'K') {
		fuzz_reader(data, size, "odt");
		return 0;
	}
	struct zw *z = zw_new();
	struct buf zip = BUF_INIT;
	if (!z)
		return 0;
	zw_add(z, "mimetype", "application/vnd.oasis.opendocument.text", 39, 1);
	zw_add(z, "content.xml", data, size, 0);
	if (zw_finish(z, &zip) == 0)
		fuzz_reader((const uint8_t *)zip.data, zip.len, "odt");
	buf_free(&zip);
	return 0;
}
