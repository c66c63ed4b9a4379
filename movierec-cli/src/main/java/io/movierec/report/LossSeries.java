package io.movierec.report;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * The batch losses of a run reduced to at most {@code maxPoints} points: consecutive batches are
 * averaged in buckets of {@link #bucketSize()} (the last bucket may be smaller), so the mean of the
 * points, weighted by {@link #counts()}, is the mean of all batches. Holds its arrays without
 * copying; treat them as read-only.
 */
final class LossSeries {

  private final int batches;
  private final int bucketSize;
  private final double[] batch;
  private final double[] loss;
  private final int[] counts;

  private LossSeries(int batches, int bucketSize, double[] batch, double[] loss, int[] counts) {
    this.batches = batches;
    this.bucketSize = bucketSize;
    this.batch = batch;
    this.loss = loss;
    this.counts = counts;
  }

  /** Averages {@code losses} in equal buckets, as few as make at most {@code maxPoints} points. */
  static LossSeries of(float[] losses, int maxPoints) {
    checkArgument(maxPoints >= 1, "maxPoints must be at least 1, got %s", maxPoints);
    int n = losses.length;
    int size = Math.max(1, (int) ((n + (long) maxPoints - 1) / maxPoints));
    int points = (n + size - 1) / size;
    double[] batch = new double[points];
    double[] loss = new double[points];
    int[] counts = new int[points];
    for (int p = 0; p < points; p++) {
      int start = p * size;
      int end = Math.min(n, start + size);
      double sum = 0;
      for (int i = start; i < end; i++) {
        sum += losses[i];
      }
      counts[p] = end - start;
      loss[p] = sum / counts[p];
      batch[p] = (start + 1 + end) / 2.0;
    }
    return new LossSeries(n, size, batch, loss, counts);
  }

  /** The number of batches the series stands for. */
  int batches() {
    return batches;
  }

  /** Batches averaged into one point (1 when nothing was reduced). */
  int bucketSize() {
    return bucketSize;
  }

  /** The number of points. */
  int size() {
    return loss.length;
  }

  /** The middle of each point's bucket, as a 1-based batch number of the run. */
  double[] batch() {
    return batch;
  }

  /** The mean loss of each point's bucket. */
  double[] loss() {
    return loss;
  }

  /** The batches in each point's bucket. */
  int[] counts() {
    return counts;
  }

  /**
   * The centred moving average: point {@code i} is the mean of the batches in points {@code i - r
   * .. i + r}, where {@code r} is {@code radius} narrowed near either end so the window stays
   * centred (the first and last points are their own average). It does not lag behind the losses.
   */
  double[] movingAverage(int radius) {
    checkArgument(radius >= 0, "radius must not be negative, got %s", radius);
    int n = loss.length;
    double[] sums = new double[n + 1];
    long[] batchCounts = new long[n + 1];
    for (int i = 0; i < n; i++) {
      sums[i + 1] = sums[i] + loss[i] * counts[i];
      batchCounts[i + 1] = batchCounts[i] + counts[i];
    }
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      int r = Math.min(radius, Math.min(i, n - 1 - i));
      int from = i - r;
      int to = i + r + 1;
      out[i] = (sums[to] - sums[from]) / (batchCounts[to] - batchCounts[from]);
    }
    return out;
  }
}
