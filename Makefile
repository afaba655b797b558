# The two commands: `make demo` and `make test`. Both bootstrap everything they need from a
# machine that has only CPython 3.11 and pip.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.8
# Test processes: one per core (pytest-xdist); PYTEST_WORKERS=0 runs in one process. Each test module
# (or class) stays on one process (--dist loadscope), so a module's fixtures (the demo loads) are built
# once; modules go out in collection order, where bangfu/conftest.py puts the slowest first.
PYTEST_WORKERS ?= auto
PYTEST_DIST := --dist loadscope --no-loadscope-reorder
STAMP := $(VENV)/.synced-$(shell cat uv.lock pyproject.toml | cksum | cut -d' ' -f1)
# Production-like settings for `check --deploy` (never used to serve anything).
DEPLOY_ENV := BANGFU_ENV=production DEBUG=0 SECRET_KEY=check-deploy-$(shell printf '%064d' 0 | tr 0 x)-not-secret \
	ALLOWED_HOSTS=bangfu.example.org BANGFU_HTTPS=1

.PHONY: demo test lint typecheck pytest pytest-sqlite pytest-postgres schemathesis bench messages clean install

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null || { echo "需要 Python 3.11 / Python 3.11 is required"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python uv.lock pyproject.toml
	$(BIN)/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"
	UV_PROJECT_ENVIRONMENT=$(VENV) $(BIN)/uv sync --frozen --quiet
	rm -f $(VENV)/.synced-* && touch $@

install: $(STAMP)

demo: install
	@mkdir -p var
	BANGFU_ENV=demo $(BIN)/bangfu migrate --noinput
	BANGFU_ENV=demo $(BIN)/bangfu collectstatic --noinput --verbosity 0
	BANGFU_ENV=demo $(BIN)/bangfu demo
	BANGFU_ENV=demo $(BIN)/bangfu demo-data --households 3000 --once
	@echo "平台地址 / open: http://127.0.0.1:8000   (Ctrl-C 停止 / to stop)"
	@BANGFU_ENV=demo $(BIN)/bangfu worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	BANGFU_ENV=demo $(BIN)/bangfu serve --bind 127.0.0.1:8000 --workers 2

test: install lint typecheck pytest schemathesis

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

typecheck:
	BANGFU_ENV=test $(BIN)/mypy bangfu config
	BANGFU_ENV=test $(BIN)/python manage.py makemigrations --check --dry-run
	$(DEPLOY_ENV) $(BIN)/python manage.py check --deploy --fail-level WARNING

pytest: pytest-sqlite pytest-postgres

pytest-sqlite:
	env -u DATABASE_URL BANGFU_ENV=test $(BIN)/pytest -p no:cacheprovider -n $(PYTEST_WORKERS) $(PYTEST_DIST)

pytest-postgres:
	@if [ -n "$$DATABASE_URL" ]; then \
		echo "== PostgreSQL: $${DATABASE_URL%%@*}@…"; \
		BANGFU_ENV=test $(BIN)/pytest -p no:cacheprovider -n $(PYTEST_WORKERS) $(PYTEST_DIST); \
	else echo "DATABASE_URL 未设置，跳过 PostgreSQL / DATABASE_URL not set: PostgreSQL run skipped"; fi

# Schemathesis over the live OpenAPI schema, in-process, on a fresh SQLite database with the demo,
# as every demo login (fuzz/test_api_schema.py says what fails it). Timed apart from pytest.
# SCHEMATHESIS_EXAMPLES: generated cases per operation (each sent once per login).
SCHEMATHESIS_EXAMPLES ?= 4
schemathesis: install
	env -u DATABASE_URL -u BANGFU_SCHEMATHESIS_VAR BANGFU_SCHEMATHESIS_EXAMPLES=$(SCHEMATHESIS_EXAMPLES) \
		$(BIN)/pytest fuzz -p no:django -p no:cacheprovider -p no:logging -q \
		-W "ignore:Unknown config option:pytest.PytestConfigWarning"

bench: install
	UV_PROJECT_ENVIRONMENT=$(VENV) $(BIN)/uv sync --frozen --quiet --group bench
	BANGFU_ENV=test $(BIN)/python -m bench $(BENCH_ARGS)

messages: install
	BANGFU_ENV=test $(BIN)/python manage.py makemessages -l zh_Hans -l en --no-obsolete --ignore=.venv --ignore=var --ignore=bench
	BANGFU_ENV=test $(BIN)/python manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) var
