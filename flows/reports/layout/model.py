"""The layout every format reader produces: lines (with positioned cells when known) and tables."""
from __future__ import annotations

from dataclasses import dataclass, field

from flows.reports.records import quick_init


@quick_init
@dataclass(frozen=True)
class Seg:
    """A cell on a line: its text and horizontal extent (PDF points, or grid columns for DOCX/HTML)."""

    text: str
    x0: float
    x1: float


@dataclass
class Line:
    page: int  # 1-based
    number: int  # 1-based line within the page
    text: str
    segs: list[Seg] | None = None  # positioned cells; None for plain text
    heading: int = 0  # 1..4 when the format marks the line as a heading (HTML h1-h4, DOCX Heading n)
    table_id: int | None = None  # lines of one real table (DOCX/HTML <table>) share an id
    header: bool = False  # a row the format marks as a header row (<th>, <thead>)
    joined: tuple[int, ...] = ()  # numbers of further lines of the page this line was joined from (one cell per line)
    # running text cut from a line a list was read out of as a table (`counted`, `shares`): it shares the line's number
    # with the table's rows, and stays running text for the prose reader
    prose: bool = False
    # the scale a row's label printed before its figures ("Balansomslutning, 1 000 €18 518…"), taken out of the label:
    # the row's cells are in it (`cells` reads it as the row's unit)
    unit: str | None = None


@dataclass
class Column:
    label: str  # header as written, several header rows joined by " "
    year: int | None
    scenario: str  # actual | budget | revised_budget | original_budget | variance | variance_pct | share_pct | prior_year | other | unknown (no column known)
    x0: float | None = None
    x1: float | None = None
    note: bool = False  # a "Note" column: line/note numbers, not values
    unknown: bool = False  # cells whose column the header cannot tell (their count does not match it)
    period: str | None = None  # the part of the year the head names: "Q1".."Q4", "T1".."T3", "H1", "H2", "M01-M09"


@dataclass
class TableRow:
    label: str  # as written, without line code
    code: str | None  # line code or note number printed with the row
    values: list[tuple[int, str]]  # (column index, printed text) of every non-empty value cell
    page: int
    line: int
    text: str  # the row as read
    parent: str | None = None  # the last section label above the row ("Driftsinntekter")
    unit: str | None = None  # unit printed after the row's figures ("mill. kr.", "prosent"), when any
    dashes: tuple[int, ...] = ()  # columns printed as a dash ("-", "–"): empty, not missing


@dataclass
class Table:
    number: int  # 1-based within the document
    page: int
    line: int
    caption: str | None
    headings: list[str]
    columns: list[Column]
    rows: list[TableRow]
    scale_text: str | None  # the declaration the scale was read from, as written
    header_text: list[str] = field(default_factory=list)
    corner: str = ""  # the header row's text over the label column ("Nøkkeltall"), when printed
    header_at: tuple[int, int] | None = None  # (page, line) of the header row nearest the rows
    consumed: set[tuple[int, int]] = field(default_factory=set)  # (page, line) of every line read into the table
    scale_source: str | None = None  # where the declaration stands: caption | header | line above | heading


@dataclass
class Layout:
    file_name: str
    file_type: str
    lines: list[Line]
    tables: list[Table]
    warnings: list[str]
    printed: list[Line] = field(default_factory=list)  # the lines as the format reader gave them, before any rewriting
