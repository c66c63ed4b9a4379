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
import java.util.Set;

/**
 * {@code movierec infer --model recall|rank (--config config.yaml | --load DIR --data OUT/test)
 * [--epochs 4..5] [--dump FILE] [--blend FILE]}: PaddleRec's infer.py. Runs each saved epoch over
 * the test samples, prints its metrics and writes {@code user movie label prediction} lines with
 * raw MovieLens ids. On the test or validation samples of a prepared data set, the rank model
 * scores each user's held-out movies from the user's ratings before that part, as {@code evaluate}
 * does; with {@code --blend}, as a {@link BlendedRanker} weighing them by a {@link RatingBlend}
 * ({@code movierec blend}), its features from the ratings before that part.
 */
final class InferCommand {

  static final String USAGE =
      "infer --model recall|rank (--config config.yaml | --load DIR --data OUT/test)\n"
          + "        [--epochs 4..5] [--dump FILE] [--blend FILE]";

  private InferCommand() {}

  static List<RatingMetrics> run(String[] argv, PrintStream out) throws IOException {
    Args a =
        new Args(
            argv, Set.of("model", "config", "load", "data", "epochs", "dump", "blend"), Set.of());
    ModelKind kind = ModelKind.parse(a.required("model"));
    if (a.has("blend") && kind != ModelKind.RANK) {
      throw new Args.UsageException(
          "--blend weighs a rank model's predictions: use it with " + "--model rank");
    }
    PaddleRecConfig cfg = a.has("config") ? PaddleRecConfig.load(a.path("config")) : null;
    Path load = a.has("load") ? a.path("load") : cfg != null ? cfg.runner().inferLoadPath() : null;
    Path data = a.has("data") ? a.path("data") : cfg != null ? cfg.runner().testDataDir() : null;
    Path dump = a.has("dump") ? a.path("dump") : cfg != null ? cfg.runner().resultDumpPath() : null;
    if (load == null || data == null) {
      throw new Args.UsageException(
          "give --load and --data, or a config with infer_load_path and " + "test_data_dir");
    }
    int[] range = epochs(a.get("epochs", null), cfg);
    PreparedDataset dataset = PreparedDataset.ofSplitDirectory(data);
    Optional<SplitRatings.Part> part = heldOutPart(dataset, data);
    if (a.has("blend") && part.isEmpty()) {
      throw new Args.UsageException(
          "--blend needs the test or validation samples of a prepared "
              + "data set as --data, got "
              + data);
    }
    RatingBlend blend = a.has("blend") ? RatingBlend.load(a.path("blend")) : null;
    RatingStatistics statistics =
        a.has("blend") ? RatingStatistics.before(dataset.ratings(), part.orElseThrow()) : null;
    List<RatingMetrics> all = new ArrayList<>();
    for (int e = range[0]; e <= range[1]; e++) {
      Path dir = range[0] == 0 && range[1] == 0 ? load : load.resolve(Integer.toString(e));
      try (SlotModel model = kind.load(dir, RuntimeOptions.TRAINING)) {
        RankingModel ranker = ranker(model, part, blend, statistics);
        RatingMetrics m;
        if (dump == null) {
          m =
              ranker != null
                  ? RatingEvaluator.evaluate(ranker, dataset, part.orElseThrow())
                  : RatingEvaluator.evaluate(model, data);
        } else {
          Path f = range[0] == range[1] ? dump : Path.of(dump + "." + e);
          RatingMetrics[] holder = new RatingMetrics[1];
          AtomicFiles.write(
              f,
              os -> {
                Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
                w.write("#user\tmovie\tlabel\tprediction\n");
                holder[0] =
                    ranker != null
                        ? RatingEvaluator.evaluate(ranker, dataset, part.orElseThrow(), w)
                        : RatingEvaluator.evaluate(model, data, dataset.ratings(), w);
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
  static int[] epochs(String spec, PaddleRecConfig cfg) {
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
        throw new Args.UsageException("--epochs must be N or FROM..TO with 1 <= FROM <= TO");
      }
      return new int[] {from, to};
    } catch (NumberFormatException ex) {
      throw new Args.UsageException("--epochs must be N or FROM..TO, got '" + spec + "'");
    }
  }
}
