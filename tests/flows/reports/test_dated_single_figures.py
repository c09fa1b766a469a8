"""A row whose label names the one year or day its figure is for ("Fødselsoverskot 2020 2 508") reads one number
with its thousands grouped, not cells 2 and 508, where no column head asks for two cells (layout/tables.py), also
printed label line then figure line (layout/vertical.py). Invented pages in nynorsk, bokmål and Swedish."""
from __future__ import annotations

from flows.reports.document import read_cells


def _cells(tmp_path, text: str) -> dict[str, list[float]]:
    path = tmp_path / "side.txt"
    path.write_text(text, encoding="utf-8")
    out: dict[str, list[float]] = {}
    for c in read_cells(path).cells:
        out.setdefault(c.row_label, []).append(c.value)
    return out


def test_nynorsk_rows_under_no_head_after_rows_of_two_figures(tmp_path):
    cells = _cells(tmp_path, """Årsmelding 2020

Befolkning
Folketal 64 010 62 100
Fødde 702 690
Fødselsoverskot 2020 2 508
Netto innflytting 2020 1 476
""")
    assert cells["Fødselsoverskot 2020"] == [2508] and cells["Netto innflytting 2020"] == [1476]
    assert cells["Folketal"] == [64_010, 62_100] and cells["Fødde"] == [702, 690]  # rows naming no year keep two


def test_bokmal_and_swedish_label_line_then_figure_line(tmp_path):
    nb = _cells(tmp_path, """Befolkningsutvikling
Fødselsoverskudd 2020
2 508
Netto innflytting 2020
1 476
Folketall 31.12.2020
64 010
""")
    assert nb == {"Fødselsoverskudd 2020": [2508], "Netto innflytting 2020": [1476], "Folketall 31.12.2020": [64_010]}
    sv = _cells(tmp_path, """Befolkning
Invånare 2019 41 212 40 907
Födda 410 398
Födelseöverskott 2019 1 104
Flyttnetto 2019 2 310
""")
    assert sv["Födelseöverskott 2019"] == [1104] and sv["Flyttnetto 2019"] == [2310]


def test_figures_that_are_no_one_number_keep_their_cells(tmp_path):
    cells = _cells(tmp_path, """Befolkning
Folketal 64 010 62 100
Fødde 702 690
Netto innflytting 2020 1 476 1 210
""")
    assert cells["Netto innflytting 2020"] == [1476, 1210]
