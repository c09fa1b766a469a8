"""Atomic publish: a refresh builds a new warehouse file beside the served one and swaps it in.

Readers open the served path read-only per query; os.replace swaps the directory entry in one
step, so a reader sees either the old file or the new one, never a half-built warehouse. A
refresh that fails or is killed leaves only a stray build file, which the next refresh removes
(under the refresh lock, so a running build is never mistaken for a stray one).

Before the swap the build is checked (it opens read-only and holds the tables the caller needs)
and flushed to disk; after it the directory entry is flushed, so a power cut right after a
publish cannot leave the served name pointing at a file whose data never reached the disk.
"""
from __future__ import annotations

import os
import uuid
from pathlib import Path

import duckdb
from flows.warehouse import connect_readonly

BUILD_MARKER = ".building-"


def new_build_path(warehouse: Path) -> Path:
    warehouse = Path(warehouse)
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    return warehouse.parent / f".{warehouse.stem}{BUILD_MARKER}{uuid.uuid4().hex[:12]}.duckdb"


def remove_stale_builds(warehouse: Path) -> list[Path]:
    warehouse = Path(warehouse)
    removed = []
    for p in sorted(warehouse.parent.glob(f".{warehouse.stem}{BUILD_MARKER}*")):
        p.unlink(missing_ok=True)
        removed.append(p)
    return removed


def discard_build(build_path: Path) -> None:
    for p in (build_path, Path(str(build_path) + ".wal")):
        p.unlink(missing_ok=True)


def verify_build(build_path: Path, required_tables: tuple[str, ...] = ()) -> None:
    """Raise unless the build opens read-only and holds every `schema.table` asked for."""
    try:
        con = connect_readonly(build_path)
    except duckdb.Error as exc:
        raise RuntimeError(f"{build_path} cannot be opened as a DuckDB database: {exc}") from exc
    try:
        present = {f"{s}.{t}" for s, t in con.execute(
            "select table_schema, table_name from information_schema.tables").fetchall()}
    finally:
        con.close()
    missing = [t if "." in t else f"main.{t}" for t in required_tables]
    missing = [t for t in missing if t not in present]
    if missing:
        raise RuntimeError(f"{build_path} is missing {', '.join(missing)}; not publishing it")


def _fsync(path: Path, flags: int = os.O_RDONLY) -> None:
    fd = os.open(path, flags)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def publish(build_path: Path, warehouse: Path, required_tables: tuple[str, ...] = ()) -> None:
    build_path, warehouse = Path(build_path), Path(warehouse)
    wal = Path(str(build_path) + ".wal")
    if wal.exists():
        raise RuntimeError(f"{build_path} still has a write-ahead log; close every connection before publishing")
    verify_build(build_path, required_tables)
    _fsync(build_path)
    os.replace(build_path, warehouse)
    _fsync(warehouse.parent, os.O_RDONLY | os.O_DIRECTORY)
