"""A table that prints no scale: figures as printed, unless what the table is decides it, and then the
reason is recorded in `scale_method` (never a silent factor)."""
from __future__ import annotations

from pathlib import Path

import pytest

from flows.reports.document import read_cells
from flows.reports.layout.scale import undeclared_scale

HEADER = "  Regnskap 2015 Budsjett 2016 Budsjett 2017"


def _cells(tmp_path: Path, lines: list[str]):
    path = tmp_path / "plan.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return read_cells(path)


def _scale(report) -> tuple[set[float], set[str]]:
    return {c.scale for c in report.cells}, {c.scale_method.split(":")[0] for c in report.cells}


@pytest.mark.parametrize("tax, scale, method", [
    ("4 930 508 5 092 000 4 980 000", 1e3, "inferred"),  # a municipality's tax of ~5 million kr is impossible
    ("49 305 080 50 920 000 49 800 000", 1.0, "none declared"),  # kroner
    ("4 930 508 123 5 092 000 456 4 980 000 789", 1.0, "none declared"),
    ("4 930,5 5 092,0 4 980,0", 1e6, "inferred"),  # with decimals: millions
])
def test_tax_line_of_a_statement_decides_thousands(tmp_path, tax, scale, method):
    grant, debt = ("1 694,0 1 751,8 2 024,0", "309,9 321,3 337,8") if "," in tax else \
        ("1 694 046 1 751 800 2 024 000", "309 855 321 266 337 847")
    report = _cells(tmp_path, ["Budsjettskjema 1A", HEADER, f"Skatt på inntekt og formue {tax}",
                               f"Ordinært rammetilskudd {grant}", f"Avdrag på lån {debt}"])
    assert len(report.cells) == 9
    assert _scale(report) == ({scale}, {method})
    tax_cell = next(c for c in report.cells if c.row_label.startswith("Skatt") and c.column_year == 2015)
    assert tax_cell.value == tax_cell.scale * float(tax_cell.printed.replace(" ", "").replace(",", "."))
    if scale > 1:
        assert "Skatt på inntekt og formue" in tax_cell.scale_method, "the evidence is named"


def test_small_whole_numbers_of_a_budget_table_are_assumed_thousands(tmp_path):
    report = _cells(tmp_path, ["Drift", HEADER, "Farlei utgifter 1 957 2 429 2 013", "Kai inntekter -1 958 -2 187 -1 689"])
    assert _scale(report) == ({1e3}, {"assumed"})
    assert {c.value for c in report.cells if c.row_label == "Farlei utgifter"} == {1_957_000, 2_429_000, 2_013_000}


@pytest.mark.parametrize("lines", [
    [HEADER, "Farlei utgifter 1 957,5 2 429,0 2 013,1", "Kai inntekter 1 958,2 2 187,0 1 689,9"],  # decimals: millions?
    ["  2015 2016 2017", "Antall saker 1 957 2 429 2 013", "Antall brukere 958 187 689"],  # no accounts columns
    [HEADER, "Antall saker 1 957 2 429 2 013", "Antall brukere 958 187 689"],  # no amount rows
    ["Frie inntekter i kroner per innbygger", HEADER, "Skatt på inntekt og formue 28 345 29 100 30 200",
     "Rammetilskudd 25 120 26 000 27 100"],  # per capita
    [HEADER, "Skatt på inntekt og formue 38,5 39,1 40,2", "Rammetilskudd 35,1 34,0 33,2"],  # shares without a caption
    ["Andel av driftsinntektene", HEADER, "Skatt på inntekt og formue 38,5 39,1 40,2", "Rammetilskudd 35,1 34,0 33,2"],
    ["Beløp i kr", HEADER, "Farlei utgifter 1 957 2 429 2 013", "Kai inntekter 1 958 2 187 1 689"],  # declared
])
def test_otherwise_figures_stay_as_printed(tmp_path, lines):
    report = _cells(tmp_path, lines)
    assert report.cells
    assert {c.scale for c in report.cells} == {1.0}
    assert not any(c.scale_method.startswith(("inferred", "assumed")) for c in report.cells)


def test_the_rule_is_pure():
    rows = [("Lønn", None, ["16 194", "17 122"]), ("Sum utgifter", None, ["20 000", "21 000"])]
    assert undeclared_scale(rows, 2, [])[0] == 1e3
    assert undeclared_scale(rows, 1, []) is None, "one budget column is no budget/accounts table"
    assert undeclared_scale([("Lønn", None, ["1 616 194"])] * 2, 2, []) is None, "large whole numbers: kroner or thousands unknown"


def test_a_block_grant_line_with_a_longer_label_is_evidence_too(tmp_path):
    report = _cells(tmp_path, ["Drift", HEADER, "Ordinært rammetilskudd 1 694 046 1 751 800 2 024 000",
                               "Andre statstilskudd 149 558 139 691 285 241"])
    assert _scale(report) == ({1e3}, {"inferred"})
