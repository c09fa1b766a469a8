"""Load helpdesk ticket exports into raw.tickets, raw.ticket_quarantine and raw.ticket_files.

How a file is loaded
- A CSV's encoding (UTF-8 with/without BOM, UTF-16 with/without BOM, else Windows-1252) and
  delimiter (; tab , |) are detected; an empty file, or data rows that do not split like the
  header (a wrong delimiter), reject the file with a message saying so.
- The header picks a mapping (YAML mappings first, then the presets in flows.tickets.presets). A preset's fields
  it has no column name for (a resolution time, a customer, a priority, an SLA verdict) are taken from the columns it
  left as the layout inference would take them (flows.tickets.infer.complete_mapping), and the message says so.
  No match: the layout is inferred from header words and content (flows.tickets.infer), loaded
  with that mapping, and the mapping is described in the file's message and kept as YAML
  (raw.ticket_files.mapping_yaml, and a file in inferred_dir). An export without any date column
  (an id plus status/priority/...: a dateless snapshot) loads with no created times and says so.
  Only when no id, or a time that cannot be read, is found is the whole file quarantined, naming
  the columns seen.
- A header below a title (and blank rows) is found (flows.tickets.readers.find_header_row); the title is
  named in the message and such a CSV is read by the careful reader, which numbers its lines.
- A cell listing scoped labels ("type::Feil,prioritet::P2,kommune::X", tags "kommune:x prio:2") gives a column per
  scope named "<header>.<scope>" (flows.tickets.readers.label_scopes) before any mapping is tried: the inference reads
  the scope as a header word (customer, priority, type), a scope no field takes is kept as an attribute.
- A totals row ("Totalt | 296", "Sum", "I alt": flows.tickets.infer.TOTALS_LABELS) is quarantined as a
  totals row, its figures never read as dates; a row repeated with every cell equal is quarantined as an
  exact copy and the message says how many such copies were loaded once.
- Columns no canonical field takes are kept per ticket in raw.ticket_attributes
  (flows.tickets.attributes).
- CSV is parsed by DuckDB's read_csv with every column as text (-, ?, NULL, N/A, None read as empty:
  flows.tickets.values.NULL_TOKENS);
  XLSX and JSON, and a CSV that DuckDB refuses (a stray quote, a row with too many fields), are
  read in Python into a clean temporary CSV first: the careful CSV reader sets a malformed line
  aside (column and raw text) and resumes on the next line. One SQL statement then turns text
  into typed canonical columns and a reason for every row that cannot be loaded, so all formats
  are parsed the same way. Rows whose every cell is empty (padding) are not records.
- An XLSX is a ZIP container: its uncompressed size is checked first (flows.limits, the document
  limit), so a small "zip bomb" is rejected with the limit named instead of being inflated.
- Each time column's date format is decided from its values (flows.tickets.values.infer_date_format: the
  first rows, and for the day/month order the whole column when they cannot tell), so one column is read one
  way throughout: 03/04/2023 is the 3rd of April in a column where 20/02/2023 appears and the 4th of March
  where 02/20/2023 does. An ambiguous column is read day first and the message says so; a value that does not
  fit its column's format is quarantined with the format expected.
- A workbook's ticket table may span several sheets (one per year, after an info sheet): every sheet with
  the same ticket header is read as one export (flows.tickets.readers.read_xlsx_table), the others named as
  skipped; quarantine reasons name the sheet and its row.
- Bad rows (missing id, missing or unparseable created date, unparseable other date or
  number, an XLSX formula without a saved value in a used column, a
  malformed CSV line) go to raw.ticket_quarantine with file, row number, raw row and reason;
  the rest of the file loads. A priority off the scale is no bad row: the ticket keeps it as exported
  (priority_source) with no level, and the load's message names such values.
- Event logs (a mapping with event_at: several rows per ticket) become one ticket per id
  (event_aggregate_sql, one aggregate pass); every event is kept in raw.ticket_event_rows: its time typed once, as
  it is read (the value grammar of flows.tickets.values: ?/NULL, day-first dates, ISO with offsets, epoch, Excel
  serials, a mapping's own date formats; naive times as Oslo time), the UTC offset it was printed with as written,
  the state as exported, the line it starts on and its load in raw.ticket_files (file_no): the time as printed is
  its instant at that offset, and the line of the file. The tickets are grouped from the stored events;
  raw.ticket_events is the view giving each event its state normalised (raw.ticket_event_states) and its file,
  export and load time. An event whose id or time cannot be read is not kept: it is in raw.ticket_quarantine with
  its file, line, text and the column and value that failed (the direct path holds such a time as printed,
  event_at_text, until then). A warehouse whose events an earlier release kept as text (or typed with the state
  beside) has them moved into this table when it is opened (ensure_raw_tables), every event kept.

Speed and provenance
- Every loaded ticket, event and quarantined row carries the line of the file it starts on
  (source_row / row_number; XLSX: the sheet row, JSON: the record's position).
- Fast path (a CSV into an empty raw.tickets, not an event log): one scan (one DuckDB thread) inserts every
  record in file order, numbered as it is read (a streaming row_number: its line), which holds when
  the file has exactly one line per record (the lines are counted in the same read of the file
  that computes its sha256). ISO timestamp and plain number columns are typed by DuckDB's reader
  itself when the first rows allow (typed_csv_columns). The null markers (-, N/A, ...) are not compared by the
  reader there (a fifth of its CPU) but looked for in the scan after it; a file with any in a stored cell, a
  typed column or a row set aside is read again with the reader's markers. No window over the file, no staging copy;
  one aggregate afterwards checks flags, padding and coded values, and ids that only grow in file
  order (a streaming lag; else their distinct count) show that none repeats. When that scan
  finds anything to set aside (a reason,
  a repeated id, a blank line or a line break inside a quoted value), it is
  rolled back and the careful path below runs: staged rows numbered by a window that follows
  quoted line breaks, and Python's reader (exact line numbers) for what DuckDB cannot parse or
  number. An event log whose columns raw.ticket_event_rows holds (case id, activity, time, resource,
  group: a process-mining log), into a warehouse file with no events kept yet, is first read straight into its
  tickets, its events kept as the file itself landed beside the warehouse (_load_event_log_landed, landing_dir,
  raw.ticket_event_files: no event written as a row; measured at 2 M events, 2.8 -> 1.8 CPU-s); one that needs
  cleaning, or a warehouse in memory, into an empty raw.ticket_event_rows, is written straight there in one scan
  (_load_event_log_direct: numbered in file order, the time typed on the way, the other cells as read, the few
  padded ones trimmed afterwards) and its tickets grouped from the stored events: a log that
  lists each ticket's events together and in time order (checked in the same pass) needs no sort, the
  event before is the row before; otherwise the window below. Into a warehouse without tickets, such a log's
  tickets are written straight into raw.ticket_rows by one statement of streaming windows (event_stream_sql:
  no hash table, no temporary copy), which also looks for padded cells; a ticket that needs more (out of
  order, padded, an event without id or readable time) is flagged there and the file takes the longer way.
  An event whose id or time cannot be read
  is counted in the same pass; only then are those events set aside and the tickets grouped again without
  them. (Measured at 10 M events: numbering by position instead costs an update of every event
  that doubles the checkpoint, and reading the file into memory first spills; both were slower. The insert
  runs in one thread: numbered in file order it streams in one anyway, and in parallel every block of the
  file ended in a part-filled row group that the checkpoint merged and compressed again.) Other event logs
  are staged the same way as above (file order, typed when possible), grouped by event_aggregate_sql (one
  window for the event before, one aggregate) and their events kept (the time as the stage typed it; an
  event an overlapping export already kept, read through raw.ticket_events, is not added twice).
  DuckDB's memory is capped while loading (LOAD_MEMORY_LIMIT; it spills).
  bench/ingest_tickets.py measures both paths against DuckDB's own read_csv: for an event log against
  (a) read_csv + arg_max grouping and (b) the same plus keeping the events as read. Where a 2 M-event log's
  CPU goes now (CPU-s, load average 3-5): baseline (a) 0.8 in all; the loader 3.1-3.2 (was 3.4-3.6 with the
  events kept as text): the events written in one thread ~1.5 (their time typed on the way: the text read and
  cast, ~0.1 more than DuckDB's reader typing it; the offset as printed ~0.2, as any non-null column of 2 M
  values costs to write; the time as text was ~0.4), the tickets grouped and written ~1.0 (was 1.2: the
  grouping no longer types text), the scans after them 0.2, the file's sha256 and lines 0.16 (in a thread).
  Writing the events in parallel (numbered by position afterwards) costs 2.7 with its checkpoint against 1.6.
  The issue's 1.5 x (a) cannot hold while every event is kept: writing them alone is about twice (a); baseline
  (b) is the comparison that keeps them (2 M: 1.6-1.7 x with each side's checkpoint).
  A canonical export's fast path (2 M rows, CPU-s): DuckDB's reader with the same column types costs what the
  baseline CTAS costs (4.4-4.6); writing raw.ticket_rows' six further columns (four fields the layout lacks,
  the line and the load) ~0.3; the expressions of the insert (blank, totals and reason tests, nullif) ~0.4; the
  scan after it 0.44 (null markers 0.23, padded cells 0.14, coded values 0.06); the commit 0.2; the sha256
  and lines 0.45 in a thread (sha256 0.3: the fastest of hashlib's here); reading the first 5 000 records
  in Python for the layout and date formats ~0.25 before DuckDB starts.
  At 10 M rows (bench/ingest_tickets.py, CPU-s, load average 5-8 on the 2 shared CPUs): the baseline CTAS 21-23
  (about one thread's time: wall ~ CPU); the loader 24.7-26 (was 33-34): 1.13-1.17 x: the fast path's insert in one thread, each line
  numbered as it is read, ~21 plus the sha256 and lines in their thread ~2 (sha256 ~1.3 of it), the scan after it
  ~1.5, the commit ~1. Before: the insert in two threads (~0.6 CPU-s more per 1 M rows, ~0.4 less for its commit
  and the scan after), the lines set afterwards by an update of every row, and every priority/status/channel cell
  tested in SQL. Evaluating the scan's cell tests in the insert (a flag per row) cost the insert what it saved the
  scan, and a list of constants there ("in (...)") became a join that misnumbered the rows. An event log of 10 M
  events: baseline (a) 3.2-3.6; the loader ~14.4: the events written ~8.0 (DuckDB's reader typing four columns
  into a table in one thread costs 4.5 alone; each further column of 10 M nulls or one constant ~0.35-0.5, the
  offset as printed ~0.85) with the sha256 and lines ~0.6, the tickets grouped (~2.2) and written (2 M rows of
  22 columns, ~1.8) 4.4-4.7, the scans after them ~0.8. Keeping every event as a row of
  raw.ticket_event_rows therefore costs more than 1.5 x (a) by itself.

Which export wins ("newest")
- Every file gets an export timestamp: the last date/time written in its file name
  (2021-09-30, 20210930, 2021-09-30T14-05, 20210930_140500; Oslo time), else its
  modification time. Ties are broken by file name (later in sort order wins).
- A ticket (source_system, ticket_id) is replaced only by a row from an export that is at
  least as new by that order; loading an older export later never overwrites newer data, and
  tickets only present in the older export are still added. Within one file the last row
  for a ticket wins; each earlier row is quarantined as a duplicate naming the row that won.
  So overlapping exports never duplicate or lose a ticket.
- A file whose sha256 was already loaded (status loaded/partial) is skipped as "unchanged". Only a
  file the size of one already loaded (raw.ticket_files.bytes) can be: it is hashed first; any
  other is hashed in a thread while DuckDB reads it.
- Quarantine rows describe the latest attempt at a path: loading a path again replaces them.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import itertools
import logging
import re
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb

from flows.limits import MB, LimitExceeded, check_archive_size
from flows.tickets.flags import no_verdict_sql, verdict_sql
from flows.tickets.infer import TOTALS_LABELS, Inference, completion, header_words, infer_mapping
from flows.tickets.model import (
    ADDED_FIELDS,
    EVENT_ROW_COLUMNS,
    FALSE_TEXTS,
    LANDED_PLACEHOLDER,
    OSLO_TZ,
    RAW_DDL,
    RAW_TICKET_EVENTS_VIEW,
    RAW_TICKETS_VIEW,
    TICKET_FIELDS,
    TRUE_TEXTS,
    event_time_by_load_sql,
    ticket_events_view_sql,
)
from flows.tickets.presets import (
    DELETED_REASON,
    FILE_NOISE_WORDS,
    SPAM_FLAG_WORDS,
    SPAM_REASON,
    SPAM_STATUSES,
    TRASH_STATES,
    ColumnMapping,
    ResolvedMapping,
    activity_state,
    deleted_flag_position,
    describe_no_match,
    detect_mapping,
    letter_status_values,
    load_mappings,
    names_reply,
    normalise_channel,
    normalise_priority,
    normalise_status,
    priority_scale,
    resolve_mapping,
)
from flows.tickets.readers import (
    SHEET_ROWS,
    CsvLayout,
    TableHead,
    field_change_columns,
    file_kind,
    iter_csv_records,
    label_scopes,
    read_csv_layout,
    read_json,
    read_xlsx_table,
    stated_export_time,
    with_field_change_columns,
    with_label_columns,
)
from flows.tickets.values import (
    DEFAULT_DATE_FORMAT,
    EXPECTED_DATE,
    DateFormat,
    domain_organisation,
    duration_hours_sql,
    duration_in_unit_hours_sql,
    header_unit_hours,
    infer_date_format,
    null_texts,
    offset_sql,
    owner_domain,
    timestamp_sql,
)

log = logging.getLogger(__name__)

INFER_SAMPLE_ROWS = 5000  # rows read to infer an unknown layout
LOAD_MEMORY_LIMIT = "1.2GB"  # DuckDB's memory while loading (restored afterwards); bench: peak <= 2 GiB
TYPED_SAMPLE_ROWS = 2048  # rows read to see whether the reader can type a timestamp/number column

_NAME_TIMESTAMP = re.compile(
    r"(?<!\d)(20\d\d)-?(\d\d)-?(\d\d)(?:[T_ -]?(\d\d)[:.\-]?(\d\d)(?:[:.\-]?(\d\d))?)?(?!\d)")


class FileStatus:
    LOADED = "loaded"  # every row loaded
    PARTIAL = "partial"  # some rows quarantined, the rest loaded
    UNCHANGED = "unchanged"  # same bytes (sha256) already loaded; nothing done
    REJECTED = "rejected"  # whole file quarantined (no mapping, unsupported or unreadable)
    FAILED = "failed"  # unexpected error; nothing from the file kept


@dataclass(frozen=True)
class FileLoadResult:
    file: str
    sha256: str
    status: str
    preset: str | None = None
    exported_at: dt.datetime | None = None
    rows_read: int = 0
    rows_loaded: int = 0  # valid rows = inserted + updated + kept_newer
    rows_quarantined: int = 0
    rows_inserted: int = 0  # tickets new to the warehouse
    rows_updated: int = 0  # replaced an older export's version
    rows_kept_newer: int = 0  # the warehouse already had the ticket from a newer export
    rows_duplicate_in_file: int = 0  # earlier rows for a ticket that appears again later in the file
    message: str | None = None
    encoding: str | None = None  # how a CSV was read, e.g. "UTF-16 with BOM"
    tickets: int = 0  # distinct tickets the file gave (an event log has several rows per ticket)
    mapping_yaml: str | None = None  # the inferred mapping, when no preset or mapping fitted


@dataclass(frozen=True)
class TicketLoadResult:
    files: tuple[FileLoadResult, ...] = field(default_factory=tuple)

    @property
    def rows_loaded(self) -> int:
        return sum(f.rows_loaded for f in self.files)

    @property
    def rows_inserted(self) -> int:
        return sum(f.rows_inserted for f in self.files)

    @property
    def rows_quarantined(self) -> int:
        return sum(f.rows_quarantined for f in self.files)

    def by_status(self, status: str) -> list[FileLoadResult]:
        return [f for f in self.files if f.status == status]


# --- small pure helpers ----------------------------------------------------------------

def export_timestamp(path: Path) -> dt.datetime:
    """When the export was made: the last timestamp in the file name (Oslo time), else mtime (UTC)."""
    for match in reversed(list(_NAME_TIMESTAMP.finditer(path.name))):
        parts = [int(p) if p else 0 for p in match.groups()]
        try:
            local = dt.datetime(*parts)
        except ValueError:
            continue
        return local.replace(tzinfo=ZoneInfo(OSLO_TZ)).astimezone(dt.timezone.utc)
    return dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.timezone.utc)


def file_sha256(path: Path) -> str:
    return _hash_and_count(path)[0]


def _hash_and_count(path: Path) -> tuple[str, int]:
    """sha256 and physical lines (_LineCounter) of a file, in one read of it."""
    digest, counter = hashlib.sha256(), _LineCounter()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 22):
            digest.update(chunk)
            counter.add(chunk)
    return digest.hexdigest(), counter.lines


class _FileDigest:
    """A file's size, sha256 and physical lines (_LineCounter), read once. background: read in a
    thread (hashlib and file reads release the GIL) while DuckDB parses the same file; sha256 and
    lines wait for it. Used when no file of the same size was loaded before, so the file cannot be
    one already loaded (an unchanged file is still recognised before any work: same size, hashed first)."""

    def __init__(self, path: Path, background: bool = False, size: int | None = None) -> None:
        self.size = path.stat().st_size if size is None else size
        self._path = path
        self._result: tuple[str, int] | None = None
        self._error: BaseException | None = None
        self._lines: int | None = None
        self._thread: threading.Thread | None = None
        if background:
            self._thread = threading.Thread(target=self._run, name="ticket-file-sha256", daemon=True)
            self._thread.start()
        else:
            self._run()

    def _run(self) -> None:
        try:
            self._result = _hash_and_count(self._path)
        except BaseException as exc:  # (re-raised where the digest is read)
            self._error = exc

    def _wait(self) -> tuple[str, int]:
        if self._thread is not None:
            self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._result is not None
        return self._result

    @property
    def sha256(self) -> str:
        return self._wait()[0]

    @property
    def lines(self) -> int:
        return self._lines if self._lines is not None else self._wait()[1]

    def with_lines(self, lines: int) -> "_FileDigest":
        """The same file's digest, with the lines of its transcoded copy (what DuckDB reads)."""
        self._wait()  # (the copy is made after transcoding, which read the file anyway)
        other = object.__new__(_FileDigest)
        other.__dict__.update(self.__dict__)
        other._thread, other._lines = None, lines
        return other


class _LineCounter:
    """Lines of a byte stream fed in chunks, not counting blank lines at its end (a header-only
    file has 1): what DuckDB's records are checked against before their position numbers them."""

    def __init__(self) -> None:
        self.newlines = 0
        self.trailing = 0  # newlines in the run of line breaks the stream ends with so far

    def add(self, chunk: bytes) -> None:
        self.newlines += chunk.count(b"\n")
        end = len(chunk)  # where the chunk's closing run of line breaks starts (no copy of the chunk)
        while end and chunk[end - 1] in (10, 13):
            end -= 1
        tail = chunk.count(b"\n", end)
        self.trailing = tail if end else self.trailing + tail

    @property
    def lines(self) -> int:
        return self.newlines - self.trailing + 1


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _ident(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _created_plus(value: str, hours: str, column: str, expected: str) -> tuple[str, tuple[str, str]]:
    """A time given as a duration from creation (resolution, first response): its SQL (created + the hours; empty:
    none) and the check that quarantines a cell that is no duration, naming the column and what was expected."""
    expr = f"created_at + to_microseconds(cast(round({hours} * 3600000000) as bigint))"
    check = (f"{value} is not null and {hours} is null",
             f"'unparseable duration in column ' || {_lit(column)} || ': \"' || {value} || '\" (expected {expected})'")
    return expr, check


def _header_label(header: Sequence[str], pos: int) -> str:
    return header[pos] if header[pos] else f"column {pos + 1}"


# --- SQL that turns text columns into canonical rows ---------------------------------

def date_format(resolved: ResolvedMapping, name: str) -> DateFormat:
    """How the column of time field name writes its dates (decided from its values: _decide_date_formats)."""
    return resolved.date_formats.get(name) or DEFAULT_DATE_FORMAT


def _time_sql(resolved: ResolvedMapping, name: str, value: str, zone: str | None = None) -> str:
    fmt = date_format(resolved, name)
    return timestamp_sql(value, (*resolved.mapping.date_formats, *fmt.sql_formats), zone, fmt.month_names, fmt.zoned)


def _expected(resolved: ResolvedMapping, name: str) -> str:
    """What a time field's column was expected to hold, for a quarantine reason."""
    fmt = date_format(resolved, name)
    if fmt is DEFAULT_DATE_FORMAT:
        return EXPECTED_DATE
    return fmt.expected


def _event_formats(resolved: ResolvedMapping) -> tuple[str, ...]:
    """The date formats a load's events are read with, as stored in raw.ticket_files.date_formats (the events
    view reads them back: DateFormat.from_lines)."""
    fmt = date_format(resolved, "event_at")
    if fmt is DEFAULT_DATE_FORMAT and not resolved.mapping.date_formats:
        return ()
    lines = fmt.lines()
    if resolved.mapping.date_formats:
        mark = lines[:int(fmt.month_names) + int(fmt.zoned)]
        lines = (*mark, *resolved.mapping.date_formats, *lines[len(mark):])
    return lines


TIME_FIELDS = tuple(f.name for f in TICKET_FIELDS if f.kind == "timestamp") + ("event_at",)


def decide_date_formats(resolved: ResolvedMapping, header: Sequence[str], sample: Sequence[Sequence[str | None]],
                        whole: bool, count_orders=None) -> tuple[ResolvedMapping, list[str]]:
    """resolved with the date format of each time column read from its values (sample: text rows), and notes on
    the choices made (the order of an ambiguous column). whole: the sample is every row of the file; else
    count_orders(position) -> (values with a first field > 12, with a second field > 12) over the whole column is
    asked when the sample cannot tell day first from month first."""
    found: dict[str, DateFormat] = {}
    notes: list[str] = []
    for name in TIME_FIELDS:
        p = resolved.positions.get(name)
        if p is None:
            continue
        values = [r[p] for r in sample if p < len(r)]
        fmt = infer_date_format(values)
        if fmt is None:
            continue
        if fmt.note and fmt.note.startswith("ambiguous") and not whole and count_orders is not None:
            counts = count_orders(p)
            if counts and any(counts):
                fmt = infer_date_format(values, counts)
        found[name] = fmt
        if fmt.note:
            notes.append(f"dates in column {_header_label(header, p)!r}: {fmt.note}")
    if not found:
        return resolved, notes
    return replace(resolved, date_formats=found), notes

NULL_TEXTS = null_texts()


def _text_sql(column: str, trim: bool = True) -> str:
    """A cell as text: trimmed, NULL when empty. The null markers (NULL_TEXTS: -, ?, NULL, N/A, None, (blank)) are
    turned into NULL by read_csv itself (nullstr), which every format passes through.
    trim=False leaves the trimming to the caller (the fast path trims the few stored values that
    need it afterwards: trimming every cell of a large file costs more than parsing it)."""
    return f"nullif(trim({column}), '')" if trim else f"nullif({column}, '')"


def _one_of(texts: Sequence[str], suffix: str = "") -> str:
    """A regular expression (SQL literal) matching any of texts in full, for regexp_full_match. Not "in (...)" or
    list_contains: DuckDB turns a list of constants into a join, which does not keep the rows in file order, and the
    fast path numbers rows by that order (tests/flows/tickets/test_provenance.py, many row groups)."""
    return _lit("(" + "|".join(re.escape(t) for t in texts) + ")" + suffix)


def _may_begin_sql(cell: str, texts: Sequence[str]) -> str:
    """Whether a text cell may be one of texts (lower case) once trimmed and lowered: it begins with a space or
    with a first letter of one of them, either case (ascii: the first character's code, no copy of the cell).
    A cheap test before a regular expression; never false for a cell the expression would match."""
    codes = sorted({ord(" ")} | {ord(c) for t in texts for c in (t[0], t[0].upper())})
    return "(" + " or ".join(f"ascii({cell}) = {code}" for code in codes) + ")"


def _number_sql(value: str) -> str:
    return f"try_cast(replace(replace(replace({value}, ' ', ''), chr(160), ''), ',', '.') as double)"


def stage_select_sql(resolved: ResolvedMapping, header: Sequence[str], source_sql: str,
                     raw_row_sql: str, *, find_duplicates: bool = False, trim: bool = True,
                     typed: Iterable[int] = ()) -> str:
    """SELECT producing one typed canonical row (plus reason/raw_row) per source record.

    source_sql yields __row, __reason (a structural problem found while reading), __blank (every
    cell empty: padding, not a record), __nl (line breaks inside the record's quoted values) and
    c1..cN text; raw_row_sql rebuilds the record's text from those columns, evaluated only for rows
    kept aside. typed: positions whose cN the reader already typed (typed_csv_columns): a
    timestamp or number column read as such, its value taken as it is (a cell the reader could
    not convert stopped the read).
    """
    mapping = resolved.mapping
    pos = resolved.positions
    typed_positions = set(typed)
    typed_names = {name for name, p in pos.items() if p in typed_positions}

    def v(name: str) -> str:
        return _ident(f"v_{name}")

    text_cols = [f"{f'c{p + 1}' if p in typed_positions else _text_sql(f'c{p + 1}', trim)} as {v(name)}"
                 for name, p in pos.items()]
    if resolved.first_response_minutes_position is not None:
        text_cols.append(f"{_text_sql(f'c{resolved.first_response_minutes_position + 1}', trim)} as {v('minutes')}")

    typed_sql: list[str] = []
    checks: list[tuple[str, str]] = []  # (condition, reason): a row is set aside with every reason whose condition holds
    for f in TICKET_FIELDS:
        name = f.name
        if name in ("priority", "status", "channel", "priority_source", "status_source"):
            continue
        if name == "source_system":
            expr = f"coalesce({v(name)}, {_lit(mapping.source_system)})" if name in pos else _lit(mapping.source_system)
        elif name == "sla_met" and {"sla_met", "sla_breached"} & set(pos):
            # the export's SLA verdict: a column saying it was met, or (sla_breached) one saying it was not
            column = "sla_met" if "sla_met" in pos else "sla_breached"
            expr = verdict_sql(v(column), breach_column=column == "sla_breached")
            label = _lit(_header_label(header, pos[column]))
            checks.append((f"{v(column)} is not null and {name} is null and not {no_verdict_sql(v(column))}",
                f"'unparseable yes/no in column ' || {label} || ': \"' || {v(column)} || '\" (expected true/false, "
                f"ja/nei, yes/no, 1/0 or a verdict such as Within SLA / SLA violated)'"))
        elif name == "resolved_at" and name not in pos and "resolution_duration" in pos:
            # how long the ticket took, with no resolved time: resolved = created + the duration (empty: unresolved)
            expr, check = _created_plus(v("resolution_duration"), duration_hours_sql(v("resolution_duration")),
                                        _header_label(header, pos["resolution_duration"]),
                                        "e.g. 3.08:00:39, 26:30:00 or 26t 30m")
            checks.append(check)
        elif name == "first_response_at" and name not in pos and "first_response_duration" in pos:
            # how long until the first response, with no first-response time: created + the duration, a plain number
            # in the unit the header states (empty: not answered)
            unit = header_unit_hours(header[pos["first_response_duration"]])
            expr, check = _created_plus(v("first_response_duration"),
                                        duration_in_unit_hours_sql(v("first_response_duration"), unit),
                                        _header_label(header, pos["first_response_duration"]),
                                        "a number in the unit its header names, e.g. 3,7, or 1:30 or 2t 15m")
            checks.append(check)
        elif name == "reopened" and name not in pos and "reopened_at" in pos:
            # when it was reopened: a ticket with a time there was reopened, one without was not
            expr = f"{v('reopened_at')} is not null"
        elif name == "customer_org" and "customer_email" in pos:
            # no customer column, or an empty cell in it: the sender's address, whose domain names the organisation
            # (dbt's customer_named: a municipality's domain; none for any other address)
            expr = f"coalesce({v(name)}, {v('customer_email')})" if name in pos else v("customer_email")
        elif name not in pos and not (name == "first_response_at" and resolved.first_response_minutes_position is not None):
            expr = f"null::{f.sql_type}"
        elif f.kind == "timestamp" and name in pos:
            expr = v(name) if name in typed_names else _time_sql(resolved, name, v(name))
            label = _lit(_header_label(header, pos[name]))
            if name == "created_at" and not resolved.event_log:
                checks.append((f"{v(name)} is null", f"'missing created date (column ' || {label} || ')'"))
            if name not in typed_names:
                checks.append((f"{v(name)} is not null and {name} is null", f"'unparseable date in column ' || {label}"
                    f" || ': \"' || {v(name)} || '\" (expected ' || {_lit(_expected(resolved, name))} || ')'"))
        elif name == "first_response_at":  # Zendesk: minutes until the first reply
            expr = ("created_at + to_microseconds(cast(round(" + _number_sql(v("minutes")) + " * 60000000) as bigint))")
            label = _lit(_header_label(header, resolved.first_response_minutes_position))
            checks.append((f"{v('minutes')} is not null and {_number_sql(v('minutes'))} is null",
                           f"'unparseable number in column ' || {label} || ': \"' || {v('minutes')} || '\" (expected minutes, "
                           f"e.g. 12 or 12,5)'"))
        elif f.kind == "count":
            expr = f"cast(round({_number_sql(v(name))}) as bigint)"
            label = _lit(_header_label(header, pos[name]))
            checks.append((f"{v(name)} is not null and {name} is null", f"'unparseable number in column ' || {label}"
                f" || ': \"' || {v(name)} || '\" (expected a count, e.g. 2)'"))
        elif f.kind == "boolean":
            expr = (f"case when regexp_full_match(lower({v(name)}), {_one_of(TRUE_TEXTS)}) then true "
                    f"when regexp_full_match(lower({v(name)}), {_one_of(FALSE_TEXTS)}) then false end")
            label = _lit(_header_label(header, pos[name]))
            checks.append((f"{v(name)} is not null and {name} is null", f"'unparseable yes/no in column ' || {label}"
                f" || ': \"' || {v(name)} || '\" (expected true/false, ja/nei, yes/no or 1/0)'"))
        elif f.kind == "number" and name in typed_names:
            expr = v(name)
        elif f.kind == "number":
            expr = _number_sql(v(name))
            label = _lit(_header_label(header, pos[name]))
            checks.append((f"{v(name)} is not null and {name} is null", f"'unparseable number in column ' || {label}"
                f" || ': \"' || {v(name)} || '\" (expected seconds, e.g. 42 or 42,5)'"))
        else:
            expr = v(name)
        typed_sql.append(f"{expr} as {name}")
        if name == "ticket_id":
            label = _lit(_header_label(header, pos["ticket_id"]))
            checks.insert(0, ("ticket_id is null", f"'missing ticket id (column ' || {label} || ')'"))

    def raw_or_null(name: str) -> str:
        return v(name) if name in pos else "null::varchar"

    if resolved.event_log:
        label = _lit(_header_label(header, pos["event_at"]))
        checks.append((f"{v('event_at')} is null", f"'missing event time (column ' || {label} || ')'"))
        # (event_at_text: the time as read, for the offset raw.ticket_event_rows keeps)
        if "event_at" in typed_names:  # (not reached: typed_csv_columns leaves the event time as text)
            typed_sql += [f"{v('event_at')} as event_at", f"{v('event_at')}::varchar as event_at_text"]
        else:
            typed_sql += [f"{_time_sql(resolved, 'event_at', v('event_at'))} as event_at",
                          f"{v('event_at')} as event_at_text"]
            checks.append((f"{v('event_at')} is not null and event_at is null", f"'unparseable date in "
                          f"column ' || {label} || ': \"' || {v('event_at')} || '\" (expected ' || "
                          f"{_lit(_expected(resolved, 'event_at'))} || ')'"))
    else:
        typed_sql += ["null::timestamptz as event_at", "null::varchar as event_at_text"]
    typed_sql += [f"{raw_or_null('activity')} as activity", f"{raw_or_null('resource')} as resource"]
    status_raw = (f"coalesce({raw_or_null('status')}, {raw_or_null('activity')})"
                  if "activity" in pos and not resolved.states_by_field else raw_or_null("status"))
    typed_sql += [
        f"{raw_or_null('priority')} as prio_raw",
        f"coalesce({raw_or_null('priority_source')}, {raw_or_null('priority')}) as priority_source",
        f"{status_raw} as status_raw",
        f"coalesce({raw_or_null('status_source')}, {status_raw}) as status_source",
        f"{raw_or_null('channel')} as channel_raw",
    ]
    if "activity" not in pos and "status" in pos:
        # a row whose status says it is junk mail ("spam") is no ticket: set aside with that reason, never counted
        checks.append((f"lower(trim({raw_or_null('status')})) in ({', '.join(map(_lit, SPAM_STATUSES))})",
                       f"'{SPAM_REASON} (status \"' || trim({raw_or_null('status')}) || '\"): junk mail, not a ticket'"))
    deleted = deleted_flag_position([header_words(h) for h in header])
    if deleted is not None and not resolved.event_log:
        # a record the system marks deleted (in its trash) is no ticket: set aside with that reason, never counted
        cell = f"trim(c{deleted + 1}::varchar)"
        checks.append((f"lower({cell}) in ({', '.join(map(_lit, TRUE_TEXTS))})",
                       f"'{DELETED_REASON} (column ' || {_lit(_header_label(header, deleted))} || ' \"' || {cell} || "
                       f"'\"): in the trash, not a ticket'"))
    spam = deleted_flag_position([header_words(h) for h in header], SPAM_FLAG_WORDS)
    if spam is not None and not resolved.event_log:
        # a record the system flags as junk mail ("is_spam" true) is no ticket either, as a "spam" status says
        cell = f"trim(c{spam + 1}::varchar)"
        checks.append((f"lower({cell}) in ({', '.join(map(_lit, TRUE_TEXTS))})",
                       f"'{SPAM_REASON} (column ' || {_lit(_header_label(header, spam))} || ' \"' || {cell} || "
                       f"'\"): junk mail, not a ticket'"))
    # a totals row ("Totalt | 296"): its id cell, or (no id) its first filled cell, is a totals label; it is set
    # aside as that alone (its figures are no dates or counts to complain about)
    labels = _one_of(TOTALS_LABELS, r"[\s:.]*")
    first_cell = ("coalesce(" + ", ".join(f"nullif(trim(c{p + 1}::varchar), '')" for p in range(len(header))) + ")"
                  if len(header) > 1 else "nullif(trim(c1::varchar), '')")
    id_text = v("ticket_id")
    # (a CASE: "a and b" is not cut short, and the first filled cell, every cell as text, and the regular expression
    # on every id were a tenth of the fast path's insert, 2 M rows; the expression only where the id's first
    # character can begin a label)
    totals = (f"(case when {id_text} is null then regexp_full_match(lower({first_cell}), {labels}) "
              f"when {_may_begin_sql(id_text, TOTALS_LABELS)} then regexp_full_match(lower(trim({id_text})), {labels}) "
              f"else false end)")
    totals_reason = (f"'a totals row, not a ticket (\"' || coalesce(trim({id_text}), {first_cell}) || "
                     f"'\" and figures for the rows above it)'")
    # a reason is written only for a row one of the conditions holds for (was: a string built and emptied for every row)
    reason = f"case when __reason is not null then __reason when {totals} then {totals_reason} end"
    if checks:
        reason = (f"case when __reason is not null then __reason when {totals} then {totals_reason} "
                  f"when {' or '.join(f'({c})' for c, _ in checks)} "
                  f"then concat_ws('; ', {', '.join(f'case when {c} then {m} end' for c, m in checks)}) end")
    # duplicates of a ticket within the file: every row but the last is set aside with its raw text
    dup_window = ("count(*) over (partition by source_system, ticket_id)" if find_duplicates else "1")
    dup_raw = " or __n_id > 1" if find_duplicates else ""
    canonical_out = [f.name for f in TICKET_FIELDS if f.name not in ("priority", "status", "channel",
                                                                      "priority_source", "status_source")]
    return f"""
with src as ({source_sql}),
texts as (select *, {", ".join(text_cols)} from src),
typed as (select *, {", ".join(typed_sql)} from texts),
judged as (
    select *, {reason} as reason,
        {dup_window} as __n_id from typed
)
select __row, __blank, __nl, {", ".join(canonical_out)}, event_at, event_at_text, activity, resource, prio_raw, priority_source, status_raw, status_source, channel_raw, reason,
    case when reason is not null{dup_raw}
         then {raw_row_sql} end as raw_row
from judged
"""


# --- the loader ------------------------------------------------------------------------

def ensure_raw_tables(con: duckdb.DuckDBPyConnection) -> None:
    # a warehouse whose events are kept in an earlier release's layout: that table is moved aside, and its events are
    # kept in the table created in its place below
    _earlier_events_aside(con)
    for ddl in RAW_DDL:
        if ddl is RAW_TICKET_EVENTS_VIEW:
            _events_by_file(con)  # a warehouse from before the view: its events table is moved first
            _earlier_events_kept(con)
        if ddl is RAW_TICKETS_VIEW:
            _tickets_by_file(con)  # ... and its tickets table
        con.execute(ddl)
    _landed_events_view(con)


LANDING_FOLDER = "landed_events"


def landing_dir(con: duckdb.DuckDBPyConnection) -> Path | None:
    """The landing folder, where an event log loaded whole keeps its events as the file itself: "landed_events" in
    the warehouse file's folder, each export named by its content (sha256), so the builds a refresh makes and
    publishes beside the served warehouse (flows.publish renames them in that folder) and every rebuild from the same
    inbox share one copy. None for a warehouse in memory (no folder: its events are kept as rows)."""
    row = con.execute("select path from duckdb_databases() where database_name = current_database()").fetchone()
    if not row or not row[0] or row[0] == ":memory:":
        return None
    return Path(row[0]).resolve().parent / LANDING_FOLDER


def _landed_events_view(con) -> None:
    """raw.ticket_events over raw.ticket_event_rows and the landed files of raw.ticket_event_files (when there are
    any), each read where the landing folder now is. A landed file removed by hand is left out (its load's events
    are gone; its tickets stay) instead of breaking the view for every load."""
    landed = con.execute("select landed, events_sql from raw.ticket_event_files order by file_no").fetchall()
    if not landed:
        return
    folder = landing_dir(con)
    selects = []
    for name, sql in landed:
        path = folder / name if folder is not None else None
        if path is not None and path.is_file():
            selects.append(sql.replace(LANDED_PLACEHOLDER, _lit(str(path))))
        else:
            log.warning("landed event file %s is missing: its events are left out of raw.ticket_events", path or name)
    con.execute(ticket_events_view_sql(selects))


# raw.ticket_event_rows of earlier releases, renamed while the table of this one is created
_TYPED_EVENTS_ASIDE = "ticket_event_rows_typed"  # the time an instant, the state normalised beside it
_TEXT_EVENTS_ASIDE = "ticket_event_rows_text"  # every event as text (the time as printed)


def _earlier_events_aside(con) -> None:
    """raw.ticket_event_rows as an earlier release wrote it is renamed, so this release's table can be created in
    its place: the typed one (an instant, and the state normalised beside the state exported; no event_at_text) or
    the text one (the time as printed)."""
    columns = dict(con.execute("select column_name, data_type from information_schema.columns where table_schema = "
                               "'raw' and table_name = 'ticket_event_rows'").fetchall())
    if not columns or "event_at_text" in columns:
        return
    aside = _TYPED_EVENTS_ASIDE if columns.get("event_at", "").upper().startswith("TIMESTAMP") else _TEXT_EVENTS_ASIDE
    con.execute(f"alter table raw.ticket_event_rows rename to {aside}")


def _keep_typed_events(con, relation: str, has_offset: bool) -> int:
    """Events of an earlier release's typed table (relation: its columns and file_no) into raw.ticket_event_rows,
    their normalised states into raw.ticket_event_states; returns the events moved."""
    offset = "e.event_at_offset" if has_offset else "null::varchar"
    moved = con.execute(f"""insert into raw.ticket_event_rows ({", ".join(EVENT_ROW_COLUMNS)})
        select e.source_system, e.ticket_id, e.event_at, {offset}, null, e.activity, e.resource,
            e.status_source, e.assignment_group, e.source_row, e.file_no
        from {relation} as e""").fetchone()[0]
    con.execute(f"""insert into raw.ticket_event_states
        select file_no, status_source, any_value(status) from {relation}
        where status_source is not null group by all""")
    return moved


def _keep_text_events(con, relation: str) -> int:
    """Events of an earlier release's text table (the time as printed) into raw.ticket_event_rows, each time read as
    that release's events view read it (its load's date formats, naive times as Oslo time) with the offset it was
    printed with; a time that does not read is kept as text (event_at_text). Returns the events moved."""
    formats = con.execute("select file_no, date_formats from raw.ticket_files where date_formats is not null "
                          "and file_no is not null").fetchall()
    typed = event_time_by_load_sql("event_at", {no: text.split("\n") for no, text in formats})
    return con.execute(f"""insert into raw.ticket_event_rows ({", ".join(EVENT_ROW_COLUMNS)})
        select source_system, ticket_id, __at, {offset_sql("event_at")}, case when __at is null then event_at end,
            activity, resource, status_source, assignment_group, source_row, file_no
        from (select *, {typed} as __at from {relation})""").fetchone()[0]


def _earlier_events_kept(con) -> None:
    """The events _earlier_events_aside moved aside are kept in raw.ticket_event_rows, in one transaction; refused
    whole (the table left aside as it was) when not every event arrived."""
    for aside in (_TYPED_EVENTS_ASIDE, _TEXT_EVENTS_ASIDE):
        found = con.execute("select list(column_name) from information_schema.columns where table_schema = 'raw' "
                            "and table_name = ?", [aside]).fetchone()[0]
        if not found:
            continue
        con.execute("begin transaction")
        try:
            relation = f"raw.{aside}"
            moved = (_keep_typed_events(con, relation, "event_at_offset" in found) if aside == _TYPED_EVENTS_ASIDE
                     else _keep_text_events(con, relation))
            events = con.execute(f"select count(*) from {relation}").fetchone()[0]
            if moved != events:
                raise RuntimeError(f"{relation}: {events - moved} of {events} events not kept; left as it was")
            con.execute(f"drop table {relation}")
            con.execute("commit")
        except Exception:
            con.execute("rollback")
            raise


def _events_by_file(con: duckdb.DuckDBPyConnection) -> None:
    """A warehouse from before raw.ticket_event_rows: its raw.ticket_events table (the file, export and load
    time on every event) becomes rows naming their load in raw.ticket_files (file_no), in one transaction."""
    kind = con.execute("select table_type from information_schema.tables where table_schema = 'raw' "
                       "and table_name = 'ticket_events'").fetchone()
    if kind is None or kind[0] == "VIEW":
        return
    con.execute("begin transaction")
    try:
        _number_loads(con)
        moved = _keep_typed_events(con, """(select e.*, f.file_no from raw.ticket_events as e
            inner join raw.ticket_files as f on f.file = e.source_file and f.loaded_at = e.loaded_at)""", False)
        events = con.execute("select count(*) from raw.ticket_events").fetchone()[0]
        if moved != events:
            raise RuntimeError(f"raw.ticket_events: {events - moved} of {events} events name no load in "
                               "raw.ticket_files (file, loaded_at); the table is left as it was")
        con.execute("drop table raw.ticket_events")
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise


def _tickets_by_file(con: duckdb.DuckDBPyConnection) -> None:
    """A warehouse from before raw.ticket_rows: its raw.tickets table (the file, export and load time on every
    ticket) becomes rows naming their load in raw.ticket_files (file_no), in one transaction."""
    kind = con.execute("select table_type from information_schema.tables where table_schema = 'raw' "
                       "and table_name = 'tickets'").fetchone()
    if kind is None or kind[0] == "VIEW":
        return
    con.execute("begin transaction")
    try:
        for f in TICKET_FIELDS:  # a table from before the added fields lacks them
            if f.name in ADDED_FIELDS:
                con.execute(f"alter table raw.tickets add column if not exists {f.name} {f.sql_type}")
        _number_loads(con)
        fields = ", ".join(f"t.{f.name}" for f in TICKET_FIELDS)
        moved = con.execute(f"""insert into raw.ticket_rows
            select {fields}, t.source_row, f.file_no from raw.tickets as t
            inner join raw.ticket_files as f on f.file = t.source_file and f.loaded_at = t.loaded_at""").fetchone()[0]
        tickets = con.execute("select count(*) from raw.tickets").fetchone()[0]
        if moved != tickets:
            raise RuntimeError(f"raw.tickets: {tickets - moved} of {tickets} tickets name no load in "
                               "raw.ticket_files (file, loaded_at); the table is left as it was")
        con.execute("drop table raw.tickets")
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise


def _number_loads(con) -> None:
    """Loads recorded before raw.ticket_files had file_no get the next numbers, in load order."""
    con.execute("""update raw.ticket_files as f set file_no = n.file_no from (
            select file, loaded_at, (select coalesce(max(file_no), 0) from raw.ticket_files)
                + row_number() over (order by loaded_at, file) as file_no
            from raw.ticket_files where file_no is null) as n
        where f.file = n.file and f.loaded_at = n.loaded_at and f.file_no is null""")


def _next_file_no(con) -> int:
    """The number the next load gets in raw.ticket_files (its events and tickets name it); never one that events
    or tickets already name (a file row deleted by hand leaves its rows unnamed, not someone else's)."""
    return con.execute("select greatest((select coalesce(max(file_no), 0) from raw.ticket_files), "
                       "(select coalesce(max(file_no), 0) from raw.ticket_event_rows), "
                       "(select coalesce(max(file_no), 0) from raw.ticket_rows)) + 1").fetchone()[0]


def load_ticket_exports(con: duckdb.DuckDBPyConnection, paths: list[Path], *,
                        mapping_dir: Path | None = None, inferred_dir: Path | None = None,
                        max_archive_bytes: int | None = None) -> TicketLoadResult:
    """Load ticket exports (CSV/XLSX/JSON) into the raw schema; one bad file never stops the others.

    Files are applied oldest export first (see module docstring for what "newest" means). A layout
    no mapping fits is inferred (flows.tickets.infer); the inferred mapping is written as YAML to
    inferred_dir (default: mapping_dir, when given) and always kept in raw.ticket_files.mapping_yaml.
    An XLSX whose content is larger than max_archive_bytes uncompressed (default: the document
    limit, KOMMUNEDATA_MAX_DOCUMENT_MB) is rejected before it is opened (flows.limits).
    """
    inferred_dir = inferred_dir if inferred_dir is not None else mapping_dir
    ensure_raw_tables(con)
    mappings = load_mappings(mapping_dir)
    previous_tz, previous_memory = con.execute(
        "select current_setting('TimeZone'), current_setting('memory_limit')").fetchone()
    con.execute(f"set TimeZone = {_lit(OSLO_TZ)}")
    # a large event log's stage and window would otherwise hold gigabytes: DuckDB spills past this
    con.execute(f"set memory_limit = {_lit(LOAD_MEMORY_LIMIT)}")
    try:
        stamped = sorted(((export_timestamp(Path(p)), Path(p).name, Path(p)) for p in paths),
                         key=lambda t: (t[0], t[1], str(t[2])))
        results = [_load_one(con, path, exported_at, mappings, inferred_dir, max_archive_bytes)
                   for exported_at, _, path in stamped]
    finally:
        con.execute(f"set TimeZone = {_lit(previous_tz)}")
        con.execute(f"set memory_limit = {_lit(previous_memory)}")
    return TicketLoadResult(tuple(results))


def _archive_limit(max_archive_bytes: int | None) -> int:
    """The XLSX size limit: the caller's, else the document limit from the settings (read only when an XLSX
    comes: importing the settings costs a third of a CPU-second, a tenth of loading a million-row CSV)."""
    if max_archive_bytes is not None:
        return max_archive_bytes
    from flows.settings import Settings

    return Settings().max_document_mb * MB


def _load_one(con: duckdb.DuckDBPyConnection, path: Path, exported_at: dt.datetime,
              mappings: Sequence[ColumnMapping], inferred_dir: Path | None,
              max_archive_bytes: int | None) -> FileLoadResult:
    loaded_at = dt.datetime.now(dt.timezone.utc)
    file = str(path)
    size = path.stat().st_size
    # a file can only be one already loaded if one of its size was: then hash it first, else while
    # DuckDB reads it (the lines: to check DuckDB's records against)
    same_size = con.execute("select exists(select 1 from raw.ticket_files where status in ('loaded', 'partial') "
                            "and (bytes is null or bytes = ?))", [size]).fetchone()[0]
    digest = _FileDigest(path, background=not same_size, size=size)
    if same_size and con.execute(
            "select 1 from raw.ticket_files where sha256 = ? and status in ('loaded', 'partial') limit 1",
            [digest.sha256]).fetchone():
        result = FileLoadResult(file, digest.sha256, FileStatus.UNCHANGED, exported_at=exported_at,
                                message="same content (sha256) already loaded; nothing to do")
        _record_file(con, result, loaded_at)
        return result
    with tempfile.TemporaryDirectory(prefix="tickets_") as tmp:
        try:
            return _load_file(con, path, digest, exported_at, mappings, loaded_at, Path(tmp), inferred_dir,
                              max_archive_bytes)
        except Exception as exc:  # a broken file must not stop the others
            try:
                con.execute("rollback")
            except duckdb.Error:
                pass
            result = FileLoadResult(file, digest.sha256, FileStatus.FAILED, exported_at=exported_at,
                                    message=f"{file}: load failed, nothing kept: {type(exc).__name__}: {exc}")
            _quarantine_whole(con, result, None, None, loaded_at)
            return result
        finally:
            _drop_stage(con)


def _load_file(con, path: Path, digest: _FileDigest, exported_at: dt.datetime, mappings: Sequence[ColumnMapping],
               loaded_at: dt.datetime, tmp: Path, inferred_dir: Path | None,
               max_archive_bytes: int | None) -> FileLoadResult:
    file = str(path)
    kind = file_kind(path)
    if kind is None:
        result = FileLoadResult(file, digest.sha256, FileStatus.REJECTED, exported_at=exported_at,
                                message=f"{file}: unsupported file type '{path.suffix}' (expected .csv, .txt, .tsv, .xlsx, .json)")
        _quarantine_whole(con, result, None, None, loaded_at)
        return result

    layout: CsvLayout | None = None
    records = None
    head = TableHead()
    if kind == "csv":
        layout = read_csv_layout(path)
        header = layout.header
        problem = None
        if layout.empty:
            problem = f"the file is empty (read as {layout.encoding_name}): no header and no rows"
        elif layout.delimiter_problem:
            problem = layout.delimiter_problem
        if problem:
            result = FileLoadResult(file, digest.sha256, FileStatus.REJECTED, exported_at=exported_at,
                                    message=f"{file}: {problem}")
            _quarantine_whole(con, result, None if layout.empty else layout.header_line,
                              None if layout.empty else layout.delimiter.join(header), loaded_at)
            return result
        head = TableHead(layout.header_line, layout.title)
    elif kind == "xlsx":
        try:  # a ZIP container: a few kB on disk can inflate to gigabytes of XML (a "zip bomb")
            check_archive_size(path, _archive_limit(max_archive_bytes))
        except LimitExceeded as exc:
            result = FileLoadResult(file, digest.sha256, FileStatus.REJECTED, exported_at=exported_at,
                                    message=f"{file}: {exc.reason}")
            _quarantine_whole(con, result, None, None, loaded_at)
            return result
        header, records, head = read_xlsx_table(path)
    else:
        header, records, label_lines = read_json(path)
        # (its top-level "exported_at": a line of what it calls itself, raw.ticket_files.title)
        head = TableHead(notes=label_lines, info=tuple(line for line in label_lines if stated_export_time([line])))
    changed_from: int | None = None  # the width of a field-change log before its field columns
    if header:
        # a cell that lists scoped labels ("type::Feil,prioritet::P2,kommune::Nome", "kommune:nome"): a column per
        # scope beside it (readers.label_scopes), which the inference and the presets read as any other column; a CSV
        # with one is read record by record, as a spreadsheet is
        if kind == "csv":
            label_sample = _csv_sample(path, layout)
        else:
            records = list(records)
            label_sample = [r.cells for r in records[:INFER_SAMPLE_ROWS] if not r.reason]
        if scopes := label_scopes(header, label_sample):
            if kind == "csv":
                records = iter_csv_records(path, layout, _python_encoding(path, layout))
                kind = "records"
            header, labelled = with_label_columns(header, iter(records), scopes)
            records = list(labelled)
        # a field-change log (bug_id, when, what, removed, added): a column per field changed, holding the value it
        # was changed to on the rows that change it (readers.with_field_change_columns), so its states and assignees
        # are read as an event log's
        changes_sample = label_sample if not scopes else [r.cells for r in records[:INFER_SAMPLE_ROWS] if not r.reason]
        if changes := field_change_columns(header, changes_sample):
            changed_from = len(header)
            if kind == "csv":
                records = iter_csv_records(path, layout, _python_encoding(path, layout))
                kind = "records"
            header, changed = with_field_change_columns(header, iter(records), changes)
            records = list(changed)
            label_sample = [r.cells for r in records[:INFER_SAMPLE_ROWS] if not r.reason]

    resolved = detect_mapping(header, mappings)
    inference: Inference | None = None
    # a CSV's first records (_csv_sample), read once for the labels, the inference, completion and date formats
    sample = label_sample if header and kind == "csv" else None
    if resolved is None and header:
        if kind == "csv":
            sample = sample if sample is not None else _csv_sample(path, layout)
        else:
            records = list(records)
            sample = [r.cells for r in records[:INFER_SAMPLE_ROWS] if not r.reason]
        inference = infer_mapping(header, sample, beside=(*head.title, *head.notes))
        mapping = inference.mapping()
        resolved = resolve_mapping(mapping, header) if mapping else None
    if resolved is None:
        sep = layout.delimiter if layout else ";"
        reason = (f"{inference.refusal} Presets and mappings tried: "
                  f"{', '.join(f'{m.name} ({m.origin})' for m in mappings)}."
                  if inference else describe_no_match(header, mappings))
        if not header:
            reason = "the file has no header row (no columns found)"
        if header and head.title:
            reason = f"{_title_note(head)} {reason}"
        result = FileLoadResult(file, digest.sha256, FileStatus.REJECTED, exported_at=exported_at, message=f"{file}: {reason}")
        _quarantine_whole(con, result, head.row if header else None, sep.join(header) if header else None, loaded_at)
        return result
    completed: list = []
    if inference is None and resolved.mapping.origin == "preset":
        # columns the preset has no name for may still be its resolution time, customer, priority, ...
        if kind == "csv":
            sample = sample if sample is not None else _csv_sample(path, layout)
        else:
            records = list(records)
            sample = [r.cells for r in records[:INFER_SAMPLE_ROWS] if not r.reason]
        resolved, completed = _completed(resolved, header, sample, beside=(*head.title, *head.notes))
        if completed:  # the preset's names read only part of it: perhaps another system its names fit
            system = file_system(path, resolved.mapping.source_system, header)
            if system != resolved.mapping.source_system:
                resolved = replace(resolved, mapping=replace(resolved.mapping, source_system=system))
    if kind == "csv":
        sample = sample if sample is not None else _csv_sample(path, layout)
        resolved, date_notes = decide_date_formats(
            resolved, header, sample, whole=len(sample) < INFER_SAMPLE_ROWS,
            count_orders=lambda p: _count_orders(con, path, layout, p))
    else:
        records = list(records)
        resolved, date_notes = decide_date_formats(resolved, header, [r.cells for r in records if not r.reason],
                                                   whole=True)
    if changed_from is not None and resolved.positions.get("status", -1) >= changed_from:
        resolved = replace(resolved, states_by_field=True)
    result = _load_resolved(con, path, kind, digest, exported_at, resolved, header, layout, records, loaded_at, tmp)
    if date_notes and result.status in (FileStatus.LOADED, FileStatus.PARTIAL):
        message = f"{file}: " + "; ".join(date_notes) + "." + (f" {result.message}" if result.message else "")
        con.execute("update raw.ticket_files set message = ? where file = ? and loaded_at = ?",
                    [message, file, loaded_at])
        result = replace(result, message=message)
    if result.status in (FileStatus.LOADED, FileStatus.PARTIAL):
        _keep_extra_columns(con, path, kind, layout, header, resolved, tmp, loaded_at)
        if head.titles:
            con.execute("update raw.ticket_files set title = ? where file = ? and loaded_at = ?",
                        ["\n".join(t[:200] for t in head.titles), file, loaded_at])
    if inference is None and resolved.mapping.dateless and result.status in (FileStatus.LOADED, FileStatus.PARTIAL):
        message = (f"{file}: mapping {resolved.mapping.name} says the export has no dates (dateless): its "
                   f"{result.tickets} tickets are kept without a created time, so they count in breakdowns but "
                   f"cannot be placed in periods." + (f" {result.message}" if result.message else ""))
        con.execute("update raw.ticket_files set message = ? where file = ? and loaded_at = ?",
                    [message, file, loaded_at])
        result = replace(result, message=message)
    if inference is not None:
        text = inference.to_yaml()
        note = f"{file}: {inference.describe()}"
        if inferred_dir is not None:
            target = Path(inferred_dir) / f"{path.stem}.inferred.yaml"
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
                note += f" Mapping written to {target}: edit it and keep it in the mapping folder."
            except OSError as exc:
                note += f" The mapping could not be written to {target} ({exc}); it is in raw.ticket_files.mapping_yaml."
        else:
            note += " The mapping is in raw.ticket_files.mapping_yaml: edit it and keep it in the mapping folder."
        message = note + (f" {result.message}" if result.message else "")
        con.execute("update raw.ticket_files set message = ?, mapping_yaml = ? where file = ? and loaded_at = ?",
                    [message, text, file, loaded_at])
        result = replace(result, message=message, mapping_yaml=text)
    if completed and result.status in (FileStatus.LOADED, FileStatus.PARTIAL):
        message = (f"{file}: preset {resolved.mapping.name} completed from the other columns' header words and "
                   f"values: " + "; ".join(f"{c.field} <- {c.column!r} ({c.why})" for c in completed) + "."
                   + (f" {result.message}" if result.message else ""))
        con.execute("update raw.ticket_files set message = ? where file = ? and loaded_at = ?",
                    [message, file, loaded_at])
        result = replace(result, message=message)
    if "customer_email" in resolved.positions and result.status in (FileStatus.LOADED, FileStatus.PARTIAL):
        _drop_owner_addresses(con, file, loaded_at)
    if {"activity", "event_at"} & set(resolved.positions) and not {"first_response_at", "first_response_duration"} & set(
            resolved.positions) and result.status in (FileStatus.LOADED, FileStatus.PARTIAL) \
            and (note := "activity" in resolved.positions and _first_replies(con, file, loaded_at)
                 or "status" in resolved.positions and _first_taken(con, file, loaded_at)):
        message = f"{file}: {note}" + (f" {result.message}" if result.message else "")
        con.execute("update raw.ticket_files set message = ? where file = ? and loaded_at = ?",
                    [message, file, loaded_at])
        result = replace(result, message=message)
    if {"customer_org", "customer_email"} & set(resolved.positions) \
            and result.status in (FileStatus.LOADED, FileStatus.PARTIAL) \
            and (note := _domain_customers_note(con, file, loaded_at)):
        message = f"{file}: {note}" + (f" {result.message}" if result.message else "")
        con.execute("update raw.ticket_files set message = ? where file = ? and loaded_at = ?",
                    [message, file, loaded_at])
        result = replace(result, message=message)
    if "priority" in resolved.positions and result.status in (FileStatus.LOADED, FileStatus.PARTIAL) \
            and (note := _unranked_priorities_note(con, file, loaded_at)):
        message = f"{file}: {note}" + (f" {result.message}" if result.message else "")
        con.execute("update raw.ticket_files set message = ? where file = ? and loaded_at = ?",
                    [message, file, loaded_at])
        result = replace(result, message=message)
    if (head.sheets or head.skipped) and result.status in (FileStatus.LOADED, FileStatus.PARTIAL):
        message = f"{file}: {_sheets_note(con, file, head)}" + (
            f" {sheet_rows_named(result.message, head.sheets)}" if result.message else "")
        con.execute("update raw.ticket_files set message = ? where file = ? and loaded_at = ?",
                    [message, file, loaded_at])
        result = replace(result, message=message)
    if head.title and result.status in (FileStatus.LOADED, FileStatus.PARTIAL):
        message = f"{file}: {_title_note(head)}" + (f" {result.message}" if result.message else "")
        con.execute("update raw.ticket_files set message = ? where file = ? and loaded_at = ?",
                    [message, file, loaded_at])
        result = replace(result, message=message)
    return result


def _unranked_priorities_note(con, file: str, loaded_at: dt.datetime) -> str | None:
    """What the load message says of priorities off the scale (no level A-D read from them): the tickets keep them as
    exported, counted and filtered by that value; None when every priority has its level."""
    counts = con.execute("select priority_source, count(*) from raw.tickets where source_file = ? and loaded_at = ? "
                         "and priority is null and priority_source is not null group by 1 order by 2 desc, 1",
                         [file, loaded_at]).fetchall()
    if not counts:
        return None
    values = ", ".join(f"{v!r} ({n})" for v, n in counts[:5]) + (" ..." if len(counts) > 5 else "")
    n = sum(n for _, n in counts)
    return (f"{n} {'ticket has' if n == 1 else 'tickets have'} a priority the A-D scale does not place ({values}): "
            f"kept as exported (priority_source) with no level; add priority_values to a mapping to give "
            f"{'it' if n == 1 else 'them'} one.")


def _drop_owner_addresses(con, file: str, loaded_at: dt.datetime) -> None:
    """A customer read from an address at the export owner's own domain (values.owner_domain: the desk's own people,
    'x@<owner>-ikt.no' of <owner>_ikt_<system>.csv) is no customer: left empty."""
    cells = [c for (c,) in con.execute("select distinct customer_org from raw.tickets where source_file = ? and "
                                       "loaded_at = ? and customer_org like '%@%'", [file, loaded_at]).fetchall()]
    own = [c for c in cells if owner_domain(c, Path(file).name)]
    if own:
        con.execute("update raw.ticket_rows set customer_org = null where file_no in (select file_no from "
                    "raw.ticket_files where file = ? and loaded_at = ?) and customer_org in (select unnest(?::varchar[]))",
                    [file, loaded_at, own])


def _first_replies(con, file: str, loaded_at: dt.datetime) -> str | None:
    """An event log with no first-response column whose activities name the desk's reply ("outbound", "Reply sent",
    "Svar sendt": presets.names_reply): a ticket's first response is its first such event. What the load message says
    of it; None when no activity names a reply."""
    activities = [a for (a,) in con.execute("select distinct activity from raw.ticket_events where source_file = ? "
                                            "and loaded_at = ? and activity is not null", [file, loaded_at]).fetchall()]
    replies = sorted(a for a in activities if names_reply(a))
    if not replies:
        return None
    answered = con.execute("""
        update raw.ticket_rows as t set first_response_at = r.first_at
        from (select source_system, ticket_id, min(event_at) as first_at from raw.ticket_events
              where source_file = ? and loaded_at = ? and activity in (select unnest(?::varchar[]))
              group by source_system, ticket_id) as r
        where t.file_no in (select file_no from raw.ticket_files where file = ? and loaded_at = ?)
            and t.source_system = r.source_system and t.ticket_id = r.ticket_id and t.first_response_at is null
            and r.first_at >= t.created_at""", [file, loaded_at, replies, file, loaded_at]).fetchone()[0]
    shown = ", ".join(repr(a) for a in replies[:4])
    return (f"the first response of {answered} tickets is their first reply event (activity {shown}); the export "
            f"has no first-response column.")


def _first_taken(con, file: str, loaded_at: dt.datetime) -> str | None:
    """An event log with no first-response column and no reply activity whose events set a status field ("Status":
    Registrert -> Under arbeid): a ticket's first response is its first change of state after the one it was
    registered in, to a state the desk works in or ends it in (open, pending, resolved, closed): when the desk took it
    up. What the load message says of it; None when no ticket's state changed so."""
    answered = con.execute("""
        update raw.ticket_rows as t set first_response_at = r.first_at
        from (select source_system, ticket_id, min(event_at) filter (where k > 1 and status in
                     ('open', 'pending', 'resolved', 'closed')) as first_at
              from (select source_system, ticket_id, event_at, status,
                           row_number() over (partition by source_system, ticket_id order by event_at, source_row) as k
                    from raw.ticket_events where source_file = ? and loaded_at = ? and status is not null)
              group by source_system, ticket_id) as r
        where t.file_no in (select file_no from raw.ticket_files where file = ? and loaded_at = ?)
            and t.source_system = r.source_system and t.ticket_id = r.ticket_id and t.first_response_at is null
            and r.first_at >= t.created_at""", [file, loaded_at, file, loaded_at]).fetchone()[0]
    if not answered:
        return None
    return (f"the first response of {answered} tickets is their first change of state after the one they were "
            f"registered in (when the desk took them up); the export has no first-response column or reply event.")


def _domain_customers_note(con, file: str, loaded_at: dt.datetime) -> str | None:
    """What the load message says of customers named by an e-mail domain or address (values.domain_organisation: the
    warehouse names them by the organisation the domain names), with an example; None when no ticket's is."""
    counts = con.execute("select customer_org, count(*) from raw.tickets where source_file = ? and loaded_at = ? "
                         "and customer_org like '%.%' and customer_org not like '% %' group by 1 order by 2 desc",
                         [file, loaded_at]).fetchall()
    named = [(cell, n, domain_organisation(cell)) for cell, n in counts if domain_organisation(cell) != cell]
    if not named:
        return None
    cell, _, name = next(((c, n, o) for c, n, o in named if o), named[0])
    tickets = sum(n for _, n, o in named if o)
    unnamed = sum(n for _, n, o in named if not o)
    own = con.execute("select count(*) from raw.tickets where source_file = ? and loaded_at = ? and customer_org is "
                      "null", [file, loaded_at]).fetchone()[0] if not _has_customer_column(con, file, loaded_at) else 0
    return (f"the customer of {tickets} tickets is taken from an e-mail domain or address (e.g. {cell!r} -> "
            f"{name or 'none'})" + (f"; {unnamed} more have an address at a public mail domain (no customer)"
                                    if unnamed else "")
            + (f"; {own} more have none (no address, or one at the export owner's own domain)" if own else "") + ".")


def _has_customer_column(con, file: str, loaded_at: dt.datetime) -> bool:
    """Whether the export's mapping names a customer column of its own (not only the sender's address)."""
    row = con.execute("select mapping_yaml from raw.ticket_files where file = ? and loaded_at = ?",
                      [file, loaded_at]).fetchone()
    return bool(row and row[0] and re.search(r"(?m)^  customer_org:", row[0]))


def _completed(resolved: ResolvedMapping, header: Sequence[str], sample,
               beside: Sequence[str] = ()) -> tuple[ResolvedMapping, list]:
    """resolved with the fields its preset did not find taken from the columns it left (infer.completion), and
    the choices made. beside: the export's lines outside its table (a priority numbering they state)."""
    found, numbering = completion(dict(resolved.positions), header, sample, beside)
    if resolved.first_response_minutes_position is not None:  # (the preset reads the first response's minutes)
        found = [(c, pos) for c, pos in found if c.field not in ("first_response_at", "first_response_duration")]
    if not found:
        return resolved, []
    mapping = resolved.mapping
    columns = {**mapping.columns, **{c.field: (c.column,) for c, _ in found}}
    positions = {**resolved.positions, **{c.field: pos for c, pos in found}}
    # a completed priority column is read by the numbering its header states, before the preset's own values
    priorities = {**mapping.priority_values, **numbering}
    return replace(resolved, mapping=replace(mapping, columns=columns, priority_values=priorities),
                   positions=positions), [c for c, _ in found]


def _sheets_note(con, file: str, head: TableHead) -> str:
    """A workbook read from several sheets (readers.read_xlsx_table): which, how its rows are numbered, and what
    was skipped; its quarantined rows' reasons are made to name their sheet and the row in it."""
    said = []
    if head.sheets:
        said.append(f"read as one export from sheets {', '.join(repr(n) for _, n in head.sheets)} (same header); "
                    f"row numbers are sheet number × {SHEET_ROWS:_} + the row in the sheet".replace("_", " "))
        sheet = "case " + " ".join(f"when row_number // {SHEET_ROWS} = {no} then {_lit(name)}"
                                   for no, name in head.sheets) + " end"
        con.execute(f"""update raw.ticket_quarantine set reason = 'sheet ' || {sheet} || ', row '
                || (row_number % {SHEET_ROWS}) || ': ' || reason
            where file = ? and row_number >= {SHEET_ROWS} and {sheet} is not null""", [file])
        # a reason that names another row (the copy or the row that supersedes it) names its sheet and row too
        named = con.execute(f"select rowid, reason from raw.ticket_quarantine where file = ? "
                            f"and regexp_matches(reason, 'row \\d{{{len(str(SHEET_ROWS))},}}')", [file]).fetchall()
        for rowid, reason in named:
            con.execute("update raw.ticket_quarantine set reason = ? where rowid = ?",
                        [sheet_rows_named(reason, head.sheets), rowid])
    if head.skipped:
        said.append("skipped " + "; ".join(head.skipped))
    return "Workbook " + "; ".join(said) + "."


def sheet_rows_named(text: str, sheets: Sequence[tuple[int, str]]) -> str:
    """"row 2000063" (a workbook read from several sheets numbers its rows sheet number × SHEET_ROWS + the row) as
    "sheet 2023, row 63", for every such number in text whose sheet was read."""
    names = dict(sheets)

    def named(m: re.Match) -> str:
        number = int(m.group(1))
        sheet = names.get(number // SHEET_ROWS)
        return f"sheet {sheet}, row {number % SHEET_ROWS}" if sheet is not None else m.group(0)
    return re.sub(rf"\brow (\d{{{len(str(SHEET_ROWS))},}})\b", named, text)


def file_system(path: Path, preset_system: str, header: Sequence[str]) -> str:
    """The source system of an export a preset's header fits only in part (columns the preset has no name for were
    completed from their header words and values): the preset's when the file is named after it or its
    name says nothing else ("tickets_2024.csv"); a file named otherwise ("<another system>_tickets_export.json",
    "<a list>_helpdesk_liste.csv": the zendesk preset reads both) may be another system the preset's column names
    fit, so its system is the preset's keyed by its header, as an inferred mapping's is: exports of one system (one
    header) still share it and replace each other's tickets, while two systems never do, and a question naming one
    is answered from its export alone (the engine names it by its file)."""
    stem_words = re.findall(r"[a-zæøå]+", path.stem.lower())
    preset = preset_system.lower()
    if any(w.startswith(preset) for w in stem_words) or not any(
            len(w) >= 2 and w not in FILE_NOISE_WORDS for w in stem_words):
        return preset_system
    digest = hashlib.sha1("\x1f".join(h.casefold().strip() for h in header).encode()).hexdigest()[:8]
    return f"{preset_system}_{digest}"


def _title_note(head: TableHead) -> str:
    """The rows above the header (read_csv_layout, read_xlsx_table found it below them), for the load message."""
    return (f"The header is row {head.row}, below a title (not read as tickets): "
            + "; ".join(repr(t[:200]) for t in head.title) + ".")


def _keep_extra_columns(con, path: Path, kind: str, layout: CsvLayout | None, header: Sequence[str],
                        resolved: ResolvedMapping, tmp: Path, loaded_at: dt.datetime) -> None:
    """Columns no canonical field took are kept per ticket (flows/tickets/attributes.py), whatever
    the format: a CSV is read again by DuckDB (records in file order); an XLSX or JSON file, and a
    CSV that Python's careful reader had to read, from the clean CSV of records written for it
    (_stage_records: the sheet row / record position and the cells)."""
    from flows.tickets.attributes import keep_attributes

    clean = tmp / _RECORDS_CSV
    if clean.exists():
        cols = {"__row": "BIGINT", "__reason": "VARCHAR", "__raw": "VARCHAR"} | {
            f"c{i + 1}": "VARCHAR" for i in range(len(header))}
        source_sql = f"select * from {_read_csv_sql(clean, ',', cols, header=False)}"
    elif kind == "csv":
        source = tmp / "utf8.csv" if (tmp / "utf8.csv").exists() else path
        source_sql = _csv_source_sql(source, layout, numbered=False)[0]
    else:
        return
    skip = [resolved.first_response_minutes_position] if resolved.first_response_minutes_position is not None else []
    try:
        with _insertion_order(con, True):  # records in file order: the last row for a ticket wins
            keep_attributes(con, str(path), source_sql, header, dict(resolved.positions),
                            skip, resolved.mapping.source_system, resolved.event_log, loaded_at,
                            resolved.mapping.date_formats)
    except (duckdb.InvalidInputException, duckdb.ConversionException):
        pass  # (not reached: a CSV DuckDB cannot parse was read by Python into the clean CSV)


def _count_orders(con, path: Path, layout: CsvLayout, position: int) -> tuple[int, int] | None:
    """Values of a CSV column (the whole file) written d/m/y or m/d/y whose first / second field is above 12: which
    order the column uses, when its first rows do not tell. None when DuckDB cannot read the file as it is."""
    if not layout.encoding.startswith("utf-8") or layout.rows_above:
        return None
    cols = {f"c{i + 1}": "VARCHAR" for i in range(len(layout.header))}
    c = f"c{position + 1}"
    fields = f"regexp_extract(trim({c}), '^(\\d{{1,2}})[/.-](\\d{{1,2}})[/.-]', ['a', 'b'])"
    try:
        return con.execute(f"""select count(*) filter (where try_cast(f.a as integer) > 12),
                count(*) filter (where try_cast(f.b as integer) > 12)
            from (select {fields} as f from {_read_csv_sql(path, layout.delimiter, cols)})""").fetchone()
    except duckdb.Error:
        return None


def _csv_sample(path: Path, layout: CsvLayout) -> list[list[str | None]]:
    """The first well-formed records of a CSV, for inferring its layout."""
    for encoding in (layout.encoding, "cp1252"):
        try:
            return [r.cells for r in itertools.islice(
                (r for r in iter_csv_records(path, layout, encoding) if not r.reason), INFER_SAMPLE_ROWS)]
        except UnicodeDecodeError:
            continue
    return []


def _load_resolved(con, path: Path, kind: str, digest: _FileDigest, exported_at: dt.datetime,
                   resolved: ResolvedMapping, header: Sequence[str], layout: CsvLayout | None, records,
                   loaded_at: dt.datetime, tmp: Path) -> FileLoadResult:
    file = str(path)
    if kind == "csv" and layout.rows_above:  # a title above the header: the careful reader numbers its lines
        _stage_records(con, iter_csv_records(path, layout, _python_encoding(path, layout)), header, resolved, tmp)
        return replace(_apply_stage(con, file, digest, exported_at, resolved, header, loaded_at),
                       encoding=layout.encoding_name)
    if kind == "csv":
        source, digest = _csv_in_utf8(path, layout, tmp, digest)
        if resolved.event_log and _fits_event_table(resolved) and \
                not con.execute("select exists(select 1 from raw.ticket_events)").fetchone()[0]:
            # (no event kept yet from any load: neither path looks for events kept before)
            result = _load_event_log_landed(con, file, digest, exported_at, resolved, layout, source, loaded_at)
            if result is None:
                _drop_relation(con, "_ticket_incoming")
                result = _load_event_log_direct(con, file, digest, exported_at, resolved, layout, source, loaded_at)
            if result is not None:
                return replace(result, encoding=layout.encoding_name)
        if not resolved.event_log and not con.execute("select exists(select 1 from raw.ticket_rows)").fetchone()[0]:
            result = _load_csv_direct(con, file, digest, exported_at, resolved, layout, source, loaded_at)
            if result is not None:
                return replace(result, encoding=layout.encoding_name)
        _stage_csv(con, path, source, layout, resolved, tmp, digest.lines)
        return replace(_apply_stage(con, file, digest, exported_at, resolved, header, loaded_at),
                       encoding=layout.encoding_name)
    _stage_records(con, records, header, resolved, tmp)
    return _apply_stage(con, file, digest, exported_at, resolved, header, loaded_at)


_STAGE = "_ticket_stage"
_STAGE_UNNUMBERED = "_ticket_stage_unnumbered"  # an event log's stage in file order; _STAGE numbers it


def _constant_stage_columns(resolved: ResolvedMapping) -> dict[str, str]:
    """Columns of stage_select_sql that hold one value for every row (fields the mapping does not
    read): an event log's stage leaves them out and adds them back as literals when it is read."""
    pos = resolved.positions
    mapping = resolved.mapping
    constants = {f.name: f"null::{f.sql_type}" for f in TICKET_FIELDS if f.name not in pos and f.name not in (
        "source_system", "priority", "status", "channel", "priority_source", "status_source")}
    if "sla_breached" in pos:  # (sla_met is read from it)
        constants.pop("sla_met", None)
    if resolved.first_response_minutes_position is not None:
        constants.pop("first_response_at", None)
    if "resolution_duration" in pos:  # (resolved_at is read from it)
        constants.pop("resolved_at", None)
    if "first_response_duration" in pos:  # (first_response_at is read from it)
        constants.pop("first_response_at", None)
    if "reopened_at" in pos:  # (reopened is read from it)
        constants.pop("reopened", None)
    if "customer_email" in pos:  # (customer_org is read from it)
        constants.pop("customer_org", None)
    if "source_system" not in pos:
        constants["source_system"] = _lit(mapping.source_system)
    if not {"priority", "priority_source"} & set(pos):
        constants |= {"prio_raw": "null::varchar", "priority_source": "null::varchar"}
    if not {"status", "activity", "status_source"} & set(pos):
        constants |= {"status_raw": "null::varchar", "status_source": "null::varchar"}
    for name, column in (("channel", "channel_raw"), ("activity", "activity"), ("resource", "resource")):
        if name not in pos:
            constants[column] = "null::varchar"
    return constants


def _drop_relation(con, name: str) -> None:
    kind = con.execute("select table_type from information_schema.tables where table_name = ? "
                       "and table_schema like 'main' and table_catalog = 'temp'", [name]).fetchone()
    con.execute(f"drop {'table' if kind and kind[0] != 'VIEW' else 'view'} if exists {name}")


def _drop_stage(con) -> None:
    for name in ("_ticket_incoming", "_ticket_incoming_all", _STAGE, _STAGE_UNNUMBERED):
        _drop_relation(con, name)
    for name in ("_ticket_priority_map", "_ticket_status_map", "_ticket_channel_map"):
        con.execute(f"drop table if exists {name}")


def _create_stage(con, resolved: ResolvedMapping, header: Sequence[str], source_sql: str, raw_row_sql: str,
                  name: str = _STAGE, leave_out: Iterable[str] = ()) -> None:
    sql = stage_select_sql(resolved, header, source_sql, raw_row_sql, find_duplicates=not resolved.event_log)
    leave_out = list(leave_out)
    if leave_out:
        sql = f"select * exclude ({', '.join(leave_out)}) from ({sql})"
    con.execute(f"create or replace temp table {name} as {sql}")


def _read_csv_sql(path: Path, delimiter: str, column_types: dict[str, str], header: bool = True,
                  markers: bool = True) -> str:
    """DuckDB's read_csv of the file with the given columns. markers: the null markers (NULL_TEXTS) read as null by
    the reader (nullstr). It compares every cell with every marker (32 of them): a fifth of the CPU of reading a
    ticket export (2 M rows: 1.0 of 4.4 CPU-s); markers False leaves them as written (only an empty cell is null), for
    a caller that finds the few afterwards (_null_marker_sql) and reads again with them when there are any."""
    cols = "{" + ", ".join(f"{_lit(k)}: {_lit(t)}" for k, t in column_types.items()) + "}"
    nulls = "[" + ", ".join(_lit(t) for t in NULL_TEXTS) + "]" if markers else "''"
    return (f"read_csv({_lit(str(path))}, delim={_lit(delimiter)}, quote='\"', escape='\"', header={str(header).lower()}, "
            f"auto_detect=false, columns={cols}, strict_mode=true, null_padding=false, nullstr={nulls})")


def _null_marker_sql(cell: str) -> str:
    """Whether a text cell is one of the null markers (NULL_TEXTS, exactly as read_csv's nullstr compares): only a
    cell no longer than the longest marker that begins as one does is compared with the list (a quarter of the
    reader's cost: the nested CASE compares only the rows the first test selects, "a and b" is not cut short)."""
    markers = [t for t in NULL_TEXTS if t]
    longest = max(len(t.encode("utf-8")) for t in markers)
    starts = " or ".join(f"{cell} like {_lit(first + '%')}" for first in sorted({t[0] for t in markers}))
    return (f"case when strlen({cell}) <= {longest} and ({starts}) then {cell} in "
            f"({', '.join(_lit(t) for t in markers)}) else false end")


def _csv_in_utf8(path: Path, layout: CsvLayout, tmp: Path, digest: _FileDigest) -> tuple[Path, _FileDigest]:
    """DuckDB reads UTF-8 only: a Windows-1252 or UTF-16 file is transcoded once into the temp folder.
    Returns the file DuckDB reads and path's digest with that file's physical lines."""
    if layout.encoding in ("utf-8", "utf-8-sig"):
        return path, digest
    target = tmp / "utf8.csv"
    counter = _LineCounter()
    with path.open("r", encoding=layout.encoding, errors="replace", newline="") as src, \
            target.open("wb") as dst:
        while text := src.read(1 << 22):
            chunk = text.encode("utf-8")
            counter.add(chunk)
            dst.write(chunk)
    return target, digest.with_lines(counter.lines)


def _csv_source_sql(source: Path, layout: CsvLayout, *, numbered: bool = True,
                    typed: dict[int, str] | None = None, markers: bool = True) -> tuple[str, str]:
    """(source_sql, raw_row_sql) for stage_select_sql over DuckDB's read_csv of the file.

    Every record is kept, padding rows too (__blank): they occupy a line of the file. numbered:
    __row is the line a record starts on, counted in file order (a window over the whole file, so
    serial, but it follows line breaks inside quoted values). Not numbered: __row is null and the
    caller numbers the rows by their position in the table they were inserted into, in file order
    (rowid: parallel); valid only when the file has one line per record (_lines_match).
    typed (not numbered): positions the reader types itself (typed_csv_columns), else every cell is text.
    markers False: the null markers are left as written (_read_csv_sql).
    """
    width = len(layout.header)
    typed = typed or {}
    cells = [f"c{i + 1}" for i in range(width)]
    cols = {c: typed.get(i, "VARCHAR") for i, c in enumerate(cells)}
    raw_row = ("concat_ws(" + _lit(layout.delimiter) + ", "
               + ", ".join(f"coalesce({c}{'::varchar' if i in typed else ''}, '')" for i, c in enumerate(cells)) + ")")
    blank = ("coalesce(" + ", ".join(cells) + ") is null" if width > 1 and not typed
             else " and ".join(f"{c} is null" for c in cells))
    read = _read_csv_sql(source, layout.delimiter, cols, markers=markers)
    if not numbered:
        return (f"select null::bigint as __row, null::varchar as __reason, {blank} as __blank, 0 as __nl, * "
                f"from {read}"), raw_row
    joined = "concat(" + ", ".join(cells) + ")" if width > 1 else "coalesce(c1, '')"
    nl = f"length({joined}) - length(replace({joined}, chr(10), ''))"
    # line of a record = 2 + records before it + line breaks inside the quoted values before it
    source_sql = (f"select row_number() over () + 1 + sum(__nl) over (rows between unbounded preceding and current row)"
                  f" - __nl as __row, * from (select null::varchar as __reason, {blank} as __blank, {nl} as __nl, * "
                  f"from {read})")
    return source_sql, raw_row


def typed_csv_columns(con, source: Path, layout: CsvLayout, resolved: ResolvedMapping) -> dict[int, str]:
    """Mapped timestamp and number columns that DuckDB's reader can type itself ({position: type}):
    those whose every value in the first rows reads as an ISO timestamp (with or without offset;
    naive ones in the session's time zone) or a plain number, exactly as the text path's first
    attempt (try_cast) would read it. Typing in the reader costs less than casting text afterwards;
    a later value it cannot convert stops the read, and the file takes the text path."""
    # (an event's time stays text here: the offset it was printed with is read from it)
    kinds = {f.name: f.kind for f in TICKET_FIELDS}
    types = {"timestamp": "TIMESTAMPTZ", "number": "DOUBLE"}
    candidates = {p: types[kinds[name]] for name, p in resolved.positions.items()
                  if kinds.get(name) in types and p != resolved.first_response_minutes_position}
    if not candidates:
        return {}
    cols = {f"c{i + 1}": "VARCHAR" for i in range(len(layout.header))}
    checks = ", ".join(f"count(c{p + 1}) > 0 and count(c{p + 1}) = count(try_cast(c{p + 1} as {t}))"
                       for p, t in candidates.items())
    try:
        found = con.execute(f"select {checks} from (select * from "
                            f"{_read_csv_sql(source, layout.delimiter, cols)} limit {TYPED_SAMPLE_ROWS})").fetchone()
    except (duckdb.InvalidInputException, duckdb.ConversionException):
        return {}
    return {p: t for (p, t), ok in zip(candidates.items(), found) if ok}


@contextmanager
def _insertion_order(con, preserve: bool):
    """Set DuckDB's preserve_insertion_order for a statement or two, then restore the session's."""
    before = con.execute("select current_setting('preserve_insertion_order')").fetchone()[0]
    con.execute(f"set preserve_insertion_order = {str(preserve).lower()}")
    try:
        yield
    finally:
        con.execute(f"set preserve_insertion_order = {str(before).lower()}")


def _current_threads(con) -> int:
    return int(con.execute("select current_setting('threads')").fetchone()[0])


@contextmanager
def _threads(con, threads: int):
    """Run a statement or two with DuckDB's worker threads set to threads, then restore the session's."""
    before = con.execute("select current_setting('threads')").fetchone()[0]
    con.execute(f"set threads = {int(threads)}")
    try:
        yield
    finally:
        con.execute(f"set threads = {int(before)}")


def _stage_csv(con, path: Path, source: Path, layout: CsvLayout, resolved: ResolvedMapping, tmp: Path,
               lines: int) -> None:
    """DuckDB parses the file; Python's careful reader takes over on a structural CSV error, or when
    DuckDB's records do not line up with the file's lines (a blank line between records)."""
    header = layout.header
    try:
        if resolved.event_log and _stage_event_log(con, source, layout, resolved, lines):
            return
        _create_stage(con, resolved, header, *_csv_source_sql(source, layout))
        records, breaks = con.execute(f"select count(*), coalesce(sum(__nl), 0) from {_STAGE}").fetchone()
        if lines == 1 + records + breaks:
            con.execute(f"delete from {_STAGE} where __blank")
            return
    except (duckdb.InvalidInputException, duckdb.ConversionException):
        pass  # e.g. a row with the wrong number of fields or an unterminated quote: diagnose in Python
    _stage_records(con, iter_csv_records(path, layout, _python_encoding(path, layout)), layout.header, resolved, tmp)


def _python_encoding(path: Path, layout: CsvLayout) -> str:
    """The encoding Python's careful reader reads the file in: the detected one, or Windows-1252 when a
    file that began as UTF-8 has bytes further on that are not."""
    encoding = layout.encoding
    if encoding.startswith("utf-8"):
        try:
            for _ in iter_csv_records(path, layout):
                pass
        except UnicodeDecodeError:
            encoding = "cp1252"
    return encoding


_RECORDS_CSV = "records.csv"  # the clean CSV _stage_records writes (and _keep_extra_columns reads)


def _stage_event_log(con, source: Path, layout: CsvLayout, resolved: ResolvedMapping, lines: int) -> bool:
    """An event log's stage without a window over the whole file: written in file order (in
    parallel), a record's line is its position when every line is one record. The event time (and
    other ISO timestamp columns) typed by the reader when its first rows allow; when a later value
    stops that read, or a row is set aside (its raw text must be the file's, not a typed value
    written back), the stage is read again as text. False: the caller numbers the file otherwise."""
    constants = _constant_stage_columns(resolved)  # kept once, not once per event
    typed = typed_csv_columns(con, source, layout, resolved)
    for attempt in ([typed, {}] if typed else [{}]):
        try:
            with _insertion_order(con, True):
                source_sql, raw_row_sql = _csv_source_sql(source, layout, numbered=False, typed=attempt)
                sql = stage_select_sql(resolved, layout.header, source_sql, raw_row_sql, typed=attempt)
                if constants:
                    sql = f"select * exclude ({', '.join(constants)}) from ({sql})"
                con.execute(f"create or replace temp table {_STAGE_UNNUMBERED} as {sql}")
        except (duckdb.InvalidInputException, duckdb.ConversionException):
            if attempt:
                continue
            raise
        records, base, kept_aside = con.execute(
            f"select count(*), min(rowid), count(raw_row) from {_STAGE_UNNUMBERED}").fetchone()
        if attempt and kept_aside:
            continue
        if lines != 1 + records:
            _drop_relation(con, _STAGE_UNNUMBERED)
            return False
        literals = "".join(f", {sql} as {name}" for name, sql in constants.items())
        con.execute(f"create or replace temp view {_STAGE} as select * replace (rowid - {base or 0} + 2 "
                    f"as __row){literals} from {_STAGE_UNNUMBERED} where not __blank")
        return True
    return False


def _stage_records(con, records: Iterable, header: Sequence[str], resolved: ResolvedMapping, tmp: Path) -> None:
    """Write records to a clean UTF-8 CSV (row number, structural reason, raw text, cells) for DuckDB."""
    width = len(header)
    clean = tmp / _RECORDS_CSV
    with clean.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter=",", quotechar='"', lineterminator="\n")
        used = dict((p, name) for name, p in resolved.positions.items())
        for rec in records:
            reason = rec.reason
            if not reason and rec.unreadable:
                reason = "; ".join(
                    f"formula {formula} in column {_header_label(header, p)} has no saved value (the file was "
                    f"written by a program that does not compute formulas); open and save it in Excel, or "
                    f"export values instead of formulas"
                    for p, formula in rec.unreadable if p in used) or None
            cells = [None] * width if reason else (list(rec.cells[:width]) + [None] * (width - len(rec.cells)))
            if not reason and all(c is None or not str(c).strip() for c in cells):
                continue  # padding rows are not records
            writer.writerow([rec.row_number, reason, rec.raw, *cells])
    cols = {"__row": "BIGINT", "__reason": "VARCHAR", "__raw": "VARCHAR"} | {f"c{i + 1}": "VARCHAR" for i in range(width)}
    source_sql = f"select false as __blank, 0 as __nl, * from {_read_csv_sql(clean, ',', cols, header=False)}"
    _create_stage(con, resolved, header, source_sql, "__raw")


def state_reader(resolved: ResolvedMapping) -> Callable[[str | None, Mapping[str, str] | None], str | None]:
    """How a file's state texts are read, the one rule of every path (staged, direct, streamed): a log whose state is
    its activity (no status column) reads it by activity_state, so an action naming no state (an assignment, a
    comment, a note, a time log) is no state (null: the ticket keeps the state it had); a status column's value is a
    state, read by normalise_status."""
    pos = resolved.positions
    return activity_state if "activity" in pos and "status" not in pos else normalise_status


def _value_maps(con, resolved: ResolvedMapping, combos: Iterable[tuple]) -> set[str]:
    """Normalise the distinct priority/status/channel values in Python into small lookup tables;
    returns the tables that hold any value (an empty one needs no join: no row has such a value)."""
    mapping = resolved.mapping
    state_of = state_reader(resolved)
    combos = list(combos)
    # a bare number in a column whose other values say what their numbers mean ("1 low", "3 high") follows them
    scale = {**priority_scale(c[0] for c in combos), **mapping.priority_values}
    # a status written as one letter of a system's code table ("R", "L", "C"): that table, unless the mapping says
    states = mapping.status_values or letter_status_values(
        (c[1] for c in combos), lambda v: state_of(v, mapping.status_values) in (None, "other"))
    maps = {
        "_ticket_priority_map": {c[0]: normalise_priority(c[0], scale) for c in combos if c[0] is not None},
        "_ticket_status_map": {c[1]: state_of(c[1], states) for c in combos if c[1] is not None},
        "_ticket_channel_map": {c[2]: normalise_channel(c[2], mapping.channel_values) for c in combos if c[2] is not None},
    }
    for table, values in maps.items():
        con.execute(f"create or replace temp table {table} (raw varchar, value varchar)")
        if values:
            con.executemany(f"insert into {table} values (?, ?)", list(values.items()))
    return {table for table, values in maps.items() if values}


@dataclass(frozen=True)
class _NormalisedSql:
    joined: str  # FROM clause: staged rows joined to the value lookup tables
    columns: str  # canonical columns in raw.tickets order
    valid: str  # condition for a loadable row
    invalid: str
    reason: str  # full quarantine reason of an invalid row


def _normalised_sql(stage_relation: str, resolved: ResolvedMapping, header: Sequence[str],
                    maps: set[str]) -> _NormalisedSql:
    """maps: the value lookup tables that hold values (_value_maps); the others are not joined."""
    lookups = {"priority": ("_ticket_priority_map", "p", "prio_raw"), "status": ("_ticket_status_map", "st", "status_raw"),
               "channel": ("_ticket_channel_map", "ch", "channel_raw")}
    joined = f"from {stage_relation} s"
    derived = {}
    for name, (table, alias, raw) in lookups.items():
        if table in maps:
            joined += f" left join {table} {alias} on s.{raw} = {alias}.raw"
            derived[name] = f"{alias}.value as {name}"
        else:
            derived[name] = f"null::varchar as {name}"
    # (a priority off the scale is no reason to set a ticket aside: it keeps its value as exported in priority_source
    # and has no level; the load's message names such values: _unranked_priorities_note)
    return _NormalisedSql(joined=joined, columns=", ".join(derived.get(f.name, f"s.{f.name}") for f in TICKET_FIELDS),
                          valid="s.reason is null", invalid="s.reason is not null", reason="s.reason")


# An event log becomes one ticket per id, in one aggregate pass after one window over the events
# partitioned by ticket (the event before each event):
# created = first event (or the created column, if earlier), the latest state, resolved/closed =
# the latest resolving/closing event while the ticket is still resolved/closed at its last event, a resolving event
# only when no reopening came after it (resolved, reopened, closed: the resolution is the closing, the last one);
# reassignments = changes of group (else of the person) between events before resolution; reopens
# = events in state new/open/pending right after a resolved or closed one (or the source's own
# counts, when larger). Other fields: the latest non-empty value. Events are ordered by time, then
# by line in the file: __key packs both into one number (the line takes the low 40 bits).
# in_file_order: the events are read in file order (the table they were just written to) and a log
# usually lists each ticket's events together and in time order; then the event before is the row
# before (a streaming lag, no sort) and the latest event is the last row (__key = the line). The
# aggregate counts, per ticket, what would break that (__order_breaks: the ticket's events not
# together, or one earlier in time than the row before it, or rows not read in file order); any
# break: the caller groups again with the window (in_file_order=False). Same tickets either way.
_EVENT_KEY = "(epoch_us(coalesce(event_at, created_at))::hugeint << 40) + __row"
_REOPENED_STATES = ("new", "open", "pending")  # a state after a done one: the ticket reopened
_DONE_STATES = ("resolved", "closed")
_REOPENED = f"({', '.join(map(_lit, _REOPENED_STATES))})"
_DONE = f"({', '.join(map(_lit, _DONE_STATES))})"
_OWNER_COLUMNS = ("assignment_group", "resource")


def _owner_sql(pos: Mapping[str, int]) -> str | None:
    """Who holds a ticket at an event: its group, else the resource (None: the mapping reads neither)."""
    return ("coalesce(assignment_group, resource)" if {"assignment_group", "resource"} <= set(pos)
            else "assignment_group" if "assignment_group" in pos else "resource" if "resource" in pos else None)


def event_aggregate_sql(resolved: ResolvedMapping, in_file_order: bool = False, also_breaks: str | None = None) -> str:
    """The aggregate over _ticket_incoming_all; fields the mapping does not read are null at once
    (a process-mining log has four columns: no arg_max over a dozen empty ones). also_breaks: a condition on an
    event that counts as an order break too (in file order: the caller then groups again another way; with the
    window: the only breaks counted)."""
    pos = resolved.positions
    mapped = set(pos) | {"source_system", "ticket_id", "created_at"} | ({"sla_met"} if "sla_breached" in pos else set()) \
        | ({"customer_org"} if "customer_email" in pos else set()) | ({"reopened"} if "reopened_at" in pos else set()) \
        | ({"first_response_at"} if "first_response_duration" in pos else set())
    if "priority" in pos:
        mapped.add("priority_source")
    if {"activity", "status", "status_source"} & set(pos):
        mapped |= {"status", "status_source"}
    types = {f.name: f.sql_type for f in TICKET_FIELDS}

    def field(name: str, expr: str) -> str:
        return f"{expr} as {name}" if name in mapped else f"null::{types[name]} as {name}"

    def latest(name: str) -> str:
        return field(name, f"arg_max({name}, __key) filter (where {name} is not null)")

    owner = _owner_sql(pos)
    read = mapped - ({"created_at"} - set(pos))  # fields not read stay out of the window's sort

    def either(column: str, combined: str, alone: str) -> str:
        return combined if column in read else alone

    at = either("created_at", "coalesce(event_at, created_at)", "event_at")
    # one source system (not a column of the file): the ticket id alone partitions and groups the events, and the
    # system is the mapping's (a literal, not a second text key hashed for every event)
    keys = ("source_system", "ticket_id") if "source_system" in pos else ("ticket_id",)
    system = "source_system" if "source_system" in pos else f"{_lit(resolved.mapping.source_system)} as source_system"
    if in_file_order:  # the row before, when it is the same ticket's (streaming lag over the scan)
        same = " and ".join(f"lag({k}) over () = {k}" for k in keys)
        # the owner before: the last non-empty owner up to each row (a running last_value, streamed), taken from
        # the row before; "lag(... ignore nulls)" would be the same but is no streaming window: DuckDB then
        # buffers every event of the file (a fifth of the load's CPU at 1 M events)
        same_owner = " and ".join(f"lag(__owner_{i}) over () = {k}" for i, k in enumerate(keys))
        window = ""
        key = "__row"
        # the state before: the last state named up to the row before, when it was this ticket's (an event naming
        # no state, such as an assignment or a comment, keeps the state)
        same_state = " and ".join(f"lag(__state_{i}) over () = {k}" for i, k in enumerate(keys))
        previous_status = f"case when {same_state} then lag(__state_upto) over () end"
        previous_owner = f"case when {same_owner} then lag(__owner_upto) over () end" if owner else "null::varchar"
        order = (f", not coalesce({same}, false) as __first, lag(__row) over () >= __row "
                 f"or ({same} and lag({at}) over () > {at}){f' or ({also_breaks})' if also_breaks else ''} as __back")
        order_breaks = "count(*) filter (where __first) - 1 + count(*) filter (where __back)"
    else:  # the event before (lag over the ticket's events in time order): one sort by ticket
        window = f"window __w as (partition by {', '.join(keys)} order by {at}, __row)"
        key = _EVENT_KEY
        previous_status = "lag(status ignore nulls) over __w"
        previous_owner = "lag(__owner ignore nulls) over __w" if owner else "null::varchar"
        order, order_breaks = "", "0"
        if also_breaks:  # (events the caller counts as breaks, in any order)
            order, order_breaks = f", coalesce({also_breaks}, false) as __back", "count(*) filter (where __back)"
    source = f"(select *, {owner or 'null::varchar'} as __owner from _ticket_incoming_all)"
    if in_file_order:
        upto = "over (rows between unbounded preceding and current row)"
        running = [(f"last_value(status ignore nulls) {upto} as __state_upto",
                    *(f"last_value(case when status is not null then {k} end ignore nulls) {upto} as __state_{i}"
                      for i, k in enumerate(keys)))]
        if owner:
            running.append((f"last_value(__owner ignore nulls) {upto} as __owner_upto",
                            *(f"last_value(case when __owner is not null then {k} end ignore nulls) {upto} as __owner_{i}"
                              for i, k in enumerate(keys))))
        source = f"(select *, {', '.join(c for cols in running for c in cols)} from {source})"

    reassigned = ("count(*) filter (where __owner is not null and __prev_owner is not null and __owner <> __prev_owner"
                  " and coalesce(status, '') not in ('resolved', 'closed', 'cancelled'))" if owner else "0")
    # only the columns the aggregate reads go through the window (it keeps every row of what it is given)
    needed = {"source_system", "ticket_id", "event_at", "status", "__row"} | (read & set(types)) | {"__owner"}
    return f"""
with ev as (
    select {", ".join(sorted(needed))}, {key} as __key,
        {previous_status} as __prev_status, {previous_owner} as __prev_owner{order}
    from {source}
    {window}
), agg as (
    select {system}, ticket_id,
        {latest("customer_org")},
        {either("created_at", "least(min(created_at), min(event_at))", "min(event_at)")} as created_at,
        {field("first_response_at", "min(first_response_at)")},
        {either("resolved_at", "greatest(max(resolved_at), max(event_at) filter (where status = 'resolved'))",
                "max(event_at) filter (where status = 'resolved')")} as __resolved_at,
        {either("closed_at", "greatest(max(closed_at), max(event_at) filter (where status = 'closed'))",
                "max(event_at) filter (where status = 'closed')")} as __closed_at,
        {latest("priority")}, {latest("priority_source")}, {latest("category")}, {latest("subcategory")},
        {latest("channel")},
        {field("status", "arg_max(status, __key) filter (where status is not null)")},
        {field("status_source", "arg_max(status_source, __key) filter (where status is not null)")},
        {latest("assignment_group")},
        {field("phone_wait_seconds", "max(phone_wait_seconds)")},
        {latest("sla_met")}, {latest("reopened")},
        {either("reassignment_count", "max(reassignment_count)", "null")} as __reassignments,
        {either("reopen_count", "max(reopen_count)", "null")} as __reopens,
        count(*) filter (where __prev_status in {_DONE} and status in {_REOPENED}) as __reopened,
        max(__key) filter (where status = 'resolved') as __resolved_key,
        max(__key) filter (where __prev_status in {_DONE} and status in {_REOPENED}) as __reopened_key,
        {reassigned} as __reassigned,
        max(__row) as __row, count(*) as __events, {order_breaks} as __order_breaks,
        count(*) filter (where event_at is null) as __untyped
    from ev group by {', '.join(keys)}
)
select * exclude (__resolved_at, __closed_at, __reassignments, __reopens, __reopened, __resolved_key, __reopened_key,
                  __reassigned),
    case when status in {_DONE} and (__reopened_key is null or __resolved_key is null or __resolved_key > __reopened_key)
        then __resolved_at end as resolved_at,
    case when status = 'closed' then __closed_at end as closed_at,
    greatest(coalesce(__reassignments, 0), __reassigned) as reassignment_count,
    greatest(coalesce(__reopens, 0), __reopened) as reopen_count
from agg
"""


def event_stream_sql(resolved: ResolvedMapping, also_breaks: str | None = None) -> str:
    """The tickets of _ticket_incoming_all's events read in file order, without a hash table or a sort, for a log
    that lists each ticket's events together and in time order and whose fields raw.ticket_event_rows holds (the
    direct path: id, time, activity/state, resource, group). One pass of streaming windows over the events (the
    row before and after, running values since the file's start), kept at each ticket's last event: its state
    then, the time of its first event, of its latest resolving/closing event and its latest group (each taken only
    when its line is not before the ticket's first); the reopen, reassignment and event counts are running counts
    less those at the last event of the ticket before. The same tickets and columns as event_aggregate_sql gives
    such a log (__order_breaks: events out of file or time order within a ticket, or meeting also_breaks;
    __untyped: events without a time). A ticket whose events are not together comes out once per run of its
    events: the caller checks that the ids are distinct."""
    pos = resolved.positions
    keys = ("source_system", "ticket_id") if "source_system" in pos else ("ticket_id",)
    system = "source_system" if "source_system" in pos else f"{_lit(resolved.mapping.source_system)} as source_system"
    owner = _owner_sql(pos)
    same = " and ".join(f"lag({k}) over () = {k}" for k in keys)
    same_next = " and ".join(f"lead({k}) over () = {k}" for k in keys)
    upto = "window __w as (rows between unbounded preceding and current row)"
    # the state before: the last state named up to the row before, when it was this ticket's (an event naming no
    # state, such as an assignment or a comment, keeps the state)
    state_cols = (", last_value(status ignore nulls) over __w as __state_upto, "
                  + ", ".join(f"last_value(case when status is not null then {k} end ignore nulls) over __w "
                              f"as __state_{i}" for i, k in enumerate(keys)))
    same_state = " and ".join(f"lag(__state_{i}) over () = {k}" for i, k in enumerate(keys))
    owner_cols, reassign = "", "false"
    if owner:  # the owner before: the last non-empty owner up to the row before, when it was this ticket's
        owner_cols = (", last_value(__owner ignore nulls) over __w as __owner_upto, "
                      + ", ".join(f"last_value(case when __owner is not null then {k} end ignore nulls) over __w "
                                  f"as __owner_{i}" for i, k in enumerate(keys)))
        same_owner = " and ".join(f"lag(__owner_{i}) over () = {k}" for i, k in enumerate(keys))
        reassign = (f"__owner is not null and {same_owner} and __owner <> lag(__owner_upto) over () "
                    f"and coalesce(status, '') not in ('resolved', 'closed', 'cancelled')")
    back = f"lag(__row) over () >= __row or ({same} and lag(event_at) over () > event_at)"
    if also_breaks:
        back += f" or ({also_breaks})"

    def latest(name: str, when: str, value: str) -> str:  # the latest value where `when` held, and its line
        return (f"last_value(case when {when} then __row end ignore nulls) over __w as __{name}_row, "
                f"last_value(case when {when} then {value} end ignore nulls) over __w as __{name}")

    group = "assignment_group" in pos
    counts = ("__reopens", "__reassigned", "__breaks", "__untyped", "__events")
    taken = {"source_system", "ticket_id", "created_at", "resolved_at", "closed_at", "status", "status_source",
             "assignment_group", "reassignment_count", "reopen_count"}
    nulls = "".join(f", null::{f.sql_type} as {f.name}" for f in TICKET_FIELDS if f.name not in taken)
    return f"""
with owners as (
    select *{state_cols}{owner_cols} from (select *, {owner or 'null::varchar'} as __owner from _ticket_incoming_all) {upto}
), events as (
    select {", ".join(keys)}, event_at, status, status_source, assignment_group, __row,
        coalesce({same}, false) as __same, not coalesce({same_next}, false) as __last,
        coalesce({back}, false) as __back,
        coalesce({same_state} and lag(__state_upto) over () in {_DONE} and status in {_REOPENED}, false) as __reopen,
        coalesce({reassign}, false) as __reassign
    from owners
), running as (
    select *,
        last_value(case when not __same then __row end ignore nulls) over __w as __first_row,
        last_value(case when not __same then event_at end ignore nulls) over __w as __created,
        {latest("resolved", "status = 'resolved'", "event_at")}, {latest("closed", "status = 'closed'", "event_at")},
        {latest("state", "status is not null", "status")},
        last_value(case when status is not null then status_source end ignore nulls) over __w as __state_source,
        last_value(case when __reopen then __row end ignore nulls) over __w as __reopened_row,
        {latest("group", "assignment_group is not null", "assignment_group") if group else "null as __group_row"},
        count(*) filter (where __reopen) over __w as __reopens, count(*) filter (where __reassign) over __w as __reassigned,
        count(*) filter (where __back) over __w as __breaks, count(*) filter (where event_at is null) over __w as __untyped,
        count(*) over __w as __events
    from events {upto}
), tickets as (
    select *, {", ".join(f"{c} - lag({c}, 1, 0) over () as {c}_n" for c in counts)},
        case when __state_row >= __first_row then __state end as __status
    from running where __last
)
select {system}, ticket_id, __created as created_at,
    case when __status in {_DONE} and __resolved_row >= __first_row
        and (__reopened_row is null or __reopened_row < __first_row or __resolved_row > __reopened_row)
        then __resolved end as resolved_at,
    case when __status = 'closed' and __closed_row >= __first_row then __closed end as closed_at,
    __status as status, case when __state_row >= __first_row then __state_source end as status_source,
    {"case when __group_row >= __first_row then __group end" if group else "null::varchar"} as assignment_group,
    __reassigned_n as reassignment_count, __reopens_n as reopen_count{nulls},
    __row, __events_n as __events, __breaks_n as __order_breaks, __untyped_n as __untyped
from tickets
"""


# the ticket fields event_run_sql gives (the others it leaves null)
_RUN_FIELDS = ("source_system", "ticket_id", "created_at", "resolved_at", "closed_at", "status", "status_source",
               "assignment_group", "reassignment_count", "reopen_count")
_CODE_BITS = 10  # event_run_sql packs a line and a state code into one number: room for _STATUS_CASE_LIMIT codes


def event_run_sql(resolved: ResolvedMapping, states: Sequence[tuple[str, str]], also_breaks: str | None = None) -> str:
    """The tickets of _ticket_incoming_all's events read in file order, for a log whose state is a code (__code: i for
    states[i - 1], (raw state, state read); 0 a state not among them; null no state, as an event naming none) and
    whose other fields raw.ticket_event_rows holds: the same tickets as event_aggregate_sql(in_file_order=True) gives
    such a log, from a narrower pass. The state and owner before each event come from one streaming window each (the
    last named up to the row before, a ticket's first row standing for "none yet" so no other ticket's shows
    through), so no ticket id is carried through a running window; one hash aggregate takes, per ticket, the latest
    state with its line as one number (line * 2^_CODE_BITS + code), the later of the last resolving and the last
    reopening event as one number (odd: resolved), and the counts; the state's texts are looked up from its code
    once per ticket. also_breaks: a condition on an event (its cells, __code) that counts as an order break."""
    pos = resolved.positions
    keys = ("source_system", "ticket_id") if "source_system" in pos else ("ticket_id",)
    system = "source_system" if "source_system" in pos else f"{_lit(resolved.mapping.source_system)} as source_system"
    owner = _owner_sql(pos)
    group = "assignment_group" in pos

    def codes(*values: str) -> str:  # the codes whose state read is one of values, as a SQL list ("(-1)": none)
        found = [str(i) for i, (_, state) in enumerate(states, 1) if state in values]
        return f"({', '.join(found) or '-1'})"

    done, reopened, ended = codes(*_DONE_STATES), codes(*_REOPENED_STATES), codes(*_DONE_STATES, "cancelled")
    resolved_code, closed_code = codes("resolved"), codes("closed")
    same = " and ".join(f"lag({k}) over () = {k}" for k in keys)
    upto = "over (rows between unbounded preceding and current row)"
    cells = [c for c in ("resource", "assignment_group") if c in pos]
    state = f"__state % {1 << _CODE_BITS}"

    def text_of(index: int) -> str:  # the state's text (0: as exported, 1: as read) from its code
        if not states:
            return "null::varchar"
        return f"([{', '.join(_lit(s[index]) for s in states)}])[{state}]"

    nulls = "".join(f", null::{f.sql_type} as {f.name}" for f in TICKET_FIELDS if f.name not in _RUN_FIELDS)
    owner_running = (f", last_value(case when __owner is not null then __owner when __first then '' end ignore nulls)"
                     f" {upto} as __owner_upto" if owner else "")
    prev_owner = ("case when not __first then nullif(lag(__owner_upto) over (), '') end" if owner
                  else "null::varchar")
    return f"""
with marked as (
    select {", ".join(keys)}, event_at, __code, {owner or 'null::varchar'} as __owner, __row{''.join(f", {c}" for c in cells)},
        not coalesce({same}, false) as __first, coalesce({same} and lag(event_at) over () > event_at, false) as __late
    from _ticket_incoming_all
), running as (
    select *, last_value(case when __code is not null then __code when __first then -1 end ignore nulls) {upto}
            as __state_upto{owner_running}
    from marked
), ev as (
    select *, case when not __first then lag(__state_upto) over () end as __prev, {prev_owner} as __prev_owner,
        __late{f' or coalesce({also_breaks}, false)' if also_breaks else ''} as __back
    from running
), agg as (
    select {system}, ticket_id, min(event_at) as created_at,
        max(event_at) filter (where __code in {resolved_code}) as __resolved_at,
        max(event_at) filter (where __code in {closed_code}) as __closed_at,
        max(__row * {1 << _CODE_BITS} + __code) filter (where __code is not null) as __state,
        max(case when __code in {resolved_code} then __row * 2 + 1
                 when __prev in {done} and __code in {reopened} then __row * 2 end) as __last_done,
        count(*) filter (where __prev in {done} and __code in {reopened}) as reopen_count,
        count(*) filter (where __owner <> __prev_owner and (__code is null or __code not in {ended}))
            as reassignment_count,
        {"arg_max(assignment_group, __row) filter (where assignment_group is not null)" if group else "null::varchar"}
            as assignment_group,
        max(__row) as __row, count(*) as __events,
        count(*) filter (where __first) - 1 + count(*) filter (where __back) as __order_breaks,
        count(*) filter (where event_at is null) as __untyped
    from ev group by {", ".join(keys)}
)
select source_system, ticket_id, created_at,
    case when {state} in {done} and __last_done % 2 = 1 then __resolved_at end as resolved_at,
    case when {state} in {closed_code} then __closed_at end as closed_at,
    {text_of(1)} as status, {text_of(0)} as status_source, assignment_group, reassignment_count, reopen_count{nulls},
    __row, __events, __order_breaks, __untyped
from agg
"""


_INSERT_COLUMNS = ", ".join(f.name for f in TICKET_FIELDS) + ", source_row, file_no"


def _quarantine_message(con, file: str, quarantined: int, rows_read: int, copies: int = 0) -> str | None:
    """copies: rows set aside as exact copies of a later row (every cell equal), said apart."""
    if not quarantined:
        return None
    first = con.execute("select row_number, reason from raw.ticket_quarantine where file = ? "
                        "order by row_number limit 1", [file]).fetchone()
    said = ""
    if copies:
        said = (f" {copies} row{'s are exact copies' if copies > 1 else ' is an exact copy'} of another row (every "
                f"cell equal): each such ticket is loaded once.")
    return (f"{file}: {quarantined} of {rows_read} rows quarantined (see raw.ticket_quarantine); "
            f"first: row {first[0]}: {first[1]}.{said}")


def _preset_label(mapping: ColumnMapping) -> str:
    return mapping.name if mapping.origin == "preset" else f"{mapping.name} ({mapping.origin})"


def _load_csv_direct(con, file: str, digest: _FileDigest, exported_at: dt.datetime, resolved: ResolvedMapping,
                     layout: CsvLayout, source: Path, loaded_at: dt.datetime) -> FileLoadResult | None:
    """Fast path for a CSV into an empty raw.ticket_rows: one scan of the file into the table (one DuckDB thread).

    Every record, padding rows too, is inserted in file order, in one thread, with its line in source_row (numbered
    as it is read: a streaming row_number, no window over the file's values; -1 to be quarantined, -2 padding), which
    holds when the file has one line per record (checked against its lines). Timestamp and number
    columns whose first rows the reader can type are typed by it (typed_csv_columns). Priority,
    status and channel go in as exported and are normalised afterwards from their few distinct
    values. One aggregate over the table then checks flags, padding, ids and coded values.

    None, with nothing kept, when the careful path is needed: DuckDB cannot parse the file, a row
    would be quarantined (a reason), a ticket id repeats or has spaces around
    it, or the records do not line up with the file's lines (a blank line, a line break inside a
    quoted value).
    """
    typed = typed_csv_columns(con, source, layout, resolved)
    as_exported = {"priority": "prio_raw", "status": "status_raw", "channel": "channel_raw"}
    columns = ", ".join(as_exported.get(f.name, f.name) for f in TICKET_FIELDS)
    # the flag in source_row: -2 padding, -1 to be quarantined, else the record's line: numbered as it is read (one
    # thread, in file order: a streaming row_number), valid when the file has one line per record (checked below);
    # numbering by position afterwards was an update of every row (~0.2 CPU-s per 10 M, and more for the commit)
    flag = "case when __blank then -2 when reason is not null then -1 else row_number() over () + 1 end"
    file_no = _next_file_no(con)
    text = [f.name for f in TICKET_FIELDS if f.sql_type == "VARCHAR"]
    coded = ("priority", "status", "channel")
    # The null markers ("-", "N/A", ...) are first left to be found afterwards, in the scan below (a quarter of what
    # the reader's own comparison costs): an export without any loads in one read. A marker in a stored cell, a
    # typed column the reader could not convert, or a row set aside (a marker in a date or number read as text
    # gives it a reason): the file is read again with the reader's markers, as every other path reads it. An
    # export whose first rows hold a marker is read with them at once.
    for markers in ((True,) if _markers_in_sample(con, source, layout) else (False, True)):
        stage_sql = stage_select_sql(resolved, layout.header,
                                     *_csv_source_sql(source, layout, numbered=False, typed=typed, markers=markers),
                                     trim=False, typed=typed)
        with _insertion_order(con, True), _threads(con, 1):  # (settings, outside the transaction)
            con.execute("begin transaction")
            try:
                records = con.execute(f"insert into raw.ticket_rows ({_INSERT_COLUMNS}) select {columns}, {flag}, "
                                      f"{file_no} from ({stage_sql})").fetchone()[0]
            except (duckdb.InvalidInputException, duckdb.ConversionException):
                con.execute("rollback")
                if markers:
                    return None
                continue

        # one scan of what was inserted: flags, positions, cells that need trimming (they were not
        # trimmed on the way in: a space at either end), null markers left as written, and the distinct
        # priority/status/channel values as stored: their few values are tested in Python instead of every cell
        cells = [c for c in text if c not in coded]
        marked = "false" if markers else " or ".join(f"bool_or({_null_marker_sql(c)})" for c in cells)
        bad, blank, marked, *found = con.execute(
            "select count(*) filter (where source_row = -1), count(*) filter (where source_row = -2), "
            f"{marked}, " + ", ".join(f"bool_or({c} like ' %' or {c} like '% ')" for c in cells) + ", "
            + ", ".join(f"list(distinct {c}) filter (where {c} is not null)" for c in coded)
            + " from raw.ticket_rows").fetchone()
        stored = [found[len(cells) + i] or [] for i in range(len(coded))]
        found = dict(zip(cells, found[:len(cells)])) | {
            c: any(v.startswith(" ") or v.endswith(" ") for v in values) for c, values in zip(coded, stored)}
        found = [found[c] for c in text]
        if not markers:
            marked = marked or any(v and v in NULL_TEXTS for values in stored for v in values)
        # (trimmed as DuckDB's trim() does: spaces)
        values = [sorted({v.strip(" ") for v in vs} - {""}) for vs in stored]
        if markers or not (bad or marked):
            break
        con.execute("rollback")

    def careful() -> None:
        con.execute("rollback")

    padded = [c for c, n in zip(text, found) if n]
    if bad or digest.lines != 1 + records:
        return careful()
    # an id (or source system) with spaces around it may be blank or clash with another: careful path
    if {"ticket_id", "source_system"} & set(padded):
        return careful()
    rows_read = records - blank
    if not _ids_distinct(con, rows_read):  # ids repeat: the staged path sets the superseded rows aside
        return careful()
    if blank:
        con.execute("delete from raw.ticket_rows where source_row = -2")
    if padded:
        con.execute("update raw.ticket_rows set " + ", ".join(f"{c} = nullif(trim({c}), '')" for c in padded)
                    + " where " + " or ".join(f"trim({c}) <> {c}" for c in padded))
    _value_maps(con, resolved, itertools.zip_longest(*values))
    for column, table in (("priority", "_ticket_priority_map"), ("status", "_ticket_status_map"),
                          ("channel", "_ticket_channel_map")):
        if con.execute(f"select exists(select 1 from {table} where raw is distinct from value)").fetchone()[0]:
            con.execute(f"update raw.ticket_rows set {column} = m.value from {table} m "
                        f"where raw.ticket_rows.{column} = m.raw and m.raw is distinct from m.value")
    result = FileLoadResult(
        file, digest.sha256, FileStatus.LOADED, preset=_preset_label(resolved.mapping), exported_at=exported_at,
        rows_read=rows_read, rows_loaded=rows_read, rows_inserted=rows_read, tickets=rows_read)
    _record_file(con, result, loaded_at, file_no)
    con.execute("commit")
    return result


def _markers_in_sample(con, source: Path, layout: CsvLayout) -> bool:
    """Whether a cell of a CSV's first rows (TYPED_SAMPLE_ROWS) is a null marker (NULL_TEXTS; an empty cell is none).
    True also when DuckDB cannot read them: the caller then reads as every path does."""
    cols = {f"c{i + 1}": "VARCHAR" for i in range(len(layout.header))}
    found = " or ".join(f"bool_or({_null_marker_sql(c)})" for c in cols)
    try:
        return bool(con.execute(f"select coalesce({found}, false) from (select * from "
                                f"{_read_csv_sql(source, layout.delimiter, cols, markers=False)} "
                                f"limit {TYPED_SAMPLE_ROWS})").fetchone()[0])
    except (duckdb.InvalidInputException, duckdb.ConversionException):
        return True


def _ids_distinct(con, tickets: int) -> bool:
    """Whether the tickets just inserted into raw.ticket_rows (source_row > 0: their lines) have distinct (source
    system, id). An export usually lists its tickets by number: ids that only grow, read as they
    come (a streaming lag, no hash table), are distinct; otherwise the distinct ids are counted (a
    hash per id: a collision only sends the file the careful way)."""
    # (a loadable row always has an id: a plain lag, which DuckDB streams; "ignore nulls" would buffer every row)
    growing = con.execute("""select count(*) filter (where __before >= ticket_id) = 0 from (
        select ticket_id, lag(ticket_id) over () as __before from raw.ticket_rows where source_row > 0)""")
    if growing.fetchone()[0]:
        return True
    return con.execute("select count(distinct hash(source_system, ticket_id)) from raw.ticket_rows "
                       "where source_row > 0").fetchone()[0] == tickets


# The fields raw.ticket_events holds: an event log reading no others is loaded straight into it
_EVENT_TABLE_FIELDS = frozenset({"source_system", "ticket_id", "event_at", "activity", "resource", "status",
                                 "status_source", "assignment_group"})
_STATUS_CASE_LIMIT = 500  # distinct states in the first rows a CASE normalises; more: the staged path


def _fits_event_table(resolved: ResolvedMapping) -> bool:
    """An event log whose fields raw.ticket_events holds; the source's own status (status_source)
    not separate from the state read (it keeps the raw state the status was normalised from)."""
    return (set(resolved.positions) <= _EVENT_TABLE_FIELDS - {"status_source"}
            and resolved.first_response_minutes_position is None)


def _load_event_log_direct(con, file: str, digest: _FileDigest, exported_at: dt.datetime,
                           resolved: ResolvedMapping, layout: CsvLayout, source: Path,
                           loaded_at: dt.datetime) -> FileLoadResult | None:
    """Fast path for an event log whose columns raw.ticket_event_rows holds (a process-mining log: case id,
    activity, time, resource, group), into an empty raw.ticket_event_rows: one scan of the file writes every
    record there, in file order, numbered as it comes (one line per record, checked against the file's lines):
    the event time typed once on the way in (its column's date formats) with the offset it was printed with, the
    other cells as read (empty as null; the few padded ones trimmed afterwards). The tickets are grouped from the
    stored events (event_stream_sql, else event_aggregate_sql: without a sort when the file lists each ticket's
    events together and in time order, else with the window), and the states are normalised from their few
    distinct values (a CASE there; raw.ticket_event_states for the events view). Padding rows are flagged
    (source_row -2) and removed. A time that cannot be read is kept as printed (event_at_text) until the event is
    set aside in raw.ticket_quarantine (file, line, the line's text, the column and value) with any event without
    an id; neither is kept, and the tickets are then grouped again without them.

    None, with nothing kept, when the staged path is needed: DuckDB cannot parse the file, too many distinct
    states, or records that do not line up with lines.
    """
    mapping, pos, header = resolved.mapping, resolved.positions, layout.header
    file_no = _next_file_no(con)

    def cell(name: str) -> str:  # as the reader gives it (null markers null; padding trimmed below)
        return f"c{pos[name] + 1}" if name in pos else "null::varchar"

    system = f"coalesce({cell('source_system')}, {_lit(mapping.source_system)})" if "source_system" in pos \
        else _lit(mapping.source_system)
    flag = "case when __blank then -2 else row_number() over () + 1 end"
    # the stored text columns and the fields they hold (the time is typed: its text is kept only where it does not
    # read, event_at_text)
    kept = [(column, name) for column, name in (
        ("source_system", "source_system"), ("ticket_id", "ticket_id"), ("event_at_text", "event_at"),
        ("activity", "activity"), ("resource", "resource"), ("status_source", "status"),
        ("assignment_group", "assignment_group")) if name in pos]
    stored = [column for column, _ in kept]
    at = cell("event_at")
    # one thread: the numbering (row_number over the file) streams in one thread anyway, and the rows then
    # reach the table as whole row groups, compressed as they are written; in parallel, each block of the
    # file the reader hands out ends in a part-filled row group that the next checkpoint merges and
    # compresses again (measured at 1 M events: the same insert CPU, and a 0.6 CPU-s checkpoint gone).
    # The state is the status column as exported, else the activity (status_source null: not stored twice).
    # The null markers (-, N/A, ...) are first left to be found in the stored events (the reader's comparison of
    # every cell with each costs a sixth of the insert, 2 M events); a marker there, or an event without an id (its
    # line may hold only markers, padding when they are read as null), and the file is read again with them.
    for markers in ((True,) if _markers_in_sample(con, source, layout) else (False, True)):
        source_sql, _ = _csv_source_sql(source, layout, numbered=False, markers=markers)
        with _insertion_order(con, True), _threads(con, 1):  # (settings, outside the transaction)
            con.execute("begin transaction")
            try:
                records = con.execute(f"""insert into raw.ticket_event_rows ({", ".join(EVENT_ROW_COLUMNS)})
                    select {system}, {cell('ticket_id')}, __at, {offset_sql(at)}, case when __at is null then {at} end,
                        {cell('activity')}, {cell('resource')}, {cell('status')}, {cell('assignment_group')}, {flag},
                        {file_no}
                    from (select *, {_time_sql(resolved, 'event_at', at)} as __at from ({source_sql}))""").fetchone()[0]
            except (duckdb.InvalidInputException, duckdb.ConversionException):
                con.execute("rollback")
                return None
        if digest.lines != 1 + records:
            con.execute("rollback")
            return None
        if markers or not con.execute(
                "select coalesce(" + " or ".join([f"bool_or({_null_marker_sql(c)})" for c in stored]
                                                 + ["bool_or(ticket_id is null and source_row <> -2)"])
                + ", false) from raw.ticket_event_rows").fetchone()[0]:
            break
        con.execute("rollback")
    if con.execute("select exists(select 1 from raw.ticket_event_rows where source_row = -2)").fetchone()[0]:
        blank = con.execute("delete from raw.ticket_event_rows where source_row = -2").fetchone()[0]
    else:
        blank = 0
    con.execute("delete from raw.ticket_quarantine where file = ?", [file])
    typed_events = _typed_events_sql(con, resolved, file_no)
    if typed_events is None:
        con.execute("rollback")
        return None
    grouped, out_of_order = None, False
    if not con.execute("select exists(select 1 from raw.ticket_rows)").fetchone()[0]:
        grouped, out_of_order = _group_events_into_rows(con, resolved, typed_events, file_no, stored)
    quarantined = 0
    if grouped is not None:  # every event typed, no padding, each ticket's events together and in time order
        distinct = inserted = grouped
        updated = 0
    else:
        # cells were not trimmed on the way in (trimming every cell costs more than finding the few with spaces);
        # a time that did not read is read again trimmed
        padded = con.execute("select " + ", ".join(f"bool_or({c} like ' %' or {c} like '% ')" for c in stored)
                             + " from raw.ticket_event_rows").fetchone()
        padded = [c for c, found in zip(stored, padded) if found and c != "event_at_text"]
        if padded:
            con.execute("update raw.ticket_event_rows set " + ", ".join(f"{c} = nullif(trim({c}), '')" for c in padded)
                        + " where " + " or ".join(f"trim({c}) <> {c}" for c in padded))
            typed_events = _typed_events_sql(con, resolved, file_no)  # (the states, trimmed)
            if typed_events is None:
                con.execute("rollback")
                return None
        untyped = con.execute("select exists(select 1 from raw.ticket_event_rows where event_at_text is not null)"
                              ).fetchone()[0]
        if untyped:
            text = "nullif(trim(event_at_text), '')"
            con.execute(f"""update raw.ticket_event_rows set event_at = __at, event_at_offset = {offset_sql(text)},
                    event_at_text = case when __at is null then {text} end
                from (select rowid as __id, {_time_sql(resolved, 'event_at', text)} as __at from raw.ticket_event_rows
                      where event_at_text is not null) as r
                where raw.ticket_event_rows.rowid = r.__id""")
        con.execute(f"create or replace temp view _ticket_incoming_all as {typed_events}")
        # (events found out of order above, and no padding that could have been the reason: straight to the window)
        _group_events(con, resolved, in_file_order=not (out_of_order and not (padded or untyped)))
        untyped = con.execute("select count(*) filter (where ticket_id is null) > 0 or sum(__untyped) > 0 "
                              "from _ticket_incoming").fetchone()[0]
        if untyped:  # (only for a file with events to set aside)
            quarantined = _quarantine_events(con, file, resolved, header, source, loaded_at)
            con.execute(f"create or replace temp view _ticket_incoming_all as select * from ({typed_events}) "
                        f"where ticket_id is not null and event_at is not null")
            _group_events(con, resolved)
        distinct = con.execute("select count(*) from _ticket_incoming").fetchone()[0]
        inserted, updated = _write_tickets(con, file, exported_at, file_no)
    rows_read = records - blank
    result = FileLoadResult(
        file, digest.sha256, FileStatus.PARTIAL if quarantined else FileStatus.LOADED,
        preset=_preset_label(mapping), exported_at=exported_at, rows_read=rows_read,
        rows_loaded=rows_read - quarantined, rows_quarantined=quarantined, rows_inserted=inserted - updated,
        rows_updated=updated, rows_kept_newer=distinct - inserted, tickets=distinct,
        message=_quarantine_message(con, file, quarantined, rows_read))
    _record_file(con, result, loaded_at, file_no, _event_formats(resolved))
    con.execute("commit")
    return result


_UNKNOWN_STATE = "\x01"  # (the landed path's CASE: a state its first rows did not show)


def _load_event_log_landed(con, file: str, digest: _FileDigest, exported_at: dt.datetime,
                           resolved: ResolvedMapping, layout: CsvLayout, source: Path,
                           loaded_at: dt.datetime) -> FileLoadResult | None:
    """Fastest path for an event log whose columns raw.ticket_event_rows holds, into a warehouse with no events kept
    yet: the file is read straight into its tickets (event_run_sql: in file order, the state as a code, one streaming
    window each for the state and owner before each event and one hash aggregate by ticket; event_aggregate_sql with
    the window when a ticket's events are not together and in time order), and its events are kept as the file itself, copied into the landing folder
    (landing_dir) and registered in raw.ticket_event_files with the SELECT that reads them as raw.ticket_event_rows
    would hold them (the time typed with its column's formats in Oslo time, the offset as printed, the line each
    starts on), which raw.ticket_events unions with the stored rows. Writing every event as a row cost more than
    DuckDB's own read_csv and grouping of the file (issue 13's bar: 1.5 x that); the landed copy costs a file copy.

    The states are normalised by a CASE over those of the file's first rows (INFER_SAMPLE_ROWS); a state not among
    them sends the loader to look for every state (one more read) and read the file again. A file the direct path
    would have to clean (a record over more than one line, an event without an id or a time that reads, a cell padded
    with spaces or holding a null marker, too many states), or a warehouse in memory: None with nothing kept, and
    the direct path (events as rows) takes the file.
    """
    folder = landing_dir(con)
    if folder is None:
        return None
    mapping, pos = resolved.mapping, resolved.positions
    state_name = "status" if "status" in pos else "activity" if "activity" in pos else None
    source_sql, _ = _csv_source_sql(source, layout, numbered=False, markers=False)
    state_cell = f"c{pos[state_name] + 1}" if state_name else "null::varchar"

    def states(limit: str) -> set[str] | None:
        """The distinct states of the file's first rows (limit) or of all; None: too many for a CASE, or one padded
        (the direct path trims it)."""
        try:
            found = con.execute(f"select list(distinct {state_cell}) from (select {state_cell} from ({source_sql}) "
                                f"{limit}) where {state_cell} is not null").fetchone()[0] if state_name else []
        except (duckdb.InvalidInputException, duckdb.ConversionException):
            return None
        found = {raw for raw in found or [] if raw not in NULL_TEXTS}
        return None if len(found) > _STATUS_CASE_LIMIT or any(raw != raw.strip() for raw in found) else found

    raws = states(f"limit {INFER_SAMPLE_ROWS}")
    if raws is None:
        return None
    state_of = state_reader(resolved)
    file_no = _next_file_no(con)

    def cell(name: str) -> str:
        return f"c{pos[name] + 1}" if name in pos else "null::varchar"

    system = f"coalesce({cell('source_system')}, {_lit(mapping.source_system)})" if "source_system" in pos \
        else _lit(mapping.source_system)
    at = cell("event_at")
    # a cell padded with spaces or holding a null marker (the direct path trims them, or reads them as null): the
    # event counts as a break, and the file takes the direct path. A state is checked by the CASE (a state not in
    # it is unknown) and an id once per ticket (below); the other cells on the view's columns where the aggregate
    # reads them (a column of flags would be carried through every window).
    def padded_or_marker(c: str) -> str:
        return f"coalesce({c} like ' %' or {c} like '% ' or {_null_marker_sql(c)}, false)"

    unclean = " or ".join([padded_or_marker(c) for c in ("source_system", "resource", "assignment_group") if c in pos]
                          + [f"status = {_lit(_UNKNOWN_STATE)}"])
    # (event_run_sql's: the state by its code; the source system, a grouping key, checked once per ticket below)
    unclean_coded = " or ".join([padded_or_marker(c) for c in ("resource", "assignment_group") if c in pos]
                                + ["__code = 0"])
    others = ", ".join(f"null::{f.sql_type} as {f.name}" for f in TICKET_FIELDS
                       if f.name not in ("source_system", "ticket_id", "activity", "resource", "status",
                                         "status_source", "assignment_group"))

    def incoming(known: set[str]) -> list[tuple[str, str]]:
        """_ticket_incoming_all: the file's events, the known states normalised by a CASE (others unknown), and beside
        them as a code (__code, event_run_sql's); returns the coded states (raw, state read), code i at i - 1."""
        read = [(raw, state_of(raw, mapping.status_values)) for raw in sorted(known)]
        coded = [(raw, value) for raw, value in read if value is not None]
        whens = " ".join(f"when {_lit(raw)} then {_lit(value) if value is not None else 'null'}" for raw, value in read)
        unknown = f"case when {state_cell} is not null then {_lit(_UNKNOWN_STATE)} end"
        status = (f"case {state_cell} {whens} else {unknown} end" if whens else unknown) if state_name \
            else "null::varchar"
        number = {raw: i for i, (raw, _) in enumerate(coded, 1)}
        code_whens = " ".join(f"when {_lit(raw)} then {number.get(raw, 'null')}" for raw, _ in read)
        unknown_code = f"case when {state_cell} is not null then 0 end"
        code = (f"case {state_cell} {code_whens} else {unknown_code} end" if code_whens else unknown_code) \
            if state_name else "null::integer"
        con.execute(f"""create or replace temp view _ticket_incoming_all as
            select {system} as source_system, {cell('ticket_id')} as ticket_id, __at as event_at,
                {cell('activity')} as activity, null::varchar as event_at_text, {cell('resource')} as resource,
                {status} as status, {state_cell} as status_source, {cell('assignment_group')} as assignment_group,
                row_number() over () + 1 as __row, ({code})::integer as __code, {others}
            from (select *, {_time_sql(resolved, 'event_at', at)} as __at from ({source_sql}))""")
        return coded

    bad_id = " or ".join(f"{c} like ' %' or {c} like '% ' or {_null_marker_sql(c)}"
                         for c in ("ticket_id", "source_system") if c == "ticket_id" or c in pos)

    def grouped(known: set[str], in_file_order: bool) -> tuple[int, int, int, int] | None:
        """The tickets into _ticket_incoming; (events, breaks, tickets with a bad id or time, tickets), None when
        DuckDB cannot read the file."""
        coded = incoming(known)
        try:
            # in file order one thread: the streaming windows read the file in one anyway (more threads only merge)
            with _insertion_order(con, in_file_order), _threads(con, 1 if in_file_order else _current_threads(con)):
                con.execute("create or replace temp table _ticket_incoming as "
                            + (event_run_sql(resolved, coded, also_breaks=unclean_coded) if in_file_order else
                               event_aggregate_sql(resolved, in_file_order=False, also_breaks=unclean)))
        except (duckdb.InvalidInputException, duckdb.ConversionException):
            return None
        return con.execute(
            "select coalesce(sum(__events), 0), coalesce(sum(__order_breaks), 0), count(*) filter (where ticket_id "
            f"is null or __untyped > 0 or {bad_id}), count(*) from _ticket_incoming").fetchone()

    def written(known: set[str]) -> tuple[int, int] | None:
        """Into a warehouse without tickets: the tickets of the events read in file order written straight into
        raw.ticket_rows, in a transaction left open (no temporary copy of the tickets); (events, tickets). None, rolled
        back, when a ticket breaks the order or has a bad id or time (flagged by its line: -1), or the records do not
        line up with the file's lines (the last record's line is then not the file's last)."""
        coded = incoming(known)
        # only the fields an event log fills (the others are null: the table's default)
        fields = ", ".join(_RUN_FIELDS)
        with _insertion_order(con, True), _threads(con, 1):  # (settings, outside the transaction)
            con.execute("begin transaction")
            try:
                tickets = con.execute(f"""insert into raw.ticket_rows ({fields}, source_row, file_no)
                    select {fields}, case when __order_breaks > 0 or __untyped > 0 or ticket_id is null or {bad_id}
                        then -1 else __row end, {file_no}
                    from ({event_run_sql(resolved, coded, also_breaks=unclean_coded)})""").fetchone()[0]
            except (duckdb.InvalidInputException, duckdb.ConversionException):
                con.execute("rollback")
                return None
        flagged, last = con.execute("select count(*) filter (where source_row = -1), max(source_row) "
                                    "from raw.ticket_rows").fetchone()
        if flagged or last is None or digest.lines != last:
            con.execute("rollback")
            return None
        return last - 1, tickets

    # The events read in file order (no sort), straight into raw.ticket_rows when it has no tickets; when that
    # breaks, the states the first rows did not show are looked for (one more read of the file) and the file read in
    # file order again with them, and then grouped with the window (a ticket's events not together or not in time
    # order). A break then is a cell the direct path has to clean.
    direct = written(raws) if not con.execute("select exists(select 1 from raw.ticket_rows)").fetchone()[0] else None
    if direct is not None:
        events, tickets = direct
    else:
        counts = grouped(raws, True)
        if counts is not None and counts[1]:
            found = states("")
            if found is None:
                return None
            if found - raws:
                raws = found
                counts = grouped(raws, True)
            if counts is not None and counts[1]:
                counts = grouped(raws, False)
        if counts is None:
            return None
        events, breaks, bad, tickets = counts
        if breaks or bad or digest.lines != 1 + events:
            return None
    normalised = {raw: state_of(raw, mapping.status_values) for raw in sorted(raws)}
    # the events as the loader would have kept them as rows, read from the landed file when asked
    events_sql = (f"select {system} as source_system, {cell('ticket_id')} as ticket_id, "
                  f"{_time_sql(resolved, 'event_at', at, OSLO_TZ)} as event_at, {offset_sql(at)} as event_at_offset, "
                  f"null::varchar as event_at_text, {cell('activity')} as activity, {cell('resource')} as resource, "
                  f"{cell('status')} as status_source, {cell('assignment_group')} as assignment_group, "
                  f"(row_number() over () + 1)::bigint as source_row, {int(file_no)}::integer as file_no "
                  f"from {_read_csv_sql(source, layout.delimiter, {f'c{i + 1}': 'VARCHAR' for i in range(len(layout.header))}, markers=False)}"
                  ).replace(_lit(str(source)), LANDED_PLACEHOLDER)
    folder.mkdir(parents=True, exist_ok=True)
    landed = f"{digest.sha256}.csv"  # (the export's content; the same export landed before is not copied again)
    part = folder / f"{landed}.{file_no}.part"
    if (folder / landed).is_file() and (folder / landed).stat().st_size == source.stat().st_size:
        part = None
    else:
        shutil.copyfile(source, part)
    try:
        if direct is None:
            con.execute("begin transaction")
        con.execute("delete from raw.ticket_quarantine where file = ?", [file])
        con.execute("delete from raw.ticket_event_states where file_no = ?", [file_no])
        if normalised:
            con.executemany("insert into raw.ticket_event_states values (?, ?, ?)",
                            [(file_no, raw, value) for raw, value in normalised.items()])
        inserted, updated = (tickets, 0) if direct is not None else _write_tickets(con, file, exported_at, file_no)
        con.execute("insert into raw.ticket_event_files values (?, ?, ?)", [file_no, landed, events_sql])
        result = FileLoadResult(
            file, digest.sha256, FileStatus.LOADED, preset=_preset_label(mapping), exported_at=exported_at,
            rows_read=events, rows_loaded=events, rows_quarantined=0, rows_inserted=inserted - updated,
            rows_updated=updated, rows_kept_newer=tickets - inserted, tickets=tickets,
            message=_quarantine_message(con, file, 0, events))
        _record_file(con, result, loaded_at, file_no, _event_formats(resolved))
        if part is not None:
            part.replace(folder / landed)
        _landed_events_view(con)
        con.execute("commit")
    except BaseException:
        if part is not None:
            part.unlink(missing_ok=True)
        raise
    return result


def _typed_events_sql(con, resolved: ResolvedMapping, file_no: int) -> str | None:
    """The query giving the events of load file_no kept in raw.ticket_event_rows as _ticket_incoming_all's rows
    (the time as stored, typed; the state normalised from its few distinct values by a CASE; those values recorded in
    raw.ticket_event_states for the events view, replacing any recorded before). None: too many distinct states
    for a CASE (the staged path normalises them)."""
    states = con.execute("select list(distinct coalesce(status_source, activity)) filter (where "
                         "coalesce(status_source, activity) is not null) from raw.ticket_event_rows").fetchone()[0]
    if len(states or []) > _STATUS_CASE_LIMIT:
        return None
    mapping = resolved.mapping
    state_of = state_reader(resolved)
    normalised = {raw: state_of(raw, mapping.status_values) for raw in states or []}
    con.execute("delete from raw.ticket_event_states where file_no = ?", [file_no])
    if normalised:
        con.executemany("insert into raw.ticket_event_states values (?, ?, ?)",
                        [(file_no, raw, value) for raw, value in normalised.items()])
    status = ("case coalesce(status_source, activity) " + " ".join(
        f"when {_lit(raw)} then {_lit(value) if value is not None else 'null'}" for raw, value in normalised.items())
        + " end") if normalised else "null::varchar"
    stored = {"source_system", "ticket_id", "event_at", "activity", "resource", "status", "status_source",
              "assignment_group"}
    others = ", ".join(f"null::{f.sql_type} as {f.name}" for f in TICKET_FIELDS if f.name not in stored)
    return f"""select source_system, ticket_id, event_at, activity, event_at_text,
            resource, {status} as status, coalesce(status_source, activity) as status_source, assignment_group,
            source_row as __row, {others}
        from raw.ticket_event_rows"""


def _group_events_into_rows(con, resolved: ResolvedMapping, typed_events: str, file_no: int,
                            stored: Sequence[str]) -> tuple[int | None, bool]:
    """The tickets of a direct event log's events (typed_events) written straight into an empty raw.ticket_rows by
    one statement: the events read in file order, each ticket taken at its last event (event_stream_sql: no sort,
    no hash table, no temporary copy of the tickets). Returns the tickets written. None, with nothing written,
    when the file needs more: a ticket whose events are not together and in time order, an event without an id or
    a time that reads, or a stored cell with a space at either end (stored: the columns holding cells). Such a
    ticket is written with source_row -1 (its events out of order, or a padded cell of an event) or -2 (the
    others), as the statement cannot also return a count: one scan of the tickets finds them, and counts the
    distinct ids (a ticket whose events are not together came out twice); the tickets are then taken out again.
    Returns (tickets written or None, whether the events were out of order or padded)."""
    def padded(column: str) -> str:
        return f"({column} like ' %' or {column} like '% ')"

    per_ticket = [c for c in stored if c in ("source_system", "ticket_id")]  # (the grouping keys: once per ticket)
    per_event = " or ".join(padded(c) for c in stored if c not in per_ticket)
    ticket_ok = " and ".join(["__untyped = 0", "ticket_id is not null"]
                             + [f"not {padded(c)}" for c in per_ticket])
    fields = ", ".join(f.name for f in TICKET_FIELDS)
    con.execute(f"create or replace temp view _ticket_incoming_all as {typed_events}")
    # in file order: the order each ticket's rows are read in is checked on the way (__order_breaks); one thread (the
    # streaming windows read the events in one anyway: more threads only split the insert, which costs more CPU)
    with _insertion_order(con, True), _threads(con, 1):
        tickets = con.execute(f"""insert into raw.ticket_rows ({_INSERT_COLUMNS})
            select {fields}, case when __order_breaks > 0 then -1 when {ticket_ok} then __row else -2 end, {file_no}
            from ({event_stream_sql(resolved, also_breaks=per_event or None)})""").fetchone()[0]
    # a ticket out of order within itself is flagged; one whose events are not together came out more than once
    # (counted by hash: a collision only sends the file the longer way)
    # (an event without id is a ticket of its own, flagged -2)
    out_of_order, other, with_id, distinct = con.execute(
        "select count(*) filter (where source_row = -1) > 0, count(*) filter (where source_row = -2) > 0, "
        "count(ticket_id), count(distinct hash(source_system, ticket_id)) filter (where ticket_id is not null) "
        "from raw.ticket_rows").fetchone()
    out_of_order = out_of_order or distinct < with_id
    if out_of_order or other:
        con.execute("delete from raw.ticket_rows where file_no = ?", [file_no])
        return None, out_of_order
    return tickets, False


def _group_events(con, resolved: ResolvedMapping, in_file_order: bool = True) -> None:
    """_ticket_incoming: the tickets of _ticket_incoming_all's events, read in file order (no sort) when the
    file lists each ticket's events together and in time order, else grouped again with the window.
    in_file_order False: the order is known to be broken; grouped with the window at once."""
    # (The tickets go through a temporary table: written to raw.tickets in no particular order, DuckDB
    # compresses them as it writes; an insert that keeps the order leaves that to the checkpoint.)
    if in_file_order:
        with _insertion_order(con, True):  # (the streaming lag reads the events in file order)
            con.execute(f"create or replace temp table _ticket_incoming as {event_aggregate_sql(resolved, True)}")
    if not in_file_order or \
            con.execute("select exists(select 1 from _ticket_incoming where __order_breaks > 0)").fetchone()[0]:
        with _insertion_order(con, False):
            con.execute(f"create or replace temp table _ticket_incoming as {event_aggregate_sql(resolved)}")


def _quarantine_events(con, file: str, resolved: ResolvedMapping, header: Sequence[str], source: Path,
                       loaded_at: dt.datetime) -> int:
    """Events of raw.ticket_event_rows whose id is missing or whose time is missing or could not be read (kept as
    printed in event_at_text): into raw.ticket_quarantine with the line's text and every reason (the column, and the
    value that could not be read), and out of raw.ticket_event_rows. Returns how many. (One line per record: the
    direct path checked.)"""
    pos = resolved.positions
    id_label, at_label = (_lit(_header_label(header, pos[name])) for name in ("ticket_id", "event_at"))
    reason = (f"concat_ws('; ', case when ticket_id is null then 'missing ticket id (column ' || {id_label} || ')' end, "
              f"case when event_at_text is not null then 'unparseable date in column ' || {at_label} || ': \"' "
              f"|| event_at_text || '\" (expected ' || {_lit(_expected(resolved, 'event_at'))} || ')' "
              f"when event_at is null then 'missing event time (column ' || {at_label} || ')' end)")
    bad = con.execute(f"""select source_row, {reason} from raw.ticket_event_rows
        where ticket_id is null or event_at is null order by source_row""").fetchall()
    lines = _lines_at(source, {row for row, _ in bad})
    con.executemany("insert into raw.ticket_quarantine values (?, ?, ?, ?, ?)",
                    [(file, row, lines.get(row), why, loaded_at) for row, why in bad])
    con.execute("create or replace temp table _ticket_events_aside as select unnest(?) as source_row",
                [[row for row, _ in bad]])
    con.execute("delete from raw.ticket_event_rows where source_row in (select source_row from _ticket_events_aside)")
    con.execute("drop table _ticket_events_aside")
    return len(bad)


def _lines_at(path: Path, numbers: set[int]) -> dict[int, str]:
    """The text of the given lines of a UTF-8 file (1 = its first line), without their line breaks."""
    found: dict[int, str] = {}
    if not numbers:
        return found
    last = max(numbers)
    with path.open("r", encoding="utf-8-sig", errors="replace", newline="") as fh:
        for number, line in enumerate(fh, start=1):
            if number in numbers:
                found[number] = line.rstrip("\r\n")
            if number >= last:
                break
    return found


def _apply_stage(con, file: str, digest: _FileDigest, exported_at: dt.datetime, resolved: ResolvedMapping,
                 header: Sequence[str], loaded_at: dt.datetime) -> FileLoadResult:
    mapping = resolved.mapping
    maps = _value_maps(con, resolved, con.execute(
        f"select distinct prio_raw, status_raw, channel_raw from {_STAGE}").fetchall())
    sql = _normalised_sql(_STAGE, resolved, header, maps)
    con.execute(f"""create or replace temp view _ticket_incoming_all as
        select s.__row, s.raw_row as __raw_row, s.event_at, s.event_at_text as __event_at_text,
            s.status_raw as __status_raw, s.activity, s.resource, {sql.columns}
        {sql.joined} where {sql.valid}""")

    rows_read = con.execute(f"select count(*) from {_STAGE}").fetchone()[0]
    if resolved.event_log:  # one aggregate pass gives the tickets and the counts
        with _insertion_order(con, False):  # (tickets carry their line; the order of rows means nothing)
            con.execute(f"create or replace temp table _ticket_incoming as {event_aggregate_sql(resolved)}")
        valid_rows, distinct = con.execute(
            "select coalesce(sum(__events), 0), count(*) from _ticket_incoming").fetchone()
        duplicates = 0
    else:
        valid_rows, distinct = con.execute(
            "select count(*), count(distinct (source_system, ticket_id)) from _ticket_incoming_all").fetchone()
        duplicates = valid_rows - distinct
    if resolved.event_log:
        pass
    elif duplicates:
        con.execute("""create or replace temp view _ticket_incoming as select * from _ticket_incoming_all
            qualify row_number() over (partition by source_system, ticket_id order by __row desc) = 1""")
    else:
        con.execute("create or replace temp view _ticket_incoming as select * from _ticket_incoming_all")

    con.execute("begin transaction")
    con.execute("delete from raw.ticket_quarantine where file = ?", [file])
    quarantined = 0
    file_no = _next_file_no(con)
    if valid_rows < rows_read:  # (a scan of every row, only when some are not valid)
        quarantined = con.execute(f"insert into raw.ticket_quarantine select ?, s.__row, s.raw_row, {sql.reason}, ? "
                                  f"{sql.joined} where {sql.invalid}", [file, loaded_at]).fetchone()[0]
    if resolved.event_log:
        # kept (the time typed, with the offset it was printed with; the state as exported); an event already kept from an overlapping
        # export (the same instant, activity, resource and state, read through the events view) is not added twice
        known = con.execute("select exists(select 1 from raw.ticket_events)").fetchone()[0]
        anti = ("""anti join raw.ticket_events e on e.source_system = i.source_system and e.ticket_id = i.ticket_id
                and e.event_at = i.event_at and e.activity is not distinct from i.activity
                and e.resource is not distinct from i.resource
                and e.status_source is not distinct from coalesce(i.__status_raw, i.activity)""" if known else "")
        con.execute(f"""insert into raw.ticket_event_rows ({", ".join(EVENT_ROW_COLUMNS)})
            select i.source_system, i.ticket_id, i.event_at, {offset_sql("i.__event_at_text")}, null, i.activity,
                   i.resource, case when i.__status_raw is distinct from i.activity then i.__status_raw end,
                   i.assignment_group, i.__row, {file_no}
            from _ticket_incoming_all i {anti}""")
        con.execute(f"insert into raw.ticket_event_states select {file_no}, raw, value from _ticket_status_map")
        trashed = _set_aside_trashed(con, file, file_no, loaded_at)
        quarantined += trashed
        distinct -= trashed
    copies = 0
    if duplicates:  # never dropped silently: each superseded row is set aside with the row that wins
        # a row whose every cell equals the winning row's (the same ticket listed twice) is said to be a copy
        id_label = _lit(_header_label(header, resolved.positions["ticket_id"]))
        con.execute("""create or replace temp table _ticket_superseded as
            select __row, __raw_row, ticket_id, last_row, __raw_row is not distinct from last_raw as copy
            from (select *, max(__row) over w as last_row, arg_max(__raw_row, __row) over w as last_raw
                  from _ticket_incoming_all window w as (partition by source_system, ticket_id))
            where __row < last_row""")
        quarantined += con.execute(f"""insert into raw.ticket_quarantine
            select ?, __row, __raw_row, 'duplicate ticket id "' || ticket_id || '" in column ' || {id_label}
                || case when copy then ': an exact copy of row ' || last_row || ' (every cell equal); the ticket '
                     || 'is loaded once'
                   else ': superseded by row ' || last_row || ' (the last row for a ticket in a file wins)' end, ?
            from _ticket_superseded""", [file, loaded_at]).fetchone()[0]
        copies = con.execute("select count(*) filter (where copy) from _ticket_superseded").fetchone()[0]
        con.execute("drop table _ticket_superseded")
    inserted, updated = _write_tickets(con, file, exported_at, file_no)
    loaded = valid_rows - duplicates
    tickets = distinct if resolved.event_log else loaded
    result = FileLoadResult(
        file, digest.sha256, FileStatus.PARTIAL if quarantined else FileStatus.LOADED, preset=_preset_label(mapping),
        exported_at=exported_at, rows_read=rows_read, rows_loaded=loaded, rows_quarantined=quarantined,
        rows_inserted=inserted - updated, rows_updated=updated, rows_kept_newer=tickets - inserted,
        tickets=tickets,
        rows_duplicate_in_file=duplicates, message=_quarantine_message(con, file, quarantined, rows_read, copies))
    _record_file(con, result, loaded_at, file_no, _event_formats(resolved) if resolved.event_log else ())
    con.execute("commit")
    return result


def _set_aside_trashed(con, file: str, file_no: int, loaded_at: dt.datetime) -> int:
    """An event log's tickets (_ticket_incoming) whose last state puts them in the trash (TRASH_STATES) or marks them
    junk mail (SPAM_STATUSES): no tickets, as a record marked deleted or spam in a one-row-per-ticket export is not.
    Each is set aside in raw.ticket_quarantine (one row per ticket, so "N left out" counts tickets) and its events
    of this load are dropped with it (an event belongs to a ticket kept). Returns how many were set aside."""
    states = ", ".join(map(_lit, TRASH_STATES + SPAM_STATUSES))
    found = "lower(trim(status_source)) in (" + states + ")"
    if not con.execute(f"select exists(select 1 from _ticket_incoming where {found})").fetchone()[0]:
        return 0
    spam = ", ".join(map(_lit, SPAM_STATUSES))
    con.execute(f"""create or replace temp table _ticket_trashed as
        select source_system, ticket_id, __row, status_source from _ticket_incoming where {found}""")
    n = con.execute(f"""insert into raw.ticket_quarantine
        select ?, __row, null,
            case when lower(trim(status_source)) in ({spam}) then '{SPAM_REASON}' else '{DELETED_REASON}' end
            || ' (ticket "' || ticket_id || '", its last state "' || trim(status_source) || '"): '
            || case when lower(trim(status_source)) in ({spam}) then 'junk mail' else 'in the trash' end
            || ', not a ticket', ?
        from _ticket_trashed""", [file, loaded_at]).fetchone()[0]
    con.execute("""delete from raw.ticket_event_rows e using _ticket_trashed t
        where e.file_no = ? and e.source_system = t.source_system and e.ticket_id = t.ticket_id""", [file_no])
    con.execute("""create or replace temp table _ticket_incoming as select * from _ticket_incoming s
        where not exists (select 1 from _ticket_trashed t where t.source_system = s.source_system
                          and t.ticket_id = s.ticket_id)""")
    con.execute("drop table _ticket_trashed")
    return n


def _write_tickets(con, file: str, exported_at: dt.datetime, file_no: int) -> tuple[int, int]:
    """_ticket_incoming into raw.ticket_rows under load file_no (inside the caller's transaction): a ticket
    already there is replaced only by an export at least as new (module docstring); one whose load is no longer
    in raw.ticket_files (removed by hand) is replaced. Returns (inserted, updated)."""
    name = Path(file).name
    target_has_rows = con.execute("select exists(select 1 from raw.ticket_rows)").fetchone()[0]
    updated = 0
    if target_has_rows:
        updated = con.execute("""delete from raw.ticket_rows t using _ticket_incoming s
            where t.source_system = s.source_system and t.ticket_id = s.ticket_id
              and not exists (select 1 from raw.ticket_files f where f.file_no = t.file_no
                  and (f.exported_at > ? or (f.exported_at = ? and regexp_extract(f.file, '[^/\\\\]*$') > ?)))""",
                              [exported_at, exported_at, name]).fetchone()[0]
    anti_join = ("where not exists (select 1 from raw.ticket_rows t where t.source_system = s.source_system "
                 "and t.ticket_id = s.ticket_id)") if target_has_rows else ""
    # Row order in raw.ticket_rows carries no meaning (source_row does), so let DuckDB write in parallel.
    preserve = con.execute("select current_setting('preserve_insertion_order')").fetchone()[0]
    con.execute("set preserve_insertion_order = false")
    try:
        inserted = con.execute(f"""insert into raw.ticket_rows ({_INSERT_COLUMNS})
            select {", ".join(f.name for f in TICKET_FIELDS)}, __row, {file_no} from _ticket_incoming s {anti_join}"""
                               ).fetchone()[0]
    finally:
        con.execute(f"set preserve_insertion_order = {str(preserve).lower()}")
    return inserted, updated


def _record_file(con, result: FileLoadResult, loaded_at: dt.datetime, file_no: int | None = None,
                 date_formats: Sequence[str] = ()) -> None:
    """The load in raw.ticket_files, under file_no (the number its events name), else the next number.
    date_formats: those an event log's mapping added (how its times were read), as DateFormat.lines gives them."""
    try:  # the size: a later file of another size cannot be this one (_load_one hashes it meanwhile)
        size = Path(result.file).stat().st_size
    except OSError:
        size = None
    con.execute(
        """insert into raw.ticket_files (file, sha256, preset, rows_loaded, rows_quarantined, status, message,
               loaded_at, exported_at, rows_inserted, rows_updated, rows_kept_newer, bytes, file_no)
           values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [result.file, result.sha256, result.preset, result.rows_loaded, result.rows_quarantined, result.status,
         result.message, loaded_at, result.exported_at, result.rows_inserted, result.rows_updated,
         result.rows_kept_newer, size, file_no if file_no is not None else _next_file_no(con)])
    if date_formats:
        con.execute("update raw.ticket_files set date_formats = ? where file_no = ?", ["\n".join(date_formats), file_no])


def _quarantine_whole(con, result: FileLoadResult, row_number: int | None, raw_row: str | None,
                      loaded_at: dt.datetime) -> None:
    con.execute("begin transaction")
    con.execute("delete from raw.ticket_quarantine where file = ?", [result.file])
    con.execute("insert into raw.ticket_quarantine values (?, ?, ?, ?, ?)",
                [result.file, row_number, raw_row, result.message, loaded_at])
    _record_file(con, result, loaded_at)
    con.execute("commit")
