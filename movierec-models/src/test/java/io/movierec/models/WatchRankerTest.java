package io.movierec.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.movierec.domain.Genre;
import io.movierec.domain.Movie;
import io.movierec.domain.UserContext;
import io.movierec.features.SlotSchema;
import io.movierec.prepare.DatasetPreparer;
import io.movierec.prepare.PreparedDataset;
import io.movierec.prepare.ServingStores;
import io.movierec.prepare.SplitRatings;
import io.movierec.recommend.RankScores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchRankerTest {

  @TempDir Path dir;

  private static final int USERS = 60;
  private static final int MOVIES_PER_GENRE = 20;

  /**
   * An ml-1m-format data set where odd users watch only comedies and even users only dramas (20 of
   * each, plus 20 westerns nobody watches); each user rates 12 movies of their genre.
   */
  private PreparedDataset oneGenrePerUser() throws Exception {
    Path raw = dir.resolve("raw");
    Files.createDirectories(raw);
    List<String> movies = new ArrayList<>();
    String[] genres = {"Comedy", "Drama", "Western"};
    for (int g = 0; g < genres.length; g++) {
      for (int i = 1; i <= MOVIES_PER_GENRE; i++) {
        int id = g * MOVIES_PER_GENRE + i;
        movies.add(id + "::Film " + id + " (1990)::" + genres[g]);
      }
    }
    List<String> users = new ArrayList<>();
    List<String> ratings = new ArrayList<>();
    for (int u = 1; u <= USERS; u++) {
      users.add(u + "::" + (u % 2 == 0 ? "F" : "M") + "::25::" + (u % 20) + "::12345");
      int genre = u % 2 == 1 ? 0 : 1;
      for (int t = 0; t < 12; t++) {
        int movie = genre * MOVIES_PER_GENRE + 1 + (u * 7 + t * 3) % MOVIES_PER_GENRE;
        ratings.add(
            u + "::" + movie + "::" + (3 + (u + t) % 3) + "::" + (1_000_000L + u * 100L + t));
      }
    }
    Files.write(raw.resolve("movies.dat"), movies, StandardCharsets.ISO_8859_1);
    Files.write(raw.resolve("users.dat"), users, StandardCharsets.ISO_8859_1);
    Files.write(raw.resolve("ratings.dat"), dedupe(ratings), StandardCharsets.ISO_8859_1);
    Path out = dir.resolve("data");
    DatasetPreparer.newBuilder(raw, out).withSchema(SlotSchema.withHistory()).build().prepare();
    return PreparedDataset.open(out);
  }

  /** Keeps the first rating of each (user, movie) pair. */
  private static List<String> dedupe(List<String> ratings) {
    java.util.Set<String> pairs = new java.util.HashSet<>();
    List<String> out = new ArrayList<>();
    for (String r : ratings) {
      String[] f = r.split("::");
      if (pairs.add(f[0] + ":" + f[1])) {
        out.add(r);
      }
    }
    return out;
  }

  @Test
  void theNegativeSamplerNeverEmitsAMovieTheUserRated() throws Exception {
    PreparedDataset data = oneGenrePerUser();
    NegativeSampler sampler =
        NegativeSampler.newBuilder(data).withNegativesPerPositive(8).withSeed(3).build();
    SplitRatings r = data.ratings();
    List<Movie> catalogue = sampler.movies();
    int[] drawn = new int[8];
    int checked = 0;
    for (int round = 0; round < 20; round++) {
      for (int i = 0; i < r.size(); i++) {
        if (r.part(i) != SplitRatings.Part.TRAIN) {
          continue;
        }
        int user = sampler.userOfLogId(r.logId(i));
        int n = sampler.sample(user, drawn);
        assertThat(n).isEqualTo(drawn.length);
        for (int t = 0; t < n; t++) {
          int movie = catalogue.get(drawn[t]).id();
          assertThat(ratedInTraining(r, user, movie))
              .as("user %s, movie %s", user, movie)
              .isFalse();
          checked++;
        }
      }
    }
    assertThat(checked).isGreaterThan(10_000);
  }

  @Test
  void hardNegativesAreDrawnFromTheRecallCandidatesAndNeverRated() throws Exception {
    PreparedDataset data = oneGenrePerUser();
    try (TwoTowerModel recall =
        TwoTowerModel.newBuilder(data.encoder())
            .withSparseFeatureDim(4)
            .withFcSizes(8)
            .withSeed(1)
            .build()) {
      // A pool of 5 per user: with every draw hard, only those 5 movies can come out.
      NegativeSampler sampler =
          NegativeSampler.newBuilder(data)
              .withHardCandidates(recall, 5)
              .withHardShare(1)
              .withNegativesPerPositive(10)
              .build();
      SplitRatings r = data.ratings();
      int[] drawn = new int[10];
      for (int i = 0; i < r.size(); i++) {
        if (r.part(i) != SplitRatings.Part.TRAIN) {
          continue;
        }
        int user = sampler.userOfLogId(r.logId(i));
        sampler.sample(user, drawn);
        assertThat(IntStream.of(drawn).distinct().count()).isLessThanOrEqualTo(5);
        for (int j : drawn) {
          assertThat(ratedInTraining(r, user, sampler.movies().get(j).id())).isFalse();
        }
      }
    }
  }

  private static boolean ratedInTraining(SplitRatings r, int user, int movie) {
    return trainingPairs(r).contains(user + ":" + movie);
  }

  private static final java.util.Map<SplitRatings, java.util.Set<String>> PAIRS =
      new java.util.IdentityHashMap<>();

  /** Every "user:movie" pair of the training ratings, read once per data set. */
  private static java.util.Set<String> trainingPairs(SplitRatings r) {
    return PAIRS.computeIfAbsent(
        r,
        x -> {
          java.util.Set<String> pairs = new java.util.HashSet<>();
          for (int i = 0; i < x.size(); i++) {
            if (x.part(i) == SplitRatings.Part.TRAIN) {
              pairs.add(x.user(i) + ":" + x.movie(i));
            }
          }
          return pairs;
        });
  }

  @Test
  void aRankerTrainedOnUsersWhoWatchOneGenrePutsThatGenreFirst() throws Exception {
    PreparedDataset data = oneGenrePerUser();
    NegativeSampler sampler =
        NegativeSampler.newBuilder(data).withNegativesPerPositive(4).withSeed(5).build();
    try (WatchRanker ranker =
        WatchRanker.newBuilder(data.encoder())
            .withSparseFeatureDim(8)
            .withFcSizes(32, 16)
            .withOptimizer(OptimizerKind.ADAM, 0.01f)
            .withSeed(7)
            .withNegatives(sampler)
            .build()) {
      Trainer.newBuilder().withEpochs(6).withBatchSize(32).build().fit(ranker, data.trainData());
      var users = ServingStores.of(data, EnumSet.of(SplitRatings.Part.TRAIN)).users();
      List<Movie> catalogue = List.copyOf(data.movies().values());
      for (int userId : List.of(1, 2, 3, 4)) {
        Genre watched = userId % 2 == 1 ? Genre.COMEDY : Genre.DRAMA;
        UserContext user = users.context(userId).orElseThrow();
        RankScores s = ranker.scores(user, catalogue);
        List<Movie> top =
            IntStream.range(0, catalogue.size())
                .boxed()
                .sorted(Comparator.comparingDouble(i -> -s.watch()[i]))
                .limit(10)
                .map(catalogue::get)
                .toList();
        assertThat(top).as("user %s", userId).allMatch(m -> m.genres().contains(watched));
      }
    }
  }

  @Test
  void scoreIsTheRatingHeadAndSurvivesSaveAndLoad() throws Exception {
    PreparedDataset data = oneGenrePerUser();
    NegativeSampler sampler = NegativeSampler.newBuilder(data).build();
    var users = ServingStores.of(data, EnumSet.of(SplitRatings.Part.TRAIN)).users();
    UserContext user = users.context(1).orElseThrow();
    List<Movie> catalogue = List.copyOf(data.movies().values());
    try (WatchRanker ranker =
        WatchRanker.newBuilder(data.encoder())
            .withSparseFeatureDim(4)
            .withFcSizes(8)
            .withNegatives(sampler)
            .build()) {
      Trainer.newBuilder().withEpochs(1).build().fit(ranker, data.trainData());
      RankScores before = ranker.scores(user, catalogue);
      assertThat(ranker.score(user, catalogue)).containsExactly(before.rating());
      ranker.save(dir.resolve("saved"));
      try (WatchRanker loaded = WatchRanker.load(dir.resolve("saved"))) {
        RankScores after = loaded.scores(user, catalogue);
        assertThat(after.watch()).containsExactly(before.watch());
        assertThat(after.rating()).containsExactly(before.rating());
        assertThat(loaded.predictsWatching()).isTrue();
        assertThat(new ModelComponentLoader().loadRanking(WatchRanker.KIND, dir.resolve("saved")))
            .get()
            .satisfies(r -> r.close());
      }
    }
  }
}
