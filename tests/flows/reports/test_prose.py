"""The one prose reader: sentences split once, read by the figure reader and the metric rules alike, and
a text file's leading `#` comment block read as metadata instead of report text."""
from __future__ import annotations

import duckdb

from flows.reports.document import read_cells
from flows.reports.extract import Page, text_header
from flows.reports.parse import parse_document
from flows.reports.prose import prose_figures, sentences, stream_lines
from flows.reports.stream import flatten
from flows.warehouse import ensure_raw_schema, load_report

HEADER = """\
# COLLECTED DOCUMENT (excerpts; assembled from 2 web fragment(s) of one report)
# Source: Eksempel kommune, Årsrapport 2021 (web edition)
# Language: bokmål
# Fragments:
#   [1] https://eksempel.kommune.no/arsrapport/2021/organisasjon/
#   [2] https://eksempel.kommune.no/arsrapport/2021/okonomi/
# Retrieved 2026-11; 652 tilsette[1]485 årsverk[2] are kept as extracted,
#   about 2 000 characters per page.
"""
BODY = """\
Organisasjon

Sykefraværet var 4,7 % i 2021, mot 5,1 % året før.
Utførte årsverk i 2021 (medregnet 2,5 årsverk i prosjekter): 81,3
"""


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_header_block_is_metadata_with_source_and_urls():
    entries, n = text_header(HEADER + BODY)
    assert n == 8
    assert ("source", "Eksempel kommune, Årsrapport 2021 (web edition)") in entries
    assert ("language", "bokmål") in entries
    assert [v for k, v in entries if k == "url"] == ["https://eksempel.kommune.no/arsrapport/2021/organisasjon/",
                                                     "https://eksempel.kommune.no/arsrapport/2021/okonomi/"]
    assert any(k == "note" and "about 2 000 characters" in v for k, v in entries), "a continued line joins its entry"
    assert text_header(BODY) == ([], 0)


def test_a_text_files_header_states_no_figure_and_keeps_line_numbers(tmp_path):
    with_header = read_cells(write(tmp_path, "rapport-2021.txt", HEADER + BODY))
    without = read_cells(write(tmp_path, "bare-2021.txt", BODY))
    assert not [f for f in with_header.figures if f.value in (652, 485, 2000, 2026, 1, 2)], "header figures are metadata"
    assert [(f.value, f.unit, f.year) for f in with_header.figures] == [(f.value, f.unit, f.year) for f in without.figures]
    assert (4.7, "pct", 2021) in {(f.value, f.unit, f.year) for f in with_header.figures}
    # every body line keeps the number it has in the file
    sick = next(f for f in with_header.figures if f.value == 4.7)
    assert sick.line == 11 and next(f for f in without.figures if f.value == 4.7).line == 3
    assert ("source", "Eksempel kommune, Årsrapport 2021 (web edition)") in with_header.metadata
    assert with_header.organisation == "Eksempel kommune" and without.organisation is None


def test_markdown_headings_are_not_metadata(tmp_path):
    cells = read_cells(write(tmp_path, "rapport-2021.md", "# Årsrapport 2021\n\nSykefraværet var 4,7 % i 2021.\n"))
    assert cells.metadata == []
    assert cells.layout.lines[0].text == "Årsrapport 2021" and cells.layout.lines[0].heading == 1


def test_the_metadata_is_recorded_in_the_warehouse(tmp_path):
    path = write(tmp_path, "rapport-2021.txt", HEADER + BODY)
    con = duckdb.connect()
    ensure_raw_schema(con)
    load_report(con, parse_document(path), path)
    rows = con.execute("select position, key, value from raw.report_metadata order by position").fetchall()
    assert rows[1] == (2, "source", "Eksempel kommune, Årsrapport 2021 (web edition)")
    assert sum(1 for _, key, _ in rows if key == "url") == 2
    load_report(con, parse_document(path), path)  # a reload replaces the rows, it does not add to them
    assert con.execute("select count(*) from raw.report_metadata").fetchone()[0] == len(rows)


def test_rules_and_figures_read_the_same_sentence(tmp_path):
    report = parse_document(write(tmp_path, "rapport-2021.txt", HEADER + BODY))
    fact = next(f for f in report.facts if f.metric == "sick_leave_pct" and f.value == 4.7)
    figure = next(f for f in report.figures if f.value == 4.7)
    assert (fact.provenance.page, fact.provenance.line) == (figure.page, figure.line) == (1, 11)
    assert fact.provenance.excerpt == figure.text


def test_a_labelled_figure_takes_its_unit_from_the_label(tmp_path):
    figures = read_cells(write(tmp_path, "rapport-2021.txt", BODY)).figures
    assert (81.3, "fte", 2021) in {(f.value, f.unit, f.year) for f in figures}
    # the figure the parenthesis says the total includes is published as a part of it, never as the total's unit
    assert (2.5, "part", 2021) in {(f.value, f.unit, f.year) for f in figures}


def test_double_spaced_text_joins_an_unfinished_sentence():
    pages = [Page(1, ["Enheten har 18,25 årsverk. I tillegg har enheten 3", "", "lærlinger.", "",
                      "Resultatet ble godt.", "", "Sykefraværet var lavt."])]
    found = [s.text for s in sentences(stream_lines(flatten(pages)))]
    assert "I tillegg har enheten 3 lærlinger." in found
    assert "Resultatet ble godt." in found and "Sykefraværet var lavt." in found, "a finished sentence ends its paragraph"
    assert {(f.value, f.unit) for f in prose_figures(sentences(stream_lines(flatten(pages))), 2020)} >= {(18.25, "fte")}


def test_a_part_in_parentheses_or_a_note_number_is_no_staffing_level():
    from flows.reports.parse import parse_report

    pages = [Page(1, ["Årsmelding 2018", "Kommunen hadde 654 tilsette fordelt på 492 årsverk.",
                      "Av desse var 499 kvinner (383 årsverk) og 155 menn (109 årsverk).", "",
                      "NOTE 1 ANSATTE, GODTGJØRELSE OG LÅN TIL ANSATTE"])]
    report = parse_report(pages, document_id="d", file_name="x.txt", file_type="txt")
    assert sorted((f.metric, f.value) for f in report.facts if f.source_kind == "prose") == \
        [("employees", 654), ("fte", 492)]


def test_the_file_names_year_chooses_among_the_years_the_text_writes():
    from flows.reports.units import find_report_year

    lines = flatten([Page(1, ["Nøkkeltal 2006 og 2008", "Budsjett 2010", "Ramme 2010", "Plan 2010"])])
    assert find_report_year(lines, "dokument_2008.txt") == 2008
    assert find_report_year(lines, "dokument.txt") == 2010
    assert find_report_year(lines, "dokument_2015.txt") == 2010, "a year the text never writes does not win"


def test_the_parts_of_an_iso_date_are_no_figures():
    pages = [Page(1, ["Status: Påbörjad. Rapportperiod: 2027-12-31. Organisation: Nämnden.", "",
                      "Per 2021-12-31 hadde enheten 45 ansatte og 12 lærlinger."])]
    figures = prose_figures(sentences(stream_lines(flatten(pages))), 2021)
    assert sorted(f.value for f in figures) == [12.0, 45.0]  # the 12 and 31 of the dates are not counts


def test_a_stray_comma_between_a_figure_and_its_magnitude_keeps_the_magnitude(tmp_path):
    """"et netto driftsresultat (underskudd) på ca 13,3, mill kr": 13,3 million, negative (a deficit), not 13,3."""
    text = "Regnskapet er gjort opp med et netto driftsresultat (underskudd) på ca 13,3, mill kr.\n"
    figures = read_cells(write(tmp_path, "rekneskap-2020.txt", text)).figures
    values = {f.value for f in figures if f.line == 1}
    assert -13_300_000.0 in values and 13.3 not in values, values
