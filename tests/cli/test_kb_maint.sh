#!/bin/sh
# glossar kb backup / check, concurrent editors, and an import killed with
# SIGKILL half-way, which must leave the KB exactly as it was.
. "$(dirname "$0")/lib.sh"
db=$tmp/kb.db
export GLOSSAR_DB=$db
g import "$top/glossary.csv" >/dev/null

check kb_check_passes g kb check
check_grep kb_check_says_ok '^ok$' "$tmp/out"
check kb_backup g kb backup "$tmp/backup.db"
if [ ! -e "$tmp/backup.db-wal" ]; then ok backup_is_one_file; else not_ok backup_is_one_file; fi
g export --format csv >"$tmp/e0"
g --db "$tmp/backup.db" export --format csv >"$tmp/e1"
check backup_has_same_content cmp "$tmp/e0" "$tmp/e1"
check backup_passes_check g --db "$tmp/backup.db" kb check
check_exit backup_to_missing_dir_is_exit_2 2 g kb backup "$tmp/no/such/dir/b.db"
check_exit kb_without_subcommand_is_exit_2 2 g kb
check kb_help g kb --help
check kb_reindex g kb reindex

# A damaged search index is reported: exit 1.
if command -v sqlite3 >/dev/null; then
	cp "$db" "$tmp/broken.db"
	sqlite3 "$tmp/broken.db" "DELETE FROM concept_fts WHERE rowid = (SELECT min(id) FROM concept)"
	check_exit check_finds_missing_index_row 1 g --db "$tmp/broken.db" kb check
	check_grep check_names_the_concept '^search index: concept [a-z0-9-]+ is missing from the search index' "$tmp/out"
	sqlite3 "$tmp/broken.db" "PRAGMA foreign_keys = OFF; INSERT INTO relation VALUES (1, 'broader', 999999, 0)"
	check_exit check_finds_foreign_key_problem 1 g --db "$tmp/broken.db" kb check
	check_grep check_names_the_table '^foreign key: relation ' "$tmp/out"
else
	skip damaged_index "no sqlite3 command"
fi

# Two editors adding 150 concepts each at the same moment: all 300 arrive.
cdb=$tmp/conc.db
g --db "$cdb" import "$data/csv/good.csv" >/dev/null
adder() {
	i=0
	while [ $i -lt 150 ]; do
		"$GLOSSAR" --db "$cdb" term add "p$1-$i" --type concept --label "Begriff $1 $i" >/dev/null 2>>"$tmp/conc-$1.err" || echo "fail $i" >>"$tmp/conc-$1.err"
		i=$((i + 1))
	done
}
: >"$tmp/conc-a.err"; : >"$tmp/conc-b.err"
adder a & pa=$!
adder b & pb=$!
wait $pa $pb
n=$(g --db "$cdb" term list --format tsv | grep -c '^p[ab]-')
if [ "$n" -eq 300 ]; then ok concurrent_adds_all_300_present; else not_ok concurrent_adds_all_300_present "$n present"; fi
if [ ! -s "$tmp/conc-a.err" ] && [ ! -s "$tmp/conc-b.err" ]; then ok concurrent_adds_no_error; else not_ok concurrent_adds_no_error "$(head -3 "$tmp/conc-a.err" "$tmp/conc-b.err")"; fi
h=$(g --db "$cdb" term history --format tsv | grep -c '	term add	')
if [ "$h" -eq 300 ]; then ok concurrent_adds_all_in_history; else not_ok concurrent_adds_all_in_history "$h"; fi
check concurrent_kb_checks g --db "$cdb" kb check

# SIGKILL during a 20,000-row import: the KB is as it was.
awk 'NR == 1 { print; next } END {
	for (i = 0; i < 20000; i++)
		printf "gen-%d,concept,Erzeugter Begriff %d,,,,Eine Definition zum Begriff Nummer %d.,,,,,draft,\n", i, i, i
}' "$data/csv/good.csv" >"$tmp/big.csv"
g export --format csv >"$tmp/before.csv"
killed=0
for delay in 0.5 0.3 1 2; do
	"$GLOSSAR" import "$tmp/big.csv" >/dev/null 2>&1 &
	pid=$!
	sleep $delay
	if kill -9 $pid 2>/dev/null; then
		wait $pid 2>/dev/null
		killed=1
		break
	fi
	wait $pid
	# Finished too fast: undo it and try again with a shorter delay.
	g term undo >/dev/null
done
if [ $killed -eq 1 ]; then ok import_was_killed_mid_way; else not_ok import_was_killed_mid_way "finished before the kill"; fi
check kill_leaves_kb_passing_check g kb check
g export --format csv >"$tmp/after.csv"
check kill_leaves_export_unchanged cmp "$tmp/before.csv" "$tmp/after.csv"
finish
