"""A figure in a very long "sentence" (a web extraction that ran a contents page and a paragraph together) is quoted
with the words that lead up to it, never with the first 300 characters, which may not hold it at all."""
from __future__ import annotations

from flows.reports.prose import EXCERPT, Sentence, excerpt, prose_figures

CONTENTS = ("1 Økonomirapport for 2. tertial 2031 Til: Formannskapet Innholdsfortegnelse: Innledning Styringskart "
            "Sykefravær Oppsummering økonomi Fellesinntekter Skatteinngang Rammetilskudd Renter og avdrag Generelle "
            "statstilskudd Andre sentrale elementer Lønnsoppgjør Driftsutgiftene per tjenesteområde Investeringer "
            "Rapportering finansforvaltning Side 1 av 25 2 1 Innledning rapporten gir en status pr ")


def test_the_figure_of_a_long_sentence_is_quoted_with_its_own_words():
    text = CONTENTS + "Budsjett 2031 ble vedtatt med et budsjettert mindreforbruk på 12 mill. kroner."
    assert len(text) > EXCERPT
    figures = [f for f in prose_figures([Sentence(text=text, page=1, line=1, section=None, quarter=None)], 2031)
               if f.value == 12e6]
    assert figures
    quoted = figures[0].text
    assert "budsjettert mindreforbruk på 12 mill. kroner" in quoted
    assert quoted.startswith("…") and len(quoted) <= EXCERPT


def test_a_short_sentence_and_a_figure_near_the_start_keep_the_sentence_as_written():
    short = "Sykefraværet var 6,1 prosent i 2031."
    assert excerpt(short, "6,1 prosent") == short
    long = "Sykefraværet var 6,1 prosent i 2031, " + "og mye annet ble sagt om året " * 20
    assert excerpt(long, "6,1 prosent") == long[:EXCERPT]
