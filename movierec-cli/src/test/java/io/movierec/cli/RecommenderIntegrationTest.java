package io.movierec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.movierec.domain.Genre;
import io.movierec.domain.Movie;
import io.movierec.domain.UserContext;
import io.movierec.domain.UserProfile;
import io.movierec.index.VectorIndex;
import io.movierec.index.knn.ExactVectorIndex;
import io.movierec.index.knn.HnswVectorIndex;
import io.movierec.index.knn.IndexQuality;
import io.movierec.recommend.Recommendation;
import io.movierec.recommend.Recommender;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The online path with real trained models and real indexes. */
class RecommenderIntegrationTest {

  @TempDir static Path dir;
  private static TrainedFixture fixture;
  private static Recommender recommender;

  @BeforeAll
  static void train() throws Exception {
    fixture = TrainedFixture.create(dir);
    recommender =
        BundleCommand.assemble(fixture.data.directory(), fixture.recall, fixture.rank, "exact", 50);
  }

  @AfterAll
  static void close() {
    if (recommender != null) {
      recommender.close();
    }
  }

  @Test
  void hnswFindsWhatExactSearchFindsOnTheTrainedCatalogue() {
    VectorIndex exact = recommender.index();
    HnswVectorIndex hnsw = HnswVectorIndex.newBuilder(exact.dimension()).withMaxItems(1000).build();
    for (int id : ((ExactVectorIndex) exact).ids()) {
      hnsw.add(id, ((ExactVectorIndex) exact).vector(id).orElseThrow());
    }
    // Queries are real user vectors, as the recall stage sends them.
    int[] ids = recommender.users().ids();
    float[][] queries = new float[ids.length][];
    for (int i = 0; i < ids.length; i++) {
      queries[i] = recommender.recallModel().userVector(recommender.users().context(ids[i]).get());
    }
    assertThat(IndexQuality.recallAt(hnsw, exact, queries, 100)).isGreaterThanOrEqualTo(0.99);
  }

  @Test
  void theOnlinePathWithoutARankerGivesTheOfflineRecallMetrics() throws Exception {
    io.movierec.evaluation.RecallMetrics offline;
    try (io.movierec.models.TwoTowerModel m =
        io.movierec.models.TwoTowerModel.load(fixture.recall)) {
      io.movierec.evaluation.RecallEvaluator e =
          new io.movierec.evaluation.RecallEvaluator(fixture.data);
      offline = e.evaluate(e.cosine(m), io.movierec.prepare.SplitRatings.Part.TEST);
    }
    java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
    EvaluateCommand.Result online =
        EvaluateCommand.run(
            new String[] {
              "--online",
              "--recall",
              fixture.recall.toString(),
              "--data",
              fixture.data.directory().toString(),
              "--candidates",
              "100"
            },
            new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
    assertThat(online.retrieval().users()).isEqualTo(offline.users());
    assertThat(online.retrieval().hitRate10()).isEqualTo(offline.hitRate10());
    assertThat(online.retrieval().ndcg10()).isEqualTo(offline.ndcg10());
    assertThat(online.retrieval().hitRate100()).isEqualTo(offline.hitRate100());
    assertThat(online.retrieval().coverage10()).isEqualTo(offline.coverage10());
    assertThat(online.retrieval().genreAgreement10())
        .isEqualTo(offline.genreAgreement10())
        .isBetween(0.0, 1.0);
    assertThat(printed.toString(java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("NaN");
  }

  @Test
  void neverRecommendsAMovieTheUserHasSeen() {
    for (int id : recommender.users().ids()) {
      for (Recommendation r : recommender.recommend(id, 20)) {
        assertThat(recommender.users().hasSeen(id, r.movie().id())).as("user %s", id).isFalse();
      }
    }
  }

  @Test
  void recommendsForAKnownUserBestRankScoreFirst() {
    List<Recommendation> recs = recommender.recommend(recommender.users().ids()[0], 10);
    assertThat(recs).hasSize(10);
    for (int i = 1; i < recs.size(); i++) {
      assertThat(recs.get(i - 1).rankScore()).isGreaterThanOrEqualTo(recs.get(i).rankScore());
    }
  }

  @Test
  void recommendsForANewUserFromDemographicsOnly() {
    List<Recommendation> recs = recommender.recommend(UserProfile.of("F", 25, 2), 10);
    assertThat(recs).hasSize(10);
    assertThat(recs).allSatisfy(r -> assertThat(r.rankScore()).isBetween(0f, 5f));
  }

  @Test
  void usesTheUsersHistoryForKnownUsers() {
    int id = recommender.users().ids()[0];
    UserContext withHistory = recommender.users().context(id).get();
    UserContext without = UserContext.of(recommender.users().user(id).get());
    assertThat(recommender.recallModel().userVector(withHistory))
        .isNotEqualTo(recommender.recallModel().userVector(without));
  }

  @Test
  void aSavedBundleLoadsBackWithIdenticalRecommendations() throws Exception {
    recommender.save(dir.resolve("bundle"));
    try (Recommender back = Recommender.load(dir.resolve("bundle"))) {
      for (int id : new int[] {recommender.users().ids()[0], recommender.users().ids()[7]}) {
        assertThat(back.recommend(id, 10)).isEqualTo(recommender.recommend(id, 10));
      }
      UserProfile p = UserProfile.of("M", 45, 12);
      assertThat(back.recommend(p, 10)).isEqualTo(recommender.recommend(p, 10));
    }
  }

  @Test
  void keepsAnsweringWhileNewMoviesAreAdded() throws Exception {
    try (Recommender live =
        BundleCommand.assemble(
            fixture.data.directory(), fixture.recall, fixture.rank, "hnsw", 50)) {
      ExecutorService pool = Executors.newFixedThreadPool(3);
      List<Future<?>> jobs = new ArrayList<>();
      int[] users = live.users().ids();
      for (int t = 0; t < 2; t++) {
        int offset = t;
        jobs.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 300; i++) {
                    int user = users[(i * 7 + offset) % users.length];
                    assertThat(live.recommend(user, 10)).hasSize(10);
                    assertThat(live.recommend(UserProfile.of("F", 18, i % 21), 5)).hasSize(5);
                  }
                  return null;
                }));
      }
      jobs.add(
          pool.submit(
              () -> {
                for (int id = 10_000; id < 10_200; id++) {
                  live.addMovie(Movie.of(id, "Brand New " + id + " (2003)", List.of(Genre.COMEDY)));
                }
                return null;
              }));
      for (Future<?> f : jobs) {
        f.get(120, TimeUnit.SECONDS);
      }
      pool.shutdown();
      assertThat(live.index().size()).isEqualTo(live.movieStore().size());
      assertThat(live.index().contains(10_199)).isTrue();
    }
  }
}
