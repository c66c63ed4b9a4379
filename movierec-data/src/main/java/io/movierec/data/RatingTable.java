package io.movierec.data;

import static com.google.common.base.Preconditions.checkElementIndex;

import io.movierec.domain.Rating;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * All ratings of a file in columns of primitives, in file order: one int, int, float, long and int
 * per rating and no object, so 25 million ratings take about 600 MB. Immutable and safe to share
 * between threads. Read one with {@link MovieLensDataset#readRatings()}.
 */
public final class RatingTable {
  private final int size;
  private final int[] users;
  private final int[] movies;
  private final float[] scores;
  private final long[] timestamps;
  private final int[] lineNumbers;
  private final ReadSummary summary;

  private RatingTable(Builder b, ReadSummary summary) {
    this.size = b.size;
    this.users = Arrays.copyOf(b.users, b.size);
    this.movies = Arrays.copyOf(b.movies, b.size);
    this.scores = Arrays.copyOf(b.scores, b.size);
    this.timestamps = Arrays.copyOf(b.timestamps, b.size);
    this.lineNumbers = Arrays.copyOf(b.lineNumbers, b.size);
    this.summary = summary;
  }

  /** The number of ratings. */
  public int size() {
    return size;
  }

  /** The user of rating {@code row} (0-based). */
  public int userId(int row) {
    return users[checkElementIndex(row, size)];
  }

  /** The movie of rating {@code row}. */
  public int movieId(int row) {
    return movies[checkElementIndex(row, size)];
  }

  /** The score of rating {@code row}. */
  public float score(int row) {
    return scores[checkElementIndex(row, size)];
  }

  /** The timestamp (seconds since the epoch) of rating {@code row}. */
  public long timestamp(int row) {
    return timestamps[checkElementIndex(row, size)];
  }

  /** The 1-based line of the ratings file that rating {@code row} was read from. */
  public long lineNumber(int row) {
    return lineNumbers[checkElementIndex(row, size)];
  }

  /** Rating {@code row} as an object. */
  public Rating rating(int row) {
    checkElementIndex(row, size);
    return new Rating(users[row], movies[row], scores[row], timestamps[row]);
  }

  /** Hands every rating to {@code visitor}, in file order. */
  public void forEach(RatingVisitor visitor) {
    for (int row = 0; row < size; row++) {
      visitor.visit(users[row], movies[row], scores[row], timestamps[row], lineNumbers[row]);
    }
  }

  /** A copy of the user column. */
  public int[] userIds() {
    return users.clone();
  }

  /** A copy of the movie column. */
  public int[] movieIds() {
    return movies.clone();
  }

  /** A copy of the score column. */
  public float[] scores() {
    return scores.clone();
  }

  /** A copy of the timestamp column. */
  public long[] timestamps() {
    return timestamps.clone();
  }

  /** What reading the ratings file saw, duplicate ratings included. */
  public ReadSummary summary() {
    return summary;
  }

  @Override
  public String toString() {
    return "RatingTable{" + size + " ratings}";
  }

  /** Fills growable columns from a rating stream; not thread safe. */
  static final class Builder implements RatingVisitor {
    private static final int INITIAL_CAPACITY = 1 << 12;

    private int size;
    private int[] users = new int[INITIAL_CAPACITY];
    private int[] movies = new int[INITIAL_CAPACITY];
    private float[] scores = new float[INITIAL_CAPACITY];
    private long[] timestamps = new long[INITIAL_CAPACITY];
    private int[] lineNumbers = new int[INITIAL_CAPACITY];

    @Override
    public void visit(int userId, int movieId, float score, long timestamp, long lineNumber) {
      if (size == users.length) {
        int capacity = Math.max(size + 1, (int) Math.min(Integer.MAX_VALUE - 8, size * 3L / 2));
        users = Arrays.copyOf(users, capacity);
        movies = Arrays.copyOf(movies, capacity);
        scores = Arrays.copyOf(scores, capacity);
        timestamps = Arrays.copyOf(timestamps, capacity);
        lineNumbers = Arrays.copyOf(lineNumbers, capacity);
      }
      users[size] = userId;
      movies[size] = movieId;
      scores[size] = score;
      timestamps[size] = timestamp;
      lineNumbers[size] = Math.toIntExact(lineNumber);
      size++;
    }

    /**
     * Finds ratings of a movie by a user who rated it before, by sorting (user, movie) keys. Each
     * is a problem naming both lines: strict throws the earliest, lenient drops every repeat and
     * keeps the first rating.
     */
    void removeRepeatedRatings(Path file, ReadLog log) {
      long[] keys = new long[size];
      for (int row = 0; row < size; row++) {
        keys[row] = key(row);
      }
      Arrays.sort(keys);
      long[] repeatedKeys = new long[16]; // sorted and distinct
      int repeated = 0;
      for (int k = 1; k < size; k++) {
        if (keys[k] == keys[k - 1] && (repeated == 0 || repeatedKeys[repeated - 1] != keys[k])) {
          if (repeated == repeatedKeys.length) {
            repeatedKeys = Arrays.copyOf(repeatedKeys, repeated * 2);
          }
          repeatedKeys[repeated++] = keys[k];
        }
      }
      if (repeated == 0) {
        return;
      }
      repeatedKeys = Arrays.copyOf(repeatedKeys, repeated);
      int[] firstLine = new int[repeated];
      int kept = 0;
      for (int row = 0; row < size; row++) {
        int k = Arrays.binarySearch(repeatedKeys, key(row));
        if (k >= 0 && firstLine[k] != 0) {
          log.skip(
              new MalformedDataException(
                  file,
                  lineNumbers[row],
                  "movie",
                  Integer.toString(movies[row]),
                  "was rated by user "
                      + users[row]
                      + " before, on line "
                      + firstLine[k]
                      + " (a repeated rating)"));
          continue;
        }
        if (k >= 0) {
          firstLine[k] = lineNumbers[row];
        }
        users[kept] = users[row];
        movies[kept] = movies[row];
        scores[kept] = scores[row];
        timestamps[kept] = timestamps[row];
        lineNumbers[kept] = lineNumbers[row];
        kept++;
      }
      size = kept;
    }

    RatingTable build(ReadSummary summary) {
      return new RatingTable(this, summary);
    }

    private long key(int row) {
      return ((long) users[row] << 32) | movies[row];
    }
  }
}
