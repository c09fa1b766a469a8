"""Atomic publish: a refresh builds a new warehouse file beside the served one and swaps it in.

Readers open the served path read-only per query; os.replace swaps the directory entry in one
step, so a reader sees either the old file or the new one, never a half-built warehouse. A
refresh that fails or is killed leaves only a stray build file, which the next refresh removes.
"""
from __future__ import annotations

import os
import uuid
from pathlib import Path

BUILD_MARKER = ".building-"


def new_build_path(warehouse: Path) -> Path:
    warehouse = Path(warehouse)
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    return warehouse.parent / f".{warehouse.stem}{BUILD_MARKER}{uuid.uuid4().hex[:12]}.duckdb"


def remove_stale_builds(warehouse: Path) -> list[Path]:
    warehouse = Path(warehouse)
    removed = []
    for p in warehouse.parent.glob(f".{warehouse.stem}{BUILD_MARKER}*"):
        p.unlink(missing_ok=True)
        removed.append(p)
    return removed


def discard_build(build_path: Path) -> None:
    for p in (build_path, Path(str(build_path) + ".wal")):
        p.unlink(missing_ok=True)


def publish(build_path: Path, warehouse: Path) -> None:
    wal = Path(str(build_path) + ".wal")
    if wal.exists():
        raise RuntimeError(f"{build_path} still has a write-ahead log; close every connection before publishing")
    os.replace(build_path, warehouse)
