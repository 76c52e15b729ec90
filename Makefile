# Two entry points a newcomer needs: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test test-fast lint bench setup lock clean

# Exact versions with their hashes, from requirements.lock (`make lock` writes it anew from
# pyproject.toml's ranges); then the package itself, without resolving anything else.
$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	# Bytecode now: where PYTHONDONTWRITEBYTECODE is set, every command would compile the
	# package again (some 50 ms of each `briefing search`).
	$(BIN)/python -m compileall -q tui
	touch $(STAMP)

setup: $(STAMP)

## Set up and open the app on the bundled seeds and briefings.
run: $(STAMP)
	$(BIN)/briefing --config config.yaml

## Set up and run every test (lint, types and import contracts included): tests/core (the core,
## no Textual), tests/app (Pilot and snapshots), tests/e2e (the installed command in tmux).
test: lint
	$(BIN)/python -m pytest -q

## The inner loop, under a minute: the core's tests but the slow ones (processes, servers).
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -x tests/core -m "not slow"

## ruff; mypy (strict on the product, checked on tests and benchmarks); import-linter's
## contracts in pyproject.toml (the core never imports Textual, screens never the app).
lint: $(STAMP)
	$(BIN)/ruff check tui tests bench
	$(BIN)/ruff format --check tui tests bench
	$(BIN)/mypy --strict tui
	$(BIN)/mypy tests bench
	$(BIN)/lint-imports

bench: $(STAMP)
	$(BIN)/python bench/bench_index.py

## Write requirements.lock anew: the newest releases pyproject.toml allows, with every file's
## hash (pip-tools, in a throwaway venv). Review the change, run make test, commit.
lock:
	rm -rf .lock-venv
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet pip-tools
	.lock-venv/bin/pip-compile --quiet --generate-hashes --extra dev --strip-extras \
		--allow-unsafe --no-emit-index-url --no-emit-find-links \
		--output-file requirements.lock pyproject.toml
	rm -rf .lock-venv

clean:
	rm -rf $(VENV) build *.egg-info
