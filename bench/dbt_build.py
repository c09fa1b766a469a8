"""Time a full `dbt build` of the project on DuckDB, the way the refresh flow runs it.

    .venv/bin/python bench/dbt_build.py                  # fixture raw schema (reports + 74k tickets)
    .venv/bin/python bench/dbt_build.py --volume 4       # 4x the 2020 ticket volume
    .venv/bin/python bench/dbt_build.py --warehouse W    # a copy of W (needs its raw schema)

Each run gets a new warehouse file, as in a refresh, so dbt parses the project from scratch
("cold"); a second build of the same file shows the time with dbt's partial parsing ("warm").
Wall time depends on what else runs on the machine; CPU time (dbt + DuckDB, this process) less so.
dbt's artifacts go to a temp dir, never to dbt_project/target. Prints one line per build.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "dbt"))
os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")


def _cpu_seconds() -> float:
    # CPU time of this process (dbt and DuckDB run in it): comparable when the machine is busy
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time dbt build on DuckDB.")
    parser.add_argument("--warehouse", type=Path, help="DuckDB file with a raw schema to build from (copied)")
    parser.add_argument("--volume", type=int, default=1, help="multiplier for the fixture's 2020 tickets")
    parser.add_argument("--threads", type=int, help="dbt threads (default: profiles.yml)")
    args = parser.parse_args(argv)

    from flows.dbt import run_dbt

    with tempfile.TemporaryDirectory(prefix="kommunedata-bench-") as tmp:
        path = Path(tmp) / "warehouse.duckdb"
        t0 = time.perf_counter()
        if args.warehouse:
            shutil.copyfile(args.warehouse, path)
        else:
            from raw_fixture import build_raw

            build_raw(path, volume_factor=args.volume)
        print(f"raw schema ready in {time.perf_counter() - t0:.1f} s ({path.stat().st_size / 1e6:.0f} MB)")
        os.environ["DBT_TARGET_PATH"] = str(Path(tmp) / "target")
        os.environ["DBT_LOG_PATH"] = str(Path(tmp) / "logs")
        extra = ["--threads", str(args.threads)] if args.threads else []
        for label in ("cold", "warm"):
            t0, cpu0 = time.perf_counter(), _cpu_seconds()
            result = run_dbt(["build", *extra], duckdb_path=path)
            elapsed, cpu = time.perf_counter() - t0, _cpu_seconds() - cpu0
            status = "ok" if result.success else f"FAILED: {[n.name for n in result.failed_nodes]} {result.error or ''}"
            print(f"dbt build ({label}): {elapsed:.1f} s wall, {cpu:.1f} s CPU, {len(result.nodes)} nodes, {status}")
            if not result.success:
                return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
