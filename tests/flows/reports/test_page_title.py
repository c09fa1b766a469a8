"""A web page's <title> says what the page is ("Resultatrekneskap – Årsmelding 2031 – Nordvik kommune"): the
organisation is read from it as from a text file's declared title, when the page's text never names it."""
from __future__ import annotations

from flows.reports.document import read_cells
from flows.reports.layout.html import page_title

PAGE = """<!DOCTYPE html><html lang="nn"><head><meta charset="utf-8">
<title>Resultatrekneskap &ndash; Årsmelding 2031 &ndash; Nordvik kommune</title></head><body>
<h2>Resultatrekneskap</h2><p>Rekneskapen for kommunen.</p>
<table><tr><th>Beløp i 1 000 kr</th><th>Rekneskap 2031</th><th>Budsjett 2031</th></tr>
<tr><td>Sum driftsinntekter</td><td>512 300</td><td>498 000</td></tr>
<tr><td>Sum driftsutgifter</td><td>-497 100</td><td>-490 000</td></tr></table></body></html>"""


def test_the_page_title_names_the_organisation(tmp_path):
    assert page_title(PAGE.encode()) == "Resultatrekneskap – Årsmelding 2031 – Nordvik kommune"
    path = tmp_path / "side.html"
    path.write_text(PAGE, encoding="utf-8")
    report = read_cells(path)
    assert report.organisation == "Nordvik kommune"
    assert report.report_year == 2031
    assert ("title", "Resultatrekneskap – Årsmelding 2031 – Nordvik kommune") in report.metadata


def test_a_page_without_a_title_declares_nothing(tmp_path):
    path = tmp_path / "side.html"
    path.write_text(PAGE.replace("<title>Resultatrekneskap &ndash; Årsmelding 2031 &ndash; Nordvik kommune</title>", ""),
                    encoding="utf-8")
    assert page_title(path.read_bytes()) is None
    assert read_cells(path).metadata == []


def test_a_text_naming_no_body_takes_the_place_its_file_is_named_by():
    """A page of tables cut from a web edition names no body; its file "<place>_<report kind>_<year>" names the place (its
    kind unknown: the warehouse joins it to the "<place> kommune" another document names). A file named otherwise
    gives nothing."""
    from flows.reports.organisation import read_organisation

    lines = ["Rammeområda", "Tabellen viser rekneskap mot budsjett."]
    assert read_organisation(lines, "nordvik_arsmelding_2031.txt").name == "Nordvik"
    assert read_organisation(lines, "sykefravaer_2031.txt").name is None, "a subject and a year: no place"
    assert read_organisation(lines, "notat.txt").name is None
    assert read_organisation(lines, "tabellar_v2.txt").name is None
    assert read_organisation(lines, "arsmelding_2031.txt").name is None
    assert read_organisation(["Nordvik kommune – årsmelding 2031", *lines], "sorvik_arsmelding_2031.txt").name \
        == "Nordvik kommune", "a body the text names wins over the file name"
