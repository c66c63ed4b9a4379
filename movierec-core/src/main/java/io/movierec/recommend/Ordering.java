package io.movierec.recommend;

/**
 * How {@link Recommender#recommend} orders the merged candidates; chosen with {@link
 * Recommender.Builder#withOrdering} and saved in bundles.
 */
public enum Ordering {
  /**
   * The default: {@link #COMBINED} when the ranker predicts watching ({@link
   * RankingModel#predictsWatching()}), otherwise {@link #RECALL}. A rating-only ranker is not used
   * to order (on ml-100k leave-latest-out, ordering recall candidates by predicted rating gives
   * HR@10 0.060 against 0.188 in recall order); its predicted ratings are still reported. Bundles
   * saved before orderings existed load with this one.
   */
  AUTO,
  /** The ranker's probability that the user watches the movie next; needs a watch ranker. */
  WATCH,
  /** The ranker's predicted rating (what {@code recommend} did before orderings existed). */
  RATING,
  /**
   * The recall score: the candidates' reciprocal-rank fusion over the channels that found them
   * ({@link Recommendation#recallScore()}); with the index channel alone, the index's order.
   */
  RECALL,
  /**
   * Watch probability × predicted rating / 5: likely to be watched and liked; needs a watch ranker.
   */
  WATCH_TIMES_RATING,
  /**
   * Reciprocal-rank fusion of the recall order and the watch-score order ({@link
   * Recommendation#combinedScore()}): {@code 1/(60 + recall place) + W/(60 + watch place)}, places
   * counted from 1 among the request's candidates, {@code W} the {@linkplain
   * Recommender.Builder#withCombinationWeight combination weight}. Needs a watch ranker. The recall
   * order carries most of the signal and the watch score settles what it leaves close; chosen on
   * the ml-100k validation split (docs/results.md).
   */
  COMBINED;

  /**
   * The ordering {@code recommend} uses with {@code ranker} (null: none): resolves {@link #AUTO}.
   */
  Ordering resolve(RankingModel ranker) {
    if (this != AUTO) {
      return this;
    }
    return ranker != null && ranker.predictsWatching() ? COMBINED : RECALL;
  }

  /** Whether this ordering needs a ranker that predicts watching. */
  boolean needsWatching() {
    return this == WATCH || this == WATCH_TIMES_RATING || this == COMBINED;
  }

  /**
   * The score of {@code r} that this ordering sorts by, best highest ({@link #AUTO}: the recall
   * score, as if no ranker predicted watching; use {@link Recommender#effectiveOrdering()} to know
   * which applies).
   */
  public float score(Recommendation r) {
    return switch (this) {
      case WATCH -> r.watchScore();
      case RATING -> r.predictedRating();
      case WATCH_TIMES_RATING -> r.watchScore() * r.predictedRating() / 5f;
      case COMBINED -> r.combinedScore();
      case RECALL, AUTO -> r.recallScore();
    };
  }
}
