"""Exports as people save them, in layouts no preset knows (issue 13, unknown layouts).

Each test writes a small invented export as a real file (CSV in Windows-1252 with ';', XLSX made with
openpyxl), loads it into an in-memory DuckDB and checks: the number of distinct tickets equals a plain
pandas reading of the file, the mapping chosen (the load message says which column became what), and
the rows set aside with their reasons.
"""
from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import duckdb
import openpyxl
import pandas as pd
import pytest

from flows.tickets.infer import infer_mapping
from flows.tickets.load import load_ticket_exports
from flows.tickets.readers import find_header_row

UTC = dt.timezone.utc
OSLO = dt.timezone(dt.timedelta(hours=1))  # winter time: every date below is in January-March


@pytest.fixture()
def con():
    connection = duckdb.connect()
    yield connection
    connection.close()


def _write_csv(path: Path, rows: list[list[object]]) -> Path:
    """As Excel saves 'CSV (semikolonseparert)' on a Norwegian Windows: cp1252, ';', CRLF."""
    with path.open("w", encoding="cp1252", newline="") as fh:
        csv.writer(fh, delimiter=";", lineterminator="\r\n").writerows(
            [["" if c is None else c for c in row] for row in rows])
    return path


def _write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Saker"
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def _quarantine(con) -> list[tuple[int, str]]:
    return con.execute("select row_number, reason from raw.ticket_quarantine order by row_number").fetchall()


# --- 1. the created time comes from a creation word, never from a completion date ------------------------

MELDINGER = [
    ["Meldingsnummer", "Innmeldingsdato", "Kort beskrivelse", "Kategori", "Prioritet", "Status", "Kommune",
     "Ferdigmeldt dato", "Lukket dato"],
    ["M24-0101", "02.01.2024 08:15", "Skriver i 2. etasje", "Utskrift", "2 - Høy", "Lukket", "Fjellvik",
     "03.01.2024 10:00", "05.01.2024 12:00"],
    ["M24-0102", "02.01.2024 09:40", "Glemt passord", "Konto", "Normal", "Under behandling", "Strandå", None, None],
    ["M24-0103", "03.01.2024 13:05", "Ny bruker", "Konto", "Lav", "Ferdigmeldt", "Fjellvik", "04.01.2024 09:30", None],
    ["M24-0104", "15.01.2024 07:55", "Nettverk nede", "Nettverk", "Kritisk", "Lukket", "Åsmark",
     "15.01.2024 11:20", "16.01.2024 08:00"],
    ["M24-0105", "31.01.2024 16:45", "Teams krasjer", "Programvare", "Normal", "Ny", "Åsmark", None, None],
    ["M24-0106", "01.02.2024 10:10", "Bytte skjerm", "Utstyr", "Lav", "Lukket", "Strandå",
     "12.02.2024 14:00", "13.02.2024 09:00"],
]


def test_created_time_is_the_creation_column_not_the_completion_date(con, tmp_path):
    path = _write_csv(tmp_path / "meldinger.csv", MELDINGER)
    f = load_ticket_exports(con, [path]).files[0]
    assert (f.status, f.rows_read, f.rows_quarantined) == ("loaded", 6, 0), f.message
    for said in ("ticket_id <- 'Meldingsnummer'", "created_at <- 'Innmeldingsdato'",
                 "resolved_at <- 'Ferdigmeldt dato'", "closed_at <- 'Lukket dato'", "priority <- 'Prioritet'",
                 "status <- 'Status'", "customer_org <- 'Kommune'", "category <- 'Kategori'"):
        assert said in f.message, said
    plain = pd.read_csv(path, sep=";", encoding="cp1252", dtype=str)
    assert f.tickets == plain["Meldingsnummer"].nunique() == con.execute(
        "select count(distinct ticket_id) from raw.tickets").fetchone()[0]
    # every ticket's created time is its Innmeldingsdato, open tickets too (Oslo time, winter)
    expected = {r["Meldingsnummer"]: dt.datetime.strptime(r["Innmeldingsdato"], "%d.%m.%Y %H:%M").replace(tzinfo=OSLO)
                for _, r in plain.iterrows()}
    got = dict(con.execute("select ticket_id, created_at from raw.tickets").fetchall())
    assert got == expected
    assert con.execute("select resolved_at, closed_at from raw.tickets where ticket_id = 'M24-0103'").fetchone() == (
        dt.datetime(2024, 1, 4, 9, 30, tzinfo=OSLO), None)


@pytest.mark.parametrize("header", [
    # (id, a completion column placed first, the creation column, another completion column)
    ["Saksnummer", "Avsluttet dato", "Registreringsdato", "Løst dato"],        # bokmål
    ["Saksnummer", "Lukka dato", "Oppretta dato", "Løyst dato"],               # nynorsk
    ["Ärendenummer", "Stängd", "Inkommen", "Löst"],                            # svensk
    ["Sagsnummer", "Afsluttet", "Oprettet", "Løst"],                           # dansk
    ["Ticket #", "Date closed", "Date opened", "Resolved"],                   # english
    ["Case ID", "Completed on", "Logged on", "Done"],
    ["Saksnr.", "Ferdig dato", "Mottatt dato", "Lukket dato"],
])
def test_creation_words_win_and_completion_words_are_never_created(header):
    rows = [[f"S-{i}", f"{10 + i}.03.2024 12:00" if i % 2 else None, f"{1 + i}.03.2024 08:00",
             f"{5 + i}.03.2024 09:00" if i % 3 else None] for i in range(1, 9)]
    chosen = {c.field: c.column for c in infer_mapping(header, rows).choices}
    assert chosen["ticket_id"] == header[0]
    assert chosen["created_at"] == header[2], chosen
    # the completion columns are resolved/closed times (two resolution words: the stronger one is taken)
    done = {chosen.get("resolved_at"), chosen.get("closed_at")}
    assert header[1] in done or header[3] in done, chosen
    assert not {header[1], header[3]} & {chosen[f] for f in chosen if f not in ("resolved_at", "closed_at")}


def test_without_a_clear_word_the_full_earliest_date_column_is_created():
    """Two date columns named alike: the one filled on every row and earliest on each row is the created time."""
    header = ["Saksnr", "Dato A", "Dato B", "Tema"]
    rows = [[str(100 + i), f"{10 + i}.03.2024 12:00" if i % 3 else None, f"{1 + i}.03.2024 08:00",
             ["Konto", "Nett", "Utstyr"][i % 3]] for i in range(9)]
    inference = infer_mapping(header, rows)
    created = next(c for c in inference.choices if c.field == "created_at")
    assert created.column == "Dato B" and "earliest" in created.why, inference.describe()
    # the same, the other way round
    swapped = infer_mapping(header, [[r[0], r[2], r[1], r[3]] for r in rows])
    assert next(c.column for c in swapped.choices if c.field == "created_at") == "Dato A"


def test_only_completion_dates_are_no_created_time():
    inference = infer_mapping(["Saksnr", "Lukket dato"], [["1", "02.01.2024"], ["2", "03.01.2024"]])
    assert inference.refusal is not None and "no created time" in inference.refusal
    assert '"Lukket dato" (dates)' in inference.refusal


# --- 2. a title (and a blank row) above the header ----------------------------------------------------------

TITLE = "Eksempel IKT – saksoversikt første halvår"
SAKER_HEADER = ["Sak nr", "Registrert", "Løst", "Kommune", "Kategori", "Prioritet", "Kanal"]
SAKER = [
    [2401, dt.datetime(2024, 1, 2, 8, 30), dt.datetime(2024, 1, 2, 15, 0), "Bekkely", "Konto", "Høy", "Telefon"],
    [2402, dt.datetime(2024, 1, 3, 9, 0), None, "Lundhaug", "Utstyr", "Normal", "E-post"],
    [2403, dt.datetime(2024, 2, 14, 12, 15), dt.datetime(2024, 2, 20, 10, 0), "Bekkely", "Nettverk", "Kritisk",
     "Portal"],
    [2404, dt.datetime(2024, 3, 1, 7, 45), None, "Myrvoll", "Konto", "Lav", "Telefon"],
    [2405, dt.datetime(2024, 3, 5, 11, 30), dt.datetime(2024, 3, 6, 9, 0), "Lundhaug", "Programvare", "Normal",
     "E-post"],
]


def _as_csv_cells(row: list[object]) -> list[object]:
    return [v.strftime("%d.%m.%Y %H:%M") if isinstance(v, dt.datetime) else v for v in row]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_title_and_blank_row_above_the_header(con, tmp_path, fmt):
    rows = [[TITLE], [], SAKER_HEADER, *SAKER]
    if fmt == "xlsx":
        path = _write_xlsx(tmp_path / "saksoversikt.xlsx", rows)
        plain = pd.read_excel(path, header=2)
    else:  # Excel writes the title row with the delimiters of the empty cells after it
        path = _write_csv(tmp_path / "saksoversikt.csv",
                          [[TITLE] + [None] * 6, [None] * 7, SAKER_HEADER, *map(_as_csv_cells, SAKER)])
        plain = pd.read_csv(path, sep=";", encoding="cp1252", header=2, dtype=str)
    f = load_ticket_exports(con, [path]).files[0]
    assert (f.status, f.rows_read, f.rows_quarantined) == ("loaded", 5, 0), f.message
    assert f.tickets == plain["Sak nr"].nunique() == con.execute("select count(distinct ticket_id) from raw.tickets"
                                                                 ).fetchone()[0]
    for said in ("ticket_id <- 'Sak nr'", "created_at <- 'Registrert'", "resolved_at <- 'Løst'",
                 "customer_org <- 'Kommune'", "category <- 'Kategori'", "priority <- 'Prioritet'",
                 "channel <- 'Kanal'"):
        assert said in f.message, said
    assert "header is row 3" in f.message and TITLE in f.message, f.message
    # each ticket carries the line/sheet row it is on (header row 3: the first ticket is row 4)
    got = con.execute("select ticket_id, source_row, created_at, priority, channel from raw.tickets "
                      "order by source_row").fetchall()
    assert [(g[0], g[1]) for g in got] == [(str(r[0]), 4 + i) for i, r in enumerate(SAKER)]
    assert got[0][2:] == (dt.datetime(2024, 1, 2, 8, 30, tzinfo=OSLO), "B", "phone")
    # the columns no field takes are kept under the header's names, not the title's
    assert con.execute("select count(*) from raw.ticket_attributes").fetchone()[0] == 0


@pytest.mark.parametrize("text, title", [
    # a title without delimiters, with a comma in it, above a comma-separated table
    ("Saksoversikt, første halvår\r\n\r\nSaksnr,Registrert,Tema\r\n{rows}", ["Saksoversikt, første halvår"]),
    # two lines of title, one of them with cells of its own
    ("Rapport\r\nKommune: alle;Periode: 2024;;\r\n;;;\r\nSaksnr;Registrert;Tema\r\n{rows}",
     ["Rapport", "Kommune: alle;Periode: 2024"]),
])
def test_title_lines_above_a_csv_header(con, tmp_path, text, title):
    sep = "," if "Saksnr," in text else ";"
    rows = "".join(sep.join([str(n), f"0{n}.02.2024", "Nett"]) + "\r\n" for n in range(1, 4))
    path = tmp_path / "oversikt.csv"
    path.write_bytes(text.format(rows=rows).encode("cp1252"))
    header_line = text.count("\r\n", 0, text.index("Saksnr")) + 1
    f = load_ticket_exports(con, [path]).files[0]
    plain = pd.read_csv(path, sep=sep, encoding="cp1252", header=header_line - 1, skip_blank_lines=False, dtype=str)
    assert (f.status, f.rows_read) == ("loaded", 3), f.message
    assert f.tickets == plain["Saksnr"].nunique()
    assert f"header is row {header_line}" in f.message and all(repr(t) in f.message for t in title), f.message
    assert con.execute("select list(source_row order by source_row) from raw.tickets").fetchone()[0] == [
        header_line + 1, header_line + 2, header_line + 3]


@pytest.mark.parametrize("rows, header_at", [
    ([["Saksnr", "Registrert"], ["1", "01.02.2024"]], 0),
    ([["Rapport"], [None, None], ["Saksnr", "Registrert"], ["1", "01.02.2024"]], 2),
    ([["Eksportert", "03.01.2024"], ["Saksnr", "Registrert", "Tema"], ["1", "01.02.2024", "Nett"]], 1),
    ([["Saksoversikt", "Første halvår"], [None], ["Saksnr", "Registrert", "Tema"], ["1", "01.02.2024", "Nett"]], 2),
    # a data row full of words is no header when a wider row is above it
    ([["Key", "Summary", "Status"], ["A-1", "Login fails", "Open"]], 0),
    # nothing like a header: the first row with anything in it, as before
    ([[None], ["1", "2"], ["3", "4"]], 1),
])
def test_find_header_row(rows, header_at):
    assert find_header_row(rows) == header_at


# --- 3. totals rows, blank separator rows and dates typed as text -------------------------------------------

def test_totals_row_and_blank_rows_are_no_tickets_and_text_dates_are_read(con, tmp_path):
    rows = [SAKER_HEADER, *SAKER[:3], [], *SAKER[3:],
            [2406, "03.01.2024", None, "Myrvoll", "Utstyr", "Normal", "Telefon"],       # a date typed as text
            [2407, "15.02.2024 13:45", "16.02.2024", "Bekkely", "Konto", "Høy", "Portal"],
            [], ["Totalt", 296]]
    path = _write_xlsx(tmp_path / "saker_med_sum.xlsx", rows)
    f = load_ticket_exports(con, [path]).files[0]
    plain = pd.read_excel(path)
    ids = plain["Sak nr"].dropna().astype(str)
    assert f.tickets == ids[ids != "Totalt"].nunique() == 7 == con.execute(
        "select count(distinct ticket_id) from raw.tickets").fetchone()[0], f.message
    assert "created_at <- 'Registrert'" in f.message and "resolved_at <- 'Løst'" in f.message, f.message
    # the totals row is set aside, named as such; 296 is never read as a date
    ((row, reason),) = _quarantine(con)
    assert row == len(rows) and "a totals row, not a ticket" in reason and "date" not in reason, reason
    assert (f.status, f.rows_quarantined) == ("partial", 1)
    assert con.execute("select ticket_id, created_at, resolved_at from raw.tickets where ticket_id in ('2406', '2407') "
                       "order by 1").fetchall() == [
        ("2406", dt.datetime(2024, 1, 3, tzinfo=OSLO), None),
        ("2407", dt.datetime(2024, 2, 15, 13, 45, tzinfo=OSLO), dt.datetime(2024, 2, 16, tzinfo=OSLO))]


@pytest.mark.parametrize("label", ["Sum", "I alt", "Total:", "TOTALT"])
def test_totals_row_in_a_csv(con, tmp_path, label):
    rows = [SAKER_HEADER, *map(_as_csv_cells, SAKER), [None] * 7, [label, 5, None, None, None, None, None]]
    path = _write_csv(tmp_path / "saker.csv", rows)
    f = load_ticket_exports(con, [path]).files[0]
    plain = pd.read_csv(path, sep=";", encoding="cp1252", dtype=str)
    ids = plain["Sak nr"].dropna()
    assert f.tickets == ids[ids != label].nunique() == 5, f.message
    assert "created_at <- 'Registrert'" in f.message, f.message
    ((row, reason),) = _quarantine(con)
    assert row == len(rows) and "a totals row, not a ticket" in reason and label in reason


# --- 4. the same ticket twice, every cell equal ---------------------------------------------------------------

def test_exact_duplicate_rows_load_once_and_are_said(con, tmp_path):
    rows = [MELDINGER[0], *MELDINGER[1:4], MELDINGER[2], *MELDINGER[4:], MELDINGER[2], MELDINGER[6]]
    changed = list(MELDINGER[1])
    changed[5] = "Gjenåpnet"  # the same id with another state: the last row wins, as before
    rows.append(changed)
    more = [[f"M24-{200 + i}", f"{1 + i}.03.2024 10:00", "Tekst", "Konto", "Normal", "Ny", "Åsmark", None, None]
            for i in range(20)]  # (one id in twenty-odd shown twice with a change: still one row per ticket)
    rows += more
    path = _write_csv(tmp_path / "meldinger_dubletter.csv", rows)
    f = load_ticket_exports(con, [path]).files[0]
    plain = pd.read_csv(path, sep=";", encoding="cp1252", dtype=str)
    assert f.tickets == plain["Meldingsnummer"].nunique() == 26 == con.execute(
        "select count(*) from raw.tickets").fetchone()[0], f.message
    assert "read as one row per ticket" in f.message and "created_at <- 'Innmeldingsdato'" in f.message
    assert (f.rows_read, f.rows_quarantined) == (len(rows) - 1, 4)
    assert "3 rows are exact copies of another row" in f.message, f.message
    reasons = dict(_quarantine(con))
    # M24-0102 on lines 3, 5 and 9: the copies on lines 3 and 5 are set aside as copies of line 9
    assert "exact copy of row 9" in reasons[3] and "exact copy of row 9" in reasons[5]
    assert "exact copy of row 10" in reasons[8]  # M24-0106
    assert "superseded by row 11" in reasons[2] and "exact copy" not in reasons[2]  # M24-0101, state changed
    assert con.execute("select status_source from raw.tickets where ticket_id = 'M24-0101'").fetchone()[0] == \
        "Gjenåpnet"


# --- a resolution time written as a duration, with no resolved time -------------------------------------

@pytest.mark.parametrize("header,durations", [
    (["Sak", "Opprettet", "Kunde", "Løsningstid"], ["3.08:00:39", "26:30:00", None, "0.00:45:00", "26t 30m"]),
    (["Case", "Created", "Customer", "Handling time"], ["1 d 2 h", "26:30", "", "45 min", "2 days 3 hours"]),
    (["Sak", "Opprettet", "Kunde", "Varighet"], ["08:00:39", "3.08:00:39", None, "1 d 2 h", "12:00:00"]),
])
def test_a_duration_column_gives_the_resolved_time(con, tmp_path, header, durations):
    from flows.tickets.values import duration_hours

    created = [dt.datetime(2024, 1, 2 + n, 8, 15) for n in range(len(durations))]
    rows = [header] + [[f"S-{n}", c.strftime("%d.%m.%Y %H:%M"), "Fjellvik kommune", d]
                       for n, (c, d) in enumerate(zip(created, durations))]
    path = _write_csv(tmp_path / "saker.csv", rows)
    f = load_ticket_exports(con, [path]).files[0]
    assert (f.status, f.rows_read, f.rows_quarantined) == ("loaded", len(durations), 0), f.message
    assert f"resolution_duration <- '{header[3]}'" in f.message  # which column became what is said
    got = dict(con.execute("select ticket_id, resolved_at from raw.tickets").fetchall())
    for n, (c, d) in enumerate(zip(created, durations)):
        hours = duration_hours(d) if d else None
        expected = None if hours is None else (c + dt.timedelta(hours=hours)).replace(tzinfo=OSLO)
        assert got[f"S-{n}"] == expected, (d, got[f"S-{n}"], expected)


def test_a_duration_column_is_not_taken_when_the_export_has_a_resolved_time(con, tmp_path):
    rows = [["Sak", "Opprettet", "Løst", "Løsningstid"],
            ["S-1", "02.01.2024 08:15", "03.01.2024 08:15", "99:00:00"]]
    f = load_ticket_exports(con, [_write_csv(tmp_path / "saker.csv", rows)]).files[0]
    assert "resolution_duration" not in f.message
    assert con.execute("select resolved_at from raw.tickets").fetchone()[0] == dt.datetime(2024, 1, 3, 8, 15,
                                                                                           tzinfo=OSLO)


# --- a Dynamics 365 (OData) export: codes with formatted values, resolutions as a list -------------------

FV = "@OData.Community.Display.V1.FormattedValue"


def _case(n: int, created: str, priority: tuple[int, str], state: tuple[int, str], resolutions: list[tuple[str, str]]):
    return {"@odata.etag": f'W/"{n}"', "incidentid": f"0000-{n:04d}", "ticketnumber": f"CAS-{n:05d}-XQ",
            "title": f"Sak {n}", "createdon": created, "createdon" + FV: created,
            "resolveby": created[:8] + "28T08:00:00Z",  # a deadline, never the resolved time
            "prioritycode": priority[0], "prioritycode" + FV: priority[1],
            "statecode": state[0], "statecode" + FV: state[1],
            "_customerid_value": f"guid-{n}", "_customerid_value" + FV: "Fjellvik kommune",
            "incident_resolutions": [{"statecode": 1 if s == "Fullført" else 2, "statecode" + FV: s,
                                      "createdon": at} for s, at in resolutions]}


def test_an_odata_export_reads_formatted_values_and_its_last_standing_resolution(con, tmp_path):
    import json

    cases = [
        _case(1, "2024-01-02T08:00:00Z", (1, "Høy"), (1, "Løst"), [("Fullført", "2024-01-02T12:00:00Z")]),
        # a resolution cancelled after the one that stands: the earlier one is the resolution
        _case(2, "2024-01-03T08:00:00Z", (2, "Normal"), (1, "Løst"),
              [("Fullført", "2024-01-04T08:00:00Z"), ("Annullert", "2024-01-05T08:00:00Z")]),
        # resolved twice (reopened between): the last resolution counts
        _case(3, "2024-01-04T08:00:00Z", (3, "Lav"), (1, "Løst"),
              [("Fullført", "2024-01-04T10:00:00Z"), ("Fullført", "2024-01-06T10:00:00Z")]),
        _case(4, "2024-01-05T08:00:00Z", (2, "Normal"), (0, "Aktiv"), []),
    ]
    path = tmp_path / "incidents.json"
    path.write_text(json.dumps({"@odata.context": "https://x/api/data/v9.2/$metadata#incidents", "value": cases}),
                    encoding="utf-8")
    f = load_ticket_exports(con, [path]).files[0]
    assert f.status == "loaded", f.message
    got = {r[0]: r[1:] for r in con.execute(
        "select ticket_id, priority_source, status_source, customer_org, resolved_at from raw.tickets").fetchall()}
    assert set(got) == {"CAS-00001-XQ", "CAS-00002-XQ", "CAS-00003-XQ", "CAS-00004-XQ"}, f.message
    utc = dt.timezone.utc
    assert got["CAS-00001-XQ"] == ("Høy", "Løst", "Fjellvik kommune", dt.datetime(2024, 1, 2, 12, tzinfo=utc))
    assert got["CAS-00002-XQ"][0] == "Normal" and got["CAS-00002-XQ"][3] == dt.datetime(2024, 1, 4, 8, tzinfo=utc)
    assert got["CAS-00003-XQ"][3] == dt.datetime(2024, 1, 6, 10, tzinfo=utc)
    assert got["CAS-00004-XQ"][1:] == ("Aktiv", "Fjellvik kommune", None)


def _dataverse_case(n: int, created: str, shown: str, customer: str | None, resolutions: list[tuple[int, str, str]],
                    state: tuple[int, str]) -> dict:
    """A Dynamics 365 incident as the Web API returns it with $expand: the created instant in UTC and its formatted
    value in the user's zone (to the minute), the customer account and the SLA KPI expanded, the resolutions listed
    (statecode 1 Fullført, 2 Annullert: undone when the case was reactivated)."""
    account = {"accountid": f"3f2a9c1e-0b7d-4c55-9e21-00000000{n:04d}", "name": customer} if customer else None
    return {"@odata.etag": f'W/"{n}"', "incidentid": f"9d1c2b3a-1111-4222-8333-00000000{n:04d}",
            "ticketnumber": f"CAS-{1000 + n}-K{n}Q", "createdon": created, "createdon" + FV: shown,
            "prioritycode": 2, "prioritycode" + FV: "Normal", "statecode": state[0], "statecode" + FV: state[1],
            "caseorigincode": (1, 2, 3)[n % 3], "caseorigincode" + FV: ("Telefon", "E-post", "Nett")[n % 3],
            "customerid_account": account,
            "resolvebykpiid": {"slakpiinstanceid": f"77aa0000-1111-4222-8333-00000000{n:04d}",
                               "failuretime": created[:11] + "23:59:00Z", "status": 1, "status" + FV: "Brudd"},
            "Incident_IncidentResolutions": [
                {"activityid": f"a{n}{i}", "subject": s, "actualend": at, "statecode": code,
                 "statecode" + FV: "Fullført" if code == 1 else "Annullert"} for i, (code, s, at) in enumerate(resolutions)]}


def test_a_dataverse_export_with_expansions_reads_the_customer_name_and_the_resolution_that_stands(con, tmp_path):
    import json

    cases = [
        # created at 00:41 local on New Year's Day: the instant is the evening before in UTC, with its seconds
        _dataverse_case(1, "2024-12-31T23:41:05Z", "01.01.2025 00:41", "Fjellvik kommune",
                        [(1, "Løst", "2025-01-01T09:11:05Z")], (1, "Løst")),
        # reactivated once: the cancelled resolution is a reopening, the later completed one the resolution
        _dataverse_case(2, "2025-01-06T08:00:00Z", "06.01.2025 09:00", "Dalby kommune",
                        [(2, "Løsning (gjenåpnet)", "2025-01-06T10:00:00Z"), (1, "Løst", "2025-01-08T08:30:00Z")],
                        (1, "Løst")),
        # reactivated and still open: no resolution stands
        _dataverse_case(3, "2025-01-07T08:00:00Z", "07.01.2025 09:00", None,
                        [(2, "Løsning (gjenåpnet)", "2025-01-07T12:00:00Z")], (0, "Aktiv")),
        _dataverse_case(4, "2025-01-08T08:00:00Z", "08.01.2025 09:00", "Fjellvik kommune", [], (0, "Aktiv")),
    ]
    path = tmp_path / "incidents.json"
    path.write_text(json.dumps({"@odata.context": "https://x.crm4.dynamics.com/api/data/v9.2/$metadata#incidents",
                                "@odata.count": len(cases), "value": cases}, ensure_ascii=False), encoding="utf-8")
    f = load_ticket_exports(con, [path]).files[0]
    assert f.status == "loaded", f.message
    # the SLA KPI's failure time is a deadline, the account's GUID a code: neither is the resolved time or the customer
    assert "resolved_at <- 'Incident_IncidentResolutions.resolved_at'" in f.message, f.message
    assert "customer_org <- 'customerid_account.name'" in f.message, f.message
    # the case origin, glued ("caseorigincode"), is the channel; "Nett" (web) is the web form
    assert "channel <- 'caseorigincode'" in f.message, f.message
    assert dict(con.execute("select ticket_id, channel from raw.tickets").fetchall()) == {
        "CAS-1001-K1Q": "email", "CAS-1002-K2Q": "portal", "CAS-1003-K3Q": "phone", "CAS-1004-K4Q": "email"}
    got = {r[0]: r[1:] for r in con.execute(
        "select ticket_id, created_at, resolved_at, customer_org, reopen_count from raw.tickets").fetchall()}
    assert got["CAS-1001-K1Q"] == (dt.datetime(2024, 12, 31, 23, 41, 5, tzinfo=UTC),
                                   dt.datetime(2025, 1, 1, 9, 11, 5, tzinfo=UTC), "Fjellvik kommune", 0)
    assert got["CAS-1002-K2Q"] == (dt.datetime(2025, 1, 6, 8, tzinfo=UTC), dt.datetime(2025, 1, 8, 8, 30, tzinfo=UTC),
                                   "Dalby kommune", 1)
    assert got["CAS-1003-K3Q"][1:] == (None, None, 1)
    assert got["CAS-1004-K4Q"][1:] == (None, "Fjellvik kommune", None)  # no resolutions listed: none counted


def test_a_status_history_takes_the_change_time_and_the_state_entered(con, tmp_path):
    """One row per status change ("Fra status" -> "Til status" at "Endringstidspunkt"), the registration time on every
    row: created is the registration, the status the last state entered, the resolution the last change to Løst
    (the automatic close after it is no new resolution)."""
    head = ["Saksnummer", "Tittel", "Kunde", "Prioritet", "Registrert", "Endringstidspunkt", "Fra status",
            "Til status", "Endret av"]
    rows = [head,
            ["INC-1", "Passord", "Dalby kommune", "3 - Middels", "02.01.2024 08:00", "02.01.2024 08:00", "", "Ny",
             "Selvbetjening"],
            ["INC-2", "Skriver", "Fjellvik kommune", "2 - Høy", "02.01.2024 09:30", "02.01.2024 09:30", "", "Ny",
             "Selvbetjening"],
            ["INC-1", "Passord", "Dalby kommune", "3 - Middels", "02.01.2024 08:00", "02.01.2024 10:00", "Ny",
             "Under arbeid", "Kari Li"],
            ["INC-1", "Passord", "Dalby kommune", "3 - Middels", "02.01.2024 08:00", "02.01.2024 14:00",
             "Under arbeid", "Løst", "Kari Li"],
            ["INC-2", "Skriver", "Fjellvik kommune", "2 - Høy", "02.01.2024 09:30", "03.01.2024 09:30", "Ny",
             "Under arbeid", "Ola Ås"],
            ["INC-1", "Passord", "Dalby kommune", "3 - Middels", "02.01.2024 08:00", "03.01.2024 08:00", "Løst",
             "Gjenåpnet", "Selvbetjening"],
            ["INC-1", "Passord", "Dalby kommune", "3 - Middels", "02.01.2024 08:00", "03.01.2024 12:00", "Gjenåpnet",
             "Løst", "Kari Li"],
            ["INC-1", "Passord", "Dalby kommune", "3 - Middels", "02.01.2024 08:00", "06.01.2024 12:00", "Løst",
             "Lukket", "System"]]
    f = load_ticket_exports(con, [_write_csv(tmp_path / "saker_statushistorikk.csv", rows)]).files[0]
    assert f.status == "loaded", f.message
    assert "event_at <- 'Endringstidspunkt'" in f.message and "status <- 'Til status'" in f.message, f.message
    got = {r[0]: r[1:] for r in con.execute(
        "select ticket_id, created_at, resolved_at, status_source from raw.tickets").fetchall()}
    assert got["INC-1"] == (dt.datetime(2024, 1, 2, 8, tzinfo=OSLO), dt.datetime(2024, 1, 3, 12, tzinfo=OSLO),
                            "Lukket")
    assert got["INC-2"] == (dt.datetime(2024, 1, 2, 9, 30, tzinfo=OSLO), None, "Under arbeid")


def test_a_priority_header_that_states_its_numbering_is_read_by_it(con, tmp_path):
    """A contact-centre log whose priority column says "1=lav, 4=kritisk": 4 is the most urgent, not the least."""
    rows = [["HenvendelseID", "Mottatt", "Kanal", "Prioritet (1=lav, 4=kritisk)"],
            ["7300001", "2024-03-01T08:15:00+01:00", "Telefon", "4"],
            ["7300002", "2024-03-01T09:15:00+01:00", "Chat", "1"],
            ["7300003", "2024-03-01T10:15:00+01:00", "Telefon", "2"],
            ["7300004", "2024-03-01T11:15:00+01:00", "E-post", "3"]]
    f = load_ticket_exports(con, [_write_csv(tmp_path / "henvendelseslogg.csv", rows)]).files[0]
    assert f.status == "loaded", f.message
    assert dict(con.execute("select priority_source, priority from raw.tickets").fetchall()) == {
        "4": "A", "3": "B", "2": "C", "1": "D"}
    # a header that states the usual numbering (1 = the most urgent), or none, keeps 1 = A
    rows[0][3] = "Prioritet (1=kritisk, 4=lav)"
    other = duckdb.connect()
    load_ticket_exports(other, [_write_csv(tmp_path / "henvendelseslogg_2.csv", rows)])
    assert dict(other.execute("select priority_source, priority from raw.tickets").fetchall()) == {
        "4": "D", "3": "C", "2": "B", "1": "A"}


def test_a_month_named_date_is_found_whatever_its_case_and_language_and_nothing_else_is():
    """named_date asks for a month's letters before normalising: it must find every date the normalised form
    matches (Norwegian and English, any case, with or without a clock) and nothing the full path rejects."""
    from flows.tickets import values

    dates = ["3. mars 2023 kl. 14:05", "12 Jan 2023", "Jan 12, 2023 10:00 AM", "12/Jan/23", "1. MAI 2024",
             "17. desember 2021 08.30", "5 okt. 2022", "SEPTEMBER 9, 2020", "9 Sept 2020 23:59", "30 Des 2019",
             "Mär 12 2023", "12 maj 2024"]
    others = ["Case123", "Value 12", "Insert ticket 3", "B-000000017", "2023-01-12", "12 Jul", "Mäx 12 2023",
              "kl. 14:05 12", "Januar"]
    for text in dates + others:
        full = values._NAMED_DATE.fullmatch(values.normalise_month_names(text))
        expected = bool(full and (full.group("m1") or full.group("m2")) in values.MONTHS)
        assert (values.named_date(text) is not None) == expected == (text in dates), text


@pytest.mark.parametrize("kind_header", ["channel_type", "Status type", "priority type"])
def test_a_kind_of_another_field_is_never_the_category(kind_header):
    """'<word> type' whose word is another field's strong word names that field's kind: its unknown codes (E/M/B/C)
    stay a column of their own, never the category by the word 'type'."""
    header = ["id", "date_created", kind_header, "subject"]
    rows = [[str(i), f"{1 + i % 9:02d}.01.2024 08:00", "EMBC"[i % 4], f"Sak {i}"] for i in range(12)]
    chosen = {c.field: c.column for c in infer_mapping(header, rows).choices}
    assert chosen.get("category") != kind_header, chosen
    if kind_header == "channel_type":  # codes no channel word reads: a column of its own, no field
        assert kind_header not in chosen.values(), chosen


@pytest.mark.parametrize("type_header", ["Issue Type", "Ticket type", "Request type"])
def test_a_ticket_kind_named_type_is_still_the_category(type_header):
    header = ["id", "date_created", type_header, "channel_type"]
    rows = [[str(i), f"{1 + i % 9:02d}.01.2024 08:00", ["Tilgang", "Skriver", "Nett"][i % 3], "EMBC"[i % 4]]
            for i in range(12)]
    chosen = {c.field: c.column for c in infer_mapping(header, rows).choices}
    assert chosen.get("category") == type_header, chosen
