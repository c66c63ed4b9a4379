package io.movierec.cli;

import io.movierec.blend.BlendedRanker;
import io.movierec.blend.RatingBlend;
import io.movierec.blend.RatingStatistics;
import io.movierec.config.PaddleRecConfig;
import io.movierec.evaluation.RatingEvaluator;
import io.movierec.evaluation.RatingMetrics;
import io.movierec.io.AtomicFiles;
import io.movierec.models.RuntimeOptions;
import io.movierec.models.SlotModel;
import io.movierec.prepare.PreparedDataset;
import io.movierec.prepare.SplitRatings;
import io.movierec.recommend.RankingModel;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code movierec infer --model recall|rank|watch (--config config.yaml | --load DIR --data
 * OUT/test) [--epochs 4..5] [--dump FILE] [--blend FILE]}: PaddleRec's infer.py. Runs each saved
 * epoch over the test samples, prints its metrics and writes {@code user movie label prediction}
 * lines with raw MovieLens ids. On the test or validation samples of a prepared data set, the rank
 * model scores each user's held-out movies from the user's ratings before that part, as {@code
 * evaluate} does; with {@code --blend}, as a {@link BlendedRanker} weighing them by a {@link
 * RatingBlend} ({@code movierec blend}), its features from the ratings before that part.
 */
@Command(
    name = "infer",
    mixinStandardHelpOptions = true,
    customSynopsis = {
      "movierec infer --model recall|rank|watch (--load DIR --data OUT/test | --config FILE)",
      "                [--epochs N|FROM..TO] [--dump FILE] [--blend FILE]",
    },
    description = {
      "Runs saved epochs over test samples and prints their rating metrics (PaddleRec's"
          + " infer.py); --dump writes 'user movie label prediction' lines."
    })
final class InferCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "recall|rank|watch",
      converter = ModelKind.Converter.class,
      description = "The kind of the saved model.")
  ModelKind model = ModelKind.RECALL;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "A PaddleRec config.yaml (infer_load_path, test_data_dir, epochs).")
  @Nullable Path config;

  @Option(
      names = "--load",
      paramLabel = "DIR",
      description = "A training output directory, or one saved model (without --epochs).")
  @Nullable Path load;

  @Option(names = "--data", paramLabel = "OUT/test", description = "The samples to predict.")
  @Nullable Path data;

  @Option(
      names = "--epochs",
      paramLabel = "N|FROM..TO",
      description = "Saved epochs of --load to run, from 1 (default: --load is one model).")
  @Nullable String epochs;

  @Option(
      names = "--dump",
      paramLabel = "FILE",
      description = "Write the predictions (FILE.<epoch> for several epochs).")
  @Nullable Path dump;

  @Option(
      names = "--blend",
      paramLabel = "FILE",
      description = "Weigh a rank model's predictions by this rating blend (movierec blend).")
  @Nullable Path blend;

  /** Runs {@code movierec infer argv}, printing to {@code out}. */
  static List<RatingMetrics> run(String[] argv, PrintStream out) throws IOException {
    return Main.parse(new InferCommand(), argv).execute(out);
  }

  @Override
  public Integer call() throws IOException {
    execute(Main.out(spec));
    return Main.OK;
  }

  List<RatingMetrics> execute(PrintStream out) throws IOException {
    ModelKind kind = model;
    if (blend != null && kind != ModelKind.RANK) {
      throw new UsageException("--blend FILE weighs a rank model's predictions: use --model rank");
    }
    PaddleRecConfig cfg = config != null ? PaddleRecConfig.load(config) : null;
    Path loadDir = load != null ? load : cfg != null ? cfg.runner().inferLoadPath() : null;
    Path samples = data != null ? data : cfg != null ? cfg.runner().testDataDir() : null;
    Path dumpFile = dump != null ? dump : cfg != null ? cfg.runner().resultDumpPath() : null;
    if (loadDir == null || samples == null) {
      throw new UsageException(
          "give --load DIR and --data OUT/test, or a --config with infer_load_path and"
              + " test_data_dir");
    }
    int[] range = epochs(epochs, cfg);
    PreparedDataset dataset = PreparedDataset.ofSplitDirectory(samples);
    Optional<SplitRatings.Part> part = heldOutPart(dataset, samples);
    if (blend != null && part.isEmpty()) {
      throw new UsageException(
          "--blend FILE needs the test or validation samples of a prepared data set as --data,"
              + " got "
              + samples);
    }
    RatingBlend weights = blend != null ? RatingBlend.load(blend) : null;
    RatingStatistics statistics =
        blend != null ? RatingStatistics.before(dataset.ratings(), part.orElseThrow()) : null;
    List<RatingMetrics> all = new ArrayList<>();
    for (int e = range[0]; e <= range[1]; e++) {
      Path dir = range[0] == 0 && range[1] == 0 ? loadDir : loadDir.resolve(Integer.toString(e));
      try (SlotModel saved = kind.load(dir, RuntimeOptions.TRAINING)) {
        RankingModel ranker = ranker(saved, part, weights, statistics);
        RatingMetrics m;
        if (dumpFile == null) {
          m =
              ranker != null
                  ? RatingEvaluator.evaluate(ranker, dataset, part.orElseThrow())
                  : RatingEvaluator.evaluate(saved, samples);
        } else {
          Path f = range[0] == range[1] ? dumpFile : Path.of(dumpFile + "." + e);
          RatingMetrics[] holder = new RatingMetrics[1];
          AtomicFiles.write(
              f,
              os -> {
                Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
                w.write("#user\tmovie\tlabel\tprediction\n");
                holder[0] =
                    ranker != null
                        ? RatingEvaluator.evaluate(ranker, dataset, part.orElseThrow(), w)
                        : RatingEvaluator.evaluate(saved, samples, dataset.ratings(), w);
                w.flush();
              });
          m = holder[0];
          out.println("wrote predictions to " + f);
        }
        out.printf("epoch %d (%s): %s   [the reference prints mse as \"mae\"]%n", e, dir, m);
        all.add(m);
      }
    }
    return all;
  }

  /**
   * What scores the held-out ratings from each user's context, as {@code evaluate} does: the rank
   * model, blended if there is a blend; null for the recall model or other samples, which are
   * predicted as they are.
   */
  private static RankingModel ranker(
      SlotModel model,
      Optional<SplitRatings.Part> part,
      RatingBlend blend,
      RatingStatistics statistics) {
    if (!(model instanceof RankingModel r) || part.isEmpty()) {
      return null;
    }
    return blend == null ? r : new BlendedRanker(r, blend, statistics);
  }

  /** Which held-out part of the split {@code samples} holds: test, validation, or neither. */
  private static Optional<SplitRatings.Part> heldOutPart(PreparedDataset dataset, Path samples) {
    Path s = samples.toAbsolutePath().normalize();
    if (s.equals(dataset.testData().toAbsolutePath().normalize())) {
      return Optional.of(SplitRatings.Part.TEST);
    }
    if (dataset.validationData().map(v -> v.toAbsolutePath().normalize().equals(s)).orElse(false)) {
      return Optional.of(SplitRatings.Part.VALIDATION);
    }
    return Optional.empty();
  }

  /**
   * Saved epochs to run, 1-based and inclusive: {@code --epochs 4..5} or {@code 5}; or the config's
   * PaddleRec range (0-based, end exclusive: 4..5 means epoch 5); {@code 0..0} means the directory
   * itself is one saved model.
   */
  static int[] epochs(@Nullable String spec, @Nullable PaddleRecConfig cfg) {
    if (spec == null) {
      return cfg != null && cfg.runner().inferEndEpoch() > 0
          ? new int[] {cfg.runner().inferStartEpoch() + 1, cfg.runner().inferEndEpoch()}
          : new int[] {0, 0};
    }
    try {
      String[] p = spec.split("\\.\\.");
      int from = Integer.parseInt(p[0].trim());
      int to = Integer.parseInt(p[p.length - 1].trim());
      if (from < 1 || to < from) {
        throw new UsageException(
            "--epochs must be N or FROM..TO with 1 <= FROM <= TO, got '" + spec + "'");
      }
      return new int[] {from, to};
    } catch (NumberFormatException ex) {
      throw new UsageException("--epochs must be N or FROM..TO, got '" + spec + "'");
    }
  }
}
