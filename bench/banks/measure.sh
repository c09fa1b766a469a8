#!/bin/bash
# measure.sh CHECKOUT WHDIR TAG NAMES... : eval each bank against its warehouse, JSON to results/TAG-NAME.json
CO=$1; WHD=$2; TAG=$3; shift 3
for NAME in "$@"; do
  VQ=/tmp/no-verified-queries.yml
  case $NAME in
    inrepo) VQ=$CO/data/sample/verified_queries.yml; BANK=$CO/tests/questions; WS="--warehouse corpus=$WHD/corpus.duckdb --warehouse seeds=$WHD/seeds.duckdb --warehouse sample=$WHD/sample.duckdb --warehouse tickets_real=$WHD/tickets_real.duckdb";;
    h*) N=${NAME#h}; BANK=/work/heldout$N/questions.yaml; WS="--warehouse $NAME=$WHD/$NAME.duckdb";;
    t*) N=${NAME#t}; BANK=/work/heldout${N}t/questions.yaml; WS="--warehouse $NAME=$WHD/$NAME.duckdb";;
  esac
  (cd "$CO" && KOMMUNEDATA_VERIFIED_QUERIES=$VQ /work/main/.venv/bin/python -m app.cli eval "$BANK" $WS --json > /work/banks/results/$TAG-$NAME.json 2>/work/banks/results/$TAG-$NAME.err)
  /work/main/.venv/bin/python - "$TAG-$NAME" <<'PY'
import json,sys
d=json.load(open(f"/work/banks/results/{sys.argv[1]}.json"))
s=d.get("summary",d)
oc=d["outcomes"]; p=sum(o["passed"] for o in oc)
print(sys.argv[1], f"{p}/{len(oc)}")
PY
done
