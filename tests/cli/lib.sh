# lib.sh - sourced by the CLI tests. Each test script ends with `finish`,
# which prints "N passed, N failed, N skipped".
set -u
: "${GLOSSAR:?GLOSSAR must name the glossar binary}"
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
data=$top/tests/data
# The project's shared data (corpus, bench) beside the repository, or $SHARED;
# a clone has none, and the tests that need it print a "skipped:" line.
shared_default=$(cd "$top/.." && pwd)/shared
SHARED=${SHARED:-$shared_default}
if [ "$SHARED" = "$shared_default" ]; then shared_shown=../shared; else shared_shown=$SHARED; fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/glossar-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
t_passed=0
t_failed=0
t_skipped=0
export GLOSSAR_DB="$tmp/default.db"
export GLOSSAR_USER=tester

g() { "$GLOSSAR" "$@"; }

ok() { t_passed=$((t_passed + 1)); echo "ok $1"; }
not_ok() { t_failed=$((t_failed + 1)); echo "FAIL $1${2:+: $2}"; }
# skip NAME REASON: a test (or a named group of tests) that cannot run here,
# e.g. "no ../shared/corpus"; one visible line, counted in the summary.
skip() { t_skipped=$((t_skipped + 1)); echo "skipped: $1 ($2)"; }

# check NAME COMMAND...: passes when the command exits 0
check() {
	name=$1; shift
	if "$@" >"$tmp/out" 2>"$tmp/err"; then ok "$name"; else not_ok "$name" "$(head -c 600 "$tmp/err")"; fi
}

# check_exit NAME STATUS COMMAND...: passes when the command exits with STATUS
check_exit() {
	name=$1; want=$2; shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"; got=$?
	if [ "$got" -eq "$want" ]; then ok "$name"; else not_ok "$name" "exit $got, want $want; $(head -c 600 "$tmp/err")"; fi
}

# check_grep NAME PATTERN FILE: passes when FILE has a line matching PATTERN (grep -E)
check_grep() {
	if grep -Eq -- "$2" "$3"; then ok "$1"; else not_ok "$1" "no line matches '$2' in $(basename "$3")"; fi
}

check_no_grep() {
	if grep -Eq -- "$2" "$3"; then not_ok "$1" "a line matches '$2' in $(basename "$3")"; else ok "$1"; fi
}

finish() {
	echo "$t_passed passed, $t_failed failed, $t_skipped skipped"
	[ "$t_failed" -eq 0 ]
}
