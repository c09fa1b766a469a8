"""A figure in a very long "sentence" (a web extraction that ran a contents page and a paragraph together) is quoted
with the words that lead up to it, never with the first 300 characters, which may not hold it at all."""
from __future__ import annotations

from flows.reports.prose import EXCERPT, RUN_ON, Sentence, excerpt, prose_figures

CONTENTS = ("1 Økonomirapport for 2. tertial 2031 Til: Formannskapet Innholdsfortegnelse: Innledning Styringskart "
            "Sykefravær Oppsummering økonomi Fellesinntekter Skatteinngang Rammetilskudd Renter og avdrag Generelle "
            "statstilskudd Andre sentrale elementer Lønnsoppgjør Driftsutgiftene per tjenesteområde Investeringer "
            "Rapportering finansforvaltning Side 1 av 25 2 1 Innledning rapporten gir en status pr ")


def test_the_figure_of_a_long_sentence_is_quoted_with_its_own_words():
    text = CONTENTS * 2 + "Budsjett 2031 ble vedtatt med et budsjettert mindreforbruk på 12 mill. kroner."
    assert len(text) > RUN_ON
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


def test_the_figures_of_a_sentence_of_ordinary_length_share_its_text():
    # a list of figures in one sentence ("... bustadfelt (ca. 7 mill.), barnehage (ca. 6,7 mill.), ... (ca. 3,4 mill.)")
    # is read as one sentence, even when its last figure lies past the characters kept
    text = ("Kommunen investerte 24,4 millionar kr. i 2031. Dei største prosjekta er utvikling av bustadfelt (ca. 7 mill.), "
            "barnehage (ca. 6,7 mill.), rehabilitering av vatn og avlaup (ca. 5 mill.), kjøp og opparbeiding av "
            "industriområde, og eigedom for framtidig plassering av prosjekt Eksempelskulen (ca. 3,4 mill.).")
    assert EXCERPT < len(text) <= RUN_ON
    figures = prose_figures([Sentence(text=text, page=1, line=1, section=None, quarter=None)], 2031)
    assert len({f.text for f in figures if f.unit == "nok"}) == 1


def test_a_long_sentence_is_quoted_around_the_figure_where_it_stands_alone():
    # "20" is printed first inside the year "2031" of a contents list run into the paragraph: the quote is around the
    # figure itself, at the sentence's end
    contents = " ".join(f"Kapittel {k} Sykefravær og økonomi 2031" for k in range(1, 15))
    sentence = f"{contents} Innledning Budsjett 2031 ble vedtatt med et budsjettert mindreforbruk på 20."
    quoted = excerpt(sentence, "20")
    assert quoted.endswith("mindreforbruk på 20.")
