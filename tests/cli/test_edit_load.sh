#!/bin/sh
# Editing under load, bounded: four scripted editors over HTTP and the
# command line change the knowledge base at once for EDIT_LOAD_SECONDS
# (default 30): no error page, no lost change (every acknowledged change is
# in the history), and 'glossar kb check' passes (edit_load.py).
. "$(dirname "$0")/lib.sh"
py=/usr/bin/python3
if ! [ -x "$py" ]; then
	echo "skip test_edit_load (no /usr/bin/python3)"
	finish
	exit $?
fi
seconds=${EDIT_LOAD_SECONDS:-30}
db=$tmp/load.db
g --db "$db" import "$data/csv/good.csv" >/dev/null
g --db "$db" term add gemeinsam --type concept --label Gemeinsam >/dev/null
for n in 1 2 3 4; do
	g --db "$db" term add "eigen-$n" --type concept --label "Eigen $n" >/dev/null
	echo Geheimes-Passwort-1 | g --db "$db" user add "ed$n" --role editor >/dev/null
done
port=$("$py" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$GLOSSAR" --db "$db" serve --listen "127.0.0.1:$port" --threads 4 2>"$tmp/serve.err" &
pid=$!
i=0
until grep -q listening "$tmp/serve.err" 2>/dev/null || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
"$py" "$here/edit_load.py" 127.0.0.1 "$port" / "$GLOSSAR" "$db" "$seconds" >"$tmp/py" 2>&1
grep '^#' "$tmp/py"
while IFS= read -r line; do
	case $line in
	"ok "*) ok "${line#ok }" ;;
	"FAIL "*) rest=${line#FAIL }; not_ok "${rest%%:*}" "${rest#*: }" ;;
	esac
done <"$tmp/py"
grep -q Traceback "$tmp/py" && not_ok load_script_finished "$(tail -c 600 "$tmp/py")"
kill -TERM "$pid"
wait "$pid"
check_no_grep server_no_sanitizer_report 'Sanitizer|runtime error' "$tmp/serve.err"
check kb_check_after_load g --db "$db" kb check
finish
