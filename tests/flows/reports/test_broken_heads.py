"""Column heads a text extraction printed a word or two per line, words broken by hyphenation, the scale in the
corner, over rows printed one per line: layout/broken_heads.py (and the head's first word after a scale corner is a
column, headers.split_header). Invented pages in Swedish, bokmål and nynorsk, as text and as a saved web page."""
from __future__ import annotations

from flows.reports.document import read_cells
from flows.reports.layout.broken_heads import head_cells

SV = """Årsredovisning 2018

Driftredovisning per nämnd

(mnkr) Intäkter Kost-
nader
Netto-
kostnad
Kommun-
bidrag
Avvikelse Avvikelse
2017
Gata och park 12,4 80,1 67,7 70,0 2,3 9,1
Kultur 1,1 30,5 29,4 28,0 – 1,4 0,5
Totalt 13,5 110,6 97,1 98,0 0,9 9,6

Nämnderna redovisar sammantaget ett överskott.
"""


def _cells(tmp_path, text: str):
    path = tmp_path / "side.txt"
    path.write_text(text, encoding="utf-8")
    return read_cells(path).cells


def _by(cells):
    return {(c.row_label, c.column_label): c for c in cells}


def test_swedish_head_broken_by_hyphens_with_the_scale_in_the_corner(tmp_path):
    cells = _cells(tmp_path, SV)
    by = _by(cells)
    heads = ["Intäkter", "Kostnader", "Nettokostnad", "Kommunbidrag", "Avvikelse", "Avvikelse 2017"]
    assert [c.column_label for c in cells if c.row_label == "Gata och park"] == heads
    assert by[("Gata och park", "Kostnader")].value == 80_100_000 and by[("Gata och park", "Kostnader")].scale == 1e6
    assert by[("Kultur", "Avvikelse")].value == -1_400_000  # "– 1,4": a detached minus
    assert by[("Totalt", "Avvikelse 2017")].value == 9_600_000 and by[("Totalt", "Avvikelse 2017")].column_year == 2017
    assert len(cells) == 18


def test_bokmal_head_with_mill_kr_and_a_percent_column(tmp_path):
    text = """Årsrapport 2020

Drift per tjenesteområde
(mill. kr) Brutto
driftsutgifter
Netto-
driftsutgifter
Budsjett Avvik
Avvik i %
Skole 210,4 180,2 185,0 4,8 2,6
Helse og omsorg 410,9 350,1 340,0 – 10,1 – 3,0
Sum 621,3 530,3 525,0 – 5,3 – 1,0
"""
    by = _by(_cells(tmp_path, text))
    assert by[("Skole", "Brutto driftsutgifter")].value == 210_400_000
    assert by[("Helse og omsorg", "Nettodriftsutgifter")].value == 350_100_000
    assert by[("Sum", "Avvik")].value == -5_300_000
    assert by[("Sum", "Avvik i %")].value == -1.0 and by[("Sum", "Avvik i %")].is_percent


def test_nynorsk_head_with_the_label_column_named_and_years_under_heads(tmp_path):
    text = """Rekneskap per eining (1000 kr)

Tenesteområde Rekne-
skap
2020
Budsjett
2020
Meir-/mindre-
forbruk
Oppvekst 121 000 130 000 9 000
Helse 245 000 240 000 -5 000
"""
    by = _by(_cells(tmp_path, text))
    assert by[("Oppvekst", "Rekneskap 2020")].value == 121_000_000 and by[("Oppvekst", "Rekneskap 2020")].column_year == 2020
    assert by[("Helse", "Budsjett 2020")].value == 240_000_000
    assert by[("Helse", "Meir-/mindreforbruk")].value == -5_000_000


def test_the_same_page_as_a_web_page(tmp_path):
    txt = {(c.row_label, c.column_label, c.value) for c in _cells(tmp_path, SV)}
    page = "<html><body>" + "".join(f"<p>{line}</p>" for line in SV.splitlines() if line.strip()) + "</body></html>"
    web = {(c.row_label, c.column_label, c.value) for c in read_cells("drift.html", page.encode("utf-8")).cells}
    assert len(txt) == 18 and web == txt


def test_heads_that_do_not_count_as_the_rows_figures_are_left_alone(tmp_path):
    text = """Drift per nämnd
(mnkr) Intäkter Kost-
nader
Netto-
kostnad
Gata och park 12,4 80,1 67,7 70,0
Kultur 1,1 30,5 29,4 28,0
"""
    cells = _cells(tmp_path, text)
    assert cells and not any(c.column_label in ("Kostnader", "Nettokostnad") for c in cells)


def test_head_words_joined_only_across_a_hyphen_before_lower_case():
    assert head_cells(["(mnkr) Intäkter Kost-", "nader", "Avvikelse", "2017"]) == \
        ("(mnkr)", ["Intäkter", "Kostnader", "Avvikelse 2017"])
    assert head_cells(["Regnskap", "Budsjett"]) is None  # nothing broken: the table finder's
    assert head_cells(["Regn-", "skap", "2019 2018"]) is None  # years under several heads: stacked heads
