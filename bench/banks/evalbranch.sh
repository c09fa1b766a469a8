#!/bin/bash
# evalbranch.sh BRANCH NAME... : build missing warehouses of BRANCH's worktree for each bank, then measure
B=$1; shift
CO=/work/wt/$B; [ "$B" = main ] && CO=/work/main
WHD=/work/wh/$B
for NAME in "$@"; do
  if [ "$NAME" = inrepo ]; then for n in corpus seeds sample tickets_real; do [ -f $WHD/$n.duckdb ] || /work/banks/build.sh $CO $n $WHD; done
  else [ -f $WHD/$NAME.duckdb ] || /work/banks/build.sh $CO $NAME $WHD; fi
  /work/banks/measure.sh $CO $WHD $B $NAME
done
