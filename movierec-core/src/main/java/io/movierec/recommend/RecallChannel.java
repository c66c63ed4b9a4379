package io.movierec.recommend;

import io.movierec.domain.UserContext;
import java.util.function.IntPredicate;

/**
 * One source of candidate movies for the recall stage. A {@link Recommender} asks each of its
 * channels in turn for its quota of movies, merges them without duplicates and hands the merged set
 * to the ranker; every {@link Recommendation} names the channels that found it.
 *
 * <p>Built in: the two-tower index ({@value Recommender#INDEX_CHANNEL}, always present, its quota
 * set by {@link Recommender.Builder#withCandidates}), {@link CoOccurrenceChannel} (movies watched
 * next to the user's recent ones) and {@link GenrePopularityChannel} (popular in the user's genres,
 * or among users like a new user). A host application adds its own — editorial picks, say — with
 * {@link Recommender.Builder#withChannel}. The built-in channels are saved in bundles; a custom one
 * is not (only its name and quota are) and must be attached again when the bundle is loaded: see
 * {@link Recommender#load(java.nio.file.Path, java.util.function.UnaryOperator)}.
 *
 * <p>Implementations are thread-safe and should not allocate much per call: they run on every
 * request.
 */
public interface RecallChannel {

  /**
   * The channel's name, unique within a recommender: 1 to 40 characters of {@code a-z}, {@code 0-9}
   * and {@code -}. It is what {@link Recommendation#channels()} lists.
   */
  String name();

  /**
   * Offers movies for the request's user to {@code sink}, best first, until the sink returns false
   * or the channel has nothing more. Movies for which {@link Request#excluded} is true must not be
   * offered (the recommender drops them anyway: the user's seen movies, and those the request's
   * filter rejects). Offering fewer than {@link Request#wanted()} is fine.
   */
  void recall(Request request, Sink sink);

  /**
   * Told of each rating {@link Recommender#recordRating(int, int, float, long)} records, with its
   * time in seconds since the epoch, after the user's history has it; a channel that learns from
   * ratings as they arrive (as {@link TrendingChannel} does) overrides this. The default does
   * nothing. Called on the recording thread, concurrently with {@link #recall}.
   */
  default void onRating(int userId, int movieId, long timestamp) {}

  /** Receives a channel's movies, best first. */
  @FunctionalInterface
  interface Sink {
    /**
     * Takes one movie and the channel's score for it (higher is better; only its order within the
     * channel matters); returns false when the channel should stop.
     */
    boolean offer(int movieId, float score);
  }

  /** What a channel is told about one request. */
  final class Request {
    /** {@link #time()} of a request that carries no time. */
    public static final long NO_TIME = Long.MIN_VALUE;

    private final UserContext user;
    private final IntPredicate excluded;
    private int wanted;
    private final float[] userVector;
    private final long time;

    Request(UserContext user, IntPredicate excluded, int wanted, float[] userVector) {
      this(user, excluded, wanted, userVector, NO_TIME);
    }

    Request(UserContext user, IntPredicate excluded, int wanted, float[] userVector, long time) {
      this.user = user;
      this.excluded = excluded;
      this.wanted = wanted;
      this.userVector = userVector;
      this.time = time;
    }

    /**
     * The request's time, seconds since the epoch, for channels that depend on it ({@link
     * TrendingChannel}); {@link #NO_TIME} when the request carries none.
     */
    public long time() {
      return time;
    }

    /** The user: a known one with their history (most recent first), or a new one (id 0). */
    public UserContext user() {
      return user;
    }

    /** True for a movie the channel must not offer. */
    public boolean excluded(int movieId) {
      return excluded.test(movieId);
    }

    /** The same test as {@link #excluded(int)}, as a predicate (for a vector index search). */
    public IntPredicate exclusions() {
      return excluded;
    }

    /**
     * How many movies the channel may be asked for at most: its quota plus the movies other
     * channels already found (which it may offer again, not counting against its quota).
     */
    public int wanted() {
      return wanted;
    }

    void wanted(int wanted) {
      this.wanted = wanted;
    }

    /** The user's vector from the recall model (for the index channel). */
    float[] userVector() {
      return userVector;
    }
  }
}
