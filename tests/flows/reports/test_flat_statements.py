"""A whole statement a web page extractor ran into one line, its figures spaced by thousands, notes before some
rows' figures, group heads without figures, years printed under the head words (invented examples)."""
from __future__ import annotations

from flows.reports.document import read_cells
from flows.reports.layout import read_layout
from flows.reports.layout.flat_statement import expand_flat_statements
from flows.reports.layout.model import Line

# bokmål: four value columns, "Note" in the head, the years on a line of their own under the heads
BOKMAL = ("Økonomisk oversikt drift Beløp i 1000 kr Note Regnskap Reg. budsjett Oppr.budsjett Regnskap 2031 2030 "
          "Driftsinntekter: Rammetilskudd 245 300 240 000 238 500 231 113 Inntekts- og formuesskatt 189 412 185 000 "
          "185 000 180 222 Eiendomsskatt 3 15 800 16 000 16 000 15 512 Andre skatteinntekter 1 300 1 200 1 200 1 190 "
          "Overføringer med krav til motytelse 4 41 233 30 500 28 000 39 870 Sum driftsinntekter 493 045 472 700 "
          "468 700 467 907 Driftsutgifter: Lønnsutgifter 5 290 112 285 000 280 000 279 344 Sosiale utgifter 5 70 221 "
          "71 000 70 000 68 900 Sum driftsutgifter 360 333 356 000 350 000 348 244 "
          "Kommunen fikk et godt resultat i år, og driften var i balanse.")


def _cells(text: str) -> dict[tuple[str, str], float]:
    return {(c.row_label, c.column_label): c.value for c in read_cells("side.txt", text.encode("utf-8")).cells}


def _years(text: str) -> dict[str, int | None]:
    return {c.column_label: c.column_year for c in read_cells("side.txt", text.encode("utf-8")).cells}


def test_a_statement_run_into_one_line_reads_row_by_row_with_the_note_numbers_left_out():
    cells = _cells(BOKMAL)
    assert cells[("Rammetilskudd", "Regnskap 2031")] == 245_300_000
    assert cells[("Rammetilskudd", "Regnskap 2030")] == 231_113_000
    assert cells[("Eiendomsskatt", "Regnskap 2031")] == 15_800_000  # note 3 is no digit of the figure
    assert cells[("Andre skatteinntekter", "Regnskap 2031")] == 1_300_000  # "1 300": no note 1
    assert cells[("Overføringer med krav til motytelse", "Oppr.budsjett 2031")] == 28_000_000
    assert cells[("Lønnsutgifter", "Regnskap 2031")] == 290_112_000
    assert cells[("Sum driftsutgifter", "Regnskap 2030")] == 348_244_000
    assert {row for row, _ in cells} == {
        "Rammetilskudd", "Inntekts- og formuesskatt", "Eiendomsskatt", "Andre skatteinntekter",
        "Overføringer med krav til motytelse", "Sum driftsinntekter", "Lønnsutgifter", "Sosiale utgifter",
        "Sum driftsutgifter"}  # the group heads print no figure and are no rows
    assert len(cells) == 9 * 4


def test_the_years_under_the_heads_go_to_the_account_columns_and_the_budgets_take_the_year_before_them():
    assert _years(BOKMAL) == {"Regnskap 2031": 2031, "Reg. budsjett 2031": 2031, "Oppr.budsjett 2031": 2031,
                              "Regnskap 2030": 2030}


def test_years_printed_with_the_heads_stay_there():
    text = BOKMAL.replace("Note Regnskap Reg. budsjett Oppr.budsjett Regnskap 2031 2030",
                          "Note Regnskap 2031 Reg. budsjett Oppr.budsjett Regnskap 2030")
    assert _years(text) == {"Regnskap 2031": 2031, "Reg. budsjett 2031": 2031, "Oppr.budsjett 2031": 2031,
                            "Regnskap 2030": 2030}
    assert _cells(text)[("Sosiale utgifter", "Reg. budsjett 2031")] == 71_000_000


# nynorsk: a row whose figures read two ways alike (note 1 and 900, or 1 900) and no sum to settle it; a row that
# prints two figures of four columns
NYNORSK = ("Driftsrekneskap Beløp i 1000 kr Noter Rekneskap Rev. budsjett Oppr. budsjett Rekneskap 2031 2030 "
           "Driftsinntekter: Rammetilskot 145 300 140 000 140 000 131 113 Skatt på inntekt og formue 89 412 85 000 "
           "85 000 80 222 Renteinntekter 1 900 1 000 1 000 950 Utbytte 12 400 12 101 Sal av tenester 2 8 300 8 000 "
           "8 000 7 950 Kommunedirektøren er nøgd med resultatet for året.")


def test_a_row_that_reads_two_ways_alike_or_prints_fewer_figures_than_can_be_placed_gives_no_cell():
    cells = _cells(NYNORSK)
    assert not any(row in ("Renteinntekter", "Utbytte") for row, _ in cells)
    assert cells[("Rammetilskot", "Rekneskap 2031")] == 145_300_000
    assert cells[("Sal av tenester", "Rekneskap 2031")] == 8_300_000
    assert cells[("Skatt på inntekt og formue", "Rekneskap 2030")] == 80_222_000
    assert len(cells) == 3 * 4


def test_the_rows_left_out_leave_warnings_with_page_and_line():
    layout = read_layout("side.txt", NYNORSK.encode("utf-8"))
    left = [w for w in layout.warnings if w.startswith("row not read")]
    assert len(left) == 2 and any("'Renteinntekter'" in w for w in left) and all("page 1 line 1" in w for w in left)


# Swedish: three columns (the budget's year from the account column before it); a row reading two ways alike is
# settled by the printed sum of its group
SWEDISH = ("Resultaträkning Belopp i tkr Not Utfall Budget Utfall 2032 2031 Verksamhetens intäkter 2 245 300 240 000 "
           "231 113 Verksamhetens kostnader 3 -1 120 400 -1 100 000 -1 080 222 Skatteintäkter 812 300 800 000 790 450 "
           "Finansiella poster: Finansiella intäkter 1 900 1 000 950 Finansiella kostnader -2 400 -2 100 -2 300 "
           "Summa finansiella poster -500 -1 100 -1 350 Årets resultat blev bättre än budgeterat.")


def test_a_printed_sum_settles_a_row_that_reads_two_ways():
    cells = _cells(SWEDISH)
    assert cells[("Finansiella intäkter", "Utfall 2032")] == 1_900_000  # 1 900, not note 1 and 900
    assert cells[("Finansiella intäkter", "Utfall 2031")] == 950_000
    assert cells[("Verksamhetens kostnader", "Budget 2032")] == -1_100_000_000
    assert cells[("Summa finansiella poster", "Budget 2032")] == -1_100_000
    assert _years(SWEDISH) == {"Utfall 2032": 2032, "Budget 2032": 2032, "Utfall 2031": 2031}


def test_without_the_sum_the_same_row_gives_no_cell():
    cells = _cells(SWEDISH.replace("Summa finansiella poster -500 -1 100 -1 350 ", ""))
    assert not any(row == "Finansiella intäkter" for row, _ in cells)
    assert cells[("Finansiella kostnader", "Utfall 2031")] == -2_300_000


# Danish: negative figures in parentheses
DANISH = ("Resultatopgørelse Beløb i 1000 kr Note Regnskab Korr. budget Opr. budget Regnskab 2031 2030 "
          "Indtægter: Skatter 1 245 300 1 240 000 1 240 000 1 231 113 Tilskud og udligning 312 400 310 000 305 000 "
          "298 870 Udgifter: Renteudgifter 6 (4 300) (4 000) (4 000) (4 512) Lønninger 3 890 112 3 885 000 3 880 000 "
          "3 790 344 Resultatet er tilfredsstillende.")


def test_danish_parentheses_are_a_minus_and_the_note_before_them_no_figure():
    cells = _cells(DANISH)
    assert cells[("Renteudgifter", "Regnskab 2031")] == -4_300_000
    assert cells[("Renteudgifter", "Regnskab 2030")] == -4_512_000
    assert cells[("Skatter", "Korr. budget 2031")] == 1_240_000_000
    assert cells[("Lønninger", "Regnskab 2031")] == 3_890_112_000
    assert len(cells) == 4 * 4


def test_figures_not_spaced_by_thousands_are_left_to_the_other_readers():
    line = Line(page=1, number=1, text="Netto driftsutgifter (mill. kr) Rekneskap 2030 Budsjett 2030 Avvik 10 Oppvekst "
                                        "120,4 118,9 -1,5 20 Helse og omsorg 210,3 215,0 4,7 30 Kultur 12,2 12,0 -0,2 "
                                        "Sum 342,9 345,9 3,0 Forklaringa er høgare lønsutgifter.")
    assert expand_flat_statements([line]) == [line]


def test_running_text_with_a_year_and_figures_is_no_statement():
    line = Line(page=1, number=1, text="Regnskapet for 2031 viser et overskudd på 12 400 kroner, og budsjettet for "
                                        "2032 legger opp til 13 000 i netto driftsresultat. Rammetilskudd 245 300 er "
                                        "høyere enn i fjor, og skatt 189 412 likeså.")
    assert expand_flat_statements([line]) == [line]


def test_the_same_statement_in_one_paragraph_of_a_saved_web_page_reads_the_same():
    html = f"<html><body><h2>Regnskab</h2><div class='page'><p>{DANISH}</p></div></body></html>"
    cells = {(c.row_label, c.column_label): c.value for c in read_cells("side.html", html.encode("utf-8")).cells}
    assert cells == _cells(DANISH)


def test_a_paragraph_number_or_a_span_of_years_in_a_label_is_no_figure():
    from flows.reports.layout.flat_statement import _tokens

    assert _tokens("Sum § 5-4 2021-2024 245 300-12 400") == ["Sum", "§", "5-4", "2021-2024", "245", "300", "-12", "400"]


# a balance sheet: one head word per year ("Regnskap Regnskap" over "2031 2030"), notes of one and two digits, group
# heads in capitals run into the first label after them
BALANCE = ("Balanse Beløp i 1000 kr Note Regnskap Regnskap 2031 2030 EIENDELER Anleggsmidler: Faste eiendommer og anlegg 8 1 245 300 1 131 113 "
           "Utstyr og maskiner 8 45 300 41 113 Utlån 9 12 400 12 101 Aksjer og andeler 10 23 000 22 000 "
           "Omløpsmidler: Kasse og bank 345 200 312 100 Kortsiktige fordringer 11 98 700 102 300 "
           "EGENKAPITAL OG GJELD Egenkapital 1 200 000 1 100 000 Noter til balansen følger under.")


def test_a_balance_sheet_with_one_head_word_per_year_reads_both_years():
    cells = _cells(BALANCE)
    assert cells[("Faste eiendommer og anlegg", "Regnskap 2031")] == 1_245_300_000
    assert cells[("Utstyr og maskiner", "Regnskap 2030")] == 41_113_000
    assert cells[("Aksjer og andeler", "Regnskap 2031")] == 23_000_000  # note 10 before the figures
    assert cells[("Kasse og bank", "Regnskap 2030")] == 312_100_000
    assert cells[("Kortsiktige fordringer", "Regnskap 2031")] == 98_700_000
    assert cells[("Egenkapital", "Regnskap 2030")] == 1_100_000_000
    assert len(cells) == 7 * 2


def test_a_statement_whose_rows_all_read_two_ways_gives_no_table_not_even_from_part_of_its_head():
    text = ("Økonomisk oversikt Note Regnskap Reg. budsjett Oppr.budsjett Regnskap 2031 2030 Skatt 1 812 769 1 774 923 "
            "1 804 932 1 730 298 Tilskudd 1 612 400 1 574 000 1 574 000 1 530 100 Renter 1 412 100 1 374 000 "
            "1 380 000 1 330 500 Resultatet er godt.")
    line = Line(page=1, number=1, text=text)
    assert expand_flat_statements([line]) == [line]
