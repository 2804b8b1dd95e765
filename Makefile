# The one entry point for every task. Each target sets up what it needs first (idempotent, quick when done):
# a .venv with the pinned Python packages, node_modules from package-lock.json; a Chromium for browser tests is found.
#
#   make serve      live preview of every language at http://127.0.0.1:8000/amazon-password-guide/
#   make test       everything CI runs: build, validate, link check, pytest (browser tests included)
#   (see `make help` for the rest)

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
PY_STAMP := $(VENV)/.installed-$(shell cat requirements/requirements.lock | cksum | cut -d' ' -f1)
NODE_STAMP := node_modules/.installed
# Material prints an end-of-life notice on every build; it is known and tracked (README, "Maintenance dates").
export NO_MKDOCS_2_WARNING := 1
# The site's Markdown extensions (scripts/extensions/, named in mkdocs.yml) are imported from the project root.
export PYTHONPATH := $(CURDIR)
# pip must never pick a pre-release (MkDocs 2.0 dev releases share the name).
export PIP_PRE := 0
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: help setup serve build diagrams validate translations linkcheck linkcheck-external lint-markdown lint-workflows test test-checks bench browser lock clean zensical-check

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-20s %s\n", $$1, $$2}'

# ----------------------------------------------------------------------------------------------------------------
# Setup
# ----------------------------------------------------------------------------------------------------------------
$(PY_STAMP): requirements/requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; found " + sys.version.split()[0])'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes --no-deps --only-binary=:all: -r requirements/requirements.lock
	@rm -f $(VENV)/.installed-*
	@touch $@

# Zensical (Material's successor) in a venv of its own, from its own hashed lock: never mixed with the real build's.
ZENSICAL_VENV := .venv-zensical
ZENSICAL_STAMP := $(ZENSICAL_VENV)/.installed-$(shell cat .github/zensical/requirements.txt | cksum | cut -d' ' -f1)
$(ZENSICAL_STAMP): .github/zensical/requirements.txt
	@test -x $(ZENSICAL_VENV)/bin/python || $(PYTHON) -m venv $(ZENSICAL_VENV)
	$(ZENSICAL_VENV)/bin/python -m pip install --quiet --require-hashes --no-deps --only-binary=:all: \
	  -r .github/zensical/requirements.txt
	@rm -f $(ZENSICAL_VENV)/.installed-*
	@touch $@

$(NODE_STAMP): package-lock.json
	@command -v npm >/dev/null || { echo "error: Node.js 20+ with npm is needed for the checks and browser tests (https://nodejs.org/)"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

setup: $(PY_STAMP) $(NODE_STAMP) ## Install the pinned Python and Node dependencies

browser: $(PY_STAMP) ## Find Chromium for the browser tests and `make diagrams`, installing Debian's when run as root
	@$(PY) -m scripts.chromium --ensure

# ----------------------------------------------------------------------------------------------------------------
# Site
# ----------------------------------------------------------------------------------------------------------------
serve: $(PY_STAMP) ## Live preview of every language at http://127.0.0.1:8000/amazon-password-guide/
	$(PY) scripts/serve.py

# One strict build per language of extra.languages (scripts/project.py lists their configs, the original first).
build: $(PY_STAMP) ## Build every language into site/ (strict: any warning, a broken link or anchor too, fails)
	@configs="$$($(PY) -m scripts.project configs)"; for config in $$configs; do \
	  echo "$(BIN)/mkdocs build --strict -f $$config"; $(BIN)/mkdocs build --strict -f $$config; done
	@echo "built site/ with every language"

diagrams: $(PY_STAMP) browser ## Draw new or edited ```mermaid blocks into docs/diagrams/ (commit the result)
	$(PY) -m scripts.render_diagrams

# ----------------------------------------------------------------------------------------------------------------
# Checks
# ----------------------------------------------------------------------------------------------------------------
validate: $(PY_STAMP) $(NODE_STAMP) ## Fast source checks: no build, no browser
	$(PY) -m scripts.validate

translations: $(PY_STAMP) ## Status of every translation; MARK=path/index.md records a reviewed English page as current
	$(PY) -m scripts.translations $(if $(MARK),--mark $(MARK))

linkcheck: build ## Crawl the built site over HTTP: every internal link (anchors: the strict build)
	$(PY) -m scripts.check_links

linkcheck-external: build ## Also check links to other sites (needs the network; run by a scheduled job)
	$(PY) -m scripts.check_links --external

lint-markdown: $(NODE_STAMP) ## Markdown style of the pages and docs (markdownlint, tuned for Material)
	node_modules/.bin/markdownlint-cli2

# jactionlint = actionlint's checks plus its security rules (see requirements.in for why the fork); zizmor = the
# GitHub Actions security audit. Both offline: CI has no GitHub API token in pull requests, and neither needs one.
lint-workflows: $(PY_STAMP) ## GitHub workflows: jactionlint and zizmor, offline; any finding fails
	$(BIN)/jactionlint --no-online --strict-exit --no-color --shellcheck=$(BIN)/shellcheck --pyflakes=
	$(BIN)/zizmor --offline --persona=pedantic --no-progress --color=never .

# The code's own linters (decisions/0012-linters.md), both part of `make test`: ruff over the Python (rules in
# pyproject.toml), Biome over the site's JavaScript and CSS (rules in biome.jsonc). Any finding fails.
.PHONY: lint lint-python lint-web format
lint: lint-markdown lint-workflows lint-python lint-web ## Every linter (each is also part of `make test`)

lint-python: $(PY_STAMP) ## Python of scripts/ and tests/: ruff check and ruff format --check (pyproject.toml)
	$(BIN)/ruff check --output-format=concise scripts tests
	$(BIN)/ruff format --check scripts tests

lint-web: $(NODE_STAMP) ## JavaScript and CSS of overrides/: Biome's linter (biome.jsonc)
	node_modules/.bin/biome lint --error-on-warnings

format: $(PY_STAMP) $(NODE_STAMP) ## Apply the linters' safe fixes: ruff (fixes, then format) and Biome; review the diff
	$(BIN)/ruff check --fix --exit-zero --output-format=concise scripts tests
	$(BIN)/ruff format scripts tests
	node_modules/.bin/biome lint --write

test-checks: lint-python lint-web

# The checks before pytest are independent of each other (the link check and the Zensical check wait for the build):
# they run two at a time, each one's output printed whole when it ends. The tests read the site `make build` just
# made (GUIDE_SITE_DIR) instead of building it again. Tests without a browser run first, in a run of their own: a
# failure there stops `make test` in minutes, before the browser tests. They use every CPU (pytest-xdist). The
# browser tests run in one process: one Chromium already keeps both cores of a 2-core machine busy, and two took
# longer (5 min 0 s against 3 min 54 s on 2026-11-30, 583 CPU seconds against 355).
PYTEST_PARALLEL := --numprocesses=auto --dist=loadgroup
PYTEST_BROWSER := --numprocesses=0
test: ## Everything: build, validate, lints, link check, pytest (browser tests included)
	@mkdir -p build && date +%s > build/.test-started
	@$(MAKE) --no-print-directory --jobs=2 --output-sync=target test-checks
	GUIDE_SITE_DIR=site $(PY) -m pytest $(PYTEST_PARALLEL) -m "not browser"
	GUIDE_SITE_DIR=site $(PY) -m pytest $(PYTEST_BROWSER) -m browser
	@# `make bench` reports how long the whole run took (figures live there, not in timed tests).
	@echo $$(( $$(date +%s) - $$(cat build/.test-started) )) > build/test-seconds.txt

test-checks: build validate lint-markdown lint-workflows linkcheck zensical-check browser

# A gate for the build only: failing to build, or losing pages, lang, the language control, diagrams or the
# no-third-party rule, fails (decisions/0011-mkdocs-pin-and-zensical.md).
zensical-check: build $(ZENSICAL_STAMP) ## Build every language with Zensical too; fail if it cannot or loses what a switch must keep
	$(PY) -m scripts.zensical_check --python $(ZENSICAL_VENV)/bin/python $(if $(REPORT),--report '$(REPORT)')

bench: build browser $(NODE_STAMP) ## Page weight, Lighthouse, build/test times, search; PAGES='en/*' limits (asserts nothing)
	PAGES='$(PAGES)' $(PY) -m scripts.bench

# ----------------------------------------------------------------------------------------------------------------
# Maintenance
# ----------------------------------------------------------------------------------------------------------------
lock: $(PY_STAMP) ## Re-pin requirements/requirements.lock from requirements/requirements.in
	$(PY) -m pip install --quiet pip-tools==7.6.2
	$(BIN)/pip-compile --quiet --generate-hashes --strip-extras --no-emit-index-url --no-emit-find-links \
	  --output-file requirements/requirements.lock requirements/requirements.in

clean: ## Remove the built site, caches and installed dependencies
	rm -rf site .venv $(ZENSICAL_VENV) node_modules .pytest_cache test-results build
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
