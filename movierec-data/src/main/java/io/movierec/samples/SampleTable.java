package io.movierec.samples;

import static com.google.common.base.Preconditions.checkArgument;

import io.movierec.features.SlotSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Samples held in memory as flat primitive columns, for data that fits: a trainer reads the files
 * once and then assembles every epoch's shuffled batches by copying rows, with no parsing. Row
 * {@code i}'s user ids are {@code userIds[i*userWidth ..]}. Immutable once read.
 */
public final class SampleTable {

  private final int size;
  private final int userWidth;
  private final int movieWidth;
  private final long[] logIds;
  private final long[] times;
  private final int[] userIds;
  private final int[] movieIds;
  private final float[] labels;

  private SampleTable(
      int size,
      int userWidth,
      int movieWidth,
      long[] logIds,
      long[] times,
      int[] userIds,
      int[] movieIds,
      float[] labels) {
    this.size = size;
    this.userWidth = userWidth;
    this.movieWidth = movieWidth;
    this.logIds = logIds;
    this.times = times;
    this.userIds = userIds;
    this.movieIds = movieIds;
    this.labels = labels;
  }

  /**
   * What {@link #read} found: the table, when the data fits, and the number of rows either way.
   *
   * @param table every row in memory, or empty when there are more than the limit
   * @param rows the number of rows in the data
   */
  public record Read(Optional<SampleTable> table, long rows) {}

  /**
   * Reads every sample of a file or directory into a table, unless there are more than {@code
   * maxRows}; then it only counts them, in the same pass (the rows read so far are dropped).
   */
  public static Read read(Path data, SlotSchema schema, int maxRows) throws IOException {
    return read(data, schema, maxRows, 0);
  }

  /**
   * As {@link #read(Path, SlotSchema, int)}, for samples that feed an embedding table of {@code
   * tableRows} rows: a feasign without a row is an error naming the file and line ({@link
   * SampleReader#open(Path, SlotSchema, int)}); 0 checks no table.
   */
  public static Read read(Path data, SlotSchema schema, int maxRows, int tableRows)
      throws IOException {
    checkArgument(maxRows >= 0, "maxRows must not be negative");
    checkArgument(tableRows >= 0, "tableRows must not be negative");
    int uw = schema.userWidth();
    int mw = schema.movieWidth();
    int cap = 1024;
    long[] logIds = new long[cap];
    long[] times = new long[cap];
    int[] users = new int[cap * uw];
    int[] movies = new int[cap * mw];
    float[] labels = new float[cap];
    long n = 0;
    boolean fits = true;
    SampleBatch batch = new SampleBatch(4096, schema);
    try (SampleReader reader =
        tableRows == 0
            ? SampleReader.open(data, schema)
            : SampleReader.open(data, schema, tableRows)) {
      while (reader.read(batch)) {
        int m = batch.size();
        if (fits && n + m > maxRows) {
          fits = false;
          logIds = null;
          times = null;
          users = null;
          movies = null;
          labels = null;
        }
        if (fits) {
          int at = (int) n;
          if (at + m > cap) {
            cap = (int) Math.min(Integer.MAX_VALUE - 8, Math.max((long) cap * 2, at + m));
            logIds = Arrays.copyOf(logIds, cap);
            times = Arrays.copyOf(times, cap);
            users = Arrays.copyOf(users, cap * uw);
            movies = Arrays.copyOf(movies, cap * mw);
            labels = Arrays.copyOf(labels, cap);
          }
          System.arraycopy(batch.logIds(), 0, logIds, at, m);
          System.arraycopy(batch.times(), 0, times, at, m);
          System.arraycopy(batch.userIds(), 0, users, at * uw, m * uw);
          System.arraycopy(batch.movieIds(), 0, movies, at * mw, m * mw);
          System.arraycopy(batch.labels(), 0, labels, at, m);
        }
        n += m;
      }
    }
    return new Read(
        fits
            ? Optional.of(new SampleTable((int) n, uw, mw, logIds, times, users, movies, labels))
            : Optional.empty(),
        n);
  }

  /** The number of rows. */
  public int size() {
    return size;
  }

  /**
   * Fills {@code batch} (after clearing it) with the rows {@code order[from]}, {@code
   * order[from+1]}, … up to the batch's capacity or the end of {@code order}; returns how many.
   */
  public int fill(SampleBatch batch, int[] order, int from) {
    batch.clear();
    int i = from;
    while (i < order.length && !batch.isFull()) {
      int r = order[i++];
      batch.add(logIds[r], times[r], userIds, r * userWidth, movieIds, r * movieWidth, labels[r]);
    }
    return i - from;
  }
}
