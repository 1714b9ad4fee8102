#!/bin/sh
# fuzz/run.sh SECONDS - builds every fuzz/fuzz_*.c with clang's libFuzzer,
# ASan and UBSan against the library sources and runs each for SECONDS on
# its seed corpus fuzz/corpus/NAME/ (new inputs go to build/fuzz/corpus/NAME).
set -eu
seconds=${1:-30}
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
cc=${FUZZ_CC:-clang}
command -v "$cc" >/dev/null || { echo "fuzz: clang is needed (apt-get install clang)" >&2; exit 2; }
flags="-O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -std=c11 -D_GNU_SOURCE"
# the libraries of the Makefile's PKGS (make passes them; the default is the same list)
pkgs=${FUZZ_PKGS:-"libxml-2.0 sqlite3 libutf8proc libmicrohttpd libgvc libzip poppler-glib libsodium"}
pkg="$(pkg-config --cflags --libs $pkgs) -lcsv -lm -lpthread"
out=build/fuzz
mkdir -p "$out"
# The library once, with the fuzzing flags; each harness only links it.
mkdir -p "$out/obj"
objs=
for src in common/*.c extract/*.c kb/*.c exports/*.c; do
	obj=$out/obj/$(echo "$src" | tr / _ | sed 's/\.c$/.o/')
	objs="$objs $obj"
	if [ ! -f "$obj" ] || [ "$src" -nt "$obj" ] || [ -n "$(find common extract kb exports -name '*.h' -newer "$obj")" ]; then
		# shellcheck disable=SC2086
		$cc $flags $(pkg-config --cflags $pkgs) -c -o "$obj" "$src"
	fi
done
status=0
for h in fuzz/fuzz_*.c; do
	name=$(basename "$h" .c)
	short=${name#fuzz_}
	echo "== $name"
	# shellcheck disable=SC2086
	$cc $flags -o "$out/$name" "$h" $objs $pkg
	mkdir -p "$out/corpus/$short"
	seeds=fuzz/corpus/$short
	[ -d "$seeds" ] || seeds=
	if ! "$out/$name" -max_total_time="$seconds" -rss_limit_mb=1024 -timeout=10 \
		-print_final_stats=1 "$out/corpus/$short" $seeds >"$out/$name.log" 2>&1; then
		echo "$name FAILED, see $out/$name.log"; tail -n 30 "$out/$name.log"; status=1
	else
		grep -E 'stat::number_of_executed_units|Done [0-9]+ runs' "$out/$name.log" | tail -n 1
	fi
done
exit $status
