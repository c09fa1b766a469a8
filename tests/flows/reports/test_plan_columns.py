"""Plan tables whose header names a column more or fewer than the rows print (invented examples)."""
from __future__ import annotations

from flows.reports.layout import read_layout
from flows.reports.layout.headers import columns_from_text
from flows.reports.layout.plan_columns import realign


def _cells(lines: list[str]) -> tuple[dict[tuple[str, str], str], list[str]]:
    layout = read_layout("plan.txt", "\n".join(lines).encode("utf-8"))
    cells = {(r.label, t.columns[c].label): v for t in layout.tables for r in t.rows for c, v in r.values}
    return cells, layout.warnings


def test_a_total_after_bare_years_is_a_column_of_its_own():
    for head, total in (("Tiltak 2031 2032 2033 Sum", "Sum"), ("Tiltak 2031 2032 2033 Totalt", "Totalt"),
                        ("Tiltak 2031 2032 2033 Sum 2031-2033", "Sum 2031-2033")):
        assert [c.label for c in columns_from_text([head])] == ["2031", "2032", "2033", total]


def test_a_leading_column_empty_for_most_rows_is_found_by_the_sum_of_the_years():
    cells, _ = _cells(["Investeringsprogram", "Tall i 1000 kr",
                       "Prosjekt Tidligere vedtatt 2031 2032 2033 2034 Sum 2031-2034",
                       "Svømmehall 9 000 20 000 15 000 5 000 2 000 42 000",   # every cell: the earlier 9 000 is outside the sum
                       "Turvei 1 000 1 000 1 000 1 000 4 000",                # one short: no earlier approval
                       "Ny kai 3 000 12 000 6 000 18 000"])                   # earlier 3 000 outside, two of four years
    assert cells[("Svømmehall", "vedtatt")] == "9 000"
    assert cells[("Svømmehall", "2031")] == "20 000"
    assert {h: v for (row, h), v in cells.items() if row == "Turvei"} == {
        "2031": "1 000", "2032": "1 000", "2033": "1 000", "2034": "1 000", "Sum 2031-2034": "4 000"}
    ny_kai = {h: v for (row, h), v in cells.items() if row == "Ny kai"}
    assert ny_kai["vedtatt"] == "3 000" and ny_kai["Sum 2031-2034"] == "18 000"
    assert not any(h[:2] == "20" for h in ny_kai)  # which two years 12 000 and 6 000 fall in, the text cannot tell


def test_a_word_before_the_first_year_names_that_year_when_no_row_prints_a_figure_for_it():
    cells, warnings = _cells(["Tiltak", "Prosjekt Vedtatt 2031 2032 2033 2034 Sum",
                              "Skolegård 2 000 8 000 8 000 4 000 22 000",
                              "Kirketak 500 500 500 500 2 000",
                              "Brannbil 3 500 3 500"])
    assert cells[("Skolegård", "Vedtatt 2031")] == "2 000" and cells[("Skolegård", "2034")] == "4 000"
    assert cells[("Brannbil", "Sum")] == "3 500"
    assert [h for (row, h) in cells if row == "Brannbil"].count("") == 1  # the year of the other 3 500 is open
    assert any("line 5" in w and "open" in w for w in warnings)


def test_dashes_stand_for_the_empty_years_once_the_total_is_a_column():
    cells, _ = _cells(["Prosjekt 2031 2032 2033 2034 Sum", "Bru - 5 000 20 000 15 000 40 000",
                       "Veg 2 000 8 000 8 000 4 000 22 000", "Park 1 500 - 1 500 1 500 4 500"])
    assert {h: v for (row, h), v in cells.items() if row == "Bru"} == {
        "2032": "5 000", "2033": "20 000", "2034": "15 000", "Sum": "40 000"}
    assert ("Park", "2032") not in cells and cells[("Park", "2033")] == "1 500"


def test_rows_printing_their_total_under_a_header_of_years_only_keep_the_years():
    cells, _ = _cells(["Økonomiplan", "Tjeneste 2031 2032 2033", "Skole 120 000 121 000 122 500 363 500",
                       "Helse 80 000 80 500 81 000 241 500"])
    assert cells[("Skole", "2033")] == "122 500" and cells[("Helse", "2031")] == "80 000"
    assert cells[("Skole", "")] == "363 500"  # the total, in a column the header does not name


def test_no_plan_without_consecutive_years_or_without_rows_that_sum():
    assert realign(columns_from_text(["Regnskap 2031 Budsjett 2031 Avvik"]), {1: "10 12 -2"}) is None
    assert realign(columns_from_text(["Tiltak 2031 2032 2033 Sum"]), {1: "1 2 3 7"}) is None


def test_a_figure_before_the_years_that_the_total_leaves_out_is_an_unnamed_leading_column():
    cells, _ = _cells(["Investeringer", "Prosjekt 2031 2032 2033 Sum", "Skole 9 000 10 000 5 000 2 000 17 000",
                       "Veg 1 000 1 000 1 000 3 000", "Hall 4 000 4 000 4 000 12 000"])
    assert {h: v for (row, h), v in cells.items() if row == "Skole"} == {
        "": "9 000", "2031": "10 000", "2032": "5 000", "2033": "2 000", "Sum": "17 000"}
    assert cells[("Veg", "2031")] == "1 000" and ("Veg", "") not in cells
