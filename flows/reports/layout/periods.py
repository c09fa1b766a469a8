"""Column heads that name a part of the year: quarters ("1. kvartal", "2. kv.", "3 kv", "Q3", "K4", "kv. 2"), tertials
("1. tertial", "2. tert."), half years ("1. halvår", "H2") and month spans ("jan–mar", "januar–april", "jan-sep"), in
bokmål, nynorsk, Swedish, Danish and English. `PERIOD` is one header keyword (the head reader splits a line of them
into columns and never reads their ordinals as figures); `period_of` is the period a head names ("Q1", "T2", "H1",
"M01-M09"), which every cell under it carries beside its year."""
from __future__ import annotations

import re
from functools import lru_cache

from flows.months import LONG_PATTERN, MONTH_NUMBER

_ORD = (r"(?:[1-4]\s*\.?|første|andre|annet|tredje|fjerde|fyrste|första|andra|fjärde|1st|2nd|3rd|4th|first|second|third|"
        r"fourth)")
_QUARTER = r"(?:kvartal(?:et)?|kvartalet|kv\.?|kvt\.?|quarter|qtr\.?)"
_TERTIAL = r"(?:tertial(?:et)?|tert\.?)"
_HALF = r"(?:halvår(?:et)?|halvårs|half(?:[- ]year)?)"
_MONTHS = ("jan", "feb", "mar", "apr", "ma[ij]", "jun", "jul", "aug", "sep", "o[ck]t", "nov", "de[sc]")
_MONTH = r"(?:" + "|".join(rf"{m}[a-zæøå]*\.?" for m in _MONTHS) + r")"
PERIOD = (rf"(?<![\wæøå]){_ORD}\s*(?:{_QUARTER}|{_TERTIAL}|{_HALF})(?![\wæøå])"
          rf"|(?<![\wæøå])(?:{_QUARTER}|{_TERTIAL})\s*[1-4](?![\d,])"
          r"|(?<![\wæøå])[QK][1-4](?![\wæøå\d])|(?<![\wæøå])H[12](?![\wæøå\d])|(?<![\wæøå])[1-4]Q(?![\wæøå\d])"
          rf"|(?<![\wæøå]){_MONTH}\s*[-–−]\s*{_MONTH}(?![\wæøå])")
PERIOD_RE = re.compile(PERIOD, re.IGNORECASE)

_ORDINALS = {"første": 1, "fyrste": 1, "första": 1, "first": 1, "1st": 1, "andre": 2, "annet": 2, "andra": 2,
             "second": 2, "2nd": 2, "tredje": 3, "third": 3, "3rd": 3, "fjerde": 4, "fjärde": 4, "fourth": 4, "4th": 4}


def _month(word: str) -> int:
    w = word.lower().rstrip(".")
    for n, m in enumerate(_MONTHS, start=1):
        if re.match(m, w):
            return n
    raise ValueError(word)


def period_of(label: str) -> str | None:
    """The part of the year a head names: "Q1".."Q4", "T1".."T3", "H1", "H2", or a month span "M01-M09"; None when
    the head names none (or a part that does not exist: "4. tertial")."""
    m = PERIOD_RE.search(label)
    if not m:
        return None
    text = m.group(0).lower()
    span = re.match(rf"({_MONTH})\s*[-–−]\s*({_MONTH})$", text, re.IGNORECASE)
    if span:
        a, b = _month(span.group(1)), _month(span.group(2))
        if b < a:
            return None
        n = b - a + 1
        for size, mark in ((3, "Q"), (4, "T"), (6, "H")):
            if n == size and (a - 1) % size == 0:
                return f"{mark}{(a - 1) // size + 1}"
        return f"M{a:02d}-M{b:02d}"
    digit = re.search(r"[1-4]", text)
    number = int(digit.group(0)) if digit else next((v for k, v in _ORDINALS.items() if text.startswith(k)), None)
    if number is None:
        return None
    if re.search(_TERTIAL, text, re.IGNORECASE):
        return f"T{number}" if number <= 3 else None
    if re.search(_HALF, text, re.IGNORECASE) or text.startswith("h"):
        return f"H{number}" if number <= 2 else None
    return f"Q{number}"


# --- a period with its year, and what a period code means ---------------------------------------------------------
# Forms a head, a row label or a sentence writes a part of a year in beside its year, besides `PERIOD`: "2020K1",
# "2020-Q3", "Q1-20", "K4/21", "per 31.08", "pr. 30.6.2021", "t.o.m. august", "januar 2021", "mars 2021".
_COMPACT = re.compile(r"(?<![\wæøå])(?P<year>(?:19|20)\d\d)\s*[-/]?\s*(?P<mark>[QK])\s*(?P<n>[1-4])(?![\wæøå\d])"
                      r"|(?<![\wæøå])(?P<mark2>[QK])(?P<n2>[1-4])\s*[-/'’]\s*(?P<yy>\d\d)(?![\d,.])", re.IGNORECASE)
_LONG_MONTH = LONG_PATTERN
_TO_DATE = re.compile(r"(?<![\wæøå])(?:per|pr\.?|pr|t\.\s?o\.\s?m\.?|til og med|tom\.?|as at|as of|at)\s+"
                      r"(?P<day>[0-3]?\d)\.\s?(?P<month>0?[1-9]|1[0-2])\.?(?:\s?(?P<year>(?:19|20)?\d\d))?(?![\d])"
                      r"|(?<![\wæøå])(?:per|pr\.?|t\.\s?o\.\s?m\.?|til og med|as at|as of|at)\s+(?P<day2>[0-3]?\d)\.?\s+"
                      rf"(?P<mname>{_LONG_MONTH})(?:\s+(?P<year2>(?:19|20)\d\d))?(?![\wæøå])"
                      rf"|(?<![\wæøå])(?:t\.\s?o\.\s?m\.?|til og med|tom\.?|through|until)\s+(?P<mname3>{_LONG_MONTH})(?![\wæøå])",
                      re.IGNORECASE)
_ONE_MONTH = re.compile(rf"(?<![\wæøå])(?P<mname>{_LONG_MONTH})\s+(?P<year>(?:19|20)\d\d)(?!\d)", re.IGNORECASE)
_FULL_YEAR = re.compile(r"(?<![\d,.])((?:19|20)\d\d)(?![\d,])")
_GRAINS = {"Q": "quarter", "T": "tertial", "H": "half"}
GRAINS = ("quarter", "tertial", "half", "month", "months")  # the grains a period code has (`period_parts`)


def _month_number(word: str) -> int:
    return MONTH_NUMBER.get(word.lower().rstrip("."), 0) or _month(word)


def _months_code(a: int, b: int) -> str:
    """The code of the months a..b: the quarter, tertial or half they make, else "Mnn" or "Maa-Mbb"."""
    if a == b:
        return f"M{a:02d}"
    n = b - a + 1
    for size, mark in ((3, "Q"), (4, "T"), (6, "H")):
        if n == size and (a - 1) % size == 0:
            return f"{mark}{(a - 1) // size + 1}"
    return f"M{a:02d}-M{b:02d}"


@lru_cache(maxsize=65536)
def dated_period(text: str, words_only: bool = False) -> tuple[int | None, str] | None:
    """(year, period code) of the one part of a year a head, a row label or a short text names, with the year written
    beside it when there is one: "1. kvartal 2020" -> (2020, "Q1"), "K1 2020", "2020K1", "Q1-20" -> (2020, "Q1"),
    "2. tertial" -> (None, "T2"), "per 31.08" -> (None, "M01-M08") (the year to that date), "mars 2021" -> (2021,
    "M03"). None when it names no part of a year, a whole year ("per 31.12"), or several parts."""
    m = _COMPACT.search(text)
    if m:
        if m.group("year"):
            return int(m.group("year")), f"Q{m.group('n')}"
        return 2000 + int(m.group("yy")), f"Q{m.group('n2')}"
    spans = list(PERIOD_RE.finditer(text))
    if len(spans) > 1 and len({period_of(s.group(0)) for s in spans}) > 1:
        return None
    years = {int(y) for y in _FULL_YEAR.findall(text)}
    year = years.pop() if len(years) == 1 else None
    if spans:
        code = period_of(spans[0].group(0))
        return (year, code) if code else None
    m = None if words_only else _TO_DATE.search(text)  # `words_only`: a period word, never a date or a month
    if m:
        month = int(m.group("month")) if m.group("month") else _month_number(m.group("mname") or m.group("mname3"))
        day = int(m.group("day") or m.group("day2") or 31)
        if m.group("year") and len(m.group("year")) == 2:
            year = 2000 + int(m.group("year"))
        elif m.group("year") or m.group("year2"):
            year = int(m.group("year") or m.group("year2"))
        if day < 28 or month >= 11:
            return None  # a stock counted on a day ("per 01.12"), or the year's end: no part of the year's figures
        return year, _months_code(1, month)
    m = None if words_only else _ONE_MONTH.search(text)
    if m and len(_ONE_MONTH.findall(text)) == 1:
        return int(m.group("year")), f"M{_month_number(m.group('mname')):02d}"
    return None


def part_of_year(label: str) -> str | None:
    """The period code of a head or label (`period_of`, else the dated forms of `dated_period`)."""
    code = period_of(label)
    if code:
        return code
    found = dated_period(label)
    return found[1] if found else None


def period_parts(code: str | None) -> tuple[str, int, int, int] | None:
    """(grain, index, first month, last month) of a period code: "Q2" -> ("quarter", 2, 4, 6), "T1" -> ("tertial", 1,
    1, 4), "H2" -> ("half", 2, 7, 12), "M03" -> ("month", 3, 3, 3), "M01-M08" -> ("months", 8, 1, 8)."""
    if not code:
        return None
    m = re.fullmatch(r"([QTH])([1-4])", code)
    if m:
        size = {"Q": 3, "T": 4, "H": 6}[m.group(1)]
        n = int(m.group(2))
        return _GRAINS[m.group(1)], n, (n - 1) * size + 1, n * size
    m = re.fullmatch(r"M(\d\d)(?:-M(\d\d))?", code)
    if m:
        a, b = int(m.group(1)), int(m.group(2) or m.group(1))
        return ("month" if a == b else "months"), b, a, b
    return None


# a month a sentence states a figure for: the month after "i"/"in"/"under"/"during" ("I august var det 312 saker",
# "sjukefråværet i mars 2031 var 7,1 prosent", "in May 2031"), never a date ("31. august") nor a span's end
_IN_MONTH = re.compile(rf"(?<![\wæøå])(?:i|in|under|during|gjennom|igjennom|through)\s+(?P<mname>{_LONG_MONTH})"
                       r"(?:\s+(?P<year>(?:19|20)\d\d)(?!\d))?(?![\wæøå]|\s*[-–−]\s*[a-zæøå]|\s+(?:og|and|och|til|till|to)\s)",
                       re.IGNORECASE)


def sentence_periods(text: str) -> list[tuple[int, int, int | None, str]]:
    """Every part of a year a sentence names: (start, end, year written beside it or None, code)."""
    out = []
    for m in _IN_MONTH.finditer(text):
        if m.group("mname") == "may":
            continue  # "in may": the verb, not the month
        out.append((m.start(), m.end(), int(m.group("year")) if m.group("year") else None,
                    f"M{_month_number(m.group('mname')):02d}"))
    for m in PERIOD_RE.finditer(text):
        code = period_of(m.group(0))
        if code:
            after = re.match(r"\s*(?:i\s+|in\s+|of\s+|,\s*)?((?:19|20)\d\d)(?!\d)", text[m.end():])
            out.append((m.start(), m.end() + (after.end() if after else 0), int(after.group(1)) if after else None, code))
    for m in _COMPACT.finditer(text):
        year, code = dated_period(m.group(0))
        out.append((m.start(), m.end(), year, code))
    for m in _TO_DATE.finditer(text):
        found = dated_period(m.group(0))
        if found:
            out.append((m.start(), m.end(), found[0], found[1]))
    return sorted(out)


# a row label that starts with a part of a year and perhaps its year ("1. kvartal 2020", "K1 2020", "2020K1", "Q1-20",
# "2. tertial", "1. halvår 2021"): its ordinals and year are the label, not a line code or figures
LEAD_PERIOD = re.compile(
    r"^\s*(?:(?:19|20)\d\d\s*[-/]?\s*[QK][1-4]|[QK][1-4]\s*[-/'’]\s*\d\d(?![\d,.])|"
    rf"(?:{_ORD}\s*(?:{_QUARTER}|{_TERTIAL}|{_HALF})|(?:{_QUARTER}|{_TERTIAL})\s*[1-4]|[QKTH][1-4]|{_MONTH}\s*[-–−]\s*{_MONTH})"
    r"(?:\s*(?:19|20)\d\d)?)(?![\wæøå\d,])", re.IGNORECASE)


def has_to_date(text: str) -> bool:
    """Whether a text names the year up to a date ("per 31.08", "t.o.m. august")."""
    return _TO_DATE.search(text) is not None


def without_period(text: str) -> str:
    """A head or label with the parts of a year it names taken out ("Regnskap 2. tertial" -> "Regnskap ")."""
    for pattern in (_COMPACT, _TO_DATE, PERIOD_RE, _ONE_MONTH):
        text = pattern.sub(" ", text)
    return text
