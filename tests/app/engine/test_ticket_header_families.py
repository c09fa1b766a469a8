"""How a question's words name an export's header by its word family (ticket_attributes.HEADER_WORDS): a compound
header named by its parts in another language, a header named after a lead word, and a value written only with the
header's own words (no value of the export named). Pure functions over invented headers and a stand-in vocabulary."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from app.engine.families.base import Question
from app.engine.families.ticket_attributes import _wins_tie, compound_keys, header_named, word_keys
from app.engine.families.tickets import _header_value_only


@pytest.mark.parametrize("word, parts", [
    ("tjenesteområde", ["service", "area"]),  # service + area
    ("tenesteområde", ["service", "area"]),
    ("sakstype", []),  # a header word of its own (the type family), no compound
    ("innboksmappe", []),  # "mappe" is no header word
    ("fagsystem", []),
])
def test_a_compound_of_two_header_words_is_named_by_both(word, parts):
    assert compound_keys(word) == parts


def test_synonyms_share_a_family():
    assert word_keys("saksbehandler") == word_keys("assigned") == {"assignee"}
    assert word_keys("fagsystem") & word_keys("prosjekt")
    assert word_keys("postkassa") & word_keys("mailbox")


@pytest.mark.parametrize("question, lang, header, named", [
    ("Requests created in 2024 by service area", "en", "Tjenesteområde", True),
    ("Saker i 2024 fordelt på tenesteområde", "nn", "Tjenesteområde", True),
    ("Fordel sakene i 2024 på sakstype", "nn", "Type", True),
    ("Requests created in 2024 by service", "en", "Tjenesteområde", False),  # only one of its two words
    ("Requests created in 2024 by department", "en", "Tjenesteområde", False),
])
def test_a_header_is_named_after_a_lead_word_by_its_families(question, lang, header, named):
    q = Question.parse(question, lang)
    assert header_named(q, header, r"by|på|per") is named


def _tv(headers_by_file, value_systems):
    return SimpleNamespace(file_field_headers=headers_by_file, value_systems=value_systems)


def test_a_value_written_with_the_named_exports_header_words_is_no_filter():
    tv = _tv({"infra.xlsx": {"category": frozenset({"Issue Type"})}, "tracker.json": {"category": frozenset({"type"})}},
             {"category": {"Issue": frozenset({"tracker_sys"}), "Nettverk": frozenset({"infra_sys"})}})
    infra = SimpleNamespace(system="infra_sys", files=("infra.xlsx",))
    tracker = SimpleNamespace(system="tracker_sys", files=("tracker.json",))
    # "which issue type" of the infra export: «Issue» is the tracker's value, the word is infra's header's
    assert _header_value_only(tv, [infra], "category", ["Issue"])
    # the tracker itself holds «Issue»: a filter
    assert not _header_value_only(tv, [tracker], "category", ["Issue"])
    # a value that is no header word stays a filter
    assert not _header_value_only(tv, [infra], "category", ["Nettverk"])


@pytest.mark.parametrize("question, first, second, winner", [
    # a header written whole beats a nested object's field that a gloss of the same word names
    ("Fagsystem issues in Tracky created in 2023", "project.name", "Fagsystem", "Fagsystem"),
    ("Fagsystem issues in Tracky created in 2023", "Fagsystem", "project.name", "Fagsystem"),
    # of one object's fields named by its word alone, the readable one beats its code, whichever comes first
    ("Tickets in 2024 by department", "department.id", "department.title", "department.title"),
    ("Tickets in 2024 by department", "department.title", "department.id", "department.title"),
])
def test_of_two_columns_named_equally_the_header_written_or_the_readable_field_wins(question, first, second, winner):
    q = Question.parse(question, "en")
    a, b = SimpleNamespace(name=first), SimpleNamespace(name=second)
    kept = b if _wins_tie(q, b, a) else a  # b read after a replaces it only by winning the tie
    assert kept.name == winner
