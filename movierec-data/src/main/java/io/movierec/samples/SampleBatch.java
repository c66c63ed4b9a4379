package io.movierec.samples;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkElementIndex;

import io.movierec.features.SlotSchema;

/**
 * A batch of samples as flat primitive arrays, ready to copy into tensors: row {@code i}'s user ids
 * are {@code userIds[i * userWidth .. (i + 1) * userWidth)}. A batch is reused from one read to the
 * next; {@link #size()} says how many rows the last read filled. Not thread-safe.
 */
public final class SampleBatch {

  private final int capacity;
  private final int userWidth;
  private final int movieWidth;
  private final long[] logIds;
  private final long[] times;
  private final int[] userIds;
  private final int[] movieIds;
  private final float[] labels;
  private int size;

  /** An empty batch of up to {@code capacity} rows laid out for {@code schema}. */
  public SampleBatch(int capacity, SlotSchema schema) {
    this(capacity, schema.userWidth(), schema.movieWidth());
  }

  /** An empty batch of up to {@code capacity} rows of the given widths. */
  public SampleBatch(int capacity, int userWidth, int movieWidth) {
    checkArgument(capacity >= 1, "capacity must be at least 1, got %s", capacity);
    this.capacity = capacity;
    this.userWidth = userWidth;
    this.movieWidth = movieWidth;
    this.logIds = new long[capacity];
    this.times = new long[capacity];
    this.userIds = new int[capacity * userWidth];
    this.movieIds = new int[capacity * movieWidth];
    this.labels = new float[capacity];
  }

  /** The most rows the batch holds. */
  public int capacity() {
    return capacity;
  }

  /** The rows filled. */
  public int size() {
    return size;
  }

  /** True when no row is filled. */
  public boolean isEmpty() {
    return size == 0;
  }

  /** True when every row is filled. */
  public boolean isFull() {
    return size == capacity;
  }

  /** Empties the batch (the arrays keep their old content). */
  public void clear() {
    size = 0;
  }

  /** Ids per user row. */
  public int userWidth() {
    return userWidth;
  }

  /** Ids per movie row. */
  public int movieWidth() {
    return movieWidth;
  }

  /** Appends a row; the batch must not be full. */
  public void add(
      long logId,
      long time,
      int[] user,
      int userOffset,
      int[] movie,
      int movieOffset,
      float label) {
    checkArgument(size < capacity, "batch is full (%s rows)", capacity);
    logIds[size] = logId;
    times[size] = time;
    System.arraycopy(user, userOffset, userIds, size * userWidth, userWidth);
    System.arraycopy(movie, movieOffset, movieIds, size * movieWidth, movieWidth);
    labels[size] = label;
    size++;
  }

  /** Appends a sample; the batch must not be full. */
  public void add(Sample s) {
    add(s.logId(), s.time(), s.userIds(), 0, s.movieIds(), 0, s.label());
  }

  /** The sample in row {@code i}. */
  public Sample get(int i) {
    checkElementIndex(i, size);
    int[] u = new int[userWidth];
    int[] m = new int[movieWidth];
    System.arraycopy(userIds, i * userWidth, u, 0, userWidth);
    System.arraycopy(movieIds, i * movieWidth, m, 0, movieWidth);
    return new Sample(logIds[i], times[i], u, m, labels[i]);
  }

  /** Row ids; entries past {@link #size()} are stale. */
  public long[] logIds() {
    return logIds;
  }

  /** Rating times. */
  public long[] times() {
    return times;
  }

  /** User feasigns, {@code capacity × userWidth}, row-major. */
  public int[] userIds() {
    return userIds;
  }

  /** Movie feasigns, {@code capacity × movieWidth}, row-major. */
  public int[] movieIds() {
    return movieIds;
  }

  /** Ratings. */
  public float[] labels() {
    return labels;
  }

  /** Used by readers: sets the number of filled rows. */
  void setSize(int size) {
    this.size = size;
  }
}
