package io.movierec.models;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.movierec.domain.Movie;
import io.movierec.domain.UserContext;
import io.movierec.features.FeatureEncoder;
import io.movierec.prepare.PreparedDataset;
import io.movierec.prepare.ServingStores;
import io.movierec.prepare.SplitRatings;
import io.movierec.recommend.RecallModel;
import io.movierec.recommend.UserStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * Draws the negatives a {@link WatchRanker} learns from: for each training rating (a positive),
 * movies the same user never rated in the training data. A share of them are <em>hard</em>, drawn
 * uniformly from the user's top candidates of a recall model (what the ranker will have to order at
 * serving time), the rest are drawn from the whole catalogue with probability proportional to the
 * movie's number of training ratings (popular movies the user did not pick).
 *
 * <p>A negative is never a movie the user rated in the training part of the data set: the rated
 * sets are read from its ratings, and both draws reject them. (The user's held-out validation and
 * test ratings are not known to training and are not excluded: excluding them would tell the ranker
 * the answer.) The hard candidates are computed once, when the sampler is built, from each user's
 * context over all training ratings.
 *
 * <p>Deterministic for a seed when called in the same order; not thread-safe (the trainer calls it
 * from one thread).
 */
public final class NegativeSampler {

  /** Negatives drawn for each positive by default. */
  public static final int DEFAULT_NEGATIVES_PER_POSITIVE = 4;

  /** Share of the negatives drawn from the recall model's candidates by default. */
  public static final double DEFAULT_HARD_SHARE = 0.5;

  /** Recall candidates per user that hard negatives are drawn from by default. */
  public static final int DEFAULT_HARD_POOL = 100;

  /** The default seed of the draws. */
  public static final long DEFAULT_SEED = 11L;

  /** A popularity draw gives up after this many rated movies in a row and scans instead. */
  static final int MAX_REJECTIONS = 64;

  private final FeatureEncoder encoder;
  private final List<Movie> movies;
  private final int[] movieRows;
  private final Map<Long, Integer> userOfLogId;
  private final Map<Integer, BitSet> rated;
  private final Map<Integer, int[]> hard;
  private final double[] cumulativePopularity;
  private final int negativesPerPositive;
  private final double hardShare;
  private final int hardPool;
  private final SplittableRandom random;

  private NegativeSampler(Builder b) throws IOException {
    this.negativesPerPositive = b.negativesPerPositive;
    this.hardShare = b.recall == null ? 0 : b.hardShare;
    this.hardPool = b.hardPool;
    this.random = new SplittableRandom(b.seed);
    PreparedDataset data = b.data;
    this.encoder = data.encoder();
    this.movies = List.copyOf(data.movies().values());
    int w = encoder.schema().movieWidth();
    this.movieRows = new int[movies.size() * w];
    Map<Integer, Integer> index = new HashMap<>();
    for (int j = 0; j < movies.size(); j++) {
      encoder.encodeMovie(movies.get(j), movieRows, j * w);
      index.put(movies.get(j).id(), j);
    }
    SplitRatings r = data.ratings();
    this.userOfLogId = new HashMap<>();
    this.rated = new HashMap<>();
    double[] counts = new double[movies.size()];
    for (int i = 0; i < r.size(); i++) {
      if (r.part(i) != SplitRatings.Part.TRAIN) {
        continue;
      }
      Integer j = index.get(r.movie(i));
      if (j == null) {
        throw new IllegalArgumentException(
            data.directory()
                + ": rating "
                + r.logId(i)
                + " is of movie "
                + r.movie(i)
                + ", which is not in the catalogue");
      }
      userOfLogId.put(r.logId(i), r.user(i));
      rated.computeIfAbsent(r.user(i), u -> new BitSet(movies.size())).set(j);
      counts[j]++;
    }
    this.cumulativePopularity = new double[movies.size()];
    double sum = 0;
    for (int j = 0; j < counts.length; j++) {
      // Add-one: a movie nobody rated yet can still be a negative (else the ranker never sees it).
      sum += counts[j] + 1;
      cumulativePopularity[j] = sum;
    }
    this.hard = b.recall == null ? Map.of() : hardCandidates(data, b.recall);
  }

  /**
   * A builder of a sampler over the training ratings and the catalogue of {@code data} (the data
   * set the ranker is trained on: sample log ids are looked up in its ratings).
   */
  public static Builder newBuilder(PreparedDataset data) {
    return new Builder(data);
  }

  /** Each user's best {@link #hardPool} unrated movies by the recall model's cosine. */
  private Map<Integer, int[]> hardCandidates(PreparedDataset data, RecallModel recall)
      throws IOException {
    UserStore users = ServingStores.of(data, EnumSet.of(SplitRatings.Part.TRAIN)).users();
    float[] mv = recall.movieVectors(movies);
    int d = recall.vectorDimension();
    float[] scores = new float[movies.size()];
    Map<Integer, int[]> out = new HashMap<>();
    for (Map.Entry<Integer, BitSet> e : rated.entrySet()) {
      UserContext user = users.context(e.getKey()).orElse(null);
      if (user == null) {
        continue;
      }
      float[] u = recall.userVector(user);
      for (int j = 0; j < scores.length; j++) {
        float dot = 0;
        for (int i = 0; i < d; i++) {
          dot += u[i] * mv[j * d + i];
        }
        scores[j] = dot;
      }
      out.put(e.getKey(), best(scores, e.getValue(), hardPool));
    }
    return out;
  }

  /** The indices of the {@code k} highest scores not in {@code exclude}, best first. */
  static int[] best(float[] scores, BitSet exclude, int k) {
    List<Integer> order = new ArrayList<>(scores.length);
    for (int j = 0; j < scores.length; j++) {
      if (!exclude.get(j)) {
        order.add(j);
      }
    }
    order.sort((a, b) -> Float.compare(scores[b], scores[a]));
    return order.stream().limit(k).mapToInt(Integer::intValue).toArray();
  }

  /** The encoder the movie rows are written with (the data set's). */
  public FeatureEncoder encoder() {
    return encoder;
  }

  /** Negatives per positive. */
  public int negativesPerPositive() {
    return negativesPerPositive;
  }

  /** Share of hard negatives (0 without a recall model). */
  public double hardShare() {
    return hardShare;
  }

  /** The catalogue, in the order of the indices {@link #sample} fills. */
  public List<Movie> movies() {
    return movies;
  }

  /**
   * The feasign rows of the catalogue: movie {@code j}'s are {@code movieWidth} ids from {@code j *
   * movieWidth}.
   */
  int[] movieRows() {
    return movieRows;
  }

  /**
   * The user who made the training rating with this log id.
   *
   * @throws IllegalArgumentException if the log id is not one of the data set's training ratings
   */
  public int userOfLogId(long logId) {
    Integer u = userOfLogId.get(logId);
    if (u == null) {
      throw new IllegalArgumentException(
          "sample log id "
              + logId
              + " is not a training rating of the sampler's data set: train on that data set's"
              + " training samples");
    }
    return u;
  }

  /**
   * Fills {@code out} with catalogue indices (into {@link #movies()}) of movies {@code user} never
   * rated in the training data and returns how many it filled: {@code out.length}, fewer only if
   * the user rated (almost) the whole catalogue.
   */
  public int sample(int user, int[] out) {
    BitSet seen = rated.getOrDefault(user, new BitSet());
    int[] pool = hard.get(user);
    int n = 0;
    for (int t = 0; t < out.length; t++) {
      int j;
      if (pool != null && pool.length > 0 && random.nextDouble() < hardShare) {
        j = pool[random.nextInt(pool.length)];
      } else {
        j = popular(seen);
      }
      if (j >= 0) {
        out[n++] = j;
      }
    }
    return n;
  }

  /** A movie drawn by popularity, not in {@code seen}; -1 if every movie is. */
  private int popular(BitSet seen) {
    double total = cumulativePopularity[cumulativePopularity.length - 1];
    for (int tries = 0; tries < MAX_REJECTIONS && total > 0; tries++) {
      double x = random.nextDouble() * total;
      int j = firstAbove(cumulativePopularity, x);
      if (j < cumulativePopularity.length && !seen.get(j)) {
        return j;
      }
    }
    // The user rated most of what is popular: any unrated movie, from a random start.
    int start = random.nextInt(movies.size());
    int j = seen.nextClearBit(start);
    if (j >= movies.size()) {
      j = seen.nextClearBit(0);
    }
    return j < movies.size() ? j : -1;
  }

  /**
   * The first index whose cumulative sum exceeds {@code x}: movie {@code j} is chosen with
   * probability proportional to its own weight.
   */
  static int firstAbove(double[] cumulative, double x) {
    int lo = 0;
    int hi = cumulative.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] > x) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /** Whether {@code user} rated catalogue movie {@code j} in the training data. */
  public boolean rated(int user, int j) {
    BitSet seen = rated.get(user);
    return seen != null && seen.get(j);
  }

  /** Settings of a {@link NegativeSampler}. */
  public static final class Builder {
    private final PreparedDataset data;
    private int negativesPerPositive = DEFAULT_NEGATIVES_PER_POSITIVE;
    private double hardShare = DEFAULT_HARD_SHARE;
    private int hardPool = DEFAULT_HARD_POOL;
    private @Nullable RecallModel recall;
    private long seed = DEFAULT_SEED;

    private Builder(PreparedDataset data) {
      this.data = checkNotNull(data, "data");
    }

    /** Negatives drawn per positive (default {@value #DEFAULT_NEGATIVES_PER_POSITIVE}). */
    public Builder withNegativesPerPositive(int n) {
      checkArgument(n >= 1 && n <= 100, "negatives per positive must be 1..100, got %s", n);
      this.negativesPerPositive = n;
      return this;
    }

    /**
     * Share of negatives drawn from the recall model's top candidates (default {@value
     * #DEFAULT_HARD_SHARE}); ignored without {@link #withHardCandidates}.
     */
    public Builder withHardShare(double share) {
      checkArgument(share >= 0 && share <= 1, "hard share must be in [0, 1], got %s", share);
      this.hardShare = share;
      return this;
    }

    /**
     * Draws hard negatives from each user's best {@code perUser} unrated movies by {@code recall}
     * (default pool {@value #DEFAULT_HARD_POOL}); without it every negative is drawn by popularity.
     */
    public Builder withHardCandidates(RecallModel recall, int perUser) {
      checkArgument(perUser >= 1, "the hard-negative pool needs at least 1 movie, got %s", perUser);
      this.recall = checkNotNull(recall, "recall");
      this.hardPool = perUser;
      return this;
    }

    /** Seeds the draws (default {@value #DEFAULT_SEED}). */
    public Builder withSeed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Reads the data set's ratings (and computes the hard candidates) and builds the sampler. */
    public NegativeSampler build() throws IOException {
      return new NegativeSampler(this);
    }
  }
}
