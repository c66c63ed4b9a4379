package io.movierec.data;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableMap;
import io.movierec.domain.Movie;
import io.movierec.domain.User;
import io.movierec.progress.Progress;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MovieLens directory: its users and movies, read when it is opened, and its ratings, streamed on
 * demand so that a file of 25 million ratings never needs an object per rating.
 *
 * <pre>{@code
 * MovieLensDataset data = MovieLensDataset.open(Path.of("data/ml-1m"));
 * Map<Integer, Movie> movies = data.movies();
 * RatingTable ratings = data.readRatings();
 * }</pre>
 *
 * <p>The format ({@link MovieLensFormat}) is detected from the files present. Every rating read
 * refers to a user of {@link #users()} and a movie of {@link #movies()}; anything malformed is a
 * {@link MalformedDataException} naming file, line, field and text (see {@link ReadOptions} for
 * lenient reading). A dataset is immutable and safe to share; each rating read opens the file anew,
 * so threads may read ratings concurrently.
 */
public final class MovieLensDataset {
  private static final Logger LOG = LoggerFactory.getLogger(MovieLensDataset.class);

  private final Path directory;
  private final MovieLensFormat format;
  private final ReadOptions options;
  private final Charset charset;
  private final Map<Integer, User> users;
  private final Map<Integer, Movie> movies;
  private final ReadSummary summary;
  private final boolean hasRatings;
  private final IntSet userIds;
  private final IntSet movieIds;

  private MovieLensDataset(
      Path directory,
      MovieLensFormat format,
      ReadOptions options,
      Charset charset,
      Map<Integer, User> users,
      Map<Integer, Movie> movies,
      ReadSummary summary,
      boolean hasRatings) {
    this.directory = directory;
    this.format = format;
    this.options = options;
    this.charset = charset;
    this.users = users;
    this.movies = movies;
    this.summary = summary;
    this.hasRatings = hasRatings;
    this.userIds = IntSet.of(users.keySet(), users.size());
    this.movieIds = IntSet.of(movies.keySet(), movies.size());
  }

  /** Opens {@code directory} with the {@linkplain ReadOptions#defaults() default options}. */
  public static MovieLensDataset open(Path directory) throws IOException {
    return open(directory, ReadOptions.defaults());
  }

  /**
   * Opens {@code directory}: detects its format (unless {@code options} names one) and reads its
   * users and movies. For {@link MovieLensFormat#CSV}, which has no users file, it reads the
   * ratings once to learn the user ids, and builds each user with {@link User#withoutProfile}.
   *
   * @throws MalformedDataException if the format cannot be detected, a file is missing or empty
   *     (the ratings file only if {@link ReadOptions#ratingsRequired()}), or (strict) a line is
   *     malformed
   * @throws IOException if a file cannot be read
   */
  public static MovieLensDataset open(Path directory, ReadOptions options) throws IOException {
    return open(directory, options, true);
  }

  /**
   * Opens {@code directory} for its users and movies only, never reading the ratings file: for
   * {@link MovieLensFormat#CSV}, which has no users file, {@link #users()} is empty and the caller
   * takes the users from the ratings (the Spark prepare job does, on a cluster). The ratings file
   * need not exist.
   */
  public static MovieLensDataset openCatalogue(Path directory, ReadOptions options)
      throws IOException {
    return open(directory, options, false);
  }

  private static MovieLensDataset open(Path directory, ReadOptions options, boolean readRatings)
      throws IOException {
    checkNotNull(directory, "directory");
    checkNotNull(options, "options");
    MovieLensFormat format = options.format().orElseGet(() -> MovieLensFormat.detect(directory));
    Charset charset = options.charset().orElse(format.defaultCharset());
    Path ratingsFile = directory.resolve(format.ratingsFileName());
    boolean hasRatings = Files.isRegularFile(ratingsFile);
    if (!hasRatings && options.ratingsRequired() && readRatings) {
      throw new MalformedDataException(
          ratingsFile,
          ratingsFile
              + " does not exist; to read only the users and movies, open with"
              + " ReadOptions.newBuilder().withRatingsRequired(false)");
    }
    ReadLog log = new ReadLog(options);
    Path usersFile = format.usersFileName().map(directory::resolve).orElse(null);
    Path moviesFile = directory.resolve(format.moviesFileName());
    Map<Integer, User> users;
    Map<Integer, Movie> movies;
    switch (format) {
      case ML_1M -> {
        users = Ml1mReader.readUsers(usersFile, charset, log);
        movies = Ml1mReader.readMovies(moviesFile, charset, log);
      }
      case ML_100K -> {
        users = Ml100kReader.readUsers(usersFile, charset, log);
        movies = Ml100kReader.readMovies(moviesFile, charset, log);
      }
      case CSV -> {
        movies = CsvReader.readMovies(moviesFile, charset, log);
        users =
            hasRatings && readRatings
                ? usersOfRatings(ratingsFile, charset, log, movies)
                : Map.of();
      }
      default -> throw new AssertionError(format);
    }
    MovieLensDataset dataset =
        new MovieLensDataset(
            directory, format, options, charset, users, movies, log.summary(), hasRatings);
    LOG.debug("opened {}", dataset);
    return dataset;
  }

  /** The directory read. */
  public Path directory() {
    return directory;
  }

  /** The format detected (or given in the options). */
  public MovieLensFormat format() {
    return format;
  }

  /** The options it was opened with. */
  public ReadOptions options() {
    return options;
  }

  /** The charset its files are read with. */
  public Charset charset() {
    return charset;
  }

  /** The users by id, in file order (for CSV: in order of their first rating); immutable. */
  public Map<Integer, User> users() {
    return users;
  }

  /** The movies by id, in file order; immutable. */
  public Map<Integer, Movie> movies() {
    return movies;
  }

  /** What opening read: the users and movies files (for CSV also the ratings). */
  public ReadSummary summary() {
    return summary;
  }

  /** True if the ratings file existed when the dataset was opened. */
  public boolean hasRatings() {
    return hasRatings;
  }

  /** The path of the ratings file, which may be absent (see {@link #hasRatings()}). */
  public Path ratingsFile() {
    return directory.resolve(format.ratingsFileName());
  }

  /**
   * Streams every rating to {@code visitor}, in file order, creating no object per rating. Each
   * rating's user and movie are in {@link #users()} and {@link #movies()}. Repeated ratings of a
   * movie by a user are not detected here (see {@link #readRatings()}). Exceptions the visitor
   * throws propagate.
   *
   * @return what the read saw
   * @throws MalformedDataException if the ratings file is missing or empty, or (strict) at the
   *     first bad line
   * @throws IOException if the file cannot be read
   */
  public ReadSummary forEachRating(RatingVisitor visitor) throws IOException {
    checkNotNull(visitor, "visitor");
    ReadLog log = new ReadLog(options);
    new RatingReader(format, userIds, movieIds).read(ratingsFile(), charset, log, visitor);
    return log.summary();
  }

  /**
   * Reads every rating into a {@link RatingTable}, in file order, and checks that no user rated a
   * movie twice; a repeat is a problem naming both lines (lenient reading keeps the first).
   *
   * @throws MalformedDataException as {@link #forEachRating} does, and (strict) at a repeated
   *     rating
   * @throws IOException if the file cannot be read
   */
  public RatingTable readRatings() throws IOException {
    ReadLog log = new ReadLog(options);
    RatingTable.Builder table = new RatingTable.Builder();
    try (Progress progress =
        Progress.newBuilder("read " + ratingsFile().getFileName()).withUnit("ratings").build()) {
      new RatingReader(format, userIds, movieIds)
          .read(
              ratingsFile(),
              charset,
              log,
              (user, movie, score, time, line) -> {
                table.visit(user, movie, score, time, line);
                progress.advance(1);
              });
      progress.finish();
    }
    table.removeRepeatedRatings(ratingsFile(), log);
    return table.build(log.summary());
  }

  @Override
  public String toString() {
    return "MovieLensDataset{"
        + format
        + " at "
        + directory
        + ": "
        + users.size()
        + " users, "
        + movies.size()
        + " movies"
        + (hasRatings ? "" : ", no ratings file")
        + "}";
  }

  /** The users of a CSV set: the ids of its ratings, in order of first appearance. */
  private static Map<Integer, User> usersOfRatings(
      Path ratingsFile, Charset charset, ReadLog log, Map<Integer, Movie> movies)
      throws IOException {
    IntSet seen = new IntSet(1 << 10);
    new RatingReader(MovieLensFormat.CSV, null, IntSet.of(movies.keySet(), movies.size()))
        .read(ratingsFile, charset, log, (user, movie, score, time, line) -> seen.add(user));
    ImmutableMap.Builder<Integer, User> users = ImmutableMap.builderWithExpectedSize(seen.size());
    for (int id : seen.toArray()) {
      users.put(id, User.withoutProfile(id));
    }
    return users.build();
  }
}
