"""A table a web transcript ran into one paragraph with the prose around it (invented examples)."""
from __future__ import annotations

from flows.reports.document import read_cells
from flows.reports.layout.flattened import expand_flattened
from flows.reports.layout.model import Line

PROSE_BEFORE = "Driftsresultatet ble bedre enn ventet i år, og rådmannen er fornøyd med utviklingen i alle sektorer. "
PROSE_AFTER = " Befolkningen økte gjennom året, og det er flere barn i barnehagene enn i fjor. Kommunen har god kontroll."

# bokmål, a head stacked over three lines, codes before the rows, a percent column, the scale in the head
BOKMAL = (PROSE_BEFORE + "Regnskap Regulert Avvik Avvik 2031 budsjett ift ift budsjett (Mill kr.) 2031 budsjett prosent "
          "0 Politikk 6,1 6,3 0,2 3,2 % 1 Administrasjon 14,8 13,4 -1,4 -10,4 % 2 Skole 67,2 69,8 2,6 3,7 % "
          "Sum 88,1 89,5 1,4 1,6 %" + PROSE_AFTER)

# nynorsk, one head line, codes, a scale phrase before the head
NYNORSK = ("Rekneskapen for 2030 syner eit samla mindreforbruk for tenesteområda, og kommunedirektøren er nøgd med det. "
           "Netto driftsutgifter (mill. kr) Rekneskap 2030 Budsjett 2030 Avvik 10 Oppvekst 120,4 118,9 -1,5 "
           "20 Helse og omsorg 210,3 215,0 4,7 30 Kultur 12,2 12,0 -0,2 Sum 342,9 345,9 3,0 "
           "Forklaringa er høgare lønsutgifter i barnehagane enn budsjettert i fjor.")

# Swedish, no codes, the variance in percent of the budget
SWEDISH = ("Nämnderna redovisar sammantaget ett överskott mot budget för året, och styrelsen bedömer läget som stabilt. "
           "Belopp i mnkr Utfall 2022 Budget 2022 Avvikelse Avvikelse % Barn- och utbildning 81,2 82,0 0,8 1,0 % "
           "Socialtjänst 65,5 64,0 -1,5 -2,3 % Kultur och fritid 9,8 10,1 0,3 3,0 % Summa 156,5 156,1 -0,4 -0,3 % "
           "Socialtjänstens underskott förklaras av ökade kostnader för placeringar under hösten.")


def _cells(text: str) -> dict[tuple[str, str], float]:
    return {(c.row_label, c.column_label): c.value for c in read_cells("side.txt", text.encode("utf-8")).cells}


def test_a_flattened_table_with_codes_a_stacked_head_and_a_percent_column_reads_row_by_row():
    cells = _cells(BOKMAL)
    assert cells[("Politikk", "Regnskap 2031")] == 6_100_000
    assert cells[("Administrasjon", "Regulert 2031")] == 13_400_000
    assert cells[("Skole", "Avvik ift")] == 2_600_000
    assert cells[("Administrasjon", "Avvik %")] == -10.4
    assert cells[("Sum", "Regnskap 2031")] == 88_100_000
    assert {row for row, _ in cells} == {"Politikk", "Administrasjon", "Skole", "Sum"}
    assert len(cells) == 16


def test_the_columns_take_their_scenarios_and_years_from_the_head():
    report = read_cells("side.txt", BOKMAL.encode("utf-8"))
    by_column = {c.column_label: c for c in report.cells}
    assert by_column["Regnskap 2031"].scenario == "actual"
    assert by_column["Regulert 2031"].scenario == "revised_budget"
    assert by_column["Avvik ift"].scenario == "variance"
    assert by_column["Avvik %"].scenario == "variance_pct"


def test_nynorsk_rows_with_codes_under_a_one_line_head():
    cells = _cells(NYNORSK)
    assert cells[("Helse og omsorg", "Budsjett 2030")] == 215_000_000
    assert cells[("Kultur", "Avvik")] == -200_000
    assert cells[("Sum", "Rekneskap 2030")] == 342_900_000
    assert len(cells) == 12


def test_swedish_rows_without_codes_and_a_percent_of_the_budget():
    cells = _cells(SWEDISH)
    assert cells[("Barn- och utbildning", "Utfall 2022")] == 81_200_000
    assert cells[("Socialtjänst", "Avvikelse %")] == -2.3
    assert cells[("Summa", "Budget 2022")] == 156_100_000
    assert len(cells) == 16


def test_a_sum_row_that_does_not_add_up_is_left_out_and_the_other_rows_stay():
    cells = _cells(NYNORSK.replace("Sum 342,9", "Sum 352,9"))
    assert ("Sum", "Rekneskap 2030") not in cells and ("Sum", "Budsjett 2030") not in cells
    assert cells[("Oppvekst", "Rekneskap 2030")] == 120_400_000
    assert len(cells) == 9


def test_a_row_whose_variance_does_not_fit_is_left_out():
    cells = _cells(NYNORSK.replace("4,7 30 Kultur", "5,7 30 Kultur"))
    assert not any(row == "Helse og omsorg" for row, _ in cells)
    assert cells[("Kultur", "Rekneskap 2030")] == 12_200_000


def test_a_percent_that_is_not_the_variance_over_the_budget_is_left_out():
    cells = _cells(SWEDISH.replace("-2,3 %", "-4,3 %"))
    assert not any(row == "Socialtjänst" for row, _ in cells)
    assert ("Kultur och fritid", "Avvikelse %") in cells


def test_a_head_that_does_not_name_as_many_columns_as_the_rows_print_gives_no_table():
    text = NYNORSK.replace("Budsjett 2030 Avvik", "Budsjett 2030")
    assert _cells(text) == {}


def test_the_prose_around_the_table_stays_text_and_the_scale_goes_above_the_head():
    lines = expand_flattened([Line(page=3, number=7, text=BOKMAL)])
    assert lines[0].text == PROSE_BEFORE.strip() and lines[0].segs is None
    assert lines[1].text == "(Mill kr.)" and lines[1].segs is None
    assert lines[2].header and [s.text for s in lines[2].segs] == ["Regnskap 2031", "Regulert 2031", "Avvik ift",
                                                                   "Avvik %"]
    assert lines[-1].text == PROSE_AFTER.strip() and lines[-1].segs is None
    assert all(line.page == 3 and line.number == 7 for line in lines)


def test_running_text_with_figures_is_no_table():
    text = ("Kommunen hadde 4 120 innbyggere ved utgangen av året, 35 flere enn året før. Skolen har 412 elever "
            "og 38 lærere, og barnehagene har 210 barn. Regnskap og budsjett ble behandlet i kommunestyret 12 "
            "ganger, og Avvik 3 ble lukket i løpet av våren etter tilsynet.")
    lines = [Line(page=1, number=1, text=text)]
    assert expand_flattened(lines) == lines


# nynorsk in thousands, digit groups spaced by thousands, codes between the rows
THOUSANDS = ("Tenesteområda samla fekk eit mindreforbruk, og det er vi godt nøgde med. Tabellen viser netto "
             "driftsutgifter per område, og forklaringar følgjer under. Beløp i 1000 kr Rekneskap 2030 Budsjett 2030 "
             "Avvik 10 Oppvekst 120 400 118 900 -1 500 20 Helse og omsorg 210 300 215 000 4 700 30 Kultur 9 850 "
             "10 000 150 Sum 340 550 343 900 3 350 Forklaringa er høgare lønsutgifter i barnehagane enn budsjettert, "
             "og fleire barn enn venta. Det er sett i verk tiltak.")


def test_figures_spaced_by_thousands_read_the_one_way_the_variance_allows():
    cells = _cells(THOUSANDS)
    assert cells[("Oppvekst", "Rekneskap 2030")] == 120_400_000
    assert cells[("Oppvekst", "Avvik")] == -1_500_000
    assert cells[("Kultur", "Budsjett 2030")] == 10_000_000
    assert cells[("Sum", "Avvik")] == 3_350_000
    assert len(cells) == 12


def test_figures_spaced_by_thousands_without_a_variance_to_settle_them_give_no_table():
    text = THOUSANDS.replace(" Avvik 10 Oppvekst", " 10 Oppvekst").replace(" -1 500 20", " 20").replace(
        " 4 700 30", " 30").replace(" 150 Sum", " Sum").replace(" 3 350 Forklaringa", " Forklaringa")
    lines = [Line(page=1, number=1, text=text)]
    assert expand_flattened(lines) == lines


def test_a_year_in_the_sentence_before_the_head_names_no_column():
    text = ("Året ga et godt resultat, og tabellen viser budsjett 2021 og utviklingen videre i år 2021 2022 Endring "
            "Skole 45 47 2 Helse 120 118 -2 Teknisk 30 30 0 Sum 195 195 0 Resultatet forklares med høyere "
            "skatteinngang enn forventet gjennom hele året. Se også kapittel 4.")
    heads = [line for line in expand_flattened([Line(page=1, number=1, text=text)]) if line.header]
    assert [[s.text for s in line.segs] for line in heads] == [["2021", "2022", "Endring"]]
    cells = _cells(text)
    assert cells[("Helse", "2022")] == 118 and cells[("Skole", "Endring")] == 2
    assert {column for _, column in cells} == {"2021", "2022", "Endring"}


def test_a_total_of_sum_rows_is_checked_against_them():
    text = ("Året ga et godt resultat for kommunen, og alle områdene holdt seg innenfor rammene i år. Regnskap 2022 "
            "Budsjett 2022 Avvik Skatt 100,0 98,0 -2,0 Rammetilskudd 50,0 50,0 0,0 Sum inntekter 150,0 148,0 -2,0 "
            "Lønn 80,0 82,0 2,0 Kjøp 30,0 29,0 -1,0 Sum utgifter 110,0 111,0 1,0 Sum totalt 260,0 259,0 -1,0 "
            "Resultatet forklares med høyere skatteinngang enn forventet gjennom hele året. Se også kapittel 4.")
    cells = _cells(text)
    total = [cells[(row, "Regnskap 2022")] for row in ("Sum inntekter", "Sum utgifter", "Sum totalt")]
    assert total[2] == total[0] + total[1] > 0
    broken = _cells(text.replace("Sum totalt 260,0 259,0 -1,0", "Sum totalt 270,0 269,0 -1,0"))
    assert ("Sum totalt", "Regnskap 2022") not in broken and ("Sum utgifter", "Regnskap 2022") in broken


def test_a_scale_between_the_head_and_the_first_row_is_no_code_and_no_label():
    text = ("Året ga et godt resultat for kommunen, og alle områdene holdt seg innenfor rammene sine i år. "
            "Tjenesteområde Regnskap Budsjett Avvik 2031 2031 Beløp i 1000 kr Politikk 6 100 6 300 200 Skole 67 200 "
            "69 800 2 600 Helse 50 000 49 500 -500 Resultatet forklares med høyere skatteinngang enn forventet.")
    cells = _cells(text)
    assert cells[("Politikk", "Regnskap 2031")] == 6_100_000
    assert cells[("Helse", "Avvik")] == -500_000
    assert {row for row, _ in cells} == {"Politikk", "Skole", "Helse"}


def test_a_minus_glued_to_the_figure_before_it_and_an_abbreviated_label_keep_the_run_going():
    # web extraction glued negative cells to the figure before them; a label ends with the abbreviation "m.v."
    text = (PROSE_BEFORE + "Regnskap Budsjett Avvik 2031 2031 (Mill kr.) "
            "1 Administrasjon m.v. 14,8 13,4-1,4 2 Skole 67,2 69,8 2,6 3 Avsetninger o.l. -64,3-37,2 27,1 "
            "4 Helse 30,0 29,5-0,5" + PROSE_AFTER)
    cells = _cells(text)
    assert cells[("Administrasjon m.v.", "Avvik")] == -1_400_000
    assert cells[("Avsetninger o.l.", "Regnskap 2031")] == -64_300_000
    assert cells[("Avsetninger o.l.", "Budsjett 2031")] == -37_200_000
    assert cells[("Helse", "Avvik")] == -500_000
    assert {row for row, _ in cells} == {"Administrasjon m.v.", "Skole", "Avsetninger o.l.", "Helse"}


def test_a_range_or_a_year_span_is_no_pair_of_figures_in_a_run():
    from flows.reports.layout.flattened import _split_glued_minus
    assert _split_glued_minus(["0-19", "2021-2024", "13,4-1,4-10,5%"]) == ["0-19", "2021-2024", "13,4", "-1,4", "-10,5%"]
    assert _split_glued_minus(["-3,2%-0,5", "2,1−1,0"]) == ["-3,2%", "-0,5", "2,1", "−1,0"]


# the scale printed right before a head of words only, after a sentence that states an amount in the same unit
AFTER_AMOUNT = ("Årsmelding 2031\n\nØkonomi\n\nSektorene samlet fikk et merforbruk på 8,9 mill. kr. (mill. kr) Regnskap "
                "Budsjett Avvik Skole 240,3 233,3-7,0 Helse og sosial 317,7 311,0-6,7 Kultur 26,8 27,6 0,8 Sum 584,8 "
                "571,9-12,9 Skolesektoren har hatt økte utgifter til spesialundervisning.\n")
# the same with the declaration written out after the sentence's end
WRITTEN_OUT = AFTER_AMOUNT.replace("(mill. kr) Regnskap", "Beløp i mill. kr Regnskap")


def test_a_scale_before_the_head_scales_the_rows_and_the_sentence_before_it_is_no_row_nor_head():
    for text in (AFTER_AMOUNT, WRITTEN_OUT):
        got = read_cells("side.txt", text.encode("utf-8")).cells
        cells = {(c.row_label, c.column_label): c.value for c in got}
        assert cells[("Helse og sosial", "Regnskap")] == 317_700_000
        assert cells[("Skole", "Avvik")] == -7_000_000
        assert cells[("Sum", "Budsjett")] == 571_900_000
        assert {row for row, _ in cells} == {"Skole", "Helse og sosial", "Kultur", "Sum"}  # no "... merforbruk på" row


def test_the_prose_before_a_scale_phrase_stays_running_text():
    line = Line(page=1, number=1, text=WRITTEN_OUT.split("\n")[4])
    out = expand_flattened([line])
    assert [o.text for o in out[:2]] == ["Sektorene samlet fikk et merforbruk på 8,9 mill. kr.", "Beløp i mill. kr"]
    assert out[0].prose and out[2].header and out[2].text == "Regnskap Budsjett Avvik"
