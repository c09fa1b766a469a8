"""A desk's export named by the first part of its compound name joined to a ticket noun ("skolehenvendelser",
"skulehenvendingar" of a <…>_skolestotte_<…> export), and its mailbox ("Skolestøtte-innboksen") beside the export
named: that export's tickets, no word left over."""
from __future__ import annotations

from types import SimpleNamespace

from app.engine.families import tickets
from app.engine.families.base import Question


def _q(text: str, lang: str = "nb") -> Question:
    return Question.parse(text, lang)


TV = SimpleNamespace(sources=[
    SimpleNamespace(system="a", words=["nordvik", "ikt", "front", "skolestotte"], files=["nordvik_ikt_front_skolestotte.json"],
                    formats={"json"}, keyed=False, events=True, dateless=False),
    SimpleNamespace(system="b", words=["nordvik", "ikt", "servicedesk", "topdesk"], files=["nordvik_ikt_topdesk.csv"],
                    formats={"csv"}, keyed=False, events=False, dateless=False),
], id_prefixes=[], value_systems={})


def test_the_first_part_of_a_compound_name_with_a_ticket_noun_names_the_export():
    assert tickets._names_word("skolehenvendelser", "skolestotte")
    assert tickets._names_word("skulehenvendingar", "skolestotte")
    assert not tickets._names_word("lønnshenvendelser", "skolestotte")
    for text, lang in (("Hvor mange skolehenvendelser kom i 2024?", "nb"),
                       ("Kor mange skulehenvendingar kom i 2024?", "nn")):
        chosen, used = tickets.selected_sources(_q(text, lang), TV)
        assert [s.system for s in chosen] == ["a"], text
        assert {w for w in used if "henvend" in w}, text  # the word is spent on the export, none left over


def test_the_mailbox_of_the_export_named_is_its_tickets():
    chosen, used = tickets.selected_sources(_q("Hvor mange saker kom inn til Skolestøtte-innboksen i 2024?"), TV)
    assert [s.system for s in chosen] == ["a"] and "innboksen" in used


TV2 = SimpleNamespace(sources=[
    SimpleNamespace(system="a", words=["austby", "skoleit", "liveagent"], files=["austby_skoleit_liveagent.json"],
                    formats={"json"}, keyed=False, events=False, dateless=False),
    SimpleNamespace(system="b", words=["austby", "ikt", "autotask"], files=["austby_ikt_autotask.xlsx"],
                    formats={"xlsx"}, keyed=False, events=False, dateless=False),
], id_prefixes=[], value_systems={})


def test_two_words_the_first_glossed_make_the_name_written_as_one():
    assert tickets._glossed_pair(["school", "it"], "skoleit")
    assert not tickets._glossed_pair(["skole", "it"], "skoleit")  # as written: the plain join names it already
    assert not tickets._glossed_pair(["school", "it"], "skolelonn")
    chosen, used = tickets.selected_sources(_q("How many school IT tickets came in 2023?", "en"), TV2)
    assert [s.system for s in chosen] == ["a"] and {"school", "it"} <= used
