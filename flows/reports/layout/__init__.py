"""One table model for every report format.

Each format reader (`text`, `pdf`, `docx`, `html`) turns a file into `Line`s (`text` reads the HTML tags and entities
a web extraction left in a text file as the line breaks and characters they stand for, `tags`): text lines with
their page and line number, and, where the format knows them, positioned cells (PDF word boxes,
DOCX/HTML table cells with their grid columns). `tables.find_tables` then finds the tables in
that one stream the same way for every format: rows of cells under header rows, with the
caption and heading path above them. Adding a format is one reader file that yields `Line`s.

Table kinds that a text extraction flattens are one file each, rewriting lines into rows before the
tables are found: `pairs` ("Label: value" boxes), `lists` (all labels first, then all values),
`runs` (a whole table on one line), `unit_lists` (a heading, then one "Label figure unit [figure unit]" line per
row: a column per unit, each cell scaled by its own), `flattened` (a table run into a paragraph of prose: rows of one figure count
under a head of as many columns, checked by their arithmetic), `flat_statement` (a whole statement run into one line with its figures spaced by thousands: notes, group heads, years under the head; a row is kept only where its digit groups read one way the table agrees with), `vertical` (one cell per line), `blocks` (one block of "Label value"
lines per entity), `delimited` (pipe, tab and semicolon tables pasted into text); `sniff` finds web pages saved as
text (HTML, or a REST API's JSON with the page's HTML in its strings) and hands them to `html`; `ruled` reads the grids of ruled
PDF tables cell by cell. Column heads: `headers` reads one head line, `stacked_heads` combines heads printed
over two lines by count where no positions are known (`headers.columns_from_segs` does it by position);
`arithmetic` checks a change column against the amount columns when a flattened row reads several ways;
`variance_rows` cuts rows of figures spaced by thousands the one way a variance column allows (a row of fewer figures
placed where its avvik is the difference of its amounts), else leaves them without a column or out with a warning;
`minus_cells` checks rows whose only cell break is a minus glued to the figure before it; `plan_columns` places the
cells of plan tables whose header names a column more or fewer than the rows print (the total sums the years);
`lost_heads` names the columns of a table whose head was lost from the sentence above it or the table before it;
`group_spans` names the periods under group heads ("Regnskap" over two years, "Budsjett" over three) whose spans
do not divide evenly, by position or where the years start over; `shares` reads owner lists flattened into a line
(also run into a paragraph, between an introduction and prose); `counted` reads names each with a count or share in
parentheses ("Senterpartiet (8), Høgre (5)"); `key_lines` reads key-figure boxes whose label follows the figure
("146 400 tonn avfall samlet inn", "1 234" / "innbyggjarar"); `tiles` reads key-figure tiles one figure line and one
label line each, the figure above or below its label as the whole run's shape says ("41,7" / "Reelt resultat i mill.
kroner", "Driftsinntekter:" / "3 212,4 mill. kr"); `leaders` reads key figures after dot leaders and keeps
contents lists' page numbers out; `year_rows` makes the years of a table headed "År"/"Year" its rows' labels;
`year_overview` reads multi-year overviews printed one value per line under a head of years a text extraction glued
together ("2019 2018201720162015"); `broken_heads` joins heads printed a word per line and broken by hyphenation
("Kost-" / "nader") over rows printed one per line; `glued_codes` splits a row's last figure from the next row's line code run into it; `glued_percent` cuts a percent off
the figure it is run into under a head with a percent column; `currency_cells` reads fee schedules and price lists
whose every cell carries its currency ("kr 2 988", "NOK 1 250", "661,-"): the unit is no label or column; `pair_runs` reads a
one-column table run into one line of alternating labels and figures ("Område Netto Skole 12,5 Helse 9,1 ...") and list
tables with row codes run into one line (tables side by side under a head printed once each, or under one head), and holds such a line as text where no
reading of its codes is proved, so that no other rule takes its codes for values; `vat_pairs`
reads fee tables under a head of prices without and with VAT whose head, labels and prices a web extraction ran together
("AvgiftstypePris utan mvaPris med mva" / "Feiing bustad400500"): a row is cut where the second price is the first with
VAT, and only where one cut does; `bracket_years` reads figures in parentheses a note says are another year's ("81,5 (82)" under "(2018 inom parentes)")
as that year's figures of the column they follow, never negatives; `scale` decides an undeclared
or contradicted scale. The file is laid out once: `parse.stream_pages` gives the unit and metric
readers the same layout's lines.
"""
from __future__ import annotations

from pathlib import Path

from flows.reports.layout.model import Layout, Line, Seg, Table, TableRow

__all__ = ["Layout", "Line", "Seg", "Table", "TableRow", "read_layout", "read_lines"]


def read_lines(path: str | Path, data: bytes | None = None, page: int | None = None) -> tuple[str, list[Line]]:
    """(file type, lines as the format reader prints them, before any table finding): the page split and
    line numbers every record's provenance refers to. `page` reads only that page where the format can
    (PDF); other formats give every page. Raises DocumentError when the file cannot be read."""
    from flows.reports.extract import detect_file_type, read_document
    from flows.reports.layout import docx as docx_reader
    from flows.reports.layout import html as html_reader
    from flows.reports.layout import pdf as pdf_reader
    from flows.reports.layout import sniff
    from flows.reports.layout import text as text_reader
    from flows.reports.model import DocumentError

    path = Path(path)
    if data is None:
        data = read_document(path)
    if not data.strip():
        raise DocumentError(path.name, "empty file")
    embedded = None
    if not html_reader.is_html(path, data):
        file_type, _ = detect_file_type(path, data)  # a web page named .pdf/.docx is refused there
        embedded = sniff.html_of(data, fragment=file_type == "txt") if file_type in ("txt", "md") else None
    if embedded is not None or html_reader.is_html(path, data):
        return "html", html_reader.read_lines(path.name, embedded or data)
    if file_type == "pdf":
        return file_type, pdf_reader.read_lines(path.name, data, page)
    if file_type == "docx":
        return file_type, docx_reader.read_lines(path.name, data)
    return file_type, text_reader.read_lines(path.name, data, markdown=file_type == "md")


def read_layout(path: str | Path, data: bytes | None = None) -> Layout:
    """The lines and tables of one report file; raises DocumentError when it cannot be read."""
    from flows.reports.layout.boilerplate import blank_boilerplate
    from flows.reports.layout.broken_heads import expand_broken_heads
    from flows.reports.layout.comma_groups import ungroup_comma_figures
    from flows.reports.layout.comment_columns import cut_comment_columns
    from flows.reports.layout.counted import expand_counted
    from flows.reports.layout.glued_labels import split_glued_labels
    from flows.reports.layout.group_heads import merge_group_heads
    from flows.reports.layout.group_spans import merge_group_spans
    from flows.reports.layout.key_lines import expand_key_lines
    from flows.reports.layout.label_blocks import attach_label_blocks
    from flows.reports.layout.leaders import expand_leaders
    from flows.reports.layout.note_marks import strip_note_marks
    from flows.reports.layout.shares import expand_shares
    from flows.reports.layout.spread_heads import expand_spread_heads
    from flows.reports.layout.stat_heads import merge_statistics_heads
    from flows.reports.layout.tables import find_tables
    from flows.reports.layout.tiles import expand_tiles
    from flows.reports.layout.vertical import expand_vertical
    from flows.reports.layout.year_overview import expand_year_overview, join_broken_year_heads, split_glued_years
    from flows.reports.model import DocumentError

    path = Path(path)
    file_type, lines = read_lines(path, data)
    if not any(line.text.strip() for line in lines):
        raise DocumentError(path.name, "the document contains no text")
    printed = lines
    tile_warnings: list[str] = []
    # heads spread one per line are joined before the readers of other one-per-line layouts take their lines apart
    lines = expand_tiles(expand_key_lines(ungroup_comma_figures(expand_leaders(join_broken_year_heads(split_glued_years(expand_spread_heads(
        cut_comment_columns(blank_boilerplate(lines)))))))), tile_warnings)
    lines = expand_vertical(expand_year_overview(expand_broken_heads(split_glued_labels(strip_note_marks(merge_group_spans(merge_group_heads(expand_shares(expand_counted(
        attach_label_blocks(merge_statistics_heads(lines)))))))))))
    tables, warnings = find_tables(lines)
    return Layout(file_name=path.name, file_type=file_type, lines=lines, tables=tables, warnings=tile_warnings + warnings,
                  printed=printed)
