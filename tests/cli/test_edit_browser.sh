#!/bin/sh
# Editing in a browser: the whole review cycle in headless Chromium driven
# by Selenium (Debian chromium, chromium-driver, python3-selenium), two
# sessions at once (edit_browser.py). Screenshots of each page are kept in
# out/test-edit-browser/ for a person to look at.
. "$(dirname "$0")/lib.sh"
py=/usr/bin/python3
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1 ||
	! "$py" -c 'import selenium' 2>/dev/null; then
	echo "skipped: test_edit_browser (no chromium, chromedriver or python3-selenium)"
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
g --db "$db" import "$data/csv/good.csv" >/dev/null
for u in alice:editor bob:reviewer; do
	echo Geheimes-Passwort-1 | g --db "$db" user add "${u%%:*}" --role "${u#*:}" >/dev/null
done
port=$("$py" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base=http://127.0.0.1:$port/glossar/
"$GLOSSAR" --db "$db" serve --listen "127.0.0.1:$port" --base-uri "$base" --threads 4 2>"$tmp/serve.err" &
pid=$!
i=0
until grep -q listening "$tmp/serve.err" 2>/dev/null || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
shots=$top/out/test-edit-browser
rm -rf "$shots"
HOME=$tmp py_checks "$here/edit_browser.py" "$base" "$shots" "$data/discovery/sample.md"
rm -rf "$shots"/profile-*; cp "$tmp/py" "$shots/log.txt"
n=$(ls "$shots"/*.png 2>/dev/null | wc -l)
if [ "$n" -ge 14 ]; then ok browser_screenshots_saved; else not_ok browser_screenshots_saved "$n in $shots"; fi
kill -TERM "$pid"
wait "$pid"
check_no_grep server_no_sanitizer_report 'Sanitizer|runtime error' "$tmp/serve.err"
check kb_check_after_browser g --db "$db" kb check
finish
