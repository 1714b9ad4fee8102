#!/bin/sh
# glossar import and export --format csv: the round trip, and refusal of
# every kind of malformed CSV with FILE:LINE, exit 2 and the KB untouched.
. "$(dirname "$0")/lib.sh"
csv=$data/csv
db=$tmp/kb.db

check_grep_out() { g --db "$db" "$@" >"$tmp/o" 2>&1; }

g --db "$db" import "$csv/good.csv" >"$tmp/o1"
check_grep import_reports_added '^added 3, updated 0, unchanged 0$' "$tmp/o1"
g --db "$db" import "$csv/good.csv" >"$tmp/o2"
check_grep reimport_changes_nothing '^added 0, updated 0, unchanged 3$' "$tmp/o2"

g --db "$db" export --format csv >"$tmp/e1.csv"
g --db "$tmp/kb2.db" import "$tmp/e1.csv" >/dev/null
g --db "$tmp/kb2.db" export --format csv >"$tmp/e2.csv"
check export_import_export_is_byte_identical cmp "$tmp/e1.csv" "$tmp/e2.csv"
g --db "$db" import "$tmp/e1.csv" >"$tmp/o3"
check_grep import_of_export_changes_nothing '^added 0, updated 0, unchanged 3$' "$tmp/o3"
check_grep export_doubles_quotes '"Nach dem Prinzip ""Einer für Alle"" entwickelt' "$tmp/e1.csv"

g --db "$tmp/bom.db" import "$csv/bom-crlf.csv" >"$tmp/o4"
check_grep bom_and_crlf_accepted '^added 3, updated 0, unchanged 0$' "$tmp/o4"
g --db "$tmp/bom.db" export --format csv >"$tmp/e3.csv"
check bom_crlf_import_equals_plain cmp "$tmp/e1.csv" "$tmp/e3.csv"

# A changed definition is an update, recorded once.
cp "$csv/changed.csv" "$tmp/changed.csv"
g --db "$db" import "$tmp/changed.csv" >"$tmp/o5"
check_grep changed_row_is_updated '^added 0, updated 1, unchanged 2$' "$tmp/o5"

# Each malformed file: exit 2, FILE:LINE: message, KB unchanged.
g --db "$db" export --format csv >"$tmp/before.csv"
refuse() { # name file line pattern
	name=$1; file=$csv/$2; line=$3; pattern=$4
	g --db "$db" import "$file" >"$tmp/out" 2>"$tmp/err"; status=$?
	if [ $status -ne 2 ]; then not_ok "$name" "exit $status, want 2"; return; fi
	if [ -n "$line" ]; then where="^$file:$line: "; else where="^$file: "; fi
	if ! grep -Eq -- "$where$pattern" "$tmp/err"; then not_ok "$name" "message: $(cat "$tmp/err")"; return; fi
	g --db "$db" export --format csv >"$tmp/after.csv"
	if ! cmp -s "$tmp/before.csv" "$tmp/after.csv"; then not_ok "$name" "the KB changed"; return; fi
	ok "$name"
}
refuse refuses_unterminated_quote unterminated-quote.csv 2 'unterminated quoted field'
refuse refuses_wrong_column_count column-count.csv 2 'wrong number of fields: 12 fields, the header has 13'
refuse refuses_unknown_column unknown-column.csv 1 "unknown column 'colour'"
refuse refuses_invalid_utf8 invalid-utf8.csv 2 'invalid UTF-8'
refuse refuses_duplicate_key duplicate-key.csv 4 "duplicate key 'ozg' \(first on line 2\)"
refuse refuses_unknown_status unknown-status.csv 2 "unknown status 'final'"
refuse refuses_dangling_relation dangling-relation.csv 2 "related names unknown concept 'efa-prinzip'"
refuse refuses_empty_file empty.csv '' 'the file is empty'
refuse refuses_bad_key bad-key.csv 2 "invalid key 'OZG!'"
refuse refuses_unknown_type unknown-type.csv 2 "unknown type 'gesetz'"
refuse refuses_unknown_match_flag unknown-flag.csv 2 "unknown match flag 'fuzzy'"
refuse refuses_stray_quote stray-quote.csv 4 'malformed quoting'

# A CSV saved by Excel with German settings: ';', windows-1252, CRLF. Refused
# with what to do, nothing imported; accepted with --delimiter and --encoding.
refuse refuses_excel_semicolons_with_hint excel-1252.csv 1 "the header is separated by ';', not ',' .*--delimiter ';' --encoding windows-1252 \(the file is not UTF-8"
iconv -f windows-1252 -t utf-8 "$csv/excel-1252.csv" >"$tmp/excel-utf8.csv"
g --db "$db" import "$tmp/excel-utf8.csv" >"$tmp/out" 2>"$tmp/err"
check_grep excel_utf8_needs_only_delimiter "excel-utf8.csv:1: .*--delimiter ';'$" "$tmp/err"
check excel_utf8_imports_with_delimiter g --db "$tmp/excel8.db" import --delimiter ';' "$tmp/excel-utf8.csv"
g --db "$db" import --delimiter ';' "$csv/excel-1252.csv" >"$tmp/out" 2>"$tmp/err"
check_grep refuses_excel_windows_1252_with_hint "^$csv/excel-1252.csv:2: invalid UTF-8 in a field \(looks like windows-1252.*--encoding windows-1252.*iconv -f windows-1252 -t utf-8" "$tmp/err"
g --db "$db" export --format csv >"$tmp/after.csv"
check excel_refusal_imports_nothing cmp "$tmp/before.csv" "$tmp/after.csv"
check excel_csv_imports_with_options g --db "$tmp/excel.db" import --delimiter ';' --encoding windows-1252 "$csv/excel-1252.csv"
check_grep excel_csv_counts '^added 2, updated 0, unchanged 0$' "$tmp/out"
g --db "$tmp/excel.db" term show fitko --format json >"$tmp/x"
check_grep excel_csv_keeps_quoted_semicolon_and_quotes '"definition":"Anstalt des öffentlichen Rechts; sie unterstützt den IT-Planungsrat – „operativ“ und strategisch."' "$tmp/x"
g --db "$tmp/excel.db" term show strasse --format json >"$tmp/x"
check_grep excel_csv_converts_euro_and_sharp_s '"pref_label":"Straße".*Parkgebühr 5 €|"pref_label":"Straße".*5 € Parkgebühr' "$tmp/x"
iconv -f windows-1252 -t utf-16 "$csv/excel-1252.csv" >"$tmp/u16.csv"
g --db "$db" import "$tmp/u16.csv" >"$tmp/out" 2>"$tmp/err"
check_grep refuses_utf16_with_hint "u16.csv:1: the file is not UTF-8 but looks like UTF-16 .*--encoding UTF-16" "$tmp/err"
check utf16_imports_with_encoding g --db "$tmp/u16.db" import --delimiter ';' --encoding UTF-16 "$tmp/u16.csv"
check_exit unknown_encoding_is_exit_2 2 g --db "$tmp/u16.db" import --encoding klingon "$tmp/u16.csv"
check_exit bad_delimiter_is_usage_error 2 g --db "$db" import --delimiter ';;' "$csv/good.csv"
check semicolon_csv_from_stdin sh -c "'$GLOSSAR' --db '$tmp/stdin.db' import --delimiter ';' --encoding windows-1252 - <'$csv/excel-1252.csv'"

# --encoding converts while it reads: invalid input is named with its line and
# nothing is stored; a character cut by the read buffer's end is read whole;
# memory does not grow with the file.
printf 'key,type,pref_label\nozg,law,Onlinezugangsgesetz\ngross,law,Gr\344\337e\n' >"$tmp/ascii.csv"
check_exit invalid_in_declared_encoding_is_exit_2 2 g --db "$tmp/asc.db" import --encoding ASCII "$tmp/ascii.csv"
check_grep invalid_in_declared_encoding_names_line "ascii.csv:3: not valid ASCII" "$tmp/err"
g --db "$tmp/asc.db" export --format csv >"$tmp/asc.out" 2>/dev/null
check_no_grep invalid_in_declared_encoding_stores_nothing '^ozg,' "$tmp/asc.out"
/usr/bin/python3 - "$tmp/cut.csv" <<'PY'
import sys
rows = ["key,type,pref_label,abbreviations,alt_labels,hidden_labels,definition,source,source_url,broader,related,status"]
for i in range(9):
    rows.append("k%d,concept,Begriff %d,,,,%s,,,,,draft" % (i, i, "Lang " * 700))
text = "\n".join(rows) + "\n"
# the next row's definition puts U+1D538 (a surrogate pair in UTF-16) across byte 65536
head = "cut,concept,Geschnitten,,,,"
before = len(("\ufeff" + text + head).encode("utf-16-le"))
fill = (65534 - before) // 2
assert fill > 0
text += head + "x" * fill + "\U0001D538 Ende,,,,,draft\n"
open(sys.argv[1], "wb").write(("\ufeff" + text).encode("utf-16-le"))
PY
check utf16_character_across_read_buffer g --db "$tmp/cut.db" import --encoding UTF-16 "$tmp/cut.csv"
g --db "$tmp/cut.db" term show cut >"$tmp/cut.show" 2>&1
check_grep utf16_character_across_read_buffer_kept "$(printf '\360\235\224\270') Ende" "$tmp/cut.show"
if [ -x /usr/bin/time ]; then
	head -c 30000000 /dev/zero | tr '\0' a >"$tmp/huge.csv"
	/usr/bin/time -f %M -o "$tmp/rss.enc" "$GLOSSAR" --db "$tmp/huge.db" import --encoding windows-1252 "$tmp/huge.csv" >/dev/null 2>"$tmp/huge.err"
	check_grep encoding_import_line_limit "huge.csv:1: a line longer than 1 MB" "$tmp/huge.err"
	case "${ASAN_OPTIONS:-}" in
	*detect_leaks*) ok encoding_import_memory_skipped_under_asan ;;
	*) check encoding_import_30_mb_file_under_40_mb_rss test "$(tail -n 1 "$tmp/rss.enc")" -lt 40960 ;;
	esac
	rm -f "$tmp/huge.csv"
else
	skip encoding_import_memory "no /usr/bin/time"
fi

# import --entities: a NUL is refused with its line (never cuts the label), '-' reads stdin.
printf 'id\tlabel\nozg\tOnlinezugangsgesetz\nabc\tA\000B\n' >"$tmp/nul.tsv"
check_exit entities_nul_is_refused 2 g --db "$tmp/ent.db" import --entities "$tmp/nul.tsv"
check_grep entities_nul_names_line "nul.tsv:3: NUL byte" "$tmp/err"
if [ ! -f "$tmp/ent.db" ] || [ "$(sqlite3 "$tmp/ent.db" 'select count(*) from concept')" = 0 ]; then ok entities_nul_imports_nothing; else not_ok entities_nul_imports_nothing; fi
printf 'id\tlabel\nozg\tOnlinezugangsgesetz\nozg\tOZG\n' >"$tmp/laws.tsv"
check entities_from_stdin sh -c "'$GLOSSAR' --db '$tmp/ent.db' import --entities - <'$tmp/laws.tsv'"
check_grep entities_from_stdin_added '^added 1, updated 0, unchanged 0, known 0$' "$tmp/out"

check_exit missing_file_is_exit_2 2 g --db "$db" import "$tmp/nonexistent.csv"
check_exit import_without_file_is_usage_error 2 g --db "$db" import
check_exit dry_run_changes_nothing 0 g --db "$tmp/dry.db" import --dry-run "$csv/good.csv"
g --db "$tmp/dry.db" export --format csv >"$tmp/dry.csv"
if [ "$(wc -l <"$tmp/dry.csv")" -eq 1 ]; then ok dry_run_writes_no_concept; else not_ok dry_run_writes_no_concept; fi

# The shipped glossary imports cleanly and round-trips.
g --db "$tmp/shipped.db" import "$top/glossary.csv" >"$tmp/o6"
check_grep shipped_glossary_imports '^added [0-9]+, updated 0, unchanged 0$' "$tmp/o6"
g --db "$tmp/shipped.db" export --format csv >"$tmp/s1.csv"
g --db "$tmp/shipped2.db" import "$tmp/s1.csv" >/dev/null
g --db "$tmp/shipped2.db" export --format csv >"$tmp/s2.csv"
check shipped_glossary_round_trip_is_byte_identical cmp "$tmp/s1.csv" "$tmp/s2.csv"

# A deprecated concept's replacement survives the CSV round trip (optional 14th column).
g --db "$tmp/dep.db" import "$csv/good.csv" >/dev/null
g --db "$tmp/dep.db" term add ozg-alt --type law --label "Altes Onlinezugangsgesetz" >/dev/null
g --db "$tmp/dep.db" term status ozg-alt deprecated --replaced-by ozg >/dev/null
g --db "$tmp/dep.db" export --format csv >"$tmp/dep1.csv"
check_grep replaced_by_column_exported '^key,.*,match,replaced_by$' "$tmp/dep1.csv"
check_grep replaced_by_value_exported '^ozg-alt,.*,deprecated,,ozg$' "$tmp/dep1.csv"
g --db "$tmp/dep2.db" import "$tmp/dep1.csv" >/dev/null
g --db "$tmp/dep2.db" export --format csv >"$tmp/dep2.csv"
check replaced_by_round_trip_is_byte_identical cmp "$tmp/dep1.csv" "$tmp/dep2.csv"
sed 's/,deprecated,,ozg$/,deprecated,,ozg-neu/' "$tmp/dep1.csv" >"$tmp/dep3.csv"
check_exit replaced_by_unknown_key_refused 2 g --db "$tmp/dep3.db" import "$tmp/dep3.csv"
check_grep replaced_by_unknown_key_named "replaced_by names unknown concept 'ozg-neu'" "$tmp/err"
sed 's/,deprecated,,ozg$/,approved,,ozg/' "$tmp/dep1.csv" >"$tmp/dep4.csv"
check_exit replaced_by_needs_deprecated 2 g --db "$tmp/dep4.db" import "$tmp/dep4.csv"

check_exit version_exits_0 0 g --version
check_exit unknown_command_is_exit_2 2 g frobnicate
finish
