/* test_pdf_missing.c - a machine without poppler-glib: the PDF reader,
 * built here to open a library that does not exist, refuses a real PDF
 * with a message that names the library, and reads nothing. */
#define POPPLER_SONAME "libglossar-no-such-poppler.so.0"
#include "../../extract/read_pdf.c"

#include "test.h"

static void test_a_pdf_without_poppler_is_refused(void)
{
	FILE *f = fopen("tests/data/documents/bericht.pdf", "rb");
	CHECK(f != NULL);
	if (!f)
		return;
	char *data = malloc(1 << 20);
	size_t len = data ? fread(data, 1, 1 << 20, f) : 0;
	fclose(f);
	CHECK(len > 1000);
	struct ex_text t = { 0 };
	struct err e = { "", 0, "" };
	CHECK(rd_pdf("bericht.pdf", data, len, &t, &e) < 0); /* takes data */
	CHECK(strstr(e.msg, "poppler-glib cannot be loaded") != NULL);
	CHECK(strstr(e.msg, "libglossar-no-such-poppler.so.0") != NULL);
	CHECK(!strcmp(e.file, "bericht.pdf"));
	CHECK(t.data == NULL);
	/* and again: the failure is remembered, not retried */
	data = malloc(16);
	memcpy(data, "%PDF-1.4\n", 9);
	CHECK(rd_pdf("b.pdf", data, 9, &t, &e) < 0);
	CHECK(strstr(e.msg, "poppler-glib cannot be loaded") != NULL);
}

int main(void)
{
	RUN(test_a_pdf_without_poppler_is_refused);
	TEST_END();
}
