"""Ticket questions over two invented exports refreshed through the real loaders:
- a CSV whose "Issue Type" is a category path ("Klient > Skriver", "Programvare / Fagsystem", "Nettverk::VPN"), with a
  "Queue", a "Complete Date", an "Account", a "Total Hours Worked" and two SLA verdicts as phrases ("First Response
  Status", "Resolution Status" = "Within SLA" / "SLA Violated");
- a JSON issue list whose custom fields ("customFields": [{"name", "value"}]) hold its type, municipality and priority,
  beside the serializer's "$type" bookkeeping.
The questions name the leaf of a path, the queue, the hours worked per customer, the first response's SLA, what was not
completed by the end of a year, the custom type and municipality, and a priority word. Every expected figure is
computed here from the rows written here."""
from __future__ import annotations

import csv
import json
from datetime import datetime, timedelta

import pytest

PATHS = ("Klient > Skriver", "Klient > PC", "Programvare / Fagsystem", "Nettverk::VPN", "Tilgang > Passord")
QUEUES = ("Sikkerhet", "Drift", "Brukerstøtte")
ORGS = ("Haugvik kommune", "Lundset kommune", "Myrvang kommune")
TYPES = ("Feil", "Spørsmål", "Bestilling")
PLACES = ("Haugvik", "Lundset", "Myrvang", "Haugvik")
PRIORITIES = ("Høy", "Normal", "Lav", "Kritisk")


def _make(folder):
    csv_rows = []
    for n in range(300):
        created = datetime(2024, 1, 2, 8) + timedelta(hours=53 * n)
        done = None if n % 9 == 0 else created + timedelta(hours=5 + n % 40)
        csv_rows.append({
            "Ticket ID": f"T-{1000 + n}", "Created": f"{created:%Y-%m-%d %H:%M}",
            "Complete Date": f"{done:%Y-%m-%d %H:%M}" if done else "", "Issue Type": PATHS[n % 5],
            "Queue": QUEUES[n % 3], "Account": ORGS[n % 3], "Total Hours Worked": f"{(n % 7) * 0.5 + 0.25:.2f}",
            "First Response Status": "Within SLA" if n % 4 else "SLA Violated",
            "Resolution Status": "" if done is None else ("Within SLA" if n % 3 else "SLA Violated")})
    with open(folder / "support.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(csv_rows[0]))
        writer.writeheader()
        writer.writerows(csv_rows)
    records = []
    for n in range(200):
        created = datetime(2023, 1, 3, 9) + timedelta(hours=61 * n)
        fixed = n % 5 != 0
        records.append({
            "id": f"SUP-{n + 1}", "created": f"{created:%Y-%m-%dT%H:%M:%SZ}",
            "resolved": f"{created + timedelta(hours=30):%Y-%m-%dT%H:%M:%SZ}" if fixed else None,
            "project": {"$type": "Project", "name": "Support"}, "reporter": {"$type": "User", "login": f"u{n % 5}"},
            "summary": f"Sak {n}",
            "customFields": [{"name": "Type", "value": {"$type": "EnumBundleElement", "name": TYPES[n % 3]}},
                             {"name": "Kommune", "value": {"name": PLACES[n % 4]}},
                             {"name": "Prioritet", "value": {"name": PRIORITIES[n % 4]}},
                             {"name": "State", "value": {"name": "Fixed" if fixed else "Open"}}]})
    (folder / "issues.json").write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    return csv_rows, records


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    folder = tmp_path_factory.mktemp("paths-queues-hours")
    return folder, _make(folder)


@pytest.fixture(scope="module")
def engine(made, engine_over_exports):
    return engine_over_exports(made[0], "paths-queues-hours")


def _ask(engine, question):
    r = engine.ask(question, engine="planner")
    assert r["status"] == "ok", r["answer"]
    return r


def _text(r) -> str:
    return r["answer"].replace("\u00a0", "").replace(" ", "")


def _in(year, row, key="Created"):
    return row[key].startswith(str(year))


def test_the_leaf_of_a_category_path_is_the_subcategory(engine, made):
    rows = made[1][0]
    printers = sum(r["Issue Type"] == "Klient > Skriver" and _in(2024, r) for r in rows)
    r = _ask(engine, "Hvor mange Skriver-saker ble registrert i 2024?")
    assert [row[-1] for row in r["rows"]] == [printers], r["answer"]
    share = _ask(engine, "What share of the tickets in 2024 were printer issues?")
    in_2024 = sum(_in(2024, r) for r in rows)
    assert f"{100 * printers / in_2024:.1f}" in _text(share), share["answer"]
    assert "does not record" not in share["answer"]


def test_every_level_below_the_first_is_the_subcategory(engine, made):
    rows = made[1][0]
    vpn = sum(r["Issue Type"] == "Nettverk::VPN" for r in rows)
    r = _ask(engine, "Hvor mange saker har underkategori VPN?")
    assert [row[-1] for row in r["rows"]] == [vpn], r["answer"]


def test_the_queue_named_filters(engine, made):
    rows = made[1][0]
    expected = sum(r["Queue"] == "Sikkerhet" and _in(2024, r) for r in rows)
    r = _ask(engine, "Hvor mange saker var i køen Sikkerhet i 2024?")
    assert [row[-1] for row in r["rows"]] == [expected], r["answer"]


def test_hours_worked_are_summed_per_customer_named(engine, made):
    rows = made[1][0]
    hours = {org: sum(float(r["Total Hours Worked"]) for r in rows if r["Account"] == org and _in(2024, r))
             for org in ORGS[:2]}
    r = _ask(engine, "Kor mange timar vart arbeidd for Haugvik og Lundset i 2024?")
    got = {row[0]: row[1] for row in r["rows"]}
    assert got == pytest.approx(hours), r["answer"]


def test_the_first_response_sla_is_its_own_verdict(engine, made):
    rows = [r for r in made[1][0] if _in(2024, r)]
    met = sum(r["First Response Status"] == "Within SLA" for r in rows)
    resolution = [r for r in rows if r["Resolution Status"]]
    resolution_met = sum(r["Resolution Status"] == "Within SLA" for r in resolution)
    assert round(100 * met / len(rows), 1) != round(100 * resolution_met / len(resolution), 1)
    r = _ask(engine, "Kor stor del av sakene i 2024 fekk første svar innanfor SLA?")
    assert f"{100 * met / len(rows):.1f}".replace(".", ",") in _text(r), r["answer"]
    r = _ask(engine, "Hvor stor andel av sakene i 2024 ble løst innenfor SLA?")
    assert f"{100 * resolution_met / len(resolution):.1f}".replace(".", ",") in _text(r), r["answer"]


def test_not_completed_by_the_end_of_a_year_is_the_backlog_then(engine, made):
    rows, records = made[1]
    end = "2024-12-31 23:59"
    open_csv = sum(r["Created"] <= end and (not r["Complete Date"] or r["Complete Date"] > end) for r in rows)
    open_json = sum(not rec["resolved"] for rec in records)  # (every record was created before 2025)
    r = _ask(engine, "Hvor mange saker var ikke fullført ved utgangen av 2024?")
    assert [row[-1] for row in r["rows"]] == [open_csv + open_json], r["answer"]
    done = sum(bool(r["Complete Date"]) and r["Complete Date"].startswith("2024") for r in rows)
    done += sum(bool(rec["resolved"]) and rec["resolved"].startswith("2024") for rec in records)
    r = _ask(engine, "Hvor mange saker ble fullført i 2024?")
    assert [row[-1] for row in r["rows"]] == [done], r["answer"]


def test_the_custom_type_and_municipality_are_read_not_the_bookkeeping(engine, made):
    records = made[1][1]
    in_2023 = [(n, rec) for n, rec in enumerate(records) if rec["created"].startswith("2023")]
    errors = sum(TYPES[n % 3] == "Feil" for n, _ in in_2023)
    r = _ask(engine, "Kor stor del av sakene i 2023 var av typen Feil?")
    assert f"{100 * errors / len(in_2023):.1f}".replace(".", ",") in _text(r), r["answer"]
    assert "$type" not in r["answer"] and "Project" not in r["answer"]
    counts = {}
    for n, _ in in_2023:
        counts[PLACES[n % 4]] = counts.get(PLACES[n % 4], 0) + 1
    top = max(counts, key=counts.get)
    r = _ask(engine, "Which municipality reported the most issues in 2023?")
    assert top in r["answer"] and str(counts[top]) in r["answer"], r["answer"]


def test_a_priority_word_meets_a_custom_priority_field(engine, made):
    records = made[1][1]
    high = sum(PRIORITIES[n % 4] == "Høy" and rec["created"].startswith("2023") for n, rec in enumerate(records))
    r = _ask(engine, "Hvor mange saker hadde prioritet Høy i 2023?")
    assert [row[-1] for row in r["rows"]] == [high], r["answer"]


def test_a_breakdown_by_category_shows_the_paths_as_exported(engine, made):
    rows, records = made[1]
    counts: dict[str, int] = {}
    for r in rows:
        if _in(2024, r):
            counts[r["Issue Type"]] = counts.get(r["Issue Type"], 0) + 1
    for n, rec in enumerate(records):
        if rec["created"].startswith("2024"):
            counts[TYPES[n % 3]] = counts.get(TYPES[n % 3], 0) + 1
    r = _ask(engine, "Hvor mange saker per kategori i 2024?")
    assert {row[0]: row[-1] for row in r["rows"]} == counts, r["answer"]
