"""Owner lists run into a paragraph: an introduction, the list's heads before colons, name + share pairs, then prose
(invented texts in bokmål and English)."""
from __future__ import annotations

from flows.reports.document import read_cells


def test_owner_list_between_an_introduction_and_prose():
    text = ("Årsrapport 2021\n\nSelskapet har følgende eierskap: Kommune: Eierandel: Nordby 3,85 % Sørvik 7,69 % "
            "Austvik 30,77 % Vestby 57,69 % Selskapet ledes av et styre med 12 medlemmer.\n")
    rep = read_cells("nb.txt", text.encode("utf-8"))
    cells = {(c.row_label, c.column_label): c.value for c in rep.cells}
    assert cells[("Nordby", "Eierandel")] == 3.85
    assert cells[("Vestby", "Eierandel")] == 57.69
    assert len(rep.cells) == 4
    assert any(f.value == 12 for f in rep.figures)  # the prose after the list is still read


def test_english_owner_list_followed_by_prose():
    text = "Annual report 2021\n\nThe company is owned as follows: Municipality: Share: Northtown 25,0 % Southport " \
           "25,0 % Eastwick 50,0 % The board met six times.\n"
    cells = {(c.row_label, c.column_label): c.value for c in read_cells("en.txt", text.encode("utf-8")).cells}
    assert cells == {("Northtown", "Share"): 25.0, ("Southport", "Share"): 25.0, ("Eastwick", "Share"): 50.0}


def test_a_sentence_with_shares_is_no_owner_list():
    text = "Årsrapport 2021\n\nResultat: Sykefraværet var 6,2 % og andelen heltid økte til 45,1 % i fjor.\n"
    assert read_cells("nb.txt", text.encode("utf-8")).cells == []
