"""Ticket questions over two invented exports refreshed through the real loaders — a one-row-per-ticket export with
Norwegian headers (a «Kommune» customer column beside a «Melder» reporter column, a channel, a group, a reopen count)
and an incident event log (state per row, reopened incidents): the backlog at a period's end, a breakdown by the field
the question names, open tickets by the states listed, the reopen share and a customer no ticket has. Every expected
figure is computed here with DuckDB over the CSV files written here."""
from __future__ import annotations

import random
from datetime import date, datetime, timedelta

import duckdb
import pytest

from tests.app.engine.conftest import planner_answer

FLAT = "brukerstotte_saker.csv"
LOG = "incident_eventlog.csv"
KOMMUNER = ("Austvik kommune", "Vestdal kommune", "Nordhavn kommune")
MELDERE = ("Ola Hansen", "Kari Berg", "Per Lie", "Anne Dahl", "Nils Moe")


def _write(folder):
    rnd = random.Random(11)
    lines = ["Saksnr;Opprettet;Løst;Status;Prioritet;Kategori;Kanal;Kommune;Melder;Gruppe;Antall gjenåpninger"]
    for i in range(240):
        created = datetime(2023, 10, 2, 8) + timedelta(hours=rnd.randint(0, 24 * 200), minutes=rnd.randint(0, 59))
        resolved, status, reopened = "", rnd.choice(("Ny", "Under arbeid", "Venter")), 0
        if rnd.random() < 0.75:
            resolved = (created + timedelta(hours=rnd.randint(1, 24 * 40))).strftime("%d.%m.%Y %H:%M")
            status, reopened = rnd.choice(("Løst", "Lukket")), int(rnd.random() < 0.2)
        lines.append(";".join((f"S-{1000 + i}", created.strftime("%d.%m.%Y %H:%M"), resolved, status,
                               rnd.choice(("1 - Kritisk", "2 - Høy", "3 - Normal")), rnd.choice(("Tilgang", "Maskinvare")),
                               rnd.choice(("Telefon", "E-post", "Portal")), KOMMUNER[i % 3] if i % 7 else KOMMUNER[0],
                               MELDERE[i % 5], rnd.choice(("Servicedesk", "Nettverk", "Klient", "Fagsystemer")),
                               str(reopened))))
    (folder / FLAT).write_text("\n".join(lines) + "\n", encoding="utf-8")
    rows = ["Case ID,Timestamp,Activity,Resource,Customer"]
    for i in range(160):
        t = datetime(2023, 6, 1, 9) + timedelta(hours=rnd.randint(0, 24 * 200))
        steps = [("New", 0), ("In Progress", rnd.randint(1, 48))]
        x = rnd.random()
        if x < 0.15:
            steps.append(("On Hold", rnd.randint(1, 48)))
        elif x < 0.85:
            steps.append(("Resolved", rnd.randint(1, 300)))
            if rnd.random() < 0.3:
                steps += [("Reopened", rnd.randint(1, 200)), ("In Progress", 5), ("Resolved", rnd.randint(1, 200))]
            steps.append(("Closed", rnd.randint(24, 72)))
        customer = ("Fjellbu AS", "Strandheim AS")[i % 2]
        for activity, hours in steps:
            t += timedelta(hours=hours)
            rows.append(f"INC{5000 + i},{t:%Y-%m-%d %H:%M:%S},{activity},agent{i % 3},{customer}")
    (folder / LOG).write_text("\n".join(rows) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    inbox = tmp_path_factory.mktemp("backlog-inbox")
    _write(inbox)
    return inbox


@pytest.fixture(scope="module")
def engine(folder, engine_over_exports):
    return engine_over_exports(folder, "backlog-warehouse")


@pytest.fixture(scope="module")
def plain(folder):
    con = duckdb.connect()
    con.execute(f"""create view flat as select Saksnr as id, strptime(Opprettet, '%d.%m.%Y %H:%M') as created,
        case when "Løst" is not null and "Løst" <> '' then strptime("Løst", '%d.%m.%Y %H:%M') end as resolved,
        Kommune as kommune, Melder as melder, Gruppe as gruppe, cast("Antall gjenåpninger" as int) as reopens
        from read_csv('{folder / FLAT}', delim = ';', all_varchar = true)""")
    con.execute(f"""create view events as select "Case ID" as id, cast("Timestamp" as timestamp) as ts, Activity as activity,
        Customer as customer from read_csv('{folder / LOG}', all_varchar = true)""")
    yield con
    con.close()


def _only_number(r):
    assert len(r["rows"]) == 1, r
    return r["rows"][0][-1]


def _open_at(plain, day: date) -> int:
    """Tickets of both exports open at the end of `day`: the flat export by created/resolved, the log by its latest
    state on or before the day."""
    d = f"date '{day.isoformat()}'"
    flat = plain.execute(f"select count(*) from flat where cast(created as date) <= {d} and "
                         f"(resolved is null or cast(resolved as date) > {d})").fetchone()[0]
    log = plain.execute(f"""select count(*) from (select id, arg_max(activity, ts) as state, min(ts) as created
        from events where cast(ts as date) <= {d} group by id)
        where state not in ('Resolved', 'Closed')""").fetchone()[0]
    return flat + log


def test_backlog_at_a_months_end_is_the_stock_open_that_day(engine, plain):
    r = planner_answer(engine, "Hvor mange saker var ikke løst ved utgangen av januar 2024?")
    assert _only_number(r) == _open_at(plain, date(2024, 1, 31))
    assert "2024-01-31" in r["answer"]
    created_in_month = plain.execute("select count(*) from flat where created >= '2024-01-01' and created < "
                                     "'2024-02-01' and resolved is null").fetchone()[0]
    assert _only_number(r) != created_in_month


def test_backlog_at_a_quarters_end_in_english(engine, plain):
    r = planner_answer(engine, "How many tickets were still open at the end of Q4 2023?")
    assert _only_number(r) == _open_at(plain, date(2023, 12, 31))
    assert "2023-12-31" in r["answer"]


def test_backlog_of_an_event_log_reads_the_state_after_the_latest_event(engine, plain):
    r = planner_answer(engine, "Hvor mange saker i hendelsesloggen var åpne ved utgangen av oktober 2023?")
    d = "date '2023-10-31'"
    expected = plain.execute(f"""select count(*) from (select id, arg_max(activity, ts) as state from events
        where cast(ts as date) <= {d} group by id) where state not in ('Resolved', 'Closed')""").fetchone()[0]
    assert _only_number(r) == expected


def test_breakdown_by_the_customer_field_named_not_a_loosely_matched_column(engine, plain):
    r = planner_answer(engine, f"Hvor mange saker har kvar kommune meldt i {FLAT.rsplit('.', 1)[0]}?")
    expected = dict(plain.execute("select kommune, count(*) from flat group by 1").fetchall())
    assert {row[0]: row[-1] for row in r["rows"]} == expected
    assert not any(row[0] in MELDERE for row in r["rows"])


def test_the_reporter_column_still_answers_when_named(engine, plain):
    r = planner_answer(engine, f"Antall saker per melder i {FLAT.rsplit('.', 1)[0]}")
    assert {row[0]: row[-1] for row in r["rows"]} == dict(
        plain.execute("select melder, count(*) from flat group by 1").fetchall())


def test_top_n_groups_are_ranked_rows(engine, plain):
    r = planner_answer(engine, "top 2 assignment groups by number of tickets")
    expected = plain.execute("select gruppe, count(*) as n from flat group by 1 order by n desc").fetchall()
    cut = expected[1][1]
    assert {row[0]: row[-1] for row in r["rows"]} == {g: n for g, n in expected if n >= cut}


def test_open_incidents_by_the_states_listed(engine, plain):
    r = planner_answer(engine, "Hvor mange hendelser er fortsatt åpne (New, In Progress eller On Hold)?")
    expected = plain.execute("""select count(*) from (select id, arg_max(activity, ts) as state from events group by id)
        where state in ('New', 'In Progress', 'On Hold')""").fetchone()[0]
    assert _only_number(r) == expected


def test_open_tickets_without_states_are_those_neither_resolved_nor_closed(engine, plain):
    r = planner_answer(engine, "Hvor mange saker er åpne i hendelsesloggen?")
    expected = plain.execute("""select count(*) from (select id, arg_max(activity, ts) as state from events group by id)
        where state not in ('Resolved', 'Closed')""").fetchone()[0]
    assert _only_number(r) == expected


def test_reopened_share_per_export(engine, plain):
    r = planner_answer(engine, "What percentage of incidents were reopened at least once?")
    by_file = {row[0]: row for row in r["rows"]}
    flat_n, flat_all = plain.execute("select count(*) filter (where reopens > 0), count(*) from flat").fetchone()
    log_n, log_all = plain.execute("select count(distinct id) filter (where activity = 'Reopened'), count(distinct id) "
                                   "from events").fetchone()
    assert by_file[FLAT][2:] == (flat_n, flat_all) or list(by_file[FLAT][2:]) == [flat_n, flat_all]
    assert list(by_file[LOG][2:]) == [log_n, log_all]


def test_a_customer_no_ticket_has_is_unanswerable_naming_those_there_are(engine):
    r = engine.ask(f"Hvor mange saker meldte Nordby kommune i {FLAT.rsplit('.', 1)[0]}?", engine="planner")
    assert r["status"] == "unanswerable", r
    assert not r["rows"]
    assert "Nordby" in r["answer"] and all(k in r["answer"] for k in KOMMUNER)


def test_a_customer_the_tickets_have_is_counted(engine, plain):
    r = planner_answer(engine, f"Hvor mange saker meldte Vestdal kommune i {FLAT.rsplit('.', 1)[0]}?")
    assert _only_number(r) == plain.execute("select count(*) from flat where kommune = 'Vestdal kommune'").fetchone()[0]
