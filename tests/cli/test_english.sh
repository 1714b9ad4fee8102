#!/bin/sh
# English labels and definitions (glossary.csv's optional pref_label_en,
# alt_labels_en, definition_en): the CSV round trip, the rules, history and
# undo, skos:prefLabel/altLabel/definition @en (rdflib: one prefLabel per
# language, SKOS S14; every syntax one graph), and TBX's second langSec.
. "$(dirname "$0")/lib.sh"
py=/usr/bin/python3
d=$data/english
db=$tmp/kb.db
rng=$top/tests/schemas/tbx-basic/TBXcoreStructV03_TBX-Basic_integrated.rng

g --db "$tmp/plain.db" import "$top/glossary.csv" >/dev/null
g --db "$tmp/plain.db" export --format csv >"$tmp/plain.csv"
check glossary_csv_still_round_trips_byte_for_byte cmp "$top/glossary.csv" "$tmp/plain.csv"

g --db "$db" import "$d/english.csv" >"$tmp/o1"
check_grep import_with_english '^added 4, updated 0, unchanged 0$' "$tmp/o1"
g --db "$db" export --format csv >"$tmp/e1.csv"
check english_csv_exports_as_given cmp "$d/english.csv" "$tmp/e1.csv"
g --db "$tmp/kb2.db" import "$tmp/e1.csv" >/dev/null
g --db "$tmp/kb2.db" export --format csv >"$tmp/e2.csv"
check english_export_import_export_is_byte_identical cmp "$tmp/e1.csv" "$tmp/e2.csv"
g --db "$db" term show efa >"$tmp/show"
check_grep term_show_lists_english_label '^  English: +One for All$' "$tmp/show"
check_grep term_show_lists_english_alt_labels '^  English alt: +OfA, One-for-All principle$' "$tmp/show"

g --db "$db" export --format csv >"$tmp/before.csv"
refuse() { # name file line pattern
	g --db "$db" import "$d/$2" >"$tmp/out" 2>"$tmp/err"; status=$?
	if [ $status -ne 2 ]; then not_ok "$1" "exit $status, want 2"; return; fi
	if ! grep -Eq -- "^$d/$2:$3: $4" "$tmp/err"; then not_ok "$1" "message: $(cat "$tmp/err")"; return; fi
	g --db "$db" export --format csv >"$tmp/after.csv"
	if ! cmp -s "$tmp/before.csv" "$tmp/after.csv"; then not_ok "$1" "the KB changed"; return; fi
	ok "$1"
}
refuse refuses_english_alt_without_pref alt-without-pref.csv 2 'ozg: has English alternative labels or an English definition but no pref_label_en'
refuse refuses_english_definition_without_pref definition-without-pref.csv 2 'ozg: has English'
refuse refuses_line_break_in_english_label line-break.csv 3 'ozg: a label contains a line break'

sed 's#One for All,#One For All,#' "$d/english.csv" >"$tmp/changed.csv"
g --db "$db" import "$tmp/changed.csv" >/dev/null
g --db "$db" term history efa >"$tmp/hist"
check_grep history_names_the_english_change "pref_label_en 'One for All' -> 'One For All'" "$tmp/hist"
check undo_of_english_change g --db "$db" term undo
g --db "$db" export --format csv >"$tmp/undone.csv"
check undo_restores_the_english_label cmp "$d/english.csv" "$tmp/undone.csv"

# TBX: a second langSec, valid TBX-Basic, and the round trip through import.
g --db "$db" export --format tbx -o "$tmp/a.tbx"
check_grep tbx_has_english_langsec '<langSec xml:lang="en">' "$tmp/a.tbx"
if command -v xmllint >/dev/null 2>&1; then
	check tbx_with_english_validates xmllint --noout --relaxng "$rng" "$tmp/a.tbx"
else skip tbx_with_english_validates "xmllint missing"; fi
g --db "$tmp/t.db" import --format tbx "$tmp/a.tbx" >/dev/null
g --db "$tmp/t.db" export --format tbx -o "$tmp/b.tbx"
check tbx_with_english_round_trip_is_byte_identical cmp "$tmp/a.tbx" "$tmp/b.tbx"

for f in ttl rdfxml jsonld; do g --db "$db" export --format $f -o "$tmp/m.$f"; done
g --db "$db" export --format jsonld --jsonld compact -o "$tmp/m.compact.jsonld"
check_grep ttl_has_english_pref_label '"Online Access Act"@en' "$tmp/m.ttl"
if command -v rapper >/dev/null 2>&1; then
	check rapper_parses_ttl_with_english rapper -q -i turtle -c "$tmp/m.ttl"
	check rapper_parses_rdfxml_with_english rapper -q -i rdfxml -c "$tmp/m.rdfxml"
else skip rapper_english "rapper missing"; fi
if [ -x "$py" ] && "$py" -c 'import rdflib' 2>/dev/null; then
	"$py" - "$tmp/m" >"$tmp/py" 2>&1 <<'PY'
import sys
from collections import Counter
import rdflib
from rdflib import Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import SKOS
p = sys.argv[1]
base = "https://example.org/glossar/"
gs = {}
for name, fmt in (("ttl", "turtle"), ("rdfxml", "xml"), ("jsonld", "json-ld"), ("compact.jsonld", "json-ld")):
    gs[name] = rdflib.Graph().parse(p + "." + name, format=fmt)
g = gs["ttl"]
efa = URIRef(base + "efa")
def check(name, cond, why=""):
    print(("ok " if cond else "FAIL ") + name + ("" if cond else ": " + why))
check("rdflib_english_pref_label", (efa, SKOS.prefLabel, Literal("One for All", lang="en")) in g)
check("rdflib_german_pref_label_kept", (efa, SKOS.prefLabel, Literal("Einer für Alle", lang="de")) in g)
check("rdflib_english_alt_labels", {str(o) for o in g.objects(efa, SKOS.altLabel) if o.language == "en"} == {"OfA", "One-for-All principle"})
check("rdflib_english_definition", any(o.language == "en" and o.startswith("One state") for o in g.objects(efa, SKOS.definition)))
per = Counter((s, o.language) for s, o in g.subject_objects(SKOS.prefLabel))
check("skos_s14_one_pref_label_per_language", max(per.values()) == 1, str([k for k, v in per.items() if v > 1]))
for name in ("rdfxml", "jsonld", "compact.jsonld"):
    check("ttl_and_%s_isomorphic_with_english" % name.replace(".", "_"), isomorphic(g, gs[name]))
PY
	while IFS= read -r line; do
		case $line in
		"ok "*) ok "${line#ok }" ;;
		"FAIL "*) rest=${line#FAIL }; not_ok "${rest%%:*}" "${rest#*: }" ;;
		*) not_ok rdflib_english "$line" ;;
		esac
	done <"$tmp/py"
else skip rdflib_english "rdflib missing: apt-get install python3-rdflib"; fi

finish
