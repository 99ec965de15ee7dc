# Takeout & Table. `make run` serves the site, `make test` runs every check.
# Both set up what they need first, and reuse it the next time.

PYTHON ?= python3
PORT ?= 8000
DATA_DIR ?= $(CURDIR)/data
export PORT DATA_DIR

VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
URL := http://127.0.0.1:$(PORT)

.DEFAULT_GOAL := help
.PHONY: help run dev test build superuser clean readme lighthouse bench exercises exercise check hint reset

help:
	@echo "make run        set up and serve the site with gunicorn at $(URL)"
	@echo "make test       set up and run every check (lint, Dockerfile lint, Django checks, pytest"
	@echo "                on SQLite, then on PostgreSQL where it is installed)"
	@echo "make dev        Django's runserver with auto-reload and DEBUG on, for coursework"
	@echo "make superuser  create an admin account"
	@echo "make clean      remove .venv, node_modules and build/ (keeps the database in data/)"
	@echo "make readme     refresh the README's curl transcripts from a real run"
	@echo "                (TEST_LOG=build/test.log also takes the counts of a saved make test)"
	@echo "make lighthouse Lighthouse's four scores for /, /menu/, /compare/ and /accounts/login/"
	@echo "make bench      wrk against the site, nginx and gunicorn's defaults: ratios, table and"
	@echo "                chart in build/bench/ (under 5 minutes; BENCH_SECONDS=1 for a quick try)"
	@echo
	@echo "Coursework (exercises/README.md):"
	@echo "make exercises        list the exercises: not started, started or passed"
	@echo "make exercise EX=01   start exercise 01 (refuses if you have uncommitted changes)"
	@echo "make check            grade the exercise in progress; exit status 0 when all pass"
	@echo "                      (EX=05 grades another, JSON=results.json also writes JSON)"
	@echo "make hint             the next hint for the exercise in progress"
	@echo "make reset            back to the exercise's starting state, your attempt kept"

$(BIN)/python:
	@$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
		echo >&2 "Could not create a virtual environment with $(PYTHON)."; \
		echo >&2 "On Debian or Ubuntu: sudo apt-get install python3-venv"; exit 1; }

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

$(DATA_DIR):
	@mkdir -p $@

# axe-core, which the browser tests load into every page, comes from npm. Without
# npm those tests skip and say how to get it.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: the accessibility tests will skip (sudo apt-get install npm)"; fi

# The static assets (hashed, Brotli and gzip) and the compressed copy of the
# pages are rebuilt only when a source file changed.
build/.stamp: $(VENV)/.runtime config/settings.py $(shell find static pages/site -type f)
	$(MANAGE) collectstatic --noinput --verbosity 0
	$(MANAGE) build_pages
	@touch $@

build: build/.stamp

run: build/.stamp | $(DATA_DIR)
	$(MANAGE) migrate --noinput --verbosity 0
	$(MANAGE) seed_demo
	@echo
	@echo "Takeout & Table is being served at $(URL)/"
	@echo "  The takeout side (static files): $(URL)/  $(URL)/takeout/  $(URL)/hours/"
	@echo "                                   $(URL)/how-it-works/  $(URL)/compare/  $(URL)/about/"
	@echo "                                   $(URL)/coursework/ (then: make exercises)"
	@echo "  Built in your browser:           $(URL)/menu/in-your-browser/ (a file, then data from $(URL)/api/menu/)"
	@echo "  The table side (Django views):   $(URL)/menu/  $(URL)/accounts/  $(URL)/request/"
	@echo "                                   $(URL)/accounts/session/  $(URL)/accounts/mail/  $(URL)/admin/ (as chef)"
	@echo "Press Ctrl+C to stop."
	@echo
	exec $(BIN)/gunicorn -c gunicorn.conf.py config.wsgi

dev: $(VENV)/.runtime | $(DATA_DIR)
	$(MANAGE) migrate --noinput --verbosity 0
	$(MANAGE) seed_demo
	DJANGO_DEBUG=1 $(MANAGE) runserver 127.0.0.1:$(PORT)

# The whole suite runs twice: on SQLite (the default), then on PostgreSQL, in a
# throwaway cluster that pg_virtualenv (Debian's postgresql-common) makes and
# drops again, with DATABASE_URL pointing at it.
test: $(VENV)/.dev node_modules/.installed | $(DATA_DIR)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/hadolint Dockerfile
	$(MANAGE) check --fail-level WARNING
	$(MANAGE) makemigrations --check --dry-run
	$(BIN)/pytest
	@if command -v pg_virtualenv >/dev/null 2>&1; then \
		echo "The whole suite again, on PostgreSQL (pg_virtualenv):"; \
		pg_virtualenv sh -c 'DATABASE_URL="postgres://$$PGUSER:$$PGPASSWORD@$$PGHOST:$$PGPORT/$$PGDATABASE" exec $(BIN)/pytest'; \
	elif [ -n "$$CI" ]; then \
		echo >&2 "PostgreSQL is not installed, and CI must run the suite on it too: apt-get install postgresql postgresql-common"; \
		exit 1; \
	else \
		echo "Not run on PostgreSQL: it is not installed (sudo apt-get install postgresql postgresql-common)."; \
	fi

superuser: $(VENV)/.runtime | $(DATA_DIR)
	$(MANAGE) migrate --noinput --verbosity 0
	$(MANAGE) createsuperuser

clean:
	rm -rf $(VENV) build node_modules tools/lighthouse/node_modules

readme: build/.stamp $(VENV)/.dev
	$(BIN)/python tools/readme.py $(if $(TEST_LOG),--test-log $(TEST_LOG))

# Lighthouse (about 180 MB from npm) is installed only for this target, not by make test.
tools/lighthouse/node_modules/.installed: tools/lighthouse/package.json tools/lighthouse/package-lock.json
	npm ci --prefix tools/lighthouse --no-audit --no-fund --loglevel=error
	@touch $@

lighthouse: build/.stamp $(VENV)/.dev tools/lighthouse/node_modules/.installed
	$(BIN)/python tools/lighthouse/audit.py

# A benchmark, never part of make test: its figures depend on the machine. wrk
# and nginx come from Debian; bench/tools.py installs them when run as root.
bench: build/.stamp $(VENV)/.dev
	$(BIN)/python -m bench

# The exercise commands grade on a throwaway database, never the one in data/.
EXERCISES := $(BIN)/python -m exercises

exercises: $(VENV)/.runtime
	@$(EXERCISES) list

exercise: $(VENV)/.runtime
	@test -n "$(EX)" || { echo >&2 "Say which exercise: make exercise EX=01 (make exercises lists them)"; exit 2; }
	@$(EXERCISES) start $(EX)

check: $(VENV)/.runtime
	@$(EXERCISES) check $(EX) $(if $(JSON),--json $(JSON))

hint: $(VENV)/.runtime
	@$(EXERCISES) hint $(EX)

reset: $(VENV)/.runtime
	@$(EXERCISES) reset
