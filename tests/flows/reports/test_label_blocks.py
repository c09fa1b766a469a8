"""Row labels printed as one block above their rows' figures (a key-figure table copied from a web PDF viewer: the
label column first, then the head of years, then the rows of figures): layout/label_blocks.py writes each label in
front of its row. Invented pages, as text and as a saved web page with line breaks."""
from __future__ import annotations

import pytest

from flows.reports.document import read_cells

PAGE = """Årsmelding 2023

Nøkkeltal 2023

Brutto driftsresultat i % av
brutto driftsinntekter
Netto driftsresultat i % av
brutto driftsinntekter
Langsiktig gjeld i % av
brutto driftsinntekter
2019 2020 2021 2022 2023
4,1 3,2 5,0 1,6 2,4
1,9 -0,8 3,3 -1,2 0,7
181,0 190,4 199,8 207,3 211,9

Elevar i grunnskulen 1 402 1 388 1 371 1 366 1 359

Netto driftsutgifter,
grunnskule, i % av totale
netto driftsutgifter
Netto driftsutgifter, pleie
og omsorg, i % av totale
netto driftsutgifter
24,1 23,8 23,5 23,0 22,7*
33,0 33,9 34,8 35,2 35,9

* Endra rekneskapsføring frå 2023.
"""

EXPECTED = {
    ("Brutto driftsresultat i % av brutto driftsinntekter", 2019): 4.1,
    ("Netto driftsresultat i % av brutto driftsinntekter", 2022): -1.2,
    ("Netto driftsresultat i % av brutto driftsinntekter", 2023): 0.7,
    ("Langsiktig gjeld i % av brutto driftsinntekter", 2021): 199.8,
    ("Elevar i grunnskulen", 2020): 1388,
    ("Netto driftsutgifter, grunnskule, i % av totale netto driftsutgifter", 2023): 22.7,
    ("Netto driftsutgifter, pleie og omsorg, i % av totale netto driftsutgifter", 2019): 33.0,
}


def _cells(name: str, data: bytes) -> dict:
    return {(c.row_label, c.column_year): c.value for c in read_cells(name, data).cells}


@pytest.mark.parametrize("name, data", [
    ("nokkeltal.txt", PAGE.encode("utf-8")),
    ("nokkeltal.html", ("<html><body><p>" + PAGE.replace("\n\n", "</p><p>").replace("\n", "<br />\n")
                        + "</p></body></html>").encode("utf-8")),
])
def test_a_block_of_labels_is_written_in_front_of_its_rows(name, data):
    cells = _cells(name, data)
    for key, value in EXPECTED.items():
        assert cells.get(key) == pytest.approx(value), (key, sorted(k for k in cells if k[1] == key[1]))
    assert not any(label == "" for label, _ in cells), sorted(cells)


def test_a_block_that_does_not_match_its_rows_is_left_as_printed():
    # three labels over two rows of figures: which label is whose cannot be told, so none is given
    page = PAGE.replace("Langsiktig gjeld i % av\nbrutto driftsinntekter\n", "Langsiktig gjeld i % av\n"
                        "brutto driftsinntekter\nLånegjeld per innbyggjar\n")
    cells = _cells("nokkeltal.txt", page.encode("utf-8"))
    assert not any(label.startswith("Brutto driftsresultat") and year == 2019 for label, year in cells)
