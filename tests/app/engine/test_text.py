import pytest

from app.engine.answer import detect_language, split_sources
from app.engine.text import format_number, format_value, normalise


@pytest.mark.parametrize("value, uom, expected", [
    (2.5, "pct", "2,5 %"),
    (99.81, "pct", "99,81 %"),
    (1074000, "nok", "1 074 000 kr"),
    (-3965000, "nok", "−3 965 000 kr"),
    (81.3, "fte", "81,3 årsverk"),
    (30671, "count", "30 671"),
    (None, "pct", "ikke rapportert"),
])
def test_norwegian_number_formatting(value, uom, expected):
    assert format_value(value, uom) == expected


def test_format_number_keeps_requested_decimals():
    assert format_number(3.36, 2) == "3,36"
    assert format_number(1234567.891, 1) == "1 234 567,9"


def test_normalise_keeps_slashes_and_drops_punctuation():
    assert normalise("Sykefravær i VR Lønn/Regnskap – 2020?") == "sykefravær i vr lønn/regnskap - 2020"


@pytest.mark.parametrize("question, lang", [
    ("what was the sick leave for VR lønn in 2020", "en"),
    ("hva var sykefraværet for VR lønn i 2020", "nb"),
    ("kva var sjukefråveret i VARIT", "nn"),  # nynorsk questions get nynorsk answers
])
def test_detect_language(question, lang):
    assert detect_language(question) == lang


def test_split_sources_moves_provenance_out_of_the_rows():
    columns = ["unit", "year", "v", "source_document", "source_page", "source_excerpt"]
    rows = [("A", 2020, 1.0, "a.pdf", 3, " Totalt 2,5%. "), ("A", 2021, 2.0, "a.pdf", 3, " Totalt 2,5%. ")]
    cols, out_rows, sources = split_sources(columns, rows)
    assert cols == ["unit", "year", "v"]
    assert out_rows == [["A", 2020, 1.0], ["A", 2021, 2.0]]
    assert sources == [{"document": "a.pdf", "page": 3, "excerpt": "Totalt 2,5%."}]


def test_a_change_of_a_percentage_is_stated_in_percentage_points():
    from app.engine.answer import metric_sentence
    from app.engine.catalog_model import Metric
    from app.engine.planner import Plan

    metrics = {"sick_leave_pct": Metric("sick_leave_pct", "Sykefravær", "Sick leave", (), "pct", False, "")}
    plan = Plan(question="q", family="change", metrics=["sick_leave_pct"])
    columns = ["unit", "year", "sick_leave_pct", "change_from_previous"]
    rows = [["Eksempel", 2020, 5.0, None], ["Eksempel", 2021, 4.7, -0.3]]
    nb = metric_sentence(plan, metrics, columns, rows, "nb")
    en = metric_sentence(plan, metrics, columns, rows, "en")
    assert "−0,3 prosentpoeng" in nb and "−0,3 %" not in nb
    assert "−0.3 percentage points" in en
