"""A table row inside running text under a header in the same text: the year columns (and a total) printed
in the sentence, then the row's label and its figures ("... fra 2020. 2030 2031 2032 Totalt Ansvar SKOLE (210)
SUM NETTO TILTAK 50 100 100 250"), as a measures list or a budget form flattened into one paragraph.

The header is a run of two or more consecutive years, optionally closed by a total ("Sum", "Totalt", "I alt");
the row is the words after it followed by a run of figures that reads as exactly as many cells as the header
names. Digit groups separated by single spaces are split by thousand grouping (`numbers.candidate_splits`);
with a total column only a split whose years add up to the total is taken, without one only a reading that
has no equal. Further label+figures runs with the same number of cells are further rows. The header and the
rows become a small positioned table of their own; the text around them stays text, a scale declared right before
the years ("(mill. kr) 2022 2023 2024 Sum") on a line of its own above the head."""
from __future__ import annotations

import re

from flows.reports.layout.flattened import scale_before
from flows.reports.layout.model import Line, Seg
from flows.reports.numbers import candidate_splits, split_row_values, sum_identity
from flows.reports.years import YEAR as _YEAR

_HEADER = re.compile(rf"(?<![\w,.-])(?P<years>{_YEAR}(?:\s+{_YEAR})+)(?:\s+(?P<total>Sum|SUM|Totalt|TOTALT|Total|I alt|Samlet))?(?![\w,])")
_FIGURE = re.compile(r"-?\d+(?:,\d+)?")
_MAX_LABEL_WORDS = 15


def _header(m: re.Match) -> list[str] | None:
    years = m.group("years").split()
    if any(int(b) != int(a) + 1 for a, b in zip(years, years[1:])):
        return None
    return years + ([m.group("total")] if m.group("total") else [])


def _split(figures: str, columns: list[str]) -> list[str] | None:
    n = len(columns)
    if _HEADER_TOTAL.fullmatch(columns[-1]):
        check = sum_identity(list(range(n - 1)), n - 1)
        readings = {c.raw for c in candidate_splits(figures, n) if check(list(c.values))}
        return list(next(iter(readings))) if len(readings) == 1 else None
    best = split_row_values(figures, n)
    return list(best.raw) if best else None


_HEADER_TOTAL = re.compile(r"Sum|SUM|Totalt|TOTALT|Total|I alt|Samlet")


def _rows(tokens: list[str], n: int, columns: list[str]) -> tuple[list[tuple[str, list[str]]], int]:
    """(label, cells) of the label+figures runs at the start of `tokens`, and the number of tokens they take."""
    rows: list[tuple[str, list[str]]] = []
    at = 0
    while at < len(tokens):
        k = at
        while k < len(tokens) and k - at <= _MAX_LABEL_WORDS and not (
                _FIGURE.fullmatch(tokens[k]) and _run_length(tokens, k) >= n):
            k += 1
        if k >= len(tokens) or k - at > _MAX_LABEL_WORDS or k == at:
            break
        label = " ".join(tokens[at:k])
        if not re.search(r"[^\W\d_]{2}", label) or re.search(r"[.!?:]\s", label + " "):  # a sentence is no label
            break
        run = _run_length(tokens, k)
        cells = _split(" ".join(tokens[k:k + run]), columns)
        if cells is None:
            break
        rows.append((label, cells))
        at = k + run
    return rows, at


def _run_length(tokens: list[str], k: int) -> int:
    j = k
    while j < len(tokens) and _FIGURE.fullmatch(tokens[j]):
        j += 1
    return j - k


def _rewrite(line: Line, start_id: int) -> list[Line] | None:
    text = " ".join(line.text.split())
    for m in _HEADER.finditer(text):
        columns = _header(m)
        if columns is None:
            continue
        tokens = text[m.end():].split()
        rows, used = _rows(tokens, len(columns), columns)
        if not rows:
            continue
        before, after = text[:m.start()].strip(), " ".join(tokens[used:])
        words = before.split()
        at = scale_before(words, len(words)) if words else 0  # "(mill. kr)", "Beløp i mill. kr" before the years
        prose, scale = " ".join(words[:at]), " ".join(words[at:])
        out = [Line(page=line.page, number=line.number, text=prose, prose=bool(scale) and prose.endswith((".", "!", "?")))] \
            if prose else []
        if scale:  # the table's scale on a line of its own, above its head (the sentence's amount declares none)
            out.append(Line(page=line.page, number=line.number, text=scale))
        out.append(Line(page=line.page, number=line.number, text=" ".join(columns), header=True, table_id=start_id,
                        segs=[Seg(c, float(j + 1), float(j + 2)) for j, c in enumerate(columns)]))
        for label, cells in rows:
            out.append(Line(page=line.page, number=line.number, text=f"{label} {' '.join(cells)}", table_id=start_id,
                            segs=[Seg(label, 0.0, 1.0)] + [Seg(c, float(j + 1), float(j + 2)) for j, c in enumerate(cells)]))
        if after:
            out.append(Line(page=line.page, number=line.number, text=after))
        return out
    return None


def expand_inline(lines: list[Line]) -> list[Line]:
    table_id = max((l.table_id or 0 for l in lines), default=0)
    out: list[Line] = []
    for line in lines:
        if line.segs is None and _HEADER.search(line.text):
            rewritten = _rewrite(line, table_id + 1)
            if rewritten:
                table_id += 1
                out.extend(rewritten)
                continue
        out.append(line)
    return out
