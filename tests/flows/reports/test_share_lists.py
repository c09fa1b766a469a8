"""Ownership and participant lists flattened by a text extraction (layout/shares.py): each name/share pair is a
cell, the row the name, the column the share word printed with the pairs or above them. Invented pages."""
from __future__ import annotations

from flows.reports.document import read_cells
from flows.reports.layout.shares import _pairs


def _cells(tmp_path, text: str, name: str = "side.txt") -> dict[tuple[str, str], float]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return {(c.row_label, c.column_label): c.value for c in read_cells(path).cells}


def test_bokmal_owners_on_one_line_add_up_to_the_whole(tmp_path):
    cells = _cells(tmp_path, "Eierforhold\n\nSelskapet eies av:\n\n"
                   "Nordby kommune 25,0 % Sørvik kommune 12,5 % Vestdal kommune 62,5 %\n")
    assert cells == {("Nordby kommune", ""): 25.0, ("Sørvik kommune", ""): 12.5, ("Vestdal kommune", ""): 62.5}


def test_share_word_printed_with_each_pair_names_the_column(tmp_path):
    cells = _cells(tmp_path, "Eigarane\n\nEigardelane er avtalte slik:\n\n"
                   "Austvik eigardel: 40,0 %\nNordfjell eigardel: 35,0 %\nHavøy eigardel: 25,0 %\n  100,0 %\n")
    assert cells[("Austvik", "eigardel")] == 40.0 and cells[("Havøy", "eigardel")] == 25.0
    assert len([k for k in cells if k[1] == "eigardel"]) == 3


def test_danish_caption_and_counts_of_shares(tmp_path):
    cells = _cells(tmp_path, "Ejerforhold\n\nEjerandel\n\n"
                   "Nordby 300 anparter 30 % Sydhavn 500 anparter 50 % Vesterby 100 anparter 10 %\n")
    assert cells[("Nordby", "Ejerandel")] == 30.0 and cells[("Vesterby", "Ejerandel")] == 10.0
    assert cells[("Sydhavn", "anparter")] == 500.0


def test_swedish_agarandel_in_the_caption_without_a_total_of_100(tmp_path):
    cells = _cells(tmp_path, "Bolaget ägs av kommunerna. Ägarandel i procent:\n\n"
                   "Norrby kommun 40 procent, Söderby kommun 20 procent och Västerby kommun 15 procent\n")
    assert cells == {("Norrby kommun", "Ägarandel"): 40.0, ("Söderby kommun", "Ägarandel"): 20.0,
                     ("Västerby kommun", "Ägarandel"): 15.0}


def test_a_sentence_with_percentages_is_no_owner_list(tmp_path):
    cells = _cells(tmp_path, "Sykefraværet\n\nSykefraværet gikk ned fra 7,5 % i fjor til 6,1 % i år, og "
                   "korttidsfraværet var 1,2 %.\n")
    assert not any(col in ("andel", "eierandel") for _, col in cells)
    assert _pairs("Sykefraværet gikk ned fra 7,5 % i fjor til 6,1 % i år") is None


def test_shares_that_do_not_add_up_and_no_share_word_are_left_alone():
    assert _pairs("Nordby 25,0 % Sørvik 12,5 %") is not None  # pairs, but no evidence: expand_shares skips them
    from flows.reports.layout.model import Line
    from flows.reports.layout.shares import expand_shares

    lines = [Line(page=1, number=1, text="Resultat"), Line(page=1, number=2, text="Nordby 25,0 % Sørvik 12,5 %")]
    assert [line.text for line in expand_shares(lines)] == ["Resultat", "Nordby 25,0 % Sørvik 12,5 %"]
