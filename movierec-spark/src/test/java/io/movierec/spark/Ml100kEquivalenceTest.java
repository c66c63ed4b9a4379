package io.movierec.spark;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.movierec.features.SlotSchema;
import io.movierec.prepare.DatasetPreparer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On the real ml-100k, the Spark job's output equals {@code prepare}'s (the synthetic check of
 * {@link PrepareEquivalenceTest} on real data). Runs only with {@code -Dmovierec.spark.ml100k=true}
 * and the data under {@code movierec.data.dir}: about a minute more.
 */
class Ml100kEquivalenceTest {

  @TempDir Path dir;

  @Test
  void sparkPrepareOfMl100kEqualsPrepare() throws IOException {
    assumeTrue(
        Boolean.getBoolean("movierec.spark.ml100k"),
        "skipped: run with -Dmovierec.spark.ml100k=true to compare on ml-100k");
    String root = System.getProperty("movierec.data.dir", "");
    Path src = Path.of(root, "ml-100k");
    assumeTrue(
        Files.isRegularFile(src.resolve("u.data")),
        "skipped: no ml-100k under movierec.data.dir (" + root + ")");
    SlotSchema schema = SlotSchema.withHistory();
    DatasetPreparer.newBuilder(src, dir.resolve("single"))
        .withSchema(schema)
        .withValidation(true)
        .build()
        .prepare();
    PrepareJob.newBuilder(src, dir.resolve("spark"))
        .withSchema(schema)
        .withValidation(true)
        .build()
        .run(SparkTestSession.get());

    PrepareEquivalenceTest.assertSameOutput(dir.resolve("single"), dir.resolve("spark"), true);
  }
}
