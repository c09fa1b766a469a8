"""Business-hours arithmetic for helpdesk SLAs: weekdays 08:00–15:30 Europe/Oslo.

Norwegian public holidays (helligdager og 1. og 17. mai) are closed days, including the
Easter-based ones. Christmas Eve and New Year's Eve are ordinary weekdays here: they are
not public holidays, and services that close early should pass their own calendar.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from zoneinfo import ZoneInfo

from flows.tickets.model import OSLO_TZ

OSLO = ZoneInfo(OSLO_TZ)


def easter_sunday(year: int) -> dt.date:
    """Gregorian Easter Sunday (Anonymous Gregorian / Meeus–Jones–Butcher algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


@lru_cache(maxsize=256)
def norwegian_public_holidays(year: int) -> dict[dt.date, str]:
    easter = easter_sunday(year)
    days = {
        dt.date(year, 1, 1): "Første nyttårsdag",
        easter - dt.timedelta(days=3): "Skjærtorsdag",
        easter - dt.timedelta(days=2): "Langfredag",
        easter: "Første påskedag",
        easter + dt.timedelta(days=1): "Andre påskedag",
        dt.date(year, 5, 1): "Arbeidernes dag",
        dt.date(year, 5, 17): "Grunnlovsdag",
        easter + dt.timedelta(days=39): "Kristi himmelfartsdag",
        easter + dt.timedelta(days=49): "Første pinsedag",
        easter + dt.timedelta(days=50): "Andre pinsedag",
        dt.date(year, 12, 25): "Første juledag",
        dt.date(year, 12, 26): "Andre juledag",
    }
    return dict(sorted(days.items()))


@dataclass(frozen=True)
class BusinessCalendar:
    opens: dt.time = dt.time(8, 0)
    closes: dt.time = dt.time(15, 30)
    tz: ZoneInfo = OSLO
    extra_closed_days: frozenset[dt.date] = field(default_factory=frozenset)

    def is_business_day(self, day: dt.date) -> bool:
        return (day.weekday() < 5 and day not in norwegian_public_holidays(day.year)
                and day not in self.extra_closed_days)

    @property
    def seconds_per_day(self) -> float:
        return (dt.datetime.combine(dt.date.min, self.closes) - dt.datetime.combine(dt.date.min, self.opens)).total_seconds()


DEFAULT_CALENDAR = BusinessCalendar()


def _local(moment: dt.datetime, cal: BusinessCalendar) -> dt.datetime:
    """Aware datetimes are converted to the calendar's zone; naive ones are taken as local time."""
    return moment.astimezone(cal.tz).replace(tzinfo=None) if moment.tzinfo else moment


def _open_seconds_on(day: dt.date, start: dt.time, end: dt.time, cal: BusinessCalendar) -> float:
    if not cal.is_business_day(day):
        return 0.0
    lo = max(start, cal.opens)
    hi = min(end, cal.closes)
    if hi <= lo:
        return 0.0
    return (dt.datetime.combine(day, hi) - dt.datetime.combine(day, lo)).total_seconds()


def business_seconds_between(start: dt.datetime, end: dt.datetime,
                             cal: BusinessCalendar = DEFAULT_CALENDAR) -> float:
    """Open seconds between two moments (negative if end is before start)."""
    a, b = _local(start, cal), _local(end, cal)
    if b < a:
        return -business_seconds_between(end, start, cal)
    if a.date() == b.date():
        return _open_seconds_on(a.date(), a.time(), b.time(), cal)
    total = _open_seconds_on(a.date(), a.time(), dt.time.max, cal)
    total += _open_seconds_on(b.date(), dt.time.min, b.time(), cal)
    day = a.date() + dt.timedelta(days=1)
    while day < b.date():
        if cal.is_business_day(day):
            total += cal.seconds_per_day
        day += dt.timedelta(days=1)
    return total


def add_business_seconds(start: dt.datetime, seconds: float,
                         cal: BusinessCalendar = DEFAULT_CALENDAR) -> dt.datetime:
    """The moment `seconds` of open time after start; the result has start's tz-awareness."""
    if seconds < 0:
        raise ValueError("seconds must be >= 0")
    moment = _local(start, cal)
    remaining = float(seconds)
    while True:
        day = moment.date()
        if cal.is_business_day(day):
            opens = dt.datetime.combine(day, cal.opens)
            closes = dt.datetime.combine(day, cal.closes)
            if moment < opens:
                moment = opens
            if moment < closes:
                available = (closes - moment).total_seconds()
                if remaining <= available:
                    result = moment + dt.timedelta(seconds=remaining)
                    return result.replace(tzinfo=cal.tz).astimezone(start.tzinfo) if start.tzinfo else result
                remaining -= available
        moment = dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min)


def share_within(values: list[float | None], limit: float) -> float | None:
    """Percent of the non-missing values that are <= limit (e.g. phone answered within 60 s)."""
    present = [v for v in values if v is not None]
    if not present:
        return None
    return 100.0 * sum(1 for v in present if v <= limit) / len(present)


def register_business_hours(con, cal: BusinessCalendar = DEFAULT_CALENDAR) -> None:
    """Expose business_seconds(start, end) to SQL on a DuckDB connection (for SLA measures)."""
    from duckdb.sqltypes import DOUBLE, TIMESTAMP_TZ

    def business_seconds(start, end):
        if start is None or end is None:
            return None
        return business_seconds_between(start, end, cal)

    con.create_function("business_seconds", business_seconds, [TIMESTAMP_TZ, TIMESTAMP_TZ], DOUBLE,
                        null_handling="special")
