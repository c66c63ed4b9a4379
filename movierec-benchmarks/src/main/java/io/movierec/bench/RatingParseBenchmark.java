package io.movierec.bench;

import io.movierec.data.MovieLensDataset;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Measures how fast ratings parse, on a made-up ml-1m directory with 1,000,000 ratings (6,040
 * users, 3,952 movies). Prints lines per second for {@link MovieLensDataset#forEachRating} and
 * {@link MovieLensDataset#readRatings()}; the file sits in the page cache after the first round.
 *
 * <p>Run: {@code java -cp <movierec-benchmarks and its dependencies>
 * io.movierec.bench.RatingParseBenchmark [lines] [rounds]}
 */
public final class RatingParseBenchmark {
  private static final int USERS = 6040;
  private static final int MOVIES = 3952;

  private RatingParseBenchmark() {}

  /** Arguments: the number of rating lines (1,000,000) and of rounds per measure (10). */
  public static void main(String[] args) throws IOException {
    int lines = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    Path dir = Files.createTempDirectory("movierec-bench");
    try {
      writeDataset(dir, lines);
      long bytes = Files.size(dir.resolve("ratings.dat"));
      MovieLensDataset data = MovieLensDataset.open(dir);
      System.out.printf(
          "ratings.dat: %,d lines, %,d bytes; %d rounds each (first %d are warm-up)%n",
          lines, bytes, rounds, rounds / 2);
      double[] sum = new double[1];
      report(
          "forEachRating",
          lines,
          bytes,
          rounds,
          () -> {
            data.forEachRating((u, m, s, t, l) -> sum[0] += s);
            return sum[0];
          });
      report("readRatings", lines, bytes, rounds, () -> data.readRatings().size());
    } finally {
      for (String name : new String[] {"users.dat", "movies.dat", "ratings.dat"}) {
        Files.deleteIfExists(dir.resolve(name));
      }
      Files.deleteIfExists(dir);
    }
  }

  private interface Task {
    Object run() throws IOException;
  }

  /**
   * Runs {@code task} {@code rounds} times and prints, over the second half of the rounds, the best
   * wall-clock time and the best CPU time of this thread (steadier on a shared machine).
   */
  private static void report(String name, int lines, long bytes, int rounds, Task task)
      throws IOException {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double bestWall = Double.MAX_VALUE;
    double bestCpu = Double.MAX_VALUE;
    Object sink = null;
    for (int r = 0; r < rounds; r++) {
      long cpuStart = threads.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      sink = task.run();
      double wall = (System.nanoTime() - start) / 1e9;
      double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
      if (r >= rounds / 2) {
        bestWall = Math.min(bestWall, wall);
        bestCpu = Math.min(bestCpu, cpu);
      }
    }
    System.out.printf(
        "%-14s wall %6.1f ms = %5.2f M lines/s (%3.0f MB/s); cpu %6.1f ms = %5.2f M lines/s "
            + " [%s]%n",
        name,
        bestWall * 1e3,
        lines / bestWall / 1e6,
        bytes / bestWall / 1e6,
        bestCpu * 1e3,
        lines / bestCpu / 1e6,
        sink);
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
