"""cmp.py TAG_A TAG_B NAME...: the bank questions whose pass/fail differs between two measured tags."""
import json
import os
import sys

RESULTS = os.environ.get("BANKS_RESULTS", "/work/banks/results")


def outcomes(tag: str, name: str) -> dict:
    with open(f"{RESULTS}/{tag}-{name}.json", encoding="utf-8") as f:
        return {(o["warehouse"], o["question"]): o for o in json.load(f)["outcomes"]}


def main() -> None:
    a, b = sys.argv[1], sys.argv[2]
    for name in sys.argv[3:]:
        before, after = outcomes(a, name), outcomes(b, name)
        passed_a = sum(o["passed"] for o in before.values())
        passed_b = sum(o["passed"] for o in after.values())
        print(f"== {name}: {passed_a} -> {passed_b}")
        for key, o in before.items():
            if key in after and o["passed"] != after[key]["passed"]:
                mark = "  +" if after[key]["passed"] else "  -"
                print(mark, key[0], key[1][:110], "|", after[key]["reason"][:80])


if __name__ == "__main__":
    main()
