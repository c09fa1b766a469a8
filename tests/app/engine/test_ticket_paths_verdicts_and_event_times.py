"""Ticket questions whose answer depends on how the exports hold a thing, over invented exports:

- a level of a category written as a path ("passord" of «Tilgang > Passord») names every value holding it, for a
  share as for a count; a ticket word ("sak" of «Sak/arkiv») names none;
- "løst innen fristen" is the export's own SLA verdict over the tickets resolved, never "the deadline column filled";
- "saker som ble lukket i 2024" places a measure's tickets by their closing, not their creation;
- "januar–mars 2024 sammenlignet med januar–mars 2025": the same months of each year, one figure per year;
- "by the queue they were created in": the group of each ticket's first event in the event log; "by group" in English;
- a step of the event log done "i løpet av 2024" (moved to another queue) and a reopening in 2025 are placed by the
  event's own time;
- "i hele 2025" of an export whose tickets stop in May is unanswerable; the time to first response of an export that
  records none is unanswerable even when another export has it;
- "uttrekket" is the export itself; "tracker" names the export's «Type» column.

Every figure is checked against SQL over the same rows."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import duckdb
import pytest

from app.engine.families.base import Reading, Refusal
from tests.app.engine.conftest import read_and_run as _ask
from tests.app.engine.conftest import scalar as _one
from tests.app.engine.conftest import write_ticket_warehouse

TICKET_COLUMNS = """ticket_key text, ticket_id text, source_system text, source_file text, organisation_key text,
    customer_name text, created_at timestamptz, created_date date, resolved_at timestamptz, closed_at timestamptz,
    first_response_minutes double, priority text, priority_source text, category text, assignment_group text,
    status text, status_source text, is_resolved boolean, resolution_hours double"""
UTC = timezone.utc
DESK = ("inferred_a1a1a1a1", "exports/alfadesk_saker.csv")       # category paths, SLA verdict, no first response
LOG = ("inferred_b2b2b2b2", "exports/koelogg_historikk.tsv")      # an event log with queues
TASKS = ("inferred_c3c3c3c3", "exports/oppgaveliste.csv")         # a «Type» column, first responses
CATEGORIES = ("Tilgang > Passord", "Tilgang > Konto", "Programvare > Office", "Sak/arkiv", "Programvare > Passord")
QUEUES = ("Servicedesk", "Drift", "Nettverk")


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    tickets, events, attributes, lifecycle = [], [], [], []
    system, file = DESK
    for n in range(150):  # every 3 days from January 2024 to March 2025, then nothing
        created = datetime(2024, 1, 2, 9, tzinfo=UTC) + timedelta(days=3 * n, hours=n % 5)
        closed = created + timedelta(days=1 + n % 9, hours=n % 7) if n % 10 != 9 else None
        resolved = closed - timedelta(hours=2) if closed else None
        key = f"{system}:{n}"
        tickets.append((key, str(n), system, file, "nord", None, created, created.date(), resolved, closed, None,
                        "ABCD"[n % 4], "P" + "1234"[n % 4], CATEGORIES[n % 5], None,
                        "closed" if closed else "open", "Lukket" if closed else "Ny", closed is not None,
                        (closed - created).total_seconds() / 3600 if closed else None))
        attributes.append((f"f{n}", key, system, str(n), "Tid til løsning", created.strftime("%d.%m.%Y"), None, 1, file))
        lifecycle.append((key, system, created.date(), closed is not None, n % 3 != 0))
    system, file = LOG
    for n in range(80):  # from May 2023 to January 2025, ever further apart
        created = datetime(2023, 5, 1, 8, tzinfo=UTC) + timedelta(days=4 * n + n * n // 20)
        key = f"{system}:{n}"
        first, later = QUEUES[n % 3], QUEUES[(n + 1) % 3]
        steps = [("NewTicket", "new", first, 0)]
        if n % 4 == 0:
            steps.append(("Move", "open", later, 200 * 24))  # moved 200 days later: often in the next year
        steps.append(("StateUpdate", "closed", later if n % 4 == 0 else first, 205 * 24))
        if n % 5 == 0:
            steps += [("StateUpdate", "open", first, 210 * 24), ("StateUpdate", "closed", first, 212 * 24)]
        closed = created + timedelta(hours=steps[-1][3])
        tickets.append((key, str(n), system, file, "sor", None, created, created.date(), None, closed, None, None,
                        None, None, steps[-1][2], "closed", "closed", True, None))
        for seq, (activity, state, queue, hours) in enumerate(steps, start=1):
            at = created + timedelta(hours=hours)
            events.append((key, system, str(n), at.replace(tzinfo=None), at.date(), seq, activity, "agent", state,
                           created.date(), hours / 24, file, queue))
        lifecycle.append((key, system, created.date(), True, None))
    system, file = TASKS
    for n in range(60):
        created = datetime(2024, 1, 5, 10, tzinfo=UTC) + timedelta(days=6 * n)
        key = f"{system}:{n}"
        tickets.append((key, str(n), system, file, "nord", None, created, created.date(), None, None, 30.0 + n,
                        None, None, None, ("Brukerstøtte", "Skole-IKT")[n % 2], "open", "Ny", False, None))
        attributes.append((f"t{n}", key, system, str(n), "Type", ("Feil", "Support", "Funksjon")[n % 3], None, 1,
                           file))
        lifecycle.append((key, system, created.date(), False, None))
    path = write_ticket_warehouse(tmp_path_factory.mktemp("paths-verdicts") / "w.duckdb", TICKET_COLUMNS, tickets,
                                  [e[:12] for e in events], attributes,
                                  {"nord": "Nordvik kommune", "sor": "Sørvik kommune"})
    con = duckdb.connect(str(path))
    con.execute("alter table fct_ticket_event add column assignment_group text")
    con.executemany("update fct_ticket_event set assignment_group = ? where ticket_key = ? and event_seq = ?",
                    [(e[12], e[0], e[5]) for e in events])
    con.execute("create table fct_ticket_lifecycle (ticket_key text, source_system text, created_date date, "
                "is_done boolean, is_sla_met boolean)")
    con.executemany("insert into fct_ticket_lifecycle values (?, ?, ?, ?, ?)", lifecycle)
    con.close()
    return path


@pytest.fixture(scope="module")
def organisations():
    return {"nord": ("Nordvik kommune", "Nordvik"), "sor": ("Sørvik kommune", "Sørvik")}


def _reading(question, vocab, con, lang="nb"):
    found, cols, rows = _ask(question, vocab, con, lang)
    assert isinstance(found, Reading), (question, getattr(found, "answer", found))
    return found, cols, rows


def test_a_level_of_a_category_path_names_every_value_holding_it_in_a_share(vocab, con):
    found, cols, rows = _reading("Kor stor del av Alfadesk-sakene i 2024 gjaldt passord?", vocab, con, "nn")
    n = _one(con, f"select count(*) from fct_ticket where source_system = '{DESK[0]}' and year(created_date) = 2024 "
                  "and category like '%> Passord'")
    total = _one(con, f"select count(*) from fct_ticket where source_system = '{DESK[0]}' and year(created_date) = 2024")
    assert "Sak/arkiv" not in found.sql  # "sakene" is the ticket noun, not the level «Sak» of «Sak/arkiv»
    row = dict(zip(cols, rows[0]))
    assert (row["tickets"], row["tickets_all"]) == (n, total)
    assert row["share_pct"] == pytest.approx(round(100 * n / total, 1))


def test_resolved_within_the_deadline_is_the_verdict_over_the_tickets_resolved(vocab, con):
    found, cols, rows = _reading("Andel Alfadesk-saker opprettet i 2024 som ble løst innen fristen for tid til løsning",
                                 vocab, con)
    met, done = con.execute(f"select count(*) filter (where is_sla_met), count(*) from fct_ticket_lifecycle where "
                            f"source_system = '{DESK[0]}' and year(created_date) = 2024 and is_done").fetchone()
    assert done < _one(con, f"select count(*) from fct_ticket where source_system = '{DESK[0]}' "
                            "and year(created_date) = 2024")  # the open tickets are left out
    assert rows[0][0] == pytest.approx(round(100 * met / done, 1)) and rows[0][1:] == (met, done)


def test_tickets_closed_in_a_year_are_placed_by_their_closing(vocab, con):
    found, cols, rows = _reading("Median tid fra opprettet til lukket i dager for Alfadesk-saker som ble lukket i 2024",
                                 vocab, con)
    expected = _one(con, f"select median(epoch(closed_at - created_at) / 86400.0) from fct_ticket where source_system = "
                         f"'{DESK[0]}' and year(closed_at) = 2024")
    by_creation = _one(con, f"select count(*) from fct_ticket where source_system = '{DESK[0]}' "
                            "and year(created_date) = 2024 and closed_at is not null")
    assert float(rows[0][0]) == pytest.approx(expected, abs=0.01)
    assert rows[0][1] == _one(con, f"select count(*) from fct_ticket where source_system = '{DESK[0]}' "
                                   "and year(closed_at) = 2024") != by_creation


def test_the_same_months_of_two_years_compared_give_one_figure_per_year(vocab, con):
    found, cols, rows = _reading("Alfadesk-saker fra Nordvik januar–mars 2024 sammenlignet med januar–mars 2025",
                                 vocab, con)
    expected = [tuple(r) for r in con.execute(
        f"select year(created_date), count(*) from fct_ticket where source_system = '{DESK[0]}' and organisation_key = "
        "'nord' and month(created_date) <= 3 group by 1 order by 1").fetchall()]
    assert [tuple(r[:2]) for r in rows] == expected and len(expected) == 2
    assert TASKS[0] not in found.sql or f"'{DESK[0]}'" in found.sql  # the export named filters


def test_the_queue_a_ticket_was_created_in_is_its_first_events_group(vocab, con):
    found, cols, rows = _reading("Koelogg tickets created in 2024 broken down by the queue they were created in",
                                 vocab, con, "en")
    expected = dict(con.execute(
        "select e.assignment_group, count(*) from fct_ticket_event as e join fct_ticket as t using (ticket_key) "
        f"where e.event_seq = 1 and t.source_system = '{LOG[0]}' and year(t.created_date) = 2024 group by 1").fetchall())
    now = dict(con.execute(f"select assignment_group, count(*) from fct_ticket where source_system = '{LOG[0]}' "
                           "and year(created_date) = 2024 group by 1").fetchall())
    assert dict((r[0], r[1]) for r in rows) == expected != now


def test_by_group_in_english_breaks_down_by_the_assignment_group(vocab, con):
    found, cols, rows = _reading("Oppgaveliste tickets created in 2024 by group", vocab, con, "en")
    expected = dict(con.execute(f"select assignment_group, count(*) from fct_ticket where source_system = '{TASKS[0]}' "
                                "and year(created_date) = 2024 group by 1").fetchall())
    assert dict((r[0], r[1]) for r in rows) == expected


def test_a_step_done_during_a_year_is_placed_by_the_events_time(vocab, con):
    found, cols, rows = _reading("Kor mange koelogg-saker vart flytta til ein annan kø i løpet av 2024?", vocab, con, "nn")
    by_event = _one(con, "select count(distinct ticket_key) from fct_ticket_event where activity = 'Move' "
                         "and year(event_date) = 2024")
    by_creation = _one(con, "select count(distinct ticket_key) from fct_ticket_event where activity = 'Move' "
                            "and year(created_date) = 2024")
    assert rows[0][0] == by_event != by_creation


def test_tickets_reopened_in_a_year_are_counted_by_the_reopening(vocab, con):
    found, cols, rows = _reading("Kor mange koelogg-saker vart opna på nytt i 2024?", vocab, con, "nn")
    expected = _one(con, "select count(distinct ticket_key) from (select ticket_key, event_date, status, lag(status) "
                         "over (partition by ticket_key order by event_seq) as before from fct_ticket_event) "
                         "where before = 'closed' and status = 'open' and year(event_date) = 2024")
    created = _one(con, "select count(distinct ticket_key) from (select ticket_key, created_date, status, lag(status) "
                        "over (partition by ticket_key order by event_seq) as before from fct_ticket_event) "
                        "where before = 'closed' and status = 'open' and year(created_date) = 2024")
    assert rows[0][0] == expected != created


def test_the_whole_of_a_year_an_export_stops_inside_is_unanswerable(vocab, con):
    found, _, rows = _ask("Hvor mange Alfadesk-saker ble meldt i hele 2025?", vocab, con, "nb")
    assert isinstance(found, Refusal) and found.status == "unanswerable" and not rows
    assert "mars 2025" in found.answer
    found, _, rows = _reading("Hvor mange Alfadesk-saker ble meldt i hele 2024?", vocab, con)
    assert rows[0][0] == _one(con, f"select count(*) from fct_ticket where source_system = '{DESK[0]}' "
                                   "and year(created_date) = 2024")


def test_first_response_of_an_export_that_records_none_is_unanswerable(vocab, con):
    found, _, rows = _ask("Median tid til første respons for Alfadesk-saker i 2024", vocab, con, "nb")
    assert isinstance(found, Refusal) and found.status == "unanswerable" and not rows
    assert "alfadesk_saker.csv" in found.answer
    found, cols, rows = _reading("Median tid til første respons for Oppgaveliste-saker i 2024", vocab, con)
    assert float(rows[0][0]) == pytest.approx(_one(con, f"select median(first_response_minutes) from fct_ticket where "
                                                 f"source_system = '{TASKS[0]}' and year(created_date) = 2024"), abs=0.01)


def test_the_extract_is_the_export_itself(vocab, con):
    found, cols, rows = _reading("Hvor mange saker i Alfadesk-uttrekket står fortsatt som ikke løst?", vocab, con)
    assert rows[0][0] == _one(con, f"select count(*) from fct_ticket where source_system = '{DESK[0]}' and "
                                   "resolved_at is null and closed_at is null")


def test_tracker_names_the_type_column(vocab, con):
    found, cols, rows = _reading("Oppgaveliste issues created in 2024 by tracker", vocab, con, "en")
    expected = dict(con.execute("select a.value, count(*) from fct_ticket_attribute as a join fct_ticket as t using "
                                "(ticket_key) where a.attribute = 'Type' and year(t.created_date) = 2024 "
                                "group by 1").fetchall())
    assert dict((r[0], r[1]) for r in rows) == expected
