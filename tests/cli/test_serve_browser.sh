#!/bin/sh
# glossar serve in a browser: headless Chromium driven by Selenium (Debian
# chromium, chromium-driver, python3-selenium). Screenshots of each page
# are kept in out/test-serve-browser/ for a person to look at.
. "$(dirname "$0")/lib.sh"
py=/usr/bin/python3
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1 ||
	! "$py" -c 'import selenium' 2>/dev/null; then
	echo "skipped: test_serve_browser (no chromium, chromedriver or python3-selenium)"
	finish
	exit $?
fi
py_checks() {
	"$py" "$@" >"$tmp/py" 2>&1
	if ! grep -Eq '^(ok|FAIL) ' "$tmp/py"; then not_ok "browser_check" "$(head -c 600 "$tmp/py")"; return; fi
	while IFS= read -r line; do
		case $line in
		"ok "*) ok "${line#ok }" ;;
		"FAIL "*) rest=${line#FAIL }; not_ok "${rest%%:*}" "${rest#*: }" ;;
		esac
	done <"$tmp/py"
	if grep -q Traceback "$tmp/py"; then not_ok browser_check_finished "$(tail -c 600 "$tmp/py")"; fi
}

db=$tmp/browser.db
g --db "$db" import "$top/glossary.csv" >/dev/null
g --db "$db" import "$data/exports/hostile.csv" >/dev/null
port=$("$py" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base=http://127.0.0.1:$port/glossar/
"$GLOSSAR" --db "$db" serve --listen "127.0.0.1:$port" --base-uri "$base" --threads 2 2>"$tmp/serve.err" &
pid=$!
i=0
until grep -q listening "$tmp/serve.err" 2>/dev/null || [ $i -ge 50 ]; do sleep 0.1; i=$((i + 1)); done
shots=$top/out/test-serve-browser
rm -rf "$shots"
HOME=$tmp py_checks "$here/serve_browser.py" "$base" "$shots"
rm -rf "$shots/profile"
n=$(ls "$shots"/*.png 2>/dev/null | wc -l)
if [ "$n" -ge 6 ]; then ok browser_screenshots_saved; else not_ok browser_screenshots_saved "$n in $shots"; fi
kill -TERM "$pid"
wait "$pid"
finish
