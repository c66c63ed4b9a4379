package io.movierec.spark;

import java.nio.file.Path;
import java.util.List;

/**
 * What a {@link PrepareJob} did.
 *
 * @param output the prepared data set
 * @param users users in {@code users.tsv}
 * @param movies movies in {@code movies.tsv}
 * @param ratings ratings kept (train + test + validation)
 * @param train training samples
 * @param test test samples
 * @param validation validation samples
 * @param skippedLines lines skipped in lenient mode (catalogue and ratings, repeats included)
 * @param firstProblems the messages of the first skipped lines
 * @param seconds wall time
 */
public record PrepareJobSummary(
    Path output,
    long users,
    long movies,
    long ratings,
    long train,
    long test,
    long validation,
    long skippedLines,
    List<String> firstProblems,
    double seconds) {

  /** Copies the list. */
  public PrepareJobSummary {
    firstProblems = List.copyOf(firstProblems);
  }

  @Override
  public String toString() {
    return String.format(
        "prepared %s on Spark: %,d users, %,d movies, %,d ratings (train %,d, test %,d,"
            + " validation %,d), %,d lines skipped, %.1f s",
        output, users, movies, ratings, train, test, validation, skippedLines, seconds);
  }
}
