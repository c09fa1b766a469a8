"""Key-figure tiles a web extraction flattened into lines: each tile a figure line and a label line, the figure above
its label ("41,7" / "Reelt resultat i mill. kroner" / "7,4 %" / "Sykefravær") or below it ("Sjukefråvær" / "7,4 %"),
blank lines between them or not. Each tile becomes one row the table finder reads ("Reelt resultat  41,7 mill. kr",
"Sykefravær  7,4 %").

Which way a run of tiles pairs is decided for the whole run by its shape, never tile by tile: a run of alternating
figure and label lines that starts with a figure and ends with a label is value-first, one that starts with a label
and ends with a figure label-first. Where blank lines group the run in twos, the groups say it (each "figure, label"
or each "label, figure"); a label standing alone above a run printed without blank lines is the run's caption
("Hovedtall"). A label ending in a colon ("Driftsinntekter:") names the figure below it. A run that starts and ends
with the same kind, or whose groups disagree, says nothing: it is left as printed, with a warning. Two figure lines in
a row are a table printing several figures a row (`vertical`'s), and the tiles next to them are left to it; whole
numbers under 1 000 that never fall are a contents list's page numbers.

A tile's own unit scales it and nothing else: the unit after its figure ("3 212,4 mill. kr", "7,4 %"), else the unit
its label states ("i mill. kroner", "(mill. kr)", "i %"), written after the figure where the row readers take a
row's unit. A label naming a per cent makes the figure a per cent.
"""
from __future__ import annotations

import re

from flows.reports.layout.key_lines import _NUM, _label, _prose_around
from flows.reports.layout.model import Line

_MONEY = (r"(?:mill\.?|mrd\.?|mia\.?|millioner|millionar|milliarder|milliardar|miljoner|miljarder|tusen)\s*"
          r"(?:kr\.?|kroner|kronor)|mnkr|mkr|mnok|msek|tkr|tnok|tsek|kr\.?|kroner|kronor|nok|sek")
_PCT = r"%|prosent\b|procent\b|pst\.?"
_FIGURE = re.compile(rf"(?i)^(?P<fig>[-−–]?\s?(?:{_NUM}))(?:\s*(?P<pct>{_PCT})|\s+(?P<money>{_MONEY})(?![\wæøåäö]))?$")
# the unit a tile's label ends with: "i mill. kroner", "(mill. kr)", "i %", "(%)", "målt i prosent", "i 1 000 kr"
_LABEL_UNIT = re.compile(
    rf"(?i)[\s,]*(?:\(\s*(?:i\s+)?(?P<paren>{_PCT}|{_MONEY}|1\s?000\s*(?:kr\.?|kroner|kronor))\s*\)|"
    rf"(?:målt\s+)?\bi\s+(?P<unit>{_PCT}|{_MONEY}|1\s?000\s*(?:kr\.?|kroner|kronor)))\s*$")
_PERCENT_WORD = re.compile(r"(?i)%|(?<![\wæøåäö])(?:prosent|procent|percent|pst\.?)(?![\wæøåäö])")
_MIN_TILES = 2
_PAGE_WORD = re.compile(r"(?i)side|sida|sidan|page|s\.?")  # a contents list's "side" over its page number
_CONTENTS = re.compile(r"(?i)^(?:innhold\w*|innhald\w*|innehåll\w*|indhold\w*|contents|table of contents)$")
_CONTENTS_REACH = 40  # lines above a run a contents heading still heads it


def _figure(text: str) -> re.Match | None:
    """A line that is one figure and at most its unit ("41,7", "1,2 %", "3 212,4 mill. kr"); no year, no numbering."""
    m = _FIGURE.match(text)
    if not m:
        return None
    fig = m.group("fig").lstrip("-−– ")
    if re.fullmatch(r"(?:19|20)\d\d", fig) and not (m.group("pct") or m.group("money")):
        return None  # a year heads something, it is no tile's figure
    if re.match(r"0\d", fig):
        return None
    return m


def _tile_label(text: str) -> tuple[str, str | None, bool] | None:
    """(label, unit, colon) of a tile's label line: "Reelt resultat i mill. kroner" -> ("Reelt resultat", "mill.
    kroner", False), "Driftsinntekter:" -> ("Driftsinntekter", None, True); None when the line is no label (a
    sentence, a figure among the words)."""
    t = " ".join(text.split())
    colon = t.endswith(":")
    t = t.rstrip(":").rstrip()
    unit = None
    m = _LABEL_UNIT.search(t)
    if m and m.start() > 0:
        unit = m.group("paren") or m.group("unit")
        t = t[:m.start()].rstrip(" ,")
    if not t or re.search(r"\d", t):
        return None
    check = _PERCENT_WORD.sub("prosent", t)  # "Andel % av driftsinntektene": the sign is a word of the label
    if not _label(check) or check.endswith(".") or _PAGE_WORD.fullmatch(t):
        return None
    if unit is None and _PERCENT_WORD.search(t):
        unit = "%"
    return t, unit, colon


def _kind(line: Line) -> str | None:
    text = " ".join(line.text.split())
    if not text or line.segs is not None or line.table_id is not None or line.heading:
        return None
    if _figure(text):
        return "F"
    if _tile_label(text):
        return "L"
    return None


def _row(figure_text: str, label_text: str) -> str:
    from flows.reports.layout.scale import scale_of

    m = _figure(" ".join(figure_text.split()))
    label, unit, _ = _tile_label(label_text)
    fig = re.sub(r"(?<=\d)[ \u00a0](?=\d{3})", "", m.group("fig").replace(" ", "", 1) if m.group("fig")[:1] in "-−–"
                 else m.group("fig"))
    if m.group("pct"):
        return f"{label}  {fig} %"
    unit = m.group("money") or unit  # the figure's own unit first, then its label's
    if unit is None:
        return f"{label}  {fig}"
    if _PERCENT_WORD.search(unit):
        return f"{label}  {fig} %"
    found = scale_of(unit)  # written as the row readers read a row's unit ("mnkr", "MSEK" -> "mill. kr")
    if found is None:
        return f"{label}  {fig} kroner"  # "i kr": kroner as printed
    word = {1e3: "tusen kr", 1e6: "mill. kr", 1e9: "mrd. kr"}.get(found[0], "kroner")
    return f"{label}  {fig} {word}"


def expand_tiles(lines: list[Line], warnings: list[str] | None = None) -> list[Line]:
    """The lines with every run of key-figure tiles rewritten as rows (one per tile, on the tile's first line, the
    other line blanked); a run whose direction its shape does not tell is left as printed and named in `warnings`."""
    out = list(lines)
    for run in _runs(lines):
        for part, cut in _alternating(lines, run):
            pairs, why = _pairs(lines, part)
            if pairs is None:
                if why and not cut and warnings is not None and not _contents(lines, [k for k, _ in part]):
                    warnings.append(f"key-figure tiles not read at {why}")
                continue
            if _contents(lines, [k for pair in pairs for k in pair]):
                continue
            taken = [k for pair in pairs for k in pair]
            plain = [k for k, line in enumerate(lines) if line.segs is None and line.table_id is None and line.text.strip()]
            if _prose_around(lines, plain, min(taken), max(taken)):
                continue
            for a, b in pairs:
                f, lab = (a, b) if _kind(lines[a]) == "F" else (b, a)
                first = lines[a]
                out[a] = Line(page=first.page, number=first.number, text=_row(lines[f].text, lines[lab].text),
                              joined=first.joined + (lines[b].number,) + lines[b].joined)
                out[b] = Line(page=lines[b].page, number=lines[b].number, text="")
    return out


def _runs(lines: list[Line]) -> list[list[tuple[int, int]]]:
    """Maximal runs of figure and label lines of one page, blank lines between them allowed: (line index, block),
    the block counting the blank-line groups of the run."""
    runs: list[list[tuple[int, int]]] = []
    run: list[tuple[int, int]] = []
    block, blank = 0, False
    for k, line in enumerate(lines):
        if not line.text.strip() and line.segs is None and line.table_id is None:
            blank = True
            continue
        kind = _kind(line)
        if kind is None or (run and lines[run[-1][0]].page != line.page):
            if len(run) >= 2:
                runs.append(run)
            run, block, blank = [], 0, False
            if kind is None:
                continue
        if run and blank:
            block += 1
        run.append((k, block))
        blank = False
    if len(run) >= 2:
        runs.append(run)
    return runs


def _alternating(lines: list[Line], run: list[tuple[int, int]]) -> list[tuple[list[tuple[int, int]], bool]]:
    """The run cut where two lines of one kind follow each other (a caption over the tiles, a table of several
    figures a row): (part, whether it was cut from a longer run)."""
    parts: list[list[tuple[int, int]]] = [[run[0]]]
    figures_cut: set[int] = set()  # parts next to two figure lines in a row: a table printing several figures a row
    for item in run[1:]:
        kind = _kind(lines[item[0]])
        if kind == _kind(lines[parts[-1][-1][0]]):
            if kind == "F":
                figures_cut |= {len(parts) - 1, len(parts)}
            parts.append([item])
        else:
            parts[-1].append(item)
    return [(p, len(parts) > 1) for n, p in enumerate(parts) if len(p) >= 2 and n not in figures_cut]


def _pairs(lines: list[Line], part: list[tuple[int, int]]) -> tuple[list[tuple[int, int]] | None, str | None]:
    """The tiles of an alternating part as (first line, second line) pairs, or (None, why not)."""
    kinds = [_kind(lines[k]) for k, _ in part]
    labels = [k for k, _ in part if _kind(lines[k]) == "L"]
    colons = [k for k in labels if _tile_label(lines[k].text)[2]]
    if colons:
        # "Driftsinntekter:" names the figure below it: the run is label-first from its first label on
        if len(colons) * 2 < len(labels):
            first, last = lines[part[0][0]], lines[part[-1][0]]
            return None, f"page {first.page} lines {first.number}-{last.number}: some labels end in a colon, most do not"
        start = 1 if kinds[0] == "F" else 0
        items = [k for k, _ in part[start:]]
        pairs = [(items[i], items[i + 1]) for i in range(0, len(items) - 1, 2)]
        if len(pairs) >= _MIN_TILES or (pairs and any(_unit_figure(lines[b]) for _, b in pairs)):
            return pairs, None
        return None, None
    blocks: dict[int, list[int]] = {}
    for k, b in part:
        blocks.setdefault(b, []).append(k)
    groups = list(blocks.values())
    if len(groups) > 2 and len(groups[0]) == 1 and kinds[0] == "L" and all(len(g) == 2 for g in groups[1:]):
        groups, part, kinds = groups[1:], part[1:], kinds[1:]  # "Hovedtall" alone above tiles printed in twos
    if len(groups) >= _MIN_TILES and all(len(g) == 2 for g in groups):
        orders = {tuple(_kind(lines[k]) for k in g) for g in groups}
        if len(orders) == 1:
            return [(g[0], g[1]) for g in groups], None
        first, last = lines[part[0][0]], lines[part[-1][0]]
        return None, (f"page {first.page} lines {first.number}-{last.number}: its blank-line groups pair figures and "
                      "labels both ways")
    if len(groups) == 2 and len(groups[0]) == 1 and kinds[0] == "L" and len(groups[1]) >= 2 * _MIN_TILES:
        part, kinds = part[1:], kinds[1:]  # "Hovedtall" / blank / the tiles printed without blank lines
    if len(part) < 2 * _MIN_TILES:
        return None, None
    if len(part) % 2:
        first, last = lines[part[0][0]], lines[part[-1][0]]
        return None, (f"page {first.page} lines {first.number}-{last.number}: {len(part)} lines alternate between figures and labels from a {_NAMES[kinds[0]]} to a "
                      f"{_NAMES[kinds[-1]]}: which label is whose the run does not say")
    items = [k for k, _ in part]
    return [(items[i], items[i + 1]) for i in range(0, len(items), 2)], None


_NAMES = {"F": "figure", "L": "label"}


def _unit_figure(line: Line) -> bool:
    m = _figure(" ".join(line.text.split()))
    return bool(m and (m.group("pct") or m.group("money")))


def _contents(lines: list[Line], items: list[int]) -> bool:
    """A contents list: titles each with a page number, whole numbers below 1 000 printed without a unit and never
    falling, three or more, or fewer under a contents heading ("Innhald", "Innehåll") on the page above them."""
    figures = []
    for k in items:
        if _kind(lines[k]) != "F":
            continue
        m = _figure(" ".join(lines[k].text.split()))
        if m.group("pct") or m.group("money") or not re.fullmatch(r"\d{1,3}", m.group("fig")):
            return False
        figures.append(int(m.group("fig")))
    if any(x > y for x, y in zip(figures, figures[1:])):
        return False
    first = min(items)
    above = [l for l in lines[max(0, first - _CONTENTS_REACH):first] if l.page == lines[first].page]
    return len(figures) >= 3 or any(_CONTENTS.match(" ".join(l.text.split())) for l in above)
