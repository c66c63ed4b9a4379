package io.movierec.spark;

import org.apache.spark.sql.SparkSession;

/** One local Spark session for all the module's tests (starting one takes seconds). */
final class SparkTestSession {

  private static SparkSession spark;

  private SparkTestSession() {}

  static synchronized SparkSession get() {
    if (spark == null) {
      spark =
          SparkSession.builder()
              .master("local[2]")
              .appName("movierec-spark tests")
              .config("spark.ui.enabled", "false")
              .config("spark.sql.shuffle.partitions", "2")
              .config("spark.default.parallelism", "2")
              .config("spark.sql.adaptive.enabled", "false")
              // Tiny data: compiling generated code costs more than it saves.
              .config("spark.sql.codegen.wholeStage", "false")
              .config("spark.sql.codegen.factoryMode", "NO_CODEGEN")
              .getOrCreate();
    }
    return spark;
  }
}
