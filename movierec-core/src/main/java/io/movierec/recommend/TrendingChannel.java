package io.movierec.recommend;

import static com.google.common.base.Preconditions.checkArgument;

import io.movierec.domain.Movie;
import io.movierec.io.CorruptFileException;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/**
 * Movies trending at the request's time: for a new user, the movies most rated shortly before
 * "now". A movie's score at time {@code now} is {@code sum exp(-(now - t) / tau)} over its ratings
 * logged at times {@code t < now}; ratings at or after {@code now} are not counted, so a request
 * replayed at a past time sees only the ratings logged before it. The request's time is {@link
 * RecallChannel.Request#time()} ({@link Recommender#recommend(io.movierec.domain.UserProfile, int,
 * java.time.Instant)}); a request without one is answered as of the latest rating the channel
 * knows.
 *
 * <p>Built from timestamped ratings ({@link Builder#addRating}); {@link
 * Recommender#recordRating(int, int, float, long)} adds each new one. By default the channel
 * answers only new users (no history): on ml-100k it was chosen for them ({@code tau} 14 days,
 * docs/results.md "Trending at request time"); {@link Builder#withKnownUsers} lets it answer
 * everyone. Movies whose score is below {@code e^-80} of the best one's are not offered; the score
 * offered for a movie is {@code 80 + ln(its score / the best score)}.
 *
 * <p>Thread-safe; recording a rating copies that movie's rating times (time in proportion to the
 * movie's ratings).
 */
public final class TrendingChannel implements RecallChannel {

  /** The channel's name. */
  public static final String NAME = "trending";

  /** The default time constant {@code tau}: 14 days. */
  public static final Duration DEFAULT_TIME_CONSTANT = Duration.ofDays(14);

  private static final int MAX_MOVIES = 10_000_000;
  private static final int MAX_RATINGS_PER_MOVIE = 100_000_000;
  private static final double CUTOFF = 80;

  private final double tauSeconds;
  private final boolean knownUsers;
  private final int[] movieIds;
  private final AtomicReferenceArray<Trend> trends;
  private final Object recordLock = new Object();
  private volatile long latest;
  private final ThreadLocal<Scratch> scratch;

  /**
   * The answer at any time after every rating counted, computed on first use and dropped by {@link
   * #record}: past the latest rating, every movie's score decays by the same factor, so the order
   * and the relative scores do not depend on the time.
   */
  private volatile @Nullable Ranked rankedAfterLatest;

  /** Movies in descending order of score (ties: catalogue order) and their scores. */
  private record Ranked(int[] movies, float[] scores) {}

  /**
   * One movie's rating times, ascending, and for each {@code i} the log of {@code sum over k <= i
   * of exp(-(times[i] - times[k]) / tau)}: the decayed count just after the {@code i}-th rating.
   */
  private record Trend(long[] times, double[] logCounts) {}

  private static final class Scratch {
    final double[] logs;
    final long[] heap;

    Scratch(int n) {
      logs = new double[n];
      heap = new long[n];
    }
  }

  private TrendingChannel(
      double tauSeconds, boolean knownUsers, int[] movieIds, List<long[]> times) {
    this.tauSeconds = tauSeconds;
    this.knownUsers = knownUsers;
    this.movieIds = movieIds;
    this.trends = new AtomicReferenceArray<>(movieIds.length);
    long last = Long.MIN_VALUE;
    for (int j = 0; j < movieIds.length; j++) {
      long[] t = times.get(j);
      trends.set(j, new Trend(t, logCounts(t, tauSeconds)));
      if (t.length > 0) {
        last = Math.max(last, t[t.length - 1]);
      }
    }
    this.latest = last;
    this.scratch = ThreadLocal.withInitial(() -> new Scratch(movieIds.length));
  }

  /** A builder with the defaults ({@code tau} 14 days, new users only, no ratings yet). */
  public static Builder newBuilder() {
    return new Builder();
  }

  @Override
  public String name() {
    return NAME;
  }

  /** The time constant {@code tau}. */
  public Duration timeConstant() {
    return Duration.ofMillis(Math.round(tauSeconds * 1000));
  }

  /** True if the channel also answers users with a history. */
  public boolean knownUsers() {
    return knownUsers;
  }

  /** The number of movies the channel knows. */
  public int movies() {
    return movieIds.length;
  }

  /**
   * The time of the latest rating counted, seconds since the epoch; none: {@code Long.MIN_VALUE}.
   */
  public long latest() {
    return latest;
  }

  /** Counts the rating, as {@link #record}. */
  @Override
  public void onRating(int userId, int movieId, long timestamp) {
    record(movieId, timestamp);
  }

  /**
   * Counts one more rating of {@code movieId} at {@code timestamp} (seconds since the epoch); a
   * movie the channel does not know (added to the catalogue after it was built) is ignored.
   */
  public void record(int movieId, long timestamp) {
    checkArgument(timestamp >= 0, "timestamp must not be negative, got %s", timestamp);
    int j = Arrays.binarySearch(movieIds, movieId);
    if (j < 0) {
      return;
    }
    synchronized (recordLock) {
      long[] old = trends.get(j).times();
      int at = upperBound(old, timestamp);
      long[] t = new long[old.length + 1];
      System.arraycopy(old, 0, t, 0, at);
      t[at] = timestamp;
      System.arraycopy(old, at, t, at + 1, old.length - at);
      trends.set(j, new Trend(t, logCounts(t, tauSeconds)));
      if (timestamp > latest) {
        latest = timestamp;
      }
      rankedAfterLatest = null;
    }
  }

  /**
   * The log of the movie's decayed count at {@code now} (ratings before it only); {@code
   * Double.NEGATIVE_INFINITY} for a movie with none.
   */
  double logScore(int movieId, long now) {
    int j = Arrays.binarySearch(movieIds, movieId);
    return j < 0 ? Double.NEGATIVE_INFINITY : logScoreAt(j, now);
  }

  private double logScoreAt(int j, long now) {
    Trend trend = trends.get(j);
    long[] t = trend.times();
    int i = t.length > 0 && t[t.length - 1] < now ? t.length - 1 : lowerBound(t, now) - 1;
    if (i < 0) {
      return Double.NEGATIVE_INFINITY;
    }
    return trend.logCounts()[i] - (now - trend.times()[i]) / tauSeconds;
  }

  @Override
  public void recall(Request request, Sink sink) {
    int n = movieIds.length;
    if (n == 0 || (!knownUsers && request.user().historyLength() > 0)) {
      return;
    }
    long now = request.time() == Request.NO_TIME ? latest + 1 : request.time();
    if (now > latest) {
      offerRanked(rankedAfterLatest(), request, sink);
      return;
    }
    Scratch s = scratch.get();
    double best = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < n; j++) {
      s.logs[j] = logScoreAt(j, now);
      best = Math.max(best, s.logs[j]);
    }
    if (best == Double.NEGATIVE_INFINITY) {
      return;
    }
    int cap = Math.min(n, request.wanted());
    int size = 0;
    long[] heap = s.heap;
    for (int j = 0; j < n; j++) {
      double rel = s.logs[j] - best;
      if (!(rel > -CUTOFF)) {
        continue;
      }
      // 80 + ln(score / best score), in (0, 80]: positive floats order as their bits
      float score = (float) (rel + CUTOFF);
      long key = ((long) Float.floatToIntBits(score) << 32) | (Integer.MAX_VALUE - j);
      if (size == cap && key <= heap[0]) {
        continue;
      }
      if (request.excluded(movieIds[j])) {
        continue;
      }
      size = TopKeys.offer(heap, size, cap, key);
    }
    Arrays.sort(heap, 0, size);
    for (int i = size - 1; i >= 0; i--) {
      int j = Integer.MAX_VALUE - (int) heap[i];
      if (!sink.offer(movieIds[j], Float.intBitsToFloat((int) (heap[i] >>> 32)))) {
        return;
      }
    }
  }

  private static void offerRanked(Ranked ranked, Request request, Sink sink) {
    int wanted = request.wanted();
    int offered = 0;
    for (int i = 0; i < ranked.movies().length && offered < wanted; i++) {
      int movieId = ranked.movies()[i];
      if (request.excluded(movieId)) {
        continue;
      }
      offered++;
      if (!sink.offer(movieId, ranked.scores()[i])) {
        return;
      }
    }
  }

  private Ranked rankedAfterLatest() {
    Ranked ranked = rankedAfterLatest;
    if (ranked != null) {
      return ranked;
    }
    synchronized (recordLock) {
      ranked = rankedAfterLatest;
      if (ranked == null) {
        ranked = rankAfterLatest();
        rankedAfterLatest = ranked;
      }
      return ranked;
    }
  }

  /** Scores every movie at a time after the latest rating; called under {@code recordLock}. */
  private Ranked rankAfterLatest() {
    int n = movieIds.length;
    long now = latest + 1;
    double[] logs = new double[n];
    double best = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < n; j++) {
      logs[j] = logScoreAt(j, now);
      best = Math.max(best, logs[j]);
    }
    long[] keys = new long[n];
    int size = 0;
    for (int j = 0; j < n; j++) {
      double rel = logs[j] - best;
      if (rel > -CUTOFF) {
        // the same key as in recall: the score's bits, then catalogue order for ties
        float score = (float) (rel + CUTOFF);
        keys[size++] = ((long) Float.floatToIntBits(score) << 32) | (Integer.MAX_VALUE - j);
      }
    }
    Arrays.sort(keys, 0, size);
    int[] movies = new int[size];
    float[] scores = new float[size];
    for (int i = 0; i < size; i++) {
      long key = keys[size - 1 - i];
      movies[i] = movieIds[Integer.MAX_VALUE - (int) key];
      scores[i] = Float.intBitsToFloat((int) (key >>> 32));
    }
    return new Ranked(movies, scores);
  }

  /**
   * {@code logCounts[i] = log(exp(logCounts[i-1] - (t[i] - t[i-1]) / tau) + 1)}, without overflow.
   */
  private static double[] logCounts(long[] t, double tau) {
    double[] out = new double[t.length];
    for (int i = 0; i < t.length; i++) {
      if (i == 0) {
        out[i] = 0; // log 1
        continue;
      }
      double a = out[i - 1] - (t[i] - t[i - 1]) / tau;
      out[i] = a > 0 ? a + Math.log1p(Math.exp(-a)) : Math.log1p(Math.exp(a));
    }
    return out;
  }

  /** The first index whose time is at or after {@code now}. */
  private static int lowerBound(long[] t, long now) {
    int lo = 0;
    int hi = t.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (t[mid] < now) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The first index whose time is after {@code time}. */
  private static int upperBound(long[] t, long time) {
    int lo = 0;
    int hi = t.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (t[mid] <= time) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  void write(DataOutputStream out) throws IOException {
    synchronized (recordLock) {
      out.writeDouble(tauSeconds);
      out.writeBoolean(knownUsers);
      out.writeInt(movieIds.length);
      for (int j = 0; j < movieIds.length; j++) {
        long[] t = trends.get(j).times();
        out.writeInt(movieIds[j]);
        out.writeInt(t.length);
        for (long x : t) {
          out.writeLong(x);
        }
      }
    }
  }

  /** Reads what {@link #write} wrote, checking every length and value before using it. */
  static TrendingChannel read(DataInputStream in, Path file) throws IOException {
    double tau = in.readDouble();
    boolean knownUsers = in.readBoolean();
    int n = in.readInt();
    if (!(tau >= 1 && tau <= 1e12) || n < 0 || n > MAX_MOVIES) {
      throw new CorruptFileException(
          file, "trending header out of range: tau " + tau + " s, " + n + " movies");
    }
    int[] ids = new int[n];
    List<long[]> times = new ArrayList<>(n);
    for (int j = 0; j < n; j++) {
      ids[j] = in.readInt();
      int count = in.readInt();
      if (ids[j] < 1
          || (j > 0 && ids[j] <= ids[j - 1])
          || count < 0
          || count > MAX_RATINGS_PER_MOVIE) {
        throw new CorruptFileException(
            file, "trending movie " + j + ": id " + ids[j] + ", " + count + " ratings");
      }
      long[] t = new long[count];
      for (int i = 0; i < count; i++) {
        t[i] = in.readLong();
        if (t[i] < 0 || (i > 0 && t[i] < t[i - 1])) {
          throw new CorruptFileException(
              file, "trending movie " + ids[j] + ": rating time " + i + " is " + t[i]);
        }
      }
      times.add(t);
    }
    return new TrendingChannel(tau, knownUsers, ids, times);
  }

  /** Settings and ratings of a {@link TrendingChannel}. */
  public static final class Builder {
    private Duration timeConstant = DEFAULT_TIME_CONSTANT;
    private boolean knownUsers;
    private final List<long[]> ratings = new ArrayList<>();

    private Builder() {}

    /** The time constant {@code tau} of the decay (default 14 days; at least one second). */
    public Builder withTimeConstant(Duration tau) {
      checkArgument(
          tau != null && tau.getSeconds() >= 1 && tau.getSeconds() <= 1_000_000_000_000L,
          "the time constant must be 1 s to 10^12 s, got %s",
          tau);
      this.timeConstant = tau;
      return this;
    }

    /** Whether users with a history are answered too (default false: new users only). */
    public Builder withKnownUsers(boolean knownUsers) {
      this.knownUsers = knownUsers;
      return this;
    }

    /** Counts a rating of {@code movieId} at {@code timestamp}, seconds since the epoch. */
    public Builder addRating(int movieId, long timestamp) {
      checkArgument(timestamp >= 0, "timestamp must not be negative, got %s", timestamp);
      ratings.add(new long[] {movieId, timestamp});
      return this;
    }

    /** The channel over the catalogue {@code movies}; ratings of other movies are not counted. */
    public TrendingChannel build(MovieStoreView movies) {
      List<Movie> all = movies.all();
      int n = all.size();
      int[] ids = new int[n];
      for (int i = 0; i < n; i++) {
        ids[i] = all.get(i).id();
        checkArgument(i == 0 || ids[i] > ids[i - 1], "the catalogue must list movies by id");
      }
      int[] counts = new int[n];
      for (long[] r : ratings) {
        int j = Arrays.binarySearch(ids, (int) r[0]);
        if (j >= 0) {
          counts[j]++;
        }
      }
      List<long[]> times = new ArrayList<>(n);
      for (int j = 0; j < n; j++) {
        times.add(new long[counts[j]]);
      }
      int[] filled = new int[n];
      for (long[] r : ratings) {
        int j = Arrays.binarySearch(ids, (int) r[0]);
        if (j >= 0) {
          times.get(j)[filled[j]++] = r[1];
        }
      }
      for (long[] t : times) {
        Arrays.sort(t);
      }
      double tau = timeConstant.toMillis() / 1000.0;
      return new TrendingChannel(tau, knownUsers, ids, times);
    }
  }
}
