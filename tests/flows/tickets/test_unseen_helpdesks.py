"""Exports from helpdesk systems the loader has never seen, written here as such systems write them: a status
history with CamelCase headers and offsets in its times, customer columns in other words and languages, Swedish
resolution columns, JSON with nested objects and a state history, priorities in other languages and scales, yes/no
flag columns, times in UTC ("Z"), a workbook with a summary sheet before its data. Each is loaded into a real DuckDB
file and checked against a plain reading of the file (pandas / json), never against the loader's own output."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import pandas as pd
import pytest

from flows.tickets.load import load_ticket_exports

OSLO = ZoneInfo("Europe/Oslo")


@pytest.fixture()
def con(tmp_path):
    c = duckdb.connect(str(tmp_path / "warehouse.duckdb"))
    yield c
    c.close()


def _write_csv(path: Path, header: list[str], rows: list[list[str]], sep: str = ",") -> Path:
    path.write_text("\n".join(sep.join(r) for r in [header, *rows]) + "\n", encoding="utf-8")
    return path


def _status_history(path: Path) -> Path:
    """One row per status change; every fifth incident is reopened (Active after Resolved) and solved again, every
    seventh reopened and left open; times carry their offset (+01:00 in winter, +02:00 in summer)."""
    rows = []
    for t in range(1, 31):
        start = dt.datetime(2024, 3, 20, 8, tzinfo=OSLO) + dt.timedelta(days=t)  # across the change to summer time
        steps = ["Logged", "Active", "Waiting for Customer", "Active", "Resolved"]
        if t % 5 == 0:
            steps += ["Active", "Resolved"]
        if t % 7 == 0:
            steps += ["Active"]
        for k, status in enumerate(steps):
            at = (start + dt.timedelta(hours=5 * k)).isoformat(timespec="seconds")
            rows.append([f"IM{1000 + t}", status, at, f"agent{k % 3}", str(1 + t % 5), "Phone", "Nett",
                         "Nordvik kommune / Hjemmetjenesten" if t % 2 else "Sørvåg kommune v/ Teknisk"])
    return _write_csv(path, ["IncidentNumber", "Status", "StatusChangedOn", "ChangedBy", "Priority", "Source",
                             "Category", "OrganizationalUnit"], rows)


def test_a_status_history_with_camel_case_headers_is_an_event_log(tmp_path, con):
    path = _status_history(tmp_path / "incident_status_history.csv")
    f = load_ticket_exports(con, [path]).files[0]
    assert f.status == "loaded", f.message
    plain = pd.read_csv(path, dtype=str)
    assert f.tickets == plain["IncidentNumber"].nunique() == 30
    assert "event_at <- 'StatusChangedOn'" in f.message and "resource <- 'ChangedBy'" in f.message
    got = {t: r for t, *r in con.execute(
        "select ticket_id, created_at, resolved_at, reopen_count, status, customer_org from raw.tickets").fetchall()}
    for ticket, events in plain.groupby("IncidentNumber"):
        times = [dt.datetime.fromisoformat(v) for v in events["StatusChangedOn"]]
        states = list(events["Status"])
        # reopened = Active right after Resolved; resolution = the last Resolved while the ticket ends resolved
        reopens = sum(1 for a, b in zip(states, states[1:]) if a == "Resolved" and b == "Active")
        resolved = max(t for t, s in zip(times, states) if s == "Resolved") if states[-1] == "Resolved" else None
        created, resolved_at, reopen_count, status, customer = got[ticket]
        assert created == min(times) and resolved_at == resolved and reopen_count == reopens, ticket
        assert status == ("resolved" if states[-1] == "Resolved" else "open")
        assert customer == events["OrganizationalUnit"].iloc[0]
    # the offsets are kept: an event printed +02:00 is that instant
    assert con.execute("select count(distinct event_at_offset) from raw.ticket_events").fetchone()[0] == 2
