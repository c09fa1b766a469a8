"""A bare figure that a contrast word ("medan", "mens", "while", "whereas") sets against an amount or a share before it
in the same sentence, of about its size, is in that figure's unit and scale: "Nordby brukar 58 210 kroner per
innbyggar, medan snittet i gruppa er på 54 900" states the group's average per inhabitant, not a number of nothing.
Invented sentences."""
from __future__ import annotations

import pytest

from flows.reports.prose import Sentence, prose_figures


def _figures(text: str) -> list[tuple[float, str]]:
    return [(f.value, f.unit) for f in
            prose_figures([Sentence(text=text, page=1, line=1, section=None, quarter=None)], 2031)]


@pytest.mark.parametrize("text, expected", [
    ("Nordby brukar 58 210 kroner per innbyggar, medan snittet i Kostragruppe 7 er på 54 900.",
     (54900.0, "nok_per_capita")),
    ("Sjukefråværet var 9,2 prosent, medan landssnittet var 8,1.", (8.1, "pct")),
    ("Kommunen brukte 12,5 mill. kr på vedlikehald, mens nabokommunen brukte 11,9.", (11900000.0, "nok")),
    ("The municipality spent 41 300 NOK per inhabitant, whereas the county average was 39 800.",
     (39800.0, "nok_per_capita")),
])
def test_a_contrasted_bare_figure_takes_the_unit_of_the_figure_it_is_set_against(text, expected):
    assert expected in _figures(text)


@pytest.mark.parametrize("text, kept", [
    ("Netto driftsresultat var 2,1 prosent, medan vi i fjor opna 5 barnehagar.", (5.0, "count")),
    ("Sjukefråværet var 9,2 prosent. Mens vi venta, kom 8 nye søknader.", (8.0, "count")),
])
def test_a_figure_of_its_own_kind_or_another_sentence_keeps_its_own_unit(text, kept):
    assert kept in _figures(text)


def test_a_contrasted_number_of_another_size_is_not_given_the_unit():
    assert (2.0, "nok_per_capita") not in _figures("Nordby brukar 58 210 kroner per innbyggar, medan 2 av nabokommunane "
                                                   "brukar meir.")
