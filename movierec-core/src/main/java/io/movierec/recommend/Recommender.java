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
import io.movierec.progress.Progress;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
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
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole online path in one object — what PaddleRec spreads over Redis, Milvus, Paddle Serving
 * and five gRPC services:
 *
 * <pre>
 *   user id or new user's demographics
 *     → recall channels, each up to its quota, the user's seen movies and the request's filter
 *       excluded, merged without duplicates:     the reference's "recall" service
 *         index: user vector (recall model; cached) → nearest movie vectors
 *         co-occurrence, genre-popular, a host's own channels ({@link RecallChannel})
 *     → movie information (movie store)          "cm"
 *     → watch score and predicted rating (ranker) "rank"
 *     → ordered by the {@link Ordering}; top K with every score and the channels  "as"
 * </pre>
 *
 * <pre>{@code
 * Recommender recommender = Recommender.newBuilder(recallModel, index, movieStore)
 *     .withUsers(userStore).withRanker(ranker).withCandidates(60)
 *     .withChannel(CoOccurrenceChannel.newBuilder().build(userStore), 30)
 *     .withChannel(GenrePopularityChannel.newBuilder().build(userStore, movieStore), 10)
 *     .build();
 * List<Recommendation> forUser5 = recommender.recommend(5, 10);
 * List<Recommendation> forNewUser = recommender.recommend(UserProfile.of("M", 32, 5), 10);
 * List<Recommendation> notHorror =
 *     recommender.recommend(5, 10, m -> !m.genres().contains(Genre.HORROR));
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

  /** Movies the index channel hands to the ranker. */
  public static final int DEFAULT_CANDIDATES = 100;

  /** The name of the built-in channel that searches the vector index. */
  public static final String INDEX_CHANNEL = "index";

  /** The most channels a recommender has, the index channel included. */
  public static final int MAX_CHANNELS = 16;

  /**
   * The default weight of the watch-score order against the recall order in {@link
   * Ordering#COMBINED}, chosen on the ml-100k validation split (docs/results.md).
   */
  public static final double DEFAULT_COMBINATION_WEIGHT = 0.1;

  /** User vectors kept in the cache. */
  public static final long DEFAULT_USER_VECTOR_CACHE = 100_000;

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
  private final List<ChannelQuota> channels;
  private final RecallChannel[] channelArray;
  private final int otherQuotas;
  private final Ordering ordering;
  private final Ordering effectiveOrdering;
  private final @Nullable Ordering newUserOrdering;
  private final Ordering effectiveNewUserOrdering;
  private final double combinationWeight;
  private final java.util.concurrent.atomic.AtomicReferenceArray<List<String>> channelLists;
  private final ThreadLocal<CandidateMerge> merges = ThreadLocal.withInitial(CandidateMerge::new);
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
    List<ChannelQuota> all = new ArrayList<>();
    all.add(new ChannelQuota(new IndexChannel(b.index), b.candidates, b.indexWeight));
    all.addAll(b.channels);
    this.channels = List.copyOf(all);
    this.channelArray = new RecallChannel[channels.size()];
    int others = 0;
    for (int i = 0; i < channelArray.length; i++) {
      channelArray[i] = channels.get(i).channel();
      others += i == 0 ? 0 : channels.get(i).quota();
    }
    this.otherQuotas = others;
    this.ordering = b.ordering;
    this.effectiveOrdering = b.ordering.resolve(b.ranker);
    this.newUserOrdering = b.newUserOrdering;
    this.effectiveNewUserOrdering =
        b.newUserOrdering == null ? effectiveOrdering : b.newUserOrdering.resolve(b.ranker);
    this.combinationWeight = b.combinationWeight;
    this.channelLists =
        new java.util.concurrent.atomic.AtomicReferenceArray<>(1 << channels.size());
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

  // ---- "as": recall channels → movie info → rank → order ----

  /**
   * The top {@code k} movies for a known user, best first.
   *
   * @throws UnknownUserException if the user store does not know the id
   */
  public List<Recommendation> recommend(int userId, int k) {
    return recommend(userId, k, null);
  }

  /**
   * The top {@code k} movies for a known user that pass {@code filter} (the host's business rules:
   * availability, age rating, a hidden genre), best first. The filter is applied to the candidates
   * before ranking: each channel fills its quota with movies that pass it, so the list still has
   * {@code k} movies as long as that many pass.
   *
   * @param filter true for a movie that may be shown; null for no filter
   * @throws UnknownUserException if the user store does not know the id
   */
  public List<Recommendation> recommend(int userId, int k, @Nullable Predicate<Movie> filter) {
    UserContext user = knownUser(userId);
    return recommend(user, userVector(user), excludeSeen(userId), k, filter);
  }

  /** The top {@code k} movies for a brand-new user known only by demographics. */
  public List<Recommendation> recommend(UserProfile profile, int k) {
    return recommend(profile, k, (Predicate<Movie>) null);
  }

  /** As {@link #recommend(int, int, Predicate)}, for a brand-new user. */
  public List<Recommendation> recommend(
      UserProfile profile, int k, @Nullable Predicate<Movie> filter) {
    UserContext user = UserContext.newUser(profile);
    return recommend(
        user,
        newUserVector(profile),
        id -> false,
        k,
        filter,
        RecallChannel.Request.NO_TIME,
        effectiveNewUserOrdering);
  }

  /**
   * The top {@code k} movies for a brand-new user, asked at {@code now}: time-aware channels
   * ({@link TrendingChannel}) count only the ratings logged before it. The other overloads ask as
   * of the latest rating each channel knows.
   */
  public List<Recommendation> recommend(UserProfile profile, int k, Instant now) {
    checkNotNull(now, "now");
    UserContext user = UserContext.newUser(profile);
    return recommend(
        user,
        newUserVector(profile),
        id -> false,
        k,
        null,
        now.getEpochSecond(),
        effectiveNewUserOrdering);
  }

  private List<Recommendation> recommend(
      UserContext user,
      float[] vector,
      IntPredicate seen,
      int k,
      @Nullable Predicate<Movie> filter) {
    return recommend(user, vector, seen, k, filter, RecallChannel.Request.NO_TIME);
  }

  private List<Recommendation> recommend(
      UserContext user,
      float[] vector,
      IntPredicate seen,
      int k,
      @Nullable Predicate<Movie> filter,
      long time) {
    return recommend(user, vector, seen, k, filter, time, effectiveOrdering);
  }

  private List<Recommendation> recommend(
      UserContext user,
      float[] vector,
      IntPredicate seen,
      int k,
      @Nullable Predicate<Movie> filter,
      long time,
      Ordering order) {
    checkArgument(k >= 1, "k must be at least 1, got %s", k);
    IntPredicate excluded = filter == null ? seen : id -> seen.test(id) || !passes(id, filter);
    CandidateMerge merge = merges.get();
    merge.reset(movies, excluded);
    try {
      RecallChannel.Request request = new RecallChannel.Request(user, excluded, 0, vector, time);
      for (int c = 0; c < channelArray.length; c++) {
        int quota = c == 0 ? Math.max(candidates, k - otherQuotas) : channels.get(c).quota();
        runChannel(c, quota, request, merge);
      }
      if (merge.size < k) { // the other channels found fewer than their quotas: the index fills up
        runChannel(0, k - merge.size, request, merge);
      }
      return ordered(user, merge, k, order);
    } finally {
      merge.reset(movies, excluded); // drops the movies, so the thread's merge holds no garbage
    }
  }

  private void runChannel(int c, int quota, RecallChannel.Request request, CandidateMerge merge) {
    if (quota <= 0) {
      return;
    }
    request.wanted(quota + merge.size);
    merge.begin(c, (float) channels.get(c).weight(), quota);
    channelArray[c].recall(request, merge);
  }

  private boolean passes(int movieId, Predicate<Movie> filter) {
    Movie m = movies.find(movieId);
    return m != null && filter.test(m);
  }

  /** Scores the merged candidates with the ranker and returns the best {@code k}. */
  private List<Recommendation> ordered(
      UserContext user, CandidateMerge merge, int k, Ordering order) {
    int n = merge.size;
    if (n == 0) {
      return List.of();
    }
    float[] watch = null;
    float[] rating = null;
    if (ranker != null) {
      RankScores s = ranker.scores(user, Arrays.asList(merge.movies).subList(0, n));
      watch = s.watch();
      rating = s.rating();
    }
    float[] combined = null;
    if (watch != null && !Float.isNaN(watch[0])) {
      combined = combine(merge, watch);
    }
    for (int i = 0; i < n; i++) {
      merge.order[i] =
          switch (order) {
            case WATCH -> watch[i];
            case RATING -> rating[i];
            case WATCH_TIMES_RATING -> watch[i] * rating[i] / 5f;
            case COMBINED -> combined[i];
            case RECALL, AUTO -> merge.fused[i];
          };
    }
    merge.sortByOrder();
    int m = Math.min(k, n);
    Recommendation[] out = new Recommendation[m];
    for (int i = 0; i < m; i++) {
      int slot = (int) merge.keys[i];
      out[i] =
          new Recommendation(
              merge.movies[slot],
              merge.fused[slot],
              watch == null ? Float.NaN : watch[slot],
              rating == null ? Float.NaN : rating[slot],
              combined == null ? Float.NaN : combined[slot],
              channelNames(merge.masks[slot]));
    }
    return List.of(out);
  }

  /**
   * {@code 1/(K + recall place) + W/(K + watch place)} for each candidate ({@link
   * Ordering#COMBINED}), K the fusion constant, W the combination weight.
   */
  private float[] combine(CandidateMerge merge, float[] watch) {
    int n = merge.size;
    int[] recallPlace = merge.recallPlaces;
    int[] watchPlace = merge.watchPlaces;
    merge.places(merge.fused, recallPlace);
    merge.places(watch, watchPlace);
    float[] combined = merge.combined;
    double k = CandidateMerge.FUSION_K;
    for (int i = 0; i < n; i++) {
      combined[i] = (float) (1 / (k + recallPlace[i]) + combinationWeight / (k + watchPlace[i]));
    }
    return combined;
  }

  /** The names of the channels in {@code mask}, one shared immutable list per mask. */
  private List<String> channelNames(int mask) {
    List<String> names = channelLists.get(mask);
    if (names == null) {
      List<String> built = new ArrayList<>();
      for (int c = 0; c < channelArray.length; c++) {
        if ((mask & (1 << c)) != 0) {
          built.add(channelArray[c].name());
        }
      }
      names = List.copyOf(built); // a racing thread builds an equal list; either may stay
      channelLists.set(mask, names);
    }
    return names;
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

  /**
   * What one channel alone finds for a known user: its best {@code n} movies, the user's seen ones
   * excluded, with the channel's own scores (to see or evaluate each channel on its own).
   *
   * @throws IllegalArgumentException if the recommender has no channel of that name
   * @throws UnknownUserException if the user store does not know the id
   */
  public List<ScoredMovie> recall(String channel, int userId, int n) {
    UserContext user = knownUser(userId);
    return recallFrom(channel, user, userVector(user), excludeSeen(userId), n);
  }

  /** As {@link #recall(String, int, int)}, for a brand-new user. */
  public List<ScoredMovie> recall(String channel, UserProfile profile, int n) {
    return recallFrom(
        channel,
        UserContext.newUser(profile),
        newUserVector(profile),
        id -> false,
        n,
        RecallChannel.Request.NO_TIME);
  }

  /**
   * As {@link #recall(String, UserProfile, int)}, asked at {@code now} (see {@link
   * #recommend(UserProfile, int, Instant)}).
   */
  public List<ScoredMovie> recall(String channel, UserProfile profile, int n, Instant now) {
    checkNotNull(now, "now");
    return recallFrom(
        channel,
        UserContext.newUser(profile),
        newUserVector(profile),
        id -> false,
        n,
        now.getEpochSecond());
  }

  private List<ScoredMovie> recallFrom(
      String channel, UserContext user, float[] vector, IntPredicate exclude, int n) {
    return recallFrom(channel, user, vector, exclude, n, RecallChannel.Request.NO_TIME);
  }

  private List<ScoredMovie> recallFrom(
      String channel, UserContext user, float[] vector, IntPredicate exclude, int n, long time) {
    checkArgument(n >= 1, "n must be at least 1, got %s", n);
    RecallChannel c =
        channels.stream()
            .map(ChannelQuota::channel)
            .filter(x -> x.name().equals(channel))
            .findFirst()
            .orElseThrow(
                () -> new IllegalArgumentException("no recall channel named '" + channel + "'"));
    List<ScoredMovie> out = new ArrayList<>(n);
    c.recall(
        new RecallChannel.Request(user, exclude, n, vector, time),
        (id, score) -> {
          if (!exclude.test(id)) {
            Movie m = movies.find(id);
            if (m != null && out.stream().noneMatch(s -> s.movie().id() == id)) {
              out.add(new ScoredMovie(m, score));
            }
          }
          return out.size() < n;
        });
    return out;
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
   * history keeps its {@link Builder#withMaxHistory most recent} entries. A {@link TrendingChannel}
   * counts the rating at the wall-clock time of the call; {@link #recordRating(int, int, float,
   * long)} gives the time.
   *
   * @throws UnknownUserException if the user store does not know the id
   * @throws IllegalArgumentException if the movie is not in the catalogue or the score is not a
   *     number in {@link io.movierec.domain.Rating#MIN_SCORE}..{@link
   *     io.movierec.domain.Rating#MAX_SCORE}
   */
  public void recordRating(int userId, int movieId, float score) {
    recordRating(userId, movieId, score, System.currentTimeMillis() / 1000);
  }

  /**
   * As {@link #recordRating(int, int, float)}, logged at {@code timestamp} (seconds since the
   * epoch), the time every channel is told ({@link RecallChannel#onRating}).
   */
  public void recordRating(int userId, int movieId, float score, long timestamp) {
    checkArgument(movies.get(movieId).isPresent(), "movie %s is not in the catalogue", movieId);
    checkArgument(timestamp >= 0, "timestamp must not be negative, got %s", timestamp);
    users.recordRating(userId, movieId, score, maxHistory);
    for (RecallChannel c : channelArray) {
      c.onRating(userId, movieId, timestamp);
    }
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

  /** Movies the index channel hands to the ranker (its quota). */
  public int candidates() {
    return candidates;
  }

  /** The recall channels with their quotas, the index channel first. */
  public List<ChannelQuota> channels() {
    return channels;
  }

  /**
   * The ordering chosen in the builder (or saved in the bundle); {@link Ordering#AUTO} by default.
   */
  public Ordering ordering() {
    return ordering;
  }

  /**
   * The ordering {@code recommend} applies: {@link #ordering()}, with {@link Ordering#AUTO}
   * resolved for this recommender's ranker.
   */
  public Ordering effectiveOrdering() {
    return effectiveOrdering;
  }

  /**
   * The ordering chosen for new users in the builder (or saved in the bundle); empty when they get
   * {@link #ordering()} (the default).
   */
  public Optional<Ordering> newUserOrdering() {
    return Optional.ofNullable(newUserOrdering);
  }

  /** The ordering {@code recommend} applies to a new user, {@code AUTO} resolved. */
  public Ordering effectiveNewUserOrdering() {
    return effectiveNewUserOrdering;
  }

  /**
   * The weight of the watch-score order against the recall order in {@link Ordering#COMBINED}
   * (chosen in the builder or saved in the bundle; {@value #DEFAULT_COMBINATION_WEIGHT} by
   * default). Kept whatever the ordering, and reported in {@link Recommendation#combinedScore()}.
   */
  public double combinationWeight() {
    return combinationWeight;
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
    return Bundle.load(directory, b -> b);
  }

  /**
   * Loads a bundle as {@link #load(Path)} does, letting {@code customize} change the builder before
   * the recommender is built: this is how a host re-attaches its own {@link RecallChannel}s, which
   * a bundle names but cannot save, e.g. {@code load(dir, b -> b.withChannel(editorial, 10))}.
   */
  public static Recommender load(Path directory, UnaryOperator<Builder> customize)
      throws IOException {
    return Bundle.load(directory, customize);
  }

  /**
   * What the bundle in {@code directory} holds, read from its manifest without loading anything:
   * {@code kind}, {@code format_version}, {@code generation}, {@code candidates}, {@code ordering}
   * (as saved, and what it resolves to), {@code new_user_ordering} (only where one was chosen),
   * {@code combination_weight}, {@code channels} ({@code name=quota} pairs), and for each part
   * ({@code recall}, {@code rank}, {@code index}, {@code movies}, {@code users}) its kind (where it
   * has one), path and, for a bundle that records them (format 2), its {@code bytes} and {@code
   * crc32c}, in that order. A bundle without a ranker has no {@code rank.*} keys.
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
    private double indexWeight = 1;
    private final List<ChannelQuota> channels = new ArrayList<>();
    private Ordering ordering = Ordering.AUTO;
    private @Nullable Ordering newUserOrdering;
    private double combinationWeight = DEFAULT_COMBINATION_WEIGHT;
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

    /**
     * The quota of the index channel: movies it hands to the ranker (default {@value
     * #DEFAULT_CANDIDATES}). A request for more than all channels' quotas together raises it.
     */
    public Builder withCandidates(int candidates) {
      checkArgument(candidates >= 1, "candidates must be at least 1, got %s", candidates);
      this.candidates = candidates;
      return this;
    }

    /** The index channel's weight in the merged recall score (default 1). */
    public Builder withIndexWeight(double weight) {
      checkArgument(weight > 0 && weight < 1e6, "weight must be positive, got %s", weight);
      this.indexWeight = weight;
      return this;
    }

    /** Adds a recall channel after the ones added before, with weight 1 in the recall score. */
    public Builder withChannel(RecallChannel channel, int quota) {
      return withChannel(channel, quota, 1);
    }

    /**
     * Adds a recall channel after the index channel and the ones added before: each request takes
     * up to {@code quota} movies from it that no earlier channel found (those it finds again are
     * credited to it too), and {@code weight} scales its share of the merged recall score ({@link
     * Recommendation#recallScore()}).
     *
     * @throws IllegalArgumentException if the name is invalid or taken, or there are too many
     */
    public Builder withChannel(RecallChannel channel, int quota, double weight) {
      checkNotNull(channel, "channel");
      String name = channel.name();
      checkArgument(
          name != null && name.matches("[a-z0-9-]{1,40}"),
          "a channel name is 1 to 40 characters of a-z, 0-9 and '-', got '%s'",
          name);
      checkArgument(
          !name.equals(INDEX_CHANNEL) && channels.stream().noneMatch(c -> c.name().equals(name)),
          "there is already a channel named '%s'",
          name);
      checkArgument(
          channels.size() + 1 < MAX_CHANNELS, "at most %s channels, with the index", MAX_CHANNELS);
      channels.add(new ChannelQuota(channel, quota, weight));
      return this;
    }

    /**
     * The ordering of {@code recommend} for a new user (known only by demographics), when it should
     * differ from {@link #withOrdering}'s; null (the default) gives new users that one. On ml-100k
     * a ranker's watch score, which knows nothing of a new user, undoes most of the {@link
     * TrendingChannel}'s order (docs/results.md): {@link Ordering#RECALL} keeps it.
     */
    public Builder withNewUserOrdering(@Nullable Ordering ordering) {
      this.newUserOrdering = ordering;
      return this;
    }

    /** The ordering of {@code recommend} (default {@link Ordering#AUTO}). */
    public Builder withOrdering(Ordering ordering) {
      this.ordering = checkNotNull(ordering, "ordering");
      return this;
    }

    /**
     * The weight {@code W} of the watch-score order in {@link Ordering#COMBINED}: each candidate
     * scores {@code 1/(60 + recall place) + W/(60 + watch place)} (default {@value
     * #DEFAULT_COMBINATION_WEIGHT}; 0 keeps the recall order, a large weight approaches the watch
     * order).
     *
     * @throws IllegalArgumentException if the weight is negative, not finite or above 10^6
     */
    public Builder withCombinationWeight(double weight) {
      checkArgument(
          weight >= 0 && weight <= 1e6, "combination weight must be in 0..1e6, got %s", weight);
      this.combinationWeight = weight;
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
          newUserOrdering == null
              || !newUserOrdering.needsWatching()
              || (ranker != null && ranker.predictsWatching()),
          "new-user ordering %s needs a ranker that predicts watching",
          newUserOrdering);
      checkArgument(
          newUserOrdering != Ordering.RATING || ranker != null,
          "new-user ordering RATING needs a ranker, and there is none");
      checkArgument(
          !ordering.needsWatching() || (ranker != null && ranker.predictsWatching()),
          "ordering %s needs a ranker that predicts watching, and %s",
          ordering,
          ranker == null ? "there is no ranker" : ranker.kind() + " predicts only ratings");
      checkArgument(
          ordering != Ordering.RATING || ranker != null,
          "ordering RATING needs a ranker, and there is none");
      checkArgument(
          index.dimension() == recallModel.vectorDimension(),
          "the index holds %s-d vectors but the recall model makes %s-d ones",
          index.dimension(),
          recallModel.vectorDimension());
      if (index.size() == 0 && movies.size() > 0) {
        List<Movie> all = movies.all();
        int d = recallModel.vectorDimension();
        int batch = 1024;
        try (Progress progress =
            Progress.newBuilder("recommender: index the catalogue")
                .withTotal(all.size())
                .withUnit("movies")
                .build()) {
          for (int from = 0; from < all.size(); from += batch) {
            List<Movie> part = all.subList(from, Math.min(all.size(), from + batch));
            float[] v = recallModel.movieVectors(part);
            for (int i = 0; i < part.size(); i++) {
              index.add(part.get(i).id(), Arrays.copyOfRange(v, i * d, (i + 1) * d));
              progress.advance(1);
            }
          }
          progress.finish();
        }
        LOG.info("indexed {} movies ({}-d, {} index)", all.size(), d, index.kind());
      }
      Recommender r = new Recommender(this);
      LOG.info(
          "recommender: channels {}; ordering {}",
          r.channels.stream().map(c -> c.name() + "=" + c.quota()).toList(),
          describeOrdering(ordering, r.effectiveOrdering));
      return r;
    }
  }

  /** "watch" or "auto → recall (the ranker predicts only ratings)", for logs and describe. */
  static String describeOrdering(Ordering declared, Ordering effective) {
    String name = effective.name().toLowerCase(java.util.Locale.ROOT);
    if (declared != Ordering.AUTO) {
      return name;
    }
    return "auto → " + name + (effective.needsWatching() ? "" : " (no ranker predicts watching)");
  }

  /** The built-in channel that searches the vector index with the user's vector. */
  static final class IndexChannel implements RecallChannel {
    private final VectorIndex index;

    IndexChannel(VectorIndex index) {
      this.index = index;
    }

    @Override
    public String name() {
      return INDEX_CHANNEL;
    }

    @Override
    public void recall(Request request, Sink sink) {
      for (Neighbor h :
          index.search(request.userVector(), request.wanted(), request.exclusions())) {
        if (!sink.offer(h.id(), h.score())) {
          return;
        }
      }
    }
  }
}
