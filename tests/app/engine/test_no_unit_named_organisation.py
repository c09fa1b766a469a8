"""A budget question that names an organisation by its short name ("Nordvik's budget") and that no table, row or
sentence answers is refused for that organisation ("not reported for Nordvik fylkeskommune 2030"), never with
"please name the unit". Invented vocabulary; the engine's refusal read without a warehouse."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from app.engine.catalog import load_metrics
from app.engine.engine import QuestionEngine
from app.engine.planner import UnitRef, Vocabulary, plan_question


@pytest.mark.parametrize(("question", "lang", "said"), [
    ("regnskap mot budsjett for Nordvik 2030", "nb", "Ikke rapportert for Nordvik fylkeskommune 2030."),
    ("How far above the revised budget was Nordvik's tax intake in 2030?", "en",
     "Not reported for Nordvik fylkeskommune 2030."),
])
def test_the_organisation_named_is_said_never_asked_for(question, lang, said):
    full = UnitRef(unit_key="nordvik-fk", unit_name="Nordvik fylkeskommune")
    other = UnitRef(unit_key="sorby-k", unit_name="Sørby kommune")
    vocab = Vocabulary(metrics=load_metrics(), unit_aliases={"nordvik fylkeskommune": full, "sørby kommune": other},
                       organisations={"nordvik": "nordvik-fk", "nordvik fylkeskommune": "nordvik-fk"},
                       organisation_names={"nordvik-fk": "Nordvik fylkeskommune"}, years=(2029, 2030))
    plan = plan_question(question, vocab)
    assert plan.reason == "no_unit"
    result = QuestionEngine._unanswerable(SimpleNamespace(vocab=vocab), question, plan, lang)
    assert result["status"] == "unanswerable"
    assert result["answer"] == said
