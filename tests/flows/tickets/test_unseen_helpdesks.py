"""Exports from helpdesk systems the loader has never seen, written here as such systems write them: a status
history with CamelCase headers and offsets in its times, customer columns in other words and languages, Swedish
resolution columns, JSON with nested objects and a state history, priorities in other languages and scales, yes/no
flag columns, times in UTC ("Z"), a workbook with a summary sheet before its data. Each is loaded into a real DuckDB
file and checked against a plain reading of the file (pandas / json), never against the loader's own output."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import pandas as pd
import pytest

from flows.tickets.load import load_ticket_exports
from flows.tickets.presets import normalise_priority, normalise_status, priority_scale

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


def _z(when: dt.datetime) -> str:
    return when.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _api_export(path: Path) -> tuple[Path, list[dict]]:
    """A helpdesk API's tickets: nested organisation and priority objects, a state history per ticket (every fourth
    closed, reopened and closed again; every seventh reopened after that and left open), times in UTC ("Z")."""
    records = []
    for t in range(1, 29):
        created = dt.datetime(2024, 8, 1, 0, 15, tzinfo=OSLO) + dt.timedelta(days=t - 1)  # 22:15Z the day before
        history = [("new", created), ("closed", created + dt.timedelta(hours=4))]
        if t % 4 == 0:
            history += [("open", created + dt.timedelta(hours=30)), ("closed", created + dt.timedelta(hours=50))]
        if t % 7 == 0:
            history += [("open", created + dt.timedelta(hours=60))]
        records.append({"id": 500 + t, "created_at": _z(created), "title": f"Sak {t}",
                        "organization": {"id": 9 + t % 2, "name": ["Nordvik kommune", "Sørvåg kommune"][t % 2]},
                        "priority": {"id": t % 3, "name": ["1 low", "2 normal", "3 high"][t % 3]},
                        "state_history": [{"state": s, "created_at": _z(w)} for s, w in history]})
    path.write_text(json.dumps({"tickets": records}, indent=1), encoding="utf-8")
    return path, records


def test_nested_json_names_and_a_state_history_give_customer_priority_and_the_last_resolution(tmp_path, con):
    path, records = _api_export(tmp_path / "tickets_api.json")
    f = load_ticket_exports(con, [path]).files[0]
    assert f.status == "loaded" and f.tickets == len(records), f.message
    got = {t: r for t, *r in con.execute("select ticket_id, customer_org, priority, priority_source, resolved_at, "
                                         "reopen_count, status from raw.tickets").fetchall()}
    for rec in records:
        customer, priority, as_exported, resolved_at, reopens, status = got[str(rec["id"])]
        history = [(h["state"], dt.datetime.fromisoformat(h["created_at"])) for h in rec["state_history"]]
        closes = [w for s, w in history if s == "closed"]
        assert customer == rec["organization"]["name"] and as_exported == rec["priority"]["name"]
        # the scale's words decide: 1 is low here
        assert priority == {"1 low": "D", "2 normal": "C", "3 high": "B"}[rec["priority"]["name"]]
        # the resolution is the last close, and a ticket reopened and left open has none
        assert resolved_at == (closes[-1] if history[-1][0] == "closed" else None), rec["id"]
        assert reopens == sum(1 for (a, _), (b, _) in zip(history, history[1:]) if a == "closed" and b == "open")
        assert status == ("closed" if history[-1][0] == "closed" else "open")
    # created 22:15Z on 31 July is 00:15 on 1 August in Oslo: August
    con.execute("set TimeZone = 'Europe/Oslo'")
    months = con.execute("select distinct month(created_at) from raw.tickets").fetchall()
    assert months == [(8,)]


def test_a_json_close_at_is_the_closing_time(tmp_path, con):
    path = tmp_path / "export.jsonl"
    created = [dt.datetime(2024, 3, d, 9, tzinfo=OSLO) for d in range(1, 11)]
    path.write_text("\n".join(json.dumps({"number": f"T-{i}", "created_at": _z(c), "state": "closed",
                                          "close_at": _z(c + dt.timedelta(hours=3)), "customer": {"name": "Nordvik"}})
                              for i, c in enumerate(created)) + "\n", encoding="utf-8")
    f = load_ticket_exports(con, [path]).files[0]
    assert f.status == "loaded", f.message
    got = dict(con.execute("select ticket_id, closed_at from raw.tickets").fetchall())
    assert got == {f"T-{i}": c + dt.timedelta(hours=3) for i, c in enumerate(created)}


@pytest.mark.parametrize("raw, expected", [
    ("Kritisk", "A"), ("Hög", "B"), ("Medel", "C"), ("Låg", "D"), ("Høg", "B"), ("1 low", "D"), ("3 high", "B"),
    ("1 - Critical", "A"), ("5", "D"), ("1", "A"),
])
def test_priority_words_of_other_languages_and_scales(raw, expected):
    assert normalise_priority(raw) == expected


def test_a_bare_number_follows_its_columns_own_scale():
    scale = priority_scale(["1 low", "2 normal", "3 high", "3", None])
    assert {v: normalise_priority(v, scale) for v in ("3", "1", "2 normal")} == {"3": "B", "1": "D", "2 normal": "C"}


@pytest.mark.parametrize("raw, expected", [
    ("Öppen", "open"), ("Stängd", "closed"), ("Avslutad", "closed"), ("Löst", "resolved"), ("Väntar på kund", "pending"),
    ("Pågående", "open"), ("Återöppnad", "open"), ("Makulerad", "cancelled"), ("Waiting for Customer", "pending"),
])
def test_swedish_and_danish_states(raw, expected):
    assert normalise_status(raw) == expected
