#!/bin/sh
# Reliability, round two (issue 18): text the readers lost, paths that grew
# quadratically, limits on what import and the readers accept, and
# extract --store reading each file once. Sizes are chosen so that the old
# quadratic code needed a minute or more, and the linear code well under a
# second; the time limits are generous (sanitizer builds are slower), the
# growth curves themselves are in `make bench`.
. "$(dirname "$0")/lib.sh"
ex=$data/extract
db=$tmp/kb.db
g --db "$db" import "$ex/glossary.csv" >/dev/null

surfaces() { # surfaces FILE...: the surfaces found, one per line
	g --db "$db" extract --format tsv "$@" | tail -n +2 | cut -f6
}

# 1. XML: element boundaries that are not inline markup separate words.
printf '<doc><item>OZG</item><item>FITKO</item></doc>' >"$tmp/items.xml"
check xml_adjacent_elements_are_words test "$(surfaces "$tmp/items.xml" | tr '\n' ' ')" = "OZG FITKO "
printf '<doc><para>Das <emphasis>O</emphasis>ZG und <foo>FITKO</foo>s.</para></doc>' >"$tmp/inline.xml"
check xml_inline_markup_joins test "$(surfaces "$tmp/inline.xml" | tr '\n' ' ')" = "OZG FITKO "
printf '<doc><a>OZG</a><b>FITKO</b><br/></doc>' >"$tmp/struct.xml"
check xml_inline_names_among_elements_are_structure \
	test "$(surfaces "$tmp/struct.xml" | tr '\n' ' ')" = "OZG FITKO "
# glossar's own DocBook export, extracted again, yields every term and acronym
g --db "$db" export --format docbook -o "$tmp/glossary.xml"
surfaces "$tmp/glossary.xml" | sort >"$tmp/db.got"
sed -n 's/.*<glossterm>\([^<]*\)<\/glossterm>\(<acronym>\([^<]*\)<\/acronym>\)\{0,1\}.*/\1\n\3/p' \
	"$tmp/glossary.xml" | grep -v '^$' | sort >"$tmp/db.want"
check docbook_terms_and_acronyms_all_found sh -c "[ \$(wc -l <'$tmp/db.want') -ge 10 ] && comm -23 '$tmp/db.want' '$tmp/db.got' | grep -c . | grep -qx 0"
g --db "$db" export --format md -o "$tmp/glossary.md"
check docbook_as_many_mentions_as_markdown \
	test "$(surfaces "$tmp/glossary.xml" | wc -l)" -eq "$(surfaces "$tmp/glossary.md" | wc -l)"

# 2. HTML nested 256 levels and more: read whole up to the limit, refused beyond.
deep() { # deep N FILE
	awk -v n="$1" 'BEGIN { printf "<html><body><p>FITKO</p>\n"
		for (i = 0; i < n; i++) printf "<div>"; printf "OZG"
		for (i = 0; i < n; i++) printf "</div>"; printf "\n<p>Dataport</p></body></html>\n" }' >"$2"
}
deep 256 "$tmp/d256.html"
check html_256_deep_read_whole test "$(surfaces "$tmp/d256.html" | tr '\n' ' ')" = "FITKO OZG Dataport "
deep 3000 "$tmp/d3000.html"
check html_3000_deep_read_whole test "$(surfaces "$tmp/d3000.html" | tr '\n' ' ')" = "FITKO OZG Dataport "
deep 5000 "$tmp/d5000.html"
check_exit html_beyond_limit_exit_2 2 g --db "$db" extract "$tmp/d5000.html"
check_grep html_beyond_limit_file_line 'd5000.html:2: elements nested deeper than 4096 levels' "$tmp/err"
awk 'BEGIN { printf "<doc><p>FITKO</p>\n"; for (i = 0; i < 300; i++) printf "<d>"; printf "OZG"
	for (i = 0; i < 300; i++) printf "</d>"; printf "\n<p>Dataport</p></doc>\n" }' >"$tmp/d300.xml"
check xml_300_deep_read_whole test "$(surfaces "$tmp/d300.xml" | tr '\n' ' ')" = "FITKO OZG Dataport "

# 3. Markdown and HTML: line and column from a cursor, not counted per mention.
awk 'BEGIN { for (i = 0; i < 60000; i++) printf "OZG und **FITKO** "; printf "\n" }' >"$tmp/one.md"
timeout 20 "$GLOSSAR" --db "$db" extract --format tsv "$tmp/one.md" >"$tmp/one.md.tsv"
check md_one_long_line_linear test "$(tail -n +2 "$tmp/one.md.tsv" | wc -l)" -eq 120000
# the last FITKO: byte 59999*18+10, column one more (ASCII)
check md_one_long_line_last_column grep -q "	1	1079993	1079992	1079997	FITKO	" "$tmp/one.md.tsv"
awk 'BEGIN { printf "<p>"; for (i = 0; i < 60000; i++) printf "OZG <b>FITKO</b> "; printf "</p>\n" }' >"$tmp/one.html"
timeout 20 "$GLOSSAR" --db "$db" extract --format tsv "$tmp/one.html" >"$tmp/one.html.tsv"
check html_one_long_line_linear test "$(tail -n +2 "$tmp/one.html.tsv" | wc -l)" -eq 120000
check html_one_long_line_last_column grep -q "	1	1019994	599994	599999	FITKO	" "$tmp/one.html.tsv"

# 8. More attributes on one element than the readers allow: refused at once.
awk 'BEGIN { printf "<doc>\n<p>OZG</p>\n<e"; for (i = 0; i < 100000; i++) printf " a%d=\"x>y\"", i
	printf "/>FITKO</doc>\n" }' >"$tmp/attrs.xml"
check_exit xml_too_many_attributes_exit_2 2 timeout 20 "$GLOSSAR" --db "$db" extract "$tmp/attrs.xml"
check_grep xml_too_many_attributes_file_line 'attrs.xml:3: an element with more than 256 attributes' "$tmp/err"
awk 'BEGIN { printf "<p>OZG</p>\n\n<e"; for (i = 0; i < 100000; i++) printf " a%d", i; printf ">FITKO\n" }' >"$tmp/attrs.html"
check_exit html_too_many_attributes_exit_2 2 timeout 20 "$GLOSSAR" --db "$db" extract "$tmp/attrs.html"
check_grep html_too_many_attributes_file_line 'attrs.html:3: an element with more than 256 attributes' "$tmp/err"
awk 'BEGIN { printf "<p a=\">\">OZG</p><e"; for (i = 0; i < 256; i++) printf " a%d", i
	printf ">FITKO<script>if (a<b"; for (i = 0; i < 1000; i++) printf " x"; printf ") {}</script>\n" }' >"$tmp/attrs256.html"
check html_256_attributes_and_script_ok test "$(surfaces "$tmp/attrs256.html" | tr '\n' ' ')" = "OZG FITKO "

# 16. extract --store reads each file once.
sdb=$tmp/store.db
g --db "$sdb" import "$ex/glossary.csv" >/dev/null
printf 'OZG und FITKO\n' >"$tmp/a.txt"
gabs=$(cd "$(dirname "$GLOSSAR")" && pwd)/$(basename "$GLOSSAR")
(cd "$tmp" && "$gabs" --db "$sdb" extract --store a.txt a.txt ./a.txt) >"$tmp/out" 2>"$tmp/err"
check_grep store_reports_what_was_stored '^stored 4 mentions from 2 documents$' "$tmp/out"
check store_report_matches_kb test "$(sqlite3 "$sdb" 'SELECT count(*) FROM mention')" = 4
rm -f "$tmp/fifo"; mkfifo "$tmp/fifo"
(printf 'OZG\n' >"$tmp/fifo" &)
check_exit store_fifo_read_once 0 timeout 10 "$GLOSSAR" --db "$sdb" extract --store "$tmp/fifo"
check_grep store_fifo_stored '^stored 1 mentions from 1 documents$' "$tmp/out"
if command -v bash >/dev/null; then
	check_exit store_process_substitution 0 bash -c "'$GLOSSAR' --db '$sdb' extract --store <(echo OZG)"
	check_grep store_process_substitution_stored '^stored 1 mentions from 1 documents$' "$tmp/out"
fi
printf 'OZG FITKO\n' | g --db "$sdb" extract --store >/dev/null
check store_stdin_real_size test "$(sqlite3 "$sdb" "SELECT size FROM document WHERE path = '-'")" = 10
check store_hash_of_file test "$(sqlite3 "$sdb" "SELECT hash FROM document WHERE path = 'a.txt'")" = ef37406cd4d7035f

# Minor: the Markdown reader skips raw <script>, <style> and comments as the HTML reader does.
printf 'OZG.\n<script>var x = "FITKO";\nDataport();</script> Vitako\n<style>.OZG{}</style>\nText <!-- FITKO --> und\n<script\n type="x">OZG\n</script>\nEnde Dataport\n' >"$tmp/raw.md"
check md_raw_script_skipped test "$(surfaces "$tmp/raw.md" | tr '\n' ' ')" = "OZG Vitako Dataport "
cp "$tmp/raw.md" "$tmp/raw.html"
check md_and_html_agree_on_script test "$(surfaces "$tmp/raw.md" | tr '\n' ' ')" = "$(surfaces "$tmp/raw.html" | tr '\n' ' ')"
# Minor: discover has no --format, so its size message does not suggest one.
check_exit discover_dev_zero_exit_2 2 timeout 20 "$GLOSSAR" --db "$db" discover /dev/zero
check_no_grep discover_dev_zero_no_format_hint 'format' "$tmp/err"
check_grep discover_dev_zero_says_limit '/dev/zero: larger than 256 MB' "$tmp/err"

finish
