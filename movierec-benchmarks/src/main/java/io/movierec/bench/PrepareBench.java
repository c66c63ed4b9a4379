package io.movierec.bench;

import io.movierec.features.SlotSchema;
import io.movierec.io.AtomicFiles;
import io.movierec.prepare.DatasetPreparer;
import io.movierec.prepare.PrepareSummary;
import io.movierec.prepare.PreparedDataset;
import io.movierec.samples.SampleBatch;
import io.movierec.samples.SampleReader;
import io.movierec.synthetic.SyntheticMovieLens;
import io.movierec.synthetic.SyntheticSummary;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code movierec bench prepare}: raw ml-1m-shaped synthetic files → split → slot files (what
 * {@code movierec prepare} does, with its defaults), then the slot files read back, each timed in
 * this JVM; several rounds, the last one warm.
 */
public final class PrepareBench {

  private PrepareBench() {}

  /**
   * Generates {@code ratings} synthetic ratings and times {@code rounds} rounds of prepare and
   * read-back.
   *
   * @param dir where to keep the files; empty for a temporary directory, deleted at the end
   */
  public static void run(int ratings, Optional<Path> dir, int rounds, PrintStream out)
      throws IOException {
    Path root = dir.isPresent() ? dir.get() : Files.createTempDirectory("movierec-bench-prepare");
    try {
      long t0 = System.nanoTime();
      SyntheticSummary s =
          SyntheticMovieLens.newBuilder().withRatings(ratings).build().writeTo(root.resolve("raw"));
      out.printf(
          "generate synthetic ml-1m (%,d ratings): %.2f s (not part of prepare)%n",
          s.ratings(), (System.nanoTime() - t0) / 1e9);
      for (int round = 1; round <= rounds; round++) {
        long p0 = System.nanoTime();
        PrepareSummary summary =
            DatasetPreparer.newBuilder(root.resolve("raw"), root.resolve("prepared"))
                .build()
                .prepare();
        double prepareSecs = (System.nanoTime() - p0) / 1e9;
        PreparedDataset d = PreparedDataset.open(summary.directory());
        long r0 = System.nanoTime();
        long rows =
            readAll(d.trainData(), d.encoder().schema())
                + readAll(d.testData(), d.encoder().schema());
        double readSecs = (System.nanoTime() - r0) / 1e9;
        out.printf(
            "round %d: prepare (read + split + hash + write %,d train / %,d test rows) "
                + "%.2f s; read slot files back: %,d examples in %.2f s = %,.0f examples/s%n",
            round, summary.train(), summary.test(), prepareSecs, rows, readSecs, rows / readSecs);
      }
    } finally {
      if (dir.isEmpty()) {
        AtomicFiles.deleteRecursively(root);
      }
    }
  }

  private static long readAll(Path data, SlotSchema schema) throws IOException {
    long n = 0;
    SampleBatch batch = new SampleBatch(1024, schema);
    try (SampleReader r = SampleReader.open(data, schema)) {
      while (r.read(batch)) {
        n += batch.size();
      }
    }
    return n;
  }
}
