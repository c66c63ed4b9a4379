package io.movierec.cli;

import io.movierec.blend.BlendedRanker;
import io.movierec.blend.RatingBlend;
import io.movierec.blend.RatingStatistics;
import io.movierec.evaluation.RatingEvaluator;
import io.movierec.evaluation.RatingMetrics;
import io.movierec.evaluation.RecallEvaluator;
import io.movierec.evaluation.RecallMetrics;
import io.movierec.evaluation.WatchEvaluator;
import io.movierec.io.AtomicFiles;
import io.movierec.models.RuntimeOptions;
import io.movierec.models.SlotModel;
import io.movierec.models.TwoTowerModel;
import io.movierec.models.WatchRanker;
import io.movierec.prepare.PreparedDataset;
import io.movierec.prepare.SplitRatings;
import io.movierec.recommend.RankingModel;
import io.movierec.recommend.RecallModel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code movierec evaluate}: PaddleRec's parse.py, and more.
 *
 * <ul>
 *   <li>{@code --predictions FILE}: the metrics of an {@code infer --dump} file (what parse.py
 *       prints, under honest names).
 *   <li>{@code --model recall|rank --load DIR --data OUT [--part test|validation]}: rating metrics
 *       on that part, and for the recall model top-K retrieval over the whole catalogue, each
 *       user's earlier movies excluded; {@code --topk-dump FILE} writes every user's top 100 as
 *       {@code user rank movie score}. The rank model scores each user's held-out movies from the
 *       user's ratings before that part, as it would serve them; {@code --blend FILE} evaluates it
 *       as a {@link BlendedRanker}, its predictions weighed with a {@link RatingBlend} fitted by
 *       {@code movierec blend}, the features taken from the ratings before that part; {@code --dump
 *       FILE} writes the (blended) predictions as {@code user movie label prediction}.
 *   <li>{@code --baseline popularity --data OUT}: the same retrieval metrics for "most rated
 *       first".
 *   <li>{@code --online --recall DIR [--rank DIR] --data OUT}: the path users see, {@code
 *       recommend(user, 100)} for every held-out user (see {@link #online}), with the recall
 *       channels and ordering of {@link ChannelOptions}; {@code --per-channel} adds each channel's
 *       own list, {@code --cold-start} new users from demographics only, {@code --topk-dump FILE}
 *       writes the final lists.
 * </ul>
 */
final class EvaluateCommand {

  static final String USAGE =
      "evaluate --predictions FILE\n"
          + "  evaluate --model watch --load DIR --recall DIR --data OUT [--part test|validation]"
          + " [--cosine-weight 0]\n"
          + "  evaluate --model recall|rank --load DIR --data OUT [--part test|validation] "
          + "[--topk-dump FILE]\n"
          + "           [--blend FILE] [--dump FILE]\n"
          + "  evaluate --baseline popularity --data OUT [--part test|validation]\n"
          + "  evaluate --online --recall DIR [--rank DIR [--blend FILE]] --data OUT "
          + "[--part test|validation]\n"
          + "           [--topk-dump FILE] [--cold-start] [--per-channel] "
          + ChannelOptions.USAGE;

  /** Seeds the AUC's negatives. */
  static final long WATCH_EVALUATION_SEED = 5L;

  private EvaluateCommand() {}

  /** The figures one evaluation printed. */
  record Result(RatingMetrics rating, RecallMetrics retrieval) {}

  static Result run(String[] argv, PrintStream out) throws IOException {
    Set<String> keys = new java.util.HashSet<>(ChannelOptions.KEYS);
    keys.addAll(
        Set.of(
            "predictions",
            "model",
            "load",
            "data",
            "part",
            "topk-dump",
            "baseline",
            "recall",
            "rank",
            "candidates",
            "blend",
            "dump",
            "cosine-weight"));
    Args a = new Args(argv, keys, Set.of("online", "cold-start", "per-channel"));
    if (a.flag("online")) {
      return new Result(null, online(a, out));
    }
    if (a.has("predictions")) {
      RatingMetrics m = fromDump(a.path("predictions"));
      out.println(
          "predictions "
              + a.path("predictions")
              + ": "
              + m
              + "   [the reference prints mse as \"mae\"]");
      return new Result(m, null);
    }
    PreparedDataset data = PreparedDataset.ofSplitDirectory(a.path("data"));
    SplitRatings.Part part =
        switch (a.get("part", "test")) {
          case "test" -> SplitRatings.Part.TEST;
          case "validation" -> SplitRatings.Part.VALIDATION;
          default -> throw new Args.UsageException("--part must be test or validation");
        };
    Path samples =
        part == SplitRatings.Part.TEST
            ? data.testData()
            : data.validationData()
                .orElseThrow(
                    () ->
                        new Args.UsageException(
                            data.directory()
                                + " has no validation split (prepare it with --validation)"));
    RecallEvaluator retrieval = new RecallEvaluator(data);
    if (a.has("baseline")) {
      if (!a.get("baseline", "").equals("popularity")) {
        throw new Args.UsageException("--baseline must be popularity");
      }
      RecallMetrics r = retrieval.evaluate(retrieval.popularity(), part);
      out.println("popularity baseline, " + part.name().toLowerCase() + ": " + r);
      return new Result(null, r);
    }
    ModelKind kind = ModelKind.parse(a.required("model"));
    if (a.has("blend") && kind == ModelKind.RECALL) {
      throw new Args.UsageException(
          "--blend weighs a rank model's predictions: use it with --model rank or watch");
    }
    try (SlotModel model = kind.load(a.path("load"), RuntimeOptions.TRAINING)) {
      RatingMetrics m = rating(model, samples, data, part, a, out);
      RecallMetrics r = null;
      if (model instanceof WatchRanker watch && a.has("recall")) {
        try (TwoTowerModel recall = TwoTowerModel.load(a.path("recall"), RuntimeOptions.TRAINING)) {
          WatchEvaluator.Result w =
              WatchEvaluator.evaluate(
                  data, recall, watch, part, a.decimal("cosine-weight", 0f), WATCH_EVALUATION_SEED);
          out.println(
              "watch ranking of the recall top "
                  + WatchEvaluator.CANDIDATES
                  + ", "
                  + part.name().toLowerCase()
                  + ": "
                  + w);
        }
      }
      if (model instanceof RecallModel recall) {
        RecallEvaluator.Scorer scorer = retrieval.cosine(recall);
        if (a.has("topk-dump")) {
          RecallMetrics[] holder = new RecallMetrics[1];
          AtomicFiles.write(
              a.path("topk-dump"),
              os -> {
                Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
                w.write("#user\trank\tmovie\tscore\n");
                holder[0] = retrieval.evaluate(scorer, part, w);
                w.flush();
              });
          r = holder[0];
          out.println("wrote top-100 lists to " + a.path("topk-dump"));
        } else {
          r = retrieval.evaluate(scorer, part);
        }
        out.println("retrieval, " + part.name().toLowerCase() + ": " + r);
      }
      return new Result(m, r);
    }
  }

  /**
   * Rating metrics of {@code model} on {@code part}, blended and dumped as {@code a} asks: a ranker
   * (blended or not) scores each user's held-out movies from the user's context before the part;
   * the recall model, which predicts ratings only from samples, predicts the part's samples.
   */
  private static RatingMetrics rating(
      SlotModel model,
      Path samples,
      PreparedDataset data,
      SplitRatings.Part part,
      Args a,
      PrintStream out)
      throws IOException {
    RankingModel ranker = null;
    if (model instanceof RankingModel r) {
      ranker =
          a.has("blend")
              ? new BlendedRanker(
                  r,
                  RatingBlend.load(a.path("blend")),
                  RatingStatistics.before(data.ratings(), part))
              : r;
    }
    RatingMetrics m;
    if (a.has("dump")) {
      RankingModel scorer = ranker;
      RatingMetrics[] holder = new RatingMetrics[1];
      AtomicFiles.write(
          a.path("dump"),
          os -> {
            Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
            w.write("#user\tmovie\tlabel\tprediction\n");
            holder[0] =
                scorer != null
                    ? RatingEvaluator.evaluate(scorer, data, part, w)
                    : RatingEvaluator.evaluate(model, samples, data.ratings(), w);
            w.flush();
          });
      m = holder[0];
      out.println("wrote predictions to " + a.path("dump"));
    } else {
      m =
          ranker != null
              ? RatingEvaluator.evaluate(ranker, data, part)
              : RatingEvaluator.evaluate(model, samples);
    }
    out.println(
        "rating metrics, "
            + part.name().toLowerCase()
            + (a.has("blend") ? " (blended by " + a.path("blend") + ")" : "")
            + ": "
            + m
            + "   [the reference prints mse as \"mae\"]");
    return m;
  }

  /**
   * The online path on the held-out ratings of a part (test by default): a recommender whose users
   * know only the ratings before that part (training and validation ratings for the test part,
   * training ratings for the validation part), its channels built from those ratings, asked {@code
   * recommend(user, 100)} for every user with a held-out rating; a hit is the held-out movie in the
   * top 10 or 100 of the final list.
   *
   * <p>Prints one line for the merged list, then which channels found its movies (the share of the
   * top-10 slots and of the hits each channel found; a movie found by several counts for each);
   * with {@code --per-channel}, each channel's own top 100 in its own order; with {@code
   * --cold-start}, HR@10 of {@code recommend(profile, 10)} for the same users with their history
   * hidden, against "most rated first". {@code --topk-dump FILE} writes each user's final list as
   * {@code user rank movie score} lines (raw MovieLens ids, rank from 1, the score the list is
   * ordered by), tab-separated, after a {@code #user rank movie score} header.
   */
  static RecallMetrics online(Args a, PrintStream out) throws IOException {
    PreparedDataset data = PreparedDataset.ofSplitDirectory(a.path("data"));
    SplitRatings.Part part =
        switch (a.get("part", "test")) {
          case "test" -> SplitRatings.Part.TEST;
          case "validation" -> SplitRatings.Part.VALIDATION;
          default -> throw new Args.UsageException("--part must be test or validation");
        };
    io.movierec.prepare.ServingStores stores =
        io.movierec.prepare.ServingStores.of(
            data,
            part == SplitRatings.Part.TEST
                ? java.util.EnumSet.of(SplitRatings.Part.TRAIN, SplitRatings.Part.VALIDATION)
                : java.util.EnumSet.of(SplitRatings.Part.TRAIN));
    ChannelOptions channels = ChannelOptions.parse(a);
    try (io.movierec.recommend.Recommender r =
        BundleCommand.assemble(
            stores,
            a.path("recall"),
            a.has("rank") ? a.path("rank") : null,
            a.has("blend") ? a.path("blend") : null,
            "auto",
            channels)) {
      OnlineEvaluation eval = new OnlineEvaluation(r, data.ratings(), stores, part);
      long t0 = System.nanoTime();
      RecallMetrics m;
      if (a.has("topk-dump")) {
        RecallMetrics[] holder = new RecallMetrics[1];
        AtomicFiles.write(
            a.path("topk-dump"),
            os -> {
              Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
              w.write("#user\trank\tmovie\tscore\n");
              holder[0] = eval.merged(w);
              w.flush();
            });
        m = holder[0];
      } else {
        m = eval.merged(null);
      }
      double secs = (System.nanoTime() - t0) / 1e9;
      String partName = part.name().toLowerCase(java.util.Locale.ROOT);
      out.printf(
          java.util.Locale.ROOT,
          "online path, %s (%s index, channels %s, %s, ordering %s): %s; %.2f ms per recommend%n",
          partName,
          r.index().kind(),
          r.channels().stream().map(c -> c.name() + "=" + c.quota()).toList(),
          r.ranker().isEmpty() ? "no ranker" : a.has("blend") ? "ranked, blended" : "ranked",
          r.effectiveOrdering().name().toLowerCase(java.util.Locale.ROOT),
          m,
          1000 * secs / m.users());
      out.println("  " + eval.attribution());
      if (a.has("topk-dump")) {
        out.println("  wrote the final top-100 lists to " + a.path("topk-dump"));
      }
      if (a.flag("per-channel")) {
        for (io.movierec.recommend.ChannelQuota c : r.channels()) {
          out.println(
              "online channel "
                  + c.name()
                  + " alone, "
                  + partName
                  + " (its own top 100, its own order): "
                  + eval.channelAlone(c.name()));
        }
      }
      if (a.flag("cold-start")) {
        out.println(eval.coldStart());
      }
      return m;
    }
  }

  /** parse.py: metrics from {@code user movie label prediction} lines. */
  static RatingMetrics fromDump(Path file) throws IOException {
    RatingMetrics.Accumulator acc = new RatingMetrics.Accumulator();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      long n = 0;
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        n++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t");
        if (f.length != 4) {
          throw new IOException(
              file
                  + " line "
                  + n
                  + ": expected user, movie, label, prediction; "
                  + "got '"
                  + line
                  + "'");
        }
        try {
          acc.add(Float.parseFloat(f[3]), Float.parseFloat(f[2]));
        } catch (NumberFormatException e) {
          throw new IOException(
              file + " line " + n + ": label or prediction is not a number: '" + line + "'");
        }
      }
    }
    return acc.result();
  }
}
