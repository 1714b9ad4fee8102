# html_check.py FILE.html - for test_export.sh: the page parses with Python's
# html.parser, its elements nest and close, it has exactly one script (the
# JSON-LD, which parses as a schema.org DefinedTermSet), a page language
# (de or en), and no element
# outside the page's own vocabulary. Prints "ok" or the reason.
import json
import sys
from html.parser import HTMLParser

VOID = {"meta", "br", "img", "link", "hr", "input"}
ALLOWED = {"html", "head", "meta", "title", "script", "body", "main", "h1", "dl", "dt", "dd",
           "dfn", "abbr", "p", "a", "em"}


class Check(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors, self.scripts, self.in_script = [], [], [], False

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED:
            self.errors.append("unexpected element <%s>" % tag)
        if tag == "script":
            self.in_script = True
            self.scripts.append("")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append("</%s> does not close %s" % (tag, self.stack[-1:] or "nothing"))
        else:
            self.stack.pop()
        if tag == "script":
            self.in_script = False

    def handle_data(self, data):
        if self.in_script:
            self.scripts[-1] += data


text = open(sys.argv[1], encoding="utf-8").read()
c = Check()
c.feed(text)
c.close()
if not (text.startswith("<!DOCTYPE html>\n<html lang=\"de\">")
        or text.startswith("<!DOCTYPE html>\n<html lang=\"en\">")):
    c.errors.append("no doctype or lang")
if c.stack:
    c.errors.append("unclosed: %s" % c.stack)
if len(c.scripts) != 1:
    c.errors.append("%d script elements" % len(c.scripts))
else:
    try:
        ld = json.loads(c.scripts[0])
        if ld.get("@type") != "DefinedTermSet":
            c.errors.append("JSON-LD is not a DefinedTermSet")
    except ValueError as e:
        c.errors.append("JSON-LD does not parse: %s" % e)
print("ok" if not c.errors else "; ".join(c.errors))
