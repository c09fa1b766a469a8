"""A table whose rows are organisations (an invented statistics table of municipalities, with the country's total):
"which municipality …" ranks its organisations' rows by the column of the year asked — the percent column for a
measure in per cent — never the country's total nor a table of another kind whose caption shares a word; an
organisation of the table is answered from its own row. The warehouse holds the cells `read_cells` reads from the
invented text: the document's owner and, for a row of a table of organisations, the organisation the row names."""
from __future__ import annotations

import duckdb
import pytest

from app.engine.families.base import Reading
from flows.reports.document import read_cells
from tests.app.engine.conftest import read_and_run

NAME = "statistikk_fravaer_2031.md"
OWNER = "Eksempelby kommune"
TEXT = """| 4 Sykefraværsdagsverk for arbeidstakere etter bostedskommune. Absolutte tall og i prosent av avtalte dagsverk (sykefraværsprosent). Kvinner. Kvartalstall. |
| 3. kvartal 2030 | 3. kvartal 20311 | Sykefraværsprosent | | |
| Kommune | Sykefraværs- dagsverk |
| Sykefraværs- dagsverk |
| Endring siste år |
| 3. kvartal 2030 | 3. kvartal 20311 |
| I ALT | 1 000 000 | 1 100 000 | 100 000 | 9,0 | 9,5 |
| 4601 Nordvika | 9 000 | 9 900 | 900 | 6,1 | 6,6 |
| 4602 Sørlia | 2 000 | 1 800 | -200 | 4,0 | 3,6 |
| 4603 Austbygd | 3 000 | 3 300 | 300 | 5,2 | 7,7 |
| 4604 Vesthamn | 500 | 560 | 60 | 4,8 | 5,4 |
"""
OTHER = "eksempelby_arsmelding_2031.txt"
OTHER_TEXT = """Eksempelby kommune Årsmelding 2031

Sykefravær i kommunens sektorer (prosent)
Sektor 2030 2031
Oppvekst 8,1 8,9
Helse og omsorg 9,9 10,4
Teknisk 5,0 5,5
"""
IKS = "Eksempel Renovasjon IKS"
IKS_NAME = "eksempel_renovasjon_arsmelding_2031.txt"
IKS_TEXT = """Eksempel Renovasjon IKS Årsmelding 2031

Eierkommuner
Kommune Innbyggere Hytteabonnenter
Nordvika kommune 4 100 310
Sørlia kommune 12 800 95
Austbygd kommune 2 300 640
"""


@pytest.fixture(scope="module")
def organisations():
    return {"eksempelby": (OWNER, "eksempelby kommune", "eksempelby"),
            "renovasjon": (IKS, "eksempel renovasjon iks", "eksempel renovasjon")}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    path = tmp_path_factory.mktemp("organisation-rows") / "w.duckdb"
    c = duckdb.connect(str(path))
    c.execute("""create table fct_report_cell (organisation text, row_organisation text, file_name text, page integer,
        line integer, table_number integer, caption text, row_label text, column_label text, value_year integer,
        scenario text, value double, is_percent boolean, excerpt text)""")
    for name, text, owner in ((NAME, TEXT, "Statistikkbyrået"), (OTHER, OTHER_TEXT, OWNER), (IKS_NAME, IKS_TEXT, IKS)):
        cells = read_cells(name, text.encode("utf-8")).cells
        c.executemany("insert into fct_report_cell values (" + ", ".join("?" * 14) + ")",
                      [(owner, x.row_organisation, name, x.page, x.line, x.table_number,
                        x.caption, x.row_label, x.column_label, x.column_year or 2031, x.scenario, x.value,
                        x.is_percent, x.printed) for x in cells])
    c.execute("create table fct_report_prose_figure (organisation text, report_year integer, file_name text, "
              "page integer, line integer, value double, unit text, value_year integer, printed text, text text, "
              "figure_id text, topic text)")
    c.execute("create table dim_document (file_name text, organisation text, title text, report_year integer)")
    c.executemany("insert into dim_document values (?, ?, null, 2031)", [[NAME, "Statistikkbyrået"], [OTHER, OWNER], [IKS_NAME, IKS]])
    c.close()
    return path


@pytest.mark.parametrize(("question", "lang", "first", "last"), [
    ("Hvilken kommune hadde høyest sykefraværsprosent i 3. kvartal 2031?", "nb", ("Austbygd", 7.7), ("Sørlia", 3.6)),
    ("Which municipality had the lowest sick leave rate in Q3 2031?", "en", ("Sørlia", 3.6), ("Austbygd", 7.7)),
    ("Kva kommune hadde lågast sjukefråværsprosent i 2030?", "nn", ("Sørlia", 4.0), ("Nordvika", 6.1)),
])
def test_municipalities_ranked_by_their_own_rows(question, lang, first, last, vocab, con):
    found, cols, rows = read_and_run(question, vocab, con, lang)
    assert isinstance(found, Reading), found
    assert found.family == "cell_ranking", found.family
    got = [(r[cols.index("row_label")], r[cols.index("value")]) for r in rows]
    assert got[0] == first and got[-1] == last
    # the organisations by name, code left out; never the country's total, a sector of the other report or a count
    assert {label for label, _ in got} == {"Nordvika", "Sørlia", "Austbygd", "Vesthamn"}
    assert all(str(r[cols.index("column_label")]).startswith("Sykefraværsprosent") for r in rows)


def test_an_organisation_of_the_table_answers_from_its_own_row(vocab, con):
    found, cols, rows = read_and_run("Sykefraværsdagsverk Vesthamn 3. kvartal 2031", vocab, con, "nb")
    assert isinstance(found, Reading), found
    values = {(r[cols.index("column_label")], r[cols.index("value")]) for r in rows}
    assert ("Sykefraværsdagsverk 3. kvartal 2031", 560) in values
    assert {r[cols.index("organisation")] for r in rows} == {"Vesthamn"}, rows


def test_an_owner_named_with_a_municipality_its_table_lists_reads_the_owners_row_for_it(vocab, con):
    # the IKS's table of its owner municipalities: the IKS's cabin subscribers in one of them, never refused because
    # the municipality is an organisation of the table's rows
    found, cols, rows = read_and_run("Hytteabonnenter Eksempel Renovasjon IKS i Austbygd 2031", vocab, con, "nb")
    assert isinstance(found, Reading), found
    assert 640 in {r[cols.index("value")] for r in rows}
    assert all(r[cols.index("value")] not in (310, 95) for r in rows)
