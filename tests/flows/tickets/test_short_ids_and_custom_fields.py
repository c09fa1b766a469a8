"""Two layouts of unseen exports (invented here): an event log whose ticket id header is one short word ("Ref") and
repeats on every state change, with a status transition ("Previous status", "New status") and an action column of
the system's own codes; and a JSON issue list whose custom fields are a list of name/value objects. Checked against
the invented events and records themselves, not the loader's output."""
from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

import duckdb
import pytest

from flows.tickets.infer import infer_mapping
from flows.tickets.load import ensure_raw_tables, load_ticket_exports
from flows.tickets.readers import named_field_columns, read_json

OSLO = ZoneInfo("Europe/Oslo")
START = dt.datetime(2025, 2, 3, 8)
HEADER = ["Ref", "Date", "User", "Stimulus", "Previous status", "New status", "Organization", "Caller", "Priority",
          "Service", "Team", "Agent", "Title"]
# (ref, minutes after START, action, previous status, new status, agent); the first row of a ticket has no action
EVENTS = [
    ("R-101", 0, "", "", "new", ""), ("R-101", 10, "ev_assign", "new", "assigned", "kari"),
    ("R-101", 50, "ev_resolve", "assigned", "resolved", "kari"), ("R-101", 90, "ev_close", "resolved", "closed", "kari"),
    ("R-102", 100, "", "", "new", ""), ("R-102", 110, "ev_assign", "new", "assigned", "ola"),
    ("R-102", 120, "ev_assign", "assigned", "assigned", "per"),
    ("R-102", 150, "ev_resolve", "assigned", "resolved", "per"),
    ("R-102", 200, "ev_reopen", "resolved", "assigned", "per"),
    ("R-103", 300, "", "", "new", ""),
]


TEAMS = {"kari": "Drift", "ola": "Nett", "per": "Drift"}  # the team each agent works in


@pytest.fixture()
def con():
    c = duckdb.connect()
    ensure_raw_tables(c)
    yield c
    c.close()


def _at(minutes: int) -> dt.datetime:
    return START + dt.timedelta(minutes=minutes)


def _rows(id_header: str = "Ref") -> tuple[list[str], list[list[str]]]:
    header = [id_header, *HEADER[1:]]
    rows = [[ref, f"{_at(m):%Y-%m-%d %H:%M:%S}", "svc", action, prev, new, "Nordvik kommune", "Hans", "Høy",
             "Nettverk", TEAMS.get(agent, ""), agent, "Kan ikke logge inn"]
            for ref, m, action, prev, new, agent in EVENTS]
    return header, rows


def _tickets(con) -> dict[str, tuple]:
    rows = con.execute("select ticket_id, created_at, resolved_at, closed_at, status, reopen_count, "
                       "reassignment_count from raw.tickets").fetchall()

    def local(when: dt.datetime | None) -> dt.datetime | None:  # a time written without a zone is Oslo's
        return when and when.astimezone(OSLO).replace(tzinfo=None)

    return {t: (local(c), local(r), local(x), s, o, a) for t, c, r, x, s, o, a in rows}


def test_a_short_word_id_that_repeats_with_a_status_transition_loads_as_an_event_log(tmp_path, con):
    header, rows = _rows()
    path = tmp_path / "changes.tsv"
    path.write_text("\n".join("\t".join(r) for r in [header, *rows]) + "\n", encoding="utf-8")
    result = load_ticket_exports(con, [path])
    assert result.files[0].status == "loaded", result.files[0].message
    got = _tickets(con)
    assert set(got) == {ref for ref, *_ in EVENTS}  # one ticket per id
    # created at its first row; resolved and closed when the status entered those states
    assert got["R-101"] == (_at(0), _at(50), _at(90), "closed", 0, 0)
    # reassigned once (ola's team -> per's), reopened once after the resolution: open again, no resolution standing
    assert got["R-102"][0] == _at(100) and got["R-102"][1:] == (None, None, "open", 1, 1)
    assert got["R-103"] == (_at(300), None, None, "new", 0, 0)


@pytest.mark.parametrize("word", ["Ref", "Reference", "Nr", "No.", "Key", "Sak", "Case"])
def test_a_header_that_is_one_id_word_names_the_ticket_id(word):
    header, rows = _rows(word)
    inference = infer_mapping(header, rows)
    assert inference.refusal is None
    assert inference.event_log
    assert {c.field: c.column for c in inference.choices}["ticket_id"] == word
    # one row per ticket: the same word is the id of a ticket list too
    unique = [r for r in rows if r[3] == ""]
    listed = infer_mapping([word, "Created", "Status"], [[r[0], r[1], r[5]] for r in unique])
    assert not listed.event_log and {c.field: c.column for c in listed.choices}["ticket_id"] == word


def test_a_weak_id_word_repeating_beside_a_status_transition_is_an_event_log():
    # "Our ref": an id word among others (weak alone); the transition column says the rows are changes
    header, rows = _rows("Our ref")
    inference = infer_mapping(header, rows)
    assert inference.refusal is None and inference.event_log
    assert {c.field: c.column for c in inference.choices}["ticket_id"] == "Our ref"
    # a column naming what moved the ticket ("Stimulus") says so as well, without the status pair
    keep = [i for i, h in enumerate(header) if h not in ("Previous status", "New status")]
    moved = infer_mapping([header[i] for i in keep], [[r[i] for i in keep] for r in rows])
    assert moved.refusal is None and moved.event_log
    # without a transition or an activity column the weak id word is no event log's id
    plain = infer_mapping(["Our ref", "Date", "Title"], [[r[0], r[1], r[12]] for r in rows])
    assert not plain.event_log


def test_without_an_id_the_event_log_is_still_refused():
    header, rows = _rows("Caller name")
    inference = infer_mapping([h for h in header if h != "Caller"],
                              [[c for i, c in enumerate(r) if header[i] != "Caller"] for r in rows])
    assert inference.refusal and "no ticket id column" in inference.refusal


ISSUES = [
    ("SUP-1", 1735725600000, 1735732800000, "Høy", "Visma", "Fixed", None),
    ("SUP-2", 1735812000000, None, "Lav", "Elements", "Open", {"login": "kari", "fullName": "Kari Nord"}),
    ("SUP-3", 1735898400000, None, "Normal", None, "Submitted", None),
]


def _issue(key, created, resolved, priority, system, state, assignee) -> dict:
    return {"idReadable": key, "summary": "x", "created": created, "resolved": resolved,
            "customFields": [{"name": "Priority", "value": {"name": priority}},
                             {"name": "Fagsystem", "value": {"name": system} if system else None},
                             {"name": "State", "value": {"name": state}},
                             {"name": "Assignee", "value": assignee},
                             {"name": "Notes", "value": {"text": f"note {key}"}}],
            "tags": [{"id": 1, "name": "vpn"}]}


def test_name_value_custom_fields_become_columns_named_by_the_field(tmp_path):
    path = tmp_path / "issues.json"
    path.write_text(json.dumps({"issues": [_issue(*i) for i in ISSUES]}), encoding="utf-8")
    names, records, _ = read_json(path)
    rows = [dict(zip(names, r.cells)) for r in records]
    for row, (key, _, _, priority, system, state, assignee) in zip(rows, ISSUES):
        assert row["idReadable"] == key
        assert (row["Priority"], row["Fagsystem"], row["State"]) == (priority, system, state)
        assert row["Assignee"] == (assignee["fullName"] if assignee else None)  # no name key: its full name
        assert row["Notes"] == f"note {key}"  # a text field's value object: its text
        assert row["tags"] == "vpn"  # a list of named objects without values stays a list
    assert "customFields" not in names


def test_custom_fields_reach_the_inference_and_the_tickets(tmp_path, con):
    path = tmp_path / "issues.json"
    path.write_text(json.dumps([_issue(*i) for i in ISSUES]), encoding="utf-8")
    result = load_ticket_exports(con, [path])
    assert result.files[0].status == "loaded", result.files[0].message
    got = dict(con.execute("select ticket_id, priority_source from raw.tickets").fetchall())
    assert got == {key: priority for key, _, _, priority, *_ in ISSUES}
    kept = dict(con.execute("select ticket_id, value from raw.ticket_attributes where attribute = 'Fagsystem'")
                .fetchall())
    assert kept == {key: system for key, _, _, _, system, *_ in ISSUES if system}


def test_a_field_named_like_a_record_key_keeps_both_and_a_state_history_is_no_field_list():
    flat = {"Priority": "3", "customFields": [{"name": "Priority", "value": "Høy"}],
            "history": [{"name": "x", "value": "closed", "created_at": "2025-01-01T10:00:00Z"}]}
    out = named_field_columns(flat)
    assert out["Priority"] == "3" and out["customFields.Priority"] == "Høy"
    assert out["history"] == flat["history"]
    # names that repeat are no field list
    twice = {"f": [{"name": "A", "value": 1}, {"name": "A", "value": 2}]}
    assert named_field_columns(twice) == twice
