"""A question asking for several years or measures at once, split into its parts (app.engine.parts) and answered
with every part listed (QuestionEngine._by_parts): invented questions in bokmål, nynorsk, English and Swedish."""
from __future__ import annotations

import pytest

from app.engine.engine import _result
from app.engine.parts import clause_parts, measure_parts, protected_pairs, year_parts
from tests.app.engine.conftest import engine_over_answers

LABELS = ["Lønn og sosiale utgifter", "Skatt på inntekt og formue", "Helse og omsorg", "Nordre og Søndre fylke"]


@pytest.mark.parametrize(("question", "years"), [
    ("Hvor mye fikk Nordvik i rammetilskudd i 2017 og i 2018?", [2017, 2018]),
    ("Kor mykje betalte Nordvik i renter i 2019 og i 2020?", [2019, 2020]),
    ("Net operating result of Nordvik in 2021 and 2020", [2021, 2020]),
    ("Skatteinntekter Nordvik 2016, 2017 og 2018", [2016, 2017, 2018]),
    ("How many employees did Nordvik have in 2016, and how many in 2018?", [2016, 2018]),
    ("Kor stor del jobba heiltid i 2018, og korleis var det i 2017?", [2018, 2017]),
])
def test_every_year_written_is_a_question_of_its_own(question, years):
    parts = year_parts(question)
    assert [y for y, _ in parts] == years
    for y, part in parts:
        others = [str(o) for o in years if o != y]
        assert str(y) in part and not any(o in part for o in others)
    assert "rammetilskudd i 2017" in year_parts("Hvor mye fikk Nordvik i rammetilskudd i 2017 og i 2018?")[0][1]


@pytest.mark.parametrize("question", [
    "Netto driftsresultat Nordvik 2022 samanlikna med året før",
    "Net operating result of Nordvik in 2022 compared with the previous year",
    "Hva ble netto driftsresultat i Nordvik i 2022, og hva var det året før?",
    "Nettoresultat för Nordvik 2022 jämfört med föregående år",
])
def test_the_year_before_is_the_year_named_less_one(question):
    parts = year_parts(question)
    assert [y for y, _ in parts] == [2022, 2021]
    assert "2021" in parts[1][1] and "2022" not in parts[1][1]
    assert not any(w in parts[1][1] for w in ("året før", "previous", "föregående"))


@pytest.mark.parametrize("question", ["Skatt Nordvik 2016-2018", "Sykefravær Nordvik 2020",
                                      "How did the tax develop from 2016 to 2018?"])
def test_one_year_or_a_range_is_one_question(question):
    assert year_parts(question) == []


@pytest.mark.parametrize(("question", "first", "second"), [
    ("Kor mange tilsette og årsverk hadde Nordvik kommune i 2018?", "kor mange tilsette hadde nordvik kommune i 2018",
     "kor mange årsverk hadde nordvik kommune i 2018"),
    ("kor mange tilsette og kor mange årsverk hadde Nordvik i 2018", "kor mange tilsette hadde nordvik i 2018",
     "kor mange årsverk hadde nordvik i 2018"),
    ("netto driftsresultat og sykefravær Nordvik 2022", "netto driftsresultat nordvik 2022", "sykefravær nordvik 2022"),
    ("What were the total operating revenues and total operating expenses of Nordvik in 2022?",
     "what were the total operating revenues of nordvik in 2022", "what were the total operating expenses of nordvik in 2022"),
    ("Sundvik Miljøverk sick leave and FTEs 2014", "sundvik miljøverk sick leave 2014", "sundvik miljøverk ftes 2014"),
    # the same measure again, in another form: the first part is the measure without that form
    ("Netto driftsresultat og netto driftsresultat i prosent av driftsinntektene Nordvik 2017",
     "netto driftsresultat nordvik 2017", "netto driftsresultat i prosent av driftsinntektene nordvik 2017"),
    ("Lånegjeld og lånegjeld per innbyggar i Nordvik 2031", "lånegjeld nordvik 2031",
     "lånegjeld per innbyggar i nordvik 2031"),
])
def test_two_measures_joined_by_and_are_two_questions(question, first, second):
    assert measure_parts(question, protected_pairs(LABELS), ["nordvik", "kommune", "sundvik", "miljøverk"]) == \
        [first, second]


@pytest.mark.parametrize("question", [
    "Lønn og sosiale utgifter Nordvik 2020",          # a label the data prints
    "Skatt på inntekt og formue Nordvik 2018",
    "How did Nordvik's income and wealth tax develop?",  # the same label in English
    "folketal Nordre og Søndre fylke 2016",          # a name
    "Utgifter til helse og omsorg Nordvik 2017",
])
def test_an_and_inside_a_label_or_name_never_splits(question):
    assert measure_parts(question, protected_pairs(LABELS), ["nordvik", "nordre", "søndre"]) == []


def test_a_second_clause_gets_the_names_and_years_of_the_first():
    first, second = clause_parts("How many FTEs did Sundvik have in 2014, and what was its sick leave?", ["Sundvik"])
    assert first == "How many FTEs did Sundvik have in 2014?"
    assert "sick leave" in second and "Sundvik" in second and "2014" in second and "its" not in second.split()
    # "det" is what the first clause asked for
    _, share = clause_parts("Kva var netto driftsresultat i Nordvik i 2018, og kor stor del av driftsinntektene "
                            "utgjorde det?", ["Nordvik"])
    assert "utgjorde «netto driftsresultat" in share and "2018" in share
    # "kor mange årsverk var det" (there were) names no figure of the first clause
    _, count = clause_parts("Kor mange tilsette hadde Nordvik i 2022, og kor mange årsverk var det?", ["Nordvik"])
    assert count.startswith("kor mange årsverk var det") and "tilsette" not in count
    assert clause_parts("Sykefravær Nordvik 2020", ["Nordvik"]) == []


# --- the engine: each part asked, every part listed --------------------------------------------------------------

def _ok(question, year, value, unused=(), read=None):
    """A governed answer: its reading names the measure read (`read`; the question's words when not given)."""
    return _result(question, status="ok", engine="planner", sql=f"select {value}", columns=["unit", "year", "value"],
                   rows=[["Nordvik", year, value]], answer=f"{value} i {year}.", unused=list(unused),
                   interpretation=read or question,
                   sources=[{"document": "nordvik.txt", "page": year - 2000, "excerpt": str(value)}])


def _refused(question):
    return _result(question, status="unanswerable", engine="planner", answer="Ikke rapportert.")


def test_a_refused_question_is_answered_when_every_part_is():
    q = "Kor mange tilsette og årsverk hadde Nordvik i 2018?"
    a1, a2 = "kor mange tilsette hadde nordvik i 2018", "kor mange årsverk hadde nordvik i 2018"
    engine = engine_over_answers({a1: _ok(a1, 2018, 652), a2: _ok(a2, 2018, 485.5)})
    result = engine._by_parts(q, "auto", _refused(q))
    assert result["status"] == "ok"
    assert [r[-1] for r in result["rows"]] == [652, 485.5]
    assert "652" in result["answer"] and "485.5" in result["answer"]
    assert len(result["sources"]) == 2 and result["parts"] == [a1, a2]


def test_a_refused_question_answers_the_part_it_holds_and_names_the_other():
    q = "Kor mange tilsette og årsverk hadde Nordvik i 2018?"
    a1 = "kor mange tilsette hadde nordvik i 2018"
    engine = engine_over_answers({a1: _ok(a1, 2018, 652)})
    result = engine._by_parts(q, "auto", _refused(q))
    assert result["status"] == "ok" and [r[1:] for r in result["rows"]] == [[2018, 652]]
    assert result["unanswered"] == ["kor mange årsverk hadde nordvik i 2018"]
    assert "årsverk" in result["answer"]
    # two parts read as the same figure answered only one of them
    a2 = "kor mange årsverk hadde nordvik i 2018"
    same = engine_over_answers({a1: _ok(a1, 2018, 652), a2: _ok(a2, 2018, 652)})
    assert same._by_parts(q, "auto", _refused(q))["status"] == "unanswerable"


def test_a_year_left_out_is_asked_on_its_own_and_added():
    q = "Sykefravær i Nordvik i 2017 og 2018?"
    whole = _ok(q, 2018, 4.8)
    part = "sykefravær i nordvik i 2017"
    engine = engine_over_answers({part: _ok(part, 2017, 4.9)})
    result = engine._by_parts(q, "auto", whole)
    assert engine.asked == [part]  # only the year the answer left out
    assert sorted(r[1] for r in result["rows"]) == [2017, 2018]
    # a part answered for another year than asked, or leaving words unused, adds nothing
    wrong = engine_over_answers({part: _ok(part, 2016, 4.9)})
    assert wrong._by_parts(q, "auto", whole)["rows"] == whole["rows"]
    loose = engine_over_answers({part: _ok(part, 2017, 4.9, unused=["sykefravær"])})
    assert loose._by_parts(q, "auto", whole)["rows"] == whole["rows"]


def test_an_answer_is_only_added_to_for_a_part_it_shows_nothing_of():
    q = "Hvor mange årsverk hadde Nordvik i 2014, og hva var sykefraværet?"
    first, second = "Hvor mange årsverk hadde Nordvik i 2014?", "hva var sykefraværet (2014, Nordvik)?"
    whole = _ok(q, 2014, 18.5, read="Årsverk, Nordvik, 2014")
    engine = engine_over_answers({first: _ok(first, 2014, 18.5), second: _ok(second, 2014, 6.2)})
    result = engine._by_parts(q, "auto", whole)
    assert [r[-1] for r in result["rows"]] == [18.5, 6.2]
    # the whole answer already shows both figures: nothing added
    both = _result(q, status="ok", engine="planner", columns=["unit", "year", "value"],
                   rows=[["Nordvik", 2014, 18.5], ["Nordvik", 2014, 6.2]], answer="18,5 og 6,2")
    assert engine._by_parts(q, "auto", both)["rows"] == both["rows"]


@pytest.mark.parametrize("question", [
    "Hvilken avdeling behandlet flest søknader, og i hvor mange søknader?",
    "Which team closed the most incidents, and in how many incidents?",
    "Kva eining hadde flest saker, og i kor mange saker var det?",
])
def test_the_same_thing_asked_again_after_and_is_not_a_second_measure(question):
    assert measure_parts(question) == []


@pytest.mark.parametrize("question, measure", [
    ("Hvor store var lønnskostnadene i Nordvik kommune i 2022, og hvor mye var budsjettert?", "lønnskostnadene"),
    ("What were the salary costs in Nordvik in 2022, and what was the budget?", "salary costs"),
    ("Kor mykje var driftsinntektene i Nordvik i 2021, og kva var revidert budsjett?", "driftsinntektene"),
])
def test_a_clause_that_only_names_a_scenario_asks_for_the_first_clauses_measure(question, measure):
    first, second = clause_parts(question, ["Nordvik"])
    assert measure in second and measure in first.lower()


def test_a_clause_with_a_measure_of_its_own_keeps_it():
    _, second = clause_parts("Kor mange tilsette hadde Nordvik i 2018, og kor mange årsverk var det?", ["Nordvik"])
    assert "årsverk" in second and "tilsette" not in second
