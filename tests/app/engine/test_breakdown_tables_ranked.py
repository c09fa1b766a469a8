""""Which main area had the largest net expenditure": when no row prints the kind of thing asked ("hovedområde"), the
rows ranked are the parts of an amount the organisation's table adds up to a total row, the total left out and rows
per head or in per cent never taken, in the column of the organisation asked when the table prints organisations
side by side (an invented Danish-style key-figure page, printed in another organisation's report). A question asking
no amount (a count) is not read so, and a year the table lacks gives no rows."""
from __future__ import annotations

import duckdb
import pytest

from app.engine.families import ranking
from app.engine.families.base import Question, Reading
from flows.reports.document import read_cells

NAME = "nordby_noegletal_2031.md"
OWNER = "Sørby Kommune"  # the page compares the municipality with another, whose name the reader took as its owner
TEXT = """# NORDBY | FAKTA | KOMMUNENS ØKONOMI

## Kommunens seneste regnskab

| | Nordby | Sørby | +/- |
| --- | --- | --- | --- |
| 0. Byudvikling og miljø (2031) (i 1.000 kr.) | 50.100 | 20.000 | +30.100 |
| 1. Forsyningsvirksomheder m.v. (2031) (i 1.000 kr.) | 300 | -1.200 | +1.500 |
| 3. Undervisning og kultur (2031) (i 1.000 kr.) | 400.500 | 300.000 | +100.500 |
| 5. Sociale opgaver og beskæftigelse (2031) (i 1.000 kr.) | 1.500.000 | 1.100.000 | +400.000 |
| I alt hovedkonto 0-8 (2031) (i 1.000 kr.) | 2.250.900 | 1.418.800 | +832.100 |

## Økonomi - udgifter

| | Nordby | Sørby | +/- |
| --- | --- | --- | --- |
| Serviceudgifter pr. indb. (2031) (Kr.) | 951.200 | 948.000 | +3.200 |
| Udgifter til folkeskoleområdet pr. indb. (2031) (Kr.) | 9.100 | 11.200 | -2.100 |
| I alt pr. indb. (2031) (Kr.) | 960.300 | 959.200 | +1.100 |

## Skat

| | Sørby |
| --- | --- |
| Udskrivningsprocent (2031) | 25,1 |
| Grundskyldspromille (2031) | 19,5 |
"""


@pytest.fixture(scope="module")
def organisations():
    return {"nordby": ("Nordby Kommune", "nordby kommune", "nordby"),
            "sorby": (OWNER, "sørby kommune", "sørby"),
            "austby": ("Austby Kommune", "austby kommune", "austby")}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    path = tmp_path_factory.mktemp("breakdown-tables") / "w.duckdb"
    c = duckdb.connect(str(path))
    c.execute("""create table fct_report_cell (organisation text, row_organisation text, file_name text, page integer,
        line integer, table_number integer, caption text, row_label text, column_label text, value_year integer,
        scenario text, value double, is_percent boolean, excerpt text)""")
    cells = read_cells(NAME, TEXT.encode("utf-8")).cells
    c.executemany("insert into fct_report_cell values (" + ", ".join("?" * 14) + ")",
                  [(OWNER, x.row_organisation, NAME, x.page, x.line, x.table_number, x.caption, x.row_label,
                    x.column_label, x.column_year or 2031, x.scenario, x.value, x.is_percent, x.printed) for x in cells])
    c.execute("create table fct_report_prose_figure (organisation text, report_year integer, file_name text, "
              "page integer, line integer, value double, unit text, value_year integer, printed text, text text, "
              "figure_id text, topic text)")
    c.execute("create table dim_document (file_name text, organisation text, title text, report_year integer)")
    c.execute("insert into dim_document values (?, ?, null, 2031)", [NAME, OWNER])
    c.close()
    return path


def read_and_run(question: str, vocab, con, lang: str):
    """The table ranking's reading of a question and its rows (the engine tries it after a statement's sections)."""
    found = ranking.read(Question.parse(question, lang), vocab)
    if not isinstance(found, Reading):
        return found, [], []
    cur = con.execute(found.sql)
    return found, [d[0] for d in cur.description], cur.fetchall()


def _ranked(question: str, lang: str, vocab, con):
    found, cols, rows = read_and_run(question, vocab, con, lang)
    assert isinstance(found, Reading), found
    assert found.family == "cell_ranking", found.family
    return [(r[cols.index("row_label")], r[cols.index("value")], r[cols.index("column_label")]) for r in rows]


@pytest.mark.parametrize(("question", "lang", "column", "first", "last"), [
    ("Hvilket hovedområde hadde størst nettoutgift i Nordby kommune i 2031?", "nb", "Nordby",
     ("Sociale opgaver og beskæftigelse (i 1.000 kr.)", 1_500_000_000), ("Forsyningsvirksomheder m.v. (i 1.000 kr.)", 300_000)),
    ("Kva hovudområde hadde lågast nettoutgift i Sørby i 2031?", "nn", "Sørby",
     ("Forsyningsvirksomheder m.v. (i 1.000 kr.)", -1_200_000), ("Sociale opgaver og beskæftigelse (i 1.000 kr.)", 1_100_000_000)),
])
def test_the_parts_of_the_organisations_total_are_ranked_in_its_column(question, lang, column, first, last, vocab, con):
    got = _ranked(question, lang, vocab, con)
    assert (got[0][0], got[0][1]) == first and (got[-1][0], got[-1][1]) == last
    assert {c for _, _, c in got} == {column}  # never the other organisation's column nor the difference
    assert len(got) == 4  # the total left out; never the per-head table's rows


def test_a_count_asked_ranks_no_amounts(vocab, con):
    found, cols, rows = read_and_run("Hvilket hovedområde hadde flest ansatte i Nordby kommune i 2031?", vocab, con, "nb")
    values = [r[cols.index("value")] for r in rows] if "value" in cols else []
    assert 1_500_000_000 not in values


def test_a_year_the_table_lacks_gives_no_rows(vocab, con):
    found, cols, rows = read_and_run("Hvilket hovedområde hadde størst nettoutgift i Nordby kommune i 2029?", vocab, con, "nb")
    assert not rows


STATEMENT = """Vestby kommune Årsregnskap 2031

Driftsregnskap (i 1000 kr)
| | Regnskap 2031 |
| --- | --- |
| Rammetilskudd | 900 |
| Skatt på inntekt og formue | 700 |
| Sum driftsinntekter | 1 600 |
| Lønnsutgifter | 1 200 |
| Kjøp av varer og tjenester | 300 |
| Sum driftsutgifter | 1 500 |
"""


def test_a_statement_of_several_sums_is_no_one_totals_parts(tmp_path):
    # income and expense lines under their own sums: never ranked together as the parts of one amount
    from tests.app.engine.conftest import vocabulary_over

    path = tmp_path / "s.duckdb"
    c = duckdb.connect(str(path))
    c.execute("""create table fct_report_cell (organisation text, row_organisation text, file_name text, page integer,
        line integer, table_number integer, caption text, row_label text, column_label text, value_year integer,
        scenario text, value double, is_percent boolean, excerpt text)""")
    cells = read_cells("vestby_arsregnskap_2031.md", STATEMENT.encode("utf-8")).cells
    assert cells
    c.executemany("insert into fct_report_cell values (" + ", ".join("?" * 14) + ")",
                  [("Vestby kommune", None, "vestby_arsregnskap_2031.md", x.page, x.line, x.table_number, x.caption,
                    x.row_label, x.column_label, x.column_year or 2031, x.scenario, x.value, x.is_percent, x.printed)
                   for x in cells])
    c.execute("create table dim_document (file_name text, organisation text, title text, report_year integer)")
    c.execute("insert into dim_document values ('vestby_arsregnskap_2031.md', 'Vestby kommune', null, 2031)")
    vocab = vocabulary_over(c, {"vestby": ("Vestby kommune", "vestby kommune", "vestby")})
    found, cols, rows = read_and_run("Hvilket hovedområde hadde størst utgift i Vestby kommune i 2031?", vocab, c, "nb")
    values = [r[cols.index("value")] for r in rows] if "value" in cols else []
    assert 900_000 not in values  # an income line is never an expense's part
    c.close()


def _looked_up(question: str, lang: str, vocab, con):
    from app.engine.families import cell_lookup

    found = cell_lookup.read(Question.parse(question, lang), vocab)
    if not isinstance(found, Reading):
        return found, []
    cur = con.execute(found.sql)
    cols = [d[0] for d in cur.description]
    return found, [dict(zip(cols, r)) for r in cur.fetchall()]


def test_an_organisation_without_tables_of_its_own_is_read_from_the_column_naming_it(vocab, con):
    # Nordby prints no report here; Sørby's page prints its column. "indb." abbreviates "innbygger", "pr." is "per"
    found, rows = _looked_up("Serviceutgifter per innbygger i Nordby 2031", "nb", vocab, con)
    assert isinstance(found, Reading), found
    assert {r["value"] for r in rows} == {951_200}, rows


def test_an_organisation_no_column_names_gets_no_other_organisations_figure(vocab, con):
    found, rows = _looked_up("Serviceutgifter per innbygger i Austby 2031", "nb", vocab, con)
    assert not any(r.get("value") in (951_200, 948_000, 3_200) for r in rows)


def test_a_table_without_the_column_of_the_organisation_asked_gives_it_nothing(vocab, con):
    # Nordby is named by a column of another table only: Sørby's own figures are never Nordby's
    found, rows = _looked_up("Udskrivningsprocent i Nordby 2031", "nb", vocab, con)
    assert not any(r.get("value") in (25.1, 19.5) for r in rows), rows
