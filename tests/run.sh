#!/bin/sh
# run.sh GLOSSAR TESTBIN_DIR - runs every unit test binary and every CLI test
# script, and ends with one line "N passed, N failed, N skipped" over all of
# them. A suite's "skipped: NAME (REASON)" lines (a test that needs a file of
# ../shared that is not there) are shown as they come.
set -u
glossar=$1
bindir=$2
here=$(cd "$(dirname "$0")" && pwd)
passed=0
failed=0
skipped=0
broken=""

add() { # add a suite's last line "N passed, N failed[, N skipped]"
	re='^\([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed\(, \([0-9][0-9]*\) skipped\)\{0,1\}$'
	p=$(echo "$1" | sed -n "s/$re/\1/p")
	f=$(echo "$1" | sed -n "s/$re/\2/p")
	s=$(echo "$1" | sed -n "s/$re/\4/p")
	if [ -z "$p" ]; then return 1; fi
	passed=$((passed + p))
	failed=$((failed + f))
	skipped=$((skipped + ${s:-0}))
}

for t in "$bindir"/test_*; do
	[ -x "$t" ] || continue
	out=$("$t" 2>"$bindir/$(basename "$t").log"); status=$?
	last=$(echo "$out" | tail -n 1)
	echo "$(basename "$t"): $last"
	echo "$out" | grep '^skipped: '
	if ! add "$last"; then
		echo "$(basename "$t") exited $status"; cat "$bindir/$(basename "$t").log"
		failed=$((failed + 1)); broken="$broken $(basename "$t")"
	elif [ $status -ne 0 ]; then
		cat "$bindir/$(basename "$t").log"
		case "$last" in *" 0 failed"*) failed=$((failed + 1)); broken="$broken $(basename "$t")";; esac
	fi
done

GLOSSAR=$(cd "$(dirname "$glossar")" && pwd)/$(basename "$glossar")
export GLOSSAR
SHARED=${SHARED:-$(cd "$here/../.." && pwd)/shared}
export SHARED
for s in "$here"/cli/test_*.sh; do
	[ -f "$s" ] || continue
	out=$(sh "$s" 2>&1); status=$?
	last=$(echo "$out" | tail -n 1)
	echo "$(basename "$s"): $last"
	if ! add "$last"; then
		echo "$out"; failed=$((failed + 1)); broken="$broken $(basename "$s")"
	elif [ $status -ne 0 ]; then
		echo "$out" | grep -v '^ok '
		case "$last" in *" 0 failed"*) failed=$((failed + 1)); broken="$broken $(basename "$s")";; esac
	else
		echo "$out" | grep '^skipped: '
	fi
done
[ -n "$broken" ] && echo "did not finish:$broken"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
