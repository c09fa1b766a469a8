# kommunedata: `make run` and `make test` are the interface (shared/docs/contract.md).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
UV := $(BIN)/uv
STAMP := $(VENV)/.installed
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export DO_NOT_TRACK := 1
export PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS := 180
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export PREFECT_HOME := $(CURDIR)/.prefect

.PHONY: setup run test lint test-deps refresh app sample clean

# `make run`: the folders the platform refreshes from (the bundled sample unless you name your inbox).
REPORTS ?= data/sample/reports
TICKETS ?= data/sample/tickets
WAREHOUSE ?= data/warehouse.duckdb
ALIASES ?= data/sample/aliases.yaml
# the sample's verified queries (a deployment keeps its own: KOMMUNEDATA_VERIFIED_QUERIES)
export KOMMUNEDATA_VERIFIED_QUERIES ?= data/sample/verified_queries.yml

setup: $(STAMP)

# Reinstall only when the lock or the project metadata changes.
$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet uv==0.13.9
	$(UV) pip install --python $(BIN)/python --quiet -r requirements.lock
	$(UV) pip install --python $(BIN)/python --quiet --no-deps -e .
	touch $(STAMP)

refresh: setup
	$(BIN)/kommunedata refresh --reports $(REPORTS) --tickets $(TICKETS) --aliases $(ALIASES) --warehouse $(WAREHOUSE)

app: setup
	$(BIN)/kommunedata app --warehouse $(WAREHOUSE)

# The whole platform until Ctrl-C: Prefect server (UI :4200, database in data/prefect/), the scheduled
# `refresh` deployment with the inbox watcher, a first refresh, and the app on :8501.
run: setup
	$(BIN)/kommunedata up --reports $(REPORTS) --tickets $(TICKETS) --aliases $(ALIASES) --warehouse $(WAREHOUSE)

# System packages the tests drive: Chromium (browser tests), PostgreSQL 15 (dbt on Postgres), DejaVu fonts
# (generated PDFs), LibreOffice Writer (DOCX fixtures turned into office-made PDFs). Installed with apt-get when
# this runs as root or with password-less sudo.
TEST_PACKAGES = $(if $(wildcard /usr/bin/chromium),,chromium) \
	$(if $(wildcard /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf),,fonts-dejavu-core) \
	$(if $(wildcard /usr/lib/postgresql/15/bin/initdb),,postgresql-15) \
	$(if $(wildcard /usr/bin/soffice),,libreoffice-writer-nogui)

test-deps:
	@need="$(strip $(TEST_PACKAGES))"; [ -z "$$need" ] && exit 0; \
	if [ "$$(id -u)" = 0 ]; then sudo=""; elif sudo -n true 2>/dev/null; then sudo="sudo -n"; \
	else echo "The tests need these system packages: run 'sudo apt-get install $$need' (or run make test as root)."; exit 1; fi; \
	command -v apt-get >/dev/null || { echo "The tests need: $$need (no apt-get here: install them with your package manager)."; exit 1; }; \
	echo "Installing $$need (apt-get)"; \
	DEBIAN_FRONTEND=noninteractive $$sudo apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$need >/dev/null

# ruff on the Python, sqlfluff (dbt templater, dbt_project/.sqlfluff) on the models, tests and macros
lint: setup
	$(BIN)/ruff check .
	mkdir -p .lint
	cd dbt_project && KOMMUNEDATA_DBT_DUCKDB_PATH=$(CURDIR)/.lint/lint.duckdb DBT_TARGET_PATH=$(CURDIR)/.lint/target \
		DBT_LOG_PATH=$(CURDIR)/.lint/logs ../$(BIN)/sqlfluff lint models tests macros
	rm -rf .lint

# The suite on every core (pytest-xdist; at most 4 processes): a test module stays in one process (its module
# fixtures are built once), the session warehouses are built once for all (tests/conftest.py: built_once).
# TEST_WORKERS=0 runs it in this one process.
TEST_WORKERS ?= auto
test: setup test-deps lint
	$(BIN)/python -m pytest -q -n $(TEST_WORKERS) --maxprocesses 4 --dist loadfile

sample: setup
	$(BIN)/python -m flows.samples.reports data/sample/reports
	$(BIN)/kommunedata sample-tickets data/sample/tickets --format topdesk --quarter 2021-Q3

clean:
	rm -rf $(VENV) .prefect dbt_project/target dbt_project/logs data/warehouse.duckdb
