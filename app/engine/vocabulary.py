"""The vocabulary read from the warehouse at load time: whatever the loaded reports and exports call
things, as written. Nothing here is written for a particular organisation.

- ticket dimensions (category, subcategory, priority as exported, status, channel, assignment group,
  source system, customer) and the dates the exports cover;
- account lines: every row label of the loaded account tables;
- report cells (fct_report_cell, when the warehouse has it): row labels, captions, column headers,
  organisations and years.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from app.engine.wordforms import LabelIndex

TICKET_DIMENSIONS = ("category", "subcategory", "priority_source", "priority", "status", "channel",
                     "assignment_group", "source_system", "customer_name")
MAX_PROSE = 200_000  # prose figures held in memory for matching
MAX_VALUES = 400  # per dimension: a free-text column is no dimension


@dataclass
class TicketVocabulary:
    columns: frozenset[str] = frozenset()
    values: dict[str, LabelIndex] = field(default_factory=dict)   # dimension -> its values as exported
    raw_values: dict[str, list[str]] = field(default_factory=dict)
    first: date | None = None
    last: date | None = None
    rows: int = 0
    id_prefixes: frozenset[str] = frozenset()  # "HIVE" of "HIVE-123": the project a Jira export is from
    has_closed_at: bool = False
    has_resolved_at: bool = False
    organisations: int = 0  # customer organisations named in the exports (not 'unknown')
    daily: bool = False  # fct_ticket_daily holds the same counts per day and customer

    @property
    def years(self) -> list[int]:
        return list(range(self.first.year, self.last.year + 1)) if self.first and self.last else []

    def covers(self, start: date, end: date) -> bool:
        return bool(self.first and self.last and start <= self.last and end >= self.first)


@dataclass
class CellVocabulary:
    columns: frozenset[str] = frozenset()
    rows: LabelIndex = field(default_factory=lambda: LabelIndex([]))
    captions: LabelIndex = field(default_factory=lambda: LabelIndex([]))
    organisations: LabelIndex = field(default_factory=lambda: LabelIndex([]))
    years: tuple[int, ...] = ()


@dataclass(frozen=True)
class Document:
    """A loaded report and the words that name it: its organisation as read, its title and its file name
    (a question may name a report by any of them, e.g. a short name in the file name)."""
    file_name: str
    organisation: str | None
    title: str | None
    report_year: int | None
    name_stems: frozenset[str]


@dataclass
class DataVocabulary:
    tickets: TicketVocabulary | None = None
    accounts: LabelIndex | None = None
    account_years: tuple[int, ...] = ()
    cells: CellVocabulary | None = None
    documents: tuple[Document, ...] = ()
    prose: bool = False  # fct_report_prose_figure: figures read from the reports' running text
    # (figure_id, file_name, value_year, report_year, topic, sentence, unit) and every word stem of those sentences
    prose_figures: tuple[tuple, ...] = ()
    prose_known: frozenset[str] = frozenset()


def _columns(con, table: str) -> frozenset[str]:
    return frozenset(c for (c,) in con.execute(
        "select column_name from information_schema.columns where table_schema = 'main' and table_name = ?",
        [table]).fetchall())


def load_data_vocabulary(con, present: set[str]) -> DataVocabulary:
    out = DataVocabulary()
    if "fct_ticket" in present:
        cols = _columns(con, "fct_ticket")
        tv = TicketVocabulary(columns=cols)
        n, first, last = con.execute("select count(*), min(created_date), max(created_date) from fct_ticket").fetchone()
        tv.rows, tv.first, tv.last = int(n or 0), first, last
        if "fct_ticket_daily" in present and {"date_day", "organisation_key", "ticket_count"} <= _columns(
                con, "fct_ticket_daily"):
            daily_n = con.execute("select coalesce(sum(ticket_count), 0) from fct_ticket_daily").fetchone()[0]
            tv.daily = int(daily_n) == tv.rows  # only when it counts every ticket
        for col, attr in (("closed_at", "has_closed_at"), ("resolved_at", "has_resolved_at")):
            if col in cols:
                setattr(tv, attr, bool(con.execute(f"select count({col}) > 0 from fct_ticket").fetchone()[0]))
        if "organisation_key" in cols:
            tv.organisations = int(con.execute(
                "select count(distinct organisation_key) from fct_ticket where organisation_key is not null "
                "and organisation_key <> 'unknown'").fetchone()[0])
        for dim in TICKET_DIMENSIONS:
            if dim not in cols:
                continue
            values = [str(v) for (v,) in con.execute(
                f"select {dim} from fct_ticket where {dim} is not null group by 1 order by count(*) desc "
                f"limit {MAX_VALUES + 1}").fetchall()]
            if 0 < len(values) <= MAX_VALUES:
                tv.raw_values[dim] = values
                tv.values[dim] = LabelIndex(values)
        if "ticket_id" in cols:
            tv.id_prefixes = frozenset(p.lower() for (p,) in con.execute(
                "select distinct regexp_extract(ticket_id, '^([A-Za-z][A-Za-z0-9]+)-\\d+$', 1) from fct_ticket "
                "limit 50").fetchall() if p)
        out.tickets = tv
    if "fct_account_amount" in present:
        labels = [r for (r,) in con.execute(
            "select distinct row_label from fct_account_amount where row_label is not null").fetchall()]
        names = []
        if "dim_account" in present:
            names = [r for (r,) in con.execute("select name_nb from dim_account").fetchall() if r]
        out.accounts = LabelIndex([*labels, *names])
        out.account_years = tuple(sorted(y for (y,) in con.execute(
            "select distinct value_year from fct_account_amount").fetchall() if y is not None))
    if "dim_document" in present and {"file_name", "organisation", "title", "report_year"} <= _columns(con, "dim_document"):
        from app.engine.families.scope import name_stems

        out.documents = tuple(
            Document(f, o, t, y, name_stems(f, o, t)) for f, o, t, y in con.execute(
                "select file_name, organisation, title, report_year from dim_document where file_name is not null "
                "order by file_name").fetchall())
    out.prose = "fct_report_prose_figure" in present
    if out.prose and {"figure_id", "file_name", "value_year", "report_year", "topic", "text", "unit"} <= _columns(
            con, "fct_report_prose_figure"):
        out.prose_figures = tuple(con.execute(
            "select figure_id, file_name, value_year, report_year, topic, text, unit from fct_report_prose_figure "
            f"where text is not null and value is not null order by file_name, page, line limit {MAX_PROSE}").fetchall())
        from app.engine.wordforms import stem, words

        out.prose_known = frozenset(stem(w) for t in {f[5] for f in out.prose_figures} for w in words(t))
    if "fct_report_cell" in present:
        cols = _columns(con, "fct_report_cell")
        cv = CellVocabulary(columns=cols)
        cv.rows = LabelIndex([r for (r,) in con.execute(
            "select distinct row_label from fct_report_cell where row_label is not null").fetchall()])
        caption_cols = [c for c in ("caption", "heading_path") if c in cols]
        captions: list[str] = []
        for c in caption_cols:
            captions += [r for (r,) in con.execute(
                f"select distinct {c} from fct_report_cell where {c} is not null").fetchall()]
        cv.captions = LabelIndex(captions)
        if "organisation" in cols:
            cv.organisations = LabelIndex([r for (r,) in con.execute(
                "select distinct organisation from fct_report_cell where organisation is not null").fetchall()])
        cv.years = tuple(sorted(y for (y,) in con.execute(
            "select distinct value_year from fct_report_cell").fetchall() if y is not None))
        out.cells = cv
    return out
