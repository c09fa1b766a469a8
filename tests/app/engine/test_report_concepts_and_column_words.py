"""Common report concepts and the column words of a unit's table, over a small warehouse of invented reports:
population asked in bokmål, nynorsk, English or Swedish words ("innbyggjarar", "population", "inhabitants",
"folkmängd") finds the report's «Folketal 31.12» row or its "Folketalet var …" sentence; a row of a table whose heads
print no year ("Intäkter Kostnader Nettokostnad Kommunbidrag Avvikelse") is the report year's, asked by a column word
("net cost", "budget", "deviation", "kostnader") it answers that cell (or ranks by that column), saying the year is
the report's; a question naming no column still lists the row."""
from __future__ import annotations

import duckdb
import pytest

from app.engine.families import cell_lookup, label_search
from app.engine.families.base import Question, Reading
from tests.app.engine.conftest import read_and_run

NOR = "nordby_kommune_arsmelding_2014.txt"
STO = "storvik_kommun_arsredovisning_2018.txt"
VES = "vestvik_herad_arsmelding_2016.txt"


@pytest.fixture(scope="module")
def organisations():
    return {"nordby": ("Nordby kommune", "nordby kommune", "nordby"),
            "storvik": ("Storvik kommun", "storvik kommun", "storvik"),
            "vestvik": ("Vestvik herad", "vestvik herad", "vestvik")}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    path = tmp_path_factory.mktemp("report-concepts") / "w.duckdb"
    c = duckdb.connect(str(path))
    c.execute("""create table fct_report_cell (organisation text, file_name text, page integer, line integer,
        table_number integer, caption text, row_label text, column_label text, column_year integer,
        value_year integer, report_year integer, scenario text, value double, excerpt text)""")
    cells = []
    for year, v in ((2013, 21100.0), (2014, 21312.0)):
        cells.append(("Nordby kommune", NOR, 2, 10, 1, "Nøkkeltal", "Folketal 31.12", str(year), year, year, 2014,
                      "other", v, "Folketal 31.12 21 100 21 312"))
    # a unit's table whose heads print no year: the warehouse dates its cells by the report (2018)
    heads = ("Intäkter", "Kostnader", "Nettokostnad", "Kommunbidrag", "Avvikelse")
    for i, (row, values) in enumerate((("Barn- och utbildningsnämnden", (41.2, -402.3, -361.1, -365.0, 3.9)),
                                       ("Socialnämnden", (60.1, -470.5, -410.4, -404.0, -6.4)),
                                       ("Kultur- och fritidsnämnden", (5.3, -38.8, -33.5, -34.0, 0.5)))):
        for head, v in zip(heads, values):
            cells.append(("Storvik kommun", STO, 3, 20 + i, 1, "Driftsredovisning per nämnd, tkr", row, head, None,
                          2018, 2018, "variance" if head == "Avvikelse" else "other", v * 1e6, row))
    c.executemany("insert into fct_report_cell values (" + ", ".join("?" * 14) + ")", cells)
    c.execute("""create table fct_report_prose_figure (figure_id text, organisation text, report_year integer,
        file_name text, page integer, line integer, topic text, value double, unit text, value_year integer,
        printed text, text text)""")
    c.executemany("insert into fct_report_prose_figure values (" + ", ".join("?" * 12) + ")", [
        ("v1", "Vestvik herad", 2016, VES, 1, 4, "personar", 5310.0, "persons", 2016, "5.310 personar",
         "Folketalet var ved utgangen av året 5.310 personar."),
        ("v2", "Vestvik herad", 2016, VES, 1, 5, "auke", 41.0, "count", 2016, "41 frå",
         "Det er ein auke på 41 frå året før."),
        ("s1", "Storvik kommun", 2018, STO, 1, 3, "invånare", 14520.0, "persons", 2018, "14 520 invånare",
         "Folkmängden den 31 december 2018 var 14 520 invånare."),
    ])
    c.execute("create table dim_document (file_name text, organisation text, title text, report_year integer)")
    c.executemany("insert into dim_document values (?, ?, null, ?)",
                  [(NOR, "Nordby kommune", 2014), (STO, "Storvik kommun", 2018), (VES, "Vestvik herad", 2016)])
    c.close()
    return path


def _values(found, con) -> list[float]:
    assert isinstance(found, Reading), found
    cur = con.execute(found.sql)
    cols = [d[0] for d in cur.description]
    return sorted(r[cols.index("value")] for r in cur.fetchall())


@pytest.mark.parametrize(("question", "lang", "value"), [
    ("Kor mange innbyggjarar hadde Nordby ved utgangen av 2014?", "nn", 21312.0),
    ("Hvor mange innbyggere hadde Nordby kommune i 2014?", "nb", 21312.0),
    ("How many inhabitants did Nordby have at the end of 2014?", "en", 21312.0),
    ("What was the population of Nordby in 2014?", "en", 21312.0),
    ("Folkmängd Nordby 2014", "nb", 21312.0),
    # no row: the sentence that states the population in other words ("Folketalet … personar")
    ("Kor mange innbyggjarar hadde Vestvik i 2016?", "nn", 5310.0),
    ("How many inhabitants did Vestvik herad have at the end of 2016?", "en", 5310.0),
    ("Befolkning Vestvik 2016", "nb", 5310.0),
])
def test_population_in_any_words_finds_the_reports_row_or_sentence(question, lang, value, vocab, con):
    found = label_search.read(Question.parse(question, lang), vocab)
    assert _values(found, con) == [value]
    assert "not a governed measure" in found.interpretation or "ikke et styrt mål" in found.interpretation


def test_a_population_question_never_answers_with_the_change_beside_it(vocab, con):
    # "auke på 41" is the growth, not the population: only the level's sentence names the population
    found = label_search.read(Question.parse("Folketal Vestvik herad 2016", "nb"), vocab)
    assert 41.0 not in _values(found, con)


@pytest.mark.parametrize(("question", "lang", "head"), [
    ("What was the net cost for Socialnämnden in Storvik in 2018?", "en", "Nettokostnad"),
    ("Nettokostnad Socialnämnden Storvik 2018", "nb", "Nettokostnad"),
    ("What was the budget for Socialnämnden in Storvik in 2018?", "en", "Kommunbidrag"),
    ("Kommunbidrag Socialnämnden Storvik 2018", "nb", "Kommunbidrag"),
    ("What was the deviation for Socialnämnden in Storvik in 2018?", "en", "Avvikelse"),
    ("Avvik for Socialnämnden i Storvik 2018", "nb", "Avvikelse"),
    # "kostnader" is the column «Kostnader», never «Nettokostnad», which prints a word of its own
    ("Kostnader Socialnämnden Storvik 2018", "nb", "Kostnader"),
])
def test_a_column_word_answers_that_cell_of_the_row(question, lang, head, vocab, con):
    found, cols, rows = read_and_run(question, vocab, con, lang)
    assert found.family == cell_lookup.NAME, found
    got = [dict(zip(cols, r)) for r in rows]
    assert [(g["row_label"], g["column_label"]) for g in got] == [("Socialnämnden", head)]
    expected = con.execute("select value from fct_report_cell where row_label = 'Socialnämnden' and column_label = ?",
                           [head]).fetchone()[0]
    assert got[0]["value"] == expected and got[0]["year"] == 2018
    sentence = found.sentence(cols, rows, lang)
    assert ("the report year" in sentence) if lang == "en" else ("rapportens år" in sentence)


def test_a_row_asked_by_no_column_word_lists_its_cells(vocab, con):
    found, cols, rows = read_and_run("Socialnämnden Storvik 2018", vocab, con, "nb")
    assert isinstance(found, Reading)
    assert sorted(r[cols.index("column_label")] for r in rows) == sorted(
        ("Intäkter", "Kostnader", "Nettokostnad", "Kommunbidrag", "Avvikelse"))


def test_a_year_the_report_is_not_about_is_not_answered_by_a_table_without_years(vocab, con):
    found, cols, rows = read_and_run("Nettokostnad Socialnämnden Storvik 2016", vocab, con, "nb")
    assert rows == []


@pytest.mark.parametrize(("question", "lang", "head"), [
    ("Hvilken nemnd i Storvik kommun hadde høyest nettokostnad i 2018?", "nb", "Nettokostnad"),
    ("Which committee in Storvik kommun had the highest net cost in 2018?", "en", "Nettokostnad"),
    ("Hvilken nemnd i Storvik kommun hadde størst kommunbidrag i 2018?", "nb", "Kommunbidrag"),
])
def test_a_ranking_by_a_column_word_ranks_that_column(question, lang, head, vocab, con):
    found, cols, rows = read_and_run(question, vocab, con, lang)
    assert isinstance(found, Reading) and found.family == "cell_ranking", found
    assert rows and {r[cols.index("column_label")] for r in rows} == {head}
    assert f"«{head}»" in found.interpretation
