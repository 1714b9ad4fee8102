/* test_baseform.c - the base form discover offers for a declined long form
 * (dc_base_form): names as real texts decline them after an article, and
 * the cases where the gender or case is not certain, which keep the name
 * as written. */
#include <stdio.h>
#include <string.h>

#include "../../extract/discover.h"
#include "test.h"

/* article, name as declined in the text, base form ("" = none: kept as written) */
static const struct { const char *article, *name, *base; } cases[] = {
	/* genitive masculine and neuter: the noun loses -s/-es, the adjective
	 * takes -er or -es by the head noun's gender */
	{ "des", "Nationalen Once-Only-Technical-Systems", "Nationales Once-Only-Technical-System" },
	{ "des", "Nationalen Normenkontrollrates", "Nationaler Normenkontrollrat" },
	{ "des", "Bundesamtes für Migration und Flüchtlinge", "Bundesamt für Migration und Flüchtlinge" },
	{ "des", "Bundesministeriums des Innern", "Bundesministerium des Innern" },
	{ "des", "IT-Planungsrats", "IT-Planungsrat" },
	{ "des", "Onlinezugangsgesetzes", "Onlinezugangsgesetz" },
	{ "des", "Bayerischen Digitalgesetzes", "Bayerisches Digitalgesetz" },
	{ "des", "Gesetzes zur Förderung der elektronischen Verwaltung",
	  "Gesetz zur Förderung der elektronischen Verwaltung" },
	{ "eines", "Zentralen Dienstleisters", "Zentraler Dienstleister" },
	/* dative masculine and neuter */
	{ "im", "Deutschen Verwaltungsdiensteverzeichnis", "Deutsches Verwaltungsdiensteverzeichnis" },
	{ "beim", "Zentralen IT-Dienstleister", "Zentraler IT-Dienstleister" },
	{ "dem", "Digitalen Portalverbund", "Digitaler Portalverbund" },
	/* feminine singular and plural after der/zur/die: -e */
	{ "der", "Föderalen IT-Kooperation", "Föderale IT-Kooperation" },
	{ "der", "Deutschen Verwaltungscloud-Strategie", "Deutsche Verwaltungscloud-Strategie" },
	{ "zur", "Europäischen Digitalen Identitätswallet", "Europäische Digitale Identitätswallet" },
	{ "der", "Europäischen Datenräume", "Europäische Datenräume" },
	{ "die", "Föderale IT-Kooperation", "Föderale IT-Kooperation" },
	{ "die", "Offenen Daten", "Offene Daten" },
	/* nominative with the definite article: the strong ending */
	{ "der", "Deutsche Bundestag", "Deutscher Bundestag" },
	{ "das", "Bayerische Digitalgesetz", "Bayerisches Digitalgesetz" },
	{ "das", "Nationale Register der Dinge", "Nationales Register der Dinge" },
	/* not certain: kept as written */
	{ "des", "Gebäudes", "" },                   /* "Gebäud"? the cut gives no known noun */
	{ "des", "Deutschlandfunks", "" },           /* gender not known */
	{ "des", "Landes Berlin", "" },              /* the head is "Berlin": no genitive */
	{ "den", "Europäischen Datenraum", "" },     /* accusative or dative plural */
	{ "mit", "Künstlicher Intelligenz", "" },    /* no article: the case is open */
	{ "", "Digitalministerkonferenz", "" },      /* nothing before it */
	{ "der", "Bundesregierung", "" },            /* no adjective: already the base form */
	{ "das", "Deutsche Bundestag", "" },          /* "das" with a masculine noun */
	{ "der", "Deutsche Verwaltungscloud", "" },  /* -e after "der" with a feminine noun */
	{ "des", "für Migration", "" },              /* starts with a function word */
	{ "des", "Bundesamtes 2020", "" },           /* head not capitalised */
	{ "das", "Practice Statement", "" },         /* English: no German adjective */
};

static void test_base_forms(void)
{
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct buf out = BUF_INIT;
		int rc = dc_base_form(cases[i].article, cases[i].name, &out);
		const char *got = rc == 1 ? buf_cstr(&out) : "";
		if (rc < 0 || strcmp(got, cases[i].base)) {
			fprintf(stderr, "%s %s: got \"%s\" (%d), want \"%s\"\n", cases[i].article,
			        cases[i].name, got, rc, cases[i].base);
			test_current_failed = 1;
		}
		buf_free(&out);
	}
}

int main(void)
{
	RUN(test_base_forms);
	TEST_END();
}
