#!/bin/sh
# glossar user add|list|passwd|disable|enable: passwords only from stdin or
# the terminal, stored as Argon2id hashes, never in any export or listing;
# bad input is refused with exit 2 and changes nothing.
. "$(dirname "$0")/lib.sh"
db=$tmp/u.db
gu() { "$GLOSSAR" --db "$db" user "$@"; }
count() { sqlite3 "$db" "$1" 2>/dev/null; }
have_sqlite3() { command -v sqlite3 >/dev/null 2>&1; }

check help_lists_subcommands gu --help
check_grep help_names_roles 'editor.reviewer.admin' "$tmp/out"
check_exit list_without_kb_is_refused 2 gu list
if [ -e "$db" ]; then not_ok list_does_not_create_kb; else ok list_does_not_create_kb; fi

g --db "$db" import "$data/csv/good.csv" >/dev/null
printf 'Geheimes-Passwort-1\n' >"$tmp/pw"
check add_editor_from_stdin sh -c '"$GLOSSAR" --db "$0" user add amueller --role editor <"$1"' "$db" "$tmp/pw"
check_grep add_says_added '^amueller: added' "$tmp/out"
printf 'Geheimes-Passwort-2\r\n' >"$tmp/pw2"
check add_reviewer_crlf sh -c '"$GLOSSAR" --db "$0" user add bkrause --role=reviewer <"$1"' "$db" "$tmp/pw2"
check add_admin sh -c '"$GLOSSAR" --db "$0" user add chef --role admin <"$1"' "$db" "$tmp/pw"

# From a terminal: asked twice, never echoed.
cat >"$tmp/term_password.py" <<'PY'
import os, pty, select, sys, time
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], [sys.argv[1], "--db", sys.argv[2], "user", "add", sys.argv[3], "--role", "editor"])
out = b""
def until(what):
    global out
    end = time.time() + 20
    while what not in out and time.time() < end:
        if not select.select([fd], [], [], 0.5)[0]:
            continue
        try:
            chunk = os.read(fd, 1024)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
until(b"Password: ")
os.write(fd, sys.argv[4].encode() + b"\n")
until(b"again: ")
os.write(fd, sys.argv[5].encode() + b"\n")
until(b"\n" + sys.argv[3].encode() + b": ") if sys.argv[4] == sys.argv[5] else until(b"differ")
until(b"\0")  # the rest, until the program closes the terminal
_, status = os.waitpid(pid, 0)
sys.stdout.write(out.decode("utf-8", "replace"))
sys.exit(os.waitstatus_to_exitcode(status))
PY
if [ -x /usr/bin/python3 ]; then
	check tty_password_asked_twice /usr/bin/python3 "$tmp/term_password.py" "$GLOSSAR" "$db" ttyuser Terminal-Pass-9 Terminal-Pass-9
	check_grep tty_prompted 'Password again: ' "$tmp/out"
	check_grep tty_added '^ttyuser: added' "$tmp/out"
	check_no_grep tty_password_not_echoed 'Terminal-Pass-9' "$tmp/out"
	check_exit tty_passwords_must_match 2 /usr/bin/python3 "$tmp/term_password.py" "$GLOSSAR" "$db" ttyother Terminal-Pass-9 Terminal-Pass-8
	check_grep tty_mismatch_says_why 'differ' "$tmp/out"
else
	echo "skip terminal password (no /usr/bin/python3)"
fi

check_exit password_argument_refused 2 gu add dgast --role editor --password Geheimes-Passwort-1
check_grep password_argument_says_why 'never an argument' "$tmp/err"
check_exit role_required 2 sh -c '"$GLOSSAR" --db "$0" user add dgast <"$1"' "$db" "$tmp/pw"
check_exit unknown_role 2 sh -c '"$GLOSSAR" --db "$0" user add dgast --role root <"$1"' "$db" "$tmp/pw"
check_exit bad_name 2 sh -c '"$GLOSSAR" --db "$0" user add "<script>" --role editor <"$1"' "$db" "$tmp/pw"
check_exit duplicate_refused 2 sh -c '"$GLOSSAR" --db "$0" user add amueller --role admin <"$1"' "$db" "$tmp/pw"
check_grep duplicate_says_why 'exists already' "$tmp/err"
printf 'kurz\n' >"$tmp/short"
check_exit short_password_refused 2 sh -c '"$GLOSSAR" --db "$0" user add dgast --role editor <"$1"' "$db" "$tmp/short"
check_grep short_password_says_why 'too short' "$tmp/err"
check_exit empty_stdin_refused 2 sh -c '"$GLOSSAR" --db "$0" user add dgast --role editor </dev/null' "$db"
check_exit passwd_unknown_refused 2 sh -c '"$GLOSSAR" --db "$0" user passwd nobody <"$1"' "$db" "$tmp/pw"
check_exit disable_unknown_refused 2 gu disable nobody

check list_accounts gu list
check_grep list_shows_editor '^amueller +editor +active' "$tmp/out"
check_grep list_shows_reviewer '^bkrause +reviewer +active' "$tmp/out"
check_no_grep list_has_no_refused_account 'dgast' "$tmp/out"
check_no_grep list_has_no_hash 'argon2|Passwort' "$tmp/out"
check list_tsv gu list --format tsv
check_grep list_tsv_header '^name	role	state	created$' "$tmp/out"
check_exit list_bad_format 2 gu list --format json

check disable_account gu disable amueller
check_grep disable_says_sessions_end 'sessions ended' "$tmp/out"
gu list >"$tmp/list"
check_grep list_shows_disabled '^amueller +editor +disabled' "$tmp/list"
check enable_account gu enable amueller
gu list >"$tmp/list"
check_grep list_shows_enabled_again '^amueller +editor +active' "$tmp/list"
check passwd_from_stdin sh -c '"$GLOSSAR" --db "$0" user passwd amueller <"$1"' "$db" "$tmp/pw2"

if have_sqlite3; then
	h=$(count "SELECT count(*) FROM account WHERE hash LIKE '\$argon2id\$%'")
	if [ "$h" = 4 ]; then ok hashes_are_argon2id; else not_ok hashes_are_argon2id "$h"; fi
	n=$(count "SELECT count(*) FROM account WHERE hash LIKE '%Passwort%'")
	if [ "$n" = 0 ]; then ok no_plain_password_stored; else not_ok no_plain_password_stored; fi
	log=$(count "SELECT group_concat(actor || ' ' || action || ' ' || target, ';') FROM admin_log")
	case $log in *"tester user disable amueller"*"tester user passwd amueller"*) ok admin_log_records_who;;
	*) not_ok admin_log_records_who "$log";; esac
else
	echo "skip hash checks (no sqlite3)"
fi

# Accounts never leave the knowledge base through an export.
for f in csv md html latex tbx ttl rdfxml jsonld; do
	g --db "$db" export --format "$f" -o "$tmp/export.$f" 2>"$tmp/err" || { not_ok "export_$f" "$(cat "$tmp/err")"; continue; }
	if grep -Eq 'argon2|amueller|bkrause|id_hash|csrf' "$tmp/export.$f"; then
		not_ok "export_${f}_has_no_accounts"
	else
		ok "export_${f}_has_no_accounts"
	fi
done
# A backup is the whole file: it keeps the accounts (document, not a leak).
check backup g --db "$db" kb backup "$tmp/backup.db"
check backup_keeps_accounts sh -c '"$GLOSSAR" --db "$0" user list | grep -q bkrause' "$tmp/backup.db"
check kb_check_passes g --db "$db" kb check
finish
