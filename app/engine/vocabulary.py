"""The vocabulary read from the warehouse at load time: whatever the loaded reports and exports call
things, as written. Nothing here is written for a particular organisation.

- ticket dimensions (category, subcategory, priority as exported, status, channel, assignment group,
  source system, customer) and the dates the exports cover;
- account lines: every row label of the loaded account tables;
- report cells (fct_report_cell, when the warehouse has it): row labels, captions, column headers,
  organisations and years.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property

from app.engine.wordforms import LabelIndex
from flows.tickets.infer import technical_column
from flows.tickets.presets import FILE_NOISE_WORDS as _FILE_NOISE  # file-name words naming no export

TICKET_DIMENSIONS = ("category", "category_main", "subcategory", "priority_source", "priority", "status", "channel",
                     "assignment_group", "source_system", "customer_name")
# dimensions asked for by their name only ("hovedkategori"): their values are parts of another dimension's values (a
# category path's first level), which that dimension and ticket_category_levels find; as filters they would name a
# value twice
NAMED_ONLY_DIMENSIONS = frozenset({"category_main"})
# the marks a value written as a path splits its levels by ("Programvare > Fagsystem > Visma", "Tilgang/Passord")
PATH_MARKS = re.compile(r"\s*(?:>|»|→|\\|/|::|\|)\s*")
PATH_DIMENSIONS = ("category", "subcategory")  # the dimensions whose values may be written as a path
MAX_PROSE = 200_000  # prose figures held in memory for matching
MAX_VALUES = 400  # per dimension: a free-text column is no dimension


@dataclass
class TicketSource:
    """One source system of the ticket exports: its files, how many tickets, whether they have dates."""
    system: str
    files: tuple[str, ...]        # file names (no folder)
    rows: int
    dated_rows: int               # tickets with a created time (a dateless snapshot has none)
    events: int = 0               # events in fct_ticket_event (an event log)
    id_prefixes: frozenset[str] = frozenset()
    words: frozenset[str] = frozenset()  # words naming it: system name, file-name words, id prefixes
    filled: frozenset[str] = frozenset()  # the breakdown columns it fills (an event log may have no priority)
    first: date | None = None     # its first and last created date: the periods its export covers
    last: date | None = None
    # the latest time anywhere in its export (created, first response, resolved, closed; Oslo wall-clock): the moment
    # it was taken out, as far as its rows tell
    latest: datetime | None = None
    junk: int = 0  # rows of its exports the loader set aside as junk mail (status "spam"): no tickets, left out
    # the moment its export says it was taken out ("Eksportert 03.01.2025 12:00" in its title, a JSON export's
    # "exported_at"): the snapshot its states are as of, though its rows may end earlier
    stated: datetime | None = None
    # why its junk rows are no tickets: "spam" (junk mail), "deleted" (marked deleted in the system), or both
    junk_kinds: tuple[str, ...] = ()

    @property
    def formats(self) -> frozenset[str]:
        """The file kinds of its exports, by suffix ("xlsx", "json", "csv"): "regnearket", "the JSON export"."""
        return frozenset(f.rsplit(".", 1)[-1].lower() for f in self.files if "." in f)

    @property
    def keyed(self) -> bool:
        """Its system is a key the loader made of its header, no system's name: a mapping it inferred
        ("inferred_ccc407d3"), or a preset that fits a file named after another system ("zendesk_1f0c9a2b":
        flows.tickets.load.file_system). Its file names it."""
        return header_keyed(self.system)

    @property
    def named(self) -> str:
        """How an answer names it: the system's own name, or its file for a system keyed by its header."""
        return self.label if self.keyed else self.system

    def covers(self, start: date, end: date) -> bool:
        return bool(self.first and self.last and start <= self.last and end >= self.first)

    @property
    def dateless(self) -> bool:
        return self.dated_rows == 0

    @property
    def label(self) -> str:
        return ", ".join(self.files) if self.files else self.system


def header_keyed(system: str) -> bool:
    """A source system the loader keyed by the export's header (TicketSource.keyed)."""
    import re

    return system.startswith("inferred") or re.search(r"_[0-9a-f]{8}$", system) is not None


@dataclass
class TicketAttribute:
    """A column of the exports no canonical field takes (fct_ticket_attribute), by its header as written."""
    name: str
    distinct: int
    numeric: bool          # nearly every value reads as a number (hours, amounts)
    listed: bool           # some cells list several values ("3.1.2, 4.0.0")
    systems: tuple[str, ...]
    values: list[str] = field(default_factory=list)  # the values, when at most MAX_VALUES
    # one value on every ticket of the exports that have the column (Odoo's «Firma» = the service desk's own company):
    # the value names those exports, it selects no subset of their tickets
    constant: bool = False


@dataclass
class TicketVocabulary:
    columns: frozenset[str] = frozenset()
    values: dict[str, LabelIndex] = field(default_factory=dict)   # dimension -> its values as exported
    # the exports whose categories are paths (fct_ticket.category_path): a breakdown by category shows the paths
    category_paths: frozenset[str] = frozenset()
    raw_values: dict[str, list[str]] = field(default_factory=dict)
    first: date | None = None
    last: date | None = None
    rows: int = 0
    id_prefixes: frozenset[str] = frozenset()  # "HIVE" of "HIVE-123": the project a Jira export is from
    has_closed_at: bool = False
    has_resolved_at: bool = False
    has_first_response: bool = False  # some ticket has a first-response time (fct_ticket.first_response_minutes)
    organisations: int = 0  # customer organisations named in the exports (not 'unknown')
    daily: bool = False  # fct_ticket_daily holds the same counts per day and customer
    dated_rows: int = 0  # tickets with a created time (the rest come from dateless snapshot exports)
    sources: list[TicketSource] = field(default_factory=list)
    events: int = 0  # rows of fct_ticket_event (event-log exports)
    activities: LabelIndex | None = None  # event activities as exported
    resources: LabelIndex | None = None  # event resources as exported
    providers: frozenset[str] = frozenset()  # provider_unit_key of the tickets: the service desks that logged them
    activity_states: dict[str, str] = field(default_factory=dict)  # activity -> the state it puts a ticket in
    printed_offsets: bool = False  # an event log printed its times with a UTC offset (fct_ticket_event.event_local_at)
    attributes: dict[str, TicketAttribute] = field(default_factory=dict)  # other export columns, by header
    # canonical column -> the export headers the loader's mappings read into it ("category": {"Work Item Type"})
    field_headers: dict[str, frozenset[str]] = field(default_factory=dict)
    file_field_headers: dict[str, dict[str, frozenset[str]]] = field(default_factory=dict)  # the same, per export file
    value_aliases: dict[str, dict[str, str]] = field(default_factory=dict)  # dim -> {word: value} ("telefon": phone)
    value_systems: dict[str, dict[str, frozenset[str]]] = field(default_factory=dict)  # dim -> value -> its systems
    # dim -> {part: [values]}: a level of a value written as a path ("Passord" of "Tilgang > Passord") names every
    # value holding that level
    value_parts: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    # the priority scale (fct_ticket.priority, A-D) -> the values as exported that the loader mapped to it, commonest
    # first: breakdowns and filters use the scale and say how each export's values were mapped
    priority_map: dict[str, list[str]] = field(default_factory=dict)
    priority_words: frozenset[str] = frozenset()  # words naming a level only beside "priority" ("high", "lav")
    priority_by_system: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # system -> level -> values
    lifecycle_columns: frozenset[str] = frozenset()  # fct_ticket_lifecycle's columns
    # the systems with a reopened ticket whose first resolution is known and is not its last (fct_ticket.
    # first_resolution_hours): a resolution time over them is given to the first and to the last resolution
    first_resolution_systems: frozenset[str] = frozenset()
    lifecycle_measured: dict[str, bool] = field(default_factory=dict)  # column -> any ticket has a value
    lifecycle_systems: dict[str, frozenset[str]] = field(default_factory=dict)  # column -> the systems with a value
    # system -> {SLA role (resolution_deadline, response_deadline, sla_excluded) -> the export's column}
    sla_columns: dict[str, dict[str, str]] = field(default_factory=dict)
    sla_sources: dict[str, frozenset[str]] = field(default_factory=dict)  # system -> fct_ticket_lifecycle.sla_source values
    periods_mart: bool = False  # agg_ticket_periods is built
    phone_wait: bool = False  # some ticket has a phone wait time
    counts_mart: frozenset[str] = frozenset()  # agg_ticket_counts' fields, when it counts every ticket (ticket_counts.py)

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
    row_organisations: dict[str, frozenset[str]] = field(default_factory=dict)  # row label -> organisations printing it
    caption_organisations: dict[str, frozenset[str]] = field(default_factory=dict)  # caption -> organisations
    body_captions: frozenset[str] = frozenset()  # captions of the tables whose rows are organisations (row_organisation)
    # the organisations named only by such rows, never a document's owner ("Eksempelby" of "0216 Eksempelby")
    body_organisations: frozenset[str] = frozenset()
    # such an organisation -> the column heads its rows print, as printed («Sjukefråvær 3. kv. 2031 (prosent)»): the
    # measures a question may ask of it, though its row's label is only its name
    body_columns: dict[str, frozenset[str]] = field(default_factory=dict)
    # the column heads printed without a year or a number ("Nettokostnad", "Kommunbidrag", "Andel"): the words a
    # question may name one column of a row by
    column_words: tuple[str, ...] = ()
    # the column heads printed with one year and no other number, without it ("Andel av søknader om tiltak i sjø" of
    # «Andel av søknader om tiltak i sjø 2016»): a table of one year's figures names its measure by such a head
    dated_column_words: tuple[str, ...] = ()
    # row label -> the numbers the reader kept apart as its codes where they are the row's quantity ("140" of "140
    # liter dunk", printed "liter dunk"): a question naming "140 liter" picks that row (app.engine.quantities)
    row_codes: dict[str, frozenset[str]] = field(default_factory=dict)
    # row label -> the captions and column heads of the tables printing it: what the row's figures are ("1000 liter
    # dunk" is a row of «Årsgebyr for renovasjon 2023», under «Årsgebyr 2023 eks. mva»)
    row_heads: dict[str, frozenset[str]] = field(default_factory=dict)
    # row label -> organisation -> the stems of the captions, headings and column heads of the tables printing it: what
    # the figures of that organisation's row are, so a measure asked is found where the cells answered are
    # ("sykefravær" is no word of «Resultater» under «Tjenesteområdene», whatever other tables print)
    row_context: dict[str, dict[str | None, frozenset[str]]] = field(default_factory=dict)
    # caption -> the column heads its tables print (printed without a year or a number, as `column_words`)
    caption_columns: dict[str, frozenset[str]] = field(default_factory=dict)
    # caption or heading -> the years its tables' figures are for (the column years, as printed: a caption's own year
    # may be a stale one, «Avvik 2022» over columns of 2023)
    caption_years: dict[str, frozenset[int]] = field(default_factory=dict)
    # each table's shape (app.engine.families.unit_table.TableShape): its owner, caption, heading, column heads and row
    # labels in printed order, so a table whose rows are units or organisations is told by its rows and columns
    tables: tuple = ()

    @cached_property
    def sections(self) -> tuple[LabelIndex, dict[str, tuple[str, ...]]]:
        """The statement sections, named by their sum rows once per warehouse: "Sum anleggsmidler" names the section
        "anleggsmidler", "Summa omsättningstillgångar" the section "omsättningstillgångar"; the index of the section
        names and, per name, the sum rows printed for it."""
        import re

        by_name: dict[str, list[str]] = {}
        for label in self.rows.labels:
            m = re.match(r"(?i)^\s*(?:sum|summa|totalt?|samla|samlet)\s+(.+?)(?:\s+(?:i alt|totalt|til sammen))?\s*$", label)
            if m and len(m.group(1)) >= 4:
                by_name.setdefault(m.group(1).lower(), []).append(label)
        return LabelIndex(list(by_name)), {k: tuple(v) for k, v in by_name.items()}

    @cached_property
    def known(self) -> frozenset[str]:
        """The stems of every row label and caption: one set per vocabulary (built once, not per question), so what is
        remembered per vocabulary (app.engine.wordforms.split_compound) is found again."""
        return frozenset(self.rows.known | self.captions.known)


@dataclass(frozen=True)
class Document:
    """A loaded report and the words that name it: its organisation as read, its title and its file name
    (a question may name a report by any of them, e.g. a short name in the file name)."""
    file_name: str
    organisation: str | None
    title: str | None
    report_year: int | None
    name_stems: frozenset[str]
    scope_kind: str = "whole"  # what the report covers (dim_document.scope_kind): whole | part | unit
    scope_name: str | None = None  # the part or unit as the report writes it


@dataclass
class DataVocabulary:
    tickets: TicketVocabulary | None = None
    accounts: LabelIndex | None = None
    account_years: tuple[int, ...] = ()
    account_units: dict[str, frozenset[str]] = field(default_factory=dict)  # account line -> units that print it
    account_organisations: LabelIndex | None = None  # organisations whose account tables the warehouse holds
    cells: CellVocabulary | None = None
    documents: tuple[Document, ...] = ()
    document_stems: frozenset[str] = frozenset()  # every stem that names a loaded report (the union of name_stems)
    prose: bool = False  # fct_report_prose_figure: figures read from the reports' running text
    # (figure_id, file_name, value_year, report_year, topic, sentence, unit) and every word stem of those sentences
    prose_figures: tuple[tuple, ...] = ()
    # figure_id -> what its sentence goes on from (the heading above, the sentence before in its paragraph)
    prose_context: dict[str, str] = field(default_factory=dict)
    prose_known: frozenset[str] = frozenset()
    # figures printed as the part of "N av M" / "N of M" ("4 av"): the part of a whole the same sentence states
    prose_out_of: frozenset[str] = frozenset()
    # figure_id -> the figure as printed with its unit word ("146 400 tonn"): the unit a question names
    prose_printed: dict[str, str] = field(default_factory=dict)
    # figure_id -> the role the reader gave a figure that is no level ('endring': a change, 'avvik': a difference from a
    # plan, 'før': the level a change went from): an answer to a question asking that role only
    prose_roles: dict[str, str] = field(default_factory=dict)
    # figure_id -> the part of the year the reader dated a figure by ("Q4", "T2", "M01-M08"; flows.reports.layout.
    # periods), when the warehouse carries it (`prose_dated`): a whole year's figure has none
    prose_periods: dict[str, str] = field(default_factory=dict)
    prose_dated: bool = False
    # fct_report_event_year: (event_id, file_name, organisation, event_year, event words, sentence), for when-questions
    event_years: tuple[tuple, ...] = ()
    # account lines read from a sentence of the running text (scale_method 'prose…'), whose sentence's other
    # figures fct_report_prose_figure holds: an answer with such a line shows them too
    account_stated: bool = False


def _columns(con, table: str) -> frozenset[str]:
    return frozenset(c for (c,) in con.execute(
        "select column_name from information_schema.columns where table_schema = 'main' and table_name = ?",
        [table]).fetchall())


def _ticket_sources(con, cols: frozenset[str], present: set[str]) -> list[TicketSource]:
    from pathlib import PurePath

    if not {"source_system", "source_file", "ticket_id"} <= cols:
        return []
    dated = "count(created_date)" if "created_date" in cols else "count(*)"
    span = "min(created_date), max(created_date)" if "created_date" in cols else "null, null"
    events: dict[str, int] = {}
    if "fct_ticket_event" in present:
        events = dict(con.execute("select source_system, count(*) from fct_ticket_event group by 1").fetchall())
    out = []
    from app.engine.families.tickets import DIMENSIONS  # the columns a ticket question can break down by

    titles = _export_titles(con, present)
    stamps = _stated_export_times(con)
    junk = _junk_rows(con)

    # a source that leaves one empty cannot answer a breakdown by it (an event log without priorities)
    dims = [c for _, columns in DIMENSIONS.values() for c in columns if c in cols]
    # and the times it records (an export with no first response cannot answer the time to it)
    dims += [c for c in ("first_response_minutes", "resolved_at", "closed_at") if c in cols and c not in dims]
    # (a ticket without a customer has the organisation key 'unknown')
    filled_sql = "".join(f", count(nullif({c}, 'unknown')) > 0" if c == "organisation_key" else f", count({c}) > 0"
                         for c in dims)
    times = [c for c in ("created_at", "first_response_at", "resolved_at", "closed_at") if c in cols]
    latest_sql = (f"timezone('Europe/Oslo', max(greatest({', '.join(times)})))" if times else "null")
    found = con.execute(
            f"select source_system, list(distinct source_file), count(*), {dated}, {span}, {latest_sql}, "
            f"list(distinct regexp_extract(ticket_id, '^([A-Za-z][A-Za-z0-9]+)-\\d+$', 1)){filled_sql} "
            f"from fct_ticket group by 1 order by 1").fetchall()
    folders = folder_words([str(f) for row in found for f in row[1] if f])
    for system, files, rows, dated_rows, first, last, latest, prefixes, *fills in found:
        names = tuple(sorted(PurePath(str(f).replace("\\", "/")).name for f in files if f))
        prefixes = frozenset(p.lower() for p in (prefixes or []) if p)
        if len(prefixes) > 20:
            prefixes = frozenset()
        file_words = {w for n in names for w in name_words(PurePath(n).stem)}
        # the folder the exports were put in below the inbox ("sunnfjord_helpdesk_api/page_1.json") names them too
        file_words |= {w for f in files if f for w in folders.get(str(f), ())}
        # a system keyed by its header ("inferred_ccc407d3", "zendesk_1f0c9a2b") names nothing: its file does
        system_words = set() if header_keyed(str(system)) else name_words(str(system)) - {"snapshot"}
        # the title the export carries ("Eksport frå Vaktboka": its title row or info sheet) names it too
        file_words |= {w for f in files if f for w in titles.get(str(f), ())}
        out.append(TicketSource(str(system), names, int(rows), int(dated_rows), int(events.get(system, 0)),
                                prefixes, frozenset(file_words | system_words | prefixes),
                                frozenset(c for c, f in zip(dims, fills) if f), first, last, latest,
                                sum(n_ for n in names for n_ in junk.get(n, {}).values()),
                                max((stamps[str(f)] for f in files if str(f) in stamps), default=None),
                                tuple(sorted({k for n in names for k in junk.get(n, {})}, reverse=True))))
    return out


def _stated_export_times(con) -> dict[str, datetime]:
    """file -> when its export says it was taken out (flows.tickets.readers.stated_export_time of its title)."""
    from flows.tickets.readers import stated_export_time

    try:
        rows = con.execute("select file, title from raw.ticket_files where title is not null").fetchall()
    except Exception:  # a warehouse from before titles were kept, or without the raw schema
        return {}
    out = {}
    for file, title in rows:
        when = stated_export_time(str(title).splitlines())
        if when is not None:
            out[str(file)] = when
    return out


def _junk_rows(con) -> dict[str, dict[str, int]]:
    """file name -> {"spam" | "deleted": rows} the loader set aside as no tickets at all: junk mail or records marked
    deleted (flows.tickets.presets.SPAM_REASON, DELETED_REASON)."""
    from pathlib import PurePath

    from flows.tickets.presets import DELETED_REASON, SPAM_REASON

    try:
        rows = con.execute("select file, case when starts_with(reason, ?) then 'spam' else 'deleted' end, count(*) "
                           "from raw.ticket_quarantine where starts_with(reason, ?) or starts_with(reason, ?) "
                           "group by 1, 2", [SPAM_REASON, SPAM_REASON, DELETED_REASON]).fetchall()
    except Exception:  # a warehouse without the raw schema
        return {}
    out: dict[str, dict[str, int]] = {}
    for f, kind, n in rows:
        out.setdefault(PurePath(str(f).replace("\\", "/")).name, {})[kind] = int(n)
    return out


_NAME_TOKEN = re.compile(r"[0-9a-zæøåäöéü]+")


def folder_words(files: list[str]) -> dict[str, set[str]]:
    """file path -> the name words (name_words) of the folders it lies in below the folder every loaded export lies
    in (the inbox): a user who keeps each customer's or system's exports in a folder of its own has named them so.
    Nothing when every export lies in one folder."""
    import os
    from pathlib import PurePath

    parents = {f: PurePath(f.replace("\\", "/")).parent for f in files}
    if len(set(parents.values())) < 2:
        return {}
    common = PurePath(os.path.commonpath([str(p) for p in parents.values()]))
    return {f: {w for part in parent.relative_to(common).parts for w in name_words(part)}
            for f, parent in parents.items() if parent != common}


def name_words(name: str) -> set[str]:
    """The words of an export's file name (its stem) or source system's name that can name it in a question: each
    word of three letters or more that is no file-name filler (FILE_NOISE_WORDS: "export", "saker", months); a
    two-letter abbreviation ("rt_ticket_history": Request Tracker, "<kommune>_hr_lonn": HR; a question names it only
    in capitals); a product name that mixes digits
    and letters as written ("7desk_requests": «7desk»; "servix365": «servix365»), its letters ("servix") and its
    initial with its digits ("s365"). Figures alone, and tokens with a year in them ("2024q1"), name a period, not
    the export."""
    out: set[str] = set()
    tokens = _NAME_TOKEN.findall(name.lower())
    for i, token in enumerate(tokens):
        letters = re.findall(r"[a-zæøåäöéü]+", token)
        if not letters:
            continue
        out |= {w for w in letters if len(w) >= 3 and w not in _FILE_NOISE}
        if token == letters[0] and len(token) == 2 and token not in _FILE_NOISE:
            out.add(token)  # "rt_ticket_history", "ullensaker_hr_lonn": named only in capitals (RT, HR)
        if token != letters[0] and len(token) >= 3 and not re.search(r"\d{4}", token):
            out.add(token)  # "7desk", "servix365"
            joined = re.fullmatch(r"([a-zæøåäöéü]{3,})(\d{1,3})", token)
            if joined:
                out.add(joined.group(1)[0] + joined.group(2))  # "servix365" ~ "s365"
    return out


# the mapping fields whose headers name a fct_ticket column under another name
_MAPPED_COLUMNS = {"customer_org": "customer_name", "customer": "customer_name", "priority": "priority_source"}


def _field_headers(con) -> dict[str, frozenset[str]]:
    """fct_ticket column -> the export headers the mappings (raw.ticket_files.mapping_yaml, `columns:`) read into it:
    a question names a field by its export's own header too ("help topic", "Work Item Type")."""
    out: dict[str, set[str]] = {}
    for columns in _file_field_headers(con).values():
        for fld, headers in columns.items():
            out.setdefault(fld, set()).update(headers)
    return {k: frozenset(v) for k, v in out.items()}


def _file_field_headers(con) -> dict[str, dict[str, frozenset[str]]]:
    """file name -> fct_ticket column -> the headers of that export its mapping read into the column: which export's
    «Type» is the category and which the channel."""
    import yaml

    try:
        rows = con.execute("select file, mapping_yaml from raw.ticket_files where mapping_yaml is not null").fetchall()
    except Exception:  # a warehouse without the raw schema or from before mappings were kept
        return {}
    out: dict[str, dict[str, set[str]]] = {}
    for file, text in rows:
        try:
            columns = (yaml.safe_load(text) or {}).get("columns") or {}
        except Exception:
            continue
        mine = out.setdefault(str(file).replace("\\", "/").rsplit("/", 1)[-1], {})
        for fld, header in columns.items() if isinstance(columns, dict) else ():
            for h in header if isinstance(header, list) else [header]:
                if isinstance(h, str) and h.strip():
                    mine.setdefault(str(fld), set()).add(h.strip())
                    if fld in _MAPPED_COLUMNS:
                        mine.setdefault(_MAPPED_COLUMNS[fld], set()).add(h.strip())
    return {f: {k: frozenset(v) for k, v in cols.items()} for f, cols in out.items()}


# what an export's title says of how it was taken out ("Filter: alle saker, opprettet 01.01.2023–31.12.2024",
# "Eksportert 05.01.2025", "Sorted by created"): words of every export and of any question ("saker opprettet i 2024"),
# never the name of one export
_TITLE_NOISE = frozenset("""filter filtrert filtered opprettet oppretta created registrert registered eksportert
exported utvalg selection periode period perioden kolonner columns sortert sorted sortering uttrekket
uttak tatt taken""".split())


def _export_titles(con, present: set[str]) -> dict[str, frozenset[str]]:
    """file -> the words of the title it carries (raw.ticket_files.title: a title row, an info sheet's first lines),
    less the words every export title says ("eksport", "saker") and the words of organisation names (a title
    "Saker for <kommune>" names the customer, not the export)."""
    import re

    try:
        rows = con.execute("select file, title from raw.ticket_files where title is not null").fetchall()
    except Exception:  # a warehouse from before titles were kept, or without the raw schema
        return {}
    if not rows:
        return {}
    org_words: set[str] = set()
    if "dim_organisation" in present:
        for (names,) in con.execute("select coalesce(aliases, organisation_name) from dim_organisation").fetchall():
            org_words |= set(re.findall(r"[a-zæøå]+", str(names or "").lower()))
    from app.engine.wordforms import STOPWORDS

    out: dict[str, frozenset[str]] = {}
    for file, title in rows:
        # (a title word that begins an organisation's name, "Orkla" of "Orkland", is a form of that name too)
        kept = {w for w in re.findall(r"[a-zæøå]+", str(title).lower())
                if len(w) >= 4 and w not in _FILE_NOISE and w not in STOPWORDS and w not in org_words
                and w not in _TITLE_NOISE
                and not any(o.startswith(w) for o in org_words)}
        out[str(file)] = frozenset(kept)
    return out


def _value_aliases(dim: str, values: list[str]) -> dict[str, str]:
    """Words that name a canonical value in Norwegian and English ("telefon", "e-post" for the channels
    phone and email; "avvist" for the status cancelled), from the loader's own normalisation words
    (flows/tickets/presets.py)."""
    from flows.tickets.presets import channel_words, status_gloss

    present = set(values)
    if dim == "status":
        # "avvist", "annullert", "venter" for the canonical states cancelled and pending (presets.status_gloss)
        return {w: value for w, value in status_gloss().items() if value in present and w != value}
    if dim != "channel":
        return {}
    return {w: value for value, ws in channel_words().items() if value in present for w in ws if w != value}


def path_parts(value: str) -> list[str]:
    """The levels of a value written as a path ("Tilgang > Passord" -> ["Tilgang", "Passord"]); a plain value is its
    own one part."""
    return [p for p in PATH_MARKS.split(str(value)) if p]


# a value written as a short head, a dash and a gloss of it ("RFC - Request for Change", "Incident - Request for
# Incident Resolution"): up to two words before the dash
_GLOSSED = re.compile(r"^\s*([^\W\d_][\w.&/]*(?:\s[^\W\d_][\w.&/]*)?)\s+[-–—:]\s+\S.{3,}$")


def glossed_head(value: str) -> str | None:
    """The head of a value written as a head, a dash and a gloss ("RFC" of "RFC - Request for Change"), else None."""
    m = _GLOSSED.match(value)
    return m.group(1) if m else None


def _value_parts(dim: str, values: list[str]) -> dict[str, list[str]]:
    """{part: [values]} of the dimension's values written as a path: each level (three letters or more, not a figure,
    not itself a whole value) names every value that holds it."""
    if dim not in PATH_DIMENSIONS:
        return {}
    whole = {v.casefold() for v in values}
    out: dict[str, list[str]] = {}
    for v in values:
        parts = path_parts(v)
        glossed = _GLOSSED.match(v)
        if len(parts) < 2 and glossed:
            # "Incident - Request for Incident Resolution", "RFC - Request for Change": the head names the value
            parts = [glossed.group(1)]
        elif len(parts) < 2:
            continue
        for part in parts:
            if len(part) >= 3 and not part.isdigit() and part.casefold() not in whole:
                out.setdefault(part, []).append(v)
    return out


def _priority_scale(con, tv: TicketVocabulary) -> None:
    """Priorities over several exports are asked about on the one scale the loader maps every export's values to
    (A-D): its levels are named by their plain words and by every value as exported ("Urgent", "1 - Kritisk", "P1"
    -> A), so a breakdown, a filter or a share never compares the raw strings of one system with another's
    (app.engine.families.tickets.one_priority_scale decides when)."""
    from flows.tickets.presets import PRIORITY_PLAIN_WORDS, priority_words

    for system, letter, raw in con.execute(
            "select source_system, priority, priority_source from fct_ticket where priority is not null and "
            "priority_source is not null group by 1, 2, 3 order by 2, count(*) desc, 3").fetchall():
        if str(raw) not in tv.priority_map.get(str(letter), []):
            tv.priority_map.setdefault(str(letter), []).append(str(raw))
        tv.priority_by_system.setdefault(str(system), {}).setdefault(str(letter), []).append(str(raw))
    letters = set(tv.raw_values.get("priority", ()))
    raw_to_letter: dict[str, set[str]] = {}
    for letter, raws in tv.priority_map.items():
        for raw in raws:
            raw_to_letter.setdefault(raw, set()).add(letter)
    aliases = {raw: next(iter(ls)) for raw, ls in raw_to_letter.items() if len(ls) == 1 and raw not in letters}
    written = {a.casefold() for a in aliases}
    words = {w: letter for w, letter in priority_words().items() if letter in letters and w not in written}
    aliases.update(words)
    tv.priority_words = frozenset(w for w in words if w not in PRIORITY_PLAIN_WORDS)
    tv.value_aliases["priority"] = aliases
    tv.values["priority"] = LabelIndex([*tv.raw_values.get("priority", ()), *aliases])


def load_data_vocabulary(con, present: set[str]) -> DataVocabulary:
    out = DataVocabulary()
    if "fct_ticket" in present:
        cols = _columns(con, "fct_ticket")
        tv = TicketVocabulary(columns=cols)
        n, dated, first, last = con.execute(
            "select count(*), count(created_date), min(created_date), max(created_date) from fct_ticket").fetchone()
        tv.rows, tv.dated_rows, tv.first, tv.last = int(n or 0), int(dated or 0), first, last
        # an export whose categories are paths, split into category and subcategory (stg_tickets)
        if "category_path" in cols:
            tv.category_paths = frozenset(str(s) for (s,) in con.execute(
                "select distinct source_system from fct_ticket where category_path is not null").fetchall())
        if "fct_ticket_daily" in present and {"date_day", "organisation_key", "ticket_count"} <= _columns(
                con, "fct_ticket_daily"):
            daily_n = con.execute("select coalesce(sum(ticket_count), 0) from fct_ticket_daily").fetchone()[0]
            tv.daily = int(daily_n) == tv.dated_rows and tv.dated_rows == tv.rows  # only when it counts every ticket
        if "agg_ticket_counts" in present:
            counts = _columns(con, "agg_ticket_counts")
            if "ticket_count" in counts and int(con.execute(
                    "select coalesce(sum(ticket_count), 0) from agg_ticket_counts").fetchone()[0]) == tv.rows:
                tv.counts_mart = frozenset(counts - {"ticket_count"})  # only when it counts every ticket
        tv.sources = _ticket_sources(con, cols, present)
        tv.file_field_headers = _file_field_headers(con)
        tv.field_headers = _field_headers(con)
        tv.events = sum(s.events for s in tv.sources)
        if tv.events:
            for attr, col in (("activities", "activity"), ("resources", "resource")):
                values = [str(v) for (v,) in con.execute(
                    f"select {col} from fct_ticket_event where {col} is not null group by 1 order by count(*) desc "
                    f"limit {MAX_VALUES + 1}").fetchall()]
                if 0 < len(values) <= MAX_VALUES:
                    setattr(tv, attr, LabelIndex(values))
            if {"event_at_offset", "event_local_at"} <= set(_columns(con, "fct_ticket_event")):
                tv.printed_offsets = bool(con.execute(
                    "select count(event_at_offset) > 0 from fct_ticket_event").fetchone()[0])
            if "status" in _columns(con, "fct_ticket_event"):
                # the state each activity marks ("Resolve ticket" -> resolved), as the loader read it
                tv.activity_states = {str(a): str(st) for a, st in con.execute(
                    "select activity, max(status) from fct_ticket_event where activity is not null and status is not "
                    f"null group by 1 having count(distinct status) = 1 limit {MAX_VALUES + 1}").fetchall()}
        for col, attr in (("closed_at", "has_closed_at"), ("resolved_at", "has_resolved_at"),
                          ("first_response_minutes", "has_first_response")):
            if col in cols:
                setattr(tv, attr, bool(con.execute(f"select count({col}) > 0 from fct_ticket").fetchone()[0]))
        if {"first_resolution_hours", "resolution_hours"} <= cols:
            tv.first_resolution_systems = frozenset(str(r[0]) for r in con.execute(
                "select distinct source_system from fct_ticket where first_resolution_hours is not null "
                "and first_resolution_hours is distinct from resolution_hours").fetchall())
        if "provider_unit_key" in cols:
            tv.providers = frozenset(str(k) for (k,) in con.execute(
                "select distinct provider_unit_key from fct_ticket where provider_unit_key is not null limit 50"
            ).fetchall())
        if "organisation_key" in cols:
            tv.organisations = int(con.execute(
                "select count(distinct organisation_key) from fct_ticket where organisation_key is not null "
                "and organisation_key <> 'unknown'").fetchone()[0])
        for dim in TICKET_DIMENSIONS:
            if dim not in cols:
                continue
            found = con.execute(
                f"select {dim}, list(distinct source_system) from fct_ticket where {dim} is not null group by 1 "
                f"order by count(*) desc limit {MAX_VALUES + 1}").fetchall()
            values = [str(v) for v, _ in found]
            if 0 < len(values) <= MAX_VALUES:
                tv.raw_values[dim] = values
                tv.value_systems[dim] = {str(v): frozenset(map(str, systems or ())) for v, systems in found}
                if dim in NAMED_ONLY_DIMENSIONS:
                    continue
                aliases = _value_aliases(dim, values)
                tv.value_aliases[dim] = aliases
                parts = _value_parts(dim, values)
                if parts:
                    tv.value_parts[dim] = parts
                tv.values[dim] = LabelIndex([*values, *aliases, *parts])
        if "priority" in tv.values and "priority_source" in cols:
            _priority_scale(con, tv)
        if "fct_ticket_lifecycle" in present:
            tv.lifecycle_columns = _columns(con, "fct_ticket_lifecycle")
            measured = [c for c in ("is_reopened", "reopen_count", "is_sla_met", "reassignment_count",
                                    "is_response_sla_met")
                        if c in tv.lifecycle_columns]
            if measured:
                row = con.execute("select " + ", ".join(f"count({c}) > 0" for c in measured)
                                  + " from fct_ticket_lifecycle").fetchone()
                tv.lifecycle_measured = dict(zip(measured, map(bool, row)))
                by_system = con.execute("select source_system, " + ", ".join(f"count({c}) > 0" for c in measured)
                                        + " from fct_ticket_lifecycle group by 1").fetchall()
                tv.lifecycle_systems = {c: frozenset(str(r[0]) for r in by_system if r[i + 1])
                                        for i, c in enumerate(measured)}
            if "sla_source" in tv.lifecycle_columns:
                tv.sla_sources = {str(system): frozenset(map(str, found or ())) for system, found in con.execute(
                    "select source_system, list(distinct sla_source) from fct_ticket_lifecycle "
                    "where sla_source is not null group by 1").fetchall()}
        tv.periods_mart = "agg_ticket_periods" in present
        if "phone_wait_seconds" in cols:
            tv.phone_wait = bool(con.execute("select count(phone_wait_seconds) > 0 from fct_ticket").fetchone()[0])
        if "fct_ticket_attribute" in present:
            for name, distinct, numeric, listed, systems in con.execute(
                    "select attribute, count(distinct value), count(value_number) >= 0.9 * count(*), "
                    "max(item_count) > 1, list(distinct source_system) from fct_ticket_attribute "
                    "group by 1 order by 1").fetchall():
                if technical_column(str(name)):
                    continue  # an API's bookkeeping ("project.$type" = "Project"): no dimension a question asks for
                attr = TicketAttribute(str(name), int(distinct), bool(numeric), bool(listed), tuple(systems or ()))
                if distinct == 1:
                    attr.constant = bool(con.execute(
                        "select count(distinct a.ticket_key) = (select count(*) from fct_ticket as t "
                        "where t.source_system in (select distinct source_system from fct_ticket_attribute "
                        "where attribute = ?)) from fct_ticket_attribute as a where a.attribute = ?",
                        [name, name]).fetchone()[0])
                if distinct <= MAX_VALUES:
                    attr.values = [str(v) for (v,) in con.execute(
                        "select value from fct_ticket_attribute where attribute = ? group by 1 "
                        "order by count(*) desc", [name]).fetchall()]
                tv.attributes[attr.name] = attr
            if "sla_role" in _columns(con, "fct_ticket_attribute"):
                for system, role, name in con.execute(
                        "select source_system, sla_role, min(attribute) from fct_ticket_attribute "
                        "where sla_role is not null group by 1, 2 order by 1, 2").fetchall():
                    tv.sla_columns.setdefault(str(system), {})[str(role)] = str(name)
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
        if "unit_key" in _columns(con, "fct_account_amount"):
            out.account_units = {str(label): frozenset(units) for label, units in con.execute(
                "select row_label, list(distinct unit_key) from fct_account_amount where row_label is not null "
                "and unit_key is not null group by 1").fetchall()}
        out.account_years = tuple(sorted(y for (y,) in con.execute(
            "select distinct value_year from fct_account_amount").fetchall() if y is not None))
        if "organisation" in _columns(con, "fct_account_amount"):
            out.account_organisations = LabelIndex([o for (o,) in con.execute(
                "select distinct organisation from fct_account_amount where organisation is not null").fetchall()])
    if "dim_document" in present and {"file_name", "organisation", "title", "report_year"} <= _columns(con, "dim_document"):
        from app.engine.families.scope import name_stems

        scoped = {"scope_kind", "scope_name"} <= _columns(con, "dim_document")
        scope_sql = "coalesce(scope_kind, 'whole'), scope_name" if scoped else "'whole', null"
        out.documents = tuple(
            Document(f, o, t, y, name_stems(f, o, " ".join(x for x in (t, n) if x)), k or "whole", n)
            for f, o, t, y, k, n in con.execute(
                f"select file_name, organisation, title, report_year, {scope_sql} from dim_document "
                "where file_name is not null order by file_name").fetchall())
        out.document_stems = frozenset(s for d in out.documents for s in d.name_stems)
    out.prose = "fct_report_prose_figure" in present
    if out.prose and {"figure_id", "file_name", "value_year", "report_year", "topic", "text", "unit"} <= _columns(
            con, "fct_report_prose_figure"):
        # a comparison figure whose year the report does not say ("7,2 % (6,8 %)") is no answer for any year, nor an
        # average over a span of years ("i perioden 2010-2014 i gjennomsnitt 0,6 %"), nor is a norm the organisation is
        # measured against ("anbefalingen er et resultat på 1,75 %") its own figure
        known = " and scenario not in ('ukjent', 'norm', 'snitt')" \
            if "scenario" in _columns(con, "fct_report_prose_figure") else ""
        out.prose_figures = tuple(con.execute(
            "select figure_id, file_name, value_year, report_year, topic, text, unit from fct_report_prose_figure "
            f"where text is not null and value is not null{known} order by file_name, page, line limit {MAX_PROSE}"
        ).fetchall())
        from app.engine.wordforms import stem, words

        # the words of the sentences and of what the reader says each figure is about ("TEU" of "41.305 TEUs")
        out.prose_known = frozenset(stem(w) for t in {f[5] for f in out.prose_figures} | {f[4] or "" for f in
                                                                                          out.prose_figures}
                                    for w in words(t))
        if "printed" in _columns(con, "fct_report_prose_figure"):
            ids = {f[0] for f in out.prose_figures}
            out.prose_printed = {i: p for i, p in con.execute(
                "select figure_id, printed from fct_report_prose_figure where printed is not null").fetchall()
                if i in ids}
            if "context" in _columns(con, "fct_report_prose_figure"):
                out.prose_context = {i: c for i, c in con.execute(
                    "select figure_id, context from fct_report_prose_figure where context is not null").fetchall()
                    if i in ids}
            if "scenario" in _columns(con, "fct_report_prose_figure"):
                out.prose_roles = {i: r for i, r in con.execute(
                    "select figure_id, scenario from fct_report_prose_figure "
                    "where scenario in ('endring', 'avvik', 'før')").fetchall() if i in ids}
            if "period_code" in _columns(con, "fct_report_prose_figure"):
                out.prose_dated = True
                out.prose_periods = {i: c for i, c in con.execute(
                    "select figure_id, period_code from fct_report_prose_figure where period_code is not null"
                ).fetchall() if i in ids}
            out.prose_out_of = frozenset(i for (i,) in con.execute(
                "select figure_id from fct_report_prose_figure where unit = 'part' and "
                "regexp_matches(lower(printed), '\\d\\s*(av|of|out of|utav|ut av)$')").fetchall())
    if "fct_report_event_year" in present:
        out.event_years = tuple(con.execute(
            "select event_id, file_name, organisation, event_year, event, text from fct_report_event_year "
            f"where event_year is not null order by file_name, page, line limit {MAX_PROSE}").fetchall())
    if out.accounts is not None and out.prose and {"line", "scale_method", "statement", "row_order"} <= _columns(
            con, "fct_account_amount") and {"file_name", "page", "line", "topic", "value", "unit", "value_year",
                                            "scenario", "printed", "text"} <= _columns(con, "fct_report_prose_figure"):
        out.account_stated = bool(con.execute(
            "select count(*) > 0 from fct_account_amount where scale_method like 'prose%'").fetchone()[0])
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
        if "value_year" in cols:
            for c in caption_cols:
                for label, years in con.execute(
                        f"select {c}, list(distinct value_year) from fct_report_cell where {c} is not null "
                        "and value_year is not null group by 1").fetchall():
                    cv.caption_years[str(label)] = cv.caption_years.get(str(label), frozenset()) | frozenset(years)
        # a cell is the document owner's and, in a table whose rows are organisations, also its row's organisation's
        owners = ("(select caption, row_label, organisation from fct_report_cell union all select caption, row_label, "
                  "row_organisation from fct_report_cell where row_organisation is not null)"
                  if "row_organisation" in cols else "fct_report_cell")
        if "organisation" in cols:
            cv.organisations = LabelIndex([r for (r,) in con.execute(
                f"select distinct organisation from {owners} where organisation is not null").fetchall()])
        if "organisation" in cols:
            cv.row_organisations = {str(label): frozenset(orgs) for label, orgs in con.execute(
                f"select row_label, list(distinct organisation) from {owners} where row_label is not null "
                "and organisation is not null group by 1").fetchall()}
            if "caption" in cols:
                cv.caption_organisations = {str(c): frozenset(orgs) for c, orgs in con.execute(
                    f"select caption, list(distinct organisation) from {owners} where caption is not null "
                    "and organisation is not null group by 1").fetchall()}
        if {"row_organisation", "caption"} <= cols:
            cv.body_captions = frozenset(str(c) for (c,) in con.execute(
                "select distinct caption from fct_report_cell where row_organisation is not null "
                "and caption is not null").fetchall())
        if {"row_organisation", "organisation"} <= cols:
            cv.body_organisations = frozenset(str(o) for (o,) in con.execute(
                "select distinct row_organisation from fct_report_cell where row_organisation is not null and "
                "row_organisation not in (select organisation from fct_report_cell where organisation is not null)"
            ).fetchall())
            if "column_label" in cols:
                cv.body_columns = {str(o): frozenset(str(h) for h in heads) for o, heads in con.execute(
                    "select row_organisation, list(distinct column_label) from fct_report_cell where row_organisation "
                    "is not null and column_label is not null group by 1").fetchall()}
        cv.years = tuple(sorted(y for (y,) in con.execute(
            "select distinct value_year from fct_report_cell").fetchall() if y is not None))
        if "column_label" in cols:
            cv.column_words = tuple(sorted(str(c) for (c,) in con.execute(
                "select distinct column_label from fct_report_cell where column_label is not null "
                "and not regexp_matches(column_label, '\\d')").fetchall()))
        if {"caption", "column_label"} <= cols:
            cv.row_heads = {str(label): frozenset(str(h) for h in heads if h) for label, heads in con.execute(
                "select row_label, list(distinct h) from (select row_label, caption as h from fct_report_cell "
                "union select row_label, column_label from fct_report_cell) where row_label is not null "
                "and h is not null group by 1").fetchall()}
            from app.engine.wordforms import stem, words

            heads_sql = " union ".join(f"select row_label, organisation, {c} as h from fct_report_cell"
                                       for c in ("caption", "heading_path", "column_label") if c in cols)
            if "organisation" in cols:
                for label, org, heads in con.execute(
                        f"select row_label, organisation, list(distinct h) from ({heads_sql}) where row_label is not "
                        "null and h is not null group by 1, 2").fetchall():
                    cv.row_context.setdefault(str(label), {})[org] = frozenset(
                        stem(w) for h in heads for w in words(str(h)))
            # (a head printed with its one year that names no scenario counts without it: «Andel av søknader 2016» is
            # the head «Andel av søknader»; «Regnskap 2016», «Avvik 2016» are read by their scenario words)
            undated = "trim(regexp_replace(column_label, '\\s*(?:19|20)\\d\\d\\s*', ' ', 'g'))"
            dated = ("regexp_matches(column_label, '(?:19|20)\\d\\d') and not regexp_matches(" + undated + ", '\\d') "
                     "and regexp_matches(" + undated + ", '[^\\W\\d_]{3}')"
                     + (" and coalesce(scenario, 'other') in ('other', 'share_pct')" if "scenario" in cols else ""))
            cv.caption_columns = {str(c): frozenset(str(h) for h in heads) for c, heads in con.execute(
                f"select caption, list(distinct case when {dated} then {undated} else column_label end) "
                "from fct_report_cell where caption is not null and column_label is not null "
                f"and (not regexp_matches(column_label, '\\d') or {dated}) group by 1").fetchall()}
            cv.dated_column_words = tuple(sorted({str(c) for (c,) in con.execute(
                f"select distinct {undated} from fct_report_cell where {dated}").fetchall()} - set(cv.column_words)))
        if {"file_name", "table_number", "row_label", "column_label", "column_year", "value", "value_year", "row_order",
                "line", "page", "organisation", "caption", "excerpt"} <= cols:
            from app.engine.families.unit_table import table_shapes

            cv.tables = table_shapes(con, cols)
        if "row_code" in cols:
            from app.engine.quantities import printed_label_sql

            cv.row_codes = {str(label): frozenset(str(c) for c in codes) for label, codes in con.execute(
                "select c.row_label, list(distinct trim(c.row_code)) from fct_report_cell as c where c.row_code is not "
                f"null and c.row_label is not null and {printed_label_sql('c')} <> c.row_label group by 1").fetchall()}
        out.cells = cv
    return out
