"""A ranking over a table whose figures carry footnote markers: the cells the reader reads from a one-value-per-line
table ("38*", "*") are ranked for the year asked, the total row left out. The warehouse holds the cells
`read_cells` reads from an invented Swedish report text."""
from __future__ import annotations

import duckdb
import pytest

from app.engine.families.base import Reading
from flows.reports.document import read_cells
from tests.app.engine.conftest import read_and_run

ORG = "Eksempelby kommun"
NAME = "eksempelby_kommun_arsredovisning_2019.txt"
TEXT = "\n\n".join([
    "Eksempelby kommun Årsredovisning 2019", "Räddningstjänstens insatser", "Typ av insats", "2019", "2018", "2017",
    "Brand i byggnad", "50", "53", "62", "Brand utomhus", " 38*", "95*", "65*", "Skogsbrand", "28*", "*", "*",
    "Trafikolycka", "72", "84", "91*", "Totalt antal insatser", "188", "232", "218", "* Uppgiften är preliminär.",
    "Kommunen fortsätter arbetet med förebyggande insatser."]) + "\n"


@pytest.fixture(scope="module")
def organisations():
    return {"eksempelby": (ORG, "eksempelby kommun", "eksempelby")}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    cells = read_cells(NAME, TEXT.encode("utf-8")).cells
    path = tmp_path_factory.mktemp("ranking-marks") / "w.duckdb"
    c = duckdb.connect(str(path))
    c.execute("""create table fct_report_cell (organisation text, file_name text, page integer, line integer,
        table_number integer, caption text, row_label text, column_label text, value_year integer, scenario text,
        value double, excerpt text)""")
    c.executemany("insert into fct_report_cell values (" + ", ".join("?" * 12) + ")",
                  [(ORG, NAME, x.page, x.line, x.table_number, x.caption, x.row_label, x.column_label, x.column_year,
                    x.scenario, x.value, x.printed) for x in cells])
    c.execute("create table fct_report_prose_figure (organisation text, report_year integer, file_name text, "
              "page integer, line integer, value double, unit text, value_year integer, printed text, text text, "
              "figure_id text, topic text)")
    c.execute("create table dim_document (file_name text, organisation text, title text, report_year integer)")
    c.execute("insert into dim_document values (?, ?, null, 2019)", [NAME, ORG])
    c.close()
    return path


@pytest.mark.parametrize(("question", "lang"), [
    ("Which type of insats was most frequent in 2018 at Eksempelby kommun?", "en"),
    ("Which type was most frequent in 2018 at Eksempelby kommun?", "en"),
    ("Hvilken type var vanligst i 2018 i Eksempelby kommun?", "nb"),
    ("Kva type var hyppigast i 2018 i Eksempelby kommun?", "nn"),
])
def test_rows_ranked_for_the_year_asked_without_the_total(question, lang, vocab, con):
    found, cols, rows = read_and_run(question, vocab, con, lang)
    assert isinstance(found, Reading), found
    assert found.family == "cell_ranking", found.family
    got = [(r[cols.index("row_label")], r[cols.index("value")]) for r in rows]
    # the 2018 column in order; the total row left out, the row whose 2018 cell prints only "*" has no figure
    assert got[:3] == [("Brand utomhus", 95.0), ("Trafikolycka", 84.0), ("Brand i byggnad", 53.0)]
    assert len(got) == 3

