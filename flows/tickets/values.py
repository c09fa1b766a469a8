"""The value grammar of ticket exports as SQL: a text cell to an instant, and the UTC offset it was printed with.

One home for how a time is read, whichever query reads it: the loader's statements (staging a file, grouping an
event log's events into tickets) and the raw.ticket_events view, which types the events kept as read
(flows.tickets.model). The loader runs with the session's time zone set to Europe/Oslo and reads naive times in
it (zone=None, the cheaper form); a view is read in any session, so it names the zone (zone="Europe/Oslo").
"""
from __future__ import annotations

from collections.abc import Sequence

DATE_FORMATS = (
    "%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%d.%m.%Y %H.%M", "%d.%m.%Y kl. %H:%M", "%d.%m.%Y",
    "%d.%m.%y %H:%M", "%d.%m.%y",
    "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y",
    "%d/%b/%y %I:%M %p", "%d/%b/%Y %I:%M %p", "%d/%b/%y %H:%M", "%d/%b/%y",
)
EXPECTED_DATE = "dd.mm.yyyy [hh:mm[:ss]], ISO 8601 yyyy-mm-dd[ hh:mm[:ss]][+hh:mm] or dd/Mon/yy h:mm AM"

# the offset a time of day is printed with: "…08:40:25+02:00", "…T08:40Z", "… 08:40 +0100" (a bare date's "-13" is none)
_OFFSET_PATTERN = r"\d:\d\d(?::\d\d(?:[.,]\d+)?)?\s*(Z|[+-]\d\d(?::?\d\d)?)$"


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def timestamp_sql(value: str, formats: Sequence[str], zone: str | None = None) -> str:
    """SQL for the instant a text cell names (TIMESTAMPTZ), null when it names none.

    ISO text (with or without offset) via cast; strptime formats (day first: 29/2/2016 01:16); bare numbers:
    10 digits are Unix seconds, 13 digits Unix milliseconds (both UTC instants), 5 digits with an optional
    fraction an Excel serial date (wall-clock time, 1 = 1900-01-01). Naive values are wall-clock time in zone;
    zone None: in the session's time zone (the loader sets Europe/Oslo)."""
    v = value
    fmts = "[" + ", ".join(_lit(f) for f in formats) + "]"

    def local(timestamp: str) -> str:  # a naive timestamp as an instant
        return f"{timestamp}::timestamptz" if zone is None else f"timezone({_lit(zone)}, {timestamp})"

    iso = (f"try_cast({v} as timestamptz)" if zone is None else
           f"case when {offset_sql(v)} is not null then try_cast({v} as timestamptz) "
           f"else {local(f'try_cast({v} as timestamp)')} end")
    return (f"coalesce({iso}, {local(f'try_strptime({v}, {fmts})')}, "
            f"case when regexp_full_match({v}, '1\\d{{9}}') then to_timestamp(cast({v} as bigint)) "
            f"when regexp_full_match({v}, '1\\d{{12}}') then to_timestamp(cast({v} as bigint) / 1000.0) "
            f"when regexp_full_match({v}, '[1-9]\\d{{4}}([.,]\\d+)?') "
            f"and try_cast(replace({v}, ',', '.') as double) between 20000 and 80000 then "
            + local(f"(timestamp '1899-12-30' + to_microseconds(cast(round(cast(replace({v}, ',', '.') as double) "
                    f"* 86400000000) as bigint)))") + " end)")


def offset_sql(value: str) -> str:
    """The UTC offset a timestamp cell was printed with, as written ("+02:00"); null when it has none. The usual
    "…:ss+hh:mm" is cut off its end, and a cell without a "+", "Z" or a "-" after a ":" has none: the regular
    expression (a third of the cost of reading the column, measured on 1 M events) reads only the other cells."""
    v = value
    return (f"case when {v} like '%:__+__:__' or {v} like '%:__-__:__' then right({v}, 6) "
            f"when {v} like '%+%' or {v} like '%Z' or {v} like '%z' or {v} like '%:%-%' "
            f"then nullif(regexp_extract({v}, {_lit(_OFFSET_PATTERN)}, 1), '') end")
