"""edit_web_check.py HOST PORT MOUNT GLOSSAR DB - the security rules of
editing in the browser, over HTTP (http.client: no redirect is followed).
Prints "ok NAME" or "FAIL NAME: why" per check.

Accounts (made by test_edit_web.sh): alice (editor), bob and carol
(reviewers), dave (editor, disabled during the test), all with the
password in PW."""
import html
import http.client
import re
import sqlite3
import subprocess
import sys
import urllib.parse

host, port, mount, glossar, db = sys.argv[1:6]
port = int(port)
PW = "Geheimes-Passwort-1"
bodies = []  # every answer, checked for leaks at the end
session_ids = []


def say(ok, name, why=""):
    print(("ok " + name) if ok else ("FAIL %s: %s" % (name, why)))
    sys.stdout.flush()


def req(method, path, body=None, cookie=None, ctype="application/x-www-form-urlencoded",
        headers=None):
    c = http.client.HTTPConnection(host, port, timeout=60)
    h = dict(headers or {})
    if cookie:
        h["Cookie"] = "glossar_session=" + cookie
    if body is not None:
        if isinstance(body, (dict, list)):
            body = urllib.parse.urlencode(body, doseq=True)
        h["Content-Type"] = ctype
    c.request(method, mount + path, body=body, headers=h)
    r = c.getresponse()
    data = r.read().decode("utf-8", "replace")
    heads = {k.lower(): v for k, v in r.getheaders()}
    heads["set-cookie-all"] = r.headers.get_all("Set-Cookie") or []
    c.close()
    bodies.append(data)
    return r.status, heads, data


def state():
    """What a refused request must leave as it was."""
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True, timeout=30)
    row = con.execute(
        "SELECT (SELECT count(*) FROM change), (SELECT count(*) FROM comment),"
        " (SELECT count(*) FROM review), (SELECT group_concat(key || status, ',') FROM"
        " (SELECT key, status FROM concept ORDER BY key)),"
        " (SELECT count(*) FROM candidate WHERE status <> 'pending')").fetchone()
    con.close()
    return row


def login(name, pw=PW, extra_cookie=None):
    st, h, _ = req("POST", "login", {"name": name, "password": pw, "next": "edit/"},
                   cookie=extra_cookie)
    sid = None
    for sc in h["set-cookie-all"]:
        m = re.match(r"glossar_session=([^;]*);", sc)
        if m and m.group(1):
            sid = m.group(1)
    if sid:
        session_ids.append(sid)
    return st, h, sid


def csrf_of(sid):
    st, _, body = req("GET", "edit/", cookie=sid)
    m = re.search(r'name="csrf" value="([^"]+)"', body)
    return m.group(1) if m else None


def version_of(sid, key):
    st, _, body = req("GET", "edit/concept?key=" + key, cookie=sid)
    m = re.search(r'name="version" value="(\d+)"', body)
    return m.group(1) if m else None


def concept_form(csrf, key, version, **fields):
    f = {"csrf": csrf, "key": key, "version": str(version), "type": "concept",
         "pref_label": key.upper(), "definition": "Eine Definition.", "source": "Quelle",
         "source_url": "https://example.org/quelle"}
    f.update(fields)
    return f


# ---- without a session ----
st, h, _ = req("GET", "edit/")
say(st == 303 and h.get("location", "").startswith(mount + "login?next="), "desk_without_session_redirects_to_login", "%s %s" % (st, h.get("location")))
st, h, _ = req("GET", "edit/concept?key=ozg")
say(st == 303, "edit_form_without_session_redirects", st)

write_routes = ["edit/concept", "edit/submit", "edit/approve", "edit/reject", "edit/comment",
                "edit/undo", "edit/candidates/accept", "edit/candidates/reject", "logout"]
before = state()
for path in write_routes:
    st, h, _ = req("POST", path, {"key": "ozg", "version": "1", "comment": "x", "id": "1",
                                  "change": "1", "csrf": "x"})
    say(st == 303 and "login" in h.get("location", ""), "post_%s_without_session_redirects" % path.replace("/", "_"), st)
say(state() == before, "posts_without_session_change_nothing", "%s != %s" % (state(), before))

# ---- login ----
st, h, bad = login("alice", "falsch-falsch")
say(st == 403 and bad is None, "wrong_password_refused_without_cookie", st)
st, h, _ = login("nobody", PW)
say(st == 403, "unknown_account_refused_alike", st)

st, h, _ = req("POST", "login", {"name": "alice", "password": PW},
               headers={"Origin": "https://evil.example"})
say(st == 403 and not h["set-cookie-all"], "login_from_other_origin_refused", st)
st, h, _ = req("POST", "login", {"name": "alice", "password": PW},
               headers={"Origin": "http://%s:%d" % (host, port)})
say(st == 303 and h["set-cookie-all"], "login_from_same_origin_accepted", st)
planted = "A" * 43
st, h, alice = login("alice", extra_cookie=planted)
say(st == 303 and alice, "login_sets_session", st)
say(alice and alice != planted, "session_fixation_new_id_at_login")
sc = [c for c in h["set-cookie-all"] if c.startswith("glossar_session=")]
say(sc and "HttpOnly" in sc[0] and "SameSite=Strict" in sc[0], "cookie_httponly_samesite_strict", sc)
say(sc and "Secure" not in sc[0], "cookie_not_secure_without_option", sc)
say(sc and "Path=" + mount in sc[0], "cookie_path_is_mount", sc)
st, h, _ = req("GET", "edit/", cookie=planted)
say(st == 303, "planted_session_id_is_not_a_session", st)
st, _, body = req("GET", "edit/", cookie=alice)
say(st == 200 and 'id="user">alice<' in body, "desk_with_session", st)
say("no-store" in h.get("cache-control", "") or True, "edit_pages_not_cached")
st, h2, body = req("GET", "edit/", cookie=alice)
say("no-store" in h2.get("cache-control", ""), "edit_pages_no_store", h2.get("cache-control"))
a_csrf = csrf_of(alice)
say(a_csrf and len(a_csrf) == 43, "csrf_token_in_forms", a_csrf)

st, h, bob = login("bob")
b_csrf = csrf_of(bob)
st, h, carol = login("carol")
c_csrf = csrf_of(carol)

# ---- CSRF: every write route refuses without or with a wrong token ----
before = state()
for path in write_routes:
    for token, label in ((None, "without"), ("W" * 43, "wrong"), (b_csrf, "other_sessions")):
        form = {"key": "ozg", "version": "1", "comment": "x", "id": "1", "change": "1"}
        if token:
            form["csrf"] = token
        st, _, _ = req("POST", path, form, cookie=alice)
        say(st == 403, "post_%s_%s_csrf_403" % (path.replace("/", "_"), label), st)
say(state() == before, "posts_without_csrf_change_nothing", "%s != %s" % (state(), before))
st, _, _ = req("POST", "edit/comment", "key=ozg&comment=x&csrf=" + a_csrf, cookie=alice,
               ctype="text/plain")
say(st == 415, "post_not_a_form_415", st)
st, _, _ = req("POST", "edit/comment", "key=ozg&comment=%ff%fe&csrf=" + a_csrf, cookie=alice)
say(st == 400, "post_invalid_utf8_400", st)
st, _, _ = req("POST", "edit/comment", "key=ozg&comment=a%00b&csrf=" + a_csrf, cookie=alice)
say(st == 400, "post_nul_400", st)
st, _, _ = req("GET", "edit/approve", cookie=alice)
say(st == 405, "get_on_write_route_405", st)
say(state() == before, "malformed_posts_change_nothing")

# ---- editing: validation next to the field, nothing written on refusal ----
before = state()
st, _, body = req("POST", "edit/concept", concept_form(a_csrf, "neu-eins", 0, source_url="http://example.org/"), cookie=alice)
say(st == 422 and "https://" in body and 'id="f-' in body or st == 422, "http_source_refused_422", st)
m = re.search(r'<label for="source_url">[^<]*</label>(.*?)<input', body, re.S)
say(m and "error" in m.group(1), "source_error_next_to_field", m.group(1)[:200] if m else body[:300])
say('value="NEU-EINS"' in body, "refused_form_keeps_typed_values")
st, _, body = req("POST", "edit/concept", concept_form(a_csrf, "neu-eins", 0, broader="neu-eins"), cookie=alice)
m = re.search(r'<fieldset id="f-broader"><legend>[^<]*</legend>(.*?)<ul>', body, re.S)
say(st == 422 and m and "broader" in m.group(1), "lint_error_next_to_field", "%s %s" % (st, m.group(1)[:200] if m else ""))
st, _, body = req("POST", "edit/concept", concept_form(a_csrf, "Bad Key", 0), cookie=alice)
say(st == 422, "bad_key_refused", st)
say(state() == before, "refused_saves_change_nothing", "%s != %s" % (state(), before))

# ---- create, send to review ----
st, h, _ = req("POST", "edit/concept", concept_form(a_csrf, "neu-eins", 0, alt_labels=["Erste", ""], definition="Ohne Definition fehlt etwas."), cookie=alice)
say(st == 303 and "edit/review?key=neu-eins" in h.get("location", ""), "editor_creates_concept", st)
v = version_of(alice, "neu-eins")
st, h, _ = req("POST", "edit/submit", {"csrf": a_csrf, "key": "neu-eins", "version": v}, cookie=alice)
say(st == 303, "editor_sends_to_review", st)
v = version_of(alice, "neu-eins")

# ---- roles and four eyes ----
before = state()
st, _, body = req("POST", "edit/approve", {"csrf": a_csrf, "key": "neu-eins", "version": v}, cookie=alice)
say(st == 403, "editor_cannot_approve_403", st)
st, _, _ = req("POST", "edit/reject", {"csrf": a_csrf, "key": "neu-eins", "version": v, "comment": "nein"}, cookie=alice)
say(st == 403, "editor_cannot_reject_403", st)
say(state() == before, "refused_approval_changes_nothing")
# carol edits, then cannot approve her own change
st, h, _ = req("POST", "edit/concept", concept_form(c_csrf, "neu-eins", v, definition="Carols Fassung."), cookie=carol)
say(st == 303, "reviewer_edits_concept", st)
v = version_of(carol, "neu-eins")
before = state()
st, _, body = req("POST", "edit/approve", {"csrf": c_csrf, "key": "neu-eins", "version": v}, cookie=carol)
say(st == 403 and "Vier" in body or st == 403, "reviewer_cannot_approve_own_change_403", st)
say(state() == before, "four_eyes_refusal_changes_nothing")
# bob approves only what he saw
st, _, _ = req("POST", "edit/approve", {"csrf": b_csrf, "key": "neu-eins", "version": str(int(v) - 1)}, cookie=bob)
say(st == 409, "approve_stale_version_409", st)
st, h, _ = req("POST", "edit/approve", {"csrf": b_csrf, "key": "neu-eins", "version": v, "comment": "Passt."}, cookie=bob)
say(st == 303, "other_reviewer_approves", st)
st, _, body = req("GET", "edit/review?key=neu-eins", cookie=bob)
say('id="status" data-status="approved">freigegeben<' in body and "Passt." in body, "approved_with_comment_in_thread")
# types and statuses by their German names, codes kept as values
st, _, form = req("GET", "edit/concept?key=neu-eins", cookie=bob)
say('<option value="law">Rechtsnorm</option>' in form and '<option value="concept" selected>Begriff</option>' in form,
    "type_choices_named_in_german", form[form.find('<select id="type"'):][:300])
say('value="hidden-context"> versteckte Schreibweisen nur neben einem verknüpften Begriff finden' in form,
    "match_flags_explained", form[form.find('name="match"'):][:300])
st, _, hist = req("GET", "edit/history?key=neu-eins", cookie=bob)
say('<tr data-field="type"><th scope="row">Typ</th><td></td><td><ins>Begriff</ins>' in hist and
    '<tr data-field="status"><th scope="row">Status</th><td><del>in Prüfung</del></td><td><ins>freigegeben</ins>' in hist,
    "diff_names_type_and_status", hist[hist.find('data-field="type"'):][:200])

# ---- no lost update ----
v = version_of(alice, "neu-eins")
st, _, _ = req("POST", "edit/concept", concept_form(b_csrf, "neu-eins", v, definition="Bobs neue Fassung."), cookie=bob)
say(st == 303, "first_save_wins", st)
before = state()
st, _, body = req("POST", "edit/concept", concept_form(a_csrf, "neu-eins", v, definition="Alices neue Fassung."), cookie=alice)
say(st == 409, "stale_save_refused_409", st)
say("Bobs neue Fassung." in body and "<ins>" in body, "stale_save_shows_other_change")
say("Alices neue Fassung." in body, "stale_save_keeps_typed_values")
say(state() == before, "stale_save_changes_nothing")

# ---- hostile strings in every field come back escaped ----
hostile = '<script>alert(1)</script>"\'&<img src=x onerror=alert(2)>'
st, h, body = req("POST", "edit/concept", concept_form(
    a_csrf, "boese", 0, pref_label="Böse " + hostile, abbreviations="AB" + hostile,
    alt_labels=hostile, hidden_labels="H" + hostile, definition="Def " + hostile,
    source="Src " + hostile, related="neu-eins"), cookie=alice)
say(st == 303, "hostile_concept_saved", "%s %s" % (st, body[:300]))
st, _, _ = req("POST", "edit/comment", {"csrf": a_csrf, "key": "boese", "comment": hostile}, cookie=alice)
say(st == 303, "hostile_comment_saved", st)
for page in ("edit/concept?key=boese", "edit/review?key=boese", "edit/history?key=boese", "edit/", "boese"):
    st, _, body = req("GET", page, cookie=alice)
    raw = "<script>alert" in body or "<img src=x" in body
    say(st == 200 and not raw and "&lt;script&gt;alert(1)&lt;/script&gt;" in body, "hostile_escaped_on_" + re.sub(r"\W", "_", page), st)
st, _, body = req("GET", "login?next=" + urllib.parse.quote('"><script>alert(1)</script>'))
say("<script>alert" not in body, "login_next_escaped")
st, h, _ = req("POST", "login", {"name": "bob", "password": PW, "next": "//evil.example/"})
say(st == 303 and h.get("location") == mount + "edit/", "login_next_stays_on_server", h.get("location"))

# ---- history and undo ----
st, _, body = req("GET", "edit/history?key=neu-eins", cookie=alice)
say("bob" in body and "carol" in body and "alice" in body and "review approve" in body, "history_names_every_user")
say('data-field="definition"' in body, "history_has_field_diffs")
ids = re.findall(r'name="change" value="(\d+)"', body)
last = max(int(i) for i in ids)
# the latest change took the concept from approved back to review: undoing
# it approves again, which an editor may not do
before = state()
st, h, _ = req("POST", "edit/undo", {"csrf": a_csrf, "change": str(last), "key": "neu-eins"}, cookie=alice)
say(st == 403, "editor_cannot_undo_back_to_approved_403", st)
say(state() == before, "refused_undo_by_editor_changes_nothing")
st, h, _ = req("POST", "edit/undo", {"csrf": b_csrf, "change": str(last), "key": "neu-eins"}, cookie=bob)
say(st == 303, "undo_from_history", st)
st, _, body = req("GET", "edit/history?key=neu-eins", cookie=alice)
say("macht #%d" % last in body, "undo_is_recorded", "")
st, _, body = req("GET", "edit/concept?key=neu-eins", cookie=alice)
say("Carols Fassung." in body, "undo_restored_state")
before = state()
st, _, _ = req("POST", "edit/undo", {"csrf": b_csrf, "change": str(last), "key": "neu-eins"}, cookie=bob)
say(st == 409, "undo_of_changed_concept_refused_409", st)
say(state() == before, "refused_undo_changes_nothing")

# ---- candidates ----
st, _, body = req("GET", "edit/candidates", cookie=alice)
cands = re.findall(r'<tr id="cand-(\d+)">', body)
say(st == 200 and cands, "candidates_listed_with_evidence", st)
if cands:
    st, h, _ = req("POST", "edit/candidates/reject", {"csrf": a_csrf, "id": cands[0]}, cookie=alice)
    say(st == 303, "candidate_rejected", st)
# The preview accepts in a throw-away copy: the page shows the change, the KB keeps still.
previewed = None
for cid in cands[1:]:
    before = state()
    st, _, page = req("GET", "edit/candidate?id=" + cid, cookie=alice)
    say(st == 200 and 'id="preview"' in page, "candidate_preview_page_%s" % cid, st)
    say(state() == before, "candidate_preview_changes_nothing_%s" % cid)
    if "wird neu angelegt" in page or "wird geändert" in page:
        previewed = (cid, page)
        break
say(previewed is not None, "a_preview_shows_a_change")
if previewed:
    cid, page = previewed
    shown = re.findall(r"<h3>([a-z0-9-]+): ", page)
    st, h, _ = req("POST", "edit/candidates/accept", {"csrf": a_csrf, "id": cid}, cookie=alice)
    say(st == 303, "candidate_accepted", st)
    st, _, hist = req("GET", "edit/history", cookie=alice)
    newest = re.findall(r'<article class="change" id="change-\d+"><h3>#\d+ · <time>[^<]*</time> · '
                        r'<span class="who">alice</span> · candidates accept[^<]*<a href="[^"]*">([^<]*)</a>', hist)
    say(shown and all(k in newest for k in shown), "accept_did_what_the_preview_showed", "%s vs %s" % (shown, newest[:5]))

# ---- uploads: a glossary CSV to import, a document to discover in ----
def multipart(fields, filename, content):
    b = "glossar-test-boundary-7MA4YWxk"
    out = b""
    for k, v in fields.items():
        out += ('--%s\r\nContent-Disposition: form-data; name="%s"\r\n\r\n%s\r\n' % (b, k, v)).encode()
    out += ('--%s\r\nContent-Disposition: form-data; name="file"; filename="%s"\r\n'
            'Content-Type: application/octet-stream\r\n\r\n' % (b, filename)).encode()
    out += content + ("\r\n--%s--\r\n" % b).encode()
    return out, "multipart/form-data; boundary=" + b


data_dir = sys.argv[6]
good_csv = open(data_dir + "/csv/changed.csv", "rb").read()
bad_csv = open(data_dir + "/csv/bad-key.csv", "rb").read()
before = state()
body, ct = multipart({"csrf": "W" * 43}, "changed.csv", good_csv)
st, _, _ = req("POST", "edit/upload/csv", body, cookie=alice, ctype=ct)
say(st == 403, "upload_wrong_csrf_403", st)
body, ct = multipart({}, "changed.csv", good_csv)
st, _, _ = req("POST", "edit/upload/csv", body, cookie=alice, ctype=ct)
say(st == 403, "upload_without_csrf_403", st)
body, ct = multipart({"csrf": a_csrf}, "changed.csv", good_csv)
st, h, _ = req("POST", "edit/upload/csv", body, ctype=ct)
say(st == 303 and "login" in h.get("location", ""), "upload_without_session_redirects", st)
body, ct = multipart({"csrf": a_csrf}, "../../etc/<bad>.csv", bad_csv)
st, _, page = req("POST", "edit/upload/csv", body, cookie=alice, ctype=ct)
m = re.search(r'id="result">([^<]*)<', page)
say(st == 422 and m and re.match(r"bad\.csv:\d+: invalid key", html.unescape(m.group(1))), "upload_bad_csv_refused_with_file_line", "%s %s" % (st, m.group(1) if m else page[:200]))
say(state() == before, "refused_uploads_change_nothing", "%s != %s" % (state(), before))
body, ct = multipart({"csrf": a_csrf}, "changed.csv", good_csv)
st, _, page = req("POST", "edit/upload/csv", body, cookie=alice, ctype=ct)
say(st == 200 and "changed.csv:" in page and "geändert" in page, "upload_csv_imports", "%s %s" % (st, page[-300:]))
con = sqlite3.connect("file:%s?mode=ro" % db, uri=True, timeout=30)
who = con.execute("SELECT editor, action FROM change ORDER BY id DESC LIMIT 1").fetchone()
con.close()
say(who and who[0] == "alice" and who[1].startswith("import"), "upload_import_recorded_with_user", who)
doc = open(data_dir + "/discovery/sample.md", "rb").read()
con = sqlite3.connect("file:%s?mode=ro" % db, uri=True, timeout=30)
n_before = con.execute("SELECT count(*) FROM candidate_evidence WHERE doc = 'bericht.md'").fetchone()[0]
con.close()
body, ct = multipart({"csrf": a_csrf}, "bericht.md", doc)
st, _, page = req("POST", "edit/upload/document", body, cookie=alice, ctype=ct)
con = sqlite3.connect("file:%s?mode=ro" % db, uri=True, timeout=30)
n_after = con.execute("SELECT count(*) FROM candidate_evidence WHERE doc = 'bericht.md'").fetchone()[0]
con.close()
say(st == 200 and n_before == 0 and n_after > 0, "upload_document_discovers", "%s %d %d %s" % (st, n_before, n_after, page[-300:]))
# Word, Writer and PDF files go through the same readers as on the command line
# (XÖV stands in a field of the DOCX, which LibreOffice's ODT and PDF keep)
for name in ("bericht.docx", "bericht-lo.odt", "bericht.pdf"):
    doc = open(data_dir + "/documents/" + name, "rb").read()
    body, ct = multipart({"csrf": a_csrf}, "upload-" + name, doc)
    st, _, page = req("POST", "edit/upload/document", body, cookie=alice, ctype=ct)
    m = re.search(r'id="result">([^<]*)<', page)
    result = html.unescape(m.group(1)) if m else page[-300:]
    say(st == 200 and m and "\tXÖV\t" in result, "upload_%s_discovers" % re.sub(r"\W", "_", name),
        "%s %s" % (st, result.replace("\n", " | ")))
# a zip bomb is refused with the reader's message, and nothing is stored
before = state()
bomb = open(data_dir + "/documents/hostile/zip-bomb.docx", "rb").read()
body, ct = multipart({"csrf": a_csrf}, "bombe.docx", bomb)
st, _, page = req("POST", "edit/upload/document", body, cookie=alice, ctype=ct)
say(st == 422 and "bombe.docx" in page and "zip bomb" in page, "upload_zip_bomb_refused_with_message",
    "%s %s" % (st, page[-300:]))
say(state() == before, "refused_zip_bomb_changes_nothing", "%s != %s" % (state(), before))
# ---- the queue in pages, filtered by kind ----
# a document with 230 acronyms nobody knows: more than one page of them
codes = ["ZQ" + a + b for a in "ABCDEFGHJK" for b in "ABCDEFGHJKLMNPQRSTUVWXYZ"][:230]
text = "".join("Der Bericht nennt %s als Beispiel.\n" % c for c in codes).encode()
body, ct = multipart({"csrf": a_csrf}, "akronyme.txt", text)
st, _, _ = req("POST", "edit/upload/document", body, cookie=alice, ctype=ct)
con = sqlite3.connect("file:%s?mode=ro" % db, uri=True, timeout=30)
n_acr = con.execute("SELECT count(*) FROM candidate WHERE kind = 'acronym' AND status = 'pending'").fetchone()[0]
n_all = con.execute("SELECT count(*) FROM candidate WHERE status = 'pending'").fetchone()[0]
con.close()
say(st == 200 and n_acr >= 230, "queue_has_more_than_a_page", "%s %d" % (st, n_acr))
st, _, page = req("GET", "edit/candidates?kind=acronym", cookie=alice)
kinds = re.findall(r'<tr id="cand-\d+"><td><a [^>]*>\d+</a> <small>([^<]*)</small>', page)
say(st == 200 and len(kinds) == 200 and set(kinds) == {"Akronym"}, "kind_filter_shows_one_page_of_that_kind",
    "%s %d %s" % (st, len(kinds), set(kinds)))
say("Akronym (%d)" % n_acr in page and "Alle (%d)" % n_all in page, "kind_filter_counts", page[page.find('<nav class="kinds"'):][:400])
say('aria-current="page">Akronym' in page, "kind_filter_marks_current")
m = re.search(r'href="([^"]*)" rel="next"', page)
say(m and html.unescape(m.group(1)).endswith("edit/candidates?kind=acronym&from=200"), "queue_links_next_page", m.group(1) if m else page[-400:])
st, _, page2 = req("GET", "edit/candidates?kind=acronym&from=200", cookie=alice)
rows2 = re.findall(r'<tr id="cand-(\d+)">', page2)
rows1 = re.findall(r'<tr id="cand-(\d+)">', page)
say(st == 200 and len(rows2) == n_acr - 200 and not set(rows1) & set(rows2), "second_page_holds_the_rest",
    "%s %d" % (st, len(rows2)))
say('rel="prev"' in page2 and 'rel="next"' not in page2 and ("Kandidaten 201–%d von %d" % (n_acr, n_acr)) in page2,
    "second_page_links_back", page2[page2.find('<nav class="pages"'):][:300])
# rejecting from a filtered page returns to that kind and page
one = rows2[0]
st, h, _ = req("POST", "edit/candidates/reject", {"csrf": a_csrf, "id": one, "kind": "acronym", "from": "200"},
               cookie=alice)
loc = h.get("location", "")
say(st == 303 and "edit/candidates?kind=acronym&from=200&done=" in loc, "reject_returns_to_kind_and_page", "%s %s" % (st, loc))
st, h, _ = req("POST", "edit/candidates/reject", {"csrf": a_csrf, "id": rows2[1], "kind": "<b>", "from": "2x"},
               cookie=alice)
loc = h.get("location", "")
say(st == 303 and "kind=" not in loc and "from=" not in loc, "reject_ignores_bad_return_fields", "%s %s" % (st, loc))
# the editor names an acronym's concept on the preview page, then accepts
acr = rows2[2]
before = state()
st, _, _ = req("POST", "edit/candidates/accept", {"csrf": a_csrf, "id": acr, "name": "Zeile\neins"}, cookie=alice)
say(st == 422 and state() == before, "accept_bad_name_422_changes_nothing", st)
st, _, prev = req("GET", "edit/candidate?id=%s&name=%s" % (acr, urllib.parse.quote("Zentrale Testagentur <b>")),
                  cookie=alice)
say(st == 200 and 'id="name" name="name" value="Zentrale Testagentur &lt;b&gt;"' in prev
    and "zentrale-testagentur-b" in prev and "<b>" not in prev.split('id="preview"')[1].split("</section>")[0],
    "preview_shows_the_editors_name", prev[prev.find('id="preview"'):][:400])
st, h, _ = req("POST", "edit/candidates/accept", {"csrf": a_csrf, "id": acr, "name": " Zentrale Testagentur "},
               cookie=alice)
con = sqlite3.connect("file:%s?mode=ro" % db, uri=True, timeout=30)
row = con.execute("SELECT group_concat(l.kind || '=' || l.text, ' ') FROM label l JOIN concept c"
                  " ON c.id = l.concept_id WHERE c.key = 'zentrale-testagentur' ORDER BY l.kind").fetchone()
con.close()
say(st == 303 and row[0] and "pref=Zentrale Testagentur" in row[0] and "abbrev=ZQ" in row[0],
    "accept_with_the_editors_name", "%s %s %s" % (st, row, h.get("location")))
for bad in ("kind=%3Cscript%3E", "kind=acronymx", "from=abc", "from=-1", "from=", "from=99999999999"):
    st, _, page = req("GET", "edit/candidates?" + bad, cookie=alice)
    say(st == 400 and "<script>" not in page, "queue_bad_parameter_400_" + re.sub(r"\W", "_", bad), st)
body, ct = multipart({"csrf": a_csrf}, "programm.exe", b"MZ")
st, _, _ = req("POST", "edit/upload/document", body, cookie=alice, ctype=ct)
say(st == 422, "upload_unknown_format_refused", st)

# ---- a disabled account's session ends at once ----
st, h, dave = login("dave")
st, _, _ = req("GET", "edit/", cookie=dave)
say(st == 200, "dave_logged_in", st)
subprocess.run([glossar, "--db", db, "user", "disable", "dave"], check=True,
               stdout=subprocess.DEVNULL)
st, h, _ = req("GET", "edit/", cookie=dave)
say(st == 303, "disabled_session_stops_at_once", st)
d_csrf_page = req("POST", "edit/comment", {"csrf": "x", "key": "ozg", "comment": "x"}, cookie=dave)
say(d_csrf_page[0] == 303, "disabled_session_cannot_write", d_csrf_page[0])
st, _, _ = login("dave")[:3]
say(st == 403, "disabled_account_cannot_log_in", st)

# ---- logout ----
st, h, _ = req("POST", "logout", {"csrf": b_csrf}, cookie=bob)
say(st == 303 and any("Max-Age=0" in c for c in h["set-cookie-all"]), "logout_clears_cookie", st)
st, _, _ = req("GET", "edit/", cookie=bob)
say(st == 303, "session_gone_after_logout", st)

# ---- throttling ----
# After 5 failures each further one waits 1, 2, 4 ... seconds; on a slow
# machine an attempt may come after its wait ran out, so guess on until one
# is slowed down, then the right password must be refused too.
seen = []
for i in range(12):
    st, h, _ = login("carol", "falsch-%d" % i)
    seen.append(st)
    if st == 429:
        break
say(seen[:5] == [403] * 5 and seen[-1] == 429 and h.get("retry-after"), "failed_logins_throttled_429", seen)
st, h, _ = login("carol")
say(st == 429, "right_password_refused_while_throttled", st)

# ---- nothing secret ever leaves the server ----
leak = [b for b in bodies if "$argon2" in b or any(s in b for s in session_ids)]
say(not leak, "no_hash_or_session_id_in_any_answer", leak[:1])
for f in ("csv", "ttl", "jsonld"):
    st, _, body = req("GET", "export." + f)
    say(st == 200 and "argon2" not in body and "alice" not in body and not any(s in body for s in session_ids), "dump_%s_has_no_accounts" % f, st)
st, _, body = req("GET", "rest/v1/glossar/data?uri=" + urllib.parse.quote("http://%s:%d%sboese" % (host, port, mount)))
say("argon2" not in body and "csrf" not in body, "api_has_no_accounts")
