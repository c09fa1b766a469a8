"""A school or season year written with a slash and the next year's last two digits ("skoleåret 2023/24") names both
calendar years, as "2023/2024" does, as one period (no figure per year implied); two digits that are not the next
year, part of a date, or a school year written with a dash as reports do ("2015-16": the year it begins) are not."""
from __future__ import annotations

import pytest

from app.engine.periods import find_period


@pytest.mark.parametrize("text, years", [
    ("skolehenvendelser i skoleåret 2023/24", [2023, 2024]),
    ("sesongen 2023 / 24", [2023, 2024]),
    ("skoleåret 2015-16", [2015]),
    ("1999/00", [1999, 2000]),
    ("2023/2024", [2023, 2024]),
    ("saker i 2023 og 24 saker til", [2023]),
    ("15.03.2023/24", [2023]),
])
def test_a_school_year_names_both_calendar_years(text, years):
    assert find_period(text).years == years


def test_a_year_and_month_is_no_school_year():
    p = find_period("2023-12")
    assert p.years == [2023] and p.months == [12]


def test_a_school_year_is_one_period_not_a_figure_per_year():
    season, years = find_period("saker i skoleåret 2023/24"), find_period("saker 2023/2024")
    assert season.grain is None and season.season
    assert years.grain == "year" and not years.season


def test_the_school_year_words_are_read_as_time():
    assert "skoleåret 2023/24" in " ".join(find_period("henvendelser i skoleåret 2023/24 uten spam").words)
