"""Pure readings of ticket questions: the turn of a year as a stock's day, years written apart (one figure each) against
a span, and the words that widen what is counted rather than filter it."""
from __future__ import annotations

from datetime import date

import pytest

from app.engine.families.base import Question
from app.engine.families.ticket_rates import as_of_day, years_apart
from app.engine.families.tickets import widening_words
from app.engine.periods import find_period
from app.engine.text import normalise


def _q(raw: str) -> Question:
    text = normalise(raw)
    return Question(raw=raw, text=text, lang="nb", period=find_period(text))


@pytest.mark.parametrize("text, day", [
    ("Hvor mange saker var uløst ved årsskiftet 2023/2024?", date(2023, 12, 31)),
    ("How many tickets were open at year end 2022?", date(2022, 12, 31)),
    ("Åpne saker ved nyttår 2025", date(2024, 12, 31)),
    ("åpne saker per 30.06.2024", date(2024, 6, 30)),
    ("åpne saker i 2024", None),
])
def test_the_turn_of_a_year_is_the_last_day_of_the_year_that_ends(text, day):
    assert as_of_day(normalise(text)) == day


@pytest.mark.parametrize("text, apart", [
    ("andel løst innen SLA i 2022 og 2023", True),
    ("SLA 2023 mot 2024", True),
    ("SLA 2023 vs 2024", True),
    ("SLA for 2022–2023", False),
    ("SLA i 2024", False),
])
def test_years_written_apart_against_a_span(text, apart):
    assert years_apart(_q(text)) is apart


def test_widening_words_are_no_filter():
    assert {"spam", "medregnet", "statuser"} <= widening_words(
        _q("Hvor mange saker i 2024, alle statuser medregnet (også spam)?"))
    assert "status" in widening_words(_q("antall saker uansett status"))
    assert "spam" in widening_words(_q("tickets in 2024 including spam"))
    assert not widening_words(_q("hvor mange saker var spam i 2024?"))
