"""A table row inside running text under year columns printed in the same text (invented examples)."""
from __future__ import annotations

from flows.reports.document import read_cells

PARAGRAPH = ("Tiltak 12: Ny miljøkoordinator Beskrivelse Stillingen skal følge opp klimaplanen. Det legges inn "
             "halvårseffekt fra 2031. - 2031 2032 2033 Sum Ansvar MILJØ (310) SUM NETTO TILTAK "
             "412 500 825 000 825 000 2 062 500 Stillingen vil ha en varighet på 3 år.")


def _cells(text: str) -> dict[tuple[str, str], float]:
    return {(c.row_label, c.column_label): c.value for c in read_cells("tiltak.txt", text.encode("utf-8")).cells}


def test_the_row_after_an_inline_year_header_splits_by_thousands_and_its_total():
    cells = _cells(PARAGRAPH)
    row = "Ansvar MILJØ (310) SUM NETTO TILTAK"
    assert cells == {(row, "2031"): 412_500, (row, "2032"): 825_000, (row, "2033"): 825_000, (row, "Sum"): 2_062_500}


def test_the_text_around_the_row_stays_prose():
    report = read_cells("tiltak.txt", PARAGRAPH.encode("utf-8"))
    assert any(f.value == 3 for f in report.figures)


def test_figures_that_do_not_add_up_to_the_total_give_no_row():
    text = PARAGRAPH.replace("2 062 500", "2 062 900")
    assert _cells(text) == {}


def test_years_in_a_sentence_without_a_run_of_figures_are_no_header():
    text = "Planen gjelder 2031 2032 og 2033. Kostnaden er 4 mill. kroner per år fra 2031 og 2 mill. kroner senere."
    assert _cells(text) == {}


def test_a_line_several_rows_were_read_from_stays_a_table_line():
    from flows.reports.layout import read_layout
    from flows.reports.prose import layout_lines

    text = ("Nøkkeltall Skatt 2030 2031 Netto driftsresultat 1,2 2,4 Lånegjeld 3,1 3,3 Disposisjonsfond 4,0 5,5 "
            "Arbeidsledige i prosent 3,5 % 3,0 % 2,5 % 2,0 % 1,5 % 1,0 % og annen tekst som står i samme linje her")
    lines = layout_lines(read_layout("nokkeltall.txt", text.encode("utf-8")))
    assert [l.table for l in lines] == [True]


def test_a_scale_declared_right_before_the_years_scales_the_rows_not_the_sentences_amount():
    for scale in ("(mill. kr)", "Beløp i mill. kr"):
        text = ("Økonomiplan 2032\n\nInvesteringer\nKommunestyret vedtok investeringer for 62 mill. kr i perioden. "
                f"{scale} 2032 2033 2034 Sum Skolebygg 12,5 30,0 8,0 50,5 Vei og gatelys 3,0 2,0 1,0 6,0 "
                "Planen rulleres neste år.\n")
        cells = _cells(text)
        assert cells[("Skolebygg", "2032")] == 12_500_000
        assert cells[("Vei og gatelys", "Sum")] == 6_000_000
