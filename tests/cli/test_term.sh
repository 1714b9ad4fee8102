#!/bin/sh
# glossar term: every subcommand on a real KB, the history and undo (with the
# add -> define -> alias -> approve -> undo -> undo sequence asserted exactly),
# the review workflow, merge, edit through $EDITOR, and search.
. "$(dirname "$0")/lib.sh"
db=$tmp/kb.db
export GLOSSAR_DB=$db
g import "$data/csv/good.csv" >/dev/null

for sub in add define alias unalias relate status edit show list merge history undo search; do
	g term $sub --help >"$tmp/h" 2>&1
	if grep -q "^usage: glossar term" "$tmp/h" && grep -q "example" "$tmp/h"; then ok "help_$sub"; else not_ok "help_$sub"; fi
done
check_exit unknown_subcommand_is_exit_2 2 g term frobnicate

# The sequence, asserted state by state.
check add_new_concept g term add fitko --type organisation --label 'Föderale IT-Kooperation'
g term show fitko --format json >"$tmp/s1"
check define_with_source g term define fitko 'Die FITKO koordiniert die föderale IT.' \
	--source IT-Staatsvertrag --url https://www.fitko.de/
g term show fitko --format json >"$tmp/s2"
check alias_abbrev g term alias fitko FITKO --kind abbrev
check_grep alias_says_what_changed "^fitko: \+abbrev 'FITKO'$" "$tmp/out"
g term show fitko --format json >"$tmp/s3"
check approve g term status fitko approved
check_grep status_says_what_changed '^fitko: status review -> approved$|^fitko: status draft -> approved$' "$tmp/out"
g term show fitko --format json >"$tmp/s4"
check_grep approved_json_has_all '"abbreviations":\["FITKO"\].*"source_url":"https://www.fitko.de/".*"status":"approved"' "$tmp/s4"
check undo_latest g term undo
check_grep undo_says_what_changed "^undone #[0-9]+: fitko status approved -> draft$" "$tmp/out"
g term show fitko --format json >"$tmp/u1"
check first_undo_restores_alias_state cmp "$tmp/s3" "$tmp/u1"
check undo_again g term undo
check_grep undo_again_says_what_changed "^undone #[0-9]+: fitko -abbrev 'FITKO'$" "$tmp/out"
g term show fitko --format json >"$tmp/u2"
check second_undo_restores_define_state cmp "$tmp/s2" "$tmp/u2"
printf '%s\n' '{"key":"fitko","type":"organisation","pref_label":"Föderale IT-Kooperation","abbreviations":[],"alt_labels":[],"hidden_labels":[],"definition":"Die FITKO koordiniert die föderale IT.","source":"IT-Staatsvertrag","source_url":"https://www.fitko.de/","broader":[],"related":[],"status":"draft","match":[],"replaced_by":"","exact_match":[],"close_match":[],"pref_label_en":"","alt_labels_en":[],"definition_en":""}' >"$tmp/expect"
check state_after_two_undos_is_exact cmp "$tmp/expect" "$tmp/u2"

# History: every change with editor, action, summary; undos name what they revert.
g term history fitko >"$tmp/hist"
check_grep history_lists_add '^#[0-9]+ +batch [0-9]+ +[0-9T:-]+Z +tester +term add +fitko: created' "$tmp/hist"
check_grep history_lists_status 'term status +fitko: status draft -> approved' "$tmp/hist"
check_grep history_lists_undo "undo +fitko: \(reverts #[0-9]+\) -abbrev 'FITKO'" "$tmp/hist"
if [ "$(wc -l <"$tmp/hist")" -eq 6 ]; then ok history_has_six_entries; else not_ok history_has_six_entries "$(cat "$tmp/hist")"; fi

# Undoing an undo redoes; an outdated undo is refused unless --force.
last_undo=$(g term history fitko --format tsv | tail -1 | cut -f1)
first_undo=$(g term history fitko --format tsv | sed -n 5p | cut -f1)
check_exit stale_undo_refused 2 g term undo "$first_undo"
check_grep stale_undo_message 'fitko changed since change [0-9]+; not undone' "$tmp/err"
g term show fitko --format json >"$tmp/after-refusal"
check refused_undo_changes_nothing cmp "$tmp/u2" "$tmp/after-refusal"
check redo_by_undoing_the_undo g term undo "$last_undo"
g term show fitko --format json >"$tmp/r1"
check redo_restores_alias cmp "$tmp/s3" "$tmp/r1"
check forced_undo g term undo --force "$first_undo"
g term show fitko --format json >"$tmp/f1"
check_grep forced_undo_sets_approved '"status":"approved"' "$tmp/f1"

# Undoing an import reverts the whole batch.
g --db "$tmp/imp.db" import "$data/csv/good.csv" >/dev/null
check undo_import g --db "$tmp/imp.db" term undo
g --db "$tmp/imp.db" term list >"$tmp/l"
if [ ! -s "$tmp/l" ]; then ok undo_import_removes_all; else not_ok undo_import_removes_all "$(cat "$tmp/l")"; fi
check_exit nothing_left_to_undo_is_exit_1 1 g --db "$tmp/imp.db" term undo
check redo_import g --db "$tmp/imp.db" term undo --batch 2
g --db "$tmp/imp.db" export --format csv >"$tmp/e1"
g export --format csv | grep -v '^fitko' >"$tmp/e0"
check redo_import_restores_all cmp "$tmp/e0" "$tmp/e1"

# Undoing a creation that another concept refers to is refused, nothing changes.
g --db "$tmp/ref.db" term add a-one --type concept --label 'Eins' >/dev/null
g --db "$tmp/ref.db" term add b-two --type concept --label 'Zwei' --related a-one >/dev/null
g --db "$tmp/ref.db" export --format csv >"$tmp/ref0"
check_exit undo_referenced_creation_refused 2 g --db "$tmp/ref.db" term undo 1
check_grep undo_referenced_creation_message 'cannot undo the creation of a-one: b-two refers to it' "$tmp/err"
g --db "$tmp/ref.db" export --format csv >"$tmp/ref1"
check undo_refusal_leaves_kb cmp "$tmp/ref0" "$tmp/ref1"

# The workflow.
check_exit approve_without_source_refused 2 g term status registermodernisierung approved
check_grep approve_message 'registermodernisierung: approving needs a definition' "$tmp/err"
check_exit approved_keeps_its_source 2 g term define ozg 'Neuer Text ohne Quelle.'
check_grep approved_keeps_source_message 'ozg: an approved concept needs a definition with its source' "$tmp/err"
check_exit approved_to_draft_refused 2 g term status ozg draft
check approved_to_review_allowed g term status ozg review
check_exit bad_status_is_usage_error 2 g term status ozg final
check_exit define_bad_url_refused 2 g term define efa 'Text.' --source X --url 'ftp://x'
check deprecate_with_replacement g term status registermodernisierung deprecated --replaced-by ozg
g term show registermodernisierung --format json >"$tmp/d"
check_grep deprecated_keeps_replacement '"status":"deprecated","match":\["compound"\],"replaced_by":"ozg"' "$tmp/d"
check_exit replaced_by_unknown_refused 2 g term status efa deprecated --replaced-by nothing-here
check reinstate_via_review g term status registermodernisierung review
g term show registermodernisierung --format json >"$tmp/d2"
check_grep reinstated_drops_replacement '"status":"review".*"replaced_by":""' "$tmp/d2"

# alias / unalias / relate.
check alias_hidden g term alias fitko 'Fit Ko' --kind hidden
check_exit alias_twice_refused 2 g term alias fitko 'Fit Ko'
check unalias g term unalias fitko 'Fit Ko'
check_exit unalias_missing_refused 2 g term unalias fitko 'Fit Ko'
check_exit unalias_pref_refused 2 g term unalias fitko 'Föderale IT-Kooperation'
check relate_broader g term relate efa broader ozg
check_exit relate_cycle_refused 2 g term relate ozg broader efa
check_grep relate_cycle_message 'close a cycle' "$tmp/err"
check relate_remove g term relate efa broader ozg --remove
check_exit relate_unknown_refused 2 g term relate efa related nothing-here
check_exit add_existing_refused 2 g term add fitko --type organisation --label X
check_exit add_bad_type_refused 2 g term add neu --type gesetz --label X
check_exit add_bad_key_refused 2 g term add 'Neu!' --type concept --label X

# show and list.
g term show ozg >"$tmp/show"
check_grep show_text_has_label '^Onlinezugangsgesetz \(ozg\)$' "$tmp/show"
check_grep show_text_related_both_sides '^  related: +efa' "$tmp/show"
check_exit show_unknown_is_exit_2 2 g term show nothing-here
g term list --format tsv --type law >"$tmp/list"
check_grep list_tsv "^ozg	law	review	Onlinezugangsgesetz$" "$tmp/list"
if [ "$(wc -l <"$tmp/list")" -eq 1 ]; then ok list_filters_type; else not_ok list_filters_type; fi
g term list --status draft >"$tmp/list2"
check_grep list_text_filters_status '^efa +draft +principle +Einer für Alle$' "$tmp/list2"

# edit through $EDITOR: a sed script edits the file.
cat >"$tmp/ed.sh" <<'ED'
#!/bin/sh
sed -i 's/^alt_labels:.*/alt_labels: EfA-Prinzip | Prinzip Einer für Alle/; s/^status: draft/status: review/' "$1"
ED
chmod +x "$tmp/ed.sh"
EDITOR="$tmp/ed.sh" VISUAL= g term edit efa >"$tmp/out" 2>"$tmp/err"
check_grep edit_says_what_changed "^efa: status draft -> review; \+alt 'Prinzip Einer für Alle'$" "$tmp/out"
g term show efa --format json >"$tmp/e"
check_grep edit_changed_fields '"alt_labels":\["EfA-Prinzip","Prinzip Einer für Alle"\].*"status":"review"' "$tmp/e"
printf '#!/bin/sh\nexit 0\n' >"$tmp/noop.sh"; chmod +x "$tmp/noop.sh"
n0=$(g term history efa | wc -l)
EDITOR="$tmp/noop.sh" VISUAL= g term edit efa >"$tmp/out"
check_grep edit_unchanged 'efa: unchanged' "$tmp/out"
printf '#!/bin/sh\n: >"$1"\n' >"$tmp/empty.sh"; chmod +x "$tmp/empty.sh"
EDITOR="$tmp/empty.sh" VISUAL= g term edit efa >"$tmp/out"
check_grep edit_empty_file_changes_nothing 'unchanged \(empty file\)' "$tmp/out"
printf '#!/bin/sh\nsed -i "s/^type: /tpye: /" "$1"\n' >"$tmp/bad.sh"; chmod +x "$tmp/bad.sh"
EDITOR="$tmp/bad.sh" VISUAL= g term edit efa >"$tmp/out" 2>"$tmp/err"; status=$?
if [ $status -eq 2 ] && grep -Eq '^/tmp/glossar-edit-[A-Za-z0-9]+\.txt:5: unknown field .tpye.' "$tmp/err"; then ok edit_malformed_reports_line; else not_ok edit_malformed_reports_line "$status $(cat "$tmp/err")"; fi
rm -f $(sed -n 's/.*your text is kept in //p' "$tmp/err")
n1=$(g term history efa | wc -l)
if [ "$n0" -eq "$n1" ]; then ok edit_refusals_record_nothing; else not_ok edit_refusals_record_nothing; fi
g term show efa --format json >"$tmp/e2"
check edit_malformed_changes_nothing cmp "$tmp/e" "$tmp/e2"

# merge: labels, relations and the deprecated stub, in one batch.
check add_duplicate g term add einer-fuer-alle --type principle --label 'Einer-für-Alle-Prinzip' --alt 'EfA-Modell' --related ozg
check merge g term merge einer-fuer-alle efa
g term show efa --format json >"$tmp/m"
check_grep merge_moves_labels '"alt_labels":\["EfA-Prinzip","Prinzip Einer für Alle","Einer-für-Alle-Prinzip","EfA-Modell"\]' "$tmp/m"
g term show einer-fuer-alle --format json >"$tmp/m2"
check_grep merge_leaves_deprecated_stub '"alt_labels":\[\].*"related":\[\],"status":"deprecated","match":\[\],"replaced_by":"efa"' "$tmp/m2"
batches=$(g term history --format tsv | awk -F'\t' '$5 == "term merge" { print $2 }' | sort -u | wc -l)
if [ "$batches" -eq 1 ]; then ok merge_is_one_batch; else not_ok merge_is_one_batch "$batches"; fi
check_exit merge_into_itself_refused 2 g term merge efa efa
check undo_merge g term undo
g term show einer-fuer-alle --format json >"$tmp/m3"
check_grep undo_merge_restores '"alt_labels":\["EfA-Modell"\].*"status":"draft"' "$tmp/m3"

# search: normalised, prefix, ranked; exit 1 when nothing is found.
g term add konnexitaet --type principle --label 'Konnexitätsprinzip' >/dev/null
for q in Konnexität Konnexitaet Konnexitat konnex; do
	g term search "$q" >"$tmp/q" 2>&1
	check_grep "search_finds_$q" '^konnexitaet	Konnexitätsprinzip	' "$tmp/q"
done
g term search onlinezug >"$tmp/q"
check_grep search_prefix_ranks_ozg_first '^ozg	Onlinezugangsgesetz	.*\[Onlinezugangsgesetz\]' "$tmp/q"
check_exit search_nothing_is_exit_1 1 g term search Zyxwvut
check_exit search_empty_query_is_exit_2 2 g term search '"'
g term undo >/dev/null
check_exit search_follows_undo 1 g term search Konnexität
check_grep search_nothing_says_so "^glossar: no concept matches 'Konnexität'$" "$tmp/err"

# Typos find their concept, after the exact hits; a concept a label names ranks first.
g --db "$tmp/shipped.db" import "$top/glossary.csv" >/dev/null
for pair in Registermoderniserung:registermodernisierung IT-Planugsrat:it-planungsrat \
	Onlinezugangsgesez:ozg Bundesverwaltungsamp:bva Deutschlandstak:deutschland-stack; do
	q=${pair%%:*}; key=${pair#*:}
	g --db "$tmp/shipped.db" term search "$q" >"$tmp/q" 2>&1
	check_grep "search_tolerates_typo_$q" "^$key	" "$tmp/q"
	check_grep "search_marks_close_match_$q" "^$key	.*	~\[" "$tmp/q"
done
g --db "$tmp/shipped.db" term search FITKO >"$tmp/q"
check_grep search_label_match_ranks_first '^fitko	' "$(head -1 "$tmp/q" >"$tmp/q1"; echo "$tmp/q1")"
g --db "$tmp/shipped.db" term search Registermodernisierung >"$tmp/q"
head -1 "$tmp/q" >"$tmp/q1"
check_grep search_exact_label_before_longer_one '^registermodernisierung	' "$tmp/q1"
check_no_grep search_exact_query_adds_no_close_match_of_itself '^registermodernisierung	.*~\[' "$tmp/q"
check_exit search_short_nonsense_finds_nothing 1 g --db "$tmp/shipped.db" term search Qzx
finish
