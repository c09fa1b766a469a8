"""Helpdesk questions worded the way people ask them, over a small invented warehouse (a desk export for
January–April 2022 with customers, priorities, subcategories and first-response times; a process log; a list column
with several values per ticket): a catch-all filler never filters, a month span is one total (or each month when asked
per month), customer words and "the most common" rank the right field, durations between two moments of a ticket,
first-response times the exports lack are refused, a period outside the data is refused with the one it covers, events
are counted as often as they happened, quarters listed are each counted, and "only" means no other value. Every figure
is checked against SQL over the same rows."""
from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from app.engine import families
from app.engine.families.base import Question, Reading, Refusal
from app.engine.periods import find_period
from app.engine.wordforms import strip_catch_all
from tests.app.engine.conftest import read_and_run as _ask
from tests.app.engine.conftest import scalar as _one
from tests.app.engine.conftest import vocabulary_over, write_ticket_warehouse

DESK = "exports/desk_2022.csv"
LOG = "exports/process_log.csv"
TICKET_COLUMNS = """ticket_key text, ticket_id text, source_system text, source_file text, organisation_key text,
    customer_name text, provider_unit_key text, created_at timestamp, created_date date, closed_at timestamp,
    resolved_at timestamp, priority text, priority_source text, category text, subcategory text, channel text,
    status text, is_resolved boolean, resolution_hours double, first_response_minutes double, assignment_group text"""
ORGANISATIONS = {"aldal": "Aldal kommune", "berg": "Berg kommune", "kvist": "Kvist kommune"}


def _build(path: Path, first_response: bool) -> Path:
    rows, events, attributes = [], [], []
    customers = ["aldal", "berg", "aldal", "kvist", "aldal"]
    start = datetime(2022, 1, 3, 8)
    for n in range(240):
        # uneven days between tickets: weeks and months differ in size
        created = start + timedelta(hours=11 * n + (n % 7) * 3)
        closed = created + timedelta(hours=n % 30 + 5)
        response = float(n % 45 + 1) if first_response else None
        rows.append((f"k{n}", f"T{n}", "desk", DESK, customers[n % 5], None, None, created, created.date(), closed,
                     closed, "ABCA"[n % 4], "ABCA"[n % 4], ("Konto", "Utstyr", "Konto")[n % 3],
                     ("Passord", "Skriver", "Tilgang", "Passord")[n % 4], ("phone", "email")[n % 2], "closed", True,
                     None, response, "Førstelinje"))
        versions = ["1.0"] if n % 3 == 0 else ["1.0", "2.0"] if n % 3 == 1 else ["2.0"]
        for v in versions:
            attributes.append((f"k{n}-{v}", f"k{n}", "desk", f"T{n}", "Affected Versions", v, None, len(versions),
                               DESK))
    for n in range(9):  # a burst in one week: the busiest week is one week, not a tie
        created = datetime(2022, 2, 15, 9) + timedelta(hours=5 * n)
        rows.append((f"b{n}", f"B{n}", "desk", DESK, "berg", None, None, created, created.date(), None, None, "B", "B",
                     "Utstyr", "Skriver", "email", "open", False, None, 30.0 if first_response else None,
                     "Førstelinje"))
    start = datetime(2021, 1, 4, 9)
    for n in range(160):  # the process log, over 2021: some cases are closed twice
        key = f"c{n}"
        created = start + timedelta(hours=50 * n + (n % 5) * 7)
        steps = [("Open case", 0.0), ("Close case", 1.0)]
        if n % 4 == 0:
            steps += [("Reopen case", 2.0), ("Close case", 3.0)]
        if n % 6 == 0:
            steps.insert(1, ("Require upgrade", 0.5))
        for seq, (activity, days) in enumerate(steps, start=1):
            at = created + timedelta(days=days)
            events.append((key, "log", key, at, at.date(), seq, activity, f"Agent {n % 3}",
                           "closed" if activity == "Close case" else "open", created.date(), days, LOG))
        variant = "Variant 2" if n % 4 == 0 else "Variant 3" if n % 7 == 0 else "Variant 1"
        attributes.append((f"{key}-v", key, "log", key, "process variant", variant, None, 1, LOG))
        rows.append((key, key, "log", LOG, None, None, None, created, created.date(),
                     created + timedelta(days=steps[-1][1]), None, None, None, None, None, None, "closed", True,
                     None, None, None))
    return write_ticket_warehouse(path, TICKET_COLUMNS, rows, events, attributes, ORGANISATIONS)


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    return _build(tmp_path_factory.mktemp("wording") / "w.duckdb", first_response=True)


@pytest.fixture(scope="module")
def organisations():
    return {"aldal": ("Aldal kommune", "Aldal"), "berg": ("Berg kommune", "Berg"), "kvist": ("Kvist kommune", "Kvist")}


DESK_ONLY = "source_system = 'desk'"


def test_catch_all_fillers_are_taken_out_of_the_question():
    assert strip_catch_all("hvor mange saker kom inn i mars 2022 uansett kategori") == \
        "hvor mange saker kom inn i mars 2022"
    assert strip_catch_all("how many tickets regardless of the priority in march") == "how many tickets in march"
    assert strip_catch_all("how many tickets all told") == "how many tickets in all"
    assert strip_catch_all("hvor mange saker per kategori") == "hvor mange saker per kategori"


@pytest.mark.parametrize("question,lang", [
    ("Hvor mange saker kom inn i mars 2022, uansett kategori?", "nb"),
    ("How many tickets were logged in March 2022 regardless of priority?", "en"),
    ("Kor mange saker kom inn i mars 2022 i alt, uavhengig av kanal?", "nn"),
    ("How many tickets came in in March 2022 all told?", "en"),
])
def test_a_catch_all_filler_never_filters_a_count(vocab, con, question, lang):
    found, cols, rows = _ask(question, vocab, con, lang)
    assert isinstance(found, Reading), (question, getattr(found, "answer", None))
    assert rows == [(_one(con, "select count(*) from fct_ticket where year(created_date) = 2022 and "
                               "month(created_date) = 3"),)], question


@pytest.mark.parametrize("question,lang", [
    ("How many tickets came in between February and April 2022 in total?", "en"),
    ("Hvor mange saker kom inn mellom februar og april 2022 til sammen?", "nb"),
])
def test_a_month_span_is_one_total(vocab, con, question, lang):
    found, cols, rows = _ask(question, vocab, con, lang)
    assert isinstance(found, Reading), (question, getattr(found, "answer", None))
    assert rows == [(_one(con, "select count(*) from fct_ticket where created_date between date '2022-02-01' and "
                               "date '2022-04-30'"),)]


def test_each_month_of_a_span_when_asked_per_month(vocab, con):
    found, cols, rows = _ask("Kor mange saker per månad frå februar til april 2022?", vocab, con, "nn")
    assert isinstance(found, Reading)
    expected = con.execute("select month(created_date), count(*) from fct_ticket where created_date between "
                           "date '2022-02-01' and date '2022-04-30' group by 1 order by 1").fetchall()
    assert [r[cols.index("tickets")] for r in rows] == [n for _, n in expected] and len(rows) == 3


@pytest.mark.parametrize("question,lang", [("Which customer site logged the most tickets?", "en"),
                                           ("Kva eining melde inn flest saker?", "nn"),
                                           ("Hvilken lokasjon hadde flest saker?", "nb")])
def test_customer_words_rank_the_customer_field(vocab, con, question, lang):
    found, cols, rows = _ask(question, vocab, con, lang)
    assert isinstance(found, Reading), (question, getattr(found, "answer", None))
    top = con.execute("select customer_name, count(*) from fct_ticket where customer_name is not null group by 1 "
                      "order by 2 desc limit 1").fetchone()
    assert rows == [top], question


@pytest.mark.parametrize("question,lang", [("What is the most common priority among the tickets, and how many?", "en"),
                                           ("Hva er den vanligste prioriteten blant sakene?", "nb")])
def test_the_most_common_value_of_a_field_and_its_count(vocab, con, question, lang):
    found, cols, rows = _ask(question, vocab, con, lang)
    assert isinstance(found, Reading), (question, getattr(found, "answer", None))
    top = con.execute("select priority_source, count(*) from fct_ticket where priority_source is not null "
                      "group by 1 order by 2 desc limit 1").fetchone()
    assert rows == [top]


@pytest.mark.parametrize("question,lang", [("Hvilken uke var travlest, og hvor mange saker?", "nb"),
                                           ("Which week was the busiest, and how many tickets?", "en")])
def test_the_busiest_week_and_its_count(vocab, con, question, lang):
    found, cols, rows = _ask(question, vocab, con, lang)
    assert isinstance(found, Reading), (question, getattr(found, "answer", None))
    top = con.execute("select count(*) from fct_ticket group by isoyear(created_date), week(created_date) "
                      "order by 1 desc limit 1").fetchone()[0]
    assert len(rows) == 1 and rows[0][cols.index("tickets")] == top


@pytest.mark.parametrize("question,lang", [
    ("What is the median time from a ticket being logged to the first response, in minutes?", "en"),
    ("Kva er mediantida frå ei sak vart registrert til fyrste respons, i minutt?", "nn"),
])
def test_median_minutes_to_first_response(vocab, con, question, lang):
    found, cols, rows = _ask(question, vocab, con, lang)
    assert isinstance(found, Reading), (question, getattr(found, "answer", None))
    assert float(rows[0][0]) == _one(con, "select median(first_response_minutes) from fct_ticket")


@pytest.mark.parametrize("question,lang", [("What is the median time from opened until closed, in days?", "en"),
                                           ("Median tid fra en sak ble åpnet til den ble lukket, i dager?", "nb")])
def test_median_days_from_opened_until_closed(vocab, con, question, lang):
    found, cols, rows = _ask(question, vocab, con, lang)
    assert isinstance(found, Reading), (question, getattr(found, "answer", None))
    expected = _one(con, "select median(epoch(closed_at - created_at) / 86400.0) from fct_ticket where " + DESK_ONLY)
    everything = _one(con, "select median(epoch(closed_at - created_at) / 86400.0) from fct_ticket")
    assert round(float(rows[0][0]), 2) in (round(expected, 2), round(everything, 2))
    assert "days" in found.interpretation or "dager" in found.interpretation


def test_a_first_response_time_the_exports_lack_is_refused(tmp_path, organisations):
    path = _build(tmp_path / "no-response.duckdb", first_response=False)
    with duckdb.connect(str(path), read_only=True) as c:
        vocab = vocabulary_over(c, organisations)
        for question, lang in (("Median time to first response in minutes?", "en"),
                               ("Median tid fra registrert til første respons, i minutter?", "nb")):
            found = families.read(Question.parse(question, lang), vocab)
            assert isinstance(found, Refusal) and found.status == "unanswerable", question
            assert ("closed" in found.answer) or ("lukket" in found.answer)


@pytest.mark.parametrize("question,lang", [("How many tickets were logged in December 2022?", "en"),
                                           ("Kor mange saker kom inn i desember 2022?", "nn")])
def test_a_period_outside_the_data_is_refused_with_the_period_covered(vocab, con, question, lang):
    found, _, _ = _ask(question, vocab, con, lang)
    assert isinstance(found, Refusal), (question, getattr(found, "answer", None))
    assert "2022" in found.answer and ("January" in found.answer or "januar" in found.answer)


@pytest.mark.parametrize("question,lang", [
    ("How many times was a case closed (activity 'Close case') in total?", "en"),
    ("Hvor mange ganger ble en sak lukket (aktiviteten «Close case») totalt?", "nb")])
def test_how_many_times_counts_every_event(vocab, con, question, lang):
    found, cols, rows = _ask(question, vocab, con, lang)
    assert isinstance(found, Reading), (question, getattr(found, "answer", None))
    events = _one(con, "select count(*) from fct_ticket_event where activity = 'Close case'")
    cases = _one(con, "select count(distinct ticket_key) from fct_ticket_event where activity = 'Close case'")
    assert events != cases and rows == [(events,)]


@pytest.mark.parametrize("question,lang", [
    ("What share of cases followed the most common process variant, and how many?", "en"),
    ("Hvor stor andel av sakene fulgte den vanligste prosessvarianten, og hvor mange?", "nb")])
def test_the_share_of_cases_with_the_commonest_variant(vocab, con, question, lang):
    found, cols, rows = _ask(question, vocab, con, lang)
    assert isinstance(found, Reading), (question, getattr(found, "answer", None))
    value, n = con.execute("select value, count(*) from fct_ticket_attribute where attribute = 'process variant' "
                           "group by 1 order by 2 desc limit 1").fetchone()
    total = _one(con, "select count(*) from fct_ticket_attribute where attribute = 'process variant'")
    assert rows == [(value, n, total, round(100.0 * n / total, 1))]
    assert value in found.sentence(cols, rows, lang)


def test_quarters_listed_are_each_counted():
    for text in ("saker i første og fjerde kvartal 2012", "the first and fourth quarters of 2012",
                 "saker i 1. og 4. kvartal 2012"):
        p = find_period(text)
        assert p.quarters == [1, 4] and p.years == [2012] and not p.quarter_span, text
    p = find_period("between february and april 2022")
    assert p.months == [2, 3, 4] and p.month_span


@pytest.mark.parametrize("question,lang", [("Hvor mange saker i første og fjerde kvartal 2021?", "nb"),
                                           ("How many cases came in during the first and third quarters of 2021?",
                                            "en")])
def test_two_quarters_in_one_question_give_both_counts(vocab, con, question, lang):
    found, cols, rows = _ask(question, vocab, con, lang)
    assert isinstance(found, Reading), (question, getattr(found, "answer", None))
    asked = find_period(question.lower()).quarters
    expected = con.execute(f"select quarter(created_date), count(*) from fct_ticket where year(created_date) = 2021 "
                           f"and quarter(created_date) in ({', '.join(map(str, asked))}) group by 1 order by 1").fetchall()
    assert len(expected) == 2 and [r[cols.index("tickets")] for r in rows] == [n for _, n in expected]


@pytest.mark.parametrize("question,lang", [("How many tickets have only 1.0 as affected version?", "en"),
                                           ("Kor mange saker har berre 1.0 som påverka versjon?", "nn")])
def test_only_one_value_of_a_list_column(vocab, con, question, lang):
    found, cols, rows = _ask(question, vocab, con, lang)
    assert isinstance(found, Reading), (question, getattr(found, "answer", None))
    exactly = _one(con, "select count(*) from (select ticket_key from fct_ticket_attribute where attribute = "
                        "'Affected Versions' group by 1 having count(*) = 1 and max(value) = '1.0')")
    anywhere = _one(con, "select count(distinct ticket_key) from fct_ticket_attribute where value = '1.0'")
    assert exactly != anywhere and rows == [(exactly,)]


@pytest.mark.parametrize("question,lang", [("Which developer handled the most tickets in the desk export?", "en"),
                                           ("Hvilken saksbehandler hadde flest saker i desk-eksporten?", "nb")])
def test_a_person_field_the_export_lacks_is_refused_naming_its_fields(vocab, con, question, lang):
    found, _, _ = _ask(question, vocab, con, lang)
    assert isinstance(found, Refusal) and found.status == "unanswerable", (question, getattr(found, "answer", None))
    assert "category" in found.answer or "kategori" in found.answer


def test_the_resources_of_an_event_log_still_answer_who(vocab, con):
    found, cols, rows = _ask("Which resource closed the most cases in the process log?", vocab, con, "en")
    assert isinstance(found, Reading) and cols[0] == "resource"


@pytest.mark.parametrize("question,lang,per_month", [("How many password tickets per month in 2022?", "en", True),
                                                     ("Hvor mange passord-saker i mars 2022?", "nb", False),
                                                     ("How many password tickets were there in March 2022?", "en",
                                                      False)])
def test_a_value_word_close_to_a_subcategory_filters_it(vocab, con, question, lang, per_month):
    found, cols, rows = _ask(question, vocab, con, lang)
    assert isinstance(found, Reading), (question, getattr(found, "answer", None))
    if per_month:
        expected = con.execute("select month(created_date), count(*) from fct_ticket where subcategory = 'Passord' "
                               "and year(created_date) = 2022 group by 1 order by 1").fetchall()
        assert [r[cols.index("tickets")] for r in rows] == [n for _, n in expected]
    else:
        assert rows == [(_one(con, "select count(*) from fct_ticket where subcategory = 'Passord' and "
                                   "created_date between date '2022-03-01' and date '2022-03-31'"),)]


@pytest.mark.parametrize("question,lang", [
    ("How many priority A (business-critical) tickets came in in March 2022?", "en"),
    ("Hvor mange saker med prioritet A (svært kritisk) kom inn i mars 2022?", "nb"),
])
def test_a_gloss_in_parentheses_after_a_value_describes_it(vocab, con, question, lang):
    found, cols, rows = _ask(question, vocab, con, lang)
    assert isinstance(found, Reading), (question, getattr(found, "answer", None))
    assert rows == [(_one(con, "select count(*) from fct_ticket where priority = 'A' and year(created_date) = 2022 "
                               "and month(created_date) = 3"),)], question


def test_words_in_parentheses_after_no_value_still_block_the_count(vocab, con):
    found, _, _ = _ask("How many tickets (business-critical) came in in March 2022?", vocab, con, "en")
    assert isinstance(found, Refusal) and "critical" in found.answer
