#!/bin/sh
# glossar serve over HTTP: every route, status codes, content types,
# content negotiation (each concept's RDF isomorphic to its part of the
# export), 304, the 404 suggestion, search that forgives misspellings, the
# Skosmos REST subset, dumps, term tagging, 413, 400 on hostile paths and
# queries, escaping of the hostile glossary, timeouts, the connection limit,
# a CLI change seen on the next request, and a clean stop on SIGTERM.
# Loopback only. Needs /usr/bin/python3 with rdflib.
. "$(dirname "$0")/lib.sh"
py=/usr/bin/python3
if ! [ -x "$py" ] || ! "$py" -c 'import rdflib' 2>/dev/null; then
	echo "skip test_serve (no /usr/bin/python3 with rdflib)"
	finish
	exit $?
fi
py_checks() {
	"$py" "$@" >"$tmp/py" 2>&1
	if ! grep -Eq '^(ok|FAIL) ' "$tmp/py"; then not_ok "python_check" "$(head -c 600 "$tmp/py")"; return; fi
	while IFS= read -r line; do
		case $line in
		"ok "*) ok "${line#ok }" ;;
		"FAIL "*) rest=${line#FAIL }; not_ok "${rest%%:*}" "${rest#*: }" ;;
		esac
	done <"$tmp/py"
	if grep -q Traceback "$tmp/py"; then not_ok python_check_finished "$(tail -c 600 "$tmp/py")"; fi
}

db=$tmp/serve.db
g --db "$db" import "$top/glossary.csv" >/dev/null
g --db "$db" import "$data/exports/hostile.csv" >/dev/null
g --db "$db" extract --store "$data/exports/mentions.md" >/dev/null
g --db "$db" term status kind deprecated --replaced-by xss >/dev/null
# What import refuses but a KB may still hold (an older glossar, a hand edit).
sqlite3 "$db" <"$data/exports/hostile.sql"

check_exit serve_help_exits_0 0 g serve --help
check_exit serve_bad_listen_exits_2 2 g --db "$db" serve --listen nowhere
check_exit serve_bad_threads_exits_2 2 g --db "$db" serve --threads 0
check_exit serve_bad_base_exits_2 2 g --db "$db" serve --listen 127.0.0.1:0 --base-uri 'not a uri'
check_exit serve_missing_db_exits_2 2 g --db "$tmp/none.db" serve --listen 127.0.0.1:0
[ ! -e "$tmp/none.db" ] && ok serve_does_not_create_a_db || not_ok serve_does_not_create_a_db

port=$("$py" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base=http://127.0.0.1:$port/glossar/
g --db "$db" export --format ttl --base-uri "$base" -o "$tmp/full.ttl"
# not through g: $! must be the server's own pid
"$GLOSSAR" --db "$db" serve --listen "127.0.0.1:$port" --base-uri "$base" --threads 2 --timeout 2 \
	--max-connections 16 --max-body 100000 2>"$tmp/serve.err" &
pid=$!
i=0
until grep -q listening "$tmp/serve.err" 2>/dev/null || [ $i -ge 50 ]; do sleep 0.1; i=$((i + 1)); done
if grep -q listening "$tmp/serve.err"; then ok server_starts; else not_ok server_starts "$(cat "$tmp/serve.err")"; fi

py_checks "$here/serve_check.py" 127.0.0.1 "$port" /glossar/ "$base" "$GLOSSAR" "$db" "$tmp/full.ttl"

# export --format dot|svg: the same renderer as the pages' pictures
check export_dot_exits_0 g --db "$db" export --format dot -o "$tmp/all.dot"
check_grep export_dot_is_a_digraph '^digraph glossar' "$tmp/all.dot"
check_grep export_dot_escapes_backslashes 'label="\\\\input' "$tmp/all.dot"
check export_svg_exits_0 g --db "$db" export --format svg -o "$tmp/all.svg"
check export_svg_is_xml "$py" -c 'import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1])' "$tmp/all.svg"
check_grep export_svg_escapes_hostile_label '&lt;img src=x' "$tmp/all.svg"
g --db "$db" export --format dot --root xss >"$tmp/sub.dot"
if grep -q '"kind"' "$tmp/sub.dot" && ! grep -q '"ozg"' "$tmp/sub.dot"; then ok export_root_is_the_subtree
else not_ok export_root_is_the_subtree "$(head -c 300 "$tmp/sub.dot")"; fi
check_exit export_unknown_root_exits_2 2 g --db "$db" export --format svg --root nope
check_exit export_root_needs_dot_or_svg 2 g --db "$db" export --format ttl --root xss

kill -TERM "$pid"
wait "$pid"; status=$?
if [ $status -eq 0 ] && grep -q 'stopped (SIGTERM)' "$tmp/serve.err"; then ok sigterm_stops_cleanly
else not_ok sigterm_stops_cleanly "exit $status; $(tail -c 300 "$tmp/serve.err")"; fi
check kb_not_locked_after_stop g --db "$db" term alias ozg "Nach dem Stopp"

# The scheme's metadata set once is the server's: its base URI (the mount
# point, with no --base-uri), title and licence; the DCAT description at
# BASE dataset and the JSON-LD context at BASE context.jsonld.
sdb=$tmp/scheme.db
g --db "$sdb" import "$top/glossary.csv" >/dev/null
port2=$("$py" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
sbase=http://127.0.0.1:$port2/daten/
g --db "$sdb" scheme set base-uri "$sbase" >/dev/null
g --db "$sdb" scheme set title 'Glossar der Musterverwaltung' >/dev/null
g --db "$sdb" scheme set license https://www.govdata.de/dl-de/by-2-0 >/dev/null
"$GLOSSAR" --db "$sdb" serve --listen "127.0.0.1:$port2" --threads 1 2>"$tmp/serve2.err" &
pid2=$!
i=0
until grep -q listening "$tmp/serve2.err" 2>/dev/null || [ $i -ge 50 ]; do sleep 0.1; i=$((i + 1)); done
check_grep scheme_base_is_the_servers 'base http://127\.0\.0\.1:[0-9]+/daten/' "$tmp/serve2.err"
curl -s "${sbase}" >"$tmp/start.html"
check_grep scheme_title_on_start_page 'Glossar der Musterverwaltung' "$tmp/start.html"
curl -s -o "$tmp/dataset.ttl" -w '%{http_code} %{content_type}\n' "${sbase}dataset" >"$tmp/ds.status"
check_grep dataset_served_as_turtle '^200 text/turtle' "$tmp/ds.status"
check dataset_parses "$py" -c 'import sys, rdflib; g = rdflib.Graph().parse(sys.argv[1], format="turtle"); from rdflib.namespace import DCAT, RDF; assert list(g.subjects(RDF.type, DCAT.Dataset))' "$tmp/dataset.ttl"
check_grep dataset_has_the_schemes_licence 'dct:license <https://www\.govdata\.de/dl-de/by-2-0>' "$tmp/dataset.ttl"
curl -s -o "$tmp/ctx.jsonld" "${sbase}context.jsonld"
check context_is_json_with_base "$py" -c 'import sys, json; d = json.load(open(sys.argv[1])); assert d["@context"]["@base"] == sys.argv[2]' "$tmp/ctx.jsonld" "$sbase"
curl -s -o "$tmp/export2.ttl" "${sbase}export.ttl"
check_grep dump_has_the_schemes_licence 'dct:license <https://www\.govdata\.de/dl-de/by-2-0>' "$tmp/export2.ttl"
kill -TERM "$pid2"
wait "$pid2"
finish
