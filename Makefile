# The two commands: `make run` and `make test`. Everything else is set up by them.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 0.0.0.0
WEB_CONCURRENCY ?= 3
export SITE_URL ?= http://localhost:$(PORT)

.PHONY: run test test-sqlite serve setup bench lint lock messages clean audit backup restore

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Installed from the lock files: every package pinned with its hashes (`make lock` writes them
# from requirements.txt and requirements-dev.txt, the readable lists).
$(VENV)/.runtime: requirements.lock | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	touch $@

$(VENV)/.dev: requirements.lock requirements-dev.lock | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@ $(VENV)/.runtime

PIP_COMPILE := $(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links
lock: $(VENV)/.dev
	$(PIP_COMPILE) --output-file=requirements.lock requirements.txt
	$(PIP_COMPILE) --output-file=requirements-dev.lock requirements-dev.txt

.PHONY: gettext
gettext:
	@command -v msgfmt >/dev/null || { echo "Installing gettext (msgfmt)…"; apt-get update -qq && apt-get install -y -qq gettext >/dev/null; }

messages: gettext
	cd $(CURDIR) && $(BIN)/python manage.py compilemessages --ignore=.venv -v0

setup: $(VENV)/.runtime messages
	$(BIN)/python manage.py migrate --noinput -v0
	$(BIN)/python manage.py collectstatic --noinput -v0
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py ensure_admin

serve:
	RUN_TASK_WORKER=$${RUN_TASK_WORKER:-1} $(BIN)/gunicorn balkan.wsgi --bind $(HOST):$(PORT) --workers $(WEB_CONCURRENCY) \
		--access-logfile - --forwarded-allow-ips="$${FORWARDED_ALLOW_IPS:-127.0.0.1}"

run: setup serve

# Three workers on two cores: a good part of the suite waits (on gunicorn and Chromium started by the
# tests, on the timeouts the fault tests provoke) rather than computes. Measured on 2 cores, PostgreSQL,
# Redis and the browser tests: 737 s with two workers, 648 s with three; 557 s in CI once the demo
# was copied instead of loaded per test and committed tests were emptied by DELETE (tests/helpers/).
TEST_WORKERS ?= 3
test: $(VENV)/.dev messages
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check templates
	$(BIN)/python manage.py makemigrations --check --dry-run -v0
	$(BIN)/python manage.py collectstatic --noinput -v0
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist worksteal $(PYTEST_ARGS)

test-sqlite: $(VENV)/.dev messages
	$(BIN)/python manage.py collectstatic --noinput -v0
	DATABASE_URL= REDIS_URL= $(BIN)/python -m pytest -m "not browser and not postgres" -n 2 --dist worksteal $(PYTEST_ARGS)

# Every pre-commit hook (django-upgrade, ruff, ruff format, djhtml) on all files; it rewrites
# what it can, so commit first and look at `git diff` after.
lint: $(VENV)/.dev
	$(BIN)/pre-commit run --all-files --show-diff-on-failure

clean:
	rm -rf $(VENV) var/static

# Known vulnerabilities in the pinned requirements (PyPI's advisory data); fails on any.
audit: $(VENV)/.dev
	$(BIN)/pip-audit --strict --progress-spinner off --disable-pip -r requirements-dev.lock

# var/backups/<time>.tar.gz: the database as natural-key JSON and the media files.
backup: $(VENV)/.runtime
	$(BIN)/python manage.py backup

# Into an empty database: make restore FILE=var/backups/20250101-120000.tar.gz
restore: $(VENV)/.runtime
	@test -n "$(FILE)" || { echo "Usage: make restore FILE=var/backups/<time>.tar.gz"; exit 2; }
	$(BIN)/python manage.py restore "$(FILE)"

# `make bench`: seed 1,000 then 100,000 news items into a database of its own and load the site
# with wrk against a bare Django app (see tools/bench/); the report goes to var/bench/bench.md.
# Each size gets its own database, named after BENCH_DATABASE_URL with _<N> appended.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/balkan_bench
BENCH_REDIS_URL ?= redis://127.0.0.1:6379/10
BENCH_ARGS ?=
bench: $(VENV)/.runtime messages
	@command -v wrk >/dev/null && command -v varnishd >/dev/null || { echo "Installing wrk and Varnish…"; \
		apt-get update -qq && apt-get install -y -qq wrk varnish varnish-modules >/dev/null; }
	$(BIN)/python manage.py collectstatic --noinput -v0
	DATABASE_URL=$(BENCH_DATABASE_URL) REDIS_URL=$(BENCH_REDIS_URL) CACHE_KEY_PREFIX=balkan-bench \
		$(BIN)/python -m tools.bench --fresh --workers $(WEB_CONCURRENCY) $(BENCH_ARGS)
