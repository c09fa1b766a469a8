"""Execution accuracy of the question engine over a question bank (`kommunedata eval`).

A bank is YAML: a file, or a folder of files, each

    warehouse: sample            # default for the file's questions
    questions:
      - question: sykefravær VR lønn 2020
        family: value            # what kind of question it is (the table groups by it)
        lang: nb                 # nb | nn | en
        expect: [2.5]            # numbers that must appear in the rows, taken by hand from the documents;
                                 # a name ("Nordvik", "mandag") must be the words of some text cell
        source: vr-regnskap-og-lonn-2020.pdf s. 1 «Totalt 2,5 %»
      - question: sykefravær Eksempel IT 2020
        family: unanswerable
        unanswerable: true       # must be answered "unanswerable" with no rows

A question passes when every expected number is found in some numeric cell of the rows within the
rounding the number is written with (8497 matches 8496.5; 2.5 matches 2.54), or, for an
unanswerable question, when the status is "unanswerable" and the rows are empty.
"""
from __future__ import annotations

import re
import time
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Callable, Iterable

import yaml


@dataclass(frozen=True)
class BankQuestion:
    question: str
    warehouse: str
    family: str
    lang: str = "nb"
    expect: tuple[float, ...] = ()
    unanswerable: bool = False
    source: str | None = None
    file: str | None = None


@dataclass
class Outcome:
    item: BankQuestion
    passed: bool
    status: str
    missing: list[float] = field(default_factory=list)
    reason: str = ""
    answer: str = ""
    rows: list = field(default_factory=list)
    elapsed_ms: float = 0.0


def load_bank(path: Path) -> list[BankQuestion]:
    path = Path(path)
    files = sorted(p for p in path.rglob("*.y*ml")) if path.is_dir() else [path]
    out: list[BankQuestion] = []
    for f in files:
        data = yaml.safe_load(f.read_text(encoding="utf-8")) or {}
        if isinstance(data, list):
            data = {"questions": data}
        default_wh = data.get("warehouse", "default")
        for q in data.get("questions", []):
            expect = q.get("expect") or []
            if not isinstance(expect, list):
                expect = [expect]
            item = BankQuestion(
                question=str(q["question"]), warehouse=str(q.get("warehouse", default_wh)),
                family=str(q.get("family", "unanswerable" if q.get("unanswerable") else "value")),
                lang=str(q.get("lang", "nb")), expect=tuple(expect), unanswerable=bool(q.get("unanswerable", False)),
                source=q.get("source"), file=f.name)
            if not item.unanswerable and not item.expect:
                raise ValueError(f"{f.name}: '{item.question}' has neither expect nor unanswerable: true")
            out.append(item)
    return out


def _decimals(value) -> int:
    d = Decimal(str(value))
    return max(0, -d.as_tuple().exponent) if d.as_tuple().exponent < 0 else 0


def _number_text(expected: str) -> str:
    return str(expected).strip().replace("\u2212", "-").replace("\u00a0", "").replace(" ", "").replace(",", ".")


def _as_number(expected) -> float | None:
    if isinstance(expected, bool):
        return None
    if isinstance(expected, (int, float, Decimal)):
        return float(expected)
    try:
        return float(_number_text(expected))
    except ValueError:
        return None


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", unicodedata.normalize("NFC", str(text)).casefold())


def text_in_rows(expected: str, rows: Iterable[Iterable]) -> bool:
    """A name in `expect` ("Brekkestrand", "mandag") is some text cell that holds its words in order."""
    want = _words(expected)
    if not want:
        return False
    n = len(want)
    for row in rows:
        for cell in row:
            if isinstance(cell, str):
                got = _words(cell)
                if any(got[i:i + n] == want for i in range(len(got) - n + 1)):
                    return True
    return False


def value_in_rows(expected, rows: Iterable[Iterable]) -> bool:
    """`expected` equals some numeric cell within the rounding it is written with; a name is a text cell."""
    if _as_number(expected) is None:
        return text_in_rows(str(expected), rows)
    if isinstance(expected, str):
        expected = _number_text(expected)
    tol = 0.5 * 10 ** -_decimals(expected) + 1e-9
    exp = float(expected)
    for row in rows:
        for cell in row:
            if isinstance(cell, bool) or not isinstance(cell, (int, float, Decimal)):
                continue
            if abs(float(cell) - exp) <= tol:
                return True
    return False


def score(item: BankQuestion, result: dict) -> Outcome:
    status, rows = result.get("status"), result.get("rows") or []
    out = Outcome(item=item, passed=False, status=status, answer=result.get("answer", ""), rows=rows,
                  elapsed_ms=float(result.get("elapsed_ms") or 0.0))
    if item.unanswerable:
        out.passed = status == "unanswerable" and not rows
        if not out.passed:
            out.reason = f"expected unanswerable, got {status} with {len(rows)} rows"
        return out
    if status != "ok":
        out.reason = f"status {status}"
        out.missing = list(item.expect)
        return out
    out.missing = [e for e in item.expect if not value_in_rows(e, rows)]
    out.passed = not out.missing
    if out.missing:
        out.reason = "missing " + ", ".join(str(m) for m in out.missing)
    return out


AskFn = Callable[[str, Path], dict]


def engine_ask(engine: str = "planner") -> AskFn:
    """One QuestionEngine per warehouse, kept warm across the bank."""
    from app.engine.engine import QuestionEngine

    engines: dict[Path, QuestionEngine] = {}

    def ask(question: str, warehouse: Path) -> dict:
        qe = engines.get(warehouse)
        if qe is None:
            qe = engines[warehouse] = QuestionEngine(warehouse)
        return qe.ask(question, engine=engine)

    return ask


def resolve_warehouses(specs: Iterable[str] | None, bank: list[BankQuestion]) -> dict[str, Path]:
    """`--warehouse NAME=FILE` (repeatable) names a warehouse; a bare FILE serves every other name."""
    named: dict[str, Path] = {}
    default: Path | None = None
    for spec in specs or []:
        if "=" in spec:
            name, file = spec.split("=", 1)
            named[name.strip()] = Path(file)
        else:
            default = Path(spec)
    if default is None and not named:
        from flows.settings import get_settings

        default = Path(get_settings().warehouse)
    out = {}
    for name in {q.warehouse for q in bank}:
        if name in named:
            out[name] = named[name]
        elif default is not None:
            out[name] = default
    return out


def run_bank(bank: list[BankQuestion], warehouses: dict[str, Path], ask: AskFn | None = None) -> list[Outcome]:
    ask = ask or engine_ask("planner")
    outcomes = []
    for item in bank:
        wh = warehouses.get(item.warehouse)
        if wh is None:
            continue  # no warehouse given for this bank part
        started = time.perf_counter()
        try:
            result = ask(item.question, wh)
        except Exception as exc:  # a crash is a miss, never a stop
            result = {"status": "error", "rows": [], "answer": f"{type(exc).__name__}: {exc}"}
        result.setdefault("elapsed_ms", (time.perf_counter() - started) * 1000)
        outcomes.append(score(item, result))
    return outcomes


def summarize(outcomes: list[Outcome]) -> dict:
    families: dict[str, dict] = {}
    for o in outcomes:
        f = families.setdefault(o.item.family, {"family": o.item.family, "questions": 0, "passed": 0})
        f["questions"] += 1
        f["passed"] += int(o.passed)
    for f in families.values():
        f["accuracy"] = round(100 * f["passed"] / f["questions"], 1)
    total = len(outcomes)
    passed = sum(o.passed for o in outcomes)
    langs: dict[str, dict] = {}
    for o in outcomes:
        entry = langs.setdefault(o.item.lang, {"questions": 0, "passed": 0})
        entry["questions"] += 1
        entry["passed"] += int(o.passed)
    return {
        "questions": total, "passed": passed, "accuracy": round(100 * passed / total, 1) if total else 0.0,
        "unanswerable_questions": sum(o.item.unanswerable for o in outcomes),
        "families": sorted(families.values(), key=lambda f: f["family"]),
        "languages": langs,
        "misses": [{"question": o.item.question, "warehouse": o.item.warehouse, "family": o.item.family,
                    "status": o.status, "reason": o.reason, "answer": o.answer} for o in outcomes if not o.passed],
    }


def format_table(summary: dict) -> str:
    lines = [f"{'family':<18} {'questions':>9} {'passed':>7} {'accuracy':>9}", "-" * 46]
    for f in summary["families"]:
        lines.append(f"{f['family']:<18} {f['questions']:>9} {f['passed']:>7} {f['accuracy']:>8.1f}%")
    lines.append("-" * 46)
    lines.append(f"{'total':<18} {summary['questions']:>9} {summary['passed']:>7} {summary['accuracy']:>8.1f}%")
    langs = ", ".join(f"{k} {v['passed']}/{v['questions']}" for k, v in sorted(summary["languages"].items()))
    lines.append(f"languages: {langs}; unanswerable questions: {summary['unanswerable_questions']}")
    if summary["misses"]:
        lines.append("")
        lines.append("misses:")
        for m in summary["misses"]:
            lines.append(f"  [{m['warehouse']}/{m['family']}] {m['question']} -> {m['reason']}")
    return "\n".join(lines)
