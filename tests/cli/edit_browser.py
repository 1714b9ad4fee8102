# edit_browser.py - the browser test of test_edit_browser.sh: the whole
# review cycle in headless Chromium (Selenium), in two browser sessions.
# An editor logs in, creates a concept with definition and source and sends
# it to review; a reviewer logs in, sees the diff, comments and approves; the
# history shows both names; undo works; both edit the same concept at once
# and the second save is refused with the diff, keeping what was typed.
# Hostile text typed into the fields renders as text, no script runs.
# Screenshots of each page go to OUTDIR. Prints "ok NAME" / "FAIL NAME: why".
#   edit_browser.py BASE OUTDIR SAMPLE-DOCUMENT
import os
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.support.ui import WebDriverWait

base, outdir, sample = sys.argv[1], sys.argv[2], sys.argv[3]
os.makedirs(outdir, exist_ok=True)
PW = "Geheimes-Passwort-1"
HOSTILE = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'


def report(name, cond, why=""):
    print(("ok " if cond else "FAIL ") + name + ("" if cond else ": " + str(why)[:300]), flush=True)


def browser(profile):
    opts = webdriver.ChromeOptions()
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
              "--window-size=1200,1800", "--no-first-run", "--disable-extensions",
              "--user-data-dir=" + os.path.join(outdir, profile)):
        opts.add_argument(a)
    opts.binary_location = "/usr/bin/chromium"
    d = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
    d.set_page_load_timeout(30)
    return d


def submit(d, elem):
    """Clicks a submit button and waits until the next page has replaced this one."""
    old = d.find_element(By.TAG_NAME, "html")
    elem.click()

    def gone(_):
        # Chromium reports a replaced page either as a stale element or as a
        # node that "does not belong to the document"
        try:
            old.is_enabled()
            return False
        except WebDriverException:
            return True

    WebDriverWait(d, 30).until(gone)


def shot(d, name):
    d.save_screenshot(os.path.join(outdir, name + ".png"))


def no_script_ran(d):
    return d.execute_script(
        "return window.__pwned === undefined && document.querySelectorAll('img[src=x]').length === 0")


def login(d, name):
    d.get(base + "edit/")
    report("%s_sent_to_login" % name, "/login" in d.current_url, d.current_url)
    d.find_element(By.ID, "name").send_keys(name)
    d.find_element(By.ID, "password").send_keys(PW)
    submit(d, d.find_element(By.ID, "login"))
    report("%s_logged_in" % name, d.find_element(By.ID, "user").text == name, d.title)


def status(d):
    """The concept's status code; the page shows its German name."""
    return d.find_element(By.ID, "status").get_attribute("data-status")


def set_text(d, elem_id, text):
    e = d.find_element(By.ID, elem_id)
    e.clear()
    e.send_keys(text)


alice = browser("profile-alice")
bob = browser("profile-bob")
try:
    # --- the editor creates a concept and sends it to review ---
    alice.get(base + "login")
    shot(alice, "01-login")
    login(alice, "alice")
    shot(alice, "02-desk-editor")
    alice.get(base + "edit/concept")
    set_text(alice, "key", "pilotbegriff")
    set_text(alice, "pref_label", "Pilotbegriff " + HOSTILE)
    alice.find_element(By.ID, "add-alt_labels").send_keys("Pilot-Begriff")
    alice.find_element(By.ID, "add-abbreviations").send_keys("PB")
    set_text(alice, "definition", "Ein Begriff für den Pilotbetrieb der Redaktion. " + HOSTILE)
    set_text(alice, "source", "Handbuch der Redaktion")
    set_text(alice, "source_url", "https://example.org/handbuch")
    alice.find_element(By.ID, "add-related").send_keys("ozg")
    shot(alice, "03-new-concept-form")
    submit(alice, alice.find_element(By.ID, "save"))
    report("editor_saved_concept", "edit/review" in alice.current_url and status(alice) == "draft",
           alice.current_url)
    report("hostile_label_is_text", HOSTILE in alice.find_element(By.TAG_NAME, "h1").text)
    report("no_script_ran_review_page", no_script_ran(alice))
    shot(alice, "04-review-page-draft")
    alice.find_element(By.ID, "submit-comment").send_keys("Bitte prüfen.")
    submit(alice, alice.find_element(By.ID, "submit-review"))
    report("editor_sent_to_review", status(alice) == "review", status(alice))
    report("editor_sees_no_approve_button", not alice.find_elements(By.ID, "approve"))

    # --- the reviewer sees the diff, comments and approves ---
    login(bob, "bob")
    waiting = bob.find_element(By.ID, "pruefen").find_element(By.XPATH, "..").text
    report("reviewer_sees_it_waiting", "pilotbegriff" in waiting, waiting)
    shot(bob, "05-desk-reviewer")
    bob.get(base + "edit/review?key=pilotbegriff")
    rows = [r.get_attribute("data-field") for r in bob.find_elements(By.CSS_SELECTOR, "table.diff tr[data-field]")]
    report("reviewer_sees_field_diff", "definition" in rows and "source_url" in rows, rows)
    report("reviewer_sees_editor_comment", "Bitte prüfen." in bob.find_element(By.ID, "thread").text)
    report("no_script_ran_reviewer_page", no_script_ran(bob))
    shot(bob, "06-review-diff")
    bob.find_element(By.ID, "comment").send_keys("Quelle geprüft. " + HOSTILE)
    submit(bob, bob.find_element(By.ID, "add-comment"))
    report("reviewer_commented", "Quelle geprüft." in bob.find_element(By.ID, "thread").text)
    report("hostile_comment_is_text", HOSTILE in bob.find_element(By.ID, "thread").text)
    report("no_script_ran_comment", no_script_ran(bob))
    bob.find_element(By.ID, "review-comment").send_keys("Freigegeben.")
    submit(bob, bob.find_element(By.ID, "approve"))
    report("reviewer_approved", status(bob) == "approved", status(bob))
    shot(bob, "07-approved")

    # --- the history shows both, undo works ---
    alice.get(base + "edit/history?key=pilotbegriff")
    who = [w.text for w in alice.find_elements(By.CSS_SELECTOR, ".change .who")]
    report("history_shows_both_names", "alice" in who and "bob" in who, who)
    report("no_script_ran_history", no_script_ran(alice))
    shot(alice, "08-history")
    submit(alice, alice.find_elements(By.CSS_SELECTOR, "button.undo")[0])  # the newest: the approval
    report("undo_done", "rückgängig" in alice.find_element(By.ID, "done").text)
    first = alice.find_elements(By.CSS_SELECTOR, ".change h3")[0].text
    report("undo_recorded_with_name", "alice" in first and "undo" in first, first)
    shot(alice, "09-history-after-undo")
    alice.get(base + "edit/review?key=pilotbegriff")
    report("undo_restored_review_status", status(alice) == "review", status(alice))

    # --- two sessions edit the same concept: nothing is lost ---
    alice.get(base + "edit/concept?key=pilotbegriff")
    bob.get(base + "edit/concept?key=pilotbegriff")
    set_text(alice, "definition", "Fassung von Alice.")
    set_text(bob, "definition", "Fassung von Bob.")
    submit(alice, alice.find_element(By.ID, "save"))
    report("first_save_accepted", "edit/review" in alice.current_url, alice.current_url)
    submit(bob, bob.find_element(By.ID, "save"))
    conflict = bob.find_elements(By.ID, "conflict")
    report("second_save_refused_with_conflict", bool(conflict), bob.title)
    if conflict:
        report("conflict_shows_other_change", "Fassung von Alice." in conflict[0].text, conflict[0].text)
    report("conflict_keeps_typed_text",
           bob.find_element(By.ID, "definition").get_attribute("value") == "Fassung von Bob.")
    shot(bob, "10-conflict")
    # Bob decides to keep his text: the form now carries the current version
    submit(bob, bob.find_element(By.ID, "save"))
    report("resave_after_conflict_accepted", "edit/review" in bob.current_url, bob.current_url)
    bob.get(base + "edit/history?key=pilotbegriff")
    text = bob.find_element(By.TAG_NAME, "main").text
    report("both_versions_in_history", "Fassung von Alice." in text and "Fassung von Bob." in text)
    shot(bob, "11-history-both-edits")
    # the public page shows the concept and runs no script either
    bob.get(base + "pilotbegriff")
    report("public_page_no_script", no_script_ran(bob))
    shot(bob, "12-public-page")
    # upload a document for discovery, then the candidates queue
    alice.get(base + "edit/upload")
    shot(alice, "13-upload")
    alice.find_element(By.ID, "doc-file").send_keys(os.path.abspath(sample))
    submit(alice, alice.find_element(By.ID, "discover"))
    report("document_uploaded_and_discovered", "Ausgewertet" in alice.find_element(By.TAG_NAME, "h1").text,
           alice.find_element(By.TAG_NAME, "main").text[:300])
    alice.get(base + "edit/candidates")
    report("candidates_from_upload_listed", len(alice.find_elements(By.CSS_SELECTOR, "tr[id^=cand-]")) > 0)
    # the queue fits the window: every row's buttons can be seen and clicked
    widths = alice.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
    report("candidates_fit_the_window", widths[0] <= widths[1], widths)
    buttons = alice.find_elements(By.CSS_SELECTOR, "tr[id^=cand-] button")
    report("candidates_buttons_inside_the_window",
           buttons and all(b.rect["x"] + b.rect["width"] <= widths[1] for b in buttons),
           [(b.text, b.rect) for b in buttons[:2]])
    shot(alice, "14-candidates")
    alice.set_window_size(420, 900)
    widths = alice.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
    report("candidates_fit_a_phone", widths[0] <= widths[1], widths)
    shot(alice, "15-candidates-narrow")
    alice.set_window_size(1200, 1800)
    submit(alice, alice.find_element(By.ID, "logout"))
    alice.get(base + "edit/")
    report("logged_out", "/login" in alice.current_url, alice.current_url)
finally:
    alice.quit()
    bob.quit()
