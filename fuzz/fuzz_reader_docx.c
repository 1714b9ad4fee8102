/* fuzz_reader_docx.c - the DOCX reader on any bytes: a zip as it is, any
 * other input as word/document.xml of a zip built around it (so the XML
 * walk is reached without guessing CRCs). */
#include "../exports/zipwrite.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size >= 2 && data[0] == 'P' && data[1] == 'K') {
		fuzz_reader(data, size, "docx");
		return 0;
	}
	struct zw *z = zw_new();
	struct buf zip = BUF_INIT;
	if (!z)
		return 0;
	/* odd first bytes also give a styles part and footnotes from the same bytes */
	zw_add(z, "word/document.xml", data, size, 0);
	if (size && (data[0] & 1)) {
		zw_add(z, "word/styles.xml", data, size, 0);
		zw_add(z, "word/footnotes.xml", data, size, 0);
	}
	if (zw_finish(z, &zip) == 0)
		fuzz_reader((const uint8_t *)zip.data, zip.len, "docx");
	buf_free(&zip);
	return 0;
}
