"""Footnote markers after a figure ("38*", "95**", "1 234¹", "12,5 %*", "28 a)") are no part of the figure and no
label, and a marker alone in a cell ("*") is an empty cell with a note: the table keeps its rows, its columns and
its caption (invented texts in Swedish, bokmål and nynorsk)."""
from __future__ import annotations

import pytest

from flows.reports.cells import parse_cell
from flows.reports.document import read_cells
from flows.reports.numbers import split_label_and_values


def _lines(*parts: str) -> str:
    return "\n\n".join(parts) + "\n"


def _read(name: str, text: str):
    return read_cells(name, text.encode("utf-8")).cells


@pytest.mark.parametrize(("printed", "value"), [
    ("38*", 38.0), ("95**", 95.0), ("1 234*", 1234.0), ("1 234¹", 1234.0), ("12,5 %*", 12.5), ("28 a)", 28.0),
    ("4,7 1)", 4.7), ("-6 279*", -6279.0)])
def test_a_marker_after_a_figure_is_not_part_of_it(printed, value):
    assert parse_cell(printed)[0] == value


@pytest.mark.parametrize("printed", ["*", "**", "¹"])
def test_a_lone_marker_is_an_empty_cell(printed):
    assert parse_cell(printed) is None


def test_marked_figures_end_the_label():
    assert split_label_and_values("Brand utomhus 38* 95* 65*") == ("Brand utomhus", "38* 95* 65*")
    assert split_label_and_values("Skogsbrand 28* * *") == ("Skogsbrand", "28* * *")


def test_one_value_per_line_table_keeps_its_rows_after_marked_figures_swedish():
    text = _lines("Räddningstjänstens insatser", "Antal insatser per typ av händelse.", "Typ av insats", "2019", "2018",
                  "2017", "Brand i byggnad", "50", "53", "62", "Brand utomhus", " 38*", "95*", "65*", "Skogsbrand",
                  "28*", "*", "*", "Trafikolycka", "112", "104", "1 234*", "Andel larm i tid", "12,5 %*", "11,0 %",
                  "9,8 %", "Totalt antal insatser", "228", "252", "241", "* Uppgiften är preliminär.",
                  "Kommunen fortsätter arbetet med förebyggande insatser under kommande år.")
    cells = _read("sv.txt", text)
    by = {(c.row_label, c.column_year): c for c in cells}
    assert by[("Brand utomhus", 2018)].value == 95
    assert by[("Brand utomhus", 2018)].printed == "95*"
    assert by[("Skogsbrand", 2019)].value == 28
    assert ("Skogsbrand", 2018) not in by and ("Skogsbrand", 2017) not in by  # "*": empty
    assert by[("Trafikolycka", 2017)].value == 1234
    assert by[("Andel larm i tid", 2019)].value == 12.5
    assert by[("Totalt antal insatser", 2018)].value == 252
    assert {c.row_label for c in cells} == {"Brand i byggnad", "Brand utomhus", "Skogsbrand", "Trafikolycka",
                                            "Andel larm i tid", "Totalt antal insatser"}
    assert len({c.caption for c in cells}) == 1 and "*" not in cells[0].caption
    assert not any("*" in c.row_label for c in cells)


def test_marks_in_a_one_value_per_line_table_bokmal_superscripts_and_letters():
    text = _lines("Barnehager", "Antall barn i kommunale barnehager", "Barnehage", "2022", "2021", "Nordby barnehage",
                  "45¹", "48", "Sørby barnehage", "¹", "33 a)", "Vestby barnehage", "61", "59¹",
                  "¹ Barnehagen åpnet i august.")
    by = {(c.row_label, c.column_year): c.value for c in _read("nb.txt", text)}
    assert by == {("Nordby barnehage", 2022): 45, ("Nordby barnehage", 2021): 48, ("Sørby barnehage", 2021): 33,
                  ("Vestby barnehage", 2022): 61, ("Vestby barnehage", 2021): 59}
