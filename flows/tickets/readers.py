"""Readers for ticket exports: CSV layout sniffing, XLSX and JSON rows as text.

Everything here returns plain text cells; turning text into timestamps, numbers and
normalised codes happens in one place (the SQL built by flows.tickets.load), so a
value is parsed the same way whichever file format it came in.

Row numbers are what a person sees: for CSV and XLSX the 1-based row with the header
as row 1 (first data row = 2; in a CSV without blank lines or line breaks inside quoted
values this is the line number); for JSON the 1-based position of the record in its list.
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
DELIMITERS = (";", "\t", ",")
_SNIFF_BYTES = 1 << 20


@dataclass(frozen=True)
class CsvLayout:
    encoding: str  # "utf-8", "utf-8-sig" or "cp1252"
    delimiter: str
    header: list[str]


@dataclass(frozen=True)
class TextRecord:
    row_number: int
    cells: list[str | None]
    raw: str  # the record as it appears in the file, for quarantine


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
    """UTF-8 (with or without BOM) when the bytes decode as UTF-8, else Windows-1252."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
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


def read_csv_layout(path: Path) -> CsvLayout:
    with path.open("rb") as fh:
        sample = fh.read(_SNIFF_BYTES)
    encoding = detect_encoding(sample)
    text = sample.decode(encoding, errors="replace")
    first_line = text.splitlines()[0] if text else ""
    delimiter = sniff_delimiter(first_line)
    header = next(csv.reader(io.StringIO(text), delimiter=delimiter), [])
    return CsvLayout(encoding, delimiter, [h.strip() for h in header])


def iter_csv_records(path: Path, layout: CsvLayout, encoding: str | None = None) -> Iterator[TextRecord]:
    """Data records after the header, parsed by Python's csv module (the careful, slow path)."""
    with path.open("r", encoding=encoding or layout.encoding, newline="", errors="strict") as fh:
        reader = csv.reader(fh, delimiter=layout.delimiter)
        next(reader, None)
        row_number = 1
        for cells in reader:
            if not cells:  # blank lines are not records (DuckDB's reader skips them too)
                continue
            row_number += 1
            yield TextRecord(row_number, cells, layout.delimiter.join(cells))


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
    """Header = first non-empty row of the first worksheet that has one."""
    import openpyxl

    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    for sheet in workbook.worksheets:
        rows = sheet.iter_rows(values_only=True)
        for header_row_number, values in enumerate(rows, start=1):
            if any(v is not None and str(v).strip() for v in values):
                header = [cell_text(v) or "" for v in values]
                while header and not header[-1]:
                    header.pop()
                return header, _xlsx_records(rows, header_row_number, len(header), workbook)
    workbook.close()
    return [], iter(())


def _xlsx_records(rows, header_row_number: int, width: int, workbook) -> Iterator[TextRecord]:
    try:
        for row_number, values in enumerate(rows, start=header_row_number + 1):
            cells = [cell_text(v) for v in values[:width]]
            if all(c is None for c in cells):
                continue
            cells += [None] * (width - len(cells))
            yield TextRecord(row_number, cells, ";".join(c or "" for c in cells))
    finally:
        workbook.close()


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
