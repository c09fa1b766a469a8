"""Parse the two real seed reports and compare with hand-written gold facts.

Every MetricFact and AccountAmount the parser emits must be in the gold file
(precision) and nearly every gold fact must be found (recall).
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from flows.reports.parse import parse_document

REPO = Path(__file__).resolve().parents[3]
SEEDS = REPO.parent / "shared" / "seeds"  # the CI checkout has them next to the repo
GOLD = REPO / "tests" / "gold"
MIN_PRECISION = 0.98
MIN_RECALL = 0.95


def _norm(text) -> str | None:
    if text is None:
        return None
    return " ".join(re.sub(r"[^0-9a-zæøå%]+", " ", str(text).lower()).split())


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= max(0.005, 1e-9 * abs(b))


def gold_items(gold: dict) -> list[dict]:
    items = []
    for fact in gold["facts"]:
        item = {"kind": "fact", "metric": fact["metric"], "unit": fact.get("unit"), "subject": fact.get("subject"),
                "year": fact["year"], "quarter": fact.get("quarter"), "value": float(fact["value"])}
        if "qualifier" in fact:
            item["qualifier"] = fact["qualifier"]
        items.append(item)
    for table in gold["tables"]:
        for row in table["rows"]:
            label, values = row[0], row[1:]
            for (scenario, year), value in zip(table["columns"], values):
                if value is None:
                    continue
                items.append({"kind": "account", "statement": str(table["statement"]), "unit": table.get("unit"),
                              "label": label, "scenario": scenario, "year": year,
                              "value": float(value) * table["scale"]})
    return items


def matches(parsed, gold: dict) -> bool:
    if gold["kind"] == "fact":
        if not hasattr(parsed, "metric"):
            return False
        ok = (parsed.metric == gold["metric"] and _norm(parsed.unit_name) == _norm(gold["unit"])
              and _norm(parsed.subject) == _norm(gold["subject"]) and parsed.value_year == gold["year"]
              and parsed.quarter == gold["quarter"] and _close(parsed.value, gold["value"]))
        if ok and "qualifier" in gold:
            ok = _norm(parsed.qualifier) == _norm(gold["qualifier"])
        return ok
    if not hasattr(parsed, "statement"):
        return False
    return (parsed.statement == gold["statement"] and _norm(parsed.unit_name) == _norm(gold["unit"])
            and _norm(parsed.row_label) == _norm(gold["label"]) and parsed.scenario == gold["scenario"]
            and parsed.value_year == gold["year"] and _close(parsed.amount_nok, gold["value"]))


def score(report, gold: dict) -> tuple[float, float, list, list]:
    expected = gold_items(gold)
    produced = list(report.facts) + list(report.accounts)
    unmatched_gold = list(range(len(expected)))
    false_positives = []
    for item in produced:
        hit = next((g for g in unmatched_gold if matches(item, expected[g])), None)
        if hit is None:
            false_positives.append(item)
        else:
            unmatched_gold.remove(hit)
    precision = (len(produced) - len(false_positives)) / max(1, len(produced))
    recall = (len(expected) - len(unmatched_gold)) / max(1, len(expected))
    return precision, recall, false_positives, [expected[g] for g in unmatched_gold]


def _describe(item) -> str:
    if hasattr(item, "metric"):
        return (f"{item.metric} unit={item.unit_name} subject={item.subject} year={item.value_year} "
                f"q={item.quarter} qual={item.qualifier} value={item.value} ({item.provenance.excerpt[:60]!r})")
    if hasattr(item, "statement"):
        return (f"{item.statement} unit={item.unit_name} row={item.row_label!r} {item.scenario} {item.value_year} "
                f"= {item.amount_nok}")
    return str(item)


@pytest.mark.parametrize("seed", ["000_150e2895972290bb", "003_4805e15b5dd4d571"])
def test_seed_matches_gold(seed: str) -> None:
    path = SEEDS / f"{seed}.txt"
    assert path.exists(), f"seed document missing: {path} (../shared/seeds beside the repo)"
    gold = yaml.safe_load((GOLD / f"{seed}.yaml").read_text(encoding="utf-8"))
    report = parse_document(path)
    precision, recall, false_positives, misses = score(report, gold)
    print(f"\n{seed}: precision {precision:.3f} ({len(false_positives)} not in gold), "
          f"recall {recall:.3f} ({len(misses)} gold facts missed)")
    for item in false_positives:
        print("  not in gold:", _describe(item))
    for item in misses:
        print("  missed:", item)
    assert report.organisation == gold["organisation"]
    assert report.organisation_type == gold["organisation_type"]
    assert report.report_year == gold["report_year"]
    leaders = {u.name: u.leader for u in report.units}
    for unit, leader in gold["units_with_leaders"].items():
        assert leaders.get(unit) == leader, unit
    for obs in gold["observations"]:
        assert any(o.topic == obs["topic"] and o.unit_name == obs["unit"] and obs["text"] in o.text
                   for o in report.observations), obs
    assert precision >= MIN_PRECISION
    assert recall >= MIN_RECALL


def test_gold_is_large_enough() -> None:
    total = 0
    for path in GOLD.glob("*.yaml"):
        total += len(gold_items(yaml.safe_load(path.read_text(encoding="utf-8"))))
    assert total >= 150


def test_observations_never_carry_numbers() -> None:
    path = SEEDS / "000_150e2895972290bb.txt"
    assert path.exists(), f"seed document missing: {path} (../shared/seeds beside the repo)"
    report = parse_document(path)
    lavt = [o for o in report.observations if "Sykefraværet i 2020 var lavt" in o.text]
    assert lavt and lavt[0].unit_name == "VR innkjøp"
    assert not any(f.metric == "sick_leave_pct" and f.unit_name == "VR innkjøp" for f in report.facts)
