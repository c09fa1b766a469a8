"""A breakdown's members named by their kind word written once before a list of their names ("per omsorgsdistrikt
(Nordby, Sørby, Vestby)", "for skolene Nordby og Sørby") are each member of the list, never the first alone; a name
the list does not hold, or a kind word the members do not begin with, names none. Invented members."""
from __future__ import annotations

import pytest

from app.engine.planner import listed_subjects

MEMBERS = {"omsorgsdistrikt nordby": "Omsorgsdistrikt Nordby", "omsorgsdistrikt sørby": "Omsorgsdistrikt Sørby",
           "omsorgsdistrikt vestby": "Omsorgsdistrikt Vestby", "sørby barnehage": "Sørby barnehage",
           "skole nordby": "Skole Nordby", "skole sørby": "Skole Sørby"}


@pytest.mark.parametrize(("question", "expected"), [
    ("Kan du bryte ned årsverkene per omsorgsdistrikt (Nordby, Sørby, Vestby) i 2031?",
     {"Omsorgsdistrikt Nordby", "Omsorgsdistrikt Sørby", "Omsorgsdistrikt Vestby"}),
    ("Årsverk i omsorgsdistriktene Nordby og Vestby 2031", {"Omsorgsdistrikt Nordby", "Omsorgsdistrikt Vestby"}),
    ("FTEs at skolene Nordby and Sørby in 2031", {"Skole Nordby", "Skole Sørby"}),
])
def test_a_kind_word_before_a_list_names_each_member(question, expected):
    assert set(listed_subjects(question, MEMBERS)) == expected


@pytest.mark.parametrize("question", [
    "Årsverk i omsorgsdistrikt Nordby 2031",  # one name: the member written whole, read elsewhere
    "Årsverk per omsorgsdistrikt (Østby, Nordvik) 2031",  # names the members do not hold
    "Årsverk i barnehagene Nordby og Sørby 2031",  # a kind word no member begins with
])
def test_no_list_of_the_members_names_none(question):
    assert listed_subjects(question, MEMBERS) == []
