#!/usr/bin/env bash
# The rank configuration's seed spread on ml-100k's test split: the chosen configuration
# (examples/config/ml-100k/rank.yaml) and the previous one (learning rate 0.003, constant), each
# trained with seeds 1, 2 and 3 on all training ratings, then scored on the test split one by one
# and as the average of the three models' predictions. For context only: the choice itself was
# made on the validation split (scripts/rank-learning-rate-ml100k.sh).
# Usage (from the repository root): scripts/rank-seeds-ml100k.sh [ML100K_DIR]; ~5 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/data/ml-100k}
mr=${MOVIEREC:-bin/movierec}
schema="userid,gender,age,occupation,history/10:mean,ratings/5:mean,movieid,title/4,genres/3"
[ -f work/ml100k-hr/dataset.properties ] || $mr prepare --data "$data" --out work/ml100k-hr \
  --schema "$schema" >/dev/null 2>&1
configuration() { # label flags...
  local label=$1; shift
  local dumps=() line=""
  for seed in 1 2 3; do
    rm -rf work/seed-model
    $mr train --model rank --data work/ml100k-hr/train --save work/seed-model --epochs 4 \
      --print-interval 100000 --wide --l2 0.01 --batch-size 512 --seed $seed --shuffle-seed $seed \
      "$@" >/dev/null 2>&1
    $mr infer --model rank --load work/seed-model --epochs 4..4 --data work/ml100k-hr/test \
      --dump "work/seed-$seed.tsv" >/dev/null 2>&1
    line="$line $($mr evaluate --predictions "work/seed-$seed.tsv" 2>/dev/null \
      | grep -o "rmse=[0-9.]*" | cut -d= -f2)"
    dumps+=("work/seed-$seed.tsv")
  done
  # user movie label prediction, one line per test rating, in the same order in every dump
  local average
  average=$(paste "${dumps[@]}" | awk -F'\t' '!/^#/ {
      p = ($4 + $8 + $12) / 3; e += (p - $3) ^ 2; n++ } END { printf "%.4f", sqrt(e / n) }')
  printf '%-36s test RMSE of seeds 1-3:%s; of their averaged predictions: %s\n' "$label" \
    "$line" "$average"
}
configuration "lr 0.006, x0.3 per epoch (chosen)" --lr 0.006 --lr-decay 0.3
configuration "lr 0.003, constant (previous)" --lr 0.003
rm -rf work/seed-model work/seed-?.tsv
