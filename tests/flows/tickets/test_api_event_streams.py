"""A shared inbox's API event stream (a `_results` list of events, each naming its conversation): the conversation is
the ticket, not the teammate or rule an event's `source` names; times are epoch seconds or milliseconds with a
fraction ("emitted_at": 1736119049.609); an event's own time is "emitted", the conversation's created time stays the
same on all its events; "inbound" / "outbound" / "tag" are messages and labels, no state; "archive" puts the
conversation away (closed); the first "outbound" reply is its first response. The API's own bookkeeping
("_links.self", "source._meta.type") and a kind that is the same wherever it is filled are no category. Every expected
value is computed here from the events written, with plain Python."""
from __future__ import annotations

import datetime as dt
import json
import random

import duckdb
import pytest

from flows.tickets.load import ensure_raw_tables, load_ticket_exports
from flows.tickets.presets import names_reply

START = dt.datetime(2024, 1, 8, 7, 30, tzinfo=dt.timezone.utc)
DOMAINS = ("nordvik.kommune.no", "sorvik.kommune.no", "austvik.kommune.no")


def _events(millis: bool) -> list[dict]:
    rng = random.Random(7)
    events: list[dict] = []

    def stamp(at: dt.datetime) -> float:
        seconds = round(at.timestamp() + rng.randint(0, 999) / 1000, 3)
        return round(seconds * 1000, 1) if millis else seconds

    for n in range(60):
        created = START + dt.timedelta(hours=7 * n, minutes=rng.randint(0, 50))
        opened = stamp(created)  # the first inbound message is the conversation's creation
        conversation = {"id": f"cnv_{n:04x}", "subject": f"Sak {n}", "created_at": opened,
                        "recipient": {"handle": f"person{n}@{DOMAINS[n % 3]}", "role": "from"},
                        "status": "archived" if n % 5 else "open", "tags": [{"id": "t", "name": "Skjerm"}]}
        steps = [("inbound", 0), ("assign", 3), ("tag", 4)]
        if n % 4:
            steps.append(("outbound", 20 + n))
        if n % 5:
            steps.append(("archive", 200 + n))
            if n % 7 == 0:
                steps += [("reopen", 400), ("inbound", 401), ("outbound", 420), ("archive", 500)]
        for kind, minutes in steps:
            teammate = {"_meta": {"type": "teammate"}, "data": {"id": f"tea_{n % 3}", "email": "agent@desk.no"}}
            rule = {"_meta": {"type": "rule"}, "data": {"id": f"rul_{n % 2}", "name": "Ruting"}}
            events.append({
                "_links": {"self": f"https://desk.example/events/evt_{len(events)}"},
                "id": f"evt_{len(events)}", "type": kind,
                "emitted_at": opened if minutes == 0 else stamp(created + dt.timedelta(minutes=minutes)),
                "source": rule if kind == "tag" else teammate,
                "target": {"_meta": {"type": "message"}, "data": {"type": "email"}} if "bound" in kind else None,
                "conversation": conversation})
    rng.shuffle(events)  # the API lists the newest first, by another order than the conversations
    return events


def _at(value: float, millis: bool) -> dt.datetime:
    return dt.datetime.fromtimestamp(value / (1000 if millis else 1), tz=dt.timezone.utc)


@pytest.mark.parametrize("millis", [False, True], ids=["epoch-seconds", "epoch-milliseconds"])
def test_an_inbox_event_stream_is_one_ticket_per_conversation(tmp_path, millis):
    events = _events(millis)
    path = tmp_path / "skoleinnboks_events_2024.json"
    path.write_text(json.dumps({"_pagination": {"next": None}, "_links": {"self": "https://desk.example/events"},
                                "_results": events}), encoding="utf-8")
    con = duckdb.connect()
    ensure_raw_tables(con)
    result = load_ticket_exports(con, [path]).files[0]
    assert result.status == "loaded", result.message
    assert result.rows_loaded == len(events) and result.rows_quarantined == 0

    by_conversation: dict[str, list[dict]] = {}
    for e in events:
        by_conversation.setdefault(e["conversation"]["id"], []).append(e)
    rows = con.execute("select ticket_id, created_at, first_response_at, status, reopen_count, category "
                       "from raw.tickets").fetchall()
    got = {r[0]: r[1:] for r in rows}
    assert set(got) == set(by_conversation)  # the conversations, never an event's teammate or rule
    for cid, evs in by_conversation.items():
        created, first_response, status, reopens, category = got[cid]
        assert abs(created - _at(evs[0]["conversation"]["created_at"], millis)) < dt.timedelta(milliseconds=2)
        replies = sorted(e["emitted_at"] for e in evs if e["type"] == "outbound")
        if replies:  # the first reply is the first response, to the millisecond written
            assert abs(first_response - _at(replies[0], millis)) < dt.timedelta(milliseconds=2), cid
        else:
            assert first_response is None, cid
        # the conversation's status is the same on all its events (the conversation as exported): the states are the
        # activities' — archived (closed) at its last "archive", open again at a "reopen" (counted)
        steps = [e["type"] for e in sorted(evs, key=lambda e: e["emitted_at"]) if e["type"] in ("archive", "reopen")]
        assert status == ("closed" if steps and steps[-1] == "archive" else "open" if steps else None), cid
        assert reopens == steps.count("reopen"), cid
        assert category is None, cid  # "source._meta.type", "target.data.type" = "email" sort nothing
    times = [e for (e,) in con.execute("select event_at from raw.ticket_events").fetchall()]
    written = sorted(_at(e["emitted_at"], millis) for e in events)
    assert len(times) == len(written)
    assert all(abs(t - w) < dt.timedelta(milliseconds=2) for t, w in zip(sorted(times), written))
    assert "first reply event" in result.message and "'outbound'" in result.message
    assert "'conversation.status' is the same on every event of a ticket" in result.message


def test_a_reply_is_the_desks_answer_not_a_note_a_deadline_or_the_customers():
    for text in ("outbound", "out_reply", "Reply sent", "Svar sendt", "Besvart", "Agent replied", "First response"):
        assert names_reply(text), text
    for text in ("inbound", "Customer replied", "Internal note", "Comment added", "Response SLA breached",
                 "Awaiting customer response", "Venter på svar", "svar fra kunde", "assign", "archive"):
        assert not names_reply(text), text
