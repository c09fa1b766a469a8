"""A ranking of the rows of one kind ("which committee") over a table whose caption names no kind: the rows print the
kind in another language's spelling and as the head of a compound ("Socialnämnden" for committee ~ nemnd), the
deviation column answers "beat its budget" and "the largest deficit against budget" (the most negative deviation,
never the budget column the question's word names), and rows of another kind ("Kommunstyrelsen", "Finansen") and the
total are left out. The warehouse holds the cells `read_cells` reads from an invented Swedish report text."""
from __future__ import annotations

import duckdb
import pytest

from app.engine.families.base import Reading
from flows.reports.document import read_cells
from tests.app.engine.conftest import read_and_run

ORG = "Eksempelby kommun"
NAME = "eksempelby_kommun_arsredovisning_2019.txt"
TEXT = """Eksempelby kommun Årsredovisning 2019

(mkr) Budget 2019 Utfall 2019 Avvikelse 2019
Kommunstyrelsen -70,5 -69,0 1,5
Byggnadsnämnden -9,1 -9,9 -0,8
Socialnämnden -200,4 -207,0 -6,6
Utbildningsnämnden -250,0 -243,2 6,8
Finansen 540,0 542,1 2,1
Summa 10,0 13,0 3,0

(mill. kr) Regnskap Budsjett Avvik
Sentraladm 26,4 27,4 1,0
Undervisning 240,3 233,3 -7,0
Helse og sosial 317,7 311,0 -6,7
Sum sektorene 584,4 571,7 -12,7

Kommunen fortsätter arbetet.
"""


@pytest.fixture(scope="module")
def organisations():
    return {"eksempelby": (ORG, "eksempelby kommun", "eksempelby")}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    cells = read_cells(NAME, TEXT.encode("utf-8")).cells
    path = tmp_path_factory.mktemp("ranking-kinds") / "w.duckdb"
    c = duckdb.connect(str(path))
    c.execute("""create table fct_report_cell (organisation text, file_name text, page integer, line integer,
        table_number integer, caption text, row_label text, column_label text, value_year integer, scenario text,
        value double, is_percent boolean, excerpt text)""")
    c.executemany("insert into fct_report_cell values (" + ", ".join("?" * 13) + ")",
                  [(ORG, NAME, x.page, x.line, x.table_number, x.caption, x.row_label, x.column_label,
                    x.column_year or 2019,  # the report's year where the column prints none, as the marts set it
                    x.scenario, x.value, x.is_percent, x.printed) for x in cells])
    c.execute("create table fct_report_prose_figure (organisation text, report_year integer, file_name text, "
              "page integer, line integer, value double, unit text, value_year integer, printed text, text text, "
              "figure_id text, topic text)")
    c.execute("create table dim_document (file_name text, organisation text, title text, report_year integer)")
    c.execute("insert into dim_document values (?, ?, null, 2019)", [NAME, ORG])
    c.close()
    return path


@pytest.mark.parametrize(("question", "lang", "first"), [
    ("Which Eksempelby committee beat its budget by the most in 2019?", "en", ("Utbildningsnämnden", 6_800_000)),
    ("Hvilken nämnd i Eksempelby kommun hadde størst underskudd mot budsjett i 2019?", "nb",
     ("Socialnämnden", -6_600_000)),
    ("Which committee in Eksempelby had the largest deficit against budget in 2019?", "en",
     ("Socialnämnden", -6_600_000)),
])
def test_committees_ranked_by_their_deviation(question, lang, first, vocab, con):
    found, cols, rows = read_and_run(question, vocab, con, lang)
    assert isinstance(found, Reading), found
    assert found.family == "cell_ranking", found.family
    got = [(r[cols.index("row_label")], r[cols.index("value")]) for r in rows]
    assert got[0] == first
    # the deviation column of the committees only: no budget figure, no board or finance row, no total
    assert {r[cols.index("column_label")] for r in rows} == {"Avvikelse 2019"}
    assert {label for label, _ in got} == {"Byggnadsnämnden", "Socialnämnden", "Utbildningsnämnden"}
    text = found.sentence(cols, rows, lang)
    assert first[0] in text.split(">")[0].split("<")[0]
    if first[1] < 0:  # the deficit said as the amount it is, beside the figure as printed
        from app.engine.format import format_number

        assert f"{first[0]}, {format_number(-first[1])}" in text and format_number(first[1]) in text
        assert rows[0][cols.index("overspend")] == -first[1]
    else:
        assert "overspend" not in text.lower() and "merforbruk" not in text.lower()


def test_rows_under_a_total_that_names_their_kind(vocab, con):
    """"Which sector …": no row prints the word but the total row does ("Sum sektorene"): the rows of its table are
    ranked, the total left out, the accounts' column read."""
    found, cols, rows = read_and_run("Which sector had the highest net spending in Eksempelby in 2019?", vocab, con,
                                     "en")
    assert isinstance(found, Reading), found
    got = [(r[cols.index("row_label")], r[cols.index("value")]) for r in rows]
    assert got == [("Helse og sosial", 317_700_000), ("Undervisning", 240_300_000), ("Sentraladm", 26_400_000)]


@pytest.mark.parametrize(("question", "left_out", "kept"), [
    ("Which fee is the highest, excluding VAT?", "Gebyr med mva", "Gebyr utan mva"),
    ("Hvilket gebyr er høyest uten mva?", "Årsgebyr inkl. mva", "Årsgebyr eks. mva"),
    ("Which fee is the highest including VAT?", "Gebyr utan mva", "Gebyr med mva"),
])
def test_the_other_vat_column_as_printed(question, left_out, kept):
    import re

    from app.engine.quantities import other_vat_columns

    other = other_vat_columns(question)
    assert re.search(other, left_out.lower()) and not re.search(other, kept.lower())


@pytest.mark.parametrize(("question", "lang"), [
    ("Hvilken sektor i Eksempelby hadde det svakeste avviket i 2019?", "nb"),
    ("Which sector in Eksempelby had the weakest deviation in 2019?", "en"),
])
def test_the_weakest_is_the_lowest(question, lang, vocab, con):
    found, cols, rows = read_and_run(question, vocab, con, lang)
    assert isinstance(found, Reading), found
    got = [(r[cols.index("row_label")], r[cols.index("value")]) for r in rows]
    assert got[0] == ("Undervisning", -7_000_000) and got[-1] == ("Sentraladm", 1_000_000)


@pytest.mark.parametrize(("question", "lang"), [
    ("Which Eksempelby committee beat its budget by the most in 2017?", "en"),
    ("Hvilket parti i Eksempelby kommun fikk flest stemmer i 2019?", "nb"),
])
def test_nothing_to_rank_claims_no_table(question, lang, vocab, con):
    # no row of the kind for the year asked (2017), or no row of the kind at all (parties): the refusal says so and
    # never claims that a table of such rows exists for another year
    found, cols, rows = read_and_run(question, vocab, con, lang)
    assert isinstance(found, Reading) and found.family == "cell_ranking", found
    assert rows == []
    reason = found.empty_reason.lower()
    assert "exists" not in reason and "finnes" not in reason, found.empty_reason
