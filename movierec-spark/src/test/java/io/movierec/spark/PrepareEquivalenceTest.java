package io.movierec.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.movierec.features.PaddleRecHasher;
import io.movierec.features.SlotSchema;
import io.movierec.prepare.DatasetPreparer;
import io.movierec.prepare.PrepareSummary;
import io.movierec.synthetic.SyntheticMovieLens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark job's output equals single-JVM {@code prepare}'s: the same sample lines in each split
 * (as multisets: the training order is another shuffle), the same ratings.tsv, users and movies.
 */
class PrepareEquivalenceTest {

  @TempDir Path dir;

  /**
   * A synthetic ml-1m set whose timestamps are cut to the hour, so that many users have several
   * ratings in their latest "second" and the tie rule decides the test and validation rows.
   */
  private Path synthetic() throws IOException {
    Path src = dir.resolve("src");
    SyntheticMovieLens.newBuilder()
        .withUsers(120)
        .withMovies(80)
        .withRatings(4_000)
        .withMinRatingsPerUser(2)
        .withSeed(5)
        .build()
        .writeTo(src);
    Path ratings = src.resolve(SyntheticMovieLens.RATINGS_FILE);
    List<String> lines = new ArrayList<>();
    for (String line : Files.readAllLines(ratings, StandardCharsets.ISO_8859_1)) {
      String[] f = line.split("::");
      long t = Long.parseLong(f[3]);
      lines.add(f[0] + "::" + f[1] + "::" + f[2] + "::" + (t - t % 3600));
    }
    Files.write(ratings, lines, StandardCharsets.ISO_8859_1);
    return src;
  }

  @Test
  void sparkPrepareWritesTheSameSamplesAsPrepare() throws IOException {
    Path src = synthetic();
    PrepareSummary single =
        DatasetPreparer.newBuilder(src, dir.resolve("single"))
            .withValidation(true)
            .build()
            .prepare();
    PrepareJobSummary spark =
        PrepareJob.newBuilder(src, dir.resolve("spark"))
            .withValidation(true)
            .build()
            .run(SparkTestSession.get());

    assertThat(spark.test()).isEqualTo(single.test()).isPositive();
    assertThat(spark.validation()).isEqualTo(single.validation()).isPositive();
    assertSameOutput(dir.resolve("single"), dir.resolve("spark"), true);
  }

  @Test
  void sparkPrepareEncodesTheHistoryAsPrepareDoes() throws IOException {
    Path src = synthetic();
    SlotSchema schema = SlotSchema.withHistory();
    DatasetPreparer.newBuilder(src, dir.resolve("single"))
        .withSchema(schema)
        .withHasher(new PaddleRecHasher())
        .withValidation(true)
        .build()
        .prepare();
    PrepareJob.newBuilder(src, dir.resolve("spark"))
        .withSchema(schema)
        .withHasher(new PaddleRecHasher())
        .withValidation(true)
        .build()
        .run(SparkTestSession.get());

    assertSameOutput(dir.resolve("single"), dir.resolve("spark"), true);
  }

  @Test
  void sparkPrepareSplitsAsPaddleRecWhenAskedTo() throws IOException {
    Path src = synthetic();
    DatasetPreparer.newBuilder(src, dir.resolve("single"))
        .withPaddleRecCompatible(true)
        .build()
        .prepare();
    PrepareJob.newBuilder(src, dir.resolve("spark"))
        .withPaddleRecCompatible(true)
        .build()
        .run(SparkTestSession.get());

    assertSameOutput(dir.resolve("single"), dir.resolve("spark"), false);
  }

  static void assertSameOutput(Path single, Path spark, boolean validation) throws IOException {
    List<String> parts = new ArrayList<>(List.of("train", "test"));
    if (validation) {
      parts.add("validation");
    }
    for (String part : parts) {
      List<String> expected = sampleLines(single.resolve(part));
      assertThat(sampleLines(spark.resolve(part)))
          .as(part)
          .isNotEmpty()
          .containsExactlyInAnyOrderElementsOf(expected);
    }
    for (String file : List.of("ratings.tsv", "users.tsv", "movies.tsv")) {
      assertThat(Files.readAllLines(spark.resolve(file)))
          .as(file)
          .containsExactlyElementsOf(Files.readAllLines(single.resolve(file)));
    }
  }

  static List<String> sampleLines(Path splitDir) throws IOException {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.list(splitDir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
        lines.addAll(Files.readAllLines(f, StandardCharsets.US_ASCII));
      }
    }
    return lines;
  }
}
