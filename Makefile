# Kulturmetropolen: the two set-up commands are `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000

NODE_STAMP := node_modules/.installed-$(shell cat package-lock.json | cksum | cut -d' ' -f1)

.PHONY: run test lint format messages bench loadtest cluster fuzz clean node lighthouse screenshots

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@rm -f $(VENV)/.installed-*
	@touch $@

$(VENV): $(STAMP)

# The pinned Node tools (Lighthouse) from package-lock.json. Without npm (apt-get
# install nodejs npm) the Lighthouse tests are skipped, except under CI=true.
$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: the Lighthouse tests will be skipped (apt-get install nodejs npm)"; fi

node: $(NODE_STAMP)

# Compiled message catalogues are build output: made from site/locale/*.po.
messages: $(VENV)
	$(BIN)/python manage.py compilemessages --ignore=.venv -v0

run: $(VENV) messages
	@mkdir -p var/static
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_demo_content
	@echo ""
	@echo "  Site:   http://$(HOST):$(PORT)/   (English /en/, Swedish /sv/)"
	@echo "  Admin:  http://$(HOST):$(PORT)/admin/"
	@$(BIN)/python manage.py load_demo_content --print-logins
	@echo ""
	@trap 'kill 0' INT TERM EXIT; \
	  $(BIN)/python manage.py db_worker & \
	  $(BIN)/python manage.py run_scheduler & \
	  $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: $(VENV) messages node
	@mkdir -p var/static
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(VENV)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run

format: $(VENV)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Several app servers behind nginx on this machine (README.md, "Running on several
# machines"): PostgreSQL, Redis, S3 (moto), 2 nodes, 2 workers, a scheduler, nginx.
cluster: $(VENV) messages
	@mkdir -p var/static
	$(BIN)/python -m deploy.cluster

# Benchmarks: see README.md, "Reading the benchmark". Needs wrk and Redis.
bench: $(VENV) messages
	@mkdir -p var/static
	$(BIN)/python bench/run.py bench

# Fuzzing: the property-based tests with many random examples (tests/fuzzing.py).
# Prints the inputs tried and every 5xx; fails if there was one. Not part of CI.
FUZZ_EXAMPLES ?= 500
FUZZ_ADMIN_EXAMPLES ?= 60
fuzz: $(VENV) messages
	@mkdir -p var/static
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) FUZZ_ADMIN_EXAMPLES=$(FUZZ_ADMIN_EXAMPLES) \
	  $(BIN)/python -m pytest -q tests/test_fuzz.py tests/editorial/test_admin_fuzz.py

loadtest: $(VENV) messages node
	@mkdir -p var/static
	$(BIN)/python bench/run.py loadtest --seconds 60 --connections 64 \
	  $(if $(filter 1,$(CLUSTER)),--cluster)

# Lighthouse's performance figures per page and language, served as `make bench`
# serves them (gunicorn, production settings): bench/lighthouse.py.
lighthouse: $(VENV) messages node
	@mkdir -p var/static
	$(BIN)/python bench/lighthouse.py $(LIGHTHOUSE_ARGS)

# Screenshots of the demo at 360 and 1280 px into var/screenshots/.
screenshots: $(VENV) messages
	@mkdir -p var/static
	$(BIN)/python bench/screenshots.py

clean:
	rm -rf $(VENV) node_modules var/db.sqlite3 var/test.sqlite3 var/test-media
