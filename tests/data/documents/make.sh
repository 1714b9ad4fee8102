#!/bin/sh
# make.sh - regenerates the document fixtures of this folder from their
# Markdown sources with real tools (pandoc, LibreOffice headless, pdflatex
# through pandoc), plus the hostile containers, which no tool would write
# and hostile.py crafts with Python's zipfile. The generated files are
# committed; run this after changing a source:  sh tests/data/documents/make.sh
set -eu
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp" # LibreOffice writes its profile there
lo() { soffice --headless --convert-to "$@" --outdir "$tmp" >/dev/null 2>&1; }

# DOCX from Markdown: headings, footnote, table, tracked insertion and
# deletion, a comment, a field (raw OpenXML in the source), soft hyphen and
# non-breaking hyphen.
pandoc bericht.md -o bericht.docx
# ODT: pandoc's from the source, and LibreOffice's from the DOCX (tracked
# changes and notes as LibreOffice stores them)
pandoc bericht.md -o bericht.odt
lo odt bericht.docx && cp "$tmp/bericht.odt" bericht-lo.odt
# PDF by LibreOffice from the DOCX, and the same encrypted with a password
lo pdf bericht.docx && cp "$tmp/bericht.pdf" bericht.pdf
lo 'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"geheim"}}' bericht.docx
cp "$tmp/bericht.pdf" hostile/encrypted.pdf
# A two-column PDF of two pages (LaTeX twocolumn through pandoc; OT1 and
# textcomp because a minimal TeX Live has no lmodern)
pandoc spalten.md -V fontenc=OT1 -V fontfamily=textcomp -o spalten.pdf
# A legacy Word file (OLE2) named .docx
lo doc bericht.docx && cp "$tmp/bericht.doc" hostile/ole2.docx
# A damaged PDF: the real one cut after its first 1500 bytes, and garbage
head -c 1500 bericht.pdf >hostile/truncated.pdf
printf '%%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 9 0 R >>\n%%%%EOF\n' >hostile/damaged.pdf
python3 hostile.py bericht.docx bericht.odt
