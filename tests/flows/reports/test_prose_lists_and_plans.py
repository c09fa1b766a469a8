"""Figures a news item, a foreword or an interim report states in prose (invented sentences): an actual and its budget
in one sentence, each with its own sign; a forecast's clause; a list of items under a caption line; a list of names
with their figures after a colon; a unit printed as an abbreviation in capitals; a part of the year's figure whose
topic is what it measures, never the months."""
from __future__ import annotations

import pytest

from flows.reports.prose import ProseLine, Sentence, prose_figures


def _read(text: str, year: int = 2031):
    return prose_figures([Sentence(text=text, page=1, line=1, section=None, quarter=None)], year)


def _by_value(text: str) -> dict[float, tuple]:
    return {f.value: (f.unit, f.scenario, f.topic) for f in _read(text)}


@pytest.mark.parametrize("text, actual, budget", [
    ("Regnskapet viser et positivt netto driftsresultat på 12,5 mill kr mot et budsjettert negativt resultat 7,4 mill kr.",
     12.5e6, -7.4e6),
    ("Driftsresultatet ble 31 mill. kr mot budsjett på 18 mill. kr.", 31e6, 18e6),
    ("The result was a deficit of DKK 4 million against a budgeted surplus of DKK 2 million.", -4e6, 2e6),
])
def test_an_actual_against_its_budget_in_one_sentence_keeps_each_its_role_and_sign(text, actual, budget):
    read = _by_value(text)
    assert read[actual][1] is None  # what happened
    assert read[budget][1] == "plan"  # the budget, never the year's figure
    assert -actual not in read and -budget not in read  # the sign word belongs to its own figure


def test_a_forecast_opening_its_clause_is_a_plan_however_far_the_figure_stands():
    assert _by_value("Prognosen för helåret pekar mot ett resultat om 4,1 mnkr.")[4.1e6][1] == "plan"
    # a result stated as such stays what happened
    assert _by_value("Resultatet för året blev 4,1 mnkr.")[4.1e6][1] is None


def _caption_and_items(caption: str, items: list[str]) -> list[Sentence]:
    out = [Sentence(text=caption, page=1, line=10, section="Gode tider i havna", quarter=None,
                    lines=(ProseLine(page=1, number=10, text=caption),))]
    for k, item in enumerate(items, start=12):
        out.append(Sentence(text=item, page=1, line=k, section="Gode tider i havna", quarter=None,
                            lines=(ProseLine(page=1, number=k, text=item, indented=True),)))
    return out


def test_items_under_a_caption_are_about_what_the_caption_says_each_of_its_year():
    found = _caption_and_items("Overskudd de siste tre år",
                               ["2028 – 4,2 millioner kroner.", "2029 – 6,8 millioner kroner.", "2030 – 7,1 millioner kroner."])
    figures = [f for f in prose_figures(found, 2030) if f.unit == "nok"]
    assert [(f.year, f.value) for f in figures] == [(2028, 4.2e6), (2029, 6.8e6), (2030, 7.1e6)]
    assert all(f.topic.startswith("Overskudd") for f in figures)
    assert all(f.text.startswith("Overskudd de siste tre år: ") for f in figures)  # quoted with the caption


def test_a_running_sentence_before_indented_lines_is_no_caption():
    found = _caption_and_items("Havna hadde et godt år.", ["2030 – 7,1 millioner kroner."])
    assert [f.topic for f in prose_figures(found, 2030) if f.unit == "nok"] == ["Gode tider i havna"]


def test_a_list_of_names_with_their_figures_after_a_colon_pairs_each_figure_with_its_name():
    text = ("Søknadene fordelte seg slik på eierkommunene: Nordvik 21 %, Sørby 4 %, Vestøy 11 %, Austre Dal 3 % og "
            "Lia 9 %.")
    read = {f.value: f for f in _read(text)}
    assert {f.scenario for f in read.values()} == {"respectively"}  # never the organisation's own figure
    assert read[21.0].topic.endswith("Nordvik") and read[3.0].topic.endswith("Austre Dal")
    assert read[9.0].topic.endswith("Lia")


def test_figures_of_a_sentence_that_only_starts_with_a_caption_are_not_a_named_list():
    read = _read("Sykefravær: 6,2 % i 2030 og 5,1 % i 2031.")
    assert {f.scenario for f in read} == {None}
    assert {(f.year, f.value) for f in read} == {(2030, 6.2), (2031, 5.1)}


def test_a_unit_in_capitals_after_a_dotted_number_is_what_the_figure_counts():
    read = _read("Antallet endte på 41.305 TEUs, mot 40.870 TEUs i 2030.")
    assert [(f.value, f.unit, f.topic, f.year) for f in read] == [(41305.0, "count", "TEU", 2031),
                                                                 (40870.0, "count", "TEU", 2030)]
    assert [f.value for f in _read("Ved årets slutt hadde 9 120 TEU gått over kaiene.")] == [9120.0]
    assert _read("4 Andre skatteinntekter") == []  # a line code before a label, still no figure


def test_a_part_of_the_years_figure_is_about_what_it_measures_not_its_months():
    [f, *_] = _read("Kommunens resultat för perioden januari – augusti uppgår till 12,3 mnkr.")
    assert (f.value, f.period, f.year) == (12.3e6, "M01-M08", 2031)
    assert "januari" not in f.topic and "resultat" in f.topic
