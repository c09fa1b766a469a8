"""One home for the year a report prints (flows/reports/years.py): a table header, a sentence and the years a
sentence's figures are for read years alike. Invented texts."""
from __future__ import annotations

import re

import pytest

from flows.reports.years import YEAR, YEAR_TOKEN


@pytest.mark.parametrize("text, years", [
    ("Sykefraværet i 2018, 2019 og 2020", [2018, 2019, 2020]),  # a year before a comma and a space is a year
    ("Regnskap 2019 Budsjett 2020 Avvik", [2019, 2020]),
    ("(2016) and 2021: figures", [2016, 2021]),
    ("ökade med 2019,5 mnkr", []),  # a decimal number, no year
    ("pr. 31.12.2019 og 1.2020", []),  # a date's year belongs to the date
    ("1949 1950 2069 2070 20199", [1950, 2069]),  # the years a report prints, no longer number
])
def test_a_year_is_a_token_of_its_own(text, years):
    assert [int(m.group(0)) for m in YEAR_TOKEN.finditer(text)] == years


def test_the_readers_share_the_pattern():
    from flows.reports import figure_years, prose
    from flows.reports.layout import headers
    assert figure_years.YEAR == YEAR and prose._YEAR is YEAR_TOKEN
    assert re.fullmatch(headers.YEAR, "2 019") and re.fullmatch(headers.YEAR, "2019")
    assert not re.fullmatch(headers.YEAR, "2070")
