package io.movierec.index;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Top-K search over vectors keyed by an int id (a movie id), with the metric the recall model was
 * trained with: cosine similarity. Vectors are normalised once when added, and a query is scored by
 * inner product with its normalised self, so {@link Neighbor#score()} is the cosine.
 *
 * <p>Implementations are safe for any number of concurrent {@link #search} calls while one thread
 * adds, updates or removes vectors.
 */
public interface VectorIndex extends AutoCloseable {

  /** The number of dimensions every vector has. */
  int dimension();

  /** The number of vectors stored. */
  int size();

  /**
   * Adds a vector, or replaces the vector stored under {@code id} (re-embedding a movie).
   *
   * @throws IllegalArgumentException if the vector has the wrong length, is all zeros or holds a
   *     NaN or infinity
   */
  void add(int id, float[] vector);

  /** Removes the vector stored under {@code id}; returns false if there was none. */
  boolean remove(int id);

  /** True if a vector is stored under {@code id}. */
  boolean contains(int id);

  /**
   * The {@code k} stored vectors most similar to {@code query}, best first, skipping every id for
   * which {@code exclude} is true (movies the user has seen).
   *
   * @throws IllegalArgumentException if the query has the wrong length or {@code k < 1}
   */
  List<Neighbor> search(float[] query, int k, IntPredicate exclude);

  /** {@link #search(float[], int, IntPredicate)} without exclusions. */
  default List<Neighbor> search(float[] query, int k) {
    return search(query, k, id -> false);
  }

  /** Writes the index to {@code file} atomically, with a format version and a checksum. */
  void save(Path file) throws IOException;

  /** An estimate of the heap this index holds, in bytes. */
  long memoryBytes();

  /** A short name of the implementation, such as {@code "exact"} or {@code "hnsw"}. */
  String kind();

  /**
   * Releases what the index holds (an index on the heap holds nothing that the garbage collector
   * does not reclaim, and may do nothing); the index must not be used afterwards. Idempotent: a
   * second call does nothing.
   */
  @Override
  void close();
}
