package io.movierec.bench;

import io.movierec.index.knn.ExactVectorIndex;
import io.movierec.index.knn.HnswVectorIndex;
import io.movierec.index.knn.IndexQuality;
import io.movierec.index.knn.SyntheticVectors;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Prints the speed and recall of the two indexes on synthetic clustered 32-d vectors (exposed as
 * {@code bin/movierec bench index}):
 *
 * <ol>
 *   <li>exact top-100 over 3,883 vectors (the MovieLens 1M catalogue): mean, p50 and p99
 *       microseconds per query, single thread;
 *   <li>HNSW over N vectors: build time, memory, and recall@100 against exact search and single
 *       thread queries per second at each ef.
 * </ol>
 *
 * <p>Options ({@link Options}; on the command line {@code --n} (default 1,000,000), {@code
 * --clusters} (1,000), {@code --threads} for the build (2), {@code --queries} for recall (200),
 * {@code --m} (16), {@code --ef-construction} (200), {@code --efs} (100,200), {@code --seed} (42);
 * {@code --exact-only} skips HNSW). A million vectors peak at about 1.4 GB resident ({@code -Xmx3g}
 * is ample); building them took 18 minutes on two shared cores.
 */
public final class IndexBenchmark {

  private static final int DIMENSION = 32;
  private static final int K = 100;
  private static final int CATALOGUE = 3_883;
  private static final double SPREAD = 0.5;

  private IndexBenchmark() {}

  /**
   * What to measure (the defaults are those of {@code bin/movierec bench index}).
   *
   * @param n HNSW vectors
   * @param clusters clusters the vectors gather around
   * @param threads build threads
   * @param queries queries for recall
   * @param m HNSW links per node
   * @param efConstruction HNSW build-time beam width
   * @param efs query-time beam widths to measure
   * @param seed random seed of the vectors
   * @param exactOnly measure the exact index only
   */
  public record Options(
      int n,
      int clusters,
      int threads,
      int queries,
      int m,
      int efConstruction,
      List<Integer> efs,
      long seed,
      boolean exactOnly) {}

  /** Runs the benchmark and prints its figures. */
  public static void run(Options o) throws InterruptedException {
    exact(o.seed());
    if (!o.exactOnly()) {
      hnsw(
          o.n(),
          o.clusters(),
          o.threads(),
          o.queries(),
          o.m(),
          o.efConstruction(),
          o.efs().stream().mapToInt(Integer::intValue).toArray(),
          o.seed());
    }
  }

  private static void exact(long seed) {
    int queries = 2_000;
    float[][] points = SyntheticVectors.clustered(CATALOGUE + queries, DIMENSION, 50, SPREAD, seed);
    ExactVectorIndex index = new ExactVectorIndex(DIMENSION, CATALOGUE);
    for (int i = 0; i < CATALOGUE; i++) {
      index.add(i, points[i]);
    }
    float[][] q = Arrays.copyOfRange(points, CATALOGUE, points.length);
    long sink = 0;
    long warmUpEnd = System.nanoTime() + 5_000_000_000L; // let the JIT compile the hot loops
    while (System.nanoTime() < warmUpEnd) {
      for (float[] query : q) {
        sink += index.search(query, K).get(0).id();
      }
    }
    int rounds = 10;
    long[] nanos = new long[rounds * queries];
    for (int round = 0, n = 0; round < rounds; round++) {
      for (float[] query : q) {
        long start = System.nanoTime();
        sink += index.search(query, K).get(0).id();
        nanos[n++] = System.nanoTime() - start;
      }
    }
    Arrays.sort(nanos);
    double mean = Arrays.stream(nanos).average().orElseThrow() / 1e3;
    System.out.printf(
        Locale.ROOT,
        "Exact: top-%d over %,d x %d clustered vectors, single thread, %,d queries%n"
            + "  mean %.1f us, p50 %.1f us, p99 %.1f us   (checksum %d)%n",
        K,
        CATALOGUE,
        DIMENSION,
        nanos.length,
        mean,
        nanos[nanos.length / 2] / 1e3,
        nanos[(int) (nanos.length * 0.99)] / 1e3,
        sink % 10);
  }

  private static void hnsw(
      int n,
      int clusters,
      int threads,
      int queries,
      int m,
      int efConstruction,
      int[] efs,
      long seed)
      throws InterruptedException {
    System.out.printf(
        Locale.ROOT,
        "HNSW: %,d x %d vectors around %,d clusters, M=%d, efConstruction=%d, %d build threads%n",
        n,
        DIMENSION,
        clusters,
        m,
        efConstruction,
        threads);
    float[][] points = SyntheticVectors.clustered(n + queries, DIMENSION, clusters, SPREAD, seed);
    float[][] data = Arrays.copyOf(points, n);
    float[][] q = Arrays.copyOfRange(points, n, n + queries);
    points = null;
    int[] ids = new int[n];
    Arrays.setAll(ids, i -> i);

    long heapBefore = usedHeap();
    HnswVectorIndex index =
        HnswVectorIndex.newBuilder(DIMENSION)
            .withM(m)
            .withEfConstruction(efConstruction)
            .withMaxItems(n)
            .build();
    long start = System.nanoTime();
    index.addAll(ids, data, threads);
    double buildSeconds = (System.nanoTime() - start) / 1e9;
    long heapAfter = usedHeap();
    System.out.printf(
        Locale.ROOT,
        "  build %.1f s (%,.0f vectors/s); memory estimate %,d MB, measured heap growth %,d MB%n",
        buildSeconds,
        n / buildSeconds,
        index.memoryBytes() >> 20,
        (heapAfter - heapBefore) >> 20);

    ExactVectorIndex truth = new ExactVectorIndex(DIMENSION, n);
    for (int i = 0; i < n; i++) {
      truth.add(i, data[i]);
    }
    data = null;
    for (int ef : efs) {
      index.setEf(ef);
      double recall = IndexQuality.recallAt(index, truth, q, K);
      double qps = queriesPerSecond(index, q);
      System.out.printf(
          Locale.ROOT,
          "  ef=%d: recall@%d %.4f over %d queries, %,.0f queries/s single thread%n",
          ef,
          K,
          recall,
          q.length,
          qps);
    }
  }

  /** Runs the queries over and over for about three seconds, after a warm-up. */
  private static double queriesPerSecond(HnswVectorIndex index, float[][] queries) {
    long sink = 0;
    for (float[] query : queries) {
      sink += index.search(query, K).size();
    }
    long count = 0;
    long start = System.nanoTime();
    long elapsed;
    do {
      for (float[] query : queries) {
        sink += index.search(query, K).size();
      }
      count += queries.length;
      elapsed = System.nanoTime() - start;
    } while (elapsed < 3_000_000_000L);
    if (sink == 42) {
      System.out.print("");
    }
    return count / (elapsed / 1e9);
  }

  private static long usedHeap() throws InterruptedException {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
