"""Budget and økonomiplan columns: "B 2025 | ØP 2026 | ØP 2027" and bare plan years under a budget title are
budget figures of those years, not yearless "other" figures; history in a budget document keeps its kind."""
from __future__ import annotations

from pathlib import Path

import pytest

from flows.reports.document import read_cells
from flows.reports.layout.headers import scenario_of


@pytest.mark.parametrize("head, scenario", [
    ("ØP 2026", "budget"), ("ØKP 2027", "budget"), ("Øk.plan 2028", "budget"), ("Økonomiplan 2029", "budget"),
    ("B 2025", "budget"), ("R 2023", "actual"),
    ("Kjøp 2026", "other"), ("Løp 2026", "other"), ("2026", "other"),
])
def test_plan_year_heads(head, scenario):
    assert scenario_of(head) == scenario


def _cells(tmp_path: Path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_cells(path).cells


def test_okonomiplan_columns_are_budget_years(tmp_path):
    cells = _cells(tmp_path, "plan.txt", "\n".join([
        "Hovedoversikt drift", "Tall i hele 1.000 kroner",
        "R 2023 B 2024 B 2025 ØP 2026 ØP 2027 ØP 2028",
        "Renteutgifter 41 200 43 900 45 310 47 020 48 870 50 150",
        "Avdrag på lån 60 115 62 800 64 430 66 905 69 010 71 240",
        "Netto driftsresultat 12 004 9 850 8 770 7 930 7 100 6 480",
    ]))
    got = {(c.row_label, c.column_year): (c.scenario, c.value) for c in cells}
    assert got[("Avdrag på lån", 2027)] == ("budget", 69_010_000)
    assert got[("Renteutgifter", 2028)] == ("budget", 50_150_000)
    assert got[("Renteutgifter", 2023)] == ("actual", 41_200_000)


def _plan_table(title: str, years: str) -> str:
    return "\n".join([
        title, "",
        "Tiltak | " + " | ".join(years.split()) + " |",
        "|---|---|---|---|---|",
        "Økt ramme for musikkskolen | 0,40 | 0,40 | 0,45 | 0,45 |",
        "Redusert vedlikehold av veier | -1,20 | -1,10 | -1,00 | -0,90 |",
        "Styrket barnevern | 2,50 | 2,50 | 2,50 | 2,50 |",
    ])


def test_bare_plan_years_under_a_budget_title_are_budget(tmp_path):
    cells = _cells(tmp_path, "vedtak.md", _plan_table("## Budsjett 2030 og økonomiplan 2031-2033", "2030 2031 2032 2033"))
    row = [c for c in cells if c.row_label == "Økt ramme for musikkskolen"]
    assert {(c.column_year, c.scenario) for c in row} == {(2030, "budget"), (2031, "budget"), (2032, "budget"),
                                                         (2033, "budget")}


@pytest.mark.parametrize("title, years", [
    ("## Budsjett 2030 og økonomiplan 2031-2033", "2026 2027 2028 2029"),  # history in a budget document
    ("## Årsmelding 2030 – regnskap og budsjett", "2027 2028 2029 2030"),  # the accounts of an annual report
    ("## Tiltak i perioden", "2030 2031 2032 2033"),  # no plan named
])
def test_years_outside_a_plan_keep_their_kind(tmp_path, title, years):
    cells = _cells(tmp_path, "vedlegg.md", _plan_table(title, years))
    assert cells and {c.scenario for c in cells if c.row_label == "Styrket barnevern"} == {"other"}
