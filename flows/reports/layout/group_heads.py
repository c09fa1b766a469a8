"""Column heads of financial statements that name the accounting scope above or beside the years: a group
row ("Kommunkoncernen  Kommunen", "KOMMUNEN  KONCERNEN", "Kommunen  Sammanställd redovisning", "Kommunekassen
Konsern", "Kommune  Koncern") whose every name spans as many period columns as the next row prints
("Not 2021 2020 2021 2020", "Not 12/31/2017 12/31/2016 Not 12/31/2017 12/31/2016", "Utfall 2019-12-31 ..."), or
the name printed before each period ("Kommun" / "2020" / "Kommun" / "2019" / "Koncern" / "2020" ...).

A web or PDF text extraction prints these heads on several lines, often one cell per line. `merge_group_heads`
rewrites such a run into one head line whose cells are gap-separated ("Not  Kommunen 2021  Kommunen 2020  ..."),
so the table finder reads a scoped column for every figure; a date names its year ("31.12.2013", "2019-12-31",
US "12/31/2017"). Words before the group names on the first line (a caption, a scale: "Löpande prisnivå, mkr",
"(tkr)", "Belopp i mnkr") stay on a line of their own above the heads. Nothing is rewritten unless the periods
divide evenly among the groups, or the years start over once for every group ("Koncernen  Kommunen" over "2021
2020 2021 Budget 2021 2020": 2 + 3), or each period has its own group name before it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from flows.reports.layout.headers import years_in
from flows.reports.layout.model import Line
from flows.reports.layout.note_columns import is_note_cell
from flows.reports.years import YEAR as _YEAR

# the accounting scopes a statement prints side by side (Swedish, Norwegian, Danish, English)
_SCOPE = (
    r"kommunkoncern(?:en)?|(?:kommunala\s+)?koncern(?:en)?|konsern(?:et)?|kommun(?:en|e|ekassen?|ekasse)?|fylkeskommunen?"
    r"|region(?:en)?|landsting(?:et)?|morselskap(?:et)?|moderselskab(?:et)?"
    r"|sammanst[äa]llda?\s+(?:redovisning(?:en)?|räkenskaper(?:na)?)|municipality|group|parent"
)
_SCOPE_RE = re.compile(rf"(?i)(?:{_SCOPE})")
_NOTE_RE = re.compile(r"(?i)not|note|noter")
# a period head: a year, or a balance date (ISO, US, European)
_PERIOD_RE = re.compile(
    rf"(?P<a>{_YEAR})|{_YEAR}-[01]\d-[0-3]\d|[01]?\d/[0-3]?\d/(?P<us>{_YEAR})|[0-3]?\d[./-][01]?\d[./-](?P<eu>{_YEAR})")
# a word naming the figures of a period ("Utfall 2019-12-31", "Bokslut 2021", "Regnskap 2020")
_KIND_RE = re.compile(r"(?i)utfall|bokslut|regnskap|rekneskap|regnskab|budget|budsjett|prognos|prognose")
_GLUED_YEAR = re.compile(r"([^\W\d_])((?:19|20)\d\d)(?![\d/.-])")
_MAX_RUN = 24  # head cells of one run (lines one cell each)
# a line declaring the scale only ("Belopp i mnkr", "tkr", "Beløb i 1.000 kr.")
_SCALE_LINE = re.compile(
    r"(?i)\(?(?:(?:belopp|beløp|beløb|tall|tal|amounts?)(?:\s+in?\s+|,\s*))?(?:mnkr|mkr|tkr|mdkr|mnok|(?:mio|mill|mia)\.?\s*kr\.?"
    r"|1[ .]?000\s*kr\.?|tusen\s+kroner|miljoner\s+kronor|NOK\s*(?:1[ .]?000|million))\)?")


@dataclass(frozen=True)
class _Cell:
    kind: str  # scope | note | period | word
    text: str


def _period_year(text: str) -> str | None:
    m = _PERIOD_RE.fullmatch(text)
    if not m:
        return None
    return next(g for g in (m.group("a"), m.group("us"), m.group("eu"), text[:4]) if g)


def _period_label(text: str) -> str:
    """A period as the head names it: a date whose year the head reader finds stays as printed ("2019-12-31",
    "31.12.2013", "12/31/2017"); one it would not read is named by its year."""
    year = _period_year(text) or text
    return text if years_in(text) == [int(year)] else year


def _cells(text: str) -> list[_Cell] | None:
    """The head cells of a text that holds nothing else; None when any word is no head."""
    out: list[_Cell] = []
    words = _GLUED_YEAR.sub(r"\1 \2", text).split()  # "Kommunen2021": a group and its year run together
    i = 0
    while i < len(words):
        two = " ".join(words[i:i + 2])
        if i + 1 < len(words) and _SCOPE_RE.fullmatch(two):
            out.append(_Cell("scope", two))
            i += 2
            continue
        w = words[i]
        if _SCOPE_RE.fullmatch(w):
            out.append(_Cell("scope", w))
        elif _NOTE_RE.fullmatch(w):
            out.append(_Cell("note", w))
        elif _period_year(w):
            out.append(_Cell("period", w))
        elif _KIND_RE.fullmatch(w):
            out.append(_Cell("word", w))
        else:
            return None
        i += 1
    return out


def _split_prefix(text: str) -> tuple[str, list[_Cell]] | None:
    """(words before the heads, the heads) of a first line: the longest tail of head cells that holds a
    scope or a period."""
    words = text.split()
    for start in range(len(words)):
        cells = _cells(" ".join(words[start:]))
        if cells and (start == 0 or any(c.kind in ("scope", "period") for c in cells)):  # "Not" alone opens a run
            prefix = " ".join(words[:start])
            if re.search(r"\d{3}", re.sub(r"1[ .]000", "", prefix)) or re.search(r"[^\W\d_]{4,}[.!?]$", prefix):
                return None  # figures or a sentence before the heads: no caption
            return prefix, cells
    return None


def spread(cells: list[_Cell]) -> list[str] | None:
    """The column labels the head cells name, in order, or None when the groups do not divide the periods.
    Groups all before the periods span them in equal shares; groups among the periods name the periods after
    them. A word naming the figures ("Utfall") names the next period."""
    scopes = [c.text for c in cells if c.kind == "scope"]
    periods = [k for k, c in enumerate(cells) if c.kind == "period"]
    if len(scopes) < 2 or len(periods) < 2:
        return None  # one name over the periods may be the title of one side only of a wider table
    first_period = periods[0]
    before = all(k < first_period for k, c in enumerate(cells) if c.kind == "scope")
    labels: list[str] = []
    if before:
        owner = [n // (len(periods) // len(scopes)) for n in range(len(periods))] \
            if len(periods) % len(scopes) == 0 else _owners_by_runs(cells, len(scopes))
        if owner is None:
            return None
        n = 0
        word = ""
        for c in cells:
            if c.kind == "note":
                labels.append(c.text)
            elif c.kind == "word":
                word = c.text
            elif c.kind == "period":
                labels.append(" ".join(filter(None, (scopes[owner[n]], word, _period_label(c.text)))))
                word = ""
                n += 1
        return labels
    scope = ""
    word = ""
    for c in cells:
        if c.kind == "scope":
            scope = c.text
        elif c.kind == "note":
            labels.append(c.text)
        elif c.kind == "word":
            word = c.text
        else:
            if not scope:
                return None  # a period before any group: the groups do not name every period
            labels.append(" ".join(filter(None, (scope, word, _period_label(c.text)))))
            word = ""
    return labels


def _owners_by_runs(cells: list[_Cell], groups: int) -> list[int] | None:
    """The group of every period where the groups span unequal counts ("Koncernen  Kommunen" over "2021 2020" and
    "2021 Budget 2021 2020"): inside a group the years run one way, so a year that turns back (2021 2020 | 2021)
    starts the next group; a year equal to the one before it goes on in the group when a word sets the two apart
    ("2021" / "Budget 2021"). None unless the runs are exactly as many as the groups."""
    periods: list[tuple[int, str]] = []
    word = ""
    for c in cells:
        if c.kind == "word":
            word = c.text.lower()
        elif c.kind == "period":
            periods.append((int(_period_year(c.text) or 0), word))
            word = ""
    owner = [0]
    way = 0  # the way the current group's years run: +1, -1, or not yet known
    for (year, word), (before, word_before) in zip(periods[1:], periods):
        step = (year > before) - (year < before)
        if (step == 0 and word != word_before) or (step and way in (0, step)):
            way = step or way
            owner.append(owner[-1])
        else:
            way = 0
            owner.append(owner[-1] + 1)
    return owner if owner[-1] == groups - 1 else None


def merge_group_heads(lines: list[Line]) -> list[Line]:
    """Runs of plain-text lines that together print a scope-group head, rewritten into one head line."""
    out = list(lines)
    i = 0
    n = len(lines)
    while i < n:
        line = lines[i]
        first = _split_prefix(line.text) if line.segs is None and line.table_id is None and line.text.strip() else None
        if first is None:
            i += 1
            continue
        prefix, cells = first
        above = next((k for k in range(i - 1, max(-1, i - 3), -1) if lines[k].text.strip()), None)
        if above is not None and lines[above].page == line.page and \
                any(c.kind == "period" for c in (_cells(lines[above].text) or ())):
            # a period printed just above: the group name stands inside a longer head ("Utfall" / "2019" /
            # "Budget" / "2019" / "Avvikelse Koncern" / "2019" ...), and rewriting from here would cut it in two
            i += 1
            continue
        run = [i]
        j = i + 1
        while j < n and len(cells) < _MAX_RUN and lines[j].page == line.page and lines[j].segs is None \
                and lines[j].table_id is None:
            if not lines[j].text.strip():
                j += 1
                continue
            more = _cells(lines[j].text)
            if not more and _SCALE_LINE.fullmatch(lines[j].text.strip()):
                j += 1  # "Belopp i mnkr" between the group row and the years stays a line of its own
                continue
            after = next((k for k in range(j + 1, min(n, j + 3)) if lines[k].text.strip()), None)
            if not more and after is not None and lines[after].segs is None and lines[after].table_id is None:
                joined = _cells(f"{lines[j].text} {lines[after].text}")  # "Sammanställd" / "redovisning"
                if joined and len(lines[j].text.split()) == 1:
                    cells = cells + joined
                    run += [j, after]
                    j = after + 1
                    continue
            if not more and any(c.kind == "note" for c in cells) and not any(c.kind == "period" for c in cells) \
                    and re.fullmatch(r"\d{1,2}(?:\s*,\s*\d{1,2})*", lines[j].text.strip()) and is_note_cell(lines[j].text):
                run.append(j)  # "1, 2" under "Not" before the years: the notes of the head itself, no cell of a row
                j += 1
                continue
            if not more and not prefix and (second := _split_prefix(lines[j].text)) and second[0]:
                prefix, more = second  # "Beløp i mill. kr Note 2030 2031 ..." under the group row: its words go above
            if not more:
                break
            cells = cells + more
            run.append(j)
            j += 1
        labels = spread(cells) if len(run) > 1 or not prefix else None
        if not labels or not any(c.kind == "scope" for c in cells):
            i += 1
            continue
        head = "  ".join(labels)
        last = run[-1]  # the head stands nearest the rows
        for k in run:
            text = head if k == last else (prefix if k == run[0] else "")
            out[k] = Line(page=lines[k].page, number=lines[k].number, text=text, heading=0 if text == head else lines[k].heading)
        i = j
    return out
