"""Which row a question names when several are named by the same leading word: a row of a group of the whole
(«Innbyggere i pensjonsalder (67 år og eldre)», "herav", an age band) is not what a question that names no group
asks, when one row named by the same words is no group's («Innbyggertall ved utgangen av 2031»); a question naming
the group still gets the choice. Rows another organisation prints never compete with the asked organisation's own
(invented labels)."""
from __future__ import annotations

import pytest

from app.engine.families.cell_lookup import best_labels, subgroup_row
from app.engine.wordforms import LabelIndex

LABELS = ["Innbyggertall ved utgangen av 2031", "Innbyggere i pensjonsalder (67 år og eldre)",
          "Innbyggere i arbeidsfør alder (16 til 66 år)"]


def _best(question: str, labels=LABELS, printed=None) -> list[str]:
    index = LabelIndex(labels)
    return [m.label for m in best_labels(index, index.terms(question), {"eksempelvik"}, printed=printed)]


@pytest.mark.parametrize("question", ["How many inhabitants did Eksempelvik have at the end of 2031?",
                                      "How many inhabitants did Eksempelvik have in 2031?"])
def test_the_whole_row_wins_over_groups_no_question_asks(question):
    assert _best(question) == ["Innbyggertall ved utgangen av 2031"]


@pytest.mark.parametrize("question", ["How many inhabitants of retirement age did Eksempelvik have in 2031?",
                                      "How many older inhabitants did Eksempelvik have in 2031?"])
def test_a_group_asked_is_never_answered_by_the_whole(question):
    assert "Innbyggertall ved utgangen av 2031" not in _best(question)


def test_without_a_whole_row_the_groups_stay_a_choice():
    assert set(_best("How many inhabitants did Eksempelvik have in 2031?", LABELS[1:])) == set(LABELS[1:])


@pytest.mark.parametrize("label, group", [
    ("Innbyggere 0-5 år", True), ("herav sykehjem", True), ("Innbyggere 80 år og eldre", True),
    ("Innbyggere i pensjonsalder", True), ("Innbyggertall ved utgangen av 2031", False), ("Driftsinntekter", False)])
def test_subgroup_rows(label, group):
    assert subgroup_row(label) is group


def test_rows_of_another_organisation_never_compete():
    labels = ["Driftsinntekter i milliarder kroner", "Driftsinntekter i millioner kroner"]
    own = {"Driftsinntekter i milliarder kroner"}
    assert _best("Driftsinntekter Eksempelvik 2031", labels, printed=lambda label: label in own) == \
        ["Driftsinntekter i milliarder kroner"]
    assert len(_best("Driftsinntekter Eksempelvik 2031", labels)) == 2  # no organisation asked: both are a choice
