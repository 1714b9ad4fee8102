# rdf_check.py - checks for test_export.sh that need rdflib (run with
# Debian's /usr/bin/python3 and python3-rdflib). Prints one "ok NAME" or
# "FAIL NAME: why" line per check.
#   rdf_check.py iso TTL RDFXML JSONLD      the three parse and are isomorphic
#   rdf_check.py roundtrip TTL CSV BASE     literals equal the CSV fields
#   rdf_check.py structure TTL BASE         SKOS relations both ways, top concepts, deprecation
#   rdf_check.py compact TTL COMPACT CONTEXT  compact JSON-LD is the Turtle's graph, with the published context
#   rdf_check.py approved FILE CSV BASE     the concepts are exactly the CSV's approved ones
#                                           (status approved, a definition), no link leads outside
import csv
import sys

import rdflib
from rdflib import Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD


def report(name, cond, why=""):
    print(("ok " if cond else "FAIL ") + name + ("" if cond else ": " + why))


def iso(ttl, rdfxml, jsonld):
    gs = []
    for path, fmt in ((ttl, "turtle"), (rdfxml, "xml"), (jsonld, "json-ld")):
        try:
            gs.append(rdflib.Graph().parse(path, format=fmt))
            report("rdflib_parses_" + fmt.replace("-", ""), True)
        except Exception as e:  # the parser's message is the reason
            report("rdflib_parses_" + fmt.replace("-", ""), False, str(e)[:300])
            return
    report("ttl_and_rdfxml_isomorphic", isomorphic(gs[0], gs[1]), "%d vs %d triples" % (len(gs[0]), len(gs[1])))
    report("ttl_and_jsonld_isomorphic", isomorphic(gs[0], gs[2]), "%d vs %d triples" % (len(gs[0]), len(gs[2])))


def xml_clean(s):
    """What the RDF exports drop: characters XML 1.0 cannot hold, and DEL."""
    return "".join(c for c in s if c in "\t\n\r" or (
        0x20 <= ord(c) <= 0xD7FF and ord(c) != 0x7F) or 0xE000 <= ord(c) <= 0xFFFD or ord(c) >= 0x10000)


def roundtrip(ttl, csv_path, base):
    g = rdflib.Graph().parse(ttl, format="turtle")
    with open(csv_path, newline="", encoding="utf-8") as f:
        rows = [{k: xml_clean(v) for k, v in r.items()} for r in csv.DictReader(f)]
    bad = []
    for r in rows:
        s = URIRef(base + r["key"])
        def lits(p, lang=None):
            return sorted(str(o) for o in g.objects(s, p)
                          if lang is None or getattr(o, "language", None) == lang)
        def want(*cols):
            vals = []
            for c in cols:
                vals += [v for v in r.get(c, "").split("|") if v]
            return sorted(set(vals))
        def one(col):
            return [r[col]] if r.get(col) else []
        # German in the German columns, English in the optional English ones
        if lits(SKOS.prefLabel, "de") != [r["pref_label"]]:
            bad.append("%s prefLabel %r" % (r["key"], lits(SKOS.prefLabel, "de")))
        if lits(SKOS.prefLabel, "en") != one("pref_label_en"):
            bad.append("%s prefLabel@en %r" % (r["key"], lits(SKOS.prefLabel, "en")))
        if lits(SKOS.altLabel, "de") != want("abbreviations", "alt_labels"):
            bad.append("%s altLabel %r" % (r["key"], lits(SKOS.altLabel, "de")))
        if lits(SKOS.altLabel, "en") != want("alt_labels_en"):
            bad.append("%s altLabel@en %r" % (r["key"], lits(SKOS.altLabel, "en")))
        if lits(SKOS.hiddenLabel) != want("hidden_labels"):
            bad.append("%s hiddenLabel" % r["key"])
        if lits(SKOS.definition, "de") != one("definition"):
            bad.append("%s definition %r" % (r["key"], lits(SKOS.definition, "de")))
        if lits(SKOS.definition, "en") != one("definition_en"):
            bad.append("%s definition@en" % r["key"])
        if lits(DCTERMS.bibliographicCitation) != ([r["source"]] if r["source"] else []):
            bad.append("%s source" % r["key"])
        for o in g.objects(s, SKOS.prefLabel):
            if o.language not in ("de", "en"):
                bad.append("%s prefLabel language %r" % (r["key"], o.language))
    report("turtle_literals_equal_csv_fields", not bad, "; ".join(bad)[:600])


def structure(ttl, base):
    g = rdflib.Graph().parse(ttl, format="turtle")
    V = Namespace(base + "vocab#")
    scheme = URIRef(base)
    bad = []
    for s, o in g.subject_objects(SKOS.broader):
        if (o, SKOS.narrower, s) not in g:
            bad.append("no narrower for %s broader %s" % (s, o))
    for s, o in g.subject_objects(SKOS.narrower):
        if (o, SKOS.broader, s) not in g:
            bad.append("no broader for %s narrower %s" % (s, o))
    for s, o in g.subject_objects(SKOS.related):
        if (o, SKOS.related, s) not in g:
            bad.append("related one way: %s %s" % (s, o))
    concepts = set(g.subjects(RDF.type, SKOS.Concept))
    for c in concepts:
        top = not list(g.objects(c, SKOS.broader))
        if top != ((scheme, SKOS.hasTopConcept, c) in g) or top != ((c, SKOS.topConceptOf, scheme) in g):
            bad.append("top concept wrong for %s" % c)
        if (c, SKOS.inScheme, scheme) not in g:
            bad.append("not in scheme: %s" % c)
        for p in (V.status, DCTERMS.modified):
            if len(list(g.objects(c, p))) != 1:
                bad.append("%s has not exactly one %s" % (c, p))
        # one German prefLabel, and at most one per language (SKOS S14)
        langs = [o.language for o in g.objects(c, SKOS.prefLabel)]
        if langs.count("de") != 1 or len(langs) != len(set(langs)):
            bad.append("%s has prefLabels %r, not one German and one a language" % (c, langs))
        # The type: exactly one class of the class vocabulary, a subclass of
        # skos:Concept, and membership in exactly that type's collection.
        classes = [o for o in g.objects(c, RDF.type) if o != SKOS.Concept]
        if len(classes) != 1 or (classes[0], RDFS.subClassOf, SKOS.Concept) not in g:
            bad.append("%s has not exactly one type class: %r" % (c, classes))
        else:
            cols = list(g.subjects(SKOS.member, c))
            if len(cols) != 1 or (cols[0], RDF.type, SKOS.Collection) not in g:
                bad.append("%s is not in exactly one collection: %r" % (c, cols))
            else:
                labels = {o.language for o in g.objects(cols[0], SKOS.prefLabel)}
                if labels != {"de", "en"}:
                    bad.append("collection %s is not labelled de and en" % cols[0])
                if (classes[0], RDFS.isDefinedBy, URIRef(base + "vocab")) not in g:
                    bad.append("class %s is not defined by the class vocabulary" % classes[0])
        status = str(g.value(c, V.status))
        if (status == "deprecated") != ((c, OWL.deprecated, Literal(True)) in g):
            bad.append("owl:deprecated wrong for %s" % c)
    mods = [g.value(c, DCTERMS.modified) for c in concepts]
    if concepts and g.value(scheme, DCTERMS.modified) != max(mods, key=lambda m: str(m)):
        bad.append("scheme dct:modified is not the latest concept's")
    for p in (DCTERMS.title, DCTERMS.license):
        if g.value(scheme, p) is None:
            bad.append("scheme lacks %s" % p)
    if (scheme, RDF.type, SKOS.ConceptScheme) not in g:
        bad.append("no skos:ConceptScheme")
    report("skos_structure_is_consistent", not bad and concepts, "; ".join(bad)[:600] or "no concepts")


def compact(ttl, compact_path, context_path):
    import json
    g = rdflib.Graph().parse(ttl, format="turtle")
    try:
        c = rdflib.Graph().parse(compact_path, format="json-ld")
    except Exception as e:
        report("rdflib_parses_compact_jsonld", False, str(e)[:300])
        return
    report("rdflib_parses_compact_jsonld", True)
    report("ttl_and_compact_jsonld_isomorphic", isomorphic(g, c), "%d vs %d triples" % (len(g), len(c)))
    doc = json.load(open(compact_path, encoding="utf-8"))
    ctx = json.load(open(context_path, encoding="utf-8"))
    report("compact_jsonld_context_is_the_published_one", doc.get("@context") == ctx.get("@context"))
    ids = [n["@id"] for n in doc["@graph"] if "skos:Concept" in (n["@type"] if isinstance(n["@type"], list) else [n["@type"]])]
    report("compact_jsonld_concept_ids_are_keys", ids and all(":" not in i and "/" not in i for i in ids), repr(ids[:3]))
def approved(path, csv_path, base):
    fmt = {"ttl": "turtle", "rdfxml": "xml", "jsonld": "json-ld"}[path.rsplit(".", 1)[1]]
    name = "approved_only_" + path.rsplit(".", 1)[1]
    try:
        g = rdflib.Graph().parse(path, format=fmt)
    except Exception as e:  # the parser's message is the reason
        report(name + "_parses", False, str(e)[:300])
        return
    with open(csv_path, newline="", encoding="utf-8") as f:
        want = {URIRef(base + r["key"]) for r in csv.DictReader(f)
                if r["status"] == "approved" and r["definition"]}
    got = set(g.subjects(RDF.type, SKOS.Concept))
    report(name + "_holds_exactly_the_approved_concepts", got == want and want,
           "%d concepts, want %d; extra %s; missing %s" % (len(got), len(want),
           sorted(got - want)[:3], sorted(want - got)[:3]))
    outside = [(s, p, o) for p in (SKOS.broader, SKOS.narrower, SKOS.related, SKOS.hasTopConcept,
                                    DCTERMS.isReplacedBy)
               for s, o in g.subject_objects(p) if o not in got]
    report(name + "_links_only_exported_concepts", not outside, str(outside[:3]))
    statuses = {str(o) for o in g.objects(None, URIRef(base + "vocab#status"))}
    report(name + "_status_is_approved", statuses == {"approved"}, str(statuses))


if __name__ == "__main__":
    cmd = sys.argv[1]
    {"iso": iso, "roundtrip": roundtrip, "structure": structure, "compact": compact,
     "approved": approved}[cmd](*sys.argv[2:])
