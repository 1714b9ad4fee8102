# serve_check.py - HTTP checks for test_serve.sh against a running
# `glossar serve` (Debian's /usr/bin/python3: http.client, rdflib).
# Prints one "ok NAME" or "FAIL NAME: why" line per check.
#   serve_check.py HOST PORT MOUNT BASE GLOSSAR DB FULL_TTL
import http.client
import json
import re
import socket
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

host, port, mount, base, glossar, db, full_ttl = sys.argv[1:8]
port = int(port)


def report(name, cond, why=""):
    print(("ok " if cond else "FAIL ") + name + ("" if cond else ": " + str(why)[:300]))


def req(path, method="GET", headers=None, body=None, raw=False):
    c = http.client.HTTPConnection(host, port, timeout=10)
    if raw:
        c.putrequest(method, path, skip_accept_encoding=True)
        for k, v in (headers or {}).items():
            c.putheader(k, v)
        c.endheaders(body)
    else:
        c.request(method, path, body=body, headers=headers or {})
    r = c.getresponse()
    data = r.read()
    c.close()
    return r.status, {k.lower(): v for k, v in r.getheaders()}, data


M = mount  # e.g. /glossar/

# ---- start page ----
st, h, b = req(M)
page = b.decode()
report("start_page_200_html", st == 200 and h.get("content-type", "").startswith("text/html"), st)
report("start_page_has_title_and_counts",
       "Glossar Verwaltungsdigitalisierung" in page and "Begriffe nach Typ" in page
       and "Begriffe nach Status" in page, page[:200])
report("csp_without_inline_script", "script-src 'self'" in h.get("content-security-policy", "")
       and "unsafe-inline" not in h.get("content-security-policy", ""), h.get("content-security-policy"))
report("nosniff_header", h.get("x-content-type-options") == "nosniff", h)
report("cors_for_get", h.get("access-control-allow-origin") == "*", h)
letters = re.findall(r'<li><a href="#buchstabe-[^"]+">([^<]+)</a></li>', page)
az = [l for l in letters if l != "#"]
report("az_index_letters_in_order", len(az) > 10 and az == sorted(az), letters)
sec_a = page.split('id="buchstabe-A"')[1].split("<h3")[0] if 'id="buchstabe-A"' in page else ""
report("umlaut_label_filed_under_its_letter", "Äpfel-Kind" in sec_a, sec_a[:200])
labels_a = re.findall(r'<li><a href="[^"]+">([^<]+)</a>', sec_a)
report("az_section_in_din5007_order", labels_a.index("Äpfel-Kind") > 0 if "Äpfel-Kind" in labels_a else False, labels_a[:8])
ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
try:
    j = json.loads(ld.group(1))
    report("start_page_defined_term_set", j["@type"] == "DefinedTermSet" and len(j["hasDefinedTerm"]) > 150
           and "<" not in ld.group(1), j["@type"])
except Exception as e:
    report("start_page_defined_term_set", False, e)
report("start_page_has_chart", 'chart.svg' in page, "")
st, h, b = req(M + "chart.svg")
try:
    ET.fromstring(b)
    okx = True
except Exception as e:
    okx = e
report("chart_svg_is_xml", st == 200 and h["content-type"] == "image/svg+xml" and okx is True, okx)
report("chart_lists_most_mentioned", b"Onlinezugangsgesetz" in b, b[:200])

# ---- concept page ----
st, h, b = req(M + "ozg")
page = b.decode()
report("concept_page_200_html", st == 200 and h["content-type"].startswith("text/html"), st)
report("concept_page_vary_accept", h.get("vary") == "Accept", h.get("vary"))
report("concept_page_etag_and_last_modified", "etag" in h and "last-modified" in h, h)
report("concept_page_fields", "<h1>Onlinezugangsgesetz" in page and "OZG" in page and "Definition" in page
       and 'href="https://www.gesetze-im-internet.de/ozg/' in page, page[:300])
report("concept_page_found_in_documents", "mentions.md" in page and "Gefunden in" in page, "")
report("concept_page_neighbourhood_picture", 'src="%sozg.svg"' % M in page, "")
ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
try:
    j = json.loads(ld.group(1))
    report("concept_page_defined_term_jsonld", j["@type"] == "DefinedTerm" and j["name"] == "Onlinezugangsgesetz"
           and j["@id"] == base + "ozg", j)
except Exception as e:
    report("concept_page_defined_term_jsonld", False, e)
st, h, b = req(M + "ozg.svg")
report("neighbourhood_svg_from_graphviz", st == 200 and h["content-type"] == "image/svg+xml"
       and b"<svg" in b and b"Onlinezugangsgesetz" in b, b[:200])
etag_html = h.get("etag")
st, h, b = req(M + "ozg", method="HEAD")
report("head_has_no_body", st == 200 and b == b"", (st, len(b)))

# ---- content negotiation ----
import rdflib
from rdflib.compare import isomorphic

full = rdflib.Graph().parse(full_ttl, format="turtle")
fmts = {"text/turtle": "turtle", "application/ld+json": "json-ld", "application/rdf+xml": "xml"}
for key in ("ozg", "xss", "tex", "kind", "alt", "it-planungsrat"):
    sub = rdflib.Graph()
    for t in full.triples((rdflib.URIRef(base + key), None, None)):
        sub.add(t)
    for mt, f in fmts.items():
        st, h, b = req(M + key, headers={"Accept": mt})
        okct = st == 200 and h["content-type"].startswith(mt) and h.get("vary") == "Accept"
        try:
            g = rdflib.Graph().parse(data=b, format=f)
            iso = isomorphic(g, sub) and len(sub) > 3
            why = "%d vs %d triples" % (len(g), len(sub))
        except Exception as e:
            iso, why = False, e
        report("conneg_%s_%s_isomorphic_to_export_subgraph" % (key.replace("-", "_"), f.replace("-", "")),
               okct and iso, (st, h.get("content-type"), why))
for suffix, mt in ((".ttl", "text/turtle"), (".jsonld", "application/ld+json"), (".rdf", "application/rdf+xml")):
    st, h, b = req(M + "ozg" + suffix)
    report("suffix_%s_gives_%s" % (suffix[1:], mt.split("/")[1].replace("+", "_")),
           st == 200 and h["content-type"].startswith(mt), (st, h.get("content-type")))
for fmt, mt in (("ttl", "text/turtle"), ("jsonld", "application/ld+json"), ("rdfxml", "application/rdf+xml"),
                ("html", "text/html")):
    st, h, b = req(M + "ozg?format=" + fmt)
    report("format_param_%s" % fmt, st == 200 and h["content-type"].startswith(mt), (st, h.get("content-type")))
st, h, b = req(M + "ozg", headers={"Accept": "text/turtle;q=0.5, application/rdf+xml"})
report("conneg_q_values", h["content-type"].startswith("application/rdf+xml"), h["content-type"])
st, h, b = req(M + "ozg", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
report("conneg_browser_gets_html", h["content-type"].startswith("text/html"), h["content-type"])
st, h, b = req(M + "ozg", headers={"Accept": "image/png"})
report("conneg_unacceptable_406", st == 406, st)
st, h, b = req(M + "ozg?format=pdf")
report("format_param_unknown_400", st == 400, st)

# ---- conditional requests ----
st, h, b = req(M + "ozg", headers={"If-None-Match": etag_html.replace("svg", "html")})
st0, h0, _ = req(M + "ozg")
st, h, b = req(M + "ozg", headers={"If-None-Match": h0["etag"]})
report("if_none_match_304", st == 304 and b == b"" and h.get("etag") == h0["etag"], (st, h.get("etag")))
st, h, b = req(M + "ozg", headers={"If-None-Match": '"other"'})
report("if_none_match_other_200", st == 200, st)
st, h, b = req(M + "ozg", headers={"If-Modified-Since": h0["last-modified"]})
report("if_modified_since_304", st == 304, st)
st, h, b = req(M + "ozg", headers={"If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"})
report("if_modified_since_older_200", st == 200, st)
st, h1, b = req(M + "ozg", headers={"Accept": "text/turtle"})
report("etag_differs_per_representation", h1["etag"] != h0["etag"], (h1["etag"], h0["etag"]))
st, h, b = req(M + "rest/v1/glossar/topConcepts", headers={"If-None-Match": req(M + "rest/v1/glossar/topConcepts")[1]["etag"]})
report("api_304", st == 304, st)

# ---- 404 with suggestions ----
st, h, b = req(M + "ozgg")
report("unknown_key_404_with_suggestion", st == 404 and "Meinten Sie" in b.decode() and 'href="%sozg"' % M in b.decode(), st)
st, h, b = req(M + "registermoderniserung")
report("misspelt_key_suggests_concept", st == 404 and 'href="%sregistermodernisierung"' % M in b.decode(), b[-600:])
st, h, b = req(M + "gibt/es/nicht")
report("deep_unknown_path_404", st == 404, st)
st, h, b = req("/")
report("outside_mount_404", st == 404, st)

# ---- search ----
for q, key in (("Registermoderniserung", "registermodernisierung"), ("ET-Planungsrat", "it-planungsrat"),
               ("Onlinezugangsgesez", "ozg"), ("Fitko", "fitko")):
    st, h, b = req(M + "search?q=" + q)
    hits = re.findall(r'<li><a href="%s([^"]+)">' % re.escape(M), b.decode())
    report("search_finds_%s" % q.replace("-", "_"), st == 200 and hits[:1] == [key], hits[:3])
st, h, b = req(M + "search?q=OZG")
hits = re.findall(r'<li><a href="%s([^"]+)">' % re.escape(M), b.decode())
report("search_exact_hit_first", hits[:1] == ["ozg"], hits[:3])
st, h, b = req(M + "search?q=Xss-Tippfehler")
hits_html = b.decode().split('<ol class="hits">')[-1].split("</ol>")[0]
report("search_finds_by_hidden_label_without_showing_it", 'href="%sxss"' % M in hits_html
       and "Tippfehler" not in hits_html, hits_html[:300])
st, h, b = req(M + "xss")
report("hidden_label_never_on_page", b"Tippfehler" not in b, "")
st, h, b = req(M + "api/suggest?q=regist")
try:
    s = json.loads(b)
    report("suggest_json", st == 200 and any(x["key"] == "registermodernisierung" for x in s), s[:3])
except Exception as e:
    report("suggest_json", False, e)
st, h, b = req(M + "search?q=%3Cscript%3Ealert(1)%3C/script%3E")
report("search_query_escaped", st == 200 and b"<script>alert" not in b and b"&lt;script&gt;alert(1)" in b, "")

# ---- deprecated ----
st, h, b = req(M + "kind")
report("deprecated_page_links_replacement", b"Veralteter Begriff" in b and ('href="%sxss" rel="successor-version"' % M).encode() in b, b[:100])

# ---- hostile strings ----
st, h, b = req(M + "xss")
p = b.decode()
report("hostile_label_escaped_in_page", "<img src=x" not in p and "&lt;img src=x onerror=alert(1)&gt;" in p, "")
report("hostile_definition_escaped", "</script><script>alert(1)" not in p.split('application/ld+json">')[0]
       and "&lt;/script&gt;&lt;script&gt;alert(1)" in p, "")
ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', p, re.S)
report("hostile_jsonld_stays_inside_script", ld is not None and "<" not in ld.group(1), ld.group(1)[:200] if ld else "")
report("hostile_source_url_escaped", 'href="https://example.org/a?b=1&amp;c=&lt;x&gt;#frag &quot;q&quot;"' in p, "")
st, h, b = req(M + "tex")
report("javascript_url_not_a_link", b'href="javascript' not in b, "")
st, h, b = req(M)
report("hostile_on_start_page_escaped", b"<img src=x" not in b and b"&lt;img src=x" in b, "")
st, h, b = req(M + "rest/v1/glossar/label?uri=" + base + "xss")
try:
    j = json.loads(b)
    report("hostile_in_api_json_roundtrips", j["prefLabel"] == "<img src=x onerror=alert(1)>"
           and "Xss-Tippfehler" not in b.decode(), j)
except Exception as e:
    report("hostile_in_api_json_roundtrips", False, e)
st, h, b = req(M + "xss.svg")
try:
    ET.fromstring(b)
    report("hostile_in_neighbourhood_svg_is_xml_text", b"<img" not in b, "")
except Exception as e:
    report("hostile_in_neighbourhood_svg_is_xml_text", False, e)

# ---- Skosmos REST subset ----
R = M + "rest/v1/glossar/"
def jget(path):
    st, h, b = req(path)
    try:
        return st, h, json.loads(b)
    except Exception:
        return st, h, None
st, h, j = jget(R + "search?query=onlinezug*&lang=de")
report("skosmos_search_shape", st == 200 and j and j["uri"] == "" and "@context" in j
       and j["results"][0]["uri"] == base + "ozg" and j["results"][0]["localname"] == "ozg"
       and j["results"][0]["vocab"] == "glossar" and j["results"][0]["type"] == ["skos:Concept"]
       and j["results"][0]["lang"] == "de", j)
st, h, j = jget(M + "rest/v1/search?query=ozg&vocab=glossar")
report("skosmos_global_search", st == 200 and j["results"][0]["localname"] == "ozg", j)
st, h, j = jget(R + "search")
report("skosmos_search_without_query_400", st == 400, st)
st, h, j = jget(R + "label?uri=" + base + "ozg&lang=de")
report("skosmos_label_shape", st == 200 and j["uri"] == base + "ozg" and j["prefLabel"] == "Onlinezugangsgesetz"
       and "OZG" in j.get("altLabel", []), j)
st, h, j = jget(R + "label?uri=" + base + "nope")
report("skosmos_label_unknown_404", st == 404, st)
st, h, j = jget(R + "label")
report("skosmos_label_without_uri_400", st == 400, st)
st, h, j = jget(R + "broader?uri=" + base + "kind")
report("skosmos_broader_shape", st == 200 and j["uri"] == base + "kind"
       and j["broader"] == [{"uri": base + "xss", "prefLabel": "<img src=x onerror=alert(1)>"}], j)
st, h, j = jget(R + "narrower?uri=" + base + "xss")
report("skosmos_narrower_shape", st == 200 and {"uri": base + "kind", "prefLabel": "Äpfel-Kind"} in j["narrower"], j)
st, h, j = jget(R + "related?uri=" + base + "xss")
report("skosmos_related_both_directions", st == 200 and any(x["uri"] == base + "tex" for x in j["related"]), j)
st, h, j = jget(R + "topConcepts?lang=de")
report("skosmos_topconcepts_shape", st == 200 and j["uri"] == base and all(
    set(x) >= {"uri", "label", "hasChildren", "topConceptOf"} for x in j["topconcepts"])
    and any(x["uri"] == base + "xss" and x["hasChildren"] is True for x in j["topconcepts"])
    and not any(x["uri"] == base + "kind" for x in j["topconcepts"]), str(j)[:300])
st, h, j = jget(R + "index/")
report("skosmos_index_letters", st == 200 and "A" in j["indexLetters"] and "O" in j["indexLetters"], j)
st, h, j = jget(R + "index/A")
report("skosmos_index_concepts_shape", st == 200 and any(x["localname"] == "kind" and x["prefLabel"] == "Äpfel-Kind"
       for x in j["indexConcepts"]) and all(set(x) >= {"uri", "localname", "prefLabel", "lang"} for x in j["indexConcepts"]), str(j)[:300])
st, h, b = req(R + "data?uri=" + base + "ozg&format=text/turtle")
try:
    g = rdflib.Graph().parse(data=b, format="turtle")
    sub = rdflib.Graph()
    for t in full.triples((rdflib.URIRef(base + "ozg"), None, None)):
        sub.add(t)
    report("skosmos_data_concept_turtle", st == 200 and isomorphic(g, sub), len(g))
except Exception as e:
    report("skosmos_data_concept_turtle", False, e)
st, h, b = req(R + "data?format=application/ld%2Bjson")
try:
    g = rdflib.Graph().parse(data=b, format="json-ld")
    report("skosmos_data_whole_vocabulary", st == 200 and isomorphic(g, full), "%d vs %d" % (len(g), len(full)))
except Exception as e:
    report("skosmos_data_whole_vocabulary", False, e)
st, h, j = jget(M + "rest/v1/vocabularies?lang=de")
report("skosmos_vocabularies", st == 200 and j["vocabularies"][0]["id"] == "glossar", j)
st, h, j = jget(M + "rest/v1/andere/topConcepts")
report("skosmos_unknown_vocabulary_404", st == 404, st)

# ---- dumps ----
for ext, mt in (("ttl", "text/turtle"), ("rdf", "application/rdf+xml"), ("jsonld", "application/ld+json"),
                ("csv", "text/csv"), ("tbx", "application/x-tbx+xml"), ("md", "text/markdown"),
                ("html", "text/html"), ("latex", "application/x-latex"), ("docbook", "application/docbook+xml"),
                ("mkdocs", "text/markdown"), ("dot", "text/vnd.graphviz"), ("svg", "image/svg+xml")):
    st, h, b = req(M + "export." + ext)
    report("dump_%s" % ext, st == 200 and h["content-type"].startswith(mt) and len(b) > 100, (st, h.get("content-type")))
st, h, b = req(M + "export.ttl")
report("dump_ttl_equals_cli_export", b == open(full_ttl, "rb").read(), len(b))
st, h, b = req(M + "export.pdf")
report("dump_unknown_format_404", st == 404, st)

# ---- term tagging ----
doc = "Das Onlinezugangsgesetz (OZG) und die FITKO.\nZweite Zeile: Registermodernisierung."
st, h, b = req(M + "api/extract", "POST", {"Content-Type": "text/plain; charset=utf-8"}, doc.encode())
try:
    j = json.loads(b)
    cli = [json.loads(l) for l in subprocess.run([glossar, "--db", db, "extract", "-"], input=doc.encode(),
                                                  capture_output=True).stdout.decode().splitlines()]
    report("api_extract_text_matches_cli", st == 200 and [(m["concept"], m["start"], m["end"], m["line"], m["col"]) for m in j]
           == [(m["concept"], m["start"], m["end"], m["line"], m["col"]) for m in cli] and len(j) == 4, (j, cli))
except Exception as e:
    report("api_extract_text_matches_cli", False, (e, b[:200]))
st, h, b = req(M + "api/extract?format=jsonl", "POST", {"Content-Type": "text/html"},
               b"<html><body><p>Die <b>FITKO</b> &amp; das OZG</p></body></html>")
lines = [json.loads(l) for l in b.decode().splitlines()]
report("api_extract_html_jsonl", st == 200 and [m["concept"] for m in lines] == ["fitko", "ozg"], b[:300])
st, h, b = req(M + "api/extract", "POST", {"Content-Type": "text/markdown"}, b"# OZG\n\n*Registermodernisierung*")
report("api_extract_markdown", st == 200 and [m["concept"] for m in json.loads(b)] == ["ozg", "registermodernisierung"], b[:300])
st, h, b = req(M + "api/extract?fuzzy=1", "POST", {"Content-Type": "text/plain"}, b"Die Registermodernisirung kommt.")
report("api_extract_fuzzy", st == 200 and [(m["method"], m["concept"], m["score"]) for m in json.loads(b)] == [("fuzzy", "registermodernisierung", 0.9)], b[:300])
st, h, b = req(M + "api/extract", "POST", {"Content-Type": "application/pdf"}, b"%PDF")
report("api_extract_unsupported_type_415", st == 415, st)
st, h, b = req(M + "api/extract", "POST", {"Content-Type": "text/plain; charset=latin-1"}, b"OZG")
report("api_extract_other_charset_415", st == 415, st)
st, h, b = req(M + "api/extract")
report("api_extract_get_405", st == 405 and h.get("allow") == "POST", (st, h.get("allow")))
st, h, b = req(M + "api/appendix?format=md", "POST", {"Content-Type": "text/plain"}, doc.encode())
report("api_appendix_md", st == 200 and h["content-type"].startswith("text/markdown") and b"Onlinezugangsgesetz" in b
       and b"FITKO" in b, b[:200])
st, h, b = req(M + "api/appendix?format=html", "POST", {"Content-Type": "text/plain"}, doc.encode())
report("api_appendix_html", st == 200 and b"<html" in b and b"Onlinezugangsgesetz" in b, b[:200])
st, h, b = req(M + "api/appendix?format=pdf", "POST", {"Content-Type": "text/plain"}, doc.encode())
report("api_appendix_unknown_format_400", st == 400, st)
st, h, b = req(M + "api/appendix?format=html&lang=en", "POST", {"Content-Type": "text/plain"}, doc.encode())
report("api_appendix_lang_en", st == 200 and b'<html lang="en">' in b and b"<h1>Glossary</h1>" in b, b[:200])
st, h, b = req(M + "api/appendix?format=md&lang=fr", "POST", {"Content-Type": "text/plain"}, doc.encode())
report("api_appendix_unknown_lang_400", st == 400, st)

# ---- limits and bad requests ----
s = socket.create_connection((host, port), timeout=5)
s.sendall(("POST %sapi/extract HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 5000000\r\n\r\n" % M).encode())
resp = s.recv(4096)
s.close()
report("body_over_limit_413_before_it_is_sent", resp.startswith(b"HTTP/1.1 413"), resp[:60])
big = b"OZG " * 30000  # 120 kB, over the test server's 100 kB limit
st, h, b = req(M + "api/extract", "POST", {"Content-Type": "text/plain"}, big)
report("body_over_limit_413", st == 413, st)
for name, path in (("encoded_slash", M + "a%2Fb"), ("nul", M + "ozg%00"), ("dot_dot", M + "../etc/passwd"),
                   ("encoded_dot_dot", M + "%2e%2e/etc/passwd"), ("overlong_utf8_query", M + "search?q=%C0%AF"),
                   ("invalid_utf8_query", M + "search?q=%FF%FE"), ("invalid_utf8_path", M + "%C3%28"),
                   ("bad_escape", M + "search?q=%zz"), ("surrogate_utf8", M + "search?q=%ED%A0%80"),
                   ("nul_in_query", M + "search?q=a%00b"), ("backslash", M + "a%5C..%5Cb")):
    st, h, b = req(path, raw=True)
    report("bad_request_400_%s" % name, st == 400, st)
st, h, b = req(M + "ozg", "DELETE")
report("other_method_405", st == 405, st)
st, h, b = req(M + "ozg", "OPTIONS")
report("options_preflight", st == 204 and "GET" in h.get("access-control-allow-methods", ""), (st, h))

# ---- a change on the command line shows on the next request ----
st0, h0, b0 = req(M + "ozg")
r = subprocess.run([glossar, "--db", db, "term", "alias", "ozg", "Online-Zugangs-Gesetz (neu)"], capture_output=True)
st, h, b = req(M + "ozg")
report("cli_change_visible_on_next_request", r.returncode == 0 and b"Online-Zugangs-Gesetz (neu)" in b
       and h["etag"] != h0["etag"], (r.returncode, r.stderr[:200]))
st, h, b = req(M + "ozg", headers={"If-None-Match": h0["etag"]})
report("old_etag_no_longer_matches", st == 200, st)

# ---- timeouts and the connection limit (the test server: --timeout 2, --max-connections 16) ----
s = socket.create_connection((host, port), timeout=10)
t0 = time.time()
try:
    got = s.recv(1)
except OSError:
    got = b""
elapsed = time.time() - t0
s.close()
report("idle_connection_closed_after_timeout", got == b"" and 1 <= elapsed <= 8, (got, elapsed))
idle = [socket.create_connection((host, port), timeout=5) for _ in range(16)]
time.sleep(0.3)
try:
    c = http.client.HTTPConnection(host, port, timeout=1)
    c.request("GET", M + "ozg")
    c.getresponse().read()
    refused = False
except (OSError, http.client.HTTPException):
    refused = True  # not answered while 16 connections are held
report("connection_limit_holds_the_next_back", refused, "a 17th connection was served at once")
for s in idle:
    s.close()
time.sleep(0.5)
st, h, b = req(M + "ozg")
report("served_again_after_idle_connections_go", st == 200, st)
