/* test_acronym.c - acronym tokens and the stop list, on real sentences. */
#include <stdio.h>
#include <string.h>

#include "../../extract/discover.h"
#include "test.h"

static int collect(const char *text, struct dc_span t, void *ctx)
{
	struct buf *b = ctx;
	if (b->len)
		buf_putc(b, ' ');
	buf_append(b, text + t.start, t.end - t.start);
	return 0;
}

/* text, the acronyms found (space-separated, in order) */
static const char *const cases[][2] = {
	{ "dass die Führung im BMDS so offensichtlich noch so fremdeln scheint", "BMDS" },
	{ "wird die föderale Modernisierungsagenda gerade in der MPK beraten", "MPK" },
	{ "Standards wie XÖV und Verfahren wie KONSENS, dazu NOOTS.", "XÖV KONSENS NOOTS" },
	{ "aus dem die OZG-Umsetzung finanziert worden ist", "OZG" },
	{ "dass das fast alle Länder in NRWs bisschen anders setzen", "NRW" },
	{ "nach dem EfA-Prinzip und dem IDNrG", "EfA IDNrG" },
	{ "Art. 3 BayDiG-E regelt", "BayDiG" },
	/* stop list and shapes that are no acronyms */
	{ "Verordnung (EU) 2019/881 (ABl. L 151 vom 7.6.2019, S. 15) und BGBl. I", "" },
	{ "## IV. Fazit und Bewertung; III. Chancen; II. Umsetzung", "" },
	{ "außer LTE nur noch das sehr langsame GSM-Netz mit 5 MB", "" },
	{ "Das ist im Grunde genommen das ReggMobild, also Verwaltung", "" },
	{ "siehe https://www.gesetze-im-internet.de/OZG/__1.html und a_BC", "" },
	{ "Die Stadt München hat über ihr IT-Referat", "" },
};

static void test_acronyms_in_real_sentences(void)
{
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct buf b = BUF_INIT;
		dc_acronym_scan(cases[i][0], strlen(cases[i][0]), collect, &b);
		if (strcmp(buf_cstr(&b), cases[i][1]))
			fprintf(stderr, "case %zu: \"%s\"\n", i, cases[i][0]);
		CHECK_STR(buf_cstr(&b), cases[i][1]);
		buf_free(&b);
	}
}

static void test_acronym_shape(void)
{
	CHECK(dc_is_acronym("BMDS", 4));
	CHECK(dc_is_acronym("EfA", 3));
	CHECK(dc_is_acronym("X\xc3\x96V", 4));
	CHECK(!dc_is_acronym("Verwaltung", 10));
	CHECK(!dc_is_acronym("A", 1));
	CHECK(!dc_is_acronym("eGov", 4));
	CHECK(!dc_is_acronym("ReggMobild", 10));
	CHECK(!dc_is_acronym("ABCDEFGHIJKLM", 13));
}

static void test_stop_list(void)
{
	CHECK(dc_acronym_is_stopword("EU", 2));
	CHECK(dc_acronym_is_stopword("XIV", 3));
	CHECK(dc_acronym_is_stopword("GmbH", 4));
	CHECK(dc_acronym_is_stopword("kWh", 3));
	CHECK(!dc_acronym_is_stopword("OZG", 3));
	CHECK(!dc_acronym_is_stopword("FITKO", 5));
}

int main(void)
{
	RUN(test_acronyms_in_real_sentences);
	RUN(test_acronym_shape);
	RUN(test_stop_list);
	TEST_END();
}
