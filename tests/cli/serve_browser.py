# serve_browser.py - the browser test of test_serve_browser.sh: headless
# Chromium driven by Selenium against a running `glossar serve`. Opens the
# start page, follows the A-Z index, searches a misspelling, follows a
# related link, checks the neighbourhood picture, and checks that hostile
# labels render as text and no script of theirs runs. Saves a screenshot
# of each page in OUTDIR. Prints "ok NAME" / "FAIL NAME: why" lines.
#   serve_browser.py BASE OUTDIR
import os
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

base, outdir = sys.argv[1], sys.argv[2]
os.makedirs(outdir, exist_ok=True)


def report(name, cond, why=""):
    print(("ok " if cond else "FAIL ") + name + ("" if cond else ": " + str(why)[:300]), flush=True)


opts = webdriver.ChromeOptions()
for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
          "--window-size=1200,1600", "--no-first-run", "--disable-extensions",
          "--user-data-dir=" + os.path.join(outdir, "profile")):
    opts.add_argument(a)
opts.binary_location = "/usr/bin/chromium"
opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
driver.set_page_load_timeout(20)
try:
    # a hostile label's script would set this; the CSP and escaping must stop it
    def no_script_ran():
        return driver.execute_script("return window.__pwned === undefined && document.querySelectorAll('img[src=x]').length === 0")

    driver.get(base)
    driver.save_screenshot(os.path.join(outdir, "1-start.png"))
    report("browser_start_page_title", "Glossar Verwaltungsdigitalisierung" in driver.title, driver.title)
    report("browser_start_page_no_script_from_labels", no_script_ran())
    hostile = [e.text for e in driver.find_elements(By.CSS_SELECTOR, "section li a") if "onerror" in e.text]
    report("browser_hostile_label_is_text", hostile == ["<img src=x onerror=alert(1)>"], hostile)

    # A-Z index: the letter O jumps to its section, which lists the OZG
    driver.find_element(By.CSS_SELECTOR, 'nav.az a[href="#buchstabe-O"]').click()
    report("browser_az_jumps_to_letter", driver.current_url.endswith("#buchstabe-O"), driver.current_url)
    section_o = driver.find_element(By.ID, "buchstabe-O").find_element(By.XPATH, "following-sibling::ul[1]")
    link = section_o.find_element(By.LINK_TEXT, "Onlinezugangsgesetz")
    link.click()
    driver.save_screenshot(os.path.join(outdir, "2-concept-ozg.png"))
    report("browser_follows_index_to_concept", driver.find_element(By.TAG_NAME, "h1").text.startswith("Onlinezugangsgesetz"),
           driver.find_element(By.TAG_NAME, "h1").text)
    img = driver.find_element(By.CSS_SELECTOR, 'figure img[src$="ozg.svg"]')
    loaded = driver.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0", img)
    report("browser_neighbourhood_svg_shown", loaded, img.get_attribute("src"))

    # search a misspelling with the keyboard
    box = driver.find_element(By.ID, "q")
    box.clear()
    box.send_keys("Registermoderniserung")
    box.send_keys(Keys.ENTER)
    driver.save_screenshot(os.path.join(outdir, "3-search.png"))
    first = driver.find_element(By.CSS_SELECTOR, "ol.hits li a")
    report("browser_search_forgives_misspelling", first.text == "Registermodernisierung", first.text)
    first.click()

    # follow a related link
    rel = driver.find_elements(By.CSS_SELECTOR, 'a[rel="related"]')
    report("browser_concept_has_related_links", len(rel) > 0, driver.current_url)
    if rel:
        target = rel[0].text
        rel[0].click()
        driver.save_screenshot(os.path.join(outdir, "4-related.png"))
        report("browser_follows_related_link", driver.find_element(By.TAG_NAME, "h1").text.startswith(target),
               (target, driver.find_element(By.TAG_NAME, "h1").text))

    # the hostile concept: labels and definition as text, no script ran
    driver.get(base + "xss")
    driver.save_screenshot(os.path.join(outdir, "5-hostile.png"))
    h1 = driver.find_element(By.TAG_NAME, "h1").text
    report("browser_hostile_heading_is_text", h1.startswith("<img src=x onerror=alert(1)>"), h1)
    body = driver.find_element(By.TAG_NAME, "body").text
    report("browser_hostile_definition_is_text", "</script><script>alert(1)</script>" in body, body[:300])
    report("browser_hostile_page_no_script_ran", no_script_ran())
    try:
        alert = driver.switch_to.alert
        report("browser_no_alert", False, alert.text)
    except Exception:
        report("browser_no_alert", True)
    driver.get(base + "search?q=%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E")
    driver.save_screenshot(os.path.join(outdir, "6-hostile-search.png"))
    report("browser_hostile_query_no_script_ran", no_script_ran())

    # autocomplete (progressive enhancement): the datalist fills from api/suggest
    driver.get(base)
    box = driver.find_element(By.ID, "q")
    box.send_keys("Registermod")
    import time
    for _ in range(30):
        opts_ = driver.execute_script("return Array.from(document.querySelectorAll('#vorschlaege option')).map(o => o.value)")
        if opts_:
            break
        time.sleep(0.1)
    report("browser_autocomplete_suggests", "Registermodernisierung" in opts_, opts_)
    errors = [l for l in driver.get_log("browser") if l["level"] == "SEVERE" and "favicon" not in l["message"]]
    report("browser_no_console_errors", not errors, errors[:3])
finally:
    driver.quit()
