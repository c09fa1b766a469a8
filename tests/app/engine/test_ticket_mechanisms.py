"""Ticket questions by mechanism, on a small warehouse built here: two periods compared, several values of one
field (and their total), priority letters, the busiest period, a channel named in Norwegian, the service desk
that logged the tickets, a field no export has, and the event log's states (resolved, closed, never, in a
period, more than once, by whom). Every figure is checked against SQL over the same rows, never a number
written here."""
from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from app.engine.families import ticket_events, tickets
from app.engine.families.base import Question, Reading, Refusal
from app.engine.periods import find_period
from app.engine.wordforms import LabelIndex
from tests.app.engine.conftest import read_and_run, write_ticket_warehouse
from tests.app.engine.conftest import scalar as _one

DESK_FILE = "data/tickets/desk_export_2021.csv"
LOG_FILE = "data/tickets/helpdesk_eventlog.csv"
TICKET_COLUMNS = """ticket_key text, ticket_id text, source_system text, source_file text, organisation_key text,
    customer_name text, provider_unit_key text, created_at timestamp, created_date date, closed_at timestamp,
    resolved_at timestamp, priority text, priority_source text, category text, channel text, status text,
    is_resolved boolean, resolution_hours double, assignment_group text"""
ORGANISATIONS = {"nordvik": "Nordvik kommune", "soroy": "Sørøy kommune", "fjordnett-ikt": "Fjordnett IKT"}
# activity -> the state the loader reads from its words
ACTIVITIES = {"Insert ticket": "new", "Take in charge ticket": "open", "Resolve ticket": "resolved",
              "Resolve SW anomaly": "resolved", "Create SW anomaly": "other", "Closed": "closed"}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    rows, events = [], []
    customers = ["nordvik", "soroy", "fjordnett-ikt"]
    prios = [("A", "A - Kritisk"), ("B", "B - Viktig"), ("C", "C - Normal"), ("C", "C - Normal"), ("D", "D - Lav")]
    start = datetime(2021, 4, 1, 8)
    for n in range(540):  # the service desk's export: April–September 2021
        created = start + timedelta(hours=8 * n)
        prio, prio_source = prios[n % 5]
        status = ("closed", "resolved", "open")[n % 3]
        resolved = created + timedelta(hours=n % 30 + 1) if status != "open" else None
        rows.append((f"d{n}", f"M{n}", "desk", DESK_FILE, customers[n % 3], None, "fjordnett-ikt", created,
                     created.date(), resolved if status == "closed" else None, resolved, prio, prio_source,
                     ("Brukerstøtte", "Skole", "Drift")[n % 3 if n % 7 else 1], ("phone", "portal", "email")[n % 3],
                     status, resolved is not None, (resolved - created).total_seconds() / 3600 if resolved else None,
                     "Skole-IKT" if n % 4 == 0 else "Servicedesk"))
    start = datetime(2020, 1, 1, 9)
    for n in range(400):  # the event log: tickets of 2020–2021, each with its own history
        key = f"c{n}"
        created = start + timedelta(hours=40 * n)
        steps = [("Insert ticket", 0.0), ("Take in charge ticket", 0.2)]
        if n % 9 == 0:
            steps.append(("Create SW anomaly", 0.5))
        if n % 13 != 0:  # some are never resolved
            steps.append(("Resolve ticket", 1.0 + (n % 17) / 3))
            if n % 6 == 0:
                steps.append(("Resolve SW anomaly", 0.7))
            if n % 5 == 0:  # resolved again after a reopening
                steps.append(("Resolve ticket", 8.0 + n % 4))
            if n % 11 != 0:
                steps.append(("Closed", 12.0 + n % 40))
        last = None
        for seq, (activity, days) in enumerate(sorted(steps, key=lambda s: s[1]), start=1):
            at = created + timedelta(days=days)
            resource = f"Value {1 + (n + seq) % 12}"
            events.append((key, "log", key, at, at.date(), seq, activity, resource, ACTIVITIES[activity],
                           created.date(), days, LOG_FILE))
            last = (activity, at)
        closed = last[1] if last[0] == "Closed" else None
        rows.append((key, key, "log", LOG_FILE, None, None, None, created, created.date(), closed, None, None, None,
                     None, None, "closed" if closed else "open", closed is not None, None, None))
    # a list column no canonical field takes ("Affected Versions" of an issue tracker), on the desk export
    attributes = []
    for n in range(540):
        listed = [v for v, every in (("1.0.0", 2), ("2.0.0", 3), ("3.0.0", 5)) if n % every == 0]
        attributes += [(f"d{n}-{v}", f"d{n}", "desk", f"M{n}", "Affected Versions", v, None, len(listed), DESK_FILE)
                       for v in listed]
    return write_ticket_warehouse(tmp_path_factory.mktemp("ticket-mechanisms") / "w.duckdb", TICKET_COLUMNS, rows,
                                  events, attributes, ORGANISATIONS)


@pytest.fixture(scope="module")
def organisations():
    return {"nordvik": ("Nordvik kommune", "Nordvik"), "soroy": ("Sørøy kommune", "Sørøy"),
            "fjordnett-ikt": ("Fjordnett IKT",)}


def _ask(question, vocab, con, lang=None):
    lang = lang or ("en" if question.split()[0].lower() in ("how", "what", "which", "who", "median", "busiest",
                                                           "tickets") else "nb")
    return read_and_run(question, vocab, con, lang)


DESK = "source_system = 'desk'"


# --- periods and several values -------------------------------------------------------------------

def test_two_quarters_named_are_two_figures_and_a_quarter_range_is_one():
    assert find_period("saker q2 vs q3 2021").quarters == [2, 3]
    span = find_period("saker q1–q3 2021")
    assert span.quarters == [1, 2, 3] and span.quarter_span
    assert find_period("saker 1.-3. kvartal 2021").quarter_span


def test_a_run_of_quarters_across_years_is_every_quarter_of_it():
    from datetime import date

    starts = [a for a, _ in find_period("saker per kvartal fra 3. kvartal 2020 til 2. kvartal 2021").ranges()]
    assert starts == [date(2020, 7, 1), date(2020, 10, 1), date(2021, 1, 1), date(2021, 4, 1)]
    # two quarters compared, each with its year, stay two
    assert len(find_period("saker q4 2020 mot q1 2021").ranges()) == 2
    # a change from one quarter to the same quarter a year later asks its two ends, no quarter between them
    ends = [a for a, _ in find_period("endring i antall saker fra 1 kvartal 2020 til 1 kvartal 2021").ranges()]
    assert ends == [date(2020, 1, 1), date(2021, 1, 1)]


def test_two_quarters_compared_give_one_count_each(vocab, con):
    found, cols, rows = _ask("How many tickets in Q3 2021 compared with Q2 2021?", vocab, con)
    # each quarter's count and the difference (its percent of the earlier one)
    assert found.family == "tickets" and cols == ["year", "quarter", "tickets", "change", "change_pct"]
    expected = con.execute("select year(created_date), quarter(created_date), count(*) from fct_ticket "
                           "where created_date between '2021-04-01' and '2021-09-30' group by all order by 2").fetchall()
    assert [r[:3] for r in rows] == expected and rows[1][3] == expected[1][2] - expected[0][2]
    _, cols, rows = _ask("saker Q2–Q3 2021", vocab, con)  # a range: one total
    assert cols == ["tickets"] and rows == [(sum(r[2] for r in expected),)]


def test_priority_letters_named_together_are_one_count(vocab, con):
    for question in ("Hvor mange saker hadde prioritet A eller B i Q3 2021?", "Antall A- og B-saker i Q3 2021"):
        _, cols, rows = _ask(question, vocab, con)
        assert cols == ["tickets"] and rows == [(_one(con, "select count(*) from fct_ticket where priority in "
                                                      "('A', 'B') and created_date between '2021-07-01' and "
                                                      "'2021-09-30'"),)], question
    _, _, rows = _ask("Antall A-saker i Q3 2021", vocab, con)
    assert rows == [(_one(con, "select count(*) from fct_ticket where priority = 'A' and created_date "
                               "between '2021-07-01' and '2021-09-30'"),)]


def test_several_values_written_as_exported_are_each_counted_with_their_total(vocab, con):
    found, cols, rows = _ask("Closed vs Resolved tickets in the desk export", vocab, con, lang="en")
    expected = dict(con.execute(f"select status, count(*) from fct_ticket where {DESK} group by 1").fetchall())
    named = {r[0]: r[1] for r in rows[:-1]}
    assert cols == ["status", "tickets"] and named == {k: expected[k] for k in ("closed", "resolved")}
    assert rows[-1] == ("in all", expected["closed"] + expected["resolved"])
    assert "in all" in found.sentence(cols, rows, "en")


def test_two_organisations_compared_give_one_count_each_and_the_total(vocab, con):
    _, cols, rows = _ask("Nordvik vs Sørøy saker september 2021", vocab, con)
    expected = dict(con.execute("select o.organisation_name, count(*) from fct_ticket as t join dim_organisation "
                                "as o using (organisation_key) where t.organisation_key in ('nordvik', 'soroy') "
                                "and month(created_date) = 9 and year(created_date) = 2021 group by 1").fetchall())
    assert dict(rows[:-1]) == expected and rows[-1] == ("til sammen", sum(expected.values()))


def test_the_busiest_quarter_is_the_one_with_most_tickets(vocab, con):
    _, cols, rows = _ask("busiest quarter tickets", vocab, con)
    expected = con.execute("select year(created_date), quarter(created_date), count(*) from fct_ticket "
                           "group by all order by 3 desc limit 1").fetchall()
    assert cols == ["year", "quarter", "tickets", "period"] and [r[:3] for r in rows] == expected


# the marts' channel codes as a Norwegian answer names them
NB_CHANNEL = {"phone": "telefon", "email": "e-post", "portal": "portal", "chat": "chat", "walk_in": "oppmøte",
              "other": "annet"}


def test_a_channel_named_by_its_norwegian_column_word(vocab, con):
    _, cols, rows = _ask("henvendelser per meldingsmåte", vocab, con)
    assert cols == ["channel", "tickets"]
    # each channel said in the question's language
    assert dict(rows) == {NB_CHANNEL.get(c, c): n for c, n in con.execute(
        "select channel, count(*) from fct_ticket group by 1").fetchall()}


def test_a_value_written_into_the_ticket_noun_filters(vocab, con):
    _, _, rows = _ask("brukerstøtte-saker august 2021", vocab, con)
    assert rows == [(_one(con, "select count(*) from fct_ticket where category = 'Brukerstøtte' and "
                               "created_date between '2021-08-01' and '2021-08-31'"),)]


def test_the_service_desk_that_logged_the_tickets_counts_all_of_them(vocab, con):
    found, _, rows = _ask("How many tickets did Fjordnett IKT register in Q3 2021?", vocab, con)
    assert rows == [(_one(con, "select count(*) from fct_ticket where provider_unit_key = 'fjordnett-ikt' and "
                               "created_date between '2021-07-01' and '2021-09-30'"),)]
    assert "Fjordnett IKT" in found.interpretation
    # as a customer, only the tickets it sent
    _, _, rows = _ask("Hvor mange saker kom fra Fjordnett IKT i Q3 2021?", vocab, con)
    assert rows == [(_one(con, "select count(*) from fct_ticket where organisation_key = 'fjordnett-ikt' and "
                               "created_date between '2021-07-01' and '2021-09-30'"),)]


@pytest.mark.parametrize("question", ["gjennomsnittlig kundetilfredshet helpdesk",
                                      "customer satisfaction score for tickets Q3 2021"])
def test_a_field_no_export_has_is_unanswerable(vocab, con, question):
    found, _, rows = _ask(question, vocab, con)
    assert isinstance(found, Refusal) and found.status == "unanswerable" and not rows


def test_a_compound_is_known_only_when_its_rest_is_known():
    known = {"kund", "telefon", "sak", "fordel", "prioritet", "registrer"}
    q = Question.parse("kundetilfredshet telefonsaker prioritetsfordeling registration", "nb")
    assert tickets.leftover_words(q, known) == ["kundetilfredshet"]


# --- the event log ----------------------------------------------------------------------------------

def test_the_activities_of_a_state_put_the_ticket_s_own_first(vocab):
    tv = vocab.data.tickets
    assert tv.activity_states["Resolve SW anomaly"] == "resolved"
    assert ticket_events._state_activities(Question.parse("antall løste saker", "nb"), tv) == ["Resolve ticket"]
    assert ticket_events._state_activities(Question.parse("how many were closed", "en"), tv) == ["Closed"]


def test_resolved_tickets_in_the_log(vocab, con):
    found, _, rows = _ask("antall løste saker i helpdesk", vocab, con)
    assert found.family == "ticket_events"
    assert rows == [(_one(con, "select count(distinct ticket_key) from fct_ticket_event "
                               "where activity = 'Resolve ticket'"),)]


def test_closed_and_never_closed_are_both_given(vocab, con):
    found, cols, rows = _ask("How many tickets were closed, and how many never reached Closed?", vocab, con)
    closed = _one(con, "select count(distinct ticket_key) from fct_ticket_event where activity = 'Closed'")
    total = _one(con, "select count(distinct ticket_key) from fct_ticket_event")
    assert rows == [(total - closed, closed, total)]
    assert str(closed) in found.sentence(cols, rows, "en").replace(",", "")
    _, _, rows = _ask("Kor mange saker vart aldri lukka?", vocab, con)
    assert rows[0][0] == total - closed


def test_closed_in_a_period_is_placed_by_the_closing_event(vocab, con):
    # (with a dated export beside the log, a closing period is read from the closed time of both: see the SQL)
    _, _, rows = _ask("Hvor mange saker ble lukket i løpet av 2021?", vocab, con)
    assert rows == [(_one(con, "select count(*) from fct_ticket where year(closed_at) = 2021"),)]
    _, _, rows = _ask("Hvor mange saker i hendelsesloggen ble lukket i løpet av 2021?", vocab, con)
    assert rows == [(_one(con, "select count(distinct ticket_key) from fct_ticket_event where activity = 'Closed' "
                               "and year(event_date) = 2021"),)]


def test_an_activity_done_more_than_once(vocab, con):
    _, _, rows = _ask("Kor mange saker i loggen vart løyste meir enn éin gong?", vocab, con, lang="nn")
    assert rows == [(_one(con, "select count(*) from (select ticket_key from fct_ticket_event where activity = "
                               "'Resolve ticket' group by 1 having count(*) > 1)"),)]


def test_who_resolved_most_tickets(vocab, con):
    found, cols, rows = _ask("Hvem løste flest saker?", vocab, con)
    expected = con.execute("select resource, count(distinct ticket_key), count(*) from fct_ticket_event where "
                           "activity = 'Resolve ticket' group by 1 order by 2 desc, 1 limit 1").fetchall()
    assert cols == ["resource", "tickets", "events"] and rows == expected


def test_events_in_all_and_per_activity_listed(vocab, con):
    _, _, rows = _ask("hendelser totalt i loggen", vocab, con)
    assert rows == [(_one(con, "select count(*) from fct_ticket_event"),)]
    _, cols, rows = _ask("Number of events per activity: Take in charge ticket, Resolve ticket, Closed", vocab, con,
                         lang="en")
    assert dict(rows) == dict(con.execute("select activity, count(*) from fct_ticket_event where activity in "
                                          "('Take in charge ticket', 'Resolve ticket', 'Closed') group by 1").fetchall())


def test_median_days_to_resolution_to_two_places(vocab, con):
    # the exports' resolved times where they have them
    _, cols, rows = _ask("Median days from ticket creation to resolution", vocab, con)
    expected = _one(con, "select median(epoch(resolved_at - created_at) / 86400) from fct_ticket")
    assert cols[0] == "median_days" and float(rows[0][0]) == pytest.approx(expected, abs=0.0051)
    found, cols, rows = _ask("Median days from ticket creation to resolution in the event log", vocab, con)
    last = _one(con, f"select median(days) from ({LAST_RESOLVED})")
    first = _one(con, "select median(d) from (select ticket_key, min(days_since_created) as d from "
                      "fct_ticket_event where activity = 'Resolve ticket' group by 1)")
    assert cols[0] == "median_days" and float(rows[0][0]) == pytest.approx(last, abs=0.0051)
    # the first resolution beside it, and the rule said
    assert float(rows[0][cols.index("median_days_first_resolution")]) == pytest.approx(first, abs=0.0051)
    assert "last resolution" in found.interpretation


def test_an_activity_named_in_norwegian_and_a_resource_written_as_exported(vocab, con):
    _, _, rows = _ask("Kor mange saker fekk ein SW-anomali oppretta?", vocab, con, lang="nn")
    assert rows == [(_one(con, "select count(distinct ticket_key) from fct_ticket_event "
                               "where activity = 'Create SW anomaly'"),)]
    _, _, rows = _ask("Kor mange saker tok ressursen Value 1 ansvar for (Take in charge ticket)?", vocab, con,
                      lang="nn")
    assert rows == [(_one(con, "select count(distinct ticket_key) from fct_ticket_event where activity = "
                               "'Take in charge ticket' and resource = 'Value 1'"),)]


def test_a_label_inside_a_longer_one_is_not_named_twice():
    labels = ["Value 1", "Value 10", "Resolve ticket"]
    assert ticket_events._verbatim("tickets of Value 10", labels) == ["Value 10"]
    index = LabelIndex(["Create SW anomaly", "Resolve SW anomaly"])
    assert "create" in ticket_events._glossed("saker med sw-anomali oppretta", index).split()
    assert "anomaly" in ticket_events._glossed("saker med sw-anomali oppretta", index).split()


# --- periods each with their own year, and periods the exports do not cover ------------------------------------

def test_periods_written_with_their_own_years_are_those_periods_only():
    p = find_period("saker q4 2020 vs q1 2021")
    assert p.pairs == [("quarter", 2020, 4), ("quarter", 2021, 1)]
    assert [(a.isoformat(), b.isoformat()) for a, b in p.ranges()] == [("2020-10-01", "2020-12-31"),
                                                                        ("2021-01-01", "2021-03-31")]
    assert find_period("saker desember 2020 vs desember 2021").pairs == []  # one month of two years: as before


def test_a_period_the_exports_lack_is_said_beside_the_one_they_have(vocab, con):
    found, cols, rows = _ask("Hvor mange saker i 2021 sammenlignet med 2022?", vocab, con)
    assert rows == [(2021, _one(con, "select count(*) from fct_ticket where year(created_date) = 2021"))]
    assert "dekker ikke 2022" in found.sentence(cols, rows, "nb")


def test_an_organisation_is_named_by_its_initials():
    from app.engine.names import initials

    assert initials("Fjordnett IKT") == "fikt"
    assert initials("Nordre Vestland Renovasjon IKS") == "nvr"
    assert initials("Nordvik kommune") is None  # one word besides its kind: no initials


def test_tickets_per_weekday_and_the_busiest_one(vocab, con):
    found, cols, rows = _ask("saker per ukedag i 2021", vocab, con)
    expected = con.execute("select isodow(created_date), count(*) from fct_ticket where year(created_date) = 2021 "
                           "group by 1 order by 1").fetchall()
    assert cols == ["weekday", "tickets"] and rows == expected
    assert "mandag" in found.sentence(cols, rows, "nb")
    # the busiest day: every day of the week ranked (ticket_calendar), named, the busiest first
    _, cols, top = _ask("Which weekday had the most tickets in 2021?", vocab, con)
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    assert cols == ["weekday", "tickets"] and len(top) == 7
    assert top[0] == (days[max(expected, key=lambda r: r[1])[0] - 1], max(r[1] for r in expected))
    # a word that only starts like a known one is no compound of it ("weekday" is not "week" + an ending)
    found, _, _ = _ask("Which weekend day had the most tickets in 2021?", vocab, con)
    assert not isinstance(found, Reading)


def test_a_name_written_with_a_hyphen_or_a_space_is_the_same_name():
    from app.engine.planner import find_organisations

    orgs = {"sør odal": "sor-odal", "nordvik": "nordvik"}
    assert find_organisations("nordvik og sør-odal saker", orgs) == ["sor-odal", "nordvik"]


def test_periods_named_with_a_sum_word_are_one_total_and_which_year_ranks_years(vocab, con):
    _, cols, rows = _ask("Hvor mange saker ble opprettet i 2020 og 2021 til sammen?", vocab, con)
    assert cols == ["tickets"] and rows == [(_one(con, "select count(*) from fct_ticket where year(created_date) "
                                                       "in (2020, 2021)"),)]
    _, cols, rows = _ask("Hvilket år hadde flest nye saker?", vocab, con)
    assert rows == con.execute("select year(created_date), count(*) from fct_ticket group by 1 order by 2 desc "
                               "limit 1").fetchall()


def test_a_state_reached_in_a_period_in_other_word_forms(vocab, con):
    _, _, rows = _ask("Kor mange saker i loggen vart løyste i 2021?", vocab, con, lang="nn")
    assert rows == [(_one(con, "select count(distinct ticket_key) from fct_ticket_event where activity = "
                               "'Resolve ticket' and year(event_date) = 2021"),)]


def test_tickets_resolved_within_a_time_or_the_same_day(vocab, con):
    first = ("select ticket_key, min(days_since_created) as d, min(event_date) as ed, min(created_date) as cd "
             "from fct_ticket_event where activity = 'Resolve ticket' group by 1")
    _, cols, rows = _ask("Hvor mange saker i loggen ble løst innen 2 dager?", vocab, con)
    assert rows[0][:2] == (_one(con, f"select count(*) from ({first}) where d <= 2"),
                           _one(con, "select count(distinct ticket_key) from fct_ticket_event"))
    _, _, rows = _ask("Hvor mange saker i loggen ble løst samme dag som de ble opprettet?", vocab, con)
    assert rows[0][0] == _one(con, f"select count(*) from ({first}) where ed = cd")


def test_two_activities_named_are_each_counted_or_both_together(vocab, con):
    _, cols, rows = _ask("How many tickets went through Take in charge ticket and Create SW anomaly?", vocab, con)
    assert cols[:2] == ["activity", "tickets"] and {r[0]: r[1] for r in rows} == dict(con.execute(
        "select activity, count(distinct ticket_key) from fct_ticket_event where activity in "
        "('Take in charge ticket', 'Create SW anomaly') group by 1").fetchall())
    _, _, rows = _ask("Hvor mange saker hadde både Take in charge ticket og Create SW anomaly?", vocab, con)
    assert rows == [(_one(con, "select count(*) from (select ticket_key from fct_ticket_event where activity in "
                               "('Take in charge ticket', 'Create SW anomaly') group by 1 "
                               "having count(distinct activity) = 2)"),)]


def test_exported_tickets_resolved_within_a_time_with_the_count_filters(vocab, con):
    found, cols, rows = _ask("Hvor mange A-saker i desk-eksporten ble løst innen 12 timer?", vocab, con)
    assert found.family == "resolution_time"
    assert rows[0][:2] == (
        _one(con, f"select count(*) from fct_ticket where {DESK} and priority = 'A' and "
                  "epoch(resolved_at - created_at) <= 12 * 3600"),
        _one(con, f"select count(*) from fct_ticket where {DESK} and priority = 'A'"))


def test_which_field_after_which_is_the_breakdown_and_a_value_beside_it_a_filter(vocab, con):
    _, cols, rows = _ask("Which customer had the most priority A tickets?", vocab, con)
    # the customers with the most (all of them when tied)
    assert cols == ["customer", "tickets"] and sorted(rows) == sorted(con.execute(
        "select o.organisation_name, count(*) from fct_ticket as t join dim_organisation as o using "
        "(organisation_key) where priority = 'A' group by 1 qualify rank() over (order by count(*) desc) = 1").fetchall())


def test_two_fields_joined_are_both_the_breakdown(vocab, con):
    _, cols, rows = _ask("saker i desk-eksporten per kategori og kanal", vocab, con)
    assert cols == ["category", "channel", "tickets"]
    assert {(a, b): n for a, b, n in rows} == {(a, NB_CHANNEL.get(b, b)): n for a, b, n in con.execute(
        f"select category, channel, count(*) from fct_ticket where {DESK} group by 1, 2").fetchall()}
    _, cols, rows = _ask("Hvor mange saker kom fra Nordvik og Sørøy per kategori?", vocab, con)
    assert cols == ["category", "customer", "tickets"] and sum(r[2] for r in rows) == _one(
        con, "select count(*) from fct_ticket where organisation_key in ('nordvik', 'soroy')")


def test_a_value_after_a_negation_is_left_out(vocab, con):
    found, _, rows = _ask("Hvor mange saker i desk-eksporten har ikke prioritet 'D - Lav'?", vocab, con)
    assert rows == [(_one(con, f"select count(*) from fct_ticket where {DESK} and priority_source <> 'D - Lav'"),)]
    assert "≠" in found.interpretation


def test_opened_and_closed_in_one_period_are_both_given(vocab, con):
    _, cols, rows = _ask("How many tickets in the event log were opened and how many were closed in 2021?", vocab, con)
    got = dict(zip(cols, rows[0]))
    assert got["closed"] == _one(con, "select count(*) from (select ticket_key from fct_ticket_event "
                                      "where activity = 'Closed' group by 1 having year(max(event_date)) = 2021)")
    assert got["created"] == _one(con, "select count(distinct ticket_key) from fct_ticket_event "
                                       "where year(created_date) = 2021")


# --- two or three measures in one question ----------------------------------------------------------

LAST_CLOSED = ("select ticket_key, max(event_date) as d from fct_ticket_event where activity = 'Closed' "
               "and source_system = 'log' group by 1")
FIRST_RESOLVED = ("select ticket_key, min(event_date) as d from fct_ticket_event where activity = 'Resolve ticket' "
                  "and source_system = 'log' group by 1")
# a reopened ticket is resolved on its last 'Resolve ticket' when nothing but a closing follows it; reopened and not
# resolved again: not resolved
LAST_RESOLVED = ("select ticket_key, max(event_date) filter (where activity = 'Resolve ticket') as d, "
                 "max(days_since_created) filter (where activity = 'Resolve ticket') as days "
                 "from (select *, max(event_seq) filter (where activity = 'Resolve ticket') over (partition by "
                 "ticket_key) as last_resolve from fct_ticket_event where source_system = 'log') as e group by 1 "
                 "having d is not null and count(*) filter (where event_seq > last_resolve and activity not in "
                 "('Closed', 'Resolve ticket')) = 0")


@pytest.mark.parametrize("question, lang", [
    ("Hvor mange saker i hendelsesloggen ble opprettet og hvor mange ble løst per kvartal i 2020?", "nb"),
    ("Kor mange saker i hendingsloggen vart oppretta og kor mange løyste per kvartal i 2020?", "nb"),
    ("How many tickets in the event log were created and how many resolved per quarter in 2020?", "en"),
    ("hendelsesloggen saker opprettet og løst per kvartal 2020", "nb"),
])
def test_created_and_resolved_per_quarter_with_their_total(vocab, con, question, lang):
    found, cols, rows = _ask(question, vocab, con, lang)
    assert found.family == "ticket_flows", found
    assert cols == ["year", "quarter", "created", "resolved"]
    for year, quarter, created, resolved in rows[:-1]:
        assert created == _one(con, f"select count(*) from fct_ticket where source_system = 'log' and "
                                    f"year(created_date) = {year} and quarter(created_date) = {quarter}")
        assert resolved == _one(con, f"select count(*) from ({LAST_RESOLVED}) where year(d) = {year} "
                                     f"and quarter(d) = {quarter}")
    assert rows[-1][:2] == (None, None)  # the total row
    assert rows[-1][2:] == tuple(sum(r[i] for r in rows[:-1]) for i in (2, 3))
    assert len(rows) == 5


def test_resolved_and_closed_are_last_resolving_and_final_closing(vocab, con):
    found, cols, rows = _ask("How many tickets in the event log were resolved in 2021 and how many were closed?",
                             vocab, con, "en")
    got = dict(zip(cols, rows[0]))
    assert got == {"resolved": _one(con, f"select count(*) from ({LAST_RESOLVED}) where year(d) = 2021"),
                   "closed": _one(con, f"select count(*) from ({LAST_CLOSED}) where year(d) = 2021")}
    assert "last resolving" in found.interpretation and "final closing" in found.interpretation
    # "first resolution" asked: the first one
    found, cols, rows = _ask("Median days from ticket creation to first resolution in the event log", vocab, con)
    assert float(rows[0][0]) == pytest.approx(_one(con, "select median(d) from (select ticket_key, "
                                                        "min(days_since_created) as d from fct_ticket_event where "
                                                        "activity = 'Resolve ticket' group by 1)"), abs=0.0051)
    assert "first resolution" in found.interpretation


def test_created_and_closed_in_an_export_use_its_own_dates(vocab, con):
    _, cols, rows = _ask("Hvor mange saker i desk-eksporten ble opprettet og hvor mange lukket i juli 2021?", vocab, con)
    got = dict(zip(cols, rows[0]))
    assert got == {
        "created": _one(con, f"select count(*) from fct_ticket where {DESK} and created_date between "
                             "date '2021-07-01' and date '2021-07-31'"),
        "closed": _one(con, f"select count(*) from fct_ticket where {DESK} and cast(closed_at as date) between "
                            "date '2021-07-01' and date '2021-07-31'")}


def test_one_state_per_period_is_placed_by_its_own_date(vocab, con):
    found, cols, rows = _ask("saker i hendelsesloggen lukket per måned 2021", vocab, con)
    assert cols == ["year", "month", "closed"]
    for year, month, closed in rows[:-1]:
        assert closed == _one(con, f"select count(*) from ({LAST_CLOSED}) where year(d) = {year} and month(d) = {month}")


def test_a_time_or_a_share_beside_two_states_is_another_question(vocab, con):
    for question in ("Hvor stor andel av sakene i hendelsesloggen ble løst og lukket innen 8 timer?",
                     "Median dager fra opprettet til lukket for saker i hendelsesloggen 2021"):
        found, _, _ = _ask(question, vocab, con)
        assert getattr(found, "family", None) != "ticket_flows", question


# --- periods compared, shares of a breakdown, totals -------------------------------------------------

@pytest.mark.parametrize("question, lang", [
    ("Fikk vi flere saker i desk-eksporten i mai 2021 enn i april 2021?", "nb"),
    ("Kom det fleire saker i desk-eksporten i mai 2021 enn i april 2021?", "nb"),
    ("Did we get fewer tickets in the desk export in May 2021 than in April 2021?", "en"),
])
def test_more_or_fewer_than_another_period_gives_each_count(vocab, con, question, lang):
    found, cols, rows = _ask(question, vocab, con, lang)
    assert cols == ["year", "month", "tickets", "change", "change_pct"] and len(rows) == 2
    assert rows[1][3] == rows[1][2] - rows[0][2]  # the difference is shown with both counts
    for year, month, n, _, _ in rows:
        assert n == _one(con, f"select count(*) from fct_ticket where {DESK} and year(created_date) = {year} "
                              f"and month(created_date) = {month}")


@pytest.mark.parametrize("question, lang", [
    ("Hvor stor andel av sakene i desk-eksporten har hver prioritet?", "nb"),
    ("andel saker i desk-eksporten per kanal i prosent", "nb"),
    ("What share of the tickets in the desk export came by each channel?", "en"),
])
def test_a_breakdown_asked_as_a_share_gives_counts_and_percent(vocab, con, question, lang):
    found, cols, rows = _ask(question, vocab, con, lang)
    assert cols[-2:] == ["tickets", "share_pct"]
    total = _one(con, f"select count(*) from fct_ticket where {DESK}")
    assert sum(r[-2] for r in rows) == total
    for r in rows:
        assert r[-1] == round(100.0 * r[-2] / total, 1)
    assert "%" in found.sentence(cols, rows, lang)


def test_counts_per_quarter_with_the_total_row(vocab, con):
    found, cols, rows = _ask("Antall saker i desk-eksporten per kvartal 2021 med totalt", vocab, con)
    assert rows[-1][:2] == (None, None)
    assert rows[-1][-1] == sum(r[-1] for r in rows[:-1]) == _one(
        con, f"select count(*) from fct_ticket where {DESK} and year(created_date) = 2021")
    assert "til sammen" in found.sentence(cols, rows, "nb")


def test_a_month_against_the_average_of_the_other_months_of_its_year(vocab, con):
    found, cols, rows = _ask("Hvor mange saker kom i desk-eksporten i mai 2021 sammenlignet med snittet for de "
                             "andre månedene i 2021?", vocab, con)
    n, average, difference, change = rows[0][:4]
    others = con.execute(f"select count(*) from fct_ticket where {DESK} and year(created_date) = 2021 and "
                         "month(created_date) <> 5 group by month(created_date)").fetchall()
    assert n == _one(con, f"select count(*) from fct_ticket where {DESK} and created_date between date '2021-05-01' "
                          "and date '2021-05-31'")
    exact = sum(x for (x,) in others) / len(others)
    assert average == round(exact, 2)
    # the difference and its percent of the (unrounded) average are figures of the answer too
    assert (float(difference), float(change)) == (round(n - exact, 2), round(100 * (n - exact) / exact, 1))



@pytest.mark.parametrize("question,lang,year,grain", [
    ("Hvor mange saker kom i mai 2021 sammenlignet med månedssnittet for 2020?", "nb", 2020, "month"),
    ("How many tickets came in May 2021 compared with the 2021 monthly average?", "en", 2021, "month"),
    ("Kor mange saker kom i 2. kvartal 2021 samanlikna med kvartalssnittet for 2020?", "nn", 2020, "quarter"),
])
def test_a_period_against_the_average_of_the_year_named_with_the_mean(vocab, con, question, lang, year, grain):
    found, cols, rows = _ask(question, vocab, con, lang)
    assert isinstance(found, Reading), (question, getattr(found, "answer", None))
    n, average, difference, change = rows[0][:4]
    period = ("created_date between date '2021-05-01' and date '2021-05-31'" if grain == "month" else
              "created_date between date '2021-04-01' and date '2021-06-30'")
    assert n == _one(con, f"select count(*) from fct_ticket where {period}")
    per = con.execute(f"select count(*) from fct_ticket where year(created_date) = {year} "
                      f"group by {grain}(created_date)").fetchall()
    exact = sum(x for (x,) in per) / len(per)
    assert average == round(exact, 2)
    assert (float(difference), float(change)) == (round(n - exact, 2), round(100 * (n - exact) / exact, 1))
    assert str(year) in found.interpretation  # the periods the mean covers are said

# --- states against each other, repeated reassignments ----------------------------------------------

@pytest.mark.parametrize("question, lang", [
    ("Hvor mange saker i hendelsesloggen ble løst men ikke lukket?", "nb"),
    ("Kor mange saker i hendingsloggen vart løyste men ikkje lukka?", "nb"),
    ("How many tickets in the event log were resolved but never closed?", "en"),
])
def test_resolved_but_not_closed_in_the_log(vocab, con, question, lang):
    found, cols, rows = _ask(question, vocab, con, lang)
    assert found.family == "ticket_flows"
    assert rows == [(_one(con, "select count(distinct ticket_key) from fct_ticket_event where activity = "
                               "'Resolve ticket' and ticket_key not in (select ticket_key from fct_ticket_event where "
                               "activity = 'Closed')"),)]


def test_resolved_but_not_closed_in_an_export_is_its_resolved_status(vocab, con):
    _, _, rows = _ask("How many tickets in the desk export are resolved but not yet closed?", vocab, con, "en")
    assert rows == [(_one(con, f"select count(*) from fct_ticket where {DESK} and status = 'resolved'"),)]


def test_times_a_ticket_had_it():
    from app.engine.families.ticket_rates import times_threshold

    assert times_threshold("reassigned more than once") == 2
    assert times_threshold("omfordelt minst tre ganger") == 3
    assert times_threshold("more than 2 times") == 3
    assert times_threshold("two or more times") == 2
    assert times_threshold("reassigned") is None


def test_one_word_filters_the_field_the_question_names(vocab, con):
    # "Skole" is a category and part of the group "Skole-IKT": "i kategorien Skole" is the category only
    found, _, rows = _ask("Hvor mange saker i kategorien Skole kom inn i desk-eksporten i juni 2021?", vocab, con)
    assert rows == [(_one(con, f"select count(*) from fct_ticket where {DESK} and category = 'Skole' and "
                               "created_date between date '2021-06-01' and date '2021-06-30'"),)]
    assert "group" not in found.interpretation


def test_priority_values_written_as_exported_after_the_field_name(vocab, con):
    found, cols, rows = _ask("Hvor mange saker med prioritet A - Kritisk og B - Viktig kom inn i desk-eksporten i "
                             "2021?", vocab, con)
    named = {r[0]: r[1] for r in rows if r[0] != "til sammen"}
    assert named == dict(con.execute(f"select priority_source, count(*) from fct_ticket where {DESK} and "
                                     "priority_source in ('A - Kritisk', 'B - Viktig') group by 1").fetchall())


def test_a_channel_asked_of_exports_without_one_is_refused_naming_the_channel(vocab, con, monkeypatch):
    tv = vocab.data.tickets
    monkeypatch.setitem(tv.raw_values, "channel", [])
    monkeypatch.setitem(tv.values, "channel", LabelIndex([]))
    for question, lang in (("What share of tickets in the event log came by email?", "en"),
                           ("Hvor mange saker i hendelsesloggen kom inn på telefon?", "nb")):
        found, _, _ = _ask(question, vocab, con, lang)
        assert isinstance(found, Refusal) and found.status == "unanswerable", question
        assert "channel" in found.answer or "kanal" in found.answer


def test_an_activity_more_than_once_written_as_an_event_name(vocab, con):
    found, _, rows = _ask("Hvor mange saker hadde mer enn én Resolve ticket-hendelse?", vocab, con)
    assert rows == [(_one(con, "select count(*) from (select ticket_key from fct_ticket_event where activity = "
                               "'Resolve ticket' group by 1 having count(*) > 1)"),)]


def test_a_one_word_activity_is_named_by_its_norwegian_gloss():
    index = LabelIndex(["Wait", "Closed", "Take in charge ticket"])
    for text in ("Hvor mange saker ble satt på vent i 2012?", "How many tickets were put on hold?"):
        q = Question.parse(text, "nb")
        assert ticket_events._named(q, index, [], strict=True, single=frozenset({"Wait"}))[0] == ["Wait"]
        assert ticket_events._named(q, index, [], strict=True)[0] == []  # a state word alone needs two words



# --- values of a list column, several measures of one cohort, the weekday of a state ----------------------

VERSIONS = ("select count(distinct ticket_key) from fct_ticket_attribute where attribute = 'Affected Versions' "
            "and value = ")


def test_two_values_of_a_list_column_are_each_counted_or_both_together(vocab, con):
    _, cols, rows = _ask("Hvilken av versjonene 1.0.0 og 2.0.0 er oppgitt som berørt i flest saker?", vocab, con)
    assert dict(rows) == {v: _one(con, VERSIONS + f"'{v}'") for v in ("1.0.0", "2.0.0")}
    _, _, rows = _ask("How many tickets list both 1.0.0 and 2.0.0 as affected versions?", vocab, con, "en")
    assert rows == [(_one(con, "select count(*) from (select ticket_key from fct_ticket_attribute where value in "
                               "('1.0.0', '2.0.0') group by 1 having count(distinct value) = 2)"),)]


def test_a_list_value_by_a_ticket_field(vocab, con):
    _, cols, rows = _ask("saker med versjon 3.0.0 per kanal", vocab, con)
    assert dict(rows) == dict(con.execute(
        "select t.channel, count(distinct t.ticket_key) from fct_ticket as t join fct_ticket_attribute as a on "
        "a.ticket_key = t.ticket_key where a.value = '3.0.0' group by 1").fetchall())


def test_created_in_a_period_and_how_many_of_them_are_closed(vocab, con):
    _, cols, rows = _ask("Hvor mange saker ble opprettet i desk-eksporten i juli 2021, og hvor mange av dem er "
                         "lukket?", vocab, con)
    july = f"{DESK} and created_date between date '2021-07-01' and date '2021-07-31'"
    assert dict(zip(cols, rows[0])) == {"created": _one(con, f"select count(*) from fct_ticket where {july}"),
                                        "closed": _one(con, f"select count(closed_at) from fct_ticket where {july}")}


def test_the_weekday_tickets_are_closed_is_placed_by_the_closing(vocab, con):
    found, cols, rows = _ask("Hvilken ukedag ble flest saker i desk-eksporten lukket?", vocab, con)
    best = con.execute(f"select isodow(cast(closed_at as date)), count(*) from fct_ticket where {DESK} and "
                       "closed_at is not null group by 1 qualify rank() over (order by count(*) desc) = 1 "
                       "order by 1").fetchall()
    assert rows == best  # (every day tied for the most)


@pytest.mark.parametrize("question, lang, order", [
    ("Kva for ein vekedag kjem det færrast saker i desk-eksporten?", "nb", "asc"),
    ("Hvilken ukedag var travlest for sakene i desk-eksporten?", "nb", "desc"),
])
def test_the_busiest_or_quietest_weekday_in_nynorsk_and_short_forms(vocab, con, question, lang, order):
    # every day of the week ranked (zero when none), the busiest/quietest first; of days tied, any of them
    _, _, rows = _ask(question, vocab, con, lang)
    counts = dict(con.execute(f"select isodow(created_date), count(*) from fct_ticket where {DESK} group by 1").fetchall())
    days = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]
    by_day = {days[d - 1]: counts.get(d, 0) for d in range(1, 8)}
    best = (min if order == "asc" else max)(by_day.values())
    assert dict(rows) == by_day and rows[0][1] == best and by_day[rows[0][0]] == best


def test_created_beside_resolved_is_ticket_language_without_a_ticket_noun(vocab, con):
    found, cols, rows = _ask("opprettet og løst per kvartal 2020", vocab, con)
    assert found.family == "ticket_flows" and cols[-2:] == ["created", "resolved"]
    assert rows[-1][-2] == _one(con, "select count(*) from fct_ticket where year(created_date) = 2020")


def test_how_many_resources_counts_the_distinct_resources_of_the_log(vocab, con):
    found, cols, rows = _ask("Hvor mange ressurser (saksbehandlere) forekommer i hendelsesloggen?", vocab, con)
    assert isinstance(found, Reading)
    assert rows and rows[0][0] == _one(con, "select count(distinct resource) from fct_ticket_event")


def test_words_describing_the_desk_or_its_export_do_not_block_a_count(vocab, con):
    found, _, rows = _ask("How many tickets did the service desk of the software company register in May 2021?",
                          vocab, con)
    assert isinstance(found, Reading)
    # "desk" is also a word of the desk export's file name: that export's tickets
    assert sum(r[-1] for r in rows) == _one(con, f"select count(*) from fct_ticket where {DESK} and "
                                                 "created_date between date '2021-05-01' and date '2021-05-31'")
    # a field the exports lack still refuses
    found, _, _ = _ask("What was the customer satisfaction score of the service desk in May 2021?", vocab, con)
    assert not isinstance(found, Reading)


def test_priorities_named_in_full_as_exported_are_each_counted(vocab, con):
    _, cols, rows = _ask("Hvor mange saker med prioritet A - Kritisk og B - Viktig kom inn i mai 2021?", vocab, con)
    expected = dict(con.execute("select priority_source, count(*) from fct_ticket where priority_source in "
                                "('A - Kritisk', 'B - Viktig') and created_date between date '2021-05-01' and "
                                "date '2021-05-31' group by 1").fetchall())
    assert {r[0]: r[1] for r in rows if r[0] in expected} == expected


@pytest.mark.parametrize("question,lang", [("Hvordan fordeler sakene i desk-eksporten seg på prioritet?", "nb"),
                                           ("How are the desk export's tickets distributed across priorities?", "en")])
def test_how_tickets_are_distributed_over_a_field_is_a_breakdown(vocab, con, question, lang):
    found, cols, rows = _ask(question, vocab, con, lang)
    assert isinstance(found, Reading) and cols[0] in ("priority", "priority_source")
    assert sum(r[1] for r in rows if r[0] != "in all") == _one(con, f"select count(*) from fct_ticket where {DESK}")


# --- shares: one stated population, one row per source system --------------------------------------

def _per_source_share(con, match: str, where: str = "true") -> dict:
    """Each export's tickets that match, of its own tickets: {file: (matching, all, percent)}, computed here."""
    out = {}
    for file, n, total in con.execute(f"select source_file, count(*) filter (where {match}), count(*) from fct_ticket "
                                      f"where {where} group by 1").fetchall():
        out[file.rsplit("/", 1)[-1]] = (n, total, round(100.0 * n / total, 1))
    return out


@pytest.mark.parametrize("question,lang", [("Kor stor del av sakene vart lukka?", "nn"),
                                           ("What share of the tickets were closed?", "en")])
def test_a_share_over_several_source_systems_is_given_per_system(vocab, con, question, lang):
    found, cols, rows = _ask(question, vocab, con, lang=lang)
    expected = _per_source_share(con, "closed_at is not null or status = 'closed'")
    assert len(expected) == 2  # the event log and the flat export: never one share summed across them
    got = {r[cols.index("export")]: (r[cols.index("tickets")], r[cols.index("tickets_all")], r[cols.index("share_pct")])
           for r in rows}
    assert got == expected
    text = found.sentence(cols, rows, lang)
    for file, (n, total, _) in expected.items():  # each system named, with both counts
        assert file in text and f"{n} " in text and f" {total} " in text


def test_a_share_of_one_named_system_is_one_figure(vocab, con):
    found, cols, rows = _ask("Hvor stor andel av sakene i hendelsesloggen ble lukket?", vocab, con)
    expected = _per_source_share(con, "closed_at is not null or status = 'closed'", "source_system = 'log'")
    assert [r[-3:] for r in rows] == list(expected.values())


@pytest.mark.parametrize("question,lang", [("Hvor mange prosent av sakene ble lukket i 2020?", "nb"),
                                           ("What share of the tickets were closed in 2020?", "en")])
def test_a_share_closed_in_a_period_is_of_the_tickets_created_in_it(vocab, con, question, lang):
    found, cols, rows = _ask(question, vocab, con, lang=lang)
    # of the tickets created in 2020 (only the event log has any), those whose closing came in 2020
    created = con.execute("select ticket_key from fct_ticket where year(created_date) = 2020").fetchall()
    closed = con.execute("select distinct ticket_key from fct_ticket_event where activity = 'Closed' "
                         "and year(event_date) = 2020").fetchall()
    n, total = len(set(created) & set(closed)), len(created)
    assert 0 < n < total
    row = rows[0]
    assert (row[-3], row[-2], row[-1]) == (n, total, round(100.0 * n / total, 1)), found.sql
    text = found.sentence(cols, rows, lang)
    assert f"{n} " in text and f" {total}" in text
    assert ("created in 2020" if lang == "en" else "opprettet i 2020") in text
