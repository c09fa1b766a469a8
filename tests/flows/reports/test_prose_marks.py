"""Figures in running text marked in ways the plain number grammar misses (invented sentences): whole kroner
printed "65 000,-", "kroner null", numbers in words before a counted noun, a count with its share in
parentheses, a comparison figure in parentheses, digit groups garbled by a scan, and dates before an amount."""
from __future__ import annotations

from flows.reports.prose import Sentence, prose_figures, repair_digits


def _figures(text: str, section: str | None = None) -> list[tuple[float, str]]:
    return [(f.value, f.unit) for f in prose_figures([Sentence(text=text, page=1, line=1, section=section, quarter=None)], 2031)]


def test_whole_kroner_printed_with_a_dash_are_amounts():
    assert _figures("Tilskudd til frivilligsentralen: 120 500,-") == [(120_500, "nok")]
    assert _figures("Utvalget for kultur fikk en ramme på 42 000,- i året.") == [(42_000, "nok")]


def test_kroner_null_is_an_amount_of_zero():
    assert (0.0, "nok") in _figures("Investeringsregnskapet er gjort opp i kroner null etter strykninger.")


def test_a_number_in_words_before_a_counted_noun_is_read_without_any_digit_in_the_sentence():
    assert _figures("Lånet skal betales ned over de kommende åtte årene.") == [(8, "count")]
    assert _figures("Det har vært vekst i over tjue år.") == [(20, "years")]
    assert _figures("Det er ni i styret, og de to møtes ofte.") == []  # no counted noun after the word


def test_a_count_with_its_share_in_parentheses_is_a_figure():
    found = _figures("Av de 310 ansatte arbeidet 122 (39,4 %) i hel stilling.")
    assert (122, "count") in found and (39.4, "pct") in found and (310, "persons") in found


def test_a_comparison_figure_in_parentheses_takes_the_unit_of_the_figure_before_it():
    assert _figures("Fraværet var 6,1 % i første kvartal (7,35) og lavere enn året før (6,90).") == \
        [(6.1, "pct"), (7.35, "pct"), (6.90, "pct")]
    assert _figures("Dette gjelder paragraf (12) i loven om skoler.") == []  # a whole number in parentheses
    assert _figures("Netto driftsresultat ble 12,3 mill. kroner (10,5).") == [(12_300_000, "nok"), (10_500_000, "nok")]


def test_a_letter_for_a_digit_in_a_digit_group_and_a_stray_space_before_a_dot_are_put_right():
    assert repair_digits("et overskudd på kr 312 O45,50 i 2031") == "et overskudd på kr 312 045,50 i 2031"
    assert repair_digits("gjenstår kr 98 .410,20 som fond") == "gjenstår kr 98 410,20 som fond"
    assert repair_digits("Klasse 4 IB og rom 12 lO1") == "Klasse 4 IB og rom 12 lO1"  # no money, no decimals: as printed
    assert _figures("Resultatet viser et overskudd på kr 312 O45,50 for året.") == [(312_045.5, "nok")]


def test_an_amount_after_a_date_keeps_its_kroner():
    assert _figures("Sum innskudd i pensjonskassen er pr 31.12.2031 kr 98 765,-.") == [(98_765, "nok")]


def test_an_amount_with_no_words_of_its_own_is_named_by_the_heading_above():
    assert _figures("2032 750 tkr.", section="Investeringsutgift") == [(750_000, "nok")]
    assert _figures("2032 750 tkr.") == []


def test_a_span_of_years_written_as_one_word_is_a_figure_in_years():
    assert _figures("Fondet skal balanseres i løpet av en treårsperiode.") == [(3, "years")]
    assert _figures("Kommunen inngikk en fireårig avtale om drift.") == [(4, "years")]
    assert _figures("Skolen ligger i Treårsvegen ved sjøen.") == []  # a name
    assert _figures("Treårsplanen ble vedtatt i juni.") == [(3, "years")]


def test_a_number_word_before_av_counts_a_part_of_the_noun_after_it():
    assert _figures("Sju av dei tilsette var kvinner.") == [(7, "part")]  # a part of the employees, not their number
    assert _figures("Tre av fire skoler fikk nye tak.") == [(3, "part"), (4, "count")]
    assert _figures("Det var to av oss som sto igjen.") == []  # a pronoun is counted nothing


def test_one_million_or_milliard_in_words_is_an_amount():
    assert _figures("Tiltaket koster en halv million kroner.") == [(500_000, "nok")]
    assert _figures("Kommunen brukte ein milliard kroner på skule.") == [(1e9, "nok")]
    assert _figures("Det er en million ting å gjøre.") == []  # no kroner


def test_a_part_of_the_employees_is_no_employee_count_fact():
    from flows.reports.classify import classify

    figures = prose_figures([Sentence(text="Sju av dei tilsette var kvinner.", page=1, line=1, section=None, quarter=None)],
                            2031)
    assert figures and classify([], figures, report_year=2031)[1] == []


def test_digits_glued_to_letters_are_a_name_not_a_figure():
    """"10 500 tonn CO2e", "covid-19", "E39", "Q3": the digits of a name or code are no figure."""
    values = [v for v, _ in _figures("Avfallsbehandlingen gir netto negative utslipp på ca 10 500 tonn CO2e for 2021.")]
    assert values == [10500.0]
    assert [v for v, _ in _figures("Kommunens merkostnader knyttet til covid-19 var 12,5 mill. kr i 2020.")] == [12_500_000.0]
    assert [v for v, _ in _figures("Strekningen E39 fikk 3 nye bussholdeplasser i 2021.")] == [3.0]
