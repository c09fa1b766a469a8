"""Text files that still hold HTML tags and entities from the page they were copied from: the tags are read as the
line breaks and cell gaps they stand for and the entities as their characters before the text is laid out; a text
that only mentions "<" or ">" stays as it is (invented texts)."""
from __future__ import annotations

from flows.reports.document import read_cells
from flows.reports.layout import read_layout
from flows.reports.layout.tags import untag


def _texts(name: str, text: str) -> list[str]:
    return [line.text for line in read_layout(name, text.encode("utf-8")).lines if line.text.strip()]


def test_line_breaks_and_inline_tags_of_a_text_file():
    text = ("Årsrapport 2015\n\nSykefravær i prosent<br />\n<strong>2015</strong><br /> 5,5 4,3 6,6<br /> 3,1 6,1<br />\n"
            "Helse &amp; omsorg&nbsp;hadde høyest fravær.<br />\n")
    lines = _texts("a.txt", text)
    assert "Helse & omsorg hadde høyest fravær." in lines
    assert not any("<" in t or "&" in t.replace("Helse & omsorg", "") for t in lines)
    assert untag(text).split("\n")[2:7] == ["Sykefravær i prosent", "2015", "5,5 4,3 6,6", "3,1 6,1",
                                            "Helse & omsorg hadde høyest fravær."]


def test_table_cells_in_tags_become_a_row_with_its_figures():
    text = ("Årsmelding 2019\n\nNetto driftsutgifter (1000 kr)<br>\n<table><tr><th>Område</th><th>Regnskap 2019</th>"
            "<th>Budsjett 2019</th></tr>\n<tr><td>Skole</td><td>12 400</td><td>13 100</td></tr>\n"
            "<tr><td>Helse og omsorg</td><td>30 250</td><td>29 800</td></tr></table>\n")
    cells = {(c.row_label, c.column_label): c.value for c in read_cells("b.txt", text.encode("utf-8")).cells}
    assert cells[("Skole", "Budsjett 2019")] == 13_100_000
    assert cells[("Helse og omsorg", "Regnskap 2019")] == 30_250_000


def test_a_footnote_number_in_sup_is_a_mark_not_a_digit_of_the_figure():
    text = "Årsmelding 2020\n\n<p>Innbyggere 1. januar 12 345<sup>1</sup></p>\n<p>Tekst</p>\n"
    assert "Innbyggere 1. januar 12 345¹" in _texts("c.txt", text)


def test_texts_that_mention_less_than_and_greater_than_stay_as_they_are():
    for text in ("Ventetid < 3 dager for 95 % av sakene, og a > b.\n", "Andel <5 % og >10 %: 12 og 4.\n",
                 "Tiltak <i 2020 og 2021> som nevnt.\n", "R&D og AT&T; FoU & drift\n"):
        assert untag(text) == text
    assert untag("Kostnad &lt;br&gt; 12 &lt; 13 &amp; mer") == "Kostnad <br> 12 < 13 & mer"  # entities, no tags


def test_a_pipe_row_keeps_its_line_when_a_cell_breaks():
    text = "| Tjeneste | Regnskap<br>2021 | Budsjett<br>2021 |\n|---|---|---|\n| Skole | 1 200 | 1 150 |\n"
    assert untag(text).split("\n")[0] == "| Tjeneste | Regnskap 2021 | Budsjett 2021 |"
