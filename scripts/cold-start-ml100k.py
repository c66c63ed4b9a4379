#!/usr/bin/env python3
"""Can a popularity prior beat "most rated first" for new users on ml-100k leave-latest-out?

The cold-start case of docs/results.md: each test user's history is hidden and only their gender,
age and occupation are known; a list of 100 movies is scored by whether it holds the user's
held-out (latest) movie. Needs only Python 3 and numpy, and data prepared with --validation:

  bin/movierec prepare --data ../shared/data/ml-100k --out work/ml100k-h10m-val --validation \\
      --schema "userid,gender,age,occupation,history/10:mean,movieid,title/4,genres/3"
  python3 scripts/cold-start-ml100k.py work/ml100k-h10m-val

Each candidate ranks movies by count(everyone) + d * (count(gender x age group) + count(occupation)),
counts normalised to shares, each rating weighted by one of:
  all       1 (d = 0 is "most rated first")
  time T    exp(-(t_end - t) / T days), t_end the latest rating counted: recent popularity
  pos P     P^i for the user's i-th most recent rating (0 = latest)
Chosen on validation only: the validation split (each user's second-latest rating held out,
training ratings counted) and, to see past the noise of 943 users, the same with each user's
3rd, 4th, 5th and 6th latest rating held out (ratings after it not counted; ties in time broken
as the split does, the first in file order counting as the latest). The best mean HR@10 is then
read once on the test split (training and validation ratings counted).
"""
import collections
import math
import sys

import numpy as np


def load(directory):
    rows = []
    with open(directory + '/ratings.tsv') as f:
        for line in f:
            if line.startswith('#'):
                continue
            logid, user, movie, _, time, split = line.rstrip('\n').split('\t')
            rows.append((int(user), int(movie), int(time), split, int(logid)))
    users = {}
    with open(directory + '/users.tsv') as f:
        for line in f:
            if line.startswith('#'):
                continue
            uid, gender, age, occupation = line.rstrip('\n').split('\t')[:4]
            # the age buckets of ml-1m, as movierec's AgeBucket.fromYears groups ml-100k ages
            bucket = sum(int(age) >= b for b in (18, 25, 35, 45, 50, 56))
            users[int(uid)] = (gender, bucket, int(occupation))
    return rows, users


def evaluate(histories, held, users, mode, p, demo, movies):
    """HR@10, NDCG@10, HR@100 of the popularity list for every held-out user."""
    end = max(t for h in histories.values() for _, t in h)
    total = np.zeros(movies)
    groups = collections.defaultdict(lambda: np.zeros(movies))
    for u, h in histories.items():
        gender, age, occupation = users[u]
        for i, (m, t) in enumerate(h):  # most recent first
            w = 1.0 if mode == 'all' else math.exp(-(end - t) / (p * 86400)) if mode == 'time' \
                else p ** i
            total[m] += w
            groups[(gender, age)][m] += w
            groups[occupation][m] += w
    total /= total.sum()
    for g in groups.values():
        g /= g.sum()
    lists = {}
    hr = ndcg = hr100 = 0
    for u, m in held.items():
        gender, age, occupation = users[u]
        key = (gender, age, occupation)
        if key not in lists:
            s = total + demo * (groups[(gender, age)] + groups[occupation])
            s[0] = -1
            lists[key] = list(np.argsort(-s, kind='stable')[:100])
        top = lists[key]
        if m in top:
            r = top.index(m)
            hr100 += 1
            if r < 10:
                hr += 1
                ndcg += 1 / math.log2(r + 2)
    n = len(held)
    return np.array([hr / n, ndcg / n, hr100 / n])


def main():
    rows, users = load(sys.argv[1])
    movies = max(r[1] for r in rows) + 1
    by_user = collections.defaultdict(list)
    for r in rows:
        by_user[r[0]].append(r)
    for h in by_user.values():
        h.sort(key=lambda r: (-r[2], r[4]))  # latest first; in a tie, the first in file order
    settings = [('all', 0, d) for d in (0, 0.25, 0.5, 1)]
    settings += [('time', t, d) for t in (30, 60, 90, 180) for d in (0, 0.25, 0.5, 1)]
    settings += [('pos', p, d) for p in (0.9, 0.98) for d in (0, 0.25, 0.5, 1)]

    cases = []  # (histories, held) for the validation split and deeper positions
    train = {u: [(r[1], r[2]) for r in h if r[3] == 'train'] for u, h in by_user.items()}
    cases.append((train, {r[0]: r[1] for r in rows if r[3] == 'validation'}))
    for depth in range(1, 5):  # within train: hold out the (depth+1)-th latest
        hist = {u: h[depth + 1:] for u, h in train.items() if len(h) > depth + 1}
        cases.append((hist, {u: train[u][depth][0] for u in hist}))
    mean = {}
    for s in settings:
        per = [evaluate(hist, held, users, *s, movies) for hist, held in cases]
        mean[s] = np.mean(per, axis=0)
        print('validation %-5s %-4s d=%-4s  split: HR@10 %.4f NDCG@10 %.4f HR@100 %.4f   '
              'mean of 5 positions: %.4f %.4f %.4f' % (s + tuple(per[0]) + tuple(mean[s])))
    best = max(settings, key=lambda s: (mean[s][0], mean[s][1]))
    print('chosen on validation:', best)
    known = {u: [(r[1], r[2]) for r in h if r[3] != 'test'] for u, h in by_user.items()}
    test = {r[0]: r[1] for r in rows if r[3] == 'test'}
    for s in (('all', 0, 0), best):
        print('test %-5s %-4s d=%-4s  HR@10 %.4f NDCG@10 %.4f HR@100 %.4f'
              % (s + tuple(evaluate(known, test, users, *s, movies))))


if __name__ == '__main__':
    main()
