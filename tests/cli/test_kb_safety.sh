#!/bin/sh
# The knowledge base under fault: a newer schema is refused untouched, a full
# disk and a read-only file get a clear error and exit 2, and the KB stays as it was.
. "$(dirname "$0")/lib.sh"
csv=$data/csv
db=$tmp/kb.db
g --db "$db" import "$csv/good.csv" >/dev/null
g --db "$db" export --format csv >"$tmp/before.csv"

# A KB written by a newer glossar: refused with a clear message, not touched.
cp "$db" "$tmp/newer.db"
if command -v sqlite3 >/dev/null; then
	sqlite3 "$tmp/newer.db" 'PRAGMA user_version = 999' 
	cp "$tmp/newer.db" "$tmp/newer-copy.db"
	check_exit newer_schema_is_refused 2 g --db "$tmp/newer.db" export --format csv
	check_grep newer_schema_message_names_versions 'schema version 999, newer than this glossar' "$tmp/err"
	check newer_schema_file_untouched cmp "$tmp/newer.db" "$tmp/newer-copy.db"
else
	skip newer_schema "no sqlite3 command"
fi

# A KB written by the first glossar (schema version 1) is migrated on open and keeps its content.
if command -v sqlite3 >/dev/null; then
	cp "$data/kb/schema-v1.db" "$tmp/old.db"
	check old_schema_is_migrated g --db "$tmp/old.db" export --format csv -o "$tmp/old.csv"
	check old_schema_keeps_content cmp "$tmp/old.csv" "$tmp/before.csv"
	if [ "$(sqlite3 "$tmp/old.db" 'PRAGMA user_version')" -gt 1 ]; then ok old_schema_version_raised; else not_ok old_schema_version_raised; fi
	check old_schema_passes_kb_check g --db "$tmp/old.db" kb check
	check old_schema_history_kept g --db "$tmp/old.db" term history ozg
	check_grep old_schema_history_shows_import 'import' "$tmp/out"
else
	skip old_schema "no sqlite3 command"
fi

# Output to a full device: exit 2 with a message.
check_exit export_to_full_disk_is_exit_2 2 g --db "$db" export --format csv -o /dev/full
check_grep export_to_full_disk_says_so 'cannot write' "$tmp/err"

# A KB that cannot grow (file size limit, as on a full disk): the import fails
# cleanly and the KB keeps its content.
awk 'NR == 1 { print; next } END {
	for (i = 0; i < 3000; i++)
		printf "gen-%d,concept,Erzeugter Begriff %d,,,,Eine lange Definition zum Auffuellen der Datei Nummer %d.,,,,,draft,\n", i, i, i
}' "$csv/good.csv" >"$tmp/big.csv"
size=$(($(stat -c %s "$db") / 1024 + 8))
( trap '' XFSZ; ulimit -f "$size"; "$GLOSSAR" --db "$db" import "$tmp/big.csv" ) >"$tmp/out" 2>"$tmp/err"
status=$?
if [ $status -eq 2 ]; then ok full_disk_import_is_exit_2; else not_ok full_disk_import_is_exit_2 "exit $status: $(cat "$tmp/err")"; fi
g --db "$db" export --format csv >"$tmp/after.csv"
check full_disk_import_leaves_kb_unchanged cmp "$tmp/before.csv" "$tmp/after.csv"

# A read-only KB file (as an unprivileged user, since root writes anyway).
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	ro=$tmp/ro
	mkdir "$ro"
	cp "$db" "$ro/kb.db"
	chmod 755 "$tmp" "$ro"
	chmod 444 "$ro/kb.db"
	setpriv --reuid=65534 --regid=65534 --clear-groups "$GLOSSAR" --db "$ro/kb.db" \
		import "$csv/changed.csv" >"$tmp/out" 2>"$tmp/err"
	status=$?
	if [ $status -eq 2 ] && grep -q 'kb.db' "$tmp/err"; then ok readonly_kb_is_exit_2; else not_ok readonly_kb_is_exit_2 "exit $status: $(cat "$tmp/err")"; fi
	g --db "$ro/kb.db" export --format csv >"$tmp/after.csv"
	check readonly_kb_unchanged cmp "$tmp/before.csv" "$tmp/after.csv"
else
	skip readonly_kb "needs root and setpriv to drop privileges"
fi
finish
