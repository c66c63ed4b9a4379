package io.movierec.bench;

import io.movierec.features.FeatureEncoder;
import io.movierec.io.AtomicFiles;
import io.movierec.models.DnnRanker;
import io.movierec.models.ModelBuilder;
import io.movierec.models.ModelConfig;
import io.movierec.models.NegativeSampler;
import io.movierec.models.Objective;
import io.movierec.models.RuntimeOptions;
import io.movierec.models.SlotModel;
import io.movierec.models.Trainer;
import io.movierec.models.TwoTowerModel;
import io.movierec.models.WatchRanker;
import io.movierec.prepare.DatasetPreparer;
import io.movierec.prepare.PreparedDataset;
import io.movierec.synthetic.SyntheticMovieLens;
import io.movierec.training.EpochResult;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code movierec bench train}: training throughput of the reference configuration (600,000 × 9
 * table, [512, 256, 128, 32], Adam 0.001) on ml-1m-shaped synthetic data, for each model and batch
 * size: two epochs over the first {@code --rows} training rows through the real trainer (reading,
 * shuffling, one {@code Session.run} per batch); the second epoch's rate is the steady state. It
 * also times a short run with dense (whole-table) embedding updates, for the lazy/dense ratio.
 */
public final class TrainBench {

  private TrainBench() {}

  /**
   * What to measure.
   *
   * @param rows training rows per timed epoch
   * @param models {@code recall}, {@code rank} and/or {@code watch} (the watch ranker, with {@link
   *     NegativeSampler#DEFAULT_NEGATIVES_PER_POSITIVE} popularity-drawn negatives per rating)
   * @param batches the batch sizes to time
   * @param denseRows rows for the lazy/dense comparison (0 skips it)
   * @param dir where to keep the data between runs; empty for a temporary directory
   * @param gpu train on the GPU
   */
  public record Options(
      int rows,
      List<String> models,
      List<Integer> batches,
      int denseRows,
      Optional<Path> dir,
      boolean gpu) {}

  /** Runs the benchmark and prints its figures. */
  public static void run(Options o, PrintStream out) throws IOException {
    RuntimeOptions runtime = RuntimeOptions.TRAINING.withGpu(o.gpu());
    Path dir =
        o.dir().isPresent() ? o.dir().get() : Files.createTempDirectory("movierec-bench-train");
    try {
      Path data = dir.resolve("data");
      if (!Files.exists(data.resolve("dataset.properties"))) {
        SyntheticMovieLens.newBuilder().build().writeTo(dir.resolve("raw"));
        DatasetPreparer.newBuilder(dir.resolve("raw"), data).build().prepare();
      }
      PreparedDataset d = PreparedDataset.open(data);
      int rows = o.rows();
      Path subset =
          head(
              d.trainData().resolve("data.txt"), dir.resolve("subset-" + rows + "/data.txt"), rows);
      out.printf(
          "reference config %s on %,d rows of ml-1m-shaped synthetic data, %d cores, %s%n",
          ModelConfig.defaults(),
          rows,
          Runtime.getRuntime().availableProcessors(),
          o.gpu() ? "GPU" : "CPU");
      for (String model : o.models()) {
        for (int batch : o.batches()) {
          double[] eps = epochs(model.trim(), d, subset, batch, true, 2, runtime);
          out.printf(
              "  %-6s batch %4d: %,8.0f examples/s (first epoch, with warm-up: %,.0f)%n",
              model.trim(), batch, eps[1], eps[0]);
          if (model.trim().equals("watch")) {
            out.printf(
                "         (ratings/s, each with %d sampled negatives: %,.0f rows/s; an epoch of"
                    + " 1,000,000 ratings: %.1f s)%n",
                NegativeSampler.DEFAULT_NEGATIVES_PER_POSITIVE,
                eps[1] * (1 + NegativeSampler.DEFAULT_NEGATIVES_PER_POSITIVE),
                1_000_000 / eps[1]);
          }
        }
      }
      int denseRows = o.denseRows();
      if (denseRows > 0) {
        Path small = head(subset, dir.resolve("subset-" + denseRows + "/data.txt"), denseRows);
        double lazy = epochs("recall", d, small, 128, true, 2, runtime)[1];
        double dense = epochs("recall", d, small, 128, false, 2, runtime)[1];
        out.printf(
            "  recall batch 128 on %,d rows: lazy embedding updates %,.0f examples/s, "
                + "dense (whole table every step) %,.0f examples/s: %.1fx%n",
            denseRows, lazy, dense, lazy / dense);
      }
    } finally {
      if (o.dir().isEmpty()) {
        AtomicFiles.deleteRecursively(dir);
      }
    }
  }

  /** Examples per second of each of {@code epochs} epochs (the first includes the warm-up). */
  private static double[] epochs(
      String kind,
      PreparedDataset d,
      Path data,
      int batch,
      boolean lazy,
      int epochs,
      RuntimeOptions runtime)
      throws IOException {
    ModelBuilder<?, ?> b =
        builder(kind, d).withConfig(ModelConfig.defaults()).withLazyEmbeddingUpdates(lazy);
    if (kind.equals("watch")) {
      b.withObjective(Objective.WATCH);
    }
    try (SlotModel m = b.withRuntime(runtime).build()) {
      List<EpochResult> r =
          Trainer.newBuilder()
              .withEpochs(epochs)
              .withBatchSize(batch)
              .withPrintInterval(Integer.MAX_VALUE)
              .build()
              .fit(m, data)
              .epochs();
      return r.stream().mapToDouble(EpochResult::examplesPerSecond).toArray();
    }
  }

  private static ModelBuilder<?, ?> builder(String kind, PreparedDataset d) throws IOException {
    FeatureEncoder encoder = d.encoder();
    return switch (kind) {
      case "recall" -> TwoTowerModel.newBuilder(encoder);
      case "rank" -> DnnRanker.newBuilder(encoder);
      case "watch" ->
          WatchRanker.newBuilder(encoder)
              .withNegatives(
                  NegativeSampler.newBuilder(d)
                      .withNegativesPerPositive(NegativeSampler.DEFAULT_NEGATIVES_PER_POSITIVE)
                      .build());
      default ->
          throw new IllegalArgumentException("model must be recall, rank or watch, got " + kind);
    };
  }

  /** The first {@code rows} lines of {@code from}, copied to {@code to} once. */
  private static Path head(Path from, Path to, int rows) throws IOException {
    if (Files.exists(to)) {
      return to;
    }
    Files.createDirectories(to.getParent());
    try (BufferedReader r = Files.newBufferedReader(from, StandardCharsets.ISO_8859_1);
        BufferedWriter w = Files.newBufferedWriter(to, StandardCharsets.ISO_8859_1)) {
      String line;
      for (int i = 0; i < rows && (line = r.readLine()) != null; i++) {
        w.write(line);
        w.write('\n');
      }
    }
    return to;
  }
}
