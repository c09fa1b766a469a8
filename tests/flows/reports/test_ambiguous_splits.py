"""Flattened tables whose figures print their thousands apart by a space: a cut of "10 245" into 10 | 245 is read only
where something proves it, a variance identity proves only its own columns, tied readings keep only what they agree on,
a head word broken at its hyphen over two lines is one column, a five-year overview goes on past several rows printed
as kr:öre, and a row label keeps a bracketed qualifier after its scale. Invented pages written as text files and read
by the cell reader (`document.read_cells`) and the accounts reader (`parse.parse_document`)."""
from __future__ import annotations

from flows.reports.document import read_cells
from flows.reports.parse import parse_document

ACCOUNTS = """Årsrapport 2021 for Prøvestad kommune

Investeringsregnskapet

(tusen kroner) Regnskap
2018
Regnskap
2019
Regnskap
2020
Regnskap
2021
Budsjett
2021
Budsjett-
avvik
Salg av eiendom -12 400 -3 100 -8 250 -9 900 -11 000 -1 100
Lønn og sosiale utgifter 4 210 2 150 1 320 8 740 0 -8 740
Kjøp av varer og tjenester 212 330 305 118 198 206 401 512 590 300 188 788
Dekning av tidligere års merforbruk 0 12 318 0 15 500 15 500
Netto avdrag 40 500 44 800 51 300 60 700 61 000 300
"""

OVERVIEW = """Årsredovisning 2021

Femårsöversikt

Folkmängd, den 31/12
2021 2020201920182017
52 310
51 980
51 402
50 877
50 120
Utdebitering*
31:90 31:9031:9031:6531:65
varav kommunen**
20:74 20:7420:7421:0221:02
Årets resultat i mnkr
14,2
38,9
-21,5
60,3
12,0
Investeringar i mnkr (netto)
301,4
288,0
254,7
199,9
240,3

Kommunen växer.
"""


def _write(tmp_path, text: str, name: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_hyphen_broken_variance_head_is_one_column_and_no_thousands_group_is_cut(tmp_path):
    report = parse_document(_write(tmp_path, ACCOUNTS, "provestad_2021.txt"))
    got = {}
    for a in report.accounts:
        got.setdefault((a.row_label, a.scenario, a.value_year), set()).add(round(a.amount_nok))
    assert got[("Lønn og sosiale utgifter", "budsjett", 2021)] == {0}
    assert got[("Lønn og sosiale utgifter", "avvik", 2021)] == {-8_740_000}
    assert got[("Netto avdrag", "regnskap", 2021)] == {60_700_000}
    assert got[("Netto avdrag", "budsjett", 2021)] == {61_000_000}
    assert got[("Kjøp av varer og tjenester", "budsjett", 2021)] == {590_300_000}
    # "12 318" is a figure whole and a cell blank, or 12 | 318: no account line places either
    dekning = {k: v for k, v in got.items() if k[0] == "Dekning av tidligere års merforbruk"}
    assert not any(v & {12_000, 318_000, 12_318_000} for v in dekning.values())
    assert any("12 318" in w and "page 1 line" in w for w in report.warnings)


def test_cell_reader_leaves_a_cut_thousands_group_without_column(tmp_path):
    cells = read_cells(_write(tmp_path, ACCOUNTS, "provestad_2021.txt")).cells
    dekning = [c for c in cells if c.row_label == "Dekning av tidligere års merforbruk"]
    assert {c.value for c in dekning} >= {12_318_000.0}
    assert not {c.value for c in dekning} & {12_000.0, 318_000.0}
    assert all(c.column_year is None for c in dekning if c.value == 12_318_000.0)
    avdrag = {(c.column_label, c.value) for c in cells if c.row_label == "Netto avdrag"}
    assert ("Budsjettavvik", 300_000.0) in avdrag and ("Regnskap 2021", 60_700_000.0) in avdrag


def test_five_year_overview_past_two_tax_rate_rows(tmp_path):
    cells = read_cells(_write(tmp_path, OVERVIEW, "oversikt.txt")).cells
    by = {(c.row_label, c.column_year): c.value for c in cells}
    assert by[("Folkmängd, den 31/12", 2021)] == 52_310
    assert by[("Folkmängd, den 31/12", 2017)] == 50_120
    assert by[("Årets resultat i mnkr", 2019)] == -21_500_000
    assert by[("Investeringar i mnkr (netto)", 2018)] == 199_900_000
    # no figure of the first row under the first year alone
    assert [v for (label, year), v in by.items() if year == 2021 and v in (51_980, 51_402)] == []
