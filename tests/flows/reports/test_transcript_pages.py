"""The page of a figure in a text transcript of a web page follows the convention the gold files are
written to (tests/gold/reports/README.md, "page"): a transcript made of "=== [n] title ===" fragments
puts a figure on page n, whatever page markers the text itself prints ("Side 2", "Sida 3"); form feeds
count pages; a plain transcript without either is page 1 -- its printed "Side n" lines are not page
breaks, and (layout.boilerplate) neither figures nor table rows: before, "Side 2" under a sentence made
the two a table and the sentence's figure was lost. Invented transcripts, bokmål, nynorsk and Swedish.
(A plain transcript with runs of three or more empty lines is split into pages there by the text-export
heuristic of extract.split_text_pages; the gold convention counts it as page 1.)"""
from __future__ import annotations

import pytest

from flows.reports.document import read_cells


def _pages(tmp_path, text: str) -> dict[float, int]:
    """Each prose figure's page; a printed page marker is neither a figure nor a table cell."""
    path = tmp_path / "transcript.txt"
    path.write_text(text, encoding="utf-8")
    report = read_cells(path)
    markers = [(c.row_label, c.value) for c in report.cells if not c.row_label or c.row_label.split()[0].lower() in ("side", "sida", "page", "-")]
    assert not markers
    return {f.value: f.page for f in report.figures}


@pytest.mark.parametrize("marker", ["Side {n}", "Sida {n}", "Side {n} av 3", "- {n} -"])
def test_fragments_number_the_pages_not_the_printed_markers(tmp_path, marker):
    # the printed markers disagree with the fragments on purpose: the fragment number is the page
    text = (f"=== [4] Årsmelding 2031 ===\nÅrsmeldinga for tenesteområdet kultur.\n{marker.format(n=1)}\n"
            f"=== [5] Personale ===\nSjukefråværet var 6,6 % i 2031.\n{marker.format(n=2)}\n"
            f"=== [7] Økonomi ===\nDriftsresultatet var 12,5 millionar kroner i 2031.\n{marker.format(n=3)}\n")
    assert _pages(tmp_path, text) == {6.6: 5, 12_500_000: 7}


def test_a_plain_transcript_with_printed_markers_is_one_page(tmp_path):
    text = ("Årsredovisning 2031\n\nSide 1\n\nSjukfrånvaron var 5,4 procent 2031.\n\nSide 2\n\n"
            "Sykefraværet i 2031 var 4,7 %.\n\nSide 3\n")
    assert _pages(tmp_path, text) == {5.4: 1, 4.7: 1}


def test_form_feeds_count_pages(tmp_path):
    text = "Årsmelding 2031\nSide 1\n\fSykefraværet i 2031 var 4,7 %.\nSide 2\n\fDet var 41,5 årsverk i 2031.\nSide 3\n"
    assert _pages(tmp_path, text) == {4.7: 2, 41.5: 3}


def test_a_fragment_that_is_a_paged_transcript_has_its_printed_pages(tmp_path):
    """One web fragment holding a document-sharing site's transcript, each page a paragraph led by its printed
    number (the title page, an empty page, the contents, then the text): the printed pages, as without fragments."""
    contents = "Innhald " + " ".join(f"KAPITTEL {k} OVERSIKT OVER DRIFT OG INVESTERING" for k in range(1, 9))
    text = ("=== [1] Årsrekneskap 2031 (transkript) ===\n"
            "1 Årsrekneskap 2031 Vedteke i kommunestyret\n\n2\n\n"
            f"3 {contents}\n\n"
            "4 1 REKNESKAPSRESULTAT 2031 Kommunen hadde eit samla investeringsvolum på 312,5 mill. kr i perioden. "
            "Sjukefråværet var 6,6 % i 2031.\n")
    assert _pages(tmp_path, text) == {312_500_000: 4, 6.6: 4}
    # several fragments of ordinary text keep their fragment numbers (the test above)


def test_a_paged_transcripts_page_numbers_are_no_table_row(tmp_path):
    """The title page of a paged transcript prints its page number before and after its words ("1 2031 ÅRSMELDING
    1"): both numbers are the page's marker and footer, not a row of one figure under a year."""
    contents = "INNHALD " + " ".join(f"KAPITTEL {word} OVERSIKT OVER DRIFT OG INVESTERING" for word in "ABCDEFGH")
    text = ("=== [1] Årsmelding (transkript) ===\nÅRSMELDING\n\nTranskript\n\n"
            "1 2031 KOMMUNEN ÅRSMELDING 1\n\n"
            f"2 {contents}\n\n"
            "3 RÅDMANNENS KOMMENTAR I 2031 auka folketalet med 88 personar. Sjukefråværet var 6,6 % i 2031.\n")
    path = tmp_path / "transcript.txt"
    path.write_text(text, encoding="utf-8")
    report = read_cells(path)
    assert [(c.row_label, c.value) for c in report.cells] == []
    assert {f.value: f.page for f in report.figures} == {88: 3, 6.6: 3}
    assert not any(s.text.startswith("3 ") for s in report.sentences)
