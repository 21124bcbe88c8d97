# Two entry points for a fresh machine: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench places clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/kg build seeds/ --fresh
	@echo
	@echo "Next, with $(BIN) on your PATH (or . $(BIN)/activate):"
	@echo "  kg query --list                 the saved queries; kg query --saved NAME runs one"
	@echo "  kg serve                        a SPARQL endpoint and query page on http://127.0.0.1:7878/"
	@echo "  kg viz                          build/graph.html, the interactive graph"
	@echo "  kg stats                        counts, rankings and centrality"
	@echo "  notebooks/*.ipynb               the same from Python, through kg.api; open them with"
	@echo "                                  $(BIN)/pip install -e '.[notebook]' && $(BIN)/jupyter lab notebooks/"

test: $(STAMP)
	$(BIN)/python -m pytest

# Benchmarks are run on demand, never as part of `make test` (sizes: KG_BENCH_SIZES=10,100).
bench: $(STAMP)
	$(BIN)/python -m tests.benchmarks.run

# ontology/places.ttl, regenerated from the data packages of the dev extra.
places: $(STAMP)
	$(BIN)/python ontology/places.py > ontology/places.ttl.new && mv ontology/places.ttl.new ontology/places.ttl

lint: $(STAMP)
	$(BIN)/ruff check kg tests

clean:
	rm -rf build .pytest_cache
