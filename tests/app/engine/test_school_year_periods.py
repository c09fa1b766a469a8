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


@pytest.mark.parametrize("text", ["saker i skoleåret 2023/24", "skuleåret 2023/24", "barnehageåret 2023/24",
                                  "tickets in the school year 2023/24"])
def test_a_school_year_runs_from_august_to_july(text):
    from datetime import date
    p = find_period(text)
    assert p.school_year and p.ranges() == [(date(2023, 8, 1), date(2024, 7, 31))]
    assert "august 2023" in p.describe().lower() and "2024" in p.describe()


def test_a_season_without_school_words_keeps_both_calendar_years():
    from datetime import date
    p = find_period("sesongen 2023/24")
    assert p.season and not p.school_year
    assert p.ranges() == [(date(2023, 1, 1), date(2023, 12, 31)), (date(2024, 1, 1), date(2024, 12, 31))]
