"""A sentence wrapped right after an amount, its unit starting the next line ("Vi har gennemført anlægsinvesteringer
for 139,4" / "mio. kr. Samtidig har vi ..."): the line is running text, never a one-row table whose label is the
sentence and whose cell is the amount without its scale. Such a line ends with a figure after a word that only a
sentence puts before an amount (a preposition: "for", "på", "med", "til", "af", "om", "of"), and the next line starts
with the figure's unit (a magnitude, a currency, a percent word); the two lines are read as one (the second's number
kept in `joined`), so the sentence reader sees the amount with its unit."""
from __future__ import annotations

import re
from dataclasses import replace

from flows.reports.layout.model import Line

_ENDS_IN_AMOUNT = re.compile(
    r"(?i)(?:^|\s)(?:for|på|paa|med|til|af|om|of|by|to|at|about|around|ca\.?|cirka|omkring|från|till|av|totalt|samlet|"
    r"i alt|vel|knap|knapt|drygt|nesten|næsten|nærmare|nærmere|over|under|rundt)\s+[-−–]?\d[\d \u00a0]*(?:[,.]\d+)?$")
_STARTS_WITH_UNIT = re.compile(
    r"^(?:mio|mill|mrd|mia|mnkr|mkr|tkr)\.?(?=\s|$|[,.;])|^(?:millioner|millionar|miljoner|millioner|milliarder|"
    r"milliardar|miljarder|kr\.?|kroner|kronor|procent|prosent|%)(?=\s|$|[,.;])")


def join_wrapped_units(lines: list[Line]) -> list[Line]:
    out: list[Line] = []
    skip = False
    for k, line in enumerate(lines):
        if skip:
            skip = False
            out.append(replace(line, text=""))  # joined into the line above; its number stays
            continue
        nxt = lines[k + 1] if k + 1 < len(lines) else None
        if nxt is not None and line.segs is None and nxt.segs is None and not line.heading and not nxt.heading \
                and line.table_id is None and nxt.table_id is None and nxt.page == line.page \
                and len(line.text.split()) >= 4 and _ENDS_IN_AMOUNT.search(line.text.strip()) \
                and _STARTS_WITH_UNIT.match(nxt.text.strip()):
            out.append(replace(line, text=f"{line.text.rstrip()} {nxt.text.strip()}",
                               joined=(*line.joined, nxt.number, *nxt.joined)))
            skip = True
            continue
        out.append(line)
    return out
