# glossar - one Makefile, read top to bottom.
#   make            build ./glossar
#   make demo       import glossary.csv and run every stage on examples/
#   make demo-output  write that run's transcript to docs/demo-output.txt
#   make check      unit and command-line tests
#   make check-asan the same under AddressSanitizer and UBSan
#   make fuzz       run each libFuzzer harness for FUZZ_SECONDS
#   make bench      extraction speed against ripgrep, grep and pyahocorasick; PDF
#                   pages/s against pdftotext, DOCX MB/s
#   make bench-serve  glossar serve against nginx serving the same page (wrk)

CC      ?= cc
CFLAGS  ?= -O2 -g
PREFIX  ?= /usr/local
DESTDIR ?=
BUILD   ?= build
PKGS     = libxml-2.0 sqlite3 libutf8proc libmicrohttpd libgvc libzip poppler-glib libsodium
DEBS     = libxml2-dev libsqlite3-dev libutf8proc-dev libcsv-dev libmicrohttpd-dev libgraphviz-dev \
           libzip-dev libpoppler-glib-dev libsodium-dev wngerman

WARN     = -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wshadow -Wstrict-prototypes
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# Libraries only some commands need are not linked but opened on first use
# (common/solib.h), by the name each gives itself (its SONAME), so that the
# other commands do not load them: poppler-glib (the first PDF,
# extract/read_pdf.c), libzip (DOCX and ODT, common/ziplib.c), Graphviz's
# libgvc (SVG pictures, exports/graph.c) and libmicrohttpd (serve, serve/mhd.c).
LAZY_PKGS  = poppler-glib libzip libgvc libmicrohttpd
PKG_LIBS   := $(shell pkg-config --libs $(filter-out $(LAZY_PKGS),$(PKGS)) 2>/dev/null)
soname = $(shell objdump -p "$$(pkg-config --variable=libdir $(1))/$(2)" 2>/dev/null | sed -n 's/^ *SONAME *//p')
POPPLER_SONAME := $(call soname,poppler-glib,libpoppler-glib.so)
ZIP_SONAME     := $(call soname,libzip,libzip.so)
GVC_SONAME     := $(call soname,libgvc,libgvc.so)
MHD_SONAME     := $(call soname,libmicrohttpd,libmicrohttpd.so)
ALL_CFLAGS  = $(WARN) $(CFLAGS) $(PKG_CFLAGS)
LIBS        = $(PKG_LIBS) -lcsv -lm -lpthread

LIB_SRC  = $(sort $(wildcard common/*.c extract/*.c kb/*.c exports/*.c serve/*.c))
CLI_SRC  = $(sort $(wildcard cli/*.c))
TEST_SRC = $(sort $(wildcard tests/unit/test_*.c))
LIB_OBJ  = $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ  = $(CLI_SRC:%.c=$(BUILD)/%.o)
TESTS    = $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)
PROGRAM  = $(if $(filter build,$(BUILD)),glossar,$(BUILD)/glossar)

.PHONY: all deps demo demo-output check check-unit check-cli check-asan fuzz bench bench-serve install uninstall clean

all: $(PROGRAM)

$(PROGRAM): $(CLI_OBJ) $(BUILD)/libglossar.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libglossar.a $(LIBS)

$(BUILD)/libglossar.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $(LIB_OBJ)

$(BUILD)/extract/read_pdf.o: ALL_CFLAGS += $(if $(POPPLER_SONAME),-DPOPPLER_SONAME='"$(POPPLER_SONAME)"')
$(BUILD)/common/ziplib.o: ALL_CFLAGS += $(if $(ZIP_SONAME),-DZIP_SONAME='"$(ZIP_SONAME)"')
$(BUILD)/exports/graph.o: ALL_CFLAGS += $(if $(GVC_SONAME),-DGVC_SONAME='"$(GVC_SONAME)"')
$(BUILD)/serve/mhd.o: ALL_CFLAGS += $(if $(MHD_SONAME),-DMHD_SONAME='"$(MHD_SONAME)"')

$(BUILD)/%.o: %.c $(wildcard */*.h)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c tests/unit/test.h tests/unit/gz_run.h $(BUILD)/libglossar.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libglossar.a $(LIBS)

# Installs the Debian packages the build needs when run as root, else says how.
deps:
	@missing=""; \
	for p in $(PKGS); do pkg-config --exists $$p || missing="$$missing $$p"; done; \
	[ -f /usr/include/csv.h ] || missing="$$missing libcsv"; \
	[ -f /usr/share/dict/ngerman ] || missing="$$missing wngerman"; \
	if [ -n "$$missing" ]; then \
	  echo "missing:$$missing"; \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(DEBS); \
	  else \
	    echo "run: sudo apt-get install -y $(DEBS)"; exit 1; \
	  fi; \
	fi

DEMO_DIR = out/demo
demo: deps
	$(MAKE) all
	sh examples/demo.sh ./glossar $(DEMO_DIR)

# The demo's transcript as docs show it; tests/cli/test_demo.sh compares a run with it.
demo-output: all
	sh examples/demo.sh ./glossar $(DEMO_DIR) >docs/demo-output.txt 2>&1

check: deps
	$(MAKE) all $(TESTS)
	sh tests/run.sh ./glossar $(BUILD)/tests

ASAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
check-asan: deps
	$(MAKE) BUILD=build/asan CFLAGS="$(ASAN_FLAGS)" LDFLAGS="$(ASAN_FLAGS)" \
	  build/asan/glossar $(TEST_SRC:tests/unit/%.c=build/asan/tests/%)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	  sh tests/run.sh build/asan/glossar build/asan/tests

FUZZ_SECONDS ?= 30
FUZZ_SRC = $(sort $(wildcard fuzz/fuzz_*.c))
FUZZ_FLAGS = -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
fuzz: deps
	FUZZ_PKGS="$(PKGS)" sh fuzz/run.sh "$(FUZZ_SECONDS)"

bench: all
	sh bench/run.sh ./glossar
	sh bench/growth.sh ./glossar
	sh bench/documents.sh ./glossar

bench-serve: all
	sh bench/serve.sh ./glossar

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 glossar $(DESTDIR)$(PREFIX)/bin/glossar
	install -m 644 glossar.1 $(DESTDIR)$(PREFIX)/share/man/man1/glossar.1

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/glossar $(DESTDIR)$(PREFIX)/share/man/man1/glossar.1

clean:
	rm -rf build glossar out
