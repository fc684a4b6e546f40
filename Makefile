# Set-up and everyday commands. `make serve` and `make test` are all a fresh machine needs.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# pyodide-build needs Python >= 3.12: use the first 3.12+/3.13 interpreter found
# (python3.12, python3.13, then pyenv's 3.12.1 / 3.13.0). Override with `make PYTHON=...`.
PYTHON ?= $(shell for p in python3.12 python3.13 $$HOME/.pyenv/versions/3.12.1/bin/python3 \
	$$HOME/.pyenv/versions/3.13.0/bin/python3 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null \
	&& { command -v $$p; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
CHROMIUM ?= /usr/bin/chromium
export CHROMIUM
SITE_URL ?= http://127.0.0.1:$(PORT)/
export DISABLE_MKDOCS_2_WARNING := true
export NO_MKDOCS_2_WARNING := 1

.PHONY: help deps build serve test typecheck chromium lock bench lighthouse clean

help:
	@echo "make serve   install everything, build the site and serve it at http://127.0.0.1:$(PORT)"
	@echo "             (LINK=1.6:150 sends it as over a 1.6 Mbit/s link with 150 ms per request)"
	@echo "make test    install everything and run the whole test suite"
	@echo "make build   build the complete site into site/"
	@echo "make typecheck  type-check the project's JavaScript (tsc, from its JSDoc types)"
	@echo "make bench   measure load and calculator speed in headless Chromium on loopback and two paced links"
	@echo "             (BENCH=\"--profiles 1.6mbit --rounds 2\" to choose; see benchmarks/bench.py --help)"
	@echo "make lighthouse  Lighthouse scores of a guide page and a calculator page"
	@echo "make lock    re-pin Python dependencies (requirements.txt, with hashes)"

$(BIN)/.installed: requirements.txt
	@test -n "$(PYTHON)" || { echo "error: Python 3.12 or newer is needed (pyodide-build requires it); install python3.12 or set PYTHON=" >&2; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

deps: $(BIN)/.installed node_modules/.installed

build: deps
	SITE_URL=$(SITE_URL) $(BIN)/mkdocs build --strict

serve: build
	$(BIN)/python tools/serve.py site $(PORT) $(if $(LINK),--link $(LINK))

chromium:
	@test -x "$(CHROMIUM)" || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Debian's chromium for the browser tests..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "error: the browser tests need Chromium at /usr/bin/chromium: run 'sudo apt-get install chromium'" >&2; exit 2; \
	  fi; }

test: deps chromium
	$(BIN)/python -m pytest -n 2 --dist loadgroup

# The project's JavaScript, type-checked from its JSDoc (tsc --noEmit; one config per global
# scope: pages, workers, Node). tests/test_typecheck.py runs the same in `make test`.
typecheck: deps
	for config in tsconfig*.json; do node_modules/.bin/tsc --noEmit -p $$config || exit 1; done

bench: deps chromium
	$(BIN)/python benchmarks/bench.py $(BENCH)

# Lighthouse (mobile) on a guide page and a calculator page, against Debian's Chromium.
lighthouse: deps chromium
	CHROME_PATH=$(CHROMIUM) $(BIN)/python benchmarks/lighthouse.py

lock:
	$(PYTHON) -m venv .cache/lock-venv && .cache/lock-venv/bin/pip install --quiet pip-tools
	.cache/lock-venv/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras -o requirements.txt requirements.in

clean:
	rm -rf site .cache dist
