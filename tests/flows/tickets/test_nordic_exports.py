"""Exports written in Swedish, Danish or nynorsk load like Norwegian ones: an invented Swedish status history
("Ärende-ID", "Tidpunkt", "Status" Registrerad/Löst/Återöppnad/Avslutad, "Prioritet" Kritisk/Hög/Medel/Låg) is read
as an event log with its priorities on the one scale, and the states and levels of the other languages are
recognised. Expected values are read here from the file."""
from __future__ import annotations

import csv
import datetime as dt

import duckdb
import pytest

from flows.tickets.load import load_ticket_exports
from flows.tickets.presets import normalise_priority, normalise_status

LEVEL = {"Kritisk": "A", "Hög": "B", "Medel": "C", "Låg": "D"}


def _write(path):
    rows = [("Ärende-ID", "Tidpunkt", "Status", "Prioritet")]
    for i in range(12):
        start = dt.datetime(2024, 3, 1, 8) + dt.timedelta(days=i)
        level = list(LEVEL)[i % 4]
        steps = [("Registrerad", 0), ("Pågående", 1)]
        if i % 3:
            steps.append(("Löst", 5))
            if i % 3 == 2:
                steps += [("Återöppnad", 20), ("Avslutad", 30)]
        rows += [(f"E-{i}", f"{start + dt.timedelta(hours=h):%Y-%m-%d %H:%M}", state, level) for state, h in steps]
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter=";").writerows(rows)
    return rows[1:]


def test_a_swedish_status_history_loads_as_an_event_log(tmp_path):
    path = tmp_path / "easit_arendehistorik.csv"
    rows = _write(path)
    con = duckdb.connect()
    f = load_ticket_exports(con, [path]).files[0]
    assert (f.status, f.tickets) == ("loaded", len({r[0] for r in rows})), f.message
    got = {tid: (priority, status) for tid, priority, status in con.execute(
        "select ticket_id, priority, status from raw.tickets").fetchall()}
    last = {}
    for tid, _, state, level in rows:  # the file lists each ticket's events in time order
        last[tid] = (LEVEL[level], state)
    assert got == {tid: (level, {"Registrerad": "new", "Pågående": "open", "Löst": "resolved",
                                 "Avslutad": "closed"}[state]) for tid, (level, state) in last.items()}
    # reopened and closed: resolved at the closing (the last resolution), the reopening counted
    reopened = con.execute("select count(*) from raw.tickets where reopen_count = 1 and resolved_at is null and "
                           "closed_at is not null").fetchone()[0]
    assert reopened == sum(1 for tid, (_, state) in last.items() if state == "Avslutad")


@pytest.mark.parametrize("raw, level", [("Hög", "B"), ("Høj", "B"), ("Høg", "B"), ("Medel", "C"), ("Middel", "C"),
                                        ("Låg", "D"), ("Mycket hög", "A"), ("Meget høj", "A"), ("Akut", "A")])
def test_priority_words_of_the_nordic_languages(raw, level):
    assert normalise_priority(raw) == level


@pytest.mark.parametrize("raw, state", [("Registrerad", "new"), ("Öppen", "open"), ("Åben", "open"),
                                        ("Väntar på kund", "pending"), ("Afventer", "pending"), ("Löst", "resolved"),
                                        ("Åtgärdad", "resolved"), ("Avslutad", "closed"), ("Stängd", "closed"),
                                        ("Afsluttet", "closed"), ("Lukka", "closed"), ("Återöppnad", "open"),
                                        ("Genåbnet", "open"), ("Makulerad", "cancelled")])
def test_status_words_of_the_nordic_languages(raw, state):
    assert normalise_status(raw) == state
