"""A school or season year written with the next year's last two digits ("skoleåret 2023/24", "sesongen 2023-24",
"2023–24") names both calendar years, as "2023/2024" does; two digits that are not the next year ("2023-12", a month)
or part of a date are no such year."""
from __future__ import annotations

import pytest

from app.engine.periods import find_period


@pytest.mark.parametrize("text, years", [
    ("skolehenvendelser i skoleåret 2023/24", [2023, 2024]),
    ("sesongen 2023-24", [2023, 2024]),
    ("front 2023–24", [2023, 2024]),
    ("1999/00", [1999, 2000]),
    ("2023/2024", [2023, 2024]),
    ("saker i 2023 og 24 saker til", [2023]),
    ("15.03.2023-24", [2023]),
])
def test_a_school_year_names_both_calendar_years(text, years):
    assert find_period(text).years == years


def test_a_year_and_month_is_no_school_year():
    p = find_period("2023-12")
    assert p.years == [2023] and p.months == [12]
