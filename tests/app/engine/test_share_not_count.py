"""A share asked ("andel søknader", "what share of the applications") is never answered with the count of the things it
is a share of that a sentence states ("behandlet 158 søknader"); the count itself is still the answer to "how many".
An invented report refreshed through the real flow."""
from __future__ import annotations

import pytest

from app.engine.engine import ask

REPORTS = {
    "fjordhavn_iks_arsmelding_2016.txt": (
        "Fjordhavn IKS – Årsmelding 2016\n\n3. Forvaltning\n\n"
        "Fjordhavn behandlet 158 søknader om tiltak i sjø i 2016, mot 140 i 2015. Saksbehandlingstiden var kort.\n"),
}


@pytest.fixture(scope="module")
def warehouse(warehouse_over_reports):
    return warehouse_over_reports(REPORTS, "share_not_count")


@pytest.mark.parametrize("question", ["Hvor stor andel av søknadene om tiltak i sjø kom fra Nordby i 2016?",
                                      "andel søknader tiltak i sjø Fjordhavn 2016",
                                      "What share of the applications for works at sea did Fjordhavn get in 2016?"])
def test_a_share_is_never_the_count(warehouse, question):
    r = ask(question, warehouse, engine="planner")
    values = [v for row in r["rows"] for v in row if isinstance(v, (int, float))]
    assert 158 not in values, r["answer"]


def test_the_count_answers_how_many(warehouse):
    r = ask("Hvor mange søknader om tiltak i sjø behandlet Fjordhavn i 2016?", warehouse, engine="planner")
    assert r["status"] == "ok" and 158 in [v for row in r["rows"] for v in row], r["answer"]
