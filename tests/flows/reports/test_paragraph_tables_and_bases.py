"""Figures of running text that web editions and extractions bury: the sentences of a paragraph a small table was
read out of, a scale declared in words right after a table run into one line, a label listing in parentheses, the
level a "from X to Y" change led to when printed bare, a decimal comma with a space after it, and the year a figure
is compared with (which dates no figure). Fixtures written for these tests (invented organisations and figures)."""
from __future__ import annotations

from flows.reports.document import read_cells
from flows.reports.layout.tables import leading_scale
from flows.reports.prose import paragraph_around_rows

PARAGRAPH = ("Årsmelding 2031 Eksempel kommune\n\n"
             "2 Rådmannens kommentar Eksempel kommune hadde i 2031 et driftsbudsjett på 640 mill. kr. Regnskapet viser "
             "et netto driftsresultat på 12,4 mill. kr. Sektorene har samlet sett et merforbruk på 3,5 mill. kr. "
             "(mill. kr) Regnskap Budsjett Avvik Stab 20,1 21,0 0,9 Skole 180,4 176,0-4,4 Omsorg 250,2 251,0 0,8 "
             "Sum sektorene 450,7 448,0-2,7 Skolesektoren har et merforbruk på 4,4 mill. kr som skyldes flere elever. "
             "Investeringene var 55 mill. kr i 2031.\n")


def _figures(text: str):
    return read_cells("melding.txt", text.encode("utf-8")).figures


def _sentence(sentence: str):
    return _figures(f"Årsmelding 2031\n\n{sentence}\n")


def test_the_sentences_of_a_paragraph_a_table_was_read_out_of_stay_prose():
    report = read_cells("melding.txt", PARAGRAPH.encode("utf-8"))
    cells = {(c.row_label, c.column_label): c.value for c in report.cells}
    assert cells[("Skole", "Avvik")] == -4_400_000 and cells[("Sum sektorene", "Regnskap")] == 450_700_000
    figures = {f.value for f in report.figures}
    assert {640e6, 12.4e6, 3.5e6, 4.4e6, 55e6} <= figures
    assert 180.4e6 not in figures and 180.4 not in figures  # the table's cells are not read again as prose


def test_a_line_the_rows_fill_or_without_running_text_around_them_stays_the_tables():
    rows = ["Stab 20,1 21,0 0,9", "Skole 180,4 176,0 -4,4"]
    assert paragraph_around_rows("(mill. kr) Regnskap Budsjett Avvik Stab 20,1 21,0 0,9 Skole 180,4 176,0-4,4", rows) is None
    axis = "Nøkkeltall 2030 2031 Stab 20,1 21,0 0,9 Skole 180,4 176,0-4,4 Andel 3,5 % 3,0 % 2,5 % 2,0 % og litt tekst her"
    assert paragraph_around_rows(axis, rows) is None
    assert paragraph_around_rows("Her står en setning uten tabellrader.", rows) == "Her står en setning uten tabellrader."


def test_a_scale_declared_in_words_right_after_a_table_run_into_a_line_scales_its_cells():
    text = ("Årsmelding 2031 Eksempel fylkeskommune\n\n"
            "Område Netto resultat Politisk styring 12,5 Felles (renter, avdrag) -3,5 Skole 20,2 Veier -7,4 Totalt 21,8 "
            "Tall i millioner Her legger vi fram resultatet for året. Dette er en del av årsoppgjøret.\n")
    cells = {c.row_label: c.value for c in read_cells("melding.txt", text.encode("utf-8")).cells}
    assert cells == {"Politisk styring": 12_500_000, "Felles (renter, avdrag)": -3_500_000, "Skole": 20_200_000,
                     "Veier": -7_400_000, "Totalt": 21_800_000}


def test_a_leading_scale_declaration_is_only_words_that_declare():
    assert leading_scale("Tall i millioner Her legger vi fram") == "Tall i millioner"
    assert leading_scale("Beløp i 1000 kr. Driftsregnskapet viser") == "Beløp i 1000 kr"
    assert leading_scale("Her er 12 mill. kr brukt") is None
    assert leading_scale("Tall i millioner kroner er brukt") is None  # a sentence goes on in lower case


def test_the_level_a_change_led_to_printed_bare_takes_the_unit_of_the_level_before():
    for sentence, before, after in [("Det ble vedtatt en omorganisering av omsorg fra 21 virksomheter til 8.", 21, 8),
                                    ("Talet på einslege mindreårige er redusert frå 13 til 4.", 13, 4),
                                    ("Rammen økte fra 12,5 mill. kr til 14.", 12.5e6, 14e6)]:
        got = {f.value: f for f in _sentence(sentence)}
        assert set(got) == {before, after}, sentence
        assert got[before].scenario == "before" and got[after].scenario is None, sentence
        assert got[after].unit == got[before].unit and got[before].topic == f"{got[after].topic} (før)", sentence


def test_a_decimal_comma_with_a_space_after_it_is_one_figure():
    assert [f.value for f in _sentence("Resultatet er 1, 2 mill. kr bedre enn budsjett.")] == [1_200_000]
    assert [f.value for f in _sentence("Sjukefråværet var 5, 7 % i 2031.")] == [5.7]
    assert 1.2e6 not in {f.value for f in _sentence("Prosjektene 1, 2 og 3 mill. kr er vedtatt.")}


def test_the_year_a_figure_is_compared_with_dates_no_figure():
    def years(sentence):
        return {f.value: f.year for f in _sentence(sentence)}

    assert years("Sjukefråværet var 5,7 %, eit heilt prosentpoeng lågare enn i 2030.") == {5.7: 2031}
    assert years("Likviditetsreserven er redusert med 134 mill. fra 2030 og var 1 759 mill. ved årets slutt.") \
        == {134e6: 2031, 1759e6: 2031}
    assert years("Skatteinntektene blei 490 millionar, og ein auke på 16 millionar frå 2030.") == {490e6: 2031, 16e6: 2031}
    assert years("Skatteinntektene økte med 16 mill. kr fra 2029 til 2030.") == {16e6: 2030}
    assert years("Sykefraværet var 6,1 % i 2031 mot 6,5 % i 2030.") == {6.1: 2031, 6.5: 2030}
    assert years("Antall brukere var 120 personer, tall fra 2030.") == {120: 2030}  # a source year still dates



def _headless(rows: list[tuple[str, list[str]]], line: int, columns: int):
    from flows.reports.layout.model import Column, Table, TableRow

    return Table(number=2, page=1, line=line, caption=None, headings=[], scale_text=None,
                 columns=[Column(label="", year=None, scenario="unknown") for _ in range(columns)],
                 rows=[TableRow(label=label, code=None, values=list(enumerate(values)), page=1, line=line + k,
                                text=f"{label} {' '.join(values)}") for k, (label, values) in enumerate(rows)])


def test_rows_under_no_head_take_no_units_an_earlier_list_printed_as_its_heads():
    from flows.reports.layout.headers import make_column
    from flows.reports.layout.lost_heads import name_lost_heads
    from flows.reports.layout.model import Line

    earlier = _headless([("Kultur", ["206,0", "4,7 %"]), ("Skule", ["2 375,8", "54,2 %"])], 3, 2)
    earlier.columns = [make_column("mill. kr"), make_column("%")]
    earlier.consumed = {(1, 3), (1, 4)}
    lines = [Line(page=1, number=k + 1, text=t) for k, t in enumerate(
        ["Årsmelding 2031", "", "Kultur 206,0 mill. kr 4,7 %", "Skule 2 375,8 mill. kr 54,2 %", "",
         "Arbeidsledige pr. 28.02.32 5 924 (2,4 %)", "Sysselsette på tiltak 1 131 (0,5 %)", "Folkeauke 7 007 (1,2)"])]
    counts = _headless([("Arbeidsledige pr. 28.02.32", ["5 924", "2,4 %"]), ("Sysselsette på tiltak", ["1 131", "0,5 %"]),
                        ("Folkeauke", ["7 007", "1,2"])], 6, 2)
    assert name_lost_heads(counts, lines, 5, [earlier]) is None  # a count is no million kroner
    assert [c.label for c in counts.columns] == ["", ""]
    shares = _headless([("Veg", ["992,8", "22,6 %"]), ("Tannhelse", ["241,7", "5,5 %"])], 6, 2)
    assert name_lost_heads(shares, lines, 5, [earlier]) == "earlier table"  # rows printing the share go on under it
    assert [c.label for c in shares.columns] == ["mill. kr", "%"]


def test_the_change_of_a_count_its_subject_names_is_read_when_printed_bare():
    got = {f.value: f for f in _sentence("Mens innbyggertallet økte med 872 (695 i 2030), flyttet 5 326 personer.")}
    assert got[872].scenario == "change" and got[872].year == 2031 and got[872].topic == "innbyggertallet"
    got = {f.value: f for f in _sentence("Antall ansatte gikk ned med 12, til 430.")}
    assert (got[12].scenario, got[430].scenario) == ("change", None) and got[12].unit == got[430].unit == "persons"
    assert 2030 not in {f.value for f in _sentence("Innbyggertallet økte med 2030 i fjor.")}  # a year is no change


def test_the_further_numbers_of_a_list_of_references_are_no_figures():
    for sentence, stated in [("Enligt artikel 13 och 17 i förordningen ska 25 procent av avfallet återvinnas.", {25}),
                             ("Se kapittel 4, 5 og 7 for de 120 ansatte.", {120}),
                             ("Jf. §§ 12 og 14 ble 30 saker behandlet.", {30})]:
        assert {f.value for f in _sentence(sentence)} == stated, sentence
    assert {f.value for f in _sentence("Tabell 3 viser at 12 og 14 saker ble behandlet.")} == {12, 14}


def test_an_amount_whose_magnitude_word_is_a_slip_is_dropped_for_the_one_meant():
    text = ("Årsrapport 2031\n\nDriftsinntektene var 15 milliarder kroner. Netto driftsresultatet ble på 245 milliarder "
            "kroner, tilsvarende 1,6 prosent av driftsinntektene.\n\nNetto driftsresultat i 2031 ble 245 millioner kroner.\n")
    amounts = {f.value for f in _figures(text) if f.unit == "nok"}
    assert amounts == {15e9, 245e6}
    text = "Årsrapport 2031\n\nFondet er på 12 milliarder kroner. Avsetningen var 12 millioner kroner.\n"
    assert {f.value for f in _figures(text) if f.unit == "nok"} == {12e9, 12e6}  # no other amount: both stand


def test_a_size_before_a_label_is_part_of_it_and_the_row_keeps_its_own_figure():
    text = ("Gebyrregulativ 2031\n\nAlle priser er inkl. mva.\n\nBeholderstørrelse           Årspris\n"
            "140 liter                                   kr 3 272\n190 liter                                   kr 3 480\n"
            "1000 liter                                kr 13 486\n\nGebyr for 2032\n\nStørrelse på dunk Gebyr per år\n"
            "140 liter 4.476 kroner\n370 liter 5.730 kroner\n770 liter 15.597 kroner\n")
    cells = {(c.row_label, c.table_number): c.value for c in read_cells("gebyr.txt", text.encode("utf-8")).cells}
    first, second = sorted({t for _, t in cells})
    assert {label: v for (label, t), v in cells.items() if t == first} == {"140 liter": 3272, "190 liter": 3480,
                                                                          "1000 liter": 13486}
    assert {label: v for (label, t), v in cells.items() if t == second} == {"140 liter": 4476, "370 liter": 5730,
                                                                           "770 liter": 15597}


def test_words_of_the_clause_between_a_counted_subject_and_its_change():
    got = _sentence("Antall årsverk i konsern (juridisk enhet) har i perioden 31.12.30 - 31.08.31 økt med 4.")
    assert [(f.value, f.unit, f.scenario) for f in got] == [(4, "fte", "change")]
    assert not _sentence("Antall ansatte er uendret og sykefraværet økte med 2.")  # another clause's subject
    assert not _sentence("Antall ansatte i kommunen er stabilt, mens lønnsutgiftene økte med 12.")


def test_a_price_list_prints_what_its_prices_are_per_once_and_a_section_line_under_its_year_heads():
    text = ("Gebyrregulativ 2031\n\nHallen - leie\n\nSkole - idrettshall og basseng 2031   2032\nStorhallen       \n"
            "Leie av 1/3 hall inkl. garderobe  kr            100 pr. time  kr            103\n"
            "Leie av hele hallen inkl. garderobe  kr            250 pr. time  kr            257\n")
    cells = {(c.row_label, c.column_year): c.value for c in read_cells("gebyr.txt", text.encode("utf-8")).cells}
    assert cells == {("Leie av 1/3 hall inkl. garderobe (pr. time)", 2031): 100,
                     ("Leie av 1/3 hall inkl. garderobe (pr. time)", 2032): 103,
                     ("Leie av hele hallen inkl. garderobe (pr. time)", 2031): 250,
                     ("Leie av hele hallen inkl. garderobe (pr. time)", 2032): 257}


def test_a_date_whose_year_is_printed_apart_stays_in_the_label():
    from flows.reports.numbers import split_label_and_values

    assert split_label_and_values("Folketal 1.1. 2032 469 681") == ("Folketal 1.1. 2032", "469 681")
    assert split_label_and_values("Saldo pr.31.12. 2031 1 234") == ("Saldo pr.31.12. 2031", "1 234")
    assert split_label_and_values("Eiendeler 31.12. 2031") == ("Eiendeler 31.12.", "2031")  # no figure after it


def test_a_letter_code_before_a_label_starting_with_a_capital_letter_stays_a_code():
    from flows.reports.layout.tables import _split_code

    assert _split_code("C A-B Til fordeling") == ("A-B Til fordeling", "C")
    assert _split_code("140 liter") == ("140 liter", None) and _split_code("63 A") == ("63 A", None)
    assert _split_code("4 Andre skatteinntekter") == ("Andre skatteinntekter", "4")
