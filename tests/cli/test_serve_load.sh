#!/bin/sh
# glossar serve under load: wrk against a concept page for 20 seconds with
# 64 connections must see no error and no non-2xx answer, and the server's
# resident memory must stay flat (measured after a warm-up and at the end).
. "$(dirname "$0")/lib.sh"
if ! command -v wrk >/dev/null 2>&1; then
	echo "skipped: test_serve_load (no wrk)"
	finish
	exit $?
fi
py=/usr/bin/python3
db=$tmp/load.db
g --db "$db" import "$top/glossary.csv" >/dev/null
g --db "$db" extract --store "$data/exports/mentions.md" >/dev/null
port=$("$py" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$GLOSSAR" --db "$db" serve --listen "127.0.0.1:$port" --threads 2 2>"$tmp/serve.err" &
pid=$!
i=0
until grep -q listening "$tmp/serve.err" 2>/dev/null || [ $i -ge 50 ]; do sleep 0.1; i=$((i + 1)); done
url=http://127.0.0.1:$port/ozg
rss() { awk '/^VmRSS/ {print $2}' "/proc/$pid/status"; }
wrk -t2 -c64 -d2s "$url" >/dev/null 2>&1
before=$(rss)
wrk -t2 -c64 -d20s --latency "$url" >"$tmp/wrk" 2>&1
after=$(rss)
echo "load: $(grep 'Requests/sec' "$tmp/wrk"), RSS ${before} kB -> ${after} kB"
if grep -q 'Requests/sec' "$tmp/wrk" && ! grep -Eq 'Socket errors|Non-2xx' "$tmp/wrk"; then ok load_no_errors
else not_ok load_no_errors "$(cat "$tmp/wrk")"; fi
n=$(awk '/requests in/ {print $1}' "$tmp/wrk")
if [ "${n:-0}" -gt 1000 ]; then ok load_served_requests; else not_ok load_served_requests "$n"; fi
if [ -n "${ASAN_OPTIONS:-}" ]; then
	echo "skipped: load_rss_stable (AddressSanitizer keeps freed memory in quarantine)"
elif [ -n "$before" ] && [ -n "$after" ] && [ "$after" -le $((before + before / 10 + 2048)) ]; then
	ok load_rss_stable
else
	not_ok load_rss_stable "RSS ${before} kB -> ${after} kB"
fi
# still answers correctly afterwards
code=$(curl -s -o /dev/null -w '%{http_code}' "$url")
[ "$code" = 200 ] && ok load_still_answers || not_ok load_still_answers "$code"
kill -TERM "$pid"
wait "$pid"; status=$?
[ $status -eq 0 ] && ok load_stops_cleanly || not_ok load_stops_cleanly "exit $status"
finish
