#!/bin/sh
# Mappings to other vocabularies (glossary.csv's optional exact_match and
# close_match): the CSV round trip, refusal of anything but an absolute
# http(s) IRI with FILE:LINE and the KB unchanged, history and undo, term
# show, and skos:exactMatch / skos:closeMatch in every RDF syntax (rapper,
# rdflib).
. "$(dirname "$0")/lib.sh"
py=/usr/bin/python3
d=$data/mappings
db=$tmp/kb.db

# Today's glossary.csv has no mapping: its export adds no column.
g --db "$tmp/plain.db" import "$top/glossary.csv" >/dev/null
g --db "$tmp/plain.db" export --format csv >"$tmp/plain.csv"
check glossary_csv_round_trips_byte_for_byte cmp "$top/glossary.csv" "$tmp/plain.csv"
check_no_grep export_without_mappings_has_no_mapping_column 'exact_match|close_match' "$tmp/plain.csv"

g --db "$db" import "$d/mapped.csv" >"$tmp/o1"
check_grep import_with_mappings '^added 3, updated 0, unchanged 0$' "$tmp/o1"
g --db "$db" export --format csv >"$tmp/e1.csv"
check mapped_csv_exports_as_given cmp "$d/mapped.csv" "$tmp/e1.csv"
g --db "$tmp/kb2.db" import "$tmp/e1.csv" >/dev/null
g --db "$tmp/kb2.db" export --format csv >"$tmp/e2.csv"
check mapped_export_import_export_is_byte_identical cmp "$tmp/e1.csv" "$tmp/e2.csv"
g --db "$db" import "$tmp/e1.csv" >"$tmp/o2"
check_grep reimport_of_mappings_changes_nothing '^added 0, updated 0, unchanged 3$' "$tmp/o2"

g --db "$db" term show ozg >"$tmp/show"
check_grep term_show_lists_exact_matches '^  exact match: +http://www.wikidata.org/entity/Q29014813, https://fimportal.de/kataloge\?leistung=99000000000000$' "$tmp/show"
check_grep term_show_lists_close_matches '^  close match: +https://iate.europa.eu/entry/result/3561284$' "$tmp/show"
g --db "$db" term show ozg --format json >"$tmp/show.json"
check_grep term_show_json_has_mappings '"exact_match":\["http://www.wikidata.org/entity/Q29014813","https://fimportal.de/kataloge\?leistung=99000000000000"\],"close_match":\["https://iate.europa.eu/entry/result/3561284"\]' "$tmp/show.json"

# Refused: exit 2, FILE:LINE, the KB as it was.
g --db "$db" export --format csv >"$tmp/before.csv"
refuse() { # name file line pattern
	g --db "$db" import "$d/$2" >"$tmp/out" 2>"$tmp/err"; status=$?
	if [ $status -ne 2 ]; then not_ok "$1" "exit $status, want 2"; return; fi
	if ! grep -Eq -- "^$d/$2:$3: $4" "$tmp/err"; then not_ok "$1" "message: $(cat "$tmp/err")"; return; fi
	g --db "$db" export --format csv >"$tmp/after.csv"
	if ! cmp -s "$tmp/before.csv" "$tmp/after.csv"; then not_ok "$1" "the KB changed"; return; fi
	ok "$1"
}
refuse refuses_relative_mapping relative.csv 2 "ozg: exact_match 'www.wikidata.org/entity/Q29014813' is not an absolute http\(s\) IRI"
refuse refuses_javascript_mapping javascript.csv 3 "ozg: exact_match 'javascript:alert\(1\)' is not an absolute http\(s\) IRI"
refuse refuses_mapping_with_space space.csv 2 "ozg: close_match 'http://example.org/a b' is not an absolute http\(s\) IRI"
refuse refuses_mapping_with_brace brace.csv 2 "ozg: exact_match 'http://example.org/\{x\}' is not"
refuse refuses_mapping_listed_twice twice.csv 2 "exact_match lists 'http://example.org/x' twice"
refuse refuses_exact_and_close_at_once both.csv 2 "ozg: 'http://example.org/x' is both an exact_match and a close_match"

# History and undo carry the mappings.
sed 's#http://www.wikidata.org/entity/Q29014813|##' "$d/mapped.csv" >"$tmp/less.csv"
g --db "$db" import "$tmp/less.csv" >"$tmp/o3"
check_grep removing_a_mapping_is_an_update '^added 0, updated 1, unchanged 2$' "$tmp/o3"
g --db "$db" term history ozg >"$tmp/hist"
check_grep history_names_the_removed_mapping "-exact_match 'http://www.wikidata.org/entity/Q29014813'" "$tmp/hist"
check undo_of_mapping_change g --db "$db" term undo
g --db "$db" export --format csv >"$tmp/undone.csv"
check undo_restores_the_mapping cmp "$d/mapped.csv" "$tmp/undone.csv"

# A browser save (the form has no mapping field) keeps the mappings: covered
# by kb_concept_save in tests/unit/test_editing.c.

# A mapping that came in past the rules (an older glossar, a hand-edited
# file) is a lint error and stays out of the linked data.
cp "$db" "$tmp/bad.db"
sqlite3 "$tmp/bad.db" "INSERT INTO mapping (concept_id, kind, iri, position) SELECT id, 'close', 'file:///etc/passwd', 5 FROM concept WHERE key = 'efa'" 2>"$tmp/sqlerr"
g --db "$tmp/bad.db" lint >"$tmp/lint" 2>&1; status=$?
if [ $status -eq 1 ] && grep -q "malformed-mapping" "$tmp/lint"; then ok lint_refuses_a_bad_stored_mapping
else not_ok lint_refuses_a_bad_stored_mapping "exit $status: $(head -c 300 "$tmp/lint")"; fi
g --db "$tmp/bad.db" export --format ttl >"$tmp/bad.ttl"
check_no_grep bad_mapping_stays_out_of_skos 'file:' "$tmp/bad.ttl"

# SKOS: every syntax, and the compact JSON-LD term.
for f in ttl rdfxml jsonld; do g --db "$db" export --format $f -o "$tmp/m.$f"; done
g --db "$db" export --format jsonld --jsonld compact -o "$tmp/m.compact.jsonld"
check_grep ttl_has_exact_match 'skos:exactMatch <http://www.wikidata.org/entity/Q29014813>' "$tmp/m.ttl"
check_grep ttl_has_close_match 'skos:closeMatch <http://eurovoc.europa.eu/5181>' "$tmp/m.ttl"
check_grep compact_jsonld_names_the_term '"exactMatch": \{"@id": "skos:exactMatch", "@type": "@id"\}' "$tmp/m.compact.jsonld"
if command -v rapper >/dev/null 2>&1; then
	check rapper_parses_ttl_with_mappings rapper -q -i turtle -c "$tmp/m.ttl"
	check rapper_parses_rdfxml_with_mappings rapper -q -i rdfxml -c "$tmp/m.rdfxml"
	rapper -q -i turtle -o ntriples "$tmp/m.ttl" 2>/dev/null | grep -c 'core#exactMatch\|core#closeMatch' >"$tmp/n"
	if [ "$(cat "$tmp/n")" = 4 ]; then ok rapper_counts_four_mapping_triples
	else not_ok rapper_counts_four_mapping_triples "$(cat "$tmp/n")"; fi
else skip rapper_mappings "rapper missing: apt-get install raptor2-utils"; fi
if [ -x "$py" ] && "$py" -c 'import rdflib' 2>/dev/null; then
	"$py" - "$tmp/m" >"$tmp/py" 2>&1 <<'PY'
import sys
import rdflib
from rdflib import URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import SKOS
p = sys.argv[1]
want = {
    ("ozg", SKOS.exactMatch, "http://www.wikidata.org/entity/Q29014813"),
    ("ozg", SKOS.exactMatch, "https://fimportal.de/kataloge?leistung=99000000000000"),
    ("ozg", SKOS.closeMatch, "https://iate.europa.eu/entry/result/3561284"),
    ("efa", SKOS.closeMatch, "http://eurovoc.europa.eu/5181"),
}
base = "https://example.org/glossar/"
gs = {}
for name, path, fmt in (("ttl", p + ".ttl", "turtle"), ("rdfxml", p + ".rdfxml", "xml"),
                        ("jsonld", p + ".jsonld", "json-ld"), ("compact", p + ".compact.jsonld", "json-ld")):
    g = rdflib.Graph().parse(path, format=fmt)
    gs[name] = g
    got = {(str(s)[len(base):], pr, str(o)) for s, pr, o in g
           if pr in (SKOS.exactMatch, SKOS.closeMatch)}
    print(("ok" if got == want else "FAIL") + " rdflib_%s_has_exactly_the_mappings" % name
          + ("" if got == want else ": %r" % sorted(got)))
    bad = [o for s, pr, o in g if pr in (SKOS.exactMatch, SKOS.closeMatch) and not isinstance(o, URIRef)]
    print(("ok" if not bad else "FAIL") + " rdflib_%s_mappings_are_iris" % name)
for name in ("rdfxml", "jsonld", "compact"):
    print(("ok" if isomorphic(gs["ttl"], gs[name]) else "FAIL") + " ttl_and_%s_isomorphic_with_mappings" % name)
PY
	while IFS= read -r line; do
		case $line in
		"ok "*) ok "${line#ok }" ;;
		"FAIL "*) rest=${line#FAIL }; not_ok "${rest%%:*}" "${rest#*: }" ;;
		*) not_ok rdflib_mappings "$line" ;;
		esac
	done <"$tmp/py"
else skip rdflib_mappings "rdflib missing: apt-get install python3-rdflib"; fi

# A release diff names a mapping added since.
g --db "$tmp/rel.db" import "$top/glossary.csv" >/dev/null
g --db "$tmp/rel.db" release v1 >/dev/null
g --db "$tmp/rel.db" import "$d/mapped.csv" >/dev/null 2>&1
g --db "$tmp/rel.db" diff >"$tmp/diff.md"
check_grep release_diff_names_the_new_mapping '`exact_match`: .*http://www.wikidata.org/entity/Q29014813' "$tmp/diff.md"

finish
