"""Rows of figures spaced by thousands under a head printed one cell per line ("Regnskap" / "2016" / ... /
"Budsjett-" / "avvik"): the head gives the column count and the labels with their years; the digit groups of a row
are cut into figures only where the cut is certain (one way, or the one way the table's arithmetic allows), else
the row keeps no column or is left out with a warning naming its page and line (invented texts)."""
from __future__ import annotations

from flows.reports.document import read_cells

HEAD = ["Årsmelding 2017", "", "Driftsregnskap for sentraladministrasjonen", "", "(tusen kroner) Regnskap", "2016",
        "Regnskap", "2017", "Budsjett", "2017", "Budsjett-", "avvik"]
COLUMNS = ["Regnskap 2016", "Regnskap 2017", "Budsjett 2017", "Budsjettavvik"]


def _read(*rows: str):
    text = "\n".join(HEAD + list(rows) + ["", "Kommentarer til regnskapet følger nedenfor."]) + "\n"
    return read_cells("drift.txt", text.encode("utf-8"))


def _cells(report) -> dict[tuple[str, str], float]:
    return {(c.row_label, c.column_label): c.value for c in report.cells}


def test_stacked_head_names_four_columns_with_years_and_rows_cut_into_four_figures():
    report = _read("Skatt på inntekt -412 300 -430 120 -425 000 5 120",
                   "Lønn og sosiale utgifter 2 192 093 2 231 352 2 257 774 26 422",
                   "Kjøp av tjenester 5 493 9 630 0 -9 630")
    cells = _cells(report)
    assert {c.column_label for c in report.cells} == set(COLUMNS)
    assert {c.column_year for c in report.cells if c.column_label == "Regnskap 2016"} == {2016}
    assert [cells[("Lønn og sosiale utgifter", c)] for c in COLUMNS] == [2_192_093_000, 2_231_352_000,
                                                                          2_257_774_000, 26_422_000]
    assert [cells[("Kjøp av tjenester", c)] for c in COLUMNS] == [5_493_000, 9_630_000, 0, -9_630_000]


def test_a_row_that_cuts_into_four_figures_two_ways_alike_is_not_guessed():
    # "9 630 0 -9 630": 9 630 | 0 | -9 | 630 and 9 | 630 | 0 | -9 630 read alike; the row prints three figures
    report = _read("Kjøp av tjenester 9 630 0 -9 630")
    got = [c for c in report.cells if c.row_label == "Kjøp av tjenester"]
    assert not any(c.column_label for c in got)  # no figure under a column it may not belong to
    assert sorted(c.value for c in got) == [-9_630_000, 0, 9_630_000]
    assert any("page 1 line 13" in w for w in report.layout.warnings)
