"""A report cell or sentence answers only when what it counts is what the question asks. Invented reports, refreshed
through the real flow:

- a page's running head read as a table row ("1 2034 FJORDVIK KOMMUNE 1": the organisation's name, the year and the
  page number) names no figure: never the answer to "netto driftsresultat i Fjordvik kommune";
- a sentence that holds the measure's word but not the subject the question takes it of ("et meirforbruk på
  rammeområda" for "meirforbruket på barnevernet") is no answer for that subject, and a governed total is not passed
  off as the subject's figure either; asked of the subject the sentence does name, it answers;
- "how many inhabitants do the owner municipalities have" is never answered by "ni kommunar", a count of the owners;
- "the single biggest project … how much" reads the largest figure a sentence lists, not its total nor the figure
  nearest the word "prosjekt"; "which source of the investment budget is smallest", which no table ranks, the smallest
  figure the sentence lists.
"""
from __future__ import annotations

import duckdb
import pytest

from app.engine.engine import ask
from tests.app.engine.conftest import row_values

REPORTS = {
    "fjordvik_kommune_arsmelding_2034.txt": (
        "=== FJORDVIK KOMMUNE ÅRSMELDING ===\nFJORDVIK KOMMUNE ÅRSMELDING\n\n"
        "1 2034 FJORDVIK KOMMUNE 1\n\n"
        "3 RÅDMANNENS KOMMENTAR Folketalet i Fjordvik auka i 2034 med 40 personar til 3120 innbyggarar. "
        "Investeringane i 2034 var 30,5 millionar kr., og dei største prosjekta er ny skule (ca. 9 mill.), "
        "omsorgsbustader (ca. 8,2 mill.), vassleidning (ca. 6 mill.) og kjøp av tomt til prosjekt Havbruksparken "
        "(ca. 4,1 mill.).\n\n"
        "Bak resultatet ligg eit meirforbruk på rammeområda på kr 3,4 mill. De fleste einingar heldt budsjettet.\n\n"
        "Sjukefråværet var 6,8 prosent i 2034. Kommunen hadde 410 tilsette ved utgangen av 2034. "
        "Skatteinntektene var 120 millionar kr. Det vart fødd 31 barn i kommunen i 2034.\n\n"
        "Finansiering\n\nKommunen legg opp til eit investeringsbudsjett på 50 mill. kroner i 2034, der nye lån "
        "utgjer 40 mill., bruk av fond 6 mill., tilskot 3,2 mill. og sal av eigedom kr 800 000.\n"),
    "nordvik_renovasjon_iks_arsmelding_2034.txt": (
        "Nordvik Renovasjon IKS\nÅrsmelding 2034\n\n"
        "Selskapet er eigd av ni kommunar; Aust, Vest, Nord, Sør, Midt, Indre, Ytre, Øvre og Nedre, med tilsaman "
        "innbyggjarar.\n"
        "Selskapet samla inn 12 400 tonn avfall i 2034.\n"),
}


@pytest.fixture(scope="module")
def warehouse(warehouse_over_reports):
    return warehouse_over_reports(REPORTS, "counts_asked")


def test_a_running_head_read_as_a_row_is_no_figure(warehouse):
    with duckdb.connect(str(warehouse), read_only=True) as con:  # the head is a cell: what the rule is about
        heads = con.execute("select value from fct_report_cell where row_label ilike '%fjordvik kommune%'").fetchall()
    assert heads, "the running head was not read as a row: the test would not test the rule"
    result = ask("Kva var netto driftsresultat i Fjordvik kommune i 2034?", warehouse=warehouse)
    assert result["status"] == "unanswerable", result["answer"]
    assert not result["rows"], result["answer"]


def test_a_sentence_of_another_subject_is_no_answer(warehouse):
    result = ask("Kor stort var meirforbruket på barnevernet i Fjordvik i 2034?", warehouse=warehouse)
    assert result["status"] == "unanswerable", result["answer"]
    assert 3_400_000 not in row_values(result), result["answer"]


def test_the_subject_the_sentence_names_is_answered(warehouse):
    result = ask("Kor stort var meirforbruket på rammeområda i Fjordvik i 2034?", warehouse=warehouse)
    assert result["status"] == "ok", result["answer"]
    assert 3_400_000 in row_values(result), result["answer"]


def test_a_count_of_the_owners_is_no_count_of_their_inhabitants(warehouse):
    result = ask("Kor mange innbyggjarar har eigarkommunane til Nordvik Renovasjon til saman?", warehouse=warehouse)
    assert 9 not in row_values(result), result["answer"]
    assert result["status"] == "unanswerable", result["answer"]


def test_the_inhabitants_a_sentence_states_are_answered(warehouse):
    result = ask("Kor mange innbyggarar hadde Fjordvik kommune i 2034?", warehouse=warehouse)
    assert result["status"] == "ok", result["answer"]
    assert 3120 in row_values(result), result["answer"]


def test_the_biggest_of_a_listed_sentence_is_its_largest_figure(warehouse):
    result = ask("Which was Fjordvik's single biggest investment project in 2034, and roughly how much did it cost?",
                 warehouse=warehouse)
    assert result["status"] == "ok", result["answer"]
    assert row_values(result) == [9_000_000], result["answer"]  # not the 30,5 million total, nor the 4,1 beside it


def test_the_smallest_of_a_listed_sentence_when_no_table_ranks_it(warehouse):
    result = ask("Hvilken finansieringskilde i investeringsbudsjettet til Fjordvik kommune for 2034 er minst?",
                 warehouse=warehouse)
    assert result["status"] == "ok", result["answer"]
    assert row_values(result) == [800_000], result["answer"]


@pytest.mark.parametrize("question, subject", [
    ("Kor stort var meirforbruket på barnevernet i Fjordvik i 2034?", {"barnevern"}),
    ("How much did Fjordvik spend on roads in 2034?", {"veg", "vei"}),
    # a place written with a capital, a time ("i løpet av"), a purpose ("til") are no subject a sentence must hold
    ("Kor stort var overskotet i Fjordvik i 2034?", set()),
    ("Kor mange fleire innbyggjarar fekk Fjordvik i løpet av 2034?", set()),
    ("Fjordvik 2034 salg av eiendom til finansiering av investeringer", set()),
])
def test_the_subject_a_sentence_must_hold(question, subject):
    from app.engine.families.base import Question
    from app.engine.families.prose import _content, subject_stems
    from app.engine.wordforms import stem

    q = Question.parse(question, "en" if question.startswith("How") else "nn")
    found = subject_stems(q, _content(q, set()))
    assert bool(found) == bool(subject), found
    assert not subject or found & {stem(s) for s in subject}, found


def test_the_largest_share_of_a_listed_sentence_is_its_largest_amount(warehouse):
    # "share" asked in words ranks the parts, which the sentence states in kroner: no percent is needed
    result = ask("Which project accounted for the largest share of Fjordvik's investments in 2034?", warehouse=warehouse)
    assert result["status"] == "ok", result["answer"]
    assert row_values(result) == [9_000_000], result["answer"]
