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
              "--channels",
              "index=100"
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
  void theOnlineTopKDumpHoldsEachUsersFinalListAndScoresLikeThePrintedFigures() throws Exception {
    Path dump = dir.resolve("online-topk.tsv");
    java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
    EvaluateCommand.Result online =
        EvaluateCommand.run(
            new String[] {
              "--online",
              "--recall",
              fixture.recall.toString(),
              "--rank",
              fixture.rank.toString(),
              "--data",
              fixture.data.directory().toString(),
              "--topk-dump",
              dump.toString(),
              "--per-channel",
              "--cold-start"
            },
            new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
    List<String> lines = java.nio.file.Files.readAllLines(dump);
    assertThat(lines.get(0)).isEqualTo("#user\trank\tmovie\tscore");
    java.util.Map<Integer, List<Integer>> lists = new java.util.TreeMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split("\t");
      List<Integer> list = lists.computeIfAbsent(Integer.parseInt(f[0]), u -> new ArrayList<>());
      assertThat(Integer.parseInt(f[1])).isEqualTo(list.size() + 1);
      list.add(Integer.parseInt(f[2]));
      Float.parseFloat(f[3]);
    }
    io.movierec.prepare.SplitRatings ratings = fixture.data.ratings();
    int hits10 = 0;
    for (int i = 0; i < ratings.size(); i++) {
      if (ratings.part(i) == io.movierec.prepare.SplitRatings.Part.TEST) {
        List<Integer> list = lists.get(ratings.user(i));
        assertThat(list).hasSize(100).doesNotHaveDuplicates();
        hits10 += list.subList(0, 10).contains(ratings.movie(i)) ? 1 : 0;
      }
    }
    assertThat(lists).hasSize(online.retrieval().users());
    assertThat((double) hits10 / lists.size()).isEqualTo(online.retrieval().hitRate10());
    assertThat(printed.toString(java.nio.charset.StandardCharsets.UTF_8))
        .contains("online channel co-occurrence alone")
        .contains("online channel genre-popular alone")
        .contains("found by: index")
        .contains("cold start");
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
  void keepsTheRecallOrderWithARankerThatPredictsOnlyRatings() {
    List<Recommendation> recs = recommender.recommend(recommender.users().ids()[0], 10);
    assertThat(recs).hasSize(10);
    for (int i = 1; i < recs.size(); i++) {
      assertThat(recs.get(i - 1).recallScore()).isGreaterThanOrEqualTo(recs.get(i).recallScore());
    }
    assertThat(recs).allSatisfy(r -> assertThat(r.predictedRating()).isBetween(0f, 5f));
  }

  @Test
  void aBundleRoundTripsItsChannelsAndOrdering() throws Exception {
    ChannelOptions.Flags flags =
        Main.parse(
            new ChannelOptions.Flags(),
            "--channels",
            "index=30,co-occurrence=15:2,genre-popular=5",
            "--ordering",
            "rating");
    Path bundle = dir.resolve("bundle-channels");
    try (Recommender r =
        BundleCommand.assemble(
            io.movierec.prepare.ServingStores.read(fixture.data.directory()),
            fixture.recall,
            fixture.rank,
            null,
            "exact",
            flags.toOptions())) {
      r.save(bundle);
      try (Recommender back = Recommender.load(bundle)) {
        assertThat(back.ordering()).isEqualTo(io.movierec.recommend.Ordering.RATING);
        assertThat(back.channels())
            .extracting(c -> c.name() + "=" + c.quota() + ":" + c.weight())
            .containsExactly("index=30:1.0", "co-occurrence=15:2.0", "genre-popular=5:1.0");
        for (int id : recommender.users().ids()) {
          assertThat(back.recommend(id, 30)).as("user %s", id).isEqualTo(r.recommend(id, 30));
        }
        UserProfile p = UserProfile.of("F", 35, 3);
        assertThat(back.recommend(p, 30)).isEqualTo(r.recommend(p, 30));
      }
    }
    assertThat(Recommender.describeSaved(bundle))
        .containsEntry("ordering", "rating")
        .containsEntry("channels", "index=30, co-occurrence=15, genre-popular=5");
  }

  @Test
  void recommendsForANewUserFromDemographicsOnly() {
    List<Recommendation> recs = recommender.recommend(UserProfile.of("F", 25, 2), 10);
    assertThat(recs).hasSize(10);
    assertThat(recs).allSatisfy(r -> assertThat(r.predictedRating()).isBetween(0f, 5f));
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
