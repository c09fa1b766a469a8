"""A group head printed without a colon and run into its first row's label by a web text extraction
("Driftsinntekter Brukerbetalinger 1 234 1 100", "Verksamhetens intäkter Taxor och avgifter 52 49",
"DriftsutgifterLønnsutgifter 10 200"): the head is not part of the label. It is cut off, and becomes the
parent of the rows of its group, only where the table itself shows it is a head:

- a later row totals it ("Sum driftsinntekter", "Summa verksamhetens intäkter", "Driftsinntekter i alt"), or
- it heads other rows on a line of its own elsewhere in the table (the parent of other rows).

The cut falls where a capitalised word starts the label proper; a label whose rest would be empty, or
whose head is a single letter or a figure, is left alone. Pure: rewrites the rows of one `Table`.
"""
from __future__ import annotations

import re

from flows.reports.layout.model import Table

_TOTAL = re.compile(r"(?i)^(?:sum(?:ma)?(?:\s+av)?|totalt?|i alt|samlet|subtotal)\s+(?P<head>.+)$|^(?P<head2>.+?)\s+(?:i alt|totalt|sum)$")
_GLUED = re.compile(r"(?<=[a-zæøåäöé])(?=[A-ZÆØÅÄÖÉ][a-zæøåäöé])")  # "DriftsinntekterBrukerbetalinger"


def _key(text: str) -> str:
    return " ".join(re.sub(r"[^\w%]+", " ", text.casefold()).split())


def _heads_of(table: Table) -> set[str]:
    """Heads the table shows: what its total rows total, and the parents of its rows."""
    heads = {_key(r.parent) for r in table.rows if r.parent}
    for r in table.rows:
        m = _TOTAL.match(r.label.strip())
        if m:
            heads.add(_key(m.group("head") or m.group("head2")))
    heads.discard("")
    return heads


def _cuts(label: str) -> list[tuple[str, str]]:
    """(head, rest) at every capitalised word after the first, first cut first."""
    text = _GLUED.sub(" ", label) if _GLUED.search(label) else label
    words = text.split()
    out = []
    for k in range(1, len(words)):
        w = words[k]
        if w[:1].isupper() and any(ch.islower() for ch in w[1:]) and not words[k - 1].endswith((":", "-", "/", ",")):
            out.append((" ".join(words[:k]), " ".join(words[k:])))
    return out


def split_glued_heads(table: Table) -> None:
    heads = _heads_of(table)
    if not heads:
        return
    for i, row in enumerate(table.rows):
        if not row.values:
            continue
        for head, rest in _cuts(row.label):
            key = _key(head)
            if key not in heads or len(key) < 3 or not re.search(r"[^\W\d_]{3}", head) or key == _key(row.parent or ""):
                continue
            old_parent = row.parent
            row.label, row.parent = rest, head
            for later in table.rows[i + 1:]:
                if later.parent != old_parent or _key(later.label) == key:
                    break
                m = _TOTAL.match(later.label.strip())
                later.parent = head
                if m and _key(m.group("head") or m.group("head2")) == key:
                    break  # the head's total ends its group
            break
