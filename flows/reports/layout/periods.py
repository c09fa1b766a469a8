"""Column heads that name a part of the year: quarters ("1. kvartal", "2. kv.", "3 kv", "Q3", "K4", "kv. 2"), tertials
("1. tertial", "2. tert."), half years ("1. halvår", "H2") and month spans ("jan–mar", "januar–april", "jan-sep"), in
bokmål, nynorsk, Swedish, Danish and English. `PERIOD` is one header keyword (the head reader splits a line of them
into columns and never reads their ordinals as figures); `period_of` is the period a head names ("Q1", "T2", "H1",
"M01-M09"), which every cell under it carries beside its year."""
from __future__ import annotations

import re

_ORD = r"(?:[1-4]\s*\.?|første|andre|annet|tredje|fjerde|fyrste|første|fjerde|1st|2nd|3rd|4th|first|second|third|fourth)"
_QUARTER = r"(?:kvartal(?:et)?|kvartalet|kv\.?|kvt\.?|quarter|qtr\.?)"
_TERTIAL = r"(?:tertial(?:et)?|tert\.?)"
_HALF = r"(?:halvår(?:et)?|halvåret|halvårs|half[- ]year|halvåret)"
_MONTHS = ("jan", "feb", "mar", "apr", "ma[ij]", "jun", "jul", "aug", "sep", "o[ck]t", "nov", "de[sc]")
_MONTH = r"(?:" + "|".join(rf"{m}[a-zæøå]*\.?" for m in _MONTHS) + r")"
PERIOD = (rf"(?<![\wæøå]){_ORD}\s*(?:{_QUARTER}|{_TERTIAL}|{_HALF})(?![\wæøå])"
          rf"|(?<![\wæøå])(?:{_QUARTER}|{_TERTIAL})\s*[1-4](?![\d,])"
          r"|(?<![\wæøå])[QK][1-4](?![\wæøå\d])|(?<![\wæøå])H[12](?![\wæøå\d])|(?<![\wæøå])[1-4]Q(?![\wæøå\d])"
          rf"|(?<![\wæøå]){_MONTH}\s*[-–−]\s*{_MONTH}(?![\wæøå])")
PERIOD_RE = re.compile(PERIOD, re.IGNORECASE)

_ORDINALS = {"første": 1, "fyrste": 1, "first": 1, "1st": 1, "andre": 2, "annet": 2, "second": 2, "2nd": 2,
             "tredje": 3, "third": 3, "3rd": 3, "fjerde": 4, "fourth": 4, "4th": 4}


def _month(word: str) -> int:
    w = word.lower().rstrip(".")
    for n, m in enumerate(_MONTHS, start=1):
        if re.match(m, w):
            return n
    raise ValueError(word)


def period_of(label: str) -> str | None:
    """The part of the year a head names: "Q1".."Q4", "T1".."T3", "H1", "H2", or a month span "M01-M09"; None when
    the head names none (or a part that does not exist: "4. tertial")."""
    m = PERIOD_RE.search(label)
    if not m:
        return None
    text = m.group(0).lower()
    span = re.match(rf"({_MONTH})\s*[-–−]\s*({_MONTH})$", text, re.IGNORECASE)
    if span:
        a, b = _month(span.group(1)), _month(span.group(2))
        if b < a:
            return None
        n = b - a + 1
        for size, mark in ((3, "Q"), (4, "T"), (6, "H")):
            if n == size and (a - 1) % size == 0:
                return f"{mark}{(a - 1) // size + 1}"
        return f"M{a:02d}-M{b:02d}"
    digit = re.search(r"[1-4]", text)
    number = int(digit.group(0)) if digit else next((v for k, v in _ORDINALS.items() if text.startswith(k)), None)
    if number is None:
        return None
    if re.search(_TERTIAL, text, re.IGNORECASE):
        return f"T{number}" if number <= 3 else None
    if re.search(_HALF, text, re.IGNORECASE) or text.startswith("h"):
        return f"H{number}" if number <= 2 else None
    return f"Q{number}"
