"""The user's own unit aliases: a CSV (alias,unit_key,unit_name,organisation) the user keeps beside the
reports folder (`unit_aliases.csv`) or names with KOMMUNEDATA_UNIT_ALIASES. The project ships no
names: units and organisations come from the documents; this file only joins names a user knows to
be one unit ("VR lønn" for "VR regnskap og lønn")."""
from __future__ import annotations

import csv
import io
from pathlib import Path

COLUMNS = ("alias", "unit_key", "unit_name", "organisation")


class AliasFileError(ValueError):
    pass


def alias_path(reports_dir: Path | None, configured: Path | None) -> Path | None:
    if configured is not None:
        return Path(configured)
    return Path(reports_dir).parent / "unit_aliases.csv" if reports_dir is not None else None


def read_aliases(path: Path | None) -> list[dict[str, str | None]]:
    """Rows of the alias file; none when there is no file. A bad file raises AliasFileError naming the line."""
    if path is None or not Path(path).is_file():
        return []
    text = Path(path).read_text(encoding="utf-8-sig")
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in COLUMNS[:2] if c not in (reader.fieldnames or [])]
    if missing:
        raise AliasFileError(f"{Path(path).name}: header must name {', '.join(COLUMNS)}; missing {', '.join(missing)}")
    rows = []
    for n, row in enumerate(reader, start=2):
        alias, key = (row.get("alias") or "").strip(), (row.get("unit_key") or "").strip()
        if not alias or not key:
            raise AliasFileError(f"{Path(path).name} line {n}: alias and unit_key are required, got {row}")
        rows.append({"alias": alias, "unit_key": key, "unit_name": (row.get("unit_name") or "").strip() or alias,
                     "organisation": (row.get("organisation") or "").strip() or None})
    return rows
