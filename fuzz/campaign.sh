#!/bin/sh
# fuzz/campaign.sh CPU_SECONDS PARALLEL [HARNESS[:CPU_SECONDS]...] - a longer
# fuzzing campaign: builds every harness like fuzz/run.sh, runs PARALLEL of
# them at a time until each has used its CPU_SECONDS of CPU time (user +
# system, read from /proc, so a busy machine does not shorten the campaign),
# and prints executions, CPU time and findings per harness from their final
# stats. Without HARNESS names it runs all of fuzz/fuzz_*.c; corpora grow in
# $FUZZ_CAMPAIGN_DIR/corpus, so a campaign can be continued later, and a
# harness's own :CPU_SECONDS tops up one that ran short.
set -eu
budget=${1:-600}
parallel=${2:-2}
shift 2 2>/dev/null || shift $#
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
# Its own folder, so a `make clean` cannot pull the binaries from under a long run.
out=${FUZZ_CAMPAIGN_DIR:-build/fuzz-campaign}
sh fuzz/run.sh 1 >/dev/null 2>&1 || true # builds every harness into build/fuzz
mkdir -p "$out"
cp build/fuzz/fuzz_* "$out/" 2>/dev/null
hz=$(getconf CLK_TCK)
cpu_of() { # utime + stime of PID in seconds, empty when it is gone
	awk -v hz="$hz" '{ sub(/^.*\) /, ""); print int(($12 + $13) / hz) }' "/proc/$1/stat" 2>/dev/null || true
}
run_one() {
	name=${1%%:*}; short=${name#fuzz_}
	budget_one=$budget
	case $1 in *:*) budget_one=${1#*:} ;; esac
	seeds=fuzz/corpus/$short
	[ -d "$seeds" ] || seeds=
	mkdir -p "$out/corpus/$short" "$out/findings/$short"
	"$out/$name" -max_total_time=0 -rss_limit_mb=1024 -timeout=10 -print_final_stats=1 \
		-artifact_prefix="$out/findings/$short/" "$out/corpus/$short" $seeds >"$out/$name.campaign.log" 2>&1 &
	pid=$!
	used=0
	while kill -0 "$pid" 2>/dev/null; do
		sleep 5
		c=$(cpu_of "$pid")
		if [ -n "$c" ]; then used=$c; fi
		if [ "$used" -ge "$budget_one" ]; then kill -INT "$pid" 2>/dev/null || true; fi # libFuzzer prints its final stats
	done
	wait "$pid" && rc=0 || rc=$?
	# 72: libFuzzer's exit after the interrupt that ends a full budget
	echo "$name rc $rc cpu $used" >>"$out/campaign.status"
}
[ $# -gt 0 ] || set -- $(ls fuzz/fuzz_*.c | xargs -n1 basename | sed 's/\.c$//')
# PARALLEL queues, each taking every PARALLEL-th harness in turn
q=0
while [ "$q" -lt "$parallel" ]; do
	(
		i=0
		for h in "$@"; do
			[ $((i % parallel)) -eq "$q" ] && run_one "$h"
			i=$((i + 1))
		done
	) &
	q=$((q + 1))
done
wait
for log in "$out"/fuzz_*.campaign.log; do
	name=$(basename "$log" .campaign.log)
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	found=$(ls "$out/findings/${name#fuzz_}" 2>/dev/null | wc -l)
	cpu=$(grep "^$name " "$out/campaign.status" | tail -n 1 | sed 's/.* cpu //')
	printf '%-20s %12s executions  %6s CPU-s  %s findings\n' "$name" "${runs:-?}" "${cpu:-?}" "$found"
done
