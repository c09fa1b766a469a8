"""Event-log questions over an invented process-mining log (several rows per ticket), refreshed through the real
loaders: a ticket's lifetime from its first event to its last (median, mean, percentile, within a filter, beyond a
bound), tickets that went through a step named by its words in bokmål, nynorsk or English, the latest state (the last
event), the weekday/hour tickets are created (every day counted, zero when none), and honest refusals. Every figure
is computed here with DuckDB over the CSV written here, never a number written into the test."""
from __future__ import annotations

from datetime import datetime, timedelta

import duckdb
import pytest

from app.engine.engine import QuestionEngine
from tests.app.engine.conftest import scalar as _one

LOG = "servicedesk_eventlog.csv"


def _write_log(folder):
    rows = ["case:concept:name,concept:name,org:resource,time:timestamp"]
    start = datetime(2021, 1, 4, 7, 30)  # a Monday
    for n in range(80):
        # weekdays only (Mon–Sat, never a Sunday), hours 07–17
        day = start + timedelta(days=(n * 3) % 40 + (n % 6 == 5))
        created = day.replace(hour=7 + n % 11, minute=(n * 7) % 60)
        if created.isoweekday() == 7:
            created += timedelta(days=1)
        steps = [("Register case", 0, f"Agent {n % 4}"), ("Assign priority", 0.1, f"Agent {(n + 1) % 4}")]
        if n % 3 == 0:
            steps.append(("Wait", 1 + n % 5, "Agent 9"))
        if n % 7 == 0:
            steps.append(("Request upgrade", 2 + n % 4, "Agent 8"))
        if n % 9 == 0:
            steps.append(("Create defect", 3, "Agent 7"))
            steps.append(("Close defect", 6, "Agent 7"))
        steps.append(("Resolve ticket", 8 + n % 13, f"Agent {n % 4}"))
        if n % 10:
            steps.append(("Closed", 20 + n % 17, "Agent 5"))
        if n % 20 == 1:
            steps.append(("Wait", 40, "Agent 9"))  # reopened and waiting again: its latest state is Wait
        for activity, days, who in steps:
            rows.append(f"Case{n},{activity},{who},{created + timedelta(days=days):%Y-%m-%d %H:%M:%S}")
    (folder / LOG).write_text("\n".join(rows) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    inbox = tmp_path_factory.mktemp("eventlog-inbox")
    _write_log(inbox)
    return inbox


@pytest.fixture(scope="module")
def engine(folder, engine_over_exports):
    return engine_over_exports(folder, "eventlog-warehouse")


@pytest.fixture(scope="module")
def plain(folder):
    con = duckdb.connect()
    con.execute(f"""create view events as select "case:concept:name" as case_id, "concept:name" as activity,
        "org:resource" as resource, cast("time:timestamp" as timestamp) as ts,
        row_number() over (partition by "case:concept:name" order by cast("time:timestamp" as timestamp)) as seq
        from read_csv('{folder / LOG}', all_varchar = true)""")
    con.execute("""create view spans as select case_id, min(ts) as created,
        (epoch(max(ts)) - epoch(min(ts))) / 86400.0 as days from events group by 1""")
    yield con
    con.close()


def _ask(engine, question):
    r = engine.ask(question, engine="planner")
    assert r["status"] == "ok", r
    return r


def _cell(r, column):
    return r["rows"][0][r["columns"].index(column)]


@pytest.mark.parametrize("question, stat, column", [
    ("What is the median ticket lifetime from the first to the last event?", "median(days)", "median_days"),
    ("Hva er gjennomsnittlig levetid for en sak fra første til siste hendelse?", "avg(days)", "avg_days"),
    ("Kva er 90-persentilen for tida frå første til siste hending i ei sak?", "quantile_cont(days, 0.9)", "p90_days"),
])
def test_a_ticket_lifetime_is_its_first_event_to_its_last(engine, plain, question, stat, column):
    r = _ask(engine, question)
    assert r["family"] == "ticket_lifetime"
    assert float(_cell(r, column)) == pytest.approx(_one(plain, f"select {stat} from spans"), abs=0.006)
    assert _cell(r, "tickets_measured") == _one(plain, "select count(*) from spans")
    assert "last" in r["answer"] or "siste" in r["answer"]


@pytest.mark.parametrize("question", ["Median levetid for saker som har vært gjennom Wait (første til siste hendelse)",
                                      "Median lifetime, first to last event, of tickets that went through 'Wait'"])
def test_a_lifetime_within_the_tickets_that_went_through_a_step(engine, plain, question):
    expected = _one(plain, "select median(days) from spans where case_id in (select case_id from events where "
                           "activity = 'Wait')")
    r = _ask(engine, question)
    assert float(_cell(r, "median_days")) == pytest.approx(expected, abs=0.006)
    assert "'Wait'" in r["answer"] and expected != pytest.approx(_one(plain, "select median(days) from spans"))


def test_a_lifetime_beyond_a_bound_is_counted_with_its_share(engine, plain):
    r = _ask(engine, "Kor mange saker hadde meir enn 30 dagar frå første til siste hending?")
    n, total = plain.execute("select count(*) filter (where days > 30), count(*) from spans").fetchone()
    assert 0 < n < total and r["rows"][0][:2] == [n, total]


def test_a_lifetime_of_a_step_the_log_lacks_is_refused_naming_its_steps(engine):
    r = engine.ask("Median lifetime from first to last event for tickets that went through customer survey",
                   engine="planner")
    assert r["status"] == "unanswerable" and not r.get("rows")
    assert "survey" in r["answer"] and "'Wait'" in r["answer"]


@pytest.mark.parametrize("question, activity", [
    ("Kor mange saker har vore gjennom oppgradering?", "Request upgrade"),
    ("How many tickets were escalated?", "Request upgrade"),
    ("Hvor mange saker ble eskalert?", "Request upgrade"),
    ("Kor mange saker fekk ein feilrapport?", "Create defect"),
    ("How many tickets were put on hold?", "Wait"),
])
def test_a_step_is_matched_by_its_words_translations_and_compounds(engine, plain, question, activity):
    expected = _one(plain, f"select count(distinct case_id) from events where activity = '{activity}'")
    r = _ask(engine, question)
    assert r["rows"][0][0] == expected and f"'{activity}'" in r["answer"]


def test_a_share_of_the_tickets_that_went_through_a_step(engine, plain):
    n, total = plain.execute("select count(distinct case_id) filter (where activity = 'Request upgrade'), "
                             "count(distinct case_id) from events").fetchone()
    r = _ask(engine, "Hvor stor andel av sakene ble oppgradert?")
    assert r["rows"][0][:2] == [n, total]


def test_a_field_value_the_log_lacks_is_no_step(engine):
    r = engine.ask("Hvor mange saker hadde høy prioritetsgrad?", engine="planner")
    assert r["status"] != "ok" or "'Assign priority'" not in r["answer"]


@pytest.mark.parametrize("question", ["How many tickets are currently in Wait?", "Hvor mange saker står nå i Wait?",
                                      "Kor mange saker har siste status Wait?"])
def test_the_latest_state_is_the_last_event(engine, plain, question):
    expected = _one(plain, "select count(*) from events e where seq = (select max(seq) from events l where "
                           "l.case_id = e.case_id) and activity = 'Wait'")
    ever = _one(plain, "select count(distinct case_id) from events where activity = 'Wait'")
    r = _ask(engine, question)
    assert 0 < expected < ever and r["rows"][0][0] == expected


def test_a_share_in_a_final_state_closed_or_resolved(engine, plain):
    n, total = plain.execute("""select count(*) filter (where activity in ('Closed', 'Resolve ticket', 'Close defect')),
        count(*) from events e where seq = (select max(seq) from events l where l.case_id = e.case_id)""").fetchone()
    r = _ask(engine, "What share of tickets ended in a final state (closed or resolved)?")
    assert r["rows"][0][:2] == [n, total] and "last event" in r["answer"]


@pytest.mark.parametrize("question, lang, order", [
    ("Kva vekedag vert det oppretta færrast saker?", "nn", "asc"),
    ("Which weekday has the fewest new tickets?", "en", "asc"),
    ("Hvilken ukedag opprettes flest saker?", "nb", "desc"),
])
def test_the_weekday_with_most_or_fewest_tickets_counts_every_day(engine, plain, question, lang, order):
    counts = dict(plain.execute("select isodow(created), count(*) from spans group by 1").fetchall())
    assert 7 not in counts  # no ticket on a Sunday: it counts as zero
    by_day = [counts.get(d, 0) for d in range(1, 8)]
    r = _ask(engine, question)
    assert sorted(row[1] for row in r["rows"]) == sorted(by_day)
    assert r["rows"][0][1] == (min if order == "asc" else max)(by_day)


def test_the_hour_with_most_tickets_created(engine, plain):
    counts = plain.execute("select hour(created), count(*) from spans group by 1 order by 2 desc, 1").fetchall()
    r = _ask(engine, "At which hour of the day are most tickets created?")
    assert r["rows"][0] == list(counts[0]) and len(r["rows"]) == 24


@pytest.mark.parametrize("question, condition", [
    ("Hvor mange saker ble opprettet utenfor kontortid (før kl. 08 eller fra kl. 16)?", "hour(created) < 8 or "
                                                                                      "hour(created) >= 16"),
    ("Kor mange saker vart oppretta i helga (laurdag eller søndag)?", "isodow(created) in (6, 7)"),
    ("How many tickets were created on a Friday?", "isodow(created) = 5"),
])
def test_tickets_created_outside_hours_at_the_weekend_or_on_a_day(engine, plain, question, condition):
    r = _ask(engine, question)
    assert r["rows"][0][:2] == [_one(plain, f"select count(*) from spans where {condition}"),
                                _one(plain, "select count(*) from spans")]


def test_event_order_questions(engine, plain):
    after = _one(plain, """select count(*) from (select case_id from events group by 1 having max(seq) >
        min(case when activity = 'Closed' then seq end))""")
    assert _ask(engine, "How many tickets have an event after their first 'Closed' event?")["rows"][0][0] == after
    several = _one(plain, "select count(*) from (select case_id from events group by 1 having "
                          "count(distinct resource) > 1)")
    assert _ask(engine, "Hvor mange saker har blitt håndtert av mer enn én ressurs?")["rows"][0][0] == several
    first = plain.execute("select activity, count(*) from events where seq = 1 group by 1 order by 2 desc "
                          "limit 1").fetchone()
    assert _ask(engine, "Which activity is most often the first event of a ticket?")["rows"][0] == list(first)


# a log of states only (one row per update, the state as exported, no activity field): the same questions
STATES = "incident_state_log.csv"


@pytest.fixture(scope="module")
def states_engine(prefect_harness, tmp_path_factory):
    from flows.refresh import refresh

    folder = tmp_path_factory.mktemp("state-log-inbox")
    rows = ["number,incident_state,priority,sys_updated_at"]
    for n in range(60):
        t = datetime(2022, 3, 1, 8) + timedelta(hours=9 * n)
        seq = ["New", "Active"] + (["Awaiting User Info", "Active"] if n % 4 == 0 else []) + ["Resolved", "Closed"]
        if n % 10 == 0:
            seq = seq[:3]  # still open; its latest state is the third
        for i, state in enumerate(seq):
            rows.append(f"INC{n:04d},{state},{'1 - Critical' if n % 3 == 0 else '3 - Moderate'},"
                        f"{t + timedelta(hours=5 * i):%d/%m/%Y %H:%M}")
    (folder / STATES).write_text("\n".join(rows) + "\n", encoding="utf-8")
    warehouse = tmp_path_factory.mktemp("state-log-warehouse") / "warehouse.duckdb"
    assert refresh(reports_dir=None, tickets_dir=folder, warehouse=warehouse).published
    con = duckdb.connect()
    con.execute(f"""create view states as select number as case_id, incident_state as state,
        strptime(sys_updated_at, '%d/%m/%Y %H:%M') as ts,
        row_number() over (partition by number order by strptime(sys_updated_at, '%d/%m/%Y %H:%M')) as seq
        from read_csv('{folder / STATES}', all_varchar = true)""")
    yield QuestionEngine(warehouse), con
    con.close()


def test_a_log_of_states_is_read_like_a_log_of_activities(states_engine):
    engine, plain = states_engine
    ever = _one(plain, "select count(distinct case_id) from states where state = 'Awaiting User Info'")
    assert _ask(engine, "How many tickets went through Awaiting User Info?")["rows"][0][0] == ever
    now = _one(plain, "select count(*) from states s where seq = (select max(seq) from states l where "
                      "l.case_id = s.case_id) and state = 'Awaiting User Info'")
    assert 0 < now < ever
    assert _ask(engine, "Hvor mange saker står nå i Awaiting User Info?")["rows"][0][0] == now
    median = _one(plain, "select median(d) from (select (epoch(max(ts)) - epoch(min(ts))) / 86400.0 as d from states "
                         "group by case_id)")
    r = _ask(engine, "Median levetid for en sak fra første til siste hendelse")
    assert float(_cell(r, "median_days")) == pytest.approx(median, abs=0.006)
