package io.movierec.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.movierec.data.MalformedDataException;
import io.movierec.data.ReadOptions;
import io.movierec.prepare.DatasetPreparer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A malformed rating in a CSV or Parquet source fails the job with {@code prepare}'s message (file,
 * line or row, field, value), or is counted and skipped in lenient mode.
 */
class BadInputTest {

  @TempDir Path dir;

  private static final String MOVIES =
      "movieId,title,genres\n1,Alpha (1995),Drama\n2,Beta (1996),Comedy\n3,Gamma (1997),Action\n";

  /** A CSV MovieLens directory whose ratings.csv holds {@code rows} after the header. */
  private Path csvSet(String rows) throws IOException {
    Path src = dir.resolve("src");
    Files.createDirectories(src);
    Files.writeString(src.resolve("movies.csv"), MOVIES, StandardCharsets.UTF_8);
    Files.writeString(
        src.resolve("ratings.csv"),
        "userId,movieId,rating,timestamp\n" + rows,
        StandardCharsets.UTF_8);
    return src;
  }

  private static final String GOOD_ROWS =
      "1,1,4.0,100\n1,2,3.5,200\n1,3,5.0,300\n2,1,2.0,100\n2,3,1.5,150\n";

  private static String prepareError(Path src, Path out) {
    try {
      DatasetPreparer.newBuilder(src, out).build().prepare();
    } catch (MalformedDataException e) {
      return e.getMessage();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("prepare accepted the file");
  }

  @Test
  void aMalformedCsvRowFailsWithPreparesMessage() throws IOException {
    Path src = csvSet(GOOD_ROWS + "2,2,7,400\n");
    String expected = prepareError(src, dir.resolve("single"));

    assertThatThrownBy(
            () ->
                PrepareJob.newBuilder(src, dir.resolve("spark"))
                    .build()
                    .run(SparkTestSession.get()))
        .isInstanceOf(MalformedDataException.class)
        .hasMessage(expected)
        .hasMessage("ratings.csv line 7, field rating: \"7\" is outside 0.5..5");
    assertThat(dir.resolve("spark")).doesNotExist();
  }

  @Test
  void aRepeatedRatingFailsWithPreparesMessage() throws IOException {
    Path src = csvSet(GOOD_ROWS + "1,2,1.0,500\n");
    String expected = prepareError(src, dir.resolve("single"));

    assertThatThrownBy(
            () ->
                PrepareJob.newBuilder(src, dir.resolve("spark"))
                    .build()
                    .run(SparkTestSession.get()))
        .isInstanceOf(MalformedDataException.class)
        .hasMessage(expected);
  }

  @Test
  void leniencyCountsAndSkipsBadRowsAsPrepareDoes() throws IOException {
    Path src = csvSet(GOOD_ROWS + "2,2,7,400\n2,x,3,400\n1,2,1.0,500\n3,1,4,10\n3,2,4,20\n");
    DatasetPreparer.newBuilder(src, dir.resolve("single"))
        .withReadOptions(ReadOptions.newBuilder().withLenient(true).build())
        .build()
        .prepare();

    PrepareJobSummary s =
        PrepareJob.newBuilder(src, dir.resolve("spark"))
            .withLenient(true)
            .build()
            .run(SparkTestSession.get());

    assertThat(s.skippedLines()).isEqualTo(3);
    assertThat(s.firstProblems())
        .containsExactly(
            "ratings.csv line 7, field rating: \"7\" is outside 0.5..5",
            "ratings.csv line 8, field movie: \"x\" is not a whole number",
            "ratings.csv line 9, field movie: \"2\" was rated by user 1 before, on line 3"
                + " (a repeated rating)");
    PrepareEquivalenceTest.assertSameOutput(dir.resolve("single"), dir.resolve("spark"), false);
  }

  /** A Parquet file of the rows; {@code rating} is a double column, as Spark writes CSV's. */
  private Path parquet(List<Row> rows) {
    SparkSession spark = SparkTestSession.get();
    StructType schema =
        new StructType()
            .add("userId", DataTypes.IntegerType, true)
            .add("movieId", DataTypes.IntegerType, true)
            .add("rating", DataTypes.DoubleType, true)
            .add("timestamp", DataTypes.LongType, true);
    Path file = dir.resolve("ratings.parquet");
    spark.createDataFrame(rows, schema).coalesce(1).write().parquet(file.toString());
    return file;
  }

  private static final List<Row> GOOD =
      List.of(
          RowFactory.create(1, 1, 4.0, 100L),
          RowFactory.create(1, 2, 3.5, 200L),
          RowFactory.create(2, 1, 2.0, 100L),
          RowFactory.create(2, 3, 1.5, 150L));

  @Test
  void aMalformedParquetRowFailsNamingFileRowFieldAndValue() throws IOException {
    Path src = csvSet("");
    List<Row> rows = new java.util.ArrayList<>(GOOD);
    rows.add(RowFactory.create(2, 2, 4.25, 300L));
    Path parquet = parquet(rows);

    assertThatThrownBy(
            () ->
                PrepareJob.newBuilder(src, dir.resolve("spark"))
                    .withRatingsFile(parquet.toString())
                    .build()
                    .run(SparkTestSession.get()))
        .isInstanceOf(MalformedDataException.class)
        .hasMessage("ratings.parquet line 5, field rating: \"4.25\" is not a multiple of 0.5");
  }

  @Test
  void leniencySkipsAParquetRowWithoutAUser() throws IOException {
    Path src = csvSet("");
    List<Row> rows = new java.util.ArrayList<>(GOOD);
    rows.add(RowFactory.create(null, 2, 4.0, 300L));
    Path parquet = parquet(rows);

    PrepareJobSummary s =
        PrepareJob.newBuilder(src, dir.resolve("spark"))
            .withRatingsFile(parquet.toString())
            .withLenient(true)
            .build()
            .run(SparkTestSession.get());

    assertThat(s.ratings()).isEqualTo(4);
    assertThat(s.skippedLines()).isEqualTo(1);
    assertThat(s.firstProblems())
        .containsExactly("ratings.parquet line 5, field user: \"\" is empty");
  }
}
