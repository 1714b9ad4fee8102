#!/bin/sh
# make demo: examples/demo.sh runs end to end, leaves only its results in the
# output directory, and prints exactly docs/demo-output.txt (the transcript
# the README shows), up to what truly varies: the output directory and the
# time stamps of the run.
. "$(dirname "$0")/lib.sh"
want=$top/docs/demo-output.txt
out=$tmp/demo
# stdout and stderr together, as `make demo-output` records them
sh "$top/examples/demo.sh" "$GLOSSAR" "$out" >"$tmp/demo.stdout" 2>&1
status=$?
if [ $status -eq 0 ]; then ok demo_runs; else not_ok demo_runs "exit $status: $(tail -3 "$tmp/demo.stdout")"; fi

# what the run leaves: results, no empty logs, no SQLite side files
for f in glossar.db mentions.jsonl glossary.csv appendix.md appendix.html appendix.latex \
	appendix.docbook appendix.mkdocs vocabulary.ttl vocabulary.rdfxml vocabulary.jsonld \
	vocabulary.tbx vocabulary.md vocabulary.html vocabulary.latex vocabulary.docbook vocabulary.mkdocs; do
	check "demo_writes_$f" test -s "$out/$f"
done
check demo_leaves_no_empty_file test -z "$(find "$out" -empty)"
check demo_leaves_no_log test -z "$(find "$out" -name '*.log')"
check demo_leaves_no_sqlite_side_files test -z "$(find "$out" -name '*-wal' -o -name '*-shm')"

# the transcript, as docs/demo-output.txt has it
normalise() { # the output directory and ISO 8601 time stamps
	sed -e "s#$out#out/demo#g" -e 's/[0-9]\{4\}-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z/TIME/g' "$1"
}
normalise "$tmp/demo.stdout" >"$tmp/got"
normalise "$want" >"$tmp/want"
if cmp -s "$tmp/got" "$tmp/want"; then ok demo_output_matches_docs
else not_ok demo_output_matches_docs "docs/demo-output.txt is stale; run 'make demo-output', check the diff, commit it:
$(diff "$tmp/want" "$tmp/got" | head -20)"; fi
# the transcript shows each step of the demo
for step in 'knowledge base' 'mentions in examples/bericht.md' 'vocabulary as CSV' \
	'glossary appendix of examples/bericht.md' 'the whole vocabulary'; do
	check_grep "demo_output_has_step_$(echo "$step" | tr -c 'a-z\n' _)" "^== $step" "$want"
done
finish
