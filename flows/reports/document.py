"""One report file -> its layout, raw cells, sentences and prose figures, with organisation and report
year read from the document itself (title page, headings, file name). The running text is split into
sentences here, once (`flows.reports.prose`); the prose figures and the metric rules of the parser
both read these sentences."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from flows.reports.cells import ReportCell, cells_of
from flows.reports.extract import blank_text_header, detect_file_type, read_document
from flows.reports.layout import Layout, read_layout
from flows.reports.prose import ProseFigure, Sentence, layout_lines, prose_figures, sentences
from flows.reports.stream import Line as StreamLine
from flows.reports.units import find_organisation, find_report_year


@dataclass
class CellReport:
    document_id: str
    layout: Layout
    organisation: str | None
    report_year: int | None
    cells: list[ReportCell]
    figures: list[ProseFigure]
    sentences: list[Sentence]
    metadata: list[tuple[str, str]]  # a text file's `#` header: (key, value), e.g. ("source", ...), ("url", ...)


def read_cells(path: str | Path, data: bytes | None = None) -> CellReport:
    path = Path(path)
    if data is None:
        data = read_document(path)
    document_id = hashlib.sha256(data).hexdigest()
    metadata: list[tuple[str, str]] = []
    layout_data = data
    if _plain_text(path, data):
        metadata, layout_data = blank_text_header(data)
    else:
        from flows.reports.layout.html import is_html, page_title

        title = page_title(data) if is_html(path, data) else None
        metadata = [("title", title)] if title else []  # a web page's <title>: what the page says it is
    layout = read_layout(path, layout_data)
    stream = [StreamLine(index=k, page=l.page, number=l.number, raw=l.text) for k, l in enumerate(layout.lines)]
    organisation, _ = find_organisation(stream, path.name, sources=declared_titles(metadata))
    stream = [StreamLine(index=-1, page=0, number=0, raw=t) for t in declared_titles(metadata)] + stream
    report_year = find_report_year(stream, path.name)
    found = sentences(layout_lines(layout))
    figures = prose_figures(found, report_year, declared_titles(metadata), path.name)
    return CellReport(document_id=document_id, layout=layout, organisation=organisation, report_year=report_year,
                      cells=cells_of(layout, document_id), figures=figures, sentences=found,
                      metadata=metadata)


def _plain_text(path: Path, data: bytes) -> bool:
    """A TXT file (not Markdown, where `#` starts a heading, and not a saved web page)."""
    from flows.reports.layout.html import is_html
    from flows.reports.model import DocumentError

    try:
        return not is_html(path, data) and detect_file_type(path, data)[0] == "txt"
    except DocumentError:
        return False  # read_layout says why the file cannot be read


def declared_titles(metadata: list[tuple[str, str]]) -> list[str]:
    """What a text file's header says the text is ("Source: <organisation>, Årsrapport 2014 (web
    edition)"): read like a title line when the organisation and the year are looked for."""
    return [value for key, value in metadata if key in ("source", "title") and value]
