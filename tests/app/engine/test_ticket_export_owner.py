"""Pure tests of the organisation that owns an export: a name whose distinctive word names an export's file (the service
desk, IT company or municipality whose export it is) scopes the question to that export instead of filtering its own
customer row; the question makes it a customer only by saying it sent the tickets. And helpdesk products named by a
short or other name ("Halo" of HaloITSM, "Remedy" of BMC Helix)."""
from __future__ import annotations

from dataclasses import dataclass

from app.engine.families import tickets
from app.engine.families.base import Question


@dataclass
class _Source:
    system: str
    words: frozenset
    events: int = 0
    formats: frozenset = frozenset({"csv"})
    files: tuple = ()  # (TicketSource.files: no file name here names a kind of ticket)


@dataclass
class _Tv:
    sources: list


TV = _Tv([_Source("a", frozenset({"haloitsm", "fjellnett", "ikt"})),
          _Source("b", frozenset({"sysaid", "dalstrand", "ikt", "foresporsler"})),
          _Source("c", frozenset({"bmc", "helix", "tindvik", "audit"}))])


def _q(text: str, lang: str = "nb") -> Question:
    return Question.parse(text, lang)


def _owner(text: str, name: str) -> set[str]:
    return tickets.export_naming_words(_q(text), TV, set(name.lower().split()))


def test_a_name_naming_an_export_is_its_owner():
    assert _owner("Hvor mange saker registrerte Fjellnett IKT i 2023?", "Fjellnett IKT intern") == {"fjellnett"}
    assert _owner("Kva kommune melde flest saker til Dalstrand IKT i 2023?", "Dalstrand IKT") == {"dalstrand"}
    assert _owner("Snittlig løsningstid Tindvik kommune IT 2024", "Tindvik kommune") == {"tindvik"}


def test_a_name_said_to_send_the_tickets_is_a_customer():
    assert _owner("Hvor mange saker kom fra Fjellnett IKT i 2023?", "Fjellnett IKT intern") == set()
    assert _owner("Hvor mange saker ble meldt av Dalstrand IKT?", "Dalstrand IKT") == set()
    assert _owner("How many tickets were Dalstrand IKT's own in 2024?", "Dalstrand IKT") == set()
    # "eksporten fra <X>", "the export from <X>": the export's owner, no sender
    assert _owner("Hvor mange saker var åpne da eksporten fra Dalstrand IKT ble tatt?", "Dalstrand IKT") == {"dalstrand"}
    assert _owner("How many tickets in the export from Dalstrand IKT were open?", "Dalstrand IKT") == {"dalstrand"}
    # "fra" before a period is no sender
    assert _owner("Endring fra Q1 2023 til Q1 2024 hos Dalstrand IKT?", "Dalstrand IKT") == {"dalstrand"}


def test_a_name_no_export_carries_and_a_form_word_own_nothing():
    assert _owner("Hvor mange saker meldte Askeby kommune?", "Askeby kommune") == set()
    assert _owner("Hvor mange saker hadde IKT?", "Askeby IKT") == set()  # "IKT" is the form of many bodies


def test_the_owner_after_hos_names_its_export_when_nothing_else_does():
    chosen, used = tickets.selected_sources(_q("Korleis har talet på saker hjå Fjellnett IKT utvikla seg?", "nn"), TV)
    assert [s.system for s in chosen] == ["a"] and "fjellnett" in used
    chosen, _ = tickets.selected_sources(_q("saker per kvartal 2023 dalstrand ikt"), TV)
    assert [s.system for s in chosen] == ["b"]


def test_a_product_is_named_by_its_short_or_other_name():
    assert [s.system for s in tickets.selected_sources(_q("Hvor mange saker var åpne i Halo-uttrekket?"), TV)[0]] \
        == ["a"]
    assert [s.system for s in tickets.selected_sources(_q("Hvor mange saker sto åpne i Remedy-loggen?"), TV)[0]] \
        == ["c"]
    assert tickets._names_word("halingdal", "hallingdal")  # a letter dropped from a long name
    assert not tickets._names_word("service", "servicenow")


def test_a_name_of_two_words_a_file_writes_as_one_names_its_owner():
    # "Nord-Vik IKT" of nordvik_ikt_<system>.csv: the two words of the name, joined, are the file's word
    tv = _Tv([_Source("a", frozenset({"nordvik", "ikt", "servix"})),
              _Source("b", frozenset({"nordvik", "ikt", "lonn", "odoo"})),
              _Source("c", frozenset({"askeby", "hr", "trengo"}))])

    class _Vocab:
        organisations = {"nord-vik ikt iks": "nordvik-ikt", "lyngvik kommune": "lyngvik"}
        organisation_names = {"nordvik-ikt": "Nord-Vik IKT IKS", "lyngvik": "Lyngvik kommune"}

    keys = ["nordvik-ikt", "lyngvik"]
    assert tickets.owner_organisations(_q("Hvor mange saker registrerte Nord-Vik IKT i 2024?"), _Vocab, tv, keys) \
        == {"nordvik-ikt"}
    assert tickets.owner_organisations(_q("Hvor mange saker hadde Nord Vik IKT i 2024?"), _Vocab, tv, keys) \
        == {"nordvik-ikt"}
    # said to send the tickets, written apart as well: a customer
    assert tickets.owner_organisations(_q("Hvor mange saker kom fra Nord-Vik IKT i 2024?"), _Vocab, tv, keys) == set()


def test_a_name_two_exports_write_as_one_scopes_to_them_and_the_system_named_picks_one():
    # "Nord-Vik IKT" names both its exports (nordvik_ikt_servix…, nordvik_ikt_lonn_odoo…); "i Servix" the one
    tv = _Tv([_Source("a", frozenset({"nordvik", "ikt", "servix"})),
              _Source("b", frozenset({"nordvik", "ikt", "lonn", "odoo"})),
              _Source("c", frozenset({"askeby", "hr", "trengo"}))])
    chosen, used = tickets.selected_sources(_q("Hvor mange saker registrerte Nord-Vik IKT i Servix i 2024?"), tv)
    assert [s.system for s in chosen] == ["a"] and {"nord", "vik"} <= used
    chosen, used = tickets.selected_sources(_q("nord-vik ikt saker 2024"), tv)
    assert [s.system for s in chosen] == ["a", "b"] and {"nord", "vik"} <= used


def test_the_words_a_value_matched_name_the_owner_written_as_one():
    # a customer value «Nord-Vik IKT» matched by "nord", "vik", "ikt": the words in a row make the file's "nordvik"
    tv = _Tv([_Source("a", frozenset({"nordvik", "ikt", "servix"})),
              _Source("b", frozenset({"askeby", "hr", "trengo"}))])
    q = _q("Hvilken kommune meldte flest saker til servicedesken i Nord-Vik IKT i 2024?")
    assert tickets.export_naming_words(q, tv, {"nord", "vik", "ikt"}) == {"nordvik"}
    # ... and as the stems a value index matches by ("fjords" -> "fjord")
    tv = _Tv([_Source("a", frozenset({"sorfjords", "ikt", "servix"})),
              _Source("b", frozenset({"askeby", "hr", "trengo"}))])
    q = _q("Hvilken kommune meldte flest saker til servicedesken i Sør-Fjords IKT i 2024?")
    assert tickets.export_naming_words(q, tv, {"sør", "fjord", "ikt"}) == {"sørfjords"}
