"""A group head printed without a colon and run into the first row's label ("Driftsinntekter Brukerbetalinger
1 234") is the parent of its rows, not part of the label, where the table shows it is a head (its total row,
or the same head over other rows); a capitalised word in a label the table does not show as a head stays."""
from __future__ import annotations

from flows.reports.document import read_cells


def _rows(name: str, text: str) -> set[tuple]:
    return {(c.parent_row, c.row_label, c.column_year, c.value) for c in read_cells(name, text.encode()).cells}


def test_head_glued_to_the_first_row_in_spaced_web_text():
    text = ("Økonomisk oversikt drift\nBeløp i 1000 kr\nRegnskap 2023 Budsjett 2023 Regnskap 2022\n"
            "Driftsinntekter Brukerbetalinger 1 234 1 100 1 050\nSalgs- og leieinntekter 5 678 5 500 5 300\n"
            "Sum driftsinntekter 6 912 6 600 6 350\nDriftsutgifter Lønnsutgifter 10 200 10 000 9 800\n"
            "Sosiale utgifter 2 300 2 250 2 100\nSum driftsutgifter 12 500 12 250 11 900\n")
    rows = _rows("drift.txt", text)
    assert ("Driftsinntekter", "Brukerbetalinger", 2023, 1_234_000) in rows
    assert ("Driftsinntekter", "Salgs- og leieinntekter", 2022, 5_300_000) in rows
    assert ("Driftsutgifter", "Lønnsutgifter", 2023, 10_200_000) in rows
    assert not any(r[1].startswith("Drifts") and " " in r[1] and not r[1].startswith("Sum") for r in rows)


def test_head_glued_without_a_space_in_glued_web_text():
    text = ("Driftsregnskap\nBeløp i 1000 kr\nRegnskap 2023Budsjett 2023\n"
            "DriftsutgifterLønnsutgifter10 20010 000\nSosiale utgifter2 3002 250\nSum driftsutgifter12 50012 250\n")
    rows = _rows("drift.txt", text)
    assert ("Driftsutgifter", "Lønnsutgifter", 2023, 10_200_000) in rows


def test_swedish_head_with_a_summa_row():
    text = ("Resultaträkning (mnkr)\n\nUtfall 2023 Budget 2023\nVerksamhetens intäkter Taxor och avgifter 52 49\n"
            "Bidrag 120 110\nSumma verksamhetens intäkter 172 159\n")
    rows = _rows("rr.txt", text)
    assert ("Verksamhetens intäkter", "Taxor och avgifter", 2023, 52_000_000) in rows
    assert ("Verksamhetens intäkter", "Bidrag", 2023, 120_000_000) in rows


def test_a_capitalised_name_the_table_does_not_show_as_a_head_stays_in_the_label():
    text = ("Elever per skole\n\nSkole 2023 2022\nNordby Skole 120 118\nSørby Oppvekstsenter 88 90\nSum 208 208\n")
    rows = _rows("skoler.txt", text)
    assert (None, "Nordby Skole", 2023, 120) in rows
    assert (None, "Sørby Oppvekstsenter", 2022, 90) in rows
