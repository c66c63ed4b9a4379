package io.movierec.recommend;

/**
 * The outputs of a ranker for a list of candidates, in list order.
 *
 * @param watch the probability that the user watches each movie next, in 0..1, or all {@link
 *     Float#NaN} when the ranker only predicts ratings
 * @param rating the predicted rating of each movie (1..5 scale)
 */
public record RankScores(float[] watch, float[] rating) {

  /** Checks that both arrays have one score per movie. */
  public RankScores {
    if (watch.length != rating.length) {
      throw new IllegalArgumentException(
          "watch has " + watch.length + " scores, rating has " + rating.length);
    }
  }

  /** Scores of a ranker that predicts only ratings: every watch score is NaN. */
  public static RankScores ratingsOnly(float[] rating) {
    float[] watch = new float[rating.length];
    java.util.Arrays.fill(watch, Float.NaN);
    return new RankScores(watch, rating);
  }
}
