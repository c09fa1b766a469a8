"""How a table's figures are scaled: the declaration printed with it ("Beløp i 1 000 kr", "tkr")."""
from __future__ import annotations

import re

from flows.reports.numbers import scale_from_declaration

_EXTRA: list[tuple[re.Pattern[str], float]] = [
    (re.compile(r"(?i)\b(?:mrd\.?|milliard(?:ar|er)?|miljard(?:er)?|mdkr|mdr\.?\s*kr)\s*(?:kr|kroner|kronor|nok|sek)?\b"), 1e9),
    (re.compile(r"(?i)\b(?:i\s+)?miljoner(?:\s+kronor)?\b|\bmsek\b"), 1e6),
    (re.compile(r"(?i)\btusentals?\s+(?:kronor|kroner|kr)\b|\b(?:i\s+)?tusen\s+kronor\b|\btsek\b"), 1e3),
    (re.compile(r"(?i)\b(?:beløp|belopp|tal|tall)\s+i\s+(?:hele\s+|heile\s+)?(?:kr|kroner|kronor|nok|sek)\b"), 1.0),
    (re.compile(r"(?i)\b(?:mnkr|mkr|mill\.?\s*kr|millionar|millioner|mill\.|mill\b|mnok)"), 1e6),
    (re.compile(r"(?i)\b(?:tkr|tnok|t\s*kr)\b|\(tkr\)|\b(?:kr|nok|sek)\s*1\s*000\b|\b1\s*000\s*(?:kr|kroner|nok|sek)\b|\bheile\s+1\s*000\b|\bhele\s+1\s*000\b|\btusen\s+(?:kr|kroner)\b|\btusental\b"), 1e3),
    (re.compile(r"(?i)\b(?:alle\s+)?(?:tal|tall|beløp|belopp)\s+i\s+(?:heile\s+|hele\s+)?(?:1\s*000|tusen)"), 1e3),
]


def scale_of(text: str) -> tuple[float, str] | None:
    """(scale, matched text) of a declaration in `text`, or None."""
    found = scale_from_declaration(text)
    if found:
        return found
    for pattern, scale in _EXTRA:
        m = pattern.search(text)
        if m:
            return scale, m.group(0).strip()
    return None


def find_scale_source(sources: list[tuple[str, str]]) -> tuple[str, str] | None:
    """(text, where) of the first of `sources` (nearest first, each with where it stands:
    "caption", "header", "line above", "heading") that declares a scale."""
    for text, where in sources:
        if text and len(text) < 400 and scale_of(text):
            return text, where
    return None
