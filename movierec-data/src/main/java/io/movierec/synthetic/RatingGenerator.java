package io.movierec.synthetic;

import static com.google.common.base.Preconditions.checkState;

import io.movierec.domain.Movie;
import io.movierec.domain.User;
import io.movierec.util.Quickselect;
import java.util.Arrays;
import java.util.List;

/**
 * Draws the ratings: who rates what, how much they like it, and when.
 *
 * <ol>
 *   <li><b>Latent factors.</b> Every movie gets a theme vector (its genres and era by {@link
 *       Tastes}, plus individual variation), a bias and a popularity; every user gets a theme
 *       vector (their demographic group's taste by {@link Tastes}, plus individual variation) and a
 *       bias. The affinity of a user for a movie is {@link #AFFINITY_SCALE} times the dot product
 *       of the two vectors.
 *   <li><b>How many.</b> Each user rates at least the minimum; the rest is shared out by log-normal
 *       weights (heavy-tailed, like ml-1m's 20..2,314 ratings per user), no user rating more than
 *       {@link #MAX_SHARE_OF_MOVIES} of the catalogue.
 *   <li><b>Which.</b> A user rates {@code n} distinct movies drawn without replacement with weight
 *       {@code popularity × exp(}{@link #AFFINITY_SELECTION}{@code × affinity)}, by Gumbel-top-k:
 *       the {@code n} movies with the largest {@code log weight + Gumbel noise}. Popularity is
 *       Zipf-like over a random ranking of the movies that favours those from 1980 on.
 *   <li><b>How much.</b> A latent score {@code user bias + movie bias + affinity + noise} is cut
 *       into 1..5 stars at the quantiles that give ml-1m's mix of scores ({@link #SCORE_SHARES}),
 *       which is {@code round(global mean + ...)} with thresholds fitted to the data.
 *   <li><b>When.</b> A user is active over a window inside ml-1m's time span: a first session (most
 *       ratings, seconds apart), mostly in 2000, and for most users later visits spread over days
 *       to years. The order in which a user rates their movies is random, so their latest ratings
 *       come from the same taste as the earlier ones. No two ratings of a user share a second.
 * </ol>
 */
final class RatingGenerator {

  /** The first timestamp of ml-1m, 2000-04-25. */
  static final long FIRST_TIMESTAMP = 956_703_932L;

  /** The last timestamp of ml-1m, 2003-02-28. */
  static final long LAST_TIMESTAMP = 1_046_454_590L;

  /** The start of 2001 (UTC). */
  static final long END_OF_2000 = 978_307_200L;

  /** Share of users whose first session falls in 2000, as for most ml-1m users. */
  static final double JOINED_IN_2000_SHARE = 0.9;

  /** Shares of 1, 2, 3, 4 and 5 stars (ml-1m: about 6%, 11%, 26%, 35%, 22%). */
  static final double[] SCORE_SHARES = {0.06, 0.11, 0.26, 0.35, 0.22};

  /** The most a user rates, as a share of the catalogue (ml-1m: 2,314 of 3,706 rated movies). */
  static final double MAX_SHARE_OF_MOVIES = 0.6;

  /** Spread (log-normal sigma) of the ratings per user above the minimum. */
  static final double RATINGS_PER_USER_SIGMA = 1.14;

  /**
   * Exponent of the Zipf-like (Zipf-Mandelbrot) popularity: the movie of rank r has weight (r +
   * {@link #POPULARITY_RANK_OFFSET})^-s. With the offset this gives ml-1m's most-rated movie (rated
   * by about 57% of users) and median (about 120 ratings per movie).
   */
  static final double ZIPF_EXPONENT = 1.2;

  /** Offset of the popularity ranks, flattening the very top. */
  static final double POPULARITY_RANK_OFFSET = 40;

  /** Rank advantage (in standard deviations of a random key) of movies from 1980 on. */
  static final double RECENT_MOVIE_BOOST = 0.7;

  /** How strongly affinity drives which movies a user rates. */
  static final double AFFINITY_SELECTION = 1.5;

  /** Affinity per unit of theme dot product, in the units of the latent score (about stars). */
  static final double AFFINITY_SCALE = 0.6;

  /** Standard deviation, per theme, of a user's own taste around their group's. */
  static final double USER_VARIATION_SD = 0.5;

  /** Standard deviation, per theme, of a movie's own character around its genres'. */
  static final double MOVIE_VARIATION_SD = 0.3;

  /** Standard deviation of the user biases (some users rate everything higher). */
  static final double USER_BIAS_SD = 0.45;

  /** Standard deviation of the movie biases, popularity aside (some movies are better). */
  static final double MOVIE_BIAS_SD = 0.5;

  /**
   * How much better liked popular movies are: movie bias per standard deviation of log popularity.
   */
  static final double BIAS_PER_POPULARITY = 0.15;

  /** Standard deviation of the noise of each rating. */
  static final double NOISE_SD = 0.6;

  /** Seconds between two ratings within a session: log-normal with this median. */
  static final double SECONDS_PER_RATING = 20;

  /** Share of users who come back after their first session. */
  static final double RETURNING_USER_SHARE = 0.6;

  /** Share of a returning user's ratings given in the first session. */
  static final double FIRST_SESSION_SHARE = 0.75;

  /** Median span of a returning user's later visits, in seconds (30 days); log-normal sigma 1.5. */
  static final double MEDIAN_RETURN_SPAN = 30 * 86_400;

  /** The most latent scores sorted to find the star thresholds. */
  private static final int QUANTILE_SAMPLE = 100_000;

  private static final int GUMBEL_BITS = 16;

  /** Gumbel quantiles, so a draw costs 16 random bits and a table look-up, not two logarithms. */
  private static final float[] GUMBEL = new float[1 << GUMBEL_BITS];

  static {
    for (int i = 0; i < GUMBEL.length; i++) {
      GUMBEL[i] = (float) -StrictMath.log(-StrictMath.log((i + 0.5) / GUMBEL.length));
    }
  }

  private final List<User> users;
  private final List<Movie> movies;
  private final int ratingCount;
  private final int minPerUser;
  private final long seed;

  /** Per movie: theme vector (K floats each, flattened), bias and log popularity. */
  private final float[] movieThemes;

  private final float[] movieBias;
  private final float[] logPopularity;

  /** Per user: theme vector times {@link #AFFINITY_SCALE} (flattened) and bias. */
  private final float[] userThemes;

  private final float[] userBias;

  RatingGenerator(
      List<User> users,
      List<Movie> movies,
      int ratingCount,
      int minPerUser,
      Tastes tastes,
      long seed) {
    this.users = users;
    this.movies = movies;
    this.ratingCount = ratingCount;
    this.minPerUser = minPerUser;
    this.seed = seed;
    int k = Tastes.K;
    movieThemes = new float[movies.size() * k];
    movieBias = new float[movies.size()];
    logPopularity = new float[movies.size()];
    userThemes = new float[users.size() * k];
    userBias = new float[users.size()];

    SplitMix64 rng = SplitMix64.stream(seed, 20);
    float[] v = new float[k];
    for (int m = 0; m < movies.size(); m++) {
      Arrays.fill(v, 0f);
      Tastes.addMovieThemes(movies.get(m), v);
      for (int t = 0; t < k; t++) {
        movieThemes[m * k + t] = (float) (v[t] + MOVIE_VARIATION_SD * rng.nextGaussian());
      }
    }
    drawPopularity(rng);
    double[] meanSd = meanAndSd(logPopularity);
    for (int m = 0; m < movies.size(); m++) {
      double z = meanSd[1] > 0 ? (logPopularity[m] - meanSd[0]) / meanSd[1] : 0;
      movieBias[m] = (float) (MOVIE_BIAS_SD * rng.nextGaussian() + BIAS_PER_POPULARITY * z);
    }
    for (int u = 0; u < users.size(); u++) {
      Arrays.fill(v, 0f);
      tastes.addGroupTaste(users.get(u).profile(), v);
      for (int t = 0; t < k; t++) {
        double individual = v[t] + USER_VARIATION_SD * rng.nextGaussian();
        userThemes[u * k + t] = (float) (AFFINITY_SCALE * individual);
      }
      userBias[u] = (float) (USER_BIAS_SD * rng.nextGaussian());
    }
  }

  /** Draws all ratings. */
  RatingColumns generate() {
    int[] counts = ratingsPerUser(SplitMix64.stream(seed, 21));
    int movieCount = movies.size();
    int[] movieIdOf = new int[movieCount];
    for (int m = 0; m < movieCount; m++) {
      movieIdOf[m] = movies.get(m).id();
    }
    int[] userIds = new int[ratingCount];
    int[] movieIds = new int[ratingCount];
    float[] latent = new float[ratingCount];
    int[] timestamps = new int[ratingCount];

    SplitMix64 rng = SplitMix64.stream(seed, 22);
    long[] keys = new long[movieCount];
    float[] affinity = new float[movieCount];
    int maxCount = Arrays.stream(counts).max().orElse(0);
    int[] chosen = new int[maxCount];
    long[] times = new long[maxCount];
    int row = 0;
    for (int u = 0; u < users.size(); u++) {
      int n = counts[u];
      scoreMovies(u, rng, affinity, keys);
      selectLargest(keys, n);
      for (int j = 0; j < n; j++) {
        chosen[j] = (int) keys[movieCount - n + j];
      }
      rng.shuffle(chosen, 0, n); // the order in which the user rates them
      drawTimes(n, rng, times);
      int userId = users.get(u).id();
      for (int j = 0; j < n; j++) {
        int m = chosen[j];
        userIds[row + j] = userId;
        movieIds[row + j] = movieIdOf[m];
        latent[row + j] =
            (float) (userBias[u] + movieBias[m] + affinity[m] + NOISE_SD * rng.nextGaussian());
        timestamps[row + j] = (int) times[j];
      }
      shuffleRows(row, row + n, movieIds, latent, timestamps, rng); // the order of the file
      row += n;
    }
    checkState(row == ratingCount, "drew %s ratings, expected %s", row, ratingCount);
    return new RatingColumns(userIds, movieIds, toStars(latent), timestamps);
  }

  /**
   * Fills {@code affinity[m]} with user {@code u}'s affinity for movie {@code m}, and {@code
   * keys[m]} with the movie's Gumbel-top-k key packed above its index.
   */
  private void scoreMovies(int u, SplitMix64 rng, float[] affinity, long[] keys) {
    int k = Tastes.K;
    int base = u * k;
    long bits = 0;
    for (int m = 0; m < affinity.length; m++) {
      float a = 0;
      for (int t = 0; t < k; t++) {
        a += userThemes[base + t] * movieThemes[m * k + t];
      }
      affinity[m] = a;
      if ((m & 3) == 0) {
        bits = rng.nextLong();
      }
      float gumbel = GUMBEL[(int) (bits >>> (GUMBEL_BITS * (m & 3))) & (GUMBEL.length - 1)];
      float key = logPopularity[m] + (float) AFFINITY_SELECTION * a + gumbel;
      keys[m] = ((long) sortableBits(key) << 32) | m;
    }
  }

  /**
   * Reorders {@code keys} so that its last {@code n} entries are the {@code n} largest
   * (quickselect; the keys are distinct because each carries its index in the low bits).
   */
  static void selectLargest(long[] keys, int n) {
    Quickselect.selectLargest(keys, n);
  }

  /** The most ratings one user gets: {@link #MAX_SHARE_OF_MOVIES} of {@code movies}. */
  static int maxPerUser(int movies) {
    return (int) (MAX_SHARE_OF_MOVIES * movies);
  }

  /** Ratings per user: at least the minimum, heavy-tailed, summing to the total. */
  private int[] ratingsPerUser(SplitMix64 rng) {
    int userCount = users.size();
    int cap = maxPerUser(movies.size());
    checkState(
        ratingCount <= (long) cap * userCount, "%s ratings exceed the cap %s", ratingCount, cap);
    double capExtra = cap - minPerUser;
    double extraTotal = ratingCount - (double) minPerUser * userCount;
    double[] weight = new double[userCount];
    for (int u = 0; u < userCount; u++) {
      weight[u] = StrictMath.exp(RATINGS_PER_USER_SIGMA * rng.nextGaussian());
    }
    // Share the extra ratings by weight; users whose share passes the cap get the cap, and the
    // others share what is left, until no share passes the cap.
    boolean[] capped = new boolean[userCount];
    double[] share = new double[userCount];
    boolean changed = true;
    while (changed) {
      changed = false;
      double freeWeight = 0;
      double left = extraTotal;
      for (int u = 0; u < userCount; u++) {
        if (capped[u]) {
          left -= capExtra;
        } else {
          freeWeight += weight[u];
        }
      }
      if (freeWeight == 0) {
        break; // every user is at the cap
      }
      for (int u = 0; u < userCount; u++) {
        if (!capped[u]) {
          share[u] = left * weight[u] / freeWeight;
          if (share[u] > capExtra) {
            capped[u] = true;
            changed = true;
          }
        }
      }
    }
    int[] counts = new int[userCount];
    long total = 0;
    for (int u = 0; u < userCount; u++) {
      counts[u] = minPerUser + (capped[u] ? (int) capExtra : (int) share[u]);
      total += counts[u];
    }
    // Hand out the rounding remainder one rating at a time, in random user order.
    int[] order = new int[userCount];
    Arrays.setAll(order, i -> i);
    rng.shuffle(order, 0, userCount);
    for (int i = 0; total < ratingCount; i = (i + 1) % userCount) {
      int u = order[i];
      if (counts[u] < cap) {
        counts[u]++;
        total++;
      }
    }
    return counts;
  }

  /** {@code n} strictly increasing timestamps of one user into {@code times[0, n)}. */
  private static void drawTimes(int n, SplitMix64 rng, long[] times) {
    long range = LAST_TIMESTAMP - FIRST_TIMESTAMP - n;
    double session = n * SECONDS_PER_RATING * StrictMath.exp(0.5 * rng.nextGaussian());
    boolean returning = rng.nextBoolean(RETURNING_USER_SHARE);
    double span = returning ? MEDIAN_RETURN_SPAN * StrictMath.exp(1.5 * rng.nextGaussian()) : 0;
    session = Math.min(session, range);
    span = Math.min(span, range - session);
    long latestStart = LAST_TIMESTAMP - n - (long) Math.ceil(session + span);
    long startBy =
        rng.nextBoolean(JOINED_IN_2000_SHARE) ? Math.min(END_OF_2000, latestStart) : latestStart;
    long start = FIRST_TIMESTAMP + (long) (rng.nextDouble() * (startBy - FIRST_TIMESTAMP));
    for (int j = 0; j < n; j++) {
      boolean inFirstSession = !returning || rng.nextBoolean(FIRST_SESSION_SHARE);
      times[j] =
          inFirstSession
              ? start + (long) (rng.nextDouble() * session)
              : start + (long) (session + rng.nextDouble() * span);
    }
    Arrays.sort(times, 0, n);
    for (int j = 1; j < n; j++) {
      times[j] = Math.max(times[j], times[j - 1] + 1);
    }
  }

  /**
   * Cuts the latent scores into stars at the quantiles of {@link #SCORE_SHARES}, estimated from an
   * evenly spaced sample of at most {@link #QUANTILE_SAMPLE} scores.
   */
  private static byte[] toStars(float[] latent) {
    int step = Math.max(1, (latent.length + QUANTILE_SAMPLE - 1) / QUANTILE_SAMPLE);
    float[] sorted = new float[(latent.length + step - 1) / step];
    for (int i = 0; i < sorted.length; i++) {
      sorted[i] = latent[i * step];
    }
    Arrays.sort(sorted);
    float[] thresholds = new float[SCORE_SHARES.length - 1];
    double cumulative = 0;
    for (int s = 0; s < thresholds.length; s++) {
      cumulative += SCORE_SHARES[s];
      thresholds[s] = sorted[Math.min(sorted.length - 1, (int) (cumulative * sorted.length))];
    }
    byte[] stars = new byte[latent.length];
    for (int i = 0; i < latent.length; i++) {
      byte star = 1;
      for (float t : thresholds) {
        if (latent[i] >= t) {
          star++;
        }
      }
      stars[i] = star;
    }
    return stars;
  }

  /**
   * Ranks the movies by a random key that favours those from 1980 on, and gives the movie of rank r
   * the log popularity {@code -ZIPF_EXPONENT × ln(r + POPULARITY_RANK_OFFSET)}.
   */
  private void drawPopularity(SplitMix64 rng) {
    long[] keys = new long[movies.size()];
    for (int m = 0; m < keys.length; m++) {
      double key = rng.nextGaussian() + (movies.get(m).year() >= 1980 ? RECENT_MOVIE_BOOST : 0);
      keys[m] = ((long) sortableBits((float) -key) << 32) | m;
    }
    Arrays.sort(keys);
    for (int rank = 1; rank <= keys.length; rank++) {
      logPopularity[(int) keys[rank - 1]] =
          (float) (-ZIPF_EXPONENT * StrictMath.log(rank + POPULARITY_RANK_OFFSET));
    }
  }

  /** Shuffles rows {@code [from, to)} of three columns together. */
  private static void shuffleRows(int from, int to, int[] a, float[] b, int[] c, SplitMix64 rng) {
    for (int i = to - 1; i > from; i--) {
      int j = from + rng.nextInt(i - from + 1);
      int ta = a[i];
      a[i] = a[j];
      a[j] = ta;
      float tb = b[i];
      b[i] = b[j];
      b[j] = tb;
      int tc = c[i];
      c[i] = c[j];
      c[j] = tc;
    }
  }

  /** An int whose signed order is the order of the float {@code f}. */
  private static int sortableBits(float f) {
    int bits = Float.floatToIntBits(f);
    return bits ^ ((bits >> 31) & 0x7fffffff);
  }

  private static double[] meanAndSd(float[] values) {
    double sum = 0;
    double sumSq = 0;
    for (float v : values) {
      sum += v;
      sumSq += (double) v * v;
    }
    double mean = sum / values.length;
    return new double[] {mean, Math.sqrt(Math.max(0, sumSq / values.length - mean * mean))};
  }
}
