"""Atomic publish: a refresh builds a new warehouse file beside the served one and swaps it in.

The served path is a symbolic link to a versioned file (`.warehouse.v-<id>.duckdb`). A publish
renames the checked build to a new version and swaps the link with os.replace, in one step, so a
reader sees either the old version or the new one, never a half-built warehouse. Readers open the
version the link points to (flows.warehouse.connect_readonly resolves it): DuckDB caches one
database instance per path in a process, so opening the link's own name would keep handing out the
old database to every reader while any connection to it is open. A new version has a new path, so
the next query after a publish reads it whatever was in flight. Old versions are unlinked after the
swap; a query still running on one keeps its open file until it ends.

A refresh that fails or is killed leaves only a stray build or version file, which the next refresh
removes (under the refresh lock, so a running build is never mistaken for a stray one).

Before the swap the build is checked (it opens read-only and holds the tables the caller needs)
and flushed to disk; after it the directory entry is flushed, so a power cut right after a
publish cannot leave the served name pointing at a file whose data never reached the disk.

After the swap, the event logs landed beside the warehouses (flows.tickets.load.landing_dir) that no
warehouse of the folder uses any more are removed (remove_unused_landed_events).
"""
from __future__ import annotations

import os
import uuid
from pathlib import Path

import duckdb

from flows.warehouse import connect_readonly

BUILD_MARKER = ".building-"
VERSION_MARKER = ".v-"
LINK_MARKER = ".link-"


BUILD_NAME = "next"


def new_build_path(warehouse: Path) -> Path:
    """The file a refresh builds into beside the served warehouse: one name per warehouse (builds of a warehouse run
    one at a time, under the refresh lock), so the database name dbt's parsed project holds stays the same from one
    refresh to the next (flows.dbt reuses the parse). A stray build of a killed refresh under that name is removed."""
    warehouse = Path(warehouse)
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    build = warehouse.parent / f".{warehouse.stem}{BUILD_MARKER}{BUILD_NAME}.duckdb"
    discard_build(build)
    return build


def served_version(warehouse: Path) -> Path | None:
    """The versioned file the served link points to (the served file itself in the old layout)."""
    warehouse = Path(warehouse)
    if warehouse.is_symlink():
        return warehouse.parent / os.readlink(warehouse)
    return warehouse if warehouse.exists() else None


def remove_stale_builds(warehouse: Path) -> list[Path]:
    """Stray builds, half-made links and versions no longer served (call under the refresh lock)."""
    warehouse = Path(warehouse)
    current = served_version(warehouse)
    removed = []
    for marker in (BUILD_MARKER, LINK_MARKER, VERSION_MARKER):
        for p in sorted(warehouse.parent.glob(f".{warehouse.stem}{marker}*")):
            if current is not None and p.name in (current.name, current.name + ".wal"):
                continue
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
    token = uuid.uuid4().hex[:12]
    version = warehouse.parent / f".{warehouse.stem}{VERSION_MARKER}{token}.duckdb"
    link = warehouse.parent / f".{warehouse.stem}{LINK_MARKER}{token}"
    previous = served_version(warehouse)
    os.replace(build_path, version)
    os.symlink(version.name, link)
    os.replace(link, warehouse)
    _fsync(warehouse.parent, os.O_RDONLY | os.O_DIRECTORY)
    if previous is not None and previous != warehouse and previous != version:
        previous.unlink(missing_ok=True)  # readers still on it keep their open file
    remove_unused_landed_events(warehouse.parent)


def remove_unused_landed_events(folder: Path) -> list[Path]:
    """The files of the folder's landing folder ("landed_events/<sha256>.csv", shared by every warehouse in `folder`)
    that no warehouse file of the folder registers in raw.ticket_event_files: an export that left the inbox or changed
    leaves its landed copy behind once the warehouses that used it are replaced. Nothing is removed while a build is
    under way in the folder (its loads land files it has not published yet) or while a database file of the folder
    cannot be read (it may use any of them); the next publish collects them. Files landed after the landing folder is
    listed are kept. Never raises: a publish has already happened when this runs."""
    from flows.tickets.load import LANDING_FOLDER

    folder = Path(folder)
    try:
        landed = [p for p in (folder / LANDING_FOLDER).iterdir() if p.is_file()]
        if not landed or any(BUILD_MARKER in p.name for p in folder.iterdir()):
            return []
        databases = [p for p in folder.iterdir() if p.name.endswith(".duckdb") and not p.is_symlink()]
    except OSError:
        return []  # no landing folder
    used: set[str] = set()
    for path in databases:  # the published versions (a served link's target is one of them) and any other file
        try:
            con = connect_readonly(path)
        except duckdb.Error:
            return []
        try:
            if con.execute("select count(*) from information_schema.tables where table_schema = 'raw' "
                           "and table_name = 'ticket_event_files'").fetchone()[0]:
                used |= {name for (name,) in con.execute("select landed from raw.ticket_event_files").fetchall()}
        except duckdb.Error:
            return []
        finally:
            con.close()
    removed = []
    for path in landed:
        if path.name not in used:
            try:
                path.unlink()
            except OSError:
                continue
            removed.append(path)
    return removed
