"""The domain lexicon (app/engine/lexicon/*.csv, language data), wired narrowly: its files are read by their rules (a
header, lowercase, one row per key, `|`-separated renderings, the most common first) and checked; a rendering is an
extra form of a question word only where no curated table knows the word, never of a scope word or a name, and only
in the readings that search labels and sentences, when the word's own forms are printed nowhere there. Behaviour over
a real refresh (reader, dbt marts, engine): an English phrase finds a Norwegian sentence only through a lexicon row;
and what the lexicon wired into every word broke stays right (a unit the data lacks is refused, column words and the
interest line are read as before)."""
from __future__ import annotations

import io

import pytest

from app.engine import lexicon
from app.engine.engine import ask
from app.engine.wordforms import EN_PAIRS_TO_NB, EN_TO_NB, stem, words


def _parse(text: str, lang: str = "en"):
    return lexicon.parse(io.StringIO(text), lang)


def test_a_file_is_read_as_keys_and_their_renderings_most_common_first():
    rows = _parse("en,nb\ndebt,gjeld|lånegjeld\nlong-term debt,langsiktig gjeld\n")
    assert rows == {"debt": ("gjeld", "lånegjeld"), "long-term debt": ("langsiktig gjeld",)}


@pytest.mark.parametrize(("text", "lang", "fault"), [
    ("sv,nb\ndebt,gjeld\n", "en", "header"),
    ("en,nb\nDebt,gjeld\n", "en", "lowercase"),
    ("en,nb\ndebt,Gjeld\n", "en", "lowercase"),
    ("en,nb\ndebt,gjeld\ndebt,lånegjeld\n", "en", "duplicate"),
    ("en,nb\ndebt,gjeld|gjeld\n", "en", "twice"),
    ("en,nb\ndebt,gjeld||lån\n", "en", "empty alternative"),
    ("en,nb\ndebt,\n", "en", "empty field"),
    ("en,nb\ndebt,gjeld,lån\n", "en", "fields"),
    ("en,nb\ntonnes of household waste per,tonn\n", "en", "more than 4"),
    ("nn,nb\nbudsjett,budsjett\n", "nn", "alike"),
])
def test_a_row_that_breaks_the_rules_is_refused_by_name(text, lang, fault):
    with pytest.raises(lexicon.LexiconError, match=fault):
        _parse(text, lang)


@pytest.mark.parametrize("lang", lexicon.LANGS)
def test_every_file_of_the_project_keeps_the_rules(lang):
    rows = lexicon.load(lang)
    assert len(rows) > 300
    assert lexicon.load(lang) is rows  # read once


def _rendered(question: str, english: bool = True) -> dict[str, tuple[str, ...]]:
    ws = lexicon.question_words(question)
    return {ws[i]: alts for i, alts in lexicon.renderings(tuple(ws), english).items()}


def test_a_phrase_gives_its_rendering_to_each_of_its_words_and_a_curated_word_none():
    assert lexicon.load("en")["general practitioners"][0] == "fastleger"
    assert _rendered("How many general practitioners were there?") == {
        "general": ("fastleger",), "practitioners": ("fastleger",)}
    # curated words keep their curated renderings only: "debt" is never "lånegjeld", "interest" never anything else
    assert "lånegjeld" in lexicon.load("en")["debt"] and "debt" in EN_TO_NB
    assert _rendered("How much interest did the municipality pay on its debt?") == {}
    assert ("long", "term") in EN_PAIRS_TO_NB and "long" not in _rendered("long term loans of the kindergartens")


@pytest.mark.parametrize("question, english", [
    ("What was the sick leave in the HR unit?", True),       # "unit" ~ "enhet", "hr" ~ "personal" in the lexicon
    ("sick leave of the personnel department", True),
    ("What did the county spend on its staff?", True),       # "county" ~ "fylke": the scope, not what is asked
    ("Hur stor var kommunbidraget till nämnden?", False),    # "nämnd" ~ "utvalg": a unit's kind
    ("What share of the City of Gothenburg's employees were women?", True),  # "city" ~ "by"
])
def test_a_scope_word_is_never_rendered(question, english):
    assert not set(_rendered(question, english)) & {"unit", "hr", "department", "personnel", "county", "nämnden",
                                                     "city"}


@pytest.mark.parametrize("question, read_elsewhere", [
    ("What does emptying a large tank cost including VAT?", "vat"),          # the price's column (quantities)
    ("What was the sick leave percentage in 2020?", "percentage"),           # the unit asked (asked_unit)
])
def test_a_word_a_curated_reading_reads_is_never_rendered(question, read_elsewhere):
    assert read_elsewhere in lexicon.load("en") and read_elsewhere not in _rendered(question)


def test_a_phrase_with_a_curated_word_is_not_rendered_whole():
    # "sick leave percentage" ~ "sykefraværsprosent" would say "sick leave" again for "percentage"
    assert "sick leave percentage" in lexicon.load("en")
    assert _rendered("sick leave percentage of the staff") == {}


def test_whole_words_are_not_rewritten_by_the_stemmer():
    # the lexicon's Swedish rows ("nämnd" ~ "utvalg", "kommunbidrag" ~ "budsjettramme") stay out of stem(): column
    # heads and rankings read the words as the curated tables do
    assert lexicon.load("sv")["nämnd"][0] == "utvalg"
    assert stem("nämnd") != stem("utvalg") and stem("kommunbidrag") != stem("budsjettramme")


def test_a_rendering_is_wanted_only_where_the_word_itself_is_printed_nowhere():
    ws = words("How many general practitioners were there?")
    text = "kommunen hadde 14 fastleger og 3 practitioners"
    assert lexicon.wanted(ws, True, set(), lambda w: w in text) == {}  # the word printed: nothing added
    text = "kommunen hadde 14 fastleger"
    assert lexicon.wanted(ws, True, set(), lambda w: w in text) == {2: ("fastleger",), 3: ("fastleger",)}
    assert lexicon.wanted(ws, True, {stem("fastleger")}, lambda w: w in text) == {}  # a name's word: never
    assert lexicon.wanted(ws, True, set(), lambda w: False) == {}  # no rendering printed either


REPORTS = {
    "austvik_kommune_arsmelding_2033.txt": (
        "Austvik kommune\nÅrsmelding 2033\n\nHelse og omsorg\n\n"
        "Kommunen hadde 14 fastleger ved utgangen av 2033, to flere enn året før.\n\n"
        "Økonomi\n\n"
        "Renteutgiftene var 31,5 millioner kroner i 2033.\n\n"
        "Lånegjelda var 912 millioner kroner ved utgangen av 2033.\n"),
}


@pytest.fixture(scope="module")
def warehouse(warehouse_over_reports):
    return warehouse_over_reports(REPORTS, "lexicon")


def _values(result) -> list:
    return [r[i] for r in result["rows"] for i, c in enumerate(result["columns"]) if c == "value"]


def test_an_english_question_finds_the_norwegian_sentence_through_a_lexicon_row(warehouse):
    # only the lexicon row "general practitioners,fastleger" says it
    assert ("general", "practitioners") not in EN_PAIRS_TO_NB and "practitioners" not in EN_TO_NB
    result = ask("How many general practitioners did Austvik have at the end of 2033?", warehouse=warehouse)
    assert result["status"] == "ok", result["answer"]
    assert _values(result)[:1] == [14], result["answer"]


def test_interest_reads_the_interest_sentence_never_the_debt(warehouse):
    result = ask("How much interest did Austvik pay on its debt in 2033?", warehouse=warehouse)
    assert result["status"] == "ok", result["answer"]
    numbers = {float(x) for r in result["rows"] for x in r if isinstance(x, (int, float))}
    assert 912_000_000 not in numbers and "912" not in result["answer"], result["answer"]
    assert 31_500_000 in numbers, result["answer"]


@pytest.mark.parametrize("question, built", [
    ("What was the sick leave in Stjørdal's HR unit in 2020?", "sample_warehouse"),  # "HR" ~ "personal", "unit" ~ "enhet"
    ("What was the sick leave in the HR unit of Stjørdal in 2020?", "sample_warehouse"),
    ("What was VARIT's sick leave percentage in 2020?", "seed_warehouse"),  # no figure of the unit: never the whole's
])
def test_a_unit_the_data_lacks_stays_refused(request, question, built):
    result = ask(question, warehouse=request.getfixturevalue(built))
    assert result["status"] == "unanswerable", result["answer"]
