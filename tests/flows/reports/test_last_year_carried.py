""""i fjor" said in a text that does not say when it was written dates the paragraph it opens (invented texts):

- a figure sentence whose figures "i fjor" dated (counted from the report year) dates the next sentences of its
  paragraph that name no time of their own;
- a sentence with no figure that says "i fjor"/"fjoråret" dates the next sentences of its paragraph all the same;
- "i fjor" dating only a figure compared with another year's carries nothing.
"""
from __future__ import annotations

from flows.reports.document import read_cells


def _figures(text: str, name: str = "avis_nordby_2032.txt") -> dict[float, int]:
    return {f.value: f.year for f in read_cells(name, text.encode("utf-8")).figures if f.unit != "year"}


def test_a_figure_sentence_dated_last_year_dates_its_paragraph():
    got = _figures("Godt år for Nordby\n\nKommunen fikk et netto driftsresultat på 12 millioner kroner i fjor. "
                   "Inntektene økte med 3,1 prosent i fjor. Samlet tilsvarer lønnsutgiftene 44 prosent av inntektene.\n")
    assert got == {12_000_000: 2031, 3.1: 2031, 44.0: 2031}


def test_a_sentence_with_no_figure_saying_last_year_dates_its_paragraph():
    got = _figures("Nytt fra Nordby\n\nTalet på flyktningar vart langt høgare enn venta i løpet av fjoråret. "
                   "Kommunen har teke imot og busett 214 flyktningar.\n")
    assert got == {214.0: 2031}


def test_last_year_of_a_compared_figure_carries_nothing():
    got = _figures("Nytt fra Nordby\n\nSykefraværet var 6,1 prosent, mot 6,5 prosent i fjor. "
                   "Legemeldt fravær var 4,2 prosent.\n")
    assert got[4.2] == 2032
