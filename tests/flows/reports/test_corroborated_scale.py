"""The scale of a table that prints none, decided by the document itself: the running text states the table's total
(or its figures) with a magnitude ("Sum utgift på tenesteområda 412,5 mill. kroner"), and the table read in 1 000 kr
adds up to it; a unit following a figure of a sentence above the table is that figure's, no declaration; a table of
areas setting accounts against budget in whole figures under a million is assumed to be in 1 000 kr. The reason is
always in `scale_method`. (Invented documents.)"""
from __future__ import annotations

from pathlib import Path

import pytest

from flows.reports.document import read_cells
from flows.reports.layout.scale import corroborated_scale, find_scale_source, stated_amounts

HEAD = "Regnskap 2031 Rev. budsjett 2031 Oppr. budsjett 2031 Avvik"
AREAS = [
    "Sentraladministrasjon 41 220 40 100 39 800 -1 120",
    "Grunnskole 152 310 150 900 149 000 -1 410",
    "Pleie og omsorg 171 045 172 400 170 100 1 355",
    "Kultur 11 980 12 300 12 300 320",
    "Teknisk drift 35 940 34 800 33 900 -1 140",
]  # Regnskap sums to 412 495


def _cells(tmp_path: Path, text: str, name: str = "areas.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_cells(path)


def _value(report, label: str, column: str):
    return next(c for c in report.cells if c.row_label == label and c.column_label == column)


def test_a_stated_total_the_column_adds_up_to_decides_thousands(tmp_path):
    text = "\n\n".join([
        "Tenesteområda",
        "Tenesteområda fekk eit meirforbruk. Sum utgift på tenesteområda 412,5 (398,0) mill. kroner i 2031.",
        "Avvik per tenesteområde",
        "\n".join([HEAD, *AREAS]),
    ]) + "\n"
    report = _cells(tmp_path, text)
    cell = _value(report, "Grunnskole", "Regnskap 2031")
    assert cell.value == 152_310_000
    assert cell.scale_method.startswith("inferred"), cell.scale_method
    assert "412,5" in cell.scale_method and "Regnskap 2031" in cell.scale_method, "the evidence is named"


def test_a_total_row_equal_to_a_stated_amount_in_kroner_keeps_the_figures(tmp_path):
    text = "\n\n".join([
        "Prosjekt",
        "Prosjektet kosta til saman 2,41 mill. kroner.",
        "Kostnader\nRegnskap 2031 Budsjett 2031\nKonsulent 1 204 300 1 100 000\nUtstyr 1 206 050 1 300 000\n"
        "Sum 2 410 350 2 400 000",
    ]) + "\n"
    report = _cells(tmp_path, text)
    cell = _value(report, "Konsulent", "Regnskap 2031")
    assert cell.value == 1_204_300 and cell.scale == 1.0
    assert cell.scale_method.startswith("inferred"), cell.scale_method


def test_the_unit_of_a_figure_in_a_sentence_above_is_no_declaration(tmp_path):
    said = "Sum utgift på tenesteområda 412,5 (398,0) mill. kroner i 2031."
    assert find_scale_source([(said, "line above")]) is None
    assert find_scale_source([("Beløp i mill. kroner", "line above")]) is not None
    text = "\n\n".join(["Tenesteområda", said, "\n".join([HEAD, *AREAS[:3]])]) + "\n"
    report = _cells(tmp_path, text)
    assert report.cells
    assert all(c.scale < 1e6 for c in report.cells), {c.scale_method for c in report.cells}


def test_an_accounts_against_budget_table_of_areas_is_assumed_thousands(tmp_path):
    text = "\n\n".join(["Tenesteområda", "Tabellen viser rekneskap mot budsjett.", "\n".join([HEAD, *AREAS])]) + "\n"
    report = _cells(tmp_path, text)
    cell = _value(report, "Kultur", "Oppr. budsjett 2031")
    assert cell.value == 12_300_000
    assert cell.scale_method.startswith("assumed"), cell.scale_method


@pytest.mark.parametrize("rows", [
    ["Antall elever 1 520 1 490 1 500 -20", "Antall lærere 152 150 150 -2", "Antall skoler 12 12 12 0"],  # counts
    ["Sentraladministrasjon 41,2 40,1 39,8 -1,1", "Grunnskole 152,3 150,9 149,0 -1,4", "Kultur 11,9 12,3 12,3 0,4"],
    ["Sentraladministrasjon 41 220 400 40 100 000 39 800 000 -1 120 400", "Grunnskole 152 310 000 150 900 000 149 000 000 "
     "-1 410 000", "Kultur 11 980 000 12 300 000 12 300 000 320 000"],  # kroner
])
def test_other_tables_of_accounts_against_budget_stay_as_printed(tmp_path, rows):
    text = "\n\n".join(["Tenesteområda", "Tabellen viser rekneskap mot budsjett.", "\n".join([HEAD, *rows])]) + "\n"
    report = _cells(tmp_path, text)
    assert report.cells
    assert {c.scale for c in report.cells} == {1.0}, {c.scale_method for c in report.cells}


def test_the_corroboration_is_pure_and_refuses_a_tie():
    stated = stated_amounts(["Sum utgift på tenesteområda 412,5 mill. kroner.", "Samla lånegjeld er 412,5 mrd. kroner."])
    assert {s[0] for s in stated} == {412_500_000.0, 412_500_000_000.0}
    column = [("Regnskap 2031", [("41 220", 41_220.0, False), ("152 310", 152_310.0, False),
                                 ("171 045", 171_045.0, False), ("47 920", 47_920.0, False)])]
    # the column adds up to the first sentence's total in 1 000 kr and to the second's in millions: no decision
    assert corroborated_scale(column, stated) is None
    assert corroborated_scale(column, stated[:1])[0] == 1e3
    assert corroborated_scale(column, []) is None
    # a sentence stating no whole: a sum that happens to match it is no evidence
    assert corroborated_scale(column, stated_amounts(["Det vart brukt 412,5 mill. kroner på skulebygg."])) is None


def test_a_swedish_table_of_committees_against_budget_is_not_assumed(tmp_path):
    """Swedish reports print "mnkr" as often as "tkr": a committee's "12 400" is either, so no scale is assumed."""
    text = "\n\n".join(["Nämnderna", "Tabellen visar utfall mot budget.",
                        "Utfall 2031 Budget 2031 Avvikelse\nKommunstyrelse 12 400 12 100 -300\n"
                        "Barn och utbildning 45 000 46 200 1 200\nKultur 3 100 3 000 -100"]) + "\n"
    report = _cells(tmp_path, text)
    assert report.cells
    assert {c.scale for c in report.cells} == {1.0}, {c.scale_method for c in report.cells}
