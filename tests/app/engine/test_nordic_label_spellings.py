"""A Swedish or Danish row label names the line a Norwegian question asks when its words are the question's in
another spelling ("Löner och sociala avgifter" for "lønn og sosiale avgifter"): the spelling skeleton and a plural
ending the stemmer leaves on; other words stay apart (invented labels)."""
from __future__ import annotations

from app.engine.wordforms import LabelIndex


def _full(question: str, labels: list[str]) -> list[str]:
    index = LabelIndex(labels)
    return [m.label for m in index.match(index.terms(question), min_cover=1.0)]


def test_swedish_label_named_in_full_by_a_norwegian_question():
    labels = ["Löner och sociala avgifter", "Pensionskostnader", "Köp av verksamhet"]
    assert _full("Lønn og sosiale avgifter i Ekby kommun 2031", labels) == ["Löner och sociala avgifter"]


def test_other_words_are_not_folded_together():
    labels = ["Lokaler och markhyror", "Lån och leasing"]
    assert _full("Lønn og sosiale avgifter i Ekby kommun 2031", labels) == []
