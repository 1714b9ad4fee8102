/* test_skos.c - the SKOS graph and TBX on a vocabulary built in memory:
 * what glossary.csv cannot express (replaced_by) and the exact triples. */
#include <stdlib.h>

#include "../../exports/exports.h"
#include "test.h"

static char *ozg_abbr[] = { "OZG" };
static char *ozg_hidden[] = { "OCG", "OZG" }; /* the second repeats an altLabel */
static char *efa_broader[] = { "ozg" };
static char *efa_related[] = { "ozg" };

static struct kb_concept items[3];

static void vocab_make(struct kb_vocab *v)
{
	/* Sorted by key, as kb_vocab_load returns it. */
	items[0] = (struct kb_concept){ .key = "efa", .type = "principle", .pref_label = "Einer für Alle",
		.definition = "Ein Land entwickelt, andere nutzen mit.", .source = "", .source_url = "",
		.broader = { efa_broader, 1 }, .related = { efa_related, 1 }, .status = "approved",
		.replaced_by = "", .modified = "2026-01-02T03:04:05Z" };
	items[1] = (struct kb_concept){ .key = "ozg", .type = "law", .pref_label = "Onlinezugangsgesetz",
		.abbreviations = { ozg_abbr, 1 }, .hidden_labels = { ozg_hidden, 2 },
		.definition = "Gesetz \"zum\" Onlinezugang.", .source = "§ 1 OZG",
		.source_url = "https://www.gesetze-im-internet.de/ozg/__1.html", .status = "approved",
		.replaced_by = "", .modified = "2026-03-01T00:00:00Z" };
	items[2] = (struct kb_concept){ .key = "ozg-alt", .type = "law", .pref_label = "OZG alt",
		.definition = "", .source = "", .source_url = "", .status = "deprecated",
		.replaced_by = "ozg", .modified = "2025-12-31T23:59:59Z" };
	v->items = items;
	v->n = 3;
}

static char *write_to_string(int syntax)
{
	struct kb_vocab v;
	vocab_make(&v);
	char *data = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&data, &len);
	if (!f)
		return NULL;
	struct err err;
	struct skos_options opt = { .base_uri = "https://g.example/", .license = "https://l.example/" };
	int rc = syntax < 0 ? tbx_write(f, &v, &err) : skos_write(f, &v, (enum skos_syntax)syntax, &opt, &err);
	fclose(f);
	if (rc) {
		free(data);
		return NULL;
	}
	return data;
}

static void test_turtle_has_the_documented_triples(void)
{
	char *t = write_to_string(SKOS_TTL);
	CHECK(t != NULL);
	if (!t)
		return;
	CHECK(strstr(t, "<https://g.example/>\n    a skos:ConceptScheme"));
	CHECK(strstr(t, "dct:license <https://l.example/>"));
	/* The scheme's modified time is the latest concept's, never the clock's. */
	CHECK(strstr(t, "dct:modified \"2026-03-01T00:00:00Z\"^^xsd:dateTime ;\n    skos:hasTopConcept"));
	CHECK(strstr(t, "skos:hasTopConcept <https://g.example/ozg>,\n         <https://g.example/ozg-alt>"));
	CHECK(!strstr(t, "skos:hasTopConcept <https://g.example/efa>"));
	CHECK(strstr(t, "skos:broader <https://g.example/ozg>"));
	CHECK(strstr(t, "skos:narrower <https://g.example/efa>"));
	CHECK(strstr(t, "skos:prefLabel \"Onlinezugangsgesetz\"@de ;\n    skos:altLabel \"OZG\"@de ;\n"
	                "    skos:hiddenLabel \"OCG\"@de ;"));
	CHECK(strstr(t, "skos:definition \"Gesetz \\\"zum\\\" Onlinezugang.\"@de"));
	CHECK(strstr(t, "dct:source <https://www.gesetze-im-internet.de/ozg/__1.html>"));
	CHECK(strstr(t, "dct:bibliographicCitation \"§ 1 OZG\"@de"));
	/* The type is a class of the class vocabulary, and a collection holds its concepts. */
	CHECK(strstr(t, "<https://g.example/ozg>\n    a skos:Concept,\n         gv:Law ;"));
	CHECK(!strstr(t, "gv:type"));
	CHECK(strstr(t, "<https://g.example/vocab#Law>\n    a owl:Class ;\n    rdfs:label \"Gesetz\"@de,\n         \"Law\"@en ;"));
	CHECK(strstr(t, "<https://g.example/collection/law>\n    a skos:Collection ;\n    skos:prefLabel \"Gesetze und Vorschriften\"@de,"));
	CHECK(strstr(t, "gv:status \"deprecated\" ;\n    owl:deprecated \"true\"^^xsd:boolean ;\n"
	                "    dct:isReplacedBy <https://g.example/ozg>"));
	CHECK(strstr(t, "@prefix gv: <https://g.example/vocab#> ."));
	/* related both ways: declared on efa, so ozg gets it too. */
	const char *ozg = strstr(t, "\n<https://g.example/ozg>\n");
	CHECK(ozg && strstr(ozg, "skos:related <https://g.example/efa>"));
	free(t);
}

static void test_jsonld_and_rdfxml_carry_replaced_by(void)
{
	char *j = write_to_string(SKOS_JSONLD), *x = write_to_string(SKOS_RDFXML);
	CHECK(j && strstr(j, "\"http://purl.org/dc/terms/isReplacedBy\": [\n      {\"@id\": \"https://g.example/ozg\"}]"));
	CHECK(x && strstr(x, "<dct:isReplacedBy rdf:resource=\"https://g.example/ozg\"/>"));
	CHECK(x && strstr(x, "<owl:deprecated rdf:datatype=\"http://www.w3.org/2001/XMLSchema#boolean\">true</owl:deprecated>"));
	free(j);
	free(x);
}

static void test_tbx_marks_terms(void)
{
	char *t = write_to_string(-1);
	CHECK(t != NULL);
	if (!t)
		return;
	CHECK(strstr(t, "<term>OZG</term>\n            <termNote type=\"termType\">acronym</termNote>\n"
	                "            <termNote type=\"administrativeStatus\">admittedTerm-admn-sts</termNote>"));
	CHECK(strstr(t, "<term>OZG alt</term>\n            <termNote type=\"termType\">fullForm</termNote>\n"
	                "            <termNote type=\"administrativeStatus\">deprecatedTerm-admn-sts</termNote>"));
	CHECK(!strstr(t, "OCG")); /* hidden labels are left out */
	CHECK(strstr(t, "<admin type=\"source\">§ 1 OZG</admin>"));
	free(t);
}

static void test_glossary_names_the_replacement_of_a_deprecated_concept(void)
{
	struct kb_vocab v;
	vocab_make(&v);
	struct gl_list l;
	struct err err;
	CHECK(gl_select(&v, NULL, 0, GL_ORDER_ALPHA, 0, GL_LANG_DE, &l, &err) == 0);
	char *data = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&data, &len);
	CHECK(f != NULL);
	if (!f)
		return;
	struct gl_options opt = { NULL, GL_MD_HEADINGS };
	CHECK(gl_write(f, &l, GL_MD, &opt, &err) == 0);
	fclose(f);
	CHECK(data && strstr(data, "## OZG alt\n\n*Veralteter Begriff, ersetzt durch Onlinezugangsgesetz.*\n"));
	/* Alphabetical: Einer für Alle, Onlinezugangsgesetz, OZG alt. */
	const char *a = data ? strstr(data, "## Einer") : NULL, *b = data ? strstr(data, "## Online") : NULL,
	           *c = data ? strstr(data, "## OZG alt") : NULL;
	CHECK(a && b && c && a < b && b < c);
	free(data);
	gl_list_free(&l);
}

int main(void)
{
	RUN(test_turtle_has_the_documented_triples);
	RUN(test_jsonld_and_rdfxml_carry_replaced_by);
	RUN(test_tbx_marks_terms);
	RUN(test_glossary_names_the_replacement_of_a_deprecated_concept);
	TEST_END();
}
