package io.movierec.cli;

import io.movierec.bench.IndexBenchmark;
import io.movierec.bench.LoadBench;
import io.movierec.bench.PrepareBench;
import io.movierec.bench.ServeBench;
import io.movierec.bench.SoakBench;
import io.movierec.bench.TrainBench;
import io.movierec.index.knn.HnswVectorIndex;
import io.movierec.synthetic.SyntheticMovieLens;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code movierec bench prepare|train|serve|load|soak|index|jmh}: parses the options and runs the
 * benchmark programs of {@code movierec-benchmarks}, which print figures.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    synopsisSubcommandLabel = "TARGET",
    description = "Benchmark programs that print figures (see docs/results.md).",
    subcommands = {
      BenchCommand.Prepare.class,
      BenchCommand.Train.class,
      BenchCommand.Serve.class,
      BenchCommand.Load.class,
      BenchCommand.Soak.class,
      BenchCommand.Index.class,
      BenchCommand.Jmh.class,
    })
final class BenchCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    throw new UsageException(
        "bench needs a target: prepare, train, serve, load, soak, index or jmh");
  }

  /** {@code bench prepare}: the prepare stage on synthetic ratings. */
  @Command(
      name = "prepare",
      mixinStandardHelpOptions = true,
      description = "Times the prepare stage on synthetic ratings.")
  static final class Prepare implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--ratings",
        paramLabel = "N",
        description = "Synthetic ratings (default: ${DEFAULT-VALUE}).")
    int ratings = SyntheticMovieLens.DEFAULT_RATINGS;

    @Option(names = "--dir", paramLabel = "DIR", description = "Work here (default: a temp dir).")
    @Nullable Path dir;

    @Option(names = "--rounds", paramLabel = "N", description = "Default: ${DEFAULT-VALUE}.")
    int rounds = 3;

    @Override
    public Integer call() throws Exception {
      PrepareBench.run(ratings, Optional.ofNullable(dir), rounds, Main.out(spec));
      return Main.OK;
    }
  }

  /** {@code bench train}: training throughput. */
  @Command(
      name = "train",
      mixinStandardHelpOptions = true,
      description = "Training throughput of each model and batch size on synthetic samples.")
  static final class Train implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--rows",
        paramLabel = "N",
        description = "Samples (default: ${DEFAULT-VALUE}).")
    int rows = 300_000;

    @Option(
        names = "--models",
        paramLabel = "MODEL",
        split = ",",
        splitSynopsisLabel = ",",
        defaultValue = "recall,rank",
        description = "Models to time (default: ${DEFAULT-VALUE}).")
    List<String> models = new ArrayList<>();

    @Option(
        names = "--batches",
        paramLabel = "N",
        split = ",",
        splitSynopsisLabel = ",",
        defaultValue = "128,512",
        description = "Batch sizes (default: ${DEFAULT-VALUE}).")
    List<Integer> batches = new ArrayList<>();

    @Option(
        names = "--dense-rows",
        paramLabel = "N",
        description = "Rows of the dense-update comparison (default: ${DEFAULT-VALUE}).")
    int denseRows = 20_000;

    @Option(names = "--dir", paramLabel = "DIR", description = "Work here (default: a temp dir).")
    @Nullable Path dir;

    @Option(names = "--gpu", description = "Train on the GPU (needs the GPU build).")
    boolean gpu;

    @Override
    public Integer call() throws Exception {
      List<String> names = new ArrayList<>();
      for (String model : models) {
        try {
          names.add(ModelKind.parse(model.trim()).cliName());
        } catch (UsageException e) {
          throw new UsageException(
              "--models takes recall, rank and watch, got '" + model.trim() + "'");
        }
      }
      TrainBench.run(
          new TrainBench.Options(rows, names, batches, denseRows, Optional.ofNullable(dir), gpu),
          Main.out(spec));
      return Main.OK;
    }
  }

  /** {@code bench serve}: recommend calls against a bundle. */
  @Command(
      name = "serve",
      mixinStandardHelpOptions = true,
      description = "Latency and throughput of recommend calls against a bundle.")
  static final class Serve implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--bundle", required = true, paramLabel = "DIR", description = "The bundle.")
    Path bundle = Path.of("");

    @Option(names = "--calls", paramLabel = "N", description = "Default: ${DEFAULT-VALUE}.")
    int calls = 20_000;

    @Option(names = "--threads", paramLabel = "N", description = "Default: ${DEFAULT-VALUE}.")
    int threads = 2;

    @Option(names = "--k", paramLabel = "N", description = "Default: ${DEFAULT-VALUE}.")
    int k = 10;

    @Option(
        names = "--warmup",
        paramLabel = "N",
        description = "Calls before timing (default: ${DEFAULT-VALUE}).")
    int warmup = 5_000;

    @Override
    public Integer call() throws Exception {
      ServeBench.run(bundle, calls, threads, k, warmup, Main.out(spec));
      return Main.OK;
    }
  }

  /** {@code bench load}: a bundle's size per part and its load time. */
  @Command(
      name = "load",
      mixinStandardHelpOptions = true,
      description =
          "A bundle's bytes per part, then Recommender.load timed over several rounds in one JVM"
              + " (the later ones warm) and each part loaded alone.")
  static final class Load implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--bundle", required = true, paramLabel = "DIR", description = "The bundle.")
    Path bundle = Path.of("");

    @Option(names = "--rounds", paramLabel = "N", description = "Default: ${DEFAULT-VALUE}.")
    int rounds = 10;

    @Override
    public Integer call() throws Exception {
      if (rounds < 1) {
        throw new UsageException("--rounds must be at least 1, got " + rounds);
      }
      LoadBench.run(bundle, rounds, Main.out(spec));
      return Main.OK;
    }
  }

  /** {@code bench soak}: a long mixed load with checks. */
  @Command(
      name = "soak",
      mixinStandardHelpOptions = true,
      description =
          "A long mixed load against a bundle (recommend, record ratings, churn), failing on an"
              + " error or memory growth.")
  static final class Soak implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--bundle", required = true, paramLabel = "DIR", description = "The bundle.")
    Path bundle = Path.of("");

    @Option(names = "--threads", paramLabel = "N", description = "Default: ${DEFAULT-VALUE}.")
    int threads = 8;

    @Option(names = "--calls", paramLabel = "N", description = "Default: ${DEFAULT-VALUE}.")
    long calls = 1_000_000;

    @Option(names = "--k", paramLabel = "N", description = "Default: ${DEFAULT-VALUE}.")
    int k = 10;

    @Override
    public Integer call() throws Exception {
      SoakBench.run(bundle, threads, calls, k, Main.out(spec));
      return Main.OK;
    }
  }

  /** {@code bench index}: the exact and HNSW indexes on clustered vectors. */
  @Command(
      name = "index",
      mixinStandardHelpOptions = true,
      description = "Build time, recall and query speed of the exact and HNSW indexes.")
  static final class Index implements Callable<Integer> {
    @Option(names = "--n", paramLabel = "N", description = "Vectors (default: ${DEFAULT-VALUE}).")
    int n = 1_000_000;

    @Option(names = "--clusters", paramLabel = "N", description = "Default: ${DEFAULT-VALUE}.")
    int clusters = 1_000;

    @Option(names = "--threads", paramLabel = "N", description = "Default: ${DEFAULT-VALUE}.")
    int threads = 2;

    @Option(names = "--queries", paramLabel = "N", description = "Default: ${DEFAULT-VALUE}.")
    int queries = 200;

    @Option(names = "--m", paramLabel = "N", description = "HNSW M (default: ${DEFAULT-VALUE}).")
    int m = HnswVectorIndex.DEFAULT_M;

    @Option(
        names = "--ef-construction",
        paramLabel = "N",
        description = "Default: ${DEFAULT-VALUE}.")
    int efConstruction = HnswVectorIndex.DEFAULT_EF_CONSTRUCTION;

    @Option(
        names = "--efs",
        paramLabel = "N",
        split = ",",
        splitSynopsisLabel = ",",
        defaultValue = "100,200",
        description = "Search ef values (default: ${DEFAULT-VALUE}).")
    List<Integer> efs = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "N", description = "Default: ${DEFAULT-VALUE}.")
    long seed = 42;

    @Option(names = "--exact-only", description = "Only the exact index.")
    boolean exactOnly;

    @Override
    public Integer call() throws Exception {
      IndexBenchmark.run(
          new IndexBenchmark.Options(
              n, clusters, threads, queries, m, efConstruction, efs, seed, exactOnly));
      return Main.OK;
    }
  }

  /** {@code bench jmh}: JMH's own command line. */
  @Command(
      name = "jmh",
      mixinStandardHelpOptions = true,
      description = {
        "Runs the JMH micro-benchmarks with JMH's options, e.g.",
        "  bench jmh IndexSearchBenchmark -p size=3883 -f 1 -wi 3 -i 5"
      })
  static final class Jmh implements Callable<Integer> {
    @Parameters(paramLabel = "JMH_ARGS", arity = "0..*", description = "Passed to JMH.")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
      org.openjdk.jmh.Main.main(args.toArray(String[]::new));
      return Main.OK;
    }
  }
}
