"""The unit a question asks its figure in: an amount of money ("i kroner", "beløp", "how much money", "in NOK"), a
percent ("hvor mange prosent", "as a percentage", "%") or a physical quantity ("i tonn", "(kg)", "GWh"), or None when it
does not say. One home for the check that an
answer's figure is in the unit asked: a percent of a similarly named measure never answers an amount asked, nor an
amount a percent asked (the engine says which unit the data has instead; app.engine.engine._unit_not_asked).

Units are the warehouse's own: the metric catalog's unit_of_measure and the prose figures' unit ("pct", "nok",
"nok_per_capita", "count", "fte", ...), and a report cell's is_percent flag.
"""
from __future__ import annotations

import re

AMOUNT = "amount"
PERCENT = "percent"
QUANTITY = "quantity"
COUNT = "count"  # a number of things a sentence names ("tre avfallsdunkar"): what a figure is, never a unit asked

# words that ask for a sum of money: the currency named as the unit, "beløp", "how much money"
_AMOUNT = re.compile(
    r"(?<!\w)(?:(?:i|in|målt i|målt i|som|as|uttrykt i|expressed in|i antall|i tal)\s+(?:hele\s+|heile\s+|tusen\s+|"
    r"millioner\s+|millionar\s+|mill\.?\s+|millions?\s+of\s+|thousands?\s+of\s+)?(?:kroner|kronar|kr\.?|nok|norske kroner)"
    r"|beløp\w*|kronebeløp\w*|pengebeløp\w*|how much money|hvor mye penger|kor mykje pengar|kor mykje pengar|"
    r"amount of money|sum of money|in money terms|i kroner og øre|(?:the |what )amount (?:in|was|of the)|"
    r"hvor mange kroner|kor mange kroner|how many kroner|how many nok|hvor mange millioner|kor mange millionar)(?!\w)")
# words that ask for a percent or a share in percent
_PERCENT = re.compile(r"(?<!\w)(?:prosent\w*|percent\w*|per cent|%|prosentdel\w*|prosentvis|prosentandel\w*|"
                      r"percentage\w*|i prosent|in percent|resultatgrad\w*|as a percentage|(?:as )?a share of|(?:as )?a proportion of|"
                      r"som (?:en )?andel av|som del av|i andel av|share of (?:the )?(?:operating|total|gross)\w*|"
                      r"(?:hvor|kor) stor (?:en |ein )?(?:del|andel) av|what (?:share|proportion) of)(?!\w)|%")
# a unit of a physical quantity named ("i tonn", "(kg)", "kg per innbygger", "hvor mange GWh", "in tonnes"): a percent
# or an amount of money never answers it
_QUANTITY = re.compile(r"(?<!\w)(?:tonn|tonnet|tonnes?|tons?|kg|kilo|kilogram\w*|liter|litre\w*|m3|m³|kubikkmeter\w*|"
                       r"m2|m²|kvadratmeter\w*|kwh|mwh|gwh|twh|kilowattim\w*|megawattim\w*|gigawattim\w*|km|"
                       r"kilometer\w*|kilometre\w*)(?!\w)")
# "prosentpoeng" / "percentage points" ask a change of a percent: still a percent
# a percent asked of an amount ("hvor mange prosent av budsjettet", "what percentage of the budget") is still a percent

# a number and a percent asked together ("tal og prosent", "antall og andel", "number and percentage", "both in
# numbers and as a share"): both figures, neither unit required
_COUNT = r"(?:tal|tall|talet|tallet|antall|antallet|antal|number|numbers|count|absolute figures?|absolutte tal\w*)"
_SHARE = r"(?:prosent\w*|percent\w*|per cent|andel\w*|share|proportion|%)"
BOTH_KINDS = re.compile(rf"(?<!\w)(?:{_COUNT}\s+(?:og|and|&|samt|or|eller|as well as)\s+(?:i\s+|in\s+|as\s+(?:a\s+)?)?{_SHARE}"
                        rf"|{_SHARE}\s+(?:og|and|&|samt)\s+(?:i\s+|in\s+)?{_COUNT})(?!\w)")

PERCENT_UNITS = frozenset({"pct", "percent", "variance_pct"})
AMOUNT_UNITS = frozenset({"nok", "nok_per_capita", "nok_thousand", "nok_million", "money", "amount"})


def unit_asked(text: str) -> str | None:
    """AMOUNT, PERCENT, QUANTITY or None for a question (any case): which unit its figure must be in. A question that
    names two ("beløp og prosent", "in NOK and as a percentage", "kroner per tonn") asks both, so neither is required
    (None)."""
    low = text.lower()
    if BOTH_KINDS.search(low):
        return None  # "tal og prosent": a number and a percent, each figure of its kind
    named = [kind for kind, pattern in ((AMOUNT, _AMOUNT), (PERCENT, _PERCENT), (QUANTITY, _QUANTITY))
             if pattern.search(low) is not None]
    return named[0] if len(named) == 1 else None


def without_unit_asked(text: str) -> str:
    """The text without the words that ask for the unit (read here, not as what is asked)."""
    return _PERCENT.sub(" ", _AMOUNT.sub(" ", text.lower()))


def unit_kind(unit: str | None) -> str | None:
    """AMOUNT, PERCENT, QUANTITY or None (a count, a number of FTEs, unknown) for a warehouse unit."""
    u = (unit or "").lower()
    if u in PERCENT_UNITS:
        return PERCENT
    if u in AMOUNT_UNITS or u.startswith("nok"):
        return AMOUNT
    if _QUANTITY.fullmatch(u):
        return QUANTITY
    return None


def conflicts(asked: str | None, unit: str | None) -> bool:
    """The figure's unit is the other one of the two (a percent for an amount asked, or the reverse)."""
    kind = unit_kind(unit)
    return asked is not None and kind is not None and kind != asked


def unit_words(kind: str, lang: str) -> str:
    """The unit in plain words, for the answer that says which unit the data has."""
    en = lang == "en"
    if kind == PERCENT:
        return "a percent" if en else "prosent"
    if kind == COUNT:
        return "a number of things (a count)" if en else "et antall (en telling)"
    if kind == QUANTITY:
        return "a quantity in the unit named (tonnes, kg, kWh …)" if en else "en mengde i enheten som er nevnt (tonn, kg, kWh …)"
    return "an amount in NOK" if en else "beløp i kroner"
