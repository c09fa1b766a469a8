"""Figures stated in prose, asked (invented reports through the real flow: reader, dbt marts, engine): a port's news
items (a list of years under a caption, containers counted in TEU, the port asked by the other Nordic spelling of its
name), an interim report (the result of January–August answers only a question of those months; the year's result
stays unanswerable beside a forecast), an actual against its budget stated in one sentence, and a list of named
figures asked by one name."""
from __future__ import annotations

import pytest

from app.engine.engine import ask

REPORTS = {
    "nordvikhavn_nyheter_2031.txt": (
        "=== [1] Godt år for Nordvik Havn (avisa.no, 2031) ===\n"
        "Nordvik Havn IKS la fram tallene for 2030 i dag.\n\n"
        "Overskudd de siste tre år\n\n"
        "  • 2028 – 4,2 millioner kroner.\n"
        "  • 2029 – 6,8 millioner kroner.\n"
        "  • 2030 – 7,1 millioner kroner.\n\n"
        "Containertrafikken vokste. Antallet endte på 41.305 TEUs i 2030, mot 40.870 TEUs i 2029.\n\n"
        "=== [2] Havnene i regionen (avisa.no, 2031) ===\n"
        "Nordvik Havn oppnådde i 2030 en omsetning på 80 millioner kroner.\n"
        "Sørvik Havn hadde i 2030 en omsetning på 50 millioner kroner.\n"),
    "voh_arsmelding_2031.txt": (
        "=== [1] Årsmelding 2031 – Vestvik og Omland havnevesen ===\n\n"
        "Vestvik og Omland havnevesen (VOH) er en interkommunal bedrift. VOH behandlet 96 søknader om tiltak i sjø i "
        "2031. Sakene har følgende prosentvise fordeling blant eierkommunene: Nordvik 21 %, Sørby 4 %, Lia 9 %.\n"),
    "sorby_delarsrapport_2031.txt": (
        "Sörby kommun\nDelårsrapport januari–augusti 2031\n\nSammanfattande bedömning\n\n"
        "Kommunens resultat för perioden januari – augusti uppgår till 12,3 mnkr.\n"
        "Prognosen för helåret pekar mot ett resultat om 4,1 mnkr.\n"),
    "vestdal_arsregnskap_2031.txt": (
        "Vestdal kommune\nÅrsregnskap 2031\n\nKommentarer til regnskapet\n\n"
        "Driftsregnskapet viser et positivt netto driftsresultat på 12,5 mill kr mot et budsjettert negativt "
        "resultat 7,4 mill kr.\n"),
}


@pytest.fixture(scope="module")
def warehouse(warehouse_over_reports):
    return warehouse_over_reports(REPORTS, "prose_ports_lists")


def _numbers(result) -> set[float]:
    return {round(v, 3) for r in result["rows"] for v in r if isinstance(v, float)}


def test_a_list_of_years_under_a_caption_answers_a_trend(warehouse):
    result = ask("Overskudd Nordvik Havn 2028–2030", warehouse=warehouse, engine="planner")
    assert {4.2e6, 6.8e6, 7.1e6} <= _numbers(result), result["answer"]


def test_containers_counted_in_teu_asked_of_the_port_in_the_other_spelling(warehouse):
    result = ask("Kor mange TEU gjekk over Nordvik Hamn i 2030?", warehouse=warehouse, engine="planner")
    assert result["status"] == "ok" and 41305.0 in _numbers(result), result["answer"]
    assert 40870.0 not in _numbers(result) or 41305.0 in _numbers(result)
    result = ask("Kor mange TEU gjekk over Nordvik Hamn i 2026?", warehouse=warehouse, engine="planner")
    assert result["status"] == "unanswerable" and not result["rows"], result["answer"]


def test_the_months_result_answers_the_months_and_never_the_year(warehouse):
    result = ask("Sörby kommuns resultat januari–augusti 2031", warehouse=warehouse, engine="planner")
    assert 12.3e6 in _numbers(result), result["answer"]
    assert 4.1e6 not in _numbers(result), result["answer"]
    result = ask("Kva vart det endelege årsresultatet for Sörby kommun i 2031?", warehouse=warehouse, engine="planner")
    assert result["status"] == "unanswerable" and not result["rows"], result["answer"]


def test_an_actual_and_its_budget_stated_in_one_sentence(warehouse):
    result = ask("Netto driftsresultat Vestdal 2031 mot budsjett", warehouse=warehouse, engine="planner")
    assert {12.5e6, -7.4e6} <= _numbers(result), result["answer"]


def test_of_two_ports_sentences_the_one_naming_the_port_asked(warehouse):
    result = ask("Omsetning Nordvik Havn 2030", warehouse=warehouse, engine="planner")
    assert 80e6 in _numbers(result) and 50e6 not in _numbers(result), result["answer"]


def test_a_named_figure_of_a_list_is_the_one_asked(warehouse):
    result = ask("Hvor stor andel av sakene til VOH kom fra Sørby i 2031?", warehouse=warehouse, engine="planner")
    assert 4.0 in _numbers(result) and 21.0 not in _numbers(result), result["answer"]
