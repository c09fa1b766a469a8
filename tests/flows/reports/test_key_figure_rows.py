"""Key-figure tables whose rows name their own scale or unit ("Driftsinntekter i milliarder kroner | 1,317",
"Netto finansutgifter i millioner kroner | 57,6", "... i % av driftsinntektene"), with a comment column beside the
figures ("Kommentar": sentences about the row, never a figure of it), in every format; and a budget document's key
figures printed without a year: the plan's budget for its first year (invented documents)."""
from __future__ import annotations

import io

import pytest

from flows.reports.document import read_cells

HEAD = ["Nøkkeltall", "2031", "Kommentar"]
ROWS = [
    ["Driftsinntekter i milliarder kroner", "1,317", "Økning fra 1,250 i 2030"],
    ["Netto finansutgifter i millioner kroner", "57,6", "Det er 45,9 mill. lavere enn i 2030"],
    ["Netto driftsresultat i % av driftsinntektene", "−1,2", "Måltallet er minst 1,75 prosent"],
    ["Netto lånegjeld i % av driftsinntektene", "98,0", "Måltallet er maks 75 prosent"],
    ["Innbyggertall ved utgangen av 2031", "11 795", ""],
]
EXPECTED = {"Driftsinntekter i milliarder kroner": 1_317_000_000, "Netto finansutgifter i millioner kroner": 57_600_000,
            "Netto driftsresultat i % av driftsinntektene": -1.2, "Netto lånegjeld i % av driftsinntektene": 98.0,
            "Innbyggertall ved utgangen av 2031": 11_795}


def _text(title: str, head: list[str], rows: list[list[str]]) -> bytes:
    widths = [max(len(r[i]) for r in [head, *rows]) + 4 for i in range(len(head))]
    lines = [title, "", "Nøkkeltall", ""]
    lines += ["".join(c.ljust(widths[i]) for i, c in enumerate(r)).rstrip() for r in [head, *rows]]
    return ("\n".join(lines + ["", "Kommunen hadde et godt år.", ""])).encode("utf-8")


def _markdown(title: str, head: list[str], rows: list[list[str]]) -> bytes:
    lines = [f"# {title}", "", "## Nøkkeltall", "", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return ("\n".join(lines + ["", "Kommunen hadde et godt år.", ""])).encode("utf-8")


def _docx(title: str, head: list[str], rows: list[list[str]]) -> bytes:
    import docx

    d = docx.Document()
    d.add_heading(title, 1)
    d.add_heading("Nøkkeltall", 2)
    table = d.add_table(rows=0, cols=len(head))
    for r in [head, *rows]:
        cells = table.add_row().cells
        for i, c in enumerate(r):
            cells[i].text = c
    d.add_paragraph("Kommunen hadde et godt år.")
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


FORMATS = {"txt": _text, "md": _markdown, "docx": _docx}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_each_row_scaled_by_its_own_label_and_comments_are_no_figures(fmt):
    data = FORMATS[fmt]("Årsmelding 2031 Eksempelvik kommune", HEAD, ROWS)
    cells = read_cells(f"eksempelvik_arsmelding_2031.{fmt}", data).cells
    got = {c.row_label: c.value for c in cells}
    assert got == pytest.approx(EXPECTED)
    assert {c.column_year for c in cells} == {2031}
    assert all(c.column_label != "Kommentar" for c in cells)
    # the comments' figures ("1,75", "75", "45,9", "1,250") are of no row
    assert not any(c.printed in ("1,75", "75", "45,9", "1,250", "2031") for c in cells)


def test_a_comment_column_keeps_its_sentences_as_running_text():
    rep = read_cells("eksempelvik_arsmelding_2031.txt", _text("Årsmelding 2031 Eksempelvik kommune", HEAD, ROWS))
    assert any("Måltallet er maks 75 prosent" in s.text for s in rep.sentences)


def test_a_caption_naming_a_scale_is_no_row_of_one_figure():
    text = ("Årsmelding 2031\n\nBeløp i millioner kroner\n\n"
            "Tjeneste          2031     2030\nSkole             41,2     40,1\nHelse             88,0     85,5\n")
    cells = read_cells("eksempelvik_arsmelding_2031.txt", text.encode("utf-8")).cells
    assert {c.row_label for c in cells} == {"Skole", "Helse"}
    assert {c.value for c in cells if c.row_label == "Skole"} == {41_200_000, 40_100_000}


PLAN_ROWS = [["Driftsinntekter i millioner kroner", "845,2", "Skatt og rammetilskudd øker"],
             ["Netto finansutgifter i millioner kroner", "31,4", "Det er 4,1 mill. mer enn i 2030"]]


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_a_budget_documents_key_figures_without_a_year_are_the_plans_first_year(fmt):
    data = FORMATS[fmt]("Budsjett 2031 og økonomiplan 2031–2034 Eksempelvik kommune", ["Nøkkeltall", "", "Kommentar"],
                        PLAN_ROWS)
    cells = read_cells(f"eksempelvik_budsjett_2031.{fmt}", data).cells
    got = {(c.row_label, c.column_year, c.scenario): c.value for c in cells}
    assert got == pytest.approx({("Driftsinntekter i millioner kroner", 2031, "budget"): 845_200_000,
                                 ("Netto finansutgifter i millioner kroner", 2031, "budget"): 31_400_000})


def test_an_annual_reports_key_figures_without_a_year_stay_undated():
    data = _markdown("Årsmelding 2031 Eksempelvik kommune", ["Nøkkeltall", "", "Kommentar"], PLAN_ROWS)
    cells = read_cells("eksempelvik_arsmelding_2031.md", data).cells
    assert cells and all(c.scenario != "budget" for c in cells)
