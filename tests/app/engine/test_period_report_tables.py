"""A period report's table ("Regnskap jan-aug", "Budsjett jan-aug", "Avvik" = the actual less the budget, costs printed
as positive figures): "per august" is the year to the end of August, no month of its own and no ratio, and the largest
overspend is the largest deviation above zero, as the table's own arithmetic says. Invented report text."""
from __future__ import annotations

import duckdb
import pytest

from app.engine.families.base import Question, Reading
from app.engine.families.cell_lookup import ratio_not_in
from app.engine.periods import find_period
from flows.reports.document import read_cells
from tests.app.engine.conftest import read_and_run

ORG = "Eksempelvik kommune"
NAME = "eksempelvik_perioderapport_2031.txt"
TEXT = """Eksempelvik kommune Perioderapport per 31. august 2031

Stab og fellesområder (1000 kr)   Regnskap
jan-aug
Budsjett
jan-aug
Avvik Årsbudsjett
Innkjøp 4120 4300 -180 8600
Felles IKT 9010 8800 210 17600
Kantine 2500 2100 400 3300
Sum stab og fellesområder    15630 15200 430 29500

Kommunen fortsetter arbeidet.
"""


@pytest.fixture(scope="module")
def organisations():
    return {"eksempelvik": (ORG, "eksempelvik kommune", "eksempelvik")}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    cells = read_cells(NAME, TEXT.encode("utf-8")).cells
    path = tmp_path_factory.mktemp("period-report") / "w.duckdb"
    c = duckdb.connect(str(path))
    c.execute("""create table fct_report_cell (organisation text, file_name text, page integer, line integer,
        table_number integer, caption text, row_label text, column_label text, value_year integer, scenario text,
        value double, is_percent boolean, excerpt text, period_start_month integer, period_end_month integer)""")

    def months(period):  # "M01-M08" -> (1, 8), as the marts set them
        return (int(period[1:3]), int(period[-2:])) if period and period.startswith("M") else (None, None)

    c.executemany("insert into fct_report_cell values (" + ", ".join("?" * 15) + ")",
                  [(ORG, NAME, x.page, x.line, x.table_number, x.caption, x.row_label, x.column_label,
                    x.column_year or 2031, x.scenario, x.value, x.is_percent, x.printed, *months(x.column_period))
                   for x in cells])
    c.execute("create table fct_report_prose_figure (organisation text, report_year integer, file_name text, "
              "page integer, line integer, value double, unit text, value_year integer, printed text, text text, "
              "figure_id text, topic text)")
    c.execute("create table dim_document (file_name text, organisation text, title text, report_year integer)")
    c.execute("insert into dim_document values (?, ?, null, 2031)", [NAME, ORG])
    c.close()
    return path


def test_per_a_month_is_the_year_to_that_month_and_no_ratio():
    assert find_period("felles ikt per august 2031").month_spans() == [(1, 8)]
    assert find_period("sykefravær august 2031").month_spans() == [(8, 8)]  # a month named alone stays that month
    assert ratio_not_in(Question.parse("Felles IKT per august 2031", "nb"), ["Felles IKT"]) is None
    assert ratio_not_in(Question.parse("Felles IKT per innbygger 2031", "nb"), ["Felles IKT"]) == "per innbygger"


def test_the_largest_overspend_of_a_table_printing_the_actual_less_the_budget_is_its_largest_positive_deviation(
        vocab, con):
    question = "Hvilket område i Eksempelvik hadde størst merforbruk per august 2031?"
    found, cols, rows = read_and_run(question, vocab, con, "nb")
    assert isinstance(found, Reading), found
    got = [(r[cols.index("row_label")], r[cols.index("value")]) for r in rows]
    assert got[0] == ("Kantine", 400_000)
    assert got[-1] == ("Innkjøp", -180_000)
    assert "positivt avvik er merforbruk" in found.sentence(cols, rows, "nb")


def test_the_whole_year_asked_never_takes_a_part_of_the_years_column(vocab, con):
    from app.engine.families import cell_lookup

    found = cell_lookup.read(Question.parse("Regnskap for hele 2031 for Felles IKT i Eksempelvik", "nb"), vocab)
    if isinstance(found, Reading):
        rows = con.execute(found.sql).fetchall()
        cols = [d[0] for d in con.execute(found.sql).description]
        assert all("jan-aug" not in (r[cols.index("column_label")] or "") for r in rows)
    found = cell_lookup.read(Question.parse("Regnskap per august 2031 for Felles IKT i Eksempelvik", "nb"), vocab)
    rows = con.execute(found.sql).fetchall()
    cols = [d[0] for d in con.execute(found.sql).description]
    assert 9_010_000 in [r[cols.index("value")] for r in rows]
