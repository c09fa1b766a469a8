"""A balance sheet whose columns are balance dates ("31.12.2031", "2031-12-31", "12/31/2031") gives every figure the
year of its date, so a question by the year reaches it. Invented statements (nb, sv, en)."""
from __future__ import annotations

import pytest

from flows.reports.document import read_cells


@pytest.mark.parametrize(("head", "row"), [
    ("Beløp i 1000 kr   31.12.2031   31.12.2030", "Langsiktig gjeld   900 100   850 000"),
    ("Note   31.12.2031   31.12.2030", "Langsiktig gjeld   4   900,1   850,0"),
    ("Belopp i tkr   2031-12-31   2030-12-31", "Långfristiga skulder   900 100   850 000"),
    ("Amounts in NOK 1000   12/31/2031   12/31/2030", "Long-term liabilities   900 100   850 000"),
])
def test_balance_date_columns_are_read_as_their_years(tmp_path, head, row):
    path = tmp_path / "balanse.txt"
    millions = "," in row  # a statement in millions declares its scale on a line of its own
    path.write_text("\n".join(["Nordvik kommune årsmelding 2031", "", "Balanse", *(["Beløp i mill. kr"] if millions else []),
                               head, row, "Kasse og bank   45,2   30,1" if millions else "Kasse og bank   45 200   30 100",
                               ""]), encoding="utf-8")
    got = {(c.row_label, c.column_year): c.value for c in read_cells(path).cells}
    label = row.split("   ")[0]
    assert got[(label, 2031)] == pytest.approx(900_100_000)
    assert got[(label, 2030)] == pytest.approx(850_000_000)
    assert got[("Kasse og bank", 2030)] == pytest.approx(30_100_000)


def test_a_date_inside_a_row_label_is_no_column_head(tmp_path):
    path = tmp_path / "noter.txt"
    path.write_text("\n".join(["Note 7 Lånegjeld", "Beløp i 1000 kr   2031   2030",
                               "Saldo pr. 31.12.2031   1 234   5 678", ""]), encoding="utf-8")
    got = {(c.row_label, c.column_year): c.value for c in read_cells(path).cells}
    assert got.get(("Saldo pr. 31.12.2031", 2031)) == pytest.approx(1_234_000)
