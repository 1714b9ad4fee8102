#!/bin/sh
# fuzz/campaign.sh SECONDS PARALLEL - a longer fuzzing campaign: builds every
# harness like fuzz/run.sh, runs PARALLEL of them at a time for SECONDS each,
# and prints executions and findings per harness from their final stats.
set -eu
seconds=${1:-600}
parallel=${2:-2}
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
# Its own folder (FUZZ_CAMPAIGN_DIR), so a `make clean` cannot pull the
# binaries from under a long run.
out=${FUZZ_CAMPAIGN_DIR:-build/fuzz-campaign}
sh fuzz/run.sh 1 >/dev/null 2>&1 || true # builds every harness into build/fuzz
mkdir -p "$out"
cp build/fuzz/fuzz_* "$out/" 2>/dev/null
rm -f "$out"/*.log
run_one() {
	name=$1; short=${name#fuzz_}
	seeds=fuzz/corpus/$short
	[ -d "$seeds" ] || seeds=
	mkdir -p "$out/corpus/$short" "$out/findings/$short"
	"$out/$name" -max_total_time="$seconds" -rss_limit_mb=1024 -timeout=10 -print_final_stats=1 \
		-artifact_prefix="$out/findings/$short/" "$out/corpus/$short" $seeds >"$out/$name.campaign.log" 2>&1
	echo "$name exit $?" >>"$out/campaign.status"
}
: >"$out/campaign.status"
set -- $(ls fuzz/fuzz_*.c | xargs -n1 basename | sed 's/\.c$//')
while [ $# -gt 0 ]; do
	n=0
	while [ $# -gt 0 ] && [ $n -lt "$parallel" ]; do
		run_one "$1" &
		shift; n=$((n + 1))
	done
	wait
done
for log in "$out"/fuzz_*.campaign.log; do
	name=$(basename "$log" .campaign.log)
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	found=$(ls "$out/findings/${name#fuzz_}" 2>/dev/null | wc -l)
	printf '%-20s %12s executions  %s findings  (%s)\n' "$name" "${runs:-?}" "$found" \
		"$(grep "^$name " "$out/campaign.status" | cut -d' ' -f2-)"
done
