"""Glued web tables: a scale printed in a row's label right before its figures ("Balansomslutning, 1 000 €18 51819 093":
the "1 000" is the scale, not a figure) scales that row and leaves the label without it; rows parted by blank lines
stay rows of the table above them until a heading or prose ends it. Fixtures written for these tests."""
from __future__ import annotations

from pathlib import Path

from flows.reports.document import read_cells
from flows.reports.layout.glued import label_scale
from flows.reports.layout.scale import currency_in

KEY_FIGURES = """Eksempel havn IKS, årsmelding 2021

Nøkkeltall20212020
Balansomslutning, 1 000 €18 51819 093
Eiendeler (mill. kr)1 2341 198
Driftsinntekter i tkr45 60143 377
Antall ansatte4241

Om året som gikk.
"""

RUNS_ON = """Eksempel kommune, årsberetning 2021

Resultatregnskap (1000 kr)20212020
Driftsinntekter1 234 5671 198 765
Driftsutgifter-1 200 100-1 150 200

Netto finansutgifter-12 345-11 222
Netto driftsresultat22 12237 343


Avsetninger
Til disposisjonsfond10 0005 000
Bruk av fond-4 000
-3 500

Om fondene skriver vi dette i neste kapittel av meldingen, med tall for hvert fond.
Skatteinntekter12 34511 111
Rammetilskudd22 33321 222
"""


def _read(tmp_path: Path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_cells(path)


def test_the_scale_a_label_prints_before_its_figures_is_cut_off():
    assert label_scale("Balansomslutning, 1 000 €18 51819 093") == ("Balansomslutning", "1 000 €", "18 51819 093")
    assert label_scale("Eiendeler (mill. kr)1 2341 198") == ("Eiendeler", "mill. kr", "1 2341 198")
    assert label_scale("Balansomslutning18 51819 093") is None
    assert label_scale("Tilskudd til 1000 innbyggere 12 345") is None  # "1000 innbyggere" is no scale


def test_a_scale_in_the_row_label_scales_that_row(tmp_path):
    report = _read(tmp_path, "eksempel_havn_2021.txt", KEY_FIGURES)
    cells = {(c.row_label, c.column_year): c for c in report.cells}
    assert cells[("Balansomslutning", 2021)].value == 18_518_000
    assert cells[("Balansomslutning", 2020)].value == 19_093_000
    assert currency_in(cells[("Balansomslutning", 2021)].scale_method) == "EUR"
    assert cells[("Eiendeler", 2021)].value == 1_234_000_000
    assert cells[("Eiendeler", 2020)].value == 1_198_000_000
    assert currency_in(cells[("Eiendeler", 2020)].scale_method) is None
    assert cells[("Driftsinntekter", 2021)].value == 45_601_000
    # "4241" cuts three ways into two figures: no figure read, and a warning says where
    assert not [c for c in report.cells if c.row_label.startswith("Antall")]
    assert any("line 7" in w and "Antall ansatte" in w for w in report.layout.warnings), report.layout.warnings


def test_rows_after_blank_lines_stay_in_the_table_until_prose(tmp_path):
    report = _read(tmp_path, "eksempel_2021.txt", RUNS_ON)
    cells = {(c.row_label, c.column_year): c for c in report.cells}
    for label, year, value in [("Driftsinntekter", 2021, 1_234_567_000), ("Netto finansutgifter", 2021, -12_345_000),
                               ("Netto driftsresultat", 2020, 37_343_000), ("Til disposisjonsfond", 2020, 5_000_000),
                               ("Bruk av fond", 2021, -4_000_000), ("Bruk av fond", 2020, -3_500_000)]:
        assert cells[(label, year)].value == value, (label, year)
        assert cells[(label, year)].column_label == str(year)
    first = {c.table_number for c in report.cells if c.row_label in ("Driftsinntekter", "Bruk av fond")}
    assert len(first) == 1
    assert cells[("Til disposisjonsfond", 2021)].parent_row == "Avsetninger"
    # after the prose line the rows are another table: the head and the scale above the prose are not theirs
    after = [c for c in report.cells if c.row_label in ("Skatteinntekter", "Rammetilskudd")]
    assert after and all(c.table_number not in first and c.column_year is None for c in after), after
