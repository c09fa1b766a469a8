"""Ticket questions that name priority levels "P1 - Critical", list the open states a question means ("still open
(New, In Progress or On Hold)") and pool the exports ("all systems combined"), over two invented exports refreshed
through the real flow: a CSV with P-levels and English states, a JSON API export with glued lower-case time names.
Every figure is computed from the fixture's own rows in plain Python."""
from __future__ import annotations

import csv
import datetime as dt
import json
import statistics

import pytest

from tests.app.engine.conftest import planner_answer

STATES = ["New", "In Progress", "On Hold", "Resolved", "Closed", "Closed"]
LEVELS = ["P1 - Critical", "P2 - High", "P3 - Medium", "P4 - Low"]


def _desk_rows() -> list[dict]:
    rows = []
    for n in range(60):
        created = dt.datetime(2024 + n % 2, 1 + n % 12, 1 + n % 27, 9, 0)
        state = STATES[n % len(STATES)]
        done = state in ("Resolved", "Closed")
        rows.append({"Ticket Number": f"D{1000 + n}", "Created": created, "State": state,
                     "Priority": LEVELS[n % 4],
                     "Resolved": created + dt.timedelta(hours=2 + 3 * (n % 9)) if done else None})
    return rows


def _api_rows() -> list[dict]:
    rows = []
    for n in range(40):
        created = dt.datetime(2024 + n % 2, 1 + n % 12, 2 + n % 25, 10, 0, tzinfo=dt.timezone.utc)
        closed = created + dt.timedelta(hours=1 + 5 * (n % 7)) if n % 5 else None
        rows.append({"id": 7000 + n, "dateoccurred": created, "dateclosed": closed,
                     "priority": {"name": LEVELS[(n + 1) % 4]}, "status": {"name": "Closed" if closed else "Open"}})
    return rows


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    folder = tmp_path_factory.mktemp("levels-exports")
    desk = _desk_rows()
    with (folder / "desk_tickets.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["Ticket Number", "Created", "State", "Priority", "Resolved"])
        for r in desk:
            w.writerow([r["Ticket Number"], r["Created"].strftime("%d.%m.%Y %H:%M"), r["State"], r["Priority"],
                        r["Resolved"].strftime("%d.%m.%Y %H:%M") if r["Resolved"] else ""])
    api = _api_rows()
    (folder / "api_tickets.json").write_text(json.dumps([
        {**r, "dateoccurred": r["dateoccurred"].strftime("%Y-%m-%dT%H:%M:%SZ"),
         "dateclosed": r["dateclosed"].strftime("%Y-%m-%dT%H:%M:%SZ") if r["dateclosed"] else None} for r in api]),
        encoding="utf-8")
    return folder, desk, api


@pytest.fixture(scope="module")
def engine(made, engine_over_exports):
    return engine_over_exports(made[0], "levels")


def test_p1_names_the_priority_level_not_a_percentile(engine, made):
    _, desk, api = made
    hours = [(r["Resolved"] - r["Created"]).total_seconds() / 3600 for r in desk
             if r["Priority"] == "P1 - Critical" and r["Resolved"]]
    hours += [(r["dateclosed"] - r["dateoccurred"]).total_seconds() / 3600 for r in api
              if r["priority"]["name"] == "P1 - Critical" and r["dateclosed"]]
    r = planner_answer(engine, "What is the average resolution time for P1 - Critical tickets?")
    assert "percentile" not in r["answer"]
    assert r["rows"][0][r["columns"].index("avg_hours")] == pytest.approx(statistics.mean(hours), abs=0.01)
    # the p-form of a percentile still is one
    r = planner_answer(engine, "p90 resolution time for P1 - Critical tickets")
    assert "90th percentile" in r["answer"]


def test_the_open_states_listed_say_open_again(engine, made):
    _, desk, _ = made
    want = sum(r["State"] in ("New", "In Progress", "On Hold") for r in desk)
    r = planner_answer(engine, "How many desk tickets are still open (New, In Progress or On Hold)?")
    assert r["rows"][0][r["columns"].index("tickets")] == want


def test_all_systems_combined_pools_the_exports(engine, made):
    _, desk, api = made
    created = [r["Created"] for r in desk] + [r["dateoccurred"].replace(tzinfo=None) for r in api]
    want = [sum(c.year == y and c.month <= 6 for c in created) for y in (2024, 2025)]
    r = planner_answer(engine, "Compare the first half of 2024 with the first half of 2025, all systems combined.")
    assert [v for v in (row[r["columns"].index("tickets")] for row in r["rows"])] == want
