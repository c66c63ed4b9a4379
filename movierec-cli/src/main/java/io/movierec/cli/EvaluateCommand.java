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
import io.movierec.models.Objective;
import io.movierec.models.RuntimeOptions;
import io.movierec.models.SlotModel;
import io.movierec.models.TwoTowerModel;
import io.movierec.models.WatchRanker;
import io.movierec.prepare.PreparedDataset;
import io.movierec.prepare.ServingStores;
import io.movierec.prepare.SplitRatings;
import io.movierec.recommend.ChannelQuota;
import io.movierec.recommend.RankingModel;
import io.movierec.recommend.RecallModel;
import io.movierec.recommend.Recommender;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code movierec evaluate}: PaddleRec's parse.py, and more.
 *
 * <ul>
 *   <li>{@code --predictions FILE}: the metrics of an {@code infer --dump} file (what parse.py
 *       prints, under honest names).
 *   <li>{@code --model recall|rank --load DIR --data OUT [--part test|validation]}: rating metrics
 *       on that part (not for a recall model trained with sampled softmax, whose cosine scores are
 *       not ratings, unless {@code --dump} asks for them), and for the recall model top-K retrieval
 *       over the whole catalogue, each user's earlier movies excluded; {@code --topk-dump FILE}
 *       writes every user's top 100 as {@code user rank movie score}. The rank model scores each
 *       user's held-out movies from the user's ratings before that part, as it would serve them;
 *       {@code --blend FILE} evaluates it as a {@link BlendedRanker}, its predictions weighed with
 *       a {@link RatingBlend} fitted by {@code movierec blend}, the features taken from the ratings
 *       before that part; {@code --dump FILE} writes the (blended) predictions as {@code user movie
 *       label prediction}.
 *   <li>{@code --baseline popularity --data OUT}: the same retrieval metrics for "most rated
 *       first".
 *   <li>{@code --online --recall DIR [--rank DIR] --data OUT}: the path users see, {@code
 *       recommend(user, 100)} for every held-out user (see {@link #online}), with the recall
 *       channels and ordering of {@link ChannelOptions}; {@code --per-channel} adds each channel's
 *       own list, {@code --cold-start} new users from demographics only, {@code --topk-dump FILE}
 *       writes the final lists.
 * </ul>
 */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    customSynopsis = {
      "movierec evaluate --predictions FILE",
      "movierec evaluate --model recall|rank|watch --load DIR --data OUT [OPTIONS]",
      "movierec evaluate --baseline popularity --data OUT [--part test|validation]",
      "movierec evaluate --online --recall DIR [--rank DIR [--blend FILE]] --data OUT [OPTIONS]",
    },
    sortOptions = false,
    description = {
      "Evaluates predictions or saved models (PaddleRec's parse.py, and more): the metrics of a"
          + " predictions file; rating and retrieval metrics of a saved model; 'most rated first';"
          + " or the online path, recommend(user, 100) with recall channels (--online)."
    })
final class EvaluateCommand implements Callable<Integer> {

  /** Seeds the AUC's negatives. */
  static final long WATCH_EVALUATION_SEED = 5L;

  @Spec CommandSpec spec;

  @Option(
      names = "--predictions",
      paramLabel = "FILE",
      description = "The metrics of an 'infer --dump' file.")
  @Nullable Path predictions;

  @Option(
      names = "--model",
      paramLabel = "recall|rank|watch",
      converter = ModelKind.Converter.class,
      description = "The kind of the model in --load.")
  @Nullable ModelKind model;

  @Option(names = "--load", paramLabel = "DIR", description = "A saved model.")
  @Nullable Path load;

  @Option(names = "--data", paramLabel = "OUT", description = "A prepared data set.")
  @Nullable Path data;

  @Option(
      names = "--part",
      paramLabel = "test|validation",
      description = "The held-out part to evaluate on (default: ${DEFAULT-VALUE}).")
  String part = "test";

  @Option(
      names = "--topk-dump",
      paramLabel = "FILE",
      description = "Write every user's top 100 as 'user rank movie score' lines.")
  @Nullable Path topkDump;

  @Option(
      names = "--baseline",
      paramLabel = "popularity",
      description = "Retrieval metrics of 'most rated first'.")
  @Nullable String baseline;

  @Option(
      names = "--recall",
      paramLabel = "DIR",
      description =
          "--online: the recall model; --model watch: the recall model whose top"
              + " candidates it ranks.")
  @Nullable Path recall;

  @Option(names = "--rank", paramLabel = "DIR", description = "--online: the ranker.")
  @Nullable Path rank;

  @Option(
      names = "--blend",
      paramLabel = "FILE",
      description = "Weigh the ranker's predictions by this rating blend (movierec blend).")
  @Nullable Path blend;

  @Option(
      names = "--dump",
      paramLabel = "FILE",
      description = "Write the predictions as 'user movie label prediction' lines.")
  @Nullable Path dump;

  @Option(
      names = "--cosine-weight",
      paramLabel = "X",
      description = "--model watch: weight of the recall cosine in the order (default: 0).")
  float cosineWeight;

  @Option(names = "--online", description = "Evaluate the path users see, recommend(user, 100).")
  boolean online;

  @Option(names = "--cold-start", description = "--online: also new users from demographics.")
  boolean coldStart;

  @Option(names = "--per-channel", description = "--online: also each channel's own list.")
  boolean perChannel;

  @Mixin ChannelOptions.Flags channels = new ChannelOptions.Flags();

  /** The figures one evaluation printed. */
  record Result(@Nullable RatingMetrics rating, @Nullable RecallMetrics retrieval) {}

  /** Runs {@code movierec evaluate argv}, printing to {@code out}. */
  static Result run(String[] argv, PrintStream out) throws IOException {
    return Main.parse(new EvaluateCommand(), argv).execute(out);
  }

  @Override
  public Integer call() throws IOException {
    execute(Main.out(spec));
    return Main.OK;
  }

  Result execute(PrintStream out) throws IOException {
    if (online) {
      return new Result(null, online(out));
    }
    if (predictions != null) {
      RatingMetrics m = fromDump(predictions);
      out.println(
          "predictions " + predictions + ": " + m + "   [the reference prints mse as \"mae\"]");
      return new Result(m, null);
    }
    PreparedDataset dataset = PreparedDataset.ofSplitDirectory(required(data, "--data OUT"));
    SplitRatings.Part p = part();
    Path samples =
        p == SplitRatings.Part.TEST
            ? dataset.testData()
            : dataset
                .validationData()
                .orElseThrow(
                    () ->
                        new UsageException(
                            dataset.directory()
                                + " has no validation split (prepare it with --validation)"));
    RecallEvaluator retrieval = new RecallEvaluator(dataset);
    if (baseline != null) {
      if (!baseline.equals("popularity")) {
        throw new UsageException("--baseline must be popularity, got '" + baseline + "'");
      }
      RecallMetrics r = retrieval.evaluate(retrieval.popularity(), p);
      out.println("popularity baseline, " + p.name().toLowerCase(Locale.ROOT) + ": " + r);
      return new Result(null, r);
    }
    if (model == null) {
      throw new UsageException(
          "say what to evaluate: --predictions FILE, --model KIND --load DIR, --baseline"
              + " popularity or --online");
    }
    ModelKind kind = model;
    if (blend != null && kind == ModelKind.RECALL) {
      throw new UsageException(
          "--blend FILE weighs a rank model's predictions: use it with --model rank or watch");
    }
    try (SlotModel saved = kind.load(required(load, "--load DIR"), RuntimeOptions.TRAINING)) {
      // A recall model trained with sampled softmax scores by cosine: its scores are no ratings.
      @Nullable RatingMetrics m =
          saved.config().objective() == Objective.SAMPLED_SOFTMAX && dump == null
              ? null
              : rating(saved, samples, dataset, p, out);
      RecallMetrics r = null;
      if (saved instanceof WatchRanker watch && recall != null) {
        try (TwoTowerModel recallModel = TwoTowerModel.load(recall, RuntimeOptions.TRAINING)) {
          WatchEvaluator.Result w =
              WatchEvaluator.evaluate(
                  dataset, recallModel, watch, p, cosineWeight, WATCH_EVALUATION_SEED);
          out.println(
              "watch ranking of the recall top "
                  + WatchEvaluator.CANDIDATES
                  + ", "
                  + p.name().toLowerCase(Locale.ROOT)
                  + ": "
                  + w);
        }
      }
      if (saved instanceof RecallModel recallModel) {
        RecallEvaluator.Scorer scorer = retrieval.cosine(recallModel);
        if (topkDump != null) {
          RecallMetrics[] holder = new RecallMetrics[1];
          AtomicFiles.write(
              topkDump,
              os -> {
                Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
                w.write("#user\trank\tmovie\tscore\n");
                holder[0] = retrieval.evaluate(scorer, p, w);
                w.flush();
              });
          r = holder[0];
          out.println("wrote top-100 lists to " + topkDump);
        } else {
          r = retrieval.evaluate(scorer, p);
        }
        out.println("retrieval, " + p.name().toLowerCase(Locale.ROOT) + ": " + r);
      }
      return new Result(m, r);
    }
  }

  private SplitRatings.Part part() {
    return switch (part) {
      case "test" -> SplitRatings.Part.TEST;
      case "validation" -> SplitRatings.Part.VALIDATION;
      default -> throw new UsageException("--part must be test or validation, got '" + part + "'");
    };
  }

  /** {@code value}, which the option {@code option} gives. */
  private static Path required(@Nullable Path value, String option) {
    if (value == null) {
      throw new UsageException(option + " is required here");
    }
    return value;
  }

  /**
   * Rating metrics of {@code model} on {@code part}, blended and dumped as {@code a} asks: a ranker
   * (blended or not) scores each user's held-out movies from the user's context before the part;
   * the recall model, which predicts ratings only from samples, predicts the part's samples.
   */
  private RatingMetrics rating(
      SlotModel model, Path samples, PreparedDataset data, SplitRatings.Part part, PrintStream out)
      throws IOException {
    RankingModel ranker = null;
    if (model instanceof RankingModel r) {
      ranker =
          blend != null
              ? new BlendedRanker(
                  r, RatingBlend.load(blend), RatingStatistics.before(data.ratings(), part))
              : r;
    }
    RatingMetrics m;
    if (dump != null) {
      RankingModel scorer = ranker;
      RatingMetrics[] holder = new RatingMetrics[1];
      AtomicFiles.write(
          dump,
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
      out.println("wrote predictions to " + dump);
    } else {
      m =
          ranker != null
              ? RatingEvaluator.evaluate(ranker, data, part)
              : RatingEvaluator.evaluate(model, samples);
    }
    out.println(
        "rating metrics, "
            + part.name().toLowerCase(Locale.ROOT)
            + (blend != null ? " (blended by " + blend + ")" : "")
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
  RecallMetrics online(PrintStream out) throws IOException {
    PreparedDataset dataset = PreparedDataset.ofSplitDirectory(required(data, "--data OUT"));
    SplitRatings.Part p = part();
    Set<SplitRatings.Part> counted =
        p == SplitRatings.Part.TEST
            ? EnumSet.of(SplitRatings.Part.TRAIN, SplitRatings.Part.VALIDATION)
            : EnumSet.of(SplitRatings.Part.TRAIN);
    ServingStores stores = ServingStores.of(dataset, counted);
    ChannelOptions options = channels.toOptions();
    SplitRatings all = dataset.ratings();
    for (int i = 0; i < all.size(); i++) {
      if (counted.contains(all.part(i))) {
        options.trending().addRating(all.movie(i), all.time(i));
      }
    }
    try (Recommender r =
        BundleCommand.assemble(
            stores, required(recall, "--recall DIR"), rank, blend, "auto", options)) {
      OnlineEvaluation eval = new OnlineEvaluation(r, dataset.ratings(), stores, p);
      long t0 = System.nanoTime();
      RecallMetrics m;
      if (topkDump != null) {
        RecallMetrics[] holder = new RecallMetrics[1];
        AtomicFiles.write(
            topkDump,
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
      String partName = p.name().toLowerCase(Locale.ROOT);
      out.printf(
          Locale.ROOT,
          "online path, %s (%s index, channels %s, %s, ordering %s): %s; %.2f ms per recommend%n",
          partName,
          r.index().kind(),
          r.channels().stream().map(c -> c.name() + "=" + c.quota()).toList(),
          r.ranker().isEmpty() ? "no ranker" : blend != null ? "ranked, blended" : "ranked",
          r.effectiveOrdering().name().toLowerCase(Locale.ROOT),
          m,
          1000 * secs / m.users());
      out.println("  " + eval.attribution());
      if (topkDump != null) {
        out.println("  wrote the final top-100 lists to " + topkDump);
      }
      if (perChannel) {
        for (ChannelQuota c : r.channels()) {
          out.println(
              "online channel "
                  + c.name()
                  + " alone, "
                  + partName
                  + " (its own top 100, its own order): "
                  + eval.channelAlone(c.name()));
        }
      }
      if (coldStart) {
        out.println(eval.coldStart());
      }
      return m;
    }
  }

  /**
   * parse.py: metrics from {@code user movie label prediction} lines.
   *
   * @throws IOException naming the file and line of a line that is not four tab-separated fields
   *     with numeric label and prediction, or if the file is not UTF-8 text
   */
  static RatingMetrics fromDump(Path file) throws IOException {
    RatingMetrics.Accumulator acc = new RatingMetrics.Accumulator();
    long n = 0;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
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
                  + ": expected user, movie, label, prediction; got '"
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
    } catch (CharacterCodingException e) {
      throw new IOException(file + " line " + (n + 1) + ": not UTF-8 text", e);
    }
    if (acc.result().count() == 0) {
      throw new IOException(file + " holds no predictions");
    }
    return acc.result();
  }
}
