"""Scoring of emitted cells and prose figures against the independent gold in tests/gold/reports.

recall: share of gold cells and prose figures found among the emitted ones (same page, value within
rounding, row label fuzzy-matched, column year consistent); precision: of emitted cells that match a
gold cell's row and column, the share with the gold value.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from rapidfuzz import fuzz

REPO = Path(__file__).resolve().parents[3]
SHARED = REPO.parent / "shared"
GOLD_DIR = REPO / "tests" / "gold" / "reports"


@dataclass(frozen=True)
class Emitted:
    page: int
    row: str
    column: str
    year: int | None
    value: float


def norm(text) -> str:
    return " ".join(re.sub(r"[^0-9a-zæøåäöé%]+", " ", str(text or "").lower()).split())


def gold_files() -> list[Path]:
    return sorted(GOLD_DIR.glob("*.yaml"))


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _value_ok(gold_value: float, value: float, scale: float) -> bool:
    tol = max(0.51 * (scale or 1), 0.051, 0.0005 * abs(gold_value))
    return abs(gold_value - value) <= tol


def _row_ok(gold_row: str, row: str) -> bool:
    a, b = norm(gold_row), norm(row)
    if not a or not b:
        return a == b
    return fuzz.token_set_ratio(a, b) >= 85 or fuzz.ratio(a, b) >= 80


def _column_ok(gold: dict, e: Emitted) -> bool:
    if gold.get("year") and e.year:
        return int(gold["year"]) == int(e.year)
    a, b = norm(gold.get("column")), norm(e.column)
    if not a or not b:
        return True
    return fuzz.token_set_ratio(a, b) >= 70


def _column_same(gold: dict, e: Emitted) -> bool:
    """Stricter: the emitted cell sits under the gold cell's column."""
    a, b = norm(gold.get("column")), norm(e.column)
    if gold.get("year") and e.year and int(gold["year"]) != int(e.year):
        return False
    return bool(a and b) and fuzz.token_sort_ratio(a, b) >= 85


def score(gold: dict, cells: list[Emitted], prose_values: list[tuple[int, float]]) -> dict:
    by_page: dict[int, list[Emitted]] = {}
    for c in cells:
        by_page.setdefault(c.page, []).append(c)
    found = 0
    gold_cells = gold.get("cells") or []
    for g in gold_cells:
        page = by_page.get(int(g["page"]), [])
        if any(_value_ok(float(g["value"]), c.value, float(g.get("scale") or 1)) and _row_ok(g["row"], c.row)
               and _column_ok(g, c) for c in page):
            found += 1
    gold_prose = gold.get("prose") or []
    for p in gold_prose:
        value = float(p["value"])
        if any(page == int(p["page"]) and _value_ok(value, v, 1.0) for page, v in prose_values) or \
                any(_value_ok(value, c.value, 1.0) for c in by_page.get(int(p["page"]), [])):
            found += 1
    total = len(gold_cells) + len(gold_prose)
    matched = right = 0
    for c in cells:
        hits = [g for g in gold_cells if int(g["page"]) == c.page and _row_ok(g["row"], c.row) and _column_same(g, c)]
        if not hits:
            continue
        matched += 1
        if any(_value_ok(float(g["value"]), c.value, float(g.get("scale") or 1)) for g in hits):
            right += 1
    return {
        "gold": total, "found": found, "recall": found / total if total else 1.0,
        "matched": matched, "precision": right / matched if matched else 1.0,
    }
