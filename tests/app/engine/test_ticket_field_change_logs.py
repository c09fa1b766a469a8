"""Questions over a field-change log (one row per change of one field, as a bug tracker's activity table exports it)
beside an ordinary export of a desk named in three words and a JSON export whose department is an object. What a system calls its records ("feil", "bugs") beside
the export named means that export's tickets; a system named in several words ("Village Help Desk" of vhd_*.csv) is
that export and none of its words is a filter; reopenings and reassignments are counted by the time of their event.
Every expected figure is computed here from the rows written here."""
from __future__ import annotations

import json
import random
from datetime import datetime, timedelta

import pytest

from tests.app.engine.conftest import planner_answer

PEOPLE = ("Kari Lie", "Per Dal", "Ola Nes")


def _make(folder):
    rnd = random.Random(5)
    rows = ["bug_id\tbug_when\twho\twhat\tremoved\tadded\tcomponent\tkommune"]
    truth = {"created": {}, "reopened": {}, "reassigned": {}}
    for n in range(60):
        bug = str(700 + n)
        t = datetime(2023, 6, 1, 8) + timedelta(hours=rnd.randint(0, 24 * 500))
        comp = ("Lønn", "Arkiv")[n % 2]
        log = [(t, "Status", "", "NEW")]
        truth["created"][bug] = t
        t += timedelta(hours=2)
        log.append((t, "AssignedTo", "nobody@tracker.example", PEOPLE[n % 3]))
        if n % 4 == 0:  # handed to another technician
            t += timedelta(hours=5)
            log.append((t, "AssignedTo", PEOPLE[n % 3], PEOPLE[(n + 1) % 3]))
            truth["reassigned"][bug] = t
        t += timedelta(hours=20)
        log.append((t, "Status", "ASSIGNED", "RESOLVED"))
        log.append((t, "Resolution", "", "FIXED"))
        if n % 5 == 0:  # reopened, resolved again
            t += timedelta(days=3)
            log.append((t, "Status", "RESOLVED", "REOPENED"))
            truth["reopened"][bug] = t
            t += timedelta(hours=6)
            log.append((t, "Status", "REOPENED", "RESOLVED"))
        rows += [f"{bug}\t{w:%Y-%m-%d %H:%M:%S}\tdesk@tracker.example\t{what}\t{old}\t{new}\t{comp}\tNordby"
                 for w, what, old, new in log]
    # the log as exported: every change in time order
    head, body = rows[0], sorted(rows[1:], key=lambda r: r.split("\t")[1])
    (folder / "tracker_activity.tsv").write_text("\n".join([head, *body]) + "\n", encoding="utf-8")
    desk = ["Ticket No.;Date;Status;Location"]
    desk_created = []
    for n in range(40):
        c = datetime(2023, 3, 1, 9) + timedelta(hours=rnd.randint(0, 24 * 600))
        desk.append(f"{9000 + n};{c:%d.%m.%Y %H:%M};{('Open', 'Closed')[n % 2]};Nordby kommune")
        desk_created.append(c)
    # a title block above the header states when it was exported, after its last ticket
    title = "Village Help Desk – alle saker\nUtvalg: alle. Eksportert 15.01.2025 08:00.\n\n"
    (folder / "vhd_tickets.csv").write_text(title + "\n".join(desk) + "\n", encoding="utf-8")
    # a JSON export whose department is an object: its code and its title
    departments = {1: "Servicedesk", 2: "Skole", 3: "Helse"}
    docs, by_department = [], {}
    for n in range(45):
        c = datetime(2024, 1, 2, 9) + timedelta(hours=rnd.randint(0, 24 * 360))
        d = 1 + rnd.randint(0, 2) if n % 3 else 1
        docs.append({"id": 30000 + n, "date_created": c.isoformat() + "Z", "status": "resolved",
                     "category": {"title": ("Passord", "Skriver")[n % 2]}, "organization": {"name": "Nordby kommune"},
                     "department": {"id": d, "title": departments[d]}})
        by_department[departments[d]] = by_department.get(departments[d], 0) + 1
    (folder / "deskly_tickets.json").write_text(json.dumps({"data": docs}), encoding="utf-8")
    truth["departments"] = by_department
    return truth, desk_created


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    folder = tmp_path_factory.mktemp("field-change-log")
    return folder, _make(folder)


@pytest.fixture(scope="module")
def engine(made, engine_over_exports):
    return engine_over_exports(made[0], "field-change-log")


def _in_2024(times):
    return sum(1 for t in times if t.year == 2024)


def _figure(result) -> float:
    return next(v for r in result["rows"] for v in r if isinstance(v, (int, float)))


def test_bugs_of_the_tracker_named_are_its_tickets(engine, made):
    truth, _ = made[1]
    r = planner_answer(engine, "Hvor mange nye feil ble meldt i Tracker i 2024?")
    assert _figure(r) == _in_2024(truth["created"].values())
    r = planner_answer(engine, "How many Tracker bugs were reported in 2024?")
    assert _figure(r) == _in_2024(truth["created"].values())


def test_reopenings_and_reassignments_by_the_time_of_their_event(engine, made):
    truth, _ = made[1]
    r = planner_answer(engine, "Kor mange Tracker-feil vart opna att i 2024?")
    assert _figure(r) == _in_2024(truth["reopened"].values())
    r = planner_answer(engine, "Hvor mange Tracker-feil ble flyttet fra én tekniker til en annen i løpet av 2024?")
    assert _figure(r) == _in_2024(truth["reassigned"].values())


def test_a_desk_named_in_three_words_is_its_export(engine, made):
    _, desk = made[1]
    r = planner_answer(engine, "How many Village Help Desk tickets were created in 2024?")
    assert _figure(r) == _in_2024(desk)


def test_a_record_noun_without_an_export_named_is_no_ticket_word(engine):
    # "feil" alone names no export: a question about errors is not a count of every ticket
    planner_answer(engine, "Hvor mange feil i lønnsutbetalingene var det i 2024?", status="unanswerable")


def test_a_nested_object_is_read_by_its_readable_field(engine, made):
    truth, _ = made[1]
    r = planner_answer(engine, "Break down Deskly tickets created in 2024 by department")
    got = {row[0]: row[1] for row in r["rows"]}
    assert got == truth["departments"]


def test_open_when_the_export_was_taken_on_the_day_it_states(engine, made):
    _, desk = made[1]
    assert max(desk).year == 2024  # the tickets end before the day the export states
    r = planner_answer(engine, "Hvor mange Village Help Desk-saker sto fortsatt åpne da eksporten ble tatt ut "
                               "15. januar 2025?")
    assert _figure(r) == sum(1 for n in range(len(desk)) if n % 2 == 0)  # status Open
    # another day than the one the export states: its states are not that day's
    planner_answer(engine, "Hvor mange Village Help Desk-saker sto fortsatt åpne da eksporten ble tatt ut "
                           "20. mars 2025?", status="unanswerable")
