"""Label search (app.engine.families.label_search): a question whose measure is no catalog metric is answered from
the rows, captions and sentences an invented warehouse prints for the organisation asked, found by the question's
words in bokmål, nynorsk or English (stems, compound parts, the en->nb glossary, spelling slips); several unrelated
rows that fit equally are named, never one picked; a question no label holds is left to the "which measure" refusal.
Also: a hyphenated English measure name is the spaced one ("sick-leave rate")."""
from __future__ import annotations

import duckdb
import pytest

from app.engine.catalog_model import Metric
from app.engine.families import label_search
from app.engine.families.base import Question, Reading, Refusal
from app.engine.planner import find_metrics

SOR = "sorvik_kommune_arsrapport_2022.txt"
AUS = "austby_herad_arsmelding_2022.txt"


@pytest.fixture(scope="module")
def organisations():
    return {"sorvik": ("Sørvik kommune", "sørvik kommune", "sørvik"),
            "austby": ("Austby herad", "austby herad", "austby")}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    path = tmp_path_factory.mktemp("label-search") / "w.duckdb"
    c = duckdb.connect(str(path))
    c.execute("""create table fct_report_cell (organisation text, file_name text, page integer, table_number integer,
        caption text, row_label text, column_label text, value_year integer, scenario text, value double, excerpt text)""")
    rows = [
        ("Sørvik kommune", SOR, 4, 1, "Balanse", "Sum eiendeler", 1234000.0),
        ("Sørvik kommune", SOR, 4, 1, "Balanse", "Sum gjeld", 900000.0),
        ("Sørvik kommune", SOR, 5, 2, "Drift", "Brutto driftsutgifter", 700000.0),
        ("Sørvik kommune", SOR, 5, 2, "Drift", "Sum driftsutgifter", 746000.0),
        ("Sørvik kommune", SOR, 6, 3, "Hendelser etter prioritet", "Prioritet A", 12.0),
        ("Sørvik kommune", SOR, 6, 3, "Hendelser etter prioritet", "Prioritet B", 30.0),
        ("Sørvik kommune", SOR, 6, 3, "Hendelser etter prioritet", "Prioritet C", 55.0),
        ("Sørvik kommune", SOR, 7, 4, "Brann", "Unødige alarmer", 20.0),
        ("Sørvik kommune", SOR, 8, 5, "Vakt", "Falske alarmer", 25.0),
        ("Sørvik kommune", SOR, 9, 6, "Finans", "Renteutgifter", 44.0),
        ("Sørvik kommune", SOR, 9, 6, "Finans", "Disposisjonsfond", 88.0),
        ("Austby herad", AUS, 2, 1, "Brannvesenet", "Utrykkingar", 140.0),
        ("Austby herad", AUS, 2, 1, "Brannvesenet", "Unødige alarmar", 31.0),
        ("Austby herad", AUS, 3, 2, "Balanse", "Sum immatrielle eigedelar", 9322.0),
    ]
    c.executemany("insert into fct_report_cell values (?, ?, ?, ?, ?, ?, '2022', 2022, 'actual', ?, '')", rows)
    c.execute("""create table fct_report_prose_figure (figure_id text, organisation text, report_year integer,
        file_name text, page integer, line integer, topic text, value double, unit text, value_year integer,
        printed text, text text)""")
    c.executemany("insert into fct_report_prose_figure values (" + ", ".join("?" * 12) + ")", [
        ("p1", "Austby herad", 2022, AUS, 1, 4, "Heradet fekk", 12.5e6, "nok", 2022, "12,5 millionar",
         "Heradet fekk 12,5 millionar i utbetaling frå havbruksfondet i 2022."),
        ("p4", "Austby herad", 2022, AUS, 1, 8, "Frie inntekter pr. innbyggar", 65293.0, "nok", 2022, "kr 65 293",
         "Frie inntekter pr. innbyggar blei kr 65 293."),
        ("p2", "Austby herad", 2022, AUS, 1, 6, "innbyggjarar", 4210.0, "count", 2022, "4 210",
         "Ved utgangen av året budde det 4 210 innbyggjarar i heradet, og 312 av dei var over 80 år."),
        ("p3", "Austby herad", 2022, AUS, 1, 6, "over 80 år", 312.0, "count", 2022, "312",
         "Ved utgangen av året budde det 4 210 innbyggjarar i heradet, og 312 av dei var over 80 år."),
    ])
    c.execute("create table dim_document (file_name text, organisation text, title text, report_year integer)")
    c.executemany("insert into dim_document values (?, ?, null, 2022)", [(SOR, "Sørvik kommune"), (AUS, "Austby herad")])
    c.close()
    return path


def _values(question, lang, vocab, con):
    found = label_search.read(Question.parse(question, lang), vocab)
    assert isinstance(found, Reading), found
    cur = con.execute(found.sql)
    cols = [d[0] for d in cur.description]
    return found, sorted(r[cols.index("value")] for r in cur.fetchall())


@pytest.mark.parametrize(("question", "lang", "values"), [
    ("What were the total assets of Sørvik kommune in 2022?", "en", [1234000.0]),
    ("Hva var sum eiendeler i Sørvik i 2022?", "nb", [1234000.0]),
    ("How many false alarms did Austby have in 2022?", "en", [31.0]),
    ("How many call-outs did Austby herad have in 2022?", "en", [140.0]),
    ("Kor mange utrykkingar hadde Austby herad i 2022?", "nn", [140.0]),
    ("What did it cost to run Sørvik in 2022, all in?", "en", [746000.0]),  # the total line, not the gross one
    ("How many A or B priority incidents did Sørvik have in 2022?", "en", [12.0, 30.0]),
    ("intangible assets Austby herad 2022", "nb", [9322.0]),  # keyword style; the report's own spelling slip
    ("What were Sørvik's interest expenses in 2022?", "en", [44.0]),
    # the count of inhabitants, never the figure per inhabitant another sentence states
    ("Hvor mange innbyggere hadde Austby herad i 2022?", "nb", [4210.0]),
])
def test_a_label_the_question_names_in_other_words_answers(question, lang, values, vocab, con):
    found, got = _values(question, lang, vocab, con)
    assert got == values
    assert "not a governed measure" in found.interpretation or "ikke et styrt mål" in found.interpretation


@pytest.mark.parametrize(("question", "lang"), [
    ("How much did Austby receive from the aquaculture fund in 2022?", "en"),
    ("Kor mykje fekk Austby herad frå havbruksfondet i 2022?", "nn"),
    ("Hvor mye fikk Austby fra havbruksfond i 2022?", "nb"),  # the compound as a stem of the sentence's word
])
def test_a_fund_named_in_a_sentence_answers_with_its_one_figure(question, lang, vocab, con):
    found, got = _values(question, lang, vocab, con)
    assert got == [12.5e6]
    assert found.family == "label_search"


def test_a_sentence_with_several_figures_none_named_by_its_own_words_is_no_answer(vocab):
    # "budde det" names neither figure of the sentence: never one picked
    assert label_search.read(Question.parse("How many lived in Austby herad at the end of 2022?", "en"), vocab) is None


def test_unrelated_rows_that_fit_equally_are_named_not_picked(vocab):
    found = label_search.read(Question.parse("How many false alarms did Sørvik have in 2022?", "en"), vocab)
    assert isinstance(found, Refusal) and found.status == "unanswerable"
    assert "Unødige alarmer" in found.answer and "Falske alarmer" in found.answer


@pytest.mark.parametrize(("question", "lang"), [
    ("How many fire engines did Sørvik buy in 2022?", "en"),
    ("Hvor mange brannbiler kjøpte Sørvik i 2022?", "nb"),
    ("What were the total assets of Austby herad in 2022?", "en"),  # another organisation's row: never its answer
    ("How much interest did Sørvik have in 2022?", "en"),  # "Renteutgifter" is one kind of it, not what was asked
    ("fund Sørvik kommune 2022", "en"),  # nor is "Disposisjonsfond" every fund
])
def test_nothing_the_reports_print_is_no_answer(question, lang, vocab):
    assert label_search.read(Question.parse(question, lang), vocab) is None


def test_a_norwegian_word_is_not_read_as_english():
    # "fire" is four in Norwegian, never a fire; English words are read through the glossary
    assert all("brann" not in f for _, fs in label_search.concepts(
        Question.parse("Hvor mange fire-roms leiligheter i 2022?", "nb"), set()) for f in fs)
    en = label_search.concepts(Question.parse("How many call-outs in 2022?", "en"), set())
    assert label_search.cover(en, "Utrykkingar")[0] == ["call-outs"]
    assert label_search.cover(label_search.concepts(Question.parse("fire-roms 2022", "nb"), set()), "Brann")[0] == []


@pytest.mark.parametrize("question", ["sick-leave rate Nordby 2022", "full time equivalents Nordby 2022",
                                      "year-end headcount Nordby 2022"])
def test_a_hyphenated_measure_name_is_the_spaced_one(question):
    metrics = {
        "sick": Metric("sick", "Sykefravær", "Sick leave", ("sick leave rate", "sykefravær"), "pct", False, ""),
        "fte": Metric("fte", "Årsverk", "Full-time equivalents", ("full-time equivalents", "årsverk"), "fte", None, ""),
        "staff": Metric("staff", "Ansatte ved årsslutt", "Year end headcount", ("year end headcount",), "count",
                        None, ""),
    }
    spaced = question.replace("-", " ")
    assert find_metrics(question, metrics) == find_metrics(spaced, metrics) != []


def test_a_hyphenated_one_word_name_still_forgives_a_typo():
    metrics = {"ab": Metric("ab", "A/B-hendelser", "A/B incidents", ("a/b-hendelser",), "count", False, "")}
    assert find_metrics("a/b-hendelsar 2021", metrics) == ["ab"]


def test_a_hyphenated_english_measure_is_read_as_english():
    from app.engine.answer import detect_language

    assert detect_language("sick-leave rate Nordby 2022") == detect_language("sick leave rate Nordby 2022") == "en"


def test_an_organisation_named_by_a_units_alias_is_searched_alone(con):
    # "ABH" is only a unit's alias for Austby herad: the search reads Austby's rows and sentences, never Sørvik's
    from dataclasses import replace

    from app.engine.planner import UnitRef
    from tests.app.engine.conftest import vocabulary_over

    full = vocabulary_over(con, {"sorvik": ("Sørvik kommune", "sørvik kommune"), "austby": ("Austby herad", "austby herad")})
    vocab = replace(full, unit_aliases={"abh": UnitRef(unit_key="austby", unit_name="Austby herad")},
                    unit_organisations={"austby": "Austby herad"})
    def values(question):
        found = label_search.read(Question.parse(question, "nb"), vocab)
        return [r[0] for r in con.execute(f"select value from ({found.sql}) as r").fetchall()] \
            if isinstance(found, Reading) else []

    assert 1234000.0 not in values("Sum eiendeler ABH 2022")  # Sørvik's total assets
    assert values("Hvor mange innbyggere hadde ABH i 2022?") == [4210.0]
