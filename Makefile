# Impactportaal — every target installs what it needs first.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
PORT ?= 8000
export DJANGO_SETTINGS_MODULE := impactportal.settings

.PHONY: help install run test e2e fuzz bench load lint messages system-deps browser clean

help:
	@echo "make run    install, migrate, load demo data, serve http://127.0.0.1:8000 (PORT=8001 for another)"
	@echo "           with a Celery worker and beat (SQLite, broker files in .celery/); Ctrl-C stops all"
	@echo "make test   install and run the whole test suite"
	@echo "make e2e    browser journeys (Playwright + Debian Chromium)"
	@echo "make fuzz   schemathesis against the OpenAPI schema"
	@echo "make bench  benchmarks at national scale (~100,000 enterprises)"
	@echo "make load   load test under gunicorn + PostgreSQL"
	@echo "make lint   ruff"

# Debian packages, installed only when missing and root: the libraries WeasyPrint needs (and
# pdftotext for tests), Node.js and npm for the front-end packages, and venv for $(PYTHON).
system-deps:
	@missing=""; for pkg in libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core poppler-utils gettext; do \
	  dpkg -s $$pkg >/dev/null 2>&1 || missing="$$missing $$pkg"; done; \
	command -v node >/dev/null 2>&1 || missing="$$missing nodejs"; \
	command -v npm >/dev/null 2>&1 || missing="$$missing npm"; \
	$(PYTHON) -c 'import ensurepip, venv' >/dev/null 2>&1 || missing="$$missing python3-venv $(notdir $(PYTHON))-venv"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = "0" ]; then echo "apt-get install$$missing"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  else echo "Please install:$$missing (as root)"; fi; fi

browser: system-deps
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = "0" ] && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null; }

$(STAMP): pyproject.toml | system-deps
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -e '.[dev]'
	touch $(STAMP)

node_modules/.package-lock.json: package.json package-lock.json | system-deps
	npm ci --no-audit --no-fund --loglevel=error
	touch node_modules/.package-lock.json

install: system-deps $(STAMP) node_modules/.package-lock.json

locale/en/LC_MESSAGES/django.mo: locale/en/LC_MESSAGES/django.po
	DJANGO_TESTING=true $(PY) manage.py compilemessages -l en >/dev/null

messages: install
	DJANGO_TESTING=true $(PY) manage.py makemessages -l en --no-obsolete --ignore='.venv/*' --ignore='node_modules/*' --ignore='staticfiles/*' --ignore='tests/*'
	$(PY) scripts/merge_translations.py

run: install locale/en/LC_MESSAGES/django.mo
	DJANGO_DEBUG=true $(PY) manage.py migrate --noinput
	DJANGO_DEBUG=true $(PY) manage.py seed_demo --size small
	exec $(PY) scripts/devrun.py --port $(PORT)

# Two processes (pytest-xdist): each gets its own test database (test_<name>_gw0, _gw1), a copy of
# the migrated template (impactportal.db.template).
test: install locale/en/LC_MESSAGES/django.mo
	DJANGO_TESTING=true $(PY) -m pytest -n 2

e2e: install browser locale/en/LC_MESSAGES/django.mo
	DJANGO_TESTING=true DJANGO_ALLOW_ASYNC_UNSAFE=true $(PY) -m pytest -m e2e tests/e2e -p no:randomly

fuzz: install locale/en/LC_MESSAGES/django.mo
	bash tests/api/run_fuzz.sh

bench: install
	DJANGO_TESTING=true $(PY) tests/perf/bench.py

load: install
	$(PIP) install -q -e '.[load]'
	bash tests/perf/load.sh

lint: install
	$(VENV)/bin/ruff check .

clean:
	rm -rf $(VENV) node_modules staticfiles db.sqlite3 bench-results.json
