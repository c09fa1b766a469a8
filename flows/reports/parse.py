"""Read facts out of a municipal annual report: units, metrics, accounts, observations.

The input is the page/line stream of the document's layout (`stream_pages`). The work is split by concept:

- `stream`: the line stream and the parsing `Context`;
- `units`: report year, title, organisation, unit chapters;
- `metrics_tables`: detectors for tables of metrics (staffing, sick leave, cases, SLA,
  KOSTRA, disposisjonsfond, key figures);
- `accounts`: accounts tables, row splitting by identities, scale inference;
- `prose`: the sentences of the running text (split once, in `document.read_cells`), the figures
  stated in them and the narrow prose rules, observations;
- `vertical_tables`: tables whose text layer puts every cell on its own line, rewritten
  as rows of cells before the detectors run.
- `heading_units`: headings that open a unit's chapter (a unit the document knows, or a name labelling
  rows of a per-unit table), so the figures read there are the unit's; short forms declared for units;
- `figure_years`: the year or scenario of each figure of a sentence (its own year, "henholdsvis",
  comparisons in parentheses).

Detectors run first and claim their lines; prose rules read the remaining sentences;
rows of numbers nobody understood end up in warnings, so nothing vanishes silently.
"""
from __future__ import annotations

import re
from pathlib import Path

from flows.reports.accounts import parse_accounts_tables
from flows.reports.extract import CELL_SEPARATOR, Page, detect_file_type, read_document
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
from flows.reports.model import ParsedReport
from flows.reports.organisation import read_organisation
from flows.reports.prose import Sentence, attach_stream, read_prose
from flows.reports.scope import read_scope
from flows.reports.stream import Context, Line, flatten
from flows.reports.units import find_report_year, find_title, find_units, normalise_unit_name
from flows.reports.vertical_tables import join_vertical_rows

__all__ = ["parse_document", "parse_report", "find_report_year", "flatten"]


def parse_document(path: str | Path) -> ParsedReport:
    """Read and parse one report file; raises DocumentError when it cannot be read.

    The file is laid out once (`flows.reports.layout`): the raw cells and prose figures come from
    that layout, and the line stream the unit/metric readers walk is the same layout's lines."""
    from flows.reports.document import declared_titles, read_cells

    path = Path(path)
    data = read_document(path)
    cells = read_cells(path, data)
    layout = cells.layout
    note = None
    if layout.file_type != "html":
        _, note = detect_file_type(path, data)
    from flows.reports.unit_rows import declared_unit_row

    tables: dict[int, list[str]] = {}
    declared: dict[str, None] = {}  # the rows of tables whose label column or caption says they are units
    for c in cells.cells:
        tables.setdefault(c.table_number, []).append(c.row_label)
        if declared_unit_row(c.row_label, c.corner, c.caption):
            declared.setdefault(c.row_label)
    report = parse_report(stream_pages(layout), document_id=cells.document_id, file_name=path.name,
                          file_type=layout.file_type, sentences=cells.sentences,
                          declared_titles=declared_titles(cells.metadata),
                          table_rows=[list(dict.fromkeys(labels)) for labels in tables.values()],
                          unit_rows=list(declared))
    report.page_count = max((l.page for l in layout.lines), default=1)
    if note:
        report.warnings.insert(0, note)
    report.cells, report.figures, report.metadata = cells.cells, cells.figures, cells.metadata
    report.warnings.extend(layout.warnings)
    add_classified(report)
    return report


def stream_pages(layout) -> list[Page]:
    """The layout's lines as the pages of text lines the unit and metric readers walk. Cells are joined
    by " | ": a PDF table row as the layout read it (wrapped label joined, one cell per column, empty
    cells kept), a DOCX/HTML/Markdown row or tab-split line on its grid; other lines as printed."""
    rows: dict[tuple[int, int], str] = {}
    skip: set[tuple[int, int]] = set()
    if layout.file_type == "pdf":
        for table in layout.tables:
            if not table.consumed or len(table.columns) < 2:
                continue  # a one-column run of figures is left as printed (the stream readers join vertical tables)
            skip |= table.consumed
            n = len(table.columns)
            if table.header_at:
                rows[table.header_at] = CELL_SEPARATOR.join([table.corner] + [c.label for c in table.columns])
            for row in table.rows:
                cells = ["–" if k in row.dashes else "" for k in range(n)]
                for col, text in row.values:
                    if col < n:
                        cells[col] = f"{cells[col]} {text}".strip()
                rows[(row.page, row.line)] = CELL_SEPARATOR.join([row.label] + cells)
    grid_x: dict[int, list[float]] = {}  # PDF ruled tables: the left edges of their cells, every row
    for line in layout.printed or layout.lines:
        if layout.file_type == "pdf" and line.table_id is not None and line.segs:
            grid_x.setdefault(line.table_id, []).extend(s.x0 for s in line.segs)
    pages: dict[int, list[str]] = {}
    for line in layout.printed or layout.lines:
        key = (line.page, line.number)
        if line.table_id is not None and line.table_id in grid_x:
            text = _ruled_text(line.segs, sorted(set(round(x) for x in grid_x[line.table_id])))
        elif key in rows:
            text = rows[key]
        elif key in skip:
            continue
        elif line.segs and layout.file_type != "pdf":
            text = _grid_text(line.segs)
        elif layout.file_type == "md":
            text = re.sub(r"^\s*[-*+]\s+", "• ", line.text)  # a Markdown list item as a printed bullet
        else:
            text = line.text if layout.file_type != "pdf" else " ".join(line.text.split())
        pages.setdefault(line.page, []).append(text)
    return [Page(number=n, lines=lines) for n, lines in sorted(pages.items())]


def _ruled_text(segs, lefts: list[int]) -> str:
    """A ruled PDF table's row as its cells, an empty cell where the row has none under a column."""
    cells = [""] * len(lefts)
    for seg in segs:
        cells[lefts.index(round(seg.x0))] = seg.text
    return CELL_SEPARATOR.join(cells)


def _grid_text(segs) -> str:
    """Cells on grid columns (x0 = column index), an empty cell for every skipped column."""
    cells: list[str] = []
    for seg in segs:
        while len(cells) < int(seg.x0):
            cells.append("")
        cells.append(seg.text)
    return CELL_SEPARATOR.join(cells)


def add_classified(report: ParsedReport) -> None:
    """Facts and account lines classified from the raw cells and prose figures (flows.reports.classify),
    where the table detectors did not already read the same figure."""
    from flows.reports.classify import classify
    from flows.reports.unit_rows import unit_rows

    spans = report.unit_spans

    def unit_of(page: int, line: int) -> str | None:
        inside = [(start, name) for start, end, name in spans if start <= (page, line) and (end is None or (page, line) < end)]
        return max(inside)[1] if inside else None  # the innermost: the latest heading above

    unit_named = document_units(report)
    accounts, facts = classify(report.cells, report.figures, report_year=report.report_year,
                               unit_of=unit_of if spans else None, unit_named=unit_named)
    report.facts = possible_facts(report.facts, report.warnings)
    facts = possible_facts(facts, report.warnings)
    tables: dict[int, list] = {}
    for c in report.cells:
        tables.setdefault(c.table_number, []).append(c)
    own_rows = set()  # (page, line) of the rows that name their unit, the organisation, or add up a per-unit table
    for cells in tables.values():
        units = unit_rows([(c.row_label, c.corner, c.caption) for c in cells], unit_named)
        own_rows |= {(c.page, c.line) for c in cells if c.row_label in units}
    have_accounts = {(_label_key(a.row_label), round(a.amount_nok), a.value_year) for a in report.accounts}
    have_values = {round(f.value, 3) for f in report.facts} | {round(a.amount_nok, 3) for a in report.accounts}
    have_facts = {(f.metric, round(f.value, 3), f.value_year, f.period) for f in report.facts}
    # the specific readers win; classification fills gaps. A row that names its unit (or the organisation) is
    # hidden only by a reader's figure of the same metric, unit and year (an organisation-wide figure leaves a
    # per-unit table alone); a figure whose unit is only where it stands, by any figure of its metric
    detected = {_fact_key(f) for f in report.facts}
    detected_metrics = {f.metric for f in report.facts}
    from flows.reports.classify import label_norm, load_catalog

    aliases = load_catalog().aliases

    def line_of(a) -> tuple:
        hit = aliases.get(label_norm(a.row_label))
        return (hit[1] if hit else _label_key(a.row_label)), a.value_year, a.scenario

    stated = [a for a in accounts if a.scale_method.startswith("prose")]
    printed = {line_of(a) for a in report.accounts} | {line_of(a) for a in accounts if not a.scale_method.startswith("prose")}
    # (a reader's target, "målet er under 7 %", hides no level the text states)
    detected_years = {(f.metric, f.value_year, f.period) for f in report.facts if f.qualifier != "target"}
    for a in accounts:
        if a in stated:  # a line stated in the text counts only where no table prints it, once
            if line_of(a) in printed:
                continue
            printed.add(line_of(a))
        if (_label_key(a.row_label), round(a.amount_nok), a.value_year) not in have_accounts:
            report.accounts.append(_named(a, report))
    for f in facts:
        own_unit = f.source_kind == "table" and (f.provenance.page, f.provenance.line) in own_rows
        # a figure of the running text is hidden by the readers' figures of its metric and year: "5,4 %, mot 4,4 året
        # før" keeps the year before when a reader took the first figure
        seen = (f.metric, f.value_year, f.period) in detected_years if f.source_kind == "prose" else f.metric in detected_metrics
        if (_fact_key(f) in detected if own_unit else seen) \
                or (f.metric, round(f.value, 3), f.value_year, f.period) in have_facts \
                or round(f.value, 3) in have_values:
            continue  # the detectors read this figure already (perhaps under a more specific metric)
        have_facts.add((f.metric, round(f.value, 3), f.value_year, f.period))
        report.facts.append(_named(f, report))


def possible_facts(facts: list, warnings: list[str]) -> list:
    """The facts whose value their metric can have (`classify.impossible`: a sick-leave per cent above 100 is a
    figure read with the wrong scale or beside the wrong label); each other one is a warning with its page and line,
    never a governed fact."""
    from flows.reports.classify import impossible

    kept = []
    for f in facts:
        why = impossible(f.metric, f.value)
        if why is None:
            kept.append(f)
            continue
        where = f"page {f.provenance.page} line {f.provenance.line}"
        warnings.append(f"impossible value not kept at {where}: {f.metric} {f.value:g} ({why}): "
                        f"{' '.join((f.provenance.excerpt or '').split())[:80]}")
    return kept


def _fact_key(f) -> tuple:
    """(metric, unit, year) of a fact: the quarter and the breakdown are left out, so a reader's figure hides
    every classified figure of its metric, unit and year (under doubt, the reader's alone)."""
    return f.metric, normalise_unit_name(f.unit_name) if f.unit_name else "", f.value_year


def document_units(report: ParsedReport):
    """`unit_named(label)` for classification: the unit of the document a row label names (its units, the
    units its headings open, the short forms it declares for them), "" when it names the organisation itself,
    None otherwise."""
    names: dict[str, str] = {}
    for u in report.units:
        if u.level != "organisation":
            names.setdefault(normalise_unit_name(u.name), u.name)
    for _, _, name in report.unit_spans:
        names.setdefault(normalise_unit_name(name), name)
    short = {acr: name for name, acr in report.unit_aliases}
    for org in (report.organisation, *report.organisation_aliases):
        if org:
            names[normalise_unit_name(org)] = ""
    names.pop("", None)

    def unit_named(label: str) -> str | None:
        text = re.sub(r"[*¹²³⁴⁵]+$|\s\d\)$", "", (label or "").strip()).strip()
        if text in short:
            return short[text]
        return names.get(normalise_unit_name(text))

    return unit_named


def _label_key(label: str) -> str:
    return " ".join(re.sub(r"[^0-9a-zæøå]+", " ", (label or "").lower()).split())


def _named(record, report: ParsedReport):
    from dataclasses import replace

    return replace(record, provenance=replace(record.provenance, document_id=report.document_id, file_name=report.file_name))


def parse_report(pages: list[Page], *, document_id: str, file_name: str, file_type: str,
                 sentences: list[Sentence] | None = None, declared_titles: list[str] = (),
                 table_rows: list[list[str]] = (), unit_rows: list[str] = ()) -> ParsedReport:
    """The facts of one document's line stream; `sentences` are its running text as `read_cells` split
    it (without them the prose rules split the stream itself); `declared_titles` what the file's metadata
    says it is, read before the text when the organisation and the year are looked for; `table_rows` the row labels
    of each table, `unit_rows` those of tables declaring their rows units (both for the units headings open)."""
    lines = join_vertical_rows(flatten(pages))
    declared = [Line(index=-1, page=0, number=0, raw=t) for t in declared_titles]
    found = read_organisation([line.text for line in lines], file_name, sources=declared_titles)
    organisation, organisation_type = found.name, found.kind
    report_year = find_report_year(declared + lines, file_name)
    ctx = Context(document_id=document_id, file_name=file_name, report_year=report_year or 0, lines=lines)
    if report_year is None:
        ctx.warnings.append("report year not found; value years default to 0")
    units = find_units(ctx, organisation)
    title = find_title(lines)
    scope = read_scope(lines, organisation, file_name, list(declared_titles))
    if sentences is not None:
        sentences = attach_stream(sentences, lines)
    spans, unit_aliases = _heading_units(ctx, units, organisation, sentences or [], table_rows, unit_rows)

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
    read_prose(ctx, sentences, attached=True)
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
        unit_spans=spans,
        unit_aliases=unit_aliases,
        scope=scope,
    )


def _heading_units(ctx: Context, units: list, organisation: str | None, found: list[Sentence],
                   table_rows: list[list[str]], unit_rows: list[str] = ()) -> tuple[list, tuple]:
    """Units the document's headings open (flows.reports.heading_units): their chapters become spans of the
    line stream (every fact read there is the unit's) and of the layout's (page, line) (the classified cells and
    prose figures); the short forms the document declares for its units ("Teknisk drift (TD)") are aliases."""
    from flows.reports.classify import label_norm, load_catalog, metric_named
    from flows.reports.heading_units import Heading, declared_acronyms, heading_level, heading_units
    from flows.reports.model import UnitInfo

    catalog = load_catalog()
    marked = [s for s in found if (s.heading or (s.section == s.text)) and s.stream_line is not None]
    headings = [Heading(k, heading_level(s.text, s.heading), s.text) for k, s in enumerate(marked)]

    def excluded(label: str) -> bool:
        return label_norm(label) in catalog.aliases or metric_named(label, catalog)

    spans, stream_spans = [], []
    names = {u.name for u in units if u.level != "organisation"}
    acronyms: dict[str, str] = {}
    for hu in heading_units(headings, dict(ctx.unit_aliases), table_rows, excluded, unit_rows):
        first = marked[hu.start]
        last = marked[hu.end] if hu.end is not None else None
        stream_spans.append((first.stream_line.index, last.stream_line.index if last else len(ctx.lines), hu.name))
        spans.append(((first.page, first.line), (last.page, last.line) if last else None, hu.name))
        if hu.acronym:
            acronyms.setdefault(hu.acronym, hu.name)
        if hu.name not in names:
            names.add(hu.name)
            parent = ctx.unit_at(first.stream_line.index) or organisation
            units.append(UnitInfo(hu.name, parent, "enhet", None, ctx.provenance(first.stream_line)))
            ctx.unit_aliases.setdefault(normalise_unit_name(hu.name), hu.name)
    # the innermost span first: a unit's sub-unit wins inside it (ctx.unit_at takes the first span holding a line)
    ctx.sections.extend(sorted(stream_spans, key=lambda s: -s[0]))
    for acr, name in declared_acronyms((l.text for l in ctx.lines), names).items():
        acronyms.setdefault(acr, name)
    return spans, tuple((name, acr) for acr, name in acronyms.items())


# --- leftovers --------------------------------------------------------------------------


_NUMBERS = re.compile(r"\d[\d,.]*")
_WORDS = re.compile(r"[A-Za-zÆØÅæøå]{3,}")


def warn_unread_number_rows(ctx: Context) -> None:
    """Say which rows of numbers no detector understood, so nothing vanishes silently."""
    for line in ctx.lines:
        if line.index in ctx.consumed or not line.text:
            continue
        if len(_NUMBERS.findall(line.text)) >= 4 and len(_WORDS.findall(line.text)) <= 3:
            ctx.warnings.append(f"numbers not read at {ctx.where(line)}: {line.text[:80]}")
