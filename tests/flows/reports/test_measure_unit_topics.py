"""A figure counted in a unit of measure ("tonn", "kg", "GWh") says what it measures by the noun after the unit, else by
the words its sentence opens on before the first verb (invented sentences): the unit alone names no measure, and
two measures in the same unit ("tonn avfall", "tonn CO2") stay told apart."""
from __future__ import annotations

from flows.reports.prose import ProseFigure, Sentence, prose_figures


def _read(text: str) -> dict[float, ProseFigure]:
    found = prose_figures([Sentence(text=text, page=1, line=1, section=None, quarter=None)], 2031)
    return {f.value: f for f in found if f.unit != "year"}


def test_the_noun_after_the_unit_says_what_is_measured():
    assert _read("Selskapet samlet i 2031 inn totalt 98 412 tonn avfall.")[98_412].topic == "tonn avfall"
    assert _read("Gjenvinningen ga en besparelse tilsvarende 41 200 tonn CO2.")[41_200].topic == "tonn CO2"


def test_the_words_before_the_first_verb_say_what_a_pair_of_levels_measures():
    got = _read("Total avfallsmengde gikk fra 2030 til 2031 ned med 1,2 prosent, fra 98 412 tonn til 97 231 tonn.")
    assert got[98_412].topic == got[97_231].topic == "Total avfallsmengde tonn"
    got = _read("Det betyr at avfallsmengde per innbygger har gått ned, fra 498 kg i 2030 til 489 kg i 2031.")
    assert got[498].topic == "avfallsmengde per innbygger kg"
