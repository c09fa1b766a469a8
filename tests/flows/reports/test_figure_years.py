"""Each figure of a sentence under its own year or scenario (flows/reports/figure_years.py), on invented sentences
in bokmål, nynorsk and English: a year after the figure, a span "fra A i X til B i Y", "henholdsvis"/"respectively",
a comparison in parentheses (its year, a budget, a declared convention, or unknown), and the sick leave kinds
(legemeldt, egenmeldt, korttid, langtid) that are not the total."""
from __future__ import annotations

from flows.reports.classify import classify, load_catalog
from flows.reports.figure_years import declared_parenthesis, place_figures
from flows.reports.prose import ProseLine, Sentence, attach_stream, prose_figures, read_sick_leave, sentences
from flows.reports.stream import Context, Line


def _figures(*texts: str, year: int = 2031) -> list[tuple[float, str, int | None, str | None]]:
    found = [Sentence(text=t, page=1, line=k + 1, section=None, quarter=None) for k, t in enumerate(texts)]
    return [(f.value, f.unit, f.year, f.scenario) for f in prose_figures(found, year)]


def test_a_year_written_after_each_figure_is_that_figures_year():
    assert _figures("Sykefraværet økte fra 5,1 % i 2027 til 6,3 % i 2029.") == \
        [(5.1, "pct", 2027, None), (6.3, "pct", 2029, None)]
    assert _figures("Bemanninga auka frå 120 årsverk i 2026 til 134 i 2030.") == \
        [(120, "fte", 2026, None), (134, "fte", 2030, None)]
    assert _figures("Absence rose from 4.2 % in 2025 to 5.0 % in 2026.") == \
        [(4.2, "pct", 2025, None), (5.0, "pct", 2026, None)]


def test_a_later_year_belongs_to_the_figure_it_follows_not_to_the_one_before():
    # the figure before the comparison is the report year's, the comparison's year is written after it
    assert _figures("Fraværet var 7,4 %, mot 6,9 % i 2030.") == [(7.4, "pct", 2031, None), (6.9, "pct", 2030, None)]
    assert _figures("Det legemeldte fraværet var 4,1 %, mot 3,9 % året før.") == \
        [(4.1, "pct", 2031, None), (3.9, "pct", 2030, None)]
    # a year one figure claims is not the next figure's
    assert _figures("Fraværet var 5,5 % i 2028, og er nå 6,1 %.") == [(5.5, "pct", 2028, None), (6.1, "pct", 2031, None)]
    # a year after a figure with no figure between stays the figure's
    assert _figures("Kommunen hadde 812 ansatte ved utgangen av 2029.") == [(812, "persons", 2029, None)]


def test_henholdsvis_and_respectively_pair_figures_with_the_years_in_order():
    assert _figures("Sjukefråværet i 2028 og 2029 var høvesvis 5,1 og 6,3 %.") == \
        [(5.1, "pct", 2028, None), (6.3, "pct", 2029, None)]
    assert _figures("I 2027 og 2028 hadde etaten henholdsvis 41 og 44 årsverk.") == \
        [(41, "fte", 2027, None), (44, "fte", 2028, None)]
    assert _figures("Sick leave in 2029 and 2030 was 5.1 % and 6.3 % respectively.") == \
        [(5.1, "pct", 2029, None), (6.3, "pct", 2030, None)]
    # other years earlier in the sentence: the figures pair with the years listed just before the word
    assert _figures("Etter et svakt resultat i 2029 ble 2030 innledet med tiltak (i 2027 og 2028 var merforbruket "
                    "henholdsvis 4,1 millioner kroner og 6 millioner kroner).") == \
        [(4_100_000, "nok", 2027, None), (6_000_000, "nok", 2028, None)]
    # three figures, two years: the pairing is not certain, nothing is paired
    assert [y for _, _, y, _ in _figures("I 2027 og 2028 var tallene henholdsvis 4 %, 5 % og 6 %.")] == [2028, 2028, 2028]


def test_a_comparison_in_parentheses_takes_the_year_or_budget_it_writes():
    assert _figures("Netto driftsresultat ble 12,3 mill. kr (8,1 mill. kr i 2030).") == \
        [(12_300_000, "nok", 2031, None), (8_100_000, "nok", 2030, None)]
    assert _figures("Av 120 ansatte (2030: 115) er 80 kvinner.") == \
        [(120, "persons", 2031, None), (115, "persons", 2030, None), (80, "count", 2031, None)]
    found = _figures("Driftsutgiftene var 412 mill. kr (budsjett 405 mill. kr).")
    assert found == [(412_000_000, "nok", 2031, None), (405_000_000, "nok", 2031, "budget")]


def test_a_comparison_in_parentheses_of_unknown_year_has_no_year_unless_the_document_declares_it():
    assert _figures("Sykefraværet var 7,2 % (6,8 %).") == [(7.2, "pct", 2031, None), (6.8, "pct", None, "comparison")]
    declared = _figures("Tall for 2030 i parentes.", "Sykefraværet var 7,2 % (6,8 %).")
    assert declared == [(7.2, "pct", 2031, None), (6.8, "pct", 2030, None)]
    assert _figures("Fjorårets tal står i parentes.", "Driftsresultatet vart 2,1 % (1,4 %).")[1] == (1.4, "pct", 2030, None)
    assert _figures("Budget figures in brackets.", "Costs were 30 MNOK (28 MNOK).")[1][3] == "budget"
    # a figure in parentheses measuring something else is no comparison
    assert _figures("Selskapet betjener 91 350 innbyggere (37 600 abonnement).") == \
        [(91_350, "persons", 2031, None), (37_600, "count", 2031, None)]


def test_the_declared_convention_is_read_in_several_wordings():
    assert declared_parenthesis("(tall for 2029 i parentes)", 2030).year == 2029
    assert declared_parenthesis("2029-tall i parentes", 2030).year == 2029
    assert declared_parenthesis("Fjorårstall i parentes", 2030).year == 2029
    assert declared_parenthesis("Budsjettet står i parentes", 2030).scenario == "budget"
    assert declared_parenthesis("Tallene i tabellen er i tusen kroner", 2030) is None


def test_place_figures_is_pure_positions_to_years():
    text = "Frå 10 % i 2024 til 12 % i 2026"
    spans = [(4, 8), (20, 24)]
    assert [p.year for p in place_figures(text, spans, 2026)] == [2024, 2026]


def _sick_leave(*texts: str, year: int = 2031) -> list[tuple[str, float, int]]:
    lines = [Line(index=k, page=1, number=k + 1, raw=t) for k, t in enumerate(texts)]
    ctx = Context(document_id="d", file_name="f.txt", report_year=year, lines=lines)
    for s in attach_stream(sentences([ProseLine(1, k + 1, t) for k, t in enumerate(texts)]), lines):
        read_sick_leave(ctx, s)
    return [(f.metric, f.value, f.value_year) for f in ctx.facts]


def test_sick_leave_kinds_are_not_the_total():
    assert _sick_leave("Det legemeldte sykefraværet var 4,1 %, mot 3,9 % året før.") == \
        [("sick_leave_doctor_certified_pct", 4.1, 2031), ("sick_leave_doctor_certified_pct", 3.9, 2030)]
    assert _sick_leave("Korttidsfråværet var 2,1 % og langtidsfråværet 4,3 %.") == \
        [("sick_leave_short_term_pct", 2.1, 2031), ("sick_leave_long_term_pct", 4.3, 2031)]
    assert _sick_leave("Samlet sykefravær var 6,2 %, hvorav 1,1 % egenmeldt.") == \
        [("sick_leave_pct", 6.2, 2031), ("sick_leave_self_certified_pct", 1.1, 2031)]
    assert _sick_leave("Egenmeldt fravær var 1,2 % og totalt 6,4 %.") == \
        [("sick_leave_self_certified_pct", 1.2, 2031), ("sick_leave_pct", 6.4, 2031)]


def test_a_comparison_of_unknown_year_is_no_sick_leave_fact():
    assert _sick_leave("Sykefraværet var 7,2 % (6,8 %).") == [("sick_leave_pct", 7.2, 2031)]


def test_classification_prefers_the_kind_the_words_name_over_the_measure_it_is_a_kind_of():
    catalog = load_catalog()
    found = [Sentence(text=t, page=1, line=k + 1, section=None, quarter=None) for k, t in enumerate([
        "Det legemeldte sykefraværet var 4,4 % i fjor.",
        "Langtids sykefraværet endte på 3,3 %.",
        "Det samlede sykefraværet var 7,7 %.",
        "Sykefraværet var 7,9 % (budsjett 7,0 %).",
    ])]
    _, facts = classify([], prose_figures(found, 2031), report_year=2031, catalog=catalog)
    assert sorted((f.metric, f.value, f.value_year) for f in facts) == [
        ("sick_leave_doctor_certified_pct", 4.4, 2030), ("sick_leave_long_term_pct", 3.3, 2031),
        ("sick_leave_pct", 7.7, 2031), ("sick_leave_pct", 7.9, 2031)]


def test_henholdsvis_with_names_pairs_each_figure_with_its_name_and_never_the_organisation():
    found = [Sentence(text="Oppvekst, helse og teknisk drift hadde henholdsvis 8,1 %, 9,4 % og 5,2 % sykefravær.",
                      page=1, line=1, section=None, quarter=None)]
    figures = prose_figures(found, 2031)
    assert [(f.value, f.topic.split()[-1], f.scenario) for f in figures] == \
        [(8.1, "Oppvekst", "respectively"), (9.4, "helse", "respectively"), (5.2, "drift", "respectively")]
    _, facts = classify([], figures, report_year=2031, catalog=load_catalog())
    assert facts == []  # not the organisation's sick leave
    assert _sick_leave("Sykefraværet i skule og barnehage var høvesvis 8,1 og 9,4 %.") == []


def test_henholdsvis_with_known_units_stores_each_figure_under_its_unit():
    lines = [Line(index=0, page=1, number=1, raw="Sykefraværet i skole og barnehage var henholdsvis 8,1 % og 9,4 %.")]
    ctx = Context(document_id="d", file_name="f.txt", report_year=2031, lines=lines,
                  unit_aliases={"skole": "Skole", "barnehage": "Barnehage"})
    for s in attach_stream(sentences([ProseLine(1, 1, lines[0].raw)]), lines):
        read_sick_leave(ctx, s)
    assert [(f.metric, f.value, f.unit_name) for f in ctx.facts] == \
        [("sick_leave_pct", 8.1, "Skole"), ("sick_leave_pct", 9.4, "Barnehage")]


def test_a_list_of_figures_before_a_list_of_years_pairs_in_order():
    assert _figures("Driftsresultatet var 2,1 %, 1,4 % og 3,0 % i 2027, 2028 og 2029.") == \
        [(2.1, "pct", 2027, None), (1.4, "pct", 2028, None), (3.0, "pct", 2029, None)]
    assert _sick_leave("Sykefraværet var 8,1 og 9,4 % i 2029 og 2030.") == \
        [("sick_leave_pct", 8.1, 2029), ("sick_leave_pct", 9.4, 2030)]


def test_a_parenthesis_that_writes_its_own_date_dates_its_figure():
    # the figure in parentheses is no undated comparison: the first day of the year it writes is its date
    assert _figures("Fjoråret vart året vi nådde 88 000 innbyggjarar (88 412 innbyggjarar per 1. januar 2032).")[-1] \
        == (88412, "persons", 2032, None)
    assert _figures("Kommunen nådde 50 000 innbyggere (50 318 innbyggere pr. 01.01.2032).")[-1] == \
        (50318, "persons", 2032, None)
    assert _figures("The county passed 70 000 residents (70 512 residents at the start of 2032).")[-1][2] == 2032
    # a parenthesis that writes no year stays an undated comparison
    assert _figures("Fraværet var 7,4 % (6,9 %).")[-1] == (6.9, "pct", None, "comparison")


def test_a_school_year_is_a_year_and_its_two_digit_end_no_figure():
    assert _figures("Andelen økte fra 84,4 prosent i 2029-30 til 85,4 prosent i 2030/31.") == \
        [(84.4, "pct", 2029, None), (85.4, "pct", 2030, None)]
    assert _figures("Skuleåret 2029–30 fullførte 812 elevar.") == [(812, "persons", 2029, None)]


def test_a_year_closing_the_clause_of_a_comparison_figure_is_that_figures_year():
    # "… mot 8,22 procent 2030.": the year printed right after the figure, at the clause's end, is the comparison's
    assert _figures("Sjukfrånvaron var 6,04 procent för helåret 2031 mot 6,22 procent 2030.") == \
        [(6.04, "pct", 2031, None), (6.22, "pct", 2030, None)]
    # a year inside the clause that goes on after it dates nothing by itself ("2029 og …" stays the sentence's)
    assert _figures("Fraværet var 5,5 % i 2031, mot 5,9 % 2030, og 6,1 % i 2029.") == \
        [(5.5, "pct", 2031, None), (5.9, "pct", 2030, None), (6.1, "pct", 2029, None)]


def test_a_bare_whole_number_in_parentheses_after_a_counted_figure_is_its_comparison():
    # "68 ansatte (78)": the same count in the comparison, of no stated year without a note
    assert _figures("Avdelinga hadde 68 ansatte (78).") == \
        [(68, "persons", 2031, None), (78, "persons", None, "comparison")]
    assert _figures("Tall for 2030 i parentes.", "Avdelinga hadde 68 ansatte (78).")[1] == (78, "persons", 2030, None)
    # a parenthesis counting something else stays its own figure
    assert _figures("Kommunen har 812 ansatte (4 avdelinger).")[1] == (4, "count", 2031, None)


def test_a_note_under_a_list_dates_the_comparisons_of_the_lines_just_above_it():
    found = _figures("Heltid 6 ansatte (5)", "Deltid 68 ansatte (78)", "Tall i parentes pr")
    assert found[1] == (5, "persons", 2030, None) and found[3] == (78, "persons", 2030, None)
    assert _figures("Deltid 68 ansatte (78)", "Tall for 2028 i parentes.")[1] == (78, "persons", 2028, None)
    # a line of text between the list and the note breaks the run: the note dates nothing above it
    assert _figures("Deltid 68 ansatte (78)", "Dette er en setning om noe annet.", "Tall i parentes.")[1] == \
        (78, "persons", None, "comparison")


def test_a_note_on_parentheses_that_names_no_year_or_lost_its_date_means_the_year_before():
    assert declared_parenthesis("Tall i parentes pr", 2030).year == 2029
    assert declared_parenthesis("(Tall i parentes.)", 2030).year == 2029
    assert declared_parenthesis("Tall i parentes er budsjett for året og noe mer", 2030) is None
