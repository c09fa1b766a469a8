"""A document with an owner (an invented county's annual report) printing a table whose rows are other organisations
(its municipalities, each with its sick leave of a quarter and its staff): each row is answerable for the organisation
it names, by the measure its columns print, though the document is the county's; an organisation no row names stays
unanswerable, and a whole-year question never takes the quarter's column."""
from __future__ import annotations

import duckdb
import pytest

from app.engine.families.base import Reading
from app.engine.planner import named_organisations
from flows.reports.document import read_cells
from tests.app.engine.conftest import read_and_run

OWNER = "Vestfylket fylkeskommune"
NAME = "vestfylket_arsmelding_2031.txt"
TEXT = """Vestfylket fylkeskommune
Årsmelding 2031

Sjukefråvær i kommunane i fylket, 3. kvartal 2031

Kommune | Sjukefråvær 3. kv. 2031 (prosent) | Tilsette
Solvik kommune | 7,1 | 410
Seljeby kommune | 6,5 | 380
Gulvåg kommune | 5,2 | 220
Fjordnes kommune | 4,8 | 640

Vestfylket fylkeskommune hadde eit sjukefråvær på 5,9 prosent i 2031.
"""


@pytest.fixture(scope="module")
def organisations():
    return {"vestfylket": (OWNER, "vestfylket fylkeskommune", "vestfylket")}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    path = tmp_path_factory.mktemp("owner-rows") / "w.duckdb"
    c = duckdb.connect(str(path))
    c.execute("""create table fct_report_cell (organisation text, row_organisation text, file_name text, page integer,
        line integer, table_number integer, caption text, row_label text, column_label text, value_year integer,
        scenario text, value double, is_percent boolean, excerpt text, period_start_month integer,
        period_end_month integer)""")
    cells = read_cells(NAME, TEXT.encode("utf-8")).cells
    assert {x.row_organisation for x in cells} >= {"Solvik kommune", "Seljeby kommune"}
    quarter = {"3. kv."}
    c.executemany("insert into fct_report_cell values (" + ", ".join("?" * 16) + ")",
                  [(OWNER, x.row_organisation, NAME, x.page, x.line, x.table_number, x.caption, x.row_label,
                    x.column_label, x.column_year or 2031, x.scenario, x.value, x.is_percent, x.printed,
                    *((7, 9) if any(w in (x.column_label or "") for w in quarter) else (None, None)))
                   for x in cells])
    c.execute("create table fct_report_prose_figure (organisation text, report_year integer, file_name text, "
              "page integer, line integer, value double, unit text, value_year integer, printed text, text text, "
              "figure_id text, topic text)")
    c.execute("create table dim_document (file_name text, organisation text, title text, report_year integer)")
    c.execute("insert into dim_document values (?, ?, null, 2031)", [NAME, OWNER])
    c.close()
    return path


def test_a_row_organisation_is_no_unknown_name(vocab):
    assert named_organisations("Sjukefråvær Seljeby kommune 3. kvartal 2031", vocab) == []
    assert named_organisations("Sjukefråvær Nordvik kommune 3. kvartal 2031", vocab) == ["Nordvik"]


@pytest.mark.parametrize(("question", "column", "value"), [
    ("Sjukefråvær Seljeby kommune 3. kvartal 2031", "Sjukefråvær 3. kv. 2031 (prosent)", 6.5),
    ("Tilsette Gulvåg kommune 2031", "Tilsette", 220),
])
def test_an_organisation_of_the_rows_answers_from_its_row_under_the_column_named(question, column, value, vocab, con):
    found, cols, rows = read_and_run(question, vocab, con, "nn")
    assert isinstance(found, Reading), found
    got = {(r[cols.index("column_label")], r[cols.index("value")]) for r in rows}
    assert got == {(column, value)}, rows


def test_a_whole_year_never_takes_the_quarters_column(vocab, con):
    found, cols, rows = read_and_run("Sjukefråvær Seljeby kommune 2031", vocab, con, "nn")
    assert not rows or all(r[cols.index("value")] != 6.5 for r in rows)


def test_an_organisation_no_row_names_gets_no_row(vocab, con):
    found, cols, rows = read_and_run("Sjukefråvær Nordvik kommune 3. kvartal 2031", vocab, con, "nn")
    assert not rows
