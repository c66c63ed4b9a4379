package io.movierec.domain;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * One rating: a user scored a movie at a time.
 *
 * @param userId the user's MovieLens id
 * @param movieId the movie's MovieLens id
 * @param score the score, between {@link #MIN_SCORE} and {@link #MAX_SCORE} (whole stars in ml-100k
 *     and ml-1m, half stars in ml-latest)
 * @param timestamp seconds since the Unix epoch
 */
public record Rating(int userId, int movieId, float score, long timestamp) {

  /** The lowest score any MovieLens set uses (ml-latest's half star). */
  public static final float MIN_SCORE = 0.5f;

  /** The highest score. */
  public static final float MAX_SCORE = 5f;

  public Rating {
    checkArgument(userId >= 1, "user id must be at least 1, got %s", userId);
    checkArgument(movieId >= 1, "movie id must be at least 1, got %s", movieId);
    checkArgument(
        score >= MIN_SCORE && score <= MAX_SCORE, "score must be in 0.5..5, got %s", score);
    checkArgument(timestamp >= 0, "timestamp must not be negative, got %s", timestamp);
  }
}
