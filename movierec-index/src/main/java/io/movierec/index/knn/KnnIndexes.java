package io.movierec.index.knn;

import static com.google.common.base.Preconditions.checkArgument;

import io.movierec.index.VectorIndex;
import io.movierec.io.VersionedFile;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UTFDataFormatException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Creates and loads the indexes of this package, picking the implementation by size: {@link
 * ExactVectorIndex} up to {@link #DEFAULT_EXACT_THRESHOLD} vectors, {@link HnswVectorIndex} above.
 *
 * <pre>{@code
 * VectorIndex index = KnnIndexes.newBuilder(32).withExpectedSize(3_883).build(); // exact
 * VectorIndex big = KnnIndexes.newBuilder(32).withExpectedSize(1_000_000).withEf(200).build();
 * VectorIndex loaded = KnnIndexes.load(path); // either kind
 * }</pre>
 */
public final class KnnIndexes {

  /**
   * Up to this many vectors brute force is the better index: exact, and below about 1 ms per
   * top-100 query at 32 dimensions (a few microseconds at MovieLens' 3,883 movies), with no build
   * cost and no memory beyond the vectors.
   */
  public static final int DEFAULT_EXACT_THRESHOLD = 20_000;

  /** The expected number of vectors when none is given: about the MovieLens 1M catalogue. */
  public static final int DEFAULT_EXPECTED_SIZE = 4_096;

  private KnnIndexes() {}

  /** Starts building an empty index of {@code dimension}-d vectors. */
  public static Builder newBuilder(int dimension) {
    return new Builder(dimension);
  }

  /**
   * Reads an index saved by either {@link ExactVectorIndex#save} or {@link HnswVectorIndex#save},
   * telling them apart by the kind in the file's header.
   *
   * @throws io.movierec.io.CorruptFileException if the file is damaged or holds something else
   */
  public static VectorIndex load(Path file) throws IOException {
    String kind = peekKind(file);
    if (HnswVectorIndex.FILE_KIND.equals(kind)) {
      return HnswVectorIndex.load(file);
    }
    // An exact index, or a file that cannot be one: ExactVectorIndex.load reports what is wrong
    // with it.
    return ExactVectorIndex.load(file);
  }

  /** The kind named in a {@link VersionedFile} header, or null if the header cannot be read. */
  private static String peekKind(Path file) throws IOException {
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 256))) {
      in.readInt(); // magic number, checked by the loader
      return in.readUTF();
    } catch (EOFException | UTFDataFormatException e) {
      return null;
    }
  }

  /** Settings for a new index; every one has a documented default. */
  public static final class Builder {
    private final int dimension;
    private int expectedSize = DEFAULT_EXPECTED_SIZE;
    private int exactThreshold = DEFAULT_EXACT_THRESHOLD;
    private Boolean forceExact; // null: choose by size
    private final HnswVectorIndex.Builder hnsw; // holds and checks the HNSW settings

    private Builder(int dimension) {
      this.hnsw = HnswVectorIndex.newBuilder(dimension);
      this.dimension = dimension;
    }

    /** How many vectors the index will hold; default {@link #DEFAULT_EXPECTED_SIZE}. */
    public Builder withExpectedSize(int expectedSize) {
      checkArgument(expectedSize >= 0, "expected size must not be negative, got %s", expectedSize);
      this.expectedSize = expectedSize;
      return this;
    }

    /**
     * The largest expected size for which an exact index is built; default {@link
     * #DEFAULT_EXACT_THRESHOLD}.
     */
    public Builder withExactThreshold(int exactThreshold) {
      checkArgument(
          exactThreshold >= 0, "exact threshold must not be negative, got %s", exactThreshold);
      this.exactThreshold = exactThreshold;
      return this;
    }

    /** HNSW links per node; default {@link HnswVectorIndex#DEFAULT_M}. */
    public Builder withM(int m) {
      hnsw.withM(m);
      return this;
    }

    /**
     * HNSW candidate list size while building; default {@link
     * HnswVectorIndex#DEFAULT_EF_CONSTRUCTION}.
     */
    public Builder withEfConstruction(int efConstruction) {
      hnsw.withEfConstruction(efConstruction);
      return this;
    }

    /** HNSW candidate list size while searching; default {@link HnswVectorIndex#DEFAULT_EF}. */
    public Builder withEf(int ef) {
      hnsw.withEf(ef);
      return this;
    }

    /** Builds an {@link ExactVectorIndex} whatever the expected size. */
    public Builder exact() {
      this.forceExact = true;
      return this;
    }

    /** Builds an {@link HnswVectorIndex} whatever the expected size. */
    public Builder hnsw() {
      this.forceExact = false;
      return this;
    }

    /** The empty index. */
    public VectorIndex build() {
      boolean exact = forceExact != null ? forceExact : expectedSize <= exactThreshold;
      if (exact) {
        return new ExactVectorIndex(dimension, expectedSize);
      }
      return hnsw.withMaxItems(Math.max(1, expectedSize)).build();
    }
  }
}
