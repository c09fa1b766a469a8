"""The line stream a report is read as, and what the reader knows while reading it.

A document is read as one stream of lines; pages only feed provenance. Lines from real
cell structure (DOCX, ruled PDF tables, Markdown) carry their cells joined by " | ".
`Context` collects the facts, accounts, observations and warnings of one document and
remembers which lines a table reader has claimed.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from flows.reports.extract import CELL_SEPARATOR, Page
from flows.reports.model import AccountAmount, MetricFact, Observation, Provenance
from flows.reports.records import once, quick_init

YEAR = r"(?:19[89]\d|20[0-4]\d)"


@quick_init
@dataclass(frozen=True)
class Line:
    index: int  # position in the document stream
    page: int
    number: int  # 1-based within the page
    raw: str

    @once  # read many times by every detector; a Line never changes
    def text(self) -> str:
        return " ".join(self.raw.split())

    @property
    def cells(self) -> list[str] | None:
        cells = self._cells
        return None if cells is None else list(cells)  # a fresh list: callers may pad or trim it

    @once  # split once: every detector asks for the cells of every line
    def _cells(self) -> tuple[str, ...] | None:
        if CELL_SEPARATOR.strip() in self.raw and CELL_SEPARATOR in self.raw:
            return tuple(c.strip() for c in self.raw.split(CELL_SEPARATOR.strip()))
        return None


def flatten(pages: list[Page]) -> list[Line]:
    lines: list[Line] = []
    for page in pages:
        for number, raw in enumerate(page.lines, start=1):
            lines.append(Line(index=len(lines), page=page.number, number=number, raw=raw.replace("\t", " | ")))
    return lines


@dataclass
class Context:
    """What the parser knows about the document while reading it."""

    document_id: str
    file_name: str
    report_year: int
    lines: list[Line]
    chapters: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, unit)
    sections: list[tuple[int, int, str]] = field(default_factory=list)  # sub-unit spans
    consumed: set[int] = field(default_factory=set)
    facts: list[MetricFact] = field(default_factory=list)
    accounts: list[AccountAmount] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    fact_keys: set[tuple] = field(default_factory=set, repr=False)  # facts already added (see add_fact)
    unit_aliases: dict[str, str] = field(default_factory=dict)  # normalised -> canonical
    proven_scale: tuple[float, str] | None = None
    last_sick_leave_line: int | None = None  # lets "Tilsvarende tall for 2020 ..." continue the topic
    label_above: str | None = None  # a short label line right above the sentence read ("Nr. 1: Legetjenesten")

    def provenance(self, line: Line, excerpt: str | None = None) -> Provenance:
        text = excerpt if excerpt is not None else line.text
        return Provenance(self.document_id, self.file_name, line.page, line.number, text[:300])

    def unit_at(self, index: int) -> str | None:
        for start, end, name in self.sections:
            if start <= index < end:
                return name
        for start, end, name in self.chapters:
            if start <= index < end:
                return name
        return None

    def chapter_at(self, index: int) -> tuple[int, int, str | None]:
        for start, end, name in self.chapters:
            if start <= index < end:
                return start, end, name
        first = self.chapters[0][0] if self.chapters else len(self.lines)
        return 0, first, None

    def where(self, line: Line) -> str:
        return f"page {line.page} line {line.number}"

    def add_fact(self, metric: str, value: float, line: Line, *, year: int | None = None, unit: str | None | bool = True,
                 subject: str | None = None, quarter: int | None = None, kind: str = "table",
                 qualifier: str | None = None, excerpt: str | None = None) -> None:
        unit_name = self.unit_at(line.index) if unit is True else (unit or None)
        fact = MetricFact(
            metric=metric,
            value=round(float(value), 6),
            value_year=year or self.report_year,
            report_year=self.report_year,
            unit_name=unit_name,
            subject=subject,
            quarter=quarter,
            source_kind=kind,
            provenance=self.provenance(line, excerpt),
            qualifier=qualifier,
        )
        key = _fact_key(fact)
        if key in self.fact_keys:
            return  # the same figure stated twice (table and prose) is one fact
        self.fact_keys.add(key)
        self.facts.append(fact)


def _fact_key(f: MetricFact) -> tuple:
    return (f.metric, f.unit_name, (f.subject or "").lower(), f.value_year, f.period, f.qualifier, round(f.value, 4))
