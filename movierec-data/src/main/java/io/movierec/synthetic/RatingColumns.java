package io.movierec.synthetic;

import static com.google.common.base.Preconditions.checkArgument;

import io.movierec.domain.Rating;

/**
 * Generated ratings as primitive columns, in the order {@code ratings.dat} lists them: grouped by
 * user id ascending, each user's rows in no particular order (as in the real file). Row {@code i}
 * is the rating {@link #userId(int) userId(i)} gave {@link #movieId(int) movieId(i)}. Immutable, so
 * safe to share between threads.
 */
public final class RatingColumns {

  private final int[] userIds;
  private final int[] movieIds;
  private final byte[] scores;
  private final int[] timestamps;

  /** Takes ownership of the arrays, which must all have the same length. */
  RatingColumns(int[] userIds, int[] movieIds, byte[] scores, int[] timestamps) {
    checkArgument(
        userIds.length == movieIds.length
            && userIds.length == scores.length
            && userIds.length == timestamps.length,
        "columns differ in length");
    this.userIds = userIds;
    this.movieIds = movieIds;
    this.scores = scores;
    this.timestamps = timestamps;
  }

  /** The number of ratings. */
  public int size() {
    return userIds.length;
  }

  /** The id of the user who gave rating {@code i}. */
  public int userId(int i) {
    return userIds[i];
  }

  /** The id of the movie rating {@code i} is about. */
  public int movieId(int i) {
    return movieIds[i];
  }

  /** The score of rating {@code i}, a whole number of stars from 1 to 5. */
  public int score(int i) {
    return scores[i];
  }

  /** When rating {@code i} was given, in seconds since the Unix epoch. */
  public long timestamp(int i) {
    return timestamps[i];
  }

  /** Rating {@code i} as a domain object. */
  public Rating rating(int i) {
    return new Rating(userIds[i], movieIds[i], scores[i], timestamps[i]);
  }
}
