"""Counting questions: the count a sentence prints ("dei seks eigarkommunane") answers; otherwise the rows of the list
table the question points to are counted (sums left out), and the answer says the number is counted from the table's
rows, naming the table and its page. Invented reports and tables, bokmål, nynorsk and English questions."""
from __future__ import annotations

import duckdb
import pytest

from app.engine.families.base import Reading
from tests.app.engine.conftest import read_and_run

A = "renovasjon_iks_arsmelding_2041.txt"
B = "vatn_iks_arsmelding_2041.txt"
ORG_A, ORG_B = "Midtdal Renovasjon IKS", "Austvik Vatn IKS"


@pytest.fixture(scope="module")
def organisations():
    return {"midtdal": (ORG_A, "midtdal renovasjon iks", "midtdal renovasjon"),
            "austvik": (ORG_B, "austvik vatn iks", "austvik vatn")}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    path = tmp_path_factory.mktemp("counted-rows") / "w.duckdb"
    c = duckdb.connect(str(path))
    c.execute("""create table fct_report_cell (organisation text, file_name text, page integer, line integer,
        table_number integer, caption text, row_label text, column_label text, value_year integer, scenario text,
        value double, excerpt text)""")
    cells = []
    for i, (owner, share) in enumerate((("Nordby kommune", 40.0), ("Sørby kommune", 35.0), ("Vestby kommune", 25.0),
                                        ("Sum", 100.0))):
        cells.append((ORG_A, A, 3, 10 + i, 1, "Eierfordeling", owner, "Eierandel %", 2041, "other", share, owner))
    for i, (unit, fte) in enumerate((("Innsamling", 12.0), ("Gjenvinningsstasjon", 8.5), ("Administrasjon", 4.0))):
        cells.append((ORG_A, A, 6, 30 + i, 3, "Bemanning", unit, "Årsverk", 2041, "other", fte, unit))
    cells.append((ORG_B, B, 2, 9, 4, None, "Austvik Vatn IKS har 18 årsverk medrekna dagleg leiar og to lærlingar i "
                  "tillegg", "2041", 2041, "other", 18.0, "sentence read as a row"))
    for i, (day, fte) in enumerate((("31.12.2040", 40.0), ("31.12.2041", 42.0))):  # a table captioned by its measure
        cells.append((ORG_A, A, 7, 40 + i, 5, "ÅRSVERK", day, "Årsverk", 2041, "other", fte, day))
    for i, (label, v) in enumerate((("Driftsinntekter", 80.0), ("Driftskostnader", 70.0))):
        cells.append((ORG_A, A, 5, 20 + i, 2, "Resultatregnskap", label, "2041", 2041, "actual", v, label))
    for i, year in enumerate(("2039", "2040", "2041")):  # figures per inhabitant: the table lists years, no inhabitants
        cells.append((ORG_A, A, 8, 50 + i, 6, "Netto driftsutgifter i kr pr innbygger", year, "Kroner", int(year),
                      "actual", 900.0 + i, year))
    c.executemany("insert into fct_report_cell values (" + ", ".join("?" * 12) + ")", cells)
    c.execute("create table fct_report_prose_figure (organisation text, report_year integer, file_name text, "
              "page integer, line integer, value double, unit text, value_year integer, printed text, text text, "
              "figure_id text, topic text)")
    c.execute("insert into fct_report_prose_figure values (?, 2041, ?, 1, 4, 6, 'count', 2041, 'seks', ?, 'p1', ?)",
              [ORG_B, B, "Selskapet er eigd av dei seks eigarkommunane.", "eigd av dei seks eigarkommunane"])
    c.execute("insert into fct_report_prose_figure values (?, 2041, ?, 8, 2, 13, 'count', 2041, '13 og', ?, 'p2', ?)",
              [ORG_A, A, "Midtdal Renovasjon bruker mer per innbygger enn KOSTRA-gruppe 13 og snittet for fylket.",
               "KOSTRA-gruppe 13 snittet"])
    c.execute("create table dim_document (file_name text, organisation text, title text, report_year integer)")
    c.executemany("insert into dim_document values (?, ?, null, 2041)", [(A, ORG_A), (B, ORG_B)])
    c.close()
    return path


@pytest.mark.parametrize(("question", "lang"), [
    ("Hvor mange kommuner eier Midtdal Renovasjon?", "nb"),
    ("Hvor mange eiere har Midtdal Renovasjon IKS?", "nb"),
    ("Kor mange eigarar har Midtdal Renovasjon?", "nn"),
    ("How many municipalities own Midtdal Renovasjon?", "en"),
])
def test_the_rows_of_the_list_table_are_counted_and_said_to_be(question, lang, vocab, con):
    found, cols, rows = read_and_run(question, vocab, con, lang)
    assert isinstance(found, Reading), found
    assert [r[cols.index("value")] for r in rows] == [3]
    # the engine hands the sentence the columns it shows: the source columns go to the answer's sources
    shown = [i for i, c in enumerate(cols) if not c.startswith("source_")]
    said = found.sentence([cols[i] for i in shown], [[r[i] for i in shown] for r in rows], lang)
    assert A in said and "Eierfordeling" in said and ("page 3" in said or "side 3" in said)
    assert "Nordby kommune; Sørby kommune; Vestby kommune" in said and "Sum" not in said.split(":")[1]


@pytest.mark.parametrize(("question", "lang"), [
    ("Kor mange eigarkommunar har Austvik Vatn?", "nn"),
    ("Hvor mange eierkommuner har Austvik Vatn IKS?", "nb"),
])
def test_a_printed_count_answers_before_any_table(question, lang, vocab, con):
    found, cols, rows = read_and_run(question, vocab, con, lang)
    assert isinstance(found, Reading) and found.family != "row_count", found
    assert [r[cols.index("value")] for r in rows] == [6]


@pytest.mark.parametrize("question", ["Hvor mange ansatte har Midtdal Renovasjon?",
                                      "Hvor mange årsverk har Midtdal Renovasjon i administrasjon og innsamling?",
                                      "Hvor mange prosent eier Nordby i Midtdal Renovasjon?",
                                      "Kor mange årsverk hadde Austvik Vatn i 2041?",
                                      # a table captioned by the measure: its figure answers, never its number of rows
                                      "Kor mange årsverk hadde Midtdal Renovasjon i 2041?",
                                      "How many FTEs did Midtdal Renovasjon have in 2041?"])
def test_no_table_lists_what_is_counted(question, vocab, con):
    found, cols, rows = read_and_run(question, vocab, con, "nb")
    assert not (isinstance(found, Reading) and found.family == "row_count" and rows)


@pytest.mark.parametrize(("question", "lang"), [("Kor mange årsverk hadde Midtdal Renovasjon i 2041?", "nn"),
                                                ("How many FTEs did Midtdal Renovasjon have in 2041?", "en")])
def test_a_measure_asked_is_never_counted_by_rows(question, lang, vocab):
    """Row counting itself declines a measure of the catalog ("årsverk", "FTEs"): the «ÅRSVERK» table's rows are dates,
    and their number is no answer to how many FTEs there were."""
    from app.engine.families import row_count
    from app.engine.families.base import Question

    assert row_count.read(Question.parse(question, lang), vocab) is None


@pytest.mark.parametrize(("question", "lang"), [
    ("Hvor mange innbyggere har Midtdal Renovasjon?", "nb"),
    ("How many inhabitants does Midtdal Renovasjon serve?", "en"),
])
def test_a_word_counted_that_the_report_prints_only_per_something_is_not_counted(question, lang, vocab, con):
    # "kr pr innbygger", "mer per innbygger enn KOSTRA-gruppe 13": figures divided by the inhabitants, never their number
    found, cols, rows = read_and_run(question, vocab, con, lang)
    values = {r[cols.index("value")] for r in rows} if isinstance(found, Reading) and "value" in cols else set()
    assert not values & {3, 13}, (found, rows)
