#!/bin/sh
# One validation for every way in: what lint calls an error is refused by
# import (FILE:LINE), by every term command and by candidates accept, with
# exit 2, the other concept named, and the KB exactly as it was.
. "$(dirname "$0")/lib.sh"
db=$tmp/kb.db
hdr=key,type,pref_label,abbreviations,alt_labels,hidden_labels,definition,source,source_url,broader,related,status,match
g --db "$db" import "$data/csv/good.csv" >/dev/null
snapshot() { g --db "$db" export --format csv; sqlite3 "$db" 'select count(*) from change'; }
snapshot >"$tmp/before"

# refuse NAME PATTERN COMMAND...: exit 2, stderr matches, the KB unchanged
refuse() {
	name=$1; pattern=$2; shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"; status=$?
	if [ $status -ne 2 ]; then not_ok "$name" "exit $status, want 2; $(head -c 300 "$tmp/err")"; return; fi
	if ! grep -Eq -- "$pattern" "$tmp/err"; then not_ok "$name" "message: $(head -c 400 "$tmp/err")"; return; fi
	snapshot >"$tmp/after"
	if ! cmp -s "$tmp/before" "$tmp/after"; then not_ok "$name" "the KB changed"; return; fi
	ok "$name"
}
# csv NAME ROW...: a CSV with the header and the rows
csv() { f=$tmp/$1.csv; shift; { echo "$hdr"; printf '%s\n' "$@"; } >"$f"; }

# ---- import ----
csv clash_kb 'fitko,organisation,Föderale IT-Kooperation,OZG,,,,,,,,draft,'
refuse import_refuses_label_of_kb_concept "^$tmp/clash_kb.csv:2: fitko: label 'OZG' \(abbreviation\) is also a label of ozg \(abbreviation\)" \
	g --db "$db" import "$tmp/clash_kb.csv"
csv clash_file 'aa,concept,Alpha,,,,,,,,,draft,' 'bb,concept,Beta,,Alpha,,,,,,,draft,'
refuse import_refuses_label_clash_in_file "^$tmp/clash_file.csv:2: aa: label 'Alpha' \(preferred\) is also a label of bb \(alt\)" \
	g --db "$db" import "$tmp/clash_file.csv"
csv hidden_shown 'aa,concept,Alpha,,,Einer für Alle,,,,,,draft,'
refuse import_refuses_hidden_label_displayed_elsewhere "clash|hidden_shown.csv:2: aa: label 'Einer für Alle' \(hidden\) is a label of efa \(preferred\)" \
	g --db "$db" import "$tmp/hidden_shown.csv"
csv cycle2 'aa,concept,Alpha,,,,,,,bb,,draft,' 'bb,concept,Beta,,,,,,,aa,,draft,'
refuse import_refuses_two_cycle "cycle2.csv:2: aa: broader links would form a cycle \(aa -> bb -> aa\)" \
	g --db "$db" import "$tmp/cycle2.csv"
csv cycle3 'aa,concept,Alpha,,,,,,,bb,,draft,' 'bb,concept,Beta,,,,,,,cc,,draft,' 'cc,concept,Gamma,,,,,,,aa,,draft,'
refuse import_refuses_three_cycle "cycle3.csv:2: aa: broader links would form a cycle \(aa -> bb -> cc -> aa\)" \
	g --db "$db" import "$tmp/cycle3.csv"
csv cycle_kb 'efa,principle,Einer für Alle,EfA,EfA-Prinzip,,Def.,,,aa,ozg,draft,case' 'aa,concept,Alpha,,,,,,,efa,,draft,'
refuse import_refuses_cycle_through_kb_concept "cycle_kb.csv:[23]: (efa|aa): broader links would form a cycle" \
	g --db "$db" import "$tmp/cycle_kb.csv"
csv nodef 'aa,concept,Alpha,,,,,Quelle,https://example.org/,,,approved,'
refuse import_refuses_approved_without_definition "nodef.csv:2: aa: approved, but has no definition" \
	g --db "$db" import "$tmp/nodef.csv"
n=0
for url in 'javascript:alert(1)' 'file:///etc/passwd' 'data:text/html;base64,eA==' 'http:example.org' 'https:///nohost' 'vbscript:x'; do
	n=$((n + 1))
	csv url "aa,concept,Alpha,,,,Def.,Quelle,\"$url\",,,draft,"
	refuse "import_refuses_source_url_${n}_${url%%:*}" "url.csv:2: aa: malformed source URL '${url%%:*}:" \
		g --db "$db" import "$tmp/url.csv"
done
csv shy "aa,concept,$(printf '\302\255'),,,,,,,,,draft,"
refuse import_refuses_soft_hyphen_label "shy.csv:2: aa: empty preferred label" g --db "$db" import "$tmp/shy.csv"
csv dashes 'aa,concept,Alpha,,---,,,,,,,draft,'
refuse import_refuses_dashes_label "dashes.csv:2: aa: empty alt label '---'" g --db "$db" import "$tmp/dashes.csv"
csv zw "aa,concept,Alpha,,,$(printf '\342\200\215\342\200\213'),,,,,,draft,"
refuse import_refuses_zero_width_label "zw.csv:2: aa: empty hidden label" g --db "$db" import "$tmp/zw.csv"
csv nonchar "aa,concept,Alpha$(printf '\357\277\276'),,,,,,,,,draft,"
refuse import_refuses_noncharacter_ufffe "nonchar.csv:2: aa: preferred label .* noncharacter U\+FFFE" g --db "$db" import "$tmp/nonchar.csv"
csv nonchar2 "aa,concept,Alpha,,,,Def$(printf '\357\267\220').,,,,,draft,"
refuse import_refuses_noncharacter_in_definition "nonchar2.csv:2: aa: the definition contains the Unicode noncharacter U\+FDD0" g --db "$db" import "$tmp/nonchar2.csv"
csv esc "aa,concept,Alpha$(printf '\033')[31m,,,,,,,,,draft,"
refuse import_refuses_escape_in_label "esc.csv:2: aa: preferred label .* control character U\+001B" g --db "$db" import "$tmp/esc.csv"
check_no_grep import_error_keeps_terminal_safe "$(printf '\033')" "$tmp/err"
check_exit dry_run_applies_the_same_rules 2 g --db "$db" import --dry-run "$tmp/cycle2.csv"

# A label moving from one concept to another in one file is judged by the end state.
csv move 'efa,principle,Einer für Alle,EfA,,,Def.,,,,ozg,draft,case' 'aa,concept,EfA-Prinzip,,,,,,,,,draft,'
check import_moving_a_label_is_accepted g --db "$tmp/move.db" import "$data/csv/good.csv"
check import_moving_a_label_within_file g --db "$tmp/move.db" import "$tmp/move.csv"

# A 20,000-concept ring: refused (that the check is linear, bench/growth.sh
# shows in `make bench`: time against ring size).
awk -v n=20000 -v h="$hdr" 'BEGIN { print h; for (i = 0; i < n; i++) printf "r%d,concept,Ring %d,,,,,,,r%d,,draft,\n", i, i, (i + 1) % n }' >"$tmp/ring.csv"
refuse import_refuses_20000_ring "ring.csv:[0-9]+: r[0-9]+: broader links would form a cycle \(r[0-9]+ -> .*more" g --db "$db" import "$tmp/ring.csv"
awk -v n=20000 -v h="$hdr" 'BEGIN { print h; for (i = 0; i < n; i++) printf "r%d,concept,Ring %d,,,,,,,%s,,draft,\n", i, i, i + 1 < n ? "r" (i + 1) : "" }' >"$tmp/chain.csv"
check import_accepts_20000_chain g --db "$tmp/chain.db" import "$tmp/chain.csv"

# ---- term commands ----
refuse term_alias_refuses_other_concepts_label "efa: label 'OZG' \(abbreviation\) is also a label of ozg \(abbreviation\)" \
	g --db "$db" term alias efa OZG --kind abbrev
refuse term_alias_refuses_hidden_shown_elsewhere "efa: label 'Onlinezugangsgesetz' \(hidden\) is a label of ozg \(preferred\)" \
	g --db "$db" term alias efa Onlinezugangsgesetz --kind hidden
refuse term_alias_refuses_line_break "efa: alt label 'a.*b' contains a line break" g --db "$db" term alias efa "$(printf 'a\nb')"
refuse term_alias_refuses_dashes "efa: empty alt label" g --db "$db" term alias efa '–––'
refuse term_add_refuses_line_break "aa: preferred label .* contains a line break" g --db "$db" term add aa --type concept --label "$(printf 'A\rB')"
refuse term_add_refuses_noncharacter "aa: preferred label .* noncharacter U\+FFFF" g --db "$db" term add aa --type concept --label "$(printf 'A\357\277\277')"
refuse term_add_refuses_shared_label "aa: label 'EfA' \(abbreviation\) is also a label of efa" g --db "$db" term add aa --type concept --label Alpha --abbrev EfA
g --db "$db" term relate efa broader ozg >/dev/null
snapshot >"$tmp/before"
refuse term_relate_refuses_cycle "ozg.*efa.*cycle|cycle.*ozg -> efa -> ozg" g --db "$db" term relate ozg broader efa
refuse term_define_refuses_javascript_url "malformed (source )?URL 'javascript:alert\(1\)'" g --db "$db" term define efa 'Def.' --source S --url 'javascript:alert(1)'
refuse term_define_refuses_noncharacter "efa: the definition contains the Unicode noncharacter U\+FFFE" g --db "$db" term define efa "Def$(printf '\357\277\276')" --source S --url https://example.org/
refuse term_define_refuses_removing_approved_source "ozg: an approved concept needs a definition with its source" g --db "$db" term define ozg 'Neu.'
printf '#!/bin/sh\nsed -i "s/^alt_labels:.*/alt_labels: OZG/" "$1"\n' >"$tmp/ed.sh"; chmod +x "$tmp/ed.sh"
refuse term_edit_refuses_shared_label "efa: label 'OZG' \(alt\) is also a label of ozg \(abbreviation\)" env EDITOR="$tmp/ed.sh" "$GLOSSAR" --db "$db" term edit efa

# ---- candidates accept ----
sqlite3 "$db" "insert into candidate (kind, surface, expansion, created) values ('variant', 'Registermodernisierung', 'ozg', '2026-01-01')"
id=$(sqlite3 "$db" "select id from candidate where surface = 'Registermodernisierung'")
snapshot >"$tmp/before"
refuse candidates_accept_refuses_hidden_label_shown_elsewhere "ozg: label 'Registermodernisierung' \(hidden\) is a label of registermodernisierung \(preferred\)" \
	g --db "$db" candidates accept "$id"
if [ "$(sqlite3 "$db" "select status from candidate where id = $id")" = pending ]; then ok refused_candidate_stays_pending; else not_ok refused_candidate_stays_pending; fi

# ---- a KB that holds control characters anyway: shown, never acted on ----
esc=$(printf '\033')
sqlite3 "$db" "update label set text = 'Online' || char(27) || '[2J' || char(10) || 'gesetz' where text = 'Onlinezugangsgesetz'"
sqlite3 "$db" "update change set after = replace(after, 'Einer für Alle', 'Einer' || char(92) || 'u001b[31mfür') where entity = 'efa'"
g --db "$db" term show ozg >"$tmp/show"
check_no_grep term_show_escapes_esc "$esc" "$tmp/show"
check_grep term_show_shows_escape_visibly 'Online\\x1b\[2J\\ngesetz \(ozg\)' "$tmp/show"
g --db "$db" term list >"$tmp/list"
check_no_grep term_list_escapes_esc "$esc" "$tmp/list"
if [ "$(grep -c . "$tmp/list")" -eq "$(sqlite3 "$db" 'select count(*) from concept')" ]; then ok term_list_one_line_per_concept; else not_ok term_list_one_line_per_concept; fi
g --db "$db" term history efa >"$tmp/hist"
check_no_grep term_history_escapes_esc "$esc" "$tmp/hist"
check_grep term_history_shows_escape_visibly 'Einer\\x1b\[31mfür' "$tmp/hist"
g --db "$db" lint >"$tmp/lint"
check_no_grep lint_escapes_esc "$esc" "$tmp/lint"
check_grep lint_finds_control_character "^ozg: error: preferred label .* control character U\+001B" "$tmp/lint"

# ---- the size limits of import hold for every way in ----
ldb=$tmp/limits.db
g --db "$ldb" term add kurz --type concept --label Kurz >/dev/null
long_label=$(head -c 501 /dev/zero | tr '\0' 'a')
long_def=$(head -c 10001 /dev/zero | tr '\0' 'b')
check_exit term_add_refuses_a_label_over_500_bytes 2 g --db "$ldb" term add lang --type concept --label "$long_label"
check_exit term_alias_refuses_a_label_over_500_bytes 2 g --db "$ldb" term alias kurz "$long_label"
check_exit term_define_refuses_a_definition_over_10000_bytes 2 g --db "$ldb" term define kurz "$long_def" --source Q --url https://example.org/
g --db "$ldb" term show kurz --format json >"$tmp/kurz.json"
check_no_grep limits_leave_the_concept_as_it_was 'aaaa|bbbb' "$tmp/kurz.json"

# ---- the shipped glossary obeys every rule ----
check shipped_glossary_imports g --db "$tmp/shipped.db" import "$top/glossary.csv"
check shipped_glossary_reimports_its_export sh -c "'$GLOSSAR' --db '$tmp/shipped.db' export --format csv >'$tmp/s.csv' && '$GLOSSAR' --db '$tmp/s2.db' import '$tmp/s.csv'"
finish
