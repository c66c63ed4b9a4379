#!/usr/bin/env bash
# Reproduces every ml-100k figure of docs/results.md: the reference configuration and the best
# ones, offline and through the online path. Usage (from the repository root):
#   scripts/reproduce-ml100k.sh [ML100K_DIR]      (default ../shared/data/ml-100k)
# Writes under work/ (ignored by git) and prints the figures; about 9 minutes on 2 cores. Ends by
# writing the best online path's top-100 lists for the test users to work/online-topk.tsv.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/data/ml-100k}
mr=${MOVIEREC:-bin/movierec}
run() { echo "\$ $*" >&2; "$@" 2>/dev/null; }

echo "== data: leave-latest-out split of $data"
run $mr prepare --data "$data" --out work/ml100k --hasher paddlerec | grep -E "train|users"
run $mr prepare --data "$data" --out work/ml100k-h10m \
  --schema "userid,gender,age,occupation,history/10:mean,movieid,title/4,genres/3" | grep -E "^prepared"
hr="userid,gender,age,occupation,history/10:mean,ratings/5:mean,movieid,title/4,genres/3"
run $mr prepare --data "$data" --out work/ml100k-hr --schema "$hr" | grep -E "^prepared"
run $mr prepare --data "$data" --out work/ml100k-hr-val --validation --schema "$hr" | grep -E "^prepared"

echo "== baseline"
run $mr evaluate --baseline popularity --data work/ml100k | tail -1

echo "== (a) the reference configuration"
run $mr train --model recall --config examples/config/paddlerec/recall.yaml | grep -E "^epoch 5:"
run $mr evaluate --model recall --load work/output_model_recall/5 --data work/ml100k | grep -E "^rating|^retrieval"
run $mr train --model rank --config examples/config/paddlerec/rank.yaml | grep -E "^epoch 5:"
run $mr evaluate --model rank --load work/output_model_rank/5 --data work/ml100k | grep -E "^rating"

echo "== (b) the best configurations (chosen on the validation split)"
run $mr train --model recall --config examples/config/ml-100k/recall.yaml | grep -E "^epoch 10:"
run $mr evaluate --model recall --load work/best_model_recall/10 --data work/ml100k-h10m | grep -E "^retrieval"
run $mr train --model rank --config examples/config/ml-100k/rank.yaml | grep -E "^epoch 4:"
run $mr evaluate --model rank --load work/best_model_rank/4 --data work/ml100k-hr | grep -E "^rating"
echo "   the rating blend: weights fitted on the validation split, for the same configuration"
echo "   trained on that split's training part; then applied to the model above"
run $mr train --model rank --config examples/config/ml-100k/rank.yaml \
  --data work/ml100k-hr-val/train --save work/best_model_rank_val | grep -E "^epoch 4:"
run $mr blend --rank work/best_model_rank_val/4 --data work/ml100k-hr-val \
  --save work/best_rank_blend.properties | grep -E "^ranker|^blended|^weights"
run $mr evaluate --model rank --load work/best_model_rank/4 --data work/ml100k-hr \
  --blend work/best_rank_blend.properties | grep -E "^rating"

echo "== the online path (index → movie store → ranker), users know only their training ratings"
echo "   the index channel alone, in index order, then re-ordered by predicted rating"
run $mr evaluate --online --recall work/best_model_recall/10 --data work/ml100k-h10m \
  --channels index=100 | grep "^online"
run $mr evaluate --online --recall work/best_model_recall/10 --rank work/best_model_rank/4 \
  --data work/ml100k-hr --channels index=100 --ordering rating | grep "^online"
run $mr evaluate --online --recall work/best_model_recall/10 --rank work/best_model_rank/4 \
  --blend work/best_rank_blend.properties --data work/ml100k-hr \
  --channels index=100 --ordering rating | grep "^online"

echo "== recall channels: index=60, co-occurrence=30, genre-popular=10 (chosen on validation)"
echo "   validation (models trained on the validation split's training part), then test"
run $mr prepare --data "$data" --out work/ml100k-h10m-val --validation \
  --schema "userid,gender,age,occupation,history/10:mean,movieid,title/4,genres/3" | grep -E "^prepared"
run $mr train --model recall --config examples/config/ml-100k/recall.yaml \
  --data work/ml100k-h10m-val/train --save work/best_model_recall_val | grep -E "^epoch 10:"
run $mr evaluate --online --recall work/best_model_recall_val/10 --data work/ml100k-h10m-val \
  --part validation --per-channel | grep -E "^online|found by"
run $mr evaluate --online --recall work/best_model_recall/10 --data work/ml100k-h10m \
  --per-channel --cold-start | grep -E "^online|found by|cold|most rated|channel"
run $mr evaluate --online --recall work/best_model_recall/10 --rank work/best_model_rank/4 \
  --data work/ml100k-hr --ordering rating | grep "^online"

echo "== the watch ranker (settings chosen on validation: scripts/watch-ranker-ml100k.sh), seed 1"
run $mr train --model watch --config examples/config/ml-100k/rank.yaml --data work/ml100k-hr/train \
  --save work/watch_s1 --epochs 2 --recall work/best_model_recall/10 --hard-share 0.2 --l2 0 \
  --seed 1 --negative-seed 1 --shuffle-seed 1 | grep -E "^epoch 2"

echo "== the best online path's final lists for the test users (user rank movie score, raw ids)"
# The default ordering with a watch ranker: recall and watch orders combined (Ordering.COMBINED).
run $mr evaluate --online --recall work/best_model_recall/10 --rank work/watch_s1/2 \
  --data work/ml100k-hr --topk-dump work/online-topk.tsv | grep -E "^online|wrote"
