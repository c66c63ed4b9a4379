package io.movierec.data;

/**
 * Receives ratings one at a time as primitives, so that streaming a large ratings file creates no
 * object per rating. See {@link MovieLensDataset#forEachRating(RatingVisitor)}.
 */
@FunctionalInterface
public interface RatingVisitor {

  /**
   * One rating.
   *
   * @param userId the user's id
   * @param movieId the movie's id
   * @param score the score in stars: 1 to 5, or 0.5 to 5 in half stars for the CSV sets
   * @param timestamp seconds since the Unix epoch
   * @param lineNumber the 1-based line of the ratings file it was read from
   */
  void visit(int userId, int movieId, float score, long timestamp, long lineNumber);
}
