#!/bin/sh
# Authors' documents: DOCX, ODT, PDF and LaTeX read with their structure
# (tracked changes, notes, tables, fields, headings as sections, pages),
# and hostile containers refused with file and part, exit 2, nothing stored.
# The fixtures come from tests/data/documents/make.sh.
. "$(dirname "$0")/lib.sh"
d=$data/documents
h=$d/hostile
db=$tmp/kb.db
g --db "$db" import "$top/glossary.csv" >/dev/null

# field NAME FILE: the mentions of FILE as "concept<TAB>section<TAB>page" lines
mentions() {
	g --db "$db" extract --format tsv "$1" | awk -F'\t' 'NR > 1 { print $7 "\t" $12 "\t" $11 }' >"$tmp/m"
}

# ---- DOCX ----
mentions "$d/bericht.docx"
check_grep docx_body_read '^ozg	Einleitung	$' "$tmp/m"
check_grep docx_section_is_heading_path '^deutschland-stack	Einleitung > Ziele	$' "$tmp/m"
check_grep docx_inserted_text_counts '^efa	Einleitung > Ziele' "$tmp/m"
check_no_grep docx_deleted_text_and_comment_do_not_count '^dataport' "$tmp/m"
check_grep docx_table_cells_read '^registermodernisierung	Umsetzung' "$tmp/m"
check_grep docx_table_cells_are_words '^e-akte	Umsetzung' "$tmp/m"
check_grep docx_field_result_counts '^xoev	' "$tmp/m"
check_grep docx_footnote_read '^ozg	Fußnoten	$' "$tmp/m"
check_grep docx_soft_hyphen_vanishes '^verwaltungsleistung	' "$tmp/m"
check_grep docx_non_breaking_hyphen_is_hyphen '^it-planungsrat	' "$tmp/m"
g --db "$db" extract "$d/bericht.docx" >"$tmp/j"
check_grep docx_jsonl_section_field '"surface":"OZG".*"score":1.0,"section":"Einleitung"}$' "$tmp/j"
check_no_grep docx_jsonl_no_page '"page"' "$tmp/j"
check_exit docx_from_stdin_with_format 0 sh -c "'$GLOSSAR' --db '$db' extract --format docx <'$d/bericht.docx'"
check_grep docx_from_stdin_found '"concept":"fitko"' "$tmp/out"

mentions "$d/kopfzeile.docx"
check_grep docx_header_read '^dataport	Kopfzeile	$' "$tmp/m"
check_grep docx_footer_read '^fitko	Fußzeile	$' "$tmp/m"
n=$(grep -c '^efa	Umsetzung' "$tmp/m")
if [ "$n" -eq 1 ]; then ok docx_text_box_read_once; else not_ok docx_text_box_read_once "$n mentions"; fi

# ---- ODT ----
mentions "$d/bericht-lo.odt"
check_grep odt_body_read '^ozg	Einleitung	$' "$tmp/m"
check_grep odt_section_is_heading_path '^deutschland-stack	Einleitung > Ziele	$' "$tmp/m"
check_grep odt_inserted_text_counts '^efa	Einleitung > Ziele' "$tmp/m"
check_no_grep odt_deleted_text_and_comment_do_not_count '^dataport' "$tmp/m"
check_grep odt_table_cells_read '^registermodernisierung	Umsetzung' "$tmp/m"
check_grep odt_table_cells_are_words '^e-akte	Umsetzung' "$tmp/m"
check_grep odt_field_result_counts '^xoev	' "$tmp/m"
check_grep odt_footnote_after_body '^ozg	Fußnoten	$' "$tmp/m"
check_grep odt_soft_hyphen_vanishes '^verwaltungsleistung	' "$tmp/m"
mentions "$d/bericht.odt"
check_grep odt_pandoc_written_read '^deutschland-stack	Einleitung > Ziele	$' "$tmp/m"
g --db "$db" extract --format tsv "$d/bericht-lo.odt" | awk -F'\t' '$7 == "fitko" { print $2 ":" $3 }' >"$tmp/pos"
check_grep odt_note_does_not_split_the_paragraph '^5:90$' "$tmp/pos"

# ---- Markdown sections ----
mentions "$d/bericht.md"
check_grep md_section_is_heading_path '^deutschland-stack	Einleitung > Ziele	$' "$tmp/m"
check_grep md_front_matter_no_section '^verwaltungsdigitalisierung		$' "$tmp/m"

# ---- HTML sections ----
cat >"$tmp/s.html" <<'HTML'
<html><head><title>OZG-Bericht</title></head><body>
<h1>Bericht &amp; Ausblick</h1><p>Das OZG gilt.</p>
<h2>Ziele <em>der</em> Länder</h2><p>Dataport betreibt.</p>
<h2>Betrieb</h2><script>var s = "<h2>FITKO</h2>";</script><p>Die E-Akte.</p>
</body></html>
HTML
mentions "$tmp/s.html"
check_grep html_title_has_no_section '^ozg		$' "$tmp/m"
check_grep html_h1_section '^ozg	Bericht & Ausblick	$' "$tmp/m"
check_grep html_h2_under_h1 '^dataport	Bericht & Ausblick > Ziele der Länder	$' "$tmp/m"
check_grep html_h2_replaces_h2 '^e-akte	Bericht & Ausblick > Betrieb	$' "$tmp/m"

# ---- PDF ----
mentions "$d/bericht.pdf"
check_grep pdf_page_of_mention '^ozg		1$' "$tmp/m"
check_grep pdf_field_result_on_page '^xoev		[12]$' "$tmp/m"
mentions "$d/spalten.pdf"
check_grep pdf_two_columns_page_1 '^registermodernisierung		1$' "$tmp/m"
check_grep pdf_second_page '^dataport		2$' "$tmp/m"
check_grep pdf_hyphen_at_line_end_joined '^it-planungsrat		1$' "$tmp/m"
g --db "$db" extract "$d/spalten.pdf" >"$tmp/j"
check_grep pdf_jsonl_page_field '"surface":"Dataport".*"score":1.0,"page":2}$' "$tmp/j"
# reading order: the whole first column before the second
g --db "$db" extract --format tsv "$d/spalten.pdf" | awk -F'\t' 'NR > 1 { print $7 }' >"$tmp/order"
if [ "$(grep -n '^efa$' "$tmp/order" | cut -d: -f1)" -lt "$(grep -n '^dataport$' "$tmp/order" | cut -d: -f1)" ]; then
	ok pdf_columns_in_reading_order; else not_ok pdf_columns_in_reading_order "$(tr '\n' ' ' <"$tmp/order")"; fi

# ---- LaTeX ----
g --db "$db" extract --format tsv "$d/bericht.tex" | awk -F'\t' 'NR > 1 { print $2 ":" $3 ":" $4 "\t" $6 "\t" $7 "\t" $9 "\t" $12 }' >"$tmp/m"
check_grep tex_gls_is_mention_with_tex_position '^11:5:336	\\gls\{ozg\}	ozg	gls	Einleitung$' "$tmp/m"
check_grep tex_acrshort_is_mention '^12:45:[0-9]+	\\acrshort\{ozg\}	ozg	gls	Einleitung$' "$tmp/m"
check_grep tex_emphasis_argument_read '^14:13:525	IT-Planungsrat	it-planungsrat	exact	Einleitung$' "$tmp/m"
check_grep tex_hyphenation_hint_squeezed '^11:51:383	Verwaltungsleistungen	' "$tmp/m"
check_grep tex_section_from_subsection '^16:38:[0-9]+	Registermodernisierung	registermodernisierung	exact	Einleitung > Ziele der Registermodernisierung$' "$tmp/m"
check_grep tex_babel_umlaut_read '	Einer für Alle	efa	' "$tmp/m"
check_grep tex_table_cell_read '^26:1:[0-9]+	E-Akte	' "$tmp/m"
check_grep tex_second_section '	deutschland-stack	exact	Betrieb$' "$tmp/m"
check_no_grep tex_comments_verbatim_preamble_skipped '	fitko	|^2[0-9]:.*deutschland-stack|^[1-9]:' "$tmp/m"
check_no_grep tex_unknown_gls_key_no_mention 'unbekannt' "$tmp/m"
n=$(grep -c '	dataport	' "$tmp/m")
if [ "$n" -eq 1 ]; then ok tex_cite_key_no_prose; else not_ok tex_cite_key_no_prose "$n Dataport mentions"; fi
printf 'Die \\gls{registermodernisierung} l\\"auft.\n' >"$tmp/k.tex"
g --db "$db" extract --format tsv "$tmp/k.tex" >"$tmp/o"
n=$(grep -c registermodernisierung "$tmp/o")
if [ "$n" -eq 1 ] && grep -q '	gls	' "$tmp/o"; then ok tex_label_inside_gls_is_one_mention; else not_ok tex_label_inside_gls_is_one_mention "$(cat "$tmp/o")"; fi

# found by fuzzing: a reference to an unknown key and no other mention
printf 'Nur \\gls{unbekannt} hier.\n' >"$tmp/only-unknown.tex"
check_exit tex_only_unknown_reference_is_fine 0 g --db "$db" extract "$tmp/only-unknown.tex"

# ---- discovery and the appendix read documents too ----
check docx_appendix_md g --db "$db" appendix --format md --md-style headings "$d/bericht.docx"
check_grep docx_appendix_lists_ozg '^## Onlinezugangsgesetz \(OZG\)' "$tmp/out"
check pdf_appendix_md g --db "$db" appendix --format md --md-style headings "$d/spalten.pdf"
check_grep pdf_appendix_lists_dataport '^## Dataport' "$tmp/out"

# ---- hostile documents: exit 2, file and part named, nothing stored ----
cp "$db" "$tmp/before.db"
hostile() { # NAME FILE PATTERN
	"$GLOSSAR" --db "$db" extract --store "$2" >"$tmp/out" 2>"$tmp/err"; status=$?
	if [ $status -eq 2 ] && grep -Eq -- "$3" "$tmp/err"; then ok "$1"
	else not_ok "$1" "exit $status: $(head -c 300 "$tmp/err")"; fi
}
hostile zip_bomb_docx_refused "$h/zip-bomb.docx" '^.*zip-bomb\.docx:word/document\.xml: compression ratio [0-9]+:1 passes the limit'
hostile traversal_docx_refused "$h/traversal.docx" "traversal\.docx: zip entry name '\.\./\.\./evil\.xml' points outside"
hostile missing_document_xml_refused "$h/no-document.docx" 'no-document\.docx: no word/document\.xml'
hostile xxe_docx_refused "$h/xxe.docx" 'xxe\.docx:word/document\.xml: the part declares a DTD'
hostile billion_laughs_docx_refused "$h/billion-laughs.docx" 'billion-laughs\.docx:word/document\.xml(:[0-9]+)?: '
hostile zip_bomb_odt_refused "$h/zip-bomb.odt" 'zip-bomb\.odt:content\.xml: compression ratio'
hostile traversal_odt_refused "$h/traversal.odt" "traversal\.odt: zip entry name 'Pictures/\.\./"
hostile missing_content_xml_refused "$h/no-content.odt" 'no-content\.odt: no content\.xml'
hostile billion_laughs_odt_refused "$h/billion-laughs.odt" 'billion-laughs\.odt:content\.xml: the part declares a DTD'
hostile ole2_doc_named_docx_refused "$h/ole2.docx" 'ole2\.docx: an OLE2 compound file'
hostile encrypted_pdf_refused "$h/encrypted.pdf" 'encrypted\.pdf: encrypted PDF'
hostile damaged_pdf_refused "$h/damaged.pdf" 'damaged\.pdf: damaged PDF'
hostile truncated_pdf_refused "$h/truncated.pdf" 'truncated\.pdf: damaged PDF'
printf 'kein PDF' >"$tmp/fake.pdf"
hostile text_named_pdf_refused "$tmp/fake.pdf" 'fake\.pdf: not a PDF file'
check kb_unchanged_after_hostile cmp "$db" "$tmp/before.db"
check_no_grep xxe_leaks_nothing 'root:' "$tmp/out"
finish
