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


def test_table_rows_printing_a_detached_minus_are_no_running_text(tmp_path):
    """Rows of a table whose negative figures print their minus apart ("Kommunstyrelsen – 77,8 – 76,6 1,2") are the
    table's: none of their figures is read again as a loose prose figure ("77,8 –" counted by a dash)."""
    text = "\n".join([
        "(mkr) Budget 2031 Utfall 2031 Avvikelse 2031",
        "Kommunstyrelsen \u2013 77,8 \u2013 76,6 1,2",
        "varav kommunledningskontoret \u2013 59,7 \u2013 54,3 5,4",
        "Plan- och miljönämnden \u2013 8,7 \u2013 9,4 \u2013 0,7",
        "Finansen 580,8 578,8 \u2013 2,0",
        "Summa 13,7 16,0 2,2",
        "",
        "Resultatet blev 16,0 mkr, vilket är 2,2 mkr högre jämfört med budget.",
    ])
    figures = _figures(tmp_path, text)
    assert (16_000_000, "nok") in figures and (2_200_000, "nok") in figures
    assert not any(value in (77.8, 76.6, 59.7, 8.7, 9.4) for value, _ in figures)
