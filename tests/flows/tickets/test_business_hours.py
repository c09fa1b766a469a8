from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from flows.tickets.business_hours import (
    OSLO,
    add_business_seconds,
    business_seconds_between,
    easter_sunday,
    norwegian_public_holidays,
    register_business_hours,
    share_within,
)


@pytest.mark.parametrize("year, easter", [(2015, dt.date(2015, 4, 5)), (2019, dt.date(2019, 4, 21)),
                                          (2021, dt.date(2021, 4, 4)), (2024, dt.date(2024, 3, 31)),
                                          (2025, dt.date(2025, 4, 20))])
def test_easter_sunday(year, easter):
    assert easter_sunday(year) == easter


def test_public_holidays_2021():
    assert sorted(norwegian_public_holidays(2021)) == [
        dt.date(2021, 1, 1), dt.date(2021, 4, 1), dt.date(2021, 4, 2), dt.date(2021, 4, 4), dt.date(2021, 4, 5),
        dt.date(2021, 5, 1), dt.date(2021, 5, 13), dt.date(2021, 5, 17), dt.date(2021, 5, 23), dt.date(2021, 5, 24),
        dt.date(2021, 12, 25), dt.date(2021, 12, 26)]


def oslo(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=OSLO)


def test_business_seconds_within_one_day_clip_to_opening_hours():
    assert business_seconds_between(oslo(2021, 3, 1, 7, 0), oslo(2021, 3, 1, 9, 0)) == 3600
    assert business_seconds_between(oslo(2021, 3, 1, 15, 0), oslo(2021, 3, 1, 18, 0)) == 1800


def test_business_seconds_skip_weekend_and_easter():
    # Wednesday 31 March 15:00 -> Tuesday 6 April 08:30: 30 min + 30 min (Easter Thu-Mon closed)
    assert business_seconds_between(oslo(2021, 3, 31, 15, 0), oslo(2021, 4, 6, 8, 30)) == 3600
    # Friday 16:00 -> Monday 08:00 is no business time at all
    assert business_seconds_between(oslo(2021, 3, 5, 16, 0), oslo(2021, 3, 8, 8, 0)) == 0


def test_utc_input_is_read_in_oslo_time():
    start = dt.datetime(2021, 6, 1, 6, 0, tzinfo=dt.timezone.utc)  # 08:00 in Oslo (CEST)
    assert business_seconds_between(start, start + dt.timedelta(hours=1)) == 3600


def test_add_business_seconds_is_the_inverse():
    start = oslo(2021, 3, 31, 15, 0)
    end = add_business_seconds(start, 3600)
    assert end == oslo(2021, 4, 6, 8, 30)
    assert business_seconds_between(start, end) == 3600


def test_share_within():
    assert share_within([10, 60, 61, None, 200], 60) == 50.0
    assert share_within([None], 60) is None


def test_business_seconds_in_sql():
    con = duckdb.connect()
    register_business_hours(con)
    value = con.execute("select business_seconds(timestamptz '2021-03-01 07:00:00+01', "
                        "timestamptz '2021-03-02 09:00:00+01')").fetchone()[0]
    assert value == 7.5 * 3600 + 3600
