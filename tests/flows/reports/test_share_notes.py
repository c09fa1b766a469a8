"""A share note glued to a figure: a footnote mark after a percent ("45,2 %1)", "9,0%*") is no figure and no label
text; a share in parentheses after a figure, the figure perhaps a count out of a total ("499 (26,7 %)",
"12 av 45 (26,7 %)", "12 of 45 (26,7 %)"), gives the figure and its share in the same column, the total none."""
from __future__ import annotations

import pytest

from flows.reports.document import read_cells
from flows.reports.numbers import share_notes, space_glued_percent


def _cells(name: str, text: str) -> set[tuple]:
    return {(c.row_label, c.column_year, c.value) for c in read_cells(name, text.encode()).cells}


def test_the_grammar_of_share_notes():
    assert space_glued_percent("Skole 45,2 %1) 40,1 %") == "Skole 45,2 % 40,1 %"
    assert space_glued_percent("Skole 45,2%* 40,1%²") == "Skole 45,2% 40,1%"
    assert share_notes("12 av 45 (26,7 %) 10 av 1 044 (22,7 %)") == "12 (26,7%) 10 (22,7%)"
    assert share_notes("Lånegjeld (mill. kr) 1 200") == "Lånegjeld (mill. kr) 1 200"


def test_a_footnote_mark_after_a_percent_in_a_spaced_table():
    text = ("Sykefravær\n\nEnhet           2023       2022\nSkole          45,2 %1)   40,1 %\n"
            "Barnehage       8,1 %     7,4 %2)\n\n1) Inkluderer langtidsfravær.\n")
    cells = _cells("a.txt", text)
    assert {("Skole", 2023, 45.2), ("Skole", 2022, 40.1), ("Barnehage", 2022, 7.4)} <= cells


@pytest.mark.parametrize("sep", ["    ", " "])
def test_a_count_out_of_a_total_with_its_share(sep):
    text = (f"Kvinner i lederstillinger\n\nEnhet{sep}2023{sep}2022\nSkole{sep}12 av 45 (26,7 %){sep}10 av 44 (22,7 %)\n"
            f"Helse{sep}499 (50,0 %){sep}440 (45,9 %)\nTeknikk{sep}1 200 (10,1 %){sep}1 100 (9,9 %)\n")
    cells = _cells("b.txt", text)
    assert {("Skole", 2023, 12), ("Skole", 2023, 26.7), ("Skole", 2022, 10), ("Helse", 2022, 440),
            ("Helse", 2022, 45.9), ("Teknikk", 2023, 1200)} <= cells
    assert not any(v in (45, 44, 499_440) for _, _, v in cells)


def test_share_notes_in_html_cells():
    html = ("<html><body><h2>Ledere</h2><table><tr><th>Enhet</th><th>2023</th><th>2022</th></tr>"
            "<tr><td>Skole</td><td>12 of 45 (26,7 %)</td><td>10 of 44 (22,7 %)</td></tr>"
            "<tr><td>Kultur</td><td>45,2 %1)</td><td>40,1 %</td></tr></table></body></html>")
    cells = _cells("b.html", html)
    assert {("Skole", 2023, 12), ("Skole", 2023, 26.7), ("Kultur", 2023, 45.2), ("Kultur", 2022, 40.1)} <= cells


def test_a_headless_list_of_key_figures_with_shares_after_some():
    """A list of key figures without a head, some with their share in parentheses ("1 131 (0,5 %)"): the share goes
    with its figure, which stays whole (never "1" and "131"); a date after "pr." names the row, it is no figure."""
    text = ("Årsmelding 2031\n\nFakta om fylket\n\nFolketal 1.1. 2032 469 681\n\nFødselsoverskot 2031 2 508\n\n"
            "Heilt arbeidsledige pr. 28.02.32 5 924 (2,4 %)\n\nSysselsette på tiltak pr.28.02.32 1 131 (0,5 %)\n")
    got = {(c.row_label, c.value) for c in read_cells("fakta.txt", text.encode()).cells}
    assert ("Sysselsette på tiltak pr.28.02.32", 1131) in got
    assert ("Sysselsette på tiltak pr.28.02.32", 0.5) in got
    assert ("Heilt arbeidsledige pr. 28.02.32", 5924) in got
    assert ("Heilt arbeidsledige pr. 28.02.32", 2.4) in got
    assert not any(value in (1, 131) for _, value in got)
    assert ("Folketal 1.1. 2032", 469_681) in got
