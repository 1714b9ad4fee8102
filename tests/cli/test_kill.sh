#!/bin/sh
# SIGKILL in the middle of `extract --store` and of `discover` leaves the
# knowledge base consistent (kb check) and exactly as before that command.
. "$(dirname "$0")/lib.sh"
db=$tmp/kb.db
export GLOSSAR_DB=$db
if ! command -v sqlite3 >/dev/null; then
	skip kill_tests "no sqlite3 command"
	finish
	exit $?
fi
g import "$top/glossary.csv" >/dev/null
# 30 MB of law text (the shipped laws, repeated): long enough to be killed mid-way
: >"$tmp/laws.txt"
while [ "$(stat -c %s "$tmp/laws.txt")" -lt 30000000 ]; do cat "$data"/corpus/law-*.md >>"$tmp/laws.txt"; done
g extract --store "$top/examples/bericht.md" >/dev/null

state() { # every stored row that these commands write, in one text
	sqlite3 "$db" "SELECT count(*) FROM document; SELECT count(*), coalesce(sum(start), 0) FROM mention;
		SELECT count(*), coalesce(sum(count), 0) FROM candidate; SELECT count(*) FROM change;"
	g export --format csv
}

# kill_mid NAME COMMAND...: runs the command, kills it with SIGKILL after a
# moment, and checks that the KB is consistent and unchanged.
kill_mid() {
	what=$1; shift
	state >"$tmp/before"
	killed=0
	for delay in 1 0.5 0.2; do
		"$GLOSSAR" "$@" >/dev/null 2>&1 &
		pid=$!
		sleep $delay
		if kill -9 $pid 2>/dev/null; then
			wait $pid 2>/dev/null
			killed=1
			break
		fi
		wait $pid
		state >"$tmp/before" # finished first: take the new state and try sooner
	done
	if [ $killed -eq 1 ]; then ok "${what}_killed_mid_way"; else not_ok "${what}_killed_mid_way" "finished before the kill"; fi
	check "${what}_kill_leaves_kb_passing_check" g kb check
	state >"$tmp/after"
	check "${what}_kill_leaves_kb_unchanged" cmp "$tmp/before" "$tmp/after"
}

kill_mid extract_store extract --store "$tmp/laws.txt"
kill_mid discover discover "$tmp/laws.txt"
finish
