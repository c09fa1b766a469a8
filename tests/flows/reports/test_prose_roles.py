"""Every number of a sentence gets a role (invented sentences, bokmål, nynorsk, Swedish, English): the level of the
measure, a change (a comparative against another time after it, any figure in percentage points), a deviation from a
plan (a comparative against the budget after it), the level a change went from ("frå 7,2 til 6,8 prosent"), and the
part of the year a figure is stated for (a quarter, a tertial, a month). Only the level is the year's figure."""
from __future__ import annotations

import pytest

from flows.reports.prose import Sentence, prose_figures, stated_difference


def _read(text: str) -> list[tuple[float, str, str | None, int | None, str | None]]:
    """(value, unit, role, year, period) of each figure of the sentence, in a report of 2031."""
    return [(f.value, f.unit, f.scenario, f.year, f.period)
            for f in prose_figures([Sentence(text=text, page=1, line=1, section=None, quarter=None)], 2031)]


def _roles(text: str) -> dict[float, str | None]:
    return {value: role for value, _, role, _, _ in _read(text)}


@pytest.mark.parametrize("text, level, difference, role", [
    ("Netto driftsresultat ble 612 millioner kroner, som er 214 mill. høyere enn budsjett.", 612e6, 214e6, "deviation"),
    ("Driftsinntektene enda på 1 840 mill. kr, 37 mill. kr lågare enn i fjor.", 1840e6, 37e6, "change"),
    ("Lønnsutgiftene var 433 mill. kroner, som er 9 mill. kroner over budsjett.", 433e6, 9e6, "deviation"),
    ("Skatteinngangen ble 905 mill. kr, 21 mill. kr mer enn året før.", 905e6, 21e6, "change"),
    ("Årets resultat blev 88 mnkr, vilket är 26 mnkr bättre än budget.", 88e6, 26e6, "deviation"),
    ("The net operating result was NOK 612 million, NOK 214 million higher than budgeted.", 612e6, 214e6, "deviation"),
    ("Kostnadene ble 51 mill. kr, 4 mill. kr under det regulerte budsjettet.", 51e6, 4e6, "deviation"),
    ("Netto driftsresultat ble 300 mill. kr, 73 millioner kroner bedre enn forutsatt i forhold til opprinnelig budsjett.",
     300e6, 73e6, "deviation"),
])
def test_a_comparative_after_a_figure_makes_it_a_difference_never_the_level(text, level, difference, role):
    roles = _roles(text)
    assert roles[level] is None  # the level, as stated
    assert roles[difference] == role


def test_a_level_followed_by_a_clause_of_its_own_that_compares_stays_the_level():
    # the comparative belongs to "som er", not to the figure
    assert _roles("Sykefraværet var 6,2 prosent som er lavere enn målet.") == {6.2: None}
    assert _roles("Kommunen hadde over 500 ansatte.") == {500.0: None}


@pytest.mark.parametrize("text, change", [
    ("Sykefraværet økte med 0,5 prosentpoeng til 7,1 prosent.", 0.5),
    ("Innanfor pleie og omsorg auka samla sjukefråvær med 0,2 prosentpoeng frå 2030.", 0.2),
    ("Sykefraværet gikk ned 1,2 %-poeng i 2031.", 1.2),
    ("Netto driftsresultat ble 2,1 prosent, 0,4 prosentpoeng lavere enn i 2030.", 0.4),
    ("Sick leave rose by 0.4 percentage points to 6.1 percent.", 0.4),
])
def test_a_figure_in_percentage_points_is_always_a_change(text, change):
    read = {value: (unit, role) for value, unit, role, _, _ in _read(text)}
    assert read[change] == ("pp", "change")
    assert all(role is None for value, (unit, role) in read.items() if unit == "pct")  # the level, where one is stated


@pytest.mark.parametrize("text, before, after", [
    ("Sjukefråværet gjekk ned frå 7,2 til 6,8 prosent.", 7.2, 6.8),
    ("Sjukfrånvaron minskade från 7,2 till 6,8 procent.", 7.2, 6.8),
    ("Sick leave fell from 7.2 to 6.8 percent.", 7.2, 6.8),
    ("Lånegjelda auka frå 1 200 til 1 350 mill. kr.", 1_200e6, 1_350e6),
])
def test_from_and_to_share_the_unit_and_the_from_level_is_the_level_before(text, before, after):
    read = {value: (unit, role, year) for value, unit, role, year, _ in _read(text)}
    assert read[after][1] is None and read[after][2] == 2031  # the level the change went to: the report's
    assert read[before][0] == read[after][0]  # one unit for both
    assert read[before][1] == "before"  # never a level of the year, and no year invented for it


def test_from_and_to_with_their_years_are_two_levels_of_their_years():
    assert _read("Sykefraværet gikk ned fra 4,1 % i 2030 til 3,8 % i 2031.") == [
        (4.1, "pct", None, 2030, None), (3.8, "pct", None, 2031, None)]


@pytest.mark.parametrize("text, period", [
    ("Sykefraværet i 3. kvartal var 6,2 prosent.", "Q3"),
    ("Per 2. tertial er merforbruket 12,4 mill. kr.", "T2"),
    ("I august var det 312 saker.", "M08"),
    ("Sjukefråværet i mars 2031 var 7,1 prosent.", "M03"),
    ("In May 2031 the service desk handled 1 250 cases.", "M05"),
])
def test_a_figure_stated_for_a_part_of_the_year_keeps_that_period(text, period):
    [(_, _, _, year, found)] = _read(text)
    assert (year, found) == (2031, period)


def test_a_date_or_a_span_of_months_is_no_single_month():
    assert [p for *_, p in _read("Kommunestyret vedtok 12. mars et budsjett på 120 mill. kr.")] == [None]
    assert [p for *_, p in _read("I perioden januar–august var resultatet 366 miljoner kronor.")] == ["M01-M08"]


def test_the_difference_words_alone():
    text = "Resultatet ble 40 mill. kr høyere enn revidert budsjett og 12 mill. kr lavere enn i fjor."
    assert stated_difference(text, text.index("40")) == "deviation"
    assert stated_difference(text, text.index("12")) == "change"
    assert stated_difference("Resultatet ble 40 mill. kr.", 15) is None


def test_a_title_run_into_the_sentence_makes_no_norm_of_its_level():
    # the norm's words are the title's ("for sunn økonomi"); the sentence after the dash states the level
    assert _roles("Nøkkeltall for sunn økonomi - Netto driftsresultat ble 512 millioner kroner.") == {512e6: None}
    assert _roles("For en sunn økonomi bør netto driftsresultat være 1,75 prosent.") == {1.75: "norm"}


@pytest.mark.parametrize("text, plan, actual", [
    ("Målet er et sykefravær på 6 prosent, og sykefraværet ble 7,4 prosent.", 6.0, 7.4),
    ("Det var budsjettert med et driftsresultat på 40 mill. kr, mens resultatet ble 55 mill. kr.", 40e6, 55e6),
    ("Målet var ett överskott på minst 20 mnkr och resultatet blev 31 mnkr.", 20e6, 31e6),
])
def test_a_target_or_a_budget_is_a_plan_never_what_happened(text, plan, actual):
    roles = _roles(text)
    assert roles[plan] == "plan" and roles[actual] is None


def test_a_target_stated_in_a_sentence_gives_no_measure_of_the_year(tmp_path):
    from flows.reports.parse import parse_document

    path = tmp_path / "nordvik_kommune_arsmelding_2031.txt"
    path.write_text("Nordvik kommune\nÅrsmelding 2031\n\nSykefravær\n\nMålet er et sykefravær på 6 prosent.\n\n"
                    "Sykefraværet i hjemmetjenesten økte med 0,4 prosentpoeng.\n\nSykefraværet ble 7,4 prosent i 2031.\n",
                    encoding="utf-8")
    assert [(f.metric, f.value) for f in parse_document(path).facts if f.qualifier is None] == [("sick_leave_pct", 7.4)]


def test_the_corresponding_figures_of_the_sentence_after_are_the_same_measure_each_of_its_year():
    found = prose_figures([Sentence(text=t, page=1, line=k, section=None, quarter=None) for k, t in enumerate([
        "Nämndernas totala resultat jämfört med budget uppgick till -21 mkr.",
        "Motsvarande resultat 2030 var -14 mkr och året dessförinnan var siffran +10 mkr."])], 2031)
    assert {(f.value, f.year) for f in found if f.topic == found[0].topic} == {(-21e6, 2031), (-14e6, 2030), (10e6, 2029)}
    # a sentence opening with a time of its own ("Samme år ...") is about its own measure
    other = prose_figures([Sentence(text=t, page=1, line=k, section=None, quarter=None) for k, t in enumerate([
        "Netto driftsresultat ble 12 mill. kr i 2031.", "Samme år var sykefraværet 6,1 prosent."])], 2031)
    assert other[-1].topic != other[0].topic
