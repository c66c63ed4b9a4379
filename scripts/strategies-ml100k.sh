#!/usr/bin/env bash
# The "optimisation strategies" of the tutorial, measured: each row changes one thing of the
# reference rank or recall configuration and reports the validation metric (ml-100k,
# leave-latest-out, the validation split taken from the training ratings).
# Usage (from the repository root): scripts/strategies-ml100k.sh [ML100K_DIR]; ~15 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/data/ml-100k}
mr=${MOVIEREC:-bin/movierec}
base="userid,gender,age,occupation"
movie="movieid,title/4,genres/3"
prep() { # name schema
  [ -f "work/$1/dataset.properties" ] || $mr prepare --data "$data" --out "work/$1" --validation \
    --schema "$2" >/dev/null 2>&1
}
prep v-ref "$base,$movie"
prep v-year "$base,$movie,year"
prep v-cross "$base,age_occupation=age*occupation,$movie"
prep v-hist "$base,history/10:mean,$movie"
prep v-hr "$base,history/10:mean,ratings/5:mean,$movie"

rank() { # label data epochs flags...
  local label=$1 d=$2 e=$3; shift 3
  rm -rf work/strategy-model
  $mr train --model rank --data "work/$d/train" --save work/strategy-model --epochs "$e" \
    --print-interval 100000 "$@" >/dev/null 2>&1
  local best=""
  for i in $(seq 1 "$e"); do
    r=$($mr evaluate --model rank --load "work/strategy-model/$i" --data "work/$d" --part validation 2>/dev/null \
      | grep -o "rmse=[0-9.]*" | cut -d= -f2)
    best="$best e$i=$r"
  done
  printf '%-58s validation RMSE by epoch:%s\n' "rank: $label" "$best"
}
recall() { # label data epochs flags...
  local label=$1 d=$2 e=$3; shift 3
  rm -rf work/strategy-model
  $mr train --model recall --data "work/$d/train" --save work/strategy-model --epochs "$e" \
    --print-interval 100000 "$@" >/dev/null 2>&1
  r=$($mr evaluate --model recall --load "work/strategy-model/$e" --data "work/$d" --part validation 2>/dev/null \
    | grep -o "HR@10=[0-9.]* NDCG@10=[0-9.]* HR@100=[0-9.]*")
  printf '%-58s validation after %s epochs: %s\n' "recall: $label" "$e" "$r"
}

rank "reference (Adam 0.001, batch 128, dim 9, [512,256,128,32])" v-ref 5
rank "more epochs (10)" v-ref 10
rank "SGD, learning rate 0.05" v-ref 5 --optimizer SGD --lr 0.05
rank "AdaGrad, learning rate 0.05" v-ref 5 --optimizer AdaGrad --lr 0.05
rank "smaller layers [128,64,32]" v-ref 5 --fc 128,64,32
rank "added feature: release year" v-year 5
rank "crossed feature: age x occupation" v-cross 5
rank "added features: recent movies and scores" v-hr 5
rank "... plus wide part, L2 0.01, lr 0.003, batch 512" v-hr 4 --wide --l2 0.01 --lr 0.003 --batch-size 512
rank "... with lr 0.006 decaying x0.3 per epoch (best)" v-hr 4 --wide --l2 0.01 --lr 0.006 --lr-decay 0.3 --batch-size 512
recall "reference (MSE on ratings)" v-ref 5
recall "sampled softmax, log-Q, temperature 0.1, batch 512" v-ref 5 --objective sampled_softmax --batch-size 512
recall "... plus dim 64" v-ref 10 --objective sampled_softmax --batch-size 512 --dim 64
recall "... plus recent movies, mean-pooled (best)" v-hist 10 --objective sampled_softmax --batch-size 512 --dim 64
