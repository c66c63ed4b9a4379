#!/usr/bin/env bash
# The watch ranker's ml-100k figures of docs/results.md. Needs what scripts/reproduce-ml100k.sh
# writes under work/ (ml100k-hr, ml100k-hr-val, best_model_recall/10) and a recall model trained
# on the validation split's training part, work/best_model_recall_val/10:
#   bin/movierec train --model recall --config examples/config/ml-100k/recall.yaml \
#     --data work/ml100k-h10m-val/train --save work/best_model_recall_val
# Usage (from the repository root): scripts/watch-ranker-ml100k.sh [SEEDS...]   (default 1 2 3)
set -euo pipefail
cd "$(dirname "$0")/.."
mr=${MOVIEREC:-bin/movierec}
seeds=${*:-1 2 3}
opts=(--config examples/config/ml-100k/rank.yaml --epochs 2 --hard-share 0.2 --l2 0)

echo "== validation: the chosen setting, order = logit(watch) + W * cosine"
$mr train --model watch "${opts[@]}" --data work/ml100k-hr-val/train --save work/watch_val \
  --recall work/best_model_recall_val/10 2>/dev/null | grep -E "^epoch"
for w in 0 5 10 20 100000; do
  echo -n "W=$w: "
  $mr evaluate --model watch --load work/watch_val/2 --recall work/best_model_recall_val/10 \
    --data work/ml100k-hr-val --part validation --cosine-weight $w 2>/dev/null | grep "^watch"
done
$mr blend --rank work/watch_val/2 --data work/ml100k-hr-val --save work/watch_blend.properties \
  2>/dev/null | grep -E "^ranker|^blended"

echo "== test, read once per seed"
for s in $seeds; do
  $mr train --model watch "${opts[@]}" --data work/ml100k-hr/train --save work/watch_s$s \
    --recall work/best_model_recall/10 --seed $s --negative-seed $s --shuffle-seed $s \
    2>/dev/null | grep -E "^epoch 2"
  $mr evaluate --model watch --load work/watch_s$s/2 --recall work/best_model_recall/10 \
    --data work/ml100k-hr --cosine-weight 10 2>/dev/null | grep -E "^watch|^rating"
  $mr evaluate --model watch --load work/watch_s$s/2 --data work/ml100k-hr \
    --blend work/watch_blend.properties 2>/dev/null | grep -E "^rating"
  # the online path: ordering auto = recall and watch orders combined; then the watch order alone
  $mr evaluate --online --recall work/best_model_recall/10 --rank work/watch_s$s/2 \
    --data work/ml100k-hr 2>/dev/null | grep "^online"
  $mr evaluate --online --recall work/best_model_recall/10 --rank work/watch_s$s/2 \
    --data work/ml100k-hr --ordering watch 2>/dev/null | grep "^online"
done
