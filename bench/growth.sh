#!/bin/sh
# bench/growth.sh GLOSSAR - time against input size for the paths that were
# quadratic (issue 18): a one-line Markdown and HTML document, undo of a large
# import with relations, term search on long definitions. Each line gives the
# seconds (and peak RSS) per size; linear growth doubles the time when the
# size doubles ("x2.0"), quadratic quadruples it. Part of `make bench`;
# GROWTH_SCALE (default 1) multiplies every size. The last line is
# extract --fuzzy against the size of the vocabulary.
set -eu
glossar=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
work=${BENCH_DIR:-/tmp/glossar-bench}/growth
scale=${GROWTH_SCALE:-1}
mkdir -p "$work"
db=$work/kb.db
rm -f "$db"
"$glossar" --db "$db" import "$here/../tests/data/extract/glossary.csv" >/dev/null

# curve NAME SIZES...: for each size runs `prepare SIZE`, then the command
# `run_cmd SIZE` prints, and prints "size: CPU seconds (user + system: the
# machine may be shared), peak RSS" with the ratio to the previous size.
curve() {
	name=$1; shift
	line="$name:"
	prev=""
	for n in "$@"; do
		n=$((n * scale))
		prepare "$n"
		/usr/bin/time -f "%U %S %M" -o "$work/t" sh -c "$(run_cmd "$n")" >/dev/null 2>&1 || true
		s=$(tail -n 1 "$work/t" | awk '{ printf "%.2f", $1 + $2 }')
		m=$(tail -n 1 "$work/t" | cut -d' ' -f3)
		ratio=""
		# below 0.05 s the ratio says nothing
		[ -n "$prev" ] && ratio=$(awk -v a="$s" -v b="$prev" 'BEGIN { if (a < 0.05 || b < 0.05) printf " (too fast to compare)"; else printf " x%.1f", a / b }')
		line="$line $n: ${s}s CPU $((m / 1024))MB$ratio;"
		prev=$s
	done
	echo "$line"
}

echo "time against input size (x: time ratio to the previous size; x2 = linear)"

prepare() { awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) printf "OZG und **FITKO** "; printf "\n" }' >"$work/one.md"; }
run_cmd() { echo "'$glossar' --db '$db' extract '$work/one.md'"; }
curve "extract one-line .md (repeats)" 250000 500000 1000000

prepare() { awk -v n="$1" 'BEGIN { printf "<p>"; for (i = 0; i < n; i++) printf "OZG <b>FITKO</b> "; printf "</p>\n" }' >"$work/one.html"; }
run_cmd() { echo "'$glossar' --db '$db' extract '$work/one.html'"; }
curve "extract one-line .html (repeats)" 100000 200000 400000

prepare() {
	awk -v n="$1" 'BEGIN { print "key,type,pref_label,abbreviations,alt_labels,hidden_labels,definition,source,source_url,broader,related,status,match"
		for (i = 0; i < n; i++) { b = i >= 10 ? "c" int(i / 10) : ""; r = (i * 7 + 3) % n; r = r == i ? "" : "c" r
		printf "c%d,concept,Begriff Nummer %d,,,,Eine Definition.,,,%s,%s,draft,\n", i, i, b, r } }' >"$work/undo.csv"
	rm -f "$work/undo.db"
	"$glossar" --db "$work/undo.db" import "$work/undo.csv" >/dev/null
}
run_cmd() { echo "'$glossar' --db '$work/undo.db' term undo"; }
curve "term undo of an import with relations (concepts)" 5000 10000 20000

prepare() {
	rm -f "$work/search.db"
	"$glossar" --db "$work/search.db" import "$here/../tests/data/extract/glossary.csv" >/dev/null
	awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) printf "Wortlaut "; printf "\n" }' >"$work/def.txt"
	"$glossar" --db "$work/search.db" term define ozg "$(cat "$work/def.txt")" --source Q --url https://example.org/ >/dev/null
}
run_cmd() { echo "'$glossar' --db '$work/search.db' term search wortlaut"; }
curve "term search, one long definition (words)" 3500 7000 14000

prepare() {
	awk -v n="$1" 'BEGIN { print "key,type,pref_label,abbreviations,alt_labels,hidden_labels,definition,source,source_url,broader,related,status,match"
		for (i = 0; i < n; i++) printf "r%d,concept,Ring %d,,,,,,,r%d,,draft,\n", i, i, (i + 1) % n }' >"$work/ring.csv"
	rm -f "$work/ring.db"
}
run_cmd() { echo "'$glossar' --db '$work/ring.db' import '$work/ring.csv'"; }
curve "import refusing a broader ring (concepts)" 10000 20000 40000

# extract --fuzzy against the vocabulary's size (issue 18 item 7): 2 MB of
# made-up words (none in the word list, so every word is looked up) against
# 1,000 to 300,000 made-up labels. "scan" is the text's MB/s without the
# index build (the run on the text less the run on an empty file), "index"
# the build with startup; medians of FUZZY_RUNS (default 3) runs of CPU time.
awk 'BEGIN { srand(11); split("an be da er fa ge ha in ka la me no or pa re sa te un ve wa ze", s, " ")
	while (n < 2000000) { w = ""; k = 2 + int(rand() * 5); for (j = 0; j < k; j++) w = w s[1 + int(rand() * 21)]
	printf "%s ", w; n += length(w) + 1; if (rand() < 0.1) printf "\n" } }' >"$work/fuzzy.txt"
: >"$work/fuzzy-empty.txt"
cpu_median() { # cpu_median RUNS COMMAND...: median user+system seconds, then peak RSS KB
	r=$1; shift
	k=0; : >"$work/cpu"
	while [ $k -lt "$r" ]; do
		/usr/bin/time -f "%U %S %M" -o "$work/t" "$@" >/dev/null 2>&1 || true
		tail -n 1 "$work/t" | awk '{ printf "%.3f %d\n", $1 + $2, $3 }' >>"$work/cpu"
		k=$((k + 1))
	done
	sort -n "$work/cpu" | awk -v r="$r" '{ s[NR] = $1; m[NR] = $2 } END { i = int((r + 1) / 2); print s[i], m[i] }'
}
line="extract --fuzzy, 2 MB of text (labels):"
for n in 1000 30000 300000; do
	n=$((n * scale))
	awk -v n="$n" 'BEGIN { srand(7); split("an be da er fa ge ha in ka la me no or pa re sa te un ve wa ze", s, " ")
		for (i = 0; i < n; i++) { w = ""; k = 4 + int(rand() * 4); for (j = 0; j < k; j++) w = w s[1 + int(rand() * 21)]
		v = ""; k = 3 + int(rand() * 3); for (j = 0; j < k; j++) v = v s[1 + int(rand() * 21)]
		printf "k%d\t%s %s\n", i, toupper(substr(w, 1, 1)) substr(w, 2), v } }' >"$work/syn.tsv"
	"$glossar" compile --labels-tsv "$work/syn.tsv" -o "$work/syn.gz" 2>/dev/null
	e=$(cpu_median "${FUZZY_RUNS:-3}" "$glossar" extract --fuzzy --gazetteer "$work/syn.gz" "$work/fuzzy-empty.txt")
	t=$(cpu_median "${FUZZY_RUNS:-3}" "$glossar" extract --fuzzy --gazetteer "$work/syn.gz" "$work/fuzzy.txt")
	line="$line $n: scan $(echo "$e $t" | awk -v b="$(wc -c <"$work/fuzzy.txt")" '{ d = $3 - $1; if (d < 0.01) d = 0.01; printf "%.1f MB/s, index %.2fs, %dMB", b / 1e6 / d, $1, $4 / 1024 }');"
done
echo "$line"
