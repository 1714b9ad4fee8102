#!/bin/sh
# appendix --format docx|odt|asciidoc|rst and --first-use: the Word and
# Writer documents are read back by pandoc and converted to PDF by
# LibreOffice headless, whose text pdftotext checks; hostile strings stay
# text; the output is deterministic; glossar reads its own output again.
. "$(dirname "$0")/lib.sh"
d=$data/documents
db=$tmp/kb.db
g --db "$db" import "$top/glossary.csv" >/dev/null
have() { command -v "$1" >/dev/null 2>&1; }

for f in docx odt; do
	check appendix_${f}_written g --db "$db" appendix --format $f --first-use -o "$tmp/g.$f" "$d/bericht.docx"
	check appendix_${f}_is_zip sh -c "head -c 2 '$tmp/g.$f' | grep -q PK"
	# glossar's own reader finds the entries again
	g --db "$db" extract --format tsv "$tmp/g.$f" | cut -f7 | sort -u >"$tmp/own.$f"
	check_grep appendix_${f}_read_back_by_glossar '^ozg$' "$tmp/own.$f"
	g --db "$db" extract --format tsv "$tmp/g.$f" | awk -F'\t' '$7 == "ozg" { print $12; exit }' >"$tmp/sec.$f"
	check_grep appendix_${f}_entry_is_a_section '^Glossar > Onlinezugangsgesetz \(OZG\)$' "$tmp/sec.$f"
	if have pandoc; then
		pandoc -f $f -t markdown --wrap=none "$tmp/g.$f" >"$tmp/p.$f.md" 2>"$tmp/p.err"
		check_grep pandoc_reads_${f}_title '^# Glossar$' "$tmp/p.$f.md"
		check_grep pandoc_reads_${f}_term_heading '^## Onlinezugangsgesetz \(OZG\)$' "$tmp/p.$f.md"
		check_grep pandoc_reads_${f}_hyperlink '^Quelle: \[.*\]\(https://www\.gesetze-im-internet\.de/ozg/' "$tmp/p.$f.md"
		check_grep pandoc_reads_${f}_first_use 'Zuerst verwendet: Abschnitt Einleitung \\?> Ziele' "$tmp/p.$f.md"
		check_grep pandoc_reads_${f}_footnote_first_use 'Zuerst verwendet: Abschnitt Umsetzung$' "$tmp/p.$f.md"
		# DIN 5007: Basisdienst before Deutschland-Stack before E-Akte ...
		grep '^## ' "$tmp/p.$f.md" >"$tmp/h.$f"
		LC_ALL=C sort -c -f "$tmp/h.$f" 2>/dev/null && ok appendix_${f}_din_order || not_ok appendix_${f}_din_order "$(tr '\n' ' ' <"$tmp/h.$f")"
	else
		echo "skipped: pandoc round trip for $f (no pandoc)"
	fi
	if have soffice && have pdftotext; then
		mkdir -p "$tmp/lo.$f"
		HOME="$tmp" timeout 120 soffice --headless --convert-to pdf --outdir "$tmp/lo.$f" "$tmp/g.$f" >/dev/null 2>&1
		pdftotext "$tmp/lo.$f/g.pdf" "$tmp/lo.$f.txt" 2>/dev/null
		check_grep libreoffice_renders_${f}_heading '^Glossar$' "$tmp/lo.$f.txt"
		check_grep libreoffice_renders_${f}_term '^Onlinezugangsgesetz \(OZG\)$' "$tmp/lo.$f.txt"
		check_grep libreoffice_renders_${f}_source '^Quelle: .*Onlinezugangsgesetz' "$tmp/lo.$f.txt"
	else
		echo "skipped: LibreOffice rendering of $f (no soffice or pdftotext)"
	fi
done

# first use in order, with pages from a PDF and the file when several
g --db "$db" appendix --format md --md-style headings --order first-use --first-use "$d/spalten.pdf" >"$tmp/f.md" 2>/dev/null
check_grep first_use_page_from_pdf '^Zuerst verwendet: Seite 2$' "$tmp/f.md"
grep '^## ' "$tmp/f.md" | head -n 1 | grep -Eq '^## Registermodernisierung( \(RegMo\))?$' && ok first_use_order_from_pdf || not_ok first_use_order_from_pdf "$(grep '^## ' "$tmp/f.md" | head -n 2)"
g --db "$db" appendix --format md --md-style headings --first-use "$d/bericht.md" "$d/spalten.pdf" >"$tmp/f2.md" 2>/dev/null
check_grep first_use_names_the_file_when_several '^Zuerst verwendet: spalten\.pdf, Seite 2$' "$tmp/f2.md"
printf 'Das OZG.\n\nUnd Dataport.\n' >"$tmp/plain.txt"
g --db "$db" appendix --format md --md-style headings --first-use "$tmp/plain.txt" >"$tmp/f3.md" 2>/dev/null
check_grep first_use_line_for_plain_text '^Zuerst verwendet: Zeile 3$' "$tmp/f3.md"
for f in html latex docbook asciidoc rst; do
	g --db "$db" appendix --format $f --first-use "$d/bericht.docx" >"$tmp/fu.$f" 2>/dev/null
	check_grep first_use_in_$f 'Zuerst verwendet: Abschnitt Einleitung' "$tmp/fu.$f"
done
g --db "$db" appendix --format md --md-style headings "$d/bericht.docx" >"$tmp/nofu.md" 2>/dev/null
check_no_grep no_first_use_without_the_option 'Zuerst verwendet' "$tmp/nofu.md"

# AsciiDoc and reST
g --db "$db" appendix --format asciidoc "$d/bericht.docx" >"$tmp/a.adoc" 2>/dev/null
check_grep asciidoc_glossary_section '^\[glossary\]$' "$tmp/a.adoc"
check_grep asciidoc_entry '^\[\[ozg\]\]Onlinezugangsgesetz \(OZG\):: ' "$tmp/a.adoc"
check_grep asciidoc_link '^Quelle: link:\+\+https://www\.gesetze-im-internet\.de/ozg/__1a?\.html\+\+\[.*Onlinezugangsgesetz.*\]$' "$tmp/a.adoc"
g --db "$db" appendix --format rst "$d/bericht.docx" >"$tmp/a.rst" 2>/dev/null
check_grep rst_glossary_directive '^\.\. glossary::$' "$tmp/a.rst"
check_grep rst_term_and_short_form_are_terms '^   OZG$' "$tmp/a.rst"
check_grep rst_link '^      Quelle: `.*Onlinezugangsgesetz.* <https://www\.gesetze-im-internet\.de/ozg/__1a?\.html>`__$' "$tmp/a.rst"
if have /usr/bin/python3 && /usr/bin/python3 -c 'import docutils' 2>/dev/null; then
	# Sphinx's glossary:: allows several term lines per entry, a docutils
	# definition list one: keep each entry's last term line, then parse.
	check rst_parses_with_docutils /usr/bin/python3 -c "import sys, re, docutils.core
lines = open('$tmp/a.rst').read().replace('.. glossary::', '.. note::').split(chr(10))
term = re.compile('^   [^ ]')
keep = [l for i, l in enumerate(lines) if not (term.match(l) and i + 1 < len(lines) and term.match(lines[i + 1]))]
docutils.core.publish_doctree(chr(10).join(keep), settings_overrides={'halt_level': 2, 'report_level': 5})"
else
	echo "skipped: reST parse check (no docutils)"
fi

# hostile strings: valid XML, no markup from user text, deterministic bytes
hdb=$tmp/hostile.db
g --db "$hdb" import "$data/exports/hostile.csv" >/dev/null
for f in docx odt; do
	check hostile_export_$f g --db "$hdb" export --format $f -o "$tmp/h.$f"
	g --db "$hdb" export --format $f -o "$tmp/h2.$f"
	check export_${f}_deterministic cmp "$tmp/h.$f" "$tmp/h2.$f"
	if have pandoc; then
		pandoc -f $f -t plain "$tmp/h.$f" >"$tmp/h.$f.txt" 2>/dev/null
		check_grep hostile_${f}_label_is_text '<img src=x onerror=alert\(1\)>' "$tmp/h.$f.txt"
		check_grep hostile_${f}_cdata_end_is_text '""" \]\]>$' "$tmp/h.$f.txt"
		check_grep hostile_${f}_tex_is_text '^\\input\{/etc/passwd\} \(\\write18\{rm -rf\}\)$' "$tmp/h.$f.txt"
	fi
done
g --db "$hdb" export --format rst >"$tmp/h.rst"
check_grep hostile_rst_markup_escaped '^      Ende \\</script\\>\\<script\\>' "$tmp/h.rst"
g --db "$hdb" export --format asciidoc >"$tmp/h.adoc"
check_no_grep hostile_asciidoc_no_raw_brackets 'alert\(1\)</script><' "$tmp/h.adoc"
finish
