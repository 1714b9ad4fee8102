#!/bin/sh
# The README's promises: at most 250 lines, every link into the tree exists,
# and every console example runs as shown. Each `$ ` line of a ```console block
# runs in a fresh directory holding the repository's files; the lines shown
# after it must appear in what it printed, and it must exit 0.
. "$(dirname "$0")/lib.sh"
readme=$top/README.md

lines=$(wc -l <"$readme")
if [ "$lines" -le 250 ]; then ok readme_at_most_250_lines; else not_ok readme_at_most_250_lines "$lines lines"; fi

missing=""
for f in $(grep -o '](\([^)#:]*\))' "$readme" | sed 's/^](//; s/)$//'); do
	[ -e "$top/$f" ] || missing="$missing $f"
done
if [ -z "$missing" ]; then ok readme_links_exist; else not_ok readme_links_exist "missing:$missing"; fi

work=$tmp/readme
mkdir -p "$work"
for f in glossary.csv examples tests; do ln -s "$top/$f" "$work/$f"; done
ln -s "$GLOSSAR" "$work/glossar"
unset GLOSSAR_DB

# examples.txt: one "cmd<TAB>N" line per command, its expected output in N.out
awk -v dir="$tmp" '
	/^```console/ { inblock = 1; next }
	/^```/ { inblock = 0; next }
	inblock && /^\$ / { n++; print n "\t" substr($0, 3) > (dir "/examples.txt"); out = dir "/" n ".out"; printf "" > out; next }
	inblock && n { print > out }
' "$readme"

while IFS='	' read -r n cmd; do
	(cd "$work" && sh -c "$cmd") >"$tmp/got" 2>&1; status=$?
	if [ $status -ne 0 ]; then not_ok "readme_example_$n" "'$cmd' exited $status: $(head -c 300 "$tmp/got")"; continue; fi
	bad=""
	while IFS= read -r want; do
		[ "$want" = "..." ] && continue
		grep -qxF -- "$want" "$tmp/got" || bad="$want"
	done <"$tmp/$n.out"
	if [ -z "$bad" ]; then ok "readme_example_$n"; else not_ok "readme_example_$n" "'$cmd' did not print '$bad'; got: $(head -c 300 "$tmp/got")"; fi
done <"$tmp/examples.txt"

finish
