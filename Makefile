# vnplan: `make extract` and `make test` do all set-up on a fresh machine (Python 3.11, make, apt).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
DATA := data
OUT := $(DATA)/parquet

.DEFAULT_GOAL := help
.PHONY: help install system-deps extract test test-fast review compare diff lint bench eval-repair eval-real clean

help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(INSTALLED): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || { apt-get update -qq && apt-get install -y -qq python3-venv && $(PYTHON) -m venv $(VENV); }
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	@touch $@

install: $(INSTALLED) ## create .venv and install the project with its dependencies

# Debian packages the pipeline calls: tesseract with its Vietnamese model (OCR of scanned pages),
# poppler-utils (pdftoppm); LibreOffice Writer without its GUI (converts .doc, .rtf, .odt, .wps to DOCX);
# chromium and a font with Vietnamese glyphs for the review pages' browser test.
# Installed only when missing, so a set-up machine never touches apt.
DEBIAN_PACKAGES := tesseract-ocr tesseract-ocr-vie poppler-utils libreoffice-writer-nogui chromium fonts-dejavu-core

system-deps: ## install the Debian packages the pipeline calls (apt-get; root on CI)
	@dpkg -s $(DEBIAN_PACKAGES) >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq --no-install-recommends $(DEBIAN_PACKAGES); }

extract: $(INSTALLED) system-deps ## run the pipeline on corpus/ → data/parquet/*.parquet
	$(PY) -m outputs extract corpus --out $(OUT)

test: $(INSTALLED) system-deps ## run the whole test suite (offline), as CI does
	$(PY) -m pytest

test-fast: $(INSTALLED) system-deps ## the test suite without the tests marked slow (under a minute)
	$(PY) -m pytest -m "not slow"

review: $(INSTALLED) ## review pages of the last run (make extract first) → data/review/index.html
	$(PY) -m outputs review --tables $(OUT) --out $(DATA)/review

compare: $(INSTALLED) ## charts of each province's targets beside the national ones → data/charts/*.png|svg
	$(PY) -m outputs compare-chart --tables $(OUT) --out $(DATA)/charts

# make diff: what a fresh run of corpus/ would change in $(OUT) (e.g. after editing rules);
# make diff A=run B=run|sheet.csv compares two given runs, or scores a run against a filled-in review sheet.
A ?= $(OUT)
B ?= $(OUT).new
diff: $(INSTALLED) ## thresholds added/removed/changed vs a fresh run (or make diff A=run B=run|sheet.csv)
	@test "$(origin B)" = "command line" || $(PY) -m outputs extract corpus --out $(B) >/dev/null
	$(PY) -m outputs diff $(A) $(B)

lint: $(INSTALLED) ## ruff, then mypy --strict on the packages
	$(VENV)/bin/ruff check extract normalize rules outputs evaluation scripts tests
	$(VENV)/bin/mypy

bench: $(INSTALLED) system-deps ## synthetic corpus at 10×, 100×, 1000× the seed pages: throughput, memory, scaling; the same on a loopback Dask cluster
	$(PY) scripts/bench.py
	$(PY) scripts/bench_cluster.py

eval-repair: $(INSTALLED) ## glyph restoration: leave-one-out on damaged seeds, held-out real text damaged like 003, seed 003 vs its manual restoration
	$(PY) -m evaluation.unseen
	$(PY) -m evaluation.damaged_seeds
	$(PY) -m evaluation.against_truth tests/golden/003_restored.txt

eval-real: $(INSTALLED) ## precision/recall per table and accuracy per metadata field on real documents (seeds excluded)
	$(PY) -m evaluation.real

clean: ## remove data/ (everything a run writes), caches and the virtualenv
	rm -rf $(VENV) $(DATA) .pytest_cache .mypy_cache .ruff_cache *.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
