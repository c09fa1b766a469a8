"""SLA from an export's own deadline columns, and the backlog at a period's end and at export time, over invented
exports refreshed through the real loaders:

- «avvik_saker.csv»: Norwegian headers, a resolution deadline («Løsningsfrist»), a response deadline («Svarfrist»)
  beside the first response, and an exclusion flag («Unntatt SLA» Ja/Nei); tickets created through 2024, some resolved
  in January 2025 (the export was taken out after the year's end);
- «verdict_tickets.csv»: an export with its own SLA verdict («SLA met» Yes/No) beside a «Due date» that sometimes
  disagrees with it: the verdict stays preferred;
- «hendelseslogg_drift.csv»: an event log whose tickets move to another group ("Omfordelt") none, one or two times.

Every expected figure is computed here with DuckDB over the CSV files written here."""
from __future__ import annotations

import random
from datetime import date, datetime, timedelta

import duckdb
import pytest

from flows.tickets.infer import sla_role
from tests.app.engine.conftest import planner_answer

DEADLINES = "avvik_saker.csv"
VERDICT = "verdict_tickets.csv"
LOG = "hendelseslogg_drift.csv"
FMT = "%d.%m.%Y %H:%M"


def _write(folder):
    rnd = random.Random(46)
    lines = ["Saksnr;Meldt;Første svar;Svarfrist;Løst;Løsningsfrist;Status;Prioritet;Unntatt SLA"]
    for i in range(300):
        created = datetime(2024, 1, 2, 8) + timedelta(hours=rnd.randint(0, 24 * 350), minutes=rnd.randint(0, 59))
        answered = created + timedelta(minutes=rnd.randint(5, 600))
        respond_by = created + timedelta(hours=4)
        fix_by = created + timedelta(hours=rnd.choice((24, 72, 120)))
        resolved, status = "", rnd.choice(("Ny", "Under arbeid"))
        if rnd.random() < 0.8:
            resolved = (created + timedelta(hours=rnd.randint(1, 600))).strftime(FMT)
            status = "Løst"
        lines.append(";".join((f"AV-{2000 + i}", created.strftime(FMT), answered.strftime(FMT),
                               respond_by.strftime(FMT), resolved, fix_by.strftime(FMT), status,
                               rnd.choice(("1 - Kritisk", "2 - Høy", "3 - Normal")),
                               "Ja" if rnd.random() < 0.1 else "Nei")))
    (folder / DEADLINES).write_text("\n".join(lines) + "\n", encoding="utf-8")
    rows = ["Ticket ID,Created,Resolved,Due date,SLA met,Priority"]
    for i in range(120):
        created = datetime(2024, 3, 1, 9) + timedelta(hours=rnd.randint(0, 24 * 200))
        resolved = created + timedelta(hours=rnd.randint(1, 100))
        due = created + timedelta(hours=48)
        met = resolved <= due
        if i % 6 == 0:
            met = not met  # the export's own verdict (a clock paused on hold, say) is not the deadline's
        rows.append(f"T{7000 + i},{created:%Y-%m-%d %H:%M},{resolved:%Y-%m-%d %H:%M},{due:%Y-%m-%d %H:%M},"
                    f"{'Yes' if met else 'No'},High")
    (folder / VERDICT).write_text("\n".join(rows) + "\n", encoding="utf-8")
    events = ["Sak;Tidspunkt;Hendelse;Gruppe"]
    groups = ("Servicedesk", "Nettverk", "Klient")
    for i in range(80):
        t = datetime(2024, 2, 1, 9) + timedelta(hours=rnd.randint(0, 24 * 300))
        group = groups[0]
        steps = [("Opprettet", group), ("Tildelt", group)]
        for _ in range(rnd.choice((0, 0, 1, 2))):
            group = rnd.choice([g for g in groups if g != group])
            steps.append(("Omfordelt", group))
        steps.append(("Løst", group))
        for activity, owner in steps:
            t += timedelta(hours=rnd.randint(1, 30))
            events.append(f"INC-{900 + i};{t:%d.%m.%Y %H:%M};{activity};{owner}")
    (folder / LOG).write_text("\n".join(events) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    inbox = tmp_path_factory.mktemp("sla-inbox")
    _write(inbox)
    return inbox


@pytest.fixture(scope="module")
def engine(folder, engine_over_exports):
    return engine_over_exports(folder, "sla-warehouse")


@pytest.fixture(scope="module")
def plain(folder):
    con = duckdb.connect()
    ts = "'%d.%m.%Y %H:%M'"
    con.execute(f"""create view av as select Saksnr as id, strptime(Meldt, {ts}) as created,
        strptime("Første svar", {ts}) as answered, strptime(Svarfrist, {ts}) as respond_by,
        case when "Løst" is not null and "Løst" <> '' then strptime("Løst", {ts}) end as resolved,
        strptime("Løsningsfrist", {ts}) as fix_by, "Unntatt SLA" = 'Ja' as excluded
        from read_csv('{folder / DEADLINES}', delim = ';', all_varchar = true)""")
    con.execute(f"""create view verdict as select "Ticket ID" as id, "SLA met" = 'Yes' as met,
        cast(Resolved as timestamp) <= cast("Due date" as timestamp) as by_due
        from read_csv('{folder / VERDICT}', all_varchar = true)""")
    con.execute(f"""create view ev as select Sak as id, strptime(Tidspunkt, {ts}) as ts, Hendelse as activity
        from read_csv('{folder / LOG}', delim = ';', all_varchar = true)""")
    yield con
    con.close()


def test_a_deadline_column_is_told_by_its_header_and_date_values():
    dates = ["03.01.2024 10:00", "2024-01-05 08:00"]
    assert sla_role("Løsningsfrist", dates) == "resolution_deadline"
    assert sla_role("fixbydate", ["2024-01-05T08:00:00Z"]) == "resolution_deadline"
    assert sla_role("Resolution Target At (UTC)", dates) == "resolution_deadline"
    assert sla_role("Svarfrist", dates) == "response_deadline"
    assert sla_role("respondbydate", dates) == "response_deadline"
    assert sla_role("excludefromsla", ["true", "false"]) == "sla_excluded"
    assert sla_role("Unntatt SLA", ["Ja", "Nei"]) == "sla_excluded"
    # a deadline's header over values that are no dates, and a date column named as no deadline, play no part
    assert sla_role("Løsningsfrist", ["Ja", "Nei"]) is None
    assert sla_role("Løst", dates) is None
    assert sla_role("Last updated", dates) is None


def test_the_lifecycle_measures_the_done_time_against_the_deadline(engine, plain):
    con = duckdb.connect(str(engine.warehouse), read_only=True)
    try:
        got = dict(con.execute("""select t.ticket_id, l.is_sla_met from fct_ticket_lifecycle as l
            join fct_ticket as t on t.ticket_key = l.ticket_key where t.ticket_id like 'AV-%'""").fetchall())
        sources = {s for (s,) in con.execute("""select distinct l.sla_source from fct_ticket_lifecycle as l
            join fct_ticket as t on t.ticket_key = l.ticket_key where t.ticket_id like 'AV-%'""").fetchall()}
        verdict = dict(con.execute("""select t.ticket_id, l.is_sla_met from fct_ticket_lifecycle as l
            join fct_ticket as t on t.ticket_key = l.ticket_key where t.ticket_id like 'T%'""").fetchall())
    finally:
        con.close()
    expected = dict(plain.execute("""select id, case when not excluded and resolved is not null
        then resolved <= fix_by end from av""").fetchall())
    assert got == expected
    assert sources == {"deadline", None}
    # the export's own verdict stays preferred over its due date, also where they disagree
    own = dict(plain.execute("select id, met from verdict").fetchall())
    assert verdict == own
    assert plain.execute("select count(*) from verdict where met <> by_due").fetchone()[0] > 0


def test_share_resolved_within_the_deadline_names_the_columns_and_leaves_out_the_excluded(engine, plain):
    r = planner_answer(engine, "Hvor stor andel av avvik_saker-sakene som ble løst i 2024 ble løst innen fristen? "
                               "Saker som er unntatt SLA holdes utenfor.")
    met, measured = plain.execute("""select count(*) filter (where resolved <= fix_by), count(*) from av
        where not excluded and resolved is not null and resolved < '2025-01-01'""").fetchone()
    assert r["rows"][0][:3] == [round(100.0 * met / measured, 1), met, measured]
    assert "«Løsningsfrist»" in r["answer"] and "«Unntatt SLA»" in r["answer"]


def test_share_of_first_responses_within_the_response_deadline(engine, plain):
    r = planner_answer(engine, "In avvik_saker, what percentage of tickets created in 2024 got a first response "
                               "within the response deadline?")
    met, measured = plain.execute("select count(*) filter (where answered <= respond_by), count(*) from av "
                                  "where created < '2025-01-01'").fetchone()
    assert r["rows"][0][:3] == [round(100.0 * met / measured, 1), met, measured]
    assert "«Svarfrist»" in r["answer"]


@pytest.mark.parametrize("question", [
    "What share of the avvik_saker tickets resolved in 2024 were resolved by their due date? Tickets exempt from the "
    "SLA are left out.",
    "Kor stor del av avvik_saker-sakene som vart løyste i 2024, vart løyste innanfor SLA? Saker unntatt SLA skal "
    "haldast utanfor."])
def test_resolved_by_the_due_date_or_within_the_sla_is_the_deadlines_verdict(engine, plain, question):
    r = planner_answer(engine, question)
    met, measured = plain.execute("""select count(*) filter (where resolved <= fix_by), count(*) from av
        where not excluded and resolved is not null and resolved < '2025-01-01'""").fetchone()
    assert r["status"] == "ok", r["answer"]
    assert r["rows"][0][:3] == [round(100.0 * met / measured, 1), met, measured]


def test_backlog_at_the_end_of_a_year_counts_at_its_last_day_not_the_last_created_one(engine, plain):
    r = planner_answer(engine, "Hvor mange avvik_saker-saker var åpne ved utgangen av 2024?")
    expected = plain.execute("select count(*) from av where resolved is null or resolved >= '2025-01-01'").fetchone()[0]
    last_created = plain.execute("select max(created)::date from av").fetchone()[0]
    assert last_created < date(2024, 12, 31)
    assert r["rows"][0][-1] == expected
    assert "2024-12-31" in r["answer"]


def test_backlog_at_export_time_says_when_that_was(engine, plain):
    r = planner_answer(engine, "Hvor mange avvik_saker-saker var fortsatt ikke løst eller lukket da eksporten ble "
                               "tatt ut?")
    assert r["rows"][0][-1] == plain.execute("select count(*) from av where resolved is null").fetchone()[0]
    latest = plain.execute("select max(greatest(created, answered, resolved)) from av").fetchone()[0]
    assert latest.strftime("%Y-%m-%d %H:%M") in r["answer"]


def test_tickets_reassigned_to_another_group_at_least_once(engine, plain):
    r = planner_answer(engine, "Hvor mange av sakene i hendelseslogg_drift opprettet i 2024 ble omfordelt til en annen "
                               "gruppe minst én gang?")
    expected = plain.execute("""select count(*) from (select id, min(ts) as created,
        count(*) filter (where activity = 'Omfordelt') as moves from ev group by id)
        where created < '2025-01-01' and moves >= 1""").fetchone()[0]
    assert 0 < expected < 80
    assert r["rows"][0][0] == expected
