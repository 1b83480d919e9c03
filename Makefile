# Two commands: `make run` (install, migrate, load seed content, serve) and `make test`.
# Works from a fresh clone with only Python 3.11+ and make.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run install migrate seed serve test schemathesis lint format lock bench messages compile-messages clean

run: install migrate seed
	@echo ""
	@echo "Serving on http://$(HOST):$(PORT)/  (Ctrl-C to stop)."
	@echo "No account exists yet. To use /admin/, create one with:"
	@echo "    $(BIN)/python manage.py createsuperuser"
	@echo ""
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

install: $(STAMP)

# Reinstall only when the lock changes. --require-hashes: exactly what the lock says, nothing else.
$(STAMP): requirements.lock
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	touch $(STAMP)

migrate: install
	mkdir -p var
	$(BIN)/python manage.py migrate --no-input

seed: install
	$(BIN)/python manage.py load_seed_content

# --timeout 120: a whole-list CSV export streams for about 30 s at 40,000 events (bench data, scale 1),
# and a sync worker is not heard from while it streams; gunicorn's default 30 s would cut it.
# Production settings behind a TLS-terminating proxy: DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS
# and DATABASE_URL must be set (see README).
serve: install
	DJANGO_DEBUG=0 $(BIN)/python manage.py collectstatic --no-input --verbosity 0
	DJANGO_DEBUG=0 $(BIN)/gunicorn portal.wsgi:application --bind $(HOST):$(PORT) --workers 3 \
	  --timeout 120 --access-logfile -

# One pytest-xdist worker per core: each builds its own test database and loads the seed content
# once, and the two slowest tests (schemathesis, the backup round trip) run side by side, which
# halves the suite on the 2-core CI machine. TEST_WORKERS=0 runs it in one process (e.g. for --pdb).
TEST_WORKERS ?= auto
test: install
	$(BIN)/python -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

# lint-imports: the layers contract in pyproject.toml (imports point only downwards).
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache --no-logo

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Update the lock after changing dependencies in pyproject.toml; `make lock LOCK_FLAGS=--upgrade`
# moves every pin to its newest allowed release (see README).
lock: install
	$(BIN)/pip-compile --quiet --strip-extras --generate-hashes --allow-unsafe --extra dev --extra pdf \
		$(LOCK_FLAGS) -o requirements.lock pyproject.toml

# The API against its own OpenAPI schema alone, with every schemathesis check, positive and negative
# requests, anonymous and as an editor and a publisher; SCHEMATHESIS_EXAMPLES requests per operation
# (`make schemathesis SCHEMATHESIS_EXAMPLES=1000` for a longer search).
SCHEMATHESIS_EXAMPLES ?= 100
schemathesis: install
	SCHEMATHESIS_EXAMPLES=$(SCHEMATHESIS_EXAMPLES) $(BIN)/python -m pytest -n $(TEST_WORKERS) \
		-p no:cacheprovider tests/api/test_schemathesis.py

# The portal at a real network's size under gunicorn (production settings, 2 workers), measured
# with wrk against a bare Django view and nginx; writes docs/benchmarks.md, exits 1 when a target
# is missed. A fresh database each run (SQLite, or beside DATABASE_URL's PostgreSQL database);
# BENCH_DATABASE_URL reuses one built before. Settings: docs/benchmarks.md.
bench: install
	$(BIN)/python -m benchmarks.run

# The interface's translation catalogues (locale/<language>/LC_MESSAGES/django.po): `make
# messages` adds the strings marked since, `make compile-messages` the .mo files the portal reads
# (both committed: the portal runs without gettext installed).
LOCALES := zh_Hans zh_Hant ko ja mn
messages: install
	$(BIN)/python manage.py makemessages $(foreach locale,$(LOCALES),-l $(locale)) --no-obsolete \
		--ignore=.venv --ignore=staticfiles --ignore=tests --ignore=benchmarks --ignore=var

compile-messages: install
	$(BIN)/python manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
