#!/bin/sh
# The scheme's metadata (glossar scheme), its DCAT-AP description, releases
# and the diff between them: every refusal leaves the knowledge base as it
# was, the exports carry the metadata without a clock, and the diff lists
# exactly the changes made between two releases.
. "$(dirname "$0")/lib.sh"
py=/usr/bin/python3
db=$tmp/kb.db
G() { g --db "$db" "$@"; }
G import "$top/glossary.csv" >/dev/null

# --- scheme metadata
check scheme_set_title G scheme set title 'Glossar der Musterverwaltung'
check scheme_set_title_en G scheme set title 'Glossary of the model administration' --lang en
check scheme_set_description G scheme set description 'Begriffe der Verwaltungsdigitalisierung'
check scheme_set_publisher G scheme set publisher 'Musterbehörde'
check scheme_set_publisher_uri G scheme set publisher-uri https://www.example.de/behoerde
check scheme_set_base G scheme set base-uri https://daten.example.de/glossar/
check scheme_set_license G scheme set license https://www.govdata.de/dl-de/by-2-0
check scheme_set_version G scheme set version 2026.1
check scheme_set_issued G scheme set issued 2026-11-30
G scheme show >"$tmp/show"
check_grep scheme_show_lists_title '^title +Glossar der Musterverwaltung$' "$tmp/show"
check_grep scheme_show_lists_english_title '^title@en +Glossary of the model administration$' "$tmp/show"
G scheme show >"$tmp/before"
check_exit scheme_refuses_javascript_license 2 G scheme set license 'javascript:alert(1)'
check_exit scheme_refuses_plain_word_publisher_uri 2 G scheme set publisher-uri behoerde
check_exit scheme_refuses_base_without_slash 2 G scheme set base-uri https://daten.example.de/glossar
check_exit scheme_refuses_bad_date 2 G scheme set issued 2026-13-01
check_exit scheme_refuses_unknown_field 2 G scheme set colour blau
check_exit scheme_refuses_unknown_language 2 G scheme set title Titre --lang fr
check_exit scheme_refuses_line_break 2 G scheme set title "$(printf 'a\nb')"
G scheme show >"$tmp/after"
if cmp -s "$tmp/before" "$tmp/after"; then ok scheme_refusals_change_nothing; else not_ok scheme_refusals_change_nothing; fi

# --- exports use it, without a clock
G export --format ttl -o "$tmp/a.ttl"
sleep 1
G export --format ttl -o "$tmp/b.ttl"
if cmp -s "$tmp/a.ttl" "$tmp/b.ttl"; then ok export_with_metadata_is_deterministic; else not_ok export_with_metadata_is_deterministic; fi
check_grep export_uses_scheme_base '^<https://daten\.example\.de/glossar/ozg>$' "$tmp/a.ttl"
check_grep export_uses_scheme_license 'dct:license <https://www\.govdata\.de/dl-de/by-2-0>' "$tmp/a.ttl"
check_grep export_has_english_title '"Glossary of the model administration"@en' "$tmp/a.ttl"
check_grep export_has_version 'owl:versionInfo "2026\.1"' "$tmp/a.ttl"
check_grep export_has_issued 'dct:issued "2026-11-30"\^\^xsd:date' "$tmp/a.ttl"
check_grep export_names_publisher_agent 'foaf:name "Musterbehörde"@de' "$tmp/a.ttl"
check_grep concepts_have_created 'dct:created "[0-9T:Z-]*"\^\^xsd:dateTime' "$tmp/a.ttl"
G export --format ttl --base-uri https://other.example.org/g/ -o "$tmp/o.ttl"
check_grep command_line_base_wins '^<https://other\.example\.org/g/ozg>$' "$tmp/o.ttl"

# --- DCAT-AP
check dcat_export G export --format dcat -o "$tmp/dcat.ttl"
check dcat_inside_ttl G export --format ttl --dcat -o "$tmp/with-dcat.ttl"
if command -v rapper >/dev/null 2>&1; then check dcat_parses_with_rapper rapper -q -i turtle -c "$tmp/dcat.ttl"; fi
if [ -x "$py" ] && "$py" -c 'import rdflib' 2>/dev/null; then
	"$py" - "$tmp/dcat.ttl" "$tmp/with-dcat.ttl" "$tmp/a.ttl" >"$tmp/py" 2>&1 <<'PY'
import sys
import rdflib
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF

dcat = rdflib.Graph().parse(sys.argv[1], format="turtle")
full = rdflib.Graph().parse(sys.argv[2], format="turtle")
plain = rdflib.Graph().parse(sys.argv[3], format="turtle")
def report(name, cond, why=""):
    print(("ok " if cond else "FAIL ") + name + ("" if cond else ": " + why))
# DCAT-AP 3.0 mandatory properties, and the recommended ones a harvester
# (GovData, data.europa.eu) reads, checked per class:
checks = {
    DCAT.Dataset: [DCTERMS.title, DCTERMS.description,                    # mandatory
                   DCAT.distribution, DCTERMS.publisher, DCAT.theme,      # recommended
                   DCAT.keyword, DCTERMS.license, DCTERMS.modified, DCTERMS.language],
    DCAT.Distribution: [DCAT.accessURL,                                   # mandatory
                        DCAT.downloadURL, DCAT.mediaType, DCTERMS.format, DCTERMS.license],
    FOAF.Agent: [FOAF.name],                                              # mandatory
}
for cls, props in checks.items():
    subjects = list(dcat.subjects(RDF.type, cls))
    missing = ["%s %s" % (s, p) for s in subjects for p in props if dcat.value(s, p) is None]
    report("dcat_%s_has_its_properties" % cls.split("#")[-1].split("/")[-1].lower(),
           subjects and not missing, "; ".join(missing)[:400] or "none of this class")
ds = next(dcat.subjects(RDF.type, DCAT.Dataset))
report("dcat_five_distributions", len(list(dcat.objects(ds, DCAT.distribution))) == 5)
report("dcat_downloads_are_under_the_base",
       all(str(u).startswith("https://daten.example.de/glossar/export.") for u in dcat.objects(None, DCAT.downloadURL)))
report("ttl_with_dcat_holds_the_dcat_graph", all(t in full for t in dcat))
report("ttl_with_dcat_holds_the_scheme", all(t in full for t in plain))
PY
	while IFS= read -r line; do
		case $line in
		"ok "*) ok "${line#ok }" ;;
		"FAIL "*) rest=${line#FAIL }; not_ok "${rest%%:*}" "${rest#*: }" ;;
		*) not_ok dcat_python "$line" ;;
		esac
	done <"$tmp/py"
else
	echo "skip dcat_rdflib (python3-rdflib missing)"
fi

# --- releases and the diff
check release_v1 G release v1 --note 'erste Veröffentlichung'
G term alias ozg 'Probe-Onlinezugangsgesetz' >/dev/null
G term status e-government deprecated --replaced-by verwaltungsdigitalisierung >/dev/null
G term add probe-neu --type concept --label 'Neuer Begriff' >/dev/null
G term add probe-weg --type concept --label 'Bald gelöscht' >/dev/null
check release_v2 G release v2
G term undo >/dev/null  # removes probe-weg again: deleted after v2
check_exit release_tag_never_reused 2 G release v1
check_exit release_tag_must_be_a_word 2 G release 'v 3'
G release --list >"$tmp/list"
check_grep release_list_shows_both '^v2 ' "$tmp/list"
G diff v1 v2 --format json >"$tmp/d12.json"
G diff --format json >"$tmp/d2now.json"
"$py" - "$tmp/d12.json" "$tmp/d2now.json" >"$tmp/py" 2>&1 <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
n = json.load(open(sys.argv[2], encoding="utf-8"))
def report(name, cond, why=""):
    print(("ok " if cond else "FAIL ") + name + ("" if cond else ": " + why))
report("diff_new_is_exactly_the_added", [c["key"] for c in d["new"]] == ["probe-neu", "probe-weg"], repr(d["new"]))
report("diff_changed_is_exactly_ozg", [c["key"] for c in d["changed"]] == ["ozg"], repr(d["changed"]))
report("diff_changed_field_is_alt_labels", list(d["changed"][0]["fields"]) == ["alt_labels"]
       and "Probe-Onlinezugangsgesetz" in d["changed"][0]["fields"]["alt_labels"]["new"]
       and "Probe-Onlinezugangsgesetz" not in d["changed"][0]["fields"]["alt_labels"]["old"], repr(d["changed"]))
report("diff_deprecated_names_replacement", [(c["key"], c["replaced_by"]) for c in d["deprecated"]]
       == [("e-government", "verwaltungsdigitalisierung")], repr(d["deprecated"]))
report("diff_nothing_deleted_between_v1_v2", d["deleted"] == [], repr(d["deleted"]))
report("diff_since_last_release_is_the_undone_add", n["from"] == "v2" and n["to"] == "jetzt"
       and [c["key"] for c in n["deleted"]] == ["probe-weg"] and not n["new"] and not n["changed"]
       and not n["deprecated"], repr(n))
PY
while IFS= read -r line; do
	case $line in
	"ok "*) ok "${line#ok }" ;;
	"FAIL "*) rest=${line#FAIL }; not_ok "${rest%%:*}" "${rest#*: }" ;;
	*) not_ok diff_python "$line" ;;
	esac
done <"$tmp/py"
G diff v1 v2 >"$tmp/d.md"
check_grep diff_md_names_the_replacement 'ersetzt durch \*\*Verwaltungsdigitalisierung\*\*' "$tmp/d.md"
G diff v1 v2 --format html >"$tmp/d.html"
r=$("$py" - "$tmp/d.html" 2>&1 <<'PY'
import sys
from html.parser import HTMLParser
class P(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack, self.bad = [], []
    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.bad.append("script")
        if tag != "meta":
            self.stack.append(tag)
    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.bad.append("</%s> misnested" % tag)
p = P()
p.feed(open(sys.argv[1], encoding="utf-8").read())
print("ok" if not p.bad and not p.stack else "; ".join(p.bad + ["unclosed %r" % p.stack]))
PY
)
if [ "$r" = ok ]; then ok diff_html_nests_and_has_no_script; else not_ok diff_html_nests_and_has_no_script "$r"; fi
check_exit diff_unknown_release 2 G diff v9
G export --format ttl --release v1 -o "$tmp/v1.ttl"
check_grep release_export_has_version_iri 'owl:versionIRI <https://daten\.example\.de/glossar/v/v1>' "$tmp/v1.ttl"
check_no_grep release_export_is_the_old_state 'Probe-Onlinezugangsgesetz' "$tmp/v1.ttl"
G export --format ttl --release v2 -o "$tmp/v2.ttl"
check_grep release_v2_export_has_the_new_label '"Probe-Onlinezugangsgesetz"@de' "$tmp/v2.ttl"

# --- hostile strings come out escaped in the diff
h=$tmp/hostile.db
g --db "$h" import "$data/exports/hostile.csv" >/dev/null
g --db "$h" release h1 >/dev/null
g --db "$h" term define xss 'Neu <script>alert(2)</script>' --source 'Q <b>' --url https://example.org/x >/dev/null
g --db "$h" diff --format html >"$tmp/h.html"
g --db "$h" diff --format md >"$tmp/h.md"
check_grep hostile_diff_lists_the_change 'definition' "$tmp/h.html"
check_no_grep hostile_diff_html_has_no_tag_from_data '<script|<img|<b>' "$tmp/h.html"
check_no_grep hostile_diff_md_has_no_raw_tag '<script|<img' "$tmp/h.md"

# --- the CSV round trip does not carry the scheme
G export --format csv -o "$tmp/out.csv"
check_no_grep csv_has_no_scheme_metadata 'Musterbehörde' "$tmp/out.csv"

finish
