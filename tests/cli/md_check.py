# md_check.py KIND FILE... - for test_export.sh, with Python-Markdown (what
# MkDocs runs; Debian's python3-markdown). Prints "ok NAME" / "FAIL NAME: why".
#   md_check.py md FILE.md          renders without any element from the data
#   md_check.py abbr FILE ABBR TITLE the abbr lines make ABBR an <abbr title=TITLE>
#   md_check.py inert FILE          every line is read as an abbreviation: none shows as text
#   md_check.py style STYLE FILE N  the --md-style deflist|table|headings output renders
#                                   as N entries (dt, table rows, h2) and only our elements
import html
import re
import sys

import markdown


def report(name, cond, why=""):
    print(("ok " if cond else "FAIL ") + name + ("" if cond else ": " + why))


kind = sys.argv[1]
if kind == "md":
    out = markdown.markdown(open(sys.argv[2], encoding="utf-8").read())
    tags = set(re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)", out))
    report("python_markdown_renders_only_our_elements", tags <= {"h1", "h2", "p", "a", "em"},
           "elements %s" % sorted(tags))
    report("python_markdown_shows_no_stray_backslash", "\\&lt;" not in out and "\\&amp;" not in out,
           out[:300])
elif kind == "style":
    style, path, n = sys.argv[2], sys.argv[3], int(sys.argv[4])
    ext = {"deflist": ["def_list"], "table": ["tables"], "headings": []}[style]
    out = markdown.markdown(open(path, encoding="utf-8").read(), extensions=ext)
    tags = re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)", out)
    allowed = {"h1", "p", "a", "em"} | {"deflist": {"dl", "dt", "dd"},
                                         "table": {"table", "thead", "tbody", "tr", "th", "td"},
                                         "headings": {"h2"}}[style]
    report("python_markdown_%s_renders_only_our_elements" % style, set(tags) <= allowed,
           "elements %s" % sorted(set(tags) - allowed))
    count = {"deflist": tags.count("dt"), "table": tags.count("tr") - 1, "headings": tags.count("h2")}[style]
    report("python_markdown_%s_has_%d_entries" % (style, n), count == n, "%d in %s" % (count, out[:300]))
elif kind == "inert":
    out = markdown.markdown("Text.\n\n" + open(sys.argv[2], encoding="utf-8").read(), extensions=["abbr"])
    report("python_markdown_reads_every_abbreviation_line", out == "<p>Text.</p>", out[:300])
else:
    text = open(sys.argv[2], encoding="utf-8").read()
    abbr, title = sys.argv[3], sys.argv[4]
    out = markdown.markdown("Text " + abbr + " Ende.\n\n" + text, extensions=["abbr"])
    want = '<abbr title="%s">%s</abbr>' % (html.escape(title, quote=True), html.escape(abbr, quote=False))
    report("python_markdown_abbr_" + re.sub(r"\W", "_", abbr), want in out, out[:300])
