#!/bin/sh
# demo.sh GLOSSAR OUTDIR - the main job on the project's own sample: a fresh
# knowledge base from glossary.csv, then every stage on examples/bericht.md.
# Its output is docs/demo-output.txt (tests/cli/test_demo.sh compares the two;
# `make demo-output` writes it anew).
set -eu
glossar=$1
out=$2
# Run from the top of the repository so paths in the output stay short.
cd "$(dirname "$0")/.."
here=examples
rm -rf "$out"
mkdir -p "$out"
db=$out/glossar.db
echo "== knowledge base: $db"
"$glossar" --db "$db" import "$here/../glossary.csv"
echo "== mentions in examples/bericht.md (JSON Lines): $out/mentions.jsonl"
"$glossar" --db "$db" extract "$here/bericht.md" >"$out/mentions.jsonl"
head -n 3 "$out/mentions.jsonl"
echo "   ... $(wc -l <"$out/mentions.jsonl") mentions; with --fuzzy also speech-recognition variants:"
"$glossar" --db "$db" extract --fuzzy "$here/bericht.md" | grep '"method":"fuzzy"' || true
"$glossar" --db "$db" extract --store "$here/bericht.md"
echo "== vocabulary as CSV: $out/glossary.csv"
"$glossar" --db "$db" export --format csv -o "$out/glossary.csv"
echo "== glossary appendix of examples/bericht.md: $out/appendix.{md,html,latex,docbook,mkdocs}"
"$glossar" --db "$db" appendix --format md -o "$out/appendix.md" "$here/bericht.md"
# the same notes on stderr for each format: said once above
for f in html latex docbook mkdocs; do
	"$glossar" --db "$db" appendix --format "$f" -o "$out/appendix.$f" "$here/bericht.md" 2>/dev/null
done
sed -n '1,12p' "$out/appendix.md"
echo "== the same report as a Word document, its appendix as Word: $out/appendix.docx"
"$glossar" --db "$db" appendix --format docx --first-use -o "$out/appendix.docx" "$here/bericht.docx" 2>/dev/null
echo "== the whole vocabulary: $out/vocabulary.{ttl,rdfxml,jsonld,tbx,md,html,latex,docbook,mkdocs}"
for f in ttl rdfxml jsonld tbx md html latex docbook mkdocs; do
	"$glossar" --db "$db" export --format "$f" -o "$out/vocabulary.$f"
done
sed -n '/^<https:[^>]*\/ozg>/,/^$/p' "$out/vocabulary.ttl"
