"""Figures a report states that are no observation of the year: a threshold a rule sets ("enheter med 16 % eller mer"),
a figure naming a rule ("16%-tiltaket"), a bound ("over 10 prosent"); and figures of a part of the year, stated in a
sentence or in a list a sentence introduces by that part ("i 4. kvartal:"). Invented reports and sentences."""
from __future__ import annotations

import pytest

from flows.reports.parse import parse_document
from flows.reports.prose import _read_sentence, stated_as_plan


@pytest.fixture
def _report(tmp_path):
    def read(text: str, name: str = "nordvik_arsrapport_2030.txt"):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return parse_document(path)
    return read


def _sick_leave(report) -> dict:
    return {(f.value_year, f.period, f.qualifier): f.value for f in report.facts if f.metric == "sick_leave_pct"}


def test_a_threshold_of_a_rule_is_not_the_sick_leave_and_hides_no_stated_level(_report):
    report = _report("Nordvik kommune\nÅrsrapport 2030\n\n3. Sykefravær\n\n"
                     "12%-regelen: Avdelinger med 12% eller mer samlet sykefravær over tre kvartaler får oppfølging.\n\n"
                     "Sykefraværet for Nordvik kommune var på 9,3 prosent i 2030.\n")
    assert _sick_leave(report) == {(2030, None, None): 9.3}


@pytest.mark.parametrize("sentence", [
    "Avdelinger med 12 % eller mer sykefravær får oppfølging.",
    "Enheter med over 12 prosent sykefravær får ekstra oppfølging.",
    "Einingar med meir enn 12 % fråvær vert følgde opp.",
    "Units with 12 percent or more sick leave are followed up.",
])
def test_a_bound_is_a_plan_never_the_level(sentence):
    rates = [f for f in _read_sentence(sentence, 1, 1, 2030) if f.unit == "pct"]
    assert [(f.value, f.scenario) for f in rates] == [(12.0, "plan")]


def test_a_figure_joined_to_the_name_of_a_rule_is_no_figure_and_the_bound_after_it_is_found():
    sentence = "12%-regelen: Avdelinger med 12% eller mer sykefravær får oppfølging."
    assert [(f.value, f.scenario) for f in _read_sentence(sentence, 1, 1, 2030) if f.unit == "pct"] == [(12.0, "plan")]
    assert stated_as_plan(sentence, "12%")
    assert not stated_as_plan("Sykefraværet var 12% i 2030, mot 11 % året før.", "12%")


@pytest.mark.parametrize("sentence, value", [
    ("Sykefraværet var 10.4 prosent i 2030.", 10.4),  # a decimal point in running text
    ("Sykefraværet gikk ned 0,6 %-poeng til 7,1 prosent.", 7.1),
])
def test_stated_levels_stay_levels(sentence, value):
    rates = [(f.value, f.scenario) for f in _read_sentence(sentence, 1, 1, 2030) if f.unit == "pct"]
    assert (value, None) in rates


def test_a_target_stated_with_a_bound_is_a_target_not_the_level(_report):
    report = _report("Nordvik kommune\nÅrsrapport 2030\n\nSykefravær\n\nMålet er et sykefravær under 7 %.\n\n"
                     "Sykefraværet i 2030 ble 8,2 prosent.\n")
    assert _sick_leave(report).get((2030, None, None)) == 8.2
    assert 7.0 not in {v for (_, _, q), v in _sick_leave(report).items() if q is None}


def test_a_quarter_named_in_the_sentence_is_the_fact_s_period_not_the_year(_report):
    report = _report("Nordvik kommune\nKvartalsrapport 2030\n\nSykefraværet i 4. kvartal 2030 var 6,4 %.\n\n"
                     "Sykefraværet i første tertial var 8,1 %.\n", "nordvik_kvartal_2030.txt")
    assert _sick_leave(report) == {(2030, "Q4", None): 6.4, (2030, "T1", None): 8.1}


def test_a_list_introduced_by_a_part_of_the_year_gives_each_item_that_part_of_its_own_year(_report):
    report = _report("Nordvik kommune\nÅrsrapport 2030\n\nSykefravær\n\n"
                     "Tabellen viser sykefraværet i kommunene i regionen i 4. kvartal for de to siste årene:\n\n"
                     "Nordvik: 6,2% (2029), 5,9% (2030)\nSørvik: 7,1% (2029), 7,4% (2030)\n\n"
                     "Sykefraværet i Nordvik kommune var 6,8 % i 2030.\n\nLangvik: 3,3% (2030)\n")
    listed = {(f.value, f.year, f.period) for f in report.figures if f.unit == "pct"}
    assert {(6.2, 2029, "Q4"), (5.9, 2030, "Q4"), (7.1, 2029, "Q4"), (7.4, 2030, "Q4")} <= listed
    assert (6.8, 2030, None) in listed  # a running sentence ends the list
    assert (3.3, 2030, None) in listed
    assert all(f.period is None for f in report.facts if f.metric == "sick_leave_pct" and f.value_year == 2030
               and f.value == 6.8)
