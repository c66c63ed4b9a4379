package io.movierec.synthetic;

import static com.google.common.base.Preconditions.checkArgument;

import io.movierec.domain.Movie;
import io.movierec.domain.User;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A generator of made-up data in the shape and file format of MovieLens 1M, free to ship and to
 * test with (the real data may not be redistributed). The defaults give ml-1m's shape: 6,040 users,
 * 3,883 movies, 1,000,000 ratings, each user with at least 20.
 *
 * <pre>{@code
 * SyntheticSummary written =
 *     SyntheticMovieLens.newBuilder().withUsers(200).withMovies(300).withRatings(10_000).build()
 *         .writeTo(dir);
 * }</pre>
 *
 * <p>The ratings carry structure a model can learn: users and movies sit in a latent space of eight
 * themes, where a user's position is their demographic group's taste plus their own and a movie's
 * follows its genres plus its own; user and movie biases; Zipf-like popularity; and users choose
 * what to rate by popularity and affinity. See the package-private classes {@code Tastes} (the
 * planted tastes) and {@code RatingGenerator} (how ratings are drawn).
 *
 * <p>The same settings and seed give byte-identical files on any JVM; another seed gives other
 * data. Users and movies depend only on the seed and their own counts. An instance is immutable and
 * thread-safe.
 */
public final class SyntheticMovieLens {

  private static final Logger LOG = LoggerFactory.getLogger(SyntheticMovieLens.class);

  /** The users file of MovieLens 1M. */
  public static final String USERS_FILE = "users.dat";

  /** The movies file of MovieLens 1M. */
  public static final String MOVIES_FILE = "movies.dat";

  /** The ratings file of MovieLens 1M. */
  public static final String RATINGS_FILE = "ratings.dat";

  /** Users by default, as in ml-1m. */
  public static final int DEFAULT_USERS = 6040;

  /** Movies by default, as in ml-1m. */
  public static final int DEFAULT_MOVIES = 3883;

  /** Ratings by default, about as in ml-1m (1,000,209). */
  public static final int DEFAULT_RATINGS = 1_000_000;

  /** The fewest ratings a user has by default, as in ml-1m. */
  public static final int DEFAULT_MIN_RATINGS_PER_USER = 20;

  /** The seed by default. */
  public static final long DEFAULT_SEED = 42L;

  private final int users;
  private final int movies;
  private final int ratings;
  private final int minRatingsPerUser;
  private final long seed;

  private SyntheticMovieLens(Builder b) {
    this.users = b.users;
    this.movies = b.movies;
    this.ratings = b.ratings;
    this.minRatingsPerUser = b.minRatingsPerUser;
    this.seed = b.seed;
  }

  /** A builder starting from the defaults (the shape of ml-1m, seed {@value #DEFAULT_SEED}). */
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * The most ratings one user can have in a catalogue of {@code movies}: 60% of it, rounded down
   * (ml-1m's busiest user rated 2,314 of its 3,706 rated movies).
   */
  public static int maxRatingsPerUser(int movies) {
    return RatingGenerator.maxPerUser(movies);
  }

  /** Generates the data set in memory. */
  public SyntheticDataset generate() {
    long start = System.nanoTime();
    Tastes tastes = new Tastes(SplitMix64.stream(seed, 0));
    List<User> userList = UserGenerator.generate(users, SplitMix64.stream(seed, 1));
    List<Movie> movieList = MovieGenerator.generate(movies, SplitMix64.stream(seed, 2));
    RatingColumns ratingColumns =
        new RatingGenerator(userList, movieList, ratings, minRatingsPerUser, tastes, seed)
            .generate();
    LOG.debug(
        "Generated {} users, {} movies, {} ratings (seed {}) in {} ms",
        users,
        movies,
        ratings,
        seed,
        (System.nanoTime() - start) / 1_000_000);
    return new SyntheticDataset(userList, movieList, ratingColumns);
  }

  /**
   * Generates the data set and writes {@code users.dat}, {@code movies.dat} and {@code ratings.dat}
   * in MovieLens 1M format into {@code directory}; see {@link SyntheticDataset#writeTo}.
   *
   * @return the directory and the counts written
   */
  public SyntheticSummary writeTo(Path directory) throws IOException {
    SyntheticSummary summary = generate().writeTo(directory);
    LOG.debug("Wrote synthetic MovieLens data to {}", directory);
    return summary;
  }

  /** The number of users. */
  public int users() {
    return users;
  }

  /** The number of movies. */
  public int movies() {
    return movies;
  }

  /** The number of ratings. */
  public int ratings() {
    return ratings;
  }

  /** The fewest ratings any user has. */
  public int minRatingsPerUser() {
    return minRatingsPerUser;
  }

  /** The seed. */
  public long seed() {
    return seed;
  }

  /** Configures a {@link SyntheticMovieLens}; every setting has a default. Not thread-safe. */
  public static final class Builder {

    private int users = DEFAULT_USERS;
    private int movies = DEFAULT_MOVIES;
    private int ratings = DEFAULT_RATINGS;
    private int minRatingsPerUser = DEFAULT_MIN_RATINGS_PER_USER;
    private long seed = DEFAULT_SEED;

    private Builder() {}

    /** The number of users (default {@value SyntheticMovieLens#DEFAULT_USERS}), ids 1..n. */
    public Builder withUsers(int users) {
      this.users = users;
      return this;
    }

    /** The number of movies (default {@value SyntheticMovieLens#DEFAULT_MOVIES}). */
    public Builder withMovies(int movies) {
      this.movies = movies;
      return this;
    }

    /** The number of ratings (default {@value SyntheticMovieLens#DEFAULT_RATINGS}). */
    public Builder withRatings(int ratings) {
      this.ratings = ratings;
      return this;
    }

    /**
     * The fewest ratings any user has (default {@value
     * SyntheticMovieLens#DEFAULT_MIN_RATINGS_PER_USER}).
     */
    public Builder withMinRatingsPerUser(int minRatingsPerUser) {
      this.minRatingsPerUser = minRatingsPerUser;
      return this;
    }

    /** The seed (default {@value SyntheticMovieLens#DEFAULT_SEED}). */
    public Builder withSeed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Checks the settings and builds the generator.
     *
     * @throws IllegalArgumentException naming the setting and its value if the settings do not fit
     *     together: at least one user and one movie, at least {@code minRatingsPerUser × users}
     *     ratings, at most one rating in two of all user-movie pairs, and no user above {@link
     *     #maxRatingsPerUser(int)}
     */
    public SyntheticMovieLens build() {
      checkArgument(users >= 1, "users must be at least 1, got %s", users);
      checkArgument(movies >= 1, "movies must be at least 1, got %s", movies);
      checkArgument(
          minRatingsPerUser >= 1,
          "minRatingsPerUser must be at least 1, got %s",
          minRatingsPerUser);
      long fewest = (long) minRatingsPerUser * users;
      checkArgument(
          ratings >= fewest,
          "ratings must be at least minRatingsPerUser × users = %s × %s = %s, got %s",
          minRatingsPerUser,
          users,
          fewest,
          ratings);
      long half = (long) users * movies / 2;
      checkArgument(
          ratings <= half,
          "ratings must be at most half of users × movies = %s × %s / 2 = %s, got %s",
          users,
          movies,
          half,
          ratings);
      int perUserCap = maxRatingsPerUser(movies);
      checkArgument(
          ratings <= (long) perUserCap * users,
          "ratings must be at most users × maxRatingsPerUser(movies) = %s × %s, got %s",
          users,
          perUserCap,
          ratings);
      return new SyntheticMovieLens(this);
    }
  }
}
