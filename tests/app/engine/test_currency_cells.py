"""A report cell the reader scaled from a declaration in euro ("Resultaträkning (1000 €)") is answered in euro, with its
sign, never as kroner; a cell in kroner is shown as before (the number alone). The warehouse holds the cells the reader
itself reads from a written fixture."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from app.engine.format import format_in_currency
from flows.reports.document import read_cells

EURO = """Eksempel energi Oy, årsrapport 2018

Resultaträkning (1000 €)20182017
Nettoomsättning12 45011 980
Rörelsens kostnader-10 210-9 870
Rörelseresultat2 2402 110
"""


@pytest.fixture(scope="module")
def organisations():
    return {"eksempel": ("Eksempel energi Oy", "Eksempel energi")}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("currency-cells")
    text = folder / "eksempel_energi_arsrapport_2018.txt"
    text.write_text(EURO, encoding="utf-8")
    report = read_cells(text)
    path = folder / "w.duckdb"
    con = duckdb.connect(str(path))
    con.execute("""create table fct_report_cell (organisation text, file_name text, page integer, line integer,
        table_number integer, caption text, row_label text, column_label text, value_year integer, scenario text,
        value double, scale_method text, excerpt text)""")
    con.executemany("insert into fct_report_cell values (" + ", ".join("?" * 13) + ")", [
        ("Eksempel energi Oy", c.file_name, c.page, c.line, c.table_number, c.caption, c.row_label, c.column_label,
         c.column_year, c.scenario, c.value, c.scale_method, c.excerpt) for c in report.cells])
    con.close()
    return path


def test_a_euro_cell_is_answered_in_euro(vocab, con):
    from app.engine import families
    from app.engine.families.base import Question, Reading

    found = families.read(Question.parse("Nettoomsättning Eksempel energi 2018", "nb"), vocab,
                          families.FAMILIES + families.FALLBACK_FAMILIES)
    assert isinstance(found, Reading) and found.family == "cell_lookup", found
    cur = con.execute(found.sql)
    cols, rows = [d[0] for d in cur.description], cur.fetchall()
    assert [r[cols.index("value")] for r in rows] == [12_450_000]
    text = found.sentence(cols, rows, "nb")
    assert "12\u00a0450\u00a0000\u00a0€" in text and "kr" not in text.replace("(ikke", ""), text


def test_the_currency_sign_follows_the_scale_note():
    assert format_in_currency(12_450_000, "declared: 1000 € (header: x); currency EUR", "nb") == "12\u00a0450\u00a0000\u00a0€"
    assert format_in_currency(12_450_000, "declared: 1000 € (header: x); currency EUR", "en") == "€12,450,000"
    assert format_in_currency(12_450_000, "declared: TSEK; currency SEK", "nb") == "12\u00a0450\u00a0000"
    assert format_in_currency(12_450_000, "declared: 1000 kr", "nb") == "12\u00a0450\u00a0000"
