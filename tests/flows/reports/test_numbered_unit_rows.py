"""Per-unit tables whose first column numbers the units ("12 | Helse og omsorg | ..."): the number is the row's
code, never a figure that shifts the row's cells (layout/delimited.py `_numbered`, text rows by `tables._CODE`).
Invented tables in bokmål, nynorsk, Swedish and Danish."""
from __future__ import annotations

import pytest

from flows.reports.document import read_cells

PIPE = """{caption}

| Nr | {unit} | {actual} | {budget} | {diff} | {pct} |
|---|---|---|---|---|---|
| 1.1 | {a} | 402 118 | 398 500 | -3 618 | 100,9 |
| 12 | {b} | 310 455 | 315 000 | 4 545 | 98,6 |
| 13 | {c} | 55 002 | 57 000 | 1 998 | |
"""
LANGS = {
    "nb": dict(caption="Regnskap per tjenesteområde (tall i 1000 kr)", unit="Tjenesteområde", actual="Regnskap 2022",
               budget="Budsjett 2022", diff="Avvik", pct="Forbruk i %", a="Helse og omsorg", b="Oppvekst", c="Teknisk"),
    "nn": dict(caption="Rekneskap per eining (tal i 1000 kr)", unit="Eining", actual="Rekneskap 2022",
               budget="Budsjett 2022", diff="Avvik", pct="Forbruk i %", a="Helse", b="Skule", c="Kultur"),
    "sv": dict(caption="Driftredovisning per nämnd (tkr)", unit="Nämnd", actual="Utfall 2022", budget="Budget 2022",
               diff="Avvikelse", pct="Förbrukning i %", a="Kommunstyrelsen", b="Socialnämnden", c="Tekniska nämnden"),
    "da": dict(caption="Regnskab pr. område (1.000 kr.)", unit="Område", actual="Regnskab 2022", budget="Budget 2022",
               diff="Afvigelse", pct="Forbrug i %", a="Ældre", b="Skoler", c="Kultur"),
}


@pytest.mark.parametrize("lang", LANGS)
def test_numbered_units_keep_their_cells_in_place(tmp_path, lang):
    words = LANGS[lang]
    path = tmp_path / "side.md"
    path.write_text(PIPE.format(**words), encoding="utf-8")
    cells = {(c.row_label, c.column_label): (c.value, c.row_code) for c in read_cells(path).cells}
    assert cells[(words["a"], words["actual"])] == (402_118_000, "1.1")
    assert cells[(words["b"], words["pct"])] == (98.6, "12")
    assert cells[(words["c"], words["diff"])][0] == 1_998_000 and (words["c"], words["pct"]) not in cells
    assert not any(v == 12 or v == 12_000 for v, _ in cells.values()), "a unit's number is no figure"
