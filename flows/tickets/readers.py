"""Readers for ticket exports: CSV layout sniffing, XLSX and JSON rows as text.

Everything here returns plain text cells; turning text into timestamps, numbers and
normalised codes happens in one place (the SQL built by flows.tickets.load), so a
value is parsed the same way whichever file format it came in.

Row numbers are what a person sees: for CSV the line a record starts on (header = line 1,
the loader keeps this on every path); for XLSX the sheet row; for JSON the 1-based position of
the record in its list.
"""
from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

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


@dataclass(frozen=True)
class CsvLayout:
    encoding: str  # a key of ENCODING_NAMES
    delimiter: str
    header: list[str]
    empty: bool = False  # no bytes but whitespace (and a BOM)
    delimiter_problem: str | None = None  # the data rows do not split like the header

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


def read_csv_layout(path: Path) -> CsvLayout:
    with path.open("rb") as fh:
        sample = fh.read(_SNIFF_BYTES)
    encoding = detect_encoding(sample)
    text = sample.decode(encoding, errors="replace").lstrip("\ufeff")
    if not text.strip():
        return CsvLayout(encoding, ";", [], empty=True)
    lines = text.splitlines()[:_SNIFF_LINES]
    if len(sample) == _SNIFF_BYTES and len(lines) > 1:
        lines = lines[:-1]  # the last line of a cut sample may be partial
    while lines and not lines[0].strip():
        lines.pop(0)
    delimiter = sniff_delimiter(lines[0])
    header = next(csv.reader(io.StringIO(text.lstrip()), delimiter=delimiter), [])
    problem = check_delimiter(lines, delimiter) if len(header) > 1 else None
    return CsvLayout(encoding, delimiter, [h.strip() for h in header], delimiter_problem=problem)


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
    text = str(value)
    return text if text.strip() else None


def read_xlsx_table(path: Path) -> tuple[list[str], Iterator[TextRecord]]:
    """Header = first non-empty row of the first worksheet that has one.

    Cells are read as Excel last saved their values. A formula cell without a saved value (a file
    written by a program that does not compute formulas) is reported in TextRecord.unreadable
    with its formula, never read as an empty cell.
    """
    import openpyxl

    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    formulas = openpyxl.load_workbook(path, read_only=True, data_only=False)
    for sheet, formula_sheet in zip(workbook.worksheets, formulas.worksheets):
        rows = sheet.iter_rows(values_only=True)
        formula_rows = formula_sheet.iter_rows(values_only=True)
        for header_row_number, values in enumerate(rows, start=1):
            next(formula_rows, None)
            if any(v is not None and str(v).strip() for v in values):
                header = [cell_text(v) or "" for v in values]
                while header and not header[-1]:
                    header.pop()
                return header, _xlsx_records(rows, formula_rows, header_row_number, len(header),
                                             (workbook, formulas))
    workbook.close()
    formulas.close()
    return [], iter(())


def _xlsx_records(rows, formula_rows, header_row_number: int, width: int, workbooks) -> Iterator[TextRecord]:
    try:
        for row_number, values in enumerate(rows, start=header_row_number + 1):
            formula_values = next(formula_rows, ()) or ()
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


def flatten_record(obj: dict, prefix: str = "") -> dict[str, object]:
    """Nested JSON objects become dotted keys; ServiceNow {'display_value', 'value'} pairs collapse."""
    flat: dict[str, object] = {}
    for key, value in obj.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            if "display_value" in value or "value" in value:
                flat[name] = value.get("display_value", value.get("value"))
            else:
                flat.update(flatten_record(value, f"{name}."))
        else:
            flat[name] = value
    return flat


def _json_records(path: Path) -> list[dict]:
    text = path.read_text(encoding="utf-8-sig")
    try:
        doc = json.loads(text)
    except json.JSONDecodeError:
        doc = [json.loads(line) for line in text.splitlines() if line.strip()]  # JSON Lines
    if isinstance(doc, dict):
        # API envelopes: Zendesk {"tickets": [...]}, ServiceNow {"result": [...]}, Jira {"issues": [...]}
        lists = [v for v in doc.values() if isinstance(v, list) and v and isinstance(v[0], dict)]
        doc = lists[0] if lists else [doc]
    if not isinstance(doc, list):
        raise ValueError(f"{path}: expected a JSON list of ticket objects")
    return doc


def read_json_table(path: Path) -> tuple[list[str], Iterator[TextRecord]]:
    """Header = union of the (flattened) keys in order of first appearance; Jira's 'fields.' dropped."""
    records = _json_records(path)
    flat_records = []
    for obj in records:
        flat = flatten_record(obj) if isinstance(obj, dict) else {}
        flat_records.append({(k[7:] if k.startswith("fields.") else k): v for k, v in flat.items()})
    header: dict[str, None] = {}
    for flat in flat_records:
        header.update(dict.fromkeys(flat))
    names = list(header)

    def records_iter() -> Iterator[TextRecord]:
        for position, (obj, flat) in enumerate(zip(records, flat_records), start=1):
            cells = [cell_text(flat.get(n)) for n in names]
            yield TextRecord(position, cells, json.dumps(obj, ensure_ascii=False, default=str))

    return names, records_iter()
