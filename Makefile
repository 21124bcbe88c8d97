# Two entry points for a fresh machine: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/kg build seeds/ --fresh

test: $(STAMP)
	$(BIN)/python -m pytest

# Benchmarks are run on demand, never as part of `make test` (sizes: KG_BENCH_SIZES=10,100).
bench: $(STAMP)
	$(BIN)/python -m tests.benchmarks.run

lint: $(STAMP)
	$(BIN)/ruff check kg tests

clean:
	rm -rf build .pytest_cache
