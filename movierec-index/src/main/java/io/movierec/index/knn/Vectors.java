package io.movierec.index.knn;

import static com.google.common.base.Preconditions.checkArgument;

/** Validation, normalisation and the inner product shared by the indexes of this package. */
final class Vectors {

  private Vectors() {}

  /**
   * A unit-length copy of {@code vector}.
   *
   * @param what names the vector in error messages, e.g. {@code "vector for id 42"} or {@code
   *     "query"}
   * @throws IllegalArgumentException if the vector is null, has another length than {@code
   *     dimension}, holds a NaN or an infinity, or is all zeros (its cosine is undefined)
   */
  static float[] normalised(float[] vector, int dimension, String what) {
    checkArgument(vector != null, "%s is null", what);
    checkArgument(
        vector.length == dimension,
        "%s has %s dimensions, expected %s",
        what,
        vector.length,
        dimension);
    double sumOfSquares = 0;
    for (int i = 0; i < vector.length; i++) {
      float x = vector[i];
      checkArgument(Float.isFinite(x), "%s holds %s at index %s", what, x, i);
      sumOfSquares += (double) x * x;
    }
    checkArgument(sumOfSquares > 0, "%s is all zeros: its cosine similarity is undefined", what);
    double norm = Math.sqrt(sumOfSquares);
    float[] unit = new float[vector.length];
    for (int i = 0; i < vector.length; i++) {
      unit[i] = (float) (vector[i] / norm);
    }
    return unit;
  }

  /** Throws if {@code k < 1}. */
  static void checkK(int k) {
    checkArgument(k >= 1, "k must be at least 1, got %s", k);
  }

  /**
   * The inner product of {@code a[offset, offset + b.length)} and {@code b}. Four independent sums
   * let the CPU overlap the additions instead of waiting on one long chain of them.
   */
  static float dot(float[] a, int offset, float[] b) {
    int n = b.length;
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    int i = 0;
    for (; i + 3 < n; i += 4) {
      s0 += a[offset + i] * b[i];
      s1 += a[offset + i + 1] * b[i + 1];
      s2 += a[offset + i + 2] * b[i + 2];
      s3 += a[offset + i + 3] * b[i + 3];
    }
    for (; i < n; i++) {
      s0 += a[offset + i] * b[i];
    }
    return (s0 + s1) + (s2 + s3);
  }
}
