#!/bin/sh
# demo.sh GLOSSAR OUTDIR - the main job on the project's own sample: a fresh
# knowledge base from glossary.csv, then every stage on examples/bericht.md.
set -eu
glossar=$1
out=$2
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$out"
mkdir -p "$out"
db=$out/glossar.db
echo "== knowledge base: $db"
"$glossar" --db "$db" import "$here/../glossary.csv"
echo "== vocabulary as CSV: $out/glossary.csv"
"$glossar" --db "$db" export --format csv -o "$out/glossary.csv"
for f in ttl rdfxml jsonld tbx md html latex; do
	"$glossar" --db "$db" export --format "$f" -o "$out/vocabulary.$f"
done
echo "== vocabulary: $out/vocabulary.{ttl,rdfxml,jsonld,tbx,md,html,latex}"
