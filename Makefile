# Two commands for a new user: `make run` and `make test`. Both create .venv if missing.
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
DB ?= frontlines.duckdb

CHROMIUM ?= /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo -n)

.PHONY: run test lint clean browser

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
	@echo "Open the desk: $(VENV)/bin/frontlines serve --db $(DB) --open   (http://127.0.0.1:8080/)"

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check .

# The desk's browser tests drive Debian's chromium (never `playwright install`, which downloads a browser).
browser:
	@[ -x $(CHROMIUM) ] || { DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q chromium || { $(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q chromium; }; } \
	  || echo "no chromium at $(CHROMIUM): the desk's browser tests will be skipped"

test: $(VENV)/.installed-test lint browser
	$(PY) -m pytest -q; rc=$$?; if [ $$rc -eq 5 ]; then echo "no tests collected"; exit 0; fi; exit $$rc

clean:
	rm -rf $(VENV) $(DB) .pytest_cache build *.egg-info
