"""Key-figure boxes printed as "Label: value" pairs ("Aurland: 23 Balestrand: -6 Askvoll: 42"):
each pair becomes a row of its own, so the table finder reads them as a one-column table."""
from __future__ import annotations

import re

from flows.reports.layout.model import Line

_PAIR = re.compile(
    r"(?P<label>[A-ZÆØÅ][^\W\d_]*(?:[ \-/][^\W\d_]+){0,2})"
    r"(?:\s*\((?P<unit>[^()\d]{1,16}|i\s+1\s?000\s*kr\.?|1\s?000\s*kr\.?)\))?\s*:\s*"
    r"(?P<value>[-−–]?\s?\d{1,3}(?:[ \u00a0]\d{3})*(?:,\d+)?\s*%?)(?=\s*[A-ZÆØÅ]|\s*$)"
)
_PERCENT_UNIT = re.compile(r"(?i)^(?:%|i\s*%|prosent|pst\.?)$")


def _row_text(m: re.Match) -> str | None:
    """The pair as a row: "Driftsinntekter (mill. kr): 123,4" -> "Driftsinntekter 123,4 mill. kr" (the unit after the
    figure scales the row), "Andel (%): 4,5" -> "Andel 4,5 %"; None when the unit in parentheses is no unit the rows
    read (then the pair is no pair)."""
    return row_text(m.group("label"), m.group("value"), m.group("unit"))


def row_text(label: str, value: str, unit: str | None) -> str | None:
    """A label, its one figure and the unit printed in parentheses after the label, as a row the table finder reads
    (shared with `leaders`)."""
    # the value is one figure: its digit groups are joined so that no row reader splits them ("123 400")
    value = re.sub(r"(?<=\d)[ \u00a0](?=\d{3})", "", " ".join(value.split()))
    if not unit:
        return f"{label} {value}"
    from flows.reports.layout.scale import scale_of

    unit = " ".join(unit.split())
    if _PERCENT_UNIT.match(unit):
        return f"{label} {value.rstrip('%').rstrip()} %"
    found = scale_of(unit)
    if found is None:
        return f"{label} {value} ({unit})" if re.fullmatch(r"(?i)antall|tal|stk\.?|årsverk|personer|kr\.?|kroner", unit) \
            else None
    return f"{label} {value} {'tusen kr' if found[0] == 1e3 else 'mrd. kr' if found[0] == 1e9 else 'mill. kr' if found[0] == 1e6 else 'kroner'}"


def expand_pairs(lines: list[Line]) -> list[Line]:
    out: list[Line] = []
    recent: list[str] = []  # the last lines' texts: a running title repeated before the pairs is not part of them
    for line in lines:
        if line.segs is None and ":" in line.text:
            pairs = list(_PAIR.finditer(line.text))
            text = line.text
            if pairs:
                head = " ".join(text[:pairs[0].start()].split())
                if head and head in recent:
                    out.append(Line(page=line.page, number=line.number, text=head, heading=line.heading, table_id=line.table_id))
                    text = text[pairs[0].start():]
                    pairs = list(_PAIR.finditer(text))
            covered = sum(m.end() - m.start() for m in pairs)
            rows = [_row_text(m) for m in pairs]
            if pairs and all(rows) and (len(pairs) >= 2 or covered >= 0.8 * len(text.strip())) \
                    and covered >= 0.5 * len(text.strip()):
                out.extend(Line(page=line.page, number=line.number, text=r, heading=0, table_id=line.table_id)
                           for r in rows)
                continue
            if text is not line.text:
                out.append(Line(page=line.page, number=line.number, text=text, table_id=line.table_id))
                continue
        out.append(line)
        if line.text.strip():
            recent = (recent + [" ".join(line.text.split())])[-6:]
    return out
