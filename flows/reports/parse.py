"""Read facts out of a municipal annual report: units, metrics, accounts, observations.

The input is the page/line stream from `extract_pages`. The work is split by concept:

- `stream`: the line stream and the parsing `Context`;
- `units`: report year, title, organisation, unit chapters;
- `metrics_tables`: detectors for tables of metrics (staffing, sick leave, cases, SLA,
  KOSTRA, disposisjonsfond, key figures);
- `accounts`: accounts tables, row splitting by identities, scale inference;
- `prose`: sentences and the prose readers, observations;
- `vertical_tables`: tables whose text layer puts every cell on its own line, rewritten
  as rows of cells before the detectors run.

Detectors run first and claim their lines; prose rules read the remaining sentences;
rows of numbers nobody understood end up in warnings, so nothing vanishes silently.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from flows.reports.accounts import parse_accounts_tables
from flows.reports.extract import Page, detect_file_type, extract_pages, read_document
from flows.reports.metrics_tables import (
    parse_cases_table,
    parse_fund_table,
    parse_key_figures_by_subject,
    parse_key_figures_by_year,
    parse_kostra_table,
    parse_sick_leave_table,
    parse_sla_targets,
    parse_staffing_table,
)
from flows.reports.model import DocumentError, ParsedReport
from flows.reports.organisation import read_organisation
from flows.reports.prose import parse_prose
from flows.reports.stream import Context, flatten
from flows.reports.units import find_report_year, find_title, find_units
from flows.reports.vertical_tables import join_vertical_rows

__all__ = ["parse_document", "parse_report", "find_report_year", "flatten"]


def parse_document(path: str | Path) -> ParsedReport:
    """Read and parse one report file; raises DocumentError when it cannot be read."""
    from flows.reports.document import read_cells
    from flows.reports.layout import html

    path = Path(path)
    data = read_document(path)
    if html.is_html(path, data):  # the web edition of a report: cells and figures only
        cells = read_cells(path, data)
        report = ParsedReport(
            document_id=cells.document_id, file_name=path.name, file_type="html",
            organisation=cells.organisation, organisation_type=None, report_year=cells.report_year,
            title=next((l.text for l in cells.layout.lines if l.heading == 1), None),
            page_count=max((l.page for l in cells.layout.lines), default=1),
            cells=cells.cells, figures=cells.figures, warnings=list(cells.layout.warnings),
        )
        add_classified(report)
        return report
    pages = extract_pages(path, data)
    file_type, note = detect_file_type(path, data)
    report = parse_report(
        pages, document_id=hashlib.sha256(data).hexdigest(), file_name=path.name, file_type=file_type
    )
    if note:
        report.warnings.insert(0, note)
    try:
        cells = read_cells(path, data)
        report.cells, report.figures = cells.cells, cells.figures
        report.warnings.extend(cells.layout.warnings)
    except DocumentError as exc:
        report.warnings.append(f"cells not read: {exc.reason}")
        return report
    add_classified(report)
    return report


def add_classified(report: ParsedReport) -> None:
    """Facts and account lines classified from the raw cells and prose figures (flows.reports.classify),
    where the table detectors did not already read the same figure."""
    from flows.reports.classify import classify

    accounts, facts = classify(report.cells, report.figures, report_year=report.report_year)
    have_accounts = {(_label_key(a.row_label), round(a.amount_nok), a.value_year) for a in report.accounts}
    have_values = {round(f.value, 3) for f in report.facts} | {round(a.amount_nok, 3) for a in report.accounts}
    have_facts = {(f.metric, round(f.value, 3), f.value_year) for f in report.facts}
    detected_metrics = {f.metric for f in report.facts}  # the specific readers win; classification fills gaps
    for a in accounts:
        if (_label_key(a.row_label), round(a.amount_nok), a.value_year) not in have_accounts:
            report.accounts.append(_named(a, report))
    for f in facts:
        if f.metric in detected_metrics or (f.metric, round(f.value, 3), f.value_year) in have_facts \
                or round(f.value, 3) in have_values:
            continue  # the detectors read this figure already (perhaps under a more specific metric)
        have_facts.add((f.metric, round(f.value, 3), f.value_year))
        report.facts.append(_named(f, report))


def _label_key(label: str) -> str:
    return " ".join(re.sub(r"[^0-9a-zæøå]+", " ", (label or "").lower()).split())


def _named(record, report: ParsedReport):
    from dataclasses import replace

    return replace(record, provenance=replace(record.provenance, document_id=report.document_id, file_name=report.file_name))


def parse_report(pages: list[Page], *, document_id: str, file_name: str, file_type: str) -> ParsedReport:
    lines = join_vertical_rows(flatten(pages))
    found = read_organisation([line.text for line in lines], file_name)
    organisation, organisation_type = found.name, found.kind
    report_year = find_report_year(lines, file_name)
    ctx = Context(document_id=document_id, file_name=file_name, report_year=report_year or 0, lines=lines)
    if report_year is None:
        ctx.warnings.append("report year not found; value years default to 0")
    units = find_units(ctx, organisation)
    title = find_title(lines)

    for detector in (
        parse_sick_leave_table,
        parse_staffing_table,
        parse_cases_table,
        parse_sla_targets,
        parse_kostra_table,
        parse_fund_table,
        parse_accounts_tables,
        parse_key_figures_by_subject,
        parse_key_figures_by_year,
    ):
        detector(ctx)
    parse_prose(ctx)
    warn_unread_number_rows(ctx)

    return ParsedReport(
        document_id=document_id,
        file_name=file_name,
        file_type=file_type,
        organisation=organisation,
        organisation_type=organisation_type,
        organisation_aliases=found.aliases,
        report_year=report_year,
        title=title,
        page_count=len(pages),
        units=units,
        facts=ctx.facts,
        accounts=ctx.accounts,
        observations=ctx.observations,
        warnings=ctx.warnings,
    )


# --- leftovers --------------------------------------------------------------------------


def warn_unread_number_rows(ctx: Context) -> None:
    """Say which rows of numbers no detector understood, so nothing vanishes silently."""
    for line in ctx.lines:
        if line.index in ctx.consumed or not line.text:
            continue
        numbers = re.findall(r"\d[\d,.]*", line.text)
        letters = re.findall(r"[A-Za-zÆØÅæøå]{3,}", line.text)
        if len(numbers) >= 4 and len(letters) <= 3:
            ctx.warnings.append(f"numbers not read at {ctx.where(line)}: {line.text[:80]}")
