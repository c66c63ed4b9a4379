package io.movierec.blend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.movierec.domain.AgeBucket;
import io.movierec.domain.Gender;
import io.movierec.domain.Genre;
import io.movierec.domain.Movie;
import io.movierec.domain.Occupation;
import io.movierec.domain.User;
import io.movierec.domain.UserContext;
import io.movierec.io.CorruptFileException;
import io.movierec.recommend.UserStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RatingStatisticsTest {

  /** A rating: user, movie, score, time. */
  record R(int user, int movie, float score, long time) {}

  /** 30 users each rating 12 of 20 movies, scores 1..5 at random, times shuffled. */
  static List<R> randomRatings(long seed) {
    Random rnd = new Random(seed);
    List<R> out = new ArrayList<>();
    for (int u = 1; u <= 30; u++) {
      List<Integer> movies = new ArrayList<>();
      for (int m = 1; m <= 20; m++) {
        movies.add(m);
      }
      Collections.shuffle(movies, rnd);
      for (int k = 0; k < 12; k++) {
        out.add(new R(u, movies.get(k), 1 + rnd.nextInt(5), rnd.nextInt(1_000_000)));
      }
    }
    return out;
  }

  static RatingStatistics build(List<R> ratings) {
    RatingStatistics.Builder b = RatingStatistics.newBuilder();
    ratings.forEach(r -> b.add(r.user(), r.movie(), r.score(), r.time()));
    return b.build();
  }

  /** The user's ratings, oldest first (ties in list order). */
  static List<R> historyOf(List<R> ratings, int user) {
    List<R> h = new ArrayList<>(ratings.stream().filter(r -> r.user() == user).toList());
    h.sort((a, b) -> Long.compare(a.time(), b.time()));
    return h;
  }

  @Test
  void everyFeatureButTheBaselineIsZeroWhenAllRatingsAreEqual() {
    List<R> ratings =
        randomRatings(1).stream().map(r -> new R(r.user(), r.movie(), 4, r.time())).toList();
    RatingStatistics s = build(ratings);

    assertThat(s.features(3, 7)).containsExactly(4, 0, 0, 0, 0);
  }

  @Test
  void aMovieRatedAboveTheMeanHasAPositiveBiasAndOneBelowANegativeOne() {
    List<R> ratings = new ArrayList<>();
    for (int u = 1; u <= 10; u++) {
      ratings.add(new R(u, 1, 5, u));
      ratings.add(new R(u, 2, 1, u));
      ratings.add(new R(u, 3, 3, u));
    }
    RatingStatistics s = build(ratings);

    assertThat(s.movieBias(1)).isPositive();
    assertThat(s.movieBias(2)).isNegative();
  }

  @Test
  void anUnknownUserGetsOnlyTheMovieBaseline() {
    RatingStatistics s = build(randomRatings(2));

    assertThat(s.features(999, 5)).containsExactly(s.mean() + s.movieBias(5), 0, 0, 0, 0);
  }

  @Test
  void anUnknownMovieHasTheGlobalMeanAsBaselineAndNoNeighbours() {
    RatingStatistics s = build(randomRatings(3));

    double[] f = s.features(4, 999);

    assertThat(f[0]).isEqualTo(s.mean());
    assertThat(f[4]).isZero();
  }

  @Test
  void meanAndRecentResidualsFollowTheirDefinitionsOverTheTimeOrderedHistory() {
    List<R> ratings = randomRatings(4);
    RatingStatistics s = build(ratings);
    List<R> h = historyOf(ratings, 6);
    double all = 0;
    for (R r : h) {
      all += r.score() - s.mean() - s.movieBias(r.movie());
    }
    double recent = 0;
    for (R r : h.subList(h.size() - RatingStatistics.RECENT_RATINGS, h.size())) {
      recent += r.score() - s.mean() - s.movieBias(r.movie());
    }

    double[] f = s.features(6, 1);

    assertThat(f[1])
        .isCloseTo(all / (h.size() + RatingStatistics.HISTORY_SHRINKAGE), within(1e-12));
    assertThat(f[2])
        .isCloseTo(
            recent / (RatingStatistics.RECENT_RATINGS + RatingStatistics.RECENT_SHRINKAGE),
            within(1e-12));
    assertThat(f[3]).isEqualTo(s.userBias(6));
  }

  @Test
  void theOrderRatingsAreAddedInDoesNotChangeTheFeatures() {
    List<R> ratings = randomRatings(5);
    List<R> shuffled = new ArrayList<>(ratings);
    Collections.shuffle(shuffled, new Random(9));
    RatingStatistics a = build(ratings);
    RatingStatistics b = build(shuffled);

    for (int u = 1; u <= 30; u += 7) {
      for (int m = 1; m <= 20; m += 3) {
        assertThat(b.features(u, m)).containsExactly(a.features(u, m), within(1e-12));
      }
    }
  }

  /**
   * Movies 1 and 2 get the same scores from users 1..10 (so their residuals agree); user 20 rated
   * only movie 1 and 3, movie 1 as {@code score}.
   */
  static List<R> twinMovies(float score) {
    List<R> ratings = new ArrayList<>();
    for (int u = 1; u <= 10; u++) {
      float s = u % 2 == 0 ? 5 : 1 + u % 3;
      ratings.add(new R(u, 1, s, 1));
      ratings.add(new R(u, 2, s, 2));
      ratings.add(new R(u, 3, 3, 3));
    }
    ratings.add(new R(20, 1, score, 1));
    ratings.add(new R(20, 3, 3, 2));
    return ratings;
  }

  @Test
  void aMovieLikeOneTheUserRatedAboveExpectationGetsAPositiveNeighbourResidual() {
    assertThat(build(twinMovies(5)).features(20, 2)[4]).isPositive();
  }

  @Test
  void aMovieLikeOneTheUserRatedBelowExpectationGetsANegativeNeighbourResidual() {
    assertThat(build(twinMovies(1)).features(20, 2)[4]).isNegative();
  }

  @Test
  void moviesWithFewerCommonRatersThanTheMinimumAreNotNeighbours() {
    List<R> ratings = new ArrayList<>();
    for (int u = 1; u < RatingStatistics.MIN_COMMON_USERS; u++) { // one short of the minimum
      ratings.add(new R(u, 1, u % 2 == 0 ? 5 : 1, 1));
      ratings.add(new R(u, 2, u % 2 == 0 ? 5 : 1, 2));
    }
    ratings.add(new R(20, 1, 5, 1));

    assertThat(build(ratings).features(20, 2)[4]).isZero();
  }

  @Test
  void aContextHoldingTheSameHistoryGivesTheSameFeaturesAsTheStoredOne() {
    List<R> ratings = randomRatings(6);
    RatingStatistics s = build(ratings);
    List<R> h = historyOf(ratings, 8);
    int[] movies = new int[h.size()];
    float[] scores = new float[h.size()];
    for (int j = 0; j < h.size(); j++) { // most recent first
      movies[j] = h.get(h.size() - 1 - j).movie();
      scores[j] = h.get(h.size() - 1 - j).score();
    }
    UserContext context = UserContext.of(user(8), movies, scores);
    List<Movie> candidates = List.of(movie(1), movie(9), movie(20), movie(999));

    double[][] f = s.features(context, candidates);

    for (int k = 0; k < candidates.size(); k++) {
      assertThat(f[k]).containsExactly(s.features(8, candidates.get(k).id()));
    }
  }

  @Test
  void statisticsOfAUserStoreEqualThoseOfItsRatings() {
    List<R> ratings = randomRatings(7);
    UserStore.Builder store = UserStore.newBuilder();
    for (int u = 1; u <= 30; u++) {
      store.addUser(user(u));
    }
    ratings.forEach(r -> store.addRating(r.user(), r.movie(), r.score(), r.time()));
    RatingStatistics fromRatings = build(ratings);
    RatingStatistics fromStore = RatingStatistics.of(store.build());

    for (int u = 1; u <= 30; u += 4) {
      for (int m = 1; m <= 20; m += 5) {
        assertThat(fromStore.features(u, m))
            .containsExactly(fromRatings.features(u, m), within(1e-9));
      }
    }
  }

  @Test
  void savedAndLoadedStatisticsGiveIdenticalFeatures(@TempDir Path dir) throws Exception {
    RatingStatistics s = build(randomRatings(8));
    s.save(dir.resolve("s.bin"));

    RatingStatistics loaded = RatingStatistics.load(dir.resolve("s.bin"));

    for (int u = 1; u <= 30; u += 3) {
      for (int m = 1; m <= 20; m += 2) {
        assertThat(loaded.features(u, m)).containsExactly(s.features(u, m));
      }
    }
  }

  @Test
  void aDamagedStatisticsFileIsRejectedNamingTheFile(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("s.bin");
    build(randomRatings(9)).save(f);
    byte[] bytes = Files.readAllBytes(f);
    bytes[bytes.length / 2] ^= 0x10;
    Files.write(f, bytes);

    assertThatThrownBy(() -> RatingStatistics.load(f))
        .isInstanceOf(CorruptFileException.class)
        .hasMessageContaining("s.bin");
  }

  @Test
  void theKthLargestValueIsTheOneASortPutsThere() {
    Random rnd = new Random(10);
    for (int trial = 0; trial < 200; trial++) {
      double[] a = new double[1 + rnd.nextInt(60)];
      for (int i = 0; i < a.length; i++) {
        a[i] = rnd.nextInt(8) / 4.0; // many ties
      }
      int k = 1 + rnd.nextInt(a.length);
      double[] sorted = a.clone();
      java.util.Arrays.sort(sorted);

      assertThat(RatingStatistics.kthLargest(a.clone(), k)).isEqualTo(sorted[a.length - k]);
    }
  }

  @Test
  void buildingFromNoRatingsIsRejected() {
    assertThatThrownBy(() -> RatingStatistics.newBuilder().build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no ratings");
  }

  static User user(int id) {
    return User.of(id, Gender.FEMALE, AgeBucket.FROM_25_TO_34, Occupation.fromCode(1), "");
  }

  static Movie movie(int id) {
    return Movie.of(id, "Film " + id + " (1999)", List.of(Genre.DRAMA));
  }
}
