"""Statements a web extractor ran into one long line or a few (invented examples): notes listed with a comma,
thousands grouped by dots or non-breaking spaces, empty cells as dashes, the rows running on into the next line or
printed under a head on a line of its own; a row that reads several ways gives no cell."""
from __future__ import annotations

import re

from flows.reports.document import read_cells
from flows.reports.layout import read_layout


def _cells(text: str) -> dict[tuple[str, str], float]:
    return {(c.row_label, c.column_label): c.value for c in read_cells("side.txt", text.encode("utf-8")).cells}


def _warnings(text: str) -> list[str]:
    return read_layout("side.txt", text.encode("utf-8")).warnings


# bokmål, three amount columns and notes, one note cell a list of two ("3,4") and one list printed with a space
BOKMAL = ("Driftsregnskap Noter Regnskap 2031 Budsjett 2031 Regnskap 2030 Rammetilskudd 245 300 240 000 231 113 "
          "Skatt på inntekt og formue 3,4 189 412 185 000 180 222 Eiendomsskatt 15 800 16 000 15 512 "
          "Andre overføringer 4, 6 41 233 30 500 39 870 Sum driftsinntekter 491 745 471 500 466 717 "
          "Lønnsutgifter 5 290 112 285 000 279 344 Sosiale utgifter 5 70 221 71 000 68 900 "
          "Sum driftsutgifter 360 333 356 000 348 244")


def test_a_list_of_notes_before_the_figures_is_no_figure():
    cells = _cells(BOKMAL)
    assert cells[("Skatt på inntekt og formue", "Regnskap 2031")] == 189_412_000
    assert cells[("Skatt på inntekt og formue", "Regnskap 2030")] == 180_222_000
    assert cells[("Andre overføringer", "Budsjett 2031")] == 30_500_000
    # the sum's figures read as three, not as two run-together figures a thousand times the table's rows
    assert cells[("Sum driftsinntekter", "Budsjett 2031")] == 471_500_000
    assert len(cells) == 8 * 3
    assert not _warnings(BOKMAL)


# Danish: dots group the thousands (each figure one word), parentheses a minus, a head of years under "Note"
DANISH = ("Resultatopgørelse Note 2031 2030 Skatter 2 1.245.300 1.231.113 Tilskud og udligning 312.400 298.870 "
          "Driftsudgifter 3 (1.120.400) (1.080.222) Renteudgifter 4 (4.300) (4.512) Årets resultat 433.000 445.249 "
          "Resultatet er tilfredsstillende.")


def test_dots_grouping_the_thousands_make_each_figure_one_word():
    cells = _cells(DANISH)
    assert cells[("Skatter", "2031")] == 1_245_300
    assert cells[("Driftsudgifter", "2030")] == -1_080_222
    assert cells[("Renteudgifter", "2031")] == -4_300
    assert cells[("Årets resultat", "2030")] == 445_249
    assert len(cells) == 5 * 2


# Swedish: non-breaking spaces group the thousands where plain spaces part the columns
SWEDISH = ("Resultaträkning Not 2031 2030 Verksamhetens intäkter 2 845\u00a0300 831\u00a0113 "
           "Verksamhetens kostnader 3 −1\u00a0120\u00a0400 −1\u00a0080\u00a0222 Finansiella intäkter 1\u00a0900 950 "
           "Finansiella kostnader −2\u00a0400 −2\u00a0300 Årets resultat −277\u00a0600 −250\u00a0459")


def test_non_breaking_spaces_inside_the_figures_settle_what_plain_spaces_leave_open():
    cells = _cells(SWEDISH)
    assert cells[("Finansiella intäkter", "2031")] == 1_900  # "1 900 950" alone reads several ways
    assert cells[("Finansiella intäkter", "2030")] == 950
    assert cells[("Verksamhetens kostnader", "2031")] == -1_120_400
    assert cells[("Årets resultat", "2030")] == -250_459
    assert len(cells) == 5 * 2


def test_with_plain_spaces_the_same_row_reads_several_ways_and_gives_no_cell():
    cells = _cells(SWEDISH.replace("\u00a0", " "))
    assert not any(row == "Finansiella intäkter" for row, _ in cells)
    assert cells[("Verksamhetens kostnader", "2031")] == -1_120_400
    assert any("'Finansiella intäkter'" in w for w in _warnings(SWEDISH.replace("\u00a0", " ")))


# nynorsk: the statement runs on into a second long line without its head
NYNORSK = ("Driftsrekneskap Noter Rekneskap 2031 Budsjett 2031 Rekneskap 2030 Rammetilskot 245 300 240 000 231 113 "
           "Skatt på inntekt og formue 3 189 412 185 000 180 222 Eigedomsskatt 15 800 16 000 15 512 "
           "Andre overføringar 4 41 233 30 500 39 870\n"
           "Sum driftsinntekter 491 745 471 500 466 717 Lønsutgifter 5 290 112 285 000 279 344 "
           "Sosiale utgifter 5 70 221 71 000 68 900 Sum driftsutgifter 360 333 356 000 348 244")


def test_rows_running_on_into_the_next_line_are_read_under_the_head_of_the_line_before():
    cells = _cells(NYNORSK)
    assert cells[("Lønsutgifter", "Rekneskap 2031")] == 290_112_000
    assert cells[("Sosiale utgifter", "Budsjett 2031")] == 71_000_000
    assert cells[("Sum driftsutgifter", "Rekneskap 2030")] == 348_244_000
    assert len(cells) == 8 * 3
    assert all(column for _, column in cells)  # no cell without its column


def test_rows_under_a_head_on_a_line_of_its_own_read_the_same():
    head, rows = NYNORSK.split(" Rammetilskot ", 1)
    text = head + "\nRammetilskot " + rows.replace("\n", " ")
    assert len(text.split("\n")) == 2
    assert _cells(text) == _cells(NYNORSK)


def test_a_statement_line_after_a_paragraph_of_prose_is_not_read_under_an_earlier_head():
    prose = ("Kommunedirektøren viser til at driftsresultatet for året ble bedre enn budsjettert, og at "
             "skatteinngangen var høyere enn året før.")
    rows_only = NYNORSK.split("\n")[1]
    cells = _cells(NYNORSK.split("\n")[0] + "\n" + prose + "\n" + rows_only)
    assert not any(row in ("Lønsutgifter", "Sosiale utgifter") and column for row, column in cells)


# bokmål: two dashes print empty cells; a row of the budget column alone cannot be placed
DASHES = ("Driftsregnskap Noter Regnskap 2031 Budsjett 2031 Regnskap 2030 Rammetilskudd 245 300 240 000 231 113 "
          "Skatt på inntekt og formue 3 189 412 185 000 180 222 Eiendomsskatt - - 15 512 "
          "Andre overføringer 4 41 233 30 500 39 870 Sum driftsinntekter 476 945 455 500 466 717")


def test_empty_cells_printed_as_dashes_stay_out_of_the_label_and_a_row_that_reads_several_ways_gives_no_cell():
    cells = _cells(DASHES)
    assert not any(re.search(r"-", row) for row, _ in cells)
    assert cells[("Sum driftsinntekter", "Regnskap 2031")] == 476_945_000
    assert cells[("Andre overføringer", "Regnskap 2030")] == 39_870_000
    for (row, column), value in cells.items():
        if row == "Eiendomsskatt":  # read or not, never a figure under the wrong column
            assert (column, value) in {("Regnskap 2030", 15_512_000)}


# a title with the year before the head: the year is the title's, the note column starts the head
TITLED = ("Årsregnskab 2031 Resultatopgørelse Note 2031 2030 Skatter 2 12 345 678 11 234 567 Tilskud 3,4 456 789 "
          "398 112 Indtægter i alt 12 802 467 11 632 679 Lønninger 5 3 456 789 3 234 567 Øvrige udgifter 2 345 678 "
          "2 123 456 Udgifter i alt 5 802 467 5 358 023 Resultat 7 000 000 6 274 656")


def test_a_year_in_the_title_before_the_note_column_names_no_column():
    cells = _cells(TITLED)
    assert {column for _, column in cells} == {"2031", "2030"}
    assert cells[("Skatter", "2031")] == 12_345_678
    assert cells[("Tilskud", "2030")] == 398_112
    assert cells[("Lønninger", "2031")] == 3_456_789
    assert cells[("Resultat", "2030")] == 6_274_656
    assert len(cells) == 7 * 2
    swedish = TITLED.replace("Årsregnskab 2031 Resultatopgørelse Note", "Resultaträkning för 2031 Not")
    assert _cells(swedish) == cells


def test_the_rows_reader_takes_the_head_from_the_note_column_too():
    from flows.reports.layout.model import Line
    from flows.reports.layout.runs import expand_runs

    text = TITLED.replace("3,4 ", "")
    out = [line.text for line in expand_runs([Line(page=1, number=1, text=text)])]
    assert out[:2] == ["Årsregnskab 2031 Resultatopgørelse", "Note 2031 2030"]
    assert "Skatter 2 12 345 678 11 234 567" in out


# balance sheets head their columns with closing dates, not years
BALANCE = ("Balanse Note 31.12.2031 31.12.2030 EIENDELER Faste eiendommer og anlegg 8 1 245 300 1 131 113 "
           "Utstyr og maskiner 8 45 300 41 113 Utlån 9 12 400 12 101 Kortsiktige fordringer 11 98 700 102 300 "
           "Kasse og bank 345 200 312 100 Saldo per 31.12.2031 er avstemt.")


def test_closing_dates_in_the_head_name_the_years_of_a_balance_sheet():
    cells = _cells(BALANCE)
    assert cells[("Faste eiendommer og anlegg", "2031")] == 1_245_300
    assert cells[("Utlån", "2030")] == 12_101
    assert cells[("Kasse og bank", "2031")] == 345_200
    assert len(cells) == 5 * 2
    swedish = (BALANCE.replace("Balanse Note 31.12.2031 31.12.2030", "Balansräkning Not 2031-12-31 2030-12-31")
               .replace("Saldo per 31.12.2031 er avstemt.", "Avstämd per 2031-12-31."))
    assert _cells(swedish) == cells
