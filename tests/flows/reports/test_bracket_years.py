"""Figures in parentheses that a note says are another year's ("(2030 inom parentes)", "(fjorårets tal i parentes)")
are that year's figures of the column they follow, never negatives; a heading in capitals between two tables ends the
first, so the second keeps its own heads (invented tables, Swedish and Norwegian)."""
from __future__ import annotations

import pytest

from flows.reports.document import read_cells

SWEDISH = "\n".join([
    "Personal 2031",
    "",
    "  2029-12-31 2030-12-31 2031-12-31",
    "Antal anställda 1 210 1 240 1 275",
    "Antal årsarbetare 1 101 1 130 1 166",
    "",
    "ANTAL ANSTÄLLDA PER FÖRVALTNING OCH KÖN SAMT ANDEL HELTID",
    "",
    "Förvaltning Kvinnor Män Totalt Andel heltid %",
    "(2030 inom parentes)",
    "Skolförvaltningen 410 100 510 80,5 (79)",
    "Omsorgsförvaltningen 520 60 580 62 (58)",
    "Totalt 930 160 1 090 70 (67)",
])

NORWEGIAN = "\n".join([
    "Årsmelding 2031",
    "",
    "TILSETTE PER SEKTOR OG DELTID I PROSENT",
    "",
    "Sektor Kvinner Menn Deltid %",
    "(fjorårets tal i parentes)",
    "Oppvekst 212 40 31,5 (33,0)",
    "Helse 305 31 44 (47)",
])


def _cells(text: str) -> dict[tuple[str, str], tuple[float, int | None]]:
    return {(c.row_label, c.column_label): (c.value, c.column_year) for c in read_cells("personal.txt", text.encode()).cells}


def test_bracketed_figures_under_a_year_note_are_that_years_figures_under_their_own_heads():
    cells = _cells(SWEDISH)
    assert cells[("Skolförvaltningen", "Andel heltid %")][0] == 80.5
    assert cells[("Skolförvaltningen", "Andel heltid % (2030)")] == (79, 2030)
    assert cells[("Omsorgsförvaltningen", "Totalt")][0] == 580
    assert cells[("Totalt", "Kvinnor")][0] == 930
    assert all(value >= 0 for value, _ in cells.values())  # "(79)" is no negative


def test_the_table_above_keeps_its_rows_and_a_capital_heading_ends_it():
    cells = _cells(SWEDISH)
    assert cells[("Antal anställda", "2031-12-31")] == (1275, 2031)
    assert not any(label == "Skolförvaltningen" and column.endswith("12-31") for label, column in cells)


@pytest.mark.parametrize("report", [NORWEGIAN])
def test_a_previous_year_note_dates_the_bracketed_figure_before_its_column(report):
    got = {(c.row_label, c.column_label): c for c in read_cells("personal.txt", report.encode()).cells}
    assert got[("Oppvekst", "Deltid %")].value == 31.5
    prior = got[("Helse", "Deltid % (previous year)")]
    assert prior.value == 47 and prior.scenario == "prior_year"


def test_a_row_label_in_capitals_wrapped_over_its_figures_does_not_end_the_table():
    """"KJØP TJENESTER SOM ERSTATTER" / "KOMM.EGEN 28 200 -172 0": a label in capitals wrapped onto the line of its
    figures is a row of the table, no heading of a new one; the rows below keep the table's columns."""
    text = "\n".join([
        "Regnskap 2031",
        "",
        "Regnskap Budsjett Avvik Regnskap",
        "2031 2031 2031 2030",
        "",
        " LØNN OG SOSIALE UTGIFTER 14278 14286 -8 13982",
        "",
        "KJØP TJENESTER SOM ERSTATTER",
        "KOMM.EGEN 28 200 -172 0",
        "",
        " OVERFØRINGER 441 243 198 349",
        "",
        "A Sum utgifter 14747 14729 18 14331",
    ])
    cells = read_cells("regnskap.txt", text.encode()).cells
    assert len({c.table_number for c in cells}) == 1
    got = {(c.row_label, c.column_year, c.scenario): c.printed for c in cells}
    assert got[("OVERFØRINGER", 2031, "budget")] == "243"
    assert got[("Sum utgifter", 2030, "actual")] == "14331"
