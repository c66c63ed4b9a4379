package io.movierec.index.knn;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Random;

/**
 * Made-up embeddings shaped like real ones: points scattered around random cluster centres (genres
 * and tastes group movies), for tests and benchmarks.
 */
public final class SyntheticVectors {

  private SyntheticVectors() {}

  /**
   * {@code n} vectors of {@code dimension} coordinates around {@code clusters} centres. Centres
   * have standard normal coordinates; each point adds normal noise of standard deviation {@code
   * spread} to a randomly chosen centre (0.5 gives a mean cosine to the centre of about 0.9).
   */
  public static float[][] clustered(int n, int dimension, int clusters, double spread, long seed) {
    checkArgument(clusters >= 1, "clusters must be at least 1, got %s", clusters);
    Random random = new Random(seed);
    float[][] centres = gaussian(clusters, dimension, random);
    float[][] points = new float[n][dimension];
    for (int p = 0; p < n; p++) {
      float[] centre = centres[random.nextInt(clusters)];
      for (int i = 0; i < dimension; i++) {
        points[p][i] = (float) (centre[i] + spread * random.nextGaussian());
      }
    }
    return points;
  }

  /** {@code n} vectors of standard normal coordinates: random directions. */
  static float[][] gaussian(int n, int dimension, Random random) {
    float[][] v = new float[n][dimension];
    for (int p = 0; p < n; p++) {
      for (int i = 0; i < dimension; i++) {
        v[p][i] = (float) random.nextGaussian();
      }
    }
    return v;
  }
}
