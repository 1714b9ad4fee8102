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
else skip appendix_docbook_well_formed "xmllint missing"; fi
n=$(wc -l <"$tmp/a.mkdocs")
if [ "$n" -eq 2 ]; then ok appendix_mkdocs_two_abbreviations; else not_ok appendix_mkdocs_two_abbreviations "$n lines"; fi

printf 'Kein Begriff hier.\n' >"$tmp/none.md"
check_exit no_mention_is_exit_0 0 g --db "$db" appendix --format md "$tmp/none.md"
check_grep no_mention_is_said '^glossar appendix: the files mention no concept' "$tmp/err"
check_exit missing_file_is_exit_2 2 g --db "$db" appendix --format md "$tmp/nonexistent.md"
check_exit format_required 2 g --db "$db" appendix "$doc"
check_exit unknown_format 2 g --db "$db" appendix --format pdf "$doc"
check_exit unknown_order 2 g --db "$db" appendix --format md --order random "$doc"
check_exit appendix_help 0 g appendix --help
finish
