#!/usr/bin/env bash
# How the rank configuration's learning rate and its decay were chosen: each candidate is trained
# with three seeds on ml-100k's training split (leave-latest-out, validation taken from the training
# ratings) and scored on the validation split after every epoch; the mean over the seeds decides.
# The test split is not read.
# Usage (from the repository root): scripts/rank-learning-rate-ml100k.sh [ML100K_DIR]; ~12 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/data/ml-100k}
mr=${MOVIEREC:-bin/movierec}
schema="userid,gender,age,occupation,history/10:mean,ratings/5:mean,movieid,title/4,genres/3"
[ -f work/v-hr/dataset.properties ] || $mr prepare --data "$data" --out work/v-hr --validation \
  --schema "$schema" >/dev/null 2>&1
epochs=4
candidate() { # label flags...
  local label=$1; shift
  local scores=""
  for seed in 1 2 3; do
    rm -rf work/lr-model
    $mr train --model rank --data work/v-hr/train --save work/lr-model --epochs $epochs \
      --print-interval 100000 --wide --l2 0.01 --batch-size 512 --seed $seed --shuffle-seed $seed \
      "$@" >/dev/null 2>&1
    for e in $(seq 1 $epochs); do
      r=$($mr evaluate --model rank --load "work/lr-model/$e" --data work/v-hr --part validation \
        2>/dev/null | grep -o "rmse=[0-9.]*" | cut -d= -f2)
      scores="$scores $e:$r"
    done
  done
  printf '%-40s mean validation RMSE of seeds 1-3 by epoch:%s\n' "$label" "$(echo "$scores" \
    | tr ' ' '\n' | awk -F: 'NF == 2 { s[$1] += $2; n[$1]++ }
        END { for (e = 1; e in s; e++) printf " e%d=%.4f", e, s[e] / n[e] }')"
}
candidate "lr 0.003, constant (the previous choice)" --lr 0.003
candidate "lr 0.004, x0.5 per epoch" --lr 0.004 --lr-decay 0.5
candidate "lr 0.006, x0.5 per epoch" --lr 0.006 --lr-decay 0.5
candidate "lr 0.006, x0.3 per epoch (chosen)" --lr 0.006 --lr-decay 0.3
candidate "lr 0.01, x0.3 per epoch" --lr 0.01 --lr-decay 0.3
rm -rf work/lr-model
