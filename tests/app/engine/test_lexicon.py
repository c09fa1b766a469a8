"""The domain lexicon (app/engine/lexicon/*.csv, language data): its files are read by their rules (a header, lowercase,
one row per key, `|`-separated renderings, the most common first) and checked, and an English question finds the
Norwegian words a report prints through a row of it: a phrase no curated table of app.engine.wordforms holds
("general practitioners" ~ "fastleger"), refreshed through the real flow (reader, dbt marts, engine)."""
from __future__ import annotations

import io

import pytest

from app.engine import lexicon
from app.engine.engine import ask
from app.engine.wordforms import (
    EN_PAIRS_TO_NB,
    EN_TO_NB,
    EN_TO_NB_CURATED,
    en_phrase_at,
    norwegian_words,
    nynorsk_forms,
    stem,
    translations,
)


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


def test_a_curated_word_keeps_its_renderings_first_and_gains_the_lexicons():
    assert EN_TO_NB["surplus"][0] == "mindreforbruk"  # the curated override
    assert "overskudd" in EN_TO_NB["surplus"]  # the lexicon's other rendering
    assert EN_TO_NB["gps"] == lexicon.load("en")["gps"] and "gps" not in EN_TO_NB_CURATED
    assert ("long", "term") in EN_PAIRS_TO_NB and en_phrase_at(["long", "term"], 0)[1][0] == "langsiktig"


def test_english_nynorsk_swedish_and_danish_words_reach_bokmal_through_the_lexicon():
    assert norwegian_words(["home", "nursing", "and", "gps"]) == ["hjemmesykepleie", "and", "fastleger"]
    assert stem("fastlegeordning") in translations(("gp", "scheme"))
    assert stem("långfristiga") == stem("langsiktige")  # sv_nb, beside SV_DA_TO_NB
    assert "sjukeheim" in nynorsk_forms("sykehjem")


REPORTS = {
    "austvik_kommune_arsmelding_2033.txt": (
        "Austvik kommune\nÅrsmelding 2033\n\nHelse og omsorg\n\n"
        "Kommunen hadde 14 fastleger ved utgangen av 2033, to flere enn året før.\n"),
    "nordvik_fylkeskommune_arsrapport_2033.txt": (
        "Nordvik fylkeskommune\nÅrsrapport 2033\n\nBefolkning\n\n"
        "Fylket fikk en befolkningsvekst på 1,1 prosent i 2033.\n"),
}


@pytest.fixture(scope="module")
def warehouse(prefect_harness, tmp_path_factory):
    from flows.refresh import refresh

    inbox = tmp_path_factory.mktemp("lexicon_inbox")
    for name, text in REPORTS.items():
        (inbox / name).write_text(text, encoding="utf-8")
    target = tmp_path_factory.mktemp("lexicon") / "warehouse.duckdb"
    summary = refresh(reports_dir=inbox, tickets_dir=None, warehouse=target)
    assert summary.published, summary
    return target


def test_an_english_question_finds_the_norwegian_sentence_through_a_lexicon_row(warehouse):
    # only the lexicon row "general practitioners,fastleger" says it
    assert ("general", "practitioners") not in EN_PAIRS_TO_NB and "practitioners" not in EN_TO_NB
    result = ask("How many general practitioners did Austvik have at the end of 2033?", warehouse=warehouse)
    assert result["status"] == "ok", result["answer"]
    values = [r[i] for r in result["rows"] for i, c in enumerate(result["columns"]) if c == "value"]
    assert values[:1] == [14], result["answer"]


def test_the_kind_word_written_with_the_name_is_not_what_is_asked(warehouse):
    # "county" is rendered "fylke" (a lexicon row) and the county's only sentence holds "Fylket": the name's kind word
    # must not make the population growth the county's loan debt
    result = ask("What was Nordvik county's loan debt at the end of 2033?", warehouse=warehouse)
    assert result["status"] != "ok", result["answer"]
    assert "1.1" not in result["answer"] and "1,1" not in result["answer"]
