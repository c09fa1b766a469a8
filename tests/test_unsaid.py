"""A family's answer never drops a narrowing word of the question silently (app.engine.honest.unsaid_words and
QuestionEngine._unsaid): over the real sample warehouse."""
from app.engine.engine import QuestionEngine
from app.engine.honest import is_head, qualifiers


def test_a_narrowing_word_is_a_word_after_a_preposition_or_a_name_compound():
    q = "Hvor stort ble underskuddet på VAR-gebyrene i 2014, og hva fikk Sør-Odal for skolene?"
    assert qualifiers(q, ["underskuddet", "VAR-gebyrene", "Sør-Odal", "skolene", "fikk"]) == \
        ["VAR-gebyrene", "Sør-Odal", "skolene"]
    # a place in time and the frame a figure is printed in narrow nothing
    assert qualifiers("beløpet på posten 'X' ved inngangen til 2019", ["posten", "inngangen"]) == []
    assert is_head(q, "VAR-gebyrene") and not is_head("paid out in fixed salaries", "fixed")


def test_a_qualifier_the_data_lacks_refuses_and_one_it_has_is_a_nearby_reading(sample_warehouse):
    qe = QuestionEngine(sample_warehouse)
    refused = qe.ask("netto driftsresultat for barnehagene i 2020", engine="planner")
    assert refused["status"] == "unanswerable" and not refused["rows"]
    assert "«barnehagene»" in refused["answer"] and refused["suggestions"]
    near = qe.ask("netto driftsresultat for skolene 2020", engine="planner")
    assert near["status"] == "ok" and near["rows"] and near.get("reading") == "nearby"
    assert "«skolene»" in near["answer"] and "skolene" in near["interpretation"]
    plain = qe.ask("netto driftsresultat 2020", engine="planner")
    assert plain["status"] == "ok" and "reading" not in plain and "Ikke brukt" not in plain["answer"]
