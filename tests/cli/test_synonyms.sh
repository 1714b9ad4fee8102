#!/bin/sh
# export --format solr-synonyms | elasticsearch-synonyms: read back with a
# reader of Lucene's SolrSynonymParser rules, every rule is exactly the
# concept's names (preferred, short, alternative, hidden), hostile strings
# with "," "=>" "\" and a leading "#" included.
. "$(dirname "$0")/lib.sh"
py=/usr/bin/python3

cat >"$tmp/check.py" <<'PY'
import csv, json, sys

def split(s, sep):
    # Lucene SolrSynonymParser.split: a backslash keeps the next character.
    out, sb, pos = [], "", 0
    while pos < len(s):
        if s.startswith(sep, pos):
            if sb:
                out.append(sb)
            sb, pos = "", pos + len(sep)
            continue
        ch = s[pos]; pos += 1
        if ch == "\\":
            sb += ch
            if pos >= len(s):
                break
            ch = s[pos]; pos += 1
        sb += ch
    if sb:
        out.append(sb)
    return out

def unescape(s):
    out, i = "", 0
    while i < len(s):
        if s[i] == "\\" and i < len(s) - 1:
            i += 1
        out += s[i]; i += 1
    return out

def parse_rule(line):
    if "=>" in [line[i:i+2] for i in range(len(line))] and len(split(line, "=>")) > 1:
        return None  # an explicit mapping: glossar never writes one
    return [unescape(t).strip() for t in split(line, ",")]

vocab_csv, solr, es = sys.argv[1:4]
want = {}
for row in csv.DictReader(open(vocab_csv, encoding="utf-8")):
    if row["status"] == "deprecated":
        continue
    names = [row["pref_label"]]
    for col in ("abbreviations", "alt_labels", "hidden_labels"):
        names += [n for n in row[col].split("|") if n]
    uniq = []
    for n in names:
        if n not in uniq:
            uniq.append(n)
    if len(uniq) > 1:
        want[row["key"]] = uniq

got = []
for line in open(solr, encoding="utf-8").read().split("\n"):
    if not line or line[0] == "#":
        continue
    got.append(parse_rule(line))
print(("ok" if sorted(map(tuple, got)) == sorted(map(tuple, want.values())) else "FAIL")
      + " solr_rules_are_the_concepts_names" + ("" if sorted(map(tuple, got)) == sorted(map(tuple, want.values())) else ": got %r want %r" % (got, list(want.values()))))
doc = json.load(open(es, encoding="utf-8"))
es_rules = {r["id"]: parse_rule(r["synonyms"]) for r in doc["synonyms_set"]}
print(("ok" if es_rules == want else "FAIL") + " elasticsearch_rules_are_the_concepts_names"
      + ("" if es_rules == want else ": got %r want %r" % (es_rules, want)))
PY


for set in shipped hostile; do
	db=$tmp/$set.db
	if [ $set = shipped ]; then csv=$top/glossary.csv; else csv=$data/exports/synonyms-hostile.csv; fi
	check ${set}_imports g --db "$db" import "$csv"
	g --db "$db" export --format csv -o "$tmp/$set.csv"
	check ${set}_solr_synonyms g --db "$db" export --format solr-synonyms -o "$tmp/$set.solr"
	check ${set}_elasticsearch_synonyms g --db "$db" export --format elasticsearch-synonyms -o "$tmp/$set.es"
	"$py" "$tmp/check.py" "$tmp/$set.csv" "$tmp/$set.solr" "$tmp/$set.es" >"$tmp/py" 2>&1
	if ! grep -Eq '^(ok|FAIL) ' "$tmp/py"; then not_ok ${set}_python_check "$(head -c 400 "$tmp/py")"; continue; fi
	while IFS= read -r line; do
		case $line in
		"ok "*) ok "${set}_${line#ok }" ;;
		"FAIL "*) rest=${line#FAIL }; not_ok "${set}_${rest%%:*}" "${rest#*: }" ;;
		esac
	done <"$tmp/py"
done

h=$tmp/hostile.solr
if grep -qxF 'Bund\, Länder und Kommunen, BLK, A \=> B, C\\D, \#Kommentar, \\\\, x\\\,y' "$h" &&
   grep -qxF 'Links \=> Rechts, L\=>R, \=>, =\=> ende' "$h"; then
	ok solr_escapes_comma_arrow_backslash_and_hash
else
	not_ok solr_escapes_comma_arrow_backslash_and_hash "$(cat "$h")"
fi
check_no_grep solr_leaves_deprecated_out 'Altbegriff' "$h"
check_no_grep solr_leaves_single_names_out 'Nur ein Name' "$h"
g --db "$tmp/shipped.db" export --format solr-synonyms >"$tmp/s"
check_grep solr_finds_the_misspelling_of_it_planungsrat '(^|, )IT-Planungsrat(,|$).*ET-Planungsrat|ET-Planungsrat.*(^|, )IT-Planungsrat(,|$)' "$tmp/s"
g --db "$tmp/hostile.db" export --format solr-synonyms --approved-only >"$tmp/a"
check_no_grep approved_only_leaves_drafts_out 'BLK' "$tmp/a"

finish
