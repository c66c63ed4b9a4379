package io.movierec.cli;

import io.movierec.bench.IndexBenchmark;
import io.movierec.bench.ServeBench;
import io.movierec.bench.SoakBench;
import io.movierec.bench.TrainBench;
import io.movierec.features.SlotSchema;
import io.movierec.io.AtomicFiles;
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
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code movierec bench prepare|train|serve|index}: benchmark programs that print figures. */
final class BenchCommand {

  static final String USAGE =
      "bench prepare [--ratings N] [--dir DIR]\n"
          + "  bench train [--rows N] [--models recall,rank] [--batches 128,512] [--dense-rows N] [--gpu]\n"
          + "  bench serve --bundle DIR [--calls N] [--threads N] [--k 10]\n"
          + "  bench soak --bundle DIR [--threads 8] [--calls 1000000]\n"
          + "  bench index [--n 1000000] [--efs 100,200] ...  (see IndexBenchmark)\n"
          + "  bench jmh [JMH options] [IndexSearchBenchmark|RatingParseBenchmark|ScoringBenchmark]";

  private BenchCommand() {}

  static void run(String[] argv, PrintStream out) throws Exception {
    if (argv.length == 0) {
      throw new Args.UsageException("bench needs a target: prepare");
    }
    String[] rest = Arrays.copyOfRange(argv, 1, argv.length);
    switch (argv[0]) {
      case "prepare" -> prepare(rest, out);
      case "train" -> train(rest, out);
      case "serve" -> serve(rest, out);
      case "soak" -> soak(rest, out);
      case "index" -> IndexBenchmark.main(rest);
      case "jmh" -> org.openjdk.jmh.Main.main(rest);
      default -> throw new Args.UsageException("unknown bench target '" + argv[0] + "'");
    }
  }

  private static void train(String[] argv, PrintStream out) throws IOException {
    Args a = new Args(argv, Set.of("rows", "models", "batches", "dense-rows", "dir"),
        Set.of("gpu"));
    for (String model : a.get("models", "recall,rank").split(",")) {
      ModelKind.parse(model.trim());
    }
    TrainBench.run(new TrainBench.Options(a.integer("rows", 300_000),
        List.of(a.get("models", "recall,rank").split(",")),
        a.integers("batches", List.of(128, 512)), a.integer("dense-rows", 20_000),
        a.has("dir") ? Optional.of(a.path("dir")) : Optional.empty(), a.flag("gpu")), out);
  }

  private static void serve(String[] argv, PrintStream out) throws Exception {
    Args a = new Args(argv, Set.of("bundle", "calls", "threads", "k", "warmup"), Set.of());
    ServeBench.run(a.path("bundle"), a.integer("calls", 20_000), a.integer("threads", 2),
        a.integer("k", 10), a.integer("warmup", 5_000), out);
  }

  private static void soak(String[] argv, PrintStream out) throws Exception {
    Args a = new Args(argv, Set.of("bundle", "threads", "calls", "k"), Set.of());
    SoakBench.run(a.path("bundle"), a.integer("threads", 8), a.longValue("calls", 1_000_000),
        a.integer("k", 10), out);
  }

  /**
   * Raw ml-1m-shaped synthetic files (1M ratings) → split → slot files, then the slot files read
   * back, each timed in this JVM; three rounds, the last one reported as warm.
   */
  static void prepare(String[] argv, PrintStream out) throws IOException {
    Args a = new Args(argv, Set.of("ratings", "dir", "rounds"), Set.of());
    Path dir = a.has("dir") ? a.path("dir") : Files.createTempDirectory("movierec-bench-prepare");
    int rounds = a.integer("rounds", 3);
    try {
      long t0 = System.nanoTime();
      SyntheticSummary s = SyntheticMovieLens.newBuilder()
          .withRatings(a.integer("ratings", SyntheticMovieLens.DEFAULT_RATINGS)).build()
          .writeTo(dir.resolve("raw"));
      out.printf("generate synthetic ml-1m (%,d ratings): %.2f s (not part of prepare)%n",
          s.ratings(), (System.nanoTime() - t0) / 1e9);
      for (int round = 1; round <= rounds; round++) {
        String[] args = {"--data", dir.resolve("raw").toString(), "--out",
            dir.resolve("prepared").toString()};
        long p0 = System.nanoTime();
        PrepareSummary summary = PrepareCommand.run(args, new PrintStream(
            java.io.OutputStream.nullOutputStream()));
        double prepareSecs = (System.nanoTime() - p0) / 1e9;
        PreparedDataset d = PreparedDataset.open(summary.directory());
        long r0 = System.nanoTime();
        long rows = readAll(d.trainData(), d.encoder().schema())
            + readAll(d.testData(), d.encoder().schema());
        double readSecs = (System.nanoTime() - r0) / 1e9;
        out.printf("round %d: prepare (read + split + hash + write %,d train / %,d test rows) "
                + "%.2f s; read slot files back: %,d examples in %.2f s = %,.0f examples/s%n",
            round, summary.train(), summary.test(), prepareSecs, rows, readSecs, rows / readSecs);
      }
    } finally {
      if (!a.has("dir")) {
        AtomicFiles.deleteRecursively(dir);
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
