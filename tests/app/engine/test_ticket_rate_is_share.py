"""The rate of tickets that have a property ("first call resolution rate", "løsningsraten", "svarraten") asks their
share, as "andel" does; a word that merely ends in "rate" ("Moderate", "separate") asks none."""
from __future__ import annotations

import pytest

from app.engine.families import tickets
from app.engine.families.base import Question


@pytest.mark.parametrize("text, share", [
    ("first call resolution rate for the desk in 2024", True),
    ("what were the resolution rates per year", True),
    ("hva var løsningsraten i 2024", True),
    ("raten av saker løst ved første kontakt", True),
    ("how many 3 - moderate tickets were there", False),
    ("separate counts per quarter", False),
])
def test_a_rate_asks_a_share(text, share):
    assert Question.parse(text, "en").has(*tickets.SHARE_CUES) is share
