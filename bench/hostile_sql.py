"""Hostile SQL as an LLM could write it: every statement of tests/app/engine/hostile_sql.yaml is sent
through the whole `ask` path (LLM engine with a model that replies with the statement: guard, run,
answer prompt) and must be refused or bounded. Prints the share refused / bounded / failed and the
peak RSS of the process that asked, against the same process's RSS before the first question.

    .venv/bin/python bench/hostile_sql.py                      # builds a sample warehouse in a temp dir
    .venv/bin/python bench/hostile_sql.py --warehouse data/warehouse.duckdb

Bounded = finished within the time limit (+ 2 s) with at most max_rows rows and text cells of at most
max_cell_chars, or stopped with a clean limit message (time, memory, busy, result size). Refused = the
guard refused it, or DuckDB refused to bind it (e.g. QUALIFY without a window function): nothing ran.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "app" / "engine" / "hostile_sql.yaml"
TIMEOUT_S = 5.0
SLACK_S = 2.0
LIMIT_WORDS = ("longer than", "Out of Memory", "answering", "characters of text")
# Refused before anything ran: by the guard, or by DuckDB binding the query (a clean one-line message).
REFUSAL_WORDS = ("SQL guard refused", "No SQL found", "Binder Error", "Parser Error", "Catalog Error")


def build_sample_warehouse(folder: Path) -> Path:
    os.environ.setdefault("PREFECT_HOME", str(folder / "prefect"))
    os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
    os.environ["DO_NOT_TRACK"] = "1"
    os.environ["DBT_SEND_ANONYMOUS_USAGE_STATS"] = "false"
    from prefect.testing.utilities import prefect_test_harness

    from flows.refresh import refresh

    warehouse = folder / "warehouse.duckdb"
    with prefect_test_harness(server_startup_timeout=180):
        summary = refresh(reports_dir=ROOT / "data" / "sample" / "reports",
                          tickets_dir=ROOT / "data" / "sample" / "tickets", warehouse=warehouse)
    if not summary.published:
        sys.exit(f"the sample warehouse did not publish: {summary.message}")
    return warehouse


def classify(result: dict, elapsed: float, max_rows: int, max_cell: int) -> tuple[str, str]:
    answer = result.get("answer") or ""
    errors = [a.get("error") or "" for a in result.get("attempts") or []]
    if errors and not result.get("rows") and all(any(w in e for w in REFUSAL_WORDS) for e in errors):
        return "refused", errors[-1][:160]
    if elapsed > TIMEOUT_S * 3 + SLACK_S:  # three attempts at most, each under the time limit
        return "failed", f"took {elapsed:.1f} s"
    rows = result.get("rows") or []
    if len(rows) > max_rows:
        return "failed", f"{len(rows)} rows"
    too_long = [v for row in rows for v in row if isinstance(v, str) and len(v) > max_cell]
    if too_long:
        return "failed", f"a cell of {max(map(len, too_long))} characters"
    bad = [e for e in errors if e and not any(w in e for w in LIMIT_WORDS + REFUSAL_WORDS)]
    if bad:
        return "failed", bad[-1][:160]
    if "Traceback" in answer:
        return "failed", "traceback in the answer"
    return "bounded", f"{result['status']}, {len(rows)} rows" + (f", stopped: {errors[-1][:80]}" if errors[-1:] and
                                                                  errors[-1] else "")


def run_corpus(warehouse: Path) -> None:
    """The asking process: one `ask` per statement; prints one JSON line per statement and the RSS."""
    import yaml
    from langchain_core.language_models.fake_chat_models import GenericFakeChatModel

    from app.engine.engine import QuestionEngine
    from flows.settings import get_settings

    settings = get_settings()
    corpus = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))
    engine = QuestionEngine(warehouse)
    baseline_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for item in corpus:
        reply = f"```sql\n{item['sql']}\n```"
        engine.chat_model = GenericFakeChatModel(messages=iter([reply] * 4))
        started = time.monotonic()
        try:
            result = engine.ask("Hva er svaret?", engine="llm")
            outcome, detail = classify(result, time.monotonic() - started, settings.max_rows, settings.max_cell_chars)
        except Exception as exc:  # the ask itself must never raise
            outcome, detail = "failed", f"ask raised {type(exc).__name__}: {exc}"[:200]
        print(json.dumps({"category": item["category"], "outcome": outcome, "detail": detail,
                          "seconds": round(time.monotonic() - started, 2), "sql": item["sql"][:100]},
                         ensure_ascii=False), flush=True)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"baseline_rss_mb": round(baseline_kb / 1024), "peak_rss_mb": round(peak_kb / 1024)}), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--warehouse", type=Path)
    parser.add_argument("--ask", type=Path, help=argparse.SUPPRESS)  # the child that asks
    parser.add_argument("--verbose", action="store_true", help="print every statement's outcome")
    args = parser.parse_args()
    if args.ask:
        run_corpus(args.ask)
        return
    with tempfile.TemporaryDirectory(prefix="kommunedata-hostile-") as tmp:
        warehouse = args.warehouse or build_sample_warehouse(Path(tmp))
        env = {**os.environ, "KOMMUNEDATA_QUERY_TIMEOUT_S": str(TIMEOUT_S), "KOMMUNEDATA_LLM_PROVIDER": "none"}
        started = time.monotonic()
        out = subprocess.run([sys.executable, __file__, "--ask", str(warehouse)], cwd=ROOT, env=env,
                             capture_output=True, text=True)
        elapsed = time.monotonic() - started
    lines = [json.loads(line) for line in out.stdout.split("\n") if line.startswith("{")]
    if out.returncode != 0 or not lines or "peak_rss_mb" not in lines[-1]:
        sys.exit(f"the asking process failed (exit {out.returncode}):\n{out.stderr[-3000:]}")
    rss, outcomes = lines[-1], lines[:-1]
    counts = {k: sum(o["outcome"] == k for o in outcomes) for k in ("refused", "bounded", "failed")}
    if args.verbose:
        for o in outcomes:
            print(f"{o['outcome']:8} {o['seconds']:6.2f}s {o['category']:22} {o['sql'][:60]!r:64} {o['detail']}")
    by_category: dict[str, dict[str, int]] = {}
    for o in outcomes:
        by_category.setdefault(o["category"], {"refused": 0, "bounded": 0, "failed": 0})[o["outcome"]] += 1
    print(f"{'category':24} {'refused':>8} {'bounded':>8} {'failed':>7}")
    for cat, c in by_category.items():
        print(f"{cat:24} {c['refused']:8} {c['bounded']:8} {c['failed']:7}")
    n = len(outcomes)
    print(f"\n{n} statements in {elapsed:.0f} s: refused {counts['refused'] / n:.1%}, bounded {counts['bounded'] / n:.1%}, "
          f"refused or bounded {(counts['refused'] + counts['bounded']) / n:.1%}, failed {counts['failed']}")
    for o in outcomes:
        if o["outcome"] == "failed":
            print(f"  FAILED {o['category']}: {o['sql']!r}: {o['detail']}")
    print(f"peak RSS of the asking process: {rss['peak_rss_mb']} MiB (after loading the engine: "
          f"{rss['baseline_rss_mb']} MiB; ratio {rss['peak_rss_mb'] / max(1, rss['baseline_rss_mb']):.2f}; goal < 1024 MiB)")


if __name__ == "__main__":
    main()
