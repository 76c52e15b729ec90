# Two entry points a newcomer needs: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint bench setup clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	# Bytecode now: where PYTHONDONTWRITEBYTECODE is set, every command would compile the
	# package again (some 50 ms of each `briefing search`).
	$(BIN)/python -m compileall -q tui
	touch $(STAMP)

setup: $(STAMP)

## Set up and open the app on the bundled seeds and briefings.
run: $(STAMP)
	$(BIN)/briefing --config config.yaml

## Set up and run every test (lint, types and import contracts included).
test: lint
	$(BIN)/python -m pytest -q

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

clean:
	rm -rf $(VENV) build *.egg-info
