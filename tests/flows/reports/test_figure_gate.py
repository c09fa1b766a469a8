"""The prose reader's gate (which sentences may state a figure) reads word runs instead of running a regex of
every number word at every position; it lets through exactly the sentences the regex did (invented sentences,
bokmål, nynorsk, Swedish, Danish, English)."""
from __future__ import annotations

import pytest

from flows.reports.prose import _FIGURE_GATE, _words_gate

SENTENCES = {
    "Enheten hadde fem ansatte ved utgangen av året": True,
    "Det vart tilsett tre nye medarbeidarar i haust": True,
    "Vi har hatt en femårsperiode med vekst": True,
    "Ein tiårig plan for vedlikehald": True,
    "Kommunen har nullvisjon for skader": False,  # "null" only as a word of its own
    "Regnskapet er gjort opp i kroner null": True,
    "Investeringen var på en halv milliard kroner": True,
    "Kostnaden uppgick till en miljon kronor": True,
    "Verksamheten hade två nya avdelningar": True,
    "Kommunen havde otte institutioner": True,
    "Tomten ble solgt til nabokommunen": False,  # "to" inside words is no number
    "Fire-fem prosjekter ble utsatt": True,
    "Arbeidet med digitale arbeidsprosesser fortsetter": False,
    "The council met in the spring": False,
    "Sitt_to var et felt i skjemaet": False,  # an underscore joins the word: no word boundary before "to"
    "Hundreårsjubileet ble feiret": True,
}


@pytest.mark.parametrize("text, expected", SENTENCES.items())
def test_the_gate_lets_through_what_the_regex_did(text, expected):
    low = text.lower()
    assert _words_gate(low) is expected
    assert _words_gate(low) == bool(_FIGURE_GATE.search(low))
