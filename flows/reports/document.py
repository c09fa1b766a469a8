"""One report file -> its layout, raw cells and prose figures, with organisation and report year
read from the document itself (title page, headings, file name)."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from flows.reports.cells import ReportCell, cells_of
from flows.reports.extract import read_document
from flows.reports.figures import ProseFigure, prose_figures
from flows.reports.layout import Layout, read_layout
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


def read_cells(path: str | Path, data: bytes | None = None) -> CellReport:
    path = Path(path)
    if data is None:
        data = read_document(path)
    document_id = hashlib.sha256(data).hexdigest()
    layout = read_layout(path, data)
    stream = [StreamLine(index=k, page=l.page, number=l.number, raw=l.text) for k, l in enumerate(layout.lines)]
    organisation, _ = find_organisation(stream, path.name)
    report_year = find_report_year(stream, path.name)
    return CellReport(document_id=document_id, layout=layout, organisation=organisation, report_year=report_year,
                      cells=cells_of(layout, document_id), figures=prose_figures(layout, report_year))
