"""Layouts no preset knows: inferred from header words and content, explained, kept as YAML."""
from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from flows.tickets.infer import infer_mapping, looks_like_date
from flows.tickets.load import load_ticket_exports
from flows.tickets.presets import parse_mapping_yaml

UTC = dt.timezone.utc


@pytest.fixture()
def con():
    connection = duckdb.connect()
    yield connection
    connection.close()


NORWEGIAN = (
    "Saksnr;Tittel;Registrert;Lukket;Alvorlighetsgrad;Tema;Kommune;Tilstand;Saksbehandler\n"
    "2024-0001;Skriver virker ikke;3.1.2024 8:05;4.1.2024 9:00;Kritisk;Utskrift;Øst kommune;Lukket;ola\n"
    "2024-0002;Passord;3.1.2024 9:10;;2 - Høy;Konto;Vest kommune;Under behandling;kari\n"
    "2024-0003;Ny PC;4.1.2024 10:00;;P4;Utstyr;Øst kommune;Ny;ola\n"
    "2024-0004;Epost;5.1.2024 11:00;5.1.2024 12:00;Lav;Konto;Nord kommune;Lukket;per\n"
)


def test_norwegian_layout_is_inferred_loaded_and_kept_as_yaml(con, tmp_path):
    path = tmp_path / "saker.csv"
    path.write_text(NORWEGIAN, encoding="utf-8")
    mappings = tmp_path / "mappings"
    f = load_ticket_exports(con, [path], mapping_dir=mappings).files[0]
    assert (f.status, f.rows_loaded, f.preset.endswith("(inferred)")) == ("loaded", 4, True), f.message
    for fragment in ("ticket_id <- 'Saksnr'", "created_at <- 'Registrert'", "closed_at <- 'Lukket'",
                     "priority <- 'Alvorlighetsgrad'", "category <- 'Tema'", "customer_org <- 'Kommune'",
                     "status <- 'Tilstand'"):
        assert fragment in f.message
    got = {r[0]: r[1:] for r in con.execute(
        "select ticket_id, created_at, closed_at, priority, status, customer_org from raw.tickets").fetchall()}
    assert got["2024-0001"] == (dt.datetime(2024, 1, 3, 7, 5, tzinfo=UTC), dt.datetime(2024, 1, 4, 8, 0, tzinfo=UTC),
                                "A", "closed", "Øst kommune")
    assert [got[k][2] for k in sorted(got)] == ["A", "B", "D", "D"]
    # the YAML mapping is written, valid, and used as it is on the next load of this layout
    (written,) = mappings.glob("*.yaml")
    mapping = parse_mapping_yaml(written.read_text(encoding="utf-8"), str(written))
    assert mapping.columns["ticket_id"] == ("Saksnr",)
    again = tmp_path / "saker_2024-02-01.csv"
    again.write_text(NORWEGIAN.replace("2024-0004", "2024-0005"), encoding="utf-8")
    g = load_ticket_exports(con, [again], mapping_dir=mappings).files[0]
    assert g.status == "loaded" and str(written) in g.preset
    assert con.execute("select count(*) from raw.tickets").fetchone()[0] == 5


def test_symbols_and_duplicate_header_names(con, tmp_path):
    path = tmp_path / "weird.csv"
    path.write_text(
        "Σ Ticket #,Created (UTC)*,Note,Note,Priority ▲\n"
        "A-1,2024-03-01T08:00:00+00:00,x,y,P1\n"
        "A-2,2024-03-02T08:00:00+00:00,x,y,Medium\n", encoding="utf-8")
    f = load_ticket_exports(con, [path]).files[0]
    assert (f.status, f.rows_loaded) == ("loaded", 2), f.message
    assert con.execute("select ticket_id, created_at, priority from raw.tickets order by 1").fetchall() == [
        ("A-1", dt.datetime(2024, 3, 1, 8, 0, tzinfo=UTC), "A"), ("A-2", dt.datetime(2024, 3, 2, 8, 0, tzinfo=UTC), "C")]


def test_unknown_priority_words_are_left_out_and_said(con, tmp_path):
    path = tmp_path / "colours.csv"
    path.write_text("Saksnr;Registrert;Prioritet\n1;01.02.2024;Rød\n2;02.02.2024;Grønn\n3;03.02.2024;Rød\n",
                    encoding="utf-8")
    f = load_ticket_exports(con, [path]).files[0]
    assert (f.status, f.rows_loaded) == ("loaded", 3)
    assert "'Prioritet' looks like a priority" in f.message and "priority_values" in f.message


def test_a_priority_column_mostly_on_the_scale_is_read_and_the_value_off_it_kept_as_exported(con, tmp_path):
    path = tmp_path / "desk.csv"
    path.write_text("Saksnr;Registrert;Prioritet\n1;01.02.2024;Høy\n2;02.02.2024;Normal\n3;03.02.2024;Lav\n"
                    "4;04.02.2024;Brann i taket\n5;05.02.2024;Høy\n", encoding="utf-8")
    f = load_ticket_exports(con, [path]).files[0]
    assert (f.status, f.rows_loaded) == ("loaded", 5), f.message
    assert "priority <- 'Prioritet'" in f.message and "'Brann i taket' off it" in f.message
    assert "1 ticket has a priority the A-D scale does not place ('Brann i taket' (1))" in f.message
    assert con.execute("select ticket_id, priority, priority_source from raw.tickets order by 1").fetchall() == [
        ("1", "B", "Høy"), ("2", "C", "Normal"), ("3", "D", "Lav"), ("4", None, "Brann i taket"), ("5", "B", "Høy")]


def test_a_service_catalogue_entry_is_the_category():
    header = ["Ref", "Opened", "Catalog", "Group"]
    sample = [[f"R{n}", f"0{1 + n % 9}.03.2024 10:00", ("Konto > Passord", "Applikasjoner > Arkiv", "Arbeidsflate > PC")
               [n % 3], ("Servicedesk", "Drift")[n % 2]] for n in range(30)]
    chosen = {c.field: c.column for c in infer_mapping(header, sample).choices}
    assert chosen.get("category") == "Catalog" and chosen.get("assignment_group") == "Group"


def test_refusal_names_the_columns_seen(con, tmp_path):
    path = tmp_path / "no_dates.csv"
    path.write_text("Key,Summary,Versions\nX-1,a,1.2.0\nX-2,b,\"1.2.0, 2.0.1\"\n", encoding="utf-8")
    f = load_ticket_exports(con, [path]).files[0]
    assert f.status == "rejected"
    assert "no created time" in f.message and '"Key", "Summary", "Versions"' in f.message


def test_servicenow_audit_log_with_question_marks_is_an_event_log(con, tmp_path):
    """UCI-style incident event log: one row per update, ? for null, 29/2/2016 01:16 dates."""
    path = tmp_path / "incident_event_log.csv"
    path.write_text(
        "number,incident_state,active,reassignment_count,reopen_count,sys_updated_at,opened_at,resolved_at,"
        "closed_at,priority,category,assignment_group,contact_type,made_sla\n"
        "INC001,New,true,0,0,29/2/2016 01:16,29/2/2016 01:16,?,?,3 - Moderate,Category 55,Group 56,Phone,true\n"
        "INC001,Active,true,1,0,29/2/2016 09:00,29/2/2016 01:16,?,?,3 - Moderate,Category 55,Group 24,Phone,true\n"
        "INC001,Resolved,true,1,0,1/3/2016 10:00,29/2/2016 01:16,1/3/2016 10:00,?,2 - High,Category 55,Group 24,Phone,false\n"
        "INC001,Closed,false,1,0,6/3/2016 11:00,29/2/2016 01:16,1/3/2016 10:00,6/3/2016 11:00,2 - High,Category 55,"
        "Group 24,Phone,false\n"
        "INC002,New,true,0,0,2/3/2016 08:00,2/3/2016 08:00,?,?,?,?,?,Email,true\n",
        encoding="utf-8")
    f = load_ticket_exports(con, [path]).files[0]
    assert (f.status, f.preset, f.rows_read, f.rows_loaded, f.tickets) == ("loaded", "servicenow", 5, 5, 2), f.message
    one = con.execute("select created_at, resolved_at, closed_at, status, priority, assignment_group, "
                      "reassignment_count, reopen_count, sla_met from raw.tickets where ticket_id = 'INC001'").fetchone()
    assert one == (dt.datetime(2016, 2, 29, 0, 16, tzinfo=UTC), dt.datetime(2016, 3, 1, 9, 0, tzinfo=UTC),
                   dt.datetime(2016, 3, 6, 10, 0, tzinfo=UTC), "closed", "B", "Group 24", 1, 0, False)
    assert con.execute("select status, resolved_at from raw.tickets where ticket_id = 'INC002'").fetchone() == (
        "new", None)
    assert con.execute("select count(*) from raw.ticket_events").fetchone()[0] == 5


def test_reopened_event_log_counts_reopens(con, tmp_path):
    path = tmp_path / "log.csv"
    path.write_text(
        "Case ID,Activity,Timestamp,Resource\n"
        "C1,Insert ticket,2024-01-01 08:00,anna\n"
        "C1,Resolve ticket,2024-01-01 09:00,anna\n"
        "C1,Take in charge ticket,2024-01-02 09:00,bo\n"
        "C1,Resolve ticket,2024-01-02 10:00,bo\n"
        "C2,Insert ticket,2024-01-03 08:00,anna\n", encoding="utf-8")
    f = load_ticket_exports(con, [path]).files[0]
    assert (f.status, f.tickets) == ("loaded", 2), f.message
    assert con.execute("select ticket_id, status, reopen_count, reassignment_count, resolved_at from raw.tickets "
                       "order by 1").fetchall() == [
        ("C1", "resolved", 1, 1, dt.datetime(2024, 1, 2, 9, 0, tzinfo=UTC)), ("C2", "new", 0, 0, None)]


@pytest.mark.parametrize("value, numeric_ok, expected", [
    ("29/2/2016 01:16", False, True), ("3.1.2024 8:05", False, True), ("2024-03-01T08:00:00+01:00", False, True),
    ("12/Mar/24 9:05 AM", False, True), ("4.0.0", False, False), ("3.1.3", False, False),
    ("1456822800", True, True), ("1456822800", False, False), ("45000,25", True, True), ("HIVE-28515", True, False),
])
def test_looks_like_date(value, numeric_ok, expected):
    assert looks_like_date(value, numeric_ok) is expected


def test_id_by_content_when_no_header_word_fits():
    inference = infer_mapping(["Tekst", "Når"], [["a", "01.02.2024"], ["b", "02.02.2024"], ["c", "03.02.2024"]])
    assert inference.refusal is None
    assert {c.field: c.column for c in inference.choices} == {"ticket_id": "Tekst", "created_at": "Når"}


def test_yes_no_sla_column_is_inferred_and_parsed(con, tmp_path):
    path = tmp_path / "sla.csv"
    path.write_text("Saksnr;Registrert;SLA oppfylt\n1;01.02.2024;Ja\n2;02.02.2024;nei\n3;03.02.2024;\n4;04.02.2024;kanskje\n",
                    encoding="utf-8")
    f = load_ticket_exports(con, [path]).files[0]
    assert "sla_met <- 'SLA oppfylt'" not in f.message  # 'kanskje' is no yes/no value: the column is not guessed
    path.write_text("Saksnr;Registrert;SLA oppfylt\n1;01.02.2024;Ja\n2;02.02.2024;nei\n3;03.02.2024;\n", encoding="utf-8")
    con.execute("delete from raw.ticket_files")
    g = load_ticket_exports(con, [path]).files[0]
    assert "sla_met <- 'SLA oppfylt'" in g.message, g.message
    assert con.execute("select ticket_id, sla_met from raw.tickets where source_file = ? and ticket_id <> '4' order by 1",
                       [str(path)]).fetchall() == [("1", True), ("2", False), ("3", None)]


# --- dateless snapshots: an id, dimensions and no date column at all -------------------------------

ISSUES = [["Key", "Summary", "Status", "Priority", "Component"],
          ["APP-3", "Login fails", "Open", "Major", "auth"], ["APP-2", "Slow page", "Closed", "Minor", "web"],
          ["APP-1", "Typo", "Resolved", "Trivial", "web"]]


def test_dateless_snapshot_is_inferred_and_says_it_has_no_dates():
    inference = infer_mapping(ISSUES[0], ISSUES[1:])
    assert inference.refusal is None and inference.dateless and not inference.event_log
    chosen = {c.field: c.column for c in inference.choices}
    assert chosen["ticket_id"] == "Key" and chosen["status"] == "Status" and chosen["priority"] == "Priority"
    assert "created_at" not in chosen
    assert "no dates" in inference.describe() and "cannot be placed in periods" in inference.describe()
    # the YAML the user keeps says so, and reads back as a dateless mapping
    mapping = parse_mapping_yaml(inference.to_yaml(), "kept.yaml")
    assert mapping.dateless and "created_at" not in mapping.columns


def test_a_date_column_that_cannot_be_read_is_no_snapshot():
    rows = [[*r, "i går" if i else "Created"] for i, r in enumerate(ISSUES)]
    inference = infer_mapping(rows[0], rows[1:])
    assert inference.refusal is not None and "no created time" in inference.refusal and '"Created"' in inference.refusal


def test_a_dateless_file_without_any_dimension_or_id_word_is_refused():
    only_text = infer_mapping(["Key", "Summary"], [["A-1", "x"], ["A-2", "y"]])
    assert only_text.refusal is not None and "no created time" in only_text.refusal
    no_id_word = infer_mapping(["Tekst", "Status"], [["a", "Open"], ["b", "Closed"], ["c", "Open"]])
    assert no_id_word.refusal is not None


def test_dateless_snapshot_loads_without_created_times_and_a_kept_mapping_loads_it_again(con, tmp_path):
    path = tmp_path / "issues.csv"
    path.write_text("\n".join(",".join(r) for r in ISSUES) + "\n", encoding="utf-8")
    kept = tmp_path / "mappings"
    f = load_ticket_exports(con, [path], mapping_dir=kept).files[0]
    assert (f.status, f.tickets) == ("loaded", 3), f.message
    assert "no dates" in f.message
    assert con.execute("select count(*), count(created_at) from raw.tickets").fetchone() == (3, 0)
    assert sorted(con.execute("select status from raw.tickets").fetchall()) == [("closed",), ("open",), ("resolved",)]
    # the column no canonical field takes is kept per ticket
    assert sorted(con.execute("select ticket_id, value from raw.ticket_attributes where attribute = 'Summary'")
                  .fetchall()) == [("APP-1", "Typo"), ("APP-2", "Slow page"), ("APP-3", "Login fails")]
    (yaml_file,) = kept.glob("*.yaml")
    assert "dateless: true" in yaml_file.read_text(encoding="utf-8")
    again = duckdb.connect()
    g = load_ticket_exports(again, [path], mapping_dir=kept).files[0]
    assert g.status == "loaded" and g.preset.endswith(f"({yaml_file})") and "no dates" in g.message
    assert again.execute("select count(*), count(created_at) from raw.tickets").fetchone() == (3, 0)


def test_kept_columns_follow_the_newest_export_of_a_ticket(tmp_path):
    old = tmp_path / "issues_2024-01-01.csv"
    new = tmp_path / "issues_2024-02-01.csv"
    old.write_text("\n".join(",".join(r) for r in ISSUES) + "\n", encoding="utf-8")
    rows = [list(r) for r in ISSUES]
    rows[3][1] = "Typo in menu"  # APP-1's summary (a column no canonical field takes) was edited
    new.write_text("\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8")
    for order in ([old, new], [new, old]):
        con = duckdb.connect()
        for path in order:  # one file per load: the newer export wins whatever the order
            load_ticket_exports(con, [path])
        got = con.execute("select value, source_file from raw.ticket_attributes where ticket_id = 'APP-1' "
                          "and attribute = 'Summary'").fetchall()
        assert got == [("Typo in menu", str(new))], order
        con.close()


def test_an_sla_id_or_exclusion_flag_is_no_sla_verdict_but_a_stated_verdict_still_is():
    # "sla_id" = 1 says which SLA applies and "excludefromsla" that none does: neither says whether it was kept
    header = ["id", "dateoccurred", "dateclosed", "sla_id", "excludefromsla", "fixbydate"]
    rows = [[str(i), f"2024-03-0{i}T08:00:00Z", f"2024-03-0{i + 1}T08:00:00Z", "1", "false" if i % 3 else "true",
             f"2024-03-0{i + 2}T08:00:00Z"] for i in range(1, 7)]
    fields = {c.field: c.column for c in infer_mapping(header, rows).choices}
    assert "sla_met" not in fields and "sla_breached" not in fields
    assert fields["created_at"] == "dateoccurred" and fields.get("closed_at") == "dateclosed"
    verdict = infer_mapping(header + ["SLA oppfylt"], [r + ["Ja" if i % 2 else "Nei"] for i, r in enumerate(rows)])
    assert {c.field: c.column for c in verdict.choices}.get("sla_met") == "SLA oppfylt"


FIRST = ("Kari", "Ola", "Siri", "Per", "Tone", "Arne", "Liv", "Nils")
LAST = ("Lund", "Vik", "Dal", "Berg", "Hagen", "Moen", "Strand", "Holm")
TOWNS = ("nordvik", "sorvag", "austby")


def _mailbox_rows(people: bool) -> list[list[str]]:
    rows = []
    for i in range(80):
        person = f"{FIRST[i % 8]} {LAST[i // 8 % 8]}"
        name = person if people else f"{TOWNS[i % 3].capitalize()} kommune"
        rows.append([str(5000 + i), f"2024-05-{1 + i % 28:02d}T09:00:00Z", name,
                     f"{person.lower().replace(' ', '.')}@{TOWNS[i % 3]}.kommune.no"])
    return rows


@pytest.mark.parametrize("people", [True, False])
def test_a_customer_name_column_of_people_gives_way_to_the_senders_municipal_domain(people):
    """«Customer Name» holding the people who wrote beside «Customer Email» at municipalities' domains: the customer
    is the municipality of the address; a «Customer Name» naming organisations stays the customer."""
    header = ["Conversation ID", "Created At", "Customer Name", "Customer Email"]
    chosen = {c.field: c.column for c in infer_mapping(header, _mailbox_rows(people)).choices}
    if people:
        assert chosen.get("customer_email") == "Customer Email" and "customer_org" not in chosen
    else:
        assert chosen.get("customer_org") == "Customer Name"


def _desk_rows() -> list[list[str]]:
    """A chat/desk export: first names only as «Customer name», each the start of the sender's address at a
    municipality's domain; a «Department» of handler teams; a «Date of first answer»."""
    rows = []
    for i in range(40):
        first = FIRST[i % 8]
        rows.append([f"K-{700 + i}", ("Drift", "Brukerstøtte", "Fagsystem")[i % 3],
                     f"{first.lower()}.{i}@{TOWNS[i % 3]}.kommune.no", first, f"2024-03-{1 + i % 28:02d} 08:00:00",
                     f"2024-03-{1 + i % 28:02d} 10:30:00", f"2024-03-{1 + i % 28:02d} 15:00:00"])
    return rows


def test_first_names_of_the_senders_give_way_to_the_address_and_the_department_is_the_handler_group():
    header = ["Ticket ID", "Department", "Customer email", "Customer name", "Date created", "Date of first answer",
              "Date resolved"]
    inference = infer_mapping(header, _desk_rows())
    chosen = {c.field: c.column for c in inference.choices}
    assert chosen.get("customer_email") == "Customer email" and "customer_org" not in chosen
    assert chosen.get("first_response_at") == "Date of first answer"
    assert chosen.get("assignment_group") == "Department"
    assert "people's names" in next(c.why for c in inference.choices if c.field == "customer_email")


def test_a_department_holding_one_value_is_no_handler_group():
    header = ["Ticket ID", "Department", "Account Name", "Created Time"]
    rows = [[str(i), "IT Servicedesk", f"{TOWNS[i % 3].capitalize()} kommune", f"2024-03-{1 + i % 28:02d} 08:00"]
            for i in range(30)]
    chosen = {c.field: c.column for c in infer_mapping(header, rows).choices}
    assert chosen.get("customer_org") == "Account Name" and "assignment_group" not in chosen


def test_an_impact_list_with_descriptions_is_the_priority_by_its_level_words(con, tmp_path):
    """An ITIL impact list ("Top - Service Down for Several Users", "Low - Service Degraded for One User"): each value's
    leading level word places it on the one scale."""
    impacts = ("Top - Service Down for Several Users", "High - Service Degraded for Several Users",
               "Medium - Service Down for One User", "Low - Service Degraded for One User")
    lines = ["Request ID,Created at,Impact"] + [f"{100 + n},2024-02-{1 + n % 28:02d} 10:00,{impacts[n % 4]}"
                                                 for n in range(40)]
    path = tmp_path / "requests.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    f = load_ticket_exports(con, [path]).files[0]
    assert (f.status, f.rows_loaded) == ("loaded", 40), f.message
    got = dict(con.execute("select priority_source, any_value(priority) from raw.tickets group by 1").fetchall())
    assert got == dict(zip(impacts, "ABCD"))


def test_a_survey_status_is_no_state_of_the_ticket():
    """"ratings.CSAT.rating_status" (one value, no state) beside a conversation export: not its status."""
    header = ["id", "created_at", "ratings.CSAT.rating_status", "requester_email"]
    rows = [[str(n), f"2024-01-{1 + n % 28:02d} 10:00", "unrated", f"p{n}@nordvik.kommune.no"] for n in range(40)]
    fields = {c.field: c.column for c in infer_mapping(header, rows).choices}
    assert "status" not in fields and fields["ticket_id"] == "id"
    # a status column of states is one, whatever else the export holds
    rows = [[str(n), f"2024-01-{1 + n % 28:02d} 10:00", ("Open", "Closed")[n % 2], f"p{n}@nordvik.kommune.no"]
            for n in range(40)]
    assert {c.field: c.column for c in infer_mapping(["id", "created_at", "Status", "requester_email"],
                                                     rows).choices}["status"] == "Status"


def test_a_pipeline_stage_is_the_status(con, tmp_path):
    """Odoo's «Stadium»/«Stage» (Ny, Under arbeid, Venter, Løst, Kansellert): the ticket's state, read as one."""
    stages = ("Løst", "Løst", "Kansellert", "Under arbeid", "Venter", "Ny")
    for head in ("Stadium", "Stage"):
        lines = [f"Saksnummer;Opprettet den;{head};Kanal"] + [
            f"HT{n:05d};2024-03-{1 + n % 28:02d} 08:{n % 60:02d}:00;{stages[n % 6]};E-post" for n in range(60)]
        path = tmp_path / f"saker_{head}.csv"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        f = load_ticket_exports(con, [path]).files[0]
        assert (f.status, f.rows_loaded) == ("loaded", 60), f.message
        got = dict(con.execute("select status_source, any_value(status) from raw.tickets where source_file like ? "
                               "group by 1", [f"%{path.name}"]).fetchall())
        assert got == {"Løst": "resolved", "Kansellert": "cancelled", "Under arbeid": "open", "Venter": "pending",
                       "Ny": "new"}, got
