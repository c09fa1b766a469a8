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

.PHONY: setup run test refresh app sample clean

setup: $(STAMP)

# Reinstall only when the lock or the project metadata changes.
$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet uv==0.13.9
	$(UV) pip install --python $(BIN)/python --quiet -r requirements.lock
	$(UV) pip install --python $(BIN)/python --quiet --no-deps -e .
	touch $(STAMP)

refresh: setup
	$(BIN)/kommunedata refresh --reports data/sample/reports --tickets data/sample/tickets --aliases data/sample/aliases.yaml --warehouse data/warehouse.duckdb

app: setup
	$(BIN)/kommunedata app --warehouse data/warehouse.duckdb

run: refresh app

test: setup
	$(BIN)/python -m pytest -q

sample: setup
	$(BIN)/python -m flows.samples.reports data/sample/reports

clean:
	rm -rf $(VENV) .prefect dbt_project/target dbt_project/logs data/warehouse.duckdb
