"""Prose figures dated by the document's own year and kept to the part they are of (invented texts): a file named for
the annual accounts of its year dates "i fjor" to that year; "fra <name> var på" states a figure, no base of
comparison; sick leave under a label line naming a part is that part's, not the organisation's."""
from __future__ import annotations

import pytest

from flows.reports.figure_years import written_after_file
from flows.reports.prose import ProseLine, Sentence, attach_stream, prose_figures, read_prose, sentences
from flows.reports.stream import Context, Line

DIVIDEND = ("Men kommunen fikk inn 19,1 millioner kroner i eiendomsskatt og utbytte/renter fra Nordby Energi AS var på "
            "15,2 millioner kroner i fjor.")


def _years(text: str, file_name: str | None, year: int = 2031) -> dict[float, int]:
    found = [Sentence(text=text, page=1, line=1, section=None, quarter=None)]
    return {f.value: f.year for f in prose_figures(found, year, (), file_name)}


@pytest.mark.parametrize(("file_name", "written"), [
    ("nordby_kommune_arsregnskap_2031.txt", 2032),
    ("Årsmelding-2031.pdf", 2032),
    ("nordby_regnskap_2031.docx", 2032),
    ("nordby_budsjett_2031.pdf", None),  # a budget is written before its year
    ("nordby_tertialrapport_2031.txt", None),  # a part of a year is written during it
    ("nordby_2031.txt", None),  # a year alone says nothing of when the text was written
    ("arsmelding_2030_2031.txt", None),  # two years: which one is unknown
])
def test_a_file_named_for_the_accounts_of_its_year_is_written_after_it(file_name, written):
    assert written_after_file(file_name, 2031) == written


def test_last_year_in_a_text_filed_as_the_accounts_of_its_year_is_that_year():
    assert _years(DIVIDEND, "nordby_kommune_arsregnskap_2031.txt") == {19.1e6: 2031, 15.2e6: 2031}
    assert _years(DIVIDEND, "nordby_kommune_2031.txt")[15.2e6] == 2030  # writing year unknown: the year before


@pytest.mark.parametrize("text", [
    "Sykefraværet var 6,1 % i 2031, mot 6,5 % i fjor.",
    "Sykefraværet var 6,1 %, opp fra 5,8 % i fjor.",
])
def test_a_figure_compared_with_last_year_stays_the_year_before(text):
    years = _years(text, "nordby_kommune_arsmelding_2031.txt")
    assert sorted(years.values()) == [2030, 2031]


def _facts(*texts: str) -> list[tuple[str, float, int, str | None, str | None]]:
    lines = [Line(index=k, page=1, number=k + 1, raw=t) for k, t in enumerate(texts)]
    ctx = Context(document_id="d", file_name="f.txt", report_year=2031, lines=lines)
    read_prose(ctx, attach_stream(sentences([ProseLine(1, k + 1, t) for k, t in enumerate(texts)]), lines),
               attached=True)
    return [(f.metric, f.value, f.value_year, f.unit_name, f.subject) for f in ctx.facts]


def test_sick_leave_under_a_label_naming_a_part_is_the_parts():
    facts = _facts("Nr. 1: Legetjenesten", "Begrunnelse: Fraværet de siste årene viser; 2030: 2,9 %. 2031: 2,5 %.")
    assert facts and all(f[0] == "sick_leave_pct" and f[4] == "Legetjenesten" for f in facts)
    facts = _facts("Teknisk etat", "Fraværet var 4,2 % i 2031.")
    assert facts and all(f[4] == "Teknisk etat" for f in facts)


def test_sick_leave_under_a_title_naming_no_part_is_the_organisations():
    assert [f[4] for f in _facts("Nærvær og fravær", "Fraværet var 4,2 % i 2031.")] == [None]
    # a sentence saying it is the whole organisation's is, whatever the label above
    assert [f[4] for f in _facts("Legetjenesten", "Fraværet for hele kommunen var 4,2 % i 2031.")] == [None]
