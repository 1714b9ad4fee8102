#!/bin/sh
# bench/serve.sh GLOSSAR - `make bench-serve`: the concept page served by
# `glossar serve` beside the same page as a static file served by nginx,
# with wrk (2 threads, 64 connections, DURATION seconds each, default 10),
# both servers with 2 workers on loopback. Prints requests per second, p99
# latency, the ratio (target: glossar >= 0.5 x nginx, p99 < 20 ms), and
# api/extract's throughput on posted text beside `glossar extract`'s.
# The machine is shared: the two servers take turns RUNS times (default 2);
# every run is printed, and the summary takes each server's highest rate
# and lowest p99.
# Environment: SHARED (default ../shared; its law corpus gives the text,
# else examples/ repeated), DURATION, RUNS.
set -eu
glossar=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
SHARED=${SHARED:-$here/../../shared}
duration=${DURATION:-10}
runs=${RUNS:-2}
py=/usr/bin/python3
for c in wrk nginx curl; do
	command -v $c >/dev/null 2>&1 || { echo "bench-serve: needs $c (Debian: wrk nginx curl)" >&2; exit 2; }
done
work=$(mktemp -d "${TMPDIR:-/tmp}/glossar-bench-serve.XXXXXX")
gpid=""; npid=""
cleanup() {
	[ -n "$gpid" ] && kill -TERM "$gpid" 2>/dev/null && wait "$gpid" 2>/dev/null
	[ -n "$npid" ] && kill -QUIT "$npid" 2>/dev/null && wait "$npid" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT INT TERM
free_port() { "$py" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

db=$work/bench.db
"$glossar" --db "$db" import "$here/../glossary.csv" >/dev/null
gport=$(free_port)
"$glossar" --db "$db" serve --listen "127.0.0.1:$gport" --threads 2 2>"$work/serve.err" &
gpid=$!
i=0
until grep -q listening "$work/serve.err" 2>/dev/null || [ $i -ge 50 ]; do sleep 0.1; i=$((i + 1)); done

# the same page as a static file
mkdir -p "$work/www" "$work/nginx"
curl -s "http://127.0.0.1:$gport/ozg" >"$work/www/ozg.html"
nport=$(free_port)
cat >"$work/nginx/nginx.conf" <<CONF
worker_processes 2;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
$( [ "$(id -u)" = 0 ] && echo "user root;" )
events { worker_connections 1024; }
http {
	access_log off;
	client_body_temp_path $work/nginx/body;
	proxy_temp_path $work/nginx/proxy;
	fastcgi_temp_path $work/nginx/fastcgi;
	uwsgi_temp_path $work/nginx/uwsgi;
	scgi_temp_path $work/nginx/scgi;
	keepalive_requests 1000000;
	server {
		listen 127.0.0.1:$nport;
		location = /ozg { default_type "text/html; charset=utf-8"; alias $work/www/ozg.html; }
	}
}
CONF
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" 2>"$work/nginx/start.err" &
npid=$!
sleep 0.5
code=$(curl -s -o "$work/nginx.page" -w '%{http_code}' "http://127.0.0.1:$nport/ozg" || true)
if [ "$code" != 200 ] || ! cmp -s "$work/nginx.page" "$work/www/ozg.html"; then
	echo "bench-serve: nginx does not serve the page ($code): $(cat "$work/nginx/start.err" "$work/nginx/error.log" 2>/dev/null | head -c 400)" >&2
	exit 2
fi

run_wrk() { # URL -> "RPS P99_MS ERRORS"
	wrk -t2 -c64 -d"${duration}s" --latency "$1" >"$work/wrk.out" 2>&1
	rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.out")
	p99=$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us$/, "", v); v /= 1000} else if (v ~ /ms$/) sub(/ms$/, "", v); else if (v ~ /s$/) {sub(/s$/, "", v); v *= 1000}; print v}' "$work/wrk.out")
	errs=$(grep -Ec 'Socket errors|Non-2xx' "$work/wrk.out" || true)
	echo "$rps $p99 $errs"
}
echo "concept page ($(wc -c <"$work/www/ozg.html") bytes), wrk -t2 -c64 -d${duration}s, 2 workers each, best of $runs:"
n_rps=0 g_rps=0 n_err=0 g_err=0 n_p99=1e9 g_p99=1e9
r=0
while [ $r -lt "$runs" ]; do
	r=$((r + 1))
	set -- $(run_wrk "http://127.0.0.1:$nport/ozg")
	echo "  run $r: nginx $1 req/s, p99 $2 ms" >&2
	n_err=$((n_err + $3))
	if awk -v a="$1" -v b="$n_rps" 'BEGIN {exit !(a > b)}'; then n_rps=$1; fi
	if awk -v a="$2" -v b="$n_p99" 'BEGIN {exit !(a < b)}'; then n_p99=$2; fi
	set -- $(run_wrk "http://127.0.0.1:$gport/ozg")
	echo "  run $r: glossar $1 req/s, p99 $2 ms" >&2
	g_err=$((g_err + $3))
	if awk -v a="$1" -v b="$g_rps" 'BEGIN {exit !(a > b)}'; then g_rps=$1; fi
	if awk -v a="$2" -v b="$g_p99" 'BEGIN {exit !(a < b)}'; then g_p99=$2; fi
done
printf '  nginx (static file)  %10.0f req/s   p99 %6.2f ms%s\n' "$n_rps" "$n_p99" "$([ "$n_err" = 0 ] || echo '   (errors)')"
printf '  glossar serve        %10.0f req/s   p99 %6.2f ms%s\n' "$g_rps" "$g_p99" "$([ "$g_err" = 0 ] || echo '   (errors)')"
awk -v g="$g_rps" -v n="$n_rps" -v p="$g_p99" 'BEGIN {
	r = g / n
	ok_r = (r >= 0.5) ? "met" : "NOT met"
	ok_p = (p < 20) ? "met" : "NOT met"
	printf "  ratio glossar/nginx  %10.2f   (target >= 0.50: %s; p99 target < 20 ms: %s)\n", r, ok_r, ok_p }'

# api/extract on posted text beside the command line, on the same text
text=$work/text.txt
if [ -f "$SHARED/bench/corpus-laws.txt.gz" ]; then
	gzip -dc "$SHARED/bench/corpus-laws.txt.gz" | head -c 8000000 >"$text"
else
	: >"$text"
	while [ "$(wc -c <"$text")" -lt 8000000 ]; do cat "$here"/../examples/*.md "$here"/../tests/data/exports/mentions.md >>"$text" 2>/dev/null || break; done
fi
mb=$(awk -v b="$(wc -c <"$text")" 'BEGIN {printf "%.2f", b / 1e6}')
best_api=0; best_cli=0
for r in 1 2 3; do
	t=$(curl -s -o "$work/api.json" -w '%{time_total}' --data-binary @"$text" -H 'Content-Type: text/plain' \
		"http://127.0.0.1:$gport/api/extract")
	best_api=$(awk -v m="$mb" -v t="$t" -v b="$best_api" 'BEGIN {v = m / t; print (v > b ? v : b)}')
	s0=$(date +%s.%N); "$glossar" --db "$db" extract "$text" >"$work/cli.jsonl"; s1=$(date +%s.%N)
	best_cli=$(awk -v m="$mb" -v a="$s0" -v z="$s1" -v b="$best_cli" 'BEGIN {v = m / (z - a); print (v > b ? v : b)}')
done
n_api=$("$py" -c 'import json, sys; print(len(json.load(open(sys.argv[1]))))' "$work/api.json")
n_cli=$(wc -l <"$work/cli.jsonl")
echo "term tagging on $mb MB of text (best of 3, mentions: api $n_api, cli $n_cli):"
printf '  POST api/extract     %8.1f MB/s (request to last byte of the JSON)\n' "$best_api"
printf '  glossar extract      %8.1f MB/s (process start to exit)\n' "$best_cli"
