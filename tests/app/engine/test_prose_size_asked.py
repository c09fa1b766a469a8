"""A question for the size of a thing ("how large was the fund", "hvor stort var disposisjonsfondet") asks an amount or
a quantity, never a percent beside it; a question for a rate, a share or a change keeps asking what it asks. The nynorsk
"i høve til" (in relation to) is a function word, never a word the data must hold."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from app.engine.families.prose import _kind
from app.engine.wordforms import STOPWORDS


@pytest.mark.parametrize("question", [
    "How large was Nordvik's disposition fund in 2031?",
    "Hvor stort var disposisjonsfondet i Nordvik i 2031?",
    "Kor stor var lånegjelda i Nordvik i 2031?",
])
def test_a_size_asks_a_quantity(question):
    assert _kind(SimpleNamespace(raw=question), None) in ("quantity", "amount")


@pytest.mark.parametrize("question", [
    "Hvor stor var økningen i disposisjonsfondet i Nordvik i 2031?",
    "Kor stor var auken i folketalet i 2031?",
    "Kor høgt var sjukefråværet i Nordvik i 2031?",
    "Hvor stor andel av inntektene var lønn i 2031?",
])
def test_a_rate_share_or_change_is_no_size(question):
    assert _kind(SimpleNamespace(raw=question), None) not in ("quantity", "amount")


def test_i_hove_til_is_a_function_word():
    assert "høve" in STOPWORDS
