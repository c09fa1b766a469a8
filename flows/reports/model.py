"""What the report reader produces: plain records with provenance, no I/O.

Every number carries the document, page, line and the excerpt it was read from,
so the warehouse can show where a figure came from. Report year (the year the
document reports on) and value year (the year a figure belongs to) are kept apart
because later reports restate earlier years.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Provenance:
    document_id: str  # sha256 of the file bytes
    file_name: str
    page: int  # 1-based
    line: int  # 1-based line within the page
    excerpt: str  # the text the value was read from, trimmed to one line or table row


@dataclass(frozen=True)
class UnitInfo:
    name: str  # as written in the report, e.g. "VR regnskap og lønn"
    parent: str | None  # område/enhet above it, as written
    level: str  # "organisation" | "omrade" | "enhet" | "avdeling"
    leader: str | None
    provenance: Provenance


@dataclass(frozen=True)
class MetricFact:
    metric: str  # code in dbt_project/seeds/metric_catalog.csv, e.g. "sick_leave_pct"
    value: float  # already scaled: NOK, percent values (2.5 = 2,5 %), counts, FTE
    value_year: int
    report_year: int
    unit_name: str | None  # unit the figure is about, as written; None = whole organisation
    subject: str | None  # breakdown member: municipality, gender, KOSTRA group ...
    quarter: int | None  # 1..4 when the figure is quarterly
    source_kind: str  # "table" | "prose"
    provenance: Provenance
    qualifier: str | None = None  # e.g. "as of 31.12", "average 2015-2020"
    # the part of the year the figure is for, as a code of flows.reports.layout.periods ("Q2", "T1", "H2", "M03",
    # "M01-M08"); None for a whole year. A quarter's code and `quarter` always agree.
    period: str | None = None

    def __post_init__(self) -> None:
        if self.period is None and self.quarter:
            object.__setattr__(self, "period", f"Q{self.quarter}")
        elif self.quarter is None and self.period and self.period[0] == "Q":
            object.__setattr__(self, "quarter", int(self.period[1]))


@dataclass(frozen=True)
class AccountAmount:
    statement: str  # "unit" | "investment" | "5-4" | "5-5" | "5-6" | "5-8" | "fund" | "cost_share"
    table_title: str | None
    row_label: str  # as written, e.g. "Lønn og sosiale utgifter"
    row_code: str | None  # letter or line code printed before the label ("A", "B", "C")
    row_order: int  # position of the row in its table, 1-based
    scenario: str  # "regnskap" | "budsjett" | "revidert_budsjett" | "opprinnelig_budsjett" | "avvik" | "pct_av_budsjett"
    value_year: int
    report_year: int
    amount_nok: float  # scaled to NOK
    raw_value: str  # the number as printed
    scale: float  # multiplier applied (1, 1000, 1_000_000)
    scale_method: str  # how the scale was decided, e.g. "declared: Beløp i 1 000 kroner"
    unit_name: str | None
    provenance: Provenance


@dataclass(frozen=True)
class Observation:
    """A qualitative statement that must never become a number."""

    topic: str  # metric code it is about, e.g. "sick_leave_pct"
    text: str
    value_year: int | None
    unit_name: str | None
    provenance: Provenance


@dataclass
class ParsedReport:
    document_id: str
    file_name: str
    file_type: str  # "pdf" | "docx" | "txt" | "md"
    organisation: str | None  # as the document names itself, e.g. "<navn> kommune", "<navn> IKS"
    organisation_type: str | None  # "kommune" | "interkommunalt samarbeid" | "selskap"
    report_year: int | None
    title: str | None
    page_count: int
    units: list[UnitInfo] = field(default_factory=list)
    facts: list[MetricFact] = field(default_factory=list)
    accounts: list[AccountAmount] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    cells: list = field(default_factory=list)  # flows.reports.cells.ReportCell: every numeric table cell
    figures: list = field(default_factory=list)  # flows.reports.prose.ProseFigure: figures stated in text
    organisation_aliases: tuple[str, ...] = ()  # short forms the document declares ("<name> (ABC)")
    metadata: list = field(default_factory=list)  # (key, value) from a text file's `#` header: source, url, ...
    # units the headings open: ((page, line) of the heading, (page, line) where the chapter ends or None, unit)
    unit_spans: list = field(default_factory=list)
    unit_aliases: tuple[tuple[str, str], ...] = ()  # (unit name, short form the document declares: "<name> (TD)")
    scope: object = None  # flows.reports.scope.ReportScope: what the report covers (whole organisation, a part, a unit)


class DocumentError(Exception):
    """A document that cannot be read; the message says why in words a person understands."""

    def __init__(self, file_name: str, reason: str):
        super().__init__(f"{file_name}: {reason}")
        self.file_name = file_name
        self.reason = reason
