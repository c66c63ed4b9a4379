package io.movierec.evaluation;

import java.util.Locale;

/**
 * Top-K retrieval quality over the whole catalogue, each user's already-rated movies excluded.
 *
 * @param users users evaluated (one held-out movie each)
 * @param hitRate10 share of users whose held-out movie is in their top 10
 * @param ndcg10 mean of {@code 1 / log2(rank + 1)} for held-out movies in the top 10 (rank from 1)
 * @param hitRate100 share of users whose held-out movie is in their top 100
 * @param coverage10 distinct movies in all top-10 lists, as a share of the catalogue
 * @param genreAgreement10 share of top-10 movies that share a genre with the user's three
 *     most-rated genres in training (the reference's own check)
 */
public record RecallMetrics(
    int users,
    double hitRate10,
    double ndcg10,
    double hitRate100,
    double coverage10,
    double genreAgreement10) {

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "users=%d HR@10=%.4f NDCG@10=%.4f HR@100=%.4f coverage@10=%.4f genre-agreement@10=%.4f",
        users,
        hitRate10,
        ndcg10,
        hitRate100,
        coverage10,
        genreAgreement10);
  }
}
