"""The one formatter of numbers, percentages, percentage points and amounts (Babel, CLDR data).

Bokmål by default: "1 234 567,8", "2,5 %", "−0,3 prosentpoeng", "1 234 kr". English on request:
"1,234,567.8", "2.5%", "−0.3 percentage points", "NOK 1,234". The CLI, the engine's answer sentences,
the tables and the chart axes all call these functions; nothing else formats a number for people.
Light on purpose (Babel only) so the engine can import it without the UI's chart libraries.

    format_number(value, decimals=0, lang="nb", group=True)
    format_percent(value, decimals=1, lang="nb")        value in percent: 2.5 -> "2,5 %"
    format_points(value, decimals=1, lang="nb")         a difference of two percentages, signed
    format_amount(value, lang="nb", decimals=0)         NOK
    format_measure(value, unit_of_measure, lang="nb")   by the metric catalog's unit_of_measure
    format_change(value, unit_of_measure, lang="nb")    a signed change; points for percentages
"""
from __future__ import annotations

import math
from decimal import Decimal
from numbers import Number

from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol, get_minus_sign_symbol

LOCALES = {"nb": "nb_NO", "nn": "nn_NO", "en": "en_GB"}
DEFAULT_LANG = "nb"
MISSING = "–"
MINUS = "\u2212"  # shown in every language: a hyphen is easily lost next to a dash or a range

_WORDS = {
    "nb": {"points": "prosentpoeng", "per_capita": "per innbygger", "fte": "årsverk"},
    "nn": {"points": "prosentpoeng", "per_capita": "per innbyggjar", "fte": "årsverk"},
    "en": {"points": "percentage points", "per_capita": "per inhabitant", "fte": "FTEs"},
}


def locale_of(lang: str | None) -> str:
    return LOCALES.get(lang or DEFAULT_LANG, LOCALES[DEFAULT_LANG])


def _words(lang: str | None) -> dict[str, str]:
    return _WORDS.get(lang or DEFAULT_LANG, _WORDS[DEFAULT_LANG])


def is_missing(value: object) -> bool:
    """None, NaN and pandas' NA/NaT (recognised by type name: pandas is not imported here)."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return type(value).__name__ in ("NAType", "NaTType")


def format_number(value: object, decimals: int = 0, lang: str = DEFAULT_LANG, group: bool = True,
                  signed: bool = False) -> str:
    """A number with exactly `decimals` decimals in the language's style; text is returned as is,
    a missing value as "–". `group=False` for identifiers such as years."""
    if is_missing(value):
        return MISSING
    if not isinstance(value, Number) or isinstance(value, bool):
        return str(value)
    pattern = ("#,##0" if group else "0") + ("." + "0" * decimals if decimals > 0 else "")
    number = Decimal(repr(float(value))) if isinstance(value, float) else value
    text = format_decimal(number, format=pattern, locale=locale_of(lang), decimal_quantization=True)
    negative = text.startswith(("-", get_minus_sign_symbol(locale_of(lang))))
    digits = text.lstrip("-" + get_minus_sign_symbol(locale_of(lang)))
    if negative and digits.strip("0,.\u00a0 ") == "":  # −0,0 reads as a change: it is none
        negative = False
    if negative:
        return MINUS + digits
    return ("+" + digits) if signed and digits.strip("0,.\u00a0 ") else digits


def format_percent(value: object, decimals: int = 1, lang: str = DEFAULT_LANG, signed: bool = False) -> str:
    """A percentage given in percent (2.5 means 2,5 %)."""
    if is_missing(value):
        return MISSING
    return format_number(value, decimals, lang, signed=signed) + ("%" if lang == "en" else "\u00a0%")


def format_points(value: object, decimals: int = 1, lang: str = DEFAULT_LANG, signed: bool = True) -> str:
    """A difference of two percentages: "−0,3 prosentpoeng", never "−0,3 %"."""
    if is_missing(value):
        return MISSING
    return f"{format_number(value, decimals, lang, signed=signed)}\u00a0{_words(lang)['points']}"


def format_amount(value: object, lang: str = DEFAULT_LANG, decimals: int = 0, signed: bool = False) -> str:
    """An amount in NOK: "1 234 kr" in Norwegian, "NOK 1,234" in English."""
    if is_missing(value):
        return MISSING
    text = format_number(value, decimals, lang, signed=signed)
    return f"NOK\u00a0{text}" if lang == "en" else f"{text}\u00a0kr"


def measure_decimals(value: object, unit_of_measure: str | None) -> int:
    """Decimals that show a value of this kind honestly: percentages 1 (2 below 10 when they carry them),
    FTEs up to 2, amounts and counts none unless the value has a fraction."""
    if is_missing(value) or not isinstance(value, Number):
        return 0
    v = float(value)
    if unit_of_measure == "pct":
        return 2 if abs(v) < 10 and round(v, 1) != round(v, 2) else 1
    if unit_of_measure == "fte":
        return 0 if v.is_integer() else (1 if round(v, 1) == round(v, 2) else 2)
    if unit_of_measure in ("nok", "nok_per_capita"):
        return 0
    return 0 if v.is_integer() else (1 if round(v, 1) == round(v, 2) else 2)


def format_measure(value: object, unit_of_measure: str | None, lang: str = DEFAULT_LANG,
                   decimals: int | None = None) -> str:
    """A value of a catalog metric with its unit: pct, nok, nok_per_capita, fte, count."""
    if is_missing(value):
        return MISSING
    d = measure_decimals(value, unit_of_measure) if decimals is None else decimals
    if unit_of_measure == "pct":
        return format_percent(value, d, lang)
    if unit_of_measure == "nok":
        return format_amount(value, lang, d)
    if unit_of_measure == "nok_per_capita":
        return f"{format_amount(value, lang, d)} {_words(lang)['per_capita']}"
    if unit_of_measure == "fte":
        return f"{format_number(value, d, lang)}\u00a0{_words(lang)['fte']}"
    return format_number(value, d, lang)


def format_change(value: object, unit_of_measure: str | None, lang: str = DEFAULT_LANG,
                  decimals: int | None = None) -> str:
    """A signed change of a metric: percentage points for percentages, else the metric's own unit."""
    if is_missing(value):
        return MISSING
    d = measure_decimals(value, unit_of_measure) if decimals is None else decimals
    if unit_of_measure == "pct":
        return format_points(value, d, lang)
    if unit_of_measure in ("nok", "nok_per_capita"):
        return format_amount(value, lang, d, signed=True)
    return format_number(value, d, lang, signed=True)


def vega_locale(lang: str = DEFAULT_LANG) -> dict:
    """The same symbols for chart axes (Vega-Lite number locale)."""
    loc = locale_of(lang)
    return {"number": {"decimal": get_decimal_symbol(loc), "thousands": get_group_symbol(loc), "grouping": [3],
                       "currency": ["NOK\u00a0", ""] if lang == "en" else ["", "\u00a0kr"], "minus": MINUS}}
