"""Readers for ticket exports: CSV layout sniffing, XLSX and JSON rows as text.

Everything here returns plain text cells; turning text into timestamps, numbers and
normalised codes happens in one place (the SQL built by flows.tickets.load), so a
value is parsed the same way whichever file format it came in.

Row numbers are what a person sees: for CSV the line a record starts on (header = line 1,
the loader keeps this on every path); for XLSX the sheet row; for JSON the 1-based position of
the record in its list.

The header is not always the first row: a spreadsheet saved by a person often has a title (and a
blank row) above it. find_header_row looks among the first HEADER_SEARCH_ROWS rows with anything in
them for the first row of short texts (labels, not numbers or dates) that is wider than every row
above it and is followed by data rows no wider than itself; the rows above it are a title
(CsvLayout.title, XlsxTable.title), which the loader names in its message and does not read as
tickets. A file whose first row is such a row, or where no row is, keeps its first row as header.
"""
from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import itertools
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from flows.tickets.flags import breach_words
from flows.tickets.infer import header_words, looks_like_date, ticket_header
from flows.tickets.presets import NESTED_NAME_KEYS, normalise_status

CSV_SUFFIXES = {".csv", ".txt", ".tsv"}
XLSX_SUFFIXES = {".xlsx", ".xlsm"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
DELIMITERS = (";", "\t", ",", "|")
_SNIFF_BYTES = 1 << 20
_SNIFF_LINES = 50
# How far the careful reader follows an open quote before it calls the quote stray: a real quoted
# value with line breaks is rarely longer than this.
MAX_RECORD_LINES = 200
MAX_RECORD_CHARS = 1 << 17
ENCODING_NAMES = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 with BOM", "cp1252": "Windows-1252",
                  "utf-16": "UTF-16 with BOM", "utf-16-le": "UTF-16 LE without BOM",
                  "utf-16-be": "UTF-16 BE without BOM"}
HEADER_SEARCH_ROWS = 10  # rows with anything in them among which the header is looked for
_LABEL_MAX_CHARS = 80
_HAS_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class CsvLayout:
    encoding: str  # a key of ENCODING_NAMES
    delimiter: str
    header: list[str]
    empty: bool = False  # no bytes but whitespace (and a BOM)
    delimiter_problem: str | None = None  # the data rows do not split like the header
    header_line: int = 1  # the line the header is on (after a title, blank lines or a BOM-only line)
    title: tuple[str, ...] = ()  # the rows above the header that hold text (a title), as their cells joined
    rows_above: int = 0  # lines above the header with anything but white space in them (a title, ";;;")

    @property
    def encoding_name(self) -> str:
        return ENCODING_NAMES.get(self.encoding, self.encoding)


@dataclass(frozen=True)
class TextRecord:
    row_number: int
    cells: list[str | None]
    raw: str  # the record as it appears in the file, for quarantine
    reason: str | None = None  # a structural problem found while reading; cells are then unusable
    # cells a reader could not give a value although the file has one (XLSX formulas without a
    # cached result): position -> what the cell holds
    unreadable: tuple[tuple[int, str], ...] = ()


def file_kind(path: Path) -> str | None:
    suffix = path.suffix.lower()
    if suffix in CSV_SUFFIXES:
        return "csv"
    if suffix in XLSX_SUFFIXES:
        return "xlsx"
    if suffix in JSON_SUFFIXES:
        return "json"
    return None


def detect_encoding(sample: bytes) -> str:
    """UTF-16 (BOM, or NUL bytes in every other position), UTF-8 (with or without BOM) when the
    bytes decode as UTF-8, else Windows-1252."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    head = sample[:4096]
    if len(head) >= 4 and head.count(0) * 3 >= len(head):
        even_nuls = head[0::2].count(0)
        odd_nuls = head[1::2].count(0)
        return "utf-16-be" if even_nuls > odd_nuls else "utf-16-le"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def sniff_delimiter(header_line: str) -> str:
    """The candidate delimiter occurring most often in the header, outside quotes; ties: ; tab ,"""
    counts = {d: 0 for d in DELIMITERS}
    in_quotes = False
    for ch in header_line:
        if ch == '"':
            in_quotes = not in_quotes
        elif not in_quotes and ch in counts:
            counts[ch] += 1
    return max(DELIMITERS, key=lambda d: counts[d])  # max keeps the first on ties


def _count_outside_quotes(line: str, delimiter: str) -> int:
    count, in_quotes = 0, False
    for ch in line:
        if ch == '"':
            in_quotes = not in_quotes
        elif ch == delimiter and not in_quotes:
            count += 1
    return count


def check_delimiter(lines: list[str], delimiter: str) -> str | None:
    """A message when most data lines do not split like the header does (a wrong delimiter)."""
    header, data = lines[0], [ln for ln in lines[1:] if ln.strip()]
    if not data:
        return None
    expected = _count_outside_quotes(header, delimiter)
    matching = sum(_count_outside_quotes(ln, delimiter) == expected for ln in data)
    if matching * 2 >= len(data):
        return None
    found = max(set(_count_outside_quotes(ln, delimiter) for ln in data),
                key=lambda n: sum(_count_outside_quotes(ln, delimiter) == n for ln in data))
    others = [d for d in DELIMITERS if d != delimiter
              and sum(_count_outside_quotes(ln, d) > 0 for ln in data) * 2 > len(data)]
    hint = (f"; the data rows seem to be separated by {' or '.join(_delimiter_name(d) for d in others)}"
            if others else "")
    return (f"wrong delimiter: the header has {expected + 1} fields separated by {_delimiter_name(delimiter)}, "
            f"but {len(data) - matching} of the first {len(data)} data rows do not (most have {found + 1} "
            f"field{'s' if found else ''}){hint}. Export the file again with one delimiter throughout")


def _delimiter_name(delimiter: str) -> str:
    return {"\t": "tab", ";": "';'", ",": "','", "|": "'|'"}[delimiter]


def _filled(row: Sequence[object]) -> list[int]:
    return [i for i, c in enumerate(row) if c is not None and str(c).strip()]


def _label_like(text: str) -> bool:
    """A header cell: a short text with a letter in it, not a date (a number or a date is data)."""
    text = text.strip()
    return (0 < len(text) <= _LABEL_MAX_CHARS and bool(_HAS_LETTER.search(text))
            and not looks_like_date(text, numeric_ok=False))


def find_header_row(rows: Sequence[Sequence[object]], fallback: bool = True) -> int | None:
    """The index in rows of the header: the first of the first HEADER_SEARCH_ROWS rows with anything in
    them whose filled cells (two or more) are mostly (2/3) labels, that has more filled cells than every
    row above it has, at least twice as many unless they hold at most two (a title, a line saying when the
    file was exported), and that is followed by rows with no more filled cells than itself (the data).
    None when no row is such a row and not fallback; else the first row with anything in it (None if all
    are blank)."""
    filled = [_filled(r) for r in rows]
    nonblank = [i for i, f in enumerate(filled) if f][:HEADER_SEARCH_ROWS]
    for k, i in enumerate(nonblank):
        n = len(filled[i])
        if n < 2 or sum(_label_like(str(rows[i][j])) for j in filled[i]) * 3 < n * 2:
            continue
        if any(len(filled[j]) > max(2, n // 2) for j in nonblank[:k]):
            continue
        if any(len(filled[j]) > n for j in nonblank[k + 1:k + 4]):
            continue
        return i
    return nonblank[0] if nonblank and fallback else None


def _split_line(line: str, delimiter: str) -> list[str]:
    return next(csv.reader([line], delimiter=delimiter), [])


def find_csv_header(lines: Sequence[str]) -> tuple[int, str]:
    """(index in lines of the header, delimiter). The delimiter is the one the first line with text uses
    most (sniff_delimiter); when no header is found splitting by it (a title without delimiters above a
    table), the first other delimiter with which one is found, below the first line, and whose data rows
    split like that header does."""
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    if not nonblank:
        return 0, ";"
    first = nonblank[0]
    scope = lines[:nonblank[min(len(nonblank), HEADER_SEARCH_ROWS + 4) - 1] + 1]
    delimiter = sniff_delimiter(lines[first])
    found = find_header_row([_split_line(line, delimiter) for line in scope], fallback=False)
    if found is not None:
        return found, delimiter
    for other in DELIMITERS:
        if other == delimiter:
            continue
        at = find_header_row([_split_line(line, other) for line in scope], fallback=False)
        if at is not None and at != first and check_delimiter(list(lines[at:]), other) is None:
            return at, other
    return first, delimiter


def read_csv_layout(path: Path) -> CsvLayout:
    with path.open("rb") as fh:
        sample = fh.read(_SNIFF_BYTES)
    encoding = detect_encoding(sample)
    text = sample.decode(encoding, errors="replace").lstrip("\ufeff")
    if not text.strip():
        return CsvLayout(encoding, ";", [], empty=True)
    # lines as the careful reader numbers them (newline="": \n, \r\n or \r ends a line)
    lines = [line.rstrip("\r\n") for line in itertools.islice(io.StringIO(text, newline=""), _SNIFF_LINES)]
    if len(sample) == _SNIFF_BYTES and len(lines) > 1:
        lines = lines[:-1]  # the last line of a cut sample may be partial
    at, delimiter = find_csv_header(lines)
    above = [line for line in lines[:at] if line.replace("\ufeff", "").strip()]
    # a title as written, less the delimiters of the empty cells after it
    title = tuple(t for t in (line.replace("\ufeff", "").strip().rstrip(delimiter + " \t") for line in above)
                  if t.strip(delimiter + " \t\"'"))
    rest = "".join(line + "\n" for line in lines[at:]) if above else text.lstrip()
    header = next(csv.reader(io.StringIO(rest), delimiter=delimiter), [])
    problem = check_delimiter(lines[at:], delimiter) if len(header) > 1 else None
    return CsvLayout(encoding, delimiter, [h.strip() for h in header], delimiter_problem=problem,
                     header_line=at + 1, title=title, rows_above=len(above))


def quote_problem(line: str, delimiter: str, header: list[str]) -> str:
    """Where a line's quoting goes wrong: the first cell (split naively) with a stray quote."""
    for pos, cell in enumerate(line.rstrip("\r\n").split(delimiter)):
        text = cell.strip()
        inner = text[1:-1] if len(text) >= 2 and text.startswith('"') and text.endswith('"') else None
        stray = (text.count('"') % 2 == 1 or (inner is None and '"' in text)
                 or (inner is not None and inner.replace('""', "").count('"')))
        if stray:
            label = header[pos] if pos < len(header) and header[pos] else f"column {pos + 1}"
            return (f'stray quote (") in column {label} (field {pos + 1}): {text[:80]!r}; a quoted value must '
                    f'start and end with " and double any " inside it')
    return 'unbalanced quotes (") in this row'


def iter_csv_records(path: Path, layout: CsvLayout, encoding: str | None = None) -> Iterator[TextRecord]:
    """Data records after the header, parsed record by record (the careful, slow path).

    Lines above the header (a title: CsvLayout.rows_above) are not records.
    A quote opened in a line may continue the value over following lines (a quoted line break);
    when doing so does not give a record with the header's number of fields (a stray quote), only
    that first line is set aside, with the column of the stray quote, and reading resumes on the
    next line: one bad row never swallows the rows after it. row_number is the line number.
    """
    width = len(layout.header)
    delimiter = layout.delimiter
    with path.open("r", encoding=encoding or layout.encoding, newline="", errors="strict") as fh:
        numbered = ((n, line) for n, line in enumerate(fh, start=1))
        pushed_back: list[tuple[int, str]] = []

        def next_line() -> tuple[int, str] | None:
            if pushed_back:
                return pushed_back.pop()
            return next(numbered, None)

        header_seen = False
        while (first := next_line()) is not None:
            line_no, line = first
            if line_no < layout.header_line and layout.rows_above:
                continue  # a title above the header (read_csv_layout found where the header is)
            if not line.strip() or (not header_seen and not line.replace("\ufeff", "").strip()):
                continue
            chunk = [first]
            quotes = line.count('"')
            size = len(line)
            while quotes % 2 and len(chunk) < MAX_RECORD_LINES and size < MAX_RECORD_CHARS:
                nxt = next_line()
                if nxt is None:
                    break
                chunk.append(nxt)
                quotes += nxt[1].count('"')
                size += len(nxt[1])
            if not header_seen:  # the header record
                header_seen = True
                continue
            text = "".join(t for _, t in chunk)
            try:
                rows = list(csv.reader(io.StringIO(text), delimiter=delimiter, strict=True))
            except csv.Error:
                rows = []
            if quotes % 2 == 0 and len(rows) == 1 and len(rows[0]) == width:
                yield TextRecord(line_no, rows[0], text.rstrip("\r\n"))
                continue
            raw = line.rstrip("\r\n")
            if len(chunk) > 1 or quotes % 2 or not rows:
                pushed_back.extend(reversed(chunk[1:]))
                yield TextRecord(line_no, [], raw, reason=quote_problem(line, delimiter, layout.header))
            else:
                cells = rows[0] if len(rows) == 1 else [c for r in rows for c in r]
                yield TextRecord(line_no, [], raw,
                                 reason=f"expected {width} fields as in the header, found {len(cells)}")


def object_name(value: dict) -> object | None:
    """The name an object in a list stands for, by its name key in any case ("name", a .NET API's "Name",
    "DisplayName"); None when it has no such key holding a scalar."""
    keys = {str(k).casefold(): k for k in value}
    return next((value[keys[k]] for k in NESTED_NAME_KEYS
                 if k in keys and value[keys[k]] is not None and not isinstance(value[keys[k]], (dict, list))), None)


def cell_text(value: object) -> str | None:
    """An XLSX/JSON cell as the text the loader parses: ISO timestamps, integral floats as ints."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return ", ".join(t for t in (cell_text(v) for v in value) if t)
    if isinstance(value, dict):  # an object in a list ("tags": [{"id": 3, "name": "vpn"}]): its name, else its JSON
        named = object_name(value)
        return cell_text(named) if named is not None else json.dumps(value, ensure_ascii=False, default=str)
    text = str(value)
    if text.startswith("/Date("):
        return odata_date(text) if _ODATA_DATE.fullmatch(text.strip()) else text
    return text if text.strip() else None


@dataclass(frozen=True)
class TableHead:
    """Where a sheet's header is (its row number) and the rows with text above it (a title), cells joined.
    A workbook read from several sheets: sheets (sheet number in the workbook, name) whose rows were read, each
    row numbered sheet number * SHEET_ROWS + its row; skipped: what was not read, and why."""

    row: int = 1
    title: tuple[str, ...] = ()
    sheets: tuple[tuple[int, str], ...] = ()
    skipped: tuple[str, ...] = ()
    info: tuple[str, ...] = ()  # the first lines of the sheets not read (an "Info" sheet: "Eksport frå Vaktboka")
    notes: tuple[str, ...] = ()  # every line read of the sheets not read (a summary's "Prioritet: 1 = Låg, ...")

    @property
    def titles(self) -> tuple[str, ...]:
        """What the export calls itself: its title rows, then its info sheets' first lines."""
        return tuple(dict.fromkeys((*self.title, *self.info)))


INFO_LINES = 3  # the first lines of an info sheet kept as the export's title
SHEET_ROWS = 1_000_000  # a workbook read from several sheets numbers a row sheet number * SHEET_ROWS + its row


def _normalised(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip().casefold()


def read_xlsx_table(path: Path) -> tuple[list[str], Iterator[TextRecord], TableHead]:
    """The ticket table of a workbook. Header = the row find_header_row picks among the first rows of a sheet (a
    title may be above it). Every sheet whose header looks like a ticket table's (infer.ticket_header) and has the
    same columns as the first such sheet is read, as one export (an "Info" sheet first, then one sheet per year):
    its cells put in the first sheet's column order, its rows numbered sheet * SHEET_ROWS + row when more than one
    sheet is read; the other sheets are skipped and named in TableHead.skipped. No sheet with a ticket header: the
    first sheet with anything in it, as before.

    Cells are read as Excel last saved their values. A formula cell without a saved value (a file
    written by a program that does not compute formulas) is reported in TextRecord.unreadable
    with its formula, never read as an empty cell.
    """
    import openpyxl

    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    formulas = openpyxl.load_workbook(path, read_only=True, data_only=False)
    found = []  # (sheet number, name, header, rows after it, head)
    fallback = None
    for number, (sheet, formula_sheet) in enumerate(zip(workbook.worksheets, formulas.worksheets), start=1):
        rows = zip(itertools.count(1), sheet.iter_rows(values_only=True),
                   itertools.chain(formula_sheet.iter_rows(values_only=True), itertools.repeat(())))
        first: list[tuple[int, tuple, tuple]] = []  # the rows the header is looked for in
        nonblank = 0
        for row in rows:
            first.append(row)
            nonblank += bool(_filled(row[1]))
            if nonblank >= HEADER_SEARCH_ROWS + 4:
                break
        texts = [[cell_text(v) for v in values] for _, values, _ in first]
        lines = tuple(t for t in (" ".join(c.strip() for c in row if c and c.strip()) for row in texts) if t)
        at = find_header_row(texts, fallback=False)
        if at is None and fallback is None:
            at_any = find_header_row(texts)
            if at_any is not None:
                fallback = (number, sheet.title, first, at_any, rows)
        if at is None:
            found.append((number, sheet.title, None, None, TableHead(info=lines[:INFO_LINES], notes=lines)))
            continue
        header_row_number, values, _ = first[at]
        header = [cell_text(v) or "" for v in values]
        while header and not header[-1]:
            header.pop()
        title = tuple(t for t in (" ".join(cell_text(v).strip() for v in vals if cell_text(v))
                                  for _, vals, _ in first[:at]) if t)
        found.append((number, sheet.title, header, itertools.chain(first[at + 1:], rows),
                      TableHead(header_row_number, title, notes=lines)))
    tables = [f for f in found if f[2] is not None and ticket_header(f[2])]
    if not tables:
        table = next((f for f in found if f[2] is not None), None)
        if table is None and fallback is not None:
            number, _, first, at, rows = fallback
            header = [cell_text(v) or "" for v in first[at][1]]
            while header and not header[-1]:
                header.pop()
            title = tuple(t for t in (" ".join(cell_text(v).strip() for v in vals if cell_text(v))
                                      for _, vals, _ in first[:at]) if t)
            table = (number, "", header, itertools.chain(first[at + 1:], rows), TableHead(first[at][0], title))
        if table is None:
            workbook.close()
            formulas.close()
            return [], iter(()), TableHead()
        _, _, header, rows, head = table
        return header, _xlsx_records(rows, len(header), (workbook, formulas)), head
    # a summary sheet before the data ("Status | Antal ärenden") may look like a small ticket table: the widest wins
    base = max(tables, key=lambda f: sum(bool(h and h.strip()) for h in f[2]))
    tables = [base, *(f for f in tables if f is not base)]
    number, name, header, rows, head = tables[0]
    head = replace(head, info=tuple(line for f in found if f[2] is None and f[4] is not None for line in f[4].info),
                   notes=tuple(line for f in found if f is not tables[0] and f[4] is not None for line in f[4].notes))
    columns = [_normalised(h) for h in header]
    same = [tables[0]]
    skipped = []
    for f in found:
        if f in same:
            continue
        if f[2] is None or not ticket_header(f[2]):
            skipped.append(f"sheet {f[1]!r} (no ticket header: not read)")
        elif sorted(_normalised(h) for h in f[2] if h) == sorted(c for c in columns if c):
            same.append(f)
        else:
            skipped.append(f"sheet {f[1]!r} (its header is another table's: not read)")
    if len(same) == 1:
        return header, _xlsx_records(rows, len(header), (workbook, formulas)), replace(head, skipped=tuple(skipped))
    same.sort(key=lambda f: f[0])  # (in the workbook's order)

    def all_rows():
        for number, _, sheet_header, sheet_rows, _ in same:
            order = [next((i for i, h in enumerate(sheet_header) if _normalised(h) == c), None) for c in columns]
            for row_number, values, formula_values in sheet_rows:
                values = tuple(values[i] if i is not None and i < len(values) else None for i in order)
                formula_values = tuple(formula_values[i] if i is not None and i < len(formula_values) else None
                                       for i in order) if formula_values else ()
                yield number * SHEET_ROWS + row_number, values, formula_values

    head = replace(head, sheets=tuple((number, name) for number, name, *_ in same), skipped=tuple(skipped))
    return header, _xlsx_records(all_rows(), len(header), (workbook, formulas)), head


def _xlsx_records(rows, width: int, workbooks) -> Iterator[TextRecord]:
    """rows: (sheet row number, values, formulas) after the header."""
    try:
        for row_number, values, formula_values in rows:
            formula_values = formula_values or ()
            cells = [cell_text(v) for v in values[:width]]
            unreadable = tuple(
                (pos, f) for pos, f in enumerate(formula_values[:width])
                if isinstance(f, str) and f.startswith("=") and pos < len(cells) and cells[pos] is None)
            if all(c is None for c in cells) and not unreadable:
                continue
            cells += [None] * (width - len(cells))
            raw = ";".join(c or "" for c in cells)
            if unreadable:
                raw = ";".join(cells[p] or dict(unreadable).get(p, "") for p in range(width))
            yield TextRecord(row_number, cells, raw, unreadable=unreadable)
    finally:
        for wb in workbooks:
            wb.close()


# an OData annotation of a field ("prioritycode@OData.Community.Display.V1.FormattedValue": "Normal" beside
# "prioritycode": 2): the formatted value is the field's readable value; other annotations ("@odata.etag",
# "…@Microsoft.Dynamics.CRM.lookuplogicalname") say nothing about the ticket
_FORMATTED = "formattedvalue"


def odata_readable(obj: dict) -> dict:
    """A JSON object with each field that has an OData formatted value taken as that value, its annotations
    dropped (Dynamics 365 / Dataverse exports)."""
    if not any(isinstance(k, str) and "@" in k for k in obj):
        return obj
    out: dict = {}
    formatted = {}
    for key, value in obj.items():
        if isinstance(key, str) and "@" in key:
            field, _, annotation = key.partition("@")
            if field and annotation.casefold().endswith(_FORMATTED):
                formatted[field] = value
            continue
        out[key] = value
    for field, value in formatted.items():
        if not _ISO_INSTANT.fullmatch(str(out.get(field, ""))):
            out[field] = value
    return out


# a time written as an ISO 8601 instant ("2025-12-31T23:41:05Z"): its formatted value ("01.01.2025 00:41") is the
# same time in the exporting user's zone, cut to the minute, so the instant itself is kept
_ISO_INSTANT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?")


# a time as a JSON API writes its machine value: Unix seconds or milliseconds ("1704096000000"), an OData v2 date
# ("/Date(1704096000000)/", "/Date(1704096000000+0100)/": milliseconds since 1970 UTC, the offset only how to show
# it) or an ISO 8601 instant with its zone
_MACHINE_INSTANT = re.compile(r"1\d{9}|1\d{12}|/Date\(-?\d+([+-]\d{4})?\)/"
                              r"|\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})")
_ODATA_DATE = re.compile(r"/Date\((-?\d+)(?:[+-]\d{4})?\)/")


def _shown_value(pair: dict) -> object:
    """A {'display_value', 'value'} pair (ServiceNow, ServiceDesk Plus) as one cell: the display value (a choice's
    "1 - Critical" beside its code "1"), unless the value is a time written as an instant (epoch milliseconds, an
    OData date, ISO with a zone): then the value, since the display value is the same time in the exporting user's
    zone and format, often cut to the minute ("01.01.2024 09:00")."""
    value = pair.get("value")
    if "display_value" not in pair:
        return value
    if isinstance(value, (str, int)) and not isinstance(value, bool) and _MACHINE_INSTANT.fullmatch(str(value).strip()):
        return value
    return pair["display_value"]


def odata_date(text: str) -> str | None:
    """An OData v2 JSON date ("/Date(1704096000000)/", with an optional display offset) as an ISO 8601 UTC instant;
    None for a date before 1970 (.NET's DateTime.MinValue "/Date(-62135596800000)/" is an unset date)."""
    m = _ODATA_DATE.fullmatch(text.strip())
    if not m:
        return None
    ms = int(m.group(1))
    if ms < 0:
        return None
    return dt.datetime.fromtimestamp(ms / 1000, tz=dt.timezone.utc).isoformat()


def flatten_record(obj: dict, prefix: str = "") -> dict[str, object]:
    """Nested JSON objects become dotted keys; {'display_value', 'value'} pairs collapse (_shown_value); a field with
    an OData formatted value is that value (odata_readable)."""
    flat: dict[str, object] = {}
    for key, value in odata_readable(obj).items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            if "display_value" in value or "value" in value:
                flat[name] = _shown_value(value)
            else:
                flat.update(flatten_record(value, f"{name}."))
        else:
            flat[name] = value
    return flat


# a person's name written as two fields ("TechFirstName"/"TechLastName", "requester.first_name"/"…last_name",
# "Fornavn"/"Etternavn"): the word for the first name, and the word for the last name that goes with it
_FIRST_NAME = re.compile(r"(first[ _]?name|given[ _]?name|fornavn|förnamn|fornamn)$", re.I)
_LAST_NAME = {"first": "last", "given": "family", "fornavn": "etternavn", "förnamn": "efternamn",
              "fornamn": "etternamn"}


def joined_person_names(flat: dict[str, object]) -> dict[str, object]:
    """A flattened record with each person's first and last name fields joined into one name field where the first
    name stood ("TechFirstName" = "Kari", "TechLastName" = "Nordmann" -> "TechName" = "Kari Nordmann"; "FirstName" /
    "LastName" -> "Name"): the person is one value of one column, so "which technician closed the most" counts
    people, not first names. A record that already has a field of the joined name keeps its fields as they are."""
    pairs: dict[str, tuple[str, str]] = {}
    for key in flat:
        m = _FIRST_NAME.search(key)
        if not m:
            continue
        word = m.group(1)
        head = re.match(r"first|given|fornavn|förnamn|fornamn", word, re.I).group(0)
        last_head = _LAST_NAME[head.casefold()]
        last_head = last_head.capitalize() if head[0].isupper() else last_head
        last = key[:m.start()] + last_head + word[len(head):]
        if word.casefold() in _LAST_NAME:  # "Fornavn": the whole word is the first name's
            last, joined = key[:m.start()] + last_head, key[:m.start()] + ("Navn" if head[0].isupper() else "navn")
        else:
            joined = key[:m.start()] + word[len(head):].lstrip(" _")
        if last in flat and joined not in flat:
            pairs[key] = (last, joined)
    if not pairs:
        return flat
    out: dict[str, object] = {}
    lasts = {last for last, _ in pairs.values()}
    for key, value in flat.items():
        if key in pairs:
            last, joined = pairs[key]
            parts = [str(v).strip() for v in (value, flat[last]) if v is not None and str(v).strip()]
            out[joined] = " ".join(parts) or None
        elif key not in lasts:
            out[key] = value
    return out


# the keys an API response page carries beside its records ("page": 2, "next_page_url": …, "meta": {"per_page": …}):
# a list of objects each with one of these (at its top or in an object there) and a list of records is a dump of the
# pages, not a list of tickets
PAGING_KEYS = frozenset({"page", "current_page", "currentpage", "page_number", "pagenumber", "page_no", "next_page_url",
                         "next_page", "nextpage", "prev_page_url", "previous_page", "last_page", "lastpage", "per_page",
                         "perpage", "page_size", "pagesize", "total_pages", "totalpages", "page_count", "pagecount",
                         "has_more", "hasmore", "has_more_items", "next_cursor", "nextcursor", "pagination", "paging",
                         "list_info"})


def _paged(page: dict) -> bool:
    def keys(obj: dict) -> set[str]:  # an API's own keys are often marked by a leading underscore ("_pagination")
        return {k.casefold().lstrip("_") for k in obj if isinstance(k, str)}
    return bool(keys(page) & PAGING_KEYS or any(keys(v) & PAGING_KEYS for v in page.values() if isinstance(v, dict)))


def _object_lists(node: object, path: tuple = ()) -> Iterator[tuple[tuple, list]]:
    """Every list of objects in a page, with the keys leading to it (a list's own items not searched)."""
    if isinstance(node, dict):
        for k, v in node.items():
            if isinstance(v, list) and v and all(isinstance(x, dict) for x in v):
                yield (*path, k), v
            elif isinstance(v, dict):
                yield from _object_lists(v, (*path, k))


def unpaged(items: list) -> list | None:
    """A list of API response pages (what a script that fetched every page and saved the responses in one list
    writes) as the records of all the pages in order: the list at the same place in every page that holds the most
    objects over all pages (a short last page beside a longer lookup list still gives its records); None when items
    are not such pages (every item an object saying it is a page, _paged, with a list of objects in it)."""
    if not items or not all(isinstance(v, dict) and _paged(v) for v in items):
        return None
    found = [dict(_object_lists(v)) for v in items]
    totals: dict[tuple, int] = {}
    for page in found:
        for path, objects in page.items():
            totals[path] = totals.get(path, 0) + len(objects)
    if not totals:
        return None
    best = max(totals, key=lambda path: (totals[path], -len(path)))
    return [record for page in found for record in page.get(best, [])]


def _record_lists(node: object, depth: int = 0) -> Iterator[tuple[list, int]]:
    """Every list of objects in a JSON document, with its depth; a list's own items are records, not searched (a
    ticket's comment list is a field of the ticket, not another table), unless they are API response pages (unpaged):
    then their records, together."""
    if isinstance(node, list):
        if node and all(isinstance(v, dict) for v in node):
            yield (unpaged(node) or node), depth
            return
        for v in node:
            if isinstance(v, (dict, list)):
                yield from _record_lists(v, depth + 1)
    elif isinstance(node, dict):
        for v in node.values():
            if isinstance(v, (dict, list)):
                yield from _record_lists(v, depth + 1)


def json_records(doc: object) -> list:
    """The ticket records of a parsed JSON document: a list of objects as it is; in an API response (Zendesk
    {"tickets": [...]}, ServiceDesk Plus {"response_status": [...], "list_info": {...}, "requests": [...]}, OData
    {"d": {"results": [...]}} or {"value": [...]}, {"data": {"items": [...]}}) the largest list of objects at any
    depth (the envelope's status and paging objects are no tickets); at equal length the one whose objects have
    more keys, then the shallower. A lone object is one record."""
    if isinstance(doc, list) and (not doc or all(isinstance(v, dict) for v in doc)):
        return unpaged(doc) or doc
    found = list(_record_lists(doc))
    if not found:
        return [doc] if isinstance(doc, dict) else doc if isinstance(doc, list) else []
    best, _ = max(found, key=lambda f: (len(f[0]), len({k for item in f[0] for k in item}), -f[1]))
    return best


# the key of a ticket's own list of events ("_events": [{"type": "archive", "emitted_at": …}], "audits", "activities"),
# written into each ticket by a script that fetched every ticket's events beside it
EMBEDDED_EVENT_KEYS = frozenset({"events", "event", "eventlog", "event_log", "audits", "activities", "activity_log",
                                 "activitylog", "hendelser", "hendingar", "händelser", "hendelseslogg"})
EMBEDDED_TICKET_KEY = "ticket"  # the key of the ticket's own fields on each event read from its embedded list
_EVENT_KIND_KEYS = ("type", "kind", "action", "event", "event_type", "eventtype", "activity", "verb")


def _embedded_events_key(record: object) -> str | None:
    """The key of a record's own event list (EMBEDDED_EVENT_KEYS, a leading "_" aside) whose items are all objects
    saying which kind of event each is (a type, kind or action key holding a text); None when it has none."""
    if not isinstance(record, dict):
        return None
    for key, value in record.items():
        if not isinstance(key, str) or key.casefold().lstrip("_") not in EMBEDDED_EVENT_KEYS \
                or not isinstance(value, list):
            continue
        if all(isinstance(v, dict) and any(isinstance(v.get(k), str) for k in _EVENT_KIND_KEYS) for v in value):
            return key
    return None


def embedded_events(records: list) -> list:
    """Tickets that each hold their own list of events (_embedded_events_key: Front conversations saved with the
    "_events" the events endpoint gave for each) as one record per event, the ticket's other fields under
    EMBEDDED_TICKET_KEY ({"type": "archive", "emitted_at": …, "ticket": {"id": …, "created_at": …}}): the event log a
    stream of events naming their ticket is, so its first reply, resolution and reopenings are read from the events.
    A ticket with no events is one record of its own fields. Records as they are unless most of them (half or more,
    those with an empty list counted, and one at least not empty) hold such a list."""
    keys = [_embedded_events_key(r) for r in records]
    if not records or sum(k is not None for k in keys) * 2 < len(records) \
            or not any(k is not None and record[k] for record, k in zip(records, keys)):
        return records
    out: list = []
    for record, key in zip(records, keys):
        if key is None:
            out.append({EMBEDDED_TICKET_KEY: record} if isinstance(record, dict) else record)
            continue
        ticket = {k: v for k, v in record.items() if k != key}
        events = record[key]
        out.extend([{**event, EMBEDDED_TICKET_KEY: ticket} for event in events] or [{EMBEDDED_TICKET_KEY: ticket}])
    return out


def _json_records(path: Path) -> list[dict]:
    return json_records(_json_document(path))


def _json_document(path: Path) -> dict | list:
    text = path.read_text(encoding="utf-8-sig")
    try:
        doc = json.loads(text)
    except json.JSONDecodeError:
        doc = [json.loads(line) for line in text.splitlines() if line.strip()]  # JSON Lines
    if not isinstance(doc, (dict, list)):
        raise ValueError(f"{path}: expected a JSON list of ticket objects")
    return doc


# A ticket's own history in a JSON record: a list of objects each naming a state and when it was entered
# ("state_history": [{"state": "closed", "created_at": "…"}], "status_changes": [{"to_status": …, "changed_at": …}]).
HISTORY_STATE_KEYS = ("state", "status", "to_state", "to_status", "new_state", "new_status", "state_name",
                      "status_name", "value", "statecode", "statuscode")
HISTORY_TIME_KEYS = ("created_at", "changed_at", "updated_at", "timestamp", "time", "at", "date", "created",
                     "changed", "when", "occurred_at", "entered_at", "actualend", "createdon", "resolvedon",
                     "modifiedon")
_DONE_STATES = ("resolved", "closed")
_REOPEN_STATES = ("new", "open", "pending")


def _history_entries(value: object) -> list[tuple[str, str]] | None:
    """(state as written, time as written) of a list of state changes, in time order; None when value is no such
    list (every item an object with a state key and a time key)."""
    if not isinstance(value, list) or not value or not all(isinstance(v, dict) for v in value):
        return None
    entries = []
    for item in map(odata_readable, value):
        keys = {str(k).casefold(): k for k in item}
        state_key = next((keys[k] for k in HISTORY_STATE_KEYS if k in keys), None)
        time_key = next((keys[k] for k in HISTORY_TIME_KEYS if k in keys), None)
        if state_key is None or time_key is None:
            return None
        state, when = cell_text(item[state_key]), cell_text(item[time_key])
        if state is not None and when is not None:
            entries.append((state, when))
    if not entries:
        return None
    try:  # in time order when every time reads as ISO 8601, else as listed
        return sorted(entries, key=lambda e: dt.datetime.fromisoformat(e[1]).timestamp())
    except (ValueError, TypeError):
        return entries


def history_columns(key: str, entries: list[tuple[str, str]]) -> dict[str, str | None]:
    """What a ticket's state history says, as columns the mappings read by their header words: the state it ended in
    ("<key>.state"), when it was last resolved ("<key>.resolved_at": the first change of the last run of resolved or
    closed states, when it ends resolved or closed; a ticket reopened and not resolved again has none), and how often
    it was reopened ("<key>.reopen_count": a resolved or closed state followed by a new, open or pending one)."""
    # a cancelled entry ("Annullert", "Canceled": a resolution withdrawn) resolves nothing: the last one that was not
    # cancelled is the resolution
    kept = [e for e in entries if normalise_status(e[0]) != "cancelled"] or entries
    last_state = entries[-1][0]
    cancelled = len(entries) - len(kept) if kept is not entries else len(entries)
    every = {normalise_status(s) for s, _ in entries}
    entries = kept
    states = [normalise_status(s) for s, _ in entries]
    resolved_at = None
    if every <= {"resolved", "cancelled"} and (len(entries) > 1 or cancelled):
        # a list of resolutions (each entry one, "incident_resolutions"): the last that was not cancelled is the one
        # that stands; each before it, and each cancelled one (a resolution undone when the case was reactivated),
        # was a reopening
        standing = [e for e in entries if normalise_status(e[0]) == "resolved"]
        return {f"{key}.state": last_state, f"{key}.resolved_at": standing[-1][1] if standing else None,
                f"{key}.reopen_count": str(cancelled + max(len(standing) - 1, 0))}
    if states[-1] in _DONE_STATES:
        start = len(states) - 1
        while start > 0 and states[start - 1] in _DONE_STATES:
            start -= 1
        resolved_at = entries[start][1]
    reopens = sum(1 for a, b in zip(states, states[1:]) if a in _DONE_STATES and b in _REOPEN_STATES)
    return {f"{key}.state": last_state, f"{key}.resolved_at": resolved_at, f"{key}.reopen_count": str(reopens)}


def breach_counts(flat: dict[str, object]) -> dict[str, object]:
    """A flattened record with a count beside each list whose key names breaches ("sla_breaches": [] or [{"sla": ...,
    "breached_at": ...}] -> "sla_breaches.count" = "0", "1"): an empty list says no level was breached, which its
    text (empty) would not say; the count is the SLA verdict a header word finds (flows.tickets.infer)."""
    out = dict(flat)
    for key, value in flat.items():
        if isinstance(value, list) and breach_words(re.findall(r"[^\W_]+", key.casefold())) \
                and f"{key}.count" not in flat:
            out[f"{key}.count"] = str(len(value))
    return out


def _with_history(flat: dict[str, object]) -> dict[str, object]:
    """A flattened record with each state-history list replaced by the columns history_columns reads from it."""
    if not any(isinstance(v, list) for v in flat.values()):
        return flat
    out: dict[str, object] = {}
    for key, value in flat.items():
        entries = _history_entries(value)
        if entries is None:
            out[key] = value
        else:
            out.update(history_columns(key, entries))
    return out


# the keys of a named field's object in a list of custom fields ("customFields": [{"name": "Priority", "value": {...}}]);
# a readable label beside a code name ("name": "CFKanal", "label": "Kanal", HaloITSM) and a shown text beside a stored
# one ("display": "E-post" beside "value": 3) are the field as people write it: they come first
_FIELD_NAME_KEYS = ("label", "display_name", "displayname", "name", "field", "fieldname", "field_name", "title", "key")
_FIELD_VALUE_KEYS = ("display", "display_value", "displayvalue", "value", "values", "fieldvalue", "field_value")
# the keys of a field value's object that say it as text (an enum's "name", a text's "text", a "presentation")
_VALUE_TEXT_KEYS = (*NESTED_NAME_KEYS, "text", "presentation", "fullname", "full_name", "login")


def _field_value(value: object) -> object:
    """A custom field's value as one cell: an object as its text (an enum's name, a text field's text, its
    presentation), a list as its items' texts; a scalar as it is."""
    if isinstance(value, dict):
        keys = {str(k).casefold(): k for k in value}
        found = next((keys[k] for k in _VALUE_TEXT_KEYS if k in keys and not isinstance(value[keys[k]], (dict, list))
                      and value[keys[k]] is not None), None)
        return value[found] if found is not None else value
    if isinstance(value, list):
        return [_field_value(v) for v in value]
    return value


def _named_fields(value: object) -> list[tuple[str, object]] | None:
    """[(field name, value)] of a list of name/value objects (each with a name key holding a text and a value key);
    None for any other list."""
    if not isinstance(value, list) or not value or not all(isinstance(v, dict) for v in value) \
            or _history_entries(value) is not None:  # a state history: each item's value is a state at a time
        return None
    fields = []
    for item in value:
        keys = {str(k).casefold(): k for k in item}
        name_key = next((keys[k] for k in _FIELD_NAME_KEYS if k in keys), None)
        value_key = next((keys[k] for k in _FIELD_VALUE_KEYS if k in keys), None)
        name = item.get(name_key) if name_key is not None else None
        if (not isinstance(name, str) or not name.strip()) and name_key is not None:
            # an empty label beside a code name: the code names the field
            name = next((item[keys[k]] for k in _FIELD_NAME_KEYS if k in keys and isinstance(item[keys[k]], str)
                         and item[keys[k]].strip()), None)
        if value_key is not None and item[value_key] is None:
            # no shown text: the stored value (a field whose "display" is empty holds its "value" as it is)
            value_key = next((keys[k] for k in _FIELD_VALUE_KEYS if k in keys and item[keys[k]] is not None), value_key)
        if value_key is None or not isinstance(name, str) or not name.strip():
            return None
        fields.append((name.strip(), _field_value(item[value_key])))
    return fields if len({n for n, _ in fields}) == len(fields) else None


def named_field_columns(flat: dict[str, object]) -> dict[str, object]:
    """A flattened record with each list of name/value objects ("customFields": [{"name": "Priority", "value":
    {"name": "Høy"}}, {"name": "Assignee", "value": null}]) read as a column per field, named by the field's name
    ("Priority" = "Høy"; "<list>.<name>" when the record has a key of that name already): a custom field is an attribute
    of the ticket that the header words then find (its priority, category, subsystem)."""
    def spread(key, fields, out):
        for name, x in fields:
            out[name if name not in flat and name not in out else f"{key}.{name}"] = x
    return _lists_as_columns(flat, _named_fields, spread)


def _lists_as_columns(flat: dict[str, object], read, spread) -> dict[str, object]:
    """The one loop of named_field_columns and kind_columns: each list value that `read` understands (not None) is
    replaced by the columns `spread(key, found, out)` writes; every other value is kept as it is."""
    if not any(isinstance(v, list) for v in flat.values()):
        return flat
    out: dict[str, object] = {}
    for key, value in flat.items():
        found = read(value)
        if found is None:
            out[key] = value
        else:
            spread(key, found, out)
    return out


# the key of a list's objects that says which kind of thing each one is ("sla_metrics": [{"metric_type":
# "RESOLUTION_TIME", "is_breached": false, "due_at": ...}, {"metric_type": "FIRST_REPLY_TIME", ...}])
_KIND_KEY = re.compile(r"(?:\w+_)?(?:type|kind)|metric|target|goal")


def _kinds(value: object) -> tuple[str, list[tuple[str, dict]]] | None:
    """(the kind key, [(kind, the object)]) of a list of objects that each say which kind of thing they are, with a
    kind of their own and scalar fields besides; None for any other list (tags, comments, a state history)."""
    if not isinstance(value, list) or not value or not all(isinstance(v, dict) for v in value):
        return None
    for key in value[0]:
        if not _KIND_KEY.fullmatch(str(key).casefold()):
            continue
        kinds = [v.get(key) for v in value]
        if all(isinstance(k, str) and re.fullmatch(r"[\w .:/-]{1,40}", k) for k in kinds) \
                and len(set(kinds)) == len(kinds) \
                and all(any(f != key and not isinstance(x, (dict, list)) for f, x in v.items()) for v in value):
            return key, list(zip(kinds, value))
    return None


def kind_columns(flat: dict[str, object]) -> dict[str, object]:
    """A flattened record with each list of objects of named kinds (_kinds) read as a column per kind and field,
    "<list>.<kind>.<field>" ("sla_metrics.RESOLUTION_TIME.is_breached" = false, "sla_metrics.RESOLUTION_TIME.due_at"):
    a ticket's SLA stated per metric is then a verdict and a deadline a header word finds, as a flat export's are."""
    def spread(key, found, out):
        kind_key, items = found
        for kind, item in items:
            out.update({f"{key}.{kind}.{field}": x for field, x in item.items()
                        if field != kind_key and not isinstance(x, (dict, list))})
    return _lists_as_columns(flat, _kinds, spread)


# a scoped label: "scope::value" (GitLab's "prio::1", "kommune::Ramnfjord"; a nested scope "team::drift::nett")
# (greedy: the last "::" splits)
_SCOPED = re.compile(r"^\s*(\S(?:.*\S)?)\s*::\s*(\S(?:.*\S)?)\s*$")


def _label_text(item: object) -> tuple[str | None, str | None]:
    """A label of a list as (its name, its description): a string, or an object with a name key."""
    if isinstance(item, str):
        return item, None
    if isinstance(item, dict):
        name = object_name(item)
        name = name if isinstance(name, str) else None
        description = item.get("description")
        return name, description if isinstance(description, str) and description.strip() else None
    return None, None


def scoped_labels(flat: dict[str, object], described: dict[str, dict[str, str]]) -> dict[str, object]:
    """A flattened record with each list of scoped labels ("labels": ["kommune::Ramnfjord", "prio::4"]) read as
    columns too, one per scope ("labels.kommune" = "Ramnfjord", "labels.prio" = "4"): a label set as key and value is
    an attribute of the ticket, named by its scope (the customer, priority or category a header word finds). The list
    itself is kept. described: {column: {value: description}} gathered from labels that carry one ("Prioritet 4 –
    kritisk (høyeste)"), for what they say of the values' order."""
    out = dict(flat)
    for key, value in flat.items():
        if not isinstance(value, list):
            continue
        for item in value:
            name, description = _label_text(item)
            scoped = scoped_label(name) if name else None
            if not scoped:
                continue
            scope, label = scoped
            column = f"{key}.{scope}"
            if column in flat:
                continue
            out[column] = label if column not in out else f"{out[column]}, {label}"
            if description:
                described.setdefault(column, {}).setdefault(label, description)
    return out


# a tag written with one colon ("kommune:nome", "prio:2" in a Zendesk "Tags" cell): one word that begins with a
# letter, the colon and a value without spaces (so a clock "10:30", a URL "https://…" and a title "Feil: Nome – ny
# rapport" are no tags); tags in a cell may be apart by spaces only
_TAG = re.compile(r"^([^\W\d_][\w-]*):([^\s/:][^\s:]*)$")
# what separates the labels of one cell ("type::Feil,prioritet::P2", "kommune:nome; prio:2", "a | b")
_LABEL_SEPARATORS = re.compile(r"\s*[,;|]\s*")


def scoped_label(text: str) -> tuple[str, str] | None:
    """(scope, value) of one label written "scope::value" or "key:value"; None for a plain label ("passord")."""
    m = _SCOPED.match(text) or _TAG.match(text.strip())
    return (m.group(1), m.group(2)) if m else None


def _label_count(cell: str) -> int:
    """How many labels a cell lists: its parts apart by ",", ";" or "|", else (no "::") its words."""
    parts = _LABEL_SEPARATORS.split(cell.strip())
    return len(parts) if len(parts) > 1 or "::" in cell else len(cell.split())


def _cell_labels(cell: str) -> list[tuple[str, str]]:
    """The scoped labels of one cell: its parts apart by ",", ";" or "|", a part without "::" split on spaces too."""
    labels = []
    for part in _LABEL_SEPARATORS.split(cell.strip()):
        found = scoped_label(part) if "::" in part else None
        labels += [found] if found else [s for s in map(scoped_label, part.split()) if s]
    return labels


def label_scopes(header: Sequence[str], sample: Sequence[Sequence[str | None]]) -> dict[int, tuple[str, ...]]:
    """The text columns that list scoped labels ("Labels" = "type::Integrasjon,prioritet::P2,kommune::Nome", "Tags" =
    "kommune:nome prio:2"), each with the scopes its labels use on at least a tenth of the rows it is filled on: a cell
    list is a labels column when at least half of its filled cells hold a scoped label and no cell is one long text.
    Each scope becomes a column of its own (with_label_columns), named "<header>.<scope>" as a JSON list's are
    (scoped_labels), so the header-word inference reads the scope: "kommune" the customer, "prioritet" the priority."""
    found: dict[int, tuple[str, ...]] = {}
    for pos, name in enumerate(header):
        cells = [row[pos] for row in sample if pos < len(row) and row[pos] and row[pos].strip()]
        if len(cells) < 2:
            continue
        scoped = [_cell_labels(c) for c in cells]
        if sum(bool(s) for s in scoped) * 2 < len(cells):
            continue
        # a list: a third of the cells hold two labels or more ("type::Feil,kommune::Nome"); one "Drift::Server" a
        # cell is a path in a tree (a queue and its subqueue), not a label set as key and value
        if sum(_label_count(c) >= 2 for c in cells) * 3 < len(cells):
            continue
        counts: dict[str, int] = {}
        for labels in scoped:
            for scope in dict.fromkeys(s for s, _ in labels):
                counts[scope] = counts.get(scope, 0) + 1
        scopes = tuple(s for s, n in counts.items() if n >= max(2, len(cells) / 10)
                       and f"{name}.{s}".casefold() not in {h.casefold() for h in header})
        if scopes:
            found[pos] = scopes
    return found


def label_cells(cell: str | None, scopes: Sequence[str]) -> list[str | None]:
    """The value of each scope in one labels cell (several values of one scope joined by ", "; None when absent)."""
    values: dict[str, list[str]] = {}
    for scope, value in _cell_labels(cell) if cell else ():
        if scope in scopes:
            values.setdefault(scope, []).append(value)
    return [", ".join(values[s]) if s in values else None for s in scopes]


def with_label_columns(header: Sequence[str], records: Iterator[TextRecord], scopes: dict[int, tuple[str, ...]]
                       ) -> tuple[list[str], Iterator[TextRecord]]:
    """The header and records with a column per scope of each labels column (label_scopes) after the others; the
    labels column itself is kept as it is."""
    names = [*header, *(f"{header[pos]}.{s}" for pos, ss in scopes.items() for s in ss)]
    width = len(header)

    def extended() -> Iterator[TextRecord]:
        for rec in records:
            if rec.reason:
                yield rec
                continue
            cells = list(rec.cells[:width]) + [None] * (width - len(rec.cells))
            for pos, ss in scopes.items():
                cells += label_cells(cells[pos], ss)
            yield replace(rec, cells=cells)

    return names, extended()


def label_notes(described: dict[str, dict[str, str]]) -> tuple[str, ...]:
    """What the labels' descriptions say of each scope's values, one line a scope ("labels.prio: 4 = kritisk
    (høyeste), 1 = lav (laveste)"): the text after the value in its description, else the description."""
    lines = []
    for column, values in described.items():
        said = []
        for value, description in values.items():
            at = description.find(value)
            text = description[at + len(value):] if at >= 0 else description
            said.append(f"{value} = {text.strip(' -–—:')}")
        lines.append(f"{column}: " + ", ".join(said))
    return tuple(lines)


# A JSON export that carries its own lookup tables beside the tickets (an API dump with "dependencies":
# {"priorities": [{"priority_id": 2, "priority": "High"}], "status": [{"id": 3, "name": "Closed"}]}): a ticket's code
# column ("priority_id": 2) is read as the name the file gives that code, under the column's name without its id
# suffix ("priority"), so the export's own words name the priorities, states and topics instead of bare numbers.
_ID_SUFFIX = re.compile(r"(?:[_.\s-]?(?:id|code|kode|no|nr)|(?<=[a-z])(?:Id|ID|Code))$")
_NAME_KEYS = ("name", "title", "label", "display_name", "displayname", "navn", "namn", "value", "text", "description")
_LOOKUP_COVERAGE = 0.8  # of a code column's filled cells the table must name, or the column is no code of it


def _norm(name: str) -> str:
    return re.sub(r"[^0-9a-zæøåäöü]", "", name.casefold())


def _singulars(name: str) -> set[str]:
    n = _norm(name)
    out = {n}
    if n.endswith("ies"):
        out.add(n[:-3] + "y")
    if n.endswith("es"):
        out.add(n[:-2])
    if n.endswith("s"):
        out.add(n[:-1])
    if n.endswith(("er", "ar")):  # Norwegian/Swedish plurals ("prioriteter", "kategorier", "statusar")
        out.add(n[:-2])
    return {o for o in out if len(o) >= 3}


def _code(value: object) -> str | None:
    if value is None or isinstance(value, (bool, dict, list)):
        return None
    text = str(value).strip()
    return text[:-2] if re.fullmatch(r"-?\d+\.0", text) else text or None


def _lookup_table(key: str, items: list) -> dict[str, str] | None:
    """{code: name} of a list of objects that each have an id and a name, the ids unique; None for any other list."""
    if len(items) < 2 or not all(isinstance(v, dict) for v in items):
        return None
    shared = set.intersection(*(set(v) for v in items))
    ids = [k for k in shared if isinstance(k, str) and (k.casefold() == "id" or _ID_SUFFIX.search(k))]
    ids.sort(key=lambda k: (k.casefold() != "id", len(k)))
    singular = _singulars(key)
    for id_key in ids:
        codes = [_code(v[id_key]) for v in items]
        if None in codes or len(set(codes)) != len(codes):
            continue
        names = [k for k in shared if k != id_key and isinstance(k, str)
                 and all(isinstance(v[k], str) and v[k].strip() for v in items)]
        def naming(k: str) -> bool:  # a key that names the entry ("name", or the table's own word: "topic")
            n = _norm(k)
            return n in _NAME_KEYS or any(s.endswith(n) or s.startswith(n) for s in singular if len(n) >= 4)
        names.sort(key=lambda k: (not naming(k), _NAME_KEYS.index(_norm(k)) if _norm(k) in _NAME_KEYS else 99))
        if names and (naming(names[0]) or len(names) == 1):
            return {c: str(v[names[0]]).strip() for c, v in zip(codes, items)}
    return None


def lookup_tables(doc: object, records: list) -> dict[str, dict[str, str]]:
    """Every lookup table of a JSON document besides its records: the last key naming the list -> {code: name}."""
    tables: dict[str, dict[str, str]] = {}
    ticket_objects = {id(r) for r in records}

    def walk(node: object, key: str) -> None:
        if node is records or (isinstance(node, list) and any(id(v) in ticket_objects for v in node)):
            return
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, str(k))
        elif isinstance(node, list):
            table = _lookup_table(key, node) if key else None
            if table:
                tables.setdefault(key, table)
            else:  # (a list of API pages: each page's own lookup lists)
                for v in node:
                    walk(v, key)
    walk(doc, "")
    return tables


def looked_up(flat_records: list[dict], tables: dict[str, dict[str, str]]) -> tuple[list[dict], tuple[str, ...]]:
    """The records with each code column that a lookup table names ("priority_id" -> table "priorities") replaced by
    a column of the names, called as the column without its id suffix ("priority"; a column of numeric codes named as
    the table, "status": 2 beside "status": [{"id": 2, "name": "Resolved"}], keeps its name); and a note per column.
    A column whose base another column already has, or whose codes the table mostly does not hold, is kept as it is."""
    keys: dict[str, None] = {}
    for flat in flat_records:
        keys.update(dict.fromkeys(flat))
    taken = {_norm(k) for k in keys}
    plan: dict[str, tuple[str, str]] = {}
    for column in keys:
        last = column.rpartition(".")[2]
        base = _ID_SUFFIX.sub("", last) or last
        name = column[: len(column) - len(last)] + base
        if _norm(name) in taken and name != column:
            continue
        table = next((t for t in tables if _norm(base) in _singulars(t) or any(
            _norm(base).endswith(s) and len(s) >= 4 for s in _singulars(t))), None)
        if table is None:
            continue
        codes = [c for flat in flat_records if (c := _code(flat.get(column))) is not None]
        if base == last and not all(c.isdigit() for c in codes):
            continue  # a column named as the table ("status") is read through it only when it holds numeric codes
        if codes and sum(c in tables[table] for c in codes) >= _LOOKUP_COVERAGE * len(codes):
            plan[column] = (name, table)
            taken.add(_norm(name))
    if not plan:
        return flat_records, ()
    out = []
    for flat in flat_records:
        row = {}
        for k, v in flat.items():
            if k in plan:
                name, table = plan[k]
                code = _code(v)
                row[name] = tables[table].get(code, v) if code is not None else None
            else:
                row[k] = v
        out.append(row)
    notes = tuple(f"column {c!r} read as {n!r}: the names the file's own table {t!r} gives its codes"
                  for c, (n, t) in plan.items())
    return out, notes


def read_json_table(path: Path) -> tuple[list[str], Iterator[TextRecord]]:
    """read_json without the notes."""
    names, records, _ = read_json(path)
    return names, records


def read_json(path: Path) -> tuple[list[str], Iterator[TextRecord], tuple[str, ...]]:
    """Header = union of the (flattened) keys in order of first appearance; Jira's 'fields.' dropped. A list of
    state changes in a record becomes the columns history_columns derives from it (its last state, when it was last
    resolved, how often it was reopened); a list of objects of named kinds a column per kind and field (kind_columns);
    a list of scoped labels a column per scope (scoped_labels); a list of name/value custom fields a column per field
    (named_field_columns). The notes: what
    the labels' descriptions say of their values (label_notes)."""
    doc = _json_document(path)
    records = embedded_events(json_records(doc))
    flat_records = []
    described: dict[str, dict[str, str]] = {}
    for obj in records:
        flat = breach_counts(scoped_labels(kind_columns(_with_history(named_field_columns(
            joined_person_names(flatten_record(obj))))), described)) \
            if isinstance(obj, dict) else {}
        flat_records.append({(k[7:] if k.startswith("fields.") else k): v for k, v in flat.items()})
    flat_records, lookup_notes = looked_up(flat_records, lookup_tables(doc, records))
    header: dict[str, None] = {}
    for flat in flat_records:
        header.update(dict.fromkeys(flat))
    # a nested object that is null in some records ("organization": null beside {"name": "X"} elsewhere) is no
    # column of its own: its flattened keys ("organization.name") carry it, and the empty "organization" would
    # otherwise take the object's name from them
    nested = {n.rpartition(".")[0] for n in header if "." in n}
    names = [n for n in header
             if n not in nested or any(flat.get(n) is not None for flat in flat_records)]

    def records_iter() -> Iterator[TextRecord]:
        for position, (obj, flat) in enumerate(zip(records, flat_records), start=1):
            cells = [cell_text(flat.get(n)) for n in names]
            yield TextRecord(position, cells, json.dumps(obj, ensure_ascii=False, default=str))

    return names, records_iter(), label_notes(described) + lookup_notes + json_export_lines(doc)


# A field-change log (Bugzilla's activity table, Jira's or Redmine's history exports: bug_id, who, when, what,
# removed, added): one row per change of one field of a ticket. The column naming the field changed, and the
# columns holding the value after (and before) the change, by their header words.
_CHANGED_FIELD_WORDS = frozenset({"what", "field", "fieldname", "felt", "feltnavn", "fält", "attribute", "attributt",
                                  "property", "egenskap"})
_NEW_VALUE_WORDS = frozenset({"added", "new", "newvalue", "ny", "nyverdi", "tilført", "lagt", "to", "til", "after",
                              "etter", "ny_verdi"})
_OLD_VALUE_WORDS = frozenset({"removed", "old", "oldvalue", "gammel", "gammelverdi", "fjernet", "from", "fra",
                              "before", "før", "tidligere", "previous", "previousvalue", "prior", "forrige",
                              "föregående", "tidigare", "gamla"})
_VALUE_WORDS = frozenset({"value", "verdi", "värde", "values", "verdier"})
# a value that names no one ("nobody@...", "unassigned"): an assignment to it is no holder
_NO_ONE = frozenset({"nobody", "noone", "none", "unassigned", "ingen", "ikkje", "ikke", "tildelt", "ikke tildelt",
                     "not assigned", "n/a"})


@dataclass(frozen=True)
class FieldChanges:
    field_pos: int  # the column naming the field changed
    new_pos: int  # the value after the change
    fields: tuple[str, ...]  # the fields changed (each becomes a column of the value it was changed to)


def _words_of(name: str) -> set[str]:
    return set(header_words(name))


def field_change_positions(header: Sequence[str]) -> tuple[int, int, int] | None:
    """(field changed, value after, value before): the columns of a field-change log by their header words alone
    ("what"/"Felt", "added"/"Ny verdi", "removed"/"Gammel verdi"), each named by one column only; None otherwise."""
    def find(words: frozenset[str], skip: set[int]) -> int | None:
        hits = [p for p, name in enumerate(header) if p not in skip and _words_of(name) & words]
        if len(hits) > 1:
            # ("Ny verdi" beside a field's own column "Tildelt til": the one that says it holds a value)
            hits = [p for p in hits if _words_of(header[p]) & _VALUE_WORDS]
        return hits[0] if len(hits) == 1 else None

    field_pos = find(_CHANGED_FIELD_WORDS, set())
    if field_pos is None:
        return None
    new_pos = find(_NEW_VALUE_WORDS, {field_pos})
    old_pos = find(_OLD_VALUE_WORDS, {field_pos} | ({new_pos} if new_pos is not None else set()))
    if new_pos is None or old_pos is None:
        return None
    return field_pos, new_pos, old_pos


def field_change_columns(header: Sequence[str], sample: Sequence[Sequence[str | None]]) -> FieldChanges | None:
    """A field-change log: a column named for the field changed ("what", "field") whose few values repeat
    (Status, AssignedTo, Resolution), beside a column of the value after the change ("added", "new value") and
    one of the value before ("removed", "old value"). None for any other export."""
    positions = field_change_positions(header)
    if positions is None:
        return None
    field_pos, new_pos, old_pos = positions
    values = [row[field_pos].strip() for row in sample if field_pos < len(row) and row[field_pos]
              and row[field_pos].strip()]
    counts: dict[str, int] = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    # field names: few, short labels that repeat (not free text, not dates), on every row: a history whose rows are
    # also of other kinds (a "Create" with no field, RT's transactions) reads its own event types instead
    filled = [row for row in sample if any(c and str(c).strip() for c in row)]
    rows = len(filled)
    if len(values) < 0.95 * rows:
        # (unless the rows naming no field carry no value either: an audit log's creations and views beside its
        # field changes, Nilex-style "Legg til" / "Åpne" rows, are no events of another kind)
        # (nor when their value says only what happened, no state: iTop's "Object created"; a state there, "new" of
        # a Create row, makes them events of their own)
        fieldless = [row for row in filled if not (field_pos < len(row) and row[field_pos] and row[field_pos].strip())]
        carried = {str(row[p]).strip() for row in fieldless for p in (new_pos, old_pos)
                   if p < len(row) and row[p] and str(row[p]).strip()}
        if len(values) < 0.5 * rows or any(normalise_status(v) not in (None, "other") for v in carried):
            return None
    if len(values) < 4 or not counts or len(counts) > 40 or len(counts) * 2 > len(values):
        return None
    if any(len(v) > 40 or looks_like_date(v, False) for v in counts):
        return None
    known = {h.strip().casefold() for h in header}
    fields = tuple(f for f, n in counts.items() if n >= 2 and f.casefold() not in known)
    return FieldChanges(field_pos, new_pos, fields) if fields else None


def names_no_one(value: str | None) -> bool:
    """A value that names no holder: empty, or "nobody@example.org", "unassigned", "ingen"."""
    if value is None or not value.strip():
        return True
    text = value.strip().casefold()
    return text in _NO_ONE or text.split("@", 1)[0] in _NO_ONE


def with_field_change_columns(header: Sequence[str], records: Iterator[TextRecord], changes: FieldChanges
                              ) -> tuple[list[str], Iterator[TextRecord]]:
    """The header and records with a column per field changed, after the others: on a row changing that field, the
    value it was changed to (an assignment to no one empty), else empty. The event log then reads a state column
    as each event's state (an event changing something else keeps the state), an assignee column as who holds the
    ticket (a change from no one is the first assignment, not a reassignment), and any other field's latest value as
    the ticket's."""
    names = [*header, *changes.fields]
    width = len(header)
    index = {f.casefold(): i for i, f in enumerate(changes.fields)}
    holder = {i for i, f in enumerate(changes.fields) if {"assigned", "assignee", "owner", "tildelt", "ansvarlig"}
              & _words_of(f)}

    def extended() -> Iterator[TextRecord]:
        for rec in records:
            if rec.reason:
                yield rec
                continue
            cells = list(rec.cells[:width]) + [None] * (width - len(rec.cells))
            added: list[str | None] = [None] * len(changes.fields)
            name = cells[changes.field_pos]
            at = index.get(name.strip().casefold()) if name else None
            if at is not None:
                value = cells[changes.new_pos]
                added[at] = None if at in holder and names_no_one(value) else value
            yield replace(rec, cells=cells + added)

    return names, extended()


# An export's own statement of when it was taken out: a title line ("Eksportert 03.01.2025 12:00", "Uttak: 3.1.2025")
# or a top-level key of a JSON export ("exported_at": "2025-11-03T07:00:00Z")
_EXPORT_STAMP_WORDS = r"(?:eksportert|eksportert\s+den|exported(?:\s+on|\s+at)?|export(?:ed)?[_ ]?(?:at|date|time|on)|" \
                      r"uttak(?:sdato)?|uttrekk(?:sdato)?|tatt\s+ut|teke\s+ut|generated(?:[_ ]at|\s+on)?|" \
                      r"generert|hentet|henta|snapshot(?:[_ ]at)?)"
_EXPORT_STAMP = re.compile(_EXPORT_STAMP_WORDS + r"\s*[:=]?\s*(?:den\s+|on\s+)?(?P<when>[0-9][0-9./\-T:+ ]{7,30}"
                           r"|\d{1,2}\.?\s+[a-zæøå]+\s+\d{4})", re.I)
JSON_EXPORT_KEYS = re.compile(r"^(?:exported?_?(?:at|on|date|time)|export_?timestamp|generated_?(?:at|on)|"
                              r"eksportert|snapshot_?(?:at|time|date)|extracted_?at)$", re.I)


def stated_export_time(lines: Sequence[str]) -> dt.datetime | None:
    """The moment an export says it was taken out, from its title lines ("Utvalg: … Eksportert 03.01.2025 12:00."),
    a JSON export's top-level "exported_at" kept as such a line; None when it says nothing of it."""
    from flows.tickets.infer import date_value

    for line in lines:
        for m in _EXPORT_STAMP.finditer(line or ""):
            when = date_value(m.group("when").strip(" .,;"))
            if when is not None:
                return when
    return None


def json_export_lines(doc: object) -> tuple[str, ...]:
    """A JSON export's statement of when it was exported ("exported_at": "…"), at its top level or in an object there
    that holds the export's metadata ({"export": {"exported_at": …}, "pages": [...]}), as a title line
    ("exported_at: 2025-11-03T07:00:00+0000"); a time in epoch seconds or milliseconds (1719820800.711) written as
    that instant in UTC, to the second; nothing for a list or a document without one."""
    if not isinstance(doc, dict):
        return ()
    places = [doc, *(v for v in doc.values() if isinstance(v, dict))]
    return tuple(f"{k}: {_epoch_text(v)}" for place in places for k, v in place.items()
                 if isinstance(k, str) and isinstance(v, (str, int, float)) and not isinstance(v, bool)
                 and JSON_EXPORT_KEYS.match(k))


def _epoch_text(value: object) -> object:
    """An epoch number (10 digits of seconds or 13 of milliseconds, a fraction allowed) as its UTC instant in ISO 8601;
    any other value as it is."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        digits = len(str(int(abs(value))))
        if digits in (10, 13):
            seconds = value / 1000 if digits == 13 else value
            return dt.datetime.fromtimestamp(seconds, tz=dt.timezone.utc).isoformat(timespec="seconds")
    return value
