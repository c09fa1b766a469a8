"""A web page's <caption> is its table's title and scale; a scale word after a figure in a sentence is no declaration."""

from flows.reports.layout import read_layout
from flows.reports.parse import parse_document

PAGE = """<html><body>
<h1>Årsrapport 2031 Nordvik kommune</h1>
<p>Tjenesteområdene fikk et merforbruk på 4,2 mill. kroner.</p>
<h2>Resultater for tjenesteområdene</h2>
<table>
<caption>Resultater - tall i 1 000 kroner</caption>
<tr><th>Tjenesteområde</th><th>Regnskap 2031</th><th>Regulert budsjett 2031</th><th>Avvik 2031</th></tr>
<tr><td>Oppvekst</td><td>512 300</td><td>510 100</td><td>-2 200</td></tr>
<tr><td>Helse og omsorg</td><td>402 000</td><td>400 000</td><td>-2 000</td></tr>
<tr><td>Sum</td><td>914 300</td><td>910 100</td><td>-4 200</td></tr>
</table>
</body></html>
"""


def _write(tmp_path):
    path = tmp_path / "nordvik_arsrapport_2031.html"
    path.write_text(PAGE, encoding="utf-8")
    return path


def test_a_caption_inside_the_table_is_its_title_and_declares_its_scale(tmp_path):
    tables = read_layout(_write(tmp_path)).tables
    assert tables[0].caption == "Resultater - tall i 1 000 kroner"
    assert tables[0].scale_source == "caption"


def test_account_lines_take_the_captions_thousands_not_the_millions_of_a_sentence_above(tmp_path):
    report = parse_document(_write(tmp_path))
    amounts = {(a.row_label, a.scenario): a.amount_nok for a in report.accounts}
    assert amounts[("Oppvekst", "regnskap")] == 512_300_000
    assert amounts[("Helse og omsorg", "revidert_budsjett")] == 400_000_000
    assert all("1 000" in a.scale_method for a in report.accounts)


def test_a_scale_word_after_a_figure_is_that_amounts_unit():
    from flows.reports.accounts import _an_amounts_unit

    assert _an_amounts_unit("et merforbruk på 8,9 mill. kroner.", "mill. kroner")
    assert _an_amounts_unit("utgjør 12 mill. kr", "mill. kr")
    assert not _an_amounts_unit("Regnskap 2031 mill. kr", "mill. kr")  # a year before it: a head
    assert not _an_amounts_unit("Beløp i mill. kr", "mill. kr")
