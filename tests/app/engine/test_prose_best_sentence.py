"""The sentence of the report text that a question asks about, chosen by how well its words cover the question's
content words (stems, compound parts, English words through their Norwegian words and the glossary), the figure of the
kind asked first; refused when no sentence covers the words well enough. Invented sentences, bokmål and nynorsk text,
Norwegian and English questions."""
from __future__ import annotations

from types import SimpleNamespace

import duckdb
import pytest

from app.engine.families import prose
from app.engine.families.base import Question, Reading
from app.engine.families.scope import name_stems

F = "strandby_kommune_arsmelding_2041.txt"
G = "fjellbygd_kommune_arsmelding_2041.txt"
ORG, ORG2 = "Strandby kommune", "Fjellbygd kommune"
ROWS = [
    (ORG, F, 4, 1, 146400.0, "other", "146 400 tonn", "I 2041 samlet Strandby inn 146 400 tonn avfall totalt."),
    (ORG, F, 4, 2, 62.5, "pct", "62,5 %", "Materialgjenvinningsgraden for avfall var 62,5 % i 2041."),
    (ORG, F, 4, 3, 18.0, "count", "18", "Kommunen har 18 returpunkt for avfall."),
    (ORG, F, 7, 1, 12.3e6, "nok", "12,3 mill. kr", "Staten betalte tilbake 12,3 mill. kr i konsesjonskraftmidlar."),
    (ORG, F, 7, 2, 40.0e6, "nok", "40 mill. kr", "Fylkesvegane får 40 mill. kr i ekstra midlar i 2041."),
    (ORG, F, 7, 3, 9.8e6, "nok", "9,8 mill. kr", "Billettinntektene auka til 9,8 mill. kr."),
    (ORG, F, 7, 4, 3.1e6, "nok", "3,1 mill. kr", "Tiltaka gav ei innsparing på 3,1 mill. kr i administrasjonen."),
    (ORG, F, 8, 1, 24.5, "pct", "24,5 %", "Kommunen har ein eigarandel på 24,5 % i vassverket."),
    (ORG2, G, 3, 1, 5.0e6, "nok", "5 mill. kr", "Kommunestyret bevilget 5 mill. kr til nye gang- og sykkelveier."),
    (ORG2, G, 3, 2, 214.0, "count", "214", "Opptaket til kulturskolen var 214 elever i 2041."),
    (ORG2, G, 5, 1, 9.0, "count", "9 barnehagar", "Vi har 9 barnehagar med plass til vel 640 barn."),
    (ORG2, G, 5, 1, 640.0, "persons", "vel 640 barn", "Vi har 9 barnehagar med plass til vel 640 barn."),
]


@pytest.fixture(scope="module")
def con():
    c = duckdb.connect()
    c.execute("create table fct_report_prose_figure (organisation varchar, report_year integer, file_name varchar, "
              "page integer, line integer, value double, unit varchar, value_year integer, printed varchar, text varchar, "
              "figure_id varchar, topic varchar)")
    c.executemany("insert into fct_report_prose_figure values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  [(o, 2041, f, p, ln, v, u, 2041, pr, t, f"f{i}", t[:30]) for i, (o, f, p, ln, v, u, pr, t) in enumerate(ROWS)])
    yield c
    c.close()


DATA = SimpleNamespace(
    prose=True,
    prose_figures=tuple((f"f{i}", r[1], 2041, 2041, r[7][:30], r[7], r[5]) for i, r in enumerate(ROWS)),
    prose_printed={f"f{i}": r[6] for i, r in enumerate(ROWS)},
    documents=tuple(SimpleNamespace(file_name=f, organisation=o, title=None, name_stems=name_stems(f, o, ""),
                                    scope_name=None) for f, o in ((F, ORG), (G, ORG2))),
    prose_known=frozenset(),
    cells=None,
)
VOCAB = SimpleNamespace(
    data=DATA, tables=frozenset({"fct_report_prose_figure"}), unit_aliases={},
    organisations={"strandby kommune": "strandby", "strandby": "strandby", "fjellbygd kommune": "fjellbygd",
                   "fjellbygd": "fjellbygd"},
    organisation_names={"strandby": ORG, "fjellbygd": ORG2},
)


def answer(con, text, lang="nb"):
    found = prose.read(Question.parse(text, lang), VOCAB)
    if not isinstance(found, Reading):
        return found, []
    cur = con.execute(found.sql)
    columns = [d[0] for d in cur.description]
    return found, [dict(zip(columns, r)) for r in cur.fetchall()]


@pytest.mark.parametrize(("question", "lang", "value"), [
    ("Hvor mye avfall samlet Strandby inn totalt i 2041?", "nb", 146400.0),
    ("Kor mykje avfall vart samla inn i Strandby i 2041?", "nn", 146400.0),
    ("How much waste did Strandby collect in 2041?", "en", 146400.0),
    ("How much concession power money did the state pay back to Strandby?", "en", 12.3e6),
    ("How much extra money goes to county roads in Strandby in 2041?", "en", 40.0e6),
    ("What were the fares in Strandby?", "en", 9.8e6),
    ("How large is Strandby's stake in the waterworks?", "en", 24.5),
    ("What savings in administration did Strandby make?", "en", 3.1e6),
    ("How much did Fjellbygd allocate to cycle paths?", "en", 5.0e6),
    ("What was the intake to the culture school in Fjellbygd in 2041?", "en", 214.0),
])
def test_the_sentence_that_covers_the_question_answers_with_its_figure(question, lang, value, con):
    found, rows = answer(con, question, lang)
    assert isinstance(found, Reading), found
    assert [r["value"] for r in rows] == [value]
    assert rows[0]["source_page"] in (3, 4, 7, 8)
    said = found.sentence(list(rows[0]), [tuple(r.values()) for r in rows], lang)
    assert rows[0]["source_excerpt"][:20] in said or "«" in said


def test_the_figure_of_the_kind_asked_from_sentences_that_hold_the_same_word(con):
    _, rows = answer(con, "Hvor mange returpunkt for avfall har Strandby?", "nb")
    assert [r["value"] for r in rows] == [18.0]
    _, rows = answer(con, "Hvor stor andel avfall hadde Strandby i 2041?", "nb")
    assert [r["value"] for r in rows] == [62.5]


@pytest.mark.parametrize(("question", "lang"), [
    ("How much did Strandby spend on snow clearing in 2041?", "en"),
    ("Hvor mange sykehjemsplasser har Strandby?", "nb"),
    ("What were the fares in Fjellbygd?", "en"),
])
def test_no_sentence_covers_the_words_and_nothing_is_answered(question, lang, con):
    found, rows = answer(con, question, lang)
    assert not isinstance(found, Reading), (found, rows)


@pytest.mark.parametrize(("question", "value"), [
    ("Kor mange barneplassar hadde Fjellbygd i 2041?", 640.0),
    ("Kor mange barnehagar hadde Fjellbygd i 2041?", 9.0),
])
def test_of_one_sentences_figures_the_one_printed_with_what_is_counted(question, value, con):
    found, rows = answer(con, question, "nn")
    assert isinstance(found, Reading), found
    assert [r["value"] for r in rows] == [value]
