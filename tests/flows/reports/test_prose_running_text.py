"""Figures in running text that used to be lost (invented sentences, bokmål, nynorsk, Danish, Swedish, English):
dot-grouped thousands with decimals ("3.456,7 mio. kr."), counts whose subject is a compound of "the number of"
("Befolkningstallet steg ... til 52.345", "Invånarantalet var"), numbers in words with "tusen", figures per
inhabitant (their own unit, never the total's), bare grouped figures published with an unknown unit, and sentences of
a narrow text column whose short lines go on in lower case."""
from __future__ import annotations

import pytest

from flows.reports.classify import classify
from flows.reports.prose import ProseFigure, ProseLine, Sentence, prose_figures, sentences

YEAR = 2031


def _read(text: str) -> list[ProseFigure]:
    return prose_figures([Sentence(text=text, page=1, line=1, section=None, quarter=None)], YEAR)


def _values(text: str) -> list[tuple[float, str]]:
    return [(f.value, f.unit) for f in _read(text)]


@pytest.mark.parametrize(("text", "value"), [
    ("Skatteindtægterne udgjorde 3.456,7 mio. kr. i 2031.", 3_456_700_000),
    ("Nettodriftsudgifterne udgjorde i alt 1.210,4 mio. kr.", 1_210_400_000),
    ("Kassebeholdningen var ved årets udgang 1.234,5 mio. kr.", 1_234_500_000),
    ("Egenkapitalen udgjorde 12.345,67 kr. ved årets udgang.", 12_345.67),
    ("Verksamhetens nettokostnader uppgick till 1 234,5 mnkr.", 1_234_500_000),
])
def test_dot_grouped_thousands_with_decimals_are_one_number(text, value):
    assert (value, "nok") in _values(text)
    assert not [v for v, _ in _values(text) if v < 1000 and v != value]  # no "7 mio. kr." from the tail


@pytest.mark.parametrize(("text", "value", "topic_word"), [
    ("Befolkningstallet steg med 412 personer til 52.345.", 52_345, "befolkningstallet"),
    ("Folketallet økte til 14 532 i løpet av året.", 14_532, "folketallet"),
    ("Innbyggertallet var 14 532 ved utgangen av året.", 14_532, "innbyggertallet"),
    ("Folketalet i kommunen var 8 120 ved årsskiftet.", 8_120, "folketalet"),
    ("Invånarantalet uppgick till 21 345 vid årets slut.", 21_345, "invånarantalet"),
    ("Antallet af sygedage pr. medarbejder var 11,2.", 11.2, "sygedage"),
    ("Antall elever i grunnskolen var 2 345 høsten 2031.", 2_345, "elever"),
])
def test_a_count_named_by_its_subject_is_read_with_that_subject_as_topic(text, value, topic_word):
    hits = [f for f in _read(text) if f.value == value]
    assert hits and topic_word in hits[0].topic.lower()
    assert 412 not in [f.value for f in _read(text) if f.unit == "count"]  # the change is never the level


def test_words_like_capital_or_total_are_no_count_subjects():
    assert not [f for f in _read("Kapitalet var 120.") if f.value == 120]


@pytest.mark.parametrize(("text", "value"), [
    ("Lånegjelda per innbyggjar er over hundre tusen kroner.", 100_000),
    ("Kommunen fikk tre tusen nye innbyggere.", 3_000),
    ("Der kom 2 tusind besøgende.", 2_000),
    ("Seksten elever gikk ut av skolen.", 16),
    ("Sjutton anställda slutade under året.", 17),
])
def test_numbers_in_words_with_thousands_and_teens(text, value):
    assert value in [f.value for f in _read(text)]


@pytest.mark.parametrize(("text", "value", "marker"), [
    ("Netto lånegjeld per innbygger var 78 400 kr ved utgangen av året.", 78_400, "per innbygger"),
    ("Frie inntekter per innbyggjar utgjorde 54 300 kroner.", 54_300, "per innbyggjar"),
    ("Skatteintäkterna uppgick till 52 300 kr per invånare.", 52_300, "per invånare"),
    ("Nettogælden pr. indbygger var 12.300 kr. ved årets udgang.", 12_300, "pr. indbygger"),
    ("Frie inntekter i kroner per innbygger var 54 300 i fjor.", 54_300, "per innbygger"),
    ("Net debt per inhabitant was NOK 81 200.", 81_200, "per inhabitant"),
])
def test_a_figure_per_inhabitant_is_its_own_unit_with_the_per_in_its_topic(text, value, marker):
    hits = [f for f in _read(text) if f.value == value]
    assert hits and hits[0].unit == "nok_per_capita"
    assert marker in hits[0].topic.lower()


def test_a_total_and_its_per_inhabitant_figure_in_one_sentence_stay_apart():
    found = _read("Netto lånegjeld utgjorde 1 234 mill. kr, eller 78 400 kr per innbygger.")
    assert (1_234_000_000, "nok") in [(f.value, f.unit) for f in found]
    assert (78_400, "nok_per_capita") in [(f.value, f.unit) for f in found]


def test_a_rate_per_thousand_inhabitants_is_no_count_and_its_denominator_no_figure():
    found = _read("Kommunen har 12,5 årsverk per 1000 innbyggere i pleie og omsorg.")
    assert [(f.value, f.unit) for f in found] == [(12.5, "per_capita")]
    _, facts = classify([], found, report_year=YEAR)
    assert not facts  # never the organisation's full-time equivalents


def test_a_bare_grouped_figure_is_published_with_an_unknown_unit_never_classified():
    found = _read("Lavest er det i den ene kommunen (63 879) og i den andre (65 826).")
    assert [(f.value, f.unit) for f in found] == [(63_879, "number"), (65_826, "number")]
    _, facts = classify([], found, report_year=YEAR)
    assert not facts
    # a run of numbers (a table row the layout missed) and a lone small number are not such figures
    assert not [f for f in _read("Skatt på inntekt og formue 28 345 29 100 30 200") if f.unit == "number"]
    assert not [f for f in _read("Det gjelder 12 av dem i alt.") if f.unit == "number"]


def _lines(*texts: str) -> list[ProseLine]:
    return [ProseLine(page=1, number=k + 1, text=t) for k, t in enumerate(texts)]


def test_short_lines_of_a_narrow_column_go_on_with_their_sentence():
    found = sentences(_lines("Det ordinære", "driftsresultat blev på", "123,4 mio. kr., og kassen",
                             "var 45 mio. kr."))
    assert [s.text for s in found] == ["Det ordinære driftsresultat blev på 123,4 mio. kr., og kassen var 45 mio. kr."]
    figures = prose_figures(found, YEAR)
    assert [f.value for f in figures] == [123_400_000, 45_000_000]
    assert "driftsresultat" in figures[0].topic


def test_a_short_line_before_a_capitalised_line_still_ends_its_paragraph():
    found = sentences(_lines("Økonomi 12,5 årsverk", "Helse 30,2 årsverk", "Sykefravær", "Sykefraværet var 5,1 %."))
    assert [s.text for s in found] == ["Økonomi 12,5 årsverk", "Helse 30,2 årsverk", "Sykefravær", "Sykefraværet var 5,1 %."]


def _facts(text: str) -> list[tuple[str, float, int]]:
    _, facts = classify([], _read(text), report_year=YEAR)
    return [(f.metric, f.value, f.value_year) for f in facts]


@pytest.mark.parametrize(("text", "expected"), [
    ("Netto lånegjeld per innbygger var 78 400 kr ved utgangen av 2031, mot 74 100 kr i 2030.",
     [("net_debt_per_capita", 78_400, 2031), ("net_debt_per_capita", 74_100, 2030)]),
    ("Lånegjelda per innbyggjar auka frå 61 200 kroner i 2030 til 65 800 kroner i 2031.",
     [("net_debt_per_capita", 61_200, 2030), ("net_debt_per_capita", 65_800, 2031)]),
    ("Nettogælden pr. indbygger var 12.300 kr. i 2031.", [("net_debt_per_capita", 12_300, 2031)]),
    ("Låneskulden per invånare uppgick till 45 600 kronor.", [("net_debt_per_capita", 45_600, YEAR)]),
    ("Frie inntekter per innbyggjar utgjorde 54 300 kroner i 2031.", [("free_income_per_capita", 54_300, 2031)]),
    # the total beside it is never the per-inhabitant metric
    ("Netto lånegjeld utgjorde 1 234 mill. kr, eller 78 400 kr per innbygger.", [("net_debt_per_capita", 78_400, YEAR)]),
])
def test_per_inhabitant_figures_are_classified_to_the_per_inhabitant_metric_only(text, expected):
    assert _facts(text) == expected


@pytest.mark.parametrize("text", [
    "Netto lånegjeld var 1 234 mill. kr ved utgangen av året.",  # the total: no per-inhabitant metric
    "Netto driftsutgifter per innbygger til pleie og omsorg var 31 200 kr.",  # per inhabitant, but no metric says what
    "Skatteinntekter per innbygger var 28 900 kr.",
])
def test_a_figure_is_never_classified_to_a_per_inhabitant_metric_it_does_not_name(text):
    assert not [m for m, _, _ in _facts(text) if m.endswith("_per_capita")]
    assert _read(text)  # still published, unclassified


@pytest.mark.parametrize(("text", "part"), [
    ("Økonomi 12,5 årsverk", "Økonomi"),
    ("Helse og omsorg: 110,3 årsverk", "Helse og omsorg"),
    ("I Oppvekst var sjukefråværet 7,4 % i 2031.", "Oppvekst"),
    ("Sjukefråværet i økonomiavdelinga var 3,2 %.", "økonomiavdelinga"),
    ("Sygefraværet i Teknik og Miljø var 4,4 pct.", "Teknik og Miljø"),
    ("Inom Socialförvaltningen var sjukfrånvaron 8,2 procent.", "Socialförvaltningen"),
    ("Oppvekst hadde 140,2 årsverk ved utgangen av året.", "Oppvekst"),
    ("The HR unit had 12 employees at year end.", None),  # English unit names are left to the engine's rules
])
def test_a_figure_of_a_named_part_says_which_part(text, part):
    found = _read(text)
    assert found and found[0].part == part


@pytest.mark.parametrize("text", [
    "Sjukefråværet for heile kommunen var 6,8 %.",
    "I 2031 var sykefraværet 6,8 %.",
    "I Nordvik kommune var sykefraværet 6,8 %.",  # the organisation's own name
    "Totalt 280 årsverk",
    "Sykefravær 6,8 %",
    "Kommunen hadde 342 tilsette fordelt på 280 årsverk.",
    "Samlet sykefravær i kommunen var 6,8 prosent.",
    "Dei 342 tilsette er fordelt på 280 årsverk.",  # a pronoun or determiner starting a short sentence names no part
    "Disse 342 ansatte utførte 280 årsverk.",
    "These 342 employees worked 280 FTEs.",
    "Enheten hadde 2 lærlinger i 2020.",  # the reporting unit's own word for itself, no part of it
    "Områdene hadde 81,3 årsverk i 2020.",
])
def test_the_whole_organisation_or_a_total_is_no_part(text):
    # a unit word with its name after it ("Seksjon for oppvekst") is a part, not the unit's word for itself
    assert _read("Seksjon for oppvekst hadde 140,2 årsverk.")[0].part.startswith("Seksjon for oppvekst")
    assert [f.part for f in _read(text)] == [None] * len(_read(text))


def test_a_parts_figure_is_classified_as_that_part_never_the_organisations():
    figures = _read("I Oppvekst var sjukefråværet 7,4 %, og i Helse og omsorg 8,1 %.") \
        + _read("Sjukefråværet for heile kommunen var 6,8 %.")
    _, facts = classify([], figures, report_year=YEAR, unit_named=lambda label: "Oppvekst" if label == "Oppvekst" else None)
    got = {(f.metric, f.value, f.unit_name, f.subject) for f in facts}
    assert got == {("sick_leave_pct", 7.4, "Oppvekst", None), ("sick_leave_pct", 8.1, None, "Helse og omsorg"),
                   ("sick_leave_pct", 6.8, None, None)}


def _accounts(text: str) -> list[tuple[str, float]]:
    accounts, _ = classify([], _read(text), report_year=YEAR)
    return [(a.row_label, a.amount_nok) for a in accounts]


@pytest.mark.parametrize(("text", "expected"), [
    ("Samlede driftsutgifter var 845,3 mill. kr i 2031.", [("sum driftsutgifter", 845_300_000)]),
    ("Driftsinntektene var 912 millioner kroner.", [("sum driftsinntekter", 912_000_000)]),
    ("Kommunens totale driftsinntekter utgjorde 1 234,5 mill. kr.", [("sum driftsinntekter", 1_234_500_000)]),
    ("Samla driftsutgifter var 845,3 mill. kr, og driftsinntektene var 912 millionar kroner.",
     [("sum driftsutgifter", 845_300_000), ("sum driftsinntekter", 912_000_000)]),
    ("Netto driftsresultat ble 12,4 mill. kr, eller 1,8 prosent av driftsinntektene.",
     [("netto driftsresultat", 12_400_000)]),
])
def test_a_total_stated_in_the_text_is_the_account_line_its_words_name(text, expected):
    assert _accounts(text) == expected


@pytest.mark.parametrize("text", [
    "Kommunen brukte totalt 1,2 mrd. kr på tjenester i 2031.",  # which line is not said
    "Driftsutgifter til pleie og omsorg var 312 mill. kr.",  # a part, not the total
    "Budsjetterte driftsinntekter var 900 mill. kr.",  # a budget
    "Driftsinntektene økte med 12 mill. kr.",  # a change
    "Omsetningen var på 45,6 mill. kr.",  # no § 5-6 line is called so
])
def test_an_amount_whose_words_name_no_single_line_stays_unclassified(text):
    assert _accounts(text) == []
    assert _read(text)  # still published as a prose figure


def test_a_line_a_table_prints_is_not_taken_again_from_the_text(tmp_path):
    from flows.reports.parse import parse_document

    path = tmp_path / "nordvik_kommune_arsmelding_2031.txt"
    path.write_text("\n".join([
        "Nordvik kommune", "Årsmelding 2031", "", "Økonomisk oversikt drift (beløp i 1 000 kr)", "",
        "                                   Regnskap 2031    Regnskap 2030",
        "Rammetilskudd                           412 300          400 100",
        "Skatt på inntekt og formue              320 100          310 000",
        "Sum driftsinntekter                     912 345          890 000",
        "Lønnsutgifter                           500 200          480 000",
        "Sum driftsutgifter                      845 321          820 000", "", "Kommentar", "",
        "Driftsinntektene var 912 millioner kroner i 2031. Samlede driftsutgifter var 845,3 mill. kr. "
        "Netto driftsresultat ble 12,4 mill. kr.", ""]), encoding="utf-8")
    report = parse_document(path)
    stated = [(a.row_label, a.amount_nok) for a in report.accounts if a.scale_method.startswith("prose")]
    assert stated == [("netto driftsresultat", 12_400_000)]  # the table's sums stand; the text adds the line it lacks
    assert (912_345_000, 2031) in {(a.amount_nok, a.value_year) for a in report.accounts}
