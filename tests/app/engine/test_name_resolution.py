"""Names in a question, from their one home (app.engine.names): which words name an organisation or unit the
data does not know, and whether the rows of an answer carry the names asked."""
from __future__ import annotations

from app.engine import engine, interpret, planner
from app.engine.names import rows_named, unknown_label_names, unknown_names, unresolved_names
from app.engine.planner import Plan, UnitRef


def test_capitalised_words_and_municipalities_the_data_does_not_know():
    known = {"sykefravær", "eksempelby"}
    assert unknown_names("Sykefravær i Oppdal kommune 2020", known) == ["Oppdal"]
    assert unknown_names("Hva var sykefraværet i Trondheim?", known) == ["Trondheim"]
    # the first word, an acronym, a month and a compound noun are no names
    assert unknown_names("Sykefravær IKT mars Eksempelby", known) == []
    assert unknown_names("Hva kostet IT-investeringer i Eksempelby?", known) == []


def test_unused_words_that_look_like_a_name_when_the_plan_names_no_organisation():
    plan = Plan(question="")
    assert unresolved_names("Hvor mange ansatte har NPE?", ["NPE"], plan) == ["NPE"]
    assert unresolved_names("Ansatte i Eksempelby's HR-enhet", ["Eksempelby's"], plan) == ["Eksempelby"]
    assert unresolved_names("Hvor mange ansatte?", ["ansatte"], plan) == []
    named = Plan(question="", units=[UnitRef("hr", "HR")])
    assert unresolved_names("Hvor mange ansatte har NPE?", ["NPE"], named) == []


def test_rows_carry_the_names_asked():
    cols = ["unit", "year", "value"]
    assert rows_named(cols, [("VR innkjøp", 2020, 1.0)], ["VR"])
    assert not rows_named(cols, [("VARIT", 2020, 1.0)], ["VR"])
    assert not rows_named(["year", "value"], [(2020, 1.0)], ["VR"])  # rows about no unit carry no name


def test_a_capitalised_word_beside_a_label_that_nothing_explains():
    assert unknown_label_names("Lønnsutgifter Vestby 2022", {"lønnsutgift"}, set()) == ["Vestby"]
    assert unknown_label_names("Lønnsutgifter Nordvik 2022", {"lønnsutgift"}, {"nordvik"}) == []


def test_one_home_for_names():
    assert planner.unknown_names is unknown_names and interpret.unresolved_names is unresolved_names
    assert engine.rows_named is rows_named


def test_a_unit_named_by_its_kind_among_the_unused_words():
    from app.engine.names import unit_words

    assert unit_words("How many FTEs work at the service centre (servicetorget)?",
                      ["work", "service", "centre", "servicetorget"]) == ["service centre", "servicetorget"]
    assert unit_words("årsverk i økonomiavdelinga og på legekontoret", ["økonomiavdelinga", "legekontoret"]) == \
        ["økonomiavdelinga", "legekontoret"]
    # a word the plan used, the bare kind ("enheten") and an ordinary compound name no unit
    assert unit_words("årsverk i økonomiavdelinga", []) == []
    assert unit_words("sykefravær i enheten", ["enheten"]) == []
    assert unit_words("kostnader til IT-tjenester", ["it-tjenester"]) == []


def test_an_english_unit_is_named_by_a_capitalised_word_not_described_in_common_words():
    from app.engine.names import unit_words
    assert unit_words("What was the sick leave in Nordvik's HR unit in 2020?", ["HR"]) == ["hr unit"]
    assert unit_words("Sick leave in the Finance unit of Nordvik", ["Finance"]) == ["finance unit"]
    # a description in common words: the plan may have read it as the unit it describes
    assert unit_words("How many FTEs did the Nordvik payroll and accounting unit have?", ["accounting"]) == []


def test_a_place_of_several_words_is_one_name():
    from app.engine.names import whole_names

    assert unknown_names("Hva var sykefraværet i Nedre Eksempelrike i 2021?", set()) == ["Nedre Eksempelrike"]
    # a known word beside an unknown one: the place as written
    assert unknown_names("Sykefravær Nedre Eksempelrike 2021", {"nedre"}) == ["Nedre Eksempelrike"]
    # two places apart stay two names; the question's first word is no part of a name
    assert unknown_names("Sykefravær i Nordvika og Austlia 2021", set()) == ["Nordvika", "Austlia"]
    assert whole_names("Eksempelrike sykefravær", ["Eksempelrike"]) == ["Eksempelrike"]


def test_a_place_alone_for_a_body_named_by_a_direction_and_a_place():
    from app.engine.names import place_head

    assert place_head("västra exempeldal") == "exempeldal"
    assert place_head("nedre eksempelrike") == "eksempelrike"
    assert place_head("lillevik regnskap") is None  # a company's trade is no place
    assert place_head("eksempelby") is None


def test_a_kind_word_written_with_a_capital_is_no_name():
    known = {"sørvika", "length", "road", "network"}
    assert unknown_names("Length of the road network of Sørvika County Municipality in 2015", known) == []
    assert unknown_names("Sykefravær i Region Sørvika 2020", known) == []
    assert unknown_names("Sykefravær i Region Nordvika 2020", known) == ["Region Nordvika"]  # named as written
