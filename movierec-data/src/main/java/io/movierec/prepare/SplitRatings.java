package io.movierec.prepare;

import static com.google.common.base.Preconditions.checkArgument;

import io.movierec.data.MalformedDataException;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Every rating of a prepared data set with the part of the split it went to, as columns in source
 * file order ({@code ratings.tsv}: {@code logid user movie rating time split}). The log id is the
 * rating's line number in its source file; it is the {@code logid} of its sample line, which is how
 * predictions are traced back to raw MovieLens ids.
 */
public final class SplitRatings {

  /** The part of the split a rating went to. */
  public enum Part {
    TRAIN,
    TEST,
    VALIDATION
  }

  /** The file name, {@value}. */
  public static final String FILE = "ratings.tsv";

  /** Its header line, without the line break. */
  public static final String HEADER = "#logid\tuser\tmovie\trating\ttime\tsplit";

  private final long[] logIds;
  private final int[] users;
  private final int[] movies;
  private final float[] scores;
  private final long[] times;
  private final Part[] parts;

  SplitRatings(
      long[] logIds, int[] users, int[] movies, float[] scores, long[] times, Part[] parts) {
    this.logIds = logIds;
    this.users = users;
    this.movies = movies;
    this.scores = scores;
    this.times = times;
    this.parts = parts;
    for (int i = 1; i < logIds.length; i++) {
      checkArgument(logIds[i] > logIds[i - 1], "log ids must increase");
    }
  }

  /** The number of ratings. */
  public int size() {
    return logIds.length;
  }

  /** The log id of row {@code i}. */
  public long logId(int i) {
    return logIds[i];
  }

  /** The user of row {@code i}. */
  public int user(int i) {
    return users[i];
  }

  /** The movie of row {@code i}. */
  public int movie(int i) {
    return movies[i];
  }

  /** The rating of row {@code i}. */
  public float score(int i) {
    return scores[i];
  }

  /** The time of row {@code i}. */
  public long time(int i) {
    return times[i];
  }

  /** The part of row {@code i}. */
  public Part part(int i) {
    return parts[i];
  }

  /** The row of a log id, or -1. */
  public int rowOfLogId(long logId) {
    int r = Arrays.binarySearch(logIds, logId);
    return r >= 0 ? r : -1;
  }

  void write(Path dir) throws IOException {
    try (Writer w = CatalogFiles.writer(dir.resolve(FILE))) {
      w.write(HEADER + "\n");
      StringBuilder sb = new StringBuilder(64);
      for (int i = 0; i < logIds.length; i++) {
        sb.setLength(0);
        appendRow(sb, logIds[i], users[i], movies[i], scores[i], times[i], parts[i]).append('\n');
        w.append(sb);
      }
    }
  }

  /**
   * Appends one row of {@code ratings.tsv} (without the line break) to {@code sb}: the text {@link
   * DatasetPreparer} writes, for other writers of the same file.
   */
  public static StringBuilder appendRow(
      StringBuilder sb, long logId, int user, int movie, float score, long time, Part part) {
    sb.append(logId).append('\t').append(user).append('\t').append(movie).append('\t');
    if (score == (int) score) {
      sb.append((int) score);
    } else {
      sb.append(score);
    }
    return sb.append('\t')
        .append(time)
        .append('\t')
        .append(part.name().toLowerCase(java.util.Locale.ROOT));
  }

  static SplitRatings read(Path dir) throws IOException {
    Path f = dir.resolve(FILE);
    Columns c = new Columns();
    CatalogFiles.forEachRow(
        f,
        6,
        (line, col) -> {
          Part p;
          try {
            p = Part.valueOf(col[5].toUpperCase(java.util.Locale.ROOT));
          } catch (IllegalArgumentException e) {
            throw new MalformedDataException(
                f, line, "split", col[5], "is not train, test or validation");
          }
          c.add(
              Long.parseLong(col[0]),
              Integer.parseInt(col[1]),
              Integer.parseInt(col[2]),
              Float.parseFloat(col[3]),
              Long.parseLong(col[4]),
              p);
        });
    return c.build();
  }

  /** A growable set of columns. */
  static final class Columns {
    private long[] logIds = new long[1024];
    private int[] users = new int[1024];
    private int[] movies = new int[1024];
    private float[] scores = new float[1024];
    private long[] times = new long[1024];
    private Part[] parts = new Part[1024];
    private int n;

    void add(long logId, int user, int movie, float score, long time, Part part) {
      if (n == logIds.length) {
        int m = n * 2;
        logIds = Arrays.copyOf(logIds, m);
        users = Arrays.copyOf(users, m);
        movies = Arrays.copyOf(movies, m);
        scores = Arrays.copyOf(scores, m);
        times = Arrays.copyOf(times, m);
        parts = Arrays.copyOf(parts, m);
      }
      logIds[n] = logId;
      users[n] = user;
      movies[n] = movie;
      scores[n] = score;
      times[n] = time;
      parts[n] = part;
      n++;
    }

    SplitRatings build() {
      return new SplitRatings(
          Arrays.copyOf(logIds, n),
          Arrays.copyOf(users, n),
          Arrays.copyOf(movies, n),
          Arrays.copyOf(scores, n),
          Arrays.copyOf(times, n),
          Arrays.copyOf(parts, n));
    }
  }
}
