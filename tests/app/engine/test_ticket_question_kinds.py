"""Kinds of ticket questions, on the small two-export warehouse of test_ticket_mechanisms (a service desk's export
with customers, an event log without them): a ranking over several years named, the top ones of each year, a plain
"resolved" count, the busiest period over the whole export, and an export named by the words beside "log". Every
figure is checked against SQL over the same rows, never a number written here."""
from __future__ import annotations

import pytest

from app.engine.periods import find_period
from tests.app.engine.test_ticket_mechanisms import _ask, organisations, warehouse  # noqa: F401 (fixtures)

RESOLVED = "coalesce(resolved_at is not null or closed_at is not null or is_resolved, false)"


def _top(con, sql):
    return sorted(con.execute(sql).fetchall())


def test_several_years_named_are_a_grain_only_implied():
    assert find_period("which customer had the most tickets 2019–2021").grain_implied
    assert not find_period("tickets per year 2019–2021").grain_implied


@pytest.mark.parametrize("question, lang", [("Which customer had the most tickets 2020-2021?", "en"),
                                            ("Hvilken kunde hadde flest saker 2020–2021?", "nb")])
def test_a_ranking_over_several_years_ranks_the_whole_span(vocab, con, question, lang):
    found, cols, rows = _ask(question, vocab, con, lang=lang)
    assert cols == ["customer", "tickets"]
    # a ticket without a customer (the event log's) is no customer to rank
    assert sorted(rows) == _top(con, """select o.organisation_name, count(*) from fct_ticket t join dim_organisation o
        using (organisation_key) where year(created_date) between 2020 and 2021 group by 1
        qualify rank() over (order by count(*) desc) = 1""")


def test_the_top_ones_of_each_year_when_a_year_grain_is_asked(vocab, con):
    _, cols, rows = _ask("Hvilke to kategorier hadde flest saker per år 2020–2021?", vocab, con)
    assert cols == ["year", "category", "tickets"]
    assert sorted(rows) == _top(con, """select year(created_date), category, count(*) from fct_ticket
        where category is not null and year(created_date) between 2020 and 2021 group by 1, 2
        qualify rank() over (partition by 1 order by count(*) desc) <= 2""")


@pytest.mark.parametrize("question, lang, negated, year", [
    ("Hvor mange saker er løst?", "nb", False, None), ("Antall løste saker", "nb", False, None),
    ("How many resolved cases are there?", "en", False, None), ("Kor mange saker er løyste?", "nb", False, None),
    ("How many unresolved tickets are there?", "en", True, None), ("Antall uløste saker i 2021", "nb", True, 2021),
    ("Hvor mange saker er ikke løst?", "nb", True, None)])
def test_resolved_counts_the_tickets_with_a_resolved_or_closed_time_or_final_status(vocab, con, question, lang,
                                                                                    negated, year):
    found, cols, rows = _ask(question, vocab, con, lang=lang)
    cond = ("not " if negated else "") + RESOLVED + (f" and year(created_date) = {year}" if year else "")
    expected = con.execute(f"select count(*) from fct_ticket where {cond}").fetchone()[0]
    assert rows == [(expected,)], (question, found)
    assert expected < con.execute("select count(*) from fct_ticket").fetchone()[0]  # never every ticket
    assert ("resolved" if lang == "en" else "løst") in found.interpretation


@pytest.mark.parametrize("question, lang, grain", [
    ("Busiest month overall", "en", "month"), ("What was the busiest month of all?", "en", "month"),
    ("Hvilken måned var travlest i hele perioden?", "nb", "month"),
    ("Kva kvartal hadde flest saker nokon gong?", "nb", "quarter"),
    ("Which quarter had the most tickets ever?", "en", "quarter")])
def test_the_busiest_period_over_the_whole_export(vocab, con, question, lang, grain):
    _, cols, rows = _ask(question, vocab, con, lang=lang)
    assert cols == ["year", grain, "tickets", "period"]  # the period also in words ("July 2012", "1. kvartal 2012")
    assert sorted(r[:3] for r in rows) == _top(con, f"""select year(created_date), {grain}(created_date), count(*)
        from fct_ticket group by 1, 2 qualify rank() over (order by count(*) desc) = 1""")
    assert all(str(r[0]) in r[3] for r in rows)


def test_the_busiest_day_ranks_dates_but_today_is_not_a_day_grain(vocab, con):
    _, cols, rows = _ask("Which single day had the most tickets?", vocab, con, lang="en")
    assert cols == ["date", "tickets"]
    assert sorted(rows) == _top(con, "select created_date, count(*) from fct_ticket group by 1 "
                                     "qualify rank() over (order by count(*) desc) = 1")
    found, _, rows = _ask("Hvor mange saker i dag?", vocab, con)
    assert not rows  # "i dag" is no ranking of days (and no count of every ticket)


@pytest.mark.parametrize("question, lang", [("How many tickets are in the helpdesk log?", "en"),
                                            ("Hvor mange saker finnes i helpdesk-loggen?", "nb"),
                                            ("How many tickets were created in 2021 according to the log?", "en")])
def test_the_log_named_beside_other_words_is_the_event_log(vocab, con, question, lang):
    _, _, rows = _ask(question, vocab, con, lang=lang)
    year = " and year(created_date) = 2021" if "2021" in question else ""
    assert rows == [(con.execute(f"select count(*) from fct_ticket where source_system = 'log'{year}").fetchone()[0],)]
