"""A figure a report's text dates by a quarter ("I 2. kvartal var det legemeldte sykefraværet på 7,9 prosent",
"In the first quarter ..."): a question asking that quarter of that year is answered from the sentence; another
quarter, or a sentence naming several quarters, is not. Invented quarterly reports."""
from __future__ import annotations

import duckdb
import pytest

from app.engine.families.base import Reading
from app.engine.families.prose import sentence_quarter
from tests.app.engine.conftest import read_and_run

NB = "nordvik_kommune_kvartalsrapport_2031.txt"
EN = "sorvik_council_quarterly_2031.txt"


@pytest.fixture(scope="module")
def organisations():
    return {"nordvik": ("Nordvik kommune", "nordvik kommune", "nordvik"), "sorvik": ("Sorvik council", "sorvik")}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    path = tmp_path_factory.mktemp("quarter-dated") / "w.duckdb"
    c = duckdb.connect(str(path))
    c.execute("""create table fct_report_prose_figure (figure_id text, organisation text, report_year integer,
        file_name text, page integer, line integer, topic text, value double, unit text, value_year integer,
        printed text, text text)""")
    c.executemany("insert into fct_report_prose_figure values (" + ", ".join("?" * 12) + ")", [
        ("a", "Nordvik kommune", 2031, NB, 2, 4, "legemeldte sykefraværet", 7.9, "pct", None, "7,9 prosent",
         "I 2. kvartal var det legemeldte sykefraværet på 7,9 prosent."),
        ("b", "Nordvik kommune", 2031, NB, 2, 5, "sykefraværet totalt", 9.1, "pct", None, "9,1 prosent",
         "Sykefraværet totalt var 9,1 prosent i 1. kvartal og 8,2 prosent i 2. kvartal."),
        ("c", "Sorvik council", 2031, EN, 1, 3, "sick leave", 6.4, "pct", None, "6.4 per cent",
         "In the first quarter certified sick leave was 6.4 per cent."),
    ])
    c.execute("create table dim_document (file_name text, organisation text, title text, report_year integer)")
    c.executemany("insert into dim_document values (?, ?, null, 2031)", [(NB, "Nordvik kommune"), (EN, "Sorvik council")])
    c.close()
    return path


@pytest.mark.parametrize(("text", "quarter"), [
    ("I 2. kvartal var det legemeldte sykefraværet på 7,9 prosent.", 2),
    ("In the first quarter certified sick leave was 6.4 per cent.", 1),
    ("Sykefraværet var 9,1 prosent i 1. kvartal og 8,2 prosent i 2. kvartal.", None),
    ("Sykefraværet var 9,1 prosent i 2031.", None),
])
def test_the_quarter_a_sentence_dates_its_figure_by(text, quarter):
    assert sentence_quarter(text) == quarter


@pytest.mark.parametrize(("question", "lang", "values"), [
    ("legemeldt sykefravær 2. kvartal 2031", "nb", [7.9]),
    ("Hva var det legemeldte sykefraværet i Nordvik i andre kvartal 2031?", "nb", [7.9]),
    ("legemeldt sykefravær Q2 2031", "nb", [7.9]),
])
def test_a_quarter_asked_is_answered_from_the_sentence_dated_by_it(question, lang, values, vocab, con):
    found, cols, rows = read_and_run(question, vocab, con, lang)
    assert isinstance(found, Reading), found
    assert sorted(r[cols.index("value")] for r in rows) == values


@pytest.mark.parametrize("question", ["legemeldt sykefravær 3. kvartal 2031", "legemeldt sykefravær 2. kvartal 2030",
                                      "sykefravær totalt 1. kvartal 2031"])
def test_another_quarter_or_a_sentence_of_several_quarters_does_not_answer(question, vocab, con):
    found, cols, rows = read_and_run(question, vocab, con, "nb")
    assert not isinstance(found, Reading) or not rows
