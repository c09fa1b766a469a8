"""infra/ stays in step with the code it deploys (Docker is not available to run it here)."""
from __future__ import annotations

import yaml

from flows.deploy import DEPLOYMENT_NAME
from flows.settings import Settings
from tests.conftest import ROOT

INFRA = ROOT / "infra"


def test_prefect_yaml_deploys_the_refresh_flow_on_the_default_schedule():
    from prefect.flows import load_flow_from_entrypoint

    config = yaml.safe_load((INFRA / "prefect.yaml").read_text(encoding="utf-8"))
    [deployment] = config["deployments"]
    assert deployment["name"] == DEPLOYMENT_NAME
    assert deployment["entrypoint"] == "flows.refresh.refresh"
    assert load_flow_from_entrypoint(deployment["entrypoint"]).name == "refresh"
    [schedule] = deployment["schedules"]
    defaults = Settings.model_fields
    assert schedule["cron"] == defaults["refresh_cron"].default
    assert schedule["timezone"] == defaults["refresh_timezone"].default
    assert deployment["concurrency_limit"] == 1


def test_compose_runs_server_worker_and_a_read_only_app_on_one_warehouse_volume():
    compose = yaml.safe_load((INFRA / "compose.yaml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert set(services) == {"postgres", "prefect-server", "worker", "app"}
    assert "postgresql+asyncpg://" in services["prefect-server"]["environment"]["PREFECT_API_DATABASE_CONNECTION_URL"]
    assert services["worker"]["command"] == ["kommunedata", "serve"]
    assert services["worker"]["environment"]["PREFECT_API_URL"] == "http://prefect-server:4200/api"
    assert "warehouse:/data" in services["worker"]["volumes"]
    assert "warehouse:/data:ro" in services["app"]["volumes"]
    assert services["worker"]["environment"]["KOMMUNEDATA_WAREHOUSE"] == "/data/warehouse.duckdb"
    assert (INFRA / "Dockerfile").exists() and (INFRA / "OPERATIONS.md").exists()
