# Two commands for a newcomer (see README.md):
#   make lab   set everything up, then open JupyterLab on the start notebook
#   make test  set everything up, then run every test (unit, data, notebooks with nbval, browser)
# Both only reinstall when pyproject.toml has changed since the last install.

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
LAB_ARGS ?=
NBVAL  := --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg

.PHONY: setup lab test test-fast notebooks catalog bench check-data lint html handouts student clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	$(PY) -m lessons.dev.setup_lab
	@touch $(STAMP) $(VENV)/.cold

lab: setup
	$(VENV)/bin/jupyter lab $(ROOT_FLAG) $(LAB_ARGS) notebooks/00_start_here.ipynb

# axe-core for the accessibility audit in the browser tests: from the npm registry, served to the page from here
AXE := node_modules/axe-core/axe.min.js
$(AXE): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error && touch $(AXE); \
	else echo "npm not found: the accessibility audit is skipped (apt-get install npm; under CI=true it fails)"; fi

# when make started, so the recorded duration of make test includes any set-up it had to do
test: export LESSONS_MAKE_START := $(shell date +%s)
test: setup $(AXE) lint
	$(PY) -m pytest tests notebooks $(NBVAL)

# the same without the browser tests, for a quick loop while editing
test-fast: setup lint
	$(PY) -m pytest tests notebooks $(NBVAL) -m "not browser"

# re-execute every notebook in place so the stored outputs are current (no widget state stored)
notebooks: setup
	$(PY) -m lessons.dev.execute

# rewrite the README lesson table, the notebooks' navigation and the teacher guide's tables from notebooks/lessons.yml (maintainer commands: lessons/dev/)
catalog: setup
	$(PY) -m lessons.dev.write_catalog --write
	$(PY) -m lessons.dev.teacher_guide --write

# the performance budget, every figure beside its floor, written to BENCHMARKS.md (6-9 minutes)
bench: setup
	$(PY) -m lessons.dev.budget

# the loader's own checks (teacher-friendly file/line/column), then frictionless's generic Table Schema checks
check-data: setup
	$(PY) -m lessons.data --check --frictionless

# style and common mistakes (configured in pyproject.toml); make test runs it first
lint: setup
	$(VENV)/bin/ruff check lessons tests
	$(VENV)/bin/ruff format --check lessons tests

# the static site (offline, from file://), the printable handouts, the student copies: all in ignored folders
html: setup
	$(PY) -m lessons.dev.site --out _site

handouts: html
	$(PY) -m lessons.dev.handouts --site _site

student: setup
	$(PY) -m lessons.dev.student --out _student

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info _site _student
