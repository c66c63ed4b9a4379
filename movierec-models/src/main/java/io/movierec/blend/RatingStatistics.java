package io.movierec.blend;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import com.google.common.cache.CacheBuilder;
import com.google.common.cache.CacheLoader;
import com.google.common.cache.LoadingCache;
import io.movierec.domain.Movie;
import io.movierec.domain.UserContext;
import io.movierec.io.CorruptFileException;
import io.movierec.io.VersionedFile;
import io.movierec.prepare.SplitRatings;
import io.movierec.recommend.UserStore;
import io.movierec.util.Quickselect;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a fixed set of ratings says about a user's next rating of a movie: the classic neighbourhood
 * and bias features of rating prediction, which a {@link RatingBlend} weighs together with the
 * ranker's own prediction.
 *
 * <p>From the ratings it is built with, it fits a global mean {@code mu} and regularised user and
 * movie biases {@code bu}, {@code bi} ({@value #BIAS_ROUNDS} alternating rounds, each bias shrunk
 * by {@value #BIAS_REGULARISATION} ratings), keeps each user's ratings in time order, and for every
 * (user, movie) gives the {@link #FEATURES}:
 *
 * <ol>
 *   <li>{@code movie_baseline}: {@code mu + bi[movie]};
 *   <li>{@code mean_residual}: the sum over the user's ratings of {@code r - mu - bi[m]}, divided
 *       by their number plus {@value #HISTORY_SHRINKAGE};
 *   <li>{@code recent_residual}: the same over the user's {@value #RECENT_RATINGS} latest ratings,
 *       divided by their number plus {@value #RECENT_SHRINKAGE};
 *   <li>{@code user_bias}: {@code bu[user]};
 *   <li>{@code neighbour_residual}: item kNN. Each pair of movies has a similarity: the cosine of
 *       their residuals {@code r - mu - bu - bi} over the users who rated both (0 under {@value
 *       #MIN_COMMON_USERS} such users), times {@code n / (n + }{@value #SIMILARITY_SHRINKAGE}{@code
 *       )}. Of the user's rated movies, the {@value #MAX_NEIGHBOURS} most similar to the movie (by
 *       absolute similarity) give {@code sum(s * residual) / (sum(|s|) + 1)}.
 * </ol>
 *
 * A user or movie it has not seen has zero bias and no history or neighbours, so every feature but
 * the baseline is 0. Immutable and thread-safe once built.
 */
public final class RatingStatistics {

  /** Rounds of alternating least squares for the biases. */
  public static final int BIAS_ROUNDS = 10;

  /** Pseudo-count each user and movie bias is shrunk towards 0 with. */
  public static final double BIAS_REGULARISATION = 5;

  /** Pseudo-count the mean residual of a user's ratings is shrunk with. */
  public static final double HISTORY_SHRINKAGE = 5;

  /** How many of a user's latest ratings make {@code recent_residual}. */
  public static final int RECENT_RATINGS = 3;

  /** Pseudo-count the mean residual of the latest ratings is shrunk with. */
  public static final double RECENT_SHRINKAGE = 2;

  /** How many of the user's movies, the most similar first, give {@code neighbour_residual}. */
  public static final int MAX_NEIGHBOURS = 40;

  /** Two movies rated by fewer common users than this have similarity 0. */
  public static final int MIN_COMMON_USERS = 3;

  /** Shrinks a similarity by {@code n / (n + this)}, n the number of common users. */
  public static final double SIMILARITY_SHRINKAGE = 20;

  /**
   * How many movie-to-movie similarities are kept once computed (each movie's row of them is
   * computed when a feature first needs it): 2<sup>25</sup>, 256 MiB; all of them up to a catalogue
   * of 5,792 movies.
   */
  public static final long MAX_CACHED_SIMILARITIES = 1L << 25;

  private static final String FILE_KIND = "movierec-rating-statistics";
  private static final int FILE_VERSION = 1;
  private static final int OLDEST_FILE_VERSION = 1;

  /** The names of the features {@link #features} returns, in order. */
  public static final List<String> FEATURES =
      List.of(
          "movie_baseline", "mean_residual", "recent_residual", "user_bias", "neighbour_residual");

  private final double mean;
  private final Map<Integer, Integer> userIndex;
  private final Map<Integer, Integer> movieIndex;
  private final double[] userBias;
  private final double[] movieBias;

  /** Per user: movie indices and ratings, oldest first. */
  private final int[][] historyMovies;

  private final float[][] historyScores;

  /** Per movie: user indices in increasing order and their residuals {@code r - mu - bu - bi}. */
  private final int[][] raters;

  private final double[][] residuals;

  private final int[] userIds;
  private final int[] movieIds;

  /** Similarity rows by movie index, computed when first needed. */
  private final LoadingCache<Integer, double[]> similarities =
      CacheBuilder.newBuilder()
          .maximumWeight(MAX_CACHED_SIMILARITIES)
          .weigher((Integer movie, double[] row) -> row.length)
          .build(CacheLoader.from(this::similarityRow));

  /** Statistics from fitted biases and histories (movie indices, oldest first) per user index. */
  private RatingStatistics(
      double mean,
      int[] userIds,
      double[] userBias,
      int[] movieIds,
      double[] movieBias,
      int[][] historyMovies,
      float[][] historyScores) {
    this.mean = mean;
    this.userIds = userIds;
    this.userBias = userBias;
    this.movieIds = movieIds;
    this.movieBias = movieBias;
    this.historyMovies = historyMovies;
    this.historyScores = historyScores;
    userIndex = indexOf(userIds);
    movieIndex = indexOf(movieIds);
    int[] perMovie = new int[movieIds.length];
    for (int[] h : historyMovies) {
      for (int movie : h) {
        perMovie[movie]++;
      }
    }
    raters = new int[movieIds.length][];
    residuals = new double[movieIds.length][];
    for (int k = 0; k < movieIds.length; k++) {
      raters[k] = new int[perMovie[k]];
      residuals[k] = new double[perMovie[k]];
    }
    int[] filled = new int[movieIds.length];
    for (int user = 0; user < userIds.length; user++) { // by user index: raters come out sorted
      for (int j = 0; j < historyMovies[user].length; j++) {
        int movie = historyMovies[user][j];
        int at = filled[movie]++;
        raters[movie][at] = user;
        residuals[movie][at] = historyScores[user][j] - mean - userBias[user] - movieBias[movie];
      }
    }
  }

  private static Map<Integer, Integer> indexOf(int[] ids) {
    Map<Integer, Integer> index = new HashMap<>(ids.length * 2);
    for (int i = 0; i < ids.length; i++) {
      checkArgument(index.put(ids[i], i) == null, "id %s appears twice", ids[i]);
    }
    return index;
  }

  /** Fits the biases and sorts each user's ratings by time. */
  private static RatingStatistics fit(Builder b) {
    int n = b.size;
    checkArgument(n > 0, "no ratings to build statistics from");
    Map<Integer, Integer> users = new HashMap<>();
    Map<Integer, Integer> movies = new HashMap<>();
    int[] u = new int[n];
    int[] m = new int[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      u[i] = users.computeIfAbsent(b.users[i], k -> users.size());
      m[i] = movies.computeIfAbsent(b.movies[i], k -> movies.size());
      sum += b.scores[i];
    }
    double mean = sum / n;
    int[] userCount = new int[users.size()];
    int[] movieCount = new int[movies.size()];
    for (int i = 0; i < n; i++) {
      userCount[u[i]]++;
      movieCount[m[i]]++;
    }
    double[] userBias = new double[users.size()];
    double[] movieBias = new double[movies.size()];
    for (int round = 0; round < BIAS_ROUNDS; round++) {
      double[] acc = new double[movieBias.length];
      for (int i = 0; i < n; i++) {
        acc[m[i]] += b.scores[i] - mean - userBias[u[i]];
      }
      for (int k = 0; k < acc.length; k++) {
        movieBias[k] = acc[k] / (BIAS_REGULARISATION + movieCount[k]);
      }
      acc = new double[userBias.length];
      for (int i = 0; i < n; i++) {
        acc[u[i]] += b.scores[i] - mean - movieBias[m[i]];
      }
      for (int k = 0; k < acc.length; k++) {
        userBias[k] = acc[k] / (BIAS_REGULARISATION + userCount[k]);
      }
    }
    Integer[] order = new Integer[n];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparingLong(i -> b.times[i])); // stable: ties keep add order
    int[][] historyMovies = new int[userCount.length][];
    float[][] historyScores = new float[userCount.length][];
    for (int k = 0; k < userCount.length; k++) {
      historyMovies[k] = new int[userCount[k]];
      historyScores[k] = new float[userCount[k]];
    }
    int[] filled = new int[userCount.length];
    for (int i : order) {
      int at = filled[u[i]]++;
      historyMovies[u[i]][at] = m[i];
      historyScores[u[i]][at] = b.scores[i];
    }
    return new RatingStatistics(
        mean, ids(users), userBias, ids(movies), movieBias, historyMovies, historyScores);
  }

  private static int[] ids(Map<Integer, Integer> index) {
    int[] ids = new int[index.size()];
    index.forEach((id, i) -> ids[i] = id);
    return ids;
  }

  /**
   * The statistics of the ratings in a user store: every user's history and scores, oldest first.
   * Users without scores add nothing. A snapshot: ratings recorded in the store later are not in it
   * (they do reach the features through the user's context; see {@link #features(UserContext,
   * List)}).
   */
  public static RatingStatistics of(UserStore store) {
    Builder b = newBuilder();
    for (int id : store.ids()) {
      UserContext c = store.context(id).orElseThrow();
      if (!c.hasScores()) {
        continue;
      }
      for (int j = c.historyLength() - 1, t = 0; j >= 0; j--, t++) {
        b.add(id, c.historyAt(j), c.scoreAt(j), t);
      }
    }
    return b.build();
  }

  /** Writes the statistics (biases and histories) atomically; {@link #load} reads them back. */
  public void save(Path file) throws IOException {
    VersionedFile.write(
        file,
        FILE_KIND,
        FILE_VERSION,
        out -> {
          out.writeDouble(mean);
          out.writeInt(userIds.length);
          out.writeInt(movieIds.length);
          for (int k = 0; k < movieIds.length; k++) {
            out.writeInt(movieIds[k]);
            out.writeDouble(movieBias[k]);
          }
          for (int k = 0; k < userIds.length; k++) {
            out.writeInt(userIds[k]);
            out.writeDouble(userBias[k]);
            out.writeInt(historyMovies[k].length);
            for (int j = 0; j < historyMovies[k].length; j++) {
              out.writeInt(historyMovies[k][j]);
              out.writeFloat(historyScores[k][j]);
            }
          }
        });
  }

  /**
   * Reads statistics {@link #save} wrote.
   *
   * @throws io.movierec.io.CorruptFileException if the file is truncated, damaged or of another
   *     kind, or a history names a movie the file does not hold
   */
  public static RatingStatistics load(Path file) throws IOException {
    return VersionedFile.read(
        file,
        FILE_KIND,
        OLDEST_FILE_VERSION,
        FILE_VERSION,
        (in, version) -> {
          double mean = in.readDouble();
          int users = in.readInt();
          int movies = in.readInt();
          if (users < 0 || movies < 0) {
            throw new CorruptFileException(file, "negative count of users or movies");
          }
          int[] movieIds = new int[movies];
          double[] movieBias = new double[movies];
          for (int k = 0; k < movies; k++) {
            movieIds[k] = in.readInt();
            movieBias[k] = in.readDouble();
          }
          int[] userIds = new int[users];
          double[] userBias = new double[users];
          int[][] historyMovies = new int[users][];
          float[][] historyScores = new float[users][];
          for (int k = 0; k < users; k++) {
            userIds[k] = in.readInt();
            userBias[k] = in.readDouble();
            int n = in.readInt();
            if (n < 0) {
              throw new CorruptFileException(file, "negative history length of user " + userIds[k]);
            }
            historyMovies[k] = new int[n];
            historyScores[k] = new float[n];
            for (int j = 0; j < n; j++) {
              historyMovies[k][j] = in.readInt();
              historyScores[k][j] = in.readFloat();
              if (historyMovies[k][j] < 0 || historyMovies[k][j] >= movies) {
                throw new CorruptFileException(
                    file,
                    "user "
                        + userIds[k]
                        + " rated movie index "
                        + historyMovies[k][j]
                        + " of "
                        + movies);
              }
            }
          }
          return new RatingStatistics(
              mean, userIds, userBias, movieIds, movieBias, historyMovies, historyScores);
        });
  }

  /**
   * The statistics of the ratings that come before {@code part} in a leave-latest-out split: the
   * training ratings for the validation part, training and validation ratings for the test part,
   * which is what a model evaluated on that part was trained on.
   */
  public static RatingStatistics before(SplitRatings ratings, SplitRatings.Part part) {
    checkArgument(part != SplitRatings.Part.TRAIN, "nothing comes before the training part");
    Set<SplitRatings.Part> parts =
        part == SplitRatings.Part.TEST
            ? EnumSet.of(SplitRatings.Part.TRAIN, SplitRatings.Part.VALIDATION)
            : EnumSet.of(SplitRatings.Part.TRAIN);
    Builder b = newBuilder();
    for (int i = 0; i < ratings.size(); i++) {
      if (parts.contains(ratings.part(i))) {
        b.add(ratings.user(i), ratings.movie(i), ratings.score(i), ratings.time(i));
      }
    }
    return b.build();
  }

  /** A builder to add ratings to; equal times keep the order they were added in. */
  public static Builder newBuilder() {
    return new Builder();
  }

  /** The mean of all the ratings. */
  public double mean() {
    return mean;
  }

  /** The bias of a user (0 for one it has not seen); raw MovieLens id. */
  public double userBias(int user) {
    Integer ui = userIndex.get(user);
    return ui == null ? 0 : userBias[ui];
  }

  /** The bias of a movie (0 for one it has not seen); raw MovieLens id. */
  public double movieBias(int movie) {
    Integer mi = movieIndex.get(movie);
    return mi == null ? 0 : movieBias[mi];
  }

  /**
   * The {@link #FEATURES} of {@code user} rating {@code movie}, both raw MovieLens ids, the user's
   * history being their ratings among those these statistics were built from; a new array on each
   * call.
   */
  public double[] features(int user, int movie) {
    Integer ui = userIndex.get(user);
    History h =
        ui == null
            ? history(-1, new int[0], new float[0])
            : history(ui, historyMovies[ui], historyScores[ui]);
    return features(h, movie);
  }

  /**
   * The {@link #FEATURES} of each of {@code movies} for a user whose history is the context's
   * (movies and scores, most recent first), not the one these statistics hold; the user bias is
   * still the one of {@code user.userId()}. A context without scores counts as no history. This is
   * how a served user whose ratings are in a user store gets the features the offline evaluation
   * gave them.
   */
  public double[][] features(UserContext user, List<Movie> movies) {
    int n = user.hasScores() ? user.historyLength() : 0;
    int[] history = new int[n];
    float[] scores = new float[n];
    for (int j = 0; j < n; j++) { // oldest first
      history[j] = movieIndex.getOrDefault(user.historyAt(n - 1 - j), -1);
      scores[j] = user.scoreAt(n - 1 - j);
    }
    History h = history(userIndex.getOrDefault(user.userId(), -1), history, scores);
    double[][] out = new double[movies.size()][];
    for (int k = 0; k < out.length; k++) {
      out[k] = features(h, movies.get(k).id());
    }
    return out;
  }

  /**
   * What the features need of one user, whatever the movie: movie indices of the history (-1 for a
   * movie not seen), oldest first; each rating's residual {@code r - mu - bu - bi}; the user bias
   * and the two residual means; and scratch space for {@link #neighbourResidual} (one request, one
   * thread).
   */
  private record History(
      int[] movies,
      double[] residuals,
      double userBias,
      double meanResidual,
      double recentResidual,
      double[] sim,
      double[] strength,
      double[] scratch) {}

  private History history(int ui, int[] movies, float[] scores) {
    double bu = bias(userBias, ui);
    double[] residuals = new double[movies.length];
    double all = 0;
    double recent = 0;
    int recentFrom = Math.max(0, movies.length - RECENT_RATINGS);
    for (int j = 0; j < movies.length; j++) {
      double r = scores[j] - mean - bias(movieBias, movies[j]);
      all += r;
      if (j >= recentFrom) {
        recent += r;
      }
      residuals[j] = r - bu;
    }
    int n = movies.length;
    return new History(
        movies,
        residuals,
        bu,
        all / (n + HISTORY_SHRINKAGE),
        recent / (n - recentFrom + RECENT_SHRINKAGE),
        new double[n],
        new double[n],
        new double[n]);
  }

  private double[] features(History h, int movie) {
    int mi = movieIndex.getOrDefault(movie, -1);
    return new double[] {
      mean + bias(movieBias, mi),
      h.meanResidual(),
      h.recentResidual(),
      h.userBias(),
      neighbourResidual(h, mi)
    };
  }

  private static double bias(double[] biases, int index) {
    return index < 0 ? 0 : biases[index];
  }

  private double neighbourResidual(History h, int movie) {
    int n = h.movies().length;
    if (movie < 0 || n == 0) {
      return 0;
    }
    double[] row = similarities.getUnchecked(movie);
    double[] sim = h.sim();
    double[] strength = h.strength();
    for (int j = 0; j < n; j++) {
      sim[j] = h.movies()[j] < 0 ? 0 : row[h.movies()[j]];
      strength[j] = Math.abs(sim[j]);
    }
    // The MAX_NEIGHBOURS strongest, ties going to the older rating (a stable sort's top):
    // everything above the threshold, then ratings at it in history order.
    double threshold = 0;
    if (n > MAX_NEIGHBOURS) {
      System.arraycopy(strength, 0, h.scratch(), 0, n);
      threshold = kthLargest(h.scratch(), MAX_NEIGHBOURS);
    }
    int above = 0;
    for (int j = 0; j < n; j++) {
      if (strength[j] > threshold) {
        above++;
      }
    }
    int atThreshold = Math.min(n, MAX_NEIGHBOURS) - above;
    double num = 0;
    double den = 1;
    for (int j = 0; j < n; j++) {
      if (strength[j] > threshold || (strength[j] == threshold && atThreshold-- > 0)) {
        num += sim[j] * h.residuals()[j];
        den += strength[j];
      }
    }
    return num / den;
  }

  /** The k-th largest value (k from 1) of {@code a}, which it reorders: quickselect. */
  static double kthLargest(double[] a, int k) {
    return Quickselect.kthLargest(a, k);
  }

  /**
   * Movie {@code a}'s similarity to every movie (by index): one pass over the histories of the
   * users who rated {@code a}, adding up in increasing user order.
   */
  private double[] similarityRow(int a) {
    int m = movieIds.length;
    double[] dot = new double[m];
    double[] normA = new double[m];
    double[] normB = new double[m];
    int[] common = new int[m];
    for (int k = 0; k < raters[a].length; k++) {
      int user = raters[a][k];
      double ra = residuals[a][k];
      int[] movies = historyMovies[user];
      for (int j = 0; j < movies.length; j++) {
        int b = movies[j];
        double rb = historyScores[user][j] - mean - userBias[user] - movieBias[b];
        dot[b] += ra * rb;
        normA[b] += ra * ra;
        normB[b] += rb * rb;
        common[b]++;
      }
    }
    double[] row = dot; // reused in place
    for (int b = 0; b < m; b++) {
      row[b] =
          common[b] < MIN_COMMON_USERS
              ? 0
              : dot[b]
                  / (Math.sqrt(normA[b] * normB[b]) + 1e-9)
                  * common[b]
                  / (common[b] + SIMILARITY_SHRINKAGE);
    }
    return row;
  }

  /** Collects ratings; build once. Not thread-safe. */
  public static final class Builder {
    private int[] users = new int[1024];
    private int[] movies = new int[1024];
    private float[] scores = new float[1024];
    private long[] times = new long[1024];
    private int size;
    private boolean built;

    private Builder() {}

    /**
     * Adds one rating.
     *
     * @throws IllegalArgumentException if the score is not finite
     */
    public Builder add(int user, int movie, float score, long time) {
      checkState(!built, "already built");
      checkArgument(
          Float.isFinite(score),
          "rating of user %s for movie %s is not finite: %s",
          user,
          movie,
          score);
      if (size == users.length) {
        users = Arrays.copyOf(users, size * 2);
        movies = Arrays.copyOf(movies, size * 2);
        scores = Arrays.copyOf(scores, size * 2);
        times = Arrays.copyOf(times, size * 2);
      }
      users[size] = user;
      movies[size] = movie;
      scores[size] = score;
      times[size] = time;
      size++;
      return this;
    }

    /**
     * The statistics of everything added.
     *
     * @throws IllegalArgumentException if nothing was added
     */
    public RatingStatistics build() {
      checkState(!built, "already built");
      built = true;
      return fit(this);
    }
  }
}
