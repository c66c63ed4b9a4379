package io.movierec.prepare;

import static com.google.common.base.Preconditions.checkNotNull;

import io.movierec.data.MovieLensDataset;
import io.movierec.data.RatingTable;
import io.movierec.data.ReadOptions;
import io.movierec.domain.Movie;
import io.movierec.domain.User;
import io.movierec.domain.UserContext;
import io.movierec.features.CollisionTracker;
import io.movierec.features.FeatureEncoder;
import io.movierec.features.FeatureHasher;
import io.movierec.features.Murmur3Hasher;
import io.movierec.features.SlotSchema;
import io.movierec.io.AtomicFiles;
import io.movierec.io.OutputDirectory;
import io.movierec.progress.Progress;
import io.movierec.samples.SampleWriter;
import io.movierec.split.LeaveLatestOutSplitter;
import io.movierec.split.SplitResult;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data stage end to end: reads a MovieLens directory, splits it leave-latest-out, hashes every
 * user and movie once, and writes a prepared data set (see {@link PreparedDataset}) — PaddleRec's
 * {@code data_prepare.sh} in one call.
 *
 * <pre>{@code
 * PrepareSummary s = DatasetPreparer.newBuilder(Path.of("ml-1m"), Path.of("data"))
 *     .withHasher(new PaddleRecHasher()).withValidation(true).build().prepare();
 * }</pre>
 *
 * The output directory is replaced atomically: it appears complete or not at all. It must be new,
 * empty or an earlier prepared data set ({@link PreparedDataset#OUTPUT_KIND}), and apart from the
 * source: anything else is refused with {@link io.movierec.io.UnsafeOutputException} before the
 * source is read.
 */
public final class DatasetPreparer {

  private static final Logger LOG = LoggerFactory.getLogger(DatasetPreparer.class);

  private final Path source;
  private final Path output;
  private final FeatureHasher hasher;
  private final SlotSchema schema;
  private final ReadOptions readOptions;
  private final boolean validation;
  private final boolean paddleRecCompatible;
  private final long seed;

  private DatasetPreparer(Builder b) {
    this.source = b.source;
    this.output = b.output;
    this.hasher = b.hasher;
    this.schema = b.schema;
    this.readOptions = b.readOptions;
    this.validation = b.validation;
    this.paddleRecCompatible = b.paddleRecCompatible;
    this.seed = b.seed;
  }

  /**
   * A preparer of the MovieLens directory {@code source} into {@code output}, with the Murmur3
   * hasher, PaddleRec's schema, strict reading, no validation split and the modern split rule.
   */
  public static Builder newBuilder(Path source, Path output) {
    return new Builder(source, output);
  }

  /** Runs the stage. */
  public PrepareSummary prepare() throws IOException {
    long start = System.nanoTime();
    OutputDirectory.checkApart(output, source, "source data");
    AtomicFiles.recoverDirectory(output);
    OutputDirectory.check(output, PreparedDataset.OUTPUT_KIND);
    MovieLensDataset dataset = MovieLensDataset.open(source, readOptions);
    RatingTable table = dataset.readRatings();
    LOG.info(
        "read {} users, {} movies, {} ratings from {} ({})",
        dataset.users().size(),
        dataset.movies().size(),
        table.size(),
        source,
        dataset.format());
    SplitResult split =
        LeaveLatestOutSplitter.newBuilder()
            .withValidation(validation)
            .withPaddleRecCompatible(paddleRecCompatible)
            .withSeed(seed)
            .build()
            .split(table.userIds(), table.timestamps());

    CollisionTracker tracker = new CollisionTracker(hasher);
    FeatureEncoder encoder = new FeatureEncoder(schema, tracker);
    Map<Integer, int[]> userRows = new HashMap<>();
    for (User u : dataset.users().values()) {
      userRows.put(u.id(), encoder.encodeUser(u));
    }
    Map<Integer, int[]> movieRows = new HashMap<>();
    for (Movie m : dataset.movies().values()) {
      movieRows.put(m.id(), encoder.encodeMovie(m));
    }

    SplitRatings.Part[] parts = new SplitRatings.Part[table.size()];
    java.util.Arrays.fill(parts, SplitRatings.Part.TRAIN);
    for (int r : split.test()) {
      parts[r] = SplitRatings.Part.TEST;
    }
    for (int r : split.validation()) {
      parts[r] = SplitRatings.Part.VALIDATION;
    }
    int[][] rowUsers =
        schema.usesHistory() ? encodeWithHistory(table, parts, dataset.users(), encoder) : null;
    long[] logIds = new long[table.size()];
    for (int i = 0; i < logIds.length; i++) {
      logIds[i] = table.lineNumber(i);
    }
    SplitRatings ratings =
        new SplitRatings(
            logIds, table.userIds(), table.movieIds(), table.scores(), table.timestamps(), parts);

    AtomicFiles.writeDirectory(
        output,
        PreparedDataset.OUTPUT_KIND,
        dir -> {
          try (Progress progress =
              Progress.newBuilder("prepare: write samples")
                  .withTotal(
                      split.train().length
                          + split.test().length
                          + (validation ? split.validation().length : 0))
                  .withUnit("ratings")
                  .build()) {
            writeAllSamples(dir, split, table, userRows, rowUsers, movieRows, progress);
            progress.finish();
          }
          ratings.write(dir);
          CatalogFiles.writeUsers(dir, dataset.users().values());
          CatalogFiles.writeMovies(dir, dataset.movies().values());
          PreparedDataset.writeInfo(
              dir,
              new PreparedDataset.Info(
                  dataset.format().name(),
                  source.toAbsolutePath().toString(),
                  hasher.spec(),
                  schema.spec(),
                  seed,
                  paddleRecCompatible,
                  validation));
        });
    PrepareSummary summary =
        new PrepareSummary(
            output,
            dataset.users().size(),
            dataset.movies().size(),
            table.size(),
            split.train().length,
            split.test().length,
            split.validation().length,
            table.summary().linesSkipped(),
            tracker.report(),
            table.summary(),
            (System.nanoTime() - start) / 1e9);
    LOG.info("{}", summary);
    return summary;
  }

  /**
   * Encodes the user of every row with the movies that user rated before it — earlier in time, or
   * in the same second and earlier in this order: training rows, then validation, then test, each
   * in file order — and their scores, most recent first. Held-out rows come last among same-second
   * ones, so no training row's history holds a held-out rating (the splitter may hold out the first
   * of several same-second rows), and a held-out row sees every training rating of its second, as
   * it does when served from the training ratings.
   */
  private static int[][] encodeWithHistory(
      RatingTable t, SplitRatings.Part[] parts, Map<Integer, User> users, FeatureEncoder encoder) {
    try (Progress progress =
        Progress.newBuilder("prepare: encode histories")
            .withTotal(t.size())
            .withUnit("ratings")
            .build()) {
      int[][] rows = encodeWithHistory(t, parts, users, encoder, progress);
      progress.finish();
      return rows;
    }
  }

  private static int[][] encodeWithHistory(
      RatingTable t,
      SplitRatings.Part[] parts,
      Map<Integer, User> users,
      FeatureEncoder encoder,
      Progress progress) {
    int n = t.size();
    int[] userIds = t.userIds();
    long[] times = t.timestamps();
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(
        order,
        (a, b) ->
            userIds[a] != userIds[b]
                ? Integer.compare(userIds[a], userIds[b])
                : times[a] != times[b]
                    ? Long.compare(times[a], times[b])
                    : parts[a] != parts[b]
                        ? Integer.compare(heldOutRank(parts[a]), heldOutRank(parts[b]))
                        : Integer.compare(a, b));
    int keep = encoder.schema().historyLength();
    int[][] rows = new int[n][];
    int[] recent = new int[keep];
    float[] recentScores = new float[keep];
    int count = 0;
    for (int k = 0; k < n; k++) {
      int r = order[k];
      if (k == 0 || t.userId(order[k - 1]) != t.userId(r)) {
        count = 0;
      }
      int[] history = new int[count];
      float[] scores = new float[count];
      for (int i = 0; i < count; i++) {
        history[i] = recent[count - 1 - i];
        scores[i] = recentScores[count - 1 - i];
      }
      rows[r] = encoder.encodeUser(UserContext.of(users.get(t.userId(r)), history, scores));
      if (count == keep) {
        System.arraycopy(recent, 1, recent, 0, keep - 1);
        System.arraycopy(recentScores, 1, recentScores, 0, keep - 1);
        count--;
      }
      recent[count] = t.movieId(r);
      recentScores[count] = t.score(r);
      count++;
      progress.advance(1);
    }
    return rows;
  }

  /** 0 for training rows, 1 for validation, 2 for test: their order among same-second rows. */
  private static int heldOutRank(SplitRatings.Part part) {
    return switch (part) {
      case TRAIN -> 0;
      case VALIDATION -> 1;
      case TEST -> 2;
    };
  }

  /** Writes the training, test and (if asked) validation samples. */
  private void writeAllSamples(
      Path dir,
      SplitResult split,
      RatingTable table,
      Map<Integer, int[]> userRows,
      int[][] rowUsers,
      Map<Integer, int[]> movieRows,
      Progress progress)
      throws IOException {
    writeSamples(
        dir.resolve(PreparedDataset.TRAIN),
        split.train(),
        table,
        userRows,
        rowUsers,
        movieRows,
        progress);
    writeSamples(
        dir.resolve(PreparedDataset.TEST),
        split.test(),
        table,
        userRows,
        rowUsers,
        movieRows,
        progress);
    if (validation) {
      writeSamples(
          dir.resolve(PreparedDataset.VALIDATION),
          split.validation(),
          table,
          userRows,
          rowUsers,
          movieRows,
          progress);
    }
  }

  private void writeSamples(
      Path dir,
      int[] rows,
      RatingTable t,
      Map<Integer, int[]> users,
      int[][] rowUsers,
      Map<Integer, int[]> movies,
      Progress progress)
      throws IOException {
    Files.createDirectories(dir);
    try (OutputStream out =
        new BufferedOutputStream(
            Files.newOutputStream(dir.resolve(PreparedDataset.SAMPLE_FILE)), 1 << 16)) {
      SampleWriter w = new SampleWriter(out, schema);
      for (int r : rows) {
        int[] user = rowUsers != null ? rowUsers[r] : users.get(t.userId(r));
        w.write(t.lineNumber(r), t.timestamp(r), user, 0, movies.get(t.movieId(r)), 0, t.score(r));
        progress.advance(1);
      }
    }
  }

  /** Settings of a {@link DatasetPreparer}. */
  public static final class Builder {
    private final Path source;
    private final Path output;
    private FeatureHasher hasher = new Murmur3Hasher();
    private SlotSchema schema = SlotSchema.paddleRec();
    private ReadOptions readOptions = ReadOptions.defaults();
    private boolean validation;
    private boolean paddleRecCompatible;
    private long seed = LeaveLatestOutSplitter.DEFAULT_SEED;

    private Builder(Path source, Path output) {
      this.source = checkNotNull(source, "source");
      this.output = checkNotNull(output, "output");
    }

    /** The feature hash (default {@link Murmur3Hasher} with 600,000 buckets). */
    public Builder withHasher(FeatureHasher hasher) {
      this.hasher = checkNotNull(hasher, "hasher");
      return this;
    }

    /** The slots (default {@link SlotSchema#paddleRec()}). */
    public Builder withSchema(SlotSchema schema) {
      this.schema = checkNotNull(schema, "schema");
      return this;
    }

    /** How to read the MovieLens files (default strict). */
    public Builder withReadOptions(ReadOptions options) {
      this.readOptions = checkNotNull(options, "options");
      return this;
    }

    /** Also write a validation split taken from the training rows (default false). */
    public Builder withValidation(boolean validation) {
      this.validation = validation;
      return this;
    }

    /** Split exactly as PaddleRec's split.py does (default false). */
    public Builder withPaddleRecCompatible(boolean compatible) {
      this.paddleRecCompatible = compatible;
      return this;
    }

    /** The seed of the training-row shuffle. */
    public Builder withSeed(long seed) {
      this.seed = seed;
      return this;
    }

    /** The preparer. */
    public DatasetPreparer build() {
      return new DatasetPreparer(this);
    }
  }
}
