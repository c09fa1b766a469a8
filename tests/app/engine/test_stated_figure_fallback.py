"""When no governed measure answers, the figure the report states answers: a key-figure table's row whose label prints
its own year in brackets and its words cut short ("Serviceudgifter pr. indb. (2032) (Kr.)"), a sentence that lists
figures one to a clause ("… 4 milliarder kroner på service, 1,2 milliarder kroner på overførselsindkomster og 150
millioner på anlæg"), a name or row written in another Nordic spelling ("hamn" ~ "havn", "kvinnor" ~ "kvinner"). A year
or an organisation the reports do not cover stays unanswered, and of a listing sentence only the figure its clause
names is given. Invented reports and cells."""
from __future__ import annotations

import pytest

from app.engine.engine import ask
from app.engine.evidence import _cell_year, abbreviations, best_cells
from app.engine.families.label_search import _forms
from app.engine.families.prose_rank import clause_named, clause_of
from app.engine.wordforms import stem
from tests.app.engine.conftest import row_values


def _cell(row, column, value, year=2031):
    return {"file_name": "f.md", "page": 1, "line": 1, "table_number": 1, "caption": "Økonomi - udgifter",
            "heading_path": "", "row_label": row, "column_label": column, "column_year": None, "value_year": year,
            "value": value, "is_percent": False, "scenario": "other"}


def test_a_row_label_prints_its_own_year():
    assert _cell_year(_cell("Serviceudgifter pr. indb. (2032) (Kr.)", "Nordby", 1.0)) == 2032
    assert _cell_year(_cell("Serviceudgifter pr. indb. (Kr.)", "Nordby", 1.0)) == 2031  # none printed: filed year
    assert _cell_year(_cell("Udgifter 2030 (2031) (2032)", "Nordby", 1.0)) == 2031  # two printed: not told
    assert _cell_year({**_cell("Serviceudgifter (2032)", "x", 1.0), "column_year": 2030}) == 2030  # a column's own


def test_bracketed_notes_are_no_words_of_a_label():
    assert abbreviations("Indtægter fra selskabsskat pr. indb. (2032) (Kr.)") == frozenset({"indb"})
    assert abbreviations("Dette er en lang setning om noe helt annet enn tall i budsj.") == frozenset()


def test_the_row_for_the_year_its_label_prints_answers():
    cs = [(w, _forms(w, False)) for w in ("serviceutgifter", "innbygger")]
    cells = [_cell("Serviceudgifter pr. indb. (2031) (Kr.)", "Nordby", 48600.0, year=2030),
             _cell("Serviceudgifter pr. indb. (2032) (Kr.)", "Nordby", 49700.0, year=2031),
             _cell("Udgifter i alt pr. indb. (2032) (Kr.)", "Nordby", 74000.0, year=2031)]
    assert [c["value"] for c in best_cells(cs, cells, [], [2032])] == [49700.0]
    assert [c["value"] for c in best_cells(cs, cells, [], [2031])] == [48600.0]
    assert best_cells(cs, cells, [], [2029]) is None  # a year no row prints


@pytest.mark.parametrize(("one", "other"), [
    ("hamn", "havn"), ("hamnevesen", "havnevesen"), ("kvinnor", "kvinner"), ("kvinder", "kvinner"), ("män", "menn"),
    ("overførselsindkomster", "overføringsinntekter"), ("inkomster", "inntekter"), ("regnskab", "regnskap"),
])
def test_nordic_spellings_of_one_word_stem_alike(one, other):
    assert stem(one) == stem(other)


LISTING = ("Nordby Kommune har i 2031 brugt 4 milliarder kroner på service til borgerne, 1,2 milliarder kroner på "
           "overførselsindkomster og godt 150 millioner på anlæg.")


def _held(words):
    return lambda text: sum(w in text.lower() for w in words)


def test_a_listing_sentence_names_the_figure_of_each_clause():
    figures = [("a", LISTING, "4 milliarder kroner"), ("b", LISTING, "1,2 milliarder kroner"),
               ("c", LISTING, "150 millioner")]
    assert clause_of(LISTING, "150 millioner") == "godt 150 millioner på anlæg."
    assert clause_named(figures, _held(["overførselsindkomst"])) == {LISTING: "b"}
    assert clause_named(figures, _held(["anlæg"])) == {LISTING: "c"}
    assert clause_named(figures, _held(["kommune"])) == {}  # a word before every figure names none of them


@pytest.mark.parametrize(("sentence", "figures"), [
    # the measure's word before the first figure is the whole sentence's subject
    ("Helsetunet hadde et sykefravær på 9,5 prosent i første kvartal, og for hele året havnet det på 11,7 prosent.",
     ("9,5 prosent", "11,7 prosent")),
    # a relative clause says what the clause before it names
    ("Det settes 2,3 mill. kr av til disposisjonsfond, som dermed er 15,6 mill. kr.", ("2,3 mill. kr", "15,6 mill. kr")),
    # a clause with nothing of its own after its figure goes on about another clause's words
    ("Lånegjelda utgjer kr 87 851 pr. innbyggar, gjennomsnittet for landet er kr 78 172.", ("kr 87 851", "kr 78 172")),
    ("Det vart i 2031 utbetalt 263,8 mill. kr i fastløn, ein auke på 6,5 % frå 2030.", ("263,8 mill. kr", "6,5 %")),
    # a clause that is its figure and a year alone says the first clause's thing of another year
    ("Netto driftsresultat var 2,6 prosent av driftsinntektene i 2030 og 0,7 prosent i 2031.", ("2,6 prosent",
                                                                                                "0,7 prosent")),
    # two figures of one clause are not told apart by it
    ("Utførte årsverk (inkludert 2,9 årsverk til drift): 144,1", ("2,9 årsverk", "144,1")),
])
def test_clauses_that_do_not_list_tell_no_figure_apart(sentence, figures):
    listed = [(str(i), sentence, printed) for i, printed in enumerate(figures)]
    assert clause_named(listed, _held(["sykefravær", "disposisjonsfond", "årsverk", "innbyggar", "fastløn",
                                          "netto", "driftsresultat", "driftsinntekt"])) == {}


REPORTS = {
    "nordby_kommune_regnskab_2031.md": (
        "# Nordby Kommune – Regnskab 2031\n\n## Årets regnskab\n\n" + LISTING + "\n\n"
        "Tabel 1 Nøgletal\n\n| Nøgletal | Nordby | Landet |\n|---|---|---|\n"
        "| Serviceudgifter pr. indb. (2032) (Kr.) | 51.250 | 47.100 |\n"
        "| Udgifter i alt pr. indb. (2032) (Kr.) | 76.300 | 71.900 |\n"),
}


@pytest.fixture(scope="module")
def warehouse(warehouse_over_reports):
    return warehouse_over_reports(REPORTS, "stated_figure_fallback")


def test_the_listed_figure_its_clause_names_answers(warehouse):
    result = ask("Hvor mye brukte Nordby kommune på overføringsinntekter i 2031?", warehouse=warehouse)
    assert result["status"] == "ok", result["answer"]
    assert row_values(result) == [1.2e9], result["answer"]
    assert "ikke et styrt mål" in result["answer"], result["answer"]  # said as stated in the report


def test_a_key_figure_row_answers_for_the_year_it_prints(warehouse):
    result = ask("Serviceutgifter per innbygger i Nordby 2032", warehouse=warehouse)
    assert result["status"] == "ok", result["answer"]
    assert row_values(result) == [51250], result["answer"]
    assert "nordby_kommune_regnskab_2031.md" in result["answer"], result["answer"]


@pytest.mark.parametrize("question", [
    "Serviceutgifter per innbygger i Nordby 2029",  # a year no row prints
    "Serviceutgifter per innbygger i Sørby 2032",  # an organisation not loaded
    "Hvor mye brukte Nordby kommune på overføringsinntekter i 2028?",  # a year the sentence is not about
    "Hvor mye brukte Nordby kommune på barnehager i 2031?",  # a measure no text states
])
def test_what_the_reports_do_not_state_stays_unanswered(warehouse, question):
    result = ask(question, warehouse=warehouse)
    assert result["status"] != "ok", result["answer"]
    assert not {1.2e9, 51250, 4e9, 1.5e8} & set(row_values(result)), result["answer"]


@pytest.mark.parametrize(("sentence", "printed", "asked", "named"), [
    ("Kommunen fikk inn 19,1 millioner kroner i eiendomsskatt og utbytte/renter fra Nordby Energi AS var på 15,2 "
     "millioner kroner.", ("19,1 millioner kroner", "15,2 millioner kroner"), ["utbytte", "renter", "energi"], "1"),
    ("Nordby fikk 4 mill. kr i konsesjonsavgift, mens utbyttet fra kraftselskapet var 9 mill. kr.",
     ("4 mill. kr", "9 mill. kr"), ["utbytte", "kraftselskap"], "1"),
    ("The council spent NOK 12 million on roads and school buildings cost NOK 30 million.",
     ("NOK 12 million", "NOK 30 million"), ["school", "building"], "1"),
    ("Kommunen brukte 12 mnkr på vägar och skolbyggnaderna kostade 30 mnkr.", ("12 mnkr", "30 mnkr"),
     ["väg", "brukte"], "0"),
])
def test_the_clause_holding_most_of_the_question_names_its_figure(sentence, printed, asked, named):
    figures = [(str(i), sentence, p) for i, p in enumerate(printed)]
    assert clause_named(figures, _held(asked)) == {sentence: named}


def test_one_word_in_the_first_clause_names_no_figure():
    sentence = "Sykefraværet var 9,5 prosent i første kvartal, og for hele året 11,7 prosent."
    figures = [("0", sentence, "9,5 prosent"), ("1", sentence, "11,7 prosent")]
    assert clause_named(figures, _held(["sykefravær"])) == {}
