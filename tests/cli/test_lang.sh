#!/bin/sh
# appendix and export --lang de|en: the glossary's words (heading, "Source",
# "Definition under review", table headings, first use), the English labels
# and definitions where a concept has them and the German ones, marked as
# German, where it has not; the order follows the labels shown. German stays
# the default, byte for byte.
. "$(dirname "$0")/lib.sh"
py=/usr/bin/python3
db=$tmp/kb.db
g --db "$db" import "$data/english/lang.csv" >/dev/null
printf 'Das BSI, die FITKO, EfA und das OZG.\n' >"$tmp/t.txt"

# check_equal NAME WANT GOT
check_equal() { if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "got '$3', want '$2'"; fi; }

# the order of the entries' anchors in a Markdown glossary
anchors() { sed -n 's/^<a id="\([a-z-]*\)"><\/a>.*/\1/p' "$1" | tr '\n' ' '; }

g --db "$db" appendix -f md "$tmp/t.txt" >"$tmp/de.md" 2>/dev/null
g --db "$db" appendix -f md --lang de "$tmp/t.txt" >"$tmp/de2.md" 2>/dev/null
check lang_de_is_the_default cmp "$tmp/de.md" "$tmp/de2.md"
check_grep de_heading '^# Glossar$' "$tmp/de.md"
check_grep de_source 'Quelle: \[§ 1a OZG\]' "$tmp/de.md"
check_equal de_order_by_german_labels "bsi efa fitko ozg " "$(anchors "$tmp/de.md")"

g --db "$db" appendix -f md --lang en "$tmp/t.txt" >"$tmp/en.md" 2>/dev/null
check_grep en_heading '^# Glossary$' "$tmp/en.md"
check_grep en_label_and_definition '^<a id="ozg"></a>Online Access Act \(OZG\)$' "$tmp/en.md"
check_grep en_definition 'The act obliges the federation' "$tmp/en.md"
check_grep en_source_word 'Source: \[§ 1a OZG\]' "$tmp/en.md"
check_grep en_pending_note '^:   \*Definition under review\.\*$' "$tmp/en.md"
check_grep en_german_label_where_no_english '^<a id="fitko"></a>Föderale IT-Kooperation \(FITKO\)$' "$tmp/en.md"
check_grep en_german_definition_where_no_english 'Die Cybersicherheitsbehörde des Bundes' "$tmp/en.md"
check_no_grep en_no_german_words 'Quelle|Glossar$|in Prüfung' "$tmp/en.md"
check_equal en_order_by_english_labels "bsi fitko efa ozg " "$(anchors "$tmp/en.md")"

g --db "$db" appendix -f md --md-style table --lang en "$tmp/t.txt" >"$tmp/en-table.md" 2>/dev/null
check_grep en_table_headings '^\| Term \| Abbreviation \| Definition \| Source \|$' "$tmp/en-table.md"
g --db "$db" appendix -f md --md-style headings --lang en --first-use "$tmp/t.txt" >"$tmp/en-fu.md" 2>/dev/null
check_grep en_first_use '^First used: line 1$' "$tmp/en-fu.md"

# HTML: the page's language, German text marked as such, the JSON-LD too.
g --db "$db" appendix -f html --lang en "$tmp/t.txt" >"$tmp/en.html" 2>/dev/null
r=$($py "$here/html_check.py" "$tmp/en.html" 2>&1)
if [ "$r" = ok ]; then ok en_html_well_formed; else not_ok en_html_well_formed "$r"; fi
check_grep en_html_lang '^<html lang="en">$' "$tmp/en.html"
check_grep en_html_german_label_marked '<dfn lang="de">Föderale IT-Kooperation</dfn>' "$tmp/en.html"
check_grep en_html_english_label_unmarked '<dfn>Online Access Act</dfn>' "$tmp/en.html"
check_grep en_html_german_definition_marked '<p lang="de">Die Cybersicherheitsbehörde des Bundes.</p>' "$tmp/en.html"
check_grep en_html_escapes_definition 'online, &quot;too&quot; &lt;&amp;&gt;' "$tmp/en.html"
r=$($py - "$tmp/en.html" <<'PY'
import json, re, sys
page = open(sys.argv[1], encoding="utf-8").read()
ld = json.loads(re.search(r'<script type="application/ld\+json">\n(.*?)</script>', page, re.S).group(1))
terms = {t["termCode"]: t for t in ld["hasDefinedTerm"]}
want = (ld["inLanguage"] == "en" and terms["ozg"]["name"] == "Online Access Act"
        and terms["fitko"]["name"] == {"@value": "Föderale IT-Kooperation", "@language": "de"}
        and terms["bsi"]["description"]["@language"] == "de"
        and terms["ozg"]["description"].endswith('"too" <&>.'))
print("ok" if want else json.dumps(ld)[:400])
PY
)
if [ "$r" = ok ]; then ok en_html_jsonld_languages; else not_ok en_html_jsonld_languages "$r"; fi

# LaTeX, DocBook, AsciiDoc, reST
g --db "$db" appendix -f latex --lang en "$tmp/t.txt" >"$tmp/en.tex" 2>/dev/null
check_grep en_latex_source 'Source: \\href' "$tmp/en.tex"
check_grep en_latex_heading 'newglossary\*\{glossar\}\{Glossary\}' "$tmp/en.tex"
g --db "$db" appendix -f docbook --lang en "$tmp/t.txt" >"$tmp/en.docbook" 2>/dev/null
check_grep en_docbook_lang 'xml:lang="en"' "$tmp/en.docbook"
check_grep en_docbook_source '<para>Source: <link' "$tmp/en.docbook"
dbrng=/usr/share/xml/docbook/schema/rng/5.0/docbook.rng
if command -v xmllint >/dev/null 2>&1 && [ -f "$dbrng" ]; then
	check en_docbook_validates xmllint --noout --relaxng "$dbrng" "$tmp/en.docbook"
else skip en_docbook_validates "xmllint or docbook5-xml missing"; fi
for f in asciidoc rst; do
	g --db "$db" appendix -f $f --lang en "$tmp/t.txt" >"$tmp/en.$f" 2>/dev/null
	check_grep en_${f}_source 'Source: ' "$tmp/en.$f"
	check_grep en_${f}_label 'Online Access Act' "$tmp/en.$f"
done

# Word and Writer: the document's default language, and the words.
g --db "$db" appendix -f docx --lang en -o "$tmp/en.docx" "$tmp/t.txt" 2>/dev/null
g --db "$db" appendix -f odt --lang en -o "$tmp/en.odt" "$tmp/t.txt" 2>/dev/null
g --db "$db" appendix -f docx -o "$tmp/de.docx" "$tmp/t.txt" 2>/dev/null
$py -c 'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())' "$tmp/en.docx" word/styles.xml >"$tmp/en-styles.xml"
$py -c 'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())' "$tmp/de.docx" word/styles.xml >"$tmp/de-styles.xml"
$py -c 'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())' "$tmp/en.odt" styles.xml >"$tmp/en-odt-styles.xml"
check_grep en_docx_language '<w:lang w:val="en-GB"/>' "$tmp/en-styles.xml"
check_grep de_docx_language '<w:lang w:val="de-DE"/>' "$tmp/de-styles.xml"
check_grep en_odt_language 'fo:language="en" fo:country="GB"' "$tmp/en-odt-styles.xml"
if command -v pandoc >/dev/null 2>&1; then
	for f in docx odt; do
		pandoc -f $f -t plain --wrap=none "$tmp/en.$f" >"$tmp/en-$f.txt"
		check_grep en_${f}_reads_back 'Source: § 1a OZG' "$tmp/en-$f.txt"
		check_grep en_${f}_pending 'Definition under review' "$tmp/en-$f.txt"
	done
else skip en_office_reads_back "pandoc missing"; fi

# export: the same choice for the glossary formats, the English scheme title.
g --db "$db" scheme set title 'Glossar Verwaltungsdigitalisierung' >/dev/null
g --db "$db" scheme set title 'Glossary of public-sector digitalisation' --lang en >/dev/null
g --db "$db" export -f md --lang en >"$tmp/export-en.md"
check_grep export_en_scheme_title '^# Glossary of public-sector digitalisation$' "$tmp/export-en.md"
check_grep export_en_pending 'Definition under review' "$tmp/export-en.md"
g --db "$db" export -f md >"$tmp/export-de.md"
check_grep export_de_scheme_title '^# Glossar Verwaltungsdigitalisierung$' "$tmp/export-de.md"
check_exit export_lang_not_for_linked_data 2 g --db "$db" export -f ttl --lang en
check_grep export_lang_message 'lang is for the glossary formats' "$tmp/err"
check_exit appendix_unknown_lang 2 g --db "$db" appendix -f md --lang fr "$tmp/t.txt"
check_grep appendix_unknown_lang_message "unknown --lang 'fr'" "$tmp/err"
finish
