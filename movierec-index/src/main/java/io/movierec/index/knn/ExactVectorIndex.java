package io.movierec.index.knn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.movierec.index.Neighbor;
import io.movierec.index.VectorIndex;
import io.movierec.io.CorruptFileException;
import io.movierec.io.VersionedFile;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.IntPredicate;

/**
 * Exact top-K search by brute force: every query is scored against every stored vector. At a few
 * thousand movies this beats any graph index.
 *
 * <p>Layout: the unit vectors are stored by dimension, one {@code float[]} column per dimension
 * with a slot per row, their ids in an {@code int[]} of the same row order, and a primitive hash
 * map finds the row of an id. Removing swaps the last row into the hole, so the rows stay dense.
 * Scoring a query then runs {@code scores[row] += q[j] * column[j][row]} over each column, a loop
 * the JIT compiles to SIMD instructions: about 8 µs for 3,883 × 32, where the row-by-row dot
 * products of a row-major layout cannot be vectorised and take about 40 µs. {@link TopKSelection}
 * then picks the best k.
 *
 * <p>Thread safety: a read-write lock lets any number of searches run together; an add or remove
 * waits for them and runs alone.
 */
public final class ExactVectorIndex implements VectorIndex {

  /** The kind this index writes into its {@link VersionedFile} header. */
  public static final String FILE_KIND = "exact-index";

  /** The format version of saved files that this build writes and reads. */
  public static final int FILE_VERSION = 1;

  /** The oldest format version {@link #load} reads. */
  public static final int OLDEST_FILE_VERSION = 1;

  /** The number of vectors room is made for when none is given. */
  public static final int DEFAULT_INITIAL_CAPACITY = 1_024;

  private final int dimension;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final IntIntMap rowOfId;
  private final float[][] columns; // columns[j][row] is coordinate j of the vector in that row
  private int[] ids; // ids[r] is the id of row r
  private int size;

  /** An empty index of {@code dimension}-d vectors. */
  public ExactVectorIndex(int dimension) {
    this(dimension, DEFAULT_INITIAL_CAPACITY);
  }

  /**
   * An empty index of {@code dimension}-d vectors with room for {@code initialCapacity} of them; it
   * grows as needed.
   */
  public ExactVectorIndex(int dimension, int initialCapacity) {
    checkArgument(dimension >= 1, "dimension must be at least 1, got %s", dimension);
    checkArgument(
        initialCapacity >= 0, "initial capacity must not be negative, got %s", initialCapacity);
    this.dimension = dimension;
    int capacity = Math.max(1, initialCapacity);
    this.columns = new float[dimension][capacity];
    this.ids = new int[capacity];
    this.rowOfId = new IntIntMap(capacity);
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public int size() {
    lock.readLock().lock();
    try {
      return size;
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void add(int id, float[] vector) {
    addNormalised(id, Vectors.normalised(vector, dimension, "vector for id " + id));
  }

  /** Stores a vector already of unit length (the caller has validated and normalised it). */
  void addNormalised(int id, float[] unit) {
    lock.writeLock().lock();
    try {
      int row = rowOfId.get(id);
      if (row == IntIntMap.ABSENT) {
        if (size == ids.length) {
          grow();
        }
        row = size++;
        ids[row] = id;
        rowOfId.put(id, row);
      }
      for (int j = 0; j < dimension; j++) {
        columns[j][row] = unit[j];
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public boolean remove(int id) {
    lock.writeLock().lock();
    try {
      int row = rowOfId.remove(id);
      if (row == IntIntMap.ABSENT) {
        return false;
      }
      int last = --size;
      if (row != last) {
        for (float[] column : columns) {
          column[row] = column[last];
        }
        ids[row] = ids[last];
        rowOfId.put(ids[row], row);
      }
      return true;
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public boolean contains(int id) {
    lock.readLock().lock();
    try {
      return rowOfId.get(id) != IntIntMap.ABSENT;
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public List<Neighbor> search(float[] query, int k, IntPredicate exclude) {
    Vectors.checkK(k);
    checkNotNull(exclude, "exclude");
    float[] q = Vectors.normalised(query, dimension, "query");
    lock.readLock().lock();
    try {
      return List.of(TopKSelection.select(scoreAll(q), ids, k, exclude));
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The unit vector stored under {@code id}, as a copy, or empty if there is none. */
  public Optional<float[]> vector(int id) {
    lock.readLock().lock();
    try {
      int row = rowOfId.get(id);
      return row == IntIntMap.ABSENT ? Optional.empty() : Optional.of(rowVector(row));
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The ids stored, in storage order (which changes as vectors are removed). */
  public int[] ids() {
    lock.readLock().lock();
    try {
      return Arrays.copyOf(ids, size);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public long memoryBytes() {
    lock.readLock().lock();
    try {
      long columnBytes = dimension * (16 + 4L * ids.length) + 16 + 4L * dimension;
      return 64 + columnBytes + (16 + 4L * ids.length) + rowOfId.memoryBytes();
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public String kind() {
    return "exact";
  }

  /** Does nothing: the index lives on the heap, and the garbage collector reclaims it. */
  @Override
  public void close() {}

  /**
   * Writes the index to {@code file} atomically: the dimension, the number of vectors, then each id
   * followed by its unit vector.
   */
  @Override
  public void save(Path file) throws IOException {
    lock.readLock().lock();
    try {
      VersionedFile.write(
          file,
          FILE_KIND,
          FILE_VERSION,
          out -> {
            out.writeInt(dimension);
            out.writeInt(size);
            for (int row = 0; row < size; row++) {
              out.writeInt(ids[row]);
              for (float[] column : columns) {
                out.writeFloat(column[row]);
              }
            }
          });
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Reads an index written by {@link #save}.
   *
   * @throws CorruptFileException if the file is truncated, fails its checksum, is of another kind
   *     or format version, or holds impossible values
   */
  public static ExactVectorIndex load(Path file) throws IOException {
    return VersionedFile.read(
        file,
        FILE_KIND,
        OLDEST_FILE_VERSION,
        FILE_VERSION,
        (in, version) -> read(file, in, IndexFiles.payloadBytes(file, FILE_KIND)));
  }

  private static ExactVectorIndex read(Path file, DataInputStream in, long payloadBytes)
      throws IOException {
    int dimension = in.readInt();
    int size = in.readInt();
    if (dimension < 1 || size < 0) {
      throw new CorruptFileException(
          file, "impossible header: dimension " + dimension + ", size " + size);
    }
    long rowBytes = 4 + 4L * dimension;
    long rows = payloadBytes - 8;
    if (rows % rowBytes != 0 || size != rows / rowBytes) {
      throw new CorruptFileException(
          file,
          "declares "
              + size
              + " vectors of "
              + dimension
              + " dimensions ("
              + (size * (double) rowBytes)
              + " bytes), the file holds "
              + rows
              + " bytes of vectors");
    }
    ExactVectorIndex index = new ExactVectorIndex(dimension, size);
    for (int n = 0; n < size; n++) {
      int id = in.readInt();
      float[] unit = new float[dimension];
      for (int i = 0; i < dimension; i++) {
        unit[i] = in.readFloat();
      }
      if (index.rowOfId.get(id) != IntIntMap.ABSENT) {
        throw new CorruptFileException(file, "id " + id + " is stored twice");
      }
      index.addNormalised(id, unit);
    }
    return index;
  }

  /** A copy of this index. */
  ExactVectorIndex copy() {
    lock.readLock().lock();
    try {
      ExactVectorIndex copy = new ExactVectorIndex(dimension, size);
      for (int row = 0; row < size; row++) {
        copy.addNormalised(ids[row], rowVector(row));
      }
      return copy;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The inner product of {@code q} with every stored vector, by row. */
  private float[] scoreAll(float[] q) {
    float[] scores = new float[size];
    for (int j = 0; j < dimension; j++) {
      float qj = q[j];
      float[] column = columns[j];
      for (int row = 0; row < scores.length; row++) {
        scores[row] += qj * column[row];
      }
    }
    return scores;
  }

  private float[] rowVector(int row) {
    float[] v = new float[dimension];
    for (int j = 0; j < dimension; j++) {
      v[j] = columns[j][row];
    }
    return v;
  }

  private void grow() {
    int capacity = Math.max(16, ids.length * 2);
    ids = Arrays.copyOf(ids, capacity);
    for (int j = 0; j < dimension; j++) {
      columns[j] = Arrays.copyOf(columns[j], capacity);
    }
  }
}
