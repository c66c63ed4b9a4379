package io.movierec.cli;

import io.movierec.bench.IndexBenchmark;
import io.movierec.bench.PrepareBench;
import io.movierec.bench.ServeBench;
import io.movierec.bench.SoakBench;
import io.movierec.bench.TrainBench;
import io.movierec.index.knn.HnswVectorIndex;
import io.movierec.synthetic.SyntheticMovieLens;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code movierec bench prepare|train|serve|soak|index|jmh}: parses the options and runs the
 * benchmark programs of {@code movierec-benchmarks}, which print figures.
 */
final class BenchCommand {

  static final String USAGE =
      "bench prepare [--ratings N] [--dir DIR]\n"
          + "  bench train [--rows N] [--models recall,rank,watch] [--batches 128,512] [--dense-rows N] [--gpu]\n"
          + "  bench serve --bundle DIR [--calls N] [--threads N] [--k 10]\n"
          + "  bench soak --bundle DIR [--threads 8] [--calls 1000000]\n"
          + "  bench index [--n 1000000] [--clusters 1000] [--threads 2] [--queries 200] [--m 16]\n"
          + "              [--ef-construction 200] [--efs 100,200] [--seed 42] [--exact-only]\n"
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
      case "index" -> index(rest);
      case "jmh" -> org.openjdk.jmh.Main.main(rest);
      default -> throw new Args.UsageException("unknown bench target '" + argv[0] + "'");
    }
  }

  private static void train(String[] argv, PrintStream out) throws IOException {
    Args a =
        new Args(argv, Set.of("rows", "models", "batches", "dense-rows", "dir"), Set.of("gpu"));
    for (String model : a.get("models", "recall,rank").split(",")) {
      ModelKind.parse(model.trim());
    }
    TrainBench.run(
        new TrainBench.Options(
            a.integer("rows", 300_000),
            List.of(a.get("models", "recall,rank").split(",")),
            a.integers("batches", List.of(128, 512)),
            a.integer("dense-rows", 20_000),
            a.has("dir") ? Optional.of(a.path("dir")) : Optional.empty(),
            a.flag("gpu")),
        out);
  }

  private static void serve(String[] argv, PrintStream out) throws Exception {
    Args a = new Args(argv, Set.of("bundle", "calls", "threads", "k", "warmup"), Set.of());
    ServeBench.run(
        a.path("bundle"),
        a.integer("calls", 20_000),
        a.integer("threads", 2),
        a.integer("k", 10),
        a.integer("warmup", 5_000),
        out);
  }

  private static void soak(String[] argv, PrintStream out) throws Exception {
    Args a = new Args(argv, Set.of("bundle", "threads", "calls", "k"), Set.of());
    SoakBench.run(
        a.path("bundle"),
        a.integer("threads", 8),
        a.longValue("calls", 1_000_000),
        a.integer("k", 10),
        out);
  }

  private static void index(String[] argv) throws InterruptedException {
    Args a =
        new Args(
            argv,
            Set.of("n", "clusters", "threads", "queries", "m", "ef-construction", "efs", "seed"),
            Set.of("exact-only"));
    IndexBenchmark.run(
        new IndexBenchmark.Options(
            a.integer("n", 1_000_000),
            a.integer("clusters", 1_000),
            a.integer("threads", 2),
            a.integer("queries", 200),
            a.integer("m", HnswVectorIndex.DEFAULT_M),
            a.integer("ef-construction", HnswVectorIndex.DEFAULT_EF_CONSTRUCTION),
            a.integers("efs", List.of(100, 200)),
            a.longValue("seed", 42),
            a.flag("exact-only")));
  }

  private static void prepare(String[] argv, PrintStream out) throws IOException {
    Args a = new Args(argv, Set.of("ratings", "dir", "rounds"), Set.of());
    PrepareBench.run(
        a.integer("ratings", SyntheticMovieLens.DEFAULT_RATINGS),
        a.has("dir") ? Optional.of(a.path("dir")) : Optional.empty(),
        a.integer("rounds", 3),
        out);
  }
}
