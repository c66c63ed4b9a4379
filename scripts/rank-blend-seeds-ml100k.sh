#!/usr/bin/env bash
# The rating blend's seed spread on ml-100k: for seeds 1, 2 and 3, the chosen rank configuration
# (examples/config/ml-100k/rank.yaml) is trained twice with that seed, on the validation split's
# training part (to fit the blend on the validation ratings: `movierec blend`) and on every
# training rating (to score the test split alone and blended: `evaluate --blend`).
# Usage (from the repository root): scripts/rank-blend-seeds-ml100k.sh [ML100K_DIR]; ~3 minutes on
# 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/data/ml-100k}
mr=${MOVIEREC:-bin/movierec}
schema="userid,gender,age,occupation,history/10:mean,ratings/5:mean,movieid,title/4,genres/3"
[ -f work/ml100k-hr/dataset.properties ] || $mr prepare --data "$data" --out work/ml100k-hr \
  --schema "$schema" >/dev/null 2>&1
[ -f work/ml100k-hr-val/dataset.properties ] || $mr prepare --data "$data" \
  --out work/ml100k-hr-val --validation --schema "$schema" >/dev/null 2>&1
rmse() { grep -o "rmse=[0-9.]*" | cut -d= -f2 | tr '\n' ' '; }
for seed in 1 2 3; do
  for split in ml100k-hr-val ml100k-hr; do
    rm -rf "work/seed-model-$split"
    $mr train --model rank --config examples/config/ml-100k/rank.yaml \
      --data "work/$split/train" --save "work/seed-model-$split" --print-interval 100000 \
      --seed $seed --shuffle-seed $seed >/dev/null 2>&1
  done
  validation=$($mr blend --rank work/seed-model-ml100k-hr-val/4 --data work/ml100k-hr-val \
    --save work/seed-blend.properties 2>/dev/null | rmse)
  alone=$($mr evaluate --model rank --load work/seed-model-ml100k-hr/4 --data work/ml100k-hr \
    2>/dev/null | rmse)
  blended=$($mr evaluate --model rank --load work/seed-model-ml100k-hr/4 --data work/ml100k-hr \
    --blend work/seed-blend.properties 2>/dev/null | rmse)
  echo "seed $seed: validation RMSE alone, blended (fitted there): $validation;" \
    "test RMSE alone: $alone; blended: $blended"
done
rm -rf work/seed-model-ml100k-hr-val work/seed-model-ml100k-hr work/seed-blend.properties
