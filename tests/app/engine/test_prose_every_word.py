"""Figures stated in running text answer what no governed measure or table cell does, only when every
content word of the question is in the sentence, for the organisation and year asked."""
from __future__ import annotations

from types import SimpleNamespace

import duckdb
import pytest

from app.engine.families import prose
from app.engine.families.base import Question
from app.engine.families.scope import name_stems

ROWS = [
    ("Eksempelby kommune", 2021, "eksempelby_2021.txt", 3, 7, 147.0, "other", 2021, "147 km²",
     "Kommunen har eit areal på 147 km² og over 500 øyar."),
    ("Eksempelby kommune", 2021, "eksempelby_2021.txt", 3, 8, 24427.0, "count", 2021, "24427",
     "Ved utgangen av 2021 hadde kommunen 24427 innbyggjarar."),
    ("Nabovik kommune", 2021, "nabovik_2021.txt", 2, 4, 31000.0, "count", 2021, "31 000",
     "Ved utgangen av 2021 hadde Nabovik 31 000 innbyggere."),
]


@pytest.fixture()
def con():
    c = duckdb.connect()
    c.execute("create table fct_report_prose_figure (organisation varchar, report_year integer, file_name varchar, "
              "page integer, line integer, value double, unit varchar, value_year integer, printed varchar, text varchar, "
              "figure_id varchar)")
    c.executemany("insert into fct_report_prose_figure values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  [(*r, f"f{i}") for i, r in enumerate(ROWS)])
    yield c
    c.close()


DATA = SimpleNamespace(
    prose=True,
    prose_figures=tuple((f"f{i}", r[2], r[7], r[1], r[8], r[9], r[6]) for i, r in enumerate(ROWS)),
    documents=tuple(SimpleNamespace(file_name=f, organisation=o, name_stems=name_stems(f, o, ""))
                    for f, o in (("eksempelby_2021.txt", "Eksempelby kommune"), ("nabovik_2021.txt", "Nabovik kommune"))),
    prose_known=frozenset(),
)
VOCAB = SimpleNamespace(
    data=DATA,
    tables=frozenset({"fct_report_prose_figure"}),
    organisations={"eksempelby kommune": "eksempelby", "eksempelby": "eksempelby",
                   "nabovik kommune": "nabovik", "nabovik": "nabovik"},
    organisation_names={"eksempelby": "Eksempelby kommune", "nabovik": "Nabovik kommune"},
)


def answer(con, text, lang="nb"):
    reading = prose._every_word(Question.parse(text, lang), VOCAB)
    if reading is None:
        return None, None
    cur = con.execute(reading.sql)
    columns = [d[0] for d in cur.description]
    return reading, [dict(zip(columns, r)) for r in cur.fetchall()]


def test_every_content_word_in_the_sentence_for_the_organisation_asked(con):
    reading, rows = answer(con, "Kor stort areal har Eksempelby?")
    assert [r["value"] for r in rows] == [147.0]
    assert rows[0]["source_document"] == "eksempelby_2021.txt" and rows[0]["source_page"] == 3
    text = reading.sentence(list(rows[0]), [tuple(r.values()) for r in rows], "nn")
    assert "147" in text and "side 3" in text and "ikke et styrt mål" in text


def test_the_organisation_named_filters_the_sentences(con):
    _, rows = answer(con, "innbyggere ved utgangen av 2021 i Nabovik")
    assert [r["value"] for r in rows] == [31000.0]
    _, rows = answer(con, "innbyggjarar ved utgangen av 2021 i Eksempelby")
    assert [r["value"] for r in rows] == [24427.0]


def test_a_word_no_sentence_holds_or_another_year_gives_nothing(con):
    assert answer(con, "Kor stort areal har Eksempelby i skog?") == (None, None)
    assert answer(con, "Kor stort areal har Eksempelby i 2019?") == (None, None)


def test_a_question_of_only_asking_words_does_not_apply(con):
    reading, _ = answer(con, "Hvor mye var det i Eksempelby?")
    assert reading is None
