"""Organisations are named the way people name them (short forms, declared acronyms, possessives), and a
name the data does not know is never answered with another organisation's figure. On the real corpus."""
from __future__ import annotations

import shutil

import duckdb
import pytest

from app.engine.engine import ask


@pytest.fixture(scope="module")
def orgs(corpus_warehouse, tmp_path_factory):
    # a copy: the engine may hold the warehouse open with its own settings in this process (DuckDB refuses a second
    # connection to one file with another configuration)
    copy = tmp_path_factory.mktemp("orgs") / "warehouse.duckdb"
    shutil.copyfile(corpus_warehouse, copy)
    con = duckdb.connect(str(copy), read_only=True)
    try:
        rows = con.execute(
            "select o.organisation_name, o.aliases, o.short_names, min(f.value_year) "
            "from dim_organisation o join dim_unit u on u.organisation = o.organisation_name "
            "join fct_metric_value f on f.unit_key = u.unit_key and f.metric_code = 'sick_leave_pct' "
            "where o.organisation_type <> 'ukjent' group by all order by 1").fetchall()
    finally:
        con.close()
    assert len(rows) >= 2, "the corpus holds sick leave for several organisations"
    return rows


def test_a_short_form_the_report_declares_names_its_organisation(corpus_warehouse, orgs):
    declared = [(name, a, year) for name, aliases, _, year in orgs for a in (aliases or "").split(" | ")
                if a.isupper() and 2 < len(a) <= 6]
    assert declared, "some report declares an acronym for itself"
    name, acronym, year = declared[0]
    result = ask(f"sykefravær {acronym} {year}", warehouse=corpus_warehouse)
    assert result["status"] == "ok", result["answer"]
    assert {r[0] for r in result["rows"]} == {name}


def test_short_name_and_english_possessive_name_the_organisation(corpus_warehouse, orgs):
    name, _, shorts, year = next(o for o in orgs if o[0].endswith(" kommune"))
    short = name.removesuffix(" kommune")
    assert short.lower() in (shorts or "").split(" | ")
    for question in (f"What was {short}'s sick leave in {year}?", f"sykefravær {short} {year}"):
        result = ask(question, warehouse=corpus_warehouse)
        assert result["status"] == "ok", (question, result["answer"])
        assert all(str(r[0]).startswith(name) for r in result["rows"]), (question, result["rows"])


def test_an_unknown_acronym_is_not_answered_with_whichever_organisation_has_the_figure(corpus_warehouse, orgs):
    year = orgs[0][3]
    result = ask(f"sykefravær QXZ {year}", warehouse=corpus_warehouse)
    assert result["status"] == "unanswerable"
    assert result["rows"] == []
    assert "«QXZ»" in result["answer"]
