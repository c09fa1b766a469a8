"""One block per entity: a name line followed by "Label value" lines, repeated for several entities with
the same labels (key figures per member municipality, per school, per plant):

    Nordby kommune          ->   Areal (km²)  Innbyggere  Abonnenter
    Areal 938 km²                Nordby kommune  938  24028  9196
    Innbyggere 24028             Sørby kommune   1548  14933  6176
    Abonnenter 9196
    Sørby kommune ...

becomes one table: rows are the entities, columns the labels (a unit printed after every figure of a label
goes into its column's name; a label an entity does not print is an empty cell). A name line followed by
one line of "Label: value" pairs apart by " / " ("Totalt:" / "Folketall: 93485 / Areal: 8009") is a
one-row table of its own. "Label: text" lines among the fields (no figure) stay text. Runs of fewer than three blocks, or blocks that do not share their labels, are
left as they are."""
from __future__ import annotations

import re
from dataclasses import dataclass

from flows.reports.layout.model import Line, Seg

_NUMBER = r"[-−–]?\d{1,3}(?:[ \u00a0]\d{3})+(?:,\d+)?|[-−–]?\d+(?:,\d+)?"
_FIELD = re.compile(rf"^(?P<label>[^\W\d_][^\d:]{{0,48}}?)\s*:?\s+(?P<value>{_NUMBER})"
                    rf"(?:\s*(?P<unit>%|(?:mill|mrd|millioner|milliarder|tusen)\.?\s*(?:kr|kroner|nok)\.?|[^\W\d_]{{1,6}}[²³]?\.?))?\s*$",
                    re.IGNORECASE)
_PAIR = re.compile(rf"^\s*(?P<label>[^\W\d_][^\d:]{{0,48}}?)\s*:\s*(?P<value>{_NUMBER})\s*(?P<unit>%)?\s*$")
_TEXT_FIELD = re.compile(r"^[^\W\d_][^\d:]{0,40}:\s+[^\d]{1,60}$")
_PAIR_SEP = re.compile(r"\s+[/;|]\s+")
_MIN_BLOCKS = 3
_MAX_FIELDS = 12


@dataclass
class _Block:
    title: int  # index of the name line
    fields: list[tuple[int, str, str, str | None]]  # (line index, label, value, unit)


def _field(line: Line) -> tuple[str, str, str | None] | None:
    if line.segs is not None:
        return None
    m = _FIELD.match(" ".join(line.text.split()))
    if not m:
        return None
    label = m.group("label").strip()
    if len(label.split()) > 6 or label.endswith((".", ",")) and len(label) > 12:
        return None
    return label, m.group("value"), m.group("unit")


def _title(line: Line) -> bool:
    text = " ".join(line.text.split())
    return bool(text) and line.segs is None and len(text) <= 60 and len(text.split()) <= 8 \
        and not re.search(r"\d", text) and not text.endswith((".", "!", "?")) and text[0].isupper()


def _blocks(lines: list[Line]) -> list[_Block]:
    """Every name line followed (blank lines apart) by two or more field lines, in order."""
    out: list[_Block] = []
    i = 0
    while i < len(lines):
        if not _title(lines[i]) or _field(lines[i]):
            i += 1
            continue
        fields: list[tuple[int, str, str, str | None]] = []
        j = i + 1
        while j < len(lines) and lines[j].page == lines[i].page and len(fields) <= _MAX_FIELDS:
            if not lines[j].text.strip():
                j += 1
                continue
            f = _field(lines[j])
            if f is None and _TEXT_FIELD.match(" ".join(lines[j].text.split())):
                j += 1  # "Ordfører: Kari Nordmann": a field without a figure, left as text
                continue
            if f is None:
                break
            fields.append((j, *f))
            j += 1
        labels = [f[1] for f in fields]
        if 2 <= len(fields) <= _MAX_FIELDS and len(set(labels)) == len(labels):
            out.append(_Block(i, fields))
            i = fields[-1][0] + 1
        else:
            i += 1
    return out


def _runs(lines: list[Line], blocks: list[_Block]) -> list[list[_Block]]:
    """Blocks that follow each other with nothing but blank lines between them."""
    runs: list[list[_Block]] = []
    for b in blocks:
        if runs:
            last = runs[-1][-1]
            between = lines[last.fields[-1][0] + 1:b.title]
            if lines[b.title].page == lines[last.title].page and not any(l.text.strip() for l in between):
                runs[-1].append(b)
                continue
        runs.append([b])
    return runs


def _columns(run: list[_Block]) -> list[str] | None:
    """The labels of a run in printed order, when the blocks share them: at least two labels in every
    block, and every block's labels in the same order."""
    order: list[str] = []
    for b in run:
        for _, label, _, _ in b.fields:
            if label not in order:
                order.append(label)
    shared = set.intersection(*({f[1] for f in b.fields} for b in run))
    if len(shared) < 2:
        return None
    for b in run:
        at = [order.index(f[1]) for f in b.fields]
        if at != sorted(at):
            return None
    return order


def _table_lines(run: list[_Block], lines: list[Line], labels: list[str], table_id: int) -> list[Line]:
    units: dict[str, set[str | None]] = {}
    for b in run:
        for _, label, _, unit in b.fields:
            units.setdefault(label, set()).add(unit)
    names = []
    for label in labels:
        unit = next(iter(units[label])) if len(units[label]) == 1 else None
        names.append(f"{label} ({unit})" if unit and unit != "%" else label)
    first = lines[run[0].title]
    # the line's text names the labels only: a unit of one column ("mill. kr") is no scale of the whole table
    out = [Line(page=first.page, number=first.number, text="  ".join(labels), header=True, table_id=table_id,
                segs=[Seg(name, float(j + 1), float(j + 2)) for j, name in enumerate(names)])]
    for b in run:
        title = lines[b.title]
        name = " ".join(title.text.split())
        segs = [Seg(name, 0.0, 1.0)]
        for _, label, value, unit in b.fields:
            j = labels.index(label) + 1
            cell = f"{value} %" if unit == "%" else value
            segs.append(Seg(cell, float(j), float(j + 1)))
        out.append(Line(page=title.page, number=title.number, text="  ".join(s.text for s in segs), table_id=table_id,
                        segs=segs, joined=tuple(lines[f[0]].number for f in b.fields)))
    return out


def _pairs_line(lines: list[Line], k: int) -> list[tuple[str, str, str | None]] | None:
    """A line of two or more "Label: value" pairs apart by " / " (";", "|")."""
    if lines[k].segs is not None:
        return None
    parts = _PAIR_SEP.split(" ".join(lines[k].text.split()))
    pairs = [_PAIR.match(p) for p in parts]
    if len(parts) < 2 or not all(pairs):
        return None
    return [(m.group("label").strip(), m.group("value"), m.group("unit")) for m in pairs]


def expand_blocks(lines: list[Line]) -> list[Line]:
    runs = [r for r in _runs(lines, _blocks(lines)) if len(r) >= _MIN_BLOCKS]
    table_id = max((l.table_id or 0 for l in lines), default=0)
    replace: dict[int, list[Line]] = {}
    drop: set[int] = set()
    for run in runs:
        labels = _columns(run)
        if labels is None:
            continue
        table_id += 1
        replace[run[0].title] = _table_lines(run, lines, labels, table_id)
        for b in run:
            drop.add(b.title)
            drop.update(f[0] for f in b.fields)
    for k, line in enumerate(lines):
        if k in drop or not _title(line) or not line.text.strip().endswith(":"):
            continue
        nxt = next((j for j in range(k + 1, len(lines)) if lines[j].text.strip()), None)
        if nxt is None or nxt in drop or lines[nxt].page != line.page:
            continue
        pairs = _pairs_line(lines, nxt)
        if pairs is None or len({p[0] for p in pairs}) != len(pairs):
            continue
        table_id += 1
        block = _Block(k, [(nxt, label, value, unit) for label, value, unit in pairs])
        title = _without_colon(line)
        replace[k] = _table_lines([block], [*lines[:k], title, *lines[k + 1:]], [p[0] for p in pairs], table_id)
        drop.update({k, nxt})
    if not replace:
        return lines
    out: list[Line] = []
    for k, line in enumerate(lines):
        if k in replace:
            out.extend(replace[k])
        elif k not in drop:
            out.append(line)
    return out


def _without_colon(line: Line) -> Line:
    """The name line without its closing colon ("Totalt:" names the row "Totalt")."""
    return Line(page=line.page, number=line.number, text=line.text.strip().rstrip(":").strip(), heading=line.heading)
