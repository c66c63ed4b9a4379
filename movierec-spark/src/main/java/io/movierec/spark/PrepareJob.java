package io.movierec.spark;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import io.movierec.data.MalformedDataException;
import io.movierec.data.MovieLensDataset;
import io.movierec.data.MovieLensFormat;
import io.movierec.data.ReadOptions;
import io.movierec.domain.Movie;
import io.movierec.domain.User;
import io.movierec.features.FeatureEncoder;
import io.movierec.features.FeatureHasher;
import io.movierec.features.Murmur3Hasher;
import io.movierec.features.SlotSchema;
import io.movierec.io.AtomicFiles;
import io.movierec.io.OutputDirectory;
import io.movierec.prepare.CatalogFiles;
import io.movierec.prepare.PreparedDataset;
import io.movierec.prepare.SplitRatings;
import io.movierec.split.LeaveLatestOutSplitter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The prepare stage on Apache Spark: reads ratings from a MovieLens directory (or from a CSV or
 * Parquet file, or a {@link Dataset}), splits them leave-latest-out with the rule and tie-break of
 * {@link LeaveLatestOutSplitter} in window functions, encodes every row on the executors with the
 * same {@link SlotSchema}, {@link FeatureEncoder} and hasher as {@code movierec prepare}, and
 * writes a {@link PreparedDataset}: {@code train/}, {@code test/} and {@code validation/} hold part
 * files of slot:feasign lines (the trainer reads a directory of {@code *.txt} files), next to
 * {@code ratings.tsv}, {@code users.tsv}, {@code movies.tsv} and {@code dataset.properties}, so
 * {@code train}, {@code bundle} and {@code evaluate} read its output as they read {@code
 * prepare}'s.
 *
 * <pre>{@code
 * PrepareJobSummary s = PrepareJob.newBuilder(Path.of("ml-25m"), Path.of("data"))
 *     .withValidation(true).build().run(spark);
 * }</pre>
 *
 * <p>The sample lines equal {@code prepare}'s as a multiset (the training order is a different
 * shuffle). Users and movies are read on the driver (a catalogue: tens of thousands of rows) and
 * broadcast; ratings never reach the driver. The output, like {@code prepare}'s, must be a path of
 * a file system the driver and the executors share (local disk for {@code local[*]}, NFS or a
 * mounted volume on a cluster); it appears complete or not at all.
 */
public final class PrepareJob {

  private static final Logger LOG = LoggerFactory.getLogger(PrepareJob.class);

  static final String WORK = "_spark-work";

  private final Path source;
  private final Path output;
  private final @Nullable String ratingsFile;
  private final @Nullable Dataset<Row> ratingsFrame;
  private final String ratingsName;
  private final FeatureHasher hasher;
  private final SlotSchema schema;
  private final boolean lenient;
  private final boolean validation;
  private final boolean paddleRecCompatible;
  private final long seed;
  private final int partitions;

  private PrepareJob(Builder b) {
    this.source = b.source;
    this.output = b.output;
    this.ratingsFile = b.ratingsFile;
    this.ratingsFrame = b.ratingsFrame;
    this.ratingsName = b.ratingsName;
    this.hasher = b.hasher;
    this.schema = b.schema;
    this.lenient = b.lenient;
    this.validation = b.validation;
    this.paddleRecCompatible = b.paddleRecCompatible;
    this.seed = b.seed;
    this.partitions = b.partitions;
  }

  /**
   * A job preparing the MovieLens directory {@code source} (ml-100k, ml-1m or a CSV set) into
   * {@code output}, with the defaults of {@code movierec prepare}: Murmur3 hasher, PaddleRec's
   * schema, strict reading, no validation split, the modern split rule.
   */
  public static Builder newBuilder(Path source, Path output) {
    return new Builder(source, output);
  }

  /** {@code spark-submit --class io.movierec.spark.PrepareJob JAR SOURCE OUTPUT [options]}. */
  public static void main(String[] args) throws IOException {
    SparkMain.main(Stream.concat(Stream.of("prepare"), Stream.of(args)).toArray(String[]::new));
  }

  /**
   * Runs the job on {@code spark}.
   *
   * @throws MalformedDataException (strict) naming the file, line and value of the first bad
   *     rating, or of the first repeated rating, as {@code prepare} does
   */
  public PrepareJobSummary run(SparkSession spark) throws IOException {
    checkNotNull(spark, "spark");
    long start = System.nanoTime();
    OutputDirectory.checkApart(output, source, "source data");
    AtomicFiles.recoverDirectory(output);
    OutputDirectory.check(output, PreparedDataset.OUTPUT_KIND);
    ReadOptions options = ReadOptions.newBuilder().withLenient(lenient).build();
    MovieLensDataset catalogue = MovieLensDataset.openCatalogue(source, options);
    MovieLensFormat format = catalogue.format();
    boolean usersFromRatings = format.usersFileName().isEmpty();
    Path ratingsPath =
        ratingsFrame != null
            ? Path.of(ratingsName)
            : ratingsFile != null ? Path.of(ratingsFile) : catalogue.ratingsFile();
    LOG.info(
        "catalogue: {} users, {} movies from {} ({}); ratings from {}",
        catalogue.users().size(),
        catalogue.movies().size(),
        source,
        format,
        ratingsPath);
    long[] counts = new long[6]; // train, test, validation, users, movies, skipped ratings
    List<String> problems = new ArrayList<>();
    long catalogueSkipped = catalogue.summary().linesSkipped();
    catalogue.summary().firstProblems().forEach(p -> problems.add(p.message()));

    AtomicFiles.writeDirectory(
        output,
        PreparedDataset.OUTPUT_KIND,
        dir -> {
          Path work = dir.resolve(WORK);
          Files.createDirectories(work);
          JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
          int[] knownUsers = usersFromRatings ? null : ids(catalogue.users().keySet());
          int[] knownMovies = ids(catalogue.movies().keySet());

          // 1. Parse every line on the executors; bad lines become rows holding the message.
          JavaRDD<Row> parsed =
              ratingsFrame != null
                  ? RatingSources.parseFrame(
                      ratingsFrame, format, ratingsName, knownUsers, knownMovies)
                  : ratingsFile != null && RatingSources.isParquet(ratingsFile)
                      ? RatingSources.parseFrame(
                          spark.read().parquet(ratingsFile),
                          format,
                          ratingsFile,
                          knownUsers,
                          knownMovies)
                      : RatingSources.parseText(
                          jsc,
                          ratingsFile != null ? ratingsFile : ratingsPath.toString(),
                          ratingsFile != null ? MovieLensFormat.CSV : format,
                          ratingsFile != null
                              ? StandardCharsets.UTF_8
                              : options.charset().orElse(format.defaultCharset()),
                          knownUsers,
                          knownMovies);
          String parsedDir = uri(work.resolve("parsed"));
          spark.createDataFrame(parsed, RatingSources.PARSED).write().parquet(parsedDir);
          Dataset<Row> all = spark.read().parquet(parsedDir);
          Dataset<Row> bad = all.filter(col("error").isNotNull());
          long badCount = bad.count();
          if (badCount > 0) {
            List<Row> first = bad.orderBy("logid").limit(options.maxProblemsKept()).collectAsList();
            if (!lenient) {
              throw new MalformedDataException(ratingsPath, first.get(0).getString(5));
            }
            first.forEach(r -> addProblem(problems, options, r.getString(5)));
            counts[5] += badCount;
            LOG.warn("{}: skipped {} malformed lines", ratingsPath.getFileName(), badCount);
          }

          LOG.info("parsed {} in {} s", ratingsPath.getFileName(), since(start));

          // 2. Repeated ratings and the split, by window functions over each user's ratings.
          Dataset<Row> good = all.filter(col("error").isNull()).drop("error");
          String splitDir = uri(work.resolve("split"));
          split(good).write().parquet(splitDir);
          Dataset<Row> split = spark.read().parquet(splitDir);
          Dataset<Row> repeats = split.filter(col("part").equalTo(REPEAT));
          long repeatCount = repeats.count();
          if (repeatCount > 0) {
            List<Row> first =
                repeats.orderBy("logid").limit(options.maxProblemsKept()).collectAsList();
            if (!lenient) {
              throw repeated(ratingsPath, first.get(0));
            }
            first.forEach(
                r -> addProblem(problems, options, repeated(ratingsPath, r).getMessage()));
            counts[5] += repeatCount;
            LOG.warn("{}: skipped {} repeated ratings", ratingsPath.getFileName(), repeatCount);
          }
          Dataset<Row> kept = split.filter(col("part").notEqual(REPEAT));
          for (Row r : kept.groupBy("part").count().collectAsList()) {
            counts[partIndex(r.getString(0))] = r.getLong(1);
          }

          LOG.info("split in {} s", since(start));

          // 3. The catalogue, on the driver.
          Map<Integer, User> users = catalogue.users();
          if (usersFromRatings) {
            Map<Integer, User> seen = new LinkedHashMap<>();
            for (Row r :
                good.groupBy("user")
                    .agg(min("logid").as("first"))
                    .orderBy("first")
                    .select("user")
                    .collectAsList()) {
              seen.put(r.getInt(0), User.withoutProfile(r.getInt(0)));
            }
            users = seen;
          }
          counts[3] = users.size();
          counts[4] = catalogue.movies().size();

          // 4. The samples, encoded on the executors, the training rows in a seeded random order.
          long rows = counts[0] + counts[1] + counts[2];
          writeSamples(spark, jsc, kept, rows, users, catalogue.movies(), work, dir);
          LOG.info("samples written in {} s", since(start));

          // 5. ratings.tsv in log-id order, then the catalogue files and dataset.properties.
          writeRatings(kept, work, dir);
          LOG.info("ratings.tsv written in {} s", since(start));
          CatalogFiles.writeUsers(dir, users.values());
          CatalogFiles.writeMovies(dir, catalogue.movies().values());
          PreparedDataset.writeInfo(
              dir,
              new PreparedDataset.Info(
                  format.name(),
                  ratingsFile != null
                      ? ratingsFile
                      : ratingsFrame != null ? ratingsName : source.toAbsolutePath().toString(),
                  hasher.spec(),
                  schema.spec(),
                  seed,
                  paddleRecCompatible,
                  validation));
          deleteTree(work);
        });
    PrepareJobSummary summary =
        new PrepareJobSummary(
            output,
            counts[3],
            counts[4],
            counts[0] + counts[1] + counts[2],
            counts[0],
            counts[1],
            counts[2],
            catalogueSkipped + counts[5],
            List.copyOf(problems),
            (System.nanoTime() - start) / 1e9);
    LOG.info("{}", summary);
    return summary;
  }

  private static final long SAMPLES_PER_PART = 1_000_000;

  private static String since(long start) {
    return String.format("%.1f", (System.nanoTime() - start) / 1e9);
  }

  static final String REPEAT = "repeat";
  static final String TRAIN = "train";
  static final String TEST = "test";
  static final String VALIDATION = "validation";

  private static int partIndex(String part) {
    return switch (part) {
      case TRAIN -> 0;
      case TEST -> 1;
      case VALIDATION -> 2;
      default -> throw new IllegalStateException("unknown part " + part);
    };
  }

  private static void addProblem(List<String> problems, ReadOptions options, String message) {
    if (problems.size() < options.maxProblemsKept()) {
      problems.add(message);
    }
  }

  private static MalformedDataException repeated(Path file, Row r) {
    return new MalformedDataException(
        file,
        r.getLong(r.fieldIndex("logid")),
        "movie",
        Integer.toString(r.getInt(r.fieldIndex("movie"))),
        "was rated by user "
            + r.getInt(r.fieldIndex("user"))
            + " before, on line "
            + r.getLong(r.fieldIndex("first_line"))
            + " (a repeated rating)");
  }

  /**
   * Adds {@code part} (train, test, validation or repeat) and {@code first_line} to the parsed
   * ratings: a rating of a movie the user rated on an earlier line is a repeat; of the rest, the
   * test row of a user with two or more ratings is the latest, the first in file order among equal
   * times; the validation row is the next by the same order (three or more ratings).
   */
  private Dataset<Row> split(Dataset<Row> good) {
    WindowSpec byUserMovie = Window.partitionBy("user", "movie");
    Dataset<Row> d =
        good.withColumn("first_line", min("logid").over(byUserMovie))
            .withColumn("is_repeat", col("logid").gt(col("first_line")));
    WindowSpec byUser = Window.partitionBy("user");
    d =
        d.withColumn("n", sum(when(not(col("is_repeat")), 1).otherwise(0)).over(byUser))
            .withColumn("user_first", min("logid").over(byUser));
    List<Column> order = new ArrayList<>();
    order.add(col("is_repeat").asc());
    if (paddleRecCompatible) {
      // split.py: the user's first row in file order never leaves train.
      order.add(col("logid").equalTo(col("user_first")).asc());
    }
    order.add(col("time").desc());
    order.add(col("logid").asc());
    d = d.withColumn("rank", row_number().over(byUser.orderBy(order.toArray(Column[]::new))));
    Column part =
        when(col("is_repeat"), lit(REPEAT))
            .when(col("n").geq(2).and(col("rank").equalTo(1)), lit(TEST))
            .when(lit(validation).and(col("n").geq(3)).and(col("rank").equalTo(2)), lit(VALIDATION))
            .otherwise(lit(TRAIN));
    return d.withColumn("part", part)
        .select("logid", "user", "movie", "rating", "time", "part", "first_line");
  }

  private void writeSamples(
      SparkSession spark,
      JavaSparkContext jsc,
      Dataset<Row> kept,
      long rows,
      Map<Integer, User> users,
      Map<Integer, Movie> movies,
      Path work,
      Path dir)
      throws IOException {
    Dataset<Row> d = kept;
    int history = schema.historyLength();
    if (history > 0) {
      // The user's ratings before this one, as prepare orders them: by time, then training rows
      // before validation before test within a second, then file order.
      Column heldOut =
          when(col("part").equalTo(TRAIN), 0).when(col("part").equalTo(VALIDATION), 1).otherwise(2);
      WindowSpec before =
          Window.partitionBy("user")
              .orderBy(col("time"), heldOut, col("logid"))
              .rowsBetween(-history, -1);
      d =
          d.withColumn("hist_movies", collect_list("movie").over(before))
              .withColumn("hist_scores", collect_list("rating").over(before));
    } else {
      d =
          d.withColumn("hist_movies", lit(null).cast("array<int>"))
              .withColumn("hist_scores", lit(null).cast("array<float>"));
    }
    Column shuffle = xxhash64(col("logid"), lit(seed));
    // One part file per about a million samples unless told (tests and small sets: one).
    int n =
        partitions > 0
            ? partitions
            : (int)
                Math.max(
                    1,
                    Math.min(
                        spark.sessionState().conf().numShufflePartitions(),
                        rows / SAMPLES_PER_PART + 1));
    d =
        d.withColumn("shuffle", shuffle)
            .repartition(n, col("shuffle"))
            .sortWithinPartitions("shuffle")
            .select(
                "logid", "user", "movie", "rating", "time", "part", "hist_movies", "hist_scores");
    Broadcast<SampleEncoding.Catalogue> catalogue =
        jsc.broadcast(SampleEncoding.Catalogue.of(users, movies, schema, hasher));
    JavaRDD<Row> lines =
        d.javaRDD()
            .mapPartitions(new SampleEncoding.EncodeRows(schema.spec(), hasher.spec(), catalogue));
    String samplesDir = uri(work.resolve("samples"));
    spark.createDataFrame(lines, SampleEncoding.LINES).write().partitionBy("part").text(samplesDir);
    List<String> parts = new ArrayList<>(List.of(TRAIN, TEST));
    if (validation) {
      parts.add(VALIDATION);
    }
    for (String part : parts) {
      Path from = work.resolve("samples").resolve("part=" + part);
      Path to = dir.resolve(part);
      if (Files.isDirectory(from)) {
        Files.move(from, to);
        removeSparkMarkers(to);
      } else {
        Files.createDirectories(to);
        Files.createFile(to.resolve(PreparedDataset.SAMPLE_FILE));
      }
    }
    catalogue.destroy();
  }

  private static void writeRatings(Dataset<Row> kept, Path work, Path dir) throws IOException {
    String ratingsDir = uri(work.resolve("ratings"));
    kept.select("logid", "user", "movie", "rating", "time", "part")
        .orderBy("logid")
        .javaRDD()
        .map(
            r -> {
              StringBuilder sb = new StringBuilder(48);
              return SplitRatings.appendRow(
                      sb,
                      r.getLong(0),
                      r.getInt(1),
                      r.getInt(2),
                      r.getFloat(3),
                      r.getLong(4),
                      SplitRatings.Part.valueOf(r.getString(5).toUpperCase(java.util.Locale.ROOT)))
                  .toString();
            })
        .saveAsTextFile(ratingsDir);
    List<Path> partFiles;
    try (Stream<Path> list = Files.list(work.resolve("ratings"))) {
      partFiles =
          list.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList();
    }
    try (OutputStream out = Files.newOutputStream(dir.resolve(SplitRatings.FILE))) {
      out.write((SplitRatings.HEADER + "\n").getBytes(StandardCharsets.UTF_8));
      for (Path p : partFiles) {
        try (InputStream in = Files.newInputStream(p)) {
          in.transferTo(out);
        }
      }
    }
  }

  private static void removeSparkMarkers(Path dir) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      for (Path p : (Iterable<Path>) list::iterator) {
        String name = p.getFileName().toString();
        if (name.startsWith(".") || name.startsWith("_")) {
          Files.delete(p);
        }
      }
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      List<Path> all = walk.sorted(java.util.Comparator.reverseOrder()).toList();
      for (Path p : all) {
        Files.delete(p);
      }
    }
  }

  static String uri(Path p) {
    return p.toAbsolutePath().toUri().toString();
  }

  private static int[] ids(java.util.Set<Integer> ids) {
    int[] a = new int[ids.size()];
    int i = 0;
    for (int id : ids) {
      a[i++] = id;
    }
    return a;
  }

  /** Settings of a {@link PrepareJob}. */
  public static final class Builder {
    private final Path source;
    private final Path output;
    private @Nullable String ratingsFile;
    private @Nullable Dataset<Row> ratingsFrame;
    private String ratingsName = "ratings";
    private FeatureHasher hasher = new Murmur3Hasher();
    private SlotSchema schema = SlotSchema.paddleRec();
    private boolean lenient;
    private boolean validation;
    private boolean paddleRecCompatible;
    private long seed = LeaveLatestOutSplitter.DEFAULT_SEED;
    private int partitions;

    private Builder(Path source, Path output) {
      this.source = checkNotNull(source, "source");
      this.output = checkNotNull(output, "output");
    }

    /**
     * Reads the ratings from this file or directory instead of the source directory's ratings file:
     * Parquet if it ends in {@code .parquet} or is a directory, otherwise a CSV file with
     * MovieLens's header {@code userId,movieId,rating,timestamp}. Parquet needs the columns {@code
     * userId}, {@code movieId}, {@code rating} and {@code timestamp}; the log id of a rating is its
     * 1-based row. Users and movies still come from the source directory.
     */
    public Builder withRatingsFile(String pathOrUri) {
      this.ratingsFile = checkNotNull(pathOrUri, "pathOrUri");
      this.ratingsFrame = null;
      return this;
    }

    /**
     * Reads the ratings from a {@link Dataset} with the columns {@code userId}, {@code movieId},
     * {@code rating} and {@code timestamp} (numbers or text), and an optional long {@code logid}
     * (default: the 1-based row in the dataset's order); {@code name} stands for its file in
     * messages.
     */
    public Builder withRatings(Dataset<Row> ratings, String name) {
      this.ratingsFrame = checkNotNull(ratings, "ratings");
      this.ratingsName = checkNotNull(name, "name");
      this.ratingsFile = null;
      return this;
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

    /** Count and skip malformed or repeated ratings instead of failing (default false). */
    public Builder withLenient(boolean lenient) {
      this.lenient = lenient;
      return this;
    }

    /** Also write a validation split (default false). */
    public Builder withValidation(boolean validation) {
      this.validation = validation;
      return this;
    }

    /** Split exactly as PaddleRec's split.py does (default false). */
    public Builder withPaddleRecCompatible(boolean compatible) {
      this.paddleRecCompatible = compatible;
      return this;
    }

    /** The seed of the training-row order. */
    public Builder withSeed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * The number of sample part files per split (default: {@code spark.sql.shuffle.partitions}).
     */
    public Builder withPartitions(int partitions) {
      checkArgument(partitions >= 1, "partitions must be at least 1, got %s", partitions);
      this.partitions = partitions;
      return this;
    }

    /** The job. */
    public PrepareJob build() {
      return new PrepareJob(this);
    }
  }
}
