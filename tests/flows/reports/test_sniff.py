"""Web pages saved as text are read as the web pages they are: HTML under a .txt name, and the JSON a
site's REST API returns with the page's HTML inside its strings (also when the file is cut off)."""
from __future__ import annotations

import json
from pathlib import Path

from flows.reports.document import read_cells
from flows.reports.layout.sniff import html_of

TABLE = ("<table><tbody><tr><td>Område</td><td></td><td>Rekneskap 2015</td><td>Budsjett 2016</td></tr>"
         "<tr><td><strong>Kai</strong></td><td>Utgifter</td><td>1 957</td><td>2 429</td></tr>"
         "<tr><td></td><td>Inntekter</td><td>-1 958</td><td>-2 187</td></tr>"
         "<tr><td>Sum</td><td>-1</td><td>242</td><td></td></tr></tbody></table>")


def _api_page(body: str) -> str:
    return json.dumps({"id": 22, "slug": "drift", "title": {"rendered": "Økonomiplan &#8211; Drift"},
                       "content": {"rendered": body, "protected": False},
                       "excerpt": {"rendered": "<p>Område Rekneskap 2015 Budsjett 2016 [&hellip;]</p>"}}, ensure_ascii=True)


def _read(tmp_path: Path, text: str, name: str = "plan.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_cells(path)


def _cells(report) -> set[tuple[str, str, float]]:
    return {(c.row_label, c.column_label, c.value / c.scale) for c in report.cells}


def test_rest_api_json_is_read_as_its_html(tmp_path):
    report = _read(tmp_path, _api_page(TABLE))
    assert report.layout.file_type == "html"
    assert report.layout.tables[0].caption == "Økonomiplan – Drift", "the title string is the heading, entities decoded"
    assert {("Kai Utgifter", "Rekneskap 2015", 1957), ("Kai Inntekter", "Budsjett 2016", -2187)} <= _cells(report)
    assert len([c for c in report.cells if c.row_label.startswith("Kai")]) == 4, "the excerpt repeats nothing"


def test_a_cut_off_api_answer_still_gives_its_rows(tmp_path):
    text = _api_page(TABLE)
    cut = text[:text.index("-2 187") + 3]  # ends inside the content string
    report = _read(tmp_path, cut)
    assert ("Kai Utgifter", "Budsjett 2016", 2429) in _cells(report)
    assert ("Kai Inntekter", "Rekneskap 2015", -1958) in _cells(report)


def test_html_saved_as_text_is_html(tmp_path):
    report = _read(tmp_path, f"<!DOCTYPE html><html><body><h2>Drift</h2>{TABLE}</body></html>")
    assert report.layout.file_type == "html" and ("Kai Inntekter", "Budsjett 2016", -2187) in _cells(report)


def test_no_group_label_when_the_second_cell_is_a_figure(tmp_path):
    report = _read(tmp_path, f"<html><body>{TABLE}</body></html>", name="plan.html")
    assert any(c.row_label == "Sum" for c in report.cells)
    assert not any(c.row_label.startswith("Kai Sum") for c in report.cells)


def test_other_text_and_json_are_not_web_pages():
    assert html_of(b"Regnskap 2021  Budsjett 2021\nSkatt 1 234 1 300\n") is None
    assert html_of(json.dumps({"tickets": [{"id": 1, "title": "Printer <b>"}]}).encode()) is None
    assert html_of(b'{"rows": [["Skatt", 1234]]}') is None


def test_an_html_fragment_saved_as_text_is_html_but_not_in_markdown(tmp_path):
    report = _read(tmp_path, f"{TABLE}\n<p>Tal i heile 1000 kr</p>")
    assert report.layout.file_type == "html" and ("Kai Utgifter", "Rekneskap 2015", 1957) in _cells(report)
    assert html_of(b"<div align=center>Logo</div>\n| a | b |", fragment=False) is None
