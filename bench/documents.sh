#!/bin/sh
# bench/documents.sh GLOSSAR - part of `make bench`: the document readers.
# PDF: pages per second of `glossar extract` beside `pdftotext` on the same
# file (pdftotext does less: no matching, no JSON). DOCX: MB/s of extracted
# text through `glossar extract`. The inputs are made once (pandoc and
# LibreOffice) from the law corpus of ../shared/bench when it is there, else
# from the test report repeated, and kept in BENCH_DIR. RUNS (default 3)
# runs each, the median CPU time (user + system) is shown. PAGES (default 200) sets the document size.
set -eu
glossar=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
SHARED=${SHARED:-$top/../shared}
work=${BENCH_DIR:-/tmp/glossar-bench}/documents
runs=${RUNS:-3}
pages=${PAGES:-200}
for t in pandoc soffice pdftotext pdfinfo; do
	command -v $t >/dev/null 2>&1 || { echo "bench documents: $t is needed (see .ci/run)"; exit 0; }
done
mkdir -p "$work"
export HOME="$work" # LibreOffice's profile
if [ ! -s "$work/doc.pdf" ] || [ ! -s "$work/doc.docx" ]; then
	# about 45 lines of 80 characters a page
	bytes=$((pages * 3600))
	if [ -f "$SHARED/bench/corpus-laws.txt.gz" ]; then
		gzip -dc "$SHARED/bench/corpus-laws.txt.gz" | head -c "$bytes" | iconv -c -f UTF-8 -t UTF-8 |
			awk 'NR % 40 == 1 { print "\n# Abschnitt " NR "\n" } { print; print "" }' >"$work/doc.md"
	else
		: >"$work/doc.md"
		while [ "$(wc -c <"$work/doc.md")" -lt "$bytes" ]; do
			sed '/^```/,/^```/d' "$top/tests/data/documents/bericht.md" | sed '1,/^---$/d' | sed '1,/^---$/d' >>"$work/doc.md"
		done
	fi
	pandoc -f markdown-yaml_metadata_block "$work/doc.md" -o "$work/doc.docx"
	soffice --headless --convert-to pdf --outdir "$work" "$work/doc.docx" >/dev/null 2>&1
	# a larger DOCX for its MB/s: the same text ten times
	for i in 1 2 3 4 5 6 7 8 9 10; do cat "$work/doc.md"; done >"$work/big.md"
	pandoc -f markdown-yaml_metadata_block "$work/big.md" -o "$work/big.docx"
fi
db=$work/kb.db
[ -s "$db" ] || "$glossar" --db "$db" import "$top/glossary.csv" >/dev/null
n_pages=$(pdfinfo "$work/doc.pdf" | awk '/^Pages:/ { print $2 }')

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# CPU seconds (user + system) of one run: the machine is shared, and wall
# time there measures the neighbours; without GNU time, wall time
seconds() {
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f '%U %S' -o "$work/time" "$@" >/dev/null 2>&1 || true
		awk '{ print $1 + $2 }' "$work/time"
	else
		s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N)
		echo "$e - $s" | bc -l
	fi
}
timed() { i=0; while [ $i -lt "$runs" ]; do seconds "$@"; i=$((i + 1)); done | median; }

t_gl=$(timed "$glossar" --db "$db" extract "$work/doc.pdf")
t_pt=$(timed pdftotext "$work/doc.pdf" "$work/out.txt")
printf 'PDF  %d pages: glossar extract %.1f pages/s, pdftotext %.1f pages/s (%.2fx)\n' \
	"$n_pages" "$(echo "$n_pages / $t_gl" | bc -l)" "$(echo "$n_pages / $t_pt" | bc -l)" \
	"$(echo "$t_pt / $t_gl" | bc -l)"
# DOCX: the text the reader extracts, through extract; the start (KB and
# gazetteer) is timed on an empty file and taken off
# (the characters of the w:t elements: what Word shows as text)
text_bytes=$(unzip -p "$work/big.docx" word/document.xml | grep -o '<w:t[ >][^<]*' | sed 's/^<w:t[^>]*>//' | tr -d '\n' | wc -c)
printf 'x' >"$work/start.txt"
t_start=$(timed "$glossar" --db "$db" extract "$work/start.txt")
t_dx=$(timed "$glossar" --db "$db" extract "$work/big.docx")
printf 'DOCX %.1f MB of text (%.1f MB file): glossar extract %.1f MB/s of text (%.2f s, start %.2f s taken off)\n' \
	"$(echo "$text_bytes / 1000000" | bc -l)" "$(echo "$(wc -c <"$work/big.docx") / 1000000" | bc -l)" \
	"$(echo "$text_bytes / 1000000 / ($t_dx - $t_start)" | bc -l)" "$t_dx" "$t_start"
