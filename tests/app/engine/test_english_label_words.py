"""English questions whose words differ from the Norwegian words a report prints: word translations ("fixed salary"
~ "fastløn", "political governance" ~ "politisk styring", "false alarms" ~ "unødige alarmar"), English word pairs
that are one Norwegian word ("long-term debt" ~ "langsiktig gjeld"), and nynorsk forms of bokmål words, over an
invented report's labels and sentences."""
from __future__ import annotations

import duckdb
import pytest

from app.engine import families
from app.engine.families.base import Question, Reading
from app.engine.wordforms import LabelIndex, norwegian_words, nynorsk_forms, stem

FILE = "nordvik_kommune_arsmelding_2017.txt"


@pytest.fixture(scope="module")
def organisations():
    return {"nordvik": ("Nordvik kommune", "nordvik kommune", "nordvik")}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    path = tmp_path_factory.mktemp("english-label-words") / "w.duckdb"
    c = duckdb.connect(str(path))
    c.execute("""create table fct_report_prose_figure (figure_id text, organisation text, report_year integer,
        file_name text, page integer, line integer, topic text, value double, unit text, value_year integer,
        printed text, text text)""")
    c.executemany("insert into fct_report_prose_figure values (" + ", ".join("?" * 12) + ")", [
        ("d1", "Nordvik kommune", 2017, FILE, 1, 3, "langsiktig lånegjeld", 504e6, "nok", 2017, "kr 504 millionar",
         "Kommunen har per 31.12.2017 kr 504 millionar i langsiktig lånegjeld."),
        ("d2", "Nordvik kommune", 2017, FILE, 1, 4, "driftsinntekter", 390e6, "nok", 2017, "kr 390 millionar",
         "Driftsinntektene var kr 390 millionar."),
        ("f1", "Nordvik kommune", 2017, FILE, 2, 9, "fastløn", 263.8e6, "nok", 2017, "263,8 mill. kr",
         "Det vart i 2017 utbetalt 263,8 mill. kr i fastløn."),
        ("f2", "Nordvik kommune", 2017, FILE, 2, 10, "variabel løn", 47e6, "nok", 2017, "47 mill. kr",
         "Variabel løn utgjorde 47 mill. kr."),
        ("b1", "Nordvik kommune", 2017, FILE, 3, 2, "unødige alarmar", 31.0, "count", 2017, "31 unødige",
         "Brannvesenet rykte ut 12 gonger til brann og 31 unødige alarmar."),
    ])
    c.execute("create table dim_document (file_name text, organisation text, title text, report_year integer)")
    c.execute("insert into dim_document values (?, 'Nordvik kommune', null, 2017)", [FILE])
    c.close()
    return path


def _prose(question, vocab, con):
    found = families.prose.read(Question.parse(question, "en"), vocab)
    assert isinstance(found, Reading), found
    cur = con.execute(found.sql)
    cols = [d[0] for d in cur.description]
    return sorted(r[cols.index("value")] for r in cur.fetchall())


def test_an_english_word_pair_is_one_norwegian_word():
    assert norwegian_words(["long", "term", "debt"]) == ["langsiktig", "gjeld"]
    assert norwegian_words(["short", "term", "debt"]) == ["kortsiktig", "gjeld"]
    assert norwegian_words(["fixed", "salary"]) == ["fast", "lønn"]
    assert "løn" in nynorsk_forms("lønn") and "sjuk" in nynorsk_forms("syk")
    assert stem("fastløn") == stem("fastlønn")  # nynorsk compounds in -løn read as -lønn


@pytest.mark.parametrize(("question", "label"), [
    ("net operating expenses for political governance 2022", "Politisk styring"),
    ("How much long-term debt did the municipality have?", "Langsiktig gjeld"),
    ("How many false alarms were there?", "Unødige alarmar"),
    ("fixed salaries 2022", "Fastløn"),
    ("variable pay 2022", "Variabel løn"),
])
def test_an_english_question_names_the_norwegian_label(question, label):
    index = LabelIndex(["Politisk styring", "Langsiktig gjeld", "Unødige alarmar", "Fastløn", "Variabel løn",
                        "Sum driftsinntekter"])
    assert label in [m.label for m in index.match(index.terms(question))]


@pytest.mark.parametrize(("question", "values"), [
    ("Nordvik long-term debt at the end of 2017", [504e6]),
    ("How much was paid out in fixed salaries in Nordvik in 2017?", [263.8e6]),
    ("How many false alarms did the Nordvik fire service have in 2017?", [31.0]),
])
def test_an_english_question_finds_the_sentence_in_nynorsk(question, values, vocab, con):
    assert _prose(question, vocab, con) == values


def test_an_english_question_the_text_does_not_hold_finds_nothing(vocab):
    assert families.prose.read(Question.parse("Nordvik short-term debt at the end of 2017", "en"), vocab) is None


@pytest.mark.parametrize(("question", "labels", "word"), [
    ("How much was paid out in fixed salaries in 2022?", ["Lønnsutgifter"], "fixed"),
    ("net operating result 2022", ["Brutto driftsresultat"], "net"),
    ("net operating result 2022", ["Netto driftsresultat"], None),
    ("total operating expenses 2022", ["Sum driftsutgifter"], None),
    ("sales and user fees 2022", ["Sals- og leigeinntekter", "Brukerbetalinger"], None),
    ("income and wealth tax 2018", ["Skatt på inntekt og formue"], None),
])
def test_a_word_that_narrows_an_account_line_is_not_read_as_the_whole_line(question, labels, word):
    from app.engine.families.cell_lookup import narrowing_word

    assert narrowing_word(Question.parse(question, "en"), labels) == word
    assert narrowing_word(Question.parse(question, "nb"), labels) is None  # English words only
