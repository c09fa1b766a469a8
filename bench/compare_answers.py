"""compare_answers.py BEFORE_TAG AFTER_TAG: every dev-bank question's passed/status/reason and miss answer, before vs
after (the JSONs /work/banks/measure.sh writes to /work/banks/results); prints each question that differs."""
import json
import sys

RESULTS = "/work/banks/results"
BANKS = ["unseen", "stop19a", "stop19b", "heldout3", "heldout", "stop21t"]


def key(o: dict) -> tuple[str, str]:
    return o["warehouse"], o["question"]


def main() -> int:
    diff = total = 0
    for b in BANKS:
        a, z = (json.load(open(f"{RESULTS}/{t}-{b}.json")) for t in sys.argv[1:3])
        oa = {key(o): (o["passed"], o["status"], o["reason"]) for o in a["outcomes"]}
        oz = {key(o): (o["passed"], o["status"], o["reason"]) for o in z["outcomes"]}
        ma = {key(m): m.get("answer") for m in a["misses"]}
        mz = {key(m): m.get("answer") for m in z["misses"]}
        total += len(oa)
        for k in sorted(set(oa) | set(oz)):
            if oa.get(k) != oz.get(k) or ma.get(k) != mz.get(k):
                diff += 1
                print(b, k, oa.get(k), "->", oz.get(k))
                print("   ", ma.get(k), "\n -> ", mz.get(k))
    print(f"{total} questions, {diff} differ")
    return 1 if diff else 0


if __name__ == "__main__":
    sys.exit(main())
