"""Integration tests: files written here, loaded into an in-memory DuckDB warehouse."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path

import duckdb
import pytest

from flows.tickets.load import export_timestamp, load_ticket_exports

UTC = dt.timezone.utc


@pytest.fixture()
def con():
    connection = duckdb.connect()
    yield connection
    connection.close()


def rows(con, sql: str, params=None):
    return con.execute(sql, params or []).fetchall()


def ticket(con, ticket_id: str) -> dict:
    cur = con.execute("select * from raw.tickets where ticket_id = ?", [ticket_id])
    names = [d[0] for d in cur.description]
    found = cur.fetchall()
    assert len(found) == 1, found
    return dict(zip(names, found[0]))


TOPDESK_NO = (
    "Meldingsnummer;Meldingsdato;Første respons;Ferdigmeldt;Lukket dato;Prioritet;Kategori;Underkategori;"
    "Meldingsmåte;Filial;Operatørgruppe;Behandlingsstatus;Ventetid (sek)\r\n"
    "M2103 0001;01.03.2021 08:15;01.03.2021 08:16;01.03.2021 10:00;04.03.2021 10:00;A - Forretningskritisk;"
    "Nettverk;Trådløst;Telefon;Løten kommune;Drift og infrastruktur;Lukket;47,5\r\n"
    "M2107 0002;01.07.2021 13:05:30;;;;C - Normal;Brukerstøtte;Passord – nullstilling;E-post;"
    "Sør-Odal kommune;Servicedesk;Under behandling;\r\n"
)


def test_topdesk_norwegian_windows_1252(con, tmp_path):
    path = tmp_path / "topdesk.csv"
    path.write_bytes(TOPDESK_NO.encode("cp1252"))
    result = load_ticket_exports(con, [path])
    f = result.files[0]
    assert (f.status, f.preset, f.rows_loaded, f.rows_quarantined) == ("loaded", "topdesk", 2, 0)
    first = ticket(con, "M2103 0001")
    assert first["source_system"] == "topdesk"
    assert first["created_at"] == dt.datetime(2021, 3, 1, 7, 15, tzinfo=UTC)  # CET
    assert first["closed_at"] == dt.datetime(2021, 3, 4, 9, 0, tzinfo=UTC)
    assert (first["priority"], first["priority_source"]) == ("A", "A - Forretningskritisk")
    assert (first["channel"], first["status"], first["status_source"]) == ("phone", "closed", "Lukket")
    assert first["customer_org"] == "Løten kommune"
    assert first["phone_wait_seconds"] == 47.5
    assert first["source_row"] == 2
    second = ticket(con, "M2107 0002")
    assert second["created_at"] == dt.datetime(2021, 7, 1, 11, 5, 30, tzinfo=UTC)  # CEST
    assert second["subcategory"] == "Passord – nullstilling"  # the en dash is 0x96 in Windows-1252
    assert (second["status"], second["channel"], second["resolved_at"]) == ("open", "email", None)


def test_topdesk_english_utf8_bom_comma(con, tmp_path):
    path = tmp_path / "topdesk_en.csv"
    path.write_text("Number,CallDate,ClosedDate,Priority,Category,EntryType,Branch,OperatorGroup,ProcessingStatus\n"
                    "I 2101 001,2021-01-04 09:30,2021-01-05 12:00,P2,Hardware,Walk-in,Hamar kommune,Servicedesk,Closed\n",
                    encoding="utf-8-sig")
    load_ticket_exports(con, [path])
    t = ticket(con, "I 2101 001")
    assert (t["priority"], t["channel"], t["status"]) == ("B", "walk_in", "closed")
    assert t["created_at"] == dt.datetime(2021, 1, 4, 8, 30, tzinfo=UTC)


def test_servicenow_xlsx(con, tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["number", "opened_at", "resolved_at", "closed_at", "state", "priority", "category",
               "assignment_group", "company", "contact_type"])
    ws.append(["INC0000001", dt.datetime(2021, 9, 30, 14, 0), dt.datetime(2021, 9, 30, 15, 0), None, 6,
               "1 - Critical", "Network", "Drift", "Stange kommune", "phone"])
    ws.append(["INC0000002", "01.10.2021 08:00", None, None, 2, "4 - Low", "Software", "Servicedesk",
               "Hamar kommune", "self-service"])
    path = tmp_path / "incidents.xlsx"
    wb.save(path)
    f = load_ticket_exports(con, [path]).files[0]
    assert (f.status, f.preset, f.rows_loaded) == ("loaded", "servicenow", 2)
    a = ticket(con, "INC0000001")
    assert a["created_at"] == dt.datetime(2021, 9, 30, 12, 0, tzinfo=UTC)
    assert (a["priority"], a["status"], a["channel"], a["source_row"]) == ("A", "resolved", "phone", 2)
    b = ticket(con, "INC0000002")
    assert (b["priority"], b["status"], b["channel"]) == ("D", "open", "portal")


def test_zendesk_json(con, tmp_path):
    path = tmp_path / "zendesk.json"
    path.write_text(json.dumps({"tickets": [
        {"id": 501, "created_at": "2021-02-01T09:00:00Z", "solved_at": "2021-02-01T11:00:00Z", "status": "solved",
         "priority": "urgent", "via": {"channel": "voice"}, "group": "Servicedesk", "organization": "Hamar kommune",
         "first_reply_time_in_minutes": 2.5},
        {"id": 502, "created_at": "2021-02-02T09:00:00Z", "status": "hold", "priority": "low", "via": {"channel": "email"},
         "organization": "Stange kommune", "first_reply_time_in_minutes": None},
    ]}), encoding="utf-8")
    f = load_ticket_exports(con, [path]).files[0]
    assert (f.status, f.preset, f.rows_loaded) == ("loaded", "zendesk", 2)
    a = ticket(con, "501")
    assert a["first_response_at"] == dt.datetime(2021, 2, 1, 9, 2, 30, tzinfo=UTC)
    assert (a["priority"], a["status"], a["channel"], a["source_row"]) == ("A", "resolved", "phone", 1)
    b = ticket(con, "502")
    assert (b["priority"], b["status"], b["channel"], b["first_response_at"]) == ("D", "pending", "email", None)


def test_jira_csv(con, tmp_path):
    path = tmp_path / "jira.csv"
    path.write_text('Summary,Issue key,Status,Priority,Created,Resolved,Request type,Organizations\n'
                    '"Skriver, 2. etg",HIKT-7,Resolved,Highest,05/Jan/21 9:15 AM,05/Jan/21 1:45 PM,Utstyr,Hamar kommune\n',
                    encoding="utf-8")
    f = load_ticket_exports(con, [path]).files[0]
    assert (f.status, f.preset) == ("loaded", "jira")
    t = ticket(con, "HIKT-7")
    assert t["created_at"] == dt.datetime(2021, 1, 5, 8, 15, tzinfo=UTC)
    assert t["resolved_at"] == dt.datetime(2021, 1, 5, 12, 45, tzinfo=UTC)
    assert (t["priority"], t["category"], t["status"]) == ("A", "Utstyr", "resolved")


def test_canonical_tab_separated(con, tmp_path):
    path = tmp_path / "canonical.tsv"
    path.write_text("ticket_id\tcreated_at\tpriority\tchannel\tphone_wait_seconds\n"
                    "K-1\t2021-03-28T01:30:00Z\tB\tphone\t12.25\n", encoding="utf-8")
    load_ticket_exports(con, [path])
    t = ticket(con, "K-1")
    assert (t["source_system"], t["priority"], t["phone_wait_seconds"]) == ("canonical", "B", 12.25)
    assert t["created_at"] == dt.datetime(2021, 3, 28, 1, 30, tzinfo=UTC)


BAD_ROWS = (
    "Meldingsnummer;Meldingsdato;Lukket dato;Prioritet;Ventetid (sek)\n"
    "M1;01.03.2021 08:00;02.03.2021 08:00;A;10\n"          # ok
    "M2;31.02.2021 08:00;;B;\n"                            # impossible date
    ";01.03.2021 09:00;;C;\n"                              # missing id
    "M4;01.03.2021 10:00;;Rød;\n"                          # a priority off the scale: loaded, no level
    "M5;;;C;\n"                                            # missing created
    "M6;01.03.2021 11:00;i morgen;C;\n"                    # unparseable closed date
    "M7;01.03.2021 12:00;;C;ti sekunder\n"                 # unparseable number
    "M8;01.03.2021 13:00;;D;\n"                            # ok
)


@pytest.mark.parametrize("warehouse", ["empty (direct path)", "with tickets (staged upsert path)"])
def test_bad_rows_are_quarantined_and_the_rest_loads(con, tmp_path, warehouse):
    if warehouse.startswith("with"):
        load_ticket_exports(con, [_export(tmp_path, "earlier.csv", ["X1;01.01.2021;Lukket"])])
        con.execute("delete from raw.ticket_files")
    path = tmp_path / "topdesk_bad.csv"
    path.write_text(BAD_ROWS, encoding="utf-8")
    f = load_ticket_exports(con, [path]).files[0]
    assert (f.status, f.rows_read, f.rows_loaded, f.rows_quarantined) == ("partial", 8, 3, 5)
    assert rows(con, "select ticket_id, priority, priority_source from raw.tickets where ticket_id like 'M%' "
                     "order by 1") == [("M1", "A", "A"), ("M4", None, "Rød"), ("M8", "D", "D")]
    assert "1 ticket has a priority the A-D scale does not place ('Rød' (1))" in f.message
    quarantine = rows(con, "select file, row_number, raw_row, reason from raw.ticket_quarantine order by row_number")
    assert [q[1] for q in quarantine] == [3, 4, 6, 7, 8]
    assert all(q[0] == str(path) for q in quarantine)
    reasons = {q[1]: q[3] for q in quarantine}
    assert reasons[3].startswith('unparseable date in column Meldingsdato: "31.02.2021 08:00"')
    assert reasons[4] == "missing ticket id (column Meldingsnummer)"
    assert reasons[6] == "missing created date (column Meldingsdato)"
    assert reasons[7].startswith('unparseable date in column Lukket dato: "i morgen"')
    assert reasons[8].startswith('unparseable number in column Ventetid (sek): "ti sekunder"')
    assert quarantine[2][2] == "M5;;;C;"
    assert rows(con, "select status, rows_loaded, rows_quarantined, preset from raw.ticket_files") == [
        ("partial", 3, 5, "topdesk")]


def test_structurally_broken_rows_fall_back_to_the_careful_reader(con, tmp_path):
    path = tmp_path / "broken.csv"
    path.write_text("Number;CallDate;Priority\nT1;01.03.2021;A\nT2;01.03.2021;B;extra\nT3;02.03.2021;C\n",
                    encoding="utf-8")
    f = load_ticket_exports(con, [path]).files[0]
    assert (f.status, f.rows_loaded, f.rows_quarantined) == ("partial", 2, 1)
    assert rows(con, "select row_number, raw_row, reason from raw.ticket_quarantine") == [
        (3, "T2;01.03.2021;B;extra", "expected 3 fields as in the header, found 4")]


def test_unknown_header_rejects_the_whole_file_but_not_the_others(con, tmp_path):
    bad = tmp_path / "a_unknown.csv"
    bad.write_text("Hvem;Hva;Notat\nOla;Kaffe;Varm\nKari;Te;Kald\n", encoding="utf-8")
    good = tmp_path / "b_topdesk.csv"
    good.write_text("Number;CallDate\nT1;01.03.2021\n", encoding="utf-8")
    result = load_ticket_exports(con, [bad, good])
    statuses = {Path(f.file).name: f.status for f in result.files}
    assert statuses == {"a_unknown.csv": "rejected", "b_topdesk.csv": "loaded"}
    (file, row_number, raw_row, reason), = rows(con, "select file, row_number, raw_row, reason from raw.ticket_quarantine")
    assert (file, row_number, raw_row) == (str(bad), 1, "Hvem;Hva;Notat")
    assert '"Hvem", "Hva", "Notat"' in reason and "topdesk" in reason and "jira" in reason
    assert "cannot be inferred" in reason
    assert rows(con, "select count(*) from raw.tickets") == [(1,)]


def test_second_load_of_the_same_file_adds_nothing(con, tmp_path):
    path = tmp_path / "topdesk.csv"
    path.write_bytes(TOPDESK_NO.encode("cp1252"))
    load_ticket_exports(con, [path])
    again = load_ticket_exports(con, [path]).files[0]
    assert again.status == "unchanged"
    assert rows(con, "select count(*) from raw.tickets") == [(2,)]
    assert rows(con, "select status from raw.ticket_files order by loaded_at") == [("loaded",), ("unchanged",)]


def test_a_file_is_recognised_by_content_whatever_its_size_or_name(con, tmp_path):
    """The hash of a file no loaded file matches in size is computed while it loads: a copy under
    another name is still unchanged, a file of the same size with other bytes still loads."""
    first = tmp_path / "topdesk.csv"
    first.write_bytes(TOPDESK_NO.encode("cp1252"))
    assert load_ticket_exports(con, [first]).files[0].status == "loaded"
    copy = tmp_path / "copy_of_topdesk.csv"
    copy.write_bytes(first.read_bytes())
    same_size = tmp_path / "other_topdesk.csv"  # one letter changed, not the length
    same_size.write_bytes(first.read_bytes().replace(b"T", b"S", 1))
    assert same_size.stat().st_size == first.stat().st_size and same_size.read_bytes() != first.read_bytes()
    longer = tmp_path / "topdesk_more.csv"  # another size: hashed while it loads
    longer.write_bytes(first.read_bytes() + "M2108 0003;02.08.2021 09:00;;;;C;Utstyr;PC;E-post;;;Ny;\r\n".encode("cp1252"))
    result = load_ticket_exports(con, [copy, same_size, longer])
    assert {Path(f.file).name: f.status for f in result.files} == {
        "copy_of_topdesk.csv": "unchanged", "other_topdesk.csv": "loaded", "topdesk_more.csv": "loaded"}
    assert all(f.sha256 == hashlib.sha256(Path(f.file).read_bytes()).hexdigest() for f in result.files)
    assert rows(con, "select file, bytes from raw.ticket_files where status = 'loaded' order by file") == sorted(
        (str(p), p.stat().st_size) for p in (first, same_size, longer))


def _export(tmp_path: Path, name: str, lines: list[str]) -> Path:
    path = tmp_path / name
    path.write_text("Number;CallDate;ProcessingStatus\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("order", ["oldest first", "newest first", "one call"])
def test_overlapping_exports_newest_wins_whatever_the_load_order(con, tmp_path, order):
    old = _export(tmp_path, "topdesk_2021-09-01.csv", ["T1;01.08.2021;Registrert", "T2;02.08.2021;Registrert"])
    new = _export(tmp_path, "topdesk_2021-10-01.csv", ["T2;02.08.2021;Lukket", "T3;03.09.2021;Registrert"])
    if order == "oldest first":
        load_ticket_exports(con, [old])
        load_ticket_exports(con, [new])
    elif order == "newest first":
        second = load_ticket_exports(con, [new]) and load_ticket_exports(con, [old])
        assert (second.files[0].rows_inserted, second.files[0].rows_kept_newer) == (1, 1)
    else:
        load_ticket_exports(con, [new, old])
    assert rows(con, "select ticket_id, status, source_file from raw.tickets order by 1") == [
        ("T1", "new", str(old)), ("T2", "closed", str(new)), ("T3", "new", str(new))]


@pytest.mark.parametrize("warehouse", ["empty", "with tickets"])
def test_last_row_wins_within_a_file(con, tmp_path, warehouse):
    if warehouse == "with tickets":
        load_ticket_exports(con, [_export(tmp_path, "earlier_2020-01-01.csv", ["T1;01.08.2021;Registrert"])])
    path = _export(tmp_path, "dup_2021-09-01.csv", ["T1;01.08.2021;Registrert", "T2;01.08.2021;Registrert",
                                                    "T1;01.08.2021;Lukket"])
    f = load_ticket_exports(con, [path]).files[0]
    assert (f.rows_loaded, f.rows_duplicate_in_file) == (2, 1)
    assert rows(con, "select ticket_id, status, source_row from raw.tickets order by 1") == [
        ("T1", "closed", 4), ("T2", "new", 3)]


def test_export_timestamp_from_name_else_mtime(tmp_path):
    assert export_timestamp(Path("x_2021-09-30T14-05.csv")) == dt.datetime(2021, 9, 30, 12, 5, tzinfo=UTC)
    assert export_timestamp(Path("tickets_20210101_20210331.csv")) == dt.datetime(2021, 3, 30, 22, 0, tzinfo=UTC)
    plain = tmp_path / "eksport.csv"
    plain.write_text("x")
    os.utime(plain, (1_600_000_000, 1_600_000_000))
    assert export_timestamp(plain) == dt.datetime.fromtimestamp(1_600_000_000, UTC)


def test_yaml_mapping_dir(con, tmp_path):
    mappings = tmp_path / "mappings"
    mappings.mkdir()
    (mappings / "lokal.yaml").write_text(
        "name: lokal\nsource_system: lokal_sak\ncolumns:\n  ticket_id: Saksnr\n  created_at: Opprettet\n"
        "  priority: Farge\npriority_values: {Rød: A, Grønn: C}\ndate_formats: ['%Y/%m/%d %H.%M']\n",
        encoding="utf-8")
    path = tmp_path / "lokal.csv"
    path.write_text("Saksnr;Opprettet;Farge\n77;2021/03/01 08.00;Rød\n", encoding="utf-8")
    f = load_ticket_exports(con, [path], mapping_dir=mappings).files[0]
    assert f.status == "loaded" and f.preset.startswith("lokal")
    t = ticket(con, "77")
    assert (t["source_system"], t["priority"], t["priority_source"]) == ("lokal_sak", "A", "Rød")
    assert t["created_at"] == dt.datetime(2021, 3, 1, 7, 0, tzinfo=UTC)


def test_session_time_zone_is_restored(con, tmp_path):
    con.execute("set TimeZone = 'America/New_York'")
    path = _export(tmp_path, "t.csv", ["T1;01.08.2021;Registrert"])
    load_ticket_exports(con, [path])
    assert rows(con, "select current_setting('TimeZone')") == [("America/New_York",)]
