"""Ticket questions that name an export the way a user would: by a system's abbreviation ("RT-saker") or its name
written out ("Request Tracker"), by a word of its file ("Alfadesk-saker", "i Betalista"), with the provider that owns
every desk beside it ("til Nordfjell IKT"), or every export at once ("alle helpdesk-systemene samlet"). The id prefix
of one export ("IN-") is no name in "tickets in 2024"; a channel word written as how tickets came in is the channel,
not another export's category; a change asked with "totalt" compares the years; a ticket named by its id gives the
column of its export the question names. Every figure is checked against SQL over the same rows."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from app.engine.families.base import Reading
from tests.app.engine.conftest import read_and_run as _ask
from tests.app.engine.conftest import scalar as _one
from tests.app.engine.conftest import write_ticket_warehouse

TICKET_COLUMNS = """ticket_key text, ticket_id text, source_system text, source_file text, organisation_key text,
    customer_name text, created_at timestamptz, created_date date, resolved_at timestamptz, priority text,
    priority_source text, category text, channel text, status text, status_source text, is_resolved boolean,
    resolution_hours double"""
# (system as the loader keys it, file, id of the n-th ticket, how many)
SOURCES = (("inferred_0a1b2c3d", "exports/rt_ticket_history_2023-2024.csv", lambda n: str(48000 + n), 90),
           ("inferred_4e5f6a7b", "exports/Incidents_Nordfjell_2023-2024.xlsx", lambda n: f"IN-{23000 + n}", 70),
           ("zendesk_8c9d0e1f", "exports/alfadesk_tickets_export.json", lambda n: str(7000 + n), 80),
           ("zendesk_2a3b4c5d", "exports/betaliste_helpdesk.csv", lambda n: str(1900 + n), 60))
UTC = timezone.utc


def _file(system: str) -> str:
    return next(f for s, f, _, _ in SOURCES if s == system).rsplit("/", 1)[-1]


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    rows, attributes, events = [], [], []
    for s, (system, file, ident, count) in enumerate(SOURCES):
        for n in range(count):
            created = datetime(2023, 1, 2, 8, tzinfo=UTC) + timedelta(hours=193 * n + 7 * s)
            resolved = created + timedelta(hours=2 + n % 11)
            category = "Telefoni" if system.startswith("zendesk_2") and n % 3 == 0 else ("Programvare", "Tilgang")[n % 2]
            channel = ("phone", "email", "portal")[n % 3] if system.startswith("zendesk_8") else None
            key = f"{system}:{ident(n)}"
            rows.append((key, ident(n), system, file, ("nord", "sor")[n % 2], None, created, created.date(), resolved,
                         "ABCD"[n % 4], ("Kritisk", "Høy", "Normal", "Lav")[n % 4], category, channel, "resolved",
                         "Løst", True, (resolved - created).total_seconds() / 3600))
            if system.startswith("inferred_0"):  # the change history: new, open, (open again), resolved, ...
                states = ["new", "open"] + ["open"] * (n % 2) + ["resolved", "open", "resolved"][: 1 + n % 3]
                for seq, state in enumerate(states, start=1):
                    at = created + timedelta(hours=seq)
                    events.append((key, system, ident(n), at.replace(tzinfo=None), at.date(), seq,
                                   "Create" if seq == 1 else "Status", None, state, created.date(), seq / 24, file))
            if system.startswith("zendesk_2"):
                attributes.append((f"a{n}", key, system, ident(n), "Brukt tid", str(n % 7 + 0.5), n % 7 + 0.5, 1,
                                   file))
    return write_ticket_warehouse(tmp_path_factory.mktemp("named-exports") / "w.duckdb", TICKET_COLUMNS, rows, events,
                                  attributes, {"nord": "Nordvik kommune", "sor": "Sørvik kommune"})


@pytest.fixture(scope="module")
def organisations():
    return {"nord": ("Nordvik kommune", "Nordvik"), "sor": ("Sørvik kommune", "Sørvik")}


def _count(con, system: str | None, year: int | None = None, extra: str = "") -> int:
    where = [f"source_system = '{system}'"] if system else ["true"]
    if year:
        where.append(f"year(created_date) = {year}")
    if extra:
        where.append(extra)
    return _one(con, "select count(*) from fct_ticket where " + " and ".join(where))


@pytest.mark.parametrize("question,lang", [("RT-saker opprettet i 2024", "nb"), ("RT tickets created in 2024", "en"),
                                           ("Hvor mange saker ble opprettet i Request Tracker i 2024?", "nb")])
def test_a_system_named_by_its_abbreviation_or_its_name_written_out(vocab, con, question, lang):
    found, cols, rows = _ask(question, vocab, con, lang)
    assert isinstance(found, Reading), (question, getattr(found, "answer", None))
    assert _file("inferred_0a1b2c3d") in found.source and _file("inferred_4e5f6a7b") not in found.source
    assert rows[0][0] == _count(con, "inferred_0a1b2c3d", 2024)


def test_the_word_in_is_no_id_prefix(vocab, con):
    found, cols, rows = _ask("How many tickets were created in 2024?", vocab, con, "en")
    assert isinstance(found, Reading) and rows[0][0] == _count(con, None, 2024)


@pytest.mark.parametrize("question,lang", [
    ("Hvor mange saker ble opprettet i 2024, alle helpdesk-systemene til Nordfjell IKT samlet?", "nb"),
    ("Hvor mange saker ble opprettet i 2024, alle systemer samlet?", "nb")])
def test_every_export_pooled(vocab, con, question, lang):
    found, cols, rows = _ask(question, vocab, con, lang)
    assert isinstance(found, Reading) and rows[0][0] == _count(con, None, 2024)


def test_the_provider_owning_the_desks_names_no_export(vocab, con):
    found, cols, rows = _ask("Kor mange saker er registrerte i Betalista til Nordfjell IKT?", vocab, con, "nn")
    assert isinstance(found, Reading) and _file("zendesk_2a3b4c5d") in found.source
    assert rows[0][0] == _count(con, "zendesk_2a3b4c5d")


def test_a_channel_written_as_how_tickets_came_in_is_the_channel(vocab, con):
    # «Telefoni» is a category of another export only: "kom inn på telefon" is the channel
    found, cols, rows = _ask("Hvor mange Alfadesk-saker kom inn på telefon i 2024?", vocab, con, "nb")
    assert isinstance(found, Reading), getattr(found, "answer", None)
    assert rows[0][0] == _count(con, "zendesk_8c9d0e1f", 2024, "channel = 'phone'") > 0


def test_a_change_asked_with_totalt_compares_the_years(vocab, con):
    found, cols, rows = _ask("Endring i antall saker totalt fra 2023 til 2024, alle systemer", vocab, con, "nb")
    assert isinstance(found, Reading)
    counts = sorted(r[cols.index("tickets")] for r in rows)
    assert counts == sorted([_count(con, None, 2023), _count(con, None, 2024)])


def test_a_ticket_named_by_its_id_gives_the_column_asked_of_its_export(vocab, con):
    found, cols, rows = _ask("Kor mykje tid er ført som brukt tid på Betaliste-sak #1936?", vocab, con, "nn")
    assert isinstance(found, Reading), getattr(found, "answer", None)
    assert len(rows) == 1 and rows[0][cols.index("attribute_value")] == _one(
        con, "select value_number from fct_ticket_attribute where ticket_id = '1936' and attribute = 'Brukt tid'")


@pytest.mark.parametrize("question,lang,column", [("Hvor mange statusendringer har RT-sak 48007?", "nb", "status_changes"),
                                                  ("How many events does RT ticket 48007 have?", "en", "events")])
def test_a_tickets_changes_of_state_or_events_counted_from_the_log(vocab, con, question, lang, column):
    found, cols, rows = _ask(question, vocab, con, lang)
    assert isinstance(found, Reading), getattr(found, "answer", None)
    states = [s for (s,) in con.execute("select status from fct_ticket_event where ticket_id = '48007' "
                                        "order by event_seq").fetchall()]
    want = (sum(1 for a, b in zip(states, states[1:]) if a != b) if column == "status_changes" else len(states))
    assert len(rows) == 1 and rows[0][cols.index(column)] == want and want >= 3


@pytest.mark.parametrize("question,lang", [
    ("Nordvik kommune 2024: antall saker i Alfadesk og i Betalista", "nb"),
    ("Kor mange saker hadde Alfadesk og Betalista i 2024?", "nn")])
def test_two_exports_named_are_counted_each_with_their_sum(vocab, con, question, lang):
    found, cols, rows = _ask(question, vocab, con, lang)
    assert isinstance(found, Reading), getattr(found, "answer", None)
    extra = "organisation_key = 'nord'" if "Nordvik" in question else ""
    by_file = {r[0]: r[-1] for r in rows}
    want = {_file(s): _count(con, s, 2024, extra) for s in ("zendesk_8c9d0e1f", "zendesk_2a3b4c5d")}
    assert {f: by_file.get(f) for f in want} == want
    assert by_file.get("til sammen") == sum(want.values()) and _file("inferred_0a1b2c3d") not in by_file


def test_two_exports_named_with_a_sum_word_give_one_total(vocab, con):
    found, cols, rows = _ask("Hvor mange saker hadde Alfadesk og Betalista til sammen i 2024?", vocab, con, "nb")
    assert isinstance(found, Reading) and len(rows) == 1
    assert rows[0][0] == _count(con, "zendesk_8c9d0e1f", 2024) + _count(con, "zendesk_2a3b4c5d", 2024)


def test_which_of_the_exports_named_had_the_most_tickets(vocab, con):
    found, cols, rows = _ask("Which of the RT, Alfadesk and Betaliste exports had the most tickets in 2024?", vocab, con,
                             "en")
    assert isinstance(found, Reading), getattr(found, "answer", None)
    counts = {s: _count(con, s, 2024) for s in ("inferred_0a1b2c3d", "zendesk_8c9d0e1f", "zendesk_2a3b4c5d")}
    top = max(counts, key=counts.get)
    assert rows[0][0] == _file(top) and rows[0][-1] == counts[top]
