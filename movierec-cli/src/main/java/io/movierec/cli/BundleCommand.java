package io.movierec.cli;

import io.movierec.blend.BlendedRanker;
import io.movierec.blend.RatingBlend;
import io.movierec.blend.RatingStatistics;
import io.movierec.index.VectorIndex;
import io.movierec.index.knn.KnnIndexes;
import io.movierec.io.OutputDirectory;
import io.movierec.models.DnnRanker;
import io.movierec.models.SlotModel;
import io.movierec.models.TwoTowerModel;
import io.movierec.models.WatchRanker;
import io.movierec.prepare.ServingStores;
import io.movierec.recommend.RankingModel;
import io.movierec.recommend.Recommender;
import io.movierec.recommend.TrendingChannel;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code movierec bundle --data DIR --recall MODEL_DIR [--rank MODEL_DIR [--blend FILE]] --out
 * BUNDLE [--index auto|exact|hnsw] [channel options]}: assembles a servable recommender — stores
 * from the MovieLens (or prepared) data, the trained models, an index of every movie's vector — and
 * saves it. With {@code --blend}, the ranker's predictions are weighed by a {@link RatingBlend}
 * ({@code movierec blend}), its statistics taken from the bundle's ratings. The recall channels and
 * the ordering are set by {@link ChannelOptions} ({@code --candidates N} sets the index channel's
 * quota); the co-occurrence and genre-popularity channels are built from the data's ratings.
 */
@Command(
    name = "bundle",
    mixinStandardHelpOptions = true,
    customSynopsis = {
      "movierec bundle --data DIR --recall MODEL_DIR [--rank MODEL_DIR [--blend FILE]] --out BUNDLE",
      "                 [--index auto|exact|hnsw] [channel options]",
    },
    sortOptions = false,
    description = {
      "Assembles a servable recommender (stores, trained models, an index of every movie's"
          + " vector, recall channels) and saves it as a bundle.",
      "BUNDLE must be new, empty or an earlier bundle."
    })
final class BundleCommand implements Callable<Integer> {

  /** What {@code --out} may be besides new or empty: an earlier bundle. */
  static final OutputDirectory.Kind OUTPUT_KIND =
      OutputDirectory.Kind.of("recommender-bundle", "recommender bundle", "BUNDLE");

  @Spec CommandSpec spec;

  @Option(
      names = "--data",
      required = true,
      paramLabel = "DIR",
      description = "MovieLens or prepared data: the users, movies and ratings served.")
  Path data = Path.of("");

  @Option(
      names = "--recall",
      required = true,
      paramLabel = "MODEL_DIR",
      description = "The saved recall model.")
  Path recall = Path.of("");

  @Option(
      names = "--rank",
      paramLabel = "MODEL_DIR",
      description = "The saved ranker (rank model or watch ranker).")
  @Nullable Path rank;

  @Option(
      names = "--blend",
      paramLabel = "FILE",
      description = "Weigh the ranker's predictions by this rating blend (needs --rank).")
  @Nullable Path blend;

  @Option(names = "--out", required = true, paramLabel = "BUNDLE", description = "The bundle.")
  Path out = Path.of("");

  @Option(
      names = "--index",
      paramLabel = "auto|exact|hnsw",
      description = "The movie vector index (default: ${DEFAULT-VALUE}).")
  String index = "auto";

  @Mixin ChannelOptions.Flags channels = new ChannelOptions.Flags();

  /** Runs {@code movierec bundle argv}, printing to {@code out}. */
  static void run(String[] argv, PrintStream out) throws IOException {
    Main.parse(new BundleCommand(), argv).execute(out);
  }

  @Override
  public Integer call() throws IOException {
    execute(Main.out(spec));
    return Main.OK;
  }

  void execute(PrintStream printer) throws IOException {
    long start = System.nanoTime();
    if (blend != null && rank == null) {
      throw new UsageException("--blend FILE needs --rank MODEL_DIR");
    }
    ChannelOptions options = channels.toOptions();
    Path bundle = out;
    OutputDirectory.checkApart(bundle, data, "--data");
    OutputDirectory.checkApart(bundle, recall, "--recall");
    if (rank != null) {
      OutputDirectory.checkApart(bundle, rank, "--rank");
    }
    OutputDirectory.check(bundle, OUTPUT_KIND);
    // A missing input fails before the output directory is claimed (and created).
    requireDirectory(data, "MovieLens or prepared data directory");
    requireDirectory(recall, "saved model directory");
    if (rank != null) {
      requireDirectory(rank, "saved model directory");
    }
    if (blend != null && !Files.isRegularFile(blend)) {
      throw new NoSuchFileException(blend.toString(), null, "no rating blend file");
    }
    OutputDirectory.claim(bundle, OUTPUT_KIND);
    if (options.quotas().containsKey(TrendingChannel.NAME)) {
      ServingStores.forEachRatingTime(data, options.trending()::addRating);
    }
    try (Recommender r = assemble(ServingStores.read(data), recall, rank, blend, index, options)) {
      r.save(bundle);
      printer.printf(
          "bundle %s: %,d movies (%s index, %,d bytes), %,d users, recall %s, rank %s, "
              + "channels %s, ordering %s; built in %.1f s%n",
          bundle,
          r.movieStore().size(),
          r.index().kind(),
          r.index().memoryBytes(),
          r.users().size(),
          recall,
          rank != null ? rank + (blend != null ? " blended by " + blend : "") : "none",
          r.channels().stream().map(c -> c.name() + "=" + c.quota()).toList(),
          r.effectiveOrdering().name().toLowerCase(Locale.ROOT),
          (System.nanoTime() - start) / 1e9);
    }
  }

  private static void requireDirectory(Path dir, String what) throws NoSuchFileException {
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir.toString(), null, "no " + what);
    }
  }

  /** A recommender over the data in {@code data} with the saved models. */
  static Recommender assemble(
      Path data, Path recall, @Nullable Path rank, String indexKind, int candidates)
      throws IOException {
    return assemble(ServingStores.read(data), recall, rank, null, indexKind, candidates);
  }

  /**
   * A recommender over {@code stores} with the saved models ({@code rank} and {@code blend} may be
   * null; a blend's statistics come from the stores' ratings); the models are closed again if it
   * cannot be built.
   */
  static Recommender assemble(
      ServingStores stores,
      Path recall,
      @Nullable Path rank,
      @Nullable Path blend,
      String indexKind,
      int candidates)
      throws IOException {
    return assemble(stores, recall, rank, blend, indexKind, ChannelOptions.indexOnly(candidates));
  }

  /**
   * A recommender over {@code stores} with the saved models and the recall channels and ordering of
   * {@code channels}, the channels built from the stores' histories.
   */
  static Recommender assemble(
      ServingStores stores,
      Path recall,
      @Nullable Path rank,
      @Nullable Path blend,
      String indexKind,
      ChannelOptions channels)
      throws IOException {
    TwoTowerModel recallModel = TwoTowerModel.load(recall);
    RankingModel ranker = null;
    try {
      ranker = rank == null ? null : loadRanker(rank);
      if (ranker != null && blend != null) {
        ranker =
            new BlendedRanker(ranker, RatingBlend.load(blend), RatingStatistics.of(stores.users()));
      }
      KnnIndexes.Builder b =
          KnnIndexes.newBuilder(recallModel.vectorDimension())
              .withExpectedSize(stores.movies().size());
      VectorIndex index =
          switch (indexKind) {
            case "auto" -> b.build();
            case "exact" -> b.exact().build();
            case "hnsw" -> b.hnsw().build();
            default ->
                throw new UsageException(
                    "--index must be auto, exact or hnsw, got '" + indexKind + "'");
          };
      return channels
          .apply(
              Recommender.newBuilder(recallModel, index, stores.movies())
                  .withUsers(stores.users())
                  .withRanker(ranker),
              stores)
          .build();
    } catch (IOException | RuntimeException e) {
      recallModel.close();
      if (ranker != null) {
        try {
          ranker.close();
        } catch (RuntimeException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  /** A saved ranker of either kind, by the kind its directory records. */
  static RankingModel loadRanker(Path dir) throws IOException {
    return WatchRanker.KIND.equals(SlotModel.describeSaved(dir).get("kind"))
        ? WatchRanker.load(dir)
        : DnnRanker.load(dir);
  }
}
