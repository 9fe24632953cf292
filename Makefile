# KAM CRM developer commands. A fresh clone needs only `make run` and `make test`.
#
#   make run       venv + dependencies, migrate, compile messages, demo data, runserver
#   make test      the whole test suite (PostgreSQL/Redis when DATABASE_URL/REDIS_URL are set)
#   make lint      ruff (lint and format) and the missing-migrations check
#   make messages  refresh the zh_Hans catalogue from the code, then compile it

PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
# Reinstall when the dependency list changes.
DEPS_STAMP := $(VENV)/.deps-installed
HOST ?= 127.0.0.1:8000
PYTEST_ARGS ?=
I18N_IGNORE := --ignore=$(VENV) --ignore=staticfiles --ignore=media --ignore=tests

.PHONY: client client-check run test lint messages compilemessages venv clean bench

venv: $(DEPS_STAMP)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(DEPS_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q '.[dev]'
	touch $(DEPS_STAMP)

# The embedded default: SQLite and eager Celery, whatever the shell has exported.
run: export DEBUG = 1
run: venv
	env -u DATABASE_URL -u REDIS_URL $(BIN)/python manage.py migrate --noinput
	$(MAKE) --no-print-directory compilemessages
	env -u DATABASE_URL -u REDIS_URL $(BIN)/python manage.py seed_demo
	env -u DATABASE_URL -u REDIS_URL $(BIN)/python manage.py runserver $(HOST)

test: export DEBUG = 1
test: venv
	$(BIN)/pytest $(PYTEST_ARGS)

lint: export DEBUG = 1
lint: venv client-check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run

# The department integration kit: the API's schema (clients/schema.yml, in English) and
# the Python client generated from it by the pinned openapi-python-client
# (clients/python/, configured by clients/config.yml). `make client` regenerates both;
# `make client-check` (part of `make lint`, so of CI) fails when either differs from
# what the code would generate now.
CLIENT_GENERATE = $(BIN)/openapi-python-client generate --config clients/config.yml --meta pdm
client: export DEBUG = 1
client: venv
	$(BIN)/python manage.py spectacular --lang en --validate --fail-on-warn --file clients/schema.yml
	$(CLIENT_GENERATE) --path clients/schema.yml --output-path clients/python --overwrite

client-check: export DEBUG = 1
client-check: venv
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	$(BIN)/python manage.py spectacular --lang en --file "$$tmp/schema.yml" && \
	$(CLIENT_GENERATE) --path "$$tmp/schema.yml" --output-path "$$tmp/python" >/dev/null && \
	if ! diff -u clients/schema.yml "$$tmp/schema.yml" || \
		! diff -ru -x __pycache__ clients/python "$$tmp/python"; then \
		echo "clients/ differs from the API: run 'make client' and commit the result." >&2; \
		exit 1; \
	fi

# Catalogues need GNU gettext (msgfmt); without it the site runs in English.
compilemessages: export DEBUG = 1
compilemessages: venv
	@if ! command -v msgfmt >/dev/null 2>&1; then \
		echo "gettext (msgfmt) not found: skipping compilemessages, pages stay in English."; \
	elif [ -d locale ]; then \
		$(BIN)/python manage.py compilemessages $(I18N_IGNORE) -v0; \
	fi

messages: export DEBUG = 1
messages: venv
	$(BIN)/python manage.py makemessages -l zh_Hans --no-obsolete --add-location file $(I18N_IGNORE)
	$(BIN)/python manage.py compilemessages $(I18N_IGNORE)

# The benchmark (kam/bench.py) times what production runs: DEBUG off (cached templates,
# no query log, the static manifest), a throwaway SECRET_KEY, plain HTTP on loopback.
# BENCH_ARGS passes options on, e.g. BENCH_ARGS="--no-load --runs 5".
bench: export DEBUG = 0
bench: export ALLOWED_HOSTS = 127.0.0.1,localhost
bench: export SECURE_SSL_REDIRECT = 0
bench: export SESSION_COOKIE_SECURE = 0
bench: export CSRF_COOKIE_SECURE = 0
bench: export SECURE_HSTS_SECONDS = 0
# The harness logs its personas in (force_login): at INFO each login is four lines.
bench: export LOG_LEVEL = WARNING
bench: venv
	@if [ -z "$$DATABASE_URL" ]; then \
		echo "make bench needs PostgreSQL: set DATABASE_URL=postgres://…" >&2; exit 1; \
	fi
	SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))') \
		$(BIN)/python manage.py bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) staticfiles db.sqlite3
