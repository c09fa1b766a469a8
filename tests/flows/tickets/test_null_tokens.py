"""An export's words for "no value" ("-", "–", "N/A", "None", "(blank)" ...) are empty cells in every column and
every format: an open ticket's "Løst: -" is a ticket without a resolved time, not an unparseable date. A workbook
read from several sheets names a row by its sheet and row everywhere, and keeps its info sheet's title."""
from __future__ import annotations

import duckdb
import openpyxl
import pandas as pd
import pytest

from flows.tickets.load import load_ticket_exports
from flows.tickets.values import NULL_TOKENS, null_texts

TOKENS = ["-", "–", "N/A", "n/a", "NA", "null", "NULL", "None", "?", "(blank)", ""]


@pytest.fixture()
def con():
    c = duckdb.connect()
    yield c
    c.close()


def test_every_null_token_is_read_by_the_reader():
    assert {t.casefold() for t in TOKENS} <= set(NULL_TOKENS)
    assert set(TOKENS) <= set(null_texts())


def test_a_dash_in_a_date_column_is_an_open_ticket_not_a_lost_one(con, tmp_path):
    path = tmp_path / "saker.csv"
    lines = ["Saksnr;Registrert;Løst;Prioritet;Kommune"]
    lines += [f"S-{i};0{1 + i % 9}.01.2024 08:00;{t};Høy;{t or 'Nordby kommune'}" for i, t in enumerate(TOKENS)]
    lines += ["S-99;03.01.2024 08:00;04.01.2024 09:00;Lav;Nordby kommune"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    f = load_ticket_exports(con, [path]).files[0]
    plain = pd.read_csv(path, sep=";", dtype=str, keep_default_na=False)
    assert (f.rows_quarantined, f.tickets) == (0, plain["Saksnr"].nunique())
    got = dict(con.execute("select ticket_id, resolved_at is null from raw.tickets").fetchall())
    assert got == {**{f"S-{i}": True for i in range(len(TOKENS))}, "S-99": False}
    # the token is no value in a text column either
    assert con.execute("select count(customer_org) from raw.tickets").fetchone()[0] == 2


def test_a_workbook_names_rows_by_sheet_and_keeps_its_info_title(con, tmp_path):
    path = tmp_path / "vaktbok_2023_2024.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "Info"
    wb.active.append(["Eksport frå Vaktboka"])
    for year in (2023, 2024):
        ws = wb.create_sheet(str(year))
        ws.append(["ID", "Created Time", "Completed Time", "Priority"])
        for i in range(1, 70):
            ws.append([f"{year}-{i}", f"{1 + i % 28:02d}.02.{year} 10:00",
                       "-" if i % 3 == 0 else f"{1 + i % 28:02d}.03.{year} 10:00", "High"])
        ws.append([f"{year}-62", f"{1 + 62 % 28:02d}.02.{year} 10:00", f"{1 + 62 % 28:02d}.03.{year} 10:00", "High"])
    wb.save(path)
    f = load_ticket_exports(con, [path]).files[0]
    plain = pd.concat(pd.read_excel(path, sheet_name=["2023", "2024"], dtype=str).values())
    assert f.tickets == plain["ID"].nunique() and f.rows_quarantined == len(plain) - plain["ID"].nunique()
    assert con.execute("select count(*) from raw.tickets where resolved_at is null").fetchone()[0] == 2 * 23
    reasons = [r for (r,) in con.execute("select reason from raw.ticket_quarantine order by 1").fetchall()]
    assert reasons[0].startswith("sheet 2023, row 63: ") and "copy of sheet 2023, row 71 " in reasons[0]
    assert not any(c.isdigit() and len(c) >= 7 for r in reasons for c in r.replace(",", " ").split())
    assert "2000063" not in f.message and "sheet 2023, row 63" in f.message
    assert con.execute("select title from raw.ticket_files").fetchone()[0] == "Eksport frå Vaktboka"


@pytest.mark.parametrize("column", ["Kommune", "Opprettet", "Løst", "Prioritet"])
@pytest.mark.parametrize("token", ["-", "N/A", "(blank)", "–"])
def test_a_token_below_the_first_rows_is_no_value_in_any_column(con, tmp_path, column, token):
    """The fast path reads a large export without the reader's own token list when its first rows hold no token
    (the list costs a fifth of the read); a token further down, in a text column, an ISO time the reader types, a
    day-first date read as text or a coded column, is still no value, and every ticket keeps its line."""
    header = ["Saksnr", "Opprettet", "Løst", "Prioritet", "Kommune"]
    rows = [[f"S-{i:05d}", f"2024-01-{1 + i % 28:02d}T08:00:00+01:00", f"{1 + i % 28:02d}.02.2024 09:00",
             "Høy" if i % 2 else "Lav", f"Kommune {i % 7}"] for i in range(3000)]
    late = {2600, 2999}
    for i in late:
        rows[i][header.index(column)] = token
    path = tmp_path / "saker_2024-03-01.csv"
    path.write_text("\n".join(";".join(r) for r in [header, *rows]) + "\n", encoding="utf-8")
    f = load_ticket_exports(con, [path]).files[0]
    if column == "Opprettet":  # no created time: a ticket without one is set aside as such, not as unparseable
        assert (f.status, f.rows_quarantined, f.tickets) == ("partial", len(late), len(rows) - len(late))
        reasons = con.execute("select row_number, reason from raw.ticket_quarantine order by 1").fetchall()
        assert reasons == [(i + 2, 'missing created date (column Opprettet)') for i in sorted(late)]
        return
    assert (f.status, f.rows_quarantined, f.tickets) == ("loaded", 0, len(rows))
    field = {"Kommune": "customer_org", "Løst": "resolved_at", "Prioritet": "priority"}[column]
    empty = {r for (r,) in con.execute(f"select ticket_id from raw.tickets where {field} is null").fetchall()}
    assert empty == {rows[i][0] for i in late}
    misnumbered = con.execute("select count(*) from raw.tickets where source_row <> 2 + "
                              "cast(substr(ticket_id, 3) as integer)").fetchone()[0]
    assert misnumbered == 0
    assert con.execute(f"select count(*) from raw.tickets where {field}::varchar = ?", [token]).fetchone()[0] == 0
