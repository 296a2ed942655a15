# Rex — build, site and tests. `make site` then `make test` on a fresh clone.
SWIFT ?= swift
REX := .build/debug/rex
VENV := Tests/browser/.venv
APT_GET := $(shell command -v apt-get 2>/dev/null)

.PHONY: all build site test unit-test browser-test deps browser-deps clean

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

## Build the site from this repository's handbook.
site: build
	$(REX) build-site

## Chromium, its driver, poppler (pdftotext) and Selenium, for the browser tests.
browser-deps:
	@if command -v chromium >/dev/null && command -v chromedriver >/dev/null && command -v pdftotext >/dev/null; then :; \
	elif [ -n "$(APT_GET)" ] && [ "$$(id -u)" = 0 ]; then \
		echo "Installing chromium, chromium-driver and poppler-utils…"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver poppler-utils >/dev/null; \
	else \
		echo "The browser tests need chromium, chromium-driver and poppler-utils (apt-get install chromium chromium-driver poppler-utils)."; \
		exit 2; \
	fi
	@[ -x $(VENV)/bin/python ] || python3 -m venv $(VENV)
	@$(VENV)/bin/python -c "import selenium, pytest" 2>/dev/null || $(VENV)/bin/pip install -q -r Tests/browser/requirements.txt

test: unit-test browser-test

unit-test: deps
	$(SWIFT) build
	$(SWIFT) test --parallel

browser-test: build browser-deps
	REX=$(abspath $(REX)) $(VENV)/bin/python -m pytest -q Tests/browser

clean:
	rm -rf .build site
