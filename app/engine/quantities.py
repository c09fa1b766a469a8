"""Quantities written in a question or a table row's label: a number with its unit and what bounds it ("1000 liter",
"1 000 l", "over 30 m", "15-30m", "inntil 200 m²", "up to 5 tonnes"). A price list names its rows by them ("140 liter
dunk", "Fartøyer over 30m"), and a question picks a row by the same quantity written its own way ("a 1000 litre bin",
"vessels over 30 m"). Years ("i 2023") are no quantity unless a unit follows them ("2000 liter").

Pure functions; language data (units and bound words in bokmål, nynorsk, Swedish, Danish and English) lives here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# unit words -> one name per unit (language data)
UNITS = {
    "l": "l", "ltr": "l", "liter": "l", "litre": "l", "liters": "l", "litres": "l", "literen": "l", "literne": "l",
    "m": "m", "meter": "m", "metre": "m", "meters": "m", "metres": "m", "metar": "m", "fot": "ft", "ft": "ft",
    "feet": "ft",
    "m2": "m2", "m²": "m2", "kvm": "m2", "kvadratmeter": "m2", "sqm": "m2",
    "m3": "m3", "m³": "m3", "kubikk": "m3", "kubikkmeter": "m3",
    "kg": "kg", "kilo": "kg", "tonn": "t", "tonnes": "t", "tons": "t", "tonne": "t", "ton": "t",
    "kw": "kw", "kwh": "kwh", "mm": "mm", "cm": "cm", "km": "km", "bgt": "bgt", "brt": "bgt",
}
# words that bound a quantity from below or above (language data)
ABOVE = ("over", "above", "more than", "mer enn", "meir enn", "større enn", "større en", "storre enn", "fra og med",
         "larger than", "greater than", "exceeding", "över", "mer än", "större än", "minst", "at least", "min.")
BELOW = ("under", "below", "less than", "mindre enn", "inntil", "opp til", "opptil", "up to", "til og med", "t.o.m.",
         "upp till", "mindre än", "högst", "maks", "max", "max.", "maks.", "at most", "not more than",
         "ikke over", "ikkje over")

_NUMBER = r"\d{1,3}(?:[ \u00a0.]\d{3})+(?!\d)|\d+(?:,\d+)?"
_UNIT = "|".join(sorted((re.escape(u) for u in UNITS), key=len, reverse=True))
_BOUND = "|".join(sorted((re.escape(b) for b in ABOVE + BELOW), key=len, reverse=True))
_QUANTITY = re.compile(
    rf"(?<![\w.,])(?:(?P<bound>{_BOUND})\s*)?(?P<low>{_NUMBER})"
    rf"(?:\s*(?:-|–|—|til|to|till)\s*(?P<high>{_NUMBER}))?"
    rf"\s*(?P<unit>{_UNIT})?(?![\wæøåäö²³])", re.I)

# a quantity with its unit or bound as written, for quoting it back ("1500 liter", "over 30 m")
QUANTITY_TEXT = (rf"(?<![\w.,])(?:(?:{_BOUND})\s*)?(?:{_NUMBER})(?:\s*(?:-|–|—)\s*(?:{_NUMBER}))?\s*(?:{_UNIT})"
                 r"(?![\wæøåäö²³])")


@dataclass(frozen=True)
class Quantity:
    low: float
    high: float | None  # a range's upper end ("15-30m")
    unit: str | None
    bound: str | None   # "above" | "below" | None

    def same(self, other: "Quantity") -> bool:
        """The same quantity: equal numbers and bounds, and the same unit when both print one."""
        if self.unit and other.unit and self.unit != other.unit:
            return False
        return self.low == other.low and self.high == other.high and self.bound == other.bound


def _number(text: str) -> float:
    return float(re.sub(r"[ \u00a0.]", "", text).replace(",", "."))


def quantities(text: str, years_too: bool = False) -> list[Quantity]:
    """The quantities a text writes. A bare number from 1900 to 2100 is a year, not a quantity (unless `years_too`);
    a bare number without a unit or a bound counts only in a row label (`years_too`), where "140" before "liter" is
    the quantity's own number."""
    out = []
    for m in _QUANTITY.finditer(text):
        low, high, unit, bound = m.group("low"), m.group("high"), m.group("unit"), m.group("bound")
        unit_name = UNITS.get(unit.lower()) if unit else None
        value = _number(low)
        if not years_too and not unit_name and not bound:
            continue  # "i 2023", "the 3 largest": no quantity
        if not unit_name and not high and 1900 <= value <= 2100 and re.fullmatch(r"\d{4}", low):
            continue
        b = None
        if bound:
            b = "above" if bound.lower() in ABOVE else "below"
        out.append(Quantity(value, _number(high) if high else None, unit_name, b))
    return out


def asked_quantities(question: str) -> list[Quantity]:
    """The quantities a question asks a row by: a number with a unit or a bound ("1000 litre", "over 30 m")."""
    return quantities(question)


def holds(label: str, asked: list[Quantity]) -> bool:
    """Whether a row's label (with the number the reader may have kept apart as its code) writes every quantity
    asked."""
    own = quantities(label, years_too=True)
    return bool(own) and all(any(q.same(o) for o in own) for q in asked)


def writes_quantity(label: str) -> bool:
    """Whether a label writes a quantity of its own (a number with a unit or a bound, or a range)."""
    return any(q.unit or q.bound or q.high is not None for q in quantities(label, years_too=True))



def printed_label(code: str | None, label: str) -> str:
    """The row's label as the report prints it when the reader kept its leading number apart as a code ("140" +
    "liter dunk" -> "140 liter dunk"): a number right before a unit word is the quantity, not a line code."""
    if code and re.fullmatch(r"\d+(?:[.,]\d+)?", code.strip()) and re.match(rf"(?:{_UNIT})(?![\wæøåäö²³])",
                                                                            label.strip(), re.I):
        return f"{code.strip()} {label.strip()}"
    return label


def printed_label_sql(alias: str) -> str:
    """SQL over a cell `alias`: `printed_label` of its row_code and row_label."""
    return (f"case when regexp_matches(coalesce({alias}.row_code, ''), '^[0-9]+([.,][0-9]+)?$') and "
            f"regexp_matches(lower({alias}.row_label), '^\\s*({_UNIT.lower()})([^a-z0-9æøåäö²³]|$)') "
            f"then trim({alias}.row_code) || ' ' || trim({alias}.row_label) else {alias}.row_label end")


def without_quantities(text: str) -> str:
    """The text without the quantities it writes with a unit ("140 liter dunk" -> "dunk", "Fartøyer over 30m" ->
    "Fartøyer"): what names the row beside the quantity that tells it from its neighbours."""
    out = _QUANTITY.sub(lambda m: " " if m.group("unit") else m.group(0), text)
    # a label the reader cut after its number ("liter dunk" of "140 liter dunk"): its leading unit word too
    return re.sub(rf"^\s*(?:{_UNIT})\s+(?=[a-zæøåäö])", " ", out)


def rows_of_quantity(question: str, labels: list[str], row_codes: dict) -> tuple[list[str], dict[str, list[str]]] | None:
    """Of `labels`, those writing the quantity the question asks by ("a 1000 litre bin" ~ "1000 liter dunk", "vessels
    over 30 m" ~ "Fartøyer over 30m"; the number may be the row's code, see `printed_label`), with the codes that pick a
    label's rows. The labels as they are when the question writes no quantity or no label writes one; None when they
    write quantities and none the one asked."""
    asked = asked_quantities(question)
    if not asked:
        return labels, {}
    kept, codes = [], {}
    for label in labels:
        if holds(label, asked):
            kept.append(label)
            continue
        mine = [c for c in sorted(row_codes.get(label, ())) if holds(printed_label(c, label), asked)]
        if mine:
            kept.append(label)
            codes[label] = mine
    if kept:
        return kept, codes
    return None if any(writes_quantity(label) or row_codes.get(label) for label in labels) else (labels, {})


# value added tax written with a price: "inkl. mva", "eks. mva", "including VAT", "exkl. moms" (language data)
_TAX = r"(?:mva|moms|vat|meirverdiavgift|merverdiavgift|mervärdesskatt)"
VAT_INCLUDED = re.compile(rf"(?<![\wæøå])(?:inkl\.?|inklusive|inkludert|inklusiv|including|incl\.?|med|with|medräknat)\s*"
                          rf"{_TAX}(?![\wæøå])", re.I)
VAT_EXCLUDED = re.compile(rf"(?<![\wæøå])(?:eks\.?|ekskl\.?|eksklusive|ekskludert|exkl\.?|exklusive|excluding|excl\.?|"
                          rf"uten|utan|without|før|before)\s*{_TAX}(?![\wæøå])", re.I)


def other_vat_columns(question: str) -> str | None:
    """A SQL regex (lower-cased) for the column heads a question asking a price with or without VAT does not ask
    ("inkludert mva" leaves out «Årsgebyr 2023 eks. mva»); None when it says neither or both."""
    incl, excl = bool(VAT_INCLUDED.search(question)), bool(VAT_EXCLUDED.search(question))
    if incl == excl:
        return None
    # (the heads as printed: "Gebyr med mva" beside "Gebyr utan mva")
    other = (r"(eks\.?|ekskl\.?|eksklusive|exkl\.?|excl\.?|excluding|uten|utan|without|før)" if incl else
             r"(inkl\.?|inklusive|inkludert|inklusiv|incl\.?|including|(?:^|[^a-zæøå])med|with|medräknat)")
    return other + r"\s*(mva|moms|vat)"
