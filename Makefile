# Every target works on a machine that has only python3, pip and make: the first one that needs
# tools creates .venv and installs the project into it (editable, with its dev/test/docs extras).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
STAMP  := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help install demo web-chat test test-unit integration check lint format typecheck spec generate \
        generate-check unasync unasync-check docs docs-serve bench clean test-tools

help:  ## List the targets
	@grep -hE '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 18

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e ".[dev,docs]"
	@touch $@

install: $(STAMP)  ## Create .venv and install the project with its dev, test and docs extras

demo: $(STAMP)  ## Run the quickstart end to end against a local control plane it starts
	$(PY) docs/examples/quickstart.py

web-chat: $(STAMP)  ## Run the chat widget example (examples/web_chat) against a local control plane; prints its URL
	$(PY) examples/web_chat/local.py $(if $(PORT),--port $(PORT))

test: $(STAMP) test-tools  ## Run the whole test suite (unit, core, typing, integration, docs examples)
	$(PY) -m pytest -q

test-tools:  ## Install the system tools some tests drive (headless Chromium, tmux) when missing and allowed
	@bash scripts/install_test_tools.sh

test-unit: $(STAMP)  ## Only the fast offline tests (no sockets)
	$(PY) -m pytest -q -m "not integration"

integration: $(STAMP)  ## Only the tests over real sockets against anyframe.testing
	$(PY) -m pytest -q -m integration

check: lint typecheck spec generate-check unasync-check docs  ## Everything CI checks besides the tests

lint: $(STAMP)  ## ruff lint and format check
	$(BIN)/ruff check src tests scripts docs/examples examples
	$(BIN)/ruff format --check src tests scripts docs/examples examples

format: $(STAMP)  ## Apply ruff fixes and formatting
	$(BIN)/ruff check --fix src tests scripts docs/examples examples
	$(BIN)/ruff format src tests scripts docs/examples examples

typecheck: $(STAMP)  ## mypy --strict over the hand-written code and the tests
	$(BIN)/mypy

spec: $(STAMP)  ## Validate openapi.yaml, and check the models, builders, plane routes and curated layer against it
	$(PY) scripts/check_spec.py
	$(PY) scripts/check_contract.py

generate: $(STAMP)  ## Regenerate src/anyframe/_generated from openapi.yaml
	$(PY) scripts/generate.py

generate-check: $(STAMP)  ## Fail if src/anyframe/_generated differs from a fresh regeneration
	$(PY) scripts/generate.py --check

unasync: $(STAMP)  ## Regenerate the with_raw_response classes, then the sync twins (src/anyframe/_sync, tests/_sync)
	$(PY) scripts/raw_response.py
	$(PY) scripts/unasync.py

unasync-check: $(STAMP)  ## Fail if the with_raw_response classes or the sync twins are stale
	$(PY) scripts/raw_response.py --check
	$(PY) scripts/unasync.py --check

docs: $(STAMP)  ## Build the documentation site with --strict
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --site-dir site

docs-serve: $(STAMP)  ## Serve the documentation with live reload
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve

bench: $(STAMP)  ## Benchmark the SDK against raw httpx (ratios; exits non-zero on a missed target)
	$(PY) scripts/bench.py

clean:  ## Remove the virtualenv and build artefacts
	rm -rf $(VENV) site build dist .mypy_cache .pytest_cache .ruff_cache .hypothesis
