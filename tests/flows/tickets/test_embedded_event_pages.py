"""A shared inbox's conversations saved as the pages its API answered (invented here): the document is an object with
the export's own metadata beside "pages", each page {"_pagination": {"next": …}, "_links": {…}, "_results": [...]}
(or "results" / "data" / "items"), and each conversation holds the events the events endpoint gave for it, newest
first, under "_events". Every page's conversations are tickets; the events are the ticket's event log: the first
"outbound" is its first response, its last "archive" closes it, a "reopen" is counted. Expected values are computed
here from the conversations written, with plain Python."""
from __future__ import annotations

import datetime as dt
import json
import random

import duckdb
import pytest

from flows.tickets.load import ensure_raw_tables, load_ticket_exports
from flows.tickets.readers import embedded_events, json_export_lines, json_records, stated_export_time

START = dt.datetime(2024, 2, 5, 7, 0, tzinfo=dt.timezone.utc)
DOMAINS = ("nordvik.kommune.no", "sorvik.kommune.no")


def _conversation(n: int, rng: random.Random) -> dict:
    created = START + dt.timedelta(hours=9 * n, minutes=rng.randint(0, 40))
    at = round(created.timestamp() + rng.randint(0, 999) / 1000, 3)
    steps = [("inbound", 0), ("assign", 5), ("tag", 6)]
    if n % 3:
        steps.append(("outbound", 30 + n))
    if n % 4:
        steps.append(("archive", 300 + n))
        if n % 5 == 0:
            steps += [("inbound", 600), ("reopen", 601), ("outbound", 640), ("archive", 700)]
    events = [{"_links": {"self": f"https://inbox.example/events/evt_{n}_{i}"}, "id": f"evt_{n}_{i}", "type": kind,
               "emitted_at": round(at + minutes * 60 + (0 if minutes == 0 else rng.randint(0, 999) / 1000), 3),
               "source": {"_meta": {"type": "teammate"}, "data": {"id": "tea_1", "email": "agent@desk.example"}}}
              for i, (kind, minutes) in enumerate(steps)]
    return {"_links": {"self": f"https://inbox.example/conversations/cnv_{n:04x}"}, "id": f"cnv_{n:04x}",
            "subject": f"Sak {n}", "status": "archived" if n % 4 else "assigned",
            "assignee": {"id": "tea_1", "email": "agent@desk.example", "first_name": "Ada", "last_name": "Lund"},
            "recipient": {"handle": f"person{n}@{DOMAINS[n % 2]}", "role": "from"},
            "tags": [{"id": "tag_1", "name": "Skjerm"}], "created_at": at,
            "_events": list(reversed(events))}  # newest first, as the endpoint lists them


def _document(n: int, per_page: int, records_key: str = "_results") -> dict:
    rng = random.Random(11)
    conversations = [_conversation(i, rng) for i in range(n)]
    chunks = [conversations[i:i + per_page] for i in range(0, n, per_page)]
    pages = [{"_pagination": {"next": f"https://inbox.example/conversations?page_token=t{i + 1}"
                              if i + 1 < len(chunks) else None},
              "_links": {"self": f"https://inbox.example/conversations?page_token=t{i}"},
              records_key: chunk} for i, chunk in enumerate(chunks)]
    return {"export": {"tool": "export script", "inbox": {"id": "inb_1", "name": "Support"},
                       "exported_at": 1719820800.711, "pages": len(pages)}, "pages": pages}


@pytest.mark.parametrize("records_key", ["_results", "results", "data", "items"])
def test_every_page_of_an_underscore_paged_api_dump_gives_its_records(records_key):
    doc = _document(23, 5, records_key)  # five pages, the last of three
    records = json_records(doc)
    assert [r["id"] for r in records] == [r["id"] for p in doc["pages"] for r in p[records_key]]


def test_a_tickets_own_event_list_becomes_one_record_per_event_with_the_ticket_beside_it():
    doc = _document(6, 3)
    conversations = json_records(doc)
    records = embedded_events(conversations)
    assert len(records) == sum(len(c["_events"]) for c in conversations)
    assert all(r["ticket"]["id"] and "_events" not in r["ticket"] for r in records)
    # a list named events whose items say no kind (a ticket's comments) is no event log: records stay as they are
    plain = [{"id": 1, "events": [{"body": "hei"}]}, {"id": 2, "events": []}]
    assert embedded_events(plain) == plain


def test_the_embedded_events_are_the_conversations_lifecycle(tmp_path):
    doc = _document(40, 8)
    path = tmp_path / "innboks_conversations_2024.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    con = duckdb.connect()
    ensure_raw_tables(con)
    result = load_ticket_exports(con, [path]).files[0]
    assert result.status == "loaded", result.message
    conversations = [c for p in doc["pages"] for c in p["_results"]]
    got = {r[0]: r[1:] for r in con.execute(
        "select ticket_id, created_at, first_response_at, closed_at, reopen_count from raw.tickets").fetchall()}
    assert set(got) == {c["id"] for c in conversations}

    def at(seconds: float) -> dt.datetime:
        return dt.datetime.fromtimestamp(seconds, tz=dt.timezone.utc)

    for c in conversations:
        created, first_response, closed, reopens = got[c["id"]]
        assert abs(created - at(c["created_at"])) < dt.timedelta(milliseconds=2)
        replies = sorted(e["emitted_at"] for e in c["_events"] if e["type"] == "outbound")
        if replies:
            assert abs(first_response - at(replies[0])) < dt.timedelta(milliseconds=2), c["id"]
        else:
            assert first_response is None, c["id"]
        archives = sorted(e["emitted_at"] for e in c["_events"] if e["type"] == "archive")
        if archives:
            assert abs(closed - at(archives[-1])) < dt.timedelta(milliseconds=2), c["id"]
        else:
            assert closed is None, c["id"]
        assert reopens == sum(e["type"] == "reopen" for e in c["_events"]), c["id"]


def test_a_conversation_flagged_as_spam_is_no_ticket_and_epoch_seconds_keep_their_milliseconds(tmp_path):
    rng = random.Random(5)
    conversations = []
    for n in range(30):
        c = _conversation(n, rng)
        del c["_events"]  # a list of conversations without their events
        c["is_spam"] = n % 6 == 0
        conversations.append(c)
    path = tmp_path / "innboks_conversations.json"
    path.write_text(json.dumps({"_pagination": {"next": None}, "_results": conversations}), encoding="utf-8")
    con = duckdb.connect()
    ensure_raw_tables(con)
    result = load_ticket_exports(con, [path]).files[0]
    spam = {c["id"] for c in conversations if c["is_spam"]}
    assert result.rows_loaded == len(conversations) - len(spam), result.message
    reasons = [r for (r,) in con.execute("select reason from raw.ticket_quarantine").fetchall()]
    assert len(reasons) == len(spam) and all(r.startswith("marked as spam") and "is_spam" in r for r in reasons)
    created = dict(con.execute("select ticket_id, created_at from raw.tickets").fetchall())
    assert set(created) == {c["id"] for c in conversations} - spam
    for c in conversations:
        if c["id"] in created:  # epoch seconds with a fraction: to the millisecond written
            written = dt.datetime.fromtimestamp(c["created_at"], tz=dt.timezone.utc)
            assert abs(created[c["id"]] - written) < dt.timedelta(milliseconds=2), c["id"]


@pytest.mark.parametrize("stamp", [1719820800.711, 1719820800711, "2024-07-01T08:00:00+00:00"])
def test_the_export_time_stated_in_the_metadata_beside_the_pages_is_read_also_as_epoch_seconds(stamp):
    doc = _document(4, 2)
    doc["export"]["exported_at"] = stamp
    assert stated_export_time(json_export_lines(doc)) == dt.datetime(2024, 7, 1, 8, 0)
    assert json_export_lines({"export": {"pages": 7}, "pages": []}) == ()


def test_a_conversation_whose_last_event_puts_it_in_the_trash_is_no_ticket(tmp_path):
    rng = random.Random(3)
    conversations = [_conversation(n, rng) for n in range(30)]
    trashed = set()
    for n, c in enumerate(conversations):
        if n % 7 == 3:  # junk mail put in the trash: inbound, then "trash"; the conversation's own status "deleted"
            first = min(e["emitted_at"] for e in c["_events"])
            c["_events"] = [{"id": f"evt_t{n}", "type": "trash", "emitted_at": first + 600},
                            {"id": f"evt_i{n}", "type": "inbound", "emitted_at": first}]
            c["status"] = "deleted"
            trashed.add(c["id"])
    path = tmp_path / "innboks_med_papirkurv.json"
    path.write_text(json.dumps({"_pagination": {"next": None}, "_results": conversations}), encoding="utf-8")
    con = duckdb.connect()
    ensure_raw_tables(con)
    load_ticket_exports(con, [path])
    kept = {t for (t,) in con.execute("select ticket_id from raw.tickets").fetchall()}
    assert trashed and kept == {c["id"] for c in conversations} - trashed
    reasons = [r for (r,) in con.execute("select reason from raw.ticket_quarantine").fetchall()]
    assert len(reasons) == len(trashed) and all(r.startswith("marked as deleted") for r in reasons)
    # the events kept are those of the tickets kept
    assert {t for (t,) in con.execute("select distinct ticket_id from raw.ticket_events").fetchall()} == kept
