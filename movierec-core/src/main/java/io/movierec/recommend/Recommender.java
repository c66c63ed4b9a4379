package io.movierec.recommend;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.base.Throwables;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.util.concurrent.ExecutionError;
import com.google.common.util.concurrent.UncheckedExecutionException;
import io.movierec.domain.Movie;
import io.movierec.domain.User;
import io.movierec.domain.UserContext;
import io.movierec.domain.UserProfile;
import io.movierec.index.Neighbor;
import io.movierec.index.VectorIndex;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.IntPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole online path in one object — what PaddleRec spreads over Redis, Milvus, Paddle Serving
 * and five gRPC services:
 *
 * <pre>
 *   user id or new user's demographics
 *     → user vector (recall model; cached)       the reference's "recall" service
 *     → top-N movies from the vector index, the user's seen movies excluded
 *     → movie information (movie store)          "cm"
 *     → predicted ratings (ranker), sorted       "rank"
 *     → top-K recommendations with both scores   "as"
 * </pre>
 *
 * <pre>{@code
 * Recommender recommender = Recommender.newBuilder(recallModel, index, movieStore)
 *     .withUsers(userStore).withRanker(ranker).withCandidates(100).build();
 * List<Recommendation> forUser5 = recommender.recommend(5, 10);
 * List<Recommendation> forNewUser = recommender.recommend(UserProfile.of("M", 32, 5), 10);
 * }</pre>
 *
 * <p>Fixed against the reference: a brand-new user works (the user tower gets the padding id and
 * the real demographics); the index metric is the training metric (cosine); movies the user has
 * seen are never returned; both scores are kept.
 *
 * <p>Thread-safe: any number of threads may call the query methods while another adds, updates or
 * removes movies or records ratings. The components are owned by the recommender once built; {@link
 * #close()} closes them.
 */
public final class Recommender implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Recommender.class);

  /** Movies the recall stage hands to the ranker. */
  public static final int DEFAULT_CANDIDATES = 100;

  /** User vectors kept in the cache. */
  public static final long DEFAULT_USER_VECTOR_CACHE = 100_000;

  /** Best rank score first; ties by recall score, then by movie id. */
  private static final Comparator<Recommendation> BY_RANK_SCORE =
      Comparator.comparingDouble((Recommendation r) -> -r.rankScore())
          .thenComparingDouble(r -> -r.recallScore())
          .thenComparingInt(r -> r.movie().id());

  /** Best score first; ties by movie id. */
  private static final Comparator<ScoredMovie> BY_SCORE =
      Comparator.comparingDouble((ScoredMovie m) -> -m.score())
          .thenComparingInt(m -> m.movie().id());

  private final RecallModel recallModel;
  private final VectorIndex index;
  private final MovieStore movies;
  private final UserStore users;
  private final MovieStoreView movieView;
  private final UserStoreView userView;
  private final RankingModel ranker;
  private final int candidates;
  private final int maxHistory;
  private final Cache<UserContext, float[]> knownUserVectors;
  private final Cache<UserProfile, float[]> newUserVectors;
  private final Object catalogueLock = new Object();
  private final AtomicBoolean closed = new AtomicBoolean();

  private Recommender(Builder b) {
    this.recallModel = b.recallModel;
    this.index = b.index;
    this.movies = b.movies;
    this.users = b.users;
    this.movieView = movies.readOnlyView();
    this.userView = users.readOnlyView();
    this.ranker = b.ranker;
    this.candidates = b.candidates;
    this.maxHistory = b.maxHistory;
    // Keyed by the store's context instance (weak keys compare by identity): the store hands out
    // a new context whenever a user's history changes, so a vector computed from an older one,
    // even by a request that raced with the change, is never served, and replaced contexts drop
    // out by themselves.
    this.knownUserVectors =
        CacheBuilder.newBuilder().weakKeys().maximumSize(b.userVectorCache).build();
    this.newUserVectors = CacheBuilder.newBuilder().maximumSize(b.userVectorCache).build();
  }

  /**
   * A builder with the three parts every recommender needs: the recall model, the index of movie
   * vectors (filled from the catalogue at build time when empty) and the catalogue.
   */
  public static Builder newBuilder(RecallModel recallModel, VectorIndex index, MovieStore movies) {
    return new Builder(recallModel, index, movies);
  }

  // ---- "as": recall → movie info → rank ----

  /**
   * The top {@code k} movies for a known user, best first.
   *
   * @throws UnknownUserException if the user store does not know the id
   */
  public List<Recommendation> recommend(int userId, int k) {
    UserContext user = knownUser(userId);
    return recommend(user, userVector(user), excludeSeen(userId), k);
  }

  /** The top {@code k} movies for a brand-new user known only by demographics. */
  public List<Recommendation> recommend(UserProfile profile, int k) {
    UserContext user = UserContext.newUser(profile);
    return recommend(user, newUserVector(profile), id -> false, k);
  }

  private List<Recommendation> recommend(
      UserContext user, float[] vector, IntPredicate exclude, int k) {
    checkArgument(k >= 1, "k must be at least 1, got %s", k);
    List<ScoredMovie> recalled = recall(vector, Math.max(candidates, k), exclude);
    if (recalled.isEmpty()) {
      return List.of();
    }
    List<Recommendation> out = new ArrayList<>(recalled.size());
    if (ranker == null) {
      for (ScoredMovie s : recalled.subList(0, Math.min(k, recalled.size()))) {
        out.add(new Recommendation(s.movie(), s.score(), Float.NaN));
      }
      return out;
    }
    List<Movie> candidateMovies = new ArrayList<>(recalled.size());
    recalled.forEach(s -> candidateMovies.add(s.movie()));
    float[] rank = ranker.score(user, candidateMovies);
    for (int i = 0; i < recalled.size(); i++) {
      out.add(new Recommendation(recalled.get(i).movie(), recalled.get(i).score(), rank[i]));
    }
    out.sort(BY_RANK_SCORE);
    return List.copyOf(out.subList(0, Math.min(k, out.size())));
  }

  // ---- "recall" ----

  /**
   * The {@code n} movies closest to a known user's vector, the user's seen movies excluded.
   *
   * @throws UnknownUserException if the user store does not know the id
   */
  public List<ScoredMovie> recall(int userId, int n) {
    UserContext user = knownUser(userId);
    return recall(userVector(user), n, excludeSeen(userId));
  }

  /** The {@code n} movies closest to a new user's vector. */
  public List<ScoredMovie> recall(UserProfile profile, int n) {
    return recall(newUserVector(profile), n, id -> false);
  }

  private List<ScoredMovie> recall(float[] vector, int n, IntPredicate exclude) {
    checkArgument(n >= 1, "n must be at least 1, got %s", n);
    List<Neighbor> hits = index.search(vector, n, exclude);
    List<ScoredMovie> out = new ArrayList<>(hits.size());
    for (Neighbor h : hits) {
      movies.get(h.id()).ifPresent(m -> out.add(new ScoredMovie(m, h.score())));
    }
    return out;
  }

  // ---- "rank" ----

  /**
   * The ranker's predicted ratings of the given movies for a known user, best first; ids not in the
   * catalogue are skipped (use {@link #movies(int...)} to see which).
   *
   * @throws IllegalStateException if the recommender has no ranker
   * @throws UnknownUserException if the user store does not know the id
   */
  public List<ScoredMovie> rank(int userId, int... movieIds) {
    return rank(knownUser(userId), movieIds);
  }

  /** As {@link #rank(int, int...)}, for a new user. */
  public List<ScoredMovie> rank(UserProfile profile, int... movieIds) {
    return rank(UserContext.newUser(profile), movieIds);
  }

  private List<ScoredMovie> rank(UserContext user, int... movieIds) {
    if (ranker == null) {
      throw new IllegalStateException("this recommender has no ranker");
    }
    List<Movie> found = movies.lookup(movieIds).found();
    if (found.isEmpty()) {
      return List.of();
    }
    float[] s = ranker.score(user, found);
    List<ScoredMovie> out = new ArrayList<>(found.size());
    for (int i = 0; i < found.size(); i++) {
      out.add(new ScoredMovie(found.get(i), s[i]));
    }
    out.sort(BY_SCORE);
    return out;
  }

  // ---- "um" and "cm" ----

  /**
   * A read-only view of the users the recommender knows; add users and ratings through {@link
   * #addUser} and {@link #recordRating}. The view reflects them as they happen.
   */
  public UserStoreView users() {
    return userView;
  }

  /** Movie information for several ids; unknown ids are listed, not fatal. */
  public MovieLookup movies(int... ids) {
    return movies.lookup(ids);
  }

  /**
   * A read-only view of the catalogue; add or remove movies through {@link #addMovie} and {@link
   * #removeMovie}, which keep the index in step. The view reflects them as they happen.
   */
  public MovieStoreView movieStore() {
    return movieView;
  }

  // ---- live updates ----

  /**
   * Adds a movie to the catalogue, or updates one: embeds it with the recall model and inserts or
   * replaces its vector in the index. No retraining.
   */
  public void addMovie(Movie movie) {
    checkNotNull(movie, "movie");
    float[] v = recallModel.movieVectors(List.of(movie));
    synchronized (catalogueLock) {
      index.add(movie.id(), v); // first: if it rejects the vector, the catalogue stays as it was
      movies.put(movie);
    }
  }

  /** Removes a movie from the catalogue and the index; returns false if it was not there. */
  public boolean removeMovie(int movieId) {
    synchronized (catalogueLock) {
      boolean removed = index.remove(movieId);
      return movies.remove(movieId) || removed;
    }
  }

  /**
   * Records that a known user rated a movie of the catalogue: it is excluded from their
   * recommendations from now on, and their vector is recomputed on their next request. The user's
   * history keeps its {@link Builder#withMaxHistory most recent} entries.
   *
   * @throws UnknownUserException if the user store does not know the id
   * @throws IllegalArgumentException if the movie is not in the catalogue or the score is not a
   *     number in {@link io.movierec.domain.Rating#MIN_SCORE}..{@link
   *     io.movierec.domain.Rating#MAX_SCORE}
   */
  public void recordRating(int userId, int movieId, float score) {
    checkArgument(movies.get(movieId).isPresent(), "movie %s is not in the catalogue", movieId);
    users.recordRating(userId, movieId, score, maxHistory);
  }

  /**
   * Adds a known user, or replaces the profile of one (their history stays); a changed profile
   * takes effect on the user's next request.
   */
  public void addUser(User user) {
    users.add(user);
  }

  // ---- parts ----

  /** The recall model. */
  public RecallModel recallModel() {
    return recallModel;
  }

  /** The index of movie vectors. */
  public VectorIndex index() {
    return index;
  }

  /** The ranker, if the recommender has one. */
  public Optional<RankingModel> ranker() {
    return Optional.ofNullable(ranker);
  }

  /** Movies the recall stage hands to the ranker. */
  public int candidates() {
    return candidates;
  }

  /** The catalogue itself, for {@link Bundle#save}. */
  MovieStore ownedMovies() {
    return movies;
  }

  /** The user store itself, for {@link Bundle#save}. */
  UserStore ownedUsers() {
    return users;
  }

  // ---- bundles ----

  /**
   * Saves the whole recommender — models, index, stores — into {@code directory} so that {@link
   * #load} gives back an equal one. A crash during the save leaves the previous bundle loadable.
   */
  public void save(Path directory) throws IOException {
    synchronized (catalogueLock) {
      Bundle.save(this, directory);
    }
  }

  /**
   * Loads a bundle written by {@link #save}; the component loaders are found with {@link
   * java.util.ServiceLoader} ({@code movierec-models} and {@code movierec-index} on the class
   * path).
   *
   * @throws io.movierec.io.CorruptFileException naming the file if a part fails its checks
   * @throws IllegalStateException if no loader on the class path knows a component's kind
   */
  public static Recommender load(Path directory) throws IOException {
    return Bundle.load(directory);
  }

  /**
   * What the bundle in {@code directory} holds, read from its manifest without loading anything:
   * {@code kind}, {@code format_version}, {@code generation}, {@code candidates}, and for each part
   * ({@code recall}, {@code rank}, {@code index}, {@code movies}, {@code users}) its kind (where it
   * has one) and path, in that order. A bundle without a ranker has no {@code rank.*} keys.
   *
   * @throws io.movierec.io.CorruptFileException if the manifest fails its checks
   * @throws java.nio.file.NoSuchFileException if {@code directory} holds no bundle
   */
  public static Map<String, String> describeSaved(Path directory) throws IOException {
    return Bundle.describe(directory);
  }

  /**
   * Closes the recall model, the ranker and the index, each once; a failure to close one is logged
   * and the others are still closed. Idempotent: a second call does nothing.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    closeLogged(recallModel, recallModel::close);
    if (ranker != null) {
      closeLogged(ranker, ranker::close);
    }
    closeLogged(index, index::close);
  }

  private static void closeLogged(Object part, Runnable close) {
    try {
      close.run();
    } catch (RuntimeException e) {
      LOG.warn("closing {} failed", part, e);
    }
  }

  // ---- internals ----

  private UserContext knownUser(int userId) {
    return users.context(userId).orElseThrow(() -> new UnknownUserException(userId));
  }

  private IntPredicate excludeSeen(int userId) {
    return users.seenFilter(userId);
  }

  /** The user's vector, computed once per context of the store, however many ask at once. */
  private float[] userVector(UserContext user) {
    return cached(knownUserVectors, user, recallModel::userVector);
  }

  private float[] newUserVector(UserProfile profile) {
    checkNotNull(profile, "profile");
    return cached(newUserVectors, profile, p -> recallModel.userVector(UserContext.newUser(p)));
  }

  /**
   * The cached vector for {@code key}; on a miss {@code embed} runs once while other callers for
   * the same key wait, and its errors pass as thrown.
   */
  private static <K> float[] cached(Cache<K, float[]> cache, K key, Function<K, float[]> embed) {
    float[] hit = cache.getIfPresent(key);
    if (hit != null) {
      return hit;
    }
    try {
      return cache.get(key, () -> embed.apply(key));
    } catch (UncheckedExecutionException | ExecutionError e) {
      Throwables.throwIfUnchecked(e.getCause());
      throw e;
    } catch (ExecutionException e) {
      throw new IllegalStateException("embedding a user failed", e.getCause());
    }
  }

  /** Settings of a {@link Recommender}. */
  public static final class Builder {
    private final RecallModel recallModel;
    private final VectorIndex index;
    private final MovieStore movies;
    private UserStore users = UserStore.empty();
    private RankingModel ranker;
    private int candidates = DEFAULT_CANDIDATES;
    private long userVectorCache = DEFAULT_USER_VECTOR_CACHE;
    private int maxHistory = UserStore.DEFAULT_MAX_HISTORY;

    private Builder(RecallModel recallModel, VectorIndex index, MovieStore movies) {
      this.recallModel = checkNotNull(recallModel, "recallModel");
      this.index = checkNotNull(index, "index");
      this.movies = checkNotNull(movies, "movies");
    }

    /** The known users (default: none; new users only). */
    public Builder withUsers(UserStore users) {
      this.users = checkNotNull(users, "users");
      return this;
    }

    /** The rank stage (default: none; recommendations come in recall order); null leaves it out. */
    public Builder withRanker(RankingModel ranker) {
      this.ranker = ranker;
      return this;
    }

    /** Movies the recall stage hands to the ranker (default {@value #DEFAULT_CANDIDATES}). */
    public Builder withCandidates(int candidates) {
      checkArgument(candidates >= 1, "candidates must be at least 1, got %s", candidates);
      this.candidates = candidates;
      return this;
    }

    /** User vectors kept in memory (default {@value #DEFAULT_USER_VECTOR_CACHE}). */
    public Builder withUserVectorCache(long maxUsers) {
      checkArgument(maxUsers >= 0, "cache size must not be negative");
      this.userVectorCache = maxUsers;
      return this;
    }

    /**
     * How many ratings {@link #recordRating} keeps in a user's history, the most recent (default
     * {@value UserStore#DEFAULT_MAX_HISTORY}); older ones are forgotten and no longer excluded from
     * recommendations. A call costs time in proportion to the history kept.
     */
    public Builder withMaxHistory(int maxHistory) {
      checkArgument(maxHistory >= 1, "max history must be at least 1, got %s", maxHistory);
      this.maxHistory = maxHistory;
      return this;
    }

    /**
     * The recommender. An empty index is filled with the vectors of every catalogue movie; a filled
     * one must match the recall model's dimension.
     */
    public Recommender build() {
      checkArgument(
          index.dimension() == recallModel.vectorDimension(),
          "the index holds %s-d vectors but the recall model makes %s-d ones",
          index.dimension(),
          recallModel.vectorDimension());
      if (index.size() == 0 && movies.size() > 0) {
        List<Movie> all = movies.all();
        int d = recallModel.vectorDimension();
        int batch = 1024;
        for (int from = 0; from < all.size(); from += batch) {
          List<Movie> part = all.subList(from, Math.min(all.size(), from + batch));
          float[] v = recallModel.movieVectors(part);
          for (int i = 0; i < part.size(); i++) {
            index.add(part.get(i).id(), Arrays.copyOfRange(v, i * d, (i + 1) * d));
          }
        }
        LOG.info("indexed {} movies ({}-d, {} index)", all.size(), d, index.kind());
      }
      return new Recommender(this);
    }
  }
}
