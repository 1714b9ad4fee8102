#!/bin/sh
# glossar lint: each rule on a small KB built to break it, exit statuses, the
# jsonl format, and a clean run on the shipped glossary.
. "$(dirname "$0")/lib.sh"
db=$tmp/kb.db
g --db "$db" import "$data/curation/lint-bad.csv" >/dev/null
# glossar refuses each of these errors on the way in; lint finds them in a KB that holds them.
sqlite3 "$db" <"$data/curation/lint-bad.sql"
check_exit lint_with_errors_is_exit_1 1 g --db "$db" lint
cp "$tmp/out" "$tmp/lint"
check_grep shared_label_is_error "^alpha: error: label 'AL' \(abbreviation\) is also a label of beta" "$tmp/lint"
check_grep hidden_label_displayed_elsewhere_is_error "^alpha: error: label 'Alpha' \(preferred\) is a label of beta \(hidden\)" "$tmp/lint"
check_grep duplicate_pref_label_is_error "^delta: error: preferred label 'Gamma' is also the preferred label of gamma" "$tmp/lint"
check_grep approved_without_source_is_error '^beta: error: approved, but the definition has no source' "$tmp/lint"
check_grep deprecated_without_replacement_is_warning '^delta: warning: deprecated without a replacement' "$tmp/lint"
check_grep url_without_host_is_error "^epsilon: error: malformed source URL 'https:///nohost'" "$tmp/lint"
check_grep ftp_url_is_error "^gamma: error: malformed source URL 'ftp://" "$tmp/lint"
check_grep broader_cycle_is_error 'error: broader link to [a-z]+ closes a cycle' "$tmp/lint"
check_grep empty_label_is_error "^epsilon: error: empty alt label '---'" "$tmp/lint"
check_grep label_line_break_is_error "^epsilon: error: alt label 'Zwei" "$tmp/lint"
check_grep noncharacter_is_error "^epsilon: error: hidden label .* contains the Unicode noncharacter U\+FFFE" "$tmp/lint"
check_no_grep deprecated_needs_no_definition '^delta: warning: no definition' "$tmp/lint"
g --db "$db" lint --format jsonl >"$tmp/j"
check_grep jsonl_objects '^\{"key":"alpha","severity":"error","check":"shared-label","message":"label '"'"'AL'"'"' \(abbreviation\)' "$tmp/j"
if [ "$(wc -l <"$tmp/j")" -eq "$(wc -l <"$tmp/lint")" ]; then ok jsonl_one_line_per_finding; else not_ok jsonl_one_line_per_finding; fi
check_exit bad_format_is_exit_2 2 g --db "$db" lint --format xml

# Only warnings: exit 0.
g --db "$tmp/w.db" import "$data/csv/good.csv" >/dev/null
check_exit warnings_only_is_exit_0 0 g --db "$tmp/w.db" lint
check_grep missing_definition_is_warning '^registermodernisierung: warning: no definition' "$tmp/out"
# Deprecated with a replacement, after a merge: no finding for the shared labels.
# What lint would call an error is refused on the way in, naming the other concept.
check_exit duplicate_label_from_term_add_is_refused 2 g --db "$tmp/w.db" term add regmo --type programme --label 'Registermodernisierung'
check_grep duplicate_label_refusal_names_other "regmo: preferred label 'Registermodernisierung' is also the preferred label of registermodernisierung" "$tmp/err"
check_exit refused_term_add_leaves_lint_clean 0 g --db "$tmp/w.db" lint
g --db "$tmp/w.db" term add regmo --type programme --label 'Registermodernisierung (Programm)' >/dev/null 2>&1
g --db "$tmp/w.db" term merge regmo registermodernisierung >/dev/null
g --db "$tmp/w.db" lint >"$tmp/w"
check_no_grep merged_stub_is_no_finding '^regmo:' "$tmp/w"

check lint_help g lint --help
check_grep lint_help_has_example 'example' "$tmp/out"
g --db "$tmp/shipped.db" import "$top/glossary.csv" >/dev/null
check_exit shipped_glossary_lints_clean 0 g --db "$tmp/shipped.db" lint
check_no_grep shipped_glossary_has_no_error ': error: ' "$tmp/out"
check_grep lint_without_findings_says_so_in_one_line '^no findings$' "$tmp/out"
if [ "$(wc -l <"$tmp/out")" -eq 1 ]; then ok lint_clean_output_is_one_line; else not_ok lint_clean_output_is_one_line; fi
finish
