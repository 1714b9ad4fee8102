#!/bin/sh
# glossar extract and compile: JSON Lines and TSV on real documents, a
# speech-recognition transcript's variants, stdin, the KB store, compiled
# gazetteers, bad input.
. "$(dirname "$0")/lib.sh"
ex=$data/extract
db=$tmp/kb.db
# The project's own transcript (tests/data/SOURCES.md), written with the errors
# speech recognition makes; the real one in ../shared may not be shipped.
transcript=$data/corpus/transkript-beispiel.txt
g --db "$db" import "$ex/glossary.csv" >/dev/null

# Markdown: markup blanked, offsets are file offsets.
g --db "$db" extract "$ex/sample.md" >"$tmp/md.jsonl"
check_grep md_ozg_record '^\{"doc":"[^"]*sample.md","line":1,"col":9,"start":8,"end":11,"surface":"OZG","concept":"ozg","label":"OZG","method":"exact","score":1.0,"section":"Das OZG und die Registermodernisierung"\}$' "$tmp/md.jsonl"
check_grep md_link_text_found '"surface":"IT-Planungsrat","concept":"it-planungsrat"' "$tmp/md.jsonl"
check_no_grep md_url_not_matched '"start":7[0-9],' "$tmp/md.jsonl"
off=$(sed -n 's/.*"start":\([0-9]*\),"end":[0-9]*,"surface":"FITKO".*/\1/p' "$tmp/md.jsonl")
check md_offset_points_into_file test "$(tail -c +$((off + 1)) "$ex/sample.md" | head -c 5)" = FITKO

# HTML: script skipped, title and alt read, lines point into the file.
g --db "$db" extract --format tsv "$ex/sample.html" >"$tmp/html.tsv"
check_grep tsv_header '^doc	line	col	start	end	surface	concept	label	method	score	page	section$' "$tmp/html.tsv"
check_grep html_title_read '	1	20	0	3	OZG	ozg	OZG	exact	1.0		$' "$tmp/html.tsv"
check_grep html_alt_read '	Deutschland-Stack	deutschland-stack	' "$tmp/html.tsv"
check_grep html_line_col '	2	33	[0-9]+	[0-9]+	Dataport	' "$tmp/html.tsv"
check html_script_skipped test "$(grep -c '	OZG	' "$tmp/html.tsv")" -eq 1

# A speech-recognition transcript.
g --db "$db" extract "$transcript" >"$tmp/t.jsonl"
check_grep transcript_deutschland_stack_hyphen '"surface":"Deutschland-Stack","concept":"deutschland-stack"' "$tmp/t.jsonl"
check_grep transcript_deutschlandstack_closed '"surface":"Deutschlandstack","concept":"deutschland-stack","label":"Deutschland-Stack","method":"normalized"' "$tmp/t.jsonl"
check_grep transcript_deutschland_stack_space '"surface":"Deutschland stack","concept":"deutschland-stack"' "$tmp/t.jsonl"
check_grep transcript_ozg_umsetzung_counts_as_ozg '"surface":"OZG","concept":"ozg","label":"OZG","method":"compound"' "$tmp/t.jsonl"
check_grep transcript_inflected '"surface":"IT-Planungsrats","concept":"it-planungsrat","label":"IT-Planungsrat","method":"inflected"' "$tmp/t.jsonl"
check_grep transcript_efa_in_compound '"surface":"EFA","concept":"efa","label":"EfA","method":"compound"' "$tmp/t.jsonl"
check_grep transcript_lowercase_long_form '"surface":"einer für alle","concept":"efa","label":"Einer für Alle","method":"normalized"' "$tmp/t.jsonl"
# "die ozg umsetzung", "eine efa leistung": an acronym written in lower case is no mention
check_no_grep transcript_lowercase_acronyms_not_matched '"surface":"(ozg|efa)"' "$tmp/t.jsonl"
check_no_grep transcript_no_fuzzy_without_flag '"method":"fuzzy"' "$tmp/t.jsonl"
# 30 mentions without --fuzzy, each read against the text (line 199: the IT-Planungsrat,
# Registermodernisierung and Registermodernisierungsgesetz, ...)
check transcript_mention_count test "$(wc -l <"$tmp/t.jsonl")" -eq 30
# every record's offsets point at its surface in the file
bad=$(sed -n 's/.*"start":\([0-9]*\),"end":\([0-9]*\),"surface":"\([^"]*\)".*/\1 \2 \3/p' "$tmp/t.jsonl" |
	while read -r s e surf; do
		got=$(tail -c +$((s + 1)) "$transcript" | head -c $((e - s)))
		[ "$got" = "$surf" ] || echo "$s $surf"
	done | head -3)
check transcript_offsets_match_surfaces test -z "$bad"
# --fuzzy: the speech-recognition variants, none of them a label of the fixture
g --db "$db" extract --fuzzy "$transcript" >"$tmp/f.jsonl"
for v in 'ET-Planungsrat:it-planungsrat' 'T-Planungsrat:it-planungsrat' 'VITACO:vitako' \
	'Datapod:dataport' 'Deutschlandstick:deutschland-stack' 'EU-Vollet:eudi-wallet' \
	'Onlinezugangsgesez:ozg' 'Registermoderniserung:registermodernisierung' \
	'Register Modernisierung:registermodernisierung'; do
	surface=${v%%:*} concept=${v#*:}
	check_grep "fuzzy_finds_$(echo "$surface" | tr -c 'A-Za-z\n' _)" "\"surface\":\"$surface\",\"concept\":\"$concept\",\"label\":\"[^\"]*\",\"method\":\"fuzzy\",\"score\":0\.[0-9]+\}" "$tmp/f.jsonl"
	check_no_grep "exact_misses_$(echo "$surface" | tr -c 'A-Za-z\n' _)" "\"surface\":\"$surface\"" "$tmp/t.jsonl"
done
# Precision: the clean speech around them (Deutschlandticket, Datenschutzcockpit,
# Planbarkeit, ...) gives no fuzzy mention; these 12 are all there are, each right.
sed -n 's/.*"line":\([0-9]*\),.*"surface":"\([^"]*\)","concept":"\([^"]*\)".*"method":"fuzzy".*/\1 \2 -> \3/p' "$tmp/f.jsonl" >"$tmp/fuzzy.got"
cat >"$tmp/fuzzy.want" <<'EOF'
19 Onlinezugangsgesez -> ozg
31 VITACO -> vitako
33 Datapod -> dataport
55 ET-Planungsrat -> it-planungsrat
65 Registermoderniserung -> registermodernisierung
73 Register Modernisierung -> registermodernisierung
93 Deutschlandstick -> deutschland-stack
111 EU-Vollet -> eudi-wallet
123 T-Planungsrat -> it-planungsrat
129 Datapod -> dataport
153 Onlinezugangsgesez -> ozg
203 Datapod -> dataport
EOF
check fuzzy_hits_are_exactly_the_variants diff "$tmp/fuzzy.want" "$tmp/fuzzy.got"
# fuzzy adds to the exact mentions, it takes none away
check fuzzy_keeps_exact test "$(grep -vc '"method":"fuzzy"' "$tmp/f.jsonl")" -eq "$(wc -l <"$tmp/t.jsonl")"
# Typos after an acronym that matches as the compound's first part: with the
# project's vocabulary (IT and OZG are labels, so is OZG-Umsetzung) --fuzzy
# reports the whole label over the whole compound, and the compound gives way.
g --db "$tmp/full.db" import "$top/glossary.csv" >/dev/null
printf 'Der IT-Planugsrat hat die OZG-Umsetzng beschlossen.\n' >"$tmp/typo.txt"
g --db "$tmp/full.db" extract "$tmp/typo.txt" >"$tmp/typo.exact"
check_grep acronym_typo_exact_is_compound '"start":4,"end":6,"surface":"IT",.*"method":"compound"' "$tmp/typo.exact"
g --db "$tmp/full.db" extract --fuzzy "$tmp/typo.txt" >"$tmp/typo.fuzzy"
check_grep acronym_typo_it_planungsrat '"start":4,"end":17,"surface":"IT-Planugsrat","concept":"it-planungsrat","label":"IT-Planungsrat","method":"fuzzy","score":0\.[0-9]+' "$tmp/typo.fuzzy"
check_grep acronym_typo_ozg_umsetzung '"start":26,"end":38,"surface":"OZG-Umsetzng","concept":"ozg-umsetzung","label":"OZG-Umsetzung","method":"fuzzy","score":0\.[0-9]+' "$tmp/typo.fuzzy"
check acronym_typo_compounds_give_way test "$(wc -l <"$tmp/typo.fuzzy")" -eq 2
# The real speech-recognition transcript (../shared, not shipped): with the
# test glossary --fuzzy finds these 17, all right (docs/matching.md); the
# precision rules for clean text keep every one.
podcast=$SHARED/corpus/vitako-podcast-bizer-2026.txt
if [ -f "$podcast" ]; then
	g --db "$db" extract --fuzzy "$podcast" |
		sed -n 's/.*"line":\([0-9]*\),.*"surface":"\([^"]*\)","concept":"\([^"]*\)".*"method":"fuzzy".*/\1 \2 -> \3/p' >"$tmp/podcast.got"
	cat >"$tmp/podcast.want" <<'EOF'
11 VITACO -> vitako
11 VITACO -> vitako
11 Vitaco -> vitako
11 Datapod -> dataport
13 Vitaco -> vitako
13 Vitaco -> vitako
21 T-Planungsrat -> it-planungsrat
25 VITACO -> vitako
31 Datapod -> dataport
37 Vitaco -> vitako
61 Vitaco -> vitako
63 Deutschlands Tech -> deutschland-stack
63 Deutschlandstick -> deutschland-stack
63 EU-Vollet -> eudi-wallet
63 Register Modernisierung -> registermodernisierung
65 ET-Planungsrats -> it-planungsrat
71 VITACO -> vitako
EOF
	check podcast_fuzzy_variants diff "$tmp/podcast.want" "$tmp/podcast.got"
else
	skip podcast_fuzzy_variants "no $shared_shown/corpus/vitako-podcast-bizer-2026.txt"
fi
# streaming: 150 copies (2.7 MB, several blocks) give 150 times the mentions
n1=$(wc -l <"$tmp/t.jsonl")
i=0; while [ $i -lt 150 ]; do cat "$transcript"; echo; i=$((i + 1)); done >"$tmp/big.txt"
n150=$(g --db "$db" extract <"$tmp/big.txt" | wc -l)
check streaming_blocks_lose_nothing test "$n150" -eq $((n1 * 150))
tr '\n' ' ' <"$tmp/big.txt" >"$tmp/oneline.txt"
n150=$(g --db "$db" extract "$tmp/oneline.txt" | wc -l)
check streaming_single_line test "$n150" -eq $((n1 * 150))
# stdin gives the same records with doc "-"
g --db "$db" extract <"$transcript" | sed 's/^{"doc":"-"/{"doc":"X"/' >"$tmp/s1"
sed 's/^{"doc":"[^"]*"/{"doc":"X"/' "$tmp/t.jsonl" >"$tmp/s2"
check stdin_equals_file cmp "$tmp/s1" "$tmp/s2"
g --db "$db" extract - <"$transcript" >"$tmp/s3"
check_grep dash_is_stdin '^\{"doc":"-"' "$tmp/s3"
# a compiled gazetteer gives the same records without the KB
check compile_writes_file g --db "$db" compile -o "$tmp/vocab.gz"
check_grep compile_reports_labels '^compiled 12 labels in' "$tmp/err"
GLOSSAR_DB=$tmp/none.db g extract --gazetteer "$tmp/vocab.gz" "$transcript" >"$tmp/c.jsonl"
check compiled_gazetteer_same_output cmp "$tmp/c.jsonl" "$tmp/t.jsonl"
check no_kb_created_with_gazetteer test ! -e "$tmp/none.db"
# --stats on stderr
g --db "$db" extract --stats "$transcript" >/dev/null 2>"$tmp/stats"
check_grep stats_line '^files 1, bytes [0-9]+, mentions [0-9]+, [0-9.]+ MB/s$' "$tmp/stats"
# --store: documents and mentions in the KB, replaced on re-extraction
check store_runs g --db "$db" extract --store "$transcript" "$ex/sample.md"
check_grep store_reports '^stored [0-9]+ mentions from 2 documents$' "$tmp/out"
n1=$(sqlite3 "$db" "SELECT count(*) FROM mention" 2>/dev/null || echo skip)
g --db "$db" extract --store "$transcript" "$ex/sample.md" >/dev/null
n2=$(sqlite3 "$db" "SELECT count(*) FROM mention" 2>/dev/null || echo skip)
check store_twice_replaces test "$n1" = "$n2"
cp "$ex/sample.md" "$tmp/doc.md"
g --db "$db" extract --store "$tmp/doc.md" >/dev/null
echo "Noch einmal das OZG." >>"$tmp/doc.md"
g --db "$db" extract --store "$tmp/doc.md" >/dev/null
if command -v sqlite3 >/dev/null; then
	check changed_document_replaces_mentions test "$(sqlite3 "$db" "SELECT count(*) FROM mention m JOIN document d ON d.id = m.document_id WHERE d.path = '$tmp/doc.md'")" -eq 6
fi

# Bad input: exit 2 with FILE: message; nothing found is exit 0.
check_exit unreadable_file_exit_2 2 g --db "$db" extract "$tmp/missing.txt"
check_grep unreadable_file_named "missing.txt: cannot read" "$tmp/err"
printf 'nichts davon\n' >"$tmp/none.txt"
check_exit nothing_found_exit_0 0 g --db "$db" extract "$tmp/none.txt"
check nothing_found_no_output test ! -s "$tmp/out"
check_exit broken_xml_exit_2 2 g --db "$db" extract "$data/hostile/truncated.xml"
check_grep broken_xml_file_line 'truncated.xml:1: not well-formed XML' "$tmp/err"
check_exit invalid_utf8_is_reported_with_exit_2 2 g --db "$db" extract "$data/hostile/invalid-utf8.txt"
check_grep invalid_utf8_line 'invalid-utf8.txt:2: invalid UTF-8' "$tmp/err"
# nested beyond the readers' limit (4096 levels): reported, not silently cut
check_exit deep_html_beyond_limit_is_exit_2 2 g --db "$db" extract "$data/hostile/deep.html"
check_grep deep_html_beyond_limit_file_line 'deep.html:1: elements nested deeper than 4096 levels' "$tmp/err"
check_exit bad_format_exit_2 2 g --db "$db" extract --format pdf "$ex/sample.md"
printf 'garbage' >"$tmp/bad.gz"
check_exit corrupt_gazetteer_exit_2 2 g extract --gazetteer "$tmp/bad.gz" "$ex/sample.md"
check_grep corrupt_gazetteer_message 'bad.gz: not a compiled glossar gazetteer' "$tmp/err"
check_exit forced_format 0 g --db "$db" extract --format html "$ex/sample.md"
check_exit help 0 g extract --help
check_grep help_has_examples 'glossar extract --format tsv' "$tmp/out"
# Declared encodings: Word's windows-1252 HTML (http-equiv), <meta charset>,
# an XML declaration. Read through iconv; lines and columns point into the file.
g --db "$db" extract --format tsv "$ex/word-1252.html" >"$tmp/w.tsv" 2>"$tmp/w.err"
check_grep word_html_1252_umlaut_label_found '	19	24	[0-9]+	[0-9]+	Föderale IT-Kooperation	fitko	' "$tmp/w.tsv"
check_grep word_html_1252_column_after_quote_mark '	19	61	[0-9]+	[0-9]+	Einer für Alle	efa	' "$tmp/w.tsv"
check_grep word_html_1252_second_line '	20	24	[0-9]+	[0-9]+	Onlinezugangsgesetz	ozg	' "$tmp/w.tsv"
if [ ! -s "$tmp/w.err" ]; then ok word_html_1252_no_warning; else not_ok word_html_1252_no_warning "$(cat "$tmp/w.err")"; fi
check_exit meta_charset_1252_exit_0 0 g --db "$db" extract --format tsv "$ex/meta-charset-1252.html"
check_grep meta_charset_1252_read '	19	24	[0-9]+	[0-9]+	Föderale IT-Kooperation	fitko	' "$tmp/out"
check_exit xml_declared_1252_exit_0 0 g --db "$db" extract --format tsv "$ex/decl-1252.xml"
check_grep xml_declared_1252_read '	3	15	[0-9]+	[0-9]+	Föderale IT-Kooperation	fitko	' "$tmp/out"
check_grep xml_declared_1252_line_4 '	4	12	[0-9]+	[0-9]+	Einer für Alle	efa	' "$tmp/out"
check_exit undeclared_1252_is_reported 2 g --db "$db" extract "$ex/undeclared-1252.html"
check_grep undeclared_1252_names_encoding "undeclared-1252.html:18: invalid UTF-8 \(looks like windows-1252; convert with iconv -f windows-1252 -t utf-8" "$tmp/err"
check_exit discover_undeclared_1252_names_encoding 2 g --db "$tmp/disc.db" discover "$ex/undeclared-1252.html"
check_grep discover_undeclared_message "looks like windows-1252" "$tmp/err"
check_exit discover_reads_declared_1252 0 g --db "$tmp/disc.db" discover "$ex/word-1252.html"
printf '<html><head><meta charset="klingon-8"></head><body>OZG</body></html>' >"$tmp/k.html"
check_exit unknown_declared_encoding_is_exit_2 2 g --db "$db" extract "$tmp/k.html"
check_grep unknown_declared_encoding_message "declares the encoding 'klingon-8'" "$tmp/err"
printf '<html><head><meta charset="utf-8"></head><body>F\303\266derale IT-Kooperation</body></html>' >"$tmp/u.html"
check_exit declared_utf8_untouched 0 g --db "$db" extract "$tmp/u.html"
check_grep declared_utf8_found '"surface":"Föderale IT-Kooperation"' "$tmp/out"

# Zero-width joiner, non-joiner and word joiner inside a term vanish, as a zero-width space does.
printf 'Die F\303\266\342\200\215derale IT-Kooperation, FIT\342\200\214KO, OZ\342\201\240G und O\342\200\213ZG.\n' >"$tmp/zw.txt"
g --db "$db" extract --format tsv "$tmp/zw.txt" >"$tmp/zw.tsv"
check_grep zwj_inside_term_matches '	F.+derale IT-Kooperation	fitko	Föderale IT-Kooperation	' "$tmp/zw.tsv"
check_grep zwnj_inside_acronym_matches '	FIT.+KO	fitko	FITKO	' "$tmp/zw.tsv"
check_grep word_joiner_inside_acronym_matches '	OZ.+G	ozg	OZG	' "$tmp/zw.tsv"
check_grep zwsp_inside_acronym_matches '	O.+ZG	ozg	OZG	' "$tmp/zw.tsv"

check_exit compile_help 0 g compile --help
check_exit compile_needs_output 2 g --db "$db" compile

finish
