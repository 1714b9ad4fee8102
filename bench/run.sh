#!/bin/sh
# bench/run.sh GLOSSAR - `make bench`: glossar extract against ripgrep's
# literal engine, a pyahocorasick script and GNU grep -F -w on the law
# corpus of ../shared/bench (100 MB of real law text) with its 13,232 law
# titles and abbreviations, and on a 100,000-label vocabulary derived from
# the corpus (frequent word bigrams and trigrams). Prints MB/s, peak RSS
# and compile time of each as the median of RUNS runs, and the ratios.
# Environment: SHARED (default ../shared), BENCH_DIR (work files, default
# /tmp/glossar-bench), RUNS (default 3), GREP_MB (GNU grep is slow: it gets
# the first GREP_MB MB of the corpus, default 10).
set -eu
glossar=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
SHARED=${SHARED:-$here/../../shared}
[ -d "$SHARED/bench" ] || SHARED=$here/../shared
bench=$SHARED/bench
work=${BENCH_DIR:-/tmp/glossar-bench}
runs=${RUNS:-3}
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
echo "each figure is the median of $runs runs"

# measure NAME BYTES COMMAND...: runs it $runs times, prints "seconds rss_kb" medians.
measure() {
	bytes=$1; shift
	i=0
	: >"$work/times"
	while [ $i -lt "$runs" ]; do
		/usr/bin/time -f "%e %M" -o "$work/t1" "$@" >"$work/out" 2>/dev/null || true
		tail -n 1 "$work/t1" >>"$work/times"
		i=$((i + 1))
	done
	sort -n "$work/times" | awk -v r="$runs" -v b="$bytes" '
		{ s[NR] = $1; m[NR] = $2 }
		END { mid = int((r + 1) / 2); if (s[mid] <= 0) s[mid] = 0.01
		      printf "%.2f %d %.2f\n", s[mid], m[mid], b / 1e6 / s[mid] }'
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
	g=$(measure "$bytes" "$glossar" extract --gazetteer "$work/$name.gz" "$corpus")
	cp "$work/out" "$work/$name.glossar.jsonl"
	row "glossar extract (JSON)" "$g" "${ctime}s"
	gm=$(echo "$g" | cut -d' ' -f3)
	echo "   mentions: $(wc -l <"$work/$name.glossar.jsonl")"
	rm -f "$work/$name.glossar.jsonl"
	if [ $have_rg = 1 ]; then
		rc=$(measure 0 rg -F -o -f "$labels" "$work/empty.txt" | cut -d' ' -f1)
		r=$(measure "$bytes" rg -F -o -f "$labels" "$corpus")
		row "rg -F -o -f labels" "$r" "${rc}s"
		rm_=$(echo "$r" | cut -d' ' -f3)
		echo "   ratio glossar/rg: $(awk -v a="$gm" -v b="$rm_" 'BEGIN { printf "%.2f", a / b }') (target >= 1.0)"
	fi
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
		f=$(measure "$bytes" "$glossar" extract --fuzzy --gazetteer "$work/$name.gz" "$corpus")
		row "glossar extract --fuzzy (JSON)" "$f" "${ctime}s"
		fm=$(echo "$f" | cut -d' ' -f3)
		echo "   fuzzy $fm MB/s beside exact $gm MB/s (target >= 25 MB/s)"
		# the machine may be shared: CPU time (user + system) says what the code costs
		fc=$(cpu_mbs "$bytes" "$glossar" extract --fuzzy --gazetteer "$work/$name.gz" "$corpus")
		ec=$(cpu_mbs "$bytes" "$glossar" extract --gazetteer "$work/$name.gz" "$corpus")
		echo "   by CPU time: fuzzy $fc MB/s, exact $ec MB/s"
		nf=$(grep -c '"method":"fuzzy"' "$work/out" || true)
		ne=$(grep -vc '"method":"fuzzy"' "$work/out" || true)
		echo "   fuzzy mentions on clean text: $nf beside $ne exact ($(awk -v a="$nf" -v b="$ne" 'BEGIN { printf "%.2f", b ? 100 * a / b : 0 }') %; target < 1 %)"
	fi
}

run_set laws "$work/laws.tsv" "$work/laws.labels"
run_set ngrams100k "$work/ngrams.tsv" "$work/ngrams.labels"
