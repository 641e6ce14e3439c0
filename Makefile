# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: run test lint bench prepare clean

$(VENV)/.runtime: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

run: $(VENV)/.runtime
	$(PY) -m streamlit run app.py --server.port $(PORT)

prepare: $(VENV)/.runtime
	$(PY) -m geo.prepare

lint: $(VENV)/.dev
	$(PY) -m ruff check --no-cache .
	$(PY) -m ruff format --check --no-cache .
	$(PY) -m mypy geo layers exports ingest cli.py

test: $(VENV)/.dev
	bash scripts/system-deps.sh
	$(MAKE) lint
	$(PY) -m pytest

bench: $(VENV)/.dev
	bash scripts/system-deps.sh
	$(PY) -m bench $(BENCH)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache static
