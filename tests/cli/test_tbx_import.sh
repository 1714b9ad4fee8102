#!/bin/sh
# glossar import --format tbx: glossar's own TBX round-trips byte for byte
# (export from KB A, import into an empty KB B, export from B), a
# terminology tool's TBX-Basic maps onto glossary.csv's fields, and hostile
# or broken TBX (external entity, entity bomb, missing id, bad XML, dangling
# ref) is refused with FILE:LINE, exit 2 and the KB unchanged.
. "$(dirname "$0")/lib.sh"
d=$data/tbx
rng=$top/tests/schemas/tbx-basic/TBXcoreStructV03_TBX-Basic_integrated.rng

# The shipped glossary, with mappings (not carried by TBX) on two concepts.
g --db "$tmp/a.db" import "$top/glossary.csv" >/dev/null
g --db "$tmp/a.db" import "$data/mappings/mapped.csv" >/dev/null 2>&1
g --db "$tmp/a.db" export --format tbx -o "$tmp/a.tbx"
g --db "$tmp/b.db" import --format tbx "$tmp/a.tbx" >"$tmp/o1"
n=$(g --db "$tmp/a.db" export --format csv | tail -n +2 | wc -l)
check_grep tbx_import_adds_every_concept "^added $n, updated 0, unchanged 0$" "$tmp/o1"
g --db "$tmp/b.db" export --format tbx -o "$tmp/b.tbx"
check glossary_tbx_round_trip_is_byte_identical cmp "$tmp/a.tbx" "$tmp/b.tbx"
if command -v xmllint >/dev/null 2>&1; then
	check imported_kb_exports_valid_tbx_basic xmllint --noout --relaxng "$rng" "$tmp/b.tbx"
else skip imported_kb_exports_valid_tbx_basic "xmllint missing: apt-get install libxml2-utils"; fi
check imported_kb_passes_lint g --db "$tmp/b.db" lint
g --db "$tmp/a.db" export --format csv >"$tmp/a-before.csv"
g --db "$tmp/a.db" import --format tbx "$tmp/a.tbx" >"$tmp/o2"
check_grep reimport_of_own_tbx_changes_nothing "^added 0, updated 0, unchanged $n$" "$tmp/o2"
g --db "$tmp/a.db" export --format csv >"$tmp/a-after.csv"
check reimport_keeps_status_hidden_labels_and_mappings cmp "$tmp/a-before.csv" "$tmp/a-after.csv"
check_grep kb_a_has_what_tbx_does_not_carry '^ozg,.*,approved,,http://www.wikidata.org/entity/Q29014813' "$tmp/a-after.csv"

# Deprecation, a key that is no XML name (91c-gg, written as _91c-gg), a
# source without a definition (the xref's text), abbreviations with a full stop.
g --db "$tmp/c.db" import "$d/roundtrip.csv" >/dev/null
g --db "$tmp/c.db" export --format tbx -o "$tmp/c.tbx"
check_grep export_writes_underscore_id 'conceptEntry id="_91c-gg"' "$tmp/c.tbx"
g --db "$tmp/d.db" import --format tbx "$tmp/c.tbx" >/dev/null
g --db "$tmp/d.db" export --format tbx -o "$tmp/d.tbx"
check fixture_tbx_round_trip_is_byte_identical cmp "$tmp/c.tbx" "$tmp/d.tbx"
g --db "$tmp/d.db" export --format csv >"$tmp/d.csv"
check_grep deprecated_concept_comes_in_deprecated '^alt-begriff,concept,Alter Begriff,AB,Veralteter Name,,Nicht mehr verwenden\.,,,,,deprecated,$' "$tmp/d.csv"
check_grep approved_concept_comes_in_as_draft '^91c-gg,law,Artikel 91c Grundgesetz,Art\. 91c GG,,,.*,Grundgesetz,https://www.gesetze-im-internet.de/gg/art_91c.html,gg,it-planungsrat,draft,$' "$tmp/d.csv"
check_grep source_without_definition_comes_back ',Grundgesetz für die Bundesrepublik Deutschland,https://www.gesetze-im-internet.de/gg/,,,draft,$' "$tmp/d.csv"

# Another tool's TBX-Basic: ids C_1..., no termType on the preferred term,
# a deprecated variant (a hidden label), a subjectField glossar does not know
# (read as concept), a ref without a prefix (related), a narrower ref only,
# an English langSec (pref_label_en).
g --db "$tmp/e.db" import --format tbx "$d/small.tbx" >"$tmp/o3"
check_grep foreign_tbx_imported '^added 3, updated 0, unchanged 0$' "$tmp/o3"
g --db "$tmp/e.db" export --format csv >"$tmp/e.csv"
check_grep foreign_concept_mapped '^c-1,law,Onlinezugangsgesetz,OZG,,Online-Zugangs-Gesetz,Bundesgesetz über den Online-Zugang zu Verwaltungsleistungen\.,,,,,draft,,Online Access Act,,$' "$tmp/e.csv"
check_grep unknown_subject_field_is_concept_and_plain_ref_is_related '^c-2,concept,Portalverbund,,,,,,,c-3,c-1,draft,,,,$' "$tmp/e.csv"

# A concept the KB holds approved whose definition the file changes goes to review.
sed 's#>Anstalt des öffentlichen#>Eine Anstalt des öffentlichen#' "$tmp/a.tbx" >"$tmp/changed.tbx"
if grep -q '>Eine Anstalt des öffentlichen' "$tmp/changed.tbx"; then
	k=$(grep -c '>Eine Anstalt des öffentlichen' "$tmp/changed.tbx")
	g --db "$tmp/a.db" import --format tbx "$tmp/changed.tbx" >"$tmp/o4"
	check_grep changed_concepts_are_updated "^added 0, updated $k, unchanged $((n - k))$" "$tmp/o4"
	g --db "$tmp/a.db" term show fitko --format json >"$tmp/fitko.json"
	check_grep changed_approved_concept_goes_to_review '"status":"review"' "$tmp/fitko.json"
else
	g --db "$tmp/a.db" term show fitko --format json >"$tmp/fitko.json"
	not_ok changed_concept_is_updated "fixture: no FITKO definition to change in $(head -c 200 "$tmp/fitko.json")"
fi

check_exit dry_run_checks_only 0 g --db "$tmp/f.db" import --dry-run --format tbx "$d/small.tbx"
check_grep dry_run_says_ok 'small.tbx: ok' "$tmp/out"
check_exit unknown_import_format 2 g --db "$tmp/f.db" import --format xlsx "$d/small.tbx"

# Refused: exit 2, FILE:LINE, the KB as it was (concepts and history).
g --db "$tmp/e.db" export --format csv >"$tmp/before.csv"
g --db "$tmp/e.db" term history >"$tmp/hist-before"
refuse() { # name file line pattern
	timeout 20 "$GLOSSAR" --db "$tmp/e.db" import --format tbx "$d/$2" >"$tmp/out" 2>"$tmp/err"; status=$?
	if [ $status -ne 2 ]; then not_ok "$1" "exit $status, want 2: $(head -c 300 "$tmp/err")"; return; fi
	if ! grep -Eq -- "^$d/$2:$3: $4" "$tmp/err"; then not_ok "$1" "message: $(cat "$tmp/err")"; return; fi
	g --db "$tmp/e.db" export --format csv >"$tmp/after.csv"
	g --db "$tmp/e.db" term history >"$tmp/hist-after"
	if ! cmp -s "$tmp/before.csv" "$tmp/after.csv" || ! cmp -s "$tmp/hist-before" "$tmp/hist-after"; then
		not_ok "$1" "the KB changed"; return; fi
	ok "$1"
}
refuse refuses_external_entity xxe.tbx 2 'the file declares a DTD'
refuse refuses_entity_bomb laughs.tbx '[0-9]+' 'not well-formed XML: .*entity'
refuse refuses_concept_entry_without_id missing-id.tbx 8 '<conceptEntry> without id'
refuse refuses_malformed_xml malformed.tbx '[0-9]+' 'not well-formed XML'
refuse refuses_tbx_v2_martif martif.tbx 2 'not a TBX document'
refuse refuses_dangling_cross_reference dangling-ref.tbx 5 "broader names unknown concept 'nirgends'"
refuse refuses_javascript_source_url bad-url.tbx 5 "ozg: malformed source URL 'javascript:alert\(1\)'"
refuse refuses_concept_without_german_term no-term.tbx 5 'ozg: no term in a German langSec'
refuse refuses_duplicate_concept_id duplicate-id.tbx 8 "duplicate key 'ozg' \(first on line 5\)"
check_no_grep external_entity_never_read 'root:' "$tmp/err"
: >"$tmp/empty.tbx"
"$GLOSSAR" --db "$tmp/e.db" import --format tbx "$tmp/empty.tbx" >"$tmp/out" 2>"$tmp/err"; status=$?
if [ $status -eq 2 ] && grep -q "empty.tbx: the file is empty" "$tmp/err"; then ok refuses_empty_file
else not_ok refuses_empty_file "exit $status: $(cat "$tmp/err")"; fi

finish
