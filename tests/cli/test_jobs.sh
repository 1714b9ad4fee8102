#!/bin/sh
# extract -j N: many files on threads, and one large text file in parts,
# give byte for byte what -j 1 gives (records, TSV, --fuzzy, warnings, exit
# status), and --store leaves the same knowledge base.
. "$(dirname "$0")/lib.sh"
db=$tmp/kb.db
g --db "$db" import "$top/glossary.csv" >/dev/null

# same NAME ARGS...: -j 1 and -j 4 (and -j 2) agree on stdout, stderr and status
same() {
	name=$1; shift
	g --db "$db" extract -j 1 "$@" >"$tmp/j1.out" 2>"$tmp/j1.err"; s1=$?
	for j in 2 4; do
		g --db "$db" extract -j $j "$@" >"$tmp/jn.out" 2>"$tmp/jn.err"; sn=$?
		if ! cmp -s "$tmp/j1.out" "$tmp/jn.out"; then
			not_ok "$name" "-j $j output differs: $(cmp "$tmp/j1.out" "$tmp/jn.out" 2>&1 | head -c 200)"; return
		elif ! cmp -s "$tmp/j1.err" "$tmp/jn.err"; then
			not_ok "$name" "-j $j messages differ: $(diff "$tmp/j1.err" "$tmp/jn.err" | head -c 300)"; return
		elif [ "$s1" != "$sn" ]; then
			not_ok "$name" "-j $j exit $sn, -j 1 exit $s1"; return
		fi
	done
	ok "$name"
}

# Many files: every document fixture (the hostile ones too: their
# messages and the exit status must match), the examples and, when there,
# the shared corpus.
files=$(find "$data" "$top/examples" -type f \( -name '*.txt' -o -name '*.md' -o -name '*.html' \
	-o -name '*.xml' -o -name '*.docx' -o -name '*.odt' -o -name '*.pdf' -o -name '*.tex' \) | sort)
[ -d "$SHARED/corpus" ] && files="$files $(find "$SHARED/corpus" -type f -name '*.md' | sort)"
n=$(echo $files | wc -w)
check many_files_found test "$n" -gt 50
# shellcheck disable=SC2086
same many_files_jsonl $files
# shellcheck disable=SC2086
same many_files_tsv --format tsv $files
# shellcheck disable=SC2086
same many_files_fuzzy --fuzzy $files
check_grep many_files_have_mentions '"method":"exact"' "$tmp/j1.out"

# One large file, concatenated from the fixtures (8 MB and more), cut in
# parts of 1 MB so that it has many seams.
texts=$(find "$data/corpus" "$data/extract" "$top/examples" -type f \( -name '*.txt' -o -name '*.md' \) | sort)
# shellcheck disable=SC2086
cat $texts >"$tmp/once.txt"
times=$((8500000 / $(wc -c <"$tmp/once.txt") + 1))
i=0
while [ $i -lt $times ]; do cat "$tmp/once.txt"; i=$((i + 1)); done >"$tmp/big.txt"
size=$(wc -c <"$tmp/big.txt")
check large_file_is_large test "$size" -gt 8000000
export GLOSSAR_PART_BYTES=1000000
same large_file_jsonl "$tmp/big.txt"
lines=$(wc -l <"$tmp/j1.out")
check large_file_has_mentions test "$lines" -gt 10000
same large_file_tsv --format tsv "$tmp/big.txt"
same large_file_fuzzy --fuzzy "$tmp/big.txt"
same large_file_among_others "$data/extract/sample.md" "$tmp/big.txt" "$data/extract/sample.html"

# A label that needs context (komm-one's hidden "Com1": match hidden-context)
# with its context term ("Vitako") lines before it in the paragraph: where a
# part starts between them, the part looks back as the single pass does.
awk 'BEGIN { for (i = 0; i < 4000; i++) { print "Im Vitako-Kreis " i ":"
	for (k = 0; k < 8; k++) print "eine Zeile ohne Begriff, die den Absatz lang macht, Nummer " k
	print "Mit Com1 geht es weiter."; print "" } }' >"$tmp/context.txt"
same context_term_before_a_seam "$tmp/context.txt"
n=$(grep -c '"surface":"Com1","concept":"komm-one"' "$tmp/j1.out")
check context_term_before_a_seam_finds_all test "$n" -eq 4000

# One long line (3 MB, no line feed, umlauts before every term): parts
# start inside the line, so their columns come from the code points of
# the parts before.
awk 'BEGIN { for (i = 0; i < 60000; i++) printf "Grüße über das OZG und die Straße, Nummer %d; ", i }' >"$tmp/oneline.txt"
same one_long_line "$tmp/oneline.txt"
tail -n 1 "$tmp/j1.out" >"$tmp/last.out"
check_grep one_long_line_columns_run_on '"line":1,"col":[0-9]{7},' "$tmp/last.out"

# Parts count their lines as they match; one that starts before the parts
# before it have run is shifted to its line and column afterwards. Long
# lines of many lengths (parts start inside them, and the next line feed
# comes later), CRLF line ends, umlauts before the terms:
awk 'BEGIN { srand(7); for (i = 0; i < 150; i++) { n = int(rand() * 3000)
	for (k = 0; k < n; k++) printf "Grüße über das OZG %d; ", k
	printf "Ende %d\r\n", i } }' >"$tmp/crlf.txt"
same long_crlf_lines "$tmp/crlf.txt"
check_grep long_crlf_lines_columns '"line":[0-9]+,"col":[0-9]{5},' "$tmp/j1.out"
# and more mentions in a part than it keeps unformatted (4 MB) before it
# waits for the parts before it to run, on lines and on one line
awk 'BEGIN { for (i = 0; i < 140000; i++) printf "das OZG und mehr,%s", (i % 7 ? " " : "\n") }' >"$tmp/dense.txt"
same dense_mentions --format tsv "$tmp/dense.txt"
check dense_mentions_all test "$(wc -l <"$tmp/j1.out")" -eq 140001
tr '\n' ' ' <"$tmp/dense.txt" >"$tmp/dense1.txt"
same dense_mentions_one_line --format tsv "$tmp/dense1.txt"

# Labels across line breaks at every line start, indented lines (the
# column of a part's first line), umlauts: a match running across a seam
# makes the next part run again with its skip.
awk 'BEGIN { for (i = 0; i < 300000; i++) {
	r = i % 5
	if (r == 0) print "  die"; else if (r == 1) print "   Digitalisierung und das OZG";
	else if (r == 2) print "Verwaltung und das OZG"; else if (r == 3) print "\tGrüße an die";
	else print "Straße" } }' >"$tmp/seams.txt"
printf 'id\tlabel\nd1\tdie Digitalisierung\nd2\tOZG\nd3\tDigitalisierung der Verwaltung\nd4\tdie Straße\n' >"$tmp/seams.tsv"
g compile --labels-tsv "$tmp/seams.tsv" -o "$tmp/seams.gz" 2>/dev/null
seams() {
	name=$1; shift
	g extract -j 1 --gazetteer "$tmp/seams.gz" "$@" >"$tmp/s1.out" 2>"$tmp/s1.err"
	g extract -j 3 --gazetteer "$tmp/seams.gz" "$@" >"$tmp/s3.out" 2>"$tmp/s3.err"
	if cmp -s "$tmp/s1.out" "$tmp/s3.out" && cmp -s "$tmp/s1.err" "$tmp/s3.err"; then ok "$name"
	else not_ok "$name" "$(cmp "$tmp/s1.out" "$tmp/s3.out" 2>&1 | head -c 200)"; fi
}
seams labels_across_seams "$tmp/seams.txt"
check_grep seams_found_across_lines '"surface":"die\\n   Digitalisierung"' "$tmp/s1.out"
check_grep seams_columns_of_indented_lines '"col":28,"start":[0-9]+,"end":[0-9]+,"surface":"OZG"' "$tmp/s1.out"

# Invalid UTF-8 in several parts: one warning, as -j 1 gives, exit 2.
{ head -c 3000000 "$tmp/seams.txt"; printf 'kaputt \377 hier\n'; tail -c 3000000 "$tmp/seams.txt"; printf 'noch \377 einmal\n'; cat "$tmp/seams.txt"; } >"$tmp/bad.txt"
seams invalid_utf8_in_parts "$tmp/bad.txt"
check invalid_utf8_warned_once test "$(grep -c 'invalid UTF-8' "$tmp/s3.err")" -eq 1

# --store: one transaction, the same documents, versions and mentions.
stored="$data/extract/sample.md $data/extract/sample.html $tmp/big.txt $data/corpus/transkript-beispiel.txt"
cp "$db" "$tmp/st1.db"
cp "$db" "$tmp/st4.db"
# shellcheck disable=SC2086
g --db "$tmp/st1.db" extract -j 1 --store $stored >"$tmp/st1.out" 2>&1
# shellcheck disable=SC2086
g --db "$tmp/st4.db" extract -j 4 --store $stored >"$tmp/st4.out" 2>&1
check store_same_message cmp -s "$tmp/st1.out" "$tmp/st4.out"
check_grep store_stored_mentions '^stored [0-9]{4,} mentions from' "$tmp/st4.out"
# (the time a document was stored is the only difference allowed)
dump='import re, sqlite3, sys
c = sqlite3.connect(sys.argv[1])
for line in c.iterdump(): print(re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", "TIME", line))'
/usr/bin/python3 -c "$dump" "$tmp/st1.db" >"$tmp/st1.sql"
/usr/bin/python3 -c "$dump" "$tmp/st4.db" >"$tmp/st4.sql"
check store_same_knowledge_base cmp -s "$tmp/st1.sql" "$tmp/st4.sql"
# a problem in any file stores nothing, as with -j 1
cp "$db" "$tmp/st5.db"
/usr/bin/python3 -c "$dump" "$tmp/st5.db" >"$tmp/st5-before.sql"
check_exit store_bad_file_is_exit_2 2 g --db "$tmp/st5.db" extract -j 4 --store "$tmp/big.txt" "$tmp/bad.txt"
/usr/bin/python3 -c "$dump" "$tmp/st5.db" >"$tmp/st5-after.sql"
check store_bad_file_stores_nothing cmp -s "$tmp/st5-before.sql" "$tmp/st5-after.sql"
# --store where a part runs again (a label across its start): the main
# thread stores that part's mentions as it matches them
printf 'key,type,pref_label\nd1,concept,die Digitalisierung\nd2,concept,OZG\nd3,concept,Digitalisierung der Verwaltung\nd4,concept,die Straße\n' >"$tmp/seams.csv"
g --db "$tmp/sk1.db" import "$tmp/seams.csv" >/dev/null 2>&1
cp "$tmp/sk1.db" "$tmp/sk3.db"
g --db "$tmp/sk1.db" extract -j 1 --store "$tmp/seams.txt" >"$tmp/sk1.out" 2>&1
g --db "$tmp/sk3.db" extract -j 3 --store "$tmp/seams.txt" >"$tmp/sk3.out" 2>&1
check_grep store_across_seams_stored '^stored [0-9]{6} mentions from 1 documents' "$tmp/sk3.out"
/usr/bin/python3 -c "$dump" "$tmp/sk1.db" >"$tmp/sk1.sql"
/usr/bin/python3 -c "$dump" "$tmp/sk3.db" >"$tmp/sk3.sql"
check store_across_seams_same_knowledge_base cmp -s "$tmp/sk1.sql" "$tmp/sk3.sql"

# A vocabulary of word pairs (every pair of twelve words) over text made
# of those words only: nearly every seam lies inside a match, so parts run
# again with their skip; a part's first run is kept from the block on
# after which both carry the same (docs/parallel.md). Sentences of a few
# words, then three of about 2.3 MB (in parts of 2 MB the runs agree after
# the second block) and 4 MB without a full stop (a part where they never
# agree); lines broken inside pairs, indented, umlauts. The records are
# dense: parts ahead write theirs to a file, and count where they start
# rather than wait for the parts before.
awk 'BEGIN { srand(11); split("Verwaltung Digitalisierung Bürger Portal Register Leistung Antrag Behörde Nachweis Verfahren Kommune Straße", w, " ")
	n = 0; col = 0; left = 0
	while (n < 9000000) {
		if (left == 0) {
			if (n < 1200000) left = 2 + int(rand() * 40)
			else if (n < 5000000) left = 250000
			else left = -1
			if (n > 0) { printf ".\n"; n += 2; col = 0 }
		}
		word = w[1 + int(rand() * 12)]
		if (col > 60 + int(rand() * 40)) {
			printf "\n%s", (rand() < 0.2 ? "  " : (rand() < 0.1 ? "\t" : "")); col = 0
		} else if (col > 0)
			printf " "
		printf "%s", word; n += length(word) + 1; col += length(word) + 1
		if (left > 0) left--
	}
	printf ".\n" }'>"$tmp/pairs.txt"
awk 'BEGIN { split("Verwaltung Digitalisierung Bürger Portal Register Leistung Antrag Behörde Nachweis Verfahren Kommune Straße", w, " ")
	print "id\tlabel"; k = 0
	for (i = 1; i <= 12; i++) for (j = 1; j <= 12; j++) print "p" ++k "\t" w[i] " " w[j] }' >"$tmp/pairs.tsv"
g compile --labels-tsv "$tmp/pairs.tsv" -o "$tmp/pairs.gz" 2>/dev/null
check pairs_file_is_large test "$(wc -c <"$tmp/pairs.txt")" -gt 8500000
export GLOSSAR_PART_BYTES=2000000
same word_pairs --gazetteer "$tmp/pairs.gz" "$tmp/pairs.txt"
check word_pairs_dense test "$(wc -l <"$tmp/j1.out")" -gt 200000
# Memory stays bounded even where the workers keep both cores to themselves
# and the main thread writes late (real-time scheduling): 36 MB of word
# pairs give 340 MB of records; a queue without bound held 160 MB, the
# bounded ones hold about 75 MB.
if [ -x /usr/bin/time ] && chrt -f 1 true 2>/dev/null && [ -z "${ASAN_OPTIONS:-}" ]; then
	cat "$tmp/pairs.txt" "$tmp/pairs.txt" "$tmp/pairs.txt" "$tmp/pairs.txt" >"$tmp/pairs4.txt"
	chrt -f 1 /usr/bin/time -f %M -o "$tmp/rss" "$GLOSSAR" extract -j 2 --gazetteer "$tmp/pairs.gz" \
		"$tmp/pairs4.txt" >"$tmp/jn.out" 2>/dev/null
	check word_pairs_realtime_under_120_mb_rss test "$(tail -n 1 "$tmp/rss")" -lt 122880
	rm -f "$tmp/pairs4.txt" "$tmp/jn.out"
else
	skip word_pairs_realtime_memory "no /usr/bin/time, no real-time scheduling allowed, or sanitizers"
fi
check_grep word_pairs_across_lines '"surface":"[A-Za-zäöüß]+\\n[ \\t]*[A-Za-zäöüß]+"' "$tmp/j1.out"
same word_pairs_tsv --format tsv --gazetteer "$tmp/pairs.gz" "$tmp/pairs.txt"
same word_pairs_fuzzy --fuzzy --gazetteer "$tmp/pairs.gz" "$tmp/pairs.txt"
# --store: the parts run again store as they match, the rest of their first
# run is stored from the batches
awk -F '\t' 'NR == 1 { print "key,type,pref_label"; next } { print $1 ",concept," $2 }' "$tmp/pairs.tsv" >"$tmp/pairs.csv"
g --db "$tmp/wp1.db" import "$tmp/pairs.csv" >/dev/null 2>&1
cp "$tmp/wp1.db" "$tmp/wp2.db"
g --db "$tmp/wp1.db" extract -j 1 --store "$tmp/pairs.txt" >"$tmp/wp1.out" 2>&1
g --db "$tmp/wp2.db" extract -j 4 --store "$tmp/pairs.txt" >"$tmp/wp2.out" 2>&1
check_grep word_pairs_store_stored '^stored [0-9]{6} mentions from 1 documents' "$tmp/wp2.out"
check word_pairs_store_same_message cmp -s "$tmp/wp1.out" "$tmp/wp2.out"
/usr/bin/python3 -c "$dump" "$tmp/wp1.db" >"$tmp/wp1.sql"
/usr/bin/python3 -c "$dump" "$tmp/wp2.db" >"$tmp/wp2.sql"
check word_pairs_store_same_knowledge_base cmp -s "$tmp/wp1.sql" "$tmp/wp2.sql"
unset GLOSSAR_PART_BYTES

# discover -j: the same candidates, output and knowledge base
dfiles=$(find "$data/discovery" "$data/corpus" "$top/examples" -type f \( -name '*.txt' -o -name '*.md' -o -name '*.html' \) ! -name '*invalid*' | sort)
for j in 1 4; do
	cp "$db" "$tmp/d$j.db"
	# shellcheck disable=SC2086
	g --db "$tmp/d$j.db" discover -j $j --fuzzy --format jsonl $dfiles >"$tmp/d$j.out" 2>"$tmp/d$j.err"
	echo $? >"$tmp/d$j.rc"
	/usr/bin/python3 -c "$dump" "$tmp/d$j.db" >"$tmp/d$j.sql"
done
check discover_found_candidates test "$(wc -l <"$tmp/d1.out")" -gt 20
check discover_same_output cmp -s "$tmp/d1.out" "$tmp/d4.out"
check discover_same_messages_and_status cmp -s "$tmp/d1.err" "$tmp/d4.err"
check discover_same_status cmp -s "$tmp/d1.rc" "$tmp/d4.rc"
check discover_same_knowledge_base cmp -s "$tmp/d1.sql" "$tmp/d4.sql"
check_exit discover_jobs_zero_is_bad_usage 2 g --db "$tmp/d1.db" discover -j 0 "$data/corpus/transkript-beispiel.txt"
# a bad document among good ones: the same message, nothing stored
cp "$db" "$tmp/d5.db"
/usr/bin/python3 -c "$dump" "$tmp/d5.db" >"$tmp/d5-before.sql"
# shellcheck disable=SC2086
g --db "$tmp/d5.db" discover -j 1 $dfiles "$data/discovery/invalid-utf8.txt" >/dev/null 2>"$tmp/d5-1.err"
# shellcheck disable=SC2086
check_exit discover_bad_document_is_exit_2 2 g --db "$tmp/d5.db" discover -j 4 $dfiles "$data/discovery/invalid-utf8.txt"
cp "$tmp/err" "$tmp/d5-4.err"
check discover_bad_document_same_message cmp -s "$tmp/d5-1.err" "$tmp/d5-4.err"
/usr/bin/python3 -c "$dump" "$tmp/d5.db" >"$tmp/d5-after.sql"
check discover_bad_document_stores_nothing cmp -s "$tmp/d5-before.sql" "$tmp/d5-after.sql"

# stdin, once or twice, and the option's values
printf 'Das OZG und die FITKO.\n' >"$tmp/small.txt"
printf 'Der IT-Planungsrat.\n' | g --db "$db" extract -j 4 "$tmp/small.txt" - "$tmp/small.txt" >"$tmp/stdin.out"
check stdin_among_files test "$(grep -c '"doc":"-"' "$tmp/stdin.out")" -eq 1
check_exit jobs_zero_is_bad_usage 2 g --db "$db" extract -j 0 "$tmp/small.txt"
check_exit jobs_word_is_bad_usage 2 g --db "$db" extract -j many "$tmp/small.txt"
check_exit jobs_without_value 2 g --db "$db" extract "$tmp/small.txt" -j
check jobs_long_form g --db "$db" extract --jobs=3 "$tmp/small.txt"
check jobs_attached g --db "$db" extract -j3 "$tmp/small.txt"
g --db "$db" extract --help >"$tmp/help"
check_grep help_names_jobs '^  -j N' "$tmp/help"

finish
