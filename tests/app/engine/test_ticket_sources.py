"""Ticket questions over the real exports nobody here made (../shared/real/tickets): a process-mining
event log and a Jira issue list with no date column. Every figure is checked against a plain DuckDB
reading of the CSV files, never against a number written here."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from app.engine.engine import QuestionEngine
from tests.conftest import REAL_TICKETS

EVENT_LOG = REAL_TICKETS / "helpdesk_italian_sw_company_eventlog.csv"
JIRA = REAL_TICKETS / "apache_hive_jira_issues.csv"


def _csv(path: Path) -> str:
    return f"read_csv('{path}', all_varchar = true, header = true)"


@pytest.fixture(scope="module")
def engine(real_tickets_warehouse):
    return QuestionEngine(real_tickets_warehouse)


@pytest.fixture(scope="module")
def plain():
    con = duckdb.connect()
    con.execute(f"create view jira as select * from {_csv(JIRA)}")
    con.execute(f"""create view events as select "case:concept:name" as case_id, "concept:name" as activity,
        "org:resource" as resource, cast("time:timestamp" as timestamptz) as ts from {_csv(EVENT_LOG)}""")
    yield con
    con.close()


def _one(plain, sql):
    return plain.execute(sql).fetchone()[0]


def _ask(engine, question):
    result = engine.ask(question, engine="planner")
    assert result["status"] in ("ok", "unanswerable", "clarify"), result
    return result


def _mart(engine, sql):
    return tuple(engine.run(sql)[2][0])


def test_marts_keep_the_dateless_issues_out_of_every_period(engine, plain):
    issues = _one(plain, "select count(distinct Key) from jira")
    cases = _one(plain, "select count(distinct case_id) from events")
    assert _mart(engine, "select count(*), count(created_date), count(*) filter (where not is_dated) "
                         "from fct_ticket") == (issues + cases, cases, issues)
    assert _mart(engine, "select sum(ticket_count) from fct_ticket_daily") == (cases,)
    assert _mart(engine, "select sum(created_count) from agg_ticket_periods where grain = 'year' "
                         "and dimension = 'all'") == (cases,)
    assert _mart(engine, "select count(*) from fct_ticket_event") == (_one(plain, "select count(*) from events"),)


def test_a_dateless_export_counts_in_breakdowns(engine, plain):
    r = _ask(engine, "Hvor mange saker er det i HIVE-eksporten fra Jira?")
    assert r["rows"] == [[_one(plain, "select count(distinct Key) from jira")]]
    assert "apache_hive_jira_issues.csv" in r["answer"]  # the answer names the source it used
    r = _ask(engine, "HIVE-saker fordelt på status")
    expected = sorted(n for (n,) in plain.execute("select count(*) from jira group by Status").fetchall())
    assert sorted(row[-1] for row in r["rows"]) == expected
    r = _ask(engine, "Kor mange Blocker-saker i HIVE har status Closed?")
    assert r["rows"] == [[_one(plain, "select count(*) from jira where Priority = 'Blocker' and Status = 'Closed'")]]
    r = _ask(engine, "How many HIVE issues list 4.0.0 among their affected versions?")
    assert r["rows"][0][0] == _one(
        plain, "select count(*) from jira where list_contains(string_split(\"Affected Versions\", ', '), '4.0.0')")
    r = _ask(engine, "Hvor mange HIVE-saker har mer enn én berørt versjon?")
    assert r["rows"][0][0] == _one(plain, "select count(*) from jira where len(string_split(\"Affected Versions\", ', ')) > 1")


def test_a_value_written_as_exported_filters_even_when_it_is_an_ordinary_word(engine, plain):
    r = _ask(engine, "HIVE: talet på saker med prioritet Major som står som Resolved")
    assert r["rows"] == [[_one(plain, "select count(*) from jira where Priority = 'Major' and Status = 'Resolved'")]]
    r = _ask(engine, "Hvor mange Minor-saker i HIVE er lukket (status Closed)?")
    assert r["rows"] == [[_one(plain, "select count(*) from jira where Priority = 'Minor' and Status = 'Closed'")]]
    r = _ask(engine, "Count of HIVE tickets marked Trivial")
    assert r["rows"] == [[_one(plain, "select count(*) from jira where Priority = 'Trivial'")]]


def test_how_many_different_values_a_field_of_the_log_holds(engine, plain):
    r = _ask(engine, "How many different resources (handlers) appear in the helpdesk event log?")
    assert r["rows"][0][0] == _one(plain, "select count(distinct resource) from events")
    variants = _one(plain, f"""select count(distinct "case:variant") from {_csv(EVENT_LOG)}""")
    assert _ask(engine, "Kor mange ulike prosessvariantar finst i hendingsloggen?")["rows"][0][0] == variants


def test_the_resource_that_did_the_activity_the_verb_names(engine, plain):
    r = _ask(engine, "Hvilken ressurs løste flest saker, og i hvor mange saker?")
    # the tickets it resolved, and how many times it resolved one (a ticket may be resolved again)
    top = plain.execute("select resource, count(distinct case_id), count(*) from events "
                        "where activity = 'Resolve ticket' group by 1 order by 2 desc limit 1").fetchone()
    assert [tuple(x) for x in r["rows"]] == [top]


@pytest.mark.parametrize("question", ["Hvor mange HIVE-saker ble opprettet i 2023?",
                                      "HIVE issues per month",
                                      "What is the median resolution time of the HIVE issues?"])
def test_a_period_or_a_time_over_a_dateless_export_is_refused_saying_it_has_no_dates(engine, question):
    r = _ask(engine, question)
    assert r["status"] == "unanswerable" and r["rows"] == []
    assert "no dates" in r["answer"] or "ingen datoer" in r["answer"]


def test_event_log_activities_resources_and_first_events(engine, plain):
    wait = _one(plain, "select count(distinct case_id) from events where activity = 'Wait'")
    assert _ask(engine, "Hvor mange saker har minst én 'Wait'-hendelse?")["rows"] == [[wait]]
    cases = _one(plain, "select count(distinct case_id) from events")
    share = _ask(engine, "What share of all tickets went through a 'Wait' step?")
    assert share["rows"][0][:2] == [wait, cases] and float(share["rows"][0][2]) == pytest.approx(100 * wait / cases, abs=0.05)
    closed = _one(plain, "select count(distinct case_id) from events where activity = 'Closed'")
    assert _ask(engine, "Kor mange saker i hendelsesloggen vart aldri lukka (ingen 'Closed'-hending)?")["rows"][0][0] \
        == cases - closed
    by_resource = _one(plain, "select count(distinct case_id) from events where activity = 'Take in charge ticket' "
                              "and resource = 'Value 2'")
    assert _ask(engine, "Hvor mange saker tok ressursen 'Value 2' ansvar for (Take in charge ticket)?")["rows"] \
        == [[by_resource]]
    first = _one(plain, """select count(*) from (select case_id, arg_min(activity, ts) as a from events group by 1)
                           where a = 'Insert ticket'""")
    assert _ask(engine, "Hvor mange saker startet med 'Insert ticket'?")["rows"] == [[first]]
    assert _ask(engine, "How many events does the helpdesk log contain in total?")["rows"] == \
        [[_one(plain, "select count(*) from events")]]


def test_time_from_creation_to_the_first_activity(engine, plain):
    expected = _one(plain, """select median(epoch(c - s) / 86400.0) from (
        select case_id, min(ts) as s, min(ts) filter (where activity = 'Resolve ticket') as c from events group by 1)
        where c is not null""")
    r = _ask(engine, "Median tid frå oppretting til første 'Resolve ticket', i dagar")
    assert float(r["rows"][0][0]) == pytest.approx(expected, abs=0.05)


def test_reopen_rate_counts_from_the_events(engine):
    yes, measured = _mart(engine, "select count(*) filter (where is_reopened), count(is_reopened) "
                                  "from fct_ticket_lifecycle")
    r = _ask(engine, "Hvor stor andel av sakene ble gjenåpnet?")
    assert r["rows"][0][1:] == [yes, measured] and float(r["rows"][0][0]) == pytest.approx(100 * yes / measured, abs=0.05)


def test_a_value_the_column_never_holds_is_refused_not_counted_as_another(engine, plain):
    held = _one(plain, "select count(*) from jira where list_contains(string_split(\"Affected Versions\", ', '), '9.9.9')")
    assert held == 0  # the export never lists it
    r = _ask(engine, "Hvor mange HIVE-saker er rettet i versjon 9.9.9 (fix version)?")
    assert r["status"] == "unanswerable" and r["rows"] == []
    assert "9.9.9" in r["answer"]


def test_a_breakdown_by_a_field_the_named_export_leaves_empty_is_refused(engine, plain):
    # the event log has no priority column: its "priority distribution" is not the total of its cases
    for question in ("Prioritetsfordeling av saker i helpdesk-loggen", "priority distribution of the tickets in the event log"):
        r = _ask(engine, question)
        assert r["status"] == "unanswerable" and not r["rows"], r
        assert EVENT_LOG.name in r["answer"]
    # the Jira export fills it: the compound and "fordeling … på" ask the same breakdown as "fordelt på"
    expected = sorted(n for (n,) in plain.execute("select count(*) from jira group by Priority").fetchall())
    for question in ("prioritetsfordeling i HIVE-eksporten", "fordeling av HIVE-saker på prioritet"):
        r = _ask(engine, question)
        assert r["status"] == "ok" and sorted(row[-1] for row in r["rows"]) == expected, (question, r)
    # the log fills its status: the English noun phrase is a breakdown too
    r = _ask(engine, "status distribution of the tickets in the event log")
    assert r["status"] == "ok" and len(r["rows"]) > 1
