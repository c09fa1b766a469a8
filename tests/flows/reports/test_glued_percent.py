"""A share in percent run into the figure before or after it by a web extraction, under a head with a percent
column (invented tables)."""
from __future__ import annotations

from flows.reports.document import read_cells
from flows.reports.layout.glued_percent import split_glued_percent
from flows.reports.layout.headers import columns_from_text
from flows.reports.numbers import space_glued_percent


def _cells(text: str) -> dict[tuple[str, str], float]:
    return {(c.row_label, c.column_label): c.value for c in read_cells("tabell.txt", text.encode("utf-8")).cells}


HEAD = "Beløp i 1000 kr Regnskap 2031 Andel % Regnskap 2030 Andel %"


def test_digits_glued_before_a_share_end_the_figure_before_it():
    text = "\n".join(["Driftsutgifter fordelt på art", HEAD,
                      "Lønn 123 45645,2 % 118 23444,1 %",
                      "Sosiale utgifter 34 56712,7 % 33 21012,4 %",
                      "Kjøp av varer 56 78920,8 % 55 10020,5 %",
                      "Overføringer 58 34521,3 % 61 45623,0 %",
                      "Sum 273 157100,0 % 268 000100,0 %"])
    cells = _cells(text)
    assert cells[("Lønn", "Regnskap 2031")] == 123_456_000
    assert cells[("Lønn", "Andel %")] in (45.2, 44.1)
    assert {v for (r, c), v in cells.items() if r == "Lønn" and c == "Andel %"} <= {45.2, 44.1}
    assert cells[("Sosiale utgifter", "Regnskap 2030")] == 33_210_000
    assert cells[("Sum", "Regnskap 2031")] == 273_157_000
    assert not any(c == "Andel %" and v > 100 for (_, c), v in cells.items())


def test_a_figure_run_into_the_percent_before_it_starts_the_next_cell():
    text = "\n".join(["Utgifter", "Regnskap 2031 Andel % Regnskap 2030 Andel %",
                      "Lønn 123 456 45,2 %118 234 44,1 %",
                      "Drift 34 567 12,7 %33 210 12,4 %",
                      "Tilskudd 56 789 20,8 %55 100 20,5 %"])
    cells = _cells(text)
    assert cells[("Lønn", "Regnskap 2030")] == 118_234
    assert cells[("Drift", "Regnskap 2031")] == 34_567
    assert not any("%" in row for row, _ in cells)  # "45,2 %118" is no part of the label


def test_the_cut_is_made_only_where_the_head_allows_one_reading():
    pct = columns_from_text(["Utfall 2031 Andel % Utfall 2030 Andel %"])
    assert split_glued_percent("123 45645,2 % 118 23444,1 %", pct) == "123 456  45,2%  118 234  44,1%"
    # "45645,2 %" alone reads 456 and 45,2 %, 4564 and 5,2 % (or 45 and 645,2 % as a change): no cut
    change = columns_from_text(["Regnskab 2031 Afvigelse i %"])
    share = columns_from_text(["Regnskab 2031 Andel %"])
    assert len(change) == len(share) == 2
    assert split_glued_percent("45645,2 %", share) is None
    assert split_glued_percent("45645,2 %", change) is None
    # the thousands group before it tells where the figure ends
    assert split_glued_percent("1 23445,2 %", share) == "1 234  45,2%"
    assert split_glued_percent("−1 2341 045,2 %", change) is None  # a percent grouped by thousands: no reading
    # no percent column: nothing is cut
    assert split_glued_percent("123 45645,2 %", columns_from_text(["Regnskap 2031 Regnskap 2030"])) is None
    # nothing glued: left to the usual reading
    assert split_glued_percent("123 456 45,2 %", pct) is None


def test_a_percent_sign_ends_its_figure_in_every_language():
    assert space_glued_percent("12,4 %3 456") == "12,4 % 3 456"
    assert space_glued_percent("andel 12,4%3 456") == "andel 12,4% 3 456"
    assert space_glued_percent("ökning 5 % från 2030") == "ökning 5 % från 2030"
