import pytest

from app.engine.answer import detect_language, split_sources
from app.engine.text import normalise


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
    assert "−0,3\u00a0prosentpoeng" in nb and "%" not in nb.split("Endring")[1]  # the one formatter (Babel)
    assert "−0.3\u00a0percentage points" in en
