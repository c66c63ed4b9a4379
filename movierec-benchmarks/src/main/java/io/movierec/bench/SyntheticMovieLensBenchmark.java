package io.movierec.bench;

import io.movierec.io.AtomicFiles;
import io.movierec.synthetic.SyntheticDataset;
import io.movierec.synthetic.SyntheticMovieLens;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Times generating and writing the default data set (ml-1m's shape, 1,000,000 ratings): the first,
 * cold run (as a command-line tool sees it) and a few warm ones. Not a test; run it by hand, e.g.
 * on one core:
 *
 * <pre>
 * mvn -o -q -pl movierec-data -am test-compile
 * taskset -c 0 java -XX:ActiveProcessorCount=1 -cp movierec-data/target/test-classes:\
 * movierec-data/target/classes:movierec-core/target/classes:GUAVA_JAR:SLF4J_API_JAR \
 * io.movierec.synthetic.SyntheticMovieLensBenchmark
 * </pre>
 */
public final class SyntheticMovieLensBenchmark {

  private static final int RUNS = 5;

  private SyntheticMovieLensBenchmark() {}

  /** Prints wall-clock and main-thread CPU time of each run. */
  public static void main(String[] args) throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Path dir = Files.createTempDirectory("synthetic-movielens-benchmark");
    try {
      SyntheticMovieLens generator = SyntheticMovieLens.newBuilder().build();
      for (int run = 1; run <= RUNS; run++) {
        long cpu0 = threads.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        SyntheticDataset data = generator.generate();
        long wall1 = System.nanoTime();
        data.writeTo(dir);
        long wall2 = System.nanoTime();
        long cpu2 = threads.getCurrentThreadCpuTime();
        System.out.printf(
            "run %d%s: generate %4d ms, write %4d ms, total %4d ms wall, %4d ms CPU (main"
                + " thread)%n",
            run,
            run == 1 ? " (cold)" : "       ",
            (wall1 - wall0) / 1_000_000,
            (wall2 - wall1) / 1_000_000,
            (wall2 - wall0) / 1_000_000,
            (cpu2 - cpu0) / 1_000_000);
      }
      System.out.printf(
          "ratings.dat: %,d bytes%n", Files.size(dir.resolve(SyntheticMovieLens.RATINGS_FILE)));
    } finally {
      AtomicFiles.deleteRecursively(dir);
    }
  }
}
