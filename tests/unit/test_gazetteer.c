/* test_gazetteer.c - the matching rules of DESIGN.md, one table row per
 * rule with positive and negative German examples, and compiled files. */
#include <stdlib.h>
#include <unistd.h>

#include "../../common/buf.h"
#include "../../extract/gz_internal.h"
#include "gz_run.h"
#include "test.h"

static const struct gz_label labels[] = {
	{ "Onlinezugangsgesetz", "ozg", GZ_PREF, 0 },
	{ "OZG", "ozg", GZ_ABBREV, 0 },
	{ "Einer für Alle", "efa", GZ_PREF, 0 },
	{ "EfA", "efa", GZ_ABBREV, 0 },
	{ "IT-Planungsrat", "it-planungsrat", GZ_PREF, 0 },
	{ "IT", "it", GZ_ABBREV, 0 },
	{ "Deutschland-Stack", "deutschland-stack", GZ_PREF, 0 },
	{ "Registermodernisierung", "registermodernisierung", GZ_PREF, GZ_FLAG_COMPOUND },
	{ "Fachverfahren", "fachverfahren", GZ_PREF, 0 },
	{ "Kommune", "kommune", GZ_PREF, 0 },
	{ "BayDiG", "baydig", GZ_ABBREV, GZ_FLAG_CASE },
	{ "Konnexität", "konnexitaet", GZ_PREF, 0 },
	{ "Portal", "portal-a", GZ_PREF, 0 },
	{ "Portal", "portal-b", GZ_ALT, 0 },
	{ "Art. 91c GG", "art-91c-gg", GZ_PREF, 0 },
};

static const struct {
	const char *text, *want;
} cases[] = {
	/* exact, and case folding */
	{ "Das OZG gilt.", "OZG|ozg|exact;" },
	{ "das onlinezugangsgesetz", "onlinezugangsgesetz|ozg|normalized;" },
	/* acronyms: capitals needed where the label has them */
	{ "EFA und EfA", "EFA|efa|normalized;EfA|efa|exact;" },
	{ "efa ist kein Akronym", "" },
	{ "Efa", "" },
	{ "ozg", "" },
	/* labels flagged case match only as written */
	{ "BayDiG", "BayDiG|baydig|exact;" },
	{ "BAYDIG baydig", "" },
	/* hyphen = space = nothing between a label's parts */
	{ "Deutschland-Stack", "Deutschland-Stack|deutschland-stack|exact;" },
	{ "Deutschland Stack", "Deutschland Stack|deutschland-stack|normalized;" },
	{ "Deutschlandstack", "Deutschlandstack|deutschland-stack|normalized;" },
	{ "Deutschland\xE2\x80\x93Stack", "Deutschland\xE2\x80\x93Stack|deutschland-stack|normalized;" },
	{ "Deutschland\nStack", "Deutschland\nStack|deutschland-stack|normalized;" },
	/* ... but the text may not split a label where it has no break */
	{ "OZ G", "" },
	{ "Deutsch land Stack", "" },
	/* umlauts and ß equal their transcriptions; soft hyphens vanish */
	{ "Einer fuer Alle", "Einer fuer Alle|efa|normalized;" },
	{ "Einer für Alle", "Einer für Alle|efa|exact;" },
	{ "Konnexitaet", "Konnexitaet|konnexitaet|normalized;" },
	{ "Regi\xC2\xADster\xC2\xADmodernisierung",
	  "Regi\xC2\xADster\xC2\xADmodernisierung|registermodernisierung|normalized;" },
	/* a word hyphenated at a line end joins again */
	{ "die Register-\nmodernisierung", "Register-\nmodernisierung|registermodernisierung|normalized;" },
	/* inflection endings */
	{ "des IT-Planungsrats", "IT-Planungsrats|it-planungsrat|inflected;" },
	{ "des Fachverfahrens", "Fachverfahrens|fachverfahren|inflected;" },
	{ "den Kommunen", "Kommunen|kommune|inflected;" },
	{ "des Onlinezugangsgesetzes", "Onlinezugangsgesetzes|ozg|inflected;" },
	{ "Kommunenx", "" },
	/* hyphenated compounds count as the term */
	{ "die OZG-Umsetzung", "OZG|ozg|compound;" },
	{ "das EfA-Prinzip", "EfA|efa|compound;" },
	{ "IT-Sicherheit", "IT|it|compound;" },
	/* closed compounds only where the concept allows it */
	{ "Registermodernisierungsgesetz", "Registermodernisierung|registermodernisierung|compound;" },
	{ "Fachverfahrensgesetz", "" },
	/* never starting or ending inside a word */
	{ "Unterkommune", "" },
	{ "XOZG OZGX", "" },
	/* longest match wins */
	{ "Der IT-Planungsrat tagt.", "IT-Planungsrat|it-planungsrat|exact;" },
	/* two concepts sharing a label: once per concept, in key order */
	{ "Portal", "Portal|portal-a|exact;Portal|portal-b|exact;" },
	/* punctuation inside labels */
	{ "nach Art. 91c GG", "Art. 91c GG|art-91c-gg|exact;" },
	{ "nach Art.91c GG", "Art.91c GG|art-91c-gg|normalized;" },
	/* several mentions in order */
	{ "OZG, EfA und Kommune.", "OZG|ozg|exact;EfA|efa|exact;Kommune|kommune|exact;" },
};

static void test_rules_table(void)
{
	struct err err;
	struct gz *gz = gz_compile(labels, sizeof labels / sizeof labels[0], &err);
	CHECK(gz != NULL);
	if (!gz) {
		fprintf(stderr, "%s\n", err.msg);
		return;
	}
	struct buf out = BUF_INIT;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		gz_run(gz, cases[i].text, &out);
		CHECK_STR(buf_cstr(&out), cases[i].want);
	}
	buf_free(&out);
	gz_free(gz);
}

static void test_compiled_file_round_trip(void)
{
	struct err err;
	struct gz *gz = gz_compile(labels, sizeof labels / sizeof labels[0], &err);
	char path[] = "/tmp/glossar-gz-XXXXXX";
	int fd = mkstemp(path);
	CHECK(fd >= 0 && gz);
	if (fd < 0 || !gz)
		return;
	close(fd);
	CHECK(gz_save(gz, path, &err) == 0);
	struct gz *m = gz_load(path, &err);
	CHECK(m != NULL);
	if (m) {
		struct buf a = BUF_INIT, b = BUF_INIT;
		for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
			gz_run(gz, cases[i].text, &a);
			gz_run(m, cases[i].text, &b);
			CHECK_STR(buf_cstr(&b), buf_cstr(&a));
		}
		CHECK(gz_label_count(m) == sizeof labels / sizeof labels[0]);
		buf_free(&a);
		buf_free(&b);
		gz_free(m);
	}
	/* Every corruption of the header or counts is refused, never a crash. */
	FILE *f = fopen(path, "r+b");
	CHECK(f != NULL);
	if (f) {
		fseek(f, 0, SEEK_SET);
		fputc('X', f);
		fclose(f);
		CHECK(gz_load(path, &err) == NULL);
		CHECK(strstr(err.msg, "not a compiled") != NULL);
	}
	gz_save(gz, path, &err);
	f = fopen(path, "r+b");
	if (f) {
		fseek(f, 16, SEEK_SET); /* n_nodes */
		fputc(0xff, f);
		fclose(f);
		CHECK(gz_load(path, &err) == NULL);
	}
	f = fopen(path, "ab");
	if (f) {
		fputs("trailing", f);
		fclose(f);
		CHECK(gz_load(path, &err) == NULL);
	}
	unlink(path);
	gz_free(gz);
}

static void test_empty_and_odd_labels(void)
{
	struct err err;
	struct gz_label odd[] = { { "", "empty", GZ_PREF, 0 }, { " - ", "dash", GZ_PREF, 0 },
		                  { "ÄÖÜ", "umlaut", GZ_PREF, 0 } };
	struct gz *gz = gz_compile(odd, 3, &err);
	CHECK(gz != NULL);
	struct buf out = BUF_INIT;
	if (gz) {
		gz_run(gz, "aeoeue und äöü", &out);
		CHECK_STR(buf_cstr(&out), "aeoeue|umlaut|normalized;äöü|umlaut|normalized;");
		gz_run(gz, "", &out);
		CHECK_STR(buf_cstr(&out), "");
	}
	buf_free(&out);
	gz_free(gz);
}

static const struct gz_label fuzzy_labels[] = {
	{ "Dataport", "dataport", GZ_PREF, 0 },
	{ "Vitako", "vitako", GZ_PREF, 0 },
	{ "IT-Planungsrat", "it-planungsrat", GZ_PREF, 0 },
	{ "EUDI-Wallet", "eudi-wallet", GZ_PREF, 0 },
	{ "Deutschland-Stack", "deutschland-stack", GZ_PREF, 0 },
	{ "Registermodernisierung", "registermodernisierung", GZ_PREF, 0 },
	{ "BetrAVG", "betravg", GZ_ABBREV, 0 },
	{ "Hessen", "hessen", GZ_PREF, 0 },
	{ "D-Stack", "d-stack", GZ_ALT, 0 },
	{ "OZG", "ozg", GZ_ABBREV, 0 },
	{ "OZG-Umsetzung", "ozg-umsetzung", GZ_PREF, 0 },
	{ "IT", "it", GZ_ABBREV, 0 },
	/* from the law titles: look-alikes of ordinary words and compounds */
	{ "Bundeswahlgesetz", "bwahlg", GZ_PREF, 0 },
	{ "Zollverordnung", "zollv", GZ_PREF, 0 },
	{ "Fleischgesetz", "fleischg", GZ_PREF, 0 },
	{ "Arbeitszeitgesetz", "arbzg", GZ_PREF, 0 },
	{ "See-BAV", "see-bav", GZ_ABBREV, 0 },
	{ "WalfÜbk", "walfuebk", GZ_ABBREV, 0 },
	{ "Rentenanpassungsgesetz 1987", "rag-1987", GZ_PREF, 0 },
	{ "Abgabenordnung", "ao", GZ_PREF, 0 },
	{ "Bürgerliches Gesetzbuch", "bgb", GZ_PREF, 0 },
	{ "Prisenordnung", "prisenordnung", GZ_PREF, 0 },
	{ "Weingesetz", "weingesetz", GZ_PREF, 0 },
};

static const struct {
	const char *text, *want;
} fuzzy_cases[] = {
	{ "Datapod", "Datapod|dataport|fuzzy;" },         /* sound-alike */
	{ "VITACO", "VITACO|vitako|fuzzy;" },             /* one substitution */
	{ "ET-Planungsrat", "ET-Planungsrat|it-planungsrat|fuzzy;" },
	{ "T-Planungsrat", "T-Planungsrat|it-planungsrat|fuzzy;" },
	{ "des ET-Planungsrats", "ET-Planungsrats|it-planungsrat|fuzzy;" },
	{ "EU-Vollet", "EU-Vollet|eudi-wallet|fuzzy;" },   /* Koelner Phonetik */
	{ "Deutschlandstick", "Deutschlandstick|deutschland-stack|fuzzy;" },
	{ "die Register Modernisierung", "Register Modernisierung|registermodernisierung|fuzzy;" },
	{ "Dataport und Datapod", "Dataport|dataport|exact;Datapod|dataport|fuzzy;" },
	/* a typo after an acronym that matched as a compound's first part:
	 * the whole compound, not the acronym */
	{ "Der IT-Planugsrat tagt", "IT-Planugsrat|it-planungsrat|fuzzy;" },
	{ "die OZG-Umsetzng", "OZG-Umsetzng|ozg-umsetzung|fuzzy;" },
	{ "die OZG-Umsetzng und OZG-Umsetzung", "OZG-Umsetzng|ozg-umsetzung|fuzzy;OZG-Umsetzung|ozg-umsetzung|exact;" },
	{ "IT-Sicherheit", "IT|it|compound;" }, /* no label near: the compound stays */
	{ "OZG-Planungsrat", "OZG|ozg|compound;" }, /* the label must start with the part */
	{ "die Abgabenordung", "Abgabenordung|ao|fuzzy;" }, /* a typo in law text */
	{ "des Bürgerlichen Gesetzbuchs", "Bürgerlichen Gesetzbuchs|bgb|inflected;" }, /* declined inside: exact */
	/* never: abbreviations, other words, short words, the label's tail */
	{ "der Betrag", "" },
	{ "dessen", "" },
	{ "der Stack", "" },
	{ "OZC", "" },
	{ "Datum", "" },
	{ "Vitamine", "" },
	{ "wenig Sitze", "" },           /* two words joined: edits only */
	{ "im Seebad", "" },             /* an ordinary word; the label ends in capitals */
	{ "Walbeck", "" },               /* WalfÜbk: an abbreviation */
	{ "Rentenanpassungsgesetz 1982", "" }, /* another number */
};

/* Cases that need the word list (Debian's wngerman). */
static const struct {
	const char *text, *want;
} fuzzy_word_cases[] = {
	/* another word of the word list in place of the label's */
	{ "des Bundeswaldgesetzes", "" },
	{ "die Zollordnung", "" },
	{ "das Fischgesetz", "" },
	{ "des Arbeitsschutzgesetzes", "" },
	{ "Prozessordnungen", "" }, /* two known words: no sound-alike */
	/* but an ending is no other word, and a misspelling stays one */
	{ "des Bundeswahlgesetzes", "Bundeswahlgesetzes|bwahlg|inflected;" },
	{ "des Bundeswahlgesezes", "Bundeswahlgesezes|bwahlg|fuzzy;" },
	{ "der Zolverordnung", "Zolverordnung|zollv|fuzzy;" },
};

static void fuzzy_case(struct gz *gz, const struct gz_fuzzy *fz, const char *text,
                       const char *want, struct buf *out)
{
	struct nz z;
	nz_init(&z);
	struct gz_hit *hits = NULL;
	size_t n = 0, cap = 0;
	buf_reset(out);
	buf_puts(out, "");
	if (nz_run(&z, text, strlen(text)) == 0 &&
	    gz_match_block(gz, &z, text, 0, strlen(text), &hits, &n, &cap) == 0 &&
	    gz_fuzzy_block(fz, &z, text, 0, strlen(text), &hits, &n, &cap) == 0)
		for (size_t k = 0; k < n; k++) {
			buf_printf(out, "%.*s|%s|%s;", (int)(hits[k].end - hits[k].start),
			           text + hits[k].start, gz_entry_concept(gz, hits[k].entry),
			           hits[k].method);
			CHECK(!strcmp(hits[k].method, "fuzzy") ? hits[k].score < 1.0 : hits[k].score == 1.0);
		}
	free(hits);
	nz_free(&z);
	CHECK_STR(buf_cstr(out), want);
}

static void test_fuzzy_table(void)
{
	struct err err;
	struct gz *gz = gz_compile(fuzzy_labels, sizeof fuzzy_labels / sizeof fuzzy_labels[0], &err);
	CHECK(gz != NULL);
	const struct gz_fuzzy *fz = gz ? gz_fuzzy_get(gz) : NULL;
	CHECK(fz != NULL);
	if (!fz) {
		gz_free(gz);
		return;
	}
	struct buf out = BUF_INIT;
	for (size_t i = 0; i < sizeof fuzzy_cases / sizeof fuzzy_cases[0]; i++)
		fuzzy_case(gz, fz, fuzzy_cases[i].text, fuzzy_cases[i].want, &out);
	if (access("/usr/share/dict/ngerman", R_OK) == 0)
		for (size_t i = 0; i < sizeof fuzzy_word_cases / sizeof fuzzy_word_cases[0]; i++)
			fuzzy_case(gz, fz, fuzzy_word_cases[i].text, fuzzy_word_cases[i].want, &out);
	else
		SKIP("fuzzy matching against the word list", "no /usr/share/dict/ngerman");
	buf_free(&out);
	gz_free(gz);
}

int main(void)
{
	RUN(test_fuzzy_table);
	RUN(test_rules_table);
	RUN(test_compiled_file_round_trip);
	RUN(test_empty_and_odd_labels);
	TEST_END();
}
