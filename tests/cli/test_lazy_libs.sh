#!/bin/sh
# test_lazy_libs.sh - the libraries only some commands need (poppler-glib,
# libzip, Graphviz, libmicrohttpd) are not linked but opened on first use: a command that does not
# need them does not load them, one that does still works, and without
# them it says which library is missing and exits 2.
. "$(dirname "$0")/lib.sh"
d=$top/tests/data/documents
db=$tmp/kb.db
g --db "$db" import "$top/glossary.csv" >/dev/null 2>&1 || not_ok import_glossary

# the SONAME a library gives itself, as the Makefile reads it
soname() {
	objdump -p "$(pkg-config --variable=libdir "$1" 2>/dev/null)/$2" 2>/dev/null |
		sed -n 's/^ *SONAME *//p'
}

lazy='libpoppler-glib|libzip|libgvc|libcgraph|libmicrohttpd|libgnutls'
if command -v readelf >/dev/null; then
	readelf -d "$GLOSSAR" >"$tmp/dyn" 2>&1
	check_grep binary_links_libxml2 'NEEDED.*libxml2' "$tmp/dyn"
	check_no_grep binary_does_not_link_lazy_libraries "NEEDED.*($lazy)" "$tmp/dyn"
else
	skip binary_does_not_link_lazy_libraries "no readelf"
fi

# LD_DEBUG=files names every library the loader opens
loaded() { # loaded OUT COMMAND...: the libraries the command opened, in OUT
	out=$1; shift
	LD_DEBUG=files "$@" >/dev/null 2>"$out.all"
	sed -n 's/.*file=\([^ ]*\) .*/\1/p' "$out.all" | sort -u >"$out"
}
loaded "$tmp/version" "$GLOSSAR" --version
check_grep version_loads_libxml2 '^libxml2' "$tmp/version"
check_no_grep version_loads_no_lazy_library "^($lazy|libcrypto)" "$tmp/version"
loaded "$tmp/md" "$GLOSSAR" --db "$db" extract "$d/bericht.md"
check_no_grep extract_md_loads_no_lazy_library "^($lazy|libcrypto)" "$tmp/md"
loaded "$tmp/docx" "$GLOSSAR" --db "$db" extract "$d/bericht.docx"
check_grep extract_docx_opens_libzip '^libzip' "$tmp/docx"
check_no_grep extract_docx_opens_no_poppler '^libpoppler' "$tmp/docx"
loaded "$tmp/dot" "$GLOSSAR" --db "$db" export --format dot
check_no_grep export_dot_loads_no_lazy_library "^($lazy|libcrypto)" "$tmp/dot"
loaded "$tmp/svg" "$GLOSSAR" --db "$db" export --format svg
check_grep export_svg_opens_libgvc '^libgvc' "$tmp/svg"

# the commands that need them still work
g --db "$db" extract --format tsv "$d/bericht.docx" >"$tmp/m" 2>"$tmp/err"
check_grep docx_read '	ozg	' "$tmp/m"
check appendix_docx_written g --db "$db" appendix --format docx -o "$tmp/a.docx" "$d/bericht.md"
check_grep appendix_docx_is_a_zip '^PK' "$tmp/a.docx"
check_exit appendix_docx_reads_back 0 g --db "$db" extract "$tmp/a.docx"
check export_svg_written g --db "$db" export --format svg --root ozg -o "$tmp/a.svg"
check_grep export_svg_is_svg '<svg ' "$tmp/a.svg"

# Without them: an empty file by the library's name, first in the loader's
# path, is a library that cannot be loaded.
mkdir "$tmp/nolibs"
missing() { # missing PKG FILE: the library's SONAME, made unloadable
	n=$(soname "$1" "$2")
	[ -n "$n" ] && : >"$tmp/nolibs/$n" && echo "$n"
}
without() { LD_LIBRARY_PATH=$tmp/nolibs "$@"; }

zip=$(missing libzip libzip.so)
if [ -n "$zip" ]; then
	check_exit docx_without_libzip_exits_2 2 without g --db "$db" extract "$d/bericht.docx"
	check_grep docx_without_libzip_says_why \
		"bericht.docx: cannot read DOCX files: libzip cannot be loaded \(.*$zip.*\); install libzip4" "$tmp/err"
	check_exit odt_without_libzip_exits_2 2 without g --db "$db" extract "$d/bericht.odt"
	check_grep odt_without_libzip_says_why 'cannot read ODT files: libzip cannot be loaded' "$tmp/err"
	check_exit appendix_odt_without_libzip_exits_2 2 \
		without g --db "$db" appendix --format odt -o "$tmp/b.odt" "$d/bericht.md"
	check_grep appendix_odt_without_libzip_says_why 'cannot write ODT files: libzip cannot be loaded' "$tmp/err"
	if [ -e "$tmp/b.odt" ]; then not_ok appendix_odt_without_libzip_writes_nothing; else ok appendix_odt_without_libzip_writes_nothing; fi
	check_exit export_docx_without_libzip_exits_2 2 \
		without g --db "$db" export --format docx -o "$tmp/c.docx"
	check_exit md_without_libzip_still_reads 0 without g --db "$db" extract "$d/bericht.md"
else
	skip without_libzip "no SONAME for libzip (pkg-config, objdump)"
fi

gvc=$(missing libgvc libgvc.so)
if [ -n "$gvc" ]; then
	check_exit svg_without_graphviz_exits_2 2 \
		without g --db "$db" export --format svg -o "$tmp/b.svg"
	check_grep svg_without_graphviz_says_why \
		"cannot draw SVG pictures: Graphviz \(libgvc\) cannot be loaded \(.*$gvc.*\); install libgvc6" "$tmp/err"
	if [ -e "$tmp/b.svg" ]; then not_ok svg_without_graphviz_writes_nothing; else ok svg_without_graphviz_writes_nothing; fi
	check_exit dot_without_graphviz_still_written 0 without g --db "$db" export --format dot
else
	skip without_graphviz "no SONAME for libgvc (pkg-config, objdump)"
fi

mhd=$(missing libmicrohttpd libmicrohttpd.so)
if [ -n "$mhd" ]; then
	# (timeout: a server that did start would wait for a signal)
	check_exit serve_without_libmicrohttpd_exits_2 2 \
		without timeout 20 "$GLOSSAR" --db "$db" serve --listen 127.0.0.1:0
	check_grep serve_without_libmicrohttpd_says_why \
		"cannot serve: libmicrohttpd cannot be loaded \(.*$mhd.*\); install libmicrohttpd12" "$tmp/err"
else
	skip without_libmicrohttpd "no SONAME for libmicrohttpd (pkg-config, objdump)"
fi

pdf=$(missing poppler-glib libpoppler-glib.so)
if [ -n "$pdf" ]; then
	check_exit pdf_without_poppler_exits_2 2 without g --db "$db" extract "$d/bericht.pdf"
	check_grep pdf_without_poppler_says_why 'cannot read PDF files: poppler-glib cannot be loaded' "$tmp/err"
else
	skip without_poppler "no SONAME for poppler-glib (pkg-config, objdump)"
fi

finish
