# Rex — build, site and tests. `make site` then `make test` on a fresh clone.
SWIFT ?= swift
REX := .build/debug/rex
VENV := Tests/browser/.venv
APT_GET := $(shell command -v apt-get 2>/dev/null)

.PHONY: all build release release-binary site test unit-test node-test browser-test deps node-deps browser-deps bench-deps fuzz clean

all: build

## $(call need,CHECK,WHAT,PACKAGES,OTHERWISE): nothing when the shell test CHECK passes; as root with apt-get,
## installs PACKAGES (saying WHAT), after updating the package lists (a fresh machine has none); else says OTHERWISE
## and stops. One line, so that it is one shell command wherever it is called.
comma := ,
need = @if $(1); then :; elif [ -n "$(APT_GET)" ] && [ "$$(id -u)" = 0 ]; then echo "Installing $(2)…"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(3) >/dev/null; else echo "$(4)"; exit 2; fi

## libcmark is the only system library Rex needs.
deps:
	$(call need,pkg-config --exists libcmark 2>/dev/null,libcmark-dev (cmark's C library),libcmark-dev pkg-config,Rex needs libcmark: install 'libcmark-dev' (Debian/Ubuntu: sudo apt-get install libcmark-dev) or 'cmark' (macOS: brew install cmark).)

build: deps
	$(SWIFT) build

## The binary to give the department: optimised, with the Swift runtime and Foundation linked in, so it starts in
## half the time (no shared Swift libraries to load and bind) and runs on a workstation without Swift installed.
## On Linux, each function gets a section of its own and lld (the Swift toolchain's linker) puts the functions a
## build runs (bench/link-order.txt, remade by bench/link_order.py) side by side: the system maps code in 64 KB
## blocks around each page a process touches, and a process then maps 8 MB of code instead of 14–18.
## (Without lld beside swiftc, as in a distribution's Swift that lacks it, the binary is linked as before.)
## With lld, on glibc, with libcmark's static library and with Swift's clang able to find glibc's rcrt1.o, the
## binary is static and position-independent (`-static-executable`, then clang's `-static-pie`): the C and C++
## libraries and libcmark are linked in too, so no dynamic loader runs, no shared library is mapped and bound, and
## its code keeps a random address at each start. It names no rpath (glibc refuses to start a static PIE that names
## one: `--disable-local-rpath`), and from glibc 2.36 its 90 000 address fix-ups are written packed
## (`-z pack-relative-relocs`, 18 KB instead of 2.1 MB read at every start). Elsewhere the Swift libraries alone are
## linked in (`--static-swift-stdlib`), and the C libraries stay shared. The system is asked only when the binary
## is linked, by a second make that runs once `deps` has installed libcmark.
RELEASE_LINK := --static-swift-stdlib
ifneq ($(filter release-binary,$(MAKECMDGOALS)),)
ifeq ($(shell uname -s),Linux)
SWIFT_BIN := $(dir $(realpath $(shell command -v $(SWIFT) 2>/dev/null)))
GLIBC := $(shell getconf GNU_LIBC_VERSION 2>/dev/null | awk '$$1 == "glibc" { split($$2, v, "."); print ((v[1] > 2 || (v[1] == 2 && v[2] >= 36)) ? "packs" : "yes") }')
ifneq ($(wildcard $(SWIFT_BIN)ld.lld),)
RELEASE_LAYOUT := -Xswiftc -Xfrontend -Xswiftc -function-sections -Xcc -ffunction-sections -Xswiftc -use-ld=lld \
	-Xlinker '--symbol-ordering-file=$(CURDIR)/bench/link-order.txt' -Xlinker --no-warn-symbol-ordering
ifneq ($(GLIBC),)
ifneq ($(wildcard $(shell $(SWIFT_BIN)clang -print-file-name=rcrt1.o 2>/dev/null)),)
ifneq ($(wildcard $(shell pkg-config --variable=libdir libcmark 2>/dev/null)/libcmark.a),)
RELEASE_LINK := -Xswiftc -static-executable -Xswiftc -Xclang-linker -Xswiftc -static-pie --disable-local-rpath
ifeq ($(GLIBC),packs)
RELEASE_LINK += -Xlinker -z -Xlinker pack-relative-relocs
endif
endif
endif
endif
endif
endif
endif
release: deps
	@$(MAKE) --no-print-directory release-binary
## SwiftPM does not know the list is an input of the link: a binary older than the list is removed, to be linked again.
release-binary:
	@echo "Release binary: $(if $(findstring static-pie,$(RELEASE_LINK)),static PIE,the C libraries shared)$(if $(RELEASE_LAYOUT),$(comma) code laid out by bench/link-order.txt)"
	@if [ -n "$(RELEASE_LAYOUT)" ] && [ bench/link-order.txt -nt .build/release/rex ]; then rm -f .build/release/rex; fi
	$(SWIFT) build -c release $(RELEASE_LINK) $(RELEASE_LAYOUT)

## Build the site from this repository's handbook.
site: build
	$(REX) build-site

## Node.js, for the step runner's unit tests (node --test, Node's own test runner: no npm packages).
node-deps:
	$(call need,command -v node >/dev/null,nodejs (the step runner's unit tests),nodejs,The step runner's unit tests need Node.js (18 or later): install 'nodejs' (apt-get install nodejs).)

## Chromium, its driver, poppler (pdftotext) and Selenium, for the browser tests.
browser-deps:
	$(call need,command -v chromium >/dev/null && command -v chromedriver >/dev/null && command -v pdftotext >/dev/null && command -v java >/dev/null,chromium$(comma) chromium-driver$(comma) poppler-utils and a Java runtime (the Nu HTML Checker),chromium chromium-driver poppler-utils default-jre-headless,The browser tests need chromium$(comma) chromium-driver$(comma) poppler-utils and Java (apt-get install chromium chromium-driver poppler-utils default-jre-headless).)
	@$(MAKE) --no-print-directory $(VENV)/.installed

## Hugo and the cmark CLI, the anchors `bench/run.sh` measures Rex against.
bench-deps:
	$(call need,command -v hugo >/dev/null && command -v cmark >/dev/null,hugo and cmark (the benchmark's anchors),hugo cmark,The benchmark needs Hugo and the cmark CLI (apt-get install hugo cmark).)

## The virtual environment is (re)filled whenever requirements.txt changes.
$(VENV)/.installed: Tests/browser/requirements.txt
	@[ -x $(VENV)/bin/python ] || python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q -r Tests/browser/requirements.txt
	@# axe-core ships in this wheel; only its axe.min.js is used (injected by Selenium), not its Playwright side.
	$(VENV)/bin/pip install -q --no-deps axe-playwright-python==0.1.8
	@touch $@

test: unit-test node-test browser-test

unit-test: deps
	$(SWIFT) build
	$(SWIFT) test --parallel

## The runner's pure scripts (templates/runner-{words,core,checks,exchange}.js) without a browser.
node-test: build node-deps
	REX=$(abspath $(REX)) node --test Tests/runner/

browser-test: build browser-deps
	REX=$(abspath $(REX)) $(VENV)/bin/python -m pytest -q Tests/browser

## libFuzzer over the loader (every input read as a procedure, an incident and rex.yml, checked and rendered)
## for FUZZ_SECONDS seconds, seeded with the shipped, fixture and golden YAML files; fails on any crash, hang
## (> 10 s per input) or memory blow-up (> 2 GiB). Crashing inputs are kept in .build-fuzz/findings/.
## REX_FUZZ=1 declares the target and its -sanitize=fuzzer flags in Package.swift (see there for why not --sanitize).
FUZZ_SECONDS ?= 60
FUZZ_BUILD := .build-fuzz
fuzz: deps
	REX_FUZZ=1 $(SWIFT) build --product RexFuzz --scratch-path $(FUZZ_BUILD) -Xcc -fsanitize=fuzzer-no-link
	@set -e; corpus=$$(mktemp -d); trap 'rm -rf "$$corpus"' EXIT; mkdir -p $(FUZZ_BUILD)/findings; \
	for f in rex.yml procedures/*.yml incidents/*.yml $$(find Tests/fixtures Tests/golden -type f -name '*.yml'); do \
		cp "$$f" "$$corpus/$$(sha1sum "$$f" | cut -c1-16)"; \
	done; \
	{ grep -aohE '^[ -]*[a-z_]+:' $$corpus/* | sed -E 's/^[ -]*//' | sort -u | sed -E 's/.*/"&"/'; \
	  printf '"\\x0a"\n"- "\n"  "\n"[]"\n"{}"\n"&a "\n"*a"\n"? "\n"|\\x0a"\n">-\\x0a"\n"\\x22"\n"#"\n"---\\x0a"\n'; \
	} > $(FUZZ_BUILD)/yaml.dict; \
	echo "Fuzzing for $(FUZZ_SECONDS) s from $$(ls $$corpus | wc -l) seed files…"; \
	if SWIFT_BACKTRACE=enable=no $(FUZZ_BUILD)/debug/RexFuzz -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
		-rss_limit_mb=2048 -dict=$(FUZZ_BUILD)/yaml.dict -print_final_stats=1 -print_funcs=0 \
		-artifact_prefix=$(FUZZ_BUILD)/findings/ $$corpus > $(FUZZ_BUILD)/fuzz.log 2>&1; then \
		grep -E '^(Done|stat::|rex-fuzz:)' $(FUZZ_BUILD)/fuzz.log; echo "fuzz: 1 passed, 0 failed"; \
	else \
		tail -n 150 $(FUZZ_BUILD)/fuzz.log; \
		echo "Fuzzing found a problem: the input is in $(FUZZ_BUILD)/findings/, the whole log in $(FUZZ_BUILD)/fuzz.log"; \
		echo "fuzz: 0 passed, 1 failed"; exit 1; \
	fi

clean:
	rm -rf .build .build-fuzz site
