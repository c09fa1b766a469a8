"""The documented path for when one machine is not enough: parse tasks on a Dask cluster."""
from __future__ import annotations

import pytest

from tests.conftest import SAMPLE_REPORTS

distributed = pytest.importorskip("distributed")


class TaskCounter(distributed.diagnostics.plugin.SchedulerPlugin):
    def __init__(self):
        self.done: dict[str, str] = {}

    def transition(self, key, start, finish, *args, **kwargs):
        if finish == "memory":
            self.done[str(key)] = kwargs.get("worker", "")


def test_reports_are_parsed_on_a_two_worker_dask_cluster(prefect_harness, tmp_path, monkeypatch):
    from flows.refresh import refresh

    monkeypatch.setenv("KOMMUNEDATA_CACHE_DIR", str(tmp_path / "cache"))  # parse for real, not from the cache
    counter = TaskCounter()
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        cluster.scheduler.add_plugin(counter)
        summary = refresh(reports_dir=SAMPLE_REPORTS, tickets_dir=None, warehouse=tmp_path / "w.duckdb",
                          task_runner="dask", dask_address=cluster.scheduler_address)

    reports = sorted(p.name for p in SAMPLE_REPORTS.iterdir())
    assert summary.published
    assert sorted(f.file for f in summary.reports if f.status != "quarantined") == reports
    assert not any(f.cached for f in summary.reports)
    assert len(counter.done) >= len(reports), counter.done  # every parse task ran on the cluster
