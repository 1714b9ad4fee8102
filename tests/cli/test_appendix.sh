#!/bin/sh
# glossar appendix: the concepts a document mentions, in German dictionary
# order or by first use, with pending definitions reported, --approved-only,
# --strict, every format, and bad usage. Runs the real extractor.
. "$(dirname "$0")/lib.sh"
db=$tmp/kb.db
g --db "$db" import "$data/csv/good.csv" >/dev/null
doc=$data/exports/mentions.md

g --db "$db" appendix --format md --md-style headings "$doc" >"$tmp/a.md" 2>"$tmp/a.err"; status=$?
if [ $status -eq 0 ]; then ok appendix_md_exits_0; else not_ok appendix_md_exits_0 "exit $status: $(cat "$tmp/a.err")"; fi
grep '^## ' "$tmp/a.md" >"$tmp/a.order"
printf '%s\n' '## Einer für Alle (EfA)' '## Onlinezugangsgesetz (OZG)' '## Registermodernisierung' >"$tmp/want.alpha"
check alpha_order_is_din_5007 cmp "$tmp/a.order" "$tmp/want.alpha"
check_grep appendix_shows_approved_definition '^Das Gesetz verpflichtet Bund und Länder' "$tmp/a.md"
check_grep appendix_links_source '^Quelle: \[§ 1 Onlinezugangsgesetz\]\(<https://www.gesetze-im-internet.de/ozg/__1.html>\)$' "$tmp/a.md"
check_grep appendix_marks_pending '^\*Definition in Prüfung\.\*$' "$tmp/a.md"
check_grep pending_listed_on_stderr '^  efa \(Einer für Alle, draft\)$' "$tmp/a.err"
check_grep pending_listed_on_stderr_2 '^  registermodernisierung \(Registermodernisierung, draft\)$' "$tmp/a.err"
check_no_grep approved_not_listed_as_pending '^  ozg ' "$tmp/a.err"

g --db "$db" appendix --format md --md-style headings --order first-use "$doc" 2>/dev/null | grep '^## ' >"$tmp/f.order"
printf '%s\n' '## Registermodernisierung' '## Onlinezugangsgesetz (OZG)' '## Einer für Alle (EfA)' >"$tmp/want.first"
check first_use_order cmp "$tmp/f.order" "$tmp/want.first"

g --db "$db" appendix --format md --md-style headings --approved-only "$doc" 2>/dev/null | grep '^## ' >"$tmp/ao"
printf '%s\n' '## Onlinezugangsgesetz (OZG)' >"$tmp/want.ao"
check approved_only_keeps_only_approved cmp "$tmp/ao" "$tmp/want.ao"

check_exit strict_exits_1_on_pending 1 g --db "$db" appendix --format md --strict "$doc"
check_grep strict_still_writes_the_appendix 'Onlinezugangsgesetz \(OZG\)' "$tmp/out"
printf 'Nur das OZG.\n' >"$tmp/ozg-only.md"
check_exit strict_exits_0_when_all_approved 0 g --db "$db" appendix --format md --strict "$tmp/ozg-only.md"
check_exit stdin_is_read 0 sh -c "'$GLOSSAR' --db '$db' appendix --format mkdocs <'$doc'"
check_grep stdin_mkdocs_lines '^\*\[OZG\]: Onlinezugangsgesetz$' "$tmp/out"
check_exit fuzzy_is_accepted 0 g --db "$db" appendix --format md --fuzzy "$doc"

for f in html latex docbook mkdocs; do
	check appendix_${f}_exits_0 g --db "$db" appendix --format $f -o "$tmp/a.$f" "$doc"
done
check_grep appendix_html_dfn '<dt id="ozg"><dfn>Onlinezugangsgesetz</dfn> \(<abbr title="Onlinezugangsgesetz">OZG</abbr>\)</dt>' "$tmp/a.html"
check_grep appendix_latex_acronym '^\\newacronym\[.*\]\{ozg\}\{OZG\}\{Onlinezugangsgesetz\}$' "$tmp/a.latex"
if command -v xmllint >/dev/null 2>&1; then
	check appendix_docbook_well_formed xmllint --noout "$tmp/a.docbook"
else skip appendix_docbook_well_formed "xmllint missing"; fi
n=$(wc -l <"$tmp/a.mkdocs")
if [ "$n" -eq 2 ]; then ok appendix_mkdocs_two_abbreviations; else not_ok appendix_mkdocs_two_abbreviations "$n lines"; fi

# A document that mentions no concept (or an empty or binary one) gives an
# empty but valid document in every format, never the whole vocabulary;
# exit 1 when the files were read, 2 when one of them was bad input.
printf 'Kein Begriff hier.\n' >"$tmp/none.md"
: >"$tmp/empty.txt"
head -c 3000 "$GLOSSAR" >"$tmp/binary.dat"
for case in none.md:1 empty.txt:2 binary.dat:2; do
	f=${case%%:*}; want=${case#*:}; n=${f%%.*}
	for fmt in md html latex docbook mkdocs; do
		o=$tmp/empty-$n.$fmt
		check_exit ${n}_${fmt}_exit_$want $want g --db "$db" appendix --format $fmt -o "$o" "$tmp/$f"
		check_grep ${n}_${fmt}_says_no_concept '^glossar appendix: the files mention no concept' "$tmp/err"
		check_no_grep ${n}_${fmt}_lists_no_concept 'Onlinezugangsgesetz|Registermodernisierung|EfA|ozg' "$o"
	done
	check_exit ${n}_stdout_exit_$want $want g --db "$db" appendix --format md "$tmp/$f"
	check_no_grep ${n}_stdout_lists_no_concept 'Onlinezugangsgesetz|Registermodernisierung|EfA' "$tmp/out"
	[ $n = binary ] && check_grep binary_is_named_on_stderr 'binary.dat:1: invalid UTF-8' "$tmp/err"
	printf '# Glossar\n' >"$tmp/want.empty.md"
	check ${n}_md_is_the_heading_alone cmp "$tmp/empty-$n.md" "$tmp/want.empty.md"
	if [ -s "$tmp/empty-$n.mkdocs" ]; then not_ok ${n}_mkdocs_is_empty "$(head -c 200 "$tmp/empty-$n.mkdocs")"; else ok ${n}_mkdocs_is_empty; fi
	if command -v xmllint >/dev/null 2>&1; then
		check ${n}_docbook_well_formed xmllint --noout "$tmp/empty-$n.docbook"
		dbrng=/usr/share/xml/docbook/schema/rng/5.0/docbook.rng
		[ -f "$dbrng" ] && check ${n}_docbook_validates xmllint --noout --relaxng "$dbrng" "$tmp/empty-$n.docbook"
	fi
	if [ -x /usr/bin/python3 ]; then
		r=$(/usr/bin/python3 "$here/html_check.py" "$tmp/empty-$n.html" 2>&1)
		if [ "$r" = ok ]; then ok ${n}_html_page_parses; else not_ok ${n}_html_page_parses "$r"; fi
	fi
done

# A missing file is reported; the appendix covers the readable ones, exit 2.
printf 'Das OZG gilt.\n' >"$tmp/ozg.md"
check_exit missing_file_is_exit_2 2 g --db "$db" appendix --format md "$tmp/nonexistent.md"
check_exit missing_among_files_is_exit_2 2 g --db "$db" appendix --format md -o "$tmp/partial.md" "$tmp/ozg.md" "$tmp/missing.md"
check_grep missing_file_named_on_stderr 'missing.md: cannot read' "$tmp/err"
check_grep appendix_covers_the_readable_file '^## Onlinezugangsgesetz \(OZG\)$|^<a id="ozg"></a>Onlinezugangsgesetz \(OZG\)$' "$tmp/partial.md"
check_exit missing_first_is_exit_2 2 g --db "$db" appendix --format md "$tmp/missing.md" "$tmp/ozg.md"
check_grep appendix_covers_the_file_after_the_missing_one 'Onlinezugangsgesetz' "$tmp/out"
printf 'old\n' >"$tmp/kept.md"
check_exit only_missing_files_is_exit_2 2 g --db "$db" appendix --format md -o "$tmp/kept.md" "$tmp/missing.md"
check_grep only_missing_files_writes_nothing '^old$' "$tmp/kept.md"
# Markdown: a definition list by default, a table or headings on request.
g --db "$db" appendix --format md "$doc" >"$tmp/dl.md" 2>/dev/null
printf '%s\n' '# Glossar' '' '<a id="efa"></a>Einer für Alle (EfA)' ':   *Definition in Prüfung.*' '' \
	'<a id="ozg"></a>Onlinezugangsgesetz (OZG)' \
	':   Das Gesetz verpflichtet Bund und Länder, ihre Verwaltungsleistungen auch online anzubieten.' \
	'    Quelle: [§ 1 Onlinezugangsgesetz](<https://www.gesetze-im-internet.de/ozg/__1.html>)' '' \
	'<a id="registermodernisierung"></a>Registermodernisierung' ':   *Definition in Prüfung.*' >"$tmp/want.dl.md"
check md_default_is_a_definition_list cmp "$tmp/dl.md" "$tmp/want.dl.md"
check md_deflist_explicit g --db "$db" appendix --format md --md-style deflist -o "$tmp/dl2.md" "$doc"
check md_deflist_is_the_default cmp "$tmp/dl.md" "$tmp/dl2.md"
check md_table_style g --db "$db" appendix --format md --md-style table -o "$tmp/tb.md" "$doc"
check_grep md_table_header '^\| Begriff \| Abkürzung \| Definition \| Quelle \|$' "$tmp/tb.md"
check_grep md_table_row '^\| <a id="ozg"></a>Onlinezugangsgesetz \| OZG \| Das Gesetz verpflichtet .* \| \[§ 1 Onlinezugangsgesetz\]\(<https://www.gesetze-im-internet.de/ozg/__1.html>\) \|$' "$tmp/tb.md"
check md_headings_style g --db "$db" appendix --format md --md-style headings -o "$tmp/hd.md" "$doc"
n=$(grep -c '^## ' "$tmp/hd.md")
if [ "$n" -eq 3 ]; then ok md_headings_one_per_entry; else not_ok md_headings_one_per_entry "$n"; fi
check_exit md_style_unknown_is_exit_2 2 g --db "$db" appendix --format md --md-style bullets "$doc"
if command -v pandoc >/dev/null 2>&1; then
	pandoc --wrap=none -f markdown -t html "$tmp/dl.md" >"$tmp/dl.html"
	n=$(grep -o '<dt>' "$tmp/dl.html" | wc -l)
	if [ "$n" -eq 3 ] && grep -q '<dl>' "$tmp/dl.html"; then ok pandoc_renders_deflist_as_dl; else not_ok pandoc_renders_deflist_as_dl "$n <dt>: $(head -c 300 "$tmp/dl.html")"; fi
	check_grep pandoc_deflist_term '<dt><span id="ozg"></span>Onlinezugangsgesetz \(OZG\)</dt>|<dt><a id="ozg"></a>Onlinezugangsgesetz \(OZG\)</dt>' "$tmp/dl.html"
	check_grep pandoc_deflist_source_inside_dd 'Quelle: <a href="https://www.gesetze-im-internet.de/ozg/__1.html">' "$tmp/dl.html"
	pandoc --wrap=none -f gfm -t html "$tmp/tb.md" >"$tmp/tb.html"
	n=$(grep -o '<tr' "$tmp/tb.html" | wc -l)
	if [ "$n" -eq 4 ]; then ok pandoc_renders_table_rows; else not_ok pandoc_renders_table_rows "$n rows"; fi
	# Data that would start a block (- + : = 1.) or split a table cell (|) stays text.
	b=$tmp/blocks.db
	g --db "$b" import "$data/exports/blocks.csv" >/dev/null
	for st in deflist table headings; do
		g --db "$b" export --format md --md-style $st -o "$tmp/blocks-$st.md"
		from=markdown; [ $st = table ] && from=gfm
		pandoc --wrap=none -f $from -t html "$tmp/blocks-$st.md" >"$tmp/blocks-$st.html"
		check_no_grep pandoc_${st}_data_starts_no_block '<(ul|ol|li|hr|h[3-6])[ >]|<h2[^>]*>[^<]*Glossar' "$tmp/blocks-$st.html"
		for t in '- Liste' '2017. Jahr' ': Doppelpunkt' '= Gleich' '\+ Plus' 'Rohr mit \| Strich'; do
			check_grep pandoc_${st}_keeps_$(echo "$t" | tr -c 'a-zA-Z0-9\n' _) "$t" "$tmp/blocks-$st.html"
		done
		for t in '- kein Listenpunkt' '1. kein Punkt' ': keine zweite' '=== keine' '\+ kein Punkt' 'Ein \| in der Tabelle'; do
			check_grep pandoc_${st}_keeps_def_$(echo "$t" | tr -c 'a-zA-Z0-9\n' _) "$t" "$tmp/blocks-$st.html"
		done
	done
	n=$(grep -o '<tr' "$tmp/blocks-table.html" | wc -l)
	if [ "$n" -eq 7 ]; then ok pandoc_table_pipe_splits_no_cell; else not_ok pandoc_table_pipe_splits_no_cell "$n rows"; fi
	n=$(grep -o '<td' "$tmp/blocks-table.html" | wc -l)
	if [ "$n" -eq 24 ]; then ok pandoc_table_four_cells_per_row; else not_ok pandoc_table_four_cells_per_row "$n cells"; fi
else echo "skipped: pandoc_md_styles (pandoc missing)"; fi
if [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import markdown' 2>/dev/null; then
	for st in deflist table headings; do
		g --db "$db" appendix --format md --md-style $st -o "$tmp/pm-$st.md" "$doc" 2>/dev/null
		out=$(/usr/bin/python3 "$here/md_check.py" style $st "$tmp/pm-$st.md" 3 2>&1)
		echo "$out" | while IFS= read -r line; do :; done
		case $out in *FAIL*|'') not_ok python_markdown_$st "$out" ;; *) ok python_markdown_$st ;; esac
		[ -s "$tmp/blocks-$st.md" ] && {
			out=$(/usr/bin/python3 "$here/md_check.py" style $st "$tmp/blocks-$st.md" 6 2>&1)
			case $out in *FAIL*|'') not_ok python_markdown_blocks_$st "$out" ;; *) ok python_markdown_blocks_$st ;; esac
		}
	done
else echo "skipped: python_markdown_md_styles (python3-markdown missing)"; fi

# LaTeX: the complete document of docs/appendix.md, compiled with pdflatex,
# makeglossaries and pdflatex; the long form shows on first use and in the
# list, under the --title heading.
if command -v pdflatex >/dev/null 2>&1 && command -v makeglossaries >/dev/null 2>&1 &&
	command -v pdftotext >/dev/null 2>&1; then
	d=$tmp/latex
	mkdir -p "$d"
	sed -n '/^<!-- bericht.tex/,/^```$/p' "$top/docs/appendix.md" | sed '1,2d;$d' >"$d/bericht.tex"
	check_grep docs_have_the_latex_document '^\\input\{glossar.tex\}$' "$d/bericht.tex"
	check latex_appendix_written g --db "$db" appendix --format latex --title "Glossar zum Bericht" -o "$d/glossar.tex" "$doc"
	(cd "$d" && pdflatex -interaction=nonstopmode -halt-on-error -no-shell-escape bericht.tex &&
		makeglossaries bericht && pdflatex -interaction=nonstopmode -halt-on-error -no-shell-escape bericht.tex) >"$d/out" 2>&1
	if [ $? -eq 0 ] && [ -s "$d/bericht.pdf" ]; then ok latex_document_compiles_with_makeglossaries
	else not_ok latex_document_compiles_with_makeglossaries "$(grep -A2 '^!' "$d/bericht.log" | head -5)"; fi
	pdftotext -layout "$d/bericht.pdf" "$d/bericht.txt" 2>/dev/null
	tr -s ' \n' ' ' <"$d/bericht.txt" >"$d/flat.txt"
	# (patterns avoid fi/fl ligatures, which pdftotext cannot map back without lmodern)
	check_grep latex_first_use_shows_the_long_form 'Das Onlinezugangsgesetz \(OZG\) ver' "$d/flat.txt"
	check_grep latex_later_use_shows_the_abbreviation 'gilt das OZG' "$d/flat.txt"
	check_grep latex_heading_is_the_title '^ *Glossar zum Bericht *$' "$d/bericht.txt"
	check_no_grep latex_has_no_english_heading '^ *(Glossary|Acronyms)' "$d/bericht.txt"
	check_grep latex_list_shows_long_form_and_abbreviation 'Onlinezugangsgesetz \(OZG\) Das Gesetz ver' "$d/flat.txt"
	check_grep latex_list_shows_the_other_acronym 'Einer für Alle \(EfA\)' "$d/flat.txt"
	check_grep latex_list_shows_plain_entries 'Registermodernisierung' "$d/flat.txt"
else echo "skipped: latex_appendix_compiles (pdflatex, makeglossaries or pdftotext missing: texlive-latex-extra, poppler-utils)"; fi

check_exit format_required 2 g --db "$db" appendix "$doc"
check_exit unknown_format 2 g --db "$db" appendix --format pdf "$doc"
check_exit unknown_order 2 g --db "$db" appendix --format md --order random "$doc"
check_exit appendix_help 0 g appendix --help
finish
