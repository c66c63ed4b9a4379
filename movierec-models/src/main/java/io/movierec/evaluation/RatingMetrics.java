package io.movierec.evaluation;

import java.util.Locale;

/**
 * How well predicted ratings match the true ones.
 *
 * @param count the number of predictions
 * @param accuracy the share where {@code (int) prediction == label}, truncating as the reference's
 *     {@code parse.py} does ({@code map(int, ratings)}); the reference prints this as "accuracy"
 * @param mse the mean squared error; the reference prints this as "mae"
 * @param mae the mean absolute error
 * @param rmse the root of {@link #mse()}
 */
public record RatingMetrics(long count, double accuracy, double mse, double mae, double rmse) {

  /** One line, e.g. {@code n=943 accuracy=0.3160 mse=1.0970 mae=0.8400 rmse=1.0474}. */
  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "n=%d accuracy=%.4f mse=%.4f mae=%.4f rmse=%.4f",
        count,
        accuracy,
        mse,
        mae,
        rmse);
  }

  /** Adds up predictions; not thread-safe. */
  public static final class Accumulator {
    private long count;
    private long correct;
    private double squared;
    private double absolute;

    /** Records one prediction of a rating. */
    public void add(float prediction, float label) {
      count++;
      if ((int) prediction == label) {
        correct++;
      }
      double d = (double) prediction - label;
      squared += d * d;
      absolute += Math.abs(d);
    }

    /** The metrics of everything added so far. */
    public RatingMetrics result() {
      if (count == 0) {
        return new RatingMetrics(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
      }
      double mse = squared / count;
      return new RatingMetrics(
          count, (double) correct / count, mse, absolute / count, Math.sqrt(mse));
    }
  }
}
