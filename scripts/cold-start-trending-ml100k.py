#!/usr/bin/env python3
"""Does "trending at request time" beat "most rated first" for new users on ml-100k?

The cold-start case of docs/results.md (issue 12): each test user's history is hidden and only
their gender, age and occupation are known; a list of 100 movies is scored by whether it holds the
user's held-out (latest) movie, rated at time t. At serving the request time is known, so the
list can be the popularity among ratings logged shortly *before t* rather than at the end of the
data (which counts ratings from the future of most requests):

  score(m) = share of   sum over other users' ratings of m with time < t of exp(-(t - time) / tau)
           + d * (the same share within the user's gender x age group + within the occupation)

tau = inf is the time-aware most rated (counts of ratings before t). The requesting user's own
ratings are never counted (a new user has none) and no rating at or after t is. Compared with
the library's "most rated first" (all counted ratings, whenever logged). Needs Python 3 and
numpy, and data prepared with --validation (the ml100k-hr-val of docs/results.md):

  python3 scripts/cold-start-trending-ml100k.py work/ml100k-hr-val

Chosen on validation only: the validation split (each user's second-latest rating held out at
its time, training ratings counted) and the same with each user's 3rd to 6th latest training
rating held out (training ratings before it counted), by the mean HR@10 of the five positions.
The chosen setting is then read once on the test split (training and validation ratings counted).
"""
import collections
import math
import os
import sys

import numpy as np

DAY = 86400.0
# MOVIEREC_COUNT_OWN=1: count the requesting user's own earlier ratings too, as the library's
# evaluate --online --cold-start does (the user's history is hidden from the request only)
COUNT_OWN = os.environ.get('MOVIEREC_COUNT_OWN') == '1'


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
            bucket = sum(int(age) >= b for b in (18, 25, 35, 45, 50, 56))
            users[int(uid)] = (('g', gender, bucket), ('o', int(occupation)))
    return rows, users


def hits(scores, movie, acc):
    scores = scores.copy()
    scores[0] = -np.inf
    top = np.argsort(-scores, kind='stable')[:100]
    where = np.nonzero(top == movie)[0]
    if len(where):
        r = where[0]
        acc[2] += 1
        if r < 10:
            acc[0] += 1
            acc[1] += 1 / math.log2(r + 2)


def share(v):
    s = v.sum()
    return v / s if s > 0 else v


def evaluate(counted, held, users, movies, taus, demos):
    """{(tau, d): [HR@10, NDCG@10, HR@100]} for the held-out (user, movie, time) triples.

    counted: (user, movie, time) ratings that may be counted (those before each request only).
    tau None is "most rated first": every counted rating, whenever logged, the user's own included
    (what the library does today)."""
    counted = sorted(counted, key=lambda r: r[2])
    times = np.array([r[2] for r in counted], dtype=np.float64)
    t0 = times[0]
    own = collections.defaultdict(list)
    for u, m, t in counted:
        own[u].append((m, t))
    queries = sorted(held, key=lambda q: q[2])
    out = {}
    for tau in taus:
        total = np.zeros(movies)
        groups = collections.defaultdict(lambda: np.zeros(movies))
        acc = {d: np.zeros(3) for d in demos}
        if tau is None:
            for u, m, t in counted:
                total[m] += 1
                for g in users[u]:
                    groups[g][m] += 1
            for u, m, t in queries:
                for d in demos:
                    g1, g2 = users[u]
                    hits(share(total) + d * (share(groups[g1]) + share(groups[g2])), m, acc[d])
            for d in demos:
                out[('all', d)] = acc[d] / len(queries)
            continue
        i = 0
        for u, m, t in queries:
            while i < len(counted) and counted[i][2] < t:
                cu, cm, ct = counted[i]
                w = 1.0 if tau == math.inf else math.exp((ct - t0) / (tau * DAY))
                total[cm] += w
                for g in users[cu]:
                    groups[g][cm] += w
                i += 1
            mine = np.zeros(movies)
            for om, ot in own[u]:
                if ot < t and not COUNT_OWN:
                    mine[om] += 1.0 if tau == math.inf else math.exp((ot - t0) / (tau * DAY))
            g1, g2 = users[u]
            base = share(np.maximum(total - mine, 0))
            s1 = share(np.maximum(groups[g1] - mine, 0))
            s2 = share(np.maximum(groups[g2] - mine, 0))
            for d in demos:
                hits(base + d * (s1 + s2), m, acc[d])
        for d in demos:
            out[(tau, d)] = acc[d] / len(queries)
    return out


def main():
    rows, users = load(sys.argv[1])
    movies = max(r[1] for r in rows) + 1
    by_user = collections.defaultdict(list)
    for r in rows:
        by_user[r[0]].append(r)
    for h in by_user.values():
        h.sort(key=lambda r: (-r[2], r[4]))  # latest first; in a tie, the first in file order
    taus = [None, 1, 3, 7, 14, 30, math.inf]
    demos = [0, 0.25, 0.5]
    train = [(r[0], r[1], r[2]) for r in rows if r[3] == 'train']
    train_by_user = {u: [r for r in h if r[3] == 'train'] for u, h in by_user.items()}
    cases = [[(r[0], r[1], r[2]) for r in rows if r[3] == 'validation']]
    for depth in range(1, 5):  # the (depth+1)-th latest training rating of each user
        cases.append([(u, h[depth][1], h[depth][2])
                      for u, h in train_by_user.items() if len(h) > depth])
    per = []
    for held in cases:
        hold = {(u, m) for u, m, _ in held}
        per.append(evaluate([r for r in train if (r[0], r[1]) not in hold], held, users,
                            movies, taus, demos))
    keys = list(per[0])
    mean = {k: np.mean([p[k] for p in per], axis=0) for k in keys}
    name = lambda k: 'tau=%-4s d=%-4s' % ('all' if k[0] == 'all' else k[0], k[1])
    for k in keys:
        print('validation %s split: HR@10 %.4f NDCG@10 %.4f HR@100 %.4f   '
              'mean of 5 positions: %.4f %.4f %.4f' % ((name(k),) + tuple(per[0][k])
                                                       + tuple(mean[k])))
    best = max((k for k in keys if k[0] != 'all'), key=lambda k: (mean[k][0], mean[k][1]))
    print('chosen on validation:', name(best))
    known = [(r[0], r[1], r[2]) for r in rows if r[3] != 'test']
    test = [(r[0], r[1], r[2]) for r in rows if r[3] == 'test']
    res = evaluate(known, test, users, movies, [None, math.inf, best[0]],
                   sorted({0, best[1]}))
    for k in (('all', 0), (math.inf, 0), best):
        print('test %s HR@10 %.4f NDCG@10 %.4f HR@100 %.4f' % ((name(k),) + tuple(res[k])))


if __name__ == '__main__':
    main()
