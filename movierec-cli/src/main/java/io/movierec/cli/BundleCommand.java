package io.movierec.cli;

import io.movierec.blend.BlendedRanker;
import io.movierec.blend.RatingBlend;
import io.movierec.blend.RatingStatistics;
import io.movierec.domain.Movie;
import io.movierec.domain.UserContext;
import io.movierec.index.VectorIndex;
import io.movierec.index.knn.KnnIndexes;
import io.movierec.models.DnnRanker;
import io.movierec.models.SlotModel;
import io.movierec.models.TwoTowerModel;
import io.movierec.models.WatchRanker;
import io.movierec.prepare.ServingStores;
import io.movierec.recommend.RankScores;
import io.movierec.recommend.RankingModel;
import io.movierec.recommend.Recommender;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code movierec bundle --data DIR --recall MODEL_DIR [--rank MODEL_DIR [--blend FILE]] --out
 * BUNDLE [--index auto|exact|hnsw] [--candidates N]}: assembles a servable recommender — stores
 * from the MovieLens (or prepared) data, the trained models, an index of every movie's vector — and
 * saves it. With {@code --blend}, the ranker's predictions are weighed by a {@link RatingBlend}
 * ({@code movierec blend}), its statistics taken from the bundle's ratings.
 */
final class BundleCommand {

  static final String USAGE =
      "bundle --data MOVIELENS_OR_PREPARED_DIR --recall MODEL_DIR [--rank MODEL_DIR [--blend FILE]]\n"
          + "        --out BUNDLE [--index auto|exact|hnsw] [--candidates N]";

  private BundleCommand() {}

  static void run(String[] argv, PrintStream out) throws IOException {
    Args a =
        new Args(
            argv,
            Set.of("data", "recall", "rank", "blend", "out", "index", "candidates"),
            Set.of());
    long start = System.nanoTime();
    if (a.has("blend") && !a.has("rank")) {
      throw new Args.UsageException("--blend needs --rank");
    }
    try (Recommender r =
        assemble(
            ServingStores.read(a.path("data")),
            a.path("recall"),
            a.has("rank") ? a.path("rank") : null,
            a.has("blend") ? a.path("blend") : null,
            a.get("index", "auto"),
            a.integer("candidates", Recommender.DEFAULT_CANDIDATES))) {
      r.save(a.path("out"));
      out.printf(
          "bundle %s: %,d movies (%s index, %,d bytes), %,d users, recall %s, rank %s, "
              + "%d candidates; built in %.1f s%n",
          a.path("out"),
          r.movieStore().size(),
          r.index().kind(),
          r.index().memoryBytes(),
          r.users().size(),
          a.path("recall"),
          a.has("rank")
              ? a.path("rank") + (a.has("blend") ? " blended by " + a.path("blend") : "")
              : "none",
          r.candidates(),
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
    return assemble(stores, recall, rank, blend, indexKind, candidates, false);
  }

  /**
   * As above; with {@code orderByWatch}, a ranker that predicts watching orders the candidates by
   * its watch score instead of the predicted rating (what {@code evaluate --online} measures).
   */
  static Recommender assemble(
      ServingStores stores,
      Path recall,
      Path rank,
      Path blend,
      String indexKind,
      int candidates,
      boolean orderByWatch)
      throws IOException {
    TwoTowerModel recallModel = TwoTowerModel.load(recall);
    RankingModel ranker = null;
    try {
      ranker = rank == null ? null : loadRanker(rank);
      if (ranker != null && blend != null) {
        ranker =
            new BlendedRanker(ranker, RatingBlend.load(blend), RatingStatistics.of(stores.users()));
      }
      if (ranker != null && ranker.predictsWatching() && orderByWatch) {
        ranker = new WatchOrder(ranker);
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
      return Recommender.newBuilder(recallModel, index, stores.movies())
          .withUsers(stores.users())
          .withRanker(ranker)
          .withCandidates(candidates)
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

  /**
   * A ranker whose {@link #score} is the wrapped ranker's watch score, so that the recommender,
   * which orders by {@code score}, orders by the probability of watching.
   */
  private record WatchOrder(RankingModel ranker) implements RankingModel {
    @Override
    public float[] score(UserContext user, List<Movie> movies) {
      return ranker.scores(user, movies).watch();
    }

    @Override
    public RankScores scores(UserContext user, List<Movie> movies) {
      return ranker.scores(user, movies);
    }

    @Override
    public boolean predictsWatching() {
      return true;
    }

    @Override
    public String kind() {
      return ranker.kind();
    }

    @Override
    public void save(Path directory) throws IOException {
      ranker.save(directory);
    }

    @Override
    public void close() {
      ranker.close();
    }
  }
}
