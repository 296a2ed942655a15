# Rex — build, site and tests. `make site` then `make test` on a fresh clone.
SWIFT ?= swift
REX := .build/debug/rex
VENV := Tests/browser/.venv
APT_GET := $(shell command -v apt-get 2>/dev/null)

.PHONY: all build release site test unit-test node-test browser-test deps node-deps browser-deps fuzz clean

all: build

## libcmark is the only system library Rex needs.
deps:
	@if pkg-config --exists libcmark 2>/dev/null; then :; \
	elif [ -n "$(APT_GET)" ] && [ "$$(id -u)" = 0 ]; then \
		echo "Installing libcmark-dev (cmark's C library)…"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libcmark-dev pkg-config >/dev/null; \
	else \
		echo "Rex needs libcmark: install 'libcmark-dev' (Debian/Ubuntu: sudo apt-get install libcmark-dev) or 'cmark' (macOS: brew install cmark)."; \
		exit 2; \
	fi

build: deps
	$(SWIFT) build

## The binary to give the department: optimised, with the Swift runtime and Foundation linked in, so it starts in
## half the time (no shared Swift libraries to load and bind) and runs on a workstation without Swift installed.
release: deps
	$(SWIFT) build -c release --static-swift-stdlib

## Build the site from this repository's handbook.
site: build
	$(REX) build-site

## Node.js, for the step runner's unit tests (node --test, Node's own test runner: no npm packages).
node-deps:
	@if command -v node >/dev/null; then :; \
	elif [ -n "$(APT_GET)" ] && [ "$$(id -u)" = 0 ]; then \
		echo "Installing nodejs (the step runner's unit tests)…"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs >/dev/null; \
	else \
		echo "The step runner's unit tests need Node.js (18 or later): install 'nodejs' (apt-get install nodejs)."; \
		exit 2; \
	fi

## Chromium, its driver, poppler (pdftotext) and Selenium, for the browser tests.
browser-deps:
	@if command -v chromium >/dev/null && command -v chromedriver >/dev/null && command -v pdftotext >/dev/null \
		&& command -v java >/dev/null; then :; \
	elif [ -n "$(APT_GET)" ] && [ "$$(id -u)" = 0 ]; then \
		echo "Installing chromium, chromium-driver, poppler-utils and a Java runtime (the Nu HTML Checker)…"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver poppler-utils \
			default-jre-headless >/dev/null; \
	else \
		echo "The browser tests need chromium, chromium-driver, poppler-utils and Java (apt-get install chromium chromium-driver poppler-utils default-jre-headless)."; \
		exit 2; \
	fi
	@$(MAKE) --no-print-directory $(VENV)/.installed

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
