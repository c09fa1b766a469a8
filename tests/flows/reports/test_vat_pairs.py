"""Fee tables "uten mva | med mva" whose two prices a web extraction ran together without any space: the cut is the
one place where the second price is the first with VAT (25 %, 15 %, 12 %); a row no such place (or several) explains
is left out with a warning. Fixtures written for these tests."""
from __future__ import annotations

from flows.reports.document import read_cells
from flows.reports.layout.vat_pairs import vat_cuts, vat_heads

FEES = """Eksempel kommune, gebyrregulativ 2022

Gebyr 2022
uten mvamed mva
Vatn abonnementsgebyr19452431,25
Avløp abonnementsgebyr2 1602 700
Renovasjon standard3 2004 000
Matavfall henting8089,60
Feiing12341500
"""


def test_the_cut_is_where_the_second_price_is_the_first_with_vat():
    assert vat_cuts("19452431,25") == [("1 945", "2 431,25")]
    assert vat_cuts("8089,60") == [("80", "89,60")]  # 12 %
    assert vat_cuts("12341500") == []  # no cut gives a price and the price with VAT
    assert vat_heads("uten mvamed mva") == ["uten mva", "med mva"]
    assert vat_heads("eks. mva inkl. mva") == ["eks. mva", "inkl. mva"]
    assert vat_heads("Gebyr 2022") == []


def test_a_fee_table_run_together_reads_its_prices_without_and_with_vat(tmp_path):
    path = tmp_path / "eksempel_gebyr_2022.txt"
    path.write_text(FEES, encoding="utf-8")
    report = read_cells(path)
    cells = {(c.row_label, c.column_label): c for c in report.cells}
    assert cells[("Vatn abonnementsgebyr", "uten mva")].value == 1945
    assert cells[("Vatn abonnementsgebyr", "med mva")].value == 2431.25
    assert cells[("Avløp abonnementsgebyr", "med mva")].value == 2700
    assert cells[("Matavfall henting", "uten mva")].value == 80
    assert cells[("Matavfall henting", "med mva")].value == 89.6
    assert {c.column_year for c in report.cells} == {2022}  # the title's one year
    assert not [c for c in report.cells if c.row_label == "Feiing"]
    assert any("line 9" in w and "Feiing" in w for w in report.layout.warnings), report.layout.warnings
