# Two commands for a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NOTES ?= answers

.PHONY: run test lint bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev,voice]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/rehearse $(NOTES)

test: $(STAMP)
	@bash tests/ensure-tools.sh
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check rehearse tests benchmarks
	$(BIN)/mypy

bench: $(STAMP)
	@rm -f .bench-figures.jsonl
	@for script in benchmarks/bench_*.py; do \
		REHEARSE_BENCH_RESULTS=.bench-figures.jsonl $(BIN)/python $$script || exit 1; done
	@$(BIN)/python benchmarks/summary.py .bench-figures.jsonl

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build dist
