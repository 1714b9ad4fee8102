#!/bin/sh
# glossar appendix: the concepts a document mentions, in German dictionary
# order or by first use, with pending definitions reported, --approved-only,
# --strict, every format, and bad usage. Runs the real extractor.
. "$(dirname "$0")/lib.sh"
db=$tmp/kb.db
g --db "$db" import "$data/csv/good.csv" >/dev/null
doc=$data/exports/mentions.md

g --db "$db" appendix --format md "$doc" >"$tmp/a.md" 2>"$tmp/a.err"; status=$?
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

g --db "$db" appendix --format md --order first-use "$doc" 2>/dev/null | grep '^## ' >"$tmp/f.order"
printf '%s\n' '## Registermodernisierung' '## Onlinezugangsgesetz (OZG)' '## Einer für Alle (EfA)' >"$tmp/want.first"
check first_use_order cmp "$tmp/f.order" "$tmp/want.first"

g --db "$db" appendix --format md --approved-only "$doc" 2>/dev/null | grep '^## ' >"$tmp/ao"
printf '%s\n' '## Onlinezugangsgesetz (OZG)' >"$tmp/want.ao"
check approved_only_keeps_only_approved cmp "$tmp/ao" "$tmp/want.ao"

check_exit strict_exits_1_on_pending 1 g --db "$db" appendix --format md --strict "$doc"
check_grep strict_still_writes_the_appendix '^## Onlinezugangsgesetz' "$tmp/out"
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
else echo "skip appendix_docbook_well_formed (xmllint missing)"; fi
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
