"""A question that asks a number and a percent together ("tal og prosent", "number and percentage") gets both figures
of the sentence, each of its kind, while one that asks the percent alone gets the percent; and an English question's
"overall … rate" words ask no word of their own of the sentence ("overall attendance rate" is the sentence's
"Samlet nærværsprosent"). Invented sentences."""
from __future__ import annotations

from types import SimpleNamespace

import duckdb
import pytest

from app.engine.asked_unit import unit_asked
from app.engine.families import prose
from app.engine.families.base import Question, Reading
from app.engine.families.scope import name_stems

FILE = "eksempelby_2031.txt"
ORG = "Eksempelby kommune"
ROWS = [  # (line, value, unit, printed, text)
    (3, 1234.0, "count", "1 234", "Heilt arbeidsledige pr. 28.02.31 1 234 (2,5 %)"),
    (3, 2.5, "pct", "2,5 %", "Heilt arbeidsledige pr. 28.02.31 1 234 (2,5 %)"),
    (5, 91.2, "pct", "91,2 %", "Samlet nærværsprosent for 3. kvartal 2031 er på 91,2 %."),
]


@pytest.fixture()
def con():
    c = duckdb.connect()
    c.execute("create table fct_report_prose_figure (figure_id varchar, organisation varchar, report_year integer, "
              "file_name varchar, page integer, line integer, topic varchar, value double, unit varchar, "
              "value_year integer, printed varchar, text varchar)")
    c.executemany("insert into fct_report_prose_figure values (?, ?, 2031, ?, 1, ?, null, ?, ?, 2031, ?, ?)",
                  [(f"f{i}", ORG, FILE, *r) for i, r in enumerate(ROWS)])
    yield c
    c.close()


VOCAB = SimpleNamespace(
    data=SimpleNamespace(
        prose=True,
        prose_figures=tuple((f"f{i}", FILE, 2031, 2031, None, r[4], r[2]) for i, r in enumerate(ROWS)),
        documents=(SimpleNamespace(file_name=FILE, organisation=ORG, title=None, scope_name=None,
                                   name_stems=name_stems(FILE, ORG, "")),),
        prose_known=frozenset(), cells=None),
    tables=frozenset({"fct_report_prose_figure"}),
    organisations={"eksempelby kommune": "eksempelby", "eksempelby": "eksempelby"},
    organisation_names={"eksempelby": ORG},
)


def values(con, text, lang):
    reading = prose.read(Question.parse(text, lang), VOCAB)
    assert isinstance(reading, Reading), reading
    cur = con.execute(reading.sql)
    columns = [d[0] for d in cur.description]
    return sorted(r[columns.index("value")] for r in cur.fetchall())


@pytest.mark.parametrize(("question", "lang"), [
    ("Heilt arbeidsledige i Eksempelby kommune per 28.02.31 – tal og prosent", "nn"),
    ("Wholly unemployed (heilt arbeidsledige) in Eksempelby kommune, number and percentage", "en"),
])
def test_a_number_and_a_percent_asked_together_are_both_given(con, question, lang):
    assert unit_asked(question) is None
    assert values(con, question, lang) == [2.5, 1234.0]


def test_the_percent_alone_asked_is_the_percent(con):
    assert values(con, "Heilt arbeidsledige i prosent i Eksempelby kommune per 28.02.31", "nn") == [2.5]


def test_overall_and_rate_ask_no_word_of_their_own(con):
    question = "What was Eksempelby kommune's overall attendance rate in Q3 2031?"
    assert values(con, question, "en") == [91.2]
