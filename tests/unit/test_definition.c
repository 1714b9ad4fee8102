/* test_definition.c - the German sentence splitter and definition sentences,
 * table-driven on real sentences of the corpus. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../extract/discover.h"
#include "test.h"

static int count_sentence(const char *text, struct dc_span s, void *ctx)
{
	struct buf *b = ctx;
	buf_putc(b, '[');
	dc_clean(text, s, b);
	buf_putc(b, ']');
	return 0;
}

/* text, its sentences as [..][..] */
static const char *const sentences[][2] = {
	{ "Das gilt z. B. für Art. 91c GG. Danach folgt mehr.",
	  "[Das gilt z. B. für Art. 91c GG.][Danach folgt mehr.]" },
	{ "Nach § 3 Abs. 1 Nr. 2 bzw. § 4 gilt das. Ende.",
	  "[Nach § 3 Abs. 1 Nr. 2 bzw. § 4 gilt das.][Ende.]" },
	{ "Es trat am 1. Januar 2024 in Kraft. Das heißt, d. h. ggf. mehr.",
	  "[Es trat am 1. Januar 2024 in Kraft.][Das heißt, d. h. ggf. mehr.]" },
	{ "Siehe S. 29 ff. und vgl. Dr. Müller u. a. dazu. Gut.",
	  "[Siehe S. 29 ff. und vgl. Dr. Müller u. a. dazu.][Gut.]" },
	{ "# § 2 Begriffsbestimmungen\n\n(1) Der „Portalverbund“ ist eine technische Verknüpfung.\n",
	  "[# § 2 Begriffsbestimmungen][(1) Der „Portalverbund“ ist eine technische Verknüpfung.]" },
	{ "(4) „Nutzer“ im Sinne dieses Gesetzes sind\n\n1.  natürliche Personen,\n\n2.  juristische Personen.\n\nNeu",
	  "[(4) „Nutzer“ im Sinne dieses Gesetzes sind 1. natürliche Personen, 2. juristische Personen.][Neu]" },
	{ "Wer? Ich! Und (so war es.) Dann", "[Wer?][Ich!][Und (so war es.)][Dann]" },
	{ "gemeinsam mit J. Bizer und der Stadt. Fertig", "[gemeinsam mit J. Bizer und der Stadt.][Fertig]" },
};

static void test_sentences_know_german_abbreviations(void)
{
	for (size_t i = 0; i < sizeof sentences / sizeof sentences[0]; i++) {
		struct buf b = BUF_INIT;
		dc_sentence_scan(sentences[i][0], strlen(sentences[i][0]), count_sentence, &b);
		CHECK_STR(buf_cstr(&b), sentences[i][1]);
		buf_free(&b);
	}
}

static int collect(const char *text, const struct dc_definition *d, void *ctx)
{
	struct buf *b = ctx;
	if (b->len)
		buf_putc(b, '|');
	dc_clean(text, d->term, b);
	buf_printf(b, "=%s", d->pattern);
	return 0;
}

/* text, the terms found as term=pattern|... */
static const char *const definitions[][2] = {
	/* law-ozg.md § 2 */
	{ "(1) Der „Portalverbund“ ist eine technische Verknüpfung der\nVerwaltungsportale von Bund und Ländern.",
	  "Portalverbund=ist ein" },
	{ "(2) Ein „Verwaltungsportal“ bezeichnet ein bereits gebündeltes\nelektronisches Verwaltungsangebot.",
	  "Verwaltungsportal=bezeichnet" },
	{ "(3) „Verwaltungsleistungen“ im Sinne dieses Gesetzes sind die\nelektronische Abwicklung von Verwaltungsverfahren.",
	  "Verwaltungsleistungen=im Sinne" },
	/* law-bsig_2009.md § 2 */
	{ "(9b) Systeme zur Angriffserkennung im Sinne dieses Gesetzes sind durch\ntechnische Werkzeuge unterstützte Prozesse.",
	  "Systeme zur Angriffserkennung=im Sinne" },
	{ "(8) Protokolldaten im Sinne dieses Gesetzes sind Steuerdaten eines\ninformationstechnischen Protokolls.",
	  "Protokolldaten=im Sinne" },
	{ "(12) „Anbieter digitaler Dienste“ im Sinne dieses Gesetzes ist eine\njuristische Person, die einen digitalen Dienst anbietet.",
	  "Anbieter digitaler Dienste=im Sinne" },
	/* law-nkrg.md, law-gg.md */
	{ "(5) Die Mitgliedschaft im Nationalen Normenkontrollrat ist ein Ehrenamt.",
	  "Mitgliedschaft im Nationalen Normenkontrollrat=ist ein" },
	/* the law list form */
	{ "Im Sinne dieses Gesetzes sind\n\n1.  Behörden: Stellen des Bundes,\n\n2.  Nutzer: natürliche Personen.",
	  "Behörden=Im Sinne ... 1.|Nutzer=Im Sinne ... 1." },
	/* article-baydig-digitale-souveraenitaet.md */
	{ "Technisch versteht man unter digitaler Souveränität eine weitgehende Unabhängigkeit von bestimmten Lösungen.",
	  "digitaler Souveränität=versteht man" },
	{ "Unter Registermodernisierung versteht man die Vernetzung der Register.",
	  "Registermodernisierung=versteht man" },
	{ "Als Deutschland-Stack bezeichnet man die gemeinsame technische Basis.",
	  "Deutschland-Stack=bezeichnet" },
	/* vitako-podcast-bizer-2026.txt */
	{ "Datapod ist eine rechtsfähige Organisation.", "Datapod=ist ein" },
	{ "Und ich hab mir das mal angeguckt bei dem Elfedienst, also Elterngeld aus Bremen, wo wir auch daran beteiligt waren.",
	  "Elfedienst=also" },
	/* negatives from the corpus */
	{ "Die Garantieerklärung ist der Anzeige nach Absatz 1 beizufügen.", "" },
	{ "Dem Antrag sind die Herstellererklärung zu dem Produkt sowie alle Unterlagen beizufügen.", "" },
	{ "Dabei ist der Umfang der Ausgaben unter Berücksichtigung einer mehrjährigen Finanzplanung zu ermitteln.", "" },
	{ "Insofern ist das noch nicht das Idealbild.", "" },
	{ "Natürlich ist die kommunale Ebene mit Bremen und mit Hamburg auch bei uns präsent.", "" },
	{ "Allerdings immer verbunden mit einer Strategie der Fertigungstiefe, also zwei Drittel unseres Umsatzes kaufen wir ein.", "" },
	{ "Der Bundesrat hat sie als dringlich bezeichnet.", "" },
	{ "(4) Die Beschlüsse der Untersuchungsausschüsse sind der richterlichen Erörterung entzogen.", "" },
};

static void test_definition_sentences(void)
{
	for (size_t i = 0; i < sizeof definitions / sizeof definitions[0]; i++) {
		struct buf b = BUF_INIT;
		dc_definition_scan(definitions[i][0], strlen(definitions[i][0]), collect, &b);
		if (strcmp(buf_cstr(&b), definitions[i][1]))
			fprintf(stderr, "case %zu: \"%s\"\n", i, definitions[i][0]);
		CHECK_STR(buf_cstr(&b), definitions[i][1]);
		buf_free(&b);
	}
}

static int knows_eid(const char *s, size_t len, void *ctx)
{
	(void)ctx;
	return len == 9 && !memcmp(s, "eID-Karte", 9);
}

static void test_known_labels_need_no_plausible_shape(void)
{
	const char *t = "Die eID-Karte ist ein Ausweis für Unionsbürger. Die eFoo ist ein Ding.";
	struct buf b = BUF_INIT;
	dc_definition_scan(t, strlen(t), collect, &b);
	CHECK_STR(buf_cstr(&b), "");
	dc_definition_scan_known(t, strlen(t), knows_eid, NULL, collect, &b);
	CHECK_STR(buf_cstr(&b), "eID-Karte=ist ein");
	buf_free(&b);
}

static int count_span(const char *text, struct dc_span s, void *ctx)
{
	(void)text;
	(void)s;
	++*(int *)ctx;
	return 0;
}

static int count_definition(const char *text, const struct dc_definition *d, void *ctx)
{
	(void)text;
	(void)d;
	++*(int *)ctx;
	return 0;
}

/* Stray UTF-8 continuation bytes at the start, after a full stop and at the
 * end once made the splitter step before the buffer (found by fuzzing); run
 * under ASan this reads only inside each exactly sized copy. */
static void test_stray_continuation_bytes_stay_in_bounds(void)
{
	static const char *const inputs[] = {
		"\x80\x80. Die FITKO ist eine Anstalt.",
		"\xBF", "\x80. \x80", "Art.\x80\x80 Nr. 1 ist ein \xA0Wort.",
		"Die DMK (\x80\x80) ist eine Konferenz. \x80",
	};
	for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
		size_t len = strlen(inputs[i]);
		char *copy = malloc(len ? len : 1);
		CHECK(copy != NULL);
		if (!copy)
			continue;
		memcpy(copy, inputs[i], len);
		int n = 0;
		CHECK(dc_sentence_scan(copy, len, count_span, &n) == 0);
		CHECK(dc_definition_scan(copy, len, count_definition, &n) == 0);
		free(copy);
	}
}

int main(void)
{
	RUN(test_sentences_know_german_abbreviations);
	RUN(test_definition_sentences);
	RUN(test_known_labels_need_no_plausible_shape);
	RUN(test_stray_continuation_bytes_stay_in_bounds);
	TEST_END();
}
