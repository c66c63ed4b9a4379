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
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code movierec bundle --data DIR --recall MODEL_DIR [--rank MODEL_DIR [--blend FILE]] --out
 * BUNDLE [--index auto|exact|hnsw] [channel options]}: assembles a servable recommender — stores
 * from the MovieLens (or prepared) data, the trained models, an index of every movie's vector — and
 * saves it. With {@code --blend}, the ranker's predictions are weighed by a {@link RatingBlend}
 * ({@code movierec blend}), its statistics taken from the bundle's ratings. The recall channels and
 * the ordering are set by {@link ChannelOptions} ({@code --candidates N} sets the index channel's
 * quota); the co-occurrence and genre-popularity channels are built from the data's ratings.
 */
final class BundleCommand {

  static final String USAGE =
      "bundle --data MOVIELENS_OR_PREPARED_DIR --recall MODEL_DIR [--rank MODEL_DIR [--blend FILE]]\n"
          + "        --out BUNDLE [--index auto|exact|hnsw]\n        "
          + ChannelOptions.USAGE;

  /** What {@code --out} may be besides new or empty: an earlier bundle. */
  static final OutputDirectory.Kind OUTPUT_KIND =
      OutputDirectory.Kind.of("recommender-bundle", "recommender bundle", "BUNDLE");

  private BundleCommand() {}

  static void run(String[] argv, PrintStream out) throws IOException {
    Set<String> keys = new java.util.HashSet<>(ChannelOptions.KEYS);
    keys.addAll(Set.of("data", "recall", "rank", "blend", "out", "index", "candidates"));
    Args a = new Args(argv, keys, Set.of());

    long start = System.nanoTime();
    if (a.has("blend") && !a.has("rank")) {
      throw new Args.UsageException("--blend needs --rank");
    }
    Path bundle = a.path("out");
    OutputDirectory.checkApart(bundle, a.path("data"), "--data");
    OutputDirectory.checkApart(bundle, a.path("recall"), "--recall");
    if (a.has("rank")) {
      OutputDirectory.checkApart(bundle, a.path("rank"), "--rank");
    }
    OutputDirectory.claim(bundle, OUTPUT_KIND);
    try (Recommender r =
        assemble(
            ServingStores.read(a.path("data")),
            a.path("recall"),
            a.has("rank") ? a.path("rank") : null,
            a.has("blend") ? a.path("blend") : null,
            a.get("index", "auto"),
            ChannelOptions.parse(a))) {
      r.save(a.path("out"));
      out.printf(
          "bundle %s: %,d movies (%s index, %,d bytes), %,d users, recall %s, rank %s, "
              + "channels %s, ordering %s; built in %.1f s%n",
          a.path("out"),
          r.movieStore().size(),
          r.index().kind(),
          r.index().memoryBytes(),
          r.users().size(),
          a.path("recall"),
          a.has("rank")
              ? a.path("rank") + (a.has("blend") ? " blended by " + a.path("blend") : "")
              : "none",
          r.channels().stream().map(c -> c.name() + "=" + c.quota()).toList(),
          r.effectiveOrdering().name().toLowerCase(java.util.Locale.ROOT),
          (System.nanoTime() - start) / 1e9);
    }
  }

  /** A recommender over the data in {@code data} with the saved models. */
  static Recommender assemble(Path data, Path recall, Path rank, String indexKind, int candidates)
      throws IOException {
    return assemble(ServingStores.read(data), recall, rank, null, indexKind, candidates);
  }

  /**
   * A recommender over {@code stores} with the saved models ({@code rank} and {@code blend} may be
   * null; a blend's statistics come from the stores' ratings); the models are closed again if it
   * cannot be built.
   */
  static Recommender assemble(
      ServingStores stores, Path recall, Path rank, Path blend, String indexKind, int candidates)
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
      Path rank,
      Path blend,
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
            default -> throw new Args.UsageException("--index must be auto, exact or hnsw");
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
