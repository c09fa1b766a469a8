"""why.py NAME TAG [WHDIR]: every miss of bank NAME in results TAG asked again: the answer, rows, expected, source.

Run from a checkout root (its code is imported):
    cd CHECKOUT && /work/main/.venv/bin/python bench/banks/why.py h80 m42 /work/wh/m42
"""
import json
import os
import sys

import yaml

RESULTS = os.environ.get("BANKS_RESULTS", "/work/banks/results")


def bank_file(name: str) -> str:
    return f"/work/heldout{name[1:]}/questions.yaml" if name[0] == "h" else f"/work/heldout{name[1:]}t/questions.yaml"


def main() -> None:
    sys.path.insert(0, os.getcwd())
    from app.engine.engine import QuestionEngine

    name, tag = sys.argv[1], sys.argv[2]
    whd = sys.argv[3] if len(sys.argv) > 3 else f"/work/wh/{tag}"
    with open(bank_file(name), encoding="utf-8") as f:
        bank = {q["question"]: q for q in yaml.safe_load(f)["questions"]}
    with open(f"{RESULTS}/{tag}-{name}.json", encoding="utf-8") as f:
        results = json.load(f)
    engine = QuestionEngine(f"{whd}/{name}.duckdb")
    for o in results["outcomes"]:
        if o["passed"]:
            continue
        q = bank[o["question"]]
        a = engine.ask(o["question"], engine="planner")
        print("Q:", o["question"], f"[{q.get('family')}]")
        print("  expect:", q.get("expect"), "unans" if q.get("unanswerable") else "", "| src:", str(q.get("source"))[:220])
        print("  got:", a.get("status"), "|", (a.get("answer") or "")[:260].replace("\n", " "))
        print("  rows:", str(a.get("rows"))[:200])
        print()


if __name__ == "__main__":
    main()
