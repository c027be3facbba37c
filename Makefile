# Two entry points: `make demo` (set up, then the sandbox) and `make test` (set up, then checks).
# Everything installs into .venv from the package registry; nothing else is needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint setup bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(BIN)/beacon sandbox

lint: $(STAMP)
	$(BIN)/ruff check bot handlers privacy content sandbox tests bench
	$(BIN)/mypy

test: lint
	$(BIN)/beacon kb check
	$(BIN)/pytest -q

bench: $(STAMP)
	$(BIN)/python -m bench.privacy
	$(BIN)/python -m bench.answers
	$(BIN)/python -m bench.broadcast

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
