"""A nynorsk word inside a compound is the bokmål word a label prints ("reiserekningssaker" ~ «Reiseregning»,
"skuleeiningane" ~ «Skoleenhet»): the question's stem spelt the other way is read too, so the label matches and the
word counts as placed, never as a field the data lacks."""
from __future__ import annotations

from app.engine.families.tickets import placed
from app.engine.wordforms import LabelIndex, question_terms, stem


def test_a_nynorsk_compound_matches_the_bokmal_label():
    index = LabelIndex(["Reiseregning", "Lønn", "Skoleenhet", "Tilgang"])
    got = [m.label for m in index.match(index.terms("Korleis endra talet på reiserekningssaker frå 2022 til 2023?"))]
    assert got[:1] == ["Reiseregning"]
    got = [m.label for m in index.match(index.terms("saker frå skuleeiningane"))]
    assert "Skoleenhet" in got and "Reiseregning" not in got


def test_a_word_with_no_nynorsk_part_is_read_as_written():
    assert question_terms("reiseutgifter").stems == {stem("reiseutgifter")}
    assert question_terms("rekneskapen").stems == {stem("rekneskapen"), stem("rekneskapen").replace("rekneskap",
                                                                                                   "regnskap")}


def test_the_nynorsk_word_is_placed_by_its_bokmal_stem():
    used = set(question_terms("reiseregningssaker").stems)
    assert placed("reiserekningssaker", used)
    assert not placed("reisekostnadar", used)
