"""The pure functions behind the source viewer: which file, which page, where the printed figure stands."""
from __future__ import annotations

import hashlib

import pytest

from app.ui import source_page as sp
from tests.conftest import ROOT

SAMPLE_PDF = ROOT / "data" / "sample" / "reports" / "hedmark-ikt-2021.pdf"


@pytest.mark.parametrize("text, values, printed", [
    ("2021 | 10 859 | 9 086 | 8 388 | 7 893 | 36 226", [36226], "36 226"),
    ("2021 | 10 859 | 9 086 | 8 388 | 7 893 | 36 226", [None, 9086.0], "9 086"),
    ("Sykefraværet for hele 2021 endte på 3,36 %, mot 1,84 % i 2020.", [1.84], "1,84"),
    ("Om lag 22.000 aktive brukere", [22000], "22.000"),
    ("VARIT har et positivt resultat på kr 1,4 mill for 2020.", [1_400_000], "1,4"),  # stated in millions
    ("Sum driftsutgifter | 12 345 | 12 000", [-12_345_000], "12 345"),  # thousands, expenses printed positive
    ("Netto | −259 038 | 10", [-259038], "−259 038"),
    # a flattened row prints its columns with the thousands space: the run of groups that is the value
    ("Ordinært rammetilskudd 222 057 951 218 053 000 223 929 318", [223_929_318], "223 929 318"),
    ("15 Sum driftsutgifter 746 318 705 967 690 427", [746_318_000], "746 318"),
    ("22 Netto finansutgifter - 65 136 - 66 832", [-65_136_000], "- 65 136"),  # the minus printed apart
    ("ingen tall her", [5], None),
    (None, [5], None),
    ("2020 | 136 226", [36226], None),  # never part of a longer number
])
def test_printed_figure_is_the_number_as_the_excerpt_writes_it(text, values, printed):
    assert sp.printed_figure(text, values) == printed


def test_figure_pattern_takes_any_space_and_never_a_part_of_a_longer_number():
    pattern = sp.figure_pattern("36 226")
    assert pattern.search("Sum 36\u00a0226 saker")
    assert pattern.search("Sum 36\u202f226")
    assert not pattern.search("136 226")
    assert not pattern.search("36 226,5")
    assert sp.figure_pattern("-4,79").search("lå −4,79 % under")
    assert sp.figure_pattern("- 65 136").search("finansutgifter - 65 136 - 66 832")


def test_marked_html_escapes_the_page_and_marks_the_figure_and_the_line():
    lines = [(1, "<script>alert(1)</script> 4,7 %"), (2, "Totalt 4,7 % og 14,7 %")]
    markup, marks = sp.marked_html(lines, "4,7", 2)
    assert marks == 2 and "<script>" not in markup and "&lt;script&gt;" in markup
    assert markup.count("<mark") == 2 and '<div data-line="2" data-cited="1"' in markup


def test_recorded_file_is_found_only_while_its_bytes_are_the_document(tmp_path):
    report = tmp_path / "inbox" / "rapport.txt"
    report.parent.mkdir()
    report.write_text("Sykefravær 4,7 %\n", encoding="utf-8")
    document_id = hashlib.sha256(report.read_bytes()).hexdigest()
    assert sp.recorded_file(str(report), document_id, []) == (report, sp.FILE_OK)
    assert sp.recorded_file("inbox/rapport.txt", document_id, [tmp_path / "elsewhere", tmp_path]) == (report, sp.FILE_OK)
    report.write_text("Sykefravær 5,7 %\n", encoding="utf-8")  # edited after the refresh
    assert sp.recorded_file(str(report), document_id, []) == (report, sp.FILE_CHANGED)
    report.unlink()
    assert sp.recorded_file(str(report), document_id, []) == (None, sp.FILE_MISSING)
    assert sp.recorded_file(None, document_id, [tmp_path]) == (None, sp.FILE_UNRECORDED)


def test_a_text_page_is_the_readers_page_with_its_line_numbers(tmp_path):
    report = tmp_path / "rapport.txt"
    report.write_text("Forside\nÅrsrapport 2020\n\fSykefravær\nTotalt 4,7 %\n\fSiste side\n", encoding="utf-8")
    page = sp.read_page_text(report, 2)
    assert page.page_count == 3
    assert [(n, text) for n, text in page.lines if text] == [(1, "Sykefravær"), (2, "Totalt 4,7 %")]
    with pytest.raises(ValueError, match="no page 9"):
        sp.read_page_text(report, 9)


def test_a_pdf_page_is_rendered_with_the_figure_boxed():
    text = sp.read_page_text(SAMPLE_PDF, 1)
    assert text.page_count >= 1 and text.lines
    line_number, line = next((n, s) for n, s in text.lines if sp.figure_pattern("36 226").search(s))
    png, marks = sp.render_pdf_page(SAMPLE_PDF, 1, "36 226")
    assert png.startswith(b"\x89PNG") and marks >= 1
    plain, none = sp.render_pdf_page(SAMPLE_PDF, 1, "987 654 321")
    assert none == 0 and plain != png  # the box is drawn into the picture
    assert line_number > 0 and "36 226" in line.replace("\u00a0", " ")
    with pytest.raises(ValueError, match="no page"):
        sp.render_pdf_page(SAMPLE_PDF, 99, None)
