"""Documents about no one organisation (national statistics a directorate, an agency or an association publishes):
their owner is the publisher the document names (`organisation.publisher`), so their figures have an owner a question
can name; a table listing municipalities by number keeps its figures; the words before a result in a sentence are a
unit's name only when they read as a name. Invented documents, read through the real reader and loaded into DuckDB."""
from __future__ import annotations

import duckdb

from flows.reports.document import read_cells
from flows.reports.organisation import read_organisation
from flows.reports.parse import parse_document
from flows.warehouse import ensure_raw_schema, load_report

_TABLE = ("# Source: Statistikkbyrået for forvaltning (SBF), «Ansatte i staten per kommune, 2019» (web edition)\n"
          "# Language: English\n\n"
          "Municipality overview\n"
          "Government employees per county and year, 2019\n"
          "| County | Municipality No. | Municipality | Number of employees | Full-time equivalents |\n"
          "|---|---|---|---|---|\n"
          "| NORDFYLKE | 201 | NORDVIK | 812 | 790.5 |\n"
          "| NORDFYLKE | 202 | SØRVIK | 431 | 402.25 |\n"
          "| NORDFYLKE | 205 | VESTBY | 97 | 88.1 |\n"
          "| SØRFYLKE | 301 | ØSTBY | 1204 | 1150.75 |\n")


def test_the_publisher_owns_a_statistics_page_that_names_no_body(tmp_path):
    path = tmp_path / "sbf_ansatte_stat_kommune_2019.txt"
    path.write_text(_TABLE, encoding="utf-8")
    report = parse_document(path)
    assert (report.organisation, report.organisation_type) == ("Statistikkbyrået for forvaltning", "ukjent")
    assert "SBF" in report.organisation_aliases
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    ensure_raw_schema(con)
    load_report(con, report, path)
    assert con.execute("select organisation from raw.documents").fetchone()[0] == "Statistikkbyrået for forvaltning"


def test_a_table_that_numbers_its_municipalities_keeps_their_figures(tmp_path):
    cells = {(c.row_label, c.column_label): c.value for c in read_cells("x.txt", _TABLE.encode()).cells}
    assert cells[("SØRVIK", "Number of employees")] == 431
    assert cells[("SØRVIK", "Full-time equivalents")] == 402.25
    assert cells[("ØSTBY", "Number of employees")] == 1204
    assert not any(value in (201, 202, 205, 301) for value in cells.values())  # a municipality number is no figure


def test_a_body_the_document_names_still_wins_over_its_publisher():
    found = read_organisation(["Nordvik kommune", "Årsmelding 2019", "Nordvik kommune hadde 1 200 tilsette."],
                              "nordvik_kommune_arsmelding_2019.txt",
                              sources=["Statistikkbyrået for forvaltning (SBF), Årsmelding 2019 for Nordvik kommune"])
    assert found.name == "Nordvik kommune"


def test_no_publisher_and_no_body_is_no_guess():
    assert read_organisation(["Sykefraværet var 6,1 prosent i 2019."], "sykefravaer_2019.txt").name is None


def test_a_clause_before_a_result_is_no_unit(tmp_path):
    path = tmp_path / "delarsrapport_2016.txt"
    path.write_text("Nordstads stad\nDelårsrapport 2016\n\nFör 2016 prognostiseras ett positivt resultat på 531 Mkr. "
                    "Resultatet budgeterades till 242 Mkr.\n", encoding="utf-8")
    report = parse_document(path)
    named = {f.unit_name for f in report.facts if f.metric == "budget_result_nok"}
    assert named and not any(n and "2016" in n for n in named)
