package io.movierec.synthetic;

import static com.google.common.base.Preconditions.checkState;

import io.movierec.domain.Movie;
import io.movierec.domain.User;
import io.movierec.progress.Progress;
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
 *   <li><b>Which.</b> The catalogue is cut into clusters of movies watched together (about {@link
 *       #MOVIES_PER_CLUSTER} each, around seed movies, mostly of like themes). A user's ratings
 *       come in phases, one after another in time ({@link #MIN_PHASE_LENGTH} or more ratings each,
 *       at most {@link #MAX_PHASES}): in each phase the user is into {@link #FOCUS_CLUSTERS}
 *       clusters (drawn by taste and size; each stays into the next phase with chance {@link
 *       #FOCUS_KEPT}), and their taste drifts by a random walk ({@link #TASTE_DRIFT_SD} per theme
 *       and phase). A phase's movies are drawn without replacement among those the user has not
 *       rated, with weight {@code popularity × exp(}{@link #AFFINITY_SELECTION}{@code × drifted
 *       affinity + }{@link #FOCUS_BOOST}{@code if in a focus cluster)}, by Gumbel-top-k: the movies
 *       with the largest {@code log weight + Gumbel noise}. Popularity is Zipf-like (a long tail)
 *       over a random ranking of the movies that favours those from 1980 on. So a user's latest
 *       movies resemble their recent ones more than their first ones, as in real logs.
 *   <li><b>How much.</b> A latent score {@code user bias + movie bias + affinity + noise} is cut
 *       into 1..5 stars at the quantiles that give ml-1m's mix of scores ({@link #SCORE_SHARES}),
 *       which is {@code round(global mean + ...)} with thresholds fitted to the data.
 *   <li><b>When.</b> A user is active over a window inside ml-1m's time span: a first session (most
 *       ratings, seconds apart), mostly in 2000, and for most users later visits spread over days
 *       to years. The phases take the times in order; within a phase the order is random. No two
 *       ratings of a user share a second.
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
   * {@link #POPULARITY_RANK_OFFSET})^-s. With the offset and the focus clusters (which spread the
   * ratings) this gives, at ml-1m's shape, ml-1m's most-rated movie (rated by about 57% of users),
   * median (about 115 ratings per movie) and the top tenth of movies holding about half the
   * ratings.
   */
  static final double ZIPF_EXPONENT = 1.5;

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

  /**
   * Movies per cluster of movies watched together (a series, a director, a cult, a season's
   * releases): the catalogue is cut into {@code movies / MOVIES_PER_CLUSTER} clusters.
   */
  static final int MOVIES_PER_CLUSTER = 30;

  /**
   * How much a movie's theme decides its cluster: a movie joins the cluster whose seed movie is
   * nearest in theme space, by squared distance over this temperature plus Gumbel noise (lower:
   * clusters follow genres more closely).
   */
  static final double CLUSTER_TEMPERATURE = 0.25;

  /** Clusters a user is into during one phase of their history. */
  static final int FOCUS_CLUSTERS = 2;

  /** Chance that a focus cluster carries over to the user's next phase. */
  static final double FOCUS_KEPT = 0.5;

  /** Log-weight boost, in the selection key, of the movies of the phase's focus clusters. */
  static final double FOCUS_BOOST = 4.5;

  /** How strongly a user's taste picks their focus clusters (per unit of affinity). */
  static final double FOCUS_TASTE = 2.0;

  /** The fewest ratings in one phase of a user's history. */
  static final int MIN_PHASE_LENGTH = 12;

  /** The most phases of one user's history (heavy raters have longer phases). */
  static final int MAX_PHASES = 16;

  /** Standard deviation, per theme and phase, of the random walk of a user's taste. */
  static final double TASTE_DRIFT_SD = 0.25;

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

  /** Per movie: its cluster; per cluster: its mean theme vector (flattened) and log size. */
  private final int[] clusterOf;

  private final float[] clusterThemes;
  private final float[] clusterLogSize;

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
    int clusters = Math.max(1, Math.round(movies.size() / (float) MOVIES_PER_CLUSTER));
    clusterOf = new int[movies.size()];
    clusterThemes = new float[clusters * k];
    clusterLogSize = new float[clusters];
    drawClusters(SplitMix64.stream(seed, 23), clusters);
  }

  /**
   * Cuts the catalogue into {@code clusters} clusters around distinct seed movies (each movie joins
   * the seed nearest in theme space, with noise), and takes each cluster's mean theme and size.
   */
  private void drawClusters(SplitMix64 rng, int clusters) {
    int k = Tastes.K;
    int movieCount = movies.size();
    int[] order = new int[movieCount];
    Arrays.setAll(order, i -> i);
    rng.shuffle(order, 0, movieCount);
    int[] size = new int[clusters];
    for (int m = 0; m < movieCount; m++) {
      int best = 0;
      double bestKey = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < clusters; c++) {
        int seedMovie = order[c];
        double d2 = 0;
        for (int t = 0; t < k; t++) {
          double diff = movieThemes[m * k + t] - movieThemes[seedMovie * k + t];
          d2 += diff * diff;
        }
        double key =
            m == seedMovie ? Double.POSITIVE_INFINITY : -d2 / CLUSTER_TEMPERATURE + gumbel(rng);
        if (key > bestKey) {
          bestKey = key;
          best = c;
        }
      }
      clusterOf[m] = best;
      size[best]++;
      for (int t = 0; t < k; t++) {
        clusterThemes[best * k + t] += movieThemes[m * k + t];
      }
    }
    for (int c = 0; c < clusters; c++) {
      for (int t = 0; t < k; t++) {
        clusterThemes[c * k + t] /= Math.max(1, size[c]);
      }
      clusterLogSize[c] = (float) StrictMath.log(Math.max(1, size[c]));
    }
  }

  /** The cluster of the movie at {@code index} (of the movie list). */
  int clusterOf(int index) {
    return clusterOf[index];
  }

  /** A standard Gumbel draw from the quantile table. */
  private static float gumbel(SplitMix64 rng) {
    return GUMBEL[(int) (rng.nextLong() >>> (64 - GUMBEL_BITS))];
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
    int[] takenBy = new int[movieCount];
    int maxCount = Arrays.stream(counts).max().orElse(0);
    int[] chosen = new int[maxCount];
    long[] times = new long[maxCount];
    float[] drift = new float[Tastes.K];
    int[] focus = new int[FOCUS_CLUSTERS];
    int row = 0;
    try (Progress progress =
        Progress.newBuilder("synthetic: draw ratings")
            .withTotal(ratingCount)
            .withUnit("ratings")
            .build()) {
      for (int u = 0; u < users.size(); u++) {
        int n = counts[u];
        scoreMovies(u, affinity);
        Arrays.fill(drift, 0f);
        Arrays.fill(focus, -1);
        int phaseLength = Math.max(MIN_PHASE_LENGTH, (n + MAX_PHASES - 1) / MAX_PHASES);
        for (int made = 0; made < n; ) {
          int len = Math.min(n - made, phaseLength);
          if (n - made - len < MIN_PHASE_LENGTH / 2) {
            len = n - made; // no stub of a phase at the end
          }
          drawFocus(u, rng, focus);
          phaseKeys(u + 1, rng, affinity, drift, focus, takenBy, keys);
          selectLargest(keys, len);
          for (int j = 0; j < len; j++) {
            int m = (int) keys[movieCount - len + j];
            chosen[made + j] = m;
            takenBy[m] = u + 1;
          }
          rng.shuffle(chosen, made, made + len); // the order within the phase
          made += len;
          for (int t = 0; t < drift.length; t++) {
            drift[t] += (float) (TASTE_DRIFT_SD * AFFINITY_SCALE * rng.nextGaussian());
          }
        }
        drawTimes(n, rng, times); // ascending: the phases follow one another in time
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
        progress.advance(n);
      }
      progress.finish();
    }
    checkState(row == ratingCount, "drew %s ratings, expected %s", row, ratingCount);
    return new RatingColumns(userIds, movieIds, toStars(latent), timestamps);
  }

  /** Fills {@code affinity[m]} with user {@code u}'s affinity for movie {@code m}. */
  private void scoreMovies(int u, float[] affinity) {
    int k = Tastes.K;
    int base = u * k;
    for (int m = 0; m < affinity.length; m++) {
      float a = 0;
      for (int t = 0; t < k; t++) {
        a += userThemes[base + t] * movieThemes[m * k + t];
      }
      affinity[m] = a;
    }
  }

  /**
   * The clusters of user {@code u}'s next phase: each focus cluster stays with chance {@link
   * #FOCUS_KEPT}, the others are drawn by taste ({@link #FOCUS_TASTE} × the user's affinity for the
   * cluster's mean theme) and size, distinct from one another.
   */
  private void drawFocus(int u, SplitMix64 rng, int[] focus) {
    int k = Tastes.K;
    int clusters = clusterLogSize.length;
    for (int f = 0; f < focus.length; f++) {
      if (focus[f] >= 0 && rng.nextBoolean(FOCUS_KEPT)) {
        continue;
      }
      int best = -1;
      double bestKey = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < clusters; c++) {
        if (isFocus(focus, f, c)) {
          continue;
        }
        double a = 0;
        for (int t = 0; t < k; t++) {
          a += userThemes[u * k + t] * clusterThemes[c * k + t];
        }
        double key = FOCUS_TASTE * a + clusterLogSize[c] + gumbel(rng);
        if (key > bestKey) {
          bestKey = key;
          best = c;
        }
      }
      focus[f] = best; // -1 if there are fewer clusters than focus slots
    }
  }

  /** Whether {@code c} is one of the focus clusters other than slot {@code skip}. */
  private static boolean isFocus(int[] focus, int skip, int c) {
    for (int f = 0; f < focus.length; f++) {
      if (f != skip && focus[f] == c) {
        return true;
      }
    }
    return false;
  }

  /**
   * Fills {@code keys[m]} with movie {@code m}'s Gumbel-top-k key for this phase packed above its
   * index: log popularity, plus {@link #AFFINITY_SELECTION} × (affinity + drifted affinity), plus
   * {@link #FOCUS_BOOST} in a focus cluster, plus Gumbel noise; movies the user already rated
   * ({@code takenBy[m] == stamp}) get the lowest key.
   */
  private void phaseKeys(
      int stamp,
      SplitMix64 rng,
      float[] affinity,
      float[] drift,
      int[] focus,
      int[] takenBy,
      long[] keys) {
    int k = Tastes.K;
    long bits = 0;
    for (int m = 0; m < affinity.length; m++) {
      if ((m & 3) == 0) {
        bits = rng.nextLong();
      }
      if (takenBy[m] == stamp) {
        keys[m] = ((long) sortableBits(Float.NEGATIVE_INFINITY) << 32) | m;
        continue;
      }
      float a = affinity[m];
      for (int t = 0; t < k; t++) {
        a += drift[t] * movieThemes[m * k + t];
      }
      int c = clusterOf[m];
      boolean inFocus = false;
      for (int f : focus) {
        inFocus |= f == c;
      }
      float gumbel = GUMBEL[(int) (bits >>> (GUMBEL_BITS * (m & 3))) & (GUMBEL.length - 1)];
      float key =
          logPopularity[m]
              + (float) AFFINITY_SELECTION * a
              + (inFocus ? (float) FOCUS_BOOST : 0f)
              + gumbel;
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
