package io.movierec.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.movierec.domain.AgeBucket;
import io.movierec.domain.Gender;
import io.movierec.domain.Genre;
import io.movierec.domain.Movie;
import io.movierec.domain.User;
import io.movierec.domain.UserProfile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntUnaryOperator;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ratings carry the structure the generator plants, so that models trained on them can learn
 * something and a model that ignores users or items visibly does worse.
 */
class PlantedStructureTest {

  private static SyntheticDataset data;
  private static RatingColumns ratings;
  private static Map<Integer, User> users;
  private static Map<Integer, Movie> movies;

  @BeforeAll
  static void generate() {
    data =
        SyntheticMovieLens.newBuilder()
            .withUsers(3000)
            .withMovies(600)
            .withRatings(120_000)
            .build()
            .generate();
    ratings = data.ratings();
    users = new HashMap<>();
    data.users().forEach(u -> users.put(u.id(), u));
    movies = new HashMap<>();
    data.movies().forEach(m -> movies.put(m.id(), m));
  }

  @Test
  void scoresFollowTheMixOfMl1m() {
    double[] expected = {0.06, 0.11, 0.26, 0.35, 0.22};
    int[] counts = new int[6];
    for (int i = 0; i < ratings.size(); i++) {
      counts[ratings.score(i)]++;
    }

    for (int star = 1; star <= 5; star++) {
      assertThat(counts[star] / (double) ratings.size())
          .as("share of %s stars", star)
          .isCloseTo(expected[star - 1], offset(0.01));
    }
  }

  @Test
  void aUsersLatestRatingsArePredictableFromTheirEarlierOnesAndTheMoviesOtherRatings() {
    boolean[] heldOut = latestOfEachUser(5);
    double[] predicted = userPlusMovieMeanPrediction(heldOut);
    double[] actual = new double[predicted.length];
    int k = 0;
    for (int i = 0; i < ratings.size(); i++) {
      if (heldOut[i]) {
        actual[k++] = ratings.score(i);
      }
    }
    double[] shuffled = actual.clone();
    shuffle(shuffled, new Random(1));

    double correlation = correlation(predicted, actual);
    double baseline = correlation(predicted, shuffled);
    assertThat(Math.abs(baseline)).isLessThan(0.1);
    assertThat(correlation).isGreaterThan(0.4).isGreaterThan(baseline + 0.3);
  }

  @Test
  void womenRateRomanceAboveActionMoreThanMenDo() {
    double women =
        meanScore(isGender(Gender.FEMALE), Genre.ROMANCE)
            - meanScore(isGender(Gender.FEMALE), Genre.ACTION);
    double men =
        meanScore(isGender(Gender.MALE), Genre.ROMANCE)
            - meanScore(isGender(Gender.MALE), Genre.ACTION);

    assertThat(women - men).isGreaterThan(0.25);
  }

  @Test
  void childrenRateChildrensFilmsAboveDramaMoreThanTheOverFiftiesDo() {
    Predicate<UserProfile> young = p -> p.age() == AgeBucket.UNDER_18;
    Predicate<UserProfile> old = p -> p.age().code() >= 50;
    double children = meanScore(young, Genre.CHILDRENS) - meanScore(young, Genre.DRAMA);
    double elders = meanScore(old, Genre.CHILDRENS) - meanScore(old, Genre.DRAMA);

    assertThat(children - elders).isGreaterThan(0.2);
  }

  @Test
  void womenChooseRomancesMoreOftenThanMenDo() {
    double women = shareOfRatings(isGender(Gender.FEMALE), Genre.ROMANCE);
    double men = shareOfRatings(isGender(Gender.MALE), Genre.ROMANCE);

    assertThat(women).isGreaterThan(1.2 * men);
  }

  @Test
  void theTopTenthOfMoviesGetsMoreThanAQuarterOfTheRatings() {
    int[] perMovie = countsDescending(ratings::movieId, movies.size());
    long top = Arrays.stream(perMovie, 0, movies.size() / 10).sum();

    assertThat(top / (double) ratings.size()).isGreaterThan(0.25);
    assertThat(perMovie[0]).isGreaterThan(5 * perMovie[perMovie.length / 2]);
  }

  @Test
  void ratingsPerUserAreHeavyTailed() {
    int[] perUser = countsDescending(ratings::userId, users.size());
    int median = perUser[perUser.length / 2];
    double mean = ratings.size() / (double) perUser.length;

    assertThat(mean).isGreaterThan(1.2 * median);
    assertThat(perUser[0]).isGreaterThan(5 * median);
    assertThat(perUser[perUser.length - 1]).isGreaterThanOrEqualTo(20);
  }

  @Test
  void moviesRatedCloseInTimeToAUsersRecentOnesPredictTheirLatestFarBetterThanPopularity() {
    List<int[]> histories = moviesInTimeOrder();
    Map<Integer, Integer> index = new HashMap<>();
    movies.keySet().stream().sorted().forEach(id -> index.put(id, index.size()));
    int n = index.size();
    // Training: every rating but each user's latest. Co-occurrence: pairs at most 10 apart in time.
    double[] popularity = new double[n];
    double[][] together = new double[n][n];
    for (int[] h : histories) {
      for (int i = 0; i < h.length - 1; i++) {
        popularity[index.get(h[i])]++;
        for (int j = Math.max(0, i - 10); j < i; j++) {
          together[index.get(h[j])][index.get(h[i])]++;
        }
      }
    }
    int popularHits = 0;
    int togetherHits = 0;
    for (int[] h : histories) {
      boolean[] seen = new boolean[n];
      for (int i = 0; i < h.length - 1; i++) {
        seen[index.get(h[i])] = true;
      }
      double[] score = new double[n];
      for (int i = Math.max(0, h.length - 11); i < h.length - 1; i++) {
        double[] row = together[index.get(h[i])];
        for (int m = 0; m < n; m++) {
          score[m] += row[m] / (popularity[m] + 20);
        }
      }
      int latest = index.get(h[h.length - 1]);
      popularHits += isInTop10(popularity, seen, latest) ? 1 : 0;
      togetherHits += isInTop10(score, seen, latest) ? 1 : 0;
    }

    assertThat(togetherHits).isGreaterThan(2 * popularHits);
  }

  @Test
  void aUsersLatestMoviesLookMoreLikeTheirRecentOnesThanLikeTheirFirstOnes() {
    double recent = 0;
    double first = 0;
    int users = 0;
    for (int[] h : moviesInTimeOrder()) {
      if (h.length < 60) {
        continue; // needs its first, recent and latest 20 apart
      }
      int len = h.length;
      double[] latest = genreProfile(h, len - 10, len);
      recent += cosine(latest, genreProfile(h, len - 30, len - 10));
      first += cosine(latest, genreProfile(h, 0, 20));
      users++;
    }

    assertThat(users).isGreaterThan(100);
    assertThat(recent / users).isGreaterThan(first / users + 0.03);
  }

  /** Each user's movies, oldest first. */
  private static List<int[]> moviesInTimeOrder() {
    Map<Integer, List<Integer>> rowsByUser = new HashMap<>();
    for (int i = 0; i < ratings.size(); i++) {
      rowsByUser.computeIfAbsent(ratings.userId(i), id -> new ArrayList<>()).add(i);
    }
    List<int[]> out = new ArrayList<>();
    for (List<Integer> rows : rowsByUser.values()) {
      rows.sort(Comparator.comparingLong(ratings::timestamp));
      out.add(rows.stream().mapToInt(ratings::movieId).toArray());
    }
    return out;
  }

  /** Whether {@code target} is among the 10 unseen movies of highest score. */
  private static boolean isInTop10(double[] score, boolean[] seen, int target) {
    int better = 0;
    for (int m = 0; m < score.length; m++) {
      if (!seen[m] && m != target && score[m] > score[target]) {
        better++;
      }
    }
    return better < 10;
  }

  /** How many of the movies {@code h[from, to)} have each genre. */
  private static double[] genreProfile(int[] h, int from, int to) {
    double[] profile = new double[Genre.values().length];
    for (int i = from; i < to; i++) {
      for (Genre g : movies.get(h[i]).genres()) {
        profile[g.ordinal()]++;
      }
    }
    return profile;
  }

  private static double cosine(double[] a, double[] b) {
    double ab = 0;
    double aa = 0;
    double bb = 0;
    for (int i = 0; i < a.length; i++) {
      ab += a[i] * b[i];
      aa += a[i] * a[i];
      bb += b[i] * b[i];
    }
    return ab / Math.sqrt(aa * bb);
  }

  /** Marks each user's {@code n} latest ratings. */
  private static boolean[] latestOfEachUser(int n) {
    Map<Integer, List<Integer>> rowsByUser = new HashMap<>();
    for (int i = 0; i < ratings.size(); i++) {
      rowsByUser.computeIfAbsent(ratings.userId(i), id -> new ArrayList<>()).add(i);
    }
    boolean[] latest = new boolean[ratings.size()];
    for (List<Integer> rows : rowsByUser.values()) {
      rows.sort(Comparator.comparingLong(ratings::timestamp).reversed());
      rows.subList(0, n).forEach(i -> latest[i] = true);
    }
    return latest;
  }

  /**
   * For every held-out rating: the user's mean over the other ratings plus the movie's mean over
   * the other ratings minus the global mean (the movie's term is the global mean if it has none).
   */
  private static double[] userPlusMovieMeanPrediction(boolean[] heldOut) {
    Map<Integer, double[]> byUser = new HashMap<>();
    Map<Integer, double[]> byMovie = new HashMap<>();
    double sum = 0;
    int count = 0;
    for (int i = 0; i < ratings.size(); i++) {
      if (!heldOut[i]) {
        add(byUser, ratings.userId(i), ratings.score(i));
        add(byMovie, ratings.movieId(i), ratings.score(i));
        sum += ratings.score(i);
        count++;
      }
    }
    double global = sum / count;
    List<Double> predictions = new ArrayList<>();
    for (int i = 0; i < ratings.size(); i++) {
      if (heldOut[i]) {
        double[] u = byUser.get(ratings.userId(i));
        double[] m = byMovie.get(ratings.movieId(i));
        double movieMean = m == null ? global : m[0] / m[1];
        predictions.add(u[0] / u[1] + movieMean - global);
      }
    }
    return predictions.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static void add(Map<Integer, double[]> sums, int key, int score) {
    double[] s = sums.computeIfAbsent(key, k -> new double[2]);
    s[0] += score;
    s[1]++;
  }

  private static Predicate<UserProfile> isGender(Gender gender) {
    return p -> p.gender() == gender;
  }

  /** The mean score that users matching {@code who} give movies of {@code genre}. */
  private static double meanScore(Predicate<UserProfile> who, Genre genre) {
    double sum = 0;
    int n = 0;
    for (int i = 0; i < ratings.size(); i++) {
      if (who.test(users.get(ratings.userId(i)).profile())
          && movies.get(ratings.movieId(i)).genres().contains(genre)) {
        sum += ratings.score(i);
        n++;
      }
    }
    assertThat(n).as("ratings of %s by the group", genre).isGreaterThan(100);
    return sum / n;
  }

  /** The share of the ratings of users matching {@code who} that are of movies of {@code genre}. */
  private static double shareOfRatings(Predicate<UserProfile> who, Genre genre) {
    int all = 0;
    int ofGenre = 0;
    for (int i = 0; i < ratings.size(); i++) {
      if (who.test(users.get(ratings.userId(i)).profile())) {
        all++;
        if (movies.get(ratings.movieId(i)).genres().contains(genre)) {
          ofGenre++;
        }
      }
    }
    return ofGenre / (double) all;
  }

  /** How many ratings each distinct value of {@code key} has, largest first. */
  private static int[] countsDescending(IntUnaryOperator key, int expected) {
    Map<Integer, Integer> counts = new HashMap<>();
    for (int i = 0; i < ratings.size(); i++) {
      counts.merge(key.applyAsInt(i), 1, Integer::sum);
    }
    int[] sorted = counts.values().stream().mapToInt(Integer::intValue).sorted().toArray();
    assertThat(sorted.length).isLessThanOrEqualTo(expected);
    int[] descending = new int[sorted.length];
    for (int i = 0; i < sorted.length; i++) {
      descending[i] = sorted[sorted.length - 1 - i];
    }
    return descending;
  }

  private static void shuffle(double[] values, Random random) {
    List<Double> list = new ArrayList<>();
    for (double v : values) {
      list.add(v);
    }
    Collections.shuffle(list, random);
    for (int i = 0; i < values.length; i++) {
      values[i] = list.get(i);
    }
  }

  private static double correlation(double[] x, double[] y) {
    double mx = Arrays.stream(x).average().orElseThrow();
    double my = Arrays.stream(y).average().orElseThrow();
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
    return sxy / Math.sqrt(sxx * syy);
  }
}
