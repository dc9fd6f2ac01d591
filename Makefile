# Servicemiljø portal. `make run` sets up and serves the demo; `make test` runs every test.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run setup venv install static migrate demo serve test test-postgres audit lint format messages clean bench screenshots deploy-check

run: setup demo serve

setup: install static migrate

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

venv: $(PY)

$(VENV)/.installed: requirements.txt | $(PY)
	$(PIP) install --quiet -r requirements.txt
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

install: $(VENV)/.installed node_modules/.package-lock.json

# Designsystemet (only the parts the site uses) and the Inter font into static/vendor/ (frontend/build.py).
static: node_modules/.package-lock.json
	$(PY) frontend/build.py
	$(PY) manage.py collectstatic --noinput --verbosity 0

migrate: $(VENV)/.installed
	$(PY) manage.py migrate --noinput

demo: $(VENV)/.installed
	$(PY) manage.py load_demo_content

serve:
	$(PY) manage.py runserver $(HOST):$(PORT)

test: install static
	$(VENV)/bin/pytest

# The quality gate by itself (axe-core, Nu HTML Checker, keyboard journeys, hardening, hostile input),
# then Lighthouse on the main page types (median of 3 runs; audit/lighthouse.py).
audit: install static
	REQUIRE_BROWSER=1 $(VENV)/bin/pytest -q tests/browser tests/quality
	$(PY) audit/lighthouse.py --runs 3

# Full-page PNGs of every page type at 390 and 1280 px (tests/browser/test_screens.py) into screenshots/.
SCREENSHOTS_DIR ?= screenshots
screenshots: install static
	rm -rf $(SCREENSHOTS_DIR)
	SCREENSHOTS_DIR=$(abspath $(SCREENSHOTS_DIR)) REQUIRE_BROWSER=1 $(VENV)/bin/pytest -q tests/browser/test_screens.py -k screenshots
	@echo "Screenshots in $(SCREENSHOTS_DIR)/"

# Benchmark (bench/run.py): a 300- and a 10,000-unit site in PostgreSQL database servicemiljo_bench
# (dropped and recreated), gunicorn + Redis db 1 on 127.0.0.1:8018, load from wrk. About 20 minutes.
BENCH_ARGS ?=
bench: install static
	@command -v wrk >/dev/null || { echo "bench needs wrk: sudo apt-get install -y wrk (macOS: brew install wrk)"; exit 2; }
	@command -v redis-cli >/dev/null && redis-cli -u $${BENCH_REDIS_URL:-redis://127.0.0.1:6379/1} ping >/dev/null 2>&1 || { echo "bench needs Redis on 127.0.0.1:6379: sudo apt-get install -y redis-server"; exit 2; }
	$(PY) bench/run.py $(BENCH_ARGS)

# The production settings end to end (deploy/check.py, docs/deploy.md): check --deploy, collectstatic into a
# temporary directory, migrate a throw-away SQLite file, then gunicorn once serving / and a static file.
deploy-check:
	@test -x $(PY) || { echo "deploy-check needs make install first"; exit 2; }
	$(PY) deploy/check.py

# Style (ruff) and architecture: imports run one way, bottom to top, without cycles (.importlinter).
lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

format: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Apps with their own catalogue keep their strings there; the rest (cms/, templates/, ...) go to locale/.
LOCALE_APPS := $(patsubst %/locale,%,$(wildcard */locale))

messages: $(VENV)/.installed
	$(PY) manage.py makemessages -l nb --no-location --ignore=.venv --ignore=node_modules --ignore=staticfiles \
		--ignore=tests --ignore=bench --ignore=audit $(addprefix --ignore=,$(LOCALE_APPS))
	for app in $(LOCALE_APPS); do (cd $$app && ../$(PY) ../manage.py makemessages -l nb --no-location) || exit 1; done
	$(PY) manage.py compilemessages -l nb --ignore=.venv --ignore=node_modules

clean:
	rm -rf staticfiles static/vendor .pytest_cache
