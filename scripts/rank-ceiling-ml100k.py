#!/usr/bin/env python3
"""How low can a rating model's RMSE go on ml-100k's leave-latest-out test split?

Hand-built rating predictors on the same split the rank model is evaluated on, to put its RMSE in
context (docs/results.md, "Rank model: where the floor is"). Needs only Python 3 and numpy.

  bin/movierec prepare --data ../shared/data/ml-100k --out work/ml100k-val --validation
  python3 scripts/rank-ceiling-ml100k.py work/ml100k-val/ratings.tsv

ratings.tsv is what `prepare` writes: one line per rating with its split (train, validation,
test). Two evaluations, as for the models: on the validation split (fitted on train) and on the
test split (fitted on train + validation). Printed, for each:

  bias      global mean + regularised user and movie biases
  recency   movie bias + the user's past ratings relative to the movies' biases (all of them,
            shrunk, and the latest 3 again), weights fitted by least squares on the training
            ratings themselves, each predicted from the ones the user gave before it
  blend     the recency features + the user's bias + an item-kNN residual, the 6 weights fitted
            on the validation answers (so its validation figure is optimistic) and applied
            unchanged to the test split; and, as a bound, refitted on the test answers themselves
"""
import collections
import sys

import numpy as np


def load(path):
    rows = []
    with open(path) as f:
        for line in f:
            if line.startswith('#'):
                continue
            logid, user, movie, rating, time, split = line.rstrip('\n').split('\t')
            rows.append((int(user), int(movie), float(rating), int(time), split, int(logid)))
    return rows


def rmse(predicted, actual):
    p = np.clip(np.asarray(predicted, dtype=float), 1, 5)
    return float(np.sqrt(np.mean((p - np.asarray(actual, dtype=float)) ** 2)))


def biases(train, reg_user=5.0, reg_movie=5.0, rounds=10):
    mu = float(np.mean([r[2] for r in train]))
    by_user, by_movie = collections.defaultdict(list), collections.defaultdict(list)
    for u, m, r, *_ in train:
        by_user[u].append((m, r))
        by_movie[m].append((u, r))
    bu, bi = collections.defaultdict(float), collections.defaultdict(float)
    for _ in range(rounds):
        for m, rs in by_movie.items():
            bi[m] = sum(r - mu - bu[u] for u, r in rs) / (reg_movie + len(rs))
        for u, rs in by_user.items():
            bu[u] = sum(r - mu - bi[m] for m, r in rs) / (reg_user + len(rs))
    return mu, bu, bi


def recency_features(mu, bi, past, movie):
    """[1, movie baseline, shrunk mean past residual, shrunk mean of the latest 3]."""
    res = [r - mu - bi[m] for m, r in past]
    latest = res[-3:]
    return [1.0, mu + bi[movie], sum(res) / (len(res) + 5), sum(latest) / (len(latest) + 2)]


def knn_residual(mu, bu, bi, train):
    """A function (history, movie) -> similarity-weighted residual of the user's similar movies."""
    residuals = collections.defaultdict(dict)
    for u, m, r, *_ in train:
        residuals[m][u] = r - mu - bu[u] - bi[m]

    def similarity(a, b):
        da, db = residuals.get(a, {}), residuals.get(b, {})
        if len(da) > len(db):
            da, db = db, da
        common = [u for u in da if u in db]
        if len(common) < 3:
            return 0.0
        num = sum(da[u] * db[u] for u in common)
        den = np.sqrt(sum(da[u] ** 2 for u in common) * sum(db[u] ** 2 for u in common)) + 1e-9
        return num / den * len(common) / (len(common) + 20)

    def predict(user, history, movie):
        pairs = [(similarity(movie, m), r - mu - bu[user] - bi[m]) for m, r in history]
        pairs = sorted(pairs, key=lambda p: -abs(p[0]))[:40]
        return sum(s * r for s, r in pairs) / (sum(abs(s) for s, _ in pairs) + 1.0)

    return predict


def evaluate(rows, part):
    fit_on = ('train',) if part == 'validation' else ('train', 'validation')
    train = [r for r in rows if r[4] in fit_on]
    target = [r for r in rows if r[4] == part]
    actual = [r[2] for r in target]
    mu, bu, bi = biases(train)
    history = collections.defaultdict(list)
    for u, m, r, *_ in sorted(train, key=lambda r: (r[3], r[5])):
        history[u].append((m, r))

    bias = rmse([mu + bu[u] + bi[m] for u, m, *_ in target], actual)

    x, y = [], []
    for u, h in history.items():
        for i in range(1, len(h)):
            x.append(recency_features(mu, bi, h[:i], h[i][0]))
            y.append(h[i][1])
    w, *_ = np.linalg.lstsq(np.array(x), np.array(y), rcond=None)
    xt = np.array([recency_features(mu, bi, history[u], m) for u, m, *_ in target])
    recency = rmse(xt @ w, actual)

    knn = knn_residual(mu, bu, bi, train)
    xb = np.array([recency_features(mu, bi, history[u], m)
                   + [bu[u], knn(u, history[u], m)] for u, m, *_ in target])
    print(f'{part:<10} n={len(target)}  bias {bias:.4f}  recency {recency:.4f}', end='')
    return xb, np.array(actual)


def main():
    if len(sys.argv) != 2:
        sys.exit('usage: rank-ceiling-ml100k.py PREPARED_DIR/ratings.tsv (prepared with --validation)')
    rows = load(sys.argv[1])
    if not any(r[4] == 'validation' for r in rows):
        sys.exit(f'{sys.argv[1]}: no validation ratings; prepare the data with --validation')
    xv, yv = evaluate(rows, 'validation')
    wv, *_ = np.linalg.lstsq(xv, yv, rcond=None)
    print(f'  blend {rmse(xv @ wv, yv):.4f} (fitted here)')
    xt, yt = evaluate(rows, 'test')
    wt, *_ = np.linalg.lstsq(xt, yt, rcond=None)
    print(f'  blend {rmse(xt @ wv, yt):.4f} (validation weights), {rmse(xt @ wt, yt):.4f} '
          f'(refitted on the test answers)')


if __name__ == '__main__':
    main()
