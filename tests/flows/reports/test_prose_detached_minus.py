"""A minus printed apart from its figure in running text ("blir da - 1,5 %", "estimert til – 27,4 mill. kroner",
"was - 3,2 %"): the figure is negative after a verb or preposition; after a number the dash is a range, and a dash a
second one closes is a parenthesis. Invented sentences in bokmål, nynorsk, Swedish and English, read end to end."""
from __future__ import annotations

import pytest

from flows.reports.document import read_cells


def _figures(tmp_path, text: str) -> list[tuple[float, str]]:
    path = tmp_path / "arsmelding-2031.txt"
    path.write_text(f"Årsmelding 2031\n\nØkonomi\n\n{text}\n", encoding="utf-8")
    return [(f.value, f.unit) for f in read_cells(path).figures]


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("Netto driftsresultat målt i prosent av brutto driftsinntekter blir da - 1,5 % i 2031.", -1.5, "pct"),
    ("I regulert budsjett ble netto driftsresultat estimert til \u2013 27,4 mill. kroner.", -27_400_000, "nok"),
    ("Netto driftsresultat vart \u2212 3,2 prosent av driftsinntektene i 2031.", -3.2, "pct"),
    ("Årets resultat uppgick till - 12,5 mnkr.", -12_500_000, "nok"),
    ("The net operating result was - 0,8 % of operating revenue in 2031.", -0.8, "pct"),
])
def test_a_detached_minus_after_a_verb_or_preposition_makes_the_figure_negative(tmp_path, text, value, unit):
    assert (value, unit) in _figures(tmp_path, text)


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("I perioden 2027 - 2031 økte sjukefråværet til 7,1 % i 2031.", 7.1, "pct"),
    ("Resultatet ble bedre enn ventet \u2013 12 mill. kr \u2013 og skyldes høyere skatteinngang.", 12_000_000, "nok"),
    ("Sykefraværet var 6,2 % i 2031, mot 5,9 % året før.", 6.2, "pct"),
])
def test_a_range_or_a_parenthesis_dash_leaves_the_figure_as_printed(tmp_path, text, value, unit):
    figures = _figures(tmp_path, text)
    assert (value, unit) in figures
    assert (-value, unit) not in figures
