"""Load helpdesk ticket exports into raw.tickets, raw.ticket_quarantine and raw.ticket_files.

How a file is loaded
- A CSV's encoding (UTF-8 with/without BOM, UTF-16 with/without BOM, else Windows-1252) and
  delimiter (; tab , |) are detected; an empty file, or data rows that do not split like the
  header (a wrong delimiter), reject the file with a message saying so.
- The header picks a mapping (YAML mappings first, then the presets in flows.tickets.presets).
  No match: the layout is inferred from header words and content (flows.tickets.infer), loaded
  with that mapping, and the mapping is described in the file's message and kept as YAML
  (raw.ticket_files.mapping_yaml, and a file in inferred_dir). An export without any date column
  (an id plus status/priority/...: a dateless snapshot) loads with no created times and says so.
  Only when no id, or a time that cannot be read, is found is the whole file quarantined, naming
  the columns seen.
- Columns no canonical field takes are kept per ticket in raw.ticket_attributes
  (flows.tickets.attributes).
- CSV is parsed by DuckDB's read_csv with every column as text (?, NULL, N/A read as empty);
  XLSX and JSON, and a CSV that DuckDB refuses (a stray quote, a row with too many fields), are
  read in Python into a clean temporary CSV first: the careful CSV reader sets a malformed line
  aside (column and raw text) and resumes on the next line. One SQL statement then turns text
  into typed canonical columns and a reason for every row that cannot be loaded, so all formats
  are parsed the same way. Rows whose every cell is empty (padding) are not records.
- Bad rows (missing id, missing or unparseable created date, unparseable other date or
  number, unknown priority, an XLSX formula without a saved value in a used column, a
  malformed CSV line) go to raw.ticket_quarantine with file, row number, raw row and reason;
  the rest of the file loads.
- Event logs (a mapping with event_at: several rows per ticket) become one ticket per id
  (EVENT_AGGREGATE_SQL); every event is kept in raw.ticket_events.

Which export wins ("newest")
- Every file gets an export timestamp: the last date/time written in its file name
  (2021-09-30, 20210930, 2021-09-30T14-05, 20210930_140500; Oslo time), else its
  modification time. Ties are broken by file name (later in sort order wins).
- A ticket (source_system, ticket_id) is replaced only by a row from an export that is at
  least as new by that order; loading an older export later never overwrites newer data, and
  tickets only present in the older export are still added. Within one file the last row
  for a ticket wins; each earlier row is quarantined as a duplicate naming the row that won.
  So overlapping exports never duplicate or lose a ticket.
- A file whose sha256 was already loaded (status loaded/partial) is skipped as "unchanged".
- Quarantine rows describe the latest attempt at a path: loading a path again replaces them.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import itertools
import re
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb

from flows.tickets.infer import Inference, infer_mapping
from flows.tickets.model import FALSE_TEXTS, OSLO_TZ, RAW_DDL, TICKET_FIELDS, TRUE_TEXTS
from flows.tickets.presets import (
    ColumnMapping,
    ResolvedMapping,
    describe_no_match,
    detect_mapping,
    load_mappings,
    normalise_channel,
    normalise_priority,
    normalise_status,
    resolve_mapping,
)
from flows.tickets.readers import (
    CsvLayout,
    file_kind,
    iter_csv_records,
    read_csv_layout,
    read_json_table,
    read_xlsx_table,
)

DATE_FORMATS = (
    "%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%d.%m.%Y %H.%M", "%d.%m.%Y kl. %H:%M", "%d.%m.%Y",
    "%d.%m.%y %H:%M", "%d.%m.%y",
    "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y",
    "%d/%b/%y %I:%M %p", "%d/%b/%Y %I:%M %p", "%d/%b/%y %H:%M", "%d/%b/%y",
)
EXPECTED_DATE = "dd.mm.yyyy [hh:mm[:ss]], ISO 8601 yyyy-mm-dd[ hh:mm[:ss]][+hh:mm] or dd/Mon/yy h:mm AM"
EXPECTED_PRIORITY = ("A-D, 1-5, P1-P5 or a word such as kritisk/høy/normal/lav, critical/high/medium/low, "
                     "urgent; add priority_values in a YAML mapping for other codes")
# Cheap SQL test for priorities that normalise_priority certainly accepts (tests/flows/tickets
# checks the implication). Rows failing it keep their raw text until Python has judged the value.
_PRIORITY_SURELY_KNOWN = r"^(prioritet|priority|prio)?\s*(p?[1-5]|[a-d])(\s|[-–:.]|$)"

INFER_SAMPLE_ROWS = 5000  # rows read to infer an unknown layout

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
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 22):
            digest.update(chunk)
    return digest.hexdigest()


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _ident(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _header_label(header: Sequence[str], pos: int) -> str:
    return header[pos] if header[pos] else f"column {pos + 1}"


# --- SQL that turns text columns into canonical rows ---------------------------------

NULL_TEXTS = ("", "?", "NULL", "null", "Null", "N/A", "n/a", "#N/A", "(null)")


def _text_sql(column: str) -> str:
    """A cell as text: trimmed, NULL when empty. The null markers (NULL_TEXTS: ?, NULL, N/A) are
    turned into NULL by read_csv itself (nullstr), which every format passes through."""
    return f"nullif(trim({column}), '')"


def _timestamp_sql(value: str, formats: Sequence[str]) -> str:
    fmts = "[" + ", ".join(_lit(f) for f in formats) + "]"
    # ISO text (with or without offset) via cast; naive values are read in the session time zone,
    # which the loader sets to Europe/Oslo. Bare numbers: 10 digits are Unix seconds, 13 digits
    # Unix milliseconds (both UTC instants), 5 digits with an optional fraction an Excel serial
    # date (local wall-clock time, 1 = 1900-01-01).
    return (f"coalesce(try_cast({value} as timestamptz), try_strptime({value}, {fmts})::timestamptz, "
            f"case when regexp_full_match({value}, '1\\d{{9}}') then to_timestamp(cast({value} as bigint)) "
            f"when regexp_full_match({value}, '1\\d{{12}}') then to_timestamp(cast({value} as bigint) / 1000.0) "
            f"when regexp_full_match({value}, '[1-9]\\d{{4}}([.,]\\d+)?') "
            f"and try_cast(replace({value}, ',', '.') as double) between 20000 and 80000 then "
            f"(timestamp '1899-12-30' + to_microseconds(cast(round(cast(replace({value}, ',', '.') as double) "
            f"* 86400000000) as bigint)))::timestamptz end)")


def _number_sql(value: str) -> str:
    return f"try_cast(replace(replace(replace({value}, ' ', ''), chr(160), ''), ',', '.') as double)"


def stage_select_sql(resolved: ResolvedMapping, header: Sequence[str], source_sql: str,
                     raw_row_sql: str, *, find_duplicates: bool = False) -> str:
    """SELECT producing one typed canonical row (plus reason/raw_row) per source record.

    source_sql yields __row, __reason (a structural problem found while reading) and c1..cN text;
    raw_row_sql rebuilds the record's text from those columns, evaluated only for rows kept aside.
    """
    mapping = resolved.mapping
    pos = resolved.positions
    formats = (*mapping.date_formats, *DATE_FORMATS)

    def v(name: str) -> str:
        return _ident(f"v_{name}")

    text_cols = [f"{_text_sql(f'c{p + 1}')} as {v(name)}" for name, p in pos.items()]
    if resolved.first_response_minutes_position is not None:
        text_cols.append(f"{_text_sql(f'c{resolved.first_response_minutes_position + 1}')} as {v('minutes')}")

    typed: list[str] = []
    checks: list[str] = []
    for f in TICKET_FIELDS:
        name = f.name
        if name in ("priority", "status", "channel", "priority_source", "status_source"):
            continue
        if name == "source_system":
            expr = f"coalesce({v(name)}, {_lit(mapping.source_system)})" if name in pos else _lit(mapping.source_system)
        elif name not in pos and not (name == "first_response_at" and resolved.first_response_minutes_position is not None):
            expr = f"null::{f.sql_type}"
        elif f.kind == "timestamp" and name in pos:
            expr = _timestamp_sql(v(name), formats)
            label = _lit(_header_label(header, pos[name]))
            if name == "created_at" and not resolved.event_log:
                checks.append(f"case when {v(name)} is null then 'missing created date (column ' || {label} || ')' end")
            checks.append(
                f"case when {v(name)} is not null and {name} is null then 'unparseable date in column ' || {label}"
                f" || ': \"' || {v(name)} || '\" (expected {EXPECTED_DATE})' end")
        elif name == "first_response_at":  # Zendesk: minutes until the first reply
            expr = ("created_at + to_microseconds(cast(round(" + _number_sql(v("minutes")) + " * 60000000) as bigint))")
            label = _lit(_header_label(header, resolved.first_response_minutes_position))
            checks.append(
                f"case when {v('minutes')} is not null and {_number_sql(v('minutes'))} is null then "
                f"'unparseable number in column ' || {label} || ': \"' || {v('minutes')} || '\" (expected minutes, e.g. 12 or 12,5)' end")
        elif f.kind == "count":
            expr = f"cast(round({_number_sql(v(name))}) as bigint)"
            label = _lit(_header_label(header, pos[name]))
            checks.append(
                f"case when {v(name)} is not null and {name} is null then 'unparseable number in column ' || {label}"
                f" || ': \"' || {v(name)} || '\" (expected a count, e.g. 2)' end")
        elif f.kind == "boolean":
            expr = (f"case when lower({v(name)}) in ({', '.join(_lit(w) for w in TRUE_TEXTS)}) then true "
                    f"when lower({v(name)}) in ({', '.join(_lit(w) for w in FALSE_TEXTS)}) then false end")
            label = _lit(_header_label(header, pos[name]))
            checks.append(
                f"case when {v(name)} is not null and {name} is null then 'unparseable yes/no in column ' || {label}"
                f" || ': \"' || {v(name)} || '\" (expected true/false, ja/nei, yes/no or 1/0)' end")
        elif f.kind == "number":
            expr = _number_sql(v(name))
            label = _lit(_header_label(header, pos[name]))
            checks.append(
                f"case when {v(name)} is not null and {name} is null then 'unparseable number in column ' || {label}"
                f" || ': \"' || {v(name)} || '\" (expected seconds, e.g. 42 or 42,5)' end")
        else:
            expr = v(name)
        typed.append(f"{expr} as {name}")
        if name == "ticket_id":
            label = _lit(_header_label(header, pos["ticket_id"]))
            checks.insert(0, f"case when ticket_id is null then 'missing ticket id (column ' || {label} || ')' end")

    def raw_or_null(name: str) -> str:
        return v(name) if name in pos else "null::varchar"

    if resolved.event_log:
        label = _lit(_header_label(header, pos["event_at"]))
        typed.append(f"{_timestamp_sql(v('event_at'), formats)} as event_at")
        checks.append(f"case when {v('event_at')} is null then 'missing event time (column ' || {label} || ')' end")
        checks.append(f"case when {v('event_at')} is not null and event_at is null then 'unparseable date in column ' "
                      f"|| {label} || ': \"' || {v('event_at')} || '\" (expected {EXPECTED_DATE})' end")
    else:
        typed.append("null::timestamptz as event_at")
    typed += [f"{raw_or_null('activity')} as activity", f"{raw_or_null('resource')} as resource"]
    status_raw = (f"coalesce({raw_or_null('status')}, {raw_or_null('activity')})"
                  if "activity" in pos else raw_or_null("status"))
    typed += [
        f"{raw_or_null('priority')} as prio_raw",
        f"coalesce({raw_or_null('priority_source')}, {raw_or_null('priority')}) as priority_source",
        f"{status_raw} as status_raw",
        f"coalesce({raw_or_null('status_source')}, {status_raw}) as status_source",
        f"{raw_or_null('channel')} as channel_raw",
    ]
    surely_known = f"regexp_matches(lower(trim(prio_raw)), {_lit(_PRIORITY_SURELY_KNOWN)})"
    # duplicates of a ticket within the file: every row but the last is set aside with its raw text
    dup_window = ("count(*) over (partition by source_system, ticket_id)" if find_duplicates else "1")
    dup_raw = " or __n_id > 1" if find_duplicates else ""
    canonical_out = [f.name for f in TICKET_FIELDS if f.name not in ("priority", "status", "channel",
                                                                      "priority_source", "status_source")]
    return f"""
with src as ({source_sql}),
texts as (select *, {", ".join(text_cols)} from src),
typed as (select *, {", ".join(typed)} from texts),
judged as (
    select *, coalesce(__reason, nullif(concat_ws('; ', {", ".join(checks) or "null"}), '')) as reason,
        {dup_window} as __n_id from typed
)
select __row, {", ".join(canonical_out)}, event_at, activity, resource, prio_raw, priority_source, status_raw, status_source, channel_raw, reason,
    case when reason is not null or (prio_raw is not null and not {surely_known}){dup_raw}
         then {raw_row_sql} end as raw_row
from judged
"""


# --- the loader ------------------------------------------------------------------------

def ensure_raw_tables(con: duckdb.DuckDBPyConnection) -> None:
    for ddl in RAW_DDL:
        con.execute(ddl)


def load_ticket_exports(con: duckdb.DuckDBPyConnection, paths: list[Path], *,
                        mapping_dir: Path | None = None, inferred_dir: Path | None = None) -> TicketLoadResult:
    """Load ticket exports (CSV/XLSX/JSON) into the raw schema; one bad file never stops the others.

    Files are applied oldest export first (see module docstring for what "newest" means). A layout
    no mapping fits is inferred (flows.tickets.infer); the inferred mapping is written as YAML to
    inferred_dir (default: mapping_dir, when given) and always kept in raw.ticket_files.mapping_yaml.
    """
    inferred_dir = inferred_dir if inferred_dir is not None else mapping_dir
    ensure_raw_tables(con)
    mappings = load_mappings(mapping_dir)
    previous_tz = con.execute("select current_setting('TimeZone')").fetchone()[0]
    con.execute(f"set TimeZone = {_lit(OSLO_TZ)}")
    try:
        stamped = sorted(((export_timestamp(Path(p)), Path(p).name, Path(p)) for p in paths),
                         key=lambda t: (t[0], t[1], str(t[2])))
        results = [_load_one(con, path, exported_at, mappings, inferred_dir) for exported_at, _, path in stamped]
    finally:
        con.execute(f"set TimeZone = {_lit(previous_tz)}")
    return TicketLoadResult(tuple(results))


def _load_one(con: duckdb.DuckDBPyConnection, path: Path, exported_at: dt.datetime,
              mappings: Sequence[ColumnMapping], inferred_dir: Path | None) -> FileLoadResult:
    loaded_at = dt.datetime.now(dt.timezone.utc)
    file = str(path)
    sha = file_sha256(path)
    already = con.execute(
        "select 1 from raw.ticket_files where sha256 = ? and status in ('loaded', 'partial') limit 1", [sha]
    ).fetchone()
    if already:
        result = FileLoadResult(file, sha, FileStatus.UNCHANGED, exported_at=exported_at,
                                message="same content (sha256) already loaded; nothing to do")
        _record_file(con, result, loaded_at)
        return result
    with tempfile.TemporaryDirectory(prefix="tickets_") as tmp:
        try:
            return _load_file(con, path, sha, exported_at, mappings, loaded_at, Path(tmp), inferred_dir)
        except Exception as exc:  # a broken file must not stop the others
            try:
                con.execute("rollback")
            except duckdb.Error:
                pass
            result = FileLoadResult(file, sha, FileStatus.FAILED, exported_at=exported_at,
                                    message=f"{file}: load failed, nothing kept: {type(exc).__name__}: {exc}")
            _quarantine_whole(con, result, None, None, loaded_at)
            return result
        finally:
            _drop_stage(con)


def _load_file(con, path: Path, sha: str, exported_at: dt.datetime, mappings: Sequence[ColumnMapping],
               loaded_at: dt.datetime, tmp: Path, inferred_dir: Path | None) -> FileLoadResult:
    file = str(path)
    kind = file_kind(path)
    if kind is None:
        result = FileLoadResult(file, sha, FileStatus.REJECTED, exported_at=exported_at,
                                message=f"{file}: unsupported file type '{path.suffix}' (expected .csv, .txt, .tsv, .xlsx, .json)")
        _quarantine_whole(con, result, None, None, loaded_at)
        return result

    layout: CsvLayout | None = None
    records = None
    if kind == "csv":
        layout = read_csv_layout(path)
        header = layout.header
        problem = None
        if layout.empty:
            problem = f"the file is empty (read as {layout.encoding_name}): no header and no rows"
        elif layout.delimiter_problem:
            problem = layout.delimiter_problem
        if problem:
            result = FileLoadResult(file, sha, FileStatus.REJECTED, exported_at=exported_at,
                                    message=f"{file}: {problem}")
            _quarantine_whole(con, result, None if layout.empty else 1,
                              None if layout.empty else layout.delimiter.join(header), loaded_at)
            return result
    elif kind == "xlsx":
        header, records = read_xlsx_table(path)
    else:
        header, records = read_json_table(path)

    resolved = detect_mapping(header, mappings)
    inference: Inference | None = None
    if resolved is None and header:
        if kind == "csv":
            sample = _csv_sample(path, layout)
        else:
            records = list(records)
            sample = [r.cells for r in records[:INFER_SAMPLE_ROWS] if not r.reason]
        inference = infer_mapping(header, sample)
        mapping = inference.mapping()
        resolved = resolve_mapping(mapping, header) if mapping else None
    if resolved is None:
        sep = layout.delimiter if layout else ";"
        reason = (f"{inference.refusal} Presets and mappings tried: "
                  f"{', '.join(f'{m.name} ({m.origin})' for m in mappings)}."
                  if inference else describe_no_match(header, mappings))
        if not header:
            reason = "the file has no header row (no columns found)"
        result = FileLoadResult(file, sha, FileStatus.REJECTED, exported_at=exported_at, message=f"{file}: {reason}")
        _quarantine_whole(con, result, 1 if header else None, sep.join(header) if header else None, loaded_at)
        return result
    result = _load_resolved(con, path, kind, sha, exported_at, resolved, header, layout, records, loaded_at, tmp)
    if kind == "csv" and result.status in (FileStatus.LOADED, FileStatus.PARTIAL):
        _keep_csv_attributes(con, path, layout, resolved, tmp, loaded_at)
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
    return result


def _keep_csv_attributes(con, path: Path, layout: CsvLayout, resolved: ResolvedMapping, tmp: Path,
                         loaded_at: dt.datetime) -> None:
    """Columns no canonical field took are kept per ticket (flows/tickets/attributes.py)."""
    from flows.tickets.attributes import keep_attributes

    source = tmp / "utf8.csv" if (tmp / "utf8.csv").exists() else path
    skip = [resolved.first_response_minutes_position] if resolved.first_response_minutes_position is not None else []
    try:
        keep_attributes(con, str(path), _csv_source_sql(source, layout)[0], layout.header, dict(resolved.positions),
                        skip, resolved.mapping.source_system, resolved.event_log, loaded_at)
    except (duckdb.InvalidInputException, duckdb.ConversionException):
        pass  # a CSV DuckDB cannot parse was loaded through Python: its tickets are kept, extra columns not


def _csv_sample(path: Path, layout: CsvLayout) -> list[list[str | None]]:
    """The first well-formed records of a CSV, for inferring its layout."""
    for encoding in (layout.encoding, "cp1252"):
        try:
            return [r.cells for r in itertools.islice(
                (r for r in iter_csv_records(path, layout, encoding) if not r.reason), INFER_SAMPLE_ROWS)]
        except UnicodeDecodeError:
            continue
    return []


def _load_resolved(con, path: Path, kind: str, sha: str, exported_at: dt.datetime, resolved: ResolvedMapping,
                   header: Sequence[str], layout: CsvLayout | None, records, loaded_at: dt.datetime,
                   tmp: Path) -> FileLoadResult:
    file = str(path)
    if kind == "csv":
        source = _csv_in_utf8(path, layout, tmp)
        if not resolved.event_log and not con.execute("select exists(select 1 from raw.tickets)").fetchone()[0]:
            result = _load_csv_direct(con, file, sha, exported_at, resolved, layout, source, loaded_at)
            if result is not None:
                return replace(result, encoding=layout.encoding_name)
        _stage_csv(con, path, source, layout, resolved, tmp)
        return replace(_apply_stage(con, file, sha, exported_at, resolved, header, loaded_at),
                       encoding=layout.encoding_name)
    _stage_records(con, records, header, resolved, tmp)
    return _apply_stage(con, file, sha, exported_at, resolved, header, loaded_at)


_STAGE = "_ticket_stage"


def _drop_stage(con) -> None:
    for name in ("_ticket_incoming", "_ticket_incoming_all"):
        kind = con.execute("select table_type from information_schema.tables where table_name = ? "
                           "and table_schema like 'main' and table_catalog = 'temp'", [name]).fetchone()
        con.execute(f"drop {'table' if kind and kind[0] != 'VIEW' else 'view'} if exists {name}")
    for name in (_STAGE, "_ticket_priority_map", "_ticket_status_map", "_ticket_channel_map"):
        con.execute(f"drop table if exists {name}")


def _create_stage(con, resolved: ResolvedMapping, header: Sequence[str], source_sql: str, raw_row_sql: str) -> None:
    sql = stage_select_sql(resolved, header, source_sql, raw_row_sql, find_duplicates=not resolved.event_log)
    con.execute(f"create or replace temp table {_STAGE} as {sql}")


def _read_csv_sql(path: Path, delimiter: str, column_types: dict[str, str], header: bool = True) -> str:
    cols = "{" + ", ".join(f"{_lit(k)}: {_lit(t)}" for k, t in column_types.items()) + "}"
    nulls = "[" + ", ".join(_lit(t) for t in NULL_TEXTS) + "]"
    return (f"read_csv({_lit(str(path))}, delim={_lit(delimiter)}, quote='\"', escape='\"', header={str(header).lower()}, "
            f"auto_detect=false, columns={cols}, strict_mode=true, null_padding=false, nullstr={nulls})")


def _csv_in_utf8(path: Path, layout: CsvLayout, tmp: Path) -> Path:
    """DuckDB reads UTF-8 only: a Windows-1252 or UTF-16 file is transcoded once into the temp folder."""
    if layout.encoding in ("utf-8", "utf-8-sig"):
        return path
    target = tmp / "utf8.csv"
    with path.open("r", encoding=layout.encoding, errors="replace", newline="") as src, \
            target.open("w", encoding="utf-8", newline="") as dst:
        shutil.copyfileobj(src, dst, 1 << 22)
    return target


def _csv_source_sql(source: Path, layout: CsvLayout) -> tuple[str, str]:
    """(source_sql, raw_row_sql) for stage_select_sql over DuckDB's read_csv of the file."""
    width = len(layout.header)
    cols = {f"c{i + 1}": "VARCHAR" for i in range(width)}
    raw_row = ("concat_ws(" + _lit(layout.delimiter) + ", "
               + ", ".join(f"coalesce(c{i + 1}, '')" for i in range(width)) + ")")
    # with insertion order preserved, row_number() over () numbers the records in file order
    # rows whose every cell is empty (padding at the end of an export) are not records
    not_blank = "coalesce(" + ", ".join(f"c{i + 1}" for i in range(width)) + ") is not null" if width > 1 \
        else "c1 is not null"
    source_sql = (f"select * from (select row_number() over () + 1 as __row, null::varchar as __reason, * "
                  f"from {_read_csv_sql(source, layout.delimiter, cols)}) where {not_blank}")
    return source_sql, raw_row


def _stage_csv(con, path: Path, source: Path, layout: CsvLayout, resolved: ResolvedMapping, tmp: Path) -> None:
    """DuckDB parses the file; on a structural CSV error fall back to Python's csv module."""
    try:
        _create_stage(con, resolved, layout.header, *_csv_source_sql(source, layout))
        return
    except (duckdb.InvalidInputException, duckdb.ConversionException):
        pass  # e.g. a row with the wrong number of fields or an unterminated quote: diagnose in Python
    encoding = layout.encoding
    if encoding.startswith("utf-8"):
        try:
            for _ in iter_csv_records(path, layout):
                pass
        except UnicodeDecodeError:
            encoding = "cp1252"
    _stage_records(con, iter_csv_records(path, layout, encoding), layout.header, resolved, tmp)


def _stage_records(con, records: Iterable, header: Sequence[str], resolved: ResolvedMapping, tmp: Path) -> None:
    """Write records to a clean UTF-8 CSV (row number, structural reason, raw text, cells) for DuckDB."""
    width = len(header)
    clean = tmp / "records.csv"
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
    source_sql = f"select * from {_read_csv_sql(clean, ',', cols, header=False)}"
    _create_stage(con, resolved, header, source_sql, "__raw")


def _value_maps(con, mapping: ColumnMapping, combos: Iterable[tuple]) -> None:
    """Normalise the distinct priority/status/channel values in Python into small lookup tables."""
    combos = list(combos)
    maps = {
        "_ticket_priority_map": {c[0]: normalise_priority(c[0], mapping.priority_values) for c in combos if c[0] is not None},
        "_ticket_status_map": {c[1]: normalise_status(c[1], mapping.status_values) for c in combos if c[1] is not None},
        "_ticket_channel_map": {c[2]: normalise_channel(c[2], mapping.channel_values) for c in combos if c[2] is not None},
    }
    for table, values in maps.items():
        con.execute(f"create or replace temp table {table} (raw varchar, value varchar)")
        if values:
            con.executemany(f"insert into {table} values (?, ?)", list(values.items()))


@dataclass(frozen=True)
class _NormalisedSql:
    joined: str  # FROM clause: staged rows joined to the value lookup tables
    columns: str  # canonical columns in raw.tickets order
    valid: str  # condition for a loadable row
    invalid: str
    reason: str  # full quarantine reason of an invalid row


def _normalised_sql(stage_relation: str, resolved: ResolvedMapping, header: Sequence[str]) -> _NormalisedSql:
    prio_label = _header_label(header, resolved.positions["priority"]) if "priority" in resolved.positions else "?"
    unknown_prio = (f"case when s.prio_raw is not null and p.value is null then 'unknown priority \"' || s.prio_raw "
                    f"|| '\" in column ' || {_lit(prio_label)} || ' (expected {EXPECTED_PRIORITY})' end")
    derived = {"priority": "p.value as priority", "status": "st.value as status", "channel": "ch.value as channel"}
    return _NormalisedSql(
        joined=(f"from {stage_relation} s left join _ticket_priority_map p on s.prio_raw = p.raw "
                f"left join _ticket_status_map st on s.status_raw = st.raw "
                f"left join _ticket_channel_map ch on s.channel_raw = ch.raw"),
        columns=", ".join(derived.get(f.name, f"s.{f.name}") for f in TICKET_FIELDS),
        valid="s.reason is null and (s.prio_raw is null or p.value is not null)",
        invalid="s.reason is not null or (s.prio_raw is not null and p.value is null)",
        reason=f"concat_ws('; ', s.reason, {unknown_prio})",
    )


# An event log becomes one ticket per id: created = first event (or the created column, if earlier),
# the latest state, resolved/closed = the latest resolving/closing event while the ticket is still
# resolved/closed at its last event; reassignments = changes of group (else of the person) between
# events before resolution; reopens = events in state new/open/pending right after a resolved or
# closed one (or the source's own counts, when larger). Other fields: the latest non-empty value.
_EVENT_ORDER = "partition by source_system, ticket_id order by coalesce(event_at, created_at), __row"


def _latest(column: str) -> str:
    return f"arg_max({column}, __ord) filter (where {column} is not null) as {column}"


EVENT_AGGREGATE_SQL = f"""
with ev as (
    select *,
        (coalesce(event_at, created_at), __row) as __ord,  -- event order: time, then row in the file
        lag(status) over events as __prev_status,
        coalesce(assignment_group, resource) as __owner,
        lag(coalesce(assignment_group, resource) ignore nulls) over events as __prev_owner
    from _ticket_incoming_all
    window events as ({_EVENT_ORDER})
), agg as (
    select source_system, ticket_id,
        {_latest("customer_org")},
        least(min(created_at), min(event_at)) as created_at,
        min(first_response_at) as first_response_at,
        greatest(max(resolved_at), max(event_at) filter (where status = 'resolved')) as __resolved_at,
        greatest(max(closed_at), max(event_at) filter (where status = 'closed')) as __closed_at,
        {_latest("priority")}, {_latest("priority_source")}, {_latest("category")}, {_latest("subcategory")},
        {_latest("channel")},
        arg_max(status, __ord) as status, arg_max(status_source, __ord) as status_source,
        {_latest("assignment_group")},
        max(phone_wait_seconds) as phone_wait_seconds,
        {_latest("sla_met")},
        greatest(coalesce(max(reassignment_count), 0), count(*) filter (
            where __owner is not null and __prev_owner is not null and __owner <> __prev_owner
              and coalesce(status, '') not in ('resolved', 'closed', 'cancelled'))) as reassignment_count,
        greatest(coalesce(max(reopen_count), 0), count(*) filter (
            where __prev_status in ('resolved', 'closed') and status in ('new', 'open', 'pending'))) as reopen_count,
        max(__row) as __row
    from ev group by source_system, ticket_id
)
select * exclude (__resolved_at, __closed_at),
    case when status in ('resolved', 'closed') then __resolved_at end as resolved_at,
    case when status = 'closed' then __closed_at end as closed_at
from agg
"""

_INSERT_COLUMNS = ", ".join(f.name for f in TICKET_FIELDS) + ", source_exported_at, source_file, source_row, loaded_at"


def _quarantine_message(con, file: str, quarantined: int, rows_read: int) -> str | None:
    if not quarantined:
        return None
    first = con.execute("select row_number, reason from raw.ticket_quarantine where file = ? "
                        "order by row_number limit 1", [file]).fetchone()
    return (f"{file}: {quarantined} of {rows_read} rows quarantined (see raw.ticket_quarantine); "
            f"first: row {first[0]}: {first[1]}")


def _preset_label(mapping: ColumnMapping) -> str:
    return mapping.name if mapping.origin == "preset" else f"{mapping.name} ({mapping.origin})"


def _load_csv_direct(con, file: str, sha: str, exported_at: dt.datetime, resolved: ResolvedMapping,
                     layout: CsvLayout, source: Path, loaded_at: dt.datetime) -> FileLoadResult | None:
    """Fast path for a CSV into an empty raw.tickets: parse straight into the table, no staging copy.

    A cheap first scan reads only the priority/status/channel columns (their distinct values are
    normalised in Python); the second scan types, checks and inserts. Bad rows need a third
    scan, only when there are any. None when DuckDB cannot parse the file (the caller falls back).
    """
    pos = resolved.positions

    def raw(field_name: str) -> str:
        return _text_sql(f"c{pos[field_name] + 1}") if field_name in pos else "null::varchar"

    cols = {f"c{i + 1}": "VARCHAR" for i in range(len(layout.header))}
    try:
        not_blank = "coalesce(" + ", ".join(cols) + ") is not null" if len(cols) > 1 else "c1 is not null"
        combos = con.execute(f"select {raw('priority')}, {raw('status')}, {raw('channel')}, count(*) "
                             f"from {_read_csv_sql(source, layout.delimiter, cols)} where {not_blank} "
                             f"group by all").fetchall()
    except (duckdb.InvalidInputException, duckdb.ConversionException):
        return None
    rows_read = sum(c[3] for c in combos)
    _value_maps(con, resolved.mapping, combos)
    stage_sql = stage_select_sql(resolved, layout.header, *_csv_source_sql(source, layout))
    sql = _normalised_sql(f"({stage_sql})", resolved, layout.header)
    con.execute("begin transaction")
    con.execute("delete from raw.ticket_quarantine where file = ?", [file])
    inserted = con.execute(f"insert into raw.tickets ({_INSERT_COLUMNS}) select {sql.columns}, ?, ?, s.__row, ? "
                           f"{sql.joined} where {sql.valid}", [exported_at, file, loaded_at]).fetchone()[0]
    quarantined = 0
    if inserted < rows_read:
        quarantined = con.execute(f"insert into raw.ticket_quarantine select ?, s.__row, s.raw_row, {sql.reason}, ? "
                                  f"{sql.joined} where {sql.invalid}", [file, loaded_at]).fetchone()[0]
    distinct = con.execute("select count(distinct (source_system, ticket_id)) from raw.tickets").fetchone()[0]
    if inserted != distinct:  # ids repeat in the file: the staged path sets the superseded rows aside
        con.execute("rollback")
        return None
    duplicates = 0
    loaded = inserted
    result = FileLoadResult(
        file, sha, FileStatus.PARTIAL if quarantined else FileStatus.LOADED, preset=_preset_label(resolved.mapping),
        exported_at=exported_at, rows_read=rows_read, rows_loaded=loaded, rows_quarantined=quarantined,
        rows_inserted=loaded, rows_duplicate_in_file=duplicates, tickets=loaded,
        message=_quarantine_message(con, file, quarantined, rows_read))
    _record_file(con, result, loaded_at)
    con.execute("commit")
    return result


def _apply_stage(con, file: str, sha: str, exported_at: dt.datetime, resolved: ResolvedMapping,
                 header: Sequence[str], loaded_at: dt.datetime) -> FileLoadResult:
    mapping = resolved.mapping
    _value_maps(con, mapping, con.execute(f"select distinct prio_raw, status_raw, channel_raw from {_STAGE}").fetchall())
    sql = _normalised_sql(_STAGE, resolved, header)
    # an event log's valid rows are read three times (count, events, aggregate): keep them once
    relation = "table" if resolved.event_log else "view"
    con.execute(f"""create or replace temp {relation} _ticket_incoming_all as
        select s.__row, s.raw_row as __raw_row, s.event_at, s.activity, s.resource, {sql.columns}
        {sql.joined} where {sql.valid}""")

    rows_read = con.execute(f"select count(*) from {_STAGE}").fetchone()[0]
    valid_rows, distinct = con.execute(
        "select count(*), count(distinct (source_system, ticket_id)) from _ticket_incoming_all").fetchone()
    duplicates = valid_rows - distinct
    if resolved.event_log:
        con.execute(f"create or replace temp table _ticket_incoming as {EVENT_AGGREGATE_SQL}")
        duplicates = 0
    elif duplicates:
        con.execute("""create or replace temp view _ticket_incoming as select * from _ticket_incoming_all
            qualify row_number() over (partition by source_system, ticket_id order by __row desc) = 1""")
    else:
        con.execute("create or replace temp view _ticket_incoming as select * from _ticket_incoming_all")

    name = Path(file).name
    con.execute("begin transaction")
    con.execute("delete from raw.ticket_quarantine where file = ?", [file])
    quarantined = con.execute(f"insert into raw.ticket_quarantine select ?, s.__row, s.raw_row, {sql.reason}, ? "
                              f"{sql.joined} where {sql.invalid}", [file, loaded_at]).fetchone()[0]
    if resolved.event_log:
        # an event already kept from an overlapping export is not added twice
        known = con.execute("select exists(select 1 from raw.ticket_events)").fetchone()[0]
        anti = ("""anti join raw.ticket_events e on e.source_system = i.source_system and e.ticket_id = i.ticket_id
                and e.event_at = coalesce(i.event_at, i.created_at) and e.activity is not distinct from i.activity
                and e.resource is not distinct from i.resource
                and e.status_source is not distinct from i.status_source""" if known else "")
        con.execute(f"""insert into raw.ticket_events
            select i.source_system, i.ticket_id, coalesce(i.event_at, i.created_at), i.activity, i.resource, i.status,
                   i.status_source, i.assignment_group, ?, ?, i.__row, ? from _ticket_incoming_all i {anti}""",
                    [exported_at, file, loaded_at])
    if duplicates:  # never dropped silently: each superseded row is set aside with the row that wins
        id_label = _lit(_header_label(header, resolved.positions["ticket_id"]))
        quarantined += con.execute(f"""insert into raw.ticket_quarantine
            select ?, __row, __raw_row, 'duplicate ticket id "' || ticket_id || '" in column ' || {id_label}
                || ': superseded by row ' || last_row || ' (the last row for a ticket in a file wins)', ?
            from (select *, max(__row) over (partition by source_system, ticket_id) as last_row
                  from _ticket_incoming_all) where __row < last_row""", [file, loaded_at]).fetchone()[0]
    target_has_rows = con.execute("select exists(select 1 from raw.tickets)").fetchone()[0]
    updated = 0
    if target_has_rows:
        updated = con.execute("""delete from raw.tickets t using _ticket_incoming s
            where t.source_system = s.source_system and t.ticket_id = s.ticket_id
              and (t.source_exported_at < ?
                   or (t.source_exported_at = ? and regexp_extract(t.source_file, '[^/\\\\]*$') <= ?))""",
                              [exported_at, exported_at, name]).fetchone()[0]
    anti_join = ("where not exists (select 1 from raw.tickets t where t.source_system = s.source_system "
                 "and t.ticket_id = s.ticket_id)") if target_has_rows else ""
    # Row order in raw.tickets carries no meaning (source_row does), so let DuckDB write in parallel.
    preserve = con.execute("select current_setting('preserve_insertion_order')").fetchone()[0]
    con.execute("set preserve_insertion_order = false")
    try:
        inserted = con.execute(f"""insert into raw.tickets ({_INSERT_COLUMNS})
            select {", ".join(f.name for f in TICKET_FIELDS)}, ?, ?, __row, ? from _ticket_incoming s {anti_join}""",
                               [exported_at, file, loaded_at]).fetchone()[0]
    finally:
        con.execute(f"set preserve_insertion_order = {str(preserve).lower()}")
    loaded = valid_rows - duplicates
    tickets = distinct if resolved.event_log else loaded
    result = FileLoadResult(
        file, sha, FileStatus.PARTIAL if quarantined else FileStatus.LOADED, preset=_preset_label(mapping),
        exported_at=exported_at, rows_read=rows_read, rows_loaded=loaded, rows_quarantined=quarantined,
        rows_inserted=inserted - updated, rows_updated=updated, rows_kept_newer=tickets - inserted,
        tickets=tickets,
        rows_duplicate_in_file=duplicates, message=_quarantine_message(con, file, quarantined, rows_read))
    _record_file(con, result, loaded_at)
    con.execute("commit")
    return result


def _record_file(con, result: FileLoadResult, loaded_at: dt.datetime) -> None:
    con.execute(
        """insert into raw.ticket_files (file, sha256, preset, rows_loaded, rows_quarantined, status, message,
               loaded_at, exported_at, rows_inserted, rows_updated, rows_kept_newer)
           values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [result.file, result.sha256, result.preset, result.rows_loaded, result.rows_quarantined, result.status,
         result.message, loaded_at, result.exported_at, result.rows_inserted, result.rows_updated,
         result.rows_kept_newer])


def _quarantine_whole(con, result: FileLoadResult, row_number: int | None, raw_row: str | None,
                      loaded_at: dt.datetime) -> None:
    con.execute("begin transaction")
    con.execute("delete from raw.ticket_quarantine where file = ?", [result.file])
    con.execute("insert into raw.ticket_quarantine values (?, ?, ?, ?, ?)",
                [result.file, row_number, raw_row, result.message, loaded_at])
    _record_file(con, result, loaded_at)
    con.execute("commit")
