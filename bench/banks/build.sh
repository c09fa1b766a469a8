#!/bin/bash
# build.sh CHECKOUT NAME WHDIR : build warehouse WHDIR/NAME.duckdb from the documents of bank NAME with CHECKOUT's code
set -u
CO=$1; NAME=$2; WHD=$3; mkdir -p "$WHD"
EMPTY=$(mktemp -d)
A=""
case $NAME in
  corpus) R=/work/wh/src/corpus; T=$EMPTY;;
  seeds) R=/work/shared/seeds; T=$EMPTY; A="--aliases /work/main/data/sample/aliases.yaml";;
  sample) R=/work/main/data/sample/reports; T=/work/main/data/sample/tickets; A="--aliases /work/main/data/sample/aliases.yaml";;
  tickets_real) R=$EMPTY; T=/work/shared/real/tickets;;
  h*) N=${NAME#h}; R=/work/heldout$N/reports; T=$EMPTY;;
  t*) N=${NAME#t}; R=$EMPTY; T=/work/heldout${N}t/tickets;;
esac
[ -d "$R" ] || R=$EMPTY; [ -d "$T" ] || T=$EMPTY
cd "$CO" && PREFECT_HOME=/tmp/pf-$NAME-$$ /work/main/.venv/bin/python -m app.cli refresh --reports "$R" --tickets "$T" $A --warehouse "$WHD/$NAME.duckdb" > "$WHD/$NAME.log" 2>&1
echo "$NAME rc=$?"
