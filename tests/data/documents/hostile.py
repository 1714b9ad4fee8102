"""hostile.py DOCX ODT - crafts the hostile containers of hostile/ from the
real DOCX and ODT: a zip bomb, entry names that climb out (../), a DOCX
without word/document.xml, parts with an external entity and with a
billion-laughs DTD. Each is a valid zip; only its content is hostile."""
import sys
import zipfile

docx, odt = sys.argv[1], sys.argv[2]


def rewrite(src, dst, replace=None, extra=None, drop=()):
    """Copies src to dst, replacing or adding parts."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            if item.filename in drop:
                continue
            data = zin.read(item.filename)
            if replace and item.filename in replace:
                data = replace[item.filename]
            zout.writestr(item.filename, data)
        for name, data in (extra or {}).items():
            zout.writestr(name, data, zipfile.ZIP_DEFLATED)


with zipfile.ZipFile(docx) as z:
    body = z.read("word/document.xml").decode()
with zipfile.ZipFile(odt) as z:
    content = z.read("content.xml").decode()

# 64 MB of spaces in document.xml: about 64 KB compressed, ratio ~1000:1
bomb = body.replace("<w:body>", "<w:body>" + " " * (64 << 20), 1).encode()
rewrite(docx, "hostile/zip-bomb.docx", replace={"word/document.xml": bomb})
rewrite(odt, "hostile/zip-bomb.odt", replace={"content.xml": content.replace(
    "<office:body>", "<office:body>" + " " * (64 << 20), 1).encode()})

rewrite(docx, "hostile/traversal.docx", extra={"../../evil.xml": "<x/>"})
rewrite(odt, "hostile/traversal.odt", extra={"Pictures/../../../tmp/evil": "x"})
rewrite(docx, "hostile/no-document.docx", drop=("word/document.xml",))
rewrite(odt, "hostile/no-content.odt", drop=("content.xml",))

decl = body.index("?>") + 2
xxe = (body[:decl] + '<!DOCTYPE w:document [<!ENTITY geheim SYSTEM "file:///etc/passwd">]>'
       + body[decl:].replace("Einleitung", "&geheim;", 1))
rewrite(docx, "hostile/xxe.docx", replace={"word/document.xml": xxe.encode()})
laughs = '<!DOCTYPE w:document [<!ENTITY a "OZG OZG OZG OZG OZG OZG OZG OZG OZG OZG">' + "".join(
    '<!ENTITY %s "%s">' % (chr(98 + i), ("&%s;" % chr(97 + i)) * 10) for i in range(9)) + "]>"
bombed = body[:decl] + laughs + body[decl:].replace("Einleitung", "&j;", 1)
rewrite(docx, "hostile/billion-laughs.docx", replace={"word/document.xml": bombed.encode()})
decl = content.index("?>") + 2
rewrite(odt, "hostile/billion-laughs.odt", replace={"content.xml": (
    content[:decl] + laughs.replace("w:document", "office:document-content")
    + content[decl:]).encode()})

# Not hostile: the DOCX with a header and a footer part, as Word stores them
# (pandoc writes none), and a text box whose fallback repeats its text
hdr = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
       '<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
       '<w:p><w:r><w:t>Dataport, Stand 2026</w:t></w:r></w:p></w:hdr>')
ftr = hdr.replace("w:hdr", "w:ftr").replace("Dataport, Stand 2026", "Seite 1 der FITKO")
box = ('<w:p><w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
       '<mc:Choice Requires="wps"><w:txbxContent><w:p><w:r><w:t>EfA im Kasten</w:t></w:r></w:p></w:txbxContent></mc:Choice>'
       '<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>EfA im Kasten</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback>'
       '</mc:AlternateContent></w:r></w:p>')
rewrite(docx, "kopfzeile.docx",
        replace={"word/document.xml": body.replace("<w:sectPr", box + "<w:sectPr", 1).encode()},
        extra={"word/header1.xml": hdr, "word/footer1.xml": ftr})
