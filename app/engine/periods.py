"""Periods named in a question: years, halves, quarters, months and ISO weeks, and the grain asked
for a breakdown ("per måned", "by week"). Pure functions over the normalised question."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from flows.months import MONTH_NUMBER as MONTHS  # the one home of month names
from flows.months import month_name

ORDINALS = {"første": 1, "fyrste": 1, "första": 1, "andra": 2, "fjärde": 4, "first": 1, "1": 1, "andre": 2, "second": 2, "2": 2, "tredje": 3,
            "third": 3, "3": 3, "fjerde": 4, "fourth": 4, "4": 4, "siste": 4, "last": 4}
GRAIN_WORDS = {
    "year": (r"per år", r"pr\.? år", r"hvert år", r"kvart år", r"årlig\w*", r"årleg\w*", r"per year", r"by year",
             r"each year", r"yearly", r"annual(?:ly)?", r"per året", r"fordelt på år", r"hvilket år", r"kva år",
             r"which year", r"år for år", r"year by year", r"year on year", r"year after year", r"år etter år"),
    "half": (r"per halvår", r"halvårlig\w*", r"by half[- ]year", r"per half[- ]year", r"each half"),
    "quarter": (r"per kvartal", r"pr\.? kvartal", r"hvert kvartal", r"kvart kvartal", r"kvartalsvis",
                r"by quarter", r"per quarter", r"each quarter", r"quarterly", r"fordelt på kvartal\w*",
                r"hvilket kvartal", r"which quarter", r"kva kvartal", r"kvartal for kvartal",
                r"quarter by quarter", r"quarter after quarter", r"kvartal etter kvartal"),
    "month": (r"per måned", r"per månad", r"pr\.? måned", r"hver måned", r"kvar månad", r"månedlig\w*",
              r"månadleg\w*", r"per month", r"by month", r"each month", r"monthly", r"fordelt på måned\w*",
              r"måne?der", r"månader", r"months?", r"hvilken måned", r"which month", r"kva månad",
              r"måned for måned", r"månad for månad", r"månad etter månad", r"måned etter måned",
              r"(?:fra|frå) måned til måned", r"(?:fra|frå) månad til månad", r"månedsvis", r"månadsvis", r"per mnd",
              r"month by month", r"month after month", r"month to month", r"månad for månad",
              r"varje månad", r"per månad", r"månatlig\w*", r"månadsvis"),
    "week": (r"per uke", r"per veke", r"pr\.? uke", r"hver uke", r"kvar veke", r"ukentlig\w*", r"vekentleg\w*",
             r"per week", r"by week", r"each week", r"weekly", r"calendar week", r"kalenderuke\w*", r"uker",
             r"veker", r"weeks", r"per iso[- ]?(?:week|uke|veke)", r"iso[- ]?(?:weeks|uker|veker)",
             r"by iso[- ]?week", r"hvilken uke", r"which week", r"kva veke", r"fordelt på uke\w*",
             r"uke for uke", r"veke for veke", r"week by week", r"week after week", r"vecka för vecka"),
}


@dataclass
class Period:
    """What the question says about time. `ranges` are inclusive [start, end] dates."""
    years: list[int] = field(default_factory=list)
    halves: list[int] = field(default_factory=list)
    quarters: list[int] = field(default_factory=list)
    months: list[int] = field(default_factory=list)
    weeks: list[int] = field(default_factory=list)
    grain: str | None = None  # breakdown asked: year | half | quarter | month | week
    last_years: int = 0       # "siste tre år", "the last 2 years": resolved against the data's latest year
    words: list[str] = field(default_factory=list)  # the words read as time
    month_span: bool = False  # the months were named as a range ("januar–mars"): one total, not a breakdown
    quarter_span: bool = False  # the quarters were named as a range ("Q1–Q3"): one total, not a breakdown
    # each period written with its own year ("Q4 2013 vs Q1 2014", "mars 2012 mot april 2013"): (grain, year, n),
    # so the ranges are those periods, not every quarter of every year named
    pairs: list[tuple[str, int, int]] = field(default_factory=list)
    # the grain was not asked in words but read from several years named ("2019–2021"): one figure per year by
    # default, yet a ranking of something else over those years ranks it over the whole span
    grain_implied: bool = False
    tertials: list[int] = field(default_factory=list)  # "2. tertial", "andre tertial"
    # a run of quarters from one year's quarter to another's ("fra Q1 2019 til Q2 2021", "1. kvartal 2019–2. kvartal
    # 2021"): ((year, quarter), (year, quarter)), every quarter between them
    quarter_range: tuple[tuple[int, int], tuple[int, int]] | None = None
    to_month: int | None = None  # "per 31.08", "t.o.m. august": the year up to the end of that month
    # the years were written as a range ("2023-2024", "2023–2024", "fra 2023 til 2024", "between 2019 and 2021"): the
    # range is a period of its own as well as its years (a share or count over it gets a pooled row beside each year)
    year_span: bool = False
    # the years are one school or season year ("skoleåret 2023/24"): one period, no figure per calendar year
    season: bool = False
    # the season is a school or kindergarten year ("skoleåret 2023/24", "barnehageåret 2023/24", "school year
    # 2023/24"): from 1 August of its first year to 31 July of the next, not both calendar years whole
    school_year: bool = False

    def month_spans(self) -> list[tuple[int, int]]:
        """The parts of a year asked that are no quarter, as (first month, last month): tertials, halves, a month
        span, single months, the year to a date."""
        if self.tertials:
            return [(4 * t - 3, 4 * t) for t in self.tertials]
        if self.halves:
            return [(6 * h - 5, 6 * h) for h in self.halves]
        if self.to_month:
            return [(1, self.to_month)]
        if self.months and self.month_span:
            return [(self.months[0], self.months[-1])]
        return [(m, m) for m in self.months]

    def ranges(self, default_years: list[int] | None = None) -> list[tuple[date, date]]:
        years = self.years or default_years or []
        out: list[tuple[date, date]] = []
        if self.school_year and len(self.years) == 2 and not (self.weeks or self.months or self.quarters or self.halves):
            return [(date(self.years[0], 8, 1), date(self.years[1], 7, 31))]
        if self.quarter_range and not self.weeks and self.grain == "quarter":
            # "per kvartal fra 3. kvartal 2024 til 2. kvartal 2025": every quarter of the run, not its two ends (a
            # change "fra 1. kvartal 2024 til 1. kvartal 2025" asks no quarter between them: its two ends)
            (y, n), last = self.quarter_range
            while (y, n) <= last:
                m = 3 * n - 2
                out.append((date(y, m, 1), date(y, 12, 31) if n == 4 else date(y, m + 3, 1) - timedelta(days=1)))
                y, n = (y + 1, 1) if n == 4 else (y, n + 1)
            return out
        if self.pairs and not self.weeks:
            for grain, y, n in self.pairs:
                if grain == "month":
                    out.append((date(y, n, 1), date(y + (n == 12), n % 12 + 1, 1) - timedelta(days=1)))
                else:
                    m = 3 * n - 2
                    out.append((date(y, m, 1), date(y, 12, 31) if n == 4 else date(y, m + 3, 1) - timedelta(days=1)))
            return out
        for y in years:
            if self.weeks:
                for w in self.weeks:
                    start = date.fromisocalendar(y, w, 1)
                    out.append((start, start + timedelta(days=6)))
            elif self.months:
                for m in self.months:
                    end = (date(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1))
                    out.append((date(y, m, 1), end))
            elif self.quarters:
                for q in self.quarters:
                    m = 3 * q - 2
                    end = date(y + (q == 4), (m + 3) % 12 or 12, 1) - timedelta(days=1) if q < 4 else date(y, 12, 31)
                    out.append((date(y, m, 1), end))
            elif self.halves:
                for h in self.halves:
                    out.append((date(y, 1, 1), date(y, 6, 30)) if h == 1 else (date(y, 7, 1), date(y, 12, 31)))
            else:
                out.append((date(y, 1, 1), date(y, 12, 31)))
        return out

    def describe(self, lang: str = "nb") -> str:
        en = lang == "en"
        bits = []
        if self.pairs and not self.weeks:
            return ", ".join(f"Q{n} {y}" if g == "quarter" else f"{month_name(n, lang)} {y}" for g, y, n in self.pairs)
        if self.weeks:
            bits.append(("week " if en else "uke ") + ", ".join(map(str, self.weeks)))
        if self.months:
            if self.month_span and len(self.months) > 2:
                bits.append(f"{month_name(self.months[0])}–{month_name(self.months[-1])}")
            else:
                bits.append(", ".join(month_name(m) for m in self.months))
        if self.quarters:
            bits.append(", ".join(f"Q{q}" for q in self.quarters))
        if self.halves:
            bits.append(", ".join((("first half" if h == 1 else "second half") if en else
                                   ("første halvår" if h == 1 else "andre halvår")) for h in self.halves))
        if self.school_year and len(self.years) == 2 and not bits:
            return (f"school year {self.years[0]}/{self.years[1] % 100:02d} (1 August {self.years[0]}–31 July "
                    f"{self.years[1]})" if en else f"skoleåret {self.years[0]}/{self.years[1] % 100:02d} "
                    f"(1. august {self.years[0]}–31. juli {self.years[1]})")
        if self.years:
            bits.append(", ".join(map(str, self.years)))
        return " ".join(bits)


def _own_year_pairs(text: str) -> list[tuple[str, int, int]]:
    """Quarters or months each written with its own year, when they name different years ("q4 2013 vs q1 2014");
    empty when one year serves them all."""
    month_names = "|".join(sorted((k for k in MONTHS if len(k) > 3), key=len, reverse=True))
    pairs = [("quarter", int(m.group(3)), int(m.group(1) or m.group(2))) for m in re.finditer(
        r"\b(?:q([1-4])|([1-4])\.?\s*kvartal\w*)\s+((?:19|20)\d\d)\b", text)]
    pairs += [("month", int(m.group(2)), MONTHS[m.group(1)]) for m in re.finditer(
        rf"\b({month_names})\s+((?:19|20)\d\d)\b", text)]
    grains = {g for g, _, _ in pairs}
    if len(pairs) < 2 or len(grains) > 1 or len({y for _, y, _ in pairs}) < 2 or len({n for _, _, n in pairs}) < 2:
        return []
    return sorted(set(pairs), key=lambda p: (p[1], p[2]))


# A period named relative to the one period the question names: "Q3 2024 sammenlignet med samme kvartal året før",
# "March 2024 vs the same month the year before", "2023 og året etter", "Q1 2024 mot kvartalet før". Only words
# relative to the period named ("året før", "the previous year"), never to today ("i fjor", "last year").
_YEAR_BEFORE = (r"året før", r"året i forvegen", r"året i forveien", r"året forut", r"året innan", r"året inna",
                r"the year before", r"the previous year", r"the preceding year", r"the prior year",
                r"a year (?:earlier|before)", r"one year (?:earlier|before)", r"(?:eitt|ett) år (?:tidlegare|tidligere)")
_YEAR_AFTER = (r"året etter", r"the year after", r"the following year", r"the next year", r"a year later",
               r"one year later", r"(?:eitt|ett) år (?:seinare|senere)")
_PART_STEP = {"quarter": ((r"kvartalet før", r"kvartalet i forvegen", r"kvartalet i forveien", r"forrige kvartal",
                           r"førre kvartal", r"the previous quarter", r"the preceding quarter", r"the prior quarter",
                           r"the quarter before"),
                          (r"kvartalet etter", r"neste kvartal", r"the following quarter", r"the next quarter",
                           r"the quarter after")),
              "month": ((r"måneden før", r"månaden før", r"forrige måned", r"førre månad", r"the previous month",
                         r"the preceding month", r"the prior month", r"the month before"),
                        (r"måneden etter", r"månaden etter", r"neste måned", r"neste månad", r"the following month",
                         r"the next month", r"the month after"))}
# "samme kvartal", "the same month", "same period": the period named, in the other year
_SAME_PART = r"(?:(?:den |det |the )?(?:samme|same)\s+(?:kvartal\w*|quarter|måned\w*|månad\w*|month|periode\w*|period|tid|time)" \
             r"(?:\s+(?:i|in|of|på))?)"


def _relative_periods(text: str, p: Period) -> None:
    """The period a question names relative to the one it names ("samme kvartal året før"): added to `p`, its words
    read as time. Needs exactly one year named."""
    if len(p.years) != 1:
        return
    y = p.years[0]
    for cues, step in ((_YEAR_BEFORE, -1), (_YEAR_AFTER, 1)):
        m = re.search(rf"(?<!\w)(?:{_SAME_PART}\s+)?(?:{'|'.join(cues)})(?!\w)", text)
        if m:
            p.years = sorted({y, y + step})
            p.words.append(m.group(0))
            same = re.search(rf"(?<!\w){_SAME_PART}(?!\w)", text)
            if same:
                p.words.append(same.group(0))
            return
    for grain, (before, after) in _PART_STEP.items():
        named = p.quarters if grain == "quarter" else p.months
        if len(named) != 1 or (grain == "quarter" and p.months) or (grain == "month" and p.quarters):
            continue
        for cues, step in ((before, -1), (after, 1)):
            m = re.search(rf"(?<!\w)(?:{'|'.join(cues)})(?!\w)", text)
            if not m:
                continue
            size = 4 if grain == "quarter" else 12
            n = named[0] + step
            other = (y - 1, size) if n < 1 else (y + 1, 1) if n > size else (y, n)
            p.words.append(m.group(0))
            named.append(other[1])
            if other[0] != y:  # across the turn of a year: each period with its own year
                p.pairs = sorted([(grain, y, named[0]), (grain, *other)], key=lambda x: (x[1], x[2]))
                p.years = sorted({y, other[0]})
            return


def find_period(text: str) -> Period:
    """`text` is normalised (lower case)."""
    p = Period()
    years = [int(y) for y in re.findall(r"(?<![\d-])((?:19|20)\d\d)(?!\d)", text)]
    span = re.search(r"(?<!\d)((?:19|20)\d\d)\s*(?:-|–|til|to|through|until)\s*((?:19|20)\d\d)(?!\d)", text)
    if span is None:  # "between 2015 and 2021", "mellom 2015 og 2021", "i perioden 2015 og 2021": every year between
        span = re.search(r"\b(?:between|mellom|imellom|periode\w*)\s+((?:19|20)\d\d)\s+(?:and|og|&)\s+((?:19|20)\d\d)(?!\d)",
                         text)
    if span:
        a, b = sorted((int(span.group(1)), int(span.group(2))))
        if b - a <= 30:
            years = sorted(set(years) | set(range(a, b + 1)))
            p.year_span = a < b
    # a school or season year written with a slash and the next year's last two digits ("skoleåret 2023/24",
    # "sesongen 2023/24"): both calendar years, as "2023/2024" reads, yet one period: no figure per calendar year unless
    # asked. (Written with a dash, "2015-16", a report's school year stays the year it begins: its facts are kept so.)
    season_years: set[int] = set()
    school = False
    for m in re.finditer(r"(?:(?<!\w)(?:(?:i|in|the|for)\s+)?(?:skoleåre[nt]|skuleåre[nt]|skoleår|skuleår|"
                         r"barnehageåre[nt]|barnehageår|school\s+year|sesongen|season)\s+)?(?<![\d./-])((?:19|20)\d\d)"
                         r"\s*/\s*(\d\d)(?![\d.:/-])", text):
        if int(m.group(2)) == (int(m.group(1)) + 1) % 100:
            years.append(int(m.group(1)) + 1)
            season_years |= {int(m.group(1)), int(m.group(1)) + 1}
            p.words.append(m.group(0))
            school = school or bool(re.search(r"(?i)sk[ou]le|barnehage|school", m.group(0)))
    p.years = sorted(set(years))
    for m in re.finditer(r"\b(?:q([1-4])|([1-4])\s*\.?\s*(?:kvartal\w*|kv)|(første|fyrste|första|andre|andra|tredje|fjerde|fjärde|siste|"
                         r"first|second|third|fourth|last)\s+(?:kvartal\w*|quarter)|([1-4])(?:st|nd|rd|th)\s+quarter)\b",
                         text):
        q = m.group(1) or m.group(2) or m.group(4) or ORDINALS[m.group(3)]
        p.quarters.append(int(q))
        p.words.append(m.group(0))
    # "første og fjerde kvartal", "the first and fourth quarters", "1. og 4. kvartal": each quarter of the list
    ordinal = r"(?:første|fyrste|andre|tredje|fjerde|siste|first|second|third|fourth|last|[1-4]\.?|[1-4](?:st|nd|rd|th))"
    for m in re.finditer(rf"\b((?:{ordinal}\s*(?:,|og|and|or|eller|&)\s*(?:the\s+)?)+{ordinal})\s*(?:kvartal\w*|quarters?)\b",
                         text):
        for o in re.findall(ordinal, m.group(1)):
            o = o.rstrip(".")
            n = int(o[0]) if o[0].isdigit() else ORDINALS.get(o)
            if n:
                p.quarters.append(int(n))
        p.words.append(m.group(1).strip())
    # "Q1–Q3", "1.–3. kvartal", "q2 til q4": every quarter between, one total
    for m in re.finditer(r"\bq([1-4])\s*(?:-|–|til og med|til|to|through|until)\s*q([1-4])\b|"
                         r"\b([1-4])\.?\s*(?:-|–|til og med|til|to)\s*([1-4])\.?\s*(?:kvartal\w*|quarters?)\b", text):
        a, b = int(m.group(1) or m.group(3)), int(m.group(2) or m.group(4))
        if a < b:
            p.quarters.extend(range(a, b + 1))
            p.quarter_span = True
            p.words.append(m.group(0))
    for m in re.finditer(r"\b(første|fyrste|andre|siste|first|second|1\.|2\.)\s*(?:halvår\w*|half(?:[- ]year)?)\b", text):
        p.halves.append(1 if m.group(1) in ("første", "fyrste", "first", "1.") else 2)
        p.words.append(m.group(0))
    # "første og andre halvår", "1. og 2. halvår", "the first and second half": each half of the list
    half = r"(?:første|fyrste|first|1\.|andre|second|2\.)"
    for m in re.finditer(rf"\b((?:{half}\s*(?:,|og|and|or|eller|&)\s*(?:the\s+)?)+){half}\s*(?:halvår\w*|halves|half\b)",
                         text):
        for o in re.findall(half, m.group(1)):
            h = 1 if o in ("første", "fyrste", "first", "1.") else 2
            if h not in p.halves:
                p.halves.append(h)
        p.halves.sort()
        p.words.append(m.group(1).strip())
    for m in re.finditer(r"\bh([12])(?=\s*(?:19|20)\d\d\b)|(?:(?<=\bin )|(?<=\bi ))h([12])\b", text):  # "H1 2025", "in H2"
        p.halves.append(int(m.group(1) or m.group(2)))
        p.words.append(m.group(0))
    for m in re.finditer(r"\b(?:uke|veke|week|w|kalenderuke|calendar week)\s*(\d{1,2})\b", text):
        w = int(m.group(1))
        if 1 <= w <= 53:
            p.weeks.append(w)
            p.words.append(m.group(0))
    month_names = "|".join(sorted(MONTHS, key=len, reverse=True))
    for m in re.finditer(rf"\b({month_names})\b(?!\s*-?\s*(?:kvartal|quarter))", text):
        word = m.group(1)
        if len(word) <= 3 and not re.search(rf"\b{word}\.?\s*(?:(?:19|20)\d\d|\d{{1,2}}\b)", text):
            continue  # short forms only next to a year or day ("jan 2021")
        if word == "mai" and re.search(r"\bmai\b", text) is None:
            continue
        p.months.append(MONTHS[word])
        p.words.append(word)
    for m in re.finditer(r"(?<!\d)((?:19|20)\d\d)-(0[1-9]|1[0-2])(?!\d)", text):
        p.months.append(int(m.group(2)))
    # "januar–mars", "fra januar til og med juni", "january to march": every month between, one total
    month_range = False
    long_names = "|".join(sorted((k for k in MONTHS if len(k) > 3), key=len, reverse=True))
    for m in re.finditer(rf"\b({long_names})\s*(?:-|–|til og med|til|to|through|until|t\.o\.m\.?)\s*({long_names})\b|"
                         rf"\b(?:between|mellom|imellom)\s+({long_names})\s+(?:and|og|&)\s+({long_names})\b",
                         text):
        a, b = MONTHS[m.group(1) or m.group(3)], MONTHS[m.group(2) or m.group(4)]
        if a < b:
            p.months.extend(range(a, b + 1))
            month_range = True
            p.words.append(m.group(0))
    numbers = {"to": 2, "two": 2, "tre": 3, "three": 3, "fire": 4, "four": 4, "fem": 5, "five": 5, "seks": 6, "six": 6,
               "sju": 7, "seven": 7, "ti": 10, "ten": 10}
    m = re.search(r"\b(?:siste|de siste|dei siste|last|past|the last|the past)\s+(\d+|\w+)\s+(?:år\w*|years)\b", text)
    if m:
        n = int(m.group(1)) if m.group(1).isdigit() else numbers.get(m.group(1), 0)
        if 0 < n <= 30:
            p.last_years = n
            p.words.append(m.group(0))
    p.pairs = _own_year_pairs(text)
    for m in re.finditer(r"\b(?:([1-3])\s*\.?\s*|(første|fyrste|första|andre|andra|tredje|first|second|third)\s+)(?:tertial\w*)", text):
        p.tertials.append(int(m.group(1)) if m.group(1) else ORDINALS[m.group(2)])
        p.words.append(m.group(0))
    p.tertials = sorted(set(p.tertials))
    quarter = r"(?:q([1-4])|([1-4])\s*\.?\s*(?:kvartal\w*|kv))"
    m = re.search(rf"\b{quarter}\s+((?:19|20)\d\d)\s*(?:-|–|til og med|til|to|through|until|and|og)\s*"
                  rf"{quarter}\s+((?:19|20)\d\d)\b", text) \
        if len(re.findall(r"(?:19|20)\d\d", text)) >= 2 else None
    if m:
        g = m.groups()
        a, b = (int(g[2]), int(g[0] or g[1])), (int(g[5]), int(g[3] or g[4]))
        between = re.search(r"\b(?:fra|frå|from|between|mellom|imellom|periode\w*)\s+$", text[:m.start()]) \
            or not re.search(r"\b(?:and|og)\b", m.group(0))
        if a < b and between:
            p.quarter_range = (a, b)
            p.words.append(m.group(0))
    from flows.reports.layout.periods import dated_period, has_to_date

    if has_to_date(text):
        found = dated_period(text)
        if found and found[1].startswith("M01-"):
            p.to_month = int(found[1][-2:])
    if p.to_month is None and len(p.months) == 1:
        # "per august 2020", "pr. august": the year to the end of the month (a period report's "jan-aug"), no month alone
        names = "|".join(sorted((k for k, v in MONTHS.items() if v == p.months[0] and len(k) >= 3), key=len, reverse=True))
        if names and re.search(rf"(?<!\w)(?:per|pr\.?)\s+(?:{names})(?!\w)", text):
            p.to_month = p.months[0]
    _relative_periods(text, p)
    p.quarters = sorted(set(p.quarters))
    p.halves = sorted(set(p.halves))
    p.weeks = sorted(set(p.weeks))
    p.months = sorted(set(p.months))
    p.month_span = month_range
    for grain, cues in GRAIN_WORDS.items():
        hit = re.search(r"(?<!\w)(?:" + "|".join(cues) + r")(?!\w)", text)
        if hit:
            # a named period of the same grain is a filter, not a breakdown ("juli august september" is both)
            p.grain = grain
            p.words.append(hit.group(0))
            break
    if p.grain is None and len(p.months) > 1 and not month_range:
        p.grain = "month"
    p.season = bool(season_years) and set(p.years) == season_years
    p.school_year = p.season and school
    if p.grain is None and len(p.years) > 1 and not (p.months or p.quarters or p.weeks or p.halves) and not p.season:
        p.grain = "year"
        p.grain_implied = True
    return p


def dated_only(text: str) -> bool:
    """Every month the (normalised) text names is a day of it ("per 1. desember 2017", "at 31 December"): a point in
    time at which a stock (headcount, FTEs) is counted, not a month's figure."""
    month_names = "|".join(sorted((k for k in MONTHS if len(k) > 3), key=len, reverse=True))
    named = list(re.finditer(rf"\b({month_names})\b", text))
    return bool(named) and all(re.search(r"\b(?:[1-9]|[12]\d|3[01])\.?\s*$", text[:m.start()]) for m in named)




def describe_months(first: int, last: int, lang: str = "nb") -> str:
    """A part of a year in words: "2. tertial", "1. halvår" ("first half"), "mars", "januar–august"."""
    en = lang == "en"
    size, start = last - first + 1, first - 1
    if size in (4, 6) and start % size == 0:
        n = start // size + 1
        if size == 4:
            return f"tertial {n}" if en else f"{n}. tertial"
        return ("first half" if n == 1 else "second half") if en else f"{n}. halvår"
    if size == 3 and start % 3 == 0:
        return f"Q{start // 3 + 1}"
    lang = "en" if en else "nb"
    return month_name(first, lang) if first == last else f"{month_name(first, lang)}–{month_name(last, lang)}"


def describe_code(code: str, lang: str = "nb") -> str:
    """A report period code (flows.reports.layout.periods: "Q2", "T1", "H2", "M03", "M01-M08") in words."""
    from flows.reports.layout.periods import period_parts

    parts = period_parts(code)
    return describe_months(parts[2], parts[3], lang) if parts else code


def part_filter(p: Period, year: str, start: str, end: str) -> str | None:
    """SQL over a table's year and period months (`start`, `end`: first and last month, null for a whole year) that
    keeps the parts of a year a question names: quarters (each with its own year, or a run of them), tertials, halves,
    months, the year to a date. None when it names no part of a year (weeks are no report period)."""
    def months(a: int, b: int) -> str:
        return f"({start} = {int(a)} and {end} = {int(b)})"

    if p.weeks:
        return None
    if p.quarter_range:
        (y0, q0), (y1, q1) = p.quarter_range
        return (f"({end} - {start} = 2 and {start} % 3 = 1 and {year} * 12 + {end} "
                f"between {int(y0) * 12 + 3 * int(q0)} and {int(y1) * 12 + 3 * int(q1)})")
    pairs = [(y, n) for g, y, n in p.pairs if g == "quarter"]
    if pairs:
        return "(" + " or ".join(f"({year} = {int(y)} and {months(3 * n - 2, 3 * n)[1:-1]})" for y, n in pairs) + ")"
    spans = [(3 * q - 2, 3 * q) for q in p.quarters] or p.month_spans()
    return "(" + " or ".join(months(a, b) for a, b in spans) + ")" if spans else None
