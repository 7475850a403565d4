# statuut: `make` installs what is missing, builds build/statuut and the site;
# `make test` runs every test, then all of them again under ASan+UBSan.

VERSION   := 0.1.0
BUILD     ?= build
CC        ?= cc
SANITIZE  ?=

# Debian packages the build, the tests and the site need. Each line: package.
DEBS := gcc make pkg-config libc6-dev \
        libcmark-gfm-dev libcmark-gfm-extensions-dev libyaml-dev libxml2-dev \
        libglib2.0-dev libjansson-dev libcmocka-dev \
        libcairo2-dev libpango1.0-dev libfontconfig-dev libhyphen-dev libhunspell-dev \
        libqpdf-dev zlib1g-dev libmicrohttpd-dev libxxhash-dev nettle-dev
# Packages with no pkg-config file, checked one by one: a library (libhyphen), fonts,
# dictionaries, tools of the build and the tests (woff2, python3-fonttools: the web
# fonts; python3-jsonschema: the diff JSON against schema/diff.schema.json,
# tests/tools/diffjson.py).
DATA_DEBS := libhyphen-dev chromium woff2 python3-fonttools hyphen-nl hunspell-nl fonts-vollkorn fonts-dejavu-core fonts-noto-core fonts-droid-fallback fonts-nanum fonts-symbola poppler-utils qpdf jq python3-jsonschema
# The binary's libraries, and those of its modules (include/statuut/module.h):
# each module holds the code that needs a library no other command needs, so
# that a command starts without loading what it does not use.
LIB_MODULES   := libcmark-gfm yaml-0.1 glib-2.0 jansson libxxhash nettle
HTML_MODULES  := glib-2.0 libxml-2.0
SPELL_MODULES := glib-2.0 hunspell
PDF_MODULES   := glib-2.0 pangocairo pangoft2 cairo fontconfig libqpdf zlib
SERVE_MODULES := glib-2.0 libmicrohttpd
PC_MODULES := $(sort $(LIB_MODULES) $(HTML_MODULES) $(SPELL_MODULES) $(PDF_MODULES) \
  $(SERVE_MODULES)) cmocka

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# The module boundary is kept by the compiler: the binary's code (src/main.c
# and everything outside the modules' folders) is compiled with the include
# paths of the binary's own libraries only, so an include of a pango, cairo
# or libxml2 header there, also through a module's header, fails the build.
# Each module is compiled with its own libraries' paths besides.
BIN_CFLAGS   = $(shell pkg-config --cflags $(LIB_MODULES) 2>/dev/null)
HTML_CFLAGS  = $(BIN_CFLAGS) $(shell pkg-config --cflags $(HTML_MODULES) 2>/dev/null)
SPELL_CFLAGS = $(BIN_CFLAGS) $(shell pkg-config --cflags $(SPELL_MODULES) 2>/dev/null)
PDF_CFLAGS   = $(BIN_CFLAGS) $(shell pkg-config --cflags $(PDF_MODULES) 2>/dev/null)
SERVE_CFLAGS = $(BIN_CFLAGS) $(shell pkg-config --cflags $(SERVE_MODULES) 2>/dev/null)
PKG_CFLAGS = $(shell pkg-config --cflags $(PC_MODULES) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(LIB_MODULES) 2>/dev/null) -lm
HTML_LIBS  = $(shell pkg-config --libs $(HTML_MODULES) 2>/dev/null)
SPELL_LIBS = $(shell pkg-config --libs $(SPELL_MODULES) 2>/dev/null)
# libhyphen has no pkg-config file.
PDF_LIBS   = $(shell pkg-config --libs $(PDF_MODULES) 2>/dev/null) -lhyphen -lm
SERVE_LIBS = $(shell pkg-config --libs $(SERVE_MODULES) 2>/dev/null) -lpthread
ALL_LIBS   = $(PKG_LIBS) $(HTML_LIBS) $(SPELL_LIBS) $(PDF_LIBS) $(SERVE_LIBS)
CMOCKA_LIBS = $(shell pkg-config --libs cmocka 2>/dev/null)

WARN    := -std=c11 -Wall -Wextra -Werror -Wmissing-prototypes -Wshadow -Wstrict-prototypes
CFLAGS  ?= -O2 -g
ifneq ($(SANITIZE),)
  CFLAGS := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
  LDFLAGS += -fsanitize=address,undefined
endif
BASE_CFLAGS = $(WARN) $(CFLAGS) -Iinclude -I$(BUILD)/gen -DSOURCE_DIR='"$(CURDIR)"' \
  -DSTATUUT_VERSION='"$(VERSION)"'
ALL_CFLAGS = $(BASE_CFLAGS) $(PKG_CFLAGS)

# The modules' code: position-independent, only each module's table exported.
PDF_SRC   := $(sort $(wildcard src/pdf/*.c))
HTML_SRC  := $(sort $(wildcard src/html/*.c))
SPELL_SRC := src/check/spelling.c
SERVE_SRC := $(sort $(wildcard src/serve/*.c))
MOD_SRC   := $(PDF_SRC) $(HTML_SRC) $(SPELL_SRC) $(SERVE_SRC)
pic = $(1:src/%.c=$(BUILD)/pic/%.o)
MOD_OBJ   := $(call pic,$(MOD_SRC))
LIB_SRC  := $(filter-out src/main.c $(MOD_SRC),$(shell find src -name '*.c' | LC_ALL=C sort))
LIB_OBJ  := $(LIB_SRC:src/%.c=$(BUILD)/obj/%.o)
MODULES  := $(BUILD)/statuut-pdf.so $(BUILD)/statuut-html.so $(BUILD)/statuut-spell.so \
  $(BUILD)/statuut-serve.so
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
TOOL_SRC := $(sort $(wildcard tests/tools/*.c))
TOOL_BIN := $(TOOL_SRC:tests/tools/%.c=$(BUILD)/tests/%)

.PHONY: all deps site test test-run test-asan bench fuzz fuzz-build format lint clean \
  print-bin-cflags FORCE

all: deps $(BUILD)/statuut $(MODULES) $(NPM_STAMP) $(WEB_FONTS) site

# Installs missing Debian packages (apt-get; sudo when not root). Nothing to do
# when pkg-config finds every library and every data package is installed.
# npm (for Pagefind) counts as there when any npm is on the PATH: Debian's
# package would clash with a Node.js installed from elsewhere.
deps:
	@installed() { dpkg-query -W -f='$${Status}' "$$1" 2>/dev/null | grep -q 'ok installed'; }; \
	need=""; for p in $(DATA_DEBS); do installed $$p || need="$$need $$p"; done; \
	command -v npm >/dev/null || need="$$need npm"; \
	if pkg-config --exists $(PC_MODULES) 2>/dev/null && [ -z "$$need" ]; then exit 0; fi; \
	for p in $(DEBS); do installed $$p || need="$$need $$p"; done; \
	echo "make: installing Debian packages:$$need"; \
	$(SUDO) apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$need

# The build id (module.h): a module is loaded only by the binary of the same
# build. It is a hash of what decides whether the two fit: the compiler, the
# flags and the headers every part is compiled against. The file is rewritten
# only when the id changes, so that nothing is rebuilt for nothing.
BUILD_ID_H := $(BUILD)/gen/statuut-build-id.h
$(BUILD_ID_H): FORCE
	@mkdir -p $(dir $@)
	@id=$$( { $(CC) --version 2>&1 | head -1; echo '$(WARN) $(CFLAGS) $(LDFLAGS) $(VERSION)'; \
	  cat include/statuut/*.h; } | sha256sum | cut -c1-16); \
	printf '/* Generated by make: see BUILD_ID_H in the Makefile. */\n#ifndef STATUUT_BUILD_ID\n#define STATUUT_BUILD_ID "%s"\n#endif\n' \
	  "$$id" >$@.tmp; \
	if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi

# -MMD: each object also depends on every header it includes (private ones too).
$(BUILD)/obj/%.o: src/%.c | deps $(BUILD_ID_H)
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(BASE_CFLAGS) $(BIN_CFLAGS) -MMD -MP -c $< -o $@

# Each module's code with its own libraries' include paths (see BIN_CFLAGS).
$(BUILD)/pic/pdf/%.o: PIC_CFLAGS = $(PDF_CFLAGS)
$(BUILD)/pic/html/%.o: PIC_CFLAGS = $(HTML_CFLAGS)
$(BUILD)/pic/check/%.o: PIC_CFLAGS = $(SPELL_CFLAGS)
$(BUILD)/pic/serve/%.o: PIC_CFLAGS = $(SERVE_CFLAGS)
$(BUILD)/pic/%.o: src/%.c | deps $(BUILD_ID_H)
	@mkdir -p $(dir $@)
	@echo "  CC      $< (module)"
	@$(CC) $(BASE_CFLAGS) $(PIC_CFLAGS) -fPIC -fvisibility=hidden -MMD -MP -c $< -o $@

-include $(LIB_OBJ:.o=.d) $(MOD_OBJ:.o=.d) $(BUILD)/obj/main.d

$(BUILD)/libstatuut.a: $(LIB_OBJ)
	@rm -f $@
	@ar rcs $@ $^

# The modules' code once more, for the tests, which link it in.
$(BUILD)/libstatuut-modules.a: $(MOD_OBJ)
	@rm -f $@
	@ar rcs $@ $^

# The whole library goes in and is exported: the modules call back into it.
$(BUILD)/statuut: $(BUILD)/obj/main.o $(BUILD)/libstatuut.a
	@echo "  LINK    $@"
	@$(CC) $(LDFLAGS) -rdynamic -o $@ $(BUILD)/obj/main.o \
	  -Wl,--whole-archive $(BUILD)/libstatuut.a -Wl,--no-whole-archive $(PKG_LIBS)

$(BUILD)/statuut-pdf.so: $(call pic,$(PDF_SRC))
	@echo "  LINK    $@"
	@$(CC) $(LDFLAGS) -shared -o $@ $^ $(PDF_LIBS)

$(BUILD)/statuut-html.so: $(call pic,$(HTML_SRC))
	@echo "  LINK    $@"
	@$(CC) $(LDFLAGS) -shared -o $@ $^ $(HTML_LIBS)

$(BUILD)/statuut-spell.so: $(call pic,$(SPELL_SRC))
	@echo "  LINK    $@"
	@$(CC) $(LDFLAGS) -shared -o $@ $^ $(SPELL_LIBS)

$(BUILD)/statuut-serve.so: $(call pic,$(SERVE_SRC))
	@echo "  LINK    $@"
	@$(CC) $(LDFLAGS) -shared -o $@ $^ $(SERVE_LIBS)

# npm packages, pinned, installed into build/node_modules: Pagefind for the
# site's search index (statuut build runs it over the staged site, site.h;
# without it the site is built without search), and playwright-core, with
# which the tests drive Debian's chromium (tests/browser/).
NPM_PACKAGES := pagefind@1.6.0 playwright-core@1.65.1 axe-core@4.14.1
# The stamp names the package list: a new pin installs again.
NPM_STAMP := $(BUILD)/node_modules/.statuut-$(shell echo '$(NPM_PACKAGES)' | sha1sum | cut -c1-12)
$(NPM_STAMP): | deps
	@echo "  NPM     $(NPM_PACKAGES)"
	@if npm install --prefix $(BUILD) --no-save --no-package-lock --no-audit --no-fund --silent \
	  $(NPM_PACKAGES) >/dev/null 2>&1; then touch $@; else \
	  echo "make: $(NPM_PACKAGES) could not be installed; the site is built without search"; fi

# The web pages' typeface is the PDF's: Vollkorn from Debian's fonts-vollkorn,
# subset to the characters the site's text uses (Latin with its accents and
# ligatures, punctuation, the arrows and signs of the pages; anything else
# falls back) with fontTools, and made WOFF2 with Debian's woff2. About a
# quarter of the TrueType files' size; the build copies them into the site
# (site.h: STATUUT_FONTS names another folder).
FONT_DIR := /usr/share/fonts/truetype/vollkorn
FONT_FACES := Regular Italic Bold BoldItalic
WEB_FONTS := $(FONT_FACES:%=$(BUILD)/fonts/Vollkorn-%.woff2)
FONT_UNICODES := U+0000-00FF,U+0100-017F,U+0192,U+02C6-02DC,U+2000-206F,U+20AC,U+2122,U+2190-2193,U+21A9,U+2212,U+FB00-FB06
$(BUILD)/fonts/Vollkorn-%.woff2: | deps
	@mkdir -p $(dir $@)
	@echo "  FONT    $@"
	@/usr/bin/python3 -m fontTools.subset $(FONT_DIR)/Vollkorn-$*.ttf --unicodes='$(FONT_UNICODES)' \
	  --layout-features='*' --output-file=$(BUILD)/fonts/Vollkorn-$*.ttf
	@woff2_compress $(BUILD)/fonts/Vollkorn-$*.ttf >/dev/null 2>&1
	@rm -f $(BUILD)/fonts/Vollkorn-$*.ttf

site: $(BUILD)/statuut $(MODULES) $(NPM_STAMP) $(WEB_FONTS)
	$(BUILD)/statuut build --content content --templates templates --out $(BUILD)/site

# Tests link the modules' code in and export it: module_load finds a
# module's table in the process before it looks for the file.
TEST_LINK = -rdynamic -Wl,--whole-archive $(BUILD)/libstatuut-modules.a $(BUILD)/libstatuut.a \
	  -Wl,--no-whole-archive $(ALL_LIBS)
$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libstatuut.a $(BUILD)/libstatuut-modules.a $(wildcard include/statuut/*.h) $(wildcard tests/unit/*.h) $(BUILD_ID_H)
	@mkdir -p $(dir $@)
	@echo "  TEST    $@"
	@$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(TEST_LINK) $(CMOCKA_LIBS)

$(BUILD)/tests/%: tests/tools/%.c $(BUILD)/libstatuut.a $(BUILD)/libstatuut-modules.a
	@mkdir -p $(dir $@)
	@echo "  TEST    $@"
	@$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(TEST_LINK)

# Fuzz targets (tests/fuzz/README.md). With the project's compiler each is a
# replay program (tests/fuzz/replay.c: the target once on each file named),
# which make test runs on the seed corpus and the saved crashes; make fuzz
# builds them with clang and libFuzzer in build/libfuzzer and runs them.
# fuzz_site stands in for the PDF module itself, so it links the others only.
FUZZ_TARGETS := doc diff site templates
FUZZ_BIN     := $(FUZZ_TARGETS:%=$(BUILD)/fuzz/fuzz_%)
FUZZ_MAIN    := tests/fuzz/replay.c
FUZZ_MODS     = $(BUILD)/libstatuut-modules.a
$(BUILD)/fuzz/fuzz_site: FUZZ_MODS = $(call pic,$(HTML_SRC) $(SPELL_SRC))
$(BUILD)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/common.c tests/fuzz/fuzz.h $(FUZZ_MAIN) \
  $(BUILD)/libstatuut.a $(BUILD)/libstatuut-modules.a $(wildcard include/statuut/*.h) $(BUILD_ID_H)
	@mkdir -p $(dir $@)
	@echo "  FUZZ    $@"
	@$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< tests/fuzz/common.c $(FUZZ_MAIN) -rdynamic \
	  -Wl,--whole-archive $(FUZZ_MODS) $(BUILD)/libstatuut.a -Wl,--no-whole-archive $(ALL_LIBS)

# The include flags the binary's code is compiled with (tests/e2e/layers.sh).
print-bin-cflags:
	@echo $(BIN_CFLAGS)

# The suite once with this build's flags.
test-run: $(BUILD)/statuut $(MODULES) $(UNIT_BIN) $(TOOL_BIN) $(FUZZ_BIN)
	@BUILD=$(BUILD) sh tests/run.sh

test-asan:
	@LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	  $(MAKE) --no-print-directory BUILD=build/asan SANITIZE=1 test-run

test: deps
	@$(MAKE) --no-print-directory test-run
	@echo "== again under AddressSanitizer and UndefinedBehaviorSanitizer =="
	@$(MAKE) --no-print-directory test-asan

# Timings of the real content, written to bench/RESULTS.md (never part of make test).
# The peers statuut is measured against (pandoc + weasyprint for the PDF;
# lowdown-diff, latexdiff and git for the diff; hugo for whole sites,
# bench/scale.sh); only make bench needs them.
BENCH_DEBS := time pandoc weasyprint lowdown latexdiff git hugo
bench: all
	@need=""; for p in $(BENCH_DEBS); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | \
	  grep -q 'ok installed' || need="$$need $$p"; done; \
	[ -z "$$need" ] || DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$need
	@sh bench/run.sh

# make fuzz: each target for FUZZ_SECONDS (default 60) in turn, niced, with its
# seed corpus tests/fuzz/corpus/<target>/ (read only); what it finds goes to
# build/libfuzzer/corpus/<target>/ and crash inputs to build/libfuzzer/crashes/
# (tests/fuzz/run.sh). FUZZ_TARGETS=doc picks targets. Only make fuzz needs
# clang: the library is built once more with it and the fuzzer's sanitizers.
FUZZ_DEBS    := clang
FUZZ_BUILD   := build/libfuzzer
FUZZ_SECONDS ?= 60
FUZZ_CFLAGS  := -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined \
  -fno-sanitize-recover=all
fuzz-build: deps
	@need=""; for p in $(FUZZ_DEBS); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | \
	  grep -q 'ok installed' || need="$$need $$p"; done; \
	[ -z "$$need" ] || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	  $(SUDO) apt-get install -y -qq --no-install-recommends $$need; }
	@$(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD) CC=clang CFLAGS='$(FUZZ_CFLAGS)' \
	  LDFLAGS='-fsanitize=fuzzer,address,undefined' FUZZ_MAIN= \
	  $(FUZZ_TARGETS:%=$(FUZZ_BUILD)/fuzz/fuzz_%)

fuzz: fuzz-build
	@rc=0; for t in $(FUZZ_TARGETS); do \
	  FUZZ_BUILD=$(FUZZ_BUILD) sh tests/fuzz/run.sh $$t $(FUZZ_SECONDS) || rc=1; done; exit $$rc

format:
	clang-format -i $$(find src include tests -name '*.[ch]')

lint:
	clang-format --dry-run --Werror $$(find src include tests -name '*.[ch]')

clean:
	rm -rf build
