"""Signs the words of a sentence give: a result called negative or a deficit is negative; the printed figure is kept
as printed; an overspend, an underspend or an effect keeps the sign it is printed with (invented sentences in bokmål,
nynorsk, Swedish and English)."""
from __future__ import annotations

import pytest

from flows.reports.prose import _read_sentence


def _one(sentence: str):
    found = _read_sentence(sentence, 1, 1, 2022)
    assert len(found) >= 1, sentence
    return found[0]


@pytest.mark.parametrize("sentence, value", [
    ("Netto driftsresultat var negativt med 2,8 mill. kr i 2022.", -2_800_000),
    ("Driftsresultatet vart negativt med 3,4 millionar kroner.", -3_400_000),
    ("Kommunen fikk et underskudd på 17,8 mill. kroner.", -17_800_000),
    ("Netto driftsresultat ble minus 1,5 prosent av driftsinntektene.", -1.5),
    ("Netto driftsresultat ble negativt med 1,5 prosent av driftsinntektene.", -1.5),
    ("Resultatet blev negativt med 12 mnkr.", -12_000_000),
    ("Årets resultat visar ett underskott på 8,5 miljoner kronor.", -8_500_000),
    ("The net operating result was negative at NOK 2.1 million.", -2_100_000),
    ("The accounts show a deficit of NOK 5 million.", -5_000_000),
    ("Kommunen hadde et negativt driftsresultat på 4,1 mill. kr.", -4_100_000),
    ("Budsjettet la opp til et negativt resultat 6,3 mill. kr.", -6_300_000),  # the noun straight before the figure
    # what the deficit is of between the noun and its verb
    ("Underskotet på vassgebyra vart 1,2 mill. kroner i 2022.", -1_200_000),
    ("Underskuddet for selvkostområdet avløp ble 3,1 mill. kr.", -3_100_000),
    ("Underskottet inom äldreomsorgen uppgick till 12 miljoner kronor.", -12_000_000),
    ("The deficit in the water fund was NOK 2 million.", -2_000_000),
    # the sign as a word before the figure, or after it
    ("Årets netto driftsresultat endte på negative 22 millioner kroner.", -22_000_000),
    ("The operating result was negative 4.5 million NOK.", -4_500_000),
    ("Driftsresultatet enda på 13 millionar kroner i minus.", -13_000_000),
    ("Selvkostfondet for renovasjon endte 2,5 mill. i underskudd.", -2_500_000),
])
def test_words_that_make_the_figure_negative(sentence, value):
    f = _one(sentence)
    assert f.value == pytest.approx(value)
    assert "-" not in f.printed  # the figure as printed


@pytest.mark.parametrize("sentence, value", [
    ("Helse og omsorg hadde et merforbruk på 4,2 mill. kr.", 4_200_000),
    ("Oppvekst hadde et mindreforbruk på 1,1 mill. kr.", 1_100_000),
    ("Omlægningen påvirker likviditeten negativt med 25 mio. kr.", 25_000_000),
    ("Netto driftsresultat var positivt med 3,2 mill. kr.", 3_200_000),
    ("Regnskapet endte med 48 millioner kroner i pluss.", 48_000_000),
    ("Kommunen fikk et positivt resultat 5,5 mill. kr.", 5_500_000),
    ("Sjukefråværet var 6,2 prosent, ein nedgang frå 2021.", 6.2),
    # a deficit named in an earlier clause signs nothing after it
    ("Underskuddet ble dekket inn, og overskuddet for 2022 var 4 mill. kr.", 4_000_000),
    ("Underskotet på vatn og avløp og renovasjon er no dekt inn, og fondet var 3 mill. kr.", 3_000_000),
])
def test_words_that_give_no_negative_sign(sentence, value):
    assert _one(sentence).value == pytest.approx(value)


@pytest.mark.parametrize("sentence", [
    "Artikel 31 - Rätt till kultur och fritid: barn har rätt att delta i kulturliv.",
    "Se tabell 4 og figur 2 i kapittel 3.",
    "Article 12 of the convention gives children a voice.",
    "Fokusområde 11 - Trygghet och samhällsgemenskap Fokusområde 13 - Hållbar kultur och turism",  # titled items
])
def test_a_reference_before_a_number_is_no_figure(sentence):
    from flows.reports.prose import _read_sentence

    assert _read_sentence(sentence, 1, 1, 2022) == []
