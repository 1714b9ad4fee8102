#!/bin/sh
# glossar import --entities, discover and candidates: laws as entities,
# candidates stored with evidence, re-runs that add nothing, the queue's
# accept/reject, and refusal of bad input with the KB left as it was.
. "$(dirname "$0")/lib.sh"
d=$data/discovery
db=$tmp/kb.db

g --db "$db" import "$d/glossary.csv" >/dev/null

# ---- law entities ----
g --db "$db" import --entities "$data/laws/gazetteer-laws-small.tsv" >"$tmp/e1"
check_grep entities_small_all_added '^added 1000, updated 0, unchanged 0, known 0$' "$tmp/e1"
g --db "$db" import --entities "$data/laws/gazetteer-laws-small.tsv" >"$tmp/e2"
check_grep entities_second_run_changes_nothing '^added 0, updated 0, unchanged 1000, known 0$' "$tmp/e2"
g --db "$db" import --entities "$d/laws.tsv" >"$tmp/e3"
# ozg is the glossary's concept already (its source is the law's page)
check_grep entities_known_law_is_not_doubled '^added 3, updated 0, unchanged 0, known 1$' "$tmp/e3"
g --db "$db" export --format csv >"$tmp/x.csv"
check_grep entity_is_a_draft_law_with_its_page \
  '^law-gg,law,Grundgesetz für die Bundesrepublik Deutschland,GG,,,,,https://www.gesetze-im-internet.de/gg/,,,draft,$' "$tmp/x.csv"
check_grep entity_key_from_slug_with_underscore '^law-bsig-2009,law,[^,]*,BSIG 2009[|]BSIG,.*https://www.gesetze-im-internet.de/bsig_2009/' "$tmp/x.csv"
check_grep entity_without_year_only_when_unique '^law-gg,law,Grundgesetz für die Bundesrepublik Deutschland,GG,' "$tmp/x.csv"
check_grep entity_first_small_law '^law-1-dm-goldmuenzg,law,Gesetz über die Ausprägung einer 1-DM-Goldmünze' "$tmp/x.csv"
if [ "$(sqlite3 "$db" "select count(*) from change where action = 'import --entities'")" = 1003 ]; then
	ok entities_recorded_in_history; else not_ok entities_recorded_in_history; fi

g --db "$tmp/years.db" import --entities "$d/laws-years.tsv" >/dev/null
g --db "$tmp/years.db" export --format csv >"$tmp/years.csv"
check_grep bare_abbreviation_added_when_unique '^law-xyzv-2010,law,Verordnung über X Y Z,XYZV 2010[|]XYZV,' "$tmp/years.csv"
check_grep bare_abbreviation_left_out_when_shared '^law-abcg-1990,law,Gesetz über Alpha Beta Gamma,ABCG 1990,' "$tmp/years.csv"

refuse() { # name file line pattern
	g --db "$db" export --format csv >"$tmp/before.csv"
	g --db "$db" import --entities "$2" >"$tmp/out" 2>"$tmp/err"; status=$?
	g --db "$db" export --format csv >"$tmp/after.csv"
	if [ $status -ne 2 ]; then not_ok "$1" "exit $status";
	elif ! grep -Eq "^$2:$3: $4" "$tmp/err"; then not_ok "$1" "$(cat "$tmp/err")";
	elif ! cmp -s "$tmp/before.csv" "$tmp/after.csv"; then not_ok "$1" "the KB changed";
	else ok "$1"; fi
}
refuse entities_refuse_bad_id "$d/laws-bad-id.tsv" 6 "invalid law id 'Bad Slug'"
refuse entities_refuse_bad_header "$d/laws-bad-header.tsv" 1 "expected the header"

# ---- discover ----
g --db "$db" discover --format jsonl "$d/sample.md" >"$tmp/d1.jsonl"
check_grep finds_abbreviation_pair '"kind":"abbreviation","surface":"DMK","expansion":"Digitalministerkonferenz","doc":"[^"]*sample.md","line":3,' "$tmp/d1.jsonl"
# "der Föderalen IT-Kooperation – kurz FITKO –": the long form in its base form
check_grep finds_kurz_pair '"kind":"abbreviation","surface":"FITKO","expansion":"Föderale IT-Kooperation"' "$tmp/d1.jsonl"
check_grep counts_unknown_acronym '"kind":"acronym","surface":"BMDS",.*"count":2,' "$tmp/d1.jsonl"
check_no_grep known_acronym_is_no_candidate '"kind":"acronym","surface":"(OZG|GG|DMK)"' "$tmp/d1.jsonl"
check_grep finds_definition '"kind":"definition","surface":"Registermodernisierung","expansion":"Unter Registermodernisierung versteht man' "$tmp/d1.jsonl"
check_grep citation_links_article '"surface":"Art. 91c GG","expansion":"gg Art. 91c","url":"https://www.gesetze-im-internet.de/gg/art_91c.html"' "$tmp/d1.jsonl"
check_grep citation_parts_in_json '"surface":"§ 2 Absatz 3 Satz 1 des Onlinezugangsgesetzes",.*"law":"Onlinezugangsgesetzes","slug":"ozg","unit":"§","number":"2","paragraph":"3","sentence":"1",' "$tmp/d1.jsonl"
check_grep citation_genitive_title '"surface":"§ 2 Absatz 3 Satz 1 des Onlinezugangsgesetzes","expansion":"ozg § 2 Abs. 3 Satz 1","url":"https://www.gesetze-im-internet.de/ozg/__2.html"' "$tmp/d1.jsonl"
g --db "$db" discover --format jsonl "$d/sample.md" >"$tmp/d2.jsonl"
check discover_twice_is_idempotent cmp "$tmp/d1.jsonl" "$tmp/d2.jsonl"
n1=$(sqlite3 "$db" "select count(*) || '/' || sum(count) from candidate")
g --db "$db" discover "$d/sample.md" "$d/sample.md" >/dev/null
n2=$(sqlite3 "$db" "select count(*) || '/' || sum(count) from candidate")
if [ "$n1" = "$n2" ]; then ok same_file_twice_adds_nothing; else not_ok same_file_twice_adds_nothing "$n1 vs $n2"; fi
g --db "$db" discover "$d/sample.md" >"$tmp/d3.txt"
check_grep text_listing_has_header '^id	kind	surface	expansion	count	first seen	status$' "$tmp/d3.txt"

# bad input: exit 2, FILE:LINE, nothing stored
before=$(sqlite3 "$db" "select count(*) || '/' || sum(count) from candidate")
g --db "$db" discover "$d/sample.md" "$d/invalid-utf8.txt" >"$tmp/out" 2>"$tmp/err"; status=$?
after=$(sqlite3 "$db" "select count(*) || '/' || sum(count) from candidate")
if [ $status -eq 2 ] && grep -q "invalid-utf8.txt:2: invalid UTF-8" "$tmp/err" && [ "$before" = "$after" ]; then
	ok discover_refuses_invalid_utf8; else not_ok discover_refuses_invalid_utf8 "exit $status $(cat "$tmp/err")"; fi
check_exit discover_missing_file_is_exit_2 2 g --db "$db" discover "$tmp/nope.md"
g --db "$db" discover "$d/sample.md" "$data/hostile/billion-laughs.xml" >"$tmp/out" 2>"$tmp/err"; status=$?
after=$(sqlite3 "$db" "select count(*) || '/' || sum(count) from candidate")
if [ $status -eq 2 ] && grep -q "billion-laughs.xml:14: not well-formed XML" "$tmp/err" && [ "$before" = "$after" ]; then
	ok discover_refuses_entity_loop; else not_ok discover_refuses_entity_loop "exit $status $(cat "$tmp/err")"; fi
check_exit discover_nul_bytes_and_unclosed_tags 0 g --db "$db" discover "$data/hostile/nul-bytes.txt" "$data/hostile/unclosed.html"
check_exit discover_empty_file_is_exit_2 2 g --db "$db" discover "$data/hostile/empty.txt" "$data/hostile/nul-bytes.txt"
check_exit discover_without_files_is_usage_error 2 g --db "$db" discover
check_exit discover_help 0 g discover --help
check_exit candidates_help 0 g candidates --help

# HTML goes through the reader: text only, lines of the input file
g --db "$tmp/html.db" discover --format jsonl "$data/corpus/page-baydig-zahlungsabwicklung.html" >"$tmp/h.jsonl"
check_grep html_citation_found '"surface":"Art. 18 BayDiG",.*"line":4,' "$tmp/h.jsonl"
check_no_grep html_no_markup_candidates '"surface":"(kNqLJV|HTML|CSS|JSX)"' "$tmp/h.jsonl"

# ---- the queue ----
id_of() { # kind surface
	g --db "$db" candidates list --kind "$1" --format jsonl |
	grep "\"surface\":\"$2\"" | sed 's/^{"id":\([0-9]*\),.*/\1/'
}
dmk=$(id_of abbreviation DMK)
g --db "$db" extract "$d/sample.md" >"$tmp/m0.jsonl"
check_no_grep before_accept_dmk_is_no_mention '"surface":"DMK"' "$tmp/m0.jsonl"
g --db "$db" candidates accept "$dmk" >"$tmp/a1"
check_grep accept_abbreviation_creates_draft '^digitalministerkonferenz: draft concept added$' "$tmp/a1"
g --db "$db" export --format csv >"$tmp/x2.csv"
check_grep accepted_concept_has_both_labels '^digitalministerkonferenz,concept,Digitalministerkonferenz,DMK,.*,draft,$' "$tmp/x2.csv"
# discover -> accept -> extract: the accepted abbreviation matches exactly
g --db "$db" extract "$d/sample.md" >"$tmp/m1.jsonl"
check_grep accepted_abbreviation_is_extracted '"line":3,"col":31,"start":58,"end":61,"surface":"DMK","concept":"digitalministerkonferenz","label":"DMK","method":"exact"' "$tmp/m1.jsonl"
check_grep accepted_long_form_is_extracted '"surface":"Digitalministerkonferenz","concept":"digitalministerkonferenz","label":"Digitalministerkonferenz","method":"exact"' "$tmp/m1.jsonl"
# law entities: plain mentions of a federal law link to it
printf 'Das BSIG 2009 und das Grundgesetz für die Bundesrepublik Deutschland.\n' >"$tmp/laws.txt"
g --db "$db" extract "$tmp/laws.txt" >"$tmp/m2.jsonl"
check_grep law_entity_abbreviation_is_extracted '"surface":"BSIG 2009","concept":"law-bsig-2009"' "$tmp/m2.jsonl"
check_grep law_entity_title_is_extracted '"surface":"Grundgesetz für die Bundesrepublik Deutschland","concept":"law-gg"' "$tmp/m2.jsonl"
if [ "$(sqlite3 "$db" "select count(*) from change where action = 'candidates accept $dmk'")" = 1 ]; then
	ok accept_recorded_in_history; else not_ok accept_recorded_in_history; fi
g --db "$db" candidates list --kind abbreviation --status accepted --format jsonl >"$tmp/l1"
check_grep accepted_status_listed '"surface":"DMK".*"status":"accepted"' "$tmp/l1"

fitko=$(id_of abbreviation FITKO)
g --db "$db" candidates accept "$fitko" --as fitko >"$tmp/a2"
check_grep accept_as_key '^fitko: draft concept added$' "$tmp/a2"
g --db "$db" export --format csv >"$tmp/x3.csv"
check_grep accepted_concept_named_in_base_form '^fitko,concept,Föderale IT-Kooperation,FITKO,' "$tmp/x3.csv"
g --db "$db" extract "$d/sample.md" >"$tmp/m3.jsonl"
check_grep base_form_matches_the_declined_text '"surface":"Föderalen IT-Kooperation","concept":"fitko","label":"Föderale IT-Kooperation","method":"inflected"' "$tmp/m3.jsonl"

# the editor corrects the name discover could not put in its base form
printf 'Die Sendung des Deutschlandfunks (DLF) beginnt.\n' >"$tmp/dlf.md"
g --db "$db" discover "$tmp/dlf.md" >/dev/null
dlf=$(id_of abbreviation DLF)
g --db "$db" candidates list --kind abbreviation --format jsonl >"$tmp/dlf.jsonl"
check_grep name_kept_when_gender_unknown '"surface":"DLF","expansion":"Deutschlandfunks"' "$tmp/dlf.jsonl"
g --db "$db" export --format csv >"$tmp/before-name.csv"
check_exit accept_bad_name_exit_2 2 g --db "$db" candidates accept "$dlf" --name "$(printf 'Deutschland\nfunk')"
g --db "$db" export --format csv >"$tmp/after-name.csv"
check bad_name_changes_nothing cmp -s "$tmp/before-name.csv" "$tmp/after-name.csv"
check_exit reject_takes_no_name 2 g --db "$db" candidates reject "$dlf" --name Deutschlandfunk
g --db "$db" candidates accept "$dlf" --name '  Deutschlandfunk ' >"$tmp/a-dlf"
check_grep accept_with_name '^deutschlandfunk: draft concept added$' "$tmp/a-dlf"
g --db "$db" export --format csv >"$tmp/x-dlf.csv"
check_grep accepted_with_the_editors_name '^deutschlandfunk,concept,Deutschlandfunk,DLF,' "$tmp/x-dlf.csv"

bmds=$(id_of acronym BMDS)
g --db "$db" candidates reject "$bmds" >"$tmp/r1"
check_grep reject_message "^candidate $bmds rejected$" "$tmp/r1"
g --db "$db" discover "$d/sample.md" >/dev/null
g --db "$db" candidates list --kind acronym --format jsonl >"$tmp/l2"
check_grep rejected_stays_rejected '"surface":"BMDS".*"status":"rejected"' "$tmp/l2"
# the accepted pair is known now: discover does not offer it again
g --db "$db" discover --format jsonl "$d/sample.md" >"$tmp/d4.jsonl"
check_no_grep accepted_pair_not_rediscovered '"surface":"DMK"' "$tmp/d4.jsonl"

def=$(id_of definition Registermodernisierung)
g --db "$db" candidates accept "$def" >"$tmp/a3"
check_grep accept_definition_sets_missing_one '^registermodernisierung: definition set from [^ ]*sample.md$' "$tmp/a3"
g --db "$db" export --format csv >"$tmp/x3.csv"
check_grep definition_has_document_source '^registermodernisierung,programme,Registermodernisierung,,,Regmo,Unter Registermodernisierung versteht man .*,[^,]*sample.md,,,,draft,compound$' "$tmp/x3.csv"
# a second definition for a concept that has one is refused (exit 1), KB unchanged
sqlite3 "$db" "update candidate set status = 'pending' where id = $def"
check_exit accept_definition_refused_when_defined 1 g --db "$db" candidates accept "$def"
check_grep refusal_says_why 'already has a definition' "$tmp/err"
post=$(id_of definition Postfach)
g --db "$db" candidates accept "$post" >"$tmp/a5"
check_grep accept_definition_new_concept '^postfach: definition added with a new draft concept from [^ ]*sample.md$' "$tmp/a5"

cit=$(id_of citation 'Art. 91c GG')
g --db "$db" candidates accept "$cit" >"$tmp/a4"
check_grep accept_citation_marks_only '^accepted citation Art. 91c GG$' "$tmp/a4"

check_exit accept_unknown_id_is_exit_2 2 g --db "$db" candidates accept 99999
check_exit accept_bad_id_is_usage_error 2 g --db "$db" candidates accept abc
check_exit list_bad_kind_is_usage_error 2 g --db "$db" candidates list --kind frob
mpk=$(id_of acronym MPK)
check_exit accept_bad_as_key 2 g --db "$db" candidates accept "$mpk" --as "Bad Key"
g --db "$db" candidates accept "$mpk" >"$tmp/a6"
check_grep accept_acronym_creates_draft '^mpk: draft concept added$' "$tmp/a6"
g --db "$db" candidates accept "$mpk" >"$tmp/a7"
check_grep accept_twice_changes_nothing "^candidate $mpk was accepted before$" "$tmp/a7"

# discover --fuzzy -> accept -> extract: a speech-recognition variant becomes
# a hidden label that the extractor then matches exactly
printf 'Ja, die Registermodernisirung kommt.\n' >"$tmp/podcast.txt"
g --db "$db" extract "$tmp/podcast.txt" >"$tmp/m3.jsonl"
check_no_grep variant_not_matched_before '"surface":"Registermodernisirung"' "$tmp/m3.jsonl"
g --db "$db" discover --fuzzy --format jsonl "$tmp/podcast.txt" >"$tmp/d6.jsonl"
check_grep fuzzy_variant_found '"kind":"variant","surface":"Registermodernisirung","expansion":"registermodernisierung",.*"line":1,' "$tmp/d6.jsonl"
var=$(id_of variant Registermodernisirung)
g --db "$db" candidates accept "$var" >"$tmp/a8"
check_grep accept_variant_adds_hidden_label "^registermodernisierung: hidden label 'Registermodernisirung' added$" "$tmp/a8"
g --db "$db" extract "$tmp/podcast.txt" >"$tmp/m4.jsonl"
check_grep accepted_variant_is_extracted '"surface":"Registermodernisirung","concept":"registermodernisierung","label":"Registermodernisirung","method":"exact"' "$tmp/m4.jsonl"
check_exit discover_fuzzy_runs 0 g --db "$db" discover --fuzzy "$d/sample.md"
check_exit discover_fuzzy_refuses_stdin 2 g --db "$db" discover --fuzzy -

# stdin, and --dry-run of the entities
printf 'Die Ministerpräsidentenkonferenz (MPK) tagt.\n' | g --db "$db" discover --format jsonl - >"$tmp/d5.jsonl"
check_grep discover_reads_stdin '"surface":"MPK","expansion":"Ministerpräsidentenkonferenz","doc":"-","line":1' "$tmp/d5.jsonl"
g --db "$tmp/dry.db" import --dry-run --entities "$d/laws.tsv" >"$tmp/o"
check_grep entities_dry_run_checks "^$d/laws.tsv: ok$" "$tmp/o"
if [ "$(sqlite3 "$tmp/dry.db" "select count(*) from concept")" = 0 ]; then
	ok entities_dry_run_writes_nothing; else not_ok entities_dry_run_writes_nothing; fi

# Known labels and their parts are no new acronyms; an inflected long form of a
# known concept is at most a hidden label, never a displayed one.
g --db "$tmp/parts.db" import "$top/glossary.csv" >/dev/null
g --db "$tmp/parts.db" discover --format jsonl "$data/discovery/known-parts.txt" >"$tmp/parts"
check_no_grep discover_no_part_of_label_fit '"surface":"FIT"' "$tmp/parts"
check_no_grep discover_no_part_of_label_eudi '"surface":"EUDI"' "$tmp/parts"
check_grep discover_still_finds_unknown_acronym '"kind":"acronym","surface":"QXZ"' "$tmp/parts"
check_no_grep discover_inflected_long_form_no_abbreviation '"kind":"abbreviation","surface":"NOOTS"' "$tmp/parts"
check_grep discover_inflected_long_form_is_variant '"kind":"variant","surface":"Nationalen Once-Only-Technical-Systems","expansion":"noots"' "$tmp/parts"
check_grep discover_new_short_form_of_known_concept '"kind":"abbreviation","surface":"FIKO","expansion":"Föderale IT-Kooperation"' "$tmp/parts"
# Issue 14 item 6: a pair whose short form is part of a known label (EUDI of EUDI-Wallet,
# from "EU Digital Identity (EUDI) wallet") is no candidate; the same sentence without the
# glossary gives it, so the filter is what keeps it out. Quoted and title-case short forms
# of known concepts ("„Fitko“") are no candidates; in an empty KB they are.
check_no_grep discover_no_pair_of_label_part '"kind":"abbreviation","surface":"EUDI"' "$tmp/parts"
g --db "$tmp/empty.db" discover --format jsonl "$data/discovery/known-parts.txt" >"$tmp/parts0"
check_grep discover_label_part_pair_without_kb '"kind":"abbreviation","surface":"EUDI","expansion":"EU Digital Identity"' "$tmp/parts0"
check_grep discover_quoted_short_form '"kind":"abbreviation","surface":"Fitko","expansion":"Föderale IT-Kooperation"' "$tmp/parts0"
check_no_grep discover_quoted_known_short_form '"surface":"Fitko"' "$tmp/parts"
check_grep discover_quoted_long_and_short '"kind":"abbreviation","surface":"AKDB","expansion":"Anstalt für Kommunale Datenverarbeitung in Bayern"' "$tmp/parts0"
v=$(sed -n 's/.*"id":\([0-9]*\),"kind":"variant".*/\1/p' "$tmp/parts" | head -1)
g --db "$tmp/parts.db" candidates accept "$v" >/dev/null
g --db "$tmp/parts.db" term show noots --format json >"$tmp/noots"
check_grep accepted_inflection_is_hidden '"hidden_labels":\["Nationalen Once-Only-Technical-Systems"\]' "$tmp/noots"
check_no_grep accepted_inflection_not_displayed '"alt_labels":\[[^]]*Nationalen' "$tmp/noots"
finish
