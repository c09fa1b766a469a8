"""Header words and values of exports from systems nobody here used, written here as such systems write them: names
glued in lower case ("dateclosed"), German headers and values, an "Overdue" Yes/No column, an SLA status with a
cancelled value, a nested subject object as the category, priorities written "Emergency", "S1", "Sev 2". Each file is
loaded into a real DuckDB file and checked against a plain reading of the file (json / csv), never against the
loader's own output."""
from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import pytest

from flows.tickets.flags import column_verdict, no_verdict
from flows.tickets.infer import header_words, infer_mapping
from flows.tickets.load import load_ticket_exports
from flows.tickets.presets import normalise_priority, normalise_status

UTC = dt.timezone.utc


@pytest.fixture()
def con(tmp_path):
    c = duckdb.connect(str(tmp_path / "warehouse.duckdb"))
    yield c
    c.close()


def _chosen(header, rows) -> dict[str, str]:
    inference = infer_mapping(header, rows)
    assert inference.refusal is None, inference.refusal
    return {c.field: c.column for c in inference.choices}


def test_names_glued_in_lower_case_are_read_as_their_words():
    assert header_words("dateclosed")[-2:] == ["date", "closed"]
    assert header_words("lastmodified")[-2:] == ["last", "modified"]
    assert header_words("datecreated")[-2:] == ["date", "created"]
    # "createdat", "updatedat": a time's name with "at" glued on, as an all-lower-case export writes "createdAt"
    assert "created" in header_words("createdat") and "updated" in header_words("updatedat")
    # a word of its own is not cut ("organization", "description", "department")
    for word in ("organization", "description", "department", "internal"):
        assert header_words(word) == [word]


def _api_tickets(path: Path) -> list[dict]:
    """An API export: nested objects, UTC times, the closing time in "dateclosed", a "lastmodified" time after it."""
    records = []
    for n in range(1, 25):
        opened = dt.datetime(2024, 5, 1, 9, tzinfo=UTC) + dt.timedelta(days=n)
        closed = opened + dt.timedelta(hours=3 * n) if n % 4 else None
        records.append({
            "id": 500 + n, "summary": f"Case {n}", "dateoccurred": opened.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "dateclosed": closed.strftime("%Y-%m-%dT%H:%M:%SZ") if closed else None,
            "lastmodified": (opened + dt.timedelta(days=40)).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "priority": {"id": n % 4, "name": ["Emergency", "High", "Normal", "Low"][n % 4]},
            "subject": {"id": n % 3, "title": ["Network", "Printing", "Accounts"][n % 3]},
            "status": {"name": "Closed" if closed else "Open"},
        })
    path.write_text(json.dumps(records), encoding="utf-8")
    return records


def test_a_glued_closing_time_and_a_nested_subject_are_read(tmp_path, con):
    path = tmp_path / "api_tickets.json"
    records = _api_tickets(path)
    f = load_ticket_exports(con, [path]).files[0]
    assert f.status == "loaded", f.message
    assert "closed_at <- 'dateclosed'" in f.message and "category <- 'subject.title'" in f.message
    assert "created_at <- 'dateoccurred'" in f.message
    got = {r[0]: r[1:] for r in con.execute(
        "select ticket_id, closed_at, priority, category from raw.tickets").fetchall()}
    assert len(got) == len(records)
    for rec in records:
        closed, priority, category = got[str(rec["id"])]
        want = dt.datetime.strptime(rec["dateclosed"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC) \
            if rec["dateclosed"] else None
        assert closed == want
        assert priority == {"Emergency": "A", "High": "B", "Normal": "C", "Low": "D"}[rec["priority"]["name"]]
        assert category == rec["subject"]["title"]


def test_a_plain_subject_column_is_the_title_not_the_category():
    header = ["Id", "Subject", "Created", "Status"]
    rows = [[str(n), ["Printer", "Password"][n % 2], f"0{1 + n % 9}.02.2024 10:00", "Open"] for n in range(30)]
    assert "category" not in _chosen(header, rows)


GERMAN = [
    ["Vorgangsnummer", "Betreff", "Erstellt am", "Zuletzt geändert", "Geschlossen am", "Priorität", "Status",
     "Kategorie", "Gemeinde", "Eingangskanal"],
    ["V-1001", "Drucker", "02.01.2024 08:15", "09.01.2024 10:00", "03.01.2024 09:00", "Sehr hoch", "Geschlossen",
     "Hardware", "Nordvik", "Telefon"],
    ["V-1002", "Passwort", "02.01.2024 09:30", "02.01.2024 09:40", "", "Hoch", "In Bearbeitung", "Konto",
     "Sørvåg", "E-Mail"],
    ["V-1003", "Laptop", "03.01.2024 11:00", "05.01.2024 11:00", "", "Mittel", "Neu", "Hardware", "Nordvik",
     "Portal"],
    ["V-1004", "VPN", "04.01.2024 13:20", "06.01.2024 08:00", "05.01.2024 08:00", "Niedrig", "Gelöst", "Netzwerk",
     "", "E-Mail"],
]


def test_a_lower_case_update_time_is_never_the_created_time():
    rows = [[f"T{n}", f"2024-02-{n + 10:02d} 12:00", "open"] for n in range(9)]
    inference = infer_mapping(["ticketid", "updatedat", "status"], rows)
    assert not any(c.field == "created_at" for c in inference.choices), inference.describe()


def test_german_headers_and_values(tmp_path, con):
    path = tmp_path / "vorgaenge.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, delimiter=";").writerows(GERMAN)
    f = load_ticket_exports(con, [path]).files[0]
    assert f.status == "loaded", f.message
    for fragment in ("ticket_id <- 'Vorgangsnummer'", "created_at <- 'Erstellt am'", "closed_at <- 'Geschlossen am'",
                     "priority <- 'Priorität'", "status <- 'Status'", "category <- 'Kategorie'",
                     "customer_org <- 'Gemeinde'", "channel <- 'Eingangskanal'"):
        assert fragment in f.message, f.message
    got = {r[0]: r[1:] for r in con.execute(
        "select ticket_id, priority, status, created_at from raw.tickets").fetchall()}
    with path.open(encoding="utf-8") as fh:
        plain = list(csv.DictReader(fh, delimiter=";"))
    assert set(got) == {r["Vorgangsnummer"] for r in plain}
    assert [got[r["Vorgangsnummer"]][0] for r in plain] == ["A", "B", "C", "D"]
    assert [got[r["Vorgangsnummer"]][1] for r in plain] == ["closed", "open", "new", "resolved"]
    # the last change is never the created time
    assert got["V-1001"][2].astimezone(UTC).hour == 7


def test_an_overdue_flag_is_the_sla_breach(tmp_path, con):
    header = ["Ticket Number", "Date Created", "Closed Date", "Overdue", "Priority"]
    rows = [[str(9000 + n), f"{1 + n:02d}.03.2024 10:00", f"{2 + n:02d}.03.2024 10:00", "Yes" if n % 3 == 0 else "No",
             "Normal"] for n in range(12)]
    assert _chosen(header, rows)["sla_breached"] == "Overdue"
    path = tmp_path / "tickets.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([header, *rows])
    f = load_ticket_exports(con, [path]).files[0]
    assert f.status == "loaded", f.message
    met = dict(con.execute("select ticket_id, sla_met from raw.tickets").fetchall())
    assert met == {r[0]: r[3] == "No" for r in rows}


def test_a_cancelled_sla_status_is_no_verdict_and_no_quarantine(tmp_path, con):
    header = ["CaseNo", "Opened", "SLA status"]
    statuses = ["Met", "Breached", "Cancelled", "Met", "Met", "Breached", "Canceled", "Met"]
    rows = [[f"C{n}", f"2024-04-{n + 1:02d} 08:00", s] for n, s in enumerate(statuses)]
    assert _chosen(header, rows)["sla_met"] == "SLA status"
    path = tmp_path / "cases.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([header, *rows])
    f = load_ticket_exports(con, [path]).files[0]
    assert (f.status, f.rows_loaded, f.rows_quarantined) == ("loaded", len(rows), 0), f.message
    met = dict(con.execute("select ticket_id, sla_met from raw.tickets").fetchall())
    assert met == {r[0]: {"Met": True, "Breached": False}.get(r[2]) for r in rows}


def test_value_words():
    assert [normalise_priority(v) for v in ("Emergency", "S1", "Sev 2", "Severity 3", "Sehr niedrig")] == \
        ["A", "A", "B", "C", "D"]
    # a word beginning with s is no severity number
    assert normalise_priority("Svært lav") == "D"
    assert [normalise_status(v) for v in ("Awaiting customer", "Suspended", "Rejected", "Offen", "Fixed")] == \
        ["pending", "pending", "cancelled", "open", "resolved"]
    assert no_verdict("Annullert") and no_verdict("Canceled") and not no_verdict("Brudd")
    assert column_verdict("Annullert", breach_column=False) is None


def test_swedish_danish_and_german_month_names_are_read(tmp_path, con):
    texts = {"S1": ("12 maj 2024 08:30", dt.datetime(2024, 5, 12, 8, 30)),
             "S2": ("3 März 2024 14:05", dt.datetime(2024, 3, 3, 14, 5)),
             "S3": ("24 Dezember 2023 09:00", dt.datetime(2023, 12, 24, 9, 0)),
             "S4": ("1 okt 2024 10:15", dt.datetime(2024, 10, 1, 10, 15))}
    path = tmp_path / "arenden.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, delimiter=";").writerows([["Ärendenummer", "Skapad", "Status"],
                                                 *[[k, text, "Öppen"] for k, (text, _) in texts.items()]])
    f = load_ticket_exports(con, [path]).files[0]
    assert (f.status, f.rows_loaded) == ("loaded", len(texts)), f.message
    got = dict(con.execute("select ticket_id, created_at from raw.tickets").fetchall())
    for key, (_, wall) in texts.items():  # wall-clock times in Oslo
        assert got[key] == wall.replace(tzinfo=ZoneInfo("Europe/Oslo")).astimezone(UTC), key


def test_a_weekday_before_a_date_and_more_channel_and_yes_no_words(tmp_path, con):
    rows = [["M1", "Tue, 05 Mar 2024 14:05:00 +0100", "Telephone", "Ja"],
            ["M2", "Wed, 06 Mar 2024 09:00:00 +0100", "Walk-up", "Nein"],
            ["M3", "Thu, 07 Mar 2024 10:30:00 +0100", "Self-service portal", "Nein"],
            ["M4", "Fri, 08 Mar 2024 16:45:00 +0100", "Telephone", "Ja"]]
    path = tmp_path / "mail_desk.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([["Case ID", "Received", "Channel", "SLA breached"], *rows])
    f = load_ticket_exports(con, [path]).files[0]
    assert (f.status, f.rows_loaded) == ("loaded", len(rows)), f.message
    got = {r[0]: r[1:] for r in con.execute("select ticket_id, created_at, channel, sla_met from raw.tickets").fetchall()}
    for key, received, channel, breached in rows:
        at = dt.datetime.strptime(received, "%a, %d %b %Y %H:%M:%S %z").astimezone(UTC)
        assert got[key] == (at, {"Telephone": "phone", "Walk-up": "walk_in", "Self-service portal": "portal"}[channel],
                            breached == "Nein"), key
