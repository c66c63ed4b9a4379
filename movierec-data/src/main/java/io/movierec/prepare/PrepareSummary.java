package io.movierec.prepare;

import io.movierec.data.ReadSummary;
import io.movierec.features.CollisionReport;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What {@link DatasetPreparer#prepare()} did.
 *
 * @param directory the prepared data set
 * @param users users read
 * @param movies movies read
 * @param ratings ratings read
 * @param train training rows written
 * @param test test rows written
 * @param validation validation rows written
 * @param skippedLines malformed lines skipped (lenient mode only)
 * @param collisions slot values that share an embedding row
 * @param read what the readers read, with the first problems in lenient mode
 * @param seconds wall time
 */
public record PrepareSummary(
    Path directory,
    int users,
    int movies,
    long ratings,
    long train,
    long test,
    long validation,
    long skippedLines,
    CollisionReport collisions,
    ReadSummary read,
    double seconds) {

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "prepared %s in %.2f s%n  users %,d  movies %,d  ratings %,d%n  train %,d  test %,d  "
            + "validation %,d  skipped lines %,d%n  hash collisions: %s",
        directory,
        seconds,
        users,
        movies,
        ratings,
        train,
        test,
        validation,
        skippedLines,
        collisions);
  }
}
