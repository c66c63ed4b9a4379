package io.movierec.recommend;

import io.movierec.domain.Movie;
import java.util.List;

/**
 * A recommended movie with the scores of every stage and the recall channels that found it.
 *
 * @param movie the movie (title, year, genres)
 * @param recallScore the merged recall score: the sum over the channels that found the movie of
 *     {@code weight / (60 + rank in that channel)} (reciprocal-rank fusion); with the index channel
 *     alone it follows the cosine between the user's and the movie's vectors
 * @param watchScore the ranker's probability that the user watches the movie next, or {@link
 *     Float#NaN} without a ranker or with one that predicts only ratings
 * @param predictedRating the ranker's predicted rating (1..5 scale), or {@link Float#NaN} without a
 *     ranker
 * @param combinedScore {@code 1/(60 + recall place) + W/(60 + watch place)} among the request's
 *     candidates, {@code W} the recommender's combination weight (what {@link Ordering#COMBINED}
 *     sorts by), or {@link Float#NaN} without watch scores
 * @param channels the names of the channels that found the movie, in the recommender's channel
 *     order (see {@link RecallChannel})
 */
public record Recommendation(
    Movie movie,
    float recallScore,
    float watchScore,
    float predictedRating,
    float combinedScore,
    List<String> channels) {

  /** Copies the channel list (an immutable one is kept as is). */
  public Recommendation {
    channels = List.copyOf(channels);
  }

  /** A recommendation without a combined score (the constructor before orderings combined). */
  public Recommendation(
      Movie movie,
      float recallScore,
      float watchScore,
      float predictedRating,
      List<String> channels) {
    this(movie, recallScore, watchScore, predictedRating, Float.NaN, channels);
  }

  /** The predicted rating: the same as {@link #predictedRating()} (the name before 0.2). */
  public float rankScore() {
    return predictedRating;
  }
}
