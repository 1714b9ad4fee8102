/* test_citation.c - legal citations: parsing, law resolution (also genitive
 * forms) and links to gesetze-im-internet.de, on real sentences. */
#include <stdio.h>
#include <string.h>

#include "../../extract/discover.h"
#include "test.h"

static struct dc_laws *laws;

static int collect(const char *text, const struct dc_citation *c, void *ctx)
{
	struct buf *b = ctx;
	if (b->len)
		buf_puts(b, " | ");
	dc_citation_unit(c, b);
	buf_puts(b, " @ ");
	dc_clean(text, c->law, b);
	const char *slug = dc_laws_resolve(laws, text, c->law);
	if (slug) {
		buf_puts(b, " -> ");
		dc_citation_url(c, slug, b);
	}
	return 0;
}

/* text, citations as "unit @ law -> url | ..." */
static const char *const cases[][2] = {
	{ "nach Art. 91c GG arbeiten Bund und Länder zusammen",
	  "Art. 91c @ GG -> https://www.gesetze-im-internet.de/gg/art_91c.html" },
	{ "Artikel 28 Abs. 2 Grundgesetz garantiert",
	  "Art. 28 Abs. 2 @ Grundgesetz -> https://www.gesetze-im-internet.de/gg/art_28.html" },
	{ "gemäß § 1 Abs. 1 OZG sind",
	  "§ 1 Abs. 1 @ OZG -> https://www.gesetze-im-internet.de/ozg/__1.html" },
	{ "die §§ 3 bis 5 EGovG gelten",
	  "§ 3 bis 5 @ EGovG -> https://www.gesetze-im-internet.de/egovg/__3.html" },
	{ "Art. 83 ff. GG regeln",
	  "Art. 83 ff. @ GG -> https://www.gesetze-im-internet.de/gg/art_83.html" },
	{ "§ 2 Absatz 3 Satz 1 des Onlinezugangsgesetzes bestimmt",
	  "§ 2 Abs. 3 Satz 1 @ des Onlinezugangsgesetzes -> https://www.gesetze-im-internet.de/ozg/__2.html" },
	/* law-bsig_2009.md, law-egovg.md, law-ozg.md */
	{ "Das Fernmeldegeheimnis (Artikel 10 des Grundgesetzes) wird",
	  "Art. 10 @ des Grundgesetzes -> https://www.gesetze-im-internet.de/gg/art_10.html" },
	{ "nach § 174 Absatz 1 Satz 1 des Telekommunikationsgesetzes\nAuskunft",
	  "§ 174 Abs. 1 Satz 1 @ des Telekommunikationsgesetzes" },
	{ "§ 87a Absatz 6 der Abgabenordnung",
	  "§ 87a Abs. 6 @ der Abgabenordnung" },
	{ "§ 3 Nummer 70 des\nTelekommunikationsgesetzes", "§ 3 Nr. 70 @ des Telekommunikationsgesetzes" },
	{ "Artikel 91c GG (BGBl. 2010 I S. 662, 663)",
	  "Art. 91c @ GG -> https://www.gesetze-im-internet.de/gg/art_91c.html" },
	{ "nach § 3 Absatz 2 dieses Gesetzes", "§ 3 Abs. 2 @ " },
	{ "Art. 18 BayDiG regelt die Zahlung", "Art. 18 @ BayDiG" },
	/* no citations */
	{ "Artikelnummer 5 und §-Zeichen und Arten 3", "" },
};

static void test_citations_in_real_sentences(void)
{
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct buf b = BUF_INIT;
		dc_citation_scan(cases[i][0], strlen(cases[i][0]), collect, &b);
		if (strcmp(buf_cstr(&b), cases[i][1]))
			fprintf(stderr, "case %zu: \"%s\"\n", i, cases[i][0]);
		CHECK_STR(buf_cstr(&b), cases[i][1]);
		buf_free(&b);
	}
}

static void test_laws_resolve_titles_and_abbreviations(void)
{
	const char *t = "Grundgesetzes GG Onlinezugangsgesetz XYZG";
	struct dc_span gg = { 0, 13 }, abbr = { 14, 16 }, ozg = { 17, 36 }, none = { 37, 41 };
	CHECK_STR(dc_laws_resolve(laws, t, gg), "gg");
	CHECK_STR(dc_laws_resolve(laws, t, abbr), "gg");
	CHECK_STR(dc_laws_resolve(laws, t, ozg), "ozg");
	CHECK(dc_laws_resolve(laws, t, none) == NULL);
	/* a label of two laws resolves to neither */
	struct dc_laws *two = dc_laws_new();
	CHECK(two != NULL);
	dc_laws_add(two, "ABC", "abc_1");
	dc_laws_add(two, "ABC", "abc_2");
	struct dc_span s = { 0, 3 };
	CHECK(dc_laws_resolve(two, "ABC", s) == NULL);
	dc_laws_free(two);
	dc_laws_free(NULL);
}

static void test_url_refuses_strange_slugs(void)
{
	struct dc_citation c;
	memset(&c, 0, sizeof c);
	strcpy(c.number, "1");
	struct buf b = BUF_INIT;
	CHECK(dc_citation_url(&c, "ozg", &b) == 0);
	CHECK_STR(buf_cstr(&b), "https://www.gesetze-im-internet.de/ozg/__1.html");
	buf_reset(&b);
	CHECK(dc_citation_url(&c, "a/../b", &b) < 0);
	buf_free(&b);
}

/* An empty law list once reached qsort with NULL (UBSan in check-asan). */
static void test_resolving_against_no_laws_finds_nothing(void)
{
	struct dc_laws *none = dc_laws_new();
	CHECK(none != NULL);
	struct dc_span s = { 0, 2 };
	CHECK(dc_laws_resolve(none, "GG", s) == NULL);
	dc_laws_free(none);
}

int main(void)
{
	laws = dc_laws_new();
	dc_laws_add(laws, "Grundgesetz für die Bundesrepublik Deutschland", "gg");
	dc_laws_add(laws, "GG", "gg");
	dc_laws_add(laws, "Gesetz zur Verbesserung des Onlinezugangs zu Verwaltungsleistungen", "ozg");
	dc_laws_add(laws, "OZG", "ozg");
	dc_laws_add(laws, "Onlinezugangsgesetz", "ozg");
	dc_laws_add(laws, "EGovG", "egovg");
	RUN(test_citations_in_real_sentences);
	RUN(test_laws_resolve_titles_and_abbreviations);
	RUN(test_url_refuses_strange_slugs);
	RUN(test_resolving_against_no_laws_finds_nothing);
	dc_laws_free(laws);
	TEST_END();
}
