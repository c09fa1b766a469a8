"""A financial statement a web page extractor (flipbook, page viewer) ran into ONE line, its figures spaced by
thousands: title, head words, the years under them, then the rows one after another ("Økonomisk oversikt Note
Regnskap Reg. budsjett Oppr.budsjett Regnskap 2021 2020 Driftsinntekter: Rammetilskudd 245 300 240 000 240 000
231 113 Eiendomsskatt 3 15 800 16 000 16 000 15 512 ...").

The line is cut into its head (from a capitalised column word to the years after the head words) and its rows:
label words, then a run of digit groups (a group head ending in ":", "Driftsinntekter:", or in capitals,
"EIENDELER", names the rows below it and prints no figure). The head counts k value columns; a "Note" head word lets a leading 1-2 digit note number
stand before a row's figures (a note is never part of a figure). Years printed under the head go to the right
columns (`_attach_years`): as many years as columns without one go to those in order; as many as the account
columns go to them, and a budget column takes the year of the account column before it; one head word repeated
over the years ("Regnskap Regnskap" / "2021 2020") is one column per year.

Each row's digit groups are read every way the number grammar allows (`numbers.candidate_splits`: a figure is a
group of 1-3 digits and then groups of exactly 3, a minus or parentheses before it), as k figures or fewer, with
or without a note. A row is read only when
- one reading is all the grammar allows, or
- one reading is consistent with the table and clearly more so than every other: the account, budget and
  prior-year figures of one line are of one order of magnitude (`_spread`), no figure is a hundred thousand times the
  table's usual row, a variance column is the difference of the two before it, or
- a printed Sum row is the sum of the rows above it (since the last group head or Sum row) for exactly one
  choice among the readings of the rows not yet settled.
- the rows read so far settle it: no reading may put a figure over a hundred times the largest figure of the rows
  read (`_by_settled`: two figures run together are a thousand times the table's size).
A row read as fewer figures than columns keeps them only where one placement fits (`short_rows.place`). Every
other row is left out, with a warning (page, line, label): the reader never guesses.

Figures grouped by dots ("1.245.300") or by non-breaking spaces where plain spaces part the columns are one word
each, so they read one way; a list of notes ("3,4", "3, 4") before a row's figures is a note where the statement's
figures print no decimals; dashes standing for empty cells are cells, not label words; a percent sign is its
figure's, and under a head with percent columns a reading puts percents there only (`glued_percent`). A note word
starts a head even right after a title's year ("Resultatregnskap for 2031 Note 2031 2030"). A long line of rows
only right after a statement whose rows ran to its end, or after a line that is a head alone, reads under that
head (`expand_flat_statements`).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import product

from flows.reports.layout.model import Column, Line, Seg
from flows.reports.layout.note_columns import is_note_cell
from flows.reports.numbers import RowSplit, candidate_splits, normalise_minus
from flows.reports.years import YEAR

_VALUE = re.compile(r"-?\(?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?\)?%?")  # "1 234" groups, "1.234.567" one figure
_DOTTED = re.compile(r"-?\(?\d{1,3}(?:\.\d{3})+(?:,\d+)?\)?")
# a non-breaking space between a digit and a group of three, where the line prints it nowhere else: the thousands
# separator of a page whose columns plain spaces separate ("12 345 678 11 234 567" printed with &nbsp;)
_NBSP_GROUP = re.compile(r"(?<=\d)[\u00a0\u202f](?=\d{3}(?!\d))")
_DASH = re.compile(r"[-–—−]")
_YEAR = re.compile(YEAR)
_SUM = re.compile(r"(?i)^(?:sum|summa|samla|samlet|samlede|total|totalt|i alt)\b")
_SENTENCE_END = re.compile(r"[.!?]$")
_CAPS = re.compile(r"[A-ZÆØÅÄÖÉ&-]{2,}")  # a group head in capitals ("EIENDELER", "EGENKAPITAL OG GJELD")
_MIN_LINE = 120
_MAX_HEAD_WORDS = 16
_MAX_LABEL_WORDS = 14  # "Avsetninger til disposisjonsfond og bundne driftsfond og andre fond i året"
# a row after another row starts where that one's figures end: its label may be longer ("Avsetningar til og bruk av
# bundne fond og disposisjonsfond i løpet av året samla sett"), as long as no sentence ends in it
_MAX_NEXT_LABEL_WORDS = 24
_MIN_ROWS = 3
_AMOUNT = ("actual", "budget", "revised_budget", "original_budget", "prior_year")
_BUDGETS = ("budget", "revised_budget", "original_budget")
_CONSISTENT = 0.6  # log10: the figures of one line lie within a factor of four
_CLEARLY = 0.5  # log10: a reading three times as consistent as every other
_BOUND = 100_000  # a figure this many times the size of the table's usual row is digit groups of several figures
_MAX_COMBOS = 512
_SETTLED = 100  # a figure this many times the largest of the rows read one way is figures run together  # choices of readings weighed against one printed sum


@dataclass
class _Row:
    label: str
    group: str  # the group head above the row ("Driftsinntekter"), "" when none
    run: str  # the digit groups as printed, parentheses turned into a minus
    start: int  # token index of the label's first word
    end: int  # token index after the last digit group
    readings: list[RowSplit] = field(default_factory=list)
    chosen: RowSplit | None = None
    forced: bool = False  # the grammar reads the row one way only


@dataclass
class _Head:
    start: int  # token index of the first head word
    end: int  # token index after the last head word / year
    columns: list[Column]  # the value columns, notes left out
    note: bool
    scale: str | None


def _tokens(text: str) -> list[str]:
    from flows.reports.numbers import space_glued_percent, split_glued_minus

    text = space_glued_percent(normalise_minus(text))
    if _NBSP_GROUP.search(text) and not re.search(r"[\u00a0\u202f]", _NBSP_GROUP.sub("", text)):
        text = _NBSP_GROUP.sub(".", text)  # each figure one token, grouped as the dots group it
    out: list[str] = []
    for w in text.split():
        if w == "%" and out and re.fullmatch(r"-?\d+(?:,\d+)?", out[-1]):
            out[-1] += w  # "45,2 %": the percent sign is its figure's
            continue
        if out and re.fullmatch(r"[1-9]\d?", w) and re.fullmatch(r"(?:[1-9]\d?,)+", out[-1]) \
                and is_note_cell(out[-1] + w):
            out[-1] += w  # "3, 4": a list of notes printed with a space after its comma
            continue
        parts = [w] if _DATE.fullmatch(w) else split_glued_minus(w)
        # "300-12 400": a minus glued to the thousands group before it starts the next figure; "5-4" (a paragraph)
        # and "2021-2024" (a span) stay words
        glued = len(parts) > 1 and all(_VALUE.fullmatch(p) for p in parts) and len(parts[0].lstrip("-")) >= 3 \
            and not all(_YEAR.fullmatch(p.lstrip("-")) for p in parts)
        out.extend(parts if glued else [w])
    return _date_heads(out)


_DATE = re.compile(rf"\d{{1,2}}\.\d{{1,2}}\.({YEAR})|({YEAR})-\d{{2}}-\d{{2}}")


def _date_heads(tokens: list[str]) -> list[str]:
    """Two dates or more in a row are a balance sheet's column heads ("Note 31.12.2031 31.12.2030", "Not 2031-12-31
    2030-12-31"): each names its year. A date on its own stays a word of its label."""
    out = list(tokens)
    i = 0
    while i < len(out):
        j = i
        while j < len(out) and _DATE.fullmatch(out[j]):
            j += 1
        if j - i >= 2:
            for n in range(i, j):
                m = _DATE.fullmatch(out[n])
                out[n] = m.group(1) or m.group(2)
        i = max(j, i + 1)
    return out


def _is_value(tokens: list[str], i: int) -> bool:
    """A digit group (a year too: the head's years are taken first), or a dash standing before or after one."""
    t = tokens[i]
    if _VALUE.fullmatch(t):
        return True
    if _DASH.fullmatch(t):  # "- - 15 512": a run of dashes (empty cells) before or after a figure
        for step in (-1, 1):
            j = i + step
            while 0 <= j < len(tokens) and _DASH.fullmatch(tokens[j]):
                j += step
            if 0 <= j < len(tokens) and _VALUE.fullmatch(tokens[j]):
                return True
    return False


@lru_cache(maxsize=1 << 14)
def _head_word(word: str) -> bool:
    from flows.reports.layout.headers import scenario_of

    return word[:1].isupper() and scenario_of(word) != "other"


def _find_head(tokens: list[str], at: int = 0) -> _Head | None:
    """The first head from token `at` on: a capitalised column word, at most a few words on to a run of years, then
    a row's words."""
    from flows.reports.layout.headers import scenario_of

    for i in range(at, len(tokens)):
        w = tokens[i]
        if not _head_word(w) or (i > at and (_head_word(tokens[i - 1]) or _YEAR.fullmatch(tokens[i - 1]))
                                 and not _starts_head(tokens, i, at)):
            continue
        j = i
        while j < len(tokens) and j - i < _MAX_HEAD_WORDS and not (_is_value(tokens, j) and not _YEAR.fullmatch(tokens[j])):
            j += 1
        # the head ends after the last year before the first row's words
        years = [n for n in range(i, j) if _YEAR.fullmatch(tokens[n])]
        if not years:
            continue
        end = _head_tail(tokens, years[-1] + 1)
        if end >= len(tokens) or _is_value(tokens, end) or any(_SENTENCE_END.search(t) and not _abbreviation(t)
                                                               for t in tokens[i:end]):
            continue
        end, scale_after = _scale_after(tokens, end)
        if end >= len(tokens) or _is_value(tokens, end) or not tokens[end][:1].isupper():
            continue  # a row starts with its label's capital (a code before it is `flattened`'s to read)
        words = tokens[i:end - len(scale_after.split())] if scale_after else tokens[i:end]
        if sum(scenario_of(t) in _AMOUNT for t in words) + sum(bool(_YEAR.fullmatch(t)) for t in words) < 2:
            continue
        head = _columns(words)
        if head:
            cols, note, scale = head
            return _Head(i, end, cols, note, scale or scale_after or None)
    return None


def _starts_head(tokens: list[str], i: int, at: int) -> bool:
    """A note word starts a statement's head wherever it stands, after a title's year or its column-like words
    ("Resultatregnskap for 2031 Note 2031 2030", "Årsregnskap 2031 Resultatregnskap Noter Regnskap 2031 ..."); any
    other column word right after a column word or a year is within a head ("Regnskap 2031 Budsjett 2031")."""
    from flows.reports.layout.headers import scenario_of

    return i > at and scenario_of(tokens[i]) == "note" and scenario_of(tokens[i - 1]) != "note"


def _scale_after(tokens: list[str], at: int) -> tuple[int, str]:
    """(where the first row starts, the scale phrase standing between the head and it: "... 2031 Beløp i 1000 kr
    Politikk ...")."""
    from flows.reports.layout.scale import scale_of

    for n in range(6, 1, -1):
        text = " ".join(tokens[at:at + n])
        found = scale_of(text)
        if found and text.startswith(found[1]) and len(found[1].split()) == n:
            return at + n, text
    return at, ""


def _head_tail(tokens: list[str], at: int) -> int:
    """After the head's last year, the head words that name columns of their own ("... Budsjett 2030 Avvik Avvik i
    %"): the first row starts after them."""
    from flows.reports.layout.headers import scenario_of

    def heady(t: str) -> bool:
        return t == "%" or scenario_of(t) not in ("other", "unknown")

    while at < len(tokens) and (heady(tokens[at]) or (len(tokens[at]) <= 3 and tokens[at].islower()
                                                      and at + 1 < len(tokens) and heady(tokens[at + 1]))):
        at += 1
    return at


def _abbreviation(word: str) -> bool:
    """"Reg.", "Oppr.", "mill.", "kr.": abbreviations end no sentence."""
    return bool(re.fullmatch(r"[^\W\d_]{1,5}\.|(?:[^\W\d_]+\.)+[^\W\d_]*\.?|\(?[^\W\d_]+\.\)?", word))


def _columns(words: list[str]) -> tuple[list[Column], bool, str | None] | None:
    """(value columns, a note column, scale text) of the head words; the years printed after the head words
    attached to their columns."""
    from flows.reports.layout.flattened import _strip_scale
    from flows.reports.layout.headers import columns_from_text

    words, scale = _strip_scale(words)
    n = len(words)
    while n > 0 and _YEAR.fullmatch(words[n - 1]):
        n -= 1
    inline = any(_YEAR.fullmatch(w) for w in words[:n])
    # years among the head words name their columns there ("Regnskap 2021 Budsjett 2021 Regnskap 2020"): the head
    # reads as printed; else the years after the head words are a line of their own under them
    text, years = (" ".join(words), []) if inline else (" ".join(words[:n]), [int(y) for y in words[n:]])
    try:
        cols = columns_from_text([text]) if text else []
    except (ValueError, IndexError):
        return None
    note = any(c.note for c in cols)
    cols = [c for col in cols if not col.note for c in _unrepeated(col)]
    if any(c.scenario in ("other", "unknown") and not c.year for c in cols) \
            or any(re.fullmatch(YEAR, c.label.strip()) for c in cols):
        return None  # a head word that names no column (prose before the head), or a year left on its own
    cols = _attach_years(cols, years)
    if cols is None or len(cols) < 2 or any(len(c.label.split()) > 5 for c in cols) or not _budget_years_ok(cols):
        return None
    return cols, note, scale


def _budget_years_ok(cols: list[Column]) -> bool:
    """A budget column right after an account column budgets that year or the next, never an earlier one (a head
    whose years read so is not understood)."""
    return all(not (a.scenario == "actual" and b.scenario in _BUDGETS and a.year and b.year)
               or b.year in (a.year, a.year + 1) for a, b in zip(cols, cols[1:]))


def _unrepeated(col: Column) -> list[Column]:
    """A head the head reader joined because its words repeat ("Regnskap Regnskap" over two years) is that many
    columns."""
    from flows.reports.layout.headers import make_column

    words = col.label.split()
    for n in range(len(words), 1, -1):
        size = len(words) // n
        if len(words) % n == 0 and all(words[j * size:(j + 1) * size] == words[:size] for j in range(n)):
            return [make_column(" ".join(words[:size])) for _ in range(n)]
    return [col]


def _attach_years(cols: list[Column], years: list[int]) -> list[Column] | None:
    """Years printed after the head words: one for each column without a year, in order; or one for each account
    column without a year. A budget column left without a year takes the year of the account column before it (the
    first one after it when none is before): a statement sets the budget beside the accounts of its year. A head of
    years alone ("Not 2022 2021") names one column per year."""
    from flows.reports.layout.headers import make_column

    if not cols:
        return [make_column(str(y)) for y in years] if len(years) >= 2 else None
    bare = [j for j, c in enumerate(cols) if c.year is None and c.scenario in _AMOUNT]
    actual = [j for j in bare if cols[j].scenario == "actual"]
    year_of: dict[int, int] = {}
    if years and len(years) == len(bare):
        year_of = dict(zip(bare, years))
    elif years and actual and len(years) == len(actual):
        year_of = dict(zip(actual, years))
    elif years:
        return None
    for j in bare:
        if j in year_of or cols[j].scenario not in _BUDGETS:
            continue
        known = {**{k: c.year for k, c in enumerate(cols) if c.year is not None}, **year_of}
        left = [k for k in known if k < j and cols[k].scenario == "actual"]
        right = [k for k in known if k > j and cols[k].scenario == "actual"]
        if left or right:
            year_of[j] = known[max(left)] if left else known[min(right)]
    out = []
    for j, c in enumerate(cols):
        out.append(make_column(f"{c.label} {year_of[j]}") if j in year_of else c)
    if [c.year for j, c in enumerate(out) if j in year_of] != [year_of[j] for j in sorted(year_of)]:
        return None  # the head reader does not read the year where it was put
    return out


def _rows(tokens: list[str], at: int) -> tuple[list[_Row], int]:
    """The rows from token `at` on, and the token index where the text after the table starts."""
    rows: list[_Row] = []
    group = ""
    i = at
    while i < len(tokens):
        j = i
        while j < len(tokens) and not _is_value(tokens, j):
            j += 1
        words = tokens[i:j]
        if j >= len(tokens) or not words or any(_SENTENCE_END.search(w) and not _abbreviation(w) for w in words):
            break
        colon = max((n for n, w in enumerate(words) if w.endswith(":")), default=-1)
        if colon >= 0:
            group, words = " ".join(words[:colon + 1]).rstrip(":"), words[colon + 1:]
        caps = 0
        while caps < len(words) and _CAPS.fullmatch(words[caps]) and (caps or len(words[caps]) >= 4):
            caps += 1
        if 0 < caps < len(words) and words[caps][:1].isupper():  # "EIENDELER Anleggsmidler ...": a group head
            group, words = " ".join(words[:caps]), words[caps:]
        if not words or len(words) > (_MAX_NEXT_LABEL_WORDS if rows else _MAX_LABEL_WORDS) \
                or not re.search(r"[^\W\d_]{2}", " ".join(words)):
            break
        f = j
        while f < len(tokens) and _is_value(tokens, f):
            f += 1
        run = _parenthesised(" ".join(tokens[j:f]))
        if run is None or not re.search(r"\d", run):
            break
        rows.append(_Row(" ".join(words), group, run, i, f))
        i = f
    return rows, (rows[-1].end if rows else at)


def _parenthesised(run: str) -> str | None:
    """"(1 234)" -> "-1 234"; None when a bracket is left open."""
    run = re.sub(r"\((\d{1,3}(?: \d{3})*(?:,\d+)?|\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)\)", r"-\1", run)
    return None if "(" in run or ")" in run else run


def _spread(values: tuple[float, ...], cols: list[Column] | None) -> float:
    """How far apart in order of magnitude the figures of one line are (log10 of the largest over the smallest,
    zeros left out): over the account, budget and prior-year columns of a full reading, over all figures of a
    reading of fewer."""
    at = [j for j, c in enumerate(cols) if c.scenario in _AMOUNT or (c.scenario == "other" and c.year)] \
        if cols is not None else range(len(values))
    sizes = [math.log10(abs(values[j])) for j in at if j < len(values) and abs(values[j]) >= 1]
    return max(sizes) - min(sizes) if len(sizes) >= 2 else 0.0


def _readings(row: _Row, cols: list[Column], note: bool, decimals: bool = True) -> list[RowSplit]:
    """Every reading of a row's digit groups under the head; where the statement prints percents, a reading puts
    a percent under every percent column and under no other (a percent glued to the figure before it is cut off it
    there, `glued_percent`)."""
    from flows.reports.layout.glued_percent import percent_columns, split_glued_percent

    k = len(cols)
    flags = percent_columns(cols)
    if "%" not in row.run or not any(flags):
        return _plain_readings(row, k, note, decimals)
    glued = split_glued_percent(row.run, cols)
    if glued is not None:
        row = _Row(row.label, row.group, glued, row.start, row.end)
    return [r for r in _plain_readings(row, k, note, decimals) if len(r.raw) == k
            and all(raw.endswith("%") == pct and not (pct and " " in raw.strip()) for raw, pct in zip(r.raw, flags))]


def _plain_readings(row: _Row, k: int, note: bool, decimals: bool = True) -> list[RowSplit]:
    out = []
    first, _, rest = row.run.partition(" ")
    if note and "," in first and is_note_cell(first) and re.search(r"\d", rest):
        # "3,4 189 412 ...": a list of notes before the figures; in a statement whose figures print no decimals it
        # is no figure
        out = [RowSplit(r.values, r.raw, first, r.score) for r in candidate_splits(rest, k, allow_fewer=True)]
        if not decimals:
            return out
    for r in candidate_splits(row.run, k, allow_note=note, allow_fewer=True):
        if r.note is not None and not re.fullmatch(r"[1-9]\d?", r.note):
            continue  # "0", "05": no note number
        out.append(r)
    return out


def _variance_ok(values: tuple[float, ...], raw: tuple[str, ...], cols: list[Column]) -> bool:
    from flows.reports.layout.arithmetic import variance_columns
    from flows.reports.layout.flattened import _unit

    for v, a, b in variance_columns(cols):
        tol = _unit(raw[v]) + _unit(raw[a]) + _unit(raw[b]) + 1e-9
        if not any(abs(values[v] - s * (values[a] - values[b])) <= tol for s in (1, -1)):
            return False
    return True


def _decide(rows: list[_Row], cols: list[Column], note: bool) -> None:
    k = len(cols)
    decimals = any(re.search(r"\d,\d", r.run.partition(" ")[2]) for r in rows)
    for r in rows:
        r.readings = _readings(r, cols, note, decimals)
        r.forced = len(r.readings) == 1 and len(r.readings[0].values) == k
    bound = _bound(rows, cols)
    for r in rows:
        if r.forced:
            r.chosen = r.readings[0]
            continue
        cands = [c for c in r.readings if bound is None or all(abs(v) <= bound for v in c.values)]
        cands = [c for c in cands if len(c.values) < k or _variance_ok(c.values, c.raw, cols)]
        if len(cands) == 1 and len(r.readings) == 1:
            r.chosen = cands[0]
            continue
        scored = sorted(cands, key=lambda c: _spread(c.values, cols if len(c.values) == k else None))
        if not scored:
            continue
        s = [_spread(c.values, cols if len(c.values) == k else None) for c in scored]
        if s[0] <= _CONSISTENT and (len(s) == 1 or s[1] - s[0] >= _CLEARLY):
            r.chosen = scored[0]
        r.readings = cands
    _by_settled(rows, cols)
    _by_sums(rows, cols)


def _by_settled(rows: list[_Row], cols: list[Column]) -> None:
    """Rows still open once the others are read, read again without the readings that put a figure over `_SETTLED`
    times the largest figure of the rows read: digit groups of two figures joined into one ("491 745 471 | 500 466
    717" for "491 745 | 471 500 | 466 717") are a thousand times the table's size, and no line of a statement is a
    hundred times the largest of its rows. A row whose readings still tie stays open."""
    k = len(cols)
    read = [max(abs(v) for v in r.chosen.values) for r in rows if r.chosen is not None and len(r.chosen.values) == k]
    if len(read) < 2 or max(read) < 1:
        return
    top = _SETTLED * max(read)
    for r in rows:
        if r.chosen is not None:
            continue
        cands = [c for c in r.readings if all(abs(v) <= top for v in c.values)]
        if len(cands) == len(r.readings) or not cands:
            continue
        s = sorted(_spread(c.values, cols if len(c.values) == k else None) for c in cands)
        best = min(cands, key=lambda c: _spread(c.values, cols if len(c.values) == k else None))
        if s[0] <= _CONSISTENT and (len(s) == 1 or s[1] - s[0] >= _CLEARLY) and len(best.values) == k:
            r.chosen = best
            r.readings = cands


def _bound(rows: list[_Row], cols: list[Column]) -> float | None:
    """The largest figure the table may print: `_BOUND` times the median size of its rows (each row's largest figure
    in the reading the grammar forces, else in its most consistent full reading)."""
    k = len(cols)
    sizes = []
    for r in rows:
        full = [c for c in r.readings if len(c.values) == k]
        if full:
            best = min(full, key=lambda c: _spread(c.values, cols))
            sizes.append(max(abs(v) for v in best.values))
    if not sizes:
        return None
    sizes.sort()
    return _BOUND * max(sizes[len(sizes) // 2], 1.0)


def _by_sums(rows: list[_Row], cols: list[Column]) -> None:
    """Rows a printed Sum row settles: the one choice among the full readings of the rows since the last group head
    or Sum row (and of the Sum row itself) for which the Sum row is their sum in every column."""
    from flows.reports.layout.flattened import _unit

    k = len(cols)
    amount = [j for j, c in enumerate(cols) if c.scenario in _AMOUNT or (c.scenario == "other" and c.year)]
    first = 0
    for n, r in enumerate(rows):
        if n > 0 and r.group != rows[n - 1].group:
            first = n
        if not _SUM.match(r.label):
            continue
        group = rows[first:n + 1]
        first = n + 1
        if len(group) < 3 or not amount:
            continue
        options = []
        for g in group:
            full = [c for c in g.readings if len(c.values) == k]
            if g.chosen is not None and (g.forced or len(g.chosen.values) < k):
                full = [g.chosen] if len(g.chosen.values) == k else []
            options.append(full)
        # one full reading each settles nothing, unless a row is open between it and fewer figures ("400 350": two
        # figures, or one of six digits): the Sum row decides that too
        if any(not o for o in options) or (all(len(o) == 1 for o in options) and all(g.chosen for g in group)) \
                or math.prod(len(o) for o in options) > _MAX_COMBOS:
            continue
        fits = []
        for combo in product(*options):
            *parts, total = combo
            tol = lambda j: 0.5 * len(combo) * max(_unit(c.raw[j]) for c in combo) * 2 + 1e-9  # noqa: E731
            if all(abs(sum(p.values[j] for p in parts) - total.values[j]) <= tol(j) for j in amount):
                fits.append(combo)
        if len(fits) == 1:
            for g, c in zip(group, fits[0]):
                g.chosen = c


def _placed(r: _Row, cols: list[Column], full_rows: list[list[str]]) -> list[tuple[int, str]] | None:
    from flows.reports.layout.short_rows import place

    c = r.chosen
    if c is None:
        return None
    if len(c.values) == len(cols):
        return list(enumerate(c.raw))
    at = place(cols, list(c.raw), full_rows)
    return list(zip(at, c.raw)) if at else None


def _reads_back(cols: list[Column]) -> bool:
    from flows.reports.layout.headers import columns_from_segs

    back = columns_from_segs([[Seg(c.label, float(j + 1), float(j + 2)) for j, c in enumerate(cols)]])
    return [(c.scenario, c.year) for c in back] == [(c.scenario, c.year) for c in cols]


def _spaced(run: str, k: int) -> bool:
    """The row's figures are grouped by thousands: more digit groups than columns, dots grouping them, or a percent
    glued to the figure before it."""
    from flows.reports.layout.glued_percent import GLUED_PERCENT

    return len(run.split()) > k or bool(_DOTTED.search(run)) or bool(GLUED_PERCENT.search(run))


def _table(tokens: list[str], at: int) -> tuple[_Head, list[_Row], int] | None:
    """(head, rows, token index after the rows) of the first statement from token `at` on."""
    while (head := _find_head(tokens, at)) is not None:
        rows, after = _rows(tokens, head.end)
        k = len(head.columns)
        # figures that are not spaced by thousands (no run longer than the columns) are `flattened`'s to read
        if len(rows) >= _MIN_ROWS and any(_spaced(r.run, k) for r in rows) and _reads_back(head.columns):
            _decide(rows, head.columns, head.note)
            if sum(r.chosen is not None and len(r.chosen.values) == k for r in rows) >= 2:
                return head, rows, after
        at = head.end  # a head that gives no table: no later head starts among its words
    return None


_SPACED_GROUP = re.compile(r"\d[ \u00a0\u202f.]\d{3}(?![\d.])")
_GLUED_PERCENT = re.compile(r"(?<![\d.,])\d{4,}(?:,\d+)?\s?%")  # "45645,2 %": 456 and 45,2 % run together
_A_YEAR = re.compile(rf"(?<!\d){YEAR}(?!\d)")


def _emit(rows: list[_Row], head: _Head, table_id: int, line: Line, warnings: list[str]) -> list[Line]:
    """The rows of one statement as lines of table `table_id`: a group head as a line of its own, every row that
    reads one way with its cells, the others left out with a warning."""
    k = len(head.columns)
    full_rows = [list(r.chosen.raw) for r in rows if r.chosen is not None and len(r.chosen.values) == k]
    out: list[Line] = []
    group = ""
    for r in rows:
        if r.group and r.group != group:
            out.append(Line(page=line.page, number=line.number, text=r.group, table_id=table_id,
                            segs=[Seg(r.group, 0.0, 1.0)]))
        group = r.group
        cells = _placed(r, head.columns, full_rows)
        if not cells:
            warnings.append(f"row not read at page {line.page} line {line.number}: '{r.label}' ({r.run}) reads "
                            f"several ways or none under {k} columns")
            continue
        out.append(Line(page=line.page, number=line.number, text=" ".join([r.label] + [t for _, t in cells]),
                        table_id=table_id,
                        segs=[Seg(r.label, 0.0, 1.0)] + [Seg(t, float(j + 1), float(j + 2)) for j, t in cells]))
    return out


def _head_line(head: _Head, table_id: int, line: Line) -> Line:
    return Line(page=line.page, number=line.number, text=" ".join(c.label for c in head.columns), header=True,
                table_id=table_id, segs=[Seg(c.label, float(j + 1), float(j + 2)) for j, c in enumerate(head.columns)])


def _rewrite(line: Line, table_id: int, warnings: list[str]) -> tuple[list[Line], int, _Head | None] | None:
    """(the line rewritten, the last table id, the head of a statement whose rows run to the end of the line)."""
    if not _A_YEAR.search(line.text) or len(_SPACED_GROUP.findall(line.text)) + len(_GLUED_PERCENT.findall(line.text)) \
            < _MIN_ROWS:
        return None  # no year under a head, or too few figures spaced by thousands: no such statement
    from flows.reports.layout.runs import trailing_scale

    text, scale_below = trailing_scale(line.text)  # "... Sum 15 600 14 500 Beløp i 1000 kr"
    tokens = _tokens(text)

    def mk(text: str, **kw) -> Line:
        return Line(page=line.page, number=line.number, text=text, **kw)

    out: list[Line] = []
    at = 0
    last = None
    while (found := _table(tokens, at)) is not None:
        head, rows, after = found
        table_id += 1
        if head.start > at:
            out.append(mk(" ".join(tokens[at:head.start])))
        if head.scale:
            out.append(mk(head.scale))
        out.append(_head_line(head, table_id, line))
        out.extend(_emit(rows, head, table_id, line, warnings))
        at, last = after, head
    if not out:
        return None
    if at < len(tokens):
        out.append(mk(" ".join(tokens[at:])))
        last = None
    if scale_below:
        out.append(mk(scale_below))  # the scale of the rows above it (`tables` reads it with them)
        last = None
    return out, table_id, last


def _rows_under(line: Line, head: _Head, table_id: int, warnings: list[str]) -> list[Line] | None:
    """A long line of rows only, run on from a statement whose head stands on a line before it (the head's own
    line, or the statement's first line whose rows ran to its end): read under that head, or None when the line
    does not start with a row or too few of its rows read one way."""
    tokens = _tokens(line.text)
    if not tokens or _is_value(tokens, 0) or not tokens[0][:1].isupper():
        return None
    rows, after = _rows(tokens, 0)
    k = len(head.columns)
    if len(rows) < 2 or not any(_spaced(r.run, k) for r in rows):
        return None
    _decide(rows, head.columns, head.note)
    if sum(r.chosen is not None and len(r.chosen.values) == k for r in rows) < 2:
        return None
    out = _emit(rows, head, table_id, line, warnings)
    if after < len(tokens):
        out.append(Line(page=line.page, number=line.number, text=" ".join(tokens[after:])))
    return out


def _head_alone(text: str) -> tuple[str, _Head] | None:
    """(the words before it, the head) of a line that is a statement's head and nothing after it ("Resultatregnskap
    Note 2031 2030", "Noter Regnskap 2031 Budsjett 2031 Regnskap 2030")."""
    if not _A_YEAR.search(text) or len(text) > _MIN_LINE or re.search(r"\d[ \u00a0.]\d{3}(?!\d)", text):
        return None
    tokens = _tokens(text) + ["Rad"]  # a row label after the head, as `_find_head` wants one
    head = _find_head(tokens)
    if head is None or head.end != len(tokens) - 1 or not _reads_back(head.columns):
        return None
    return " ".join(tokens[:head.start]), head


def expand_flat_statements(lines: list[Line], warnings: list[str] | None = None) -> list[Line]:
    """Every long line without cells that holds a statement flattened with its figures spaced by thousands becomes
    its title, head and the rows that read one way; so does a long line of rows only right after such a statement
    or after a line that is its head alone, under that head."""
    warnings = warnings if warnings is not None else []
    table_id = max((line.table_id or 0 for line in lines), default=0)
    out: list[Line] = []
    last: tuple[_Head, int] | None = None  # the head the next line's rows may run on under, and its table id
    alone: tuple[int, Line, str] | None = None  # where in `out` a line that is a head alone stands, and its title
    for line in lines:
        if not line.text.strip():
            out.append(line)
            continue
        free = line.segs is None and line.table_id is None
        if free and len(line.text) > _MIN_LINE:
            done = _rewrite(line, table_id, warnings)
            if done:
                rewritten, table_id, head = done
                out.extend(rewritten)
                last, alone = ((head, table_id) if head else None), None
                continue
            if last is not None:
                rows = _rows_under(line, last[0], last[1], warnings)
                if rows:
                    out.extend(rows)
                    continue
        last = None
        if alone is not None and free and len(line.text) > _MIN_LINE:
            at, head_line, title = alone
            head = _head_alone(head_line.text)[1]
            rows = _rows_under(line, head, table_id + 1, warnings)
            if rows:
                table_id += 1
                out[at:at + 1] = ([Line(page=head_line.page, number=head_line.number, text=title)] if title else []) \
                    + [_head_line(head, table_id, head_line)]
                out.extend(rows)
                last, alone = (head, table_id), None
                continue
        alone = None
        if free and (found := _head_alone(line.text)) is not None:
            alone = (len(out), line, found[0])
        out.append(line)
    return out
