"""The planner on the project's own vocabulary (metric catalog and unit aliases), no warehouse."""
from __future__ import annotations

import pytest

from app.engine.catalog import load_metrics, load_unit_aliases
from app.engine.planner import Vocabulary, compile_sql, find_quarters, find_years, plan_question
from tests.conftest import SAMPLE_ALIASES


@pytest.fixture(scope="module")
def vocab() -> Vocabulary:
    return Vocabulary(
        metrics=load_metrics(),
        unit_aliases=load_unit_aliases(SAMPLE_ALIASES),
        subjects={"malvik": "Malvik", "stjørdal": "Stjørdal", "kvinner": "Kvinner"},
        years=(2015, 2016, 2017, 2018, 2019, 2020, 2021),
    )


@pytest.mark.parametrize("question, unit_key", [
    ("sykefravær VR lønn 2020", "vr-lonn-regnskap"),
    ("sykefravær for VR regnskap og lønn i 2020", "vr-lonn-regnskap"),
    ("Sykefraværet i VR lønn/regnskap 2020?", "vr-lonn-regnskap"),
    ("sykefravær VR lønn/regnskp 2020", "vr-lonn-regnskap"),  # typo
    ("sykefravær i økonomienheten 2020", "okonomi"),  # inflection
    ("sick leave Værnesregionen IT 2020", "varit"),
    ("sjukefråvær i VARIT 2020", "varit"),  # nynorsk
])
def test_units_resolve_through_aliases_typos_and_inflection(vocab, question, unit_key):
    plan = plan_question(question, vocab)
    assert [u.unit_key for u in plan.units] == [unit_key]
    assert plan.metrics == ["sick_leave_pct"]
    assert plan.years == [2020]
    assert plan.answerable


def test_word_inside_an_account_question_is_not_a_unit(vocab):
    plan = plan_question("regnskap mot budsjett for VARIT 2020", vocab)
    assert plan.family == "variance"
    assert [u.unit_key for u in plan.units] == ["varit"]


@pytest.mark.parametrize("text, expected", [
    ("sykefravær i fjor", [2021]),
    ("saker siste tre år", [2019, 2020, 2021]),
    ("cases the last 2 years", [2020, 2021]),
    ("årsverk 2017-2019", [2017, 2018, 2019]),
    ("årsverk fra 2018 til 2020", [2018, 2019, 2020]),
    ("sykefravær 2020", [2020]),
])
def test_years_relative_to_latest_year_in_data(text, expected):
    assert find_years(text, 2021) == expected


@pytest.mark.parametrize("text, expected", [
    ("saker i q3", [3]),
    ("saker 3. kvartal", [3]),
    ("saker tredje kvartal 2021", [3]),
    ("cases in the fourth quarter", [4]),
    ("saker første halvår", [1, 2]),
    ("saker i første og fjerde kvartal", [1, 4]),   # a list of quarters: each of them
    ("cases q1–q3 2021", [1, 2, 3]),                 # a run: every quarter between
    ("saker andre halvår 2020", [3, 4]),
])
def test_quarters(text, expected):
    assert find_quarters(text) == expected


@pytest.mark.parametrize("question, family", [
    ("sykefravær trend for VR lønn", "trend"),
    ("hvilken enhet hadde høyest sykefravær i 2020", "ranking"),
    ("endring i årsverk fra året før for VARIT", "change"),
    ("regnskap mot budsjett for VARIT 2020", "variance"),
    ("sykefravær VR lønn 2020", "value"),
])
def test_question_families(vocab, question, family):
    assert plan_question(question, vocab).family == family


def test_ranking_asks_for_the_top_unit_in_the_latest_reported_year(vocab):
    plan = plan_question("hvilken enhet hadde høyest sykefravær", vocab)
    sql = compile_sql(plan)
    assert plan.rank_order == "desc" and plan.limit == 1
    assert "select max(value_year) from fct_metric_value" in sql
    assert sql.rstrip().endswith("limit 1")


def test_unknown_measure_is_unanswerable(vocab):
    plan = plan_question("hva blir været i morgen", vocab)
    assert not plan.answerable and plan.reason == "no_metric"


def test_compiled_sql_filters_metric_unit_year_and_keeps_provenance(vocab):
    sql = compile_sql(plan_question("sykefravær VR lønn 2020", vocab))
    assert "f.metric_code in ('sick_leave_pct')" in sql
    assert "f.unit_key in ('vr-lonn-regnskap')" in sql
    assert "f.value_year in (2020)" in sql
    assert "f.is_latest" in sql
    assert "f.value as sick_leave_pct" in sql
    assert "f.page as source_page" in sql


def test_unknown_place_names_make_a_plan_unanswerable(vocab):
    plan = plan_question("sykefravær Oppdal kommune 2020", vocab)
    assert not plan.answerable and plan.reason == "unknown_unit" and plan.unknown == ["Oppdal"]
    assert plan_question("sykefravær i økonomienheten 2020", vocab).answerable


def test_a_name_before_kommune_that_is_also_an_ordinary_word_of_the_data_is_unknown(vocab):
    # "time" is a word of a measure's name ("response time") and "Hver" a determiner: only the name is unknown
    assert plan_question("Hva var sykefraværet i Time kommune i 2019?", vocab).unknown == ["Time"]
    assert plan_question("What was the response time in 2020?", vocab).unknown == []
    assert plan_question("Hver kommune sitt sykefravær i 2020", vocab).unknown == []
    assert plan_question("sykefravær i Malvik kommune 2020", vocab).unknown == []  # a subject the data holds


def test_metric_names_match_inflected_and_nynorsk(vocab):
    assert plan_question("Kva var sjukefråværet i VARIT i 2020?", vocab).metrics == ["sick_leave_pct"]
    assert plan_question("Hvordan har saksmengden utviklet seg?", vocab).metrics == ["cases"]


def test_budget_result_is_a_metric_not_an_accounts_question(vocab):
    plan = plan_question("What was the budget result for VARIT in 2020?", vocab)
    assert plan.family == "value" and plan.metrics == ["budget_result_nok"]


def test_change_without_years_compares_the_latest_year_with_the_one_before(vocab):
    vocab_cov = Vocabulary(metrics=vocab.metrics, unit_aliases=vocab.unit_aliases, years=(2019, 2020, 2021),
                           coverage={"fte": {"varit": {2019, 2020}}})
    plan = plan_question("endring i årsverk fra året før for VARIT", vocab_cov)
    assert plan.family == "change" and plan.years == [2019, 2020]


def test_per_quarter_and_average_words(vocab):
    vq = Vocabulary(metrics=vocab.metrics, unit_aliases=vocab.unit_aliases, years=(2020, 2021), quarterly={"cases"})
    assert plan_question("saker per kvartal i 2021", vq).quarters == [1, 2, 3, 4]
    plan = plan_question("saker første halvår 2021 mot gjennomsnittet", vq)
    assert plan.family == "compare_average" and plan.quarters == [1, 2]


def test_a_short_name_is_matched_as_written_never_as_a_typo_of_a_longer_word():
    # the initials a body's name gives ("tort", "tbr") are names as written: "stort" (big) is no slip of "tort", while
    # a name of five letters or more still forgives a typo
    from app.engine.planner import UnitRef, find_units

    body = UnitRef(unit_key="vestmark-brann", unit_name="Vestmark brann- og redningstjeneste")
    town = UnitRef(unit_key="nordby", unit_name="Nordbyheim")
    aliases = {"tort": body, "tbr": body, "nordbyheim": town}
    assert find_units("hvor stort ble driftsoverskuddet i 2031", aliases)[0] == []
    assert find_units("tort 2031", aliases)[0] == [body]
    assert find_units("nordbyhiem 2031", aliases)[0] == [town]
