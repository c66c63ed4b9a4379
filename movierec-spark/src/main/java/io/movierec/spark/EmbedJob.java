package io.movierec.spark;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;

import io.movierec.features.SlotSchema;
import io.movierec.io.AtomicFiles;
import io.movierec.io.OutputDirectory;
import io.movierec.models.TwoTowerModel;
import io.movierec.prepare.PreparedDataset;
import io.movierec.prepare.SplitRatings;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batch inference on Apache Spark: loads a trained two-tower model once per executor and writes
 * every user's and every movie's unit vector of a prepared data set to Parquet, for a warehouse to
 * consume or an index to be built from:
 *
 * <pre>
 *   OUT/users.parquet        userId int, vector array&lt;float&gt;
 *   OUT/movies.parquet       movieId int, vector array&lt;float&gt;
 *   OUT/embeddings.properties  model, data set, dimension, counts
 * </pre>
 *
 * A user is encoded as the online recommender sees them: with a history schema, their latest rated
 * movies of the data set (all parts, most recent first, later lines first within a second). The
 * vectors equal {@link TwoTowerModel#userVector} and {@link TwoTowerModel#movieVector} of the same
 * model. The model directory must be readable from every executor (a shared file system).
 */
public final class EmbedJob {

  private static final Logger LOG = LoggerFactory.getLogger(EmbedJob.class);

  /** The directory {@link EmbedJob} may replace: one holding {@code embeddings.properties}. */
  public static final OutputDirectory.Kind OUTPUT_KIND =
      OutputDirectory.Kind.of("embeddings", "embeddings directory", "embeddings.properties");

  /** The user vectors' Parquet directory. */
  public static final String USERS = "users.parquet";

  /** The movie vectors' Parquet directory. */
  public static final String MOVIES = "movies.parquet";

  static final StructType USER_VECTORS =
      new StructType()
          .add("userId", DataTypes.IntegerType, false)
          .add("vector", DataTypes.createArrayType(DataTypes.FloatType, false), false);

  static final StructType MOVIE_VECTORS =
      new StructType()
          .add("movieId", DataTypes.IntegerType, false)
          .add("vector", DataTypes.createArrayType(DataTypes.FloatType, false), false);

  private final Path model;
  private final Path data;
  private final Path output;
  private final int batchSize;

  private EmbedJob(Builder b) {
    this.model = b.model;
    this.data = b.data;
    this.output = b.output;
    this.batchSize = b.batchSize;
  }

  /** A job embedding the users and movies of the prepared data set {@code data}. */
  public static Builder newBuilder(Path model, Path data, Path output) {
    return new Builder(model, data, output);
  }

  /** {@code spark-submit --class io.movierec.spark.EmbedJob JAR --model M --data D --out O}. */
  public static void main(String[] args) throws IOException {
    String[] a = new String[args.length + 1];
    a[0] = "embed";
    System.arraycopy(args, 0, a, 1, args.length);
    SparkMain.main(a);
  }

  /** Runs the job on {@code spark}. */
  public EmbedJobSummary run(SparkSession spark) throws IOException {
    long start = System.nanoTime();
    OutputDirectory.checkApart(output, data, "prepared data");
    OutputDirectory.checkApart(output, model, "model");
    AtomicFiles.recoverDirectory(output);
    OutputDirectory.check(output, OUTPUT_KIND);
    PreparedDataset prepared = PreparedDataset.open(data);
    SlotSchema schema = prepared.encoder().schema();
    String modelDir = model.toAbsolutePath().toString();
    long[] counts = new long[3];
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<SampleEncoding.Catalogue> catalogue =
        jsc.broadcast(
            SampleEncoding.Catalogue.of(
                prepared.users(), prepared.movies(), schema, prepared.encoder().hasher()));
    String specs = schema.spec() + " / " + prepared.encoder().hasher().spec();
    AtomicFiles.writeDirectory(
        output,
        OUTPUT_KIND,
        dir -> {
          int slices = Math.max(1, spark.sparkContext().defaultParallelism());
          List<Row> movieIds = new ArrayList<>();
          prepared.movies().keySet().forEach(id -> movieIds.add(RowFactory.create(id)));
          JavaRDD<Row> movies =
              jsc.parallelize(movieIds, slices)
                  .mapPartitions(
                      new Embed(
                          modelDir, specs, false, schema.usesHistory(), catalogue, batchSize));
          spark
              .createDataFrame(movies, MOVIE_VECTORS)
              .write()
              .parquet(PrepareJob.uri(dir.resolve(MOVIES)));

          Dataset<Row> users = usersWithHistory(spark, prepared, schema, slices);
          JavaRDD<Row> userVectors =
              users
                  .javaRDD()
                  .mapPartitions(
                      new Embed(modelDir, specs, true, schema.usesHistory(), catalogue, batchSize));
          spark
              .createDataFrame(userVectors, USER_VECTORS)
              .write()
              .parquet(PrepareJob.uri(dir.resolve(USERS)));
          Dataset<Row> written = spark.read().parquet(PrepareJob.uri(dir.resolve(MOVIES)));
          counts[1] = written.count();
          counts[0] = spark.read().parquet(PrepareJob.uri(dir.resolve(USERS))).count();
          List<Row> first = written.limit(1).collectAsList();
          counts[2] = first.isEmpty() ? 0 : first.get(0).getList(1).size();
          Properties p = new Properties();
          p.setProperty("model", modelDir);
          p.setProperty("data", data.toAbsolutePath().toString());
          p.setProperty("features", specs);
          p.setProperty("dimension", Long.toString(counts[2]));
          p.setProperty("users", Long.toString(counts[0]));
          p.setProperty("movies", Long.toString(counts[1]));
          try (OutputStream out = Files.newOutputStream(dir.resolve("embeddings.properties"))) {
            p.store(out, "movierec embeddings");
          }
        });
    catalogue.destroy();
    EmbedJobSummary s =
        new EmbedJobSummary(
            output, counts[0], counts[1], (int) counts[2], (System.nanoTime() - start) / 1e9);
    LOG.info("{}", s);
    return s;
  }

  /**
   * {@code userId hist_movies hist_scores}: every user of the data set with, for a history schema,
   * their latest ratings (most recent first, then later lines first), taken by a window function.
   */
  private static Dataset<Row> usersWithHistory(
      SparkSession spark, PreparedDataset prepared, SlotSchema schema, int slices)
      throws IOException {
    List<Row> ids = new ArrayList<>();
    prepared.users().keySet().forEach(id -> ids.add(RowFactory.create(id)));
    Dataset<Row> users =
        spark.createDataFrame(ids, new StructType().add("userId", DataTypes.IntegerType, false));
    int keep = schema.historyLength();
    if (keep == 0) {
      return users.repartition(slices);
    }
    StructType ratingsSchema =
        new StructType()
            .add("logid", DataTypes.LongType)
            .add("user", DataTypes.IntegerType)
            .add("movie", DataTypes.IntegerType)
            .add("rating", DataTypes.FloatType)
            .add("time", DataTypes.LongType)
            .add("split", DataTypes.StringType);
    Dataset<Row> ratings =
        spark
            .read()
            .option("sep", "\t")
            .option("comment", "#")
            .schema(ratingsSchema)
            .csv(PrepareJob.uri(prepared.directory().resolve(SplitRatings.FILE)));
    Dataset<Row> latest =
        ratings
            .withColumn(
                "rn",
                row_number()
                    .over(
                        Window.partitionBy("user")
                            .orderBy(col("time").desc(), col("logid").desc())))
            .filter(col("rn").leq(keep))
            .groupBy("user")
            .agg(collect_list(struct(col("rn"), col("movie"), col("rating"))).as("hist"));
    return users
        .join(latest, users.col("userId").equalTo(latest.col("user")), "left")
        .select("userId", "hist");
  }

  /** Settings of an {@link EmbedJob}. */
  public static final class Builder {
    private final Path model;
    private final Path data;
    private final Path output;
    private int batchSize = 1024;

    private Builder(Path model, Path data, Path output) {
      this.model = checkNotNull(model, "model");
      this.data = checkNotNull(data, "data");
      this.output = checkNotNull(output, "output");
    }

    /** Users or movies per model call (default 1,024). */
    public Builder withBatchSize(int batchSize) {
      checkArgument(batchSize >= 1, "batch size must be at least 1, got %s", batchSize);
      this.batchSize = batchSize;
      return this;
    }

    /** The job. */
    public EmbedJob build() {
      return new EmbedJob(this);
    }
  }
}
