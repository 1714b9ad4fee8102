#!/bin/sh
# bench/run.sh GLOSSAR - `make bench`: glossar extract against ripgrep's
# literal engine, a pyahocorasick script and GNU grep -F -w on the law
# corpus of ../shared/bench (100 MB of real law text) with its 13,232 law
# titles and abbreviations, and on a 100,000-label vocabulary derived from
# the corpus (frequent word bigrams and trigrams). Prints MB/s, peak RSS
# and compile time of each as the median of RUNS runs, and the ratios.
# glossar runs on one thread (-j 1) against the peers, which also run on
# one; then -j 2 against -j 1 on the same input (the output must be the
# same), with the load average seen, since the machine may be shared.
# Environment: SHARED (default ../shared), BENCH_DIR (work files, default
# /tmp/glossar-bench), RUNS (default 3; PAIR_RUNS, default 7, for the runs
# by turns of glossar with ripgrep and of -j 1 with -j 2), GREP_MB (GNU grep is slow: it gets
# the first GREP_MB MB of the corpus, default 10), SETS (laws ngrams100k).
set -eu
glossar=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
SHARED=${SHARED:-$here/../../shared}
[ -d "$SHARED/bench" ] || SHARED=$here/../shared
bench=$SHARED/bench
work=${BENCH_DIR:-/tmp/glossar-bench}
runs=${RUNS:-3}
pair_runs=${PAIR_RUNS:-7}
grep_mb=${GREP_MB:-10}
py=/usr/bin/python3
if [ ! -f "$bench/corpus-laws.txt.gz" ]; then
	echo "bench: no $bench/corpus-laws.txt.gz (set SHARED)" >&2
	exit 2
fi
mkdir -p "$work"

# Peers: installed when missing and we are root, else skipped with a message.
need() { # need COMMAND PACKAGE
	command -v "$1" >/dev/null 2>&1 && return 0
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
		apt-get install -y -qq "$2" >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq "$2" >/dev/null 2>&1; } || true
	fi
	command -v "$1" >/dev/null 2>&1
}
have_time=1; [ -x /usr/bin/time ] || need /usr/bin/time time || have_time=0
if [ $have_time = 0 ]; then echo "bench: GNU time is needed (apt-get install time)" >&2; exit 2; fi
have_rg=1; need rg ripgrep || { have_rg=0; echo "skip ripgrep: not installed (apt-get install ripgrep)"; }
have_aho=1
if ! $py -c 'import ahocorasick' 2>/dev/null; then
	need false python3-ahocorasick || true
	$py -c 'import ahocorasick' 2>/dev/null || { have_aho=0; echo "skip pyahocorasick: not installed (apt-get install python3-ahocorasick)"; }
fi

# Inputs.
corpus=$work/corpus.txt
[ -s "$corpus" ] || gzip -dc "$bench/corpus-laws.txt.gz" >"$corpus"
head -c $((grep_mb * 1000000)) "$corpus" >"$work/corpus-grep.txt"
: >"$work/empty.txt"
tail -n +2 "$bench/gazetteer-laws.tsv" >"$work/laws.tsv"
cut -f2 "$work/laws.tsv" >"$work/laws.labels"
if [ ! -s "$work/ngrams.tsv" ]; then
	# the 100,000 most frequent word bigrams and trigrams of the first 30 MB
	head -c 30000000 "$corpus" | LC_ALL=C.UTF-8 awk '
	{ n = split($0, w, /[^[:alpha:]äöüÄÖÜß]+/); k = 0
	  for (i = 1; i <= n; i++) if (length(w[i]) > 2) t[++k] = w[i]
	  for (i = 1; i < k; i++) { c[t[i] " " t[i+1]]++; if (i + 2 <= k) c[t[i] " " t[i+1] " " t[i+2]]++ }
	  delete t }
	END { for (g in c) if (c[g] > 1) print c[g] "\t" g }' |
		sort -t '	' -k1,1nr -k2,2 | head -n 100000 |
		awk -F '\t' '{ print "g" NR "\t" $2 }' >"$work/ngrams.tsv"
fi
cut -f2 "$work/ngrams.tsv" >"$work/ngrams.labels"
mb=$(awk -v b="$(wc -c <"$corpus")" 'BEGIN { printf "%.1f", b / 1e6 }')
gmb=$(awk -v b="$(wc -c <"$work/corpus-grep.txt")" 'BEGIN { printf "%.1f", b / 1e6 }')
echo "corpus: $mb MB of law text; law gazetteer: $(wc -l <"$work/laws.tsv") labels; derived vocabulary: $(wc -l <"$work/ngrams.tsv") labels"
echo "each figure is the median of $runs runs ($pair_runs for the pairs run by turns)"

# timed OUT COMMAND...: runs it (stdout to OUT), prints "seconds rss_kb":
# the wall time to the microsecond (GNU time's %e has only hundredths,
# too coarse for runs of a quarter second), the peak RSS from GNU time.
timed() {
	out=$1; shift
	t0=$(date +%s%N)
	/usr/bin/time -f "%M" -o "$work/t1" "$@" >"$out" 2>/dev/null || true
	t1=$(date +%s%N)
	awk -v ns=$((t1 - t0)) -v kb="$(tail -n 1 "$work/t1")" 'BEGIN { printf "%.4f %d\n", ns / 1e9, kb }'
}

# measure NAME BYTES COMMAND...: runs it $runs times, prints "seconds rss_kb" medians.
measure() {
	bytes=$1; shift
	i=0
	: >"$work/times"
	while [ $i -lt "$runs" ]; do
		timed "$work/out" "$@" >>"$work/times"
		i=$((i + 1))
	done
	sort -n "$work/times" | awk -v r="$runs" -v b="$bytes" '
		{ s[NR] = $1; m[NR] = $2 }
		END { mid = int((r + 1) / 2); if (s[mid] <= 0) s[mid] = 0.01
		      printf "%.3f %d %.2f\n", s[mid], m[mid], b / 1e6 / s[mid] }'
}

# measure_pair BYTES "COMMAND A" "COMMAND B": runs A and B by turns $pair_runs
# times each (words split at spaces: no spaces in paths); sets pair_a and
# pair_b to "seconds rss_kb MB/s" medians; the last outputs in out.a, out.b.
measure_pair() {
	bytes=$1
	: >"$work/times.a"
	: >"$work/times.b"
	i=0
	while [ $i -lt "$pair_runs" ]; do
		# shellcheck disable=SC2086
		timed "$work/out.a" $2 >>"$work/times.a"
		# shellcheck disable=SC2086
		timed "$work/out.b" $3 >>"$work/times.b"
		i=$((i + 1))
	done
	pair_a=$(median_of "$work/times.a" "$bytes")
	pair_b=$(median_of "$work/times.b" "$bytes")
}

median_of() { # median_of TIMES BYTES
	sort -n "$1" | awk -v r="$pair_runs" -v b="$2" '
		{ s[NR] = $1; m[NR] = $2 }
		END { mid = int((r + 1) / 2); if (s[mid] <= 0) s[mid] = 0.01
		      printf "%.3f %d %.2f\n", s[mid], m[mid], b / 1e6 / s[mid] }'
}

# cpu_mbs BYTES COMMAND...: MB/s by the median of $runs runs' user + system seconds.
cpu_mbs() {
	bytes=$1; shift
	i=0
	: >"$work/cpu"
	while [ $i -lt "$runs" ]; do
		/usr/bin/time -f "%U %S" -o "$work/t1" "$@" >/dev/null 2>&1 || true
		tail -n 1 "$work/t1" | awk '{ print $1 + $2 }' >>"$work/cpu"
		i=$((i + 1))
	done
	sort -n "$work/cpu" | awk -v r="$runs" -v b="$bytes" '{ s[NR] = $1 }
		END { mid = int((r + 1) / 2); if (s[mid] <= 0) s[mid] = 0.01; printf "%.1f", b / 1e6 / s[mid] }'
}

row() { # row NAME "secs rss mbs" COMPILE
	set -- "$1" $2 "$3"
	printf '%-34s %8s MB/s %8s MB RSS %8s s   compile %s\n' "$1" "$4" "$(($3 / 1024))" "$2" "$5"
}

run_set() { # run_set NAME TSV LABELS
	name=$1 tsv=$2 labels=$3
	echo
	echo "== $name"
	ctime=$("$glossar" compile --labels-tsv "$tsv" -o "$work/$name.gz" 2>&1 | sed -n 's/^compiled [0-9]* labels in \([0-9.]*\) s$/\1/p')
	bytes=$(wc -c <"$corpus")
	echo "   load average before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
	if [ $have_rg = 1 ]; then
		# glossar on one thread and ripgrep, run by turns so that both see
		# the same load on a shared machine
		rc=$(measure 0 rg -F -o -f "$labels" "$work/empty.txt" | cut -d' ' -f1)
		measure_pair "$bytes" "$glossar extract -j 1 --gazetteer $work/$name.gz $corpus" \
			"rg -F -o -f $labels $corpus"
		g=$pair_a r=$pair_b
		row "glossar extract -j 1 (JSON)" "$g" "${ctime}s"
		echo "   mentions: $(wc -l <"$work/out.a")"
		row "rg -F -o -f labels" "$r" "${rc}s"
		gm=$(echo "$g" | cut -d' ' -f3)
		rm_=$(echo "$r" | cut -d' ' -f3)
		echo "   ratio glossar -j 1/rg: $(awk -v a="$gm" -v b="$rm_" 'BEGIN { printf "%.2f", a / b }') (target >= 1.5)"
	else
		g=$(measure "$bytes" "$glossar" extract -j 1 --gazetteer "$work/$name.gz" "$corpus")
		cp "$work/out" "$work/out.a"
		row "glossar extract -j 1 (JSON)" "$g" "${ctime}s"
		gm=$(echo "$g" | cut -d' ' -f3)
	fi
	# threads: -j 2 against -j 1, by turns; the output must be the same
	measure_pair "$bytes" "$glossar extract -j 1 --gazetteer $work/$name.gz $corpus" \
		"$glossar extract -j 2 --gazetteer $work/$name.gz $corpus"
	row "glossar extract -j 1 (JSON)" "$pair_a" "${ctime}s"
	row "glossar extract -j 2 (JSON)" "$pair_b" "${ctime}s"
	g1=$(echo "$pair_a" | cut -d' ' -f3)
	g2=$(echo "$pair_b" | cut -d' ' -f3)
	if cmp -s "$work/out.a" "$work/out.b"; then same="output identical"; else same="OUTPUT DIFFERS"; fi
	echo "   scaling -j 2/-j 1: $(awk -v a="$g2" -v b="$g1" 'BEGIN { printf "%.2f", a / b }') (target >= 1.8 on 2 idle cores; $same)"
	echo "   load average after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
	rm -f "$work/out.a" "$work/out.b"
	if [ $have_aho = 1 ]; then
		ac=$(measure 0 $py "$here/aho.py" "$tsv" "$work/empty.txt" | cut -d' ' -f1)
		a=$(measure "$bytes" $py "$here/aho.py" "$tsv" "$corpus")
		row "pyahocorasick script (JSON)" "$a" "${ac}s"
		am=$(echo "$a" | cut -d' ' -f3)
		echo "   ratio glossar/pyahocorasick: $(awk -v a="$gm" -v b="$am" 'BEGIN { printf "%.2f", a / b }') (target >= 4.0)"
	fi
	# GNU grep -w slows down badly with many labels: a smaller slice for it
	gin=$work/corpus-grep.txt
	if [ "$(wc -l <"$labels")" -gt 50000 ]; then
		head -c 1000000 "$corpus" >"$work/corpus-grep-small.txt"
		gin=$work/corpus-grep-small.txt
	fi
	gmb=$(awk -v b="$(wc -c <"$gin")" 'BEGIN { printf "%.1f", b / 1e6 }')
	gc=$(LC_ALL=C measure 0 grep -F -w -o -f "$labels" "$work/empty.txt" | cut -d' ' -f1)
	gr=$(LC_ALL=C measure "$(wc -c <"$gin")" grep -F -w -o -f "$labels" "$gin")
	row "LC_ALL=C grep -F -w -o ($gmb MB)" "$gr" "${gc}s"
	grm=$(echo "$gr" | cut -d' ' -f3)
	echo "   ratio glossar/grep: $(awk -v a="$gm" -v b="$grm" 'BEGIN { printf "%.2f", a / b }')"
	if "$glossar" extract --help | grep -q -- '--fuzzy'; then
		f=$(measure "$bytes" "$glossar" extract -j 1 --fuzzy --gazetteer "$work/$name.gz" "$corpus")
		row "glossar extract -j 1 --fuzzy (JSON)" "$f" "${ctime}s"
		fm=$(echo "$f" | cut -d' ' -f3)
		echo "   fuzzy $fm MB/s beside exact $gm MB/s (target >= 25 MB/s)"
		# the machine may be shared: CPU time (user + system) says what the code costs
		fc=$(cpu_mbs "$bytes" "$glossar" extract -j 1 --fuzzy --gazetteer "$work/$name.gz" "$corpus")
		ec=$(cpu_mbs "$bytes" "$glossar" extract -j 1 --gazetteer "$work/$name.gz" "$corpus")
		echo "   by CPU time: fuzzy $fc MB/s, exact $ec MB/s"
		nf=$(grep -c '"method":"fuzzy"' "$work/out" || true)
		ne=$(grep -vc '"method":"fuzzy"' "$work/out" || true)
		echo "   fuzzy mentions on clean text: $nf beside $ne exact ($(awk -v a="$nf" -v b="$ne" 'BEGIN { printf "%.2f", b ? 100 * a / b : 0 }') %; target < 1 %)"
	fi
}

# SETS: which vocabularies (default both)
for set in ${SETS:-laws ngrams100k}; do
	case $set in
	laws) run_set laws "$work/laws.tsv" "$work/laws.labels" ;;
	ngrams100k) run_set ngrams100k "$work/ngrams.tsv" "$work/ngrams.labels" ;;
	esac
done
