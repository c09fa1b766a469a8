"""Pure unit tests: value normalisers, header detection, YAML mappings."""
from __future__ import annotations

import pytest

from flows.tickets.presets import (
    PRESETS,
    MappingError,
    describe_no_match,
    detect_mapping,
    normalise_channel,
    normalise_priority,
    normalise_status,
    parse_mapping_yaml,
)


@pytest.mark.parametrize("raw, expected", [
    ("A", "A"), ("b", "B"), ("A - Forretningskritisk", "A"), ("C – Normal", "C"), ("Prioritet B", "B"),
    ("P1", "A"), ("2", "B"), ("1 - Critical", "A"), ("3 - Moderate", "C"), ("4 - Low", "D"), ("5 - Planning", "D"),
    ("urgent", "A"), ("high", "B"), ("normal", "C"), ("low", "D"),
    ("Highest", "A"), ("Medium", "C"), ("Lowest", "D"), ("Kritisk", "A"), ("Høy", "B"), ("Lav", "D"),
    ("Z", None), ("6", None), ("Rød", None), ("", None), (None, None),
])
def test_normalise_priority(raw, expected):
    assert normalise_priority(raw) == expected


def test_priority_values_from_a_mapping_win():
    assert normalise_priority("Rød", {"rød": "A"}) == "A"
    assert normalise_priority("2", {"2": "C"}) == "C"


@pytest.mark.parametrize("raw, expected", [
    ("Lukket", "closed"), ("Ferdigmeldt", "resolved"), ("Under behandling", "open"), ("Venter på bruker", "pending"),
    ("solved", "resolved"), ("Waiting for customer", "pending"), ("Kansellert", "cancelled"), ("Merkelig", "other"),
    # an item that is no real ticket (taken away, a duplicate, merged into another, junk) ends as cancelled, never open
    ("Removed", "cancelled"), ("Fjernet", "cancelled"), ("Duplicate", "cancelled"), ("sammenslått", "cancelled"),
    ("Spam", "cancelled"), ("Slettet", "cancelled"),
    # an issue tracker's steps between new and resolved: confirmed is open, feedback waits for the reporter
    ("bekreftet", "open"), ("confirmed", "open"), ("acknowledged", "open"), ("tilbakemelding", "pending"),
    ("feedback", "pending"), ("tildelt", "open"), ("ny", "new"),
])
def test_normalise_status(raw, expected):
    assert normalise_status(raw) == expected


def test_servicenow_numeric_states_come_from_the_preset():
    servicenow = next(p for p in PRESETS if p.name == "servicenow")
    assert normalise_status("7", servicenow.status_values) == "closed"
    assert normalise_status("7") == "other"


@pytest.mark.parametrize("raw, expected", [
    ("Telefon", "phone"), ("voice", "phone"), ("Selvbetjeningsportal", "portal"), ("E-post", "email"),
    ("Oppmøte", "walk_in"), ("walk-in", "walk_in"), ("brevdue", "other"),
    # an API's channel codes run together with their kind (a conversation platform's "initial_channel")
    ("pstnphone", "phone"), ("widgetchat", "chat"), ("contactform", "portal"), ("inboundemail", "email"),
    ("Kontaktskjema", "portal"), ("platform", "other"), ("fax", "other"),
    # a value of several words is read by its channel word: the last, else the first
    ("Client Portal", "portal"), ("Inbound Phone", "phone"), ("Email Inbox", "email"), ("inbound_email", "email"),
    ("Front Desk", "other"),
])
def test_normalise_channel(raw, expected):
    assert normalise_channel(raw) == expected


@pytest.mark.parametrize("header, preset", [
    (["Number", "CallDate", "ClosedDate", "Priority", "Branch", "OperatorGroup"], "topdesk"),
    (["Meldingsnummer", "Meldingsdato", "Lukket dato", "Prioritet", "Filial", "Operatørgruppe"], "topdesk"),
    (["number", "opened_at", "closed_at", "state", "priority", "assignment_group"], "servicenow"),
    (["Nummer", "Åpnet", "Lukket", "Tilstand", "Prioritet", "Tilordningsgruppe"], "servicenow"),
    (["id", "created_at", "solved_at", "status", "priority", "organization_id"], "zendesk"),
    (["Saks-ID", "Opprettet", "Løst", "Status", "Prioritet", "Gruppe"], "zendesk"),
    (["Issue key", "Created", "Resolved", "Priority", "Status", "Request type", "Organizations"], "jira"),
    (["\ufeffSaksnøkkel", "Opprettet", "Løst", "Prioritet", "Status", "Forespørselstype"], "jira"),
    (["ticket_id", "created_at", "priority", "channel"], "canonical"),
])
def test_detect_mapping_from_header(header, preset):
    resolved = detect_mapping(header, PRESETS)
    assert resolved is not None and resolved.mapping.name == preset


def test_no_match_message_lists_columns_and_presets():
    header = ["Sak", "Dato", "Hvem"]
    assert detect_mapping(header, PRESETS) is None
    message = describe_no_match(header, PRESETS)
    assert '"Sak", "Dato", "Hvem"' in message
    for preset in ("canonical", "topdesk", "servicenow", "zendesk", "jira"):
        assert preset in message


def test_yaml_mapping_parses_and_is_detected():
    mapping = parse_mapping_yaml("""
name: kommunal_sak
source_system: lokal
columns:
  ticket_id: Saksnr
  created_at: [Opprettet tid, Opprettet]
  priority: Alvorlighet
priority_values: {Rød: A, Gul: B, Grønn: C}
""", "mapping.yaml")
    resolved = detect_mapping(["Saksnr", "Opprettet", "Alvorlighet"], (mapping, *PRESETS))
    assert resolved.mapping.name == "kommunal_sak"
    assert resolved.positions == {"ticket_id": 0, "created_at": 1, "priority": 2}


@pytest.mark.parametrize("text, fragment", [
    ("name: x\nsource_system: y\ncolumns: {ticket_id: A}\n", "created_at"),
    ("name: x\nsource_system: y\ncolumns: {ticket_id: A, created_at: B, colour: C}\n", "colour"),
    ("name: x\nsource_system: y\ncolumns: {ticket_id: A, created_at: B}\npriority_values: {Rød: X}\n", "Rød"),
    ("name: x\ncolumns: {ticket_id: A, created_at: B}\n", "source_system"),
])
def test_bad_yaml_mapping_names_the_problem(text, fragment):
    with pytest.raises(MappingError, match=fragment):
        parse_mapping_yaml(text, "bad.yaml")


def test_shipped_example_mapping_is_valid_and_tried_first():
    from pathlib import Path

    from flows.tickets.presets import load_mappings

    example_dir = Path(__file__).resolve().parents[3] / "flows" / "tickets" / "mappings"
    mappings = load_mappings(example_dir)
    assert mappings[0].name == "kommunal_sak"
    assert [m.name for m in mappings[1:]] == [p.name for p in PRESETS]
    assert normalise_priority("Oransje", mappings[0].priority_values) == "B"


def test_yaml_mapping_without_created_time_must_say_dateless():
    with pytest.raises(MappingError, match="dateless"):
        parse_mapping_yaml("name: x\nsource_system: y\ncolumns: {ticket_id: A, status: B}\n", "m.yaml")
    mapping = parse_mapping_yaml("name: x\nsource_system: y\ndateless: true\ncolumns: {ticket_id: A, status: B}\n",
                                 "m.yaml")
    assert mapping.dateless
    resolved = detect_mapping(["A", "B"], (mapping, *PRESETS))
    assert resolved.mapping is mapping and resolved.positions == {"ticket_id": 0, "status": 1}
    # the built-in presets never take a file without a created time
    assert detect_mapping(["Key", "Status", "Priority"], PRESETS) is None
    with pytest.raises(MappingError, match="dateless"):
        parse_mapping_yaml("name: x\nsource_system: y\ndateless: 'yes'\ncolumns: {ticket_id: A}\n", "m.yaml")


@pytest.mark.parametrize("activity, state", [
    # an activity setting the status is that state; setting another field names none (the ticket keeps its state)
    ("set status to Resolved", "resolved"), ("set status to Open", "open"), ("set status to Replied", "pending"),
    ("Status set to Closed", "closed"), ("satte status til Løst", "resolved"), ("endret status fra Ny til Løst",
                                                                                 "resolved"),
    ("set priority to Medium", None), ("set team to Lønn", None), ("set type to Lønn og trekk", None),
    ("Priority changed to High", None), ("endret prioritet fra Lav til Høy", None),
    ("created this ticket", "new"),
])
def test_an_activity_setting_a_field_names_a_state_only_for_the_status(activity, state):
    from flows.tickets.presets import activity_state

    assert activity_state(activity) == state


def test_an_answered_state_is_read_from_exports_but_names_no_state_in_a_question():
    """"Replied"/"Besvart" as an export's status waits for the customer; in a question "besvart" is what happened to a
    call ("andel av telefonene som ble besvart"), never the state pending."""
    from flows.tickets.presets import status_gloss, status_words

    assert normalise_status("Replied") == normalise_status("Besvart") == "pending"
    assert not {"replied", "answered", "besvart", "svart"} & (set(status_gloss()) | set(status_words()))
