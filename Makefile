# Open Verzuim. Two commands matter: `make run` and `make test`. Both bootstrap from a fresh
# clone with only python3 (3.11+) on the PATH: they create .venv and install what pyproject.toml pins.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1
PORT   ?= 8000
WORKERS ?= 4

.DEFAULT_GOAL := help
.PHONY: help install system-deps run serve test lint types-apps bench messages assets clean distclean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/'

$(PY):
	$(PYTHON) -m venv $(VENV)

# Reinstall only when pyproject.toml changed since the last install.
$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

install: $(STAMP)  ## create .venv and install the pinned dependencies (only when needed)

run: $(STAMP)  ## migrate, load demo data into an empty database, serve on http://127.0.0.1:8000
	DEBUG=1 $(PY) manage.py migrate --no-input
	DEBUG=1 $(PY) manage.py migrate --no-input --database=medical
	@if DEBUG=1 $(PY) manage.py help load_demo >/dev/null 2>&1; then \
		DEBUG=1 $(PY) manage.py load_demo; \
	else echo "No load_demo command yet: starting without demo data."; fi
	DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

# The production-like set-up of docs/deployment.md on one machine: PostgreSQL (DATABASE_URL), gunicorn
# with WORKERS web workers, one task worker claiming jobs from the database queue; REDIS_URL, when
# set, carries the cache and the sessions. DEBUG=1 unless given: plain http on this machine.
serve: $(STAMP)  ## gunicorn (WORKERS=4) + a db_worker on PostgreSQL; needs DATABASE_URL=postgres://...
	@case "$$DATABASE_URL" in postgres://*|postgresql://*) ;; \
		*) echo "make serve: set DATABASE_URL to a PostgreSQL database, e.g." \
			"DATABASE_URL=postgres://postgres@127.0.0.1:5432/openverzuim (createdb it first)."; exit 2;; esac
	DEBUG=$${DEBUG:-1} $(PY) manage.py migrate --no-input
	DEBUG=$${DEBUG:-1} $(PY) manage.py migrate --no-input --database=medical
	DEBUG=$${DEBUG:-1} TASKS_BACKEND=django_tasks_db.DatabaseBackend sh -c '\
		$(PY) manage.py db_worker --no-reload & worker=$$!; \
		trap "kill $$worker" EXIT INT TERM; \
		$(BIN)/gunicorn config.wsgi:application --bind $(HOST):$(PORT) --workers $(WORKERS) \
			--max-requests 2000 --max-requests-jitter 200'

# Chromium (the browser tests) and Pango (WeasyPrint): installed with apt-get when missing and
# running as root; otherwise one line says what to install, and the target fails.
system-deps:  ## install the Debian packages the tests need (Chromium, Pango) when missing
	./scripts/system-deps

test: $(STAMP) system-deps  ## the whole suite: ruff, import contracts, mypy, pytest
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy
	DEBUG=1 $(BIN)/mypy --config-file mypy-apps.toml
	$(BIN)/pytest

lint: $(STAMP)  ## ruff, the import contracts and mypy only
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy
	DEBUG=1 $(BIN)/mypy --config-file mypy-apps.toml

# Also part of `make test` and `make lint`. DEBUG=1: Django's mypy plugin loads the settings.
types-apps: $(STAMP)  ## mypy on the apps with Django's types, at check_untyped_defs (mypy-apps.toml)
	DEBUG=1 $(BIN)/mypy --config-file mypy-apps.toml

bench: $(STAMP)  ## the timeline, caseload, duty table and pay benchmarks (results go to docs/performance.md)
	$(PY) bench/timeline_bench.py
	$(PY) bench/caseload_bench.py
	$(PY) bench/duties_bench.py
	$(PY) bench/pay_bench.py

# Needs GNU gettext (msgfmt). The compiled .mo files are committed, so run and test do not.
# The apps in APP_CATALOGUES keep their own catalogue in openverzuim/<app>/locale/; the others share
# openverzuim/locale/. Separate catalogues, and locations without line numbers, let work on
# different apps proceed without conflicts in the catalogues.
APP_CATALOGUES := medical documents measures reminders guide
messages: $(STAMP)  ## update the .po files from the source and recompile the .mo files
	DEBUG=1 $(PY) manage.py makemessages -l nl -l en --no-obsolete --add-location=file --ignore=$(VENV) \
		--ignore=tests --ignore=bench --ignore=staticfiles \
		$(foreach app,$(APP_CATALOGUES),--ignore='openverzuim/$(app)/*')
	for app in $(APP_CATALOGUES); do \
		(cd openverzuim/$$app && DEBUG=1 ../../$(PY) ../../manage.py makemessages -l nl -l en \
			--no-obsolete --add-location=file) || exit 1; \
	done
	DEBUG=1 $(PY) manage.py compilemessages --ignore=$(VENV)

# Needs npm. The built CSS is committed, so run and test do not: see docs/design.md.
assets:  ## rebuild the NL Design System CSS in openverzuim/core/static/vendor/utrecht/ (npm ci, pinned)
	./scripts/build-assets

clean:  ## remove caches and build output (keeps .venv and db.sqlite3)
	rm -rf staticfiles build dist *.egg-info .pytest_cache .ruff_cache .mypy_cache .hypothesis .import_linter_cache
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -exec rm -rf {} +

distclean: clean  ## also remove .venv and the SQLite database
	rm -rf $(VENV) db.sqlite3
