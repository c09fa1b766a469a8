"""Two invented exports refreshed through the real loaders: an incident system's audit log (one row per event of an
incident) and a work-item list whose states include items taken away ("Removed") and merged duplicates.

- The Norwegian "hendelser"/"hendingar" of an incident system are its incidents: "hvor mange hendelser ble opprettet"
  counts incidents, never the log's rows; the rows are counted only when a word makes them so ("(rader)", "i loggen").
- An item removed or merged is no real ticket: it is read as cancelled, so "uten fjernede", "not counting removed
  items" leave those out and a backlog never counts them as open.

Every expected figure is computed here from the rows written here."""
from __future__ import annotations

import random
from datetime import datetime, timedelta

import pytest

from tests.app.engine.conftest import planner_answer


def _make(folder):
    rnd = random.Random(7)
    incidents = []  # (id, created, events)
    rows = ["case:concept:name,concept:name,org:resource,time:timestamp"]
    for n in range(60):  # the audit log: incidents of 2023 and 2024, three to five events each
        c = datetime(2023, 1, 2, 8) + timedelta(hours=rnd.randint(0, 2 * 360 * 24))
        steps = [("Created", 0), ("Assigned", 1)] + [("Reassigned", 3)] * (n % 3) + (
            [("Resolved", 30), ("Closed", 60)] if n % 4 else [])
        for activity, h in steps:
            rows.append(f"INC{n + 1:04d},{activity},Gruppe {n % 3},{c + timedelta(hours=h):%Y-%m-%d %H:%M:%S}")
        incidents.append((n, c, len(steps)))
    (folder / "servix_audit.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    items = []  # (state, created)
    flags = []  # Overdue, per item
    tiers = []  # (tier 1, tier 2) of the tiered export
    rows = ["ID;Work Item Type;Title;State;Created Date;Closed Date;Overdue"]
    states = ["Closed"] * 6 + ["Active", "Removed", "Merged"]
    for n in range(90):  # the work items: 2025
        c = datetime(2025, 1, 3, 9) + timedelta(hours=rnd.randint(0, 350 * 24))
        state = states[n % len(states)]
        closed = f"{c + timedelta(days=3):%d.%m.%Y %H:%M}" if state == "Closed" else ""
        overdue = int(n % 5 == 0)
        rows.append(f"{7000 + n};{('Incident', 'Request')[n % 2]};Element {n};{state};{c:%d.%m.%Y %H:%M};{closed};"
                    f"{overdue}")
        items.append((state, c))
        flags.append(overdue)
    (folder / "devops_workitems.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    rows = ["Ticket,Opened,Status,Category Tier 1,Category Tier 2"]
    for n in range(40):  # tickets of 2024 with a category in two tiers: the first is the category, the second another column
        tier1, tier2 = ("Klient", "Nettverk", "Klient", "Tilgang")[n % 4], ("Skriver", "PC", "VPN", "PC", "PC")[n % 5]
        rows.append(f"T{n + 1},2024-{n % 12 + 1:02d}-10 09:00,Closed,{tier1},{tier2}")
        tiers.append((tier1, tier2))
    (folder / "tiered_tickets.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return incidents, items, flags, tiers


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    folder = tmp_path_factory.mktemp("incidents-removed")
    return folder, _make(folder)


@pytest.fixture(scope="module")
def engine(made, engine_over_exports):
    return engine_over_exports(made[0], "incidents-removed")


@pytest.mark.parametrize("question", ["Hvor mange hendelser ble opprettet i Servix-eksporten i 2024?",
                                      "Kor mange hendingar vart oppretta i Servix-eksporten i 2024?"])
def test_hendelser_of_an_incident_system_are_its_incidents(engine, made, question):
    incidents, *_ = made[1]
    r = planner_answer(engine, question)
    assert r["status"] == "ok", r["answer"]
    assert r["rows"] == [[sum(1 for _, c, _ in incidents if c.year == 2024)]]


def test_hendelser_named_as_rows_of_the_log_are_its_events(engine, made):
    incidents, *_ = made[1]
    r = planner_answer(engine, "Hvor mange hendelser (rader) har Servix-loggen for saker opprettet i 2024?")
    assert r["rows"] == [[sum(k for _, c, k in incidents if c.year == 2024)]]


def test_a_measure_the_log_lacks_is_no_count_of_its_events(engine):
    r = planner_answer(engine, "Hvor mange timer ble ført på hendelsene i Servix-eksporten i 2024?", "unanswerable")
    assert r["status"] == "unanswerable" and not r["rows"], r["answer"]


@pytest.mark.parametrize("question", [
    "How many work items were created in the devops export in 2025, not counting removed items?",
    "Hvor mange arbeidselementer ble opprettet i devops-eksporten i 2025, uten fjernede?",
    "Kor mange element vart oppretta i devops-eksporten i 2025? Fjerna element skal ikkje reknast med.",
])
def test_removed_items_are_left_out_when_asked(engine, made, question):
    _, items, *_ = made[1]
    r = planner_answer(engine, question)
    assert r["status"] == "ok", r["answer"]
    assert r["rows"] == [[sum(1 for s, c in items if s not in ("Removed", "Merged") and c.year == 2025)]]


def test_removed_items_are_counted_as_asked(engine, made):
    _, items, *_ = made[1]
    r = planner_answer(engine, "Hvor mange fjernede elementer ble opprettet i devops-eksporten i 2025?")
    assert r["rows"] and r["rows"][0][0] == sum(1 for s, c in items if s in ("Removed", "Merged") and c.year == 2025)


def _kinds(items, kept=lambda s: True):
    out = {}
    for s, c in items:
        if c.year == 2025 and kept(s):
            k = ("Incident", "Request")[items.index((s, c)) % 2]
            out[k] = out.get(k, 0) + 1
    return out


@pytest.mark.parametrize("question", [
    "Fordeling av elementer i devops-eksporten opprettet i 2025 på type, uten fjernede elementer",
    "Work items in the devops export created in 2025 by type, removed items excluded",
])
def test_a_field_is_named_by_its_export_header(engine, made, question):
    # «Work Item Type» is read into the category: "på type", "by type" name it by its header's own word
    _, items, *_ = made[1]
    r = planner_answer(engine, question)
    assert {row[0]: row[-1] for row in r["rows"]} == _kinds(items, lambda s: s not in ("Removed", "Merged"))


def test_a_value_left_out_beside_one_asked_narrows_the_share(engine, made):
    _, items, *_ = made[1]
    r = planner_answer(engine, "Share of Request items among work items in the devops export created in 2025 "
                               "(removed items excluded)")
    kinds = _kinds(items, lambda s: s not in ("Removed", "Merged"))
    assert r["rows"][0][:2] == [kinds["Request"], sum(kinds.values())]


def test_a_value_in_brackets_is_named_as_exported(engine, made):
    # "incident" is also a word for a ticket: written in brackets it names the value «Incident»
    _, items, *_ = made[1]
    r = planner_answer(engine, "Hvor stor andel av elementene i devops-eksporten i 2025 var hendelser (incident)?")
    kinds = _kinds(items)
    assert r["rows"][0][:2] == [kinds["Incident"], sum(kinds.values())]


def test_a_split_between_values_is_their_fields_breakdown(engine, made):
    _, items, *_ = made[1]
    r = planner_answer(engine, "Fordelinga mellom incidentar og førespurnader (requests) i devops-eksporten i 2025")
    assert {row[0]: row[-1] for row in r["rows"]} == _kinds(items)


def test_a_flag_marked_overdue_is_a_share_of_breaches(engine, made):
    _, items, flags, _ = made[1]
    r = planner_answer(engine, "Hvor stor andel av elementene i devops-eksporten opprettet i 2025 er merket som forfalt?")
    yes = sum(f for f, (_, c) in zip(flags, items) if c.year == 2025)
    assert r["rows"][0][1:] == [yes, sum(1 for _, c in items if c.year == 2025)]


def test_lead_time_is_the_time_from_creation_to_closing(engine, made):
    from statistics import median

    _, items, *_ = made[1]
    closed = [3.0 for i, (s, c) in enumerate(items) if s == "Closed" and i % 2 == 1
              and (c + timedelta(days=3)).year == 2025]
    r = planner_answer(engine, "Median gjennomløpstid i dager fra opprettet til lukket for Request-elementer i "
                               "devops-eksporten som ble lukket i 2025")
    assert r["rows"][0] == [median(closed), len(closed)]


@pytest.mark.parametrize("question, tier", [
    ("Which category (tier 1) had the most tickets in the tiered export in 2024?", 0),
    ("Which category tier 2 had the most tickets in the tiered export in 2024?", 1),
])
def test_the_tier_asked_is_the_column_whose_header_it_names(engine, made, question, tier):
    from collections import Counter

    top, n = Counter(t[tier] for t in made[1][3]).most_common(1)[0]
    r = planner_answer(engine, question)
    assert r["rows"][0] == [top, n]
