"""A field-change log (one row per change of one field: ticket id, when, who, which field, value before, value
after, as a bug tracker's activity table exports it) is read as an event log: a ticket is created at its first row,
its state is the value its state field was last changed to, it is resolved/closed when that state says so, reopened
on a change back to an open state after a done one, and reassigned only when the person holding it changes (an
assignment from no one is the first assignment). Every change is kept as an event."""
from __future__ import annotations

import duckdb

from flows.tickets.load import load_ticket_exports
from flows.tickets.readers import field_change_columns, json_export_lines, names_no_one, stated_export_time

HEADER = "issue\tchanged_at\twho\tfield\told_value\tnew_value\tmodule\n"
ROWS = [
    # T1: reported, assigned from no one, reassigned, resolved, reopened, resolved again
    ("T1", "2022-03-01 08:00:00", "eva@x.example", "State", "", "NEW", "Lønn"),
    ("T1", "2022-03-01 09:00:00", "ops@x.example", "Owner", "nobody@x.example", "Kari Lie", "Lønn"),
    ("T1", "2022-03-02 10:00:00", "ops@x.example", "Owner", "Kari Lie", "Per Dal", "Lønn"),
    ("T1", "2022-03-03 11:00:00", "per@x.example", "State", "NEW", "RESOLVED", "Lønn"),
    ("T1", "2022-03-04 12:00:00", "eva@x.example", "State", "RESOLVED", "REOPENED", "Lønn"),
    ("T1", "2022-03-05 13:00:00", "per@x.example", "State", "REOPENED", "RESOLVED", "Lønn"),
    # T2: reported, assigned once, still open
    ("T2", "2022-04-01 08:00:00", "ola@x.example", "State", "", "NEW", "Arkiv"),
    ("T2", "2022-04-01 09:30:00", "ops@x.example", "Owner", "nobody@x.example", "Kari Lie", "Arkiv"),
    # T3: reported and closed, never assigned
    ("T3", "2022-05-01 08:00:00", "ola@x.example", "State", "", "NEW", "Arkiv"),
    ("T3", "2022-05-02 08:00:00", "ops@x.example", "State", "NEW", "CLOSED", "Arkiv"),
]


def _write(path, rows=ROWS, header=HEADER):
    path.write_text(header + "".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_a_field_change_log_becomes_one_ticket_per_id_with_its_lifecycle(tmp_path):
    path = _write(tmp_path / "tracker_activity.tsv")
    con = duckdb.connect()
    f = load_ticket_exports(con, [path]).files[0]
    assert f.status == "loaded", f.message
    got = {r[0]: r[1:] for r in con.execute(
        "select ticket_id, status, created_at, resolved_at is not null, reopen_count, reassignment_count, category "
        "from raw.tickets order by ticket_id").fetchall()}
    assert set(got) == {"T1", "T2", "T3"}
    assert got["T1"][0] == "resolved" and got["T1"][2] and got["T1"][3] == 1
    assert got["T1"][4] == 1  # Kari -> Per; nobody -> Kari is the first assignment
    assert got["T2"][0] == "new" and not got["T2"][2] and got["T2"][3] == 0 and got["T2"][4] == 0
    assert got["T3"][0] == "closed"
    assert str(got["T1"][1].astimezone().date()) == "2022-03-01"  # created at its first row
    # every change kept as an event
    assert con.execute("select count(*) from raw.ticket_events").fetchone() == (len(ROWS),)


def test_only_a_log_naming_the_field_and_both_values_is_a_field_change_log():
    header = HEADER.strip().split("\t")
    sample = [list(r) for r in ROWS]
    changes = field_change_columns(header, sample)
    assert changes is not None and set(changes.fields) == {"State", "Owner"}
    # without the value before, or with free text in the field column, it is an ordinary export
    assert field_change_columns([h for h in header if h != "old_value"], [r[:4] + r[5:] for r in sample]) is None
    prose = [r[:3] + [f"note number {i} about something"] + r[4:] for i, r in enumerate(sample)]
    assert field_change_columns(header, prose) is None
    # rows that change no field (a "Create" transaction): a history of other kinds of events, read by its own types
    mixed = [r[:3] + ([""] if i % 3 == 0 else [r[3]]) + r[4:] for i, r in enumerate(sample)]
    assert field_change_columns(header, mixed) is None


def test_no_one_is_no_holder():
    assert names_no_one("nobody@example.org") and names_no_one("") and names_no_one(None)
    assert names_no_one("Unassigned")
    assert not names_no_one("Kari Lie") and not names_no_one("kari@example.org")


def test_an_export_states_when_it_was_taken_out():
    assert str(stated_export_time(["Saker, team Drift", "Utvalg: opprettet 01.09.2023–31.12.2024. "
                                   "Eksportert 03.01.2025 12:00. Alle tidspunkt i UTC."])) == "2025-01-03 12:00:00"
    lines = json_export_lines({"data": [], "exported_at": "2025-11-03T07:00:00+0000", "total": 3})
    assert lines == ("exported_at: 2025-11-03T07:00:00+0000",)
    assert str(stated_export_time(lines)) == "2025-11-03 07:00:00"
    # a period selected or printed is no export time
    assert stated_export_time(["Utvalg: opprettet 01.09.2023–31.12.2024"]) is None
    assert json_export_lines([{"id": 1}]) == () and json_export_lines({"created_at": "2025-01-01"}) == ()


def _audit_rows():
    """An audit log (Norwegian headers, invented): each ticket's creation and its views ('Åpne') name no field and
    carry no value; its field changes set the state, the priority and the category."""
    rows = []
    for n in range(30):
        tid = f"INC{7000 + n}"
        day = f"2024-{1 + n % 12:02d}-{1 + n % 27:02d}"
        steps = [("Legg til", "", "", ""), ("Oppdater", "Status", "", "Registrert"),
                 ("Oppdater", "Prioritet", "", ("2 - Høy", "3 - Normal")[n % 2]),
                 ("Oppdater", "Kategori", "", ("Klient", "Tilgang", "Skriver")[n % 3]),
                 ("Oppdater", "Status", "Registrert", "Under arbeid"), ("Åpne", "", "", "")]
        if n % 3:
            steps.append(("Oppdater", "Status", "Under arbeid", "Løst"))
        if n % 3 and n % 5 == 1:  # reopened, then solved again
            steps += [("Oppdater", "Status", "Løst", "Under arbeid"), ("Åpne", "", "", ""),
                      ("Oppdater", "Status", "Under arbeid", "Løst")]
        steps.append(("Åpne", "", "", ""))  # viewed after its last change
        for i, (action, field, old, new) in enumerate(steps):
            rows.append((f"{day} {8 + i:02d}:00:00", "bruker", action, tid, field, old, new))
    return rows


def test_an_audit_log_with_creations_and_views_reads_its_states_from_the_status_changes(tmp_path):
    rows = _audit_rows()
    path = tmp_path / "entitetslogg.csv"
    path.write_text("Dato og tid,Bruker,Handling,Entitets-ID,Felt,Gammel verdi,Ny verdi\n"
                    + "".join(",".join(r) + "\n" for r in rows), encoding="utf-8")
    con = duckdb.connect()
    f = load_ticket_exports(con, [path]).files[0]
    assert f.status == "loaded", f.message
    last = {}
    for _, _, _, tid, field, _, new in rows:
        if field == "Status":
            last[tid] = new
    got = dict(con.execute("select ticket_id, status_source from raw.tickets").fetchall())
    assert got == last  # a view ('Åpne') after the last change is no state
    categories = {r[3]: r[6] for r in rows if r[4] == "Kategori"}
    assert dict(con.execute("select ticket_id, category from raw.tickets").fetchall()) == categories
    reopened = {r[3] for r in rows if r[4] == "Status" and r[5] == "Løst"}
    assert dict(con.execute("select ticket_id, reopen_count from raw.tickets where reopen_count > 0").fetchall()) == {
        t: 1 for t in reopened}


def test_a_change_history_naming_its_record_an_object_with_creation_rows(tmp_path):
    """A change history as an ITSM tool exports it (invented): the record changed is the "Object" (its kind in
    "Object class"), the field is the "Attribute", the values "Previous value" / "New value", and each record's creation
    is a row naming no attribute whose value only says what happened ("Object created")."""
    rows, last, prio = [], {}, {}
    for n in range(40):
        obj, day = f"R-{4000 + n:06d}", f"2024-{1 + n % 12:02d}-{1 + n % 27:02d}"
        steps = [("", "", "Object created"), ("Priority", "", str(1 + n % 4)), ("Status", "", "new"),
                 ("Status", "new", "assigned")]
        if n % 3:
            steps.append(("Status", "assigned", "resolved"))
        if n % 5 == 1 and n % 3:
            steps += [("Status", "resolved", "reopened"), ("Status", "reopened", "resolved")]
        for i, (attr, old, new) in enumerate(steps):
            rows.append((f"{day} {8 + i:02d}:00:00", "Agent", "UserRequest", obj, attr, old, new))
            if attr == "Status":
                last[obj] = new
            if attr == "Priority":
                prio[obj] = new
    path = tmp_path / "userrequest_history.csv"
    path.write_text('"Date";"User";"Object class";"Object";"Attribute";"Previous value";"New value"\n'
                    + "".join(";".join(f'"{c}"' for c in r) + "\n" for r in rows), encoding="utf-8-sig")
    con = duckdb.connect()
    f = load_ticket_exports(con, [path]).files[0]
    assert f.status == "loaded", f.message
    assert "'Object'" in f.message and "'Object class'" not in f.message.split("ticket_id <- ")[1].split(";")[0]
    got = dict(con.execute("select ticket_id, status_source from raw.tickets").fetchall())
    assert got == last
    assert dict(con.execute("select ticket_id, priority_source from raw.tickets").fetchall()) == prio
    reopened = {r[3] for r in rows if r[6] == "reopened"}
    assert con.execute("select count(*) from raw.tickets where reopen_count > 0").fetchone()[0] == len(reopened)


def test_the_first_response_of_a_field_change_log_is_its_first_change_of_state(tmp_path):
    # T1 leaves NEW for RESOLVED at its fourth row (the owner changes before say nothing of a response); T2 never
    # leaves NEW; T3 is closed from NEW a day later
    path = _write(tmp_path / "tracker_activity.tsv")
    con = duckdb.connect()
    f = load_ticket_exports(con, [path]).files[0]
    assert f.status == "loaded" and "first response" in f.message, f.message
    got = dict(con.execute("select ticket_id, epoch(first_response_at - created_at) / 3600 from raw.tickets")
               .fetchall())
    assert got == {"T1": 51.0, "T2": None, "T3": 24.0}


def test_a_field_change_log_numbering_its_rows_is_one_ticket_per_record_changed(tmp_path):
    # a unique row id first, a message id shared by the changes saved together, and the record changed ("Relatert
    # dokument-ID"); a field's own column "Tildelt til" after the value columns names no value column
    header = '"ID","Melding/ID","Melding/Relatert dokument-ID","Opprettet den","Felt","Gammel verdi","Ny verdi"\n'
    rows, n, msg = [], 100, 500
    for ticket, day in (("71", 3), ("72", 4), ("73", 5), ("74", 6)):
        msg += 1
        for field, value in (("Stadium", "Ny"), ("Kunde", "Askeby kommune"), ("Tildelt til", "Kari Lie")):
            n += 1
            rows.append((str(n), str(msg), ticket, f"2023-01-0{day} 08:00:00", field, "", value))
        msg += 1
        n += 1
        rows.append((str(n), str(msg), ticket, f"2023-01-0{day} 12:00:00", "Stadium", "Ny", "Løst"))
    path = tmp_path / "desk_sporing.csv"
    path.write_text(header + "".join(",".join(f'"{c}"' for c in r) + "\n" for r in rows), encoding="utf-8")
    con = duckdb.connect()
    f = load_ticket_exports(con, [path]).files[0]
    assert f.status == "loaded", f.message
    got = con.execute("select ticket_id, status, resolved_at is not null from raw.tickets order by 1").fetchall()
    assert got == [("71", "resolved", True), ("72", "resolved", True), ("73", "resolved", True),
                   ("74", "resolved", True)]
    assert con.execute("select count(*) from raw.ticket_events").fetchone() == (len(rows),)
