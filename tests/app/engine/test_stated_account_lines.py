"""An account line read from a sentence of the running text (scale_method 'prose…') is answered with the other
figures of that sentence (the percent, the other year), each with the sentence as its source; a line a table
prints gets nothing added. A question over several years whose line has only some of them is completed by the next
source (a table row, a sentence) for the years it lacks, never left as "no figure found"."""
from __future__ import annotations

import duckdb
import pytest

from app.engine import families
from app.engine.engine import QuestionEngine
from app.engine.families.base import Question, Reading
from app.engine.planner import UnitRef, Vocabulary
from app.engine.vocabulary import load_data_vocabulary

SENTENCE = "Netto driftsresultat ble 12,4 mill. kr i 2031, eller 1,8 prosent av driftsinntektene, mot 9,1 mill. kr i 2030."
OTHER = "Investeringene var 40 mill. kr."  # another sentence on the same line of the page
NN = "Brutto driftsresultat vart 30,2 millionar kroner, som er 4,4 % av driftsinntektene."


@pytest.fixture()
def warehouse(tmp_path):
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    con.execute("""create table fct_account_amount (unit_key text, account_key text, row_label text, scenario_code text,
        value_year integer, printed_amount_nok double, file_name text, page integer, line integer, excerpt text,
        is_latest boolean, statement text, row_order integer, scale_method text)""")
    rows = [
        ("netto driftsresultat", 2031, 12_400_000, "nordvik_2031.txt", 4, 7, SENTENCE, "prose: stated in the running text"),
        ("brutto driftsresultat", 2031, 30_200_000, "nordvik_2031.txt", 5, 2, NN, "prose: stated in the running text"),
        ("Sum driftsinntekter", 2031, 912_345_000, "nordvik_2031.txt", 2, 9, "Sum driftsinntekter 912 345 898 000",
         "header: beløp i 1 000 kr"),
    ]
    con.executemany("insert into fct_account_amount values ('nordvik', null, ?, 'regnskap', ?, ?, ?, ?, ?, ?, true, "
                    "'5-6', 1, ?)", rows)
    con.execute("""create table fct_report_prose_figure (figure_id text, organisation text, report_year integer,
        file_name text, page integer, line integer, topic text, value double, unit text, value_year integer,
        scenario text, printed text, text text)""")
    figures = [
        ("a", 4, 7, "Netto driftsresultat", 12_400_000, "nok", 2031, "12,4 mill. kr", SENTENCE),
        ("b", 4, 7, "driftsinntektene", 1.8, "pct", 2031, "1,8 prosent", SENTENCE),
        ("c", 4, 7, "mot", 9_100_000, "nok", 2030, "9,1 mill. kr", SENTENCE),
        ("d", 4, 7, "Investeringene", 40_000_000, "nok", 2031, "40 mill. kr", OTHER),
        ("e", 5, 2, "Brutto driftsresultat", 30_200_000, "nok", 2031, "30,2 millionar kroner", NN),
        ("f", 5, 2, "driftsinntektene", 4.4, "pct", 2031, "4,4 %", NN),
        ("g", 2, 9, "driftsinntekter", 898_000_000, "nok", 2030, "898 mill. kr", "Sum driftsinntekter 912 345 898 000"),
    ]
    con.executemany("insert into fct_report_prose_figure values (?, 'Nordvik kommune', 2031, 'nordvik_2031.txt', ?, ?, ?, "
                    "?, ?, ?, 'regnskap', ?, ?)", figures)
    con.execute("create table dim_unit as select 'nordvik' as unit_key, 'Nordvik kommune' as unit_name")
    con.execute("create table dim_account (account_key text, name_nb text)")
    present = {"fct_account_amount", "dim_unit", "dim_account", "fct_report_prose_figure"}
    vocab = Vocabulary(metrics={}, unit_aliases={"nordvik kommune": UnitRef("nordvik", "Nordvik kommune")},
                       organisations={"nordvik kommune": "nordvik", "nordvik": "nordvik"},
                       organisation_names={"nordvik": "Nordvik kommune"},
                       unit_organisations={"nordvik": "Nordvik kommune"}, tables=frozenset(present),
                       data=load_data_vocabulary(con, present))
    yield con, vocab
    con.close()


def _answer(question, con, vocab, lang="nb"):
    found = families.account_line.read(Question.parse(question, lang), vocab)
    assert isinstance(found, Reading)
    cur = con.execute(found.sql)
    columns = [d[0] for d in cur.description]
    rows = cur.fetchall()
    kept = [c for c in columns if not c.startswith("source_")]
    shown = [[r[columns.index(c)] for c in kept] for r in rows]
    return kept, shown, [dict(zip(columns, r)) for r in rows], found.sentence(kept, shown, lang)


def test_a_line_read_from_a_sentence_shows_the_sentences_other_figures(warehouse):
    con, vocab = warehouse
    assert vocab.data.account_stated
    columns, rows, full, text = _answer("netto driftsresultat Nordvik kommune 2031", con, vocab)
    assert [r[columns.index("amount_nok")] for r in rows if r[columns.index("amount_nok")] is not None] == [12_400_000]
    stated = {(r[columns.index("stated")], r[columns.index("year")]) for r in rows if r[columns.index("stated")]}
    assert stated == {(1.8, 2031), (9_100_000, 2030)}  # the percent and the other year; never the other sentence's 40
    assert all(d["source_excerpt"] == SENTENCE for d in full)  # each figure traced to the sentence it is read from
    assert "oppgitt i rapportteksten" in text and "1,8 prosent (2031)" in text and "9,1 mill. kr (2030)" in text


def test_nynorsk_and_english_answers_show_them_too(warehouse):
    con, vocab = warehouse
    columns, rows, _, text = _answer("Kva vart brutto driftsresultat for Nordvik kommune i 2031, i kroner og prosent?",
                                     con, vocab)
    assert {r[columns.index("stated")] for r in rows} - {None} == {4.4}
    _, _, _, text = _answer("gross operating result Nordvik kommune 2031", con, vocab, lang="en")
    assert "stated in the report text" in text and "The same sentence also states: 4,4 % (2031)" in text


def test_a_line_a_table_prints_gets_no_sentence_figures(warehouse):
    con, vocab = warehouse
    columns, rows, _, text = _answer("sum driftsinntekter Nordvik kommune 2031", con, vocab)
    assert [r[columns.index("amount_nok")] for r in rows] == [912_345_000]
    assert "rapportteksten" not in text and "Samme setning" not in text


class _Later:
    """A later fallback source: its answer is given."""

    def __init__(self, answer):
        self.answer = answer

    def read(self, q, vocab):
        return Reading("later", "test", "select 1", "later", sentence=lambda c, r, lang: "")


def _engine(answers):
    engine = QuestionEngine.__new__(QuestionEngine)
    engine.vocab = None
    queue = list(answers)
    engine._answer_family = lambda question, found: queue.pop(0)
    return engine


def _ok(year_values, text):
    return {"status": "ok", "columns": ["unit", "year", "amount_nok"], "answer": text, "sql": "select 1",
            "rows": [["Nordvik kommune", y, v] for y, v in year_values], "sources": []}


def test_a_year_the_line_lacks_comes_from_the_next_source():
    question = "Netto driftsresultat Nordvik kommune 2030 og 2031"
    line = _ok([(2031, 12_400_000)], "Linja 2031.")
    sentence = _ok([(2030, 9_100_000)], "Setninga 2030.")
    merged = _engine([sentence])._other_years(question, Question.parse(question, "nb"), line, (_Later(sentence),))
    years = {r[merged["columns"].index("year")] for r in merged["rows"]}
    assert merged["status"] == "ok" and years == {2030, 2031} and "Linja 2031." in merged["answer"]


def test_an_answer_with_every_year_or_a_source_without_the_missing_year_stays_as_it_is():
    question = "Netto driftsresultat Nordvik kommune 2030 og 2031"
    line = _ok([(2031, 12_400_000)], "Linja 2031.")
    same_year = _ok([(2031, 12_400_000)], "Same.")
    q = Question.parse(question, "nb")
    assert _engine([same_year])._other_years(question, q, line, (_Later(same_year),)) is line
    both = _ok([(2030, 9_100_000), (2031, 12_400_000)], "Begge.")
    assert _engine([])._other_years(question, q, both, (_Later(line),)) is both


def test_budget_and_accounts_asked_together_keep_the_deviation_beside_the_sentences_figures(warehouse):
    con, vocab = warehouse
    con.execute("insert into fct_account_amount values ('nordvik', null, 'netto driftsresultat', 'revidert_budsjett', "
                "2031, 10000000, 'nordvik_2031.txt', 3, 1, 'Netto driftsresultat 10 000', true, '5-6', 1, 'header')")
    columns, rows, _, text = _answer("netto driftsresultat Nordvik kommune 2031 regnskap mot budsjett", con, vocab)
    assert "deviation_nok" in columns and 1.8 in {r[columns.index("stated")] for r in rows}
    assert "Avvik (budsjett minus regnskap)" in text and "-2 400 000" in text.replace("−", "-").replace("\xa0", " ")
