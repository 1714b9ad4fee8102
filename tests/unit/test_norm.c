/* test_norm.c - the string normaliser behind match keys and search. */
#include "../../extract/norm.h"
#include "test.h"

static const struct {
	const char *in, *text, *key;
} cases[] = {
	{ "Deutschland-Stack", "deutschland-stack", "deutschlandstack" },
	{ "Deutschland Stack", "deutschland stack", "deutschlandstack" },
	{ "Deutschlandstack", "deutschlandstack", "deutschlandstack" },
	{ "Konnexität", "konnexitaet", "konnexitaet" },
	{ "Konnexitaet", "konnexitaet", "konnexitaet" },
	{ "Straße", "strasse", "strasse" },
	{ "ÖFFENTLICH", "oeffentlich", "oeffentlich" },
	{ "IT\xE2\x80\x91Planungsrat", "it-planungsrat", "itplanungsrat" },   /* U+2011 */
	{ "IT\xE2\x80\x93Planungsrat", "it-planungsrat", "itplanungsrat" },   /* en dash */
	{ "Verwal\xC2\xADtung", "verwaltung", "verwaltung" },                  /* soft hyphen */
	{ "  Ende  zu\n\tEnde ", "ende zu ende", "endezuende" },
	{ "Ende -  zu", "ende-zu", "endezu" },
	{ "A\xCC\x88mter", "aemter", "aemter" },                              /* decomposed Ä */
};

static void test_normalises_label_table(void)
{
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct buf t = BUF_INIT, k = BUF_INIT;
		CHECK(norm_text(cases[i].in, strlen(cases[i].in), &t) == 0);
		CHECK(norm_key(cases[i].in, strlen(cases[i].in), &k) == 0);
		CHECK_STR(buf_cstr(&t), cases[i].text);
		CHECK_STR(buf_cstr(&k), cases[i].key);
		buf_free(&t);
		buf_free(&k);
	}
}

static void test_rejects_invalid_utf8(void)
{
	struct buf t = BUF_INIT;
	CHECK(norm_text("f\xFCr", 4, &t) < 0);
	CHECK(norm_text("\xC0\xAF", 2, &t) < 0); /* overlong '/' */
	buf_free(&t);
}

static void test_buf_printf_grows(void)
{
	struct buf b = BUF_INIT;
	for (int i = 0; i < 1000; i++)
		CHECK(buf_printf(&b, "%04d", i) == 0);
	CHECK(b.len == 4000);
	CHECK(!strncmp(b.data + 3996, "0999", 4));
	buf_free(&b);
	CHECK_STR(buf_cstr(&b), "");
}

int main(void)
{
	RUN(test_normalises_label_table);
	RUN(test_rejects_invalid_utf8);
	RUN(test_buf_printf_grows);
	TEST_END();
}
