"""Web tables extracted as text with one space between cells and a space for each empty cell: the spaces are the
empty cells ("Realisationsvinst 57      " fills the first of four columns), which settles how digit groups split
("115 416 129 550    " is two cells and two empty ones); a note's number on its own line between the head and the
note's rows, and a later note's rows under the same heads after the note headings broke the table, keep the
columns; a statement's scope-and-year columns ("Kommunen 2031") are accounts columns for an undeclared scale."""
from __future__ import annotations

from flows.reports.document import read_cells
from flows.reports.layout.space_slots import resolve, slots

NOTES = (
    "Noter\n\nNot Kommunen Koncernen\n2031 2030 2031 2030\n \n1\nVerksamhetens intäkter        \n"
    "  Försäljningsmedel enligt driftredovisningen 215 416 229 550    \n  Realisationsvinst 57      \n"
    "  Återbetalda avgifter   563    \n  Reservation fordringar   – 50    \n  Interna poster – 4 611 – 6 875    \n"
    "  Summa intäkter 210 805 222 675 230 100 240 200\n \n2\nAvskrivningar        \n"
    "  Beräknas på anskaffningsvärdet.        \n  Planenliga avskrivningar – 15 168 – 17 057 – 23 461 – 25 194\n"
    "  Summa – 15 168 – 17 057 – 23 461 – 25 194\n"
)


def test_the_grammar_of_space_coded_cells():
    assert slots("  Realisationsvinst 57      ") == ("Realisationsvinst", ["57", None, None, None])
    assert slots("  Återbetalda avgifter   563    ") == ("Återbetalda avgifter", [None, "563", None, None])
    assert resolve(slots("  A 215 416 229 550    ")[1], 4) == ["215 416", "229 550", "", ""]
    assert slots("Skatt 280 872 306 000 323 000  ", base=2) is None  # every row of the page ends so: no empty cell
    assert slots("Skatt      280 872      306 000    ") is None  # space-aligned columns: even gaps


def test_space_coded_rows_fill_their_columns():
    cells = {(c.row_label, c.column_label, c.value) for c in read_cells("noter.txt", NOTES.encode()).cells}
    assert ("Försäljningsmedel enligt driftredovisningen", "Kommunen 2031", 215_416_000) in cells
    assert ("Försäljningsmedel enligt driftredovisningen", "Kommunen 2030", 229_550_000) in cells
    assert ("Realisationsvinst", "Kommunen 2031", 57_000) in cells
    assert ("Återbetalda avgifter", "Kommunen 2030", 563_000) in cells
    assert ("Reservation fordringar", "Kommunen 2030", -50_000) in cells
    assert ("Interna poster", "Kommunen 2030", -6_875_000) in cells
    assert not any(v in (215_000, 416_000, 215.0, 416.0) for _, _, v in cells)


def test_a_later_note_keeps_the_heads_of_the_table_before():
    cells = {(c.row_label, c.column_label, c.value) for c in read_cells("noter.txt", NOTES.encode()).cells}
    assert ("Summa", "Koncernen 2030", -25_194_000) in cells
    assert ("Summa", "Kommunen 2031", -15_168_000) in cells


def test_space_aligned_rows_are_read_as_before():
    text = ("Drift\nBeløp i 1000 kr\n\nTjeneste          Regnskap 2023     Budsjett 2023\n"
            "Oppvekst              250 100           245 000\nKultur                 20 500                  \n"
            "Helse                 300 200           310 000\n")
    cells = {(c.row_label, c.column_year, c.value) for c in read_cells("drift.txt", text.encode()).cells}
    assert {("Oppvekst", 2023, 250_100_000), ("Helse", 2023, 310_000_000)} <= cells


def test_a_space_aligned_table_padded_to_a_width_is_read_as_before():
    rows = [("Tjeneste", "Regnskap 2023", "Budsjett 2023"), ("Oppvekst", "250 100", "245 000"), ("Kultur", "20 500", ""),
            ("Helse", "300 200", "310 000")]
    text = "Drift\nBeløp i 1000 kr\n\n" + "".join(f"{a:<18}{b:>14}{c:>16}".ljust(60) + "\n" for a, b, c in rows)
    cells = {(c.row_label, c.column_year, c.value) for c in read_cells("drift.txt", text.encode()).cells}
    assert {("Oppvekst", 2023, 250_100_000), ("Helse", 2023, 310_000_000)} <= cells
    assert any(r == "Kultur" and v == 20_500_000 for r, _, v in cells)  # one cell of two: its column is left open
    assert not any(v in (250_000, 100_000) for _, _, v in cells)
