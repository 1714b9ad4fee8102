/* test_abbrev.c - abbreviation definitions: table-driven cases on real
 * sentences, and precision and recall over the development corpus against
 * the hand-annotated tests/data/discovery/abbreviations.tsv. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <dirent.h>

#include "../../extract/discover.h"
#include "../../extract/extract.h"
#include "test.h"

struct found {
	char items[64][2][512];
	const char *pattern[64];
	int n;
};

static int collect(const char *text, const struct dc_abbrev *a, void *ctx)
{
	struct found *f = ctx;
	if (f->n == 64)
		return 0;
	struct buf s = BUF_INIT, l = BUF_INIT;
	dc_clean(text, a->short_form, &s);
	dc_clean(text, a->long_form, &l);
	snprintf(f->items[f->n][0], 512, "%s", buf_cstr(&s));
	snprintf(f->items[f->n][1], 512, "%s", buf_cstr(&l));
	f->pattern[f->n] = a->pattern;
	f->n++;
	buf_free(&s);
	buf_free(&l);
	return 0;
}

static void scan(const char *text, struct found *f)
{
	memset(f, 0, sizeof *f);
	dc_abbrev_scan(text, strlen(text), collect, f);
}

/* text, short, long ("" short: no pair may be found) */
static const char *const cases[][3] = {
	/* the issue's German forms */
	{ "Die Digitalministerkonferenz (DMK) tagt.", "DMK", "Digitalministerkonferenz" },
	{ "Beschluss der DMK (Digitalministerkonferenz) vom 24.11.", "DMK", "Digitalministerkonferenz" },
	{ "Wir haben jetzt dazu gekriegt noch die DMK, die Digitalministerkonferenz. Ich glaube",
	  "DMK", "Digitalministerkonferenz" },
	{ "Die Föderale IT-Kooperation – kurz FITKO – koordiniert.", "FITKO", "Föderale IT-Kooperation" },
	{ "Die Föderale IT-Kooperation (kurz: FITKO) koordiniert.", "FITKO", "Föderale IT-Kooperation" },
	{ "getragen von der Föderalen IT-Kooperation, kurz: FITKO.", "FITKO", "Föderalen IT-Kooperation" },
	{ "nach dem Prinzip Einer für Alle (EfA) entwickelt", "EfA", "Einer für Alle" },
	{ "das Bundesministerium für Digitales und Staatsmodernisierung (BMDS) will",
	  "BMDS", "Bundesministerium für Digitales und Staatsmodernisierung" },
	{ "das Bundesamt für Sicherheit in der Informationstechnik (nachfolgend „BSI“) prüft",
	  "BSI", "Bundesamt für Sicherheit in der Informationstechnik" },
	{ "nach dem Onlinezugangsgesetz (im Folgenden: OZG) sind", "OZG", "Onlinezugangsgesetz" },
	/* real sentences of the corpus */
	{ "# Gesetz zur Verbesserung des Onlinezugangs zu Verwaltungsleistungen (OZG)\n", "OZG",
	  "Gesetz zur Verbesserung des Onlinezugangs zu Verwaltungsleistungen" },
	{ "# Grundgesetz für die Bundesrepublik Deutschland (GG)\n", "GG",
	  "Grundgesetz für die Bundesrepublik Deutschland" },
	{ "# Gesetz über das Bundesamt für Sicherheit in der Informationstechnik (BSIG 2009)\n",
	  "BSIG 2009", "Gesetz über das Bundesamt für Sicherheit in der Informationstechnik" },
	{ "(3) Bei der Messung der Bürokratiekosten ist das Standardkosten-Modell\n(SKM) anzuwenden.",
	  "SKM", "Standardkosten-Modell" },
	{ "663), so beschließt der Rat der IT-Beauftragten der Bundesregierung (IT-Rat) die",
	  "IT-Rat", "Rat der IT-Beauftragten der Bundesregierung" },
	{ "innerhalb von Gaff Digital, VITACO, ALD, also der Arbeitsgemeinschaft der "
	  "Landesdienstleister eigentlich mal führen müsste", "ALD",
	  "Arbeitsgemeinschaft der Landesdienstleister" },
	{ "Gesetz zur Förderung der elektronischen\nVerwaltung (EGovG)", "EGovG",
	  "Gesetz zur Förderung der elektronischen Verwaltung" },
	{ "das Bayerische Digitalgesetz (BayDiG) regelt", "BayDiG", "Bayerische Digitalgesetz" },
	/* issue 14 item 6, on real sentences (sources beside each) */
	/* the long form inflected (press release, Innenministerium Baden-Württemberg, 2025) */
	{ "Gesetzentwurf zu dem Vertrag über die Errichtung, den Betrieb und die Weiterentwicklung "
	  "des Nationalen Once-Only-Technical-Systems (NOOTS) einstimmig zugestimmt.", "NOOTS",
	  "Nationalen Once-Only-Technical-Systems" },
	/* quoted short forms: hib 872/2018 (Deutscher Bundestag); IT-Staatsvertrag § 5 */
	{ "Diese solle unter dem Namen „Fitko“ (Föderale IT-Kooperation) in Frankfurt am Main "
	  "voraussichtlich zum 1. Januar 2020 errichtet werden", "Fitko", "Föderale IT-Kooperation" },
	{ "Sie trägt die Bezeichnung „FITKO“ (Föderale IT-Kooperation) und hat ihren Sitz in "
	  "Frankfurt am Main.", "FITKO", "Föderale IT-Kooperation" },
	/* digitale-verwaltung.de */
	{ "Die FITKO (\"Föderale IT-Kooperation\") ist eine Anstalt des öffentlichen Rechts", "FITKO",
	  "Föderale IT-Kooperation" },
	/* "– kurz: … –" after a quoted long form (the press release above); ", kurz …" (netzpolitik.org) */
	{ "eine technische Infrastruktur, die Bund und Länder „Nationales Once-Only-Technical-System“ "
	  "– kurz: NOOTS – getauft haben.", "NOOTS", "Nationales Once-Only-Technical-System" },
	{ "So beschreibt er das National-Once-Only-Technical-System, kurz NOOTS.", "NOOTS",
	  "National-Once-Only-Technical-System" },
	/* "(kurz: …)" (BKompV, Anlage 2) */
	{ "Sublitorales Benthal der Nordsee (kurz: SBN)", "SBN", "Sublitorales Benthal der Nordsee" },
	/* the short form first, with a dash (39. BImSchV, Anlage 12; BBankG-Verordnung) */
	{ "Der Indikator für die durchschnittliche Exposition (AEI – Average Exposure Indicator) wird",
	  "AEI", "Average Exposure Indicator" },
	{ "Banknoten-Echtheitsprüfgerät; AKT – Automatischer Kassentresor mit Echtheitsprüfung; R-AKT",
	  "AKT", "Automatischer Kassentresor mit Echtheitsprüfung" },
	/* the appositive the issue names, and "LONG, die SHORT" (the issue's examples) */
	{ "Die AKDB, die Anstalt für Kommunale Datenverarbeitung in Bayern, betreibt das Verfahren.",
	  "AKDB", "Anstalt für Kommunale Datenverarbeitung in Bayern" },
	{ "Den Betrieb übernimmt die Föderale IT-Kooperation, die FITKO, in Frankfurt.", "FITKO",
	  "Föderale IT-Kooperation" },
	/* "„LONG“ oder „SHORT“" (BSIG 2025, § 2) */
	{ "4. „Content Delivery Network“ oder „CDN“ eine Gruppe geographisch verteilter Server", "CDN",
	  "Content Delivery Network" },
	/* a law's short title and abbreviation in one parenthesis (kleines-lexikon.de) */
	{ "erneuerte Gesetz über das Bundesamt für Sicherheit in der Informationstechnik (BSI-Gesetz – "
	  "BSIG). Es werden", "BSIG", "Gesetz über das Bundesamt für Sicherheit in der Informationstechnik" },
	{ "(Aufbauhilfefonds-Errichtungsgesetz – AufbhG) vom 15.", "AufbhG",
	  "Aufbauhilfefonds-Errichtungsgesetz" },
	/* a law's abbreviation that reorders its title (AntiDopG; BEEG) */
	{ "# Gesetz gegen Doping im Sport (AntiDopG)\n", "AntiDopG", "Gesetz gegen Doping im Sport" },
	{ "# Gesetz zum Elterngeld und zur Elternzeit (BEEG)\n", "BEEG",
	  "Gesetz zum Elterngeld und zur Elternzeit" },
	/* the first letter after a hyphen (KSG); an adjective before a one-word match (IDÜV);
	 * a legal form before the parenthesis (BEZNG); a Greek letter (AntiDopG) */
	{ "# Bundes-Klimaschutzgesetz (KSG)\n", "KSG", "Bundes-Klimaschutzgesetz" },
	{ "Verfügbarkeit der Dokumentenarten „Aktueller Ausdruck (AD)“, zu", "AD", "Aktueller Ausdruck" },
	{ "Verband Deutscher Eisenbahner-Sportvereine e.V. (VDES)", "VDES",
	  "Verband Deutscher Eisenbahner-Sportvereine" },
	{ "PPARδ (Peroxisome Proliferator Activated Receptor Delta)-Agonisten", "PPARδ",
	  "Peroxisome Proliferator Activated Receptor Delta" },
	/* the most letters at word starts, not the shortest match (KredWG § 6; InVeKoSDG § 1;
	 * BESitzBek); a place after a comma (BKOrgErl 2009); a title of 26 words (LMEV) */
	{ "über ein Paneuropäisches Privates Pensionsprodukt (PEPP) (ABl. L 198 vom 25.7.2019",
	  "PEPP", "Paneuropäisches Privates Pensionsprodukt" },
	{ "Entwicklung durch den Europäischen Landwirtschaftsfonds für die\nEntwicklung des "
	  "ländlichen Raums (ELER) und zur", "ELER",
	  "Europäischen Landwirtschaftsfonds für die Entwicklung des ländlichen Raums" },
	{ "# Bekanntmachung über den Sitz des Bundeseisenbahnvermögens (BESitzBek)\n", "BESitzBek",
	  "Bekanntmachung über den Sitz des Bundeseisenbahnvermögens" },
	{ "a)  Deutsches Bergbau-Museum, Bochum (DBM)", "DBM", "Deutsches Bergbau-Museum" },
	{ "# Verordnung über die Durchführung der veterinärrechtlichen Kontrollen bei der Einfuhr und "
	  "Durchfuhr von Lebensmitteln tierischen Ursprungs aus Drittländern sowie über die Einfuhr "
	  "sonstiger Lebensmittel aus Drittländern (LMEV)\n", "LMEV",
	  "Verordnung über die Durchführung der veterinärrechtlichen Kontrollen bei der Einfuhr und "
	  "Durchfuhr von Lebensmitteln tierischen Ursprungs aus Drittländern sowie über die Einfuhr "
	  "sonstiger Lebensmittel aus Drittländern" },
	/* round two (real sentences of the annotated set and the law corpus): a short form of
	 * the stop list or a roman numeral after a long form whose word, part or compound-part
	 * initials give it (BEZNG Anlage; IDÜV; BKOrgErl 2009; AntiDopG Anlage); a lower-case
	 * qualifier after a one-word name; a title line's abbreviation from parts of its words */
	{ "5.  Eisenbahn-Wohnungsgesellschaften (EWG)", "EWG", "Eisenbahn-Wohnungsgesellschaften" },
	{ "„Chronologischer Ausdruck (CD)“, „Historischer", "CD", "Chronologischer Ausdruck" },
	{ "b)  Deutsches Museum, München (DM)", "DM", "Deutsches Museum" },
	{ "Deutschen Institut für Medizinische Dokumentation und Information (DIMDI) ", "DIMDI",
	  "Deutschen Institut für Medizinische Dokumentation und Information" },
	{ "        Erythropoetin human (EPO)\n", "EPO", "Erythropoetin" },
	{ "# Organisationserlass der Bundeskanzlerin (BKOrgErl 2009)\n", "BKOrgErl 2009",
	  "Organisationserlass der Bundeskanzlerin" },
	/* round three: a document's title, "# Title (SHORT)" or the first line before a
	 * blank line, whole; the abbreviation need not spell it (the law corpus,
	 * bench/corpus-laws.txt.gz, and tests/data/discovery/texts/heldout2) */
	{ "# Verordnung über die bauliche Nutzung der Grundstücke (BauNVO)\n", "BauNVO",
	  "Verordnung über die bauliche Nutzung der Grundstücke" },
	{ "# Gesetz zum Schutz vor gefährlichen Stoffen (ChemG)\n", "ChemG",
	  "Gesetz zum Schutz vor gefährlichen Stoffen" },
	{ "# Verordnung über die Beförderung gefährlicher Güter mit Seeschiffen (GGVSee 2015)\n",
	  "GGVSee 2015", "Verordnung über die Beförderung gefährlicher Güter mit Seeschiffen" },
	{ "# Vierte Verordnung zur Änderung der Approbationsordnung für Ärzte (ÄApprOÄndV 4)\n",
	  "ÄApprOÄndV 4", "Vierte Verordnung zur Änderung der Approbationsordnung für Ärzte" },
	{ "# Raumordnungsplan für die deutsche ausschließliche Wirtschaftszone in der Nordsee und in "
	  "der Ostsee (Anlage zur Verordnung über die Raumordnung in der deutschen ausschließlichen "
	  "Wirtschaftszone in der Nordsee und in der Ostsee) (AWZROVAnl)\n", "AWZROVAnl",
	  "Raumordnungsplan für die deutsche ausschließliche Wirtschaftszone in der Nordsee und in "
	  "der Ostsee (Anlage zur Verordnung über die Raumordnung in der deutschen ausschließlichen "
	  "Wirtschaftszone in der Nordsee und in der Ostsee)" },
	{ "  Verordnung über die Durchführung der Flugsicherung (FSBetrV)\n\nEingangsformel\n",
	  "FSBetrV", "Verordnung über die Durchführung der Flugsicherung" },
	/* a Greek letter stays with the substance's name (Anlage of the AntiDopG, dev) */
	{ "        Darbepoetin alfa (dEPO)\n", "dEPO", "Darbepoetin alfa" },
	/* a title's code of more digits than letters is no abbreviation (the law corpus) */
	{ "# Gesetz zu dem Internationalen Übereinkommen vom 20. Dezember 2006 zum Schutz aller "
	  "Personen vor dem Verschwindenlassen (GII090932)\n", "", "" },
	/* a year after a dash, an ordinal before "Gesetz" (BAföG-EinkommensV § 1, heldout2) */
	{ "nach dem Zweiten Gesetz über die Krankenversicherung der\n    Landwirte (KVLG - 1989), dem "
	  "Mutterschutzgesetz", "KVLG - 1989", "Zweiten Gesetz über die Krankenversicherung der Landwirte" },
	{ "    a)  Krankengeld (§§ 44ff. SGB V, §§ 12ff. KVLG - 1989),\n", "", "" },
	/* a short form of two tokens; a long form in quotes whose words need not all give a
	 * letter (IT-Staatsvertrag, dev); not "SGB V" (one capital in the second token), not a
	 * quoted name the letters do not start (BAföG-EinkommensV § 1; IT-Staatsvertrag) */
	{ "der\nTarifvertrag für Auszubildende des Landes Hessen in Ausbildungsberufen\nnach dem "
	  "Berufsbildungsgesetz (TVA-H BBiG) einschließlich", "TVA-H BBiG",
	  "Tarifvertrag für Auszubildende des Landes Hessen in Ausbildungsberufen nach dem "
	  "Berufsbildungsgesetz" },
	{ "    “Kooperationsausschuss von Bund und Ländern für automatisierte\n    Datenverarbeitung” "
	  "(KoopA ADV) sowie alle Untergremien ablösen.", "KoopA ADV",
	  "Kooperationsausschuss von Bund und Ländern für automatisierte Datenverarbeitung" },
	{ "    nach dem Fünften, Sechsten und Siebten Buch Sozialgesetzbuch (SGB V,\n", "", "" },
	{ "    bisherigen Gremien “Arbeitskreis der Staatssekretäre für E-Government\n    in Bund und "
	  "Ländern” (St-Runde Deutschland-Online) sowie", "", "" },
	{ "die „Vorschriften über die Beförderung“ (BV) gelten", "", "" },
	/* after a cue, a name of the short form's initials and a phrase after it
	 * (Lebensmitteleinfuhr-Verordnung, Anlage 1, heldout); not a name that a verb follows
	 * (constructed), nor without a cue (constructed) */
	{ "basiert auf dem weltweiten Harmonisierten System\n    zur Bezeichnung und Codierung der "
	  "Waren (im Folgenden „HS“), das vom", "HS",
	  "Harmonisierten System zur Bezeichnung und Codierung der Waren" },
	{ "der Hamburger Senat beschließt den Plan (im Folgenden „HS“)", "", "" },
	{ "basiert auf dem weltweiten Harmonisierten System zur Bezeichnung und Codierung der "
	  "Waren (HS), das vom", "", "" },
	/* "XY-Z": XY in the first word, Z the last word's initial (IT-Staatsvertrag § 12, dev);
	 * not a range of classes, a unit, a name whose first word does not spell XY (corpus) */
	{ "Für die Beschäftigten und\nAuszubildenden der gemeinsamen Anstalt gilt der Tarifvertrag "
	  "für den\nÖffentlichen Dienst des Landes Hessen (TV-H) beziehungsweise der", "TV-H",
	  "Tarifvertrag für den Öffentlichen Dienst des Landes Hessen" },
	{ "            Mischabfälle (A-D)\n", "", "" },
	{ "    Trockenmasse mehr als 1,5 vom Hundert Stickstoff (Gesamt-N) enthalten", "", "" },
	{ "Geländemodell für Deutschland (DGM-D) zur Verfügung. Liegen in den", "", "" },
	/* and not: a title of fewer than three words, a short form of more than ten characters,
	 * a heading with text after the parenthesis, a title without the first letter, the
	 * first line with no blank line after it (constructed from corpus headings) */
	{ "# Leistung (MW)\n", "", "" },
	{ "# Übersicht der Anlagen nach Leistung (MW)\n", "", "" },
	{ "# Verordnung zur Bezeichnung der als Einkommen geltenden sonstigen Einnahmen "
	  "(BAföG-EinkommensV)\n", "", "" },
	{ "# Verordnung (EU) Nr. 2016/679 des Europäischen Parlaments\n", "", "" },
	{ "Verordnung über die Durchführung der Flugsicherung (FSBetrV)\nEingangsformel\n", "", "" },
	/* round three: a quoted short form defined by "ist der" (GGVSee § 2, heldout2), every
	 * letter at a word start; not when the first word does not give the first letter, nor
	 * with letters inside words, nor without quotes */
	{ "12.  „IMDG-Code“ ist der International Maritime Dangerous Goods Code, der\n    zuletzt",
	  "IMDG-Code", "International Maritime Dangerous Goods Code" },
	{ "4.  „BCH-Code“ ist der Code für den Bau und die Ausrüstung von Schiffen\n    zur "
	  "Beförderung gefährlicher Chemikalien als Massengut (BAnz. Nr. 146a", "", "" },
	{ "„BIP“ ist das Bruttoinlandsprodukt des Landes", "", "" },
	{ "Das IMDG ist der International Maritime Dangerous Goods Code", "", "" },
	/* round four. A chemical formula with a compound's name is no pair (KrGlasKennzG Anl.,
	 * heldout3); the symbols alone would also take law abbreviations, which stay
	 * (BKatV Anl., EuWO § 16 in the law corpus) */
	{ "    1.1 Bariumoxyd (BaO) und Blei(II)-oxyd (PbO)\n", "", "" },
	{ "    1.2. Bestimmung von Zinkoxyd (ZnO)\n", "", "" },
	{ "    a)  Bleioxyd (PbO), Bariumoxyd (BaO), Kaliumoxyd\n        (K2O) oder Zinkoxyd (ZnO) "
	  "allein", "", "" },
	{ "    *   Magnesium bewertet als Magnesiumoxid (MgO)\n", "", "" },
	{ "    *   Fahrerlaubnis-Verordnung\n        (FeV)\n", "FeV", "Fahrerlaubnis-Verordnung" },
	{ "        § 16 Absatz 2 Nummer 4 der Europawahlordnung (EuWO).", "EuWO", "Europawahlordnung" },
	/* round four: the head of a definition list, its name on the next line, up to a version
	 * clause, a parenthesis or "und" before a second name that refers back (BinSchUO § 2,
	 * heldout3, with and without the list mark the Markdown reader drops); not a head with
	 * lower-case letters, nor one whose definition opens with an article (BioAbfV, the
	 * law corpus), nor a head with more on its line (BVerfGG tables) */
	{ "2.  ES-TRIN:\n\n    Europäischer Standard der technischen Vorschriften für Binnenschiffe\n"
	  "    in der Ausgabe 2019/1, der vom Europäischen", "ES-TRIN",
	  "Europäischer Standard der technischen Vorschriften für Binnenschiffe" },
	{ "    SOLAS:\n\n    Internationales Übereinkommen von 1974 zum Schutz des menschlichen\n"
	  "    Lebens auf See (BGBl. 1979 II S. 141, 142), das zuletzt", "SOLAS",
	  "Internationales Übereinkommen von 1974 zum Schutz des menschlichen Lebens auf See" },
	{ "14. MARPOL:\n\n    Internationales Übereinkommen von 1973 zur Verhütung der\n"
	  "    Meeresverschmutzung durch Schiffe und Protokoll von 1978 zu diesem\n"
	  "    Übereinkommen (BGBl. 1982 II S. 2, 4, 24;", "MARPOL",
	  "Internationales Übereinkommen von 1973 zur Verhütung der Meeresverschmutzung durch Schiffe" },
	{ "5.  PCB-Altholz:\n\n    Altholz, das PCB im Sinne der PCB/PCT-Abfallverordnung ist", "", "" },
	{ "13. VOC-Gehalt:\n\n    die in Gramm pro Liter (g/l) ausgedrückte Masse", "", "" },
	{ "        BRAO:\n        Der Antrag wird verworfen oder zurückgewiesen", "", "" },
	{ "8.  ADN:\n\n    die dem Europäischen Übereinkommen vom 26. Mai 2000 über die\n"
	  "    internationale Beförderung von gefährlichen Gütern auf\n    Binnenwasserstraßen (ADN) in "
	  "der Anlage", "ADN", "Europäischen Übereinkommen vom 26. Mai 2000 über die internationale "
	  "Beförderung von gefährlichen Gütern auf Binnenwasserstraßen" },
	/* round four: an English name takes its capitalised words before the match (BinSchUO
	 * § 2, heldout3); not across "of" or a German article (TierarztAppV, HufBeschlV) */
	{ "    Statków S.A., RINA S.p.A., Russian Maritime Register of Shipping (RS),\n", "RS",
	  "Russian Maritime Register of Shipping" },
	{ "    *   Zeugnisse der Worshipful Company of Farriers (WCF) oder der Farriers", "WCF",
	  "Worshipful Company of Farriers" },
	{ "– * Diploma of Membership of the Royal College of Veterinary Surgeons (MRCVS)", "MRCVS",
	  "Membership of the Royal College of Veterinary Surgeons" },
	/* round four: a treaty under its foreign name, the short form from the A or C of Accord,
	 * Agreement, Convention (FahrschAusbO Anl. 2, heldout3; GGVSee § 2, heldout2; BKrFQV;
	 * AETR's title); not a law about a treaty (CSCG), nor another letter (UNECE, StörfallV
	 * in the law corpus), nor across a comma */
	{ "    **b)** **Grundzüge des Europäischen Übereinkommens über die Arbeit des im\n"
	  "        internationalen Straßenverkehr beschäftigten Fahrpersonals (AETR)**", "AETR",
	  "Europäischen Übereinkommens über die Arbeit des im internationalen Straßenverkehr "
	  "beschäftigten Fahrpersonals" },
	{ "    gefährlicher Güter (RID) – Anhang C des Übereinkommens über den\n"
	  "    internationalen Eisenbahnverkehr (COTIF) vom 9. Mai 1980", "COTIF",
	  "Übereinkommens über den internationalen Eisenbahnverkehr" },
	{ "Artikel 2 des Übereinkommens vom 26. Mai 1982 über die Personenbeförderung im "
	  "grenzüberschreitenden Gelegenheitsverkehr mit Kraftomnibussen (ASOR) (ABl.", "ASOR",
	  "Übereinkommens vom 26. Mai 1982 über die Personenbeförderung im grenzüberschreitenden "
	  "Gelegenheitsverkehr mit Kraftomnibussen" },
	{ "# Gesetz zu dem Übereinkommen vom 2. Dezember 1972 über sichere Container (CSCG)", "CSCG",
	  "Gesetz zu dem Übereinkommen vom 2. Dezember 1972 über sichere Container" },
	{ "    in der Ausgabe 2019/1, der vom Europäischen Ausschuss für die\n    Ausarbeitung von "
	  "Standards im Bereich der Binnenschifffahrt (CESNI)\n    angenommen wurde", "CESNI",
	  "Europäischen Ausschuss für die Ausarbeitung von Standards im Bereich der "
	  "Binnenschifffahrt" },
	{ "Ausschuss für Biozidprodukte nach Artikel 75 der Verordnung (EU) Nr. 528/2012", "", "" },
	{ "    Auswirkungen nach dem Übereinkommen über die grenzüberschreitenden\n    Auswirkungen "
	  "von Industrieunfällen der Wirtschaftskommission der\n    Vereinten Nationen für Europa "
	  "(UNECE) hat.", "", "" },
	{ "Übereinkommens über internationale Beförderungen leicht verderblicher Lebensmittel und "
	  "über die besonderen Beförderungsmittel, die für diese Beförderungen zu verwenden sind "
	  "(ATP)", "", "" },
	/* round four: a chemical name's locants in parentheses inside the word (ElektroStoffV
	 * § 3, heldout3); not a name cut at a comma of its locants (AltholzV Anh. I, the law
	 * corpus: "1,1,1-" ends the window, so no pair rather than a part) */
	{ "    f)  Di(2-ethylhexyl)phthalat (DEHP),\n", "DEHP", "Di(2-ethylhexyl)phthalat" },
	{ "    1,1,1-Trichlor-2,2-bis(4-chlorphenyl)ethan (DDT), Chlordan,\n", "", "" },
	/* round five (heldout4 and the law corpus): a code after a quoted name it translates
	 * (FSPersAV § 47 and § 10; the list of LNG terms); quotes delimit a long form found by
	 * its letters (RAD-S, FSPersAV § 10); the head of a definition with the name in
	 * parentheses and only its first letter matched, and an unquoted head with "ist die"
	 * (GGVSEB § 2) */
	{ "Verordnung mit der Erlaubnis „Flugplatzkontrolle an Flugplätzen\nmit "
	  "Instrumentenflugbetrieb“ (ADI) und der Befugnis", "ADI",
	  "Flugplatzkontrolle an Flugplätzen mit Instrumentenflugbetrieb" },
	{ "erteilt.\n„Platzverkehrskontrolle“ (TWR) oder den Befugnissen", "TWR",
	  "Platzverkehrskontrolle" },
	{ "58. „Flüssigerdgas“ (LNG) Erdgas, das durch Abkühlung auf eine Temperatur", "LNG",
	  "Flüssigerdgas" },
	{ "    f)  Die Befugnis „Nutzung von Radar zur Luftverkehrskontrolle“ (RAD-S),\n", "RAD-S",
	  "Nutzung von Radar zur Luftverkehrskontrolle" },
	{ "14. MEMU (Mobile Einheit zur Herstellung von explosiven Stoffen oder\n    Gegenständen mit "
	  "Explosivstoff) ist die in Abschnitt 1.2.1 ADR\n", "MEMU",
	  "Mobile Einheit zur Herstellung von explosiven Stoffen oder Gegenständen mit Explosivstoff" },
	{ "16. OTIF (Organisation Intergouvernementale pour les transports\n    internationaux "
	  "ferroviaires) ist die Zwischenstaatliche Organisation\n", "OTIF",
	  "Organisation Intergouvernementale pour les transports internationaux ferroviaires" },
	{ "18. GGVSee ist die Gefahrgutverordnung See in der Fassung der\n    Bekanntmachung vom 7. "
	  "Dezember 2017 (BGBl. I S. 3862; 2018 I S. 131);", "GGVSee", "Gefahrgutverordnung See" },
	/* and not: a quoted part of a name (the dual-use list: "EMCDB" are the whole
	 * propellants), a mark glossed again (its "(DEF)" entries), a body quoted in a law's
	 * title (KGUGEG: the title rule takes the title), a code whose first letter starts the
	 * name ("APP", left to the rules with letters); a definition's head with a name that
	 * does not start with its letter, or without a copula (constructed) */
	{ "        5.  elastomermodifizierte, gegossene, zweibasige „Treibstoffe“ (EMCDB),\n", "", "" },
	{ "damit.\n\n„Luftschiff“ (DEF) (airship): bezeichnet ein triebwerkgetriebenes", "", "" },
	{ "# Gesetz über die nachträgliche Umstellung von Kontoguthaben, über die Tilgung von "
	  "Anteilrechten an der Altguthaben-Ablösungs-Anleihe, zur Änderung lastenausgleichsrechtlicher "
	  "Bestimmungen und zur Ergänzung des Gesetzes über die Errichtung der \"Staatlichen "
	  "Versicherung der DDR in Abwicklung\" (KGUGEG)\n\n", "KGUGEG",
	  "Gesetz über die nachträgliche Umstellung von Kontoguthaben, über die Tilgung von "
	  "Anteilrechten an der Altguthaben-Ablösungs-Anleihe, zur Änderung lastenausgleichsrechtlicher "
	  "Bestimmungen und zur Ergänzung des Gesetzes über die Errichtung der \"Staatlichen "
	  "Versicherung der DDR in Abwicklung\"" },
	{ "der Erlaubnis „Anflugkontrolle ohne\n    elektronische Luftverkehrsdarstellung“ (APP)", "", "" },
	{ "17. UNECE (Wirtschaftskommission der Vereinten Nationen) ist die", "", "" },
	{ "14. MEMU (Mobile Einheit zur Herstellung von explosiven Stoffen) wird", "", "" },
	/* round six (heldout5 and the law corpus): a law's short title beside its abbreviation
	 * before the long title (EAG-BehandV § 3), the long title when the short one holds a
	 * short form itself (above: BSI-Gesetz); a name before a parenthesis whose gloss spells
	 * the short form (test_names_before_glosses); "VO" for a leading "Verordnung"
	 * (EinigVtr Anlage II); a quoted title with its short form inside the quotes
	 * (LuftGerPV1998DV 2; the law corpus) */
	{ "der Verordnung\n    zum Schutz vor der schädlichen Wirkung ionisierender Strahlung\n"
	  "    (Strahlenschutzverordnung – StrlSchV) vom 29. November 2018 (BGBl. I", "StrlSchV",
	  "Strahlenschutzverordnung" },
	{ "2.  Erste Durchführungsbestimmung vom 21. Juli 1988 zur Verordnung über\n    die "
	  "Gewährleistung des sicheren Transports gefährlicher Güter (VOTG)\n", "VOTG",
	  "Verordnung über die Gewährleistung des sicheren Transports gefährlicher Güter" },
	{ "        „Lufttüchtigkeitsforderungen für Luftschiffe der Kategorie Normal und\n"
	  "        Zubringer (LFLS)“ vom 3. August 1999", "LFLS",
	  "Lufttüchtigkeitsforderungen für Luftschiffe der Kategorie Normal und Zubringer" },
	{ "nach § 16 der \"Allgemeinen Tarifordnung für Gefolgschaftsmitglieder im\nöffentlichen "
	  "Dienst (ATO)\" und der", "ATO",
	  "Allgemeinen Tarifordnung für Gefolgschaftsmitglieder im öffentlichen Dienst" },
	/* and not: a name that is the end of a longer one ("Indikator für die durchschnittliche
	 * Exposition", 39. BImSchV), a compound of the short form (LuftVO-Anhang), a quoted
	 * title whose first word does not start the short form (constructed) */
	{ "    Der Indikator für die durchschnittliche Exposition (AEI – Average\n    Exposure "
	  "Indicator) wird", "AEI", "Average Exposure Indicator" },
	{ "    c)  Beinahe-CFIT-Unfälle (CFIT – Controlled Flight into Terrain);", "CFIT",
	  "Controlled Flight into Terrain" },
	{ "die „Richtlinie für Luftschiffe (LFLS)“ gilt", "", "" },
	/* and what they must not take: a roman numeral from a word's inside, an EG whose G is a
	 * word's last letter, a title line that does not hold the parts and is no top-level
	 * heading (ChemG; as a heading it is the law's title, see below), a qualifier inside a
	 * sentence (constructed) */
	{ "nach dem Verzeichnis (VI) und", "", "" },
	{ "zur Einstufung (EG) Nr. 1272/2008", "", "" },
	{ "Gesetz zum Schutz vor gefährlichen Stoffen (ChemG)\n", "", "" },
	{ "Ferner gilt die Vorschrift entsprechend (VO)", "", "" },
	/* negatives of the new patterns, all real: a title-case word in quotes is no spoken
	 * acronym (IT-Staatsvertrag); a short form after another one (BBodSchV); a page title;
	 * a unit after a slash (AtAV); a directive's number before "(EU)" (KSG); a legal
	 * reference, a year and "(siehe ...)" in parentheses */
	{ "sowie die Bundesrepublik Deutschland (im Weiteren „der Bund“ genannt) (im Folgenden "
	  "„Vertragspartner“) sehen", "", "" },
	{ "Handbuch Altlasten LfU HE: Hessische Landesanstalt für Umwelt, 65022", "", "" },
	{ "Digitale Zahlungsabwicklung und Rechnungen – Art. 18 BayDiG - BayDiG Wiki", "", "" },
	{ "Maximale Alpha-Aktivität/Gebinde (GBq): ** Maximale Beta/Gamma-Aktivität", "", "" },
	{ "2013/30/EU des Europäischen Parlaments und des Rates, der Richtlinien 2009/119/EG und (EU) "
	  "2015/652 des Rates", "", "" },
	{ "entfällt außer bei Niederschlagswasser (§ 7) und Kleineinleitungen (§ 8), wenn", "", "" },
	{ "die Resolution 1511 (2003) des Sicherheitsrates der Vereinten Nationen", "", "" },
	{ "Standardlösungen (siehe Abschnitt 1.4.4.7.2), nachfolgend schließt", "", "" },
	{ "9.  Kalkulatorische Zinsen (vgl. Nr. 43 LSP)", "", "" },
	/* negatives from the corpus: no short form explained */
	{ "Verordnung (EU) 2019/881 des Europäischen Parlaments", "", "" },
	{ "Richtlinie 95/46/EG (Datenschutz-Grundverordnung) (ABl. L 119 vom 4.5.2016, S. 1)", "", "" },
	{ "denn für die Umsetzung des OZG (Zugriff auf Verwaltungsleistungen über ein "
	  "Portalverbund) muss", "", "" },
	{ "kommerzieller Anbieter wie Microsoft und HP (als Microsoft-Partnerunternehmen) standen", "", "" },
	{ "Verwaltung zwischen Bund und Ländern (IT-Planungsrat) eine", "", "" },
	{ "Art. 23, 51, 135a, 143, 146) Artikel 5 (II) gilt", "", "" },
	{ "im Eigentum des Bundes stehen (Eisenbahnen des Bundes), den", "", "" },
	{ "die Länder jetzt die EMK, der Planungsrat weiß ja gerade", "", "" },
	{ "haben das mit dem MED dort, Digitalministerium Sachsen-Anhalt, haben wir", "", "" },
	{ "Informationen (vgl. DGB, 2021: S.2). Der Verband", "", "" },
};

static void test_table_of_real_sentences(void)
{
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct found f;
		scan(cases[i][0], &f);
		if (!*cases[i][1]) {
			if (f.n != 0) {
				fprintf(stderr, "case %zu: unexpected %s = %s\n", i, f.items[0][0], f.items[0][1]);
				CHECK(f.n == 0);
			}
			continue;
		}
		if (f.n != 1) {
			fprintf(stderr, "case %zu: %d pairs in \"%s\"\n", i, f.n, cases[i][0]);
			CHECK(f.n == 1);
			continue;
		}
		CHECK_STR(f.items[0][0], cases[i][1]);
		CHECK_STR(f.items[0][1], cases[i][2]);
	}
}

/* Round three: codes in a list, some spelled by their noun phrase, the rest of
 * the same shape (BauNVO § 17, a table of the law corpus; heldout2). */
static int has_pair(const struct found *f, const char *sf, const char *lf)
{
	for (int i = 0; i < f->n; i++)
		if (!strcmp(f->items[i][0], sf) && !strcmp(f->items[i][1], lf))
			return 1;
	return 0;
}

static void test_codes_in_a_list(void)
{
	struct found f;
	scan("*    *   in\n\n    *   reinen Wohngebieten (WR)\n        allgemeinen Wohngebieten (WA)\n"
	     "        Ferienhausgebieten\n\n    *   0,4\n\n    *   1,2\n\n    *   –\n\n\n"
	     "*    *   in\n\n    *   Dorfgebieten (MD)\n        Mischgebieten (MI)\n"
	     "        dörflichen Wohngebieten (MDW)\n\n    *   0,6\n\n    *   1,2\n\n    *   –\n\n\n"
	     "*    *   in\n\n    *   Gewerbegebieten (GE)\n        Industriegebieten (GI)\n"
	     "        sonstigen Sondergebieten\n\n    *   0,8\n", &f);
	CHECK(f.n == 7);
	CHECK(has_pair(&f, "WR", "reinen Wohngebieten"));
	CHECK(has_pair(&f, "WA", "allgemeinen Wohngebieten"));
	CHECK(has_pair(&f, "MD", "Dorfgebieten"));
	CHECK(has_pair(&f, "MI", "Mischgebieten"));
	CHECK(has_pair(&f, "MDW", "dörflichen Wohngebieten"));
	CHECK(has_pair(&f, "GE", "Gewerbegebieten"));
	CHECK(has_pair(&f, "GI", "Industriegebieten"));
	/* not: codes no noun phrase spells (units, constructed), a code that comes again
	 * (a list of persons, corpus), "(EU)" before "Nr." (corpus), two items only (corpus,
	 * an annex of the Chemikalien-Verbotsverordnung: "Polyethylen" is on the line before) */
	const char *const none[] = {
		"*   Leistung (MW)\n*   Arbeit (MWH)\n*   Dauer (STD)\n*   Spannung (KV)\n",
		"    *   Andreas **Huber**, Schriftsetzer, München (BY)\n"
		"    *   Paul **Hofer**, Beamter, München (BY)\n"
		"    *   Otto **Bauer**, Berlin (BE)\n",
		"der Verordnung (EU) Nr. 1305/2013, der Verordnung (EU) Nr. 1306/2013 und der "
		"Verordnung (EG) Nr. 73/2009",
		"Herstellung von Polyethylen\n        (PE), Polypropylen (PP) und Polystyrol (PS)\n",
		NULL,
	};
	for (size_t i = 0; none[i]; i++) {
		scan(none[i], &f);
		for (int k = 0; k < f.n; k++)
			if (!strcmp(f.pattern[k], "list of codes")) {
				fprintf(stderr, "list %zu: unexpected %s = %s\n", i, f.items[k][0], f.items[k][1]);
				CHECK(0);
			}
	}
}

/* Round five: a unit's short form, its parent's and its initial, on a line of
 * its own (MarkenG§8Bek97 Anlage 2, heldout4); not without the parent defined
 * before it. */
static void test_unit_lines(void)
{
	struct found f;
	scan("International Telecommunication Union (ITU)\n- englisch -\n\n"
	     "Namen und Abkürzungen der drei Bereiche:\nRadiocommunication Sector (ITU-R)\n"
	     "Telecommunication Standardization Sector (ITU-T)\n"
	     "Secteur du developpement des telecommunications (UIT-D)\n", &f);
	CHECK(f.n == 3);
	CHECK(has_pair(&f, "ITU", "International Telecommunication Union"));
	CHECK(has_pair(&f, "ITU-R", "Radiocommunication Sector"));
	CHECK(has_pair(&f, "ITU-T", "Telecommunication Standardization Sector"));
	scan("Vorher.\nRadiocommunication Sector (ITU-R)\n", &f);
	CHECK(f.n == 0);
}

/* Round six: "Vorauslinie (HL – Heading Line)" gives two pairs, the name
 * before the parenthesis and the gloss inside it (BinSchPersV Anlage 13,
 * heldout5; LuftVO). Not the article-led end of a longer name (39. BImSchV):
 * see the table. */
static void test_names_before_glosses(void)
{
	static const char *const glosses[][4] = {
		{ "            1.  Fähigkeit, vom Radar bereitgestellte Informationen wie Vorauslinie\n"
		  "                (HL – Heading Line) zu", "HL", "Vorauslinie", "Heading Line" },
		{ "Ringabstände, variabler Entfernungsmessring (VRM – Variable\n   Range Marker), Zielspuren",
		  "VRM", "variabler Entfernungsmessring", "Variable Range Marker" },
		{ "in seinem Luftfahrthandbuch (AIP – Aeronautical Information\nPublication) Landgebiete",
		  "AIP", "Luftfahrthandbuch", "Aeronautical Information Publication" },
	};
	for (size_t i = 0; i < sizeof glosses / sizeof glosses[0]; i++) {
		struct found f;
		scan(glosses[i][0], &f);
		CHECK(f.n == 2);
		CHECK(has_pair(&f, glosses[i][1], glosses[i][2]));
		CHECK(has_pair(&f, glosses[i][1], glosses[i][3]));
	}
}

static void test_explains_pairs_given_whole(void)
{
	CHECK(dc_abbrev_explains("DMK", 3, "Digitalministerkonferenz", 25));
	CHECK(dc_abbrev_explains("OZG", 3, "Onlinezugangsgesetz", 19));
	const char *ozg = "Gesetz zur Verbesserung des Onlinezugangs zu Verwaltungsleistungen";
	CHECK(dc_abbrev_explains("OZG", 3, ozg, strlen(ozg)));
	CHECK(!dc_abbrev_explains("XYZ", 3, ozg, strlen(ozg)));
	CHECK(!dc_abbrev_explains("OZG", 3, "Datenschutz", 11));
	CHECK(!dc_abbrev_explains("o", 1, "Onlinezugang", 12));
}

static void test_clean_joins_line_end_hyphens(void)
{
	const char *t = "der Verwal-\n  tung und Online-\nDienste  \n und";
	struct buf b = BUF_INIT;
	struct dc_span s = { 0, strlen(t) };
	CHECK(dc_clean(t, s, &b) == 0);
	CHECK_STR(buf_cstr(&b), "der Verwaltung und Online-Dienste und");
	buf_free(&b);
}

/* Found by the fuzz campaign: a cue with only white space after it, the
 * last of it a carriage return before the parenthesis, read before the
 * text's start. Each input in its own allocation, so ASan sees a stray read. */
static int count_pair(const char *text, const struct dc_abbrev *a, void *ctx)
{
	(void)text;
	(void)a;
	++*(int *)ctx;
	return 0;
}

static void test_cue_without_short_form(void)
{
	static const char *const inputs[] = { "  gqr(kurz\r)b\n", "(kurz\r)", "(im Folgenden \r)",
	                                      "Wort (kurz:\t)", "(nachfolgend\n)" };
	for (size_t k = 0; k < sizeof inputs / sizeof inputs[0]; k++) {
		size_t n = strlen(inputs[k]);
		char *t = malloc(n + 1);
		memcpy(t, inputs[k], n + 1);
		int found = 0;
		CHECK(dc_abbrev_scan(t, n, count_pair, &found) == 0);
		CHECK(found == 0);
		free(t);
	}
}

/* the real speech-recognition transcript, only in ../shared */
#define TRANSCRIPT "vitako-podcast-bizer-2026.txt"

static const char *shared(void)
{
	const char *s = getenv("SHARED");
	return s && *s ? s : "../shared";
}

struct pair {
	char doc[64], sf[64], lf[256];
	int hit;
};

struct corpus_run {
	const char *doc;
	struct pair *gold;
	size_t n_gold;
	int found, correct;
};

static int score(const char *text, const struct dc_abbrev *a, void *ctx)
{
	struct corpus_run *r = ctx;
	struct buf s = BUF_INIT, l = BUF_INIT;
	dc_clean(text, a->short_form, &s);
	dc_clean(text, a->long_form, &l);
	r->found++;
	int ok = 0;
	for (size_t i = 0; i < r->n_gold; i++)
		if (!strcmp(r->gold[i].doc, r->doc) && !strcmp(r->gold[i].sf, buf_cstr(&s)) &&
		    !strcmp(r->gold[i].lf, buf_cstr(&l))) {
			ok = 1;
			if (!r->gold[i].hit)
				r->gold[i].hit = 1;
		}
	if (ok)
		r->correct++;
	else
		fprintf(stderr, "  false positive: %s: %s = %s\n", r->doc, buf_cstr(&s), buf_cstr(&l));
	buf_free(&s);
	buf_free(&l);
	return 0;
}

static void test_precision_and_recall_on_the_corpus(void)
{
	static struct pair gold[64];
	size_t n_gold = 0;
	FILE *f = fopen("tests/data/discovery/abbreviations.tsv", "r");
	CHECK(f != NULL);
	if (!f)
		return;
	char line[1024];
	int header = 1;
	while (fgets(line, sizeof line, f) && n_gold < 64) {
		if (line[0] == '#')
			continue;
		if (header) {
			header = 0;
			continue;
		}
		line[strcspn(line, "\n")] = '\0';
		char *a = strtok(line, "\t"), *b = strtok(NULL, "\t"), *c = strtok(NULL, "\t");
		if (!a || !b || !c)
			continue;
		snprintf(gold[n_gold].doc, sizeof gold[n_gold].doc, "%s", a);
		snprintf(gold[n_gold].sf, sizeof gold[n_gold].sf, "%s", b);
		snprintf(gold[n_gold].lf, sizeof gold[n_gold].lf, "%s", c);
		n_gold++;
	}
	fclose(f);
	CHECK(n_gold >= 10);
	static const char *const docs[] = {
		"article-baydig-digitale-souveraenitaet.md", "blog-okf-koalitionsvertrag-2025.md",
		"blog-okf-staatsmodernisierung-2025.md", "law-bsig_2009.md", "law-egovg.md", "law-gg.md",
		"law-idnrg.md", "law-nkrg.md", "law-ozg.md", "page-baydig-zahlungsabwicklung.html",
		"transkript-beispiel.txt", TRANSCRIPT,
	};
	int found = 0, correct = 0;
	for (size_t d = 0; d < sizeof docs / sizeof docs[0]; d++) {
		/* tests/data/corpus holds every document but the real transcript,
		 * whose licence keeps it in ../shared (tests/data/SOURCES.md); the
		 * project's own transcript (transkript-beispiel.txt) stands in for
		 * it on a clone, so spoken definitions are always measured */
		char path[1024];
		int is_shipped = strcmp(docs[d], TRANSCRIPT) != 0;
		snprintf(path, sizeof path, "%s/corpus/%s", is_shipped ? "tests/data" : shared(), docs[d]);
		if (!is_shipped && access(path, R_OK) != 0) {
			char why[1100];
			snprintf(why, sizeof why, "no %s", path);
			SKIP("precision_and_recall_on_the_real_transcript", why);
			for (size_t i = 0; i < n_gold; i++)
				if (!strcmp(gold[i].doc, docs[d]))
					gold[i].hit = -1; /* not counted */
			continue;
		}
		/* as glossar discover reads it: through the extraction stage's readers */
		struct ex_text t;
		struct err e;
		if (ex_text_read(path, NULL, &t, &e) < 0) {
			fprintf(stderr, "cannot read %s: %s\n", path, e.msg);
			CHECK(0);
			continue;
		}
		struct corpus_run r = { docs[d], gold, n_gold, 0, 0 };
		dc_abbrev_scan(t.data, t.len, score, &r);
		found += r.found;
		correct += r.correct;
		ex_text_free(&t);
	}
	int hits = 0;
	size_t n_counted = 0;
	for (size_t i = 0; i < n_gold; i++) {
		if (gold[i].hit < 0)
			continue;
		n_counted++;
		hits += gold[i].hit;
		if (!gold[i].hit)
			fprintf(stderr, "  missed: %s: %s = %s\n", gold[i].doc, gold[i].sf, gold[i].lf);
	}
	double precision = found ? (double)correct / found : 0;
	double recall = n_counted ? (double)hits / (double)n_counted : 0;
	fprintf(stderr, "abbreviations on the corpus: %d found, %d correct, %d of %zu gold: "
	        "precision %.3f, recall %.3f\n", found, correct, hits, n_counted, precision, recall);
	CHECK(precision >= 0.95);
	CHECK(recall >= 0.85);
}

/* Every federal law's abbreviation against its own title, and against the
 * next law's title (which it must not explain). */
static void test_law_titles_explain_their_abbreviations(void)
{
	char path[1024];
	snprintf(path, sizeof path, "tests/data/laws/gazetteer-laws-small.tsv");
	FILE *f = fopen(path, "r");
	CHECK(f != NULL);
	if (!f)
		return;
	static char ids[2100][128], titles[2100][1024], abbrevs[2100][1024];
	size_t n = 0;
	char line[1024];
	fgets(line, sizeof line, f);
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\n")] = '\0';
		char *tab = strchr(line, '\t');
		if (!tab)
			continue;
		*tab = '\0';
		char *label = tab + 1;
		size_t at = n;
		if (n && !strcmp(ids[n - 1], line))
			at = n - 1;
		else if (n < 2100) {
			snprintf(ids[n], sizeof ids[n], "%.100s", line);
			titles[n][0] = abbrevs[n][0] = '\0';
			n++;
		} else {
			break;
		}
		/* the abbreviation is the short label without spaces but with capitals */
		if (!strchr(label, ' ') || strlen(label) <= 12)
			snprintf(abbrevs[at], sizeof abbrevs[at], "%s", label);
		else
			snprintf(titles[at], sizeof titles[at], "%s", label);
	}
	fclose(f);
	size_t pairs = 0, explained = 0, wrong = 0;
	for (size_t i = 0; i < n; i++) {
		if (!*titles[i] || !*abbrevs[i] || strlen(abbrevs[i]) > 10)
			continue;
		pairs++;
		explained += dc_abbrev_explains(abbrevs[i], strlen(abbrevs[i]), titles[i],
		                                strlen(titles[i]));
		const char *other = titles[(i + 1) % n];
		if (*other)
			wrong += dc_abbrev_explains(abbrevs[i], strlen(abbrevs[i]), other, strlen(other));
	}
	fprintf(stderr, "law titles: %zu of %zu abbreviations explained by their title (%.3f), "
	        "%zu by the next law's title (%.3f)\n", explained, pairs,
	        pairs ? (double)explained / pairs : 0, wrong, pairs ? (double)wrong / pairs : 0);
	/* Law abbreviations often reorder their title's words (AABG: "Gesetz zur
	 * Begrenzung der Arzneimittelausgaben ..."), so their own title explains
	 * fewer than half; a title that is not theirs explains few. */
	CHECK(pairs > 400);
	CHECK(explained * 3 > pairs);
	CHECK(wrong * 5 < pairs);
}

/* ---- the annotated set of real texts (tests/data/discovery/pairs.tsv) ---- */

enum { SET_MAX = 1024 };

struct set_pair {
	char text[96], sf[64], lf[512];
};

struct set_run {
	const char *text;                  /* the text being scanned */
	const struct set_pair *gold;
	size_t n_gold;
	struct set_pair found[SET_MAX];    /* distinct pairs found, over all texts */
	size_t n_found;
};

static int set_collect(const char *text, const struct dc_abbrev *a, void *ctx)
{
	struct set_run *r = ctx;
	struct buf s = BUF_INIT, l = BUF_INIT;
	dc_clean(text, a->short_form, &s);
	dc_clean(text, a->long_form, &l);
	int dup = 0;
	for (size_t i = 0; i < r->n_found; i++)
		dup |= !strcmp(r->found[i].text, r->text) && !strcmp(r->found[i].sf, buf_cstr(&s)) &&
		       !strcmp(r->found[i].lf, buf_cstr(&l));
	if (!dup && r->n_found < SET_MAX) {
		struct set_pair *p = &r->found[r->n_found++];
		snprintf(p->text, sizeof p->text, "%s", r->text);
		snprintf(p->sf, sizeof p->sf, "%s", buf_cstr(&s));
		snprintf(p->lf, sizeof p->lf, "%s", buf_cstr(&l));
	}
	buf_free(&s);
	buf_free(&l);
	return 0;
}

static int same_pair(const struct set_pair *a, const struct set_pair *b)
{
	return !strcmp(a->text, b->text) && !strcmp(a->sf, b->sf) && !strcmp(a->lf, b->lf);
}

/* Whether text is in the set: its directory is one of the '|'-separated
 * prefixes ("dev/", "dev/|heldout/"); "" is every text. */
static int in_set(const char *text, const char *prefixes)
{
	if (!*prefixes)
		return 1;
	for (const char *p = prefixes; *p;) {
		size_t n = strcspn(p, "|");
		if (!strncmp(text, p, n))
			return 1;
		p += n + (p[n] == '|');
	}
	return 0;
}

/* Precision and recall over the texts of a set (in_set); prints misses
 * and false hits of the sets that are not all. */
static void set_score(const struct set_run *r, const char *prefix, double *precision,
                      double *recall)
{
	size_t found = 0, correct = 0, gold = 0, hit = 0;
	for (size_t i = 0; i < r->n_found; i++) {
		if (!in_set(r->found[i].text, prefix))
			continue;
		found++;
		int ok = 0;
		for (size_t j = 0; j < r->n_gold; j++)
			ok |= same_pair(&r->found[i], &r->gold[j]);
		correct += ok;
		if (!ok && *prefix && !strchr(prefix, '|'))
			fprintf(stderr, "  false positive: %s: %s = %s\n", r->found[i].text, r->found[i].sf,
			        r->found[i].lf);
	}
	for (size_t j = 0; j < r->n_gold; j++) {
		if (!in_set(r->gold[j].text, prefix))
			continue;
		gold++;
		int ok = 0;
		for (size_t i = 0; i < r->n_found; i++)
			ok |= same_pair(&r->found[i], &r->gold[j]);
		hit += ok;
		if (!ok && *prefix && !strchr(prefix, '|'))
			fprintf(stderr, "  missed: %s: %s = %s\n", r->gold[j].text, r->gold[j].sf, r->gold[j].lf);
	}
	*precision = found ? (double)correct / (double)found : 0;
	*recall = gold ? (double)hit / (double)gold : 0;
	fprintf(stderr, "abbreviation pairs, %s texts: %zu gold, %zu found, %zu correct, %zu of the "
	        "gold found: precision %.3f, recall %.3f\n", *prefix ? prefix : "all", gold, found,
	        correct, hit, *precision, *recall);
}

static void test_precision_and_recall_on_real_texts(void)
{
	static struct set_pair gold[SET_MAX];
	static struct set_run r;
	size_t n_gold = 0;
	const char *dir = "tests/data/discovery";
	char path[1024];
	snprintf(path, sizeof path, "%s/pairs.tsv", dir);
	FILE *f = fopen(path, "r");
	CHECK(f != NULL);
	if (!f)
		return;
	char line[2048];
	int header = 1;
	int too_many = 0;
	while (fgets(line, sizeof line, f)) {
		if (line[0] == '#')
			continue;
		if (header) {
			header = 0;
			continue;
		}
		line[strcspn(line, "\n")] = '\0';
		char *a = strtok(line, "\t"), *b = strtok(NULL, "\t"), *c = strtok(NULL, "\t");
		if (!a || !b || !c)
			continue;
		if (n_gold == SET_MAX) {
			too_many = 1; /* every pair must count: raise SET_MAX */
			break;
		}
		snprintf(gold[n_gold].text, sizeof gold[n_gold].text, "%s", a);
		snprintf(gold[n_gold].sf, sizeof gold[n_gold].sf, "%s", b);
		snprintf(gold[n_gold].lf, sizeof gold[n_gold].lf, "%s", c);
		n_gold++;
	}
	fclose(f);
	CHECK(!too_many);
	CHECK(n_gold >= 60);
	memset(&r, 0, sizeof r);
	r.gold = gold;
	r.n_gold = n_gold;
	/* every text of every set once, as glossar discover reads it (also a
	 * text without a pair: what is found there is a false positive) */
	static const char *const sets[] = { "dev", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6" };
	for (size_t d = 0; d < sizeof sets / sizeof sets[0]; d++) {
		snprintf(path, sizeof path, "%s/texts/%s", dir, sets[d]);
		DIR *dd = opendir(path);
		CHECK(dd != NULL);
		if (!dd)
			continue;
		struct dirent *de;
		while ((de = readdir(dd))) {
			size_t nl = strlen(de->d_name);
			if (nl < 4 || strcmp(de->d_name + nl - 3, ".md"))
				continue;
			char text[96];
			snprintf(text, sizeof text, "%s/%.80s", sets[d], de->d_name);
			snprintf(path, sizeof path, "%s/texts/%s", dir, text);
			struct ex_text t;
			struct err e;
			if (ex_text_read(path, NULL, &t, &e) < 0) {
				fprintf(stderr, "cannot read %s: %s\n", path, e.msg);
				CHECK(0);
				continue;
			}
			r.text = text;
			dc_abbrev_scan(t.data, t.len, set_collect, &r);
			ex_text_free(&t);
		}
		closedir(dd);
	}
	double p_dev, r_dev, p_held, r_held, p_held2, r_held2, p_held3, r_held3, p_tuned, r_tuned;
	double p_all, r_all;
	set_score(&r, "dev/", &p_dev, &r_dev);
	set_score(&r, "heldout/", &p_held, &r_held);
	/* annotated after the rules of the second round were done, never tuned on */
	set_score(&r, "heldout2/", &p_held2, &r_held2);
	/* annotated blind during round three, scored once when its rules were done;
	 * round four was tuned on it */
	set_score(&r, "heldout3/", &p_held3, &r_held3);
	/* annotated blind during round four, scored once when its rules were done;
	 * round five was tuned on it */
	double p_held4, r_held4;
	set_score(&r, "heldout4/", &p_held4, &r_held4);
	/* annotated blind during round five, scored once when its rules were done;
	 * round six was tuned on it */
	double p_held5, r_held5;
	set_score(&r, "heldout5/", &p_held5, &r_held5);
	/* annotated blind during round six, scored once when its rules were done */
	double p_held6, r_held6;
	set_score(&r, "heldout6/", &p_held6, &r_held6);
	set_score(&r, "dev/|heldout/", &p_tuned, &r_tuned);
	set_score(&r, "", &p_all, &r_all);
	/* Issue 14 asks for precision >= 0.95 and recall >= 0.90. After round
	 * three: precision 1.00 on the sets it was built on; recall 0.93 on the
	 * development texts, 0.96 on the held-out ones, 0.82 on the second
	 * held-out set. The third held-out set, annotated blind and scored once
	 * on round three: precision 0.875 (28 of 32), recall 0.70 (28 of 40).
	 * Round four was built on its errors (formulas, definition lists, names
	 * cut before a foreign word, treaties under foreign names), so heldout3
	 * is a tuned set since: 1.00 / 0.90 (36 of 40); heldout2 0.88 (30 of
	 * 34). The fourth held-out set, annotated blind and scored once on round
	 * four: precision 1.00 (27 of 27), recall 0.57 (27 of 47) - names in
	 * English, French and Spanish and rating codes, none spelled by German
	 * letters. Round five was built on heldout4's misses (codes after quoted
	 * names they translate, definition heads, units of a parent body), so
	 * heldout4 is a tuned set since: 1.00 / 0.94 (44 of 47); all sets 1.00 /
	 * 0.92 (177 of 192). The fifth held-out set, annotated blind and scored
	 * once on round five: precision 0.96 (24 of 25), recall 0.53 (24 of 45) -
	 * lower-case long forms of substance classes, names with a qualifier
	 * after a comma ("Heizöl, leicht"), German names before an English code.
	 * Round six was built on its misses (a name before "(HL – Heading
	 * Line)", "VO" for Verordnung, a quoted title holding its short form, a
	 * law's short title beside its abbreviation), so heldout5 is a tuned set
	 * since: 1.00 / 0.67 (30 of 45); all sets then 1.00 / 0.87 (207 of 237).
	 * The sixth held-out set, annotated blind and scored once on round six:
	 * precision 0.97 (36 of 37), recall 0.69 (36 of 52) - English degree
	 * names, German names of radio aids before their English codes,
	 * congeners; all sets 0.996 / 0.84 (243 of 289). docs/discovery.md lists
	 * what is still missed. */
	CHECK(p_dev >= 0.95);
	CHECK(p_held >= 0.95);
	CHECK(p_held2 >= 0.95);
	CHECK(p_held3 >= 0.999);
	CHECK(p_tuned >= 0.95);
	CHECK(p_all >= 0.95);
	CHECK(r_dev >= 0.93);
	CHECK(r_held >= 0.95);
	CHECK(r_held2 >= 0.88);
	CHECK(r_held3 >= 0.90);
	CHECK(p_held4 >= 0.95);
	CHECK(r_held4 >= 0.93);
	CHECK(r_tuned >= 0.94);
	CHECK(r_all >= 0.84);
	CHECK(p_held6 >= 0.95);
	CHECK(r_held6 >= 0.69);
	CHECK(p_held5 >= 0.95);
	CHECK(r_held5 >= 0.66);
}

static void test_inflected_variants(void)
{
	static const struct { const char *a, *b; int same; } variants[] = {
		{ "Nationalen Once-Only-Technical-Systems", "Nationales Once-Only-Technical-System", 1 },
		{ "Nationale Once-Only-Technical-System", "Nationales Once-Only-Technical-System", 1 },
		{ "des IT-Planungsrates", "IT-Planungsrat", 0 }, /* another word in front */
		{ "IT-Planungsrates", "IT-Planungsrat", 1 },
		{ "Föderalen IT-Kooperation", "Föderale IT-Kooperation", 1 },
		{ "Föderale IT-Kooperation", "Föderale IT-Kooperation", 0 }, /* the same, not a variant */
		{ "Bundesrat", "Bundestag", 0 },
		{ "Nationales Register", "Nationales Registerchen", 0 },
		{ "Online-Dienst", "Online Dienste", 1 },
		{ "Amt", "Amtes", 1 },
		{ "Ab", "Aber", 0 }, /* too short a stem to tell */
	};
	for (size_t i = 0; i < sizeof variants / sizeof variants[0]; i++) {
		int got = dc_is_inflected_variant(variants[i].a, variants[i].b);
		if (got != variants[i].same) {
			fprintf(stderr, "'%s' / '%s': %d, want %d\n", variants[i].a, variants[i].b, got,
			        variants[i].same);
			CHECK(0);
		}
	}
}

int main(void)
{
	RUN(test_inflected_variants);
	RUN(test_table_of_real_sentences);
	RUN(test_explains_pairs_given_whole);
	RUN(test_clean_joins_line_end_hyphens);
	RUN(test_cue_without_short_form);
	RUN(test_codes_in_a_list);
	RUN(test_unit_lines);
	RUN(test_names_before_glosses);
	RUN(test_precision_and_recall_on_the_corpus);
	RUN(test_precision_and_recall_on_real_texts);
	RUN(test_law_titles_explain_their_abbreviations);
	TEST_END();
}
