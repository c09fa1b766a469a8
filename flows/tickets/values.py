"""The value grammar of ticket exports as SQL: a text cell to an instant, and the UTC offset it was printed with;
and the format a time column writes its dates in, decided from its values (infer_date_format, DateFormat).

One home for how a time is read, whichever query reads it: the loader's statements (staging a file, grouping an
event log's events into tickets) and the raw.ticket_events view, which types the events kept as read
(flows.tickets.model). The loader runs with the session's time zone set to Europe/Oslo and reads naive times in
it (zone=None, the cheaper form); a view is read in any session, so it names the zone (zone="Europe/Oslo").
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

DATE_FORMATS = (
    "%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%d.%m.%Y %H.%M", "%d.%m.%Y kl. %H:%M", "%d.%m.%Y",
    "%d.%m.%y %H:%M", "%d.%m.%y",
    "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y",
    "%d/%b/%y %I:%M %p", "%d/%b/%Y %I:%M %p", "%d/%b/%y %H:%M", "%d/%b/%y",
)
EXPECTED_DATE = "dd.mm.yyyy [hh:mm[:ss]], ISO 8601 yyyy-mm-dd[ hh:mm[:ss]][+hh:mm] or dd/Mon/yy h:mm AM"

# The texts an export writes for "no value", in any column: read as null by every path (DuckDB's read_csv nullstr,
# which every format passes through, and the layout inference). An open ticket's "Løst: -" or "Completed Time: -"
# is an empty date, not an unparseable one.
NULL_TOKENS = ("", "-", "--", "\u2013", "\u2014", "?", "n/a", "#n/a", "na", "null", "(null)", "none", "(blank)", "(tom)",
               "(empty)",
               # a picklist's unset entry ("-None-", "--None--", "(None)", "<none>")
               "-none-", "--none--", "(none)", "<none>", "[none]", "- none -", "(ingen)", "-ingen-",
               # a time never set (Request Tracker writes "Not set" for a ticket not yet resolved)
               "not set", "(not set)", "unset", "ikke satt", "ikkje sett", "ej satt", "ikke angitt")


def null_texts() -> tuple[str, ...]:
    """NULL_TOKENS as an exact-match reader writes them (nullstr is case-sensitive): each as written, in upper case
    and capitalised ("N/A", "NULL", "Null", "None", "(Blank)")."""
    out: dict[str, None] = {}
    for token in NULL_TOKENS:
        for form in (token, token.upper(), token.capitalize(), token.title()):
            out[form] = None
    return tuple(out)


# the offset a time of day is printed with: "…08:40:25+02:00", "…T08:40Z", "… 08:40 +0100" (a bare date's "-13" is none)
_OFFSET_PATTERN = r"\d:\d\d(?::\d\d(?:[.,]\d+)?)?\s*(Z|[+-]\d\d(?::?\d\d)?)\s*$"  # (spaces after: a padded cell)


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


# A time of day followed by the zone it is written in: "… 22:15 UTC", "31.07.2024 22:15 +00:00", "… 10:15 PM GMT",
# "2024-07-31 22:15:00 +0000" (a space before the offset: DuckDB's cast does not read it). Group 1: the time, 2: the zone.
ZONE_SUFFIX = r"(\d[:.]\d\d(?:[:.]\d\d(?:[.,]\d+)?)?(?:\s*[AaPp][Mm])?)\s*(Z|z|UTC|GMT|[+-]\d\d(?::?\d\d)?)$"
_ZONE_SUFFIX = re.compile(ZONE_SUFFIX)
# what DuckDB's cast reads itself: ISO 8601 with its offset attached ("…:25+02:00", "…T22:15Z") or " UTC"/" GMT"
_ISO_ZONED = re.compile(r"\d{4}-\d{1,2}-\d{1,2}[ T]\d{1,2}:\d{2}(:\d{2}([.,]\d+)?)?(Z|z|[+-]\d{2}(:?\d{2})?| UTC| GMT)")


def without_zone(text: str) -> tuple[str, str | None]:
    """A time written with its zone as (the time without it, the zone: "Z", "UTC", "+02:00", ...); (text, None) when
    it names none."""
    m = _ZONE_SUFFIX.search(text)
    if not m:
        return text, None
    return text[:m.start(2)].rstrip(), m.group(2)


def _zoned_sql(v: str, parse_naive) -> str:
    """The instant a cell written with a zone suffix names: its time without the zone read as wall-clock time
    (parse_naive: SQL of a naive timestamp from a text expression) in that zone; null without a suffix."""
    zone = f"nullif(regexp_extract({v}, {_lit(ZONE_SUFFIX)}, 2), '')"
    base = f"trim(regexp_replace({v}, {_lit(ZONE_SUFFIX)}, '\\1'))"
    digits = f"replace({zone}, ':', '')"
    minutes = (f"(case when upper({zone}) in ('Z', 'UTC', 'GMT') then 0 else (case when left({zone}, 1) = '-' "
               f"then -1 else 1 end) * (cast(substr({digits}, 2, 2) as integer) * 60 "
               f"+ coalesce(try_cast(nullif(substr({digits}, 4, 2), '') as integer), 0)) end)")
    return (f"case when {zone} is not null then timezone('UTC', {parse_naive(base)}) "
            f"- {minutes} * interval '1 minute' end")


def timestamp_sql(value: str, formats: Sequence[str], zone: str | None = None, month_names: bool = False,
                  zoned: bool = False) -> str:
    """SQL for the instant a text cell names (TIMESTAMPTZ), null when it names none.

    ISO text (with or without offset) via cast; strptime formats (day first: 29/2/2016 01:16); bare numbers:
    10 digits are Unix seconds, 13 digits Unix milliseconds (both UTC instants, a fraction kept), 5 digits with an optional
    fraction an Excel serial date (wall-clock time, 1 = 1900-01-01). Naive values are wall-clock time in zone;
    zone None: in the session's time zone (the loader sets Europe/Oslo). month_names: the strptime formats read the
    text as normalise_month_names leaves it (a column of "3. mars 2023 kl. 14:05": DateFormat.month_names). zoned: the
    column writes a zone after its times that the cast does not read ("31.07.2024 22:15 UTC", "… 22:15:00 +0000":
    DateFormat.zoned): a cell with one is its time read in that zone (UTC, or the offset)."""
    v = value
    fmts = "[" + ", ".join(_lit(f) for f in formats) + "]"
    if zoned:
        def naive(text: str) -> str:
            return (f"coalesce(try_cast({text} as timestamp), "
                    f"try_strptime({month_names_sql(text) if month_names else text}, {fmts}))")
        return f"coalesce({_zoned_sql(v, naive)}, {timestamp_sql(value, formats, zone, month_names)})"

    def local(timestamp: str) -> str:  # a naive timestamp as an instant
        return f"{timestamp}::timestamptz" if zone is None else f"timezone({_lit(zone)}, {timestamp})"

    iso = (f"try_cast({v} as timestamptz)" if zone is None else
           f"case when {offset_sql(v)} is not null then try_cast({v} as timestamptz) "
           f"else {local(f'try_cast({v} as timestamp)')} end")
    return (f"coalesce({iso}, {local(f'try_strptime({month_names_sql(v) if month_names else v}, {fmts})')}, "
            f"case when regexp_full_match({v}, '1\\d{{9}}(\\.\\d+)?') then to_timestamp(cast({v} as double)) "
            f"when regexp_full_match({v}, '1\\d{{12}}(\\.\\d+)?') then to_timestamp(cast({v} as double) / 1000.0) "
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
            f"when {v} like '%+%' or {v} like '%Z' or {v} like '%z' or {v} like '%:%-%' or {v} like '% ' "
            f"then nullif(regexp_extract({v}, {_lit(_OFFSET_PATTERN)}, 1), '') end")


# --- a column's date format, decided from all its values ---------------------------------------------------------
#
# An export writes its dates one way throughout a column; the way is read from the column's values, not value by
# value, so 03/04/2023 is read the same way in every row. Python decides the format (infer_date_format); DuckDB reads
# every value with it (timestamp_sql, try_strptime). A library that parses value by value (dateutil) would read
# 13/04/2023 day first and 03/04/2023 month first in the same column: the order must be the column's.
# Numeric dates: "20/02/2023 11:21 AM", "11-01-2023 09:55", "1.2.23", "2023/02/20 10:00": separator / - or .,
# 2- or 4-digit years, optional seconds, a 12-hour clock with AM/PM. The day/month order: a value whose first field
# is above 12 says day first, one whose second field is, month first; when no value says (every field <= 12) the
# column is ambiguous and read day first (the Norwegian order), and the choice is said. Month names (Norwegian,
# English): "3. mars 2023 kl. 14:05", "12 Jan 2023", "Jan 12, 2023 10:00 AM", "12/Jan/23" are first normalised
# (lower case, "kl." and commas out, month names to English three-letter abbreviations) and read with %b.
# ISO 8601 (with or without offset), epoch seconds/milliseconds and Excel serial days are read in every column.

_TIME_PART = r"(?P<join>,?\s+(?:kl\.?\s*)?|T)(?P<h>\d{1,2})(?P<cs>[:.])(?P<mi>\d{2})(?:(?P=cs)(?P<s>\d{2}))?" \
             r"(?P<ampm>\s?[AaPp][Mm])?"
_NUMERIC_DATE = re.compile(r"(?P<a>\d{1,4})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<c>\d{4}|\d{2})"
                           rf"(?:{_TIME_PART})?")
_NAMED_DATE = re.compile(r"(?:(?P<d1>\d{1,2}) (?P<m1>[a-z]{3})|(?P<m2>[a-z]{3}) (?P<d2>\d{1,2})) (?P<y>\d{4}|\d{2})"
                         r"(?: (?P<h>\d{1,2})(?P<cs>[:.])(?P<mi>\d{2})(?:(?P=cs)(?P<s>\d{2}))?(?P<ampm> ?[ap]m)?)?")
_NAMED_HINT = re.compile(r"\d.*[^\W\d_]{3}|[^\W\d_]{3}.*\d")
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# Norwegian, Swedish, Danish and German three-letter beginnings that differ from the English ones ("maj", "März",
# "Dezember")
_MONTH_NB = {"mai": "may", "okt": "oct", "des": "dec", "maj": "may", "mär": "mar", "mrz": "mar", "dez": "dec"}
# a month's three letters somewhere in the lower-cased text: what normalise_month_names can leave as a month (it
# keeps a word's first three letters and turns the Norwegian ones into English); without them no month name is
# there to find (named_date asks this first: "Case123", "Value 12" cost five substitutions each when inferring)
_MONTH_LETTERS = re.compile("|".join((*MONTHS, *_MONTH_NB)))


# a weekday written before a date ("Tue, 05 Mar 2024 14:05:00 +0100" of an e-mail header, "tirsdag 5. mars 2024",
# "Dienstag, 5. März 2024"): said nothing the date does not, left out
_WEEKDAY = (r"^\s*(?:mon|tue|wed|thu|fri|sat|sun|man|tir|ons|tor|fre|lør|søn|mån|tis|lör|sön|die|mit|don|sam|"
            r"son)[a-zæøåäöü]*\.?,?\s+")


def normalise_month_names(text: str) -> str:
    """"3. mars 2023 kl. 14:05" -> "3 mar 2023 14:05"; "Jan 12, 2023" -> "jan 12 2023" (the SQL: month_names_sql)."""
    s = re.sub(_WEEKDAY, "", text.lower())
    s = re.sub(r"\bkl\.?", " ", s)
    s = re.sub(r"[,/-]", " ", s)
    s = re.sub(r"(\d)\.(\s|$)", r"\1 ", s)
    s = re.sub(r"([a-zæøåäöü]{3})[a-zæøåäöü]*\.?", r"\1", s)
    for nb, en in _MONTH_NB.items():
        s = s.replace(nb, en)
    return re.sub(r"\s+", " ", s).strip()


def month_names_sql(value: str) -> str:
    """normalise_month_names in SQL (the same steps; POSIX/RE2 expressions DuckDB runs)."""
    s = f"regexp_replace(lower({value}), {_lit(_WEEKDAY)}, '')"
    s = f"regexp_replace({s}, '\\bkl\\.?', ' ', 'g')"
    s = f"regexp_replace({s}, '[,/-]', ' ', 'g')"
    s = f"regexp_replace({s}, '(\\d)\\.(\\s|$)', '\\1 ', 'g')"
    s = f"regexp_replace({s}, '([a-zæøåäöü]{{3}})[a-zæøåäöü]*\\.?', '\\1', 'g')"
    for nb, en in _MONTH_NB.items():
        s = f"replace({s}, {_lit(nb)}, {_lit(en)})"
    return f"trim(regexp_replace({s}, '\\s+', ' ', 'g'))"


def named_date(text: str) -> re.Match | None:
    """A date written with a month name ("3. mars 2023 kl. 14:05", "Jan 12, 2023"), matched in its normalised form."""
    if len(text) > 40 or not _NAMED_HINT.search(text) or not _MONTH_LETTERS.search(text.lower()):
        return None
    m = _NAMED_DATE.fullmatch(normalise_month_names(text))
    return m if m and (m.group("m1") or m.group("m2")) in MONTHS else None


@dataclass(frozen=True)
class DateFormat:
    """How one column writes its dates: strptime formats (tried in order, after the mapping's own), whether the
    values are normalised for month names first, the day/month order and what was decided (for the load message)."""

    formats: tuple[str, ...] = DATE_FORMATS
    month_names: bool = False
    zoned: bool = False  # times written with a zone the cast does not read ("… 22:15 UTC", "… +0000"): timestamp_sql
    order: str | None = None  # "day first", "month first", "year first"
    note: str | None = None  # how the order was decided, when a choice had to be made
    expected: str = EXPECTED_DATE

    @property
    def sql_formats(self) -> tuple[str, ...]:
        """The column's formats, then the common ones that cannot read a value in the other day/month order (a
        column read month first is not given the day-first slash formats: 13/04/2023 there is quarantined)."""
        common = DATE_FORMATS if self.order in (None, "day first") else tuple(
            f for f in DATE_FORMATS if "%b" in f or not re.search(r"%[dm][/-]", f))
        return tuple(dict.fromkeys((*self.formats, *common)))

    def lines(self) -> tuple[str, ...]:
        """As stored with a load (raw.ticket_files.date_formats), one format a line; from_lines reads it back."""
        return (((MONTH_NAMES_MARK,) if self.month_names else ()) + ((ZONED_MARK,) if self.zoned else ())
                + self.sql_formats)

    @staticmethod
    def from_lines(lines: Sequence[str]) -> "DateFormat":
        lines = list(lines)
        month_names = bool(lines) and lines[0] == MONTH_NAMES_MARK
        lines = lines[1:] if month_names else lines
        zoned = bool(lines) and lines[0] == ZONED_MARK
        return DateFormat(tuple(lines[1:] if zoned else lines), month_names, zoned=zoned)


MONTH_NAMES_MARK = "# month names"
ZONED_MARK = "# zoned"
DEFAULT_DATE_FORMAT = DateFormat()


def _clock_formats(m: re.Match, named: bool) -> list[str]:
    """The clock part of a value's format and its neighbours (with and without seconds, none: a later row of the
    same column may leave out its seconds or its time); [""] for a date without a time."""
    if m.group("h") is None:
        return [""]
    join = " " if named else m.group("join")
    hour = "%I" if m.group("ampm") else "%H"
    cs = m.group("cs")
    ampm = (" %p" if m.group("ampm").startswith(" ") else "%p") if m.group("ampm") else ""
    with_s, without_s = f"{join}{hour}{cs}%M{cs}%S{ampm}", f"{join}{hour}{cs}%M{ampm}"
    return [with_s, without_s, ""] if m.group("s") else [without_s, with_s, ""]


def _is_plain(text: str) -> bool:
    """ISO 8601 or a bare number (epoch, Excel serial): read in every column, no format to decide."""
    return bool(_ISO_SHAPE.fullmatch(text) or re.fullmatch(r"\d+([.,]\d+)?", text))


_ISO_SHAPE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}([ T]\d{1,2}:\d{2}(:\d{2}([.,]\d+)?)?)?\s*(Z|[+-]\d{2}(:?\d{2})?)?")


def infer_date_format(values: Iterable[str | None], order_counts: tuple[int, int] | None = None) -> DateFormat | None:
    """The format of a column from its values (text cells; null markers already out). None when no value is a
    numeric or month-name date (ISO, numbers, an empty column: the common grammar reads them). order_counts: values
    of the whole column (beyond these) whose first / second field is above 12, when the caller counted them."""
    numeric: list[re.Match] = []
    named: list[re.Match] = []
    iso = 0
    zoned = False
    for value in values:
        if value is None:
            continue
        text = value.strip()
        if not _ISO_ZONED.fullmatch(text):
            text, written_zone = without_zone(text)
            zoned = zoned or written_zone is not None
        if not text or _is_plain(text):
            iso += bool(text) and bool(_ISO_SHAPE.fullmatch(text))
            continue
        if m := _NUMERIC_DATE.fullmatch(text):
            numeric.append(m)
        elif m := named_date(text):
            named.append(m)
    if not numeric and not named:
        return DateFormat(zoned=True) if zoned else None
    fmt = replace(_written_format(numeric, named, order_counts), zoned=zoned)
    if iso > len(numeric) + len(named):  # an ISO column with a few other values: it is said to be ISO
        return replace(fmt, expected=f"ISO 8601 yyyy-mm-dd[ hh:mm[:ss]][+hh:mm] as most of the column, or {fmt.expected}")
    return fmt


def _written_format(numeric: list[re.Match], named: list[re.Match], order_counts: tuple[int, int] | None
                    ) -> DateFormat:
    if len(named) > len(numeric):
        counts: dict[str, int] = {}
        for m in named:
            date_part = f"%d %b {'%Y' if len(m.group('y')) == 4 else '%y'}" if m.group("d1") else \
                f"%b %d {'%Y' if len(m.group('y')) == 4 else '%y'}"
            for f in (date_part + clock for clock in _clock_formats(m, True)):
                counts[f] = counts.get(f, 0) + 1
        formats = tuple(sorted(counts, key=lambda f: -counts[f]))
        order = "day first" if sum(bool(m.group("d1")) for m in named) * 2 >= len(named) else "month first"
        return DateFormat(formats, month_names=True, order=order,
                          expected=f"{_example(formats[0], True)} with a month name ({order}), as the column's other values")
    year_first = sum(len(m.group("a")) == 4 for m in numeric)
    days = sum(len(m.group("a")) < 4 and int(m.group("a")) > 12 for m in numeric)
    months = sum(len(m.group("a")) < 4 and int(m.group("b")) > 12 for m in numeric)
    if order_counts is not None:
        days, months = days + order_counts[0], months + order_counts[1]
    seps = {m.group("sep") for m in numeric}
    note = None
    if year_first * 2 > len(numeric):
        order, date_of = "year first", (lambda sep, y: f"%Y{sep}%m{sep}%d")
    else:
        if days and months:
            order = "day first" if days >= months else "month first"
            note = (f"{days} values have a first field above 12 (day first) and {months} a second field above 12 "
                    f"(month first): read {order}; the others are quarantined")
        elif months:
            order = "month first"
            note = f"{months} value(s) have a second field above 12: read month first"
        elif days:
            order = "day first"
            note = None
        else:
            order = "day first"
            note = ("ambiguous: no value has a day or month field above 12, so the order cannot be read from the "
                    "column; read day first (dd/mm)" if seps - {"."} else None)
        if order == "day first":
            def date_of(sep, y):
                return f"%d{sep}%m{sep}{y}"
        else:
            def date_of(sep, y):
                return f"%m{sep}%d{sep}{y}"
    counts = {}
    for m in numeric:
        year = "%Y" if len(m.group("c")) == 4 else "%y"
        if order == "year first":
            if len(m.group("a")) != 4:
                continue
            date_part = date_of(m.group("sep"), year)
        else:
            if len(m.group("a")) == 4:
                continue
            date_part = date_of(m.group("sep"), year)
        for f in (date_part + clock for clock in _clock_formats(m, False)):
            counts[f] = counts.get(f, 0) + 1
    formats = tuple(sorted(counts, key=lambda f: -counts[f]))[:12]
    return DateFormat(formats, order=order, note=note, expected=f"{_example(formats[0], False)} ({order}), as the column's other values")


def _example(fmt: str, named: bool) -> str:
    """A strptime format as a person reads it: "%d/%m/%Y %I:%M %p" -> "dd/mm/yyyy hh:mm AM"."""
    for code, text in (("%d", "dd"), ("%m", "mm"), ("%Y", "yyyy"), ("%y", "yy"), ("%H", "hh"), ("%I", "hh"),
                       ("%M", "mm"), ("%S", "ss"), ("%p", "AM"), ("%b", "Mon")):
        fmt = fmt.replace(code, text)
    return fmt


# How long a ticket took, as exports write it: "3.08:00:39" (days.hours:minutes:seconds), "26:30:00", "26:30",
# "26t 30m", "1 d 2 h", "2 dager 3 timer", "1 day 2 hours". Read in hours (duration_hours) and, for a whole column
# in SQL (duration_hours_sql), the same way; anything else is no duration.
_CLOCK = re.compile(r"(?:(\d+)[.])?(\d+):([0-5]\d)(?::([0-5]\d(?:[.,]\d+)?))?")
_UNIT_HOURS = (("d", 24.0), ("w", 168.0), ("u", 168.0), ("h", 1.0), ("t", 1.0), ("m", 1 / 60), ("s", 1 / 3600))
_UNIT = (r"(?:dager|dagar|døgn|days?|dag|d|weeks?|w|uker|uke|veker|veke|hours?|hrs?|h|timer|timar|time|tim|t|"
         r"minutter|minuttar|minutt|minutes?|mins?|min|m|sekunder|sekund|seconds?|secs?|sek|sec|s)")
_UNITS = re.compile(r"\s*(?:\d+(?:[.,]\d+)?\s*" + _UNIT + r"\.?\s*,?\s*(?:og|and|&)?\s*)+")
_UNIT_PART = re.compile(r"(\d+(?:[.,]\d+)?)\s*(" + _UNIT + r")")
DURATION_HEADER_WORDS = frozenset("""løsningstid løysingstid behandlingstid handsamingstid saksbehandlingstid
varighet varigheit duration resolution handling handle tid time elapsed lead ledetid gjennomløpstid""".split())
DURATION_HEADER_STRONG = frozenset("""løsningstid løysingstid behandlingstid handsamingstid saksbehandlingstid varighet
varigheit duration elapsed ledetid gjennomløpstid lösningstid handläggningstid""".split())


def duration_hours(text: str | None) -> float | None:
    """Hours of a duration as written, or None when the text is no duration."""
    if text is None:
        return None
    t = str(text).strip().lower()
    m = _CLOCK.fullmatch(t)
    if m:
        days, hours, minutes, seconds = m.groups()
        return (int(days or 0) * 24 + int(hours) + int(minutes) / 60
                + float((seconds or "0").replace(",", ".")) / 3600)
    if _UNITS.fullmatch(t) and re.search(r"[a-zæøå]", t):
        total = 0.0
        for number, unit in _UNIT_PART.findall(t):
            factor = next(f for first, f in _UNIT_HOURS if unit.startswith(first))
            total += float(number.replace(",", ".")) * factor
        return total
    return None


def duration_hours_sql(value: str) -> str:
    """SQL of duration_hours over a text column expression (null when the text is no duration)."""
    v = f"lower(trim(cast({value} as varchar)))"
    clock = _CLOCK.pattern
    parts = f"regexp_extract_all({v}, {_sql_lit(_UNIT_PART.pattern)})"
    factor = " ".join(f"when regexp_extract(e, {_sql_lit(_UNIT_PART.pattern)}, 2) like '{first}%' then {f!r}"
                      for first, f in _UNIT_HOURS)
    return (f"(case when regexp_full_match({v}, {_sql_lit(clock)}) then "
            f"coalesce(try_cast(nullif(regexp_extract({v}, {_sql_lit(clock)}, 1), '') as double), 0) * 24 "
            f"+ cast(regexp_extract({v}, {_sql_lit(clock)}, 2) as double) "
            f"+ cast(regexp_extract({v}, {_sql_lit(clock)}, 3) as double) / 60 "
            f"+ coalesce(try_cast(replace(nullif(regexp_extract({v}, {_sql_lit(clock)}, 4), ''), ',', '.') as double), 0)"
            f" / 3600 "
            f"when regexp_full_match({v}, {_sql_lit(_UNITS.pattern)}) and regexp_matches({v}, '[a-zæøå]') then "
            f"list_sum(list_transform({parts}, lambda e: cast(replace(regexp_extract(e, {_sql_lit(_UNIT_PART.pattern)}, 1), "
            f"',', '.') as double) * (case {factor} end))) end)")


# The unit a duration column's header states ("Första svarstid (h)", "Første svartid (min)", "First Response Time
# (hrs)", "reply_time_in_minutes", "Svartid i dagar"): hours per unit, for its plain numbers ("3,7"). English "time" is
# no unit (Norwegian "time" is an hour, but "Response time" is the English word); a lone "m", "s", "d" neither.
_HEADER_UNIT_HOURS = (
    (frozenset("h hr hrs hour hours t timer timar timmar tim".split()), 1.0),
    (frozenset("min mins minute minutes minutt minutter minuttar minuter".split()), 1 / 60),
    (frozenset("day days dag dager dagar døgn".split()), 24.0),
    (frozenset("sec secs second seconds sek sekund sekunder".split()), 1 / 3600),
)


def header_unit_hours(header: str) -> float | None:
    """Hours per unit of the numbers under a header that names its unit (the last unit word it holds), else None."""
    found = None
    for word in re.findall(r"[^\W_]+", str(header).casefold()):
        for words, hours in _HEADER_UNIT_HOURS:
            if word in words:
                found = hours
    return found


def duration_in_unit_hours(text: str | None, unit_hours: float | None) -> float | None:
    """Hours of a duration cell under a header stating its unit: a plain number ("3,7", "12") in that unit, else a
    duration written with its own units or clock (duration_hours); None when it is neither."""
    if text is None:
        return None
    t = str(text).strip().replace("\u00a0", "").replace(" ", "")
    if unit_hours is not None and re.fullmatch(r"-?\d+(?:[.,]\d+)?", t):
        return float(t.replace(",", ".")) * unit_hours
    return duration_hours(text)


def duration_in_unit_hours_sql(value: str, unit_hours: float | None) -> str:
    """SQL of duration_in_unit_hours over a text column expression."""
    hours = duration_hours_sql(value)
    if unit_hours is None:
        return hours
    number = (f"try_cast(replace(replace(replace(trim(cast({value} as varchar)), ' ', ''), chr(160), ''), ',', '.') "
              f"as double)")
    return f"coalesce({hours}, {number} * {unit_hours!r})"


def _sql_lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


# A customer named by an e-mail domain or address ("nordvik.kommune.no", "kari@tjonnas.kommune.no", "per@baerumkommune.no")
# is the organisation the domain names. The rule is dbt's customer_named (dbt_project/macros/organisation_names.sql),
# which normalises every customer cell; this is the same rule in Python, for the layout inference (whether a column of
# addresses names the customers) and the load message (tests/flows/tickets/test_customer_domains.py keeps them in step).
_DOMAIN_SHAPED = re.compile(r"([^@ ]+@)?[a-z0-9æøå-]+(\.[a-z0-9æøå-]+)*\.(no|se|dk|fi|is|com|org|net|eu)")
_KIND_DOMAINS = ((re.compile(r"\.?fylke(skommune)?\.no$"), " fylkeskommune"),
                 (re.compile(r"\.?kommune\.no$"), " kommune"),
                 (re.compile(r"\.kommune?\.se$"), " kommun"))


# mailbox providers anyone may use: an address there names no organisation
PUBLIC_MAIL_DOMAINS = frozenset("""gmail.com googlemail.com outlook.com hotmail.com hotmail.no live.com live.no msn.com
yahoo.com yahoo.no icloud.com me.com mac.com aol.com online.no start.no frisurf.no getmail.no broadpark.no c2i.net
protonmail.com gmx.com gmx.net mail.com yandex.com hotmail.se outlook.dk telia.com""".split())


def _capitalised(label: str) -> str:
    return label[:1].upper() + label[1:]


def domain_organisation(text: str | None) -> str | None:
    """A customer cell written as a domain or an e-mail address, as the organisation it names: 'nordvik.kommune.no',
    'ola@nordvik.kommune.no', 'per@nordvikkommune.no' -> 'Nordvik kommune'; '<name>.fylkeskommune.no', '<name>fylke.no' ->
    '<Name> fylkeskommune'; '<name>.kommun.se' -> '<Name> kommun'; a bare domain 'eksempel.no' or an address at one
    ('x@vfk.no') -> the label before its top level, capitalised ('Eksempel', 'Vfk'); an address at a public mailbox
    provider ('x@gmail.com') -> None. Any other text is returned as it is."""
    if text is None:
        return None
    low = text.strip().lower()
    if not _DOMAIN_SHAPED.fullmatch(low):
        return text
    domain = re.sub(r"^www\.", "", re.sub(r"^[^@ ]+@", "", low))
    for pattern, kind in _KIND_DOMAINS:
        if pattern.search(domain):
            name = pattern.sub("", domain).rpartition(".")[2]
            if name:
                return _capitalised(name) + kind
    if "@" in low and domain in PUBLIC_MAIL_DOMAINS:
        return None
    name = re.sub(r"\.[a-z]+$", "", domain).rpartition(".")[2]
    return _capitalised(name) or None


def owner_domain(address: str | None, file_name: str) -> bool:
    """Whether an address is at the export owner's own domain: its domain without the top level, letters and digits
    only, is two or more words of the file's name in a row ('x@kongsbergregionen-ikt.no' of
    'kongsbergregionen_ikt_<system>_2024.csv') — the desk's own people, no customer."""
    if not address or "@" not in address:
        return False
    domain = re.sub(r"\.[a-z]+$", "", address.strip().lower().rpartition("@")[2])
    compact = re.sub(r"[^a-z0-9æøå]", "", domain)
    parts = [w for w in re.split(r"[^a-z0-9æøå]+", re.sub(r"\.[a-z0-9]+$", "", file_name.lower())) if w]
    runs = {"".join(parts[i:j]) for i in range(len(parts)) for j in range(i + 2, len(parts) + 1)}
    return len(compact) >= 5 and compact in runs


def email_organisation(text: str | None) -> str | None:
    """The organisation an e-mail address is at, when its domain names a kommune or fylkeskommune
    ('kari@tjonnas.kommune.no' -> 'Tjonnas kommune'); None for any other address (gmail.com, a firm's) or text."""
    if not text or "@" not in text:
        return None
    named = domain_organisation(text)
    return None if named == text or not any(p.search(text.strip().lower()) for p, _ in _KIND_DOMAINS) else named
