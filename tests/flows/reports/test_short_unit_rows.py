"""Per-unit budget/accounts tables whose rows print fewer figures than the head names (layout/short_rows.py): a
row is placed where exactly one placement fits the table's decimals, shares and variance arithmetic; a row of
thousands groups is not cut to fill every column. Invented tables in bokmål, nynorsk, Swedish and Danish."""
from __future__ import annotations

from flows.reports.document import read_cells
from flows.reports.layout.model import Column
from flows.reports.layout.short_rows import fewer_fits, place


def _cells(tmp_path, text: str) -> dict[tuple[str, str], float]:
    path = tmp_path / "side.txt"
    path.write_text(text, encoding="utf-8")
    return {(c.row_label, c.column_label): c.value for c in read_cells(path).cells}


def test_bokmal_row_without_its_percent_is_placed_by_the_variance(tmp_path):
    cells = _cells(tmp_path, """Driftsregnskap per tjenesteområde (tall i 1000 kr)

Tjenesteområde Regnskap 2022 Revidert budsjett 2022 Avvik Forbruk i %
1.1 Sentraladministrasjon 45 210 44 000 -1 210 102,8
1.2 Oppvekst 310 455 315 000 4 545 98,6
12 Helse og omsorg 402 118 398 500 -3 618 100,9
13 Teknisk 55 002 57 000 1 998
""")
    assert cells[("Teknisk", "Regnskap 2022")] == 55_002_000 and cells[("Teknisk", "Revidert budsjett 2022")] == 57_000_000
    assert cells[("Teknisk", "Avvik")] == 1_998_000 and ("Teknisk", "Forbruk i %") not in cells
    assert cells[("Helse og omsorg", "Forbruk i %")] == 100.9, "the unit number is a code, not a figure"


def test_swedish_row_of_two_amounts_fills_the_amount_columns(tmp_path):
    cells = _cells(tmp_path, """Nämndernas driftredovisning (tkr)

Nämnd  Budget  Utfall  Avvikelse  Förbrukning i %
Kommunstyrelsen  45 210  44 000  -1 210  97,3 %
Barn- och utbildningsnämnden  310 455  315 000  4 545  101,5 %
Tekniska nämnden  55 002  57 000
""")
    assert cells[("Tekniska nämnden", "Budget")] == 55_002_000 and cells[("Tekniska nämnden", "Utfall")] == 57_000_000
    assert not any(row == "Tekniska nämnden" and col.startswith(("Avvikelse", "Förbrukning")) for row, col in cells)


def test_danish_row_without_its_share_is_placed_by_the_difference():
    columns = [Column("Regnskab 2022", 2022, "actual"), Column("Budget 2022", 2022, "budget"),
               Column("Afvigelse", None, "variance"), Column("Forbrug i %", None, "variance_pct")]
    full = [["1 200", "1 000", "-200", "120,0"], ["800", "1 000", "200", "80,0"]]
    assert place(columns, ["500", "450", "-50"], full) == [0, 1, 2]
    assert place(columns, ["1 500", "300"], full) == [0, 1]  # 300 is no difference of 1 500 and nothing
    assert place(columns, ["500", "-500"], full) is None  # a budget of -500, or no budget and a difference: open


def test_nynorsk_years_only_cannot_tell_which_year_is_empty(tmp_path):
    cells = _cells(tmp_path, """Netto driftsutgifter per eining (tal i 1000 kr)

Eining Rekneskap 2022 Budsjett 2022 Rekneskap 2021
10 Sentraladministrasjon 45 210 44 000 41 300
20 Skule 310 455 315 000
30 Barnehage 98 100 97 000 95 500
""")
    path = tmp_path / "side.txt"
    skule = [(c.column_label, c.value) for c in read_cells(path).cells if c.row_label == "Skule"]
    assert sorted(v for _, v in skule) == [310_455_000, 315_000_000], "the figures are not cut into thousands groups"
    assert not any(col for col, _ in skule), "which column is empty the row cannot tell: no column named"
    assert cells[("Barnehage", "Rekneskap 2021")] == 95_500_000


def test_decimals_and_shares_keep_figures_out_of_the_wrong_column():
    columns = [Column("Regnskap", None, "actual"), Column("Budsjett", None, "budget"), Column("Forbruk i %", None, "variance_pct")]
    full = [["1 200", "1 000", "120,0"], ["800", "1 000", "80,0"]]
    assert place(columns, ["900", "90,0"], full) is None  # 90,0 is 900 / 1000 only with the budget: none fits
    assert place(columns, ["900", "1 000"], full) == [0, 1]
    assert fewer_fits(("310", "455", "315 000"), ("310 455", "315 000"), [5, 5, 5])
    assert not fewer_fits(("45 210", "44 000", "41 300"), ("45 210 44", "000 41 300"), [5, 5, 5])
