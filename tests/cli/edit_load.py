"""edit_load.py HOST PORT MOUNT GLOSSAR DB SECONDS - four scripted editors
(one session each) and the command line change the knowledge base at once
for SECONDS. Each editor saves its own concept and a shared one (where
saves collide and the loser re-reads and tries again, as a person would),
and comments. Afterwards: no error page (no 5xx, no unexpected status), and
every acknowledged change is in the history. Prints ok/FAIL lines."""
import http.client
import re
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse

host, port, mount, glossar, db, seconds = sys.argv[1:7]
port, seconds = int(port), float(seconds)
PW = "Geheimes-Passwort-1"
lock = threading.Lock()
acked = []        # definitions the server acknowledged (303 after a save)
errors = []       # unexpected answers
counts = {"saves": 0, "conflicts": 0, "comments": 0, "cli": 0, "cli_failed": 0}


def say(ok, name, why=""):
    print(("ok " + name) if ok else ("FAIL %s: %s" % (name, str(why)[:400])), flush=True)


def req(con, method, path, body=None, sid=None):
    h = {}
    if sid:
        h["Cookie"] = "glossar_session=" + sid
    if body is not None:
        body = urllib.parse.urlencode(body, doseq=True)
        h["Content-Type"] = "application/x-www-form-urlencoded"
    con.request(method, mount + path, body=body, headers=h)
    r = con.getresponse()
    data = r.read().decode("utf-8", "replace")
    return r.status, r, data


def editor(n, deadline):
    con = http.client.HTTPConnection(host, port, timeout=60)
    st, r, _ = req(con, "POST", "login", {"name": "ed%d" % n, "password": PW})
    m = re.search(r"glossar_session=([^;]+)", r.getheader("Set-Cookie") or "")
    if st != 303 or not m:
        with lock:
            errors.append("ed%d login %d" % (n, st))
        return
    sid = m.group(1)
    i = 0
    while time.time() < deadline:
        i += 1
        key = "gemeinsam" if i % 2 else "eigen-%d" % n
        st, _, page = req(con, "GET", "edit/concept?key=" + key, sid=sid)
        v = re.search(r'name="version" value="(\d+)"', page)
        c = re.search(r'name="csrf" value="([^"]+)"', page)
        if st != 200 or not v or not c:
            with lock:
                errors.append("ed%d GET %s -> %d" % (n, key, st))
            continue
        text = "Fassung ed%d-%d." % (n, i)
        form = {"csrf": c.group(1), "key": key, "version": v.group(1), "type": "concept",
                "pref_label": key.capitalize(), "definition": text, "source": "Quelle",
                "source_url": "https://example.org/q"}
        st, _, page = req(con, "POST", "edit/concept", form, sid=sid)
        with lock:
            if st == 303:
                acked.append(text)
                counts["saves"] += 1
            elif st == 409 and "inzwischen" in page and text in page:
                counts["conflicts"] += 1  # someone saved first; the typed text is kept
            else:
                errors.append("ed%d save %s -> %d %s" % (n, key, st, page[:200]))
        if i % 5 == 0:
            st, _, _ = req(con, "POST", "edit/comment",
                           {"csrf": c.group(1), "key": key, "comment": "Notiz ed%d-%d" % (n, i)},
                           sid=sid)
            with lock:
                if st == 303:
                    counts["comments"] += 1
                else:
                    errors.append("ed%d comment -> %d" % (n, st))
    con.close()


def cli(deadline):
    i = 0
    while time.time() < deadline:
        i += 1
        text = "Fassung cli-%d." % i
        p = subprocess.run([glossar, "--db", db, "term", "define", "gemeinsam", text, "--source",
                            "Quelle", "--url", "https://example.org/q"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        with lock:
            if p.returncode == 0:
                acked.append(text)
                counts["cli"] += 1
            else:
                counts["cli_failed"] += 1
                errors.append("cli exit %d: %s" % (p.returncode, p.stderr.decode()[:200]))
        time.sleep(0.05)


deadline = time.time() + seconds
threads = [threading.Thread(target=editor, args=(n, deadline)) for n in range(1, 5)]
threads.append(threading.Thread(target=cli, args=(deadline,)))
for t in threads:
    t.start()
for t in threads:
    t.join(timeout=seconds + 120)
say(not any(t.is_alive() for t in threads), "load_finished_in_time")
print("# %(saves)d web saves, %(conflicts)d refused as stale, %(comments)d comments, "
      "%(cli)d CLI changes" % counts, flush=True)
say(not errors, "no_error_page_no_failed_change", errors[:3])
say(counts["saves"] >= 8 and counts["cli"] >= 3, "load_made_changes", counts)
con = sqlite3.connect("file:%s?mode=ro" % db, uri=True, timeout=30)
history = {r[0] for r in con.execute(
    "SELECT json_extract(value, '$.text') FROM change, json_each(change.after, '$.definitions')")}
con.close()
lost = [t for t in acked if t not in history]
say(not lost, "every_acknowledged_change_in_history", lost[:5])
