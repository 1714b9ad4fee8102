#!/bin/sh
# glossar export in every format: the shipped glossary and a hostile one
# parse with the reference tools (rapper, rdflib, xmllint), the three RDF
# syntaxes are one graph, TBX validates against TBX-Basic, and every hostile
# string comes out escaped. A missing tool gives a counted "skipped:" line.
. "$(dirname "$0")/lib.sh"
py=/usr/bin/python3
rng=$top/tests/schemas/tbx-basic/TBXcoreStructV03_TBX-Basic_integrated.rng
base=https://example.org/glossar/
have_rapper() { command -v rapper >/dev/null 2>&1; }
have_xmllint() { command -v xmllint >/dev/null 2>&1; }
have_rdflib() { [ -x "$py" ] && "$py" -c 'import rdflib' 2>/dev/null; }
# Runs a python check that prints "ok NAME" / "FAIL NAME: why" lines.
py_checks() {
	"$py" "$@" >"$tmp/py" 2>&1
	if ! grep -Eq '^(ok|FAIL) ' "$tmp/py"; then not_ok "python_check_$2" "$(head -c 400 "$tmp/py")"; return; fi
	while IFS= read -r line; do
		case $line in
		"ok "*) ok "${line#ok }" ;;
		"FAIL "*) rest=${line#FAIL }; not_ok "${rest%%:*}" "${rest#*: }" ;;
		esac
	done <"$tmp/py"
}

for set in shipped hostile; do
	db=$tmp/$set.db
	if [ $set = shipped ]; then csv=$top/glossary.csv; else csv=$data/exports/hostile.csv; fi
	g --db "$db" import "$csv" >/dev/null
	# What import refuses (bad URLs), written behind glossar's back: exports escape it still.
	[ $set = hostile ] && sqlite3 "$db" <"$data/exports/hostile.sql"
	o=$tmp/$set
	for f in csv md html latex docbook mkdocs ttl rdfxml jsonld tbx; do
		check ${set}_export_${f}_exits_0 g --db "$db" export --format $f -o "$o.$f"
	done
	same=1
	for f in csv md html latex docbook mkdocs ttl rdfxml jsonld tbx; do
		g --db "$db" export --format $f >"$o.again"
		cmp -s "$o.$f" "$o.again" || same="$same $f"
	done
	if [ "$same" = 1 ]; then ok ${set}_every_format_is_deterministic; else not_ok ${set}_every_format_is_deterministic "differ:${same#1}"; fi

	if have_rapper; then
		for f in ttl rdfxml; do
			syntax=$f; [ $f = ttl ] && syntax=turtle
			check ${set}_rapper_parses_$f rapper -q -i $syntax -c "$o.$f"
		done
		rapper -i turtle -c "$o.ttl" >"$tmp/r1" 2>&1; rapper -i rdfxml -c "$o.rdfxml" >"$tmp/r2" 2>&1
		nt=$(sed -n 's/.*returned \([0-9]*\) triples.*/\1/p' "$tmp/r1")
		nx=$(sed -n 's/.*returned \([0-9]*\) triples.*/\1/p' "$tmp/r2")
		if [ -n "$nt" ] && [ "$nt" = "$nx" ] && [ "$nt" -gt 0 ]; then ok ${set}_rapper_same_triple_count
		else not_ok ${set}_rapper_same_triple_count "turtle $nt, rdfxml $nx"; fi
	else skip ${set}_rapper "rapper missing: apt-get install raptor2-utils"; fi

	if have_rdflib; then
		py_checks "$here/rdf_check.py" iso "$o.ttl" "$o.rdfxml" "$o.jsonld"
		py_checks "$here/rdf_check.py" roundtrip "$o.ttl" "$o.csv" "$base"
		py_checks "$here/rdf_check.py" structure "$o.ttl" "$base"
		g --db "$db" export --format jsonld --jsonld compact -o "$o.compact.jsonld"
		g --db "$db" export --format jsonld-context -o "$o.context.jsonld"
		py_checks "$here/rdf_check.py" compact "$o.ttl" "$o.compact.jsonld" "$o.context.jsonld"
	else skip ${set}_rdflib "rdflib missing: apt-get install python3-rdflib"; fi

	if have_xmllint; then
		check ${set}_tbx_validates_against_tbx_basic xmllint --noout --relaxng "$rng" "$o.tbx"
		check ${set}_docbook_is_well_formed xmllint --noout "$o.docbook"
		dbrng=/usr/share/xml/docbook/schema/rng/5.0/docbook.rng
		if [ -f "$dbrng" ]; then check ${set}_docbook_validates_against_docbook_5 xmllint --noout --relaxng "$dbrng" "$o.docbook"
		else skip ${set}_docbook_validates "DocBook 5 schema missing: apt-get install docbook5-xml"; fi
		check ${set}_rdfxml_is_well_formed xmllint --noout "$o.rdfxml"
	else skip ${set}_xmllint "xmllint missing: apt-get install libxml2-utils"; fi

	if [ -x "$py" ]; then
		r=$("$py" "$here/html_check.py" "$o.html" 2>&1)
		if [ "$r" = ok ]; then ok ${set}_html_page_parses; else not_ok ${set}_html_page_parses "$r"; fi
	else skip ${set}_html "python3 missing"; fi
done

# Compact JSON-LD under another base: concept ids stay keys, the graph the Turtle's.
other=https://daten.example.de/glossar/
g --db "$tmp/shipped.db" export --format ttl --base-uri $other -o "$tmp/other.ttl"
g --db "$tmp/shipped.db" export --format jsonld --jsonld compact --base-uri $other -o "$tmp/other.jsonld"
g --db "$tmp/shipped.db" export --format jsonld-context --base-uri $other -o "$tmp/other.ctx"
if have_rdflib; then py_checks "$here/rdf_check.py" compact "$tmp/other.ttl" "$tmp/other.jsonld" "$tmp/other.ctx"; fi
check_grep compact_jsonld_base_is_the_base_uri '"@base": "https://daten.example.de/glossar/"' "$tmp/other.ctx"
check_exit jsonld_form_must_be_known 2 g --db "$tmp/shipped.db" export --format jsonld --jsonld flat

# TBX-Basic picklist values (the dialect's Schematron, checked here).
bad=$(grep -o '<termNote type="[a-zA-Z]*">[^<]*' "$tmp/shipped.tbx" | sed 's/<termNote type="//; s/">/ /' |
	grep -Ev '^termType (fullForm|acronym|abbreviation|shortForm|variant|phrase)$' |
	grep -Ev '^administrativeStatus (preferredTerm|admittedTerm|deprecatedTerm|supersededTerm)-admn-sts$' | head -3)
if [ -z "$bad" ]; then ok tbx_term_notes_are_in_the_basic_picklists; else not_ok tbx_term_notes_are_in_the_basic_picklists "$bad"; fi
check_grep tbx_ozg_is_acronym '<term>OZG</term>' "$tmp/shipped.tbx"
check_grep tbx_definition_has_source '<admin type="source">' "$tmp/shipped.tbx"
check_no_grep tbx_leaves_hidden_labels_out '<term>Xss-Tippfehler</term>' "$tmp/hostile.tbx"
check_grep tbx_deprecated_concept_terms_are_deprecated 'deprecatedTerm-admn-sts' "$tmp/hostile.tbx"
# Relations as crossReference refs, the type as subjectField (TBX-Basic's
# concept-level data categories); xmllint's IDREF check above proves every
# target is a conceptEntry of the file.
n_entries=$(grep -c '<conceptEntry ' "$tmp/shipped.tbx")
n_fields=$(grep -c '<descrip type="subjectField">' "$tmp/shipped.tbx")
if [ "$n_entries" -eq "$n_fields" ]; then ok tbx_every_concept_has_a_subject_field; else not_ok tbx_every_concept_has_a_subject_field "$n_fields of $n_entries"; fi
tr -d '\n' <"$tmp/shipped.tbx" | grep -o '<conceptEntry id="ozg">.*' | sed 's#</conceptEntry>.*##' >"$tmp/ozg.tbx"
check_grep tbx_ozg_subject_field_is_gesetz '<descrip type="subjectField">Gesetz</descrip>' "$tmp/ozg.tbx"
check_grep tbx_ozg_related_is_a_cross_reference '<ref type="crossReference" target="egovg">Siehe auch: E-Government-Gesetz</ref>' "$tmp/ozg.tbx"
tr -d '\n' <"$tmp/shipped.tbx" | grep -o '<conceptEntry id="grundgesetz">.*' | sed 's#</conceptEntry>.*##' >"$tmp/gg.tbx"
check_grep tbx_narrower_is_a_cross_reference '<ref type="crossReference" target="art-91c-gg">Unterbegriff: Artikel 91c Grundgesetz</ref>' "$tmp/gg.tbx"

# Hostile strings come out escaped in every format.
h=$tmp/hostile
check_no_grep html_has_no_raw_img '<img' "$h.html"
n=$(grep -o '<script' "$h.html" | wc -l)
if [ "$n" -eq 1 ]; then ok html_has_only_the_json_ld_script; else not_ok html_has_only_the_json_ld_script "$n scripts"; fi
check_grep html_escapes_definition '&lt;/script&gt;&lt;script&gt;alert\(1\)' "$h.html"
check_grep json_ld_escapes_lt_as_u003c '\\u003c/script\\u003e' "$h.html"
check_grep html_percent_encodes_url 'href="https://example.org/a\?b=1&amp;c=%3Cx%3E#frag%20%22q%22"' "$h.html"
check_no_grep no_javascript_link_in_html 'href="javascript' "$h.html"
check_grep html_marks_pending_definition '<em>Definition in Prüfung.</em>' "$h.html"
check_grep html_marks_deprecated_concept '<dt id="alt"><dfn>Straße</dfn></dt>' "$h.html"
check_grep html_says_deprecated '<em>Veralteter Begriff.</em>' "$h.html"
grep -v '^%' "$h.latex" >"$tmp/tex-body"
check_no_grep latex_has_no_unescaped_input '\\input' "$tmp/tex-body"
check_no_grep latex_has_no_unescaped_write18 '\\write18' "$tmp/tex-body"
check_grep latex_escapes_backslash '\\textbackslash\{\}input\\\{/etc/passwd\\\}' "$h.latex"
check_grep latex_escapes_specials '100 \\% \\& \\\$5 \\#1 \\_x \\textasciicircum\{\}y \\textasciitilde\{\}z \{\[\}opt\{\]\}' "$h.latex"
check_grep latex_uses_newacronym '^\\newacronym\[.*\]\{xss\}' "$h.latex"
check_grep latex_uses_newglossaryentry '^\\newglossaryentry\{kind\}\{name=\{Äpfel-Kind\}' "$h.latex"
# Braces not escaped by a backslash must balance on every entry line.
unbalanced=$(grep -v '^%' "$h.latex" | sed 's/\\[{}]//g' | awk '{ o = gsub(/\{/, "{"); c = gsub(/\}/, "}"); if (o != c) print NR }')
if [ -z "$unbalanced" ]; then ok latex_braces_balance; else not_ok latex_braces_balance "lines $unbalanced"; fi
check_no_grep latex_has_no_line_break_in_entry '^Zweite Zeile' "$h.latex"
check_no_grep md_has_no_raw_html_from_data '(^|[^\\])<(img|/script|script|b>)' "$h.md"
check_grep md_escapes_brackets_and_braces '\\\]\\\]\\> \\\\input\\\{/etc/passwd\\\}' "$h.md"
check_grep md_definition_is_one_line 'write18\\\{rm -rf /\\\} Zweite Zeile' "$h.md"
check_no_grep md_no_javascript_link '\]\(<?javascript' "$h.md"
check_grep mkdocs_abbreviation_line '^\*\[</script>\]: <img src=x onerror=alert\(1\)>$' "$h.mkdocs"
check_no_grep mkdocs_leaves_out_bracket_abbreviation 'A\]B' "$h.mkdocs"
n=$(wc -l <"$h.mkdocs")
if [ "$n" -eq 2 ]; then ok mkdocs_one_line_per_abbreviation; else not_ok mkdocs_one_line_per_abbreviation "$n lines"; fi
# Characters XML 1.0 forbids, which the hostile KB holds anyway, never reach output.
for f in docbook tbx rdfxml html; do
	if LC_ALL=C grep -q "$(printf '\357\277[\276\277]')" "$h.$f" || LC_ALL=C grep -q "$(printf '[\001\002\033]')" "$h.$f"; then
		not_ok ${f}_drops_xml_forbidden_characters
	else ok ${f}_drops_xml_forbidden_characters; fi
done
check_grep rdfxml_keeps_text_around_forbidden_characters 'Steuerzeichen\.' "$h.rdfxml"
check_grep tbx_keeps_label_around_forbidden_characters '<term>Nichtzeichen</term>' "$h.tbx"
check_grep docbook_escapes_text '<glossterm>&lt;img src=x onerror=alert\(1\)&gt;</glossterm>' "$h.docbook"
check_grep docbook_namespace 'xmlns="http://docbook.org/ns/docbook"' "$h.docbook"
if have_xmllint; then
	got=$(xmllint --xpath 'string(//*[local-name()="glossentry"][@xml:id="tex"]/*[local-name()="glossterm"])' "$h.docbook")
	if [ "$got" = '\input{/etc/passwd}' ]; then ok docbook_text_reads_back; else not_ok docbook_text_reads_back "$got"; fi
fi

# Control and format characters that stop pdflatex or hide text (C0, DEL,
# C1, U+2028/U+2029, U+202E, zero-width, noncharacters), put into a KB with
# python's sqlite3 as an older glossar may have stored them (import refuses
# them now): the LaTeX export and appendix drop or replace them all.
c=$tmp/ctl.db
g --db "$c" import "$data/csv/good.csv" >/dev/null
if [ -x "$py" ] && "$py" - "$c" <<'EOF' 2>"$tmp/py.err"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
bad = "\x01\x02\x07\x08\x0b\x0c\x1b\x7f\u0085\u009f\u2028\u2029\u202e\u202a\u2066\u200b\u200d\ufeff\ufffe\uffff\ue000"
db.execute("UPDATE label SET text = ? WHERE kind = 'pref' AND concept_id = (SELECT id FROM concept WHERE key = 'ozg')",
           ("Online" + bad + "zugangsgesetz",))
db.execute("UPDATE definition SET text = ?, source = ?, source_url = ? WHERE concept_id = (SELECT id FROM concept WHERE key = 'ozg')",
           ("Das Gesetz" + bad + " gilt \u2212 z.\u202fB. \u2009ab\u2003heute.", "Quelle" + bad, "https://example.org/a" + bad))
db.commit()
EOF
then
	ctl_title=$(printf 'Glossar\001\033\342\200\256\342\200\250Ende')
	g --db "$c" export --format latex --title "$ctl_title" -o "$tmp/ctl.latex"
	printf 'Das OZG gilt.\n' >"$tmp/ctl.md"
	g --db "$c" appendix --format latex --title "$ctl_title" -o "$tmp/ctl-appendix.latex" "$tmp/ctl.md" 2>/dev/null
	for f in ctl.latex ctl-appendix.latex; do
		n=${f%.latex}; n=$(echo "$n" | tr - _)
		if LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$tmp/$f"; then not_ok ${n}_has_no_c0_control "$(LC_ALL=C grep -c "$(printf '[\001-\010\013-\037\177]')" "$tmp/$f") lines"
		else ok ${n}_has_no_c0_control; fi
		for u in '\302\205' '\302\237' '\342\200\250' '\342\200\251' '\342\200\256' '\342\200\252' '\342\201\246' '\342\200\213' '\342\200\215' '\357\273\277' '\357\277\276' '\357\277\277' '\356\200\200'; do
			if grep -qF "$(printf "$u")" "$tmp/$f"; then not_ok ${n}_drops_$(echo "$u" | tr -d '\\'); else ok ${n}_drops_$(echo "$u" | tr -d '\\'); fi
		done
		check_grep ${n}_keeps_the_text '\{Online +zugangsgesetz\}' "$tmp/$f"
	done
	check_grep ctl_title_kept_without_controls 'newglossary\*\{glossar\}\{Glossar Ende\}' "$tmp/ctl.latex"
	check_grep ctl_url_percent_encoded 'href\{https://example.org/a\\%01\\%02' "$tmp/ctl.latex"
else skip latex_controls "python3 missing ($(head -c 200 "$tmp/py.err" 2>/dev/null))"; fi

# pdflatex with the glossaries package typesets the LaTeX files in the
# document of docs/appendix.md (with makeglossaries), without shell escape;
# the hostile one reads no file and runs nothing.
if command -v pdflatex >/dev/null 2>&1 && command -v makeglossaries >/dev/null 2>&1 &&
	kpsewhich glossaries.sty >/dev/null 2>&1 && kpsewhich tracklang.sty >/dev/null 2>&1; then
	sets="shipped hostile"; [ -s "$tmp/ctl.latex" ] && sets="$sets ctl ctl-appendix"
	for set in $sets; do
		mkdir -p "$tmp/tex-$set"
		cp "$tmp/$set.latex" "$tmp/tex-$set/glossar.tex"
		# The document without its \gls line: not every KB has ozg.
		sed -n '/^<!-- bericht.tex/,/^```$/p' "$top/docs/appendix.md" | sed '1,2d;$d' | grep -v '\\gls{' >"$tmp/tex-$set/doc.tex"
		(cd "$tmp/tex-$set" && pdflatex -interaction=nonstopmode -halt-on-error -no-shell-escape doc.tex &&
			makeglossaries doc && pdflatex -interaction=nonstopmode -halt-on-error -no-shell-escape doc.tex) >"$tmp/tex-$set/out" 2>&1
		if [ $? -eq 0 ] && [ -s "$tmp/tex-$set/doc.pdf" ]; then ok ${set}_latex_typesets_with_glossaries
		else not_ok ${set}_latex_typesets_with_glossaries "$(grep -A2 '^!' "$tmp/tex-$set/doc.log" | head -5)"; fi
	done
	check_no_grep latex_reads_no_file_from_data '\(/etc/passwd' "$tmp/tex-hostile/doc.log"
	check_no_grep latex_has_no_undefined_command 'Undefined control sequence' "$tmp/tex-hostile/doc.log"
	if [ -s "$tmp/tex-ctl/doc.pdf" ] && command -v pdftotext >/dev/null 2>&1; then
		pdftotext "$tmp/tex-ctl/doc.pdf" - | tr -s ' \n' ' ' >"$tmp/ctl.txt"
		check_grep ctl_pdf_shows_the_text 'Online ?zugangsgesetz \(OZG\) Das Gesetz gilt' "$tmp/ctl.txt"
		check_grep ctl_pdf_shows_the_spaces_text 'ab heute' "$tmp/ctl.txt"
	fi
else skip latex_typesets "pdflatex, makeglossaries or the glossaries package missing (texlive-latex-extra)"; fi

# Python-Markdown, which MkDocs runs, reads the md and mkdocs outputs as meant.
if [ -x "$py" ] && "$py" -c 'import markdown' 2>/dev/null; then
	py_checks "$here/md_check.py" md "$h.md"
	for st in deflist table headings; do
		g --db "$tmp/hostile.db" export --format md --md-style $st -o "$h-$st.md"
		py_checks "$here/md_check.py" style $st "$h-$st.md" 4
		check_no_grep hostile_md_${st}_has_no_raw_html_from_data '(^|[^\\])<(img|/script|script|b>)' "$h-$st.md"
	done
	py_checks "$here/md_check.py" abbr "$tmp/shipped.mkdocs" OZG Onlinezugangsgesetz
	py_checks "$here/md_check.py" inert "$h.mkdocs"
	py_checks "$here/md_check.py" inert "$tmp/shipped.mkdocs"
else skip python_markdown "python3-markdown missing"; fi

# --approved-only in every format: only concepts with status approved and a
# definition; drafts (efa, registermodernisierung in good.csv) are absent.
a=$tmp/approved.db
g --db "$a" import "$data/csv/good.csv" >/dev/null
for f in csv md html latex docbook mkdocs ttl rdfxml jsonld tbx; do
	check approved_only_${f}_exits_0 g --db "$a" export --format $f --approved-only -o "$tmp/ao.$f"
	check_no_grep approved_only_${f}_leaves_drafts_out 'efa|EfA|Einer für Alle|[Rr]egistermodernisierung' "$tmp/ao.$f"
	check_grep approved_only_${f}_keeps_the_approved 'Onlinezugangsgesetz' "$tmp/ao.$f"
done
check_no_grep approved_only_has_no_pending 'Definition in Prüfung' "$tmp/ao.md"
n=$(grep -c . "$tmp/ao.csv")
if [ "$n" -eq 2 ]; then ok approved_only_csv_is_header_and_one_row; else not_ok approved_only_csv_is_header_and_one_row "$n lines"; fi
check approved_only_csv_imports_again g --db "$tmp/ao-again.db" import "$tmp/ao.csv"
check_grep approved_only_mkdocs_line '^\*\[OZG\]: Onlinezugangsgesetz$' "$tmp/ao.mkdocs"
# The shipped glossary: the concept count per format equals the approved rows.
want=$(/usr/bin/python3 -c 'import csv,sys; print(sum(1 for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")) if r["status"] == "approved" and r["definition"]))' "$top/glossary.csv" 2>/dev/null)
s=$tmp/shipped.db
for f in csv md html latex docbook tbx ttl rdfxml jsonld; do
	g --db "$s" export --format $f --approved-only -o "$tmp/sao.$f" 2>"$tmp/err"
done
count() { # FORMAT FILE: the number of concepts in FILE
	case $1 in
	csv) tail -n +2 "$2" | /usr/bin/python3 -c 'import csv,sys; print(sum(1 for _ in csv.reader(sys.stdin)))' ;;
	md) grep -c '^<a id=' "$2" ;;
	html) grep -c '^<dt id=' "$2" ;;
	latex) grep -c '^\\new\(acronym\|glossaryentry\)' "$2" ;;
	docbook) grep -o '<glossentry ' "$2" | wc -l ;;
	tbx) grep -c '<conceptEntry ' "$2" ;;
	esac
}
if [ -n "$want" ]; then
	for f in csv md html latex docbook tbx; do
		n=$(count $f "$tmp/sao.$f")
		if [ "$n" = "$want" ]; then ok shipped_approved_only_${f}_has_${want}_concepts
		else not_ok shipped_approved_only_${f}_has_${want}_concepts "$n"; fi
	done
	bad=$(tail -n +2 "$tmp/sao.csv" | /usr/bin/python3 -c 'import csv,sys; print(sorted({r[11] for r in csv.reader(sys.stdin)}))')
	if [ "$bad" = "['approved']" ]; then ok shipped_approved_only_csv_status; else not_ok shipped_approved_only_csv_status "$bad"; fi
fi
if have_xmllint; then
	check shipped_approved_only_tbx_validates xmllint --noout --relaxng "$rng" "$tmp/sao.tbx"
	check approved_only_tbx_validates xmllint --noout --relaxng "$rng" "$tmp/ao.tbx"
fi
if have_rapper; then
	check approved_only_rapper_parses_ttl rapper -q -i turtle -c "$tmp/sao.ttl"
	check approved_only_rapper_parses_rdfxml rapper -q -i rdfxml -c "$tmp/sao.rdfxml"
fi
if have_rdflib; then
	for f in ttl rdfxml jsonld; do
		py_checks "$here/rdf_check.py" approved "$tmp/sao.$f" "$top/glossary.csv" "$base"
	done
	py_checks "$here/rdf_check.py" approved "$tmp/ao.ttl" "$data/csv/good.csv" "$base"
fi

# SKOS writes only absolute http(s) IRIs as dct:source. The URLs are put
# into the KB with sqlite3, as an older glossar or a hand edit may have left
# them, since import refuses them.
if command -v sqlite3 >/dev/null 2>&1; then
	i=$tmp/iri.db
	g --db "$i" import "$data/csv/good.csv" >/dev/null
	n=0
	for url in 'javascript:alert(1)' 'data:text/html,<script>x</script>' 'file:///etc/passwd' \
		'vbscript:msgbox(1)' 'ftp://example.org/x' 'http:' 'https://' 'http:/x' 'HTTPS://example.org/' \
		'//example.org/x'; do
		n=$((n + 1))
		sqlite3 "$i" "UPDATE definition SET source_url = '$(printf %s "$url" | sed "s/'/''/g")' WHERE concept_id = (SELECT id FROM concept WHERE key = 'ozg')"
		for f in ttl rdfxml jsonld; do
			g --db "$i" export --format $f -o "$tmp/iri.$f"
			if grep -q 'purl.org/dc/terms/source\|dct:source' "$tmp/iri.$f"
			then not_ok skos_${f}_has_no_dct_source_for_url_$n "$url: $(grep -m1 'purl.org/dc/terms/source\|dct:source' "$tmp/iri.$f")"
			else ok skos_${f}_has_no_dct_source_for_url_$n; fi
		done
	done
	sqlite3 "$i" "UPDATE definition SET source_url = 'https://example.org/q?a=1' WHERE concept_id = (SELECT id FROM concept WHERE key = 'ozg')"
	g --db "$i" export --format ttl -o "$tmp/iri.ttl"
	check_grep skos_keeps_https_dct_source 'dct:source <https://example.org/q\?a=1>' "$tmp/iri.ttl"
else skip skos_dct_source "sqlite3 missing"; fi
check_no_grep hostile_ttl_has_no_javascript_iri '<javascript:' "$tmp/hostile.ttl"
for bad in 'javascript:alert(1)/' 'file:///tmp/' 'data:,x/' 'urn:glossar:/' 'ftp://example.org/g/' 'https:///' '//example.org/g/'; do
	check_exit base_uri_refused_$(printf %s "$bad" | tr -c 'a-z0-9' _) 2 g --db "$tmp/shipped.db" export --format ttl --base-uri "$bad"
done
for bad in 'javascript:alert(1)' 'data:,x' 'file:///etc/passwd' 'vbscript:x' 'urn:x:y' 'https://'; do
	for f in ttl rdfxml jsonld; do
		check_exit license_refused_${f}_$(printf %s "$bad" | tr -c 'a-z0-9' _) 2 g --db "$tmp/shipped.db" export --format $f --license "$bad"
	done
done
check_grep license_refusal_says_why 'license' "$tmp/err"
check license_https_accepted g --db "$tmp/shipped.db" export --format ttl --license https://www.govdata.de/dl-de/by-2-0

# A failed write leaves the previous file as it was: export -o, compile -o
# and kb backup write a temporary file beside the target and rename it. The
# file size limit (ulimit -f, 96 blocks: above SQLite's 32 KB shared memory,
# below every output) makes the write fail; glossar ignores SIGXFSZ and says so.
s=$tmp/shipped.db
w=$tmp/wfail
mkdir -p "$w"
g --db "$s" export --format ttl -o "$w/old.ttl"
g --db "$s" export --format tbx -o "$w/old.tbx"
g --db "$s" compile -o "$w/old.gz" 2>/dev/null
g --db "$s" kb backup "$w/old.db" >/dev/null 2>&1
for f in ttl tbx gz db; do cp "$w/old.$f" "$w/ref.$f"; done
limited() { (ulimit -f 96 && exec "$@"); }
check_exit export_over_the_size_limit_exit_2 2 limited "$GLOSSAR" --db "$s" export --format ttl -o "$w/old.ttl"
check_grep export_over_the_size_limit_says_why 'old.ttl.*(File too large|cannot write)' "$tmp/err"
check export_failure_keeps_the_old_file cmp "$w/old.ttl" "$w/ref.ttl"
check_exit export_tbx_over_the_size_limit_exit_2 2 limited "$GLOSSAR" --db "$s" export --format tbx -o "$w/old.tbx"
check export_tbx_failure_keeps_the_old_file cmp "$w/old.tbx" "$w/ref.tbx"
check_exit compile_over_the_size_limit_exit_2 2 limited "$GLOSSAR" --db "$s" compile -o "$w/old.gz"
check_grep compile_over_the_size_limit_says_why 'old.gz.*(File too large|cannot write)' "$tmp/err"
check compile_failure_keeps_the_old_file cmp "$w/old.gz" "$w/ref.gz"
check_exit backup_over_the_size_limit_exit_2 2 limited "$GLOSSAR" --db "$s" kb backup "$w/old.db"
check backup_failure_keeps_the_old_file cmp "$w/old.db" "$w/ref.db"
left=$(ls -A "$w" | grep -v '^\(old\|ref\)\.\(ttl\|tbx\|gz\|db\)$')
if [ -z "$left" ]; then ok failed_writes_leave_no_temporary_file; else not_ok failed_writes_leave_no_temporary_file "$left"; fi
check_exit export_stdout_over_the_size_limit_exit_2 2 sh -c "ulimit -f 96 && exec '$GLOSSAR' --db '$s' export --format ttl >'$w/stdout.ttl'"
check_grep export_stdout_over_the_size_limit_says_why 'File too large' "$tmp/err"
rm -f "$w/stdout.ttl"
check_exit appendix_over_the_size_limit_exit_2 2 limited "$GLOSSAR" --db "$s" appendix --format html -o "$w/app.html" "$top/glossary.csv"
if [ -e "$w/app.html" ]; then not_ok appendix_failure_leaves_no_file; else ok appendix_failure_leaves_no_file; fi
# Success replaces the file and keeps its permissions.
chmod 640 "$w/old.ttl"
check export_replaces_the_file g --db "$s" export --format csv -o "$w/old.ttl"
check_grep export_replaced_the_content '^key,type,pref_label' "$w/old.ttl"
m=$(stat -c %a "$w/old.ttl")
if [ "$m" = 640 ]; then ok export_keeps_the_file_mode; else not_ok export_keeps_the_file_mode "$m"; fi
ln -s old.tbx "$w/link.tbx"
check export_through_a_symlink g --db "$s" export --format csv -o "$w/link.tbx"
if [ -L "$w/link.tbx" ] && grep -q '^key,type' "$w/old.tbx"; then ok export_writes_the_symlink_target
else not_ok export_writes_the_symlink_target "$(ls -l "$w")"; fi
check export_to_dev_null g --db "$s" export --format ttl -o /dev/null
# A real full disk: a 64 KB tmpfs (root only).
if [ "$(id -u)" = 0 ] && mkdir -p "$tmp/full" && mount -t tmpfs -o size=64k tmpfs "$tmp/full" 2>/dev/null; then
	g --db "$tmp/approved.db" export --format csv -o "$tmp/full/v.csv" 2>/dev/null
	cp "$tmp/full/v.csv" "$tmp/full-ref.csv"
	check_exit full_disk_export_exit_2 2 g --db "$s" export --format ttl -o "$tmp/full/v.csv"
	check_grep full_disk_export_says_no_space 'No space left' "$tmp/err"
	check full_disk_keeps_the_old_file cmp "$tmp/full/v.csv" "$tmp/full-ref.csv"
	n=$(ls -A "$tmp/full" | wc -l)
	if [ "$n" -eq 1 ]; then ok full_disk_leaves_no_temporary_file; else not_ok full_disk_leaves_no_temporary_file "$(ls -A "$tmp/full")"; fi
	umount "$tmp/full"
else echo "skipped: full_disk_tmpfs (needs root and mount -t tmpfs)"; fi

# Selection, order and options.
g --db "$s" export --format md --approved-only >"$tmp/approved.md"
check_no_grep approved_only_drops_pending 'Definition in Prüfung' "$tmp/approved.md"
check_grep export_md_holds_ozg '^<a id="ozg"></a>Onlinezugangsgesetz \(OZG\)$' "$tmp/shipped.md"
grep '^<a id=' "$tmp/shipped.md" | sed 's/^<a id="[^"]*"><\/a>//' >"$tmp/order"
check_grep din_order_umlaut_as_base_letter '^Anstalt des öffentlichen Rechts' "$tmp/order"
g --db "$s" export --format ttl --base-uri https://daten.example.de/vokabular/ >"$tmp/b.ttl"
check_grep base_uri_is_used '^<https://daten.example.de/vokabular/ozg>$' "$tmp/b.ttl"
check_grep vocab_namespace_under_base '^@prefix gv: <https://daten.example.de/vokabular/vocab#> .$' "$tmp/b.ttl"
check_exit base_uri_without_slash_is_exit_2 2 g --db "$s" export --format ttl --base-uri https://x.example/g
check_exit base_uri_not_absolute_is_exit_2 2 g --db "$s" export --format ttl --base-uri 'glossar/'
check_exit base_uri_with_space_is_exit_2 2 g --db "$s" export --format ttl --base-uri 'https://x.example/a b/'
check_exit unknown_format_is_exit_2 2 g --db "$s" export --format pdf
check_exit export_help_exits_0 0 g export --help
t='</title><script>alert(1)</script> \input{x} "'
g --db "$s" export --format html --title "$t" >"$tmp/t.html"
if grep -Fqx '<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; \input{x} &quot;</title>' "$tmp/t.html"
then ok html_title_escaped; else not_ok html_title_escaped "$(grep '<title>' "$tmp/t.html")"; fi
g --db "$s" export --format latex --title "$t" | grep -v '^%' >"$tmp/t.tex"
check_grep latex_title_is_the_glossary_heading_escaped '^\\ifglossaryexists\{glossar\}\{\}\{\\newglossary\*\{glossar\}\{\\textless\{\}/title\\textgreater\{\}\\textless\{\}script\\textgreater\{\}alert\(1\)\\textless\{\}/script\\textgreater\{\} \\textbackslash\{\}input\\\{x\\\} \\textquotedbl\{\}\}\}$' "$tmp/t.tex"
g --db "$s" export --format ttl --title "$t" >"$tmp/t.ttl"
if grep -Fqx '    dct:title "</title><script>alert(1)</script> \\input{x} \""@de ;' "$tmp/t.ttl"
then ok ttl_title_escaped; else not_ok ttl_title_escaped "$(grep 'dct:title' "$tmp/t.ttl")"; fi
check_grep ttl_scheme_license '^    dct:license <https://creativecommons.org/licenses/by/4.0/>' "$tmp/shipped.ttl"
check_grep ttl_deprecated_is_owl_deprecated 'owl:deprecated "true"\^\^xsd:boolean' "$h.ttl"
finish
