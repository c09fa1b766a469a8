"""The one formatter of numbers, percentages, percentage points and amounts (Babel, CLDR data).

Bokmål by default: "1 234 567,8", "2,5 %", "−0,3 prosentpoeng", "1 234 kr". English on request:
"1,234,567.8", "2.5%", "−0.3 percentage points", "NOK 1,234". The CLI, the engine's answer sentences
(planner and question families), the UI's tables, metrics and chart axes all call these functions;
nothing else formats a number for people. Light on purpose (Babel only).

`lang` is "nb", "nn" or "en". Left out (None), it is the language of the answer being written:
`answer_language(lang)` sets it around one question, so a family that writes
`format_number(value)` writes English numbers in an English answer.

    format_number(value, decimals=None, lang=None, group=True)   decimals None: as many as the value has, ≤ 2
    format_percent(value, decimals=1, lang=None)        value in percent: 2.5 -> "2,5 %"
    format_points(value, decimals=1, lang=None)         a difference of two percentages, signed
    format_amount(value, lang=None, decimals=0)         NOK
    format_measure(value, unit_of_measure, lang=None)   by the metric catalog's unit_of_measure
    format_change(value, unit_of_measure, lang=None)    a signed change; points for percentages
"""
from __future__ import annotations

import math
import re
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal
from numbers import Number

from babel.dates import format_date, format_time
from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol, get_minus_sign_symbol

LOCALES = {"nb": "nb_NO", "nn": "nn_NO", "en": "en_GB"}
DEFAULT_LANG = "nb"
MISSING = "–"
_ANSWER_LANG: ContextVar[str] = ContextVar("answer_language", default=DEFAULT_LANG)
MINUS = "\u2212"  # shown in every language: a hyphen is easily lost next to a dash or a range

_WORDS = {
    "nb": {"points": "prosentpoeng", "per_capita": "per innbygger", "fte": "årsverk"},
    "nn": {"points": "prosentpoeng", "per_capita": "per innbyggjar", "fte": "årsverk"},
    "en": {"points": "percentage points", "per_capita": "per inhabitant", "fte": "FTEs"},
}
_NOT_REPORTED = {"nb": "ikke rapportert", "nn": "ikkje rapportert", "en": "not reported"}


@contextmanager
def answer_language(lang: str | None):
    """Numbers formatted inside this block without a `lang` are in this language."""
    token = _ANSWER_LANG.set(lang if lang in LOCALES else DEFAULT_LANG)
    try:
        yield
    finally:
        _ANSWER_LANG.reset(token)


def current_language(lang: str | None = None) -> str:
    """`lang` when given and known, else the language of the answer being written."""
    return lang if lang in LOCALES else _ANSWER_LANG.get()


def locale_of(lang: str | None) -> str:
    return LOCALES[current_language(lang)]


def _words(lang: str | None) -> dict[str, str]:
    return _WORDS[current_language(lang)]


def is_missing(value: object) -> bool:
    """None, NaN and pandas' NA/NaT (recognised by type name: pandas is not imported here)."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return type(value).__name__ in ("NAType", "NaTType")


def format_number(value: object, decimals: int | None = None, lang: str | None = None, group: bool = True,
                  signed: bool = False) -> str:
    """A number with exactly `decimals` decimals in the language's style (None: the decimals the value
    has, at most 2); text is returned as is, a missing value as "–". `group=False` for identifiers such
    as years."""
    if is_missing(value):
        return MISSING
    if not isinstance(value, Number) or isinstance(value, bool):
        return str(value)
    if decimals is None:
        decimals = measure_decimals(value, None)
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


def format_percent(value: object, decimals: int | None = 1, lang: str | None = None, signed: bool = False) -> str:
    """A percentage given in percent (2.5 means 2,5 %); decimals None: as the value has them (1 or 2)."""
    if is_missing(value):
        return MISSING
    if decimals is None:
        decimals = measure_decimals(value, "pct")
    text = format_number(value, decimals, lang, signed=signed)
    return text + ("%" if current_language(lang) == "en" else "\u00a0%")


def format_points(value: object, decimals: int | None = 1, lang: str | None = None, signed: bool = True) -> str:
    """A difference of two percentages: "−0,3 prosentpoeng", never "−0,3 %"."""
    if is_missing(value):
        return MISSING
    if decimals is None:
        decimals = measure_decimals(value, "pct")
    return f"{format_number(value, decimals, lang, signed=signed)}\u00a0{_words(lang)['points']}"


def format_amount(value: object, lang: str | None = None, decimals: int = 0, signed: bool = False) -> str:
    """An amount in NOK: "1 234 kr" in Norwegian, "NOK 1,234" in English."""
    if is_missing(value):
        return MISSING
    text = format_number(value, decimals, lang, signed=signed)
    return f"NOK\u00a0{text}" if current_language(lang) == "en" else f"{text}\u00a0kr"


_CURRENCY_SIGNS = {"EUR": "€", "USD": "US$", "GBP": "£"}
_KRONER = ("NOK", "SEK", "DKK")  # figures in kroner show no sign of their own (reports print "kr" for all three)


def format_in_currency(value: object, scale_method: str | None, lang: str | None = None, decimals: int | None = None) -> str:
    """A printed report figure in the currency its scale note names (the reader writes "...; currency EUR" at its end,
    `flows.reports.layout.scale.with_currency`): "12 450 000 €" in Norwegian, "€12,450,000" in English; kroner and no
    currency: the number alone, as every report cell is shown."""
    text = format_number(value, decimals, lang)
    m = re.search(r"; currency ([A-Z]{3})$", scale_method or "")
    currency = m.group(1) if m else None
    if is_missing(value) or not currency or currency in _KRONER:
        return text
    sign = _CURRENCY_SIGNS.get(currency, currency)
    return f"{sign}{text}" if current_language(lang) == "en" and len(sign) <= 3 and not sign.isalpha() \
        else f"{text}\u00a0{sign}"


def measure_decimals(value: object, unit_of_measure: str | None) -> int:
    """Decimals that show a value of this kind honestly: percentages 1 (2 when they carry them),
    FTEs up to 2, amounts none, other numbers none unless the value has a fraction (then up to 2)."""
    if is_missing(value) or not isinstance(value, Number):
        return 0
    v = float(value)
    if unit_of_measure == "pct":
        return 2 if round(v, 1) != round(v, 2) else 1
    if unit_of_measure == "fte":
        return 0 if v.is_integer() else (1 if round(v, 1) == round(v, 2) else 2)
    if unit_of_measure in ("nok", "nok_per_capita"):
        return 0
    return 0 if v.is_integer() else (1 if round(v, 1) == round(v, 2) else 2)


def format_measure(value: object, unit_of_measure: str | None, lang: str | None = None,
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


def format_change(value: object, unit_of_measure: str | None, lang: str | None = None,
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


def format_value(value: object, unit_of_measure: str | None, lang: str | None = None) -> str:
    """A value in an answer sentence: as format_measure, and a missing one says it was not reported."""
    if is_missing(value):
        return _NOT_REPORTED[current_language(lang)]
    return format_measure(value, unit_of_measure, lang)


def format_timestamp(value, lang: str | None = None, tz: str = "Europe/Oslo") -> str:
    """A moment as the wall-clock time in Norway, in the language's short date style: "01.10.2021 00:00",
    "01/10/2021 00:00". A naive datetime is taken as UTC (the pipeline stores UTC)."""
    if is_missing(value):
        return MISSING
    from datetime import timezone
    from zoneinfo import ZoneInfo

    moment = value.to_pydatetime() if hasattr(value, "to_pydatetime") else value
    moment = (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).astimezone(ZoneInfo(tz))
    loc = locale_of(lang)
    return f"{format_date(moment, 'short', locale=loc)} {format_time(moment, 'HH:mm', locale=loc)}"


def vega_locale(lang: str | None = None) -> dict:
    """The same symbols for chart axes (Vega-Lite number locale)."""
    loc = locale_of(lang)
    english = current_language(lang) == "en"
    return {"number": {"decimal": get_decimal_symbol(loc), "thousands": get_group_symbol(loc), "grouping": [3],
                       "currency": ["NOK\u00a0", ""] if english else ["", "\u00a0kr"], "minus": MINUS}}
