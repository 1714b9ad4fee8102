/* test_zip_missing.c - a machine without libzip: the DOCX and ODT readers
 * and writers, built here to open a library that does not exist, refuse
 * with a message that names the library and read or write nothing; files
 * that are no zip are still told apart without it. */
#define ZIP_SONAME "libglossar-no-such-zip.so.0"
#include "../../common/ziplib.c"

#include <stdlib.h>

#include "../../exports/exports.h"
#include "../../exports/zipwrite.h"
#include "../../extract/documents.h"
#include "test.h"

static char *load(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *data = malloc(1 << 20);
	*len = data ? fread(data, 1, 1 << 20, f) : 0;
	fclose(f);
	return data;
}

static void test_a_docx_without_libzip_is_refused(void)
{
	size_t len = 0;
	char *data = load("tests/data/documents/bericht.docx", &len);
	CHECK(data && len > 1000);
	if (!data)
		return;
	struct ex_text t = { 0 };
	struct err e = { "", 0, "" };
	CHECK(rd_docx("bericht.docx", data, len, &t, &e) < 0); /* takes data */
	CHECK(strstr(e.msg, "cannot read DOCX files: libzip cannot be loaded") != NULL);
	CHECK(strstr(e.msg, "libglossar-no-such-zip.so.0") != NULL);
	CHECK(strstr(e.msg, "install libzip4") != NULL);
	CHECK_STR(e.file, "bericht.docx");
	CHECK(t.data == NULL);
}

static void test_an_odt_without_libzip_is_refused(void)
{
	size_t len = 0;
	char *data = load("tests/data/documents/bericht.odt", &len);
	CHECK(data && len > 1000);
	if (!data)
		return;
	struct ex_text t = { 0 };
	struct err e = { "", 0, "" };
	CHECK(rd_odt("bericht.odt", data, len, &t, &e) < 0);
	CHECK(strstr(e.msg, "cannot read ODT files: libzip cannot be loaded") != NULL);
	CHECK(t.data == NULL);
}

static void test_a_file_that_is_no_zip_needs_no_libzip(void)
{
	char *data = strdup("Das OZG ist kein Zip-Archiv.\n");
	struct ex_text t = { 0 };
	struct err e = { "", 0, "" };
	CHECK(rd_docx("text.docx", data, strlen(data), &t, &e) < 0);
	CHECK(strstr(e.msg, "not a zip archive") != NULL);
	CHECK(strstr(e.msg, "libzip") == NULL);
}

static void test_docx_and_odt_are_not_written_without_libzip(void)
{
	CHECK(zw_new() == NULL);
	struct err e = { "", 0, "" };
	CHECK(zw_load("ODT", &e) < 0);
	CHECK(strstr(e.msg, "cannot write ODT files: libzip cannot be loaded") != NULL);
	FILE *out = tmpfile();
	CHECK(out != NULL);
	if (!out)
		return;
	struct gl_list l = { NULL, 0, GL_LANG_DE };
	e.msg[0] = 0;
	CHECK(gl_write(out, &l, GL_DOCX, NULL, &e) < 0);
	CHECK(strstr(e.msg, "cannot write DOCX files: libzip cannot be loaded") != NULL);
	CHECK(ftell(out) == 0); /* not a byte of a broken document */
	/* the other formats do not need it */
	CHECK(gl_write(out, &l, GL_MD, NULL, &e) == 0);
	fclose(out);
}

int main(void)
{
	RUN(test_a_docx_without_libzip_is_refused);
	RUN(test_an_odt_without_libzip_is_refused);
	RUN(test_a_file_that_is_no_zip_needs_no_libzip);
	RUN(test_docx_and_odt_are_not_written_without_libzip);
	TEST_END();
}
