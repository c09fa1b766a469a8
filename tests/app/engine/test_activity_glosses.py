"""An event log's English activity names reached from a Norwegian question through the one en↔nb word list
(app.engine.wordforms.EN_TO_NB), never a list of one export's activities: the verb ("oppretta" -> create), an
abbreviation the list knows ("SW" -> programvare) and the head of a compound ("programvareanomali" -> SW, anomaly).
Invented activity names; questions in bokmål, nynorsk and English."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from app.engine.families.ticket_events import _glossed

LOG = SimpleNamespace(labels=["Create SW anomaly", "Resolve request", "Require upgrade", "Assign severity",
                              "Wait", "Schedule visit"])


@pytest.mark.parametrize(("question", "glosses"), [
    ("hvor mange saker førte til at det ble opprettet en programvareanomali", {"create", "sw", "anomaly"}),
    ("kor mange saker vart oppretta med programvarefeil", {"create", "sw", "anomaly"}),
    ("kor mange førespurnader vart løyste", {"resolve"}),
    ("hvor mange saker måtte oppgraderes", {"upgrade"}),
    ("hvor mange saker fikk tildelt alvorlighetsgrad", {"assign", "severity"}),
    ("hvor mange besøk ble planlagt", {"schedule"}),
])
def test_a_norwegian_word_reaches_the_english_activity_word(question, glosses):
    added = set(_glossed(question, LOG).split()) - set(question.split())
    assert glosses <= added


@pytest.mark.parametrize("question", [
    "hvor mange saker var forventet",   # "vent" inside another word is no wait
    "hvor mange saker kom inn i mai",
])
def test_a_word_that_only_contains_a_form_glosses_nothing(question):
    assert _glossed(question, LOG) == question


def test_only_words_the_labels_hold_are_added():
    other = SimpleNamespace(labels=["Close case"])
    assert _glossed("hvor mange saker ble opprettet", other) == "hvor mange saker ble opprettet"
