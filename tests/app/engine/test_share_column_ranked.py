"""A table of one year's shares per member ("Kommune | Andel av søknader om tiltak i sjø 2031") under a heading that
names nothing of it: "which municipalities had the highest share of the applications … at <short form>" ranks its
rows by the column the question names (a head printed with its year is named by its words), for the organisation its
short form names; the share column is a level (share_pct), never a deviation from a budget."""
from __future__ import annotations

import duckdb
import pytest

from app.engine.families.base import Reading
from flows.reports.document import read_cells
from flows.reports.layout.headers import columns_from_text
from tests.app.engine.conftest import read_and_run

OWNER = "Eksempel Havnevesen"
NAME = "eksempel_havnevesen_arsmelding_2031.txt"
TEXT = """Eksempel Havnevesen Årsmelding 2031

3. Forvaltning

Kommune   Andel av søknader 2031
Nordvika   16 %
Sørlia   9 %
Austbygd   3 %
Vesthamn   11 %
"""


COLUMN = "Andel av søknader om tiltak i sjø 2031"


def test_a_share_column_is_a_level_unless_it_stands_beside_a_budget():
    assert {x.scenario for x in read_cells(NAME, TEXT.encode("utf-8")).cells} == {"share_pct"}
    [share] = [c for c in columns_from_text(["Kommune   Andel av søknader 2031"]) if c.label.startswith("Andel")]
    assert share.scenario == "share_pct"
    beside = columns_from_text(["Tjeneste      Regnskap 2031    Budsjett 2031    Avvik i kr    Andel i %"])
    assert beside[-1].scenario == "variance_pct"


@pytest.fixture(scope="module")
def organisations():
    return {"havnevesen": (OWNER, "eksempel havnevesen", "ehv")}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    path = tmp_path_factory.mktemp("share-column") / "w.duckdb"
    c = duckdb.connect(str(path))
    c.execute("""create table fct_report_cell (organisation text, row_organisation text, file_name text, page integer,
        line integer, table_number integer, caption text, row_label text, column_label text, value_year integer,
        scenario text, value double, is_percent boolean, excerpt text)""")
    # the cells as a Word table prints them: the heading above as the caption, the column head with its year
    rows = [("Nordvika", 16), ("Sørlia", 9), ("Austbygd", 3), ("Vesthamn", 11)]
    c.executemany("insert into fct_report_cell values (" + ", ".join("?" * 14) + ")",
                  [(OWNER, None, NAME, 1, 10 + k, 1, "3. Forvaltning", label, COLUMN, 2031, "share_pct", value, True,
                    f"{value} %") for k, (label, value) in enumerate(rows)])
    c.execute("create table fct_report_prose_figure (organisation text, report_year integer, file_name text, "
              "page integer, line integer, value double, unit text, value_year integer, printed text, text text, "
              "figure_id text, topic text)")
    c.execute("create table dim_document (file_name text, organisation text, title text, report_year integer)")
    c.execute("insert into dim_document values (?, ?, null, 2031)", [NAME, OWNER])
    c.close()
    return path


def test_members_ranked_by_the_share_column_the_question_names(vocab, con):
    found, cols, rows = read_and_run("Hvilke kommuner hadde høyest andel av søknadene om tiltak i sjø hos EHV i 2031?",
                                     vocab, con, "nb")
    assert isinstance(found, Reading), found
    got = [(r[cols.index("row_label")], r[cols.index("value")]) for r in rows]
    assert got[0] == ("Nordvika", 16) and got[-1] == ("Austbygd", 3), got
    assert {r[cols.index("column_label")] for r in rows} == {COLUMN}
