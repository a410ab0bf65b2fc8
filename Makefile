# Two commands for a new user: `make run` and `make test`. Both create .venv if missing.
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
DB ?= frontlines.duckdb

.PHONY: run test lint clean

$(VENV)/bin/python:
	python3 -m venv $(VENV)
	$(PIP) install -q --upgrade pip

$(VENV)/.installed: $(VENV)/bin/python pyproject.toml
	$(PIP) install -q -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PIP) install -q -e '.[test]'
	touch $@

run: $(VENV)/.installed
	$(VENV)/bin/frontlines run examples/reports/ --db $(DB)

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check .

test: $(VENV)/.installed-test lint
	$(PY) -m pytest -q; rc=$$?; if [ $$rc -eq 5 ]; then echo "no tests collected"; exit 0; fi; exit $$rc

clean:
	rm -rf $(VENV) $(DB) .pytest_cache build *.egg-info
