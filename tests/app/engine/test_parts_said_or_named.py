"""Two figures asked at once where the answer to the whole question holds one (app.engine.engine._by_parts): a
measure part that no part answers and the whole never says is named as not answered, never silently dropped; a
whole answer whose sentence says every part's own words is not split at all ("fullførte og besto" of one
sentence). Invented questions in bokmål, nynorsk and English, answers given per question (no warehouse)."""
from __future__ import annotations

import pytest

from app.engine import asks
from app.engine.engine import _result, _shows_every_part
from tests.app.engine.conftest import engine_over_answers


def _ok(question, value, excerpt):
    return _result(question, status="ok", engine="planner", family="prose_figure", sql=f"select {value}",
                   columns=["year", "value"],
                   rows=[[2031, value]], answer=f"{value}.",
                   sources=[{"document": "nordvik.txt", "page": 1, "excerpt": excerpt}])


@pytest.mark.parametrize(("question", "first", "second"), [
    ("Kor mange skular og kor mange km veg hadde Nordvik i 2031?", "kor mange skular hadde nordvik i 2031",
     "kor mange km veg hadde nordvik i 2031"),
    ("How many schools and how many ferries did Nordvik have in 2031?", "how many schools did nordvik have in 2031",
     "how many ferries did nordvik have in 2031"),
])
def test_a_part_no_answer_holds_is_named_not_dropped(question, first, second):
    whole = _ok(question, 14, "Vi har 14 skular." if "skular" in question else "We run 14 schools.")
    engine = engine_over_answers({first: whole})
    result = engine._by_parts(question, "auto", whole)
    assert result["rows"] == whole["rows"] and result["unanswered"] == [second]
    assert second in result["answer"]


def _parts_said(result, split):
    """Per ask, whether the answer says its words (app.engine.asks)."""
    return [asks.answers_ask(result, words, None, others=others)
            for words, others, _ in asks.ask_words(split, "nb", {"nordvik"})]


def test_a_sentence_that_says_every_part_answers_them_all():
    q = "Hvor stor andel fullførte og besto i Nordvik i 2031?"
    whole = _ok(q, 85.4, "Andelen som fullførte og besto var 85,4 prosent.")
    split = ["hvor stor andel fullførte i nordvik i 2031", "hvor stor andel besto i nordvik i 2031"]
    assert _shows_every_part(whole, split) and _parts_said(whole, split) == [True, True]
    engine = engine_over_answers({})
    assert engine._by_parts(q, "auto", whole) == whole and engine.asked == []  # nothing asked again
    # a word sharing only its first letters with the sentence's ("fylkesveg" ~ "fylkeskommunen") is not said
    other = _ok(q, 14, "Fylkeskommunen har 14 skular.")
    assert _parts_said(other, ["kor mange skular", "kor mange km fylkesveg"]) == [True, False]


# --- a sub-unit the data does not hold -------------------------------------------------------------------------

@pytest.mark.parametrize(("question", "unused", "units", "named"), [
    ("Hvor høyt var sykefraværet i HR-avdelingen i Nordvik i 2031?", ["HR-avdelingen"], ["Nordvik kommune"],
     ["hr-avdelingen"]),
    ("Hvor mange årsverk hadde IT-avdelingen i Nordvik i 2031?", [], ["Nordvik kommune"], ["it-avdelingen"]),
    ("Kor mange årsverk hadde IT-eininga i Nordvik i 2031?", [], ["Nordvik kommune"], ["it-eininga"]),
])
def test_a_unit_named_by_an_acronym_and_its_kind_is_a_unit_asked(question, unused, units, named):
    from app.engine.names import unit_words

    assert unit_words(question, unused, units) == named
    # the unit the plan read is no other unit
    assert unit_words("Hvor mange årsverk hadde IT-avdelingen i 2031?", [], ["IT-avdelingen"]) == []


def test_an_organisation_wide_sentence_never_answers_for_one_of_its_units():
    from app.engine.families.scope import about_another_unit, units_mentioned

    asked = units_mentioned("Hvor mange årsverk hadde IT-avdelingen i 2031?")
    assert asked
    assert about_another_unit(asked, "Kommunen hadde 528 årsverk ved utgangen av 2031.", None)
    assert not about_another_unit(asked, "IT-avdelingen hadde 12 årsverk.", None)
    # the unit's own report: its sentences are the unit's
    assert not about_another_unit(asked, "Vi hadde 12 årsverk.", "IT-avdelingen")
    assert not about_another_unit(frozenset(), "Kommunen hadde 528 årsverk.", None)
