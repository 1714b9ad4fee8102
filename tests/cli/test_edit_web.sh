#!/bin/sh
# Editing in the browser, over HTTP: every write route refuses without a
# session (redirect to the login) and without the CSRF token (403) and
# changes nothing; an editor cannot approve; a reviewer cannot approve their
# own change; a disabled account's session stops at once; a new session id
# at every login; stale saves refused with the diff; hostile strings escaped
# on every page; no hash or session id in any answer (edit_web_check.py).
# Loopback only; needs /usr/bin/python3.
. "$(dirname "$0")/lib.sh"
py=/usr/bin/python3
if ! [ -x "$py" ]; then
	echo "skip test_edit_web (no /usr/bin/python3)"
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
free_port() { "$py" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
# start_server LOG ARGS...: starts glossar serve, sets $pid; waits for "listening"
start_server() {
	log=$1; shift
	"$GLOSSAR" --db "$db" serve "$@" 2>"$log" &
	pid=$!
	i=0
	until grep -q listening "$log" 2>/dev/null || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
}
stop_server() { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; }

db=$tmp/edit.db
g --db "$db" import "$data/csv/good.csv" >/dev/null
g --db "$db" discover "$data/discovery/sample.md" >/dev/null
for u in alice:editor bob:reviewer carol:reviewer dave:editor; do
	echo Geheimes-Passwort-1 | g --db "$db" user add "${u%%:*}" --role "${u#*:}" >/dev/null
done

port=$(free_port)
start_server "$tmp/serve.err" --listen "127.0.0.1:$port" --base-uri "http://127.0.0.1:$port/glossar/" --threads 4
if grep -q listening "$tmp/serve.err"; then ok server_starts; else not_ok server_starts "$(cat "$tmp/serve.err")"; fi
py_checks "$here/edit_web_check.py" 127.0.0.1 "$port" /glossar/ "$GLOSSAR" "$db" "$data"
stop_server
check_no_grep server_log_has_no_secrets 'argon2|glossar_session|csrf' "$tmp/serve.err"
check_no_grep server_no_sanitizer_report 'Sanitizer|runtime error' "$tmp/serve.err"
check kb_check_after_web_edits g --db "$db" kb check

# --secure-cookies: the cookie is marked Secure
port=$(free_port)
start_server "$tmp/serve2.err" --listen "127.0.0.1:$port" --secure-cookies --quiet
sleep 0.5
"$py" - "$port" >"$tmp/secure" 2>&1 <<'PY'
import http.client, sys, urllib.parse
c = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]), timeout=30)
c.request("POST", "/login", urllib.parse.urlencode({"name": "alice", "password": "Geheimes-Passwort-1"}),
          {"Content-Type": "application/x-www-form-urlencoded"})
r = c.getresponse()
print(r.status, r.getheader("Set-Cookie"))
PY
stop_server
check_grep secure_cookie_option '^303 glossar_session=.*; Secure' "$tmp/secure"

# --read-only: no editing at all
port=$(free_port)
start_server "$tmp/serve3.err" --listen "127.0.0.1:$port" --read-only --quiet
sleep 0.5
st=$("$py" -c 'import http.client,sys; c=http.client.HTTPConnection("127.0.0.1",int(sys.argv[1]),timeout=30); c.request("GET","/login"); print(c.getresponse().status)' "$port" 2>&1)
stop_server
if [ "$st" = 503 ]; then ok read_only_server_has_no_login; else not_ok read_only_server_has_no_login "$st"; fi
finish
