package io.movierec.index.knn;

import static com.google.common.base.Preconditions.checkArgument;

import io.movierec.index.Neighbor;
import io.movierec.index.VectorIndex;
import java.util.List;
import java.util.Random;

/**
 * Measures how close an index comes to exact search: recall@k, the share of the true k nearest
 * vectors that the index returns, averaged over queries.
 */
public final class IndexQuality {

  private IndexQuality() {}

  /**
   * The mean recall@k of {@code index} against exact search over the same vectors, for {@code
   * queries} queries made from stored vectors (see {@link #recallAt(VectorIndex, ExactVectorIndex,
   * int, int, long)}). An {@link ExactVectorIndex} scores 1.
   *
   * @throws IllegalArgumentException if the index is not one of this package's, or is empty
   */
  public static double recallAt(VectorIndex index, int k, int queries, long seed) {
    ExactVectorIndex truth;
    if (index instanceof ExactVectorIndex exact) {
      truth = exact.copy();
    } else if (index instanceof HnswVectorIndex hnsw) {
      truth = hnsw.toExact();
    } else {
      throw new IllegalArgumentException(
          "cannot read the vectors of a " + index.getClass().getName() + "; pass the truth");
    }
    return recallAt(index, truth, k, queries, seed);
  }

  /**
   * The mean recall@k of {@code index} against {@code truth}, which must hold the same vectors.
   * Each query is a randomly drawn stored vector plus gaussian noise as large as the vector itself
   * (standard deviation 1/√d per coordinate), so queries land near the data but not on it, as user
   * vectors do.
   */
  public static double recallAt(
      VectorIndex index, ExactVectorIndex truth, int k, int queries, long seed) {
    checkArgument(queries >= 1, "queries must be at least 1, got %s", queries);
    int[] ids = truth.ids();
    checkArgument(ids.length > 0, "the index is empty");
    Random random = new Random(seed);
    int d = truth.dimension();
    float[][] queryVectors = new float[queries][];
    for (int q = 0; q < queries; q++) {
      float[] v = truth.vector(ids[random.nextInt(ids.length)]).orElseThrow();
      for (int i = 0; i < d; i++) {
        v[i] += (float) (random.nextGaussian() / Math.sqrt(d));
      }
      queryVectors[q] = v;
    }
    return recallAt(index, truth, queryVectors, k);
  }

  /** The mean recall@k of {@code index} against {@code truth} over the given query vectors. */
  public static double recallAt(
      VectorIndex index, VectorIndex truth, float[][] queryVectors, int k) {
    Vectors.checkK(k);
    checkArgument(queryVectors.length > 0, "no query vectors");
    double sum = 0;
    for (float[] query : queryVectors) {
      sum += recall(index.search(query, k), truth.search(query, k));
    }
    return sum / queryVectors.length;
  }

  /** The share of {@code expected}'s ids found in {@code actual}; 1 if none are expected. */
  static double recall(List<Neighbor> actual, List<Neighbor> expected) {
    if (expected.isEmpty()) {
      return 1;
    }
    IntIntMap found = new IntIntMap(actual.size());
    for (Neighbor n : actual) {
      found.put(n.id(), 0);
    }
    int hits = 0;
    for (Neighbor n : expected) {
      if (found.get(n.id()) != IntIntMap.ABSENT) {
        hits++;
      }
    }
    return (double) hits / expected.size();
  }
}
