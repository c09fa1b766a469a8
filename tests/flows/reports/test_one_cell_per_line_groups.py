"""Statements a web extraction printed one cell per line, blank lines between: a head of scope groups over periods
that the groups share unevenly ("Koncernen" over 2021 and 2020, "Kommunen" over 2021, Budget 2021 and 2020) and a
note column; each row a label line, its note, then one figure per line (invented texts)."""
from __future__ import annotations

import pytest

from flows.reports.document import read_cells


def _blocks(*cells: str) -> str:
    return "\n\n".join(cells) + "\n"


HEAD = ["Årsredovisning 2021", "Resultaträkning mnkr", "Not", "Koncernen", "Kommunen\n", "2021", "2020", "2021",
        "Budget\n2021", "2020"]
ROWS = ["Verksamhetens intäkter", "3", "1 106,9", "984,6", "699,1", "650,0", "703,3",
        "Verksamhetens kostnader", "4", "-3 520,1", "-3 401,8", "-3 390,2", "-3 420,0", "-3 280,4",
        "Avskrivningar", "5", "-270,5", "-255,3", "-130,2", "-135,0", "-126,9"]
TAIL = ["Verksamhetens nettokostnader\n", "-2 683,7", "-2 672,5", "-2 821,3", "-2 905,0", "-2 704,0",
        "Årets resultat mäts mot balanskravet och redovisas nedan."]


def _read(rows: list[str]):
    return read_cells("sv.txt", _blocks(*HEAD, *rows, *TAIL).encode("utf-8"))


def test_group_heads_over_uneven_spans_name_every_column_and_the_note_is_the_rows_note():
    report = _read(ROWS)
    cells = {(c.row_label, c.column_label): c for c in report.cells}
    assert {c.column_label for c in report.cells} == {"Koncernen 2021", "Koncernen 2020", "Kommunen 2021",
                                                       "Kommunen Budget 2021", "Kommunen 2020"}
    assert cells[("Verksamhetens intäkter", "Koncernen 2021")].value == 1_106_900_000  # mnkr
    assert cells[("Verksamhetens intäkter", "Kommunen Budget 2021")].value == 650_000_000
    assert cells[("Verksamhetens intäkter", "Kommunen Budget 2021")].scenario == "budget"
    assert cells[("Avskrivningar", "Kommunen 2020")].value == -126_900_000
    assert cells[("Avskrivningar", "Kommunen 2020")].column_year == 2020
    assert cells[("Avskrivningar", "Koncernen 2021")].row_code == "5"
    assert not any(c.value in (3_000_000, 4_000_000, 5_000_000, 3, 4, 5) for c in report.cells)  # notes are no figures
    # a row without a note: its five figures fill the five value columns
    assert cells[("Verksamhetens nettokostnader", "Koncernen 2021")].value == -2_683_700_000
    assert cells[("Verksamhetens nettokostnader", "Kommunen 2020")].value == -2_704_000_000


def test_an_empty_cell_printed_as_one_more_blank_line_keeps_its_column():
    rows = ROWS + ["Jämförelsestörande poster", "6", "12,4", "10,1", "8,0\n", "7,5"]
    cells = {(c.row_label, c.column_label): c.value for c in _read(rows).cells}
    assert {col: v for (row, col), v in cells.items() if row == "Jämförelsestörande poster"} == {
        "Koncernen 2021": 12_400_000, "Koncernen 2020": 10_100_000, "Kommunen 2021": 8_000_000,
        "Kommunen 2020": 7_500_000}


def test_a_row_one_figure_short_without_a_sign_of_its_empty_cell_keeps_no_column_and_warns():
    rows = ROWS + ["Jämförelsestörande poster", "6", "12,4", "10,1", "8,0", "7,5"]
    report = _read(rows)
    got = [c for c in report.cells if c.row_label == "Jämförelsestörande poster"]
    assert sorted(c.value for c in got) == [7_500_000, 8_000_000, 10_100_000, 12_400_000]  # the note 6 is no figure
    assert not any(c.column_label for c in got)
    assert any("4 cells under 5 columns at page 1" in w for w in report.layout.warnings)


def test_nynorsk_scopes_with_words_over_their_years():
    cells = ["Årsmelding 2021", "Resultatrekneskap (mill. kr)", "Note", "Kommunen", "Konsern\n", "Rekneskap\n2021",
             "Budsjett\n2021", "Rekneskap\n2020", "Rekneskap\n2021", "Rekneskap\n2020",
             "Driftsinntekter", "2", "812,4", "800,0", "790,1", "1 012,4", "990,3",
             "Driftsutgifter", "3", "-790,2", "-795,0", "-770,4", "-980,1", "-960,2", "Teksten held fram her."]
    got = {(c.row_label, c.column_label): c.value for c in read_cells("nn.txt", _blocks(*cells).encode("utf-8")).cells}
    assert got[("Driftsinntekter", "Kommunen Budsjett 2021")] == 800_000_000
    assert got[("Driftsinntekter", "Konsern Rekneskap 2021")] == 1_012_400_000
    assert got[("Driftsutgifter", "Kommunen Rekneskap 2020")] == -770_400_000
    assert len(got) == 10


# a real-shaped variant (invented text): the caption glued to its scale, the head's own note references printed
# between the group names and the years, a group row with no figures and a row with no note
GLUED_HEAD = ["=== [1] Resultaträkning ===", "Resultaträkning", "Resultaträkning{scale}", "Not", "Koncernen", "Kommunen\n",
              "1, 2", "2021", "2020", "2021", "Budget\n2021", "2020"]
GLUED_ROWS = ["Verksamhetens intäkter", "3", "1 106,9", "984,6", "699,1", "650,0", "703,3",
              "Verksamhetens kostnader", "4", "-3 215,2", "-3 122,3", "-2 911,8", "-3 107,7", "-3 055,3",
              "Jämförelsestörande poster" + "\n" * 10, "Årets resultat\n", "225,4", "133,9", "198,3", "40,0", "102,1"]


@pytest.mark.parametrize(("scale", "factor"), [("mnkr", 1e6), ("Mkr", 1e6), ("tkr", 1e3), ("MSEK", 1e6), ("i 1000 kr", 1e3)])
def test_a_glued_scale_and_the_heads_note_references_leave_every_column_named(scale, factor):
    head = [h.format(scale=scale) for h in GLUED_HEAD]
    report = read_cells("sv.txt", _blocks(*head, *GLUED_ROWS).encode("utf-8"))
    got = {(c.row_label, c.column_label): c for c in report.cells}
    columns = ["Koncernen 2021", "Koncernen 2020", "Kommunen 2021", "Kommunen Budget 2021", "Kommunen 2020"]
    assert {c.column_label for c in report.cells} == set(columns)
    assert [got[("Årets resultat", col)].value for col in columns] == [
        pytest.approx(v * factor) for v in (225.4, 133.9, 198.3, 40.0, 102.1)]
    assert got[("Verksamhetens intäkter", "Kommunen Budget 2021")].value == pytest.approx(650.0 * factor)
    assert got[("Verksamhetens kostnader", "Koncernen 2021")].row_code == "4"
    assert got[("Verksamhetens intäkter", "Koncernen 2021")].row_code == "3"
    assert len(report.cells) == 15  # the notes (1, 2, 3, 4) are no figures; the group row prints none
