#!/usr/bin/env python3
"""Model-free check of the sequential structure of a MovieLens ratings file.

For each user's latest rating (ties by file order), with every other rating as training data:
HR@10 of most-rated-first, and of "rated close in time to your 10 latest movies" (movies that
followed any of them within 10 ratings, in any user's history, divided by popularity + 20), both
over the movies the user has not rated. On data whose latest ratings are unrelated to the earlier
ones the second is near zero; on real logs it beats popularity.

usage: scripts/sequence-check.py DIR   (DIR holds ratings.dat, or u.data for ml-100k)
"""
import os
import sys

import numpy as np


def main(directory):
    path = os.path.join(directory, "ratings.dat")
    sep = "::"
    if not os.path.exists(path):
        path, sep = os.path.join(directory, "u.data"), "\t"
    rows = [line.split(sep) for line in open(path, encoding="latin-1")]
    user = np.array([int(r[0]) for r in rows])
    movie = np.array([int(r[1]) for r in rows])
    time = np.array([int(r[3]) for r in rows])
    order = np.lexsort((np.arange(len(user)), time, user))
    user, movie = user[order], movie[order]
    ids, m = np.unique(movie, return_inverse=True)
    n = len(ids)
    starts = np.r_[0, np.nonzero(user[1:] != user[:-1])[0] + 1]
    ends = np.r_[starts[1:], len(user)]
    popularity = np.zeros(n)
    together = np.zeros((n, n), np.float32)
    for s, e in zip(starts, ends):
        items = m[s:e - 1]
        popularity += np.bincount(items, minlength=n)
        for i in range(1, len(items)):
            together[items[max(0, i - 10):i], items[i]] += 1
    hits_popular = hits_together = 0
    for s, e in zip(starts, ends):
        seen, target = m[s:e - 1], m[e - 1]
        score = popularity.copy()
        score[seen] = -1
        hits_popular += target in np.argsort(-score)[:10]
        score = together[seen[-10:]].sum(0) / (popularity + 20)
        score[seen] = -1
        hits_together += target in np.argsort(-score)[:10]
    users = len(starts)
    print(f"{directory}: users={users} most-rated-first HR@10={hits_popular / users:.4f}"
          f" rated-close-in-time HR@10={hits_together / users:.4f}")


if __name__ == "__main__":
    main(sys.argv[1])
