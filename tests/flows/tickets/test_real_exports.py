"""Real exports nobody here made (../shared/real/tickets) and every preset's generated export.

For each file the number of distinct tickets the loader keeps is compared with a plain DuckDB
(or openpyxl) reading of the same file, and every row read is either loaded or quarantined with
a reason.
"""
from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import openpyxl
import pytest

from flows.samples.tickets import SAMPLE_FORMATS, write_sample_exports
from flows.tickets.load import load_ticket_exports
from flows.tickets.presets import normalise_status

REPO = Path(__file__).resolve().parents[3]
REAL = REPO.parent / "shared" / "real" / "tickets"
EVENT_LOG = REAL / "helpdesk_italian_sw_company_eventlog.csv"
JIRA = REAL / "apache_hive_jira_issues.csv"


@pytest.fixture()
def con():
    connection = duckdb.connect()
    yield connection
    connection.close()


def _plain_csv(path: Path, encoding: str = "utf-8"):
    """A plain DuckDB reading: auto-detected dialect, every column text."""
    return f"read_csv('{path}', all_varchar = true, header = true, encoding = '{encoding}')"


def test_real_files_are_there():
    assert EVENT_LOG.is_file() and JIRA.is_file(), f"expected the real exports in {REAL}"


def test_event_log_becomes_one_ticket_per_case(con, tmp_path):
    plain = duckdb.connect()
    events, cases = plain.execute(
        f'select count(*), count(distinct "case:concept:name") from {_plain_csv(EVENT_LOG)}').fetchone()
    f = load_ticket_exports(con, [EVENT_LOG], inferred_dir=tmp_path).files[0]
    assert f.status == "loaded", f.message
    assert (f.rows_read, f.rows_loaded + f.rows_quarantined, f.tickets) == (events, events, cases)
    assert con.execute("select count(*), count(distinct ticket_id) from raw.tickets").fetchone() == (cases, cases)
    assert con.execute("select count(*) from raw.ticket_events").fetchone()[0] == events
    # the message says which column became what, and the YAML mapping was written
    assert "ticket_id <- 'case:concept:name'" in f.message and "event_at <- 'time:timestamp'" in f.message
    (written,) = tmp_path.glob("*.yaml")
    assert "ticket_id: case:concept:name" in written.read_text(encoding="utf-8")

    # each case: created = first event, latest state = last activity, closed = last "Closed" event
    expected = {row[0]: row[1:] for row in plain.execute(f"""
        select "case:concept:name", min("time:timestamp"::timestamptz),
               arg_max("Activity", "time:timestamp"::timestamptz),
               max("time:timestamp"::timestamptz) filter (where "Activity" = 'Closed')
        from {_plain_csv(EVENT_LOG)} group by 1""").fetchall()}
    got = {row[0]: row[1:] for row in con.execute(
        "select ticket_id, created_at, status_source, status, closed_at from raw.tickets").fetchall()}
    assert got.keys() == expected.keys()
    mismatched = []
    for case, (created, last_activity, closed) in expected.items():
        g_created, g_source, g_status, g_closed = got[case]
        want_closed = closed if normalise_status(last_activity) == "closed" else None
        if (g_created, g_source, g_status, g_closed) != (created, last_activity, normalise_status(last_activity),
                                                          want_closed):
            mismatched.append((case, got[case], (created, last_activity, want_closed)))
    assert not mismatched, mismatched[:3]


def test_event_log_reopen_and_reassignment_counts_follow_the_events(con):
    load_ticket_exports(con, [EVENT_LOG])
    # recount in Python, independently of the loader's SQL, from the raw events it kept
    events: dict[str, list[tuple]] = {}
    for ticket_id, activity, resource, status in con.execute(
            "select ticket_id, activity, resource, status from raw.ticket_events order by ticket_id, event_at, source_row"
    ).fetchall():
        events.setdefault(ticket_id, []).append((activity, resource, status))
    expected = {}
    for ticket_id, evs in events.items():
        # an activity naming no state ("Assign seriousness": status null) keeps the state before it, so
        # "Resolve ticket, Assign seriousness, Take in charge ticket" is a reopening
        reopens, state = 0, None
        for _, _, status in evs:
            if status is not None:
                reopens += state in ("resolved", "closed") and status in ("new", "open", "pending")
                state = status
        reassigned, owner = 0, None
        for _, resource, status in evs:
            if resource is not None:
                if owner is not None and resource != owner and status not in ("resolved", "closed", "cancelled"):
                    reassigned += 1
                owner = resource
        expected[ticket_id] = (reassigned, reopens)
    got = {r[0]: (r[1], r[2]) for r in con.execute(
        "select ticket_id, reassignment_count, reopen_count from raw.tickets").fetchall()}
    assert got == expected
    assert sum(r for _, r in got.values()) > 0  # the log does contain reopened tickets


def test_jira_export_without_any_date_is_kept_as_a_dateless_snapshot(con):
    """Key, Summary, Status, Priority, Affected Versions and no date at all: every issue is kept (no
    created time), the message says it has no dates, and the counts equal a plain DuckDB reading."""
    plain = duckdb.connect()
    rows, keys = plain.execute(f"select count(*), count(distinct Key) from {_plain_csv(JIRA)}").fetchone()
    f = load_ticket_exports(con, [JIRA]).files[0]
    assert f.status == "loaded", f.message
    assert "dateless snapshot" in f.message and "no dates" in f.message and "cannot be placed in periods" in f.message
    assert (f.rows_read, f.rows_loaded, f.rows_quarantined, f.tickets) == (rows, rows, 0, keys)
    assert con.execute("select count(*), count(distinct ticket_id), count(created_at) from raw.tickets").fetchone() \
        == (keys, keys, 0)
    assert con.execute("select count(*) from raw.ticket_quarantine").fetchone()[0] == 0
    # breakdowns as exported equal the plain reading
    for column, ours in (("Status", "status_source"), ("Priority", "priority_source")):
        expected = dict(plain.execute(f'select "{column}", count(distinct Key) from {_plain_csv(JIRA)} group by 1')
                        .fetchall())
        got = dict(con.execute(f"select {ours}, count(*) from raw.tickets group by 1").fetchall())
        assert got == expected, column
    # the columns no canonical field takes are kept per issue; the version list one row per version
    listing, several = plain.execute(f"""
        select count(distinct Key) filter (where list_contains(string_split("Affected Versions", ', '), '4.0.0')),
               count(distinct Key) filter (where len(string_split("Affected Versions", ', ')) > 1)
        from {_plain_csv(JIRA)}""").fetchone()
    assert con.execute("""select count(distinct ticket_id) filter (where value = '4.0.0'),
        count(distinct ticket_id) filter (where item_count > 1) from raw.ticket_attributes
        where attribute = 'Affected Versions'""").fetchone() == (listing, several)
    assert con.execute("select count(distinct ticket_id) from raw.ticket_attributes where attribute = 'Summary'") \
        .fetchone()[0] == plain.execute(f"select count(distinct Key) from {_plain_csv(JIRA)} "
                                        f"where Summary is not null").fetchone()[0]


def test_jira_export_loads_once_a_created_time_is_added(con, tmp_path):
    """The same real rows with a Created column: every distinct key loads, multi-value cells intact."""
    plain = duckdb.connect()
    keys, multi = plain.execute(
        f"select count(distinct Key), count(*) filter (where \"Affected Versions\" like '%,%') "
        f"from {_plain_csv(JIRA)}").fetchone()
    with JIRA.open(encoding="utf-8", newline="") as src:
        rows = list(csv.reader(src))
    path = tmp_path / "hive_with_created.csv"
    with path.open("w", encoding="utf-8", newline="") as dst:
        writer = csv.writer(dst)
        writer.writerow([*rows[0], "Created"])
        writer.writerows([*r, f"{1 + i % 28}/3/2024 10:00"] for i, r in enumerate(rows[1:]))
    f = load_ticket_exports(con, [path]).files[0]
    assert f.status in ("loaded", "partial"), f.message
    assert f.rows_read == f.rows_loaded + f.rows_quarantined == len(rows) - 1
    assert con.execute("select count(distinct ticket_id) from raw.tickets").fetchone()[0] == keys
    assert multi > 0


def _plain_distinct_ids(path: Path, fmt: str) -> int:
    con = duckdb.connect()
    if fmt == "servicenow":
        ws = openpyxl.load_workbook(path, read_only=True).active
        values = list(ws.iter_rows(values_only=True))
        return len({row[values[0].index("number")] for row in values[1:]})
    if fmt == "zendesk":
        return con.execute(f"select count(distinct t.id) from (select unnest(tickets) as t "
                           f"from read_json('{path}'))").fetchone()[0]
    id_column = {"canonical": "ticket_id", "topdesk": "Meldingsnummer", "jira": "Issue key"}[fmt]
    encoding = "latin-1" if fmt == "topdesk" else "utf-8"  # the TOPdesk sample is Windows-1252
    return con.execute(f'select count(distinct "{id_column}") from {_plain_csv(path, encoding)}').fetchone()[0]


@pytest.mark.parametrize("fmt", SAMPLE_FORMATS)
def test_each_preset_loads_every_distinct_ticket(con, tmp_path, fmt):
    (path,) = write_sample_exports(tmp_path, formats=(fmt,), quarters=[(2021, 3)])
    f = load_ticket_exports(con, [path]).files[0]
    assert f.preset == fmt
    assert f.rows_read == f.rows_loaded + f.rows_quarantined
    quarantined_without_reason = con.execute(
        "select count(*) from raw.ticket_quarantine where reason is null or reason = ''").fetchone()[0]
    assert quarantined_without_reason == 0
    assert con.execute("select count(distinct ticket_id) from raw.tickets").fetchone()[0] == \
        _plain_distinct_ids(path, fmt) == f.tickets
