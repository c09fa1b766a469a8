"""A share in percent run into the figure before or after it by a web extraction, under a head with a percent
column (invented tables)."""
from __future__ import annotations

import re

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


# a whole table with a share column run into one line by a web extraction, in three ways of printing the shares
ONE_LINE = ("Driftsutgifter fordelt på art Beløp i 1000 kr Regnskap 2031 Andel % Regnskap 2030 Andel % "
            "Lønn 123 456 45,2 % 118 234 44,1 % Sosiale utgifter 34 567 12,7 % 33 210 12,4 % "
            "Kjøp av varer 56 789 20,8 % 55 100 20,5 % Overføringer 58 345 21,3 % 61 456 23,0 % "
            "Sum 273 157 100,0 % 268 000 100,0 %")
EXPECTED = {("Lønn", 2031): 123_456_000, ("Lønn", 2030): 118_234_000, ("Sosiale utgifter", 2031): 34_567_000,
            ("Kjøp av varer", 2030): 55_100_000, ("Overføringer", 2031): 58_345_000, ("Sum", 2030): 268_000_000}


def _by_year(text: str) -> dict[tuple[str, int | None], float]:
    cells = read_cells("tabell.txt", text.encode("utf-8")).cells
    amounts = {(c.row_label, c.column_year): c.value for c in cells if c.column_label.startswith("Regnskap")}
    shares = sorted({c.value for c in cells if c.column_label == "Andel %"})
    assert shares and all(0 <= v <= 100 for v in shares)
    return amounts


def test_a_one_line_table_with_a_share_column_reads_its_amounts_and_shares():
    amounts = _by_year(ONE_LINE)
    assert all(amounts[key] == value for key, value in EXPECTED.items())
    assert len(amounts) == 10


def test_shares_glued_to_the_figure_after_them_or_before_them_read_the_same():
    after = re.sub(r"% (?=\S)", "%", ONE_LINE.split(" Lønn ", 1)[1])
    assert "45,2 %118 234" in after and "44,1 %Sosiale" in after
    assert _by_year(ONE_LINE.split(" Lønn ", 1)[0] + " Lønn " + after) == _by_year(ONE_LINE)
    before = re.sub(r"(\d{3}) (\d{1,3},\d %)", r"\1\2", ONE_LINE)
    assert "123 45645,2 %" in before
    assert _by_year(before) == _by_year(ONE_LINE)


def test_the_rows_reader_keeps_a_percent_sign_with_its_figure():
    from flows.reports.layout.model import Line
    from flows.reports.layout.runs import expand_runs

    text = ("Kostnader per verksamhet Utfall 2031 Andel % Utfall 2030 Andel % Skola 123 456 45,2 %118 234 44,1 "
            "%Vård och omsorg 34 567 12,7 % 33 210 12,4 %Kultur 56 789 20,8 %55 100 20,5 %Övrigt 58 345 21,3 % "
            "61 456 23,0 %")
    rows = [line.text for line in expand_runs([Line(page=1, number=1, text=text)])]
    assert "Skola 123 456 45,2% 118 234 44,1%" in rows
    assert "Vård och omsorg 34 567 12,7% 33 210 12,4%" in rows
    assert not any(row.startswith("%") for row in rows)
