"""A one-column table run into one line of alternating labels and figures ("Område Netto Skole 12,5 Helse 9,1 ...")
is read as a table: the head words name the label column and the value column, the line above is the caption; unit
numbers run into the figure before their label are cut off only where the decimals prove it. Running text with several
figures stays prose. Fixtures written for these tests (no real document)."""
from __future__ import annotations

from pathlib import Path

import pytest

from flows.reports.document import read_cells
from flows.reports.layout.model import Line
from flows.reports.layout.pair_runs import expand_pair_runs

FLAT = """Eksempel fylkeskommune, årsrapport 2022

Netto driftsresultat per område
Område Netto resultat Politisk styring 29,5 Avsetninger ført sentralt -12,5 Næring 0,2 Plan og miljø 4,5 Samferdsel 18,3

Skatteinngangen ble 1 234 mill. kroner i 2022, mot 1 100 mill. kroner i 2021, og rammetilskuddet 900 mill. kroner.
"""

CODED = """Eksempel kommune, årsmelding 2023

Netto driftsutgifter per tjeneste (mill. kr)
Tjeneste Netto 2023 Administrasjon 112,4 Kultur 45,1820 Barnehage 734,2830 Skole 455,9 Helse 301,3
"""


def _read(tmp_path: Path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_cells(path)


def test_a_line_of_labels_and_figures_is_a_one_column_table(tmp_path):
    report = _read(tmp_path, "eksempel_2022.txt", FLAT)
    cells = {c.row_label: c for c in report.cells}
    assert {k: c.value for k, c in cells.items()} == {
        "Politisk styring": 29.5, "Avsetninger ført sentralt": -12.5, "Næring": 0.2, "Plan og miljø": 4.5,
        "Samferdsel": 18.3}
    assert {c.column_label for c in cells.values()} == {"Netto resultat"}
    assert {c.corner for c in cells.values()} == {"Område"}
    assert {c.caption for c in cells.values()} == {"Netto driftsresultat per område"}
    assert [c.row_order for c in sorted(cells.values(), key=lambda c: c.row_order)] == [1, 2, 3, 4, 5]
    # the sentence after it keeps its figures as prose figures, none a table cell
    assert {f.value for f in report.figures} >= {1_234_000_000, 1_100_000_000}


def test_unit_numbers_run_into_the_figures_are_cut_off_by_the_decimals(tmp_path):
    report = _read(tmp_path, "eksempel_2023.txt", CODED)
    cells = {c.row_label: c for c in report.cells}
    assert {k: c.value for k, c in cells.items()} == {
        "Administrasjon": 112_400_000, "Kultur": 45_100_000, "Barnehage": 734_200_000, "Skole": 455_900_000,
        "Helse": 301_300_000}  # the caption's "(mill. kr)" scales the table
    assert {k: c.row_code for k, c in cells.items()} == {
        "Administrasjon": None, "Kultur": None, "Barnehage": "820", "Skole": "830", "Helse": None}
    assert {c.column_year for c in cells.values()} == {2023}


def test_decimals_that_do_not_prove_where_a_unit_number_starts_leave_text_and_a_warning():
    line = Line(page=3, number=7, text="Tjeneste Netto Administrasjon 112,4 Kultur 45,18 Barnehage 734,2830 Skole "
                                       "455,9 Helse 301,3")
    warnings: list[str] = []
    assert expand_pair_runs([line], warnings) == [line]
    assert len(warnings) == 1 and "page 3 line 7" in warnings[0]


@pytest.mark.parametrize("text", [
    "Skatteinngangen ble 1 234 mill. kroner i 2022, mot 1 100 mill. kroner i 2021, og rammetilskuddet 900 mill. kroner.",
    "Kommunen hadde 412 ansatte i 2022. Av disse var 120 i skole, 98 i helse, 60 i barnehage og 44 i administrasjon.",
    "Sykefraværet var 6,1 prosent Skole 7,2 prosent Helse 8,4 prosent Barnehage 9,0 prosent Teknisk 5,5 prosent.",
    "I 2022 Skole fikk 12,5 Helse fikk 9,1 Barnehage fikk 3,3 og Teknisk fikk 2,0 av rammen, som i fjor.",
])
def test_sentences_with_several_figures_stay_prose(text):
    line = Line(page=1, number=1, text=text)
    assert expand_pair_runs([line], []) == [line]


def test_fewer_than_four_pairs_are_no_table():
    line = Line(page=1, number=1, text="Område Netto resultat Skole 29,5 Helse -12,5 Næring 0,2")
    assert expand_pair_runs([line], []) == [line]


def test_a_statement_of_several_columns_run_into_a_line_is_no_one_column_table():
    # thousands groups running on are figures of several columns; a head naming two years names two columns
    for text in ("Driftsregnskap Regnskap 2031 Budsjett 2031 Rammetilskudd 245 300 240 000 Skatt 189 412 185 000 "
                 "Eiendomsskatt 15 512 16 000 Andre overføringer 41 233 30 500 Sum driftsinntekter 491 457 471 500",
                 "Område Regnskap 2031 Budsjett 2031 Skole 12,5 Helse 9,1 Barnehage 3,3 Teknisk 2,0 Kultur 1,1"):
        line = Line(page=1, number=1, text=text)
        assert expand_pair_runs([line], []) == [line]


HALVES = """Eksempel kommune, årsberetning 2010

Personalressurser, faste årsverk pr 31.12.2010
Virksomhet/enhet Årsverk Virksomhet/enhet Årsverk10 Administrasjon 77,59 30 Helse og omsorg 734,2820 Skole 200,06 301 Omsorg nord 157,45210 Nordby skole 25,40 305 Omsorg sør 147,10

Antall årsverk økte med 12 fra året før.
"""


def test_a_list_in_two_halves_with_row_codes_run_into_one_line(tmp_path):
    # the head is one (label head, value head) pair printed once per half; a row code stands before its label, run
    # into the value (or the head) before it where the extraction dropped the space: the two decimals prove the cut
    report = _read(tmp_path, "eksempel_2010.txt", HALVES)
    cells = {c.row_label: c for c in report.cells}
    assert {k: (c.row_code, c.value) for k, c in cells.items()} == {
        "Administrasjon": ("10", 77.59), "Helse og omsorg": ("30", 734.28), "Skole": ("20", 200.06),
        "Omsorg nord": ("301", 157.45), "Nordby skole": ("210", 25.40), "Omsorg sør": ("305", 147.10)}
    assert {c.column_label for c in cells.values()} == {"Årsverk"}
    assert {c.column_year for c in cells.values()} == {2010}  # the caption's one year
    assert {c.caption for c in cells.values()} == {"Personalressurser, faste årsverk pr 31.12.2010"}


def test_halves_with_values_of_mixed_decimals_stay_text_with_a_warning():
    from flows.reports.layout.pair_runs import expand_pair_halves

    line = Line(page=4, number=9, text="Enhet Årsverk Enhet Årsverk10 Administrasjon 77,5 30 Helse og omsorg 734,2820 "
                                       "Skole 200,06 301 Omsorg nord 157,45210 Nordby skole 25,4")
    warnings: list[str] = []
    assert expand_pair_halves([line], warnings) == [line]
    assert len(warnings) == 1 and "page 4 line 9" in warnings[0]


def test_halves_without_codes_and_prose_with_a_repeated_phrase():
    from flows.reports.layout.pair_runs import expand_pair_halves

    line = Line(page=1, number=1, text="Skole Elever Skole Elever Nordby 412,0 Sørby 210,0 Vestby 198,5 Østby 77,0")
    rows = expand_pair_halves([line], [])
    assert [r.text for r in rows[1:]] == ["Nordby 412,0", "Sørby 210,0", "Vestby 198,5", "Østby 77,0"]
    prose = Line(page=1, number=1, text="Det er det det er. Kommunen brukte 12,5 mill. kroner på skole og 9,1 mill. "
                                        "kroner på helse i 2022, mot 11,0 og 8,8 året før.")
    assert expand_pair_halves([prose], []) == [prose]


# a staff list in two halves run into one line with its caption run into the head ("31.12.2021Avdeling"), every row
# code but the first run into the value before it or standing apart; the values print two decimals each
GLUED_CAPTION = """Eksempel kommune, årsmelding 2021

Faste årsverk per 31.12.2021Avdeling Årsverk Avdeling Årsverk11 Stab og støtte 41,25 70 Pleie og omsorg 503,6040 Skole 221,75 701 Hjemmebaserte tjenester 88,10410 Vestby skole 31,05 702 Bo og aktivitet 64,20420 Østby skole 27,90 703 Sykehjem 150,45

Antall årsverk økte med 9 fra året før.
"""

CODED_ROWS = {"Stab og støtte": ("11", 41.25), "Pleie og omsorg": ("70", 503.6), "Skole": ("40", 221.75),
              "Hjemmebaserte tjenester": ("701", 88.1), "Vestby skole": ("410", 31.05),
              "Bo og aktivitet": ("702", 64.2), "Østby skole": ("420", 27.9), "Sykehjem": ("703", 150.45)}


def test_halves_whose_caption_runs_into_the_head_keep_their_row_codes(tmp_path):
    report = _read(tmp_path, "eksempel_2021.txt", GLUED_CAPTION)
    cells = {c.row_label: c for c in report.cells}
    assert {k: (c.row_code, c.value) for k, c in cells.items()} == CODED_ROWS
    assert {c.column_label for c in cells.values()} == {"Årsverk"}
    assert {c.caption for c in cells.values()} == {"Faste årsverk per 31.12.2021"}
    assert {c.column_year for c in cells.values()} == {2021}


def test_halves_with_codes_printed_apart_read_whatever_the_decimals(tmp_path):
    # every row prints its code apart: the values stand as printed, one decimal or two
    text = ("Faste årsverk per 31.12.2021\nAvdeling Årsverk Avdeling Årsverk 11 Stab og støtte 41,25 70 Pleie og omsorg "
            "503,6 40 Skole 221,75 701 Hjemmebaserte tjenester 88,1 410 Vestby skole 31,05 702 Bo og aktivitet 64,20 "
            "420 Østby skole 27,9 703 Sykehjem 150,45\n")
    report = _read(tmp_path, "eksempel_2021.txt", text)
    assert {c.row_label: (c.row_code, c.value) for c in report.cells} == CODED_ROWS


def test_a_list_under_one_head_with_codes_run_into_its_values(tmp_path):
    text = ("Faste årsverk per 31.12.2021\nAvdeling Årsverk 11 Stab og støtte 41,25 70 Pleie og omsorg 503,6040 Skole "
            "221,75 701 Hjemmebaserte tjenester 88,10410 Vestby skole 31,05 702 Bo og aktivitet 64,20420 Østby skole "
            "27,90 703 Sykehjem 150,45\n")
    report = _read(tmp_path, "eksempel_2021.txt", text)
    cells = {c.row_label: c for c in report.cells}
    assert {k: (c.row_code, c.value) for k, c in cells.items()} == CODED_ROWS
    assert {(c.corner, c.column_label) for c in cells.values()} == {("Avdeling", "Årsverk")}


@pytest.mark.parametrize("head", ["Avdeling Årsverk Avdeling Årsverk", "Avdeling Årsverk"])
def test_codes_run_into_values_of_mixed_decimals_give_no_cell_and_a_warning(tmp_path, head):
    # "41,3" and "503,6040": whether 60 or 6040 is the value's decimals is open, so no rule may read the line
    # (a rule reading figure runs took the codes for values: "Stab og støtte 41,3 | 70")
    text = (f"Eksempel kommune, årsmelding 2021\n\nFaste årsverk per 31.12.2021\n{head} 11 Stab og støtte 41,3 70 Pleie "
            "og omsorg 503,6040 Skole 221,75 701 Hjemmebaserte tjenester 88,10410 Vestby skole 31,1 702 Bo og aktivitet "
            "64,20420 Østby skole 27,90 703 Sykehjem 150,45\n")
    report = _read(tmp_path, "eksempel_2021.txt", text)
    assert report.cells == []
    assert not [f for f in report.figures if f.value in (70, 701, 410, 702, 420, 703, 503.6040, 88.10410)]
    assert any("page 1 line 4" in w and "left as text" in w for w in report.layout.warnings), report.layout.warnings


def test_running_text_with_figures_of_several_decimals_is_not_held():
    from flows.reports.layout.pair_runs import hold_run_ins

    line = Line(page=2, number=5, text="Egenkapitalen økte med 460,1 mill. kroner. Kapitalkontoen økte med 447,7 mill. "
                                       "kroner, fondene falt med 58,2 mill. kroner, og renten var 2,125 prosent, mot "
                                       "1,9 prosent og 1,25 prosent før.")
    warnings: list[str] = []
    assert hold_run_ins([line], warnings) == [line] and warnings == []


HEAD_ALONE = """Faste årsverk per 31.12.2021
Avdeling Årsverk Avdeling Årsverk
{rows}
"""


@pytest.mark.parametrize("rows", [
    # the rows of both halves on one line, then a row of each half a line
    "11 Stab og støtte 41,25 70 Pleie og omsorg 503,6040 Skole 221,75 701 Hjemmebaserte tjenester 88,10410 Vestby "
    "skole 31,05 702 Bo og aktivitet 64,20420 Østby skole 27,90 703 Sykehjem 150,45",
    "11 Stab og støtte 41,25 70 Pleie og omsorg 503,60\n40 Skole 221,75 701 Hjemmebaserte tjenester 88,10\n"
    "410 Vestby skole 31,05 702 Bo og aktivitet 64,20\n420 Østby skole 27,90 703 Sykehjem 150,45",
])
def test_coded_rows_under_a_head_of_halves_alone_on_its_line(tmp_path, rows):
    report = _read(tmp_path, "eksempel_2021.txt", HEAD_ALONE.format(rows=rows))
    cells = {c.row_label: c for c in report.cells}
    assert {k: (c.row_code, c.value) for k, c in cells.items()} == CODED_ROWS
    assert {(c.corner, c.column_label, c.column_year) for c in cells.values()} == {("Avdeling", "Årsverk", 2021)}
    lines = {c.row_label: c.line for c in cells.values()}  # every row keeps the line it is printed on
    assert lines["Stab og støtte"] == lines["Pleie og omsorg"] and len(set(lines.values())) == rows.count("\n") + 1


def test_coded_rows_under_a_head_of_halves_that_read_no_one_way_are_held_as_text(tmp_path):
    # "41,3" beside "503,6040": the decimals leave open where the code run into the value starts; a row reader
    # took "Stab og støtte 41,3 70 Pleie og omsorg" for a label
    rows = "11 Stab og støtte 41,3 70 Pleie og omsorg 503,6040 Skole 221,75\n410 Vestby skole 31,05 702 Bo 64,20"
    report = _read(tmp_path, "eksempel_2021.txt", HEAD_ALONE.format(rows=rows))
    assert report.cells == []
    assert sum("left as text" in w for w in report.layout.warnings) == 2


# a staff list in halves run into the paragraph before it (its caption the paragraph's last sentence, run into it
# without a space), labels with abbreviations and commas, codes of two and three digits, and the line cut off in the
# middle of its last row (the web extraction kept only the first part of the table)
CUT_OFF = """Eksempel kommune, årsmelding 2021

2.1 Personale Tabellen viser årsverkene etter avdeling.Faste årsverk per 31.12.2021Avd./enhet Årsverk Avd./enhet Årsverk11 Adm. og støtte 41,25 70 Pleie og omsorg 503,6040 Skole 221,75 701 Hjemmebaserte tj. 88,10410 Vestby, Nordby og Li skole 31,05 702 Bo og aktivitet 64,20420 Østby skole 27,90 703 Sykehjem 150,45430 Sørby sk

Antall årsverk økte med 9 fra året før.
"""

CUT_ROWS = {"Adm. og støtte": ("11", 41.25), "Pleie og omsorg": ("70", 503.6), "Skole": ("40", 221.75),
            "Hjemmebaserte tj.": ("701", 88.1), "Vestby, Nordby og Li skole": ("410", 31.05),
            "Bo og aktivitet": ("702", 64.2), "Østby skole": ("420", 27.9), "Sykehjem": ("703", 150.45)}


@pytest.mark.parametrize("end", ["430 Sørby skole 2", "430 Sørby skole 25,"])
def test_halves_cut_off_in_a_row_keep_the_rows_before_and_leave_the_cut_row_as_text(tmp_path, end):
    # the last value read prints two decimals more than the column ("150,45430"): they are the code of the row the
    # text cut off, which gives no cell and a warning naming its page and line
    report = _read(tmp_path, "eksempel_2021.txt", CUT_OFF.replace("430 Sørby sk", end))
    cells = {c.row_label: c for c in report.cells}
    assert {k: (c.row_code, c.value) for k, c in cells.items()} == CUT_ROWS
    assert {(c.corner, c.column_label, c.column_year) for c in cells.values()} == {("Avd./enhet", "Årsverk", 2021)}
    assert {c.caption for c in cells.values()} == {"Faste årsverk per 31.12.2021"}
    assert any("cut off at page 1 line 3" in w and "Sørby" in w for w in report.layout.warnings), report.layout.warnings
    assert not [f for f in report.figures if f.value in (150.45430, 430, 2, 25)]


def test_halves_whose_last_value_prints_more_decimals_before_words_alone_give_no_cell(tmp_path):
    # "150,45430 Sørby skole" and nothing after: no value was cut off, so the extra decimals may be the value's own
    report = _read(tmp_path, "eksempel_2021.txt", CUT_OFF.replace("430 Sørby sk", "430 Sørby skole"))
    assert report.cells == []
    assert any("page 1 line 3" in w and "left as text" in w for w in report.layout.warnings), report.layout.warnings


def test_halves_whose_rows_stop_before_more_rows_give_no_cell(tmp_path):
    # the value before "Sørby skole" prints more decimals than the column, but rows go on after it (a second value,
    # more labels): no row was cut off, and where its code starts is not proved; no cell, a warning
    text = CUT_OFF.replace("430 Sørby sk", "430 Sørby skole 12,5 15,5 Nordre skole 20,10")
    report = _read(tmp_path, "eksempel_2021.txt", text)
    assert report.cells == []
    assert any("page 1 line 3" in w and "left as text" in w for w in report.layout.warnings), report.layout.warnings


THREE_SIDES = """Eksempel kommune, årsmelding 2021

Faste årsverk per 31.12.2021
Enhet Årsverk Enhet Årsverk Enhet Årsverk11 Stab 41,25 70 Omsorg 503,6040 Skole 221,75 701 Hjemmetjenester 88,10410 Vestby skole 31,05 702 Sykehjem 64,2080 Kultur 12,00 420 Østby skole 27,90 801 Bibliotek 5,50
"""


def test_a_head_printed_three_times_is_three_tables_side_by_side(tmp_path):
    report = _read(tmp_path, "eksempel_2021.txt", THREE_SIDES)
    cells = {c.row_label: c for c in report.cells}
    assert {k: (c.row_code, c.value) for k, c in cells.items()} == {
        "Stab": ("11", 41.25), "Omsorg": ("70", 503.6), "Skole": ("40", 221.75), "Hjemmetjenester": ("701", 88.1),
        "Vestby skole": ("410", 31.05), "Sykehjem": ("702", 64.2), "Kultur": ("80", 12.0),
        "Østby skole": ("420", 27.9), "Bibliotek": ("801", 5.5)}
    assert {(c.corner, c.column_label, c.column_year) for c in cells.values()} == {("Enhet", "Årsverk", 2021)}


def test_a_head_printed_three_times_alone_on_its_line_heads_the_coded_rows_below(tmp_path):
    text = THREE_SIDES.replace("Enhet Årsverk11 Stab", "Enhet Årsverk\n11 Stab")
    report = _read(tmp_path, "eksempel_2021.txt", text)
    assert len(report.cells) == 9 and {c.column_label for c in report.cells} == {"Årsverk"}
    assert {c.row_label: c.value for c in report.cells}["Omsorg"] == 503.6


# tables side by side with two value columns each (a year head): only a row's last value carries the next row's code
TWO_COLUMNS = """Eksempel kommune, årsmelding 2021

Sykefravær i prosent per enhet
Enhet 2020 2021 Enhet 2020 2021 11 Stab 4,25 5,10 70 Omsorg 9,60 8,2040 Skole 6,75 7,05 701 Hjemmetjenester 10,10 9,95410 Vestby skole 5,05 4,80 702 Sykehjem 11,20 12,40
"""

TWO_COLUMN_ROWS = {("Stab", 2020): ("11", 4.25), ("Stab", 2021): ("11", 5.1), ("Omsorg", 2020): ("70", 9.6),
                   ("Omsorg", 2021): ("70", 8.2), ("Skole", 2020): ("40", 6.75), ("Skole", 2021): ("40", 7.05),
                   ("Hjemmetjenester", 2020): ("701", 10.1), ("Hjemmetjenester", 2021): ("701", 9.95),
                   ("Vestby skole", 2020): ("410", 5.05), ("Vestby skole", 2021): ("410", 4.8),
                   ("Sykehjem", 2020): ("702", 11.2), ("Sykehjem", 2021): ("702", 12.4)}


@pytest.mark.parametrize("head", ["Enhet 2020 2021 Enhet 2020 2021 ", "Enhet 2020 2021 "])
def test_coded_rows_with_a_value_column_per_year(tmp_path, head):
    text = TWO_COLUMNS.replace("Enhet 2020 2021 Enhet 2020 2021 ", head)
    report = _read(tmp_path, "eksempel_2021.txt", text)
    assert {(c.row_label, c.column_year): (c.row_code, c.value) for c in report.cells} == TWO_COLUMN_ROWS


def test_a_code_run_into_a_value_that_is_no_rows_last_gives_no_cell(tmp_path):
    # "4,2570": a row's first value carries more decimals than the column, where no code can stand; no reading
    text = TWO_COLUMNS.replace("4,25 5,10 70 Omsorg", "4,2570 5,10 Omsorg")
    report = _read(tmp_path, "eksempel_2021.txt", text)
    assert report.cells == []
    assert any("page 1 line 4" in w and "left as text" in w for w in report.layout.warnings), report.layout.warnings


def test_coded_rows_with_values_grouped_by_thousands(tmp_path):
    # after a label only a value stands, and every value prints decimals: digits before a token with decimals are its
    # thousands ("12 345,60"), and the decimals still prove where a code run into the value starts ("234 567,1020")
    text = ("Eksempel kommune, årsmelding 2021\n\nNetto driftsutgifter per område (1000 kr)\n"
            "Område Netto Område Netto 1 Politisk styring 12 345,60 4 Helse og omsorg 234 567,1020 Skole 98 765,43 "
            "40 Kultur 1 234,5050 Teknisk 45 678,90 51 Brann 9 876,00\n")
    report = _read(tmp_path, "eksempel_2021.txt", text)
    assert {c.row_label: (c.row_code, c.printed) for c in report.cells} == {
        "Politisk styring": ("1", "12 345,60"), "Helse og omsorg": ("4", "234 567,10"), "Skole": ("20", "98 765,43"),
        "Kultur": ("40", "1 234,50"), "Teknisk": ("50", "45 678,90"), "Brann": ("51", "9 876,00")}
    assert {c.column_label for c in report.cells} == {"Netto"}
