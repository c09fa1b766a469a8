"""Provenance: every loaded ticket, event and quarantined row carries the line of the file it came
from (source_row / row_number), whichever path loaded it: the fast path into an empty warehouse,
the staged path, the careful Python reader; also after padding rows, quarantined rows, blank lines
and line breaks inside quoted values. Ticket ids here name their own line ("L17" is on line 17), so
the expectation is read from the file itself."""
from __future__ import annotations

import duckdb
import pytest

import flows.tickets.load as loader
from flows.tickets.load import load_ticket_exports

HEADER = "Number;CallDate;ProcessingStatus;Category"
WAREHOUSES = ["empty (fast path)", "with tickets (staged path)"]


@pytest.fixture()
def con():
    connection = duckdb.connect()
    yield connection
    connection.close()


def _prepare(con, tmp_path, warehouse: str) -> None:
    if warehouse.startswith("with"):
        earlier = tmp_path / "earlier_2020-01-01.csv"
        earlier.write_text(HEADER + "\nX1;01.01.2020;Lukket;Nett\n", encoding="utf-8")
        load_ticket_exports(con, [earlier])


def _write(tmp_path, body: list[str]):
    """body[i] is written as line i + 2; "{n}" in a line becomes its own line number."""
    lines = [HEADER] + [text.replace("{n}", str(n)) for n, text in enumerate(body, start=2)]
    path = tmp_path / "topdesk_2021-09-01.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, lines


@pytest.fixture()
def fast_path(monkeypatch) -> list:
    """What the fast path returned for each file it was tried on (None: it handed over)."""
    outcomes: list = []
    real = loader._load_csv_direct

    def spy(*args, **kwargs):
        outcomes.append(real(*args, **kwargs))
        return outcomes[-1]

    monkeypatch.setattr(loader, "_load_csv_direct", spy)
    return outcomes


def _loaded(con, path) -> list[tuple[str, int]]:
    return con.execute("select ticket_id, source_row from raw.tickets where source_file = ? order by source_row",
                       [str(path)]).fetchall()


def _own_line(ticket_id: str) -> int:
    return int(ticket_id[1:].split("-")[0])


@pytest.mark.parametrize("warehouse", WAREHOUSES)
def test_source_row_is_the_line_of_the_file(con, tmp_path, warehouse, fast_path):
    _prepare(con, tmp_path, warehouse)
    path, lines = _write(tmp_path, ["L{n};01.08.2021;Registrert;Nett"] * 300)
    fast_path.clear()
    f = load_ticket_exports(con, [path]).files[-1]
    assert (f.status, f.rows_loaded) == ("loaded", 300)
    assert [r is not None for r in fast_path] == ([True] if warehouse.startswith("empty") else [])
    loaded = _loaded(con, path)
    assert len(loaded) == 300
    assert all(row == _own_line(tid) for tid, row in loaded), loaded[:5]
    assert lines[loaded[-1][1] - 1].startswith(loaded[-1][0] + ";")  # the line in the file holds the ticket


@pytest.mark.parametrize("warehouse", WAREHOUSES)
def test_line_numbers_after_quarantined_and_padding_rows(con, tmp_path, warehouse):
    _prepare(con, tmp_path, warehouse)
    body = ["L{n};01.08.2021;Registrert;Nett"] * 100
    body[10] = "L{n};31.02.2021;Registrert;Nett"  # line 12: no such date
    body[20] = ";;;"                             # line 22: padding, not a record
    body[30] = "L{n};01.08.2021;Registrert;Nett;too many"  # line 32: a structural error
    body[40] = "L{n};01.08.2021;Registrert;Nett"
    path, lines = _write(tmp_path, body)
    f = load_ticket_exports(con, [path]).files[-1]
    assert (f.status, f.rows_loaded, f.rows_quarantined) == ("partial", 97, 2)
    loaded = _loaded(con, path)
    assert all(row == _own_line(tid) for tid, row in loaded)
    assert [r for _, r in loaded][-1] == 101
    quarantine = con.execute("select row_number, raw_row from raw.ticket_quarantine where file = ? order by 1",
                             [str(path)]).fetchall()
    assert quarantine == [(12, lines[11]), (32, lines[31])]


@pytest.mark.parametrize("warehouse", WAREHOUSES)
def test_padding_rows_alone_do_not_shift_the_lines(con, tmp_path, warehouse, fast_path):
    _prepare(con, tmp_path, warehouse)
    body = ["L{n};01.08.2021;Registrert;Nett"] * 50 + [";;;"] * 5
    body[7] = ";;;"
    path, _ = _write(tmp_path, body)
    fast_path.clear()
    f = load_ticket_exports(con, [path]).files[-1]
    assert [r is not None for r in fast_path] == ([True] if warehouse.startswith("empty") else [])
    assert (f.status, f.rows_loaded, f.rows_quarantined) == ("loaded", 49, 0)
    loaded = _loaded(con, path)
    assert all(row == _own_line(tid) for tid, row in loaded)
    assert 9 not in [r for _, r in loaded] and loaded[-1][1] == 51


@pytest.mark.parametrize("warehouse", WAREHOUSES)
def test_line_breaks_inside_quoted_values_and_blank_lines(con, tmp_path, warehouse):
    _prepare(con, tmp_path, warehouse)
    body = ["L{n};01.08.2021;Registrert;Nett"] * 60
    body[5] = 'L{n};01.08.2021;Registrert;"Nett'   # line 7 starts a value that ends on line 8
    body[6] = 'og trådløst"'
    body[20] = ""                                  # line 22: blank
    path, _ = _write(tmp_path, body)
    f = load_ticket_exports(con, [path]).files[-1]
    assert (f.status, f.rows_loaded, f.rows_quarantined) == ("loaded", 58, 0), f.message
    loaded = _loaded(con, path)
    assert all(row == _own_line(tid) for tid, row in loaded), loaded
    assert con.execute("select category from raw.tickets where ticket_id = 'L7'").fetchone() == ("Nett\nog trådløst",)


def test_an_event_log_keeps_each_events_line_and_the_ticket_its_last(con, tmp_path):
    lines = ["Case ID,Activity,Timestamp,Resource"]
    for case in range(40):
        for step, activity in enumerate(("Insert ticket", "Take in charge ticket", "Resolve ticket")):
            lines.append(f"C{case},{activity},2024-01-{1 + case % 28:02d} {8 + step:02d}:00,r{step}")
    lines.insert(50, "C7,Closed,2024-01-08 12:00,r9")  # line 51: a late event out of case order
    path = tmp_path / "log.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    f = load_ticket_exports(con, [path]).files[0]
    assert (f.status, f.tickets) == ("loaded", 40), f.message
    events = con.execute("select ticket_id, activity, event_at, source_row from raw.ticket_events").fetchall()
    assert len(events) == 121
    for ticket_id, activity, _, row in events:
        assert lines[row - 1].startswith(f"{ticket_id},{activity},")
    assert con.execute("select source_row, status from raw.tickets where ticket_id = 'C7'").fetchone() == (51, "closed")
    assert con.execute("select source_row from raw.tickets where ticket_id = 'C39'").fetchone() == (len(lines),)


def test_padded_values_are_trimmed_on_the_fast_path_and_a_padded_id_takes_the_careful_one(con, tmp_path, fast_path):
    path, _ = _write(tmp_path, ["L{n};01.08.2021; Lukket ;Nett  ", "L{n};01.08.2021;Registrert;\u00a0Nett"])
    f = load_ticket_exports(con, [path]).files[0]
    assert f.status == "loaded" and fast_path[0] is not None
    assert con.execute("select ticket_id, status, status_source, category, source_row from raw.tickets order by 1"
                       ).fetchall() == [("L2", "closed", "Lukket", "Nett", 2), ("L3", "new", "Registrert", "Nett", 3)]
    other = tmp_path / "padded_ids_2021-10-01.csv"
    other.write_text(HEADER + "\n  P2 ;01.08.2021;Registrert;Nett\n   ;01.08.2021;Registrert;Nett\n", encoding="utf-8")
    con.execute("delete from raw.ticket_rows")  # (raw.tickets is the view of these rows with their load)
    g = load_ticket_exports(con, [other]).files[0]
    assert fast_path[1] is None  # handed over to the careful path
    assert (g.status, g.rows_loaded, g.rows_quarantined) == ("partial", 1, 1)
    assert con.execute("select ticket_id, source_row from raw.tickets").fetchall() == [("P2", 2)]
    assert con.execute("select row_number, reason from raw.ticket_quarantine where file = ?", [str(other)]
                       ).fetchall() == [(3, "missing ticket id (column Number)")]


@pytest.mark.parametrize("order", ["ids growing", "ids in no order"])
def test_distinct_ids_take_the_fast_path_in_any_order_and_a_repeated_id_the_careful_one(con, tmp_path, fast_path,
                                                                                        order):
    ids = [f"A{k:03d}" for k in range(40)]
    if order == "ids in no order":
        ids = ids[::7] + [i for i in ids if i not in ids[::7]]
    path, _ = _write(tmp_path, [f"{i};01.03.2021;Ny;Nett" for i in ids])
    assert load_ticket_exports(con, [path]).files[0].status == "loaded"
    assert fast_path[-1] is not None  # loaded the fast way
    assert con.execute("select count(*), count(distinct ticket_id) from raw.tickets").fetchone() == (40, 40)

    # one id twice, far apart or on the next line: the last row wins, the earlier is set aside
    for at, repeat_line in ((30, 32), (4, 6)):
        again = duckdb.connect()
        repeated = ids[:at] + [ids[3]] + ids[at:]
        path, _ = _write(tmp_path / "..", [f"{i};01.03.2021;Ny;Nett" for i in repeated])
        f = load_ticket_exports(again, [path]).files[0]
        assert fast_path[-1] is None and (f.status, f.rows_loaded, f.rows_quarantined) == ("partial", 40, 1)
        assert again.execute("select row_number, reason like 'duplicate ticket id%' from raw.ticket_quarantine"
                             ).fetchall() == [(5, True)]
        assert again.execute("select source_row from raw.tickets where ticket_id = ?", [ids[3]]).fetchone() == (
            repeat_line,)


@pytest.mark.parametrize("layout", ["topdesk", "canonical with a yes/no column"])
def test_fast_path_lines_hold_past_many_row_groups(con, tmp_path, fast_path, layout):
    """The fast path numbers rows by their place in the table: a statement whose plan does not keep file order
    (DuckDB turns a list of constants into a join) misnumbers every row after the first row group (122 880 rows)."""
    path = tmp_path / "many_2021-09-01.csv"
    # (wide enough rows, some 50 MB, that DuckDB reads the file in parallel)
    columns = ("'L' || (i + 2) as Number, '01.03.2021' as CallDate, 'Ny' as ProcessingStatus, 'Nett' as Category, "
               "repeat('x', 150) as Description" if layout == "topdesk" else
               "'L' || (i + 2) as ticket_id, '2021-03-01 08:00' as created_at, case when i % 3 = 0 then 'ja' "
               "else 'nei' end as sla_met, repeat('x', 150) as category")
    duckdb.connect().execute(f"copy (select {columns} from range(300000) r(i)) to '{path}' (header, delimiter ';')")
    f = load_ticket_exports(con, [path]).files[0]
    assert fast_path[-1] is not None and (f.status, f.rows_loaded) == ("loaded", 300000)
    assert con.execute("select count(*) filter (where ticket_id <> 'L' || source_row) from raw.tickets"
                       ).fetchone()[0] == 0
