# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: run test test-unit lint bench prepare clean

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

# Every package of the project's own code; the pre-commit hooks run the same target.
TYPED := geo layers exports ingest ui bench deploy scripts tests cli.py app.py dashboard.py

lint: $(VENV)/.dev
	$(PY) -m ruff check --no-cache .
	$(PY) -m ruff format --check --no-cache .
	$(PY) -m mypy $(TYPED)

# The whole suite: lint, then the three tiers (unit, integration on ../shared, e2e in Chromium).
test: $(VENV)/.dev
	bash scripts/system-deps.sh
	$(MAKE) lint
	$(PY) -m pytest

# Unit tier only: no ../shared, no browser.
test-unit: $(VENV)/.dev
	$(PY) -m pytest -m "not integration and not e2e"

bench: $(VENV)/.dev
	bash scripts/system-deps.sh
	$(PY) -m bench $(BENCH)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache static

# N app processes behind nginx (sticky sessions) on PORT, in the foreground; Ctrl-C stops all.
# README "Many users at once"; `make cluster N=2 PORT=8501`.
N ?= 2
.PHONY: cluster
cluster: $(VENV)/.runtime
	bash deploy/install-nginx.sh
	$(PY) -m deploy.cluster --processes $(N) --port $(PORT)
