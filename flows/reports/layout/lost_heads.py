"""Tables whose header line was lost in extraction (transcripts of PDF pages on document-sharing sites): rows
"Label n n n" with one column count and no head above them. Their columns keep no name unless the page names
them itself:
- the sentence or caption right above the rows lists the columns ("Tabellen viser regnskap 2016, budsjett 2016
  og avvik", "Tall for 2014, 2015 og 2016"): each list item naming one scenario word or one year is one column, in
  order, and the items must count exactly the rows' cells;
- a table earlier on the same page, with named columns of the same count, whose arithmetic (a variance column) the
  rows bear out where it has any: the table continues under the same heads after text broke it.
Without such evidence the columns stay unnamed, as the reader leaves every headerless table; no year is guessed.
"""
from __future__ import annotations

import re

from flows.reports.layout.headers import SPAN_RE, make_column, scenario_of
from flows.reports.layout.model import Column, Line, Table

_ITEM_BREAK = re.compile(r"\s*[,;]\s+|\s+(?:og|samt|och|and|eller|mot|vs\.?|versus)\s+", re.IGNORECASE)
_SENTENCE_BREAK = re.compile(r"(?<=[.:!?])\s+(?=[A-ZÆØÅÄÖ(])")
_MAX_ABOVE = 3  # text lines above the rows searched for the sentence


_PRIMARY = ("actual", "budget", "revised_budget", "original_budget", "variance", "prior_year")


def _keyword(word: str) -> bool:
    """A word naming a column's scenario by itself ("regnskap", "avvik"); "prosent", "%" only qualify one."""
    return scenario_of(word) in _PRIMARY


def _item(text: str) -> tuple[str, str, list[str]] | None:
    """(label, scenario, years) of a list item naming one column: one scenario word and/or one year (or span), the
    label the shortest run of its words that names the same; None for an item naming none or several."""
    words = [w.strip(".,:;") for w in text.split()]
    words = [w for w in words if w]
    keys = [i for i, w in enumerate(words) if _keyword(w)]
    spans = [i for i, w in enumerate(words) if SPAN_RE.fullmatch(w)]
    if len(keys) > 1 or len(spans) > 1 or not (keys or spans):
        return None
    whole = " ".join(words)
    scen, years = scenario_of(whole), SPAN_RE.findall(whole)
    core = keys + spans
    windows = [(a, b) for a in range(min(core) + 1) for b in range(max(core), len(words))
               if scenario_of(" ".join(words[a:b + 1])) == scen and SPAN_RE.findall(" ".join(words[a:b + 1])) == years]
    a, b = min(windows, key=lambda w: (w[1] - w[0], -w[0]))  # "justert budsjett 2016", "avvik i prosent"
    if any(re.search(r"\d", w) for i, w in enumerate(words) if i >= a and i not in spans):
        return None  # a figure in or after the name ("budsjettet på 118 mill."): prose about amounts, no list of heads
    return " ".join(words[a:b + 1]), scen, years


def columns_in_sentence(text: str, n: int) -> list[Column] | None:
    """The n columns a sentence lists, in order, or None when it lists none or another number of them."""
    from flows.reports.layout.scale import scale_of

    text = re.sub(r"\([^()]*\)", " ", text)  # "(tall i 1000 kr)": an aside names no column
    found = scale_of(text)
    if found:
        text = text.replace(found[1], " ")
    for sentence in reversed(_SENTENCE_BREAK.split(" ".join(text.split()))):
        items = [_item(part) for part in _ITEM_BREAK.split(sentence)]
        run: list[tuple[str, str, list[int]]] = []
        best: list[tuple[str, str, list[int]]] = []
        for item in items:
            if item is None:
                if len(run) > len(best):
                    best = run
                run = []
            else:
                run.append(item)
        best = run if len(run) > len(best) else best
        if len(best) < 2:
            continue
        if len(best) != n:
            return None  # the sentence names another number of columns than the rows print
        return [make_column(label) for label, _, _ in best]
    return None


def _text_above(lines: list[Line], start: int) -> str:
    """The text lines right above the rows on their page (nearest last), up to a blank run or a table line."""
    out: list[str] = []
    k = start - 1
    while k >= 0 and lines[k].page == lines[start].page and len(out) < _MAX_ABOVE:
        text = " ".join(lines[k].text.split())
        if lines[k].table_id is not None or lines[k].segs is not None and len(lines[k].segs) > 1:
            break
        if text:
            out.insert(0, text)
        elif out:
            break
        k -= 1
    return " ".join(out)


def _variance_holds(columns: list[Column], table: Table) -> bool:
    """Where the heads name a variance of the two columns before it, most rows print it so."""
    from flows.reports.layout.arithmetic import variance_columns
    from flows.reports.numbers import parse_number

    checks = variance_columns(columns)
    if not checks:
        return True
    held = tried = 0
    for row in table.rows:
        cells = dict(row.values)
        for v, a, b in checks:
            vals = [parse_number(cells[j]) if j in cells else None for j in (v, a, b)]
            if None in vals:
                continue
            tried += 1
            held += abs(abs(vals[0]) - abs(vals[1] - vals[2])) <= 1.0 + 1e-9
    return tried > 0 and held * 2 > tried


def _new_caption(lines: list[Line], last: Table, start: int) -> bool:
    """A caption of another table ("Tabell 4 ...", "Figur 2") or a scale declaration between the table before and the
    rows: they are another table, whose heads that one's do not name."""
    from flows.reports.layout.scale import scale_of

    k = start - 1
    while k >= 0 and lines[k].page == lines[start].page and (lines[k].page, lines[k].number) not in last.consumed:
        text = " ".join(lines[k].text.split())
        if re.match(r"(?i)(?:tabell|tabel|table|figur|figure|diagram)\s*\d", text) or (text and scale_of(text)):
            return True
        k -= 1
    return False


def _units_printed(heads: list[Column], table: Table) -> bool:
    """Heads that only name units ("mill. kr", "%": read from the units the earlier rows printed after their figures)
    name the rows' columns only when the rows print them too: "Folkeauke 2008 7 007" under "Kultur 206,0 mill. kr
    4,7 %" is a count of its own, no amount or share."""
    from flows.reports.layout.scale import scale_of

    def unit(label: str) -> bool:
        found = scale_of(label)
        return label.strip() in ("%", "prosent", "procent", "kr", "kr.", "kroner") \
            or found is not None and len(found[1]) >= len(label.strip()) - 2
    if not all(unit(c.label) for c in heads):
        return True
    return all("%" in row.text for row in table.rows) if any("%" in c.label for c in heads) else False


# a run of years as a lost head leaves them: on lines of their own ("2016 2017 2018" / "2019 2020"), or a range in the
# caption ("Nøkkeltal 2016–2020", "Femårsoversikt 2016-2020")
_YEAR_RUN = re.compile(r"(?<![\d,.])((?:19|20)\d\d)(?:\s+((?:19|20)\d\d))+\s*$")
_YEAR_RANGE = re.compile(r"(?<![\d,.])((?:19|20)\d\d)\s?[-–—]\s?((?:19|20)\d\d)(?![\d,])")
_BARE_YEAR = re.compile(r"(?<![\d,.])(?:19|20)\d\d(?![\d,])")
# a multi-year overview by its name: its columns are years, whatever the head that named them left
MULTI_YEAR = re.compile(r"(?i)(?:fem|fire|tre|ti|seks)[åa]rs(?:oversikt|översikt|oversyn|utvikling|utveckling)|"
                        r"nøkkelt(?:al|all)\s+(?:siste|for\s+dei\s+siste|de\s+siste)|flerårsoversikt|"
                        r"(?:fem|5)[- ]års?\s*(?:oversikt|översikt)")


def years_above(text: str, n: int) -> list[int] | None:
    """The years of n columns a lost head left above the rows, in the order they name them: the text ends in a run of
    n consecutive years, rising or falling one a step ("Femårsoversikt 2016 2017 2018 2019 2020", the years broken over
    lines); or it prints one range of n years and no other year ("Nøkkeltal 2016–2020"), read rising as written.
    None when the text names no such years: the columns stay without one (no year is guessed)."""
    run = _YEAR_RUN.search(text)
    if run:
        found = [int(y) for y in _BARE_YEAR.findall(run.group(0))]
        steps = {b - a for a, b in zip(found, found[1:])}
        return found if len(found) == n and steps in ({1}, {-1}) else None
    ranges = _YEAR_RANGE.findall(text)
    if len(ranges) != 1 or len(_BARE_YEAR.findall(text)) != 2:
        return None
    a, b = int(ranges[0][0]), int(ranges[0][1])
    return list(range(a, b + 1)) if b - a + 1 == n else None


def _full_rows(table: Table, n: int) -> bool:
    """Every row prints one figure in each of the n columns, in order (two rows at least)."""
    rows = [r for r in table.rows if r.values]
    return len(rows) >= 2 and all(sorted(c for c, _ in r.values) == list(range(n)) for r in rows)


def name_lost_heads(table: Table, lines: list[Line], start: int, earlier: list[Table]) -> str | None:
    """Names the columns of a headerless plain-text table from the evidence on its page; returns where the names
    came from ("sentence" | "earlier table"), or None when the columns stay unnamed."""
    n_all = len(table.columns)
    if any(c.label for c in table.columns) or any(c for r in table.rows for c, _ in r.values if c >= n_all):
        return None
    years = years_above(_text_above(lines, start), n_all) if _full_rows(table, n_all) else None
    if years:  # every row prints a figure under each of the years the lost head left
        table.columns = [make_column(str(y)) for y in years]
        return "years above"
    n = sum(not c.unknown for c in table.columns)  # columns of the rows that print all cells (not the unknown ones
    if n < 2 or any(c.unknown for c in table.columns[:n]):  # rows with more cells keep after them)
        return None
    above = _text_above(lines, start)
    named = columns_in_sentence(above, n)
    if named is not None:
        table.columns = named
        return "sentence"
    before = [t for t in earlier if t.page == table.page and t.line < table.line]
    if before and not _new_caption(lines, before[-1], start):
        last = before[-1]
        heads = [c for c in last.columns if not c.note and not c.unknown]  # its note column prints no figures
        if len(heads) == n and all(c.label for c in heads) \
                and _variance_holds(heads, table) and _units_printed(heads, table):
            table.columns = [make_column(c.label) for c in heads] + table.columns[n:]
            return "earlier table"
    return None
