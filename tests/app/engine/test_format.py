"""The one number formatter (app.engine.format, Babel): bokmål by default, English on request, percentages vs points."""
from __future__ import annotations

import math

import pytest

from app.engine.format import (
    answer_language,
    format_amount,
    format_change,
    format_measure,
    format_number,
    format_percent,
    format_points,
    format_value,
    vega_locale,
)

NBSP, MINUS = "\u00a0", "\u2212"


@pytest.mark.parametrize("value, decimals, lang, expected", [
    (1234567, 0, "nb", f"1{NBSP}234{NBSP}567"),
    (1234567.891, 2, "nb", f"1{NBSP}234{NBSP}567,89"),
    (1234567.891, 2, "en", "1,234,567.89"),
    (2.5, 1, "nb", "2,5"),
    (2.5, 1, "en", "2.5"),
    (-4572000, 0, "nb", f"{MINUS}4{NBSP}572{NBSP}000"),
    (-4572000, 0, "en", f"{MINUS}4,572,000"),
    (-0.04, 1, "nb", "0,0"),  # no "−0,0": it reads as a change where there is none
    (0, 0, "nb", "0"),
    (None, 0, "nb", "–"),
    (math.nan, 2, "en", "–"),
])
def test_format_number(value, decimals, lang, expected):
    assert format_number(value, decimals, lang) == expected


def test_years_are_not_grouped_and_text_passes_through():
    assert format_number(2020, 0, group=False) == "2020"
    assert format_number("VARIT") == "VARIT"


def test_percent_and_percentage_points_are_different_things():
    assert format_percent(4.7) == f"4,7{NBSP}%"
    assert format_percent(59.4, 1, "en") == "59.4%"
    assert format_points(-0.3) == f"{MINUS}0,3{NBSP}prosentpoeng"
    assert format_points(0.3, 1, "en") == f"+0.3{NBSP}percentage points"
    assert format_change(-0.3, "pct") == format_points(-0.3)
    assert "%" not in format_change(-0.3, "pct")


def test_amounts_and_measures_carry_their_unit():
    assert format_amount(1400000) == f"1{NBSP}400{NBSP}000{NBSP}kr"
    assert format_amount(1400000, "en") == f"NOK{NBSP}1,400,000"
    assert format_measure(18.25, "fte") == f"18,25{NBSP}årsverk"
    assert format_measure(18.25, "fte", "en") == f"18.25{NBSP}FTEs"
    assert format_measure(2.5, "pct") == f"2,5{NBSP}%"
    assert format_measure(4071.0, "count", "en") == "4,071"
    assert format_change(-3949000, "nok") == f"{MINUS}3{NBSP}949{NBSP}000{NBSP}kr"
    assert format_change(12, "count") == "+12"


def test_chart_axes_use_the_formatters_symbols():
    for lang in ("nb", "en"):
        number = vega_locale(lang)["number"]
        text = format_number(-1234.5, 1, lang)
        assert text == f"{number['minus']}1{number['thousands']}234{number['decimal']}5"


@pytest.mark.parametrize("value, uom, lang, expected", [
    (2.5, "pct", "nb", f"2,5{NBSP}%"),
    (99.81, "pct", "nb", f"99,81{NBSP}%"),  # the decimals the report printed are kept
    (1074000, "nok", "nb", f"1{NBSP}074{NBSP}000{NBSP}kr"),
    (-3965000, "nok", "nb", f"{MINUS}3{NBSP}965{NBSP}000{NBSP}kr"),
    (-3965000, "nok", "en", f"NOK{NBSP}{MINUS}3,965,000"),
    (81.3, "fte", "nb", f"81,3{NBSP}årsverk"),
    (30671, "count", "nb", f"30{NBSP}671"),
    (30671, "count", "en", "30,671"),
    (None, "pct", "nb", "ikke rapportert"),
    (None, "pct", "nn", "ikkje rapportert"),
    (None, "pct", "en", "not reported"),
])
def test_answer_values(value, uom, lang, expected):
    assert format_value(value, uom, lang) == expected


def test_decimals_follow_the_value_when_not_given():
    assert format_number(3.36) == "3,36"
    assert format_number(1234567.891, 1) == f"1{NBSP}234{NBSP}567,9"
    assert format_number(12.0) == "12"
    assert format_number(12.5) == "12,5"


def test_answer_language_sets_the_numbers_language_for_the_block_only():
    assert format_number(1234.5) == f"1{NBSP}234,5"
    with answer_language("en"):
        assert format_number(1234.5) == "1,234.5"
        assert format_percent(2.5) == "2.5%"
        assert format_number(1234.5, lang="nb") == f"1{NBSP}234,5"  # an explicit language wins
        with answer_language("nn"):
            assert format_value(None, "pct") == "ikkje rapportert"
        assert format_value(None, "pct") == "not reported"
    assert format_number(1234.5) == f"1{NBSP}234,5"
    with answer_language("xx"):  # an unknown language falls back to bokmål
        assert format_number(1234.5) == f"1{NBSP}234,5"
