package io.movierec.bench.jmh;

import io.movierec.index.VectorIndex;
import io.movierec.index.knn.ExactVectorIndex;
import io.movierec.index.knn.HnswVectorIndex;
import io.movierec.index.knn.SyntheticVectors;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Top-100 cosine queries, one thread, on clustered synthetic 32-d vectors shaped like movie
 * embeddings: the exact index and HNSW ({@code M=16}, {@code efConstruction=200}, {@code ef=100})
 * over {@code size} vectors. Microseconds per query. The ml-1m catalogue has 3,883 movies; {@code
 * bench index} measures HNSW recall and build time at a million vectors.
 *
 * <p>Run: {@code bin/movierec bench jmh IndexSearchBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class IndexSearchBenchmark {
  private static final int DIMENSION = 32;
  private static final int K = 100;
  private static final int QUERIES = 1_000;

  /** Vectors in the index. */
  @Param({"3883", "100000"})
  public int size;

  /** {@code exact} or {@code hnsw}. */
  @Param({"exact", "hnsw"})
  public String kind;

  private VectorIndex index;
  private float[][] queries;
  private int next;

  /** Builds the index and the queries (vectors from the same clusters, not in the index). */
  @Setup
  public void build() throws InterruptedException {
    float[][] points =
        SyntheticVectors.clustered(size + QUERIES, DIMENSION, Math.max(50, size / 100), 0.5, 42);
    queries = Arrays.copyOfRange(points, size, points.length);
    int[] ids = new int[size];
    Arrays.setAll(ids, i -> i);
    float[][] data = Arrays.copyOf(points, size);
    if (kind.equals("exact")) {
      ExactVectorIndex exact = new ExactVectorIndex(DIMENSION, size);
      for (int i = 0; i < size; i++) {
        exact.add(ids[i], data[i]);
      }
      index = exact;
    } else {
      HnswVectorIndex hnsw =
          HnswVectorIndex.newBuilder(DIMENSION).withMaxItems(size).withEf(100).build();
      hnsw.addAll(ids, data, Runtime.getRuntime().availableProcessors());
      index = hnsw;
    }
  }

  /** Releases the index. */
  @TearDown
  public void close() {
    index = null;
  }

  /** One top-100 query, the next of the query set each call. */
  @Benchmark
  public int search() {
    float[] q = queries[next];
    next = next + 1 == QUERIES ? 0 : next + 1;
    return index.search(q, K).get(0).id();
  }
}
