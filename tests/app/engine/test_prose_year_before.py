"""A figure of the report text asked with "the year before" ("…i skoleåret 2030-31, og hva var det året før?", "and
the previous year"): a sentence stating both years answers both; the words that ask for the year before are no
topic a sentence must hold. Invented texts in bokmål, nynorsk and English."""
from __future__ import annotations

from types import SimpleNamespace

import duckdb
import pytest

from app.engine.families import prose
from app.engine.families.base import Question, Reading
from app.engine.families.scope import name_stems

FILE = "nordvik_fylkeskommune_arsrapport_2031.txt"
ROWS = [  # value_year, value, unit, printed, topic, text
    (2030, 84.4, "pct", "84,4 prosent", "fullførte besto økte",
     "Andelen som fullførte og besto økte fra 84,4 prosent i 2030-31 til 85,4 prosent i 2031-32."),
    (2031, 85.4, "pct", "85,4 prosent", "besto økte prosent",
     "Andelen som fullførte og besto økte fra 84,4 prosent i 2030-31 til 85,4 prosent i 2031-32."),
    (2030, 25.0, "count", "25 ulike", "programmer tiltak",
     "Elevene kunne velge mellom 25 ulike programmer før de fullførte videregående i skoleåret."),
]


@pytest.fixture(scope="module")
def con():
    c = duckdb.connect()
    c.execute("create table fct_report_prose_figure (figure_id varchar, organisation varchar, report_year integer, "
              "file_name varchar, page integer, line integer, value double, unit varchar, value_year integer, "
              "printed varchar, topic varchar, text varchar)")
    c.executemany("insert into fct_report_prose_figure values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  [(f"f{i}", "Nordvik fylkeskommune", 2031, FILE, 1, 10 + i, v, u, y, p, t, x)
                   for i, (y, v, u, p, t, x) in enumerate(ROWS)])
    yield c
    c.close()


VOCAB = SimpleNamespace(
    data=SimpleNamespace(
        prose=True, cells=None, prose_known=frozenset(),
        prose_figures=tuple((f"f{i}", FILE, y, 2031, t, x, u) for i, (y, v, u, p, t, x) in enumerate(ROWS)),
        documents=(SimpleNamespace(file_name=FILE, organisation="Nordvik fylkeskommune", title="Årsrapport 2031",
                                   report_year=2031, scope_name=None,
                                   name_stems=name_stems(FILE, "Nordvik fylkeskommune", "Årsrapport 2031")),)),
    tables=frozenset({"fct_report_prose_figure"}),
    organisations={"nordvik fylkeskommune": "nordvik", "nordvik": "nordvik"},
    organisation_names={"nordvik": "Nordvik fylkeskommune"}, unit_aliases={},
)


@pytest.mark.parametrize(("question", "lang"), [
    ("Hvor stor andel i Nordvik fullførte og besto i skoleåret 2031-32, og hva var det året før?", "nb"),
    ("Kor stor del i Nordvik fullførte og besto i 2031, samanlikna med året før?", "nn"),
    ("What share in Nordvik completed and passed (fullførte og besto) in 2031, and the previous year?", "en"),
])
def test_a_sentence_stating_the_year_and_the_one_before_answers_both(con, question, lang):
    q = Question.parse(question, lang)
    assert prose.asked_years(q) == {2030, 2031}
    found = prose.read(q, VOCAB)
    assert isinstance(found, Reading)
    values = {r[0] for r in con.execute(f"select value from ({found.sql})").fetchall()}
    assert {84.4, 85.4} <= values and 25.0 not in values


def test_one_year_asked_is_that_year_only():
    assert prose.asked_years(Question.parse("Hvor stor andel fullførte i 2031?", "nb")) == {2031}
