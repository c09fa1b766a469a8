"""A count of tickets with a column of the export (not a canonical field) asked for two periods ("issues per year,
2023 vs 2024", "Q1 mot Q2 2024") is one count per period named, never the periods ORed into one count; "til sammen"
still adds them up. The export is an invented JSON issue list whose custom fields ("customFields": [{"name",
"value"}]) hold a «Fagsystem»; every expected figure is counted here from the records written here."""
from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest

SYSTEMS = ("Skolesystem", "Økonomisystem", "Sak/arkiv")


def _make(folder):
    records = []
    for n in range(260):
        created = datetime(2023, 1, 4, 9) + timedelta(hours=59 * n)
        fields = [{"name": "State", "value": {"name": "Fixed" if n % 4 else "Open"}}]
        if n % 5:
            fields.append({"name": "Fagsystem", "value": {"name": SYSTEMS[n % 3]}})
        records.append({"id": f"FAG-{n + 1}", "created": f"{created:%Y-%m-%dT%H:%M:%SZ}",
                        "summary": f"Sak {n}", "customFields": fields})
    (folder / "fagsystem_issues.json").write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    return records


def _with_system(records, start: str, end: str) -> int:
    return sum(1 for r in records if start <= r["created"][:10] <= end
               and any(f["name"] == "Fagsystem" for f in r["customFields"]))


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    folder = tmp_path_factory.mktemp("attribute-periods")
    return folder, _make(folder)


@pytest.fixture(scope="module")
def engine(made, engine_over_exports):
    return engine_over_exports(made[0], "attribute-periods")


def _counts(r) -> dict[str, float]:
    assert r["status"] == "ok", r["answer"]
    columns = r["columns"]
    return {str(row[columns.index("period")]): row[columns.index("tickets")] for row in r["rows"]}


def test_two_years_asked_give_one_count_each(made, engine):
    _, records = made
    r = engine.ask("Fagsystem issues created per year, 2023 vs 2024", engine="planner")
    counts = _counts(r)
    assert counts == {"2023": _with_system(records, "2023-01-01", "2023-12-31"),
                      "2024": _with_system(records, "2024-01-01", "2024-12-31")}


def test_two_quarters_asked_give_one_count_each(made, engine):
    _, records = made
    r = engine.ask("Hvor mange saker med fagsystem ble opprettet i 1. kvartal og 2. kvartal 2024?", engine="planner")
    counts = _counts(r)
    assert sorted(counts.values()) == sorted([_with_system(records, "2024-01-01", "2024-03-31"),
                                              _with_system(records, "2024-04-01", "2024-06-30")])
    assert len(counts) == 2


def test_periods_summed_when_asked_together(made, engine):
    _, records = made
    r = engine.ask("Hvor mange saker med fagsystem i 2023 og 2024 til sammen?", engine="planner")
    assert r["status"] == "ok", r["answer"]
    total = _with_system(records, "2023-01-01", "2024-12-31")
    assert any(total in row for row in r["rows"]), (r["rows"], total)
