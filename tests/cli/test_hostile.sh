#!/bin/sh
# Hostile documents: external entities, entity bombs, invalid and overlong
# UTF-8, NUL bytes, binary and empty files, deep nesting, unclosed tags, a
# 40 MB single line and 1 GB through stdin. None may crash, hang, leak a file
# or take unbounded memory; bad input is named with file and line.
. "$(dirname "$0")/lib.sh"
h=$data/hostile
db=$tmp/kb.db
g --db "$db" import "$h/glossary.csv" >/dev/null
case "$GLOSSAR" in *asan*) sanitized=1 ;; *) sanitized=0 ;; esac

# run NAME FILE: extract with a time limit; status 0 or 2 (bad input
# reported, the rest extracted), never a crash
run() {
	timeout 60 "$GLOSSAR" --db "$db" extract "$2" >"$tmp/out" 2>"$tmp/err"
	status=$?
	if [ $status -eq 0 ] || [ $status -eq 2 ]; then ok "$1"; else not_ok "$1" "exit $status: $(head -c 300 "$tmp/err")"; fi
}

# External entities: the secret file is never read, over file:// or a relative path.
echo "GEHEIMNIS Dataport-Passwort" >"$tmp/secret.txt"
cat >"$tmp/xxe.xml" <<XML
<?xml version="1.0"?>
<!DOCTYPE bericht [ <!ENTITY geheim SYSTEM "file://$tmp/secret.txt"> <!ENTITY rel SYSTEM "secret.txt"> ]>
<bericht><p>Das OZG und &geheim; und &rel;</p></bericht>
XML
run xxe_xml_does_not_crash "$tmp/xxe.xml"
check_no_grep xxe_xml_leaks_nothing 'GEHEIMNIS|Passwort' "$tmp/out"
check_grep xxe_xml_text_still_read '"concept":"ozg"' "$tmp/out"
cp "$tmp/xxe.xml" "$tmp/xxe.html"
run xxe_html_does_not_crash "$tmp/xxe.html"
check_no_grep xxe_html_leaks_nothing 'GEHEIMNIS|Passwort' "$tmp/out"

# Entity-expansion bombs finish quickly with few mentions.
run billion_laughs_xml_finishes "$h/billion-laughs.xml"
if [ "$(wc -l <"$tmp/out")" -lt 1000 ]; then ok billion_laughs_xml_not_expanded; else not_ok billion_laughs_xml_not_expanded "$(wc -l <"$tmp/out") mentions"; fi
run billion_laughs_html_finishes "$h/billion-laughs.html"
if [ "$(wc -l <"$tmp/out")" -lt 1000 ]; then ok billion_laughs_html_not_expanded; else not_ok billion_laughs_html_not_expanded "$(wc -l <"$tmp/out") mentions"; fi

# Invalid UTF-8: reported once with file and line, skipped, the rest still read.
run invalid_utf8_does_not_crash "$h/invalid-utf8.txt"
check_grep invalid_utf8_names_file_and_line "invalid-utf8.txt:2: " "$tmp/err"
if [ "$(grep -c 'invalid-utf8.txt' "$tmp/err")" -eq 1 ]; then ok invalid_utf8_reported_once; else not_ok invalid_utf8_reported_once "$(cat "$tmp/err")"; fi
check_grep invalid_utf8_later_text_found '"concept":"fitko"' "$tmp/out"
check_grep invalid_utf8_same_line_found '"concept":"it-planungsrat"' "$tmp/out"

run nul_bytes_do_not_crash "$h/nul-bytes.txt"
check_grep nul_bytes_text_found '"concept":"it-planungsrat"' "$tmp/out"
run binary_file_does_not_crash "$h/binary.bin"
for f in empty.txt empty.html empty.xml; do
	check_exit "empty_file_${f#empty.}_is_exit_2" 2 g --db "$db" extract "$h/$f"
	check_grep "empty_file_${f#empty.}_is_named" "^$h/$f: empty file" "$tmp/err"
done
check_exit empty_stdin_is_exit_2 2 g --db "$db" extract - </dev/null
check_grep empty_stdin_is_named '^<stdin>: empty file' "$tmp/err"
# Invalid UTF-8 gives exit 2 and stores nothing, while the mentions are still written.
check_exit invalid_utf8_is_exit_2 2 g --db "$db" extract "$h/invalid-utf8.txt"
check_exit invalid_utf8_store_is_exit_2 2 g --db "$db" extract --store "$h/invalid-utf8.txt"
check_grep invalid_utf8_store_says_nothing_stored 'nothing stored' "$tmp/err"
if [ "$(sqlite3 "$db" 'SELECT count(*) FROM document' 2>/dev/null || echo 0)" = 0 ]; then ok invalid_utf8_store_leaves_kb; else not_ok invalid_utf8_store_leaves_kb; fi
check_exit appendix_of_empty_file_is_exit_2 2 g --db "$db" appendix --format md "$h/empty.txt"
for f in empty.txt invalid-utf8.txt binary.bin truncated.xml; do
	check_exit "discover_${f%%.*}_is_exit_2" 2 g --db "$db" discover "$h/$f"
	check_grep "discover_${f%%.*}_is_named" "^$h/$f" "$tmp/err"
done
if [ "$(sqlite3 "$db" 'SELECT count(*) FROM candidate' 2>/dev/null || echo 0)" = 0 ]; then ok discover_bad_input_stores_nothing; else not_ok discover_bad_input_stores_nothing; fi
run deep_html_does_not_crash "$h/deep.html"
run deep_xml_does_not_crash "$h/deep.xml"
run unclosed_html_does_not_crash "$h/unclosed.html"
check_grep unclosed_html_text_found '"concept":"it-planungsrat"' "$tmp/out"
check_no_grep unclosed_html_script_skipped '"surface":"FITKO"' "$tmp/out"
run truncated_xml_does_not_crash "$h/truncated.xml"
check_exit missing_file_is_exit_2 2 g --db "$db" extract "$tmp/does-not-exist.txt"
check_grep missing_file_named 'does-not-exist.txt' "$tmp/err"

# A 40 MB single line in bounded memory: one thread within 300 MB of address
# space; in parts on two threads, whose malloc arenas each reserve 128 MB of
# address space they do not use, by the memory it really takes (RSS).
if [ $sanitized -eq 0 ]; then
	awk 'BEGIN { s = "Die Verwaltung und das OZG und viele andere Worte ohne Zeilenumbruch "; for (i = 0; i < 600000; i++) printf "%s", s }' >"$tmp/line.txt"
	( ulimit -v 300000; "$GLOSSAR" --db "$db" extract -j 1 "$tmp/line.txt" | wc -l ) >"$tmp/out" 2>"$tmp/err"
	if [ "$(cat "$tmp/out")" -eq 600000 ]; then ok single_line_40mb_in_bounded_memory; else not_ok single_line_40mb_in_bounded_memory "$(cat "$tmp/out") mentions; $(head -c 300 "$tmp/err")"; fi
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f %M -o "$tmp/rss" "$GLOSSAR" --db "$db" extract -j 2 "$tmp/line.txt" >"$tmp/out.j2" 2>"$tmp/err"
		n=$(wc -l <"$tmp/out.j2")
		rss=$(tail -n 1 "$tmp/rss")
		if [ "$n" -eq 600000 ] && [ "$rss" -lt 153600 ]; then ok single_line_40mb_in_parts_under_150_mb_rss
		else not_ok single_line_40mb_in_parts_under_150_mb_rss "$n mentions, $rss KB; $(head -c 300 "$tmp/err")"; fi
	else
		skip single_line_40mb_in_parts_rss "no /usr/bin/time (Debian package time)"
	fi
	# 1 GB through stdin, one mention per ~1 KB, in bounded memory.
	( ulimit -v 300000
	  awk 'BEGIN { s = ""; for (i = 0; i < 16; i++) s = s "Die Verwaltung arbeitet an vielen Vorhaben und Berichten. "; for (i = 0; i < 1000000; i++) printf "%s%d Der IT-Planungsrat tagt.\n", s, i }' |
	  "$GLOSSAR" --db "$db" extract - | wc -l ) >"$tmp/out" 2>"$tmp/err"
	if [ "$(cat "$tmp/out")" -eq 1000000 ]; then ok stdin_1gb_in_bounded_memory; else not_ok stdin_1gb_in_bounded_memory "$(cat "$tmp/out") mentions; $(head -c 300 "$tmp/err")"; fi
else
	skip single_line_40mb_and_stdin_1gb "too slow under sanitizers"
fi
finish
