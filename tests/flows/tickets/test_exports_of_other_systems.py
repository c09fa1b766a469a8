"""Exports of systems no preset is for, whose headers a preset's column names fit in part, and change histories that
number their own rows: each export keeps its own system (two systems never share one, so their ticket ids never
replace each other's), a change history is one ticket per ticket id, a priority column is read by the numbering
its header states, and a customer column of people's names yields to one naming organisations. Loaded into a real
DuckDB file; expectations are counted from the rows written here."""
from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest

from flows.tickets.load import load_ticket_exports


@pytest.fixture()
def con(tmp_path):
    c = duckdb.connect(str(tmp_path / "warehouse.duckdb"))
    yield c
    c.close()


def _csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows([header, *rows])
    return path


# a list whose Norwegian headers the zendesk preset reads in part ("ID", "Status", "Kategori", "Opprettet"), its
# priority numbered by its header (4 is critical) and its customer under "Kommune"
LIST_HEADER = ["ID", "Tittel", "Kommune", "Kategori", "Prioritet (1=lav, 4=kritisk)", "Status", "Kanal", "Opprettet",
               "Løst dato"]


def _list_rows(n: int, first_priority: int = 1) -> list[list[str]]:
    return [[str(i), f"Sak {i}", "Nordby kommune" if i % 2 else "Sørby kommune", "Programvare",
             str((i + first_priority) % 4 + 1), "Løst", "Telefon", f"0{i % 9 + 1}.03.2024 08:00",
             f"0{i % 9 + 1}.03.2024 12:00"] for i in range(1, n + 1)]


def test_exports_of_two_systems_a_preset_fits_in_part_keep_their_own_systems_and_ids(con, tmp_path):
    first = _csv(tmp_path / "alfadesk_liste.csv", LIST_HEADER, _list_rows(6))
    # the other system: another header (a column more), the same ticket ids 1..4
    second = _csv(tmp_path / "betatrack_saker.csv", [*LIST_HEADER, "Endret av"],
                  [[*r, "Agent"] for r in _list_rows(4)])
    load_ticket_exports(con, [first, second])
    by_file = dict(con.execute("select regexp_replace(source_file, '^.*/', ''), count(*) from raw.tickets "
                               "group by 1").fetchall())
    assert by_file == {"alfadesk_liste.csv": 6, "betatrack_saker.csv": 4}  # no id of one replaced the other's
    systems = dict(con.execute("select regexp_replace(source_file, '^.*/', ''), any_value(source_system) "
                               "from raw.tickets group by 1").fetchall())
    assert len(set(systems.values())) == 2 and "zendesk" not in systems.values()


def test_exports_named_after_the_preset_or_after_nothing_keep_the_presets_system(con, tmp_path):
    named = _csv(tmp_path / "zendesk_liste_2024.csv", LIST_HEADER, _list_rows(3))
    plain = _csv(tmp_path / "tickets_2024.csv", LIST_HEADER, _list_rows(3))
    load_ticket_exports(con, [named, plain])
    assert {s for (s,) in con.execute("select distinct source_system from raw.tickets").fetchall()} == {"zendesk"}


def test_a_completed_priority_column_is_read_by_the_numbering_its_header_states(con, tmp_path):
    rows = _list_rows(8)
    load_ticket_exports(con, [_csv(tmp_path / "alfadesk_liste.csv", LIST_HEADER, rows)])
    expected = {r[0]: {"4": "A", "3": "B", "2": "C", "1": "D"}[r[4]] for r in rows}
    assert dict(con.execute("select ticket_id, priority from raw.tickets").fetchall()) == expected


def test_a_change_history_numbering_its_rows_is_one_ticket_per_ticket_id(con, tmp_path):
    header = ["TicketId", "Subject", "Queue", "TransactionId", "TransactionCreated", "TransactionType", "Field",
              "OldValue", "NewValue"]
    rows, transaction = [], 9000
    for ticket in range(500, 512):
        for step, (kind, old, new) in enumerate((("Create", "", "new"), ("Status", "new", "open"),
                                                  ("Status", "open", "resolved"))[: ticket % 3 + 1]):
            transaction += 1
            rows.append([str(ticket), "Skriver", "Drift", str(transaction), f"2024-02-{ticket % 20 + 1:02d}T0{step}:00:00Z",
                         kind, "Status" if kind == "Status" else "", old, new])
    result = load_ticket_exports(con, [_csv(tmp_path / "xy_history.csv", header, rows)])
    assert "event log" in result.files[0].message
    assert con.execute("select count(*), count(distinct ticket_id) from raw.tickets").fetchone() == (12, 12)
    assert con.execute("select count(*) from raw.ticket_events").fetchone()[0] == len(rows)
    # the new value of each change is the state it sets: a ticket whose last change resolved it is resolved
    last = {r[0]: r[8] for r in rows}
    assert dict(con.execute("select ticket_id, status from raw.tickets").fetchall()) == last


def test_a_customer_column_of_people_yields_to_one_naming_organisations(con, tmp_path):
    header = ["Incident ID", "Summary", "Status", "Customer", "Organizational Unit", "Created On"]
    people = ["Kari Nord", "Ola Sør", "Per Vest", "Eva Øst", "Jon Li", "Ida Berg"]
    rows = [[f"IN-{100 + i}", "Passord", "Closed", people[i % 6], ("Nordby kommune", "Sørby kommune")[i % 2],
             f"2024-03-{i % 28 + 1:02d} 08:00"] for i in range(40)]
    load_ticket_exports(con, [_csv(tmp_path / "gamma_incidents.csv", header, rows)])
    assert dict(con.execute("select customer_org, count(*) from raw.tickets group by 1").fetchall()) == {
        "Nordby kommune": 20, "Sørby kommune": 20}


@pytest.mark.parametrize("word", ["Haster", "Umiddelbart"])
def test_the_words_for_urgent_and_immediate_are_the_top_level(con, tmp_path, word):
    header = ["#", "Status", "Prioritet", "Emne", "Opprettet"]
    levels = ["Lav", "Normal", "Høy", word]
    rows = [[str(i), "Ny", levels[i % 4], "Skriver", f"0{i % 9 + 1}.03.2024 08:00"] for i in range(1, 13)]
    load_ticket_exports(con, [_csv(tmp_path / "delta_saker.csv", header, rows)])
    assert dict(con.execute("select priority_source, any_value(priority) from raw.tickets group by 1").fetchall()) == {
        "Lav": "D", "Normal": "C", "Høy": "B", word: "A"}


def test_a_breach_of_the_resolution_target_is_the_sla_verdict(con, tmp_path):
    header = ["Incident ID", "Status", "Created On", "Resolved On", "Resolution Breached"]
    rows = [[f"IN-{500 + i}", "Closed", f"2024-03-{i % 28 + 1:02d} 08:00", f"2024-03-{i % 28 + 1:02d} 15:00",
             "True" if i % 4 == 0 else "False"] for i in range(24)]
    result = load_ticket_exports(con, [_csv(tmp_path / "epsilon_incidents.csv", header, rows)])
    assert "Resolution Breached" in result.files[0].message
    met = dict(con.execute("select ticket_id, sla_met from raw.tickets").fetchall())
    assert met == {r[0]: r[4] == "False" for r in rows}
