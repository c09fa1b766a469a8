"""Parts of a year (quarters, tertials, halves, months, the year to a date) read from table rows, column heads and
sentences, with their year, in bokmål, nynorsk, Swedish and English; the period reaches the classified figures and a
whole year's figure keeps none (invented texts)."""
from __future__ import annotations

import pytest

from flows.reports.document import read_cells
from flows.reports.layout.periods import dated_period, period_parts, sentence_periods
from flows.reports.parse import parse_document


@pytest.mark.parametrize("text, expected", [
    ("1. kvartal 2030", (2030, "Q1")), ("K1 2030", (2030, "Q1")), ("2030K1", (2030, "Q1")), ("2030-Q3", (2030, "Q3")),
    ("Q1-30", (2030, "Q1")), ("Q3 2030", (2030, "Q3")), ("2. tertial", (None, "T2")), ("1. halvår 2031", (2031, "H1")),
    ("per 31.08", (None, "M01-M08")), ("pr. 30.6.2031", (2031, "H1")), ("t.o.m. august", (None, "M01-M08")),
    ("per 01.12.2031", None), ("per 30.11.2031", None),
    ("mars 2031", (2031, "M03")), ("jan–apr 2031", (2031, "T1")), ("första kvartalet 2031", (2031, "Q1")),
    ("andra tertialet", (None, "T2")), ("the third quarter of 2031", (2031, "Q3")), ("second half 2031", (2031, "H2")),
    ("fyrste kvartal 2031", (2031, "Q1")),
    # no part of a year: a whole year, a year-end date, words, several different parts
    ("per 31.12.2031", None), ("2031", None), ("Regnskap 2031", None), ("Kvinner", None), ("Januar", None),
    ("1. kvartal og 2. kvartal", None), ("4. tertial", None),
])
def test_a_dated_period(text, expected):
    assert dated_period(text) == expected


@pytest.mark.parametrize("code, parts", [
    ("Q2", ("quarter", 2, 4, 6)), ("T3", ("tertial", 3, 9, 12)), ("H1", ("half", 1, 1, 6)), ("M11", ("month", 11, 11, 11)),
    ("M01-M08", ("months", 8, 1, 8)), (None, None), ("X9", None),
])
def test_what_a_period_code_covers(code, parts):
    assert period_parts(code) == parts


def test_the_periods_a_sentence_names_with_their_own_years():
    found = sentence_periods("Fråværet var 6,1 prosent i 1. kvartal 2031, mot 5,2 prosent i Q1 2030.")
    assert [(year, code) for _, _, year, code in found] == [(2031, "Q1"), (2030, "Q1")]


def _cells(text: str) -> dict[tuple[str, str], tuple]:
    return {(c.row_label, c.column_label): (c.value, c.column_year, c.column_period, c.row_code)
            for c in read_cells("side.txt", text.encode("utf-8")).cells}


def test_rows_that_are_quarters_keep_their_label_and_give_each_cell_its_period_bokmal():
    cells = _cells("Sykefravær per kvartal (prosent)\nPeriode   Legemeldt   Egenmeldt   Totalt\n"
                   "1. kvartal 2030   5,1   1,0   6,1\n2. kvartal 2030   4,8   0,6   5,4\nK1 2031   5,5   1,1   6,6\n"
                   "Q2-31   5,0   1,0   6,0\n")
    assert cells[("1. kvartal 2030", "Totalt")] == (6.1, 2030, "Q1", None)  # "1." is no line code
    assert cells[("2. kvartal 2030", "Legemeldt")] == (4.8, 2030, "Q2", None)
    assert cells[("K1 2031", "Egenmeldt")] == (1.1, 2031, "Q1", None)  # "K1 2031" is no figures
    assert cells[("Q2-31", "Totalt")] == (6.0, 2031, "Q2", None)
    assert len(cells) == 12


def test_rows_of_quarters_under_year_columns_nynorsk():
    cells = _cells("Sjukefråvær i prosent\nKvartal   2030   2031\n1. kvartal   6,1   7,0\n2. kvartal   5,2   5,9\n")
    assert cells[("1. kvartal", "2031")][:3] == (7.0, 2031, "Q1")
    assert cells[("2. kvartal", "2030")][:3] == (5.2, 2030, "Q2")


def test_column_heads_with_their_own_years_swedish():
    cells = _cells("Sjukfrånvaro per förvaltning\nFörvaltning   K4 2030   K1 2031\nSkola   6,1   7,2\nOmsorg   8,0   8,4\n")
    assert cells[("Skola", "K1 2031")][:3] == (7.2, 2031, "Q1")
    assert cells[("Omsorg", "K4 2030")][:3] == (8.0, 2030, "Q4")


@pytest.fixture
def _report(tmp_path):
    def read(text: str):
        path = tmp_path / "nordvik_kvartal_2031.txt"
        path.write_text(text, encoding="utf-8")
        return parse_document(path)
    return read


def test_quarter_rows_become_quarter_facts_without_a_subject_and_the_year_figure_stays_a_year(_report):
    report = _report("Nordvik kommune\nKvartalsrapport 2031\n\nSykefravær per kvartal\n"
                     "Periode   Legemeldt   Totalt\n1. kvartal 2030   5,1   6,1\n2. kvartal 2030   4,8   5,4\n"
                     "1. kvartal 2031   5,9   7,1\n\nSykefraværet i 2030 var samlet 5,7 prosent.\n")
    facts = {(f.metric, f.value_year, f.period): (f.value, f.subject, f.quarter) for f in report.facts}
    assert facts[("sick_leave_pct", 2031, "Q1")] == (7.1, None, 1)
    assert facts[("sick_leave_doctor_certified_pct", 2030, "Q2")] == (4.8, None, 2)
    assert facts[("sick_leave_pct", 2030, None)] == (5.7, None, None)


@pytest.mark.parametrize("text, expected", [
    ("Nordvik kommune\nKvartalsrapport 2031\n\nI 2. kvartal var det legemeldte sykefraværet på 7,9 prosent.\n",
     (7.9, 2031, "Q2")),
    ("Sorvik council\nQuarterly report 2031\n\nIn the third quarter of 2030 certified sick leave was 6.2%.\n",
     (6.2, 2030, "Q3")),
    ("Nordfjell fylkeskommune\nRapport 2031\n\n2. tertial 2031\n\nSjukefråværet var 6,8 prosent.\n", (6.8, 2031, "T2")),
    ("Nordvik kommune\nRapport 2031\n\nSykefraværet per 31.08 var 5,6 prosent.\n", (5.6, 2031, "M01-M08")),
    ("Nordvik kommune\nÅrsmelding 2031\n\nSykefraværet i 2031 var 6,4 prosent.\n", (6.4, 2031, None)),
])
def test_a_sentence_or_its_heading_dates_its_figure_by_a_part_of_the_year(text, expected, _report):
    report = _report(text)
    figures = [(f.value, f.year, f.period) for f in report.figures if f.unit == "pct"]
    assert figures == [expected]


def test_each_figure_of_a_sentence_takes_its_own_period(_report):
    report = _report("Nordvik kommune\nKvartalsrapport 2031\n\n"
                     "Sykefraværet var 6,1 prosent i 1. kvartal 2031, mot 5,2 prosent i 1. kvartal 2030 og "
                     "5,8 prosent i hele 2030.\n")
    figures = sorted((f.value, f.year, f.period) for f in report.figures if f.unit == "pct")
    assert figures == [(5.2, 2030, "Q1"), (5.8, 2030, None), (6.1, 2031, "Q1")]


def test_columns_of_tertials_give_each_row_its_figure_per_tertial(_report):
    report = _report("Nordfjell fylkeskommune\nTertialrapport 2031\n\nSjukefråvær per tertial\n\n"
                     "Sektor   1. tertial   2. tertial\nSkule   6,9 %   6,4 %\nTannhelse   5,0 %   4,1 %\n")
    facts = {(f.subject, f.period): (f.metric, f.value, f.value_year, f.quarter) for f in report.facts}
    assert facts[("Skule", "T2")] == ("sick_leave_pct", 6.4, 2031, None)
    assert facts[("Tannhelse", "T1")] == ("sick_leave_pct", 5.0, 2031, None)
    assert len(facts) == 4


def test_a_date_line_or_a_stock_date_dates_no_figure_by_a_part_of_the_year(_report):
    report = _report("Nordvik kommune\nÅrsrapport 2030\n\nOslo, februar 2031\n\n"
                     "Utførte årsverk i 2030 (inkluderer 2,9 årsverk til andre): 144,1\n\n"
                     "Tal på tilsette per 01.12.2030 var 652.\n")
    assert all(f.period is None for f in report.figures), [(f.value, f.period) for f in report.figures]
    assert {f.year for f in report.figures if f.value == 144.1} == {2030}


def test_a_short_news_page_about_one_quarter_dates_its_figures_by_that_quarter(_report):
    report = _report("=== [1] Fråværet i Nordvik kommune (lokalavisa) ===\n"
                     "Statistikkbyrået la nyleg fram sjukefråværet i tredje kvartal 2031.\n\n"
                     "I heile landet var fråværet på 5,4 prosent.\n\n"
                     "Fråværsprosenten i Nordvik kommune var på 6,2 prosent, og kommunen er nummer 212 på lista.\n\n"
                     "Nabokommunen hadde eit fråvær på 7,0 prosent i 2030.\n")
    figures = {f.value: (f.year, f.period) for f in report.figures}
    assert figures[5.4] == (2031, "Q3") and figures[6.2] == (2031, "Q3") and figures[212] == (2031, "Q3")
    assert figures[7.0] == (2030, None)  # a sentence naming a year of its own keeps it
    assert report.organisation == "Nordvik kommune"  # not "Fråværet i Nordvik kommune"


def test_a_page_that_speaks_of_the_whole_year_too_keeps_its_other_figures_whole(_report):
    report = _report("=== [1] Sjukefråvær (lokalavisa) ===\n"
                     "I fjerde kvartal 2031 var sjukefråværet 7,4 prosent.\n\n"
                     "For heile året enda fråværet på 6,8 prosent.\n\n"
                     "Kommunen har 410 tilsette.\n")
    figures = {f.value: f.period for f in report.figures}
    assert figures[7.4] == "Q4"
    assert figures[6.8] is None and figures[410] is None


def test_the_whole_year_beside_a_quarter_in_one_sentence_is_the_figure_of_its_own_clause(_report):
    report = _report("=== [1] Høyt fravær (lokalavisa, 27.08.2031) ===\n"
                     "I første kvartal i fjor hadde sykehjemmet et sykefravær på 9,5 prosent, og for hele året havnet "
                     "man på 11,7 prosent.\n\n"
                     "I år har sykefraværet gått opp igjen. Rapporten etter første kvartal viste et sykefravær på "
                     "15,1 prosent, mens man kom ned i 13,2 prosent i andre kvartal.\n")
    figures = {f.value: (f.year, f.period) for f in report.figures if f.unit == "pct"}
    assert figures[9.5] == (2030, "Q1")
    assert figures[11.7] == (2030, None)  # "for hele året": last year's whole year, not its first quarter
    # "I år" ends what "i fjor" said of the paragraph before: this year's quarters, each figure its own
    assert figures[15.1] == (2031, "Q1") and figures[13.2] == (2031, "Q2")
