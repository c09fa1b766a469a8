"""Loader mechanisms for exports whose fields hide in other shapes: a list of custom fields whose objects carry a code
name beside a readable label and a shown text beside a stored value (HaloITSM-style "customfields": [{"name":
"CFKanal", "label": "Kanal", "display": "E-post"}]); a time-spent column written as durations ("1:30"); and a header
that names the group a ticket is with as a compound ("Administratorgruppe")."""
from __future__ import annotations

from flows.tickets.attributes import duration_column
from flows.tickets.infer import word_weight
from flows.tickets.readers import named_field_columns


def test_custom_fields_are_named_by_their_label_and_read_as_shown():
    flat = {"id": 7, "customfields": [{"id": 1, "name": "CFOmrade", "label": "Tenesteområde", "display": "Oppvekst",
                                       "value": 4},
                                      {"id": 2, "name": "CFKanal", "label": "Kanal", "display": "E-post"}]}
    assert named_field_columns(flat) == {"id": 7, "Tenesteområde": "Oppvekst", "Kanal": "E-post"}


def test_a_custom_field_without_label_or_shown_text_keeps_its_name_and_value():
    flat = {"customfields": [{"name": "CFKanal", "label": "", "display": None, "value": "Telefon"}]}
    assert named_field_columns(flat) == {"CFKanal": "Telefon"}


def test_a_name_value_list_reads_as_before():
    assert named_field_columns({"Priority": "3", "customFields": [{"name": "Priority", "value": "Høy"}]}) \
        == {"Priority": "3", "customFields.Priority": "Høy"}


def test_a_column_of_written_durations_is_a_duration_column():
    assert duration_column(["1:30", "0:45", "10:05", ""])
    assert duration_column(["2 t 30 min", "1h"])
    assert not duration_column(["2,0", "1"])  # plain numbers are their own number
    assert not duration_column(["2024-01-01 10:00"])
    assert not duration_column([])


def test_a_compound_of_a_handler_group_is_the_assignment_group():
    assert word_weight("assignment_group", "administratorgruppe") == 3
    assert word_weight("assignment_group", "saksbehandlergruppe") == 3
    assert word_weight("assignment_group", "brukergruppe") == 0  # the people who sent the tickets
    assert word_weight("assignment_group", "kundegruppe") == 0
