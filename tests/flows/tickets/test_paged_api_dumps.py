"""A ticket export saved as the pages a helpdesk's REST API answered (written here, invented): a JSON list of
response pages, each with its paging keys, its tickets and the lookup tables the API sends beside them (priorities,
states and help topics as {id, name} lists), the tickets holding only the codes; some tickets marked deleted; a
"last_response_at" beside the first response. Checked against a plain reading of the pages (json), not the loader."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import duckdb
import pytest

from flows.tickets.load import load_ticket_exports
from flows.tickets.readers import json_records, looked_up, lookup_tables, read_json, unpaged

PRIORITIES = [{"priority_id": 1, "priority": "Low"}, {"priority_id": 2, "priority": "Normal"},
              {"priority_id": 3, "priority": "High"}, {"priority_id": 4, "priority": "Emergency"}]
STATES = [{"id": 1, "name": "Open"}, {"id": 2, "name": "Resolved"}, {"id": 3, "name": "Closed"}]
TOPICS = [{"id": 10, "topic": "Brukerstøtte"}, {"id": 11, "topic": "Tilgang"}, {"id": 12, "topic": "Nettverk"},
          {"id": 13, "topic": "Innkjøp"}, {"id": 14, "topic": "Telefoni"}, {"id": 15, "topic": "Skriver"}]
PER_PAGE = 7


def _ticket(t: int) -> dict:
    created = dt.datetime(2025, 1 + t % 12, 1 + t % 27, 8 + t % 9, 15)
    return {
        "id": 500 + t, "ticket_number": f"AAAA-{t:04d}", "title": f"Sak {t}",
        "priority_id": 1 + t % 4, "status": 1 + t % 3, "help_topic_id": 10 + t % 6,
        "created_at": created.strftime("%Y-%m-%d %H:%M:%S"),
        "first_response_at": (created + dt.timedelta(hours=1 + t % 5)).strftime("%Y-%m-%d %H:%M:%S"),
        "last_response_at": (created + dt.timedelta(days=3)).strftime("%Y-%m-%d %H:%M:%S"),
        "is_deleted": 1 if t % 10 == 0 else 0,
    }


def _pages(n: int) -> list[dict]:
    tickets = [_ticket(t) for t in range(1, n + 1)]
    chunks = [tickets[i:i + PER_PAGE] for i in range(0, n, PER_PAGE)]
    return [{"success": True, "current_page": i + 1, "per_page": PER_PAGE, "total": n,
             "next_page_url": f"/api/v1/tickets?page={i + 2}" if i + 1 < len(chunks) else None,
             "data": {"tickets": chunk,
                      "dependencies": {"priorities": PRIORITIES, "status": STATES, "helptopics": TOPICS}}}
            for i, chunk in enumerate(chunks)]


@pytest.fixture()
def con(tmp_path):
    c = duckdb.connect(str(tmp_path / "warehouse.duckdb"))
    yield c
    c.close()


def test_a_list_of_pages_is_the_tickets_of_every_page_even_a_short_last_page():
    pages = _pages(30)  # five pages, the last of two tickets beside six help topics
    records = json_records(pages)
    assert [r["id"] for r in records] == [r["id"] for p in pages for r in p["data"]["tickets"]]
    assert len(records) == 30


def test_a_list_of_tickets_with_lists_of_their_own_is_no_list_of_pages():
    tickets = [{"id": 1, "to": "a@b.no", "count": 2, "messages": [{"body": "x"}, {"body": "y"}]},
               {"id": 2, "to": "c@d.no", "count": 1, "messages": [{"body": "z"}]}]
    assert unpaged(tickets) is None
    assert json_records(tickets) == tickets


def test_codes_are_read_through_the_files_own_lookup_tables():
    pages = _pages(30)
    records = json_records(pages)
    tables = lookup_tables(pages, records)
    assert tables["priorities"]["3"] == "High" and tables["helptopics"]["12"] == "Nettverk"
    flat, notes = looked_up([dict(r) for r in records], tables)
    by_id = {r["id"]: r for r in flat}
    for r in records:
        row = by_id[r["id"]]
        assert row["priority"] == PRIORITIES[r["priority_id"] - 1]["priority"]
        assert row["help_topic"] == TOPICS[r["help_topic_id"] - 10]["topic"]
        assert "priority_id" not in row and "help_topic_id" not in row
        # a column already named as the table's entries ("status": 2) keeps its name and takes the names
        assert row["status"] == STATES[r["status"] - 1]["name"]
    assert any("priority_id" in n and "priorities" in n for n in notes)


def test_a_code_column_the_table_mostly_does_not_hold_is_kept():
    records = [{"id": i, "priority_id": 90 + i} for i in range(10)]
    flat, notes = looked_up(records, {"priorities": {"1": "Low", "2": "High"}})
    assert flat == records and notes == ()


def test_read_json_names_the_columns_it_read_through_a_lookup_table(tmp_path):
    path = tmp_path / "tickets_api.json"
    path.write_text(json.dumps(_pages(30)), encoding="utf-8")
    header, records, notes = read_json(path)
    assert {"priority", "help_topic", "status"} <= set(header)
    assert "priority_id" not in header
    assert len(list(records)) == 30
    assert any("help_topic_id" in n for n in notes)


def test_load_keeps_every_page_reads_names_and_sets_deleted_records_aside(con, tmp_path):
    pages = _pages(40)
    path = tmp_path / "helpdesk_api_dump.json"
    path.write_text(json.dumps(pages, indent=1), encoding="utf-8")
    result = load_ticket_exports(con, [path])
    tickets = [t for p in pages for t in p["data"]["tickets"]]
    deleted = [t for t in tickets if t["is_deleted"]]
    kept = [t for t in tickets if not t["is_deleted"]]
    assert result.files[0].rows_loaded == len(kept)
    reasons = con.execute("select reason from raw.ticket_quarantine").fetchall()
    assert len(reasons) == len(deleted)
    assert all(r.startswith("marked as deleted") and "is_deleted" in r for (r,) in reasons)
    got = dict(con.execute("select ticket_id, priority_source from raw.tickets").fetchall())
    assert got == {str(t["id"]): PRIORITIES[t["priority_id"] - 1]["priority"] for t in kept}
    categories = dict(con.execute("select ticket_id, category from raw.tickets").fetchall())
    assert sorted(set(categories.values())) == sorted({TOPICS[t["help_topic_id"] - 10]["topic"] for t in kept})
    # the first response is the first, never the last one
    first = con.execute("select count(*) from raw.tickets where first_response_at is not null and "
                        "first_response_at - created_at < interval 1 day").fetchone()[0]
    assert first == len(kept)


def test_a_deleted_flag_that_is_false_sets_nothing_aside(con, tmp_path):
    pages = _pages(14)
    for p in pages:
        for t in p["data"]["tickets"]:
            t["is_deleted"] = False
    path = tmp_path / "api.json"
    path.write_text(json.dumps(pages), encoding="utf-8")
    result = load_ticket_exports(con, [path])
    assert result.files[0].rows_loaded == 14
    assert con.execute("select count(*) from raw.ticket_quarantine").fetchone()[0] == 0


def test_the_rows_marked_deleted_are_counted_as_no_tickets_by_file(tmp_path):
    from app.engine.vocabulary import _junk_rows

    c = duckdb.connect(str(tmp_path / "w.duckdb"))
    path = tmp_path / "dump.json"
    path.write_text(json.dumps(_pages(20)), encoding="utf-8")
    load_ticket_exports(c, [path])
    assert _junk_rows(c) == {Path(path).name: {"deleted": 2}}
    c.close()


def test_the_source_note_names_why_rows_were_no_tickets():
    from types import SimpleNamespace

    from app.engine.families.tickets import source_label

    deleted = SimpleNamespace(files=("dump.json",), junk=2, junk_kinds=("deleted",), named="dump")
    spam = SimpleNamespace(files=("mail.csv",), junk=3, junk_kinds=("spam",), named="mail")
    assert "2 rows marked as deleted left out" in source_label([deleted], True, "fct_ticket")
    assert "2 rader merket som slettet holdt utenfor" in source_label([deleted], False, "fct_ticket")
    both = source_label([deleted, spam], True, "fct_ticket")
    assert "marked as spam or deleted" in both and "2 (dump)" in both and "3 (mail)" in both
