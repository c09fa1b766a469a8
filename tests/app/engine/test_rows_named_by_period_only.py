"""A report row named by nothing but the question's organisation and period ("tertial 1" for "skatteinngangen per
1. tertial") is never the answer: the cell lookup needs a word of what is asked in the row or in its table's caption
and heads (app/engine/families/cell_lookup.py). Invented cells."""
from __future__ import annotations

import duckdb
import pytest

from app.engine import families
from app.engine.catalog import load_metrics
from app.engine.families.base import Question, Reading
from app.engine.planner import Vocabulary
from app.engine.vocabulary import load_data_vocabulary


@pytest.fixture()
def warehouse(tmp_path):
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    con.execute("""create table fct_report_cell (organisation text, file_name text, page integer, table_number integer,
        caption text, heading_path text, row_label text, column_label text, value_year integer, scenario text,
        value double, excerpt text)""")
    cells = [
        # a line of running text a table finder read as a row: its figure is a page number
        ("Nordvik fylkeskommune", "nordvik_2031.txt", 2, 1, None, None, "tertial 1", "", 2031, "other", 3.0, ""),
        ("Nordvik fylkeskommune", "nordvik_2031.txt", 7, 2, "Frie inntekter", None, "Skatteinngang", "Regnskap 2031",
         2031, "actual", 812.0, ""),
    ]
    con.executemany("insert into fct_report_cell values (" + ", ".join("?" * 12) + ")", cells)
    present = {"fct_report_cell"}
    vocab = Vocabulary(metrics=load_metrics(), unit_aliases={},
                       organisations={"nordvik fylkeskommune": "nordvik"},
                       organisation_names={"nordvik": "Nordvik fylkeskommune"},
                       tables=frozenset(present), data=load_data_vocabulary(con, present))
    yield con, vocab
    con.close()


def _cell_values(question, con, vocab):
    from app.engine.families import cell_lookup

    found = cell_lookup.read(Question.parse(question, "nb"), vocab)
    if not isinstance(found, Reading):
        return None
    cur = con.execute(found.sql)
    cols = [d[0] for d in cur.description]
    return sorted(r[cols.index("value")] for r in cur.fetchall())


def test_a_row_named_only_by_the_period_asked_is_not_the_answer(warehouse):
    con, vocab = warehouse
    for question in ("Hvor stor var skatteinngangen til Nordvik fylkeskommune per 1. tertial 2031?",
                     "Hva var inntektsutjevningen for Nordvik fylkeskommune i 1. tertial 2031?"):
        assert 3.0 not in (_cell_values(question, con, vocab) or []), question
        found = families.read(Question.parse(question, "nb"), vocab, families.FAMILIES + families.FALLBACK_FAMILIES)
        if isinstance(found, Reading):
            cur = con.execute(found.sql)
            cols = [d[0] for d in cur.description]
            assert "value" not in cols or 3.0 not in [r[cols.index("value")] for r in cur.fetchall()], question


def test_a_row_named_by_what_is_asked_still_answers(warehouse):
    con, vocab = warehouse
    assert _cell_values("Skatteinngang i Nordvik fylkeskommune 2031", con, vocab) == [812.0]
