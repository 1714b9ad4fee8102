/* test_inflection.c - inflection inside multi-word labels and the spaced and
 * hyphenated spellings of CamelCase labels (issue 14, items 1 and 2): real
 * sentences from the corpus and the issue, with the labels of glossary.csv
 * they should meet, and the negatives that keep the matcher precise. */
#include <stdlib.h>
#include <unistd.h>

#include "../../common/buf.h"
#include "../../extract/gz_internal.h"
#include "gz_run.h"
#include "test.h"

static const struct gz_label labels[] = {
	{ "Bundesamt für Sicherheit in der Informationstechnik", "bsi", GZ_PREF, 0 },
	{ "BSI", "bsi", GZ_ABBREV, 0 },
	{ "Sicherheit in der Informationstechnik", "it-sicherheit", GZ_ALT, 0 },
	{ "Bundesministerium des Innern", "bmi", GZ_PREF, 0 },
	{ "Bundesministerium des Innern, für Bau und Heimat", "bmi", GZ_ALT, 0 },
	{ "Künstliche Intelligenz", "ki", GZ_PREF, 0 },
	{ "Bayerisches Digitalgesetz", "baydig", GZ_PREF, 0 },
	{ "Gesetz über die Digitalisierung im Freistaat Bayern", "baydig", GZ_ALT, 0 },
	{ "Bayern", "bayern", GZ_PREF, 0 },
	{ "Freistaat Bayern", "bayern", GZ_ALT, 0 },
	{ "Föderale Modernisierungsagenda", "foederale-modernisierungsagenda", GZ_PREF, 0 },
	{ "Modernisierungsagenda", "modernisierungsagenda", GZ_PREF, 0 },
	{ "Föderale IT-Kooperation", "fitko", GZ_PREF, 0 },
	{ "IT", "it", GZ_ABBREV, 0 },
	{ "Offene Daten", "open-data", GZ_ALT, 0 },
	{ "Europäische Digitale Identitätswallet", "eudi-wallet", GZ_ALT, 0 },
	{ "Nationaler Normenkontrollrat", "nkr", GZ_PREF, 0 },
	{ "Normenkontrollrat", "nkr", GZ_ALT, 0 },
	{ "Deutscher Bundestag", "bundestag", GZ_PREF, 0 },
	{ "Bundestag", "bundestag", GZ_ALT, 0 },
	{ "Bundesbeauftragte für den Datenschutz und die Informationsfreiheit", "bfdi", GZ_PREF, 0 },
	{ "Kritische Infrastrukturen", "kritis", GZ_PREF, 0 },
	{ "Once-Only-Prinzip", "once-only", GZ_PREF, 0 },
	{ "Elektronische Verwaltung", "e-government", GZ_ALT, GZ_FLAG_CASE },
	{ "BayernPortal", "bayernportal", GZ_PREF, 0 },
	{ "KommOne", "komm-one", GZ_PREF, 0 },
	{ "BundID", "bundid", GZ_PREF, 0 },
	{ "ELSTER", "elster", GZ_ABBREV, 0 },
	{ "EfA", "efa", GZ_ABBREV, 0 },
	{ "DigitalService", "digitalservice", GZ_PREF, 0 },
};

struct row {
	const char *text, *want;
};

/* Item 1: the words before a label's first function word decline. */
static const struct row inflect_cases[] = {
	/* the head noun in the genitive; the longer label of one concept wins
	 * over the shorter label of another inside it */
	{ "Die Aufgaben des Bundesamtes für Sicherheit in der Informationstechnik sind im BSIG geregelt.",
	  "Bundesamtes für Sicherheit in der Informationstechnik|bsi|inflected;" },
	{ "des Bundesamts für Sicherheit in der Informationstechnik",
	  "Bundesamts für Sicherheit in der Informationstechnik|bsi|inflected;" },
	{ "Der Präsident des Bundesamtes für Sicherheit in der\nInformationstechnik",
	  "Bundesamtes für Sicherheit in der\nInformationstechnik|bsi|inflected;" },
	/* law-ozg.md; the label's own "des Innern" as written */
	{ "mit Zustimmung des Bundesministeriums des Innern, für Bau und Heimat in",
	  "Bundesministeriums des Innern, für Bau und Heimat|bmi|inflected;" },
	{ "im Einvernehmen mit dem Bundesministerium des Innern",
	  "Bundesministerium des Innern|bmi|exact;" },
	{ "Leiter des Bundesministeriums des Innern.", "Bundesministeriums des Innern|bmi|inflected;" },
	/* adjectives: weak and strong declension, the label's own ending replaced */
	{ "die Regulierung der Künstlichen Intelligenz", "Künstlichen Intelligenz|ki|inflected;" },
	{ "Pilotprojekte mit Künstlicher Intelligenz, zum Beispiel",
	  "Künstlicher Intelligenz|ki|inflected;" },
	{ "Systeme künstlicher Intelligenz", "künstlicher Intelligenz|ki|inflected;" },
	{ "Die Umsetzung des Bayerischen Digitalgesetzes.",
	  "Bayerischen Digitalgesetzes|baydig|inflected;" },
	{ "Das Bayerische Digitalgesetz regelt", "Bayerische Digitalgesetz|baydig|inflected;" },
	{ "nach dem Bayerischem Digitalgesetz", "Bayerischem Digitalgesetz|baydig|inflected;" },
	{ "die Maßnahmen der föderalen Modernisierungsagenda",
	  "föderalen Modernisierungsagenda|foederale-modernisierungsagenda|inflected;" },
	{ "die Anstalt der Föderalen IT-Kooperation", "Föderalen IT-Kooperation|fitko|inflected;" },
	{ "die Bereitstellung offener Daten", "offener Daten|open-data|inflected;" },
	{ "Bereitstellung von offenen Daten", "offenen Daten|open-data|inflected;" },
	{ "die Einführung der Europäischen Digitalen Identitätswallet",
	  "Europäischen Digitalen Identitätswallet|eudi-wallet|inflected;" },
	{ "Mitglieder des Nationalen Normenkontrollrates",
	  "Nationalen Normenkontrollrates|nkr|inflected;" },
	{ "Die Geschäftsstelle des Nationalen\nNormenkontrollrates",
	  "Nationalen\nNormenkontrollrates|nkr|inflected;" },
	{ "dem Deutschen Bundestag", "Deutschen Bundestag|bundestag|inflected;" },
	{ "Betreiber Kritischer Infrastrukturen", "Kritischer Infrastrukturen|kritis|inflected;" },
	{ "Freistaats Bayern", "Freistaats Bayern|bayern|inflected;" },
	{ "die Stellungnahme des Bundesbeauftragten für den Datenschutz und die\nInformationsfreiheit",
	  "Bundesbeauftragten für den Datenschutz und die\nInformationsfreiheit|bfdi|inflected;" },
	{ "des Gesetzes über die Digitalisierung im Freistaat Bayern",
	  "Gesetzes über die Digitalisierung im Freistaat Bayern|baydig|inflected;" },
	/* an inflected head and a compound at the end */
	{ "die Bayerischen Digitalgesetz-Novelle", "Bayerischen Digitalgesetz|baydig|compound;" },

	/* function words never inflect: the label's "des", "der", "die" stay */
	{ "des Bundesministeriums dem Innern", "" },
	{ "des Bundesamtes für Sicherheit in den Informationstechnik", "" },
	{ "des Gesetzes über der Digitalisierung im Freistaat Bayern", "Freistaat Bayern|bayern|exact;" },
	{ "des Bundesbeauftragten für dem Datenschutz und die Informationsfreiheit", "" },
	/* nor do words after the first function word */
	{ "des Gesetzes über die Digitalisierungen im Freistaat Bayern", "Freistaat Bayern|bayern|exact;" },
	/* only inflection endings: no other word, no bare stem */
	{ "Künstlichkeit Intelligenz", "" },
	{ "künstlich Intelligenz", "" },
	{ "Offen Daten", "" },
	{ "Offenheit Daten", "" },
	{ "Bayerischerweise Digitalgesetz", "" },
	{ "Nationalitäten Normenkontrollrat", "Normenkontrollrat|nkr|exact;" },
	{ "Deutschlands Bundestag", "Bundestag|bundestag|exact;" },
	/* the ending stays in its word: the text breaks where the label does */
	{ "der Künstliche nIntelligenz", "" },
	{ "der Künstlichen-Intelligenz", "" },
	/* a hyphenated compound declines at its end only */
	{ "des Onces-Only-Prinzips", "" },
	/* labels flagged case keep their capitals where they inflect */
	{ "der Elektronischen Verwaltung", "Elektronischen Verwaltung|e-government|inflected;" },
	{ "der elektronischen Verwaltung", "" },
	/* the tail of a longer label of another concept is still found alone */
	{ "die Sicherheit in der Informationstechnik",
	  "Sicherheit in der Informationstechnik|it-sicherheit|exact;" },
	{ "Die föderale Agenda und die Modernisierungsagenda",
	  "Modernisierungsagenda|modernisierungsagenda|exact;" },
};

/* Item 2: a CamelCase capital is a place where the text may break. */
static const struct row camel_cases[] = {
	{ "über das BayernPortal", "BayernPortal|bayernportal|exact;" },
	{ "über das Bayern-Portal", "Bayern-Portal|bayernportal|normalized;" },
	{ "über das Bayern Portal", "Bayern Portal|bayernportal|normalized;" },
	{ "das Bayern-Portals", "Bayern-Portals|bayernportal|inflected;" },
	{ "die Bayern-Portal-Anmeldung", "Bayern-Portal|bayernportal|compound;" },
	{ "Komm One", "Komm One|komm-one|normalized;" },
	{ "mit der Bund-ID und der Bund ID", "Bund-ID|bundid|normalized;Bund ID|bundid|normalized;" },
	{ "Der DigitalService und der Digital Service", "DigitalService|digitalservice|exact;Digital Service|digitalservice|normalized;" },
	/* only before a capital: an English "digital service" is not the name */
	{ "a digital service", "" },
	{ "Bayern portal", "Bayern|bayern|exact;" },
	{ "bayern-portal", "bayern|bayern|compound;" },
	/* never inside an acronym label */
	{ "EL-STER", "" },
	{ "ELS TER", "" },
	{ "Ef A", "" },
	{ "ELSTER", "ELSTER|elster|exact;" },
	/* and never where the label has no capital */
	{ "Bay ernPortal", "" },
};

static void check_rows(const struct gz *gz, const struct row *rows, size_t n)
{
	struct buf out = BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		gz_run(gz, rows[i].text, &out);
		CHECK_STR(buf_cstr(&out), rows[i].want);
	}
	buf_free(&out);
}

static struct gz *compile_labels(void)
{
	struct err err;
	struct gz *gz = gz_compile(labels, sizeof labels / sizeof labels[0], &err);
	if (!gz)
		fprintf(stderr, "%s\n", err.msg);
	return gz;
}

static void test_inflection_inside_labels(void)
{
	struct gz *gz = compile_labels();
	CHECK(gz != NULL);
	if (gz)
		check_rows(gz, inflect_cases, sizeof inflect_cases / sizeof inflect_cases[0]);
	gz_free(gz);
}

static void test_camelcase_spellings(void)
{
	struct gz *gz = compile_labels();
	CHECK(gz != NULL);
	if (gz)
		check_rows(gz, camel_cases, sizeof camel_cases / sizeof camel_cases[0]);
	gz_free(gz);
}

/* The compiled file keeps the stems and the separator masks. */
static void test_compiled_file_keeps_the_rules(void)
{
	struct err err;
	struct gz *gz = compile_labels();
	char path[] = "/tmp/glossar-infl-XXXXXX";
	int fd = mkstemp(path);
	CHECK(fd >= 0 && gz);
	if (fd < 0 || !gz) {
		gz_free(gz);
		return;
	}
	close(fd);
	CHECK(gz_save(gz, path, &err) == 0);
	struct gz *m = gz_load(path, &err);
	CHECK(m != NULL);
	if (m) {
		check_rows(m, inflect_cases, sizeof inflect_cases / sizeof inflect_cases[0]);
		check_rows(m, camel_cases, sizeof camel_cases / sizeof camel_cases[0]);
		gz_free(m);
	}
	unlink(path);
	gz_free(gz);
}

int main(void)
{
	RUN(test_inflection_inside_labels);
	RUN(test_camelcase_spellings);
	RUN(test_compiled_file_keeps_the_rules);
	TEST_END();
}
