package io.movierec.bench.jmh;

import io.movierec.data.MovieLensDataset;
import io.movierec.io.AtomicFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
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
 * How fast ratings parse: a made-up ml-1m directory (6,040 users, 3,952 movies, {@code lines}
 * distinct ratings, in the page cache after the first read), read by {@link
 * MovieLensDataset#forEachRating} (streaming) and {@link MovieLensDataset#readRatings()} (into a
 * list). Milliseconds per pass over the file; divide {@code lines} by it for lines per second.
 *
 * <p>Run: {@code bin/movierec bench jmh RatingParseBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RatingParseBenchmark {
  private static final int USERS = 6040;
  private static final int MOVIES = 3952;

  /** Rating lines in ratings.dat. */
  @Param("1000000")
  public int lines;

  private Path dir;
  private MovieLensDataset data;

  /** Writes the data set. */
  @Setup
  public void writeFiles() throws IOException {
    dir = Files.createTempDirectory("movierec-bench-parse");
    writeDataset(dir, lines);
    data = MovieLensDataset.open(dir);
  }

  /** Deletes the data set. */
  @TearDown
  public void deleteFiles() throws IOException {
    AtomicFiles.deleteRecursively(dir);
  }

  /** Streams every rating through a visitor. */
  @Benchmark
  public double forEachRating() throws IOException {
    double[] sum = new double[1];
    data.forEachRating((u, m, s, t, l) -> sum[0] += s);
    return sum[0];
  }

  /** Reads every rating into a list. */
  @Benchmark
  public int readRatings() throws IOException {
    return data.readRatings().size();
  }

  /** Made-up users, movies and distinct (user, movie) ratings in ml-1m format. */
  static void writeDataset(Path dir, int lines) throws IOException {
    Random random = new Random(42);
    int[] ageCodes = {1, 18, 25, 35, 45, 50, 56};
    try (BufferedWriter w =
        Files.newBufferedWriter(dir.resolve("users.dat"), StandardCharsets.ISO_8859_1)) {
      for (int u = 1; u <= USERS; u++) {
        w.write(
            u
                + "::"
                + (random.nextBoolean() ? "M" : "F")
                + "::"
                + ageCodes[random.nextInt(7)]
                + "::"
                + random.nextInt(21)
                + "::"
                + (10000 + random.nextInt(89999))
                + "\n");
      }
    }
    try (BufferedWriter w =
        Files.newBufferedWriter(dir.resolve("movies.dat"), StandardCharsets.ISO_8859_1)) {
      for (int m = 1; m <= MOVIES; m++) {
        w.write(m + "::Made-up Film " + m + " (" + (1920 + m % 80) + ")::Comedy|Drama\n");
      }
    }
    try (BufferedWriter w =
        Files.newBufferedWriter(dir.resolve("ratings.dat"), StandardCharsets.ISO_8859_1)) {
      int perUser = (lines + USERS - 1) / USERS;
      int written = 0;
      for (int u = 1; u <= USERS && written < lines; u++) {
        int offset = random.nextInt(MOVIES);
        for (int k = 0; k < perUser && written < lines; k++, written++) {
          int movie = (offset + k) % MOVIES + 1;
          long time = 956_703_932L + random.nextInt(90_000_000);
          w.write(u + "::" + movie + "::" + (1 + random.nextInt(5)) + "::" + time + "\n");
        }
      }
    }
  }
}
