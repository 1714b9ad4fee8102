#!/bin/sh
# A newcomer's first hour (issue 11): the knowledge base is created only by
# commands that write; reading commands never create one, open it read-only
# (a read-only file or directory works, for another user too, WAL included)
# and refuse what is not a glossar knowledge base; precise messages for
# mistyped options and commands; the tests themselves run without ../shared.
. "$(dirname "$0")/lib.sh"
csv=$top/glossary.csv
doc=$top/examples/bericht.md
unset GLOSSAR_DB
# testname "COMMAND ARGS...": the command and its subcommand or option, as a test name
testname() { echo "$1" | awk '{ n = $1; if ($2 !~ /^\//) n = n "_" $2; print n }' | tr -c 'a-z_\n' _; }

# ---- --db "" and names that are no file (item 6, issue 18 item 17) ----
cd "$tmp" || exit 2
check_exit empty_db_import_is_exit_2 2 g --db "" import "$csv"
check_grep empty_db_message "option '--db' requires a path" "$tmp/err"
check_exit empty_db_equals_is_exit_2 2 g --db= term add x --type concept --label X
check_exit empty_db_reading_is_exit_2 2 g --db "" export --format csv
check_exit memory_db_is_exit_2 2 g --db :memory: import "$csv"
check_grep memory_db_message "^:memory:: not a file name" "$tmp/err"
check_exit memory_db_from_env_is_exit_2 2 env GLOSSAR_DB=:memory: "$GLOSSAR" term add x --type concept --label X
check_exit uri_db_is_exit_2 2 g --db "file:u.db?mode=memory" import "$csv"
check_exit directory_db_is_exit_2 2 g --db "$tmp" import "$csv"
check_grep directory_db_message 'not a knowledge base: a directory' "$tmp/err"
check nothing_created_in_cwd test -z "$(ls "$tmp" | grep -v -e '^out$' -e '^err$')"

# ---- reading commands never create a KB (item 7) ----
missing=$tmp/nowhere/typo.db
mkdir "$tmp/nowhere"
for c in "export --format csv" "export --format ttl" "appendix --format md $doc" "extract $doc" \
	"term show ozg" "term list" "term search OZG" "term history ozg" "lint" "candidates list" \
	"kb check" "kb backup $tmp/nowhere/copy.db" "compile -o $tmp/nowhere/x.gz"; do
	nm=$(testname "$c")
	check_exit "missing_kb_${nm}_is_exit_2" 2 g --db "$missing" $c
	check_grep "missing_kb_${nm}_says_how" "^glossar: no knowledge base at $missing — create one with: glossar import glossary.csv$" "$tmp/err"
	check "missing_kb_${nm}_creates_nothing" test -z "$(ls -A "$tmp/nowhere")"
done
# an empty file is no knowledge base either, and stays empty
: >"$tmp/nowhere/empty.db"
check_exit empty_file_reading_is_exit_2 2 g --db "$tmp/nowhere/empty.db" export --format csv
check_grep empty_file_says_how "no knowledge base at $tmp/nowhere/empty.db" "$tmp/err"
check empty_file_stays_empty test ! -s "$tmp/nowhere/empty.db"
rm "$tmp/nowhere/empty.db"
# a command that writes creates it
check import_creates_kb g --db "$tmp/new.db" import "$csv"
check import_created_file test -s "$tmp/new.db"
check term_add_creates_kb g --db "$tmp/new2.db" term add probe --type concept --label Probebegriff
# an empty KB (schema, no concepts) says so on stderr
g --db "$tmp/empty.db" term add probe --type concept --label Probe >/dev/null
g --db "$tmp/empty.db" term undo >/dev/null
check empty_kb_export_runs g --db "$tmp/empty.db" export --format csv
check_grep empty_kb_export_says_so "knowledge base $tmp/empty.db holds no concepts yet" "$tmp/err"
g --db "$tmp/empty.db" appendix --format md "$doc" >"$tmp/out" 2>"$tmp/err"
check_grep empty_kb_appendix_says_so "holds no concepts yet" "$tmp/err"
check_exit empty_kb_extract 0 g --db "$tmp/empty.db" extract "$doc"
check_grep empty_kb_extract_says_so "holds no concepts yet" "$tmp/err"
g --db "$tmp/new.db" export --format csv >/dev/null 2>"$tmp/err.full"
check_no_grep full_kb_is_not_called_empty 'holds no concepts' "$tmp/err.full"

# ---- another program's SQLite file is refused, untouched (issue 18 item 17) ----
if command -v sqlite3 >/dev/null; then
	sqlite3 "$tmp/foreign.db" "CREATE TABLE note(id INTEGER PRIMARY KEY, text TEXT); INSERT INTO note(text) VALUES ('mine');"
	cp "$tmp/foreign.db" "$tmp/foreign.orig"
	for c in "term list" "export --format csv" "import $csv" "term add x --type concept --label X" "kb check"; do
		nm=$(testname "$c")
		check_exit "foreign_db_${nm}_is_exit_2" 2 g --db "$tmp/foreign.db" $c
		check_grep "foreign_db_${nm}_message" 'not a glossar knowledge base' "$tmp/err"
		check "foreign_db_${nm}_untouched" cmp "$tmp/foreign.db" "$tmp/foreign.orig"
	done
	check foreign_db_no_side_files test ! -e "$tmp/foreign.db-wal" -a ! -e "$tmp/foreign.db-shm"
else
	skip foreign_db "no sqlite3 command"
fi
printf 'Notizen, keine Datenbank\n' >"$tmp/text.db"
check_exit text_file_db_is_exit_2 2 g --db "$tmp/text.db" import "$csv"
check_grep text_file_db_message 'not a glossar knowledge base \(not an SQLite database\)' "$tmp/err"
check text_file_db_untouched test "$(cat "$tmp/text.db")" = 'Notizen, keine Datenbank'

# ---- reading a KB that is not the reader's (item 8) ----
kb_state() { g --db "$1" export --format csv; }
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	as_nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
	chmod 755 "$tmp"
	g --db "$tmp/src.db" import "$csv" >/dev/null
	kb_state "$tmp/src.db" >"$tmp/src.csv"
	# a read-only file in a read-only directory; one in a directory anyone may
	# write (sticky, as /tmp); a read-only file of the reader's own
	mkdir "$tmp/ro" "$tmp/shared" "$tmp/mine" "$tmp/backups"
	chown 65534:65534 "$tmp/backups"
	# the document too, where nobody can read it (a checkout may sit in a private directory)
	cp "$doc" "$tmp/bericht.md"; chmod 644 "$tmp/bericht.md"
	cp "$tmp/src.db" "$tmp/ro/kb.db"; chmod 444 "$tmp/ro/kb.db"; chmod 555 "$tmp/ro"
	cp "$tmp/src.db" "$tmp/shared/kb.db"; chmod 644 "$tmp/shared/kb.db"; chmod 1777 "$tmp/shared"
	cp "$tmp/src.db" "$tmp/mine/kb.db"; chown -R 65534:65534 "$tmp/mine"; chmod 444 "$tmp/mine/kb.db"
	for d in ro shared mine; do
		for c in "export --format csv" "export --format ttl" "appendix --format md $tmp/bericht.md" \
			"extract $tmp/bericht.md" "term show ozg" "term list" "term search OZG" "term history ozg" "lint" "candidates list" "kb check" \
			"kb backup $tmp/backups/$d.db"; do
			nm=$(testname "$c")
			as_nobody "$GLOSSAR" --db "$tmp/$d/kb.db" $c >"$tmp/out" 2>"$tmp/err"
			st=$?
			# lint exits 1 on errors in the vocabulary: 0 or 1 is a reading that worked
			if [ $st -le 1 ] && ! grep -q 'readonly\|read-only\|cannot' "$tmp/err"; then ok "${d}_reader_${nm}"
			else not_ok "${d}_reader_${nm}" "exit $st: $(head -c 300 "$tmp/err")"; fi
		done
		as_nobody "$GLOSSAR" --db "$tmp/$d/kb.db" export --format csv >"$tmp/$d.csv" 2>/dev/null
		check "${d}_reader_sees_everything" cmp "$tmp/$d.csv" "$tmp/src.csv"
		check "${d}_reader_leaves_no_side_files" test -z "$(ls -A "$tmp/$d" | grep -v '^kb.db$')"
	done
	check ro_writer_is_refused_exit_2 test "$(as_nobody "$GLOSSAR" --db "$tmp/ro/kb.db" import "$top/tests/data/csv/changed.csv" >/dev/null 2>&1; echo $?)" = 2
	check ro_kb_unchanged cmp "$tmp/ro/kb.db" "$tmp/src.db"
	# a writer has the KB open (its -wal holds a change not yet in the main
	# file): the reader in a read-only directory sees that change too
	if command -v sqlite3 >/dev/null; then
		# writer_start DB SQL: an sqlite3 process that runs SQL and keeps DB open
		# until writer_stop (its input is a FIFO held open meanwhile)
		writer_start() {
			rm -f "$tmp/ctl"; mkfifo "$tmp/ctl"
			sqlite3 "$1" <"$tmp/ctl" >/dev/null &
			writer=$!
			exec 3>"$tmp/ctl"
			printf '%s\n' "PRAGMA wal_autocheckpoint = 0;" "$2" "SELECT 1;" >&3
			n=0; while [ ! -s "$1-wal" ] && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
			sleep 0.3
		}
		writer_stop() { exec 3>&-; wait $writer; }
		mkdir "$tmp/live"; cp "$tmp/src.db" "$tmp/live/kb.db"
		writer_start "$tmp/live/kb.db" "UPDATE label SET text = 'Onlinezugangsgesetz (neu)' WHERE text = 'Onlinezugangsgesetz';"
		chmod 555 "$tmp/live"
		as_nobody "$GLOSSAR" --db "$tmp/live/kb.db" term show ozg >"$tmp/out" 2>"$tmp/err"
		check_grep wal_reader_sees_uncheckpointed_change '^Onlinezugangsgesetz \(neu\) \(ozg\)' "$tmp/out"
		check wal_reader_creates_nothing test -z "$(find "$tmp/live" -user 65534)"
		chmod 755 "$tmp/live"
		writer_stop
		# a copy made while a writer had it open: -wal without -shm is refused, not read stale
		mkdir "$tmp/copy"; cp "$tmp/src.db" "$tmp/copy/kb.db"
		writer_start "$tmp/copy/kb.db" "UPDATE concept SET status = 'draft';"
		mkdir "$tmp/pub"; cp "$tmp/copy/kb.db" "$tmp/copy/kb.db-wal" "$tmp/pub/"
		writer_stop
		chmod 555 "$tmp/pub"
		check_exit wal_without_shm_is_exit_2 2 as_nobody "$GLOSSAR" --db "$tmp/pub/kb.db" term list
		check_grep wal_without_shm_message 'its -wal file holds changes' "$tmp/err"
	else
		skip wal_reader "no sqlite3 command"
	fi
else
	skip readonly_reader "needs root and setpriv to drop privileges"
fi
# the owner's own reads leave no -wal/-shm behind either
g --db "$tmp/own.db" import "$csv" >/dev/null
g --db "$tmp/own.db" export --format csv >/dev/null
check owner_read_leaves_no_side_files test ! -e "$tmp/own.db-wal" -a ! -e "$tmp/own.db-shm"

# ---- precise messages (item 17) ----
db=$tmp/new.db
check_exit export_format_without_value 2 g --db "$db" export --format
check_grep export_format_without_value_says_so "^glossar export: option '--format' requires a value$" "$tmp/err"
check export_format_without_value_one_message test "$(grep -c '^glossar' "$tmp/err")" -eq 1
check_exit export_formt 2 g --db "$db" export --formt csv
check_grep export_formt_suggests "^glossar export: unknown option '--formt' \(did you mean '--format'\?\)$" "$tmp/err"
check export_formt_one_message test "$(grep -c '^glossar' "$tmp/err")" -eq 1
check_exit db_without_value 2 g --db
check_grep db_without_value_says_so "^glossar: option '--db' requires a path$" "$tmp/err"
check_exit unknown_command 2 g exprot --format csv
check_grep unknown_command_suggests "^glossar: unknown command 'exprot' \(did you mean 'export'\?\)$" "$tmp/err"
check_exit unknown_command_far_from_all 2 g frobnicate
check_no_grep unknown_command_no_wild_guess 'did you mean' "$tmp/err"
check_exit appendix_title_without_value 2 g --db "$db" appendix --format md "$doc" --title
check_grep appendix_title_without_value_says_so "option '--title' requires a value" "$tmp/err"
check_exit extract_format_without_value 2 g --db "$db" extract "$doc" --format
check_grep extract_format_without_value_says_so "option '--format' requires a value" "$tmp/err"
check_exit term_search_typo 2 g --db "$db" term search --limt 3 OZG
check_grep term_search_typo_suggests "did you mean '--limit'" "$tmp/err"
check_exit flag_with_value 2 g --db "$db" export --format csv --approved-only=yes
check_grep flag_with_value_says_so "option '--approved-only' takes no value" "$tmp/err"
# every format that export and appendix take is listed in glossar --help, and
# every format listed there is taken
g --help >"$tmp/help"
formats() { # formats COMMAND: the list in parentheses after "COMMAND --format F ..."
	tr '\n' ' ' <"$tmp/help" | sed -n "s/.*  $1 --format F[^(]*(\([^)]*\)).*/\1/p" | tr -d ' ' | tr ',' '\n' | sort | tr '\n' ' '
}
listed=$(formats export)
check help_lists_every_export_format test "$listed" = "csv dcat docbook elasticsearch-synonyms html jsonld jsonld-context latex md mkdocs rdfxml solr-synonyms tbx ttl "
for f in $listed; do
	check "help_export_format_${f}_works" g --db "$db" export --format "$f" -o "$tmp/help-export"
done
listed=$(formats appendix)
check help_lists_every_appendix_format test "$listed" = "docbook html latex md mkdocs "
for f in $listed; do
	check "help_appendix_format_${f}_works" g --db "$db" appendix --format "$f" -o "$tmp/help-app" "$doc"
done

# ---- undo of what the history does not have (issue 18 item 18) ----
check_exit undo_unknown_change 2 g --db "$db" term undo 999999
check_grep undo_unknown_change_message 'no change 999999 in the history' "$tmp/err"
check_exit undo_unknown_batch 2 g --db "$db" term undo --batch 999999
check_grep undo_unknown_batch_message 'no batch 999999 in the history' "$tmp/err"
check_no_grep undo_unknown_is_ubsan_clean 'runtime error' "$tmp/err"

finish
