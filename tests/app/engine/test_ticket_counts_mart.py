"""Ticket counts answered from agg_ticket_counts (app/engine/ticket_counts.py): the rewrite of a count-only query
over fct_ticket to the counts mart, as a pure function of the SQL, and over an invented desk export refreshed
through the real loaders and dbt — every answer read from the mart equals the answer read from fct_ticket, and a
question needing anything the mart lacks (a resolution time) reads fct_ticket."""
from __future__ import annotations

import shutil

import duckdb
import pytest

from app.engine.engine import QuestionEngine
from app.engine.ticket_counts import MART, from_counts_mart

MART_COLUMNS = frozenset({"created_date", "created_year", "organisation_key", "source_system", "source_file",
                          "priority", "priority_source", "category", "channel", "status", "is_resolved"})
TICKET_COLUMNS = MART_COLUMNS | {"ticket_key", "created_at", "resolved_at", "resolution_hours", "phone_wait_seconds"}


def _rewrite(sql):
    return from_counts_mart(sql, MART_COLUMNS, TICKET_COLUMNS)


# --- the rewrite, as a function of the SQL --------------------------------------------------------------------

def test_a_count_becomes_the_sum_of_the_mart_counts():
    out = _rewrite("select t.priority as priority, count(*) as tickets from fct_ticket as t "
                   "where t.created_date between date '2021-01-01' and date '2021-03-31' group by 1")
    assert out is not None and f"from {MART} as t" in out.lower() and "fct_ticket" not in out
    assert "sum(t.ticket_count)" in out.lower() and "count(*)" not in out.lower()


def test_a_filtered_count_is_a_filtered_sum_that_is_zero_when_nothing_matches():
    out = _rewrite("select count(*) filter (where t.channel in ('phone')) as tickets, count(*) as tickets_all "
                   "from fct_ticket as t")
    con = duckdb.connect()
    con.execute(f"create table {MART} as select 'email' as channel, 3::bigint as ticket_count")
    assert con.execute(out).fetchall() == [(0, 3)]  # count(*) of no row is 0, not a null sum


def test_a_grouped_ranking_and_distinct_values_keep_their_meaning():
    assert _rewrite("select t.category as category, count(*) as tickets from fct_ticket as t group by 1 "
                    "qualify rank() over (order by tickets desc) <= 3") is not None
    assert _rewrite("select t.source_system, string_agg(distinct t.source_file, ', ') as export, count(*) as n "
                    "from fct_ticket as t group by 1") is not None


@pytest.mark.parametrize("sql", [
    # a measure over the tickets' own values
    "select median(t.resolution_hours) from fct_ticket as t",
    "select count(t.resolution_hours) from fct_ticket as t",
    # a field the mart does not keep
    "select count(*) from fct_ticket as t where t.phone_wait_seconds <= 60",
    "select count(*) from fct_ticket as t where t.created_at is not null",
    # row-level tickets counted outside
    "with d as (select extract(isodow from t.created_date) as n from fct_ticket as t) select n, count(*) from d group by 1",
    # another fact joined to the tickets, and tickets joined to tickets
    "select count(*) from fct_ticket as t join fct_ticket_event as e on e.ticket_key = t.ticket_key",
    "select count(*) from fct_ticket as t join fct_ticket as u on u.status = t.status",
    # counting the rows of a select that does not group
    "select t.status, count(*) over () from fct_ticket as t",
    # fct_ticket without an alias, or every field of it
    "select count(*) from fct_ticket",
    "select t.* from fct_ticket as t",
])
def test_anything_needing_the_tickets_themselves_keeps_fct_ticket(sql):
    assert _rewrite(sql) is None


def test_no_mart_no_rewrite():
    assert from_counts_mart("select count(*) from fct_ticket as t", frozenset(), TICKET_COLUMNS) is None


# --- answers over an invented export ----------------------------------------------------------------------------

DESK = "kundesenter_saker.csv"
PRIORITIES = ("1 - Kritisk", "2 - Høy", "3 - Normal", "3 - Normal", "4 - Lav")
CATEGORIES = ("Nettverk", "Skrivar", "Tilgang", "Nettverk", "Programvare", "Tilgang", "Nettverk")


def _write(folder):
    lines = ["Saksnummer;Registrert;Løst;Prioritet;Status;Kategori"]
    for n in range(240):
        day, month = 1 + (n * 7) % 28, 1 + (n * 5) % 12
        solved = f"{day:02d}.{month:02d}.2022 {9 + n % 7}:30" if n % 5 else ""
        lines.append(f"KS-{1000 + n};{day:02d}.{month:02d}.2022 {8 + n % 9}:15;{solved};"
                     f"{PRIORITIES[n % len(PRIORITIES)]};{'Løst' if n % 5 else 'Under arbeid'};"
                     f"{CATEGORIES[n % len(CATEGORIES)]}")
    (folder / DESK).write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def engines(prefect_harness, tmp_path_factory):
    """(engine over the refreshed warehouse, engine over a copy whose counts mart misses a row: not used)."""
    from flows.refresh import refresh

    inbox = tmp_path_factory.mktemp("counts-inbox")
    _write(inbox)
    warehouse = tmp_path_factory.mktemp("counts-warehouse") / "warehouse.duckdb"
    summary = refresh(reports_dir=None, tickets_dir=inbox, warehouse=warehouse)
    assert summary.published, summary
    stale = tmp_path_factory.mktemp("counts-stale") / "warehouse.duckdb"
    shutil.copy(warehouse, stale)
    con = duckdb.connect(str(stale))
    con.execute(f"delete from {MART} where created_date = (select min(created_date) from {MART})")
    con.close()
    return QuestionEngine(warehouse), QuestionEngine(stale)


QUESTIONS = [
    "Hvor mange saker ble registrert i andre kvartal 2022?",
    "Saker fordelt på prioritet",
    "antall saker per kategori i 2022",
    "Hvor mange saker i kategorien Nettverk kom inn i mars 2022?",
    "How many tickets per status?",
    "Hvor stor andel av sakene gjaldt kategorien Tilgang?",
    "antall saker per måned 2022",
]


@pytest.mark.parametrize("question", QUESTIONS)
def test_a_count_from_the_mart_is_the_count_from_the_tickets(engines, question):
    mart, tickets = engines
    assert mart.vocab.data.tickets.counts_mart and not tickets.vocab.data.tickets.counts_mart
    a, b = mart.ask(question, engine="planner"), tickets.ask(question, engine="planner")
    assert a["status"] == b["status"] == "ok", (a, b)
    assert MART in a["sql"] or "fct_ticket_daily" in a["sql"]
    assert MART not in b["sql"]
    assert a["columns"] == b["columns"] and sorted(map(repr, a["rows"])) == sorted(map(repr, b["rows"]))


def test_a_count_the_mart_answers_says_so_and_one_it_cannot_reads_the_tickets(engines):
    mart, _ = engines
    a = mart.ask("Saker fordelt på prioritet", engine="planner")
    assert f"from {MART} as t" in a["sql"].lower() and MART in a["answer"]
    r = mart.ask("Hva er median løsningstid i timer for saker i 2022?", engine="planner")
    assert r["status"] == "ok" and "fct_ticket" in r["sql"] and MART not in r["sql"]



def test_a_question_runs_each_query_once_and_the_next_question_reads_the_warehouse_again(engines, monkeypatch):
    import app.engine.engine as engine_module

    mart, _ = engines
    ran = []
    real = engine_module.run_readonly
    monkeypatch.setattr(engine_module, "run_readonly", lambda path, sql, **kw: ran.append(sql) or real(path, sql, **kw))
    sql = "select count(*) as tickets from fct_ticket"
    seen = []

    def answer_twice(question, engine):  # a question whose parts compose the same SQL twice
        seen.extend(mart.run(sql)[2] for _ in range(2))
        return {"status": "unanswerable", "answer": "-", "question": question}

    monkeypatch.setattr(mart, "_ask", answer_twice)
    def runs():  # the guarded text of the SQL (upper case, a row limit) reaches the warehouse
        return sum(1 for s in ran if "fct_ticket" in s.lower() and "count(*)" in s.lower())

    mart.ask("antall saker", engine="planner")
    assert runs() == 1 and seen[0] == seen[1]
    mart.ask("antall saker", engine="planner")
    assert runs() == 2  # nothing kept between questions
    mart.run(sql)
    assert runs() == 3  # nor outside a question
