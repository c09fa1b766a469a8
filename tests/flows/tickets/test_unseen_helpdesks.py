"""Exports from helpdesk systems the loader has never seen, written here as such systems write them: a status
history with CamelCase headers and offsets in its times, customer columns in other words and languages, Swedish
resolution columns, JSON with nested objects and a state history, priorities in other languages and scales, yes/no
flag columns, times in UTC ("Z"), a workbook with a summary sheet before its data. Each is loaded into a real DuckDB
file and checked against a plain reading of the file (pandas / json), never against the loader's own output."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import openpyxl
import pandas as pd
import pytest

from flows.tickets.flags import column_verdict, flag_values, verdict_sql
from flows.tickets.infer import infer_mapping
from flows.tickets.load import load_ticket_exports
from flows.tickets.presets import normalise_priority, normalise_status, priority_scale
from flows.tickets.values import domain_organisation

OSLO = ZoneInfo("Europe/Oslo")


@pytest.fixture()
def con(tmp_path):
    c = duckdb.connect(str(tmp_path / "warehouse.duckdb"))
    yield c
    c.close()


def _write_csv(path: Path, header: list[str], rows: list[list[str]], sep: str = ",") -> Path:
    path.write_text("\n".join(sep.join(r) for r in [header, *rows]) + "\n", encoding="utf-8")
    return path


def _status_history(path: Path) -> Path:
    """One row per status change; every fifth incident is reopened (Active after Resolved) and solved again, every
    seventh reopened and left open; times carry their offset (+01:00 in winter, +02:00 in summer)."""
    rows = []
    for t in range(1, 31):
        start = dt.datetime(2024, 3, 20, 8, tzinfo=OSLO) + dt.timedelta(days=t)  # across the change to summer time
        steps = ["Logged", "Active", "Waiting for Customer", "Active", "Resolved"]
        if t % 5 == 0:
            steps += ["Active", "Resolved"]
        if t % 7 == 0:
            steps += ["Active"]
        for k, status in enumerate(steps):
            at = (start + dt.timedelta(hours=5 * k)).isoformat(timespec="seconds")
            rows.append([f"IM{1000 + t}", status, at, f"agent{k % 3}", str(1 + t % 5), "Phone", "Nett",
                         "Nordvik kommune / Hjemmetjenesten" if t % 2 else "Sørvåg kommune v/ Teknisk"])
    return _write_csv(path, ["IncidentNumber", "Status", "StatusChangedOn", "ChangedBy", "Priority", "Source",
                             "Category", "OrganizationalUnit"], rows)


def test_a_status_history_with_camel_case_headers_is_an_event_log(tmp_path, con):
    path = _status_history(tmp_path / "incident_status_history.csv")
    f = load_ticket_exports(con, [path]).files[0]
    assert f.status == "loaded", f.message
    plain = pd.read_csv(path, dtype=str)
    assert f.tickets == plain["IncidentNumber"].nunique() == 30
    assert "event_at <- 'StatusChangedOn'" in f.message and "resource <- 'ChangedBy'" in f.message
    got = {t: r for t, *r in con.execute(
        "select ticket_id, created_at, resolved_at, reopen_count, status, customer_org from raw.tickets").fetchall()}
    for ticket, events in plain.groupby("IncidentNumber"):
        times = [dt.datetime.fromisoformat(v) for v in events["StatusChangedOn"]]
        states = list(events["Status"])
        # reopened = Active right after Resolved; resolution = the last Resolved while the ticket ends resolved
        reopens = sum(1 for a, b in zip(states, states[1:]) if a == "Resolved" and b == "Active")
        resolved = max(t for t, s in zip(times, states) if s == "Resolved") if states[-1] == "Resolved" else None
        created, resolved_at, reopen_count, status, customer = got[ticket]
        assert created == min(times) and resolved_at == resolved and reopen_count == reopens, ticket
        assert status == ("resolved" if states[-1] == "Resolved" else "open")
        assert customer == events["OrganizationalUnit"].iloc[0]
    # the offsets are kept: an event printed +02:00 is that instant
    assert con.execute("select count(distinct event_at_offset) from raw.ticket_events").fetchone()[0] == 2


def _z(when: dt.datetime) -> str:
    return when.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _api_export(path: Path) -> tuple[Path, list[dict]]:
    """A helpdesk API's tickets: nested organisation and priority objects, a state history per ticket (every fourth
    closed, reopened and closed again; every seventh reopened after that and left open), times in UTC ("Z")."""
    records = []
    for t in range(1, 29):
        created = dt.datetime(2024, 8, 1, 0, 15, tzinfo=OSLO) + dt.timedelta(days=t - 1)  # 22:15Z the day before
        history = [("new", created), ("closed", created + dt.timedelta(hours=4))]
        if t % 4 == 0:
            history += [("open", created + dt.timedelta(hours=30)), ("closed", created + dt.timedelta(hours=50))]
        if t % 7 == 0:
            history += [("open", created + dt.timedelta(hours=60))]
        records.append({"id": 500 + t, "created_at": _z(created), "title": f"Sak {t}",
                        "organization": {"id": 9 + t % 2, "name": ["Nordvik kommune", "Sørvåg kommune"][t % 2]},
                        "priority": {"id": t % 3, "name": ["1 low", "2 normal", "3 high"][t % 3]},
                        "state_history": [{"state": s, "created_at": _z(w)} for s, w in history]})
    path.write_text(json.dumps({"tickets": records}, indent=1), encoding="utf-8")
    return path, records


def test_nested_json_names_and_a_state_history_give_customer_priority_and_the_last_resolution(tmp_path, con):
    path, records = _api_export(tmp_path / "tickets_api.json")
    f = load_ticket_exports(con, [path]).files[0]
    assert f.status == "loaded" and f.tickets == len(records), f.message
    got = {t: r for t, *r in con.execute("select ticket_id, customer_org, priority, priority_source, resolved_at, "
                                         "reopen_count, status from raw.tickets").fetchall()}
    for rec in records:
        customer, priority, as_exported, resolved_at, reopens, status = got[str(rec["id"])]
        history = [(h["state"], dt.datetime.fromisoformat(h["created_at"])) for h in rec["state_history"]]
        closes = [w for s, w in history if s == "closed"]
        assert customer == rec["organization"]["name"] and as_exported == rec["priority"]["name"]
        # the scale's words decide: 1 is low here
        assert priority == {"1 low": "D", "2 normal": "C", "3 high": "B"}[rec["priority"]["name"]]
        # the resolution is the last close, and a ticket reopened and left open has none
        assert resolved_at == (closes[-1] if history[-1][0] == "closed" else None), rec["id"]
        assert reopens == sum(1 for (a, _), (b, _) in zip(history, history[1:]) if a == "closed" and b == "open")
        assert status == ("closed" if history[-1][0] == "closed" else "open")
    # the objects' ids are the same thing again, coded: no columns of their own (a priority question would read them)
    assert {a for (a,) in con.execute("select distinct attribute from raw.ticket_attributes").fetchall()} == {"title"}
    # created 22:15Z on 31 July is 00:15 on 1 August in Oslo: August
    con.execute("set TimeZone = 'Europe/Oslo'")
    months = con.execute("select distinct month(created_at) from raw.tickets").fetchall()
    assert months == [(8,)]


def test_a_json_close_at_is_the_closing_time(tmp_path, con):
    path = tmp_path / "export.jsonl"
    created = [dt.datetime(2024, 3, d, 9, tzinfo=OSLO) for d in range(1, 11)]
    path.write_text("\n".join(json.dumps({"number": f"T-{i}", "created_at": _z(c), "state": "closed",
                                          "close_at": _z(c + dt.timedelta(hours=3)), "customer": {"name": "Nordvik"}})
                              for i, c in enumerate(created)) + "\n", encoding="utf-8")
    f = load_ticket_exports(con, [path]).files[0]
    assert f.status == "loaded", f.message
    got = dict(con.execute("select ticket_id, closed_at from raw.tickets").fetchall())
    assert got == {f"T-{i}": c + dt.timedelta(hours=3) for i, c in enumerate(created)}


@pytest.mark.parametrize("raw, expected", [
    ("Kritisk", "A"), ("Hög", "B"), ("Medel", "C"), ("Låg", "D"), ("Høg", "B"), ("1 low", "D"), ("3 high", "B"),
    ("1 - Critical", "A"), ("5", "D"), ("1", "A"),
])
def test_priority_words_of_other_languages_and_scales(raw, expected):
    assert normalise_priority(raw) == expected


def test_a_bare_number_follows_its_columns_own_scale():
    scale = priority_scale(["1 low", "2 normal", "3 high", "3", None])
    assert {v: normalise_priority(v, scale) for v in ("3", "1", "2 normal")} == {"3": "B", "1": "D", "2 normal": "C"}


@pytest.mark.parametrize("raw, expected", [
    ("Öppen", "open"), ("Stängd", "closed"), ("Avslutad", "closed"), ("Löst", "resolved"), ("Väntar på kund", "pending"),
    ("Pågående", "open"), ("Återöppnad", "open"), ("Makulerad", "cancelled"), ("Waiting for Customer", "pending"),
])
def test_swedish_and_danish_states(raw, expected):
    assert normalise_status(raw) == expected


FLAG_EXPORTS = {
    # Norwegian: the deadline column says it was broken
    "saker_nb.csv": (["Saksnr", "Opprettet", "Løst", "Firma", "Prioritet", "Løsningsfrist brutt"],
                     lambda t, c: [f"S{t}", f"{c:%d.%m.%Y %H:%M}", f"{c + dt.timedelta(hours=5):%d.%m.%Y %H:%M}",
                                   ["Nordvik kommune", "Sorvag kommune", "NORDVIK"][t % 3], ["Høy", "Normal", "Lav"][t % 3],
                                   "Ja" if t % 4 == 0 else "Nei"], "Løsningsfrist brutt", "Ja"),
    # Swedish: Ja/Nej, and a reopened flag beside it
    "arenden_sv.csv": (["Ärendenummer", "Registrerad", "Löst datum", "Organisation", "Prioritet", "SLA bruten",
                        "Återöppnat"],
                       lambda t, c: [f"A{t}", f"{c:%Y-%m-%d %H:%M}", f"{c + dt.timedelta(hours=7):%Y-%m-%d %H:%M}",
                                     ["Nordvik kommun", "Sörvåg kommun"][t % 2], ["Hög", "Medel", "Låg", "Kritisk"][t % 4],
                                     "Ja" if t % 5 == 0 else "Nej", "Ja" if t % 6 == 0 else "Nej"], "SLA bruten", "Ja"),
    # English: the verdict in words, under a header that says nothing of the SLA
    "cases_en.csv": (["Case ID", "Created", "Closed", "Company Name", "Priority", "Resolution status"],
                     lambda t, c: [f"C{t}", f"{c:%Y-%m-%d %H:%M}", f"{c + dt.timedelta(hours=7):%Y-%m-%d %H:%M}",
                                   "Nordvik kommune", "3 - Medium", "SLA Violated" if t % 4 == 0 else "Within SLA"],
                     "Resolution status", "SLA Violated"),
}


@pytest.mark.parametrize("name", sorted(FLAG_EXPORTS))
def test_flag_columns_are_kept_as_true_or_false_and_an_sla_breach_is_no_sla_met(tmp_path, con, name):
    header, row, column, breached = FLAG_EXPORTS[name]
    path = _write_csv(tmp_path / name, header, [row(t, dt.datetime(2024, 5, 1, 9) + dt.timedelta(days=t))
                                                for t in range(1, 25)], sep=";")
    f = load_ticket_exports(con, [path]).files[0]
    assert f.status == "loaded", f.message
    plain = pd.read_csv(path, sep=";", dtype=str)
    id_column = header[0]
    # every ticket has a value; the flag is true exactly where the export says so
    flags = dict(con.execute("select ticket_id, value_flag from raw.ticket_attributes where attribute = ? "
                             "and flag_name is not null", [column]).fetchall())
    assert flags == {r[id_column]: r[column] == breached for _, r in plain.iterrows()}
    assert con.execute("select count(distinct ticket_id) from raw.ticket_attributes where attribute = ? "
                       "and value_flag", [column]).fetchone()[0] == (plain[column] == breached).sum() < len(plain)
    # the SLA verdict: met where the export says it was not broken
    met = dict(con.execute("select ticket_id, sla_met from raw.tickets").fetchall())
    assert met == {r[id_column]: r[column] != breached for _, r in plain.iterrows()}
    # the customer column is the customer, whatever its header's language
    assert con.execute("select count(customer_org) from raw.tickets").fetchone()[0] == len(plain)
    if "Återöppnat" in header:
        reopened = dict(con.execute("select ticket_id, value_flag from raw.ticket_attributes "
                                    "where flag_name = 'Återöppnat'").fetchall())
        assert reopened == {r[id_column]: r["Återöppnat"] == "Ja" for _, r in plain.iterrows()}
        # and it is the ticket's own reopened yes/no, which it has no count of
        assert dict(con.execute("select ticket_id, reopened from raw.tickets").fetchall()) == reopened


@pytest.mark.parametrize("values, expected", [
    (["Ja", "Nei"], ("", {"Ja": True, "Nei": False})),
    (["Nej"], ("", {"Nej": False})),
    (["Within SLA", "Not within SLA"], ("Not within SLA", {"Within SLA": False, "Not within SLA": True})),
    (["Reopened", "Not reopened"], ("Reopened", {"Reopened": True, "Not reopened": False})),
    (["0", "1"], None),  # a count of 0 and 1 is no flag
    (["Nett", "Konto"], None),
    (["SLA Violated", "Within SLA", "Pending"], None),
])
def test_flag_values(values, expected):
    assert flag_values(values) == expected


@pytest.mark.parametrize("value, breach_column, met", [
    ("Ja", True, False), ("Nej", True, True), ("yes", False, True), ("SLA Violated", False, False),
    ("SLA Violated", True, False), ("Within SLA", True, True), ("Ikke brutt", False, True), ("Brutt", False, False),
    ("Innenfor frist", False, True), ("Uppfylld", False, True), ("Ej uppfylld", False, False), ("Kanskje", False, None),
])
def test_an_sla_verdict_reads_the_same_in_python_and_sql(value, breach_column, met):
    assert column_verdict(value, breach_column) is met
    with duckdb.connect() as c:
        assert c.execute(f"select {verdict_sql('$v', breach_column)}", {"v": value}).fetchone()[0] is met


@pytest.mark.parametrize("fmt", ["%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%dT%H:%M:%S.000Z", "%Y-%m-%d %H:%M:%S UTC",
                                 "%Y-%m-%d %H:%M:%S +0000", "%d.%m.%Y %H:%M +00:00", "%d.%m.%Y %H:%MZ",
                                 "%m/%d/%Y %I:%M %p UTC", "%d/%m/%Y %H:%M GMT"])
def test_times_written_in_utc_are_converted_before_their_oslo_date(tmp_path, con, fmt):
    # 22:15 UTC on 31 July is 00:15 on 1 August in Oslo
    utc = [dt.datetime(2024, 7, 31, 22, 15, tzinfo=dt.timezone.utc) + dt.timedelta(days=d, minutes=7 * d)
           for d in range(0, 40, 3)]
    path = _write_csv(tmp_path / "utc.csv", ["Ticket ID", "Created", "Status"],
                      [[f"T{i}", w.strftime(fmt), "Open"] for i, w in enumerate(utc)], sep=";")
    f = load_ticket_exports(con, [path]).files[0]
    assert f.status == "loaded", f.message
    got = dict(con.execute("select ticket_id, created_at from raw.tickets").fetchall())
    assert got == {f"T{i}": w for i, w in enumerate(utc)}
    assert {g.astimezone(OSLO).month for g in got.values()} == {8, 9}


def test_an_event_log_with_offsets_after_day_first_times(tmp_path, con):
    rows, want = [], {}
    for t in range(1, 13):
        start = dt.datetime(2024, 3, 28, 9, tzinfo=OSLO) + dt.timedelta(days=t)  # winter and summer time
        times = [start, start + dt.timedelta(hours=2)]
        want[f"C{t}"] = times
        rows += [[f"C{t}", s, w.strftime("%d.%m.%Y %H:%M ") + w.strftime("%z")[:3] + ":" + w.strftime("%z")[3:]]
                 for s, w in zip(["Registrert", "Løst"], times)]
    path = _write_csv(tmp_path / "hendelser.csv", ["Saksnr", "Hendelse", "Tidspunkt"], rows, sep=";")
    f = load_ticket_exports(con, [path]).files[0]
    assert f.status == "loaded" and f.tickets == 12, f.message
    got = {t: (c, r) for t, c, r in con.execute("select ticket_id, created_at, resolved_at from raw.tickets").fetchall()}
    assert got == {t: (w[0], w[1]) for t, w in want.items()}
    # the events as read are typed the same way
    events = con.execute("select ticket_id, list(event_at order by event_at) from raw.ticket_events group by 1").fetchall()
    assert dict(events) == want


@pytest.mark.parametrize("summary_header", [["Status", "Antal"], ["Status", "Antal ärenden"],
                                            ["Status", "Number of tickets", "Share"]])
def test_a_summary_sheet_before_the_data_is_not_read_as_tickets(tmp_path, con, summary_header):
    path = tmp_path / "arenden.xlsx"
    wb = openpyxl.Workbook()
    summary = wb.active
    summary.title = "Sammanfattning"
    summary.append(summary_header)
    for status, n in (("Öppen", 4), ("Stängd", 8), ("Totalt", 12)):
        summary.append([status, n, round(n / 12, 2)][:len(summary_header)])
    data = wb.create_sheet("Ärenden")
    data.append(["Ärendeexport"])
    data.append(["Period: 2024"])
    data.append([])
    data.append(["Ärendenummer", "Registrerad", "Avslutad", "Kund", "Status"])
    for t in range(1, 13):
        data.append([f"X{t}", dt.datetime(2024, t, 2, 9), dt.datetime(2024, t, 3, 9) if t % 3 else None,
                     "Nordvik kommune", "Stängd" if t % 3 else "Öppen"])
    wb.save(path)
    f = load_ticket_exports(con, [path]).files[0]
    assert f.status == "loaded", f.message
    plain = pd.read_excel(path, sheet_name="Ärenden", header=3, dtype=str)
    assert f.tickets == len(plain) == 12 and "'Sammanfattning'" in f.message and "row 4" in f.message
    got = {t: (c, s, k) for t, c, s, k in con.execute(
        "select ticket_id, closed_at is not null, status, customer_org from raw.tickets").fetchall()}
    assert got == {r["Ärendenummer"]: (isinstance(r["Avslutad"], str), {"Stängd": "closed", "Öppen": "open"}[r["Status"]],
                                       r["Kund"]) for _, r in plain.iterrows()}


@pytest.mark.parametrize("id_header", ["IncidentNumber", "CaseNo", "RequestId", "SakNr", "ÄrendeId", "Ärende nr",
                                       "Request No"])
@pytest.mark.parametrize("time_header", ["StatusChangedOn", "Changed at", "Endret", "Tidspunkt", "Ändrad"])
def test_a_status_history_is_read_whatever_its_id_and_time_words(id_header, time_header):
    header = [id_header, "Status", time_header, "ChangedBy"]
    sample = [[f"R{t}", s, f"2024-03-{t + 1:02d}T{8 + k}:00:00+01:00", f"user{k}"]
              for t in range(1, 9) for k, s in enumerate(["Logged", "Active", "Resolved"])]
    inference = infer_mapping(header, sample)
    assert inference.refusal is None and inference.event_log, inference.describe()
    chosen = {c.field: c.column for c in inference.choices}
    assert (chosen["ticket_id"], chosen["event_at"], chosen["status"]) == (id_header, time_header, "Status")


def test_a_preset_export_with_columns_the_preset_has_no_name_for_is_completed(tmp_path, con):
    # "Saksnummer" and "Registrert dato" are a preset's; the resolution, closing and customer columns are not
    created = [dt.datetime(2024, 2, d, 8, 30) for d in range(1, 21)]
    rows = [[f"M{i}", f"{c:%d.%m.%Y %H:%M}", f"{c + dt.timedelta(hours=4):%d.%m.%Y %H:%M}" if i % 4 else "",
             f"{c + dt.timedelta(days=2):%d.%m.%Y %H:%M}" if i % 4 else "", ["Nordvik kommun", "Sörvåg kommun"][i % 2],
             ["Hög", "Medel", "Låg"][i % 3]] for i, c in enumerate(created)]
    path = _write_csv(tmp_path / "saker.csv", ["Saksnummer", "Registrert dato", "Löst datum", "Stängd", "Kund",
                                               "Prioritet"], rows, sep=";")
    f = load_ticket_exports(con, [path]).files[0]
    assert f.status == "loaded" and "completed" in f.message, f.message
    plain = pd.read_csv(path, sep=";", dtype=str, keep_default_na=False)
    got = {t: r for t, *r in con.execute("select ticket_id, resolved_at is not null, closed_at is not null, "
                                         "customer_org, priority from raw.tickets").fetchall()}
    assert got == {r["Saksnummer"]: [r["Löst datum"] != "", r["Stängd"] != "", r["Kund"],
                                     {"Hög": "B", "Medel": "C", "Låg": "D"}[r["Prioritet"]]] for _, r in plain.iterrows()}


def test_a_nested_objects_name_not_its_id_is_the_customer_of_an_inferred_layout(tmp_path, con):
    path = tmp_path / "cases.jsonl"
    records = [{"number": f"K-{i}", "opened": f"2024-04-{i + 1:02d}T10:00:00+02:00",
                "organization": {"id": 40 + i % 2, "name": ["Nordvik kommune", "Sørvåg kommune"][i % 2]},
                "priority": {"id": i % 4, "name": ["Hög", "Medel", "Låg", "Kritisk"][i % 4]}} for i in range(24)]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    f = load_ticket_exports(con, [path]).files[0]
    assert f.status == "loaded", f.message
    got = {t: (c, p) for t, c, p in con.execute("select ticket_id, customer_org, priority_source from raw.tickets")
           .fetchall()}
    assert got == {r["number"]: (r["organization"]["name"], r["priority"]["name"]) for r in records}


@pytest.mark.parametrize("header, values, met", [
    ("SLA met", ["1", "0"], [True, False]), ("Made SLA", ["true", "false"], [True, False]),
    ("Innenfor SLA", ["Ja", "Nei"], [True, False]), ("SLA overskredet", ["Ja", "Nei"], [False, True]),
    ("SLA", ["Met", "Breached"], [True, False]),
])
def test_an_sla_column_in_its_own_words(header, values, met):
    sample = [[f"T{i}", f"2024-01-{i + 1:02d} 10:00", values[i % 2]] for i in range(12)]
    inference = infer_mapping(["Ticket", "Created", header], sample)
    chosen = {c.field: c.column for c in inference.choices}
    field = "sla_breached" if met[0] is False and values[0] in ("Ja", "1") else "sla_met"
    assert chosen.get(field) == header, inference.describe()
    assert [column_verdict(v, field == "sla_breached") for v in values] == met


def test_a_sender_address_at_a_municipal_domain_is_the_customer_when_no_column_names_one(tmp_path, con):
    # «Department» is the desk's own department (Lønn, Faktura), no customer; «From Email» is at the customer's domain
    domains = ["nordvik.kommune.no", "Sorvag.Kommune.no", "gmail.com", "skole.nordvik.kommune.no"]
    rows = [[str(500 + i), f"2024-05-{i + 1:02d} 09:00", ["Lønn", "Faktura", "Regnskap"][i % 3],
             f"user{i}@{domains[i % 4]}", "Normal"] for i in range(24)]
    path = _write_csv(tmp_path / "tickets_export.csv", ["Ticket Number", "Date Created", "Department", "From Email",
                                                         "Priority"], rows)
    f = load_ticket_exports(con, [path]).files[0]
    assert f.status == "loaded", f.message
    got = dict(con.execute("select ticket_id, customer_org from raw.tickets").fetchall())
    expected = {r[0]: {0: "Nordvik kommune", 1: "Sorvag kommune", 2: None, 3: "Nordvik kommune"}[i % 4]
                for i, r in enumerate(rows)}
    # the address is the customer cell; the warehouse names it by its domain (stg_tickets: customer_named)
    assert {t: domain_organisation(c) for t, c in got.items()} == expected


@pytest.mark.parametrize("raw, expected", [
    ("Status changed from Open to Completed", "resolved"), ("Status changed from Completed to Open", "open"),
    ("Status endret fra Ny til Løst", "resolved"), ("Status ändrad från Ny till Väntande", "pending"),
    ("Open -> Resolved", "resolved"), ("Reply added by agent", None),
])
def test_a_change_of_state_written_with_both_states_is_the_state_after_it(raw, expected):
    # an activity log's "from A to B" puts the ticket in B (the first state word it names is where it came from)
    from flows.tickets.presets import activity_state

    assert activity_state(raw) == expected
